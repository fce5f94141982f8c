//! Searching: a parsed [`Query`] as index lookups and cache filters, newest first.
//!
//! The index hands out its matches newest first (its keys sort by date, `search_index`), so a
//! search reads matches one at a time, keeps those that pass the cache-side filters (folder,
//! account, flags, attachments) and the phrase check, and stops at `limit`: a word found in
//! 50,000 letters costs as much as one found in 50. Dates narrow the index's key range itself.
//! A query of filters only (`is:unread folder:inbox`) is a plain query of the cache.
//!
//! A typed word matches the words it begins. FTS5 answers a prefix query (`"отчет"*`) by
//! merging the matches of every word with that prefix into one list before handing out the
//! first, which was most of a search's time; so the words it begins are looked up in the
//! index's vocabulary and asked for by name (`"отчет" OR "отчета" OR ...`), which FTS5 reads
//! newest first, a page at a time. Only a prefix of very many words (one or two letters being
//! typed) is left to FTS5's prefix query.
//!
//! While an index of an older format is being replaced (`Rebuild`), the old one answers, as it
//! did: format 2 the same way without a vocabulary; format 1 raw words as prefixes, every match
//! sorted by date.

use super::messages::{BODY_TEXT_SQL, SUMMARY_COLUMNS, SUMMARY_TABLES, summary_from_row};
use super::search_index::{self, first_key_at};
use super::shared_bodies::BODY_HOLDER;
use super::{MessageSummary, Store, StoreResult};
use crate::engine::search::query::{account_matches, folder_matches};
use crate::engine::search::words::{self, QueryWord};
use crate::engine::search::{Field, Query};
use crate::model::{Flags, MessageId};
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};
use std::fmt::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// The summary's columns and the Cc addresses (for `cc:` phrases), after the summary's 18.
const CC_COLUMN: usize = 18;

/// Words a typed prefix is asked for by name at most; a prefix of more (one or two letters) is
/// an FTS5 prefix query. FTS5 reads an OR of words by stepping each of them, so a few dozen are
/// cheap; a real mailbox has thousands of words starting with one letter.
const MAX_COMPLETIONS: usize = 64;

/// A rebuild of the index since this start: a new format (the old index set aside answers until
/// the new one is done) or a lost or damaged index file.
pub(super) struct Rebuild {
    /// The first and last queue entries the rebuild must index.
    span: Option<(i64, i64)>,
    /// The older index, while it still answers; `None` once the new one is done.
    previous: Mutex<Option<PathBuf>>,
}

impl Rebuild {
    /// What is to be rebuilt, seen when the store opens: `fresh` (the index file is new) or an
    /// older index set aside at `previous`.
    pub(super) fn at_open(writer: &Connection, fresh: bool, upto: i64, previous: PathBuf) -> StoreResult<Rebuild> {
        let has_previous = previous.exists();
        let target = search_index::last_queued(writer)?;
        let first: Option<i64> =
            writer.query_row("SELECT min(seq) FROM search_queue WHERE seq > ?1", [upto], |r| r.get(0))?;
        let span = first.filter(|_| (fresh || has_previous) && target > upto).map(|first| (first, target));
        let rebuild = Rebuild { span, previous: Mutex::new(has_previous.then_some(previous)) };
        if span.is_none() {
            rebuild.retire_previous();
        }
        Ok(rebuild)
    }

    /// Attaches the older index to a new reader as `previous`, while it answers.
    pub(super) fn attach_previous(&self, conn: &Connection) -> StoreResult<()> {
        if let Some(previous) = self.previous.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            conn.execute("ATTACH DATABASE ?1 AS previous", [previous.to_string_lossy()])?;
        }
        Ok(())
    }

    /// Removes the older index's files (readers that still have them attached keep reading them
    /// until they are closed).
    fn retire_previous(&self) -> bool {
        let previous = self.previous.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(previous) = &previous {
            tracing::info!("the search index is rebuilt; removing the older one");
            search_index::remove_index_files(previous);
        }
        previous.is_some()
    }
}

impl Store {
    /// How far a rebuild of the search index is (queue entries done, of how many); `None` when
    /// none is under way.
    pub fn search_index_rebuild(&self) -> Option<(u64, u64)> {
        let (first, target) = self.rebuild.span?;
        let upto = self.indexer.upto();
        if upto >= target {
            if self.rebuild.retire_previous() {
                // Idle readers have the older index attached: new ones will not.
                self.readers.lock().unwrap_or_else(|p| p.into_inner()).clear();
            }
            return None;
        }
        Some(((upto - first + 1).max(0) as u64, (target - first + 1) as u64))
    }

    /// The newest `limit` messages that match `query`.
    pub fn search(&self, query: &Query, limit: usize) -> StoreResult<Vec<MessageSummary>> {
        let rebuilding = self.search_index_rebuild().is_some();
        let legacy = rebuilding && self.rebuild.previous.lock().unwrap_or_else(|p| p.into_inner()).is_some();
        self.read(|conn| {
            let Some(filters) = filters(conn, query)? else { return Ok(Vec::new()) };
            if query.terms.is_empty() {
                filtered(conn, &filters, rebuilding, limit)
            } else if legacy
                && conn.query_row("SELECT count(*) FROM pragma_database_list WHERE name = 'previous'", [], |r| {
                    r.get::<_, i64>(0)
                })? > 0
            {
                // An older index that cannot answer (damaged, or of a format before 1) must not
                // stop search: the new one answers with what it has so far.
                older_matches(conn, query, &filters, limit).or_else(|error| {
                    tracing::debug!(%error, "the older search index failed; using the new one");
                    newest_matches(conn, "search", &vocabulary_expression(conn, query)?, query, &filters, limit)
                })
            } else {
                newest_matches(conn, "search", &vocabulary_expression(conn, query)?, query, &filters, limit)
            }
        })
    }

    /// [`search`](Self::search) for what a person typed (tests).
    #[cfg(test)]
    pub fn search_text(&self, query: &str, limit: usize) -> StoreResult<Vec<MessageSummary>> {
        match Query::parse(query) {
            Some(query) => self.search(&query, limit),
            None => Ok(Vec::new()),
        }
    }

    /// A line of a message's text around the first word `words` match (its subject when the
    /// text has none).
    pub fn search_snippet(&self, id: MessageId, words: &[QueryWord]) -> StoreResult<String> {
        self.read(|conn| {
            let text: Option<String> = conn
                .query_row(
                    &format!("SELECT {BODY_TEXT_SQL} FROM bodies b WHERE b.message_id = {BODY_HOLDER}"),
                    [id.0],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            Ok(text.and_then(|text| words::snippet(&text, words, 120)).unwrap_or_default())
        })
    }
}

/// The query's cache-side conditions as SQL (` AND ...`, numbers only); `None` when a
/// `folder:` or `account:` value names nothing, so nothing can match.
fn filters(conn: &Connection, query: &Query) -> StoreResult<Option<String>> {
    let mut sql = String::new();
    if !query.folders.is_empty() {
        let mut stmt = conn.prepare_cached("SELECT id, path, role FROM folders")?;
        let folders = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
        let mut ids = Vec::new();
        for folder in folders {
            let (id, path, role): (i64, String, Option<String>) = folder?;
            if query.folders.iter().all(|value| folder_matches(value, &path, role.as_deref())) {
                ids.push(id.to_string());
            }
        }
        if ids.is_empty() {
            return Ok(None);
        }
        let _ = write!(sql, " AND m.folder_id IN ({})", ids.join(","));
    }
    if !query.accounts.is_empty() {
        let mut stmt = conn.prepare_cached("SELECT id, email FROM accounts")?;
        let accounts = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut ids = Vec::new();
        for account in accounts {
            let (id, email) = account?;
            if query.accounts.iter().all(|value| account_matches(value, &email)) {
                ids.push(id.to_string());
            }
        }
        if ids.is_empty() {
            return Ok(None);
        }
        let _ = write!(sql, " AND a.id IN ({})", ids.join(","));
    }
    if let Some(account) = query.account_id {
        let _ = write!(sql, " AND a.id = {}", account.0);
    }
    if query.has_attachment {
        sql.push_str(" AND m.has_attachments");
    }
    if query.unread {
        let _ = write!(sql, " AND m.flags & {} = 0", Flags::SEEN);
    }
    if query.flagged {
        let _ = write!(sql, " AND m.flags & {} != 0", Flags::FLAGGED);
    }
    if query.answered {
        let _ = write!(sql, " AND m.flags & {} != 0", Flags::ANSWERED);
    }
    if let Some(after) = query.after {
        let _ = write!(sql, " AND m.date >= {after}");
    }
    if let Some(before) = query.before {
        let _ = write!(sql, " AND m.date < {before}");
    }
    Ok(Some(sql))
}

/// A query of filters only: the index's keys (which sort by date) walked newest first, so
/// `is:unread` over 100,000 messages stops at the first `limit` unread ones instead of sorting
/// them all; while the index is being rebuilt (its keys incomplete), a sort in the cache.
fn filtered(conn: &Connection, filters: &str, rebuilding: bool, limit: usize) -> StoreResult<Vec<MessageSummary>> {
    let sql = if rebuilding {
        format!("SELECT {SUMMARY_COLUMNS} {SUMMARY_TABLES} WHERE 1{filters} ORDER BY m.date DESC, m.id DESC LIMIT ?1")
    } else {
        format!(
            "SELECT {SUMMARY_COLUMNS} FROM search.docs d CROSS JOIN messages m ON m.id = d.message_id
               JOIN folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id
             WHERE 1{filters} ORDER BY d.key DESC LIMIT ?1"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([limit as i64], summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The index's column for a field (`None`: every column).
fn column(field: Field) -> Option<&'static str> {
    match field {
        Field::Any => None,
        Field::From => Some("sender"),
        Field::To => Some("to_addrs"),
        Field::Cc => Some("cc_addrs"),
        Field::Subject => Some("subject"),
        Field::Body => Some("body"),
    }
}

/// The query's words as an FTS5 expression: every word (`word_terms` of it), in its field's
/// column.
fn fts_expression(query: &Query, mut word_terms: impl FnMut(&QueryWord) -> StoreResult<String>) -> StoreResult<String> {
    let mut parts = Vec::with_capacity(query.terms.len());
    for term in &query.terms {
        let terms = word_terms(&term.word)?;
        parts.push(match column(term.field) {
            Some(column) => format!("{column} : {terms}"),
            None => terms,
        });
    }
    Ok(parts.join(" AND "))
}

/// [`fts_expression`] with each word's completions named (the index's vocabulary, `terms`).
fn vocabulary_expression(conn: &Connection, query: &Query) -> StoreResult<String> {
    let mut completions =
        conn.prepare_cached("SELECT term FROM search.terms WHERE term >= ?1 AND term < ?2 LIMIT ?3")?;
    fts_expression(query, |word| named_terms(&mut completions, word))
}

/// A query word as FTS5 terms: the words of the index it begins and its stem, by name; FTS5's
/// own prefix query when it begins none (that costs nothing) or too many to name.
fn named_terms(completions: &mut CachedStatement<'_>, word: &QueryWord) -> StoreResult<String> {
    let low = word.folded.as_bytes();
    // Every word that begins with `low` sorts before `low` and a 0xFF byte, which UTF-8 lacks.
    let high = [low, &[0xFF]].concat();
    let mut rows = completions.query(params![low, high, MAX_COMPLETIONS as i64 + 1])?;
    let mut terms = Vec::new();
    while let Some(row) = rows.next()? {
        let term: Vec<u8> = row.get(0)?;
        terms.push(String::from_utf8_lossy(&term).into_owned());
    }
    if terms.is_empty() || terms.len() > MAX_COMPLETIONS {
        return Ok(word.fts_terms());
    }
    if let Some(stem) = &word.stem
        && !terms.contains(stem)
    {
        terms.push(stem.clone());
    }
    // The index's terms are words (letters and digits); a quote would be doubled all the same.
    let quoted: Vec<String> = terms.iter().map(|term| format!("\"{}\"", term.replace('"', "\"\""))).collect();
    Ok(format!("({})", quoted.join(" OR ")))
}

/// Every word of `typed` as a prefix of a folded word (no stems: for names and addresses being
/// typed); `None` when it has no words.
pub(super) fn prefix_expression(typed: &str) -> Option<String> {
    let terms: Vec<String> = words::split(typed).map(|word| format!("\"{}\"*", words::fold(word))).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Reads the matches of `expression` in the index `schema` (`search`, or `previous` of format
/// 2) newest first and keeps those that pass the filters and phrases, up to `limit`.
fn newest_matches(
    conn: &Connection,
    schema: &str,
    expression: &str,
    query: &Query,
    filters: &str,
    limit: usize,
) -> StoreResult<Vec<MessageSummary>> {
    let mut matches = conn.prepare_cached(&format!(
        "SELECT rowid FROM {schema}.message_search WHERE message_search MATCH ?1 AND rowid >= ?2 AND rowid < ?3
         ORDER BY rowid DESC"
    ))?;
    let mut candidate = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, m.cc_addrs FROM {schema}.docs d JOIN messages m ON m.id = d.message_id
           JOIN folders f ON f.id = m.folder_id JOIN accounts a ON a.id = f.account_id
         WHERE d.key = ?1{filters}"
    ))?;
    let low = query.after.map_or(0, first_key_at);
    let high = query.before.map_or(i64::MAX, first_key_at);
    let mut keys = matches.query(params![expression, low, high])?;
    let mut found = Vec::new();
    while found.len() < limit
        && let Some(row) = keys.next()?
    {
        let key: i64 = row.get(0)?;
        let Some((summary, cc)) =
            candidate.query_row([key], |r| Ok((summary_from_row(r)?, r.get::<_, String>(CC_COLUMN)?))).optional()?
        else {
            continue;
        };
        if phrases_hold(conn, query, &summary, &cc)? {
            found.push(summary);
        }
    }
    Ok(found)
}

/// The older index, while the new one is built, as it answered: format 2 as this one without
/// a vocabulary (FTS5's prefix queries), format 1 by [`format_1_matches`].
fn older_matches(conn: &Connection, query: &Query, filters: &str, limit: usize) -> StoreResult<Vec<MessageSummary>> {
    let format: i64 = conn.query_row("PRAGMA previous.user_version", [], |r| r.get(0))?;
    if format == 2 {
        let expression = fts_expression(query, |word| Ok(word.fts_terms()))?;
        newest_matches(conn, "previous", &expression, query, filters, limit)
    } else {
        format_1_matches(conn, query, filters, limit)
    }
}

/// The older index of format 1: words as prefixes in its columns, every match sorted by date.
fn format_1_matches(conn: &Connection, query: &Query, filters: &str, limit: usize) -> StoreResult<Vec<MessageSummary>> {
    let parts: Vec<String> = query
        .terms
        .iter()
        .map(|term| {
            let word = format!("\"{}\"*", term.word.folded);
            match term.field {
                Field::Any => word,
                Field::From => format!("sender : {word}"),
                Field::To | Field::Cc => format!("recipients : {word}"),
                Field::Subject => format!("subject : {word}"),
                Field::Body => format!("body : {word}"),
            }
        })
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}, m.cc_addrs {SUMMARY_TABLES}
         WHERE m.id IN (SELECT rowid FROM previous.message_search WHERE message_search MATCH ?1){filters}
         ORDER BY m.date DESC, m.id DESC"
    ))?;
    let mut rows = stmt.query([parts.join(" AND ")])?;
    let mut found = Vec::new();
    while found.len() < limit
        && let Some(row) = rows.next()?
    {
        let (summary, cc) = (summary_from_row(row)?, row.get::<_, String>(CC_COLUMN)?);
        if phrases_hold(conn, query, &summary, &cc)? {
            found.push(summary);
        }
    }
    Ok(found)
}

/// Whether every phrase of `query` is in its field of this message (the body read only when a
/// phrase may be there).
fn phrases_hold(conn: &Connection, query: &Query, summary: &MessageSummary, cc: &str) -> StoreResult<bool> {
    if query.phrases.is_empty() {
        return Ok(true);
    }
    let sender = format!("{} {}", summary.from_name, summary.from_addr);
    let mut body: Option<String> = None;
    for phrase in &query.phrases {
        let in_field = |text: &str| words::has_phrase(text, &phrase.words);
        let headers = match phrase.field {
            Field::From => in_field(&sender),
            Field::To => in_field(&summary.to_addrs),
            Field::Cc => in_field(cc),
            Field::Subject => in_field(&summary.subject),
            Field::Body => false,
            Field::Any => [summary.subject.as_str(), &sender, &summary.to_addrs, cc].iter().any(|t| in_field(t)),
        };
        if headers {
            continue;
        }
        if !matches!(phrase.field, Field::Body | Field::Any) {
            return Ok(false);
        }
        if body.is_none() {
            body = Some(
                conn.query_row(
                    &format!("SELECT {BODY_TEXT_SQL} FROM bodies b WHERE b.message_id = {BODY_HOLDER}"),
                    [summary.id.0],
                    |r| r.get::<_, Option<String>>(0),
                )
                .optional()?
                .flatten()
                .unwrap_or_default(),
            );
        }
        if !in_field(body.as_deref().unwrap_or_default()) {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
