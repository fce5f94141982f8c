//! The message list's events in the window: a selection opens the message, a right press opens
//! the message's context menu, new column widths or density go to settings.toml (through the
//! engine's one settings writer), a new order scrolls the list back to the top. The rows the list
//! needs are read off this thread.

use super::menus::{Menu, MenuMessage};
use super::{App, Message};
use crate::model::FolderRole;
use crate::ui::message_list::{self, Event};
use iced::Task;

impl App {
    pub(super) fn on_list(&mut self, message: message_list::Message) -> Task<Message> {
        // Only a press on rows may start a drag (never a keyboard selection).
        if matches!(message, message_list::Message::Pressed(_)) {
            self.drag_started();
        }
        let snap = matches!(message, message_list::Message::ToggleDensity);
        let (event, error) = self.list.update(message);
        if let Some(error) = error {
            self.notice = Some(error);
        }
        let task = Task::batch([self.on_list_event(event), self.list_read()]);
        if snap { Task::batch([task, scroll_list_to_top()]) } else { task }
    }

    /// Runs the read the list asked for (rows to show, a range to select) off this thread.
    pub(super) fn list_read(&mut self) -> Task<Message> {
        let Some(read) = self.list.take_read() else { return Task::none() };
        let engine = self.engine.clone();
        Task::perform(read.run(engine), |loaded| Message::List(message_list::Message::Loaded(Box::new(loaded))))
    }

    pub(super) fn on_list_event(&mut self, event: Option<Event>) -> Task<Message> {
        match event {
            Some(Event::Selected(id)) => self.open(id),
            Some(Event::ContextMenu { id, opened }) => {
                let menu = self.on_menu(MenuMessage::Open(Menu::Message(id)));
                if opened { Task::batch([self.open(id), menu]) } else { menu }
            }
            Some(Event::ColumnsChanged(columns)) => {
                let engine = self.engine.clone();
                Task::perform(
                    async move {
                        engine.update_settings(move |settings| columns.apply(settings)).await.map_err(|e| e.to_string())
                    },
                    Message::SettingsWritten,
                )
            }
            Some(Event::ScrollToTop) => scroll_list_to_top(),
            Some(Event::SearchOnServer) => self.update(Message::SearchOnServer),
            Some(Event::SaveSearch) => self.update(Message::SaveSearch),
            // The first click of the two selected it: a draft continues, a letter is shown.
            Some(Event::Open(_)) => self.continue_selected_draft().unwrap_or_else(Task::none),
            None => Task::none(),
        }
    }

    /// Before the list shows the selected folder: Sent and Drafts name recipients, and the list
    /// knows its pane's width (for the columns at its right edge).
    pub(super) fn show_list_for_selected_folder(&mut self) {
        let role = self.sidebar.selected().and_then(|f| f.role);
        self.list.show_recipients(matches!(role, Some(FolderRole::Sent | FolderRole::Drafts)));
        self.list.set_width(self.layout.pane_widths().1);
    }
}

fn scroll_list_to_top() -> Task<Message> {
    iced::widget::operation::snap_to(message_list::scroll_id(), iced::widget::scrollable::RelativeOffset::START)
}
