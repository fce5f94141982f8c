//! The junk filter as the window and the command line use it: training from the user's Junk /
//! Not junk (called by `junk_messages` and `not_junk_messages` in `batch`), a bootstrap from the
//! Junk folders and Inboxes already cached, "why junk" (the score and the strongest tokens), and
//! the filter switched off or on per account. The judgement itself is `engine::junk`.

use super::{EngineError, EngineHandle};
use crate::engine::junk::{self, Letter, Verdict};
use crate::engine::store::JunkMaterial;
use crate::model::{AccountId, FolderRole, MessageId};

/// How many letters of each folder a bootstrap reads (the newest).
const BOOTSTRAP_LETTERS: usize = 2_000;

/// What a bootstrap learned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JunkTraining {
    pub junk: usize,
    pub good: usize,
}

/// Why a letter is judged as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum JunkExplanation {
    /// The user has written to the sender: never junk, whatever the tokens say.
    KnownCorrespondent,
    Scored(Verdict),
}

impl EngineHandle {
    /// Learns the letters as junk or good (each letter once; a letter trained the other way
    /// before has its counts moved). Letters no longer cached are passed over.
    pub(super) fn train_junk_filter(&self, ids: &[MessageId], junk: bool) -> Result<usize, EngineError> {
        let mut trained = 0;
        for &id in ids {
            let Some(material) = self.inner.store.junk_material(id)? else { continue };
            let tokens = training_tokens(&material);
            if self.inner.store.train_junk(&material.key, &tokens, junk)? {
                trained += 1;
            }
        }
        Ok(trained)
    }

    /// Teaches the filter from what is cached: the newest letters of each account's Junk folder
    /// as junk and of its Inbox as good, those not trained yet.
    pub async fn bootstrap_junk_filter(&self) -> Result<JunkTraining, EngineError> {
        self.off_thread(|engine| {
            let mut training = JunkTraining::default();
            for (account, _) in engine.account_ids()? {
                for (role, junk) in [(FolderRole::Junk, true), (FolderRole::Inbox, false)] {
                    let Some(folder) = engine.folder_with_role(account, role)? else { continue };
                    let ids = engine.inner.store.untrained_messages(folder, BOOTSTRAP_LETTERS)?;
                    let count = engine.train_junk_filter(&ids, junk)?;
                    if junk { training.junk += count } else { training.good += count }
                }
            }
            Ok(training)
        })
        .await
    }

    /// How the filter judges a cached letter now, and why.
    pub async fn explain_junk(&self, id: MessageId) -> Result<JunkExplanation, EngineError> {
        self.off_thread(move |engine| {
            let Some(material) = engine.inner.store.junk_material(id)? else {
                return Err(EngineError::config(crate::fl!("error-no-message", id = id.to_string())));
            };
            if engine.inner.store.has_written_to(&material.from_addr)? {
                return Ok(JunkExplanation::KnownCorrespondent);
            }
            Ok(JunkExplanation::Scored(junk::judge(&letter(&material), &*engine.inner.store)))
        })
        .await
    }

    /// Turns the junk filter on or off for an account (accounts.toml, by the one writer).
    pub fn set_junk_filter(&self, account: AccountId, on: bool) -> Result<(), EngineError> {
        self.edit_account(account, |account| account.junk_filter = on)
    }
}

fn letter(material: &JunkMaterial) -> Letter<'_> {
    Letter {
        from_addr: &material.from_addr,
        from_name: &material.from_name,
        subject: &material.subject,
        raw_headers: crate::engine::mime::header_block(&material.raw),
        text: &material.text,
    }
}

/// A letter's tokens with its provider verdicts: training teaches how far to trust them too.
fn training_tokens(material: &JunkMaterial) -> Vec<String> {
    let letter = letter(material);
    let mut tokens = junk::tokens(&letter);
    tokens.extend(junk::provider_verdicts(letter.raw_headers).into_iter().map(|(token, _)| token));
    tokens
}
