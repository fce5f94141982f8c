//! Sending against the harness's real Postfix (submission with STARTTLS, SMTPS,
//! `reject_sender_login_mismatch`, a 10 MB limit) and Dovecot: what arrives is what was written
//! (Cyrillic subject and file name, identical bytes, no Bcc), the Sent copy keeps the Bcc and the
//! Message-ID, threads hold together, letters wait out an outage in the outbox and go exactly
//! once, and each refusal is explained in its own words while the letter stays queued.

mod common;
mod support;

use common::imap::sync;
use common::{Profile, account_add_args, describe, stderr, stdout};
use mail_parser::{MessageParser, MimeHeaders};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{MailStack, TestUser, mailstack};

/// The outage test stops Postfix: the other tests of this file wait for it.
static POSTFIX: Mutex<()> = Mutex::new(());

fn lock_postfix() -> std::sync::MutexGuard<'static, ()> {
    POSTFIX.lock().unwrap_or_else(|p| p.into_inner())
}

/// Restarts Postfix however the test ends.
struct PostfixStopped<'a>(&'a MailStack);

impl<'a> PostfixStopped<'a> {
    fn stop(stack: &'a MailStack) -> PostfixStopped<'a> {
        stack.stop_postfix();
        PostfixStopped(stack)
    }
}

impl Drop for PostfixStopped<'_> {
    fn drop(&mut self) {
        self.0.start_postfix();
    }
}

/// A profile with `user` as an IMAP account sending through submission (587-style, STARTTLS).
fn sender(stack: &MailStack, user: &TestUser, extra: &[&str]) -> Profile {
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        user,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.submission_port, "starttls"),
        true,
        extra,
    ));
    profile
}

/// A profile with `user` as a POP3 account (its folders kept here) sending through Postfix.
fn pop3_sender(stack: &MailStack, user: &TestUser) -> Profile {
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        user,
        "pop3",
        (stack.pop3s_port, "ssl"),
        (stack.submission_port, "starttls"),
        true,
        &[],
    ));
    profile
}

/// The INBOX messages of `user` as the server has them, waiting until there are `count`.
fn inbox(stack: &MailStack, user: &TestUser, count: usize) -> Vec<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let uids: Vec<String> = stack
            .doveadm(&["-f", "flow", "search", "-u", &user.login, "mailbox", "INBOX", "all"])
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
            .collect();
        if uids.len() >= count || Instant::now() > deadline {
            return uids
                .iter()
                .map(|uid| {
                    let out =
                        stack.doveadm_bytes(&["fetch", "-u", &user.login, "text", "mailbox", "INBOX", "uid", uid]);
                    out[out.iter().position(|b| *b == b'\n').map_or(0, |p| p + 1)..].to_vec()
                })
                .collect();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn outbox(profile: &Profile) -> serde_json::Value {
    serde_json::from_str(&profile.ok(&["outbox", "--json"])).unwrap()
}

fn send(profile: &Profile, args: &[&str], body: &str) -> std::process::Output {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    profile.run_with_stdin(&all, body)
}

#[test]
fn a_letter_arrives_identical_without_bcc_and_is_filed_in_sent_with_the_same_message_id() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob, carol, dave) = (stack.fresh_user(), stack.fresh_user(), stack.fresh_user(), stack.fresh_user());
    let profile = sender(stack, &alice, &["--name", "Алиса"]);
    sync(&profile, &alice.email);
    let attachment: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let file = profile.path().join("Отчёт за ноябрь.bin");
    std::fs::write(&file, &attachment).unwrap();
    let body = "Привет, Боб!\nОтчёт во вложении.\n.\nСтрока с точкой выше.\n";
    let output = send(
        &profile,
        &[
            "--account",
            &alice.email,
            "--to",
            &bob.email,
            "--cc",
            &carol.email,
            "--bcc",
            &dave.email,
            "--subject",
            "Отчёт за ноябрь",
            "--attach",
            file.to_str().unwrap(),
            "--json",
        ],
        body,
    );
    assert!(output.status.success(), "{}", describe(&output));
    let result: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["state"], "sent", "{result}");
    let message_id = result["message_id"].as_str().unwrap().to_string();

    // Bob reads it through Pochta's own IMAP sync.
    let reader = Profile::new();
    common::imap::add_imap_account(&reader, stack, &bob, stack.imaps_port);
    assert_eq!(inbox(stack, &bob, 1).len(), 1);
    sync(&reader, &bob.email);
    let list: serde_json::Value = serde_json::from_str(&reader.ok(&["list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let id = list[0]["id"].to_string();
    let received = reader.command(&["show", &id, "--raw"]).output().unwrap().stdout;
    let delivered = MessageParser::default().parse(&received).unwrap();
    assert_eq!(delivered.message_id(), Some(message_id.as_str()));
    assert_eq!(delivered.subject(), Some("Отчёт за ноябрь"));
    assert_eq!(delivered.from().unwrap().first().unwrap().name(), Some("Алиса"));
    assert!(delivered.bcc().is_none(), "no Bcc header reaches recipients");
    assert!(!String::from_utf8_lossy(&received).contains(&dave.email), "the Bcc address is nowhere in it");
    assert!(delivered.body_text(0).unwrap().starts_with(body), "{:?}", delivered.body_text(0));
    let part = delivered.attachments().next().unwrap();
    assert_eq!(part.attachment_name(), Some("Отчёт за ноябрь.bin"));
    assert_eq!(part.contents(), attachment.as_slice(), "attachment bytes are identical");

    // Carol (Cc) and Dave (Bcc) got it too; Dave's copy does not name him either.
    assert_eq!(inbox(stack, &carol, 1).len(), 1);
    let dave_copy = inbox(stack, &dave, 1);
    assert!(!String::from_utf8_lossy(&dave_copy[0]).contains("Bcc:"));

    // Alice's Sent: the same letter with its Bcc, uploaded by her next sync.
    assert!(outbox(&profile).as_array().unwrap().is_empty());
    sync(&profile, &alice.email);
    let sent = stack.doveadm_bytes(&["fetch", "-u", &alice.login, "text", "mailbox", "Sent", "all"]);
    let sent = &sent[sent.iter().position(|b| *b == b'\n').unwrap() + 1..];
    let sent = MessageParser::default().parse(sent).unwrap();
    assert_eq!(sent.message_id(), Some(message_id.as_str()));
    assert_eq!(sent.bcc().unwrap().first().unwrap().address(), Some(dave.email.as_str()));
    assert_eq!(sent.body_text(0), delivered.body_text(0));
    assert_eq!(sent.attachments().next().unwrap().contents(), attachment.as_slice());
}

#[test]
fn replies_and_forwards_carry_the_thread_headers() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob, carol) = (stack.fresh_user(), stack.fresh_user(), stack.fresh_user());
    stack.deliver(
        &bob,
        format!(
            "Message-ID: <root.1@example.test>\r\nFrom: Alice <{}>\r\nTo: {}\r\nCc: {}\r\nSubject: План\r\n\
             References: <older@example.test>\r\nIn-Reply-To: <older@example.test>\r\n\r\nПервая строка\r\n",
            alice.email, bob.email, carol.email
        )
        .as_bytes(),
    );
    let profile = sender(stack, &bob, &[]);
    sync(&profile, &bob.email);
    let list: serde_json::Value = serde_json::from_str(&profile.ok(&["list", "--json"])).unwrap();
    let id = list[0]["id"].to_string();

    let output = send(&profile, &["--reply", &id, "--all"], "Согласен.\n");
    assert!(output.status.success(), "{}", describe(&output));
    let reply = inbox(stack, &alice, 1);
    let reply = MessageParser::default().parse(&reply[0]).unwrap();
    assert_eq!(reply.subject(), Some("Re: План"));
    assert_eq!(reply.in_reply_to().as_text(), Some("root.1@example.test"));
    let refs: Vec<String> = reply.references().as_text_list().unwrap().iter().map(|r| r.to_string()).collect();
    assert_eq!(refs, ["older@example.test", "root.1@example.test"]);
    assert!(reply.body_text(0).unwrap().contains("> Первая строка"));
    assert_eq!(inbox(stack, &carol, 1).len(), 1, "reply-all reaches Cc");

    let output = send(&profile, &["--forward", &id, "--as-attachment", "--to", &carol.email], "Смотри.\n");
    assert!(output.status.success(), "{}", describe(&output));
    let carol_mail = inbox(stack, &carol, 2);
    let forward = carol_mail
        .iter()
        .map(|raw| MessageParser::default().parse(raw).unwrap())
        .find(|m| m.subject() == Some("Fwd: План"));
    let forward = forward.expect("the forward reached carol");
    let inner = forward.attachments().next().and_then(|p| p.message()).expect("message/rfc822 attached");
    assert_eq!(inner.message_id(), Some("root.1@example.test"));
    assert_eq!(forward.references().as_text_list().unwrap().last().map(|r| r.as_ref()), Some("root.1@example.test"));
}

#[test]
fn letters_wait_out_an_outage_in_the_outbox_and_go_exactly_once() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let profile = sender(stack, &alice, &[]);
    {
        let _stopped = PostfixStopped::stop(stack);
        let started = Instant::now();
        let output = send(&profile, &["--to", &bob.email, "--subject", "Пока сервер лежит"], "Дойдёт потом.\n");
        assert!(started.elapsed() < Duration::from_secs(10), "send returns at once");
        assert!(output.status.success(), "{}", describe(&output));
        assert!(stdout(&output).contains("queued"), "{}", describe(&output));
        assert!(stderr(&output).contains("stays in the outbox"), "{}", describe(&output));
        // Another process (as after a restart) still sees it.
        let queued = outbox(&profile);
        assert_eq!(queued.as_array().unwrap().len(), 1, "{queued}");
        assert_eq!(queued[0]["state"], "queued");
        assert_eq!(queued[0]["subject"], "Пока сервер лежит");
    }
    let output = profile.run(&["outbox", "flush"]);
    assert!(output.status.success(), "{}", describe(&output));
    assert_eq!(inbox(stack, &bob, 1).len(), 1);
    profile.ok(&["outbox", "flush"]);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(inbox(stack, &bob, 2).len(), 1, "delivered exactly once");
    assert!(outbox(&profile).as_array().unwrap().is_empty());
}

/// Sends and expects a refusal whose message contains `expected`; the letter stays queued.
fn assert_refused(profile: &Profile, args: &[&str], expected: &[&str], queued_before: usize) {
    let output = send(profile, args, "Текст.\n");
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    for text in expected {
        assert!(err.contains(text), "expected {text:?} in: {err}");
    }
    assert!(err.contains("stays in the outbox"), "{err}");
    let waiting = outbox(profile);
    assert_eq!(waiting.as_array().unwrap().len(), queued_before + 1, "{waiting}");
    assert_eq!(waiting[queued_before]["state"], "failed", "{waiting}");
}

#[test]
fn refusals_are_each_explained_and_the_letter_stays_in_the_outbox() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());

    let wrong = Profile::new();
    let args = account_add_args(
        stack,
        &alice,
        "imap",
        (stack.imaps_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &["--password-command", "echo wrong-password"],
    );
    wrong.add_account(&args);
    assert_refused(&wrong, &["--to", &bob.email], &["did not accept the login", "Wrong login or password"], 0);

    let profile = sender(stack, &alice, &[]);
    assert_refused(
        &profile,
        &["--from", &bob.email, "--to", &bob.email],
        &[&format!("send as {}", bob.email), "must be the login's own address"],
        0,
    );
    let nobody = format!("nobody@{}", stack.domain);
    assert_refused(
        &profile,
        &["--to", &bob.email, "--to", &nobody],
        &[&format!("The recipient {nobody} does not exist")],
        1,
    );
    let big = profile.path().join("большой.bin");
    std::fs::write(&big, vec![b'x'; 11 * 1024 * 1024]).unwrap();
    assert_refused(
        &profile,
        &["--to", &bob.email, "--attach", big.to_str().unwrap()],
        &["too large", "at most 10.0 MB"],
        2,
    );
    assert!(inbox(stack, &bob, 0).is_empty(), "none of them reached bob");

    // The outbox keeps the server's words, not the sentence: shown later in Russian, it is Russian.
    let english = outbox(&profile);
    assert!(english[1]["last_error"].as_str().unwrap().contains("does not exist"), "{english}");
    let russian = profile.command(&["outbox", "--json"]).env("POCHTA_LANGUAGE", "ru").output().unwrap();
    let russian: serde_json::Value = serde_json::from_slice(&russian.stdout).unwrap();
    let reason = russian[1]["last_error"].as_str().unwrap();
    assert!(reason.contains(&format!("Адресата {nobody} не существует")), "{reason}");
}

#[test]
fn drafts_are_kept_in_the_imap_drafts_folder_replaced_on_save_and_gone_once_sent() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let profile = sender(stack, &alice, &[]);
    sync(&profile, &alice.email);
    let drafts_on_server = || {
        stack
            .doveadm(&["-f", "flow", "fetch", "-u", &alice.login, "body", "mailbox", "Drafts", "all"])
            .lines()
            .filter(|l| l.starts_with("body="))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let saved = profile.run_with_stdin(&["send", "--draft", "--to", &bob.email, "--subject", "Черновик"], "версия 1\n");
    assert!(saved.status.success(), "{}", describe(&saved));
    let id = stdout(&saved).trim().strip_prefix("draft ").unwrap().to_string();
    sync(&profile, &alice.email);
    assert_eq!(drafts_on_server().len(), 1);

    let again =
        profile.run_with_stdin(&["send", "--draft-id", &id, "--to", &bob.email, "--subject", "Черновик"], "версия 2\n");
    assert!(again.status.success(), "{}", describe(&again));
    sync(&profile, &alice.email);
    let server = stack.doveadm(&["fetch", "-u", &alice.login, "text", "mailbox", "Drafts", "all"]);
    assert_eq!(drafts_on_server().len(), 1, "the previous copy was replaced: {server}");

    let sent = profile.run(&["drafts", "send", &id]);
    assert!(sent.status.success(), "{}", describe(&sent));
    let letter = inbox(stack, &bob, 1);
    assert!(String::from_utf8_lossy(&letter[0]).contains("Subject:"));
    assert!(MessageParser::default().parse(&letter[0]).unwrap().body_text(0).unwrap().contains("версия 2"));
    sync(&profile, &alice.email);
    assert!(drafts_on_server().is_empty(), "sending removed the draft");
    assert!(profile.ok(&["drafts"]).trim().is_empty());
}

/// POP3 accounts have no server folder for sent mail: the copy goes to the local Sent folder,
/// made on the spot when the account never synced.
#[test]
fn a_pop3_account_keeps_its_sent_copy_in_the_local_sent_folder() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let profile = pop3_sender(stack, &alice);
    let output = send(&profile, &["--to", &bob.email, "--subject", "Копия у себя"], "Текст.\n");
    assert!(output.status.success(), "{}", describe(&output));
    assert_eq!(inbox(stack, &bob, 1).len(), 1, "delivered");
    let folders: serde_json::Value = serde_json::from_str(&profile.ok(&["folders", "--json"])).unwrap();
    let sent = folders.as_array().unwrap().iter().find(|f| f["role"] == "sent").expect("a local Sent folder");
    assert_eq!(sent["total"], 1, "{folders}");
}

/// A POP3 account's drafts are in its local Drafts folder, like an IMAP account's: one copy per
/// draft however often it is saved, gone once the draft is sent.
#[test]
fn a_pop3_accounts_drafts_are_in_its_local_drafts_folder_until_sent() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let profile = pop3_sender(stack, &alice);
    let drafts_total = || {
        let folders: serde_json::Value = serde_json::from_str(&profile.ok(&["folders", "--json"])).unwrap();
        let drafts = folders.as_array().unwrap().iter().find(|f| f["role"] == "drafts").cloned();
        drafts.expect("a local Drafts folder")["total"].as_u64().unwrap()
    };
    let saved = profile.run_with_stdin(&["send", "--draft", "--to", &bob.email, "--subject", "Черновик"], "версия 1\n");
    assert!(saved.status.success(), "{}", describe(&saved));
    let id = stdout(&saved).trim().strip_prefix("draft ").unwrap().to_string();
    assert_eq!(drafts_total(), 1, "the draft is in Drafts");
    let again =
        profile.run_with_stdin(&["send", "--draft-id", &id, "--to", &bob.email, "--subject", "Черновик"], "версия 2\n");
    assert!(again.status.success(), "{}", describe(&again));
    assert_eq!(drafts_total(), 1, "saved again, it replaced its copy");
    let sent = profile.run(&["drafts", "send", &id]);
    assert!(sent.status.success(), "{}", describe(&sent));
    assert_eq!(inbox(stack, &bob, 1).len(), 1, "delivered");
    assert_eq!(drafts_total(), 0, "sending removed it from Drafts");
}

/// A letter sent before the account's first sync (its folders unknown, so no Sent copy could be
/// filed) has its Sent copy on the server after that first `pochta sync`, not the second.
#[test]
fn a_letter_sent_before_the_first_sync_is_in_sent_after_the_first_sync() {
    let _postfix = lock_postfix();
    let stack = mailstack();
    let (alice, bob) = (stack.fresh_user(), stack.fresh_user());
    let profile = sender(stack, &alice, &[]);
    let output = send(&profile, &["--to", &bob.email, "--subject", "Before the first sync"], "hello\n");
    assert!(output.status.success(), "{}", describe(&output));
    profile.ok(&["sync", "--account", &alice.email]);
    let sent = stack.doveadm(&["search", "-u", &alice.login, "mailbox", "Sent", "all"]);
    assert_eq!(sent.lines().count(), 1, "the Sent copy is on the server: {sent:?}");
}
