//! What can be done to the open folder, under the folder tree: a new folder, rename or move it
//! (a path with "/" moves it under another folder), delete it (after saying what goes with it),
//! mark all its mail read, and empty Trash or Junk (after saying how many letters go). Special
//! folders are neither renamed nor deleted.

use super::theme;
use crate::engine::api::FolderInfo;
use crate::model::{AccountId, FolderRole};
use iced::widget::{Column, button, column, container, row, text, text_input};
use iced::{Element, Length};

/// Only an ordinary folder is renamed or deleted: a special one (Inbox, Drafts, Sent, Archive,
/// Junk, Trash) is where the engine files mail, so it stays, as in Thunderbird.
pub fn can_rename_or_delete(folder: &FolderInfo) -> bool {
    folder.role.is_none()
}

#[derive(Debug, Default)]
pub struct FolderActions {
    asking: Option<Asking>,
}

/// A question shown until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Asking {
    /// A new folder's path (under `account`).
    Create {
        account: AccountId,
        path: String,
    },
    Rename {
        folder: FolderInfo,
        path: String,
    },
    Delete {
        folder: FolderInfo,
        consequence: String,
    },
    Empty {
        folder: FolderInfo,
        consequence: String,
    },
}

#[derive(Debug, Clone)]
pub enum Message {
    New,
    Rename,
    Delete,
    Empty,
    MarkRead,
    Path(String),
    Confirm,
    Cancel,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Create {
        account: AccountId,
        path: String,
    },
    Rename {
        account: AccountId,
        from: String,
        to: String,
    },
    Delete {
        account: AccountId,
        path: String,
    },
    /// Every message of the folder marked read.
    MarkRead(FolderInfo),
    /// Every message of the folder deleted (from Trash for good, from Junk to Trash).
    Empty(FolderInfo),
}

impl FolderActions {
    /// `open`: the folder selected now; `all`: every folder (to say what a delete takes along).
    pub fn update(&mut self, message: Message, open: Option<&FolderInfo>, all: &[FolderInfo]) -> Option<Event> {
        match message {
            Message::New => {
                let account = open?.account;
                self.asking = Some(Asking::Create { account, path: String::new() });
            }
            Message::Rename => {
                let folder = open.filter(|f| can_rename_or_delete(f))?.clone();
                self.asking = Some(Asking::Rename { path: folder.path.clone(), folder });
            }
            Message::Delete => {
                let folder = open.filter(|f| can_rename_or_delete(f))?.clone();
                let inside = all
                    .iter()
                    .filter(|f| f.account == folder.account && f.path.starts_with(&format!("{}/", folder.path)))
                    .count();
                let consequence = crate::fl!(
                    "folders-delete-consequence",
                    path = folder.path.as_str(),
                    count = folder.total,
                    folders = inside
                );
                self.asking = Some(Asking::Delete { folder, consequence });
            }
            Message::Empty => {
                let folder = open?.clone();
                let consequence = match folder.role {
                    Some(FolderRole::Trash) => {
                        crate::fl!("folders-empty-trash-consequence", path = folder.path.as_str(), count = folder.total)
                    }
                    _ => {
                        crate::fl!("folders-empty-junk-consequence", path = folder.path.as_str(), count = folder.total)
                    }
                };
                self.asking = Some(Asking::Empty { folder, consequence });
            }
            Message::MarkRead => return Some(Event::MarkRead(open?.clone())),
            Message::Path(typed) => {
                if let Some(Asking::Create { path, .. } | Asking::Rename { path, .. }) = self.asking.as_mut() {
                    *path = typed;
                }
            }
            Message::Confirm => {
                return match self.asking.take()? {
                    Asking::Create { account, path } => Some(Event::Create { account, path: path.trim().to_string() }),
                    Asking::Rename { folder, path } => {
                        Some(Event::Rename { account: folder.account, from: folder.path, to: path.trim().to_string() })
                    }
                    Asking::Delete { folder, .. } => Some(Event::Delete { account: folder.account, path: folder.path }),
                    Asking::Empty { folder, .. } => Some(Event::Empty(folder)),
                };
            }
            Message::Cancel => self.asking = None,
        }
        None
    }

    /// The actions for the open folder, or the question being asked.
    pub fn view(&self, open: Option<&FolderInfo>) -> Element<'_, Message> {
        let small =
            |label: String| button(text(label).size(theme::SMALL_SIZE)).padding([2, 6]).style(theme::header_button);
        let answer = |confirm: String| {
            row![
                small(confirm).on_press(Message::Confirm),
                small(crate::fl!("folders-cancel")).on_press(Message::Cancel)
            ]
            .spacing(4)
        };
        let content: Column<'_, Message> = match &self.asking {
            Some(Asking::Create { path, .. }) => column![
                text_input(&crate::fl!("folders-new-placeholder"), path)
                    .id("folder-path")
                    .on_input(Message::Path)
                    .on_submit(Message::Confirm),
                answer(crate::fl!("folders-create")),
            ],
            Some(Asking::Rename { path, .. }) => column![
                text_input("", path).id("folder-path").on_input(Message::Path).on_submit(Message::Confirm),
                text(crate::fl!("folders-rename-hint")).size(theme::SMALL_SIZE).style(theme::muted),
                answer(crate::fl!("folders-rename-confirm")),
            ],
            Some(Asking::Delete { consequence, .. }) => {
                column![
                    text(consequence.as_str()).size(theme::SMALL_SIZE),
                    answer(crate::fl!("folders-delete-confirm"))
                ]
            }
            Some(Asking::Empty { consequence, .. }) => {
                column![text(consequence.as_str()).size(theme::SMALL_SIZE), answer(crate::fl!("folders-empty-confirm"))]
            }
            None => {
                let Some(folder) = open else { return column![].into() };
                let mut actions = row![small(crate::fl!("folders-new")).on_press(Message::New)].spacing(4);
                if can_rename_or_delete(folder) {
                    actions = actions
                        .push(small(crate::fl!("folders-rename")).on_press(Message::Rename))
                        .push(small(crate::fl!("folders-delete")).on_press(Message::Delete));
                }
                let mut more = row![small(crate::fl!("folders-mark-read")).on_press(Message::MarkRead)].spacing(4);
                if matches!(folder.role, Some(FolderRole::Trash | FolderRole::Junk)) {
                    more = more.push(small(crate::fl!("folders-empty")).on_press(Message::Empty));
                }
                column![actions.wrap(), more.wrap()]
            }
        };
        container(content.spacing(4)).padding(theme::SPACING).width(Length::Fill).into()
    }
}
