//! How dates, sizes and people read in the lists: short, local, never a raw number.

use chrono::{DateTime, Local, TimeZone};

/// "14:05" today, "12 Nov" this year, "12.11.2024" before.
pub fn list_date(unix: Option<i64>, now: DateTime<Local>) -> String {
    let Some(date) = unix.and_then(|t| Local.timestamp_opt(t, 0).single()) else {
        return String::new();
    };
    if date.date_naive() == now.date_naive() {
        date.format("%H:%M").to_string()
    } else if date.format("%Y").to_string() == now.format("%Y").to_string() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%d.%m.%Y").to_string()
    }
}

/// The full date for the reader's header.
pub fn full_date(unix: Option<i64>) -> String {
    unix.and_then(|t| Local.timestamp_opt(t, 0).single())
        .map(|d| d.format("%a, %-d %b %Y %H:%M").to_string())
        .unwrap_or_default()
}

/// "912 B", "14 KB", "3.2 MB".
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{} KB", bytes / 1024),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

/// The sender as people know them: the name if there is one, else the address.
pub fn person(name: &str, address: &str) -> String {
    if name.trim().is_empty() { address.to_string() } else { name.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size(912), "912 B");
        assert_eq!(size(14 * 1024 + 10), "14 KB");
        assert_eq!(size(3_355_443), "3.2 MB");
    }

    #[test]
    fn dates_are_short_when_recent() {
        let now = Local.with_ymd_and_hms(2026, 11, 30, 18, 0, 0).unwrap();
        let today = Local.with_ymd_and_hms(2026, 11, 30, 9, 5, 0).unwrap().timestamp();
        let this_year = Local.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap().timestamp();
        let older = Local.with_ymd_and_hms(2024, 12, 31, 9, 5, 0).unwrap().timestamp();
        assert_eq!(list_date(Some(today), now), "09:05");
        assert_eq!(list_date(Some(this_year), now), "2 Mar");
        assert_eq!(list_date(Some(older), now), "31.12.2024");
        assert_eq!(list_date(None, now), "");
    }

    #[test]
    fn a_sender_without_a_name_is_its_address() {
        assert_eq!(person(" ", "a@b.example"), "a@b.example");
        assert_eq!(person("Анна", "a@b.example"), "Анна");
    }
}
