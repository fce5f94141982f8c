//! Real IMAP and POP3 servers of other families beside the main stack (Cyrus IMAP from
//! tests/mailstack/start-cyrus.sh, Courier-IMAP from start-courier.sh; Exim for SMTP from
//! start-exim.sh), and "another client" for them: tests/mailstack/imap-client.py
//! reads and changes a user's mail over IMAP as a second mail program would (these servers have no
//! doveadm). Same users and passwords as the main stack; SMTP stays the main stack's Postfix.

use super::imap::State;
use crate::support::{MailStack, TestUser};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub struct Server {
    /// The family's name, in assertion messages.
    pub name: &'static str,
    pub imap_port: u16,
    pub imaps_port: u16,
    pub pop3_port: u16,
    pub pop3s_port: u16,
    /// Folders the server makes with every INBOX (server names): a wipe keeps them, emptied.
    pub standard_folders: &'static [&'static str],
}

/// Cyrus IMAP 3.6 with the `INBOX.` namespace, started once (under the harness lock).
pub fn cyrus(stack: &MailStack) -> &'static Server {
    static CYRUS: OnceLock<Server> = OnceLock::new();
    CYRUS.get_or_init(|| {
        let env = start(stack, "start-cyrus.sh", "cyrus");
        Server {
            name: "Cyrus",
            imap_port: env("CYRUS_IMAP_PORT"),
            imaps_port: env("CYRUS_IMAPS_PORT"),
            pop3_port: env("CYRUS_POP3_PORT"),
            pop3s_port: env("CYRUS_POP3S_PORT"),
            standard_folders: &["INBOX.Drafts", "INBOX.Sent", "INBOX.Trash", "INBOX.Junk", "INBOX.Archive"],
        }
    })
}

/// Courier-IMAP 5 and Courier POP3: no CONDSTORE, QRESYNC, MOVE or SPECIAL-USE, no `[UIDNEXT]`
/// in SELECT, the `INBOX.` namespace; started once (under the harness lock).
pub fn courier(stack: &MailStack) -> &'static Server {
    static COURIER: OnceLock<Server> = OnceLock::new();
    COURIER.get_or_init(|| {
        let env = start(stack, "start-courier.sh", "courier");
        Server {
            name: "Courier",
            imap_port: env("COURIER_IMAP_PORT"),
            imaps_port: env("COURIER_IMAPS_PORT"),
            pop3_port: env("COURIER_POP3_PORT"),
            pop3s_port: env("COURIER_POP3S_PORT"),
            // Courier makes no folder itself: the wipe makes these, as a provider's setup would.
            standard_folders: &["INBOX.Drafts", "INBOX.Sent", "INBOX.Trash", "INBOX.Junk"],
        }
    })
}

/// Exim 4.96 as a second SMTP submission server (tests/mailstack/start-exim.sh), delivering to the
/// main stack's Dovecot.
pub struct Smtp {
    pub submission_port: u16,
    pub smtps_port: u16,
}

pub fn exim(stack: &MailStack) -> &'static Smtp {
    static EXIM: OnceLock<Smtp> = OnceLock::new();
    EXIM.get_or_init(|| {
        let env = start(stack, "start-exim.sh", "exim");
        Smtp { submission_port: env("EXIM_SUBMISSION_PORT"), smtps_port: env("EXIM_SMTPS_PORT") }
    })
}

/// Runs tests/mailstack/SCRIPT for the stack and gives a reader of the ports it wrote to
/// DIR/SUBDIR/env.
fn start(stack: &MailStack, script: &str, subdir: &str) -> impl Fn(&str) -> u16 {
    let lock = std::fs::File::create(stack.dir.join(format!("{subdir}.lock"))).unwrap();
    lock.lock().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack").join(script);
    let out = Command::new("bash").arg(&path).arg(&stack.dir).stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "{script} failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(stack.dir.join(subdir).join("env")).unwrap();
    move |key: &str| {
        let value = text.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap();
        value.parse().unwrap()
    }
}

impl Server {
    /// A fresh pool user whose mail on this server is empty: its folders emptied, those the
    /// server does not make itself deleted.
    pub fn fresh_user(&self, stack: &MailStack) -> TestUser {
        let user = stack.fresh_user();
        let keep = self.standard_folders.join(",");
        self.client(stack, &user, &["--keep", &keep, "wipe"], None);
        user
    }

    /// Runs imap-client.py as `user` (STARTTLS, the harness CA); gives its standard output.
    pub fn client(&self, stack: &MailStack, user: &TestUser, args: &[&str], stdin: Option<&[u8]>) -> String {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/imap-client.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .args(["--port", &self.imap_port.to_string(), "--user", &user.login, "--password", &user.password])
            .arg("--ca")
            .arg(&stack.ca_file)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or_default()).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "imap-client.py {args:?} on {} failed: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Stores a message in a folder (server name) with flags ("\\Seen \\Flagged" or "").
    pub fn append(&self, stack: &MailStack, user: &TestUser, folder: &str, flags: &str, raw: &[u8]) {
        self.client(stack, user, &["append", folder, flags], Some(raw));
    }

    /// `+` or `-` the flags on UIDs ("1:3", "4,7") of a folder.
    pub fn store(&self, stack: &MailStack, user: &TestUser, folder: &str, uids: &str, sign: &str, flags: &str) {
        self.client(stack, user, &["store", folder, uids, sign, flags], None);
    }

    pub fn expunge(&self, stack: &MailStack, user: &TestUser, folder: &str, uids: &str) {
        self.client(stack, user, &["expunge", folder, uids], None);
    }

    pub fn create(&self, stack: &MailStack, user: &TestUser, folder: &str) {
        self.client(stack, user, &["create", folder], None);
    }

    /// Every folder and message as the server has them, named as Pochta shows them (the
    /// `INBOX.` prefix taken off, "/" for "."), to compare with [`super::imap::local_state`].
    pub fn state(&self, stack: &MailStack, user: &TestUser) -> State {
        let json: serde_json::Value = serde_json::from_str(&self.client(stack, user, &["state"], None)).unwrap();
        let shown = |name: &str| match name.strip_prefix("INBOX.") {
            Some(rest) => rest.replace('.', "/"),
            None => name.to_string(),
        };
        let mut state = State::new();
        for (folder, messages) in json.as_object().unwrap() {
            let entry = state.entry(shown(folder)).or_default();
            for (uid, flags) in messages.as_object().unwrap() {
                let flags = flags.as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
                entry.insert(uid.parse().unwrap(), flags);
            }
        }
        state
    }

    /// UIDs in a folder (server name).
    pub fn uids(&self, stack: &MailStack, user: &TestUser, folder: &str) -> Vec<u32> {
        let json: serde_json::Value = serde_json::from_str(&self.client(stack, user, &["state"], None)).unwrap();
        json[folder].as_object().map(|m| m.keys().filter_map(|k| k.parse().ok()).collect()).unwrap_or_default()
    }

    /// `account add` arguments for this server's IMAP (`security` "ssl" on the IMAPS port,
    /// "starttls" on the other), SMTP on the main stack's Postfix.
    pub fn imap_account_args(&self, stack: &MailStack, user: &TestUser, security: &str) -> Vec<String> {
        let port = if security == "ssl" { self.imaps_port } else { self.imap_port };
        super::account_add_args(stack, user, "imap", (port, security), (stack.submission_port, "starttls"), true, &[])
    }
}
