//! The left pane: every account with its folder tree and unread counts, and every Inbox together
//! when there are several accounts. It owns which folder is selected, tells the window when the
//! user picks another, and knows which folder the pointer is over (the target of a drag).

use super::icons::{Icon, icon};
use super::theme;
use crate::engine::api::FolderInfo;
use crate::model::{AccountId, FolderId, FolderRole};
use iced::widget::{Column, button, column, container, mouse_area, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Default)]
pub struct Sidebar {
    folders: Vec<FolderInfo>,
    selected: Option<FolderId>,
    /// Letters waiting in the outbox (its entry below the folders).
    outbox_count: usize,
    all_inboxes: bool,
    /// The folder under the pointer: where a drag of messages ends.
    hovered: Option<FolderId>,
    /// Messages are being dragged: folders show as drop targets.
    dragging: bool,
    /// The outbox is shown: it is the highlighted entry, not the folder.
    outbox_shown: bool,
    /// Every account's address, shown above its folders (the folders name their account by id).
    addresses: Vec<(AccountId, String)>,
    /// Accounts that wait for the user (a password, a certificate): their folders are marked.
    attention: Vec<AccountId>,
    /// Search results (from every folder) are in the list: no folder is highlighted.
    searching: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Select(FolderId),
    ShowOutbox,
    SelectAllInboxes,
    Entered(FolderId),
    Left(FolderId),
    /// A right press on a folder: it opens, with its context menu.
    ContextPressed(FolderId),
}

/// What the window must act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    FolderSelected(FolderId),
    OutboxSelected,
    AllInboxesSelected,
    /// The folder was opened by a right press: show it and its context menu.
    FolderMenu(FolderId),
}

impl Sidebar {
    /// New counts or folders from the engine, with every account's address; the selection
    /// stays if its folder still exists. Accounts are in the order of their addresses.
    pub fn set_folders(&mut self, mut folders: Vec<FolderInfo>, addresses: Vec<(AccountId, String)>) {
        self.addresses = addresses;
        // A nested folder sorts with its top-level ancestor, so "Archive/2023" follows "Archive".
        let ranks: Vec<(AccountId, String, u8)> =
            folders.iter().filter(|f| !f.path.contains('/')).map(|f| (f.account, f.path.clone(), rank(f))).collect();
        let key = |f: &FolderInfo| {
            let top = f.path.split('/').next().unwrap_or_default();
            let rank = ranks.iter().find(|(a, p, _)| *a == f.account && p == top).map_or(rank(f), |r| r.2);
            (self.account_address(f.account).to_string(), f.account, rank, f.path.clone())
        };
        folders.sort_by_cached_key(key);
        if self.selected.is_some_and(|id| !folders.iter().any(|f| f.id == id)) {
            self.selected = None;
        }
        self.folders = folders;
    }

    /// An account's address as the last overview read it ("" for one not known yet).
    pub fn account_address(&self, account: AccountId) -> &str {
        self.addresses.iter().find(|(id, _)| *id == account).map_or("", |(_, address)| address.as_str())
    }

    pub fn set_outbox_count(&mut self, count: usize) {
        self.outbox_count = count;
    }

    pub fn selected(&self) -> Option<&FolderInfo> {
        self.selected.and_then(|id| self.folders.iter().find(|f| f.id == id))
    }

    pub fn all_inboxes_selected(&self) -> bool {
        self.all_inboxes
    }

    pub fn folder(&self, id: FolderId) -> Option<&FolderInfo> {
        self.folders.iter().find(|f| f.id == id)
    }

    pub fn folders(&self) -> &[FolderInfo] {
        &self.folders
    }

    /// The folder under the pointer, if it can take messages.
    pub fn hovered(&self) -> Option<&FolderInfo> {
        self.hovered.and_then(|id| self.folder(id)).filter(|f| f.selectable)
    }

    /// Whether the folder's entry is drawn as the selected one: not while the outbox is shown
    /// (then the outbox is the one highlighted entry).
    fn highlights(&self, id: FolderId) -> bool {
        self.selected == Some(id) && !self.outbox_shown && !self.searching
    }

    /// The list shows search results from every folder (or the folder again).
    pub fn set_searching(&mut self, searching: bool) {
        self.searching = searching;
    }

    /// The outbox is no longer shown (a folder or a message took its place).
    pub fn outbox_closed(&mut self) {
        self.outbox_shown = false;
    }

    /// Whether an account's folders carry the "needs attention" mark.
    pub fn set_attention(&mut self, account: AccountId, needs: bool) {
        self.attention.retain(|a| *a != account);
        if needs {
            self.attention.push(account);
        }
    }

    pub fn set_dragging(&mut self, dragging: bool) {
        self.dragging = dragging;
    }

    /// Several accounts have an Inbox: the unified inbox is offered.
    fn has_several_inboxes(&self) -> bool {
        self.folders.iter().filter(|f| f.role == Some(FolderRole::Inbox)).count() > 1
    }

    /// The first account's Inbox: what a mail client shows when it opens.
    pub fn first_inbox(&self) -> Option<FolderId> {
        self.folders.iter().find(|f| f.role == Some(FolderRole::Inbox)).or(self.folders.first()).map(|f| f.id)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Select(id) => {
                self.selected = Some(id);
                self.all_inboxes = false;
                self.outbox_shown = false;
                Some(Event::FolderSelected(id))
            }
            Message::ContextPressed(id) => {
                self.selected = Some(id);
                self.all_inboxes = false;
                self.outbox_shown = false;
                Some(Event::FolderMenu(id))
            }
            Message::ShowOutbox => {
                self.outbox_shown = true;
                Some(Event::OutboxSelected)
            }
            Message::SelectAllInboxes => {
                self.selected = None;
                self.all_inboxes = true;
                self.outbox_shown = false;
                Some(Event::AllInboxesSelected)
            }
            Message::Entered(id) => {
                self.hovered = Some(id);
                None
            }
            Message::Left(id) => {
                // Entering the next folder may be reported before leaving this one.
                if self.hovered == Some(id) {
                    self.hovered = None;
                }
                None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2).padding(theme::PADDING);
        if self.has_several_inboxes() {
            let unread: u64 = self.folders.iter().filter(|f| f.role == Some(FolderRole::Inbox)).map(|f| f.unread).sum();
            let label = entry_label(0.0, Icon::AllInboxes, crate::fl!("sidebar-all-inboxes"), unread, false);
            list = list.push(
                button(label)
                    .width(Length::Fill)
                    .padding([theme::SPACE_S, theme::SPACE_M])
                    .style(theme::list_row(self.all_inboxes && !self.outbox_shown))
                    .on_press(Message::SelectAllInboxes),
            );
        }
        let mut account = None;
        for folder in &self.folders {
            if account != Some(folder.account) {
                account = Some(folder.account);
                let address = self.account_address(folder.account).to_string();
                list = list.push(text(address).size(theme::SMALL_SIZE).style(theme::muted));
            }
            list = list.push(self.folder_row(folder));
        }
        let outbox = entry_label(0.0, Icon::Outbox, crate::fl!("sidebar-outbox", count = self.outbox_count), 0, false);
        list = list.push(
            button(outbox)
                .width(Length::Fill)
                .padding([theme::SPACE_S, theme::SPACE_M])
                .style(theme::list_row(self.outbox_shown))
                .on_press(Message::ShowOutbox),
        );
        scrollable(list).width(Length::Fill).height(Length::Fill).into()
    }

    fn folder_row<'a>(&self, folder: &'a FolderInfo) -> Element<'a, Message> {
        let depth = folder.path.matches('/').count() as f32;
        let name = display_name(folder);
        let attention = self.attention.contains(&folder.account);
        let label = entry_label(depth * 14.0, Icon::for_folder(folder.role), name, folder.unread, attention);
        let mut entry = button(label).width(Length::Fill).padding([theme::SPACE_S, theme::SPACE_M]);
        entry = if self.dragging && folder.selectable && self.hovered == Some(folder.id) {
            entry.style(theme::drop_target)
        } else {
            entry.style(theme::list_row(self.highlights(folder.id)))
        };
        if folder.selectable {
            entry = entry.on_press(Message::Select(folder.id));
        }
        let area = mouse_area(column![entry]).on_enter(Message::Entered(folder.id)).on_exit(Message::Left(folder.id));
        // A right click opens the folder with its menu (the button leaves right presses alone).
        if folder.selectable { area.on_right_press(Message::ContextPressed(folder.id)).into() } else { area.into() }
    }
}

/// An entry of the tree: its icon, its name (cut, never run into the count), the unread count
/// in a column of its own, and the attention mark of an account that waits for the user.
fn entry_label<'a>(indent: f32, glyph: Icon, name: String, unread: u64, attention: bool) -> Element<'a, Message> {
    let weight = if unread > 0 { iced::font::Weight::Bold } else { iced::font::Weight::Normal };
    let name = text(name)
        .size(theme::ROW_SIZE)
        .font(iced::Font { weight, ..iced::Font::default() })
        .wrapping(text::Wrapping::None);
    let mut label = row![
        space().width(indent),
        icon(glyph, theme::ROW_SIZE + 1.0),
        container(name).width(Length::Fill).clip(true),
    ]
    .align_y(Alignment::Center)
    .spacing(theme::SPACE_M);
    if attention {
        label = label.push(icon(Icon::Attention, theme::ROW_SIZE).style(theme::danger_mark));
    }
    if unread > 0 {
        label = label.push(text(unread.to_string()).size(theme::CAPTION_SIZE).style(theme::muted));
    }
    label.into()
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
/// The window's Move to / Copy to menus name the special folders the same way.
pub fn display_name(folder: &FolderInfo) -> String {
    match folder.role {
        Some(FolderRole::Inbox) => crate::fl!("sidebar-inbox"),
        Some(FolderRole::Sent) => crate::fl!("sidebar-sent"),
        Some(FolderRole::Drafts) => crate::fl!("sidebar-drafts"),
        Some(FolderRole::Trash) => crate::fl!("sidebar-trash"),
        Some(FolderRole::Junk) => crate::fl!("sidebar-junk"),
        Some(FolderRole::Archive) => crate::fl!("sidebar-archive"),
        // A server's folder name cannot reorder or hide text (bidi controls, zero-width).
        None => crate::engine::api::reading::display_text(folder.path.rsplit('/').next().unwrap_or(&folder.path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_folder_is_highlighted_while_search_results_from_every_folder_are_listed() {
        let mut sidebar = Sidebar::default();
        let inbox = FolderId(1);
        sidebar.update(Message::Select(inbox));
        sidebar.set_searching(true);
        assert!(!sidebar.highlights(inbox));
        sidebar.set_searching(false);
        assert!(sidebar.highlights(inbox), "the folder again once the search is cleared");
    }

    #[test]
    fn the_outbox_in_the_reader_is_the_only_highlighted_entry() {
        let mut sidebar = Sidebar::default();
        let inbox = FolderId(1);
        sidebar.update(Message::Select(inbox));
        assert!(sidebar.highlights(inbox));
        assert_eq!(sidebar.update(Message::ShowOutbox), Some(Event::OutboxSelected));
        assert!(!sidebar.highlights(inbox), "Inbox is not highlighted beside the outbox");
        sidebar.outbox_closed();
        assert!(sidebar.highlights(inbox), "a message opened from the list takes the pane back");
        sidebar.update(Message::ShowOutbox);
        sidebar.update(Message::ContextPressed(FolderId(2)));
        assert!(sidebar.highlights(FolderId(2)) && !sidebar.highlights(inbox), "a right click opens the folder");
    }
}
