//! The status line and the notices: each account's connectivity and sync progress (from the
//! engine's events), what waits for a server (pending changes, the outbox), the last thing done,
//! and errors as notices the user dismisses one by one.

use crate::engine::api::{Attention, Connectivity, Event};
use crate::model::AccountId;
use crate::ui::theme;
use iced::widget::{Column, button, column, container, progress_bar, row, text};
use iced::{Element, Length};
use std::collections::BTreeMap;

/// Notices kept at most: an error repeated in a loop must not fill the window.
const MAX_NOTICES: usize = 5;

#[derive(Debug, Default)]
pub struct Status {
    accounts: BTreeMap<AccountId, AccountStatus>,
    notices: Vec<Notice>,
    next_notice: u64,
    outbox: usize,
    pending: u64,
}

#[derive(Debug, Default, Clone)]
struct AccountStatus {
    email: String,
    /// None until the first pass ends.
    online: Option<bool>,
    reason: String,
    /// Stopped until the user acts (a refused password, a certificate to review).
    attention: Option<Attention>,
    /// The folder being synced: (path, done, total).
    progress: Option<(String, usize, usize)>,
}

#[derive(Debug, Clone)]
struct Notice {
    id: u64,
    text: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Dismiss(u64),
    /// The one action for an account that needs attention.
    Attend(AccountId, Attention),
    /// Take the last batch back.
    Undo,
}

impl Status {
    /// An error for the user, with the engine's words. The same text twice in a row shows once.
    pub fn report(&mut self, text: String) {
        if self.notices.last().is_some_and(|n| n.text == text) {
            return;
        }
        self.next_notice += 1;
        self.notices.push(Notice { id: self.next_notice, text });
        if self.notices.len() > MAX_NOTICES {
            self.notices.remove(0);
        }
    }

    pub fn first_notice(&self) -> Option<&str> {
        self.notices.first().map(|n| n.text.as_str())
    }

    pub fn notice_count(&self) -> usize {
        self.notices.len()
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::Dismiss(id) => self.notices.retain(|n| n.id != id),
            // The window acts on it (it owns the screens); nothing changes here until it does.
            Message::Attend(..) | Message::Undo => {}
        }
    }

    /// What waits for a server and the accounts' names, as the window's last read found them.
    pub fn set_counts(&mut self, outbox: usize, pending: u64, accounts: Vec<(AccountId, String)>) {
        self.outbox = outbox;
        self.pending = pending;
        self.accounts.retain(|id, _| accounts.iter().any(|(a, _)| a == id));
        for (id, email) in accounts {
            self.accounts.entry(id).or_default().email = email;
        }
    }

    /// An account's address, as last read (empty when not known yet).
    pub fn account_email(&self, account: AccountId) -> String {
        self.accounts.get(&account).map(|status| status.email.clone()).unwrap_or_default()
    }

    /// Takes what an engine event says about an account.
    pub fn on_event(&mut self, event: &Event) {
        match event {
            Event::SyncProgress { account, folder, done, total } => {
                let status = self.accounts.entry(*account).or_default();
                status.progress = (done < total).then(|| (folder.path.clone(), *done, *total));
            }
            Event::Connectivity { account, state } => {
                let status = self.accounts.entry(*account).or_default();
                status.progress = None;
                status.attention = None;
                match state {
                    Connectivity::Online => {
                        status.online = Some(true);
                        status.reason.clear();
                    }
                    Connectivity::Offline { reason } => {
                        status.online = Some(false);
                        status.reason = reason.clone();
                    }
                    Connectivity::NeedsAttention { reason, action } => {
                        status.online = Some(false);
                        status.reason = reason.clone();
                        status.attention = Some(action.clone());
                    }
                }
            }
            _ => {}
        }
    }

    /// An account's state in words, for tests and the tooltip-less status line.
    pub fn account_line(&self, account: AccountId) -> Option<String> {
        self.accounts.get(&account).map(account_words)
    }

    pub fn notices_view(&self) -> Element<'_, Message> {
        let list = self.notices.iter().fold(Column::new().spacing(2), |list, notice| {
            list.push(
                container(
                    row![
                        text(notice.text.clone()).width(Length::Fill),
                        button(text(crate::fl!("notice-dismiss"))).on_press(Message::Dismiss(notice.id))
                    ]
                    .spacing(theme::SPACING),
                )
                .padding(theme::PADDING)
                .style(theme::notice),
            )
        });
        list.into()
    }

    /// The line at the bottom: `last` (the last thing done), each account, the queues.
    pub fn line_view<'a>(&'a self, last: &'a str, undo: bool) -> Element<'a, Message> {
        let undo = undo.then(|| {
            button(text(crate::fl!("notice-undo")).size(theme::SMALL_SIZE)).padding([2, 8]).on_press(Message::Undo)
        });
        let mut line = row![text(last).size(theme::SMALL_SIZE)]
            .push(undo)
            .push(iced::widget::space::horizontal())
            .spacing(theme::SPACING * 2.0)
            .align_y(iced::Alignment::Center);
        // An account with nothing to say yet (local folders, before a first pass) takes no room.
        let worth_showing = |a: &AccountStatus| !a.email.is_empty() && (a.online.is_some() || a.progress.is_some());
        for (id, account) in self.accounts.iter().filter(|(_, account)| worth_showing(account)) {
            let mut cell = row![text(account_words(account)).size(theme::SMALL_SIZE)].spacing(theme::SPACING);
            if let Some(action) = &account.attention {
                cell = cell.push(
                    button(text(attention_label(action)).size(theme::SMALL_SIZE))
                        .padding([2, 8])
                        .on_press(Message::Attend(*id, action.clone())),
                );
            }
            if let Some((_, done, total)) = &account.progress {
                cell = cell.push(
                    progress_bar(0.0..=*total as f32, *done as f32)
                        .length(Length::Fixed(80.0))
                        .girth(Length::Fixed(8.0)),
                );
            }
            line = line.push(cell.align_y(iced::Alignment::Center));
        }
        let queue = queue_words(self.outbox, self.pending);
        if !queue.is_empty() {
            line = line.push(text(queue).size(theme::SMALL_SIZE));
        }
        column![container(line).padding(4)].into()
    }
}

fn account_words(account: &AccountStatus) -> String {
    let email = account.email.clone();
    match (&account.progress, account.online) {
        (Some((folder, done, total)), _) => {
            let (folder, done, total) = (folder.clone(), *done, *total);
            crate::fl!("notice-syncing", account = email, folder = folder, done = done, total = total)
        }
        (None, Some(_)) if account.attention.is_some() => {
            crate::fl!("notice-needs-attention", account = email, reason = account.reason.clone())
        }
        (None, Some(true)) => crate::fl!("notice-online", account = email),
        (None, Some(false)) => crate::fl!("notice-offline", account = email, reason = account.reason.clone()),
        (None, None) => email,
    }
}

/// The button that leads to the fix.
fn attention_label(action: &Attention) -> String {
    match action {
        Attention::ReenterPassword => crate::fl!("attention-reenter-password"),
        Attention::SignInAgain => crate::fl!("attention-sign-in-again"),
        Attention::ReviewCertificate => crate::fl!("attention-review-certificate"),
        Attention::OpenProviderPage { .. } => crate::fl!("attention-open-provider"),
        Attention::EditSettings => crate::fl!("attention-edit-settings"),
    }
}

/// "2 in the outbox, 5 changes waiting for the server": what has not reached a server yet.
fn queue_words(outbox: usize, pending: u64) -> String {
    let mut parts = Vec::new();
    if outbox > 0 {
        parts.push(crate::fl!("notice-outbox", count = outbox));
    }
    if pending > 0 {
        parts.push(crate::fl!("notice-pending", count = pending));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_words_carry_no_bidi_isolation_marks() {
        // iced draws the marks Fluent puts around arguments as boxes.
        let account = AccountStatus { email: "a@b.c".into(), online: Some(true), ..AccountStatus::default() };
        assert_eq!(account_words(&account), "a@b.c: online");
        assert_eq!(queue_words(2, 1), "2 in the outbox, 1 change waiting for the server");
    }

    #[test]
    fn notices_repeat_once_and_stay_few() {
        let mut status = Status::default();
        status.report("same".into());
        status.report("same".into());
        assert_eq!(status.notice_count(), 1);
        for n in 0..10 {
            status.report(format!("error {n}"));
        }
        assert_eq!(status.notice_count(), MAX_NOTICES);
        assert_eq!(status.first_notice(), Some("error 5"), "the oldest go first");
    }
}
