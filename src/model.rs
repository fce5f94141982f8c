//! Plain domain types shared by every layer: ids, server settings, flags, addresses.
//! No I/O, no SQL, no iced: anything here can be built in a unit test from literals.

mod account;
mod flags;
mod ids;
mod listing;
mod rules;
mod server;

pub use account::{AccountSettings, Identity, OAuthMechanism, OAuthSettings, Pop3Options, SyncPolicy};
pub use flags::{Flag, Flags, FolderRole};
pub use ids::{AccountId, DraftId, FolderId, MessageId, OutboxId, ThreadId, Uid, UidValidity};
pub use listing::{ListOrder, ListScope, SortKey};
pub use rules::{Condition, Rule, RuleField, RuleTest};
pub use server::{LoginFormat, Protocol, Security, ServerEndpoint};
