//! Signing in with the provider (OAuth 2.0, issue 20) as the window and the command line see it:
//! start a sign-in (a loopback listener and the address to open in the browser), wait for the
//! browser with a deadline, and keep the refresh token in the keyring. Nothing is written to the
//! profile here: the account is saved afterwards by `add_account` with [`PasswordSource::SignedIn`],
//! or stays as it was when the browser never comes back.

use super::{EngineError, EngineHandle, Provider};
use crate::engine::oauth::registration::{self, Unavailable};
use crate::engine::oauth::{self, Authorization};
use crate::model::{AccountId, AccountSettings, OAuthSettings};
use std::time::Duration;

/// How long a sign-in waits for the browser unless told otherwise.
pub const SIGN_IN_WAIT: Duration = oauth::loopback::DEFAULT_WAIT;

/// A sign-in waiting for the browser's answer.
pub struct SignIn {
    authorization: Authorization,
    settings: OAuthSettings,
    email: String,
}

impl SignIn {
    /// The provider's page to open in the browser (it carries no secret: PKCE's verifier stays here).
    pub fn url(&self) -> &str {
        &self.authorization.url
    }
}

impl EngineHandle {
    /// The OAuth settings for signing in with a preset provider: its endpoints and this build's
    /// (or the settings') client id. Without one, a sentence that says sign-in is not available
    /// in this build and gives the provider's app-password advice instead.
    pub fn sign_in_settings(&self, provider: &Provider) -> Result<OAuthSettings, EngineError> {
        let lang = crate::i18n::current_language();
        let how = provider.app_password.as_ref().map(|g| g.text(&lang).to_string());
        self.sign_in_settings_or(provider, how.as_deref().unwrap_or_default()).map_err(EngineError::config)
    }

    /// [`sign_in_settings`](Self::sign_in_settings) with the sentence for an unavailable sign-in
    /// ending in `how` (the wizard shows the app-password advice on its own, so gives "").
    pub(super) fn sign_in_settings_or(&self, provider: &Provider, how: &str) -> Result<OAuthSettings, String> {
        let overrides = self.settings().oauth_clients;
        registration::settings_for(provider, &overrides).map_err(|why| {
            let name = provider.display_name();
            match why {
                Unavailable::NotOffered => crate::fl!("error-oauth-not-offered", provider = name),
                Unavailable::NoClientId if provider.app_password.is_none() => {
                    crate::fl!("error-oauth-not-in-build-no-alternative", provider = name)
                }
                Unavailable::NoClientId => crate::fl!("error-oauth-not-in-build", provider = name, how = how),
            }
        })
    }

    /// Starts signing in `account` (whose `oauth` says where): the listener on 127.0.0.1 and the
    /// address for the browser.
    pub async fn begin_sign_in(&self, account: &AccountSettings) -> Result<SignIn, EngineError> {
        let settings = account.oauth.clone().ok_or_else(|| {
            EngineError::config(crate::fl!("error-oauth-not-configured", email = account.email.as_str()))
        })?;
        let email = account.email.clone();
        let login = account.login.clone();
        let for_begin = settings.clone();
        let authorization = self
            .run(async move { Authorization::begin(&for_begin, &login).await })
            .await?
            .map_err(|err| EngineError::new(super::ErrorKind::Internal, err.to_string(), false))?;
        Ok(SignIn { authorization, settings, email })
    }

    /// "Sign in again" for a saved account (its refresh token was refused, or the person wants a
    /// new one): the browser flow with the account's own settings, `open` given the address,
    /// then every background actor makes a pass (the account waiting for this one included).
    pub async fn sign_in_again(&self, id: AccountId, open: impl FnOnce(&str)) -> Result<(), EngineError> {
        let account = self.account(id)?;
        let pending = self.begin_sign_in(&account).await?;
        open(pending.url());
        self.finish_sign_in(pending, SIGN_IN_WAIT).await?;
        self.sync_now();
        Ok(())
    }

    /// Waits up to `wait` for the browser, then exchanges the code for tokens: the refresh
    /// token goes to the keyring, the access token stays in memory. A browser that never comes
    /// back, a forged answer (wrong `state`) or a refused code end with a sentence and leave
    /// nothing behind.
    pub async fn finish_sign_in(&self, sign_in: SignIn, wait: Duration) -> Result<(), EngineError> {
        let SignIn { authorization, settings, email } = sign_in;
        self.run(async move {
            let grant = authorization
                .wait(wait)
                .await
                .map_err(|err| EngineError::new(super::ErrorKind::Auth, err.to_string(), false))?;
            oauth::sign_in_with(&settings, &email, grant).await.map_err(|err| {
                let kind = match err {
                    oauth::SignInError::Token(oauth::token::TokenError::Unreachable(_)) => super::ErrorKind::Network,
                    oauth::SignInError::Keyring(_) => super::ErrorKind::Secret,
                    _ => super::ErrorKind::Auth,
                };
                EngineError::new(kind, err.to_string(), false)
            })
        })
        .await?
    }
}
