//! An expanded conversation inside the virtual list: its other messages sit under its row, so
//! every row after it moves down. These pure helpers map the list's display rows to the engine's
//! rows and back.

use crate::engine::api::MessageSummary;
use crate::model::{MessageId, ThreadId};

/// The one open conversation.
#[derive(Debug, Clone)]
pub struct Expansion {
    pub thread: ThreadId,
    pub head_id: MessageId,
    /// The engine index of the conversation's row.
    pub head: usize,
    /// Its other messages, newest first.
    pub members: Vec<MessageSummary>,
}

impl Expansion {
    /// Whether a row is one of the opened messages (drawn indented).
    pub fn holds(&self, row: &MessageSummary) -> bool {
        row.thread == Some(self.thread) && row.id != self.head_id
    }
}

/// Where to start reading for display row `first`: (engine index, display index of that row).
/// A window starting among the members starts at their head, so they are never cut off.
pub fn engine_window(first: usize, expansion: Option<&Expansion>) -> (usize, usize) {
    match expansion {
        Some(e) if first > e.head + e.members.len() => (first - e.members.len(), first),
        Some(e) if first > e.head => (e.head, e.head),
        _ => (first, first),
    }
}

/// The engine's page with the open conversation's messages after its row.
pub fn with_expansion(
    page: Vec<MessageSummary>,
    engine_first: usize,
    expansion: Option<&Expansion>,
) -> Vec<MessageSummary> {
    let Some(e) = expansion else { return page };
    let mut rows = Vec::with_capacity(page.len() + e.members.len());
    for (i, row) in page.into_iter().enumerate() {
        rows.push(row);
        if engine_first + i == e.head {
            rows.extend(e.members.iter().cloned());
        }
    }
    rows
}

/// The engine index of display row `display` (a conversation's row, not one of its members).
pub fn engine_index(display: usize, expansion: Option<&Expansion>) -> usize {
    match expansion {
        Some(e) if display > e.head + e.members.len() => display - e.members.len(),
        _ => display,
    }
}

/// A bare row for the list's unit tests: letter `id`, in conversation `thread` if any.
#[cfg(test)]
pub(super) fn test_row(id: i64, thread: Option<ThreadId>) -> MessageSummary {
    MessageSummary {
        id: MessageId(id),
        account: crate::model::AccountId(1),
        folder: crate::model::FolderId(1),
        folder_path: String::new(),
        uid: None,
        uidl: None,
        message_id: None,
        date: None,
        from_name: String::new(),
        from_addr: String::new(),
        to_addrs: String::new(),
        subject: String::new(),
        flags: crate::model::Flags::default(),
        size: 0,
        has_attachments: false,
        has_body: false,
        thread,
        thread_size: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, thread: i64) -> MessageSummary {
        test_row(id, Some(ThreadId(thread)))
    }

    #[test]
    fn an_open_conversation_shifts_the_rows_after_it() {
        // Engine rows 0..10 (ids 0..10); row 3 is a conversation with two more messages.
        let open =
            Expansion { thread: ThreadId(3), head_id: MessageId(3), head: 3, members: vec![row(30, 3), row(31, 3)] };
        let page = |from: usize| (from..10).map(|i| row(i as i64, i as i64)).collect::<Vec<_>>();

        assert_eq!(engine_window(2, Some(&open)), (2, 2));
        let ids: Vec<i64> = with_expansion(page(2), 2, Some(&open)).iter().map(|r| r.id.0).take(6).collect();
        assert_eq!(ids, [2, 3, 30, 31, 4, 5]);

        assert_eq!(engine_window(4, Some(&open)), (3, 3), "a window among the members starts at their head");
        assert_eq!(engine_window(7, Some(&open)), (5, 7), "display 7 is engine row 5");
        assert_eq!(engine_index(7, Some(&open)), 5);
        assert_eq!(engine_index(3, Some(&open)), 3);
        assert!(open.holds(&row(30, 3)) && !open.holds(&row(3, 3)));
    }
}
