//! Bodies shared between folders (migration v11): Gmail shows one message in INBOX, in each of
//! its labels and in `[Gmail]/All Mail`, each time under another UID but always with the same
//! X-GM-MSGID (https://developers.google.com/workspace/gmail/imap/imap-extensions). A row whose
//! message is already cached whole in another folder of the account borrows that row's body
//! (`body_from`) instead of having it downloaded and stored again. Every read of a body or of
//! its attachments goes through [`BODY_HOLDER`] or `coalesce(m.body_from, m.id)`.

use super::messages::queue_for_index;
use super::{Store, StoreResult};
use crate::model::FolderId;
use rusqlite::params;

/// The row whose `bodies` and `attachments` rows hold the body of message `?1`.
pub(super) const BODY_HOLDER: &str = "(SELECT coalesce(body_from, id) FROM messages WHERE id = ?1)";

impl Store {
    /// Rows of `folder` that lack a body at level `wanted` borrow it from a row of another folder
    /// of the same account with the same X-GM-MSGID that has its own body at that level (a
    /// lender never borrows itself, so chains do not form). Returns how many rows borrowed.
    pub fn share_gmail_bodies(&self, folder: FolderId, wanted: i64) -> StoreResult<usize> {
        self.write(|tx| {
            let lender = "SELECT h.id FROM messages h JOIN folders f ON f.id = h.folder_id
                 WHERE h.gm_msgid = messages.gm_msgid AND h.folder_id != ?1 AND h.body_from IS NULL
                   AND h.body_state >= ?2
                   AND f.account_id = (SELECT account_id FROM folders WHERE id = ?1)
                 LIMIT 1";
            let mut borrowers = tx.prepare_cached(&format!(
                "SELECT id, ({lender}) FROM messages
                 WHERE folder_id = ?1 AND gm_msgid IS NOT NULL AND body_state < ?2 AND body_from IS NULL"
            ))?;
            let pairs: Vec<(i64, Option<i64>)> = borrowers
                .query_map(params![folder.0, wanted], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut borrow = tx.prepare_cached(
                "UPDATE messages SET body_from = ?2,
                     body_state = (SELECT body_state FROM messages WHERE id = ?2),
                     has_attachments = (SELECT has_attachments FROM messages WHERE id = ?2)
                 WHERE id = ?1",
            )?;
            let mut shared = 0;
            for (id, lender) in pairs {
                let Some(lender) = lender else { continue };
                borrow.execute(params![id, lender])?;
                // The search index learns the borrowed text like a body of its own.
                queue_for_index(tx, id)?;
                shared += 1;
            }
            Ok(shared)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::store::{BODY_FULL, BodyRecord, MessageRecord, Store};
    use crate::model::Uid;

    fn gmail_letter(uid: u32, gm_msgid: u64) -> MessageRecord {
        MessageRecord {
            uid: Some(Uid(uid)),
            subject: "shared".into(),
            gm_msgid: Some(gm_msgid),
            ..MessageRecord::default()
        }
    }

    #[test]
    fn a_message_cached_in_another_folder_lends_its_body_until_it_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let account = store.ensure_account("me@gmail.test", "imap").unwrap();
        let inbox = store.ensure_local_folders(account).unwrap();
        // Any other folder of the account plays All Mail.
        let all_mail = store.folders(account).unwrap().into_iter().find(|f| f.id != inbox).unwrap().id;
        let in_inbox = store.upsert_messages(inbox, &[gmail_letter(11, 77)]).unwrap()[0];
        let in_all_mail = store.upsert_messages(all_mail, &[gmail_letter(1, 77)]).unwrap()[0];
        let raw = b"Subject: shared\r\n\r\nthe words\r\n".to_vec();
        let body = BodyRecord { raw: raw.clone(), text: "the words\r\n".into(), ..BodyRecord::default() };
        store.store_bodies(inbox, &[(Uid(11), body)]).unwrap();

        assert_eq!(store.share_gmail_bodies(all_mail, BODY_FULL).unwrap(), 1);
        assert!(store.uids_without_body(all_mail, None, BODY_FULL).unwrap().is_empty());
        assert_eq!(store.message_body(in_all_mail).unwrap().unwrap().0, raw, "read through the lender");
        let bodies: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM bodies", [], |r| r.get(0))?)).unwrap();
        assert_eq!(bodies, 1, "stored once");

        // The lender goes (expunged from INBOX): the borrower wants its body again.
        store.remove_uids(inbox, &[Uid(11)]).unwrap();
        assert_eq!(store.uids_without_body(all_mail, None, BODY_FULL).unwrap().len(), 1);
        assert!(store.message_body(in_inbox).unwrap().is_none());
        assert!(store.message_body(in_all_mail).unwrap().is_none());
    }
}
