//! Address completion: the people in the cache (senders and recipients, the Sent folder
//! included) whose name or address starts with what is being typed, the most used first.

use super::{EngineError, EngineHandle};
use crate::engine::compose::parse_mailbox_list_lenient;
use crate::engine::store::AddressRow;

/// How many suggestions the composer shows.
pub const SUGGESTIONS: usize = 8;
/// How many of the newest matching messages are read to count uses: enough to rank the people
/// one writes with, bounded so a one-letter prefix over a huge cache stays quick.
const CANDIDATE_MESSAGES: usize = 2000;

/// A person the cache knows, with how often and how recently they appeared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAddress {
    pub name: String,
    pub email: String,
    pub uses: u32,
    pub last_used: i64,
}

impl std::fmt::Display for KnownAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() { f.write_str(&self.email) } else { write!(f, "{} <{}>", self.name, self.email) }
    }
}

impl EngineHandle {
    /// Up to eight known addresses whose address, name, or a word of the name starts with
    /// `typed` (case-insensitive), the most used first, then the most recent.
    pub fn known_addresses(&self, typed: &str) -> Result<Vec<KnownAddress>, EngineError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self.inner.store.address_rows(typed, CANDIDATE_MESSAGES)?;
        Ok(rank_addresses(typed, &rows, SUGGESTIONS))
    }
}

/// Picks the matching addresses out of the rows and ranks them; one entry per address (any
/// case), named after its most recent non-empty name.
fn rank_addresses(typed: &str, rows: &[AddressRow], limit: usize) -> Vec<KnownAddress> {
    let typed = typed.to_lowercase();
    let mut known: Vec<KnownAddress> = Vec::new();
    for row in rows {
        let mut people = vec![(row.from_name.clone(), row.from_addr.clone())];
        let listed = parse_mailbox_list_lenient(&[row.to_addrs.clone(), row.cc_addrs.clone()]);
        people.extend(listed.into_iter().map(|m| (m.name, m.email)));
        for (name, email) in people {
            if email.is_empty() || !matches(&typed, &name, &email) {
                continue;
            }
            match known.iter_mut().find(|k| k.email.eq_ignore_ascii_case(&email)) {
                Some(entry) => {
                    entry.uses += 1;
                    // Rows come newest first: the first name seen is the most recent one.
                    if entry.name.is_empty() {
                        entry.name = name;
                    }
                    entry.last_used = entry.last_used.max(row.date);
                }
                None => known.push(KnownAddress { name, email, uses: 1, last_used: row.date }),
            }
        }
    }
    known.sort_by(|a, b| b.uses.cmp(&a.uses).then(b.last_used.cmp(&a.last_used)));
    known.truncate(limit);
    known
}

fn matches(typed: &str, name: &str, email: &str) -> bool {
    let name = name.to_lowercase();
    email.to_lowercase().starts_with(typed)
        || name.starts_with(typed)
        || name.split(|c: char| !c.is_alphanumeric()).any(|word| word.starts_with(typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(from: (&str, &str), to: &str, date: i64) -> AddressRow {
        AddressRow {
            from_name: from.0.into(),
            from_addr: from.1.into(),
            to_addrs: to.into(),
            cc_addrs: String::new(),
            date,
        }
    }

    #[test]
    fn the_most_used_address_comes_first_and_each_address_once() {
        let rows = [
            row(("Me", "me@example.org"), "Ivan Petrov <ivan@example.org>, Iva <iva@example.net>", 300),
            row(("", "IVAN@example.org"), "me@example.org", 200),
            row(("Иван", "ivan@example.org"), "me@example.org", 100),
            row(("Boris", "boris@example.org"), "me@example.org", 50),
        ];
        let found = rank_addresses("iva", &rows, 8);
        let emails: Vec<&str> = found.iter().map(|k| k.email.as_str()).collect();
        assert_eq!(emails, ["ivan@example.org", "iva@example.net"]);
        assert_eq!(found[0].uses, 3);
        assert_eq!(found[0].name, "Ivan Petrov", "the most recent name");
        assert_eq!(found[0].last_used, 300);
        assert_eq!(rank_addresses("petr", &rows, 8)[0].email, "ivan@example.org", "a word of the name");
        assert_eq!(rank_addresses("ива", &rows, 8)[0].name, "Иван", "Cyrillic names, any case");
        assert_eq!(rank_addresses("iva", &rows, 1).len(), 1, "the limit holds");
    }
}
