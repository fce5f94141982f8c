//! Writing letters from the window: the composer opened on a new letter, a reply, a forward or
//! a mailto: link, and what happens when it is sent (the outbox first, then the server).

use super::{App, ComposeKind, Message};
use crate::engine::api::{Composition, SendOutcome};
use crate::platform::mailto::MailtoDraft;
use crate::ui::composer::{self, Composer};
use iced::Task;

impl App {
    /// Opens the composer on a new letter, or a reply or forward of the selected message.
    pub(super) fn compose(&mut self, kind: ComposeKind) -> Task<Message> {
        let accounts: Vec<String> = match self.engine.accounts() {
            Ok(accounts) => accounts.into_iter().map(|a| a.email).collect(),
            Err(err) => return self.report(err.to_string()),
        };
        let selected = self.list.selected();
        let draft = match (kind, selected) {
            (ComposeKind::New, _) => {
                let account = self.sidebar.selected().map(|f| f.account.clone()).or_else(|| accounts.first().cloned());
                let Some(account) = account else { return self.report(crate::fl!("notice-add-account-first")) };
                Ok(Composition { account, signature: true, ..Composition::default() })
            }
            (_, None) => return Task::none(),
            (ComposeKind::Reply, Some(id)) => self.engine.reply(id, false),
            (ComposeKind::ReplyAll, Some(id)) => self.engine.reply(id, true),
            (ComposeKind::Forward, Some(id)) => self.engine.forward(id, false),
        };
        match draft {
            Ok(draft) => self.composer = Some(Composer::new(accounts, draft)),
            Err(err) => self.notice = Some(err.to_string()),
        }
        Task::none()
    }

    /// Opens the composer on a mailto: link: its recipients, subject and text, from the account
    /// of the open folder (or the first one).
    pub fn compose_mailto(&mut self, draft: MailtoDraft) {
        let accounts: Vec<String> =
            self.engine.accounts().map(|a| a.into_iter().map(|a| a.email).collect()).unwrap_or_default();
        let account = self.sidebar.selected().map(|f| f.account.clone()).or_else(|| accounts.first().cloned());
        let Some(account) = account else {
            self.notice = Some(crate::fl!("notice-add-account-for-link"));
            return;
        };
        let composition = Composition {
            account,
            to: draft.to,
            cc: draft.cc,
            bcc: draft.bcc,
            subject: draft.subject.unwrap_or_default(),
            body: draft.body.unwrap_or_default(),
            in_reply_to: draft.in_reply_to,
            signature: true,
            ..Composition::default()
        };
        self.wizard = None;
        self.composer = Some(Composer::new(accounts, composition));
    }

    pub(super) fn on_composer(&mut self, message: composer::Message) -> Task<Message> {
        let Some(composer) = self.composer.as_mut() else { return Task::none() };
        match composer.update(message) {
            Some(composer::Event::Send(composition)) => {
                let engine = self.engine.clone();
                self.status = crate::fl!("notice-sending");
                if let Some(draft) = composer.draft_id {
                    if let Err(err) = engine.save_draft(Some(draft), &composition) {
                        composer.show_problem(err.to_string());
                        return Task::none();
                    }
                    return Task::perform(
                        async move { engine.send_draft(draft).await.map_err(|e| e.to_string()) },
                        Message::SendFinished,
                    );
                }
                // In the outbox (durably) before anything touches the network.
                match engine.queue(&composition) {
                    Ok((id, message_id)) => Task::perform(
                        async move { engine.send_queued_now(id, message_id).await.map_err(|e| e.to_string()) },
                        Message::SendFinished,
                    ),
                    Err(err) => {
                        composer.show_problem(err.to_string());
                        Task::none()
                    }
                }
            }
            Some(composer::Event::SaveDraft(composition)) => {
                match self.engine.save_draft(composer.draft_id, &composition) {
                    Ok(id) => {
                        composer.draft_id = Some(id);
                        self.status = crate::fl!("notice-draft-saved");
                    }
                    Err(err) => composer.show_problem(err.to_string()),
                }
                Task::none()
            }
            Some(composer::Event::Discarded) => {
                self.composer = None;
                Task::none()
            }
            None => Task::none(),
        }
    }

    /// Sent or queued: the composer closes. Refused: the letter comes back as a draft, open in
    /// the composer with the reason, so nothing typed is lost.
    pub(super) fn on_send_finished(&mut self, result: Result<SendOutcome, String>) -> Task<Message> {
        match result {
            Ok(SendOutcome::Sent { .. }) => {
                self.composer = None;
                self.status = crate::fl!("notice-sent");
            }
            Ok(SendOutcome::Queued { reason, .. }) => {
                self.composer = None;
                self.status = crate::fl!("notice-queued", reason = reason.as_str());
            }
            Ok(SendOutcome::Held { id, problem, .. }) => {
                let reopened = self.engine.edit_outgoing(id).and_then(|draft| self.engine.draft(draft));
                match (reopened, self.composer.as_mut()) {
                    (Ok(draft), Some(composer)) => {
                        composer.draft_id = Some(draft.id);
                        composer.show_problem(problem.to_string());
                    }
                    _ => self.notice = Some(problem.to_string()),
                }
            }
            Err(err) => match self.composer.as_mut() {
                Some(composer) => composer.show_problem(err),
                None => self.notice = Some(err),
            },
        }
        self.refresh();
        Task::none()
    }
}
