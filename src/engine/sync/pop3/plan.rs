//! What one POP3 session should do, decided from the maildrop listing and what the store already
//! has, without a network: which messages to download and which to delete (RFC 1939 §5 DELE).
//! A message is only ever planned for deletion when its UIDL is in `pop3_seen`, which the store
//! writes in the same transaction as the message itself.

use crate::engine::store::{SeenMessage, ServerCopy};
use crate::model::Pop3Options;
use std::collections::HashMap;

const DAY: i64 = 24 * 60 * 60;

/// A message in this session's maildrop: its number (valid for this session only) and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub msg: u32,
    pub uidl: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionPlan {
    /// Not downloaded yet, in maildrop order.
    pub download: Vec<Listed>,
    /// Downloaded in an earlier session and due for deletion now.
    pub delete: Vec<Listed>,
}

/// Plans a session. `now` is Unix seconds.
pub fn plan_session(
    listing: &[Listed],
    seen: &HashMap<String, SeenMessage>,
    options: &Pop3Options,
    now: i64,
) -> SessionPlan {
    let mut plan = SessionPlan::default();
    for listed in listing {
        match seen.get(&listed.uidl) {
            None => plan.download.push(listed.clone()),
            Some(seen) if due_for_deletion(seen, options, now) => plan.delete.push(listed.clone()),
            Some(_) => {}
        }
    }
    plan
}

/// Whether a message downloaded in this very session goes on the DELE list right away.
pub fn delete_after_download(options: &Pop3Options) -> bool {
    !options.leave_on_server || options.delete_after_days == Some(0)
}

fn due_for_deletion(seen: &SeenMessage, options: &Pop3Options, now: i64) -> bool {
    match seen.server_copy {
        ServerCopy::DeleteWanted => true,
        // A server that said it deleted but lists the message again (a provider keeping its own
        // copy): with download-and-delete, ask again; otherwise leave it alone.
        ServerCopy::Deleted => !options.leave_on_server,
        ServerCopy::Kept => {
            !options.leave_on_server
                || options.delete_after_days.is_some_and(|days| seen.downloaded_at <= now - i64::from(days) * DAY)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(msg: u32, uidl: &str) -> Listed {
        Listed { msg, uidl: uidl.into() }
    }

    fn seen(entries: &[(&str, i64, ServerCopy)]) -> HashMap<String, SeenMessage> {
        entries
            .iter()
            .map(|(uidl, at, copy)| (uidl.to_string(), SeenMessage { downloaded_at: *at, server_copy: *copy }))
            .collect()
    }

    const NOW: i64 = 100 * DAY;

    #[test]
    fn download_and_delete_fetches_new_and_deletes_everything_already_stored() {
        let listing = [listed(1, "a"), listed(2, "b"), listed(3, "c")];
        let seen = seen(&[("a", NOW, ServerCopy::Kept)]);
        let plan = plan_session(&listing, &seen, &Pop3Options::default(), NOW);
        assert_eq!(plan.download, vec![listed(2, "b"), listed(3, "c")]);
        assert_eq!(plan.delete, vec![listed(1, "a")]);
        assert!(delete_after_download(&Pop3Options::default()));
    }

    #[test]
    fn leave_on_server_deletes_only_what_the_user_deleted_or_what_is_old_enough() {
        let listing = [listed(1, "old"), listed(2, "young"), listed(3, "wanted"), listed(4, "new")];
        let seen = seen(&[
            ("old", NOW - 10 * DAY, ServerCopy::Kept),
            ("young", NOW - 9 * DAY + 1, ServerCopy::Kept),
            ("wanted", NOW, ServerCopy::DeleteWanted),
        ]);
        let keep = Pop3Options { leave_on_server: true, ..Default::default() };
        let plan = plan_session(&listing, &seen, &keep, NOW);
        assert_eq!(plan.download, vec![listed(4, "new")]);
        assert_eq!(plan.delete, vec![listed(3, "wanted")]);
        assert!(!delete_after_download(&keep));

        let after_nine = Pop3Options { leave_on_server: true, delete_after_days: Some(9), ..Default::default() };
        let plan = plan_session(&listing, &seen, &after_nine, NOW);
        assert_eq!(plan.delete, vec![listed(1, "old"), listed(3, "wanted")]);
        let after_zero = Pop3Options { delete_after_days: Some(0), ..after_nine };
        assert!(delete_after_download(&after_zero));
    }

    #[test]
    fn a_message_the_server_lists_again_after_deleting_is_not_downloaded_twice() {
        let listing = [listed(1, "gone")];
        let seen = seen(&[("gone", NOW, ServerCopy::Deleted)]);
        let plan = plan_session(&listing, &seen, &Pop3Options::default(), NOW);
        assert!(plan.download.is_empty());
        assert_eq!(plan.delete, vec![listed(1, "gone")]);
        let keep = Pop3Options { leave_on_server: true, ..Default::default() };
        assert_eq!(plan_session(&listing, &seen, &keep, NOW), SessionPlan::default());
    }
}
