//! The second Dovecot of tests/mailstack/start-quirks.sh: the `INBOX.` personal namespace with
//! "." as delimiter, no CONDSTORE, QRESYNC, MOVE or SPECIAL-USE, LOGINDISABLED on plaintext
//! connections to 127.0.0.2. Same users as the main stack; their mail here is in ~/Quirks.

use crate::support::{MailStack, TestUser};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub struct Quirks {
    pub imap_port: u16,
    pub imaps_port: u16,
    pub conf: PathBuf,
}

/// Starts (once, under the harness lock) the quirks server beside the running stack.
pub fn quirks(stack: &MailStack) -> &'static Quirks {
    static QUIRKS: OnceLock<Quirks> = OnceLock::new();
    QUIRKS.get_or_init(|| {
        let lock = std::fs::File::create(stack.dir.join("quirks.lock")).unwrap();
        lock.lock().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/start-quirks.sh");
        let out = Command::new("bash").arg(&script).arg(&stack.dir).output().unwrap();
        assert!(out.status.success(), "start-quirks.sh failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(stack.dir.join("quirks/env")).unwrap();
        let get = |key: &str| text.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap().to_string();
        Quirks {
            imap_port: get("QUIRKS_IMAP_PORT").parse().unwrap(),
            imaps_port: get("QUIRKS_IMAPS_PORT").parse().unwrap(),
            conf: PathBuf::from(get("QUIRKS_DOVECOT_CONF")),
        }
    })
}

impl Quirks {
    /// A fresh pool user whose mail on this server is empty too.
    pub fn fresh_user(&self, stack: &MailStack) -> TestUser {
        let user = stack.fresh_user();
        let _ = self.doveadm_command(&["kick", &user.login]).output();
        let home = stack.dir.join("mail").join(&user.login);
        let _ = std::fs::remove_dir_all(home.join("Quirks"));
        user
    }

    pub fn doveadm(&self, args: &[&str]) -> String {
        let out = self.doveadm_command(args).output().unwrap();
        assert!(out.status.success(), "doveadm {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn doveadm_command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("doveadm");
        command.arg("-c").arg(&self.conf).args(args);
        command
    }

    /// Stores a message in a folder (server name, e.g. "INBOX" or "INBOX.Trash").
    pub fn save(&self, user: &TestUser, mailbox: &str, raw: &[u8]) {
        use std::io::Write;
        let mut child = self
            .doveadm_command(&["save", "-u", &user.login, "-m", mailbox])
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(raw).unwrap();
        assert!(child.wait().unwrap().success(), "doveadm save into {mailbox} failed");
    }

    /// The server's folder names (as listed: "INBOX", "INBOX.Trash", ...).
    pub fn mailboxes(&self, user: &TestUser) -> Vec<String> {
        let mut names: Vec<String> = self
            .doveadm(&["mailbox", "list", "-u", &user.login])
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        names.sort();
        names
    }

    /// UIDs in a folder (server name).
    pub fn uids(&self, user: &TestUser, mailbox: &str) -> Vec<u32> {
        let out = self.doveadm(&["-f", "tab", "fetch", "-u", &user.login, "uid", "mailbox", mailbox]);
        out.lines().skip(1).filter_map(|l| l.trim().parse().ok()).collect()
    }
}

impl Quirks {
    /// Every folder and message on this server, named as Pochta shows them (the `INBOX.`
    /// prefix taken off, "/" for "."), to compare with [`super::imap::local_state`].
    pub fn server_state(&self, user: &TestUser) -> super::imap::State {
        let shown = |name: &str| match name.strip_prefix("INBOX.") {
            Some(rest) => rest.replace('.', "/"),
            None => name.to_string(),
        };
        let mut state = super::imap::State::new();
        for name in self.mailboxes(user) {
            state.entry(shown(&name)).or_default();
        }
        let out = self.doveadm(&["-f", "tab", "fetch", "-u", &user.login, "mailbox uid flags", "all"]);
        for line in out.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(mailbox), Some(uid), flags) = (cols.next(), cols.next(), cols.next().unwrap_or("")) else {
                continue;
            };
            let Ok(uid) = uid.trim().parse() else { continue };
            let flags = flags.split_whitespace().filter(|f| *f != "\\Recent").map(str::to_string).collect();
            state.entry(shown(mailbox)).or_default().insert(uid, flags);
        }
        state
    }
}

/// `account add` arguments for the quirks server: host 127.0.0.1 (the certificate names it) or
/// another loopback address, the harness CA, SMTP on the main stack.
pub fn account_args(stack: &MailStack, user: &TestUser, host: &str, port: u16, security: &str) -> Vec<String> {
    let mut args = super::account_add_args(stack, user, "imap", (port, security), (stack.smtps_port, "ssl"), true, &[]);
    let incoming = args.iter().position(|a| a == "--incoming").unwrap() + 1;
    args[incoming] = format!("{host}:{port}");
    args
}
