//! User preferences (`settings.toml`). Unknown fields are ignored and missing ones take their
//! defaults, so an old or hand-edited file never stops Pochta from starting.

use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// "en", "ru", or empty to follow the system locale.
    pub language: String,
    /// "light", "dark", or "system".
    pub theme: String,
    /// Minutes between polls of folders other than INBOX (INBOX uses IDLE).
    pub poll_minutes: u32,
    pub window_width: f32,
    pub window_height: f32,
    /// Where the window was last (absent: the window manager places it).
    pub window_x: Option<f32>,
    pub window_y: Option<f32>,
    /// Width of the folder pane and of the message list, in logical pixels.
    pub folder_pane_width: f32,
    pub list_pane_width: f32,
    /// The message list's column widths (logical pixels): correspondent, date, size.
    pub list_from_width: f32,
    pub list_date_width: f32,
    pub list_size_width: f32,
    /// The message list shows two lines per message (sender over subject) instead of one.
    pub list_two_lines: bool,
    /// Senders whose remote content (images) loads without asking.
    pub remote_content_allowed: Vec<String>,
    /// A CA certificate (PEM) trusted, besides the system's, for remote images: an intranet's own.
    /// It adds trust; it never turns verification off.
    pub remote_content_ca_file: Option<std::path::PathBuf>,
    /// Replies start above the quoted letter (top-posting) instead of below it.
    pub reply_above_quote: bool,
    /// New-mail notifications name the sender and the subject; off, they say only how many
    /// letters came (for a screen others can see).
    pub notification_content: bool,
    /// Searches kept in the folder tree ("smart folders"), in the order they were saved.
    pub saved_searches: Vec<SavedSearch>,
    /// OAuth 2.0 client registrations by provider id (`[oauth_clients.gmail] client_id = "..."`),
    /// over the ones this build was made with (a distribution's or a user's own registration).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub oauth_clients: std::collections::BTreeMap<String, OAuthClient>,
}

/// A client registration with a provider: the id, and the secret where the provider requires
/// one even for installed apps (Google). Neither is a user's secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthClient {
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// A search kept in the folder tree: its name there and the query it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: String::new(),
            theme: "system".into(),
            poll_minutes: 5,
            window_width: 1200.0,
            // Fits a 1366x768 screen less its panels and the title bar; the window is fitted to
            // the real screen once open (ui::app::desktop).
            window_height: 680.0,
            window_x: None,
            window_y: None,
            // The reader's 560 px in the first window (1200 wide) hold a plain letter's
            // 76 columns without breaking its lines.
            folder_pane_width: 210.0,
            list_pane_width: 430.0,
            list_from_width: 150.0,
            list_date_width: 86.0,
            list_size_width: 50.0,
            list_two_lines: true,
            remote_content_allowed: Vec::new(),
            remote_content_ca_file: None,
            reply_above_quote: false,
            notification_content: true,
            saved_searches: Vec::new(),
            oauth_clients: Default::default(),
        }
    }
}

impl Settings {
    /// Reads the file; a missing or unreadable file gives the defaults (with a warning for the latter).
    pub fn load(path: &Path) -> Settings {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Settings::default();
        };
        toml::from_str(&text).unwrap_or_else(|err| {
            tracing::warn!("{}: ignoring broken settings: {err}", path.display());
            Settings::default()
        })
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = toml::to_string_pretty(self).map_err(std::io::Error::other)?;
        super::accounts::write_atomically(path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_missing_fields_are_tolerated() {
        let settings: Settings = toml::from_str("theme = \"dark\"\nfuture_option = 3\n").unwrap();
        assert_eq!(settings.theme, "dark");
        assert_eq!(settings.poll_minutes, 5);
    }

    #[test]
    fn a_broken_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "theme = [unclosed").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }
}
