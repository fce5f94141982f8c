//! Address suggestions under a recipients field: which entry is being typed (the text after the
//! last comma or semicolon), the list and its highlighted row, and putting the chosen address in
//! place of what was typed.

use crate::engine::api::KnownAddress;

/// The recipient fields that complete addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    To,
    Cc,
    Bcc,
}

impl Field {
    /// The field's widget id (tests click it to type).
    pub fn widget_id(self) -> &'static str {
        match self {
            Field::To => "composer-to",
            Field::Cc => "composer-cc",
            Field::Bcc => "composer-bcc",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Completion {
    pub field: Field,
    pub suggestions: Vec<KnownAddress>,
    pub selected: usize,
}

impl Completion {
    pub fn new(field: Field, suggestions: Vec<KnownAddress>) -> Completion {
        Completion { field, suggestions, selected: 0 }
    }

    /// Moves the highlight, wrapping at either end.
    pub fn step(&mut self, by: isize) {
        let count = self.suggestions.len() as isize;
        if count > 0 {
            self.selected = (self.selected as isize + by).rem_euclid(count) as usize;
        }
    }

    /// The suggestion clicked (`index`) or highlighted.
    pub fn chosen(&self, index: Option<usize>) -> Option<&KnownAddress> {
        self.suggestions.get(index.unwrap_or(self.selected))
    }
}

/// The entry being typed: after the last separator, without leading spaces.
pub fn typed_entry(field: &str) -> &str {
    let start = field.rfind([',', ';']).map_or(0, |at| at + 1);
    field[start..].trim_start()
}

/// The field with its last entry replaced by `address`, ready for the next one.
pub fn with_entry_replaced(field: &str, address: &str) -> String {
    let kept = field.rfind([',', ';']).map_or("", |at| &field[..=at]);
    if kept.is_empty() { format!("{address}, ") } else { format!("{kept} {address}, ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_entry_is_the_one_completed_and_replaced() {
        assert_eq!(typed_entry("bor"), "bor");
        assert_eq!(typed_entry("Anna <anna@example.org>, bor"), "bor");
        assert_eq!(typed_entry("anna@example.org; "), "");
        assert_eq!(with_entry_replaced("bor", "Boris <b@example.org>"), "Boris <b@example.org>, ");
        assert_eq!(
            with_entry_replaced("anna@example.org, bor", "Boris <b@example.org>"),
            "anna@example.org, Boris <b@example.org>, "
        );
    }

    #[test]
    fn the_highlight_wraps_around() {
        let known = |email: &str| KnownAddress { name: String::new(), email: email.into(), uses: 1, last_used: 0 };
        let mut completion = Completion::new(Field::To, vec![known("a@x.org"), known("b@x.org")]);
        completion.step(-1);
        assert_eq!(completion.chosen(None).unwrap().email, "b@x.org");
        completion.step(1);
        assert_eq!(completion.chosen(None).unwrap().email, "a@x.org");
        assert_eq!(completion.chosen(Some(1)).unwrap().email, "b@x.org");
    }
}
