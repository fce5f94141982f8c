//! Plain text bodies for the reader. `format=flowed` text (RFC 3676) is reflowed: its soft line
//! breaks joined into paragraphs the pane wraps. Any other plain text is kept line for line as
//! its writer laid it out ([`Block::fixed`]: a fixed-width font, long lines wrapped at the pane's
//! edge, never re-wrapped). In both, `>` quotes become quote levels (the reader draws bars, not
//! the marks) and links become clickable.

use super::{Builder, MAX_LINES, RichBody, Span, split_links};

/// Lines longer than this were not hard-wrapped by their writer (a pasted URL, a log line):
/// they wrap at the pane's edge and do not count for the width the letter was written for.
pub const WRITTEN_WIDTH_MAX: usize = 80;

/// Columns between tab stops when tabs become spaces (a tab is a box in most fonts' eyes).
const TAB_WIDTH: usize = 8;

/// How a text/plain part is to be read: its Content-Type's `format` and `delsp` parameters
/// (RFC 3676 §4.1 and §4.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PlainFormat {
    /// `format=fixed` or none: the lines are the writer's.
    #[default]
    Fixed,
    /// `format=flowed`; `delete_space`: `delsp=yes`, the space before a soft break is not text.
    Flowed { delete_space: bool },
}

impl PlainFormat {
    /// From a Content-Type's parameters (case-insensitive values, RFC 3676 §4.1).
    pub fn from_parameters(format: Option<&str>, delsp: Option<&str>) -> PlainFormat {
        if format.is_some_and(|f| f.trim().eq_ignore_ascii_case("flowed")) {
            PlainFormat::Flowed { delete_space: delsp.is_some_and(|d| d.trim().eq_ignore_ascii_case("yes")) }
        } else {
            PlainFormat::Fixed
        }
    }
}

/// Plain text as blocks: reflowed when flowed, else line for line.
pub fn from_plain(text: &str, format: PlainFormat) -> RichBody {
    let mut builder = Builder::default();
    match format {
        PlainFormat::Fixed => fixed(&mut builder, text),
        PlainFormat::Flowed { delete_space } => flowed(&mut builder, text, delete_space),
    }
    builder.finish()
}

fn fixed(builder: &mut Builder, text: &str) {
    let mut widest = 0;
    for line in text.lines().take(MAX_LINES) {
        let (depth, rest) = fixed_quote(line);
        let rest = expand_tabs(rest);
        let width = rest.chars().count() + usize::from(depth) * 2;
        if width <= WRITTEN_WIDTH_MAX {
            widest = widest.max(width);
        }
        add(builder, depth, true, &rest);
    }
    builder.body.fixed_columns = widest as u16;
}

/// A fixed line's quote depth and its text without the marks: `>`, `> >` and `>>` all count,
/// and one space after the last mark belongs to it.
fn fixed_quote(line: &str) -> (u8, &str) {
    let prefix_len = line.len() - line.trim_start_matches(['>', ' ']).len();
    let prefix = &line[..prefix_len];
    let Some(last_mark) = prefix.rfind('>') else { return (0, line) };
    let depth = prefix.matches('>').count().min(9) as u8;
    let rest = &line[last_mark + 1..];
    (depth, rest.strip_prefix(' ').unwrap_or(rest))
}

/// RFC 3676 §4.2-§4.5: a line ending in a space is soft (joined with the next line of the same
/// quote depth) unless it is the signature separator "-- "; a leading space is stuffing (§4.4);
/// with `delsp=yes` the space before a soft break goes (§4.2). A change of quote depth ends a
/// paragraph even after a soft break (§4.5, improperly flowed text).
fn flowed(builder: &mut Builder, text: &str, delete_space: bool) {
    let mut paragraph = String::new();
    let mut paragraph_depth: Option<u8> = None;
    for line in text.lines().take(MAX_LINES) {
        let depth = line.bytes().take_while(|b| *b == b'>').count();
        let content = &line[depth..];
        let content = content.strip_prefix(' ').unwrap_or(content);
        let depth = depth.min(9) as u8;
        if paragraph_depth.is_some_and(|open| open != depth) {
            add(builder, paragraph_depth.unwrap_or(0), false, &paragraph);
            paragraph.clear();
        }
        paragraph_depth = Some(depth);
        let soft = content.ends_with(' ') && content != "-- ";
        let content = if soft && delete_space { &content[..content.len() - 1] } else { content };
        paragraph.push_str(&expand_tabs(content));
        if !soft {
            add(builder, depth, false, &paragraph);
            paragraph.clear();
            paragraph_depth = None;
        }
    }
    if let Some(depth) = paragraph_depth {
        add(builder, depth, false, &paragraph);
    }
}

fn add(builder: &mut Builder, depth: u8, fixed: bool, line: &str) {
    let spans =
        split_links(line).into_iter().map(|(piece, link)| Span { text: piece.to_string(), link, ..Span::default() });
    builder.add_line(depth, 0, fixed, spans.collect(), true);
}

/// Tabs as spaces up to the next stop of [`TAB_WIDTH`] columns (one column per character).
pub fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + TAB_WIDTH);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else if c == '\n' {
            out.push(c);
            column = 0;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &RichBody) -> Vec<(u8, bool, String)> {
        body.blocks
            .iter()
            .flat_map(|block| {
                let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
                text.split('\n').map(|line| (block.quote, block.fixed, line.to_string())).collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn flowed_text_is_joined_into_paragraphs_and_unstuffed() {
        let text = "This is a long \r\nparagraph that \r\nflows.\r\n\r\n From here on\r\n>Quoted and \r\n>flowed.\r\n-- \r\nAnna\r\n";
        let body = from_plain(text, PlainFormat::Flowed { delete_space: false });
        assert_eq!(
            lines(&body),
            [
                (0, false, "This is a long paragraph that flows.".into()),
                (0, false, "".into()),
                (0, false, "From here on".into()),
                (1, false, "Quoted and flowed.".into()),
                (0, false, "-- ".into()),
                (0, false, "Anna".into()),
            ]
        );
    }

    #[test]
    fn delsp_removes_the_space_before_a_soft_break() {
        let body = from_plain("Donau \r\ndampf \r\nschiff\r\n", PlainFormat::Flowed { delete_space: true });
        assert_eq!(lines(&body), [(0, false, "Donaudampfschiff".into())]);
    }

    #[test]
    fn a_quote_depth_change_ends_a_flowed_paragraph() {
        let body = from_plain(">>deep \r\n>shallow\r\n", PlainFormat::Flowed { delete_space: false });
        assert_eq!(lines(&body), [(2, false, "deep ".into()), (1, false, "shallow".into())]);
    }

    #[test]
    fn fixed_text_keeps_its_lines_indents_and_quote_levels() {
        let text = "Hello,\n\n  * one\n    two\n> quoted\n> > twice\n>>also twice\nx\ty\n";
        let body = from_plain(text, PlainFormat::Fixed);
        assert_eq!(body.fixed_columns, 14, "\"also twice\" and the room of its two quote bars");
        assert_eq!(
            lines(&body),
            [
                (0, true, "Hello,".into()),
                (0, true, "".into()),
                (0, true, "  * one".into()),
                (0, true, "    two".into()),
                (1, true, "quoted".into()),
                (2, true, "twice".into()),
                (2, true, "also twice".into()),
                (0, true, "x       y".into()),
            ]
        );
    }

    #[test]
    fn the_format_parameter_is_read_without_case() {
        assert_eq!(
            PlainFormat::from_parameters(Some("Flowed"), Some("Yes")),
            PlainFormat::Flowed { delete_space: true }
        );
        assert_eq!(PlainFormat::from_parameters(Some("fixed"), None), PlainFormat::Fixed);
        assert_eq!(PlainFormat::from_parameters(None, Some("yes")), PlainFormat::Fixed);
    }
}
