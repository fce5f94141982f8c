//! Exactly once, and never stuck, against the harness's real Dovecot behind the fault proxy: a
//! reply lost after the server acted (the connection cut just before, inside or after the tagged
//! OK of a COPY, an APPEND of an import, a Sent copy or a draft, or a MOVE; or Pochta killed
//! while the reply is held back) leaves exactly one copy after the next sync, at every cut
//! position tried; a server that stalls after login ends the sync by its deadline with a clear
//! sentence; a connection cut inside the TLS handshake is reported as a network problem, never
//! as a certificate to distrust. Deadlines are shortened with `POCHTA_NET_TIMEOUT_SECS`.

mod common;
mod support;

use common::imap::{add_imap_account, add_imap_account_with, assert_mirrors};
use common::proxy::{At, Faults, Proxy};
use common::{Profile, describe, stderr};
use std::process::Output;
use std::time::{Duration, Instant};
use support::{MailStack, TestUser};

/// Cut points around a reply's response code: before the tagged line, inside the tag and the
/// "OK", just before the code, inside it, and after the whole line went through.
const AROUND_THE_REPLY: [isize; 7] = [-9, -5, -2, 0, 4, 11, 400];

/// How many messages in `mailbox` carry `message_id` (as the server has them).
fn copies(stack: &MailStack, user: &TestUser, mailbox: &str, message_id: &str) -> usize {
    stack
        .doveadm(&["-f", "flow", "search", "-u", &user.login, "mailbox", mailbox, "header", "message-id", message_id])
        .lines()
        .filter(|line| !line.trim().is_empty())
        .count()
}

/// A plaintext IMAP account behind a fresh proxy, synced once.
fn behind_proxy(stack: &MailStack, messages: usize) -> (TestUser, Proxy, Profile) {
    let user = stack.fresh_user();
    if messages > 0 {
        stack.populate(&user, messages, &["--no-folders"]);
    }
    let proxy = Proxy::start(stack.imap_port);
    let profile = Profile::new();
    add_imap_account_with(&profile, stack, &user, proxy.port, "none");
    profile.ok(&["folder", "create", &user.email, "Target"]);
    profile.ok(&["sync", "--account", &user.email]);
    (user, proxy, profile)
}

/// One sync with the fault set (it may fail: the reply never came), then a clean one.
fn sync_cut_then_resync(profile: &Profile, proxy: &Proxy, user: &TestUser, faults: Faults) {
    proxy.set(faults);
    let cut = profile.run(&["sync", "--account", &user.email]);
    assert!(cut.status.code() != Some(101), "no panic: {}", describe(&cut));
    assert!(proxy.fired(), "the fault acted: {}", describe(&cut));
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
}

/// `(id, message_id)` of the cached messages of a folder, oldest first.
fn messages(profile: &Profile, user: &TestUser, folder: &str) -> Vec<(String, String)> {
    let list = profile.ok(&["list", "--account", &user.email, "--folder", folder, "--limit", "1000", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let mut out: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].to_string(), m["message_id"].as_str().unwrap_or_default().to_string()))
        .collect();
    out.reverse();
    out
}

#[test]
fn a_copy_whose_tagged_ok_was_lost_is_made_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 3);
    let (id, message_id) = messages(&profile, &user, "INBOX")[0].clone();
    for (round, offset) in AROUND_THE_REPLY.iter().enumerate() {
        profile.ok(&["copy", &id, "Target"]);
        sync_cut_then_resync(
            &profile,
            &proxy,
            &user,
            Faults { from_server: At::cut("[COPYUID", *offset), ..Faults::default() },
        );
        assert_eq!(copies(stack, &user, "Target", &message_id), round + 1, "one more copy per COPY (cut at {offset})");
    }
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_move_whose_tagged_ok_was_lost_lands_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, AROUND_THE_REPLY.len());
    for ((id, message_id), offset) in messages(&profile, &user, "INBOX").into_iter().zip(AROUND_THE_REPLY) {
        profile.ok(&["move", &id, "Target"]);
        // Dovecot: "* OK [COPYUID ...] Moved UIDs." then the tagged "OK Move completed".
        sync_cut_then_resync(
            &profile,
            &proxy,
            &user,
            Faults { from_server: At::cut("Move completed", offset - 3), ..Faults::default() },
        );
        assert_eq!(copies(stack, &user, "Target", &message_id), 1, "moved once (cut at {offset})");
        assert_eq!(copies(stack, &user, "INBOX", &message_id), 0, "and gone from INBOX (cut at {offset})");
    }
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_move_without_the_move_extension_whose_copy_reply_was_lost_lands_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 4);
    // As a server without RFC 6851 MOVE: the move is COPY, then \Deleted and UID EXPUNGE.
    let no_move = || vec![(b" MOVE".to_vec(), b" XMOVE".to_vec())];
    for ((id, message_id), offset) in messages(&profile, &user, "INBOX").into_iter().zip([-9isize, -2, 4, 400]) {
        profile.ok(&["move", &id, "Target"]);
        proxy.set(Faults { rewrite: no_move(), from_server: At::cut("[COPYUID", offset), ..Faults::default() });
        let cut = profile.run(&["sync", "--account", &user.email]);
        assert!(proxy.fired(), "the fault acted: {}", describe(&cut));
        proxy.set(Faults { rewrite: no_move(), ..Faults::default() });
        profile.ok(&["sync", "--account", &user.email]);
        assert_eq!(copies(stack, &user, "Target", &message_id), 1, "copied once (cut at {offset})");
        assert_eq!(copies(stack, &user, "INBOX", &message_id), 0, "and gone from INBOX (cut at {offset})");
    }
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
    assert_mirrors(&profile, stack, &user);
}

fn letter(message_id: &str, subject: &str) -> String {
    format!(
        "From: Anna <anna@example.org>\r\nTo: Ivan <ivan@example.org>\r\nSubject: {subject}\r\n\
         Date: Mon, 7 Dec 2026 08:00:00 +0000\r\nMessage-ID: <{message_id}>\r\n\r\nHello.\r\n"
    )
}

#[test]
fn an_import_whose_append_reply_was_lost_is_stored_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 0);
    for (round, offset) in AROUND_THE_REPLY.iter().enumerate() {
        let message_id = format!("import-{round}@exactly-once.test");
        let file = profile.path().join(format!("letter-{round}.eml"));
        std::fs::write(&file, letter(&message_id, "imported")).unwrap();
        profile.ok(&["import", "eml", file.to_str().unwrap(), "--account", &user.email, "--folder", "Target"]);
        sync_cut_then_resync(
            &profile,
            &proxy,
            &user,
            Faults { from_server: At::cut("[APPENDUID", *offset), ..Faults::default() },
        );
        assert_eq!(copies(stack, &user, "Target", &message_id), 1, "stored once (cut at {offset})");
    }
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_draft_whose_append_reply_was_lost_is_stored_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 0);
    for (round, offset) in [-9isize, -2, 0, 11].iter().enumerate() {
        let saved = profile.run_with_stdin(
            &[
                "send",
                "--draft",
                "--account",
                &user.email,
                "--to",
                "ivan@example.org",
                "--subject",
                &format!("draft {round}"),
            ],
            "Not finished yet.\n",
        );
        assert!(saved.status.success(), "{}", describe(&saved));
        sync_cut_then_resync(
            &profile,
            &proxy,
            &user,
            Faults { from_server: At::cut("[APPENDUID", *offset), ..Faults::default() },
        );
        let drafts = stack.doveadm(&[
            "-f",
            "flow",
            "search",
            "-u",
            &user.login,
            "mailbox",
            "Drafts",
            "subject",
            &format!("draft {round}"),
        ]);
        assert_eq!(drafts.lines().filter(|l| !l.trim().is_empty()).count(), 1, "one draft (cut at {offset})");
    }
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_draft_replaced_after_its_upload_reply_was_lost_leaves_only_the_new_version() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 0);
    let drafts = || {
        stack
            .doveadm(&["-f", "flow", "fetch", "-u", &user.login, "body", "mailbox", "Drafts", "all"])
            .lines()
            .filter(|l| l.starts_with("body="))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let save = |args: &[&str], text: &str| {
        let saved = profile.run_with_stdin(args, text);
        assert!(saved.status.success(), "{}", describe(&saved));
        String::from_utf8_lossy(&saved.stdout).trim().strip_prefix("draft ").unwrap_or_default().to_string()
    };
    let id = save(
        &["send", "--draft", "--account", &user.email, "--to", "ivan@example.org", "--subject", "v"],
        "version 1\n",
    );
    // Version 1 reaches the server, but the reply does not reach Pochta.
    proxy.set(Faults { from_server: At::cut("[APPENDUID", -2), ..Faults::default() });
    let cut = profile.run(&["sync", "--account", &user.email]);
    assert!(proxy.fired(), "{}", describe(&cut));
    proxy.set(Faults::default());
    assert_eq!(drafts().len(), 1, "version 1 is on the server");
    // Saved again before any sync confirmed version 1: that upload is withdrawn, and the copy
    // it made is removed by the next sync instead of staying as a stale second draft.
    save(
        &["send", "--draft-id", &id, "--account", &user.email, "--to", "ivan@example.org", "--subject", "v"],
        "version 2\n",
    );
    profile.ok(&["sync", "--account", &user.email]);
    let server = drafts();
    assert_eq!(server.len(), 1, "one draft: {server:?}");
    let text = stack.doveadm(&["fetch", "-u", &user.login, "text", "mailbox", "Drafts", "all"]);
    assert!(text.contains("version 2") && !text.contains("version 1"), "{text}");
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_sent_copy_whose_append_reply_was_lost_is_filed_exactly_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 0);
    let bob = stack.fresh_user();
    for (round, offset) in [-9isize, -2, 0, 11].iter().enumerate() {
        let sent = profile.run_with_stdin(
            &["send", "--account", &user.email, "--to", &bob.email, "--subject", &format!("letter {round}"), "--json"],
            "Hello, Bob.\n",
        );
        assert!(sent.status.success(), "{}", describe(&sent));
        let sent: serde_json::Value = serde_json::from_slice(&sent.stdout).unwrap();
        assert_eq!(sent["state"], "sent", "{sent}");
        let message_id = sent["message_id"].as_str().unwrap().to_string();
        sync_cut_then_resync(
            &profile,
            &proxy,
            &user,
            Faults { from_server: At::cut("[APPENDUID", *offset), ..Faults::default() },
        );
        assert_eq!(copies(stack, &user, "Sent", &message_id), 1, "one Sent copy (cut at {offset})");
    }
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn pochta_killed_while_the_append_reply_is_held_back_stores_the_import_once() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 0);
    for round in 0..3 {
        let message_id = format!("killed-{round}@exactly-once.test");
        let file = profile.path().join(format!("killed-{round}.eml"));
        std::fs::write(&file, letter(&message_id, "killed")).unwrap();
        profile.ok(&["import", "eml", file.to_str().unwrap(), "--account", &user.email, "--folder", "Target"]);
        proxy.set(Faults { from_server: At::stall("[APPENDUID", -8, Duration::from_secs(60)), ..Faults::default() });
        let mut child = profile
            .command(&["sync", "--account", &user.email])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !proxy.fired() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(proxy.fired(), "the reply was held back");
        std::thread::sleep(Duration::from_millis(100 * round));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        proxy.set(Faults::default());
        profile.ok(&["sync", "--account", &user.email]);
        assert_eq!(copies(stack, &user, "Target", &message_id), 1, "stored once (round {round})");
    }
    assert_mirrors(&profile, stack, &user);
}

fn run_with_deadline(profile: &Profile, args: &[&str], seconds: u64) -> (Output, Duration) {
    let started = Instant::now();
    let output = profile.command(args).env("POCHTA_NET_TIMEOUT_SECS", seconds.to_string()).output().unwrap();
    (output, started.elapsed())
}

#[test]
fn a_server_that_stalls_after_login_ends_the_sync_by_its_deadline_with_a_sentence() {
    let stack = support::mailstack();
    let (user, proxy, profile) = behind_proxy(stack, 5);
    // The folder list never comes (held for a minute): the sync gives up after 2 s of silence.
    proxy.set(Faults { from_server: At::stall("* LIST", 0, Duration::from_secs(60)), ..Faults::default() });
    let (output, took) = run_with_deadline(&profile, &["sync", "--account", &user.email], 2);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(took < Duration::from_secs(20), "ended by its deadline, not the stall's end: {took:?}");
    let text = stderr(&output);
    assert!(text.contains("stopped answering") && text.contains("waited 2 seconds"), "{text}");
    assert_eq!(text.matches("stopped answering").count(), 1, "said once: {text}");
    assert!(!text.contains('\u{1b}'), "no colour codes when stderr is not a terminal: {text:?}");
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_server_that_trickles_a_fetch_ends_the_sync_by_the_fetch_deadline() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 3, &["--no-folders"]);
    let proxy = Proxy::start(stack.imap_port);
    let profile = Profile::new();
    add_imap_account_with(&profile, stack, &user, proxy.port, "none");
    // A byte every 300 ms: never silent for the 2 s silence limit, but the first FETCH (three
    // headers: 2 s plus time for 48 KB) would take many minutes.
    proxy.set(Faults { from_server: At::trickle("FETCH (", 0, Duration::from_millis(300)), ..Faults::default() });
    let (output, took) = run_with_deadline(&profile, &["sync", "--account", &user.email], 2);
    assert!(proxy.fired(), "{}", describe(&output));
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(took < Duration::from_secs(25), "ended by the FETCH's deadline: {took:?}");
    let text = stderr(&output);
    assert!(text.contains("stopped answering") && text.contains("waited 5 seconds"), "{text}");
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn a_connection_cut_inside_the_tls_handshake_is_a_network_problem_not_a_certificate() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let proxy = Proxy::start(stack.imaps_port);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, proxy.port);
    for cut in [1, 7, 60, 300, 900] {
        proxy.set(Faults { cut_after: Some(cut), ..Faults::default() });
        let output = profile.run(&["sync", "--account", &user.email]);
        assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
        let text = stderr(&output);
        assert!(text.contains("network problem"), "cut after {cut} bytes: {text}");
        assert!(!text.contains("not trusted") && !text.contains("SHA-256"), "no certificate blamed: {text}");
    }
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
}
