//! Conversations: which thread a message joins when it is stored. The JWZ idea, simplified: a
//! message joins the thread of any message it names (In-Reply-To, References, RFC 5322 3.6.4),
//! of any stored message that names it (a reply that arrived before its parent), and of its own
//! copies in other folders; when it links several threads, they merge into the oldest. No subject
//! matching: "Re: hello" from strangers is not one conversation.
//!
//! A message linked to nothing keeps `thread_id` NULL (a conversation of one): most mail is
//! such, and giving each its own id would cost an UPDATE per stored message (it tripled the time
//! of storing a batch). A thread's id is the smallest message id it was founded with.

use super::StoreResult;
use rusqlite::{Connection, params};
use std::collections::BTreeSet;

/// How many referenced ids are followed: a References header can be long, the last ones are the
/// closest ancestors, and one stored ancestor is enough to find the thread.
const MAX_REFERENCES: usize = 32;

/// A message's threading headers.
pub(super) struct Links<'a> {
    pub message_id: Option<&'a str>,
    pub in_reply_to: Option<&'a str>,
    pub references: &'a str,
}

/// The thread a message belongs to (None: linked to nothing yet), giving a thread to the stored
/// messages it links and merging their threads. `own`: the message's row when it exists already
/// (the backfill); a new message is looked up before its INSERT, which then carries the thread.
pub(super) fn thread_for(conn: &Connection, own: Option<i64>, links: &Links<'_>) -> StoreResult<Option<i64>> {
    let message_id = links.message_id.filter(|m| !m.is_empty());
    let mut named: Vec<&str> = links.references.split_whitespace().rev().take(MAX_REFERENCES).collect();
    named.extend(links.in_reply_to.filter(|r| !r.is_empty()));
    named.extend(message_id);
    let exclude = own.unwrap_or(-1);
    // (id, thread) of every stored message linked to this one.
    let mut related: Vec<(i64, Option<i64>)> = Vec::new();
    if !named.is_empty() {
        let names = serde_json::to_string(&named).unwrap_or_else(|_| "[]".into());
        let mut stmt = conn.prepare_cached(
            "SELECT id, thread_id FROM messages WHERE message_id IN (SELECT value FROM json_each(?1)) AND id != ?2",
        )?;
        for row in stmt.query_map(params![names, exclude], |r| Ok((r.get(0)?, r.get(1)?)))? {
            related.push(row?);
        }
    }
    if let Some(message_id) = message_id {
        let mut stmt = conn.prepare_cached("SELECT id, thread_id FROM messages WHERE in_reply_to = ?1 AND id != ?2")?;
        for row in stmt.query_map(params![message_id, exclude], |r| Ok((r.get(0)?, r.get(1)?)))? {
            related.push(row?);
        }
    }
    // A stored row may have a thread already, through a reply that names it only in References.
    let current: Option<i64> = match own {
        Some(id) => {
            conn.prepare_cached("SELECT thread_id FROM messages WHERE id = ?1")?.query_row([id], |r| r.get(0))?
        }
        None => None,
    };
    if related.is_empty() {
        return Ok(current);
    }
    let threads: BTreeSet<i64> = related.iter().filter_map(|(_, thread)| *thread).chain(current).collect();
    let founders = related.iter().filter(|(_, thread)| thread.is_none()).map(|(id, _)| *id).chain(own);
    let Some(thread) = threads.iter().copied().chain(founders).min() else { return Ok(None) };
    let mut join = conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE id = ?2")?;
    for (id, _) in related.iter().filter(|(_, thread)| thread.is_none()) {
        join.execute(params![thread, id])?;
    }
    let mut merge = conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE thread_id = ?2")?;
    for other in threads.iter().filter(|t| **t != thread) {
        merge.execute(params![thread, other])?;
    }
    Ok(Some(thread))
}

/// A message still without a thread: id, Message-ID, In-Reply-To, References.
type Unthreaded = (i64, Option<String>, Option<String>, Option<String>);

/// Threads every cached reply with what it answers (the migration that introduced threads; safe
/// to run again). Only replies are visited: a message that answers nothing is found through the
/// replies that name it.
pub(super) fn backfill_threads(conn: &Connection) -> StoreResult<()> {
    // In batches by id, so 100,000 rows never sit in memory at once.
    let mut after = 0_i64;
    loop {
        let batch: Vec<Unthreaded> = {
            let mut stmt = conn.prepare_cached(
                "SELECT id, message_id, in_reply_to, refs FROM messages
                 WHERE id > ?1 AND (in_reply_to IS NOT NULL OR coalesce(refs, '') != '') ORDER BY id LIMIT 1000",
            )?;
            let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let Some(last) = batch.last() else { return Ok(()) };
        after = last.0;
        for (id, message_id, in_reply_to, refs) in &batch {
            let links = Links {
                message_id: message_id.as_deref(),
                in_reply_to: in_reply_to.as_deref(),
                references: refs.as_deref().unwrap_or(""),
            };
            if let Some(thread) = thread_for(conn, Some(*id), &links)? {
                conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE id = ?2")?
                    .execute(params![thread, id])?;
            }
        }
    }
}
