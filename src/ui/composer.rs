//! The composer: a new letter, a reply or a forward, edited in the right-hand pane. It owns the
//! fields; sending and saving go up to the window as events carrying an engine `Composition`
//! (the engine builds the bytes, queues them in the outbox and files the copies).

use super::theme;
use crate::engine::api::{Attachment, Composition};
use iced::widget::{Column, button, column, container, pick_list, row, text, text_editor, text_input};
use iced::{Element, Length};
use std::path::Path;

pub struct Composer {
    accounts: Vec<String>,
    draft: Composition,
    /// Addresses as the person types them, comma-separated.
    to: String,
    cc: String,
    bcc: String,
    body: text_editor::Content,
    attach_path: String,
    /// The draft this letter is saved as, once saved.
    pub draft_id: Option<crate::model::DraftId>,
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Account(String),
    To(String),
    Cc(String),
    Bcc(String),
    Subject(String),
    Body(text_editor::Action),
    AttachPath(String),
    Attach,
    RemoveAttachment(usize),
    Send,
    SaveDraft,
    Discard,
}

/// What the window must do.
#[derive(Debug, Clone)]
pub enum Event {
    Send(Box<Composition>),
    SaveDraft(Box<Composition>),
    Discarded,
}

/// Ctrl+Enter sends (the editor would take Enter as a new line before the window sees it).
fn send_on_ctrl_enter(press: text_editor::KeyPress) -> Option<text_editor::Binding<Message>> {
    let enter = matches!(press.key, iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter));
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
            attach_path: String::new(),
            draft_id: None,
            problem: None,
        }
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

    pub fn update(&mut self, message: Message) -> Option<Event> {
        self.problem = None;
        match message {
            Message::Account(account) => self.draft.account = account,
            Message::To(value) => self.to = value,
            Message::Cc(value) => self.cc = value,
            Message::Bcc(value) => self.bcc = value,
            Message::Subject(value) => self.draft.subject = value,
            Message::Body(action) => self.body.perform(action),
            Message::AttachPath(value) => self.attach_path = value,
            Message::Attach => self.attach(),
            Message::RemoveAttachment(index) => {
                if index < self.draft.attachments.len() {
                    self.draft.attachments.remove(index);
                }
            }
            Message::Send => return Some(Event::Send(Box::new(self.composition()))),
            Message::SaveDraft => return Some(Event::SaveDraft(Box::new(self.composition()))),
            Message::Discard => return Some(Event::Discarded),
        }
        None
    }

    /// A refusal to show in the composer (the letter stays open to fix).
    pub fn show_problem(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    fn attach(&mut self) {
        let path = Path::new(self.attach_path.trim());
        match std::fs::read(path) {
            Ok(data) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                self.draft.attachments.push(Attachment::from_file_name(&name, data));
                self.attach_path.clear();
            }
            Err(err) => {
                self.problem = Some(crate::fl!(
                    "composer-cannot-attach",
                    path = path.display().to_string(),
                    detail = err.to_string()
                ))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let field = |label: String, value: &str, on_input: fn(String) -> Message| {
            row![text(label).width(Length::Fixed(70.0)), text_input("", value).on_input(on_input)]
                .spacing(theme::SPACING)
                .align_y(iced::Alignment::Center)
        };
        let account = row![
            text(crate::fl!("reader-from")).width(Length::Fixed(70.0)),
            pick_list(self.accounts.clone(), Some(self.draft.account.clone()), Message::Account),
        ]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center);
        let attachments = self.draft.attachments.iter().enumerate().fold(Column::new().spacing(2), |list, (i, a)| {
            list.push(
                row![
                    text(format!("{} ({})", a.filename, super::format::size(a.data.len() as u64)))
                        .size(theme::SMALL_SIZE)
                        .width(Length::Fill),
                    button(text(crate::fl!("composer-remove-attachment")).size(theme::SMALL_SIZE))
                        .on_press(Message::RemoveAttachment(i)),
                ]
                .spacing(theme::SPACING),
            )
        });
        let attach = row![
            text_input(&crate::fl!("composer-attach-path"), &self.attach_path)
                .on_input(Message::AttachPath)
                .on_submit(Message::Attach),
            button(text(crate::fl!("composer-attach"))).on_press(Message::Attach),
        ]
        .spacing(theme::SPACING);
        let actions = row![
            button(text(crate::fl!("composer-send"))).on_press(Message::Send),
            button(text(crate::fl!("composer-save-draft"))).on_press(Message::SaveDraft),
            button(text(crate::fl!("composer-discard"))).on_press(Message::Discard),
        ]
        .spacing(theme::SPACING);
        let mut page = column![
            account,
            field(crate::fl!("reader-to"), &self.to, Message::To),
            field(crate::fl!("composer-cc"), &self.cc, Message::Cc),
            field(crate::fl!("composer-bcc"), &self.bcc, Message::Bcc),
            field(crate::fl!("reader-subject"), &self.draft.subject, Message::Subject),
            text_editor(&self.body).on_action(Message::Body).key_binding(send_on_ctrl_enter).height(Length::Fill),
        ]
        .spacing(theme::SPACING);
        if let Some(quoted) = &self.draft.quoted {
            let preview: String = quoted.lines().take(6).collect::<Vec<_>>().join("\n");
            page = page.push(
                text(format!("{}\n{preview}", crate::fl!("composer-quoted-below")))
                    .size(theme::SMALL_SIZE)
                    .style(theme::muted),
            );
        }
        page = page.push(attachments).push(attach).push(actions);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        container(page).padding(theme::PADDING).into()
    }
}
