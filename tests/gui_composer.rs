//! The composer windows, driven headless with iced_test's simulator over a profile that the real
//! IMAP sync filled from the harness's Dovecot: address completion from the people in the cache,
//! attachments dropped onto the window, autosave, closing with unsaved changes, continuing a draft,
//! and the outbox pane. Tasks do not run in the simulator: the messages a click produces are fed
//! back to `update` by hand, and the window events (keys, drops, closing, the autosave tick) are
//! sent as the daemon would send them.

mod common;
mod support;

use common::Profile;
use common::composer::{click_in_composer, compose, composer_shows, letter, run, run_all, runtime, type_into, window};
use common::imap::{add_imap_account, sync};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::Id;
use iced_test::selector::Candidate;
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, ComposeKind, Message, WindowMessage};
use pochta::ui::composer::Slot;
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
    common::gui::synced_window(stack, &user)
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
    common::gui::update_one_step(app, Message::Windows(WindowMessage::Key(window, key, modifiers)), runtime());
}

/// A key as the daemon sends it, with the task it starts run (sending, for Enter on Send).
fn key_and_run(app: &mut App, runtime: &tokio::runtime::Runtime, key: Key, modifiers: Modifiers) {
    let window = window(app);
    common::gui::update_and_run(app, Message::Windows(WindowMessage::Key(window, key, modifiers)), runtime);
}

fn focus(app: &App) -> Slot {
    app.composer(window(app)).expect("a composer").focus()
}

/// A key press with modifiers, in the simulator (a text editor's own bindings see it).
fn press(key: Key, modifiers: Modifiers) -> iced::Event {
    iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: iced::keyboard::key::Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers,
        repeat: false,
        text: None,
    })
}

#[test]
fn addresses_taken_from_suggestions_become_whole_tokens_and_typing_goes_on_after_them() {
    let (_profile, engine, mut app) = app_with_known_people();
    compose(&mut app, ComposeKind::New);
    assert_eq!(app.composer_windows().len(), 1, "Write opens a composer window");

    let subject_at = simulator(app.view_window(window(&app))).find(Id::new("composer-subject")).unwrap().bounds();
    type_into(&mut app, "composer-to", "bor");
    assert!(composer_shows(&app, "Boris <boris@example.test>"), "the sender seen twice is suggested");
    assert!(composer_shows(&app, "Borislava Ivanova <bori@example.test>"), "a name's prefix matches too");
    assert!(!composer_shows(&app, "Anna <anna@example.test>"), "only people matching what is typed");
    let subject_now = simulator(app.view_window(window(&app))).find(Id::new("composer-subject")).unwrap().bounds();
    assert_eq!(subject_at, subject_now, "the suggestions float over the form, which does not move");

    key(&mut app, Key::Named(Named::ArrowDown), Modifiers::empty());
    key(&mut app, Key::Named(Named::Enter), Modifiers::empty());
    assert_eq!(letter(&app).to, ["Borislava Ivanova <bori@example.test>"], "Down then Enter takes the second");
    assert!(composer_shows(&app, "Borislava Ivanova"), "as a token with the name");
    assert!(!composer_shows(&app, "Boris <boris@example.test>"), "the list closes");

    // The next address starts after the token, never inside it.
    type_into(&mut app, "composer-to", "ann");
    key(&mut app, Key::Named(Named::Tab), Modifiers::empty());
    type_into(&mut app, "composer-to", "carol@example.test, not-an-address,");
    type_into(&mut app, "composer-to", "dave@example.test");
    assert_eq!(
        letter(&app).to,
        [
            "Borislava Ivanova <bori@example.test>",
            "Anna <anna@example.test>",
            "carol@example.test",
            "not-an-address",
            "dave@example.test"
        ],
        "each address whole and in order"
    );
    // Backspace in an empty entry takes the last token away whole.
    let window_id = window(&app);
    for text in ["dave@example.test", ""] {
        // The entry emptied letter by letter, then Backspace once more at its start.
        let _ = app.update(Message::Windows(WindowMessage::Composer(
            window_id,
            pochta::ui::composer::Message::Address(pochta::ui::composer::Field::To, text.into()),
        )));
    }
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window_id));
        ui.click(Id::new("composer-to")).unwrap();
        ui.tap_key(Named::Backspace);
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    assert_eq!(letter(&app).to.len(), 3, "the bad token went whole: {:?}", letter(&app).to);

    type_into(&mut app, "composer-cc", "bor");
    assert!(composer_shows(&app, "Boris <boris@example.test>"), "Cc completes too");
    key(&mut app, Key::Named(Named::Escape), Modifiers::empty());
    assert!(!composer_shows(&app, "Boris <boris@example.test>"), "Escape closes the suggestions");
    assert_eq!(letter(&app).cc, ["bor"], "and keeps what was typed");
    let _ = app.update(Message::Windows(WindowMessage::Composer(
        window_id,
        pochta::ui::composer::Message::Address(pochta::ui::composer::Field::Cc, String::new()),
    )));

    type_into(&mut app, "composer-subject", "suggested");
    key(&mut app, Key::Named(Named::Enter), Modifiers::CTRL);
    let outbox = engine.outbox().unwrap();
    assert_eq!(outbox.len(), 1, "Ctrl+Enter sends: the letter is in the outbox at once");
    assert_eq!(outbox[0].recipients, ["bori@example.test", "anna@example.test", "carol@example.test"]);
}

#[test]
fn invalid_tokens_are_refused_when_sending_and_shown_as_such() {
    let (_profile, engine, mut app) = app_with_known_people();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", "ivan@@example, ");
    assert!(composer_shows(&app, "ivan@@example"), "the token is shown");
    type_into(&mut app, "composer-subject", "hello");
    click_in_composer(&mut app, "Send");
    assert!(composer_shows_start(&app, "\"ivan@@example\" is not an email address"), "the bad address is named");
    assert!(engine.outbox().unwrap().is_empty(), "nothing is sent to a bad address");
}

#[test]
fn tab_goes_from_field_to_field_in_order_and_enter_presses_the_focused_send() {
    let (_profile, engine, mut app) = app_with_known_people();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    compose(&mut app, ComposeKind::New);
    assert_eq!(focus(&app), Slot::To, "a new letter starts in To");

    let mut order = vec![focus(&app)];
    for _ in 0..7 {
        key_and_run(&mut app, &runtime, Key::Named(Named::Tab), Modifiers::empty());
        order.push(focus(&app));
    }
    assert_eq!(
        order,
        [Slot::To, Slot::Cc, Slot::Bcc, Slot::Subject, Slot::Body, Slot::Attach, Slot::Send, Slot::From],
        "From, To, Cc, Bcc, Subject, text, Attach, Send"
    );
    key_and_run(&mut app, &runtime, Key::Named(Named::Tab), Modifiers::SHIFT);
    assert_eq!(focus(&app), Slot::Send, "Shift+Tab goes back");

    // Tab inside the text leaves it (the editor would otherwise swallow the key).
    let window_id = window(&app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window_id));
        ui.click(Id::new("composer-body")).unwrap();
        ui.typewrite("Привет");
        ui.tap_key(Named::Tab);
        ui.into_messages().collect()
    };
    for message in messages {
        common::gui::update_and_run(&mut app, message, &runtime);
    }
    assert_eq!(focus(&app), Slot::Attach, "Tab from the text goes to Attach");
    assert_eq!(letter(&app).body, "Привет", "no tab character typed into the letter");

    // To ourselves, so the harness's server takes it (with a subject: none would be asked about).
    type_into(&mut app, "composer-subject", "tabbed");
    let own = engine.accounts().unwrap()[0].1.email.clone();
    type_into(&mut app, "composer-to", &own);
    // Our own address is known: its suggestion is closed first (Tab would take it).
    key_and_run(&mut app, &runtime, Key::Named(Named::Escape), Modifiers::empty());
    for _ in 0..6 {
        key_and_run(&mut app, &runtime, Key::Named(Named::Tab), Modifiers::empty());
    }
    assert_eq!(focus(&app), Slot::Send);
    key_and_run(&mut app, &runtime, Key::Named(Named::Enter), Modifiers::empty());
    assert!(app.composer_windows().is_empty(), "Enter on the focused Send sent it: {:?}", app.notice());
    assert!(engine.outbox().unwrap().is_empty(), "and the server took it");
}

#[test]
fn ctrl_z_undoes_and_ctrl_shift_z_redoes_in_each_field() {
    let (_profile, _engine, mut app) = app_with_known_people();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    compose(&mut app, ComposeKind::New);

    type_into(&mut app, "composer-subject", "отчёт");
    key_and_run(&mut app, &runtime, Key::Character("z".into()), Modifiers::CTRL);
    assert_eq!(letter(&app).subject, "", "the word typed in one go is undone at once");
    key_and_run(&mut app, &runtime, Key::Character("z".into()), Modifiers::CTRL | Modifiers::SHIFT);
    assert_eq!(letter(&app).subject, "отчёт", "and redone");

    type_into(&mut app, "composer-to", "carol@example.test,");
    assert_eq!(letter(&app).to, ["carol@example.test"]);
    key_and_run(&mut app, &runtime, Key::Character("z".into()), Modifiers::CTRL);
    assert_eq!(letter(&app).to, ["carol@example.test"], "the token is undone back into the entry");
    assert!(!composer_shows(&app, "×") || composer_shows(&app, "carol@example.test"));
    key_and_run(&mut app, &runtime, Key::Character("z".into()), Modifiers::CTRL);
    assert!(letter(&app).to.is_empty(), "then the typing");
    key_and_run(&mut app, &runtime, Key::Character("y".into()), Modifiers::CTRL);
    assert_eq!(letter(&app).to, ["carol@example.test"], "Ctrl+Y redoes too");

    let window_id = window(&app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window_id));
        ui.click(Id::new("composer-body")).unwrap();
        ui.typewrite("Добрый день");
        ui.simulate([press(Key::Character("z".into()), Modifiers::CTRL)]);
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    assert_eq!(letter(&app).body, "", "Ctrl+Z in the text");
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window_id));
        ui.click(Id::new("composer-body")).unwrap();
        ui.simulate([press(Key::Character("z".into()), Modifiers::CTRL | Modifiers::SHIFT)]);
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    assert_eq!(letter(&app).body, "Добрый день", "Ctrl+Shift+Z in the text");
}

#[test]
fn a_reply_starts_in_the_text_below_the_editable_quote_without_the_senders_signature() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let raw = format!(
        "From: Boris <boris@example.test>\r\nTo: {}\r\nSubject: lunch\r\nDate: Mon, 7 Dec 2026 05:32:00 +0000\r\n\r\nAt noon?\r\n-- \r\nBoris, Acme\r\n",
        user.email
    );
    stack.deliver(&user, raw.as_bytes());
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    click_main(&mut app, "lunch");
    compose(&mut app, ComposeKind::Reply);
    assert_eq!(focus(&app), Slot::Body, "a reply starts in the text");
    let body = letter(&app).body;
    assert!(body.contains("Boris <boris@example.test> wrote:") && body.contains("> At noon?"), "{body}");
    assert!(!body.contains("Acme"), "the sender's signature is not quoted: {body}");
    assert!(letter(&app).quoted.is_none(), "no separate read-only quote");
    // Answering inline: the quote is ordinary text to edit.
    let window_id = window(&app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window_id));
        ui.click(Id::new("composer-body")).unwrap();
        ui.simulate([press(Key::Named(Named::End), Modifiers::CTRL)]);
        ui.typewrite("Yes.");
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    assert!(letter(&app).body.trim_end().ends_with("Yes."), "{:?}", letter(&app).body);
}

#[test]
fn signatures_and_from_addresses_are_edited_in_the_accounts_screen_and_offered_in_the_composer() {
    let (_profile, engine, mut app) = app_with_known_people();
    let email = engine.accounts().unwrap()[0].1.email.clone();
    click_main(&mut app, &pochta::ui::icons::Icon::More.label());
    click_main(&mut app, "Accounts");
    click_main(&mut app, "Signature and addresses");
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click("Add an address").unwrap();
        ui.into_messages().collect()
    };
    run(&mut app, messages);
    let type_main = |app: &mut App, field: &str, text: &str| {
        let messages: Vec<Message> = {
            let mut ui = simulator(app.view());
            ui.click(Id::from(field.to_string())).unwrap_or_else(|e| panic!("no {field}: {e:?}"));
            ui.typewrite(text);
            ui.into_messages().collect()
        };
        run(app, messages);
    };
    type_main(&mut app, "account-signature", "Ivan, sales");
    type_main(&mut app, "identity-name-0", "Sales desk");
    type_main(&mut app, "identity-email-0", "sales@example.test");
    click_main(&mut app, "Save");
    let account = engine.account(engine.account_by_address(&email).unwrap()).unwrap();
    assert_eq!(account.identities.len(), 1, "the address is saved");
    assert_eq!(account.identities[0].email, "sales@example.test");
    assert_eq!(account.signature.as_deref(), Some("Ivan, sales"), "the signature is saved");

    compose(&mut app, ComposeKind::New);
    assert_eq!(letter(&app).from, None, "the account's own address is the sender");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for _ in 0..7 {
        key_and_run(&mut app, &runtime, Key::Named(Named::Tab), Modifiers::empty());
    }
    assert_eq!(focus(&app), Slot::From);
    key_and_run(&mut app, &runtime, Key::Named(Named::ArrowDown), Modifiers::empty());
    assert_eq!(letter(&app).from.map(|m| m.email).as_deref(), Some("sales@example.test"));
}

#[test]
fn dropped_files_autosave_and_closing_keep_the_letter_as_a_draft() {
    let (_profile, engine, mut app) = app_with_known_people();
    let files = tempfile::tempdir().unwrap();
    let notes = files.path().join("notes.txt");
    std::fs::write(&notes, b"twelve bytes").unwrap();
    let big = files.path().join("video.mp4");
    std::fs::write(&big, vec![0u8; 21 * 1024 * 1024]).unwrap();

    compose(&mut app, ComposeKind::New);
    let first = window(&app);
    common::gui::update_one_step(&mut app, Message::Windows(WindowMessage::Closed(first)), runtime());
    assert!(app.composer_windows().is_empty() && engine.drafts().unwrap().is_empty(), "nothing typed, no draft");

    compose(&mut app, ComposeKind::New);
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

    common::gui::update_one_step(&mut app, Message::Windows(WindowMessage::Autosave(Instant::now())), runtime());
    assert!(engine.drafts().unwrap().is_empty(), "no autosave while the person is typing");
    common::gui::update_one_step(
        &mut app,
        Message::Windows(WindowMessage::Autosave(Instant::now() + Duration::from_secs(6))),
        runtime(),
    );
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "autosave after a pause");
    assert_eq!(drafts[0].composition.subject, "квартальный отчёт");
    assert_eq!(drafts[0].composition.attachments.len(), 1);

    type_into(&mut app, "composer-subject", " за ноябрь");
    common::gui::update_one_step(&mut app, Message::Windows(WindowMessage::Closed(composer)), runtime());
    assert!(app.composer_windows().is_empty(), "the window is gone");
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "closing updates the same draft");
    assert_eq!(drafts[0].composition.subject, "квартальный отчёт за ноябрь", "the last edit is kept");

    let task = app.continue_draft(drafts[0].id);
    common::gui::run_task(&mut app, task, runtime());
    assert!(composer_shows(&app, "квартальный отчёт за ноябрь") && composer_shows(&app, "notes.txt (12 B)"));
    click_in_composer(&mut app, "Send");
    assert!(engine.drafts().unwrap().is_empty(), "sending removes the draft");
    assert_eq!(engine.outbox().unwrap()[0].subject, "квартальный отчёт за ноябрь");
    // The engine says the outbox changed; the window re-reads its counts off its thread.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let changed = pochta::engine::api::Event::OutboxChanged { account: engine.account_ids().unwrap()[0].0 };
    common::gui::update_and_run(&mut app, Message::Engine(changed), &runtime);

    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click("Outbox (1)").expect("the sidebar counts the outbox");
        ui.into_messages().collect()
    };
    for message in messages {
        common::gui::update_and_run(&mut app, message, &runtime);
    }
    let mut ui = simulator(app.view());
    assert!(ui.find("квартальный отчёт за ноябрь").is_ok() && ui.find("Retry").is_ok(), "the outbox pane lists it");
}

fn click_main(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" in the main window: {err:?}"));
        ui.into_messages().collect()
    };
    run_all(app, messages);
}

#[test]
fn a_draft_in_the_drafts_folder_continues_in_a_composer_on_a_double_click_or_enter() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let (here, elsewhere) = (Profile::new(), Profile::new());
    add_imap_account(&here, stack, &user, stack.imaps_port);
    add_imap_account(&elsewhere, stack, &user, stack.imaps_port);
    sync(&here, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(here.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", "carol@example.test");
    type_into(&mut app, "composer-subject", "план поездки");
    click_in_composer(&mut app, "Save draft");
    assert!(composer_shows(&app, "Draft saved"));
    let closing = window(&app);
    common::gui::update_one_step(&mut app, Message::Windows(WindowMessage::Closed(closing)), runtime());
    sync(&here, &user.email);

    // On another computer the draft is only a message in the server's Drafts folder.
    sync(&elsewhere, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(elsewhere.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    click_main(&mut app, "Drafts");
    click_main(&mut app, "план поездки");
    let main = iced::window::Id::unique();
    let enter = || Message::Windows(WindowMessage::Key(main, Key::Named(Named::Enter), Modifiers::empty()));
    let row = app.selected_message().expect("the draft's row is selected");
    let double_click = Message::List(pochta::ui::message_list::Message::DoubleClicked(row));
    common::gui::update_and_run(&mut app, double_click, runtime());
    assert_eq!(app.composer_windows().len(), 1, "a double click on a draft opens it in a composer");
    assert!(composer_shows(&app, "план поездки") && composer_shows(&app, "carol@example.test"));
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "it became a local draft to continue");

    common::gui::update_and_run(&mut app, enter(), runtime());
    assert_eq!(app.composer_windows().len(), 1, "Enter on it again does not open the same draft twice");
    click_in_composer(&mut app, "Send");
    assert!(engine.drafts().unwrap().is_empty(), "sent: the draft is gone");
    assert_eq!(engine.outbox().unwrap()[0].subject, "план поездки");
}

#[test]
fn a_draft_save_that_lands_after_the_letter_went_to_the_outbox_leaves_no_stray_copy() {
    let (_profile, engine, mut app) = app_with_known_people();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", "carol@example.test");
    type_into(&mut app, "composer-subject", "late autosave");
    let composer = window(&app);
    // The autosave is handed to the engine; Ctrl+Enter comes before its answer does.
    let autosave = app.update(Message::Windows(WindowMessage::Autosave(Instant::now() + Duration::from_secs(6))));
    let send = Message::Windows(WindowMessage::Key(composer, Key::Named(Named::Enter), Modifiers::CTRL));
    common::gui::update_one_step(&mut app, send, runtime());
    assert_eq!(engine.outbox().unwrap().len(), 1, "the letter is in the outbox");
    common::gui::run_task(&mut app, autosave, runtime());
    assert!(engine.drafts().unwrap().is_empty(), "the late save's copy is gone: the outbox has the letter");
}

#[test]
fn discarding_a_letter_with_unsaved_words_asks_first() {
    let (_profile, engine, mut app) = app_with_known_people();
    compose(&mut app, ComposeKind::New);
    click_in_composer(&mut app, "Discard");
    assert!(app.composer_windows().is_empty(), "an untouched letter goes at once");

    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-body", "Three paragraphs I would hate to lose.");
    click_in_composer(&mut app, "Discard");
    assert_eq!(app.composer_windows().len(), 1, "the letter stays while it asks");
    assert!(composer_shows(&app, "Discard this letter? What you wrote is not kept."), "the question is asked");
    click_in_composer(&mut app, "Keep writing");
    assert!(!composer_shows(&app, "Keep writing"), "back to writing");
    assert_eq!(app.composer_windows().len(), 1);

    // Saved by the person, then changed: discarding keeps the saved draft, and says so.
    click_in_composer(&mut app, "Save draft");
    type_into(&mut app, "composer-body", " And a fourth.");
    click_in_composer(&mut app, "Discard");
    let kept = "Discard the changes since the draft was saved? The saved draft stays in Drafts.";
    assert!(composer_shows(&app, kept), "the question says the saved draft stays");
    click_in_composer(&mut app, "Discard");
    assert!(app.composer_windows().is_empty());
    assert_eq!(engine.drafts().unwrap().len(), 1, "the draft the person saved is kept");
    let saved = engine.drafts().unwrap()[0].id;
    engine.delete_draft(saved).unwrap();

    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-body", "Three paragraphs I would hate to lose.");

    click_in_composer(&mut app, "Discard");
    click_in_composer(&mut app, "Discard");
    assert!(app.composer_windows().is_empty(), "asked and answered: gone");
    assert!(engine.drafts().unwrap().is_empty(), "and no draft is left behind");
}
