//! The command line in a pipeline: a reader that stops early (`pochta list | head -1`) ends
//! the command quietly (no panic), and `pochta show` prints its headers with their values.

mod common;
mod support;

use common::Profile;
use common::imap::{add_imap_account, sync};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn a_closed_pipe_ends_list_quietly_and_show_prints_from_and_to() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    stack.populate(&user, 1200, &["--no-folders"]);
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);

    let args = ["list", "--account", &user.email, "--limit", "1200"];
    let mut child = profile.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is gone (dropped above), and 1200 lines are far more than a pipe holds (64 KiB):
    // the writer meets the closed end.
    let output = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!first.is_empty());
    assert!(!said.contains("panicked") && !said.contains("Broken pipe"), "quiet: {said}");
    assert_ne!(output.status.code(), Some(101), "no panic: {said}");

    let list: serde_json::Value =
        serde_json::from_str(&profile.ok(&["list", "--account", &user.email, "--limit", "1", "--json"])).unwrap();
    let shown = profile.ok(&["show", &list[0]["id"].to_string()]);
    let from = shown.lines().find(|l| l.starts_with("From: ")).expect("a From line");
    let to = shown.lines().find(|l| l.starts_with("To: ")).expect("a To line");
    assert!(!shown.contains("{$") && !shown.contains("{ $"), "no Fluent placeholders: {shown}");
    assert!(from.contains('@') && to.contains('@'), "{from}\n{to}");
}
