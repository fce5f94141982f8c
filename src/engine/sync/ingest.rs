//! From raw bytes to store records: parse (headers only, or the whole message), pick the fields
//! the list shows, the text the index searches, the attachments the reader lists. Shared by IMAP
//! and POP3, and run off the network path (on blocking threads) so parsing never stalls a fetch.

use crate::engine::mime::{self, ParsedMessage};
use crate::engine::store::{AttachmentRecord, BodyRecord, MessageRecord};
use crate::model::{Flags, Uid};

/// What the server told us besides the bytes.
#[derive(Debug, Clone, Default)]
pub struct ServerFacts {
    pub uid: Option<Uid>,
    pub uidl: Option<String>,
    pub flags: Flags,
    pub size: u64,
    pub received_at: Option<i64>,
    pub modseq: Option<u64>,
    /// Gmail's X-GM-MSGID, when the server offers X-GM-EXT-1.
    pub gm_msgid: Option<u64>,
}

/// A message known by its headers only (the fast first pass).
pub fn record_from_headers(headers: &[u8], facts: ServerFacts) -> MessageRecord {
    let parsed = mime::parse_headers(headers);
    base_record(&parsed, facts)
}

/// A whole message: headers, body for offline reading and search, attachment list.
pub fn record_from_message(raw: Vec<u8>, facts: ServerFacts) -> MessageRecord {
    let parsed = mime::parse(&raw);
    let mut record = base_record(&parsed, facts);
    if record.size == 0 {
        record.size = raw.len() as u64;
    }
    record.body = Some(body_record(raw, &parsed));
    record
}

/// The body part of a record, for messages whose headers are cached already.
pub fn body_from_message(raw: Vec<u8>) -> BodyRecord {
    let parsed = mime::parse(&raw);
    body_record(raw, &parsed)
}

/// The headers and text of a message whose attachments stayed on the server: the attachment
/// list is the real one, with the sizes the server gave (their bodies are empty here).
pub fn partial_body(raw: Vec<u8>, attachment_sizes: &[u64]) -> BodyRecord {
    let parsed = mime::parse(&raw);
    let mut body = body_record(raw, &parsed);
    body.partial = true;
    if body.attachments.len() == attachment_sizes.len() {
        for (attachment, size) in body.attachments.iter_mut().zip(attachment_sizes) {
            attachment.size = *size;
        }
    }
    body
}

fn body_record(raw: Vec<u8>, parsed: &ParsedMessage) -> BodyRecord {
    BodyRecord {
        partial: false,
        raw,
        text: parsed.text.clone(),
        attachments: parsed.attachments.iter().map(attachment_record).collect(),
    }
}

/// A parsed attachment as the store keeps it.
pub(crate) fn attachment_record(a: &mime::AttachmentInfo) -> AttachmentRecord {
    AttachmentRecord {
        part_index: a.part_index,
        filename: a.filename.clone(),
        content_type: a.content_type.clone(),
        size: a.size as u64,
        content_id: a.content_id.clone(),
        is_inline: a.is_inline,
    }
}

fn base_record(parsed: &ParsedMessage, facts: ServerFacts) -> MessageRecord {
    let (from_name, from_addr) = parsed.from.as_ref().map(|m| (m.name.clone(), m.address.clone())).unwrap_or_default();
    MessageRecord {
        uid: facts.uid,
        uidl: facts.uidl,
        message_id: parsed.message_id.clone(),
        in_reply_to: parsed.in_reply_to.clone(),
        references: parsed.references.join(" "),
        subject: parsed.subject.clone(),
        from_name,
        from_addr,
        to_addrs: mime::format_address_list(&parsed.to),
        cc_addrs: mime::format_address_list(&parsed.cc),
        // A message without a usable Date sorts by when the server got it.
        date: parsed.date.or(facts.received_at),
        received_at: facts.received_at,
        size: facts.size,
        flags: facts.flags,
        modseq: facts.modseq,
        has_attachments: parsed.has_attachments,
        body: None,
        gm_msgid: facts.gm_msgid,
    }
}
