//! TLS with verification on by default (system roots plus an account's extra CA), certificates
//! the user pinned by SHA-256, and a precise reason when a certificate is refused.
//!
//! A pinned certificate is honoured by handshaking without chain verification and comparing the fingerprint *before* any credential is
//! sent. When verification fails (OpenSSL's verify result, not any failed handshake: a cut
//! connection is a network problem), the caller's `prepare` is run again to fetch the certificate
//! without trusting it, only to tell the user what it is (subject, issuer, dates, fingerprint).

use openssl::asn1::Asn1Time;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::x509::{X509, X509NameRef};
use std::fmt;
use std::future::Future;
use std::path::PathBuf;

/// What to trust for one server.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Extra CA certificates (PEM file), on top of the system roots. Never disables verification.
    pub ca_file: Option<PathBuf>,
    /// Lowercase hex SHA-256 of a certificate the user accepted for this host and port.
    pub pinned_sha256: Option<String>,
}

/// The facts about a server certificate a person needs to decide whether to trust it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    /// Lowercase hex, no separators.
    pub sha256: String,
    pub dns_names: Vec<String>,
    pub expired: bool,
    pub not_yet_valid: bool,
}

impl CertificateInfo {
    pub fn from_der(der: &[u8]) -> Option<CertificateInfo> {
        let cert = X509::from_der(der).ok()?;
        let digest = cert.digest(MessageDigest::sha256()).ok()?;
        let now = Asn1Time::days_from_now(0).ok()?;
        let dns_names = cert
            .subject_alt_names()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|n| n.dnsname().map(str::to_string).or_else(|| n.ipaddress().and_then(ip_to_string)))
                    .collect()
            })
            .unwrap_or_default();
        Some(CertificateInfo {
            subject: name_to_string(cert.subject_name()),
            issuer: name_to_string(cert.issuer_name()),
            not_before: cert.not_before().to_string(),
            not_after: cert.not_after().to_string(),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            dns_names,
            expired: cert.not_after() < now,
            not_yet_valid: cert.not_before() > now,
        })
    }

    /// `AB:CD:...`, the way browsers and `openssl x509 -fingerprint` show it.
    pub fn fingerprint(&self) -> String {
        format_fingerprint(&self.sha256)
    }

    /// Whether the certificate names `host` (exact or one-label wildcard, RFC 6125 6.4.3).
    pub fn names_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.dns_names.iter().any(|name| {
            let name = name.to_ascii_lowercase();
            match name.strip_prefix("*.") {
                Some(suffix) => host.split_once('.').is_some_and(|(label, rest)| !label.is_empty() && rest == suffix),
                None => name == host,
            }
        })
    }
}

pub fn format_fingerprint(hex: &str) -> String {
    let upper = hex.to_ascii_uppercase();
    let pairs: Vec<&str> = upper.as_bytes().chunks(2).filter_map(|c| std::str::from_utf8(c).ok()).collect();
    pairs.join(":")
}

/// Accepts `AB:CD:..`, `abcd..`, with or without spaces; gives lowercase hex.
pub fn normalize_fingerprint(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| !matches!(c, ':' | ' ')).collect::<String>().to_ascii_lowercase();
    (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(hex)
}

fn name_to_string(name: &X509NameRef) -> String {
    let cn = name.entries_by_nid(Nid::COMMONNAME).next().and_then(|e| e.data().to_string().ok());
    let org = name.entries_by_nid(Nid::ORGANIZATIONNAME).next().and_then(|e| e.data().to_string().ok());
    match (cn, org) {
        (Some(cn), Some(org)) => format!("{cn} ({org})"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "(unnamed)".into(),
    }
}

fn ip_to_string(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => Some(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(bytes).ok()?).to_string()),
        16 => Some(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(bytes).ok()?).to_string()),
        _ => None,
    }
}

/// Why a TLS connection was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsFailure {
    /// Signed by no CA we trust (self-signed, private CA, or an interception proxy).
    Untrusted(Box<CertificateInfo>),
    /// Outside its validity dates: expired, or the computer's clock is wrong.
    Expired(Box<CertificateInfo>),
    NotYetValid(Box<CertificateInfo>),
    /// Valid, but for other host names.
    HostMismatch {
        host: String,
        certificate: Box<CertificateInfo>,
    },
    /// The user pinned another certificate for this server: it changed.
    PinMismatch {
        pinned_sha256: String,
        certificate: Box<CertificateInfo>,
    },
    /// The handshake failed for another reason (protocol versions, ciphers, not TLS at all).
    Handshake(String),
    /// The extra CA file could not be read.
    BadCaFile(String),
}

impl TlsFailure {
    pub fn certificate(&self) -> Option<&CertificateInfo> {
        match self {
            TlsFailure::Untrusted(c) | TlsFailure::Expired(c) | TlsFailure::NotYetValid(c) => Some(&**c),
            TlsFailure::HostMismatch { certificate, .. } | TlsFailure::PinMismatch { certificate, .. } => {
                Some(&**certificate)
            }
            TlsFailure::Handshake(_) | TlsFailure::BadCaFile(_) => None,
        }
    }
}

impl fmt::Display for TlsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            TlsFailure::Untrusted(c) => crate::fl!(
                "error-tls-untrusted",
                subject = c.subject.as_str(),
                issuer = c.issuer.as_str(),
                from = c.not_before.as_str(),
                until = c.not_after.as_str(),
                fingerprint = c.fingerprint()
            ),
            TlsFailure::Expired(c) => {
                crate::fl!("error-tls-expired", until = c.not_after.as_str(), fingerprint = c.fingerprint())
            }
            TlsFailure::NotYetValid(c) => {
                crate::fl!("error-tls-not-yet-valid", from = c.not_before.as_str(), fingerprint = c.fingerprint())
            }
            TlsFailure::HostMismatch { host, certificate } => crate::fl!(
                "error-tls-host-mismatch",
                names = if certificate.dns_names.is_empty() {
                    certificate.subject.clone()
                } else {
                    certificate.dns_names.join(", ")
                },
                host = host.as_str(),
                fingerprint = certificate.fingerprint()
            ),
            TlsFailure::PinMismatch { pinned_sha256, certificate } => crate::fl!(
                "error-tls-pin-mismatch",
                pinned = format_fingerprint(pinned_sha256),
                fingerprint = certificate.fingerprint(),
                issuer = certificate.issuer.as_str()
            ),
            TlsFailure::Handshake(detail) => crate::fl!("error-tls-handshake", detail = detail.as_str()),
            TlsFailure::BadCaFile(detail) => crate::fl!("error-tls-bad-ca-file", detail = detail.as_str()),
        };
        f.write_str(&text)
    }
}

/// Loads every certificate of a PEM file as DER blobs.
pub fn load_ca_file(path: &std::path::Path) -> Result<Vec<Vec<u8>>, TlsFailure> {
    let pem = std::fs::read(path).map_err(|err| TlsFailure::BadCaFile(format!("{}: {err}", path.display())))?;
    let certs =
        X509::stack_from_pem(&pem).map_err(|err| TlsFailure::BadCaFile(format!("{}: {err}", path.display())))?;
    if certs.is_empty() {
        return Err(TlsFailure::BadCaFile(crate::fl!("error-tls-ca-file-empty", path = path.display().to_string())));
    }
    certs
        .iter()
        .map(|c| c.to_der().map_err(|err| TlsFailure::BadCaFile(format!("{}: {err}", path.display()))))
        .collect()
}

/// How to trust the handshake: verify normally, or accept anything and check a pin after.
#[derive(Debug, Clone)]
pub enum Verification {
    Verify { extra_roots: Vec<Vec<u8>> },
    AcceptAnyThenCheckPin,
}

impl Trust {
    pub fn verification(&self) -> Result<Verification, TlsFailure> {
        if self.pinned_sha256.is_some() {
            return Ok(Verification::AcceptAnyThenCheckPin);
        }
        let extra_roots = match &self.ca_file {
            Some(path) => load_ca_file(path)?,
            None => Vec::new(),
        };
        Ok(Verification::Verify { extra_roots })
    }
}

/// After a handshake: the pin check (when pinned). `der` is the peer's leaf certificate.
pub fn check_pin(trust: &Trust, der: Option<&[u8]>) -> Result<(), TlsFailure> {
    let Some(pinned) = &trust.pinned_sha256 else { return Ok(()) };
    let certificate = der
        .and_then(CertificateInfo::from_der)
        .ok_or_else(|| TlsFailure::Handshake("the server sent no certificate".into()))?;
    if &certificate.sha256 == pinned {
        Ok(())
    } else {
        Err(TlsFailure::PinMismatch { pinned_sha256: pinned.clone(), certificate: Box::new(certificate) })
    }
}

/// Turns a verification failure into its reason, given the certificate fetched without trust.
pub fn explain_refusal(host: &str, certificate: Option<CertificateInfo>, handshake_error: String) -> TlsFailure {
    let Some(certificate) = certificate.map(Box::new) else { return TlsFailure::Handshake(handshake_error) };
    if certificate.not_yet_valid {
        TlsFailure::NotYetValid(certificate)
    } else if certificate.expired {
        TlsFailure::Expired(certificate)
    } else if !certificate.names_host(host) && !certificate.dns_names.is_empty() {
        TlsFailure::HostMismatch { host: host.into(), certificate }
    } else {
        TlsFailure::Untrusted(certificate)
    }
}

/// Runs `handshake(verification)`; when verification refuses the server's certificate (and only
/// then), runs it once more accepting anything, only to read the certificate, and returns the
/// precise reason.
pub async fn handshake_explaining<T, E, F, Fut>(
    host: &str,
    trust: &Trust,
    mut handshake: F,
) -> Result<Result<T, TlsFailure>, E>
where
    F: FnMut(Verification) -> Fut,
    Fut: Future<Output = Result<HandshakeOutcome<T>, E>>,
{
    let verification = match trust.verification() {
        Ok(v) => v,
        Err(failure) => return Ok(Err(failure)),
    };
    let pinned = matches!(verification, Verification::AcceptAnyThenCheckPin);
    match handshake(verification).await? {
        HandshakeOutcome::Secured { connection, peer_der } => match check_pin(trust, peer_der.as_deref()) {
            Ok(()) => Ok(Ok(connection)),
            Err(failure) => Ok(Err(failure)),
        },
        // Not the certificate's fault: said as it is, and no certificate is fetched or shown.
        HandshakeOutcome::Failed(error) | HandshakeOutcome::Interrupted(error) => Ok(Err(TlsFailure::Handshake(error))),
        HandshakeOutcome::CertificateRefused(error) if pinned => Ok(Err(TlsFailure::Handshake(error))),
        // Only when verification itself refused: fetch the certificate to say why.
        HandshakeOutcome::CertificateRefused(error) => {
            let peek = handshake(Verification::AcceptAnyThenCheckPin).await?;
            let certificate = match peek {
                HandshakeOutcome::Secured { peer_der, .. } => peer_der.as_deref().and_then(CertificateInfo::from_der),
                HandshakeOutcome::CertificateRefused(_)
                | HandshakeOutcome::Failed(_)
                | HandshakeOutcome::Interrupted(_) => None,
            };
            Ok(Err(explain_refusal(host, certificate, error)))
        }
    }
}

/// The result of one TLS handshake attempt.
pub enum HandshakeOutcome<T> {
    Secured {
        connection: T,
        peer_der: Option<Vec<u8>>,
    },
    /// Verification refused the server's certificate (OpenSSL's verify result says so).
    CertificateRefused(String),
    /// The TLS negotiation failed for another reason (versions, ciphers, not TLS at all).
    Failed(String),
    /// The connection broke or went silent during the handshake: a network problem.
    Interrupted(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(names: &[&str]) -> CertificateInfo {
        CertificateInfo {
            subject: "mail".into(),
            issuer: "ca".into(),
            not_before: String::new(),
            not_after: String::new(),
            sha256: "00".repeat(32),
            dns_names: names.iter().map(|s| s.to_string()).collect(),
            expired: false,
            not_yet_valid: false,
        }
    }

    #[test]
    fn wildcards_match_one_label_only() {
        let cert = info(&["*.example.org", "example.org"]);
        assert!(cert.names_host("imap.example.org"));
        assert!(cert.names_host("EXAMPLE.org."));
        assert!(!cert.names_host("a.b.example.org"));
        assert!(!cert.names_host("example.com"));
    }

    #[test]
    fn refusal_reasons_prefer_clock_problems() {
        let mut cert = info(&["other.org"]);
        cert.not_yet_valid = true;
        assert!(matches!(explain_refusal("mail.org", Some(cert.clone()), String::new()), TlsFailure::NotYetValid(_)));
        cert.not_yet_valid = false;
        assert!(matches!(
            explain_refusal("mail.org", Some(cert.clone()), String::new()),
            TlsFailure::HostMismatch { .. }
        ));
        assert!(matches!(explain_refusal("other.org", Some(cert), String::new()), TlsFailure::Untrusted(_)));
        assert!(matches!(explain_refusal("x", None, "boom".into()), TlsFailure::Handshake(_)));
    }

    #[test]
    fn fingerprints_normalise_both_ways() {
        let hex = "ab".repeat(32);
        let shown = format_fingerprint(&hex);
        assert!(shown.starts_with("AB:AB:"));
        assert_eq!(normalize_fingerprint(&shown).as_deref(), Some(hex.as_str()));
        assert_eq!(normalize_fingerprint("abc"), None);
    }
}
