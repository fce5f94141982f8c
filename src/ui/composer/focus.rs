//! Moving through the composer with the keyboard: the Tab order (From, To, Cc, Bcc, Subject,
//! the text, Attach, Send; Shift+Tab back), where the caret starts, and which field Ctrl+Z,
//! Enter and the arrows act on. Text fields hold real keyboard focus (iced's focus operation);
//! From, Attach and Send cannot, so the composer keeps them as its own focus, drawn as a
//! highlighted control, that Enter or Space presses and Up/Down change (the sender).
//!
//! The composer keeps its own record of the focus: the field last typed into or reached with
//! Tab, so keys pressed quickly one after another (Tab Tab) act in order. A click tells the app
//! nothing about which field took focus, so after each click in the window the composer asks the
//! window (an iced operation) and updates its record from the answer.

use super::{Composer, Event, Message};
use crate::ui::composer::Field;

/// A place in the Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    From,
    To,
    Cc,
    Bcc,
    Subject,
    Body,
    Attach,
    Send,
}

/// What a key asks for, once the focused field is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Tab (`true`: Shift+Tab, backwards).
    Tab(bool),
    /// Enter or Space: press the focused button.
    Activate,
    Undo,
    Redo,
    /// Up or Down on the sender: the next or previous one.
    Step(isize),
}

/// The order Tab follows.
pub const ORDER: [Slot; 8] =
    [Slot::From, Slot::To, Slot::Cc, Slot::Bcc, Slot::Subject, Slot::Body, Slot::Attach, Slot::Send];

/// The focused text field is asked for with this id when a control without real focus has it:
/// no widget has the id, so focusing it takes focus from every field.
const NO_FIELD: &str = "composer-no-field";

impl Slot {
    /// The widget id of a text field (None: a control focused by the composer itself).
    pub fn widget_id(self) -> Option<&'static str> {
        match self {
            Slot::To => Some(Field::To.widget_id()),
            Slot::Cc => Some(Field::Cc.widget_id()),
            Slot::Bcc => Some(Field::Bcc.widget_id()),
            Slot::Subject => Some("composer-subject"),
            Slot::Body => Some("composer-body"),
            Slot::From | Slot::Attach | Slot::Send => None,
        }
    }

    /// The id to give iced's focus operation.
    pub fn focus_id(self) -> &'static str {
        self.widget_id().unwrap_or(NO_FIELD)
    }

    /// The next place in the Tab order, wrapping around (`back`: the previous one).
    pub fn next(self, back: bool) -> Slot {
        let at = ORDER.iter().position(|s| *s == self).unwrap_or(0);
        let count = ORDER.len();
        ORDER[if back { (at + count - 1) % count } else { (at + 1) % count }]
    }

    /// The text fields, whose focus the window can be asked about.
    pub fn text_fields() -> impl Iterator<Item = Slot> {
        ORDER.into_iter().filter(|slot| slot.widget_id().is_some())
    }

    pub(super) fn recipients(self) -> Option<Field> {
        match self {
            Slot::To => Some(Field::To),
            Slot::Cc => Some(Field::Cc),
            Slot::Bcc => Some(Field::Bcc),
            _ => None,
        }
    }
}

impl Composer {
    /// Where the caret starts: the first recipients field of a new letter, the text of a reply
    /// (its recipients are filled in).
    pub fn initial_focus(&self) -> Slot {
        if self.to.value.list().is_empty() { Slot::To } else { Slot::Body }
    }

    /// The control the composer itself shows as focused (From, Attach or Send), if any.
    pub fn control_focus(&self) -> Option<Slot> {
        Some(self.focus).filter(|slot| slot.widget_id().is_none())
    }

    /// The focused field is known (`found`, else the composer's own record): do what the key
    /// asked.
    pub(super) fn act(&mut self, intent: Intent, found: Option<Slot>) -> Option<Event> {
        let at = found.unwrap_or(self.focus);
        self.move_focus(at);
        match intent {
            Intent::Tab(back) => {
                self.move_focus(at.next(back));
                Some(Event::Focus(self.focus))
            }
            Intent::Activate => match at {
                Slot::Send => self.update(Message::Send),
                Slot::Attach => Some(Event::PickFiles),
                _ => None,
            },
            Intent::Undo => {
                self.undo(at, false);
                None
            }
            Intent::Redo => {
                self.undo(at, true);
                None
            }
            Intent::Step(by) if at == Slot::From => {
                self.next_account(by);
                None
            }
            Intent::Step(_) => None,
        }
    }

    /// Undo (or redo) in the field at `slot`.
    fn undo(&mut self, slot: Slot, redo: bool) {
        let changed = if let Some(field) = slot.recipients() {
            let field = self.recipients_mut(field);
            let now = field.value.clone();
            let earlier = if redo { field.history.redo(now) } else { field.history.undo(now) };
            earlier.map(|value| field.value = value).is_some()
        } else if slot == Slot::Subject {
            let now = self.draft.subject.clone();
            let earlier = if redo { self.subject_history.redo(now) } else { self.subject_history.undo(now) };
            earlier.map(|value| self.draft.subject = value).is_some()
        } else if slot == Slot::Body {
            let now = self.body_state();
            let earlier = if redo { self.body_history.redo(now) } else { self.body_history.undo(now) };
            earlier.map(|(text, cursor)| self.restore_body(&text, cursor)).is_some()
        } else {
            false
        };
        if changed {
            self.completion = None;
            self.edited();
        }
    }

    fn next_account(&mut self, by: isize) {
        let count = self.senders.len() as isize;
        let now = self.sender();
        let Some(at) = self.senders.iter().position(|s| *s == now) else { return };
        if count > 1 {
            let next = (at as isize + by).rem_euclid(count) as usize;
            let _ = self.update(Message::From(self.senders[next].clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_through_every_field_and_shift_tab_comes_back() {
        let mut slot = Slot::From;
        let mut seen = vec![slot];
        for _ in 1..ORDER.len() {
            slot = slot.next(false);
            seen.push(slot);
        }
        assert_eq!(seen, ORDER);
        assert_eq!(Slot::Send.next(false), Slot::From, "wraps around");
        assert_eq!(Slot::Body.next(true), Slot::Subject);
        assert_eq!(Slot::From.next(true), Slot::Send);
    }
}
