//! Pages of a message list in any order the list offers (date, sender, subject; either way; one
//! row per message or per conversation), for a folder, every Inbox, or one conversation. Each
//! order of a folder walks an index made for it (migration v4), so the first page of a
//! 100,000-message folder costs a few dozen index steps, not a sort of the folder.

use super::messages::{SUMMARY_COLUMNS, SUMMARY_TABLES, summary_from_row};
use super::{MessageSummary, Store, StoreResult};
use crate::model::{ListOrder, ListScope, MessageId, SortKey};
use rusqlite::types::Value;

/// The sender column as sorted: the name, or the address when there is no name. The same
/// expression as the index `messages_folder_sender`, or SQLite would not use it.
const SENDER_KEY: &str = "lower(CASE WHEN m.from_name != '' THEN m.from_name ELSE m.from_addr END)";
/// The subject as sorted (the index `messages_folder_subject`).
const SUBJECT_KEY: &str = "m.subject COLLATE NOCASE";
/// A row that stands for its conversation: the newest message of its thread in its folder
/// (`messages_folder_thread` answers it with one index step).
const THREAD_HEAD: &str = "(m.thread_id IS NULL OR m.id = (SELECT x.id FROM messages x
    WHERE x.folder_id = m.folder_id AND x.thread_id = m.thread_id ORDER BY x.date DESC, x.id DESC LIMIT 1))";
const THREAD_SIZE: &str = "CASE WHEN m.thread_id IS NULL THEN 1 ELSE
    (SELECT count(*) FROM messages x WHERE x.folder_id = m.folder_id AND x.thread_id = m.thread_id) END";

/// How much of a letter's text the two-line list reads for its preview line.
const PREVIEW_BYTES: i64 = 600;

impl Store {
    /// The start of each cached letter's text, for the two-line list's preview (a page of rows
    /// reads 60 short slices, not 60 letters). Letters without a cached text are left out; the
    /// bytes may end inside a character.
    pub fn text_heads(&self, ids: &[MessageId]) -> StoreResult<Vec<(MessageId, Vec<u8>)>> {
        let list = super::id_list(ids);
        self.read(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT m.id, CASE WHEN b.text_from IS NULL THEN CAST(substr(b.text, 1, ?2) AS BLOB)
                     ELSE substr(b.raw, b.text_from + 1, ?2) END
                 FROM messages m JOIN bodies b ON b.message_id = coalesce(m.body_from, m.id)
                 WHERE m.id IN (SELECT value FROM json_each(?1))",
            )?;
            let rows = statement.query_map(rusqlite::params![list, PREVIEW_BYTES], |r| {
                Ok((MessageId(r.get(0)?), r.get::<_, Vec<u8>>(1)?))
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// One page of a list, in `order`.
    pub fn list_page(
        &self,
        scope: ListScope,
        order: ListOrder,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<MessageSummary>> {
        let threads = order.threads && !matches!(scope, ListScope::Thread(..));
        let heads = if threads { format!(" AND {THREAD_HEAD}") } else { String::new() };
        let size = if threads { THREAD_SIZE } else { "1" };
        let (sql, mut values) = match scope {
            ListScope::AllInboxes => {
                let inboxes = self.inbox_folders()?;
                if inboxes.is_empty() {
                    return Ok(Vec::new());
                }
                (every_inbox_query(&inboxes, order, &heads, size, offset + limit), Vec::new())
            }
            _ => {
                let (condition, values) = scope_condition(scope);
                let sql = format!(
                    "SELECT {SUMMARY_COLUMNS}, {size} {SUMMARY_TABLES} WHERE {condition}{heads} ORDER BY {} LIMIT ? OFFSET ?",
                    order_by(order)
                );
                (sql, values)
            }
        };
        values.push(Value::Integer(limit as i64));
        values.push(Value::Integer(offset as i64));
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(values), |row| {
                let mut summary = summary_from_row(row)?;
                summary.thread_size = row.get::<_, i64>(18)?.max(1) as u32;
                Ok(summary)
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn inbox_folders(&self) -> StoreResult<Vec<i64>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT id FROM folders WHERE role = 'inbox' ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// How many rows the list has: messages, or conversations when `order.threads`.
    pub fn list_len(&self, scope: ListScope, order: ListOrder) -> StoreResult<u64> {
        let (condition, values) = scope_condition(scope);
        let counted = if order.threads && !matches!(scope, ListScope::Thread(..)) {
            // A message without a thread (none after v4, but rows are never trusted) counts alone.
            "count(DISTINCT m.thread_id) + count(*) - count(m.thread_id)"
        } else {
            "count(*)"
        };
        let sql = format!("SELECT {counted} FROM messages m WHERE {condition}");
        self.read(|conn| {
            let count: i64 = conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
            Ok(count as u64)
        })
    }
}

fn scope_condition(scope: ListScope) -> (&'static str, Vec<Value>) {
    match scope {
        ListScope::Folder(folder) => ("m.folder_id = ?", vec![Value::Integer(folder.0)]),
        ListScope::AllInboxes => ("m.folder_id IN (SELECT id FROM folders WHERE role = 'inbox')", Vec::new()),
        ListScope::Thread(folder, thread) => {
            ("m.folder_id = ? AND m.thread_id = ?", vec![Value::Integer(folder.0), Value::Integer(thread.0)])
        }
    }
}

fn sort_key(key: SortKey) -> &'static str {
    match key {
        SortKey::Date => "m.date",
        SortKey::Sender => SENDER_KEY,
        SortKey::Subject => SUBJECT_KEY,
    }
}

fn direction(order: ListOrder) -> &'static str {
    if order.descending { "DESC" } else { "ASC" }
}

fn order_by(order: ListOrder) -> String {
    let direction = direction(order);
    format!("{} {direction}, m.id {direction}", sort_key(order.key))
}

/// Every Inbox as one list: each Inbox's first `enough` rows in order (its own index walk), then
/// merged. One query over all of them would sort every Inbox's messages for each page.
fn every_inbox_query(inboxes: &[i64], order: ListOrder, heads: &str, size: &str, enough: usize) -> String {
    let key = sort_key(order.key);
    let each: Vec<String> = inboxes
        .iter()
        .map(|folder| {
            format!(
                "SELECT * FROM (SELECT {SUMMARY_COLUMNS}, {size}, {key} AS sort_key {SUMMARY_TABLES}
                 WHERE m.folder_id = {folder}{heads} ORDER BY {} LIMIT {enough})",
                order_by(order)
            )
        })
        .collect();
    let outer_key = if order.key == SortKey::Subject { "sort_key COLLATE NOCASE" } else { "sort_key" };
    let direction = direction(order);
    format!("{} ORDER BY {outer_key} {direction}, 1 {direction} LIMIT ? OFFSET ?", each.join(" UNION ALL "))
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
