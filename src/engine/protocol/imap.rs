//! IMAP connection set-up over async-imap: implicit TLS or STARTTLS (RFC 3501 6.2.1, RFC 8314),
//! greeting, capabilities, LOGIN or AUTHENTICATE PLAIN (chosen in `auth`). The session is dropped
//! after any error (DESIGN §4: async-imap answers `Ok` with empty data after a parse error), so
//! callers reconnect instead of trusting a session that has failed once.

pub mod auth;
pub mod namespace;
pub mod raw;
pub mod sequence;
pub mod status;
pub mod utf7;

use super::net::{MailStream, NetFailure, await_plain_greeting, connect_tcp, secure};
use super::tls::Trust;
use crate::engine::protocol::sasl;
use crate::model::{AccountSettings, OAuthMechanism, Security, ServerEndpoint};
use async_imap::imap_proto::{Capability, Response, ResponseCode, Status};
use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use std::fmt;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub type ImapClient = async_imap::Client<MailStream>;
pub type ImapSession = async_imap::Session<MailStream>;

/// Deadline for one whole command exchange during set-up (greeting, STARTTLS, LOGIN).
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest line accepted before TLS is up (RFC 3501 puts no limit; greetings are short).
const MAX_PREAMBLE_LINE: usize = 8 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImapFailure {
    Net(NetFailure),
    /// STARTTLS was chosen but the server does not offer it: we never send the password in clear.
    StarttlsNotOffered,
    /// The server offered STARTTLS but refused it.
    StarttlsRefused(String),
    /// The server greeted with BYE or not at all.
    Greeting(String),
    /// LOGIN was answered with NO/BAD: the text is the server's (often provider-specific).
    LoginRejected(String),
    /// The server advertised LOGINDISABLED on a connection without TLS (RFC 3501 6.2.3, RFC 9051
    /// 6.2.3): LOGIN is not sent at all, the password never crosses the wire in clear.
    LoginDisabled,
    /// The server sent something we could not understand, or closed the connection.
    Protocol(String),
    Timeout(&'static str),
}

impl fmt::Display for ImapFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ImapFailure::Net(failure) => return failure.fmt(f),
            ImapFailure::StarttlsNotOffered => crate::fl!("error-imap-starttls-not-offered"),
            ImapFailure::StarttlsRefused(text) => crate::fl!("error-imap-starttls-refused", reply = text.as_str()),
            ImapFailure::Greeting(text) => crate::fl!("error-imap-greeting", reply = text.as_str()),
            ImapFailure::LoginRejected(text) => crate::fl!("error-imap-login-rejected", reply = text.as_str()),
            ImapFailure::LoginDisabled => crate::fl!("error-imap-login-disabled"),
            ImapFailure::Protocol(text) => crate::fl!("error-imap-protocol", detail = text.as_str()),
            ImapFailure::Timeout(during) => crate::fl!("error-imap-timeout", during = during.to_string()),
        };
        f.write_str(&text)
    }
}

impl From<NetFailure> for ImapFailure {
    fn from(failure: NetFailure) -> Self {
        ImapFailure::Net(failure)
    }
}

/// Connects and returns a client ready for LOGIN, with the stream encrypted unless the account
/// explicitly chose no security.
pub async fn connect(endpoint: &ServerEndpoint, trust: &Trust) -> Result<ImapClient, ImapFailure> {
    let host = endpoint.host.as_str();
    let port = endpoint.port;
    match endpoint.security {
        Security::Ssl => {
            let tcp = connect_tcp(host, port).await?;
            let stream = secure(host, trust, tcp, || connect_tcp(host, port)).await?;
            let mut client = async_imap::Client::new(stream);
            read_greeting(&mut client).await?;
            Ok(client)
        }
        Security::Starttls => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            let tcp = starttls_preamble(tcp).await?;
            let reconnect = || async move {
                let tcp = connect_tcp(host, port).await?;
                starttls_preamble(tcp).await.map_err(|err| NetFailure::Closed(err.to_string()))
            };
            let stream = secure(host, trust, tcp, reconnect).await?;
            // RFC 3501 6.2.1: no new greeting after the TLS negotiation.
            Ok(async_imap::Client::new(stream))
        }
        Security::None => {
            let tcp = connect_tcp(host, port).await?;
            await_plain_greeting(&tcp, host, port).await?;
            let mut client = async_imap::Client::new(MailStream::plain(tcp));
            let announced = read_greeting(&mut client).await?;
            let capabilities = match announced {
                Some(capabilities) => capabilities,
                None => ask_capabilities(&mut client).await?,
            };
            if capabilities.iter().any(|c| c.eq_ignore_ascii_case("LOGINDISABLED")) {
                return Err(ImapFailure::LoginDisabled);
            }
            Ok(client)
        }
    }
}

/// Logs in with what the server offers on this connection (`auth::choose`): LOGIN (RFC 3501
/// 6.2.3) or AUTHENTICATE PLAIN (RFC 4616, SASL-IR RFC 4959). The password never reaches a log:
/// async-imap's own trace logging goes through the `log` facade, which Pochta does not forward.
pub async fn login(mut client: ImapClient, user: &str, password: &str) -> Result<ImapSession, ImapFailure> {
    let capabilities = ask_capabilities(&mut client).await?;
    let method = auth::choose(&capabilities);
    if method == auth::Method::Unavailable {
        return Err(ImapFailure::Protocol(crate::fl!("error-imap-no-password-method")));
    }
    let attempt = async {
        match method {
            auth::Method::Plain { initial_response } => {
                auth::authenticate_plain(client, user, password, initial_response).await
            }
            _ => client.login(user, password).await,
        }
    };
    match tokio::time::timeout(COMMAND_TIMEOUT, attempt).await {
        Err(_) => Err(ImapFailure::Timeout("login")),
        Ok(Ok(session)) => Ok(session),
        Ok(Err((err, _client))) => Err(match err {
            async_imap::error::Error::No(text) | async_imap::error::Error::Bad(text) => {
                ImapFailure::LoginRejected(server_words(&text))
            }
            async_imap::error::Error::ConnectionLost => {
                ImapFailure::Protocol("the server closed the connection during login".into())
            }
            other => ImapFailure::Protocol(other.to_string()),
        }),
    }
}

/// Logs in as the account says: LOGIN with a password, or AUTHENTICATE with an OAuth 2.0 access
/// token; also says which token mechanism was used.
pub async fn sign_in(
    client: ImapClient,
    account: &AccountSettings,
    secret: &str,
) -> Result<(ImapSession, Option<OAuthMechanism>), ImapFailure> {
    match &account.oauth {
        None => login(client, &account.login, secret).await.map(|session| (session, None)),
        Some(oauth) => authenticate_oauth(client, oauth.mechanism, &account.login, secret, &account.incoming)
            .await
            .map(|(session, used)| (session, Some(used))),
    }
}

/// AUTHENTICATE XOAUTH2 or OAUTHBEARER (RFC 3501 6.2.2, RFC 7628 §3), the account's choice when
/// the server lists it (else the other one), with the initial response on the command line
/// when SASL-IR is offered (RFC 4959). On a refusal the server's error JSON (RFC 7628 §3.2.2)
/// is answered as the mechanism says and kept with the server's words.
pub async fn authenticate_oauth(
    mut client: ImapClient,
    preferred: OAuthMechanism,
    user: &str,
    token: &str,
    endpoint: &ServerEndpoint,
) -> Result<(ImapSession, OAuthMechanism), ImapFailure> {
    let capabilities = ask_capabilities(&mut client).await?;
    let offers = |name: &str| capabilities.iter().any(|c| c.eq_ignore_ascii_case(&format!("AUTH={name}")));
    let other = match preferred {
        OAuthMechanism::Xoauth2 => OAuthMechanism::Oauthbearer,
        OAuthMechanism::Oauthbearer => OAuthMechanism::Xoauth2,
    };
    let mechanism = [preferred, other].into_iter().find(|m| offers(m.sasl_name())).ok_or_else(|| {
        ImapFailure::Protocol(crate::fl!(
            "error-oauth-no-mechanism",
            mechanism = preferred.sasl_name(),
            offered = capabilities.join(" ")
        ))
    })?;
    if sasl::unusable(user, token) {
        return Err(ImapFailure::Protocol("the login or token cannot be sent".into()));
    }
    let initial = sasl::initial_response(mechanism, user, token, &endpoint.host, endpoint.port);
    let inline = capabilities.iter().any(|c| c.eq_ignore_ascii_case("SASL-IR"));
    let command = match inline {
        true => format!("{} {}", mechanism.sasl_name(), BASE64.encode(&initial)),
        false => mechanism.sasl_name().to_string(),
    };
    let refusal = std::sync::Arc::new(std::sync::Mutex::new(None));
    let answers = TokenAnswers { initial: (!inline).then_some(initial), mechanism, refusal: refusal.clone() };
    let outcome = tokio::time::timeout(COMMAND_TIMEOUT, client.authenticate(command, answers)).await;
    let detail = refusal.lock().unwrap_or_else(|p| p.into_inner()).take().unwrap_or_default();
    match outcome {
        Err(_) => Err(ImapFailure::Timeout("login")),
        Ok(Ok(session)) => Ok((session, mechanism)),
        Ok(Err((err, _client))) => Err(match err {
            async_imap::error::Error::No(text) | async_imap::error::Error::Bad(text) => {
                ImapFailure::LoginRejected(format!("{} {detail}", server_words(&text)).trim().to_string())
            }
            async_imap::error::Error::ConnectionLost => {
                ImapFailure::Protocol("the server closed the connection during login".into())
            }
            other => ImapFailure::Protocol(other.to_string()),
        }),
    }
}

/// The client's side of the token exchange: the initial response for the first (empty)
/// challenge when it was not sent inline; any later challenge is the error report, kept and
/// acknowledged.
struct TokenAnswers {
    initial: Option<Vec<u8>>,
    mechanism: OAuthMechanism,
    refusal: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl async_imap::Authenticator for TokenAnswers {
    type Response = Vec<u8>;

    fn process(&mut self, challenge: &[u8]) -> Vec<u8> {
        if let Some(initial) = self.initial.take() {
            return initial;
        }
        let report: String = String::from_utf8_lossy(challenge).chars().filter(|c| !c.is_control()).take(300).collect();
        *self.refusal.lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
        sasl::error_acknowledgement(self.mechanism).to_vec()
    }
}

/// Reads the greeting; returns the capabilities it announced in a `[CAPABILITY]` code, if any.
async fn read_greeting(client: &mut ImapClient) -> Result<Option<Vec<String>>, ImapFailure> {
    let response = tokio::time::timeout(COMMAND_TIMEOUT, client.read_response())
        .await
        .map_err(|_| ImapFailure::Timeout("greeting"))?
        .map_err(|err| ImapFailure::Protocol(format!("reading the greeting: {err}")))?
        .ok_or_else(|| ImapFailure::Greeting("the server closed the connection without a greeting".into()))?;
    match response.parsed() {
        Response::Data { status: Status::Ok | Status::PreAuth, outcome } => Ok(match &outcome.code {
            Some(ResponseCode::Capabilities(list)) => Some(list.iter().map(capability_name).collect()),
            _ => None,
        }),
        Response::Data { status: Status::Bye, outcome } => {
            Err(ImapFailure::Greeting(outcome.information.as_deref().unwrap_or("BYE").to_string()))
        }
        other => Err(ImapFailure::Greeting(format!("unexpected greeting {other:?}"))),
    }
}

/// CAPABILITY before login (RFC 3501 6.1.1), for a greeting that did not announce them.
async fn ask_capabilities(client: &mut ImapClient) -> Result<Vec<String>, ImapFailure> {
    let exchange = async {
        // async-imap tags only a session's commands: this one is written with a tag of its own.
        let stream = client.get_mut();
        stream.write_all(b"pcap CAPABILITY\r\n").await.map_err(io_failure)?;
        stream.flush().await.map_err(io_failure)?;
        let mut found = Vec::new();
        loop {
            let response = client
                .read_response()
                .await
                .map_err(|err| ImapFailure::Protocol(readable_io_error(&err)))?
                .ok_or_else(|| ImapFailure::Protocol("the server closed the connection".into()))?;
            match response.parsed() {
                Response::Capabilities(list) => found.extend(list.iter().map(capability_name)),
                Response::Done { tag, .. } if tag.0 == "pcap" => return Ok(found),
                _ => {}
            }
        }
    };
    tokio::time::timeout(COMMAND_TIMEOUT, exchange).await.map_err(|_| ImapFailure::Timeout("CAPABILITY"))?
}

fn capability_name(capability: &Capability<'_>) -> String {
    match capability {
        Capability::Imap4rev1 => "IMAP4rev1".into(),
        Capability::Auth(mechanism) => format!("AUTH={mechanism}"),
        Capability::Atom(atom) => atom.to_string(),
    }
}

/// The plaintext part of RFC 3501 6.2.1: greeting, CAPABILITY, STARTTLS. Reads byte by byte so
/// nothing after the tagged OK is consumed: bytes a man in the middle injects there end up in the
/// TLS handshake and make it fail, instead of being taken as the server's answers.
async fn starttls_preamble(mut tcp: TcpStream) -> Result<TcpStream, ImapFailure> {
    let run = async {
        let greeting = read_line(&mut tcp).await?;
        if !greeting.starts_with("* OK") && !greeting.starts_with("* PREAUTH") {
            return Err(ImapFailure::Greeting(greeting));
        }
        let mut offered = has_starttls(&greeting);
        if !offered {
            tcp.write_all(b"p1 CAPABILITY\r\n").await.map_err(io_failure)?;
            loop {
                let line = read_line(&mut tcp).await?;
                if line.starts_with("* CAPABILITY") {
                    offered = has_starttls(&line);
                } else if line.starts_with("p1 ") {
                    break;
                }
            }
        }
        if !offered {
            return Err(ImapFailure::StarttlsNotOffered);
        }
        tcp.write_all(b"p2 STARTTLS\r\n").await.map_err(io_failure)?;
        loop {
            let line = read_line(&mut tcp).await?;
            if let Some(rest) = line.strip_prefix("p2 ") {
                return if rest.to_ascii_uppercase().starts_with("OK") {
                    Ok(())
                } else {
                    Err(ImapFailure::StarttlsRefused(rest.to_string()))
                };
            }
        }
    };
    tokio::time::timeout(COMMAND_TIMEOUT, run).await.map_err(|_| ImapFailure::Timeout("STARTTLS"))??;
    Ok(tcp)
}

/// async-imap puts a tagged NO/BAD into its error as the Debug form of the reply
/// (`code: None, info: Some("...")`); the user should see the server's words.
fn server_words(text: &str) -> String {
    match text.split_once("info: Some(\"") {
        Some((_, rest)) => {
            rest.rsplit_once("\")").map_or(rest, |(info, _)| info).replace("\\\"", "\"").replace("\\\\", "\\")
        }
        None => text.to_string(),
    }
}

/// An I/O error from async-imap as a sentence. Its parser reports a reply it cannot read as an
/// I/O error whose text is the Debug form of the parser's error, the bytes as numbers
/// (`Error(Error { input: [42, 32, 49, ...`): those bytes are shown as the text they are, cut short.
pub fn readable_io_error(err: &std::io::Error) -> String {
    let text = err.to_string();
    let Some((_, after)) = text.split_once("input: [") else { return text };
    let numbers = after.split(']').next().unwrap_or("");
    let bytes: Vec<u8> = numbers.split(',').filter_map(|n| n.trim().parse::<u8>().ok()).take(120).collect();
    let line = String::from_utf8_lossy(&bytes);
    let line = line.lines().next().unwrap_or("").trim();
    crate::fl!("error-imap-unreadable-reply", reply = line.to_string())
}

fn has_starttls(line: &str) -> bool {
    line.to_ascii_uppercase().split(|c: char| c.is_whitespace() || c == ']').any(|word| word == "STARTTLS")
}

fn io_failure(err: std::io::Error) -> ImapFailure {
    ImapFailure::Net(NetFailure::Closed(err.to_string()))
}

async fn read_line(tcp: &mut TcpStream) -> Result<String, ImapFailure> {
    let mut line = Vec::new();
    loop {
        let byte = match tcp.read_u8().await {
            Ok(byte) => byte,
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(ImapFailure::Protocol("the server closed the connection".into()));
            }
            Err(err) => return Err(io_failure(err)),
        };
        if byte == b'\n' {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
        if line.len() >= MAX_PREAMBLE_LINE {
            return Err(ImapFailure::Protocol("a line from the server is far too long".into()));
        }
        line.push(byte);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_answers_give_the_initial_response_once_then_acknowledge_the_error_report() {
        use async_imap::Authenticator;
        let refusal = std::sync::Arc::new(std::sync::Mutex::new(None));
        // Without SASL-IR: the first (empty) challenge gets the initial response.
        let mut answers = TokenAnswers {
            initial: Some(b"n,a=a@b,\x01auth=Bearer t\x01\x01".to_vec()),
            mechanism: OAuthMechanism::Oauthbearer,
            refusal: refusal.clone(),
        };
        assert_eq!(answers.process(b""), b"n,a=a@b,\x01auth=Bearer t\x01\x01");
        // Then a challenge is the RFC 7628 error report: kept, and answered with %x01.
        assert_eq!(answers.process(br#"{"status":"invalid_token"}"#), b"\x01");
        assert_eq!(refusal.lock().unwrap().as_deref(), Some(r#"{"status":"invalid_token"}"#));
        let mut inline = TokenAnswers { initial: None, mechanism: OAuthMechanism::Xoauth2, refusal };
        assert_eq!(inline.process(br#"{"status":"401"}"#), b"");
    }

    #[test]
    fn server_words_are_taken_out_of_debug_text() {
        let text = r#"code: None, info: Some("[AUTHENTICATIONFAILED] Application password is \"REQUIRED\"")"#;
        assert_eq!(server_words(text), r#"[AUTHENTICATIONFAILED] Application password is "REQUIRED""#);
        assert_eq!(server_words("plain text"), "plain text");
    }

    #[test]
    fn an_unreadable_reply_is_shown_as_text_not_as_numbers() {
        let err = std::io::Error::other(
            "Error(Error { input: [42, 32, 49, 32, 70, 69, 84, 67, 72, 32, 40, 13, 10, 65], code: Tag }) during parsing of \"* 1 FETCH (\\r\\nA\"",
        );
        let text = readable_io_error(&err);
        assert!(text.contains("* 1 FETCH ("), "{text}");
        assert!(!text.contains("42, 32"), "{text}");
    }

    #[test]
    fn starttls_is_found_in_greeting_codes_and_capability_lines() {
        assert!(has_starttls("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready"));
        assert!(has_starttls("* CAPABILITY IMAP4rev1 LITERAL+ STARTTLS"));
        assert!(has_starttls("* OK [CAPABILITY IMAP4rev1 STARTTLS] x"));
        assert!(!has_starttls("* CAPABILITY IMAP4rev1 LOGINDISABLED"));
        assert!(!has_starttls("* OK STARTTLSX"));
    }
}
