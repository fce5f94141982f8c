//! The local SQLite cache: the only place with SQL. One writer connection and a small pool of
//! readers over WAL, so the UI's queries never wait behind a sync's batch commit (SQLite allows
//! one writer at a time anyway; serialising writes here avoids SQLITE_BUSY instead of retrying it).
//!
//! Server-derived rows (folders, messages, bodies) may be rebuilt from the server; local-only rows
//! (outbox, drafts, pending operations) are never dropped by a resync or a migration.

mod accounts;
mod addresses;
mod batch;
mod drafts;
mod folders;
mod junk;
mod listing;
mod local;
mod messages;
mod migrations;
mod outbox;
mod pending;
mod pins;
mod pop3;
mod replay_marks;
mod rules;
mod search;
mod search_index;
mod shared_bodies;
mod threads;

pub use addresses::AddressRow;
pub use batch::{Change, Revert};
pub use folders::{FolderRecord, FolderRow, FolderSyncState};
pub use junk::JunkMaterial;
pub use messages::{AttachmentRecord, BODY_FULL, BODY_TEXT, BodyRecord, MessageRecord, MessageSummary};
pub use outbox::{OutboxEntry, OutboxState};
pub use pending::{Operation, PendingOperation};
pub use pins::CertificatePin;
pub use pop3::{Pop3Arrival, SeenMessage, ServerCopy};
pub use replay_marks::{AttemptMark, MessageIdentity};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How many idle reader connections are kept open.
const MAX_IDLE_READERS: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    Sqlite(#[from] rusqlite::Error),
    Migration(#[from] rusqlite_migration::Error),
    Io { path: PathBuf, source: std::io::Error },
    NotFound(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            StoreError::Sqlite(err) => crate::fl!("error-store-database", detail = err.to_string()),
            StoreError::Migration(err) => crate::fl!("error-store-migration", detail = err.to_string()),
            StoreError::Io { path, source } => {
                crate::fl!("error-store-create", path = path.display().to_string(), detail = source.to_string())
            }
            StoreError::NotFound(text) => text.clone(),
        };
        f.write_str(&text)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

pub struct Store {
    path: PathBuf,
    /// The full-text index's own file (see `search_index`), attached to every reader as `search`.
    index_path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    indexer: search_index::SearchIndexer,
    /// A rebuild of the index under way since this start (a new format, or a lost index file).
    rebuild: search::Rebuild,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

/// Message ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: a batch of any size is
/// one statement with one parameter (SQLite limits a statement's parameters, not a string).
fn id_list(ids: &[crate::model::MessageId]) -> String {
    let mut list = String::from("[");
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            list.push(',');
        }
        list.push_str(&id.0.to_string());
    }
    list.push(']');
    list
}

impl Store {
    /// Opens (creating if needed) and migrates the database to the latest schema.
    pub fn open(path: &Path) -> StoreResult<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.into(), source })?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        // 8 MB of cache for the writer (2 MB by default): indexes of a big folder stay in memory
        // while a sync appends to them. It was 32 MB while the full-text index lived here; that
        // index now has its own file and writer (`search_index`).
        writer.pragma_update(None, "cache_size", -8 * 1024)?;
        // A checkpointed WAL is cut back to this size instead of keeping the largest size it
        // ever reached: the first connection of every run reads the whole file to recover it.
        writer.pragma_update(None, "journal_size_limit", 16 * 1024 * 1024)?;
        // The search indexer's thread checkpoints the WAL beside the sync (`search_index`); the
        // writer does so itself only when that falls far behind (256 MB of 16 KB pages).
        writer.pragma_update(None, "wal_autocheckpoint", 16384)?;
        migrations::migrate_to_latest(&mut writer)?;
        let index_path = search_index::index_path(path);
        let previous_path = search_index::previous_index_path(path);
        search_index::set_aside_older_format(&index_path, &previous_path)?;
        let (index, fresh) = search_index::open_index(&index_path)?;
        if fresh {
            // A new (or rebuilt) index starts from nothing: every cached message is queued.
            writer.execute_batch(
                "BEGIN IMMEDIATE; DELETE FROM search_queue;
                 INSERT INTO search_queue (message_id) SELECT id FROM messages; COMMIT;",
            )?;
        }
        let indexer = search_index::SearchIndexer::start(index, path.into(), search_index::last_queued(&writer)?)?;
        let rebuild = search::Rebuild::at_open(&writer, fresh, indexer.upto(), previous_path)?;
        Ok(Store {
            path: path.into(),
            index_path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            indexer,
            rebuild,
        })
    }

    /// Waits until the search index holds every change committed so far (a sync's last batches
    /// are indexed while it ends; the command line and tests search right after it).
    pub fn wait_for_search_index(&self) -> StoreResult<()> {
        let target = self.read(|conn| Ok(search_index::last_queued(conn)?))?;
        self.indexer.wait_for(target);
        Ok(())
    }

    /// Runs `f` inside one write transaction, committed when `f` returns `Ok`.
    pub fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        self.indexer.wake();
        Ok(value)
    }

    /// Runs `f` on a reader connection (a consistent snapshot for the duration of `f` if it opens a
    /// transaction; single statements are consistent on their own).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        let conn = self.take_reader()?;
        let result = f(&conn);
        let mut idle = self.readers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        result
    }

    fn take_reader(&self) -> StoreResult<Connection> {
        if let Some(conn) = self.readers.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop() {
            return Ok(conn);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.execute("ATTACH DATABASE ?1 AS search", [self.index_path.to_string_lossy()])?;
        self.rebuild.attach_previous(&conn)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// Copies the WAL into the database and empties it, for a quick start next time: opening a
    /// database whose WAL still holds frames means reading and checksumming all of them (a 57 MB
    /// WAL left by a first sync cost every later `pochta sync` 6 ms). Best effort: a reader still
    /// busy just leaves the work for SQLite's own checkpoints.
    pub fn checkpoint_wal(&self) {
        self.indexer.stop(Duration::from_secs(2));
        let conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Err(error) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())) {
            tracing::debug!(%error, "WAL checkpoint at close skipped");
        }
    }

    /// `PRAGMA integrity_check`: "ok" or the problems SQLite found.
    #[cfg(test)]
    pub fn integrity_check(&self) -> StoreResult<String> {
        self.read(|conn| Ok(conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?))
    }

    /// The schema version the database is at.
    #[cfg(test)]
    pub fn schema_version(&self) -> StoreResult<usize> {
        let conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        migrations::current_version(&conn)
    }
}

/// WAL for concurrent readers; `synchronous = FULL` because a committed message must survive a
/// power cut before POP3 DELE (rule 2) and the cost is per transaction, which we batch.
fn configure(conn: &Connection) -> StoreResult<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    // Messages are blobs of 4-100 KB: 16 KB pages (on a new file; an existing one keeps its
    // size) mean a quarter of the overflow pages and page checksums per message.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Seconds since the Unix epoch, as stored in every `*_at` column.
pub fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod outbox_tests;

#[cfg(test)]
mod batch_tests;
