//! POP3 in the background: the account's actor downloads at once, reports new mail, and polls
//! (POP3 has no push); "sync now" brings mail that arrived since, without waiting for the poll.

mod common;
mod support;

use common::pop3::{add_pop3_account, server_count};
use common::{Profile, wait_for};
use pochta::config::Paths;
use pochta::engine::api::{EngineHandle, Event};

#[test]
fn the_background_actor_downloads_pop3_mail_and_syncs_on_request() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    for n in 0..3 {
        stack.deliver(&user, format!("From: a@example.test\r\nSubject: early {n}\r\n\r\nx\r\n").as_bytes());
    }
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let mut events = engine.subscribe();
    engine.start_background_sync().unwrap();
    wait_for(&mut events, "the first download", |e| matches!(e, Event::NewMail { count: 3, .. }));
    assert_eq!(server_count(stack, &user), 0);

    stack.deliver(&user, b"From: a@example.test\r\nSubject: later\r\n\r\nx\r\n");
    engine.sync_now();
    wait_for(&mut events, "the requested pass", |e| matches!(e, Event::NewMail { count: 1, .. }));
    assert_eq!(server_count(stack, &user), 0);
    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), None).unwrap();
    assert_eq!(engine.messages(inbox, 0, 10).unwrap().len(), 4);
}
