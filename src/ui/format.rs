//! How dates, sizes and people read in the lists: short, local, never a raw number, and in the
//! language of the interface ("12 Mar" / "12 мар.", "1.5 MB" / "1,5 МБ").

use chrono::{DateTime, Datelike, Local, TimeZone};

/// Russian month abbreviations in the genitive, as in "12 мар." (CLDR's abbreviated format names).
const RUSSIAN_MONTHS: [&str; 12] =
    ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."];
/// Russian weekday abbreviations, Monday first.
const RUSSIAN_WEEKDAYS: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

fn russian() -> bool {
    crate::i18n::current_language() == "ru"
}

/// "12 Mar" or "12 мар.".
fn day_and_month(date: &DateTime<Local>) -> String {
    if russian() {
        format!("{} {}", date.day(), RUSSIAN_MONTHS[date.month0() as usize])
    } else {
        date.format("%-d %b").to_string()
    }
}

/// Relative when recent, in the interface's language: "today 14:05" ("сегодня 14:05"),
/// "yesterday" ("вчера"), the weekday within the last week ("Mon", "пн"), "12 Mar" this year,
/// "12.11.2024" before. A date in the future (a sender's wrong clock) is shown as a date.
pub fn list_date(unix: Option<i64>, now: DateTime<Local>) -> String {
    let Some(date) = unix.and_then(|t| Local.timestamp_opt(t, 0).single()) else {
        return String::new();
    };
    let days_ago = (now.date_naive() - date.date_naive()).num_days();
    match days_ago {
        0 => crate::fl!("format-today", time = date.format("%H:%M").to_string()),
        1 => crate::fl!("format-yesterday"),
        2..=6 => weekday(&date),
        _ if date.year() == now.year() => day_and_month(&date),
        _ => date.format("%d.%m.%Y").to_string(),
    }
}

/// "Mon" or "пн".
fn weekday(date: &DateTime<Local>) -> String {
    if russian() {
        RUSSIAN_WEEKDAYS[date.weekday().num_days_from_monday() as usize].to_string()
    } else {
        date.format("%a").to_string()
    }
}

/// The full date for the reader's header: "Thu, 12 Mar 2026 14:05" / "чт, 12 мар. 2026 14:05".
pub fn full_date(unix: Option<i64>) -> String {
    let Some(date) = unix.and_then(|t| Local.timestamp_opt(t, 0).single()) else {
        return String::new();
    };
    if russian() {
        let weekday = RUSSIAN_WEEKDAYS[date.weekday().num_days_from_monday() as usize];
        format!("{weekday}, {} {}", day_and_month(&date), date.format("%Y %H:%M"))
    } else {
        date.format("%a, %-d %b %Y %H:%M").to_string()
    }
}

/// "912 B", "14 KB", "3.2 MB" (in Russian "912 Б", "14 КБ", "3,2 МБ").
pub fn size(bytes: u64) -> String {
    crate::i18n::size(bytes)
}

/// The sender as people know them: the name if there is one, else the address; with the real
/// address too when the name is itself an address or names another domain ("support@bank.ru"
/// from evil@x.test reads "support@bank.ru <evil@x.test>"). Invisible characters that could
/// reorder the text are gone.
pub fn person(name: &str, address: &str) -> String {
    crate::engine::api::reading::honest_sender(name, address)
}

/// A message as a sentence in the window: its first letter a capital. The engine's errors begin
/// in lower case because the command line puts them after "error: "; shown on their own they
/// read as a sentence cut off ("the letter has no recipients", «введите пароль»).
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// `text` in at most `max` characters, the middle replaced by "…" so the end (a file's
/// extension) stays visible.
pub fn ellipsize_middle(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max || max < 3 {
        return text.to_string();
    }
    let tail = max / 3;
    let head = max - tail - 1;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_shown_alone_starts_with_a_capital_and_is_otherwise_unchanged() {
        assert_eq!(sentence("the letter has no recipients"), "The letter has no recipients");
        assert_eq!(sentence("введите пароль"), "Введите пароль");
        assert_eq!(sentence("IMAP is off"), "IMAP is off");
        assert_eq!(sentence("\"x@y\" is not an email address"), "\"x@y\" is not an email address");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size(912), "912 B");
        assert_eq!(size(14 * 1024 + 10), "14 KB");
        assert_eq!(size(3_355_443), "3.2 MB");
    }

    #[test]
    fn dates_are_relative_when_recent_and_short_otherwise() {
        let now = Local.with_ymd_and_hms(2026, 11, 30, 18, 0, 0).unwrap();
        let today = Local.with_ymd_and_hms(2026, 11, 30, 9, 5, 0).unwrap().timestamp();
        let this_year = Local.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap().timestamp();
        let older = Local.with_ymd_and_hms(2024, 12, 31, 9, 5, 0).unwrap().timestamp();
        let yesterday_late = Local.with_ymd_and_hms(2026, 11, 29, 23, 59, 0).unwrap().timestamp();
        let thursday = Local.with_ymd_and_hms(2026, 11, 26, 9, 5, 0).unwrap().timestamp();
        let a_week_ago = Local.with_ymd_and_hms(2026, 11, 23, 9, 5, 0).unwrap().timestamp();
        let tomorrow = Local.with_ymd_and_hms(2026, 12, 1, 9, 5, 0).unwrap().timestamp();
        assert_eq!(list_date(Some(today), now), "today 09:05");
        assert_eq!(list_date(Some(yesterday_late), now), "yesterday", "by calendar day, not 24 hours");
        assert_eq!(list_date(Some(thursday), now), "Thu", "within the week: the weekday");
        assert_eq!(list_date(Some(a_week_ago), now), "23 Nov", "a week ago: the date");
        assert_eq!(list_date(Some(tomorrow), now), "1 Dec", "a wrong clock's future: the date");
        assert_eq!(list_date(Some(this_year), now), "2 Mar");
        assert_eq!(list_date(Some(older), now), "31.12.2024");
        assert_eq!(list_date(None, now), "");
    }

    #[test]
    fn a_sender_without_a_name_is_its_address() {
        assert_eq!(person(" ", "a@b.example"), "a@b.example");
        assert_eq!(person("Анна", "a@b.example"), "Анна");
    }

    #[test]
    fn a_name_that_pretends_to_be_an_address_shows_the_real_one() {
        assert_eq!(person("support@bank.ru", "evil@x.test"), "support@bank.ru <evil@x.test>");
        assert_eq!(person("Bank.ru", "evil@x.test"), "Bank.ru <evil@x.test>");
        assert_eq!(person("Bank \u{202E}Support", "evil@x.test"), "Bank Support");
    }

    #[test]
    fn long_names_keep_their_end() {
        let name = format!("{}.exe", "a".repeat(100));
        let short = ellipsize_middle(&name, 30);
        assert_eq!(short.chars().count(), 30);
        assert!(short.ends_with("aaa.exe") && short.contains('…'), "{short}");
        assert_eq!(ellipsize_middle("short.pdf", 30), "short.pdf");
    }
}
