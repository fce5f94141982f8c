//! Replays the pending operations to the server, oldest first: flags (UID STORE), moves
//! (RFC 6851 UID MOVE, else COPY + \Deleted + UID EXPUNGE per RFC 4315), copies, appends,
//! expunges, folder changes. An operation the server refuses (NO) is undone locally and
//! reported; a broken connection stops the replay with the operation still queued, to be
//! retried by the next pass.
//!
//! A reply can be lost after the server acted (the connection cut just before the tagged OK,
//! or Pochta killed while waiting), so every operation may be sent again. Why each kind is
//! still carried out exactly once:
//!
//! - **Flags** (`UID STORE +FLAGS`/`-FLAGS`): adding a flag that is set, or removing one that
//!   is not, changes nothing (RFC 3501 6.4.6). Idempotent.
//! - **Expunge** (`UID STORE \Deleted` + `UID EXPUNGE uid`, RFC 4315 2.1): a UID that is gone
//!   matches nothing the second time. Idempotent.
//! - **Move with MOVE** (RFC 6851): the source UID is gone after the first time, so a second
//!   `UID MOVE` moves nothing; the placeholder then goes and the next sync brings the message
//!   from the target under its real UID.
//! - **Copy, Append, and Move without MOVE (its COPY)** are not idempotent: each attempt makes
//!   a new message. Before the first attempt the target's UIDVALIDITY and UIDNEXT are recorded
//!   in the operation's row ([`crate::engine::store::AttemptMark`]); any copy an attempt made
//!   has a UID at or above that UIDNEXT (RFC 3501 2.3.1.1). A replay that finds a mark looks
//!   there first (`UID SEARCH UID n:* HEADER Message-ID`, or by exact size for a message
//!   without one) and settles the operation as done, with the found UID, when the earlier
//!   attempt took effect; only otherwise is the command sent again. An APPEND answered with
//!   APPENDUID (RFC 4315 3) settles at once under that UID. If UIDVALIDITY changed meanwhile, or
//!   the server gave no UIDNEXT, the whole target is searched. A message with neither a
//!   Message-ID nor a known size cannot be recognised and is sent again (at most one duplicate,
//!   never a loss). A withdrawn APPEND (a draft saved again meanwhile) uploads nothing and
//!   removes the copy an earlier attempt made.
//! - **Create, rename, delete folder**: a second CREATE or DELETE is refused (NO) and changes
//!   nothing on the server; the local row follows the next LIST.
//!
//! Each command has a deadline (raw commands: [`crate::engine::protocol::deadline`]); one that
//! passes is an error like a cut connection: the operation stays queued with its mark.

use super::{Capabilities, SyncError, SyncJob};
use crate::engine::protocol::imap::ImapSession;
use crate::engine::protocol::imap::namespace::Personal;
use crate::engine::protocol::imap::raw::{self, RawOutcome, RawStatus};
use crate::engine::protocol::imap::status::{MailboxStatus, status_of_each};
use crate::engine::store::{AttemptMark, FolderRow, MessageIdentity, Operation, PendingOperation};
use crate::engine::sync::Refusal;
use crate::model::{Flags, FolderId, Uid};
use base64::Engine;

/// What the replay did: done, and refused with the server's reason.
#[derive(Debug, Default)]
pub struct Replayed {
    pub done: usize,
    pub refused: Vec<Refusal>,
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
        let mut replay = Replay { job, session: &mut *session, caps, folders, op: &op, selected: &mut selected };
        let outcome = match replay.perform().await {
            Ok(outcome) => outcome,
            Err(err) => {
                job.store.operation_failed(op.id, &err.to_string())?;
                return Err(err);
            }
        };
        match outcome.status {
            RawStatus::Ok => {
                let new_uid = new_uid(&op, &outcome);
                job.store.complete_operation(&op, new_uid)?;
                replayed.done += 1;
            }
            RawStatus::No | RawStatus::Bad => {
                tracing::warn!(operation = ?op.operation, reply = %outcome.text, "the server refused an operation; undone locally");
                job.store.undo_operation(&op)?;
                let (operation, what) = described(&op.operation, folders);
                replayed.refused.push(Refusal { operation, what, reply: outcome.text });
            }
        }
    }
    Ok(replayed)
}

/// An operation in words, for the report of a refusal ("creating the folder Отчёты/2026").
fn described(operation: &Operation, folders: &[FolderRow]) -> (&'static str, String) {
    let path = |id: &FolderId| folders.iter().find(|f| f.id == *id).map_or_else(|| "?".to_string(), |f| f.path.clone());
    match operation {
        Operation::CreateFolder { path, .. } => {
            ("create-folder", crate::fl!("operation-create-folder", path = path.as_str()))
        }
        Operation::RenameFolder { from, to, .. } => {
            ("rename-folder", crate::fl!("operation-rename-folder", from = from.as_str(), to = to.as_str()))
        }
        Operation::DeleteFolder { path } => {
            ("delete-folder", crate::fl!("operation-delete-folder", path = path.as_str()))
        }
        Operation::Move { uid, from, to, .. } => {
            ("move", crate::fl!("operation-move", uid = uid.0.to_string(), from = path(from), to = path(to)))
        }
        Operation::Copy { uid, from, to, .. } => {
            ("copy", crate::fl!("operation-copy", uid = uid.0.to_string(), from = path(from), to = path(to)))
        }
        Operation::SetFlags { uid, folder, .. } => {
            ("flags", crate::fl!("operation-flags", uid = uid.0.to_string(), folder = path(folder)))
        }
        Operation::Expunge { uid, folder, .. } => {
            ("delete", crate::fl!("operation-expunge", uid = uid.0.to_string(), folder = path(folder)))
        }
        Operation::Append { folder, .. } => ("append", crate::fl!("operation-append", folder = path(folder))),
    }
}

/// Where the message landed: COPYUID of a copy or move, APPENDUID of an append, or the UID an
/// earlier attempt's copy was found under (in `found`).
fn new_uid(op: &PendingOperation, outcome: &RawOutcome) -> Option<Uid> {
    match op.operation {
        Operation::Move { uid, .. } | Operation::Copy { uid, .. } => outcome
            .copied
            .iter()
            .find(|(from, _)| *from == uid.0)
            .map(|(_, to)| Uid(*to))
            .or_else(|| outcome.found.first().copied().map(Uid)),
        Operation::Append { .. } => {
            outcome.appended.map(|(_, uid)| Uid(uid)).or_else(|| outcome.found.first().copied().map(Uid))
        }
        _ => None,
    }
}

/// One operation's replay on the session.
struct Replay<'a, 'j> {
    job: &'a SyncJob<'j>,
    session: &'a mut ImapSession,
    caps: &'a Capabilities,
    folders: &'a [FolderRow],
    op: &'a PendingOperation,
    selected: &'a mut Option<FolderId>,
}

impl Replay<'_, '_> {
    /// The personal namespace (RFC 2342): as NAMESPACE said at login, else read from the names
    /// the server listed last time.
    fn personal(&self) -> Personal {
        self.caps.namespace.clone().unwrap_or_else(|| {
            Personal::inferred(
                self.folders
                    .iter()
                    .filter(|f| !f.raw_name.is_empty())
                    .map(|f| (f.raw_name.as_str(), f.delimiter.as_deref())),
            )
        })
    }

    fn name(&self, id: FolderId) -> Option<String> {
        self.folders.iter().find(|f| f.id == id).map(|f| wire_name(&self.personal(), f))
    }

    async fn perform(&mut self) -> Result<RawOutcome, SyncError> {
        let operation = &self.op.operation;
        if let Some(command) = folder_command(self.folders, &self.personal(), operation) {
            *self.selected = None;
            return Ok(raw::run(self.session, &command).await?);
        }
        if let Operation::Append { folder, flags, raw_base64, .. } = operation {
            let Some(target) = self.name(*folder) else {
                return Ok(RawOutcome::refused("the folder no longer exists"));
            };
            let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(raw_base64) else {
                return Ok(RawOutcome::refused("the stored message is damaged"));
            };
            let identity = MessageIdentity {
                message_id: crate::engine::sync::record_from_message(bytes.clone()).message_id,
                size: Some(bytes.len() as u64),
            };
            let found = self.done_before(&target, &identity).await?;
            if self.job.store.append_withdrawn(self.op.id)? {
                return self.remove_withdrawn(&target, found).await;
            }
            if let Some(found) = found {
                return Ok(found);
            }
            let flag_list = format!("({})", flags.names().join(" "));
            return Ok(raw::append(self.session, &target, &flag_list, &bytes).await?);
        }
        let folder = match operation {
            Operation::SetFlags { folder, .. } | Operation::Expunge { folder, .. } => *folder,
            Operation::Move { from, .. } | Operation::Copy { from, .. } => *from,
            Operation::CreateFolder { .. }
            | Operation::RenameFolder { .. }
            | Operation::DeleteFolder { .. }
            | Operation::Append { .. } => {
                return Ok(RawOutcome::refused("unknown operation"));
            }
        };
        let Some(folder_name) = self.name(folder) else {
            return Ok(RawOutcome::refused("the folder no longer exists"));
        };
        // A copy's earlier attempt is looked for before the source is selected (the search
        // needs the target selected).
        let mut copied_before = None;
        if let Operation::Copy { message, to, .. } | Operation::Move { message, to, .. } = operation {
            let copies = matches!(operation, Operation::Copy { .. }) || !self.caps.r#move;
            if copies {
                let Some(target) = self.name(*to) else {
                    return Ok(RawOutcome::refused("the target folder no longer exists"));
                };
                let identity = self.job.store.message_identity(*message)?;
                copied_before = self.done_before(&target, &identity).await?;
                if let (Operation::Copy { .. }, Some(found)) = (operation, &copied_before) {
                    return Ok(found.clone());
                }
            }
        }
        if *self.selected != Some(folder) {
            let outcome = raw::run(self.session, &format!("SELECT {}", raw::quote(&folder_name))).await?;
            if outcome.status != RawStatus::Ok {
                return Ok(outcome);
            }
            *self.selected = Some(folder);
        }
        let caps = self.caps;
        match operation {
            Operation::SetFlags { uid, before, flags, .. } => set_flags(self.session, *uid, before, flags).await,
            Operation::Expunge { uid, .. } => {
                let outcome = raw::run(self.session, &format!("UID STORE {} +FLAGS.SILENT (\\Deleted)", uid.0)).await?;
                if outcome.status != RawStatus::Ok {
                    return Ok(outcome);
                }
                Ok(raw::run(self.session, &expunge_command(caps, *uid)).await?)
            }
            Operation::Move { uid, to, .. } => {
                let Some(target) = self.name(*to) else {
                    return Ok(RawOutcome::refused("the target folder no longer exists"));
                };
                let target = raw::quote(&target);
                if caps.r#move {
                    return Ok(raw::run(self.session, &format!("UID MOVE {} {target}", uid.0)).await?);
                }
                let copy = match copied_before {
                    Some(found) => found,
                    None => raw::run(self.session, &format!("UID COPY {} {target}", uid.0)).await?,
                };
                if copy.status != RawStatus::Ok {
                    return Ok(copy);
                }
                raw::run(self.session, &format!("UID STORE {} +FLAGS.SILENT (\\Deleted)", uid.0)).await?;
                raw::run(self.session, &expunge_command(caps, *uid)).await?;
                Ok(copy)
            }
            Operation::Copy { uid, to, .. } => {
                let Some(target) = self.name(*to) else {
                    return Ok(RawOutcome::refused("the target folder no longer exists"));
                };
                Ok(raw::run(self.session, &format!("UID COPY {} {}", uid.0, raw::quote(&target))).await?)
            }
            Operation::CreateFolder { .. }
            | Operation::RenameFolder { .. }
            | Operation::DeleteFolder { .. }
            | Operation::Append { .. } => Ok(RawOutcome::refused("unknown operation")),
        }
    }

    /// A withdrawn APPEND (a draft replaced meanwhile): nothing is uploaded, and the copy an
    /// earlier attempt made, if any, is removed (UID EXPUNGE, RFC 4315 2.1).
    async fn remove_withdrawn(&mut self, target: &str, found: Option<RawOutcome>) -> Result<RawOutcome, SyncError> {
        let Some(uid) = found.and_then(|outcome| outcome.found.first().copied()) else { return Ok(RawOutcome::done()) };
        let selected = raw::run(self.session, &format!("SELECT {}", raw::quote(target))).await?;
        if selected.status == RawStatus::Ok {
            raw::run(self.session, &format!("UID STORE {uid} +FLAGS.SILENT (\\Deleted)")).await?;
            raw::run(self.session, &expunge_command(self.caps, Uid(uid))).await?;
        }
        *self.selected = None;
        Ok(RawOutcome::done())
    }

    /// Before a COPY or APPEND into `target`: when an earlier attempt was made (a mark is
    /// recorded), whether it took effect, as the outcome to settle with (its UID in `found`).
    /// Before the first attempt: records the mark (see the module docs), then `None`.
    async fn done_before(&mut self, target: &str, identity: &MessageIdentity) -> Result<Option<RawOutcome>, SyncError> {
        let Some(mark) = self.job.store.attempt_mark(self.op.id)? else {
            let status = status_of_each(self.session, &[target], "(UIDVALIDITY UIDNEXT)").await?;
            if let Some(Some(MailboxStatus { uidvalidity: Some(uidvalidity), uidnext: Some(uidnext), .. })) =
                status.first()
            {
                let mark = AttemptMark { uidvalidity: *uidvalidity, uidnext: *uidnext };
                self.job.store.set_attempt_mark(self.op.id, &mark)?;
                return Ok(None);
            }
            // No UIDNEXT from this server: the whole target is searched next time.
            self.job.store.set_attempt_mark(self.op.id, &AttemptMark { uidvalidity: 0, uidnext: 1 })?;
            return Ok(None);
        };
        let Some(criteria) = search_criteria(identity) else { return Ok(None) };
        // EXAMINE (RFC 3501 6.3.2): looking changes nothing there.
        *self.selected = None;
        let examined = raw::run(self.session, &format!("EXAMINE {}", raw::quote(target))).await?;
        if examined.status != RawStatus::Ok {
            // The target is gone: sending the command again gets the server's own refusal.
            return Ok(None);
        }
        let from = if examined.uidvalidity == Some(mark.uidvalidity) { mark.uidnext } else { 1 };
        let searched = raw::run(self.session, &format!("UID SEARCH UID {from}:* {criteria}")).await?;
        if searched.status != RawStatus::Ok {
            return Ok(None);
        }
        // RFC 3501 6.4.8: "n:*" also matches the highest UID when it is below n.
        let found = searched.found.iter().copied().filter(|uid| *uid >= from).min();
        Ok(found.map(|uid| {
            tracing::info!(uid, "an earlier attempt took effect; settled without sending it again");
            RawOutcome { found: vec![uid], ..RawOutcome::done() }
        }))
    }
}

/// `HEADER Message-ID "…"` (RFC 3501 6.4.4) when the message has a plain ASCII one, else its
/// exact size (`LARGER n-1 SMALLER n+1`); `None` when neither is known.
fn search_criteria(identity: &MessageIdentity) -> Option<String> {
    let usable =
        |id: &&String| !id.is_empty() && id.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'"' && b != b'\\');
    if let Some(id) = identity.message_id.as_ref().filter(usable) {
        return Some(format!("HEADER Message-ID \"{id}\""));
    }
    identity.size.filter(|size| *size > 0).map(|size| format!("LARGER {} SMALLER {}", size - 1, size + 1))
}

/// The folder's name on the server: as the server listed it, or, for a folder made here whose
/// CREATE is earlier in this same replay (not listed yet), as that CREATE spelled it (inside the
/// personal namespace, modified UTF-7, RFC 3501 5.1.3): never the empty or 8-bit name a command
/// would be refused for.
fn wire_name(personal: &Personal, folder: &FolderRow) -> String {
    if !folder.raw_name.is_empty() {
        return folder.raw_name.clone();
    }
    personal.wire(&folder.path)
}

/// CREATE, RENAME, DELETE (RFC 3501 6.3.3-6.3.5). A new name goes inside the personal namespace
/// with its delimiter (RFC 2342: `Отчёты/2026` is `INBOX.&BB4EQgRHBFEEQgRL-.2026` on Courier and
/// Cyrus); a folder the server listed keeps the name it was listed under.
fn folder_command(folders: &[FolderRow], personal: &Personal, operation: &Operation) -> Option<String> {
    let listed =
        |path: &str| folders.iter().find(|f| f.path == path && !f.raw_name.is_empty()).map(|f| f.raw_name.clone());
    let existing = |path: &str| raw::quote(&listed(path).unwrap_or_else(|| personal.wire(path)));
    let new = |path: &str| raw::quote(&personal.wire(path));
    match operation {
        Operation::CreateFolder { path, .. } => Some(format!("CREATE {}", new(path))),
        Operation::RenameFolder { from, to, .. } => Some(format!("RENAME {} {}", existing(from), new(to))),
        Operation::DeleteFolder { path } => Some(format!("DELETE {}", existing(path))),
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
    let mut last = RawOutcome::done();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_recognised_by_its_message_id_else_its_size() {
        let by_id = MessageIdentity { message_id: Some("abc.1@example.org".into()), size: Some(10) };
        assert_eq!(search_criteria(&by_id).as_deref(), Some("HEADER Message-ID \"abc.1@example.org\""));
        let odd_id = MessageIdentity { message_id: Some("a\"b".into()), size: Some(10) };
        assert_eq!(search_criteria(&odd_id).as_deref(), Some("LARGER 9 SMALLER 11"));
        assert_eq!(search_criteria(&MessageIdentity::default()), None);
    }
}
