//! Servers that are not Dovecot in its defaults: what other IMAP servers leave out or do
//! differently, each against a real Dovecot made to behave that way.
//!
//! - Optional answers left out (Courier-IMAP's SELECT has no `[UIDNEXT]`; no CONDSTORE, QRESYNC,
//!   MOVE or SPECIAL-USE): the harness's Dovecot behind the fault proxy, which takes those codes
//!   and capabilities out of its answers (Dovecot cannot be configured to omit UIDNEXT).
//! - The `INBOX.` personal namespace with `.` as delimiter, `\Noselect` parents, no CONDSTORE,
//!   and LOGINDISABLED on plaintext: a second Dovecot configured that way
//!   (tests/mailstack/start-quirks.sh), the same users, mail kept apart from the main stack's.

mod common;
mod support;

use common::imap::{add_imap_account_with, assert_mirrors, sync};
use common::proxy::{Faults, Proxy};
use common::{Profile, describe};

/// What Courier-IMAP leaves out, taken out of Dovecot's answers. Same-length replacements: a
/// literal (a message body) that happened to contain one keeps its declared size.
fn courier_like() -> Faults {
    let rename = |from: &str, to: &str| {
        assert_eq!(from.len(), to.len());
        (from.as_bytes().to_vec(), to.as_bytes().to_vec())
    };
    Faults {
        rewrite: vec![
            rename("[UIDNEXT ", "UIDNEXT: "),
            rename("[HIGHESTMODSEQ ", "HIGHESTMODSEQ: "),
            rename("[PERMANENTFLAGS ", "PERMANENTFLAGS: "),
            rename(" CONDSTORE", " XCONDSTOR"),
            rename(" QRESYNC", " XQRESYN"),
            rename(" MOVE", " XMOV"),
            rename(" SPECIAL-USE", " XSPECIALUSE"),
        ],
        ..Faults::default()
    }
}

#[test]
fn a_server_without_uidnext_or_condstore_converges_after_server_side_changes() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    // More than one first-sync screen (500): flag changes on the oldest messages must arrive too.
    stack.populate(&user, 620, &["--no-folders"]);
    let proxy = Proxy::start(stack.imap_port);
    proxy.set(courier_like());
    let profile = Profile::new();
    add_imap_account_with(&profile, stack, &user, proxy.port, "none");
    let first = sync(&profile, &user.email);
    assert_eq!(first["messages_fetched"], 620, "{first}");
    assert_mirrors(&profile, stack, &user);

    // Another client changes flags on the oldest and newest messages, expunges some, and new
    // mail arrives.
    stack.doveadm(&["flags", "add", "-u", &user.login, "\\Flagged", "mailbox", "INBOX", "uid", "1:3"]);
    stack.doveadm(&["flags", "remove", "-u", &user.login, "\\Seen", "mailbox", "INBOX", "uid", "4:6"]);
    stack.doveadm(&["flags", "add", "-u", &user.login, "\\Answered", "mailbox", "INBOX", "uid", "615"]);
    stack.doveadm(&["expunge", "-u", &user.login, "mailbox", "INBOX", "uid", "7,8,600"]);
    stack.deliver(
        &user,
        b"From: a@example.test\r\nSubject: new one\r\nMessage-ID: <new1@example.test>\r\n\r\nhello\r\n",
    );

    let second = sync(&profile, &user.email);
    assert_eq!(second["messages_fetched"], 1, "only the new message is fetched: {second}");
    assert_mirrors(&profile, stack, &user);

    let third = sync(&profile, &user.email);
    assert_eq!(third["messages_fetched"], 0, "a pass with no changes fetches nothing: {third}");
    let removed: u64 = third["folders"].as_array().unwrap().iter().map(|f| f["removed"].as_u64().unwrap()).sum();
    assert_eq!(removed, 0, "{third}");
    assert_mirrors(&profile, stack, &user);
    let said = describe(&profile.run(&["folders", "--account", &user.email]));
    assert!(said.contains("INBOX"), "{said}");
}
