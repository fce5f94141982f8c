//! What fills the window under the header bar: the mail panes, or one other screen at a time
//! (the wizard, the accounts screen, Settings, import). One value, as halloy's `Screen`: opening a
//! screen replaces the one before, and no two are ever "open" with a precedence deciding which
//! one shows.

use super::App;
use crate::ui::accounts::Accounts;
use crate::ui::import::Import;
use crate::ui::settings::SettingsScreen;
use crate::ui::wizard::Wizard;

#[derive(Default)]
pub(super) enum Screen {
    /// The three panes (folders, list, reader) and the status line.
    #[default]
    Mail,
    /// The account wizard (first run, "Add account", or editing an account).
    Wizard(Box<Wizard>),
    /// The accounts screen (edit, senders, special folders, rules, remove).
    Accounts(Box<Accounts>),
    /// Language, theme, poll interval, notifications.
    Settings(Box<SettingsScreen>),
    /// Import from mbox, Maildir or .eml files.
    Import(Box<Import>),
}

impl App {
    /// The letter actions (reply, delete, junk, flag, read, move, the keys that walk the list)
    /// apply only while the mail panes show: on another screen the letter selected in the hidden
    /// list is not what the user looks at (issue 15); nor with the outbox over the list. Get
    /// mail and Write apply everywhere.
    pub(super) fn letters_shown(&self) -> bool {
        matches!(self.screen, Screen::Mail) && self.outbox.is_none()
    }

    pub(super) fn wizard_mut(&mut self) -> Option<&mut Wizard> {
        match &mut self.screen {
            Screen::Wizard(wizard) => Some(wizard),
            _ => None,
        }
    }

    pub(super) fn accounts_mut(&mut self) -> Option<&mut Accounts> {
        match &mut self.screen {
            Screen::Accounts(accounts) => Some(accounts),
            _ => None,
        }
    }

    pub(super) fn settings_mut(&mut self) -> Option<&mut SettingsScreen> {
        match &mut self.screen {
            Screen::Settings(settings) => Some(settings),
            _ => None,
        }
    }

    pub(super) fn import_mut(&mut self) -> Option<&mut Import> {
        match &mut self.screen {
            Screen::Import(import) => Some(import),
            _ => None,
        }
    }

    /// Back to the mail panes.
    pub(super) fn close_screen(&mut self) {
        self.screen = Screen::Mail;
    }

    /// The wizard gives way (a mailto: link opens a composer over the mail panes).
    pub(super) fn close_wizard(&mut self) {
        if matches!(self.screen, Screen::Wizard(_)) {
            self.close_screen();
        }
    }
}
