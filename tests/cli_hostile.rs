//! The command line against letters written by an attacker (tests/fixtures/hostile): `pochta
//! list` shows the real address next to a display name that pretends to be one, and names
//! cleaned of the invisible characters that reorder text; `pochta export` names its file the
//! same safe way.

mod common;
mod support;

use common::Profile;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile").join(name)
}

#[test]
fn pochta_list_shows_the_real_address_of_a_sender_posing_as_another() {
    let profile = Profile::new();
    for name in ["from_display_name_is_an_address.eml", "from_display_name_rlo.eml"] {
        profile.ok(&["import", "eml", fixture(name).to_str().unwrap(), "--folder", "Suspect"]);
    }
    let list = profile.ok(&["list", "--folder", "Suspect"]);
    assert!(list.contains("support@bank.ru <evil@x.test>"), "{list}");
    assert!(list.contains("Bank Support\t"), "the override is gone, the name reads as written: {list}");
    assert!(!list.contains('\u{202E}'), "{list:?}");
    let json = profile.ok(&["list", "--folder", "Suspect", "--json"]);
    assert!(json.contains("Bank Support <evil@x.test>") && json.contains("support@bank.ru <evil@x.test>"), "{json}");
}

#[test]
fn pochta_export_names_a_file_without_invisible_characters() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.eml");
    std::fs::write(&letter, "From: a@b.example\r\nSubject: invoice\u{202E}fdp.exe\r\n\r\nx\r\n").unwrap();
    let profile = Profile::new();
    profile.ok(&["import", "eml", letter.to_str().unwrap(), "--folder", "In"]);
    let list: serde_json::Value = serde_json::from_str(&profile.ok(&["list", "--folder", "In", "--json"])).unwrap();
    let id = list[0]["id"].as_u64().unwrap().to_string();
    let out = tempfile::tempdir().unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&profile.ok(&["export", &id, "--to", out.path().to_str().unwrap(), "--json"])).unwrap();
    let path = written["path"].as_str().unwrap();
    assert!(path.ends_with("/invoicefdp.exe.eml"), "{path}");
}
