//! How the composer looks: sender, recipients as tokens (a name, the address on hover; red when
//! not an address) wrapping onto more lines with the address being typed after them, subject,
//! text, attachments with their sizes, and the actions (Send the primary one), or the question
//! asked before sending or discarding. The suggestions float over the form under the field being
//! typed (a layer of a stack), so the form never moves under the pointer; the recipients rows
//! report their drawn height so the layer knows where that field is.

use super::completion::{Completion, Field};
use super::recipients::{RecipientsField, is_valid, shown};
use super::{Composer, LARGE_ATTACHMENTS, Message, SendCheck, Slot, editor_keys};
use crate::ui::{format, theme};
use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::{
    Column, Row, button, column, container, mouse_area, opaque, pick_list, row, scrollable, sensor, space, stack, text,
    text_editor, text_input, tooltip,
};
use iced::{Alignment, Background, Border, Element, Length, Theme};

/// Wide enough for the longest label on one line ("Скрытая копия").
const LABEL_WIDTH: f32 = 130.0;
/// Every header row (From, Subject) is this tall, and the recipients rows at least.
pub(super) const ROW_HEIGHT: f32 = 34.0;
/// The address being typed after the tokens has this much room (on the next line if the last
/// line has less); a longer address scrolls inside it.
const ENTRY_WIDTH: f32 = 140.0;
/// About as many characters as [`ENTRY_WIDTH`] shows; a longer entry gets a line of its own.
const ENTRY_CHARS: usize = 16;

impl Composer {
    pub fn view(&self) -> Element<'_, Message> {
        let from = pick_list(self.senders.clone(), Some(self.sender()), Message::From).style(theme::form_pick_list);
        let mut page = column![header_row(crate::fl!("composer-from"), self.ring(Slot::From, from.into()))]
            .spacing(theme::SPACING);
        for (field, label) in [
            (Field::To, crate::fl!("composer-to")),
            (Field::Cc, crate::fl!("composer-cc")),
            (Field::Bcc, crate::fl!("composer-bcc")),
        ] {
            let focused = self.focus == field.slot();
            let row = recipients_row(label, recipients_field(field, self.recipients(field), focused));
            page = page.push(sensor(row).on_resize(move |size| Message::Measured(field, size.height)));
        }
        let subject = text_input("", &self.draft.subject)
            .id("composer-subject")
            .on_input(Message::Subject)
            .padding(FIELD_PADDING)
            .style(theme::bare_input);
        page = page
            .push(header_row(
                crate::fl!("composer-subject"),
                container(subject).style(theme::field_box(self.focus == Slot::Subject)).into(),
            ))
            .push(
                text_editor(&self.body)
                    .id("composer-body")
                    .on_action(Message::Body)
                    .key_binding(editor_keys)
                    .padding(theme::SPACING)
                    .style(theme::editor_box)
                    .height(Length::Fill),
            );
        page = page.push(self.attachments());
        page = page.push(match self.confirm_send {
            Some(check) => self.question_before_sending(check),
            None => self.actions(),
        });
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        // Always two layers, so the form's widget tree (and the caret in it) stays the same
        // when the suggestions come and go.
        let overlay: Element<'_, Message> = match &self.completion {
            Some(completion) => suggestions(completion, &self.field_heights),
            None => space().into(),
        };
        stack![container(page).padding(theme::PADDING), overlay].into()
    }

    /// Send (the primary action), Save draft, Attach and Discard, and the status.
    fn actions(&self) -> Element<'_, Message> {
        let mut send = button(text(crate::fl!("composer-send"))).style(theme::primary_button);
        if !self.sending {
            send = send.on_press(Message::Send);
        }
        row![
            self.ring(Slot::Send, send.into()),
            secondary(crate::fl!("composer-save-draft"), Message::SaveDraft),
            self.ring(Slot::Attach, secondary(crate::fl!("composer-attach"), Message::PickFiles).into()),
            self.discard_controls(),
            text(self.status.clone().unwrap_or_default()).size(theme::SMALL_SIZE).style(theme::muted),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        // On a narrow window the buttons go on a second line rather than each breaking its label.
        .wrap()
        .vertical_spacing(theme::SPACING)
        .into()
    }

    /// The question before sending, with its answers: the safe one first and marked as the
    /// main one (attach the file, add a subject), then send anyway, and cancel.
    fn question_before_sending(&self, check: SendCheck) -> Element<'_, Message> {
        let (question, go_on, safe, safe_message) = match check {
            SendCheck::NoSubject => (
                crate::fl!("composer-no-subject-ask"),
                crate::fl!("composer-send-without-subject"),
                crate::fl!("composer-add-subject"),
                Message::KeepEditing,
            ),
            SendCheck::NoAttachment => (
                crate::fl!("composer-attachment-ask", word = self.attachment_word().unwrap_or_default()),
                crate::fl!("composer-send-anyway"),
                crate::fl!("composer-attach"),
                Message::PickFiles,
            ),
        };
        let mut answers = row![
            button(text(safe)).style(theme::primary_button).on_press(safe_message),
            secondary(go_on, Message::SendAnyway(check)),
        ]
        .spacing(theme::SPACING);
        if check == SendCheck::NoAttachment {
            answers = answers.push(secondary(crate::fl!("composer-cancel-send"), Message::KeepEditing));
        }
        column![text(question), answers.wrap().vertical_spacing(theme::SPACING)].spacing(theme::SPACING).into()
    }

    /// Discard, or while it asks: the question, Discard and Keep writing.
    fn discard_controls(&self) -> Element<'_, Message> {
        let discard = secondary(crate::fl!("composer-discard"), Message::Discard);
        if !self.confirm_discard {
            return discard.into();
        }
        row![
            // Beside "Draft saved", "not kept" would be untrue: a draft autosave made goes with
            // the letter, one the person saved stays in Drafts.
            text(match (self.draft_id, self.autosaved_only()) {
                (None, _) => crate::fl!("composer-discard-ask"),
                (Some(_), true) => crate::fl!("composer-discard-ask-autosaved"),
                (Some(_), false) => crate::fl!("composer-discard-ask-saved"),
            }),
            discard.style(button::danger),
            secondary(crate::fl!("composer-keep-writing"), Message::KeepWriting),
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
                        .style(theme::secondary_button)
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

/// A recipients field grows to about five lines of tokens, then scrolls.
const FIELD_MAX_HEIGHT: f32 = 165.0;

/// The padding of a text input inside a field's box (the box draws the border).
const FIELD_PADDING: [u16; 2] = [5, 6];

/// A button beside the primary one.
fn secondary<'a>(label: String, message: Message) -> button::Button<'a, Message> {
    button(text(label)).style(theme::secondary_button).on_press(message)
}

fn header_row<'a>(label: String, content: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fixed(LABEL_WIDTH)), content]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        .height(Length::Fixed(ROW_HEIGHT))
        .into()
}

/// A recipients row: as tall as its tokens need, the label beside the first line.
fn recipients_row<'a>(label: String, content: Element<'a, Message>) -> Element<'a, Message> {
    // Level with the entry's text on the first line.
    let label = container(text(label)).padding(iced::padding::top(f32::from(FIELD_PADDING[0])));
    row![label.width(Length::Fixed(LABEL_WIDTH)), content].spacing(theme::SPACING).into()
}

/// The tokens, each a name (the address on hover) that a click turns back into text and a ×,
/// then the entry for the next address; they wrap onto more lines, so every recipient is seen
/// whole, and a click beside them puts the caret in the entry.
fn recipients_field(field: Field, recipients: &RecipientsField, focused: bool) -> Element<'_, Message> {
    let mut line = Row::new().spacing(theme::SPACE_S).align_y(Alignment::Center).width(Length::Fill);
    for (index, chip) in recipients.value.chips.iter().enumerate() {
        line = line.push(token_view(field, index, chip));
    }
    // Alone, the entry fills the field; after tokens it takes what is left of their line, or
    // a line of its own; a whole address in it (a token being corrected) gets the whole line.
    let long = recipients.value.entry.chars().count() > ENTRY_CHARS;
    let width = if recipients.value.chips.is_empty() || long { Length::Fill } else { Length::Fixed(ENTRY_WIDTH) };
    line = line.push(
        text_input("", &recipients.value.entry)
            .id(field.widget_id())
            .on_input(move |value| Message::Address(field, value))
            .padding(FIELD_PADDING)
            .style(theme::bare_input)
            .width(width),
    );
    // A letter to dozens of people scrolls in its field rather than pushing the text and the
    // buttons out of the window; the newest tokens and the entry stay in view. The scrollbar
    // has room of its own, beside the tokens rather than over them.
    let lines = scrollable(line.wrap().vertical_spacing(theme::SPACE_XS))
        .direction(Direction::Vertical(Scrollbar::new().width(4).scroller_width(4).spacing(2)))
        .anchor_bottom();
    let field_box = container(lines)
        .max_height(FIELD_MAX_HEIGHT)
        .padding(iced::padding::left(2).right(2))
        .width(Length::Fill)
        .style(theme::field_box(focused));
    mouse_area(field_box).on_press(Message::FocusField(field)).into()
}

/// One recipient: its name (or address) to click for editing, the × that removes it, and the
/// whole address as a tooltip.
fn token_view(field: Field, index: usize, chip: &str) -> Element<'_, Message> {
    let valid = is_valid(chip);
    let (name, address) = shown(chip);
    let body = row![
        button(text(name).size(theme::ROW_SIZE))
            .padding(0)
            .style(move |theme: &Theme, _| button::Style {
                text_color: token(theme, valid).text_color.unwrap_or(theme.palette().text),
                ..button::Style::default()
            })
            .on_press(Message::EditRecipient(field, index)),
        button(text("×").size(theme::ROW_SIZE))
            .padding([0, 4])
            .style(theme::header_button)
            .on_press(Message::RemoveRecipient(field, index)),
    ]
    .spacing(2)
    .align_y(Alignment::Center);
    let chip_box = container(body).padding([1, 8]).style(move |theme: &Theme| token(theme, valid));
    match address {
        Some(address) => tooltip(
            chip_box,
            container(text(address).size(theme::SMALL_SIZE)).padding([2, 6]).style(theme::tooltip_box),
            tooltip::Position::Bottom,
        )
        .into(),
        None => chip_box.into(),
    }
}

/// The known addresses under the field being typed, over the form; the highlighted one marked,
/// a click takes one.
fn suggestions<'a>(completion: &'a Completion, heights: &[f32; 3]) -> Element<'a, Message> {
    let mut list = Column::new().spacing(1);
    for (index, known) in completion.suggestions.iter().enumerate() {
        list = list.push(
            button(text(known.to_string()).size(theme::SMALL_SIZE))
                .width(Length::Fill)
                .style(theme::list_row(index == completion.selected))
                .on_press(Message::AcceptSuggestion(Some(index))),
        );
    }
    // Rows above the field: From, then the recipients fields before this one, as drawn.
    let rows_above: f32 = heights[..completion.field as usize].iter().map(|h| h + theme::SPACING).sum();
    let top = theme::PADDING + ROW_HEIGHT + theme::SPACING + rows_above + heights[completion.field as usize];
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
