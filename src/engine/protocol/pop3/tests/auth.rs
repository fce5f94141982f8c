//! Logins (USER/PASS, APOP, AUTH PLAIN, XOAUTH2) and STLS, including the hostile cases:
//! injected bytes after STLS, XOAUTH2's error continuation, and secrets kept out of errors.

use super::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test]
async fn user_pass_logs_in_and_a_refusal_never_shows_the_password() {
    let script = Script::new()
        .on("USER alice", &["+OK"])
        .on(&format!("PASS {PASSWORD}"), &["-ERR [AUTH] Authentication failed."])
        .on("USER alice", &["+OK"])
        .on(&format!("PASS {PASSWORD}"), &["+OK Logged in."]);
    let (mut client, server) = client_after(script).await;
    let err = client.user_pass("alice", PASSWORD).await.unwrap_err();
    assert!(err.is_auth_failure());
    assert_eq!(err.to_string(), "the POP3 server refused PASS (password hidden): [AUTH] Authentication failed.");
    for shown in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains(PASSWORD) && !shown.contains("horse"), "{shown}");
    }
    client.user_pass("alice", PASSWORD).await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn a_line_break_in_a_credential_is_refused_before_anything_is_sent() {
    let (mut client, server) = client_after(Script::new().on("NOOP", &["+OK"])).await;
    for (user, password) in [("alice\r\nDELE 1", "pw"), ("alice", "pw\nDELE 1"), ("", "pw"), ("alice", "a\0b")] {
        let err = client.user_pass(user, password).await.unwrap_err();
        assert!(matches!(err, Pop3Error::InvalidInput(_)), "{err:?}");
        assert!(!err.breaks_session());
        assert!(!err.to_string().contains("DELE"));
    }
    assert!(matches!(client.auth_plain("a\nb", "pw").await, Err(Pop3Error::InvalidInput(_))));
    client.noop().await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn apop_sends_the_rfc_1939_digest() {
    // The example of RFC 1939 §7.
    let script = Script::new().on("APOP mrose c4c9334bac560ecc979e58001b3e22fb", &["+OK maildrop has 1 message"]);
    let greeting = Script::new().send("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
    let (mut client, server) = client_with(greeting, script, quick_limits()).await;
    let timestamp = client.greeting().and_then(|g| g.apop_timestamp.clone()).unwrap();
    client.apop("mrose", "tanstaaf", &timestamp).await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn auth_plain_sends_its_initial_response_inline() {
    let response = BASE64.encode(format!("\0alice\0{PASSWORD}"));
    let script = Script::new().on(&format!("AUTH PLAIN {response}"), &["+OK Logged in."]);
    let (mut client, server) = client_after(script).await;
    client.auth_plain("alice", PASSWORD).await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn auth_plain_too_long_for_one_line_answers_the_empty_challenge() {
    let user = "u".repeat(100);
    let password = "p".repeat(120);
    let response = BASE64.encode(format!("\0{user}\0{password}"));
    assert!(response.len() + "AUTH PLAIN ".len() > 253);
    let script = Script::new().on("AUTH PLAIN", &["+ "]).on(&response, &["-ERR [SYS/TEMP] backend down"]);
    let (mut client, server) = client_after(script).await;
    let err = client.auth_plain(&user, &password).await.unwrap_err();
    assert!(!err.is_auth_failure() && err.is_temporary(), "{err:?}");
    assert!(!format!("{err:?}").contains(&password));
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn xoauth2_failure_continuation_is_answered_with_an_empty_line() {
    let token = "ya29.secret-token";
    let initial = BASE64.encode(format!("user=alice@example.org\x01auth=Bearer {token}\x01\x01"));
    let json = r#"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#;
    let script = Script::new()
        .expect(&format!("AUTH XOAUTH2 {initial}"))
        .send(format!("+ {}\r\n", BASE64.encode(json)))
        .on("", &["-ERR [AUTH] Invalid credentials"])
        .on("NOOP", &["+OK"]);
    let (mut client, server) = client_after(script).await;
    let err = client.auth_xoauth2("alice@example.org", token).await.unwrap_err();
    assert!(err.is_auth_failure(), "{err:?}");
    let text = err.server_text().unwrap();
    assert!(text.starts_with("[AUTH] Invalid credentials") && text.contains(r#""status":"401""#), "{text}");
    assert!(!format!("{err} {err:?}").contains("secret-token"));
    client.noop().await.expect("the exchange ended cleanly");
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn oauthbearer_failure_continuation_is_answered_with_a_single_ctrl_a() {
    let token = "ya29.secret-token";
    let initial = BASE64
        .encode(format!("n,a=alice@example.org,\x01host=pop.example.org\x01port=995\x01auth=Bearer {token}\x01\x01"));
    let json = r#"{"status":"invalid_token","scope":"mail"}"#;
    // RFC 7628 §3.2.3: the client answers the error challenge with %x01 ("AQ==").
    let script = Script::new()
        .expect(&format!("AUTH OAUTHBEARER {initial}"))
        .send(format!("+ {}\r\n", BASE64.encode(json)))
        .on("AQ==", &["-ERR [AUTH] Authentication failed"])
        .on("NOOP", &["+OK"]);
    let (mut client, server) = client_after(script).await;
    let err = client
        .auth_oauth(crate::model::OAuthMechanism::Oauthbearer, "alice@example.org", token, "pop.example.org", 995)
        .await
        .unwrap_err();
    assert!(err.is_auth_failure(), "{err:?}");
    assert!(err.server_text().unwrap().contains(r#""status":"invalid_token""#));
    assert!(!format!("{err} {err:?}").contains("secret-token"));
    client.noop().await.expect("the exchange ended cleanly");
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn stls_returns_the_stream_with_nothing_read_past_the_ok() {
    let (stream, server) = tokio::io::duplex(1024);
    let server = tokio::spawn(async move {
        let (read, mut write) = tokio::io::split(server);
        let mut read = BufReader::new(read);
        write.write_all(b"+OK ready\r\n").await.unwrap();
        assert_eq!(read_command(&mut read).await.as_deref(), Some("CAPA"));
        write.write_all(b"+OK\r\nSTLS\r\n.\r\n").await.unwrap();
        assert_eq!(read_command(&mut read).await.as_deref(), Some("STLS"));
        write.write_all(b"+OK Begin TLS negotiation\r\n").await.unwrap();
        // Stands in for the handshake: the raw stream carries it from here on.
        let mut hello = [0u8; 11];
        read.read_exact(&mut hello).await.unwrap();
        assert_eq!(&hello, b"ClientHello");
        write.write_all(b"ServerHello").await.unwrap();
    });
    let (mut client, _) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    assert!(client.capa().await.unwrap().stls);
    let mut raw = client.stls().await.unwrap();
    raw.write_all(b"ClientHello").await.unwrap();
    let mut reply = [0u8; 11];
    raw.read_exact(&mut reply).await.unwrap();
    assert_eq!(&reply, b"ServerHello");
    server.await.unwrap();
}

#[tokio::test]
async fn bytes_injected_after_the_stls_ok_are_refused() {
    let script = Script::new().on("STLS", &["+OK Begin TLS negotiation", "+OK injected reply to CAPA"]);
    let (client, server) = client_after(script).await;
    assert!(matches!(client.stls().await, Err(Pop3Error::StlsInjection)));
    server.await.unwrap();
}

/// A stream that hands out at most `max` bytes per read, to split what arrived at once.
#[derive(Debug)]
struct SmallReads {
    inner: DuplexStream,
    max: usize,
}

impl tokio::io::AsyncRead for SmallReads {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let max = self.max.min(buf.remaining());
        let mut small = tokio::io::ReadBuf::new(buf.initialize_unfilled_to(max));
        let polled = std::pin::Pin::new(&mut self.inner).poll_read(cx, &mut small);
        let filled = small.filled().len();
        buf.advance(filled);
        polled
    }
}

impl tokio::io::AsyncWrite for SmallReads {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        data: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, data)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[tokio::test]
async fn bytes_waiting_on_the_stream_after_the_stls_ok_are_refused() {
    let ok = "+OK Begin TLS\r\n";
    let script = Script::new().send("+OK ready\r\n").expect("STLS").send(format!("{ok}-ERR injected\r\n"));
    let (stream, server) = script.start();
    let stream = SmallReads { inner: stream, max: ok.len() };
    let (client, _) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    let outcome = client.stls().await;
    assert!(matches!(outcome, Err(Pop3Error::StlsInjection)), "{outcome:?}");
    server.await.unwrap();
}

#[tokio::test]
async fn stls_refused_is_a_server_error() {
    let (client, server) = client_after(Script::new().on("STLS", &["-ERR TLS not available"])).await;
    let err = client.stls().await.unwrap_err();
    assert!(matches!(&err, Pop3Error::Server { command, .. } if command == "STLS"), "{err:?}");
    server.await.unwrap();
}
