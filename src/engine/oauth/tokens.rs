//! Access tokens for accounts that sign in with their provider: kept in this process's memory
//! only, refreshed from the keyring's refresh token shortly before they expire, forgotten after
//! a server refused one (so the next login refreshes once). A refresh token the provider refuses
//! is remembered as dead for the rest of the process: nothing sends it again, the account shows
//! "sign in again", and a new sign-in ([`sign_in_with`]) replaces it.

use super::loopback::Grant;
use super::token::{self, TokenError};
use crate::engine::secrets::{self, Password, SecretError};
use crate::model::{AccountSettings, OAuthSettings};
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

/// A token is renewed this long before it expires (at most a quarter of its life), so a pass
/// that starts just before the expiry does not log in with a token about to die.
const RENEW_BEFORE: Duration = Duration::from_secs(60);

struct Cached {
    token: Password,
    renew_at: Option<Instant>,
}

/// Access tokens by lower-cased address.
static CACHE: LazyLock<Mutex<HashMap<String, Cached>>> = LazyLock::new(Default::default);
/// Addresses whose refresh token the provider refused in this process.
static REFUSED: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Default::default);
/// One refresh at a time: a sync and the outbox needing a token together make one request.
static REFRESHING: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(Default::default);

fn key(email: &str) -> String {
    email.to_lowercase()
}

fn cached(email: &str) -> Option<Password> {
    let cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let entry = cache.get(&key(email))?;
    entry.renew_at.is_none_or(|at| Instant::now() < at).then(|| entry.token.clone())
}

fn remember(email: &str, token: Password, expires_in: Option<Duration>) {
    let renew_at = expires_in.map(|life| Instant::now() + life.saturating_sub(RENEW_BEFORE.min(life / 4)));
    CACHE.lock().unwrap_or_else(|p| p.into_inner()).insert(key(email), Cached { token, renew_at });
}

/// The account's current access token: the one in memory while it is fresh, else a new one
/// from the refresh token. Network trouble is [`SecretError::TokenEndpoint`] (retried later); a
/// refused or missing refresh token is [`SecretError::SignInAgain`] (the account waits for the user).
pub async fn access_token(account: &AccountSettings) -> Result<Password, SecretError> {
    let Some(settings) = &account.oauth else {
        return Err(SecretError::SignInAgain { email: account.email.clone(), detail: String::new() });
    };
    let email = account.email.as_str();
    if let Some(token) = cached(email) {
        return Ok(token);
    }
    let _one_at_a_time = REFRESHING.lock().await;
    if let Some(token) = cached(email) {
        return Ok(token);
    }
    if REFUSED.lock().unwrap_or_else(|p| p.into_inner()).contains(&key(email)) {
        return Err(SecretError::SignInAgain { email: email.into(), detail: String::new() });
    }
    let owner = email.to_string();
    let refresh_token = match tokio::task::spawn_blocking(move || secrets::read_refresh_token(&owner)).await {
        Ok(Ok(token)) => token,
        Ok(Err(SecretError::NotInKeyring(_))) => {
            return Err(SecretError::SignInAgain { email: email.into(), detail: String::new() });
        }
        Ok(Err(err)) => return Err(err),
        Err(err) => return Err(SecretError::CommandFailed(err.to_string())),
    };
    match token::refresh(settings, &refresh_token).await {
        Ok(tokens) => {
            tracing::debug!(account = email, "access token refreshed");
            if let Some(rotated) = tokens.refresh_token {
                store_refresh_token(email, rotated).await?;
            }
            remember(email, tokens.access_token.clone(), tokens.expires_in);
            Ok(tokens.access_token)
        }
        Err(TokenError::Refused { error, description }) => {
            tracing::warn!(account = email, error, "the provider refused the refresh token: sign in again");
            REFUSED.lock().unwrap_or_else(|p| p.into_inner()).insert(key(email));
            forget_access_token(email);
            let detail = description.map_or(error.clone(), |d| format!("{error}: {d}"));
            Err(SecretError::SignInAgain { email: email.into(), detail: format!(" ({detail})") })
        }
        Err(err @ (TokenError::Unreachable(_) | TokenError::Malformed(_))) => {
            Err(SecretError::TokenEndpoint(err.to_string()))
        }
    }
}

/// Drops the account's access token from memory, after a server refused it: the next login
/// refreshes first.
pub fn forget_access_token(email: &str) {
    CACHE.lock().unwrap_or_else(|p| p.into_inner()).remove(&key(email));
}

/// Forgets everything this process knows about the account's sign-in (the account is removed).
pub fn forget_account(email: &str) {
    forget_access_token(email);
    REFUSED.lock().unwrap_or_else(|p| p.into_inner()).remove(&key(email));
}

/// Why a sign-in did not end with tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    Token(TokenError),
    /// The provider answered without a refresh token: the account could not stay signed in.
    NoRefreshToken,
    Keyring(SecretError),
}

impl std::fmt::Display for SignInError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SignInError::Token(TokenError::Refused { .. }) => {
                crate::fl!("error-oauth-code-refused", detail = self.detail())
            }
            SignInError::Token(_) => crate::fl!("error-oauth-token-endpoint", detail = self.detail()),
            SignInError::NoRefreshToken => crate::fl!("error-oauth-no-refresh-token"),
            SignInError::Keyring(err) => return err.fmt(f),
        };
        f.write_str(&text)
    }
}

impl SignInError {
    fn detail(&self) -> String {
        match self {
            SignInError::Token(err) => err.to_string(),
            _ => String::new(),
        }
    }
}

/// Finishes a sign-in: the browser's code and the PKCE verifier exchanged for tokens, the
/// refresh token put into the keyring, the access token kept in memory.
pub async fn sign_in_with(settings: &OAuthSettings, email: &str, grant: Grant) -> Result<(), SignInError> {
    let tokens = token::exchange_code(settings, &grant.code, &grant.verifier, &grant.redirect_uri)
        .await
        .map_err(SignInError::Token)?;
    let refresh_token = tokens.refresh_token.ok_or(SignInError::NoRefreshToken)?;
    store_refresh_token(email, refresh_token).await.map_err(SignInError::Keyring)?;
    REFUSED.lock().unwrap_or_else(|p| p.into_inner()).remove(&key(email));
    remember(email, tokens.access_token, tokens.expires_in);
    Ok(())
}

async fn store_refresh_token(email: &str, token: Password) -> Result<(), SecretError> {
    let owner = email.to_string();
    tokio::task::spawn_blocking(move || secrets::store_refresh_token(&owner, &token))
        .await
        .map_err(|err| SecretError::CommandFailed(err.to_string()))?
}
