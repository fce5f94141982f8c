//! The middle pane: a folder's messages, newest first, virtualised. Only the rows in view (and a
//! margin) exist as widgets; spacers above and below stand for the rest, so a 100,000-message
//! folder costs what 60 rows cost. Rows come from the engine a page at a time.

use super::{format, theme};
use crate::engine::api::{EngineHandle, MessageSummary};
use crate::model::{FolderId, MessageId};
use iced::widget::scrollable::{self, Viewport};
use iced::widget::{Column, button, column, container, row, space, text};
use iced::{Element, Length, Task};

/// Every row has the same height: that is what makes the list virtual (index = offset / height).
pub const ROW_HEIGHT: f32 = 46.0;
/// Rows built beyond the visible ones, above and below, so scrolling never shows a gap.
const MARGIN_ROWS: usize = 20;
/// A first guess of the visible height until the list reports it.
const INITIAL_HEIGHT: f32 = 1000.0;

pub fn scroll_id() -> iced::widget::Id {
    iced::widget::Id::new("message-list")
}

/// What the list shows: a folder, or the results of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Folder(FolderId),
    Search(String),
}

#[derive(Debug)]
pub struct MessageList {
    source: Option<Source>,
    total: usize,
    /// Index of `rows[0]` in the whole list.
    first: usize,
    rows: Vec<MessageSummary>,
    selected: Option<MessageId>,
    offset: f32,
    height: f32,
}

impl Default for MessageList {
    fn default() -> Self {
        MessageList {
            source: None,
            total: 0,
            first: 0,
            rows: Vec::new(),
            selected: None,
            offset: 0.0,
            height: INITIAL_HEIGHT,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    Select(MessageId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Selected(MessageId),
}

impl MessageList {
    /// Shows a folder (or search results) from the top.
    pub fn show(&mut self, engine: &EngineHandle, source: Source, total: usize) -> Result<Task<Message>, String> {
        let same = self.source.as_ref() == Some(&source);
        self.source = Some(source);
        self.total = total;
        if !same {
            self.offset = 0.0;
            self.selected = None;
        }
        self.load(engine)?;
        Ok(if same {
            Task::none()
        } else {
            iced::widget::operation::snap_to(scroll_id(), scrollable::RelativeOffset::START)
        })
    }

    /// Re-reads the rows in view (flags or counts changed).
    pub fn refresh(&mut self, engine: &EngineHandle, total: Option<usize>) -> Result<(), String> {
        if let Some(total) = total {
            self.total = total;
        }
        self.load(engine)
    }

    pub fn selected(&self) -> Option<MessageId> {
        self.selected
    }

    pub fn row(&self, id: MessageId) -> Option<&MessageSummary> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn row_mut(&mut self, id: MessageId) -> Option<&mut MessageSummary> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    /// The message after (`step` 1) or before (-1) the selected one, among the loaded rows.
    pub fn neighbour(&self, step: isize) -> Option<MessageId> {
        let index = match self.selected.and_then(|id| self.rows.iter().position(|r| r.id == id)) {
            Some(index) => index.checked_add_signed(step)?,
            None => 0,
        };
        self.rows.get(index).map(|r| r.id)
    }

    pub fn update(&mut self, engine: &EngineHandle, message: Message) -> (Option<Event>, Option<String>) {
        match message {
            Message::Scrolled(viewport) => {
                self.offset = viewport.absolute_offset().y;
                self.height = viewport.bounds().height;
                let (first, count) = self.window();
                let loaded = self.first..self.first + self.rows.len();
                let needed = first..(first + count).min(self.total);
                if needed.start < loaded.start || needed.end > loaded.end {
                    return (None, self.load(engine).err());
                }
                (None, None)
            }
            Message::Select(id) => {
                self.selected = Some(id);
                (Some(Event::Selected(id)), None)
            }
        }
    }

    /// The rows that should exist: the visible ones plus a margin each side.
    fn window(&self) -> (usize, usize) {
        let top = (self.offset / ROW_HEIGHT).floor().max(0.0) as usize;
        let visible = (self.height / ROW_HEIGHT).ceil() as usize + 1;
        let first = top.saturating_sub(MARGIN_ROWS).min(self.total.saturating_sub(1));
        (first, visible + 2 * MARGIN_ROWS)
    }

    fn load(&mut self, engine: &EngineHandle) -> Result<(), String> {
        let (first, count) = self.window();
        let rows = match &self.source {
            None => Vec::new(),
            Some(Source::Folder(folder)) => engine.messages(*folder, first, count).map_err(|e| e.to_string())?,
            Some(Source::Search(query)) => {
                let found = engine.search(query, 500).map_err(|e| e.to_string())?;
                self.total = found.len();
                found.into_iter().skip(first).take(count).collect()
            }
        };
        self.first = first;
        self.rows = rows;
        Ok(())
    }

    pub fn view(&self) -> Element<'_, Message> {
        if self.source.is_none() {
            return container(text(crate::fl!("list-choose-folder"))).padding(theme::PADDING).into();
        }
        if self.total == 0 {
            return container(text(crate::fl!("list-empty"))).padding(theme::PADDING).into();
        }
        let above = self.first as f32 * ROW_HEIGHT;
        let below = self.total.saturating_sub(self.first + self.rows.len()) as f32 * ROW_HEIGHT;
        let rows = self.rows.iter().fold(Column::new(), |list, summary| list.push(self.row_view(summary)));
        let content = column![space().height(above), rows, space().height(below)];
        iced::widget::scrollable(content)
            .id(scroll_id())
            .on_scroll(Message::Scrolled)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn row_view<'a>(&self, m: &'a MessageSummary) -> Element<'a, Message> {
        use crate::model::Flags;
        let unread = !m.flags.has(Flags::SEEN);
        // Glyphs the bundled font has (it lacks stars and paperclips): • unread, ! flagged.
        let marks = format!(
            "{}{}{}",
            if unread { "• " } else { "" },
            if m.flags.has(Flags::FLAGGED) { "! " } else { "" },
            if m.has_attachments { format!("{} ", crate::fl!("list-attachment-mark")) } else { String::new() }
        );
        let now = chrono::Local::now();
        let top = row![
            text(format::person(&m.from_name, &m.from_addr)).width(Length::Fill),
            text(format::list_date(m.date, now)).size(theme::SMALL_SIZE).style(theme::muted),
        ]
        .spacing(theme::SPACING);
        let subject = if m.subject.is_empty() { crate::fl!("list-no-subject") } else { m.subject.clone() };
        let bottom = row![
            text(marks).size(theme::SMALL_SIZE),
            text(subject).size(theme::SMALL_SIZE).width(Length::Fill),
            text(format::size(m.size)).size(theme::SMALL_SIZE).style(theme::muted),
        ]
        .spacing(theme::SPACING);
        button(column![top, bottom].spacing(2))
            .height(Length::Fixed(ROW_HEIGHT))
            .width(Length::Fill)
            .style(theme::list_row(self.selected == Some(m.id)))
            .on_press(Message::Select(m.id))
            .into()
    }
}
