//! The last source: try the host names and ports providers usually use, and keep those where a
//! server of the right kind answers. Implicit TLS first (RFC 8314 3: it is preferred to STARTTLS),
//! then STARTTLS. All candidates are tried at once (a dead host costs one timeout, not one per
//! port) and the answers are ranked in candidate order, so the result does not depend on timing.

use super::{Discovery, Lookups, ServiceKind, Source};
use crate::engine::protocol::net::NetFailure;
use crate::engine::protocol::tls::{CertificateInfo, TlsFailure, Trust};
use crate::engine::protocol::{imap, pop3, smtp};
use crate::model::{Security, ServerEndpoint};
use std::time::Duration;

/// A probe gives up after this: a server that answers at all answers its greeting much sooner.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// What one probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// A server of the asked kind answered over the asked security; `detail` says what it said.
    Answered { detail: String },
    /// Something answered with a certificate this computer does not trust; usable if the user
    /// accepts the certificate. `why` is the sentence to show.
    Untrusted { certificate: Box<CertificateInfo>, why: String },
    /// The host name does not exist: other ports of the same host need not be tried.
    NoSuchHost,
    /// Nothing usable there (refused, timed out, not that kind of server, no STARTTLS...).
    Failed(String),
}

/// The usual servers for `kind` at `domain`, most likely first: implicit TLS on every name,
/// then STARTTLS on every name.
pub fn default_candidates(kind: ServiceKind, domain: &str) -> Vec<ServerEndpoint> {
    let (names, ports): (&[&str], [(u16, Security); 2]) = match kind {
        ServiceKind::Imap => (&["imap.", "mail.", ""], [(993, Security::Ssl), (143, Security::Starttls)]),
        ServiceKind::Pop3 => (&["pop.", "pop3.", "mail."], [(995, Security::Ssl), (110, Security::Starttls)]),
        ServiceKind::Smtp => (&["smtp.", "mail."], [(465, Security::Ssl), (587, Security::Starttls)]),
    };
    ports
        .iter()
        .flat_map(|(port, security)| {
            names.iter().map(move |prefix| ServerEndpoint {
                host: format!("{prefix}{domain}"),
                port: *port,
                security: *security,
            })
        })
        .collect()
}

/// Probes every candidate of every kind and builds the discovery from what answered.
pub async fn probe_all(lookups: &dyn Lookups, email: &str, domain: &str) -> Discovery {
    let candidates: Vec<(ServiceKind, ServerEndpoint)> = ServiceKind::ALL
        .iter()
        .flat_map(|kind| lookups.probe_candidates(*kind, domain).into_iter().map(move |e| (*kind, e)))
        .collect();
    // The futures are made in candidate order (so a recording Lookups sees that order) and run
    // together.
    let probes: Vec<_> = candidates.iter().map(|(kind, endpoint)| lookups.probe(*kind, endpoint)).collect();
    let outcomes = futures::future::join_all(probes).await;

    let mut discovery = Discovery { source: Source::Probe, ..Discovery::empty(email) };
    let mut missing_hosts: Vec<&str> = Vec::new();
    for kind in ServiceKind::ALL {
        let mut answered = Vec::new();
        let mut untrusted = Vec::new();
        for ((_, endpoint), outcome) in candidates.iter().zip(&outcomes).filter(|((k, _), _)| *k == kind) {
            match outcome {
                ProbeOutcome::Answered { .. } => answered.push(endpoint.clone()),
                ProbeOutcome::Untrusted { certificate, why } => {
                    discovery.notes.push(format!("{kind} at {endpoint}: {why}"));
                    untrusted.push((endpoint.clone(), (**certificate).clone()));
                }
                ProbeOutcome::NoSuchHost => {
                    if !missing_hosts.contains(&endpoint.host.as_str()) {
                        missing_hosts.push(&endpoint.host);
                    }
                }
                ProbeOutcome::Failed(why) => discovery.notes.push(format!("{kind} at {endpoint}: {why}")),
            }
        }
        // Servers with a trusted certificate first; the others only when there is nothing else,
        // with their certificates for the user to judge.
        let list = if answered.is_empty() {
            let list = untrusted.iter().map(|(e, _)| e.clone()).collect();
            discovery.certificates.extend(untrusted);
            list
        } else {
            answered
        };
        match kind {
            ServiceKind::Imap => discovery.imap = list,
            ServiceKind::Pop3 => discovery.pop3 = list,
            ServiceKind::Smtp => discovery.smtp = list,
        }
    }
    if !missing_hosts.is_empty() {
        discovery.notes.push(crate::fl!("wizard-note-names-missing", hosts = missing_hosts.join(", ")));
    }
    if discovery.imap.is_empty() && discovery.pop3.is_empty() && discovery.smtp.is_empty() {
        discovery.source = Source::NotFound;
    }
    discovery
}

/// The real probe: connect, secure, read the greeting and capabilities, leave. Uses the same
/// connection code as the account check, stopping before the login.
pub async fn probe_server(kind: ServiceKind, endpoint: &ServerEndpoint, trust: &Trust) -> ProbeOutcome {
    let attempt = async {
        match kind {
            ServiceKind::Imap => match imap::connect(endpoint, trust).await {
                Ok(_client) => ProbeOutcome::Answered { detail: "an IMAP server greeted".into() },
                Err(imap::ImapFailure::Net(failure)) => from_net(failure),
                Err(other) => ProbeOutcome::Failed(other.to_string()),
            },
            ServiceKind::Pop3 => match pop3::open(endpoint, trust).await {
                Ok((client, _capabilities)) => {
                    let _ = client.quit().await;
                    ProbeOutcome::Answered { detail: "a POP3 server greeted".into() }
                }
                Err(pop3::OpenFailure::Net(failure)) => from_net(failure),
                Err(other) => ProbeOutcome::Failed(other.to_string()),
            },
            ServiceKind::Smtp => match smtp::connect(endpoint, trust).await {
                Ok((mut connection, _certificate)) => {
                    let _ = connection.quit().await;
                    ProbeOutcome::Answered { detail: "an SMTP server greeted".into() }
                }
                Err(smtp::SmtpFailure::Net(failure)) => from_net(failure),
                Err(other) => ProbeOutcome::Failed(other.to_string()),
            },
        }
    };
    tokio::time::timeout(PROBE_TIMEOUT, attempt)
        .await
        .unwrap_or_else(|_| ProbeOutcome::Failed(format!("no answer within {} seconds", PROBE_TIMEOUT.as_secs())))
}

fn from_net(failure: NetFailure) -> ProbeOutcome {
    match failure {
        NetFailure::UnknownHost(_) => ProbeOutcome::NoSuchHost,
        NetFailure::Tls(tls) => match tls.certificate() {
            Some(certificate) if !matches!(tls, TlsFailure::PinMismatch { .. }) => {
                ProbeOutcome::Untrusted { certificate: Box::new(certificate.clone()), why: tls.to_string() }
            }
            _ => ProbeOutcome::Failed(tls.to_string()),
        },
        other => ProbeOutcome::Failed(other.to_string()),
    }
}
