//! Undo and redo for one field of the composer: the states before each change, with quick
//! typing grouped into one step (a word typed in one go is undone at once, as in other editors).

use std::time::{Duration, Instant};

/// Changes closer together than this are one step.
const GROUP_WITHIN: Duration = Duration::from_millis(800);
/// Older steps are forgotten beyond this many.
const MAX_STEPS: usize = 200;

/// The earlier and the undone states of one field.
#[derive(Debug, Clone)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    last_change: Option<Instant>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new(), last_change: None }
    }
}

impl<T: Clone + PartialEq> History<T> {
    /// The field is about to change from `before`. `separate`: this change is a step of its own
    /// (an address taken from the suggestions, a removed recipient) even right after typing.
    pub fn record(&mut self, before: &T, separate: bool) {
        let now = Instant::now();
        let grouped = !separate && self.last_change.is_some_and(|at| now.saturating_duration_since(at) < GROUP_WITHIN);
        self.last_change = if separate { None } else { Some(now) };
        self.redo.clear();
        if grouped || self.undo.last() == Some(before) {
            return;
        }
        self.undo.push(before.clone());
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// The state before the last step, given the state now (kept for redo).
    pub fn undo(&mut self, now: T) -> Option<T> {
        let earlier = self.undo.pop()?;
        self.redo.push(now);
        self.last_change = None;
        Some(earlier)
    }

    /// The state the last undo left, given the state now.
    pub fn redo(&mut self, now: T) -> Option<T> {
        let later = self.redo.pop()?;
        self.undo.push(now);
        self.last_change = None;
        Some(later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_typing_is_one_step_and_redo_brings_it_back() {
        let mut history = History::default();
        for before in ["", "h", "hi"] {
            history.record(&before.to_string(), false);
        }
        assert_eq!(history.undo("hi!".to_string()).as_deref(), Some(""), "the word typed in one go goes at once");
        assert_eq!(history.redo(String::new()).as_deref(), Some("hi!"));
        assert_eq!(history.redo("hi!".into()), None, "nothing more to redo");
    }

    #[test]
    fn a_separate_change_is_its_own_step_and_a_new_edit_forgets_redo() {
        let mut history = History::default();
        history.record(&"a".to_string(), false);
        history.record(&"ab".to_string(), true);
        assert_eq!(history.undo("ab, c".to_string()).as_deref(), Some("ab"));
        history.record(&"ab".to_string(), false);
        assert_eq!(history.redo("abx".into()), None, "typing after undo drops the redo steps");
        assert_eq!(history.undo("abx".to_string()).as_deref(), Some("ab"));
        assert_eq!(history.undo("ab".to_string()).as_deref(), Some("a"));
    }
}
