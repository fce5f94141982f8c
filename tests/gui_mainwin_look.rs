//! The main window as a person sees it, driven in iced_test's simulator over a profile the real
//! IMAP sync filled from the harness's Dovecot: unread rows in bold, a sort change while scrolled
//! that scrolls back to rows that are drawn, the context menus of a message and of a folder doing
//! what their entries say, and a header bar that stays one row at 640 px.

mod common;
mod support;

use common::Profile;
use common::gui::{click, clicked, run_task, send, shows};
use common::imap::{add_imap_account, sync};
use iced::{Event, Rectangle, Size, mouse};
use iced_test::runtime::Action;
use iced_test::simulator::Simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Flags, FolderRole};
use pochta::ui::app::{App, Message};
use pochta::ui::icons::{self, Icon};
use support::{TestUser, mailstack};

/// `count` letters "letter 00".."letter NN", one a day (the last the newest), synced.
fn synced_window(count: usize) -> (TestUser, Profile, EngineHandle, App) {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    for i in 0..count {
        let raw = format!(
            "From: Sender {i:02} <s{i}@example.test>\r\nTo: {}\r\nSubject: letter {i:02}\r\nDate: {}\r\n\r\nhi\r\n",
            user.email,
            chrono::DateTime::from_timestamp(1_780_000_000 + i as i64 * 86_400, 0).unwrap().to_rfc2822()
        );
        stack.deliver(&user, raw.as_bytes());
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (user, profile, engine, app)
}

/// A simulator of the window at `size`, with the icon font loaded (so icons measure as drawn).
fn window(app: &App, size: Size) -> Simulator<'_, Message> {
    let settings = iced::Settings { fonts: vec![icons::FONT_BYTES.into()], ..iced::Settings::default() };
    Simulator::with_size(settings, size, app.view())
}

/// Where `label` is drawn.
fn bounds_of(app: &App, label: &str) -> Rectangle {
    let mut ui = window(app, Size::new(1024.0, 768.0));
    ui.find(label).unwrap_or_else(|err| panic!("no \"{label}\" on screen: {err:?}")).bounds()
}

/// Right-clicks the text `label`; gives the messages to `update` and runs what they start (the
/// message opened by it is marked read).
fn right_click(app: &mut App, label: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let at = bounds_of(app, label).center();
    let messages: Vec<Message> = {
        let mut ui = window(app, Size::new(1024.0, 768.0));
        ui.point_at(at);
        ui.simulate([
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Right)),
        ]);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        run_task(app, task, &runtime);
    }
}

/// Clicks the last `label` on screen: a menu's entry, drawn over the same words in the window.
fn click_topmost(app: &mut App, label: &str) {
    let messages: Vec<Message> = {
        let mut ui = window(app, Size::new(1024.0, 768.0));
        let mut found = Vec::new();
        let _ = ui.find(|candidate: iced_test::selector::Candidate<'_>| {
            if let iced_test::selector::Candidate::Text { content, bounds, .. } = candidate
                && content == label
            {
                found.push(bounds);
            }
            None::<()>
        });
        let last = found.last().unwrap_or_else(|| panic!("no \"{label}\" on screen"));
        ui.point_at(last.center());
        ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

#[test]
fn unread_rows_are_drawn_in_bold() {
    let (_user, _profile, engine, mut app) = synced_window(2);
    let regular = bounds_of(&app, "letter 01").width;
    let inbox = engine.folders(None).unwrap().into_iter().find(|f| f.role == Some(FolderRole::Inbox)).unwrap();
    assert!(engine.messages(inbox.id, 0, 10).unwrap().iter().all(|m| !m.flags.has(Flags::SEEN)));
    // Opening "letter 00" marks it read: the same words are now drawn in the regular weight.
    let unread_width = bounds_of(&app, "letter 00").width;
    click(&mut app, "letter 00");
    let read_width = bounds_of(&app, "letter 00").width;
    assert!(
        unread_width > read_width + 1.0,
        "an unread subject is bold (wider): unread {unread_width}, read {read_width}"
    );
    assert!((regular - unread_width).abs() < 1.0, "both unread rows have the same weight");
}

#[test]
fn a_sort_change_while_scrolled_brings_the_list_back_to_rows_that_are_drawn() {
    let (_user, _profile, _engine, mut app) = synced_window(70);
    let newest = app.list_rows()[0].subject.clone();
    assert_eq!(newest, "letter 69");
    // Scroll the list far down with the wheel, as a person does.
    let list_point = bounds_of(&app, "letter 69").center();
    let scrolled: Vec<Message> = {
        let mut ui = window(&app, Size::new(1024.0, 768.0));
        ui.point_at(list_point);
        ui.simulate([Event::Mouse(mouse::Event::WheelScrolled {
            delta: mouse::ScrollDelta::Pixels { x: 0.0, y: -2400.0 },
        })]);
        ui.into_messages().collect()
    };
    assert!(!scrolled.is_empty(), "the wheel scrolled the list");
    for message in scrolled {
        send(&mut app, message);
    }
    assert_ne!(app.list_rows()[0].subject, newest, "rows far down were loaded");

    // Sort by subject: the rows start at the top again, and the scrollable is sent there too.
    let mut asks_for_scroll = false;
    for message in clicked(&app, "Subject") {
        let task = app.update(message);
        if let Some(mut stream) = iced_test::runtime::task::into_stream(task) {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            while let Some(action) = runtime.block_on(futures::StreamExt::next(&mut stream)) {
                asks_for_scroll |= matches!(action, Action::Widget(_));
                // The rows from the top, read off the window's thread.
                if let Action::Output(message) = action {
                    let task = app.update(message);
                    run_task(&mut app, task, &runtime);
                }
            }
        }
    }
    assert!(asks_for_scroll, "the scrollable is moved to where the rows are");
    assert_eq!(app.list_rows()[0].subject, "letter 00", "A to Z, from the top");
    let mut ui = window(&app, Size::new(1024.0, 768.0));
    let first = ui.find("letter 00").expect("the first row is built");
    assert!(first.visible_bounds().is_some(), "the first row is drawn in view");
}

#[test]
fn the_context_menus_of_a_message_and_a_folder_do_what_they_say() {
    let (_user, _profile, engine, mut app) = synced_window(3);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let summary = |app: &App, subject: &str| {
        let id = app.list_rows().iter().find(|r| r.subject == subject).unwrap().id;
        engine.message(id).unwrap().summary
    };

    right_click(&mut app, "letter 01");
    assert_eq!(app.selection().len(), 1, "the row under the pointer is selected");
    assert!(shows(&app, "Reply all") && shows(&app, "Move to…") && shows(&app, "Copy to…"), "the menu is open");
    for message in clicked(&app, "Flag") {
        let task = app.update(message);
        run_task(&mut app, task, &runtime);
    }
    assert!(summary(&app, "letter 01").flags.has(Flags::FLAGGED), "Flag flagged it");
    assert!(!shows(&app, "Reply all"), "an entry closes the menu");

    right_click(&mut app, "letter 01");
    assert!(shows(&app, "Remove flag"), "the menu names the opposite of what the message has");
    for message in clicked(&app, "Mark as unread") {
        let task = app.update(message);
        run_task(&mut app, task, &runtime);
    }
    assert!(!summary(&app, "letter 01").flags.has(Flags::SEEN), "Mark as unread did");

    right_click(&mut app, "letter 02");
    click(&mut app, "Move to…");
    assert!(shows(&app, "Trash") && !shows(&app, "Reply all"), "the folders to move to replace the menu");
    let _ = app.update(Message::Menu(pochta::ui::app::MenuMessage::Close));

    right_click(&mut app, "letter 02");
    for message in clicked(&app, "Delete") {
        let task = app.update(message);
        run_task(&mut app, task, &runtime);
    }
    let trash = engine.folders(None).unwrap().into_iter().find(|f| f.role == Some(FolderRole::Trash)).unwrap();
    assert_eq!(engine.messages(trash.id, 0, 10).unwrap().len(), 1, "Delete moved it to Trash");

    // A folder's menu: its actions (here a new folder asks for a name under the tree).
    right_click(&mut app, "Inbox");
    assert!(shows(&app, "Mark all read"), "the folder's menu is open");
    assert!(!shows(&app, "Delete folder"), "Inbox cannot be deleted");
    click_topmost(&mut app, "New folder");
    assert!(shows(&app, "Create") && !shows(&app, "Mark all read"), "New folder asks for a name");
}

#[test]
fn the_header_bar_stays_one_row_at_640_pixels_in_english_and_russian() {
    let (_user, _profile, _engine, mut app) = synced_window(1);
    click(&mut app, "letter 00");
    for language in ["en", "ru"] {
        pochta::i18n::select_language(Some(language));
        let mut ui = window(&app, Size::new(640.0, 480.0));
        let mut row_of = |icon: Icon| {
            ui.find(icon.label().as_str())
                .unwrap_or_else(|err| panic!("{icon:?} is not in the header: {err:?}"))
                .bounds()
        };
        let first = row_of(Icon::GetMail);
        for icon in
            [Icon::Write, Icon::Reply, Icon::ReplyAll, Icon::Forward, Icon::Delete, Icon::Junk, Icon::Flag, Icon::More]
        {
            let bounds = row_of(icon);
            assert!((bounds.y - first.y).abs() < 1.0, "{language}: {icon:?} is on the first row: {bounds:?}");
            assert!(bounds.x + bounds.width <= 640.0, "{language}: {icon:?} is inside the window: {bounds:?}");
        }
        assert!(row_of(Icon::More).x > first.x, "More is at the end");
    }
    pochta::i18n::select_language(Some("en"));
}
