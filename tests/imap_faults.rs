//! Never lose mail when the network or the server misbehaves: connections cut in the middle of a
//! sync (at many points) lose and duplicate nothing and the next sync converges; a reply that
//! cannot be parsed fails the sync and deletes nothing from the cache.

mod common;
mod support;

use common::imap::{add_imap_account, add_imap_account_with, assert_mirrors, local_state};
use common::proxy::{Faults, Proxy};
use common::{Profile, describe};

#[test]
fn connections_cut_mid_sync_never_lose_or_duplicate_mail() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 900, &[]);
    let proxy = Proxy::start(stack.imaps_port);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, proxy.port);
    for cut in [3_000, 40_000, 250_000, 900_000, 2_500_000, 6_000_000] {
        proxy.set(Faults { cut_after: Some(cut), ..Faults::default() });
        let output = profile.run(&["sync", "--account", &user.email]);
        assert!(output.status.code() != Some(101), "no panic at cut {cut}: {}", describe(&output));
        // Whatever is cached is a true subset of the server: no duplicate, no stranger.
        let _ = local_state(&profile, &user.email);
    }
    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
    assert_mirrors(&profile, stack, &user);
}

#[test]
fn an_unparsable_reply_fails_the_sync_and_deletes_nothing() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 60, &["--no-folders"]);
    let proxy = Proxy::start(stack.imap_port);
    let profile = Profile::new();
    add_imap_account_with(&profile, stack, &user, proxy.port, "none");
    profile.ok(&["sync", "--account", &user.email]);
    let before = local_state(&profile, &user.email);

    // Another client expunges one message; every reply that could tell the next pass about it
    // (QRESYNC's VANISHED, a UID SEARCH, FETCH) is mangled.
    stack.doveadm(&["expunge", "-u", &user.login, "mailbox", "INBOX", "uid", "7"]);
    proxy.set(Faults {
        rewrite: vec![
            (b"* SEARCH".to_vec(), b"* SEARCH ((".to_vec()),
            (b"FETCH (".to_vec(), b"FETCH ((".to_vec()),
            (b"VANISHED".to_vec(), b"VANISHED ((".to_vec()),
        ],
        ..Faults::default()
    });
    let output = profile.run(&["sync", "--account", &user.email]);
    assert_eq!(output.status.code(), Some(1), "the sync fails: {}", describe(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("input: ["), "a sentence, not a dump of byte values: {said}");
    assert_eq!(local_state(&profile, &user.email), before, "nothing cached was touched");

    proxy.set(Faults::default());
    profile.ok(&["sync", "--account", &user.email]);
    assert_mirrors(&profile, stack, &user);
}
