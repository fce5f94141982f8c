//! POP3 account helpers: add a harness user as a POP3 account, sync it, and read what Pochta
//! stored (straight from the SQLite file) and what the server still has (its Maildir).

use super::{Profile, describe};
use crate::support::{MailStack, TestUser};
use std::path::PathBuf;

/// Adds `user` as a POP3 account on `port` with `security` ("ssl" or "starttls"); `extra` are
/// more `account add` flags (`--pop3-leave-on-server` ...).
pub fn add_pop3_account(
    profile: &Profile,
    stack: &MailStack,
    user: &TestUser,
    port: u16,
    security: &str,
    extra: &[&str],
) {
    profile.add_account(&super::account_add_args(
        stack,
        user,
        "pop3",
        (port, security),
        (stack.smtps_port, "ssl"),
        true,
        extra,
    ));
}

/// `pochta sync --json` for the account; panics unless it succeeded.
pub fn sync(profile: &Profile, email: &str) -> serde_json::Value {
    let output = profile.run(&["sync", "--account", email, "--json"]);
    assert!(output.status.success(), "sync failed:\n{}", describe(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

pub fn database(profile: &Profile) -> rusqlite::Connection {
    rusqlite::Connection::open(profile.path().join("data/pochta.sqlite3")).unwrap()
}

/// Every stored message's raw bytes, sorted (to compare as a multiset).
pub fn local_raw_messages(profile: &Profile) -> Vec<Vec<u8>> {
    let db = database(profile);
    let mut stmt = db.prepare("SELECT raw FROM bodies").unwrap();
    let mut raws: Vec<Vec<u8>> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    raws.sort();
    raws
}

/// How many messages each UIDL has locally (a message stored twice shows as 2).
pub fn local_uidl_counts(profile: &Profile) -> std::collections::BTreeMap<String, u32> {
    let db = database(profile);
    let mut stmt = db.prepare("SELECT uidl, count(*) FROM messages WHERE uidl IS NOT NULL GROUP BY uidl").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

pub fn integrity_check(profile: &Profile) -> String {
    database(profile).query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn maildir_files(stack: &MailStack, user: &TestUser) -> Vec<PathBuf> {
    let maildir = stack.dir.join("mail").join(&user.login).join("Maildir");
    let mut files = Vec::new();
    for sub in ["cur", "new"] {
        if let Ok(entries) = std::fs::read_dir(maildir.join(sub)) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files
}

/// Ends the user's sessions still open on the server (those of a killed client), so the Maildir
/// stands still while it is read. A dropped session deletes nothing (RFC 1939 §6).
pub fn end_sessions(stack: &MailStack, user: &TestUser) {
    let _ = std::process::Command::new("doveadm")
        .arg("-c")
        .arg(stack.dir.join("etc/dovecot/dovecot.conf"))
        .args(["kick", &user.login])
        .output();
}

/// The user's INBOX as POP3 sends it: each Maildir file with LF turned into CRLF, sorted.
pub fn server_messages(stack: &MailStack, user: &TestUser) -> Vec<Vec<u8>> {
    let mut raws: Vec<Vec<u8>> =
        maildir_files(stack, user).iter().map(|path| crlf(&std::fs::read(path).unwrap())).collect();
    raws.sort();
    raws
}

/// Messages in the user's INBOX, as Dovecot counts them under its own locks (listing the Maildir
/// directly races with a POP3 session that is still moving files from new/ to cur/).
pub fn server_count(stack: &MailStack, user: &TestUser) -> usize {
    let status = stack.doveadm(&["-f", "flow", "mailbox", "status", "-u", &user.login, "messages", "INBOX"]);
    status.trim().rsplit("messages=").next().and_then(|n| n.parse().ok()).expect("doveadm mailbox status")
}

fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 30);
    for (i, byte) in bytes.iter().enumerate() {
        if *byte == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(*byte);
    }
    out
}
