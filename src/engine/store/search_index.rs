//! The full-text index, in a database file of its own (`pochta.search.sqlite3` beside the cache)
//! with a thread of its own that writes it.
//!
//! Why apart: SQLite has one writer per file, and tokenising message text was half of every batch
//! commit of a first sync (FTS5 hashing and merging 100 MB of text for 10,000 messages). With the
//! index in its own file, a sync's batches commit without it and the indexer catches up beside
//! them, on the other core.
//!
//! How it stays right: the id of every message whose searchable text may have changed goes to
//! `search_queue` in the same transaction as the change (the store's inserts queue new rows,
//! triggers queue changes and removals: migrations v5 and v8), so nothing can be committed
//! without being queued. The indexer reads queued ids with the messages'
//! current text, rewrites their index rows, and records the last queue entry done (`indexed.upto`)
//! in the same transaction of the index file: after a crash it resumes from there, and doing an
//! entry twice only rewrites the same row. The index is derived data: a missing or unreadable
//! index file is rebuilt from the cache.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::StoreResult;
use super::messages::BODY_TEXT_SQL;

/// The index file's schema. `detail = column`: searches are words and prefixes, never phrases,
/// and positions were most of the indexing work (migration v3 in the cache made the same choice).
const SCHEMA: &str = "
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5 (
    subject, sender, recipients, body,
    content = '', contentless_delete = 1, detail = column,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL);
";

/// Text per indexing transaction: bounds memory (the engine truncates one message's text) and
/// keeps each commit short. 4 MB is about as many letters as a sync's body batch; 16 MB cost a
/// 100,000-message first sync 40 MB more peak memory for no speed.
const BATCH_TEXT_BYTES: usize = 4 * 1024 * 1024;
const BATCH_ROWS: i64 = 1000;
/// How often an idle indexer looks for work queued by another process (the CLI beside the GUI).
const IDLE_POLL: Duration = Duration::from_secs(20);

/// The cache's last queue entry: what an indexer that has reached it has indexed all of.
pub fn last_queued(cache: &Connection) -> rusqlite::Result<i64> {
    cache.query_row("SELECT coalesce(max(seq), 0) FROM search_queue", [], |r| r.get(0))
}

/// The index file that goes with the cache at `cache`.
pub fn index_path(cache: &Path) -> PathBuf {
    cache.with_extension("search.sqlite3")
}

/// Opens (creating if needed) the index file. `true` in the answer: it is new (or was unreadable
/// and was replaced), so every cached message must be queued.
pub fn open_index(path: &Path) -> StoreResult<(Connection, bool)> {
    match open_index_once(path) {
        Ok(opened) => Ok(opened),
        Err(error) => {
            // Derived data: a damaged index is rebuilt rather than stopping Pochta.
            tracing::warn!(%error, "the search index is unreadable; rebuilding it");
            remove_index_files(path);
            let (conn, _) = open_index_once(path)?;
            Ok((conn, true))
        }
    }
}

/// Deletes the index file with its WAL and shared-memory files (what is not there is fine).
pub fn remove_index_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(file));
    }
}

fn open_index_once(path: &Path) -> StoreResult<(Connection, bool)> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // NORMAL: a power cut may lose the last index transaction, and with it the `upto` it
    // recorded, so the entries are simply indexed again.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The index is written in appends and merged in place: a small cache does (memory matters
    // more during a first sync, which runs beside it).
    conn.pragma_update(None, "cache_size", -4 * 1024)?;
    conn.pragma_update(None, "journal_size_limit", 16 * 1024 * 1024)?;
    conn.execute_batch(SCHEMA)?;
    let fresh =
        conn.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get::<_, i64>(0)).optional()?.is_none();
    if fresh {
        conn.execute("INSERT INTO indexed (id, upto) VALUES (1, 0)", [])?;
    }
    Ok((conn, fresh))
}

/// Where the indexer is, shared with those waiting for it.
#[derive(Default)]
struct Progress {
    /// The last queue entry indexed.
    upto: i64,
    /// Why the indexer stopped, if it did (waiters stop waiting).
    failed: Option<String>,
}

/// What the indexer thread is told.
enum Signal {
    /// There is (probably) new work.
    Wake,
    /// Finish the batch at hand, empty the index file's WAL and end.
    Stop,
}

/// The indexer thread and the way to wake it and wait for it.
pub struct SearchIndexer {
    wake: SyncSender<Signal>,
    progress: Arc<(Mutex<Progress>, Condvar)>,
}

impl SearchIndexer {
    /// Starts the thread: `index` is the index file's connection, `cache` the cache's path (the
    /// thread opens its own connection to read the queue and the messages' text), `queued` the
    /// cache's last queue entry (work left by an earlier run is started on at once).
    pub fn start(index: Connection, cache: PathBuf, queued: i64) -> StoreResult<SearchIndexer> {
        let upto = index.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get(0))?;
        let progress = Arc::new((Mutex::new(Progress { upto, failed: None }), Condvar::new()));
        // One pending wake-up is enough: the thread drains the whole queue each time it wakes.
        let (wake, woken) = mpsc::sync_channel(1);
        if queued > upto {
            let _ = wake.try_send(Signal::Wake);
        }
        let shared = progress.clone();
        std::thread::Builder::new()
            .name("pochta-search-index".into())
            .spawn(move || {
                let outcome = serve(index, &cache, &woken, &shared);
                let (lock, changed) = &*shared;
                let mut progress = lock.lock().unwrap_or_else(|p| p.into_inner());
                progress.failed =
                    Some(outcome.err().map_or_else(|| "the search indexer stopped".to_string(), |e| e.to_string()));
                changed.notify_all();
            })
            .map_err(|source| super::StoreError::Io { path: "search indexer thread".into(), source })?;
        Ok(SearchIndexer { wake, progress })
    }

    /// Tells the thread there is (probably) new work. Never blocks.
    pub fn wake(&self) {
        let _ = self.wake.try_send(Signal::Wake);
    }

    /// Stops the thread, leaving its WAL empty so the next start need not recover it; waits at
    /// most `patience` (a stop at exit must not hang on a long batch).
    pub fn stop(&self, patience: Duration) {
        if self.wake.send(Signal::Stop).is_err() {
            return;
        }
        let (lock, changed) = &*self.progress;
        let progress = lock.lock().unwrap_or_else(|p| p.into_inner());
        let _ = changed.wait_timeout_while(progress, patience, |progress| progress.failed.is_none());
    }

    /// Waits until every queue entry up to `target` is indexed (or the indexer has stopped).
    pub fn wait_for(&self, target: i64) {
        let (lock, changed) = &*self.progress;
        let mut progress = lock.lock().unwrap_or_else(|p| p.into_inner());
        // Woken only when behind: a pass that stored nothing must not set the indexer going
        // (and make the exit that follows wait for it).
        if progress.upto < target {
            self.wake();
        }
        while progress.upto < target && progress.failed.is_none() {
            progress = changed.wait(progress).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// A text's words, each once, in the order they first come. With `detail = column` the index
/// records which words a column holds, not how often or where, so each repeat of a word only
/// costs tokenising, and mail repeats a lot (quoted replies, signatures, "the"): repeats were
/// most of the indexer's time. Words are split at ASCII whitespace only, where the `unicode61`
/// tokenizer always ends a token, so the index gets exactly the same tokens.
struct DistinctWords {
    /// 64-bit hashes of the words of the text at hand, with a seed chosen per indexer: two
    /// different words of one message sharing a hash is a one-in-10^12 event, and no sender can
    /// arrange it. Hashes rather than the words themselves: no comparisons of the words, and the
    /// set's memory is reused from one message to the next.
    seen: HashSet<u64, foldhash::fast::FixedState>,
    seed: foldhash::fast::RandomState,
    words: String,
}

impl DistinctWords {
    fn new() -> DistinctWords {
        DistinctWords { seen: HashSet::default(), seed: foldhash::fast::RandomState::default(), words: String::new() }
    }

    fn of(&mut self, text: &str) -> &str {
        self.seen.clear();
        self.words.clear();
        // A one-off huge message does not keep its memory for the rest of the run.
        if self.words.capacity() > 4 * 1024 * 1024 {
            self.words.shrink_to(0);
            self.seen.shrink_to(0);
        }
        for word in text.split_ascii_whitespace() {
            if self.seen.insert(self.seed.hash_one(word)) {
                if !self.words.is_empty() {
                    self.words.push(' ');
                }
                self.words.push_str(word);
            }
        }
        &self.words
    }
}

/// The thread's life: it waits for work before opening anything, so a command that stores
/// nothing (a no-change sync) never has this thread open the cache or take its write lock
/// beside it; then it drains the queue each time it is woken, and every `IDLE_POLL` for what
/// another process queued.
fn serve(
    index: Connection,
    cache: &Path,
    woken: &mpsc::Receiver<Signal>,
    progress: &(Mutex<Progress>, Condvar),
) -> StoreResult<()> {
    enum State {
        Waiting(Connection),
        Working(Worker),
    }
    let mut state = State::Waiting(index);
    loop {
        match woken.recv_timeout(IDLE_POLL) {
            Ok(Signal::Wake) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Signal::Stop) => {
                let (State::Waiting(index) | State::Working(Worker { index, .. })) = &state;
                index.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                return Ok(());
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        state = match state {
            State::Waiting(index) => State::Working(Worker::open(index, cache)?),
            working => working,
        };
        if let State::Working(worker) = &mut state {
            worker.drain(progress)?;
        }
    }
}

struct Worker {
    index: Connection,
    cache: Connection,
    distinct: DistinctWords,
}

impl Worker {
    fn open(index: Connection, cache: &Path) -> StoreResult<Worker> {
        let cache = Connection::open_with_flags(
            cache,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        // Pruning the queue must never make a sync's writer wait: a busy cache means "later".
        cache.busy_timeout(Duration::from_millis(50))?;
        Ok(Worker { index, cache, distinct: DistinctWords::new() })
    }

    /// Indexes everything queued, telling waiters after each batch.
    fn drain(&mut self, progress: &(Mutex<Progress>, Condvar)) -> StoreResult<()> {
        while let Some(upto) = self.index_batch()? {
            let (lock, changed) = progress;
            lock.lock().unwrap_or_else(|p| p.into_inner()).upto = upto;
            changed.notify_all();
            self.checkpoint_cache();
        }
        self.checkpoint_cache();
        self.prune_queue();
        Ok(())
    }

    /// Indexes the next batch of queued entries; the new `upto`, or `None` when nothing waits.
    /// Rows stream from the cache straight into the index (one snapshot of the cache, one
    /// transaction of the index), so no batch of text is ever held in memory.
    fn index_batch(&mut self) -> StoreResult<Option<i64>> {
        let upto: i64 = self.index.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get(0))?;
        let snapshot = self.cache.transaction()?;
        let tx = self.index.transaction()?;
        // Message ids only grow (INTEGER PRIMARY KEY): an id above the largest indexed one has no
        // row to replace, and a contentless FTS5 delete costs a lookup even when nothing is there.
        let largest: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM message_search", [], |r| r.get(0))?;
        let mut last = None;
        {
            let mut delete = tx.prepare_cached("DELETE FROM message_search WHERE rowid = ?1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO message_search (rowid, subject, sender, recipients, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut queued = snapshot.prepare_cached(&format!(
                "SELECT q.seq, q.message_id, m.id IS NOT NULL, m.subject, m.from_name || ' ' || m.from_addr,
                        m.to_addrs || ' ' || m.cc_addrs, {BODY_TEXT_SQL}
                 FROM search_queue q
                 LEFT JOIN messages m ON m.id = q.message_id
                 LEFT JOIN bodies b ON b.message_id = q.message_id
                 WHERE q.seq > ?1 ORDER BY q.seq LIMIT ?2"
            ))?;
            let mut rows = queued.query(params![upto, BATCH_ROWS])?;
            // A message queued twice in one snapshot (headers, then its body) is indexed once.
            let mut done = HashSet::new();
            let mut text_bytes = 0;
            while let Some(row) = rows.next()? {
                let (seq, id, exists): (i64, i64, bool) = (row.get(0)?, row.get(1)?, row.get(2)?);
                last = Some(seq);
                if !done.insert(id) {
                    continue;
                }
                if id <= largest {
                    delete.execute([id])?;
                }
                if exists {
                    let text = |column: usize| row.get_ref(column).map(|value| value.as_str_or_null());
                    let body = text(6)?.map_err(rusqlite::Error::from)?.unwrap_or_default();
                    text_bytes += body.len();
                    let body = self.distinct.of(body);
                    insert.execute(params![
                        id,
                        text(3)?.map_err(rusqlite::Error::from)?,
                        text(4)?.map_err(rusqlite::Error::from)?,
                        text(5)?.map_err(rusqlite::Error::from)?,
                        body
                    ])?;
                }
                if text_bytes >= BATCH_TEXT_BYTES {
                    break;
                }
            }
        }
        let Some(last) = last else { return Ok(None) };
        tx.execute("UPDATE indexed SET upto = ?1 WHERE id = 1", [last])?;
        tx.commit()?;
        snapshot.commit()?;
        Ok(Some(last))
    }

    /// Copies what the cache's WAL holds into the cache file, here rather than in the writer: a
    /// checkpoint reads, writes and fsyncs everything a sync wrote, and done by the writer it
    /// stalls the sync's commits (the writer's own checkpoints are only a backstop; see
    /// `Store::open`). PASSIVE: never waits for the writer or for readers.
    fn checkpoint_cache(&mut self) {
        if let Err(error) = self.cache.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::debug!(%error, "cache checkpoint skipped");
        }
    }

    /// Drops queue entries already indexed. Best effort: skipped while the cache is busy.
    fn prune_queue(&mut self) {
        let upto = self.index.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get::<_, i64>(0));
        if let Ok(upto) = upto
            && let Err(error) = self.cache.execute("DELETE FROM search_queue WHERE seq <= ?1", [upto])
        {
            tracing::debug!(%error, "search queue not pruned this time");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DistinctWords;

    #[test]
    fn each_word_is_kept_once_in_first_seen_order() {
        let mut distinct = DistinctWords::new();
        assert_eq!(distinct.of("a b a\tc\r\nb  d"), "a b c d");
        assert_eq!(distinct.of("Привет, мир! Привет, мир!\n> Привет,"), "Привет, мир! >");
        assert_eq!(distinct.of(" \n\t "), "");
        // Nothing carries over from one text to the next.
        assert_eq!(distinct.of("b a"), "b a");
    }
}
