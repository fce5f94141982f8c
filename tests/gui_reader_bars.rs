//! The reader's bars (remote content blocked, a long letter shown in part) laid out in the main
//! window at the smallest and the common sizes, in English and Russian, through iced_test's
//! widget bounds: the sentence wraps in the free width and the buttons follow it or go under it,
//! with nothing drawn over anything, squeezed or cut off by the window's edge. Light and dark
//! pictures go to target/smoke/reader-bars for a person to look at. The one test here switches
//! the global language, so it has this binary to itself.

mod common;
mod support;

use common::gui::click_and_run;
use common::layout::{self, Drawn};
use iced::{Size, Theme};
use support::mailstack;

const SIZES: [(f32, f32); 4] = [(640.0, 480.0), (800.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)];

/// A letter with a remote image. `verified`: the receiving site vouches for the From domain
/// (RFC 8601), so the bar offers "Always for …"; otherwise it says why it asks every time.
fn newsletter(from: &str, subject: &str, verified: bool) -> Vec<u8> {
    let domain = from.rsplit_once('@').map(|(_, d)| d.trim_end_matches('>')).unwrap_or("");
    let verdict = if verified {
        format!(
            "Authentication-Results: mx.home.example; dkim=pass header.d={domain}; dmarc=pass header.from={domain}\r\n\
             Received: from out.{domain} by mx.home.example (Postfix) with ESMTPS id 1;\r\n"
        )
    } else {
        String::new()
    };
    format!(
        "{verdict}From: {from}\r\nSubject: {subject}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Hello</p><img src=\"https://images.example/logo.png\" alt=\"logo\"><p>Bye</p>\r\n"
    )
    .into_bytes()
}

/// A plain letter longer than the part the reader lays out at first.
fn long_letter() -> Vec<u8> {
    let mut letter = b"From: Lists <lists@example.test>\r\nSubject: long letter\r\n\r\n".to_vec();
    while letter.len() < 400 * 1024 {
        letter.extend_from_slice(b"A line of a long letter that takes a while to read and lay out.\r\n");
    }
    letter
}

/// Texts of the bar (found by their words) drawn over each other, squeezed, or past the
/// window's right edge, measured on their whole laid-out boxes (a bar may be scrolled out of view).
fn bar_problems(texts: &[Drawn], bar: &[String], size: Size) -> Vec<String> {
    let mine: Vec<Drawn> = texts.iter().filter(|d| bar.contains(&d.label)).cloned().collect();
    let mut problems: Vec<String> = layout::overlaps(&mine).into_iter().chain(layout::squeezed(&mine)).collect();
    for d in &mine {
        if d.bounds.x + d.bounds.width > size.width + 1.0 {
            problems.push(format!("{:?} at {:?} reaches past the {}px window", d.label, d.bounds, size.width));
        }
    }
    for words in bar {
        if !mine.iter().any(|d| d.label == *words) {
            problems.push(format!("{words:?} is not laid out"));
        }
    }
    problems
}

#[test]
fn the_reader_bars_wrap_without_overlap_at_every_size_in_english_and_russian() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, &newsletter("Weekly <weekly-digest@open-source-newsletters.example>", "verified issue", true));
    stack.deliver(&user, &newsletter("Weekly <weekly@news.example>", "forged issue", false));
    stack.deliver(&user, &long_letter());
    let (_profile, _engine, mut app) = common::gui::synced_window(stack, &user);
    let runtime = tokio::runtime::Runtime::new().unwrap();

    // Pictures for a person to look at.
    let out = common::xvfb::smoke_dir().join("reader-bars");
    std::fs::create_dir_all(&out).unwrap();
    let mut problems = Vec::new();
    for language in ["en", "ru"] {
        pochta::i18n::select_language(Some(language));
        // A long address is shortened in the middle on its button.
        let sender = pochta::ui::format::ellipsize_middle("weekly-digest@open-source-newsletters.example", 40);
        let always = pochta::fl!("reader-remote-always", sender = sender);
        let letters = [
            (
                "verified issue",
                vec![pochta::fl!("reader-remote-blocked"), pochta::fl!("reader-remote-load-once"), always],
            ),
            (
                "forged issue",
                vec![
                    pochta::fl!("reader-remote-blocked"),
                    pochta::fl!("reader-remote-load-once"),
                    pochta::fl!("reader-remote-unverified"),
                ],
            ),
            (
                "long letter",
                vec![
                    pochta::fl!("reader-body-cut"),
                    pochta::fl!("reader-body-show-more"),
                    pochta::fl!("reader-body-show-all"),
                ],
            ),
        ];
        for (subject, bar) in &letters {
            click_and_run(&mut app, subject, &runtime);
            for (width, height) in SIZES {
                let size = Size::new(width, height);
                let _ = app.fit_to(size);
                let place = format!("{language} {subject} at {width}x{height}");
                let mut ui = layout::simulator_at(app.view(), size);
                let texts = layout::laid_out(&mut ui);
                problems.extend(bar_problems(&texts, bar, size).into_iter().map(|p| format!("{place}: {p}")));
                // The rest of the window around the bar holds its layout too.
                problems.extend(layout::problems(&place, app.view(), size, true));
                if width == 640.0 || width == 1366.0 {
                    for (theme, shade) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
                        let name = format!("{language}-{}-{shade}-{width}x{height}.png", subject.replace(' ', "-"));
                        layout::save_snapshot(app.view(), size, &theme, &out.join(name));
                    }
                }
            }
        }
    }
    pochta::i18n::select_language(Some("en"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
