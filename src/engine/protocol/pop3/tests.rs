//! POP3 client tests against scripted servers, hostile ones included.

use super::*;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, duplex};

/// A client connected to a scripted server that sends `script` (and reads whatever comes).
async fn scripted(
    script: &'static [u8],
    limits: Limits,
) -> (Result<(Pop3Client<DuplexStream>, Greeting)>, DuplexStream) {
    let (client_side, mut server_side) = duplex(1 << 20);
    server_side.write_all(script).await.unwrap();
    (Pop3Client::connect(client_side, limits).await, server_side)
}

fn quick() -> Limits {
    Limits { op_timeout: Duration::from_millis(300), ..Limits::default() }
}

#[tokio::test]
async fn greeting_with_apop_timestamp() {
    let (client, _server) = scripted(b"+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n", quick()).await;
    let (_, greeting) = client.unwrap();
    assert_eq!(greeting.apop_timestamp.as_deref(), Some("<1896.697170952@dbc.mtview.ca.us>"));
}

#[tokio::test]
async fn capa_is_parsed() {
    let (client, _server) =
        scripted(b"+OK hi\r\n+OK caps\r\nTOP\r\nUIDL\r\nPIPELINING\r\nSTLS\r\nSASL PLAIN LOGIN\r\n.\r\n", quick())
            .await;
    let (mut client, _) = client.unwrap();
    let caps = client.capa().await.unwrap();
    assert!(caps.top && caps.uidl && caps.pipelining && caps.stls && !caps.user);
    assert_eq!(caps.sasl, vec!["PLAIN", "LOGIN"]);
}

#[tokio::test]
async fn retr_unstuffs_dots_and_keeps_bytes() {
    let (client, _server) =
        scripted(b"+OK hi\r\n+OK 40 octets\r\nSubject: x\r\n\r\n..leading dot\r\n.\r\n", quick()).await;
    let (mut client, _) = client.unwrap();
    assert_eq!(client.retr(1).await.unwrap(), b"Subject: x\r\n\r\n.leading dot\r\n");
}

#[tokio::test]
async fn err_keeps_text_and_response_code() {
    let (client, _server) = scripted(b"+OK hi\r\n+OK\r\n-ERR [AUTH] Invalid credentials\r\n", quick()).await;
    let (mut client, _) = client.unwrap();
    let err = client.user_pass("ivan", "secret-pw").await.unwrap_err();
    assert!(err.is_auth_failure(), "{err:?}");
    assert_eq!(err.server_text().as_deref(), Some("[AUTH] Invalid credentials"));
    assert!(!format!("{err} {err:?}").contains("secret-pw"), "the password never appears in errors");
}

#[tokio::test]
async fn never_ending_line_is_bounded() {
    let limits = Limits { max_status_line: 1024, ..quick() };
    let (client_side, mut server_side) = duplex(1 << 16);
    tokio::spawn(async move {
        let _ = server_side.write_all(b"+OK ").await;
        loop {
            if server_side.write_all(&[b'a'; 4096]).await.is_err() {
                return;
            }
        }
    });
    let err = Pop3Client::connect(client_side, limits).await.err().unwrap();
    assert_eq!(err, Pop3Error::LineTooLong);
}

#[tokio::test]
async fn never_ending_message_is_bounded() {
    let limits = Limits { max_message: 64 * 1024, ..quick() };
    let (client_side, mut server_side) = duplex(1 << 16);
    tokio::spawn(async move {
        let _ = server_side.write_all(b"+OK hi\r\n+OK 10 octets (a lie)\r\n").await;
        loop {
            if server_side.write_all(b"an endless line of mail\r\n").await.is_err() {
                return;
            }
        }
    });
    let (mut client, _) = Pop3Client::connect(client_side, limits).await.unwrap();
    assert_eq!(client.retr(1).await.unwrap_err(), Pop3Error::MessageTooLarge);
}

#[tokio::test]
async fn dropped_connection_mid_retr_is_an_error_not_a_short_message() {
    let (client_side, mut server_side) = duplex(1 << 16);
    server_side.write_all(b"+OK hi\r\n+OK\r\nSubject: cut\r\n\r\nhalf a mess").await.unwrap();
    drop(server_side);
    let (mut client, _) = Pop3Client::connect(client_side, quick()).await.unwrap();
    assert!(matches!(client.retr(1).await, Err(Pop3Error::Protocol(_) | Pop3Error::Io(_))));
}

#[tokio::test]
async fn trickling_server_hits_the_deadline() {
    let (client_side, mut server_side) = duplex(1 << 16);
    tokio::spawn(async move {
        let _ = server_side.write_all(b"+OK hi\r\n+OK\r\n").await;
        loop {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if server_side.write_all(b"x").await.is_err() {
                return;
            }
        }
    });
    let (mut client, _) = Pop3Client::connect(client_side, quick()).await.unwrap();
    assert!(client.retr(1).await.unwrap_err().is_timeout());
}

#[tokio::test]
async fn stls_with_injected_bytes_is_refused() {
    let (client, _server) = scripted(b"+OK hi\r\n+OK begin TLS\r\n+OK injected\r\n", quick()).await;
    let (client, _) = client.unwrap();
    assert_eq!(client.stls().await.err(), Some(Pop3Error::StlsInjection));
}

#[tokio::test]
async fn uidl_rejects_invalid_ids_and_list_parses() {
    let (client, _server) =
        scripted(b"+OK hi\r\n+OK\r\n1 120\r\n2 3400\r\n.\r\n+OK\r\n1 abc\r\n2 has space\r\n.\r\n", quick()).await;
    let (mut client, _) = client.unwrap();
    assert_eq!(client.list().await.unwrap(), vec![(1, 120), (2, 3400)]);
    assert!(matches!(client.uidl().await, Err(Pop3Error::Protocol(_))));
}

#[tokio::test]
async fn pipelined_retr_returns_messages_in_order() {
    let (client_side, mut server_side) = duplex(1 << 20);
    tokio::spawn(async move {
        server_side.write_all(b"+OK hi\r\n+OK\r\nPIPELINING\r\n.\r\n").await.unwrap();
        let mut buf = vec![0u8; 1 << 16];
        let mut served = 0;
        let mut pending = String::new();
        while served < 500 {
            let n = server_side.read(&mut buf).await.unwrap();
            pending.push_str(std::str::from_utf8(&buf[..n]).unwrap());
            while let Some(end) = pending.find("\r\n") {
                let command: String = pending.drain(..end + 2).collect();
                if command.starts_with("CAPA") {
                    continue;
                }
                let number: u32 = command.trim().trim_start_matches("RETR ").parse().unwrap();
                let reply = format!("+OK\r\nSubject: {number}\r\n\r\nbody {number}\r\n.\r\n");
                server_side.write_all(reply.as_bytes()).await.unwrap();
                served += 1;
            }
        }
    });
    let (mut client, _) = Pop3Client::connect(client_side, Limits::default()).await.unwrap();
    assert!(client.capa().await.unwrap().pipelining);
    let numbers: Vec<u32> = (1..=500).collect();
    let mut got = Vec::new();
    client
        .retr_many(&numbers, |n, bytes| {
            assert_eq!(bytes, format!("Subject: {n}\r\n\r\nbody {n}\r\n").into_bytes());
            got.push(n);
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(got, numbers);
}
