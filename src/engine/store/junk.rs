//! The junk filter's memory (tables `junk_tokens` and `junk_trained`, migration v10) and what the
//! filter reads from the cache: a letter's material to judge or train on, the letters of a folder
//! not trained yet (bootstrap), and whether the user has written to an address (never junk).

use super::{Store, StoreResult};
use crate::engine::junk::TokenCounts;
use crate::model::{FolderId, MessageId};
use rusqlite::{OptionalExtension, params};

/// What the filter reads of one cached letter.
#[derive(Debug, Clone, Default)]
pub struct JunkMaterial {
    /// The letter's Message-ID, or a key of its own when it has none: what training is keyed by.
    pub key: String,
    pub from_addr: String,
    pub from_name: String,
    pub subject: String,
    /// The raw message when its body is cached (the header block is read from it), else empty.
    pub raw: Vec<u8>,
    pub text: String,
}

impl Store {
    /// A cached letter's material, None when there is no such message.
    pub fn junk_material(&self, id: MessageId) -> StoreResult<Option<JunkMaterial>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT m.message_id, m.from_addr, m.from_name, m.subject, b.raw, b.text
                     FROM messages m LEFT JOIN bodies b ON b.message_id = coalesce(m.body_from, m.id) WHERE m.id = ?1",
                    [id.0],
                    |r| {
                        let message_id: Option<String> = r.get(0)?;
                        Ok(JunkMaterial {
                            key: message_id
                                .filter(|m| !m.trim().is_empty())
                                .unwrap_or_else(|| format!("cache:{}", id.0)),
                            from_addr: r.get(1)?,
                            from_name: r.get(2)?,
                            subject: r.get(3)?,
                            raw: r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default(),
                            text: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        })
                    },
                )
                .optional()?)
        })
    }

    /// Records that the letter `key` with these (distinct) tokens is junk or good. A letter
    /// trained before the other way has its counts moved; trained the same way, nothing changes.
    /// Returns whether anything changed.
    pub fn train_junk(&self, key: &str, tokens: &[String], junk: bool) -> StoreResult<bool> {
        self.write(|tx| {
            let before: Option<bool> =
                tx.query_row("SELECT junk FROM junk_trained WHERE letter = ?1", [key], |r| r.get(0)).optional()?;
            if before == Some(junk) {
                return Ok(false);
            }
            let mut add = tx.prepare_cached(
                "INSERT INTO junk_tokens (token, junk, good) VALUES (?1, ?2, ?3)
                 ON CONFLICT (token) DO UPDATE SET junk = junk + ?2, good = good + ?3",
            )?;
            let mut take = tx.prepare_cached(
                "UPDATE junk_tokens SET junk = max(junk - ?2, 0), good = max(good - ?3, 0) WHERE token = ?1",
            )?;
            for token in tokens {
                if before.is_some() {
                    take.execute(params![token, i64::from(!junk), i64::from(junk)])?;
                }
                add.execute(params![token, i64::from(junk), i64::from(!junk)])?;
            }
            tx.execute(
                "INSERT INTO junk_trained (letter, junk) VALUES (?1, ?2)
                 ON CONFLICT (letter) DO UPDATE SET junk = ?2",
                params![key, junk],
            )?;
            Ok(true)
        })
    }

    /// The messages of a folder, newest first, at most `limit`, whose letters were not trained.
    pub fn untrained_messages(&self, folder: FolderId, limit: usize) -> StoreResult<Vec<MessageId>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.id FROM messages m WHERE m.folder_id = ?1
                 AND NOT EXISTS (SELECT 1 FROM junk_trained t
                                 WHERE t.letter = coalesce(nullif(m.message_id, ''), 'cache:' || m.id))
                 ORDER BY m.date DESC, m.id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![folder.0, limit as i64], |r| Ok(MessageId(r.get(0)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Whether the user has written to `address`: a letter in any Sent folder has it in To or Cc.
    /// Such a correspondent is never junk.
    pub fn has_written_to(&self, address: &str) -> StoreResult<bool> {
        let address = address.trim().to_lowercase();
        if !address.contains('@') {
            return Ok(false);
        }
        // LIKE treats % and _ as wildcards: escape them so an odd address matches only itself.
        let pattern = format!("%{}%", address.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT 1 FROM messages m JOIN folders f ON f.id = m.folder_id
                     WHERE f.role = 'sent' AND (lower(m.to_addrs) LIKE ?1 ESCAPE '\\'
                                                OR lower(m.cc_addrs) LIKE ?1 ESCAPE '\\') LIMIT 1",
                    [pattern],
                    |_| Ok(()),
                )
                .optional()?
                .is_some())
        })
    }

    /// The Junk folder of an account whose mail lives here (POP3, Local Folders): its folder
    /// with the Junk role, or a local "Junk" made for it (POP3 accounts start without one).
    pub fn ensure_local_junk_folder(&self, account: crate::model::AccountId) -> StoreResult<FolderId> {
        self.write(|tx| {
            let found: Option<i64> = tx
                .query_row(
                    "SELECT id FROM folders WHERE account_id = ?1 AND role = 'junk' ORDER BY id LIMIT 1",
                    [account.0],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = found {
                return Ok(FolderId(id));
            }
            tx.execute(
                "INSERT INTO folders (account_id, path, raw_name, delimiter, role, local_only)
                 VALUES (?1, 'Junk', 'Junk', '/', 'junk', 1)
                 ON CONFLICT (account_id, path) DO UPDATE SET role = 'junk'",
                [account.0],
            )?;
            let id =
                tx.query_row("SELECT id FROM folders WHERE account_id = ?1 AND path = 'Junk'", [account.0], |r| {
                    r.get(0)
                })?;
            Ok(FolderId(id))
        })
    }

    /// The To and Cc fields of every letter in a Sent folder: whom the user has written to,
    /// read once for a batch of arrivals instead of once a letter.
    pub fn sent_recipient_fields(&self) -> StoreResult<Vec<String>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.to_addrs, m.cc_addrs FROM messages m JOIN folders f ON f.id = m.folder_id
                 WHERE f.role = 'sent'",
            )?;
            let rows = stmt.query_map([], |r| Ok(format!("{}, {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

/// The filter's counts as the store keeps them, read when a letter is judged.
impl TokenCounts for Store {
    fn totals(&self) -> (u64, u64) {
        self.read(|conn| {
            Ok(conn.query_row(
                "SELECT coalesce(sum(junk != 0), 0), coalesce(sum(junk = 0), 0) FROM junk_trained",
                [],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
            )?)
        })
        .unwrap_or((0, 0))
    }

    fn counts(&self, tokens: &[String]) -> Vec<(u64, u64)> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT junk, good FROM junk_tokens WHERE token = ?1")?;
            let mut out = Vec::with_capacity(tokens.len());
            for token in tokens {
                let counts = stmt
                    .query_row([token], |r| Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get::<_, i64>(1)?.max(0) as u64)))
                    .optional()?;
                out.push(counts.unwrap_or_default());
            }
            Ok(out)
        })
        // A store that cannot be read knows nothing: the letter is judged as unknown.
        .unwrap_or_else(|_| vec![(0, 0); tokens.len()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::store::MessageRecord;

    #[test]
    fn training_again_the_other_way_moves_the_counts_instead_of_adding() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let tokens = vec!["приз".to_string(), "from:x@y.z".to_string()];
        assert!(store.train_junk("<1@x>", &tokens, true).unwrap());
        assert!(!store.train_junk("<1@x>", &tokens, true).unwrap());
        assert_eq!(store.totals(), (1, 0));
        assert_eq!(store.counts(&tokens), vec![(1, 0), (1, 0)]);
        assert!(store.train_junk("<1@x>", &tokens, false).unwrap());
        assert_eq!(store.totals(), (0, 1));
        assert_eq!(store.counts(&tokens), vec![(0, 1), (0, 1)]);
        assert_eq!(store.counts(&["unseen".to_string()]), vec![(0, 0)]);
    }

    #[test]
    fn a_correspondent_is_someone_in_a_sent_letter_and_wildcards_match_only_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let account = store.ensure_account("me@example.org", "local").unwrap();
        store.ensure_local_folders(account).unwrap();
        let sent = store.folders(account).unwrap().into_iter().find(|f| f.role == Some(crate::model::FolderRole::Sent));
        let sent = sent.expect("local folders have Sent").id;
        let letter = MessageRecord {
            from_addr: "me@example.org".into(),
            to_addrs: "Ivan <Ivan@Example.ru>".into(),
            cc_addrs: "olga_k@example.ru".into(),
            ..MessageRecord::default()
        };
        store.upsert_messages(sent, &[letter]).unwrap();
        assert!(store.has_written_to("ivan@example.ru").unwrap());
        assert!(store.has_written_to("olga_k@example.ru").unwrap());
        assert!(!store.has_written_to("olgaxk@example.ru").unwrap());
        assert!(!store.has_written_to("stranger@example.ru").unwrap());
        assert!(!store.has_written_to("").unwrap());
    }
}
