//! Helpers shared by the integration tests that drive the `pochta` binary.
#![allow(dead_code)]

pub mod composer;
pub mod gmail;
pub mod gui;
pub mod imap;
pub mod layout;
pub mod oauth;
pub mod pop3;
pub mod proxy;
pub mod quirks;
pub mod servers;
pub mod suite;
pub mod xvfb;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A throw-away profile folder and a way to run `pochta --profile DIR ...` in it.
pub struct Profile {
    pub dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Profile {
        Profile { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pochta"));
        // English whatever the developer's locale: the tests read Pochta's messages.
        command.arg("--profile").arg(self.path()).args(args).env("POCHTA_LOG", "debug").env("POCHTA_LANGUAGE", "en");
        command
    }

    /// Runs and returns the output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        use std::io::Write;
        let mut child =
            self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs and panics with both streams unless it exited 0; gives stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "pochta {args:?} failed:\n{}", describe(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    /// Every file under the profile, for "the password is in no file" checks.
    pub fn all_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() { walk(&path, out) } else { out.push(path) }
            }
        }
        let mut files = Vec::new();
        walk(self.path(), &mut files);
        files
    }

    pub fn assert_secret_in_no_file(&self, secret: &str) {
        for file in self.all_files() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the password was found in {}",
                file.display()
            );
        }
    }
}

/// `account add` arguments for a harness user with explicit servers, the harness CA trusted
/// (unless `ca` is false), and the password from a command; `extra` is appended.
pub fn account_add_args(
    stack: &crate::support::MailStack,
    user: &crate::support::TestUser,
    protocol: &str,
    incoming: (u16, &str),
    smtp: (u16, &str),
    ca: bool,
    extra: &[&str],
) -> Vec<String> {
    let mut args: Vec<String> = [
        "account",
        "add",
        "--email",
        &user.email,
        "--login",
        &user.login,
        "--protocol",
        protocol,
        "--incoming",
        &format!("{}:{}", stack.host, incoming.0),
        "--incoming-security",
        incoming.1,
        "--smtp",
        &format!("{}:{}", stack.host, smtp.0),
        "--smtp-security",
        smtp.1,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if ca {
        args.extend(["--ca-file".to_string(), stack.ca_file.to_string_lossy().into_owned()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    if !extra.contains(&"--password-stdin") && !extra.contains(&"--password-command") {
        args.extend(["--password-command".to_string(), format!("printf '%s\\n' '{}'", user.password)]);
    }
    args
}

impl Profile {
    pub fn add_account(&self, args: &[String]) {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.ok(&refs);
    }
}

pub fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Waits (30 s at most) for an engine event that satisfies `pred`; `what` names it in the panic.
pub fn wait_for(
    events: &mut pochta::engine::api::EventReceiver,
    what: &str,
    pred: impl Fn(&pochta::engine::api::Event) -> bool,
) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            match tokio::time::timeout_at(deadline, events.next()).await {
                Ok(Some(event)) if pred(&event) => return,
                Ok(Some(_)) => {}
                Ok(None) => panic!("the engine stopped while waiting for {what}"),
                Err(_) => panic!("no {what} within 30 s"),
            }
        }
    });
}
