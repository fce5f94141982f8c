//! The Settings screen from the window: opening it with the saved preferences, and saving them,
//! which applies the language and the theme at once (the next view is built with the new
//! strings) and writes settings.toml off the window's thread.

use super::{App, Message};
use crate::ui::settings::{self, ThemeChoice};
use iced::Task;

impl App {
    pub(super) fn on_settings(&mut self, message: settings::Message) -> Task<Message> {
        let Some(screen) = self.settings_mut() else { return Task::none() };
        match screen.update(message) {
            Some(settings::Event::Save(preferences)) => {
                let engine = self.engine.clone();
                let saved = preferences.clone();
                let write = Task::perform(
                    async move { engine.save_preferences(*saved).await.map_err(|e| e.to_string()) },
                    Message::SettingsWritten,
                );
                let language = preferences.language.trim();
                crate::i18n::select_language((!language.is_empty()).then_some(language));
                self.close_screen();
                self.status = crate::fl!("settings-saved");
                let choice = ThemeChoice::from_setting(&preferences.theme);
                self.theme = choice.theme();
                // "System" follows the desktop's colour scheme again (asked once now, then its
                // changes); a named theme stays whatever the desktop says.
                self.theme_chosen = choice != ThemeChoice::System;
                if !self.theme_chosen {
                    let scheme = Task::perform(super::theme::system_prefers_dark(), Message::SystemScheme);
                    return Task::batch([write, scheme]);
                }
                return write;
            }
            Some(settings::Event::Closed) => self.close_screen(),
            None => {}
        }
        Task::none()
    }
}
