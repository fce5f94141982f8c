//! Message bodies as styled text for the reader, with no UI types: HTML is sanitised with
//! ammonia (no scripts, forms, frames, styles or event handlers survive) and laid out by
//! html2text into lines whose annotations become [`Span`] styles; plain text gets its links
//! found. Nothing here fetches anything: remote images are only listed, for the reader's bar.

mod plain;
mod tables;

use html2text::render::{TaggedLine, TextDecorator};
pub use plain::{PlainFormat, expand_tabs, from_plain};

/// html2text lays out at this many columns. Wide, so paragraphs stay one line each and the
/// reader's own wrapping fits them to the pane; tables still get columns.
const LAYOUT_WIDTH: usize = 400;
/// Lines kept per body: the engine caps the text at 1 MB already; this bounds the spans.
const MAX_LINES: usize = 50_000;
/// Remote images listed (and so fetched, once allowed) per message.
pub const MAX_REMOTE_IMAGES: usize = 50;

/// Markers our decorator writes where html2text puts a heading, quote or bullet prefix; they are
/// read back into block styles. ASCII control characters, because html2text measures prefixes
/// in bytes and columns alike; removed from the input first, so a message cannot forge them.
const QUOTE_MARK: char = '\u{1}';
const HEADING_MARK: char = '\u{2}';
const BULLET_MARK: char = '\u{3}';
const NO_ALT_MARK: char = '\u{F8FF}';
/// Starts each cell of a data table (see `tables`); shown as a column rule.
const CELL_MARK: char = '\u{F8FE}';
const COLUMN_RULE: char = '│';
/// The line drawn between two rows of a data table, and where it crosses a column rule.
const ROW_RULE: char = '─';
const RULE_CROSSING: char = '┼';

/// A body for the reader: blocks of styled text, and the remote images its HTML refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichBody {
    pub blocks: Vec<Block>,
    /// Unique http(s) image addresses, in order of appearance, at most [`MAX_REMOTE_IMAGES`].
    pub remote_images: Vec<String>,
    /// Whether this came from an HTML part (else from plain text).
    pub from_html: bool,
    /// The width its fixed lines were written for, in characters (the longest line up to
    /// [`plain::WRITTEN_WIDTH_MAX`]; 0: none known): the reader picks a font size that fits it.
    pub fixed_columns: u16,
}

/// Lines that share a look: quoted `quote` levels deep, or a heading (1-6; 0 for body text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    pub quote: u8,
    pub heading: u8,
    /// Plain text kept line for line as written (not `format=flowed`): shown in a fixed-width
    /// font, long lines wrapped at the pane's edge, never re-wrapped into ragged lines.
    pub fixed: bool,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
    /// A link target (http, https or mailto only; others are dropped to plain text).
    pub link: Option<String>,
    /// An image (its `src`: http(s) or `cid:`); `text` is its alternative text, maybe empty.
    pub image: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanStyle {
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
    /// Code or preformatted text: a fixed-width font.
    pub code: bool,
    pub underline: bool,
    /// The colours the letter gave its text and the text's background (the reader adjusts them
    /// to its theme so that nothing becomes unreadable).
    pub color: Option<Rgb>,
    pub background: Option<Rgb>,
}

/// A colour from the letter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The background html2text reports for `<u>` and `<ins>` (it knows no underline): read back as
/// [`SpanStyle::underline`], never shown. A letter using this colour gets an underline, no more.
const UNDERLINE_SENTINEL: Rgb = Rgb(1, 2, 3);
const UNDERLINE_CSS: &str = "u { background-color: #010203; } ins { background-color: #010203; }";

/// CSS properties a letter may keep in its `style` attributes: colours only (nothing in CSS is
/// fetched or run here, but nothing else is used either).
const KEPT_STYLE_PROPERTIES: [&str; 3] = ["color", "background-color", "background"];

impl RichBody {
    /// The text as a person would copy it: blocks on their own lines, images by alt text,
    /// quoted lines marked with `>` again (the reader shows bars instead).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            let text: String = block.spans.iter().map(|span| span.text.as_str()).collect();
            if block.quote == 0 {
                out.push_str(&text);
                continue;
            }
            let marks = format!("{} ", ">".repeat(usize::from(block.quote)));
            for (n, line) in text.split('\n').enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                out.push_str(&marks);
                out.push_str(line);
            }
        }
        out
    }
}

/// HTML made safe: what ammonia keeps (text, formatting, tables, links, images) and nothing that
/// runs or loads by itself. `cid:` stays allowed for inline parts of the same message.
pub fn sanitize_html(html: &str) -> String {
    let cleaned: String = without_head(html).chars().filter(|c| !is_marker(*c)).collect();
    let mut schemes = ammonia::Builder::default().clone_url_schemes();
    schemes.insert("cid");
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer"))
        .add_tags(["font"])
        .add_tag_attributes("font", ["color"])
        .add_generic_attributes(["style"])
        .filter_style_properties(KEPT_STYLE_PROPERTIES.into_iter().collect());
    for cell in ["table", "tr", "td", "th"] {
        builder.add_tag_attributes(cell, ["bgcolor"]);
    }
    builder.clean(&cleaned).to_string()
}

/// Sanitises `html` and lays it out as rich text.
pub fn from_html(html: &str) -> RichBody {
    let safe = sanitize_html(html);
    // "Document CSS" is only the `style` attributes ammonia let through (colours): it removed
    // every `<style>` element before.
    let config = html2text::config::with_decorator(Decorator).use_doc_css();
    let config = match config.add_agent_css(UNDERLINE_CSS) {
        Ok(config) => config,
        Err(_) => html2text::config::with_decorator(Decorator).use_doc_css(),
    };
    let lines = config
        .no_table_borders()
        .unicode_strikeout(false)
        .allow_width_overflow()
        .empty_img_mode(html2text::config::ImageRenderMode::ShowAlways)
        .lines_from_read(tables::mark_data_tables(&safe).as_bytes(), LAYOUT_WIDTH)
        .unwrap_or_default();
    let mut builder = Builder::default();
    for line in lines.into_iter().take(MAX_LINES) {
        builder.push_html_line(line);
    }
    let mut body = builder.finish();
    body.from_html = true;
    body
}

/// Splits a line into text and link pieces: `http://`, `https://`, `mailto:` and `www.`
/// addresses, without the punctuation that usually follows one in a sentence.
pub fn split_links(line: &str) -> Vec<(&str, Option<String>)> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some(start) = find_link_start(rest) {
        let tail = &rest[start..];
        let mut end = tail.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '\'']) {
            let unbalanced_paren = tail[..end].ends_with(')') && tail[..end].contains('(');
            if unbalanced_paren {
                break;
            }
            end -= 1;
        }
        let candidate = &tail[..end];
        let target = if candidate.starts_with("www.") { format!("https://{candidate}") } else { candidate.to_string() };
        if !has_host(&target) {
            pieces.push((&rest[..start + end.max(1)], None));
            rest = &rest[start + end.max(1)..];
            continue;
        }
        if start > 0 {
            pieces.push((&rest[..start], None));
        }
        pieces.push((candidate, Some(target)));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        pieces.push((rest, None));
    }
    pieces
}

fn find_link_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "www."]
        .iter()
        .filter_map(|prefix| {
            lower.match_indices(prefix).map(|(at, _)| at).find(|at| {
                // A link starts a word: "xhttp://" or "awww." are not links.
                *at == 0 || !text[..*at].ends_with(|c: char| c.is_alphanumeric())
            })
        })
        .min()
}

/// Whether a link has something after its scheme worth opening.
fn has_host(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    let after = ["https://", "http://", "mailto:"].iter().find_map(|p| lower.strip_prefix(p)).unwrap_or("");
    after.chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether a link may be opened: only the web and mail, never `file:`, `javascript:`, or an app.
pub fn is_openable_link(target: &str) -> bool {
    let lower = target.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// The document without its `<head>`: ammonia cleans a fragment, where a `<title>` would
/// become text, and nothing in the head (title, meta, styles, links) is part of the letter.
fn without_head(html: &str) -> std::borrow::Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<head").filter(|at| lower[at + 5..].starts_with(['>', ' ', '\t', '\r', '\n']));
    match (start, lower.find("</head>")) {
        (Some(start), Some(end)) if start < end => format!("{}{}", &html[..start], &html[end + 7..]).into(),
        _ => html.into(),
    }
}

fn is_marker(c: char) -> bool {
    matches!(c, QUOTE_MARK | HEADING_MARK | BULLET_MARK | NO_ALT_MARK | CELL_MARK)
}

/// Collects lines into blocks of equal look, links and images checked on the way.
#[derive(Default)]
struct Builder {
    body: RichBody,
    current: Option<Block>,
    /// HTML only: blank lines seen since the last text; at most one is kept, inside a block.
    blank_pending: bool,
    /// HTML only: the last line was a row of a data table this many characters long (the next
    /// row gets a rule above it, as long as the longer of the two).
    after_table_row: Option<usize>,
}

impl Builder {
    /// Adds a line to the current block when it looks the same (body text at the same quote
    /// depth), else starts a block. `keep_blank`: plain text keeps its blank lines as written;
    /// HTML layout's runs of them (and table padding) shrink to one.
    fn add_line(&mut self, quote: u8, heading: u8, fixed: bool, spans: Vec<Span>, keep_blank: bool) {
        let blank = spans.iter().all(|span| span.text.trim().is_empty() && span.image.is_none());
        if blank && !keep_blank {
            self.blank_pending = true;
            return;
        }
        match &mut self.current {
            Some(block) if block.quote == quote && block.heading == heading && block.fixed == fixed && heading == 0 => {
                let breaks = if std::mem::take(&mut self.blank_pending) { "\n\n" } else { "\n" };
                block.spans.push(Span { text: breaks.into(), ..Span::default() });
            }
            _ => {
                self.blank_pending = false;
                if let Some(done) = self.current.take() {
                    self.body.blocks.push(done);
                }
                self.current = Some(Block { quote, heading, fixed, spans: Vec::new() });
            }
        }
        for span in spans {
            self.push(span);
        }
    }

    fn push(&mut self, mut span: Span) {
        if span.link.as_deref().is_some_and(|link| !is_openable_link(link)) {
            span.link = None;
        }
        if let Some(src) = &span.image {
            let lower = src.to_ascii_lowercase();
            let remote = lower.starts_with("https://") || lower.starts_with("http://");
            if remote
                && self.body.remote_images.len() < MAX_REMOTE_IMAGES
                && !self.body.remote_images.iter().any(|known| known == src)
            {
                self.body.remote_images.push(src.clone());
            }
            if !remote && !lower.starts_with("cid:") {
                span.image = None; // data: and other schemes are neither fetched nor shown
            }
        }
        let Some(block) = self.current.as_mut() else { return };
        match block.spans.last_mut() {
            Some(last)
                if last.style == span.style
                    && last.link == span.link
                    && last.image.is_none()
                    && span.image.is_none() =>
            {
                last.text.push_str(&span.text)
            }
            _ => block.spans.push(span),
        }
    }

    /// One laid-out HTML line: its leading quote and heading markers become the block's look.
    fn push_html_line(&mut self, line: TaggedLine<Vec<Mark>>) {
        let mut quote = 0u8;
        let mut heading = 0u8;
        let mut at_start = true;
        let mut spans = Vec::new();
        // A row of a data table: fixed-width, its cells' marks drawn as column rules.
        let table_row = line.tagged_strings().any(|element| element.s.contains(CELL_MARK));
        for element in line.tagged_strings() {
            let mut text = element.s.clone();
            if at_start {
                // Preformatted text keeps its leading spaces; elsewhere they are layout padding.
                let keep_spaces = element.tag.contains(&Mark::Code);
                let marks: &[char] =
                    if keep_spaces { &[QUOTE_MARK, HEADING_MARK] } else { &[QUOTE_MARK, HEADING_MARK, ' '] };
                let stripped: String = text.trim_start_matches(marks).to_string();
                let prefix = &text[..text.len() - stripped.len()];
                quote = quote.saturating_add(prefix.matches(QUOTE_MARK).count() as u8);
                heading = heading.max(prefix.matches(HEADING_MARK).count() as u8);
                text = stripped;
                at_start = text.is_empty();
            }
            if text.is_empty() {
                continue;
            }
            let text = text.replace(BULLET_MARK, "•").replace(CELL_MARK, &format!("{COLUMN_RULE} "));
            spans.push(span_of(text, &element.tag));
        }
        // Table cells are padded to the layout width: the line ends where its text does.
        while let Some(last) = spans.last_mut().filter(|span| span.image.is_none()) {
            let end = last.text.trim_end().len();
            last.text.truncate(end);
            if !last.text.is_empty() {
                break;
            }
            spans.pop();
        }
        let row: String = spans.iter().map(|span| span.text.as_str()).collect();
        let row_length = row.chars().count();
        if let Some(previous) = self.after_table_row.filter(|_| table_row) {
            let mut rule: String =
                row.chars().map(|c| if c == COLUMN_RULE { RULE_CROSSING } else { ROW_RULE }).collect();
            rule.extend(std::iter::repeat_n(ROW_RULE, previous.saturating_sub(row_length)));
            self.add_line(quote.min(9), heading.min(6), true, vec![Span { text: rule, ..Span::default() }], false);
        }
        self.after_table_row = table_row.then_some(row_length);
        self.add_line(quote.min(9), heading.min(6), table_row, spans, false);
    }

    fn finish(mut self) -> RichBody {
        if let Some(done) = self.current.take() {
            self.body.blocks.push(done);
        }
        // html2text ends blocks with blank lines; a body does not need them at its end.
        while let Some(last) = self.body.blocks.last_mut() {
            while last.spans.last().is_some_and(|s| s.text.trim().is_empty() && s.image.is_none()) {
                last.spans.pop();
            }
            if last.spans.is_empty() {
                self.body.blocks.pop();
            } else {
                break;
            }
        }
        self.body
    }
}

fn span_of(text: String, marks: &[Mark]) -> Span {
    let mut span = Span::default();
    for mark in marks {
        match mark {
            Mark::Plain => {}
            Mark::Strong => span.style.strong = true,
            Mark::Emphasis => span.style.emphasis = true,
            Mark::Strike => span.style.strike = true,
            Mark::Code => span.style.code = true,
            Mark::Link(target) => span.link = Some(target.clone()),
            Mark::Image(src) => span.image = Some(src.clone()),
            Mark::Colour(colour) => span.style.color = Some(*colour),
            Mark::Background(colour) if *colour == UNDERLINE_SENTINEL => span.style.underline = true,
            Mark::Background(colour) => span.style.background = Some(*colour),
        }
    }
    span.text = if span.image.is_some() { text.replace(NO_ALT_MARK, "") } else { text };
    span
}

/// What html2text tells us about a piece of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Mark {
    #[default]
    Plain,
    Strong,
    Emphasis,
    Strike,
    Code,
    Link(String),
    Image(String),
    Colour(Rgb),
    Background(Rgb),
}

/// html2text's hooks: styles as marks, no decoration characters except list bullets, and
/// headings and quotes as private markers read back by [`Builder::push_html_line`].
#[derive(Clone, Copy)]
struct Decorator;

impl TextDecorator for Decorator {
    type Annotation = Mark;

    fn decorate_link_start(&mut self, url: &str) -> (String, Mark) {
        (String::new(), Mark::Link(url.to_string()))
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, Mark) {
        (String::new(), Mark::Emphasis)
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, Mark) {
        (String::new(), Mark::Strong)
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, Mark) {
        (String::new(), Mark::Strike)
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, Mark) {
        (String::new(), Mark::Code)
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> Mark {
        Mark::Code
    }
    fn decorate_preformat_cont(&self) -> Mark {
        Mark::Code
    }
    fn decorate_image(&mut self, src: &str, title: &str) -> (String, Mark) {
        let alt = if title.trim().is_empty() { NO_ALT_MARK.to_string() } else { title.to_string() };
        (alt, Mark::Image(src.to_string()))
    }
    fn header_prefix(&self, level: usize) -> String {
        HEADING_MARK.to_string().repeat(level.clamp(1, 6))
    }
    fn quote_prefix(&self) -> String {
        QUOTE_MARK.to_string()
    }
    fn unordered_item_prefix(&self) -> String {
        format!("{BULLET_MARK} ")
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        *self
    }
    fn push_colour(&mut self, colour: html2text::Colour) -> Option<Mark> {
        Some(Mark::Colour(Rgb(colour.r, colour.g, colour.b)))
    }
    fn pop_colour(&mut self) -> bool {
        true
    }
    fn push_bgcolour(&mut self, colour: html2text::Colour) -> Option<Mark> {
        Some(Mark::Background(Rgb(colour.r, colour.g, colour.b)))
    }
    fn pop_bgcolour(&mut self) -> bool {
        true
    }
    fn decorate_superscript_start(&self) -> (String, Mark) {
        (String::new(), Mark::Plain)
    }
    fn decorate_superscript_end(&self) -> String {
        String::new()
    }
    fn finalise(&mut self, _links: Vec<String>) -> Vec<TaggedLine<Mark>> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
