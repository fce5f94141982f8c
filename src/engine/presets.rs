//! Provider presets: the servers, login format and sign-in rules of well-known mail providers, from
//! `assets/providers.toml` (bundled into the binary), and their rendering for `pochta presets`.
//! Pure data and text: no I/O. Used by the wizard, `account add --preset` and the account check.

use crate::fl;
use crate::model::{LoginFormat, Protocol, ServerEndpoint};
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::OnceLock;

mod guidance;
#[cfg(test)]
mod tests;

pub use guidance::ProviderGuidance;

/// The bundled table. A unit test parses it, so a broken file fails the build's tests, not a user.
const PROVIDERS_TOML: &str = include_str!("../../assets/providers.toml");

/// How a provider lets mail programs sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// The account's usual password.
    Password,
    /// Only a separate password created for mail programs.
    AppPassword,
    /// Only the provider's own sign-in (OAuth2 / XOAUTH2).
    Oauth2,
    /// An app password, or OAuth2.
    AppPasswordOrOauth2,
}

/// What the provider does when a POP3 client sends DELE (and QUIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pop3Dele {
    /// The message is gone from the server.
    Deletes,
    /// The server keeps its copy whatever the client does (Yandex).
    KeepsCopy,
    /// A setting in the provider's web interface decides (Gmail, Outlook.com).
    PerWebSettings,
}

/// A text for people, in English and Russian.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub en: String,
    pub ru: String,
}

impl Guidance {
    /// The text in `lang` ("ru", "ru_RU.UTF-8", "en", ...), English for any other language or when
    /// the Russian text is missing.
    pub fn text(&self, lang: &str) -> &str {
        if is_russian(lang) && !self.ru.trim().is_empty() { &self.ru } else { &self.en }
    }
}

/// One provider's settings, as written in `assets/providers.toml` (the file's header explains each field).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    pub name: String,
    /// The name Russian text uses ("Яндекс Почта"), where the service has one.
    #[serde(default)]
    pub name_ru: Option<String>,
    pub domains: Vec<String>,
    /// Suffixes of the MX hosts of the provider's hosted-domain service ("mx.yandex.net").
    #[serde(default)]
    pub mx_suffixes: Vec<String>,
    /// The day the facts were last checked ("2026-11-22").
    pub last_verified: String,
    /// The login for every server, unless a per-protocol override says otherwise.
    pub login: LoginFormat,
    /// Per-server overrides of `login` (iCloud: IMAP takes the part before "@", SMTP the address).
    pub imap_login: Option<LoginFormat>,
    pub pop3_login: Option<LoginFormat>,
    pub smtp_login: Option<LoginFormat>,
    pub auth: AuthKind,
    /// The first endpoint is the default; the rest are documented alternatives. Empty: not offered.
    pub imap: Vec<ServerEndpoint>,
    pub pop3: Vec<ServerEndpoint>,
    pub smtp: Vec<ServerEndpoint>,
    /// The provider files every letter sent by SMTP in Sent itself: the client must not APPEND one.
    pub sent_copy_by_server: bool,
    /// Present exactly when the provider offers POP3.
    pub pop3_dele: Option<Pop3Dele>,
    pub pop3_dele_note: Option<Guidance>,
    /// Where in the web settings IMAP/POP3 access is switched on.
    pub enable_access: Option<Guidance>,
    /// The page where that switch is (or the provider's help on it), for a button.
    pub enable_access_url: Option<String>,
    /// How and where to create an app password.
    pub app_password: Option<Guidance>,
    /// The page where app passwords are created, for a button.
    pub app_password_url: Option<String>,
    /// Anything else people trip over.
    pub notes: Option<Guidance>,
    /// Signing in through the provider (OAuth 2.0), where it offers that to mail programs.
    pub oauth: Option<ProviderOAuth>,
}

/// A provider's OAuth 2.0 endpoints, scopes and the SASL mechanism its IMAP and POP3 servers take
/// (the client id is the build's or the settings', see `oauth::registration`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderOAuth {
    pub authorize_url: String,
    pub token_url: String,
    pub scopes: Vec<String>,
    pub mechanism: crate::model::OAuthMechanism,
    /// Extra parameters for the authorization request.
    #[serde(default)]
    pub authorize_params: std::collections::BTreeMap<String, String>,
}

impl Provider {
    /// The name in the current language: the Russian one in Russian text, where there is one.
    pub fn display_name(&self) -> &str {
        match &self.name_ru {
            Some(russian) if crate::i18n::current_language() == "ru" => russian,
            _ => &self.name,
        }
    }

    /// The incoming servers for `protocol`, default first; empty when the provider does not offer it.
    pub fn incoming(&self, protocol: Protocol) -> &[ServerEndpoint] {
        match protocol {
            Protocol::Imap => &self.imap,
            Protocol::Pop3 => &self.pop3,
            Protocol::Local => &[],
        }
    }

    /// What the provider expects as the login: for an incoming protocol, or for SMTP with `None`.
    pub fn login_format(&self, protocol: Option<Protocol>) -> LoginFormat {
        let overridden = match protocol {
            Some(Protocol::Imap) => self.imap_login,
            Some(Protocol::Pop3) => self.pop3_login,
            Some(Protocol::Local) => None,
            None => self.smtp_login,
        };
        overridden.unwrap_or(self.login)
    }

    /// The login to send for `email`: to an incoming server (`Some(protocol)`), or to SMTP (`None`).
    pub fn login_for(&self, protocol: Option<Protocol>, email: &str) -> String {
        self.login_format(protocol).login_for(email.trim())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFile {
    provider: Vec<Provider>,
}

fn parse_providers(text: &str) -> Result<Vec<Provider>, toml::de::Error> {
    toml::from_str::<ProviderFile>(text).map(|file| file.provider)
}

/// Every bundled provider, in the file's order (parsed once).
pub fn providers() -> &'static [Provider] {
    static PROVIDERS: OnceLock<Vec<Provider>> = OnceLock::new();
    PROVIDERS.get_or_init(|| {
        parse_providers(PROVIDERS_TOML).expect("assets/providers.toml is valid (a unit test parses it)")
    })
}

/// The provider with this id ("mailru"), ignoring ASCII case.
pub fn find_by_id(id: &str) -> Option<&'static Provider> {
    let id = id.trim();
    providers().iter().find(|provider| provider.id.eq_ignore_ascii_case(id))
}

/// The provider of a mail domain ("Mail.RU", "@gmail.com", "yandex.ru."), ignoring case.
pub fn find_by_domain(domain: &str) -> Option<&'static Provider> {
    let domain = normalize_domain(domain);
    if domain.is_empty() {
        return None;
    }
    providers().iter().find(|provider| provider.domains.contains(&domain))
}

/// The provider of an address ("Ivan@Mail.ru", "<ivan@mail.ru>"); `None` without an "@".
pub fn find_for_address(address: &str) -> Option<&'static Provider> {
    let (_, domain) = address.trim().trim_end_matches('>').rsplit_once('@')?;
    find_by_domain(domain)
}

/// The provider whose own IMAP and SMTP servers these are ("imap.gmail.com" and "smtp.gmail.com"):
/// an account on a domain of its hosted service (Google Workspace) set up by hand has neither the
/// preset nor one of its domains, but its servers tell.
pub fn find_by_servers(incoming_host: &str, smtp_host: &str) -> Option<&'static Provider> {
    let (incoming, smtp) = (normalize_domain(incoming_host), normalize_domain(smtp_host));
    let listed = |endpoints: &[ServerEndpoint], host: &str| endpoints.iter().any(|e| e.host.eq_ignore_ascii_case(host));
    providers().iter().find(|p| listed(&p.imap, &incoming) && listed(&p.smtp, &smtp))
}

/// The provider hosting a domain whose MX is `mx_host` ("aspmx.l.google.com."): the host equals one
/// of the provider's MX suffixes or ends with "." and it, so "notgoogle.com" is not Google.
pub fn find_by_mx(mx_host: &str) -> Option<&'static Provider> {
    let host = normalize_domain(mx_host);
    if host.is_empty() {
        return None;
    }
    providers().iter().find(|provider| provider.mx_suffixes.iter().any(|suffix| is_same_or_subdomain(&host, suffix)))
}

/// Lowercase (Unicode, so internationalised names typed in capitals match too), without
/// surrounding spaces, a leading "@" or the trailing dot of a fully qualified name.
fn normalize_domain(domain: &str) -> String {
    domain.trim().trim_start_matches('@').trim_end_matches('.').to_lowercase()
}

fn is_same_or_subdomain(host: &str, suffix: &str) -> bool {
    host == suffix || host.strip_suffix(suffix).is_some_and(|rest| rest.ends_with('.'))
}

fn is_russian(lang: &str) -> bool {
    lang.trim().get(..2).is_some_and(|code| code.eq_ignore_ascii_case("ru"))
}

/// Width of the label column in [`describe`], and of the whole text before wrapping.
const LABEL_WIDTH: usize = 19;
const TEXT_WIDTH: usize = 100;

/// The settings of one provider as a person reads them in a terminal (`pochta presets mail.ru`),
/// in the current language (labels from the Fluent files, the provider's advice from the presets).
pub fn describe(provider: &Provider) -> String {
    let lang = crate::i18n::current_language();
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", provider.name, provider.id);
    push_field(&mut out, &fl!("cli-preset-domains"), &provider.domains.join(", "));
    if !provider.mx_suffixes.is_empty() {
        let hosted = fl!("cli-preset-hosted-under", suffixes = provider.mx_suffixes.join(", "));
        push_field(&mut out, &fl!("cli-preset-hosted"), &hosted);
    }
    out.push('\n');
    push_server_table(&mut out, provider);
    out.push('\n');

    let example = provider.domains.first().map_or_else(|| "user@example.org".to_string(), |d| format!("user@{d}"));
    push_field(&mut out, &fl!("cli-preset-login"), &describe_logins(provider, &example));
    push_field(&mut out, &fl!("cli-preset-sign-in"), &describe_auth(provider.auth));
    let sent =
        if provider.sent_copy_by_server { fl!("cli-preset-sent-by-server") } else { fl!("cli-preset-sent-by-program") };
    push_field(&mut out, &fl!("cli-preset-sent"), &sent);
    if let Some(guidance) = &provider.enable_access {
        push_field(&mut out, &fl!("cli-preset-enable-access"), guidance.text(&lang));
    }
    if let Some(guidance) = &provider.app_password {
        push_field(&mut out, &fl!("cli-preset-app-password"), guidance.text(&lang));
    }
    if let Some(dele) = provider.pop3_dele {
        let what = describe_pop3_dele(dele);
        let text = match &provider.pop3_dele_note {
            Some(note) => format!("{what}. {}", note.text(&lang)),
            None => what,
        };
        push_field(&mut out, &fl!("cli-preset-pop3-delete"), &text);
    }
    if let Some(guidance) = &provider.notes {
        push_field(&mut out, &fl!("cli-preset-notes"), guidance.text(&lang));
    }
    push_field(&mut out, &fl!("cli-preset-last-verified"), &provider.last_verified);
    out
}

/// One line per provider, for `pochta presets` without an argument.
pub fn summary_table() -> String {
    let none = "—";
    let mut rows = vec![[
        "id".to_string(),
        fl!("cli-presets-provider"),
        fl!("cli-presets-domains"),
        "IMAP".to_string(),
        "SMTP".to_string(),
    ]];
    for provider in providers() {
        let first_host = |list: &[ServerEndpoint]| list.first().map_or(none.to_string(), |e| e.host.clone());
        rows.push([
            provider.id.clone(),
            provider.name.clone(),
            short_domain_list(&provider.domains),
            first_host(&provider.imap),
            first_host(&provider.smtp),
        ]);
    }
    let mut out = render_columns(&rows);
    let _ = writeln!(out, "\n{}", fl!("cli-presets-more"));
    out
}

/// At most three domains, then how many more: the table stays one line per provider.
fn short_domain_list(domains: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = domains.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if domains.len() > SHOWN {
        let more = (domains.len() - SHOWN) as u64;
        let _ = write!(text, " {}", fl!("cli-presets-more-domains", count = more));
    }
    text
}

fn push_server_table(out: &mut String, provider: &Provider) {
    let mut rows =
        vec![[fl!("cli-preset-server"), fl!("cli-preset-host"), fl!("cli-preset-port"), fl!("cli-preset-security")]];
    let mut not_offered = Vec::new();
    for (name, list) in [("IMAP", &provider.imap), ("POP3", &provider.pop3), ("SMTP", &provider.smtp)] {
        if list.is_empty() {
            not_offered.push(name);
        }
        for (index, endpoint) in list.iter().enumerate() {
            let role = if index == 0 { name.to_string() } else { format!("  {}", fl!("cli-preset-alternative")) };
            rows.push([role, endpoint.host.clone(), endpoint.port.to_string(), endpoint.security.to_string()]);
        }
    }
    out.push_str(&render_columns(&rows));
    for name in not_offered {
        let _ = writeln!(out, "{name}: {}", fl!("cli-preset-not-offered"));
    }
}

fn describe_logins(provider: &Provider, example: &str) -> String {
    let describe_format = |format: LoginFormat| {
        let login = format.login_for(example);
        match format {
            LoginFormat::FullAddress => fl!("cli-preset-login-full-address", login = login),
            LoginFormat::LocalPart => fl!("cli-preset-login-local-part", login = login),
        }
    };
    let mut servers: Vec<(&str, Option<Protocol>)> = Vec::new();
    if !provider.imap.is_empty() {
        servers.push(("IMAP", Some(Protocol::Imap)));
    }
    if !provider.pop3.is_empty() {
        servers.push(("POP3", Some(Protocol::Pop3)));
    }
    servers.push(("SMTP", None));
    let formats: Vec<(&str, LoginFormat)> =
        servers.into_iter().map(|(name, protocol)| (name, provider.login_format(protocol))).collect();
    if formats.iter().all(|(_, format)| *format == provider.login) {
        return describe_format(provider.login);
    }
    formats.iter().map(|(name, format)| format!("{name}: {}", describe_format(*format))).collect::<Vec<_>>().join("; ")
}

fn describe_auth(auth: AuthKind) -> String {
    match auth {
        AuthKind::Password => fl!("cli-preset-auth-password"),
        AuthKind::AppPassword => fl!("cli-preset-auth-app-password"),
        AuthKind::Oauth2 => fl!("cli-preset-auth-oauth2"),
        AuthKind::AppPasswordOrOauth2 => fl!("cli-preset-auth-app-password-or-oauth2"),
    }
}

fn describe_pop3_dele(dele: Pop3Dele) -> String {
    match dele {
        Pop3Dele::Deletes => fl!("cli-preset-dele-deletes"),
        Pop3Dele::KeepsCopy => fl!("cli-preset-dele-keeps-copy"),
        Pop3Dele::PerWebSettings => fl!("cli-preset-dele-per-web-settings"),
    }
}

/// "Label            text", the text wrapped at [`TEXT_WIDTH`] under itself.
fn push_field(out: &mut String, label: &str, text: &str) {
    let indent = " ".repeat(LABEL_WIDTH);
    for (index, line) in wrap_words(text, TEXT_WIDTH - LABEL_WIDTH).iter().enumerate() {
        if index == 0 {
            let _ = writeln!(out, "{label:<LABEL_WIDTH$}{line}");
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

/// Splits at spaces into lines of at most `width` characters (a longer word, such as a URL, gets a
/// line of its own rather than being cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Left-aligned columns two spaces apart, padded by characters (Cyrillic headers align too).
fn render_columns<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            let _ = write!(line, "{cell:<width$}  ");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}
