//! Logging in: USER/PASS and APOP (RFC 1939 §7), SASL PLAIN (RFC 5034, RFC 4616) and XOAUTH2
//! (Google's and Microsoft's bearer-token mechanism, over RFC 5034). Secrets go straight into
//! the write buffer, which is wiped after the write; errors name the command, never its secret.

use super::codec::Status;
use super::{Pop3Client, Pop3Error};
use crate::engine::protocol::sasl;
use crate::model::OAuthMechanism;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::{AsyncRead, AsyncWrite};

/// RFC 5034 §4: an AUTH command line with its initial response may be at most 255 octets;
/// past that the response goes on its own line after the server's empty challenge.
const MAX_AUTH_LINE: usize = 255;
/// Challenges answered before the exchange is declared broken (PLAIN and XOAUTH2 need one).
const MAX_CHALLENGES: usize = 3;

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Pop3Client<S> {
    /// USER then PASS (RFC 1939 §7). The password travels in clear text on a plain connection:
    /// callers use it only over TLS or on an explicit "no security" choice.
    pub async fn user_pass(&mut self, user: &str, password: &str) -> Result<(), Pop3Error> {
        check_argument(user, "the user name")?;
        check_argument(password, "the password")?;
        self.wire.begin("login").await?;
        self.wire.queue_parts(&[b"USER ", user.as_bytes()], format!("USER {user}"));
        self.wire.flush().await?;
        self.expect_ok().await?;
        self.wire.queue_parts(&[b"PASS ", password.as_bytes()], "PASS (password hidden)".into());
        self.wire.flush().await?;
        self.expect_ok().await.map(drop)
    }

    /// APOP (RFC 1939 §7): sends MD5(timestamp + password) instead of the password. The
    /// timestamp is the greeting's ([`super::Greeting::apop_timestamp`]). MD5 is weak; prefer
    /// TLS with USER/PASS or SASL.
    pub async fn apop(&mut self, user: &str, password: &str, timestamp: &str) -> Result<(), Pop3Error> {
        check_argument(user, "the user name")?;
        check_argument(password, "the password")?;
        if user.contains(' ') {
            return Err(Pop3Error::InvalidInput("an APOP user name cannot contain a space".into()));
        }
        if !(timestamp.starts_with('<') && timestamp.ends_with('>') && timestamp.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(Pop3Error::InvalidInput("the APOP timestamp is not of the form <...>".into()));
        }
        let mut secret = [timestamp.as_bytes(), password.as_bytes()].concat();
        let digest = openssl::hash::hash(openssl::hash::MessageDigest::md5(), &secret);
        secret.fill(0);
        let digest =
            digest.map_err(|_| Pop3Error::InvalidInput("MD5, which APOP needs, is unavailable in OpenSSL".into()))?;
        let mut hex: Vec<u8> = digest.iter().flat_map(|byte| format!("{byte:02x}").into_bytes()).collect();
        self.wire.begin("login").await?;
        self.wire.queue_parts(&[b"APOP ", user.as_bytes(), b" ", &hex], format!("APOP {user} (digest hidden)"));
        hex.fill(0);
        self.wire.flush().await?;
        self.expect_ok().await.map(drop)
    }

    /// AUTH PLAIN (RFC 5034, RFC 4616) with an empty authorization identity.
    pub async fn auth_plain(&mut self, user: &str, password: &str) -> Result<(), Pop3Error> {
        check_argument(user, "the user name")?;
        check_argument(password, "the password")?;
        let parts: [&[u8]; 4] = [b"\0", user.as_bytes(), b"\0", password.as_bytes()];
        let mut message = parts.concat();
        let outcome = self.sasl("PLAIN", &message).await;
        message.fill(0);
        outcome
    }

    /// AUTH XOAUTH2 with an OAuth 2.0 access token. On failure the server first sends a
    /// base64 JSON error as a challenge, which is answered with an empty line; its `-ERR`
    /// follows, and the JSON is appended to that error's text.
    pub async fn auth_xoauth2(&mut self, user: &str, token: &str) -> Result<(), Pop3Error> {
        check_argument(user, "the user name")?;
        check_argument(token, "the access token")?;
        if user.contains('\x01') || token.contains('\x01') {
            return Err(Pop3Error::InvalidInput("the user name or token contains a control character".into()));
        }
        let parts: [&[u8]; 5] = [b"user=", user.as_bytes(), b"\x01auth=Bearer ", token.as_bytes(), b"\x01\x01"];
        let mut message = parts.concat();
        let outcome = self.sasl("XOAUTH2", &message).await;
        message.fill(0);
        outcome
    }

    /// AUTH XOAUTH2 or OAUTHBEARER (RFC 5034, RFC 7628 §3) with an OAuth 2.0 access token; a
    /// refusal's error challenge is answered as the mechanism says and its JSON kept with the
    /// `-ERR` text.
    pub async fn auth_oauth(
        &mut self,
        mechanism: OAuthMechanism,
        user: &str,
        token: &str,
        host: &str,
        port: u16,
    ) -> Result<(), Pop3Error> {
        check_argument(user, "the user name")?;
        check_argument(token, "the access token")?;
        if sasl::unusable(user, token) {
            return Err(Pop3Error::InvalidInput("the user name or token contains a control character".into()));
        }
        let mut message = sasl::initial_response(mechanism, user, token, host, port);
        let outcome = self.sasl(mechanism.sasl_name(), &message).await;
        message.fill(0);
        outcome
    }

    /// One SASL exchange for a mechanism whose whole answer is the initial response.
    async fn sasl(&mut self, mechanism: &'static str, response: &[u8]) -> Result<(), Pop3Error> {
        self.wire.begin("login").await?;
        let label = format!("AUTH {mechanism}");
        let mut encoded = BASE64.encode(response).into_bytes();
        let inline = b"AUTH ".len() + mechanism.len() + 1 + encoded.len() + 2 <= MAX_AUTH_LINE;
        if inline {
            self.wire.queue_parts(&[b"AUTH ", mechanism.as_bytes(), b" ", &encoded], label.clone());
        } else {
            self.wire.queue_parts(&[b"AUTH ", mechanism.as_bytes()], label.clone());
        }
        let mut response_sent = inline;
        let mut detail = None;
        let mut challenges = 0;
        let outcome = loop {
            if let Err(err) = self.wire.flush().await {
                break Err(err);
            }
            match self.wire.read_status().await {
                Ok(Status::Ok(_)) => break Ok(()),
                Err(err) => break Err(with_detail(err, detail.take())),
                Ok(Status::Continue(challenge)) => {
                    challenges += 1;
                    if challenges > MAX_CHALLENGES {
                        let err = Pop3Error::Protocol(format!("{label} went on for too many challenges"));
                        break Err(self.wire.fail(err));
                    }
                    if !response_sent {
                        // RFC 5034 §4: the response answers the server's (empty) challenge.
                        self.wire.queue_continuation(&encoded);
                        response_sent = true;
                    } else {
                        // A challenge after our whole answer: XOAUTH2's error report, answered
                        // with an empty line, OAUTHBEARER's with %x01 (RFC 7628 §3.2.3, "AQ==");
                        // any other mechanism is cancelled with "*".
                        detail = decode_challenge(&challenge);
                        self.wire.queue_continuation(match mechanism {
                            "XOAUTH2" => b"",
                            "OAUTHBEARER" => b"AQ==",
                            _ => b"*",
                        });
                    }
                }
            }
        };
        encoded.fill(0);
        outcome
    }
}

/// RFC 1939 §3: arguments are separated by spaces and a command ends at CRLF, so a CR, LF or
/// NUL inside one would end the command early and let the rest be read as another command.
fn check_argument(value: &str, what: &str) -> Result<(), Pop3Error> {
    if value.is_empty() {
        return Err(Pop3Error::InvalidInput(format!("{what} is empty")));
    }
    if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | b'\0')) {
        return Err(Pop3Error::InvalidInput(format!("{what} contains a line break or a NUL character")));
    }
    Ok(())
}

/// The server's challenge as text (XOAUTH2 sends JSON such as `{"status":"401",...}`).
fn decode_challenge(challenge: &str) -> Option<String> {
    let bytes = BASE64.decode(challenge.trim()).ok()?;
    let text = super::error::printable(&bytes);
    let text: String = text.chars().take(300).collect();
    (!text.trim().is_empty()).then_some(text)
}

fn with_detail(err: Pop3Error, detail: Option<String>) -> Pop3Error {
    match (err, detail) {
        (Pop3Error::Server { command, code, text }, Some(detail)) => {
            Pop3Error::Server { command, code, text: format!("{text} (details: {detail})") }
        }
        (err, _) => err,
    }
}
