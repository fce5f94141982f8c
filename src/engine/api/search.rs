//! Local search: what the search box and `pochta search` ask (the language is in
//! `engine::search::query`), the words to highlight in what they show, and how far a rebuild of
//! the index is.

use super::{EngineError, EngineHandle, MessageSummary};
use crate::engine::search::{Query, words};
use crate::model::{AccountId, MessageId};

/// Where to search besides what the query itself says (the command line's `--account` and
/// `--folder`): an account and a folder's path, name or role.
#[derive(Debug, Clone, Default)]
pub struct SearchScope {
    pub account: Option<AccountId>,
    pub folder: Option<String>,
}

impl EngineHandle {
    /// The newest `limit` messages of every account that match `query` (the search box's
    /// language); nothing for a query that asks nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<MessageSummary>, EngineError> {
        self.search_in(query, &SearchScope::default(), limit)
    }

    /// [`search`](Self::search) within an account or folder.
    pub fn search_in(
        &self,
        query: &str,
        scope: &SearchScope,
        limit: usize,
    ) -> Result<Vec<MessageSummary>, EngineError> {
        let Some(mut parsed) = Query::parse(query) else { return Ok(Vec::new()) };
        parsed.account_id = scope.account;
        parsed.folders.extend(scope.folder.as_deref().map(words::fold));
        Ok(self.inner.store.search(&parsed, limit)?)
    }

    /// A line of the message's text around the first word the query matches ("" if none does).
    pub fn search_snippet(&self, id: MessageId, query: &str) -> Result<String, EngineError> {
        let Some(parsed) = Query::parse(query) else { return Ok(String::new()) };
        Ok(self.inner.store.search_snippet(id, &parsed.highlight_words())?)
    }

    /// How far a rebuild of the search index is (done, of how many), while one is under way
    /// (a new index format on the first start of a new version, or a lost index file). Search
    /// answers meanwhile, from the older index or from what is done.
    pub fn search_index_rebuild(&self) -> Option<(u64, u64)> {
        self.inner.store.search_index_rebuild()
    }
}

/// Whether `query` asks anything (empty, punctuation-only and operators still without a value
/// ask nothing: the window shows the folder instead).
pub fn is_query(query: &str) -> bool {
    Query::parse(query).is_some()
}

/// Where in `text` (a subject) the words `query` searches for are: byte ranges, in order.
pub fn highlight_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    match Query::parse(query) {
        Some(parsed) => words::matched_ranges(text, &parsed.highlight_words()),
        None => Vec::new(),
    }
}
