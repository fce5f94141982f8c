//! The main window's list over a profile the real IMAP sync filled from the harness's Dovecot:
//! sorting by column, conversations, selecting many and acting on them (read, flag, move by menu
//! and by drag, junk), every Inbox together, search on the server. Driven with iced_test's
//! simulator where a click is what the user does, and through `update` where iced would deliver
//! the event (a mouse release, held modifiers); tasks do not run in the simulator.

mod common;
mod support;

use common::gui::{click, click_and_run, send, update_and_run};

use common::Profile;
use common::imap::{add_imap_account, sync};
use iced::keyboard::key::Named;
use iced::keyboard::{Key, Modifiers};
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Flags, FolderId, FolderRole};
use pochta::ui::app::{App, FolderChoice, Message};
use pochta::ui::{message_list, sidebar};
use std::time::{Duration, Instant};
use support::{MailStack, TestUser, mailstack};

fn subjects(app: &App) -> Vec<String> {
    app.list_rows().iter().map(|r| r.subject.clone()).collect()
}

fn letter(from: &str, subject: &str, date: &str, extra: &str) -> Vec<u8> {
    format!("From: {from}\r\nSubject: {subject}\r\nDate: {date}\r\n{extra}\r\nbody of {subject}\r\n").into_bytes()
}

/// A fresh user with three letters (one a reply to another), synced into a new profile.
fn synced_window(stack: &MailStack) -> (TestUser, Profile, EngineHandle, App) {
    let user = stack.fresh_user();
    stack.deliver(
        &user,
        &letter("Boris <b@example.test>", "budget", "Mon, 1 Jun 2026 10:00:00 +0000", "Message-ID: <root@t>\r\n"),
    );
    stack.deliver(&user, &letter("anna <a@example.test>", "agenda", "Tue, 2 Jun 2026 10:00:00 +0000", ""));
    stack.deliver(
        &user,
        &letter(
            "Vera <v@example.test>",
            "Re: budget",
            "Wed, 3 Jun 2026 10:00:00 +0000",
            "Message-ID: <reply@t>\r\nIn-Reply-To: <root@t>\r\nReferences: <root@t>\r\n",
        ),
    );
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (user, profile, engine, app)
}

fn folder(engine: &EngineHandle, email: &str, role: FolderRole) -> FolderId {
    engine
        .folders(Some(engine.account_by_address(email).unwrap()))
        .unwrap()
        .into_iter()
        .find(|f| f.role == Some(role))
        .unwrap()
        .id
}

fn subjects_in(engine: &EngineHandle, folder: FolderId) -> Vec<String> {
    engine.messages(folder, 0, 100).unwrap().into_iter().map(|m| m.subject).collect()
}

#[test]
fn column_headers_sort_the_list_and_threads_collapse_conversations() {
    let (_user, _profile, _engine, mut app) = synced_window(mailstack());
    assert_eq!(subjects(&app), ["Re: budget", "agenda", "budget"], "newest first");
    click(&mut app, "Subject");
    assert_eq!(subjects(&app), ["agenda", "budget", "Re: budget"], "subject A to Z");
    click(&mut app, "Subject ↑");
    assert_eq!(subjects(&app), ["Re: budget", "budget", "agenda"], "a second click turns it around");
    click(&mut app, "Sender");
    assert_eq!(subjects(&app), ["agenda", "budget", "Re: budget"], "anna, Boris, Vera");
    click(&mut app, "Date");

    send(&mut app, Message::List(message_list::Message::ToggleThreads));
    assert_eq!(subjects(&app), ["Re: budget", "agenda"], "the reply stands for its conversation");
    click(&mut app, "+1");
    assert_eq!(subjects(&app), ["Re: budget", "budget", "agenda"], "opened in place");
    click(&mut app, "−");
    assert_eq!(subjects(&app), ["Re: budget", "agenda"], "and closed again");
}

#[test]
fn several_messages_selected_are_marked_flagged_and_moved_by_menu() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    click_and_run(&mut app, "agenda", &runtime);
    let _ = app.update(Message::ModifiersChanged(Modifiers::CTRL));
    click_and_run(&mut app, "budget", &runtime);
    let _ = app.update(Message::ModifiersChanged(Modifiers::empty()));
    let chosen = app.selection();
    assert_eq!(chosen.len(), 2, "Ctrl+click adds to the selection");

    update_and_run(&mut app, Message::ToggleFlag, &runtime);
    for id in &chosen {
        assert!(engine.message(*id).unwrap().summary.flags.has(Flags::FLAGGED), "both flagged");
    }
    update_and_run(&mut app, Message::ToggleRead, &runtime);
    assert!(chosen.iter().all(|id| !engine.message(*id).unwrap().summary.flags.has(Flags::SEEN)), "both unread");

    let archive = folder(&engine, &user.email, FolderRole::Archive);
    update_and_run(&mut app, Message::MoveTo(FolderChoice { id: archive, label: "Archive".into() }), &runtime);
    assert_eq!(subjects(&app), ["Re: budget"], "they leave the list");
    let mut moved = subjects_in(&engine, archive);
    moved.sort();
    assert_eq!(moved, ["agenda", "budget"]);
    assert!(engine.pending_operations().unwrap() > 0, "the moves wait for the server");
    assert!(app.notice().is_none(), "{:?}", app.notice());

    // Shift+click takes a range; Ctrl+A everything.
    send(&mut app, Message::Key(Key::Character("a".into()), Modifiers::CTRL));
    assert_eq!(app.selection().len(), 1);
}

#[test]
fn rows_dragged_onto_a_folder_move_there_and_junk_goes_to_junk() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    click(&mut app, "Re: budget");
    let _ = app.update(Message::ModifiersChanged(Modifiers::SHIFT));
    click(&mut app, "agenda");
    let _ = app.update(Message::ModifiersChanged(Modifiers::empty()));
    assert_eq!(app.selection().len(), 2, "Shift+click selects the range");

    // The press on a selected row starts the drag; the pointer enters a folder; the button goes up.
    click(&mut app, "agenda");
    let archive = folder(&engine, &user.email, FolderRole::Archive);
    let _ = app.update(Message::Sidebar(sidebar::Message::Entered(archive)));
    update_and_run(&mut app, Message::MouseReleased, &runtime);
    assert_eq!(subjects(&app), ["budget"]);
    let mut moved = subjects_in(&engine, archive);
    moved.sort();
    assert_eq!(moved, ["Re: budget", "agenda"], "dropped on Archive");

    // A plain click and release elsewhere moves nothing.
    let _ = app.update(Message::Sidebar(sidebar::Message::Left(archive)));
    click(&mut app, "budget");
    let _ = app.update(Message::MouseReleased);
    assert_eq!(subjects(&app), ["budget"]);

    update_and_run(&mut app, Message::MarkJunk, &runtime);
    let junk = folder(&engine, &user.email, FolderRole::Junk);
    let junked = engine.messages(junk, 0, 10).unwrap();
    assert_eq!(junked.len(), 1, "in Junk at once");
    assert!(junked[0].flags.keywords.iter().any(|k| k == "$Junk"), "with the $Junk keyword");
    assert!(app.notice().is_none(), "{:?}", app.notice());
}

#[test]
fn every_inbox_together_and_a_search_on_the_server() {
    let stack = mailstack();
    let (first, profile, engine, _) = synced_window(stack);
    let second = stack.fresh_user();
    stack.deliver(&second, &letter("Gleb <g@example.test>", "second account", "Thu, 4 Jun 2026 10:00:00 +0000", ""));
    add_imap_account(&profile, stack, &second, stack.imaps_port);
    sync(&profile, &second.email);
    let (mut app, _) = App::new(engine.clone(), false);
    click(&mut app, "All inboxes");
    assert_eq!(subjects(&app), ["second account", "Re: budget", "agenda", "budget"], "both accounts' mail");

    // Mail that arrived after the last sync is found by the server.
    stack.deliver(&first, &letter("Dina <d@example.test>", "late news", "Fri, 5 Jun 2026 10:00:00 +0000", ""));
    let inbox = folder(&engine, &first.email, FolderRole::Inbox);
    send(&mut app, Message::Sidebar(sidebar::Message::Select(inbox)));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    update_and_run(&mut app, Message::SearchChanged("news".into()), &runtime);
    assert!(subjects(&app).is_empty(), "not in the cache");
    click(&mut app, "Search on server");
    let found = futures::executor::block_on(engine.search_on_server(inbox, "news")).unwrap();
    update_and_run(&mut app, Message::FoundOnServer(Ok(found)), &runtime);
    assert_eq!(subjects(&app), ["late news"], "fetched into the cache and listed");
}

#[test]
fn the_status_line_follows_each_account_and_notices_are_dismissed_one_by_one() {
    use pochta::engine::api::{Connectivity, Event};
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let (account, _) = engine.account_ids().unwrap().into_iter().find(|(_, e)| *e == user.email).unwrap();
    let folder = pochta::engine::api::FolderRef { id: None, path: "INBOX".into() };
    let progress = Event::SyncProgress { account, folder, done: 40, total: 100 };
    let _ = app.update(Message::Engine(progress));
    let line = app.account_status(account).unwrap();
    assert!(line.contains("INBOX 40/100"), "progress while syncing: {line}");
    let offline = Event::Connectivity { account, state: Connectivity::Offline { reason: "no route to host".into() } };
    let _ = app.update(Message::Engine(offline));
    assert!(app.account_status(account).unwrap().contains("offline (no route to host)"));

    let _ = app.update(Message::Reader(pochta::ui::reader::Message::Saved(Err("the disk is full".into()))));
    let _ = app.update(Message::Reader(pochta::ui::reader::Message::Saved(Err("the folder is read-only".into()))));
    assert_eq!(app.notice_count(), 2, "each error is its own notice");
    click(&mut app, "Dismiss");
    assert_eq!(app.notice_count(), 1);
    assert_eq!(app.notice(), Some("the folder is read-only"), "the first one went");
}

#[test]
fn the_keyboard_walks_the_list_and_marks_read() {
    let (_user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let key = |app: &mut App, c: &str| {
        update_and_run(app, Message::Key(Key::Character(c.into()), Modifiers::empty()), &runtime);
    };
    key(&mut app, "n");
    let first = app.selected_message().expect("N opens the first message");
    key(&mut app, "n");
    let second = app.selected_message().unwrap();
    assert_ne!(first, second, "N goes on");
    key(&mut app, "p");
    assert_eq!(app.selected_message(), Some(first), "P goes back");
    key(&mut app, "m");
    assert!(!engine.message(first).unwrap().summary.flags.has(Flags::SEEN), "M: unread again");
    key(&mut app, "r");
    assert!(engine.message(first).unwrap().summary.flags.has(Flags::SEEN), "R: read");
}

#[test]
fn a_move_and_a_delete_are_undone_from_the_notice_and_with_ctrl_z() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let inbox = folder(&engine, &user.email, FolderRole::Inbox);
    let archive = folder(&engine, &user.email, FolderRole::Archive);
    click(&mut app, "agenda");
    update_and_run(&mut app, Message::MoveTo(FolderChoice { id: archive, label: "Archive".into() }), &runtime);
    assert_eq!(subjects_in(&engine, archive), ["agenda"]);
    assert!(common::gui::shows(&app, "Moved 1 message"), "the notice says what happened");

    click_and_run(&mut app, "Undo move", &runtime);
    assert!(subjects_in(&engine, archive).is_empty(), "out of Archive again");
    assert_eq!(subjects_in(&engine, inbox).len(), 3, "back in INBOX");
    assert!(subjects(&app).contains(&"agenda".to_string()), "and in the list");
    assert!(!common::gui::shows(&app, "Undo move"), "one undo per action");

    click(&mut app, "budget");
    update_and_run(&mut app, Message::Delete, &runtime);
    assert_eq!(subjects_in(&engine, inbox).len(), 2);
    assert!(common::gui::shows(&app, "Undo delete"), "the button names what it undoes");
    update_and_run(&mut app, Message::Key(Key::Character("z".into()), Modifiers::CTRL), &runtime);
    assert_eq!(subjects_in(&engine, inbox).len(), 3, "Ctrl+Z brings the deleted letter back");
    let trash = folder(&engine, &user.email, FolderRole::Trash);
    assert!(subjects_in(&engine, trash).is_empty(), "and out of Trash");
    assert!(app.notice().is_none(), "{:?}", app.notice());
}

#[test]
fn after_deleting_several_letters_the_one_below_them_is_shown() {
    let (_user, _profile, _engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let order: Vec<String> = app.list_rows().iter().map(|r| r.subject.clone()).collect();
    assert!(order.len() >= 3, "{order:?}");
    click(&mut app, &order[0]);
    let _ = app.update(Message::ModifiersChanged(Modifiers::SHIFT));
    click(&mut app, &order[1]);
    let _ = app.update(Message::ModifiersChanged(Modifiers::empty()));
    assert_eq!(app.selection().len(), 2, "two letters selected");
    update_and_run(&mut app, Message::Delete, &runtime);
    assert_eq!(
        app.selected_subject().as_deref(),
        Some(order[2].as_str()),
        "the next letter is open, as in Thunderbird"
    );
}

#[test]
fn the_two_line_list_shows_each_letters_first_words() {
    let (_user, _profile, _engine, mut app) = synced_window(mailstack());
    // Two lines per letter is the default: the subject, then the letter's first words after it
    // (in the subject's rich text, which the simulator cannot read back: the row's words are
    // asked of the window).
    let preview = |app: &App, subject: &str| {
        let row = app.list_rows().iter().find(|r| r.subject == subject).expect("the row").id;
        app.list_preview(row).map(str::to_string)
    };
    assert_eq!(preview(&app, "agenda").as_deref(), Some("body of agenda"), "two lines: the first words");
    assert_eq!(preview(&app, "Re: budget").as_deref(), Some("body of Re: budget"));
    send(&mut app, Message::List(message_list::Message::ToggleDensity));
    assert_eq!(preview(&app, "agenda"), None, "one line per letter: no preview");
}

/// A tick of the window's clock `after` from now (iced's time subscription sends these).
fn tick(app: &mut App, after: Duration) {
    send(app, Message::StatusTick(Instant::now() + after));
}

/// Longer than the few seconds the last thing done stays in the status line.
const LATER: Duration = Duration::from_secs(10);

#[test]
fn what_was_done_leaves_the_status_line_after_a_few_seconds_and_its_undo_with_it() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let archive = folder(&engine, &user.email, FolderRole::Archive);
    click(&mut app, "agenda");
    update_and_run(&mut app, Message::MoveTo(FolderChoice { id: archive, label: "Archive".into() }), &runtime);
    assert!(common::gui::shows(&app, "Moved 1 message"));
    assert!(common::gui::shows(&app, "Undo move"));
    tick(&mut app, Duration::ZERO);
    assert!(common::gui::shows(&app, "Undo move"), "a second later it is still there");
    // The next letter opened after the move does not take the move's Undo away.
    click(&mut app, "budget");
    assert!(common::gui::shows(&app, "Undo move"), "opening a letter leaves the move's Undo its seconds");

    tick(&mut app, LATER);
    assert!(!common::gui::shows(&app, "Moved 1 message"), "the words go");
    assert!(!common::gui::shows(&app, "Undo move"), "and the button with them");

    // Undone, too, goes.
    update_and_run(&mut app, Message::Delete, &runtime);
    update_and_run(&mut app, Message::Key(Key::Character("z".into()), Modifiers::CTRL), &runtime);
    assert!(common::gui::shows(&app, "Undone"));
    assert!(!common::gui::shows(&app, "Undo delete"), "nothing left to undo: no button");
    tick(&mut app, LATER);
    assert!(!common::gui::shows(&app, "Undone"));
}

#[test]
fn a_search_count_goes_with_time_and_escape_leaves_no_lone_undo() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let archive = folder(&engine, &user.email, FolderRole::Archive);
    click(&mut app, "agenda");
    update_and_run(&mut app, Message::MoveTo(FolderChoice { id: archive, label: "Archive".into() }), &runtime);
    assert!(common::gui::shows(&app, "Undo move"));

    update_and_run(&mut app, Message::SearchChanged("budget".into()), &runtime);
    assert!(common::gui::shows(&app, "2 messages found"));
    assert!(!common::gui::shows(&app, "Undo move"), "the Undo is not beside words about something else");
    tick(&mut app, LATER);
    assert!(!common::gui::shows(&app, "2 messages found"), "the count goes after a few seconds");

    update_and_run(&mut app, Message::SearchChanged("budget".into()), &runtime);
    update_and_run(&mut app, Message::Key(Key::Named(Named::Escape), Modifiers::empty()), &runtime);
    assert!(!common::gui::shows(&app, "2 messages found"), "Escape clears the search and its count");
    assert!(!common::gui::shows(&app, "Undo move"), "and leaves no Undo alone in the line");
}

#[test]
fn another_letter_or_folder_clears_what_was_said_about_the_last_but_not_an_error() {
    let (user, _profile, engine, mut app) = synced_window(mailstack());
    let inbox = folder(&engine, &user.email, FolderRole::Inbox);
    let archive = folder(&engine, &user.email, FolderRole::Archive);
    click(&mut app, "agenda");
    send(&mut app, Message::Saved(Ok("/tmp/agenda.eml".into())));
    assert!(common::gui::shows(&app, "Saved /tmp/agenda.eml"));
    click(&mut app, "budget");
    assert!(!common::gui::shows(&app, "Saved /tmp/agenda.eml"), "another letter: the words about the last go");

    send(&mut app, Message::Saved(Ok("/tmp/budget.eml".into())));
    send(&mut app, Message::Sidebar(sidebar::Message::Select(archive)));
    assert!(!common::gui::shows(&app, "Saved /tmp/budget.eml"), "another folder: they go too");
    send(&mut app, Message::Sidebar(sidebar::Message::Select(inbox)));

    // An error stays until the user dismisses it, whatever the clock or the letter.
    send(&mut app, Message::Saved(Err("The disk is full.".into())));
    tick(&mut app, LATER);
    click(&mut app, "agenda");
    assert_eq!(app.notice(), Some("The disk is full."), "errors do not expire");
    assert!(common::gui::shows(&app, "The disk is full."));
}
