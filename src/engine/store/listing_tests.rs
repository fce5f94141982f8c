//! List pages: every order the list offers, conversations collapsed, and the query plans that
//! keep them fast on a large folder.

use super::super::{MessageRecord, Store};
use crate::model::{FolderId, ListOrder, ListScope, SortKey, Uid};

fn store_with_inbox() -> (tempfile::TempDir, Store, FolderId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let account = store.ensure_account("a@example.test", "local").unwrap();
    let inbox = store.ensure_local_folders(account).unwrap();
    (dir, store, inbox)
}

fn letter(uid: u32, from: &str, subject: &str, date: i64) -> MessageRecord {
    MessageRecord {
        uid: Some(Uid(uid)),
        message_id: Some(format!("m{uid}@example.test")),
        from_name: from.into(),
        from_addr: format!("{}@example.test", from.to_lowercase()),
        subject: subject.into(),
        date: Some(date),
        ..MessageRecord::default()
    }
}

fn reply(uid: u32, to: u32, references: &str, date: i64) -> MessageRecord {
    MessageRecord {
        in_reply_to: Some(format!("m{to}@example.test")),
        references: references.into(),
        ..letter(uid, "Replier", "Re: thread", date)
    }
}

fn subjects(store: &Store, scope: ListScope, order: ListOrder) -> Vec<String> {
    store.list_page(scope, order, 0, 100).unwrap().into_iter().map(|m| m.subject).collect()
}

#[test]
fn a_folder_sorts_by_date_sender_and_subject_both_ways() {
    let (_dir, store, inbox) = store_with_inbox();
    store
        .upsert_messages(
            inbox,
            &[letter(1, "Boris", "b middle", 200), letter(2, "anna", "C last", 100), letter(3, "", "a first", 300)],
        )
        .unwrap();
    let scope = ListScope::Folder(inbox);
    let by = |key, descending| ListOrder { key, descending, threads: false };
    assert_eq!(subjects(&store, scope, by(SortKey::Date, true)), ["a first", "b middle", "C last"]);
    assert_eq!(subjects(&store, scope, by(SortKey::Date, false)), ["C last", "b middle", "a first"]);
    // The sender as shown: "anna", "Boris", and the address "@example.test" of the nameless one.
    assert_eq!(subjects(&store, scope, by(SortKey::Sender, false)), ["a first", "C last", "b middle"]);
    assert_eq!(subjects(&store, scope, by(SortKey::Subject, false)), ["a first", "b middle", "C last"]);
    assert_eq!(subjects(&store, scope, by(SortKey::Subject, true)), ["C last", "b middle", "a first"]);
    assert_eq!(store.list_len(scope, by(SortKey::Subject, true)).unwrap(), 3);
}

#[test]
fn every_list_order_of_a_folder_walks_an_index_instead_of_sorting() {
    let (_dir, store, inbox) = store_with_inbox();
    for key in [SortKey::Date, SortKey::Sender, SortKey::Subject] {
        for (descending, threads) in [(true, false), (false, false), (true, true), (false, true)] {
            let order = ListOrder { key, descending, threads };
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT m.id FROM messages m WHERE m.folder_id = {}{} ORDER BY {}",
                inbox.0,
                if threads { format!(" AND {}", super::THREAD_HEAD) } else { String::new() },
                super::order_by(order)
            );
            let plan: Vec<String> = store
                .read(|conn| {
                    let mut stmt = conn.prepare(&sql)?;
                    let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
                    Ok(rows.collect::<Result<_, _>>()?)
                })
                .unwrap();
            let plan = plan.join("\n");
            assert!(!plan.contains("TEMP B-TREE"), "{order:?} sorts the folder:\n{plan}");
        }
    }
}

#[test]
fn a_conversation_is_one_row_with_its_count_even_when_a_reply_came_first() {
    let (_dir, store, inbox) = store_with_inbox();
    // The reply is stored before the message it answers (another folder synced first, say).
    store.upsert_messages(inbox, &[reply(2, 1, "m1@example.test", 200)]).unwrap();
    store.upsert_messages(inbox, &[letter(1, "Anna", "thread", 100), letter(9, "Other", "alone", 150)]).unwrap();
    // A reply to the reply names only its direct parent.
    store.upsert_messages(inbox, &[reply(3, 2, "", 300)]).unwrap();

    let scope = ListScope::Folder(inbox);
    let threads = ListOrder { threads: true, ..ListOrder::default() };
    let rows = store.list_page(scope, threads, 0, 10).unwrap();
    let shown: Vec<(&str, u32)> = rows.iter().map(|m| (m.subject.as_str(), m.thread_size)).collect();
    assert_eq!(shown, [("Re: thread", 3), ("alone", 1)], "the newest message stands for its conversation");
    assert_eq!(store.list_len(scope, threads).unwrap(), 2);
    assert_eq!(store.list_len(scope, ListOrder::default()).unwrap(), 4);

    let thread = rows[0].thread.expect("a thread id");
    let members = store.list_page(ListScope::Thread(inbox, thread), ListOrder::default(), 0, 10).unwrap();
    assert_eq!(members.len(), 3, "expanding shows the whole conversation");
}

#[test]
fn every_inbox_together_leaves_other_folders_out() {
    let (_dir, store, inbox) = store_with_inbox();
    let other_account = store.ensure_account("b@example.test", "local").unwrap();
    let other_inbox = store.ensure_local_folders(other_account).unwrap();
    let archive = store.create_local_folder(other_account, "Archive").unwrap();
    store.upsert_messages(inbox, &[letter(1, "A", "first inbox", 100)]).unwrap();
    store.upsert_messages(other_inbox, &[letter(1, "B", "second inbox", 200)]).unwrap();
    store.upsert_messages(archive, &[letter(2, "C", "archived", 300)]).unwrap();
    let all = ListScope::AllInboxes;
    assert_eq!(subjects(&store, all, ListOrder::default()), ["second inbox", "first inbox"]);
    assert_eq!(store.list_len(all, ListOrder::default()).unwrap(), 2);
}

#[test]
fn two_branches_merge_into_one_conversation_when_their_root_arrives() {
    let (_dir, store, inbox) = store_with_inbox();
    // Newest first, as a first sync fetches: each branch threads itself before the root is there.
    store.upsert_messages(inbox, &[reply(5, 3, "m1@example.test m3@example.test", 500)]).unwrap();
    store.upsert_messages(inbox, &[reply(4, 2, "m1@example.test m2@example.test", 400)]).unwrap();
    store.upsert_messages(inbox, &[reply(3, 1, "m1@example.test", 300)]).unwrap();
    store.upsert_messages(inbox, &[reply(2, 1, "m1@example.test", 200)]).unwrap();
    store.upsert_messages(inbox, &[letter(1, "Root", "thread", 100), letter(9, "Other", "alone", 50)]).unwrap();
    let threads = ListOrder { threads: true, ..ListOrder::default() };
    let rows = store.list_page(ListScope::Folder(inbox), threads, 0, 10).unwrap();
    let shown: Vec<u32> = rows.iter().map(|m| m.thread_size).collect();
    assert_eq!(shown, [5, 1], "one conversation of five and a message alone");
    assert_eq!(rows[1].thread, None, "a message linked to nothing has no thread to keep");
}
