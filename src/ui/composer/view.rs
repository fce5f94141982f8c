//! How the composer looks: sender, recipients (with suggestions under the field being typed),
//! subject, text, attachments with their sizes, and the actions.

use super::completion::{Completion, Field};
use super::{Composer, LARGE_ATTACHMENTS, Message, editor_keys};
use crate::ui::{format, theme};
use iced::widget::{Column, button, column, container, pick_list, row, text, text_editor, text_input};
use iced::{Alignment, Element, Length};

const LABEL_WIDTH: f32 = 70.0;

impl Composer {
    pub fn view(&self) -> Element<'_, Message> {
        let account = row![
            text(crate::fl!("composer-from")).width(Length::Fixed(LABEL_WIDTH)),
            pick_list(self.accounts.clone(), Some(self.draft.account.clone()), Message::Account),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let mut page = column![account].spacing(theme::SPACING);
        for (field, label, value) in [
            (Field::To, crate::fl!("composer-to"), &self.to),
            (Field::Cc, crate::fl!("composer-cc"), &self.cc),
            (Field::Bcc, crate::fl!("composer-bcc"), &self.bcc),
        ] {
            page = page.push(labelled(
                label,
                text_input("", value).id(field.widget_id()).on_input(move |v| Message::Address(field, v)),
            ));
            if let Some(completion) = self.completion.as_ref().filter(|c| c.field == field) {
                page = page.push(suggestions(completion));
            }
        }
        page = page
            .push(labelled(
                crate::fl!("composer-subject"),
                text_input("", &self.draft.subject).id("composer-subject").on_input(Message::Subject),
            ))
            .push(text_editor(&self.body).on_action(Message::Body).key_binding(editor_keys).height(Length::Fill));
        if let Some(quoted) = &self.draft.quoted {
            let preview: String = quoted.lines().take(6).collect::<Vec<_>>().join("\n");
            page = page.push(
                text(crate::fl!("composer-quoted-below", preview = preview))
                    .size(theme::SMALL_SIZE)
                    .style(theme::muted),
            );
        }
        page = page.push(self.attachments());
        let mut send = button(text(crate::fl!("composer-send")));
        if !self.sending {
            send = send.on_press(Message::Send);
        }
        let actions = row![
            send,
            button(text(crate::fl!("composer-save-draft"))).on_press(Message::SaveDraft),
            button(text(crate::fl!("composer-attach"))).on_press(Message::PickFiles),
            button(text(crate::fl!("composer-discard"))).on_press(Message::Discard),
            text(self.status.clone().unwrap_or_default()).size(theme::SMALL_SIZE).style(theme::muted),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        page = page.push(actions);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        container(page).padding(theme::PADDING).into()
    }

    /// Each file with its size and a Remove button; a warning when the letter gets too large
    /// for the usual providers.
    fn attachments(&self) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2);
        for (index, attachment) in self.draft.attachments.iter().enumerate() {
            list = list.push(
                row![
                    text(format!("{} ({})", attachment.filename, format::size(attachment.data.len() as u64)))
                        .size(theme::SMALL_SIZE)
                        .width(Length::Fill),
                    button(text(crate::fl!("composer-remove-attachment")).size(theme::SMALL_SIZE))
                        .on_press(Message::RemoveAttachment(index)),
                ]
                .spacing(theme::SPACING)
                .align_y(Alignment::Center),
            );
        }
        let total = self.attachments_size();
        if total > LARGE_ATTACHMENTS {
            list = list.push(
                container(text(crate::fl!("composer-attachments-large", size = format::size(total))))
                    .padding(theme::PADDING)
                    .style(theme::notice),
            );
        }
        list.into()
    }
}

fn labelled<'a>(label: String, input: text_input::TextInput<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(LABEL_WIDTH)), input].spacing(theme::SPACING).align_y(Alignment::Center).into()
}

/// The known addresses under the field, the highlighted one marked; a click takes one.
fn suggestions(completion: &Completion) -> Element<'_, Message> {
    let mut list = Column::new().spacing(1);
    for (index, known) in completion.suggestions.iter().enumerate() {
        list = list.push(
            button(text(known.to_string()).size(theme::SMALL_SIZE))
                .width(Length::Fill)
                .style(theme::list_row(index == completion.selected))
                .on_press(Message::AcceptSuggestion(Some(index))),
        );
    }
    row![iced::widget::space().width(Length::Fixed(LABEL_WIDTH)), list].spacing(theme::SPACING).into()
}
