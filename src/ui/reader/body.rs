//! A laid-out body ([`RichBody`]) as iced widgets: each block a `rich_text` paragraph (headings
//! larger; plain text kept line for line in a fixed-width font; quotes behind a coloured bar
//! per level, each level's passage inside the one it quotes; the letter's colours adjusted to
//! the theme), links clickable and telling the status line where they go when hovered, images
//! shown only when the engine decoded them within bounds (a `cid:` part, or a remote one the
//! user loaded), else their alternative text or why they are not shown. Only the first
//! [`FIRST_SHOWN`] characters are laid out until the user asks for everything: shaping a
//! megabyte of text would hold the window for seconds. Forwarded letters follow, each in a
//! frame under its own headers. iced 0.14 cannot select text in a `rich_text`: "Copy" copies it.

use super::Message;
use super::colors;
use super::link_hover::link_hover;
use crate::engine::api::reading::{
    Block, ForwardedLetter, ReadableBody, RichBody, Span, display_text, link_text_misleads,
};
use crate::ui::{format, theme};
use iced::font::{Style, Weight};
use iced::widget::text::Wrapping;
use iced::widget::{Column, Space, column, container, image, rich_text, row, scrollable, span, text};
use iced::{Background, Border, Color, ContentFit, Element, Font, Length, Theme};
use std::collections::HashMap;

/// Bytes of body text laid out at first: some three screens of a letter, shaped well within a frame
/// (the GUI benchmark's `--huge-letter` run measures it).
pub const FIRST_SHOWN: usize = 12 * 1024;

/// A picture of the letter: decoded and ready, or the reason it is not shown.
#[derive(Debug, Clone)]
pub enum Picture {
    Shown(image::Handle),
    Refused(String),
}

/// A link as the paragraph carries it: its target, and the host its words claim if that differs.
type LinkRef = (String, Option<String>);

/// Quote levels drawn as bars, one inside another; deeper quotes share the last one's.
const MAX_BARS: u8 = 4;
/// Fixed-width text: at most the body's size, at least this (smaller stops being readable; a
/// pane narrower than the letter then wraps its lines).
const MONO_MIN: f32 = 11.0;
const MONO_MAX: f32 = 15.0;
/// A monospace glyph's advance in ems (DejaVu Sans Mono and most others: 0.6).
const MONO_ADVANCE: f32 = 0.602;
/// The width assumed when a letter does not say (HTML tables, empty text).
const USUAL_COLUMNS: u16 = 76;

/// The size of fixed-width text that fits `columns` characters (and a quote bar or two) into
/// `width` pixels, within readable bounds.
pub fn mono_size(width: f32, columns: u16) -> f32 {
    let columns = if columns == 0 { USUAL_COLUMNS } else { columns.max(40) };
    let size = (width - 12.0) / (f32::from(columns) * MONO_ADVANCE);
    size.clamp(MONO_MIN, MONO_MAX).floor()
}

/// The blocks of `body` and its forwarded letters up to `limit` characters; whether some were
/// left out.
pub fn view<'a>(
    body: &'a ReadableBody,
    images: &HashMap<String, Picture>,
    limit: usize,
    theme: &Theme,
    mono: f32,
) -> (Element<'a, Message>, bool) {
    let mut left = limit;
    let (mut column, cut) = blocks(&body.rich, images, theme, &mut left, mono);
    if cut {
        return (column.into(), true);
    }
    for letter in &body.forwarded {
        if left == 0 {
            return (column.into(), true);
        }
        column = column.push(forwarded(letter, images, theme, &mut left, mono));
    }
    (column.into(), left == 0)
}

fn blocks<'a>(
    body: &'a RichBody,
    images: &HashMap<String, Picture>,
    theme: &Theme,
    left: &mut usize,
    mono: f32,
) -> (Column<'a, Message>, bool) {
    let mut rest = body.blocks.as_slice();
    let mut cut = false;
    let look = Look { images, theme, mono, from_html: body.from_html };
    let column = passage(&mut rest, 0, &look, left, &mut cut);
    (column, cut)
}

/// What every block of one body is drawn with.
struct Look<'h> {
    images: &'h HashMap<String, Picture>,
    theme: &'h Theme,
    mono: f32,
    from_html: bool,
}

/// The blocks at the front of `rest` quoted `level` deep or deeper, taken off it. A deeper run
/// is a passage of its own behind one bar, inside this one: a reply to a reply reads as one
/// quote within another, not as a box per paragraph. `cut` says the text ran out first.
fn passage<'a>(
    rest: &mut &'a [Block],
    level: u8,
    look: &Look<'_>,
    left: &mut usize,
    cut: &mut bool,
) -> Column<'a, Message> {
    let mut column = Column::new().spacing(theme::SPACING);
    while let Some((block, after)) = rest.split_first() {
        let depth = block.quote.min(MAX_BARS);
        if depth < level {
            break;
        }
        if *left == 0 {
            *cut = true;
            break;
        }
        if depth > level {
            // Takes at least this block: its depth is past `level`, and text is left.
            let inner = passage(rest, level + 1, look, left, cut);
            column = column.push(quoted(inner, level));
            continue;
        }
        *rest = after;
        // An HTML letter's fixed lines are a data table's rows: like a browser, they keep their
        // width and scroll sideways (Shift + wheel, or the bar) in a narrow pane instead of
        // breaking a row across lines. Plain text's fixed lines wrap at the edge.
        let keep_rows = look.from_html && block.fixed;
        column = column.push(block_view(block, look.images, look.theme, left, look.mono, keep_rows));
    }
    column
}

/// A quoted passage one level below `level`: its bar in that level's colour on the left. The
/// outermost is a little quieter than the letter's own text.
fn quoted<'a>(inner: Column<'a, Message>, level: u8) -> Element<'a, Message> {
    let bar = container(Space::new().width(3).height(Length::Fill))
        .style(move |theme: &Theme| container::Style {
            background: Some(Background::Color(quote_color(theme, level))),
            ..container::Style::default()
        })
        // Fixed width: only then does the row lay the bar out after the text, at its height.
        .width(3)
        .height(Length::Fill);
    // Shrink, or the bar's Fill would make the row (and the scrolled body) fill.
    let passage = row![bar, inner].spacing(8).height(Length::Shrink);
    if level == 0 { container(passage).width(Length::Fill).style(theme::quote_block).into() } else { passage.into() }
}

/// A forwarded letter: its headers, then its body, in a frame.
fn forwarded<'a>(
    letter: &'a ForwardedLetter,
    images: &HashMap<String, Picture>,
    theme: &Theme,
    left: &mut usize,
    mono: f32,
) -> Element<'a, Message> {
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let h = &letter.headers;
    let list = super::headers::addresses;
    let mut head = column![text(crate::fl!("reader-forwarded")).size(theme::SMALL_SIZE).style(theme::muted)];
    if !h.subject.is_empty() {
        head = head.push(text(display_text(&h.subject)).font(Font { weight: Weight::Bold, ..Font::DEFAULT }));
    }
    if !h.from.is_empty() {
        head = head.push(small(crate::fl!("reader-from", sender = list(&h.from))));
    }
    if !h.to.is_empty() {
        head = head.push(small(crate::fl!("reader-to", recipients = list(&h.to))));
    }
    if !h.cc.is_empty() {
        head = head.push(small(crate::fl!("reader-cc", recipients = list(&h.cc))));
    }
    if h.date.is_some() {
        head = head.push(small(format::full_date(h.date)).style(theme::muted));
    }
    let (body, _) = blocks(&letter.rich, images, theme, left, mono);
    container(column![head.spacing(2), body].spacing(theme::SPACING))
        .padding(theme::PADDING)
        .width(Length::Fill)
        .style(|theme: &Theme| container::Style {
            border: Border { width: 1.0, radius: 4.0.into(), color: theme.extended_palette().background.strong.color },
            ..container::Style::default()
        })
        .into()
}

/// One block, its text counted against `left` (bytes still to lay out): a block longer than
/// that is cut at a character boundary.
fn block_view<'a>(
    block: &'a Block,
    images: &HashMap<String, Picture>,
    theme: &Theme,
    left: &mut usize,
    mono: f32,
    keep_rows: bool,
) -> Element<'a, Message> {
    let size = match block.heading {
        0 if block.fixed => Some(mono),
        0 => None,
        1 => Some(theme::TITLE_SIZE + 6.0),
        2 => Some(theme::TITLE_SIZE + 2.0),
        _ => Some(theme::TITLE_SIZE),
    };
    // Runs of text become paragraphs; a loaded image stands between them on its own.
    let mut parts = Column::new().spacing(4);
    let mut run: Vec<iced::widget::text::Span<'a, LinkRef>> = Vec::new();
    for piece in &block.spans {
        if *left == 0 {
            break;
        }
        let mut end = piece.text.len().min(*left);
        while !piece.text.is_char_boundary(end) {
            end -= 1;
        }
        // A span cut to nothing (one wide character over the limit) still ends the layout; a
        // span that is empty to begin with (an image without alternative text) costs nothing.
        *left = if end == 0 && !piece.text.is_empty() { 0 } else { *left - end };
        let words = &piece.text[..end];
        let picture = piece.image.as_deref().and_then(|src| images.get(src));
        match picture {
            Some(Picture::Shown(handle)) => {
                if !run.is_empty() {
                    parts = parts.push(paragraph(std::mem::take(&mut run), size, keep_rows));
                }
                parts = parts.push(image(handle.clone()).content_fit(ContentFit::ScaleDown).width(Length::Shrink));
            }
            Some(Picture::Refused(why)) => run.push(styled(piece, words, Some(why), block, theme)),
            None => run.push(styled(piece, words, None, block, theme)),
        }
    }
    if !run.is_empty() {
        parts = parts.push(paragraph(run, size, keep_rows));
    }
    if keep_rows {
        scrollable(parts)
            .direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new().width(6).scroller_width(6).spacing(2),
            ))
            .width(Length::Fill)
            .into()
    } else {
        parts.into()
    }
}

/// One colour per quote level (as Thunderbird and Geary colour them): blue, green, orange, purple.
fn quote_color(theme: &Theme, level: u8) -> Color {
    let dark = colors::luminance(theme.palette().background) < 0.5;
    let (light, dim) = match level % MAX_BARS {
        0 => (Color::from_rgb8(0x35, 0x84, 0xe4), Color::from_rgb8(0x62, 0xa0, 0xea)),
        1 => (Color::from_rgb8(0x2e, 0xa0, 0x43), Color::from_rgb8(0x57, 0xe3, 0x89)),
        2 => (Color::from_rgb8(0xc6, 0x46, 0x00), Color::from_rgb8(0xff, 0xa3, 0x48)),
        _ => (Color::from_rgb8(0x91, 0x41, 0xac), Color::from_rgb8(0xc0, 0x61, 0xcb)),
    };
    if dark { dim } else { light }
}

/// A run of spans as one paragraph: wrapped at the pane's edge, or (`keep_rows`) each line kept
/// whole, as wide as it is.
fn paragraph<'a>(
    spans: Vec<iced::widget::text::Span<'a, LinkRef>>,
    size: Option<f32>,
    keep_rows: bool,
) -> Element<'a, Message> {
    let has_links = spans.iter().any(|span| span.link.is_some());
    let paragraph = rich_text(spans).on_link_click(|(href, claimed): LinkRef| match claimed {
        None => Message::LinkClicked(href),
        Some(claimed) => Message::LinkMisleads(href, claimed),
    });
    let mut paragraph = if keep_rows {
        paragraph.wrapping(Wrapping::None).width(Length::Shrink)
    } else {
        paragraph.width(Length::Fill)
    };
    if let Some(size) = size {
        paragraph = paragraph.size(size);
    }
    if !has_links {
        return paragraph.into();
    }
    link_hover(paragraph, clicked_link, Message::LinkHovered).into()
}

/// The target of a link click message.
fn clicked_link(message: &Message) -> Option<String> {
    match message {
        Message::LinkClicked(href) | Message::LinkMisleads(href, _) => Some(href.clone()),
        _ => None,
    }
}

fn styled<'a>(
    piece: &'a Span,
    words: &'a str,
    refused: Option<&String>,
    block: &Block,
    theme: &Theme,
) -> iced::widget::text::Span<'a, LinkRef> {
    let heading = block.heading > 0;
    let is_image = piece.image.is_some();
    // Borrowed: a long letter is not copied on every view. An image not loaded (blocked, failed,
    // or not one we may fetch) shows its words instead; a refused one says why.
    let label: std::borrow::Cow<'a, str> = match (is_image, piece.text.trim(), refused) {
        (false, _, _) => words.into(),
        (true, alt, Some(why)) => crate::fl!("reader-image-refused", alt = alt, reason = why.as_str()).into(),
        (true, "", None) => crate::fl!("reader-image").into(),
        (true, alt, None) => format!("[{alt}]").into(),
    };
    // Unstyled text keeps the window's font; styles change only what they must.
    let fixed = piece.style.code || block.fixed;
    let styled = fixed || piece.style.strong || heading || piece.style.emphasis;
    let mut font = if fixed { Font::MONOSPACE } else { Font::DEFAULT };
    if piece.style.strong || heading {
        font.weight = Weight::Bold;
    }
    if piece.style.emphasis {
        font.style = Style::Italic;
    }
    let mut out = span(label)
        .font_maybe(styled.then_some(font))
        .strikethrough(piece.style.strike)
        .underline(piece.style.underline);
    let (color, background) = colors::adjusted(piece.style.color, piece.style.background, theme);
    if let Some(background) = background {
        out = out.background(background);
    }
    if let Some(color) = color {
        out = out.color(color);
    }
    if let Some(link) = &piece.link {
        let claimed = link_text_misleads(&piece.text, link);
        out = out.link((link.clone(), claimed)).underline(true).color(theme::link_color(theme));
    } else if is_image {
        out = out.color(theme::muted(theme).color.unwrap_or(theme.palette().text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_windows_reader_holds_a_plain_letters_76_columns_unbroken() {
        let defaults = crate::config::Settings::default();
        let pane = defaults.window_width - defaults.folder_pane_width - defaults.list_pane_width;
        let width = pane - 2.0 * theme::PADDING - super::super::SCROLLBAR;
        let size = mono_size(width, 76);
        // The 12 px are a quote bar's room, as mono_size counts it.
        assert!(76.0 * size * MONO_ADVANCE + 12.0 <= width, "{size} px in a {width} px pane");
    }
}
