//! A recipients field as the person sees it: finished addresses as tokens (chips) that are added,
//! removed and undone whole, and the address being typed after them. A comma or a semicolon
//! finishes an address; a taken suggestion becomes a token at once, so the next address starts
//! in an empty entry and cannot land in the middle of the last one.

use super::undo::History;
use crate::engine::api::{parse_mailbox, split_typed};

/// One field's tokens and its unfinished entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recipients {
    pub chips: Vec<String>,
    pub entry: String,
}

impl Recipients {
    /// Tokens for every address of `list` (an entry may hold several).
    pub fn from_list(list: &[String]) -> Recipients {
        let mut recipients = Recipients::default();
        for entry in list {
            let (done, rest) = split_typed(&format!("{entry},"));
            debug_assert!(rest.is_empty());
            done.into_iter().for_each(|address| recipients.push(address));
        }
        recipients
    }

    /// Every address: the tokens, then what is still being typed.
    pub fn list(&self) -> Vec<String> {
        let mut list = self.chips.clone();
        let entry = self.entry.trim();
        if !entry.is_empty() {
            list.push(entry.to_string());
        }
        list
    }

    /// The entry as the field now holds it. Finished addresses become tokens; an empty field
    /// that was already empty is Backspace at the start, which takes the last token away.
    /// Returns whether tokens changed (a step of its own for undo).
    pub fn typed(&mut self, value: &str) -> bool {
        if value.is_empty() && self.entry.is_empty() {
            return self.chips.pop().is_some();
        }
        let (done, rest) = split_typed(value);
        let changed = !done.is_empty();
        done.into_iter().for_each(|address| self.push(address));
        self.entry = rest;
        changed
    }

    /// A suggestion taken: a token in place of what was typed.
    pub fn accept(&mut self, address: String) {
        self.push(address);
        self.entry.clear();
    }

    pub fn remove(&mut self, index: usize) {
        if index < self.chips.len() {
            self.chips.remove(index);
        }
    }

    /// The same address twice in a field is never meant (and typing over a field that still
    /// shows a finished address must not repeat it).
    fn push(&mut self, address: String) {
        let key =
            |text: &str| parse_mailbox(text).map(|m| m.email.to_lowercase()).unwrap_or_else(|_| text.to_lowercase());
        let new = key(&address);
        if !self.chips.iter().any(|chip| key(chip) == new) {
            self.chips.push(address);
        }
    }
}

/// Whether a token reads as an address (shown in red when not).
pub fn is_valid(chip: &str) -> bool {
    parse_mailbox(chip).is_ok()
}

/// A recipients field with its undo history.
#[derive(Debug, Clone, Default)]
pub struct RecipientsField {
    pub value: Recipients,
    pub history: History<Recipients>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_finishes_an_address_and_quoted_commas_do_not() {
        let mut field = Recipients::default();
        assert!(!field.typed("\"Petrov, Ivan\" <ivan@example.org"));
        assert!(field.typed("\"Petrov, Ivan\" <ivan@example.org>, an"));
        assert_eq!(field.chips, ["\"Petrov, Ivan\" <ivan@example.org>"]);
        assert_eq!(field.entry, "an");
        field.accept("Anna <anna@example.org>".into());
        assert_eq!(field.list(), ["\"Petrov, Ivan\" <ivan@example.org>", "Anna <anna@example.org>"]);
        assert!(field.entry.is_empty(), "the next address starts in an empty entry");
    }

    #[test]
    fn backspace_in_an_empty_entry_removes_the_last_token_whole() {
        let mut field = Recipients::from_list(&["a@example.org, b@example.org".into()]);
        assert_eq!(field.chips.len(), 2);
        assert!(!field.typed("c") && !field.typed(""), "erasing typed text keeps the tokens");
        assert!(field.typed(""), "Backspace again at an empty entry");
        assert_eq!(field.chips, ["a@example.org"]);
    }

    #[test]
    fn repeated_addresses_are_kept_once_and_bad_ones_are_marked() {
        let mut field = Recipients::default();
        field.typed("a@example.org, A@Example.org; oops,");
        assert_eq!(field.chips, ["a@example.org", "oops"]);
        assert!(is_valid(&field.chips[0]) && !is_valid(&field.chips[1]));
    }
}
