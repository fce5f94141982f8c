//! The junk filter for a POP3 account against the real Dovecot: a letter the filter judges junk
//! (here by the provider's verdict header alone) is stored in a local Junk folder with `$Junk`
//! instead of INBOX; "Not junk" brings it back to INBOX; the user's Junk on a POP3 letter moves it
//! there too.

mod common;
mod support;

use common::Profile;
use common::pop3::{add_pop3_account, sync};
use support::mailstack;

fn subjects(profile: &Profile, email: &str, folder: &str) -> Vec<(i64, String, String)> {
    let out = profile.run(&["list", "--account", email, "--folder", folder, "--json"]);
    if !out.status.success() {
        return Vec::new(); // no such folder yet
    }
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m["subject"].as_str().unwrap_or("").to_string(), m["flags"].to_string()))
        .collect()
}

#[test]
fn pop3_junk_is_stored_in_a_local_junk_folder_and_not_junk_brings_it_back() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    stack.deliver(&user, b"X-Spam-Flag: YES\r\nFrom: promo@casino.example\r\nSubject: Big bonus\r\n\r\nPlay now\r\n");
    stack.deliver(&user, b"From: anna@corp.example\r\nSubject: Report\r\n\r\nThe report is attached.\r\n");
    sync(&profile, &user.email);

    let junk = subjects(&profile, &user.email, "Junk");
    let inbox = subjects(&profile, &user.email, "INBOX");
    assert!(junk.iter().any(|(_, s, flags)| s == "Big bonus" && flags.contains("$Junk")), "Junk: {junk:?}");
    assert!(inbox.iter().any(|(_, s, _)| s == "Report") && !inbox.iter().any(|(_, s, _)| s == "Big bonus"));

    let id = junk.iter().find(|(_, s, _)| s == "Big bonus").unwrap().0;
    profile.ok(&["not-junk", &id.to_string()]);
    let inbox = subjects(&profile, &user.email, "INBOX");
    let back = inbox.iter().find(|(_, s, _)| s == "Big bonus").expect("back in INBOX");
    assert!(back.2.contains("$NotJunk") && !back.2.contains("\"$Junk\""), "{back:?}");

    let report = subjects(&profile, &user.email, "INBOX").into_iter().find(|(_, s, _)| s == "Report").unwrap().0;
    profile.ok(&["junk", &report.to_string()]);
    assert!(subjects(&profile, &user.email, "Junk").iter().any(|(_, s, _)| s == "Report"));
}
