//! Which folder of an account is its Sent, Drafts, Trash, Junk and Archive: what the server
//! said (or the names suggested) until the person picks another here; the choice is kept over
//! later syncs.

use crate::engine::api::FolderInfo;
use crate::model::{AccountId, FolderRole};
use crate::ui::theme;
use iced::widget::{Column, button, column, pick_list, row, text};
use iced::{Alignment, Element, Length};

/// The roles a person can assign (INBOX is always INBOX).
const ROLES: [FolderRole; 5] =
    [FolderRole::Sent, FolderRole::Drafts, FolderRole::Trash, FolderRole::Junk, FolderRole::Archive];

#[derive(Debug)]
pub struct Roles {
    pub account: AccountId,
    /// The account's address, for the screen's title.
    email: String,
    folders: Vec<FolderInfo>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick(FolderRole, String),
    Close,
}

impl Roles {
    pub fn new(account: AccountId, email: String, folders: Vec<FolderInfo>) -> Roles {
        Roles { account, email, folders }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let paths: Vec<String> = self.folders.iter().filter(|f| f.selectable).map(|f| f.path.clone()).collect();
        let list = ROLES.iter().fold(Column::new().spacing(theme::SPACING), |list, role| {
            let role = *role;
            let current = self.folders.iter().find(|f| f.role == Some(role)).map(|f| f.path.clone());
            list.push(
                row![
                    text(role_name(role)).width(Length::Fixed(140.0)),
                    pick_list(paths.clone(), current, move |path| Message::Pick(role, path))
                        .placeholder(crate::fl!("accounts-roles-none")),
                ]
                .spacing(theme::SPACING)
                .align_y(Alignment::Center),
            )
        });
        column![
            text(crate::fl!("accounts-roles-title", email = self.email.as_str())).size(theme::TITLE_SIZE),
            text(crate::fl!("accounts-roles-hint")).size(theme::SMALL_SIZE).style(theme::muted),
            list,
            button(text(crate::fl!("accounts-close"))).on_press(Message::Close),
        ]
        .spacing(theme::SPACING)
        .into()
    }
}

fn role_name(role: FolderRole) -> String {
    match role {
        FolderRole::Inbox => crate::fl!("sidebar-inbox"),
        FolderRole::Sent => crate::fl!("sidebar-sent"),
        FolderRole::Drafts => crate::fl!("sidebar-drafts"),
        FolderRole::Trash => crate::fl!("sidebar-trash"),
        FolderRole::Junk => crate::fl!("sidebar-junk"),
        FolderRole::Archive => crate::fl!("sidebar-archive"),
    }
}
