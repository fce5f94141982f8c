//! Account rows: the store's anchor for everything an account owns. The settings themselves live
//! in accounts.toml; the row exists so folders and messages survive edits of the settings.

use super::{Store, StoreError, StoreResult, now_unix};
use crate::model::AccountId;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub id: AccountId,
    pub email: String,
    pub protocol: String,
}

impl Store {
    /// The row for `email`, created if missing (protocol updated if it changed).
    pub fn ensure_account(&self, email: &str, protocol: &str) -> StoreResult<AccountId> {
        // Every command asks, and the row is almost always there as it should be: a read, so
        // the common case costs no write transaction (and no fsync).
        let known = self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT id FROM accounts WHERE email = ?1 AND protocol = ?2")?
                .query_row([email, protocol], |row| row.get(0))
                .optional()?)
        })?;
        if let Some(id) = known {
            return Ok(AccountId(id));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO accounts (email, protocol, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (email) DO UPDATE SET protocol = excluded.protocol",
                params![email, protocol, now_unix()],
            )?;
            let id = tx.query_row("SELECT id FROM accounts WHERE email = ?1", [email], |row| row.get(0))?;
            Ok(AccountId(id))
        })
    }

    #[cfg(test)]
    pub fn account_by_email(&self, email: &str) -> StoreResult<Option<AccountRow>> {
        self.read(|conn| {
            Ok(conn
                .query_row("SELECT id, email, protocol FROM accounts WHERE email = ?1", [email], |row| {
                    Ok(AccountRow { id: AccountId(row.get(0)?), email: row.get(1)?, protocol: row.get(2)? })
                })
                .optional()?)
        })
    }

    /// The address of the account row `id` (`None` when it was removed).
    pub fn account_email(&self, id: AccountId) -> StoreResult<Option<String>> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT email FROM accounts WHERE id = ?1")?
                .query_row([id.0], |row| row.get(0))
                .optional()?)
        })
    }

    /// Every account row (for mapping ids back to addresses).
    pub fn accounts(&self) -> StoreResult<Vec<AccountRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare("SELECT id, email, protocol FROM accounts ORDER BY id")?;
            let rows = stmt.query_map([], |row| {
                Ok(AccountRow { id: AccountId(row.get(0)?), email: row.get(1)?, protocol: row.get(2)? })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Removes the account and everything cached for it, local-only rows included: this is the
    /// user's explicit "remove account", which the UI explains before asking.
    pub fn remove_account(&self, email: &str) -> StoreResult<()> {
        // The cascade's deleted messages queue themselves for the search index (triggers, v4).
        self.write(|tx| {
            let removed = tx.execute("DELETE FROM accounts WHERE email = ?1", [email])?;
            if removed == 0 {
                return Err(StoreError::NotFound(crate::fl!("error-store-no-account", email = email.to_string())));
            }
            Ok(())
        })
    }
}
