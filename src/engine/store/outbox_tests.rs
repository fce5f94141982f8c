//! The outbox's life cycle in the store: leases against double sends, backoff, refusals that
//! wait for the person, cancel and edit only when nobody is sending.

use super::*;
use crate::model::OutboxId;

fn store_with_letter() -> (tempfile::TempDir, Store, OutboxId) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let account = store.ensure_account("alice@example.org", "imap").unwrap();
    let id = store
        .queue_outgoing(
            account,
            "m1@example.org",
            b"Subject: x\r\n\r\nbody",
            "alice@example.org",
            &["b@example.org".into()],
        )
        .unwrap();
    (dir, store, id)
}

#[test]
fn a_leased_letter_is_not_taken_twice_until_the_lease_ends() {
    let (_dir, store, id) = store_with_letter();
    let now = now_unix();
    assert_eq!(store.due_outgoing(None, now).unwrap(), [id]);
    let entry = store.claim_outgoing(id, now, now + 600).unwrap().unwrap();
    assert_eq!(entry.state, OutboxState::Sending);
    assert_eq!(entry.recipients, ["b@example.org"]);
    assert!(store.claim_outgoing(id, now + 100, now + 700).unwrap().is_none(), "another sender waits");
    assert!(store.take_outgoing(id).unwrap().is_none(), "no cancel while it is being sent");
    // The first sender died: after its lease the letter is taken again.
    assert!(store.claim_outgoing(id, now + 601, now + 1200).unwrap().is_some());
}

#[test]
fn failures_retry_later_or_wait_for_the_person() {
    let (_dir, store, id) = store_with_letter();
    store.claim_outgoing(id, 100, 700).unwrap();
    store.outgoing_failed(id, "offline", Some(160)).unwrap();
    assert!(store.due_outgoing(None, 150).unwrap().is_empty());
    assert_eq!(store.due_outgoing(None, 160).unwrap(), [id]);
    store.claim_outgoing(id, 160, 760).unwrap();
    store.outgoing_failed(id, "user unknown", None).unwrap();
    let entry = store.outbox_entry(id).unwrap().unwrap();
    assert_eq!((entry.state, entry.attempts), (OutboxState::Failed, 2));
    assert_eq!(entry.last_error.as_deref(), Some("user unknown"));
    assert!(store.due_outgoing(None, i64::MAX).unwrap().is_empty(), "refused letters wait");
    assert!(store.retry_outgoing(id).unwrap());
    assert_eq!(store.due_outgoing(None, 0).unwrap(), [id]);
}

#[test]
fn sent_letters_leave_only_after_filing_and_cancel_gives_the_bytes_back() {
    let (_dir, store, id) = store_with_letter();
    store.claim_outgoing(id, 100, 700).unwrap();
    store.outgoing_sent(id).unwrap();
    assert!(store.outbox_entries(None).unwrap().is_empty(), "sent letters are not listed");
    assert_eq!(store.sent_but_unfiled().unwrap().len(), 1);
    store.remove_outgoing(id).unwrap();
    assert!(store.outbox_entry(id).unwrap().is_none());

    let (_dir, store, id) = store_with_letter();
    assert_eq!(store.take_outgoing(id).unwrap().unwrap(), b"Subject: x\r\n\r\nbody");
    assert!(store.outbox_entry(id).unwrap().is_none());
}
