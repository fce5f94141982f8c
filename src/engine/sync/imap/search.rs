//! Searching a folder on the server for mail the cache lacks (RFC 3501 6.4.4 `UID SEARCH`, each
//! word as a `TEXT` key: headers or body contain it). The newest matches are returned; those not
//! cached yet get their headers fetched into the cache first, so the list can show them.

use super::fetch::{self, Committer};
use super::{SyncError, SyncJob, connect, timed};
use crate::engine::protocol::deadline;
use crate::engine::store::FolderRow;
use crate::model::{Uid, UidValidity};
use futures::TryStreamExt;

/// Matches returned at most, newest first (a word like "the" matches a whole folder).
pub const MAX_FOUND: usize = 200;
/// Words of a query sent at most.
const MAX_WORDS: usize = 8;

/// The UIDs (newest first) of the folder's messages that contain every word of `query`.
pub async fn search_folder(job: &SyncJob<'_>, folder: FolderRow, query: &str) -> Result<Vec<Uid>, SyncError> {
    let mut session = connect(job).await?;
    let capabilities = timed(deadline::command(), session.capabilities()).await?;
    let literal_plus = capabilities.has_str("LITERAL+");
    let extras = fetch::Extras { condstore: false, gmail: capabilities.has_str("X-GM-EXT-1") };
    let Some(criteria) = criteria(query, literal_plus) else { return Ok(Vec::new()) };
    let mailbox = timed(deadline::command(), session.examine(&folder.raw_name)).await?;
    let validity = mailbox.uid_validity.map(UidValidity);
    if validity.is_none() || validity != folder.state.uidvalidity {
        return Err(SyncError::Session(format!("{} changed on the server; sync first", folder.path)));
    }
    let mut found: Vec<u32> = timed(deadline::command(), session.uid_search(&criteria)).await?.into_iter().collect();
    found.sort_unstable_by(|a, b| b.cmp(a));
    found.truncate(MAX_FOUND);
    let mut missing = Vec::new();
    for uid in &found {
        if job.store.message_by_uid(folder.id, Uid(*uid))?.is_none() {
            missing.push(*uid);
        }
    }
    if !missing.is_empty() {
        let set = missing.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let fetches: Vec<async_imap::types::Fetch> =
            timed(deadline::for_bytes(missing.len() as u64 * 16 * 1024), async {
                session.uid_fetch(&set, fetch::message_query(extras, "HEADER")).await?.try_collect().await
            })
            .await?;
        let mut bytes = 0;
        let records = fetch::header_records(&fetches, None, &mut bytes)?;
        let mut committer = Committer::new(job.store.clone(), folder.id);
        committer.commit_headers(records).await?;
        committer.finish().await?;
    }
    let _ = timed(deadline::command(), session.logout()).await;
    Ok(found.into_iter().map(Uid).collect())
}

/// `CHARSET UTF-8 TEXT "w1" TEXT "w2"`: every word must match. A word with characters outside
/// ASCII goes as a non-synchronising literal when the server offers LITERAL+ (RFC 7888), since
/// quoted strings are 7-bit (RFC 3501 9); otherwise quoted, which lenient servers accept.
pub(super) fn criteria(query: &str, literal_plus: bool) -> Option<String> {
    let words: Vec<&str> = query.split_whitespace().take(MAX_WORDS).collect();
    if words.is_empty() {
        return None;
    }
    let keys: Vec<String> = words
        .iter()
        .map(|word| {
            let word: String = word.chars().filter(|c| !c.is_control()).collect();
            if !word.is_ascii() && literal_plus {
                format!("TEXT {{{}+}}\r\n{word}", word.len())
            } else {
                format!("TEXT \"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect();
    Some(format!("CHARSET UTF-8 {}", keys.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::criteria;

    #[test]
    fn every_word_is_a_text_key_and_nothing_escapes_its_string() {
        assert_eq!(criteria("  ", true), None);
        assert_eq!(criteria("plan \"x\\", false).unwrap(), "CHARSET UTF-8 TEXT \"plan\" TEXT \"\\\"x\\\\\"");
        assert_eq!(criteria("среда", true).unwrap(), "CHARSET UTF-8 TEXT {10+}\r\nсреда");
    }
}
