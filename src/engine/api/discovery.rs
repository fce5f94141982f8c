//! The wizard's first step at the engine boundary: from an address to candidate settings, with
//! where they came from ([`Source`]) and what was tried ([`Discovery::notes`]). No password is
//! asked for or sent: probes stop at the greeting. See `engine::discovery` for the order.

pub use crate::engine::discovery::{
    Discovery, LookupFuture, Lookups, NetLookups, ProbeOutcome, ServiceKind, Source, default_candidates,
};

use super::{EngineError, EngineHandle};
use std::sync::Arc;

impl EngineHandle {
    /// Finds settings for `email` over the network (presets, MX, autoconfig, probing), on the
    /// engine's runtime. `Err` only for text that is not an email address.
    pub async fn discover(&self, email: &str) -> Result<Discovery, EngineError> {
        self.discover_with(email, Arc::new(NetLookups::new())).await
    }

    /// [`EngineHandle::discover`] through other [`Lookups`]: for tests (scripted DNS and HTTP,
    /// probes mapped onto the test servers) and for trusting an extra CA
    /// ([`NetLookups::with_ca_file`]). Not needed for anything else.
    pub async fn discover_with(&self, email: &str, lookups: Arc<dyn Lookups>) -> Result<Discovery, EngineError> {
        let email = email.to_string();
        let mut found = self
            .run(async move { crate::engine::discovery::discover(&email, lookups.as_ref()).await })
            .await?
            .map_err(EngineError::config)?;
        found.sign_in = self.sign_in_for(&found);
        Ok(found)
    }

    /// Whether (and how) the discovered provider lets Pochta sign in through its own page.
    fn sign_in_for(&self, found: &Discovery) -> Option<Result<crate::model::OAuthSettings, String>> {
        use crate::engine::oauth::registration;
        if let Some(provider) = found.provider.filter(|p| p.oauth.is_some()) {
            return Some(self.sign_in_settings_or(provider, ""));
        }
        let oauth2 = found.oauth2.as_ref()?;
        let overrides = self.settings().oauth_clients;
        Some(
            registration::settings_for_autoconfig(oauth2, &overrides)
                .map_err(|_| crate::fl!("error-oauth-not-in-build", provider = oauth2.issuer.as_str(), how = "")),
        )
    }
}

/// Discovery without an engine (the command line needs no profile for it), on the caller's
/// tokio runtime.
pub async fn discover_settings(email: &str, lookups: &dyn Lookups) -> Result<Discovery, EngineError> {
    crate::engine::discovery::discover(email, lookups).await.map_err(EngineError::config)
}
