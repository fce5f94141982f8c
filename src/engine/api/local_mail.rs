//! Mail commands for accounts whose folders live only here (POP3): the same intents as for IMAP
//! (flag, move, copy, delete, folders), applied to the store at once with nothing to replay.
//! Deleting moves to Trash, deleting in Trash removes for good; with "delete from the server when
//! deleted here" the server copy goes at the next sync (RFC 1939 DELE).

use super::{EngineError, EngineHandle, Event};
use crate::model::{AccountId, FolderRole, MessageId};

impl EngineHandle {
    /// Whether the account's folders live only here (it must still be configured).
    pub(super) fn is_local_account(&self, account: AccountId) -> Result<bool, EngineError> {
        self.account(account)?;
        Ok(self.inner.store.is_local_account(account)?)
    }

    /// To Trash; for good when already there (or there is no Trash).
    pub(super) fn delete_locally(&self, id: MessageId, account: AccountId) -> Result<(), EngineError> {
        let summary = self
            .inner
            .store
            .message_summary(id)?
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-message", id = id.to_string())))?;
        let settings = self.account(summary.account)?;
        let trash = self.inner.store.folders(account)?.into_iter().find(|f| f.role == Some(FolderRole::Trash));
        let uidl = match trash {
            Some(trash) if trash.id != summary.folder => {
                self.inner.store.move_local(id, trash.id)?;
                summary.uidl
            }
            _ => self.inner.store.delete_local(id)?,
        };
        if let Some(uidl) = uidl.filter(|_| settings.pop3.delete_when_deleted_locally) {
            self.inner.store.pop3_want_server_delete(account, &uidl)?;
        }
        self.emit(Event::FoldersChanged { account });
        Ok(())
    }

    pub(super) fn create_folder_locally(
        &self,
        account: AccountId,
        path: &str,
    ) -> Result<crate::model::FolderId, EngineError> {
        let folder = self.inner.store.create_local_folder(account, path)?;
        self.emit(Event::FoldersChanged { account });
        Ok(folder)
    }

    pub(super) fn rename_folder_locally(&self, account: AccountId, from: &str, to: &str) -> Result<(), EngineError> {
        self.inner.store.rename_local_folder(account, from, to)?;
        self.emit(Event::FoldersChanged { account });
        Ok(())
    }

    /// Deletes the folder and its mail here; server copies follow the account's option.
    pub(super) fn delete_folder_locally(&self, account: AccountId, path: &str) -> Result<(), EngineError> {
        let uidls = self.inner.store.delete_local_folder(account, path)?;
        if self.account(account)?.pop3.delete_when_deleted_locally {
            for uidl in uidls {
                self.inner.store.pop3_want_server_delete(account, &uidl)?;
            }
        }
        self.emit(Event::FoldersChanged { account });
        Ok(())
    }
}
