//! STARTTLS chosen but not offered: Pochta refuses before any credential is sent. Dovecot counts
//! loopback as secure and always offers STARTTLS, so these servers are scripted: they record every
//! line the client sends, and the test proves no LOGIN, USER, PASS or AUTH ever arrived.

mod common;
mod support;

use common::{Profile, describe, stderr};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

type Received = Arc<Mutex<Vec<String>>>;

/// Serves connections with `reply(line) -> response` after sending `greeting`, recording lines.
fn scripted_server(greeting: &'static str, reply: fn(&str) -> Option<&'static str>) -> (u16, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received: Received = Arc::default();
    let log = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || {
                let mut writer = stream.try_clone().unwrap();
                let _ = writer.write_all(greeting.as_bytes());
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    log.lock().unwrap().push(line.clone());
                    match reply(&line) {
                        Some(response) => {
                            let _ = writer.write_all(response.as_bytes());
                        }
                        None => return,
                    }
                }
            });
        }
    });
    (port, received)
}

fn imap_without_starttls(line: &str) -> Option<&'static str> {
    let tag = line.split(' ').next().unwrap_or("");
    let upper = line.to_ascii_uppercase();
    if upper.contains("CAPABILITY") {
        return Some(if tag == "p1" { "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\np1 OK done\r\n" } else { "a OK\r\n" });
    }
    Some("* BAD unexpected\r\n")
}

fn pop3_without_stls(line: &str) -> Option<&'static str> {
    match line.to_ascii_uppercase().as_str() {
        "CAPA" => Some("+OK capabilities\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n"),
        "QUIT" => None,
        _ => Some("-ERR no\r\n"),
    }
}

fn smtp_without_starttls(line: &str) -> Option<&'static str> {
    let upper = line.to_ascii_uppercase();
    if upper.starts_with("EHLO") {
        Some("250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
    } else if upper.starts_with("QUIT") {
        None
    } else {
        Some("502 no\r\n")
    }
}

fn assert_no_credentials(received: &Received) {
    for line in received.lock().unwrap().iter() {
        let upper = line.to_ascii_uppercase();
        for word in ["LOGIN", "USER ", "PASS ", "AUTH", "APOP"] {
            assert!(!upper.contains(word) || upper.contains("CAPABILITY"), "credential sent: {line}");
        }
        assert!(!line.contains("secret-password"), "password sent: {line}");
    }
}

fn add_and_test(protocol: &str, incoming_port: u16, smtp_port: u16) -> (std::process::Output, Profile) {
    let profile = Profile::new();
    let incoming = format!("127.0.0.1:{incoming_port}");
    let smtp = format!("127.0.0.1:{smtp_port}");
    profile.ok(&[
        "account",
        "add",
        "--email",
        "user@example.test",
        "--protocol",
        protocol,
        "--incoming",
        &incoming,
        "--incoming-security",
        "starttls",
        "--smtp",
        &smtp,
        "--smtp-security",
        "starttls",
        "--password-command",
        "echo secret-password",
    ]);
    (profile.run(&["account", "test", "user@example.test"]), profile)
}

#[test]
fn imap_and_smtp_without_starttls_are_refused_before_credentials() {
    let (imap_port, imap_received) =
        scripted_server("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted\r\n", imap_without_starttls);
    let (smtp_port, smtp_received) = scripted_server("220 scripted ESMTP\r\n", smtp_without_starttls);
    let (output, _profile) = add_and_test("imap", imap_port, smtp_port);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let text = format!("{}{}", common::stdout(&output), stderr(&output));
    assert!(text.contains("does not offer STARTTLS"), "{text}");
    assert!(text.contains("password was not sent"), "{text}");
    assert!(text.contains("outgoing server does not offer STARTTLS"), "{text}");
    assert_no_credentials(&imap_received);
    assert_no_credentials(&smtp_received);
    assert!(!imap_received.lock().unwrap().is_empty(), "the client did talk to the IMAP server");
}

#[test]
fn pop3_without_stls_is_refused_before_credentials() {
    let (pop3_port, pop3_received) = scripted_server("+OK scripted POP3\r\n", pop3_without_stls);
    let (smtp_port, _) = scripted_server("220 scripted ESMTP\r\n", smtp_without_starttls);
    let (output, _profile) = add_and_test("pop3", pop3_port, smtp_port);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let text = format!("{}{}", common::stdout(&output), stderr(&output));
    assert!(text.contains("does not offer STLS"), "{text}");
    assert_no_credentials(&pop3_received);
}
