//! Synchronisation: keeping the store a true mirror of the server (IMAP) or draining the server
//! into the store (POP3). Planners are pure and unit-tested; executors talk to the protocol
//! clients and write through the store.

pub mod imap;
mod ingest;
// The reader's tests build attachment rows the way a sync stores them.
#[cfg(test)]
pub(crate) use ingest::attachment_record;
mod junk_arrival;
pub mod plan;
pub mod pop3;

use crate::model::{FolderId, SyncPolicy};

/// A local record for a message that exists only here so far (a draft, a queued sent copy).
pub fn record_from_message(raw: Vec<u8>) -> crate::engine::store::MessageRecord {
    ingest::record_from_message(raw, ingest::ServerFacts::default())
}

/// Stores a message in a folder at once (a local row) and, for IMAP accounts, queues its upload
/// (APPEND, replayed by the next pass): for the user's own appends, sent copies and drafts.
pub fn queue_append(
    store: &crate::engine::store::Store,
    account: crate::model::AccountId,
    folder: FolderId,
    raw: Vec<u8>,
    flags: crate::model::Flags,
) -> crate::engine::store::StoreResult<crate::model::MessageId> {
    use base64::Engine;
    let raw_base64 = base64::engine::general_purpose::STANDARD.encode(&raw);
    let mut record = record_from_message(raw);
    record.flags = flags.clone();
    let placeholder = store.upsert_messages(folder, &[record])?[0];
    // A local-folder (POP3) account has no server copy to make: the row is the message.
    if store.is_local_account(account)? {
        return Ok(placeholder);
    }
    store.mark_local(placeholder)?;
    store.queue_operation(
        account,
        &crate::engine::store::Operation::Append { folder, placeholder, flags, raw_base64 },
    )?;
    Ok(placeholder)
}

/// What one pass did, per folder: for `pochta sync --json` and progress reporting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncSummary {
    pub folders: Vec<FolderSummary>,
    pub bytes: u64,
    pub seconds: f64,
    /// Pending operations the server accepted in this pass.
    pub operations_replayed: usize,
    /// POP3: messages removed from the server in this pass (after they were stored here).
    pub deleted_on_server: usize,
    /// POP3: the server's LOGIN-DELAY (RFC 2449 §6.5), the least time between two logins.
    pub login_delay: Option<std::time::Duration>,
    pub errors: Vec<String>,
    /// Pending operations the server refused in this pass (undone here; also in `errors`).
    pub refused: Vec<Refusal>,
}

/// One operation the server refused: which kind, what it was in words, and the server's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// "create-folder", "rename-folder", "delete-folder", "move", "copy", "flags", "delete", "append".
    pub operation: &'static str,
    pub what: String,
    pub reply: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderSummary {
    pub folder: Option<FolderId>,
    pub path: String,
    pub new_messages: usize,
    pub bodies: usize,
    pub removed: usize,
    pub flags_changed: usize,
    pub rebuilt: bool,
    /// Rules that could not be carried out (a folder that does not exist).
    pub rule_problems: Vec<String>,
}

/// What a pass should fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncOptions {
    /// Fetch bodies for offline reading (the default); `false`: headers and flags only.
    pub bodies: bool,
    /// Only bodies of messages younger than this many days (None: all).
    pub body_days: Option<u32>,
    /// Headers and text parts only; attachments stay on the server until opened.
    pub attachments_on_demand: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions { bodies: true, body_days: None, attachments_on_demand: false }
    }
}

impl SyncOptions {
    /// What a pass of this account fetches: the request, narrowed by the account's own policy.
    pub fn for_account(self, policy: &SyncPolicy) -> SyncOptions {
        SyncOptions {
            bodies: self.bodies && policy.bodies,
            body_days: self.body_days.or(policy.body_days),
            attachments_on_demand: self.attachments_on_demand || policy.attachments_on_demand,
        }
    }
}
