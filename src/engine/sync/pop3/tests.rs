//! The POP3 sync against a fake maildrop that misbehaves: `-ERR` at every step, dropped
//! connections, a message or a line that never ends, lying LIST sizes, no UIDL, a QUIT whose
//! answer is lost. Each time: a clear error, nothing deleted that is not stored, and a clean
//! session afterwards ends with every message stored exactly once and the server empty.

mod maildrop;

use super::*;
use crate::engine::protocol::pop3::{Limits, Pop3Client};
use crate::engine::protocol::tls::Trust;
use crate::engine::store::Store;
use crate::engine::sync::SyncOptions;
use crate::engine::sync::imap::Quiet;
use crate::model::{AccountSettings, Pop3Options, Protocol, Security, ServerEndpoint};
use maildrop::{Fault, Maildrop};
use std::time::Duration;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    account: AccountSettings,
}

impl Fixture {
    fn new(pop3: Pop3Options) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("db.sqlite3")).unwrap());
        let endpoint = ServerEndpoint { host: "fake".into(), port: 110, security: Security::None };
        let account = AccountSettings {
            email: "ivan@example.org".into(),
            name: String::new(),
            protocol: Protocol::Pop3,
            incoming: endpoint.clone(),
            smtp: endpoint,
            login: "ivan".into(),
            preset: None,
            password_command: None,
            oauth: None,
            ca_file: None,
            pop3,
            sync: Default::default(),
            rules: Vec::new(),
            signature: None,
            identities: Vec::new(),
            special_folders: Default::default(),
            junk_filter: true,
        };
        Fixture { _dir: dir, store, account }
    }

    async fn session(&self, drop: &Maildrop, fault: Fault, limits: Limits) -> Result<SyncSummary, Pop3SyncError> {
        let account_id = self.store.ensure_account(&self.account.email, "pop3")?;
        let (mut client, _) = Pop3Client::connect(drop.session(fault), limits).await.map_err(Pop3SyncError::Session)?;
        client.capa().await.map_err(Pop3SyncError::Session)?;
        let job = SyncJob {
            store: self.store.clone(),
            account_id,
            account: &self.account,
            password: "",
            trust: Trust::default(),
            options: SyncOptions::default(),
            progress: &Quiet,
            kept: Default::default(),
            early: Default::default(),
        };
        let inbox = self.store.ensure_local_folders(account_id)?;
        session_pass(&job, client, inbox, Instant::now()).await
    }

    /// Every stored message's bytes, sorted.
    fn stored(&self) -> Vec<Vec<u8>> {
        let account = self.store.ensure_account(&self.account.email, "pop3").unwrap();
        let mut raws = Vec::new();
        for folder in self.store.folders(account).unwrap() {
            for summary in self.store.message_page(folder.id, 0, 10_000).unwrap() {
                raws.push(self.store.message_body(summary.id).unwrap().unwrap().0);
            }
        }
        raws.sort();
        raws
    }

    /// After any fault, a clean session must converge: all stored once, nothing left.
    async fn converges(&self, drop: &Maildrop, expected: usize) {
        let summary = self.session(drop, Fault::None, limits()).await.unwrap();
        assert!(summary.errors.is_empty(), "{:?}", summary.errors);
        assert!(drop.remaining().is_empty(), "{} messages left on the server", drop.remaining().len());
        let mut wanted: Vec<Vec<u8>> = (0..expected).map(maildrop::message).collect();
        wanted.sort();
        assert!(
            self.stored() == wanted,
            "stored {} messages, wanted {expected} exactly once each",
            self.stored().len()
        );
    }
}

fn limits() -> Limits {
    Limits { op_timeout: Duration::from_secs(5), ..Limits::default() }
}

#[tokio::test]
async fn a_clean_session_downloads_everything_then_deletes_it() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(1200);
    let summary = fixture.session(&drop, Fault::None, limits()).await.unwrap();
    assert_eq!((summary.folders[0].new_messages, summary.deleted_on_server), (1200, 1200));
    assert_eq!(summary.login_delay, Some(Duration::from_secs(900)), "RFC 2449 LOGIN-DELAY is passed on");
    fixture.converges(&drop, 1200).await;
}

#[tokio::test]
async fn err_at_every_step_is_reported_and_loses_nothing() {
    for verb in ["UIDL", "RETR", "DELE", "QUIT"] {
        let fixture = Fixture::new(Pop3Options::default());
        let drop = Maildrop::with_messages(30);
        let outcome = fixture.session(&drop, Fault::Refuse(verb), limits()).await;
        match (verb, &outcome) {
            // No UIDL: the header-hash fallback takes over and the session succeeds.
            ("UIDL", Ok(summary)) => assert_eq!(summary.deleted_on_server, 30),
            ("RETR", Ok(summary)) => {
                assert_eq!(summary.errors.len(), 30, "each refusal reported: {:?}", summary.errors);
                assert_eq!(summary.deleted_on_server, 0, "nothing stored, so nothing deleted");
                assert_eq!(drop.remaining().len(), 30);
            }
            ("DELE" | "QUIT", Ok(summary)) => {
                assert_eq!(summary.deleted_on_server, 0);
                assert!(summary.errors.iter().any(|e| e.contains("not now")), "{:?}", summary.errors);
                assert_eq!(fixture.stored().len(), 30);
            }
            _ => panic!("{verb}: {outcome:?}"),
        }
        if verb != "UIDL" {
            fixture.converges(&drop, 30).await;
        }
    }
}

#[tokio::test]
async fn a_connection_dropped_mid_download_keeps_what_arrived_and_deletes_nothing() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(50);
    let err = fixture.session(&drop, Fault::DropAfterRetrs(7), limits()).await.unwrap_err();
    assert!(matches!(err, Pop3SyncError::Session(_)), "{err:?}");
    assert!(err.to_string().contains("nothing else was deleted"), "{err}");
    assert_eq!(fixture.stored().len(), 7, "the messages that arrived whole are kept");
    assert_eq!(drop.remaining().len(), 50, "no QUIT, so nothing deleted");
    fixture.converges(&drop, 50).await;
}

#[tokio::test]
async fn a_message_that_never_ends_is_a_clear_error_in_bounded_memory() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(10);
    let small = Limits { max_message: 2 * 1024 * 1024, ..limits() };
    let err = fixture.session(&drop, Fault::EndlessMessage(4), small).await.unwrap_err();
    assert!(matches!(err, Pop3SyncError::Session(Pop3Error::MessageTooLarge { .. })), "{err:?}");
    assert!(err.to_string().contains("more than 2097152 bytes"), "{err}");
    assert_eq!(fixture.stored().len(), 3, "the messages before it are kept");
    assert_eq!(drop.remaining().len(), 10);
    fixture.converges(&drop, 10).await;
}

#[tokio::test]
async fn a_uidl_line_that_never_ends_is_a_clear_error() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(5);
    let err = fixture.session(&drop, Fault::EndlessUidlLine, limits()).await.unwrap_err();
    assert!(matches!(err, Pop3SyncError::Session(Pop3Error::LineTooLong { .. })), "{err:?}");
    assert!(fixture.stored().is_empty());
    fixture.converges(&drop, 5).await;
}

#[tokio::test]
async fn lying_list_sizes_and_no_uidl_still_download_each_message_once() {
    let fixture = Fixture::new(Pop3Options { leave_on_server: true, ..Default::default() });
    let drop = Maildrop::with_messages(20);
    let first = fixture.session(&drop, Fault::LyingListWithoutUidl, limits()).await.unwrap();
    assert_eq!(first.folders[0].new_messages, 20);
    let second = fixture.session(&drop, Fault::NoUidl, limits()).await.unwrap();
    assert_eq!(second.folders[0].new_messages, 0, "recognised by their headers");
    assert_eq!(drop.remaining().len(), 20, "leave-on-server");
    assert_eq!(fixture.stored().len(), 20);
}

#[tokio::test]
async fn a_lost_quit_answer_never_duplicates_a_message() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(25);
    let err = fixture.session(&drop, Fault::DropAfterQuitCommits, limits()).await.unwrap_err();
    assert!(matches!(err, Pop3SyncError::Session(_)), "{err:?}");
    assert!(drop.remaining().is_empty(), "the server did delete");
    drop.add("uid-25", maildrop::message(25));
    fixture.converges(&drop, 26).await;
}

#[tokio::test]
async fn one_shared_uidl_leaves_only_those_messages_and_downloads_the_rest() {
    let fixture = Fixture::new(Pop3Options::default());
    let drop = Maildrop::with_messages(10);
    drop.add("uid-3", maildrop::message(10));
    let summary = fixture.session(&drop, Fault::None, limits()).await.unwrap();
    assert_eq!(summary.folders[0].new_messages, 9, "every message with an id of its own");
    assert_eq!(summary.deleted_on_server, 9);
    assert!(summary.errors.iter().any(|e| e.contains("uid-3")), "{:?}", summary.errors);
    let left: Vec<String> = drop.remaining().into_iter().map(|(uidl, _)| uidl).collect();
    assert_eq!(left, vec!["uid-3".to_string(), "uid-3".to_string()], "the two sharing an id stay untouched");
}
