//! The right pane: one message's headers, text and attachments, or its source. The text is what
//! the engine extracted (HTML already turned into plain text), so nothing remote is ever loaded
//! and nothing in a message can run.

use super::{format, theme};
use crate::engine::api::MessageView;
use crate::model::MessageId;
use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Length};

#[derive(Debug, Default)]
pub struct Reader {
    state: State,
    show_source: bool,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Empty,
    /// Headers are known; the body is on its way from the server.
    Loading(Box<MessageView>),
    Ready(Box<MessageView>),
    Failed(Box<MessageView>, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    ToggleSource,
    Save(usize),
    SaveEml,
}

/// What the window must do for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    SaveAttachment(MessageId, usize),
    /// The whole message, exactly as received, to an .eml file.
    SaveEml(MessageId),
}

impl Reader {
    pub fn show(&mut self, view: MessageView, complete: bool) {
        self.show_source = false;
        self.state = if complete { State::Ready(Box::new(view)) } else { State::Loading(Box::new(view)) };
    }

    pub fn loaded(&mut self, id: MessageId, result: Result<MessageView, String>) {
        let current = self.current().map(|v| v.summary.id);
        if current != Some(id) {
            return; // the user moved on meanwhile
        }
        self.state = match (result, std::mem::take(&mut self.state)) {
            (Ok(view), _) => State::Ready(Box::new(view)),
            (Err(err), State::Loading(view) | State::Ready(view) | State::Failed(view, _)) => State::Failed(view, err),
            (Err(_), State::Empty) => State::Empty,
        };
    }

    pub fn clear(&mut self) {
        self.state = State::Empty;
    }

    pub fn current(&self) -> Option<&MessageView> {
        match &self.state {
            State::Empty => None,
            State::Loading(view) | State::Ready(view) | State::Failed(view, _) => Some(view),
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::ToggleSource => {
                self.show_source = !self.show_source;
                None
            }
            Message::Save(part_index) => self.current().map(|v| Event::SaveAttachment(v.summary.id, part_index)),
            Message::SaveEml => self.current().map(|v| Event::SaveEml(v.summary.id)),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(view) = self.current() else {
            return container(text("Select a message to read it.")).padding(theme::PADDING).into();
        };
        let m = &view.summary;
        let subject = if m.subject.is_empty() { "(no subject)" } else { m.subject.as_str() };
        let sender =
            if m.from_name.is_empty() { m.from_addr.clone() } else { format!("{} <{}>", m.from_name, m.from_addr) };
        let source_label = if self.show_source { "Show message" } else { "Show source" };
        let headers = column![
            text(subject.to_string()).size(theme::TITLE_SIZE),
            text(format!("From: {sender}")),
            text(format!("To: {}", m.to_addrs)).size(theme::SMALL_SIZE),
            row![
                text(format::full_date(m.date)).size(theme::SMALL_SIZE).style(theme::muted).width(Length::Fill),
                button(text(source_label).size(theme::SMALL_SIZE)).on_press(Message::ToggleSource),
                button(text(crate::fl!("reader-save-eml")).size(theme::SMALL_SIZE)).on_press(Message::SaveEml),
            ]
            .spacing(theme::SPACING),
        ]
        .spacing(4);
        let attachments = view.attachments.iter().filter(|a| !a.is_inline).fold(Column::new().spacing(2), |list, a| {
            let name = if a.filename.is_empty() { "(unnamed)" } else { a.filename.as_str() };
            list.push(
                text(format!("Attachment: {name} ({}, {})", a.content_type, format::size(a.size)))
                    .size(theme::SMALL_SIZE),
            )
        });
        let body = match &self.state {
            State::Loading(_) => "Loading the message from the server…".to_string(),
            State::Failed(_, err) => format!("The message could not be loaded: {err}"),
            _ if self.show_source => {
                view.raw.as_deref().map(|raw| String::from_utf8_lossy(raw).into_owned()).unwrap_or_default()
            }
            _ => view.text.clone().unwrap_or_default(),
        };
        column![
            container(headers).padding(theme::PADDING).width(Length::Fill).style(theme::header_block),
            attachments,
            scrollable(container(text(body.trim_end().to_string())).padding(theme::PADDING))
                .height(Length::Fill)
                .width(Length::Fill),
        ]
        .spacing(theme::SPACING)
        .padding(theme::PADDING)
        .into()
    }
}
