//! How to reach a mail server: protocol, host, port and transport security.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The incoming-mail protocol of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Imap,
    Pop3,
    /// No server: folders that live only on this computer (the demo mailbox, imported mail).
    Local,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Imap => "imap",
            Protocol::Pop3 => "pop3",
            Protocol::Local => "local",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Imap => "IMAP",
            Protocol::Pop3 => "POP3",
            Protocol::Local => "local folders",
        })
    }
}

/// Transport security of one server connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465).
    Ssl,
    /// Plain connection upgraded with STARTTLS/STLS before any credential; refused if not offered.
    Starttls,
    /// No encryption at all: only for loopback test servers and explicit user choice.
    None,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Ssl => "ssl",
            Security::Starttls => "starttls",
            Security::None => "none",
        }
    }

    pub fn parse(text: &str) -> Option<Security> {
        match text.to_ascii_lowercase().as_str() {
            "ssl" | "tls" | "ssl/tls" | "implicit" => Some(Security::Ssl),
            "starttls" | "stls" => Some(Security::Starttls),
            "none" | "plain" | "plaintext" => Some(Security::None),
            _ => None,
        }
    }
}

impl fmt::Display for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Security::Ssl => f.write_str("SSL/TLS"),
            Security::Starttls => f.write_str("STARTTLS"),
            Security::None => f.write_str(&crate::fl!("format-security-none")),
        }
    }
}

/// What a provider expects as the login name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LoginFormat {
    /// `user@example.org`
    #[default]
    FullAddress,
    /// `user` (the part before the `@`)
    LocalPart,
}

impl LoginFormat {
    pub fn login_for(self, email: &str) -> String {
        match self {
            LoginFormat::FullAddress => email.to_string(),
            LoginFormat::LocalPart => email.split('@').next().unwrap_or(email).to_string(),
        }
    }
}

/// One server an account talks to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServerEndpoint {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

impl fmt::Display for ServerEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ({})", self.host, self.port, self.security)
    }
}
