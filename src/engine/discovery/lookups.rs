//! The real [`Lookups`]: DNS MX over UDP ([`super::dns`]), HTTPS GET ([`super::https`]) and
//! greeting-only probes ([`super::probe`]) with verified TLS.

use super::probe::{ProbeOutcome, probe_server};
use super::{LookupFuture, Lookups, ServiceKind, dns, https};
use crate::engine::protocol::tls::Trust;
use crate::model::ServerEndpoint;
use std::path::PathBuf;

/// Lookups over the network. Probes trust the system roots, plus one extra CA when given
/// (self-hosted servers, the test harness); verification is never turned off.
#[derive(Debug, Clone, Default)]
pub struct NetLookups {
    trust: Trust,
}

impl NetLookups {
    pub fn new() -> NetLookups {
        NetLookups::default()
    }

    /// Also trust the CA certificates of this PEM file when probing (like `--ca-file`).
    pub fn with_ca_file(ca_file: Option<PathBuf>) -> NetLookups {
        NetLookups { trust: Trust { ca_file, pinned_sha256: None } }
    }
}

impl Lookups for NetLookups {
    fn mx<'a>(&'a self, domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async move {
            let records = dns::lookup_mx(domain).await.map_err(|err| err.to_string())?;
            Ok(records.into_iter().map(|record| record.exchange).collect())
        })
    }

    fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(https::get_text(url))
    }

    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        Box::pin(probe_server(kind, endpoint, &self.trust))
    }
}
