//! Conversations: which thread a message joins when it is stored. The JWZ idea, simplified: a
//! message joins the thread of any message it names (In-Reply-To, References, RFC 5322 3.6.4),
//! of any stored message that names it (a reply that arrived before its parent), and of its own
//! copies in other folders; when it links several threads, they merge into the oldest. No subject
//! matching: "Re: hello" from strangers is not one conversation.

use super::StoreResult;
use rusqlite::{Connection, params};
use std::collections::BTreeSet;

/// How many referenced ids are followed: a References header can be long, the last ones are the
/// closest ancestors, and one stored ancestor is enough to find the thread.
const MAX_REFERENCES: usize = 32;

/// Puts message `id` into a thread (its own when nothing links it) and merges the threads it links.
pub(super) fn assign_thread(
    conn: &Connection,
    id: i64,
    message_id: Option<&str>,
    in_reply_to: Option<&str>,
    refs: &str,
) -> StoreResult<()> {
    let mut named: Vec<&str> = refs.split_whitespace().rev().take(MAX_REFERENCES).collect();
    named.extend(in_reply_to.filter(|r| !r.is_empty()));
    let mut threads = BTreeSet::new();
    let mut by_message_id = conn.prepare_cached(
        "SELECT DISTINCT thread_id FROM messages WHERE message_id = ?1 AND thread_id IS NOT NULL AND id != ?2",
    )?;
    for reference in named.iter().copied().chain(message_id) {
        for thread in by_message_id.query_map(params![reference, id], |r| r.get::<_, i64>(0))? {
            threads.insert(thread?);
        }
    }
    if let Some(message_id) = message_id.filter(|m| !m.is_empty()) {
        let mut replies = conn.prepare_cached(
            "SELECT DISTINCT thread_id FROM messages WHERE in_reply_to = ?1 AND thread_id IS NOT NULL AND id != ?2",
        )?;
        for thread in replies.query_map(params![message_id, id], |r| r.get::<_, i64>(0))? {
            threads.insert(thread?);
        }
    }
    let thread = threads.first().copied().unwrap_or(id);
    conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE id = ?2")?.execute(params![thread, id])?;
    let mut merge = conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE thread_id = ?2")?;
    for other in threads.iter().skip(1) {
        merge.execute(params![thread, other])?;
    }
    Ok(())
}

/// A message still without a thread: id, Message-ID, In-Reply-To, References.
type Unthreaded = (i64, Option<String>, Option<String>, Option<String>);

/// Gives every message without a thread one, oldest row first (the migration that introduced
/// threads; also safe to run again: rows with a thread are left alone).
pub(super) fn backfill_threads(conn: &Connection) -> StoreResult<()> {
    // In batches by id, so 100,000 rows never sit in memory at once.
    let mut after = 0_i64;
    loop {
        let batch: Vec<Unthreaded> = {
            let mut stmt = conn.prepare_cached(
                "SELECT id, message_id, in_reply_to, refs FROM messages
                 WHERE id > ?1 AND thread_id IS NULL ORDER BY id LIMIT 1000",
            )?;
            let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let Some(last) = batch.last() else { return Ok(()) };
        after = last.0;
        for (id, message_id, in_reply_to, refs) in &batch {
            assign_thread(conn, *id, message_id.as_deref(), in_reply_to.as_deref(), refs.as_deref().unwrap_or(""))?;
        }
    }
}
