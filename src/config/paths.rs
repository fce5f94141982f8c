//! Resolves every location Pochta writes to. With `--profile DIR` or `POCHTA_PROFILE` everything
//! goes under one folder (portable installs, tests, `--demo`); otherwise the XDG locations.

use std::path::{Path, PathBuf};

/// The environment variable that, like `--profile`, puts everything under one folder.
pub const PROFILE_ENV: &str = "POCHTA_PROFILE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `settings.toml`, `accounts.toml`.
    pub config_dir: PathBuf,
    /// `pochta.sqlite3` and its WAL.
    pub data_dir: PathBuf,
    /// Rebuildable things (rendered previews, logs).
    pub cache_dir: PathBuf,
    /// Sockets and locks of a running instance.
    pub runtime_dir: PathBuf,
}

impl Paths {
    /// Everything under one folder.
    pub fn in_profile(dir: &Path) -> Paths {
        Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
            cache_dir: dir.join("cache"),
            runtime_dir: dir.join("run"),
        }
    }

    /// `--profile` if given, else `POCHTA_PROFILE`, else the XDG locations.
    pub fn resolve(profile: Option<&Path>) -> Paths {
        if let Some(dir) = profile {
            return Paths::in_profile(dir);
        }
        if let Some(dir) = std::env::var_os(PROFILE_ENV).filter(|v| !v.is_empty()) {
            return Paths::in_profile(Path::new(&dir));
        }
        Paths::xdg()
    }

    fn xdg() -> Paths {
        match directories::ProjectDirs::from("org", "Pochta", "pochta") {
            Some(dirs) => Paths {
                config_dir: dirs.config_dir().to_path_buf(),
                data_dir: dirs.data_dir().to_path_buf(),
                cache_dir: dirs.cache_dir().to_path_buf(),
                runtime_dir: dirs.runtime_dir().map(Path::to_path_buf).unwrap_or_else(|| dirs.cache_dir().join("run")),
            },
            // No home directory at all (a bare container): fall back to the working directory.
            None => Paths::in_profile(Path::new(".pochta")),
        }
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.toml")
    }

    pub fn accounts_file(&self) -> PathBuf {
        self.config_dir.join("accounts.toml")
    }

    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join("pochta.sqlite3")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.cache_dir.join("log")
    }

    /// Creates the folders with owner-only permissions: mail is private.
    pub fn create_all(&self) -> std::io::Result<()> {
        for dir in [&self.config_dir, &self.data_dir, &self.cache_dir, &self.runtime_dir] {
            std::fs::create_dir_all(dir)?;
            restrict_to_owner(dir)?;
        }
        Ok(())
    }
}

#[cfg(unix)]
fn restrict_to_owner(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn restrict_to_owner(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_puts_everything_under_one_folder() {
        let paths = Paths::resolve(Some(Path::new("/tmp/p")));
        for path in [paths.settings_file(), paths.accounts_file(), paths.database_file(), paths.log_dir()] {
            assert!(path.starts_with("/tmp/p"), "{path:?}");
        }
        assert!(paths.runtime_dir.starts_with("/tmp/p"));
    }
}
