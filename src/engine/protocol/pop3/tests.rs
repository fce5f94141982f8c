//! Tests of the POP3 client against scripted servers on in-memory pipes: the ordinary flow
//! here; hostile servers, pipelining, logins and a real Dovecot in the submodules.

mod auth;
mod dovecot;
mod hostile;
mod pipelining;

use super::*;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::task::JoinHandle;

/// One step of a scripted server.
enum Step {
    Send(Vec<u8>),
    /// The next line the client must send (without CRLF).
    Expect(String),
    /// Drops the connection at once.
    Close,
}

/// A POP3 server that follows a script and fails the test on any surprise. After the last step
/// it keeps the connection open until the client closes it.
#[derive(Default)]
struct Script(Vec<Step>);

impl Script {
    fn new() -> Script {
        Script::default()
    }

    fn send(mut self, bytes: impl AsRef<[u8]>) -> Script {
        self.0.push(Step::Send(bytes.as_ref().to_vec()));
        self
    }

    fn expect(mut self, line: &str) -> Script {
        self.0.push(Step::Expect(line.to_string()));
        self
    }

    /// Expects `command` and answers `reply` (CRLF added to each line of `reply`).
    fn on(self, command: &str, reply: &[&str]) -> Script {
        let bytes: String = reply.iter().map(|line| format!("{line}\r\n")).collect();
        self.expect(command).send(bytes)
    }

    fn close(mut self) -> Script {
        self.0.push(Step::Close);
        self
    }

    fn start(self) -> (DuplexStream, JoinHandle<()>) {
        let (client, server) = tokio::io::duplex(64 * 1024);
        let task = tokio::spawn(async move {
            let (read, mut write) = tokio::io::split(server);
            let mut read = BufReader::new(read);
            for step in self.0 {
                match step {
                    Step::Send(bytes) => {
                        if write.write_all(&bytes).await.is_err() {
                            return;
                        }
                    }
                    Step::Expect(expected) => {
                        let got = read_command(&mut read).await;
                        assert_eq!(got.as_deref(), Some(expected.as_str()), "the client sent something else");
                    }
                    Step::Close => return,
                }
            }
            let mut rest = Vec::new();
            let _ = tokio::io::AsyncReadExt::read_to_end(&mut read, &mut rest).await;
            let rest = String::from_utf8_lossy(&rest);
            assert!(rest.is_empty() || rest == "QUIT\r\n", "the client sent unscripted commands: {rest:?}");
        });
        (client, task)
    }
}

/// The next command line from the client without CRLF, `None` at end of stream.
async fn read_command<R: tokio::io::AsyncBufRead + Unpin>(read: &mut R) -> Option<String> {
    let mut line = String::new();
    match read.read_line(&mut line).await {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_string()),
    }
}

fn quick_limits() -> Limits {
    Limits { op_timeout: Duration::from_secs(5), ..Limits::default() }
}

/// A client past the greeting `+OK ready`, on a server that then follows `script`.
async fn client_after(script: Script) -> (Pop3Client<DuplexStream>, JoinHandle<()>) {
    client_with(Script::new().send("+OK ready\r\n"), script, quick_limits()).await
}

async fn client_with(greeting: Script, script: Script, limits: Limits) -> (Pop3Client<DuplexStream>, JoinHandle<()>) {
    let mut steps = greeting.0;
    steps.extend(script.0);
    let (stream, server) = Script(steps).start();
    let (client, _greeting) = Pop3Client::connect(stream, limits).await.expect("greeting");
    (client, server)
}

#[tokio::test]
async fn greeting_with_apop_timestamp_is_parsed() {
    let (stream, server) = Script::new().send("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n").start();
    let (client, greeting) = Pop3Client::connect(stream, quick_limits()).await.unwrap();
    assert_eq!(greeting.text, "POP3 server ready <1896.697170952@dbc.mtview.ca.us>");
    assert_eq!(greeting.apop_timestamp.as_deref(), Some("<1896.697170952@dbc.mtview.ca.us>"));
    assert_eq!(client.greeting(), Some(&greeting));
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn capa_is_parsed_and_remembered() {
    let script = Script::new().on(
        "CAPA",
        &[
            "+OK Capability list follows",
            "TOP",
            "UIDL",
            "USER",
            "SASL PLAIN XOAUTH2",
            "RESP-CODES",
            "PIPELINING",
            "STLS",
            "EXPIRE NEVER",
            "LOGIN-DELAY 0",
            "IMPLEMENTATION Scripted-1.0",
            ".",
        ],
    );
    let (mut client, server) = client_after(script).await;
    assert!(!client.pipelining());
    let caps = client.capa().await.unwrap();
    assert!(caps.top && caps.uidl && caps.user && caps.resp_codes && caps.pipelining && caps.stls);
    assert_eq!(caps.sasl, ["PLAIN", "XOAUTH2"]);
    assert_eq!(caps.expire, Some(Expire::Never));
    assert_eq!(caps.login_delay, Some(0));
    assert_eq!(caps.implementation.as_deref(), Some("Scripted-1.0"));
    assert_eq!(caps.raw.len(), 10);
    assert!(client.pipelining());
    assert_eq!(client.capabilities(), Some(&caps));
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn stat_list_uidl_and_one_message_forms_are_parsed() {
    let script = Script::new()
        .on("STAT", &["+OK 2 320"])
        .on("LIST", &["+OK 2 messages (320 octets)", "1 120", "2 200", "."])
        .on("LIST 2", &["+OK 2 200"])
        .on("UIDL", &["+OK", "1 whqtswO00WBw418f9t5JxYwZ", "2 QhdPYR:00WBw1Ph7x7", "."])
        .on("UIDL 2", &["+OK 2 QhdPYR:00WBw1Ph7x7"])
        .on("NOOP", &["+OK"])
        .on("RSET", &["+OK maildrop has 2 messages"])
        .on("DELE 1", &["+OK message 1 deleted"])
        .on("QUIT", &["+OK bye"]);
    let (mut client, server) = client_after(script).await;
    assert_eq!(client.stat().await.unwrap(), (2, 320));
    assert_eq!(client.list().await.unwrap(), [(1, 120), (2, 200)]);
    assert_eq!(client.list_one(2).await.unwrap(), 200);
    let uids = client.uidl().await.unwrap();
    assert_eq!(uids, [(1, "whqtswO00WBw418f9t5JxYwZ".to_string()), (2, "QhdPYR:00WBw1Ph7x7".to_string())]);
    assert_eq!(client.uidl_one(2).await.unwrap(), "QhdPYR:00WBw1Ph7x7");
    client.noop().await.unwrap();
    client.rset().await.unwrap();
    client.dele(1).await.unwrap();
    client.quit().await.unwrap();
    server.await.unwrap();
}

#[tokio::test]
async fn retr_unstuffs_dots_and_stops_only_at_the_terminator() {
    let body = "Subject: dots\r\n\r\n..foo\r\n..\r\n...\r\n.\tpoint\r\nlast line\r\n.\r\n";
    let script = Script::new()
        .expect("RETR 1")
        .send(format!("+OK 60 octets\r\n{body}"))
        .expect("TOP 1 0")
        .send("+OK\r\nSubject: dots\r\n\r\n.\r\n")
        .on("NOOP", &["+OK still in step"]);
    let (mut client, server) = client_after(script).await;
    let message = client.retr(1).await.unwrap();
    assert_eq!(String::from_utf8(message).unwrap(), "Subject: dots\r\n\r\n.foo\r\n.\r\n..\r\n\tpoint\r\nlast line\r\n");
    assert_eq!(client.top(1, 0).await.unwrap(), b"Subject: dots\r\n\r\n");
    client.noop().await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn retr_keeps_bare_lf_lines_exactly_as_sent() {
    let script = Script::new()
        .expect("RETR 1")
        .send("+OK\r\nSubject: lf\n\nbody\n..dot\nmixed\r\n.\r\n")
        .expect("RETR 2")
        .send("+OK\r\nall lf\n.\n")
        .on("NOOP", &["+OK"]);
    let (mut client, server) = client_after(script).await;
    assert_eq!(client.retr(1).await.unwrap(), b"Subject: lf\n\nbody\n.dot\nmixed\r\n");
    assert_eq!(client.retr(2).await.unwrap(), b"all lf\n");
    client.noop().await.unwrap();
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn retr_into_streams_the_same_bytes_as_retr() {
    let mut body = String::new();
    for i in 0..20_000 {
        body.push_str(&format!("line {i} .. with dots\r\n"));
        if i % 1000 == 0 {
            body.push_str("..leading dot\r\n");
        }
    }
    let script = Script::new()
        .expect("RETR 7")
        .send(format!("+OK\r\n{body}.\r\n"))
        .expect("RETR 7")
        .send(format!("+OK\r\n{body}.\r\n"));
    let (mut client, server) = client_after(script).await;
    let held = client.retr(7).await.unwrap();
    let mut streamed = Vec::new();
    let written = client.retr_into(7, &mut streamed).await.unwrap();
    assert_eq!(written, held.len() as u64);
    assert_eq!(streamed, held);
    assert!(held.starts_with(b"line 0 .. with dots\r\n.leading dot\r\n"));
    drop(client);
    server.await.unwrap();
}

#[tokio::test]
async fn quit_err_says_deletions_may_not_have_happened() {
    let script = Script::new().on("DELE 1", &["+OK"]).on("QUIT", &["-ERR some deleted messages not removed"]);
    let (mut client, server) = client_after(script).await;
    client.dele(1).await.unwrap();
    let err = client.quit().await.unwrap_err();
    assert!(matches!(&err, Pop3Error::Server { command, .. } if command == "QUIT"), "{err:?}");
    server.await.unwrap();
}

#[tokio::test]
async fn client_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let (stream, _other) = tokio::io::duplex(64);
    let mut client = Pop3Client::after_stls(stream, Limits::default());
    let mut sink = Vec::new();
    assert_send(&client.retr(1));
    assert_send(&client.retr_into(1, &mut sink));
    assert_send(&client.uidl());
    assert_send(&client.capa());
    assert_send(&client.user_pass("a", "b"));
    assert_send(&client.auth_xoauth2("a", "b"));
    assert_send(&client.dele_pipelined(&[1]));
    let mut batch = client.retr_batch(&[1], 4);
    assert_send(&batch.next());
    drop(batch);
    assert_send(&client.quit());
}
