//! Message rows, bodies, attachments and the full-text index, written in batches (one transaction
//! per batch: durability per batch, not per message, is what makes a 10,000-message mirror fast
//! without giving up "never lose mail"). Every write is idempotent: a batch fetched again after a
//! crash updates rows instead of duplicating them.

use super::shared_bodies::BODY_HOLDER;
use super::{Store, StoreResult};
use crate::model::{AccountId, Flags, FolderId, MessageId, ThreadId, Uid};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// A message as the sync layer hands it to the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageRecord {
    pub uid: Option<Uid>,
    pub uidl: Option<String>,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    /// Space-separated Message-IDs (References header).
    pub references: String,
    pub subject: String,
    pub from_name: String,
    pub from_addr: String,
    pub to_addrs: String,
    pub cc_addrs: String,
    pub date: Option<i64>,
    pub received_at: Option<i64>,
    pub size: u64,
    pub flags: Flags,
    pub modseq: Option<u64>,
    pub has_attachments: bool,
    pub body: Option<BodyRecord>,
    /// Gmail's X-GM-MSGID: the same message in every folder of the account (migration v11).
    pub gm_msgid: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyRecord {
    /// The message as the server has it; when `partial`, its headers and text parts only.
    pub raw: Vec<u8>,
    /// Attachments' bytes were left on the server ("attachments on demand").
    pub partial: bool,
    /// Text for the reader and the index (HTML already turned into text).
    pub text: String,
    pub attachments: Vec<AttachmentRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub part_index: usize,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub content_id: Option<String>,
    pub is_inline: bool,
}

/// One row of a message list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageSummary {
    pub id: MessageId,
    pub account: AccountId,
    pub folder: FolderId,
    pub folder_path: String,
    pub uid: Option<Uid>,
    pub uidl: Option<String>,
    pub message_id: Option<String>,
    pub date: Option<i64>,
    pub from_name: String,
    pub from_addr: String,
    pub to_addrs: String,
    pub subject: String,
    pub flags: Flags,
    pub size: u64,
    pub has_attachments: bool,
    pub has_body: bool,
    /// The conversation it belongs to.
    pub thread: Option<ThreadId>,
    /// How many messages its row stands for: more than 1 for a collapsed conversation.
    pub thread_size: u32,
}

/// Body states: what of the message is cached (0: nothing; more is cached as the number grows).
/// Headers and text parts; the attachments are listed but their bytes are on the server.
pub const BODY_TEXT: i64 = 1;
pub const BODY_FULL: i64 = 2;

/// Messages of folder ?1 known on the server with less than body state ?2 cached, dated on or
/// after ?3 when it is not NULL (`uids_without_body` and `has_uids_without_body` share it).
const LACKING_BODY: &str = "folder_id = ?1 AND uid IS NOT NULL AND body_state < ?2
    AND (?3 IS NULL OR coalesce(date, received_at, 0) >= ?3)";

/// A message's text from its `bodies` row `b`: `text`, or the tail of `raw` it was stored as
/// (migration v7; `substr` counts bytes in a blob).
pub(super) const BODY_TEXT_SQL: &str =
    "CASE WHEN b.text_from IS NULL THEN b.text ELSE CAST(substr(b.raw, b.text_from + 1) AS TEXT) END";

pub(super) const SUMMARY_COLUMNS: &str = "m.id, f.account_id, m.folder_id, f.path, m.uid, m.uidl, m.message_id, m.date,
        m.from_name, m.from_addr, m.to_addrs, m.subject, m.flags, m.keywords, m.size, m.has_attachments, m.body_state,
        m.thread_id";
pub(super) const SUMMARY_TABLES: &str =
    "FROM messages m JOIN folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id";

pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<MessageSummary> {
    let uid: Option<i64> = row.get(4)?;
    Ok(MessageSummary {
        id: MessageId(row.get(0)?),
        account: AccountId(row.get(1)?),
        folder: FolderId(row.get(2)?),
        folder_path: row.get(3)?,
        uid: uid.map(|u| Uid(u as u32)),
        uidl: row.get(5)?,
        message_id: row.get(6)?,
        date: row.get(7)?,
        from_name: row.get(8)?,
        from_addr: row.get(9)?,
        to_addrs: row.get(10)?,
        subject: row.get(11)?,
        flags: Flags::from_stored(row.get(12)?, &row.get::<_, String>(13)?),
        size: row.get::<_, i64>(14)? as u64,
        has_attachments: row.get(15)?,
        has_body: row.get::<_, i64>(16)? == BODY_FULL,
        thread: row.get::<_, Option<i64>>(17)?.map(ThreadId),
        thread_size: 1,
    })
}

impl Store {
    /// Stores a batch in one transaction. A message already cached under the same UID gets its
    /// flags updated (and its body, if this batch carries one); nothing is duplicated.
    pub fn upsert_messages(&self, folder: FolderId, records: &[MessageRecord]) -> StoreResult<Vec<MessageId>> {
        self.write(|tx| records.iter().map(|record| upsert_one(tx, folder, record)).collect())
    }

    /// Adds bodies to messages already listed (the second, background pass of a sync).
    pub fn store_bodies(&self, folder: FolderId, bodies: &[(Uid, BodyRecord)]) -> StoreResult<()> {
        self.write(|tx| {
            for (uid, body) in bodies {
                let id: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2",
                        params![folder.0, uid.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = id {
                    write_body(tx, id, body, false)?;
                }
            }
            Ok(())
        })
    }

    /// Every cached UID of the folder with its flags, ascending: the cache side of a comparison.
    pub fn uid_flags(&self, folder: FolderId) -> StoreResult<Vec<(Uid, Flags)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT uid, flags, keywords FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL ORDER BY uid",
            )?;
            let rows = stmt.query_map([folder.0], |r| {
                Ok((Uid(r.get::<_, i64>(0)? as u32), Flags::from_stored(r.get(1)?, &r.get::<_, String>(2)?)))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The cached message with this UID in the folder.
    pub fn message_by_uid(&self, folder: FolderId, uid: Uid) -> StoreResult<Option<MessageId>> {
        self.read(|conn| {
            let id: Option<i64> = conn
                .query_row("SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2", params![folder.0, uid.0], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(id.map(MessageId))
        })
    }

    /// How many messages of the folder are cached with a UID.
    pub fn cached_uid_count(&self, folder: FolderId) -> StoreResult<u64> {
        self.read(|conn| {
            let count: i64 = conn.query_row(
                "SELECT count(*) FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL",
                [folder.0],
                |r| r.get(0),
            )?;
            Ok(count as u64)
        })
    }

    /// Applies flags the server reported (server wins for messages with no local change pending).
    pub fn update_flags(&self, folder: FolderId, changes: &[(Uid, Flags, Option<u64>)]) -> StoreResult<usize> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE messages SET flags = ?3, keywords = ?4, modseq = coalesce(?5, modseq)
                 WHERE folder_id = ?1 AND uid = ?2 AND local_changes = 0 AND (flags != ?3 OR keywords != ?4)",
            )?;
            let mut changed = 0;
            for (uid, flags, modseq) in changes {
                changed += stmt.execute(params![
                    folder.0,
                    uid.0,
                    flags.bits,
                    flags.keywords_text(),
                    modseq.map(|m| m as i64)
                ])?;
            }
            Ok(changed)
        })
    }

    /// Drops messages the server expunged.
    pub fn remove_uids(&self, folder: FolderId, uids: &[Uid]) -> StoreResult<usize> {
        self.write(|tx| {
            let mut removed = 0;
            for uid in uids {
                let id: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2",
                        params![folder.0, uid.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = id {
                    delete_message(tx, id)?;
                    removed += 1;
                }
            }
            Ok(removed)
        })
    }

    /// UIDs (with sizes) with less than `wanted` (a body state) cached, newest first; `since`
    /// limits them to messages dated on or after that Unix time.
    pub fn uids_without_body(&self, folder: FolderId, since: Option<i64>, wanted: i64) -> StoreResult<Vec<(Uid, u64)>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT uid, size FROM messages WHERE {LACKING_BODY} ORDER BY uid DESC"))?;
            let rows = stmt.query_map(params![folder.0, wanted, since], |r| {
                Ok((Uid(r.get::<_, i64>(0)? as u32), r.get::<_, i64>(1)? as u64))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Whether [`uids_without_body`](Self::uids_without_body) would find anything (an index
    /// lookup on `messages_folder_body`, not a scan of the folder).
    pub fn has_uids_without_body(&self, folder: FolderId, since: Option<i64>, wanted: i64) -> StoreResult<bool> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM messages WHERE {LACKING_BODY})"))?;
            Ok(stmt.query_row(params![folder.0, wanted, since], |r| r.get(0))?)
        })
    }

    /// One page of a folder's list, newest first.
    pub fn message_page(&self, folder: FolderId, offset: usize, limit: usize) -> StoreResult<Vec<MessageSummary>> {
        self.list_page(crate::model::ListScope::Folder(folder), crate::model::ListOrder::default(), offset, limit)
    }

    pub fn message_summary(&self, id: MessageId) -> StoreResult<Option<MessageSummary>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT {SUMMARY_COLUMNS} {SUMMARY_TABLES} WHERE m.id = ?1"),
                    [id.0],
                    summary_from_row,
                )
                .optional()?)
        })
    }

    /// The raw bytes and the reader text of a cached message.
    pub fn message_body(&self, id: MessageId) -> StoreResult<Option<(Vec<u8>, String)>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT b.raw, {BODY_TEXT_SQL} FROM bodies b WHERE b.message_id = {BODY_HOLDER}"),
                    [id.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        })
    }

    pub fn attachments(&self, id: MessageId) -> StoreResult<Vec<AttachmentRecord>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT part_index, filename, content_type, size, content_id, is_inline FROM attachments
                 WHERE message_id = (SELECT coalesce(body_from, id) FROM messages WHERE id = ?1) ORDER BY part_index",
            )?;
            let rows = stmt.query_map([id.0], |r| {
                Ok(AttachmentRecord {
                    part_index: r.get::<_, i64>(0)? as usize,
                    filename: r.get(1)?,
                    content_type: r.get(2)?,
                    size: r.get::<_, i64>(3)? as u64,
                    content_id: r.get(4)?,
                    is_inline: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

/// A new row counts in its folder's totals (migration v9; inserts keep no trigger).
pub(super) fn count_new_message(tx: &Transaction<'_>, folder: FolderId, flags: u8) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE folders SET shown_count = shown_count + ((?2 & 8) = 0), unread_count = unread_count + ((?2 & 9) = 0)
         WHERE id = ?1",
    )?
    .execute(params![folder.0, flags])?;
    Ok(())
}

pub(super) fn upsert_one(tx: &Transaction<'_>, folder: FolderId, r: &MessageRecord) -> StoreResult<MessageId> {
    let existing: Option<i64> = match (r.uid, &r.uidl) {
        (Some(uid), _) => tx
            .query_row("SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2", params![folder.0, uid.0], |row| {
                row.get(0)
            })
            .optional()?,
        (None, _) => None,
    };
    let id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE messages SET flags = ?2, keywords = ?3, modseq = coalesce(?4, modseq) WHERE id = ?1 AND local_changes = 0",
                params![id, r.flags.bits, r.flags.keywords_text(), r.modseq.map(|m| m as i64)],
            )?;
            if let Some(gm_msgid) = r.gm_msgid {
                tx.prepare_cached("UPDATE messages SET gm_msgid = ?2 WHERE id = ?1 AND gm_msgid IS NULL")?
                    .execute(params![id, gm_msgid as i64])?;
            }
            id
        }
        None => {
            // A row stored with its body (POP3, local copies) is complete from the start.
            let has_attachments = match &r.body {
                Some(body) => body.attachments.iter().any(|a| !a.is_inline),
                None => r.has_attachments,
            };
            let body_state = match &r.body {
                Some(body) if body.partial => BODY_TEXT,
                Some(_) => BODY_FULL,
                None => 0,
            };
            let links = super::threads::Links {
                message_id: r.message_id.as_deref(),
                in_reply_to: r.in_reply_to.as_deref(),
                references: &r.references,
            };
            let thread = super::threads::thread_for(tx, None, &links)?;
            tx.prepare_cached(
                "INSERT INTO messages (folder_id, uid, uidl, message_id, in_reply_to, refs, subject, from_name, from_addr,
                    to_addrs, cc_addrs, date, received_at, size, flags, keywords, modseq, has_attachments, body_state,
                    thread_id, gm_msgid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
            )?
            .execute(params![
                folder.0,
                r.uid.map(|u| u.0),
                r.uidl,
                r.message_id,
                r.in_reply_to,
                r.references,
                r.subject,
                r.from_name,
                r.from_addr,
                r.to_addrs,
                r.cc_addrs,
                r.date,
                r.received_at,
                r.size as i64,
                r.flags.bits,
                r.flags.keywords_text(),
                r.modseq.map(|m| m as i64),
                has_attachments,
                body_state,
                thread,
                r.gm_msgid.map(|id| id as i64)
            ])?;
            let id = tx.last_insert_rowid();
            queue_for_index(tx, id)?;
            count_new_message(tx, folder, r.flags.bits)?;
            // A new row with its body (POP3, local copies): no old attachments to clear.
            if let Some(body) = &r.body {
                write_body(tx, id, body, true)?;
                return Ok(MessageId(id));
            }
            id
        }
    };
    if let Some(body) = &r.body {
        write_body(tx, id, body, false)?;
    }
    Ok(MessageId(id))
}

/// Queues a message whose searchable text is new for the search index, in the transaction that
/// stores it (migration v8: every INSERT into `messages` or `bodies` calls this; changes and
/// removals are queued by triggers).
pub(super) fn queue_for_index(tx: &Transaction<'_>, id: i64) -> StoreResult<()> {
    tx.prepare_cached("INSERT INTO search_queue (message_id) VALUES (?1)")?.execute([id])?;
    Ok(())
}

/// Stores a body (the search index learns its text through the queue). `fresh`: the row was just
/// inserted (and queued) with its body state and attachment flag.
fn write_body(tx: &Transaction<'_>, id: i64, body: &BodyRecord, fresh: bool) -> StoreResult<()> {
    // Text that is the raw message's tail is kept once (migration v7).
    let (text, text_from) = match body.raw.len().checked_sub(body.text.len()) {
        Some(from) if !body.text.is_empty() && body.raw.ends_with(body.text.as_bytes()) => ("", Some(from as i64)),
        _ => (body.text.as_str(), None),
    };
    // A plain INSERT: REPLACE on a table with a foreign key keeps a statement journal (see
    // migration v8), so a body that is replaced is deleted first.
    if !fresh {
        tx.prepare_cached("DELETE FROM bodies WHERE message_id = ?1")?.execute([id])?;
        queue_for_index(tx, id)?;
    }
    tx.prepare_cached("INSERT INTO bodies (message_id, raw, text, text_from) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id, body.raw, text, text_from])?;
    if !fresh {
        tx.prepare_cached("DELETE FROM attachments WHERE message_id = ?1")?.execute([id])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO attachments (message_id, part_index, filename, content_type, size, content_id, is_inline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for a in &body.attachments {
        insert.execute(params![
            id,
            a.part_index as i64,
            a.filename,
            a.content_type,
            a.size as i64,
            a.content_id,
            a.is_inline
        ])?;
    }
    if fresh {
        return Ok(());
    }
    // A body of its own replaces one borrowed from another folder's copy (migration v11).
    tx.prepare_cached("UPDATE messages SET body_state = ?2, has_attachments = ?3, body_from = NULL WHERE id = ?1")?
        .execute(params![
            id,
            if body.partial { BODY_TEXT } else { BODY_FULL },
            body.attachments.iter().any(|a| !a.is_inline)
        ])?;
    Ok(())
}

fn delete_message(tx: &Transaction<'_>, id: i64) -> StoreResult<()> {
    tx.execute("DELETE FROM messages WHERE id = ?1", [id])?;
    Ok(())
}

/// Removes a folder's cached messages (their search index rows follow through the queue).
pub(super) fn delete_folder_messages(tx: &Transaction<'_>, folder_id: i64) -> StoreResult<()> {
    tx.execute("DELETE FROM messages WHERE folder_id = ?1", [folder_id])?;
    Ok(())
}
