//! The main window's actions apply only where they make sense (issue 15), over a profile the real
//! IMAP sync filled from the harness's Dovecot: with Settings open the header bar's letter
//! buttons and their keys leave the letter selected in the hidden list alone (Get mail and Write
//! still work); special folders offer neither Rename nor Delete folder; Move to / Copy to name the
//! folders as the tree does, a move does not offer the letters' own folder, and the More menu's
//! entries are inert with nothing selected; the outbox replaces the list (whose letters the keys
//! then leave alone); a letter refused when sent does not leave the main
//! window saying "Sending…"; the demo mailbox, with no server to send through, says so when a
//! letter is sent from it. Driven with iced_test's simulator.

mod common;
mod support;

use common::Profile;
use common::composer::{click_in_composer, compose, type_into, window};
use common::gui::{click, clicked, count_texts, open_more, send, shows};
use common::imap::{add_imap_account, sync};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Flags, FolderId, FolderRole};
use pochta::ui::app::{App, ComposeKind, Message, WindowMessage};
use pochta::ui::icons::Icon;
use pochta::ui::sidebar;
use support::mailstack;

/// A fresh user with two letters and an ordinary folder "Projects" besides the special ones,
/// synced into a new profile.
fn synced_window() -> (Profile, EngineHandle, App) {
    let stack = mailstack();
    let user = stack.fresh_user();
    for subject in ["agenda", "budget"] {
        let raw = format!("From: a@example.test\r\nTo: {}\r\nSubject: {subject}\r\n\r\nbody\r\n", user.email);
        stack.deliver(&user, raw.as_bytes());
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let account = engine.account_by_address(&user.email).unwrap();
    engine.create_folder(account, "Projects").unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (profile, engine, app)
}

fn folder(engine: &EngineHandle, role: Option<FolderRole>, path: &str) -> FolderId {
    let folders = engine.folders(None).unwrap();
    folders.into_iter().find(|f| f.role == role && (role.is_some() || f.path == path)).expect("the folder").id
}

fn inbox_subjects(engine: &EngineHandle) -> Vec<String> {
    let inbox = folder(engine, Some(FolderRole::Inbox), "");
    let mut subjects: Vec<String> = engine.messages(inbox, 0, 100).unwrap().into_iter().map(|m| m.subject).collect();
    subjects.sort();
    subjects
}

/// A key pressed in the main window (what iced delivers when no widget used it).
fn key(app: &mut App, key: Key, modifiers: Modifiers) {
    let main = iced::window::Id::unique();
    send(app, Message::Windows(WindowMessage::Key(main, key, modifiers)));
}

#[test]
fn with_settings_open_delete_and_its_key_leave_the_hidden_letter_alone() {
    let (_profile, engine, mut app) = synced_window();
    click(&mut app, "agenda");
    assert_eq!(app.selected_subject().as_deref(), Some("agenda"));
    open_more(&mut app);
    click(&mut app, "Settings");
    assert!(shows(&app, "Save"), "the Settings screen is open");

    for glyph in [Icon::Delete, Icon::Reply, Icon::ReplyAll, Icon::Forward, Icon::Junk, Icon::Flag] {
        assert!(clicked(&app, &glyph.label()).is_empty(), "{glyph:?} is inert outside the mail panes");
    }
    key(&mut app, Key::Named(Named::Delete), Modifiers::empty());
    for letter in ["j", "s", "m", "r", "n"] {
        key(&mut app, Key::Character(letter.into()), Modifiers::empty());
    }
    key(&mut app, Key::Named(Named::ArrowDown), Modifiers::empty());
    key(&mut app, Key::Character("a".into()), Modifiers::CTRL);
    assert_eq!(inbox_subjects(&engine), ["agenda", "budget"], "nothing deleted, junked or moved");
    let inbox = folder(&engine, Some(FolderRole::Inbox), "");
    let flagged = engine.messages(inbox, 0, 100).unwrap().iter().any(|m| m.flags.has(Flags::FLAGGED));
    assert!(!flagged, "S flagged nothing");
    assert_eq!(app.selected_subject().as_deref(), Some("agenda"), "the keys did not walk the hidden list");
    assert_eq!(app.selection().len(), 1, "Ctrl+A did not select the hidden list");
    assert!(shows(&app, "Save"), "still on Settings");

    // Get mail and Write are not letter actions: they stay.
    assert!(matches!(clicked(&app, &Icon::GetMail.label())[..], [Message::SyncNow]), "Get mail works");
    assert!(matches!(clicked(&app, &Icon::Write.label())[..], [Message::Compose(ComposeKind::New)]), "Write works");

    // Back on the mail panes, the same button deletes the letter the user sees.
    click(&mut app, "Cancel");
    let delete = clicked(&app, &Icon::Delete.label());
    assert!(matches!(delete[..], [Message::Delete]), "Delete acts on the shown letter: {delete:?}");
}

#[test]
fn the_outbox_takes_the_place_of_the_list_and_the_letter_keys_leave_the_hidden_letter_alone() {
    let (_profile, engine, mut app) = synced_window();
    click(&mut app, "agenda");
    send(&mut app, Message::Sidebar(sidebar::Message::ShowOutbox));
    assert!(shows(&app, "Nothing is waiting to be sent."), "the outbox is shown");
    assert_eq!(count_texts(&app, "agenda") + count_texts(&app, "budget"), 0, "the Inbox's letters are not");
    assert!(clicked(&app, &Icon::Delete.label()).is_empty(), "Delete is inert: no letter is shown");
    key(&mut app, Key::Named(Named::Delete), Modifiers::empty());
    assert_eq!(inbox_subjects(&engine), ["agenda", "budget"], "the Delete key deleted nothing");

    // Drafts without a subject are told apart by whom they are for.
    let account = engine.account_ids().unwrap()[0].0;
    let draft =
        pochta::engine::api::Composition { account, to: vec!["friend@example.test".into()], ..Default::default() };
    engine.save_draft(None, &draft).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    common::gui::update_and_run(&mut app, Message::Sidebar(sidebar::Message::ShowOutbox), &runtime);
    assert!(shows(&app, "friend@example.test"), "the draft names its recipient");

    let inbox = folder(&engine, Some(FolderRole::Inbox), "");
    common::gui::update_and_run(
        &mut app,
        Message::Sidebar(sidebar::Message::Select(inbox)),
        &tokio::runtime::Runtime::new().unwrap(),
    );
    assert!(shows(&app, "budget") && !shows(&app, "Nothing is waiting to be sent."), "a folder brings the list back");
}

#[test]
fn special_folders_offer_neither_rename_nor_delete() {
    let (_profile, engine, mut app) = synced_window();
    for role in [FolderRole::Inbox, FolderRole::Drafts, FolderRole::Sent, FolderRole::Trash, FolderRole::Junk] {
        let id = folder(&engine, Some(role), "");
        send(&mut app, Message::Sidebar(sidebar::Message::ContextPressed(id)));
        assert_eq!(count_texts(&app, "New folder"), 2, "{role:?}: its menu is open (and the pane's links show)");
        assert_eq!(count_texts(&app, "Rename"), 0, "{role:?} is not renamed, in the menu or under the tree");
        assert_eq!(count_texts(&app, "Delete folder"), 0, "{role:?} is not deleted");
        send(&mut app, Message::FolderActions(pochta::ui::folder_actions::Message::Delete));
        assert!(!shows(&app, "Delete it"), "{role:?}: a delete asked some other way is not offered either");
        key(&mut app, Key::Named(Named::Escape), Modifiers::empty());
    }
    let projects = folder(&engine, None, "Projects");
    send(&mut app, Message::Sidebar(sidebar::Message::ContextPressed(projects)));
    assert_eq!(count_texts(&app, "Rename"), 2, "an ordinary folder is renamed from its menu and under the tree");
    assert_eq!(count_texts(&app, "Delete folder"), 2);
}

#[test]
fn move_to_names_folders_as_the_tree_does_and_leaves_out_the_letters_own_folder() {
    let (_profile, _engine, mut app) = synced_window();
    assert!(app.selection().is_empty(), "nothing selected yet");
    open_more(&mut app);
    // A click on an inert entry does nothing, not even close the menu.
    assert!(clicked(&app, "Move to…").is_empty(), "Move to is inert with nothing selected");
    assert!(clicked(&app, "Copy to…").is_empty(), "Copy to too");
    key(&mut app, Key::Named(Named::Escape), Modifiers::empty());

    click(&mut app, "agenda");
    open_more(&mut app);
    click(&mut app, "Move to…");
    assert_eq!(count_texts(&app, "INBOX"), 0, "never the server's raw name");
    assert_eq!(count_texts(&app, "Inbox"), 1, "the tree's Inbox only: the letter is in it already");
    assert_eq!(count_texts(&app, "Archive"), 2, "the tree's and the menu's");
    assert_eq!(count_texts(&app, "Projects"), 2);
    key(&mut app, Key::Named(Named::Escape), Modifiers::empty());

    open_more(&mut app);
    click(&mut app, "Copy to…");
    assert_eq!(count_texts(&app, "INBOX"), 0, "never the server's raw name");
    assert_eq!(count_texts(&app, "Inbox"), 2, "a copy may go to its own folder, under the tree's name");
}

#[test]
fn a_letter_refused_when_sent_ends_the_main_windows_sending_at_once() {
    let (_profile, _engine, mut app) = synced_window();
    compose(&mut app, ComposeKind::New);
    // No recipient: the outbox refuses the letter, which stays in its window.
    type_into(&mut app, "composer-subject", "Plans");
    click_in_composer(&mut app, "Send");
    let window = window(&app);
    let says_why = |candidate: iced_test::selector::Candidate<'_>| match candidate {
        iced_test::selector::Candidate::Text { content, .. } if content.contains("no recipients") => Some(()),
        _ => None,
    };
    assert!(simulator(app.view_window(window)).find(says_why).is_ok(), "the composer says why");
    assert!(!shows(&app, "Sending…"), "the main window no longer says it is sending (it did for two minutes)");
}

#[test]
fn sending_from_the_demo_mailbox_says_it_has_no_server_and_keeps_the_letter_open() {
    let profile = Profile::new();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.load_demo_mailbox(&pochta::engine::api::DemoLetters::Embedded).unwrap();
    let (mut app, _) = App::new(engine.clone(), true);
    compose(&mut app, ComposeKind::New);
    let window = window(&app);
    type_into(&mut app, "composer-to", "friend@example.test, ");
    type_into(&mut app, "composer-subject", "Plans");
    click_in_composer(&mut app, "Send");
    let says_why = |candidate: iced_test::selector::Candidate<'_>| match candidate {
        iced_test::selector::Candidate::Text { content, .. }
            if content.contains("kept on this computer only") && content.contains("Add account") =>
        {
            Some(())
        }
        _ => None,
    };
    assert!(simulator(app.view_window(window)).find(says_why).is_ok(), "the composer says why and what to do");
    assert!(engine.outbox().unwrap().is_empty(), "nothing waits in the outbox for a password that does not exist");
    assert!(!shows(&app, "Sending…"));
}
