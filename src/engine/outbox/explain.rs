//! Why a letter did not go, in one sentence a person can act on, and whether trying again later
//! can help: a wrong password or a refused address waits for the person; no network, a busy
//! server or a provider's sending limit is retried by itself.

use super::submit::SubmitFailure;
use crate::engine::account_check::{self, ProblemKind, Stage};
use crate::engine::api::ErrorKind;
use crate::engine::protocol::net::NetFailure;
use crate::engine::protocol::smtp::SmtpFailure;
use crate::engine::reply_hints::{self, ReplyHint};
use crate::model::AccountSettings;

/// When to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Offline, timed out, a temporary refusal: with the usual backoff.
    Soon,
    /// The provider limits sending for a while: not before [`RATE_LIMIT_PAUSE`] seconds.
    Later,
    /// Only after the person changed something (password, address, size).
    Never,
}

/// How long a provider's sending limit usually lasts before a retry is worth it.
pub const RATE_LIMIT_PAUSE: i64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendProblem {
    pub kind: ErrorKind,
    pub message: String,
    pub retry: Retry,
}

pub fn explain(failure: &SubmitFailure, account: &AccountSettings, from: &str) -> SendProblem {
    match failure {
        SubmitFailure::Connect(smtp) => connection(smtp, account),
        SubmitFailure::Login(smtp) => login(smtp, account),
        SubmitFailure::TooLarge { size, limit } => problem(
            ErrorKind::Protocol,
            format!(
                "The letter is too large for the outgoing server: it is {}, the server accepts at most {}. \
                 Remove or shrink attachments, or share large files by link.",
                megabytes(*size),
                megabytes(*limit)
            ),
            Retry::Never,
        ),
        SubmitFailure::Sender(smtp) => refusal(smtp, account, from, None),
        SubmitFailure::Recipients(refused) => recipients(refused, account, from),
        SubmitFailure::Data(smtp) => refusal(smtp, account, from, None),
    }
}

fn connection(failure: &SmtpFailure, account: &AccountSettings) -> SendProblem {
    let explained = account_check::explain_smtp(failure, account, Stage::Connect);
    let (kind, retry) = match (&explained.kind, failure) {
        (ProblemKind::Certificate, _) => (ErrorKind::Tls, Retry::Never),
        (ProblemKind::StarttlsNotOffered, _) => (ErrorKind::Tls, Retry::Never),
        (_, SmtpFailure::Net(NetFailure::Tls(_))) => (ErrorKind::Tls, Retry::Never),
        (_, SmtpFailure::Net(_) | SmtpFailure::Timeout(_)) => (ErrorKind::Network, Retry::Soon),
        _ => (ErrorKind::Protocol, temporary_or_not(failure)),
    };
    problem(kind, explained.to_string(), retry)
}

fn login(failure: &SmtpFailure, account: &AccountSettings) -> SendProblem {
    if let SmtpFailure::Net(_) | SmtpFailure::Timeout(_) = failure {
        return connection(failure, account);
    }
    let explained = account_check::explain_smtp(failure, account, Stage::Login);
    let retry = match reply_hints::classify(reply_of(failure)) {
        Some(ReplyHint::RateLimited) => Retry::Later,
        Some(ReplyHint::ServerBusy) => Retry::Soon,
        _ => temporary_or_not(failure),
    };
    problem(ErrorKind::Auth, format!("The outgoing server did not accept the login. {explained}"), retry)
}

fn recipients(refused: &[(String, SmtpFailure)], account: &AccountSettings, from: &str) -> SendProblem {
    let mut sentences = Vec::new();
    let mut retry = Retry::Never;
    let mut kind = ErrorKind::Protocol;
    for (address, failure) in refused {
        let one = refusal(failure, account, from, Some(address));
        sentences.push(one.message);
        kind = one.kind;
        retry = match (retry, one.retry) {
            (_, Retry::Later) | (Retry::Later, _) => Retry::Later,
            (_, Retry::Soon) | (Retry::Soon, _) => Retry::Soon,
            _ => Retry::Never,
        };
    }
    problem(kind, sentences.join(" "), retry)
}

/// A refused MAIL FROM, RCPT TO or DATA, by what the server's words mean.
fn refusal(failure: &SmtpFailure, account: &AccountSettings, from: &str, recipient: Option<&str>) -> SendProblem {
    let reply = reply_of(failure);
    let said = if reply.trim().is_empty() { String::new() } else { format!(" (server said: {})", reply.trim()) };
    let to = recipient.map(|r| format!(" to {r}")).unwrap_or_default();
    let (kind, text, retry) = match reply_hints::classify(reply) {
        Some(ReplyHint::SenderNotOwned) => (
            ErrorKind::Config,
            format!(
                "The outgoing server does not let the login \"{}\" send as {from}: the From address must be \
                 the login's own address ({}) or an alias the provider allows for it.",
                account.login, account.email
            ),
            Retry::Never,
        ),
        Some(ReplyHint::RelayDenied) => (
            ErrorKind::Config,
            format!(
                "The outgoing server refuses to pass the letter on{to} (relay access denied): it does not \
                 consider this login allowed to send there. Check the outgoing server and that it asks for \
                 the login."
            ),
            Retry::Never,
        ),
        Some(ReplyHint::RecipientUnknown) => (
            ErrorKind::Protocol,
            match recipient {
                Some(r) => format!("The recipient {r} does not exist: check the address."),
                None => "A recipient does not exist: check the addresses.".to_string(),
            },
            Retry::Never,
        ),
        Some(ReplyHint::MailboxFull) => (
            ErrorKind::Protocol,
            format!("The mailbox of {} is full; it may take letters again later.", recipient.unwrap_or("a recipient")),
            Retry::Later,
        ),
        Some(ReplyHint::MessageTooLarge) => (
            ErrorKind::Protocol,
            "The letter is too large for the server: remove or shrink attachments.".to_string(),
            Retry::Never,
        ),
        Some(ReplyHint::RateLimited) => (
            ErrorKind::Protocol,
            "The provider is limiting sending from this account for now (too many letters, or they \
             looked like mass mail): Pochta tries again later by itself."
                .to_string(),
            Retry::Later,
        ),
        Some(ReplyHint::ServerBusy) => {
            (ErrorKind::Network, "The outgoing server is busy; Pochta tries again shortly.".to_string(), Retry::Soon)
        }
        Some(ReplyHint::AuthFailed | ReplyHint::AppPasswordRequired | ReplyHint::WebLoginRequired) => {
            return login(failure, account);
        }
        _ => match failure {
            SmtpFailure::Net(_) | SmtpFailure::Timeout(_) | SmtpFailure::Protocol(_) => {
                (ErrorKind::Network, format!("The connection broke while sending{to}: {failure}."), Retry::Soon)
            }
            _ => {
                (ErrorKind::Protocol, format!("The outgoing server refused the letter{to}."), temporary_or_not(failure))
            }
        },
    };
    problem(kind, format!("{text}{said}"), retry)
}

fn reply_of(failure: &SmtpFailure) -> &str {
    match failure {
        SmtpFailure::AuthRejected { text, .. }
        | SmtpFailure::Rejected { text, .. }
        | SmtpFailure::Greeting(text)
        | SmtpFailure::StarttlsRefused(text) => text,
        _ => "",
    }
}

/// 4xx replies are temporary by definition (RFC 5321 4.2.1); 5xx wait for the person.
fn temporary_or_not(failure: &SmtpFailure) -> Retry {
    match failure {
        SmtpFailure::Rejected { code: Some(code), .. } | SmtpFailure::AuthRejected { code: Some(code), .. }
            if (400..500).contains(code) =>
        {
            Retry::Soon
        }
        SmtpFailure::Rejected { .. } | SmtpFailure::AuthRejected { .. } | SmtpFailure::NoAuthMechanism(_) => {
            Retry::Never
        }
        _ => Retry::Soon,
    }
}

fn problem(kind: ErrorKind, message: String, retry: Retry) -> SendProblem {
    SendProblem { kind, message, retry }
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}
