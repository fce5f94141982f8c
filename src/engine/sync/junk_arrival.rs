//! The junk filter's verdict on arriving mail, the same for IMAP (on the headers just fetched)
//! and POP3 (on the whole letter): a letter another client already marked `$Junk` or `$NotJunk`
//! is left as marked, a sender the user has written to is never junk, and a store that cannot
//! say whom the user wrote to judges nothing junk (never lose a letter to the filter).

use crate::engine::compose::parse_mailbox_list_lenient;
use crate::engine::junk::{self, JUNK_KEYWORD, Letter, NOT_JUNK_KEYWORD};
use crate::engine::store::Store;
use crate::model::Flags;
use std::collections::HashSet;

/// The addresses the user has written to (lower case), read once for a batch of arrivals; None
/// when the store cannot say.
pub fn correspondents(store: &Store) -> Option<HashSet<String>> {
    let fields = store.sent_recipient_fields().ok()?;
    Some(parse_mailbox_list_lenient(&fields).into_iter().map(|mailbox| mailbox.email.to_lowercase()).collect())
}

/// Whether the filter sends this arriving letter to Junk.
pub fn is_junk(store: &Store, correspondents: &HashSet<String>, letter: &Letter<'_>, flags: &Flags) -> bool {
    let marked = |keyword: &str| flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(keyword));
    if marked(NOT_JUNK_KEYWORD) || marked(JUNK_KEYWORD) {
        return false;
    }
    if correspondents.contains(&letter.from_addr.trim().to_lowercase()) {
        return false;
    }
    junk::judge(letter, store).is_junk()
}
