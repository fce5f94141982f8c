//! The user's rules for IMAP mail arriving in INBOX: matched on the headers just fetched, and
//! carried out as ordinary pending operations (flags, then a move), so the server gets the same
//! UID STORE / MOVE a person's own action would produce, replayed before the pass ends.

use super::{SyncError, SyncJob};
use crate::engine::rules::{self, RuleOutcome};
use crate::engine::store::{FolderRow, Operation};
use crate::engine::sync::ingest::{self, ServerFacts};
use crate::model::{Flags, FolderRole, Uid};

/// A new message some rule matched.
pub struct Matched {
    uid: Uid,
    flags: Flags,
    outcome: RuleOutcome,
}

/// Matches the rules against new INBOX mail (headers and server facts as fetched).
pub fn match_arrivals(job: &SyncJob<'_>, folder: &FolderRow, arrived: &[(Vec<u8>, ServerFacts)]) -> Vec<Matched> {
    if folder.role != Some(FolderRole::Inbox) || job.account.rules.is_empty() {
        return Vec::new();
    }
    arrived
        .iter()
        .filter_map(|(headers, facts)| {
            let uid = facts.uid?;
            let record = ingest::record_from_headers(headers, facts.clone());
            let outcome = rules::apply(&job.account.rules, &record, headers);
            (outcome != RuleOutcome::default()).then_some(Matched { uid, flags: facts.flags.clone(), outcome })
        })
        .collect()
}

/// Queues what the matched rules ask for (the messages are stored by now); returns problems
/// worth telling the user, such as a rule naming a folder that does not exist.
pub fn queue(job: &SyncJob<'_>, folder: &FolderRow, matched: Vec<Matched>) -> Result<Vec<String>, SyncError> {
    let folders = job.store.folders(job.account_id)?;
    let mut problems = Vec::new();
    for Matched { uid, flags: before, outcome } in matched {
        let Some(message) = job.store.message_by_uid(folder.id, uid)? else { continue };
        let mut flags = before.clone();
        flags.set(Flags::SEEN, before.has(Flags::SEEN) || outcome.mark_read);
        flags.set(Flags::FLAGGED, before.has(Flags::FLAGGED) || outcome.flag);
        if flags != before {
            let operation = Operation::SetFlags { message, folder: folder.id, uid, before, flags };
            job.store.queue_operation(job.account_id, &operation)?;
        }
        let target = if outcome.delete {
            folders.iter().find(|f| f.role == Some(FolderRole::Trash))
        } else if let Some(path) = outcome.move_to.as_deref() {
            let found = folders.iter().find(|f| f.path == path || f.path.eq_ignore_ascii_case(path));
            if found.is_none() {
                problems.push(crate::fl!("error-rule-bad-folder", path = path.to_string()));
            }
            found
        } else {
            None
        };
        if let Some(to) = target.filter(|to| to.id != folder.id) {
            job.store.queue_operation(job.account_id, &Operation::Move { message, from: folder.id, uid, to: to.id })?;
        }
    }
    problems.sort();
    problems.dedup();
    Ok(problems)
}
