//! The outbox pane of the main window: letters waiting to go (queued, being sent, or refused
//! with the engine's reason) with Retry, Edit and Delete, and the saved drafts to continue.
//! It shows what the app hands it and turns clicks into messages for the app.

use super::{format, theme};
use crate::engine::api::{DraftInfo, OutboxItem};
use crate::model::{AccountId, DraftId, OutboxId};
use iced::widget::{Column, button, column, container, row, rule, scrollable, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Default)]
pub struct Outbox {
    items: Vec<OutboxItem>,
    drafts: Vec<DraftInfo>,
    /// Every account's address: a letter shows the one it goes from.
    addresses: Vec<(AccountId, String)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Retry(OutboxId),
    /// Back into a draft, open in a composer.
    Edit(OutboxId),
    Delete(OutboxId),
    ContinueDraft(DraftId),
    DeleteDraft(DraftId),
    /// The engine's answer to Retry or Delete (done off the window's thread).
    Answered(Result<(), String>),
}

impl Outbox {
    pub fn new(items: Vec<OutboxItem>, drafts: Vec<DraftInfo>, addresses: Vec<(AccountId, String)>) -> Outbox {
        Outbox { items, drafts, addresses }
    }

    fn address(&self, account: AccountId) -> &str {
        self.addresses.iter().find(|(id, _)| *id == account).map_or("", |(_, address)| address.as_str())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = Column::new().spacing(theme::SPACING).padding(theme::PADDING);
        page = page.push(text(crate::fl!("composer-outbox-title", count = self.items.len())).size(theme::TITLE_SIZE));
        if self.items.is_empty() {
            page = page.push(text(crate::fl!("composer-outbox-empty")).style(theme::muted));
        }
        for item in &self.items {
            page = page.push(letter(item, self.address(item.account))).push(rule::horizontal(1));
        }
        page = page.push(text(crate::fl!("composer-outbox-drafts", count = self.drafts.len())).size(theme::TITLE_SIZE));
        for draft in &self.drafts {
            page = page.push(saved_draft(draft));
        }
        scrollable(page).width(Length::Fill).height(Length::Fill).into()
    }
}

fn letter<'a>(item: &'a OutboxItem, account: &str) -> Element<'a, Message> {
    let subject = if item.subject.is_empty() { crate::fl!("composer-outbox-no-subject") } else { item.subject.clone() };
    let state = match item.state {
        "sending" => crate::fl!("composer-outbox-state-sending"),
        "failed" => crate::fl!("composer-outbox-state-failed"),
        _ => crate::fl!("composer-outbox-state-queued", attempts = item.attempts),
    };
    let mut block = column![
        row![text(subject).width(Length::Fill), text(format::size(item.size)).size(theme::SMALL_SIZE)]
            .spacing(theme::SPACING),
        text(crate::fl!("composer-outbox-recipients", account = account.to_string(), to = item.recipients.join(", ")))
            .size(theme::SMALL_SIZE)
            .style(theme::muted),
        text(state).size(theme::SMALL_SIZE),
    ]
    .spacing(2);
    if let Some(reason) = &item.last_error {
        block = block.push(container(text(reason.clone()).size(theme::SMALL_SIZE)).padding(4).style(theme::notice));
    }
    let mut actions = row![].spacing(theme::SPACING);
    if item.state != "sending" {
        actions = actions
            .push(
                button(text(crate::fl!("composer-outbox-retry")))
                    .style(theme::primary_button)
                    .on_press(Message::Retry(item.id)),
            )
            .push(
                button(text(crate::fl!("composer-outbox-edit")))
                    .style(theme::secondary_button)
                    .on_press(Message::Edit(item.id)),
            )
            .push(
                button(text(crate::fl!("composer-outbox-delete")))
                    .style(theme::secondary_button)
                    .on_press(Message::Delete(item.id)),
            );
    }
    block.push(actions).into()
}

fn saved_draft(draft: &DraftInfo) -> Element<'_, Message> {
    let subject = &draft.composition.subject;
    let subject = if subject.is_empty() { crate::fl!("composer-outbox-no-subject") } else { subject.clone() };
    // Whom it is for, or its first words: two drafts "(no subject)" are told apart by them.
    let to = draft.composition.to.join(", ");
    let first_words: String = draft.composition.body.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
    let about = if to.is_empty() { first_words } else { to };
    row![
        column![text(subject), text(about).size(theme::SMALL_SIZE).style(theme::muted)].width(Length::Fill),
        text(format::list_date(Some(draft.updated_at), chrono::Local::now())).size(theme::SMALL_SIZE),
        button(text(crate::fl!("composer-outbox-continue-draft")))
            .style(theme::primary_button)
            .on_press(Message::ContinueDraft(draft.id)),
        button(text(crate::fl!("composer-outbox-delete")))
            .style(theme::secondary_button)
            .on_press(Message::DeleteDraft(draft.id)),
    ]
    .spacing(theme::SPACING)
    .align_y(Alignment::Center)
    .into()
}
