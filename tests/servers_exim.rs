//! Sending through a second SMTP submission server family: Exim 4.96
//! (tests/mailstack/start-exim.sh), STARTTLS on its submission port and implicit TLS on its SMTPS
//! port, AUTH only after TLS, the sender bound to the login. The letter arrives (delivered by Exim
//! to the main stack's Dovecot) as written, the Sent copy is filed once, and a sender the login
//! does not own is refused in Exim's words while the letter stays queued.

mod common;
mod support;

use common::imap::sync;
use common::servers::exim;
use common::{Profile, account_add_args, describe};
use std::time::{Duration, Instant};
use support::{MailStack, TestUser, mailstack};

fn profile_sending_through(stack: &MailStack, user: &TestUser, smtp: (u16, &str), extra: &[&str]) -> Profile {
    let profile = Profile::new();
    profile.add_account(&account_add_args(stack, user, "imap", (stack.imaps_port, "ssl"), smtp, true, extra));
    sync(&profile, &user.email);
    profile
}

fn arrived(stack: &MailStack, user: &TestUser, subject: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = stack.doveadm(&["search", "-u", &user.login, "mailbox", "INBOX", "subject", subject]);
        if !found.trim().is_empty() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn sends_and_files_once(security: &str) {
    let stack = mailstack();
    let smtp = exim(stack);
    let (from, to) = (stack.fresh_user(), stack.fresh_user());
    let port = if security == "ssl" { smtp.smtps_port } else { smtp.submission_port };
    let profile = profile_sending_through(stack, &from, (port, security), &[]);
    let subject = format!("Отчёт через Exim ({security})");
    let output = profile.run_with_stdin(
        &["send", "--account", &from.email, "--to", &to.email, "--subject", &subject, "--json"],
        "Привет!\n",
    );
    assert!(output.status.success(), "{}", describe(&output));
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["state"], "sent", "{result}");
    assert!(arrived(stack, &to, "Exim"), "the letter reached the recipient through Exim");
    sync(&profile, &from.email);
    let sent = stack.doveadm(&["search", "-u", &from.login, "mailbox", "Sent", "all"]);
    assert_eq!(sent.lines().count(), 1, "one Sent copy: {sent:?}");
}

#[test]
fn exim_submission_with_starttls_delivers_and_the_sent_copy_is_filed_once() {
    sends_and_files_once("starttls");
}

#[test]
fn exim_smtps_delivers_and_the_sent_copy_is_filed_once() {
    sends_and_files_once("ssl");
}

#[test]
fn exim_refuses_a_sender_the_login_does_not_own_in_its_own_words_and_the_letter_stays_queued() {
    let stack = mailstack();
    let smtp = exim(stack);
    let (user, other, to) = (stack.fresh_user(), stack.fresh_user(), stack.fresh_user());
    // The account's address is another user's; it logs in as `user`.
    let mut args = account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "ssl"),
        (smtp.submission_port, "starttls"),
        true,
        &[],
    );
    let email = args.iter().position(|a| a == "--email").unwrap() + 1;
    args[email] = other.email.clone();
    let profile = Profile::new();
    profile.add_account(&args);
    let output =
        profile.run_with_stdin(&["send", "--account", &other.email, "--to", &to.email, "--subject", "not mine"], "x\n");
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = common::stderr(&output);
    assert!(said.contains("not owned by"), "Exim's words are shown: {said}");
    assert!(said.contains("stays in the outbox"), "{said}");
    let outbox: serde_json::Value = serde_json::from_str(&profile.ok(&["outbox", "--json"])).unwrap();
    assert_eq!(outbox.as_array().unwrap().len(), 1, "the letter stays queued: {outbox}");
    assert_eq!(outbox[0]["state"], "failed", "{outbox}");
}
