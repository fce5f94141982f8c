//! POP3 download-and-delete against the real Dovecot, over POP3S (implicit TLS) and STLS:
//! everything downloaded byte for byte, the server emptied; leave-on-server keeps the server's
//! copies and never downloads twice; delete after N days removes exactly the old ones; local
//! folders, moves and deletes; rules put arriving mail where it belongs.

mod common;
mod support;

use common::Profile;
use common::pop3::{
    add_pop3_account, database, local_raw_messages, local_uidl_counts, server_count, server_messages, sync,
};
use support::mailstack;

fn download_and_delete_empties_the_server(security: &str, port: fn(&support::MailStack) -> u16) {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 1000, &["--no-folders"]);
    let on_server = server_messages(stack, &user);
    assert_eq!(on_server.len(), 1000);
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, port(stack), security, &[]);
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 1000, "{summary}");
    assert_eq!(summary["deleted_on_server"], 1000, "{summary}");
    assert_eq!(server_count(stack, &user), 0, "the server must be empty after download-and-delete");
    let local = local_raw_messages(&profile);
    assert_eq!(local.len(), 1000);
    assert!(local == on_server, "the stored bytes differ from what the server had");
    assert!(local_uidl_counts(&profile).values().all(|n| *n == 1));
    let again = sync(&profile, &user.email);
    assert_eq!(again["messages_fetched"], 0, "{again}");
}

#[test]
fn pop3s_downloads_1000_messages_byte_identical_and_empties_the_server() {
    download_and_delete_empties_the_server("ssl", |stack| stack.pop3s_port);
}

#[test]
fn stls_downloads_1000_messages_byte_identical_and_empties_the_server() {
    download_and_delete_empties_the_server("starttls", |stack| stack.pop3_port);
}

#[test]
fn leave_on_server_keeps_the_copies_and_a_second_sync_downloads_nothing() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 120, &["--no-folders"]);
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &["--pop3-leave-on-server"]);
    let first = sync(&profile, &user.email);
    assert_eq!(first["messages_fetched"], 120, "{first}");
    assert_eq!(first["deleted_on_server"], 0, "{first}");
    assert_eq!(server_count(stack, &user), 120);
    let second = sync(&profile, &user.email);
    assert_eq!(second["messages_fetched"], 0, "{second}");
    assert_eq!(server_count(stack, &user), 120);

    // New mail arrives: only it is downloaded.
    stack.deliver(&user, b"From: a@example.test\r\nSubject: late arrival\r\n\r\nhello\r\n");
    let third = sync(&profile, &user.email);
    assert_eq!(third["messages_fetched"], 1, "{third}");
    assert_eq!(local_raw_messages(&profile).len(), 121);
}

#[test]
fn delete_after_n_days_deletes_exactly_the_old_ones() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 40, &["--no-folders"]);
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &["--pop3-delete-after-days", "7"]);
    let first = sync(&profile, &user.email);
    assert_eq!((first["messages_fetched"].as_u64(), first["deleted_on_server"].as_u64()), (Some(40), Some(0)));
    // Pretend 15 of them were downloaded 8 days ago and 10 just under 7 days ago.
    let now = chrono::Utc::now().timestamp();
    let db = database(&profile);
    let uidls: Vec<String> = {
        let mut stmt = db.prepare("SELECT uidl FROM pop3_seen ORDER BY uidl").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    for (i, uidl) in uidls.iter().enumerate() {
        let age = match i {
            0..15 => 8 * 86400,
            15..25 => 7 * 86400 - 3600,
            _ => 0,
        };
        db.execute("UPDATE pop3_seen SET downloaded_at = ?1 WHERE uidl = ?2", rusqlite::params![now - age, uidl])
            .unwrap();
    }
    drop(db);
    let second = sync(&profile, &user.email);
    assert_eq!(second["messages_fetched"], 0, "{second}");
    assert_eq!(second["deleted_on_server"], 15, "{second}");
    assert_eq!(server_count(stack, &user), 25);
    assert_eq!(local_raw_messages(&profile).len(), 40, "nothing is deleted locally");
    let left = server_uidls(stack, &user);
    for uidl in &uidls[..15] {
        assert!(!left.contains(uidl.as_str()), "{uidl} was old and should be gone");
    }
    for uidl in &uidls[15..] {
        assert!(left.contains(uidl.as_str()), "{uidl} was young and should stay");
    }
}

/// The UIDLs the server lists now: Dovecot's `pop3_uidl_format = %08Xu%08Xv` (UID and UIDVALIDITY).
fn server_uidls(stack: &support::MailStack, user: &support::TestUser) -> String {
    let status = stack.doveadm(&["-f", "flow", "mailbox", "status", "-u", &user.login, "uidvalidity", "INBOX"]);
    let validity: u32 = status.trim().rsplit("uidvalidity=").next().unwrap().parse().unwrap();
    let uids = stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "uid", "mailbox", "INBOX", "all"]);
    uids.lines()
        .filter_map(|line| line.trim().strip_prefix("uid=")?.parse::<u32>().ok())
        .map(|uid| format!("{uid:08x}{validity:08x}\n"))
        .collect()
}
