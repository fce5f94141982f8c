//! Downloading new messages: pipelined RETR (RFC 2449 §6.6) pulled one message at a time,
//! gathered into batches. Each batch is parsed and sorted by the rules on a blocking thread, then
//! committed (message and UIDL in one transaction); one batch parses while the one before it is
//! written and the next is on the wire. Only what a commit returned goes on the DELE list:
//! durability per batch, not per message, is what lets a large maildrop download at wire speed
//! without ever deleting a letter that is not stored.

use super::Pop3SyncError;
use super::plan::Listed;
use crate::engine::junk::{JUNK_KEYWORD, Letter};
use crate::engine::protocol::pop3::{MAX_WINDOW, Pop3Client, Pop3Error, Retrieved};
use crate::engine::rules::{self, RuleOutcome};
use crate::engine::store::{Pop3Arrival, Store, StoreError, now_unix};
use crate::engine::sync::imap::Progress;
use crate::engine::sync::ingest::{self, ServerFacts};
use crate::engine::sync::junk_arrival;
use crate::model::{AccountId, Flags, FolderId, FolderRole, Rule};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::task::JoinHandle;

/// A batch is committed when it holds this many bytes or messages, whichever comes first.
const BATCH_BYTES: usize = 16 * 1024 * 1024;
const BATCH_MESSAGES: usize = 500;
/// Batches parsing or committing while the next one downloads (bounds memory to a few batches).
const BATCHES_IN_FLIGHT: usize = 2;

/// What the download stored.
#[derive(Debug, Default)]
pub struct Downloaded {
    /// Committed to the store: safe to delete on the server.
    pub stored: Vec<Listed>,
    pub bytes: u64,
    /// Messages the server refused to send (`-ERR` to RETR): not stored, never deleted.
    pub refused: Vec<String>,
}

/// Where arriving mail goes, and how to find (or make) the folders rules name.
pub struct Destination {
    pub store: Arc<Store>,
    pub account: AccountId,
    pub inbox: FolderId,
    pub rules: Arc<Vec<Rule>>,
    /// Whether the junk filter judges arriving mail (the account's `junk_filter`).
    pub junk_filter: bool,
}

type Commit = JoinHandle<Result<Vec<Listed>, StoreError>>;
type Committing = std::collections::VecDeque<Commit>;

pub async fn download<S: AsyncRead + AsyncWrite + Unpin + Send>(
    client: &mut Pop3Client<S>,
    wanted: &[Listed],
    destination: &Arc<Destination>,
    progress: &dyn Progress,
) -> Result<Downloaded, Pop3SyncError> {
    let by_msg: HashMap<u32, &Listed> = wanted.iter().map(|listed| (listed.msg, listed)).collect();
    let msgs: Vec<u32> = wanted.iter().map(|listed| listed.msg).collect();
    let mut downloaded = Downloaded::default();
    let mut batch: Vec<(Listed, Vec<u8>)> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut committing = Committing::new();
    let mut retr = client.retr_batch(&msgs, MAX_WINDOW);
    let failure = loop {
        match retr.next().await {
            Ok(Some(Retrieved::Message { msg, bytes })) => {
                let Some(listed) = by_msg.get(&msg) else { continue };
                batch_bytes += bytes.len();
                downloaded.bytes += bytes.len() as u64;
                batch.push(((*listed).clone(), bytes));
                if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_MESSAGES {
                    let full = std::mem::take(&mut batch);
                    batch_bytes = 0;
                    if committing.len() >= BATCHES_IN_FLIGHT {
                        settle_oldest(&mut committing, &mut downloaded).await?;
                    }
                    committing.push_back(spawn_commit(destination, full));
                    progress.bodies_stored("INBOX", downloaded.stored.len(), wanted.len());
                }
            }
            Ok(Some(Retrieved::Refused { msg, error })) => {
                downloaded.refused.push(format!("message {msg}: {error}"));
            }
            Ok(None) => break None,
            Err(err) => break Some(err),
        }
    };
    // Whatever arrived whole is kept, even when the session broke after it.
    if !batch.is_empty() {
        committing.push_back(spawn_commit(destination, batch));
    }
    while !committing.is_empty() {
        settle_oldest(&mut committing, &mut downloaded).await?;
    }
    progress.bodies_stored("INBOX", downloaded.stored.len(), wanted.len());
    match failure {
        None => Ok(downloaded),
        Some(err) => Err(Pop3SyncError::Session(err)),
    }
}

async fn settle_oldest(committing: &mut Committing, downloaded: &mut Downloaded) -> Result<(), Pop3SyncError> {
    let Some(handle) = committing.pop_front() else { return Ok(()) };
    let stored = handle
        .await
        .map_err(|err| Pop3SyncError::Session(Pop3Error::Protocol(format!("storing messages failed: {err}"))))??;
    downloaded.stored.extend(stored);
    Ok(())
}

/// Parses the batch, then stores it: two blocking steps, so the next batch's parsing can run
/// beside this one's write (the store serialises writes itself).
fn spawn_commit(destination: &Arc<Destination>, batch: Vec<(Listed, Vec<u8>)>) -> Commit {
    let destination = destination.clone();
    tokio::spawn(async move {
        let parsing = destination.clone();
        let (listed, arrivals, now) = tokio::task::spawn_blocking(move || parse(&parsing, batch))
            .await
            .map_err(|err| StoreError::NotFound(format!("parsing a batch failed: {err}")))??;
        tokio::task::spawn_blocking(move || {
            destination.store.store_pop3_batch(destination.account, &arrivals, now)?;
            Ok(listed)
        })
        .await
        .map_err(|err| StoreError::NotFound(format!("storing a batch failed: {err}")))?
    })
}

type Parsed = (Vec<Listed>, Vec<Pop3Arrival>, i64);

/// Parses a batch and applies the rules: the records to store, in the folders the rules chose.
fn parse(destination: &Destination, batch: Vec<(Listed, Vec<u8>)>) -> Result<Parsed, StoreError> {
    let now = now_unix();
    let mut folders = FolderResolver::new(destination)?;
    let correspondents = if destination.junk_filter { junk_arrival::correspondents(&destination.store) } else { None };
    let mut arrivals = Vec::with_capacity(batch.len());
    let mut listed = Vec::with_capacity(batch.len());
    for (item, raw) in batch {
        let facts = ServerFacts {
            uidl: Some(item.uidl.clone()),
            size: raw.len() as u64,
            received_at: Some(now),
            ..Default::default()
        };
        let headers = crate::engine::mime::header_block(&raw).to_vec();
        let mut record = ingest::record_from_message(raw, facts);
        let outcome = rules::apply(&destination.rules, &record, &headers);
        record.flags = flags_for(&outcome);
        let junk = !outcome.delete
            && correspondents.as_ref().is_some_and(|known| {
                let text = record.body.as_ref().map(|body| body.text.as_str()).unwrap_or("");
                let letter = Letter {
                    from_addr: &record.from_addr,
                    from_name: &record.from_name,
                    subject: &record.subject,
                    raw_headers: &headers,
                    text,
                };
                junk_arrival::is_junk(&destination.store, known, &letter, &record.flags)
            });
        let folder = if junk {
            record.flags.keywords.push(JUNK_KEYWORD.to_string());
            destination.store.ensure_local_junk_folder(destination.account)?
        } else {
            folders.folder_for(&outcome)?
        };
        // Junk is not copied anywhere: the filter only moves.
        let copies = if junk {
            Vec::new()
        } else {
            outcome.copy_to.iter().map(|path| folders.by_path(path)).collect::<Result<_, _>>()?
        };
        record.flags.keywords.sort();
        arrivals.push(Pop3Arrival { folder, record, copies });
        listed.push(item);
    }
    Ok((listed, arrivals, now))
}

fn flags_for(outcome: &RuleOutcome) -> Flags {
    let mut flags = Flags::default();
    flags.set(Flags::SEEN, outcome.mark_read);
    flags.set(Flags::FLAGGED, outcome.flag);
    flags.keywords = outcome.tags.clone();
    flags
}

/// Folder ids by path for this account, creating the folders rules name when missing.
struct FolderResolver<'a> {
    destination: &'a Destination,
    by_path: HashMap<String, FolderId>,
    trash: Option<FolderId>,
}

impl<'a> FolderResolver<'a> {
    fn new(destination: &'a Destination) -> Result<FolderResolver<'a>, StoreError> {
        let folders = destination.store.folders(destination.account)?;
        let trash = folders.iter().find(|f| f.role == Some(FolderRole::Trash)).map(|f| f.id);
        let by_path = folders.into_iter().map(|f| (f.path.to_lowercase(), f.id)).collect();
        Ok(FolderResolver { destination, by_path, trash })
    }

    fn folder_for(&mut self, outcome: &RuleOutcome) -> Result<FolderId, StoreError> {
        if outcome.delete {
            return Ok(self.trash.unwrap_or(self.destination.inbox));
        }
        match outcome.move_to.as_deref() {
            Some(path) => self.by_path(path),
            None => Ok(self.destination.inbox),
        }
    }

    /// The folder at `path` (ignoring case), made when it does not exist yet.
    fn by_path(&mut self, path: &str) -> Result<FolderId, StoreError> {
        let path = path.trim();
        if let Some(id) = self.by_path.get(&path.to_lowercase()) {
            return Ok(*id);
        }
        let id = self.destination.store.create_local_folder(self.destination.account, path)?;
        self.by_path.insert(path.to_lowercase(), id);
        Ok(id)
    }
}
