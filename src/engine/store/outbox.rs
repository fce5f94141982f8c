//! The outbox: every letter is written here (durably, before any network) and leaves only after
//! the server's final 250. A row being handed to the server is leased (`sending` with
//! `next_attempt_at` as the lease's end), so a process killed mid-send leaves a row that another
//! attempt picks up when the lease runs out: a letter may in the worst case go twice, never zero
//! times.

use super::{Store, StoreError, StoreResult, now_unix};
use crate::model::{AccountId, OutboxId};
use rusqlite::{OptionalExtension, Row, params};

/// Where a letter is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting for its next attempt (`next_attempt_at`).
    Queued,
    /// Being handed to the server now (or its sender died; retried when the lease ends).
    Sending,
    /// The server took it; its Sent copy is being filed.
    Sent,
    /// The server refused it for good: it waits for the person (edit, retry or cancel).
    Failed,
}

impl OutboxState {
    fn parse(text: &str) -> OutboxState {
        match text {
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "failed" => OutboxState::Failed,
            _ => OutboxState::Queued,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }
}

/// A letter in the outbox (without its bytes: see [`Store::outbox_raw`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: OutboxId,
    pub account: AccountId,
    pub message_id: String,
    pub envelope_from: String,
    pub recipients: Vec<String>,
    pub created_at: i64,
    pub attempts: u32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub state: OutboxState,
    pub size: u64,
}

const ENTRY_COLUMNS: &str = "id, account_id, message_id, envelope_from, recipients, created_at, attempts,
    next_attempt_at, last_error, state, length(raw)";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let recipients: String = row.get(4)?;
    Ok(OutboxEntry {
        id: OutboxId(row.get(0)?),
        account: AccountId(row.get(1)?),
        message_id: row.get(2)?,
        envelope_from: row.get(3)?,
        recipients: serde_json::from_str(&recipients).unwrap_or_default(),
        created_at: row.get(5)?,
        attempts: row.get::<_, i64>(6)? as u32,
        next_attempt_at: row.get(7)?,
        last_error: row.get(8)?,
        state: OutboxState::parse(&row.get::<_, String>(9)?),
        size: row.get::<_, i64>(10)? as u64,
    })
}

impl Store {
    /// Puts a letter in the outbox, due now.
    pub fn queue_outgoing(
        &self,
        account: AccountId,
        message_id: &str,
        raw: &[u8],
        envelope_from: &str,
        recipients: &[String],
    ) -> StoreResult<OutboxId> {
        let recipients = serde_json::to_string(recipients).map_err(|e| StoreError::NotFound(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO outbox (account_id, message_id, raw, envelope_from, recipients, created_at, next_attempt_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                params![account.0, message_id, raw, envelope_from, recipients, now_unix()],
            )?;
            Ok(OutboxId(tx.last_insert_rowid()))
        })
    }

    /// The letters not yet sent (all accounts, or one), oldest first.
    pub fn outbox_entries(&self, account: Option<AccountId>) -> StoreResult<Vec<OutboxEntry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM outbox WHERE (?1 IS NULL OR account_id = ?1) AND state != 'sent' ORDER BY id"
            ))?;
            Ok(stmt.query_map([account.map(|a| a.0)], entry_from_row)?.collect::<Result<_, _>>()?)
        })
    }

    pub fn outbox_entry(&self, id: OutboxId) -> StoreResult<Option<OutboxEntry>> {
        self.read(|conn| {
            Ok(conn
                .query_row(&format!("SELECT {ENTRY_COLUMNS} FROM outbox WHERE id = ?1"), [id.0], entry_from_row)
                .optional()?)
        })
    }

    /// The letter's bytes (the Sent copy, Bcc included).
    pub fn outbox_raw(&self, id: OutboxId) -> StoreResult<Option<Vec<u8>>> {
        self.read(|conn| Ok(conn.query_row("SELECT raw FROM outbox WHERE id = ?1", [id.0], |r| r.get(0)).optional()?))
    }

    /// Letters whose turn has come (queued and due, or leased by a sender whose lease ran out);
    /// `failed` ones wait for the person.
    pub fn due_outgoing(&self, account: Option<AccountId>, now: i64) -> StoreResult<Vec<OutboxId>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM outbox WHERE (?1 IS NULL OR account_id = ?1)
                   AND state IN ('queued', 'sending') AND next_attempt_at <= ?2 ORDER BY id",
            )?;
            Ok(stmt
                .query_map(params![account.map(|a| a.0), now], |r| Ok(OutboxId(r.get(0)?)))?
                .collect::<Result<_, _>>()?)
        })
    }

    /// When the next queued letter is due (for the background sender's sleep).
    pub fn next_outgoing_due(&self) -> StoreResult<Option<i64>> {
        self.read(|conn| {
            Ok(conn.query_row(
                "SELECT min(next_attempt_at) FROM outbox WHERE state IN ('queued', 'sending')",
                [],
                |r| r.get(0),
            )?)
        })
    }

    /// Takes the letter for sending until `lease_until`, if nobody else holds it; `None` when it
    /// is not due, already leased, sent, failed or gone.
    pub fn claim_outgoing(&self, id: OutboxId, now: i64, lease_until: i64) -> StoreResult<Option<OutboxEntry>> {
        self.write(|tx| {
            let claimed = tx.execute(
                "UPDATE outbox SET state = 'sending', next_attempt_at = ?3
                 WHERE id = ?1 AND state IN ('queued', 'sending') AND next_attempt_at <= ?2",
                params![id.0, now, lease_until],
            )?;
            if claimed == 0 {
                return Ok(None);
            }
            Ok(tx
                .query_row(&format!("SELECT {ENTRY_COLUMNS} FROM outbox WHERE id = ?1"), [id.0], entry_from_row)
                .optional()?)
        })
    }

    /// The server answered the final 250: the letter is sent (its Sent copy comes next).
    pub fn outgoing_sent(&self, id: OutboxId) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute("UPDATE outbox SET state = 'sent', last_error = NULL WHERE id = ?1", [id.0])?;
            Ok(())
        })
    }

    /// Sent and filed: the row goes.
    pub fn remove_outgoing(&self, id: OutboxId) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM outbox WHERE id = ?1 AND state = 'sent'", [id.0])?;
            Ok(())
        })
    }

    /// Letters the server took but whose Sent copy was not filed (the process stopped between).
    pub fn sent_but_unfiled(&self) -> StoreResult<Vec<OutboxEntry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM outbox WHERE state = 'sent'"))?;
            Ok(stmt.query_map([], entry_from_row)?.collect::<Result<_, _>>()?)
        })
    }

    /// An attempt failed: retried at `retry_at`, or (None) left `failed` for the person.
    pub fn outgoing_failed(&self, id: OutboxId, error: &str, retry_at: Option<i64>) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2,
                    state = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'queued' END, next_attempt_at = coalesce(?3, 0)
                 WHERE id = ?1 AND state = 'sending'",
                params![id.0, error, retry_at],
            )?;
            Ok(())
        })
    }

    /// The person asks for another try now (a failed or waiting letter).
    pub fn retry_outgoing(&self, id: OutboxId) -> StoreResult<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE id = ?1 AND state IN ('queued', 'failed')",
                [id.0],
            )? > 0)
        })
    }

    /// The person asks to send now: every waiting letter (of one account, or all) is due at once,
    /// whatever its backoff said. Refused (`failed`) letters still wait for a retry of their own.
    pub fn make_outgoing_due(&self, account: Option<AccountId>) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'queued' AND (?1 IS NULL OR account_id = ?1)",
                [account.map(|a| a.0)],
            )?;
            Ok(())
        })
    }

    /// Takes a letter out of the outbox (cancel, or back to a draft for editing) and gives its
    /// bytes; `None` when it is being sent right now or has been sent.
    pub fn take_outgoing(&self, id: OutboxId) -> StoreResult<Option<Vec<u8>>> {
        self.write(|tx| {
            let raw: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT raw FROM outbox WHERE id = ?1 AND (state IN ('queued', 'failed')
                        OR (state = 'sending' AND next_attempt_at <= ?2))",
                    params![id.0, now_unix()],
                    |r| r.get(0),
                )
                .optional()?;
            if raw.is_some() {
                tx.execute("DELETE FROM outbox WHERE id = ?1", [id.0])?;
            }
            Ok(raw)
        })
    }
}
