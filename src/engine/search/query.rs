//! The search box's language. Words are searched everywhere (subject, sender, recipients,
//! body); every word must be found. Operators, in English or Russian:
//!
//! | operator | Russian | means |
//! | --- | --- | --- |
//! | `from:` `to:` `cc:` `subject:` `body:` | `от:` `кому:` `копия:` `тема:` `текст:` | the words in that field |
//! | `folder:` `account:` | `папка:` `ящик:` | folder (path, name or role: `folder:sent`, `папка:отправленные`), account (address) |
//! | `has:attachment` | `есть:вложение` | with attachments |
//! | `is:unread` `is:flagged` `is:answered` | `это:непрочитанное` `это:важное` `это:отвеченное` | flags |
//! | `after:` `before:` | `после:` `до:` | dates: `2026-11-05`, `05.11.2026`, `2026-11`, `11/2026`, `11.2026`, `2026`; `after:` from the start of that day, month or year, `before:` up to its start |
//!
//! A value with several words (`from:ivan@yandex.ru`, `subject:"квартальный отчёт"`) and a quoted
//! "phrase" must have those words in that order in one field. An unknown operator, or a known
//! one with a value it does not understand, is searched as words; an operator without a value
//! yet (typing `from:`) is left out; a query with nothing left is no query.

use super::words::{self, QueryWord};
use crate::model::AccountId;
use chrono::{Datelike, Local, NaiveDate, TimeZone};

/// Which part of a message a word must be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Any,
    From,
    To,
    Cc,
    Subject,
    Body,
}

/// A word to find, in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub field: Field,
    pub word: QueryWord,
}

/// Words that must come in this order in one field (checked on the candidates the words find).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub field: Field,
    pub words: Vec<QueryWord>,
}

/// Every operator's name, folded.
const OPERATORS: &[&str] = &[
    "from",
    "от",
    "to",
    "кому",
    "cc",
    "копия",
    "subject",
    "тема",
    "body",
    "текст",
    "folder",
    "папка",
    "in",
    "account",
    "ящик",
    "аккаунт",
    "has",
    "есть",
    "is",
    "это",
    "after",
    "после",
    "since",
    "с",
    "before",
    "до",
];

/// A parsed search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every one must be found (the words of phrases are here too).
    pub terms: Vec<Term>,
    pub phrases: Vec<Phrase>,
    /// `folder:` values, folded; a message's folder must match every one.
    pub folders: Vec<String>,
    /// `account:` values, folded.
    pub accounts: Vec<String>,
    /// Only this account's mail (a scope the caller gives by id, not typed in the query).
    pub account_id: Option<AccountId>,
    pub has_attachment: bool,
    pub unread: bool,
    pub flagged: bool,
    pub answered: bool,
    /// Unix seconds: messages dated at or after this.
    pub after: Option<i64>,
    /// Unix seconds: messages dated before this.
    pub before: Option<i64>,
}

impl Query {
    /// Parses what was typed; `None` when nothing is asked (empty, punctuation only, operators
    /// without values).
    pub fn parse(input: &str) -> Option<Query> {
        let mut query = Query::default();
        for token in tokens(input) {
            query.add(token);
        }
        (query != Query::default()).then_some(query)
    }

    /// The words to highlight in what is shown (every searched word, whatever its field).
    pub fn highlight_words(&self) -> Vec<QueryWord> {
        let mut words: Vec<QueryWord> = Vec::new();
        for term in &self.terms {
            if !words.contains(&term.word) {
                words.push(term.word.clone());
            }
        }
        words
    }

    fn add(&mut self, token: Token<'_>) {
        let Token { operator, value, quoted } = token;
        let Some(operator) = operator else {
            self.add_words(Field::Any, value, quoted);
            return;
        };
        let name = words::fold(operator);
        let folded_value = words::fold(value.trim());
        if value.trim().is_empty() {
            // `from:` still being typed asks for nothing yet; `Re:` is a word.
            if !OPERATORS.contains(&name.as_str()) {
                self.add_words(Field::Any, operator, false);
            }
            return;
        }
        let field = match name.as_str() {
            "from" | "от" => Some(Field::From),
            "to" | "кому" => Some(Field::To),
            "cc" | "копия" => Some(Field::Cc),
            "subject" | "тема" => Some(Field::Subject),
            "body" | "текст" => Some(Field::Body),
            _ => None,
        };
        if let Some(field) = field {
            self.add_words(field, value, true);
            return;
        }
        let understood = match name.as_str() {
            "folder" | "папка" | "in" => {
                self.folders.push(folded_value);
                true
            }
            "account" | "ящик" | "аккаунт" => {
                self.accounts.push(folded_value);
                true
            }
            "has" | "есть" => match folded_value.as_str() {
                "attachment" | "attachments" | "вложение" | "вложения" | "файл" | "файлы" => {
                    self.has_attachment = true;
                    true
                }
                _ => false,
            },
            "is" | "это" => self.add_flag(&folded_value),
            "after" | "после" | "since" | "с" => match period(&folded_value) {
                Some((start, _)) => {
                    self.after = Some(self.after.map_or(start, |after| after.max(start)));
                    true
                }
                None => false,
            },
            "before" | "до" => match period(&folded_value) {
                Some((start, _)) => {
                    self.before = Some(self.before.map_or(start, |before| before.min(start)));
                    true
                }
                None => false,
            },
            _ => false,
        };
        if !understood {
            self.add_words(Field::Any, operator, false);
            self.add_words(Field::Any, value, quoted);
        }
    }

    fn add_flag(&mut self, value: &str) -> bool {
        let flag = match value {
            "unread" | "new" | "непрочитанное" | "непрочитанные" | "новое" | "новые" => {
                &mut self.unread
            }
            "flagged" | "starred" | "important" | "важное" | "важные" | "помеченное" | "помеченные" => {
                &mut self.flagged
            }
            "answered" | "replied" | "отвеченное" | "отвеченные" => &mut self.answered,
            _ => return false,
        };
        *flag = true;
        true
    }

    /// The words of `text` as terms of `field`; several words in quotes, or in a field's value,
    /// are also a phrase.
    fn add_words(&mut self, field: Field, text: &str, as_phrase: bool) {
        let found: Vec<QueryWord> = words::split(text).map(QueryWord::new).collect();
        if as_phrase && found.len() > 1 {
            self.phrases.push(Phrase { field, words: found.clone() });
        }
        for word in found {
            let term = Term { field, word };
            if !self.terms.contains(&term) {
                self.terms.push(term);
            }
        }
    }
}

/// One piece of a query: `operator:value`, `operator:"value"`, `"phrase"` or a word.
#[derive(Debug, PartialEq, Eq)]
struct Token<'a> {
    operator: Option<&'a str>,
    value: &'a str,
    quoted: bool,
}

/// Splits at whitespace outside quotes. An unclosed quote runs to the end (the person is still
/// typing it).
fn tokens(input: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let (operator, after_operator) = match rest.split_once(':') {
            Some((name, after)) if !name.is_empty() && name.chars().all(char::is_alphabetic) => (Some(name), after),
            _ => (None, rest),
        };
        let (value, quoted, remaining) = if let Some(inner) = after_operator.strip_prefix(['"', '«', '“']) {
            match inner.find(['"', '»', '”']) {
                Some(end) => {
                    let close = inner[end..].chars().next().map_or(1, char::len_utf8);
                    (&inner[..end], true, &inner[end + close..])
                }
                None => (inner, true, ""),
            }
        } else {
            let end = after_operator.find(char::is_whitespace).unwrap_or(after_operator.len());
            (&after_operator[..end], false, &after_operator[end..])
        };
        tokens.push(Token { operator, value, quoted });
        rest = remaining.trim_start();
    }
    tokens
}

/// The day, month or year a date value names, as Unix seconds of its start and end in local time.
fn period(value: &str) -> Option<(i64, i64)> {
    let numbers: Vec<&str> = value.split(['-', '/', '.']).collect();
    let number = |text: &str| -> Option<u32> {
        (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
    };
    let is_year = |text: &str| text.len() == 4;
    let (year, month, day) = match numbers.as_slice() {
        [year] if is_year(year) => (number(year)?, None, None),
        [year, month] if is_year(year) => (number(year)?, Some(number(month)?), None),
        [month, year] if is_year(year) => (number(year)?, Some(number(month)?), None),
        [year, month, day] if is_year(year) => (number(year)?, Some(number(month)?), Some(number(day)?)),
        [day, month, year] if is_year(year) => (number(year)?, Some(number(month)?), Some(number(day)?)),
        _ => return None,
    };
    let year = year as i32;
    let start = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))?;
    let end = match (month, day) {
        (_, Some(_)) => start.succ_opt()?,
        (Some(12), None) => NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
        (Some(month), None) => NaiveDate::from_ymd_opt(year, month + 1, 1)?,
        (None, _) => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)?,
    };
    Some((local_midnight(start)?, local_midnight(end)?))
}

fn local_midnight(date: NaiveDate) -> Option<i64> {
    Local.from_local_datetime(&date.and_hms_opt(0, 0, 0)?).earliest().map(|time| time.timestamp())
}

/// Whether a folder matches a `folder:` value: its whole path, its last part or its role (in
/// English or Russian: `folder:sent`, `папка:отправленные`).
pub fn folder_matches(value: &str, path: &str, role: Option<&str>) -> bool {
    let path = words::fold(path);
    let name = path.rsplit(['/', '.']).next().unwrap_or(&path);
    if value == path || value == name {
        return true;
    }
    let role_names: &[&str] = match role {
        Some("inbox") => &["inbox", "входящие"],
        Some("sent") => &["sent", "отправленные"],
        Some("drafts") => &["drafts", "черновики"],
        Some("trash") => &["trash", "корзина", "удаленные"],
        Some("junk") => &["junk", "spam", "спам"],
        Some("archive") => &["archive", "архив"],
        _ => &[],
    };
    role_names.contains(&value)
}

/// Whether an account matches an `account:` value: a part of its address.
pub fn account_matches(value: &str, email: &str) -> bool {
    words::fold(email).contains(value) || email.to_lowercase().contains(value)
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
