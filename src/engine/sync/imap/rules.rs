//! The user's rules and the junk filter for IMAP mail arriving in INBOX: matched and scored on
//! the headers just fetched (the text is not fetched yet: the filter judges the sender, subject
//! and header tokens), and carried out as ordinary pending operations (flags and tags, copies,
//! then a move), so the server gets the same UID STORE / COPY / MOVE a person's own action would
//! produce, replayed before the pass ends. Junk gets `$Junk` (RFC 5788) and goes to the account's Junk folder; a sender
//! the user has written to, or a letter another client marked `$NotJunk`, is never junk.

use super::{SyncError, SyncJob};
use crate::engine::junk::{JUNK_KEYWORD, Letter};
use crate::engine::rules::{self, RuleOutcome};
use crate::engine::store::{Change, FolderRow, Operation};
use crate::engine::sync::ingest::{self, ServerFacts};
use crate::engine::sync::junk_arrival;
use crate::model::{Flags, FolderRole, Uid};
use std::collections::HashSet;

/// A new message some rule matched.
pub struct Matched {
    uid: Uid,
    flags: Flags,
    outcome: RuleOutcome,
    /// The junk filter judged it junk.
    junk: bool,
}

/// Matches the rules against new INBOX mail (headers and server facts as fetched).
pub fn match_arrivals(job: &SyncJob<'_>, folder: &FolderRow, arrived: &[(Vec<u8>, ServerFacts)]) -> Vec<Matched> {
    if folder.role != Some(FolderRole::Inbox) || (job.account.rules.is_empty() && !job.account.junk_filter) {
        return Vec::new();
    }
    let wanted = job.account.junk_filter && !arrived.is_empty();
    let correspondents = if wanted { junk_arrival::correspondents(&job.store) } else { None };
    arrived
        .iter()
        .filter_map(|(headers, facts)| {
            let uid = facts.uid?;
            let record = ingest::record_from_headers(headers, facts.clone());
            let outcome = rules::apply(&job.account.rules, &record, headers);
            let junk = correspondents.as_ref().is_some_and(|known| is_junk(job, known, &record, headers, &facts.flags));
            (outcome != RuleOutcome::default() || junk).then_some(Matched {
                uid,
                flags: facts.flags.clone(),
                outcome,
                junk,
            })
        })
        .collect()
}

/// The junk filter's verdict on a new letter's headers (the text is not fetched yet).
fn is_junk(
    job: &SyncJob<'_>,
    correspondents: &HashSet<String>,
    record: &crate::engine::store::MessageRecord,
    headers: &[u8],
    flags: &Flags,
) -> bool {
    let letter = Letter {
        from_addr: &record.from_addr,
        from_name: &record.from_name,
        subject: &record.subject,
        raw_headers: headers,
        text: "",
    };
    junk_arrival::is_junk(&job.store, correspondents, &letter, flags)
}

/// Queues what the matched rules ask for (the messages are stored by now); returns problems
/// worth telling the user, such as a rule naming a folder that does not exist.
pub fn queue(job: &SyncJob<'_>, folder: &FolderRow, matched: Vec<Matched>) -> Result<Vec<String>, SyncError> {
    let folders = job.store.folders(job.account_id)?;
    let mut problems = Vec::new();
    for Matched { uid, flags: before, outcome, junk } in matched {
        let Some(message) = job.store.message_by_uid(folder.id, uid)? else { continue };
        let mut flags = before.clone();
        flags.set(Flags::SEEN, before.has(Flags::SEEN) || outcome.mark_read);
        flags.set(Flags::FLAGGED, before.has(Flags::FLAGGED) || outcome.flag);
        for tag in &outcome.tags {
            if !flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(tag)) {
                flags.keywords.push(tag.clone());
            }
        }
        let junk_folder = folders.iter().find(|f| f.role == Some(FolderRole::Junk)).filter(|_| junk);
        if junk_folder.is_some() {
            flags.keywords.push(JUNK_KEYWORD.to_string());
        }
        flags.keywords.sort();
        if flags != before {
            let operation = Operation::SetFlags { message, folder: folder.id, uid, before, flags };
            job.store.queue_operation(job.account_id, &operation)?;
        }
        // Copies before the move: COPY reads the letter where it still is. Junk is not copied
        // anywhere: the filter only moves.
        let copies = if junk_folder.is_some() { &[][..] } else { &outcome.copy_to[..] };
        for path in copies {
            match find_folder(&folders, path).filter(|to| to.id != folder.id) {
                Some(to) => {
                    let copy = Change::Copy { account: job.account_id, message, from: folder.id, uid, to: to.id };
                    job.store.apply_changes(&[copy])?;
                }
                None => problems.push(crate::fl!("error-rule-bad-folder", path = path.clone())),
            }
        }
        // A rule that deletes wins; junk goes to Junk over a rule's folder.
        let target = if outcome.delete {
            folders.iter().find(|f| f.role == Some(FolderRole::Trash))
        } else if junk_folder.is_some() {
            junk_folder
        } else if let Some(path) = outcome.move_to.as_deref() {
            let found = find_folder(&folders, path);
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

/// The folder a rule names, by its exact path or ignoring case.
fn find_folder<'a>(folders: &'a [FolderRow], path: &str) -> Option<&'a FolderRow> {
    folders.iter().find(|f| f.path == path).or_else(|| folders.iter().find(|f| f.path.eq_ignore_ascii_case(path)))
}
