//! GUI benchmark (not a timed test): with a large cached folder, how long until the main window
//! has its first rows, how long selecting the folder takes, how many rows a scrolled list builds,
//! and the peak memory. Run through `tests/bench/gui.py`, which prepares a 100,000-message
//! profile; or directly: `cargo bench --bench gui -- PROFILE_DIR`. `--big-letter plain|html`
//! opens an 8 MB plain-text or a 5 MB HTML letter as the window does (its tasks on other threads
//! while this one keeps drawing) and measures the longest `update` and `view`, the time to the
//! first text shown, the peak memory and the memory after leaving it.

use iced::Theme;
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::{ArchiveKind, EngineHandle};
use pochta::model::{ListOrder, ListScope, SortKey};
use pochta::ui::app::App;
use pochta::ui::reader::Reader;
use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "--image-bomb") {
        return image_bomb();
    }
    if std::env::args().any(|a| a == "--huge-letter") {
        return huge_letter();
    }
    if let Some(kind) = std::env::args().skip_while(|a| a != "--big-letter").nth(1) {
        return big_letter(&kind);
    }
    // `cargo test --all-targets` runs this too, without a profile: nothing to measure then.
    let Some(profile) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!(
            "gui benchmark: nothing measured (usage: tests/bench/gui.py, or cargo bench --bench gui -- PROFILE_DIR)"
        );
        return;
    };
    let started = Instant::now();
    let engine = EngineHandle::open(Paths::in_profile(std::path::Path::new(&profile))).expect("open the profile");
    let (app, _) = App::new(engine.clone(), true);
    let booted = started.elapsed();
    // The first frame: the whole window laid out and drawn by the software renderer.
    let mut ui = simulator(app.view());
    ui.snapshot(&Theme::Light).expect("draw the first frame");
    let first_frame = started.elapsed();
    drop(ui);

    let folders = engine.folders(None).expect("folders");
    let inbox = folders.iter().max_by_key(|f| f.total).expect("a folder");
    let t = Instant::now();
    let rows = engine.messages(inbox.id, 0, 60).expect("first page");
    let first_rows = t.elapsed();
    let t = Instant::now();
    let middle = engine.messages(inbox.id, inbox.total as usize / 2, 60).expect("a page in the middle");
    let middle_rows = t.elapsed();
    println!(
        "folder of {} messages: window ready (engine open + folder tree + first page) in {:.1} ms, \
         first frame drawn after {:.1} ms (target < 500)",
        inbox.total,
        booted.as_secs_f64() * 1000.0,
        first_frame.as_secs_f64() * 1000.0
    );
    println!(
        "selecting it: first {} rows in {:.1} ms (target < 100); a page in the middle in {:.1} ms",
        rows.len(),
        first_rows.as_secs_f64() * 1000.0,
        middle_rows.as_secs_f64() * 1000.0
    );
    println!("the list asks the engine for {} rows at a time, whatever the folder size", middle.len());
    // Every order the column headers offer, with and without conversations: the first page (what
    // a click on a header waits for), the row count (the scrollbar), and a page in the middle.
    for key in [SortKey::Date, SortKey::Sender, SortKey::Subject] {
        for threads in [false, true] {
            let order = ListOrder { key, descending: key == SortKey::Date, threads };
            let scope = ListScope::Folder(inbox.id);
            let t = Instant::now();
            let len = engine.list_len(scope, order).expect("count");
            let counted = t.elapsed();
            let t = Instant::now();
            engine.list_messages(scope, order, 0, 60).expect("first page");
            let first = t.elapsed();
            let t = Instant::now();
            engine.list_messages(scope, order, len / 2, 60).expect("middle page");
            println!(
                "{key:?}{}: {len} rows counted in {:.1} ms, first page {:.1} ms (target < 100), middle page {:.1} ms",
                if threads { " as conversations" } else { "" },
                counted.as_secs_f64() * 1000.0,
                first.as_secs_f64() * 1000.0,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    let t = Instant::now();
    engine.list_messages(ListScope::AllInboxes, ListOrder::default(), 0, 60).expect("every inbox");
    println!("every Inbox together: first page in {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    println!("peak memory: {} MB (target < 200)", peak_rss_mb());
}

/// Imports `letter` into a fresh profile and opens it in a reader, running the tasks it starts
/// as the window would; the profile (to remove), the engine and the reader.
fn open_in_reader(letter: &std::path::Path, name: &str) -> (std::path::PathBuf, EngineHandle, Reader) {
    let profile = std::env::temp_dir().join(format!("pochta-{name}-bench-{}", std::process::id()));
    let engine = EngineHandle::open(Paths::in_profile(&profile)).expect("a fresh profile");
    engine.import_archive(ArchiveKind::Eml, letter, None, "Bench").expect("import the letter");
    let folder = engine.folders(None).expect("folders").into_iter().find(|f| f.path == "Bench").expect("the folder");
    let row = engine.messages(folder.id, 0, 1).expect("the letter").remove(0);
    let mut reader = Reader::default();
    let first = reader.open(&engine, row.id, Some(row));
    run_reader_task(&engine, &mut reader, first);
    (profile, engine, reader)
}

fn run_reader_task(engine: &EngineHandle, reader: &mut Reader, task: iced::Task<pochta::ui::reader::Message>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(mut stream) = iced_test::runtime::task::into_stream(task) else { continue };
        while let Some(action) = runtime.block_on(futures::StreamExt::next(&mut stream)) {
            if let iced_test::runtime::Action::Output(message) = action {
                pending.push(reader.update(engine, message).0);
            }
        }
    }
}

/// A 20 MB HTML letter with 100,000 links: the conversion (off the window's thread) and what
/// the window's thread does per frame with the result (view and layout), at first and after
/// "Show everything".
fn huge_letter() {
    let mut html = String::from("From: Lists <lists@example.test>\r\nSubject: huge\r\nContent-Type: text/html\r\n\r\n");
    let mut i = 0;
    while html.len() < 20 * 1024 * 1024 {
        html.push_str(&format!(
            "<p>Line {i} of a very long letter, <a href=\"https://example.org/{i}\">link {i}</a>.</p>\r\n"
        ));
        i += 1;
    }
    let letter = std::env::temp_dir().join(format!("pochta-huge-{}.eml", std::process::id()));
    std::fs::write(&letter, &html).expect("write the letter");
    let started = Instant::now();
    let (profile, engine, mut reader) = open_in_reader(&letter, "huge");
    let converted = started.elapsed();
    let frame = |reader: &Reader| {
        let t = Instant::now();
        drop(simulator(reader.view(&Theme::Light)));
        t.elapsed().as_secs_f64() * 1000.0
    };
    let first = frame(&reader);
    let again = frame(&reader);
    println!(
        "huge letter ({} MB of HTML, {i} links): imported and converted off the window's thread in {:.0} ms; \
         the window's view + layout {:.1} ms, then {:.1} ms (target < 16)",
        html.len() / (1024 * 1024),
        converted.as_secs_f64() * 1000.0,
        first,
        again
    );
    let task = reader.update(&engine, pochta::ui::reader::Message::ShowAll).0;
    run_reader_task(&engine, &mut reader, task);
    println!("after \"Show everything\" (the user asked): view + layout {:.1} ms", frame(&reader));
    let _ = std::fs::remove_file(&letter);
    let _ = std::fs::remove_dir_all(&profile);
}

/// The bomb letter imported into a fresh profile, laid out by the reader (its tasks run as the
/// window runs them) and drawn by the software renderer; the peak memory of all that.
fn image_bomb() {
    let before = peak_rss_mb();
    let letter =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/png_16000x16000_cid.eml");
    let started = Instant::now();
    let (profile, _engine, reader) = open_in_reader(&letter, "bomb");
    let laid_out = started.elapsed();
    let mut ui = simulator(reader.view(&Theme::Light));
    ui.snapshot(&Theme::Light).expect("draw the reader");
    drop(ui);
    let refused = reader.image_refused("cid:bomb@example.test").unwrap_or("shown (not refused!)").to_string();
    println!(
        "image bomb (16000x16000 PNG, 249 KB, inline): imported and laid out in {:.1} ms, picture: {refused}",
        laid_out.as_secs_f64() * 1000.0
    );
    println!(
        "peak memory with the bomb letter open: {} MB (target < 150; {} MB before opening)",
        peak_rss_mb(),
        before
    );
    let _ = std::fs::remove_dir_all(&profile);
}

/// An 8 MB plain-text or 5 MB HTML letter opened as the window opens it: `update` and `view` on
/// this thread, the tasks they start on another, one frame every few milliseconds.
fn big_letter(kind: &str) {
    let (letter_text, megabytes) = match kind {
        "html" => (big_html(5), 5),
        _ => (big_plain(8), 8),
    };
    let letter = std::env::temp_dir().join(format!("pochta-big-{kind}-{}.eml", std::process::id()));
    std::fs::write(&letter, &letter_text).expect("write the letter");
    drop(letter_text);
    let profile = std::env::temp_dir().join(format!("pochta-big-{kind}-bench-{}", std::process::id()));
    let engine = EngineHandle::open(Paths::in_profile(&profile)).expect("a fresh profile");
    engine.import_archive(ArchiveKind::Eml, &letter, None, "Bench").expect("import the letter");
    let folder = engine.folders(None).expect("folders").into_iter().find(|f| f.path == "Bench").expect("the folder");
    let row = engine.messages(folder.id, 0, 1).expect("the letter").remove(0);
    let mut reader = Reader::default();
    drop(simulator(reader.view(&Theme::Light)));
    std::thread::sleep(std::time::Duration::from_millis(200));
    let before = rss_mb("VmRSS:");
    // The peak from here on (Linux: writing 5 to clear_refs resets VmHWM).
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    // Twice: what the first open leaves behind for good (fonts loaded, caches warm) shows as a
    // second open ending where the first did.
    for round in 1..=2 {
        let (sender, answers) = std::sync::mpsc::channel();
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let spawn = |task: iced::Task<pochta::ui::reader::Message>| {
            let Some(stream) = iced_test::runtime::task::into_stream(task) else { return };
            let (sender, running) = (sender.clone(), running.clone());
            running.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(futures::StreamExt::for_each(stream, |action| {
                    if let iced_test::runtime::Action::Output(message) = action {
                        let _ = sender.send(message);
                    }
                    std::future::ready(())
                }));
                running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            });
        };
        let (mut longest_update, mut longest_view) = (0.0f64, 0.0f64);
        let since = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let task = reader.open(&engine, row.id, Some(row.clone()));
        longest_update = longest_update.max(since(started));
        spawn(task);
        let (mut first_text, mut laid_out) = (None, None);
        loop {
            while let Ok(message) = answers.try_recv() {
                let t = Instant::now();
                let task = reader.update(&engine, message).0;
                longest_update = longest_update.max(since(t));
                spawn(task);
            }
            let t = Instant::now();
            drop(simulator(reader.view(&Theme::Light)));
            longest_view = longest_view.max(since(t));
            if first_text.is_none() && reader.current().is_some() {
                first_text = Some(started.elapsed());
            }
            if laid_out.is_none() && reader.body().is_some() {
                laid_out = Some(started.elapsed());
            }
            let idle = running.load(std::sync::atomic::Ordering::SeqCst) == 0;
            if (laid_out.is_some() && idle) || started.elapsed().as_secs() > 120 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(4));
        }
        let peak = rss_mb("VmHWM:");
        reader.clear();
        drop(simulator(reader.view(&Theme::Light)));
        // The reader asks for the freed memory to go back 200 ms after the letter is left
        // (src/platform/memory.rs); measured once that has happened, as a person would see it.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let after = rss_mb("VmRSS:");
        let ms = |d: Option<std::time::Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
        println!(
            "{megabytes} MB {kind} letter, open {round}: longest update {longest_update:.1} ms, longest view + layout \
             {longest_view:.1} ms (target < 16); first text shown after {:.0} ms (target < 300), laid out \
             after {:.0} ms; memory {before} MB before, peak {peak} MB (target < 150), {after} MB after \
             leaving it (target: within 20 MB of before)",
            ms(first_text),
            ms(laid_out)
        );
    }
    let _ = std::fs::remove_file(&letter);
    let _ = std::fs::remove_dir_all(&profile);
}

/// A plain-text letter of about `megabytes` MB: 72-column lines, some quoted, some with links.
fn big_plain(megabytes: usize) -> String {
    let mut text = String::from(
        "From: Lists <lists@example.test>\r\nTo: me@example.test\r\nCc: team@example.test\r\n\
         Subject: big plain\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
    );
    let mut i = 0;
    while text.len() < megabytes * 1024 * 1024 {
        let quote = if i % 10 < 3 { "> " } else { "" };
        text.push_str(&format!("{quote}Line {i} of a long plain letter, see https://example.org/{i} for more.\r\n"));
        i += 1;
    }
    text
}

/// An HTML letter of about `megabytes` MB: paragraphs with links and colours, and tables.
fn big_html(megabytes: usize) -> String {
    let mut html = String::from(
        "From: Lists <lists@example.test>\r\nSubject: big html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
    );
    let mut i = 0;
    while html.len() < megabytes * 1024 * 1024 {
        html.push_str(&format!(
            "<p style=\"color: #336699\">Line {i} of a long letter, <a href=\"https://example.org/{i}\">link {i}</a>.</p>\
             <table><tr><td>cell {i}</td><td bgcolor=\"#ffffcc\">{i}.00</td></tr></table>\r\n"
        ));
        i += 1;
    }
    html
}

/// A line of /proc/self/status in MB (VmRSS: now; VmHWM: the peak).
fn rss_mb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
