//! The desktop's file dialogs, as async functions for `Task::perform`: xdg-desktop-portal when it
//! is installed (through rfd), else zenity or kdialog run directly (a desktop without the portal,
//! such as a bare window manager), else none: [`available`] says so and [`missing`] says what to
//! install, so callers explain instead of doing nothing. A dialog closed without a choice
//! answers `None` (or nothing picked): the user changed their mind, never an error.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use tokio::process::Command;

/// Which dialog this desktop can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Portal,
    Zenity,
    Kdialog,
}

fn backend() -> Option<Backend> {
    if portal_installed() {
        Some(Backend::Portal)
    } else if on_path("zenity") {
        Some(Backend::Zenity)
    } else if on_path("kdialog") {
        Some(Backend::Kdialog)
    } else {
        None
    }
}

/// The portal is a D-Bus service started on demand: installed when its service file is in one
/// of the data directories and a session bus exists to reach it.
fn portal_installed() -> bool {
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let data_dirs = std::env::var_os("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| OsString::from("/usr/local/share:/usr/share"));
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&data_dirs).collect();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".local/share"));
    }
    session_bus && dirs.iter().any(|dir| dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service").is_file())
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Whether a dialog can be shown at all.
pub fn available() -> bool {
    backend().is_some()
}

/// What to install to get file dialogs, said to the person when [`available`] is false.
pub fn missing() -> String {
    crate::fl!("file-dialog-missing")
}

/// Asks where to save a file, starting in `directory` with `suggested_name` filled in.
pub async fn save_file(title: String, directory: Option<PathBuf>, suggested_name: String) -> Option<PathBuf> {
    let directory = directory.filter(|dir| dir.is_dir());
    match backend()? {
        Backend::Portal => {
            let mut dialog = rfd::AsyncFileDialog::new().set_title(title).set_file_name(suggested_name);
            if let Some(directory) = directory.as_deref() {
                dialog = dialog.set_directory(directory);
            }
            dialog.save_file().await.map(|handle| handle.path().to_path_buf())
        }
        Backend::Zenity => {
            let start = directory.unwrap_or_default().join(suggested_name);
            let mut args = vec!["--file-selection".into(), "--save".into(), "--confirm-overwrite".into()];
            args.push(format!("--title={title}").into());
            args.push(prefixed("--filename=", &start));
            run("zenity", args).await.into_iter().next()
        }
        Backend::Kdialog => {
            let start = directory.unwrap_or_default().join(suggested_name);
            run("kdialog", vec!["--title".into(), title.into(), "--getsavefilename".into(), start.into()])
                .await
                .into_iter()
                .next()
        }
    }
}

/// Asks for one or more files to open (attachments, archives to import).
pub async fn pick_files(title: String, filters: Vec<(String, Vec<String>)>) -> Vec<PathBuf> {
    match backend() {
        Some(Backend::Portal) => {
            let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
            for (name, extensions) in &filters {
                dialog = dialog.add_filter(name, extensions);
            }
            dialog.pick_files().await.unwrap_or_default().iter().map(|handle| handle.path().to_path_buf()).collect()
        }
        Some(Backend::Zenity) => {
            let mut args: Vec<OsString> = vec!["--file-selection".into(), "--multiple".into(), "--separator=\n".into()];
            args.push(format!("--title={title}").into());
            for (name, extensions) in &filters {
                let patterns: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
                args.push(format!("--file-filter={name} | {}", patterns.join(" ")).into());
            }
            run("zenity", args).await
        }
        Some(Backend::Kdialog) => {
            let home = std::env::var_os("HOME").unwrap_or_default();
            let args = vec![
                "--title".into(),
                title.into(),
                "--getopenfilename".into(),
                home,
                "--multiple".into(),
                "--separate-output".into(),
            ];
            run("kdialog", args).await
        }
        None => Vec::new(),
    }
}

/// Asks for a folder (a Maildir to import, a folder to save attachments in).
pub async fn pick_folder(title: String, directory: Option<PathBuf>) -> Option<PathBuf> {
    let directory = directory.filter(|dir| Path::is_dir(dir));
    match backend()? {
        Backend::Portal => {
            let mut dialog = rfd::AsyncFileDialog::new().set_title(title);
            if let Some(directory) = directory.as_deref() {
                dialog = dialog.set_directory(directory);
            }
            dialog.pick_folder().await.map(|handle| handle.path().to_path_buf())
        }
        Backend::Zenity => {
            let mut args = vec!["--file-selection".into(), "--directory".into(), format!("--title={title}").into()];
            if let Some(directory) = directory {
                args.push(prefixed("--filename=", &directory.join("")));
            }
            run("zenity", args).await.into_iter().next()
        }
        Backend::Kdialog => {
            let start = directory.map(PathBuf::into_os_string).unwrap_or_default();
            run("kdialog", vec!["--title".into(), title.into(), "--getexistingdirectory".into(), start])
                .await
                .into_iter()
                .next()
        }
    }
}

fn prefixed(prefix: &str, path: &Path) -> OsString {
    let mut arg = OsString::from(prefix);
    arg.push(path.as_os_str());
    arg
}

/// Runs a dialog program; the paths it prints, one a line (nothing when cancelled or failed).
async fn run(program: &str, args: Vec<OsString>) -> Vec<PathBuf> {
    let output = match Command::new(program).args(args).output().await {
        Ok(output) if output.status.success() => output,
        Ok(_) => return Vec::new(),
        Err(err) => {
            tracing::warn!("{program} could not run: {err}");
            return Vec::new();
        }
    };
    use std::os::unix::ffi::OsStrExt;
    output
        .stdout
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| PathBuf::from(std::ffi::OsStr::from_bytes(line)))
        .collect()
}
