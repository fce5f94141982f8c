//! A laid-out body ([`RichBody`]) as iced widgets: each block a `rich_text` paragraph (headings
//! larger, quotes indented and muted), links clickable, images shown only when their bytes are
//! here (a `cid:` part, or a remote one the user loaded), else their alternative text.

use super::Message;
use crate::engine::api::reading::{Block, RichBody, Span};
use crate::ui::theme;
use iced::font::{Style, Weight};
use iced::widget::{Column, container, image, rich_text, span};
use iced::{ContentFit, Element, Font, Length, Theme};
use std::collections::HashMap;

pub fn view<'a>(body: &'a RichBody, images: &HashMap<String, image::Handle>, theme: &Theme) -> Element<'a, Message> {
    body.blocks
        .iter()
        .fold(Column::new().spacing(theme::SPACING), |column, block| column.push(block_view(block, images, theme)))
        .into()
}

fn block_view<'a>(block: &'a Block, images: &HashMap<String, image::Handle>, theme: &Theme) -> Element<'a, Message> {
    let size = match block.heading {
        0 => None,
        1 => Some(theme::TITLE_SIZE + 6.0),
        2 => Some(theme::TITLE_SIZE + 2.0),
        _ => Some(theme::TITLE_SIZE),
    };
    // Runs of text become paragraphs; a loaded image stands between them on its own.
    let mut parts = Column::new().spacing(4);
    let mut run: Vec<iced::widget::text::Span<'a, String>> = Vec::new();
    for piece in &block.spans {
        match piece.image.as_deref().and_then(|src| images.get(src)) {
            Some(handle) => {
                if !run.is_empty() {
                    parts = parts.push(paragraph(std::mem::take(&mut run), size));
                }
                parts = parts.push(image(handle.clone()).content_fit(ContentFit::ScaleDown).width(Length::Shrink));
            }
            None => run.push(styled(piece, block.heading > 0, theme)),
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

fn paragraph<'a>(spans: Vec<iced::widget::text::Span<'a, String>>, size: Option<f32>) -> Element<'a, Message> {
    let mut paragraph = rich_text(spans).on_link_click(Message::LinkClicked).width(Length::Fill);
    if let Some(size) = size {
        paragraph = paragraph.size(size);
    }
    paragraph.into()
}

fn styled<'a>(piece: &'a Span, heading: bool, theme: &Theme) -> iced::widget::text::Span<'a, String> {
    let is_image = piece.image.is_some();
    // Borrowed: a long letter is not copied on every view. An image not loaded (blocked, failed,
    // or not one we may fetch) shows its words instead.
    let label: std::borrow::Cow<'a, str> = match (is_image, piece.text.trim()) {
        (false, _) => piece.text.as_str().into(),
        (true, "") => crate::fl!("reader-image").into(),
        (true, alt) => format!("[{alt}]").into(),
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
        out = out.link(link.clone()).underline(true).color(theme::link_color(theme));
    } else if is_image {
        out = out.color(theme::muted(theme).color.unwrap_or(theme.palette().text));
    }
    out
}
