//! What "Run now" reads to match the user's rules against a folder's cached letters: the
//! listed fields and, where the letter is cached, its header block; read in pages by id so a
//! large folder never sits in memory at once.

use super::{MessageRecord, Store, StoreResult};
use crate::model::{FolderId, MessageId};
use rusqlite::params;

/// How much of a cached letter is read for its headers: a header block longer than this is
/// hostile or broken, and what a rule looks for comes early.
const HEADER_BYTES: i64 = 64 * 1024;

/// One letter as the rules see it.
#[derive(Debug, Clone)]
pub struct RuleMaterial {
    pub id: MessageId,
    /// Subject, sender and recipients (the rest left empty).
    pub record: MessageRecord,
    /// The start of the raw letter when it is cached (empty otherwise): header rules read it.
    pub head: Vec<u8>,
}

impl Store {
    /// Up to `limit` letters of `folder` with ids above `after`, in id order.
    pub fn rule_material(&self, folder: FolderId, after: MessageId, limit: usize) -> StoreResult<Vec<RuleMaterial>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.id, m.subject, m.from_name, m.from_addr, m.to_addrs, m.cc_addrs, substr(b.raw, 1, ?4)
                 FROM messages m LEFT JOIN bodies b ON b.message_id = coalesce(m.body_from, m.id)
                 WHERE m.folder_id = ?1 AND m.id > ?2 ORDER BY m.id LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![folder.0, after.0, limit as i64, HEADER_BYTES], |r| {
                Ok(RuleMaterial {
                    id: MessageId(r.get(0)?),
                    record: MessageRecord {
                        subject: r.get(1)?,
                        from_name: r.get(2)?,
                        from_addr: r.get(3)?,
                        to_addrs: r.get(4)?,
                        cc_addrs: r.get(5)?,
                        ..Default::default()
                    },
                    head: r.get::<_, Option<Vec<u8>>>(6)?.unwrap_or_default(),
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// How many letters the folder holds (what "Run now" counts towards).
    pub fn folder_letter_count(&self, folder: FolderId) -> StoreResult<usize> {
        self.read(|conn| {
            let count: i64 =
                conn.query_row("SELECT count(*) FROM messages WHERE folder_id = ?1", [folder.0], |r| r.get(0))?;
            Ok(count.max(0) as usize)
        })
    }
}
