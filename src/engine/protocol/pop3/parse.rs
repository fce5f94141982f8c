//! The contents of POP3 replies, as pure functions over text: the greeting and its APOP
//! timestamp (RFC 1939 §4, §7), CAPA (RFC 2449 §5-6), and the STAT, LIST and UIDL lines
//! (RFC 1939 §5, §7). `None` means "malformed"; the caller words the error.

/// The server's first words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Greeting {
    /// The text after `+OK`, made printable.
    pub text: String,
    /// The `<...@...>` timestamp that makes APOP possible (RFC 1939 §7), angle brackets included.
    pub apop_timestamp: Option<String>,
}

impl Greeting {
    pub(super) fn parse(text: String) -> Greeting {
        let apop_timestamp = apop_timestamp(&text);
        Greeting { text, apop_timestamp }
    }
}

/// The first `<...>` in the greeting that looks like a msg-id: visible ASCII, an `@`, no
/// nested brackets (RFC 1939 §7 asks for msg-id syntax, RFC 822).
fn apop_timestamp(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let candidate = rest.get(open..)?;
        let close = candidate.find('>')?;
        let stamp = candidate.get(..=close)?;
        let inner = stamp.get(1..stamp.len() - 1).unwrap_or_default();
        if !inner.is_empty()
            && inner.len() <= 250
            && inner.contains('@')
            && inner.bytes().all(|b| b.is_ascii_graphic() && b != b'<')
        {
            return Some(stamp.to_string());
        }
        rest = candidate.get(1..)?;
    }
    None
}

/// When the server deletes mail on its own (RFC 2449 §6.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expire {
    /// Mail stays until the client deletes it.
    Never,
    /// Mail is deleted this many days after it was first retrieved (0: right after QUIT).
    Days(u32),
}

/// What the server said it can do, from CAPA (RFC 2449 §5). An older server without CAPA has
/// the default: nothing known, nothing assumed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub top: bool,
    pub uidl: bool,
    pub user: bool,
    /// RFC 2449 §6.6: several commands may be sent before their replies are read.
    pub pipelining: bool,
    /// RFC 2595 §4.
    pub stls: bool,
    /// SASL mechanisms (RFC 5034), upper case.
    pub sasl: Vec<String>,
    /// RFC 2449 §6.4: `-ERR` texts may start with a `[CODE]`.
    pub resp_codes: bool,
    /// RFC 3206 §6: `-ERR` to a login carries `[AUTH]` or `[SYS/...]`.
    pub auth_resp_code: bool,
    pub implementation: Option<String>,
    pub expire: Option<Expire>,
    /// Seconds required between logins (RFC 2449 §6.5).
    pub login_delay: Option<u32>,
    /// Every capability line as sent, for what the fields above do not cover.
    pub raw: Vec<String>,
}

impl Capabilities {
    /// Parses the lines of a CAPA reply. Unknown capabilities are kept in `raw` only; a
    /// malformed argument leaves that field unknown rather than failing the session.
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a str>) -> Capabilities {
        let mut caps = Capabilities::default();
        for line in lines {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            caps.raw.push(line.to_string());
            let (tag, args) = line.split_once(' ').unwrap_or((line, ""));
            let args = args.trim();
            match tag.to_ascii_uppercase().as_str() {
                "TOP" => caps.top = true,
                "UIDL" => caps.uidl = true,
                "USER" => caps.user = true,
                "PIPELINING" => caps.pipelining = true,
                "STLS" => caps.stls = true,
                "RESP-CODES" => caps.resp_codes = true,
                "AUTH-RESP-CODE" => caps.auth_resp_code = true,
                "SASL" => caps.sasl.extend(args.split_ascii_whitespace().map(str::to_ascii_uppercase)),
                "IMPLEMENTATION" => caps.implementation = Some(args.to_string()),
                "EXPIRE" => caps.expire = parse_expire(args),
                "LOGIN-DELAY" => caps.login_delay = args.split_ascii_whitespace().next().and_then(|n| n.parse().ok()),
                _ => {}
            }
        }
        caps
    }

    pub fn has_sasl(&self, mechanism: &str) -> bool {
        self.sasl.iter().any(|offered| offered.eq_ignore_ascii_case(mechanism))
    }

    /// One line for people: the capability names, SASL mechanisms as `SASL=PLAIN`.
    pub fn summary(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        for line in &self.raw {
            let (tag, args) = line.split_once(' ').unwrap_or((line, ""));
            let tag = tag.to_ascii_uppercase();
            match tag.as_str() {
                "SASL" => {
                    names.extend(args.split_ascii_whitespace().map(|m| format!("SASL={}", m.to_ascii_uppercase())))
                }
                "IMPLEMENTATION" => {}
                "EXPIRE" | "LOGIN-DELAY" => names.push(format!("{tag}={}", args.trim())),
                _ => names.push(tag),
            }
        }
        names.sort();
        names.dedup();
        if names.is_empty() { "no CAPA (RFC 1939 only)".into() } else { names.join(" ") }
    }
}

fn parse_expire(args: &str) -> Option<Expire> {
    let value = args.split_ascii_whitespace().next()?;
    if value.eq_ignore_ascii_case("NEVER") { Some(Expire::Never) } else { value.parse().ok().map(Expire::Days) }
}

/// `nn mm` after `+OK` to STAT (RFC 1939 §5): message count and maildrop size in octets.
pub(super) fn parse_stat(text: &str) -> Option<(u32, u64)> {
    let mut words = text.split_ascii_whitespace();
    let count = parse_number(words.next()?)?;
    let octets = parse_number(words.next()?)?;
    Some((u32::try_from(count).ok()?, octets))
}

/// `msg size` (LIST) with optional words after (RFC 1939 §5 allows later extensions).
pub(super) fn parse_list_entry(line: &str) -> Option<(u32, u64)> {
    let mut words = line.split_ascii_whitespace();
    let msg = u32::try_from(parse_number(words.next()?)?).ok()?;
    let size = parse_number(words.next()?)?;
    (msg > 0).then_some((msg, size))
}

/// `msg unique-id` (UIDL, RFC 1939 §7); nothing may follow the id, since an id never holds a
/// space and a second word could mean one was cut short.
pub(super) fn parse_uidl_entry(line: &str) -> Option<(u32, String)> {
    let mut words = line.split_ascii_whitespace();
    let msg = u32::try_from(parse_number(words.next()?)?).ok()?;
    let uid = words.next()?;
    if words.next().is_some() || msg == 0 || !is_valid_uid(uid) {
        return None;
    }
    Some((msg, uid.to_string()))
}

/// RFC 1939 §7: "The unique-id of a message is an arbitrary server-determined string,
/// consisting of one to 70 characters in the range 0x21 to 0x7E".
pub(super) fn is_valid_uid(uid: &str) -> bool {
    (1..=70).contains(&uid.len()) && uid.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Digits only (no sign, no spaces), at most 20 of them.
fn parse_number(word: &str) -> Option<u64> {
    if word.is_empty() || word.len() > 20 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apop_timestamp_is_the_msg_id_in_the_greeting() {
        let greeting = Greeting::parse("POP3 server ready <1896.697170952@dbc.mtview.ca.us>".into());
        assert_eq!(greeting.apop_timestamp.as_deref(), Some("<1896.697170952@dbc.mtview.ca.us>"));
        assert_eq!(apop_timestamp("Dovecot ready."), None);
        assert_eq!(apop_timestamp("<no-at-sign> ready"), None);
        assert_eq!(apop_timestamp("a <b c@d> <x@y>"), Some("<x@y>".into()));
        assert_eq!(apop_timestamp("<<a@b>"), Some("<a@b>".into()));
        assert_eq!(apop_timestamp("<unclosed@x"), None);
        assert_eq!(apop_timestamp("<>"), None);
    }

    #[test]
    fn capa_fields_come_from_their_lines() {
        let caps = Capabilities::parse([
            "TOP",
            "uidl",
            "USER",
            "SASL PLAIN login XOAUTH2",
            "RESP-CODES",
            "AUTH-RESP-CODE",
            "PIPELINING",
            "STLS",
            "EXPIRE 31 USER",
            "LOGIN-DELAY 900",
            "IMPLEMENTATION Dovecot 2.3",
            "X-UNKNOWN thing",
        ]);
        assert!(caps.top && caps.uidl && caps.user && caps.pipelining && caps.stls);
        assert!(caps.resp_codes && caps.auth_resp_code);
        assert_eq!(caps.sasl, ["PLAIN", "LOGIN", "XOAUTH2"]);
        assert!(caps.has_sasl("plain"));
        assert_eq!(caps.expire, Some(Expire::Days(31)));
        assert_eq!(caps.login_delay, Some(900));
        assert_eq!(caps.implementation.as_deref(), Some("Dovecot 2.3"));
        assert_eq!(caps.raw.len(), 12);
        assert_eq!(Capabilities::parse(["EXPIRE NEVER"]).expire, Some(Expire::Never));
        assert_eq!(Capabilities::parse(["EXPIRE soon"]).expire, None);
        assert_eq!(Capabilities::default().summary(), "no CAPA (RFC 1939 only)");
        assert_eq!(
            Capabilities::parse(["USER", "SASL PLAIN", "TOP", "EXPIRE 0"]).summary(),
            "EXPIRE=0 SASL=PLAIN TOP USER"
        );
    }

    #[test]
    fn stat_list_and_uidl_lines_are_checked() {
        assert_eq!(parse_stat("2 320"), Some((2, 320)));
        assert_eq!(parse_stat("2 320 extra words"), Some((2, 320)));
        assert_eq!(parse_stat("two 320"), None);
        assert_eq!(parse_stat("-1 320"), None);
        assert_eq!(parse_stat("5000000000 1"), None);
        assert_eq!(parse_list_entry("1 120"), Some((1, 120)));
        assert_eq!(parse_list_entry("0 120"), None);
        assert_eq!(parse_list_entry("1"), None);
        assert_eq!(parse_uidl_entry("1 whqtswO00WBw418f9t5JxYwZ"), Some((1, "whqtswO00WBw418f9t5JxYwZ".into())));
        assert_eq!(parse_uidl_entry("1 a b"), None);
        assert_eq!(parse_uidl_entry("1"), None);
        assert_eq!(parse_uidl_entry(&format!("1 {}", "x".repeat(71))), None);
        assert!(is_valid_uid(&"x".repeat(70)));
        assert!(!is_valid_uid("tab\there"));
        assert!(!is_valid_uid("юникод"));
        assert!(!is_valid_uid(""));
    }
}
