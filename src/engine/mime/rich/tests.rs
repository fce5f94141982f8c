use super::*;

fn spans(body: &RichBody) -> Vec<&Span> {
    body.blocks.iter().flat_map(|b| &b.spans).collect()
}

#[test]
fn scripts_styles_forms_and_handlers_never_survive_sanitising() {
    let html = r#"<html><head><style>p{color:red}</style><script>alert(1)</script></head>
        <body onload="steal()"><p onclick="x()">Hello <script>document.write('evil')</script>world</p>
        <form action="https://evil.example/"><input name="password"></form>
        <iframe src="https://evil.example/frame"></iframe>
        <a href="javascript:alert(2)">click</a><img src="https://t.example/p.gif" onerror="x()"></body></html>"#;
    let safe = sanitize_html(html);
    for bad in
        ["<script", "alert(1)", "onload", "onclick", "onerror", "<form", "<input", "<iframe", "javascript:", "<style"]
    {
        assert!(!safe.contains(bad), "{bad} survived: {safe}");
    }
    let body = from_html(html);
    let text = body.plain_text();
    assert!(text.contains("Hello world"), "{text}");
    assert!(!text.contains("evil") && !text.contains("alert"), "{text}");
    assert!(spans(&body).iter().all(|s| s.link.as_deref().is_none_or(is_openable_link)));
    assert_eq!(body.remote_images, ["https://t.example/p.gif"]);
}

#[test]
fn bold_italic_links_headings_quotes_and_lists_become_styles() {
    let html = "<h1>Title</h1><p>Some <b>bold</b>, <i>italic</i> and <s>gone</s> and <code>x=1</code>.</p>\
        <p><a href=\"https://example.org/a\">a link</a></p>\
        <blockquote><p>quoted text</p></blockquote><ul><li>one</li><li>two</li></ul>";
    let body = from_html(html);
    let heading = body.blocks.iter().find(|b| b.heading == 1).unwrap_or_else(|| panic!("{body:#?}"));
    assert_eq!(heading.spans[0].text, "Title");
    let all = spans(&body);
    let find = |needle: &str| all.iter().find(|s| s.text.contains(needle)).unwrap_or_else(|| panic!("{needle}"));
    assert!(find("bold").style.strong);
    assert!(find("italic").style.emphasis);
    assert!(find("gone").style.strike);
    assert!(find("x=1").style.code);
    assert_eq!(find("a link").link.as_deref(), Some("https://example.org/a"));
    let quote = body.blocks.iter().find(|b| b.quote == 1).expect("a quote block");
    assert!(quote.spans.iter().any(|s| s.text.contains("quoted text")));
    assert!(body.plain_text().contains("• one") && body.plain_text().contains("• two"), "{}", body.plain_text());
}

#[test]
fn images_are_listed_once_and_cid_images_are_not_remote() {
    let html = r#"<img src="https://a.example/1.png" alt="Logo"><img src="https://a.example/1.png">
        <img src="http://b.example/2.png" alt=""><img src="cid:part1@x" alt="inline"><img src="data:image/png;base64,AAAA">"#;
    let body = from_html(html);
    assert_eq!(body.remote_images, ["https://a.example/1.png", "http://b.example/2.png"]);
    let images: Vec<(&str, &str)> =
        spans(&body).iter().filter_map(|s| Some((s.image.as_deref()?, s.text.as_str()))).collect();
    assert!(images.contains(&("https://a.example/1.png", "Logo")), "{images:?}");
    assert!(images.contains(&("cid:part1@x", "inline")), "{images:?}");
    assert!(!images.iter().any(|(src, _)| src.starts_with("data:")), "{images:?}");
}

#[test]
fn forged_markers_in_the_message_do_not_make_headings() {
    let body = from_html("<p>\u{2}\u{2}not a heading \u{1}</p>");
    assert!(body.blocks.iter().all(|b| b.heading == 0 && b.quote == 0));
    assert_eq!(body.plain_text(), "not a heading");
}

#[test]
fn plain_text_links_are_found_without_trailing_punctuation() {
    let body = from_plain(
        "See https://example.org/a?b=1, or www.example.com.\nmailto:me@example.org!\n> quoted http://q.example",
        PlainFormat::Fixed,
    );
    let links: Vec<&str> = spans(&body).iter().filter_map(|s| s.link.as_deref()).collect();
    assert_eq!(
        links,
        ["https://example.org/a?b=1", "https://www.example.com", "mailto:me@example.org", "http://q.example"]
    );
    assert_eq!(body.blocks.last().unwrap().quote, 1);
    assert_eq!(
        body.plain_text(),
        "See https://example.org/a?b=1, or www.example.com.\nmailto:me@example.org!\n> quoted http://q.example"
    );
    let none = split_links("xhttps://no http:// nothing");
    assert!(none.iter().all(|(_, link)| link.is_none()), "{none:?}");
}

#[test]
fn only_web_and_mail_links_open() {
    for ok in ["https://a.b", "http://a.b", "mailto:a@b.c", " HTTPS://A.B"] {
        assert!(is_openable_link(ok), "{ok}");
    }
    for bad in ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "cid:x", ""] {
        assert!(!is_openable_link(bad), "{bad}");
    }
}

#[test]
fn hostile_html_is_bounded_and_never_panics() {
    let deep = "<div>".repeat(5000) + "deep" + &"</div>".repeat(5000);
    assert!(from_html(&deep).plain_text().contains("deep"));
    let wide = "<table><tr>".to_string() + &"<td>cell</td>".repeat(2000) + "</tr></table>";
    let _ = from_html(&wide);
    let many_images: String = (0..500).map(|i| format!("<img src=\"https://x.example/{i}.png\">")).collect();
    assert_eq!(from_html(&many_images).remote_images.len(), MAX_REMOTE_IMAGES);
    for garbage in ["", "<", "<<<>>>", "<a href=", "&#xFFFFFFFF;", "\u{0}\u{FFFF}"] {
        let _ = from_html(garbage);
        let _ = from_plain(garbage, PlainFormat::Fixed);
    }
}

#[test]
fn the_page_title_is_not_part_of_the_letter() {
    let html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Page title</title>\n<style>p{}</style></head><body><p>Letter</p></body></html>";
    assert_eq!(from_html(html).plain_text(), "Letter", "{}", sanitize_html(html));
}

#[test]
fn colours_backgrounds_and_underline_survive_sanitising() {
    let html = r##"<p><span style="color: #ff0000; position: fixed">red</span> <font color="blue">blue</font>
        <span style="background-color: rgb(255, 255, 0)">marked</span> <u>under</u> <ins>added</ins></p>
        <table><tr><td bgcolor="#00ff00">cell</td></tr></table>"##;
    let safe = sanitize_html(html);
    assert!(!safe.contains("position"), "only colours are kept: {safe}");
    let body = from_html(html);
    let all = spans(&body);
    let find =
        |needle: &str| all.iter().find(|s| s.text.contains(needle)).unwrap_or_else(|| panic!("{needle}: {all:#?}"));
    assert_eq!(find("red").style.color, Some(Rgb(255, 0, 0)));
    assert_eq!(find("blue").style.color, Some(Rgb(0, 0, 255)));
    assert_eq!(find("marked").style.background, Some(Rgb(255, 255, 0)));
    assert!(find("under").style.underline && find("under").style.background.is_none());
    assert!(find("added").style.underline);
    assert_eq!(find("cell").style.background, Some(Rgb(0, 255, 0)));
}

#[test]
fn preformatted_text_keeps_its_leading_spaces() {
    let body = from_html("<pre>fn main() {\n    println!(\"hi\");\n}</pre>");
    assert!(body.plain_text().contains("\n    println!"), "{:?}", body.plain_text());
}

#[test]
fn a_data_table_keeps_aligned_columns_with_rules() {
    let html = "<p>Your order:</p><table><tr><th>Item</th><th>Price</th></tr>\
        <tr><td>Tea</td><td>3.00</td></tr><tr><td>Biscuits, large</td><td>12.50</td></tr></table>";
    let body = from_html(html);
    let table = body.blocks.iter().find(|b| b.fixed).unwrap_or_else(|| panic!("{body:#?}"));
    let text: String = table.spans.iter().map(|s| s.text.as_str()).collect();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "three rows, a rule between each two: {text}");
    let column = |line: &str| line.chars().position(|c| c == '│').map(|_| line.chars().skip(1).position(|c| c == '│'));
    let rows = [lines[0], lines[2], lines[4]];
    assert!(rows.iter().all(|line| column(line) == column(lines[0])), "columns line up: {text}");
    let crossing = |line: &str| line.chars().skip(1).position(|c| c == '┼');
    assert!([lines[1], lines[3]].iter().all(|rule| crossing(rule) == column(lines[0]).flatten()), "{text}");
    assert!(lines[3].chars().count() >= lines[4].chars().count(), "a rule is as long as its rows: {text}");
    assert!(!body.blocks.iter().find(|b| !b.fixed).unwrap().spans[0].text.contains('│'));
}
