//! Local mail: the folders and messages of a POP3 account live only here (`folders.local_only`),
//! so moving, flagging and deleting change the store directly, with no operation to replay.

use super::{Store, StoreError, StoreResult, messages::delete_folder_messages};
use crate::model::{AccountId, FolderId, FolderRole, MessageId};
use rusqlite::{OptionalExtension, Transaction, params};

/// The folders every POP3 account has, created on first use.
const STANDARD_FOLDERS: [(&str, FolderRole); 4] = [
    ("INBOX", FolderRole::Inbox),
    ("Sent", FolderRole::Sent),
    ("Drafts", FolderRole::Drafts),
    ("Trash", FolderRole::Trash),
];

impl Store {
    /// Creates INBOX, Sent, Drafts and Trash for a local-folder account if missing; returns INBOX.
    pub fn ensure_local_folders(&self, account: AccountId) -> StoreResult<FolderId> {
        self.write(|tx| {
            for (path, role) in STANDARD_FOLDERS {
                tx.execute(
                    "INSERT INTO folders (account_id, path, raw_name, role, local_only) VALUES (?1, ?2, ?2, ?3, 1)
                     ON CONFLICT (account_id, path) DO NOTHING",
                    params![account.0, path, role.as_str()],
                )?;
            }
            let inbox = tx.query_row(
                "SELECT id FROM folders WHERE account_id = ?1 AND role = 'inbox' ORDER BY id LIMIT 1",
                [account.0],
                |r| r.get(0),
            )?;
            Ok(FolderId(inbox))
        })
    }

    /// Whether the account's mail lives only here (a POP3 account).
    pub fn is_local_account(&self, account: AccountId) -> StoreResult<bool> {
        self.read(|conn| {
            let protocol: Option<String> =
                conn.query_row("SELECT protocol FROM accounts WHERE id = ?1", [account.0], |r| r.get(0)).optional()?;
            Ok(matches!(protocol.as_deref(), Some("pop3" | "local")))
        })
    }

    /// Creates a local folder, or finds it if it exists (rules name folders on every arrival).
    /// Marks a local folder as a special one (the demo's Archive), so it shows under its
    /// everyday name in the interface's language.
    pub fn set_local_folder_role(&self, folder: FolderId, role: FolderRole) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE folders SET role = ?2 WHERE id = ?1 AND local_only = 1",
                params![folder.0, role.as_str()],
            )?;
            Ok(())
        })
    }

    pub fn create_local_folder(&self, account: AccountId, path: &str) -> StoreResult<FolderId> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO folders (account_id, path, raw_name, delimiter, local_only) VALUES (?1, ?2, ?2, '/', 1)
                 ON CONFLICT (account_id, path) DO NOTHING",
                params![account.0, path],
            )?;
            let id = tx.query_row(
                "SELECT id FROM folders WHERE account_id = ?1 AND path = ?2",
                params![account.0, path],
                |r| r.get(0),
            )?;
            Ok(FolderId(id))
        })
    }

    /// Renames a folder and the folders under it ("A" to "B" also makes "A/x" "B/x").
    pub fn rename_local_folder(&self, account: AccountId, from: &str, to: &str) -> StoreResult<()> {
        self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM folders WHERE account_id = ?1 AND path = ?2", params![account.0, to], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() {
                return Err(StoreError::NotFound(crate::fl!("error-local-folder-exists", to = to.to_string())));
            }
            tx.execute(
                "UPDATE folders SET path = ?3 || substr(path, length(?2) + 1), raw_name = ?3 || substr(path, length(?2) + 1)
                 WHERE account_id = ?1 AND (path = ?2 OR substr(path, 1, length(?2) + 1) = ?2 || '/')",
                params![account.0, from, to],
            )?;
            Ok(())
        })
    }

    /// Deletes a folder, the folders under it and their mail; returns the deleted messages' UIDLs.
    pub fn delete_local_folder(&self, account: AccountId, path: &str) -> StoreResult<Vec<String>> {
        self.write(|tx| {
            let ids: Vec<i64> = {
                let mut stmt = tx.prepare(
                    "SELECT id FROM folders WHERE account_id = ?1 AND (path = ?2 OR substr(path, 1, length(?2) + 1) = ?2 || '/')",
                )?;
                stmt.query_map(params![account.0, path], |r| r.get(0))?.collect::<Result<_, _>>()?
            };
            let mut uidls = Vec::new();
            for id in ids {
                uidls.extend(folder_uidls(tx, id)?);
                delete_folder_messages(tx, id)?;
                tx.execute("DELETE FROM folders WHERE id = ?1", [id])?;
            }
            Ok(uidls)
        })
    }

    /// Moves a message to another folder.
    pub fn move_local(&self, message: MessageId, to: FolderId) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute("UPDATE messages SET folder_id = ?2 WHERE id = ?1", params![message.0, to.0])?;
            Ok(())
        })
    }

    /// Deletes a message for good; returns its UIDL (to delete the server copy if asked).
    pub fn delete_local(&self, message: MessageId) -> StoreResult<Option<String>> {
        self.write(|tx| {
            let uidl: Option<Option<String>> =
                tx.query_row("SELECT uidl FROM messages WHERE id = ?1", [message.0], |r| r.get(0)).optional()?;
            tx.execute("DELETE FROM messages WHERE id = ?1", [message.0])?;
            Ok(uidl.flatten())
        })
    }
}

fn folder_uidls(tx: &Transaction<'_>, folder: i64) -> StoreResult<Vec<String>> {
    let mut stmt = tx.prepare("SELECT uidl FROM messages WHERE folder_id = ?1 AND uidl IS NOT NULL")?;
    Ok(stmt.query_map([folder], |r| r.get(0))?.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_folders_are_created_once_renamed_with_children_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let account = store.ensure_account("ivan@example.org", "pop3").unwrap();
        let inbox = store.ensure_local_folders(account).unwrap();
        assert_eq!(store.ensure_local_folders(account).unwrap(), inbox);
        assert!(store.is_local_account(account).unwrap());
        store.create_local_folder(account, "Работа").unwrap();
        store.create_local_folder(account, "Работа/2025").unwrap();
        store.rename_local_folder(account, "Работа", "Job").unwrap();
        let paths: Vec<String> = store.folders(account).unwrap().into_iter().map(|f| f.path).collect();
        assert!(paths.contains(&"Job".to_string()) && paths.contains(&"Job/2025".to_string()), "{paths:?}");
        assert!(store.rename_local_folder(account, "Job", "Trash").is_err());
        store.delete_local_folder(account, "Job").unwrap();
        assert_eq!(store.folders(account).unwrap().len(), 4);
        assert!(store.folders(account).unwrap().iter().all(|f| f.local_only));
    }
}
