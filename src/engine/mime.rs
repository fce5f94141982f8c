//! Parsing messages (RFC 5322, MIME RFC 2045-2047, RFC 2231 parameters) with mail-parser into
//! what the list, the reader and the index need. It never fails: garbage gives an empty-ish
//! result. Output is bounded whatever the input (text capped, attachments capped), so a hostile
//! message cannot blow up the store or the UI.

pub mod auth;
mod html;
pub mod images;
pub mod letter;
pub mod names;
pub mod redecode;
pub mod rich;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
pub use names::{display_text, sanitize_filename};

/// Reader/search text kept per message: enough for any real letter, bounded for hostile ones.
const MAX_TEXT: usize = 1024 * 1024;
const MAX_ATTACHMENTS: usize = 1000;
const MAX_ADDRESSES: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mailbox {
    pub name: String,
    pub address: String,
}

impl std::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() { f.write_str(&self.address) } else { write!(f, "{} <{}>", self.name, self.address) }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub part_index: usize,
    pub filename: String,
    pub content_type: String,
    pub size: usize,
    pub content_id: Option<String>,
    pub is_inline: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedMessage {
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub subject: String,
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// Unix seconds (UTC) from the Date header.
    pub date: Option<i64>,
    /// The text/plain body, else the HTML body turned into text.
    pub text: String,
    pub html: Option<String>,
    pub attachments: Vec<AttachmentInfo>,
    pub has_attachments: bool,
}

pub fn parse(raw: &[u8]) -> ParsedMessage {
    let Some(message) = MessageParser::default().parse(raw) else { return ParsedMessage::default() };
    let mut parsed = headers_of(&message);
    // mail-parser turns a text/plain body into HTML when asked for HTML; only a real HTML part
    // is worth that work (it was a tenth of a POP3 download's parsing time).
    let has_html_part = message.html_part(0).is_some_and(|part| matches!(part.body, PartType::Html(_)));
    let html = if has_html_part { message.body_html(0).map(|h| truncate(h.into_owned())) } else { None };
    // mail-parser offers HTML-only bodies as text too (converted its own way); a real text/plain
    // part is used as it is, otherwise our converter reads the HTML.
    let has_plain_part = message.text_part(0).is_some_and(|part| matches!(part.body, PartType::Text(_)));
    parsed.text = match message.body_text(0) {
        Some(text) if has_plain_part || html.is_none() => truncate(text.into_owned()),
        _ => html.as_deref().map(html::to_text).map(truncate).unwrap_or_default(),
    };
    parsed.html = html;
    for (index, part) in message.attachments().enumerate().take(MAX_ATTACHMENTS) {
        let content_type = part
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub),
                None => ct.ctype().to_string(),
            })
            .unwrap_or_else(|| "application/octet-stream".into())
            .to_ascii_lowercase();
        let is_inline = part.content_disposition().is_some_and(|d| d.ctype().eq_ignore_ascii_case("inline"))
            && part.attachment_name().is_none();
        let filename = part
            .attachment_name()
            .map(sanitize_filename)
            .unwrap_or_else(|| default_name(index, &content_type, matches!(part.body, PartType::Message(_))));
        parsed.attachments.push(AttachmentInfo {
            part_index: index,
            filename,
            content_type,
            size: part.len(),
            content_id: part.content_id().map(|id| id.trim_matches(['<', '>']).to_string()),
            is_inline,
        });
    }
    parsed.has_attachments = parsed.attachments.iter().any(|a| !a.is_inline);
    parsed
}

/// The decoded bytes of attachment number `part_index` (as numbered by [`parse`]).
pub fn attachment_content(raw: &[u8], part_index: usize) -> Option<Vec<u8>> {
    let message = MessageParser::default().parse(raw)?;
    let part = message.attachments().nth(part_index)?;
    Some(match &part.body {
        // A forwarded message is saved as the .eml it was.
        PartType::Message(inner) => inner.raw_message().to_vec(),
        _ => part.contents().to_vec(),
    })
}

/// A message's header section: the bytes before the first empty line (RFC 5322 §2.1), the
/// whole input if there is none.
pub fn header_block(raw: &[u8]) -> &[u8] {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n"))
        .unwrap_or(raw.len());
    raw.get(..end).unwrap_or(raw)
}

/// Headers only (an IMAP `BODY.PEEK[HEADER]` fetch): no text, no attachments.
pub fn parse_headers(raw: &[u8]) -> ParsedMessage {
    match MessageParser::default().parse_headers(raw) {
        Some(message) => headers_of(&message),
        None => ParsedMessage::default(),
    }
}

fn headers_of(message: &mail_parser::Message<'_>) -> ParsedMessage {
    let ids = |value: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        match value {
            mail_parser::HeaderValue::Text(id) => vec![clean_id(id)],
            mail_parser::HeaderValue::TextList(list) => {
                list.iter().take(MAX_ADDRESSES).map(|id| clean_id(id)).collect()
            }
            _ => Vec::new(),
        }
    };
    ParsedMessage {
        message_id: message.message_id().map(clean_id).filter(|id| !id.is_empty()),
        in_reply_to: ids(message.in_reply_to()).into_iter().next(),
        references: ids(message.references()),
        subject: message.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default(),
        from: message.from().and_then(|a| mailboxes(a).into_iter().next()),
        to: message.to().map(mailboxes).unwrap_or_default(),
        cc: message.cc().map(mailboxes).unwrap_or_default(),
        date: message.date().filter(|d| d.is_valid()).map(|d| d.to_timestamp()),
        ..ParsedMessage::default()
    }
}

fn clean_id(id: &str) -> String {
    id.trim().trim_matches(['<', '>']).to_string()
}

fn mailboxes(address: &Address<'_>) -> Vec<Mailbox> {
    address
        .iter()
        .take(MAX_ADDRESSES)
        .map(|a| Mailbox {
            // A U+202E in a name would reverse the address shown after it.
            name: display_text(a.name().unwrap_or("")),
            address: a.address().unwrap_or("").trim().to_string(),
        })
        .filter(|m| !m.address.is_empty() || !m.name.is_empty())
        .collect()
}

/// "Иван <ivan@ya.ru>, b@c.d" for list columns.
pub fn format_address_list(list: &[Mailbox]) -> String {
    list.iter().map(Mailbox::to_string).collect::<Vec<_>>().join(", ")
}

fn truncate(mut text: String) -> String {
    if text.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

fn default_name(index: usize, content_type: &str, is_message: bool) -> String {
    let extension = match content_type {
        _ if is_message => "eml",
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "text/plain" => "txt",
        "text/html" => "html",
        "text/calendar" => "ics",
        _ => "bin",
    };
    format!("attachment-{}.{extension}", index + 1)
}

#[cfg(test)]
mod demo_mailbox_tests;
#[cfg(test)]
mod tests;
