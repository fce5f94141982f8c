//! Turns what a server or the network said into one sentence a person can act on, with the
//! provider's own instructions (from the presets) when the account was made from one.

use super::Stage;
use crate::engine::presets::{self, AuthKind, Provider};
use crate::engine::protocol::imap::ImapFailure;
use crate::engine::protocol::net::NetFailure;
use crate::engine::protocol::pop3::Pop3Error;
use crate::engine::protocol::sasl;
use crate::engine::protocol::smtp::SmtpFailure;
use crate::engine::protocol::tls::{CertificateInfo, TlsFailure};
use crate::engine::reply_hints::{self, ReplyHint};
use crate::model::AccountSettings;
use std::fmt;

/// What kind of problem, for the UI to pick an icon and the right next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// DNS, refused, unreachable, timed out.
    Network,
    /// The certificate is not trusted, expired, for another host, or changed since it was pinned.
    Certificate,
    /// STARTTLS chosen but not offered: the password was not sent.
    StarttlsNotOffered,
    /// No security chosen, and the server wants TLS before the password (IMAP LOGINDISABLED):
    /// the password was not sent; STARTTLS on the same port is the likely fix.
    SecureConnectionRequired,
    /// Wrong login or password.
    Authentication,
    AppPasswordRequired,
    /// IMAP/POP3 access is switched off in the provider's web settings.
    AccessDisabled,
    /// The provider wants a browser login (captcha, security check) first.
    WebLoginRequired,
    /// The provider only accepts OAuth2 sign-in.
    OAuthRequired,
    /// The outgoing server refuses the From address for this login.
    SenderNotOwned,
    Timeout,
    Protocol,
    Config,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// What went wrong and what to do, in one or two sentences.
    pub message: String,
    /// The server's own words, when it said something.
    pub server_reply: Option<String>,
    /// The certificate, for trust problems: the user may accept it by fingerprint.
    pub certificate: Option<CertificateInfo>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(reply) = &self.server_reply {
            write!(f, " {}", crate::fl!("error-server-said", reply = reply.as_str()))?;
        }
        Ok(())
    }
}

impl Problem {
    fn new(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem { kind, message: message.into(), server_reply: None, certificate: None }
    }

    fn with_reply(mut self, reply: &str) -> Problem {
        let reply = reply.trim();
        if !reply.is_empty() {
            self.server_reply = Some(reply.to_string());
        }
        self
    }
}

pub fn net(failure: &NetFailure) -> Problem {
    match failure {
        NetFailure::Tls(tls) => tls_problem(tls),
        NetFailure::TimedOut { .. } => Problem::new(ProblemKind::Timeout, capitalise(&failure.to_string())),
        NetFailure::ExpectsTls { .. } => Problem::new(ProblemKind::Config, capitalise(&failure.to_string())),
        _ => Problem::new(ProblemKind::Network, capitalise(&failure.to_string())),
    }
}

fn tls_problem(failure: &TlsFailure) -> Problem {
    let mut problem = Problem::new(ProblemKind::Certificate, capitalise(&failure.to_string()));
    problem.certificate = failure.certificate().cloned();
    if matches!(failure, TlsFailure::Handshake(_) | TlsFailure::BadCaFile(_)) {
        problem.kind = ProblemKind::Protocol;
    }
    problem
}

pub fn imap(failure: &ImapFailure, account: &AccountSettings, stage: Stage) -> Problem {
    match failure {
        ImapFailure::Net(net_failure) => net(net_failure),
        ImapFailure::StarttlsNotOffered => {
            Problem::new(ProblemKind::StarttlsNotOffered, capitalise(&failure.to_string()))
        }
        ImapFailure::LoginRejected(text) => rejected_login(text, account, "IMAP"),
        // Security, not a wrong password: the choice to change is SSL/TLS or STARTTLS.
        ImapFailure::LoginDisabled => {
            Problem::new(ProblemKind::SecureConnectionRequired, capitalise(&failure.to_string()))
        }
        ImapFailure::Timeout(_) => Problem::new(ProblemKind::Timeout, capitalise(&failure.to_string())),
        ImapFailure::Greeting(text) | ImapFailure::StarttlsRefused(text) | ImapFailure::Protocol(text) => {
            server_refusal(text, account, "IMAP", stage, &failure.to_string())
        }
    }
}

pub fn pop3(failure: &Pop3Error, account: &AccountSettings, stage: Stage) -> Problem {
    let text = failure.to_string();
    if stage == Stage::Login && failure.is_auth_failure() {
        return rejected_login(&failure.server_text().unwrap_or_default(), account, "POP3");
    }
    match failure.server_text() {
        Some(reply) => server_refusal(&reply, account, "POP3", stage, &text),
        None if failure.is_timeout() => Problem::new(ProblemKind::Timeout, capitalise(&text)),
        None => Problem::new(ProblemKind::Protocol, capitalise(&text)),
    }
}

pub fn smtp(failure: &SmtpFailure, account: &AccountSettings, stage: Stage) -> Problem {
    match failure {
        SmtpFailure::Net(net_failure) => net(net_failure),
        SmtpFailure::StarttlsNotOffered => {
            Problem::new(ProblemKind::StarttlsNotOffered, capitalise(&failure.to_string()))
        }
        SmtpFailure::AuthRejected { text, .. } => rejected_login(text, account, "SMTP"),
        SmtpFailure::Timeout(_) => Problem::new(ProblemKind::Timeout, capitalise(&failure.to_string())),
        SmtpFailure::NoAuthMechanism(_) => Problem::new(ProblemKind::Config, capitalise(&failure.to_string())),
        SmtpFailure::Rejected { text, .. }
        | SmtpFailure::Greeting(text)
        | SmtpFailure::StarttlsRefused(text)
        | SmtpFailure::Protocol(text) => server_refusal(text, account, "SMTP", stage, &failure.to_string()),
    }
}

/// A refused login: the provider's words decide between "wrong password", "app password
/// needed", "access disabled" and "log in through the browser".
fn rejected_login(reply: &str, account: &AccountSettings, protocol: &str) -> Problem {
    if account.oauth.is_some() {
        return token_refused(reply);
    }
    let provider = provider_of(account);
    let hint = reply_hints::classify(reply);
    let problem = match hint {
        Some(ReplyHint::AppPasswordRequired) => app_password_problem(provider),
        Some(ReplyHint::AccessDisabled) => access_disabled_problem(provider, protocol),
        Some(ReplyHint::WebLoginRequired) => {
            Problem::new(ProblemKind::WebLoginRequired, crate::fl!("error-web-login-required"))
        }
        Some(ReplyHint::OAuthRequired) => oauth_problem(provider),
        _ => wrong_password_problem(provider, account),
    };
    problem.with_reply(reply)
}

/// A refused access token: the server's error JSON (RFC 7628 §3.2.2), kept after its words by the
/// protocol code, says why; without one it is taken as an invalid token.
fn token_refused(reply: &str) -> Problem {
    let report = reply.find('{').and_then(|at| reply.get(at..)).and_then(|json| sasl::Refusal::parse(json.as_bytes()));
    let message = match report {
        Some(refusal) => refusal.explain(),
        None => crate::fl!("error-oauth-invalid-token", status = "-"),
    };
    Problem::new(ProblemKind::Authentication, message).with_reply(reply)
}

fn server_refusal(reply: &str, account: &AccountSettings, protocol: &str, stage: Stage, fallback: &str) -> Problem {
    let provider = provider_of(account);
    let problem = match reply_hints::classify(reply) {
        Some(ReplyHint::AppPasswordRequired) => app_password_problem(provider),
        Some(ReplyHint::AccessDisabled) => access_disabled_problem(provider, protocol),
        Some(ReplyHint::OAuthRequired) => oauth_problem(provider),
        Some(ReplyHint::AuthFailed) if stage == Stage::Login => wrong_password_problem(provider, account),
        _ => return Problem::new(ProblemKind::Protocol, capitalise(fallback)),
    };
    problem.with_reply(reply)
}

fn wrong_password_problem(provider: Option<&Provider>, account: &AccountSettings) -> Problem {
    let mut message = crate::fl!("error-wrong-password", login = account.login.as_str());
    if let Some(provider) = provider.filter(|p| matches!(p.auth, AuthKind::AppPassword | AuthKind::AppPasswordOrOauth2))
    {
        let how = provider.app_password.as_ref().map(|g| after_colon(g.text(&language()))).unwrap_or_default();
        message.push(' ');
        message.push_str(&crate::fl!("error-wrong-password-app-hint", provider = provider.display_name(), how = how));
    }
    Problem::new(ProblemKind::Authentication, message)
}

/// Advice spliced in after a colon goes on the sentence: its first word in lower case, unless
/// that word is a name ("Gmail", "Mail.ru", "Яндекс") and keeps its capital.
fn after_colon(advice: &str) -> String {
    let first = advice.split_whitespace().next().unwrap_or_default();
    let plain_word = first.chars().skip(1).all(char::is_lowercase) && !first.contains('.');
    let name = ["Яндекс", "Рамблер", "Почта", "Почту", "Google", "Gmail", "Yahoo", "Apple", "Microsoft", "Zoho", "GMX"]
        .iter()
        .any(|n| first.starts_with(n));
    let mut chars = advice.chars();
    match chars.next() {
        Some(c) if plain_word && !name => c.to_lowercase().chain(chars).collect(),
        _ => advice.to_string(),
    }
}

fn app_password_problem(provider: Option<&Provider>) -> Problem {
    let how = provider
        .and_then(|p| p.app_password.as_ref())
        .map(|g| after_colon(g.text(&language())))
        .unwrap_or_else(|| crate::fl!("error-app-password-how"));
    Problem::new(ProblemKind::AppPasswordRequired, crate::fl!("error-app-password-required", how = how))
}

fn access_disabled_problem(provider: Option<&Provider>, protocol: &str) -> Problem {
    let how = provider
        .and_then(|p| p.enable_access.as_ref())
        .map(|g| after_colon(g.text(&language())))
        .unwrap_or_else(|| crate::fl!("error-access-disabled-how"));
    Problem::new(ProblemKind::AccessDisabled, crate::fl!("error-access-disabled", protocol = protocol, how = how))
}

fn oauth_problem(provider: Option<&Provider>) -> Problem {
    let message = match provider {
        Some(provider) => crate::fl!("error-oauth-required", provider = provider.display_name()),
        None => crate::fl!("error-oauth-required-unknown"),
    };
    Problem::new(ProblemKind::OAuthRequired, message)
}

/// The language the provider's own advice (preset data, English and Russian) is shown in.
fn language() -> String {
    crate::i18n::current_language()
}

fn provider_of(account: &AccountSettings) -> Option<&'static Provider> {
    account.preset.as_deref().and_then(presets::find_by_id).or_else(|| presets::find_for_address(&account.email))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            first.to_uppercase().chain(chars).collect::<String>() + if text.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}

pub fn pop3_open(failure: &crate::engine::protocol::pop3::OpenFailure, account: &AccountSettings) -> Problem {
    use crate::engine::protocol::pop3::OpenFailure;
    match failure {
        OpenFailure::Net(net_failure) => net(net_failure),
        OpenFailure::StlsNotOffered => {
            Problem::new(ProblemKind::StarttlsNotOffered, crate::fl!("error-pop3-stls-not-offered-explained"))
        }
        OpenFailure::Pop3(err) => pop3(err, account, Stage::Connect),
    }
}

#[cfg(test)]
mod tests {
    use super::after_colon;

    #[test]
    fn spliced_advice_goes_on_the_sentence_but_names_keep_their_capital() {
        assert_eq!(after_colon("Откройте настройки"), "откройте настройки");
        assert_eq!(after_colon("Create one in settings"), "create one in settings");
        assert_eq!(after_colon("Mail.ru пускает программы"), "Mail.ru пускает программы");
        assert_eq!(after_colon("Gmail → Settings"), "Gmail → Settings");
        assert_eq!(after_colon("IMAP is on"), "IMAP is on");
    }
}
