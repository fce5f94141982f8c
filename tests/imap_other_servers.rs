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

fn message(subject: &str) -> Vec<u8> {
    format!(
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: {subject}\r\nMessage-ID: <{}@example.test>\r\n\r\nbody\r\n",
        subject.replace(' ', "-")
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

#[test]
fn an_inbox_dot_namespace_shows_folders_at_the_top_and_creates_moves_and_renames_inside_it() {
    let stack = support::mailstack();
    let quirks = common::quirks::quirks(stack);
    let user = quirks.fresh_user(stack);
    for name in ["INBOX.Trash", "INBOX.Sent", "INBOX.Archive.2024"] {
        quirks.doveadm(&["mailbox", "create", "-u", &user.login, name]);
    }
    for subject in ["first one", "second one", "third one"] {
        quirks.save(&user, "INBOX", &message(subject));
    }
    quirks.save(&user, "INBOX.Archive.2024", &message("archived one"));
    let profile = Profile::new();
    profile.add_account(&common::quirks::account_args(stack, &user, "127.0.0.1", quirks.imaps_port, "ssl"));
    sync(&profile, &user.email);

    // Shown relative to the namespace, roles found by name; the implicit parent is \Noselect.
    let folders = folders_json(&profile, &user.email);
    let role = |name: &str| folders.iter().find(|(n, _)| n == name).map(|(_, r)| r.clone());
    assert_eq!(role("Trash"), Some(Some("trash".into())), "{folders:?}");
    assert_eq!(role("Sent"), Some(Some("sent".into())), "{folders:?}");
    assert_eq!(role("Archive"), Some(None), "a \\Noselect parent takes no role: {folders:?}");
    assert_eq!(role("Archive/2024"), Some(None), "{folders:?}");
    assert!(folders.iter().all(|(n, _)| !n.starts_with("INBOX/")), "{folders:?}");

    // A folder typed as the user sees it is created inside the namespace.
    profile.ok(&["folder", "create", &user.email, "Отчёты/2026"]);
    // `pochta move ID Trash` finds Trash; a \Noselect folder never receives a move.
    let ids = message_ids(&profile, &user.email, "INBOX");
    assert_eq!(ids.len(), 3);
    profile.ok(&["move", &ids[0].to_string(), "Trash"]);
    let refused = profile.run(&["move", &ids[1].to_string(), "Archive"]);
    assert_eq!(refused.status.code(), Some(1), "{}", describe(&refused));
    sync(&profile, &user.email);
    assert!(quirks.mailboxes(&user).contains(&"INBOX.Отчёты.2026".to_string()), "{:?}", quirks.mailboxes(&user));
    assert_eq!(quirks.uids(&user, "INBOX.Trash").len(), 1);
    assert_eq!(quirks.uids(&user, "INBOX").len(), 2);
    assert!(folders_json(&profile, &user.email).iter().any(|(n, _)| n == "Отчёты/2026"));

    profile.ok(&["folder", "rename", &user.email, "Отчёты/2026", "Отчёты/2027"]);
    sync(&profile, &user.email);
    let names = quirks.mailboxes(&user);
    assert!(
        names.contains(&"INBOX.Отчёты.2027".to_string()) && !names.contains(&"INBOX.Отчёты.2026".to_string()),
        "{names:?}"
    );
    let shown: Vec<String> = folders_json(&profile, &user.email).into_iter().map(|(n, _)| n).collect();
    assert!(shown.contains(&"Отчёты/2027".to_string()), "{shown:?}");
    assert_eq!(message_ids(&profile, &user.email, "Trash").len(), 1);
}

#[test]
fn a_refused_folder_change_is_printed_with_the_servers_words_and_fails_the_sync() {
    let stack = support::mailstack();
    let quirks = common::quirks::quirks(stack);
    let user = quirks.fresh_user(stack);
    let profile = Profile::new();
    profile.add_account(&common::quirks::account_args(stack, &user, "127.0.0.1", quirks.imaps_port, "ssl"));
    sync(&profile, &user.email);
    // Another client makes the folder first: this CREATE is refused ("Mailbox already exists").
    quirks.doveadm(&["mailbox", "create", "-u", &user.login, "INBOX.Reports"]);
    profile.ok(&["folder", "create", &user.email, "Reports"]);
    let output = profile.run(&["sync", "--account", &user.email, "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("creating the folder Reports"), "{said}");
    assert!(said.to_lowercase().contains("exists"), "the server's words: {said}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["refused"][0]["operation"], "create-folder", "{json}");
    // The folder the other client made is there; the next pass has nothing to refuse.
    sync(&profile, &user.email);
    assert!(folders_json(&profile, &user.email).iter().any(|(n, _)| n == "Reports"));
}

#[test]
fn logindisabled_means_the_password_is_never_sent_in_clear() {
    let stack = support::mailstack();
    let quirks = common::quirks::quirks(stack);
    let user = quirks.fresh_user(stack);
    // Through the proxy to 127.0.0.2: Dovecot then advertises LOGINDISABLED before STARTTLS,
    // and the proxy would see a LOGIN or AUTHENTICATE if one were sent.
    let proxy = Proxy::start_to("127.0.0.2", quirks.imap_port);
    proxy.set(Faults { from_client: common::proxy::At::cut("LOGIN", 0), ..Faults::default() });
    let profile = Profile::new();
    profile.add_account(&common::quirks::account_args(stack, &user, "127.0.0.1", proxy.port, "none"));
    let output = profile.run(&["sync", "--account", &user.email]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("requires an encrypted connection") && said.contains("STARTTLS"), "{said}");
    assert!(!proxy.fired(), "no LOGIN was sent");
    let wrong_password = said.to_lowercase().contains("password is wrong") || said.contains("refused the login");
    assert!(!wrong_password, "not taken for a wrong password: {said}");
}

/// Sync both ways on the Courier-like server (no CONDSTORE: every pass compares flags in full;
/// no MOVE: COPY, \Deleted, UID EXPUNGE), in a Cyrillic folder inside the `INBOX.` namespace.
#[test]
fn local_and_server_side_changes_converge_on_a_courier_like_server() {
    let stack = support::mailstack();
    let quirks = common::quirks::quirks(stack);
    let user = quirks.fresh_user(stack);
    quirks.doveadm(&["mailbox", "create", "-u", &user.login, "INBOX.Trash", "INBOX.Работа"]);
    for n in 0..12 {
        quirks.save(&user, "INBOX", &message(&format!("inbox {n}")));
    }
    for n in 0..4 {
        quirks.save(&user, "INBOX.Работа", &message(&format!("work {n}")));
    }
    let profile = Profile::new();
    profile.add_account(&common::quirks::account_args(stack, &user, "127.0.0.1", quirks.imaps_port, "ssl"));
    sync(&profile, &user.email);
    let mirrors = || {
        assert_eq!(quirks.server_state(&user), common::imap::local_state(&profile, &user.email), "server vs cache");
    };
    mirrors();

    // Here: a flag, a delete (to Trash), a move into the Cyrillic folder.
    let ids = message_ids(&profile, &user.email, "INBOX");
    profile.ok(&["flag", &ids[0].to_string(), "+flagged", "+seen"]);
    profile.ok(&["delete", &ids[1].to_string()]);
    profile.ok(&["move", &ids[2].to_string(), "Работа"]);
    sync(&profile, &user.email);
    assert_eq!(quirks.uids(&user, "INBOX.Trash").len(), 1);
    assert_eq!(quirks.uids(&user, "INBOX.Работа").len(), 5);
    mirrors();

    // There: flags changed, messages expunged, new mail, in both folders.
    quirks.doveadm(&["flags", "add", "-u", &user.login, "\\Answered", "mailbox", "INBOX", "uid", "4:6"]);
    quirks.doveadm(&["expunge", "-u", &user.login, "mailbox", "INBOX", "uid", "7,8"]);
    quirks.doveadm(&["expunge", "-u", &user.login, "mailbox", "INBOX.Работа", "uid", "1"]);
    quirks.save(&user, "INBOX.Работа", &message("work new"));
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 1, "{summary}");
    mirrors();
    let again = sync(&profile, &user.email);
    assert_eq!(again["messages_fetched"], 0, "{again}");
    mirrors();
}
