//! The composer windows, driven headless with iced_test's simulator over a profile that the real
//! IMAP sync filled from the harness's Dovecot: address completion from the people in the cache,
//! attachments dropped onto the window, autosave, closing with unsaved changes, continuing a draft,
//! and the outbox pane. Tasks do not run in the simulator: the messages a click produces are fed
//! back to `update` by hand, and the window events (keys, drops, closing, the autosave tick) are
//! sent as the daemon would send them.

mod common;
mod support;

use common::Profile;
use common::imap::{add_imap_account, sync};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::Id;
use iced_test::selector::Candidate;
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, ComposeKind, Message, WindowMessage};
use std::time::{Duration, Instant};
use support::mailstack;

/// A synced profile whose Inbox knows Boris (twice), Borislava and Anna; the app on it.
fn app_with_known_people() -> (Profile, EngineHandle, App) {
    let stack = mailstack();
    let user = stack.fresh_user();
    for (from, subject) in [
        ("Boris <boris@example.test>", "lunch"),
        ("Boris <boris@example.test>", "lunch again"),
        ("Borislava Ivanova <bori@example.test>", "report"),
    ] {
        let raw = format!(
            "From: {from}\r\nTo: {}\r\nCc: Anna <anna@example.test>\r\nSubject: {subject}\r\n\r\nhi\r\n",
            user.email
        );
        stack.deliver(&user, raw.as_bytes());
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (profile, engine, app)
}

fn run(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        let _ = app.update(message);
    }
}

fn window(app: &App) -> iced::window::Id {
    *app.composer_windows().last().expect("a composer window is open")
}

/// Clicks a field of the composer and types into it.
fn type_into(app: &mut App, field: &'static str, text: &str) {
    let window = window(app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window));
        ui.click(Id::new(field)).unwrap_or_else(|err| panic!("no field {field}: {err:?}"));
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    run(app, messages);
}

fn click_in_composer(app: &mut App, label: &str) {
    let window = window(app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window));
        ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" in the composer: {err:?}"));
        ui.into_messages().collect()
    };
    run(app, messages);
}

fn composer_shows(app: &App, needle: &str) -> bool {
    simulator(app.view_window(window(app))).find(needle).is_ok()
}

/// A text in the composer that starts with `prefix` (messages with a variable tail).
fn composer_shows_start(app: &App, prefix: &str) -> bool {
    let starts = |candidate: Candidate<'_>| match candidate {
        Candidate::Text { content, .. } if content.starts_with(prefix) => Some(()),
        _ => None,
    };
    simulator(app.view_window(window(app))).find(starts).is_ok()
}

fn key(app: &mut App, key: Key, modifiers: Modifiers) {
    let window = window(app);
    let _ = app.update(Message::Windows(WindowMessage::Key(window, key, modifiers)));
}

#[test]
fn known_addresses_are_suggested_while_typing_and_taken_with_the_keyboard() {
    let (_profile, engine, mut app) = app_with_known_people();
    let _ = app.update(Message::Compose(ComposeKind::New));
    assert_eq!(app.composer_windows().len(), 1, "Write opens a composer window");

    type_into(&mut app, "composer-to", "bor");
    assert!(composer_shows(&app, "Boris <boris@example.test>"), "the sender seen twice is suggested");
    assert!(composer_shows(&app, "Borislava Ivanova <bori@example.test>"), "a name's prefix matches too");
    assert!(!composer_shows(&app, "Anna <anna@example.test>"), "only people matching what is typed");

    key(&mut app, Key::Named(Named::ArrowDown), Modifiers::empty());
    key(&mut app, Key::Named(Named::Enter), Modifiers::empty());
    assert!(composer_shows(&app, "Borislava Ivanova <bori@example.test>, "), "Down then Enter takes the second");
    assert!(!composer_shows(&app, "Boris <boris@example.test>"), "the list closes");

    type_into(&mut app, "composer-cc", "ann");
    key(&mut app, Key::Named(Named::Tab), Modifiers::empty());
    assert!(composer_shows(&app, "Anna <anna@example.test>, "), "Tab takes the first (from Cc lines too)");

    type_into(&mut app, "composer-subject", "suggested");
    key(&mut app, Key::Named(Named::Enter), Modifiers::CTRL);
    let outbox = engine.outbox().unwrap();
    assert_eq!(outbox.len(), 1, "Ctrl+Enter sends: the letter is in the outbox at once");
    assert_eq!(outbox[0].recipients, ["bori@example.test", "anna@example.test"]);
    assert!(engine.drafts().unwrap().is_empty(), "no draft is left behind");
}

#[test]
fn dropped_files_autosave_and_closing_keep_the_letter_as_a_draft() {
    let (_profile, engine, mut app) = app_with_known_people();
    let files = tempfile::tempdir().unwrap();
    let notes = files.path().join("notes.txt");
    std::fs::write(&notes, b"twelve bytes").unwrap();
    let big = files.path().join("video.mp4");
    std::fs::write(&big, vec![0u8; 21 * 1024 * 1024]).unwrap();

    let _ = app.update(Message::Compose(ComposeKind::New));
    let first = window(&app);
    let _ = app.update(Message::Windows(WindowMessage::Closed(first)));
    assert!(app.composer_windows().is_empty() && engine.drafts().unwrap().is_empty(), "nothing typed, no draft");

    let _ = app.update(Message::Compose(ComposeKind::New));
    let composer = window(&app);
    type_into(&mut app, "composer-to", "carol@example.test");
    type_into(&mut app, "composer-subject", "квартальный отчёт");
    let _ = app.update(Message::Windows(WindowMessage::FileDropped(composer, notes.clone())));
    assert!(composer_shows(&app, "notes.txt (12 B)"), "a dropped file is attached, with its size");
    let _ = app.update(Message::Windows(WindowMessage::FileDropped(composer, files.path().join("missing.pdf"))));
    assert!(composer_shows_start(&app, "Cannot attach"), "a file that cannot be read is named");
    let _ = app.update(Message::Windows(WindowMessage::FileDropped(composer, big)));
    assert!(composer_shows(&app, "video.mp4 (21.0 MB)"), "big file listed");
    assert!(composer_shows_start(&app, "The attachments take 21.0 MB"), "a warning above 20 MB");
    click_in_composer(&mut app, "Remove");
    click_in_composer(&mut app, "Remove");
    assert!(!composer_shows(&app, "notes.txt (12 B)"), "Remove takes attachments off again");
    let _ = app.update(Message::Windows(WindowMessage::FileDropped(composer, notes)));

    let _ = app.update(Message::Windows(WindowMessage::Autosave(Instant::now())));
    assert!(engine.drafts().unwrap().is_empty(), "no autosave while the person is typing");
    let _ = app.update(Message::Windows(WindowMessage::Autosave(Instant::now() + Duration::from_secs(6))));
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "autosave after a pause");
    assert_eq!(drafts[0].composition.subject, "квартальный отчёт");
    assert_eq!(drafts[0].composition.attachments.len(), 1);

    type_into(&mut app, "composer-subject", " за ноябрь");
    let _ = app.update(Message::Windows(WindowMessage::Closed(composer)));
    assert!(app.composer_windows().is_empty(), "the window is gone");
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "closing updates the same draft");
    assert_eq!(drafts[0].composition.subject, "квартальный отчёт за ноябрь", "the last edit is kept");

    let _ = app.continue_draft(drafts[0].id);
    assert!(composer_shows(&app, "квартальный отчёт за ноябрь") && composer_shows(&app, "notes.txt (12 B)"));
    click_in_composer(&mut app, "Send");
    assert!(engine.drafts().unwrap().is_empty(), "sending removes the draft");
    assert_eq!(engine.outbox().unwrap()[0].subject, "квартальный отчёт за ноябрь");

    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click("Outbox (1)").expect("the sidebar counts the outbox");
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    let mut ui = simulator(app.view());
    assert!(ui.find("квартальный отчёт за ноябрь").is_ok() && ui.find("Retry").is_ok(), "the outbox pane lists it");
}

fn click_main(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" in the main window: {err:?}"));
        ui.into_messages().collect()
    };
    run(app, messages);
}

#[test]
fn a_draft_in_the_drafts_folder_continues_in_a_composer_on_enter() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let (here, elsewhere) = (Profile::new(), Profile::new());
    add_imap_account(&here, stack, &user, stack.imaps_port);
    add_imap_account(&elsewhere, stack, &user, stack.imaps_port);
    sync(&here, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(here.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    let _ = app.update(Message::Compose(ComposeKind::New));
    type_into(&mut app, "composer-to", "carol@example.test");
    type_into(&mut app, "composer-subject", "план поездки");
    click_in_composer(&mut app, "Save draft");
    assert!(composer_shows(&app, "Draft saved"));
    let _ = app.update(Message::Windows(WindowMessage::Closed(window(&app))));
    sync(&here, &user.email);

    // On another computer the draft is only a message in the server's Drafts folder.
    sync(&elsewhere, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(elsewhere.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    click_main(&mut app, "Drafts");
    click_main(&mut app, "план поездки");
    let main = iced::window::Id::unique();
    let _ = app.update(Message::Windows(WindowMessage::Key(main, Key::Named(Named::Enter), Modifiers::empty())));
    assert_eq!(app.composer_windows().len(), 1, "Enter on a draft opens it in a composer");
    assert!(composer_shows(&app, "план поездки") && composer_shows(&app, "carol@example.test"));
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "it became a local draft to continue");

    let _ = app.update(Message::Windows(WindowMessage::Key(main, Key::Named(Named::Enter), Modifiers::empty())));
    assert_eq!(app.composer_windows().len(), 1, "the same draft is not opened twice");
    click_in_composer(&mut app, "Send");
    assert!(engine.drafts().unwrap().is_empty(), "sent: the draft is gone");
    assert_eq!(engine.outbox().unwrap()[0].subject, "план поездки");
}
