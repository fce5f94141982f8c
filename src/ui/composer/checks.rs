//! The questions asked before a letter goes, as Thunderbird asks them: a letter without a
//! subject, and a letter whose words mention an attachment when nothing is attached (English
//! and Russian words; quoted lines and the signature do not count, they are not the person's
//! words of this letter).

use super::{Composer, Event};

/// A question asked before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendCheck {
    /// The subject is empty.
    NoSubject,
    /// The text mentions an attachment and none is attached.
    NoAttachment,
}

/// The beginnings of words that mention an attachment: "attached", "attachment", "enclosed";
/// «вложение», «во вложении», «прикрепил», «прикреплённый», «в приложении».
const ATTACHMENT_WORDS: [&str; 6] = ["attach", "enclos", "вложен", "прикреп", "приложен", "приложил"];

/// The first word of `text` that mentions an attachment, as written (None: none does).
pub fn mentioned_attachment(text: &str) -> Option<String> {
    let own_words = text
        .lines()
        // A signature starts at "-- " (RFC 3676 §4.3); nothing under it is the letter's own.
        .take_while(|line| line.trim_end() != "--")
        .filter(|line| !line.trim_start().starts_with('>'));
    for line in own_words {
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            let lower = word.to_lowercase();
            if ATTACHMENT_WORDS.iter().any(|stem| lower.starts_with(stem)) {
                return Some(word.to_string());
            }
        }
    }
    None
}

impl Composer {
    /// The question being asked before sending, if any.
    pub fn send_question(&self) -> Option<SendCheck> {
        self.confirm_send
    }

    /// Sends unless a check asks first. `answered`: the question the person answered with
    /// "send anyway" (that one and those before it are passed).
    pub(super) fn checked_send(&mut self, answered: Option<SendCheck>) -> Option<Event> {
        self.confirm_send = None;
        if answered.is_none() && self.draft.subject.trim().is_empty() {
            self.confirm_send = Some(SendCheck::NoSubject);
            return None;
        }
        let attachment_passed = answered == Some(SendCheck::NoAttachment);
        if !attachment_passed && self.draft.attachments.is_empty() && self.attachment_word().is_some() {
            self.confirm_send = Some(SendCheck::NoAttachment);
            return None;
        }
        Some(Event::Send(Box::new(self.composition())))
    }

    /// The word of the subject or the text that mentions an attachment.
    pub(super) fn attachment_word(&self) -> Option<String> {
        mentioned_attachment(&self.draft.subject).or_else(|| mentioned_attachment(&self.body.text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_words_are_found_in_english_and_russian_but_not_in_quotes_or_the_signature() {
        assert_eq!(mentioned_attachment("Hi,\nSee the attached file."), Some("attached".into()));
        assert_eq!(mentioned_attachment("Отчёт во вложении."), Some("вложении".into()));
        assert_eq!(mentioned_attachment("Прикрепляю договор"), Some("Прикрепляю".into()));
        assert_eq!(mentioned_attachment("Thanks!\n> see the attachment\n"), None, "a quoted line");
        assert_eq!(mentioned_attachment("Thanks!\n-- \nAttachments are scanned"), None, "the signature");
        assert_eq!(mentioned_attachment("No files today."), None);
    }
}
