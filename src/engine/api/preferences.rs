//! The user's preferences (`settings.toml` in the profile): read for the window, and written
//! through one writer: every change (the Settings screen, the window's layout, senders whose
//! images may load) is a read-modify-write under the engine's config lock, so no writer loses
//! another's change. Background actors read the poll interval when they start.

use super::{EngineError, EngineHandle};
use crate::config::Settings;

impl EngineHandle {
    /// The saved preferences; a missing or broken file gives the defaults.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.inner.paths.settings_file())
    }

    /// Changes some preferences, keeping the rest as the file has them now (atomically: a crash
    /// never leaves half a file).
    pub fn edit_settings(&self, edit: impl FnOnce(&mut Settings)) -> Result<(), EngineError> {
        let _guard = self.inner.config_lock.lock().unwrap_or_else(|p| p.into_inner());
        let path = self.inner.paths.settings_file();
        let mut settings = Settings::load(&path);
        edit(&mut settings);
        settings.save(&path).map_err(|err| {
            EngineError::storage(crate::fl!(
                "error-config-write",
                path = path.display().to_string(),
                detail = err.to_string()
            ))
        })
    }

    /// [`edit_settings`](Self::edit_settings) off the caller's thread (the window's).
    pub async fn update_settings(&self, edit: impl FnOnce(&mut Settings) + Send + 'static) -> Result<(), EngineError> {
        self.off_thread(move |engine| engine.edit_settings(edit)).await
    }

    /// What the Settings screen owns: the language, the theme, the poll interval, where replies
    /// start and what notifications say. (Every field the screen shows is written here: one left
    /// out is a box the user ticks, sees "Settings saved", and finds unticked next time.)
    pub async fn save_preferences(&self, preferences: Settings) -> Result<(), EngineError> {
        self.update_settings(move |settings| {
            settings.language = preferences.language;
            settings.theme = preferences.theme;
            settings.poll_minutes = preferences.poll_minutes;
            settings.reply_above_quote = preferences.reply_above_quote;
            settings.notification_content = preferences.notification_content;
        })
        .await
    }
}
