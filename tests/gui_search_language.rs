//! Search results name each row's folder as the folder tree does, in the language chosen a moment
//! ago: after Settings switch to Russian the rows say «Входящие» at once, not "Inbox" until the
//! folder list happens to be read again. One test in this binary: it switches the global language.

mod common;
mod support;

use common::gui::{click, click_and_run, count_texts, open_more, update_and_run};
use pochta::ui::app::{App, Message};
use pochta::ui::settings::{self, LanguageChoice};
use support::mailstack;

fn save_language(app: &mut App, code: &str, save: &str, runtime: &tokio::runtime::Runtime) {
    let _ = app.update(Message::Settings(settings::Message::Language(LanguageChoice(code.into()))));
    click_and_run(app, save, runtime);
}

#[test]
fn search_results_name_their_folders_in_the_language_just_chosen() {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    let raw = format!("From: a@example.test\r\nTo: {}\r\nSubject: квартальный отчёт\r\n\r\nЦифры.\r\n", user.email);
    stack.deliver(&user, raw.as_bytes());
    let (_profile, _engine, mut app) = common::gui::synced_window(stack, &user);
    let runtime = tokio::runtime::Runtime::new().unwrap();

    update_and_run(&mut app, Message::SearchChanged("отчёт".into()), &runtime);
    assert_eq!(app.list_rows().len(), 1);
    assert_eq!(count_texts(&app, "Inbox"), 2, "the folder tree and the found row name the Inbox");

    open_more(&mut app);
    click(&mut app, "Settings");
    save_language(&mut app, "ru", "Save", &runtime);
    assert_eq!(app.list_rows().len(), 1, "the search is still on show");
    assert_eq!(count_texts(&app, "Входящие"), 2, "the tree and the row speak Russian at once");
    assert_eq!(count_texts(&app, "Inbox"), 0, "no row keeps the old language");

    open_more(&mut app);
    click(&mut app, "Настройки");
    save_language(&mut app, "en", "Сохранить", &runtime);
    assert_eq!(count_texts(&app, "Inbox"), 2, "and back to English");
    assert_eq!(count_texts(&app, "Входящие"), 0);
}
