//! Pure planners: from what the server says about a folder and what the cache believes, the
//! cheapest correct work. No I/O; every branch is table-tested.
//!
//! The strategies (after melib and RFC 4549 "disconnected IMAP"): a changed UIDVALIDITY voids
//! the cache (RFC 3501 2.3.1.1); new mail is everything from the cached UIDNEXT on; with CONDSTORE
//! (RFC 7162 3.1) only flags changed since the cached HIGHESTMODSEQ are fetched; without it,
//! every UID and its flags are compared. Expunges show as fewer messages on the server than the
//! cache will hold, which costs one UID list to find.

use crate::model::{Flags, Uid, UidValidity};

/// What SELECT told us (RFC 3501 6.3.1, RFC 7162 3.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerFolder {
    pub uidvalidity: UidValidity,
    pub uidnext: Option<u32>,
    pub exists: u32,
    /// `None` when the server lacks CONDSTORE or the mailbox says NOMODSEQ.
    pub highestmodseq: Option<u64>,
}

/// What the cache holds for the folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CachedFolder {
    pub uidvalidity: Option<UidValidity>,
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
    /// Messages cached (with a UID).
    pub count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewMail {
    None,
    /// First sync (or after a rebuild): everything, newest first by sequence number.
    All,
    /// `UID FETCH from:*`, keeping only UIDs >= from (RFC 3501 6.4.8: `n:*` also matches the
    /// highest UID when n is above it).
    From(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagCheck {
    None,
    /// `UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)`.
    ChangedSince(u64),
    /// `UID FETCH 1:* (FLAGS)` and compare: also finds expunges.
    FullCompare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderPlan {
    /// The cache is void: drop it first.
    pub rebuild: bool,
    pub new_mail: NewMail,
    pub flags: FlagCheck,
    /// Compare UID lists after fetching new mail if the counts disagree.
    pub check_expunges: bool,
}

pub fn plan_folder(server: &ServerFolder, cache: &CachedFolder) -> FolderPlan {
    let rebuild = cache.uidvalidity.is_some_and(|v| v != server.uidvalidity);
    let first = rebuild || cache.uidvalidity.is_none() || cache.uidnext.is_none();
    if first {
        return FolderPlan {
            rebuild,
            new_mail: if server.exists == 0 { NewMail::None } else { NewMail::All },
            flags: FlagCheck::None,
            check_expunges: false,
        };
    }
    let cached_next = cache.uidnext.unwrap_or(1);
    let new_mail = match server.uidnext {
        Some(next) if next <= cached_next => NewMail::None,
        _ => NewMail::From(cached_next),
    };
    let flags = match (server.highestmodseq, cache.highestmodseq) {
        (Some(now), Some(then)) if now == then => FlagCheck::None,
        (Some(_), Some(then)) => FlagCheck::ChangedSince(then),
        _ => FlagCheck::FullCompare,
    };
    // A full compare sees expunges by itself; otherwise counts tell whether any happened.
    let check_expunges = flags != FlagCheck::FullCompare;
    FolderPlan { rebuild: false, new_mail, flags, check_expunges }
}

/// Differences between the server's UIDs/flags and the cache's (both sorted by UID).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagDiff {
    pub changed: Vec<(Uid, Flags)>,
    /// Cached but no longer on the server: expunged.
    pub gone: Vec<Uid>,
    /// On the server, below the cached UIDNEXT, but not cached (a fetch was cut short).
    pub missing: Vec<Uid>,
}

pub fn diff_flags(server: &[(Uid, Flags)], cache: &[(Uid, Flags)]) -> FlagDiff {
    let mut diff = FlagDiff::default();
    let (mut s, mut c) = (server.iter().peekable(), cache.iter().peekable());
    loop {
        match (s.peek(), c.peek()) {
            (Some((su, sf)), Some((cu, cf))) => {
                if su == cu {
                    if sf != cf {
                        diff.changed.push((*su, sf.clone()));
                    }
                    s.next();
                    c.next();
                } else if su < cu {
                    diff.missing.push(*su);
                    s.next();
                } else {
                    diff.gone.push(*cu);
                    c.next();
                }
            }
            (Some((su, _)), None) => {
                diff.missing.push(*su);
                s.next();
            }
            (None, Some((cu, _))) => {
                diff.gone.push(*cu);
                c.next();
            }
            (None, None) => return diff,
        }
    }
}

/// UIDs in the cache that the server's complete UID list lacks (both sorted).
pub fn expunged(server_uids: &[Uid], cache_uids: &[Uid]) -> Vec<Uid> {
    cache_uids.iter().filter(|uid| server_uids.binary_search(uid).is_err()).copied().collect()
}

/// Sequence-number ranges for fetching `exists` messages newest first, `batch` at a time:
/// `[(exists-batch+1, exists), ...]`. Sequence numbers need no UID list first (RFC 3501 2.3.1.2).
pub fn newest_first_ranges(exists: u32, batch: u32) -> Vec<(u32, u32)> {
    let batch = batch.max(1);
    let mut ranges = Vec::new();
    let mut high = exists;
    while high >= 1 {
        let low = high.saturating_sub(batch - 1).max(1);
        ranges.push((low, high));
        high = low - 1;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(validity: u32, next: u32, exists: u32, modseq: Option<u64>) -> ServerFolder {
        ServerFolder { uidvalidity: UidValidity(validity), uidnext: Some(next), exists, highestmodseq: modseq }
    }

    fn cache(validity: u32, next: u32, modseq: Option<u64>, count: u64) -> CachedFolder {
        CachedFolder { uidvalidity: Some(UidValidity(validity)), uidnext: Some(next), highestmodseq: modseq, count }
    }

    #[test]
    fn first_sync_fetches_everything() {
        let plan = plan_folder(&server(7, 101, 100, Some(5)), &CachedFolder::default());
        assert_eq!(
            plan,
            FolderPlan { rebuild: false, new_mail: NewMail::All, flags: FlagCheck::None, check_expunges: false }
        );
        assert_eq!(plan_folder(&server(7, 1, 0, None), &CachedFolder::default()).new_mail, NewMail::None);
    }

    #[test]
    fn changed_uidvalidity_rebuilds() {
        let plan = plan_folder(&server(8, 101, 100, Some(5)), &cache(7, 101, Some(5), 100));
        assert!(plan.rebuild);
        assert_eq!(plan.new_mail, NewMail::All);
    }

    #[test]
    fn nothing_changed_with_condstore_is_free() {
        let plan = plan_folder(&server(7, 101, 100, Some(5)), &cache(7, 101, Some(5), 100));
        assert_eq!(plan.new_mail, NewMail::None);
        assert_eq!(plan.flags, FlagCheck::None);
        assert!(plan.check_expunges);
    }

    #[test]
    fn condstore_fetches_only_changes_and_new_mail() {
        let plan = plan_folder(&server(7, 105, 104, Some(9)), &cache(7, 101, Some(5), 100));
        assert_eq!(plan.new_mail, NewMail::From(101));
        assert_eq!(plan.flags, FlagCheck::ChangedSince(5));
    }

    #[test]
    fn without_condstore_flags_are_compared_in_full() {
        let plan = plan_folder(&server(7, 101, 100, None), &cache(7, 101, None, 100));
        assert_eq!(plan.flags, FlagCheck::FullCompare);
        assert!(!plan.check_expunges);
    }

    #[test]
    fn flag_diff_finds_changes_gone_and_missing() {
        let seen = Flags::from_names(["\\Seen"]);
        let none = Flags::default();
        let server = vec![(Uid(1), seen.clone()), (Uid(3), none.clone()), (Uid(4), seen.clone())];
        let cache = vec![(Uid(1), none.clone()), (Uid(2), none.clone()), (Uid(3), none.clone())];
        let diff = diff_flags(&server, &cache);
        assert_eq!(diff.changed, vec![(Uid(1), seen)]);
        assert_eq!(diff.gone, vec![Uid(2)]);
        assert_eq!(diff.missing, vec![Uid(4)]);
    }

    #[test]
    fn newest_first_ranges_cover_everything_once() {
        assert_eq!(newest_first_ranges(1200, 500), vec![(701, 1200), (201, 700), (1, 200)]);
        assert_eq!(newest_first_ranges(0, 500), vec![]);
        assert_eq!(newest_first_ranges(1, 500), vec![(1, 1)]);
        let total: u32 = newest_first_ranges(100_000, 500).iter().map(|(l, h)| h - l + 1).sum();
        assert_eq!(total, 100_000);
    }

    #[test]
    fn expunged_uses_sorted_lists() {
        assert_eq!(expunged(&[Uid(1), Uid(3)], &[Uid(1), Uid(2), Uid(3), Uid(5)]), vec![Uid(2), Uid(5)]);
    }
}
