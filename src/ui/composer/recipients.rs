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

    /// The field is left (Tab, a click elsewhere): what was typed becomes tokens, as a comma
    /// would make it. Returns whether tokens changed.
    pub fn finish(&mut self) -> bool {
        if self.entry.trim().is_empty() {
            return false;
        }
        let entry = std::mem::take(&mut self.entry);
        let (done, rest) = split_typed(&format!("{entry},"));
        done.into_iter().for_each(|address| self.push(address));
        self.entry = rest;
        true
    }

    /// Token `index` back into the entry, to be corrected; what was being typed there becomes
    /// a token first, so nothing typed is lost.
    pub fn edit(&mut self, index: usize) -> bool {
        if index >= self.chips.len() {
            return false;
        }
        let chip = self.chips.remove(index);
        self.finish();
        self.entry = chip;
        true
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

/// What a token shows, and the whole address for its tooltip: the name when the address has
/// one (`"Jensen, Mark" <mark@x.org>` shows `Jensen, Mark`), else the address; a token that
/// is not an address shows as typed.
pub fn shown(chip: &str) -> (String, Option<String>) {
    match parse_mailbox(chip) {
        Ok(mailbox) if !mailbox.name.is_empty() => (mailbox.name, Some(mailbox.email)),
        Ok(mailbox) => (mailbox.email, None),
        Err(_) => (chip.trim().to_string(), None),
    }
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
    fn leaving_the_field_makes_its_text_a_token_and_a_token_comes_back_for_editing() {
        let mut field = Recipients::from_list(&["a@example.org".into()]);
        field.typed("c@d.org");
        assert!(field.finish());
        assert_eq!((field.chips.clone(), field.entry.as_str()), (vec!["a@example.org".into(), "c@d.org".into()], ""));
        assert!(!field.finish(), "nothing typed, nothing to finish");
        field.typed("half");
        assert!(field.edit(0));
        assert_eq!(field.chips, ["c@d.org", "half"], "what was typed is kept as a token");
        assert_eq!(field.entry, "a@example.org", "the token is text again");
        assert!(!field.edit(7));
    }

    #[test]
    fn a_token_shows_the_name_and_keeps_the_address_for_its_tooltip() {
        assert_eq!(shown("\"Jensen, Mark\" <mark@x.org>"), ("Jensen, Mark".into(), Some("mark@x.org".into())));
        assert_eq!(shown("mark@x.org"), ("mark@x.org".into(), None));
        assert_eq!(shown(" oops "), ("oops".into(), None));
    }

    #[test]
    fn repeated_addresses_are_kept_once_and_bad_ones_are_marked() {
        let mut field = Recipients::default();
        field.typed("a@example.org, A@Example.org; oops,");
        assert_eq!(field.chips, ["a@example.org", "oops"]);
        assert!(is_valid(&field.chips[0]) && !is_valid(&field.chips[1]));
    }
}
