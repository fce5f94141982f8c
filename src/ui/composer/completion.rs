//! Address suggestions for a recipients field: the list for the address being typed and its
//! highlighted row.

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

    /// The field's place in the Tab order.
    pub fn slot(self) -> super::Slot {
        match self {
            Field::To => super::Slot::To,
            Field::Cc => super::Slot::Cc,
            Field::Bcc => super::Slot::Bcc,
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

#[cfg(test)]
mod tests {
    use super::*;

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
