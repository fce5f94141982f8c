//! How to hand the password to an IMAP server, chosen from the capabilities it lists on the
//! connection as it is when we log in (after TLS: RFC 3501 6.2.1 makes earlier ones void).
//!
//! - `AUTHENTICATE PLAIN` (RFC 4616) with the initial response in the command (SASL-IR, RFC 4959)
//!   when the server lists both `AUTH=PLAIN` and `SASL-IR`: one round trip, and the credentials
//!   travel as UTF-8 by definition rather than in a LOGIN quoted string (RFC 3501 9: 7-bit only).
//!   This is what Dovecot, Cyrus and the large providers offer, and what Thunderbird uses there.
//! - `AUTHENTICATE PLAIN` answering the server's empty `+` challenge when LOGIN is disabled
//!   (`LOGINDISABLED`, RFC 3501 6.2.3) but PLAIN is offered without SASL-IR.
//! - `LOGIN` otherwise (servers that list no mechanism, or only others).
//!
//! OAuth (XOAUTH2) is chosen elsewhere, by the account's settings, not here.

use super::{ImapClient, ImapSession};
use base64::Engine;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Login,
    /// AUTHENTICATE PLAIN; `initial_response`: in the command itself (SASL-IR).
    Plain {
        initial_response: bool,
    },
    /// LOGINDISABLED and no PLAIN: nothing Pochta can send its password with.
    Unavailable,
}

/// The method for a connection whose capabilities are `capabilities` (atoms as listed).
pub fn choose(capabilities: &[String]) -> Method {
    let has = |name: &str| capabilities.iter().any(|c| c.eq_ignore_ascii_case(name));
    let plain = has("AUTH=PLAIN");
    match (plain, has("SASL-IR"), has("LOGINDISABLED")) {
        (true, true, _) => Method::Plain { initial_response: true },
        (true, false, true) => Method::Plain { initial_response: false },
        (false, _, true) => Method::Unavailable,
        (_, _, false) => Method::Login,
    }
}

/// The PLAIN message (RFC 4616 2): no authorisation identity, NUL, login, NUL, password.
fn plain_message(user: &str, password: &str) -> Vec<u8> {
    let mut message = Vec::with_capacity(user.len() + password.len() + 2);
    message.push(0);
    message.extend_from_slice(user.as_bytes());
    message.push(0);
    message.extend_from_slice(password.as_bytes());
    message
}

/// Answers the server's challenge with the PLAIN message, once. After an initial response the
/// server has no reason to ask again (RFC 4959 3): an empty answer makes it fail the exchange
/// instead of sending the password a second time.
struct PlainAnswer(Option<Vec<u8>>);

impl async_imap::Authenticator for PlainAnswer {
    type Response = Vec<u8>;

    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        self.0.take().unwrap_or_default()
    }
}

/// AUTHENTICATE PLAIN, the initial response in the command when `initial_response`.
pub async fn authenticate_plain(
    client: ImapClient,
    user: &str,
    password: &str,
    initial_response: bool,
) -> Result<ImapSession, (async_imap::error::Error, ImapClient)> {
    let message = plain_message(user, password);
    if initial_response {
        // async-imap writes "AUTHENTICATE <text>" as given: the text carries the response.
        let command = format!("PLAIN {}", base64::engine::general_purpose::STANDARD.encode(&message));
        client.authenticate(command, PlainAnswer(None)).await
    } else {
        client.authenticate("PLAIN", PlainAnswer(Some(message))).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(list: &str) -> Vec<String> {
        list.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn plain_with_an_initial_response_when_the_server_offers_both() {
        let dovecot = caps("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN");
        assert_eq!(choose(&dovecot), Method::Plain { initial_response: true });
        let cyrus = caps("IMAP4rev1 LOGINDISABLED AUTH=PLAIN AUTH=LOGIN SASL-IR IDLE");
        assert_eq!(choose(&cyrus), Method::Plain { initial_response: true });
    }

    #[test]
    fn login_disabled_without_sasl_ir_answers_the_challenge_and_without_plain_is_unavailable() {
        assert_eq!(choose(&caps("IMAP4rev1 LOGINDISABLED AUTH=PLAIN")), Method::Plain { initial_response: false });
        assert_eq!(choose(&caps("IMAP4rev1 LOGINDISABLED AUTH=GSSAPI")), Method::Unavailable);
    }

    #[test]
    fn login_when_nothing_else_is_offered_or_plain_needs_a_round_trip() {
        assert_eq!(choose(&caps("IMAP4rev1 IDLE")), Method::Login);
        assert_eq!(choose(&caps("IMAP4rev1 AUTH=PLAIN")), Method::Login);
        assert_eq!(choose(&[]), Method::Login);
    }

    /// A scripted server (loopback, no TLS) that offers PLAIN only through its `+` challenge and
    /// checks the answer: the path used when LOGIN is disabled and SASL-IR is not offered.
    #[tokio::test]
    async fn plain_answers_an_empty_challenge_with_the_utf8_credentials() {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let command = lines.next_line().await.unwrap().unwrap();
            let (tag, rest) = command.split_once(' ').unwrap();
            assert_eq!(rest, "AUTHENTICATE PLAIN", "no initial response in the command");
            write.write_all(b"+ \r\n").await.unwrap();
            let answer = lines.next_line().await.unwrap().unwrap();
            let decoded = base64::engine::general_purpose::STANDARD.decode(answer.trim()).unwrap();
            assert_eq!(decoded, "\0ольга\0пароль".as_bytes());
            write.write_all(format!("{tag} OK logged in\r\n").as_bytes()).await.unwrap();
        });
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let client = async_imap::Client::new(crate::engine::protocol::net::MailStream::plain(tcp));
        let session = authenticate_plain(client, "ольга", "пароль", false).await;
        assert!(session.is_ok(), "{:?}", session.err().map(|(e, _)| e));
        server.await.unwrap();
    }

    /// LOGIN disabled and no PLAIN (a GSSAPI-only server): nothing is sent, and the failure says so
    /// instead of passing for a wrong password.
    #[tokio::test]
    async fn no_usable_method_sends_no_password() {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let mut received = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(tag) = line.strip_suffix(" CAPABILITY") {
                    let answer = format!("* CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=GSSAPI\r\n{tag} OK done\r\n");
                    write.write_all(answer.as_bytes()).await.unwrap();
                }
                received.push(line);
            }
            received
        });
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let client = async_imap::Client::new(crate::engine::protocol::net::MailStream::plain(tcp));
        let failure = super::super::login(client, "olga", "secret").await.err().unwrap();
        assert!(matches!(&failure, super::super::ImapFailure::Protocol(text) if text.contains("AUTHENTICATE PLAIN")));
        let received = server.await.unwrap();
        assert!(received.iter().all(|line| !line.contains("secret") && !line.contains("LOGIN")), "{received:?}");
    }

    #[test]
    fn the_plain_message_is_utf8_with_nul_separators() {
        assert_eq!(plain_message("ольга", "пароль 1"), "\0ольга\0пароль 1".as_bytes());
    }
}
