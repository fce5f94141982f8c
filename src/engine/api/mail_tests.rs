//! Folders are named through their account's id: two accounts that both have a folder "Work"
//! never touch each other's (issue 14). No server: local folders change at once, IMAP folders
//! queue their operation for the account named.

use super::super::{EngineHandle, PasswordSource};
use crate::config::Paths;
use crate::model::{AccountId, AccountSettings, FolderId, Protocol};

fn paths(engine: &EngineHandle, account: AccountId) -> Vec<String> {
    let mut paths: Vec<String> = engine.folders(Some(account)).unwrap().into_iter().map(|f| f.path).collect();
    paths.sort();
    paths
}

fn has(engine: &EngineHandle, account: AccountId, path: &str) -> bool {
    paths(engine, account).iter().any(|p| p == path)
}

fn folder_account(engine: &EngineHandle, folder: FolderId) -> AccountId {
    engine.folders(None).unwrap().into_iter().find(|f| f.id == folder).expect("the folder is listed").account
}

#[test]
fn a_same_named_folder_is_found_renamed_and_deleted_only_in_the_account_named() {
    let profile = tempfile::tempdir().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let home = engine.ensure_local_account("home@example.org", "Home").unwrap();
    let office = engine.ensure_local_account("office@example.org", "Office").unwrap();
    assert_ne!(home, office);

    let home_work = engine.create_folder(home, "Work").unwrap();
    let office_work = engine.create_folder(office, "Work").unwrap();
    assert_ne!(home_work, office_work, "each account has its own Work");
    assert_eq!((folder_account(&engine, home_work), folder_account(&engine, office_work)), (home, office));
    assert_eq!(engine.find_folder(home, Some("Work")).unwrap(), home_work);
    assert_eq!(engine.find_folder(office, Some("work")).unwrap(), office_work, "any case, same account");

    engine.rename_folder(home, "Work", "Projects").unwrap();
    assert!(has(&engine, home, "Projects") && !has(&engine, home, "Work"), "{:?}", paths(&engine, home));
    assert!(has(&engine, office, "Work") && !has(&engine, office, "Projects"), "{:?}", paths(&engine, office));
    assert_eq!(engine.find_folder(office, Some("Work")).unwrap(), office_work, "the other Work is untouched");
    assert!(engine.find_folder(home, Some("Work")).is_err(), "home has no Work any more");

    engine.delete_folder(office, "Work").unwrap();
    assert!(!has(&engine, office, "Work"));
    assert!(has(&engine, home, "Projects"));
    assert!(engine.delete_folder(office, "Projects").is_err(), "home's folder is not reached through office");
    assert!(engine.rename_folder(office, "Projects", "Mine").is_err());
    assert!(has(&engine, home, "Projects"));
    let gone = engine.find_folder(AccountId(i64::MAX), Some("Projects")).unwrap_err();
    assert_eq!(gone.message, crate::fl!("error-account-gone"), "an unknown id finds no one's folder");
}

#[test]
fn an_imap_folder_operation_is_queued_for_the_account_named_only() {
    let profile = tempfile::tempdir().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let add = |email: &str| {
        let settings = AccountSettings { protocol: Protocol::Imap, ..AccountSettings::local(email, "Test") };
        futures::executor::block_on(engine.add_account(settings, PasswordSource::Command("true".into()))).unwrap()
    };
    let (first, second) = (add("first@example.org"), add("second@example.org"));
    let pending = |account| engine.inner.store.pending_count(Some(account)).unwrap();

    let first_work = engine.create_folder(first, "Work").unwrap();
    let second_work = engine.create_folder(second, "Work").unwrap();
    assert_eq!((pending(first), pending(second)), (1, 1), "one creation each");
    assert_eq!(engine.find_folder(second, Some("Work")).unwrap(), second_work);

    engine.rename_folder(first, "Work", "Projects").unwrap();
    assert_eq!(engine.find_folder(first, Some("Projects")).unwrap(), first_work, "renamed here at once");
    assert_eq!(engine.find_folder(second, Some("Work")).unwrap(), second_work, "the other Work stays");
    engine.delete_folder(first, "Projects").unwrap();
    assert_eq!((pending(first), pending(second)), (3, 1), "the rename and the delete wait for the first only");
    assert!(engine.delete_folder(second, "Projects").is_err(), "the first's folder is not reached through the second");
    assert_eq!(folder_account(&engine, second_work), second);
    assert_eq!(pending(second), 1);
}
