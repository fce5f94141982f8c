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
                    |result| Message::Outbox(outbox::Message::Answered(result)),
                )
            }
            // Back into a draft, and that draft into a composer, both off this thread.
            outbox::Message::Edit(id) => self.prepare(move |engine, _| {
                let draft = engine.edit_outgoing(id)?;
                Ok((engine.draft(draft)?.composition, Some(draft)))
            }),
            outbox::Message::Delete(id) => self.outbox_work(move |engine| engine.cancel_outgoing(id)),
            outbox::Message::ContinueDraft(id) => self.continue_draft(id),
            outbox::Message::DeleteDraft(id) => self.outbox_work(move |engine| engine.delete_draft(id)),
            // The pane shows the letter's new state; only an error needs words.
            outbox::Message::Answered(Err(err)) => self.report(err),
            outbox::Message::Answered(Ok(())) => Task::none(),
        };
        Task::batch([task, self.read_overview()])
    }

    /// A change to the outbox or a draft, made off this thread.
    pub(super) fn outbox_work(
        &self,
        work: impl FnOnce(&crate::engine::api::EngineHandle) -> Result<(), crate::engine::api::EngineError> + Send + 'static,
    ) -> Task<Message> {
        let engine = self.engine.clone();
        Task::perform(async move { engine.off_thread(work).await.map_err(|e| e.to_string()) }, |result| {
            Message::Outbox(outbox::Message::Answered(result))
        })
    }
}
