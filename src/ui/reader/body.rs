//! A laid-out body ([`RichBody`]) as iced widgets: each block a `rich_text` paragraph (headings
//! larger, quotes indented and muted), links clickable and telling the status line where they go
//! when hovered, images shown only when the engine decoded them within bounds (a `cid:` part, or
//! a remote one the user loaded), else their alternative text or why they are not shown. Only
//! the first [`FIRST_SHOWN`] characters are laid out until the user asks for everything: shaping
//! a megabyte of text would hold the window for seconds.

use super::Message;
use super::link_hover::link_hover;
use crate::engine::api::reading::{Block, RichBody, Span, link_text_misleads};
use crate::ui::theme;
use iced::font::{Style, Weight};
use iced::widget::{Column, container, image, rich_text, span};
use iced::{ContentFit, Element, Font, Length, Theme};
use std::collections::HashMap;

/// Bytes of body text laid out at first: some four screens of a letter, shaped within a frame
/// (the GUI benchmark's `--huge-letter` run measures it).
pub const FIRST_SHOWN: usize = 16 * 1024;

/// A picture of the letter: decoded and ready, or the reason it is not shown.
#[derive(Debug, Clone)]
pub enum Picture {
    Shown(image::Handle),
    Refused(String),
}

/// A link as the paragraph carries it: its target, and the host its words claim if that differs.
type LinkRef = (String, Option<String>);

/// The blocks of `body` up to `limit` characters; whether some were left out.
pub fn view<'a>(
    body: &'a RichBody,
    images: &HashMap<String, Picture>,
    limit: usize,
    theme: &Theme,
) -> (Element<'a, Message>, bool) {
    let mut column = Column::new().spacing(theme::SPACING);
    let mut left = limit;
    for block in &body.blocks {
        if left == 0 {
            return (column.into(), true);
        }
        column = column.push(block_view(block, images, theme, &mut left));
    }
    (column.into(), left == 0)
}

/// One block, its text counted against `left` (bytes still to lay out): a block longer than
/// that is cut at a character boundary.
fn block_view<'a>(
    block: &'a Block,
    images: &HashMap<String, Picture>,
    theme: &Theme,
    left: &mut usize,
) -> Element<'a, Message> {
    let size = match block.heading {
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
        // A span cut to nothing (one wide character over the limit) still ends the layout.
        *left = if end == 0 { 0 } else { *left - end };
        let words = &piece.text[..end];
        let picture = piece.image.as_deref().and_then(|src| images.get(src));
        match picture {
            Some(Picture::Shown(handle)) => {
                if !run.is_empty() {
                    parts = parts.push(paragraph(std::mem::take(&mut run), size));
                }
                parts = parts.push(image(handle.clone()).content_fit(ContentFit::ScaleDown).width(Length::Shrink));
            }
            Some(Picture::Refused(why)) => run.push(styled(piece, words, Some(why), block.heading > 0, theme)),
            None => run.push(styled(piece, words, None, block.heading > 0, theme)),
        }
    }
    if !run.is_empty() {
        parts = parts.push(paragraph(run, size));
    }
    if block.quote == 0 {
        return parts.into();
    }
    container(parts)
        .padding(iced::Padding { left: 10.0 * f32::from(block.quote.min(4)), ..iced::Padding::ZERO })
        .style(theme::quote_block)
        .into()
}

fn paragraph<'a>(spans: Vec<iced::widget::text::Span<'a, LinkRef>>, size: Option<f32>) -> Element<'a, Message> {
    let has_links = spans.iter().any(|span| span.link.is_some());
    let mut paragraph = rich_text(spans)
        .on_link_click(|(href, claimed): LinkRef| match claimed {
            None => Message::LinkClicked(href),
            Some(claimed) => Message::LinkMisleads(href, claimed),
        })
        .width(Length::Fill);
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
    heading: bool,
    theme: &Theme,
) -> iced::widget::text::Span<'a, LinkRef> {
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
    let styled = piece.style.code || piece.style.strong || heading || piece.style.emphasis;
    let mut font = if piece.style.code { Font::MONOSPACE } else { Font::DEFAULT };
    if piece.style.strong || heading {
        font.weight = Weight::Bold;
    }
    if piece.style.emphasis {
        font.style = Style::Italic;
    }
    let mut out = span(label).font_maybe(styled.then_some(font)).strikethrough(piece.style.strike);
    if let Some(link) = &piece.link {
        let claimed = link_text_misleads(&piece.text, link);
        out = out.link((link.clone(), claimed)).underline(true).color(theme::link_color(theme));
    } else if is_image {
        out = out.color(theme::muted(theme).color.unwrap_or(theme.palette().text));
    }
    out
}
