//! `mailto:` links (RFC 6068) turned into what a new letter starts with: recipients, subject,
//! body. Pure: no I/O, so the single-instance forwarding and the composer can both use it. Links
//! come from web pages, so everything is treated as hostile: length and address counts are
//! bounded, line breaks cannot reach a header, and headers other than the ones a reader expects
//! (`From`, `Reply-To`, arbitrary `X-...`) are reported as ignored, never applied (RFC 6068 §7).

/// Longer links are refused: no browser or desktop passes more, and the composer must not be
/// flooded.
const MAX_URI: usize = 64 * 1024;
const MAX_ADDRESSES: usize = 500;
const MAX_IGNORED: usize = 20;

/// A letter to start, from a `mailto:` link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailtoDraft {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: Option<String>,
    /// Lines separated by "\n".
    pub body: Option<String>,
    /// Message-ID of the letter being answered, without angle brackets.
    pub in_reply_to: Option<String>,
    /// Header names in the link that were not applied, lower-case, for the composer to mention.
    pub ignored: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailtoError {
    NotMailto,
    TooLong,
}

impl std::fmt::Display for MailtoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            MailtoError::NotMailto => crate::fl!("error-mailto-not-mailto"),
            MailtoError::TooLong => crate::fl!("error-mailto-too-long", limit = MAX_URI),
        })
    }
}

/// Parses `mailto:to1,to2?subject=...&cc=...&body=...` (the scheme is case-insensitive).
/// Percent-encoded UTF-8 is decoded; a malformed escape is kept as written; `+` is a plus
/// sign, not a space (RFC 6068 §5).
pub fn parse(uri: &str) -> Result<MailtoDraft, MailtoError> {
    if uri.len() > MAX_URI {
        return Err(MailtoError::TooLong);
    }
    let uri = uri.trim();
    let rest = uri
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
        .and_then(|_| uri.get(7..))
        .ok_or(MailtoError::NotMailto)?;
    // A fragment is not part of a mailto: link; browsers may still pass one.
    let rest = rest.split('#').next().unwrap_or_default();
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut draft = MailtoDraft::default();
    add_addresses(&mut draft.to, to);
    for field in query.split('&').filter(|field| !field.is_empty()) {
        let (name, value) = field.split_once('=').unwrap_or((field, ""));
        let name = percent_decode(name).to_ascii_lowercase();
        match name.as_str() {
            "to" => add_addresses(&mut draft.to, value),
            "cc" => add_addresses(&mut draft.cc, value),
            "bcc" => add_addresses(&mut draft.bcc, value),
            "subject" => set_once(&mut draft.subject, one_line(&percent_decode(value))),
            "body" => set_once(&mut draft.body, multi_line(&percent_decode(value))),
            "in-reply-to" => {
                let id = one_line(&percent_decode(value)).trim().trim_matches(['<', '>']).to_string();
                set_once(&mut draft.in_reply_to, id)
            }
            "" => {}
            _ => {
                let name = one_line(&name);
                if draft.ignored.len() < MAX_IGNORED && !draft.ignored.contains(&name) {
                    draft.ignored.push(name);
                }
            }
        }
    }
    Ok(draft)
}

/// The first value wins; later repeats of a one-value field are dropped.
fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// Addresses separated by commas (outside double quotes), trimmed, empty ones dropped, at most
/// MAX_ADDRESSES in all. Decoding comes first: many links encode the comma as %2C.
fn add_addresses(list: &mut Vec<String>, encoded: &str) {
    let decoded = one_line(&percent_decode(encoded));
    let mut quoted = false;
    let mut current = String::new();
    for c in decoded.chars().chain([',']) {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => {
                let address = current.trim();
                if !address.is_empty() && list.len() < MAX_ADDRESSES {
                    list.push(address.to_string());
                }
                current.clear();
            }
            _ => current.push(c),
        }
    }
}

/// Header text: line breaks and other control characters become spaces, so a link cannot add
/// a header of its own.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Body text: CRLF and CR become "\n"; tabs kept; other control characters dropped.
fn multi_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// `%XX` escapes to bytes, then UTF-8 (invalid sequences become U+FFFD); a `%` not followed by
/// two hex digits stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(value) => {
                out.push(value);
                index += 3;
            }
            None => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
