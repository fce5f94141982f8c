//! The middle pane: a folder's messages (or every Inbox, or search results), virtualised. Only the
//! rows in view (and a margin) exist as widgets; spacers above and below stand for the rest, so a
//! 100,000-message folder costs what 60 rows cost. Rows come from the engine a page at a time
//! (read off the window's thread, see `reads`), in the order the column headers chose;
//! conversations can show as one row and open in place; search results are handed over whole
//! (`found`). It owns the selection (click, Ctrl+click, Shift+click, Ctrl+A, the keys of `walk`)
//! and starts drags of it.

mod columns;
mod found;
mod reads;
mod rows;
mod view;
mod walk;

pub use columns::{Columns, Resizable};
pub use reads::{Loaded, Picked, Read};
pub use walk::Walk;

use crate::engine::api::{FolderInfo, MessageSummary};
use crate::model::{FolderId, ListOrder, ListScope, MessageId, SortKey, ThreadId};
use iced::keyboard::Modifiers;
use iced::widget::scrollable::{self, Viewport};
use iced::{Element, Point, Task};
use rows::Expansion;
use std::collections::BTreeSet;

/// Every row has the same height: that is what makes the list virtual (index = offset / height).
/// One line per message (real columns) or two (sender and date over subject and size).
pub const ROW_HEIGHT_ONE_LINE: f32 = 30.0;
/// (The "two lines" density has a third, muted one: the letter's first words, as a card list.)
pub const ROW_HEIGHT_TWO_LINES: f32 = 64.0;
/// Rows built beyond the visible ones, above and below, so scrolling never shows a gap.
const MARGIN_ROWS: usize = 20;
/// A first guess of the visible height until the list reports it.
const INITIAL_HEIGHT: f32 = 1000.0;
/// A first guess of the pane's width until the window says.
const INITIAL_WIDTH: f32 = 430.0;
/// Search results shown at most (the engine ranks them newest first).
const SEARCH_LIMIT: usize = 500;

pub fn scroll_id() -> iced::widget::Id {
    iced::widget::Id::new("message-list")
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Folder(FolderId),
    /// Every account's Inbox together.
    AllInboxes,
    Search(String),
    /// Messages found on a server (already fetched into the cache), newest first.
    Found(Vec<MessageId>),
}

#[derive(Debug)]
pub struct MessageList {
    source: Option<Source>,
    /// A search's or a server find's rows, read off the window's thread (see [`Self::show_found`]).
    found: Vec<MessageSummary>,
    /// Every folder by id, for the folder column of search results (rows from every folder);
    /// named when drawn, so a new language shows at once.
    folders: std::collections::HashMap<FolderId, FolderInfo>,
    /// Whether the search bar offers "Search on server" (the open folder is on one).
    server_search: bool,
    /// The letter open in the folder when a search began: open again when the search is left.
    before_search: Option<MessageId>,
    order: ListOrder,
    /// Rows of the list without an expanded conversation's members.
    total: usize,
    /// Display index of `rows[0]`.
    first: usize,
    rows: Vec<MessageSummary>,
    expansion: Option<Expansion>,
    selected: BTreeSet<MessageId>,
    /// The message in the reader, and where Shift+click ranges start.
    focused: Option<MessageId>,
    anchor: Option<usize>,
    /// The display row the keyboard is on (the moving end of a Shift+arrow selection).
    cursor: Option<walk::Cursor>,
    /// A row walked to from the keyboard, selected once its page is read.
    pending: Option<walk::Pending>,
    /// Pressed on a row of a multi-selection: the selection shrinks to it unless a drag follows.
    pressed_in_selection: Option<MessageId>,
    modifiers: Modifiers,
    offset: f32,
    height: f32,
    /// The row under the pointer (drawn with the hover colour).
    hovered: Option<MessageId>,
    columns: Columns,
    /// A column divider being dragged.
    resizing: Option<Resizable>,
    /// The pane's width (for the columns anchored at the right).
    width: f32,
    /// Sent and Drafts: the correspondent column shows recipients ("To: …").
    recipients: bool,
    /// A read for the window to run off its thread (see [`Self::take_read`]): the rows in view,
    /// and the ids of a range selected beyond them (a Shift+End needs both).
    read: Option<Read>,
    ids_read: Option<Read>,
    /// The first words of the rows' letters (two-line density only).
    previews: std::collections::HashMap<MessageId, String>,
    /// The newest page read and range read asked: older answers are stale.
    page_asked: u64,
    ids_asked: u64,
}

impl Default for MessageList {
    fn default() -> Self {
        MessageList {
            source: None,
            found: Vec::new(),
            folders: Default::default(),
            server_search: false,
            before_search: None,
            order: ListOrder::default(),
            total: 0,
            first: 0,
            rows: Vec::new(),
            expansion: None,
            selected: BTreeSet::new(),
            focused: None,
            anchor: None,
            cursor: None,
            pending: None,
            pressed_in_selection: None,
            modifiers: Modifiers::empty(),
            offset: 0.0,
            height: INITIAL_HEIGHT,
            hovered: None,
            columns: Columns::from_settings(&crate::config::Settings::default()),
            resizing: None,
            width: INITIAL_WIDTH,
            recipients: false,
            read: None,
            ids_read: None,
            previews: Default::default(),
            page_asked: 0,
            ids_asked: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    /// A press on a row: select (with the modifiers held) and maybe start a drag.
    Pressed(MessageId),
    /// Select only this one and show it (keyboard, tests).
    Select(MessageId),
    /// A double click on a row: open it as Enter does (a draft continues in a composer).
    DoubleClicked(MessageId),
    SortBy(SortKey),
    ToggleThreads,
    ToggleThread(ThreadId),
    /// The pointer entered or left a row.
    Hovered(MessageId),
    Unhovered(MessageId),
    /// A right press on a row: its context menu (the row joins or becomes the selection).
    ContextPressed(MessageId),
    /// A column divider was pressed, moved to x (pane coordinates), released.
    ResizeStart(Resizable),
    ResizeMove(Point),
    ResizeEnd,
    /// One line per message or two.
    ToggleDensity,
    /// The bar over search results: ask the server, keep the search.
    SearchOnServer,
    SaveSearch,
    /// A read the list asked for has been answered.
    Loaded(Box<Loaded>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Show this message in the reader.
    Selected(MessageId),
    /// Open the message's context menu; `opened`: it was not selected and is now shown.
    ContextMenu {
        id: MessageId,
        opened: bool,
    },
    /// The widths or the density changed: remember them.
    ColumnsChanged(Columns),
    /// The order changed: the rows start from the top again (the scrollable must follow).
    ScrollToTop,
    SearchOnServer,
    SaveSearch,
    /// Open this message as Enter does.
    Open(MessageId),
}

impl MessageList {
    /// Shows a folder (or other source) from the top; its rows come with the read it asks for.
    pub fn show(&mut self, source: Source) -> Task<Message> {
        let same = self.source.as_ref() == Some(&source);
        self.source = Some(source);
        if !same {
            self.offset = 0.0;
            self.clear_selection();
            self.expansion = None;
        }
        self.load();
        if same { Task::none() } else { self.scroll_to_top() }
    }

    /// The read the list is waiting for, for the window to run off its thread; its answer comes
    /// back as [`Message::Loaded`].
    pub fn take_read(&mut self) -> Option<Read> {
        self.read.take().or_else(|| self.ids_read.take())
    }

    fn scroll_to_top(&self) -> Task<Message> {
        iced::widget::operation::snap_to(scroll_id(), scrollable::RelativeOffset::START)
    }

    /// Re-reads the count and the rows in view (flags, counts or the folder changed).
    pub fn refresh(&mut self) {
        self.load();
    }

    /// After the selection was moved or deleted: nothing is selected or shown.
    pub fn forget_selection(&mut self) {
        self.clear_selection();
    }

    /// The message in the reader.
    pub fn focused(&self) -> Option<MessageId> {
        self.focused
    }

    /// The rows built now (the visible ones and a margin), top to bottom.
    pub fn rows(&self) -> &[MessageSummary] {
        &self.rows
    }

    /// The message a reply or forward starts from: the one in the reader.
    pub fn selected(&self) -> Option<MessageId> {
        self.focused
    }

    /// What an action applies to: the selected rows (a collapsed conversation with all its
    /// messages, resolved off the window's thread), or the focused message.
    pub fn selection(&self) -> Picked {
        let mut ids: BTreeSet<MessageId> = self.selected.clone();
        if ids.is_empty() {
            ids.extend(self.focused);
        }
        let threads = self
            .rows
            .iter()
            .filter(|r| ids.contains(&r.id) && r.thread_size > 1)
            .filter_map(|r| r.thread.map(|t| (r.folder, t)))
            .filter(|(_, t)| self.expansion.as_ref().is_none_or(|e| e.thread != *t))
            .collect();
        Picked { ids: ids.into_iter().collect(), threads }
    }

    /// The first words shown for a letter (two-line density only).
    pub fn preview(&self, id: MessageId) -> Option<&str> {
        self.previews.get(&id).filter(|_| self.columns.two_lines).map(String::as_str)
    }

    pub fn selected_count(&self) -> usize {
        self.selected.len().max(usize::from(self.focused.is_some()))
    }

    pub fn row(&self, id: MessageId) -> Option<&MessageSummary> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn row_mut(&mut self, id: MessageId) -> Option<&mut MessageSummary> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    /// The letter to show once the selected ones leave the list (Delete, Move, Junk), as
    /// Thunderbird picks it: the first unselected row after the last selected one, else the
    /// last unselected row before the first. Only among the rows read; None with nothing open.
    pub fn after_selection(&self) -> Option<MessageId> {
        let focused = self.focused?;
        let leaving = |id: MessageId| id == focused || self.selected.contains(&id);
        let last = self.rows.iter().rposition(|row| leaving(row.id))?;
        let first = self.rows.iter().position(|row| leaving(row.id))?;
        let after = self.rows[last + 1..].iter().find(|row| !leaving(row.id));
        let before = || self.rows[..first].iter().rev().find(|row| !leaving(row.id));
        after.or_else(before).map(|row| row.id)
    }

    /// A press ended without a drop: a press inside a multi-selection selects that row only.
    pub fn press_ended(&mut self) -> Option<Event> {
        let id = self.pressed_in_selection.take()?;
        self.select_only(id);
        Some(Event::Selected(id))
    }

    /// A drop happened: the selection stays as it was dragged.
    pub fn drop_done(&mut self) {
        self.pressed_in_selection = None;
    }

    pub fn set_modifiers(&mut self, modifiers: Modifiers) {
        self.modifiers = modifiers;
    }

    /// Ctrl+A: every row of the list (beyond the rows in view: once they are read).
    pub fn select_all(&mut self) {
        self.select_range(0, self.len().saturating_sub(1));
    }

    pub fn update(&mut self, message: Message) -> (Option<Event>, Option<String>) {
        match message {
            Message::Scrolled(viewport) => {
                self.scrolled(viewport);
                (None, None)
            }
            Message::Loaded(loaded) => {
                let page = matches!(loaded.result, Ok(reads::Answer::Page { .. })).then_some(loaded.number);
                let error = self.loaded(*loaded);
                (page.and_then(|number| self.landed(number)), error)
            }
            Message::Pressed(id) => self.pressed(id),
            Message::Select(id) => {
                self.select_only(id);
                (Some(Event::Selected(id)), None)
            }
            Message::SortBy(key) => self.reorder(self.order.clicked(key)),
            Message::ToggleThreads => self.reorder(ListOrder { threads: !self.order.threads, ..self.order }),
            Message::ToggleThread(thread) => {
                self.toggle_thread(thread);
                (None, None)
            }
            Message::Hovered(id) => {
                self.hovered = Some(id);
                (None, None)
            }
            Message::Unhovered(id) => {
                // Entering the next row may be reported before leaving this one.
                if self.hovered == Some(id) {
                    self.hovered = None;
                }
                (None, None)
            }
            Message::ContextPressed(id) => {
                let opened = !self.selected.contains(&id) && self.focused != Some(id);
                if opened {
                    self.select_only(id);
                }
                (Some(Event::ContextMenu { id, opened }), None)
            }
            Message::ResizeStart(column) => {
                self.resizing = Some(column);
                (None, None)
            }
            Message::ResizeMove(at) => {
                if let Some(column) = self.resizing {
                    self.columns.dragged(column, at.x, self.width);
                }
                (None, None)
            }
            Message::ResizeEnd => (self.resize_ended(), None),
            Message::SearchOnServer => (Some(Event::SearchOnServer), None),
            Message::DoubleClicked(id) => (Some(Event::Open(id)), None),
            Message::SaveSearch => (Some(Event::SaveSearch), None),
            Message::ToggleDensity => {
                self.columns.two_lines = !self.columns.two_lines;
                self.reorder(self.order);
                (Some(Event::ColumnsChanged(self.columns)), None)
            }
        }
    }

    /// A divider drag ended (here or anywhere in the window): the widths to remember.
    pub fn resize_ended(&mut self) -> Option<Event> {
        self.resizing.take().map(|_| Event::ColumnsChanged(self.columns))
    }

    /// Widths and density from the settings.
    pub fn set_columns(&mut self, columns: Columns) {
        self.columns = columns;
    }

    /// The pane's width, for the columns anchored at its right edge.
    pub fn set_width(&mut self, width: f32) {
        self.width = width;
    }

    /// Sent and Drafts show whom a letter went to instead of the user as its sender.
    pub fn show_recipients(&mut self, recipients: bool) {
        self.recipients = recipients;
    }

    fn row_height(&self) -> f32 {
        if self.columns.two_lines { ROW_HEIGHT_TWO_LINES } else { ROW_HEIGHT_ONE_LINE }
    }

    /// A new order (or density): the rows from the top, and the scrollable back at the top with
    /// them. Rows loaded for offset 0 under a scrollable left further down were the blank list.
    fn reorder(&mut self, order: ListOrder) -> (Option<Event>, Option<String>) {
        self.order = order;
        self.expansion = None;
        self.offset = 0.0;
        self.cursor = None;
        self.load();
        (Some(Event::ScrollToTop), None)
    }

    fn scrolled(&mut self, viewport: Viewport) {
        self.offset = viewport.absolute_offset().y;
        self.height = viewport.bounds().height;
        self.load_if_needed();
    }

    /// Reads the rows in view unless they are read already.
    fn load_if_needed(&mut self) {
        let (first, count) = self.window();
        let loaded = self.first..self.first + self.rows.len();
        let needed = first..(first + count).min(self.len());
        if needed.start < loaded.start || needed.end > loaded.end {
            self.load();
        }
    }

    fn pressed(&mut self, id: MessageId) -> (Option<Event>, Option<String>) {
        let index = self.rows.iter().position(|r| r.id == id).map(|i| self.first + i);
        if self.modifiers.shift()
            && let (Some(anchor), Some(index)) = (self.anchor, index)
        {
            self.select_range(anchor.min(index), anchor.max(index));
            self.set_cursor(Some(index));
            return (None, None);
        }
        if self.modifiers.control() || self.modifiers.command() {
            if !self.selected.remove(&id) {
                self.selected.insert(id);
                self.selected.extend(self.focused);
            }
            self.anchor = index;
            self.set_cursor(index);
            return (None, None);
        }
        if self.selected.len() > 1 && self.selected.contains(&id) {
            // Maybe the start of a drag of the whole selection; a plain release selects it alone.
            self.pressed_in_selection = Some(id);
            return (None, None);
        }
        self.select_only(id);
        self.anchor = index;
        (Some(Event::Selected(id)), None)
    }

    fn select_only(&mut self, id: MessageId) {
        self.selected = BTreeSet::from([id]);
        self.focused = Some(id);
        let index = self.rows.iter().position(|r| r.id == id).map(|i| self.first + i);
        if index.is_some() {
            self.anchor = index;
        }
        self.set_cursor(index);
    }

    fn clear_selection(&mut self) {
        self.selected.clear();
        self.focused = None;
        self.anchor = None;
        self.cursor = None;
        self.pending = None;
        self.pressed_in_selection = None;
    }

    /// Rows in the list, an expanded conversation's members included.
    fn len(&self) -> usize {
        self.total + self.expansion.as_ref().map_or(0, |e| e.members.len())
    }

    /// The rows that should exist: the visible ones plus a margin each side (display indexes).
    fn window(&self) -> (usize, usize) {
        let top = (self.offset / self.row_height()).floor().max(0.0) as usize;
        let visible = (self.height / self.row_height()).ceil() as usize + 1;
        let first = top.saturating_sub(MARGIN_ROWS).min(self.len().saturating_sub(1));
        (first, visible + 2 * MARGIN_ROWS)
    }

    /// How many rows the list has (search results: how many were found, up to the limit).
    pub fn row_count(&self) -> usize {
        self.total
    }

    /// The letter that was open in the folder when the search began (taken: asked once).
    pub fn take_letter_before_search(&mut self) -> Option<MessageId> {
        self.before_search.take()
    }

    /// Whether the search bar offers "Search on server": the window knows the open folder.
    pub fn offer_server_search(&mut self, offered: bool) {
        self.server_search = offered;
    }

    /// Search results shown at most.
    pub const SEARCH_LIMIT: usize = SEARCH_LIMIT;

    fn scope(&self) -> Option<ListScope> {
        match self.source.as_ref()? {
            Source::Folder(folder) => Some(ListScope::Folder(*folder)),
            Source::AllInboxes => Some(ListScope::AllInboxes),
            Source::Search(_) | Source::Found(_) => None,
        }
    }

    /// Asks for the rows in view (search results are at hand already).
    fn load(&mut self) {
        self.load_with(reads::Expand::Keep(self.expansion.clone()));
    }

    fn load_with(&mut self, expansion: reads::Expand) {
        let (first, count) = self.window();
        let Some(scope) = self.scope() else {
            self.show_found_window();
            return;
        };
        self.page_asked += 1;
        let previews = self.columns.two_lines;
        let what = reads::Wanted::Page { scope, order: self.order, first, count, expansion, previews };
        self.read = Some(Read { number: self.page_asked, what });
    }

    /// Selects display rows `from..=to`: at once when they are loaded, else once read.
    fn select_range(&mut self, from: usize, to: usize) {
        let loaded = self.first..self.first + self.rows.len();
        if loaded.contains(&from) && loaded.contains(&to) {
            self.selected = self.rows[from - self.first..=to - self.first].iter().map(|r| r.id).collect();
            return;
        }
        let Some(scope) = self.scope() else {
            self.selected = self.found.iter().skip(from).take(to + 1 - from).map(|r| r.id).collect();
            return;
        };
        self.ids_asked += 1;
        self.ids_read =
            Some(Read { number: self.ids_asked, what: reads::Wanted::Ids { scope, order: self.order, from, to } });
    }

    /// A read's answer, unless a newer read has overtaken it.
    fn loaded(&mut self, loaded: Loaded) -> Option<String> {
        match loaded.result {
            Err(err) => Some(err),
            Ok(reads::Answer::Page { total, first, rows, expansion, previews }) if loaded.number == self.page_asked => {
                self.previews = previews;
                self.total = total;
                self.first = first;
                self.rows = rows;
                self.expansion = expansion;
                None
            }
            Ok(reads::Answer::Previews(previews)) if loaded.number == self.page_asked => {
                self.previews.extend(previews);
                None
            }
            Ok(reads::Answer::Ids(ids)) if loaded.number == self.ids_asked => {
                self.selected = ids.into_iter().collect();
                None
            }
            Ok(_) => None,
        }
    }

    fn toggle_thread(&mut self, thread: ThreadId) {
        if self.expansion.as_ref().is_some_and(|e| e.thread == thread) {
            self.expansion = None;
            return self.load();
        }
        let found = self.rows.iter().enumerate().find(|(_, r)| r.thread == Some(thread));
        let Some((index, head_id, folder)) = found.map(|(i, r)| (i, r.id, r.folder)) else { return };
        let head = rows::engine_index(self.first + index, self.expansion.as_ref());
        self.load_with(reads::Expand::Open { folder, thread, head_id, head });
    }

    pub fn view(&self) -> Element<'_, Message> {
        view::list(self)
    }
}
