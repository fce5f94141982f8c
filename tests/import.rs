//! `pochta import`: a 10,000-message mbox (Thunderbird statuses, From_ lines) lands in a Local
//! Folders folder with every message, its date and its flags; a Maildir keeps its info flags.

mod common;
mod support;

use common::Profile;
use std::fmt::Write as _;

#[test]
fn an_mbox_of_10000_messages_is_imported_with_dates_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Archive.mbox");
    let mut mbox = String::new();
    for i in 0..10_000u32 {
        // X-Mozilla-Status 0001 = read; every third message is also flagged (0004).
        let status = if i % 3 == 0 { "0005" } else { "0001" };
        let day = i % 28 + 1;
        writeln!(mbox, "From sender{i}@example.org Mon Mar {day:2} 10:00:00 2025").unwrap();
        writeln!(mbox, "From: Sender {i} <sender{i}@example.org>").unwrap();
        writeln!(mbox, "Subject: archived letter {i}").unwrap();
        writeln!(mbox, "Date: Mon, {day} Mar 2025 10:00:00 +0000").unwrap();
        writeln!(mbox, "X-Mozilla-Status: {status}").unwrap();
        writeln!(mbox).unwrap();
        writeln!(mbox, "Text of letter {i}.").unwrap();
        writeln!(mbox, ">From the archive, quoted.").unwrap();
        writeln!(mbox).unwrap();
    }
    std::fs::write(&path, mbox).unwrap();
    let profile = Profile::new();
    let out = profile.ok(&["import", "mbox", path.to_str().unwrap(), "--folder", "Архив", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["imported"], 10_000, "{report}");
    let folders: serde_json::Value = serde_json::from_str(&profile.ok(&["folders", "--json"])).unwrap();
    let archive = folders.as_array().unwrap().iter().find(|f| f["name"] == "Архив").expect("the folder").clone();
    assert_eq!((archive["total"].as_u64(), archive["unread"].as_u64()), (Some(10_000), Some(0)), "{archive}");
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--folder", "Архив", "--limit", "10000", "--json"])).unwrap();
    let flagged = list.as_array().unwrap().iter().filter(|m| m["flags"].to_string().contains("Flagged")).count();
    assert_eq!(flagged, 3334);
    let first = list.as_array().unwrap().iter().find(|m| m["subject"] == "archived letter 0").unwrap();
    assert!(first["date"].as_str().unwrap().starts_with("2025-03-01"), "{first}");
    assert!(profile.ok(&["search", "archived letter 9999"]).contains("archived letter 9999"));
}

#[test]
fn a_maildir_keeps_its_flags() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/small_maildir");
    let profile = Profile::new();
    let out = profile.ok(&["import", "maildir", fixture.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["imported"].as_u64().unwrap() >= 2, "{report}");
    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--folder", "Imported", "--json"])).unwrap();
    assert!(list.as_array().unwrap().iter().any(|m| m["flags"].to_string().contains("Seen")), "{list}");
}
