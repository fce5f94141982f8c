//! The outbox from the main window: its count in the sidebar, the pane (letters waiting, being
//! sent or refused, and the saved drafts) and what its buttons do through the engine.

use super::{App, Message};
use crate::ui::outbox::{self, Outbox};
use iced::Task;

impl App {
    pub(super) fn show_outbox(&mut self) -> Task<Message> {
        self.outbox = Some(Outbox::default());
        // Its letters and drafts come with the overview's next read (off the window's thread).
        self.read_overview()
    }

    pub(super) fn on_outbox(&mut self, message: outbox::Message) -> Task<Message> {
        let task = match message {
            outbox::Message::Retry(id) => {
                let engine = self.engine.clone();
                Task::perform(
                    async move { engine.retry_outgoing(id).await.map(|_| ()).map_err(|e| e.to_string()) },
                    |result| Message::Outbox(outbox::Message::Retried(result)),
                )
            }
            outbox::Message::Edit(id) => match self.engine.edit_outgoing(id) {
                Ok(draft) => self.continue_draft(draft),
                Err(err) => self.report(err.to_string()),
            },
            outbox::Message::Delete(id) => match self.engine.cancel_outgoing(id) {
                Ok(()) => Task::none(),
                Err(err) => self.report(err.to_string()),
            },
            outbox::Message::ContinueDraft(id) => self.continue_draft(id),
            outbox::Message::DeleteDraft(id) => match self.engine.delete_draft(id) {
                Ok(()) => Task::none(),
                Err(err) => self.report(err.to_string()),
            },
            // The pane shows the letter's new state; only an error needs words.
            outbox::Message::Retried(Err(err)) => self.report(err),
            outbox::Message::Retried(Ok(())) => Task::none(),
        };
        Task::batch([task, self.read_overview()])
    }
}
