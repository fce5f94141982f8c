//! Walking the list from the keyboard as Thunderbird does: the arrows a row, PgUp/PgDn a page of
//! visible rows, Home/End the first and the last row; with Shift the selection grows from its
//! anchor instead (as Shift+click does). The row walked to is scrolled into view; when it is not
//! among the rows read yet (End in a 100,000-letter folder), only the page around it is read, and
//! it is selected when that page comes (see [`MessageList::landed`]).

use super::{Message, MessageList, scroll_id};
use crate::model::MessageId;
use iced::Task;
use iced::widget::scrollable::AbsoluteOffset;

/// Where a key moves the keyboard's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// This many rows down (up when negative).
    Rows(isize),
    /// This many pages of visible rows down (up when negative).
    Pages(isize),
    First,
    Last,
}

/// The row the keyboard is on: its display index, and its letter when that row was read (new
/// mail above it moves it down; the letter finds it again).
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor {
    index: usize,
    id: Option<MessageId>,
}

/// A row walked to that was not read yet: selected when its page comes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pending {
    index: usize,
    /// The page read that brings it (an older read's answer is no reason to give up).
    page: u64,
}

impl MessageList {
    /// Moves the keyboard's row; `extend` (Shift) grows the selection from its anchor instead of
    /// selecting the row alone. Returns the row to show in the reader (None: the reader keeps
    /// its letter) and the scroll that brings the row into view.
    pub fn walk(&mut self, walk: Walk, extend: bool) -> (Option<super::Event>, Task<Message>) {
        let Some(last) = self.len().checked_sub(1) else { return (None, Task::none()) };
        let from = self.cursor_index();
        let target = match (walk, from) {
            (Walk::First, _) => 0,
            (Walk::Last, _) => last,
            // Nothing selected yet: any walk starts at the top, as in Thunderbird.
            (_, None) => 0,
            (Walk::Rows(step), Some(from)) => from.saturating_add_signed(step).min(last),
            (Walk::Pages(pages), Some(from)) => {
                from.saturating_add_signed(pages.saturating_mul(self.page_rows() as isize)).min(last)
            }
        };
        self.pending = None;
        let scroll = self.reveal(target);
        self.load_if_needed();
        if extend {
            let anchor = self.anchor.or(from).unwrap_or(target);
            self.anchor = Some(anchor);
            // Beyond the rows read, the range's ids are read off the window's thread.
            self.select_range(anchor.min(target), anchor.max(target));
            self.set_cursor(Some(target));
            return (None, scroll);
        }
        match self.row_at(target) {
            Some(_) => (self.land(target), scroll),
            None => {
                self.pending = Some(Pending { index: target, page: self.page_asked });
                (None, scroll)
            }
        }
    }

    /// Page read `number` came: the row walked to is selected if it is on it (else the walk is
    /// dropped: the list changed under it, or the user scrolled elsewhere meanwhile). An answer
    /// to a read older than the walk's is not the walk's page: it keeps waiting.
    pub(super) fn landed(&mut self, number: u64) -> Option<super::Event> {
        if self.pending?.page > number {
            return None;
        }
        let pending = self.pending.take()?;
        self.row_at(pending.index)?;
        self.land(pending.index)
    }

    /// Selects display row `index` alone (it is loaded) and shows it.
    fn land(&mut self, index: usize) -> Option<super::Event> {
        let id = self.row_at(index)?;
        self.select_only(id);
        Some(super::Event::Selected(id))
    }

    /// The id of display row `index`, if it is among the rows read.
    fn row_at(&self, index: usize) -> Option<MessageId> {
        self.rows.get(index.checked_sub(self.first)?).map(|row| row.id)
    }

    /// The display index the keyboard is on: where the last walk or click left it, else the
    /// focused letter's row.
    fn cursor_index(&self) -> Option<usize> {
        let position = |id: MessageId| self.rows.iter().position(|r| r.id == id).map(|i| self.first + i);
        match self.cursor {
            Some(cursor) => cursor.id.and_then(position).or(Some(cursor.index)).filter(|at| *at < self.len()),
            None => self.focused.and_then(position),
        }
    }

    /// Puts the keyboard on display row `index` (None: nowhere yet).
    pub(super) fn set_cursor(&mut self, index: Option<usize>) {
        self.cursor = index.map(|index| Cursor { index, id: self.row_at(index) });
    }

    /// Rows a page moves by: those in full view, less one kept for context (Thunderbird's).
    fn page_rows(&self) -> usize {
        ((self.height / self.row_height()).floor() as usize).saturating_sub(1).max(1)
    }

    /// Scrolls so display row `index` is in full view (no scroll when it is).
    pub(super) fn reveal(&mut self, index: usize) -> Task<Message> {
        let height = self.row_height();
        let top = index as f32 * height;
        let offset = if top < self.offset {
            top
        } else if top + height > self.offset + self.height {
            top + height - self.height
        } else {
            return Task::none();
        };
        self.offset = offset.max(0.0);
        iced::widget::operation::scroll_to(scroll_id(), AbsoluteOffset { x: None, y: Some(self.offset) })
    }
}

#[cfg(test)]
mod tests {
    use super::super::reads::{Answer, Loaded, Wanted};
    use super::super::{Event, Source};
    use super::*;
    use crate::engine::api::MessageSummary;
    use crate::model::{FolderId, MessageId};
    use std::collections::HashMap;

    fn row(id: usize) -> MessageSummary {
        super::super::rows::test_row(id as i64, None)
    }

    /// Answers the page read the list asked for, as the engine would over `total` rows whose ids
    /// are their indexes.
    fn answer(list: &mut MessageList, total: usize) -> Option<Event> {
        let read = list.take_read().expect("a page read");
        let Wanted::Page { first, count, .. } = read.what else { panic!("not a page read: {:?}", read.what) };
        let rows = (first..(first + count).min(total)).map(row).collect();
        let answer = Answer::Page { total, first, rows, expansion: None, previews: HashMap::new() };
        list.update(Message::Loaded(Box::new(Loaded { number: read.number, result: Ok(answer) }))).0
    }

    fn folder_of(total: usize) -> MessageList {
        let mut list = MessageList::default();
        let _ = list.show(Source::Folder(FolderId(1)));
        assert!(answer(&mut list, total).is_none());
        list
    }

    #[test]
    fn end_reads_only_the_last_page_and_selects_the_last_row_when_it_comes() {
        let mut list = folder_of(100_000);
        let (event, _) = list.walk(Walk::Last, false);
        assert!(event.is_none(), "the last row is not read yet");
        let read = list.take_read().expect("the page around the last row is read");
        let Wanted::Page { first, count, .. } = read.what else { panic!("a page read") };
        assert!(first + count >= 100_000 && count < 200, "one page at the end: {first}+{count}");
        let rows = (first..100_000).map(row).collect();
        let page = Answer::Page { total: 100_000, first, rows, expansion: None, previews: HashMap::new() };
        let (event, _) = list.update(Message::Loaded(Box::new(Loaded { number: read.number, result: Ok(page) })));
        assert_eq!(event, Some(Event::Selected(MessageId(99_999))));
        assert_eq!(list.focused(), Some(MessageId(99_999)));
        assert!(list.offset > 0.0, "scrolled to the end");

        let (event, _) = list.walk(Walk::First, false);
        let event = event.or_else(|| answer(&mut list, 100_000));
        assert_eq!(event, Some(Event::Selected(MessageId(0))), "Home: the first row");
        assert_eq!(list.offset, 0.0);
    }

    #[test]
    fn an_older_page_answered_after_end_does_not_cancel_it() {
        let mut list = folder_of(100_000);
        list.offset = 50_000.0 * list.row_height();
        list.load_if_needed();
        let scrolled = list.take_read().expect("the rows scrolled to are read");
        let _ = list.walk(Walk::Last, false);
        let stale =
            Answer::Page { total: 100_000, first: 0, rows: vec![row(0)], expansion: None, previews: HashMap::new() };
        let _ = list.update(Message::Loaded(Box::new(Loaded { number: scrolled.number, result: Ok(stale) })));
        assert_eq!(answer(&mut list, 100_000), Some(Event::Selected(MessageId(99_999))), "End's own page selects");
    }

    #[test]
    fn new_mail_above_the_letter_open_does_not_throw_the_arrows_off() {
        let mut list = folder_of(100);
        for _ in 0..6 {
            let _ = list.walk(Walk::Rows(1), false);
        }
        assert_eq!(list.focused(), Some(MessageId(5)));
        list.refresh();
        let read = list.take_read().unwrap();
        // One new letter on top: every row moves down one.
        let rows = std::iter::once(row(1000)).chain((0..60).map(row)).collect();
        let page = Answer::Page { total: 101, first: 0, rows, expansion: None, previews: HashMap::new() };
        let _ = list.update(Message::Loaded(Box::new(Loaded { number: read.number, result: Ok(page) })));
        let (event, _) = list.walk(Walk::Rows(1), false);
        assert_eq!(event, Some(Event::Selected(MessageId(6))), "the letter after the one open");
    }

    #[test]
    fn a_page_moves_by_the_rows_in_view_and_shift_grows_the_selection_from_its_anchor() {
        let mut list = folder_of(1000);
        list.height = 10.0 * list.row_height();
        let (event, _) = list.walk(Walk::Rows(1), false);
        assert_eq!(event, Some(Event::Selected(MessageId(0))), "nothing selected: the first row");
        let (event, _) = list.walk(Walk::Pages(1), false);
        assert_eq!(event, Some(Event::Selected(MessageId(9))), "ten rows in view: nine down");
        let (event, _) = list.walk(Walk::Rows(2), true);
        assert!(event.is_none(), "Shift keeps the letter in the reader");
        assert_eq!(list.selection().ids, [MessageId(9), MessageId(10), MessageId(11)]);
        let _ = list.walk(Walk::Rows(-3), true);
        assert_eq!(list.selection().ids, [MessageId(8), MessageId(9)], "back over the anchor");
        let (event, _) = list.walk(Walk::Pages(-1), false);
        assert_eq!(event, Some(Event::Selected(MessageId(0))), "a page up from row 8 stops at the top");
        assert_eq!(list.selection().ids, [MessageId(0)]);
    }

    #[test]
    fn shift_end_selects_to_the_last_row_by_reading_ids_not_rows() {
        let mut list = folder_of(5000);
        let _ = list.walk(Walk::Rows(1), false);
        let _ = list.take_read();
        let _ = list.walk(Walk::Last, true);
        let page = list.take_read().expect("the rows at the end, to show");
        assert!(matches!(page.what, Wanted::Page { first: 4900.., .. }), "{:?}", page.what);
        let read = list.take_read().expect("the range's ids are read");
        assert!(matches!(read.what, Wanted::Ids { from: 0, to: 4999, .. }), "{:?}", read.what);
    }
}
