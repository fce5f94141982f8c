//! Comparing an IMAP account's server state (read with doveadm) with Pochta's cache (read with
//! `pochta folders/list --json`): folder by folder, UID by UID, flag by flag.

use super::Profile;
use crate::support::{MailStack, TestUser};
use std::collections::{BTreeMap, BTreeSet};

pub type State = BTreeMap<String, BTreeMap<u32, BTreeSet<String>>>;

/// Adds `user` as an IMAPS account (trusting the harness CA) to `profile`.
pub fn add_imap_account(profile: &Profile, stack: &MailStack, user: &TestUser, imap_port: u16) {
    add_imap_account_with(profile, stack, user, imap_port, "ssl");
}

/// The same with a chosen security ("none" reaches the plaintext port, for byte-level faults).
pub fn add_imap_account_with(profile: &Profile, stack: &MailStack, user: &TestUser, imap_port: u16, security: &str) {
    profile.add_account(&super::account_add_args(
        stack,
        user,
        "imap",
        (imap_port, security),
        (stack.smtps_port, "ssl"),
        true,
        &[],
    ));
}

/// `profile`'s engine with its background actor running, once the first pass is done (the
/// account is online), and its events from then on.
pub fn engine_online(profile: &Profile) -> (pochta::engine::api::EngineHandle, pochta::engine::api::EventReceiver) {
    use pochta::engine::api::{Connectivity, EngineHandle, Event};
    let engine = EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let mut events = engine.subscribe();
    engine.start_background_sync().unwrap();
    let online = |e: &Event| matches!(e, Event::Connectivity { state: Connectivity::Online, .. });
    super::wait_for(&mut events, "the first pass", online);
    (engine, events)
}

/// Every folder and message on the server, from `doveadm fetch` (\Recent is session state: dropped).
pub fn server_state(stack: &MailStack, user: &TestUser) -> State {
    let mut state = State::new();
    for line in stack.doveadm(&["mailbox", "list", "-u", &user.login]).lines() {
        let name = line.trim();
        if !name.is_empty() {
            state.entry(name.to_string()).or_default();
        }
    }
    let out = stack.doveadm(&["-f", "tab", "fetch", "-u", &user.login, "mailbox uid flags", "all"]);
    for line in out.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(mailbox), Some(uid), flags) = (cols.next(), cols.next(), cols.next().unwrap_or("")) else { continue };
        let Ok(uid) = uid.trim().parse() else { continue };
        let flags = flags.split_whitespace().filter(|f| *f != "\\Recent").map(str::to_string).collect();
        state.entry(mailbox.to_string()).or_default().insert(uid, flags);
    }
    state
}

/// The same from Pochta's cache.
pub fn local_state(profile: &Profile, email: &str) -> State {
    let folders: serde_json::Value =
        serde_json::from_str(&profile.ok(&["folders", "--account", email, "--json"])).unwrap();
    let mut state = State::new();
    for folder in folders.as_array().unwrap() {
        let name = folder["name"].as_str().unwrap().to_string();
        let list = profile.ok(&["list", "--account", email, "--folder", &name, "--limit", "1000000", "--json"]);
        let messages: serde_json::Value = serde_json::from_str(&list).unwrap();
        let entry = state.entry(name).or_default();
        for m in messages.as_array().unwrap() {
            let flags = m["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
            let uid = m["uid"].as_u64().unwrap() as u32;
            assert!(entry.insert(uid, flags).is_none(), "UID {uid} is cached twice");
        }
    }
    state
}

/// `pochta sync --json` for one account; panics unless it succeeded.
pub fn sync(profile: &Profile, email: &str) -> serde_json::Value {
    serde_json::from_str(&profile.ok(&["sync", "--account", email, "--json"])).unwrap()
}

/// `pochta sync --json` for a pass in which the server refuses something: exit 1, the
/// summary still on stdout, each refusal said on stderr.
pub fn sync_with_refusals(profile: &Profile, email: &str) -> serde_json::Value {
    let output = profile.run(&["sync", "--account", email, "--json"]);
    assert_eq!(output.status.code(), Some(1), "a refusal fails the command: {}", super::describe(&output));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    for refusal in summary["refused"].as_array().unwrap() {
        assert!(said.contains(refusal["what"].as_str().unwrap()), "said on stderr: {said}");
    }
    summary
}

pub fn assert_mirrors(profile: &Profile, stack: &MailStack, user: &TestUser) {
    let server = server_state(stack, user);
    let local = local_state(profile, &user.email);
    assert_eq!(server.keys().collect::<Vec<_>>(), local.keys().collect::<Vec<_>>(), "folders differ");
    for (folder, messages) in &server {
        let cached = &local[folder];
        assert_eq!(messages.len(), cached.len(), "{folder}: message counts differ");
        assert_eq!(messages, cached, "{folder}: UIDs or flags differ");
    }
}
