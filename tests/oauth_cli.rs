//! `pochta account add --oauth` for scripted and headless set-ups (issue 20): it prints the
//! address to open and waits; the "browser" here is the test. Then `sync`, `send` and `account
//! test` (which names the mechanism) run as separate processes, each refreshing its own access
//! token from the keyring; no token appears in any output (logs at debug) or profile file, and a
//! wait the browser never answers ends with a sentence and no account. Needs a keyring:
//! `dbus-run-session -- tests/with-keyring cargo test --test oauth_cli`.

mod common;
mod support;

use common::oauth::oauth_stack;
use common::{Profile, describe};
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use support::TestUser;

fn add_args(stack: &support::MailStack, oauth: &common::oauth::OAuthStack, user: &TestUser, wait: &str) -> Vec<String> {
    [
        "account",
        "add",
        "--email",
        &user.email,
        "--login",
        &user.login,
        "--protocol",
        "imap",
        "--incoming",
        &format!("{}:{}", stack.host, oauth.imap_port),
        "--incoming-security",
        "starttls",
        "--smtp",
        &format!("{}:{}", stack.host, oauth.submission_port),
        "--smtp-security",
        "starttls",
        "--ca-file",
        &stack.ca_file.to_string_lossy(),
        "--oauth",
        "--oauth-wait",
        wait,
        "--oauth-authorize-url",
        &oauth.authorize_url(),
        "--oauth-token-url",
        &oauth.token_url(),
        "--oauth-client-id",
        "pochta-cli-tests",
        "--oauth-scope",
        "mail",
        "--oauth-mechanism",
        "oauthbearer",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn assert_no_token(text: &str, user: &TestUser, what: &str) {
    for prefix in [format!("a.{}.", user.login), format!("r.{}.", user.login)] {
        assert!(!text.contains(&prefix), "a token in {what}: {text}");
    }
}

#[test]
fn account_add_oauth_prints_the_address_waits_and_then_sync_send_and_test_sign_in_with_the_token() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let args = add_args(stack, oauth, &user, "60");
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut child =
        profile.command(&refs).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    stdout.read_line(&mut url).unwrap();
    assert!(url.starts_with(&oauth.authorize_url()), "the address to open comes first on stdout: {url:?}");
    let (status, page) = oauth.follow(&oauth.authorize(url.trim()));
    assert_eq!(status, 200, "{page}");
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "account add --oauth failed:\n{}", describe(&output));
    assert_no_token(&String::from_utf8_lossy(&output.stderr), &user, "the log of account add");

    stack.deliver(&user, b"From: a@example.test\r\nSubject: hello\r\nMessage-ID: <cli-1@example.test>\r\n\r\nHi.\r\n");
    for args in [
        vec!["sync"],
        vec!["send", "--account", &user.email, "--to", &user.email, "--subject", "by token"],
        vec!["account", "test", &user.email],
    ] {
        let output = profile.run(&args);
        assert!(output.status.success(), "pochta {args:?}:\n{}", describe(&output));
        let both = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_no_token(&both, &user, &format!("the output of {args:?}"));
        if args[0] == "account" {
            assert!(both.contains("OAUTHBEARER"), "account test names the mechanism: {both}");
        }
    }
    for file in profile.all_files() {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert_no_token(&text, &user, &file.display().to_string());
    }
    // One sign-in, then each later process refreshed once for itself.
    let requests = oauth.token_requests(&user);
    assert_eq!(requests.first().map(String::as_str), Some("code ok"));
    assert!(requests.iter().skip(1).all(|r| r == "refresh ok"), "{requests:?}");
}

#[test]
fn account_add_oauth_that_the_browser_never_answers_ends_with_a_sentence_and_no_account() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let args = add_args(stack, oauth, &user, "1");
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = profile.run(&refs);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did not come back"), "{}", describe(&output));
    let listed = profile.ok(&["account", "list"]);
    assert!(!listed.contains(&user.email), "nothing was saved: {listed}");
}

#[test]
fn account_add_oauth_for_a_provider_this_build_has_no_client_id_for_says_so_and_saves_nothing() {
    if option_env!("POCHTA_OAUTH_MAILRU_CLIENT_ID").is_some() {
        return;
    }
    let profile = Profile::new();
    let output = profile.run(&["account", "add", "--email", "ivan@mail.ru", "--oauth"]);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not available in this build") && stderr.contains("app password"), "{stderr}");
    assert!(!profile.ok(&["account", "list"]).contains("ivan@mail.ru"));
}
