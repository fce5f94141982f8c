//! Writing letters from the window: composer windows opened on a new letter, a reply, a
//! forward, a mailto: link or a saved draft; what happens when one is sent (the outbox first,
//! then the server), saved, autosaved or discarded.

use super::windows::{self, Message as WindowsMessage};
use super::{App, ComposeKind, Message};
use crate::engine::api::{Composition, EngineError, EngineHandle, Mailbox, SendOutcome};
use crate::model::{DraftId, FolderRole, OutboxId};
use crate::platform::mailto::MailtoDraft;
use crate::ui::composer::{self, Composer, Sender};
use crate::ui::file_dialog;
use iced::{Task, window};

impl App {
    /// Opens a composer on a new letter, or a reply or forward of the selected message.
    /// The letter is prepared off the window's thread (a reply reads and parses the original).
    pub(super) fn compose(&mut self, kind: ComposeKind) -> Task<Message> {
        let selected = self.list.selected();
        let open_account = self.sidebar.selected().map(|f| f.account);
        match (kind, selected) {
            (ComposeKind::New, _) => self.prepare(move |_, senders| {
                let account = open_account.or_else(|| senders.first().map(|s| s.account));
                let Some(account) = account else {
                    return Err(EngineError::config(crate::fl!("composer-no-account")));
                };
                Ok((Composition { account, signature: true, ..Composition::default() }, None))
            }),
            (_, None) => Task::none(),
            (ComposeKind::Reply, Some(id)) => self.prepare(move |engine, _| Ok((engine.reply(id, false)?, None))),
            (ComposeKind::ReplyAll, Some(id)) => self.prepare(move |engine, _| Ok((engine.reply(id, true)?, None))),
            (ComposeKind::Forward, Some(id)) => self.prepare(move |engine, _| Ok((engine.forward(id, false)?, None))),
        }
    }

    /// Reads the From choices and makes the letter on the engine's pool, then opens a composer.
    pub(super) fn prepare(
        &self,
        make: impl FnOnce(&EngineHandle, &[Sender]) -> Result<(Composition, Option<DraftId>), EngineError> + Send + 'static,
    ) -> Task<Message> {
        let engine = self.engine.clone();
        let work = async move {
            engine
                .off_thread(move |engine| {
                    let senders = senders_of(engine)?;
                    let (composition, draft) = make(engine, &senders)?;
                    Ok(Opening { senders, composition, draft })
                })
                .await
                .map_err(|err| err.to_string())
        };
        Task::perform(work, |prepared| Message::ComposerPrepared(Box::new(prepared)))
    }

    /// A letter is ready: its composer opens (or the window that already has the draft comes forward).
    pub(super) fn composer_prepared(&mut self, prepared: Result<Opening, String>) -> Task<Message> {
        let opening = match prepared {
            Ok(opening) => opening,
            Err(err) => return self.report(err),
        };
        if let Some(id) = opening.draft
            && let Some((window, _)) = self.windows.composers.iter().find(|(_, c)| c.draft_id == Some(id))
        {
            return window::gain_focus(*window);
        }
        let composer = match opening.draft {
            Some(id) => Composer::from_draft(opening.senders, id, opening.composition),
            None => Composer::new(opening.senders, opening.composition),
        };
        self.open_composer(composer)
    }

    /// Opens a composer on a mailto: link: its recipients, subject and text, from the account
    /// of the open folder (or the first one).
    pub fn compose_mailto(&mut self, draft: MailtoDraft) -> Task<Message> {
        let senders = self.senders().unwrap_or_default();
        let account = self.sidebar.selected().map(|f| f.account).or_else(|| senders.first().map(|s| s.account));
        let Some(account) = account else {
            self.notice = Some(crate::fl!("composer-mailto-no-account"));
            return Task::none();
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
        self.close_wizard();
        self.open_composer(Composer::new(senders, composition))
    }

    /// Continues a saved draft in a composer (or brings forward the window that has it open).
    pub fn continue_draft(&mut self, id: DraftId) -> Task<Message> {
        if let Some((window, _)) = self.windows.composers.iter().find(|(_, c)| c.draft_id == Some(id)) {
            return window::gain_focus(*window);
        }
        self.prepare(move |engine, _| Ok((engine.draft(id)?.composition, Some(id))))
    }

    /// The selected message continued as a draft, when the open folder is a Drafts folder.
    pub(super) fn continue_selected_draft(&mut self) -> Option<Task<Message>> {
        let in_drafts = self.sidebar.selected().is_some_and(|f| f.role == Some(FolderRole::Drafts));
        let message = self.list.selected().filter(|_| in_drafts)?;
        Some(self.prepare(move |engine, _| {
            let id = engine.draft_for_message(message)?;
            Ok((engine.draft(id)?.composition, Some(id)))
        }))
    }

    /// The composer of window `id` (tests read its fields and focus).
    pub fn composer(&self, id: window::Id) -> Option<&Composer> {
        self.windows.composers.get(&id)
    }

    /// Opens the window with the caret where writing starts (To for a new letter, the text
    /// for a reply).
    fn open_composer(&mut self, composer: Composer) -> Task<Message> {
        let (id, open) = window::open(windows::composer_window());
        let caret = composer.initial_focus().focus_id();
        self.windows.composers.insert(id, composer);
        open.discard().chain(iced::widget::operation::focus(caret))
    }

    fn senders(&self) -> Result<Vec<Sender>, String> {
        senders_of(&self.engine).map_err(|e| e.to_string())
    }

    pub(super) fn on_composer(&mut self, id: window::Id, message: composer::Message) -> Task<Message> {
        let Some(composer) = self.windows.composers.get_mut(&id) else { return Task::none() };
        match composer.update(message) {
            Some(composer::Event::Send(composition)) => self.send(id, &composition),
            Some(composer::Event::SaveDraft) => self.save_draft(id, false),
            Some(composer::Event::Discarded) => self.discard(id),
            Some(composer::Event::PickFiles) if !file_dialog::available() => {
                composer.show_problem(file_dialog::missing());
                Task::none()
            }
            Some(composer::Event::PickFiles) => {
                Task::perform(file_dialog::pick_files(crate::fl!("composer-attach-title"), Vec::new()), move |paths| {
                    Message::Windows(WindowsMessage::Composer(id, composer::Message::AddFiles(paths)))
                })
            }
            Some(composer::Event::ProbeFocus) => probe_focus(id),
            Some(composer::Event::Focus(slot)) => iced::widget::operation::focus(slot.focus_id()),
            // As the close button: the window's Closed event keeps unsaved words as a draft.
            Some(composer::Event::Close) => window::close(id),
            Some(composer::Event::Complete(typed)) => {
                let engine = self.engine.clone();
                let lookup = async move {
                    let asked = typed.clone();
                    engine.off_thread(move |engine| engine.known_addresses(&asked)).await.map(|known| (typed, known))
                };
                Task::perform(lookup, move |found| match found {
                    Ok((typed, known)) => {
                        Message::Windows(WindowsMessage::Composer(id, composer::Message::Suggested(typed, known)))
                    }
                    // No suggestions is all a failed lookup costs: the address can still be typed.
                    Err(_) => Message::Windows(WindowsMessage::Composer(
                        id,
                        composer::Message::Suggested(String::new(), Vec::new()),
                    )),
                })
            }
            None => Task::none(),
        }
    }

    /// In the outbox (durably, the draft removed) before anything touches the network, then to
    /// the server, both off this thread; the window stays until the server answers.
    fn send(&mut self, id: window::Id, composition: &Composition) -> Task<Message> {
        let engine = self.engine.clone();
        let Some(composer) = self.windows.composers.get_mut(&id) else { return Task::none() };
        let draft = composer.draft_id;
        composer.queued();
        self.say_ongoing(crate::fl!("composer-sending"), std::time::Instant::now());
        let composition = composition.clone();
        Task::perform(
            async move {
                let queued = engine.off_thread(move |engine| match draft {
                    Some(draft) => engine.queue_draft(draft, &composition),
                    None => engine.queue(&composition),
                });
                queued.await.map_err(|err| err.to_string())
            },
            move |queued| match queued {
                Ok((outgoing, message_id)) => Message::Windows(WindowsMessage::Queued(id, outgoing, message_id)),
                Err(problem) => Message::Windows(WindowsMessage::Refused(id, draft, problem)),
            },
        )
    }

    /// In the outbox: the outbox count shows it, and the server is asked now.
    pub(super) fn on_queued(&mut self, id: window::Id, outgoing: OutboxId, message_id: String) -> Task<Message> {
        let engine = self.engine.clone();
        let send = Task::perform(
            async move { engine.send_queued_now(outgoing, message_id).await.map_err(|e| e.to_string()) },
            move |result| Message::Windows(WindowsMessage::SendFinished(id, result)),
        );
        Task::batch([self.read_overview(), send])
    }

    /// Saves the letter of window `id` as a draft, off this thread (`by_autosave`: nobody
    /// asked). One save at a time per letter: a second would make a second draft before the
    /// first one's id is known; edits made meanwhile go with the next autosave.
    pub(super) fn save_draft(&mut self, id: window::Id, by_autosave: bool) -> Task<Message> {
        let Some(composer) = self.windows.composers.get_mut(&id) else { return Task::none() };
        if composer.is_saving() {
            return Task::none();
        }
        composer.save_started();
        Task::perform(draft_saved(self.engine.clone(), composer), move |saved| {
            Message::Windows(WindowsMessage::DraftSaved(id, by_autosave, saved))
        })
    }

    /// A draft save came back. One that arrives after the letter went to the outbox made a
    /// stray copy in Drafts (the outbox has the letter): that copy goes.
    pub(super) fn on_draft_saved(
        &mut self,
        id: window::Id,
        by_autosave: bool,
        saved: Result<DraftId, String>,
    ) -> Task<Message> {
        match (self.windows.composers.get_mut(&id), saved) {
            (Some(composer), Ok(draft)) if composer.is_sending() => {
                let engine = self.engine.clone();
                // Gone already when the outbox took this very draft: nothing to say then.
                Task::perform(
                    async move { engine.off_thread(move |engine| engine.delete_draft(draft)).await.ok() },
                    |_| Message::Outbox(crate::ui::outbox::Message::Answered(Ok(()))),
                )
            }
            (Some(composer), Ok(draft)) => {
                composer.saved(draft, by_autosave);
                self.read_overview()
            }
            (Some(composer), Err(problem)) => {
                composer.save_failed(problem);
                Task::none()
            }
            // The window closed meanwhile: the draft stays, as the person left it.
            (None, saved) => {
                if let Err(problem) = saved {
                    self.notice = Some(crate::fl!("composer-draft-not-kept", reason = problem));
                }
                self.read_overview()
            }
        }
    }

    /// Closes the window without sending; a draft only autosave made goes too (off this thread).
    fn discard(&mut self, id: window::Id) -> Task<Message> {
        let close = window::close(id);
        let Some(composer) = self.windows.composers.remove(&id) else { return close };
        let Some(draft) = composer.draft_id.filter(|_| composer.autosaved_only()) else { return close };
        Task::batch([close, self.outbox_work(move |engine| engine.delete_draft(draft))])
    }

    /// Sent or queued: the window closes. Refused: the letter comes back as a draft, open in
    /// its window with the reason, so nothing typed is lost.
    pub(super) fn on_send_finished(&mut self, id: window::Id, result: Result<SendOutcome, String>) -> Task<Message> {
        self.sending_done();
        match result {
            Ok(SendOutcome::Sent { .. }) => self.status = crate::fl!("composer-sent"),
            Ok(SendOutcome::Queued { reason, .. }) => self.status = crate::fl!("composer-queued", reason = reason),
            Ok(SendOutcome::Held { id: outgoing, problem, .. }) => {
                // Back from the outbox into Drafts (off this thread), then into its window.
                let engine = self.engine.clone();
                let problem = problem.to_string();
                return Task::perform(
                    async move { engine.off_thread(move |engine| engine.edit_outgoing(outgoing)).await.ok() },
                    move |draft| Message::Windows(WindowsMessage::Refused(id, draft, problem.clone())),
                );
            }
            // The letter is in the outbox whatever went wrong here: the outbox tries it again.
            Err(err) => self.notice = Some(crate::fl!("composer-queued", reason = err)),
        }
        let refresh = self.after_change();
        if self.windows.composers.remove(&id).is_some() {
            return Task::batch([refresh, window::close(id)]);
        }
        refresh
    }

    /// The letter is a draft again, refused: its window shows why (if the person closed it
    /// meanwhile, the main window does).
    pub(super) fn on_refused(&mut self, id: window::Id, draft: Option<DraftId>, problem: String) -> Task<Message> {
        self.sending_done();
        match self.windows.composers.get_mut(&id) {
            Some(composer) => composer.refused(draft, problem),
            None => self.notice = Some(problem),
        }
        self.after_change()
    }

    /// "Sending…" ends with the answer, whatever it is (it would otherwise stay for minutes).
    fn sending_done(&mut self) {
        self.stop_saying(&crate::fl!("composer-sending"));
    }
}

/// Asks the window which of the composer's text fields has keyboard focus, and gives the answer
/// to the composer.
fn probe_focus(id: window::Id) -> Task<Message> {
    let probes = composer::Slot::text_fields()
        .map(|slot| iced::widget::operation::is_focused(slot.focus_id()).map(move |focused| (slot, focused)));
    Task::batch(probes).collect().map(move |answers| {
        let found = answers.into_iter().find(|(_, focused)| *focused).map(|(slot, _)| slot);
        Message::Windows(WindowsMessage::Composer(id, composer::Message::FocusFound(found)))
    })
}

/// A composer's start, made off the window's thread: the From choices and the letter.
#[derive(Debug, Clone)]
pub struct Opening {
    senders: Vec<Sender>,
    composition: Composition,
    /// The saved draft it continues, if any.
    draft: Option<DraftId>,
}

/// Every From choice: each account's own address, then its other addresses.
fn senders_of(engine: &EngineHandle) -> Result<Vec<Sender>, EngineError> {
    let mut senders = Vec::new();
    for (id, account) in engine.accounts()? {
        senders.push(Sender { account: id, account_address: account.email.clone(), from: None });
        senders.extend(account.identities.into_iter().map(|identity| Sender {
            account: id,
            account_address: account.email.clone(),
            from: Some(Mailbox { name: identity.name, email: identity.email }),
        }));
    }
    Ok(senders)
}

/// Saves a composer's letter as its draft on the engine's blocking pool; the draft's id.
pub(super) fn draft_saved(
    engine: EngineHandle,
    composer: &Composer,
) -> impl std::future::Future<Output = Result<DraftId, String>> + use<> {
    let (draft, composition) = (composer.draft_id, composer.composition());
    async move { engine.off_thread(move |engine| engine.save_draft(draft, &composition)).await.map_err(|e| e.to_string()) }
}
