//! The main window, driven headless with iced_test's simulator over a profile that the real
//! IMAP sync filled from the harness's Dovecot: open a folder, read a message (it becomes read),
//! search, flag and delete with the keyboard. Tasks do not run in the simulator: the messages a
//! click produces are fed back to `update` by hand.

mod common;
mod support;

use common::gui::{click, click_and_run, shows, update_and_run};

use common::Profile;
use common::imap::{add_imap_account, sync};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::Flags;
use pochta::ui::app::{App, Message};
use support::mailstack;

/// Clicks `label` in the (only) composer window and runs the messages it produced.
fn click_in_composer(app: &mut App, label: &str) {
    let window = app.composer_windows()[0];
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window));
        ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" in the composer: {err:?}"));
        ui.into_messages().collect()
    };
    // One step: the letter reaches the outbox; the sending that starts then is dropped.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for message in messages {
        common::gui::update_one_step(app, message, &runtime);
    }
}

fn composer_shows(app: &App, needle: &str) -> bool {
    app.composer_windows().iter().any(|window| simulator(app.view_window(*window)).find(needle).is_ok())
}

#[test]
fn read_search_flag_and_delete_in_the_main_window() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, b"From: Old Friend <old@example.test>\r\nSubject: the older one\r\n\r\nolder text\r\n");
    stack.deliver(
        &user,
        "From: =?utf-8?b?0JDQvdC90LA=?= <anna@example.test>\r\nSubject: =?utf-8?b?0J/Qu9Cw0L0g0L3QsCDQvdC10LTQtdC70Y4=?=\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nВстречаемся в среду, kumquat.\r\n"
            .as_bytes(),
    );
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);

    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // The Inbox opens by itself, newest first, both unread.
    assert!(shows(&app, "Анна") && shows(&app, "Old Friend"), "the Inbox lists its messages");

    // Opening reads, lays out and marks read through tasks: run what the click starts.
    click_and_run(&mut app, "План на неделю", &runtime);
    let body = app.reader().body().expect("the reader laid the letter out");
    assert_eq!(body.plain_text, "Встречаемся в среду, kumquat.", "the reader shows the text");
    let id = app.selected_message().expect("a message is selected");
    assert!(engine.message(id).unwrap().summary.flags.has(Flags::SEEN), "opening marks it read");

    update_and_run(&mut app, Message::Key(Key::Character("s".into()), Modifiers::empty()), &runtime);
    assert!(engine.message(id).unwrap().summary.flags.has(Flags::FLAGGED), "S flags it");

    update_and_run(&mut app, Message::SearchChanged("kumquat".into()), &runtime);
    assert!(shows(&app, "План на неделю") && !shows(&app, "the older one"), "search narrows the list");
    update_and_run(&mut app, Message::SearchChanged(String::new()), &runtime);
    assert!(shows(&app, "the older one"), "clearing the search shows the folder again");

    click(&mut app, "План на неделю");
    update_and_run(&mut app, Message::Key(Key::Named(Named::Delete), Modifiers::empty()), &runtime);
    assert!(!shows(&app, "План на неделю"), "deleted from the list");
    assert!(engine.pending_operations().unwrap() > 0, "the changes wait for the server in the queue");
    assert!(app.notice().is_none(), "no error: {:?}", app.notice());
}

#[test]
fn a_reply_written_in_the_window_reaches_the_outbox_at_once() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(
        &user,
        b"From: Boris <boris@example.test>\r\nTo: someone@example.test\r\nMessage-ID: <q1@example.test>\r\n\
          Subject: lunch?\r\n\r\nShall we have lunch on Friday?\r\n",
    );
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    click(&mut app, "lunch?");
    click_and_run(&mut app, &pochta::ui::icons::Icon::Reply.label(), &runtime);
    assert!(composer_shows(&app, "Re: lunch?"), "the composer window has the reply's subject");
    click_in_composer(&mut app, "Send");
    let outbox = engine.outbox().unwrap();
    assert_eq!(outbox.len(), 1, "the reply waits in the outbox the moment Send is pressed");
    assert_eq!(outbox[0].subject, "Re: lunch?");
    assert_eq!(outbox[0].recipients, ["boris@example.test"]);
}

#[test]
fn a_mailto_link_opens_the_composer_filled_in() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    let link = "mailto:boris@example.test?subject=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82&cc=anna@example.test";
    let _ = app.compose_mailto(pochta::platform::mailto::parse(link).unwrap());
    assert!(composer_shows(&app, "Привет"), "the subject from the link");
    assert!(composer_shows(&app, "boris@example.test") && composer_shows(&app, "anna@example.test"), "the recipients");
    click_in_composer(&mut app, "Send");
    assert_eq!(engine.outbox().unwrap()[0].subject, "Привет");
}
