//! Search from the toolbar: the local full-text index as you type, and "search on server" for
//! mail the cache lacks (the open folder searched by the server; what it finds is fetched into
//! the cache and listed).

use super::{App, Message};
use crate::model::MessageId;
use crate::ui::message_list::Source;
use iced::Task;

impl App {
    pub(super) fn on_search(&mut self, query: String) -> Task<Message> {
        self.search = query;
        if self.search.trim().is_empty() {
            return self.show_selected_folder();
        }
        match self.list.show(&self.engine, Source::Search(self.search.clone())) {
            Ok(task) => task.map(Message::List),
            Err(err) => self.report(err),
        }
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
        self.status = crate::fl!("notice-searching-server");
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.search_on_server(folder, &query).await.map_err(|e| e.to_string()) },
            Message::FoundOnServer,
        )
    }

    pub(super) fn found_on_server(&mut self, result: Result<Vec<MessageId>, String>) -> Task<Message> {
        let found = match result {
            Ok(found) => found,
            Err(err) => return self.report(err),
        };
        self.status = crate::fl!("notice-found-server", count = found.len());
        self.reload_folders();
        match self.list.show(&self.engine, Source::Found(found)) {
            Ok(task) => task.map(Message::List),
            Err(err) => self.report(err),
        }
    }
}
