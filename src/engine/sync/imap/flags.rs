//! Server-to-cache flags and expunges. With CONDSTORE (RFC 7162 3.1.4) only what changed since
//! the cached HIGHESTMODSEQ is fetched; without it, every UID and its flags are compared
//! (Yandex offers neither CONDSTORE nor QRESYNC). Expunges are applied only when the server's
//! UID list is complete, i.e. as long as EXISTS said: a short answer deletes nothing.

use super::fetch::{facts, flags_of};
use super::{SyncError, SyncJob, timed};
use crate::engine::protocol::deadline;
use crate::engine::protocol::imap::{ImapSession, sequence};
use crate::engine::store::FolderRow;
use crate::engine::sync::ingest::record_from_headers;
use crate::engine::sync::plan;
use crate::model::{Flags, Uid};
use async_imap::types::Fetch;
use futures::TryStreamExt;

/// `UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE n)`: flags changed since the last pass.
pub async fn changed_since(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    modseq: u64,
) -> Result<usize, SyncError> {
    let limit = deadline::for_bytes(folder.state.messages.unwrap_or(0).saturating_mul(96));
    let fetches: Vec<Fetch> = timed(limit, async {
        session.uid_fetch("1:*", format!("(UID FLAGS) (CHANGEDSINCE {modseq})")).await?.try_collect().await
    })
    .await?;
    let changes: Vec<(Uid, Flags, Option<u64>)> =
        fetches.iter().filter_map(|f| f.uid.map(|uid| (Uid(uid), flags_of(f), f.modseq))).collect();
    Ok(job.store.update_flags(folder.id, &changes)?)
}

/// Every UID and its flags, compared with the cache: changed flags, expunges, and messages a cut
/// pass left out. Returns (flags changed, messages removed).
pub async fn full_compare(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    exists: u32,
    gmail: bool,
) -> Result<(usize, usize), SyncError> {
    if exists == 0 {
        return Ok((0, remove_all_if_empty(job, session, folder).await?));
    }
    let limit = deadline::for_bytes(u64::from(exists) * 96);
    let fetches: Vec<Fetch> =
        timed(limit, async { session.uid_fetch("1:*", "(UID FLAGS)").await?.try_collect().await }).await?;
    if fetches.len() != exists as usize {
        return Err(SyncError::Session(format!(
            "UID FETCH 1:* (FLAGS) answered {} of {exists} messages in {}",
            fetches.len(),
            folder.path
        )));
    }
    let mut server: Vec<(Uid, Flags)> =
        fetches.iter().filter_map(|f| f.uid.map(|uid| (Uid(uid), flags_of(f)))).collect();
    server.sort_by_key(|(uid, _)| *uid);
    let cache = job.store.uid_flags(folder.id)?;
    let diff = plan::diff_flags(&server, &cache);
    let changes: Vec<_> = diff.changed.into_iter().map(|(uid, flags)| (uid, flags, None)).collect();
    let changed = job.store.update_flags(folder.id, &changes)?;
    let removed = job.store.remove_uids(folder.id, &diff.gone)?;
    fetch_missing(job, session, folder, &diff.missing, gmail).await?;
    Ok((changed, removed))
}

/// With CONDSTORE the flags are known; expunges show as a count that disagrees with EXISTS,
/// and then one `UID SEARCH ALL` finds them.
pub async fn expunges_by_count(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    exists: u32,
    gmail: bool,
) -> Result<usize, SyncError> {
    let cached = job.store.cached_uid_count(folder.id)?;
    if cached == u64::from(exists) {
        return Ok(0);
    }
    if exists == 0 {
        return remove_all_if_empty(job, session, folder).await;
    }
    let found = timed(deadline::for_bytes(u64::from(exists) * 12), session.uid_search("ALL")).await?;
    if found.len() != exists as usize {
        return Err(SyncError::Session(format!(
            "UID SEARCH ALL found {} of {exists} messages in {}",
            found.len(),
            folder.path
        )));
    }
    let mut server: Vec<Uid> = found.into_iter().map(Uid).collect();
    server.sort();
    let cache: Vec<Uid> = job.store.uid_flags(folder.id)?.into_iter().map(|(uid, _)| uid).collect();
    let gone = plan::expunged(&server, &cache);
    let missing: Vec<Uid> = server.iter().filter(|uid| cache.binary_search(uid).is_err()).copied().collect();
    let removed = job.store.remove_uids(folder.id, &gone)?;
    fetch_missing(job, session, folder, &missing, gmail).await?;
    Ok(removed)
}

/// EXISTS 0: the folder is empty on the server. Confirmed with a NOOP-free second look (a
/// `UID SEARCH ALL` that must also come back empty) before the cache is emptied.
async fn remove_all_if_empty(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
) -> Result<usize, SyncError> {
    let cache: Vec<Uid> = job.store.uid_flags(folder.id)?.into_iter().map(|(uid, _)| uid).collect();
    if cache.is_empty() {
        return Ok(0);
    }
    let found = timed(deadline::command(), session.uid_search("ALL")).await?;
    if !found.is_empty() {
        return Err(SyncError::Session(format!("{} says it is empty but lists messages", folder.path)));
    }
    Ok(job.store.remove_uids(folder.id, &cache)?)
}

async fn fetch_missing(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    folder: &FolderRow,
    missing: &[Uid],
    gmail: bool,
) -> Result<(), SyncError> {
    let uids: Vec<u32> = missing.iter().map(|u| u.0).collect();
    // X-GM-MSGID on Gmail: a message cached in another folder then borrows its body.
    let gm_msgid = if gmail { " X-GM-MSGID" } else { "" };
    let query = format!("(UID FLAGS INTERNALDATE RFC822.SIZE{gm_msgid} BODY.PEEK[HEADER])");
    for set in sequence::compress_limited(&uids, 4000) {
        let limit = deadline::for_bytes(set.len() as u64 * 16 * 1024);
        let fetches: Vec<Fetch> =
            timed(limit, async { session.uid_fetch(&set, &query).await?.try_collect().await }).await?;
        let records: Vec<_> = fetches
            .iter()
            .filter_map(|f| Some(record_from_headers(f.header().unwrap_or_default(), facts(f, f.uid?))))
            .collect();
        job.store.upsert_messages(folder.id, &records)?;
    }
    Ok(())
}
