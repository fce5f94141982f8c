//! Push: with the background actor running, new mail and another client's flag changes reach
//! the cache through IDLE alone (the poll interval is five minutes, far beyond the test's wait).

mod common;
mod support;

use common::imap::{add_imap_account, assert_mirrors, engine_online};
use common::{Profile, wait_for};
use pochta::engine::api::Event;
use std::time::Duration;

#[test]
fn new_mail_and_flag_changes_arrive_by_idle() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 20, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let (engine, mut events) = engine_online(&profile);
    // Let the actor enter IDLE.
    std::thread::sleep(Duration::from_millis(500));

    stack.deliver(&user, b"From: Bob <bob@example.test>\r\nTo: x@example.test\r\nSubject: pushed\r\n\r\nhello\r\n");
    wait_for(&mut events, "new mail", |e| matches!(e, Event::NewMail { count: 1, .. }));

    std::thread::sleep(Duration::from_millis(500));
    stack.doveadm(&["flags", "add", "-u", &user.login, "\\Flagged", "mailbox", "INBOX", "uid", "1:3"]);
    wait_for(&mut events, "a pass after the flag change", |e| matches!(e, Event::FoldersChanged { .. }));
    drop(engine);
    assert_mirrors(&profile, stack, &user);
}
