//! Search results and a server's finds in the list: read by the window off its thread and
//! handed over whole, so the list pages through them without asking the engine again; each row
//! names its folder as the folder tree does, in the language of the moment.

use super::{Message, MessageList, Read, Source, reads};
use crate::engine::api::{FolderInfo, MessageSummary};
use crate::model::MessageId;
use iced::Task;

impl MessageList {
    /// Shows search results or a server's finds, read by the caller off the window's thread; the
    /// list pages through them without asking the engine again. A new search keeps the letter
    /// open when it is among the finds (scrolled into view); else nothing is selected.
    pub fn show_found(&mut self, source: Source, rows: Vec<MessageSummary>) -> Task<Message> {
        let same = self.source.as_ref() == Some(&source);
        if matches!(self.source, Some(Source::Folder(_) | Source::AllInboxes)) {
            self.before_search = self.focused;
        }
        self.source = Some(source);
        let kept = self.focused.and_then(|id| rows.iter().position(|r| r.id == id).map(|at| (id, at)));
        self.found = rows;
        if same {
            self.show_found_window();
            return Task::none();
        }
        self.offset = 0.0;
        self.clear_selection();
        self.expansion = None;
        let Some((id, at)) = kept else {
            self.show_found_window();
            return self.scroll_to_top();
        };
        // From the top, unless the letter is further down: then down to it.
        let scroll = self.reveal(at);
        let scroll = if self.offset > 0.0 { scroll } else { self.scroll_to_top() };
        self.show_found_window();
        self.select_only(id);
        self.anchor = Some(at);
        self.set_cursor(Some(at));
        scroll
    }

    /// The search or server find on show, to read again after a change (None: a folder).
    pub fn found_source(&self) -> Option<Source> {
        self.source.clone().filter(|source| matches!(source, Source::Search(_) | Source::Found(_)))
    }

    pub(super) fn show_found_window(&mut self) {
        let (first, count) = self.window();
        self.total = self.found.len();
        self.first = first.min(self.found.len());
        self.rows = self.found.iter().skip(first).take(count).cloned().collect();
        let missing: Vec<MessageId> =
            self.rows.iter().map(|r| r.id).filter(|id| !self.previews.contains_key(id)).collect();
        if self.columns.two_lines && !missing.is_empty() {
            self.page_asked += 1;
            self.read = Some(Read { number: self.page_asked, what: reads::Wanted::Previews(missing) });
        }
    }

    /// The folders search results may come from (their names are the folder tree's).
    pub fn set_folders(&mut self, folders: &[FolderInfo]) {
        self.folders = folders.iter().map(|folder| (folder.id, folder.clone())).collect();
    }

    /// The name of the folder a row of search results is in, in the language of the moment
    /// (None: the list is one folder's).
    pub(crate) fn folder_of(&self, row: &MessageSummary) -> Option<String> {
        match &self.source {
            Some(Source::Search(_) | Source::Found(_)) => Some(
                self.folders.get(&row.folder).map_or_else(|| row.folder_path.clone(), crate::ui::sidebar::display_name),
            ),
            _ => None,
        }
    }

    /// What the list's search asked, when it shows search results (their words are highlighted).
    pub fn search_query(&self) -> Option<&str> {
        match &self.source {
            Some(Source::Search(query)) => Some(query),
            _ => None,
        }
    }
}
