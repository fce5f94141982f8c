//! POP3 client on tokio (RFC 1939, extensions RFC 2449, STLS RFC 2595, AUTH RFC 5034). Every POP3
//! crate we checked was unfit (no STLS, no dot-unstuffing, spinning on EOF), so this is ours.
//!
//! Never lose mail: this client only reports what the server said, precisely. DELE marks
//! messages; only a successful QUIT (the UPDATE state, RFC 1939 6) removes them, so a session
//! that breaks before QUIT deletes nothing. Bounded memory: status lines, data lines and whole
//! messages have limits; a deadline covers each whole operation, so a server that trickles one
//! byte a second still times out.
#![allow(
    dead_code,
    reason = "the account check uses part of the command set; the POP3 download (issue 4) uses the rest"
)]

mod codec;
mod connect;

pub use codec::Limits;
pub use connect::{OpenFailure, authenticate, open};

use base64::Engine;
use codec::Wire;
use std::fmt;
use tokio::io::{AsyncRead, AsyncWrite};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pop3Error {
    Io(String),
    Timeout {
        during: &'static str,
    },
    /// `-ERR` (RFC 1939 3): the command (with any secret redacted), the server's text, and its
    /// RFC 2449 8 / RFC 3206 response code such as `AUTH`, `SYS/TEMP`, `IN-USE`, `LOGIN-DELAY`.
    Server {
        command: String,
        text: String,
        code: Option<String>,
    },
    LineTooLong,
    MessageTooLarge,
    Protocol(String),
    /// Bytes arrived after the STLS +OK and before TLS: a man in the middle injecting commands.
    StlsInjection,
}

impl fmt::Display for Pop3Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pop3Error::Io(text) => write!(f, "the connection to the POP3 server failed: {text}"),
            Pop3Error::Timeout { during } => write!(f, "the POP3 server did not answer in time ({during})"),
            Pop3Error::Server { command, text, .. } => write!(f, "the POP3 server refused {command}: {text}"),
            Pop3Error::LineTooLong => f.write_str("the POP3 server sent a line far longer than allowed"),
            Pop3Error::MessageTooLarge => f.write_str("a message on the POP3 server is larger than Pochta accepts"),
            Pop3Error::Protocol(text) => write!(f, "the POP3 server sent something unexpected: {text}"),
            Pop3Error::StlsInjection => {
                f.write_str("the connection was tampered with before encryption started (data injected after STLS)")
            }
        }
    }
}

impl std::error::Error for Pop3Error {}

impl Pop3Error {
    /// RFC 3206 `[AUTH]`, or a refused PASS/AUTH/APOP without a code.
    pub fn is_auth_failure(&self) -> bool {
        match self {
            Pop3Error::Server { command, code, .. } => {
                code.as_deref() == Some("AUTH")
                    || (code.is_none() && ["PASS", "AUTH", "APOP", "USER"].iter().any(|c| command.starts_with(c)))
            }
            _ => false,
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, Pop3Error::Timeout { .. })
    }

    /// The server's own words, for hints (app password required, access disabled...).
    pub fn server_text(&self) -> Option<String> {
        match self {
            Pop3Error::Server { text, code, .. } => {
                Some(code.as_ref().map_or_else(|| text.clone(), |code| format!("[{code}] {text}")))
            }
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Pop3Error>;

/// The greeting (RFC 1939 4), with the APOP timestamp if the server offers APOP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Greeting {
    pub text: String,
    pub apop_timestamp: Option<String>,
}

/// CAPA (RFC 2449 5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub top: bool,
    pub uidl: bool,
    pub user: bool,
    pub pipelining: bool,
    pub stls: bool,
    pub sasl: Vec<String>,
    pub lines: Vec<String>,
}

impl Capabilities {
    fn parse(lines: Vec<String>) -> Capabilities {
        let mut caps = Capabilities::default();
        for line in &lines {
            let mut words = line.split_whitespace();
            match words.next().map(str::to_ascii_uppercase).as_deref() {
                Some("TOP") => caps.top = true,
                Some("UIDL") => caps.uidl = true,
                Some("USER") => caps.user = true,
                Some("PIPELINING") => caps.pipelining = true,
                Some("STLS") => caps.stls = true,
                Some("SASL") => caps.sasl = words.map(str::to_ascii_uppercase).collect(),
                _ => {}
            }
        }
        caps.lines = lines;
        caps
    }

    pub fn summary(&self) -> String {
        self.lines.join(" ")
    }
}

pub struct Pop3Client<S> {
    wire: Wire<S>,
    pipelining: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Pop3Client<S> {
    /// Reads the greeting.
    pub async fn connect(stream: S, limits: Limits) -> Result<(Self, Greeting)> {
        let mut client = Pop3Client { wire: Wire::new(stream, limits), pipelining: false };
        let text = client.wire.timed("greeting", |w| Box::pin(w.status("greeting"))).await?;
        let apop_timestamp = text
            .find('<')
            .and_then(|start| text[start..].find('>').map(|end| text[start..start + end + 1].to_string()))
            .filter(|stamp| stamp.contains('@'));
        Ok((client, Greeting { text, apop_timestamp }))
    }

    /// Wraps a stream that is already past the greeting (after STLS).
    pub fn resume(stream: S, limits: Limits) -> Self {
        Pop3Client { wire: Wire::new(stream, limits), pipelining: false }
    }

    pub fn get_ref(&self) -> &S {
        self.wire.get_ref()
    }

    pub async fn capa(&mut self) -> Result<Capabilities> {
        let lines = self.simple_multi("CAPA").await?;
        let caps = Capabilities::parse(lines.iter().map(|l| String::from_utf8_lossy(l).trim().to_string()).collect());
        self.pipelining = caps.pipelining;
        Ok(caps)
    }

    /// STLS (RFC 2595 4): after +OK, the plain stream for the TLS handshake.
    pub async fn stls(mut self) -> Result<S> {
        self.simple("STLS", "STLS").await?;
        self.wire.into_inner_checked()
    }

    pub async fn user_pass(&mut self, user: &str, password: &str) -> Result<()> {
        self.simple(&format!("USER {user}"), "USER").await?;
        self.simple(&format!("PASS {password}"), "PASS").await.map(|_| ())
    }

    /// APOP (RFC 1939 7): MD5 of the greeting's timestamp and the password.
    pub async fn apop(&mut self, user: &str, password: &str, timestamp: &str) -> Result<()> {
        let digest = md5_hex(format!("{timestamp}{password}").as_bytes());
        self.simple(&format!("APOP {user} {digest}"), "APOP").await.map(|_| ())
    }

    /// AUTH PLAIN with an initial response (RFC 5034 4, RFC 4616).
    pub async fn auth_plain(&mut self, user: &str, password: &str) -> Result<()> {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
        self.auth_exchange(&format!("AUTH PLAIN {token}"), "AUTH PLAIN").await
    }

    /// AUTH XOAUTH2: on failure the server sends a JSON challenge, answered with an empty line.
    pub async fn auth_xoauth2(&mut self, user: &str, token: &str) -> Result<()> {
        let blob =
            base64::engine::general_purpose::STANDARD.encode(format!("user={user}\x01auth=Bearer {token}\x01\x01"));
        self.auth_exchange(&format!("AUTH XOAUTH2 {blob}"), "AUTH XOAUTH2").await
    }

    async fn auth_exchange(&mut self, command: &str, shown: &'static str) -> Result<()> {
        let command = command.to_string();
        self.wire
            .timed("login", move |w| {
                Box::pin(async move {
                    w.send(&command).await?;
                    loop {
                        match w.reply(shown).await? {
                            codec::Reply::Ok(_) => return Ok(()),
                            codec::Reply::Continue(_) => w.send("").await?,
                        }
                    }
                })
            })
            .await
    }

    /// STAT (RFC 1939 5): message count and total octets.
    pub async fn stat(&mut self) -> Result<(u32, u64)> {
        let text = self.simple("STAT", "STAT").await?;
        let mut words = text.split_whitespace();
        match (words.next().and_then(|n| n.parse().ok()), words.next().and_then(|n| n.parse().ok())) {
            (Some(count), Some(octets)) => Ok((count, octets)),
            _ => Err(Pop3Error::Protocol(format!("STAT answered \"{text}\""))),
        }
    }

    /// LIST (RFC 1939 5): message numbers and sizes. Sizes are hints, never trusted for allocation.
    pub async fn list(&mut self) -> Result<Vec<(u32, u64)>> {
        let lines = self.simple_multi("LIST").await?;
        lines
            .iter()
            .map(|l| parse_pair(l, "LIST").and_then(|(n, s)| s.parse().map(|s| (n, s)).map_err(|_| bad("LIST", l))))
            .collect()
    }

    /// UIDL (RFC 1939 7): unique ids, validated (1-70 characters 0x21-0x7E).
    pub async fn uidl(&mut self) -> Result<Vec<(u32, String)>> {
        let lines = self.simple_multi("UIDL").await?;
        lines
            .iter()
            .map(|l| {
                let (n, uid) = parse_pair(l, "UIDL")?;
                let words = String::from_utf8_lossy(l).split_whitespace().count();
                if words != 2 || uid.is_empty() || uid.len() > 70 || !uid.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
                    return Err(bad("UIDL", l));
                }
                Ok((n, uid))
            })
            .collect()
    }

    /// TOP n lines (RFC 1939 7): the headers and the first lines of the body.
    pub async fn top(&mut self, message: u32, lines: u32) -> Result<Vec<u8>> {
        let command = format!("TOP {message} {lines}");
        self.wire
            .timed("TOP", move |w| {
                Box::pin(async move {
                    w.send(&command).await?;
                    w.status("TOP").await?;
                    w.data().await
                })
            })
            .await
    }

    /// RETR (RFC 1939 5): the message exactly as stored, dot-unstuffed, without the final ".".
    pub async fn retr(&mut self, message: u32) -> Result<Vec<u8>> {
        let mut messages = Vec::new();
        self.retr_many(&[message], |_, bytes| {
            messages.push(bytes);
            Ok(())
        })
        .await?;
        messages.pop().ok_or_else(|| Pop3Error::Protocol("RETR returned nothing".into()))
    }

    /// RETR for many messages, `on_message(number, bytes)` called in order. With PIPELINING
    /// (RFC 2449 6.6) up to `WINDOW` commands are in flight, which is what makes a large maildrop
    /// download at wire speed; otherwise one at a time. An error from `on_message` stops it.
    pub async fn retr_many(
        &mut self,
        messages: &[u32],
        mut on_message: impl FnMut(u32, Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        const WINDOW: usize = 64;
        let window = if self.pipelining { WINDOW } else { 1 };
        let mut sent = 0;
        let mut received = 0;
        while received < messages.len() {
            while sent < messages.len() && sent - received < window {
                self.wire.queue(&format!("RETR {}", messages[sent]));
                sent += 1;
            }
            let bytes = self
                .wire
                .timed("RETR", |w| {
                    Box::pin(async move {
                        w.flush().await?;
                        w.status("RETR").await?;
                        w.data().await
                    })
                })
                .await?;
            on_message(messages[received], bytes)?;
            received += 1;
        }
        Ok(())
    }

    /// DELE (RFC 1939 5): marks for deletion; the server deletes only at a successful QUIT.
    pub async fn dele(&mut self, message: u32) -> Result<()> {
        self.dele_many(&[message]).await
    }

    pub async fn dele_many(&mut self, messages: &[u32]) -> Result<()> {
        let window = if self.pipelining { 64 } else { 1 };
        for chunk in messages.chunks(window) {
            for number in chunk {
                self.wire.queue(&format!("DELE {number}"));
            }
            let count = chunk.len();
            self.wire
                .timed("DELE", move |w| {
                    Box::pin(async move {
                        w.flush().await?;
                        for _ in 0..count {
                            w.status("DELE").await?;
                        }
                        Ok(())
                    })
                })
                .await?;
        }
        Ok(())
    }

    pub async fn rset(&mut self) -> Result<()> {
        self.simple("RSET", "RSET").await.map(|_| ())
    }

    pub async fn noop(&mut self) -> Result<()> {
        self.simple("NOOP", "NOOP").await.map(|_| ())
    }

    /// QUIT (RFC 1939 6): enters UPDATE; its +OK means the marked messages are gone.
    pub async fn quit(mut self) -> Result<()> {
        self.simple("QUIT", "QUIT").await.map(|_| ())
    }

    async fn simple(&mut self, command: &str, shown: &'static str) -> Result<String> {
        let command = command.to_string();
        self.wire
            .timed(shown, move |w| {
                Box::pin(async move {
                    w.send(&command).await?;
                    w.status(shown).await
                })
            })
            .await
    }

    async fn simple_multi(&mut self, command: &'static str) -> Result<Vec<Vec<u8>>> {
        self.wire
            .timed(command, move |w| {
                Box::pin(async move {
                    w.send(command).await?;
                    w.status(command).await?;
                    w.data_lines().await
                })
            })
            .await
    }
}

fn parse_pair(line: &[u8], command: &str) -> Result<(u32, String)> {
    let text = String::from_utf8_lossy(line);
    let mut words = text.split_whitespace();
    let number = words.next().and_then(|n| n.parse().ok()).ok_or_else(|| bad(command, line))?;
    let value = words.next().ok_or_else(|| bad(command, line))?.to_string();
    Ok((number, value))
}

fn bad(command: &str, line: &[u8]) -> Pop3Error {
    Pop3Error::Protocol(format!("{command} line \"{}\"", String::from_utf8_lossy(line).trim()))
}

/// MD5 (RFC 1321) for APOP only, from the OpenSSL that TLS links anyway.
fn md5_hex(data: &[u8]) -> String {
    openssl::hash::hash(openssl::hash::MessageDigest::md5(), data)
        .map(|d| d.iter().map(|b| format!("{b:02x}")).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
