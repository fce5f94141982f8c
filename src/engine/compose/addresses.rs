//! Addresses as people type them: "Иван Петров <ivan@example.org>", "ivan@example.org",
//! "\"Petrov, Ivan\" <ivan@example.org>", several separated by commas or semicolons.

use super::ComposeError;
use serde::{Deserialize, Serialize};

/// A display name and an address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    #[serde(default)]
    pub name: String,
    pub email: String,
}

impl std::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() { f.write_str(&self.email) } else { write!(f, "{} <{}>", self.name, self.email) }
    }
}

impl Mailbox {
    /// The address as a person would type it, a name with a comma or a semicolon in quotes
    /// (RFC 5322 §3.4: `"Jensen, Mark" <mark@x.org>`), so that a list of them splits back into
    /// the same addresses.
    pub fn as_typed(&self) -> String {
        if self.name.contains([',', ';']) {
            format!("\"{}\" <{}>", self.name.replace('"', ""), self.email)
        } else {
            self.to_string()
        }
    }
}

/// One typed address.
pub fn parse_mailbox(text: &str) -> Result<Mailbox, ComposeError> {
    let text = text.trim();
    let mailbox = match (text.rfind('<'), text.ends_with('>')) {
        (Some(open), true) => Mailbox {
            name: text[..open].trim().trim_matches('"').trim().to_string(),
            email: text[open + 1..text.len() - 1].trim().to_string(),
        },
        _ => Mailbox { name: String::new(), email: text.to_string() },
    };
    if is_address(&mailbox.email) { Ok(mailbox) } else { Err(ComposeError::BadAddress(text.to_string())) }
}

/// Every address of every entry (an entry may hold several, comma- or semicolon-separated;
/// commas inside quotes belong to the name).
pub fn parse_mailbox_list(entries: &[String]) -> Result<Vec<Mailbox>, ComposeError> {
    let mut out = Vec::new();
    for entry in entries {
        for piece in split_list(entry) {
            if !piece.trim().is_empty() {
                out.push(parse_mailbox(&piece)?);
            }
        }
    }
    Ok(out)
}

/// Every entry that reads as an address; the others are skipped (a draft still being typed).
pub fn parse_mailbox_list_lenient(entries: &[String]) -> Vec<Mailbox> {
    entries.iter().flat_map(|entry| split_list(entry)).filter_map(|piece| parse_mailbox(&piece).ok()).collect()
}

/// Addresses being typed into a recipients field: the entries finished with a comma or a
/// semicolon (outside quotes and angle brackets), trimmed and non-empty, and the unfinished rest.
pub fn split_typed(text: &str) -> (Vec<String>, String) {
    let mut pieces = split_list(text);
    let rest = pieces.pop().unwrap_or_default().trim_start().to_string();
    let done = pieces.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    (done, rest)
}

fn split_list(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut angle = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => {
                pieces.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    pieces.push(current);
    pieces
}

/// local@domain with no spaces or brackets, a non-empty local part and a dotted domain (or
/// localhost). Enough to catch typing mistakes; the server has the last word.
pub fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else { return false };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"');
    !local.is_empty()
        && !domain.is_empty()
        && (domain.contains('.') || domain.eq_ignore_ascii_case("localhost"))
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(bad_char)
}
