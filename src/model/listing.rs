//! How a message list is ordered and what it covers: the words the list pane and the store share.

use super::{FolderId, ThreadId};

/// The column a list is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    #[default]
    Date,
    /// The sender's name, or the address when there is no name.
    Sender,
    Subject,
}

/// The order of a list: a column, a direction, and whether conversations show as one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListOrder {
    pub key: SortKey,
    pub descending: bool,
    /// One row per conversation (the newest message of it in this list, with the count).
    pub threads: bool,
}

impl Default for ListOrder {
    /// Newest first, one row per message: what a mail client shows before anyone clicks a header.
    fn default() -> Self {
        ListOrder { key: SortKey::Date, descending: true, threads: false }
    }
}

impl ListOrder {
    /// The order after a click on a column header: the same column turns around, another one
    /// starts newest / A-first.
    pub fn clicked(self, key: SortKey) -> ListOrder {
        let descending = if key == self.key { !self.descending } else { key == SortKey::Date };
        ListOrder { key, descending, ..self }
    }
}

/// Which messages a list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListScope {
    Folder(FolderId),
    /// Every account's Inbox together (the unified inbox).
    AllInboxes,
    /// One conversation's messages within a folder (an expanded thread row).
    Thread(FolderId, ThreadId),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicking_a_header_twice_turns_the_order_around() {
        let order = ListOrder::default().clicked(SortKey::Subject);
        assert_eq!((order.key, order.descending), (SortKey::Subject, false));
        assert!(order.clicked(SortKey::Subject).descending);
        assert!(!ListOrder::default().clicked(SortKey::Date).descending, "date was newest first");
    }
}
