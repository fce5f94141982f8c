//! The look in one place: spacing, the widths of the panes, and the styles views use by name
//! (views never hard-code colours).

use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme};

pub const SPACING: f32 = 6.0;
pub const PADDING: f32 = 10.0;
pub const SIDEBAR_WIDTH: f32 = 240.0;
pub const LIST_WIDTH: f32 = 420.0;
pub const TITLE_SIZE: f32 = 18.0;
pub const SMALL_SIZE: f32 = 12.0;

/// The system's light or dark preference (GTK_THEME / the desktop's colour scheme), light by default.
pub fn from_environment() -> Theme {
    let dark = std::env::var("GTK_THEME").is_ok_and(|t| t.to_ascii_lowercase().contains("dark"))
        || std::env::var("POCHTA_THEME").is_ok_and(|t| t.eq_ignore_ascii_case("dark"));
    if dark { Theme::Dark } else { Theme::Light }
}

/// A row of the message list or the folder tree: flat, highlighted when selected or hovered.
pub fn list_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let background = if selected {
            Some(Background::Color(palette.primary.weak.color))
        } else if matches!(status, button::Status::Hovered) {
            Some(Background::Color(palette.background.weak.color))
        } else {
            None
        };
        let text_color = if selected { palette.primary.weak.text } else { palette.background.base.text };
        button::Style { background, text_color, border: Border::default(), ..button::Style::default() }
    }
}

/// Secondary text (dates, sizes, addresses).
pub fn muted(theme: &Theme) -> iced::widget::text::Style {
    let text = theme.extended_palette().background.base.text;
    iced::widget::text::Style { color: Some(Color { a: 0.6, ..text }) }
}

/// An error or warning notice across the top of the window.
pub fn notice(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.danger.weak.color)),
        text_color: Some(palette.danger.weak.text),
        border: Border { radius: 4.0.into(), ..Border::default() },
        ..container::Style::default()
    }
}

/// The reader's header block.
pub fn header_block(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.weak.color)),
        border: Border { radius: 4.0.into(), width: 0.0, color: Color::TRANSPARENT },
        ..container::Style::default()
    }
}

/// The reader's bar over a message whose remote content is blocked.
pub fn remote_bar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.secondary.weak.color)),
        text_color: Some(palette.secondary.weak.text),
        border: Border { radius: 4.0.into(), ..Border::default() },
        ..container::Style::default()
    }
}

/// A quoted passage in the reader: a rule on its left, like a mail client's quote.
pub fn quote_block(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        text_color: Some(Color { a: 0.75, ..palette.background.base.text }),
        border: Border { width: 0.0, ..Border::default() },
        background: Some(Background::Color(Color { a: 0.35, ..palette.background.weak.color })),
        ..container::Style::default()
    }
}

/// Links in message text.
pub fn link_color(theme: &Theme) -> Color {
    theme.extended_palette().primary.base.color
}
