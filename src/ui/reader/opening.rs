//! Opening a message in the reader, off the window's thread: the cache is read by a task, the
//! message fetched from the server when its body is missing, then laid out by the engine. Each
//! open is a generation with an abort handle: a newer open (or leaving the message) aborts the
//! older one's tasks, and any answer of an older generation is dropped in `Reader::update`.

use super::{Message, Reader, State};
use crate::engine::api::{EngineHandle, MessageSummary, MessageView};
use crate::model::MessageId;
use crate::platform::memory;
use iced::Task;

impl Reader {
    /// Opens a message: its list row (`row`) at once, then, by tasks, its cached text, the
    /// rest from the server when missing, and its layout. Whatever an older open still has
    /// running is aborted, and its answers would be dropped anyway.
    pub fn open(&mut self, engine: &EngineHandle, id: MessageId, row: Option<MessageSummary>) -> Task<Message> {
        self.reset();
        self.state = State::Opening(id, row.map(Box::new));
        let (engine, generation) = (engine.clone(), self.generation);
        self.track(Task::perform(
            async move { engine.cached_message(id).await.map(Box::new).map_err(|err| err.to_string()) },
            move |result| Message::Cached(generation, result),
        ))
    }

    /// Empties the pane: nothing of the message is kept (its text, source, layout and pictures
    /// are dropped here, and the widgets that shaped them with the next view).
    pub fn clear(&mut self) {
        self.reset();
    }

    /// Back to empty, in a new generation, with the last open's tasks aborted.
    pub(super) fn reset(&mut self) {
        if let Some(handle) = self.loading.take() {
            handle.abort();
        }
        let (generation, all_headers, compact, scroll_whole) =
            (self.generation + 1, self.all_headers, self.compact, self.scroll_whole);
        let was_big = self.holds_big_letter();
        *self = Reader { generation, all_headers, compact, scroll_whole, ..Reader::default() };
        if was_big {
            // Its memory is freed here and with the next view; without a trim glibc would keep it.
            memory::give_back_soon();
        }
    }

    /// Whether the letter shown (its raw size or its laid-out text) is big enough that leaving it
    /// frees memory worth giving back to the system.
    fn holds_big_letter(&self) -> bool {
        let raw = self.current().map_or(0, |view| view.summary.size);
        let text = self.body.as_ref().map_or(0, |body| body.plain_text.len() as u64);
        raw.max(text) >= memory::BIG_LETTER_BYTES
    }

    /// Runs `task` as part of the current open: aborted when the user moves on.
    pub(super) fn track(&mut self, task: Task<Message>) -> Task<Message> {
        let (task, handle) = task.abortable();
        if let Some(old) = self.loading.replace(handle) {
            // The previous step of this open has ended (its answer started this one); an
            // abort of a finished task is nothing.
            old.abort();
        }
        task
    }

    /// The cache's answer: shown at once; fetched from the server when its body is missing,
    /// laid out when it is there.
    pub(super) fn cached(&mut self, engine: &EngineHandle, result: Result<Box<MessageView>, String>) -> Task<Message> {
        let view = match result {
            Ok(view) => view,
            Err(err) => {
                let State::Opening(id, row) = std::mem::take(&mut self.state) else { return Task::none() };
                self.state = State::Unreadable(id, row, err);
                return Task::none();
            }
        };
        let id = view.summary.id;
        if view.text.is_some() {
            self.state = State::Ready(view);
            return self.render(engine);
        }
        self.state = State::Loading(view);
        let (engine, generation) = (engine.clone(), self.generation);
        self.track(Task::perform(
            async move { engine.open_message(id).await.map(Box::new).map_err(|err| err.to_string()) },
            move |result| Message::Fetched(generation, result),
        ))
    }

    /// The whole message arrived from the server (or could not).
    pub(super) fn fetched(&mut self, engine: &EngineHandle, result: Result<Box<MessageView>, String>) -> Task<Message> {
        let ok = result.is_ok();
        self.state = match (result, std::mem::take(&mut self.state)) {
            (Ok(view), _) => State::Ready(view),
            (Err(err), State::Loading(view) | State::Ready(view) | State::Failed(view, _)) => State::Failed(view, err),
            (Err(_), other) => other,
        };
        if ok { self.render(engine) } else { Task::none() }
    }

    /// The user asked for more than the engine laid out: the whole body, laid out again.
    pub(super) fn lay_out_whole(&mut self, engine: &EngineHandle) -> Task<Message> {
        let everything_shown =
            self.show_all || self.body.as_ref().is_some_and(|b| b.plain_text.len() < self.shown_limit());
        if self.whole || !self.body.as_ref().is_some_and(|body| body.cut) || !everything_shown {
            return Task::none();
        }
        self.whole = true;
        self.render(engine)
    }

    /// Lays out the shown message's body (with the charset the user picked) off this thread.
    pub(super) fn render(&mut self, engine: &EngineHandle) -> Task<Message> {
        let Some(id) = self.current().map(|view| view.summary.id) else { return Task::none() };
        let (engine, charset, generation) = (engine.clone(), self.charset.clone(), self.generation);
        let whole = self.whole;
        self.track(Task::perform(
            async move { engine.readable_body(id, charset, whole).await.map(Box::new).map_err(|err| err.to_string()) },
            move |result| Message::Rendered(generation, result),
        ))
    }
}
