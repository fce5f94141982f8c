//! The demo mailbox: `pochta --demo` opens the window on a throw-away profile holding a local
//! account filled with the letters written for the project (`assets/demo`: English and Russian,
//! threads, HTML, attachments, old charsets), so a newcomer sees real-looking mail without an
//! account. `folders.toml` there says which folder and flags each letter gets. The letters are
//! compiled into the binary (about 100 KB), so `--demo` works from any copy of it, a `cargo
//! install`ed one included; `POCHTA_DEMO_DIR` points at another set instead.

use super::{EngineError, EngineHandle, Event};
use crate::model::Flags;
use serde::Deserialize;
use std::path::PathBuf;

/// The demo mailbox is Anna Smirnova's (its letters are written to her): Reply all leaves her
/// out and her own letters in Sent read as hers.
pub const DEMO_ADDRESS: &str = "anna.smirnova@example.org";

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

/// The letters as built into the binary.
#[derive(rust_embed::RustEmbed)]
#[folder = "assets/demo/"]
struct EmbeddedLetters;

/// Where the demo letters come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoLetters {
    /// Compiled in (the usual case).
    Embedded,
    /// A folder holding `folders.toml` and the letters it lists.
    Dir(PathBuf),
}

impl DemoLetters {
    /// `POCHTA_DEMO_DIR` when set, else the letters built in.
    pub fn find() -> DemoLetters {
        match std::env::var_os("POCHTA_DEMO_DIR") {
            Some(dir) if !dir.is_empty() => DemoLetters::Dir(PathBuf::from(dir)),
            _ => DemoLetters::Embedded,
        }
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, EngineError> {
        let found = match self {
            DemoLetters::Embedded => EmbeddedLetters::get(name)
                .map(|file| file.data.into_owned())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            DemoLetters::Dir(dir) => std::fs::read(dir.join(name)),
        };
        found.map_err(|err| {
            EngineError::config(crate::fl!("error-demo-incomplete", name = name.to_string(), err = err.to_string()))
        })
    }
}

impl EngineHandle {
    /// Creates the local demo account from `letters`; returns how many were filed.
    pub fn load_demo_mailbox(&self, letters: &DemoLetters) -> Result<usize, EngineError> {
        let read = |name: &str| letters.read(name);
        let index: DemoIndex = toml::from_str(&String::from_utf8_lossy(&read("folders.toml")?))
            .map_err(|err| EngineError::config(crate::fl!("error-demo-index", err = err.to_string())))?;
        let account = self.ensure_local_account(DEMO_ADDRESS, "Anna Smirnova")?;
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
    fn the_demo_mailbox_fills_its_folders_with_every_letter_built_in() {
        let profile = tempfile::tempdir().unwrap();
        let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
        assert_eq!(engine.load_demo_mailbox(&DemoLetters::Embedded).unwrap(), 30);
        let folders = engine.folders(None).unwrap();
        let total: u64 = folders.iter().map(|f| f.total).sum();
        assert_eq!(total, 30, "{folders:?}");
        assert!(folders.iter().any(|f| f.path == "Работа" && f.total > 0));
        assert!(folders.iter().any(|f| f.path == "INBOX" && f.unread > 0));
        let found = engine.search("Казань", 10).unwrap();
        assert!(!found.is_empty(), "the demo letters are searchable");
        // The welcome letter suggests both words: each finds a letter besides the welcome.
        for word in ["Казань", "Tbilisi"] {
            let found = engine.search(word, 10).unwrap();
            assert!(found.iter().any(|m| !m.subject.starts_with("Welcome")), "{word}: {found:?}");
        }
    }

    #[test]
    fn reply_all_in_the_demo_leaves_out_anna_whose_mailbox_it_is() {
        let profile = tempfile::tempdir().unwrap();
        let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
        engine.load_demo_mailbox(&DemoLetters::Embedded).unwrap();
        let dinner = engine.search("dinner", 10).unwrap();
        let dinner = dinner.first().expect("the team dinner letter");
        let reply = engine.reply(dinner.id, true).unwrap();
        let everyone = [reply.to.clone(), reply.cc.clone()].concat();
        assert!(everyone.len() > 1, "everyone else is on the reply: {everyone:?}");
        assert!(!everyone.iter().any(|a| a.contains(DEMO_ADDRESS)), "not Anna herself: {everyone:?}");
    }

    #[test]
    fn a_demo_folder_without_its_index_is_said_by_name() {
        let profile = tempfile::tempdir().unwrap();
        let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
        let empty = tempfile::tempdir().unwrap();
        let err = engine.load_demo_mailbox(&DemoLetters::Dir(empty.path().to_path_buf())).unwrap_err();
        assert!(err.to_string().contains("folders.toml"), "{err}");
    }
}
