//! What can go wrong in a POP3 session, in words a person understands: the server's own text
//! with its RFC 2449 / RFC 3206 response code, or what broke on the wire. Passwords never reach
//! these values: commands are recorded with their secret arguments replaced.

use std::fmt;
use std::sync::Arc;

/// The extended response code in brackets at the start of an `-ERR` text (RFC 2449 §8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseCode {
    /// `[AUTH]` (RFC 3206 §4): the credentials were refused; retrying the same ones is futile.
    Auth,
    /// `[SYS/TEMP]` (RFC 3206 §3): a temporary problem on the server; trying later may work.
    SysTemp,
    /// `[SYS/PERM]` (RFC 3206 §3): a permanent problem on the server, not the user's password.
    SysPerm,
    /// `[IN-USE]` (RFC 2449 §8.1.1): another session holds the maildrop lock.
    InUse,
    /// `[LOGIN-DELAY]` (RFC 2449 §8.1.2): this login came too soon after the last one.
    LoginDelay,
    /// Any other code, as the server spelled it (codes are hierarchical, RFC 2449 §8).
    Other(String),
}

impl ResponseCode {
    /// The code at the start of `text` (`"[SYS/TEMP] try later"`), if any. Codes are
    /// case-insensitive atoms; an unclosed or empty bracket is plain text, not a code.
    pub fn parse(text: &str) -> Option<ResponseCode> {
        let inner = text.strip_prefix('[')?.split_once(']')?.0;
        if inner.is_empty() || inner.len() > 64 || !inner.bytes().all(|b| b.is_ascii_graphic() && b != b'[') {
            return None;
        }
        Some(match inner.to_ascii_uppercase().as_str() {
            "AUTH" => ResponseCode::Auth,
            "SYS/TEMP" => ResponseCode::SysTemp,
            "SYS/PERM" => ResponseCode::SysPerm,
            "IN-USE" => ResponseCode::InUse,
            "LOGIN-DELAY" => ResponseCode::LoginDelay,
            _ => ResponseCode::Other(inner.to_string()),
        })
    }
}

impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ResponseCode::Auth => "AUTH",
            ResponseCode::SysTemp => "SYS/TEMP",
            ResponseCode::SysPerm => "SYS/PERM",
            ResponseCode::InUse => "IN-USE",
            ResponseCode::LoginDelay => "LOGIN-DELAY",
            ResponseCode::Other(code) => code,
        })
    }
}

/// One error type for the POP3 layer. Only [`Pop3Error::Server`] and [`Pop3Error::InvalidInput`]
/// leave the session usable; after any other error the client refuses further commands (see
/// [`Pop3Error::breaks_session`]) and the caller reconnects. A broken session is always an error,
/// never an empty maildrop.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Pop3Error {
    /// Reading from or writing to the connection failed (reset, broken pipe, TLS error).
    Io { during: &'static str, error: Arc<std::io::Error> },
    /// The operation's deadline passed: the server is silent, or too slow to be making progress.
    Timeout { during: &'static str },
    /// The server answered `-ERR`. `command` has passwords, digests and SASL data replaced;
    /// `text` is the server's own words (including any `[CODE]`), `code` that code parsed.
    Server { command: String, code: Option<ResponseCode>, text: String },
    /// A line longer than the configured limit: no sane server sends one.
    LineTooLong { during: &'static str, limit: usize },
    /// A reply grew past the configured size limit (a message, or a listing).
    MessageTooLarge { during: &'static str, limit: usize },
    /// A reply we could not understand, or the connection closed in the middle of one.
    Protocol(String),
    /// Bytes followed the `+OK` to STLS before the TLS handshake: an attacker may be injecting
    /// plaintext commands or replies (RFC 2595 §4, the CVE-2011-0411 class). Nothing was sent.
    StlsInjection,
    /// A caller's argument cannot be sent (a line break in a user name, an empty batch window).
    /// Nothing was sent, so the session is still usable.
    InvalidInput(String),
}

impl fmt::Display for Pop3Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Pop3Error::Io { during, error } => {
                crate::fl!("error-pop3-io", during = during.to_string(), detail = error.to_string())
            }
            Pop3Error::Timeout { during } => crate::fl!("error-pop3-timeout", during = during.to_string()),
            Pop3Error::Server { command, text, .. } => {
                crate::fl!("error-pop3-refused", command = command.as_str(), reply = text.as_str())
            }
            Pop3Error::LineTooLong { during, limit } => {
                crate::fl!("error-pop3-line-too-long", during = during.to_string(), limit = limit.to_string())
            }
            Pop3Error::MessageTooLarge { during, limit } => {
                crate::fl!("error-pop3-reply-too-large", during = during.to_string(), limit = limit.to_string())
            }
            Pop3Error::Protocol(detail) => crate::fl!("error-pop3-protocol", detail = detail.as_str()),
            Pop3Error::StlsInjection => crate::fl!("error-pop3-stls-injection"),
            Pop3Error::InvalidInput(detail) => crate::fl!("error-pop3-invalid-input", detail = detail.as_str()),
        };
        f.write_str(&text)
    }
}

impl Pop3Error {
    pub(super) fn io(during: &'static str, error: std::io::Error) -> Pop3Error {
        if error.kind() == std::io::ErrorKind::UnexpectedEof {
            return Pop3Error::closed(during);
        }
        Pop3Error::Io { during, error: Arc::new(error) }
    }

    pub(super) fn closed(during: &'static str) -> Pop3Error {
        Pop3Error::Protocol(format!("the server closed the connection during {during}"))
    }

    /// `-ERR` with `text` (the words after "-ERR "), for `command` (already redacted).
    pub(super) fn server(command: &str, text: &str) -> Pop3Error {
        Pop3Error::Server { command: command.to_string(), code: ResponseCode::parse(text), text: text.to_string() }
    }

    /// Whether the session is unusable after this error (everything but `-ERR` and bad input):
    /// the stream may be mid-reply, so the client refuses further commands.
    pub fn breaks_session(&self) -> bool {
        !matches!(self, Pop3Error::Server { .. } | Pop3Error::InvalidInput(_))
    }

    /// Whether the server refused the credentials, as opposed to refusing for another reason
    /// (mailbox locked, login too soon, temporary failure). `[AUTH]` is decisive (RFC 3206 §4);
    /// without a code, a refused login command is taken as a credentials problem since most
    /// servers send no code at all.
    pub fn is_auth_failure(&self) -> bool {
        let Pop3Error::Server { command, code, .. } = self else { return false };
        match code {
            Some(ResponseCode::Auth) => true,
            Some(ResponseCode::SysTemp | ResponseCode::SysPerm | ResponseCode::InUse | ResponseCode::LoginDelay) => {
                false
            }
            Some(ResponseCode::Other(_)) | None => is_login_command(command),
        }
    }

    /// Whether the same operation may well succeed later without changing anything.
    pub fn is_temporary(&self) -> bool {
        match self {
            Pop3Error::Server { code, .. } => {
                matches!(code, Some(ResponseCode::SysTemp | ResponseCode::InUse | ResponseCode::LoginDelay))
            }
            Pop3Error::Io { .. } | Pop3Error::Timeout { .. } => true,
            _ => false,
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, Pop3Error::Timeout { .. })
    }

    /// The server's words after `-ERR`, if that is what this is.
    pub fn server_text(&self) -> Option<String> {
        match self {
            Pop3Error::Server { text, .. } => Some(text.clone()),
            _ => None,
        }
    }

    pub fn response_code(&self) -> Option<&ResponseCode> {
        match self {
            Pop3Error::Server { code, .. } => code.as_ref(),
            _ => None,
        }
    }
}

fn is_login_command(command: &str) -> bool {
    let verb = command.split(' ').next().unwrap_or_default();
    ["USER", "PASS", "APOP", "AUTH"].iter().any(|login| verb.eq_ignore_ascii_case(login))
}

/// Server text made safe to show: control characters (terminal escapes, NUL) become `?`.
/// Servers send 8-bit text in their own charset; it is decoded lossily, never rejected.
pub(super) fn printable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().map(|c| if c.is_control() && c != '\t' { '?' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_codes_are_parsed_from_the_start_of_the_text() {
        assert_eq!(ResponseCode::parse("[AUTH] bad password"), Some(ResponseCode::Auth));
        assert_eq!(ResponseCode::parse("[sys/temp] later"), Some(ResponseCode::SysTemp));
        assert_eq!(ResponseCode::parse("[IN-USE] locked"), Some(ResponseCode::InUse));
        assert_eq!(ResponseCode::parse("[LOGIN-DELAY] wait"), Some(ResponseCode::LoginDelay));
        assert_eq!(ResponseCode::parse("[SYS/PERM] gone"), Some(ResponseCode::SysPerm));
        assert_eq!(ResponseCode::parse("[X-FOO/BAR] x"), Some(ResponseCode::Other("X-FOO/BAR".into())));
        assert_eq!(ResponseCode::parse("no code [AUTH]"), None);
        assert_eq!(ResponseCode::parse("[unclosed"), None);
        assert_eq!(ResponseCode::parse("[] empty"), None);
        assert_eq!(ResponseCode::parse("[two words] x"), None);
    }

    #[test]
    fn auth_failure_needs_a_login_command_or_the_auth_code() {
        assert!(Pop3Error::server("PASS (password hidden)", "invalid login").is_auth_failure());
        assert!(Pop3Error::server("AUTH PLAIN", "[AUTH] no").is_auth_failure());
        assert!(!Pop3Error::server("PASS (password hidden)", "[IN-USE] locked").is_auth_failure());
        assert!(!Pop3Error::server("PASS (password hidden)", "[SYS/TEMP] later").is_auth_failure());
        assert!(!Pop3Error::server("RETR 1", "no such message").is_auth_failure());
        assert!(Pop3Error::server("RETR 1", "[AUTH] re-login").is_auth_failure());
        assert!(!Pop3Error::Timeout { during: "PASS" }.is_auth_failure());
    }

    #[test]
    fn server_text_is_made_printable() {
        assert_eq!(printable(b"bad\x1b[31m red\x00"), "bad?[31m red?");
        assert_eq!(printable(b"\xd0\x9e\xd1\x88\xd0\xb8\xd0\xb1\xd0\xba\xd0\xb0"), "Ошибка");
        assert_eq!(printable(b"\xff ok"), "\u{fffd} ok");
    }
}
