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
//!
//! What it holds (format 3, `PRAGMA user_version`): each field's words folded and stemmed
//! (`engine::search::words`), each message under a key that sorts by date (`docs`), so a
//! search reads its matches newest first and stops after the few it shows, and every word it
//! has ever held (`terms`), so a word typed as a prefix becomes the few words it begins (FTS5's
//! own prefix queries gather every match of every such word before handing out the first one;
//! `store::search`). An index of an older
//! format is set aside, still answering searches, while the new one is built beside it from the
//! cache (`Store::open`), and removed once that is done.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::StoreResult;
use super::messages::BODY_TEXT_SQL;
use crate::engine::search::words::IndexWords;

/// The index file's schema. `detail = column`: searches are words and prefixes (phrases are
/// checked on the candidates), and positions were most of the indexing work (migration v3 in the
/// cache made the same choice). The words come folded and separated by single spaces, so the
/// plain `ascii` tokenizer (which splits at ASCII punctuation and spaces) keeps them as they are.
/// A row's rowid is its `docs.key`: the message's date in its high bits, so FTS5 hands out
/// matches newest first (`ORDER BY rowid DESC`) and a date range is a rowid range. `terms` is
/// the vocabulary (bytes, so a prefix is a key range: UTF-8 has no 0xFF byte); it only grows
/// (a word whose letters are all gone matches nothing, which costs nothing).
const SCHEMA: &str = "
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts5 (
    subject, sender, to_addrs, cc_addrs, body,
    content = '', contentless_delete = 1, detail = column,
    tokenize = 'ascii'
);
CREATE TABLE IF NOT EXISTS docs (key INTEGER PRIMARY KEY, message_id INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS indexed (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS terms (term BLOB PRIMARY KEY) WITHOUT ROWID;
";

/// The index format this build writes (`PRAGMA user_version` of the index file). 0 was format 1
/// (raw words through `unicode61`, keyed by message id); 2 was this one without `terms`.
pub const FORMAT: i64 = 3;

/// Distinct terms the indexer remembers having put in `terms` (a 64-bit hash each, some 5 MB
/// at most, beside a first sync's memory); forgotten all at once when there are more, which
/// only costs the vocabulary's lookups again.
const KNOWN_TERMS: usize = 1 << 18;

/// Bits of a key below the date: the low bits of the message id, so keys of one second differ.
const KEY_ID_BITS: u32 = 24;

/// The key under which a message is indexed: its date (seconds, clamped to 0..2^39) above the
/// low bits of its id. Keys sort as the message list does (date, then id).
pub fn date_key(date: Option<i64>, id: i64) -> i64 {
    (date.unwrap_or(0).clamp(0, (1 << 39) - 1) << KEY_ID_BITS) | (id & ((1 << KEY_ID_BITS) - 1))
}

/// The first key of messages dated at `date` or later.
pub fn first_key_at(date: i64) -> i64 {
    date.clamp(0, 1 << 39) << KEY_ID_BITS
}

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

/// Where an index of an older format waits, answering searches, while the new one is built.
pub fn previous_index_path(cache: &Path) -> PathBuf {
    cache.with_extension("search-previous.sqlite3")
}

/// Sets an index file of an older format aside (to `previous`), so a new one is built in its
/// place. Nothing happens to a file of this format, or to a missing one; a second upgrade
/// before the first finished keeps the first's previous index (the one that is complete).
pub fn set_aside_older_format(path: &Path, previous: &Path) -> StoreResult<()> {
    if !path.exists() {
        return Ok(());
    }
    let format: i64 = {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let format = conn.query_row("PRAGMA user_version", [], |r| r.get(0));
        // An unreadable file is replaced by `open_index` anyway.
        let Ok(format) = format else { return Ok(()) };
        format
    };
    if format == FORMAT {
        return Ok(());
    }
    if previous.exists() {
        remove_index_files(path);
        return Ok(());
    }
    tracing::info!(format, "the search index has an older format; building the new one beside it");
    for suffix in ["-wal", "-shm", ""] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = previous.as_os_str().to_owned();
        to.push(suffix);
        if let Err(source) = std::fs::rename(&from, &to)
            && source.kind() != std::io::ErrorKind::NotFound
        {
            return Err(super::StoreError::Io { path: from.into(), source });
        }
    }
    Ok(())
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
    // Written only to a new file: a write here would cost every `pochta search` a WAL frame and
    // four fsyncs (the write, then the checkpoint at exit), more than the search itself.
    if conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? != FORMAT {
        conn.pragma_update(None, "user_version", FORMAT)?;
    }
    let fresh =
        conn.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get::<_, i64>(0)).optional()?.is_none();
    if fresh {
        conn.execute("INSERT INTO indexed (id, upto) VALUES (1, 0)", [])?;
    }
    Ok((conn, fresh))
}

/// Tests hold this to keep every indexer from starting a batch (to see a store mid-rebuild).
#[cfg(test)]
pub static PAUSE: Mutex<()> = Mutex::new(());

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

    /// The last queue entry indexed.
    pub fn upto(&self) -> i64 {
        self.progress.0.lock().unwrap_or_else(|p| p.into_inner()).upto
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
        Working(Box<Worker>),
    }
    let mut state = State::Waiting(index);
    loop {
        match woken.recv_timeout(IDLE_POLL) {
            Ok(Signal::Wake) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Signal::Stop) => {
                let index = match &state {
                    State::Waiting(index) => index,
                    State::Working(worker) => &worker.index,
                };
                index.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                return Ok(());
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        state = match state {
            State::Waiting(index) => State::Working(Box::new(Worker::open(index, cache)?)),
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
    words: IndexWords,
    /// Hashes of the terms already in the index's vocabulary (seeded per indexer, as
    /// `IndexWords`'s: a term wrongly taken as known is a one-in-10^12 event no sender can
    /// arrange). Mail repeats its words, so most terms cost a lookup here, not a write.
    known: std::collections::HashSet<u64, foldhash::fast::FixedState>,
    seed: foldhash::fast::RandomState,
}

impl Worker {
    fn open(index: Connection, cache: &Path) -> StoreResult<Worker> {
        let cache = Connection::open_with_flags(
            cache,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        // Pruning the queue must never make a sync's writer wait: a busy cache means "later".
        cache.busy_timeout(Duration::from_millis(50))?;
        Ok(Worker { index, cache, words: IndexWords::default(), known: Default::default(), seed: Default::default() })
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
        #[cfg(test)]
        let _paused = PAUSE.lock().unwrap_or_else(|p| p.into_inner());
        let upto: i64 = self.index.query_row("SELECT upto FROM indexed WHERE id = 1", [], |r| r.get(0))?;
        let snapshot = self.cache.transaction()?;
        let tx = self.index.transaction()?;
        let mut last = None;
        {
            let mut old_key = tx.prepare_cached("SELECT key FROM docs WHERE message_id = ?1")?;
            let mut delete = tx.prepare_cached("DELETE FROM message_search WHERE rowid = ?1")?;
            let mut forget = tx.prepare_cached("DELETE FROM docs WHERE key = ?1")?;
            let mut key_taken = tx.prepare_cached("SELECT 1 FROM docs WHERE key = ?1")?;
            let mut remember = tx.prepare_cached("INSERT INTO docs (key, message_id) VALUES (?1, ?2)")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO message_search (rowid, subject, sender, to_addrs, cc_addrs, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut learn = tx.prepare_cached("INSERT OR IGNORE INTO terms (term) VALUES (?1)")?;
            let mut queued = snapshot.prepare_cached(&format!(
                "SELECT q.seq, q.message_id, m.id IS NOT NULL, m.date, m.subject, m.from_name || ' ' || m.from_addr,
                        m.to_addrs, m.cc_addrs, {BODY_TEXT_SQL}
                 FROM search_queue q
                 LEFT JOIN messages m ON m.id = q.message_id
                 LEFT JOIN bodies b ON b.message_id = coalesce(m.body_from, q.message_id)
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
                if let Some(key) = old_key.query_row([id], |r| r.get::<_, i64>(0)).optional()? {
                    delete.execute([key])?;
                    forget.execute([key])?;
                }
                if !exists {
                    continue;
                }
                let text = |column: usize| -> rusqlite::Result<&str> {
                    Ok(row.get_ref(column)?.as_str_or_null()?.unwrap_or_default())
                };
                // Two messages of one second whose ids agree in their low bits: the next free key.
                let mut key = date_key(row.get(3)?, id);
                while key_taken.exists([key])? {
                    key += 1;
                }
                remember.execute([key, id])?;
                let subject = self.words.of(text(4)?).to_owned();
                let sender = self.words.of(text(5)?).to_owned();
                let to = self.words.of(text(6)?).to_owned();
                let cc = self.words.of(text(7)?).to_owned();
                let body = text(8)?;
                text_bytes += body.len();
                let body = self.words.of(body);
                insert.execute(params![key, subject, sender, to, cc, body])?;
                for terms in [subject.as_str(), &sender, &to, &cc, body] {
                    remember_terms(&mut self.known, &self.seed, &mut learn, terms)?;
                }
                if text_bytes >= BATCH_TEXT_BYTES {
                    break;
                }
            }
        }
        let Some(last) = last else { return Ok(None) };
        tx.execute("UPDATE indexed SET upto = ?1 WHERE id = 1", [last])?;
        // Terms remembered in a batch that is not committed would never be written: a failed
        // batch ends the thread, and with it this worker.
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

/// Puts the terms of one column (separated by spaces) into the vocabulary, those not known to
/// be there already.
fn remember_terms(
    known: &mut std::collections::HashSet<u64, foldhash::fast::FixedState>,
    seed: &foldhash::fast::RandomState,
    learn: &mut rusqlite::CachedStatement<'_>,
    terms: &str,
) -> rusqlite::Result<()> {
    use std::hash::BuildHasher;
    for term in terms.split(' ').filter(|term| !term.is_empty()) {
        if known.len() >= KNOWN_TERMS {
            known.clear();
        }
        if known.insert(seed.hash_one(term)) {
            learn.execute([term.as_bytes()])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{date_key, first_key_at};

    #[test]
    fn keys_sort_by_date_then_id() {
        assert!(date_key(Some(100), 5) > date_key(Some(99), 6));
        assert!(date_key(Some(100), 6) > date_key(Some(100), 5));
        assert!(date_key(Some(100), 1) >= first_key_at(100));
        assert!(date_key(Some(99), (1 << 24) - 1) < first_key_at(100));
        // No date, or one before 1970, sorts as the oldest; a date far ahead does not overflow.
        assert_eq!(date_key(None, 7), date_key(Some(-5), 7));
        assert!(date_key(Some(i64::MAX), i64::MAX) > 0);
    }
}
