//! What an account signs in with, wherever it comes from: its password (its command or the
//! keyring, `secrets`) or, for an account that signs in with its provider, a current OAuth 2.0
//! access token (`oauth`). Above both, so that neither needs the other's way of signing in.

use super::oauth;
use super::secrets::{self, Password, SecretError};
use crate::model::AccountSettings;

/// The secret an account's servers are given: the current OAuth 2.0 access token for an
/// account that signs in with its provider, else its password.
pub async fn password_for(account: &AccountSettings) -> Result<Password, SecretError> {
    if account.oauth.is_some() {
        return oauth::access_token(account).await;
    }
    secrets::stored_password(account).await
}
