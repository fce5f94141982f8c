//! One POP3 session for an account: download what is new, then delete what may go (RFC 1939).
//! The order is what makes it lossless: UIDL, RETR, commit to the store (message and UIDL in one
//! transaction), and only then DELE, then QUIT. Deletions happen only when the server answers the
//! QUIT (RFC 1939 §6), so a session that breaks anywhere leaves the maildrop as it was, and the
//! next session knows by UIDL what it already has: nothing lost, nothing fetched twice.

mod download;
mod listing;
mod plan;

use super::imap::SyncJob;
use super::{FolderSummary, SyncSummary};
use crate::engine::protocol::pop3::{self as client, OpenFailure, Pop3Error};
use crate::engine::store::{StoreError, now_unix};
use download::Destination;
use plan::Listed;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug)]
pub enum Pop3SyncError {
    /// Could not connect or secure the connection.
    Open(OpenFailure),
    /// The server refused the login.
    Login(Pop3Error),
    /// The session failed after login: nothing was deleted; the next sync continues.
    Session(Pop3Error),
    Store(StoreError),
}

impl fmt::Display for Pop3SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pop3SyncError::Open(failure) => failure.fmt(f),
            Pop3SyncError::Login(err) => err.fmt(f),
            Pop3SyncError::Session(err) => {
                f.write_str(&crate::fl!("error-pop3-session-broke", detail = err.to_string()))
            }
            Pop3SyncError::Store(err) => err.fmt(f),
        }
    }
}

impl From<StoreError> for Pop3SyncError {
    fn from(err: StoreError) -> Self {
        Pop3SyncError::Store(err)
    }
}

/// One session: log in, download what is new, delete what the account's options say, QUIT.
pub async fn sync_account(job: &SyncJob<'_>) -> Result<SyncSummary, Pop3SyncError> {
    let started = Instant::now();
    let inbox = job.store.ensure_local_folders(job.account_id)?;
    let (mut session, capabilities) =
        client::open(&job.account.incoming, &job.trust).await.map_err(Pop3SyncError::Open)?;
    client::sign_in(&mut session, &capabilities, job.account, job.password).await.map_err(Pop3SyncError::Login)?;
    session_pass(job, session, inbox, started).await
}

/// The session after login: list, plan, download, delete, QUIT.
async fn session_pass<S>(
    job: &SyncJob<'_>,
    mut session: client::Pop3Client<S>,
    inbox: crate::model::FolderId,
    started: Instant,
) -> Result<SyncSummary, Pop3SyncError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    let login_delay = session.capabilities().and_then(|caps| caps.login_delay);
    let listing::Listing { listed: listing, shared_ids } =
        listing::list(&mut session).await.map_err(Pop3SyncError::Session)?;
    // Ids the server gave to several messages are still on the server: not forgotten.
    let listed: HashSet<&str> =
        listing.iter().map(|listed| listed.uidl.as_str()).chain(shared_ids.iter().map(String::as_str)).collect();
    job.store.pop3_forget_gone(job.account_id, &listed)?;
    let seen = job.store.pop3_seen(job.account_id)?;
    let options = &job.account.pop3;
    let plan = plan::plan_session(&listing, &seen, options, now_unix());
    tracing::debug!(listed = listing.len(), new = plan.download.len(), due = plan.delete.len(), "POP3 session planned");
    job.progress.folder_started("INBOX");
    let destination = Arc::new(Destination {
        store: job.store.clone(),
        account: job.account_id,
        inbox,
        rules: Arc::new(job.account.rules.clone()),
        junk_filter: job.account.junk_filter,
    });
    let downloaded = download::download(&mut session, &plan.download, &destination, job.progress).await?;
    tracing::debug!(stored = downloaded.stored.len(), bytes = downloaded.bytes, "POP3 download stored");
    let mut summary = SyncSummary {
        bytes: downloaded.bytes,
        login_delay: login_delay.map(|seconds| std::time::Duration::from_secs(seconds.into())),
        ..SyncSummary::default()
    };
    summary
        .errors
        .extend(downloaded.refused.iter().map(|text| crate::fl!("error-pop3-not-sent", text = text.to_string())));
    summary.errors.extend(shared_ids.iter().map(|id| crate::fl!("error-pop3-shared-id", id = id.as_str())));
    let mut to_delete = plan.delete;
    if plan::delete_after_download(options) {
        to_delete.extend(downloaded.stored.iter().cloned());
    }
    let deleted = delete_and_quit(session, &to_delete, &mut summary.errors).await?;
    tracing::debug!(deleted = deleted.len(), "POP3 session ended");
    job.store.pop3_deleted_on_server(job.account_id, &deleted)?;
    summary.deleted_on_server = deleted.len();
    summary.folders.push(FolderSummary {
        folder: Some(inbox),
        path: "INBOX".into(),
        new_messages: downloaded.stored.len(),
        bodies: downloaded.stored.len(),
        ..FolderSummary::default()
    });
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// DELE (pipelined), then QUIT; returns the UIDLs the server has now removed. Only a QUIT
/// answered `+OK` removes anything (RFC 1939 §6); a refused DELE leaves that message alone.
async fn delete_and_quit<S>(
    mut session: client::Pop3Client<S>,
    to_delete: &[Listed],
    errors: &mut Vec<String>,
) -> Result<Vec<String>, Pop3SyncError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send,
{
    let msgs: Vec<u32> = to_delete.iter().map(|listed| listed.msg).collect();
    let refused = session.dele_pipelined(&msgs).await.map_err(Pop3SyncError::Session)?;
    for (msg, err) in &refused {
        errors.push(crate::fl!("error-pop3-not-deleted", msg = msg.to_string(), err = err.to_string()));
    }
    match session.quit().await {
        Ok(()) => Ok(to_delete
            .iter()
            .filter(|listed| !refused.iter().any(|(msg, _)| *msg == listed.msg))
            .map(|listed| listed.uidl.clone())
            .collect()),
        // `-ERR` to QUIT: the server could not remove some or all; they stay stored here and
        // are deleted again next time.
        Err(err) if !err.breaks_session() => {
            errors.push(crate::fl!("error-pop3-delete-unfinished", err = err.to_string()));
            Ok(Vec::new())
        }
        Err(err) if to_delete.is_empty() => {
            tracing::debug!(%err, "QUIT failed with nothing to delete");
            Ok(Vec::new())
        }
        Err(err) => Err(Pop3SyncError::Session(err)),
    }
}

#[cfg(test)]
mod tests;
