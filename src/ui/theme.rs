//! The look in one place: light or dark as the desktop prefers (the XDG portal's colour scheme,
//! followed while running; environment fallbacks), spacing, and the styles views use by name
//! (views never hard-code colours). The tokens (scales, colours) are in `tokens`, the styles of
//! the main window's header bar, menus and list in `styles`; docs/visual-language.md explains them.

mod styles;
mod tokens;

pub use styles::*;
pub use tokens::*;

use iced::widget::{button, container, scrollable};
use iced::{Background, Border, Color, Theme};

/// The spacing between neighbours and the padding inside panes (the scale's M and L steps).
pub const SPACING: f32 = SPACE_M;
pub const PADDING: f32 = SPACE_L;
/// Captions, column headers, dates.
pub const SMALL_SIZE: f32 = CAPTION_SIZE;

/// Light or dark before the desktop answers: `POCHTA_THEME` (light/dark) when set, else a GTK theme
/// named "…dark", else light. The desktop portal's colour scheme ([`system_prefers_dark`])
/// replaces this guess unless the settings name a theme.
pub fn from_environment() -> Theme {
    let chosen = std::env::var("POCHTA_THEME").ok().and_then(|t| named(&t));
    let gtk_dark = std::env::var("GTK_THEME").is_ok_and(|t| t.to_ascii_lowercase().contains("dark"));
    chosen.unwrap_or(if gtk_dark { Theme::Dark } else { Theme::Light })
}

/// "light" or "dark" as a theme; anything else (e.g. "system") is no choice.
pub fn named(name: &str) -> Option<Theme> {
    match name.trim().to_ascii_lowercase().as_str() {
        "dark" => Some(Theme::Dark),
        "light" => Some(Theme::Light),
        _ => None,
    }
}

pub fn for_dark(dark: bool) -> Theme {
    if dark { Theme::Dark } else { Theme::Light }
}

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const PORTAL_SETTINGS: &str = "org.freedesktop.portal.Settings";
const APPEARANCE: &str = "org.freedesktop.appearance";
/// How long the portal may take to answer at start (a D-Bus call waits 25 s by default).
const PORTAL_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(700);

/// The desktop's preference from the XDG desktop portal (`org.freedesktop.appearance
/// color-scheme`: 1 dark, 2 light, 0 none). None without a portal or a preference.
pub async fn system_prefers_dark() -> Option<bool> {
    let read = async {
        let connection = zbus::Connection::session().await.ok()?;
        let reply = connection
            .call_method(Some(PORTAL), PORTAL_PATH, Some(PORTAL_SETTINGS), "ReadOne", &(APPEARANCE, "color-scheme"))
            .await;
        let value: zbus::zvariant::OwnedValue = match reply {
            Ok(reply) => reply.body().deserialize().ok()?,
            // Portals before version 2 only have `Read`, which wraps the value once more.
            Err(_) => {
                let reply = connection
                    .call_method(
                        Some(PORTAL),
                        PORTAL_PATH,
                        Some(PORTAL_SETTINGS),
                        "Read",
                        &(APPEARANCE, "color-scheme"),
                    )
                    .await
                    .ok()?;
                reply.body().deserialize().ok()?
            }
        };
        scheme_is_dark(&value)
    };
    tokio::time::timeout(PORTAL_TIMEOUT, read).await.ok().flatten()
}

fn scheme_is_dark(value: &zbus::zvariant::Value<'_>) -> Option<bool> {
    match value {
        zbus::zvariant::Value::Value(inner) => scheme_is_dark(inner),
        zbus::zvariant::Value::U32(1) => Some(true),
        zbus::zvariant::Value::U32(2) => Some(false),
        _ => None,
    }
}

/// Changes of the desktop's preference while Pochta runs (the portal's `SettingChanged`).
/// Ends quietly without a session bus or a portal.
pub fn system_scheme_changes() -> iced::Subscription<Option<bool>> {
    iced::Subscription::run(|| {
        iced::stream::channel(4, async |mut output| {
            use iced::futures::{SinkExt, StreamExt};
            let Ok(connection) = zbus::Connection::session().await else { return };
            let rule = zbus::MatchRule::builder()
                .msg_type(zbus::message::Type::Signal)
                .interface(PORTAL_SETTINGS)
                .and_then(|rule| rule.member("SettingChanged"))
                .map(|rule| rule.build());
            let Ok(rule) = rule else { return };
            let Ok(mut signals) = zbus::MessageStream::for_match_rule(rule, &connection, Some(8)).await else {
                return;
            };
            while let Some(Ok(signal)) = signals.next().await {
                let Ok((namespace, key, value)) =
                    signal.body().deserialize::<(String, String, zbus::zvariant::OwnedValue)>()
                else {
                    continue;
                };
                if namespace == APPEARANCE
                    && key == "color-scheme"
                    && output.send(scheme_is_dark(&value)).await.is_err()
                {
                    return;
                }
            }
        })
    })
}

/// A row of the message list or the folder tree: flat, highlighted when selected or hovered.
pub fn list_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let colors = colors(theme);
        let background = if selected {
            Some(Background::Color(colors.selection))
        } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
            Some(Background::Color(colors.hover))
        } else {
            None
        };
        button::Style {
            background,
            text_color: colors.text,
            border: Border { radius: RADIUS.into(), ..Border::default() },
            ..button::Style::default()
        }
    }
}

/// A message row (a mouse area's box): highlighted when selected, lighter under the pointer.
/// Opaque either way, so nothing of a row drawn before stays visible through it.
pub fn list_row_box(selected: bool, hovered: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let colors = colors(theme);
        let background = if selected {
            colors.selection
        } else if hovered {
            colors.hover
        } else {
            colors.background
        };
        container::Style {
            background: Some(Background::Color(background)),
            text_color: Some(colors.text),
            ..container::Style::default()
        }
    }
}

/// A folder under a drag: where the messages will go when the button is released.
pub fn drop_target(theme: &Theme, _status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    button::Style {
        background: Some(Background::Color(palette.success.weak.color)),
        text_color: palette.success.weak.text,
        border: Border { radius: 4.0.into(), width: 1.0, color: palette.success.strong.color },
        ..button::Style::default()
    }
}

/// The line between two rules where a dragged rule will land when the button is released.
pub fn drop_marker(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.primary.strong.color)),
        border: Border { radius: 2.0.into(), ..Border::default() },
        ..container::Style::default()
    }
}

/// A column header or a small inline control: flat text, a background on hover.
pub fn header_button(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let background = matches!(status, button::Status::Hovered | button::Status::Pressed)
        .then_some(Background::Color(palette.background.strong.color));
    button::Style {
        background,
        text_color: palette.background.base.text,
        border: Border { radius: 3.0.into(), ..Border::default() },
        ..button::Style::default()
    }
}

/// The list's scrollbar: a thumb that stays grabbable even when 100,000 rows make it tiny.
pub fn list_scrollbar(theme: &Theme, status: scrollable::Status) -> scrollable::Style {
    let mut style = scrollable::default(theme, status);
    let palette = theme.extended_palette();
    style.vertical_rail.scroller.background = Background::Color(palette.background.strong.color);
    style.vertical_rail.scroller.border.radius = 3.0.into();
    style
}

/// Secondary text (dates, sizes, addresses): an opaque colour checked for contrast, not a
/// see-through text colour (whose contrast depends on what is under it).
pub fn muted(theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style { color: Some(colors(theme).muted) }
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

/// A rule's block while it is dragged to another place: the reader's header block, outlined.
pub fn dragged_block(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        border: Border { radius: 4.0.into(), width: 2.0, color: palette.primary.strong.color },
        ..header_block(theme)
    }
}

/// The reader's bars (remote content blocked, a misleading link, a long letter cut): the
/// surface token with its text and muted colours, whose contrast the tokens' test checks (iced's
/// secondary palette gave grey on grey, about 3:1 in light and 2:1 in dark).
pub fn remote_bar(theme: &Theme) -> container::Style {
    let colors = colors(theme);
    container::Style {
        background: Some(Background::Color(colors.surface)),
        text_color: Some(colors.text),
        border: Border { radius: RADIUS.into(), width: 1.0, color: colors.border },
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

/// Links in message text (iced's primary colour is too dark on the dark background).
pub fn link_color(theme: &Theme) -> Color {
    colors(theme).link
}

/// The main action of a form (the composer's Send): the accent colour, its text chosen for
/// contrast (white on the light look's blue, the dark background on the dark look's pale blue).
pub fn primary_button(theme: &Theme, status: button::Status) -> button::Style {
    let colors = colors(theme);
    let dark = theme.extended_palette().is_dark;
    let text_color = if dark { colors.background } else { Color::WHITE };
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => Color { a: 0.85, ..colors.accent },
        button::Status::Disabled => Color { a: 0.45, ..colors.accent },
        button::Status::Active => colors.accent,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color,
        border: Border { radius: RADIUS.into(), ..Border::default() },
        ..button::Style::default()
    }
}

/// The other actions beside a primary one: the surface colour with a border, the hover colour
/// under the pointer.
pub fn secondary_button(theme: &Theme, status: button::Status) -> button::Style {
    let colors = colors(theme);
    let (background, text_color) = match status {
        button::Status::Hovered | button::Status::Pressed => (colors.hover, colors.text),
        button::Status::Disabled => (colors.surface, colors.muted),
        button::Status::Active => (colors.surface, colors.text),
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color,
        border: Border { radius: RADIUS.into(), width: 1.0, color: colors.border },
        ..button::Style::default()
    }
}

/// A form field's box (the composer's recipients and subject): the border of the look, the
/// accent colour while the field has focus.
pub fn field_box(focused: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let colors = colors(theme);
        let border = if focused { colors.accent } else { colors.border };
        container::Style {
            background: Some(Background::Color(colors.background)),
            text_color: Some(colors.text),
            border: Border { radius: RADIUS.into(), width: 1.0, color: border },
            ..container::Style::default()
        }
    }
}

/// A choice list in a form (the composer's From): the surface colour with the border of the
/// look, the hover colour under the pointer.
pub fn form_pick_list(theme: &Theme, status: iced::widget::pick_list::Status) -> iced::widget::pick_list::Style {
    let colors = colors(theme);
    let background = match status {
        iced::widget::pick_list::Status::Active => colors.surface,
        _ => colors.hover,
    };
    iced::widget::pick_list::Style {
        text_color: colors.text,
        placeholder_color: colors.muted,
        handle_color: colors.muted,
        background: Background::Color(background),
        border: Border { radius: RADIUS.into(), width: 1.0, color: colors.border },
    }
}

/// A text input inside a [`field_box`]: no border or background of its own.
pub fn bare_input(theme: &Theme, _status: iced::widget::text_input::Status) -> iced::widget::text_input::Style {
    let colors = colors(theme);
    iced::widget::text_input::Style {
        background: Background::Color(Color::TRANSPARENT),
        border: Border::default(),
        icon: colors.muted,
        placeholder: colors.muted,
        value: colors.text,
        selection: colors.selection,
    }
}

/// A text area (the composer's letter): the border of the look, the accent colour while it has
/// focus (iced's own is black in the light look).
pub fn editor_box(theme: &Theme, status: iced::widget::text_editor::Status) -> iced::widget::text_editor::Style {
    let colors = colors(theme);
    let border = match status {
        iced::widget::text_editor::Status::Focused { .. } => colors.accent,
        _ => colors.border,
    };
    iced::widget::text_editor::Style {
        background: Background::Color(colors.background),
        border: Border { radius: RADIUS.into(), width: 1.0, color: border },
        placeholder: colors.muted,
        value: colors.text,
        selection: colors.selection,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zbus::zvariant::Value;

    #[test]
    fn the_portal_colour_scheme_is_read_plain_or_wrapped() {
        assert_eq!(scheme_is_dark(&Value::U32(1)), Some(true));
        assert_eq!(scheme_is_dark(&Value::U32(2)), Some(false));
        assert_eq!(scheme_is_dark(&Value::U32(0)), None, "no preference");
        // The old `Read` method wraps the value in one more variant.
        assert_eq!(scheme_is_dark(&Value::Value(Box::new(Value::U32(1)))), Some(true));
        assert_eq!(named(" Dark "), Some(Theme::Dark));
        assert_eq!(named("system"), None);
    }

    #[test]
    fn the_reader_bars_words_reach_wcag_aa_on_the_bar_light_and_dark() {
        for theme in [Theme::Light, Theme::Dark] {
            let bar = remote_bar(&theme);
            let Some(Background::Color(background)) = bar.background else { panic!("the bar has a colour") };
            let words = bar.text_color.expect("the bar sets its text colour");
            for (name, colour) in [("text", words), ("muted", colors(&theme).muted)] {
                let ratio = contrast(colour, background);
                assert!(ratio >= 4.5, "{name} on the {theme:?} bar: {ratio:.2}:1");
            }
        }
    }
}

/// The application's icon (assets/icons, the same picture the desktop entry uses) for the
/// windows' title bars and task switchers; `None` if it cannot be decoded (no icon, no failure).
pub fn window_icon() -> Option<iced::window::Icon> {
    static PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/64x64/apps/org.pochta.Pochta.png");
    let picture = image::load_from_memory_with_format(PNG, image::ImageFormat::Png).ok()?.to_rgba8();
    let (width, height) = picture.dimensions();
    iced::window::icon::from_rgba(picture.into_raw(), width, height).ok()
}

#[cfg(test)]
mod icon_tests {
    #[test]
    fn the_window_icon_comes_from_the_assets() {
        assert!(super::window_icon().is_some());
    }
}
