//! How the composer looks: sender, recipients as tokens (red when not an address) with the
//! address being typed after them, subject, text, attachments with their sizes, and the actions.
//! The suggestions float over the form under the field being typed (a layer of a stack), so the
//! form never moves under the pointer; the header rows have a fixed height so the layer knows
//! where that field is.

use super::completion::{Completion, Field};
use super::recipients::{RecipientsField, is_valid};
use super::{Composer, LARGE_ATTACHMENTS, Message, Slot, editor_keys};
use crate::ui::{format, theme};
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::{
    Column, Row, button, column, container, opaque, pick_list, responsive, row, scrollable, space, stack, text,
    text_editor, text_input,
};
use iced::{Alignment, Background, Border, Element, Length, Theme};

/// Wide enough for the longest label on one line ("Скрытая копия").
const LABEL_WIDTH: f32 = 130.0;
/// Every header row (From, To, Cc, Bcc, Subject) is this tall.
const ROW_HEIGHT: f32 = 34.0;
/// The address being typed always has at least this much room beside the tokens.
const ENTRY_MIN_WIDTH: f32 = 180.0;

impl Composer {
    pub fn view(&self) -> Element<'_, Message> {
        let from = pick_list(self.senders.clone(), Some(self.sender()), Message::From);
        let mut page = column![header_row(crate::fl!("composer-from"), self.ring(Slot::From, from.into()))]
            .spacing(theme::SPACING);
        for (field, label) in [
            (Field::To, crate::fl!("composer-to")),
            (Field::Cc, crate::fl!("composer-cc")),
            (Field::Bcc, crate::fl!("composer-bcc")),
        ] {
            page = page.push(header_row(label, recipients_field(field, self.recipients(field))));
        }
        page = page
            .push(header_row(
                crate::fl!("composer-subject"),
                // The recipients' fields start after their (empty) tokens' spacing: line up with them.
                container(text_input("", &self.draft.subject).id("composer-subject").on_input(Message::Subject))
                    .padding(iced::padding::left(4))
                    .into(),
            ))
            .push(
                text_editor(&self.body)
                    .id("composer-body")
                    .on_action(Message::Body)
                    .key_binding(editor_keys)
                    .height(Length::Fill),
            );
        page = page.push(self.attachments());
        let mut send = button(text(crate::fl!("composer-send")));
        if !self.sending {
            send = send.on_press(Message::Send);
        }
        let actions = row![
            self.ring(Slot::Send, send.into()),
            button(text(crate::fl!("composer-save-draft"))).on_press(Message::SaveDraft),
            self.ring(Slot::Attach, button(text(crate::fl!("composer-attach"))).on_press(Message::PickFiles).into()),
            self.discard_controls(),
            text(self.status.clone().unwrap_or_default()).size(theme::SMALL_SIZE).style(theme::muted),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        // On a narrow window the buttons go on a second line rather than each breaking its label.
        .wrap()
        .vertical_spacing(theme::SPACING);
        page = page.push(actions);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        // Always two layers, so the form's widget tree (and the caret in it) stays the same
        // when the suggestions come and go.
        let overlay: Element<'_, Message> = match &self.completion {
            Some(completion) => suggestions(completion),
            None => space().into(),
        };
        stack![container(page).padding(theme::PADDING), overlay].into()
    }

    /// Discard, or while it asks: the question, Discard and Keep writing.
    fn discard_controls(&self) -> Element<'_, Message> {
        let discard = button(text(crate::fl!("composer-discard"))).on_press(Message::Discard);
        if !self.confirm_discard {
            return discard.into();
        }
        row![
            text(crate::fl!("composer-discard-ask")),
            discard.style(button::danger),
            button(text(crate::fl!("composer-keep-writing"))).on_press(Message::KeepWriting).style(button::secondary),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        .into()
    }

    /// A control the composer focuses itself (From, Attach, Send): outlined while it has focus.
    fn ring<'a>(&self, slot: Slot, control: Element<'a, Message>) -> Element<'a, Message> {
        let focused = self.control_focus() == Some(slot);
        container(control).padding(2).style(move |theme: &Theme| focus_ring(theme, focused)).into()
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

fn header_row<'a>(label: String, content: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(LABEL_WIDTH)), content]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        .height(Length::Fixed(ROW_HEIGHT))
        .into()
}

/// The tokens, each with its ×, then the entry for the next address. Many tokens scroll
/// sideways (the newest in view) in what the row has left after the entry's least width: the
/// row keeps its height (the suggestions' layer counts on it) and the entry never leaves the
/// window.
fn recipients_field(field: Field, recipients: &RecipientsField) -> Element<'_, Message> {
    responsive(move |room| {
        let mut tokens = Row::new().spacing(4).align_y(Alignment::Center);
        for (index, chip) in recipients.value.chips.iter().enumerate() {
            let valid = is_valid(chip);
            tokens = tokens.push(
                container(
                    row![
                        text(chip.as_str()).size(theme::SMALL_SIZE).wrapping(text::Wrapping::None),
                        button(text("×").size(theme::SMALL_SIZE))
                            .padding([0, 4])
                            .style(theme::header_button)
                            .on_press(Message::RemoveRecipient(field, index)),
                    ]
                    .spacing(2)
                    .align_y(Alignment::Center),
                )
                .padding([2, 6])
                .style(move |theme: &Theme| token(theme, valid)),
            );
        }
        let strip = scrollable(tokens)
            .direction(Direction::Horizontal(Scrollbar::new().width(3).scroller_width(3).spacing(1)))
            .anchor_right();
        let entry = text_input("", &recipients.value.entry)
            .id(field.widget_id())
            .on_input(move |value| Message::Address(field, value))
            .width(Length::Fill);
        row![container(strip).max_width((room.width - ENTRY_MIN_WIDTH).max(0.0)), entry]
            .spacing(4)
            .align_y(Alignment::Center)
            .height(Length::Fill)
            .into()
    })
    .into()
}

/// The known addresses under the field being typed, over the form; the highlighted one marked,
/// a click takes one.
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
    // Rows above the field: From, then the recipients fields before this one.
    let rows_above = match completion.field {
        Field::To => 1.0,
        Field::Cc => 2.0,
        Field::Bcc => 3.0,
    };
    let top = theme::PADDING + rows_above * (ROW_HEIGHT + theme::SPACING) + ROW_HEIGHT;
    column![
        space().height(Length::Fixed(top)),
        row![
            space().width(Length::Fixed(theme::PADDING + LABEL_WIDTH + theme::SPACING)),
            opaque(container(list).padding(2).width(Length::Fixed(420.0)).style(popup)),
        ],
    ]
    .into()
}

fn focus_ring(theme: &Theme, focused: bool) -> container::Style {
    let palette = theme.extended_palette();
    let color = if focused { palette.primary.strong.color } else { iced::Color::TRANSPARENT };
    container::Style { border: Border { radius: 4.0.into(), width: 2.0, color }, ..container::Style::default() }
}

/// A recipient token: a rounded box, red when it does not read as an address.
fn token(theme: &Theme, valid: bool) -> container::Style {
    let palette = theme.extended_palette();
    let (background, text_color, border) = if valid {
        (palette.background.weak.color, palette.background.base.text, palette.background.strong.color)
    } else {
        (palette.danger.weak.color, palette.danger.weak.text, palette.danger.strong.color)
    };
    container::Style {
        background: Some(Background::Color(background)),
        text_color: Some(text_color),
        border: Border { radius: 10.0.into(), width: 1.0, color: border },
        ..container::Style::default()
    }
}

fn popup(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.base.color)),
        border: Border { radius: 4.0.into(), width: 1.0, color: palette.background.strong.color },
        shadow: iced::Shadow {
            color: iced::Color::from_rgba(0.0, 0.0, 0.0, 0.25),
            offset: iced::Vector::new(0.0, 2.0),
            blur_radius: 6.0,
        },
        ..container::Style::default()
    }
}
