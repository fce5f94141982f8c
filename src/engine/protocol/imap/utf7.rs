//! Modified UTF-7 for mailbox names (RFC 3501 5.1.3): printable ASCII stands for itself ("&" is
//! "&-"), everything else is UTF-16 in a modified base64 ("," for "/") between "&" and "-".
//! Cyrillic folder names ("Входящие", "Отправленные") are everyday names for our users.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf7Error(&'static str);

impl fmt::Display for Utf7Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed modified UTF-7 mailbox name: {}", self.0)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending: Vec<u16> = Vec::new();
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut pending, &mut out);
            if c == '&' { out.push_str("&-") } else { out.push(c) }
        } else {
            let mut units = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut units));
        }
    }
    flush(&mut pending, &mut out);
    out
}

fn flush(units: &mut Vec<u16>, out: &mut String) {
    if units.is_empty() {
        return;
    }
    let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    out.push('&');
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        let digits = chunk.len() + 1;
        for i in 0..digits {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out.push('-');
    units.clear();
}

pub fn decode(name: &str) -> Result<String, Utf7Error> {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find('&') {
        let (plain, shifted) = rest.split_at(start);
        check_plain(plain)?;
        out.push_str(plain);
        let shifted = &shifted[1..];
        let end = shifted.find('-').ok_or(Utf7Error("a shifted run never ends"))?;
        let (run, after) = shifted.split_at(end);
        if run.is_empty() {
            out.push('&');
        } else {
            out.push_str(&decode_run(run)?);
        }
        rest = &after[1..];
    }
    check_plain(rest)?;
    out.push_str(rest);
    Ok(out)
}

fn check_plain(text: &str) -> Result<(), Utf7Error> {
    if text.chars().all(|c| (' '..='~').contains(&c)) { Ok(()) } else { Err(Utf7Error("raw non-ASCII character")) }
}

fn decode_run(run: &str) -> Result<String, Utf7Error> {
    let mut bits = 0u32;
    let mut bit_count = 0;
    let mut bytes = Vec::with_capacity(run.len());
    for c in run.bytes() {
        let value = ALPHABET.iter().position(|a| *a == c).ok_or(Utf7Error("not a base64 digit"))? as u32;
        bits = (bits << 6) | value;
        bit_count += 6;
        if bit_count >= 8 {
            bit_count -= 8;
            bytes.push((bits >> bit_count) as u8);
            bits &= (1 << bit_count) - 1;
        }
    }
    if bits != 0 || bytes.len() % 2 != 0 {
        return Err(Utf7Error("leftover bits in a shifted run"));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
    let text = String::from_utf16(&units).map_err(|_| Utf7Error("broken UTF-16"))?;
    // RFC 3501: printable ASCII must not be shifted; a name that does is not canonical.
    if text.chars().any(|c| (' '..='~').contains(&c)) {
        return Err(Utf7Error("shifted printable ASCII"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_example_round_trips() {
        assert_eq!(decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-").unwrap(), "~peter/mail/台北/日本語");
        assert_eq!(encode("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    }

    #[test]
    fn cyrillic_ampersand_and_emoji_round_trip() {
        for name in ["Входящие/Отчёты 2024", "Черновики", "Tom & Jerry", "&", "Фото 📷", "plain", ""]
        {
            assert_eq!(decode(&encode(name)).unwrap(), name, "{name}");
        }
        assert_eq!(encode("Отчёты"), "&BB4EQgRHBFEEQgRL-");
        assert_eq!(encode("A&B"), "A&-B");
    }

    #[test]
    fn malformed_names_are_errors_not_panics() {
        for bad in ["&BB4E", "&!!!-", "&AGE-", "&BB-", "Привет", "&2D3-"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
