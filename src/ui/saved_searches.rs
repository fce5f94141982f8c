//! Saved searches ("smart folders") under the folder tree: each runs its query when picked, so
//! what it lists is always the cache as it is now (new mail included: the list re-runs the search
//! when mail arrives). Kept in the profile's `settings.toml`, saved off the UI thread.

use super::theme;
use crate::config::SavedSearch;
use iced::widget::{Column, button, row, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Open(usize),
    Remove(usize),
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Show this query's results (and put it in the search box).
    Open(String),
    /// The list changed: save it.
    Changed,
}

#[derive(Debug, Default)]
pub struct SavedSearches {
    searches: Vec<SavedSearch>,
}

impl SavedSearches {
    pub fn new(searches: Vec<SavedSearch>) -> SavedSearches {
        SavedSearches { searches }
    }

    /// Adds `query` (named after itself); `false` when it is already there.
    pub fn add(&mut self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() || self.searches.iter().any(|s| s.query == query) {
            return false;
        }
        self.searches.push(SavedSearch { name: query.to_string(), query: query.to_string() });
        true
    }

    pub fn list(&self) -> &[SavedSearch] {
        &self.searches
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Open(index) => self.searches.get(index).map(|s| Event::Open(s.query.clone())),
            Message::Remove(index) => {
                (index < self.searches.len()).then(|| self.searches.remove(index)).map(|_| Event::Changed)
            }
        }
    }

    /// The list under its heading (nothing when there are none); `current` is the search shown
    /// now, whose entry is marked.
    pub fn view(&self, current: Option<&str>) -> Element<'_, Message> {
        let mut list = Column::new().spacing(2).padding([0.0, theme::PADDING]);
        if self.searches.is_empty() {
            return list.into();
        }
        list = list.push(text(crate::fl!("sidebar-saved-searches")).size(theme::SMALL_SIZE).style(theme::muted));
        for (index, search) in self.searches.iter().enumerate() {
            let open = button(text(search.name.clone()).width(Length::Fill))
                .width(Length::Fill)
                .style(theme::list_row(current == Some(search.query.as_str())))
                .on_press(Message::Open(index));
            let remove = button(text("−")).padding([0, 6]).style(theme::header_button).on_press(Message::Remove(index));
            list = list.push(row![open, remove].align_y(Alignment::Center).spacing(theme::SPACING));
        }
        list.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    #[test]
    fn a_search_is_saved_once_opened_and_removed() {
        let mut saved = SavedSearches::default();
        assert!(saved.add(" from:anna is:unread "));
        assert!(!saved.add("from:anna is:unread"), "already there");
        assert!(!saved.add("  "));
        assert_eq!(saved.update(Message::Open(0)), Some(Event::Open("from:anna is:unread".into())));
        assert_eq!(saved.update(Message::Open(5)), None);
        assert_eq!(saved.update(Message::Remove(0)), Some(Event::Changed));
        assert!(saved.list().is_empty());
    }

    #[test]
    fn saved_searches_are_kept_in_the_profile_with_the_other_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        let searches =
            vec![SavedSearch { name: "отчёты".into(), query: "отчёты после:2026-01".into() }];
        let saved = Settings { theme: "dark".into(), saved_searches: searches.clone(), ..Settings::default() };
        saved.save(&path).unwrap();
        let settings = Settings::load(&path);
        assert_eq!(settings.saved_searches, searches);
        assert_eq!(settings.theme, "dark", "other settings kept");
    }
}
