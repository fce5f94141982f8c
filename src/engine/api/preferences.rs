//! The user's preferences (`settings.toml` in the profile): read for the window and written by
//! its Settings screen. Background actors read the poll interval when they start.

use super::{EngineError, EngineHandle};
use crate::config::Settings;

impl EngineHandle {
    /// The saved preferences; a missing or broken file gives the defaults.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.inner.paths.settings_file())
    }

    /// Writes the preferences (atomically: a crash never leaves half a file).
    pub fn save_settings(&self, settings: &Settings) -> Result<(), EngineError> {
        let path = self.inner.paths.settings_file();
        settings.save(&path).map_err(|err| {
            EngineError::storage(crate::fl!(
                "error-config-write",
                path = path.display().to_string(),
                detail = err.to_string()
            ))
        })
    }
}
