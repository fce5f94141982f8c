//! Pipelined RETR and DELE (RFC 2449 §6.6): order, window, refusals, fallback without
//! PIPELINING, and a batch dropped half way.

use super::*;
use std::collections::VecDeque;
use tokio::io::{AsyncWriteExt, ReadHalf, WriteHalf};

type ServerRead = BufReader<ReadHalf<DuplexStream>>;
type ServerWrite = WriteHalf<DuplexStream>;

fn message(n: u32) -> String {
    format!("Subject: message {n}\r\n\r\n.line starting with a dot\r\nbody of {n}\r\n")
}

fn stuffed(n: u32) -> String {
    message(n).replace("\r\n.", "\r\n..")
}

/// Greets and answers CAPA, listing PIPELINING if `pipelining`.
async fn serve_capa(server: DuplexStream, pipelining: bool) -> (ServerRead, ServerWrite) {
    let (read, mut write) = tokio::io::split(server);
    let mut read = BufReader::new(read);
    write.write_all(b"+OK ready\r\n").await.unwrap();
    assert_eq!(read_command(&mut read).await.as_deref(), Some("CAPA"));
    let caps: &[u8] = if pipelining { b"+OK\r\nUIDL\r\nPIPELINING\r\n.\r\n" } else { b"+OK\r\nUIDL\r\n.\r\n" };
    write.write_all(caps).await.unwrap();
    (read, write)
}

/// Answers RETR for `count` messages, but only once it holds `hold` unanswered commands (or
/// all that remain): a client that does not keep that many in flight stalls. Fails if the
/// client sends more than `hold` ahead. Message `refuse` gets `-ERR`.
async fn answer_retrs(read: &mut ServerRead, write: &mut ServerWrite, count: u32, hold: usize, refuse: Option<u32>) {
    let mut held: VecDeque<u32> = VecDeque::new();
    let mut expected = 1;
    let mut answered = 0;
    while answered < count {
        let want = hold.min((count - answered) as usize);
        while held.len() < want {
            let command = read_command(read).await.expect("a RETR command");
            assert_eq!(command, format!("RETR {expected}"), "commands arrive in order");
            held.push_back(expected);
            expected += 1;
        }
        assert!(read.buffer().is_empty(), "the client sent more than {hold} commands ahead");
        let Some(n) = held.pop_front() else { break };
        let reply = if Some(n) == refuse {
            "-ERR no such message\r\n".to_string()
        } else {
            format!("+OK\r\n{}.\r\n", stuffed(n))
        };
        write.write_all(reply.as_bytes()).await.unwrap();
        answered += 1;
    }
}

async fn connect_with_capa(stream: DuplexStream) -> Pop3Client<DuplexStream> {
    let (mut client, _) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    client.capa().await.unwrap();
    client
}

#[tokio::test]
async fn pipelined_retr_of_500_messages_arrives_in_order_within_the_window() {
    let (stream, server) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let (mut read, mut write) = serve_capa(server, true).await;
        answer_retrs(&mut read, &mut write, 500, 16, None).await;
        assert_eq!(read_command(&mut read).await.as_deref(), Some("QUIT"));
        write.write_all(b"+OK bye\r\n").await.unwrap();
    });
    let run = async {
        let mut client = connect_with_capa(stream).await;
        let msgs: Vec<u32> = (1..=500).collect();
        let mut batch = client.retr_batch(&msgs, 16);
        assert_eq!(batch.window(), 16);
        let mut next_expected = 1;
        while let Some(retrieved) = batch.next().await.unwrap() {
            match retrieved {
                Retrieved::Message { msg, bytes } => {
                    assert_eq!(msg, next_expected);
                    assert_eq!(String::from_utf8(bytes).unwrap(), message(msg));
                    next_expected += 1;
                }
                Retrieved::Refused { msg, error } => panic!("{msg}: {error}"),
            }
        }
        assert_eq!(next_expected, 501);
        assert_eq!(batch.remaining(), 0);
        client.quit().await.unwrap();
    };
    tokio::time::timeout(Duration::from_secs(20), run).await.expect("a pipelining client never stalls");
    server.await.unwrap();
}

#[tokio::test]
async fn without_pipelining_the_batch_sends_one_retr_at_a_time() {
    let (stream, server) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let (mut read, mut write) = serve_capa(server, false).await;
        answer_retrs(&mut read, &mut write, 20, 1, None).await;
    });
    let mut client = connect_with_capa(stream).await;
    assert!(!client.pipelining());
    let msgs: Vec<u32> = (1..=20).collect();
    let mut batch = client.retr_batch(&msgs, 16);
    assert_eq!(batch.window(), 1);
    let mut got = Vec::new();
    while let Some(Retrieved::Message { msg, .. }) = batch.next().await.unwrap() {
        got.push(msg);
    }
    assert_eq!(got, msgs);
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn a_refused_message_is_reported_and_the_batch_goes_on() {
    let (stream, server) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let (mut read, mut write) = serve_capa(server, true).await;
        answer_retrs(&mut read, &mut write, 5, 5, Some(3)).await;
    });
    let mut client = connect_with_capa(stream).await;
    let mut batch = client.retr_batch(&[1, 2, 3, 4, 5], 8);
    let mut outcomes = Vec::new();
    while let Some(retrieved) = batch.next().await.unwrap() {
        outcomes.push(match retrieved {
            Retrieved::Message { msg, .. } => format!("{msg} ok"),
            Retrieved::Refused { msg, error } => format!("{msg} refused: {error}"),
        });
    }
    assert_eq!(
        outcomes,
        ["1 ok", "2 ok", "3 refused: the POP3 server refused RETR 3: no such message", "4 ok", "5 ok"]
    );
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn a_batch_dropped_early_is_drained_before_the_next_command() {
    let (stream, server) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let (mut read, mut write) = serve_capa(server, true).await;
        answer_retrs(&mut read, &mut write, 3, 3, None).await;
        assert_eq!(read_command(&mut read).await.as_deref(), Some("NOOP"));
        write.write_all(b"+OK\r\n").await.unwrap();
    });
    let mut client = connect_with_capa(stream).await;
    let mut batch = client.retr_batch(&[1, 2, 3], 3);
    assert!(matches!(batch.next().await.unwrap(), Some(Retrieved::Message { msg: 1, .. })));
    drop(batch);
    client.noop().await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn a_batch_on_a_dropped_connection_is_an_error_not_an_early_end() {
    let (stream, server) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(async move {
        let (mut read, mut write) = serve_capa(server, true).await;
        for n in 1..=2 {
            assert_eq!(read_command(&mut read).await, Some(format!("RETR {n}")));
        }
        write.write_all(format!("+OK\r\n{}.\r\n+OK\r\nSubject: cut", stuffed(1)).as_bytes()).await.unwrap();
    });
    let mut client = connect_with_capa(stream).await;
    let mut batch = client.retr_batch(&[1, 2], 2);
    assert!(matches!(batch.next().await.unwrap(), Some(Retrieved::Message { msg: 1, .. })));
    let err = batch.next().await.unwrap_err();
    assert!(err.to_string().contains("closed the connection"), "{err}");
    assert!(batch.next().await.is_err(), "a broken batch never ends with Ok(None)");
    server.await.unwrap();
}

#[tokio::test]
async fn dele_pipelined_marks_all_and_reports_refusals() {
    for pipelining in [true, false] {
        let (stream, server) = tokio::io::duplex(64 * 1024);
        let server = tokio::spawn(async move {
            let (mut read, mut write) = serve_capa(server, pipelining).await;
            let mut commands = Vec::new();
            let hold = if pipelining { 5 } else { 1 };
            while commands.len() < 5 {
                let mut batch = Vec::new();
                for _ in 0..hold {
                    batch.push(read_command(&mut read).await.unwrap());
                }
                assert!(read.buffer().is_empty(), "more than {hold} DELE in flight");
                for command in &batch {
                    let reply: &[u8] =
                        if command == "DELE 3" { b"-ERR message 3 already deleted\r\n" } else { b"+OK\r\n" };
                    write.write_all(reply).await.unwrap();
                }
                commands.extend(batch);
            }
            assert_eq!(commands, ["DELE 1", "DELE 2", "DELE 3", "DELE 4", "DELE 5"]);
            assert_eq!(read_command(&mut read).await.as_deref(), Some("QUIT"));
            write.write_all(b"+OK bye\r\n").await.unwrap();
        });
        let mut client = connect_with_capa(stream).await;
        let refused = client.dele_pipelined(&[1, 2, 3, 4, 5]).await.unwrap();
        assert_eq!(refused.len(), 1);
        assert!(matches!(refused.first(), Some((3, Pop3Error::Server { .. }))), "{refused:?}");
        client.quit().await.unwrap();
        server.await.unwrap();
    }
}
