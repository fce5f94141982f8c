//! One SMTP submission (RFC 6409) over our connection set-up ([`smtp::connect`]: TLS, pins,
//! STARTTLS required when chosen): EHLO to learn SIZE (RFC 1870), AUTH, MAIL FROM with SIZE,
//! RCPT TO for every recipient (all of them, so every refused one can be named), DATA. The letter
//! counts as sent only when the reply to the final "." is 2xx (RFC 5321 4.1.1.4).
//!
//! Every wait has a deadline ([`deadline`]), the letter's scaled to its size. When no reply came
//! to the letter itself (the connection broke or went silent after it was handed over), the
//! server may have taken it: that is [`SubmitFailure::Unknown`], never a refusal. After a
//! timeout or a broken connection the session is dropped without QUIT: a late reply to the
//! letter must never be read as the answer to something else (lettre's `abort()` would).

use crate::engine::protocol::deadline;
use crate::engine::protocol::smtp::{self, SmtpFailure};
use crate::engine::protocol::tls::Trust;
use crate::model::{AccountSettings, ServerEndpoint};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;
use std::future::Future;
use std::time::Duration;

/// What to hand over: the envelope and the exact bytes (already without Bcc).
pub struct Submission<'a> {
    pub envelope_from: &'a str,
    pub recipients: &'a [String],
    pub data: &'a [u8],
}

/// Why the server did not take the letter, at the step it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitFailure {
    /// No connection (network, TLS, STARTTLS missing, greeting refused).
    Connect(SmtpFailure),
    Login(SmtpFailure),
    /// The letter is larger than the server's SIZE (RFC 1870): not even tried.
    TooLarge {
        size: usize,
        limit: usize,
    },
    /// MAIL FROM refused (the sender address).
    Sender(SmtpFailure),
    /// RCPT TO refused for these recipients (address and the server's words).
    Recipients(Vec<(String, SmtpFailure)>),
    /// DATA or the letter itself refused, or the session broke before the letter was handed over.
    Data(SmtpFailure),
    /// The letter was handed over but no reply came (cut or silent): it may have been delivered.
    Unknown(SmtpFailure),
}

impl SubmitFailure {
    /// Whether the server answered last, so QUIT can be sent and its reply read safely.
    fn session_in_step(&self) -> bool {
        match self {
            SubmitFailure::TooLarge { .. } => true,
            SubmitFailure::Recipients(refused) => refused.iter().all(|(_, failure)| failure.session_in_step()),
            SubmitFailure::Connect(failure)
            | SubmitFailure::Login(failure)
            | SubmitFailure::Sender(failure)
            | SubmitFailure::Data(failure) => failure.session_in_step(),
            SubmitFailure::Unknown(_) => false,
        }
    }
}

pub async fn submit(
    endpoint: &ServerEndpoint,
    trust: &Trust,
    account: &AccountSettings,
    password: &str,
    submission: &Submission<'_>,
) -> Result<(), SubmitFailure> {
    let (mut conn, _) = smtp::connect(endpoint, trust).await.map_err(SubmitFailure::Connect)?;
    let result = transaction(&mut conn, account, password, submission).await;
    let polite = match &result {
        Ok(()) => true,
        Err(failure) => failure.session_in_step(),
    };
    if polite {
        // RFC 5321 4.1.1.10; its reply is the next one, as asked. Best effort, within a deadline.
        let _ = tokio::time::timeout(deadline::command(), conn.quit()).await;
    }
    // Otherwise the connection is simply closed (dropped): nothing more is sent or read.
    drop(conn);
    result
}

async fn transaction(
    conn: &mut AsyncSmtpConnection,
    account: &AccountSettings,
    password: &str,
    submission: &Submission<'_>,
) -> Result<(), SubmitFailure> {
    // EHLO again (lettre keeps only the extensions it knows) for SIZE; before AUTH, since some
    // servers forget the login on a new EHLO.
    let ehlo = command(conn, Ehlo::new(ClientId::default()), "EHLO").await.map_err(SubmitFailure::Connect)?;
    let limit = size_limit(&ehlo);
    if let Some(limit) = limit.filter(|limit| submission.data.len() > *limit) {
        return Err(SubmitFailure::TooLarge { size: submission.data.len(), limit });
    }
    // A password, or an OAuth 2.0 access token for an account that signs in with its provider.
    smtp::sign_in(conn, account, password).await.map_err(SubmitFailure::Login)?;

    let from = parse_address(submission.envelope_from).map_err(SubmitFailure::Sender)?;
    let mut parameters = Vec::new();
    if limit.is_some() {
        parameters.push(MailParameter::Size(submission.data.len()));
    }
    if !submission.data.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    command(conn, Mail::new(Some(from), parameters), "MAIL FROM").await.map_err(SubmitFailure::Sender)?;

    let mut refused = Vec::new();
    for recipient in submission.recipients {
        let address = match parse_address(recipient) {
            Ok(address) => address,
            Err(failure) => {
                refused.push((recipient.clone(), failure));
                continue;
            }
        };
        if let Err(failure) = command(conn, Rcpt::new(address, Vec::new()), "RCPT TO").await {
            if !matches!(failure, SmtpFailure::Rejected { .. }) {
                return Err(SubmitFailure::Data(failure));
            }
            refused.push((recipient.clone(), failure));
        }
    }
    if !refused.is_empty() {
        // Nobody gets a letter some of its recipients would miss; the person fixes the address.
        let _ = command(conn, Rset, "RSET").await;
        return Err(SubmitFailure::Recipients(refused));
    }
    command(conn, Data, "DATA").await.map_err(SubmitFailure::Data)?;
    let data_deadline = deadline::for_bytes(submission.data.len() as u64);
    match within(data_deadline, "sending the letter", conn.message(submission.data)).await {
        Ok(_) => Ok(()),
        // The server answered with a code: a refusal (4xx for now, 5xx for good).
        Err(failure @ SmtpFailure::Rejected { .. }) => Err(SubmitFailure::Data(failure)),
        // No answer to the letter: it may have reached the server whole (RFC 5321 4.1.1.4 has
        // no way to ask). Sent again later, with the same Message-ID.
        Err(failure) => Err(SubmitFailure::Unknown(failure)),
    }
}

async fn command<C: std::fmt::Display>(
    conn: &mut AsyncSmtpConnection,
    command: C,
    what: &'static str,
) -> Result<Response, SmtpFailure> {
    within(deadline::command(), what, conn.command(command)).await
}

async fn within(
    deadline: Duration,
    what: &'static str,
    future: impl Future<Output = Result<Response, lettre::transport::smtp::Error>>,
) -> Result<Response, SmtpFailure> {
    match tokio::time::timeout(deadline, future).await {
        Err(_) => Err(SmtpFailure::Timeout(what)),
        Ok(Err(err)) => Err(smtp::from_lettre(err)),
        Ok(Ok(response)) => Ok(response),
    }
}

fn parse_address(text: &str) -> Result<lettre::Address, SmtpFailure> {
    text.parse().map_err(|_| SmtpFailure::Rejected { code: None, text: format!("{text} is not a valid address") })
}

/// "SIZE 10240000" from an EHLO reply (RFC 1870 4); `None` without SIZE or with "SIZE 0"
/// (no fixed limit).
pub fn size_limit(ehlo: &Response) -> Option<usize> {
    ehlo.message().find_map(|line| {
        let mut words = line.split_whitespace();
        let keyword = words.next()?;
        if !keyword.eq_ignore_ascii_case("SIZE") {
            return None;
        }
        words.next().and_then(|n| n.parse::<usize>().ok()).filter(|n| *n > 0)
    })
}
