//! Why a letter did not go, in one sentence a person can act on, and whether trying again later
//! can help: a wrong password or a refused address waits for the person; no network, a busy
//! server or a provider's sending limit is retried by itself.

use super::submit::SubmitFailure;
use crate::engine::account_check::{self, ProblemKind, Stage};
use crate::engine::error::ErrorKind;
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
        SubmitFailure::TooLarge { size, limit } => {
            let (size, limit) = sizes_apart(*size as u64, *limit as u64);
            problem(
                ErrorKind::Protocol,
                crate::fl!("error-send-too-large-for-server", size = size, limit = limit),
                Retry::Never,
            )
        }
        SubmitFailure::Sender(smtp) => refusal(smtp, account, from, None),
        SubmitFailure::Recipients(refused) => recipients(refused, account, from),
        SubmitFailure::Data(smtp) => refusal(smtp, account, from, None),
        // Not a refusal: the letter may have arrived. Tried again after the usual pause with
        // the same Message-ID, so a recipient's client can fold the one possible duplicate.
        SubmitFailure::Unknown(smtp) => problem(
            ErrorKind::Network,
            crate::fl!("error-send-outcome-unknown", detail = smtp.to_string()),
            Retry::Soon,
        ),
    }
}

fn connection(failure: &SmtpFailure, account: &AccountSettings) -> SendProblem {
    let explained = account_check::explain_smtp(failure, account, Stage::Connect);
    let (kind, retry) = match (&explained.kind, failure) {
        (ProblemKind::Certificate, _) => (ErrorKind::Tls, Retry::Never),
        (ProblemKind::StarttlsNotOffered, _) => (ErrorKind::Tls, Retry::Never),
        (_, SmtpFailure::Net(NetFailure::Tls(_))) => (ErrorKind::Tls, Retry::Never),
        // The security setting does not fit the port: trying again cannot help.
        (_, SmtpFailure::Net(NetFailure::ExpectsTls { .. })) => (ErrorKind::Config, Retry::Never),
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
    problem(ErrorKind::Auth, crate::fl!("error-send-login", explained = explained.to_string()), retry)
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
    let said = if reply.trim().is_empty() {
        String::new()
    } else {
        format!(" {}", crate::fl!("error-server-said", reply = reply.trim()))
    };
    let (kind, text, retry) = match reply_hints::classify(reply) {
        Some(ReplyHint::SenderNotOwned) => (
            ErrorKind::Config,
            crate::fl!(
                "error-send-sender-not-owned",
                login = account.login.as_str(),
                from = from,
                address = account.email.as_str()
            ),
            Retry::Never,
        ),
        Some(ReplyHint::RelayDenied) => (
            ErrorKind::Config,
            match recipient {
                Some(r) => crate::fl!("error-send-relay-denied-to", recipient = r),
                None => crate::fl!("error-send-relay-denied"),
            },
            Retry::Never,
        ),
        Some(ReplyHint::RecipientUnknown) => (
            ErrorKind::Protocol,
            match recipient {
                Some(r) => crate::fl!("error-send-recipient-unknown", recipient = r),
                None => crate::fl!("error-send-a-recipient-unknown"),
            },
            Retry::Never,
        ),
        Some(ReplyHint::MailboxFull) => (
            ErrorKind::Protocol,
            match recipient {
                Some(r) => crate::fl!("error-send-mailbox-full", recipient = r),
                None => crate::fl!("error-send-a-mailbox-full"),
            },
            Retry::Later,
        ),
        Some(ReplyHint::MessageTooLarge) => (ErrorKind::Protocol, crate::fl!("error-send-too-large"), Retry::Never),
        Some(ReplyHint::RateLimited) => (ErrorKind::Protocol, crate::fl!("error-send-rate-limited"), Retry::Later),
        Some(ReplyHint::ServerBusy) => (ErrorKind::Network, crate::fl!("error-send-server-busy"), Retry::Soon),
        Some(ReplyHint::AuthFailed | ReplyHint::AppPasswordRequired | ReplyHint::WebLoginRequired) => {
            return login(failure, account);
        }
        _ => match failure {
            SmtpFailure::Net(_) | SmtpFailure::Timeout(_) | SmtpFailure::Protocol(_) => {
                let detail = failure.to_string();
                let text = match recipient {
                    Some(r) => crate::fl!("error-send-connection-broke-to", recipient = r, detail = detail),
                    None => crate::fl!("error-send-connection-broke", detail = detail),
                };
                (ErrorKind::Network, text, Retry::Soon)
            }
            _ => {
                let text = match recipient {
                    Some(r) => crate::fl!("error-send-refused-to", recipient = r),
                    None => crate::fl!("error-send-refused"),
                };
                (ErrorKind::Protocol, text, temporary_or_not(failure))
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

/// Two sizes as a person reads them ("6 KB", "1000 B"), in exact bytes when the rounded forms
/// would look the same.
fn sizes_apart(size: u64, limit: u64) -> (String, String) {
    let (shown_size, shown_limit) = (crate::i18n::size(size), crate::i18n::size(limit));
    if shown_size != shown_limit {
        return (shown_size, shown_limit);
    }
    let bytes = |n: u64| crate::fl!("format-bytes", size = n.to_string());
    (bytes(size), bytes(limit))
}

#[cfg(test)]
mod tests {
    use super::sizes_apart;

    #[test]
    fn a_size_refusal_shows_sizes_that_differ() {
        let (size, limit) = sizes_apart(6_860, 1_000);
        assert!(size.contains('6') && !size.starts_with('0'), "{size}");
        assert!(limit.contains("1000"), "{limit}");
        let (size, limit) = sizes_apart(10_485_800, 10_485_760);
        assert_ne!(size, limit);
    }
}
