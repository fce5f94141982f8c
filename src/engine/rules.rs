//! Applying the user's rules to a message on arrival (IMAP and POP3 alike): which rules match,
//! and what they add up to. Pure: the sync layers carry the outcome out (a local move for POP3,
//! queued operations for IMAP).

use crate::engine::store::MessageRecord;
use crate::model::{Rule, RuleField};

/// What the matching rules ask for, all together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOutcome {
    /// The first matching rule's folder wins.
    pub move_to: Option<String>,
    pub mark_read: bool,
    pub flag: bool,
    /// Any matching rule that deletes sends the message to Trash (over any move).
    pub delete: bool,
}

/// Every rule is tried in order; `raw_headers` is the message's header block (for `header` rules).
pub fn apply(rules: &[Rule], record: &MessageRecord, raw_headers: &[u8]) -> RuleOutcome {
    let mut outcome = RuleOutcome::default();
    for rule in rules.iter().filter(|rule| matches(rule, record, raw_headers)) {
        if outcome.move_to.is_none() {
            outcome.move_to = rule.move_to.clone().filter(|path| !path.trim().is_empty());
        }
        outcome.mark_read |= rule.mark_read;
        outcome.flag |= rule.flag;
        outcome.delete |= rule.delete;
    }
    outcome
}

/// Whether a rule can be saved: what it looks for, a header name when it reads a header, and
/// something to do. Err is the sentence that says what to fix (rule numbers count from 1).
pub fn validate(rules: &[Rule]) -> Result<(), String> {
    for (index, rule) in rules.iter().enumerate() {
        let number = index + 1;
        if rule.contains.trim().is_empty() {
            return Err(crate::fl!("error-rule-nothing-to-find", number = number));
        }
        if rule.field == RuleField::Header {
            let name = rule.header.as_deref().unwrap_or("").trim();
            // RFC 5322 §3.6.8: a field name is printable ASCII without the colon.
            if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b) && b != b':') {
                return Err(crate::fl!("error-rule-bad-header", number = number));
            }
        }
        let moves = rule.move_to.as_deref().is_some_and(|path| !path.trim().is_empty());
        if !(moves || rule.mark_read || rule.flag || rule.delete) {
            return Err(crate::fl!("error-rule-no-action", number = number));
        }
    }
    Ok(())
}

fn matches(rule: &Rule, record: &MessageRecord, raw_headers: &[u8]) -> bool {
    let needle = rule.contains.trim().to_lowercase();
    if needle.is_empty() {
        return false;
    }
    let haystack = match rule.field {
        RuleField::From => format!("{} {}", record.from_name, record.from_addr),
        RuleField::To => format!("{} {}", record.to_addrs, record.cc_addrs),
        RuleField::Subject => record.subject.clone(),
        RuleField::Header => match rule.header.as_deref() {
            Some(name) => header_values(raw_headers, name).join("\n"),
            None => return false,
        },
    };
    haystack.to_lowercase().contains(&needle)
}

/// The values of every header named `name` (RFC 5322 §2.2: case-insensitive names, folded lines
/// unfolded), read as UTF-8 with losses replaced. Encoded words are left as they are.
fn header_values(raw: &[u8], name: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(header_block(raw));
    let mut values: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split('\n').map(|line| line.trim_end_matches('\r')) {
        if line.starts_with([' ', '\t']) {
            if let Some(value) = current.as_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        values.extend(current.take());
        if let Some((field, value)) = line.split_once(':')
            && field.trim().eq_ignore_ascii_case(name)
        {
            current = Some(value.trim().to_string());
        }
    }
    values.extend(current);
    values
}

/// The bytes before the first empty line (the whole input if there is none).
pub fn header_block(raw: &[u8]) -> &[u8] {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n"))
        .unwrap_or(raw.len());
    raw.get(..end).unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(field: RuleField, contains: &str) -> Rule {
        Rule {
            name: String::new(),
            field,
            header: None,
            contains: contains.into(),
            move_to: None,
            mark_read: false,
            flag: false,
            delete: false,
        }
    }

    fn record() -> MessageRecord {
        MessageRecord {
            subject: "Счёт №42 за октябрь".into(),
            from_name: "Бухгалтерия".into(),
            from_addr: "billing@shop.example".into(),
            to_addrs: "ivan@example.org".into(),
            cc_addrs: "boss@example.org".into(),
            ..Default::default()
        }
    }

    const HEADERS: &[u8] = b"From: billing@shop.example\r\nList-Id: Shop news\r\n <news.shop.example>\r\nSubject: x\r\n\r\nList-Id: body\r\n";

    #[test]
    fn each_field_matches_ignoring_case() {
        let r = record();
        assert!(matches(&rule(RuleField::Subject, "СЧЁТ"), &r, HEADERS));
        assert!(matches(&rule(RuleField::From, "Billing@"), &r, HEADERS));
        assert!(matches(&rule(RuleField::To, "boss@"), &r, HEADERS));
        assert!(!matches(&rule(RuleField::To, "billing"), &r, HEADERS));
        let mut list = rule(RuleField::Header, "news.shop.example");
        list.header = Some("list-id".into());
        assert!(matches(&list, &r, HEADERS), "folded header value");
        list.contains = "body".into();
        assert!(!matches(&list, &r, HEADERS), "the body is not a header");
        assert!(!matches(&rule(RuleField::Subject, "  "), &r, HEADERS), "an empty rule matches nothing");
    }

    #[test]
    fn outcomes_add_up_and_the_first_move_wins() {
        let mut first = rule(RuleField::Subject, "счёт");
        first.move_to = Some("Bills".into());
        let mut second = rule(RuleField::From, "shop");
        second.move_to = Some("Shops".into());
        second.mark_read = true;
        let third = rule(RuleField::Subject, "no such words");
        let outcome = apply(&[first, second, third], &record(), HEADERS);
        assert_eq!(outcome, RuleOutcome { move_to: Some("Bills".into()), mark_read: true, flag: false, delete: false });
        assert_eq!(apply(&[], &record(), HEADERS), RuleOutcome::default());
    }

    #[test]
    fn a_rule_without_a_needle_a_header_name_or_an_action_is_refused_with_its_number() {
        let mut good = rule(RuleField::Subject, "счёт");
        good.move_to = Some("Bills".into());
        assert_eq!(validate(std::slice::from_ref(&good)), Ok(()));
        let blank = Rule { contains: "  ".into(), ..good.clone() };
        assert!(validate(&[good.clone(), blank]).unwrap_err().contains('2'));
        let nameless = Rule { field: RuleField::Header, header: Some("List Id:".into()), ..good.clone() };
        assert!(validate(&[nameless]).is_err());
        let named = Rule { field: RuleField::Header, header: Some("List-Id".into()), ..good.clone() };
        assert_eq!(validate(&[named]), Ok(()));
        let idle = Rule { move_to: Some(" ".into()), ..good };
        assert!(validate(&[idle]).is_err());
    }
}
