//! Search matches in the message list: a subject with the words the search found in bold and
//! underlined (found by the engine's own rule, so word forms and ё are highlighted too).

use crate::engine::api::highlight_ranges;
use iced::font::Weight;
use iced::widget::text::Span;
use iced::widget::{rich_text, span, text};
use iced::{Element, Font};

/// `subject` at `size` in `font` (bold when unread), with the words `query` searches for marked
/// (plain text without a query or a match). One line: a long subject is cut by its column.
pub fn subject<'a, M: 'a>(subject: String, query: Option<&str>, size: f32, font: Font) -> Element<'a, M> {
    let ranges = query.map(|query| highlight_ranges(&subject, query)).unwrap_or_default();
    if ranges.is_empty() {
        return text(subject).size(size).font(font).wrapping(text::Wrapping::None).into();
    }
    let bold = Font { weight: Weight::Bold, ..font };
    let mut spans: Vec<Span<'a, (), Font>> = Vec::with_capacity(2 * ranges.len() + 1);
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            spans.push(span(subject[at..range.start].to_string()).font(font));
        }
        spans.push(span(subject[range.clone()].to_string()).font(bold).underline(true));
        at = range.end;
    }
    if at < subject.len() {
        spans.push(span(subject[at..].to_string()).font(font));
    }
    rich_text(spans).size(size).wrapping(text::Wrapping::None).into()
}
