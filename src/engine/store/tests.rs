//! Store tests: schema creation, migrations keep local-only data, concurrency basics.

use super::*;
use crate::model::{MessageId, Uid};

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn new_database_is_at_the_latest_schema_and_intact() {
    let (_dir, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), migrations::latest());
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn wal_mode_is_on() {
    let (_dir, store) = temp_store();
    let mode: String = store.read(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn accounts_are_unique_by_address_ignoring_case() {
    let (_dir, store) = temp_store();
    let a = store.ensure_account("Ivan@Example.org", "imap").unwrap();
    let b = store.ensure_account("ivan@example.org", "pop3").unwrap();
    assert_eq!(a, b);
    assert_eq!(store.accounts().unwrap().len(), 1);
    assert_eq!(store.account_by_email("IVAN@example.org").unwrap().unwrap().protocol, "pop3");
    store.remove_account("ivan@example.org").unwrap();
    assert!(store.accounts().unwrap().is_empty());
    assert!(matches!(store.remove_account("ivan@example.org"), Err(StoreError::NotFound(_))));
}

#[test]
fn search_index_finds_cyrillic_words_and_forgets_deleted_messages() {
    let (_dir, store) = temp_store();
    let account = store.ensure_account("ivan@example.test", "local").unwrap();
    let folder = store.ensure_local_folders(account).unwrap();
    let record = |subject: &str, text: &str| MessageRecord {
        subject: subject.into(),
        from_name: "Иван".into(),
        body: Some(BodyRecord { raw: b"x".to_vec(), text: text.into(), ..BodyRecord::default() }),
        ..MessageRecord::default()
    };
    let ids = store.upsert_messages(folder, &[record("Отчёт за ноябрь", "Привет, мир"), record("Другое", "")]).unwrap();
    store.wait_for_search_index().unwrap();
    let found = |query: &str| -> Vec<MessageId> {
        store.search_text(query, 10).unwrap().into_iter().map(|summary| summary.id).collect()
    };
    assert_eq!(found("ноябр"), vec![ids[0]], "a Cyrillic prefix in the subject");
    assert_eq!(found("мир"), vec![ids[0]], "a word of the body");
    assert_eq!(found("иван").len(), 2, "the sender");
    store.delete_local(ids[0]).unwrap();
    store.wait_for_search_index().unwrap();
    assert!(found("ноябр").is_empty(), "a deleted message leaves the index");
}

#[test]
fn a_plain_text_body_is_stored_once_and_still_read_and_searched() {
    let (_dir, store) = temp_store();
    let account = store.ensure_account("ivan@example.test", "local").unwrap();
    let folder = store.ensure_local_folders(account).unwrap();
    let raw = b"Subject: hi\r\n\r\nquarterly report attached\r\n".to_vec();
    let tail = "quarterly report attached\r\n";
    let record = |raw: &[u8], text: &str| MessageRecord {
        body: Some(BodyRecord { raw: raw.to_vec(), text: text.into(), ..BodyRecord::default() }),
        ..MessageRecord::default()
    };
    let ids = store.upsert_messages(folder, &[record(&raw, tail), record(b"x", "переведённый текст")]).unwrap();
    let stored = |id: MessageId| -> (String, Option<i64>) {
        store
            .read(|c| {
                Ok(c.query_row("SELECT text, text_from FROM bodies WHERE message_id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?)
            })
            .unwrap()
    };
    assert_eq!(stored(ids[0]), (String::new(), Some(15)), "the text is the raw message's tail: kept once");
    assert_eq!(stored(ids[1]).1, None, "a text that is not in the raw bytes as it is stays whole");
    assert_eq!(store.message_body(ids[0]).unwrap().unwrap(), (raw.clone(), tail.to_string()));
    assert_eq!(store.message_body(ids[1]).unwrap().unwrap().1, "переведённый текст");
    store.wait_for_search_index().unwrap();
    let found = |query: &str| -> Vec<MessageId> {
        store.search_text(query, 10).unwrap().into_iter().map(|summary| summary.id).collect()
    };
    assert_eq!(found("quarterly"), vec![ids[0]]);
    assert_eq!(found("переведённый"), vec![ids[1]]);
}

#[test]
fn a_body_fetched_again_replaces_the_old_one_in_the_index() {
    let (_dir, store) = temp_store();
    let account = store.ensure_account("ivan@example.test", "imap").unwrap();
    let folder = store.ensure_local_folders(account).unwrap();
    let body = |text: &str| BodyRecord { raw: b"x".to_vec(), text: text.into(), ..BodyRecord::default() };
    let headers = MessageRecord { uid: Some(Uid(7)), subject: "subject".into(), ..MessageRecord::default() };
    let ids = store.upsert_messages(folder, &[headers]).unwrap();
    store.store_bodies(folder, &[(Uid(7), body("first words"))]).unwrap();
    store.store_bodies(folder, &[(Uid(7), body("second words"))]).unwrap();
    store.wait_for_search_index().unwrap();
    let found = |query: &str| store.search_text(query, 10).unwrap().len();
    assert_eq!((found("first"), found("second"), found("subject")), (0, 1, 1));
    assert_eq!(store.message_body(ids[0]).unwrap().unwrap().1, "second words");
}

#[test]
fn pins_are_per_host_and_port() {
    let (_dir, store) = temp_store();
    let pin = CertificatePin {
        host: "Mail.Example.org".into(),
        port: 993,
        sha256: "ab".repeat(32),
        subject: "CN=mail".into(),
        issuer: "CN=ca".into(),
        not_after: "2030-01-01".into(),
    };
    store.save_pin(&pin).unwrap();
    assert_eq!(store.pin_for("mail.example.org", 993).unwrap().unwrap().sha256, pin.sha256);
    assert!(store.pin_for("mail.example.org", 995).unwrap().is_none());
}

/// A database file migrated to `version` only, with `sql` run in it (as a user's older cache).
fn database_at(version: usize, sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrate_to(&mut conn, version).unwrap();
    conn.execute_batch(sql).unwrap();
    (dir, path)
}

#[test]
fn migrating_from_every_version_keeps_local_only_rows() {
    for start in 1..=migrations::latest() {
        let (_dir, path) = database_at(
            start,
            "INSERT INTO accounts (id, email, protocol, created_at) VALUES (1, 'a@b.c', 'imap', 0);
             INSERT INTO outbox (account_id, message_id, raw, envelope_from, recipients, created_at)
               VALUES (1, '<m@b.c>', x'00', 'a@b.c', '[]', 0);
             INSERT INTO drafts (account_id, message_id, fields, updated_at) VALUES (1, '<d@b.c>', '{}', 0);
             INSERT INTO pending_ops (account_id, kind, payload, created_at) VALUES (1, 'flag', '{}', 0);",
        );
        let store = Store::open(&path).unwrap();
        let count = |table: &str| -> i64 {
            store.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)).unwrap()
        };
        assert_eq!((count("outbox"), count("drafts"), count("pending_ops")), (1, 1, 1), "from v{start}");
    }
}

#[test]
fn messages_cached_before_the_index_moved_out_are_searchable_after_the_upgrade() {
    let (_dir, path) = database_at(
        3,
        "INSERT INTO accounts (id, email, protocol, created_at) VALUES (1, 'a@b.c', 'imap', 0);
         INSERT INTO folders (id, account_id, path, raw_name) VALUES (1, 1, 'INBOX', 'INBOX');
         INSERT INTO messages (id, folder_id, uid, subject) VALUES (1, 1, 1, 'квартальный отчёт');
         INSERT INTO bodies (message_id, raw, text) VALUES (1, x'00', 'подробности внутри');",
    );
    let store = Store::open(&path).unwrap();
    store.wait_for_search_index().unwrap();
    for word in ["квартал", "подробн"] {
        let hits = store.search_text(word, 10).unwrap();
        assert_eq!(hits.len(), 1, "{word}");
    }
    // The index is derived data: a lost index file is rebuilt from the cache.
    store.checkpoint_wal();
    drop(store);
    search_index::remove_index_files(&search_index::index_path(&path));
    let store = Store::open(&path).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(store.search_text("квартал", 10).unwrap().len(), 1, "rebuilt");
}

#[test]
fn migrating_to_v4_puts_cached_replies_into_their_conversations() {
    // A reply cached before its parent (lower id), a reply to the reply, and a stranger.
    let (_dir, path) = database_at(
        3,
        "INSERT INTO accounts (id, email, protocol, created_at) VALUES (1, 'a@b.c', 'imap', 0);
         INSERT INTO folders (id, account_id, path) VALUES (1, 1, 'INBOX');
         INSERT INTO messages (id, folder_id, message_id, in_reply_to, refs, subject)
           VALUES (1, 1, 'reply@x', 'root@x', 'root@x', 'Re: plan'),
                  (2, 1, 'root@x', NULL, '', 'plan'),
                  (3, 1, 'reply2@x', 'reply@x', '', 'Re: Re: plan'),
                  (4, 1, 'other@x', NULL, '', 'something else');",
    );
    let store = Store::open(&path).unwrap();
    let threads: Vec<Option<i64>> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT thread_id FROM messages ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert!(threads[0].is_some(), "the conversation has a thread: {threads:?}");
    assert_eq!(threads[0], threads[1], "the reply and its parent");
    assert_eq!(threads[1], threads[2], "the reply to the reply");
    assert_eq!(threads[3], None, "an unrelated message is a conversation of one");
}

#[test]
fn copying_a_message_that_is_gone_makes_no_copy() {
    let (_dir, store) = temp_store();
    let account = store.ensure_account("ivan@example.test", "local").unwrap();
    let folder = store.ensure_local_folders(account).unwrap();
    let ids = store.upsert_messages(folder, &[MessageRecord::default()]).unwrap();
    store.delete_local(ids[0]).unwrap();
    let copy = Change::LocalCopy { message: ids[0], to: folder };
    assert!(matches!(store.apply_changes(&[copy]), Err(StoreError::NotFound(_))));
    let rows: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?)).unwrap();
    assert_eq!(rows, 0);
}
