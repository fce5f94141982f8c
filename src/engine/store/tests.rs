//! Store tests: schema creation, migrations keep local-only data, concurrency basics.

use super::*;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn new_database_is_at_the_latest_schema_and_intact() {
    let (_dir, store) = temp_store();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
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
fn fts5_index_finds_cyrillic_words() {
    let (_dir, store) = temp_store();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO message_search (rowid, subject, sender, recipients, body) VALUES (7, 'Отчёт за ноябрь', 'Иван', '', 'Привет, мир')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let hit: i64 = store
        .read(|c| {
            Ok(c.query_row("SELECT rowid FROM message_search WHERE message_search MATCH 'ноябрь'", [], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    assert_eq!(hit, 7);
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

#[test]
fn migrating_from_every_version_keeps_local_only_rows() {
    for start in 1..=migrations::LATEST {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations::migrate_to(&mut conn, start).unwrap();
            conn.execute_batch(
                "INSERT INTO accounts (id, email, protocol, created_at) VALUES (1, 'a@b.c', 'imap', 0);
                 INSERT INTO outbox (account_id, message_id, raw, envelope_from, recipients, created_at)
                   VALUES (1, '<m@b.c>', x'00', 'a@b.c', '[]', 0);
                 INSERT INTO drafts (account_id, message_id, fields, updated_at) VALUES (1, '<d@b.c>', '{}', 0);
                 INSERT INTO pending_ops (account_id, kind, payload, created_at) VALUES (1, 'flag', '{}', 0);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let count = |table: &str| -> i64 {
            store.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)).unwrap()
        };
        assert_eq!((count("outbox"), count("drafts"), count("pending_ops")), (1, 1, 1), "from v{start}");
    }
}

#[test]
fn migrating_to_v4_puts_cached_replies_into_their_conversations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::migrate_to(&mut conn, 3).unwrap();
        // A reply cached before its parent (lower id), a reply to the reply, and a stranger.
        conn.execute_batch(
            "INSERT INTO accounts (id, email, protocol, created_at) VALUES (1, 'a@b.c', 'imap', 0);
             INSERT INTO folders (id, account_id, path) VALUES (1, 1, 'INBOX');
             INSERT INTO messages (id, folder_id, message_id, in_reply_to, refs, subject)
               VALUES (1, 1, 'reply@x', 'root@x', 'root@x', 'Re: plan'),
                      (2, 1, 'root@x', NULL, '', 'plan'),
                      (3, 1, 'reply2@x', 'reply@x', '', 'Re: Re: plan'),
                      (4, 1, 'other@x', NULL, '', 'something else');",
        )
        .unwrap();
    }
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
