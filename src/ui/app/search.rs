//! Search from the toolbar: the local full-text index as you type (the search box's language,
//! with fields and filters, is the engine's; the placeholder names the operators), with a count
//! of what was found in the status line; "search on server" for mail the cache lacks (the open
//! folder searched by the server; what it finds is fetched into the cache and listed); and the
//! progress of a rebuild of the index (a new index format), polled while one runs. The reader
//! follows the list through a search: a letter not found (or not selected any more) leaves it;
//! back in the folder, the letter open there (or the one open before the search) is open again.

use super::{App, Message};
use crate::engine::api::MessageSummary;
use crate::model::MessageId;
use crate::ui::message_list::{MessageList, Source};
use crate::ui::saved_searches;
use iced::Task;

impl App {
    pub(super) fn on_search(&mut self, query: String) -> Task<Message> {
        self.search = query;
        if !crate::engine::api::is_query(&self.search) {
            self.status.clear();
            // Back in the folder, the letter open now (if it is this folder's) or the one open
            // before the search is open again, as Thunderbird keeps it when its filter is cleared.
            let folder = self.sidebar.selected().map(|f| f.id);
            let open_here = self.reader.current().filter(|v| Some(v.summary.folder) == folder).map(|v| v.summary.id);
            let back = open_here.or(self.list.take_letter_before_search());
            let shown = self.show_selected_folder();
            let Some(id) = back else {
                self.reader_follows_list();
                return shown;
            };
            return Task::batch([shown, self.on_list(crate::ui::message_list::Message::Select(id))]);
        }
        self.read_found(Source::Search(self.search.clone()))
    }

    /// Runs a search, or reads a server's finds from the cache, off the window's thread.
    pub(super) fn read_found(&mut self, source: Source) -> Task<Message> {
        self.found_asked = Some(source.clone());
        let engine = self.engine.clone();
        let asked = source.clone();
        let read = async move {
            let rows = engine.off_thread(move |engine| match &asked {
                Source::Search(query) => engine.search(query, MessageList::SEARCH_LIMIT),
                Source::Found(ids) => {
                    Ok(ids.iter().filter_map(|id| engine.message(*id).ok()).map(|v| v.summary).collect())
                }
                Source::Folder(_) | Source::AllInboxes => Ok(Vec::new()),
            });
            rows.await.map_err(|err| err.to_string())
        };
        Task::perform(read, move |rows| Message::Found(source.clone(), rows))
    }

    /// A search's rows came back: shown unless the search box has changed since (typing on).
    pub(super) fn on_found(&mut self, source: Source, rows: Result<Vec<MessageSummary>, String>) -> Task<Message> {
        if self.found_asked.as_ref() != Some(&source) {
            return Task::none();
        }
        let rows = match rows {
            Ok(rows) => rows,
            Err(err) => return self.report(err),
        };
        // Results come from every folder: none is highlighted, each row names its own.
        self.sidebar.set_searching(true);
        let count = rows.len();
        if matches!(source, Source::Search(_)) {
            self.status = if count >= MessageList::SEARCH_LIMIT {
                crate::fl!("notice-search-found-more", count = count)
            } else {
                crate::fl!("notice-search-found", count = count)
            };
        }
        self.list.offer_server_search(self.server_search_possible());
        let shown = self.list.show_found(source, rows).map(Message::List);
        self.reader_follows_list();
        // The two-line list's first words of the rows in view, read off this thread.
        Task::batch([shown, self.list_read()])
    }

    /// The reader shows the letter selected in the list, or none: a search that did not find the
    /// letter open, or going back to the folder (whose rows come anew), empties it, and the
    /// letter actions follow (they act on the list's selection).
    fn reader_follows_list(&mut self) {
        if self.reader.current_id().is_some_and(|shown| self.list.focused() != Some(shown)) {
            self.reader.clear();
        }
    }

    /// Asks the engine how far the index rebuild is (off the UI thread: finishing it removes the
    /// older index's files).
    pub(super) fn poll_search_index(&mut self) -> Task<Message> {
        let engine = self.engine.clone();
        Task::perform(async move { engine.search_index_rebuild() }, Message::SearchIndexProgress)
    }

    pub(super) fn on_search_index(&mut self, progress: Option<(u64, u64)>) -> Task<Message> {
        let was_rebuilding = self.search_rebuild.is_some();
        self.search_rebuild = progress;
        match progress {
            Some((done, total)) => {
                let percent = done * 100 / total.max(1);
                self.status = crate::fl!("status-search-rebuild", percent = percent);
            }
            None if was_rebuilding => self.status.clear(),
            None => {}
        }
        Task::none()
    }

    /// Keeps the query in the search box under the folder tree.
    pub(super) fn save_search(&mut self) -> Task<Message> {
        if !self.saved_searches.add(&self.search) {
            return Task::none();
        }
        self.store_saved_searches()
    }

    pub(super) fn on_saved_search(&mut self, message: saved_searches::Message) -> Task<Message> {
        match self.saved_searches.update(message) {
            Some(saved_searches::Event::Open(query)) => {
                self.outbox = None;
                self.reader.clear();
                self.on_search(query)
            }
            Some(saved_searches::Event::Changed) => self.store_saved_searches(),
            None => Task::none(),
        }
    }

    fn store_saved_searches(&self) -> Task<Message> {
        let engine = self.engine.clone();
        let searches = self.saved_searches.list().to_vec();
        let save = async move { engine.update_settings(move |settings| settings.saved_searches = searches).await };
        Task::perform(save, |done| Message::SavedSearchesStored(done.map_err(|err| err.to_string())))
    }

    /// Whether the open folder is on a server that can be asked (a folder kept only here
    /// has all its mail in the local search already).
    pub(super) fn server_search_possible(&self) -> bool {
        self.sidebar.selected().is_some_and(|folder| folder.on_server)
    }

    /// Asks the open folder's server for the words in the search field.
    pub(super) fn search_on_server(&mut self) -> Task<Message> {
        let Some(folder) = self.sidebar.selected().map(|f| f.id) else {
            return self.report(crate::fl!("error-search-server-folder"));
        };
        let query = self.search.trim().to_string();
        if query.is_empty() {
            return Task::none();
        }
        self.say_ongoing(crate::fl!("notice-searching-server"), std::time::Instant::now());
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.search_on_server(folder, &query).await.map_err(|e| e.to_string()) },
            Message::FoundOnServer,
        )
    }

    pub(super) fn found_on_server(&mut self, result: Result<Vec<MessageId>, String>) -> Task<Message> {
        self.stop_saying(&crate::fl!("notice-searching-server"));
        let found = match result {
            Ok(found) => found,
            Err(err) => return self.report(err),
        };
        self.status = crate::fl!("notice-found-server", count = found.len());
        Task::batch([self.read_overview(), self.read_found(Source::Found(found))])
    }
}
