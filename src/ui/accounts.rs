//! The accounts screen: every account with Edit (the wizard, filled in) and Remove, which first
//! says what happens to the mail on this computer and asks again.

use super::theme;
use crate::model::AccountSettings;
use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Length};

#[derive(Debug, Default)]
pub struct Accounts {
    accounts: Vec<AccountSettings>,
    /// The account about to be removed, with what that means.
    confirming: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(String),
    AskRemove(String),
    ConfirmRemove(String),
    KeepIt,
    Import,
    Close,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Edit(String),
    /// The window asks the engine what removal means and calls [`Accounts::confirm`].
    Consequence(String),
    Remove(String),
    /// Open the import screen.
    Import,
    Closed,
}

impl Accounts {
    pub fn new(accounts: Vec<AccountSettings>) -> Accounts {
        Accounts { accounts, confirming: None }
    }

    /// Shows what removing `email` does, with the buttons to go on or not.
    pub fn confirm(&mut self, email: String, consequence: String) {
        self.confirming = Some((email, consequence));
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Edit(email) => Some(Event::Edit(email)),
            Message::AskRemove(email) => Some(Event::Consequence(email)),
            Message::ConfirmRemove(email) => {
                self.confirming = None;
                Some(Event::Remove(email))
            }
            Message::KeepIt => {
                self.confirming = None;
                None
            }
            Message::Import => Some(Event::Import),
            Message::Close => Some(Event::Closed),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![text(crate::fl!("app-accounts")).size(theme::TITLE_SIZE)].spacing(theme::SPACING);
        if let Some((email, consequence)) = &self.confirming {
            page = page.push(
                container(
                    column![
                        text(crate::fl!("accounts-remove-question", email = email.as_str())),
                        text(consequence.clone()),
                        row![
                            button(text(crate::fl!("accounts-remove-for-good")))
                                .on_press(Message::ConfirmRemove(email.clone())),
                            button(text(crate::fl!("accounts-keep"))).on_press(Message::KeepIt),
                        ]
                        .spacing(theme::SPACING),
                    ]
                    .spacing(theme::SPACING),
                )
                .padding(theme::PADDING)
                .style(theme::notice),
            );
        }
        let list = self.accounts.iter().fold(Column::new().spacing(theme::SPACING), |list, account| {
            list.push(
                row![
                    text(format!("{}  ({}, {})", account.email, account.protocol, account.incoming.host))
                        .width(Length::Fill),
                    button(text(crate::fl!("accounts-edit"))).on_press(Message::Edit(account.email.clone())),
                    button(text(crate::fl!("accounts-remove"))).on_press(Message::AskRemove(account.email.clone())),
                ]
                .spacing(theme::SPACING)
                .align_y(iced::Alignment::Center),
            )
        });
        let actions = row![
            button(text(crate::fl!("accounts-import-mail"))).on_press(Message::Import),
            button(text(crate::fl!("accounts-close"))).on_press(Message::Close),
        ]
        .spacing(theme::SPACING);
        page = page.push(list).push(actions);
        scrollable(container(page).padding(theme::PADDING).width(Length::Fill)).into()
    }
}
