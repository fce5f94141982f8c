//! A letter's colours made readable in the reader's theme. Letters are written for a white page:
//! on a dark theme their light backgrounds are turned dark and their dark text light (the hue
//! kept, the lightness mirrored), and any text still below WCAG AA contrast (4.5:1) against
//! what is behind it is moved towards the theme's text colour until it reaches it.

use crate::engine::api::reading::Rgb;
use iced::{Color, Theme};

/// WCAG 2.x AA for body text.
const MIN_CONTRAST: f32 = 4.5;

/// The text and background colours to draw a span with (None: the theme's own).
pub fn adjusted(fg: Option<Rgb>, bg: Option<Rgb>, theme: &Theme) -> (Option<Color>, Option<Color>) {
    if fg.is_none() && bg.is_none() {
        return (None, None);
    }
    let palette = theme.palette();
    let dark = luminance(palette.background) < 0.5;
    let background = bg.map(|bg| {
        let bg = color(bg);
        if dark && luminance(bg) > 0.4 { mirror_lightness(bg) } else { bg }
    });
    let behind = background.unwrap_or(palette.background);
    let text = match fg {
        Some(fg) => {
            let fg = color(fg);
            let fg = if dark && luminance(fg) < 0.2 && background.is_none() { mirror_lightness(fg) } else { fg };
            readable(fg, behind, palette.text)
        }
        // The theme's text on the letter's background: only changed when unreadable there.
        None => readable(palette.text, behind, palette.text),
    };
    let text = Some(text).filter(|text| *text != palette.text || fg.is_some());
    (text, background)
}

/// `fg` if it reads on `behind`, else moved step by step towards whichever of the theme's text,
/// black and white reads best there.
fn readable(fg: Color, behind: Color, theme_text: Color) -> Color {
    if contrast(fg, behind) >= MIN_CONTRAST {
        return fg;
    }
    let target = [theme_text, Color::BLACK, Color::WHITE]
        .into_iter()
        .max_by(|a, b| contrast(*a, behind).total_cmp(&contrast(*b, behind)))
        .unwrap_or(theme_text);
    (1..=10)
        .map(|step| mix(fg, target, step as f32 / 10.0))
        .find(|candidate| contrast(*candidate, behind) >= MIN_CONTRAST)
        .unwrap_or(target)
}

fn color(rgb: Rgb) -> Color {
    Color::from_rgb8(rgb.0, rgb.1, rgb.2)
}

fn mix(a: Color, b: Color, t: f32) -> Color {
    Color::from_rgb(a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t)
}

/// WCAG relative luminance.
pub fn luminance(c: Color) -> f32 {
    let channel = |v: f32| if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio, 1 to 21.
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The same hue and saturation with the lightness mirrored (HSL): white becomes black, pale
/// yellow a dark olive, dark blue a light blue.
fn mirror_lightness(c: Color) -> Color {
    let max = c.r.max(c.g).max(c.b);
    let min = c.r.min(c.g).min(c.b);
    let lightness = (max + min) / 2.0;
    let target = 1.0 - lightness;
    if lightness <= 0.0 || lightness >= 1.0 {
        return Color::from_rgb(target, target, target);
    }
    // Scale the distance from the grey of this lightness to the new lightness' room.
    let room = |l: f32| l.min(1.0 - l);
    let scale = room(target) / room(lightness).max(f32::EPSILON);
    let channel = |v: f32| (target + (v - lightness) * scale).clamp(0.0, 1.0);
    Color::from_rgb(channel(c.r), channel(c.g), channel(c.b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_colour_reads_on_both_themes() {
        let colours = [Rgb(0, 0, 0), Rgb(255, 255, 255), Rgb(255, 255, 0), Rgb(0, 0, 128), Rgb(128, 128, 128)];
        for theme in [Theme::Light, Theme::Dark] {
            for fg in colours.iter().copied().map(Some).chain([None]) {
                for bg in colours.iter().copied().map(Some).chain([None]) {
                    let (text, background) = adjusted(fg, bg, &theme);
                    let text = text.unwrap_or(theme.palette().text);
                    let behind = background.unwrap_or(theme.palette().background);
                    assert!(contrast(text, behind) >= MIN_CONTRAST, "{fg:?} on {bg:?} in {theme:?}");
                }
            }
        }
    }

    #[test]
    fn a_white_background_turns_dark_on_the_dark_theme_only() {
        let white = Some(Rgb(255, 255, 255));
        let (_, light) = adjusted(None, white, &Theme::Light);
        assert_eq!(light, Some(Color::WHITE));
        let (_, dark) = adjusted(None, white, &Theme::Dark);
        assert!(luminance(dark.unwrap()) < 0.05, "{dark:?}");
    }

    #[test]
    fn readable_colours_are_kept() {
        let (text, _) = adjusted(Some(Rgb(200, 0, 0)), None, &Theme::Light);
        assert_eq!(text, Some(Color::from_rgb8(200, 0, 0)));
    }
}
