//! What the user does to many messages at once, in one transaction: 1,000 rows marked read are
//! one commit (one fsync), not 1,000 behind the sync's writer. Each change returns the step that
//! reverts it, so the window can offer Undo until the next action.
//!
//! Undo cancels an operation that is still queued (its local change is undone with it). One that
//! already reached the server is reversed by a new queued operation (flags set back, a move back
//! from where the server put it). One cancelled while the replay had it on the wire is settled in
//! [`compensate_in`]: the server did it, so the reverse is queued then.

use super::pending::{copy_placeholder_in, is_queued_in, move_locally_in, queue_in, record_in, undo_in};
use super::{Store, StoreResult};
use crate::model::{AccountId, Flags, FolderId, MessageId, Uid};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Operation, PendingOperation};

/// One message's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An operation for the account's server (applied here at once, replayed there).
    Queue(AccountId, Operation),
    /// A COPY for the server: the placeholder row is made in the same transaction.
    Copy {
        account: AccountId,
        message: MessageId,
        from: FolderId,
        uid: Uid,
        to: FolderId,
    },
    /// Local-only mail (POP3, Local Folders): the change is the whole story.
    LocalFlags {
        message: MessageId,
        flags: Flags,
    },
    LocalMove {
        message: MessageId,
        to: FolderId,
    },
    LocalCopy {
        message: MessageId,
        to: FolderId,
    },
}

/// How to take one applied change back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revert {
    Queued { op_id: i64, account: AccountId, operation: Operation },
    LocalFlags { message: MessageId, flags: Flags },
    LocalMove { message: MessageId, to: FolderId },
    LocalDelete { message: MessageId },
}

/// What an undo did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reverted {
    /// Changes taken back (cancelled, reversed, or queued to be reversed on the server).
    pub reverted: usize,
    /// Changes that cannot come back (a message expunged on the server).
    pub impossible: usize,
    /// Accounts with new operations for their server.
    pub accounts: Vec<AccountId>,
}

impl Store {
    /// Applies every change in one transaction; the steps that revert them, in order.
    pub fn apply_changes(&self, changes: &[Change]) -> StoreResult<Vec<Revert>> {
        self.write(|tx| {
            // Queued moves change their rows first, one statement per target folder.
            let mut moves: Vec<(FolderId, Vec<MessageId>)> = Vec::new();
            for change in changes {
                if let Change::Queue(_, Operation::Move { message, to, .. }) = change {
                    match moves.iter_mut().find(|(folder, _)| folder == to) {
                        Some((_, messages)) => messages.push(*message),
                        None => moves.push((*to, vec![*message])),
                    }
                }
            }
            for (to, messages) in &moves {
                move_locally_in(tx, messages, *to)?;
            }
            let mut reverts = Vec::with_capacity(changes.len());
            for change in changes {
                reverts.push(apply_in(tx, change)?);
            }
            Ok(reverts)
        })
    }

    /// Takes applied changes back, last first, in one transaction.
    pub fn revert_changes(&self, reverts: &[Revert]) -> StoreResult<Reverted> {
        self.write(|tx| {
            let mut done = Reverted::default();
            for revert in reverts.iter().rev() {
                let account = match revert {
                    Revert::Queued { op_id, account, operation } => {
                        if !revert_queued(tx, *op_id, *account, operation)? {
                            done.impossible += 1;
                            continue;
                        }
                        Some(*account)
                    }
                    Revert::LocalFlags { message, flags } => {
                        set_flags_in(tx, *message, flags)?;
                        None
                    }
                    Revert::LocalMove { message, to } => {
                        tx.execute("UPDATE messages SET folder_id = ?2 WHERE id = ?1", params![message.0, to.0])?;
                        None
                    }
                    Revert::LocalDelete { message } => {
                        tx.execute("DELETE FROM messages WHERE id = ?1", [message.0])?;
                        None
                    }
                };
                done.reverted += 1;
                if let Some(account) = account.filter(|a| !done.accounts.contains(a)) {
                    done.accounts.push(account);
                }
            }
            Ok(done)
        })
    }
}

fn apply_in(tx: &Transaction<'_>, change: &Change) -> StoreResult<Revert> {
    Ok(match change {
        // Moved already by `apply_changes`: only the record for the replay.
        Change::Queue(account, operation @ Operation::Move { .. }) => {
            let op_id = record_in(tx, *account, operation)?;
            Revert::Queued { op_id, account: *account, operation: operation.clone() }
        }
        Change::Queue(account, operation) => {
            let op_id = queue_in(tx, *account, operation)?;
            Revert::Queued { op_id, account: *account, operation: operation.clone() }
        }
        Change::Copy { account, message, from, uid, to } => {
            let copy = copy_placeholder_in(tx, *message, *to)?;
            let operation = Operation::Copy { message: *message, from: *from, uid: *uid, to: *to, copy };
            let op_id = queue_in(tx, *account, &operation)?;
            Revert::Queued { op_id, account: *account, operation }
        }
        Change::LocalFlags { message, flags } => {
            let before = location_in(tx, *message)?.map(|(_, _, flags)| flags).unwrap_or_default();
            set_flags_in(tx, *message, flags)?;
            Revert::LocalFlags { message: *message, flags: before }
        }
        Change::LocalMove { message, to } => {
            let from = location_in(tx, *message)?.map(|(folder, _, _)| folder).unwrap_or(*to);
            tx.execute("UPDATE messages SET folder_id = ?2 WHERE id = ?1", params![message.0, to.0])?;
            Revert::LocalMove { message: *message, to: from }
        }
        Change::LocalCopy { message, to } => {
            let copy = copy_placeholder_in(tx, *message, *to)?;
            // Local mail has no server to wait for: the copy is settled at once.
            tx.execute("UPDATE messages SET local_changes = 0 WHERE id = ?1", [copy.0])?;
            Revert::LocalDelete { message: copy }
        }
    })
}

/// Cancels a queued operation, or queues its reverse when the server has done it already.
/// False when it cannot be taken back.
fn revert_queued(tx: &Transaction<'_>, op_id: i64, account: AccountId, operation: &Operation) -> StoreResult<bool> {
    if is_queued_in(tx, op_id, operation)? {
        undo_in(tx, op_id, operation)?;
        return Ok(true);
    }
    let reverse = match operation {
        Operation::SetFlags { message, before, .. } => match location_in(tx, *message)? {
            Some((folder, Some(uid), now)) => {
                Some(Operation::SetFlags { message: *message, folder, uid, before: now, flags: before.clone() })
            }
            _ => None,
        },
        Operation::Move { message, from, to, .. } => match location_in(tx, *message)? {
            Some((folder, Some(uid), _)) if folder == *to => {
                Some(Operation::Move { message: *message, from: *to, uid, to: *from })
            }
            _ => None,
        },
        Operation::Copy { copy, .. } => match location_in(tx, *copy)? {
            Some((folder, Some(uid), _)) => Some(Operation::Expunge { message: *copy, folder, uid }),
            _ => None,
        },
        _ => None,
    };
    match reverse {
        Some(reverse) => {
            queue_in(tx, account, &reverse)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The server did an operation the user had cancelled meanwhile: queue what brings the server
/// back to what the user sees. A move without COPYUID cannot be followed (its new UID is not
/// known): the next sync shows the message where the server has it, and nothing is lost.
pub(super) fn compensate_in(tx: &Transaction<'_>, op: &PendingOperation, new_uid: Option<Uid>) -> StoreResult<()> {
    let reverse = match &op.operation {
        Operation::SetFlags { message, folder, uid, before, flags } => Some(Operation::SetFlags {
            message: *message,
            folder: *folder,
            uid: *uid,
            before: flags.clone(),
            flags: before.clone(),
        }),
        Operation::Move { message, from, to, .. } => {
            new_uid.map(|uid| Operation::Move { message: *message, from: *to, uid, to: *from })
        }
        _ => None,
    };
    if let Some(reverse) = reverse {
        queue_in(tx, op.account, &reverse)?;
    }
    Ok(())
}

fn set_flags_in(tx: &Transaction<'_>, message: MessageId, flags: &Flags) -> StoreResult<()> {
    tx.execute(
        "UPDATE messages SET flags = ?2, keywords = ?3 WHERE id = ?1",
        params![message.0, flags.bits, flags.keywords_text()],
    )?;
    Ok(())
}

fn location_in(tx: &Transaction<'_>, message: MessageId) -> StoreResult<Option<(FolderId, Option<Uid>, Flags)>> {
    Ok(tx
        .query_row("SELECT folder_id, uid, flags, keywords FROM messages WHERE id = ?1", [message.0], |r| {
            let uid: Option<i64> = r.get(1)?;
            Ok((
                FolderId(r.get(0)?),
                uid.map(|u| Uid(u as u32)),
                Flags::from_stored(r.get(2)?, &r.get::<_, String>(3)?),
            ))
        })
        .optional()?)
}
