//! Where passwords come from: the OS keyring (Secret Service over D-Bus) or the account's
//! `password_command`; for an account that signs in with its provider, its OAuth 2.0 refresh
//! token, kept here in the keyring (the access tokens: `oauth::tokens`). Never a file,
//! never a log: [`Password`] does not print itself.

use crate::model::AccountSettings;
use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

/// The keyring "service" attribute Pochta's items carry (seen in Seahorse/KWallet).
const KEYRING_SERVICE: &str = "org.pochta.Pochta";
/// The service of OAuth 2.0 refresh tokens, apart from passwords: an account may have both
/// while it moves from an app password to signing in with the provider.
const OAUTH_SERVICE: &str = "org.pochta.Pochta.OAuth2";
/// A password command that hangs (a locked GPG agent waiting for a pinentry nobody sees) must
/// not hang the sync forever.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// A secret. Debug and Display print a placeholder, so it cannot leak through `{:?}` in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(secret: impl Into<String>) -> Password {
        Password(secret.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    NoKeyring {
        email: String,
        detail: String,
    },
    NotInKeyring(String),
    KeyringLocked(String),
    CommandFailed(String),
    Empty,
    /// The provider refused the account's refresh token (revoked, expired, password changed),
    /// or there is none: only signing in again in the browser helps.
    SignInAgain {
        email: String,
        detail: String,
    },
    /// The provider's token endpoint could not be reached or failed on its side.
    TokenEndpoint(String),
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SecretError::NoKeyring { email, detail } => {
                crate::fl!("error-secret-no-keyring", email = email.as_str(), detail = detail.as_str())
            }
            SecretError::NotInKeyring(email) => crate::fl!("error-secret-not-in-keyring", email = email.as_str()),
            SecretError::KeyringLocked(detail) => crate::fl!("error-secret-keyring-locked", detail = detail.as_str()),
            SecretError::CommandFailed(detail) => crate::fl!("error-secret-command-failed", detail = detail.as_str()),
            SecretError::Empty => crate::fl!("error-secret-empty"),
            SecretError::SignInAgain { email, detail } => {
                crate::fl!("error-oauth-sign-in-again", email = email.as_str(), detail = detail.as_str())
            }
            SecretError::TokenEndpoint(detail) => crate::fl!("error-oauth-token-endpoint", detail = detail.as_str()),
        };
        f.write_str(&text)
    }
}

/// The password for an account that signs in with one: from its command if it has one, else
/// from the keyring. (An account that signs in with its provider has a token instead: see
/// `credential::password_for`.)
pub async fn stored_password(account: &AccountSettings) -> Result<Password, SecretError> {
    match &account.password_command {
        Some(command) => run_password_command(command).await,
        None => {
            let email = account.email.clone();
            tokio::task::spawn_blocking(move || read_keyring(&email))
                .await
                .map_err(|err| SecretError::CommandFailed(err.to_string()))?
        }
    }
}

/// Runs `sh -c COMMAND` and takes the first line of its output (like mutt, aerc and mbsync's
/// PassCmd). Its stderr is passed through to ours so a pinentry message is visible.
pub async fn run_password_command(command: &str) -> Result<Password, SecretError> {
    let child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(COMMAND_TIMEOUT, child)
        .await
        .map_err(|_| SecretError::CommandFailed("it did not finish within a minute".into()))?
        .map_err(|err| SecretError::CommandFailed(err.to_string()))?;
    if !output.status.success() {
        return Err(SecretError::CommandFailed(format!("it exited with {}", output.status)));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| SecretError::CommandFailed("its output is not UTF-8 text".into()))?;
    let first = text.lines().next().unwrap_or("").to_string();
    if first.is_empty() {
        return Err(SecretError::Empty);
    }
    Ok(Password(first))
}

/// Stores a password in the keyring (blocking: D-Bus round trips).
pub fn store_in_keyring(email: &str, password: &Password) -> Result<(), SecretError> {
    let entry = entry(email)?;
    entry.set_password(password.expose()).map_err(|err| keyring_error(email, err))
}

/// Removes the account's password from the keyring; a missing one is fine.
pub fn delete_from_keyring(email: &str) -> Result<(), SecretError> {
    let entry = entry(email)?;
    match entry.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(err) => Err(keyring_error(email, err)),
    }
}

fn read_keyring(email: &str) -> Result<Password, SecretError> {
    let entry = entry(email)?;
    entry.get_password().map(Password).map_err(|err| keyring_error(email, err))
}

/// Stores an account's OAuth 2.0 refresh token (blocking: D-Bus round trips).
pub fn store_refresh_token(email: &str, token: &Password) -> Result<(), SecretError> {
    entry_in(OAUTH_SERVICE, email)?.set_password(token.expose()).map_err(|err| keyring_error(email, err))
}

/// The account's refresh token (blocking).
pub fn read_refresh_token(email: &str) -> Result<Password, SecretError> {
    entry_in(OAUTH_SERVICE, email)?.get_password().map(Password).map_err(|err| keyring_error(email, err))
}

/// Removes the account's refresh token; a missing one is fine (blocking).
pub fn delete_refresh_token(email: &str) -> Result<(), SecretError> {
    match entry_in(OAUTH_SERVICE, email)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(err) => Err(keyring_error(email, err)),
    }
}

fn entry(email: &str) -> Result<keyring_core::Entry, SecretError> {
    entry_in(KEYRING_SERVICE, email)
}

fn entry_in(service: &str, email: &str) -> Result<keyring_core::Entry, SecretError> {
    ensure_store(email)?;
    keyring_core::Entry::new(service, email).map_err(|err| keyring_error(email, err))
}

/// Installs the Secret Service store once; remembers a failure so each call reports it quickly.
fn ensure_store(email: &str) -> Result<(), SecretError> {
    static STORE: OnceLock<Result<(), String>> = OnceLock::new();
    let state = STORE.get_or_init(|| {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            return Err(format!(" ({})", crate::fl!("error-secret-no-dbus")));
        }
        match zbus_secret_service_keyring_store::Store::new() {
            Ok(store) => {
                keyring_core::set_default_store(store);
                Ok(())
            }
            Err(err) => Err(format!(" ({err})")),
        }
    });
    state.clone().map_err(|detail| SecretError::NoKeyring { email: email.into(), detail })
}

fn keyring_error(email: &str, err: keyring_core::Error) -> SecretError {
    match err {
        keyring_core::Error::NoEntry => SecretError::NotInKeyring(email.into()),
        keyring_core::Error::NoStorageAccess(detail) => SecretError::KeyringLocked(detail.to_string()),
        keyring_core::Error::NoDefaultStore => SecretError::NoKeyring { email: email.into(), detail: String::new() },
        other => SecretError::NoKeyring { email: email.into(), detail: format!(" ({other})") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_print() {
        let password = Password::new("hunter2");
        assert!(!format!("{password:?}").contains("hunter2"));
    }

    #[tokio::test]
    async fn password_command_takes_the_first_line() {
        let password = run_password_command("printf 's3cret\\nsecond line\\n'").await.unwrap();
        assert_eq!(password.expose(), "s3cret");
    }

    #[tokio::test]
    async fn failing_or_empty_password_commands_are_errors() {
        assert!(matches!(run_password_command("exit 3").await, Err(SecretError::CommandFailed(_))));
        assert_eq!(run_password_command("true").await, Err(SecretError::Empty));
    }
}
