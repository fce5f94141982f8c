//! Answers and forwards made from a cached letter: the right recipients (Reply-To first, RFC
//! 5322 3.6.2; reply-all without our own addresses), the thread headers (In-Reply-To and
//! References, RFC 5322 3.6.4), the subject prefix, and the original quoted as plain text (the
//! HTML part turned into text when there is no text part) inside the text being written, so it
//! can be trimmed or answered inline: below the answer's place (bottom-posting, "> " before
//! each line) or under the signature (top-posting). The original's own signature (after its
//! "-- " line, RFC 3676 4.3) is left out. The attribution and the forward header are in the
//! user's language, with the date in local time.

use super::{Attachment, Composition, Mailbox, signature_of};
use crate::engine::mime::{self, ParsedMessage};
use crate::model::AccountSettings;
use chrono::TimeZone;
use mail_parser::{MessageParser, MimeHeaders};

/// At most this many References are kept: the first (the thread's root) and the latest ones.
const MAX_REFERENCES: usize = 20;

/// Where a reply's answer goes relative to the quoted original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplyStyle {
    /// The quote first, the answer below it (the mailing-list custom; the default).
    #[default]
    BelowQuote,
    /// The answer first, then the signature, then the quote (the business-mail custom).
    AboveQuote,
}

/// A reply to the sender (`all`: and to everyone else on To and Cc but ourselves).
pub fn reply(original: &[u8], account: &AccountSettings, all: bool, style: ReplyStyle) -> Composition {
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
    let mut composition = Composition {
        to: to.iter().map(Mailbox::as_typed).collect(),
        cc: cc.iter().map(Mailbox::as_typed).collect(),
        subject: prefixed("Re:", &parsed.subject),
        in_reply_to: parsed.message_id.clone(),
        references: references(&parsed),
        ..Composition::default()
    };
    let quoted = quote(&parsed);
    match style {
        // The signature is added below the answer when the letter is built.
        ReplyStyle::BelowQuote => {
            composition.body = format!("{quoted}\n");
            composition.signature = true;
            composition.caret_at_end = true;
        }
        ReplyStyle::AboveQuote => composition.body = above(account, &quoted),
    }
    composition
}

/// The text of a letter written above other text (a top-posted reply, a forward): room to
/// write, the signature, then `below`. The signature is in the text, not added when built,
/// so it stays above the quote.
fn above(account: &AccountSettings, below: &str) -> String {
    match signature_of(account, None) {
        Some(signature) => format!("\n\n-- \n{}\n\n{below}", signature.trim_end()),
        None => format!("\n\n{below}"),
    }
}

/// A forward: inline (the text under a header block, the attachments kept) or the whole letter
/// attached as message/rfc822 (RFC 2046 5.2.1), byte for byte.
pub fn forward(original: &[u8], account: &AccountSettings, as_attachment: bool) -> Composition {
    let parsed = mime::parse(original);
    let mut composition = Composition {
        subject: prefixed("Fwd:", &parsed.subject),
        signature: as_attachment,
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
        composition.body = above(account, &forwarded_block(&parsed));
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

/// The original's date in local time, the way the user's language writes it.
fn date_text(parsed: &ParsedMessage) -> Option<String> {
    let date = parsed.date.and_then(|d| chrono::Local.timestamp_opt(d, 0).single())?;
    let pattern = if crate::i18n::current_language() == "ru" { "%d.%m.%Y %H:%M" } else { "%a, %b %-d, %Y at %H:%M" };
    Some(date.format(pattern).to_string())
}

/// The text without its signature: everything from the last "-- " line on (RFC 3676 4.3; some
/// senders lose the trailing space, so "--" alone counts too when little follows it).
fn without_signature(text: &str) -> &str {
    let mut offset = 0;
    let mut cut = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "-- " || (bare == "--" && text[offset..].lines().count() <= 12) {
            cut = Some(offset);
        }
        offset += line.len();
    }
    cut.map_or(text, |at| &text[..at])
}

/// "On DATE, NAME wrote:" and the text with "> " before each line, its signature left out.
fn quote(parsed: &ParsedMessage) -> String {
    let who = parsed.from.as_ref().map(|f| f.to_string()).unwrap_or_else(|| crate::fl!("compose-someone"));
    let mut out = match date_text(parsed) {
        Some(date) => crate::fl!("compose-reply-attribution", date = date, who = who),
        None => crate::fl!("compose-reply-attribution-undated", who = who),
    };
    out.push('\n');
    for line in without_signature(&parsed.text).trim_end().lines() {
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
    let mut out = format!("{}\n", crate::fl!("compose-forward-header"));
    let mut field = |label: String, value: &str| out.push_str(&format!("{label}: {value}\n"));
    if let Some(from) = &parsed.from {
        field(crate::fl!("compose-forward-from"), &from.to_string());
    }
    if let Some(date) = date_text(parsed) {
        field(crate::fl!("compose-forward-date"), &date);
    }
    field(crate::fl!("compose-forward-subject"), &parsed.subject);
    if !parsed.to.is_empty() {
        field(crate::fl!("compose-forward-to"), &mime::format_address_list(&parsed.to));
    }
    if !parsed.cc.is_empty() {
        field(crate::fl!("compose-forward-cc"), &mime::format_address_list(&parsed.cc));
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
