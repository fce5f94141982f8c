//! Sending when the connection fails at the worst moment, against the harness's real Postfix
//! behind a TLS-terminating fault proxy: a letter whose final "." never reached the server is not
//! a refusal, is sent again by itself after a pause and arrives once, filed in Sent once; a reply
//! lost after the server took the letter is "may have been delivered", never "refused", and the
//! one possible duplicate keeps the Message-ID; a server that stalls during DATA makes neither
//! `pochta send` nor `pochta sync` wait past its deadline, and the letter arrives once after the
//! server recovers. Deadlines and the retry pause are shortened through `POCHTA_NET_TIMEOUT_SECS`
//! and `POCHTA_RETRY_PAUSE_SECS`.

mod common;
mod support;

use common::proxy::{At, Faults, Proxy};
use common::{Profile, account_add_args, describe, stderr};
use std::process::Output;
use std::time::{Duration, Instant};
use support::{MailStack, TestUser};

const TIMEOUT_SECS: &str = "2";
const RETRY_PAUSE_SECS: &str = "1";

/// `user` with IMAPS straight to Dovecot and SMTPS through a fresh TLS-terminating proxy.
fn sender(stack: &MailStack, user: &TestUser) -> (Proxy, Profile) {
    let proxy = Proxy::start_tls(stack.smtps_port, &stack.dir.join("tls"));
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        user,
        "imap",
        (stack.imaps_port, "ssl"),
        (proxy.port, "ssl"),
        true,
        &[],
    ));
    profile.ok(&["sync", "--account", &user.email]);
    (proxy, profile)
}

fn run(profile: &Profile, args: &[&str], stdin: Option<&str>) -> (Output, Duration) {
    use std::io::Write;
    use std::process::Stdio;
    let started = Instant::now();
    let mut child = profile
        .command(args)
        .env("POCHTA_NET_TIMEOUT_SECS", TIMEOUT_SECS)
        .env("POCHTA_RETRY_PAUSE_SECS", RETRY_PAUSE_SECS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    (output, started.elapsed())
}

/// Sends a letter to `to`; gives its Message-ID and how the command ended.
fn send(profile: &Profile, from: &TestUser, to: &TestUser, subject: &str) -> (String, Output, Duration) {
    let (output, took) = run(
        profile,
        &["send", "--account", &from.email, "--to", &to.email, "--subject", subject, "--json"],
        Some("Hello.\n"),
    );
    assert!(output.status.success(), "queued or sent, never refused: {}", describe(&output));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (result["message_id"].as_str().unwrap().to_string(), output, took)
}

/// How many messages in `user`'s `mailbox` carry `message_id`, waiting up to 10 s for `at_least`.
fn copies(stack: &MailStack, user: &TestUser, mailbox: &str, message_id: &str, at_least: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = stack
            .doveadm(&[
                "-f",
                "flow",
                "search",
                "-u",
                &user.login,
                "mailbox",
                mailbox,
                "header",
                "message-id",
                message_id,
            ])
            .lines()
            .filter(|line| !line.trim().is_empty())
            .count();
        if found >= at_least || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn outbox(profile: &Profile) -> Vec<serde_json::Value> {
    let out = profile.ok(&["outbox", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().cloned().unwrap_or_default()
}

/// Waits out the retry pause, then a plain `pochta sync` sends what is due (and files Sent).
fn sync_after_pause(profile: &Profile, user: &TestUser) -> (Output, Duration) {
    std::thread::sleep(Duration::from_millis(1500));
    run(profile, &["sync", "--account", &user.email], None)
}

#[test]
fn a_letter_whose_final_dot_never_arrived_is_sent_again_by_itself_and_arrives_once() {
    let stack = support::mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let (proxy, profile) = sender(stack, &alice);
    for (round, offset) in [0isize, 2, 4].iter().enumerate() {
        // The letter's bytes reach the server, its final "\r\n.\r\n" only in part or not at all.
        proxy.set(Faults { from_client: At::cut("\r\n.\r\n", *offset), ..Faults::default() });
        let (message_id, output, _) = send(&profile, &alice, &bob, &format!("cut {round}"));
        assert!(proxy.fired(), "{}", describe(&output));
        let waiting = outbox(&profile);
        assert_eq!(waiting.len(), 1, "kept in the outbox: {waiting:?}");
        let reason = waiting[0].to_string();
        assert!(reason.contains("may have been delivered") && !reason.contains("refused"), "{reason}");
        proxy.set(Faults::default());
        let (synced, _) = sync_after_pause(&profile, &alice);
        assert!(synced.status.success(), "{}", describe(&synced));
        assert!(outbox(&profile).is_empty(), "sent by the sync's own retry");
        assert_eq!(copies(stack, &bob, "INBOX", &message_id, 1), 1, "delivered once (cut at {offset})");
        assert_eq!(copies(stack, &alice, "Sent", &message_id, 1), 1, "filed in Sent once (cut at {offset})");
    }
}

#[test]
fn a_reply_lost_after_the_final_dot_is_not_a_refusal_and_a_duplicate_keeps_the_message_id() {
    let stack = support::mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let (proxy, profile) = sender(stack, &alice);
    for (round, offset) in [-4isize, 0, 3].iter().enumerate() {
        // Postfix took the letter ("250 2.0.0 Ok: queued as ..."); its reply is cut.
        proxy.set(Faults { from_server: At::cut("Ok: queued", *offset), ..Faults::default() });
        let (message_id, output, _) = send(&profile, &alice, &bob, &format!("lost reply {round}"));
        assert!(proxy.fired(), "{}", describe(&output));
        let said = stderr(&output);
        assert!(said.contains("may have been delivered") && !said.contains("refused"), "{said}");
        proxy.set(Faults::default());
        let (synced, _) = sync_after_pause(&profile, &alice);
        assert!(synced.status.success(), "{}", describe(&synced));
        assert!(outbox(&profile).is_empty());
        // SMTP cannot be asked whether the first try arrived: at most one duplicate, same id.
        let delivered = copies(stack, &bob, "INBOX", &message_id, 2);
        assert_eq!(delivered, 2, "the one duplicate SMTP cannot rule out (cut at {offset})");
        assert_eq!(copies(stack, &alice, "Sent", &message_id, 1), 1, "filed in Sent once (cut at {offset})");
    }
}

#[test]
fn a_server_stalled_during_data_blocks_neither_send_nor_sync_past_the_deadline() {
    let stack = support::mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let (proxy, profile) = sender(stack, &alice);
    let stall = || Faults { from_client: At::stall("\r\n.\r\n", 0, Duration::from_secs(60)), ..Faults::default() };
    proxy.set(stall());
    let (message_id, output, took) = send(&profile, &alice, &bob, "stalled");
    assert!(proxy.fired(), "{}", describe(&output));
    assert!(took < Duration::from_secs(20), "send returned by its deadline: {took:?}");
    assert_eq!(outbox(&profile).len(), 1);

    // Still stalled when the automatic retry comes: the sync still ends by the deadline.
    proxy.set(stall());
    let (synced, took) = sync_after_pause(&profile, &alice);
    assert!(proxy.fired(), "the sync retried the letter: {}", describe(&synced));
    assert!(took < Duration::from_secs(20), "sync returned by its deadline: {took:?}");

    // The server recovers (the sync's own second outbox pass may already have sent it, after
    // the next pause): the next sync sends whatever is left, and the letter is there once.
    proxy.set(Faults::default());
    std::thread::sleep(Duration::from_millis(2500));
    let (synced, _) = run(&profile, &["sync", "--account", &alice.email], None);
    assert!(synced.status.success(), "{}", describe(&synced));
    assert!(outbox(&profile).is_empty(), "{:?}", outbox(&profile));
    assert_eq!(copies(stack, &bob, "INBOX", &message_id, 1), 1, "delivered once");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(copies(stack, &bob, "INBOX", &message_id, 1), 1, "and no late second copy");
    assert_eq!(copies(stack, &alice, "Sent", &message_id, 1), 1, "filed in Sent once");
}
