//! Fetching messages (RFC 3501 6.4.5): headers newest first so the latest mail is readable at
//! once, then bodies in size-bounded batches. Parsing and the batch commit run on a blocking
//! thread while the next batch is on the wire, so the network never waits for SQLite or the
//! MIME parser, and at most two batches are in memory.

use super::partial::{self, PartialPlan};
use super::{SyncError, SyncJob, timed};
use crate::engine::protocol::deadline;
use crate::engine::protocol::imap::{ImapSession, sequence};
use crate::engine::store::{BODY_FULL, BODY_TEXT, FolderRow, MessageRecord, Store, StoreError};
use crate::engine::sync::ingest::{self, ServerFacts};
use crate::engine::sync::plan;
use crate::model::{Flags, FolderId, Uid};
use async_imap::types::{Fetch, Flag};
use futures::TryStreamExt;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// Headers per FETCH: the first batch is what the user sees first, so it is small enough to
/// arrive well within a second even on a slow link.
const HEADER_BATCH: u32 = 500;
/// Bytes of message bodies per FETCH batch (bounded memory: two batches at most are held).
const BODY_BATCH_BYTES: u64 = 8 * 1024 * 1024;
const BODY_BATCH_MAX: usize = 500;
/// A message's header block, generously, for the deadline of a header FETCH.
const HEADER_BYTES: u64 = 16 * 1024;
/// New messages allowed for in the deadline of `UID FETCH n:*` (the count is not known before).
const NEW_MAIL_ALLOWANCE: u32 = 5_000;

/// What a FETCH of new messages asks for besides the list's items.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// MODSEQ (RFC 7162 3.1.4).
    pub condstore: bool,
    /// X-GM-MSGID, when the server offers X-GM-EXT-1: Gmail's id of the message, the same in
    /// every folder that shows it ("a unique ID for each email so that a unique message may be
    /// identified across multiple folders",
    /// https://developers.google.com/workspace/gmail/imap/imap-extensions).
    pub gmail: bool,
}

/// FETCH items for new messages (RFC 3501 6.4.5): what the list needs, the `extras`, and
/// `section` of the message (`HEADER`, or empty for all of it).
pub(super) fn message_query(extras: Extras, section: &str) -> String {
    let modseq = if extras.condstore { " MODSEQ" } else { "" };
    let gm_msgid = if extras.gmail { " X-GM-MSGID" } else { "" };
    format!("(UID FLAGS INTERNALDATE RFC822.SIZE{modseq}{gm_msgid} BODY.PEEK[{section}])")
}

/// First sync of a folder: every message's headers, newest first, by sequence number.
pub async fn all_headers(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    exists: u32,
    extras: Extras,
) -> Result<(usize, u64), SyncError> {
    header_range(job, session, folder, 1, exists, extras).await
}

/// Headers of the messages `low..=high` (sequence numbers), newest first, in batches.
async fn header_range(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    first: u32,
    last: u32,
    extras: Extras,
) -> Result<(usize, u64), SyncError> {
    let mut committer = Committer::new(job.store.clone(), folder.id);
    let (mut count, mut bytes) = (0, 0);
    let offset = first - 1;
    for (low, high) in plan::newest_first_ranges(last - offset, HEADER_BATCH) {
        let (low, high) = (low + offset, high + offset);
        let limit = deadline::for_bytes(u64::from(high - low + 1) * HEADER_BYTES);
        let fetches: Vec<Fetch> = timed(limit, async {
            session.fetch(format!("{low}:{high}"), message_query(extras, "HEADER")).await?.try_collect().await
        })
        .await?;
        // Fewer answers than asked means the reply was cut or not understood: never "fewer messages".
        let expected = (high - low + 1) as usize;
        if fetches.len() < expected {
            return Err(SyncError::Session(format!(
                "FETCH {low}:{high} answered {} of {expected} messages",
                fetches.len()
            )));
        }
        let records = header_records(&fetches, None, &mut bytes)?;
        count += records.len();
        committer.commit_headers(records).await?;
        job.progress.headers_stored(&folder.path, count, last as usize);
    }
    committer.finish().await?;
    Ok((count, bytes))
}

/// Folders up to this many messages are mirrored whole in their first pass (after the newest
/// headers, which show at once): each message fetched, parsed and indexed once is what makes a
/// full mirror fast. Larger folders get every header first, so the whole list is there long
/// before the last body.
pub const WHOLE_FIRST_SYNC_LIMIT: u32 = 20_000;

/// First sync of a folder mirrored whole: the newest headers first (the list fills at once),
/// then every other message in full, newest first, in size-bounded batches.
pub async fn all_messages(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    exists: u32,
    extras: Extras,
) -> Result<(usize, u64), SyncError> {
    let first_screen = exists.saturating_sub(HEADER_BATCH) + 1;
    let (mut count, mut bytes) = header_range(job, session, folder, first_screen, exists, extras).await?;
    if first_screen == 1 {
        return Ok((count, bytes));
    }
    let older = first_screen - 1;
    let sizes: Vec<Fetch> = timed(deadline::for_bytes(u64::from(older) * 64), async {
        session.fetch(format!("1:{older}"), "(UID RFC822.SIZE)").await?.try_collect().await
    })
    .await?;
    if sizes.len() < older as usize {
        return Err(SyncError::Session(format!("FETCH 1:{older} answered {} of {older} messages", sizes.len())));
    }
    // After an interrupted first pass, what is cached whole already is not fetched again.
    let lacking: std::collections::HashSet<Uid> =
        job.store.uids_without_body(folder.id, None, BODY_FULL)?.into_iter().map(|(uid, _)| uid).collect();
    let cached: std::collections::HashSet<Uid> =
        job.store.uid_flags(folder.id)?.into_iter().map(|(uid, _)| uid).filter(|uid| !lacking.contains(uid)).collect();
    let mut wanted: Vec<(Uid, u64)> = sizes
        .iter()
        .filter_map(|f| Some((Uid(f.uid?), u64::from(f.size.unwrap_or(0)))))
        .filter(|(uid, _)| !cached.contains(uid))
        .collect();
    wanted.sort_by_key(|(uid, _)| std::cmp::Reverse(*uid));
    let mut committer = Committer::new(job.store.clone(), folder.id);
    let size_of: std::collections::HashMap<u32, u64> = wanted.iter().map(|(uid, size)| (uid.0, *size)).collect();
    for batch in size_batches(&wanted) {
        let expected: u64 = batch.iter().filter_map(|uid| size_of.get(uid)).sum();
        for set in sequence::compress_limited(&batch, 4000) {
            let fetches: Vec<Fetch> = timed(deadline::for_bytes(expected), async {
                session.uid_fetch(&set, message_query(extras, "")).await?.try_collect().await
            })
            .await?;
            let mut messages = Vec::with_capacity(fetches.len());
            for fetch in &fetches {
                // A message expunged meanwhile does not answer; the next pass's count check sees it.
                if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                    bytes += body.len() as u64;
                    messages.push((body.to_vec(), facts(fetch, uid)));
                }
            }
            count += messages.len();
            committer.commit_messages(messages).await?;
        }
        job.progress.headers_stored(&folder.path, count, exists as usize);
    }
    committer.finish().await?;
    Ok((count, bytes))
}

/// New mail since the last pass: `UID FETCH from:*`; the user's rules are matched and queued for
/// INBOX (what `imap::rules::queue` had to say about them comes back with the counts).
pub async fn headers_from(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    from: u32,
    extras: Extras,
) -> Result<(usize, u64, Vec<String>), SyncError> {
    // How many arrived is not known before the answer: a generous allowance of new headers.
    let limit = deadline::for_bytes(u64::from(NEW_MAIL_ALLOWANCE) * HEADER_BYTES);
    let fetches: Vec<Fetch> = timed(limit, async {
        session.uid_fetch(format!("{from}:*"), message_query(extras, "HEADER")).await?.try_collect().await
    })
    .await?;
    let mut bytes = 0;
    // RFC 3501 6.4.8: "n:*" matches the highest UID even when it is below n.
    let records = header_records(&fetches, Some(from), &mut bytes)?;
    let count = records.len();
    let matched = super::rules::match_arrivals(job, folder, &records);
    let mut committer = Committer::new(job.store.clone(), folder.id);
    committer.commit_headers(records).await?;
    committer.finish().await?;
    job.progress.headers_stored(&folder.path, count, count);
    let problems = super::rules::queue(job, folder, matched)?;
    Ok((count, bytes, problems))
}

pub(super) fn header_records(
    fetches: &[Fetch],
    min_uid: Option<u32>,
    bytes: &mut u64,
) -> Result<Vec<(Vec<u8>, ServerFacts)>, SyncError> {
    let mut records = Vec::with_capacity(fetches.len());
    for fetch in fetches {
        let uid = fetch.uid.ok_or_else(|| SyncError::Session("a FETCH answer has no UID".into()))?;
        if min_uid.is_some_and(|min| uid < min) {
            continue;
        }
        let header = fetch.header().unwrap_or_default().to_vec();
        *bytes += header.len() as u64;
        records.push((header, facts(fetch, uid)));
    }
    Ok(records)
}

pub fn flags_of(fetch: &Fetch) -> Flags {
    let names: Vec<String> = fetch
        .flags()
        .filter_map(|flag| match flag {
            Flag::Seen => Some("\\Seen".to_string()),
            Flag::Answered => Some("\\Answered".to_string()),
            Flag::Flagged => Some("\\Flagged".to_string()),
            Flag::Deleted => Some("\\Deleted".to_string()),
            Flag::Draft => Some("\\Draft".to_string()),
            Flag::Recent | Flag::MayCreate => None,
            Flag::Custom(name) => Some(name.to_string()),
        })
        .collect();
    Flags::from_names(names.iter().map(String::as_str))
}

pub fn facts(fetch: &Fetch, uid: u32) -> ServerFacts {
    ServerFacts {
        uid: Some(Uid(uid)),
        uidl: None,
        flags: flags_of(fetch),
        size: fetch.size.unwrap_or(0) as u64,
        received_at: fetch.internal_date().map(|d| d.timestamp()),
        modseq: fetch.modseq,
        gm_msgid: fetch.gmail_msg_id().copied(),
    }
}

/// Whether the folder has messages whose body (within the policy) is not cached yet.
pub fn has_bodies_to_fetch(job: &SyncJob<'_>, folder: &FolderRow) -> Result<bool, SyncError> {
    let (since, level) = body_wanted(job);
    Ok(job.store.has_uids_without_body(folder.id, since, level)?)
}

/// On Gmail, messages of the folder already cached whole in another folder of the account (the
/// same X-GM-MSGID) borrow that body instead of having it downloaded and stored again.
pub fn borrow_gmail_bodies(job: &SyncJob<'_>, folder: &FolderRow) -> Result<usize, SyncError> {
    let (_, level) = body_wanted(job);
    Ok(job.store.share_gmail_bodies(folder.id, level)?)
}

/// The oldest date whose bodies are kept ("last N days"), and how much of a body is wanted.
fn body_wanted(job: &SyncJob<'_>) -> (Option<i64>, i64) {
    let since = job.options.body_days.map(|days| crate::engine::store::now_unix() - i64::from(days) * 86_400);
    let level = if job.options.attachments_on_demand { BODY_TEXT } else { BODY_FULL };
    (since, level)
}

/// Bodies of every cached message that lacks one (within the account's "last N days" window);
/// with "attachments on demand", headers and text parts only for messages with attachments.
pub async fn bodies(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
) -> Result<(usize, u64), SyncError> {
    let (since, level) = body_wanted(job);
    let wanted = job.store.uids_without_body(folder.id, since, level)?;
    let total = wanted.len();
    let mut committer = Committer::new(job.store.clone(), folder.id);
    let (mut done, mut bytes) = (0, 0);
    let size_of: std::collections::HashMap<u32, u64> = wanted.iter().map(|(uid, size)| (uid.0, *size)).collect();
    for batch in size_batches(&wanted) {
        let (whole, partial) =
            if job.options.attachments_on_demand { plan_partial(session, &batch).await? } else { (batch, Vec::new()) };
        let expected: u64 = whole.iter().filter_map(|uid| size_of.get(uid)).sum();
        let mut fetched = whole_bodies(session, &whole, expected).await?;
        fetched.extend(partial_bodies(session, partial).await?);
        bytes += fetched.iter().map(|(_, body)| body.len() as u64).sum::<u64>();
        done += fetched.len();
        committer.commit_bodies(fetched).await?;
        job.progress.bodies_stored(&folder.path, done, total);
    }
    committer.finish().await?;
    Ok((done, bytes))
}

/// A fetched body: the whole message, or its text with the attachments left on the server.
pub enum Fetched {
    Whole(Vec<u8>),
    Partial { raw: Vec<u8>, attachment_sizes: Vec<u64> },
}

impl Fetched {
    fn len(&self) -> usize {
        match self {
            Fetched::Whole(raw) | Fetched::Partial { raw, .. } => raw.len(),
        }
    }
}

/// Whole messages; `expected_bytes` (their total size, as far as known) scales the deadline.
pub async fn whole_bodies(
    session: &mut ImapSession,
    uids: &[u32],
    expected_bytes: u64,
) -> Result<Vec<(Uid, Fetched)>, SyncError> {
    let mut bodies = Vec::with_capacity(uids.len());
    for set in sequence::compress_limited(uids, 4000) {
        let fetches: Vec<Fetch> = timed(deadline::for_bytes(expected_bytes), async {
            session.uid_fetch(&set, "(UID BODY.PEEK[])").await?.try_collect().await
        })
        .await?;
        for fetch in &fetches {
            // A message expunged meanwhile simply does not answer; it goes at the next pass.
            if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                bodies.push((Uid(uid), Fetched::Whole(body.to_vec())));
            }
        }
    }
    Ok(bodies)
}

/// Splits a batch by BODYSTRUCTURE: messages that are all text are fetched whole, the others
/// by the sections their plan names.
async fn plan_partial(
    session: &mut ImapSession,
    uids: &[u32],
) -> Result<(Vec<u32>, Vec<(u32, PartialPlan)>), SyncError> {
    let (mut whole, mut partial) = (Vec::new(), Vec::new());
    for set in sequence::compress_limited(uids, 4000) {
        let limit = deadline::for_bytes(set.len() as u64 * HEADER_BYTES);
        let fetches: Vec<Fetch> =
            timed(limit, async { session.uid_fetch(&set, "(UID BODYSTRUCTURE)").await?.try_collect().await }).await?;
        for fetch in &fetches {
            let Some(uid) = fetch.uid else { continue };
            let structure =
                fetch.bodystructure().ok_or_else(|| SyncError::Session(format!("no BODYSTRUCTURE for UID {uid}")))?;
            match partial::plan(structure) {
                Some(plan) => partial.push((uid, plan)),
                None => whole.push(uid),
            }
        }
    }
    Ok((whole, partial))
}

/// Fetches planned sections, one FETCH per group of messages with the same plan items.
async fn partial_bodies(
    session: &mut ImapSession,
    mut planned: Vec<(u32, PartialPlan)>,
) -> Result<Vec<(Uid, Fetched)>, SyncError> {
    planned.sort_by(|a, b| a.1.items.cmp(&b.1.items).then(b.0.cmp(&a.0)));
    let mut bodies = Vec::with_capacity(planned.len());
    for group in planned.chunk_by(|a, b| a.1.items == b.1.items) {
        let uids: Vec<u32> = group.iter().map(|(uid, _)| *uid).collect();
        let items = &group[0].1.items;
        for set in sequence::compress_limited(&uids, 4000) {
            // Text parts only: the batch's size bound is a fair allowance.
            let fetches: Vec<Fetch> = timed(deadline::for_bytes(BODY_BATCH_BYTES), async {
                session.uid_fetch(&set, format!("(UID {items})")).await?.try_collect().await
            })
            .await?;
            for fetch in &fetches {
                let Some(uid) = fetch.uid else { continue };
                let Some((_, plan)) = group.iter().find(|(u, _)| *u == uid) else { continue };
                let raw = plan.rebuild(fetch).map_err(|err| SyncError::Session(format!("UID {uid}: {err}")))?;
                bodies.push((Uid(uid), Fetched::Partial { raw, attachment_sizes: plan.attachment_sizes.clone() }));
            }
        }
    }
    Ok(bodies)
}

/// Groups UIDs (newest first) into batches of at most BODY_BATCH_BYTES (a single larger message
/// makes its own batch).
fn size_batches(wanted: &[(Uid, u64)]) -> Vec<Vec<u32>> {
    let mut batches = Vec::new();
    let (mut current, mut size) = (Vec::new(), 0u64);
    for (uid, bytes) in wanted {
        if !current.is_empty() && (size + bytes > BODY_BATCH_BYTES || current.len() >= BODY_BATCH_MAX) {
            batches.push(std::mem::take(&mut current));
            size = 0;
        }
        current.push(uid.0);
        size += bytes;
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

/// Parses and commits batches on a blocking thread, one batch in flight at a time.
pub struct Committer {
    store: Arc<Store>,
    folder: FolderId,
    /// The batch being parsed; its write follows the write of the batch before it.
    parsing: Option<JoinHandle<Write>>,
    in_flight: Option<JoinHandle<Result<(), StoreError>>>,
}

/// A parsed batch's write to the store.
type Write = Box<dyn FnOnce() -> Result<(), StoreError> + Send>;

impl Committer {
    pub fn new(store: Arc<Store>, folder: FolderId) -> Self {
        Committer { store, folder, parsing: None, in_flight: None }
    }

    pub async fn commit_headers(&mut self, headers: Vec<(Vec<u8>, ServerFacts)>) -> Result<(), SyncError> {
        let (store, folder) = (self.store.clone(), self.folder);
        // Any batch still being parsed is written first: writes keep the order batches came in.
        self.finish().await?;
        self.spawn(move || {
            let records: Vec<MessageRecord> =
                headers.into_iter().map(|(bytes, facts)| ingest::record_from_headers(&bytes, facts)).collect();
            store.upsert_messages(folder, &records).map(|_| ())
        })
        .await
    }

    async fn commit_messages(&mut self, messages: Vec<(Vec<u8>, ServerFacts)>) -> Result<(), SyncError> {
        let (store, folder) = (self.store.clone(), self.folder);
        self.pipeline(move || {
            let records: Vec<MessageRecord> =
                messages.into_iter().map(|(raw, facts)| ingest::record_from_message(raw, facts)).collect();
            Box::new(move || store.upsert_messages(folder, &records).map(|_| ()))
        })
        .await
    }

    pub async fn commit_bodies(&mut self, bodies: Vec<(Uid, Fetched)>) -> Result<(), SyncError> {
        let (store, folder) = (self.store.clone(), self.folder);
        self.pipeline(move || {
            let parsed: Vec<_> = bodies
                .into_iter()
                .map(|(uid, fetched)| match fetched {
                    Fetched::Whole(raw) => (uid, ingest::body_from_message(raw)),
                    Fetched::Partial { raw, attachment_sizes } => (uid, ingest::partial_body(raw, &attachment_sizes)),
                })
                .collect();
            Box::new(move || store.store_bodies(folder, &parsed))
        })
        .await
    }

    /// Three stages at once: the network fetches batch N+1 while batch N is parsed and batch
    /// N-1 is written (writes stay in order: one writer, one batch after the other).
    async fn pipeline(&mut self, parse: impl FnOnce() -> Write + Send + 'static) -> Result<(), SyncError> {
        let next = tokio::task::spawn_blocking(parse);
        if let Some(previous) = self.parsing.replace(next) {
            let write =
                previous.await.map_err(|err| SyncError::Session(format!("a batch could not be parsed: {err}")))?;
            self.spawn(write).await?;
        }
        Ok(())
    }

    async fn spawn(&mut self, work: impl FnOnce() -> Result<(), StoreError> + Send + 'static) -> Result<(), SyncError> {
        self.written().await?;
        self.in_flight = Some(tokio::task::spawn_blocking(work));
        Ok(())
    }

    /// Everything handed over is parsed and durably written.
    pub async fn finish(&mut self) -> Result<(), SyncError> {
        if let Some(parsing) = self.parsing.take() {
            let write =
                parsing.await.map_err(|err| SyncError::Session(format!("a batch could not be parsed: {err}")))?;
            self.spawn(write).await?;
        }
        self.written().await
    }

    async fn written(&mut self) -> Result<(), SyncError> {
        if let Some(handle) = self.in_flight.take() {
            handle.await.map_err(|err| SyncError::Session(format!("a batch could not be stored: {err}")))??;
        }
        Ok(())
    }
}
