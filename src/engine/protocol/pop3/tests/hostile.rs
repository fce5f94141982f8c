//! Hostile and broken servers: endless lines and messages, lying sizes, `-ERR` at every step,
//! dropped connections, tricklers, silence, and callers that abandon an operation half way.

use super::*;
use tokio::io::AsyncWriteExt;
use tokio::time::Instant;

/// A server that greets, waits for `command`, answers `prefix`, then writes `chunk` forever
/// (until the client goes away), with `pause` between writes.
fn endless(command: &'static str, prefix: &'static str, chunk: Vec<u8>, pause: Duration) -> DuplexStream {
    let (client, server) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let (read, mut write) = tokio::io::split(server);
        let mut read = BufReader::new(read);
        let _ = write.write_all(b"+OK ready\r\n").await;
        assert_eq!(read_command(&mut read).await.as_deref(), Some(command));
        let _ = write.write_all(prefix.as_bytes()).await;
        loop {
            if write.write_all(&chunk).await.is_err() {
                return;
            }
            if !pause.is_zero() {
                tokio::time::sleep(pause).await;
            }
        }
    });
    client
}

#[tokio::test]
async fn a_status_line_that_never_ends_is_line_too_long_in_bounded_memory() {
    let stream = endless("STAT", "+OK ", vec![b'9'; 16 * 1024], Duration::ZERO);
    let (mut client, _) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    let err = client.stat().await.unwrap_err();
    assert!(matches!(err, Pop3Error::LineTooLong { during: "STAT", limit: 8192 }), "{err:?}");
    assert!(client.wire.buffer_len() <= 128 * 1024, "buffer grew to {}", client.wire.buffer_len());
    assert!(matches!(client.noop().await, Err(Pop3Error::LineTooLong { .. })), "the session must stay broken");
}

#[tokio::test]
async fn a_message_that_never_ends_is_message_too_large_in_bounded_memory() {
    let stream = endless("RETR 1", "+OK\r\n", b"endless line of text\r\n".repeat(1000), Duration::ZERO);
    let limits = Limits { max_message: 4 * 1024 * 1024, ..quick_limits() };
    let (mut client, _) = Pop3Client::connect(stream, limits).await.unwrap();
    let err = client.retr(1).await.unwrap_err();
    assert!(matches!(err, Pop3Error::MessageTooLarge { limit, .. } if limit == 4 * 1024 * 1024), "{err:?}");
    assert!(client.wire.buffer_len() <= 128 * 1024);
}

#[tokio::test]
async fn a_message_line_that_never_ends_is_line_too_long_in_bounded_memory() {
    let stream = endless("RETR 1", "+OK\r\nSubject: x\r\n\r\n", vec![b'A'; 64 * 1024], Duration::ZERO);
    let limits = Limits { max_data_line: 256 * 1024, ..quick_limits() };
    let (mut client, _) = Pop3Client::connect(stream, limits).await.unwrap();
    let err = client.retr(1).await.unwrap_err();
    assert!(matches!(err, Pop3Error::LineTooLong { during: "RETR", limit } if limit == 256 * 1024), "{err:?}");
    assert!(client.wire.buffer_len() <= 256 * 1024 + 64 * 1024, "buffer grew to {}", client.wire.buffer_len());
}

#[tokio::test]
async fn a_trickling_server_hits_the_operation_deadline() {
    let stream = endless("RETR 1", "+OK\r\n", b"x\r\n".to_vec(), Duration::from_millis(20));
    let limits = Limits { op_timeout: Duration::from_millis(400), ..Limits::default() };
    let (mut client, _) = Pop3Client::connect(stream, limits).await.unwrap();
    let started = Instant::now();
    let err = client.retr(1).await.unwrap_err();
    assert!(matches!(err, Pop3Error::Timeout { during: "RETR" }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_trickled_status_line_hits_the_operation_deadline() {
    let stream = endless("STAT", "+", b"O".to_vec(), Duration::from_millis(10));
    let limits = Limits { op_timeout: Duration::from_millis(300), ..Limits::default() };
    let (mut client, _) = Pop3Client::connect(stream, limits).await.unwrap();
    let started = Instant::now();
    let err = client.stat().await.unwrap_err();
    assert!(matches!(err, Pop3Error::Timeout { during: "STAT" }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_slow_but_steady_transfer_outlives_op_timeout() {
    // 40 chunks of 1 KiB, one every 50 ms: two seconds in all, twice op_timeout. At 20 KiB/s it
    // is well above min_rate, so each window's worth of bytes earns another window.
    let (stream, server) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let (read, mut write) = tokio::io::split(server);
        let mut read = BufReader::new(read);
        write.write_all(b"+OK ready\r\n").await.unwrap();
        assert_eq!(read_command(&mut read).await.as_deref(), Some("RETR 1"));
        write.write_all(b"+OK\r\n").await.unwrap();
        for _ in 0..40 {
            write.write_all(&[b"y".repeat(1022), b"\r\n".to_vec()].concat()).await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        write.write_all(b".\r\n").await.unwrap();
        let _ = read_command(&mut read).await;
    });
    let limits = Limits { op_timeout: Duration::from_secs(1), min_rate: 1024, ..Limits::default() };
    let (mut client, _) = Pop3Client::connect(stream, limits).await.unwrap();
    assert_eq!(client.retr(1).await.unwrap().len(), 40 * 1024);
}

#[tokio::test]
async fn a_silent_server_times_out_at_the_greeting() {
    let (stream, _server) = tokio::io::duplex(64);
    let limits = Limits { op_timeout: Duration::from_millis(100), ..Limits::default() };
    let err = Pop3Client::connect(stream, limits).await.unwrap_err();
    assert!(matches!(err, Pop3Error::Timeout { during: "the greeting" }), "{err:?}");
}

#[tokio::test]
async fn a_lying_list_size_never_drives_allocation() {
    let script = Script::new()
        .on("LIST", &["+OK", "1 18446744073709551615", "."])
        .expect("RETR 1")
        .send("+OK\r\nSubject: small\r\n\r\nhi\r\n.\r\n");
    let (mut client, server) = client_after(script).await;
    assert_eq!(client.list().await.unwrap(), [(1, u64::MAX)]);
    let message = client.retr(1).await.unwrap();
    assert_eq!(message, b"Subject: small\r\n\r\nhi\r\n");
    assert!(message.capacity() < 64 * 1024, "capacity {}", message.capacity());
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn a_connection_dropped_mid_retr_is_an_error_not_a_short_message() {
    let script = Script::new().expect("RETR 1").send("+OK\r\nSubject: cut\r\n\r\nthe first half of").close();
    let (mut client, server) = client_after(script).await;
    let err = client.retr(1).await.unwrap_err();
    assert!(err.to_string().contains("the server closed the connection during RETR"), "{err}");
    assert!(err.breaks_session());
    let again = client.stat().await.unwrap_err();
    assert_eq!(again.to_string(), err.to_string(), "a broken session keeps saying so");
    server.await.unwrap();
}

#[tokio::test]
async fn a_connection_dropped_mid_listing_is_an_error_not_an_empty_maildrop() {
    let script = Script::new().expect("UIDL").send("+OK\r\n1 abc\r\n2 de").close();
    let (mut client, server) = client_after(script).await;
    let err = client.uidl().await.unwrap_err();
    assert!(matches!(&err, Pop3Error::Protocol(text) if text.contains("closed the connection")), "{err:?}");
    server.await.unwrap();
}

#[tokio::test]
async fn garbage_instead_of_a_status_is_a_protocol_error() {
    let script = Script::new().on("STAT", &["* OK this is IMAP"]);
    let (mut client, server) = client_after(script).await;
    let err = client.stat().await.unwrap_err();
    assert!(matches!(&err, Pop3Error::Protocol(text) if text.contains("* OK this is IMAP")), "{err:?}");
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn invalid_uids_and_repeated_message_numbers_are_refused() {
    for (listing, why) in
        [(vec!["+OK", "1 has space", "."], "did not make sense"), (vec!["+OK", "1 abc", "1 def", "."], "twice")]
    {
        let (mut client, server) = client_after(Script::new().on("UIDL", &listing)).await;
        let err = client.uidl().await.unwrap_err();
        assert!(err.to_string().contains(why), "{listing:?}: {err}");
        drop(client);
        server.await.unwrap();
    }
    let long = format!("1 {}", "u".repeat(71));
    let (mut client, server) = client_after(Script::new().on("UIDL", &["+OK", &long, "."])).await;
    assert!(matches!(client.uidl().await, Err(Pop3Error::Protocol(_))));
    drop(client);
    server.await.unwrap();
}

/// The ordinary session, step by step: (command, `+OK` reply lines).
const FLOW: &[(&str, &[&str])] = &[
    ("USER alice", &["+OK"]),
    ("PASS s3cret-pw", &["+OK logged in"]),
    ("STAT", &["+OK 1 10"]),
    ("LIST", &["+OK", "1 10", "."]),
    ("UIDL", &["+OK", "1 uid-1", "."]),
    ("RETR 1", &["+OK", "hi there", "."]),
    ("DELE 1", &["+OK"]),
    ("NOOP", &["+OK"]),
];

async fn run_flow(client: &mut Pop3Client<DuplexStream>) -> Result<(), Pop3Error> {
    client.user_pass("alice", "s3cret-pw").await?;
    client.stat().await?;
    client.list().await?;
    client.uidl().await?;
    client.retr(1).await?;
    client.dele(1).await?;
    client.noop().await
}

#[tokio::test]
async fn err_at_every_step_is_reported_with_its_command_and_code() {
    let greeting = Script::new().send("-ERR [SYS/TEMP] too many connections\r\n").start().0;
    let err = Pop3Client::connect(greeting, quick_limits()).await.unwrap_err();
    assert_eq!(err.response_code(), Some(&ResponseCode::SysTemp));
    assert_eq!(err.to_string(), "the POP3 server refused the connection: [SYS/TEMP] too many connections");

    let labels = ["USER alice", "PASS (password hidden)", "STAT", "LIST", "UIDL", "RETR 1", "DELE 1", "NOOP"];
    for (failing, label) in labels.iter().enumerate() {
        let mut script = Script::new();
        for (command, reply) in FLOW.iter().take(failing) {
            script = script.on(command, reply);
        }
        let command = FLOW.get(failing).map(|(command, _)| *command).unwrap();
        script = script.on(command, &["-ERR [IN-USE] step refused"]).on("NOOP", &["+OK still here"]);
        let (mut client, server) = client_after(script).await;
        let err = run_flow(&mut client).await.unwrap_err();
        match &err {
            Pop3Error::Server { command, code, text } => {
                assert_eq!(command, label);
                assert_eq!(code, &Some(ResponseCode::InUse));
                assert_eq!(text, "[IN-USE] step refused");
            }
            other => panic!("step {label}: {other:?}"),
        }
        assert!(!err.to_string().contains("s3cret-pw"));
        assert!(!err.breaks_session() && !err.is_auth_failure() && err.is_temporary());
        client.noop().await.expect("-ERR leaves the session usable");
        drop(client);
        server.await.unwrap();
    }
}

#[tokio::test]
async fn an_operation_dropped_mid_body_breaks_the_session() {
    let script = Script::new().expect("RETR 1").send("+OK\r\nSubject: slow\r\n");
    let (mut client, server) = client_after(script).await;
    let outcome = tokio::time::timeout(Duration::from_millis(100), client.retr(1)).await;
    assert!(outcome.is_err(), "the caller gave up");
    let err = client.noop().await.unwrap_err();
    assert!(err.to_string().contains("interrupted"), "{err}");
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn an_operation_dropped_before_its_reply_is_drained_by_the_next() {
    let (stream, server) = tokio::io::duplex(1024);
    let server = tokio::spawn(async move {
        let (read, mut write) = tokio::io::split(server);
        let mut read = BufReader::new(read);
        write.write_all(b"+OK ready\r\n").await.unwrap();
        assert_eq!(read_command(&mut read).await.as_deref(), Some("UIDL"));
        tokio::time::sleep(Duration::from_millis(150)).await;
        write.write_all(b"+OK\r\n1 late\r\n.\r\n").await.unwrap();
        assert_eq!(read_command(&mut read).await.as_deref(), Some("STAT"));
        write.write_all(b"+OK 1 5\r\n").await.unwrap();
    });
    let (mut client, _) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    assert!(tokio::time::timeout(Duration::from_millis(50), client.uidl()).await.is_err());
    assert_eq!(client.stat().await.unwrap(), (1, 5));
    server.await.unwrap();
}
