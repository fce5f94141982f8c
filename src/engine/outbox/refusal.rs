//! Why a letter did not go, as the outbox keeps it: the step that failed and the server's own
//! words (kind and parameters), never a finished sentence. The sentence is written when the letter
//! is shown ([`worded`]), by the same `explain` as at the time, so it follows the language the
//! person uses now. Failures that carry no server words (the network, a certificate, an engine
//! problem) are kept as the sentence of the moment: they are retried by themselves or replaced at
//! the next attempt, and a legacy row (a sentence from before this format) is shown as it is.

use super::explain;
use super::submit::SubmitFailure;
use crate::engine::protocol::smtp::SmtpFailure;
use crate::model::AccountSettings;
use serde::{Deserialize, Serialize};

/// Marks a stored refusal (as opposed to a stored sentence) in the outbox's `last_error`.
const PREFIX: &str = "refusal/1:";

/// A [`SubmitFailure`] that can be written down and read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
enum Stored {
    Connect { failure: Reply },
    Login { failure: Reply },
    TooLarge { size: usize, limit: usize },
    Sender { failure: Reply },
    Recipients { refused: Vec<(String, Reply)> },
    Data { failure: Reply },
}

/// An SMTP failure made of the server's words only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Reply {
    StarttlsNotOffered,
    StarttlsRefused { reply: String },
    Greeting { reply: String },
    AuthRejected { code: Option<u16>, text: String },
    NoAuthMechanism { offered: String },
    Rejected { code: Option<u16>, text: String },
}

impl Reply {
    fn of(failure: &SmtpFailure) -> Option<Reply> {
        Some(match failure {
            SmtpFailure::StarttlsNotOffered => Reply::StarttlsNotOffered,
            SmtpFailure::StarttlsRefused(reply) => Reply::StarttlsRefused { reply: reply.clone() },
            SmtpFailure::Greeting(reply) => Reply::Greeting { reply: reply.clone() },
            SmtpFailure::AuthRejected { code, text } => Reply::AuthRejected { code: *code, text: text.clone() },
            SmtpFailure::NoAuthMechanism(offered) => Reply::NoAuthMechanism { offered: offered.clone() },
            SmtpFailure::Rejected { code, text } => Reply::Rejected { code: *code, text: text.clone() },
            // The network, TLS and timeouts carry no server words: their sentence is kept instead.
            SmtpFailure::Net(_) | SmtpFailure::Protocol(_) | SmtpFailure::Timeout(_) => return None,
        })
    }

    fn failure(self) -> SmtpFailure {
        match self {
            Reply::StarttlsNotOffered => SmtpFailure::StarttlsNotOffered,
            Reply::StarttlsRefused { reply } => SmtpFailure::StarttlsRefused(reply),
            Reply::Greeting { reply } => SmtpFailure::Greeting(reply),
            Reply::AuthRejected { code, text } => SmtpFailure::AuthRejected { code, text },
            Reply::NoAuthMechanism { offered } => SmtpFailure::NoAuthMechanism(offered),
            Reply::Rejected { code, text } => SmtpFailure::Rejected { code, text },
        }
    }
}

/// What the outbox keeps for a failed attempt: the refusal when it can be worded again later,
/// else the sentence explained now.
pub fn to_store(failure: &SubmitFailure, sentence: &str) -> String {
    let stored = match failure {
        SubmitFailure::Connect(f) => Reply::of(f).map(|failure| Stored::Connect { failure }),
        SubmitFailure::Login(f) => Reply::of(f).map(|failure| Stored::Login { failure }),
        SubmitFailure::TooLarge { size, limit } => Some(Stored::TooLarge { size: *size, limit: *limit }),
        SubmitFailure::Sender(f) => Reply::of(f).map(|failure| Stored::Sender { failure }),
        SubmitFailure::Recipients(refused) => refused
            .iter()
            .map(|(address, f)| Reply::of(f).map(|reply| (address.clone(), reply)))
            .collect::<Option<Vec<_>>>()
            .map(|refused| Stored::Recipients { refused }),
        SubmitFailure::Data(f) => Reply::of(f).map(|failure| Stored::Data { failure }),
        SubmitFailure::Unknown(_) => None,
    };
    match stored.and_then(|stored| serde_json::to_string(&stored).ok()) {
        Some(json) => format!("{PREFIX}{json}"),
        None => sentence.to_string(),
    }
}

/// The sentence for a stored reason, in the current language. `account` is the letter's account
/// (its login and address are part of some sentences); without it the refusal is still worded.
pub fn worded(stored: &str, account: Option<&AccountSettings>, from: &str) -> String {
    let Some(json) = stored.strip_prefix(PREFIX) else { return stored.to_string() };
    let Ok(refusal) = serde_json::from_str::<Stored>(json) else {
        return crate::fl!("error-send-refused");
    };
    let failure = match refusal {
        Stored::Connect { failure } => SubmitFailure::Connect(failure.failure()),
        Stored::Login { failure } => SubmitFailure::Login(failure.failure()),
        Stored::TooLarge { size, limit } => SubmitFailure::TooLarge { size, limit },
        Stored::Sender { failure } => SubmitFailure::Sender(failure.failure()),
        Stored::Recipients { refused } => {
            SubmitFailure::Recipients(refused.into_iter().map(|(address, reply)| (address, reply.failure())).collect())
        }
        Stored::Data { failure } => SubmitFailure::Data(failure.failure()),
    };
    // An account removed since: its login is unknown, the sender's address stands in for it.
    let fallback;
    let account = match account {
        Some(account) => account,
        None => {
            fallback = AccountSettings::local(from, "");
            &fallback
        }
    };
    explain::explain(&failure, account, from).message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> AccountSettings {
        AccountSettings { login: "anna".into(), ..AccountSettings::local("anna@example.org", "Anna") }
    }

    #[test]
    fn a_refusal_is_kept_as_the_servers_words_and_worded_when_shown() {
        let failure = SubmitFailure::Sender(SmtpFailure::Rejected {
            code: Some(553),
            text: "5.7.1 Sender address rejected: not owned by user anna".into(),
        });
        let stored = to_store(&failure, "ignored");
        assert!(stored.starts_with(PREFIX), "{stored}");
        assert!(stored.contains("not owned by user anna"), "the server's words are kept: {stored}");

        // Worded by `explain` when shown (tests/send.rs shows it in Russian after an English send).
        let sentence = worded(&stored, Some(&account()), "boss@example.org");
        let explained = explain::explain(&failure, &account(), "boss@example.org").message;
        assert_eq!(sentence, explained);
        assert!(sentence.contains("boss@example.org") && sentence.contains("anna"), "{sentence}");
    }

    #[test]
    fn refused_recipients_and_sizes_come_back_with_their_parameters() {
        let failure = SubmitFailure::Recipients(vec![(
            "nobody@example.org".into(),
            SmtpFailure::Rejected { code: Some(550), text: "5.1.1 User unknown".into() },
        )]);
        let worded_now = worded(&to_store(&failure, ""), Some(&account()), "anna@example.org");
        assert!(worded_now.contains("nobody@example.org"), "{worded_now}");
        let big = to_store(&SubmitFailure::TooLarge { size: 30_000_000, limit: 10_000_000 }, "");
        assert_eq!(
            worded(&big, None, "anna@example.org"),
            explain::explain(
                &SubmitFailure::TooLarge { size: 30_000_000, limit: 10_000_000 },
                &account(),
                "anna@example.org"
            )
            .message
        );
    }

    #[test]
    fn failures_without_server_words_and_legacy_sentences_are_shown_as_kept() {
        let timeout = SubmitFailure::Connect(SmtpFailure::Timeout("connect"));
        assert_eq!(to_store(&timeout, "the server did not answer"), "the server did not answer");
        assert_eq!(worded("an old sentence", None, "a@b.c"), "an old sentence");
        assert!(!worded(&format!("{PREFIX}{{broken"), None, "a@b.c").is_empty());
    }
}
