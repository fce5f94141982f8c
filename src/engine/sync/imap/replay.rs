//! Replays the pending operations to the server, oldest first: flags (UID STORE), moves
//! (RFC 6851 UID MOVE, else COPY + \Deleted + UID EXPUNGE per RFC 4315), expunges. An
//! operation the server refuses (NO) is undone locally and reported; a broken connection stops
//! the replay with the operation still queued, to be retried by the next pass.

use super::{Capabilities, SyncError, SyncJob};
use crate::engine::protocol::imap::raw::{self, RawOutcome, RawStatus};
use crate::engine::protocol::imap::{ImapSession, utf7};
use crate::engine::store::{FolderRow, Operation, PendingOperation};
use crate::model::{Flags, FolderId, Uid};
use base64::Engine;

/// What the replay did: done, and refused with the server's reason.
#[derive(Debug, Default)]
pub struct Replayed {
    pub done: usize,
    pub refused: Vec<String>,
}

pub async fn replay(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    caps: &Capabilities,
    folders: &[FolderRow],
) -> Result<Replayed, SyncError> {
    let mut replayed = Replayed::default();
    let mut selected: Option<FolderId> = None;
    for op in job.store.pending_operations(job.account_id)? {
        let outcome = match perform(session, caps, folders, &op.operation, &mut selected).await {
            Ok(outcome) => outcome,
            Err(err) => {
                job.store.operation_failed(op.id, &err.to_string())?;
                return Err(err);
            }
        };
        match outcome.status {
            RawStatus::Ok => {
                let new_uid = moved_uid(&op, &outcome);
                job.store.complete_operation(&op, new_uid)?;
                replayed.done += 1;
            }
            RawStatus::No | RawStatus::Bad => {
                tracing::warn!(operation = ?op.operation, reply = %outcome.text, "the server refused an operation; undone locally");
                job.store.undo_operation(&op)?;
                replayed.refused.push(outcome.text);
            }
        }
    }
    Ok(replayed)
}

fn moved_uid(op: &PendingOperation, outcome: &RawOutcome) -> Option<Uid> {
    match op.operation {
        Operation::Move { uid, .. } | Operation::Copy { uid, .. } => {
            outcome.copied.iter().find(|(from, _)| *from == uid.0).map(|(_, to)| Uid(*to))
        }
        _ => None,
    }
}

async fn perform(
    session: &mut ImapSession,
    caps: &Capabilities,
    folders: &[FolderRow],
    operation: &Operation,
    selected: &mut Option<FolderId>,
) -> Result<RawOutcome, SyncError> {
    let name = |id: FolderId| folders.iter().find(|f| f.id == id).map(|f| wire_name(folders, f));
    if let Some(command) = folder_command(folders, operation) {
        *selected = None;
        return Ok(raw::run(session, &command).await?);
    }
    if let Operation::Append { folder, flags, raw_base64, .. } = operation {
        let Some(target) = name(*folder) else { return Ok(refused("the folder no longer exists")) };
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(raw_base64) else {
            return Ok(refused("the stored message is damaged"));
        };
        let flag_list = format!("({})", flags.names().join(" "));
        return Ok(raw::append(session, &target, &flag_list, &bytes).await?);
    }
    let folder = match operation {
        Operation::SetFlags { folder, .. } | Operation::Expunge { folder, .. } => *folder,
        Operation::Move { from, .. } | Operation::Copy { from, .. } => *from,
        Operation::CreateFolder { .. }
        | Operation::RenameFolder { .. }
        | Operation::DeleteFolder { .. }
        | Operation::Append { .. } => {
            return Ok(refused("unknown operation"));
        }
    };
    let Some(folder_name) = name(folder) else { return Ok(refused("the folder no longer exists")) };
    if *selected != Some(folder) {
        let outcome = raw::run(session, &format!("SELECT {}", raw::quote(&folder_name))).await?;
        if outcome.status != RawStatus::Ok {
            return Ok(outcome);
        }
        *selected = Some(folder);
    }
    match operation {
        Operation::SetFlags { uid, before, flags, .. } => set_flags(session, *uid, before, flags).await,
        Operation::Expunge { uid, .. } => {
            let outcome = raw::run(session, &format!("UID STORE {} +FLAGS.SILENT (\\Deleted)", uid.0)).await?;
            if outcome.status != RawStatus::Ok {
                return Ok(outcome);
            }
            Ok(raw::run(session, &expunge_command(caps, *uid)).await?)
        }
        Operation::Move { uid, to, .. } => {
            let Some(target) = name(*to) else { return Ok(refused("the target folder no longer exists")) };
            let target = raw::quote(&target);
            if caps.r#move {
                return Ok(raw::run(session, &format!("UID MOVE {} {target}", uid.0)).await?);
            }
            let copy = raw::run(session, &format!("UID COPY {} {target}", uid.0)).await?;
            if copy.status != RawStatus::Ok {
                return Ok(copy);
            }
            raw::run(session, &format!("UID STORE {} +FLAGS.SILENT (\\Deleted)", uid.0)).await?;
            raw::run(session, &expunge_command(caps, *uid)).await?;
            Ok(copy)
        }
        Operation::Copy { uid, to, .. } => {
            let Some(target) = name(*to) else { return Ok(refused("the target folder no longer exists")) };
            Ok(raw::run(session, &format!("UID COPY {} {}", uid.0, raw::quote(&target))).await?)
        }
        Operation::CreateFolder { .. }
        | Operation::RenameFolder { .. }
        | Operation::DeleteFolder { .. }
        | Operation::Append { .. } => Ok(refused("unknown operation")),
    }
}

/// CREATE, RENAME, DELETE (RFC 3501 6.3.3-6.3.5), with names in modified UTF-7 and the server's
/// hierarchy delimiter (learned from LIST: INBOX's, else "/").
/// The folder's name on the server: as the server listed it, or, for a folder made here whose
/// CREATE is earlier in this same replay (not listed yet), as that CREATE spelled it
/// (modified UTF-7, RFC 3501 5.1.3): never the empty or 8-bit name a command would be refused for.
fn wire_name(folders: &[FolderRow], folder: &FolderRow) -> String {
    if !folder.raw_name.is_empty() {
        return folder.raw_name.clone();
    }
    let delimiter = folders.iter().find_map(|f| f.delimiter.clone()).unwrap_or_else(|| "/".into());
    utf7::encode(&folder.path.replace('/', &delimiter))
}

fn folder_command(folders: &[FolderRow], operation: &Operation) -> Option<String> {
    let delimiter = folders.iter().find_map(|f| f.delimiter.clone()).unwrap_or_else(|| "/".into());
    let wire = |path: &str| raw::quote(&utf7::encode(&path.replace('/', &delimiter)));
    match operation {
        Operation::CreateFolder { path, .. } => Some(format!("CREATE {}", wire(path))),
        Operation::RenameFolder { from, to, .. } => Some(format!("RENAME {} {}", wire(from), wire(to))),
        Operation::DeleteFolder { path } => Some(format!("DELETE {}", wire(path))),
        _ => None,
    }
}

/// UID EXPUNGE (RFC 4315 2.1) touches only our message; plain EXPUNGE would also remove what
/// another client marked \Deleted, so without UIDPLUS the message stays marked for that client.
fn expunge_command(caps: &Capabilities, uid: Uid) -> String {
    if caps.uidplus { format!("UID EXPUNGE {}", uid.0) } else { "NOOP".into() }
}

async fn set_flags(
    session: &mut ImapSession,
    uid: Uid,
    before: &Flags,
    after: &Flags,
) -> Result<RawOutcome, SyncError> {
    let before_names = before.names();
    let after_names = after.names();
    let added: Vec<&str> = after_names.iter().filter(|n| !before_names.contains(n)).map(String::as_str).collect();
    let removed: Vec<&str> = before_names.iter().filter(|n| !after_names.contains(n)).map(String::as_str).collect();
    let mut last = nothing_to_do();
    for (sign, names) in [("+", added), ("-", removed)] {
        if names.is_empty() {
            continue;
        }
        last = raw::run(session, &format!("UID STORE {} {sign}FLAGS.SILENT ({})", uid.0, names.join(" "))).await?;
        if last.status != RawStatus::Ok {
            return Ok(last);
        }
    }
    Ok(last)
}

fn refused(text: &str) -> RawOutcome {
    RawOutcome { status: RawStatus::No, text: text.into(), copied: Vec::new() }
}

fn nothing_to_do() -> RawOutcome {
    RawOutcome { status: RawStatus::Ok, text: String::new(), copied: Vec::new() }
}
