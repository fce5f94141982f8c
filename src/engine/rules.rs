//! Applying the user's rules to a message (on arrival, IMAP and POP3 alike, and "Run now" on a
//! folder): which rules match, and what they add up to. Pure: the callers carry the outcome out
//! (a local move for POP3, queued operations for IMAP). Every comparison ignores case; "matches"
//! is a wildcard pattern (`*`, `?`) over the whole value, bounded in length so a rule can never
//! make matching slow.

use crate::engine::store::MessageRecord;
use crate::model::{Condition, Rule, RuleField, RuleTest};

/// The longest "matches" pattern, in characters: matching costs at most its length times the
/// value's, and nobody writes a longer one by hand.
pub const MAX_PATTERN: usize = 200;

/// What the matching rules ask for, all together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RuleOutcome {
    /// The first matching rule's folder wins.
    pub move_to: Option<String>,
    /// Every folder a matching rule puts a copy in, in rule order, once each.
    pub copy_to: Vec<String>,
    pub mark_read: bool,
    pub flag: bool,
    /// IMAP keywords to set, once each.
    pub tags: Vec<String>,
    /// Any matching rule that deletes sends the message to Trash (over any move).
    pub delete: bool,
}

/// The enabled rules are tried in order until one that matched says "stop here";
/// `raw_headers` is the message's header block (for header conditions).
pub fn apply(rules: &[Rule], record: &MessageRecord, raw_headers: &[u8]) -> RuleOutcome {
    let mut outcome = RuleOutcome::default();
    for rule in rules.iter().filter(|rule| rule.enabled) {
        if !matches(rule, record, raw_headers) {
            continue;
        }
        if outcome.move_to.is_none() {
            outcome.move_to = rule.move_to.clone().filter(|path| !path.trim().is_empty());
        }
        for path in rule.copy_to.iter().map(|path| path.trim()).filter(|path| !path.is_empty()) {
            if !outcome.copy_to.iter().any(|known| known == path) {
                outcome.copy_to.push(path.to_string());
            }
        }
        for tag in rule.tag.iter().map(|tag| tag.trim()).filter(|tag| !tag.is_empty()) {
            if !outcome.tags.iter().any(|known| known.eq_ignore_ascii_case(tag)) {
                outcome.tags.push(tag.to_string());
            }
        }
        outcome.mark_read |= rule.mark_read;
        outcome.flag |= rule.flag;
        outcome.delete |= rule.delete;
        if rule.stop {
            break;
        }
    }
    outcome
}

/// Whether a rule list can be saved: each rule has conditions that say what to look for (a valid
/// header name, a pattern of bounded length), a valid tag, and something to do. Err is the
/// sentence that says what to fix (rules count from 1).
pub fn validate(rules: &[Rule]) -> Result<(), String> {
    for (index, rule) in rules.iter().enumerate() {
        let number = index + 1;
        if rule.conditions.is_empty() {
            return Err(crate::fl!("error-rule-no-condition", number = number));
        }
        for condition in &rule.conditions {
            check_condition(condition, number)?;
        }
        if let Some(tag) = rule.tag.as_deref().map(str::trim).filter(|tag| !tag.is_empty())
            && !is_keyword(tag)
        {
            return Err(crate::fl!("error-rule-bad-tag", number = number, tag = tag.to_string()));
        }
        let named = |path: &Option<String>| path.as_deref().is_some_and(|path| !path.trim().is_empty());
        if named(&rule.move_to) && rule.delete {
            return Err(crate::fl!("error-rule-move-and-delete", number = number));
        }
        let tags = named(&rule.tag);
        if !(named(&rule.move_to)
            || named(&rule.copy_to)
            || tags
            || rule.mark_read
            || rule.flag
            || rule.delete
            || rule.stop)
        {
            return Err(crate::fl!("error-rule-no-action", number = number));
        }
    }
    Ok(())
}

fn check_condition(condition: &Condition, number: usize) -> Result<(), String> {
    let value = condition.value.trim();
    if value.is_empty() || (condition.test == RuleTest::Matches && value.chars().all(|c| c == '*')) {
        return Err(crate::fl!("error-rule-nothing-to-find", number = number));
    }
    if condition.test == RuleTest::Matches && value.chars().count() > MAX_PATTERN {
        return Err(crate::fl!("error-rule-pattern-too-long", number = number, max = MAX_PATTERN));
    }
    if condition.field == RuleField::Header {
        let name = condition.header.as_deref().unwrap_or("").trim();
        // RFC 5322 §3.6.8: a field name is printable ASCII without the colon.
        if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b) && b != b':') {
            return Err(crate::fl!("error-rule-bad-header", number = number));
        }
    }
    Ok(())
}

/// RFC 3501 §9: `flag-keyword = atom`, and an atom has no space, control, `(){%*"\]`; a
/// leading `\` would make it a system flag.
pub fn is_keyword(tag: &str) -> bool {
    !tag.is_empty() && tag.len() <= 100 && tag.bytes().all(|b| (33..=126).contains(&b) && !b"(){%*\"\\]".contains(&b))
}

fn matches(rule: &Rule, record: &MessageRecord, raw_headers: &[u8]) -> bool {
    if rule.conditions.is_empty() {
        return false;
    }
    let mut results = rule.conditions.iter().map(|condition| holds(condition, record, raw_headers));
    if rule.match_any { results.any(|held| held) } else { results.all(|held| held) }
}

/// Whether one condition holds: any one of the field's values passes the test.
fn holds(condition: &Condition, record: &MessageRecord, raw_headers: &[u8]) -> bool {
    let wanted = condition.value.trim().to_lowercase();
    if wanted.is_empty() {
        return false;
    }
    let values: Vec<String> = match condition.field {
        RuleField::From => {
            vec![
                record.from_addr.clone(),
                record.from_name.clone(),
                format!("{} <{}>", record.from_name, record.from_addr),
            ]
        }
        RuleField::To => recipients(&record.to_addrs).chain(recipients(&record.cc_addrs)).collect(),
        RuleField::Subject => vec![record.subject.clone()],
        RuleField::Header => match condition.header.as_deref() {
            Some(name) => header_values(raw_headers, name.trim()),
            None => return false,
        },
    };
    values.iter().map(|value| value.trim().to_lowercase()).any(|value| match condition.test {
        RuleTest::Contains => value.contains(&wanted),
        RuleTest::Is => value == wanted,
        RuleTest::StartsWith => value.starts_with(&wanted),
        RuleTest::Matches => glob(&wanted, &value),
    })
}

/// Each recipient of a stored list ("Name <addr>, addr"), whole and as its bare address, so
/// "is" and "starts with" can name either.
fn recipients(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',').map(str::trim).filter(|entry| !entry.is_empty()).flat_map(|entry| {
        let address =
            entry.rsplit_once('<').and_then(|(_, rest)| rest.split_once('>')).map(|(addr, _)| addr.to_string());
        std::iter::once(entry.to_string()).chain(address)
    })
}

/// Wildcard matching of the whole `text`: `*` any run of characters, `?` exactly one. Greedy
/// with one remembered star (the classic two-pointer walk): at most pattern × text steps.
fn glob(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().take(MAX_PATTERN).collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || text.get(t) == Some(&c) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern.get(p..).is_some_and(|rest| rest.iter().all(|&c| c == '*'))
}

/// The values of every header named `name` (RFC 5322 §2.2: case-insensitive names, folded lines
/// unfolded), read as UTF-8 with losses replaced. Encoded words are left as they are.
fn header_values(raw: &[u8], name: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(crate::engine::mime::header_block(raw));
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

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
