//! Folders and keys in the main window, driven headless over a profile the real IMAP sync filled:
//! a folder created, renamed (moved) and deleted after its consequence is said, a folder marked
//! read, Trash emptied; N to the next unread letter, F1's shortcuts window, Escape clearing the
//! search. Tasks are run for real where the work is one (marking read, emptying).

mod common;
mod support;

use common::Profile;
use common::gui::{click, click_and_run, shows, update_and_run};
use common::imap::{add_imap_account, sync};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::FolderRole;
use pochta::ui::app::{App, Message, WindowMessage};
use support::mailstack;

fn synced_app(letters: &[(&str, &str)]) -> (Profile, EngineHandle, App, String) {
    let stack = mailstack();
    let user = stack.fresh_user();
    for (subject, flags) in letters {
        let raw = format!("From: a@example.test\r\nTo: {}\r\nSubject: {subject}\r\n\r\nhi\r\n", user.email);
        stack.deliver(&user, raw.as_bytes());
        if !flags.is_empty() {
            stack.doveadm(&["flags", "add", "-u", &user.login, flags, "mailbox", "INBOX", "subject", subject]);
        }
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (profile, engine, app, user.email)
}

fn key(app: &mut App, key: Key) {
    let main = iced::window::Id::unique();
    let _ = app.update(Message::Windows(WindowMessage::Key(main, key, Modifiers::empty())));
}

/// A key whose action is a task (deleting, marking), run to its end.
fn key_and_run(app: &mut App, key: Key, runtime: &tokio::runtime::Runtime) {
    let main = iced::window::Id::unique();
    update_and_run(app, Message::Windows(WindowMessage::Key(main, key, Modifiers::empty())), runtime);
}

fn type_path(app: &mut App, text: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(iced::widget::Id::new("folder-path")).expect("the folder path field");
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

/// Every text on screen (for failure messages).
fn texts(app: &App) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    let mut all = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text { content, .. } = candidate {
            all.push(content.to_string());
        }
        None::<()>
    });
    all
}

fn folder(engine: &EngineHandle, path: &str) -> Option<pochta::engine::api::FolderInfo> {
    engine.folders(None).unwrap().into_iter().find(|f| f.path == path)
}

#[test]
fn a_folder_is_created_moved_and_deleted_after_saying_what_goes_with_it() {
    let (_profile, engine, mut app, _) = synced_app(&[("first", "")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    click(&mut app, "Inbox");
    click(&mut app, "New folder");
    type_path(&mut app, "Projects");
    click_and_run(&mut app, "Create", &runtime);
    assert!(folder(&engine, "Projects").is_some(), "created");
    assert!(shows(&app, "Projects"), "listed at once");

    click(&mut app, "Projects");
    click(&mut app, "Rename");
    type_path(&mut app, "/2026");
    click_and_run(&mut app, "Rename", &runtime);
    assert!(shows(&app, "“Projects” is now “Projects/2026”"), "renamed: {:?}", app.notice());

    click(&mut app, "Inbox");
    assert!(!shows(&app, "Delete folder"), "Inbox cannot be deleted");
    click(&mut app, "Drafts");
    assert!(!shows(&app, "Delete folder") && !shows(&app, "Rename"), "nor any special folder");
    click(&mut app, "2026");
    click(&mut app, "Delete folder");
    assert!(
        shows(
            &app,
            "Delete “Projects/2026” with its 0 messages? They are deleted on the server too, and this cannot be undone."
        ),
        "the consequence is said first: {:?}",
        texts(&app)
    );
    click(&mut app, "Cancel");
    assert!(folder(&engine, "Projects/2026").is_some(), "Cancel keeps it");
    click(&mut app, "Delete folder");
    click_and_run(&mut app, "Delete it", &runtime);
    assert!(shows(&app, "Folder “Projects/2026” deleted"), "{:?}", app.notice());
}

#[test]
fn a_folder_is_marked_read_and_trash_is_emptied() {
    let (profile, engine, mut app, email) = synced_app(&[("one", ""), ("two", ""), ("three", "\\Seen")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    click(&mut app, "Inbox");
    click_and_run(&mut app, "Mark all read", &runtime);
    assert_eq!(folder(&engine, "INBOX").unwrap().unread, 0, "every letter read");

    click(&mut app, "one");
    key_and_run(&mut app, Key::Named(Named::Delete), &runtime);
    sync(&profile, &email);
    let trash = engine.folders(None).unwrap().into_iter().find(|f| f.role == Some(FolderRole::Trash)).unwrap();
    assert_eq!(trash.total, 1, "the deleted letter is in Trash");
    click(&mut app, "Trash");
    click(&mut app, "Empty");
    assert!(shows(&app, "Delete the 1 message in “Trash” for good, here and on the server?"), "said first");
    click_and_run(&mut app, "Empty it", &runtime);
    sync(&profile, &email);
    assert_eq!(folder(&engine, &trash.path).unwrap().total, 0, "Trash is empty, on the server too");
}

#[test]
fn n_goes_to_the_next_unread_f1_lists_the_keys_and_escape_clears_the_search() {
    let (_profile, engine, mut app, _) = synced_app(&[("old unread", ""), ("read one", "\\Seen"), ("new unread", "")]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(engine.wait_for_search_index()).unwrap();
    click(&mut app, "Inbox");
    // Newest first: "new unread", "read one", "old unread".
    key(&mut app, Key::Character("n".into()));
    key(&mut app, Key::Character("n".into()));
    let selected = app.selected_subject();
    assert_eq!(selected.as_deref(), Some("old unread"), "the second N skips the read letter");
    key(&mut app, Key::Character("b".into()));
    assert_eq!(app.selected_subject().as_deref(), Some("read one"), "B goes back one");

    key(&mut app, Key::Named(Named::F1));
    assert!(app.shortcuts_window().is_some(), "F1 opens the shortcuts window");
    let shortcuts = app.view_window(app.shortcuts_window().unwrap());
    assert!(simulator(shortcuts).find("Next unread message").is_ok(), "it lists N");

    common::gui::update_and_run(&mut app, Message::SearchChanged("unread".into()), &runtime);
    // The list shows only what matches; "read one" is not found, so the reader lets it go too.
    let count = |app: &App| texts(app).iter().filter(|t| *t == "read one").count();
    assert_eq!(count(&app), 0, "the search shows only what matches: {:?}", texts(&app));
    let main = iced::window::Id::unique();
    let escape = Message::Windows(WindowMessage::Key(main, Key::Named(Named::Escape), Modifiers::empty()));
    common::gui::update_and_run(&mut app, escape, &runtime);
    assert_eq!(app.selected_subject().as_deref(), Some("read one"), "the letter open before the search is back");
    assert_eq!(count(&app), 2, "Escape clears the search: its row in the folder, and the reader: {:?}", texts(&app));
}

#[test]
fn a_chosen_special_folder_keeps_its_role_over_the_next_sync() {
    let (profile, engine, mut app, email) = synced_app(&[("first", "")]);
    common::gui::open_more(&mut app);
    click(&mut app, "Accounts");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    click_and_run(&mut app, "Special folders", &runtime);
    assert!(shows(&app, &format!("Special folders of {email}")), "the accounts screen offers the choice");
    assert!(shows(&app, "Archive") && shows(&app, "Sent"), "a row per role");

    engine.set_special_folder(engine.account_by_address(&email).unwrap(), FolderRole::Sent, "Archive").unwrap();
    let role_of = |engine: &EngineHandle, path: &str| folder(engine, path).and_then(|f| f.role);
    assert_eq!(role_of(&engine, "Archive"), Some(FolderRole::Sent), "at once");
    assert_eq!(role_of(&engine, "Sent"), None, "the old Sent is an ordinary folder now");
    sync(&profile, &email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    assert_eq!(role_of(&engine, "Archive"), Some(FolderRole::Sent), "kept over the server's SPECIAL-USE");
    assert_eq!(role_of(&engine, "Sent"), None);
}
