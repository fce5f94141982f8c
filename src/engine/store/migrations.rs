//! Numbered schema migrations. Each runs in its own transaction and says why it exists.
//! Never edit a released migration: add a new one, and a test that upgrades from every older
//! version with data in the local-only tables (outbox, drafts, pending operations), which must
//! survive every upgrade.

use super::StoreResult;
use rusqlite::Connection;
#[cfg(test)]
use rusqlite_migration::SchemaVersion;
use rusqlite_migration::{M, Migrations};

/// v1: the first schema, everything the foundation needs.
/// - `accounts` mirrors accounts.toml by address so rows survive config edits;
/// - `folders` keeps the IMAP sync state per folder (RFC 3501 UIDVALIDITY/UIDNEXT, RFC 7162
///   HIGHESTMODSEQ) next to the tree (delimiter, special use per RFC 6154);
/// - `messages` holds envelope fields for the list and flags as a bitmask plus keywords;
///   `uid` for IMAP, `uidl` for POP3 (RFC 1939 unique-id);
/// - `bodies` keeps raw bytes apart so list queries never page them in;
/// - `message_search` is a contentless FTS5 index keyed by messages.id (the text is in `bodies`);
/// - `pop3_seen` is what makes POP3 download-and-delete lossless: a UIDL is recorded in the same
///   transaction that stores the message, and only then may it be DELEted;
/// - `pending_ops`, `outbox`, `drafts` are local-only: the user's intent, never rebuilt.
const V1: &str = r#"
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    protocol    TEXT NOT NULL CHECK (protocol IN ('imap', 'pop3', 'local')),
    created_at  INTEGER NOT NULL
);

CREATE TABLE folders (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    path           TEXT NOT NULL,
    raw_name       TEXT,
    delimiter      TEXT,
    role           TEXT,
    selectable     INTEGER NOT NULL DEFAULT 1,
    subscribed     INTEGER NOT NULL DEFAULT 1,
    local_only     INTEGER NOT NULL DEFAULT 0,
    uidvalidity    INTEGER,
    uidnext        INTEGER,
    highestmodseq  INTEGER,
    synced_at      INTEGER,
    UNIQUE (account_id, path)
);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    folder_id        INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    uid              INTEGER,
    uidl             TEXT,
    message_id       TEXT,
    in_reply_to      TEXT,
    refs             TEXT,
    thread_id        INTEGER,
    subject          TEXT NOT NULL DEFAULT '',
    from_name        TEXT NOT NULL DEFAULT '',
    from_addr        TEXT NOT NULL DEFAULT '',
    to_addrs         TEXT NOT NULL DEFAULT '',
    cc_addrs         TEXT NOT NULL DEFAULT '',
    date             INTEGER,
    received_at      INTEGER,
    size             INTEGER NOT NULL DEFAULT 0,
    flags            INTEGER NOT NULL DEFAULT 0,
    keywords         TEXT NOT NULL DEFAULT '',
    modseq           INTEGER,
    has_attachments  INTEGER NOT NULL DEFAULT 0,
    body_state       INTEGER NOT NULL DEFAULT 0,
    local_changes    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX messages_folder_uid ON messages (folder_id, uid) WHERE uid IS NOT NULL;
CREATE INDEX messages_folder_date ON messages (folder_id, date DESC, id DESC);
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_thread ON messages (thread_id);

CREATE TABLE bodies (
    message_id  INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw         BLOB NOT NULL,
    text        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    message_id    INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    part_index    INTEGER NOT NULL,
    filename      TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    content_id    TEXT,
    is_inline     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id);

CREATE VIRTUAL TABLE message_search USING fts5 (
    subject, sender, recipients, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE pop3_seen (
    account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    uidl                TEXT NOT NULL,
    downloaded_at       INTEGER NOT NULL,
    deleted_on_server   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, uidl)
) WITHOUT ROWID;

CREATE TABLE sync_state (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
) WITHOUT ROWID;

CREATE TABLE pending_ops (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id       TEXT NOT NULL,
    raw              BLOB NOT NULL,
    envelope_from    TEXT NOT NULL,
    recipients       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed'))
);

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id  TEXT NOT NULL,
    fields      TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    server_uid  INTEGER
);

CREATE TABLE certificate_pins (
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    not_after    TEXT NOT NULL,
    accepted_at  INTEGER NOT NULL,
    PRIMARY KEY (host, port)
) WITHOUT ROWID;
"#;

/// v2: "which messages still need a body" answered from an index. Every sync pass asks it for
/// every folder; without the index a no-change resync of a 100,000-message folder scanned the
/// whole folder just to learn that nothing was missing.
const V2: &str = "CREATE INDEX messages_folder_body ON messages (folder_id, body_state);";

/// v3: the full-text index without token positions (`detail = column`). Searches are words and
/// prefixes, never phrases, and positions were most of the indexing work of a full mirror. The
/// index is rebuilt from the cached headers and texts; nothing else changes.
const V3: &str = r#"
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5 (
    subject, sender, recipients, body,
    content = '', contentless_delete = 1, detail = column,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO message_search (rowid, subject, sender, recipients, body)
    SELECT m.id, m.subject, m.from_name || ' ' || m.from_addr, m.to_addrs || ' ' || m.cc_addrs, coalesce(b.text, '')
    FROM messages m LEFT JOIN bodies b ON b.message_id = m.id;
"#;

/// v4: sorting and conversations.
/// - each order the list offers walks an index of its own (sender as shown, subject ignoring
///   ASCII case), so the first page of a 100,000-message folder never sorts the folder;
/// - `thread_id` (in the schema since v1, never filled) is filled for every cached reply and what
///   it answers by the rule new messages follow (`threads.rs`; a message linked to nothing stays
///   NULL); `messages_folder_thread` finds a conversation's newest message in a folder in one
///   step, `messages_in_reply_to` finds replies that arrived before their parent (a first sync
///   fetches newest first, so replies usually come first).
const V4: &str = r#"
CREATE INDEX messages_folder_sender ON messages
    (folder_id, lower(CASE WHEN from_name != '' THEN from_name ELSE from_addr END), id);
CREATE INDEX messages_folder_subject ON messages (folder_id, subject COLLATE NOCASE, id);
CREATE INDEX messages_folder_thread ON messages (folder_id, thread_id, date DESC, id DESC);
CREATE INDEX messages_in_reply_to ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;
"#;

fn fill_threads(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    super::threads::backfill_threads(tx).map_err(|err| match err {
        super::StoreError::Sqlite(err) => rusqlite_migration::HookError::RusqliteError(err),
        other => rusqlite_migration::HookError::Hook(other.to_string()),
    })
}

/// v5: the full-text index moves to its own file with its own writer thread (see
/// `search_index`): a sync's batches commit without tokenising, and the index catches up beside
/// them. Triggers queue every message whose searchable text may have changed, in the same
/// transaction as the change (so nothing committed is ever missed by the index); the queue's
/// AUTOINCREMENT keeps its numbers growing after pruning, because the index file records how far
/// it got by number.
const V5: &str = r#"
DROP TABLE message_search;
CREATE TABLE search_queue (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  INTEGER NOT NULL
);
CREATE TRIGGER search_message_added AFTER INSERT ON messages
BEGIN INSERT INTO search_queue (message_id) VALUES (new.id); END;
CREATE TRIGGER search_message_changed
AFTER UPDATE OF subject, from_name, from_addr, to_addrs, cc_addrs ON messages
BEGIN INSERT INTO search_queue (message_id) VALUES (new.id); END;
CREATE TRIGGER search_message_removed AFTER DELETE ON messages
BEGIN INSERT INTO search_queue (message_id) VALUES (old.id); END;
CREATE TRIGGER search_body_added AFTER INSERT ON bodies
BEGIN INSERT INTO search_queue (message_id) VALUES (new.message_id); END;
CREATE TRIGGER search_body_changed AFTER UPDATE OF text ON bodies
BEGIN INSERT INTO search_queue (message_id) VALUES (new.message_id); END;
CREATE TRIGGER search_body_removed AFTER DELETE ON bodies
BEGIN INSERT INTO search_queue (message_id) VALUES (old.message_id); END;
INSERT INTO search_queue (message_id) SELECT id FROM messages;
"#;

/// v6: how many messages the cache held when a folder's sync state was recorded, so the
/// no-change check compares STATUS MESSAGES with one number instead of counting the folder's
/// cached UIDs (3 MB of index read for 100,000 messages on every pass). NULL until the next
/// sync of the folder records it (that folder takes the normal path once).
const V6: &str = "ALTER TABLE folders ADD COLUMN messages INTEGER;";

/// v7: a message whose text is the tail of its raw bytes (plain text in UTF-8 or ASCII, most
/// mail) keeps it once: `text_from` says where in `raw` it starts and `text` stays empty. That
/// text was a third of what a full mirror wrote. Rows stored before keep their `text`.
const V7: &str = r#"
ALTER TABLE bodies ADD COLUMN text_from INTEGER;
DROP TRIGGER search_body_changed;
CREATE TRIGGER search_body_changed AFTER UPDATE OF raw, text, text_from ON bodies
BEGIN INSERT INTO search_queue (message_id) VALUES (new.message_id); END;
"#;

/// v8: new messages and bodies are queued for the index by the store's own inserts
/// (`messages::queue_for_index`) instead of triggers. An INSERT into a table with an INSERT
/// trigger counts for SQLite as a statement that may write several rows, and with any
/// constraint that may abort (NOT NULL, UNIQUE, a foreign key) it keeps a statement journal: a
/// copy of every existing page it touches (16 KB each, a dozen per message with the indexes),
/// 2 GB of copying for a 10,000-message mirror. Changes and removals keep their triggers: they
/// are rare, and a trigger cannot be forgotten.
const V8: &str = r#"
DROP TRIGGER search_message_added;
DROP TRIGGER search_body_added;
"#;

/// v9: each folder keeps its counts (messages shown, unread) as the messages change, in the
/// same transaction, so the folder tree costs the same at 100,000 or 500,000 messages instead of
/// counting them on every refresh (49 ms and 182 ms before). Changes and removals keep them by
/// trigger (those statements already keep a statement journal for the search triggers, and the
/// journal holds only the pages they modify); new rows are counted by the store's two inserts
/// themselves, for the reason v8 gives. A message flagged \Deleted (8) is hidden and not counted;
/// unread means neither \Seen (1) nor \Deleted.
const V9: &str = r#"
ALTER TABLE folders ADD COLUMN shown_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE folders ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
UPDATE folders SET
    shown_count = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id AND (m.flags & 8) = 0),
    unread_count = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id AND (m.flags & 9) = 0);
CREATE TRIGGER folder_counts_removed AFTER DELETE ON messages
BEGIN
    UPDATE folders SET shown_count = shown_count - ((old.flags & 8) = 0),
        unread_count = unread_count - ((old.flags & 9) = 0) WHERE id = old.folder_id;
END;
CREATE TRIGGER folder_counts_changed AFTER UPDATE OF flags, folder_id ON messages
WHEN old.folder_id != new.folder_id OR (old.flags & 9) != (new.flags & 9)
BEGIN
    UPDATE folders SET shown_count = shown_count - ((old.flags & 8) = 0),
        unread_count = unread_count - ((old.flags & 9) = 0) WHERE id = old.folder_id;
    UPDATE folders SET shown_count = shown_count + ((new.flags & 8) = 0),
        unread_count = unread_count + ((new.flags & 9) = 0) WHERE id = new.folder_id;
END;
"#;

/// v10: the junk filter's memory, per profile: how many letters the user called junk and good
/// held each token, and what each letter was trained as (by its Message-ID), so training a
/// letter again moves its counts instead of adding them twice. Local-only data, learned from the
/// user: a resync never drops it.
const V10: &str = r#"
CREATE TABLE junk_tokens (
    token  TEXT PRIMARY KEY,
    junk   INTEGER NOT NULL DEFAULT 0,
    good   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE junk_trained (
    letter  TEXT PRIMARY KEY,
    junk    INTEGER NOT NULL
) WITHOUT ROWID;
"#;

/// v11: Gmail shows one message in many folders (INBOX, each label, `[Gmail]/All Mail`), each
/// time under another UID. `gm_msgid` is Gmail's X-GM-MSGID, the same in every folder
/// (https://developers.google.com/workspace/gmail/imap/imap-extensions); a row whose message is
/// already cached in another folder of the account keeps no body of its own but names the row
/// that holds it in `body_from` (store::shared_bodies). When that row goes, the rows that
/// borrowed its body lose it (body_state 0) and take it again from another copy, or from the
/// server, on the next pass: nothing local-only is kept in a borrowed body.
const V11: &str = r#"
ALTER TABLE messages ADD COLUMN gm_msgid INTEGER;
ALTER TABLE messages ADD COLUMN body_from INTEGER;
CREATE INDEX messages_gm_msgid ON messages (gm_msgid) WHERE gm_msgid IS NOT NULL;
CREATE INDEX messages_body_from ON messages (body_from) WHERE body_from IS NOT NULL;
CREATE TRIGGER shared_body_removed AFTER DELETE ON messages WHEN old.gm_msgid IS NOT NULL
BEGIN
    INSERT INTO search_queue (message_id) SELECT id FROM messages WHERE body_from = old.id;
    UPDATE messages SET body_from = NULL, body_state = 0 WHERE body_from = old.id;
END;
"#;

fn migrations() -> Migrations<'static> {
    Migrations::new(steps())
}

fn steps() -> Vec<M<'static>> {
    vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up_with_hook(V4, fill_threads),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up(V10),
        M::up(V11),
    ]
}

pub fn migrate_to_latest(conn: &mut Connection) -> StoreResult<()> {
    Ok(migrations().to_latest(conn)?)
}

/// Test hook: stop at an older version to prove upgrades from it keep local-only data.
#[cfg(test)]
pub fn migrate_to(conn: &mut Connection, version: usize) -> StoreResult<()> {
    Ok(migrations().to_version(conn, version)?)
}

#[cfg(test)]
pub fn current_version(conn: &Connection) -> StoreResult<usize> {
    Ok(match migrations().current_version(conn)? {
        SchemaVersion::NoneSet => 0,
        SchemaVersion::Inside(v) | SchemaVersion::Outside(v) => v.get(),
    })
}

/// The number of the newest migration.
#[cfg(test)]
pub fn latest() -> usize {
    steps().len()
}
