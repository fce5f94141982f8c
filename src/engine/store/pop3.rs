//! What a POP3 account has downloaded (`pop3_seen`) and the one write that makes download-and-delete
//! lossless: a message and its UIDL row in the same transaction, so a UIDL is known here exactly
//! when its message is safely stored, and only such UIDLs ever go on a DELE list (RFC 1939 §5).

use super::{Store, StoreResult, messages::upsert_one};
use crate::model::{AccountId, FolderId, MessageId};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// Where a downloaded message stands with the server, as `pop3_seen.deleted_on_server` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerCopy {
    /// Stored here and (as far as we know) still on the server.
    Kept,
    /// Removed from the server: a QUIT after its DELE was answered `+OK`.
    Deleted,
    /// The user deleted it here and wants the server copy gone too: DELE at the next session.
    DeleteWanted,
}

impl ServerCopy {
    fn from_stored(value: i64) -> ServerCopy {
        match value {
            1 => ServerCopy::Deleted,
            2 => ServerCopy::DeleteWanted,
            _ => ServerCopy::Kept,
        }
    }
}

/// One downloaded message, by UIDL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenMessage {
    /// Unix seconds when it was committed here.
    pub downloaded_at: i64,
    pub server_copy: ServerCopy,
}

/// A downloaded message on its way into the store.
#[derive(Debug, Clone)]
pub struct Pop3Arrival {
    pub folder: FolderId,
    /// Must carry `uidl` (the server's or the header-hash fallback) and the body.
    pub record: super::MessageRecord,
    /// Folders that get a copy too (a rule's "copy to"), in the same transaction.
    pub copies: Vec<FolderId>,
}

impl Store {
    /// Every UIDL this account has downloaded.
    pub fn pop3_seen(&self, account: AccountId) -> StoreResult<HashMap<String, SeenMessage>> {
        self.read(|conn| {
            let mut stmt = conn
                .prepare_cached("SELECT uidl, downloaded_at, deleted_on_server FROM pop3_seen WHERE account_id = ?1")?;
            let rows = stmt.query_map([account.0], |r| {
                let seen = SeenMessage { downloaded_at: r.get(1)?, server_copy: ServerCopy::from_stored(r.get(2)?) };
                Ok((r.get::<_, String>(0)?, seen))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Stores a batch of downloaded messages with their UIDL rows in one transaction (durable on
    /// return: `synchronous = FULL`). A UIDL already recorded is skipped, so a batch repeated after
    /// a crash never duplicates a message. Returns the new rows' ids (skipped ones left out).
    pub fn store_pop3_batch(
        &self,
        account: AccountId,
        arrivals: &[Pop3Arrival],
        now: i64,
    ) -> StoreResult<Vec<MessageId>> {
        self.write(|tx| {
            let mut stored = Vec::with_capacity(arrivals.len());
            for arrival in arrivals {
                let Some(uidl) = arrival.record.uidl.as_deref() else { continue };
                let known: Option<i64> = tx
                    .prepare_cached("SELECT 1 FROM pop3_seen WHERE account_id = ?1 AND uidl = ?2")?
                    .query_row(params![account.0, uidl], |r| r.get(0))
                    .optional()?;
                if known.is_some() {
                    continue;
                }
                let id = upsert_one(tx, arrival.folder, &arrival.record)?;
                for &to in arrival.copies.iter().filter(|&&to| to != arrival.folder) {
                    let copy = super::pending::copy_placeholder_in(tx, id, to)?;
                    // Local mail has no server to wait for: the copy is settled at once.
                    tx.execute("UPDATE messages SET local_changes = 0 WHERE id = ?1", [copy.0])?;
                }
                stored.push(id);
                tx.prepare_cached(
                    "INSERT INTO pop3_seen (account_id, uidl, downloaded_at, deleted_on_server) VALUES (?1, ?2, ?3, 0)",
                )?
                .execute(params![account.0, uidl, now])?;
            }
            Ok(stored)
        })
    }

    /// The server confirmed (QUIT `+OK`) that these messages are gone from it.
    pub fn pop3_deleted_on_server(&self, account: AccountId, uidls: &[String]) -> StoreResult<()> {
        self.write(|tx| {
            let mut stmt =
                tx.prepare_cached("UPDATE pop3_seen SET deleted_on_server = 1 WHERE account_id = ?1 AND uidl = ?2")?;
            for uidl in uidls {
                stmt.execute(params![account.0, uidl])?;
            }
            Ok(())
        })
    }

    /// Forgets downloaded messages the server deleted and no longer lists (`listed`: this
    /// session's complete listing), so the table does not grow forever. Rows of messages still
    /// kept on the server are never forgotten: they could be listed again and fetched twice.
    pub fn pop3_forget_gone(&self, account: AccountId, listed: &std::collections::HashSet<&str>) -> StoreResult<usize> {
        self.write(|tx| {
            let gone: Vec<String> = {
                let mut stmt =
                    tx.prepare("SELECT uidl FROM pop3_seen WHERE account_id = ?1 AND deleted_on_server = 1")?;
                let rows = stmt.query_map([account.0], |r| r.get::<_, String>(0))?;
                rows.filter(|uidl| uidl.as_ref().map_or(true, |u| !listed.contains(u.as_str())))
                    .collect::<Result<_, _>>()?
            };
            let mut delete = tx.prepare_cached("DELETE FROM pop3_seen WHERE account_id = ?1 AND uidl = ?2")?;
            for uidl in &gone {
                delete.execute(params![account.0, uidl])?;
            }
            Ok(gone.len())
        })
    }

    /// The user deleted this message here and wants the server copy deleted too.
    pub fn pop3_want_server_delete(&self, account: AccountId, uidl: &str) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE pop3_seen SET deleted_on_server = 2 WHERE account_id = ?1 AND uidl = ?2 AND deleted_on_server = 0",
                params![account.0, uidl],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::store::{BodyRecord, MessageRecord};

    fn arrival(folder: FolderId, uidl: &str) -> Pop3Arrival {
        let record = MessageRecord {
            uidl: Some(uidl.into()),
            subject: format!("message {uidl}"),
            body: Some(BodyRecord {
                raw: format!("Subject: {uidl}\r\n\r\nbody\r\n").into_bytes(),
                ..Default::default()
            }),
            ..Default::default()
        };
        Pop3Arrival { folder, record, copies: Vec::new() }
    }

    #[test]
    fn a_repeated_batch_stores_each_message_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let account = store.ensure_account("ivan@example.org", "pop3").unwrap();
        let inbox = store.ensure_local_folders(account).unwrap();
        let batch = vec![arrival(inbox, "a"), arrival(inbox, "b")];
        assert_eq!(store.store_pop3_batch(account, &batch, 100).unwrap().len(), 2);
        assert_eq!(store.store_pop3_batch(account, &batch, 200).unwrap().len(), 0);
        assert_eq!(store.message_page(inbox, 0, 10).unwrap().len(), 2);
        let seen = store.pop3_seen(account).unwrap();
        assert_eq!(seen["a"], SeenMessage { downloaded_at: 100, server_copy: ServerCopy::Kept });
        store.pop3_want_server_delete(account, "a").unwrap();
        store.pop3_deleted_on_server(account, &["b".into()]).unwrap();
        let seen = store.pop3_seen(account).unwrap();
        assert_eq!(seen["a"].server_copy, ServerCopy::DeleteWanted);
        assert_eq!(seen["b"].server_copy, ServerCopy::Deleted);
        // Only rows of messages deleted on the server and no longer listed are forgotten.
        assert_eq!(store.pop3_forget_gone(account, &["b"].into_iter().collect()).unwrap(), 0);
        assert_eq!(store.pop3_forget_gone(account, &Default::default()).unwrap(), 1);
        assert_eq!(store.pop3_seen(account).unwrap().keys().collect::<Vec<_>>(), vec!["a"]);
    }
}
