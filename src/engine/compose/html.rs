//! The HTML alternative generated from the plain text: paragraphs, line breaks, quoted lines
//! ("> ") as blockquotes, links left as text. Everything the person typed is escaped.

/// An HTML document showing `text` as it reads in plain text.
pub fn from_text(text: &str) -> String {
    let mut html = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut depth = 0;
    for line in text.lines() {
        let (level, content) = quote_level(line);
        while depth < level {
            html.push_str("<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">\n");
            depth += 1;
        }
        while depth > level {
            html.push_str("</blockquote>\n");
            depth -= 1;
        }
        html.push_str("<div>");
        if content.trim().is_empty() {
            html.push_str("<br>");
        } else {
            escape_into(&mut html, content);
        }
        html.push_str("</div>\n");
    }
    while depth > 0 {
        html.push_str("</blockquote>\n");
        depth -= 1;
    }
    html.push_str("</body></html>\n");
    html
}

/// How many "> " levels start the line, and the rest.
fn quote_level(line: &str) -> (usize, &str) {
    let mut level = 0;
    let mut rest = line;
    while let Some(after) = rest.strip_prefix('>') {
        level += 1;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    (level, rest)
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            ' ' if out.ends_with(' ') => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}
