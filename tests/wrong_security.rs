//! The wrong security setting for a port, said in one sentence that names the right setting,
//! and found out in seconds: SSL/TLS on a plaintext port (the server greets in clear, which
//! OpenSSL reports as "wrong version number"), STARTTLS on an implicit-TLS port (both sides wait
//! for the other to speak first). `pochta send` returns with the letter kept in the outbox.

mod common;
mod support;

use common::{Profile, account_add_args, describe};
use std::time::{Duration, Instant};

/// Far below the 60 s deadline a silent server would otherwise cost; far above the ~3 s the
/// check takes (a loose bound: this is not a benchmark).
const PROMPTLY: Duration = Duration::from_secs(15);

#[test]
fn ssl_on_a_plaintext_port_says_the_port_does_not_expect_ssl() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        &user,
        "imap",
        (stack.imap_port, "ssl"),
        (stack.smtps_port, "ssl"),
        true,
        &[],
    ));
    let output = profile.run(&["sync", "--account", &user.email]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("answered without encryption") && said.contains("STARTTLS"), "{said}");
    assert!(!said.contains("wrong version number"), "{said}");
}

#[test]
fn starttls_on_an_implicit_tls_port_fails_in_seconds_naming_ssl() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        &user,
        "imap",
        (stack.imaps_port, "starttls"),
        (stack.smtps_port, "starttls"),
        true,
        &[],
    ));
    let started = Instant::now();
    let output = profile.run(&["sync", "--account", &user.email]);
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr).to_lowercase();
    assert!(said.contains(&format!("port {} expects ssl/tls", stack.imaps_port)), "{said}");

    // Sending: the letter is kept in the outbox and the command returns at once.
    let started = Instant::now();
    let output = profile.run_with_stdin(&["send", "--to", &user.email, "--subject", "wrong port"], "hello\n");
    assert!(started.elapsed() < PROMPTLY, "send took {:?}", started.elapsed());
    let said = String::from_utf8_lossy(&output.stderr).to_lowercase();
    assert!(said.contains(&format!("port {} expects ssl/tls", stack.smtps_port)), "{}", describe(&output));
    assert!(said.contains("stays in the outbox"), "{said}");
    let outbox: serde_json::Value = serde_json::from_str(&profile.ok(&["outbox", "--json"])).unwrap();
    assert_eq!(outbox.as_array().map(Vec::len), Some(1), "{outbox}");
}

#[test]
fn stls_on_the_implicit_tls_pop3_port_fails_in_seconds_naming_ssl() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    profile.add_account(&account_add_args(
        stack,
        &user,
        "pop3",
        (stack.pop3s_port, "starttls"),
        (stack.smtps_port, "ssl"),
        true,
        &[],
    ));
    let started = Instant::now();
    let output = profile.run(&["sync", "--account", &user.email]);
    assert!(started.elapsed() < PROMPTLY, "took {:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr).to_lowercase();
    assert!(said.contains(&format!("port {} expects ssl/tls", stack.pop3s_port)), "{said}");
}
