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
    let yesterday = Local.with_ymd_and_hms(2026, 11, 29, 9, 5, 0).unwrap().timestamp();
    let thursday = Local.with_ymd_and_hms(2026, 11, 26, 9, 5, 0).unwrap().timestamp();
    assert_eq!(list_date(Some(yesterday), now), "вчера");
    assert_eq!(list_date(Some(thursday), now), "чт", "within the week: the weekday");
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

/// The Russian translation's own text: every value of `i18n/ru/pochta.ftl` (continuation lines
/// joined), by key.
fn russian_entries() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/ru/pochta.ftl")).unwrap();
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match (line.starts_with([' ', '\t', '}']), entries.last_mut()) {
            (true, Some((_, value))) => {
                value.push('\n');
                value.push_str(line);
            }
            _ => {
                let (key, value) = line.split_once('=').unwrap_or((line, ""));
                entries.push((key.trim().to_string(), value.trim().to_string()));
            }
        }
    }
    entries
}

#[test]
fn every_russian_plural_has_the_one_few_and_many_forms() {
    let mut incomplete = Vec::new();
    for (key, value) in russian_entries() {
        let variants: Vec<&str> = value
            .lines()
            .filter_map(|line| line.trim().trim_start_matches('*').strip_prefix('['))
            .filter_map(|rest| rest.split_once(']').map(|(name, _)| name))
            .collect();
        let plural = variants.iter().any(|v| matches!(*v, "one" | "few" | "many" | "other"));
        if plural && !["one", "few", "many"].iter().all(|form| variants.contains(form)) {
            incomplete.push(format!("{key}: {variants:?}"));
        }
    }
    assert!(incomplete.is_empty(), "plurals without one/few/many: {incomplete:#?}");
}

/// Names that Russian text writes in Russian: the services' own Russian names and the app's.
const LATIN_NAMES: [(&str, &str); 3] = [("Yandex", "Яндекс"), ("Rambler", "Рамблер"), ("Pochta", "Почта")];

#[test]
fn russian_text_names_services_and_the_app_in_russian() {
    let mut latin = Vec::new();
    for (key, value) in russian_entries() {
        for (name, russian) in LATIN_NAMES {
            if value.contains(name) {
                latin.push(format!("{key}: {name} (write {russian})"));
            }
        }
    }
    let providers = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/providers.toml")).unwrap();
    for line in providers.lines().filter(|line| !line.trim_start().starts_with('#')) {
        let Some((_, russian_part)) = line.split_once("ru = \"") else { continue };
        for (name, russian) in LATIN_NAMES {
            if russian_part.contains(name) {
                latin.push(format!(
                    "providers.toml: {name} (write {russian}) in {}",
                    line.chars().take(60).collect::<String>()
                ));
            }
        }
    }
    assert!(latin.is_empty(), "Latin names in Russian text: {latin:#?}");
}

#[test]
fn the_wording_review_is_applied() {
    russian();
    let not_an_address = pochta::fl!("error-not-an-address", address = "ivan");
    assert!(not_an_address.contains("адрес должен выглядеть так"), "{not_an_address}");
    let removal = |count: u64| pochta::fl!("accounts-removal-imap", count = count);
    assert!(removal(1).contains("1 письмо, сохранённое на этом компьютере, будет удалено"), "{}", removal(1));
    assert!(removal(3).contains("3 письма, сохранённые на этом компьютере, будут удалены"), "{}", removal(3));
    assert!(removal(7).contains("7 писем, сохранённых на этом компьютере, будут удалены"), "{}", removal(7));
    assert_eq!(pochta::fl!("app-add-account"), "Добавить учётную запись");
    assert!(pochta::fl!("error-wrong-password", login = "ivan").contains("Caps Lock"));
    assert_eq!(find_preset("yandex").unwrap().display_name(), "Яндекс Почта");
}

#[test]
fn a_reply_and_a_forward_written_in_russian_say_who_wrote_and_when_in_russian() {
    russian();
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let raw = format!(
        "From: Boris <boris@example.test>\r\nTo: {}\r\nSubject: obed\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n\r\nV polden?\r\n",
        user.email
    );
    stack.deliver(&user, raw.as_bytes());
    let profile = Profile::new();
    common::imap::add_imap_account(&profile, stack, &user, stack.imaps_port);
    common::imap::sync(&profile, &user.email);
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = pochta::ui::app::App::new(engine, false);
    common::gui::click(&mut app, "obed");
    let text_of = |app: &pochta::ui::app::App| {
        let window = *app.composer_windows().last().expect("a composer window");
        app.composer(window).unwrap().composition().body
    };

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let compose = pochta::ui::app::Message::Compose(pochta::ui::app::ComposeKind::Reply);
    common::gui::update_and_run(&mut app, compose, &runtime);
    let reply = text_of(&app);
    let local = Local.timestamp_opt(1_796_644_800, 0).unwrap().format("%d.%m.%Y %H:%M").to_string();
    assert!(reply.contains(&format!("{local}, Boris <boris@example.test> пишет:")), "{reply}");
    assert!(reply.contains("> V polden?"), "{reply}");

    let compose = pochta::ui::app::Message::Compose(pochta::ui::app::ComposeKind::Forward);
    common::gui::update_and_run(&mut app, compose, &runtime);
    let forward = text_of(&app);
    assert!(forward.contains("-------- Пересылаемое сообщение --------"), "{forward}");
    assert!(forward.contains("От: Boris <boris@example.test>") && forward.contains("Тема: obed"), "{forward}");
}
