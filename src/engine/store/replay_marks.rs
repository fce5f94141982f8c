//! Where a non-idempotent operation's target folder stood before its first attempt (IMAP COPY
//! and APPEND, and MOVE sent as COPY): its UIDVALIDITY and UIDNEXT, and what identifies the
//! message there. A copy any attempt made has a UID at or above that UIDNEXT (RFC 3501 2.3.1.1:
//! UIDs only grow while UIDVALIDITY stays), so a replay after a lost reply looks there first
//! instead of sending the command twice. Kept inside the operation's own row (a key of its JSON
//! payload that the operation's reader ignores), written before the command goes out.

use super::{Store, StoreResult};
use crate::model::MessageId;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptMark {
    pub uidvalidity: u32,
    pub uidnext: u32,
}

/// What identifies a message in a search of the target: its Message-ID, and its size in octets
/// (RFC822.SIZE, for a message without a Message-ID).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageIdentity {
    pub message_id: Option<String>,
    pub size: Option<u64>,
}

impl Store {
    /// The mark recorded before the operation's first attempt, if there was an attempt.
    pub fn attempt_mark(&self, op_id: i64) -> StoreResult<Option<AttemptMark>> {
        self.read(|conn| {
            let text: Option<String> = conn
                .query_row(
                    "SELECT json_extract(payload, '$.attempt_mark') FROM pending_ops WHERE id = ?1",
                    [op_id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
        })
    }

    /// Records the mark; called before the command is sent, and only once per operation.
    pub fn set_attempt_mark(&self, op_id: i64, mark: &AttemptMark) -> StoreResult<()> {
        let text = serde_json::to_string(mark).unwrap_or_default();
        self.write(|tx| {
            tx.execute(
                "UPDATE pending_ops SET payload = json_set(payload, '$.attempt_mark', json(?2)) WHERE id = ?1",
                params![op_id, text],
            )?;
            Ok(())
        })
    }

    /// An APPEND the user no longer wants (a draft replaced before its upload was confirmed)
    /// whose first attempt may have taken effect: its local row goes, and the replay removes
    /// the copy if the attempt made one, instead of uploading it.
    pub fn withdraw_attempted_append(&self, op_id: i64, placeholder: MessageId) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE pending_ops SET payload = json_set(payload, '$.withdrawn', json('true')) WHERE id = ?1",
                [op_id],
            )?;
            tx.execute("DELETE FROM messages WHERE id = ?1", [placeholder.0])?;
            Ok(())
        })
    }

    /// Whether [`Store::withdraw_attempted_append`] withdrew this operation.
    pub fn append_withdrawn(&self, op_id: i64) -> StoreResult<bool> {
        self.read(|conn| {
            let withdrawn: Option<i64> = conn
                .query_row("SELECT json_extract(payload, '$.withdrawn') FROM pending_ops WHERE id = ?1", [op_id], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten();
            Ok(withdrawn == Some(1))
        })
    }

    /// The cached Message-ID and size of a message (the source of a COPY or MOVE).
    pub fn message_identity(&self, id: MessageId) -> StoreResult<MessageIdentity> {
        self.read(|conn| {
            Ok(conn
                .query_row("SELECT message_id, size FROM messages WHERE id = ?1", [id.0], |r| {
                    Ok(MessageIdentity {
                        message_id: r.get(0)?,
                        size: r.get::<_, Option<i64>>(1)?.map(|s| s as u64).filter(|s| *s > 0),
                    })
                })
                .optional()?
                .unwrap_or_default())
        })
    }
}
