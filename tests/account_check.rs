//! `pochta account test` against the real Dovecot and Postfix from the harness, over every
//! transport, with the failures a person meets: wrong password, untrusted certificate (then
//! accepted by fingerprint and pinned), and a server that does not offer STARTTLS.

mod common;
mod support;

use common::{Profile, describe, stderr, stdout};
use support::{TestUser, mailstack};

/// Adds `user` with explicit servers; the password comes from a command.
fn add(profile: &Profile, user: &TestUser, protocol: &str, incoming: (u16, &str), smtp: (u16, &str), ca: bool) {
    profile.add_account(&common::account_add_args(mailstack(), user, protocol, incoming, smtp, ca, &[]));
}

fn test_passes(profile: &Profile, user: &TestUser) -> String {
    let output = profile.run(&["account", "test", &user.email]);
    assert!(output.status.success(), "{}", describe(&output));
    stdout(&output)
}

#[test]
fn imaps_and_smtps_pass() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    add(&profile, &user, "imap", (stack.imaps_port, "ssl"), (stack.smtps_port, "ssl"), true);
    let out = test_passes(&profile, &user);
    assert!(out.contains("IDLE"), "capabilities are listed: {out}");
    assert!(out.contains("folders"), "{out}");
    assert!(out.contains("SHA-256"), "the certificate is shown: {out}");
}

#[test]
fn imap_starttls_and_submission_starttls_pass() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    add(&profile, &user, "imap", (stack.imap_port, "starttls"), (stack.submission_port, "starttls"), true);
    let out = test_passes(&profile, &user);
    assert!(out.contains("logged in"), "{out}");
}

#[test]
fn pop3s_passes() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    stack.deliver(&user, b"From: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\n\r\nhello\r\n");
    add(&profile, &user, "pop3", (stack.pop3s_port, "ssl"), (stack.smtps_port, "ssl"), true);
    let out = test_passes(&profile, &user);
    assert!(out.contains("1 message,"), "{out}");
}

#[test]
fn pop3_stls_passes() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    add(&profile, &user, "pop3", (stack.pop3_port, "starttls"), (stack.submission_port, "starttls"), true);
    test_passes(&profile, &user);
}

#[test]
fn wrong_password_gives_the_authentication_message() {
    let stack = mailstack();
    let (profile, mut user) = (Profile::new(), stack.fresh_user());
    user.password = "not-the-password".into();
    add(&profile, &user, "imap", (stack.imaps_port, "ssl"), (stack.smtps_port, "ssl"), true);
    let output = profile.run(&["account", "test", &user.email]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("Wrong login or password"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("pochta:")).count(), 1, "one line: {err}");
    let out = stdout(&output);
    assert!(out.contains("FAIL  log in"), "both servers report the login: {out}");
}

#[test]
fn untrusted_certificate_shows_fingerprint_and_can_be_pinned() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    // No --ca-file: the harness's CA is not trusted.
    add(&profile, &user, "imap", (stack.imaps_port, "ssl"), (stack.smtps_port, "ssl"), false);
    let output = profile.run(&["account", "test", &user.email, "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("not trusted") && err.contains("SHA-256"), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fingerprint = report["steps"][0]["certificate_sha256"].as_str().unwrap().to_string();
    let expected = openssl_fingerprint(&stack.dir.join("tls/server.pem"));
    assert_eq!(fingerprint, expected);
    assert!(err.to_lowercase().replace(':', "").contains(&expected), "{err}");

    // The user accepts it: both servers (same certificate) are pinned and the test passes.
    let output = profile.run(&["account", "test", &user.email, "--accept-fingerprint", &fingerprint]);
    assert!(output.status.success(), "{}", describe(&output));
    // A wrong fingerprint is refused.
    let output = profile.run(&["account", "test", &user.email, "--accept-fingerprint", &"00".repeat(32)]);
    assert_eq!(output.status.code(), Some(1));
}

fn openssl_fingerprint(pem: &std::path::Path) -> String {
    let out = std::process::Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(pem)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.trim().rsplit('=').next().unwrap().replace(':', "").to_lowercase()
}

#[test]
fn password_command_secret_is_in_no_file_and_no_log() {
    let stack = mailstack();
    let (profile, user) = (Profile::new(), stack.fresh_user());
    add(&profile, &user, "imap", (stack.imaps_port, "ssl"), (stack.smtps_port, "ssl"), true);
    let output = profile.run(&["account", "test", &user.email]);
    assert!(output.status.success(), "{}", describe(&output));
    // The command line is in the config by design; the password it prints is not anywhere.
    let config = std::fs::read_to_string(profile.path().join("config/accounts.toml")).unwrap();
    assert!(config.contains("password_command"));
    let secret_only = user.password.clone();
    for file in profile.all_files() {
        if file.ends_with("accounts.toml") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap();
        assert!(!bytes.windows(secret_only.len()).any(|w| w == secret_only.as_bytes()), "{}", file.display());
    }
    assert!(!stderr(&output).contains(&secret_only), "debug log leaks the password");
    assert!(!stdout(&output).contains(&secret_only));
}
