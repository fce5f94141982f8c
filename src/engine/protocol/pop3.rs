//! POP3 client over any async stream: RFC 1939 (the protocol), RFC 2449 (CAPA, pipelining,
//! response codes), RFC 2595 (STLS), RFC 5034 (SASL AUTH) and RFC 3206 (`[AUTH]`, `[SYS/*]`).
//! It says exactly what the server said; deciding what to download or delete is the sync
//! layer's job. Submodules: `codec` (bytes, lines, deadlines), `parse` (reply contents),
//! `auth` (logins), `pipeline` (batched RETR and DELE), `connect` (opening a session to an
//! account's server), `error`.
//!
//! Deletions: DELE only marks a message. The server removes marked messages in the UPDATE state,
//! which only a QUIT that is answered `+OK` enters (RFC 1939 §6); a dropped connection, a
//! timeout or a broken session rolls every DELE back. So [`Pop3Client::quit`] returning `Ok` is
//! the one signal that deletions happened.
//!
//! Errors: after `-ERR` the session goes on; after any other error ([`Pop3Error::breaks_session`])
//! every later call returns that error again, so a broken session can never look like an empty
//! maildrop. Dropping an operation's future half way also breaks the session (the stream would be
//! out of step), except while a command's reply has not started to arrive.

// The whole RFC 1939/2449/5034 command set is here and unit-tested; the sync uses the pipelined
// subset (UIDL, RETR, DELE) and the fallbacks, so single-message variants, APOP and XOAUTH2 wait
// for their callers (OAuth sign-in, an APOP-only server) outside tests.
#![cfg_attr(not(test), allow(dead_code, reason = "complete RFC command set; see above"))]

mod auth;
mod codec;
mod connect;
mod error;
mod parse;
mod pipeline;
#[cfg(test)]
mod tests;

#[cfg(test)]
use connect::authenticate;
pub use connect::{OpenFailure, open, sign_in};
pub use error::Pop3Error;
pub use parse::{Capabilities, Greeting};
pub use pipeline::{MAX_WINDOW, Retrieved};
#[cfg(test)]
use {error::ResponseCode, parse::Expire};

use codec::{DataLine, Status, Wire};
use std::fmt;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

/// Bounds on what a server may make us hold or wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest status or listing line, CRLF included. RFC 2449 §4 says 512 octets; real
    /// servers' texts run longer, so the default is 8 KiB.
    pub max_status_line: usize,
    /// Longest line inside a message. RFC 5322 says 1000, real mail holds far longer lines.
    pub max_data_line: usize,
    /// Largest message (or listing) kept in memory or streamed out.
    pub max_message: usize,
    /// Deadline for each whole operation (a command and its complete reply), not each read: a
    /// server that trickles a byte a second still times out.
    pub op_timeout: Duration,
    /// Bytes per second a long transfer must sustain: each time `min_rate × op_timeout` bytes
    /// have arrived, the operation gets a fresh `op_timeout`. 0 disables the extension.
    pub min_rate: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_status_line: 8 * 1024,
            max_data_line: 1024 * 1024,
            max_message: 256 * 1024 * 1024,
            op_timeout: Duration::from_secs(60),
            min_rate: 1024,
        }
    }
}

/// A POP3 session. Commands take `&mut self`; one runs at a time, except inside a
/// [`RetrBatch`] or [`Pop3Client::dele_pipelined`], which pipeline when the server allows it.
pub struct Pop3Client<S> {
    wire: Wire<S>,
    greeting: Option<Greeting>,
    capabilities: Option<Capabilities>,
}

impl<S> fmt::Debug for Pop3Client<S> {
    /// Never shows buffers: they may hold a password on its way out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pop3Client")
            .field("greeting", &self.greeting)
            .field("capabilities", &self.capabilities)
            .finish()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Pop3Client<S> {
    /// Reads the greeting (RFC 1939 §4). `-ERR` here (a busy or refusing server) is an error.
    pub async fn connect(stream: S, limits: Limits) -> Result<(Pop3Client<S>, Greeting), Pop3Error> {
        let mut client = Pop3Client::after_stls(stream, limits);
        client.wire.begin("the greeting").await?;
        client.wire.expect_unsolicited("the connection");
        let text = client.expect_ok().await?;
        let greeting = Greeting::parse(text);
        client.greeting = Some(greeting.clone());
        Ok((client, greeting))
    }

    /// A client on a stream just secured after STLS: no new greeting comes (RFC 2595 §4) and
    /// capabilities must be asked again, since the server may offer more over TLS.
    pub fn after_stls(stream: S, limits: Limits) -> Pop3Client<S> {
        Pop3Client { wire: Wire::new(stream, limits), greeting: None, capabilities: None }
    }

    pub fn get_ref(&self) -> &S {
        self.wire.stream()
    }

    /// The greeting, when this client read it (not after STLS).
    pub fn greeting(&self) -> Option<&Greeting> {
        self.greeting.as_ref()
    }

    /// The last CAPA answer; `None` before CAPA or if the server does not know CAPA.
    pub fn capabilities(&self) -> Option<&Capabilities> {
        self.capabilities.as_ref()
    }

    /// Whether batches will pipeline: the last CAPA advertised PIPELINING (RFC 2449 §6.6).
    pub fn pipelining(&self) -> bool {
        self.capabilities.as_ref().is_some_and(|caps| caps.pipelining)
    }

    /// CAPA (RFC 2449 §5). `-ERR` means an RFC 1939-only server: the caller may go on with
    /// [`Capabilities::default`]. Ask again after login and after STLS: the list may change.
    pub async fn capa(&mut self) -> Result<Capabilities, Pop3Error> {
        self.multiline("CAPA", b"CAPA").await?;
        let lines = self.read_listing().await?;
        let caps = Capabilities::parse(lines.iter().map(String::as_str));
        self.capabilities = Some(caps.clone());
        Ok(caps)
    }

    /// STLS (RFC 2595 §4): after `+OK`, hands back the stream for the caller's TLS handshake;
    /// continue with [`Pop3Client::after_stls`]. Bytes that already followed the `+OK` fail
    /// with [`Pop3Error::StlsInjection`].
    pub async fn stls(mut self) -> Result<S, Pop3Error> {
        self.single("STLS", b"STLS", "STLS".into()).await?;
        self.wire.into_stream_for_tls()
    }

    /// STAT (RFC 1939 §5): message count and total size, deleted messages not counted.
    pub async fn stat(&mut self) -> Result<(u32, u64), Pop3Error> {
        let text = self.single("STAT", b"STAT", "STAT".into()).await?;
        match parse::parse_stat(&text) {
            Some(stat) => Ok(stat),
            None => Err(self.malformed("STAT", &text)),
        }
    }

    /// LIST (RFC 1939 §5): `(message number, size in octets)` for each message not deleted.
    /// Sizes are the server's claim, good for display and planning, never for allocation.
    pub async fn list(&mut self) -> Result<Vec<(u32, u64)>, Pop3Error> {
        self.multiline("LIST", b"LIST").await?;
        let lines = self.read_listing().await?;
        let mut entries = Vec::with_capacity(lines.len());
        for line in &lines {
            match parse::parse_list_entry(line) {
                Some(entry) => entries.push(entry),
                None => return Err(self.malformed("LIST", line)),
            }
        }
        self.refuse_duplicates("LIST", entries.iter().map(|(msg, _)| *msg))?;
        Ok(entries)
    }

    /// LIST for one message (RFC 1939 §5).
    pub async fn list_one(&mut self, msg: u32) -> Result<u64, Pop3Error> {
        let command = format!("LIST {msg}");
        let text = self.single("LIST", command.as_bytes(), command.clone()).await?;
        match parse::parse_list_entry(&text) {
            Some((got, size)) if got == msg => Ok(size),
            _ => Err(self.malformed(&command, &text)),
        }
    }

    /// UIDL (RFC 1939 §7): `(message number, unique id)`. Ids are checked (1-70 characters
    /// 0x21-0x7E) and message numbers must be distinct. Two messages with the same id are
    /// returned as the server said: the sync layer leaves exactly those alone (see
    /// `sync::pop3::listing`), since it could not tell them apart.
    pub async fn uidl(&mut self) -> Result<Vec<(u32, String)>, Pop3Error> {
        self.multiline("UIDL", b"UIDL").await?;
        let lines = self.read_listing().await?;
        let mut entries = Vec::with_capacity(lines.len());
        for line in &lines {
            match parse::parse_uidl_entry(line) {
                Some(entry) => entries.push(entry),
                None => return Err(self.malformed("UIDL", line)),
            }
        }
        self.refuse_duplicates("UIDL", entries.iter().map(|(msg, _)| *msg))?;
        Ok(entries)
    }

    /// UIDL for one message (RFC 1939 §7).
    pub async fn uidl_one(&mut self, msg: u32) -> Result<String, Pop3Error> {
        let command = format!("UIDL {msg}");
        let text = self.single("UIDL", command.as_bytes(), command.clone()).await?;
        match parse::parse_uidl_entry(&text) {
            Some((got, uid)) if got == msg => Ok(uid),
            _ => Err(self.malformed(&command, &text)),
        }
    }

    /// TOP (RFC 1939 §7): the header and the first `lines` body lines, unstuffed, CRLF kept.
    pub async fn top(&mut self, msg: u32, lines: u32) -> Result<Vec<u8>, Pop3Error> {
        let command = format!("TOP {msg} {lines}");
        self.multiline("TOP", command.as_bytes()).await?;
        let mut bytes = Vec::new();
        self.wire.read_body_into(&mut bytes).await?;
        Ok(bytes)
    }

    /// RETR (RFC 1939 §5): the message exactly as stored, line endings kept, dot-unstuffed,
    /// the terminating `.` line removed. Memory grows with what arrives, whatever LIST claimed.
    pub async fn retr(&mut self, msg: u32) -> Result<Vec<u8>, Pop3Error> {
        let command = format!("RETR {msg}");
        self.multiline("RETR", command.as_bytes()).await?;
        let mut bytes = Vec::new();
        self.wire.read_body_into(&mut bytes).await?;
        Ok(bytes)
    }

    /// RETR streamed into `sink` in chunks, for messages too big to hold; returns the octets
    /// written. Time spent waiting on `sink` does not count against the server's deadline. A
    /// failing sink breaks the session (the rest of the message is still on the wire).
    pub async fn retr_into<W: AsyncWrite + Unpin>(&mut self, msg: u32, sink: &mut W) -> Result<u64, Pop3Error> {
        const CHUNK: usize = 256 * 1024;
        let command = format!("RETR {msg}");
        self.multiline("RETR", command.as_bytes()).await?;
        let limit = self.wire.limits().max_message;
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut total = 0usize;
        loop {
            let done = match self.wire.read_data_line().await? {
                DataLine::End => true,
                DataLine::Line(line) => {
                    total = total.saturating_add(line.len());
                    chunk.extend_from_slice(line);
                    false
                }
            };
            if total > limit {
                return Err(self.wire.fail(Pop3Error::MessageTooLarge { during: "RETR", limit }));
            }
            if done || chunk.len() >= CHUNK {
                let started = tokio::time::Instant::now();
                let written = sink.write_all(&chunk).await;
                let written = match written {
                    Ok(()) if done => sink.flush().await,
                    other => other,
                };
                self.wire.excuse(started.elapsed());
                if let Err(err) = written {
                    return Err(self.wire.fail(Pop3Error::io("saving the message", err)));
                }
                chunk.clear();
            }
            if done {
                return Ok(total as u64);
            }
        }
    }

    /// DELE (RFC 1939 §5): marks the message; only a successful [`Pop3Client::quit`] removes it.
    pub async fn dele(&mut self, msg: u32) -> Result<(), Pop3Error> {
        let command = format!("DELE {msg}");
        self.single("DELE", command.as_bytes(), command.clone()).await.map(drop)
    }

    /// RSET (RFC 1939 §5): unmarks every message marked deleted in this session.
    pub async fn rset(&mut self) -> Result<(), Pop3Error> {
        self.single("RSET", b"RSET", "RSET".into()).await.map(drop)
    }

    /// NOOP (RFC 1939 §5): checks the session is alive.
    pub async fn noop(&mut self) -> Result<(), Pop3Error> {
        self.single("NOOP", b"NOOP", "NOOP".into()).await.map(drop)
    }

    /// QUIT (RFC 1939 §6). In the TRANSACTION state `+OK` means the server entered UPDATE and
    /// removed every message marked with DELE; `-ERR` means some were not removed; any other
    /// error means nothing can be assumed deleted. Before login it just ends the session.
    pub async fn quit(mut self) -> Result<(), Pop3Error> {
        self.single("QUIT", b"QUIT", "QUIT".into()).await?;
        self.wire.shutdown().await;
        Ok(())
    }

    /// Sends a command with a one-line reply and returns the `+OK` text.
    async fn single(&mut self, op: &'static str, command: &[u8], label: String) -> Result<String, Pop3Error> {
        self.wire.begin(op).await?;
        self.wire.queue(command, label, false);
        self.wire.flush().await?;
        self.expect_ok().await
    }

    /// Sends a command with a multi-line reply and reads up to its body.
    async fn multiline(&mut self, op: &'static str, command: &[u8]) -> Result<(), Pop3Error> {
        self.wire.begin(op).await?;
        self.wire.queue(command, String::from_utf8_lossy(command).into_owned(), true);
        self.wire.flush().await?;
        self.expect_ok().await.map(drop)
    }

    async fn expect_ok(&mut self) -> Result<String, Pop3Error> {
        match self.wire.read_status().await? {
            Status::Ok(text) => Ok(text),
            Status::Continue(_) => {
                Err(self.wire.fail(Pop3Error::Protocol("the server sent a SASL challenge outside AUTH".into())))
            }
        }
    }

    /// The lines of a listing body (CAPA, LIST, UIDL), at most `max_message` bytes in all.
    async fn read_listing(&mut self) -> Result<Vec<String>, Pop3Error> {
        let limit = self.wire.limits().max_message;
        let mut lines = Vec::new();
        let mut total = 0usize;
        loop {
            let line = match self.wire.read_data_line().await? {
                DataLine::End => return Ok(lines),
                DataLine::Line(line) => line,
            };
            total = total.saturating_add(line.len());
            let text = String::from_utf8_lossy(line).trim_end_matches(['\r', '\n']).to_string();
            if total > limit {
                return Err(self.wire.fail(Pop3Error::MessageTooLarge { during: "a listing", limit }));
            }
            lines.push(text);
        }
    }

    fn malformed(&mut self, what: &str, text: &str) -> Pop3Error {
        let shown: String = text.chars().take(120).collect();
        self.wire.fail(Pop3Error::Protocol(format!("the reply to {what} did not make sense: \"{shown}\"")))
    }

    fn refuse_duplicates(&mut self, what: &str, msgs: impl Iterator<Item = u32>) -> Result<(), Pop3Error> {
        let mut seen: Vec<u32> = msgs.collect();
        seen.sort_unstable();
        match seen.windows(2).find(|pair| pair.first() == pair.last()).and_then(|pair| pair.first()) {
            Some(msg) => Err(self.wire.fail(Pop3Error::Protocol(format!("{what} listed message {msg} twice")))),
            None => Ok(()),
        }
    }
}
