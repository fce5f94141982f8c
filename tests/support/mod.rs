//! The real mail servers for integration tests: Dovecot (IMAP, POP3, LMTP) and Postfix
//! (submission, SMTPS, plain inject) from tests/mailstack, started once per test run on 127.0.0.1
//! high ports with a throw-away CA. Each test takes fresh users from a pool, so tests run in
//! parallel without seeing each other's mail. Std only: the harness must not depend on the code
//! it tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Users in the pool (tests/mailstack/start.sh creates u001..u150).
/// u141..u150 are left to the benchmarks (tests/bench), which fill them with large mailboxes.
const POOL: u32 = 140;

pub struct MailStack {
    pub dir: PathBuf,
    /// "localhost": the certificate names it (and 127.0.0.1).
    pub host: String,
    pub imap_port: u16,
    pub imaps_port: u16,
    pub pop3_port: u16,
    pub pop3s_port: u16,
    pub submission_port: u16,
    pub smtps_port: u16,
    pub smtp_port: u16,
    pub lmtp_port: u16,
    pub ca_file: PathBuf,
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestUser {
    pub login: String,
    pub password: String,
    pub email: String,
}

/// The running stack, started (once, under a lock shared by all test binaries) if needed.
pub fn mailstack() -> &'static MailStack {
    static STACK: OnceLock<MailStack> = OnceLock::new();
    STACK.get_or_init(|| {
        let dir =
            PathBuf::from(std::env::var("POCHTA_MAILSTACK_DIR").unwrap_or_else(|_| "/tmp/pochta-mailstack".into()));
        let lock_path = dir.with_extension("lock");
        let lock = std::fs::File::create(&lock_path).expect("create the harness lock file");
        lock.lock().expect("lock the harness");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/start.sh");
        let out = Command::new("bash").arg(&script).arg(&dir).output().expect("run tests/mailstack/start.sh");
        assert!(
            out.status.success(),
            "the mail stack did not start:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        drop(lock);
        MailStack::from_env_file(&dir)
    })
}

/// A free TCP port on 127.0.0.1, for scripted servers and proxies.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl MailStack {
    fn from_env_file(dir: &Path) -> MailStack {
        let text = std::fs::read_to_string(dir.join("env")).expect("the stack's env file");
        let get = |key: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{key} missing from the stack's env file"))
                .to_string()
        };
        let port = |key: &str| get(key).parse::<u16>().unwrap();
        MailStack {
            dir: dir.to_path_buf(),
            host: "localhost".into(),
            imap_port: port("MAILSTACK_IMAP_PORT"),
            imaps_port: port("MAILSTACK_IMAPS_PORT"),
            pop3_port: port("MAILSTACK_POP3_PORT"),
            pop3s_port: port("MAILSTACK_POP3S_PORT"),
            submission_port: port("MAILSTACK_SUBMISSION_PORT"),
            smtps_port: port("MAILSTACK_SMTPS_PORT"),
            smtp_port: port("MAILSTACK_SMTP_PORT"),
            lmtp_port: port("MAILSTACK_LMTP_PORT"),
            ca_file: PathBuf::from(get("MAILSTACK_CA")),
            domain: get("MAILSTACK_DOMAIN"),
        }
    }

    pub fn user(&self, login: &str) -> TestUser {
        TestUser { login: login.into(), password: format!("{login}pass"), email: format!("{login}@{}", self.domain) }
    }

    /// A pool user nobody else had in this stack's lifetime (a counter file under a lock, shared
    /// by all test processes), with an empty mailbox.
    pub fn fresh_user(&self) -> TestUser {
        let counter_path = self.dir.join("pool-next");
        let lock = std::fs::File::create(self.dir.join("pool.lock")).unwrap();
        lock.lock().unwrap();
        let next: u32 = std::fs::read_to_string(&counter_path).ok().and_then(|t| t.trim().parse().ok()).unwrap_or(0);
        std::fs::write(&counter_path, (next + 1).to_string()).unwrap();
        drop(lock);
        let user = self.user(&format!("u{:03}", next % POOL + 1));
        self.wipe(&user);
        user
    }

    /// Empties every folder of the user: kick its sessions, remove the Maildir, recreate it.
    pub fn wipe(&self, user: &TestUser) {
        let _ = self.doveadm_status(&["kick", &user.login]);
        let maildir = self.dir.join("mail").join(&user.login).join("Maildir");
        let _ = std::fs::remove_dir_all(&maildir);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).unwrap();
        }
        let status = Command::new("chown")
            .args(["-R", "vmail:vmail"])
            .arg(self.dir.join("mail").join(&user.login))
            .status()
            .unwrap();
        assert!(status.success(), "chown of the test user's mail failed");
    }

    /// Stores a message in the user's INBOX over LMTP (RFC 2033): when the per-recipient 250
    /// arrives it is on disk, so the test can look at once.
    pub fn deliver(&self, to: &TestUser, raw: &[u8]) {
        let stream = TcpStream::connect(("127.0.0.1", self.lmtp_port)).expect("connect to LMTP");
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let expect = |code: &str, reader: &mut BufReader<TcpStream>| loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            assert!(line.starts_with(code), "LMTP: expected {code}, got {line:?}");
            if line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
        };
        expect("220", &mut reader);
        for (command, code) in [
            ("LHLO tests".to_string(), "250"),
            ("MAIL FROM:<tests@example.test>".to_string(), "250"),
            (format!("RCPT TO:<{}>", to.email), "250"),
            ("DATA".to_string(), "354"),
        ] {
            writer.write_all(format!("{command}\r\n").as_bytes()).unwrap();
            expect(code, &mut reader);
        }
        writer.write_all(&dot_stuff(raw)).unwrap();
        writer.write_all(b".\r\n").unwrap();
        expect("250", &mut reader);
        writer.write_all(b"QUIT\r\n").unwrap();
    }

    /// Realistic mail from tests/mailstack/populate.py (`-n count` in INBOX plus folders).
    pub fn populate(&self, user: &TestUser, count: usize, extra_args: &[&str]) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/populate.py");
        let out = Command::new("python3")
            .arg(&script)
            .arg(&self.dir)
            .args(["-u", &user.login, "-n", &count.to_string()])
            .args(extra_args)
            .output()
            .unwrap();
        assert!(out.status.success(), "populate.py failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    pub fn doveadm(&self, args: &[&str]) -> String {
        String::from_utf8(self.doveadm_bytes(args))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    pub fn doveadm_bytes(&self, args: &[&str]) -> Vec<u8> {
        let out = self.doveadm_command(args).output().unwrap();
        assert!(out.status.success(), "doveadm {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    }

    fn doveadm_status(&self, args: &[&str]) -> bool {
        self.doveadm_command(args).output().is_ok_and(|o| o.status.success())
    }

    fn doveadm_command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("doveadm");
        command.arg("-c").arg(self.dir.join("etc/dovecot/dovecot.conf")).args(args);
        command
    }

    pub fn stop_dovecot(&self) {
        let pid = std::fs::read_to_string(self.dir.join("run/dovecot/master.pid")).unwrap();
        Command::new("kill").arg(pid.trim()).status().unwrap();
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", self.imaps_port)).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("dovecot did not stop");
    }

    pub fn start_dovecot(&self) {
        self.run_start_script();
    }

    pub fn stop_postfix(&self) {
        let status = Command::new("postfix").arg("-c").arg(self.dir.join("etc/postfix")).arg("stop").status().unwrap();
        assert!(status.success());
        // The master closes its ports before it exits; start.sh sees a live master as "running",
        // so wait for the process too, or a start right after would do nothing.
        let pid_file = self.dir.join("postfix/spool/pid/master.pid");
        let master = std::fs::read_to_string(&pid_file).map(|p| p.trim().to_string()).unwrap_or_default();
        for _ in 0..200 {
            let port_closed = TcpStream::connect(("127.0.0.1", self.submission_port)).is_err();
            let master_gone = master.is_empty() || !Path::new("/proc").join(&master).exists();
            if port_closed && master_gone {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("postfix did not stop");
    }

    pub fn start_postfix(&self) {
        self.run_start_script();
    }

    fn run_start_script(&self) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mailstack/start.sh");
        let out = Command::new("bash").arg(&script).arg(&self.dir).output().unwrap();
        assert!(out.status.success(), "restart failed: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// CRLF line ends and RFC 5321 4.5.2 dot-stuffing, ending with CRLF.
fn dot_stuff(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 64);
    for line in raw.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    // split() yields a trailing empty piece after a final newline.
    if raw.ends_with(b"\n") {
        out.truncate(out.len() - 2);
    }
    out
}
