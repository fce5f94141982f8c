//! The engine's seam with the window, against the real Dovecot: a refused password stops the
//! background actor until the user acts (Dovecot's log counts the logins), and what the user does
//! reaches the server within two seconds while the actor sits in IDLE, on the one session that
//! the pass, its IDLE and the next pass share.

mod common;
mod support;

use common::imap::{add_imap_account, engine_online};
use common::{Profile, account_add_args, wait_for};
use pochta::config::Paths;
use pochta::engine::api::{Attention, Connectivity, EngineHandle, Event, FlagChange};
use pochta::model::Flag;
use std::time::{Duration, Instant};
use support::{MailStack, TestUser};

/// Failed logins of `user` in Dovecot's log after byte `from` (the pool's users are reused).
fn failed_logins(stack: &MailStack, user: &TestUser, from: usize) -> usize {
    let log = std::fs::read(stack.dir.join("log/dovecot.log")).unwrap_or_default();
    let text = String::from_utf8_lossy(log.get(from..).unwrap_or_default()).into_owned();
    let who = format!("user=<{}>", user.login);
    text.lines()
        .filter(|line| line.contains(&who))
        .filter_map(|line| line.split("auth failed, ").nth(1))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum()
}

/// Successful IMAP logins of `user` in Dovecot's log after byte `from`.
fn logins(stack: &MailStack, user: &TestUser, from: usize) -> usize {
    let log = std::fs::read(stack.dir.join("log/dovecot.log")).unwrap_or_default();
    let who = format!("imap-login: Info: Login: user=<{}>,", user.login);
    String::from_utf8_lossy(log.get(from..).unwrap_or_default()).lines().filter(|l| l.contains(&who)).count()
}

fn log_size(stack: &MailStack) -> usize {
    std::fs::metadata(stack.dir.join("log/dovecot.log")).map(|m| m.len() as usize).unwrap_or(0)
}

fn needs_password(event: &Event) -> bool {
    matches!(
        event,
        Event::Connectivity { state: Connectivity::NeedsAttention { action: Attention::ReenterPassword, .. }, .. }
    )
}

#[test]
fn a_refused_password_logs_in_once_per_user_action_and_a_fixed_one_resumes() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let password_file = profile.path().join("password-for-test");
    std::fs::write(&password_file, "not-the-password\n").unwrap();
    let command = format!("cat '{}'", password_file.display());
    profile.add_account(&account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &["--password-command", &command],
    ));
    let start = log_size(stack);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    // Ten milliseconds, doubling: without the stop, three seconds would be eight more logins.
    engine.set_first_retry(Duration::from_millis(10));
    let mut events = engine.subscribe();
    engine.start_background_sync().unwrap();
    wait_for(&mut events, "needs attention", needs_password);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(failed_logins(stack, &user, start), 1, "one login, then the actor waits for the user");

    // "Get mail" is the user's word: exactly one more attempt.
    engine.sync_now();
    wait_for(&mut events, "needs attention again", needs_password);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(failed_logins(stack, &user, start), 2, "one attempt per user action");

    // The password is fixed: the next word from the user brings the account back.
    std::fs::write(&password_file, format!("{}\n", user.password)).unwrap();
    engine.sync_now();
    wait_for(&mut events, "online", |e| matches!(e, Event::Connectivity { state: Connectivity::Online, .. }));
    assert_eq!(failed_logins(stack, &user, start), 2);
}

/// Polls `check` every 50 ms for up to `limit`; how long it took.
fn within(limit: Duration, what: &str, check: impl Fn() -> bool) -> Duration {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < limit, "{what} not seen on the server within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    started.elapsed()
}

#[test]
fn a_flag_and_a_move_reach_the_server_within_two_seconds_while_idling_on_the_passs_own_login() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 10, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let start = log_size(stack);
    let (engine, _) = engine_online(&profile);
    // Let the actor enter IDLE (its poll interval is minutes away).
    std::thread::sleep(Duration::from_millis(500));

    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), None).unwrap();
    let trash = engine.find_folder(engine.account_by_address(&user.email).unwrap(), Some("Trash")).unwrap();
    let rows = engine.messages(inbox, 0, 10).unwrap();
    let (flag_me, move_me) = (rows[0].clone(), rows[1].clone());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(engine.flag_messages(vec![flag_me.id], FlagChange { flag: Flag::Flagged, on: true })).unwrap();
    let uid = flag_me.uid.unwrap().0.to_string();
    let flagged = || {
        stack.doveadm(&["search", "-u", &user.login, "mailbox", "INBOX", "uid", &uid, "FLAGGED"]).lines().count() == 1
    };
    let took = within(Duration::from_secs(2), "the flag", flagged);
    eprintln!("flag on the server after {took:?}");

    let subject = move_me.subject.clone();
    runtime.block_on(engine.move_messages(vec![move_me.id], trash)).unwrap();
    let moved = || {
        stack.doveadm(&["search", "-u", &user.login, "mailbox", "Trash", "HEADER", "Subject", &subject]).lines().count()
            == 1
    };
    let took = within(Duration::from_secs(2), "the move", moved);
    eprintln!("move on the server after {took:?}");
    // The first pass, its IDLE and the two woken passes: one session (DONE, replay, IDLE again).
    assert_eq!(logins(stack, &user, start), 1, "IDLE and the passes it woke reused the first login");
}

#[test]
fn undo_of_a_move_that_reached_the_server_brings_the_message_back_there() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 5, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let (engine, _) = engine_online(&profile);

    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), None).unwrap();
    let trash = engine.find_folder(engine.account_by_address(&user.email).unwrap(), Some("Trash")).unwrap();
    let message = engine.messages(inbox, 0, 1).unwrap().remove(0);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let undo = runtime.block_on(engine.move_messages(vec![message.id], trash)).unwrap();
    assert_eq!(undo.count, 1);
    let in_trash = || stack.doveadm(&["search", "-u", &user.login, "mailbox", "Trash", "ALL"]).lines().count() == 1;
    within(Duration::from_secs(5), "the move", in_trash);

    let undone = runtime.block_on(engine.undo(undo)).unwrap();
    assert_eq!((undone.reverted, undone.impossible), (1, 0));
    assert_eq!(engine.messages(inbox, 0, 10).unwrap().len(), 5, "back in INBOX at once");
    let back = || stack.doveadm(&["search", "-u", &user.login, "mailbox", "INBOX", "ALL"]).lines().count() == 5;
    within(Duration::from_secs(5), "the move back", back);
    assert!(!in_trash());
}
