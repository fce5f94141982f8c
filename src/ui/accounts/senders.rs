//! Editing who a letter is from, per account: the account's signature and its other From
//! addresses (identities), each with a name and an optional signature of its own. The "-- "
//! line above a signature (RFC 3676 4.3) is added when a letter is built; typed here, it is
//! taken off so it is never doubled.

use crate::engine::api::parse_mailbox;
use crate::model::{AccountId, AccountSettings, Identity};
use crate::ui::theme;
use iced::widget::{Column, button, column, container, row, text, text_editor, text_input};
use iced::{Alignment, Element, Length};

/// The account being edited: its signature and identities as they are typed.
#[derive(Debug)]
pub struct Senders {
    account: AccountId,
    /// The account's address, for the screen's title.
    email: String,
    signature: text_editor::Content,
    identities: Vec<IdentityForm>,
    problem: Option<String>,
}

#[derive(Debug)]
struct IdentityForm {
    name: String,
    email: String,
    signature: text_editor::Content,
}

#[derive(Debug, Clone)]
pub enum Message {
    Signature(text_editor::Action),
    Name(usize, String),
    Email(usize, String),
    IdentitySignature(usize, text_editor::Action),
    Add,
    Remove(usize),
    Save,
    Cancel,
}

/// What the screen must do.
pub enum Outcome {
    Save { account: AccountId, signature: Option<String>, identities: Vec<Identity> },
    Cancel,
}

impl Senders {
    pub fn new(id: AccountId, account: &AccountSettings) -> Senders {
        let content = |text: &Option<String>| text_editor::Content::with_text(text.as_deref().unwrap_or_default());
        Senders {
            account: id,
            email: account.email.clone(),
            signature: content(&account.signature),
            identities: account
                .identities
                .iter()
                .map(|i| IdentityForm {
                    name: i.name.clone(),
                    email: i.email.clone(),
                    signature: content(&i.signature),
                })
                .collect(),
            problem: None,
        }
    }

    pub fn failed(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    pub fn update(&mut self, message: Message) -> Option<Outcome> {
        self.problem = None;
        match message {
            Message::Signature(action) => self.signature.perform(action),
            Message::Name(index, name) => {
                if let Some(form) = self.identities.get_mut(index) {
                    form.name = name;
                }
            }
            Message::Email(index, email) => {
                if let Some(form) = self.identities.get_mut(index) {
                    form.email = email;
                }
            }
            Message::IdentitySignature(index, action) => {
                if let Some(form) = self.identities.get_mut(index) {
                    form.signature.perform(action);
                }
            }
            Message::Add => self.identities.push(IdentityForm {
                name: String::new(),
                email: String::new(),
                signature: text_editor::Content::new(),
            }),
            Message::Remove(index) => {
                if index < self.identities.len() {
                    self.identities.remove(index);
                }
            }
            Message::Save => return self.saved(),
            Message::Cancel => return Some(Outcome::Cancel),
        }
        None
    }

    /// The edits, checked: every identity needs an address that reads as one.
    fn saved(&mut self) -> Option<Outcome> {
        let mut identities = Vec::new();
        for form in &self.identities {
            let email = form.email.trim();
            if email.is_empty() && form.name.trim().is_empty() {
                continue;
            }
            if parse_mailbox(email).is_err() || email.contains('<') {
                self.problem = Some(crate::fl!("error-not-an-address", address = email));
                return None;
            }
            identities.push(Identity {
                email: email.to_string(),
                name: form.name.trim().to_string(),
                signature: signature_text(&form.signature),
            });
        }
        Some(Outcome::Save { account: self.account, signature: signature_text(&self.signature), identities })
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            text(crate::fl!("accounts-senders-title", email = self.email.as_str())).size(theme::TITLE_SIZE),
            text(crate::fl!("accounts-signature")),
            text_editor(&self.signature)
                .id("account-signature")
                .on_action(Message::Signature)
                .height(Length::Fixed(90.0)),
            text(crate::fl!("accounts-signature-hint")).size(theme::SMALL_SIZE).style(theme::muted),
            text(crate::fl!("accounts-identities")),
        ]
        .spacing(theme::SPACING);
        let mut list = Column::new().spacing(theme::SPACING);
        for (index, form) in self.identities.iter().enumerate() {
            list = list.push(
                container(
                    column![
                        row![
                            text_input(&crate::fl!("accounts-identity-name"), &form.name)
                                .id(format!("identity-name-{index}"))
                                .on_input(move |v| Message::Name(index, v)),
                            text_input(&crate::fl!("accounts-identity-email"), &form.email)
                                .id(format!("identity-email-{index}"))
                                .on_input(move |v| Message::Email(index, v)),
                            button(text(crate::fl!("accounts-identity-remove"))).on_press(Message::Remove(index)),
                        ]
                        .spacing(theme::SPACING)
                        .align_y(Alignment::Center),
                        text_editor(&form.signature)
                            .placeholder(crate::fl!("accounts-identity-signature"))
                            .on_action(move |a| Message::IdentitySignature(index, a))
                            .height(Length::Fixed(60.0)),
                    ]
                    .spacing(4),
                )
                .padding(theme::PADDING)
                .style(theme::header_block),
            );
        }
        page = page.push(list).push(button(text(crate::fl!("accounts-identity-add"))).on_press(Message::Add));
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        page.push(
            row![
                button(text(crate::fl!("accounts-senders-save"))).on_press(Message::Save),
                button(text(crate::fl!("accounts-senders-cancel"))).on_press(Message::Cancel),
            ]
            .spacing(theme::SPACING),
        )
        .into()
    }
}

/// The signature as saved: without a typed "-- " line on top, None when empty.
fn signature_text(content: &text_editor::Content) -> Option<String> {
    let text = content.text();
    let text = text.trim_end();
    let text = text.strip_prefix("-- \n").or_else(|| text.strip_prefix("--\n")).unwrap_or(text);
    Some(text.trim_matches('\n').to_string()).filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_separator_is_not_doubled_and_an_empty_signature_is_none() {
        assert_eq!(signature_text(&text_editor::Content::with_text("-- \nIvan\n")).as_deref(), Some("Ivan"));
        assert_eq!(signature_text(&text_editor::Content::with_text("  \n")), None);
    }
}
