//! A scripted IMAP server that answers like Gmail (issue 17): Dovecot cannot play Gmail, whose
//! folders are views of one store of messages. What it copies from Gmail, as Google documents it
//! at https://developers.google.com/workspace/gmail/imap/imap-extensions:
//!
//! - the `X-GM-EXT-1` capability, which announces the extensions below;
//! - `[Gmail]/All Mail` listed with `\All` (RFC 6154), holding every message again, beside INBOX
//!   and a label folder that hold some of the same messages;
//! - `X-GM-MSGID` in FETCH answers: "a unique ID for each email so that a unique message may be
//!   identified across multiple folders", the same number in every folder that shows it;
//! - flags belong to the message, not to the folder: `\Seen` set in INBOX reads back in All Mail.
//!
//! Plain TCP on loopback (std only, like the other scripted servers of the harness); no
//! CONDSTORE, so every pass compares flags in full. It counts every message it sends whole
//! (`BODY[]`), which is what the tests of "bodies fetched once" read.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub const ALL_MAIL: &str = "[Gmail]/All Mail";
pub const LABEL: &str = "Work";

struct Message {
    gm_msgid: u64,
    raw: Vec<u8>,
    flags: BTreeSet<String>,
}

struct Mailbox {
    name: &'static str,
    attributes: &'static str,
    /// (UID, index into `messages`), in UID order.
    entries: Vec<(u32, usize)>,
}

struct State {
    messages: Vec<Message>,
    mailboxes: Vec<Mailbox>,
    /// Messages sent whole (`BODY[]`), by X-GM-MSGID.
    whole_sent: Vec<u64>,
}

pub struct FakeGmail {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl FakeGmail {
    /// Three messages: all in All Mail, the first two in INBOX, the second and third under the
    /// label Work. UIDs differ per folder, as they do on Gmail.
    pub fn start() -> FakeGmail {
        let messages = (1..=3u64)
            .map(|n| Message {
                gm_msgid: 1_700_000_000_000_000_000 + n,
                raw: format!(
                    "From: sender{n}@example.test\r\nTo: me@example.test\r\nSubject: gmail letter {n}\r\n\
                     Message-ID: <gm{n}@example.test>\r\nDate: Mon, 7 Dec 2026 10:0{n}:00 +0000\r\n\r\n\
                     body of letter {n}\r\n"
                )
                .into_bytes(),
                flags: BTreeSet::new(),
            })
            .collect();
        let mailboxes = vec![
            Mailbox { name: "INBOX", attributes: "\\HasNoChildren", entries: vec![(11, 0), (12, 1)] },
            Mailbox { name: "[Gmail]", attributes: "\\HasChildren \\Noselect", entries: Vec::new() },
            Mailbox { name: ALL_MAIL, attributes: "\\All \\HasNoChildren", entries: vec![(1, 0), (2, 1), (3, 2)] },
            Mailbox { name: "[Gmail]/Sent Mail", attributes: "\\HasNoChildren \\Sent", entries: Vec::new() },
            Mailbox { name: LABEL, attributes: "\\HasNoChildren", entries: vec![(21, 1), (22, 2)] },
        ];
        let state = Arc::new(Mutex::new(State { messages, mailboxes, whole_sent: Vec::new() }));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, state));
            }
        });
        FakeGmail { port, state }
    }

    /// How many times each message was sent whole, by X-GM-MSGID.
    pub fn whole_fetches(&self) -> std::collections::BTreeMap<u64, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for id in &self.state.lock().unwrap().whole_sent {
            *counts.entry(*id).or_default() += 1;
        }
        counts
    }

    pub fn message_count(&self) -> usize {
        self.state.lock().unwrap().messages.len()
    }

    /// Another client sets or clears a flag on the message with this subject (in every folder).
    pub fn set_flag(&self, subject: &str, flag: &str, on: bool) {
        let mut state = self.state.lock().unwrap();
        let needle = format!("Subject: {subject}\r\n");
        let message = state
            .messages
            .iter_mut()
            .find(|m| m.raw.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .expect("no such message");
        if on {
            message.flags.insert(flag.to_string());
        } else {
            message.flags.remove(flag);
        }
    }

    /// New mail: a message with this subject arrives in INBOX (and so in All Mail).
    pub fn deliver(&self, subject: &str) {
        let mut state = self.state.lock().unwrap();
        let n = state.messages.len() as u64 + 1;
        state.messages.push(Message {
            gm_msgid: 1_700_000_000_000_000_000 + n,
            raw: format!(
                "From: sender{n}@example.test\r\nTo: me@example.test\r\nSubject: {subject}\r\n\
                 Message-ID: <gm{n}@example.test>\r\n\r\nbody of {subject}\r\n"
            )
            .into_bytes(),
            flags: BTreeSet::new(),
        });
        let index = state.messages.len() - 1;
        for name in ["INBOX", ALL_MAIL] {
            let mailbox = state.mailboxes.iter_mut().find(|m| m.name == name).unwrap();
            let uid = uid_next(mailbox);
            mailbox.entries.push((uid, index));
        }
    }

    /// Archiving on Gmail: the message with this subject leaves INBOX and stays in All Mail.
    pub fn archive(&self, subject: &str) {
        let mut state = self.state.lock().unwrap();
        let needle = format!("Subject: {subject}\r\n");
        let index = state.messages.iter().position(|m| m.raw.windows(needle.len()).any(|w| w == needle.as_bytes()));
        let index = index.expect("no such message");
        let inbox = state.mailboxes.iter_mut().find(|m| m.name == "INBOX").unwrap();
        inbox.entries.retain(|(_, i)| *i != index);
    }

    /// The flags of the message with this subject.
    pub fn flags(&self, subject: &str) -> BTreeSet<String> {
        let state = self.state.lock().unwrap();
        let needle = format!("Subject: {subject}\r\n");
        let message = state.messages.iter().find(|m| m.raw.windows(needle.len()).any(|w| w == needle.as_bytes()));
        message.expect("no such message").flags.clone()
    }
}

fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let _ = writer.write_all(b"* OK Gimap ready for requests from 127.0.0.1 scripted\r\n");
    let mut selected: Option<usize> = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = line.trim_end().to_string();
        let Some((tag, rest)) = line.split_once(' ') else { continue };
        let reply = answer(tag, rest, &state, &mut selected, &mut reader);
        if writer.write_all(&reply).is_err() || rest.eq_ignore_ascii_case("LOGOUT") {
            return;
        }
    }
}

fn answer(
    tag: &str,
    rest: &str,
    state: &Mutex<State>,
    selected: &mut Option<usize>,
    reader: &mut BufReader<TcpStream>,
) -> Vec<u8> {
    let (command, args) = rest.split_once(' ').unwrap_or((rest, ""));
    let command = command.to_ascii_uppercase();
    let ok = |text: &str| format!("{tag} OK {text}\r\n").into_bytes();
    let mut state = state.lock().unwrap();
    match command.as_str() {
        "CAPABILITY" => {
            let mut out = b"* CAPABILITY IMAP4rev1 UNSELECT IDLE CHILDREN X-GM-EXT-1 UIDPLUS SPECIAL-USE\r\n".to_vec();
            out.extend(ok("Thats all she wrote!"));
            out
        }
        "LOGIN" => ok("me@example.test authenticated (Success)"),
        "AUTHENTICATE" => {
            // Never offered; a client that asks anyway gets the continuation answered with NO.
            let _ = reader.read_line(&mut String::new());
            format!("{tag} NO not offered\r\n").into_bytes()
        }
        "NOOP" | "CHECK" | "EXPUNGE" | "UNSELECT" | "CLOSE" => ok("Success"),
        "LOGOUT" => format!("* BYE LOGOUT Requested\r\n{tag} OK 73 good day (Success)\r\n").into_bytes(),
        "LIST" | "LSUB" => {
            let mut out = Vec::new();
            for mailbox in &state.mailboxes {
                out.extend(format!("* {command} ({}) \"/\" \"{}\"\r\n", mailbox.attributes, mailbox.name).into_bytes());
            }
            out.extend(ok("Success"));
            out
        }
        "STATUS" => {
            let (name, _) = mailbox_name(args);
            let Some(mailbox) = state.mailboxes.iter().find(|m| m.name == name) else {
                return format!("{tag} NO [NONEXISTENT] Unknown Mailbox\r\n").into_bytes();
            };
            let unseen = mailbox.entries.iter().filter(|(_, i)| !state.messages[*i].flags.contains("\\Seen")).count();
            let mut out = format!(
                "* STATUS \"{name}\" (MESSAGES {} UIDNEXT {} UIDVALIDITY 1 UNSEEN {unseen})\r\n",
                mailbox.entries.len(),
                uid_next(mailbox)
            )
            .into_bytes();
            out.extend(ok("Success"));
            out
        }
        "SELECT" | "EXAMINE" => {
            let (name, _) = mailbox_name(args);
            let Some(index) = state.mailboxes.iter().position(|m| m.name == name && !m.attributes.contains("Noselect"))
            else {
                *selected = None;
                return format!("{tag} NO [NONEXISTENT] Unknown Mailbox: {name} (Failure)\r\n").into_bytes();
            };
            *selected = Some(index);
            let mailbox = &state.mailboxes[index];
            let mode = if command == "SELECT" { "READ-WRITE" } else { "READ-ONLY" };
            format!(
                "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)\r\n\
                 * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen \\*)] Flags permitted.\r\n\
                 * OK [UIDVALIDITY 1] UIDs valid.\r\n* {} EXISTS\r\n* 0 RECENT\r\n\
                 * OK [UIDNEXT {}] Predicted next UID.\r\n{tag} OK [{mode}] {name} selected. (Success)\r\n",
                mailbox.entries.len(),
                uid_next(mailbox)
            )
            .into_bytes()
        }
        "FETCH" => fetch(tag, args, false, &mut state, *selected),
        "STORE" => store(tag, args, false, &mut state, *selected),
        "UID" => {
            let (sub, args) = args.split_once(' ').unwrap_or((args, ""));
            match sub.to_ascii_uppercase().as_str() {
                "FETCH" => fetch(tag, args, true, &mut state, *selected),
                "STORE" => store(tag, args, true, &mut state, *selected),
                "SEARCH" => {
                    let Some(index) = *selected else {
                        return format!("{tag} BAD no mailbox selected\r\n").into_bytes();
                    };
                    let uids: Vec<String> =
                        state.mailboxes[index].entries.iter().map(|(uid, _)| uid.to_string()).collect();
                    let mut out = format!("* SEARCH {}\r\n", uids.join(" ")).trim_end().as_bytes().to_vec();
                    out.extend(b"\r\n");
                    out.extend(ok("SEARCH completed (Success)"));
                    out
                }
                "EXPUNGE" => ok("Success"),
                _ => format!("{tag} BAD Unknown command\r\n").into_bytes(),
            }
        }
        _ => {
            // A literal announced by a command we do not know would otherwise be read as commands.
            if let Some(size) =
                args.strip_suffix('}').and_then(|a| a.rsplit_once('{')).and_then(|(_, n)| n.parse().ok())
            {
                let mut skip = vec![0u8; size];
                let _ = reader.read_exact(&mut skip);
            }
            format!("{tag} BAD Unknown command\r\n").into_bytes()
        }
    }
}

fn uid_next(mailbox: &Mailbox) -> u32 {
    mailbox.entries.last().map_or(1, |(uid, _)| uid + 1)
}

/// A mailbox argument: quoted or an atom; returns it and what follows.
fn mailbox_name(args: &str) -> (String, &str) {
    if let Some(quoted) = args.strip_prefix('"') {
        let end = quoted.find('"').unwrap_or(quoted.len());
        (quoted[..end].to_string(), quoted.get(end + 1..).unwrap_or("").trim_start())
    } else {
        let (name, rest) = args.split_once(' ').unwrap_or((args, ""));
        (name.to_string(), rest)
    }
}

/// Whether `n` is in a sequence set (RFC 3501 9: `1,3:5,7:*`); `*` is `largest`.
fn in_set(set: &str, n: u32, largest: u32) -> bool {
    let value = |s: &str| if s == "*" { Some(largest) } else { s.parse::<u32>().ok() };
    set.split(',').any(|part| match part.split_once(':') {
        Some((a, b)) => match (value(a), value(b)) {
            (Some(a), Some(b)) => (a.min(b)..=a.max(b)).contains(&n),
            _ => false,
        },
        None => value(part) == Some(n),
    })
}

fn selected_entries(state: &State, selected: Option<usize>, set: &str, by_uid: bool) -> Vec<(u32, u32, usize)> {
    let Some(index) = selected else { return Vec::new() };
    let entries = &state.mailboxes[index].entries;
    let largest = if by_uid { entries.last().map_or(0, |(uid, _)| *uid) } else { entries.len() as u32 };
    let mut chosen: Vec<(u32, u32, usize)> = entries
        .iter()
        .enumerate()
        .map(|(position, (uid, message))| (position as u32 + 1, *uid, *message))
        .filter(|(seq, uid, _)| in_set(set, if by_uid { *uid } else { *seq }, largest))
        .collect();
    // RFC 3501 6.4.8: `n:*` always matches the highest UID.
    if by_uid && chosen.is_empty() && set.ends_with(":*") && !entries.is_empty() {
        let (uid, message) = entries[entries.len() - 1];
        chosen.push((entries.len() as u32, uid, message));
    }
    chosen
}

fn flag_list(flags: &BTreeSet<String>) -> String {
    flags.iter().cloned().collect::<Vec<_>>().join(" ")
}

fn fetch(tag: &str, args: &str, by_uid: bool, state: &mut State, selected: Option<usize>) -> Vec<u8> {
    let (set, items) = args.split_once(' ').unwrap_or((args, ""));
    let items = items.to_ascii_uppercase();
    let mut out = Vec::new();
    for (seq, uid, index) in selected_entries(state, selected, set, by_uid) {
        let message = &state.messages[index];
        let mut parts: Vec<Vec<u8>> = vec![format!("UID {uid}").into_bytes()];
        if items.contains("FLAGS") {
            parts.push(format!("FLAGS ({})", flag_list(&message.flags)).into_bytes());
        }
        if items.contains("INTERNALDATE") {
            parts.push(b"INTERNALDATE \"07-Dec-2026 10:00:00 +0000\"".to_vec());
        }
        if items.contains("RFC822.SIZE") {
            parts.push(format!("RFC822.SIZE {}", message.raw.len()).into_bytes());
        }
        if items.contains("X-GM-MSGID") {
            parts.push(format!("X-GM-MSGID {}", message.gm_msgid).into_bytes());
        }
        if items.contains("BODY.PEEK[HEADER]") || items.contains("BODY[HEADER]") {
            let end = message.raw.windows(4).position(|w| w == b"\r\n\r\n").map_or(message.raw.len(), |p| p + 4);
            let mut part = format!("BODY[HEADER] {{{end}}}\r\n").into_bytes();
            part.extend(&message.raw[..end]);
            parts.push(part);
        }
        if items.contains("BODY.PEEK[]") || items.contains("BODY[]") {
            let mut part = format!("BODY[] {{{}}}\r\n", message.raw.len()).into_bytes();
            part.extend(&message.raw);
            parts.push(part);
            state.whole_sent.push(message.gm_msgid);
        }
        out.extend(format!("* {seq} FETCH (").into_bytes());
        out.extend(parts.join(&b' '));
        out.extend(b")\r\n");
    }
    out.extend(format!("{tag} OK Success\r\n").into_bytes());
    out
}

fn store(tag: &str, args: &str, by_uid: bool, state: &mut State, selected: Option<usize>) -> Vec<u8> {
    let mut words = args.splitn(3, ' ');
    let (set, how, list) = (words.next().unwrap_or(""), words.next().unwrap_or(""), words.next().unwrap_or(""));
    let names: Vec<String> =
        list.trim_matches(|c| c == '(' || c == ')').split_whitespace().map(str::to_string).collect();
    let how = how.to_ascii_uppercase();
    let mut out = Vec::new();
    for (seq, uid, index) in selected_entries(state, selected, set, by_uid) {
        let flags = &mut state.messages[index].flags;
        match how.trim_end_matches(".SILENT") {
            "+FLAGS" => flags.extend(names.iter().cloned()),
            "-FLAGS" => names.iter().for_each(|name| {
                flags.remove(name);
            }),
            _ => *flags = names.iter().cloned().collect(),
        }
        if !how.ends_with(".SILENT") {
            out.extend(format!("* {seq} FETCH (UID {uid} FLAGS ({}))\r\n", flag_list(flags)).into_bytes());
        }
    }
    out.extend(format!("{tag} OK Success\r\n").into_bytes());
    out
}
