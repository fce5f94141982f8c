//! `accounts.toml`: the configured accounts, without secrets. Writes go through a temporary file
//! and a rename so a crash never leaves half a file.

use crate::model::AccountSettings;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    Read { path: PathBuf, source: std::io::Error },
    Parse { path: PathBuf, message: String },
    Write { path: PathBuf, source: std::io::Error },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ConfigError::Read { path, source } => {
                crate::fl!("error-config-read", path = path.display().to_string(), detail = source.to_string())
            }
            ConfigError::Parse { path, message } => {
                crate::fl!("error-config-parse", path = path.display().to_string(), detail = message.as_str())
            }
            ConfigError::Write { path, source } => {
                crate::fl!("error-config-write", path = path.display().to_string(), detail = source.to_string())
            }
        };
        f.write_str(&text)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountsFile {
    #[serde(default, rename = "account")]
    pub accounts: Vec<AccountSettings>,
}

impl AccountsFile {
    /// A missing file is no accounts; a broken one is an error, because silently dropping the
    /// user's accounts would be worse than refusing to start with a clear message.
    pub fn load(path: &Path) -> Result<AccountsFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(AccountsFile::default()),
            Err(source) => return Err(ConfigError::Read { path: path.into(), source }),
        };
        toml::from_str(&text).map_err(|err| ConfigError::Parse { path: path.into(), message: err.to_string() })
    }

    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let text = toml::to_string_pretty(self)
            .map_err(|err| ConfigError::Parse { path: path.into(), message: err.to_string() })?;
        write_atomically(path, text.as_bytes()).map_err(|source| ConfigError::Write { path: path.into(), source })
    }

    pub fn find(&self, email: &str) -> Option<&AccountSettings> {
        self.accounts.iter().find(|a| a.email.eq_ignore_ascii_case(email))
    }
}

/// Write to `path.tmp`, fsync, rename over `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pop3Options, Protocol, Security, ServerEndpoint};

    fn sample() -> AccountSettings {
        AccountSettings {
            email: "ivan@example.org".into(),
            name: "Иван".into(),
            protocol: Protocol::Pop3,
            incoming: ServerEndpoint { host: "pop.example.org".into(), port: 995, security: Security::Ssl },
            smtp: ServerEndpoint { host: "smtp.example.org".into(), port: 587, security: Security::Starttls },
            login: "ivan".into(),
            preset: None,
            password_command: Some("pass show mail".into()),
            oauth: None,
            ca_file: None,
            pop3: Pop3Options {
                leave_on_server: true,
                delete_after_days: Some(14),
                delete_when_deleted_locally: false,
            },
            sync: Default::default(),
            signature: None,
            identities: Vec::new(),
            special_folders: Default::default(),
            junk_filter: true,
            rules: vec![crate::model::Rule {
                name: "Счета".into(),
                move_to: Some("Счета/2025".into()),
                mark_read: true,
                ..crate::model::Rule::when(crate::model::Condition::header(
                    "List-Id",
                    crate::model::RuleTest::Contains,
                    "billing",
                ))
            }],
        }
    }

    #[test]
    fn round_trips_and_tolerates_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accounts.toml");
        let file = AccountsFile { accounts: vec![sample()] };
        file.save(&path).unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("\n[account.future]\nsomething = 1\n");
        std::fs::write(&path, text.replace("[[account]]", "[[account]]\nnew_field = true")).unwrap();
        assert_eq!(AccountsFile::load(&path).unwrap(), file);
    }

    #[test]
    fn missing_file_is_no_accounts() {
        let dir = tempfile::tempdir().unwrap();
        assert!(AccountsFile::load(&dir.path().join("none.toml")).unwrap().accounts.is_empty());
    }
}
