//! From an email address to candidate server settings, for the account wizard. Sources in order,
//! the first that gives an answer wins: the built-in presets by domain, the presets by MX host
//! (hosted domains), the provider's autoconfig file over HTTPS, then probing the usual host names
//! and ports. No password is involved anywhere here: probes read greetings and capabilities only.
//!
//! Every network lookup goes through [`Lookups`], so tests run offline with a scripted one;
//! [`NetLookups`] is the real thing. A lookup that fails falls through to the next source and
//! leaves a sentence in [`Discovery::notes`] for the wizard's details view.

pub(crate) mod clientconfig;
mod dns;
pub(crate) mod https;
mod lookups;
mod probe;

pub use lookups::NetLookups;
pub use probe::{ProbeOutcome, default_candidates};

use super::presets::{self, Provider};
use super::protocol::tls::CertificateInfo;
use crate::model::{Protocol, ServerEndpoint};
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A future a [`Lookups`] method returns (boxed, so `dyn Lookups` works).
pub type LookupFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The network as discovery sees it. Errors are sentences for a person.
pub trait Lookups: Send + Sync {
    /// The MX hosts of `domain`, most preferred first.
    fn mx<'a>(&'a self, domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>>;
    /// The body of a 200 answer to an HTTPS GET.
    fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>>;
    /// Connects to `endpoint` as `kind` (TLS or STARTTLS as the endpoint says) and reads the
    /// greeting and capabilities. Never logs in: there is no password to send.
    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome>;
    /// The servers to probe for `kind` at `domain`, in order of preference. Tests and the wizard's
    /// harness flow may replace them; everyone else keeps [`default_candidates`].
    fn probe_candidates(&self, kind: ServiceKind, domain: &str) -> Vec<ServerEndpoint> {
        default_candidates(kind, domain)
    }
    /// Opens the provider's sign-in page (OAuth 2.0) in the system browser. Tests play the
    /// browser themselves.
    fn open_in_browser(&self, url: &str) -> Result<(), String> {
        open::that_detached(url).map_err(|err| err.to_string())
    }
}

/// The three kinds of server an account needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceKind {
    Imap,
    Pop3,
    Smtp,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 3] = [ServiceKind::Imap, ServiceKind::Pop3, ServiceKind::Smtp];

    /// The incoming protocol, `None` for SMTP.
    pub fn protocol(self) -> Option<Protocol> {
        match self {
            ServiceKind::Imap => Some(Protocol::Imap),
            ServiceKind::Pop3 => Some(Protocol::Pop3),
            ServiceKind::Smtp => None,
        }
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServiceKind::Imap => "IMAP",
            ServiceKind::Pop3 => "POP3",
            ServiceKind::Smtp => "SMTP",
        })
    }
}

/// Where the settings came from (the wizard shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A built-in preset for the address's domain.
    Preset { id: String },
    /// A built-in preset recognised by the domain's MX host (Yandex 360, Google Workspace...).
    Mx { host: String, preset: String },
    /// The provider's autoconfig file at this URL.
    Autoconfig { url: String },
    /// Servers that answered on the usual host names and ports.
    Probe,
    /// Nothing was found: the wizard shows an empty table to fill in.
    NotFound,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Preset { id } => f.write_str(&crate::fl!("wizard-source-preset", id = id.as_str())),
            Source::Mx { host, preset } => {
                f.write_str(&crate::fl!("wizard-source-mx", preset = preset.as_str(), host = host.as_str()))
            }
            Source::Autoconfig { url } => f.write_str(&crate::fl!("wizard-source-autoconfig", url = url.as_str())),
            Source::Probe => f.write_str(&crate::fl!("wizard-source-probe")),
            Source::NotFound => f.write_str(&crate::fl!("wizard-source-not-found")),
        }
    }
}

/// Candidate settings for an address. Lists are in order of preference; the first is the default.
#[derive(Debug, Clone)]
pub struct Discovery {
    pub email: String,
    pub source: Source,
    pub imap: Vec<ServerEndpoint>,
    pub pop3: Vec<ServerEndpoint>,
    pub smtp: Vec<ServerEndpoint>,
    /// The login for the incoming server (IMAP, or POP3 when there is no IMAP).
    pub login: String,
    /// The login for SMTP, where a provider wants another one (iCloud: the full address).
    pub smtp_login: String,
    pub provider: Option<&'static Provider>,
    /// Probed servers that answered with a certificate this computer does not trust (self-signed,
    /// a private CA, another host name): shown to the user to accept or not.
    pub certificates: Vec<(ServerEndpoint, CertificateInfo)>,
    /// What was tried and did not work, and anything adjusted, in plain words.
    pub notes: Vec<String>,
    /// The provider's OAuth 2.0 endpoints from its autoconfig file (`<oAuth2>`).
    pub(crate) oauth2: Option<clientconfig::ConfigOAuth2>,
    /// Signing in with the provider: its OAuth settings (the preset's or the autoconfig file's,
    /// with this build's or the settings' client id), or why it is not available (a sentence
    /// with the app-password advice). `None`: the provider offers no such sign-in.
    pub sign_in: Option<Result<crate::model::OAuthSettings, String>>,
}

impl Discovery {
    fn empty(email: &str) -> Discovery {
        Discovery {
            email: email.to_string(),
            source: Source::NotFound,
            imap: Vec::new(),
            pop3: Vec::new(),
            smtp: Vec::new(),
            login: email.to_string(),
            smtp_login: email.to_string(),
            provider: None,
            certificates: Vec::new(),
            notes: Vec::new(),
            oauth2: None,
            sign_in: None,
        }
    }

    /// The issuer named by the autoconfig file's `<oAuth2>`, if any.
    pub fn oauth2_issuer(&self) -> Option<&str> {
        self.oauth2.as_ref().map(|o| o.issuer.as_str())
    }

    pub fn servers(&self, kind: ServiceKind) -> &[ServerEndpoint] {
        match kind {
            ServiceKind::Imap => &self.imap,
            ServiceKind::Pop3 => &self.pop3,
            ServiceKind::Smtp => &self.smtp,
        }
    }

    fn from_provider(email: &str, provider: &'static Provider, source: Source, notes: Vec<String>) -> Discovery {
        let incoming = if provider.imap.is_empty() { Protocol::Pop3 } else { Protocol::Imap };
        Discovery {
            source,
            imap: provider.imap.clone(),
            pop3: provider.pop3.clone(),
            smtp: provider.smtp.clone(),
            login: provider.login_for(Some(incoming), email),
            smtp_login: provider.login_for(None, email),
            provider: Some(provider),
            notes,
            ..Discovery::empty(email)
        }
    }
}

/// Splits an address into its local part and lowercase domain; `None` if it is not one.
pub fn split_address(email: &str) -> Option<(&str, String)> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('.').to_lowercase();
    let plausible = !local.is_empty()
        && !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.contains("..")
        && !email.trim().contains(char::is_whitespace)
        && domain.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    plausible.then_some((local, domain))
}

/// Finds settings for `email` through `lookups`, trying each source in turn. `Err` only when the
/// text is not an email address; "found nothing" is a [`Source::NotFound`] discovery.
pub async fn discover(email: &str, lookups: &dyn Lookups) -> Result<Discovery, String> {
    let email = email.trim();
    let (_, domain) = split_address(email).ok_or_else(|| crate::fl!("error-not-an-address", address = email))?;
    if let Some(provider) = presets::find_by_domain(&domain) {
        return Ok(Discovery::from_provider(email, provider, Source::Preset { id: provider.id.clone() }, Vec::new()));
    }
    let mut notes = Vec::new();
    match lookups.mx(&domain).await {
        Ok(hosts) if hosts.is_empty() => notes.push(crate::fl!("wizard-note-no-mx", domain = domain.to_string())),
        Ok(hosts) => {
            if let Some((host, provider)) = hosts.iter().find_map(|h| presets::find_by_mx(h).map(|p| (h, p))) {
                let source = Source::Mx { host: host.clone(), preset: provider.id.clone() };
                return Ok(Discovery::from_provider(email, provider, source, notes));
            }
            notes.push(crate::fl!("wizard-note-mx-unknown", domain = domain.to_string(), hosts = hosts.join(", ")));
        }
        Err(why) => notes.push(crate::fl!("wizard-note-mx-failed", domain = domain.to_string(), why = why.to_string())),
    }
    for url in autoconfig_urls(email, &domain) {
        match fetch_autoconfig(lookups, &url, email).await {
            Ok(found) => {
                let mut discovery = found;
                discovery.notes.splice(0..0, notes);
                return Ok(discovery);
            }
            Err(why) => {
                notes.push(crate::fl!("wizard-note-no-autoconfig", url = url.to_string(), why = why.to_string()))
            }
        }
    }
    let mut discovery = probe::probe_all(lookups, email, &domain).await;
    discovery.notes.splice(0..0, notes);
    Ok(discovery)
}

/// The two places the autoconfig convention puts a provider's own file, in Thunderbird's order.
pub fn autoconfig_urls(email: &str, domain: &str) -> [String; 2] {
    [
        format!("https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={}", percent_encode(email)),
        format!("https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"),
    ]
}

async fn fetch_autoconfig(lookups: &dyn Lookups, url: &str, email: &str) -> Result<Discovery, String> {
    let text = lookups.https_get(url).await?;
    let config = clientconfig::parse(&text, email)?;
    let imap = config.endpoints(ServiceKind::Imap);
    let pop3 = config.endpoints(ServiceKind::Pop3);
    let smtp = config.endpoints(ServiceKind::Smtp);
    if imap.is_empty() && pop3.is_empty() || smtp.is_empty() {
        let mut why = "it lacks an incoming or an outgoing server Pochta can use".to_string();
        if !config.notes.is_empty() {
            why = format!("{why} ({})", config.notes.join("; "));
        }
        return Err(why);
    }
    let incoming = if imap.is_empty() { ServiceKind::Pop3 } else { ServiceKind::Imap };
    let mut notes = config.notes.clone();
    if let Some(enable) = &config.enable_url {
        notes.push(crate::fl!("wizard-note-enable-at", enable = enable.to_string()));
    }
    Ok(Discovery {
        source: Source::Autoconfig { url: url.to_string() },
        login: config.login(incoming).unwrap_or(email).to_string(),
        smtp_login: config.login(ServiceKind::Smtp).unwrap_or(email).to_string(),
        imap,
        pop3,
        smtp,
        notes,
        oauth2: config.oauth2.clone(),
        ..Discovery::empty(email)
    })
}

/// RFC 3986 2.1: everything but the unreserved characters as %XX (for the query string).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests;
