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
