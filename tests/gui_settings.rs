//! The Settings screen, driven headless: choosing Russian and saving writes settings.toml and the
//! very next view speaks Russian; choosing English brings English back; a bad poll interval is
//! refused with the form kept; the two check boxes are saved as ticked. One test in this binary: it switches the global language.

mod common;
mod support;

use common::gui::{click, click_and_run, open_more, shows};
use pochta::config::{Paths, Settings};
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, Message};
use pochta::ui::settings::{self, LanguageChoice};

fn choose_language(app: &mut App, code: &str) {
    let _ = app.update(Message::Settings(settings::Message::Language(LanguageChoice(code.into()))));
}

#[test]
fn switching_the_language_in_settings_changes_the_window_at_once_and_is_saved() {
    pochta::i18n::select_language(Some("en"));
    let profile = tempfile::tempdir().unwrap();
    let paths = Paths::in_profile(profile.path());
    let settings_file = paths.settings_file();
    let engine = EngineHandle::open(paths).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // The demo window: no account needed, so no wizard in the way.
    let (mut app, _) = App::new(engine, true);
    open_more(&mut app);
    assert!(shows(&app, "Accounts"), "the window starts in English");
    click(&mut app, "Settings");
    assert!(shows(&app, "Language") && shows(&app, "Check other folders every"), "the Settings screen is open");
    choose_language(&mut app, "ru");
    let _ = app.update(Message::Settings(settings::Message::PollMinutes("0".into())));
    click(&mut app, "Save");
    assert!(
        shows(&app, "The interval should be a whole number of minutes from 1 to 1440"),
        "a poll interval of 0 is refused"
    );
    assert!(!settings_file.exists(), "nothing is written while the form is wrong");

    let _ = app.update(Message::Settings(settings::Message::PollMinutes("15".into())));
    let defaults = Settings::default();
    click(&mut app, "Write replies above the quoted letter (top-posting); otherwise below it");
    click(&mut app, "Show the sender and the subject in new-mail notifications");
    click_and_run(&mut app, "Save", &runtime);
    open_more(&mut app);
    assert!(shows(&app, "Учётные записи") && shows(&app, "Настройки"), "the header's menu speaks Russian at once");
    assert!(!shows(&app, "Accounts"));
    let saved = Settings::load(&settings_file);
    assert_eq!((saved.language.as_str(), saved.poll_minutes), ("ru", 15), "settings.toml has the choice");
    assert_eq!(
        (saved.reply_above_quote, saved.notification_content),
        (!defaults.reply_above_quote, !defaults.notification_content),
        "and both boxes as ticked"
    );

    click(&mut app, "Настройки");
    assert!(shows(&app, "Язык"), "the Settings screen is in Russian too");
    choose_language(&mut app, "en");
    click_and_run(&mut app, "Сохранить", &runtime);
    open_more(&mut app);
    assert!(shows(&app, "Accounts"), "English again");
    let saved = Settings::load(&settings_file);
    assert_eq!(saved.language, "en");
    assert_eq!(saved.reply_above_quote, !defaults.reply_above_quote, "the screen opened again showed the box as saved");
}
