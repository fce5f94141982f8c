//! Id newtypes: a bare `i64` or `u32` never crosses a module boundary.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident($inner:ty)) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A row in the store's `accounts` table.
    AccountId(i64)
);
/// No account yet: a letter whose sending account is still to be chosen (rows start at 1).
impl Default for AccountId {
    fn default() -> AccountId {
        AccountId(0)
    }
}

id_type!(
    /// A row in the store's `folders` table.
    FolderId(i64)
);
id_type!(
    /// A row in the store's `messages` table; stable across syncs of the same folder.
    MessageId(i64)
);
id_type!(
    /// An IMAP UID (RFC 3501 2.3.1.1), meaningful only with its folder's [`UidValidity`].
    Uid(u32)
);
id_type!(
    /// An IMAP UIDVALIDITY (RFC 3501 2.3.1.1): when it changes, every cached UID is void.
    UidValidity(u32)
);
id_type!(
    /// A letter in the store's `outbox` table, waiting for (or being handed to) the SMTP server.
    OutboxId(i64)
);
id_type!(
    /// A row in the store's `drafts` table: a letter being written.
    DraftId(i64)
);
id_type!(
    /// A conversation: the messages that reply to each other share it (`messages.thread_id`).
    ThreadId(i64)
);
