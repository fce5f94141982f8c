//! Rules from the window beyond saving them. A rule drafted from a letter (its mailing list's
//! List-Id, else its sender). "Run now on this folder": the user's rules matched against a
//! folder's cached letters and
//! carried out as ordinary batches (the same changes a person's own clicks make: read, flag and
//! tags first, then copies, then the move or the delete), a page of letters at a time. Blocking:
//! the window runs it off its thread, watches `progress` after each page, and stops it between
//! pages through `cancel`. Header conditions read the cached letter; a letter whose text is not
//! downloaded yet is judged on its sender, recipients and subject only.

use super::{EngineError, EngineHandle};
use crate::engine::mime;
use crate::engine::rules::{self, RuleOutcome};
use crate::engine::store::FolderRow;
use crate::model::{AccountId, Condition, Flags, FolderId, MessageId, Rule, RuleField, RuleTest};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Letters matched and changed per page (one set of transactions each).
const PAGE: usize = 200;

/// Where a run stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesRun {
    /// Letters looked at so far, of `total`.
    pub checked: usize,
    pub total: usize,
    /// Letters some rule matched.
    pub matched: usize,
    /// What could not be done (a folder a rule names that does not exist, a letter still
    /// waiting for an earlier change to reach the server), each sentence once.
    pub problems: Vec<String>,
    /// The user stopped the run before the end.
    pub stopped: bool,
}

impl EngineHandle {
    /// Runs `rules` (checked first, as for saving) on every cached letter of `folder`.
    pub fn run_rules_on_folder(
        &self,
        folder: FolderId,
        rules: &[Rule],
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(&RulesRun),
    ) -> Result<RulesRun, EngineError> {
        rules::validate(rules).map_err(EngineError::config)?;
        let store = &self.inner.store;
        let place = store.folder(folder)?;
        let local = store.is_local_account(place.account)?;
        let mut run = RulesRun { total: store.folder_letter_count(folder)?, ..RulesRun::default() };
        let mut after = MessageId(0);
        loop {
            if cancel.load(Ordering::Relaxed) {
                run.stopped = true;
                break;
            }
            let page = store.rule_material(folder, after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = last.id;
            let mut groups: HashMap<RuleOutcome, Vec<MessageId>> = HashMap::new();
            for letter in &page {
                let outcome = rules::apply(rules, &letter.record, mime::header_block(&letter.head));
                if outcome != RuleOutcome::default() {
                    groups.entry(outcome).or_default().push(letter.id);
                }
            }
            run.checked += page.len();
            run.matched += groups.values().map(Vec::len).sum::<usize>();
            for (outcome, ids) in groups {
                let problems = self.carry_out(&place, local, &outcome, &ids)?;
                for problem in problems {
                    if !run.problems.contains(&problem) {
                        run.problems.push(problem);
                    }
                }
            }
            run.total = run.total.max(run.checked);
            progress(&run);
        }
        Ok(run)
    }

    /// A rule for letters like this one, for the user to finish (it has no action yet), and the
    /// address of the account it belongs to: letters of the same mailing list (RFC 2919 List-Id)
    /// when the letter came through one, else letters from the same sender.
    pub fn rule_from_letter(&self, id: MessageId) -> Result<(AccountId, Rule), EngineError> {
        let store = &self.inner.store;
        let no_message = || EngineError::config(crate::fl!("error-no-message", id = id.to_string()));
        let (account, ..) = store.message_location(id)?.ok_or_else(no_message)?;
        let material = store.junk_material(id)?.ok_or_else(no_message)?;
        // The header as the reader shows it: a list's name in encoded words (RFC 2047) decoded.
        let headers = mime::letter::headers(mime::header_block(&material.raw)).all;
        let list = headers.into_iter().find(|(name, _)| name.eq_ignore_ascii_case("List-Id")).map(|(_, value)| value);
        let rule = match list.as_deref().and_then(list_id) {
            Some((name, id)) => Rule {
                name: crate::engine::mime::display_text(&name),
                ..Rule::when(Condition::header("List-Id", RuleTest::Contains, id))
            },
            None => Rule {
                name: crate::engine::mime::display_text(&material.from_name),
                ..Rule::when(Condition::new(RuleField::From, RuleTest::Is, material.from_addr.clone()))
            },
        };
        Ok((account, rule))
    }

    /// Does what one outcome asks to these letters of `place`; returns what could not be done.
    fn carry_out(
        &self,
        place: &FolderRow,
        local: bool,
        outcome: &RuleOutcome,
        ids: &[MessageId],
    ) -> Result<Vec<String>, EngineError> {
        let mut problems = Vec::new();
        if outcome.mark_read || outcome.flag || !outcome.tags.is_empty() {
            let undo = self.reflag_now(ids, super::BatchKind::Ruled, |flags| {
                flags.set(Flags::SEEN, flags.has(Flags::SEEN) || outcome.mark_read);
                flags.set(Flags::FLAGGED, flags.has(Flags::FLAGGED) || outcome.flag);
                for tag in &outcome.tags {
                    if !flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(tag)) {
                        flags.keywords.push(tag.clone());
                    }
                }
                flags.keywords.sort();
            })?;
            problems.extend(undo.skipped);
        }
        for path in &outcome.copy_to {
            match self.rule_folder(place, local, path)? {
                Some(to) if to != place.id => problems.extend(self.file_now(ids, to, true)?.skipped),
                Some(_) => {}
                None => problems.push(crate::fl!("error-rule-bad-folder", path = path.clone())),
            }
        }
        if outcome.delete {
            problems.extend(self.delete_now(ids)?.skipped);
        } else if let Some(path) = outcome.move_to.as_deref() {
            match self.rule_folder(place, local, path)? {
                Some(to) => problems.extend(self.file_now(ids, to, false)?.skipped),
                None => problems.push(crate::fl!("error-rule-bad-folder", path = path.to_string())),
            }
        }
        Ok(problems)
    }

    /// The folder a rule names in `place`'s account (exactly, else ignoring case); a local
    /// account's folder is made when missing, as on arrival.
    fn rule_folder(&self, place: &FolderRow, local: bool, path: &str) -> Result<Option<FolderId>, EngineError> {
        let path = path.trim();
        let folders = self.inner.store.folders(place.account)?;
        let found = folders
            .iter()
            .find(|f| f.path == path)
            .or_else(|| folders.iter().find(|f| f.path.eq_ignore_ascii_case(path)))
            .map(|f| f.id);
        match found {
            None if local => Ok(Some(self.inner.store.create_local_folder(place.account, path)?)),
            found => Ok(found),
        }
    }
}

/// A List-Id value's phrase and the id itself (RFC 2919 §3: `phrase <list-label.domain>`, or
/// the bare id); None when there is no id in it.
fn list_id(value: &str) -> Option<(String, String)> {
    let value = value.trim();
    let (phrase, id) = match value.rsplit_once('<') {
        Some((phrase, rest)) => (phrase.trim().trim_matches('"').to_string(), rest.split('>').next().unwrap_or("")),
        None => (String::new(), value),
    };
    let id = id.trim();
    let well_formed = !id.is_empty() && !id.contains(char::is_whitespace);
    well_formed.then(|| (if phrase.is_empty() { id.to_string() } else { phrase }, id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::list_id;

    #[test]
    fn a_list_id_gives_its_phrase_and_its_id() {
        assert_eq!(list_id("Shop news <news.shop.example>"), Some(("Shop news".into(), "news.shop.example".into())));
        assert_eq!(list_id("\"Dev\" <dev.lists.example>"), Some(("Dev".into(), "dev.lists.example".into())));
        assert_eq!(list_id("dev.lists.example"), Some(("dev.lists.example".into(), "dev.lists.example".into())));
        assert_eq!(list_id("<>"), None);
        assert_eq!(list_id("  "), None);
    }
}
