//! The junk filter for an IMAP account against the real Dovecot: the user's Junk / Not junk
//! (`pochta junk ID`, `pochta not-junk ID`) train it and reach the server as `$Junk` / `$NotJunk`
//! and moves; new INBOX mail that looks like what was called junk goes to Junk with `$Junk` in the
//! same sync; a sender the user has written to never does; a provider's verdict header alone is
//! enough; the filter switched off for the account moves nothing; a letter another client marked
//! `$NotJunk` stays where it is and the keyword is read back.

mod common;
mod support;

use common::Profile;
use common::imap::{add_imap_account, sync};
use support::{MailStack, TestUser, mailstack};

fn letter(from: &str, subject: &str, text: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: someone@example.test\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n"
    )
    .into_bytes()
}

const JUNK: &[(&str, &str, &str)] = &[
    ("prize@lottery-win.example", "Вы выиграли приз", "Поздравляем! Ваш выигрыш ждёт, получите приз бесплатно."),
    ("bonus@casino-top.example", "Бесплатные бонусы казино", "Только сегодня бонус 200%, играйте и выигрывайте."),
    ("winner@lottery-win.example", "You are a winner", "Claim your prize now, free money, click here."),
];
const GOOD: &[(&str, &str, &str)] = &[
    ("anna@corp.example", "Квартальный отчёт", "Коллеги, направляю квартальный отчёт, прошу проверить."),
    ("ivan@corp.example", "Совещание по проекту", "Совещание переносится на вторник."),
    ("mary@corp.example", "Contract review", "Please review the attached contract before Monday."),
];

/// `pochta list --json` of a folder: (id, subject, keywords and flags as text).
fn listed(profile: &Profile, email: &str, folder: &str) -> Vec<(i64, String, String)> {
    let list = profile.ok(&["list", "--account", email, "--folder", folder, "--limit", "1000", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m["subject"].as_str().unwrap_or("").to_string(), m.to_string()))
        .collect()
}

fn id_of(profile: &Profile, email: &str, folder: &str, subject: &str) -> i64 {
    let rows = listed(profile, email, folder);
    rows.iter().find(|(_, s, _)| s == subject).unwrap_or_else(|| panic!("{subject} not in {folder}: {rows:?}")).0
}

/// The server's view of a mailbox: one line per message with its flags and subject.
fn server(stack: &MailStack, user: &TestUser, mailbox: &str) -> String {
    stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "flags hdr.subject", "mailbox", mailbox, "all"])
}

fn line_of<'a>(text: &'a str, subject: &str) -> &'a str {
    text.lines().find(|line| line.contains(subject)).unwrap_or_else(|| panic!("{subject} not in {text}"))
}

fn no_errors(summary: serde_json::Value) {
    assert!(summary["errors"].as_array().unwrap().is_empty(), "{summary}");
}

/// A profile with the user's account, the training letters synced, junk marked by the user.
fn trained_profile(stack: &MailStack, user: &TestUser) -> Profile {
    for (from, subject, text) in JUNK.iter().chain(GOOD) {
        stack.deliver(user, &letter(from, subject, text));
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, user, stack.imaps_port);
    no_errors(sync(&profile, &user.email));
    for (_, subject, _) in JUNK {
        let id = id_of(&profile, &user.email, "INBOX", subject);
        profile.ok(&["junk", &id.to_string()]);
    }
    // The good letters are learned from the Inbox (the Junk folder's are already trained).
    let learned: serde_json::Value = serde_json::from_str(&profile.ok(&["junk-filter", "learn", "--json"])).unwrap();
    assert_eq!(learned["good"], 3, "{learned}");
    no_errors(sync(&profile, &user.email));
    profile
}

#[test]
fn junk_clicks_train_the_filter_new_junk_goes_to_junk_and_not_junk_brings_it_back() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = trained_profile(stack, &user);
    let junk = server(stack, &user, "Junk");
    for (_, subject, _) in JUNK {
        assert!(line_of(&junk, subject).contains("$Junk"), "{junk}");
    }

    // New mail: one like the junk, one from a colleague.
    stack.deliver(&user, &letter("prize@lottery-win.example", "Ваш выигрыш: приз ждёт", "Получите бонус бесплатно."));
    stack.deliver(&user, &letter("anna@corp.example", "Отчёт за квартал", "Направляю отчёт, прошу проверить."));
    no_errors(sync(&profile, &user.email));
    let (inbox, junk) = (server(stack, &user, "INBOX"), server(stack, &user, "Junk"));
    assert!(line_of(&junk, "Ваш выигрыш").contains("$Junk"), "Junk: {junk}\nINBOX: {inbox}");
    assert!(!inbox.contains("Ваш выигрыш"), "{inbox}");
    assert!(inbox.contains("Отчёт за квартал") && !junk.contains("Отчёт за квартал"), "{inbox}");

    // Why: the score and the tokens that weigh most.
    let id = id_of(&profile, &user.email, "Junk", "Ваш выигрыш: приз ждёт");
    let why: serde_json::Value =
        serde_json::from_str(&profile.ok(&["junk-filter", "why", &id.to_string(), "--json"])).unwrap();
    assert_eq!(why["junk"], true, "{why}");
    assert!(!why["clues"].as_array().unwrap().is_empty(), "{why}");

    // Not junk: back to the Inbox with $NotJunk and without $Junk, and the filter learns it.
    profile.ok(&["not-junk", &id.to_string()]);
    no_errors(sync(&profile, &user.email));
    let inbox = server(stack, &user, "INBOX");
    let back = line_of(&inbox, "Ваш выигрыш");
    let keywords: Vec<&str> = back.split(|c: char| c.is_whitespace() || c == '=').collect();
    assert!(keywords.contains(&"$NotJunk") && !keywords.contains(&"$Junk"), "{back}");
    assert!(!server(stack, &user, "Junk").contains("Ваш выигрыш"));
    let id = id_of(&profile, &user.email, "INBOX", "Ваш выигрыш: приз ждёт");
    let why: serde_json::Value =
        serde_json::from_str(&profile.ok(&["junk-filter", "why", &id.to_string(), "--json"])).unwrap();
    assert!(why["score"].as_f64().unwrap() < 0.9, "{why}");
}

#[test]
fn a_sender_the_user_wrote_to_is_never_junk() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = trained_profile(stack, &user);
    // The user once wrote to the lottery address (a letter in Sent, uploaded by the sync).
    let sent = letter(&user.email, "Отписка", "Уберите меня из рассылки.");
    let sent = String::from_utf8(sent).unwrap().replace("To: someone@example.test", "To: prize@lottery-win.example");
    let file = profile.path().join("sent.eml");
    std::fs::write(&file, sent).unwrap();
    profile.ok(&["import", "eml", file.to_str().unwrap(), "--folder", "Sent", "--account", &user.email]);
    no_errors(sync(&profile, &user.email));

    stack.deliver(&user, &letter("prize@lottery-win.example", "Ваш выигрыш снова", "Получите приз бесплатно."));
    no_errors(sync(&profile, &user.email));
    assert!(server(stack, &user, "INBOX").contains("Ваш выигрыш снова"));
    assert!(!server(stack, &user, "Junk").contains("Ваш выигрыш снова"));
    let id = id_of(&profile, &user.email, "INBOX", "Ваш выигрыш снова");
    let why: serde_json::Value =
        serde_json::from_str(&profile.ok(&["junk-filter", "why", &id.to_string(), "--json"])).unwrap();
    assert_eq!(why["known_correspondent"], true, "{why}");
}

#[test]
fn a_provider_verdict_alone_sends_to_junk_unless_the_filter_is_off() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    no_errors(sync(&profile, &user.email));
    let flagged = |subject: &str| {
        let mut raw = b"X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=12.3\r\n".to_vec();
        raw.extend(letter("news@somewhere.example", subject, "Hello"));
        raw
    };
    stack.deliver(&user, &flagged("Flagged by the provider"));
    no_errors(sync(&profile, &user.email));
    assert!(line_of(&server(stack, &user, "Junk"), "Flagged by the provider").contains("$Junk"));

    profile.ok(&["junk-filter", "off", &user.email]);
    stack.deliver(&user, &flagged("Flagged again, filter off"));
    no_errors(sync(&profile, &user.email));
    assert!(server(stack, &user, "INBOX").contains("Flagged again, filter off"));
}

#[test]
fn a_letter_another_client_marked_not_junk_stays_and_its_keyword_is_read_back() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = trained_profile(stack, &user);
    stack.deliver(&user, &letter("prize@lottery-win.example", "Выигрыш для вас", "Получите приз бесплатно."));
    // Another client (here the server's own tool) says it is not junk before Pochta sees it.
    stack.doveadm(&["flags", "add", "-u", &user.login, "$NotJunk", "mailbox", "INBOX", "subject", "Выигрыш для вас"]);
    no_errors(sync(&profile, &user.email));
    assert!(server(stack, &user, "INBOX").contains("Выигрыш для вас"));
    let rows = listed(&profile, &user.email, "INBOX");
    let row = rows.iter().find(|(_, subject, _)| subject == "Выигрыш для вас").expect("cached in INBOX");
    assert!(row.2.contains("$NotJunk"), "{row:?}");
}
