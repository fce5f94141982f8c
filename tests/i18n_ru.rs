//! Pochta in Russian: plural forms, dates and sizes, the presets' descriptions, and the command
//! line following POCHTA_LANGUAGE, the settings' choice and the system locale. Every test in this
//! binary selects Russian (the loader is global, so no test here may expect English from it).

mod common;
mod support;

use chrono::{Local, TimeZone};
use common::Profile;
use pochta::engine::api::{describe_preset, find_preset};
use pochta::ui::format::{full_date, list_date, size};

fn russian() {
    pochta::i18n::select_language(Some("ru"));
    assert_eq!(pochta::i18n::current_language(), "ru");
}

#[test]
fn plurals_follow_russian_rules() {
    russian();
    let letters = |count: u64| pochta::fl!("notice-new-mail", account = "ivan@mail.ru", count = count);
    assert_eq!(letters(1), "ivan@mail.ru: 1 новое письмо");
    assert_eq!(letters(2), "ivan@mail.ru: 2 новых письма");
    assert_eq!(letters(5), "ivan@mail.ru: 5 новых писем");
    assert_eq!(letters(21), "ivan@mail.ru: 21 новое письмо");
    assert_eq!(letters(11), "ivan@mail.ru: 11 новых писем");
    assert_eq!(letters(104), "ivan@mail.ru: 104 новых письма");
}

#[test]
fn sizes_and_dates_read_the_russian_way() {
    russian();
    assert_eq!(size(912), "912 Б");
    assert_eq!(size(14 * 1024 + 10), "14 КБ");
    assert_eq!(size(1_572_864), "1,5 МБ");
    let now = Local.with_ymd_and_hms(2026, 11, 30, 18, 0, 0).unwrap();
    let today = Local.with_ymd_and_hms(2026, 11, 30, 14, 5, 0).unwrap().timestamp();
    let march = Local.with_ymd_and_hms(2026, 3, 12, 9, 5, 0).unwrap().timestamp();
    let may = Local.with_ymd_and_hms(2026, 5, 1, 9, 5, 0).unwrap().timestamp();
    assert_eq!(list_date(Some(today), now), "сегодня 14:05");
    assert_eq!(list_date(Some(march), now), "12 мар.");
    assert_eq!(list_date(Some(may), now), "1 мая");
    assert_eq!(full_date(Some(march)), "чт, 12 мар. 2026 09:05");
}

#[test]
fn a_provider_is_described_in_russian_with_its_own_russian_advice() {
    russian();
    let text = describe_preset(find_preset("mailru").unwrap());
    for expected in ["запасной", "полный адрес", "Пароль приложения", "Проверено", "Пароли для внешних приложений"]
    {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn errors_explain_themselves_in_russian() {
    russian();
    let error = pochta::engine::api::EngineError::config(pochta::fl!("error-no-account", email = "a@b.example"));
    assert_eq!(error.to_string(), "учётной записи a@b.example нет; список: `pochta account list`");
}

/// `pochta account list` in an empty profile: its one line on stderr.
fn account_list_message(profile: &Profile, configure: impl FnOnce(&mut std::process::Command)) -> String {
    let mut command = profile.command(&["account", "list"]);
    command.env_remove("POCHTA_LANGUAGE").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANGUAGE");
    command.env("LANG", "C");
    configure(&mut command);
    let output = command.output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn the_command_line_follows_the_override_the_settings_and_the_system() {
    let profile = Profile::new();
    let english = account_list_message(&profile, |_| {});
    assert!(english.contains("no accounts yet"), "{english}");

    let overridden = account_list_message(&profile, |c| {
        c.env("POCHTA_LANGUAGE", "ru");
    });
    assert!(overridden.contains("учётных записей пока нет"), "{overridden}");

    let system = account_list_message(&profile, |c| {
        c.env("LANG", "ru_RU.UTF-8");
    });
    assert!(system.contains("учётных записей пока нет"), "{system}");

    std::fs::write(profile.path().join("config/settings.toml"), "language = \"ru\"\n").unwrap();
    let from_settings = account_list_message(&profile, |_| {});
    assert!(from_settings.contains("учётных записей пока нет"), "{from_settings}");
    let presets = profile.command(&["presets", "mail.ru"]).env_remove("POCHTA_LANGUAGE").output().unwrap();
    let presets = String::from_utf8(presets.stdout).unwrap();
    assert!(presets.contains("Пароль приложения") && presets.contains("Проверено"), "{presets}");
}

#[test]
fn the_command_line_help_speaks_the_system_language() {
    let profile = Profile::new();
    let help = |lang: &str, args: &[&str]| {
        let mut command = profile.command(args);
        command.env_remove("POCHTA_LANGUAGE").env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANGUAGE");
        let output = command.env("LANG", lang).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let russian = help("ru_RU.UTF-8", &["sync", "--help"]);
    assert!(russian.contains("Один полный проход") && russian.contains("Только заголовки и флаги"), "{russian}");
    let english = help("C", &["sync", "--help"]);
    assert!(english.contains("One full pass") && english.contains("Headers and flags only"), "{english}");
    assert!(help("ru_RU.UTF-8", &["--help"]).contains("Почтовый клиент"));
}
