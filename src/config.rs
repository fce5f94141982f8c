//! Where Pochta keeps things and what the user configured: paths (XDG or one `--profile` folder),
//! settings and accounts in TOML. Never secrets: passwords live in the keyring or come from a command.

mod accounts;
mod paths;
mod settings;

pub use accounts::{AccountsFile, ConfigError};
pub use paths::Paths;
pub use settings::{OAuthClient, SavedSearch, Settings};
