//! Many RETR or DELE commands in flight at once when the server advertised PIPELINING
//! (RFC 2449 §6.6), one at a time otherwise: what makes a 10,000-message maildrop download at
//! wire speed instead of one round trip per message.
//!
//! [`RetrBatch`] is pulled, not pushed: the caller awaits [`RetrBatch::next`] for each message
//! and may await anything in between (commit it to the store, say), so the window of commands in
//! flight also bounds how far the download runs ahead of what was committed.

use super::codec::Status;
use super::{Pop3Client, Pop3Error};
use std::collections::VecDeque;
use tokio::io::{AsyncRead, AsyncWrite};

/// Most commands kept in flight. Each is a few bytes, so even the largest window fits in any
/// socket buffer: writing it can never block while the server waits for us to read.
pub const MAX_WINDOW: usize = 128;

/// One message's outcome in a [`RetrBatch`].
#[derive(Debug)]
pub enum Retrieved {
    /// The message, exactly as [`Pop3Client::retr`] would give it.
    Message { msg: u32, bytes: Vec<u8> },
    /// The server answered `-ERR` for this message; the batch goes on with the next one.
    Refused { msg: u32, error: Pop3Error },
}

/// A pipelined download; see [`Pop3Client::retr_batch`].
#[must_use = "nothing is sent until `next` is awaited"]
pub struct RetrBatch<'c, S> {
    client: &'c mut Pop3Client<S>,
    /// Not yet sent.
    waiting: VecDeque<u32>,
    /// Sent, reply not yet read, oldest first.
    in_flight: VecDeque<u32>,
    window: usize,
    started: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Pop3Client<S> {
    /// Downloads `msgs` in that order, keeping up to `window` RETR commands in flight if the
    /// last CAPA advertised PIPELINING, one otherwise (`window` is clamped to 1..=[`MAX_WINDOW`]).
    /// Nothing is sent until the first [`RetrBatch::next`]. Dropping the batch early is safe: the
    /// next command first reads away the replies still owed (discarding those messages).
    pub fn retr_batch(&mut self, msgs: &[u32], window: usize) -> RetrBatch<'_, S> {
        let window = if self.pipelining() { window.clamp(1, MAX_WINDOW) } else { 1 };
        RetrBatch {
            client: self,
            waiting: msgs.iter().copied().collect(),
            in_flight: VecDeque::new(),
            window,
            started: false,
        }
    }

    /// Marks `msgs` deleted (RFC 1939 §5 DELE), pipelined when the server allows it. Returns the
    /// messages the server refused, with its reason; the others are marked, to be removed only
    /// by a successful [`Pop3Client::quit`]. An `Err` breaks the session and rolls every mark back.
    pub async fn dele_pipelined(&mut self, msgs: &[u32]) -> Result<Vec<(u32, Pop3Error)>, Pop3Error> {
        let window = if self.pipelining() { MAX_WINDOW } else { 1 };
        self.wire.begin("DELE").await?;
        let mut refused = Vec::new();
        let mut waiting = msgs.iter().copied();
        let mut in_flight = VecDeque::new();
        loop {
            while in_flight.len() < window {
                let Some(msg) = waiting.next() else { break };
                let command = format!("DELE {msg}");
                self.wire.queue(command.as_bytes(), command.clone(), false);
                in_flight.push_back(msg);
            }
            let Some(&msg) = in_flight.front() else { return Ok(refused) };
            self.wire.flush().await?;
            // Each reply gets a full deadline: a long list is many operations, not one.
            self.wire.resume("DELE")?;
            match self.wire.read_status().await {
                Ok(Status::Ok(_)) => {}
                Ok(Status::Continue(_)) => {
                    return Err(self.wire.fail(Pop3Error::Protocol("a SASL challenge came in reply to DELE".into())));
                }
                Err(err) if err.breaks_session() => return Err(err),
                Err(err) => refused.push((msg, err)),
            }
            in_flight.pop_front();
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> RetrBatch<'_, S> {
    /// The next message in the order given, or `None` when all have been answered. An `Err`
    /// means the session broke (every later call returns it again); a message the server
    /// refused comes back as [`Retrieved::Refused`] and the batch goes on.
    pub async fn next(&mut self) -> Result<Option<Retrieved>, Pop3Error> {
        let wire = &mut self.client.wire;
        // Checked before "nothing left": a body that broke off is an error, never the end.
        if let Some(err) = wire.broken() {
            return Err(err.clone());
        }
        if self.in_flight.is_empty() && self.waiting.is_empty() {
            return Ok(None);
        }
        if self.started {
            wire.resume("RETR")?;
        } else {
            wire.begin("RETR").await?;
            self.started = true;
        }
        while self.in_flight.len() < self.window {
            let Some(msg) = self.waiting.pop_front() else { break };
            let command = format!("RETR {msg}");
            wire.queue(command.as_bytes(), command.clone(), true);
            self.in_flight.push_back(msg);
        }
        wire.flush().await?;
        let Some(&msg) = self.in_flight.front() else { return Ok(None) };
        match wire.read_status().await {
            Ok(Status::Ok(_)) => {
                let mut bytes = Vec::new();
                wire.read_body_into(&mut bytes).await?;
                self.in_flight.pop_front();
                Ok(Some(Retrieved::Message { msg, bytes }))
            }
            Ok(Status::Continue(_)) => {
                Err(wire.fail(Pop3Error::Protocol("a SASL challenge came in reply to RETR".into())))
            }
            Err(error) if error.breaks_session() => Err(error),
            Err(error) => {
                self.in_flight.pop_front();
                Ok(Some(Retrieved::Refused { msg, error }))
            }
        }
    }

    /// Messages not yet returned by [`RetrBatch::next`].
    pub fn remaining(&self) -> usize {
        self.in_flight.len() + self.waiting.len()
    }

    /// Commands this batch keeps in flight (1 without PIPELINING).
    pub fn window(&self) -> usize {
        self.window
    }
}
