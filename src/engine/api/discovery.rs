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
        self.run(async move { crate::engine::discovery::discover(&email, lookups.as_ref()).await })
            .await?
            .map_err(EngineError::config)
    }
}

/// Discovery without an engine (the command line needs no profile for it), on the caller's
/// tokio runtime.
pub async fn discover_settings(email: &str, lookups: &dyn Lookups) -> Result<Discovery, EngineError> {
    crate::engine::discovery::discover(email, lookups).await.map_err(EngineError::config)
}
