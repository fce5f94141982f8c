//! Which client registration signs in with which provider: the build's (environment variables
//! read at compile time, as Evolution's `--with-google-client-id`: a distribution supplies its
//! own), overridden by `[oauth_clients.<provider>]` in settings.toml. A provider without one has
//! no sign-in in this build; the wizard then offers its app-password path.

use crate::config::OAuthClient;
use crate::engine::discovery::clientconfig::ConfigOAuth2;
use crate::engine::presets::Provider;
use crate::model::OAuthSettings;
use std::collections::BTreeMap;

/// The client this build was made with for a provider id, if any.
fn built_in(provider: &str) -> Option<OAuthClient> {
    let (id, secret) = match provider {
        "gmail" => (option_env!("POCHTA_OAUTH_GOOGLE_CLIENT_ID"), option_env!("POCHTA_OAUTH_GOOGLE_CLIENT_SECRET")),
        "outlook" => {
            (option_env!("POCHTA_OAUTH_MICROSOFT_CLIENT_ID"), option_env!("POCHTA_OAUTH_MICROSOFT_CLIENT_SECRET"))
        }
        "yandex" => (option_env!("POCHTA_OAUTH_YANDEX_CLIENT_ID"), option_env!("POCHTA_OAUTH_YANDEX_CLIENT_SECRET")),
        "mailru" => (option_env!("POCHTA_OAUTH_MAILRU_CLIENT_ID"), option_env!("POCHTA_OAUTH_MAILRU_CLIENT_SECRET")),
        _ => (None, None),
    };
    let id = id.filter(|id| !id.trim().is_empty())?;
    Some(OAuthClient { client_id: id.to_string(), client_secret: secret.filter(|s| !s.is_empty()).map(str::to_string) })
}

/// The client for a provider: the settings' over the build's.
pub fn client_for(provider: &str, overrides: &BTreeMap<String, OAuthClient>) -> Option<OAuthClient> {
    overrides.get(provider).filter(|c| !c.client_id.trim().is_empty()).cloned().or_else(|| built_in(provider))
}

/// Why a provider's sign-in cannot be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The provider does not offer OAuth 2.0 to mail programs (or Pochta does not know how).
    NotOffered,
    /// It does, but this build has no client id for it and the settings give none.
    NoClientId,
}

/// The account's OAuth settings for a preset provider.
pub fn settings_for(
    provider: &Provider,
    overrides: &BTreeMap<String, OAuthClient>,
) -> Result<OAuthSettings, Unavailable> {
    let oauth = provider.oauth.as_ref().ok_or(Unavailable::NotOffered)?;
    let client = client_for(&provider.id, overrides).ok_or(Unavailable::NoClientId)?;
    Ok(OAuthSettings {
        provider: provider.id.clone(),
        authorize_url: oauth.authorize_url.clone(),
        token_url: oauth.token_url.clone(),
        client_id: client.client_id,
        client_secret: client.client_secret,
        scopes: oauth.scopes.clone(),
        mechanism: oauth.mechanism,
        authorize_params: oauth.authorize_params.clone(),
    })
}

/// The account's OAuth settings for a provider known only from its autoconfig file: the
/// registration is the settings' `[oauth_clients."<issuer>"]` (no build has one for it).
pub fn settings_for_autoconfig(
    oauth2: &ConfigOAuth2,
    overrides: &BTreeMap<String, OAuthClient>,
) -> Result<OAuthSettings, Unavailable> {
    let client = client_for(&oauth2.issuer, overrides).ok_or(Unavailable::NoClientId)?;
    Ok(OAuthSettings {
        provider: oauth2.issuer.clone(),
        authorize_url: oauth2.auth_url.clone(),
        token_url: oauth2.token_url.clone(),
        client_id: client.client_id,
        client_secret: client.client_secret,
        scopes: oauth2.scopes.clone(),
        mechanism: crate::model::OAuthMechanism::Xoauth2,
        authorize_params: BTreeMap::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_providers_have_endpoints_and_the_settings_override_the_build() {
        for id in ["gmail", "outlook", "yandex", "mailru"] {
            let provider = crate::engine::presets::find_by_id(id).unwrap();
            let oauth = provider.oauth.as_ref().unwrap_or_else(|| panic!("{id} has no oauth table"));
            assert!(oauth.authorize_url.starts_with("https://") && oauth.token_url.starts_with("https://"));
            assert!(!oauth.scopes.is_empty());
        }
        let gmail = crate::engine::presets::find_by_id("gmail").unwrap();
        assert_eq!(gmail.oauth.as_ref().unwrap().scopes, ["https://mail.google.com/"]);
        // Without these, Google sends no refresh token on a second sign-in.
        let params = &gmail.oauth.as_ref().unwrap().authorize_params;
        assert_eq!((params["access_type"].as_str(), params["prompt"].as_str()), ("offline", "consent"));
        let mut overrides = BTreeMap::new();
        overrides
            .insert("gmail".into(), OAuthClient { client_id: "mine.apps".into(), client_secret: Some("s".into()) });
        let settings = settings_for(gmail, &overrides).unwrap();
        assert_eq!((settings.client_id.as_str(), settings.client_secret.as_deref()), ("mine.apps", Some("s")));
        let rambler = crate::engine::presets::find_by_id("rambler").unwrap();
        assert_eq!(settings_for(rambler, &overrides), Err(Unavailable::NotOffered));
        if option_env!("POCHTA_OAUTH_YANDEX_CLIENT_ID").is_none() {
            let yandex = crate::engine::presets::find_by_id("yandex").unwrap();
            assert_eq!(settings_for(yandex, &BTreeMap::new()), Err(Unavailable::NoClientId));
        }
    }
}
