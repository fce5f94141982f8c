//! Sending from the outbox: a letter is taken (leased) from the store, handed to the account's
//! SMTP server, and only after the final 250 marked sent, filed in Sent and removed. A failure
//! leaves it in the outbox with the reason: retried with backoff when waiting can help
//! (offline, busy, rate-limited), otherwise kept for the person to fix. A small background task
//! on the engine runtime, apart from the IMAP actors, sends whatever is due.

mod explain;
mod refusal;
mod submit;
#[cfg(test)]
mod tests;

pub use explain::{Retry, SendProblem};
pub use refusal::worded as worded_refusal;

use super::compose;
use super::error::EngineError;
use super::event::{Event, EventBus};
use super::protocol::tls::Trust;
use super::store::{FolderRow, Operation, OutboxEntry, Store};
use super::{credential, secrets};
use crate::config::{AccountsFile, Paths};
use crate::model::{AccountId, AccountSettings, Flags, FolderId, FolderRole, OutboxId, Protocol};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long a sender holds a letter: a process killed mid-send frees it after this.
const LEASE_SECONDS: i64 = 10 * 60;
/// Backoff between attempts: 1, 2, 4 ... minutes, at most an hour.
const FIRST_RETRY_SECONDS: i64 = 60;
const MAX_RETRY_SECONDS: i64 = 60 * 60;
/// The background sender looks at the outbox at least this often.
const IDLE_CHECK: Duration = Duration::from_secs(300);

/// What sending needs from the engine.
#[derive(Clone)]
pub struct OutboxContext {
    pub store: Arc<Store>,
    pub paths: Paths,
    pub events: EventBus,
}

/// What one attempt at one letter did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The server took it (final 250).
    Sent,
    /// Someone else is sending it, or it is not due, sent, or gone.
    Skipped,
    /// It stays in the outbox: why, and when it is tried again (`None`: when the person says).
    Failed { problem: SendProblem, retry_at: Option<i64> },
}

/// Tries to send one letter now.
pub async fn attempt(ctx: &OutboxContext, id: OutboxId) -> Result<Attempt, EngineError> {
    let now = crate::engine::store::now_unix();
    let Some(entry) = ctx.store.claim_outgoing(id, now, now + LEASE_SECONDS)? else { return Ok(Attempt::Skipped) };
    let account = match account_for(ctx, entry.account) {
        Ok(account) => account,
        Err(err) => return give_back_err(ctx, &entry, err, Retry::Never),
    };
    let password = match credential(&account).await {
        Ok(password) => password,
        Err((err, retry)) => return give_back_err(ctx, &entry, err, retry),
    };
    let raw = ctx.store.outbox_raw(id)?.unwrap_or_default();
    let pin = ctx.store.pin_for(&account.smtp.host, account.smtp.port)?;
    let trust = Trust { ca_file: account.ca_file.clone(), pinned_sha256: pin.map(|p| p.sha256) };
    let data = compose::strip_bcc(&raw);
    let submission =
        submit::Submission { envelope_from: &entry.envelope_from, recipients: &entry.recipients, data: &data };
    let mut result = submit::submit(&account.smtp, &trust, &account, password.expose(), &submission).await;
    if matches!(result, Err(submit::SubmitFailure::Login(_))) && account.oauth.is_some() {
        // The access token was refused (expired early, revoked): once more with a refreshed one.
        // A refused refresh token ends here as "sign in again", never in a loop.
        crate::engine::oauth::forget_access_token(&account.email);
        let password = match credential(&account).await {
            Ok(password) => password,
            Err((err, retry)) => return give_back_err(ctx, &entry, err, retry),
        };
        result = submit::submit(&account.smtp, &trust, &account, password.expose(), &submission).await;
    }
    match result {
        Ok(()) => {
            ctx.store.outgoing_sent(id)?;
            tracing::info!(outbox = %id, message_id = %entry.message_id, "sent");
            finish_sent(ctx, &account, entry.account, id, raw)?;
            Ok(Attempt::Sent)
        }
        Err(failure) => {
            let explained = explain::explain(&failure, &account, &entry.envelope_from);
            tracing::info!(outbox = %id, problem = %explained.message, "not sent");
            let kept = refusal::to_store(&failure, &explained.message);
            give_back(ctx, &entry, explained, &kept)
        }
    }
}

/// The attempt failed: the letter goes back to the outbox with the reason.
/// `kept` is what the outbox stores as the reason (see `refusal`).
fn give_back(
    ctx: &OutboxContext,
    entry: &OutboxEntry,
    problem: SendProblem,
    kept: &str,
) -> Result<Attempt, EngineError> {
    let now = crate::engine::store::now_unix();
    let retry_at = match problem.retry {
        Retry::Soon => Some(now + backoff(entry.attempts + 1)),
        Retry::Later => Some(now + backoff(entry.attempts + 1).max(explain::RATE_LIMIT_PAUSE)),
        Retry::Never => None,
    };
    ctx.store.outgoing_failed(entry.id, kept, retry_at)?;
    ctx.events.emit(Event::OutboxChanged { account: entry.account });
    Ok(Attempt::Failed { problem, retry_at })
}

/// The account's password or access token; when there is none, the error and whether a later
/// attempt can help (a keyring that is locked now may open; a refused sign-in will not).
async fn credential(account: &AccountSettings) -> Result<secrets::Password, (EngineError, Retry)> {
    credential::password_for(account).await.map_err(|err| {
        let err = EngineError::from(err);
        let retry = if err.retryable { Retry::Soon } else { Retry::Never };
        (err, retry)
    })
}

/// An engine problem (no account, no password) as the reason: kept as its sentence.
fn give_back_err(
    ctx: &OutboxContext,
    entry: &OutboxEntry,
    err: EngineError,
    retry: Retry,
) -> Result<Attempt, EngineError> {
    let problem = SendProblem { kind: err.kind, message: err.message, retry };
    let kept = problem.message.clone();
    give_back(ctx, entry, problem, &kept)
}

/// Seconds to wait before attempt number `attempts` + 1.
pub fn backoff(attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(16);
    (first_retry_seconds() << doublings).min(MAX_RETRY_SECONDS)
}

/// [`FIRST_RETRY_SECONDS`], or `POCHTA_RETRY_PAUSE_SECS` (for tests of automatic retries, which
/// should not wait a minute).
fn first_retry_seconds() -> i64 {
    static PAUSE: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *PAUSE.get_or_init(|| {
        std::env::var("POCHTA_RETRY_PAUSE_SECS")
            .ok()
            .and_then(|text| text.trim().parse::<i64>().ok())
            .filter(|secs| *secs > 0)
            .unwrap_or(FIRST_RETRY_SECONDS)
    })
}

/// What a pass over the outbox did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FlushReport {
    pub sent: Vec<OutboxId>,
    pub failed: Vec<(OutboxId, SendProblem)>,
}

/// Sends every letter that is due (of one account, or all). After a letter of an account fails
/// for want of a connection, that account's other letters wait for the next pass.
pub async fn flush(ctx: &OutboxContext, account: Option<AccountId>) -> Result<FlushReport, EngineError> {
    file_unfiled_copies(ctx)?;
    let mut report = FlushReport::default();
    let mut unreachable: Vec<AccountId> = Vec::new();
    let now = crate::engine::store::now_unix();
    for id in ctx.store.due_outgoing(account, now)? {
        let Some(entry) = ctx.store.outbox_entry(id)? else { continue };
        if unreachable.contains(&entry.account) {
            continue;
        }
        match attempt(ctx, id).await? {
            Attempt::Sent => report.sent.push(id),
            Attempt::Skipped => {}
            Attempt::Failed { problem, .. } => {
                if problem.kind == super::error::ErrorKind::Network {
                    unreachable.push(entry.account);
                }
                report.failed.push((id, problem));
            }
        }
    }
    Ok(report)
}

/// Letters the server took before the process stopped, whose Sent copy was not filed yet.
fn file_unfiled_copies(ctx: &OutboxContext) -> Result<(), EngineError> {
    for entry in ctx.store.sent_but_unfiled()? {
        let raw = ctx.store.outbox_raw(entry.id)?.unwrap_or_default();
        match account_for(ctx, entry.account) {
            Ok(account) => finish_sent(ctx, &account, entry.account, entry.id, raw)?,
            // The account is gone: nothing to file into.
            Err(_) => ctx.store.remove_outgoing(entry.id)?,
        }
    }
    Ok(())
}

/// After the final 250: the Sent copy (Bcc kept), then the outbox row goes.
fn finish_sent(
    ctx: &OutboxContext,
    account: &AccountSettings,
    account_id: AccountId,
    id: OutboxId,
    raw: Vec<u8>,
) -> Result<(), EngineError> {
    if !file_sent_copy(&ctx.store, account, account_id, raw)? {
        // Kept as sent-but-unfiled: the next pass files it once the folders are known.
        return Ok(());
    }
    ctx.store.remove_outgoing(id)?;
    ctx.events.emit(Event::OutboxChanged { account: account_id });
    ctx.events.emit(Event::FoldersChanged { account: account_id });
    Ok(())
}

/// IMAP: an APPEND to Sent, queued (shown at once, uploaded by the sync), unless the provider
/// files sent mail itself (Gmail, also a Workspace domain known only by its servers): a second
/// copy would be a duplicate. POP3: the local Sent
/// folder, when the account has one. False when it cannot be filed yet: an IMAP account whose
/// folders were never listed (creating "Sent" blindly could clash with the server's own).
fn file_sent_copy(
    store: &Store,
    account: &AccountSettings,
    account_id: AccountId,
    raw: Vec<u8>,
) -> Result<bool, EngineError> {
    let provider = account
        .preset
        .as_deref()
        .and_then(super::presets::find_by_id)
        .or_else(|| super::presets::find_for_address(&account.email))
        .or_else(|| super::presets::find_by_servers(&account.incoming.host, &account.smtp.host));
    if account.protocol == Protocol::Imap && provider.is_some_and(|p| p.sent_copy_by_server) {
        return Ok(true);
    }
    let mut flags = Flags::default();
    flags.set(Flags::SEEN, true);
    let folders = store.folders(account_id)?;
    match account.protocol {
        Protocol::Imap => {
            if folders.is_empty() {
                return Ok(false);
            }
            let folder = match sent_folder(&folders) {
                Some(folder) => folder,
                None => create_sent_folder(store, account_id, &folders)?,
            };
            super::sync::queue_append(store, account_id, folder, raw, flags)?;
        }
        Protocol::Pop3 | Protocol::Local => {
            // Local folders: Sent exists from the account's first sync, or is made now.
            store.ensure_local_folders(account_id)?;
            let folders = store.folders(account_id)?;
            if let Some(folder) = sent_folder(&folders) {
                let mut record = super::sync::record_from_message(raw);
                record.flags = flags;
                store.upsert_messages(folder, &[record])?;
            }
        }
    }
    Ok(true)
}

fn sent_folder(folders: &[FolderRow]) -> Option<FolderId> {
    folders
        .iter()
        .find(|f| f.role == Some(FolderRole::Sent))
        .or_else(|| folders.iter().find(|f| f.path.eq_ignore_ascii_case("Sent")))
        .map(|f| f.id)
}

/// An account with no Sent folder (or never synced): "Sent" is made, locally and on the server.
fn create_sent_folder(store: &Store, account: AccountId, folders: &[FolderRow]) -> Result<FolderId, EngineError> {
    let delimiter = folders.iter().find_map(|f| f.delimiter.clone());
    let folder = store.create_folder_row(account, "Sent", delimiter.as_deref())?;
    store.queue_operation(account, &Operation::CreateFolder { folder, path: "Sent".into() })?;
    Ok(folder)
}

fn account_for(ctx: &OutboxContext, id: AccountId) -> Result<AccountSettings, EngineError> {
    let row = ctx
        .store
        .accounts()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| EngineError::config(crate::fl!("error-letter-account-gone")))?;
    AccountsFile::load(&ctx.paths.accounts_file())?
        .find(&row.email)
        .cloned()
        .ok_or_else(|| EngineError::config(crate::fl!("error-no-account", email = row.email.as_str())))
}

/// The background sender: dropping it stops it (a letter it was sending stays leased and is
/// picked up again when the lease ends).
pub struct OutboxWorker {
    wake: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl OutboxWorker {
    /// Look at the outbox now (a letter was queued, or the network came back).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

impl Drop for OutboxWorker {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn spawn_worker(runtime: &tokio::runtime::Handle, ctx: OutboxContext) -> OutboxWorker {
    let wake = Arc::new(Notify::new());
    let notified = wake.clone();
    let task = runtime.spawn(async move {
        loop {
            if let Err(err) = flush(&ctx, None).await {
                tracing::warn!(%err, "outbox pass failed");
            }
            let now = crate::engine::store::now_unix();
            let next = ctx.store.next_outgoing_due().ok().flatten();
            let wait = match next {
                Some(due) => Duration::from_secs(due.saturating_sub(now).clamp(1, IDLE_CHECK.as_secs() as i64) as u64),
                None => IDLE_CHECK,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = notified.notified() => {}
            }
        }
    });
    OutboxWorker { wake, task }
}
