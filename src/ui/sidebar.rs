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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Select(FolderId),
}

/// What the window must act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    FolderSelected(FolderId),
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

/// The special folders under their everyday names in the interface's language (servers name
/// them "INBOX", "Sent Messages", "Отправленные"...); other folders by the last segment of the path.
fn display_name(folder: &FolderInfo) -> String {
    match folder.role {
        Some(FolderRole::Inbox) => crate::fl!("sidebar-inbox"),
        Some(FolderRole::Sent) => crate::fl!("sidebar-sent"),
        Some(FolderRole::Drafts) => crate::fl!("sidebar-drafts"),
        Some(FolderRole::Trash) => crate::fl!("sidebar-trash"),
        Some(FolderRole::Junk) => crate::fl!("sidebar-junk"),
        Some(FolderRole::Archive) => crate::fl!("sidebar-archive"),
        None => folder.path.rsplit('/').next().unwrap_or(&folder.path).to_string(),
    }
}
