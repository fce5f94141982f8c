//! The desktop's file dialogs (xdg-desktop-portal, else zenity, through rfd), as async functions
//! for `Task::perform`. Without a portal or zenity (headless, CI) every dialog answers "cancelled",
//! so callers treat `None` as "the user changed their mind", never as an error.

use std::path::{Path, PathBuf};

/// Asks where to save a file, starting in `directory` with `suggested_name` filled in.
pub async fn save_file(title: String, directory: Option<PathBuf>, suggested_name: String) -> Option<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(title).set_file_name(suggested_name);
    if let Some(directory) = directory.as_deref().filter(|dir| dir.is_dir()) {
        dialog = dialog.set_directory(directory);
    }
    dialog.save_file().await.map(|handle| handle.path().to_path_buf())
}

/// Asks for one or more files to open (attachments, archives to import).
pub async fn pick_files(title: String, filters: Vec<(String, Vec<String>)>) -> Vec<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
    for (name, extensions) in &filters {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.pick_files().await.unwrap_or_default().iter().map(|handle| handle.path().to_path_buf()).collect()
}

/// Asks for a folder (a Maildir to import, a folder to save attachments in).
pub async fn pick_folder(title: String, directory: Option<PathBuf>) -> Option<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
    if let Some(directory) = directory.as_deref().filter(|dir| Path::is_dir(dir)) {
        dialog = dialog.set_directory(directory);
    }
    dialog.pick_folder().await.map(|handle| handle.path().to_path_buf())
}

/// Whether a dialog can be shown at all: a D-Bus session (for the portal) or zenity. Without
/// either, a dialog would only ever answer "cancelled", so callers fall back (Save goes to
/// Downloads) instead of doing nothing.
pub fn available() -> bool {
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file()));
    session_bus || zenity
}
