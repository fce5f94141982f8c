//! The message list's keys as in Thunderbird, over a profile the real IMAP sync filled from the
//! harness's Dovecot: Home and End open the first and the last letter, PgDn and PgUp move by a
//! page of visible rows, Shift with an arrow, a page key, Home or End grows the selection from
//! its anchor (as Shift+click does) and leaves the reader alone; off the mail screen the keys do
//! nothing; F1's list names them; with the search box focused PgUp, PgDn and Shift+arrows do
//! nothing either (the box keeps Home, End and the letters itself), and a search that drops a
//! multi-selection leaves the keyboard in the box. Keys are given to the window as iced delivers
//! them when no widget used them; the window's question "which field has the keyboard?" is
//! answered by its widgets, kept between updates as iced keeps them.

mod common;
mod support;

use common::Profile;
use common::gui::{click, open_more, shows};
use iced::keyboard::{Key, Modifiers, key::Named};
use pochta::ui::app::{App, Message, WindowMessage};
use support::mailstack;

/// Letters in the Inbox: more than the rows the list reads around those in view.
const LETTERS: usize = 80;

/// A fresh user with [`LETTERS`] letters, "row 00" the newest (the list's top) to "row 79".
fn synced_window() -> (Profile, App) {
    let stack = mailstack();
    let user = stack.fresh_user();
    for row in 0..LETTERS {
        // Newest first: row 0 has the latest date.
        let (day, hour) = (28 - row / 24, 23 - row % 24);
        let raw = format!(
            "From: a@example.test\r\nTo: {}\r\nSubject: row {row:02}\r\nDate: {day} Nov 2026 {hour:02}:00:00 +0000\r\n\r\nbody\r\n",
            user.email
        );
        stack.deliver(&user, raw.as_bytes());
    }
    let (profile, _engine, app) = common::gui::synced_window(stack, &user);
    (profile, app)
}

/// A key pressed in the main window (what iced delivers when no widget used it).
fn press(app: &mut App, key: Named, modifiers: Modifiers) {
    send(app, Message::Windows(WindowMessage::Key(iced::window::Id::unique(), Key::Named(key), modifiers)));
}

/// Gives `message` to `update` and runs what it starts, the window's widgets answering.
fn send(app: &mut App, message: Message) {
    thread_local! {
        static WINDOW: std::cell::RefCell<Widgets> = std::cell::RefCell::new(Widgets::new());
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Runtime::new().unwrap();
    }
    WINDOW.with_borrow_mut(|widgets| RUNTIME.with(|runtime| widgets.run(app, message, runtime)));
}

/// The row number of the letter open in the reader, after checking that the list selects it.
fn open_row(app: &App) -> usize {
    let subject = app.selected_subject().expect("a letter is selected");
    assert_eq!(app.reader().current_id(), app.selected_message(), "the reader shows the letter selected");
    subject.strip_prefix("row ").and_then(|n| n.parse().ok()).expect("a row's subject")
}

#[test]
fn home_end_and_the_page_keys_open_the_letter_they_walk_to() {
    let (_profile, mut app) = synced_window();
    assert_eq!(app.list_rows().first().map(|r| r.subject.as_str()), Some("row 00"), "newest first");
    press(&mut app, Named::End, Modifiers::empty());
    assert_eq!(open_row(&app), LETTERS - 1, "End: the last letter");
    assert!(
        app.list_rows().iter().all(|r| r.subject != "row 00"),
        "only the rows at the end were read (the list scrolled there): {} rows",
        app.list_rows().len()
    );
    press(&mut app, Named::Home, Modifiers::empty());
    assert_eq!(open_row(&app), 0, "Home: the first letter");

    press(&mut app, Named::PageDown, Modifiers::empty());
    let page = open_row(&app);
    assert!(page > 1 && page < LETTERS - 1, "PgDn moves by a page of rows, not one: row {page}");
    press(&mut app, Named::PageDown, Modifiers::empty());
    assert_eq!(open_row(&app), (2 * page).min(LETTERS - 1), "and again");
    press(&mut app, Named::PageUp, Modifiers::empty());
    assert_eq!(open_row(&app), (2 * page).min(LETTERS - 1) - page, "PgUp back by the same page");
    press(&mut app, Named::PageUp, Modifiers::empty());
    press(&mut app, Named::PageUp, Modifiers::empty());
    assert_eq!(open_row(&app), 0, "PgUp stops at the top");

    press(&mut app, Named::ArrowDown, Modifiers::empty());
    assert_eq!(open_row(&app), 1, "an arrow still moves one row");
    assert_eq!(app.selection().len(), 1);
}

#[test]
fn shift_with_the_walking_keys_grows_the_selection_from_its_anchor() {
    let (_profile, mut app) = synced_window();
    click(&mut app, "row 02");
    let open = app.selected_message();
    press(&mut app, Named::ArrowDown, Modifiers::SHIFT);
    press(&mut app, Named::ArrowDown, Modifiers::SHIFT);
    assert_eq!(app.selection().len(), 3, "Shift+Down twice: rows 2 to 4");
    assert_eq!(app.selected_message(), open, "the reader keeps the letter clicked");
    assert_eq!(app.reader().current_id(), open);
    press(&mut app, Named::ArrowUp, Modifiers::SHIFT);
    press(&mut app, Named::ArrowUp, Modifiers::SHIFT);
    press(&mut app, Named::ArrowUp, Modifiers::SHIFT);
    assert_eq!(app.selection().len(), 2, "back over the anchor: rows 1 and 2");
    press(&mut app, Named::Home, Modifiers::SHIFT);
    assert_eq!(app.selection().len(), 3, "Shift+Home: rows 0 to 2");
    press(&mut app, Named::End, Modifiers::SHIFT);
    assert_eq!(app.selection().len(), LETTERS - 2, "Shift+End: row 2 to the last");
    press(&mut app, Named::PageUp, Modifiers::SHIFT);
    let after_page = app.selection().len();
    assert!(after_page > 1 && after_page < LETTERS - 2, "Shift+PgUp gives back a page: {after_page}");

    // Without Shift the walk selects one letter again, and opens it.
    press(&mut app, Named::Home, Modifiers::empty());
    assert_eq!(app.selection().len(), 1);
    assert_eq!(open_row(&app), 0);
}

#[test]
fn off_the_mail_screen_the_walking_keys_do_nothing_and_f1_names_them() {
    let (_profile, mut app) = synced_window();
    click(&mut app, "row 03");
    open_more(&mut app);
    click(&mut app, "Settings");
    assert!(shows(&app, "Save"), "the Settings screen is open");
    for key in [Named::Home, Named::End, Named::PageDown, Named::PageUp] {
        press(&mut app, key, Modifiers::empty());
        press(&mut app, key, Modifiers::SHIFT);
    }
    press(&mut app, Named::ArrowDown, Modifiers::SHIFT);
    assert_eq!(app.selected_subject().as_deref(), Some("row 03"), "the hidden list did not move");
    assert_eq!(app.selection().len(), 1, "nor did its selection grow");

    click(&mut app, "Cancel");
    press(&mut app, Named::F1, Modifiers::empty());
    let window = app.shortcuts_window().expect("F1 opens the shortcuts window");
    let mut list = iced_test::simulator(app.view_window(window));
    for line in [
        "PgDn / PgUp",
        "A page down or up",
        "Home / End",
        "First or last message",
        "Shift+↓ / Shift+↑",
        "Add the next or previous message to the selection (Shift works with PgDn, PgUp, Home and End too)",
    ] {
        assert!(list.find(line).is_ok(), "F1's list has \"{line}\"");
    }
}

/// The main window's widgets, kept between updates as iced keeps them (a focused field stays
/// focused), so the window's questions to its widgets get real answers.
struct Widgets(common::gui::KeptWindow);

impl Widgets {
    fn new() -> Self {
        Widgets(common::gui::KeptWindow::new())
    }

    /// Gives `message` to `update` and runs what it starts, answering the widget operations
    /// (focus, "is it focused?") on the window as it stands.
    fn run(&mut self, app: &mut App, message: Message, runtime: &tokio::runtime::Runtime) {
        let task = app.update(message);
        self.run_task(app, task, runtime);
    }

    fn run_task(&mut self, app: &mut App, task: iced::Task<Message>, runtime: &tokio::runtime::Runtime) {
        common::gui::run_task_with(app, task, runtime, |app, operation| self.0.operate(app, operation));
    }

    /// Whether the search box has the keyboard in the window as it stands now.
    fn search_focused(&mut self, app: &App) -> bool {
        use iced_test::core::widget::operation::{focusable, map};
        use std::sync::{Arc, atomic::AtomicBool, atomic::Ordering};
        let answer = Arc::new(AtomicBool::new(false));
        let said = answer.clone();
        let question = map(focusable::is_focused(pochta::ui::app::search_id()), move |focused| {
            said.store(focused, Ordering::SeqCst)
        });
        self.0.operate(app, Box::new(question));
        answer.load(Ordering::SeqCst)
    }
}

#[test]
fn with_the_search_box_focused_the_page_keys_and_shift_arrows_do_nothing() {
    let (_profile, mut app) = synced_window();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut widgets = Widgets::new();
    let key = |key: Named, modifiers: Modifiers| {
        Message::Windows(WindowMessage::Key(iced::window::Id::unique(), Key::Named(key), modifiers))
    };
    click(&mut app, "row 02");
    // Ctrl+K puts the keyboard in the search box.
    let ctrl_k =
        Message::Windows(WindowMessage::Key(iced::window::Id::unique(), Key::Character("k".into()), Modifiers::CTRL));
    widgets.run(&mut app, ctrl_k, &runtime);
    for (named, modifiers) in [
        (Named::PageDown, Modifiers::empty()),
        (Named::PageUp, Modifiers::empty()),
        (Named::PageDown, Modifiers::SHIFT),
        (Named::ArrowDown, Modifiers::SHIFT),
        (Named::ArrowUp, Modifiers::SHIFT),
    ] {
        widgets.run(&mut app, key(named, modifiers), &runtime);
        assert_eq!(app.selected_subject().as_deref(), Some("row 02"), "{named:?} left the list alone");
        assert_eq!(app.selection().len(), 1, "{named:?} with {modifiers:?} grew no selection");
    }

    // The box lets go of the keyboard (as a click elsewhere does): the keys walk again.
    let elsewhere = iced::widget::operation::focus(iced::widget::Id::new("elsewhere"));
    widgets.run_task(&mut app, elsewhere, &runtime);
    widgets.run(&mut app, key(Named::ArrowDown, Modifiers::SHIFT), &runtime);
    assert_eq!(app.selection().len(), 2, "Shift+Down grows the selection once the box lets go");
}

#[test]
fn a_search_that_drops_a_multi_selection_keeps_the_keyboard_in_the_search_box() {
    let (_profile, mut app) = synced_window();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut widgets = Widgets::new();
    let main = iced::window::Id::unique();
    click(&mut app, "row 02");
    widgets.run(
        &mut app,
        Message::Windows(WindowMessage::Key(main, Key::Named(Named::ArrowDown), Modifiers::SHIFT)),
        &runtime,
    );
    assert_eq!(app.selection().len(), 2, "two letters selected: the header bar says so");
    widgets.run(
        &mut app,
        Message::Windows(WindowMessage::Key(main, Key::Character("k".into()), Modifiers::CTRL)),
        &runtime,
    );
    assert!(widgets.search_focused(&app), "Ctrl+K: the search box has the keyboard");
    // The first letter typed: the finds replace the selection, and "2 selected" goes.
    widgets.run(&mut app, Message::SearchChanged("row".into()), &runtime);
    assert!(app.selection().len() <= 1);
    assert!(widgets.search_focused(&app), "the box keeps the keyboard for the next letter");
}
