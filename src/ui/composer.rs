//! The composer: a new letter, a reply, a forward or a draft, edited in its own window. It owns
//! the fields, the address suggestions and the attachments; sending, saving and the questions it
//! cannot answer itself (known addresses, the file dialog) go up to the app as events. The engine
//! builds the bytes, queues them in the outbox and files the copies.

mod attachments;
mod checks;
mod completion;
mod focus;
mod recipients;
mod undo;
mod view;

use crate::engine::api::{Composition, KnownAddress, Mailbox};
use crate::model::{AccountId, DraftId};
pub use checks::SendCheck;
use completion::Completion;
pub use completion::Field;
pub use focus::{Intent, Slot};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::text_editor;
use recipients::RecipientsField;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use undo::History;

/// Autosave waits for this pause in typing, so a draft is not rewritten on every keystroke.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(5);
/// Suggestions start once an entry has this many characters.
const COMPLETE_FROM: usize = 2;
/// Above this total the composer warns: providers refuse large letters (Gmail and Mail.ru at
/// 25 MB, Yandex at 30 MB), and base64 makes attachments a third larger on the wire.
pub const LARGE_ATTACHMENTS: u64 = 20 * 1024 * 1024;
/// A single file above this is refused outright: no provider would take it, and the letter is
/// kept in memory and in the database.
pub const MAX_ATTACHMENT: u64 = 64 * 1024 * 1024;

/// A From choice: an account with its own address (`from` None) or one of its other addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub account: AccountId,
    /// The account's address: the From choice shows it (every choice of the list is drawn).
    pub account_address: String,
    pub from: Option<Mailbox>,
}

impl std::fmt::Display for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.from {
            Some(mailbox) => mailbox.fmt(f),
            None => f.write_str(&self.account_address),
        }
    }
}

/// The text and the caret, as undo restores them.
type BodyState = (String, text_editor::Cursor);

pub struct Composer {
    /// Who the letter can be from: each account, and each of its other addresses.
    senders: Vec<Sender>,
    draft: Composition,
    to: RecipientsField,
    cc: RecipientsField,
    bcc: RecipientsField,
    subject_history: History<String>,
    body: text_editor::Content,
    body_history: History<BodyState>,
    /// The field last typed into or reached with Tab (or the control focused by the composer).
    focus: Slot,
    /// The draft this letter is saved as, once saved.
    pub draft_id: Option<DraftId>,
    /// The draft exists only because autosave made it in this window: discarding the letter
    /// removes it (an explicitly saved or reopened draft stays).
    autosaved_only: bool,
    /// When the oldest unsaved edit happened (None: nothing to save).
    unsaved_since: Option<Instant>,
    /// When the latest edit happened (autosave waits for a pause after it).
    last_edit: Option<Instant>,
    /// Handed to the outbox; waiting for the server's answer.
    sending: bool,
    /// A save is on its way to the store: no second one starts (it would make a second draft
    /// before the first one's id is known).
    saving: bool,
    completion: Option<Completion>,
    /// The field whose last entry was sent for completion.
    completing: Option<Field>,
    problem: Option<String>,
    status: Option<String>,
    /// Discard was pressed on a letter with the person's own words in it: asked once more.
    confirm_discard: bool,
    /// Send was pressed on a letter that may not be ready (no subject, an attachment mentioned
    /// but missing): asked first.
    confirm_send: Option<SendCheck>,
    /// The drawn height of the To, Cc and Bcc rows (they grow with their tokens): the
    /// suggestions' layer is placed under the field being typed with them.
    field_heights: [f32; 3],
}

#[derive(Debug, Clone)]
pub enum Message {
    From(Sender),
    Address(Field, String),
    /// The × on a recipient token.
    RemoveRecipient(Field, usize),
    /// A click on a recipient token: its address goes back into the entry to be corrected.
    EditRecipient(Field, usize),
    /// A click in a recipients field beside its tokens: the caret goes to its entry.
    FocusField(Field),
    /// A recipients row was drawn this tall.
    Measured(Field, f32),
    Subject(String),
    Body(text_editor::Action),
    /// A key that acts on the focused field (Tab, Ctrl+Z, …).
    Key(Intent),
    /// The same, from a field that knows it has focus (the text's own key bindings).
    Focused(Intent, Option<Slot>),
    /// A click in the window: the focus may have moved (the app asks the window where).
    Clicked,
    /// The window's answer (None: no text field has focus).
    FocusFound(Option<Slot>),
    PickFiles,
    /// Files chosen in the dialog or dropped onto the window.
    AddFiles(Vec<PathBuf>),
    RemoveAttachment(usize),
    NextSuggestion,
    PreviousSuggestion,
    /// Takes the highlighted suggestion (or the one clicked).
    AcceptSuggestion(Option<usize>),
    CloseSuggestions,
    /// The known addresses for this text, looked up off the window's thread (dropped when the
    /// entry no longer holds that text: the person typed on meanwhile).
    Suggested(String, Vec<KnownAddress>),
    Send,
    /// The question before sending answered with "send anyway" (the later checks still run).
    SendAnyway(SendCheck),
    /// The question before sending answered with "go back" (to the subject, for no subject).
    KeepEditing,
    SaveDraft,
    /// Ctrl+W: closes the window as its close button does (unsaved words kept as a draft).
    Close,
    /// Throws the letter away (asks first when the person wrote something that is not saved).
    Discard,
    /// The question "Discard this letter?" answered with no.
    KeepWriting,
}

/// What the app must do.
#[derive(Debug, Clone)]
pub enum Event {
    Send(Box<Composition>),
    /// Save the letter as it stands (the app asks for [`Composer::composition`]).
    SaveDraft,
    Discarded,
    PickFiles,
    /// Look up known addresses starting with this text.
    Complete(String),
    /// Ask the window which text field has focus, then answer with [`Message::FocusFound`].
    ProbeFocus,
    /// Give keyboard focus to this place (a control without real focus takes it from the fields).
    Focus(Slot),
    /// Close the window as its close button does.
    Close,
}

/// The text's own keys: Ctrl+Enter sends (the editor would take Enter as a new line before the
/// window sees it), Tab and Shift+Tab leave it, Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes.
fn editor_keys(press: text_editor::KeyPress) -> Option<text_editor::Binding<Message>> {
    use text_editor::Binding::Custom;
    let modifiers = press.modifiers;
    let focused = matches!(press.status, text_editor::Status::Focused { .. });
    match press.key.as_ref() {
        Key::Named(Named::Enter) if modifiers.control() => Some(Custom(Message::Send)),
        Key::Named(Named::Tab) if focused && !modifiers.control() => {
            Some(Custom(Message::Focused(Intent::Tab(modifiers.shift()), Some(Slot::Body))))
        }
        _ if focused && modifiers.control() => match press.key.to_latin(press.physical_key) {
            Some('z') if modifiers.shift() => Some(Custom(Message::Focused(Intent::Redo, Some(Slot::Body)))),
            Some('z') => Some(Custom(Message::Focused(Intent::Undo, Some(Slot::Body)))),
            Some('y') => Some(Custom(Message::Focused(Intent::Redo, Some(Slot::Body)))),
            _ => text_editor::Binding::from_key_press(press),
        },
        _ => text_editor::Binding::from_key_press(press),
    }
}

impl Composer {
    /// A composer on `draft` (a new letter, a reply or a forward from the engine). A quote
    /// kept apart by an older draft joins the text, where it can be trimmed or answered inline.
    pub fn new(senders: Vec<Sender>, mut draft: Composition) -> Composer {
        let field =
            |list: &[String]| RecipientsField { value: recipients::Recipients::from_list(list), ..Default::default() };
        if let Some(quoted) = draft.quoted.take() {
            draft.body = format!("{}\n\n{}", draft.body.trim_end(), quoted.trim_end()).trim_start().to_string();
        }
        let mut body = text_editor::Content::with_text(&draft.body);
        if draft.caret_at_end {
            body.perform(text_editor::Action::Move(text_editor::Motion::DocumentEnd));
        }
        let mut composer = Composer {
            to: field(&draft.to),
            cc: field(&draft.cc),
            bcc: field(&draft.bcc),
            subject_history: History::default(),
            body,
            body_history: History::default(),
            focus: Slot::To,
            senders,
            draft,
            draft_id: None,
            autosaved_only: false,
            unsaved_since: None,
            last_edit: None,
            sending: false,
            saving: false,
            completion: None,
            completing: None,
            problem: None,
            status: None,
            confirm_discard: false,
            confirm_send: None,
            field_heights: [view::ROW_HEIGHT; 3],
        };
        composer.focus = composer.initial_focus();
        composer
    }

    /// A composer continuing a saved draft.
    pub fn from_draft(senders: Vec<Sender>, id: DraftId, draft: Composition) -> Composer {
        Composer { draft_id: Some(id), ..Composer::new(senders, draft) }
    }

    /// The letter as it stands, for sending or saving.
    pub fn composition(&self) -> Composition {
        Composition {
            to: self.to.value.list(),
            cc: self.cc.value.list(),
            bcc: self.bcc.value.list(),
            body: self.body.text(),
            ..self.draft.clone()
        }
    }

    /// The From choice the letter has now.
    fn sender(&self) -> Sender {
        let account = self.draft.account;
        let address = self.senders.iter().find(|s| s.account == account).map(|s| s.account_address.clone());
        Sender { account, account_address: address.unwrap_or_default(), from: self.draft.from.clone() }
    }

    /// The place the composer holds as focused (the last field typed into or reached with Tab).
    pub fn focus(&self) -> Slot {
        self.focus
    }

    pub fn subject(&self) -> &str {
        &self.draft.subject
    }

    /// Edits that no draft holds yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved_since.is_some() && !self.sending
    }

    /// Autosave is due: unsaved edits and no typing for [`AUTOSAVE_AFTER`].
    pub fn autosave_due(&self, now: Instant) -> bool {
        !self.saving
            && self.has_unsaved_changes()
            && self.last_edit.is_some_and(|at| now.saturating_duration_since(at) >= AUTOSAVE_AFTER)
    }

    /// Discarding removes the draft only autosave made.
    pub fn autosaved_only(&self) -> bool {
        self.autosaved_only
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        // A problem stays until the person does something (a click to read it is not that).
        if !matches!(message, Message::Clicked | Message::FocusFound(_) | Message::Measured(..)) {
            self.problem = None;
        }
        match message {
            Message::From(sender) => {
                self.draft.account = sender.account;
                self.draft.from = sender.from;
                self.edited();
            }
            Message::Address(field, value) => return self.address_typed(field, &value),
            Message::RemoveRecipient(field, index) => {
                let field = self.recipients_mut(field);
                field.history.record(&field.value.clone(), true);
                field.value.remove(index);
                self.edited();
            }
            Message::EditRecipient(field, index) => {
                let recipients = self.recipients_mut(field);
                let before = recipients.value.clone();
                if recipients.value.edit(index) {
                    recipients.history.record(&before, true);
                    self.completion = None;
                    self.edited();
                }
                self.move_focus(field.slot());
                return Some(Event::Focus(self.focus));
            }
            Message::FocusField(field) => {
                self.move_focus(field.slot());
                return Some(Event::Focus(self.focus));
            }
            Message::Measured(field, height) => self.field_heights[field as usize] = height,
            Message::Subject(value) => {
                self.move_focus(Slot::Subject);
                self.subject_history.record(&self.draft.subject, false);
                self.draft.subject = value;
                self.edited();
            }
            Message::Body(action) => {
                // The wheel over the text leaves the caret where it is.
                if !matches!(action, text_editor::Action::Scroll { .. }) {
                    self.move_focus(Slot::Body);
                }
                if action.is_edit() {
                    let before = self.body_state();
                    self.body_history.record(&before, false);
                    self.edited();
                }
                self.body.perform(action);
            }
            Message::Key(intent) => return self.act(intent, None),
            Message::Focused(intent, found) => return self.act(intent, found),
            Message::Clicked => return Some(Event::ProbeFocus),
            // A click on a button or on nothing leaves the composer's own record as it was.
            Message::FocusFound(found) => self.move_focus(found.unwrap_or(self.focus)),
            Message::PickFiles => {
                self.confirm_send = None;
                return Some(Event::PickFiles);
            }
            Message::AddFiles(paths) => {
                // Attached from the question about a missing attachment: asked no more.
                self.confirm_send = None;
                self.attach(&paths);
            }
            Message::RemoveAttachment(index) => {
                if index < self.draft.attachments.len() {
                    self.draft.attachments.remove(index);
                    self.edited();
                }
            }
            Message::Suggested(typed, known) => {
                let current = self.completing.map(|field| self.recipients(field).value.entry.trim().to_string());
                if current.as_deref() == Some(typed.as_str()) {
                    self.show_suggestions(known);
                }
            }
            Message::NextSuggestion => self.completion.iter_mut().for_each(|c| c.step(1)),
            Message::PreviousSuggestion => self.completion.iter_mut().for_each(|c| c.step(-1)),
            Message::AcceptSuggestion(index) => return self.accept_suggestion(index),
            Message::CloseSuggestions => {
                // Escape also took the caret out of the field (the text input's own Escape).
                let field = self.completion.take()?.field;
                return Some(Event::Focus(field.slot()));
            }
            Message::Send if self.sending => {}
            Message::Send => return self.checked_send(None),
            Message::SendAnyway(_) if self.sending => {}
            Message::SendAnyway(answered) => return self.checked_send(Some(answered)),
            Message::KeepEditing => {
                if self.confirm_send.take() == Some(SendCheck::NoSubject) {
                    self.move_focus(Slot::Subject);
                    return Some(Event::Focus(Slot::Subject));
                }
            }
            Message::SaveDraft => return Some(Event::SaveDraft),
            Message::Close => return Some(Event::Close),
            Message::Discard if !self.confirm_discard && self.has_unkept_words() => self.confirm_discard = true,
            Message::Discard => return Some(Event::Discarded),
            Message::KeepWriting => self.confirm_discard = false,
        }
        None
    }

    /// Whether discarding would lose words the person wrote: edits since the window opened
    /// that are unsaved, or saved only by autosave (which discarding removes).
    fn has_unkept_words(&self) -> bool {
        self.unsaved_since.is_some() || self.autosaved_only
    }

    /// The window's keys: Ctrl+Enter sends, Ctrl+S saves, Ctrl+W closes, Ctrl+Z undoes and Ctrl+Shift+Z (or
    /// Ctrl+Y) redoes in the focused field, Tab and Shift+Tab move; with suggestions open,
    /// Down/Up move, Enter or Tab take one, Escape closes them; otherwise Enter or Space press
    /// the focused button and Up/Down change the sender when it is focused. Keys a focused field
    /// used never arrive here (Escape does: the window sends it even then).
    pub fn on_key(&self, key: &Key, modifiers: Modifiers) -> Option<Message> {
        if modifiers.control() {
            return match key.as_ref() {
                Key::Named(Named::Enter) => Some(Message::Send),
                Key::Character("s" | "S") => Some(Message::SaveDraft),
                Key::Character("w" | "W") => Some(Message::Close),
                Key::Character("z" | "Z") if modifiers.shift() => Some(Message::Key(Intent::Redo)),
                Key::Character("z" | "Z") => Some(Message::Key(Intent::Undo)),
                Key::Character("y" | "Y") => Some(Message::Key(Intent::Redo)),
                _ => None,
            };
        }
        if self.completion.is_some() {
            return match key.as_ref() {
                Key::Named(Named::ArrowDown) => Some(Message::NextSuggestion),
                Key::Named(Named::ArrowUp) => Some(Message::PreviousSuggestion),
                Key::Named(Named::Enter | Named::Tab) => Some(Message::AcceptSuggestion(None)),
                Key::Named(Named::Escape) => Some(Message::CloseSuggestions),
                _ => None,
            };
        }
        let intent = match key.as_ref() {
            Key::Named(Named::Tab) => Intent::Tab(modifiers.shift()),
            Key::Named(Named::Enter | Named::Space) => Intent::Activate,
            Key::Named(Named::ArrowDown) => Intent::Step(1),
            Key::Named(Named::ArrowUp) => Intent::Step(-1),
            _ => return None,
        };
        Some(Message::Key(intent))
    }

    /// The known addresses for what was typed last (empty: no list).
    pub fn show_suggestions(&mut self, suggestions: Vec<KnownAddress>) {
        self.completion = match self.completing {
            Some(field) if !suggestions.is_empty() => Some(Completion::new(field, suggestions)),
            _ => None,
        };
    }

    /// A save was handed to the engine; edits made meanwhile wait for the next one.
    pub fn save_started(&mut self) {
        self.saving = true;
        self.unsaved_since = None;
    }

    /// Whether a save is on its way (an explicit one waits for it).
    pub fn is_saving(&self) -> bool {
        self.saving
    }

    /// Whether the letter went to the outbox (a save that comes back now made a stray draft).
    pub fn is_sending(&self) -> bool {
        self.sending
    }

    /// The save failed: the edits are unsaved again, and the reason is shown.
    pub fn save_failed(&mut self, problem: String) {
        self.saving = false;
        self.unsaved_since.get_or_insert_with(Instant::now);
        self.problem = Some(crate::ui::format::sentence(&problem));
    }

    /// Saved as draft `id` (by autosave or by the person). Edits made while it was saved stay
    /// unsaved (their time was set after [`Self::save_started`]).
    pub fn saved(&mut self, id: DraftId, by_autosave: bool) {
        self.saving = false;
        if self.draft_id.is_none() {
            self.autosaved_only = by_autosave;
        } else if !by_autosave {
            self.autosaved_only = false;
        }
        self.draft_id = Some(id);
        self.status = Some(crate::fl!("composer-draft-saved"));
    }

    /// In the outbox: the draft is gone, and nothing is left to save.
    pub fn queued(&mut self) {
        self.draft_id = None;
        self.unsaved_since = None;
        self.sending = true;
        self.status = Some(crate::fl!("composer-sending"));
    }

    /// The server refused it: the letter is a draft again (`draft`), open to fix.
    pub fn refused(&mut self, draft: Option<DraftId>, problem: String) {
        self.sending = false;
        self.draft_id = draft;
        self.autosaved_only = false;
        self.status = None;
        self.problem = Some(crate::ui::format::sentence(&problem));
    }

    /// A refusal to show in the composer (the letter stays open to fix).
    pub fn show_problem(&mut self, problem: String) {
        self.problem = Some(crate::ui::format::sentence(&problem));
    }

    fn edited(&mut self) {
        let now = Instant::now();
        self.unsaved_since.get_or_insert(now);
        self.last_edit = Some(now);
        self.status = None;
    }

    fn recipients_mut(&mut self, field: Field) -> &mut RecipientsField {
        match field {
            Field::To => &mut self.to,
            Field::Cc => &mut self.cc,
            Field::Bcc => &mut self.bcc,
        }
    }

    fn recipients(&self, field: Field) -> &RecipientsField {
        match field {
            Field::To => &self.to,
            Field::Cc => &self.cc,
            Field::Bcc => &self.bcc,
        }
    }

    fn address_typed(&mut self, field: Field, value: &str) -> Option<Event> {
        self.move_focus(field.slot());
        let recipients = self.recipients_mut(field);
        let before = recipients.value.clone();
        let mut after = before.clone();
        let tokens_changed = after.typed(value);
        if after == before {
            return None;
        }
        recipients.history.record(&before, tokens_changed);
        recipients.value = after;
        let typed = recipients.value.entry.trim().to_string();
        self.edited();
        self.completing = Some(field);
        if tokens_changed {
            // A new token moves the entry along its row, and iced gives a widget that moved a
            // fresh, unfocused state: the focus is asked for again, or the next key is lost.
            self.completion = None;
            return Some(Event::Focus(field.slot()));
        }
        // One letter would match half the address book: suggestions start with the second.
        if typed.chars().count() < COMPLETE_FROM {
            self.completion = None;
            return None;
        }
        Some(Event::Complete(typed))
    }

    /// The focus moves to `to`: leaving a recipients field makes what was typed in it a token,
    /// as Thunderbird does.
    fn move_focus(&mut self, to: Slot) {
        self.leave_field(to);
        self.focus = to;
    }

    fn leave_field(&mut self, to: Slot) {
        let Some(field) = self.focus.recipients().filter(|_| to != self.focus) else { return };
        let recipients = self.recipients_mut(field);
        let before = recipients.value.clone();
        if recipients.value.finish() {
            recipients.history.record(&before, true);
            self.edited();
        }
        if self.completion.as_ref().is_some_and(|c| c.field == field) {
            self.completion = None;
        }
    }

    /// The chosen suggestion becomes a token; the caret stays in the (now empty) entry.
    fn accept_suggestion(&mut self, index: Option<usize>) -> Option<Event> {
        let completion = self.completion.take()?;
        let known = completion.chosen(index)?;
        let chosen = Mailbox { name: known.name.clone(), email: known.email.clone() }.as_typed();
        let field = self.recipients_mut(completion.field);
        field.history.record(&field.value.clone(), true);
        field.value.accept(chosen);
        self.move_focus(completion.field.slot());
        self.edited();
        Some(Event::Focus(self.focus))
    }

    fn body_state(&self) -> BodyState {
        (self.body.text(), self.body.cursor())
    }

    fn restore_body(&mut self, text: &str, cursor: text_editor::Cursor) {
        self.body = text_editor::Content::with_text(text);
        self.body.move_to(cursor);
    }
}
