//! The preview line of the two-line message list: the first words a letter says, as Geary and
//! Thunderbird's card view show them. Quoted lines, attribution lines ("On … wrote:") and the
//! signature are left out, whitespace is folded, and characters that could reorder or hide the
//! text around them are dropped (issue 22's reader safety applies to the list too).

use super::{EngineError, EngineHandle};
use crate::model::MessageId;
use std::collections::HashMap;

/// Characters a preview keeps at most (more never fits a list row).
const PREVIEW_CHARS: usize = 160;

impl EngineHandle {
    /// Previews of the letters whose text is cached (the others have none yet).
    pub fn previews(&self, ids: &[MessageId]) -> Result<HashMap<MessageId, String>, EngineError> {
        Ok(self
            .inner
            .store
            .text_heads(ids)?
            .into_iter()
            .map(|(id, head)| (id, preview_of(&String::from_utf8_lossy(&head))))
            .filter(|(_, preview)| !preview.is_empty())
            .collect())
    }
}

/// The letter's first own words, on one line.
pub fn preview_of(text: &str) -> String {
    let mut words = String::new();
    for line in text.lines() {
        let line = line.trim();
        // The signature starts here (RFC 3676 4.3 "-- ").
        if line == "--" {
            break;
        }
        if line.starts_with('>') || is_attribution(line) {
            continue;
        }
        words.push(' ');
        words.push_str(line);
        if words.chars().count() >= PREVIEW_CHARS * 2 {
            break;
        }
    }
    let words = crate::engine::mime::names::display_text(&words);
    match words.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", words[..cut].trim_end()),
        None => words,
    }
}

/// "On Mon, 7 Dec 2026, Anna wrote:" / "7 дек. 2026 г., Анна пишет:" introduce a quote.
fn is_attribution(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.ends_with(':') && ["wrote", "написал", "пишет", "schrieb", "a écrit"].iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::preview_of;

    #[test]
    fn a_preview_is_the_letters_own_first_words_on_one_line() {
        let text = "Hi Anna,\n\nthe report   is ready.\n\nOn Mon, 7 Dec 2026, Anna wrote:\n> old text\n-- \nBoris";
        assert_eq!(preview_of(text), "Hi Anna, the report is ready.");
    }

    #[test]
    fn russian_attributions_and_quotes_are_left_out() {
        let text = "7 дек. 2026 г., Анна пишет:\n> вопрос\nОтвечаю: да.";
        assert_eq!(preview_of(text), "Отвечаю: да.");
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_with_an_ellipsis() {
        let preview = preview_of(&"ёж ".repeat(200));
        assert!(preview.chars().count() <= 161, "160 characters and the ellipsis");
        assert!(preview.ends_with('…'));
    }

    #[test]
    fn controls_and_direction_marks_never_reach_the_list() {
        assert_eq!(preview_of("pay\u{202e}lmth.exe\u{7} now"), "paylmth.exe now");
    }
}
