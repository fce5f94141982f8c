//! A fake POP3 maildrop for sync-level fault tests: a real (if small) RFC 1939 server in the
//! TRANSACTION state over an in-memory pipe, whose messages survive from session to session
//! and are removed only by a QUIT after DELE, plus the faults a hostile or broken server shows.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// What goes wrong in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// `-ERR` to every command with this verb.
    Refuse(&'static str),
    /// The connection drops after this many RETR replies.
    DropAfterRetrs(usize),
    /// RETR of this message number never ends.
    EndlessMessage(u32),
    /// The UIDL listing is one line that never ends.
    EndlessUidlLine,
    /// LIST claims absurd sizes (and UIDL is refused, so LIST and TOP are used).
    LyingListWithoutUidl,
    /// UIDL is refused (RFC 1939 §7: it is optional); TOP works.
    NoUidl,
    /// QUIT removes the marked messages, then the connection drops before `+OK` arrives.
    DropAfterQuitCommits,
}

/// A message's UIDL and bytes.
type Stored = (String, Vec<u8>);

/// Messages shared by every session: `None` once a QUIT removed it.
#[derive(Clone, Default)]
pub struct Maildrop {
    messages: Arc<Mutex<Vec<Option<Stored>>>>,
}

impl Maildrop {
    pub fn with_messages(count: usize) -> Maildrop {
        let drop = Maildrop::default();
        for n in 0..count {
            drop.add(&format!("uid-{n}"), message(n));
        }
        drop
    }

    pub fn add(&self, uidl: &str, raw: Vec<u8>) {
        self.messages.lock().unwrap().push(Some((uidl.to_string(), raw)));
    }

    /// What is still on the server, in order.
    pub fn remaining(&self) -> Vec<Stored> {
        self.messages.lock().unwrap().iter().flatten().cloned().collect()
    }

    /// A session in the TRANSACTION state (the greeting is sent; no login is asked).
    pub fn session(&self, fault: Fault) -> DuplexStream {
        let (client, server) = tokio::io::duplex(64 * 1024);
        let drop = self.clone();
        tokio::spawn(async move { drop.serve(server, fault).await });
        client
    }

    fn get(&self, index: Option<usize>) -> Option<Stored> {
        let messages = self.messages.lock().unwrap();
        index.and_then(|i| messages.get(i).cloned().flatten())
    }

    async fn serve(self, stream: DuplexStream, fault: Fault) -> Option<()> {
        let (read, mut write) = tokio::io::split(stream);
        let mut read = BufReader::new(read);
        // This session's view: message numbers index the messages present at its start.
        let view: Vec<usize> =
            self.messages.lock().unwrap().iter().enumerate().filter(|(_, m)| m.is_some()).map(|(i, _)| i).collect();
        let mut marked = vec![false; view.len()];
        let mut retrs = 0;
        write.write_all(b"+OK fake maildrop\r\n").await.ok()?;
        loop {
            let mut line = String::new();
            if read.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            let mut words = line.split_whitespace();
            let verb = words.next().unwrap_or_default().to_ascii_uppercase();
            let arg: Option<usize> = words.next().and_then(|w| w.parse().ok());
            let index = arg.filter(|n| (1..=view.len()).contains(n) && !marked[n - 1]).map(|n| view[n - 1]);
            if fault == Fault::Refuse(leak(&verb)) {
                write.write_all(b"-ERR [SYS/TEMP] not now\r\n").await.ok()?;
                continue;
            }
            let reply = match verb.as_str() {
                "CAPA" => b"+OK\r\nUIDL\r\nTOP\r\nPIPELINING\r\nLOGIN-DELAY 900\r\n.\r\n".to_vec(),
                "NOOP" | "RSET" => b"+OK\r\n".to_vec(),
                "UIDL" if matches!(fault, Fault::NoUidl | Fault::LyingListWithoutUidl) => {
                    b"-ERR no UIDL here\r\n".to_vec()
                }
                "UIDL" if fault == Fault::EndlessUidlLine => {
                    write.write_all(b"+OK\r\n1 ").await.ok()?;
                    loop {
                        write.write_all(&[b'x'; 16 * 1024]).await.ok()?;
                    }
                }
                "UIDL" => {
                    let mut out = b"+OK\r\n".to_vec();
                    let messages = self.messages.lock().unwrap();
                    for (n, i) in view.iter().enumerate() {
                        if let Some((uidl, _)) = &messages[*i] {
                            out.extend(format!("{} {uidl}\r\n", n + 1).bytes());
                        }
                    }
                    out.extend(b".\r\n");
                    out
                }
                "LIST" => {
                    let mut out = b"+OK\r\n".to_vec();
                    let messages = self.messages.lock().unwrap();
                    for (n, i) in view.iter().enumerate() {
                        let size = match (&messages[*i], fault) {
                            (_, Fault::LyingListWithoutUidl) => 999_999_999_999,
                            (Some((_, raw)), _) => raw.len() as u64,
                            (None, _) => 0,
                        };
                        out.extend(format!("{} {size}\r\n", n + 1).bytes());
                    }
                    out.extend(b".\r\n");
                    out
                }
                "TOP" | "RETR" => match self.get(index) {
                    None => b"-ERR no such message\r\n".to_vec(),
                    Some(_) if verb == "RETR" && fault == Fault::EndlessMessage(arg.unwrap_or(0) as u32) => {
                        write.write_all(b"+OK\r\nSubject: endless\r\n\r\n").await.ok()?;
                        loop {
                            write.write_all(&b"more and more\r\n".repeat(1000)).await.ok()?;
                        }
                    }
                    Some((_, raw)) => {
                        if verb == "RETR" {
                            if fault == Fault::DropAfterRetrs(retrs) {
                                return None;
                            }
                            retrs += 1;
                        }
                        let body = if verb == "TOP" { crate::engine::mime::header_block(&raw).to_vec() } else { raw };
                        let mut out = b"+OK\r\n".to_vec();
                        out.extend(dot_stuff(&body));
                        out.extend(b".\r\n");
                        out
                    }
                },
                "DELE" => match arg.filter(|n| (1..=view.len()).contains(n) && !marked[n - 1]) {
                    Some(n) => {
                        marked[n - 1] = true;
                        b"+OK marked\r\n".to_vec()
                    }
                    None => b"-ERR no such message\r\n".to_vec(),
                },
                "QUIT" => {
                    {
                        let mut messages = self.messages.lock().unwrap();
                        for (n, i) in view.iter().enumerate() {
                            if marked[n] {
                                messages[*i] = None;
                            }
                        }
                    }
                    if fault == Fault::DropAfterQuitCommits {
                        return None;
                    }
                    let _ = write.write_all(b"+OK bye\r\n").await;
                    return Some(());
                }
                _ => b"-ERR unknown command\r\n".to_vec(),
            };
            write.write_all(&reply).await.ok()?;
        }
    }
}

/// Verbs compared with `Fault::Refuse`'s static names.
fn leak(verb: &str) -> &'static str {
    ["UIDL", "LIST", "TOP", "RETR", "DELE", "QUIT", "CAPA"].into_iter().find(|v| *v == verb).unwrap_or("")
}

/// A message with a unique header block, CRLF line ends, and a line that needs dot-stuffing.
pub fn message(n: usize) -> Vec<u8> {
    format!(
        "Message-ID: <{n}@fake>\r\nSubject: message {n}\r\n\r\nline one\r\n.starts with a dot\r\n{}\r\n",
        "z".repeat(n % 50)
    )
    .into_bytes()
}

fn dot_stuff(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 16);
    for line in raw.split_inclusive(|b| *b == b'\n') {
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
    }
    if !out.ends_with(b"\r\n") {
        out.extend(b"\r\n");
    }
    out
}
