//! The search box's language, operator by operator (in English and Russian forms).

use super::{Field, Query, account_matches, folder_matches, period};
use crate::engine::search::words::QueryWord;
use chrono::{Local, TimeZone};

fn parse(input: &str) -> Query {
    Query::parse(input).unwrap_or_else(|| panic!("{input:?} is a query"))
}

/// The (field, folded word) pairs a query searches.
fn terms(input: &str) -> Vec<(Field, String)> {
    parse(input).terms.into_iter().map(|t| (t.field, t.word.folded)).collect()
}

fn local(y: i32, m: u32, d: u32) -> i64 {
    Local.with_ymd_and_hms(y, m, d, 0, 0, 0).earliest().unwrap().timestamp()
}

#[test]
fn empty_punctuation_and_valueless_operators_are_no_query() {
    for input in ["", "   ", "…!?", "-- ,, «»", "from:", "тема: ", "\"\""] {
        assert_eq!(Query::parse(input), None, "{input:?}");
    }
}

#[test]
fn plain_words_are_searched_everywhere_folded() {
    assert_eq!(terms("Отчёт НОЯБРЬ"), [(Field::Any, "отчет".into()), (Field::Any, "ноябрь".into())]);
    let word = &parse("отчётов").terms[0].word;
    assert_eq!(word, &QueryWord { folded: "отчетов".into(), stem: Some("отчет".into()) });
}

#[test]
fn field_operators_in_english_and_russian() {
    for (input, field) in [
        ("from:ivan", Field::From),
        ("от:ivan", Field::From),
        ("to:ivan", Field::To),
        ("кому:ivan", Field::To),
        ("cc:ivan", Field::Cc),
        ("копия:ivan", Field::Cc),
        ("subject:ivan", Field::Subject),
        ("тема:ivan", Field::Subject),
        ("body:ivan", Field::Body),
        ("текст:ivan", Field::Body),
        ("FROM:ivan", Field::From),
    ] {
        assert_eq!(terms(input), [(field, "ivan".to_string())], "{input}");
    }
}

#[test]
fn an_address_is_a_phrase_in_its_field() {
    let query = parse("from:ivan@yandex.ru");
    assert_eq!(query.terms.len(), 3);
    assert_eq!(query.phrases.len(), 1);
    assert_eq!(query.phrases[0].field, Field::From);
    let words: Vec<&str> = query.phrases[0].words.iter().map(|w| w.folded.as_str()).collect();
    assert_eq!(words, ["ivan", "yandex", "ru"]);
}

#[test]
fn quoted_phrases_anywhere_or_in_a_field() {
    let query = parse("\"квартальный отчёт\" тема:«план продаж» итог");
    assert_eq!(query.phrases.len(), 2);
    assert_eq!(query.phrases[0].field, Field::Any);
    assert_eq!(query.phrases[1].field, Field::Subject);
    assert_eq!(query.terms.len(), 5);
    // An unclosed quote is a phrase still being typed.
    assert_eq!(parse("\"один два").phrases.len(), 1);
    // One quoted word is just that word.
    assert!(parse("\"отчёт\"").phrases.is_empty());
}

#[test]
fn folder_and_account_filters() {
    let query = parse("folder:Archive account:Ivan@Yandex.ru");
    assert_eq!(query.folders, ["archive"]);
    assert_eq!(query.accounts, ["ivan@yandex.ru"]);
    assert!(query.terms.is_empty());
    assert_eq!(parse("папка:Входящие ящик:bk.ru").folders, ["входящие"]);
    assert!(folder_matches("входящие", "INBOX", Some("inbox")));
    assert!(folder_matches("inbox", "INBOX", Some("inbox")));
    assert!(folder_matches("отправленные", "Sent Messages", Some("sent")));
    assert!(folder_matches("work", "Archive/Work", None));
    assert!(!folder_matches("work", "Workshop", None));
    assert!(account_matches("yandex", "ivan@yandex.ru"));
    assert!(!account_matches("mail.ru", "ivan@yandex.ru"));
}

#[test]
fn attachment_and_flag_filters() {
    assert!(parse("has:attachment").has_attachment);
    assert!(parse("есть:вложение").has_attachment);
    assert!(parse("is:unread").unread);
    assert!(parse("это:непрочитанное").unread);
    assert!(parse("is:flagged").flagged);
    assert!(parse("это:важное").flagged);
    assert!(parse("is:answered").answered);
    assert!(parse("это:отвеченное").answered);
}

#[test]
fn dates_iso_and_month_year() {
    assert_eq!(parse("after:2026-11-05").after, Some(local(2026, 11, 5)));
    assert_eq!(parse("после:05.11.2026").after, Some(local(2026, 11, 5)));
    assert_eq!(parse("before:2026-11").before, Some(local(2026, 11, 1)));
    assert_eq!(parse("до:11/2026").before, Some(local(2026, 11, 1)));
    assert_eq!(parse("after:11.2026").after, Some(local(2026, 11, 1)));
    assert_eq!(parse("before:2027").before, Some(local(2027, 1, 1)));
    assert_eq!(period("2026-12"), Some((local(2026, 12, 1), local(2027, 1, 1))));
    assert_eq!(period("2026-02-28"), Some((local(2026, 2, 28), local(2026, 3, 1))));
    // The narrower of two bounds wins.
    assert_eq!(parse("after:2025 after:2026-03").after, Some(local(2026, 3, 1)));
}

#[test]
fn unknown_operators_and_values_are_words() {
    assert_eq!(terms("Re: отчёт"), [(Field::Any, "re".into()), (Field::Any, "отчет".into())]);
    assert_eq!(terms("foo:bar"), [(Field::Any, "foo".into()), (Field::Any, "bar".into())]);
    assert_eq!(terms("is:purple"), [(Field::Any, "is".into()), (Field::Any, "purple".into())]);
    assert_eq!(terms("after:вчера"), [(Field::Any, "after".into()), (Field::Any, "вчера".into())]);
    assert_eq!(
        terms("before:2026-13"),
        [(Field::Any, "before".into()), (Field::Any, "2026".into()), (Field::Any, "13".into())]
    );
    assert_eq!(terms("10:30"), [(Field::Any, "10".into()), (Field::Any, "30".into())]);
    assert_eq!(
        terms("http://example.org"),
        [(Field::Any, "http".into()), (Field::Any, "example".into()), (Field::Any, "org".into())]
    );
}

#[test]
fn everything_together() {
    let query = parse("отчёт from:anna is:unread has:attachment after:2026-01 folder:inbox");
    assert_eq!(query.terms.len(), 2);
    assert!(query.unread && query.has_attachment);
    assert_eq!(query.after, Some(local(2026, 1, 1)));
    assert_eq!(query.folders, ["inbox"]);
    assert_eq!(query.highlight_words().len(), 2);
}
