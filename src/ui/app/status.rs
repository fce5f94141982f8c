//! The status line and the notices: each account's connectivity and sync progress (from the
//! engine's events), what waits for a server (pending changes, the outbox), the last thing done
//! (which clears itself after a few seconds or when another letter or folder is opened, with an
//! Undo that names its action and goes with it), and errors as notices the user dismisses one
//! by one (they never expire, nor does an account's "needs attention").

use super::App;
use crate::engine::api::{Attention, BatchKind, Connectivity, Event};
use crate::model::{AccountId, Flag};
use crate::ui::theme;
use iced::widget::{Column, button, column, container, progress_bar, row, text};
use iced::{Element, Length};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long the last thing done ("Moved 1 message", "5 found", "Undone") stays in the line.
pub const SHOWN_FOR: Duration = Duration::from_secs(6);
/// A state that lasts until something replaces it ("Sending…", "Searching on the server…"):
/// kept much longer, but not for ever if nothing ever does.
pub const ONGOING_SHOWN_FOR: Duration = Duration::from_secs(120);

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

/// The status line's last words as `update` last saw them: since when, and whether they came
/// with the Undo of the last batch (its button shows only beside them).
#[derive(Debug, Default)]
pub struct Said {
    words: String,
    since: Option<Instant>,
    with_undo: bool,
    /// A state that lasts until something replaces it (see [`ONGOING_SHOWN_FOR`]).
    ongoing: bool,
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
                        text(crate::ui::format::sentence(&notice.text)).width(Length::Fill),
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
    /// `undo` labels the Undo button, when the last words came with one.
    pub fn line_view<'a>(&'a self, last: &'a str, undo: Option<String>) -> Element<'a, Message> {
        let undo =
            undo.map(|label| button(text(label).size(theme::SMALL_SIZE)).padding([2, 8]).on_press(Message::Undo));
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

impl App {
    /// After each update: words that changed start their time in the line (and lose an Undo
    /// they did not come with).
    pub(super) fn note_status(&mut self, now: Instant) {
        if self.status != self.said.words {
            let since = (!self.status.is_empty()).then_some(now);
            self.said = Said { words: self.status.clone(), since, ..Said::default() };
        }
    }

    /// A batch is done: its words and its Undo, for a fresh few seconds (even when the same
    /// words were already there from the batch before).
    pub(super) fn say_with_undo(&mut self, words: String, now: Instant) {
        self.status = words;
        self.said = Said { words: self.status.clone(), since: Some(now), with_undo: true, ongoing: false };
    }

    /// A state that lasts until its answer replaces it ("Sending…", "Searching on the server…").
    pub(super) fn say_ongoing(&mut self, words: String, now: Instant) {
        self.status = words;
        self.said = Said { words: self.status.clone(), since: Some(now), with_undo: false, ongoing: true };
    }

    /// A state is over (its answer came, or a refusal): its words go, unless something else was
    /// said since.
    pub(super) fn stop_saying(&mut self, words: &str) {
        if self.said.ongoing && self.status == words {
            self.clear_status();
        }
    }

    /// A tick a second while the line has words that clear themselves.
    pub(super) fn status_clock(&self) -> Option<iced::Subscription<super::Message>> {
        self.said.since.map(|_| iced::time::every(Duration::from_secs(1)).map(super::Message::StatusTick))
    }

    /// A tick: words older than their time go, with their Undo button.
    pub(super) fn status_tick(&mut self, now: Instant) -> iced::Task<super::Message> {
        let shown_for = if self.status_is_ongoing() { ONGOING_SHOWN_FOR } else { SHOWN_FOR };
        if self.said.since.is_some_and(|since| now.saturating_duration_since(since) >= shown_for) {
            self.clear_status();
        }
        iced::Task::none()
    }

    /// Another letter or folder is opened: what was said about the last one goes (a batch's
    /// words stay for their few seconds, so its Undo can still be pressed; so does a state
    /// that lasts).
    pub(super) fn status_context_changed(&mut self) {
        if !self.said.with_undo && !self.status_is_ongoing() {
            self.clear_status();
        }
    }

    /// The Undo button's label ("Undo move"), while the last batch's words are shown.
    pub(super) fn undo_offer(&self) -> Option<String> {
        let shown = self.said.with_undo && !self.status.is_empty() && self.said.words == self.status;
        self.undo.as_ref().filter(|_| shown).map(|undo| undo_label(&undo.kind))
    }

    fn clear_status(&mut self) {
        self.status.clear();
        self.said = Said::default();
    }

    /// Words about work still under way, which only its end replaces.
    fn status_is_ongoing(&self) -> bool {
        self.search_rebuild.is_some() || self.said.ongoing
    }
}

/// "Undo move", "Undo delete": what the Undo button takes back.
fn undo_label(kind: &BatchKind) -> String {
    match kind {
        BatchKind::Moved => crate::fl!("notice-undo-moved"),
        BatchKind::Copied => crate::fl!("notice-undo-copied"),
        BatchKind::Deleted => crate::fl!("notice-undo-deleted"),
        BatchKind::Junk => crate::fl!("notice-undo-junk"),
        BatchKind::NotJunk => crate::fl!("notice-undo-not-junk"),
        BatchKind::Ruled => crate::fl!("notice-undo-rules"),
        BatchKind::Flagged(change) if change.flag == Flag::Seen => crate::fl!("notice-undo-marked"),
        BatchKind::Flagged(_) => crate::fl!("notice-undo-flag"),
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
