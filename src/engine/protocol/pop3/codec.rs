//! The POP3 wire: bounded line reading, status replies (RFC 1939 3), multi-line data with
//! dot-unstuffing, queued (pipelined, RFC 2449 6.6) commands, and a deadline per operation.

use super::{Pop3Error, Result};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// RFC 2449 4 allows 512 octets; real servers send longer greetings and -ERR texts.
    pub max_status_line: usize,
    /// RFC 5322 allows 998 octets; real mail has longer lines (unwrapped HTML).
    pub max_data_line: usize,
    pub max_message: usize,
    /// Deadline for one whole operation (a command and its full answer).
    pub op_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_status_line: 8 * 1024,
            max_data_line: 1024 * 1024,
            max_message: 256 * 1024 * 1024,
            op_timeout: Duration::from_secs(120),
        }
    }
}

/// A status reply: +OK, or a SASL continuation "+ " (RFC 5034 4).
pub enum Reply {
    Ok(String),
    Continue(String),
}

pub struct Wire<S> {
    reader: BufReader<S>,
    pub limits: Limits,
    out: Vec<u8>,
    /// What is queued, for the error text of the command that fails (never a password).
    queued: Vec<String>,
}

type Op<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Wire<S> {
    pub fn new(stream: S, limits: Limits) -> Self {
        Wire { reader: BufReader::with_capacity(64 * 1024, stream), limits, out: Vec::new(), queued: Vec::new() }
    }

    pub fn get_ref(&self) -> &S {
        self.reader.get_ref()
    }

    /// The stream for a TLS upgrade; anything already buffered was sent by someone who should
    /// not have (RFC 2595 4: the client must discard it; we refuse the connection instead).
    pub fn into_inner_checked(self) -> Result<S> {
        if !self.reader.buffer().is_empty() {
            return Err(Pop3Error::StlsInjection);
        }
        Ok(self.reader.into_inner())
    }

    /// Runs `op` under the operation deadline.
    pub async fn timed<'a, T>(
        &'a mut self,
        during: &'static str,
        op: impl FnOnce(&'a mut Self) -> Op<'a, T>,
    ) -> Result<T> {
        let timeout = self.limits.op_timeout;
        tokio::time::timeout(timeout, op(self)).await.map_err(|_| Pop3Error::Timeout { during })?
    }

    pub fn queue(&mut self, command: &str) {
        self.out.extend_from_slice(command.as_bytes());
        self.out.extend_from_slice(b"\r\n");
        self.queued.push(redact(command));
    }

    pub async fn flush(&mut self) -> Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        let stream = self.reader.get_mut();
        stream.write_all(&self.out).await.map_err(io)?;
        stream.flush().await.map_err(io)?;
        self.out.clear();
        Ok(())
    }

    pub async fn send(&mut self, command: &str) -> Result<()> {
        self.queue(command);
        self.flush().await
    }

    /// One status line: `+OK text` gives the text, `-ERR` an error naming the command.
    pub async fn status(&mut self, shown: &'static str) -> Result<String> {
        match self.reply(shown).await? {
            Reply::Ok(text) => Ok(text),
            Reply::Continue(text) => Err(Pop3Error::Protocol(format!("unexpected continuation to {shown}: {text}"))),
        }
    }

    pub async fn reply(&mut self, shown: &'static str) -> Result<Reply> {
        let max = self.limits.max_status_line;
        let line = self.read_line(max).await?;
        let text = String::from_utf8_lossy(trim_eol(&line)).into_owned();
        let command = if self.queued.is_empty() { shown.to_string() } else { self.queued.remove(0) };
        if let Some(rest) = text.strip_prefix("+OK") {
            return Ok(Reply::Ok(rest.trim().to_string()));
        }
        if let Some(rest) = text.strip_prefix("-ERR") {
            let rest = rest.trim();
            // RFC 2449 8: an optional [CODE] at the start of the text.
            let (code, text) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((code, text)) => (Some(code.to_ascii_uppercase()), text.trim().to_string()),
                None => (None, rest.to_string()),
            };
            return Err(Pop3Error::Server { command, text, code });
        }
        if text == "+" || text.starts_with("+ ") {
            return Ok(Reply::Continue(text.get(2..).unwrap_or("").to_string()));
        }
        Err(Pop3Error::Protocol(format!("not a POP3 status line in answer to {shown}: \"{}\"", truncate(&text))))
    }

    /// A multi-line body (RFC 1939 3): bytes as sent, each line dot-unstuffed, the final "."
    /// line removed. Bounded by `max_message`.
    pub async fn data(&mut self) -> Result<Vec<u8>> {
        let mut message = Vec::new();
        loop {
            let max = self.limits.max_data_line;
            let line = self.read_line(max).await?;
            if trim_eol(&line) == b"." {
                return Ok(message);
            }
            let unstuffed = if line.starts_with(b"..") { &line[1..] } else { &line[..] };
            if message.len() + unstuffed.len() > self.limits.max_message {
                return Err(Pop3Error::MessageTooLarge);
            }
            message.extend_from_slice(unstuffed);
        }
    }

    /// A multi-line answer as lines without their line ends (CAPA, LIST, UIDL).
    pub async fn data_lines(&mut self) -> Result<Vec<Vec<u8>>> {
        let mut lines = Vec::new();
        let mut total = 0;
        loop {
            let max = self.limits.max_status_line;
            let line = self.read_line(max).await?;
            let line = trim_eol(&line);
            if line == b"." {
                return Ok(lines);
            }
            total += line.len();
            if total > self.limits.max_message {
                return Err(Pop3Error::MessageTooLarge);
            }
            lines.push(if line.starts_with(b"..") { line[1..].to_vec() } else { line.to_vec() });
        }
    }

    /// A line including its "\n", at most `max` bytes; EOF first is an error, never an end.
    async fn read_line(&mut self, max: usize) -> Result<Vec<u8>> {
        let mut line = Vec::new();
        loop {
            let available = self.reader.fill_buf().await.map_err(io)?;
            if available.is_empty() {
                return Err(Pop3Error::Protocol("the server closed the connection in the middle of an answer".into()));
            }
            let (take, done) = match available.iter().position(|b| *b == b'\n') {
                Some(end) => (end + 1, true),
                None => (available.len(), false),
            };
            if line.len() + take > max {
                return Err(Pop3Error::LineTooLong);
            }
            line.extend_from_slice(&available[..take]);
            self.reader.consume(take);
            if done {
                return Ok(line);
            }
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn io(err: std::io::Error) -> Pop3Error {
    Pop3Error::Io(err.to_string())
}

fn truncate(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The command as it may appear in an error: secrets replaced.
fn redact(command: &str) -> String {
    let upper = command.to_ascii_uppercase();
    for secret in ["PASS ", "APOP ", "AUTH "] {
        if upper.starts_with(secret) {
            let keep = if secret == "AUTH " {
                command.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
            } else {
                secret.trim().to_string()
            };
            return format!("{keep} (hidden)");
        }
    }
    command.to_string()
}
