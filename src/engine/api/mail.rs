//! Mail commands and queries on the engine handle: sync passes, the folder tree, list pages,
//! one message, search. Read models are plain data with ids; nothing here holds a connection.

use super::{EngineError, EngineHandle, Event, FlagChange};
use crate::engine::account::{Account, sync_error};
use crate::engine::store::{AttachmentRecord, MessageSummary, Operation};
use crate::engine::sync::imap::{Progress, Quiet};
use crate::engine::sync::{SyncOptions, SyncSummary};
use crate::model::{AccountId, Flags, FolderId, FolderRole, ListOrder, ListScope, MessageId, Protocol};

/// A folder in the tree, with counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderInfo {
    pub id: FolderId,
    pub account: AccountId,
    /// Full path, decoded, "/"-separated.
    pub path: String,
    pub role: Option<FolderRole>,
    pub selectable: bool,
    pub total: u64,
    pub unread: u64,
    /// A folder on a server (IMAP), which can be searched there; not one kept only here (a
    /// POP3 account's, the demo's, imported mail, or a server folder since gone).
    pub on_server: bool,
}

/// A message for the reader: the list row, its text, its raw bytes (if cached) and attachments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageView {
    pub summary: MessageSummary,
    pub text: Option<String>,
    pub raw: Option<Vec<u8>>,
    pub attachments: Vec<AttachmentRecord>,
}

impl EngineHandle {
    /// One full pass for an account (folders, new mail, flags, expunges, bodies).
    pub async fn sync(
        &self,
        account: AccountId,
        options: SyncOptions,
        progress: impl Progress + 'static,
    ) -> Result<SyncSummary, EngineError> {
        let account = self.open_account(account)?;
        let account_id = account.id;
        let result = self.run(async move { account.sync(options, &progress).await }).await?;
        self.emit(Event::FoldersChanged { account: account_id });
        // A pass ends when its mail is searchable: the index catches up beside the sync and
        // usually has little left by now.
        self.wait_for_search_index().await?;
        result
    }

    /// The account service for a configured account.
    pub(super) fn open_account(&self, id: AccountId) -> Result<Account, EngineError> {
        Account::open(self.inner.store.clone(), self.account(id)?)
    }

    /// Waits until everything stored so far is in the search index.
    pub async fn wait_for_search_index(&self) -> Result<(), EngineError> {
        let store = self.inner.store.clone();
        self.run(async move { tokio::task::spawn_blocking(move || store.wait_for_search_index()).await })
            .await?
            .map_err(|err| EngineError::internal(crate::fl!("error-search-index", err = err.to_string())))??;
        Ok(())
    }

    /// A message for the reader, fetched whole from the server first when its body (or its
    /// attachments, with "attachments on demand") is not cached yet.
    pub async fn open_message(&self, id: MessageId) -> Result<MessageView, EngineError> {
        let view = self.message(id)?;
        let Some(uid) = view.summary.uid.filter(|_| !view.summary.has_body) else {
            // Cached whole, a POP3 message, or a local one (a draft, a copy not yet on the server).
            return Ok(view);
        };
        let account = self.open_account(view.summary.account)?;
        let folder = self
            .inner
            .store
            .folders(account.id)?
            .into_iter()
            .find(|f| f.id == view.summary.folder)
            .ok_or_else(|| EngineError::config(crate::fl!("error-message-folder-gone", id = id.to_string())))?;
        self.run(async move {
            account
                .with_job(SyncOptions::default(), &Quiet, move |job| {
                    Box::pin(async move {
                        crate::engine::sync::imap::fetch_whole(job, folder, uid)
                            .await
                            .map_err(|err| sync_error(err, job.account))
                    })
                })
                .await
        })
        .await??;
        self.message(id)
    }

    /// Searches a folder on its IMAP server for mail the cache may lack: every word of `query`
    /// in the headers or the body. The newest matches are fetched into the cache and returned.
    pub async fn search_on_server(&self, folder: FolderId, query: &str) -> Result<Vec<MessageId>, EngineError> {
        let row = self
            .inner
            .store
            .accounts()?
            .into_iter()
            .flat_map(|account| {
                self.inner.store.folders(account.id).unwrap_or_default().into_iter().map(move |f| (account.id, f))
            })
            .find(|(_, f)| f.id == folder);
        let Some((account, row)) = row else {
            return Err(EngineError::config(crate::fl!("error-no-folder-id", folder = folder.to_string())));
        };
        let account = self.open_account(account)?;
        if account.settings.protocol != Protocol::Imap {
            let email = account.settings.email.as_str();
            return Err(EngineError::config(crate::fl!("error-search-server-local", email = email)));
        }
        let query = query.to_string();
        let uids = self
            .run(async move {
                account
                    .with_job(SyncOptions::default(), &Quiet, move |job| {
                        Box::pin(async move {
                            crate::engine::sync::imap::search_folder(job, row, query)
                                .await
                                .map_err(|err| sync_error(err, job.account))
                        })
                    })
                    .await
            })
            .await??;
        let mut found = Vec::with_capacity(uids.len());
        for uid in uids {
            found.extend(self.inner.store.message_by_uid(folder, uid)?);
        }
        Ok(found)
    }

    /// The folder tree of one account (or all), with total and unread counts.
    pub fn folders(&self, account: Option<AccountId>) -> Result<Vec<FolderInfo>, EngineError> {
        let accounts = match account {
            // Asked for by id: it must still be configured.
            Some(id) => self.account(id).map(|_| vec![id])?,
            None => self.accounts()?.into_iter().map(|(id, _)| id).collect(),
        };
        let mut out = Vec::new();
        for id in accounts {
            for counts in self.inner.store.folder_counts(id)? {
                out.push(FolderInfo {
                    id: counts.folder.id,
                    account: id,
                    path: counts.folder.path,
                    role: counts.folder.role,
                    selectable: counts.folder.selectable,
                    total: counts.total,
                    unread: counts.unread,
                    on_server: !counts.folder.local_only,
                });
            }
        }
        Ok(out)
    }

    /// The folder of an account by path (INBOX when `path` is None).
    pub fn find_folder(&self, account: AccountId, path: Option<&str>) -> Result<FolderId, EngineError> {
        let folders = self.inner.store.folders(account)?;
        let found = match path {
            None => folders.iter().find(|f| f.role == Some(FolderRole::Inbox)),
            Some(path) => folders
                .iter()
                .find(|f| f.path == path)
                .or_else(|| folders.iter().find(|f| f.path.eq_ignore_ascii_case(path))),
        };
        // No such folder, or no such account any more: each says so.
        found.map(|f| f.id).ok_or_else(|| match self.account_address(account) {
            Ok(email) => EngineError::config(crate::fl!(
                "error-no-folder-in-account",
                email = email,
                folder = path.unwrap_or("INBOX")
            )),
            Err(gone) => gone,
        })
    }

    /// A page of a folder's messages, newest first.
    pub fn messages(&self, folder: FolderId, offset: usize, limit: usize) -> Result<Vec<MessageSummary>, EngineError> {
        Ok(self.inner.store.message_page(folder, offset, limit)?)
    }

    /// A page of a list in any order it offers (a folder, every Inbox, one conversation).
    pub fn list_messages(
        &self,
        scope: ListScope,
        order: ListOrder,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<MessageSummary>, EngineError> {
        Ok(self.inner.store.list_page(scope, order, offset, limit)?)
    }

    /// How many rows that list has (conversations when `order.threads`).
    pub fn list_len(&self, scope: ListScope, order: ListOrder) -> Result<usize, EngineError> {
        Ok(self.inner.store.list_len(scope, order)? as usize)
    }

    /// A message's list row (no body): cheap, for checks before an action.
    pub fn message_summary(&self, id: MessageId) -> Result<MessageSummary, EngineError> {
        self.inner
            .store
            .message_summary(id)?
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-message", id = id.to_string())))
    }

    pub fn message(&self, id: MessageId) -> Result<MessageView, EngineError> {
        let summary = self
            .inner
            .store
            .message_summary(id)?
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-message", id = id.to_string())))?;
        let body = self.inner.store.message_body(id)?;
        let attachments = self.inner.store.attachments(id)?;
        let (raw, text) = match body {
            Some((raw, text)) => (Some(raw), Some(text)),
            None => (None, None),
        };
        Ok(MessageView { summary, text, raw, attachments })
    }
}

impl EngineHandle {
    /// Sets or clears flags on one message (the command line's `pochta flag`).
    pub fn set_flags(&self, id: MessageId, changes: &[FlagChange]) -> Result<(), EngineError> {
        for change in changes {
            self.flag_now(&[id], *change)?;
        }
        Ok(())
    }

    /// Moves one message to another folder of its account, by path.
    pub fn move_message(&self, id: MessageId, target_path: &str) -> Result<(), EngineError> {
        let to = self.folder_of(self.message_account(id)?, target_path)?;
        self.file_now(&[id], to, false).and_then(only_one)
    }

    /// Copies one message to another folder of its account, by path.
    pub fn copy_message(&self, id: MessageId, target_path: &str) -> Result<(), EngineError> {
        let to = self.folder_of(self.message_account(id)?, target_path)?;
        self.file_now(&[id], to, true).and_then(only_one)
    }

    /// Deletes one message: to Trash, or for good when it is in Trash already (or there is none).
    pub fn delete_message(&self, id: MessageId) -> Result<(), EngineError> {
        self.delete_now(&[id]).and_then(only_one)
    }

    /// Marks one message as junk.
    pub fn mark_junk(&self, id: MessageId) -> Result<(), EngineError> {
        self.junk_now(&[id]).and_then(only_one)
    }

    fn message_account(&self, id: MessageId) -> Result<AccountId, EngineError> {
        let (account, ..) = self
            .inner
            .store
            .message_location(id)?
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-message", id = id.to_string())))?;
        Ok(account)
    }

    /// Stores a message in a folder (a draft, a sent copy): visible at once, uploaded by the next sync.
    pub fn append_message(
        &self,
        account: AccountId,
        folder_path: &str,
        raw: Vec<u8>,
        flags: Flags,
    ) -> Result<MessageId, EngineError> {
        let folder = self.folder_of(account, folder_path)?;
        let placeholder = crate::engine::sync::queue_append(&self.inner.store, account, folder, raw, flags)?;
        self.emit(Event::FoldersChanged { account });
        self.push_changes(account);
        Ok(placeholder)
    }

    pub(super) fn folder_of(&self, account: AccountId, path: &str) -> Result<FolderId, EngineError> {
        self.inner
            .store
            .folders(account)?
            .into_iter()
            .find(|f| f.path == path || f.path.eq_ignore_ascii_case(path))
            .map(|f| f.id)
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-folder", path = path.to_string())))
    }

    /// Every account's id with its address (the status line names accounts by address).
    pub fn account_ids(&self) -> Result<Vec<(AccountId, String)>, EngineError> {
        Ok(self.inner.store.accounts()?.into_iter().map(|a| (a.id, a.email)).collect())
    }

    /// Operations waiting for the server (all accounts).
    pub fn pending_operations(&self) -> Result<u64, EngineError> {
        Ok(self.inner.store.pending_count(None)?)
    }
}

impl EngineHandle {
    /// Creates a folder ("Projects/2025"): visible at once, created on the server by the next sync.
    pub fn create_folder(&self, account: AccountId, path: &str) -> Result<FolderId, EngineError> {
        let path = folder_path(path)?;
        let folders = self.inner.store.folders(account)?;
        if folders.iter().any(|f| f.path == path) {
            return Err(EngineError::config(crate::fl!("error-folder-exists", path = path.to_string())));
        }
        if self.is_local_account(account)? {
            return self.create_folder_locally(account, &path);
        }
        let delimiter = folders.iter().find_map(|f| f.delimiter.clone());
        let folder = self.inner.store.create_folder_row(account, &path, delimiter.as_deref())?;
        self.inner.store.queue_operation(account, &Operation::CreateFolder { folder, path })?;
        self.emit(Event::FoldersChanged { account });
        self.push_changes(account);
        Ok(folder)
    }

    pub fn rename_folder(&self, account: AccountId, from: &str, to: &str) -> Result<(), EngineError> {
        let to = folder_path(to)?;
        let folder = self.find_folder(account, Some(from))?;
        let current = self.inner.store.folders(account)?;
        let row = current
            .iter()
            .find(|f| f.id == folder)
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-folder-short", from = from.to_string())))?;
        if row.role == Some(FolderRole::Inbox) {
            return Err(EngineError::config(crate::fl!("error-inbox-rename")));
        }
        if self.is_local_account(account)? {
            return self.rename_folder_locally(account, &row.path, &to);
        }
        let operation = Operation::RenameFolder { folder, from: row.path.clone(), to };
        self.inner.store.queue_operation(account, &operation)?;
        self.emit(Event::FoldersChanged { account });
        self.push_changes(account);
        Ok(())
    }

    /// Deletes a folder and its mail (on the server at the next sync).
    pub fn delete_folder(&self, account: AccountId, path: &str) -> Result<(), EngineError> {
        let folder = self.find_folder(account, Some(path))?;
        let row = self.inner.store.folders(account)?.into_iter().find(|f| f.id == folder);
        if row.as_ref().and_then(|f| f.role) == Some(FolderRole::Inbox) {
            return Err(EngineError::config(crate::fl!("error-inbox-delete")));
        }
        let path = row.map(|f| f.path).unwrap_or_else(|| path.to_string());
        if self.is_local_account(account)? {
            return self.delete_folder_locally(account, &path);
        }
        self.inner.store.queue_operation(account, &Operation::DeleteFolder { path })?;
        self.emit(Event::FoldersChanged { account });
        self.push_changes(account);
        Ok(())
    }
}

/// A one-message command that could not be done says why (the batch only skipped it).
fn only_one(undo: super::Undo) -> Result<(), EngineError> {
    match undo.skipped.into_iter().next() {
        Some(reason) => Err(EngineError::config(reason)),
        None => Ok(()),
    }
}

/// A folder path as typed: trimmed, "/"-separated, no empty parts.
fn folder_path(path: &str) -> Result<String, EngineError> {
    let parts: Vec<&str> = path.split('/').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) || parts.iter().any(|p| p.contains(['*', '%'])) {
        return Err(EngineError::config(crate::fl!("error-bad-folder-name", path = path.to_string())));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
#[path = "mail_tests.rs"]
mod tests;
