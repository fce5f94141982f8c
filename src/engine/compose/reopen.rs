//! A built letter back into its fields: a queued letter the person wants to edit becomes a draft
//! again (recipients, subject, text, attachments, thread headers and Message-ID kept).

use super::{Attachment, Composition, Mailbox};
use crate::engine::mime;
use crate::model::AccountId;
use mail_parser::{MessageParser, MimeHeaders};

/// The composition and the letter's Message-ID.
pub fn reopen(raw: &[u8], account: AccountId) -> (Composition, Option<String>) {
    let parsed = mime::parse(raw);
    let bcc = MessageParser::default()
        .parse_headers(raw)
        .and_then(|m| {
            m.bcc().map(|list| {
                list.iter()
                    .filter_map(|a| {
                        let email = a.address()?.to_string();
                        Some(Mailbox { name: a.name().unwrap_or_default().to_string(), email }.to_string())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default();
    let addresses = |list: &[mime::Mailbox]| {
        list.iter().map(|m| Mailbox { name: m.name.clone(), email: m.address.clone() }.to_string()).collect()
    };
    let attachments = MessageParser::default()
        .parse(raw)
        .map(|message| {
            message
                .attachments()
                .map(|part| {
                    let filename =
                        part.attachment_name().map(mime::sanitize_filename).unwrap_or_else(|| "attachment".into());
                    let content_type = part
                        .content_type()
                        .map(|ct| match ct.subtype() {
                            Some(sub) => format!("{}/{}", ct.ctype(), sub),
                            None => ct.ctype().to_string(),
                        })
                        .unwrap_or_else(|| super::guess_content_type(&filename).to_string())
                        .to_ascii_lowercase();
                    // A forwarded letter is kept whole (headers too), as it was attached.
                    let data = match part.message() {
                        Some(inner) => inner.raw_message().to_vec(),
                        None => part.contents().to_vec(),
                    };
                    Attachment { filename, content_type, data }
                })
                .collect()
        })
        .unwrap_or_default();
    let composition = Composition {
        account,
        from: parsed.from.as_ref().map(|f| Mailbox { name: f.name.clone(), email: f.address.clone() }),
        to: addresses(&parsed.to),
        cc: addresses(&parsed.cc),
        bcc,
        subject: parsed.subject.clone(),
        body: parsed.text.trim_end().to_string(),
        html_alternative: parsed.html.is_some(),
        // The signature and quote are in the text already.
        signature: false,
        quoted: None,
        attachments,
        in_reply_to: parsed.in_reply_to.clone(),
        references: parsed.references.clone(),
        caret_at_end: false,
    };
    (composition, parsed.message_id)
}
