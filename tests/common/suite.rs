//! The core of the integration suite, written once for any server family of [`super::servers`]
//! (tests/servers_*.rs run it against one family each): sync both ways, local actions and
//! another client's changes, folders with Cyrillic names inside the personal namespace, search on
//! the server, IDLE, POP3 and sending with the Sent copy filed on that server.

use super::imap::{local_state, sync};
use super::servers::Server;
use super::{Profile, describe, wait_for};
use crate::support::{MailStack, TestUser};
use pochta::engine::api::Event;
use std::time::Duration;

pub fn letter(subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Anna <anna@example.test>\r\nTo: you@example.test\r\nSubject: {subject}\r\n\
         Message-ID: <{}@example.test>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
        subject.bytes().map(|b| format!("{b:02x}")).collect::<String>()
    )
    .into_bytes()
}

fn folders_json(profile: &Profile, email: &str) -> Vec<(String, Option<String>)> {
    let folders: serde_json::Value =
        serde_json::from_str(&profile.ok(&["folders", "--account", email, "--json"])).unwrap();
    folders
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["role"].as_str().map(str::to_string)))
        .collect()
}

fn message_ids(profile: &Profile, email: &str, folder: &str) -> Vec<i64> {
    let list = profile.ok(&["list", "--account", email, "--folder", folder, "--json"]);
    let messages: serde_json::Value = serde_json::from_str(&list).unwrap();
    messages.as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

fn imap_profile(server: &Server, stack: &MailStack, user: &TestUser, security: &str) -> Profile {
    let profile = Profile::new();
    profile.add_account(&server.imap_account_args(stack, user, security));
    profile
}

/// The cache holds what the server has. A parent Pochta shows for a nested folder the server does
/// not list (Courier lists `INBOX.a.b` without `INBOX.a`, a Maildir++ name, not a folder) is a
/// tree node, not a folder: it is left out when it is empty and has children.
fn assert_mirrors(server: &Server, stack: &MailStack, user: &TestUser, profile: &Profile) {
    let on_server = server.state(stack, user);
    let mut cached = local_state(profile, &user.email);
    let names: Vec<String> = cached.keys().cloned().collect();
    cached.retain(|name, messages| {
        let parent = messages.is_empty() && names.iter().any(|n| n.starts_with(&format!("{name}/")));
        on_server.contains_key(name) || !parent
    });
    assert_eq!(on_server, cached, "{}: server vs cache", server.name);
}

/// Special folders found (by SPECIAL-USE or by name), shown relative to the namespace; local
/// flag, delete, move into a Cyrillic folder; another client's flags, expunges and new mail in
/// both folders; folders created and renamed with Cyrillic names. The cache mirrors the server
/// after every pass, and a pass with nothing new fetches nothing.
pub fn sync_both_ways(server: &Server, security: &str) {
    let stack = crate::support::mailstack();
    let user = server.fresh_user(stack);
    server.create(stack, &user, "INBOX.Работа");
    for n in 0..12 {
        server.append(
            stack,
            &user,
            "INBOX",
            if n % 2 == 0 { "\\Seen" } else { "" },
            &letter(&format!("inbox {n}"), "text"),
        );
    }
    for n in 0..4 {
        server.append(stack, &user, "INBOX.Работа", "", &letter(&format!("work {n}"), "text"));
    }
    let profile = imap_profile(server, stack, &user, security);
    let first = sync(&profile, &user.email);
    assert_eq!(first["messages_fetched"], 16, "{first}");
    assert_mirrors(server, stack, &user, &profile);
    let folders = folders_json(&profile, &user.email);
    let role = |name: &str| folders.iter().find(|(n, _)| n == name).and_then(|(_, r)| r.clone());
    for (name, expected) in [("Trash", "trash"), ("Sent", "sent"), ("Drafts", "drafts"), ("Junk", "junk")] {
        assert_eq!(role(name).as_deref(), Some(expected), "{}: {folders:?}", server.name);
    }
    assert!(folders.iter().all(|(n, _)| !n.starts_with("INBOX/")), "shown inside the namespace: {folders:?}");

    // Here: a flag, a delete (to Trash), a move into the Cyrillic folder, a new nested folder.
    let ids = message_ids(&profile, &user.email, "INBOX");
    profile.ok(&["flag", &ids[0].to_string(), "+flagged", "+seen"]);
    profile.ok(&["delete", &ids[1].to_string()]);
    profile.ok(&["move", &ids[2].to_string(), "Работа"]);
    profile.ok(&["folder", "create", &user.email, "Отчёты/2026"]);
    sync(&profile, &user.email);
    assert_eq!(server.uids(stack, &user, "INBOX.Trash").len(), 1, "{}", server.name);
    assert_eq!(server.uids(stack, &user, "INBOX.Работа").len(), 5, "{}", server.name);
    assert!(server.state(stack, &user).contains_key("Отчёты/2026"), "INBOX.Отчёты.2026 made on {}", server.name);
    assert_mirrors(server, stack, &user, &profile);

    // There: flags changed, messages expunged, new mail, in both folders.
    server.store(stack, &user, "INBOX", "4:6", "+", "\\Answered");
    server.store(stack, &user, "INBOX", "1", "-", "\\Seen");
    server.expunge(stack, &user, "INBOX", "7,8");
    server.expunge(stack, &user, "INBOX.Работа", "1");
    server.append(stack, &user, "INBOX.Работа", "", &letter("work new", "text"));
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 1, "{summary}");
    assert_mirrors(server, stack, &user, &profile);
    let again = sync(&profile, &user.email);
    assert_eq!(again["messages_fetched"], 0, "{again}");
    let removed: u64 = again["folders"].as_array().unwrap().iter().map(|f| f["removed"].as_u64().unwrap()).sum();
    assert_eq!(removed, 0, "{again}");

    profile.ok(&["folder", "rename", &user.email, "Отчёты/2026", "Отчёты/2027"]);
    sync(&profile, &user.email);
    let state = server.state(stack, &user);
    assert!(state.contains_key("Отчёты/2027") && !state.contains_key("Отчёты/2026"), "{:?}", state.keys());
    assert_mirrors(server, stack, &user, &profile);
}

/// Mail that arrived after the last pass, with a Cyrillic word in its body, is found by the
/// server's SEARCH (`CHARSET UTF-8`) and fetched into the cache.
pub fn search_on_the_server(server: &Server) {
    let stack = crate::support::mailstack();
    let user = server.fresh_user(stack);
    server.append(stack, &user, "INBOX", "", &letter("old news", "nothing here"));
    let profile = imap_profile(server, stack, &user, "ssl");
    sync(&profile, &user.email);
    server.append(stack, &user, "INBOX", "", &letter("late news", "квартальный отчёт готов"));
    server.append(stack, &user, "INBOX", "", &letter("other", "nothing here"));
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), Some("INBOX")).unwrap();
    let found = futures::executor::block_on(engine.search_on_server(inbox, "отчёт")).unwrap();
    assert_eq!(found.len(), 1, "{}: {found:?}", server.name);
    assert_eq!(engine.message_summary(found[0]).unwrap().subject, "late news");
}

/// With the background actor running, new mail and another client's flag change reach the cache
/// through IDLE (the poll interval is five minutes, far beyond the test's wait).
pub fn idle_brings_new_mail_and_flag_changes(server: &Server) {
    let stack = crate::support::mailstack();
    let user = server.fresh_user(stack);
    for n in 0..5 {
        server.append(stack, &user, "INBOX", "", &letter(&format!("old {n}"), "text"));
    }
    let profile = imap_profile(server, stack, &user, "ssl");
    let (engine, mut events) = super::imap::engine_online(&profile);
    std::thread::sleep(Duration::from_millis(500));
    server.append(stack, &user, "INBOX", "", &letter("pushed", "hello"));
    wait_for(&mut events, "new mail", |e| matches!(e, Event::NewMail { count: 1, .. }));
    std::thread::sleep(Duration::from_millis(500));
    server.store(stack, &user, "INBOX", "1:3", "+", "\\Flagged");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while server.state(stack, &user) != local_state(&profile, &user.email) {
        assert!(std::time::Instant::now() < deadline, "{}: the flag change did not arrive by IDLE", server.name);
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(engine);
    assert_mirrors(server, stack, &user, &profile);
}

/// POP3 on the same server (POP3S and STLS): every message downloaded byte for byte, the
/// server emptied, a second pass downloads nothing.
pub fn pop3_downloads_and_empties_the_server(server: &Server, security: &str) {
    let stack = crate::support::mailstack();
    let user = server.fresh_user(stack);
    let sent: Vec<Vec<u8>> = (0..30).map(|n| letter(&format!("pop {n}"), "письмо\r\nline two")).collect();
    for raw in &sent {
        server.append(stack, &user, "INBOX", "", raw);
    }
    let profile = Profile::new();
    let port = if security == "ssl" { server.pop3s_port } else { server.pop3_port };
    super::pop3::add_pop3_account(&profile, stack, &user, port, security, &[]);
    let summary = super::pop3::sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 30, "{summary}");
    assert_eq!(summary["deleted_on_server"], 30, "{summary}");
    assert!(server.uids(stack, &user, "INBOX").is_empty(), "{}: the server is emptied", server.name);
    let mut expected = sent.clone();
    expected.sort();
    assert!(super::pop3::local_raw_messages(&profile) == expected, "{}: stored bytes differ", server.name);
    let again = super::pop3::sync(&profile, &user.email);
    assert_eq!(again["messages_fetched"], 0, "{again}");
}

/// A letter sent from an account on this server goes out through submission and its Sent copy
/// is filed once in the server's Sent folder (inside the namespace).
pub fn sending_files_one_sent_copy(server: &Server) {
    let stack = crate::support::mailstack();
    let user = server.fresh_user(stack);
    let to = stack.fresh_user();
    let profile = imap_profile(server, stack, &user, "starttls");
    sync(&profile, &user.email);
    let output = profile.run_with_stdin(
        &["send", "--account", &user.email, "--to", &to.email, "--subject", "Отчёт", "--json"],
        "Привет!\n",
    );
    assert!(output.status.success(), "{}", describe(&output));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["state"], "sent", "{result}");
    sync(&profile, &user.email);
    sync(&profile, &user.email);
    assert_eq!(server.uids(stack, &user, "INBOX.Sent").len(), 1, "{}: one Sent copy", server.name);
    assert_mirrors(server, stack, &user, &profile);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while stack.doveadm(&["search", "-u", &to.login, "mailbox", "INBOX", "all"]).lines().count() != 1 {
        assert!(std::time::Instant::now() < deadline, "the letter did not arrive");
        std::thread::sleep(Duration::from_millis(200));
    }
}
