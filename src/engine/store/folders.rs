//! Folder rows: the tree as the server has it (or the local folders of a POP3 account), and
//! each folder's sync state (RFC 3501 UIDVALIDITY/UIDNEXT, RFC 7162 HIGHESTMODSEQ).

use super::{Store, StoreError, StoreResult, now_unix};
use crate::model::{AccountId, FolderId, FolderRole, UidValidity};
use rusqlite::{OptionalExtension, Row, params};

/// A folder as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRecord {
    /// Decoded path with the server's delimiter, e.g. "Входящие/Отчёты".
    pub path: String,
    /// The name as the server spells it (modified UTF-7), used in commands.
    pub raw_name: String,
    pub delimiter: Option<String>,
    pub role: Option<FolderRole>,
    pub selectable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRow {
    pub id: FolderId,
    pub account: AccountId,
    pub path: String,
    pub raw_name: String,
    pub delimiter: Option<String>,
    pub role: Option<FolderRole>,
    pub selectable: bool,
    pub local_only: bool,
    pub state: FolderSyncState,
}

/// What the cache believes about the server folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FolderSyncState {
    pub uidvalidity: Option<UidValidity>,
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
    /// Messages with a UID the cache held when this state was recorded (counted by the store
    /// when it records the state; what a caller passes in is ignored). The no-change fast path
    /// compares it with STATUS MESSAGES instead of counting a 100,000-message folder each time.
    pub messages: Option<u64>,
}

/// A folder with its message counts, for the folder tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderCounts {
    pub folder: FolderRow,
    pub total: u64,
    pub unread: u64,
}

const FOLDER_COLUMNS: &str = "id, account_id, path, raw_name, delimiter, role, selectable, local_only, uidvalidity, uidnext, highestmodseq, messages";

fn folder_from_row(row: &Row<'_>) -> rusqlite::Result<FolderRow> {
    let role: Option<String> = row.get(5)?;
    let uidvalidity: Option<i64> = row.get(8)?;
    let uidnext: Option<i64> = row.get(9)?;
    let modseq: Option<i64> = row.get(10)?;
    Ok(FolderRow {
        id: FolderId(row.get(0)?),
        account: AccountId(row.get(1)?),
        path: row.get(2)?,
        raw_name: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
        delimiter: row.get(4)?,
        role: role.as_deref().and_then(FolderRole::parse),
        selectable: row.get(6)?,
        local_only: row.get(7)?,
        state: FolderSyncState {
            uidvalidity: uidvalidity.map(|v| UidValidity(v as u32)),
            uidnext: uidnext.map(|v| v as u32),
            highestmodseq: modseq.map(|v| v as u64),
            messages: row.get::<_, Option<i64>>(11)?.map(|v| v as u64),
        },
    })
}

impl Store {
    /// `path` becomes the account's folder for `role`; the folder that had the role loses it.
    pub fn set_folder_role(&self, account: AccountId, role: FolderRole, path: &str) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE folders SET role = NULL WHERE account_id = ?1 AND role = ?2",
                params![account.0, role.as_str()],
            )?;
            tx.execute(
                "UPDATE folders SET role = ?2 WHERE account_id = ?1 AND path = ?3",
                params![account.0, role.as_str(), path],
            )?;
            Ok(())
        })
    }

    /// Makes the account's server folders exactly `server`: new ones are added, gone ones removed
    /// with their cached messages (server-derived data), local-only folders are kept. Returns
    /// the paths that were added and removed.
    pub fn reconcile_folders(
        &self,
        account: AccountId,
        server: &[FolderRecord],
    ) -> StoreResult<(Vec<String>, Vec<String>)> {
        self.write(|tx| {
            let existing: Vec<(i64, String)> = {
                let mut stmt = tx.prepare("SELECT id, path FROM folders WHERE account_id = ?1 AND local_only = 0")?;
                stmt.query_map([account.0], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
            };
            let mut removed = Vec::new();
            for (id, path) in &existing {
                if !server.iter().any(|f| &f.path == path) {
                    // The user's own letters the server never took (an upload it refused) are
                    // not the server's to delete: the folder stays, here only, with them.
                    let holds_local: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM messages WHERE folder_id = ?1 AND uid IS NULL)",
                        [id],
                        |r| r.get(0),
                    )?;
                    if holds_local {
                        tx.execute("DELETE FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL", [id])?;
                        tx.execute("UPDATE folders SET local_only = 1, role = NULL WHERE id = ?1", [id])?;
                    } else {
                        super::messages::delete_folder_messages(tx, *id)?;
                        tx.execute("DELETE FROM folders WHERE id = ?1", [id])?;
                    }
                    removed.push(path.clone());
                }
            }
            let mut added = Vec::new();
            for folder in server {
                let changed = tx.execute(
                    "INSERT INTO folders (account_id, path, raw_name, delimiter, role, selectable)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (account_id, path) DO UPDATE SET raw_name = excluded.raw_name,
                        delimiter = excluded.delimiter, role = excluded.role, selectable = excluded.selectable,
                        local_only = 0",
                    params![
                        account.0,
                        folder.path,
                        folder.raw_name,
                        folder.delimiter,
                        folder.role.map(FolderRole::as_str),
                        folder.selectable
                    ],
                )?;
                if changed > 0 && !existing.iter().any(|(_, p)| p == &folder.path) {
                    added.push(folder.path.clone());
                }
            }
            Ok((added, removed))
        })
    }

    pub fn folders(&self, account: AccountId) -> StoreResult<Vec<FolderRow>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare(&format!("SELECT {FOLDER_COLUMNS} FROM folders WHERE account_id = ?1 ORDER BY path"))?;
            Ok(stmt.query_map([account.0], folder_from_row)?.collect::<Result<_, _>>()?)
        })
    }

    /// One folder by id.
    pub fn folder(&self, id: FolderId) -> StoreResult<FolderRow> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!("SELECT {FOLDER_COLUMNS} FROM folders WHERE id = ?1"))?;
            stmt.query_row([id.0], folder_from_row)
                .optional()?
                .ok_or_else(|| StoreError::NotFound(crate::fl!("error-no-folder-id", folder = id.to_string())))
        })
    }

    /// Folders with total and unread counts: kept as the messages change (migration v9), so
    /// this costs the same at any mailbox size.
    pub fn folder_counts(&self, account: AccountId) -> StoreResult<Vec<FolderCounts>> {
        let folders = self.folders(account)?;
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT shown_count, unread_count FROM folders WHERE id = ?1")?;
            folders
                .into_iter()
                .map(|folder| {
                    let (total, unread): (i64, i64) = stmt.query_row([folder.id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    Ok(FolderCounts { folder, total: total.max(0) as u64, unread: unread.max(0) as u64 })
                })
                .collect()
        })
    }

    /// Records what the server said after a successful sync of the folder.
    pub fn set_folder_state(&self, folder: FolderId, state: FolderSyncState) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE folders SET uidvalidity = ?2, uidnext = ?3, highestmodseq = ?4, synced_at = ?5,
                    messages = (SELECT count(*) FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL)
                 WHERE id = ?1",
                params![
                    folder.0,
                    state.uidvalidity.map(|v| v.0),
                    state.uidnext,
                    state.highestmodseq.map(|v| v as i64),
                    now_unix()
                ],
            )?;
            Ok(())
        })
    }

    /// UIDVALIDITY changed (RFC 3501 2.3.1.1): every cached UID of the folder is void. The
    /// server-derived messages go; the new UIDVALIDITY is recorded with no UIDNEXT, so the next
    /// pass fetches the folder anew. Local-only data (outbox, drafts, pending operations) is kept.
    pub fn reset_folder(&self, folder: FolderId, uidvalidity: UidValidity) -> StoreResult<()> {
        self.write(|tx| {
            super::messages::delete_folder_messages(tx, folder.0)?;
            tx.execute(
                "UPDATE folders SET uidvalidity = ?2, uidnext = NULL, highestmodseq = NULL, messages = NULL WHERE id = ?1",
                params![folder.0, uidvalidity.0],
            )?;
            Ok(())
        })
    }
}
