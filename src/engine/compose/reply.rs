//! Answers and forwards made from a cached letter: the right recipients (Reply-To first, RFC
//! 5322 3.6.2; reply-all without our own addresses), the thread headers (In-Reply-To and
//! References, RFC 5322 3.6.4), the subject prefix, and the original quoted as plain text (the
//! HTML part turned into text when there is no text part).

use super::{Attachment, Composition, Mailbox};
use crate::engine::mime::{self, ParsedMessage};
use crate::model::AccountSettings;
use chrono::TimeZone;
use mail_parser::{MessageParser, MimeHeaders};

/// At most this many References are kept: the first (the thread's root) and the latest ones.
const MAX_REFERENCES: usize = 20;

/// A reply to the sender (`all`: and to everyone else on To and Cc but ourselves).
pub fn reply(original: &[u8], account: &AccountSettings, all: bool) -> Composition {
    let parsed = mime::parse(original);
    let reply_to = reply_to_of(original);
    let mut to: Vec<Mailbox> = if reply_to.is_empty() { parsed.from.iter().map(mailbox).collect() } else { reply_to };
    let mut cc = Vec::new();
    if all {
        to.extend(parsed.to.iter().map(mailbox));
        cc.extend(parsed.cc.iter().map(mailbox));
    }
    let ours = |m: &Mailbox| is_ours(&m.email, account);
    let mut seen: Vec<String> = Vec::new();
    let mut keep = |m: &Mailbox| {
        let key = m.email.to_lowercase();
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh && !ours(m)
    };
    let mut to: Vec<Mailbox> = to.into_iter().filter(&mut keep).collect();
    let cc: Vec<Mailbox> = cc.into_iter().filter(&mut keep).collect();
    // Replying to a letter we sent ourselves goes to its recipients, not back to us.
    if to.is_empty() && parsed.from.as_ref().is_some_and(|f| is_ours(&f.address, account)) {
        to = parsed.to.iter().map(mailbox).filter(|m| !ours(m)).collect();
    }
    Composition {
        account: account.email.clone(),
        to: to.iter().map(Mailbox::to_string).collect(),
        cc: cc.iter().map(Mailbox::to_string).collect(),
        subject: prefixed("Re:", &parsed.subject),
        signature: true,
        quoted: Some(quote(&parsed)),
        in_reply_to: parsed.message_id.clone(),
        references: references(&parsed),
        ..Composition::default()
    }
}

/// A forward: inline (the text under a header block, the attachments kept) or the whole letter
/// attached as message/rfc822 (RFC 2046 5.2.1), byte for byte.
pub fn forward(original: &[u8], account: &AccountSettings, as_attachment: bool) -> Composition {
    let parsed = mime::parse(original);
    let mut composition = Composition {
        account: account.email.clone(),
        subject: prefixed("Fwd:", &parsed.subject),
        signature: true,
        // The forward belongs to the thread too (RFC 5322 3.6.4 allows it; clients group by it).
        references: references(&parsed),
        ..Composition::default()
    };
    if as_attachment {
        let name = if parsed.subject.trim().is_empty() { "message".to_string() } else { parsed.subject.clone() };
        composition.attachments.push(Attachment {
            filename: format!("{}.eml", mime::sanitize_filename(&name)),
            content_type: "message/rfc822".into(),
            data: original.to_vec(),
        });
    } else {
        composition.quoted = Some(forwarded_block(&parsed));
        composition.attachments = attachments_of(original);
    }
    composition
}

fn mailbox(m: &mime::Mailbox) -> Mailbox {
    Mailbox { name: m.name.clone(), email: m.address.clone() }
}

fn is_ours(email: &str, account: &AccountSettings) -> bool {
    email.eq_ignore_ascii_case(&account.email) || account.identities.iter().any(|i| i.email.eq_ignore_ascii_case(email))
}

fn reply_to_of(raw: &[u8]) -> Vec<Mailbox> {
    let Some(message) = MessageParser::default().parse_headers(raw) else { return Vec::new() };
    message
        .reply_to()
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    let email = a.address()?.to_string();
                    Some(Mailbox { name: a.name().unwrap_or_default().to_string(), email })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// "Re: subject", unless it already starts with the prefix (any case, also "RE:" and "Fwd:"
/// variants such as "FW:").
fn prefixed(prefix: &str, subject: &str) -> String {
    let subject = subject.trim();
    let lower = subject.to_lowercase();
    let already = match prefix {
        "Re:" => lower.starts_with("re:") || lower.starts_with("ответ:"),
        _ => lower.starts_with("fwd:") || lower.starts_with("fw:"),
    };
    if already { subject.to_string() } else { format!("{prefix} {subject}").trim_end().to_string() }
}

/// The parent's References (or its In-Reply-To when it has none) and the parent itself.
fn references(parsed: &ParsedMessage) -> Vec<String> {
    let mut refs = parsed.references.clone();
    if refs.is_empty()
        && let Some(parent) = &parsed.in_reply_to
    {
        refs.push(parent.clone());
    }
    if let Some(id) = &parsed.message_id
        && !refs.contains(id)
    {
        refs.push(id.clone());
    }
    if refs.len() > MAX_REFERENCES {
        let tail = refs.split_off(refs.len() - (MAX_REFERENCES - 1));
        refs.truncate(1);
        refs.extend(tail);
    }
    refs
}

fn date_text(parsed: &ParsedMessage) -> Option<String> {
    parsed.date.and_then(|d| chrono::Local.timestamp_opt(d, 0).single()).map(|d| d.format("%Y-%m-%d %H:%M").to_string())
}

/// "On DATE, NAME wrote:" and the text with "> " before each line.
fn quote(parsed: &ParsedMessage) -> String {
    let who = parsed.from.as_ref().map(|f| f.to_string()).unwrap_or_else(|| "someone".into());
    let mut out = match date_text(parsed) {
        Some(date) => format!("On {date}, {who} wrote:\n"),
        None => format!("{who} wrote:\n"),
    };
    for line in parsed.text.trim_end().lines() {
        out.push('>');
        if !line.starts_with('>') {
            out.push(' ');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn forwarded_block(parsed: &ParsedMessage) -> String {
    let mut out = String::from("-------- Forwarded message --------\n");
    if let Some(from) = &parsed.from {
        out.push_str(&format!("From: {from}\n"));
    }
    if let Some(date) = date_text(parsed) {
        out.push_str(&format!("Date: {date}\n"));
    }
    out.push_str(&format!("Subject: {}\n", parsed.subject));
    if !parsed.to.is_empty() {
        out.push_str(&format!("To: {}\n", mime::format_address_list(&parsed.to)));
    }
    if !parsed.cc.is_empty() {
        out.push_str(&format!("Cc: {}\n", mime::format_address_list(&parsed.cc)));
    }
    out.push('\n');
    out.push_str(parsed.text.trim_end());
    out.push('\n');
    out
}

/// The original's attachments (not inline images of its HTML), for an inline forward.
fn attachments_of(raw: &[u8]) -> Vec<Attachment> {
    let Some(message) = MessageParser::default().parse(raw) else { return Vec::new() };
    message
        .attachments()
        .filter_map(|part| {
            let filename = part.attachment_name()?;
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| super::guess_content_type(filename).to_string())
                .to_ascii_lowercase();
            Some(Attachment {
                filename: mime::sanitize_filename(filename),
                content_type,
                data: part.contents().to_vec(),
            })
        })
        .collect()
}
