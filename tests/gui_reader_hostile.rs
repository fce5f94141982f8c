//! The reader against letters written by an attacker (tests/fixtures/hostile, each named after
//! its trick), driven through the main window with iced_test's simulator over a profile the real
//! IMAP sync filled from the harness's Dovecot: saving never follows a planted symlink, names
//! cannot disguise a file's type or a sender's address, a hovered link shows where it really goes
//! and one whose words name another host asks first, a picture bomb is a placeholder.

mod common;
mod support;

use common::Profile;
use common::gui::{shows, update_and_run};
use common::imap::{add_imap_account, sync};
use iced::{Point, mouse};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, Message};
use pochta::ui::reader;
use std::path::Path;
use support::mailstack;

macro_rules! hostile {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/", $name)).to_vec()
    };
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn run_update(app: &mut App, message: Message) {
    update_and_run(app, message, &runtime());
}

fn click(app: &mut App, label: &str) {
    common::gui::click_and_run(app, label, &runtime());
}

/// A profile synced from a fresh user that received `letters`, and its window.
fn window_with(letters: &[Vec<u8>]) -> (Profile, EngineHandle, App) {
    window_with_own(letters, &[])
}

/// [`window_with`], the user having also written `own` (each given the user's From line).
fn window_with_own(letters: &[Vec<u8>], own: &[&str]) -> (Profile, EngineHandle, App) {
    let stack = mailstack();
    let user = stack.fresh_user();
    for letter in own {
        stack.deliver(&user, format!("From: Me <{}>\r\n{letter}", user.email).as_bytes());
    }
    for letter in letters {
        stack.deliver(&user, letter);
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (profile, engine, app)
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

#[test]
fn saving_from_the_window_never_follows_a_symlink_planted_at_its_names() {
    let (_profile, _engine, mut app) = window_with(&[hostile!("attachment_name_rlo.eml")]);
    click(&mut app, "attachment name rlo");
    let view = app.reader().current().expect("open").clone();
    let part = view.attachments.iter().find(|a| a.filename == "statement.pdf.exe").expect("listed").part_index;

    let folder = tempfile::tempdir().unwrap();
    let folder_path = folder.path().canonicalize().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    for name in ["statement.pdf.exe", "statement.pdf (2).exe", &format!(".pochta-saving-{}", std::process::id())] {
        std::os::unix::fs::symlink(&victim, folder_path.join(name)).unwrap();
    }
    std::os::unix::fs::symlink(outside.path().join("created"), folder_path.join("statement.pdf (3).exe")).unwrap();

    // What the save dialog (or the in-window chooser) answers: the name the user accepted.
    let answer = folder_path.join("statement.pdf.exe");
    run_update(&mut app, Message::Reader(reader::Message::SaveTo(view.summary.id, part, Some(answer))));
    assert!(app.notice().is_none(), "{:?}", app.notice());
    let saved = folder_path.join("statement.pdf (4).exe");
    assert!(saved.is_file() && !is_symlink(&saved), "saved beside the planted names");
    assert_eq!(std::fs::read_to_string(&saved).unwrap().trim(), "MZ this too");
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious", "the symlinks' target is untouched");
    assert!(!outside.path().join("created").exists(), "a dangling symlink is not followed");
}

#[test]
fn save_without_a_file_dialog_asks_in_the_window_and_never_offers_tmp() {
    let (_profile, _engine, mut app) = window_with(&[hostile!("attachment_name_rlo.eml")]);
    click(&mut app, "attachment name rlo");
    let part = app.reader().current().unwrap().attachments[0].part_index;
    run_update(&mut app, Message::Reader(reader::Message::Save(part)));
    if pochta::ui::file_dialog::available() {
        return; // this machine has a portal or zenity: Save opened the desktop's dialog
    }
    assert!(shows(&app, "Save here"), "the in-window chooser asks where");
    assert!(!shows(&app, "/tmp"), "a world-writable folder is never offered");
    click(&mut app, "Cancel");
    assert!(!shows(&app, "Save here"));
}

#[test]
fn an_attachment_name_cannot_disguise_its_type() {
    let (_profile, engine, mut app) = window_with(&[hostile!("attachment_name_rlo.eml")]);
    click(&mut app, "attachment name rlo");
    // U+202E showed "invoiceexe.txt"; without it the name reads as what it is, and says so.
    assert!(shows(&app, "invoicetxt.exe"), "the name without its override");
    assert!(shows(&app, "statement.pdf.exe"));
    assert!(shows(&app, "really .exe"), "a shown extension that is not the real one is flagged");
    assert!(shows(&app, "_COM5.txt"), "a device name is never a file name");

    let view = app.reader().current().unwrap().clone();
    let part = view.attachments.iter().find(|a| a.filename == "invoicetxt.exe").unwrap().part_index;
    let folder = tempfile::tempdir().unwrap();
    // A save dialog answering with the original, disguised name still gets the clean one.
    let answer = folder.path().join("invoice\u{202E}txt.exe");
    let saved = runtime().block_on(engine.save_attachment_as(view.summary.id, part, &answer)).unwrap();
    assert_eq!(saved.file_name().unwrap(), "invoicetxt.exe");
}

#[test]
fn a_sender_cannot_fake_or_reverse_the_address_shown() {
    let (_profile, _engine, mut app) =
        window_with(&[hostile!("from_display_name_is_an_address.eml"), hostile!("from_display_name_rlo.eml")]);
    // The message list: a name that is an address comes with the real one.
    assert!(shows(&app, "support@bank.ru <evil@x.test>"), "the list shows the real address");
    click(&mut app, "display name is an address");
    assert!(shows(&app, "<evil@x.test>"), "so does the reader");

    click(&mut app, "display name rlo");
    assert!(shows(&app, "From: Bank Support"), "the override is gone from the name");
    assert!(shows(&app, "<evil@x.test>"), "the address reads forwards, in a widget of its own");
}

#[test]
fn a_picture_bomb_inline_is_a_placeholder_not_a_gigabyte() {
    let (_profile, _engine, mut app) = window_with(&[hostile!("png_16000x16000_cid.eml")]);
    click(&mut app, "png 16000x16000 cid");
    let reader = app.reader();
    assert!(!reader.has_image("cid:bomb@example.test"), "never decoded");
    let why = reader.image_refused("cid:bomb@example.test").expect("refused, with a reason");
    assert!(why.contains("16000x16000"), "{why}");
    assert!(reader.body().unwrap().plain_text.contains("After the picture."), "the letter reads on");
    // Drawing the pane is cheap: nothing large waits to be decoded on the window's thread.
    let _ = simulator(app.view());
}

fn link_hovered(messages: &[Message]) -> bool {
    messages.iter().any(|m| matches!(m, Message::Reader(reader::Message::LinkHovered(Some(_)))))
}

/// Moves the pointer across the top of the reader's body (below the header's buttons) until a
/// link says it is hovered: a row at a time, then the point in the row. The point and messages.
fn hover_a_link(app: &App) -> Option<(Point, Vec<Message>)> {
    let anchor = simulator(app.view()).find("Copy").ok()?;
    let start = iced_test::selector::Bounded::visible_bounds(&anchor)?;
    let moved = |point: Point| iced::Event::Mouse(mouse::Event::CursorMoved { position: point });
    let row = |y: f32| (-30..30).map(move |i| Point::new(start.x + i as f32 * 10.0, y));
    for dy in (4..160).step_by(6) {
        let y = start.y + start.height + dy as f32;
        let mut ui = simulator(app.view());
        for point in row(y) {
            ui.point_at(point);
            ui.simulate([moved(point)]);
        }
        if !link_hovered(&ui.into_messages().collect::<Vec<_>>()) {
            continue;
        }
        for point in row(y) {
            let mut ui = simulator(app.view());
            ui.point_at(point);
            ui.simulate([moved(point)]);
            let messages: Vec<Message> = ui.into_messages().collect();
            if link_hovered(&messages) {
                return Some((point, messages));
            }
        }
    }
    None
}

#[test]
fn hovering_a_link_shows_its_real_target_and_a_misleading_one_asks_first() {
    let (_profile, _engine, mut app) = window_with(&[hostile!("link_text_names_another_host.eml")]);
    click(&mut app, "link text names another host");
    let (point, messages) = hover_a_link(&app).expect("a link under the pointer somewhere in the body");
    for message in messages {
        run_update(&mut app, message);
    }
    assert_eq!(app.reader().hovered_link(), Some("https://evil.test/login"));
    assert!(shows(&app, "https://evil.test/login"), "the status line shows the real target");

    // A click on it: the words say www.bank.ru, the target is elsewhere, so the reader asks.
    let mut ui = simulator(app.view());
    ui.point_at(point);
    ui.simulate(iced_test::simulator::click());
    let clicks: Vec<Message> = ui.into_messages().collect();
    assert!(
        clicks.iter().any(|m| matches!(m, Message::Reader(reader::Message::LinkMisleads(target, claimed))
            if target == "https://evil.test/login" && claimed == "www.bank.ru")),
        "{clicks:?}"
    );
    for message in clicks {
        run_update(&mut app, message);
    }
    assert!(shows(&app, "The link says www.bank.ru, but it leads to https://evil.test/login."));
    assert!(shows(&app, "Open https://evil.test/login"), "both are shown before anything opens");
    click(&mut app, "Cancel");
    assert!(!shows(&app, "Open https://evil.test/login"));
}

#[test]
fn a_huge_letter_lays_out_only_its_beginning_until_asked() {
    let mut letter = String::from(
        "From: Lists <lists@example.test>\r\nSubject: huge letter\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
    );
    for i in 0..20_000 {
        letter.push_str(&format!("<p>Paragraph {i} with <a href=\"https://example.org/{i}\">a link</a>.</p>\r\n"));
    }
    let (_profile, _engine, mut app) = window_with(&[letter.into_bytes()]);
    click(&mut app, "huge letter");
    // Only the beginning is converted and laid out (the engine cuts the body); the rest on request.
    let converted = app.reader().body().unwrap().plain_text.len();
    assert!((10_000..300_000).contains(&converted), "the beginning, not the whole body: {converted} bytes");
    assert!(shows(&app, "Only the beginning of this long letter is shown."));
    assert!(shows(&app, "Show everything"), "the rest on request");
    // The bar is at the end of what is shown, out of the simulator's view: its message, as sent.
    run_update(&mut app, Message::Reader(reader::Message::ShowMore));
    assert!(shows(&app, "Show more"), "a part more at a time: 400 KB is more than two parts");
}

#[test]
fn a_name_other_than_the_one_the_user_gave_that_address_is_pointed_out() {
    let mine = "To: Anna Petrova <anna@x.example>\r\nSubject: lunch\r\n\r\nTomorrow?\r\n";
    let impostor = b"From: Bank Security <anna@x.example>\r\nSubject: urgent\r\n\r\nConfirm your card.\r\n".to_vec();
    let friend = b"From: Anna Petrova <anna@x.example>\r\nSubject: re lunch\r\n\r\nYes!\r\n".to_vec();
    let (_profile, _engine, mut app) = window_with_own(&[impostor, friend], &[mine]);
    let note = "You wrote to this address as “Anna Petrova”: this letter uses another name.";
    click(&mut app, "urgent");
    assert!(shows(&app, note), "the reader says whom the user knows at that address");
    click(&mut app, "re lunch");
    assert!(!shows(&app, note), "the name the user knows: nothing to say");
}

#[test]
fn a_mailto_link_cannot_attach_a_file() {
    let link = "mailto:a@b.example?subject=hi&attach=/etc/passwd&attachment=%7E/.ssh/id_rsa";
    let draft = pochta::platform::mailto::parse(link).unwrap();
    assert!(draft.ignored.iter().any(|name| name == "attach") && draft.ignored.iter().any(|name| name == "attachment"));
    let (_profile, _engine, mut app) = window_with(&[hostile!("from_display_name_is_an_address.eml")]);
    click(&mut app, "display name is an address");
    run_update(&mut app, Message::Reader(reader::Message::LinkClicked(link.into())));
    let composer = *app.composer_windows().last().expect("a composer window");
    let shown = |needle: &str| simulator(app.view_window(composer)).find(needle).is_ok();
    assert!(shown("hi"), "the subject is taken");
    assert!(!shown("passwd") && !shown("id_rsa"), "no file is attached");
}

#[test]
fn many_attachments_scroll_and_long_names_keep_their_extension() {
    let mut letter = String::from(
        "From: a@b.example\r\nSubject: many attachments\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nthe body\r\n",
    );
    for i in 1..=25 {
        let name = format!("{i:02}-{}.pdf", "a-very-long-name-".repeat(8));
        letter.push_str(&format!(
            "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\r\n%PDF\r\n"
        ));
    }
    letter.push_str("--b--\r\n");
    let (_profile, _engine, mut app) = window_with(&[letter.into_bytes()]);
    click(&mut app, "many attachments");
    let names: Vec<String> = app.reader().current().unwrap().attachments.iter().map(|a| a.filename.clone()).collect();
    assert_eq!(names.len(), 25);
    let shown = |name: &str| pochta::ui::format::ellipsize_middle(name, 60);
    assert!(shown(&names[0]).ends_with("name-.pdf") && shown(&names[0]).contains('…'), "{}", shown(&names[0]));

    let mut ui = simulator(app.view());
    let first = ui.find(shown(&names[0])).expect("the first name, shortened");
    let last = ui.find(shown(&names[24])).expect("the last name, shortened");
    assert!(first.visible_bounds().is_some(), "the first attachment is in view");
    assert!(last.visible_bounds().is_none(), "the last one is scrolled out of the list, not pushing the body away");
    let copy = ui.find("Copy").unwrap();
    assert!(copy.visible_bounds().is_some(), "the header stays in reach");
}
