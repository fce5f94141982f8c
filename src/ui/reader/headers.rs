//! The reader's header block: subject, From, To, Cc, Reply-To (when it names someone other than
//! the sender), Date, the actions on the letter, and on request every header as received.
//! Until the engine has read the letter's own headers, the list row's are shown.

use super::{Message, Reader};
use crate::engine::api::MessageSummary;
use crate::engine::api::reading::Mailbox;
use crate::engine::api::reading::{CHARSETS, LetterHeaders, display_text};
use crate::ui::{format, theme};
use iced::widget::{Column, button, column, container, pick_list, row, scrollable, text};
use iced::{Element, Font, Length};

/// Addresses shown per header line; the rest are counted ("and 12 more").
const SHOWN_ADDRESSES: usize = 20;
/// Height of the "all headers" list before it scrolls.
const ALL_HEADERS_HEIGHT: f32 = 180.0;

pub fn view<'a>(
    reader: &'a Reader,
    row: Option<&'a MessageSummary>,
    parsed: Option<&'a LetterHeaders>,
) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let subject = row.map(|m| display_text(&m.subject)).filter(|s| !s.is_empty());
    let subject = subject.or_else(|| parsed.map(|h| display_text(&h.subject)).filter(|s| !s.is_empty()));
    let title_size = if reader.compact { theme::ROW_SIZE + 2.0 } else { theme::TITLE_SIZE };
    let mut headers = column![text(subject.unwrap_or_else(|| crate::fl!("reader-no-subject"))).size(title_size)];
    if let Some(m) = row {
        headers = headers.push(sender(m));
    }
    // The user wrote to this address under another name: the letter's name is not theirs.
    if let Some(known) = reader.body.as_ref().and_then(|body| body.sender_known_as.as_deref()) {
        headers =
            headers.push(small(crate::fl!("reader-sender-known-as", name = display_text(known))).style(text::danger));
    }
    match parsed {
        Some(parsed) => {
            if !parsed.to.is_empty() {
                headers = headers.push(small(crate::fl!("reader-to", recipients = addresses(&parsed.to))));
            }
            if !parsed.cc.is_empty() {
                headers = headers.push(small(crate::fl!("reader-cc", recipients = addresses(&parsed.cc))));
            }
            if parsed.reply_to_differs() {
                headers = headers.push(small(crate::fl!("reader-reply-to", recipients = addresses(&parsed.reply_to))));
            }
        }
        None => {
            if let Some(m) = row.filter(|m| !m.to_addrs.is_empty()) {
                headers = headers.push(small(crate::fl!("reader-to", recipients = display_text(&m.to_addrs))));
            }
        }
    }
    let date = parsed.and_then(|h| h.date).or(row.and_then(|m| m.date));
    let date = small(format::full_date(date)).style(theme::muted);
    headers = if reader.compact {
        // The actions behind one button: at 640x480 they took three wrapped rows of the pane.
        let label =
            if reader.actions_shown { crate::fl!("reader-fewer-actions") } else { crate::fl!("reader-actions") };
        let toggle = button(small(label)).on_press(Message::ToggleActions);
        let line = row![date, toggle].spacing(theme::SPACING).align_y(iced::Alignment::Center).wrap();
        let headers = headers.push(line);
        if reader.actions_shown { headers.push(actions(reader)) } else { headers }
    } else {
        headers.push(date).push(actions(reader))
    };
    if reader.all_headers
        && let Some(parsed) = parsed
    {
        headers = headers.push(all_headers(parsed));
    }
    let padding = if reader.compact { theme::SPACE_S } else { theme::PADDING };
    container(headers.spacing(if reader.compact { 2 } else { 4 }))
        .padding(padding)
        .width(Length::Fill)
        .style(theme::header_block)
        .into()
}

/// Name and address in widgets of their own: nothing in a name can reorder the address
/// (a U+202E showed "tset.x@live"); the address is always shown.
fn sender(m: &MessageSummary) -> Element<'_, Message> {
    let name = display_text(&m.from_name);
    if name.is_empty() {
        return text(crate::fl!("reader-from", sender = display_text(&m.from_addr))).into();
    }
    row![text(crate::fl!("reader-from", sender = name)), text(format!("<{}>", display_text(&m.from_addr)))]
        .spacing(4)
        .wrap()
        .into()
}

/// "Anna <anna@example.org>, bob@example.org and 3 more".
pub(super) fn addresses(list: &[Mailbox]) -> String {
    let shown: Vec<String> = list
        .iter()
        .take(SHOWN_ADDRESSES)
        .map(|m| {
            let (name, address) = (display_text(&m.name), display_text(&m.address));
            if name.is_empty() { address } else { format!("{name} <{address}>") }
        })
        .collect();
    let mut line = shown.join(", ");
    if list.len() > SHOWN_ADDRESSES {
        line.push(' ');
        let more = list.len() - SHOWN_ADDRESSES;
        line.push_str(&crate::fl!("reader-more-recipients", count = more));
    }
    line
}

/// Re-decode, Copy, Show source, Save as .eml, All headers. Wrapped: the Russian labels are
/// longer than the pane is wide at the default size.
fn actions(reader: &Reader) -> Element<'_, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let source_label =
        if reader.show_source { crate::fl!("reader-show-message") } else { crate::fl!("reader-show-source") };
    let headers_label =
        if reader.all_headers { crate::fl!("reader-fewer-headers") } else { crate::fl!("reader-all-headers") };
    let charsets: Vec<String> = CHARSETS.iter().map(|c| c.to_string()).collect();
    row![
        pick_list(charsets, reader.charset.clone(), Message::Redecode)
            .placeholder(crate::fl!("reader-redecode"))
            .text_size(theme::SMALL_SIZE)
            .style(theme::form_pick_list),
        button(small(crate::fl!("reader-copy"))).style(theme::secondary_button).on_press(Message::Copy),
        button(small(source_label)).style(theme::secondary_button).on_press(Message::ToggleSource),
        button(small(headers_label)).style(theme::secondary_button).on_press(Message::ToggleAllHeaders),
        button(small(crate::fl!("reader-save-eml"))).style(theme::secondary_button).on_press(Message::SaveEml),
    ]
    .spacing(theme::SPACING)
    .align_y(iced::Alignment::Center)
    .wrap()
    .vertical_spacing(4)
    .into()
}

/// Every header as received, name in bold, in a list that scrolls.
fn all_headers(parsed: &LetterHeaders) -> Element<'_, Message> {
    let bold = Font { weight: iced::font::Weight::Bold, ..Font::DEFAULT };
    let lines = parsed.all.iter().fold(Column::new().spacing(2), |list, (name, value)| {
        list.push(
            row![
                text(format!("{name}:")).size(theme::SMALL_SIZE).font(bold),
                text(value.as_str()).size(theme::SMALL_SIZE).width(Length::Fill)
            ]
            .spacing(4),
        )
    });
    container(scrollable(lines).height(Length::Shrink)).max_height(ALL_HEADERS_HEIGHT).into()
}
