//! Search in the main window, driven headless with iced_test's simulator over mail synced from
//! the harness's Dovecot: the box takes the query language (word forms, fields, filters), the
//! status line counts what was found, found subjects are drawn with their matched words marked,
//! clearing the box shows the folder again, a search saved under the folder tree runs again when
//! picked, and a rebuild of the index shows its progress. The reader follows the list through a
//! search: a letter found again stays open, one not found leaves an empty reader and the letter
//! actions inert; back in the folder (Escape) the letter open is kept, or the one open before the
//! search comes back. "Search on server" is offered only for a folder on a server (not for the
//! demo's mail, kept only here).

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, count_texts, shows, update_and_run};
use iced::keyboard::{Key, Modifiers, key::Named};
use pochta::config::Paths;
use pochta::engine::api::{EngineHandle, highlight_ranges};
use pochta::ui::app::{App, Message, WindowMessage};
use pochta::ui::icons::Icon;
use support::mailstack;

fn letter(from: &str, subject: &str, date: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nSubject: {subject}\r\nDate: {date}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn subjects(app: &App) -> Vec<String> {
    app.list_rows().iter().map(|row| row.subject.clone()).collect()
}

#[test]
fn the_search_box_takes_word_forms_and_operators_and_counts_what_it_found() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(
        &user,
        &letter("Анна <anna@example.ru>", "Квартальные отчёты", "Tue, 10 Nov 2026 10:00:00 +0300", "Цифры внутри."),
    );
    stack.deliver(
        &user,
        &letter(
            "Пётр <petr@example.ru>",
            "Отчёт о поездке",
            "Wed, 11 Nov 2026 10:00:00 +0300",
            "Мы получили много писем.",
        ),
    );
    stack.deliver(
        &user,
        &letter("John <john@example.com>", "One report", "Thu, 12 Nov 2026 10:00:00 +0000", "Quarterly numbers."),
    );
    let (profile, _engine, mut app) = common::gui::synced_window(stack, &user);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    assert_eq!(subjects(&app).len(), 3, "the Inbox");

    update_and_run(&mut app, Message::SearchChanged("отчеты".into()), &runtime);
    assert_eq!(subjects(&app), ["Отчёт о поездке", "Квартальные отчёты"], "word forms and ё, newest first");
    assert!(shows(&app, "Search on server"), "an IMAP folder can be searched on its server too");
    assert!(shows(&app, "2 messages found"), "the count in the status line");
    // Results come from every folder: each row names its folder (besides the tree's own entry).
    assert_eq!(count_texts(&app, "Inbox"), 3, "the folder tree and the two rows name the Inbox");
    // What the list marks in each subject: the words the search found, in whatever form.
    let subject = "Квартальные отчёты";
    let marked: Vec<&str> = highlight_ranges(subject, "отчеты").into_iter().map(|r| &subject[r]).collect();
    assert_eq!(marked, ["отчёты"]);

    update_and_run(&mut app, Message::SearchChanged("от:анна отчет".into()), &runtime);
    assert_eq!(subjects(&app), ["Квартальные отчёты"]);
    assert!(shows(&app, "1 message found"));
    update_and_run(&mut app, Message::SearchChanged("письмо".into()), &runtime);
    assert_eq!(subjects(&app), ["Отчёт о поездке"]);
    update_and_run(&mut app, Message::SearchChanged("reports is:unread".into()), &runtime);
    assert_eq!(subjects(&app), ["One report"]);
    update_and_run(&mut app, Message::SearchChanged("from:".into()), &runtime);
    assert_eq!(subjects(&app).len(), 3, "an operator without a value yet is no query: the folder");

    // Saved as a search under the folder tree, kept in the profile, and run again when picked.
    update_and_run(&mut app, Message::SearchChanged("отчёты от:анна".into()), &runtime);
    update_and_run(&mut app, Message::SaveSearch, &runtime);
    let settings = std::fs::read_to_string(profile.path().join("config/settings.toml")).unwrap();
    assert!(settings.contains("отчёты от:анна"), "{settings}");
    assert!(shows(&app, "Saved searches"));

    update_and_run(&mut app, Message::SearchChanged(String::new()), &runtime);
    assert_eq!(subjects(&app).len(), 3, "clearing the search shows the folder again");
    click_and_run(&mut app, "отчёты от:анна", &runtime);
    assert_eq!(subjects(&app), ["Квартальные отчёты"], "the saved search, picked in the folder tree");
    assert!(app.notice().is_none(), "no error: {:?}", app.notice());

    // A rebuild of the index (a new format on the first start) shows its progress.
    let _ = app.update(Message::SearchIndexProgress(Some((250, 1000))));
    let line = "Rebuilding the search index: 25% (search answers meanwhile)";
    assert!(shows(&app, line), "progress while it runs");
    let _ = app.update(Message::SearchIndexProgress(None));
    assert!(!shows(&app, line), "gone when it is done");
}

#[test]
fn the_reader_shows_only_the_letter_the_list_selects_through_a_search() {
    let stack = mailstack();
    let user = stack.fresh_user();
    for (subject, date) in [("Квартальные отчёты", "Tue, 10 Nov 2026"), ("Отчёт о поездке", "Wed, 11 Nov 2026")]
    {
        stack.deliver(&user, &letter("Анна <anna@example.ru>", subject, &format!("{date} 10:00:00 +0300"), "Цифры."));
    }
    let (_profile, _engine, mut app) = common::gui::synced_window(stack, &user);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let delete_offered = |app: &App| !common::gui::clicked(app, &Icon::Delete.label()).is_empty();

    click_and_run(&mut app, "Квартальные отчёты", &runtime);
    let open = app.selected_message();
    assert!(open.is_some() && app.reader().current_id() == open, "the letter clicked is open");
    update_and_run(&mut app, Message::SearchChanged("отчеты".into()), &runtime);
    assert_eq!(subjects(&app).len(), 2);
    assert_eq!(app.selected_message(), open, "found again: it stays selected");
    assert_eq!(app.reader().current_id(), open, "and open");

    update_and_run(&mut app, Message::SearchChanged("зоопарк".into()), &runtime);
    assert!(shows(&app, "0 messages found"));
    assert_eq!(app.selected_message(), None, "nothing found: nothing selected");
    assert_eq!(app.reader().current_id(), None, "and the reader is empty, not the letter before");
    assert!(!delete_offered(&app), "Delete has nothing to act on");

    update_and_run(&mut app, Message::SearchChanged("поездке".into()), &runtime);
    // (A found subject is drawn in pieces around its marked words: pressed as a click does.)
    let found = app.list_rows()[0].id;
    update_and_run(&mut app, Message::List(pochta::ui::message_list::Message::Pressed(found)), &runtime);
    assert!(app.reader().current_id().is_some() && delete_offered(&app), "a found letter open, Delete offered");
    let escape =
        Message::Windows(WindowMessage::Key(iced::window::Id::unique(), Key::Named(Named::Escape), Modifiers::empty()));
    update_and_run(&mut app, escape.clone(), &runtime);
    assert_eq!(subjects(&app).len(), 2, "Escape: the folder again");
    assert_eq!(app.reader().current_id(), app.selected_message(), "the reader shows what the list selects");
    assert_eq!(app.selected_message(), Some(found), "the letter found and open stays open in its folder");
    assert!(delete_offered(&app), "and the actions agree");

    // A search that did not find the letter open before it: leaving it opens that letter again.
    click_and_run(&mut app, "Квартальные отчёты", &runtime);
    update_and_run(&mut app, Message::SearchChanged("зоопарк".into()), &runtime);
    assert_eq!(app.reader().current_id(), None);
    update_and_run(&mut app, escape, &runtime);
    assert_eq!(app.selected_message(), open, "the letter open before the search is open again");
    assert_eq!(app.reader().current_id(), open);
}

#[test]
fn mail_kept_only_here_is_not_offered_a_search_on_a_server() {
    let profile = Profile::new();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.load_demo_mailbox(&pochta::engine::api::DemoLetters::Embedded).unwrap();
    let (mut app, _) = App::new(engine, true);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    update_and_run(&mut app, Message::SearchChanged("Казань".into()), &runtime);
    assert!(!subjects(&app).is_empty(), "the demo's letters are found");
    assert!(!shows(&app, "Search on server"), "the demo mailbox has no server to ask");
    assert!(shows(&app, "Save search"), "a search can still be kept");
}
