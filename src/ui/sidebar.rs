//! The left pane: every account with its folder tree and unread counts. It owns which folder is
//! selected and tells the window when the user picks another.

use super::theme;
use crate::engine::api::FolderInfo;
use crate::model::{FolderId, FolderRole};
use iced::widget::{Column, button, column, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Default)]
pub struct Sidebar {
    folders: Vec<FolderInfo>,
    selected: Option<FolderId>,
    /// Letters waiting in the outbox (its entry below the folders).
    outbox_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Select(FolderId),
    ShowOutbox,
}

/// What the window must act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    FolderSelected(FolderId),
    OutboxSelected,
}

impl Sidebar {
    /// New counts or folders from the engine; the selection stays if its folder still exists.
    pub fn set_folders(&mut self, mut folders: Vec<FolderInfo>) {
        // A nested folder sorts with its top-level ancestor, so "Archive/2023" follows "Archive".
        let ranks: Vec<(String, String, u8)> = folders
            .iter()
            .filter(|f| !f.path.contains('/'))
            .map(|f| (f.account.clone(), f.path.clone(), rank(f)))
            .collect();
        let key = |f: &FolderInfo| {
            let top = f.path.split('/').next().unwrap_or_default();
            let rank = ranks.iter().find(|(a, p, _)| *a == f.account && p == top).map_or(rank(f), |r| r.2);
            (f.account.clone(), rank, f.path.clone())
        };
        folders.sort_by_cached_key(key);
        if self.selected.is_some_and(|id| !folders.iter().any(|f| f.id == id)) {
            self.selected = None;
        }
        self.folders = folders;
    }

    pub fn set_outbox_count(&mut self, count: usize) {
        self.outbox_count = count;
    }

    pub fn selected(&self) -> Option<&FolderInfo> {
        self.selected.and_then(|id| self.folders.iter().find(|f| f.id == id))
    }

    /// The first account's Inbox: what a mail client shows when it opens.
    pub fn first_inbox(&self) -> Option<FolderId> {
        self.folders.iter().find(|f| f.role == Some(FolderRole::Inbox)).or(self.folders.first()).map(|f| f.id)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Select(id) => {
                self.selected = Some(id);
                Some(Event::FolderSelected(id))
            }
            Message::ShowOutbox => Some(Event::OutboxSelected),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2).padding(theme::PADDING);
        let mut account = None;
        for folder in &self.folders {
            if account != Some(folder.account.as_str()) {
                account = Some(folder.account.as_str());
                list = list.push(text(folder.account.clone()).size(theme::SMALL_SIZE).style(theme::muted));
            }
            list = list.push(self.folder_row(folder));
        }
        let outbox = text(crate::fl!("sidebar-outbox", count = self.outbox_count));
        list =
            list.push(button(outbox).width(Length::Fill).style(theme::list_row(false)).on_press(Message::ShowOutbox));
        scrollable(list).width(Length::Fixed(theme::SIDEBAR_WIDTH)).height(Length::Fill).into()
    }

    fn folder_row<'a>(&self, folder: &'a FolderInfo) -> Element<'a, Message> {
        let depth = folder.path.matches('/').count() as f32;
        let name = display_name(folder);
        let unread: Element<'a, Message> =
            if folder.unread > 0 { text(folder.unread.to_string()).into() } else { space().into() };
        let label = row![space().width(depth * 14.0), text(name).width(Length::Fill), unread]
            .align_y(Alignment::Center)
            .spacing(theme::SPACING);
        let mut entry = button(label).width(Length::Fill).style(theme::list_row(self.selected == Some(folder.id)));
        if folder.selectable {
            entry = entry.on_press(Message::Select(folder.id));
        }
        column![entry].into()
    }
}

/// Inbox first, then the special folders in a fixed order, then the rest by name.
fn rank(folder: &FolderInfo) -> u8 {
    match folder.role {
        Some(FolderRole::Inbox) => 0,
        Some(FolderRole::Drafts) => 1,
        Some(FolderRole::Sent) => 2,
        Some(FolderRole::Archive) => 3,
        Some(FolderRole::Junk) => 4,
        Some(FolderRole::Trash) => 5,
        None => 6,
    }
}

/// The last segment of the path; the Inbox under its everyday name.
fn display_name(folder: &FolderInfo) -> String {
    if folder.role == Some(FolderRole::Inbox) {
        return "Inbox".to_string();
    }
    folder.path.rsplit('/').next().unwrap_or(&folder.path).to_string()
}
