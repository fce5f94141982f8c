//! How the list looks: the header (sort columns, the "Threads" switch) and the virtual rows. A row
//! is a mouse area, not a button: a press selects it at once and may start a drag of the selection.

use super::{Message, MessageList, ROW_HEIGHT, scroll_id};
use crate::engine::api::MessageSummary;
use crate::model::{Flags, SortKey};
use crate::ui::{format, theme};
use iced::widget::{Column, button, checkbox, column, container, mouse_area, row, space, text};
use iced::{Alignment, Element, Length};

pub fn list(list: &MessageList) -> Element<'_, Message> {
    let body: Element<'_, Message> = if list.source.is_none() {
        container(text(crate::fl!("list-choose-folder"))).padding(theme::PADDING).into()
    } else if list.len() == 0 {
        container(text(crate::fl!("list-empty"))).padding(theme::PADDING).into()
    } else {
        rows(list)
    };
    column![header(list), body].into()
}

fn header(list: &MessageList) -> Element<'_, Message> {
    let sortable = list.scope().is_some();
    let column_button = |key: SortKey, label: String| {
        let arrow = match (list.order.key == key, list.order.descending) {
            (false, _) => "",
            (true, true) => " ↓",
            (true, false) => " ↑",
        };
        button(text(format!("{label}{arrow}")).size(theme::SMALL_SIZE))
            .style(theme::header_button)
            .on_press_maybe(sortable.then_some(Message::SortBy(key)))
    };
    let threads = checkbox(list.order.threads)
        .label(crate::fl!("list-threads"))
        .text_size(theme::SMALL_SIZE)
        .on_toggle_maybe(sortable.then_some(|_| Message::ToggleThreads));
    row![
        column_button(SortKey::Date, crate::fl!("list-sort-date")),
        column_button(SortKey::Sender, crate::fl!("list-sort-sender")),
        column_button(SortKey::Subject, crate::fl!("list-sort-subject")),
        space().width(Length::Fill),
        threads,
    ]
    .align_y(Alignment::Center)
    .spacing(theme::SPACING)
    .padding([2.0, theme::PADDING])
    .into()
}

fn rows(list: &MessageList) -> Element<'_, Message> {
    let above = list.first as f32 * ROW_HEIGHT;
    let below = list.len().saturating_sub(list.first + list.rows.len()) as f32 * ROW_HEIGHT;
    let rows = list.rows.iter().fold(Column::new(), |rows, summary| rows.push(row_view(list, summary)));
    let content = column![space().height(above), rows, space().height(below)];
    iced::widget::scrollable(content)
        .id(scroll_id())
        .on_scroll(Message::Scrolled)
        .style(theme::list_scrollbar)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
}

fn row_view<'a>(list: &MessageList, m: &'a MessageSummary) -> Element<'a, Message> {
    let unread = !m.flags.has(Flags::SEEN);
    // Glyphs the bundled font has (it lacks stars and paperclips): • unread, ! flagged.
    let marks = format!(
        "{}{}{}",
        if unread { "• " } else { "" },
        if m.flags.has(Flags::FLAGGED) { "! " } else { "" },
        if m.has_attachments { "att " } else { "" }
    );
    let now = chrono::Local::now();
    let mut top = row![text(format::person(&m.from_name, &m.from_addr)).width(Length::Fill)].spacing(theme::SPACING);
    if m.thread_size > 1
        && let Some(thread) = m.thread
    {
        let open = list.expansion.as_ref().is_some_and(|e| e.thread == thread);
        let label = if open { "−".to_string() } else { format!("+{}", m.thread_size - 1) };
        top = top.push(
            button(text(label).size(theme::SMALL_SIZE))
                .padding([0, 6])
                .style(theme::header_button)
                .on_press(Message::ToggleThread(thread)),
        );
    }
    top = top.push(text(format::list_date(m.date, now)).size(theme::SMALL_SIZE).style(theme::muted));
    let subject = if m.subject.is_empty() { crate::fl!("list-no-subject") } else { m.subject.clone() };
    let bottom = row![
        text(marks).size(theme::SMALL_SIZE),
        crate::ui::highlight::subject(subject, list.search_query(), theme::SMALL_SIZE),
        text(format::size(m.size)).size(theme::SMALL_SIZE).style(theme::muted),
    ]
    .spacing(theme::SPACING);
    let member = list.expansion.as_ref().is_some_and(|e| e.holds(m));
    let indent = if member { 24.0 } else { 0.0 };
    let selected = list.selected.contains(&m.id) || list.focused == Some(m.id);
    let content = container(column![top, bottom].spacing(2))
        .padding([4.0, theme::PADDING])
        .height(Length::Fixed(ROW_HEIGHT))
        .width(Length::Fill)
        .style(theme::list_row_box(selected, false));
    let row = row![space().width(indent), content];
    mouse_area(row).on_press(Message::Pressed(m.id)).into()
}
