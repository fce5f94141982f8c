//! The design tokens (docs/visual-language.md): the type and spacing scales and the colours of the
//! light and dark looks. Views never name a colour; they ask for a token of the theme in use.
//! Every text colour is checked against every background it is drawn on (WCAG 2.x contrast at
//! least 4.5:1, the AA level for body text) by the tests below.

use iced::{Color, Theme, color};

/// Type scale (logical pixels): captions and column headers, list rows, titles; body text is
/// iced's default 16.
pub const CAPTION_SIZE: f32 = 12.0;
pub const ROW_SIZE: f32 = 14.0;
pub const TITLE_SIZE: f32 = 18.0;
/// Icons in the header bar and menus, and the smaller ones inside list rows.
pub const ICON_SIZE: f32 = 18.0;
pub const ROW_ICON_SIZE: f32 = 13.0;

/// Spacing scale: a 2-px base; the names say where each step is used.
pub const SPACE_XS: f32 = 2.0;
pub const SPACE_S: f32 = 4.0;
pub const SPACE_M: f32 = 6.0;
pub const SPACE_L: f32 = 10.0;
/// Corner radius of buttons, menus and selection highlights.
pub const RADIUS: f32 = 4.0;

/// The colours of one look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colors {
    /// The list and the reader.
    pub background: Color,
    /// The header bar, the folder pane, menus.
    pub surface: Color,
    pub text: Color,
    /// Secondary text: dates, sizes, counts, addresses.
    pub muted: Color,
    pub link: Color,
    /// The unread dot, the focus ring, the selected folder's marker.
    pub accent: Color,
    /// A row or button under the pointer.
    pub hover: Color,
    /// A selected row; text on it stays `text` (or `muted`).
    pub selection: Color,
    pub border: Color,
    /// The flag star (a graphic: 3:1 is enough).
    pub flag: Color,
    /// Marks that want attention (an account that needs a password).
    pub danger: Color,
}

pub const LIGHT: Colors = Colors {
    background: color!(0xFFFFFF),
    surface: color!(0xF3F4F6),
    text: color!(0x1B1D21),
    muted: color!(0x596170),
    link: color!(0x2450C8),
    accent: color!(0x2F5BD3),
    hover: color!(0xEBEDF1),
    selection: color!(0xD4DEF7),
    border: color!(0xD5D8DE),
    flag: color!(0xC27400),
    danger: color!(0xB42318),
};

/// Dark: the background is iced's own dark background, so its widgets sit in the same look.
pub const DARK: Colors = Colors {
    background: color!(0x2B2D31),
    surface: color!(0x222327),
    text: color!(0xE6E6E6),
    muted: color!(0xB3B9C3),
    link: color!(0x9DB3FF),
    accent: color!(0x9DB3FF),
    hover: color!(0x36383D),
    selection: color!(0x2E3B5E),
    border: color!(0x3F4147),
    flag: color!(0xF0B232),
    danger: color!(0xF28B82),
};

/// The colours of the theme in use.
pub fn colors(theme: &Theme) -> &'static Colors {
    if theme.extended_palette().is_dark { &DARK } else { &LIGHT }
}

/// WCAG 2.x relative luminance of an sRGB colour.
#[cfg(test)]
fn luminance(color: Color) -> f32 {
    let linear = |c: f32| if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
    0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)
}

/// WCAG 2.x contrast ratio, 1 to 21.
#[cfg(test)]
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_muted_and_links_reach_wcag_aa_on_every_background_light_and_dark() {
        for (look, c) in [("light", LIGHT), ("dark", DARK)] {
            let backgrounds =
                [("background", c.background), ("surface", c.surface), ("hover", c.hover), ("selection", c.selection)];
            for (fg_name, fg) in [("text", c.text), ("muted", c.muted), ("link", c.link)] {
                for (bg_name, bg) in backgrounds {
                    let ratio = contrast(fg, bg);
                    assert!(ratio >= 4.5, "{look}: {fg_name} on {bg_name} is {ratio:.2}:1");
                }
            }
            // Graphics (the unread dot, the flag star) need 3:1 (WCAG 1.4.11).
            for (name, graphic) in [("accent", c.accent), ("flag", c.flag), ("danger", c.danger)] {
                let ratio = contrast(graphic, c.background);
                assert!(ratio >= 3.0, "{look}: {name} on background is {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 0.001);
        // iced's own primary on its dark background fails: why links have a token of their own.
        assert!(contrast(color!(0x5865F2), color!(0x2B2D31)) < 4.5);
    }

    #[test]
    fn the_theme_picks_its_colours() {
        assert_eq!(colors(&Theme::Dark), &DARK);
        assert_eq!(colors(&Theme::Light), &LIGHT);
    }
}
