//! The headers a reader shows (RFC 5322 §3.6): From, To, Cc, Reply-To, Date and, on request,
//! every header as received. Read from the header section alone, so a letter of any size costs
//! the same; every list is bounded and every name passed through `display_text`.

use super::{Mailbox, display_text, mailboxes};
use mail_parser::{HeaderValue, MessageParser};

/// Headers listed under "All headers": a real letter has a few dozen; a hostile one is cut.
const MAX_HEADERS: usize = 500;
/// Characters kept of one header's value in that list.
const MAX_HEADER_VALUE: usize = 4096;

/// What the reader's header block shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterHeaders {
    pub subject: String,
    pub from: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    /// Unix seconds (UTC).
    pub date: Option<i64>,
    /// Every header in the order received, unfolded, encoded words decoded where the header
    /// is known to carry text (name, value).
    pub all: Vec<(String, String)>,
}

impl LetterHeaders {
    /// Whether Reply-To names someone other than the sender (only then is it worth a line).
    pub fn reply_to_differs(&self) -> bool {
        !self.reply_to.is_empty()
            && !self
                .reply_to
                .iter()
                .all(|reply| self.from.iter().any(|from| from.address.eq_ignore_ascii_case(&reply.address)))
    }
}

/// The headers of `raw` (a whole message, or only its header section).
pub fn headers(raw: &[u8]) -> LetterHeaders {
    let Some(message) = MessageParser::default().parse_headers(raw) else { return LetterHeaders::default() };
    headers_of(&message)
}

/// The headers of an already parsed message (also a forwarded one inside another).
pub fn headers_of(message: &mail_parser::Message<'_>) -> LetterHeaders {
    let raw = message.raw_message();
    let all = message
        .headers()
        .iter()
        .take(MAX_HEADERS)
        .map(|header| {
            let value = match &header.value {
                HeaderValue::Text(text) => text.to_string(),
                HeaderValue::TextList(list) => list.join(", "),
                HeaderValue::Address(address) => super::format_address_list(&mailboxes(address)),
                HeaderValue::DateTime(date) => date.to_rfc822(),
                _ => {
                    let start = header.offset_start as usize;
                    let end = (header.offset_end as usize).min(raw.len());
                    String::from_utf8_lossy(raw.get(start..end.max(start)).unwrap_or_default()).into_owned()
                }
            };
            (header.name.as_str().to_string(), shorten(&unfold(&value)))
        })
        .collect();
    LetterHeaders {
        subject: message.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default(),
        from: message.from().map(mailboxes).unwrap_or_default(),
        to: message.to().map(mailboxes).unwrap_or_default(),
        cc: message.cc().map(mailboxes).unwrap_or_default(),
        reply_to: message.reply_to().map(mailboxes).unwrap_or_default(),
        date: message.date().filter(|d| d.is_valid()).map(|d| d.to_timestamp()),
        all,
    }
}

/// A folded header value (RFC 5322 §2.2.3) on one line, with nothing in it that could reorder
/// or hide the text around it.
fn unfold(value: &str) -> String {
    display_text(&value.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(MAX_HEADER_VALUE) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cc_reply_to_and_every_header_are_read() {
        let raw = b"From: Anna <anna@example.org>\r\nTo: bob@example.org\r\nCc: Carol <carol@example.org>,\r\n \
            dan@example.org\r\nReply-To: list@example.org\r\nSubject: =?utf-8?b?0J/RgNC40LLQtdGC?=\r\n\
            X-Mailer: Test\r\n\r\nbody\r\n";
        let headers = headers(raw);
        assert_eq!(headers.cc.len(), 2);
        assert_eq!(headers.cc[0].name, "Carol");
        assert_eq!(headers.subject, "Привет");
        assert!(headers.reply_to_differs());
        assert!(headers.all.iter().any(|(name, value)| name == "X-Mailer" && value == "Test"), "{:?}", headers.all);
        assert!(headers.all.iter().any(|(name, value)| name == "Cc" && value.contains("dan@example.org")));
    }

    #[test]
    fn a_reply_to_the_sender_is_not_worth_a_line() {
        let headers = headers(b"From: a@example.org\r\nReply-To: A <A@Example.org>\r\n\r\n");
        assert!(!headers.reply_to_differs());
    }
}
