//! The demo mailbox: `pochta --demo` opens the window on a throw-away profile holding a local
//! account filled with the letters written for the project (`assets/demo`: English and Russian,
//! threads, HTML, attachments, old charsets), so a newcomer sees real-looking mail without an
//! account. `folders.toml` there says which folder and flags each letter gets.

use super::{EngineError, EngineHandle, Event};
use crate::model::Flags;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEMO_ADDRESS: &str = "demo@pochta.example";

#[derive(Deserialize)]
struct DemoIndex {
    #[serde(default)]
    folder: Vec<DemoFolder>,
    #[serde(default)]
    message: Vec<DemoMessage>,
}

#[derive(Deserialize)]
struct DemoFolder {
    name: String,
    /// "inbox", "sent", "archive"...: shown under its everyday name in the interface's language.
    #[serde(default)]
    role: Option<String>,
}

#[derive(Deserialize)]
struct DemoMessage {
    file: String,
    folder: String,
    #[serde(default)]
    flags: Vec<String>,
}

/// Where the demo letters are: next to the source tree when run from it, or where the
/// package installs them.
pub fn demo_dir() -> Option<PathBuf> {
    let from_env = std::env::var_os("POCHTA_DEMO_DIR").map(PathBuf::from);
    let from_source = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent()?.parent().map(|root| root.join("assets/demo")));
    let installed = Some(PathBuf::from("/usr/share/pochta/demo"));
    [from_env, from_source, installed].into_iter().flatten().find(|dir| dir.join("folders.toml").is_file())
}

impl EngineHandle {
    /// Creates the local demo account from the letters in `dir`; returns how many were filed.
    pub fn load_demo_mailbox(&self, dir: &Path) -> Result<usize, EngineError> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).map_err(|err| {
                EngineError::config(crate::fl!("error-demo-incomplete", name = name.to_string(), err = err.to_string()))
            })
        };
        let index: DemoIndex = toml::from_str(&String::from_utf8_lossy(&read("folders.toml")?))
            .map_err(|err| EngineError::config(crate::fl!("error-demo-index", err = err.to_string())))?;
        let account = self.ensure_local_account(DEMO_ADDRESS, "Pochta demo")?;
        for folder in &index.folder {
            if !self.inner.store.folders(account)?.iter().any(|f| f.path == folder.name) {
                let id = self.inner.store.create_local_folder(account, &folder.name)?;
                if let Some(role) = folder.role.as_deref().and_then(crate::model::FolderRole::parse) {
                    self.inner.store.set_local_folder_role(id, role)?;
                }
            }
        }
        let folders = self.inner.store.folders(account)?;
        let mut filed = 0;
        for letter in &index.message {
            let folder = folders.iter().find(|f| f.path == letter.folder).ok_or_else(|| {
                EngineError::config(crate::fl!("error-demo-folder-missing", folder = letter.folder.as_str()))
            })?;
            let mut record = crate::engine::sync::record_from_message(read(&letter.file)?);
            record.flags = Flags::from_names(letter.flags.iter().map(String::as_str));
            self.inner.store.upsert_messages(folder.id, &[record])?;
            filed += 1;
        }
        self.inner.store.wait_for_search_index()?;
        self.emit(Event::AccountsChanged);
        Ok(filed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Paths;

    #[test]
    fn the_demo_mailbox_fills_its_folders_with_every_letter() {
        let profile = tempfile::tempdir().unwrap();
        let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        assert_eq!(engine.load_demo_mailbox(&dir).unwrap(), 30);
        let folders = engine.folders(None).unwrap();
        let total: u64 = folders.iter().map(|f| f.total).sum();
        assert_eq!(total, 30, "{folders:?}");
        assert!(folders.iter().any(|f| f.path == "Работа" && f.total > 0));
        assert!(folders.iter().any(|f| f.path == "INBOX" && f.unread > 0));
        let found = engine.search("Казань", 10).unwrap();
        assert!(!found.is_empty(), "the demo letters are searchable");
    }
}
