//! Providers' IMAP answers replayed through the sync's own decisions: each transcript
//! (tests/fixtures/imap-transcripts/*.txt: CAPABILITY, NAMESPACE, LIST, SELECT, SEARCH) is parsed
//! line by line with imap-proto, the parser async-imap uses on the wire, and fed to what the sync
//! does with those answers: the strategy from the capabilities, the personal namespace, the folder
//! records (paths and roles), the folder plan from SELECT, the UIDs of SEARCH, and the SEARCH
//! command sent for a Cyrillic word.
//!
//! The transcripts are NOT recordings: the real servers cannot be reached from the machines these
//! tests run on. They were written from the providers' documentation and public client logs, as
//! each file's header says with its sources. Quirks they carry, and where Pochta handles them:
//! - Gmail (Google's "IMAP Extensions" page): X-GM-EXT-1; `[Gmail]` is a `\Noselect` parent; All
//!   Mail (`\All`), Important and Starred are views of the same messages, not roles; labels are
//!   folders (`Work/Projects`); CONDSTORE.
//! - Yandex (yandex.ru/support/mail): `|` as the delimiter (shown as `/`); no CONDSTORE, so every
//!   pass compares flags in full (flags.rs); system folders under Russian names without special-use
//!   attributes, found by name (folders.rs `role_by_name`); LITERAL+, so a Cyrillic search word goes
//!   as a non-synchronising literal with `CHARSET UTF-8` (search.rs).
//! - Mail.ru (help.mail.ru): no NAMESPACE (the namespace is inferred from the names listed), no
//!   CONDSTORE, no LITERAL+ (a Cyrillic search word goes quoted, which it accepts).

use super::folders::record;
use super::plan::{self, CachedFolder, FlagCheck, NewMail, ServerFolder};
use super::search::criteria;
use super::{Capabilities, Personal};
use crate::engine::protocol::imap::namespace;
use crate::engine::store::FolderRecord;
use crate::model::{FolderRole, UidValidity};
use async_imap::imap_proto::{MailboxDatum, Response, ResponseCode};

struct Transcript {
    name: &'static str,
    text: &'static str,
}

impl Transcript {
    /// The server lines of one `== SECTION` of the transcript.
    fn section(&self, title: &str) -> Vec<&'static str> {
        let mut lines = self.text.lines().skip_while(|l| l.strip_prefix("== ") != Some(title));
        assert!(lines.next().is_some(), "{}: no section {title}", self.name);
        lines.take_while(|l| !l.starts_with("== ")).filter(|l| !l.trim().is_empty()).collect()
    }

    /// Each line of a section as imap-proto reads it off the wire.
    fn parsed(&self, title: &str) -> Vec<Response<'static>> {
        self.section(title)
            .into_iter()
            .map(|line| {
                let wire: &'static [u8] = Box::leak(format!("{line}\r\n").into_bytes().into_boxed_slice());
                match Response::parse(wire) {
                    Ok(([], response)) => response,
                    other => panic!("{}: imap-proto cannot read {line:?}: {other:?}", self.name),
                }
            })
            .collect()
    }

    fn capabilities(&self) -> Vec<String> {
        self.parsed("CAPABILITY")
            .iter()
            .flat_map(|response| match response {
                Response::Capabilities(list) => list.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>(),
                other => panic!("{}: not a CAPABILITY line: {other:?}", self.name),
            })
            .collect()
    }

    fn has(&self, capability: &str) -> bool {
        self.section("CAPABILITY")
            .iter()
            .any(|line| line.split_whitespace().any(|c| c.eq_ignore_ascii_case(capability)))
    }

    fn personal(&self) -> Option<Personal> {
        let line = self.section("NAMESPACE").into_iter().next()?;
        namespace::parse_personal(line.strip_prefix("* NAMESPACE ")?)
    }

    /// The folder records the sync makes of the LIST answer (namespace inferred without NAMESPACE,
    /// as `folders::list` does).
    fn folders(&self) -> Vec<FolderRecord> {
        let listed: Vec<(String, Option<String>, Vec<_>)> = self
            .parsed("LIST")
            .into_iter()
            .map(|response| match response {
                Response::MailboxData(MailboxDatum::List(data)) => (
                    data.name.to_string(),
                    data.delimiter.as_ref().map(|d| d.to_string()),
                    data.name_attributes.clone(),
                ),
                other => panic!("{}: not a LIST line: {other:?}", self.name),
            })
            .collect();
        let personal = self.personal().unwrap_or_else(|| {
            Personal::inferred(listed.iter().map(|(name, delimiter, _)| (name.as_str(), delimiter.as_deref())))
        });
        listed
            .iter()
            .map(|(name, delimiter, attributes)| record(&personal, name, delimiter.as_deref(), attributes))
            .collect()
    }

    fn role(&self, path: &str) -> Option<FolderRole> {
        let folders = self.folders();
        let folder = folders.iter().find(|f| f.path == path);
        folder.unwrap_or_else(|| panic!("{}: no folder {path} in {folders:?}", self.name)).role
    }

    fn selected(&self) -> ServerFolder {
        let (mut uidvalidity, mut uidnext, mut exists, mut highestmodseq) = (None, None, 0, None);
        for response in self.parsed("SELECT INBOX") {
            match response {
                Response::MailboxData(MailboxDatum::Exists(n)) => exists = n,
                Response::Data { outcome, .. } => match outcome.code {
                    Some(ResponseCode::UidValidity(v)) => uidvalidity = Some(v),
                    Some(ResponseCode::UidNext(n)) => uidnext = Some(n),
                    Some(ResponseCode::HighestModSeq(m)) => highestmodseq = Some(m),
                    _ => {}
                },
                _ => {}
            }
        }
        let uidvalidity = UidValidity(uidvalidity.expect("UIDVALIDITY is required"));
        ServerFolder { uidvalidity, uidnext, exists, highestmodseq }
    }

    fn searched(&self) -> Vec<u32> {
        self.parsed("SEARCH")
            .into_iter()
            .flat_map(|response| match response {
                Response::MailboxData(MailboxDatum::Search(uids)) => uids,
                other => panic!("{}: not a SEARCH line: {other:?}", self.name),
            })
            .collect()
    }

    fn strategy(&self) -> Capabilities {
        Capabilities::from_names(|name| self.has(name), self.personal())
    }
}

fn transcript(name: &'static str) -> Transcript {
    let text = match name {
        "gmail" => include_str!("../../../../tests/fixtures/imap-transcripts/gmail.txt"),
        "yandex" => include_str!("../../../../tests/fixtures/imap-transcripts/yandex.txt"),
        "mailru" => include_str!("../../../../tests/fixtures/imap-transcripts/mailru.txt"),
        other => panic!("no transcript {other}"),
    };
    Transcript { name, text }
}

/// The plan for the INBOX of the transcript, its cache having seen UIDs below 3 before.
fn plan_after_a_first_pass(t: &Transcript) -> plan::FolderPlan {
    let server = t.selected();
    let cache =
        CachedFolder { uidvalidity: Some(server.uidvalidity), uidnext: Some(3), highestmodseq: Some(1), count: 2 };
    let mut plan = plan::plan_folder(&server, &cache);
    if !t.strategy().condstore {
        // Without CONDSTORE the sync keeps no modseq: what the cache holds then.
        let cache = CachedFolder { highestmodseq: None, ..cache };
        plan = plan::plan_folder(&ServerFolder { highestmodseq: None, ..server }, &cache);
    }
    plan
}

#[test]
fn gmail_labels_are_folders_and_its_views_take_no_role() {
    let gmail = transcript("gmail");
    assert!(gmail.capabilities().iter().any(|c| c.contains("X-GM-EXT-1")), "{:?}", gmail.capabilities());
    let strategy = gmail.strategy();
    assert!(strategy.condstore && strategy.r#move && strategy.uidplus);
    assert_eq!(gmail.role("[Gmail]/Sent Mail"), Some(FolderRole::Sent));
    assert_eq!(gmail.role("[Gmail]/Drafts"), Some(FolderRole::Drafts));
    assert_eq!(gmail.role("[Gmail]/Trash"), Some(FolderRole::Trash));
    assert_eq!(gmail.role("[Gmail]/Spam"), Some(FolderRole::Junk));
    assert_eq!(gmail.role("INBOX"), Some(FolderRole::Inbox));
    // All Mail holds every message again, Starred and Important are views: no role, so nothing
    // is moved there by a role (deleting, archiving) and no role is taken twice.
    for view in ["[Gmail]/All Mail", "[Gmail]/Starred", "[Gmail]/Important"] {
        assert_eq!(gmail.role(view), None, "{view}");
    }
    let folders = gmail.folders();
    let parent = folders.iter().find(|f| f.path == "[Gmail]").unwrap();
    assert!(!parent.selectable && parent.role.is_none());
    assert!(folders.iter().any(|f| f.path == "Work/Projects" && f.selectable), "a nested label: {folders:?}");
    // CONDSTORE: only what changed since the cached modseq is asked for.
    let plan = plan_after_a_first_pass(&gmail);
    assert_eq!(plan.flags, FlagCheck::ChangedSince(1));
    assert_eq!(plan.new_mail, NewMail::From(3));
    assert_eq!(gmail.searched(), [5, 8]);
}

#[test]
fn yandex_pipe_delimiter_russian_names_and_full_flag_compare() {
    let yandex = transcript("yandex");
    let strategy = yandex.strategy();
    assert!(!strategy.condstore, "Yandex offers no CONDSTORE");
    assert_eq!(yandex.personal().map(|p| p.delimiter), Some("|".to_string()));
    assert_eq!(yandex.role("Отправленные"), Some(FolderRole::Sent));
    assert_eq!(yandex.role("Черновики"), Some(FolderRole::Drafts));
    assert_eq!(yandex.role("Удаленные"), Some(FolderRole::Trash));
    assert_eq!(yandex.role("Спам"), Some(FolderRole::Junk));
    assert_eq!(yandex.role("Outbox"), None);
    let nested = yandex.folders().into_iter().find(|f| f.raw_name == "&BB4EQgRHBFEEQgRL-|2026").unwrap();
    assert_eq!(nested.path, "Отчёты/2026", "shown with \"/\", sent back with \"|\"");
    assert_eq!(yandex.personal().unwrap().wire("Отчёты/2026"), "&BB4EQgRHBFEEQgRL-|2026");
    let plan = plan_after_a_first_pass(&yandex);
    assert_eq!(plan.flags, FlagCheck::FullCompare);
    assert_eq!(plan.new_mail, NewMail::From(3));
    // LITERAL+: the Cyrillic word goes as a non-synchronising literal, CHARSET UTF-8.
    assert!(yandex.has("LITERAL+"));
    assert_eq!(criteria("отчёт", true).unwrap(), "CHARSET UTF-8 TEXT {10+}\r\nотчёт");
    assert_eq!(yandex.searched(), [2, 3]);
}

#[test]
fn mailru_without_namespace_or_condstore_keeps_its_russian_folders_at_the_top() {
    let mailru = transcript("mailru");
    let strategy = mailru.strategy();
    assert!(!strategy.condstore && strategy.r#move && strategy.namespace.is_none());
    assert_eq!(mailru.role("Отправленные"), Some(FolderRole::Sent));
    assert_eq!(mailru.role("Черновики"), Some(FolderRole::Drafts));
    assert_eq!(mailru.role("Корзина"), Some(FolderRole::Trash));
    assert_eq!(mailru.role("Спам"), Some(FolderRole::Junk));
    assert_eq!(mailru.role("Архив"), Some(FolderRole::Archive));
    assert_eq!(mailru.role("Рассылки"), None);
    let plan = plan_after_a_first_pass(&mailru);
    assert_eq!(plan.flags, FlagCheck::FullCompare);
    assert_eq!(plan.new_mail, NewMail::From(3));
    // No LITERAL+: the word goes quoted (8-bit in a quoted string, which Mail.ru accepts).
    assert!(!mailru.has("LITERAL+"));
    assert_eq!(criteria("отчёт", false).unwrap(), "CHARSET UTF-8 TEXT \"отчёт\"");
    assert_eq!(mailru.searched(), [25, 26]);
}
