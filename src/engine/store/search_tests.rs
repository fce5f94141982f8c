//! Searching the store: word forms, fields, filters, phrases, newest first, prefixes named from
//! the vocabulary or not, the upgrade of an index of an older format (1 or 2) that keeps
//! answering while the new one is built, and a search that leaves the index file as it was.

use super::super::search_index;
use super::super::{AttachmentRecord, BodyRecord, MessageRecord, Store};
use crate::model::{Flags, FolderId, MessageId};

struct Letter {
    subject: &'static str,
    from: &'static str,
    to: &'static str,
    cc: &'static str,
    body: &'static str,
    date: i64,
    flags: u8,
    attachments: bool,
}

const DAY: i64 = 86_400;
/// 2026-11-15 12:00 UTC.
const NOV_15: i64 = 1_794_744_000;

fn letter(subject: &'static str, body: &'static str, date: i64) -> Letter {
    Letter {
        subject,
        from: "Анна <anna@example.ru>",
        to: "ivan@example.ru",
        cc: "",
        body,
        date,
        flags: 0,
        attachments: false,
    }
}

fn record(letter: &Letter) -> MessageRecord {
    let (name, addr) = letter.from.split_once(" <").map_or(("", letter.from), |(n, a)| (n, a.trim_end_matches('>')));
    MessageRecord {
        subject: letter.subject.into(),
        from_name: name.into(),
        from_addr: addr.into(),
        to_addrs: letter.to.into(),
        cc_addrs: letter.cc.into(),
        date: Some(letter.date),
        flags: Flags { bits: letter.flags, keywords: Vec::new() },
        has_attachments: letter.attachments,
        body: Some(BodyRecord {
            raw: b"x".to_vec(),
            text: letter.body.into(),
            attachments: letter
                .attachments
                .then(|| AttachmentRecord { filename: "отчёт.pdf".into(), ..AttachmentRecord::default() })
                .into_iter()
                .collect(),
            ..BodyRecord::default()
        }),
        ..MessageRecord::default()
    }
}

/// A store with an account, its Local Folders and a second folder "Archive" (role archive).
fn store_with(dir: &tempfile::TempDir) -> (Store, FolderId, FolderId) {
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let account = store.ensure_account("ivan@example.ru", "local").unwrap();
    let inbox = store.ensure_local_folders(account).unwrap();
    let archive = store
        .write(|tx| {
            tx.execute(
                "INSERT INTO folders (account_id, path, raw_name, role) VALUES (?1, 'Archive', 'Archive', 'archive')",
                [account.0],
            )?;
            Ok(FolderId(tx.last_insert_rowid()))
        })
        .unwrap();
    (store, inbox, archive)
}

fn ids(store: &Store, query: &str) -> Vec<MessageId> {
    store.search_text(query, 100).unwrap().into_iter().map(|s| s.id).collect()
}

#[test]
fn word_forms_and_yo_find_the_letters_of_the_issue() {
    let dir = tempfile::tempdir().unwrap();
    let (store, inbox, _) = store_with(&dir);
    let found = store
        .upsert_messages(
            inbox,
            &[
                record(&letter("Квартальные отчёты", "", NOV_15)),
                record(&letter("Почта", "Мы получили много писем", NOV_15 + 1)),
                record(&letter("One report", "", NOV_15 + 2)),
                record(&letter("Договоры на подпись", "", NOV_15 + 3)),
            ],
        )
        .unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(ids(&store, "отчет"), [found[0]]);
    assert_eq!(ids(&store, "отчеты"), [found[0]]);
    assert_eq!(ids(&store, "ОТЧЁТОВ"), [found[0]]);
    assert_eq!(ids(&store, "письмо"), [found[1]]);
    assert_eq!(ids(&store, "reports"), [found[2]]);
    assert_eq!(ids(&store, "догов"), [found[3]], "a word being typed");
    assert_eq!(ids(&store, "договор"), [found[3]]);
    assert!(ids(&store, "…").is_empty());
}

#[test]
fn a_prefix_finds_every_word_it_begins_whether_named_or_left_to_fts5() {
    let dir = tempfile::tempdir().unwrap();
    let (store, inbox, _) = store_with(&dir);
    // 70 words that begin with "код" (words with digits are not stemmed): more than are named.
    let records: Vec<MessageRecord> =
        (0..70).map(|i| MessageRecord { subject: format!("код{i}"), ..record(&letter("", "", NOV_15 + i)) }).collect();
    let stored = store.upsert_messages(inbox, &records).unwrap();
    store.wait_for_search_index().unwrap();
    let newest_first = |found: Vec<usize>| -> Vec<MessageId> { found.into_iter().rev().map(|i| stored[i]).collect() };
    const { assert!(70 > super::MAX_COMPLETIONS) };

    let expression = |typed: &str| {
        let query = crate::engine::search::Query::parse(typed).unwrap();
        store.read(|conn| super::vocabulary_expression(conn, &query)).unwrap()
    };
    assert_eq!(expression("код"), "\"код\"*", "too many words to name: FTS5's prefix query");
    let named = expression("subject:код1");
    assert!(named.starts_with("subject : (\"код1\" OR \"код10\" OR ") && !named.contains('*'), "{named}");
    let nothing = expression("нигде");
    assert!(nothing.contains("\"нигде\"*"), "no word begins it, nothing to name: {nothing}");

    assert_eq!(ids(&store, "код"), newest_first((0..70).collect()));
    assert_eq!(ids(&store, "код1"), newest_first([1].into_iter().chain(10..20).collect()));
    assert_eq!(ids(&store, "subject:код6 код69"), newest_first(vec![69]));
    assert_eq!(ids(&store, "КОД42"), newest_first(vec![42]));
    assert!(ids(&store, "код70").is_empty());
}

#[test]
fn newest_first_and_only_as_many_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (store, inbox, _) = store_with(&dir);
    // Dates out of the order of insertion (ids).
    let dates = [5, 1, 9, 3, 7, 2, 8, 0, 6, 4];
    let records: Vec<MessageRecord> =
        dates.iter().map(|day| record(&letter("отчёт", "", NOV_15 + day * DAY))).collect();
    let stored = store.upsert_messages(inbox, &records).unwrap();
    store.wait_for_search_index().unwrap();
    let found = store.search_text("отчеты", 3).unwrap();
    let days: Vec<i64> = found.iter().map(|s| (s.date.unwrap() - NOV_15) / DAY).collect();
    assert_eq!(days, [9, 8, 7]);
    assert_eq!(found[0].id, stored[2]);
    assert_eq!(store.search_text("отчеты", 100).unwrap().len(), 10);
}

#[test]
fn fields_filters_and_phrases_find_exactly_their_letters() {
    let dir = tempfile::tempdir().unwrap();
    let (store, inbox, archive) = store_with(&dir);
    let plan = Letter {
        subject: "План продаж",
        from: "Пётр <petr@example.ru>",
        to: "anna@example.ru",
        cc: "boss@example.ru",
        body: "квартальный отчёт во вложении",
        date: NOV_15,
        flags: Flags::SEEN | Flags::FLAGGED,
        attachments: true,
    };
    let reply = Letter {
        subject: "Re: План продаж",
        body: "отчёт квартальный получил",
        flags: Flags::SEEN | Flags::ANSWERED,
        date: NOV_15 + DAY,
        ..letter("", "", 0)
    };
    let old =
        Letter { subject: "Meeting notes", body: "the quarterly report", date: NOV_15 - 40 * DAY, ..letter("", "", 0) };
    let inboxed = store.upsert_messages(inbox, &[record(&plan), record(&reply)]).unwrap();
    let archived = store.upsert_messages(archive, &[record(&old)]).unwrap();
    store.wait_for_search_index().unwrap();
    let (plan, reply, old) = (inboxed[0], inboxed[1], archived[0]);

    let cases: &[(&str, &[MessageId])] = &[
        ("from:petr", &[plan]),
        ("от:пётр", &[plan]),
        ("from:petr@example.ru", &[plan]),
        ("from:anna", &[reply, old]),
        ("to:anna", &[plan]),
        ("кому:ivan", &[reply, old]),
        ("cc:boss", &[plan]),
        ("копия:boss", &[plan]),
        ("subject:план", &[reply, plan]),
        ("тема:отчёт", &[]),
        ("body:отчёт", &[reply, plan]),
        ("текст:продаж", &[]),
        ("folder:archive", &[old]),
        ("папка:архив report", &[old]),
        ("folder:nowhere", &[]),
        ("account:example.ru отчёт", &[reply, plan]),
        ("account:mail.ru отчёт", &[]),
        ("has:attachment", &[plan]),
        ("есть:вложение отчет", &[plan]),
        ("is:unread", &[old]),
        ("is:flagged", &[plan]),
        ("is:answered", &[reply]),
        ("это:отвеченное план", &[reply]),
        ("after:2026-11-01", &[reply, plan]),
        ("before:2026-11", &[old]),
        ("после:16.11.2026", &[reply]),
        ("before:11/2026 report", &[old]),
        ("\"квартальный отчёт\"", &[plan]),
        ("\"отчёт квартальный\"", &[reply]),
        ("тема:\"план продаж\"", &[reply, plan]),
        ("\"quarterly report\"", &[old]),
        ("\"report quarterly\"", &[]),
        ("colour:blue", &[]),
        ("meeting:notes", &[old]),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&store, query), *expected, "{query}");
    }
}

#[test]
fn an_index_of_format_1_keeps_answering_until_the_new_one_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let stored = {
        let (store, inbox, _) = store_with(&dir);
        let stored =
            store.upsert_messages(inbox, &[record(&letter("Квартальный отчёт", "цифры внутри", NOV_15))]).unwrap();
        store.wait_for_search_index().unwrap();
        store.checkpoint_wal();
        stored
    };
    // Format 1: raw words through `unicode61`, rows keyed by message id, and an index
    // that has everything queued so far.
    let index = search_index::index_path(&path);
    search_index::remove_index_files(&index);
    {
        let cache = rusqlite::Connection::open(&path).unwrap();
        let upto: i64 = cache.query_row("SELECT coalesce(max(seq), 0) FROM search_queue", [], |r| r.get(0)).unwrap();
        let old = rusqlite::Connection::open(&index).unwrap();
        old.execute_batch(
            "CREATE VIRTUAL TABLE message_search USING fts5 (
                subject, sender, recipients, body,
                content = '', contentless_delete = 1, detail = column,
                tokenize = 'unicode61 remove_diacritics 2');
             CREATE TABLE indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL);",
        )
        .unwrap();
        old.execute(
            "INSERT INTO message_search (rowid, subject, sender, recipients, body)
             VALUES (?1, 'Квартальный отчёт', 'Анна anna@example.ru', 'ivan@example.ru', 'цифры внутри')",
            [stored[0].0],
        )
        .unwrap();
        old.execute("INSERT INTO indexed (id, upto) VALUES (1, ?1)", [upto]).unwrap();
    }
    let previous = search_index::previous_index_path(&path);

    // The indexer is held, so the store is seen mid-rebuild: the older index answers.
    let pause = search_index::PAUSE.lock().unwrap_or_else(|p| p.into_inner());
    let store = Store::open(&path).unwrap();
    assert!(previous.exists(), "the older index is set aside, not deleted");
    let rebuild = store.search_index_rebuild();
    assert!(matches!(rebuild, Some((0, total)) if total >= 1), "{rebuild:?}");
    assert_eq!(ids(&store, "цифры"), stored, "answered by the older index");
    assert_eq!(ids(&store, "квартальн"), stored);
    drop(pause);

    store.wait_for_search_index().unwrap();
    assert_eq!(store.search_index_rebuild(), None, "done");
    assert!(!previous.exists(), "the older index is removed once the new one is built");
    assert_eq!(ids(&store, "отчеты"), stored, "the new format answers with word forms");
    let format: i64 =
        rusqlite::Connection::open(&index).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(format, search_index::FORMAT);
    let messages: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?)).unwrap();
    assert_eq!(messages, 1, "no mail touched");
}

#[test]
fn an_index_of_format_2_keeps_answering_until_the_vocabulary_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let stored = {
        let (store, inbox, _) = store_with(&dir);
        let stored =
            store.upsert_messages(inbox, &[record(&letter("Квартальные отчёты", "цифры внутри", NOV_15))]).unwrap();
        store.wait_for_search_index().unwrap();
        store.checkpoint_wal();
        stored
    };
    // Format 2 is format 3 without the vocabulary.
    let index = search_index::index_path(&path);
    {
        let old = rusqlite::Connection::open(&index).unwrap();
        old.execute_batch("DROP TABLE terms; PRAGMA user_version = 2;").unwrap();
    }
    let previous = search_index::previous_index_path(&path);

    let pause = search_index::PAUSE.lock().unwrap_or_else(|p| p.into_inner());
    let store = Store::open(&path).unwrap();
    assert!(previous.exists(), "the older index is set aside, not deleted");
    assert!(store.search_index_rebuild().is_some());
    assert_eq!(ids(&store, "отчетов"), stored, "answered by the older index, with word forms");
    assert_eq!(ids(&store, "квартальн"), stored, "and prefixes");
    assert_eq!(ids(&store, "subject:цифры"), [], "and fields");
    drop(pause);

    store.wait_for_search_index().unwrap();
    assert_eq!(store.search_index_rebuild(), None, "done");
    assert!(!previous.exists(), "the older index is removed once the new one is built");
    assert_eq!(ids(&store, "квартальн"), stored, "the new format names the words a prefix begins");
    assert_eq!(ids(&store, "отчетов цифр"), stored);
    let format: i64 =
        rusqlite::Connection::open(&index).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(format, search_index::FORMAT);
    let messages: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?)).unwrap();
    assert_eq!(messages, 1, "no mail touched");
}

#[test]
fn searching_writes_nothing_to_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let stored = {
        let (store, inbox, _) = store_with(&dir);
        let stored = store.upsert_messages(inbox, &[record(&letter("Квартальный отчёт", "", NOV_15))]).unwrap();
        store.wait_for_search_index().unwrap();
        store.checkpoint_wal();
        stored
    };
    let index = search_index::index_path(&path);
    let written = || std::fs::metadata(&index).unwrap().modified().unwrap();
    let before = (std::fs::read(&index).unwrap(), written());
    // What `pochta search` does: open, wait for the index, search, leave.
    let store = Store::open(&path).unwrap();
    store.wait_for_search_index().unwrap();
    assert_eq!(ids(&store, "отчеты"), stored);
    store.checkpoint_wal();
    drop(store);
    assert!((std::fs::read(&index).unwrap(), written()) == before, "the index file is as it was, never written");
}
