//! How the list looks: the column header (sort by a click, widths by dragging the dividers, the
//! Threads and density switches) and the virtual rows. A row is a mouse area, not a button: a
//! press selects it at once and may start a drag of the selection; a right press opens its menu.
//! Unread rows are bold; marks (unread dot, star, paperclip) sit in columns of their own so the
//! subjects line up; every row paints its own opaque background, so nothing of a row drawn
//! before a scroll stays visible at the edges.

use super::columns::{Columns, MARK_WIDTH, Resizable, SCROLLBAR};
use super::{Message, MessageList, scroll_id};
use crate::engine::api::MessageSummary;
use crate::model::{Flags, SortKey};
use crate::ui::icons::{self, Icon, icon};
use crate::ui::{format, theme};
use iced::font::Weight;
use iced::widget::{Column, Row, button, column, container, mouse_area, row, scrollable, space, text};
use iced::{Alignment, Element, Font, Length, mouse};

/// The width of a column divider's grab strip.
const DIVIDER: f32 = theme::SPACING;

pub fn list(list: &MessageList) -> Element<'_, Message> {
    // The widths as drawn in this pane, for the header and every row alike.
    let columns = list.columns.fitted(list.width);
    let body: Element<'_, Message> = if list.source.is_none() {
        container(text(crate::fl!("list-choose-folder"))).padding(theme::PADDING).into()
    } else if list.len() == 0 {
        container(text(crate::fl!("list-empty"))).padding(theme::PADDING).into()
    } else {
        rows(list, &columns)
    };
    let page = column![header(list, &columns)].push(search_bar(list)).push(body);
    if list.resizing.is_some() {
        // While a divider is dragged, the whole pane follows the pointer.
        return mouse_area(page)
            .on_move(Message::ResizeMove)
            .on_release(Message::ResizeEnd)
            .interaction(mouse::Interaction::ResizingHorizontally)
            .into();
    }
    page.into()
}

fn header<'a>(list: &'a MessageList, columns: &Columns) -> Element<'a, Message> {
    let sortable = list.scope().is_some();
    let column_button = |key: SortKey, label: String| {
        let arrow = match (list.order.key == key, list.order.descending) {
            (false, _) => "",
            (true, true) => " ↓",
            (true, false) => " ↑",
        };
        button(text(format!("{label}{arrow}")).size(theme::CAPTION_SIZE).wrapping(text::Wrapping::None))
            .padding([theme::SPACE_XS, 0.0])
            .style(theme::header_button)
            .on_press_maybe(sortable.then_some(Message::SortBy(key)))
    };
    let correspondent =
        if list.recipients { crate::fl!("list-sort-recipient") } else { crate::fl!("list-sort-sender") };
    let switches = row![
        toggle(
            Icon::Threads,
            crate::fl!("list-threads"),
            list.order.threads,
            sortable.then_some(Message::ToggleThreads)
        ),
        toggle(
            if list.columns.two_lines { Icon::TwoLines } else { Icon::OneLine },
            crate::fl!("list-two-lines"),
            list.columns.two_lines,
            Some(Message::ToggleDensity),
        ),
    ]
    .spacing(theme::SPACE_XS);
    let bar: Row<'_, Message> = if columns.two_lines {
        // The switches keep their room; in a narrow pane the sort titles are clipped instead
        // (a row gives its fixed-size children room first, in order).
        let titles = row![
            column_button(SortKey::Date, crate::fl!("list-sort-date")),
            column_button(SortKey::Sender, correspondent),
            column_button(SortKey::Subject, crate::fl!("list-sort-subject")),
        ]
        .spacing(theme::SPACE_L);
        row![container(titles).width(Length::Fill).clip(true), switches].spacing(theme::SPACE_L)
    } else {
        // The same cells and gaps as the rows, so every title stands over its column; the gaps
        // before the subject, the date and the size are the dividers that a drag moves.
        let cell = |content: Element<'static, Message>, width: f32, align: Alignment| {
            container(content).width(width).align_x(align).clip(true)
        };
        row![
            cell(switches.into(), 3.0 * MARK_WIDTH, Alignment::Start),
            space().width(DIVIDER),
            cell(column_button(SortKey::Sender, correspondent).into(), columns.correspondent, Alignment::Start),
            divider(Resizable::Correspondent),
            container(column_button(SortKey::Subject, crate::fl!("list-sort-subject"))).width(Length::Fill).clip(true),
            divider(Resizable::Date),
            cell(column_button(SortKey::Date, crate::fl!("list-sort-date")).into(), columns.date, Alignment::End),
            divider(Resizable::Size),
            cell(text(crate::fl!("list-size")).size(theme::CAPTION_SIZE).into(), columns.size, Alignment::End),
        ]
    };
    let padding =
        iced::Padding { right: theme::PADDING + SCROLLBAR, ..iced::Padding::from([theme::SPACE_XS, theme::PADDING]) };
    container(bar.align_y(Alignment::Center).padding(padding)).width(Length::Fill).style(theme::column_header).into()
}

/// Over search results: the server may know more, and the search can be kept.
fn search_bar(list: &MessageList) -> Option<Element<'_, Message>> {
    list.search_query()?;
    let small = |label: String, message: Message| {
        button(text(label).size(theme::CAPTION_SIZE))
            .padding([theme::SPACE_XS, theme::SPACE_M])
            .style(theme::header_button)
            .on_press(message)
    };
    // In a narrow pane the buttons go under each other rather than past the pane's edge.
    let server = list.server_search.then(|| small(crate::fl!("list-search-server"), Message::SearchOnServer));
    let actions = row![server, small(crate::fl!("list-save-search"), Message::SaveSearch)]
        .spacing(theme::SPACE_S)
        .wrap()
        .vertical_spacing(theme::SPACE_XS)
        .align_x(iced::alignment::Horizontal::Right);
    let bar = row![
        text(crate::fl!("list-found", count = list.total)).size(theme::CAPTION_SIZE).style(theme::muted),
        container(actions).width(Length::Fill).align_x(Alignment::End),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .padding([theme::SPACE_XS, theme::PADDING]);
    Some(bar.into())
}

/// A switch in the column header: an icon, highlighted when on, named by its tooltip.
fn toggle<'a>(glyph: Icon, name: String, on: bool, on_press: Option<Message>) -> Element<'a, Message> {
    let control = button(icon(glyph, theme::ROW_SIZE))
        .padding([theme::SPACE_XS, theme::SPACE_S])
        .style(move |theme, status| {
            let status = if on && matches!(status, button::Status::Active) { button::Status::Pressed } else { status };
            theme::icon_button(theme, status)
        })
        .on_press_maybe(on_press);
    icons::with_tooltip(control, name)
}

/// The grab strip between two column headers.
fn divider<'a>(column: Resizable) -> Element<'a, Message> {
    let line = container(space().width(1).height(14)).style(theme::column_divider);
    mouse_area(container(line).center_x(DIVIDER))
        .on_press(Message::ResizeStart(column))
        .interaction(mouse::Interaction::ResizingHorizontally)
        .into()
}

fn rows<'a>(list: &'a MessageList, columns: &Columns) -> Element<'a, Message> {
    let height = list.row_height();
    let above = list.first as f32 * height;
    let below = list.len().saturating_sub(list.first + list.rows.len()) as f32 * height;
    let rows = list.rows.iter().fold(Column::new(), |rows, summary| rows.push(row_view(list, columns, summary)));
    let content = column![space().height(above), rows, space().height(below)];
    // The scrollbar has its own strip (not over the dates and sizes); the header keeps the
    // same strip free so its titles stay over their columns.
    let scrollbar = scrollable::Scrollbar::new().width(SCROLLBAR).scroller_width(SCROLLBAR).spacing(0);
    iced::widget::scrollable(content)
        .direction(scrollable::Direction::Vertical(scrollbar))
        .id(scroll_id())
        .on_scroll(Message::Scrolled)
        .style(theme::list_scrollbar)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
}

/// Whom the row names: the sender, or in Sent and Drafts the recipients ("To: …").
fn correspondent(list: &MessageList, m: &MessageSummary) -> String {
    if !list.recipients {
        return format::person(&m.from_name, &m.from_addr);
    }
    let (mut pieces, rest) = crate::engine::api::split_typed(&m.to_addrs);
    pieces.push(rest);
    let names: Vec<String> = pieces
        .iter()
        .filter_map(|piece| crate::engine::api::parse_mailbox(piece).ok())
        .map(|mailbox| format::person(&mailbox.name, &mailbox.email))
        .collect();
    crate::fl!("list-to", recipients = names.join(", "))
}

/// A text style by name (`theme::muted`, `theme::flag_mark`).
type TextStyle = fn(&iced::Theme) -> text::Style;

fn row_view<'a>(list: &'a MessageList, columns: &Columns, m: &'a MessageSummary) -> Element<'a, Message> {
    let unread = !m.flags.has(Flags::SEEN);
    let weight = if unread { Weight::Bold } else { Weight::Normal };
    let font = Font { weight, ..Font::default() };
    let mark = |glyph: Option<(Icon, TextStyle)>| {
        let content: Element<'a, Message> = match glyph {
            Some((glyph, style)) => icon(glyph, theme::ROW_ICON_SIZE).style(style).into(),
            None => space().into(),
        };
        container(content).width(MARK_WIDTH).center_x(MARK_WIDTH)
    };
    // The unread dot is a filled disc of the text font (Lucide's icons are outlines).
    let dot: iced::widget::Container<'a, Message> = if unread {
        container(text("●").size(theme::CAPTION_SIZE - 2.0).style(theme::accent_mark)).center_x(MARK_WIDTH)
    } else {
        container(space()).width(MARK_WIDTH)
    };
    let star = mark(m.flags.has(Flags::FLAGGED).then_some((Icon::Star, theme::flag_mark as TextStyle)));
    let clip = mark(m.has_attachments.then_some((Icon::Attachment, theme::muted as _)));
    let who = text(correspondent(list, m)).size(theme::ROW_SIZE).font(font).wrapping(text::Wrapping::None);
    let subject = if m.subject.is_empty() { crate::fl!("list-no-subject") } else { m.subject.clone() };
    let subject = crate::ui::highlight::subject(subject, list.search_query(), theme::ROW_SIZE, font);
    let date = text(format::list_date(m.date, chrono::Local::now()))
        .size(theme::CAPTION_SIZE)
        .style(theme::muted)
        .wrapping(text::Wrapping::None);
    let size = text(format::size(m.size)).size(theme::CAPTION_SIZE).style(theme::muted).wrapping(text::Wrapping::None);
    let thread = thread_button(list, m);
    // Search results come from every folder: each row says which.
    let folder = list
        .folder_of(m)
        .map(|name| text(name).size(theme::CAPTION_SIZE).style(theme::muted).wrapping(text::Wrapping::None));
    let content: Element<'a, Message> = if columns.two_lines {
        let top = row![dot, container(who).width(Length::Fill).clip(true)]
            .push(thread)
            .push(star)
            .push(clip)
            .push(date)
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center);
        let bottom = row![space().width(MARK_WIDTH), container(subject).width(Length::Fill).clip(true)]
            .push(folder.map(|f| container(f).max_width(columns.date * 1.5).clip(true)))
            .push(size)
            .spacing(theme::SPACING)
            .align_y(Alignment::Center);
        // The letter's first words under its subject, as a card list shows them (a line of its
        // own: beside a long subject they were squeezed to nothing).
        let preview = list.previews.get(&m.id).map(|words| {
            text(words.as_str()).size(theme::CAPTION_SIZE).style(theme::muted).wrapping(text::Wrapping::None)
        });
        let first_words =
            row![space().width(MARK_WIDTH), container(preview).width(Length::Fill).clip(true)].spacing(theme::SPACING);
        column![top, bottom, first_words].spacing(theme::SPACE_XS).into()
    } else {
        let cell = |content: Element<'a, Message>, width: f32| container(content).width(width).clip(true);
        let gap = || space().width(theme::SPACING);
        row![
            row![dot, star, clip],
            gap(),
            cell(who.into(), columns.correspondent),
            gap(),
            container(row![subject].push(thread).spacing(theme::SPACE_S)).width(Length::Fill).clip(true),
            gap(),
        ]
        .push(folder.map(|f| row![container(f).width(columns.date).clip(true), gap()]))
        .push(row![
            container(date).width(columns.date).align_x(Alignment::End).clip(true),
            gap(),
            container(size).width(columns.size).align_x(Alignment::End).clip(true),
        ])
        .align_y(Alignment::Center)
        .into()
    };
    let member = list.expansion.as_ref().is_some_and(|e| e.holds(m));
    let indent = if member { 24.0 } else { 0.0 };
    let selected = list.selected.contains(&m.id) || list.focused == Some(m.id);
    let hovered = list.hovered == Some(m.id);
    let boxed = container(content)
        .padding([0.0, theme::PADDING])
        .align_y(Alignment::Center)
        .height(Length::Fixed(list.row_height()))
        .width(Length::Fill)
        .clip(true)
        .style(theme::list_row_box(selected, hovered));
    let line = row![space().width(indent), boxed];
    mouse_area(line)
        .on_press(Message::Pressed(m.id))
        .on_right_press(Message::ContextPressed(m.id))
        .on_double_click(Message::DoubleClicked(m.id))
        .on_enter(Message::Hovered(m.id))
        .on_exit(Message::Unhovered(m.id))
        .into()
}

/// A conversation's "+3" (open it here) or "−" (close it).
fn thread_button<'a>(list: &MessageList, m: &MessageSummary) -> Option<Element<'a, Message>> {
    let thread = m.thread.filter(|_| m.thread_size > 1)?;
    let open = list.expansion.as_ref().is_some_and(|e| e.thread == thread);
    let label = if open { "−".to_string() } else { format!("+{}", m.thread_size - 1) };
    Some(
        button(text(label).size(theme::CAPTION_SIZE))
            .padding([0.0, theme::SPACE_M])
            .style(theme::header_button)
            .on_press(Message::ToggleThread(thread))
            .into(),
    )
}

/// The list's inner width available to its columns (for tests of the geometry).
#[allow(dead_code)]
pub fn columns_total(columns: &Columns) -> f32 {
    Columns::correspondent_x() + columns.correspondent + columns.date + columns.size + SCROLLBAR
}
