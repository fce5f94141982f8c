//! The composer: a new letter, a reply, a forward or a draft, edited in its own window. It owns
//! the fields, the address suggestions and the attachments; sending, saving and the questions it
//! cannot answer itself (known addresses, the file dialog) go up to the app as events. The engine
//! builds the bytes, queues them in the outbox and files the copies.

mod completion;
mod view;

use crate::engine::api::{Attachment, Composition, KnownAddress};
use crate::model::DraftId;
pub use completion::Field;
use completion::{Completion, typed_entry, with_entry_replaced};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::text_editor;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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

pub struct Composer {
    accounts: Vec<String>,
    draft: Composition,
    /// Addresses as the person types them, comma-separated.
    to: String,
    cc: String,
    bcc: String,
    body: text_editor::Content,
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
    completion: Option<Completion>,
    /// The field whose last entry was sent for completion.
    completing: Option<Field>,
    problem: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Account(String),
    Address(Field, String),
    Subject(String),
    Body(text_editor::Action),
    PickFiles,
    /// Files chosen in the dialog or dropped onto the window.
    AddFiles(Vec<PathBuf>),
    RemoveAttachment(usize),
    NextSuggestion,
    PreviousSuggestion,
    /// Takes the highlighted suggestion (or the one clicked).
    AcceptSuggestion(Option<usize>),
    CloseSuggestions,
    Send,
    SaveDraft,
    Discard,
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
}

/// Ctrl+Enter sends, Ctrl+S saves (the editor would take Enter as a new line before the window
/// sees it).
fn editor_keys(press: text_editor::KeyPress) -> Option<text_editor::Binding<Message>> {
    let enter = matches!(press.key, Key::Named(Named::Enter));
    if enter && press.modifiers.control() {
        Some(text_editor::Binding::Custom(Message::Send))
    } else {
        text_editor::Binding::from_key_press(press)
    }
}

impl Composer {
    /// A composer on `draft` (a new letter, a reply or a forward from the engine).
    pub fn new(accounts: Vec<String>, draft: Composition) -> Composer {
        let join = |list: &[String]| list.join(", ");
        Composer {
            to: join(&draft.to),
            cc: join(&draft.cc),
            bcc: join(&draft.bcc),
            body: text_editor::Content::with_text(&draft.body),
            accounts,
            draft,
            draft_id: None,
            autosaved_only: false,
            unsaved_since: None,
            last_edit: None,
            sending: false,
            completion: None,
            completing: None,
            problem: None,
            status: None,
        }
    }

    /// A composer continuing a saved draft.
    pub fn from_draft(accounts: Vec<String>, id: DraftId, draft: Composition) -> Composer {
        Composer { draft_id: Some(id), ..Composer::new(accounts, draft) }
    }

    /// The letter as it stands, for sending or saving.
    pub fn composition(&self) -> Composition {
        let split = |field: &str| -> Vec<String> {
            field.split([',', ';']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect()
        };
        Composition {
            to: split(&self.to),
            cc: split(&self.cc),
            bcc: split(&self.bcc),
            body: self.body.text(),
            ..self.draft.clone()
        }
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
        self.has_unsaved_changes()
            && self.last_edit.is_some_and(|at| now.saturating_duration_since(at) >= AUTOSAVE_AFTER)
    }

    /// Discarding removes the draft only autosave made.
    pub fn autosaved_only(&self) -> bool {
        self.autosaved_only
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        self.problem = None;
        match message {
            Message::Account(account) => {
                self.draft.account = account;
                self.edited();
            }
            Message::Address(field, value) => return self.address_typed(field, value),
            Message::Subject(value) => {
                self.draft.subject = value;
                self.edited();
            }
            Message::Body(action) => {
                if action.is_edit() {
                    self.edited();
                }
                self.body.perform(action);
            }
            Message::PickFiles => return Some(Event::PickFiles),
            Message::AddFiles(paths) => self.attach(&paths),
            Message::RemoveAttachment(index) => {
                if index < self.draft.attachments.len() {
                    self.draft.attachments.remove(index);
                    self.edited();
                }
            }
            Message::NextSuggestion => self.completion.iter_mut().for_each(|c| c.step(1)),
            Message::PreviousSuggestion => self.completion.iter_mut().for_each(|c| c.step(-1)),
            Message::AcceptSuggestion(index) => self.accept_suggestion(index),
            Message::CloseSuggestions => self.completion = None,
            Message::Send if self.sending => {}
            Message::Send => return Some(Event::Send(Box::new(self.composition()))),
            Message::SaveDraft => return Some(Event::SaveDraft),
            Message::Discard => return Some(Event::Discarded),
        }
        None
    }

    /// The window's keys: Ctrl+Enter sends, Ctrl+S saves; with suggestions open, Down/Up move,
    /// Enter or Tab take one, Escape closes them. Keys a focused field used never arrive here.
    pub fn on_key(&self, key: &Key, modifiers: Modifiers) -> Option<Message> {
        if modifiers.control() {
            return match key.as_ref() {
                Key::Named(Named::Enter) => Some(Message::Send),
                Key::Character("s") => Some(Message::SaveDraft),
                _ => None,
            };
        }
        self.completion.as_ref()?;
        match key.as_ref() {
            Key::Named(Named::ArrowDown) => Some(Message::NextSuggestion),
            Key::Named(Named::ArrowUp) => Some(Message::PreviousSuggestion),
            Key::Named(Named::Enter | Named::Tab) => Some(Message::AcceptSuggestion(None)),
            Key::Named(Named::Escape) => Some(Message::CloseSuggestions),
            _ => None,
        }
    }

    /// The known addresses for what was typed last (empty: no list).
    pub fn show_suggestions(&mut self, suggestions: Vec<KnownAddress>) {
        self.completion = match self.completing {
            Some(field) if !suggestions.is_empty() => Some(Completion::new(field, suggestions)),
            _ => None,
        };
    }

    /// Saved as draft `id` (by autosave or by the person).
    pub fn saved(&mut self, id: DraftId, by_autosave: bool) {
        if self.draft_id.is_none() {
            self.autosaved_only = by_autosave;
        } else if !by_autosave {
            self.autosaved_only = false;
        }
        self.draft_id = Some(id);
        self.unsaved_since = None;
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
        self.problem = Some(problem);
    }

    /// A refusal to show in the composer (the letter stays open to fix).
    pub fn show_problem(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    fn edited(&mut self) {
        let now = Instant::now();
        self.unsaved_since.get_or_insert(now);
        self.last_edit = Some(now);
        self.status = None;
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::To => &mut self.to,
            Field::Cc => &mut self.cc,
            Field::Bcc => &mut self.bcc,
        }
    }

    fn address_typed(&mut self, field: Field, value: String) -> Option<Event> {
        *self.field_mut(field) = value;
        self.edited();
        let typed = typed_entry(self.field_mut(field)).to_string();
        self.completing = Some(field);
        // One letter would match half the address book: suggestions start with the second.
        if typed.chars().count() < COMPLETE_FROM {
            self.completion = None;
            return None;
        }
        Some(Event::Complete(typed))
    }

    fn accept_suggestion(&mut self, index: Option<usize>) {
        let Some(completion) = self.completion.take() else { return };
        let Some(chosen) = completion.chosen(index) else { return };
        let field = self.field_mut(completion.field);
        *field = with_entry_replaced(field, &chosen.to_string());
        self.edited();
    }

    /// Reads files into attachments; a file that cannot be read or is far too large is named in
    /// the problem line and the others are still attached.
    fn attach(&mut self, paths: &[PathBuf]) {
        let mut problems = Vec::new();
        for path in paths {
            match read_attachment(path) {
                Ok(attachment) => self.draft.attachments.push(attachment),
                Err(problem) => problems.push(problem),
            }
        }
        if paths.len() > problems.len() {
            self.edited();
        }
        if !problems.is_empty() {
            self.problem = Some(problems.join("\n"));
        }
    }

    fn attachments_size(&self) -> u64 {
        self.draft.attachments.iter().map(|a| a.data.len() as u64).sum()
    }
}

fn read_attachment(path: &std::path::Path) -> Result<Attachment, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|err| crate::fl!("composer-attach-failed", file = shown.clone(), reason = err.to_string()))?
        .len();
    if size > MAX_ATTACHMENT {
        return Err(crate::fl!("composer-attach-too-large", file = shown, size = crate::ui::format::size(size)));
    }
    let data = std::fs::read(path)
        .map_err(|err| crate::fl!("composer-attach-failed", file = shown.clone(), reason = err.to_string()))?;
    Ok(Attachment::from_file_name(&name, data))
}
