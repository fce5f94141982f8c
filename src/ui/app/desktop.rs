//! What the desktop asks of the running window: a later `pochta` start forwarded here (bring the
//! window to the front, or open a composer on a `mailto:` link).

use super::{App, Message};
use crate::platform::single_instance::Forwarded;
use iced::{Task, window};

impl App {
    pub(super) fn on_forwarded(&mut self, forwarded: Forwarded) -> Task<Message> {
        let front = self.windows.main.map_or_else(Task::none, bring_to_front);
        match forwarded {
            // Each letter has its own window, so one being written is never replaced.
            Forwarded::Compose(draft) => Task::batch([front, self.compose_mailto(draft)]),
            Forwarded::Raise => front,
        }
    }
}

/// Un-minimises and focuses the window (the window manager may only flash it instead).
fn bring_to_front(id: window::Id) -> Task<Message> {
    Task::batch([
        window::minimize(id, false),
        window::gain_focus(id),
        window::request_user_attention(id, Some(window::UserAttention::Informational)),
    ])
}
