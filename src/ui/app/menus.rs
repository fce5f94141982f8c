//! The menus of the main window: the header bar's overflow ("More": accounts, settings, import,
//! Move to and Copy to, server search), and the context menus of a message and of a folder
//! (right click). iced 0.14 has no menu widget: an open menu is a box pinned over the window,
//! above a transparent layer that closes it on a click anywhere else. A menu entry closes the
//! menu and then does what the same header button or key does.

use super::{App, ComposeKind, FolderChoice, Message, sorting};
use crate::engine::api::FolderInfo;
use crate::model::{Flag, FolderId, FolderRole, MessageId};
use crate::ui::icons::{Icon, icon};
use crate::ui::{folder_actions, message_list, theme};
use iced::widget::{Column, button, container, mouse_area, opaque, pin, row, scrollable, space, stack, text};
use iced::{Alignment, Element, Length, Point};

/// A menu's width; its entries are one line each.
const MENU_WIDTH: f32 = 320.0;
/// One entry's height (for keeping a menu inside the window).
const ENTRY_HEIGHT: f32 = 30.0;
/// Where the overflow menu hangs: under the header bar, at the right edge.
const HEADER_HEIGHT: f32 = 46.0;

/// Which menu is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Menu {
    /// The header bar's "More".
    More,
    /// The folders to move (or copy) the selection to.
    Folders { copy: bool },
    /// A message's context menu (it is selected).
    Message(MessageId),
    /// A folder's context menu (it is the open folder).
    Folder(FolderId),
}

#[derive(Debug, Clone)]
pub enum MenuMessage {
    Open(Menu),
    Close,
    /// Where the last right click was (window coordinates).
    RightPressAt(Point),
    /// An entry: close the menu, then do this.
    Pick(Box<Message>),
}

/// The open menu and where it is.
#[derive(Debug, Default)]
pub struct Menus {
    open: Option<Menu>,
    /// Where the last right click was: a context menu opens there.
    at: Point,
    /// Where the open menu is anchored (a submenu keeps its parent's place).
    anchor: Option<Point>,
}

impl Menus {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

impl App {
    pub(super) fn on_menu(&mut self, message: MenuMessage) -> iced::Task<Message> {
        match message {
            MenuMessage::Open(menu) => {
                // A context menu opens at the pointer; the folder list where its parent was.
                self.menus.anchor = match menu {
                    Menu::More => None,
                    Menu::Folders { .. } => self.menus.anchor,
                    Menu::Message(_) | Menu::Folder(_) => Some(self.menus.at),
                };
                self.menus.open = Some(menu);
                iced::Task::none()
            }
            MenuMessage::Close => {
                self.menus.open = None;
                iced::Task::none()
            }
            MenuMessage::RightPressAt(at) => {
                self.menus.at = at;
                // The context menu was opened by the same press, before its place was known.
                if matches!(self.menus.open, Some(Menu::Message(_) | Menu::Folder(_))) {
                    self.menus.anchor = Some(at);
                }
                iced::Task::none()
            }
            MenuMessage::Pick(message) => {
                self.menus.open = None;
                self.update(*message)
            }
        }
    }

    /// The open menu over `page`, or `page` alone.
    pub(super) fn with_menu<'a>(&'a self, page: Element<'a, Message>) -> Element<'a, Message> {
        let Some(menu) = &self.menus.open else { return page };
        let entries = match menu {
            Menu::More => self.more_entries(),
            Menu::Folders { copy } => self.folder_entries(*copy),
            Menu::Message(id) => self.message_entries(*id),
            Menu::Folder(id) => self.sidebar.folder(*id).map(folder_entries).unwrap_or_default(),
        };
        let count = entries.len();
        let body = entries.into_iter().fold(Column::new(), |column, entry| column.push(entry));
        let (width, height) = self.layout.window_size();
        let max_height = (height - 16.0).max(ENTRY_HEIGHT * 3.0);
        // Opaque: a click on a disabled entry stays in the menu (the scrim under it would close it).
        let boxed = opaque(
            container(scrollable(body.padding(theme::SPACE_S)).height(Length::Shrink))
                .width(MENU_WIDTH)
                .max_height(max_height)
                .style(theme::menu_box),
        );
        let placed: Element<'_, Message> = match self.menus.anchor {
            None => container(boxed)
                .width(Length::Fill)
                .height(Length::Fill)
                .align_x(Alignment::End)
                .padding(iced::Padding { top: HEADER_HEIGHT, right: theme::SPACE_L, ..iced::Padding::ZERO })
                .into(),
            Some(at) => {
                // Kept inside the window: a menu near the right or bottom edge opens leftwards or upwards.
                let tall = (count as f32 * ENTRY_HEIGHT + 2.0 * theme::SPACE_S).min(max_height);
                let x = at.x.min(width - MENU_WIDTH - 4.0).max(0.0);
                let y = if at.y + tall > height - 4.0 { (at.y - tall).max(0.0) } else { at.y };
                pin(boxed).x(x).y(y).width(Length::Fill).height(Length::Fill).into()
            }
        };
        let close = || Message::Menu(MenuMessage::Close);
        let scrim = mouse_area(container(space()).width(Length::Fill).height(Length::Fill).style(theme::scrim))
            .on_press(close())
            .on_right_press(close());
        stack![page, scrim, placed].into()
    }

    fn more_entries(&self) -> Vec<Element<'_, Message>> {
        // Move to and Copy to need letters to move (and a list the user sees).
        let picked = self.letters_picked();
        let mut entries = vec![
            entry(Icon::MoveTo, crate::fl!("list-move-to"), picked.then(|| open(Menu::Folders { copy: false }))),
            entry(Icon::CopyTo, crate::fl!("list-copy-to"), picked.then(|| open(Menu::Folders { copy: true }))),
        ];
        if !self.search.trim().is_empty() {
            if self.server_search_possible() {
                entries.push(entry(
                    Icon::Search,
                    crate::fl!("list-search-server"),
                    Some(pick(Message::SearchOnServer)),
                ));
            }
            entries.push(entry(Icon::Search, crate::fl!("list-save-search"), Some(pick(Message::SaveSearch))));
        }
        entries.extend([
            entry(Icon::AddAccount, crate::fl!("app-add-account"), Some(pick(Message::AddAccount))),
            entry(Icon::Accounts, crate::fl!("app-accounts"), Some(pick(Message::ShowAccounts))),
            entry(Icon::Import, crate::fl!("accounts-import-mail"), Some(pick(Message::ShowImport))),
            entry(Icon::Settings, crate::fl!("settings-open"), Some(pick(Message::ShowSettings))),
        ]);
        entries
    }

    fn folder_entries(&self, copy: bool) -> Vec<Element<'_, Message>> {
        let icon_of = |choice: &FolderChoice| Icon::for_folder(self.sidebar.folder(choice.id).and_then(|f| f.role));
        self.folder_choices(copy)
            .into_iter()
            .map(|choice| {
                let glyph = icon_of(&choice);
                let label = choice.label.clone();
                let message = if copy { Message::CopyTo(choice) } else { Message::MoveTo(choice) };
                entry(glyph, label, Some(pick(message)))
            })
            .collect()
    }

    fn message_entries(&self, id: MessageId) -> Vec<Element<'_, Message>> {
        let row = self.list.row(id);
        let read = row.is_some_and(|r| r.flags.has_flag(Flag::Seen));
        let flagged = row.is_some_and(|r| r.flags.has_flag(Flag::Flagged));
        let (read_icon, read_label) = if read {
            (Icon::MarkUnread, crate::fl!("app-mark-unread"))
        } else {
            (Icon::MarkRead, crate::fl!("app-mark-read"))
        };
        let flag_label = if flagged { crate::fl!("app-unflag") } else { crate::fl!("app-flag") };
        vec![
            entry(Icon::Open, crate::fl!("app-open"), Some(pick(Message::List(message_list::Message::Select(id))))),
            entry(Icon::Reply, crate::fl!("app-reply"), Some(pick(Message::Compose(ComposeKind::Reply)))),
            entry(Icon::ReplyAll, crate::fl!("app-reply-all"), Some(pick(Message::Compose(ComposeKind::ReplyAll)))),
            entry(Icon::Forward, crate::fl!("app-forward"), Some(pick(Message::Compose(ComposeKind::Forward)))),
            entry(read_icon, read_label, Some(pick(Message::SetRead(!read)))),
            entry(Icon::Flag, flag_label, Some(pick(Message::ToggleFlag))),
            entry(Icon::MoveTo, crate::fl!("list-move-to"), Some(open(Menu::Folders { copy: false }))),
            entry(Icon::CopyTo, crate::fl!("list-copy-to"), Some(open(Menu::Folders { copy: true }))),
            if self.judged_junk(id) {
                entry(Icon::Junk, crate::fl!("list-not-junk"), Some(pick(Message::Sorting(sorting::Message::NotJunk))))
            } else {
                entry(Icon::Junk, crate::fl!("list-junk"), Some(pick(Message::MarkJunk)))
            },
            entry(
                Icon::Attention,
                crate::fl!("list-why-junk"),
                Some(pick(Message::Sorting(sorting::Message::WhyJunk(id)))),
            ),
            entry(Icon::Delete, crate::fl!("app-delete"), Some(pick(Message::Delete))),
            entry(
                Icon::Folder,
                crate::fl!("list-rule-from-letter"),
                Some(pick(Message::Sorting(sorting::Message::RuleFrom(id)))),
            ),
        ]
    }
}

/// The folder's actions (`ui::folder_actions`) for its context menu: it is the open folder.
fn folder_entries(folder: &FolderInfo) -> Vec<Element<'_, Message>> {
    let action = |message: folder_actions::Message| Some(pick(Message::FolderActions(message)));
    let mut entries = vec![entry(Icon::Folder, crate::fl!("folders-new"), action(folder_actions::Message::New))];
    if folder_actions::can_rename_or_delete(folder) {
        entries.push(entry(Icon::Drafts, crate::fl!("folders-rename"), action(folder_actions::Message::Rename)));
        entries.push(entry(Icon::Delete, crate::fl!("folders-delete"), action(folder_actions::Message::Delete)));
    }
    entries.push(entry(Icon::MarkRead, crate::fl!("folders-mark-read"), action(folder_actions::Message::MarkRead)));
    if matches!(folder.role, Some(FolderRole::Trash | FolderRole::Junk)) {
        entries.push(entry(Icon::Close, crate::fl!("folders-empty"), action(folder_actions::Message::Empty)));
    }
    entries
}

fn pick(message: Message) -> Message {
    Message::Menu(MenuMessage::Pick(Box::new(message)))
}

fn open(menu: Menu) -> Message {
    Message::Menu(MenuMessage::Open(menu))
}

/// One line of a menu: an icon and a label, the whole width clickable.
fn entry<'a>(glyph: Icon, label: String, on_press: Option<Message>) -> Element<'a, Message> {
    let content =
        row![icon(glyph, theme::ICON_SIZE - 2.0), text(label).size(theme::ROW_SIZE).wrapping(text::Wrapping::None)]
            .spacing(theme::SPACE_L)
            .align_y(Alignment::Center);
    button(container(content).clip(true))
        .width(Length::Fill)
        .height(ENTRY_HEIGHT)
        .padding([theme::SPACE_S, theme::SPACE_M])
        .style(theme::menu_item)
        .on_press_maybe(on_press)
        .into()
}
