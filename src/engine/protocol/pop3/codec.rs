//! The byte layer of a POP3 session: CRLF lines with length limits, status lines, multi-line
//! replies with dot-unstuffing (RFC 1939 §3), queued commands whose replies are still owed
//! (RFC 2449 §6.6 pipelining), and the deadline of each operation. It owns the stream and its
//! read buffer and knows nothing about what the commands mean.
//!
//! Memory is bounded: the read buffer grows only to hold one line, and a line may not exceed the
//! configured limit. A session whose stream is in an unknown state (an error mid-reply, or a
//! caller that dropped an operation half way) is marked broken and refuses further commands.

use super::Limits;
use super::error::{Pop3Error, printable};
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::time::Instant;

/// Bytes asked of the stream per read; also the initial buffer size.
const READ_CHUNK: usize = 64 * 1024;

/// A reply the server still owes for a command already sent.
#[derive(Debug)]
struct Owed {
    /// The command as errors show it: secrets replaced.
    label: String,
    /// A `+OK` to this command is followed by a multi-line body (RFC 1939 §3).
    multiline: bool,
}

/// The first line of a reply (RFC 1939 §3, RFC 5034 §4 for the continuation).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Status {
    /// `+OK` and the text after it.
    Ok(String),
    /// `+ ` and the (base64) text after it: a SASL challenge; the command still awaits its reply.
    Continue(String),
}

/// One line of a multi-line body, dot-unstuffed, with its line ending as the server sent it.
pub(super) enum DataLine<'a> {
    Line(&'a [u8]),
    /// The terminating `.` line: the body is complete.
    End,
}

pub(super) struct Wire<S> {
    stream: S,
    /// `buf[start..end]` is received and not yet consumed.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// `buf[start..start + scanned]` is known to hold no line feed.
    scanned: usize,
    /// Commands queued and not yet written.
    out: Vec<u8>,
    limits: Limits,
    /// The operation running, for errors ("during RETR").
    op: &'static str,
    /// The deadline is `window_start + op_timeout`; it moves only when a window's worth of
    /// bytes has arrived (see [`Limits::min_rate`]).
    window_start: Instant,
    window_bytes: usize,
    owed: VecDeque<Owed>,
    /// A `+OK` to a multi-line command was read and its body is not finished.
    in_body: bool,
    /// A write was started and may not have finished.
    writing: bool,
    broken: Option<Pop3Error>,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Wire<S> {
    pub(super) fn new(stream: S, limits: Limits) -> Wire<S> {
        Wire {
            stream,
            buf: vec![0; READ_CHUNK],
            start: 0,
            end: 0,
            scanned: 0,
            out: Vec::new(),
            limits,
            op: "connect",
            window_start: Instant::now(),
            window_bytes: 0,
            owed: VecDeque::new(),
            in_body: false,
            writing: false,
            broken: None,
        }
    }

    pub(super) fn stream(&self) -> &S {
        &self.stream
    }

    pub(super) fn limits(&self) -> &Limits {
        &self.limits
    }

    pub(super) fn broken(&self) -> Option<&Pop3Error> {
        self.broken.as_ref()
    }

    /// Records a session-breaking error and hands it back, for `return Err(wire.fail(..))`.
    pub(super) fn fail(&mut self, error: Pop3Error) -> Pop3Error {
        if error.breaks_session() && self.broken.is_none() {
            self.broken = Some(error.clone());
        }
        error
    }

    /// Starts operation `op`: refuses if the session is broken, starts its deadline, and reads
    /// away replies still owed for commands whose caller stopped waiting (an abandoned batch).
    pub(super) async fn begin(&mut self, op: &'static str) -> Result<(), Pop3Error> {
        self.resume(op)?;
        // A command queued by a caller that stopped before writing it still owes its reply.
        self.flush().await?;
        while !self.owed.is_empty() {
            match self.read_status().await {
                Ok(Status::Ok(_)) => self.skip_body().await?,
                Ok(Status::Continue(_)) => {
                    return Err(self.fail(Pop3Error::Protocol("a SASL challenge came where none was due".into())));
                }
                Err(err) if err.breaks_session() => return Err(err),
                Err(_refused) => {}
            }
        }
        Ok(())
    }

    /// Like [`Wire::begin`] but keeps owed replies: for a pipeline that reads its own.
    pub(super) fn resume(&mut self, op: &'static str) -> Result<(), Pop3Error> {
        if let Some(err) = &self.broken {
            return Err(err.clone());
        }
        if self.in_body || self.writing {
            return Err(self.fail(Pop3Error::Protocol(
                "an earlier command was interrupted before its reply was read, so this session cannot go on".into(),
            )));
        }
        self.op = op;
        self.window_start = Instant::now();
        self.window_bytes = 0;
        Ok(())
    }

    /// Gives the current operation back `spent`: time the caller's own sink took, not the server.
    pub(super) fn excuse(&mut self, spent: std::time::Duration) {
        self.window_start += spent;
    }

    /// Queues `command` (without CRLF) and records the reply it will get. Nothing is written
    /// until [`Wire::flush`], so a pipeline goes out in one write.
    pub(super) fn queue(&mut self, command: &[u8], label: String, multiline: bool) {
        self.out.extend_from_slice(command);
        self.out.extend_from_slice(b"\r\n");
        self.owed.push_back(Owed { label, multiline });
    }

    /// Like [`Wire::queue`] for a one-line reply, the command given in parts so that a secret
    /// is copied only into the output buffer (wiped after the write).
    pub(super) fn queue_parts(&mut self, parts: &[&[u8]], label: String) {
        self.out.reserve(parts.iter().map(|part| part.len()).sum::<usize>() + 2);
        for part in parts {
            self.out.extend_from_slice(part);
        }
        self.out.extend_from_slice(b"\r\n");
        self.owed.push_back(Owed { label, multiline: false });
    }

    /// Queues a line that answers a SASL challenge: it gets no reply of its own.
    pub(super) fn queue_continuation(&mut self, line: &[u8]) {
        self.out.extend_from_slice(line);
        self.out.extend_from_slice(b"\r\n");
    }

    /// Records that the server owes a reply without us sending anything (the greeting).
    pub(super) fn expect_unsolicited(&mut self, label: &str) {
        self.owed.push_back(Owed { label: label.to_string(), multiline: false });
    }

    pub(super) async fn flush(&mut self) -> Result<(), Pop3Error> {
        if self.out.is_empty() {
            return Ok(());
        }
        self.writing = true;
        let deadline = self.deadline();
        let (stream, out) = (&mut self.stream, &self.out);
        let written = tokio::time::timeout_at(deadline, async move {
            stream.write_all(out).await?;
            stream.flush().await
        })
        .await;
        // Credentials may sit in this buffer: wipe it before anything else can look.
        self.out.fill(0);
        self.out.clear();
        match written {
            Ok(Ok(())) => {
                self.writing = false;
                Ok(())
            }
            Ok(Err(err)) => Err(self.fail(Pop3Error::io(self.op, err))),
            Err(_) => Err(self.fail(Pop3Error::Timeout { during: self.op })),
        }
    }

    /// Reads the status line of the oldest owed reply. `-ERR` comes back as
    /// [`Pop3Error::Server`] and completes that reply; `+OK` to a multi-line command leaves its
    /// body to [`Wire::read_data_line`].
    pub(super) async fn read_status(&mut self) -> Result<Status, Pop3Error> {
        if self.owed.is_empty() {
            return Err(self.fail(Pop3Error::Protocol("a reply was read that no command asked for".into())));
        }
        let limit = self.limits.max_status_line;
        let (from, to) = self.read_line(limit).await?;
        let line = self.buf.get(from..to).unwrap_or_default();
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let parsed = parse_status(line);
        let label = self.owed.front().map(|owed| owed.label.clone()).unwrap_or_default();
        match parsed {
            Some(Parsed::Ok(text)) => {
                let multiline = self.owed.pop_front().is_some_and(|owed| owed.multiline);
                self.in_body = multiline;
                Ok(Status::Ok(text))
            }
            Some(Parsed::Err(text)) => {
                self.owed.pop_front();
                Err(Pop3Error::server(&label, &text))
            }
            Some(Parsed::Continue(text)) => Ok(Status::Continue(text)),
            None => {
                let shown: String = printable(line).chars().take(120).collect();
                Err(self.fail(Pop3Error::Protocol(format!("the reply to {label} was \"{shown}\", not +OK or -ERR"))))
            }
        }
    }

    /// The next line of the body being read, unstuffed: a line that starts with `.` loses that
    /// dot, and a line of just `.` ends the body (RFC 1939 §3). A lone `.` with a bare LF also
    /// ends it, for servers that store mail with LF endings; every other line keeps its ending
    /// exactly as sent.
    pub(super) async fn read_data_line(&mut self) -> Result<DataLine<'_>, Pop3Error> {
        if !self.in_body {
            return Err(self.fail(Pop3Error::Protocol("a message body was read where none was due".into())));
        }
        let limit = self.limits.max_data_line;
        let (from, to) = self.read_line(limit).await?;
        let line = self.buf.get(from..to).unwrap_or_default();
        if line == b".\r\n" || line == b".\n" {
            self.in_body = false;
            return Ok(DataLine::End);
        }
        Ok(DataLine::Line(line.strip_prefix(b".").unwrap_or(line)))
    }

    /// Appends the rest of the body to `out`, refusing to grow it past `max_message` bytes.
    pub(super) async fn read_body_into(&mut self, out: &mut Vec<u8>) -> Result<(), Pop3Error> {
        let limit = self.limits.max_message;
        let during = self.op;
        loop {
            match self.read_data_line().await? {
                DataLine::End => return Ok(()),
                DataLine::Line(line) => {
                    if out.len().saturating_add(line.len()) > limit {
                        return Err(self.fail(Pop3Error::MessageTooLarge { during, limit }));
                    }
                    out.extend_from_slice(line);
                }
            }
        }
    }

    /// Reads the rest of a body and discards it (still within the size limit and deadline).
    pub(super) async fn skip_body(&mut self) -> Result<(), Pop3Error> {
        let limit = self.limits.max_message;
        let during = self.op;
        let mut seen = 0usize;
        while self.in_body {
            if let DataLine::Line(line) = self.read_data_line().await? {
                seen = seen.saturating_add(line.len());
                if seen > limit {
                    return Err(self.fail(Pop3Error::MessageTooLarge { during, limit }));
                }
            }
        }
        Ok(())
    }

    /// The stream after `+OK` to STLS, for the TLS handshake. Any byte already received after
    /// that `+OK`, or already waiting on the stream, is refused: before the handshake the server
    /// has nothing more to say, so such bytes can only be injected (RFC 2595 §4; CVE-2011-0411).
    /// Bytes that arrive later reach the TLS handshake, which rejects them.
    pub(super) fn into_stream_for_tls(mut self) -> Result<S, Pop3Error> {
        if !self.owed.is_empty() || self.in_body || !self.out.is_empty() {
            return Err(Pop3Error::Protocol("STLS was not the only command in flight".into()));
        }
        if self.start < self.end {
            return Err(Pop3Error::StlsInjection);
        }
        let mut probe = [0u8; 64];
        let mut probe = ReadBuf::new(&mut probe);
        let mut cx = Context::from_waker(Waker::noop());
        match Pin::new(&mut self.stream).poll_read(&mut cx, &mut probe) {
            Poll::Pending => Ok(self.stream),
            Poll::Ready(Ok(())) if probe.filled().is_empty() => Err(Pop3Error::closed("STLS")),
            Poll::Ready(Ok(())) => Err(Pop3Error::StlsInjection),
            Poll::Ready(Err(err)) => Err(Pop3Error::io("STLS", err)),
        }
    }

    /// Shuts the write half after QUIT; errors no longer matter then.
    pub(super) async fn shutdown(&mut self) {
        let deadline = self.deadline();
        let _ = tokio::time::timeout_at(deadline, self.stream.shutdown()).await;
    }

    #[cfg(test)]
    pub(super) fn buffer_len(&self) -> usize {
        self.buf.len()
    }

    fn deadline(&self) -> Instant {
        self.window_start + self.limits.op_timeout
    }

    /// Finds the next complete line (up to and including LF) no longer than `limit`, reading as
    /// needed, and consumes it; returns its range in `buf`, valid until the next read.
    async fn read_line(&mut self, limit: usize) -> Result<(usize, usize), Pop3Error> {
        loop {
            let unscanned = self.buf.get(self.start + self.scanned..self.end).unwrap_or_default();
            if let Some(at) = unscanned.iter().position(|&byte| byte == b'\n') {
                let from = self.start;
                let to = self.start + self.scanned + at + 1;
                if to - from > limit {
                    return Err(self.fail(Pop3Error::LineTooLong { during: self.op, limit }));
                }
                self.start = to;
                self.scanned = 0;
                return Ok((from, to));
            }
            self.scanned = self.end - self.start;
            if self.scanned >= limit {
                return Err(self.fail(Pop3Error::LineTooLong { during: self.op, limit }));
            }
            self.fill(limit).await?;
        }
    }

    /// Reads more bytes after `end`, first making room: by moving the unconsumed part to the
    /// front, and only if one line needs it, by growing the buffer (at most to `line_limit`
    /// plus one read).
    async fn fill(&mut self, line_limit: usize) -> Result<(), Pop3Error> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
        if self.buf.len() - self.end < READ_CHUNK / 4 && self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let grown = self.buf.len().saturating_mul(2).min(line_limit.saturating_add(READ_CHUNK));
            self.buf.resize(grown.max(self.end + READ_CHUNK / 4), 0);
        }
        let deadline = self.deadline();
        let space = self.buf.get_mut(self.end..).unwrap_or_default();
        let space_len = space.len().min(READ_CHUNK);
        let space = space.get_mut(..space_len).unwrap_or_default();
        match tokio::time::timeout_at(deadline, self.stream.read(space)).await {
            Err(_) => Err(self.fail(Pop3Error::Timeout { during: self.op })),
            Ok(Err(err)) => Err(self.fail(Pop3Error::io(self.op, err))),
            Ok(Ok(0)) => Err(self.fail(Pop3Error::closed(self.op))),
            Ok(Ok(read)) => {
                self.end += read;
                self.progress(read);
                Ok(())
            }
        }
    }

    /// Counts received bytes; a full window's worth (`min_rate × op_timeout`) earns a new window,
    /// so a long transfer that keeps moving never times out and a trickle always does.
    fn progress(&mut self, bytes: usize) {
        let window = (u128::from(self.limits.min_rate) * self.limits.op_timeout.as_millis() / 1000) as usize;
        if window == 0 {
            return;
        }
        self.window_bytes = self.window_bytes.saturating_add(bytes);
        if self.window_bytes >= window {
            self.window_start = Instant::now();
            self.window_bytes = 0;
        }
    }
}

enum Parsed {
    Ok(String),
    Err(String),
    Continue(String),
}

/// `+OK text`, `-ERR text` (RFC 1939 §3: the indicators are upper case, but servers are read
/// leniently), or `+ challenge` (RFC 5034 §4).
fn parse_status(line: &[u8]) -> Option<Parsed> {
    let after = |indicator: &[u8]| -> Option<String> {
        let head = line.get(..indicator.len())?;
        if !head.eq_ignore_ascii_case(indicator) {
            return None;
        }
        let rest = line.get(indicator.len()..).unwrap_or_default();
        match rest.first() {
            None => Some(String::new()),
            Some(b' ') => Some(printable(rest.get(1..).unwrap_or_default())),
            Some(_) => None,
        }
    };
    if let Some(text) = after(b"+OK") {
        return Some(Parsed::Ok(text));
    }
    if let Some(text) = after(b"-ERR") {
        return Some(Parsed::Err(text));
    }
    if line == b"+" {
        return Some(Parsed::Continue(String::new()));
    }
    line.strip_prefix(b"+ ").map(|challenge| Parsed::Continue(printable(challenge)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(line: &str) -> Option<(&'static str, String)> {
        parse_status(line.as_bytes()).map(|parsed| match parsed {
            Parsed::Ok(text) => ("ok", text),
            Parsed::Err(text) => ("err", text),
            Parsed::Continue(text) => ("cont", text),
        })
    }

    #[test]
    fn status_lines_are_told_apart() {
        assert_eq!(status("+OK 2 320"), Some(("ok", "2 320".into())));
        assert_eq!(status("+OK"), Some(("ok", String::new())));
        assert_eq!(status("+ok lenient"), Some(("ok", "lenient".into())));
        assert_eq!(status("-ERR [AUTH] no"), Some(("err", "[AUTH] no".into())));
        assert_eq!(status("-ERR"), Some(("err", String::new())));
        assert_eq!(status("+ eyJzdGF0dXMiOiI0MDEifQ=="), Some(("cont", "eyJzdGF0dXMiOiI0MDEifQ==".into())));
        assert_eq!(status("+"), Some(("cont", String::new())));
        assert_eq!(status("+OKAY"), None);
        assert_eq!(status("* OK imap"), None);
        assert_eq!(status(""), None);
    }
}
