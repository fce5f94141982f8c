//! The personal namespace (RFC 2342): the prefix and hierarchy delimiter under which the user's
//! own folders live. Dovecot's default is no prefix and "/"; Cyrus in its common setup, Courier
//! and many hosting providers put every folder under `INBOX.` with "." (a top-level
//! `CREATE Reports` is refused there: "Permission denied", "Invalid mailbox name").
//!
//! Folder paths the user sees and types are relative to the namespace and use "/"
//! (`Отчёты/2026`); on the wire they become prefix + the path with the server's delimiter, in
//! modified UTF-7 (`INBOX.&BB4EQgRHBFEEQgRL-.2026`). Like Thunderbird and Evolution, the
//! namespace's folders are shown at the top level.
//!
//! async-imap cannot parse the NAMESPACE reply (its parser fails and the session is lost,
//! DESIGN §4), so the command is written and its answer read on the raw stream, between two
//! commands, when async-imap holds nothing buffered. A server without NAMESPACE has its layout
//! read from LIST instead ([`Personal::inferred`]).

use super::{ImapSession, utf7};
use crate::engine::protocol::deadline;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The personal namespace: raw prefix (as the server spells it, modified UTF-7) and delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Personal {
    pub prefix: String,
    pub delimiter: String,
}

impl Default for Personal {
    fn default() -> Self {
        Personal { prefix: String::new(), delimiter: "/".into() }
    }
}

/// Longest NAMESPACE line read (a few namespaces of short names).
const MAX_LINE: usize = 16 * 1024;

impl Personal {
    /// The server's name for a folder path as shown ("/"-separated, relative to the namespace).
    pub fn wire(&self, path: &str) -> String {
        if path.eq_ignore_ascii_case("INBOX") {
            return "INBOX".into();
        }
        let inner = if self.delimiter.is_empty() { path.to_string() } else { path.replace('/', &self.delimiter) };
        format!("{}{}", self.prefix, utf7::encode(&inner))
    }

    /// The path shown for a server name: the prefix taken off, decoded, "/" as delimiter.
    pub fn shown(&self, raw: &str, delimiter: Option<&str>) -> String {
        if raw.eq_ignore_ascii_case("INBOX") {
            return "INBOX".into();
        }
        let inside = match raw.strip_prefix(self.prefix.as_str()) {
            Some(rest) if !self.prefix.is_empty() && !rest.is_empty() => rest,
            _ => raw,
        };
        let decoded = utf7::decode(inside).unwrap_or_else(|_| inside.to_string());
        match delimiter {
            Some(d) if d != "/" && !d.is_empty() => decoded.replace(d, "/"),
            _ => decoded,
        }
    }

    /// For a server without NAMESPACE: the `INBOX` + delimiter prefix when every folder but
    /// INBOX lives under it (Courier before 4.x, old Cyrus), else none. `names` are raw names
    /// with their delimiters, as LIST gave them.
    pub fn inferred<'a>(names: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Personal {
        let names: Vec<(&str, Option<&str>)> = names.into_iter().collect();
        let delimiter = names
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("INBOX"))
            .or_else(|| names.first())
            .and_then(|(_, d)| *d)
            .unwrap_or("/")
            .to_string();
        let under_inbox = format!("INBOX{delimiter}");
        let others: Vec<&str> =
            names.iter().map(|(name, _)| *name).filter(|name| !name.eq_ignore_ascii_case("INBOX")).collect();
        let prefix = if delimiter != "/" && !others.is_empty() && others.iter().all(|n| n.starts_with(&under_inbox)) {
            under_inbox
        } else {
            String::new()
        };
        Personal { prefix, delimiter }
    }
}

/// Asks NAMESPACE (the caller checked the capability) and returns the first personal namespace;
/// `None` when the server has none or refused the command.
pub async fn ask(session: &mut ImapSession) -> std::io::Result<Option<Personal>> {
    deadline::within(deadline::command(), async {
        let stream = session.get_mut();
        stream.write_all(b"pns NAMESPACE\r\n").await?;
        stream.flush().await?;
        let mut personal = None;
        loop {
            let line = read_line(stream).await?;
            if let Some(rest) = line.strip_prefix("* NAMESPACE ") {
                personal = parse_personal(rest);
            } else if let Some(rest) = line.strip_prefix("pns ") {
                return Ok(if rest.to_ascii_uppercase().starts_with("OK") { personal } else { None });
            }
        }
    })
    .await
}

async fn read_line(stream: &mut super::MailStream) -> std::io::Result<String> {
    let mut line = Vec::new();
    loop {
        let byte = stream.read_u8().await?;
        if byte == b'\n' {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
        if line.len() >= MAX_LINE {
            return Err(std::io::Error::other("a NAMESPACE line from the server is far too long"));
        }
        line.push(byte);
    }
}

/// The first personal namespace of a NAMESPACE reply's data: `(("INBOX." ".")) NIL NIL` gives
/// prefix `INBOX.` and delimiter `.`; `NIL ...` gives none. Quoted strings only (RFC 2342 allows
/// literals; no server is known to use one for a prefix): anything else is `None`.
pub fn parse_personal(data: &str) -> Option<Personal> {
    let rest = data.trim_start().strip_prefix("((")?;
    let (prefix, rest) = quoted(rest)?;
    let rest = rest.trim_start();
    let delimiter =
        if rest.get(..3).is_some_and(|nil| nil.eq_ignore_ascii_case("NIL")) { String::new() } else { quoted(rest)?.0 };
    Some(Personal { prefix, delimiter })
}

/// A quoted string (RFC 3501 9: `\` escapes `"` and `\`) and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut value = String::new();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?.1),
            '"' => return Some((value, &text[index + 2..])),
            _ => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inbox_dot() -> Personal {
        Personal { prefix: "INBOX.".into(), delimiter: ".".into() }
    }

    #[test]
    fn namespace_replies_of_common_servers_are_read() {
        // The shapes of RFC 2342 5 and of the servers in DESIGN §4 (the INBOX. one is what the
        // harness's quirks Dovecot answers); not transcripts of Gmail or Yandex.
        assert_eq!(parse_personal(r##"(("INBOX." ".")) NIL (("#shared." "."))"##), Some(inbox_dot()));
        assert_eq!(
            parse_personal(r#"(("INBOX." ".")) (("user." ".")) (("" "."))"#),
            Some(inbox_dot()),
            "with other users' and shared namespaces"
        );
        assert_eq!(parse_personal(r#"(("" "/")) NIL NIL"#), Some(Personal::default()));
        assert_eq!(parse_personal(r#"(("" "|")) NIL NIL"#).unwrap().delimiter, "|");
        assert_eq!(parse_personal("NIL NIL NIL"), None);
        assert_eq!(parse_personal(r#"(("" NIL)) NIL NIL"#).unwrap().delimiter, "");
        assert_eq!(parse_personal(r#"(("a\"b" "/"))"#).unwrap().prefix, "a\"b");
        assert_eq!(parse_personal(r#"(("unterminated"#), None);
    }

    #[test]
    fn paths_map_into_and_out_of_the_namespace() {
        let ns = inbox_dot();
        assert_eq!(ns.wire("Отчёты/2026"), "INBOX.&BB4EQgRHBFEEQgRL-.2026");
        assert_eq!(ns.wire("INBOX"), "INBOX");
        assert_eq!(ns.shown("INBOX.&BB4EQgRHBFEEQgRL-.2026", Some(".")), "Отчёты/2026");
        assert_eq!(ns.shown("INBOX.Trash", Some(".")), "Trash");
        assert_eq!(ns.shown("inbox", Some(".")), "INBOX");
        assert_eq!(ns.shown("Shared.Team", Some(".")), "Shared/Team", "outside the namespace: as listed");
        let dovecot = Personal::default();
        assert_eq!(dovecot.wire("Projects/2025"), "Projects/2025");
        assert_eq!(dovecot.shown("INBOX/Sub", Some("/")), "INBOX/Sub");
    }

    #[test]
    fn a_server_without_namespace_has_its_prefix_inferred_from_list() {
        let courier = [("INBOX", Some(".")), ("INBOX.Trash", Some(".")), ("INBOX.Sent", Some("."))];
        assert_eq!(Personal::inferred(courier), inbox_dot());
        let flat = [("INBOX", Some(".")), ("Trash", Some(".")), ("INBOX.Sub", Some("."))];
        assert_eq!(Personal::inferred(flat).prefix, "");
        let only_inbox = [("INBOX", Some("/"))];
        assert_eq!(Personal::inferred(only_inbox), Personal::default());
    }
}
