//! Rules for an IMAP account against the real Dovecot: new INBOX mail matched by a rule is moved
//! and flagged on the server in the same sync, exactly as the user's own action would be; mail
//! that was already there before is left alone.

mod common;
mod support;

use common::Profile;
use common::imap::{add_imap_account, sync};
use support::mailstack;

const RULES: &str = r#"
[[account.rules]]
field = "from"
contains = "billing@shop"
move_to = "Bills"
mark_read = true

[[account.rules]]
field = "subject"
contains = "urgent"
flag = true
"#;

#[test]
fn rules_move_and_flag_new_imap_mail_on_the_server() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.doveadm(&["mailbox", "create", "-u", &user.login, "Bills"]);
    stack.deliver(&user, b"From: billing@shop.example\r\nSubject: old invoice\r\n\r\nx\r\n");
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let config = profile.path().join("config/accounts.toml");
    let text = std::fs::read_to_string(&config).unwrap() + RULES;
    std::fs::write(&config, text).unwrap();

    stack.deliver(&user, b"From: billing@shop.example\r\nSubject: new invoice\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: boss@example.test\r\nSubject: urgent: call me\r\n\r\nx\r\n");
    let summary = sync(&profile, &user.email);
    assert!(summary["errors"].as_array().unwrap().is_empty(), "{summary}");

    let fetch = |mailbox: &str| {
        stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "flags hdr.subject", "mailbox", mailbox, "all"])
    };
    let inbox = fetch("INBOX");
    let bills = fetch("Bills");
    assert!(inbox.contains("old invoice"), "mail from before the rule stays: {inbox}");
    assert!(!inbox.contains("new invoice") && bills.contains("new invoice"), "INBOX: {inbox}\nBills: {bills}");
    assert!(bills.contains("\\Seen"), "{bills}");
    let urgent = inbox.lines().find(|l| l.contains("urgent")).unwrap();
    assert!(urgent.contains("\\Flagged"), "{urgent}");
}

fn fetch(stack: &support::MailStack, user: &support::TestUser, mailbox: &str) -> String {
    stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "flags hdr.subject", "mailbox", mailbox, "all"])
}

fn line_of<'a>(listing: &'a str, subject: &str) -> &'a str {
    listing.lines().find(|l| l.contains(subject)).unwrap_or_else(|| panic!("no \"{subject}\" in {listing}"))
}

#[test]
fn copies_tags_any_stop_header_patterns_and_disabled_rules_act_on_arrival_on_the_server() {
    use pochta::model::{Condition, Rule, RuleField, RuleTest};
    let stack = mailstack();
    let user = stack.fresh_user();
    for mailbox in ["Bills", "Archive"] {
        stack.doveadm(&["mailbox", "create", "-u", &user.login, mailbox]);
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let rules = vec![
        Rule {
            enabled: false,
            delete: true,
            ..Rule::when(Condition::new(RuleField::From, RuleTest::Contains, "shop"))
        },
        Rule {
            match_any: true,
            move_to: Some("Bills".into()),
            copy_to: Some("Archive".into()),
            tag: Some("$bills".into()),
            stop: true,
            conditions: vec![
                Condition::new(RuleField::From, RuleTest::Is, "billing@shop.example"),
                Condition::new(RuleField::Subject, RuleTest::StartsWith, "invoice"),
            ],
            ..Rule::default()
        },
        Rule { flag: true, ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Contains, "invoice")) },
        Rule { mark_read: true, ..Rule::when(Condition::header("X-Mailer", RuleTest::Matches, "newsbot ?.*")) },
    ];
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    engine.set_rules(engine.account_by_address(&user.email).unwrap(), rules).unwrap();
    drop(engine);

    stack.deliver(&user, b"From: billing@shop.example\r\nSubject: your invoice one\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: other@x.example\r\nSubject: Invoice two\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: news@x.example\r\nX-Mailer: NewsBot 3.1\r\nSubject: weekly news\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: news@x.example\r\nX-Mailer: NewsBot 10.1\r\nSubject: monthly news\r\n\r\nx\r\n");
    let summary = sync(&profile, &user.email);
    assert!(summary["errors"].as_array().unwrap().is_empty(), "{summary}");

    let (inbox, bills, archive) =
        (fetch(stack, &user, "INBOX"), fetch(stack, &user, "Bills"), fetch(stack, &user, "Archive"));
    for subject in ["your invoice one", "Invoice two"] {
        let filed = line_of(&bills, subject);
        assert!(filed.contains("$bills"), "tagged: {filed}");
        assert!(!filed.contains("\\Flagged"), "the rule after \"stop\" did not run: {filed}");
        assert!(line_of(&archive, subject).contains("$bills"), "copied with its tag: {archive}");
        assert!(!inbox.contains(subject), "moved: {inbox}");
    }
    assert!(line_of(&inbox, "weekly news").contains("\\Seen"), "the header pattern matched: {inbox}");
    assert!(!line_of(&inbox, "monthly news").contains("\\Seen"), "? is one character: {inbox}");
}

#[test]
fn run_now_files_a_folders_letters_on_the_server_reports_progress_and_stops_when_told() {
    use pochta::model::{Condition, Rule, RuleField, RuleTest};
    use std::sync::atomic::AtomicBool;
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.doveadm(&["mailbox", "create", "-u", &user.login, "Reports"]);
    stack.deliver(&user, b"From: a@x.example\r\nSubject: weekly report 1\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: b@x.example\r\nSubject: lunch\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: c@x.example\r\nSubject: Weekly Report 2\r\n\r\nx\r\n");
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);

    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let inbox = engine.find_folder(engine.account_by_address(&user.email).unwrap(), Some("INBOX")).unwrap();
    let rules = vec![Rule {
        move_to: Some("Reports".into()),
        tag: Some("$report".into()),
        mark_read: true,
        ..Rule::when(Condition::new(RuleField::Subject, RuleTest::Contains, "weekly report"))
    }];
    let stopped = engine.run_rules_on_folder(inbox, &rules, &AtomicBool::new(true), &mut |_| {}).unwrap();
    assert!(stopped.stopped && stopped.checked == 0 && stopped.matched == 0, "{stopped:?}");

    let mut reports = Vec::new();
    let run = engine
        .run_rules_on_folder(inbox, &rules, &AtomicBool::new(false), &mut |run| reports.push(run.clone()))
        .unwrap();
    assert_eq!((run.checked, run.total, run.matched, run.stopped), (3, 3, 2, false), "{run:?}");
    assert!(run.problems.is_empty(), "{run:?}");
    assert_eq!(reports.last(), Some(&run), "progress after each page, the last one the end");
    let refused = engine.run_rules_on_folder(inbox, &[Rule::default()], &AtomicBool::new(false), &mut |_| {});
    assert!(refused.is_err(), "a rule list that cannot be saved does not run either");
    drop(engine);

    let summary = sync(&profile, &user.email);
    assert!(summary["errors"].as_array().unwrap().is_empty(), "{summary}");
    let (inbox, filed) = (fetch(stack, &user, "INBOX"), fetch(stack, &user, "Reports"));
    for subject in ["weekly report 1", "Weekly Report 2"] {
        let line = line_of(&filed, subject);
        assert!(line.contains("\\Seen") && line.contains("$report"), "{line}");
    }
    assert!(inbox.contains("lunch") && !inbox.contains("eport"), "{inbox}");
}
