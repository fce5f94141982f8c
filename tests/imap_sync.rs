//! The IMAP sync engine against the real Dovecot: the first sync mirrors folders (nested,
//! Cyrillic, special-use), UIDs and flags exactly; changes by another client appear after the
//! next sync; changes made in Pochta, even with the server down, reach it once it is back; a
//! UIDVALIDITY change rebuilds the folder; bodies are cached for offline reading.

mod common;
mod support;

use common::imap::{add_imap_account, assert_mirrors, server_state, sync, sync_with_refusals};
use common::{Profile, describe};
use support::mailstack;

#[test]
fn first_sync_mirrors_folders_uids_and_flags() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 1500, &[]);
    stack.doveadm(&["mailbox", "create", "-u", &user.login, "Проекты/Отчёты 2024"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let summary = sync(&profile, &user.email);
    assert!(summary["messages_fetched"].as_u64().unwrap() >= 300, "{summary}");
    assert_mirrors(&profile, stack, &user);

    // Roles: special-use folders are recognised.
    let folders: serde_json::Value = serde_json::from_str(&profile.ok(&["folders", "--json"])).unwrap();
    let role = |name: &str| folders.as_array().unwrap().iter().find(|f| f["name"] == name).map(|f| f["role"].clone());
    assert_eq!(role("INBOX"), Some(serde_json::json!("inbox")));
    assert_eq!(role("Sent"), Some(serde_json::json!("sent")));
    assert_eq!(role("Trash"), Some(serde_json::json!("trash")));
    assert!(role("Проекты/Отчёты 2024").is_some(), "Cyrillic nested folder: {folders}");

    // Bodies are cached: a message reads offline, byte for byte what the server has.
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "1", "--json"])).unwrap();
    let id = list[0]["id"].as_i64().unwrap().to_string();
    let uid = list[0]["uid"].as_u64().unwrap().to_string();
    let raw = profile.command(&["show", &id, "--raw"]).output().unwrap().stdout;
    let server_raw = stack.doveadm_bytes(&["fetch", "-u", &user.login, "text", "mailbox", "INBOX", "uid", &uid]);
    let expected = normalise_doveadm_text(&server_raw);
    assert!(expected == raw, "cached bytes differ from the server's ({} vs {} bytes)", raw.len(), expected.len());

    // A second sync with no change fetches nothing.
    let again = sync(&profile, &user.email);
    assert_eq!(again["messages_fetched"], 0, "{again}");
}

/// `doveadm fetch text` prints "text:" then the message as stored (LF line ends, as Maildir
/// keeps it); IMAP sends it with CRLF (RFC 3501 2.2). Strip the label and restore CRLF.
fn normalise_doveadm_text(out: &[u8]) -> Vec<u8> {
    let start = out.iter().position(|b| *b == b'\n').map_or(0, |p| p + 1);
    let mut body = out[start..].to_vec();
    // doveadm ends the field with an extra newline.
    while body.ends_with(b"\n\n") {
        body.pop();
    }
    let mut crlf = Vec::with_capacity(body.len() + body.len() / 40);
    for (i, byte) in body.iter().enumerate() {
        if *byte == b'\n' && (i == 0 || body[i - 1] != b'\r') {
            crlf.push(b'\r');
        }
        crlf.push(*byte);
    }
    crlf
}

#[test]
fn changes_by_another_client_appear_after_the_next_sync() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 120, &[]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let login = user.login.as_str();
    stack.doveadm(&["flags", "add", "-u", login, "\\Flagged $Important", "mailbox", "INBOX", "uid", "1:10"]);
    stack.doveadm(&["flags", "remove", "-u", login, "\\Seen", "mailbox", "INBOX", "uid", "11:20"]);
    stack.doveadm(&["expunge", "-u", login, "mailbox", "INBOX", "uid", "21:25"]);
    stack.doveadm(&["move", "-u", login, "Archive", "mailbox", "INBOX", "uid", "26:30"]);
    stack.doveadm(&["mailbox", "rename", "-u", login, "Работа", "Работа-2025"]);
    stack.doveadm(&["mailbox", "create", "-u", login, "Новая"]);
    stack.deliver(&user, b"From: Bob <bob@example.test>\r\nTo: u@example.test\r\nSubject: new one\r\n\r\nfresh\r\n");
    let summary = sync(&profile, &user.email);
    assert_mirrors(&profile, stack, &user);
    assert!(summary["messages_fetched"].as_u64().unwrap() >= 6, "new mail and moved mail: {summary}");
}

#[test]
fn changes_made_offline_reach_the_server_when_it_is_back() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 40, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "3", "--json"])).unwrap();
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|m| m["id"].to_string()).collect();
    let uids: Vec<u64> = list.as_array().unwrap().iter().map(|m| m["uid"].as_u64().unwrap()).collect();

    // The server is "offline": a port with nothing behind it.
    let config = profile.path().join("config/accounts.toml");
    let online = std::fs::read_to_string(&config).unwrap();
    let dead_port = support::free_port();
    std::fs::write(&config, online.replace(&format!("port = {}", stack.imaps_port), &format!("port = {dead_port}")))
        .unwrap();
    profile.ok(&["flag", &ids[0], "+flagged", "-seen"]);
    profile.ok(&["move", &ids[1], "Archive"]);
    profile.ok(&["delete", &ids[2]]);
    let offline = profile.run(&["sync", "--account", &user.email]);
    assert_eq!(offline.status.code(), Some(1), "{}", describe(&offline));
    // The local view already shows the changes.
    let inbox: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "100", "--json"])).unwrap();
    assert!(!inbox.as_array().unwrap().iter().any(|m| m["id"] == list[1]["id"]), "moved locally at once");

    std::fs::write(&config, online).unwrap();
    sync(&profile, &user.email);
    let server = server_state(stack, &user);
    assert!(server["INBOX"][&(uids[0] as u32)].contains("\\Flagged"));
    assert!(!server["INBOX"][&(uids[0] as u32)].contains("\\Seen"));
    assert!(!server["INBOX"].contains_key(&(uids[1] as u32)) && server["Archive"].len() == 1, "moved on the server");
    assert!(!server["INBOX"].contains_key(&(uids[2] as u32)) && server["Trash"].len() == 1, "deleted to Trash");
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn uidvalidity_change_rebuilds_the_folder() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 30, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    stack.doveadm(&["mailbox", "update", "-u", &user.login, "--uid-validity", "12345", "INBOX"]);
    let summary = sync(&profile, &user.email);
    let inbox = summary["folders"].as_array().unwrap().iter().find(|f| f["name"] == "INBOX").unwrap().clone();
    assert_eq!(inbox["rebuilt"], true, "{summary}");
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn folders_created_renamed_and_deleted_in_pochta_reach_the_server() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 20, &[]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    profile.ok(&["folder", "create", &user.email, "Проекты/Отчёты"]);
    profile.ok(&["folder", "rename", &user.email, "Работа", "Работа (старое)"]);
    profile.ok(&["folder", "delete", &user.email, "Archive/2023"]);
    // Visible at once, before any sync.
    let folders = profile.ok(&["folders", "--account", &user.email, "--json"]);
    assert!(folders.contains("Проекты/Отчёты") && folders.contains("Работа (старое)"), "{folders}");
    assert!(!folders.contains("Archive/2023"), "{folders}");
    sync(&profile, &user.email);
    let server = server_state(stack, &user);
    assert!(server.contains_key("Проекты/Отчёты"), "created on the server: {:?}", server.keys());
    assert!(server.contains_key("Работа (старое)") && !server.contains_key("Работа"), "renamed: {:?}", server.keys());
    assert!(!server.contains_key("Archive/2023"), "deleted: {:?}", server.keys());
    assert_mirrors(&profile, stack, &user);
}

/// Yandex offers neither CONDSTORE nor QRESYNC: the same Dovecot with both hidden (a proxy
/// renames them in the capability lists) must converge by the full UID and flag comparison.
#[test]
fn servers_without_condstore_or_qresync_converge_by_full_comparison() {
    converges_with_hidden_capabilities(&[(b"CONDSTORE", b"XONDSTORE"), (b"QRESYNC", b"XRESYNC")]);
}

/// CONDSTORE without QRESYNC: flags by CHANGEDSINCE, expunges by count and UID SEARCH.
#[test]
fn servers_with_condstore_only_converge_by_changedsince_and_counts() {
    converges_with_hidden_capabilities(&[(b"QRESYNC", b"XRESYNC")]);
}

fn converges_with_hidden_capabilities(hidden: &[(&[u8], &[u8])]) {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 80, &["--no-folders"]);
    let proxy = common::proxy::Proxy::start(stack.imap_port);
    proxy.set(common::proxy::Faults {
        rewrite: hidden.iter().map(|(from, to)| (from.to_vec(), to.to_vec())).collect(),
        ..Default::default()
    });
    let profile = Profile::new();
    common::imap::add_imap_account_with(&profile, stack, &user, proxy.port, "none");
    sync(&profile, &user.email);
    let login = user.login.as_str();
    stack.doveadm(&["flags", "add", "-u", login, "\\Flagged", "mailbox", "INBOX", "uid", "1:5"]);
    stack.doveadm(&["expunge", "-u", login, "mailbox", "INBOX", "uid", "6:9"]);
    stack.deliver(&user, b"From: a@example.test\r\nSubject: late\r\n\r\nx\r\n");
    let summary = sync(&profile, &user.email);
    let inbox = summary["folders"].as_array().unwrap().iter().find(|f| f["name"] == "INBOX").unwrap().clone();
    assert_eq!((inbox["removed"].as_u64(), inbox["new"].as_u64()), (Some(4), Some(1)), "{summary}");
    assert_mirrors(&profile, stack, &user);
}

/// "Last N days": older messages are listed (headers, flags) but their bodies stay on the server.
#[test]
fn body_days_keeps_only_recent_bodies_offline() {
    let stack = mailstack();
    let user = stack.fresh_user();
    // populate.py dates its mail 2015..2025: all of it is older than 30 days.
    stack.populate(&user, 30, &["--no-folders"]);
    stack.deliver(&user, b"From: a@example.test\r\nSubject: fresh\r\n\r\ntoday's news\r\n");
    let profile = Profile::new();
    let args = common::account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &["--body-days", "30"],
    );
    profile.add_account(&args);
    let summary = sync(&profile, &user.email);
    let inbox = summary["folders"].as_array().unwrap().iter().find(|f| f["name"] == "INBOX").unwrap().clone();
    assert_eq!((inbox["new"].as_u64(), inbox["bodies"].as_u64()), (Some(31), Some(1)), "{summary}");
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "100", "--json"])).unwrap();
    let fresh = list.as_array().unwrap().iter().find(|m| m["subject"] == "fresh").unwrap()["id"].to_string();
    let old = list.as_array().unwrap().iter().find(|m| m["subject"] != "fresh").unwrap()["id"].to_string();
    assert!(profile.ok(&["show", &fresh]).contains("today's news"));
    // An old body is fetched when the message is opened, and cached from then on.
    let opened = profile.run(&["show", &old, "--raw"]);
    assert!(opened.status.success() && opened.stdout.len() > 100, "{}", describe(&opened));
    let summary = sync(&profile, &user.email);
    let inbox = summary["folders"].as_array().unwrap().iter().find(|f| f["name"] == "INBOX").unwrap().clone();
    assert_eq!(inbox["bodies"].as_u64(), Some(0), "nothing is fetched twice: {summary}");
}

/// "Headers and text only, attachments on demand": the text is readable and searchable offline,
/// the attachments are listed with their names and sizes, their bytes come when opened.
#[test]
fn attachments_on_demand_keeps_text_offline_and_fetches_the_rest_when_opened() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let pdf = "JVBERi0xLjQK".repeat(4000); // 48 KB of base64
    let head: &[u8] = b"From: a@example.test\r\nSubject: report\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
        --outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n\
        --inner\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    // "Привет" in KOI8-R.
    let text: &[u8] = b"\xf0\xd2\xc9\xd7\xc5\xd4, the quarterly numbers are attached\r\n";
    let tail = format!(
        "--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>the quarterly numbers</p>\r\n--inner--\r\n\
         --outer\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename*=utf-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf\r\n\r\n\
         {pdf}\r\n--outer--\r\n"
    );
    let with_attachment = [head, text, tail.as_bytes()].concat();
    let bare_pdf = format!(
        "From: b@example.test\r\nSubject: scan\r\nMIME-Version: 1.0\r\nContent-Type: application/pdf; name=scan.pdf\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n"
    );
    stack.deliver(&user, &with_attachment);
    stack.deliver(&user, bare_pdf.as_bytes());
    stack.deliver(&user, b"From: c@example.test\r\nSubject: plain\r\n\r\njust words\r\n");
    let profile = Profile::new();
    let args = common::account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &["--attachments-on-demand"],
    );
    profile.add_account(&args);
    let summary = sync(&profile, &user.email);
    assert!(summary["bytes"].as_u64().unwrap() < 40_000, "the attachments stayed on the server: {summary}");
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--json"])).unwrap();
    let id_of = |subject: &str| {
        list.as_array().unwrap().iter().find(|m| m["subject"] == subject).unwrap()["id"].as_i64().unwrap().to_string()
    };
    let report = profile.ok(&["show", &id_of("report")]);
    assert!(report.contains("Привет, the quarterly numbers are attached"), "{report}");
    assert!(report.contains("Attachment: отчёт.pdf (application/pdf, "), "{report}");
    assert!(profile.ok(&["search", "quarterly"]).contains("report"), "the text is indexed");
    assert!(profile.ok(&["show", &id_of("scan")]).contains("Attachment: scan.pdf"));
    // Saving the attachment fetches it (the whole message) and writes the decoded bytes.
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let scan_id = pochta::model::MessageId(id_of("scan").parse().unwrap());
    let folder = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let saved = runtime.block_on(engine.save_attachment(scan_id, 0, folder.path())).unwrap();
    assert_eq!(saved.file_name().unwrap(), "scan.pdf");
    assert!(std::fs::read(&saved).unwrap() == b"%PDF-1.4\n".repeat(4000), "the decoded bytes");
    drop(engine);
    // Opening the bytes fetches the whole message: exactly what was delivered.
    let raw = profile.run(&["show", &id_of("report"), "--raw"]);
    assert!(raw.status.success(), "{}", describe(&raw));
    let delivered = stack.doveadm_bytes(&["fetch", "-u", &user.login, "text", "mailbox", "INBOX", "uid", "1"]);
    assert!(normalise_doveadm_text(&delivered) == raw.stdout, "the whole message arrived, byte for byte");
    assert!(profile.ok(&["show", &id_of("plain")]).contains("just words"));
}

/// COPY (with COPYUID) and APPEND (drafts, sent copies) go through the same queue.
#[test]
fn copies_and_appended_messages_reach_the_server() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 10, &[]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "1", "--json"])).unwrap();
    profile.ok(&["copy", &list[0]["id"].to_string(), "Archive"]);
    {
        let engine =
            pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
        let draft = "From: me@example.test\r\nSubject: Черновик\r\nMessage-ID: <draft-1@example.test>\r\n\r\nнаписать позже\r\n";
        let flags = pochta::model::Flags::from_names(["\\Draft", "\\Seen"]);
        engine
            .append_message(engine.account_by_address(&user.email).unwrap(), "Drafts", draft.as_bytes().to_vec(), flags)
            .unwrap();
    }
    sync(&profile, &user.email);
    let server = server_state(stack, &user);
    assert_eq!(server["Archive"].len(), 1, "copied: {server:?}");
    assert!(server["INBOX"].contains_key(&(list[0]["uid"].as_u64().unwrap() as u32)), "the original stays");
    let found = stack.doveadm(&["search", "-u", &user.login, "mailbox", "Drafts", "header", "Message-ID", "draft-1"]);
    let uid: u32 = found.split_whitespace().last().unwrap().parse().unwrap();
    assert!(server["Drafts"][&uid].contains("\\Draft"), "appended with its flags: {:?}", server["Drafts"][&uid]);
    assert_mirrors(&profile, stack, &user);
}

/// A change the server refuses for good (here: a move into a folder another client deleted) is
/// reported and undone locally; the message is where the server has it.
#[test]
fn a_refused_operation_is_reported_and_undone() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 5, &["--no-folders"]);
    stack.doveadm(&["mailbox", "create", "-u", &user.login, "Soon gone"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "1", "--json"])).unwrap();
    let id = list[0]["id"].to_string();
    profile.ok(&["move", &id, "Soon gone"]);
    stack.doveadm(&["mailbox", "delete", "-u", &user.login, "Soon gone"]);
    let summary = sync_with_refusals(&profile, &user.email);
    assert!(summary["errors"].to_string().contains("refused"), "reported: {summary}");
    assert_eq!(summary["refused"][0]["operation"], "move", "which operation: {summary}");
    let inbox: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "10", "--json"])).unwrap();
    assert!(inbox.as_array().unwrap().iter().any(|m| m["id"] == list[0]["id"]), "back in INBOX: {inbox}");
    assert_mirrors(&profile, stack, &user);
}

/// An upload the server refuses before taking the message (here an APPEND into a folder another
/// client deleted: a tagged NO instead of the "+" continuation) is reported and undone like any
/// refusal: the pass goes on, nothing is retried for ever, and the letter stays here, in the
/// folder kept locally for it.
#[test]
fn an_upload_refused_before_its_data_is_reported_and_the_letter_kept() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 3, &["--no-folders"]);
    stack.doveadm(&["mailbox", "create", "-u", &user.login, "Soon gone"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    {
        let engine =
            pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
        let letter =
            "From: me@example.test\r\nSubject: Kept copy\r\nMessage-ID: <kept-1@example.test>\r\n\r\nтекст\r\n";
        let flags = pochta::model::Flags::from_names(["\\Seen"]);
        engine
            .append_message(
                engine.account_by_address(&user.email).unwrap(),
                "Soon gone",
                letter.as_bytes().to_vec(),
                flags,
            )
            .unwrap();
    }
    stack.doveadm(&["mailbox", "delete", "-u", &user.login, "Soon gone"]);
    let summary = sync_with_refusals(&profile, &user.email);
    assert!(summary["errors"].to_string().contains("refused"), "reported: {summary}");
    assert_eq!(summary["refused"][0]["operation"], "append", "which operation: {summary}");
    let again = sync(&profile, &user.email);
    assert!(again["errors"].as_array().is_none_or(Vec::is_empty), "nothing left to retry: {again}");
    let kept = profile.ok(&["list", "--account", &user.email, "--folder", "Soon gone", "--json"]);
    assert!(kept.contains("Kept copy"), "the letter is still here: {kept}");
}
