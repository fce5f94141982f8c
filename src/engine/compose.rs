//! Composing a letter: the fields a person fills in (a [`Composition`]) are checked and built
//! into RFC 5322 / MIME bytes once, with mail-builder. Those bytes, Bcc included, are the Sent
//! copy; the SMTP copy is the same bytes with the Bcc field cut out (RFC 5322 3.6.3), so both
//! share one Message-ID and identical bodies and attachments. Pure: no I/O, no store.

mod addresses;
mod html;
mod reopen;
mod reply;
#[cfg(test)]
mod tests;

pub use addresses::{Mailbox, parse_mailbox, parse_mailbox_list, parse_mailbox_list_lenient, split_typed};
pub use reopen::reopen;
pub use reply::{ReplyStyle, forward, reply};

use crate::model::{AccountId, AccountSettings};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as HeaderAddress;
use mail_builder::headers::message_id::MessageId as HeaderMessageId;
use mail_builder::mime::MimePart;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A letter being written, as plain data (saved as a draft, built when sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Composition {
    /// The account that sends it. Not part of a saved draft's fields: the draft's row keeps it.
    #[serde(skip)]
    pub account: AccountId,
    /// The From mailbox; `None`: the account's own name and address.
    pub from: Option<Mailbox>,
    /// Addresses as typed: "Name <addr>" or "addr".
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    /// What the person wrote (the signature and the quote are added below it when built).
    pub body: String,
    /// Also send an HTML version generated from the text (multipart/alternative).
    pub html_alternative: bool,
    /// Put the account's signature below the text.
    pub signature: bool,
    /// The quoted original of a reply, or the forwarded letter's text, below the signature.
    pub quoted: Option<String>,
    pub attachments: Vec<Attachment>,
    /// Message-ID of the letter this answers (without angle brackets).
    pub in_reply_to: Option<String>,
    /// The thread's Message-IDs, oldest first (RFC 5322 3.6.4).
    pub references: Vec<String>,
    /// The writer starts below the text already there (a reply quoted above the answer), not
    /// above it. Where the caret goes, not part of the letter.
    #[serde(skip)]
    pub caret_at_end: bool,
}

/// A file attached to a letter: its name (any script; RFC 2231 on the wire), type and bytes.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    #[serde(with = "base64_bytes")]
    pub data: Vec<u8>,
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Attachment({:?}, {}, {} bytes)", self.filename, self.content_type, self.data.len())
    }
}

impl Attachment {
    /// An attachment with its type guessed from the file name's extension.
    pub fn from_file_name(filename: &str, data: Vec<u8>) -> Attachment {
        Attachment { filename: filename.to_string(), content_type: guess_content_type(filename).to_string(), data }
    }
}

/// A letter built for sending.
#[derive(Clone, PartialEq, Eq)]
pub struct BuiltMessage {
    /// Without angle brackets.
    pub message_id: String,
    /// The whole letter with its Bcc field: the Sent copy.
    pub raw: Vec<u8>,
    /// The SMTP envelope (RFC 5321 MAIL FROM and RCPT TO): the From address and every
    /// To, Cc and Bcc address, each once.
    pub envelope_from: String,
    pub recipients: Vec<String>,
}

impl fmt::Debug for BuiltMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BuiltMessage(<{}>, {} bytes, to {:?})", self.message_id, self.raw.len(), self.recipients)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposeError {
    NoRecipients,
    BadAddress(String),
    Build(String),
}

impl fmt::Display for ComposeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComposeError::NoRecipients => f.write_str(&crate::fl!("error-compose-no-recipients")),
            ComposeError::BadAddress(text) => f.write_str(&crate::fl!("error-not-an-address", address = text.as_str())),
            ComposeError::Build(text) => f.write_str(&crate::fl!("error-compose-build", detail = text.as_str())),
        }
    }
}

/// Builds the letter. `message_id` keeps a draft's id when it is sent; `date` is Unix seconds.
pub fn build(
    composition: &Composition,
    account: &AccountSettings,
    message_id: Option<&str>,
    date: i64,
) -> Result<BuiltMessage, ComposeError> {
    build_with(composition, account, message_id, date, false)
}

/// The same for a draft's server copy: it may have no recipients yet, and an address still being
/// typed is left out of the headers (the draft's fields keep it).
pub fn build_draft(
    composition: &Composition,
    account: &AccountSettings,
    message_id: &str,
    date: i64,
) -> Result<BuiltMessage, ComposeError> {
    build_with(composition, account, Some(message_id), date, true)
}

fn build_with(
    composition: &Composition,
    account: &AccountSettings,
    message_id: Option<&str>,
    date: i64,
    draft: bool,
) -> Result<BuiltMessage, ComposeError> {
    let list = |entries: &[String]| {
        if draft { Ok(addresses::parse_mailbox_list_lenient(entries)) } else { parse_mailbox_list(entries) }
    };
    let from = composition
        .from
        .clone()
        .unwrap_or_else(|| Mailbox { name: account.name.clone(), email: account.email.clone() });
    if !addresses::is_address(&from.email) {
        return Err(ComposeError::BadAddress(from.email));
    }
    let to = list(&composition.to)?;
    let cc = list(&composition.cc)?;
    let bcc = list(&composition.bcc)?;
    let mut recipients: Vec<String> = Vec::new();
    for mailbox in to.iter().chain(&cc).chain(&bcc) {
        if !recipients.iter().any(|r| r.eq_ignore_ascii_case(&mailbox.email)) {
            recipients.push(mailbox.email.clone());
        }
    }
    if recipients.is_empty() && !draft {
        return Err(ComposeError::NoRecipients);
    }
    let message_id = message_id.map(str::to_string).unwrap_or_else(|| new_message_id(&from.email));
    let text = full_text(composition, account);

    let mut builder = MessageBuilder::new()
        .from(header_address(&from))
        .message_id(message_id.clone())
        .date(date)
        .subject(composition.subject.clone());
    if !to.is_empty() {
        builder = builder.to(header_list(&to));
    }
    if !cc.is_empty() {
        builder = builder.cc(header_list(&cc));
    }
    // Kept in the Sent copy only; cut from the SMTP copy by [`strip_bcc`].
    if !bcc.is_empty() {
        builder = builder.bcc(header_list(&bcc));
    }
    if let Some(parent) = &composition.in_reply_to {
        builder = builder.in_reply_to(parent.clone());
    }
    if !composition.references.is_empty() {
        builder = builder.references(HeaderMessageId::new_list(composition.references.iter().cloned()));
    }
    builder = builder.header("User-Agent", mail_builder::headers::raw::Raw::new("Pochta"));
    if composition.html_alternative {
        builder = builder.html_body(html::from_text(&text));
    }
    builder = builder.text_body(text);
    if !composition.attachments.is_empty() {
        builder.attachments = Some(composition.attachments.iter().map(attachment_part).collect());
    }
    let raw = builder.write_to_vec().map_err(|err| ComposeError::Build(err.to_string()))?;
    Ok(BuiltMessage { message_id, raw, envelope_from: from.email, recipients })
}

/// The text as sent: what was written, the signature (RFC 3676 4.3 "-- " separator), the quote.
fn full_text(composition: &Composition, account: &AccountSettings) -> String {
    let mut text = composition.body.trim_end().to_string();
    if composition.signature
        && let Some(signature) = signature_of(account, composition.from.as_ref())
    {
        text.push_str("\n\n-- \n");
        text.push_str(signature.trim_end());
    }
    if let Some(quoted) = &composition.quoted {
        text.push_str("\n\n");
        text.push_str(quoted.trim_end());
    }
    text.push('\n');
    text
}

/// The signature of the sender: the identity's own when it has one, else the account's; None
/// when empty.
pub fn signature_of<'a>(account: &'a AccountSettings, from: Option<&Mailbox>) -> Option<&'a str> {
    let identity = from.and_then(|from| account.identities.iter().find(|i| i.email.eq_ignore_ascii_case(&from.email)));
    identity.and_then(|i| i.signature.as_deref()).or(account.signature.as_deref()).filter(|s| !s.trim().is_empty())
}

fn header_address(mailbox: &Mailbox) -> HeaderAddress<'static> {
    let name = (!mailbox.name.trim().is_empty()).then(|| mailbox.name.clone());
    HeaderAddress::new_address(name, mailbox.email.clone())
}

fn header_list(list: &[Mailbox]) -> HeaderAddress<'static> {
    HeaderAddress::new_list(list.iter().map(header_address).collect())
}

/// A forwarded letter (message/rfc822) goes as it is, 7bit or 8bit (RFC 2046 5.2.1 forbids
/// base64 and quoted-printable for it); other files as mail-builder encodes them. A text file in
/// UTF-8 says so (`charset=utf-8`): without it a reader takes US-ASCII (RFC 2046 4.1.2) and shows
/// Cyrillic as mojibake.
fn attachment_part(attachment: &Attachment) -> MimePart<'static> {
    let kind = attachment.content_type.clone();
    let labelled = kind.to_ascii_lowercase().contains("charset");
    let is_text = kind.get(..5).is_some_and(|top| top.eq_ignore_ascii_case("text/"));
    let content_type = if is_text && !labelled && std::str::from_utf8(&attachment.data).is_ok() {
        mail_builder::headers::content_type::ContentType::new(kind).attribute("charset", "utf-8")
    } else {
        mail_builder::headers::content_type::ContentType::new(kind)
    };
    let part = MimePart::new(content_type, attachment.data.clone());
    let part = if attachment.content_type.eq_ignore_ascii_case("message/rfc822") {
        part.transfer_encoding(if attachment.data.is_ascii() { "7bit" } else { "8bit" })
    } else {
        part
    };
    part.attachment(attachment.filename.clone())
}

/// Takes the Bcc field (and its folded continuation lines) out of the header section; the body
/// is untouched. RFC 5322 3.6.3: the copies for To/Cc recipients carry no Bcc line.
pub fn strip_bcc(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    let mut skipping = false;
    while !rest.is_empty() {
        let end = rest.iter().position(|b| *b == b'\n').map_or(rest.len(), |p| p + 1);
        let (line, after) = rest.split_at(end);
        if line == b"\r\n" || line == b"\n" {
            out.extend_from_slice(rest);
            return out;
        }
        let continuation = matches!(line.first(), Some(b' ' | b'\t'));
        if !continuation {
            skipping = line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"bcc:");
        }
        if !skipping {
            out.extend_from_slice(line);
        }
        rest = after;
    }
    out
}

/// `<time.random@domain>` without the brackets: unique per letter, with the sender's domain
/// (RFC 5322 3.6.4) so it says nothing about this computer.
pub fn new_message_id(from: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(now.as_nanos());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    let domain = from.rsplit_once('@').map(|(_, d)| d).filter(|d| !d.is_empty()).unwrap_or("pochta.invalid");
    format!("{:x}.{:016x}@{domain}", now.as_millis(), hasher.finish())
}

/// The MIME type for a file name, by its extension; octet-stream when unknown.
pub fn guess_content_type(filename: &str) -> &'static str {
    let extension = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "htm" | "html" => "text/html",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        "7z" => "application/x-7z-compressed",
        "gz" => "application/gzip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "eml" => "message/rfc822",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Attachment bytes as base64 inside a saved draft's JSON.
mod base64_bytes {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}
