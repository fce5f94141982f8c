//! Known addresses for completion: the messages whose sender or recipients match what is being
//! typed, found through the full-text index (its `sender`, `to_addrs` and `cc_addrs` columns),
//! newest first.
//! The engine picks the addresses out of these rows and ranks them; this file only finds them.

use super::search::prefix_expression;
use super::{Store, StoreResult};
use rusqlite::params;

/// The address fields of one message that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressRow {
    pub from_name: String,
    pub from_addr: String,
    /// As stored: "Name <addr>, addr2".
    pub to_addrs: String,
    pub cc_addrs: String,
    /// Unix seconds (0 when the message had no date).
    pub date: i64,
}

impl Store {
    /// Up to `limit` messages, newest first, whose sender or recipients hold words starting
    /// with every word of `typed` ("iva" finds "Ivan Petrov <ivan@example.org>"). Nothing for
    /// input without letters or digits. The index answers the match, so a 100,000-message cache
    /// is not scanned.
    pub fn address_rows(&self, typed: &str, limit: usize) -> StoreResult<Vec<AddressRow>> {
        let Some(terms) = prefix_expression(typed) else { return Ok(Vec::new()) };
        let query = format!("{{sender to_addrs cc_addrs}} : ({terms})");
        self.read(|conn| {
            // The index's keys sort by date: its newest matches, without sorting every match.
            let mut stmt = conn.prepare_cached(
                "SELECT m.from_name, m.from_addr, m.to_addrs, m.cc_addrs, coalesce(m.date, 0)
                 FROM (SELECT rowid AS key FROM search.message_search WHERE message_search MATCH ?1
                       ORDER BY rowid DESC LIMIT ?2) s
                 JOIN search.docs d ON d.key = s.key JOIN messages m ON m.id = d.message_id
                 ORDER BY s.key DESC",
            )?;
            let rows = stmt.query_map(params![query, limit as i64], |r| {
                Ok(AddressRow {
                    from_name: r.get(0)?,
                    from_addr: r.get(1)?,
                    to_addrs: r.get(2)?,
                    cc_addrs: r.get(3)?,
                    date: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::MessageRecord;
    use super::*;

    fn message(from: (&str, &str), to: &str, subject: &str, date: i64) -> MessageRecord {
        MessageRecord {
            from_name: from.0.into(),
            from_addr: from.1.into(),
            to_addrs: to.into(),
            subject: subject.into(),
            date: Some(date),
            ..MessageRecord::default()
        }
    }

    #[test]
    fn address_rows_match_sender_and_recipients_by_word_prefix_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let account = store.ensure_account("me@example.org", "local").unwrap();
        let inbox = store.ensure_local_folders(account).unwrap();
        store
            .upsert_messages(
                inbox,
                &[
                    message(("Иван Петров", "ivan@example.org"), "me@example.org", "первое", 100),
                    message(("Me", "me@example.org"), "Boris <boris@example.net>, ivana@example.com", "lunch", 300),
                    message(("Anna", "anna@example.org"), "me@example.org", "ivan mentioned in the subject", 200),
                ],
            )
            .unwrap();
        store.wait_for_search_index().unwrap();

        let rows = store.address_rows("iva", 10).unwrap();
        let senders: Vec<&str> = rows.iter().map(|r| r.from_addr.as_str()).collect();
        assert_eq!(senders, ["me@example.org", "ivan@example.org"], "a subject word is no address; newest first");

        let by_name = store.address_rows("петр", 10).unwrap();
        assert_eq!(by_name.len(), 1, "a Cyrillic name matches by its words");
        assert_eq!(
            store.address_rows("boris@exa", 10).unwrap()[0].to_addrs,
            "Boris <boris@example.net>, ivana@example.com"
        );
        assert_eq!(store.address_rows("iva", 1).unwrap().len(), 1, "the limit holds");
        assert!(store.address_rows("  \"*) ", 10).unwrap().is_empty(), "no words, no query (and no FTS5 syntax error)");
        assert!(store.address_rows("zzz", 10).unwrap().is_empty());
    }
}
