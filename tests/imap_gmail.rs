//! Gmail's folders are views of one store of messages: `[Gmail]/All Mail` holds every message
//! again, and a label folder holds some of INBOX's (issue 17, point 5). Dovecot cannot play that,
//! so these tests run against the scripted Gmail of tests/common/gmail.rs, which answers with
//! X-GM-EXT-1 and X-GM-MSGID as Google documents them.

mod common;
mod support;

use common::Profile;
use common::gmail::{ALL_MAIL, FakeGmail, LABEL};
use common::imap::sync;

const EMAIL: &str = "me@example.test";

fn add_account(profile: &Profile, gmail: &FakeGmail) {
    let incoming = format!("127.0.0.1:{}", gmail.port);
    // Nothing is sent in these tests: the SMTP server is never reached.
    let smtp = format!("127.0.0.1:{}", support::free_port());
    profile.ok(&[
        "account",
        "add",
        "--email",
        EMAIL,
        "--protocol",
        "imap",
        "--incoming",
        &incoming,
        "--incoming-security",
        "none",
        "--smtp",
        &smtp,
        "--smtp-security",
        "none",
        "--password-command",
        "echo secret",
    ]);
}

fn listed(profile: &Profile, folder: &str) -> Vec<serde_json::Value> {
    let list = profile.ok(&["list", "--account", EMAIL, "--folder", folder, "--json"]);
    serde_json::from_str::<serde_json::Value>(&list).unwrap().as_array().unwrap().clone()
}

fn flags_of(profile: &Profile, folder: &str, subject: &str) -> Vec<String> {
    let messages = listed(profile, folder);
    let message = messages.iter().find(|m| m["subject"] == subject).unwrap_or_else(|| panic!("{subject} in {folder}"));
    message["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_fake_gmail_is_mirrored_folder_by_folder() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    assert_eq!(listed(&profile, "INBOX").len(), 2);
    assert_eq!(listed(&profile, ALL_MAIL).len(), 3);
    assert_eq!(listed(&profile, LABEL).len(), 2);
}

#[test]
fn a_flag_changed_in_one_folder_reads_back_in_the_others_after_a_resync() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    // Letter 2 is in INBOX, All Mail and Work: marked read in INBOX here, pushed, read back.
    let id = listed(&profile, "INBOX").iter().find(|m| m["subject"] == "gmail letter 2").unwrap()["id"].clone();
    profile.ok(&["flag", &id.to_string(), "+seen"]);
    sync(&profile, EMAIL);
    assert!(gmail.flags("gmail letter 2").contains("\\Seen"), "pushed to the server");
    sync(&profile, EMAIL);
    for folder in ["INBOX", ALL_MAIL, LABEL] {
        assert!(flags_of(&profile, folder, "gmail letter 2").contains(&"\\Seen".to_string()), "{folder}");
    }
    // And a change made by another client, in any folder, reads back everywhere.
    gmail.set_flag("gmail letter 3", "\\Flagged", true);
    sync(&profile, EMAIL);
    for folder in [ALL_MAIL, LABEL] {
        assert!(flags_of(&profile, folder, "gmail letter 3").contains(&"\\Flagged".to_string()), "{folder}");
    }
}

#[test]
fn each_message_body_is_downloaded_once_however_many_folders_show_it() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    sync(&profile, EMAIL);
    let fetched = gmail.whole_fetches();
    assert_eq!(fetched.len(), gmail.message_count(), "every message was fetched: {fetched:?}");
    assert!(fetched.values().all(|n| *n == 1), "each body once, not once per folder: {fetched:?}");
    // Every folder reads the letter from the one stored body.
    for folder in ["INBOX", ALL_MAIL, LABEL] {
        let id = listed(&profile, folder).iter().find(|m| m["subject"] == "gmail letter 2").unwrap()["id"].clone();
        let shown = profile.ok(&["show", &id.to_string()]);
        assert!(shown.contains("body of letter 2"), "{folder}: {shown}");
    }
    assert_eq!(gmail.whole_fetches(), fetched, "reading fetched nothing more");
}

#[test]
fn all_inboxes_shows_each_gmail_message_once() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let scope = pochta::model::ListScope::AllInboxes;
    let rows = engine.list_messages(scope, pochta::model::ListOrder::default(), 0, 100).unwrap();
    let mut subjects: Vec<&str> = rows.iter().map(|m| m.subject.as_str()).collect();
    subjects.sort();
    // INBOX's two letters; their copies in All Mail and under the label are not inboxes.
    assert_eq!(subjects, ["gmail letter 1", "gmail letter 2"]);
    assert_eq!(engine.list_len(scope, pochta::model::ListOrder::default()).unwrap(), 2);
}

#[test]
fn new_mail_in_several_folders_is_downloaded_once() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    gmail.deliver("fresh letter");
    sync(&profile, EMAIL);
    let fetched = gmail.whole_fetches();
    assert_eq!(fetched.len(), 4, "{fetched:?}");
    assert!(fetched.values().all(|n| *n == 1), "{fetched:?}");
    assert_eq!(listed(&profile, "INBOX").len(), 3);
    assert_eq!(listed(&profile, ALL_MAIL).len(), 4);
}

#[test]
fn archiving_the_copy_that_held_the_body_keeps_the_letter_readable_in_all_mail() {
    let gmail = FakeGmail::start();
    let profile = Profile::new();
    add_account(&profile, &gmail);
    sync(&profile, EMAIL);
    // Letter 1 is only in INBOX and All Mail; INBOX's copy (synced first) holds the body.
    gmail.archive("gmail letter 1");
    sync(&profile, EMAIL);
    assert_eq!(listed(&profile, "INBOX").len(), 1);
    // The only stored body went with INBOX's row: the same pass took it again, for offline reading.
    let fetched = gmail.whole_fetches();
    assert_eq!(fetched.values().sum::<usize>(), 4, "letter 1 once more, nothing else: {fetched:?}");
    let copy = listed(&profile, ALL_MAIL).iter().find(|m| m["subject"] == "gmail letter 1").unwrap()["id"].clone();
    let shown = profile.ok(&["show", &copy.to_string()]);
    assert!(shown.contains("body of letter 1"), "{shown}");
    assert_eq!(gmail.whole_fetches(), fetched, "read from the cache");
}
