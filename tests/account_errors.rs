//! What `pochta account test` says when a provider refuses: the provider's own reply (from the
//! seeds' error articles) becomes one sentence with the fix from the presets. Real servers do not
//! send Mail.ru's or Yandex's texts, so these IMAP servers are scripted; the refused port is real.

mod common;
mod support;

use common::{Profile, describe, stderr, stdout};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

/// An IMAP server (no TLS: scripted, loopback) that refuses LOGIN with `reply`.
fn refusing_imap_server(reply: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut writer = stream.try_clone().unwrap();
            let _ = writer.write_all(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted\r\n");
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                let tag = line.split(' ').next().unwrap_or("*").to_string();
                let answer = if line.to_ascii_uppercase().contains(" LOGIN ") {
                    format!("{tag} {reply}\r\n")
                } else {
                    format!("{tag} OK done\r\n")
                };
                if writer.write_all(answer.as_bytes()).is_err() {
                    break;
                }
            }
        }
    });
    port
}

fn test_account(email: &str, imap_port: u16) -> std::process::Output {
    let profile = Profile::new();
    let incoming = format!("127.0.0.1:{imap_port}");
    let dead_smtp = format!("127.0.0.1:{}", support::free_port());
    profile.ok(&[
        "account",
        "add",
        "--email",
        email,
        "--protocol",
        "imap",
        "--incoming",
        &incoming,
        "--incoming-security",
        "none",
        "--smtp",
        &dead_smtp,
        "--smtp-security",
        "ssl",
        "--password-command",
        "echo pw",
    ]);
    profile.run(&["account", "test", email])
}

#[test]
fn mailru_app_password_reply_points_to_app_passwords() {
    let port = refusing_imap_server("NO [AUTHENTICATIONFAILED] Application password is REQUIRED");
    let output = test_account("ivan@mail.ru", port);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("needs an app password"), "{err}");
    assert!(err.contains("Application password is REQUIRED"), "the server's words are kept: {err}");
}

#[test]
fn yandex_disabled_access_reply_says_where_to_switch_it_on() {
    let port = refusing_imap_server("NO [AUTHORIZATIONFAILED] This user does not have access rights to this service");
    let output = test_account("ivan@yandex.ru", port);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let err = stderr(&output);
    assert!(err.contains("is switched off for this mailbox"), "{err}");
    assert!(err.to_lowercase().contains("mail.yandex"), "with the link from the preset: {err}");
}

#[test]
fn refused_connection_names_the_port() {
    let output = test_account("me@example.org", support::free_port());
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let out = stdout(&output);
    assert!(out.contains("refused the connection on port"), "{out}");
    assert!(out.contains("FAIL  connect"), "the outgoing server is reported too: {out}");
}
