//! Drafts: the letter being written, saved as its fields (JSON) so it reopens exactly as it was
//! left, with the Message-ID it keeps until it is sent. Local-only rows: never rebuilt.

use super::{Store, StoreResult, now_unix};
use crate::model::{AccountId, DraftId};
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub id: DraftId,
    pub account: AccountId,
    pub message_id: String,
    /// The composition as JSON (the engine's `Composition`).
    pub fields: String,
    pub updated_at: i64,
}

impl Store {
    /// Saves a new draft (`id` None) or replaces the fields of an existing one.
    pub fn save_draft(
        &self,
        id: Option<DraftId>,
        account: AccountId,
        message_id: &str,
        fields: &str,
    ) -> StoreResult<DraftId> {
        self.write(|tx| {
            if let Some(id) = id {
                let changed = tx.execute(
                    "UPDATE drafts SET account_id = ?2, message_id = ?3, fields = ?4, updated_at = ?5 WHERE id = ?1",
                    params![id.0, account.0, message_id, fields, now_unix()],
                )?;
                if changed > 0 {
                    return Ok(id);
                }
            }
            tx.execute(
                "INSERT INTO drafts (account_id, message_id, fields, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![account.0, message_id, fields, now_unix()],
            )?;
            Ok(DraftId(tx.last_insert_rowid()))
        })
    }

    pub fn draft(&self, id: DraftId) -> StoreResult<Option<DraftRow>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT id, account_id, message_id, fields, updated_at FROM drafts WHERE id = ?1",
                    [id.0],
                    draft_from_row,
                )
                .optional()?)
        })
    }

    /// Every draft, the most recently edited first.
    pub fn drafts(&self) -> StoreResult<Vec<DraftRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, account_id, message_id, fields, updated_at FROM drafts ORDER BY updated_at DESC, id DESC",
            )?;
            Ok(stmt.query_map([], draft_from_row)?.collect::<Result<_, _>>()?)
        })
    }

    pub fn delete_draft(&self, id: DraftId) -> StoreResult<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM drafts WHERE id = ?1", [id.0])? > 0))
    }
}

fn draft_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DraftRow> {
    Ok(DraftRow {
        id: DraftId(row.get(0)?),
        account: AccountId(row.get(1)?),
        message_id: row.get(2)?,
        fields: row.get(3)?,
        updated_at: row.get(4)?,
    })
}

impl Store {
    /// The messages of a folder with this Message-ID (a draft's earlier copies), with their UIDs
    /// (none while their upload is still queued).
    pub fn copies_by_message_id(
        &self,
        folder: crate::model::FolderId,
        message_id: &str,
    ) -> StoreResult<Vec<(crate::model::MessageId, Option<crate::model::Uid>)>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT id, uid FROM messages WHERE folder_id = ?1 AND message_id = ?2")?;
            let rows = stmt.query_map(params![folder.0, message_id], |r| {
                let uid: Option<i64> = r.get(1)?;
                Ok((crate::model::MessageId(r.get(0)?), uid.map(|u| crate::model::Uid(u as u32))))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Withdraws a queued upload (APPEND) that has not reached the server, and its local row:
    /// an older draft copy that is replaced before it was ever uploaded. False when no such
    /// operation is queued (it ran already).
    pub fn withdraw_append(&self, account: AccountId, placeholder: crate::model::MessageId) -> StoreResult<bool> {
        let queued = self.pending_operations(account)?;
        let Some(op) = queued
            .iter()
            .find(|op| matches!(&op.operation, super::Operation::Append { placeholder: p, .. } if *p == placeholder))
        else {
            return Ok(false);
        };
        // Perhaps uploaded already (its reply was lost): the replay finds and removes that copy.
        if self.attempt_mark(op.id)?.is_some() {
            self.withdraw_attempted_append(op.id, placeholder)?;
            return Ok(true);
        }
        self.write(|tx| {
            tx.execute("DELETE FROM pending_ops WHERE id = ?1", [op.id])?;
            tx.execute("DELETE FROM messages WHERE id = ?1", [placeholder.0])?;
            Ok(true)
        })
    }
}
