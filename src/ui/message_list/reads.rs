//! What the list reads from the engine, and reads off the window's thread: the page of rows in
//! view (with an opened conversation's messages), or the ids of a range the user selected beyond
//! the rows in view. The list asks ([`Read`]); the window runs it on the engine's blocking pool
//! ([`Read::run`]) and hands back the answer ([`Loaded`]). Each read is numbered, so an answer
//! that a newer read has overtaken (the user scrolled on, chose another folder) is dropped.

use super::rows::{self, Expansion};
use crate::engine::api::{EngineError, EngineHandle, MessageSummary};
use crate::model::{FolderId, ListOrder, ListScope, MessageId, ThreadId};
use std::collections::HashMap;

/// Messages of one conversation read at most (a mailing-list thread can be long, memory is not).
pub const THREAD_LIMIT: usize = 5000;

/// A read the list is waiting for.
#[derive(Debug, Clone)]
pub struct Read {
    pub(super) number: u64,
    pub(super) what: Wanted,
}

#[derive(Debug, Clone)]
pub(super) enum Wanted {
    /// The rows from display index `first`, `count` of them, and how many there are.
    /// `previews`: the two-line list shows each letter's first words too.
    Page { scope: ListScope, order: ListOrder, first: usize, count: usize, expansion: Expand, previews: bool },
    /// The ids of display rows `from..=to`, to become the selection (Ctrl+A, Shift+click).
    Ids { scope: ListScope, order: ListOrder, from: usize, to: usize },
    /// The first words of these letters (search results in view, two-line density).
    Previews(Vec<MessageId>),
}

/// The open conversation for a page read.
#[derive(Debug, Clone)]
pub(super) enum Expand {
    /// As it is (none, or one whose messages are read already).
    Keep(Option<Expansion>),
    /// Open this one: its messages are read first.
    Open { folder: FolderId, thread: ThreadId, head_id: MessageId, head: usize },
}

/// A read's answer.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub(super) number: u64,
    pub(super) result: Result<Answer, String>,
}

#[derive(Debug, Clone)]
pub(super) enum Answer {
    Page {
        total: usize,
        first: usize,
        rows: Vec<MessageSummary>,
        expansion: Option<Expansion>,
        previews: HashMap<MessageId, String>,
    },
    Ids(Vec<MessageId>),
    Previews(HashMap<MessageId, String>),
}

impl Read {
    /// Runs the read on the engine's blocking pool (never on the window's thread).
    pub async fn run(self, engine: EngineHandle) -> Loaded {
        let number = self.number;
        let result = engine.off_thread(move |engine| self.what.read(engine)).await.map_err(|err| err.to_string());
        Loaded { number, result }
    }
}

impl Read {
    /// Runs the read here: only for the window's start, before its first frame.
    pub fn run_now(self, engine: &EngineHandle) -> Loaded {
        Loaded { number: self.number, result: self.what.read(engine).map_err(|err| err.to_string()) }
    }
}

impl Wanted {
    fn read(self, engine: &EngineHandle) -> Result<Answer, EngineError> {
        match self {
            Wanted::Page { scope, order, first, count, expansion, previews } => {
                let expansion = match expansion {
                    Expand::Keep(expansion) => expansion,
                    Expand::Open { folder, thread, head_id, head } => {
                        let members =
                            thread_members(engine, folder, thread)?.into_iter().filter(|m| m.id != head_id).collect();
                        Some(Expansion { thread, head_id, head, members })
                    }
                };
                let total = engine.list_len(scope, order)?;
                let (engine_first, display_first) = rows::engine_window(first, expansion.as_ref());
                let page = engine.list_messages(scope, order, engine_first, count)?;
                let rows = rows::with_expansion(page, engine_first, expansion.as_ref());
                let previews = match previews {
                    true => engine.previews(&rows.iter().map(|r| r.id).collect::<Vec<_>>())?,
                    false => HashMap::new(),
                };
                Ok(Answer::Page { total, first: display_first, rows, expansion, previews })
            }
            // Beyond the loaded rows an expanded conversation is ignored: its head stands for it.
            Wanted::Ids { scope, order, from, to } => {
                let page = engine.list_messages(scope, order, from, to + 1 - from)?;
                Ok(Answer::Ids(page.into_iter().map(|r| r.id).collect()))
            }
            Wanted::Previews(ids) => Ok(Answer::Previews(engine.previews(&ids)?)),
        }
    }
}

/// Every message of a conversation, newest first.
pub fn thread_members(
    engine: &EngineHandle,
    folder: FolderId,
    thread: ThreadId,
) -> Result<Vec<MessageSummary>, EngineError> {
    engine.list_messages(ListScope::Thread(folder, thread), ListOrder::default(), 0, THREAD_LIMIT)
}

/// What an action applies to: the selected messages, and the collapsed conversations among them
/// whose other messages go with them (read off the window's thread by [`Picked::resolve`]).
#[derive(Debug, Clone, Default)]
pub struct Picked {
    pub ids: Vec<MessageId>,
    pub threads: Vec<(FolderId, ThreadId)>,
}

impl Picked {
    /// The ids with every collapsed conversation's messages, read on the engine's blocking pool.
    pub async fn resolve_off_thread(self, engine: &EngineHandle) -> Result<Vec<MessageId>, EngineError> {
        engine.off_thread(move |engine| self.resolve(engine)).await
    }

    fn resolve(self, engine: &EngineHandle) -> Result<Vec<MessageId>, EngineError> {
        let mut ids: std::collections::BTreeSet<MessageId> = self.ids.into_iter().collect();
        for (folder, thread) in self.threads {
            ids.extend(thread_members(engine, folder, thread)?.into_iter().map(|m| m.id));
        }
        Ok(ids.into_iter().collect())
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Message, MessageList, Source};
    use super::*;

    fn page(number: u64, total: usize) -> Message {
        let answer = Answer::Page { total, first: 0, rows: Vec::new(), expansion: None, previews: HashMap::new() };
        Message::Loaded(Box::new(Loaded { number, result: Ok(answer) }))
    }

    #[test]
    fn the_list_asks_for_its_rows_instead_of_reading_them() {
        let mut list = MessageList::default();
        let _ = list.show(Source::Folder(FolderId(1)));
        let read = list.take_read().expect("showing a folder asks for its rows");
        assert!(matches!(read.what, Wanted::Page { scope: ListScope::Folder(FolderId(1)), .. }));
        assert!(list.take_read().is_none(), "asked once");
    }

    #[test]
    fn an_answer_overtaken_by_a_newer_read_is_dropped() {
        let mut list = MessageList::default();
        let _ = list.show(Source::Folder(FolderId(1)));
        let first = list.take_read().unwrap();
        let _ = list.show(Source::Folder(FolderId(2)));
        let second = list.take_read().unwrap();
        let _ = list.update(page(first.number, 7));
        assert_eq!(list.row_count(), 0, "the first folder's answer came late: dropped");
        let _ = list.update(page(second.number, 3));
        assert_eq!(list.row_count(), 3, "the newest read's answer is shown");
    }

    #[test]
    fn ctrl_a_beyond_the_rows_in_view_selects_once_the_ids_are_read() {
        let mut list = MessageList::default();
        let _ = list.show(Source::Folder(FolderId(1)));
        let _ = list.take_read();
        let _ = list.update(page(1, 500));
        list.select_all();
        let read = list.take_read().expect("500 rows are not all loaded: their ids are read");
        assert!(matches!(read.what, Wanted::Ids { from: 0, to: 499, .. }));
        let ids: Vec<MessageId> = (1..=500).map(MessageId).collect();
        let _ = list.update(Message::Loaded(Box::new(Loaded { number: read.number, result: Ok(Answer::Ids(ids)) })));
        assert_eq!(list.selection().ids.len(), 500);
    }
}
