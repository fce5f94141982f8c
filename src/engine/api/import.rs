//! `pochta import`: messages from an mbox file, a Maildir folder or one `.eml` file into a folder of the local
//! account ("Local Folders", made on first use) or of a chosen account. Local folders take the
//! messages directly, in batches; an IMAP folder gets them as uploads queued for the next sync
//! (APPEND, like any other change made here), so nothing depends on being online.

use super::{EngineError, EngineHandle, Event};
use crate::engine::import::{ImportError, ImportedMessage, MaildirReader, MboxReader, read_eml};
use crate::engine::sync::{queue_append, record_from_message};
use crate::model::{AccountId, Protocol};
use std::path::Path;

/// The account that holds folders with no server.
pub const LOCAL_FOLDERS: &str = "local-folders@pochta.invalid";
const BATCH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Mbox,
    Maildir,
    /// One message in a file of its own (what "Save as .eml" and `pochta export` write).
    Eml,
}

/// What an import did: messages filed, and the ones it could not read (with why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    pub skipped: Vec<String>,
}

impl EngineHandle {
    /// Imports an archive into `folder` (created if missing) of `account`, or of Local Folders.
    pub fn import_archive(
        &self,
        kind: ArchiveKind,
        path: &Path,
        account: Option<AccountId>,
        folder: &str,
    ) -> Result<ImportReport, EngineError> {
        self.import_archive_with_progress(kind, path, account, folder, &mut |_| {})
    }

    /// [`EngineHandle::import_archive`], telling `progress` how many messages are filed so far
    /// after each batch (blocking: the window runs it off its event loop).
    pub fn import_archive_with_progress(
        &self,
        kind: ArchiveKind,
        path: &Path,
        account: Option<AccountId>,
        folder: &str,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportReport, EngineError> {
        let account_id = match account {
            Some(id) => id,
            None => self.ensure_local_account(LOCAL_FOLDERS, "Local Folders")?,
        };
        let settings = self.account(account_id)?;
        let local = settings.protocol != Protocol::Imap;
        let folder_id = match self.inner.store.folders(account_id)?.into_iter().find(|f| f.path == folder) {
            Some(found) => found.id,
            None if local => self.inner.store.create_local_folder(account_id, folder)?,
            None => self.create_folder(account_id, folder)?,
        };
        let messages: Box<dyn Iterator<Item = Result<ImportedMessage, ImportError>>> = match kind {
            ArchiveKind::Mbox => Box::new(MboxReader::open(path).map_err(|e| EngineError::config(e.to_string()))?),
            ArchiveKind::Maildir => {
                Box::new(MaildirReader::open(path).map_err(|e| EngineError::config(e.to_string()))?)
            }
            ArchiveKind::Eml => {
                Box::new(std::iter::once(Ok(read_eml(path).map_err(|e| EngineError::config(e.to_string()))?)))
            }
        };
        let mut report = ImportReport::default();
        let mut batch = Vec::with_capacity(BATCH);
        for message in messages {
            let message = match message {
                Ok(message) => message,
                Err(err) => {
                    report.skipped.push(err.to_string());
                    continue;
                }
            };
            if local {
                let mut record = record_from_message(message.raw);
                record.flags = message.flags;
                record.received_at = message.received_at;
                record.date = record.date.or(message.received_at);
                batch.push(record);
                if batch.len() == BATCH {
                    report.imported += self.inner.store.upsert_messages(folder_id, &batch)?.len();
                    batch.clear();
                    progress(report.imported);
                }
            } else {
                queue_append(&self.inner.store, account_id, folder_id, message.raw, message.flags)?;
                report.imported += 1;
                if report.imported.is_multiple_of(BATCH) {
                    progress(report.imported);
                }
            }
        }
        if !batch.is_empty() {
            report.imported += self.inner.store.upsert_messages(folder_id, &batch)?.len();
        }
        // Imported mail is searchable when the import says it is done.
        self.inner.store.wait_for_search_index()?;
        progress(report.imported);
        self.emit(Event::FoldersChanged { account: account_id });
        Ok(report)
    }
}
