//! Pending operations: what the user did, offline or not, recorded before anything else and
//! replayed to the server in order. The local view changes in the same transaction, and a row
//! touched by an operation is marked `local_changes` so a sync does not undo it before replay.
//! These rows are local-only: never dropped by a resync or a migration.

use super::{Store, StoreError, StoreResult, now_unix};
use crate::model::{AccountId, Flags, FolderId, MessageId, Uid};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// A user intent, with what is needed to replay it and to undo it locally if the server refuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operation {
    /// Set the message's flags to `flags` (the whole set, from `before`).
    SetFlags {
        message: MessageId,
        folder: FolderId,
        uid: Uid,
        before: Flags,
        flags: Flags,
    },
    /// Move (RFC 6851 MOVE, else COPY + \Deleted + UID EXPUNGE).
    Move {
        message: MessageId,
        from: FolderId,
        uid: Uid,
        to: FolderId,
    },
    /// Expunge for good (the message is in Trash already, or the account has none).
    Expunge {
        message: MessageId,
        folder: FolderId,
        uid: Uid,
    },
    /// Copy to another folder (RFC 4315 COPYUID gives the copy's UID when offered); `copy` is the
    /// local placeholder row shown in the target folder until then.
    Copy {
        message: MessageId,
        from: FolderId,
        uid: Uid,
        to: FolderId,
        copy: MessageId,
    },
    /// Store a message in a folder (drafts, sent copies); `placeholder` is its local row.
    Append {
        folder: FolderId,
        placeholder: MessageId,
        flags: Flags,
        raw_base64: String,
    },
    /// Create a folder ("/"-separated path; the server's delimiter is used on the wire).
    CreateFolder {
        folder: FolderId,
        path: String,
    },
    RenameFolder {
        folder: FolderId,
        from: String,
        to: String,
    },
    /// Delete a folder and the mail in it.
    DeleteFolder {
        path: String,
    },
}

/// Where a message is: its account, folder, UID (none while a move is pending) and flags.
pub type MessageLocation = (AccountId, FolderId, Option<Uid>, Flags);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingOperation {
    pub id: i64,
    pub account: AccountId,
    pub operation: Operation,
    pub attempts: u32,
    pub last_error: Option<String>,
}

impl Store {
    /// Records the operation and applies it to the local view, atomically.
    pub fn queue_operation(&self, account: AccountId, operation: &Operation) -> StoreResult<i64> {
        self.write(|tx| queue_in(tx, account, operation))
    }

    /// The account's queue, oldest first.
    pub fn pending_operations(&self, account: AccountId) -> StoreResult<Vec<PendingOperation>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, account_id, payload, attempts, last_error FROM pending_ops WHERE account_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([account.0], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get(4)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, account, payload, attempts, last_error) = row?;
                // An operation this version cannot read stays queued rather than being dropped.
                if let Ok(operation) = serde_json::from_str(&payload) {
                    out.push(PendingOperation { id, account: AccountId(account), operation, attempts: attempts as u32, last_error });
                }
            }
            Ok(out)
        })
    }

    pub fn pending_count(&self, account: Option<AccountId>) -> StoreResult<u64> {
        self.read(|conn| {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM pending_ops WHERE ?1 IS NULL OR account_id = ?1",
                [account.map(|a| a.0)],
                |r| r.get(0),
            )?;
            Ok(n as u64)
        })
    }

    /// The server did it: drop the operation and settle the local row (`new_uid`: where a move
    /// landed, from COPYUID; without it the placeholder goes and the next sync brings the message).
    pub fn complete_operation(&self, op: &PendingOperation, new_uid: Option<Uid>) -> StoreResult<()> {
        self.write(|tx| {
            // The user undid it while it was on its way: the server did it all the same, so the
            // server is brought back to what the user sees.
            if !take_in(tx, op.id, &op.operation)? {
                return super::batch::compensate_in(tx, op, new_uid);
            }
            match &op.operation {
                Operation::SetFlags { message, .. } => {
                    tx.execute("UPDATE messages SET local_changes = 0 WHERE id = ?1", [message.0])?;
                }
                Operation::Move { message, .. } => match new_uid {
                    Some(uid) => {
                        tx.execute(
                            "UPDATE messages SET uid = ?2, local_changes = 0 WHERE id = ?1",
                            params![message.0, uid.0],
                        )?;
                    }
                    None => {
                        tx.execute("DELETE FROM messages WHERE id = ?1", [message.0])?;
                    }
                },
                Operation::Expunge { message, .. } => {
                    tx.execute("DELETE FROM messages WHERE id = ?1", [message.0])?;
                }
                Operation::Copy { copy, .. } => settle_placeholder(tx, copy.0, new_uid)?,
                Operation::Append { placeholder, .. } => settle_placeholder(tx, placeholder.0, new_uid)?,
                Operation::CreateFolder { .. } | Operation::RenameFolder { .. } | Operation::DeleteFolder { .. } => {}
            }
            Ok(())
        })
    }

    /// The server refused for good: undo the local change and drop the operation.
    pub fn undo_operation(&self, op: &PendingOperation) -> StoreResult<()> {
        self.write(|tx| {
            // Already cancelled by the user meanwhile: its local change is undone already.
            if is_queued_in(tx, op.id, &op.operation)? { undo_in(tx, op.id, &op.operation) } else { Ok(()) }
        })
    }

    /// A transient failure: count it and keep the operation for the next pass.
    pub fn operation_failed(&self, op_id: i64, error: &str) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE pending_ops SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
                params![op_id, error],
            )?;
            Ok(())
        })
    }

    /// The UID and folder a message has now (for building operations).
    /// Where each of these messages is, in one read (a batch of 1,000 is one statement, not
    /// 1,000); messages that are gone are left out. In the order of `ids`.
    pub fn message_locations(&self, ids: &[MessageId]) -> StoreResult<Vec<(MessageId, MessageLocation)>> {
        let list = super::id_list(ids);
        let mut found = self.read(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT m.id, f.account_id, m.folder_id, m.uid, m.flags, m.keywords FROM messages m
                 JOIN folders f ON f.id = m.folder_id WHERE m.id IN (SELECT value FROM json_each(?1))",
            )?;
            let rows = statement.query_map([list], |r| {
                let uid: Option<i64> = r.get(3)?;
                let location = (
                    AccountId(r.get(1)?),
                    FolderId(r.get(2)?),
                    uid.map(|u| Uid(u as u32)),
                    Flags::from_stored(r.get(4)?, &r.get::<_, String>(5)?),
                );
                Ok((MessageId(r.get(0)?), location))
            })?;
            Ok(rows.collect::<Result<std::collections::HashMap<_, _>, _>>()?)
        })?;
        Ok(ids.iter().filter_map(|id| found.remove(id).map(|location| (*id, location))).collect())
    }

    pub fn message_location(&self, id: MessageId) -> StoreResult<Option<MessageLocation>> {
        Ok(self.message_locations(&[id])?.pop().map(|(_, location)| location))
    }
}

/// Whether this very operation is still queued. Row ids are reused once the newest row goes
/// (SQLite's rowid is max + 1), so the id alone could name a later operation: the payload must
/// match too.
pub(super) fn is_queued_in(tx: &rusqlite::Transaction<'_>, op_id: i64, operation: &Operation) -> StoreResult<bool> {
    let payload: Option<String> =
        tx.query_row("SELECT payload FROM pending_ops WHERE id = ?1", [op_id], |r| r.get(0)).optional()?;
    Ok(payload
        .is_some_and(|stored| serde_json::from_str::<Operation>(&stored).is_ok_and(|stored| &stored == operation)))
}

/// Drops this very operation from the queue; false when it was not there (cancelled by the user).
fn take_in(tx: &rusqlite::Transaction<'_>, op_id: i64, operation: &Operation) -> StoreResult<bool> {
    if !is_queued_in(tx, op_id, operation)? {
        return Ok(false);
    }
    tx.execute("DELETE FROM pending_ops WHERE id = ?1", [op_id])?;
    Ok(true)
}

/// Records the operation and applies it to the local view, inside the caller's transaction.
pub(super) fn queue_in(tx: &rusqlite::Transaction<'_>, account: AccountId, operation: &Operation) -> StoreResult<i64> {
    apply_locally_in(tx, account, operation)?;
    record_in(tx, account, operation)
}

/// Moves many messages to one folder with one statement, as a batch's queued moves do locally
/// (their operations are then recorded with [`record_in`]). One statement, because SQLite keeps
/// a statement journal for an UPDATE that fires triggers (the folder counts): a copy of each page
/// the statement touches. A thousand one-row statements copied the same index pages a thousand
/// times; one statement copies each once.
pub(super) fn move_locally_in(tx: &rusqlite::Transaction<'_>, messages: &[MessageId], to: FolderId) -> StoreResult<()> {
    let list = super::id_list(messages);
    tx.prepare_cached(
        "UPDATE messages SET folder_id = ?2, uid = NULL, local_changes = 1
         WHERE id IN (SELECT value FROM json_each(?1))",
    )?
    .execute(params![list, to.0])?;
    Ok(())
}

/// What an operation changes in the local view at once (the server learns it at the replay).
fn apply_locally_in(tx: &rusqlite::Transaction<'_>, account: AccountId, operation: &Operation) -> StoreResult<()> {
    match operation {
        Operation::SetFlags { message, flags, .. } => {
            // Cached statements: a batch runs these a thousand times in one transaction.
            tx.prepare_cached("UPDATE messages SET flags = ?2, keywords = ?3, local_changes = 1 WHERE id = ?1")?
                .execute(params![message.0, flags.bits, flags.keywords_text()])?;
        }
        Operation::Move { message, to, .. } => {
            tx.prepare_cached("UPDATE messages SET folder_id = ?2, uid = NULL, local_changes = 1 WHERE id = ?1")?
                .execute(params![message.0, to.0])?;
        }
        Operation::Expunge { message, .. } => {
            // Hidden at once (\Deleted), removed when the server confirms.
            tx.execute("UPDATE messages SET flags = flags | 8, local_changes = 1 WHERE id = ?1", [message.0])?;
        }
        // These rows are made before the operation is queued (their ids are in it).
        Operation::CreateFolder { .. } | Operation::Copy { .. } | Operation::Append { .. } => {}
        Operation::RenameFolder { folder, to, .. } => {
            tx.execute("UPDATE folders SET path = ?2 WHERE id = ?1", params![folder.0, to])?;
        }
        Operation::DeleteFolder { path } => {
            let id: Option<i64> = tx
                .query_row(
                    "SELECT id FROM folders WHERE account_id = ?1 AND path = ?2",
                    params![account.0, path],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = id {
                super::messages::delete_folder_messages(tx, id)?;
                tx.execute("DELETE FROM folders WHERE id = ?1", [id])?;
            }
        }
    }
    Ok(())
}

/// Records a queued operation for the replay; its local change is made already.
pub(super) fn record_in(tx: &rusqlite::Transaction<'_>, account: AccountId, operation: &Operation) -> StoreResult<i64> {
    let payload = serde_json::to_string(operation).map_err(|e| StoreError::NotFound(e.to_string()))?;
    tx.prepare_cached("INSERT INTO pending_ops (account_id, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![account.0, kind_name(operation), payload, now_unix()])?;
    Ok(tx.last_insert_rowid())
}

/// Undoes an operation's local change and drops it, inside the caller's transaction.
pub(super) fn undo_in(tx: &rusqlite::Transaction<'_>, op_id: i64, operation: &Operation) -> StoreResult<()> {
    match operation {
        Operation::SetFlags { message, before, .. } => {
            tx.execute(
                "UPDATE messages SET flags = ?2, keywords = ?3, local_changes = 0 WHERE id = ?1",
                params![message.0, before.bits, before.keywords_text()],
            )?;
        }
        Operation::Move { message, from, uid, .. } => {
            tx.execute(
                "UPDATE messages SET folder_id = ?2, uid = ?3, local_changes = 0 WHERE id = ?1",
                params![message.0, from.0, uid.0],
            )?;
        }
        Operation::Expunge { message, .. } => {
            tx.execute("UPDATE messages SET flags = flags & ~8, local_changes = 0 WHERE id = ?1", [message.0])?;
        }
        Operation::CreateFolder { folder, .. } => {
            tx.execute("DELETE FROM folders WHERE id = ?1", [folder.0])?;
        }
        Operation::RenameFolder { folder, from, .. } => {
            tx.execute("UPDATE folders SET path = ?2 WHERE id = ?1", params![folder.0, from])?;
        }
        // The folder is still on the server: the next sync lists it and fetches its mail.
        Operation::DeleteFolder { .. } => {}
        Operation::Copy { copy, .. } => {
            tx.execute("DELETE FROM messages WHERE id = ?1", [copy.0])?;
        }
        // The message stays here, local-only, rather than being lost (a refused Sent copy
        // is still the user's letter).
        Operation::Append { placeholder, .. } => {
            tx.execute("UPDATE messages SET local_changes = 0 WHERE id = ?1", [placeholder.0])?;
        }
    }
    tx.execute("DELETE FROM pending_ops WHERE id = ?1", [op_id])?;
    Ok(())
}

fn kind_name(operation: &Operation) -> &'static str {
    match operation {
        Operation::SetFlags { .. } => "set_flags",
        Operation::Move { .. } => "move",
        Operation::Expunge { .. } => "expunge",
        Operation::Copy { .. } => "copy",
        Operation::Append { .. } => "append",
        Operation::CreateFolder { .. } => "create_folder",
        Operation::RenameFolder { .. } => "rename_folder",
        Operation::DeleteFolder { .. } => "delete_folder",
    }
}

/// A placeholder the server confirmed: it takes the server's UID when known (COPYUID,
/// APPENDUID), otherwise it goes and the next sync brings the message under its real UID.
fn settle_placeholder(tx: &rusqlite::Transaction<'_>, id: i64, uid: Option<Uid>) -> StoreResult<()> {
    match uid {
        Some(uid) => {
            tx.execute("UPDATE messages SET uid = ?2, local_changes = 0 WHERE id = ?1", params![id, uid.0])?;
        }
        None => {
            tx.execute("DELETE FROM messages WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

impl Store {
    /// Marks a row as changed locally (not to be overwritten by a sync before its operation ran).
    pub fn mark_local(&self, message: MessageId) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute("UPDATE messages SET local_changes = 1 WHERE id = ?1", [message.0])?;
            Ok(())
        })
    }

    /// A folder the user creates: visible at once, created on the server by the queued operation.
    pub fn create_folder_row(&self, account: AccountId, path: &str, delimiter: Option<&str>) -> StoreResult<FolderId> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO folders (account_id, path, raw_name, delimiter) VALUES (?1, ?2, NULL, ?3)",
                params![account.0, path, delimiter],
            )?;
            Ok(FolderId(tx.last_insert_rowid()))
        })
    }
}

/// A local copy of a message in another folder (no UID yet), inside the caller's transaction.
pub(super) fn copy_placeholder_in(
    tx: &rusqlite::Transaction<'_>,
    message: MessageId,
    to: FolderId,
) -> StoreResult<MessageId> {
    let inserted = tx.execute(
        "INSERT INTO messages (folder_id, message_id, in_reply_to, refs, thread_id, subject, from_name, from_addr,
            to_addrs, cc_addrs, date, received_at, size, flags, keywords, has_attachments, body_state, local_changes)
         SELECT ?2, message_id, in_reply_to, refs, thread_id, subject, from_name, from_addr, to_addrs, cc_addrs,
            date, received_at, size, flags, keywords, has_attachments, body_state, 1
         FROM messages WHERE id = ?1",
        params![message.0, to.0],
    )?;
    // The message may have gone meanwhile (a sync removed it): then there is no copy.
    if inserted == 0 {
        return Err(StoreError::NotFound(crate::fl!("error-no-message", id = message.0)));
    }
    let copy = tx.last_insert_rowid();
    super::messages::queue_for_index(tx, copy)?;
    let flags: u8 = tx.query_row("SELECT flags FROM messages WHERE id = ?1", [copy], |r| r.get(0))?;
    super::messages::count_new_message(tx, to, flags)?;
    tx.execute("INSERT INTO bodies (message_id, raw, text, text_from) SELECT ?2, raw, text, text_from FROM bodies WHERE message_id = (SELECT coalesce(body_from, id) FROM messages WHERE id = ?1)", params![message.0, copy])?;
    Ok(MessageId(copy))
}
