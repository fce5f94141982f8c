//! A message's text and HTML bodies, as labelled or re-read with a charset the user picks
//! ("re-decode as"): for letters whose Content-Type names no charset or the wrong one, a common
//! sight with old Russian mail in KOI8-R or windows-1251 sent as "UTF-8" or unlabelled.

use super::rich::PlainFormat;
use super::{MAX_TEXT, truncate};
use mail_parser::decoders::{base64::base64_decode, charsets::map::charset_decoder, quoted_printable};
use mail_parser::{Encoding, MessageParser, MimeHeaders, PartType};

/// The charsets the reader offers, most useful for our users first. Names as IANA registers
/// them (RFC 2978), which is also what mail-parser's decoder table knows.
pub const CHARSETS: &[&str] = &[
    "UTF-8",
    "KOI8-R",
    "windows-1251",
    "ISO-8859-5",
    "IBM866",
    "KOI8-U",
    "ISO-8859-1",
    "windows-1252",
    "ISO-8859-2",
    "windows-1250",
    "GBK",
    "Big5",
    "Shift_JIS",
    "EUC-KR",
];

/// The first text/plain and text/html bodies of a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    pub text: Option<String>,
    pub html: Option<String>,
    /// How the text body is laid out (`format=flowed` or not, RFC 3676).
    pub text_format: PlainFormat,
}

/// The bodies as their headers label them (`charset` None), or all read as `charset`. An
/// unknown charset name reads as labelled.
pub fn bodies(raw: &[u8], charset: Option<&str>) -> Bodies {
    let Some(message) = MessageParser::default().parse(raw) else { return Bodies::default() };
    let forced = charset.and_then(decoder_for);
    let decode = |part: &mail_parser::MessagePart<'_>, as_labelled: String| -> String {
        let Some(decode) = &forced else { return as_labelled };
        let start = part.offset_body as usize;
        let end = (part.offset_end as usize).min(raw.len());
        let Some(encoded) = raw.get(start..end.max(start)) else { return as_labelled };
        let bytes = match part.encoding {
            Encoding::Base64 => base64_decode(encoded),
            Encoding::QuotedPrintable => quoted_printable::quoted_printable_decode(encoded),
            Encoding::None => Some(encoded.to_vec()),
        };
        bytes.map(|bytes| decode(&bytes)).unwrap_or(as_labelled)
    };
    let first = |ids: &[u32], want_html: bool| -> Option<String> {
        let part = message.part(*ids.first()?)?;
        let labelled = match (&part.body, want_html) {
            // Cut before copying: an 8 MB body is not copied whole to keep its first megabyte.
            (PartType::Text(text), false) | (PartType::Html(text), true) => bounded(text).to_string(),
            _ => return None,
        };
        Some(truncate(decode(part, labelled)))
    };
    let text_format = message
        .text_body
        .first()
        .and_then(|id| message.part(*id))
        .and_then(|part| part.content_type())
        .map(|ct| PlainFormat::from_parameters(ct.attribute("format"), ct.attribute("delsp")))
        .unwrap_or_default();
    Bodies { text: first(&message.text_body, false), html: first(&message.html_body, true), text_format }
}

/// The first [`MAX_TEXT`] bytes of `text`, cut at a character boundary.
fn bounded(text: &str) -> &str {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

type Decoder = Box<dyn Fn(&[u8]) -> String>;

fn decoder_for(charset: &str) -> Option<Decoder> {
    if charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8") {
        return Some(Box::new(|bytes: &[u8]| {
            String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_TEXT)]).into_owned()
        }));
    }
    let decode = charset_decoder(charset.as_bytes())?;
    Some(Box::new(move |bytes: &[u8]| decode(&bytes[..bytes.len().min(MAX_TEXT)])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Привет, мир" in windows-1251.
    const CP1251_HELLO: &[u8] = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0";

    fn letter(content_type: &str, encoding: &str, body: &[u8]) -> Vec<u8> {
        let mut raw = format!(
            "From: a@b.c\r\nSubject: x\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n"
        )
        .into_bytes();
        raw.extend_from_slice(body);
        raw.extend_from_slice(b"\r\n");
        raw
    }

    #[test]
    fn windows_1251_mislabelled_as_utf8_reads_right_when_forced() {
        let raw = letter("text/plain; charset=utf-8", "8bit", CP1251_HELLO);
        assert!(!bodies(&raw, None).text.unwrap().contains("Привет"), "as labelled it is garbage");
        assert_eq!(bodies(&raw, Some("windows-1251")).text.unwrap().trim(), "Привет, мир");
    }

    #[test]
    fn unlabelled_quoted_printable_and_base64_bodies_are_decoded_before_the_charset() {
        let qp = letter("text/plain", "quoted-printable", b"=CF=F0=E8=E2=E5=F2, =EC=E8=F0");
        assert_eq!(bodies(&qp, Some("windows-1251")).text.unwrap().trim(), "Привет, мир");
        let b64 = letter("text/html", "base64", b"PGI+z/Do4uXyPC9i\r\nPg==");
        assert_eq!(bodies(&b64, Some("windows-1251")).html.unwrap().trim(), "<b>Привет</b>");
        // KOI8-R: the same bytes read differently.
        let koi = letter("text/plain", "8bit", b"\xf0\xd2\xc9\xd7\xc5\xd4");
        assert_eq!(bodies(&koi, Some("KOI8-R")).text.unwrap().trim(), "Привет");
    }

    #[test]
    fn every_offered_charset_is_known_and_unknown_names_read_as_labelled() {
        for name in CHARSETS {
            assert!(decoder_for(name).is_some(), "{name}");
        }
        let raw = letter("text/plain; charset=utf-8", "8bit", "ok ✓".as_bytes());
        assert_eq!(bodies(&raw, Some("no-such-charset")).text.unwrap().trim(), "ok ✓");
        assert_eq!(bodies(b"", Some("KOI8-R")), Bodies::default());
    }
}
