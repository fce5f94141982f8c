//! Batches and their undo: one transaction for many messages; a change still queued is
//! cancelled, one that reached the server is reversed, one cancelled while on the wire is
//! reversed when the server's answer arrives.

use super::*;
use crate::model::{AccountId, Flags, FolderId, MessageId, Uid};

struct Mailbox {
    _dir: tempfile::TempDir,
    store: Store,
    account: AccountId,
    inbox: FolderId,
    trash: FolderId,
    ids: Vec<MessageId>,
}

fn mailbox(count: u32) -> Mailbox {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let account = store.ensure_account("ivan@example.test", "imap").unwrap();
    let inbox = store.create_folder_row(account, "INBOX", Some("/")).unwrap();
    let trash = store.create_folder_row(account, "Trash", Some("/")).unwrap();
    let records: Vec<MessageRecord> = (1..=count)
        .map(|n| MessageRecord { uid: Some(Uid(n)), subject: format!("letter {n}"), ..MessageRecord::default() })
        .collect();
    let ids = store.upsert_messages(inbox, &records).unwrap();
    Mailbox { _dir: dir, store, account, inbox, trash, ids }
}

fn seen(before: &Flags) -> Flags {
    let mut flags = before.clone();
    flags.set(Flags::SEEN, true);
    flags
}

impl Mailbox {
    fn mark_read(&self) -> Vec<Revert> {
        let changes: Vec<Change> = self
            .ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let operation = Operation::SetFlags {
                    message: *id,
                    folder: self.inbox,
                    uid: Uid(n as u32 + 1),
                    before: Flags::default(),
                    flags: seen(&Flags::default()),
                };
                Change::Queue(self.account, operation)
            })
            .collect();
        self.store.apply_changes(&changes).unwrap()
    }

    fn flags(&self, id: MessageId) -> Flags {
        self.store.message_location(id).unwrap().unwrap().3
    }
}

#[test]
fn a_thousand_messages_marked_read_are_one_batch_and_undo_cancels_it_while_queued() {
    let mailbox = mailbox(1000);
    let reverts = mailbox.mark_read();
    assert_eq!(reverts.len(), 1000);
    assert!(mailbox.ids.iter().all(|id| mailbox.flags(*id).has(Flags::SEEN)));
    assert_eq!(mailbox.store.pending_count(None).unwrap(), 1000);

    let done = mailbox.store.revert_changes(&reverts).unwrap();
    assert_eq!((done.reverted, done.impossible), (1000, 0));
    assert!(mailbox.ids.iter().all(|id| !mailbox.flags(*id).has(Flags::SEEN)), "unread again");
    assert_eq!(mailbox.store.pending_count(None).unwrap(), 0, "nothing left for the server");
}

#[test]
fn undo_after_the_server_did_it_queues_the_reverse() {
    let mailbox = mailbox(2);
    let reverts = mailbox.mark_read();
    for op in mailbox.store.pending_operations(mailbox.account).unwrap() {
        mailbox.store.complete_operation(&op, None).unwrap();
    }
    mailbox.store.revert_changes(&reverts).unwrap();
    let queued = mailbox.store.pending_operations(mailbox.account).unwrap();
    assert_eq!(queued.len(), 2, "one reverse per message");
    for op in &queued {
        let Operation::SetFlags { before, flags, .. } = &op.operation else { panic!("{op:?}") };
        assert!(before.has(Flags::SEEN) && !flags.has(Flags::SEEN));
    }
    assert!(!mailbox.flags(mailbox.ids[0]).has(Flags::SEEN));
}

#[test]
fn a_move_undone_after_the_server_moved_it_goes_back_from_where_the_server_put_it() {
    let mailbox = mailbox(1);
    let id = mailbox.ids[0];
    let operation = Operation::Move { message: id, from: mailbox.inbox, uid: Uid(1), to: mailbox.trash };
    let reverts = mailbox.store.apply_changes(&[Change::Queue(mailbox.account, operation)]).unwrap();
    let op = mailbox.store.pending_operations(mailbox.account).unwrap().remove(0);
    mailbox.store.complete_operation(&op, Some(Uid(77))).unwrap();

    mailbox.store.revert_changes(&reverts).unwrap();
    let back = mailbox.store.pending_operations(mailbox.account).unwrap().remove(0);
    let expected = Operation::Move { message: id, from: mailbox.trash, uid: Uid(77), to: mailbox.inbox };
    assert_eq!(back.operation, expected);
    assert_eq!(mailbox.store.message_location(id).unwrap().unwrap().1, mailbox.inbox, "shown in INBOX at once");
}

#[test]
fn a_move_cancelled_while_on_the_wire_is_reversed_when_the_server_answers() {
    let mailbox = mailbox(1);
    let id = mailbox.ids[0];
    let operation = Operation::Move { message: id, from: mailbox.inbox, uid: Uid(1), to: mailbox.trash };
    let reverts = mailbox.store.apply_changes(&[Change::Queue(mailbox.account, operation)]).unwrap();
    // The replay has read the operation and sent it; the user undoes before the answer.
    let on_the_wire = mailbox.store.pending_operations(mailbox.account).unwrap().remove(0);
    mailbox.store.revert_changes(&reverts).unwrap();
    assert_eq!(mailbox.store.pending_count(None).unwrap(), 0);

    mailbox.store.complete_operation(&on_the_wire, Some(Uid(9))).unwrap();
    let back = mailbox.store.pending_operations(mailbox.account).unwrap().remove(0);
    let expected = Operation::Move { message: id, from: mailbox.trash, uid: Uid(9), to: mailbox.inbox };
    assert_eq!(back.operation, expected, "the server is brought back to what the user sees");
    assert_eq!(mailbox.store.message_location(id).unwrap().unwrap().1, mailbox.inbox);
}

#[test]
fn a_copy_is_one_change_with_its_placeholder_and_undo_removes_both() {
    let mailbox = mailbox(1);
    let change = Change::Copy {
        account: mailbox.account,
        message: mailbox.ids[0],
        from: mailbox.inbox,
        uid: Uid(1),
        to: mailbox.trash,
    };
    let reverts = mailbox.store.apply_changes(&[change]).unwrap();
    assert_eq!(mailbox.store.list_len(crate::model::ListScope::Folder(mailbox.trash), Default::default()).unwrap(), 1);
    mailbox.store.revert_changes(&reverts).unwrap();
    assert_eq!(mailbox.store.list_len(crate::model::ListScope::Folder(mailbox.trash), Default::default()).unwrap(), 0);
    assert_eq!(mailbox.store.pending_count(None).unwrap(), 0);
}

/// The folder's kept counts against counting its rows.
fn recount(store: &Store, folder: FolderId) -> (u64, u64) {
    store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*), coalesce(sum((flags & 1) = 0), 0) FROM messages WHERE folder_id = ?1 AND (flags & 8) = 0",
                [folder.0],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
            )?)
        })
        .unwrap()
}

fn kept(store: &Store, account: AccountId, folder: FolderId) -> (u64, u64) {
    let counts = store.folder_counts(account).unwrap().into_iter().find(|c| c.folder.id == folder).unwrap();
    (counts.total, counts.unread)
}

#[test]
fn folder_counts_are_kept_through_every_change_and_match_a_recount() {
    let mailbox = mailbox(10);
    let check = |what: &str| {
        for folder in [mailbox.inbox, mailbox.trash] {
            assert_eq!(kept(&mailbox.store, mailbox.account, folder), recount(&mailbox.store, folder), "{what}");
        }
    };
    check("after the first inserts");
    assert_eq!(kept(&mailbox.store, mailbox.account, mailbox.inbox), (10, 10));
    let reverts = mailbox.mark_read();
    check("marked read");
    assert_eq!(kept(&mailbox.store, mailbox.account, mailbox.inbox), (10, 0));
    mailbox.store.revert_changes(&reverts).unwrap();
    check("undone");
    let moves: Vec<Change> = mailbox.ids[..3]
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let operation =
                Operation::Move { message: *id, from: mailbox.inbox, uid: Uid(n as u32 + 1), to: mailbox.trash };
            Change::Queue(mailbox.account, operation)
        })
        .collect();
    mailbox.store.apply_changes(&moves).unwrap();
    check("moved");
    assert_eq!(kept(&mailbox.store, mailbox.account, mailbox.trash), (3, 3));
    let expunge = Operation::Expunge { message: mailbox.ids[5], folder: mailbox.inbox, uid: Uid(6) };
    mailbox.store.apply_changes(&[Change::Queue(mailbox.account, expunge)]).unwrap();
    check("hidden as \\Deleted");
    let copy = Change::Copy {
        account: mailbox.account,
        message: mailbox.ids[6],
        from: mailbox.inbox,
        uid: Uid(7),
        to: mailbox.trash,
    };
    mailbox.store.apply_changes(&[copy]).unwrap();
    check("copied");
    for op in mailbox.store.pending_operations(mailbox.account).unwrap() {
        mailbox.store.complete_operation(&op, None).unwrap();
    }
    check("the server did it all (rows removed or settled)");
    mailbox
        .store
        .upsert_messages(mailbox.inbox, &[MessageRecord { uid: Some(Uid(99)), ..MessageRecord::default() }])
        .unwrap();
    check("new mail");
}
