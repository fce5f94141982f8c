//! Styles of the main window's chrome: the header bar and its icon buttons, menus (overflow and
//! context), tooltips, the column header of the list, and the small marks in rows. Built from
//! the tokens only.

use super::tokens::{RADIUS, colors};
use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Shadow, Theme, Vector};

/// The header bar: the surface colour with a rule under it.
pub fn header_bar(theme: &Theme) -> container::Style {
    let colors = colors(theme);
    container::Style {
        background: Some(Background::Color(colors.surface)),
        text_color: Some(colors.text),
        ..container::Style::default()
    }
}

/// An icon button in the header bar: flat, a background under the pointer and while pressed,
/// and clearly faded when there is nothing to act on.
pub fn icon_button(theme: &Theme, status: button::Status) -> button::Style {
    let colors = colors(theme);
    let (background, text_color) = match status {
        button::Status::Hovered => (Some(colors.hover), colors.text),
        button::Status::Pressed => (Some(colors.selection), colors.text),
        button::Status::Active => (None, colors.text),
        button::Status::Disabled => (None, Color { a: 0.35, ..colors.text }),
    };
    button::Style {
        background: background.map(Background::Color),
        text_color,
        border: Border { radius: RADIUS.into(), ..Border::default() },
        ..button::Style::default()
    }
}

/// A menu (overflow or context): a raised surface with a border and a shadow.
pub fn menu_box(theme: &Theme) -> container::Style {
    let colors = colors(theme);
    container::Style {
        background: Some(Background::Color(colors.background)),
        text_color: Some(colors.text),
        border: Border { radius: RADIUS.into(), width: 1.0, color: colors.border },
        shadow: Shadow { color: Color { a: 0.25, ..Color::BLACK }, offset: Vector::new(0.0, 2.0), blur_radius: 8.0 },
        ..container::Style::default()
    }
}

/// An entry of a menu: full width, the hover colour under the pointer.
pub fn menu_item(theme: &Theme, status: button::Status) -> button::Style {
    let colors = colors(theme);
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => Some(Background::Color(colors.hover)),
        _ => None,
    };
    let text_color = if matches!(status, button::Status::Disabled) { colors.muted } else { colors.text };
    button::Style {
        background,
        text_color,
        border: Border { radius: RADIUS.into(), ..Border::default() },
        ..button::Style::default()
    }
}

/// A tooltip's box.
pub fn tooltip_box(theme: &Theme) -> container::Style {
    let colors = colors(theme);
    container::Style {
        background: Some(Background::Color(colors.text)),
        text_color: Some(colors.background),
        border: Border { radius: RADIUS.into(), ..Border::default() },
        ..container::Style::default()
    }
}

/// The transparent layer under an open menu that closes it on a click elsewhere.
pub fn scrim(_theme: &Theme) -> container::Style {
    container::Style::default()
}

/// The unread dot and other accent marks.
pub fn accent_mark(theme: &Theme) -> text::Style {
    text::Style { color: Some(colors(theme).accent) }
}

/// The flag star of a flagged message.
pub fn flag_mark(theme: &Theme) -> text::Style {
    text::Style { color: Some(colors(theme).flag) }
}

/// A mark that wants attention (an account needing a password).
pub fn danger_mark(theme: &Theme) -> text::Style {
    text::Style { color: Some(colors(theme).danger) }
}

/// The strip between two column headers that a drag widens or narrows.
pub fn column_divider(theme: &Theme) -> container::Style {
    container::Style { background: Some(Background::Color(colors(theme).border)), ..container::Style::default() }
}

/// The list's column header row.
pub fn column_header(theme: &Theme) -> container::Style {
    let colors = colors(theme);
    container::Style {
        background: Some(Background::Color(colors.surface)),
        text_color: Some(colors.muted),
        border: Border { width: 0.0, ..Border::default() },
        ..container::Style::default()
    }
}
