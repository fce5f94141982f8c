//! POP3 accounts' local folders and rules against the real Dovecot: rules sort arriving mail and,
//! run now, the mail already here;
//! INBOX, Sent, Drafts and Trash exist locally; user folders, moves and deletes work with no
//! server; deleting here deletes the server copy at the next sync when the account says so.

mod common;
mod support;

use common::Profile;
use common::pop3::{add_pop3_account, server_count, sync};
use support::mailstack;

const RULES: &str = r#"
[[account.rules]]
name = "Bills"
field = "from"
contains = "billing@shop"
move_to = "Bills"
mark_read = true

[[account.rules]]
field = "header"
header = "List-Id"
contains = "dev.lists.example"
move_to = "Lists/Dev"
flag = true

[[account.rules]]
field = "subject"
contains = "WIN A PRIZE"
delete = true

[[account.rules]]
field = "to"
contains = "team@"
flag = true
"#;

fn folder_of(profile: &Profile, subject: &str) -> (String, Vec<String>) {
    let list: serde_json::Value = serde_json::from_str(&profile.ok(&["search", subject, "--json"])).unwrap();
    let hit = &list[0];
    let flags = hit["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
    (hit["folder"].as_str().unwrap_or_default().to_string(), flags)
}

#[test]
fn rules_put_arriving_pop3_mail_where_it_belongs() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let config = profile.path().join("config/accounts.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(RULES);
    std::fs::write(&config, text).unwrap();
    stack.deliver(&user, b"From: Shop <billing@shop.example>\r\nTo: me@x\r\nSubject: invoice alpha\r\n\r\npay\r\n");
    stack.deliver(
        &user,
        b"From: x@y\r\nTo: me@x\r\nList-Id: Dev list\r\n <dev.lists.example>\r\nSubject: patch beta\r\n\r\nx\r\n",
    );
    stack.deliver(&user, b"From: x@y\r\nTo: me@x\r\nSubject: win a prize gamma\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: x@y\r\nTo: team@x\r\nSubject: standup delta\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: x@y\r\nTo: me@x\r\nSubject: hello epsilon\r\n\r\nx\r\n");
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 5, "{summary}");
    assert_eq!(folder_of(&profile, "alpha"), ("Bills".to_string(), vec!["\\Seen".to_string()]));
    assert_eq!(folder_of(&profile, "beta"), ("Lists/Dev".to_string(), vec!["\\Flagged".to_string()]));
    assert_eq!(folder_of(&profile, "gamma").0, "Trash");
    assert_eq!(folder_of(&profile, "delta"), ("INBOX".to_string(), vec!["\\Flagged".to_string()]));
    assert_eq!(folder_of(&profile, "epsilon"), ("INBOX".to_string(), vec![]));
}

#[test]
fn local_folders_moves_and_deletes_work_and_delete_here_deletes_on_the_server() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let options = ["--pop3-leave-on-server", "--pop3-delete-when-deleted-locally"];
    add_pop3_account(&profile, stack, &user, stack.pop3_port, "starttls", &options);
    for n in 0..3 {
        stack.deliver(&user, format!("From: x@y\r\nSubject: note {n}\r\n\r\nbody {n}\r\n").as_bytes());
    }
    sync(&profile, &user.email);
    let folders: serde_json::Value = serde_json::from_str(&profile.ok(&["folders", "--json"])).unwrap();
    let roles: Vec<_> = folders.as_array().unwrap().iter().map(|f| (f["name"].clone(), f["role"].clone())).collect();
    for (name, role) in [("INBOX", "inbox"), ("Sent", "sent"), ("Drafts", "drafts"), ("Trash", "trash")] {
        assert!(roles.contains(&(name.into(), role.into())), "{name} missing: {folders}");
    }
    profile.ok(&["folder", "create", &user.email, "Архив"]);
    profile.ok(&["folder", "rename", &user.email, "Архив", "Архив 2025"]);
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--json"])).unwrap();
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|m| m["id"].to_string()).collect();
    assert_eq!(ids.len(), 3);
    profile.ok(&["move", &ids[0], "Архив 2025"]);
    profile.ok(&["flag", &ids[0], "+seen"]);
    profile.ok(&["delete", &ids[1]]);
    let count = |folder: &str| -> usize {
        let list: serde_json::Value =
            serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--folder", folder, "--json"]))
                .unwrap();
        list.as_array().unwrap().len()
    };
    assert_eq!((count("INBOX"), count("Архив 2025"), count("Trash")), (1, 1, 1));
    assert_eq!(server_count(stack, &user), 3, "nothing changes on the server before a sync");
    // Deleting from Trash removes it for good.
    profile.ok(&["delete", &ids[1]]);
    assert_eq!(count("Trash"), 0);
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["deleted_on_server"], 1, "{summary}");
    assert_eq!(summary["messages_fetched"], 0, "{summary}");
    assert_eq!(server_count(stack, &user), 2);
}

#[test]
fn a_pop3_preset_account_says_what_dele_does_at_the_provider() {
    let profile = Profile::new();
    let add = profile.run(&[
        "account",
        "add",
        "--email",
        "ivan@yandex.ru",
        "--preset",
        "yandex",
        "--protocol",
        "pop3",
        "--password-command",
        "echo x",
    ]);
    assert!(add.status.success(), "{}", common::describe(&add));
    let list = profile.ok(&["account", "list"]);
    assert!(list.contains("pop.yandex.ru:995"), "{list}");
    assert!(list.contains("downloads and then deletes"), "{list}");
    assert!(list.contains("Yandex keeps it"), "the provider's DELE note: {list}");
    let json: serde_json::Value = serde_json::from_str(&profile.ok(&["account", "list", "--json"])).unwrap();
    assert_eq!(json[0]["pop3"]["leave_on_server"], false);
}

#[test]
fn rules_set_through_the_engine_api_apply_to_the_next_arrival() {
    use pochta::engine::api::EngineHandle;
    use pochta::model::{Condition, Rule, RuleField, RuleTest};
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let engine = EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let rule = Rule {
        name: "Reports".into(),
        move_to: Some("Reports".into()),
        flag: true,
        ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Contains, "weekly report"))
    };
    engine.set_rules(engine.account_by_address(&user.email).unwrap(), vec![rule]).unwrap();
    assert!(engine.account_by_address("nobody@example.test").is_err());
    assert!(engine.set_rules(pochta::model::AccountId(i64::MAX), Vec::new()).is_err());
    drop(engine);
    stack.deliver(&user, b"From: x@y\r\nSubject: Weekly Report zeta\r\n\r\nx\r\n");
    sync(&profile, &user.email);
    assert_eq!(folder_of(&profile, "zeta"), ("Reports".to_string(), vec!["\\Flagged".to_string()]));
}

#[test]
fn run_now_files_local_mail_into_folders_made_on_demand_with_copies_and_tags() {
    use pochta::engine::api::EngineHandle;
    use pochta::model::{Condition, Rule, RuleField, RuleTest};
    use std::sync::atomic::AtomicBool;
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    stack.deliver(&user, b"From: x@y\r\nSubject: receipt kappa\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: x@y\r\nSubject: hello lambda\r\n\r\nx\r\n");
    sync(&profile, &user.email);
    let engine = EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), Some("INBOX")).unwrap();
    let rule = Rule {
        move_to: Some("Receipts/2026".into()),
        copy_to: Some("Archive".into()),
        tag: Some("$receipt".into()),
        ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Matches, "receipt *"))
    };
    let run = engine.run_rules_on_folder(inbox, &[rule], &AtomicBool::new(false), &mut |_| {}).unwrap();
    assert_eq!((run.checked, run.matched), (2, 1), "{run:?}");
    drop(engine);
    let hits: serde_json::Value = serde_json::from_str(&profile.ok(&["search", "kappa", "--json"])).unwrap();
    let mut folders: Vec<&str> = hits.as_array().unwrap().iter().map(|hit| hit["folder"].as_str().unwrap()).collect();
    folders.sort();
    assert_eq!(folders, ["Archive", "Receipts/2026"], "moved into a folder made for it, and copied");
    assert_eq!(folder_of(&profile, "lambda"), ("INBOX".to_string(), vec![]));
}
