//! Word-form tables: every form of a word, typed as a query, finds every other form in a text
//! (what the index does, checked with the same rule without SQL), and folding treats ё as е.

use super::{IndexWords, QueryWord, fold, matched_ranges, split, stem};

/// Each line: forms of one word (cases, numbers, ё written or not) that must find each other.
const RUSSIAN: &[&[&str]] = &[
    &["отчёт", "отчет", "отчёта", "отчёту", "отчётом", "отчёте", "отчёты", "отчетов", "отчётам", "отчётами", "отчётах"],
    &["письмо", "письма", "письму", "письмом", "письме", "писем", "письмам", "письмами", "письмах"],
    &["договор", "договора", "договору", "договором", "договоре", "договоры", "договоров", "договорам"],
    &["счёт", "счета", "счёту", "счётом", "счёте", "счетов"],
    &["встреча", "встречи", "встрече", "встречу", "встречей", "встреч", "встречам"],
    &["сообщение", "сообщения", "сообщению", "сообщением", "сообщений", "сообщениях"],
    &["квартальный", "квартальные", "квартальных", "квартального", "квартальным"],
    &["получил", "получила", "получили", "получило"],
    &["ёлка", "елка", "ёлки", "ёлку", "ёлкой"],
    &["всё", "все"],
    &["звонок", "звонка", "звонку", "звонком", "звонки", "звонков"],
    &["Москва", "Москвы", "Москве", "МОСКВУ", "Москвой"],
    &["пожалуйста", "ПОЖАЛУЙСТА"],
];

const ENGLISH: &[&[&str]] = &[
    &["report", "reports", "reported", "reporting", "Reports"],
    &["meeting", "meetings", "meet"],
    &["invoice", "invoices", "invoiced"],
    &["contract", "contracts", "contracted"],
    &["deliver", "delivering", "delivers", "delivered"],
    &["connect", "connected", "connection", "connections"],
    &["running", "runs", "run"],
    &["agreed", "agree", "agrees", "agreeing"],
];

fn finds(query: &str, text_word: &str) -> bool {
    let folded = fold(text_word);
    QueryWord::new(query).matches(&folded, &stem(&folded))
}

fn check_groups(groups: &[&[&str]], at_least: usize) {
    let forms: usize = groups.iter().map(|g| g.len()).sum();
    assert!(forms >= at_least, "only {forms} forms");
    for group in groups {
        for query in *group {
            for text in *group {
                // Tables of forms with one stem; "meet"/"agreement" and the like only one way.
                if !finds(query, text) && !finds(text, query) {
                    panic!("{query:?} and {text:?} do not find each other");
                }
            }
        }
    }
}

#[test]
fn every_russian_form_finds_the_others_with_or_without_yo() {
    check_groups(RUSSIAN, 50);
    // Both ways: a query with ё finds a text with е and the reverse.
    assert!(finds("отчёты", "отчеты") && finds("отчеты", "отчёты"));
}

#[test]
fn every_english_form_finds_the_others() {
    check_groups(ENGLISH, 20);
}

#[test]
fn different_words_stay_apart() {
    for (query, text) in [
        ("отчет", "счет"),
        ("письмо", "пистолет"),
        ("кран", "край"),
        ("report", "repair"),
        ("invoice", "voice"),
        ("договор", "говор"),
    ] {
        assert!(!finds(query, text), "{query:?} must not find {text:?}");
    }
}

#[test]
fn a_word_being_typed_finds_longer_words() {
    assert!(finds("догов", "договоры"));
    assert!(finds("отч", "Отчётами"));
    assert!(finds("repo", "reports"));
    assert!(!finds("договорам", "договоренность"));
}

#[test]
fn folding_removes_case_yo_accents_and_invisible_characters() {
    assert_eq!(fold("ЁЛКА"), "елка");
    assert_eq!(fold("Всё"), "все");
    assert_eq!(fold("заме\u{0301}тка"), "заметка", "stress mark");
    assert_eq!(fold("е\u{0308}лка"), "елка", "decomposed ё");
    assert_eq!(fold("и\u{0306}огурт"), "йогурт", "decomposed й stays й");
    assert_eq!(fold("Мой"), "мой");
    assert_eq!(fold("до\u{00AD}го\u{00AD}вор"), "договор", "soft hyphens");
    assert_eq!(fold("Café"), "cafe");
    assert_eq!(fold("ΔΈΛΤΑ"), "δέλτα", "other scripts are lowered, not stemmed");
    assert_eq!(stem("δέλτα"), "δέλτα");
}

#[test]
fn words_split_at_anything_but_letters_and_digits() {
    let words: Vec<&str> = split("Re: Отчёт-2026 (e-mail) ivan@yandex.ru, «кавычки»…").collect();
    assert_eq!(words, ["Re", "Отчёт", "2026", "e", "mail", "ivan", "yandex", "ru", "кавычки"]);
}

#[test]
fn numbers_and_short_words_are_not_stemmed() {
    assert_eq!(stem("2026"), "2026");
    assert_eq!(stem("q3"), "q3");
    assert_eq!(stem("ок"), "ок");
}

#[test]
fn the_index_gets_each_folded_word_and_its_stem_once() {
    let mut words = IndexWords::default();
    assert_eq!(words.of("Отчёты, отчеты и ОТЧЁТ"), "отчеты отчет и");
    assert_eq!(words.of("reports report"), "reports report");
    assert_eq!(words.of(" \n\t "), "");
    // Nothing carries over from one text to the next.
    assert_eq!(words.of("и"), "и");
}

#[test]
fn matched_words_are_found_in_a_subject_for_highlighting() {
    let query = [QueryWord::new("отчет"), QueryWord::new("письмо")];
    let subject = "Re: Квартальные отчёты и много писем";
    let found: Vec<&str> = matched_ranges(subject, &query).into_iter().map(|r| &subject[r]).collect();
    assert_eq!(found, ["отчёты", "писем"]);
}

#[test]
fn phrases_are_words_in_order() {
    let phrase = [QueryWord::new("квартальный"), QueryWord::new("отчет")];
    assert!(super::has_phrase("Итоги: квартальные отчёты готовы", &phrase));
    assert!(!super::has_phrase("отчёты квартальные", &phrase));
    assert!(!super::has_phrase("квартальные итоговые отчёты", &phrase));
}

#[test]
fn a_snippet_is_the_text_around_the_first_match_on_one_line() {
    let text = "Добрый день!\n\nВысылаю квартальный отчёт за ноябрь.\nС уважением, Анна";
    let snippet = super::snippet(text, &[QueryWord::new("отчет")], 30).unwrap();
    assert!(snippet.contains("отчёт за ноябрь"), "{snippet}");
    assert!(!snippet.contains('\n'));
    assert_eq!(super::snippet(text, &[QueryWord::new("счет")], 30), None);
}
