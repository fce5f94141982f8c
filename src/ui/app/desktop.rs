//! What the desktop asks of the running window: a later `pochta` start forwarded here (bring the
//! window to the front, or open a composer on a `mailto:` link).

use super::{App, Message};
use crate::platform::single_instance::Forwarded;
use crate::ui::composer;
use iced::{Task, window};

impl App {
    pub(super) fn on_forwarded(&mut self, forwarded: Forwarded) -> Task<Message> {
        if let Forwarded::Compose(draft) = forwarded {
            // A letter being written is kept as a draft, never replaced unseen.
            if self.composer.as_ref().is_some_and(|open| has_content(&open.composition())) {
                let _ = self.on_composer(composer::Message::SaveDraft);
            }
            self.accounts = None;
            self.import = None;
            self.compose_mailto(draft);
        }
        bring_to_front()
    }
}

fn has_content(letter: &crate::engine::api::Composition) -> bool {
    !(letter.to.is_empty()
        && letter.cc.is_empty()
        && letter.bcc.is_empty()
        && letter.subject.trim().is_empty()
        && letter.body.trim().is_empty()
        && letter.attachments.is_empty())
}

/// Un-minimises and focuses the window (the window manager may only flash it instead).
fn bring_to_front() -> Task<Message> {
    window::latest().then(|id| match id {
        Some(id) => Task::batch([
            window::minimize(id, false),
            window::gain_focus(id),
            window::request_user_attention(id, Some(window::UserAttention::Informational)),
        ]),
        None => Task::none(),
    })
}
