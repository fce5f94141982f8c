//! Signing in with the provider (OAuth 2.0, issue 20) end to end: the harness's scripted
//! authorization server plays the provider and a Dovecot with the oauth2 passdb (XOAUTH2 and
//! OAUTHBEARER, tokens checked by introspection) plays its mail servers, IMAP and POP3 itself and
//! SMTP as the SASL of a Postfix submission; the "browser" is this test following the redirects. Run with a keyring: `dbus-run-session -- tests/with-keyring
//! cargo test --test oauth`.

mod common;
mod support;

use common::Profile;
use common::oauth::{OAuthStack, oauth_stack};
use pochta::config::Paths;
use pochta::engine::api::{Composition, EngineHandle, PasswordSource, SendOutcome, SyncOptions};
use pochta::model::{AccountSettings, FolderRole, OAuthMechanism, OAuthSettings, Protocol, Security, ServerEndpoint};
use std::time::Duration;
use support::{MailStack, TestUser};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// An account on the OAuth Dovecot that signs in with `mechanism`.
fn settings(
    stack: &MailStack,
    oauth: &OAuthStack,
    user: &TestUser,
    protocol: Protocol,
    mechanism: OAuthMechanism,
) -> AccountSettings {
    let incoming = match protocol {
        Protocol::Pop3 => ServerEndpoint { host: stack.host.clone(), port: oauth.pop3s_port, security: Security::Ssl },
        _ => ServerEndpoint { host: stack.host.clone(), port: oauth.imaps_port, security: Security::Ssl },
    };
    AccountSettings {
        login: user.login.clone(),
        protocol,
        incoming,
        smtp: ServerEndpoint { host: stack.host.clone(), port: oauth.submission_port, security: Security::Starttls },
        ca_file: Some(stack.ca_file.clone()),
        oauth: Some(OAuthSettings {
            provider: "custom".into(),
            authorize_url: oauth.authorize_url(),
            token_url: oauth.token_url(),
            client_id: "pochta-tests".into(),
            client_secret: None,
            scopes: vec!["mail".into(), "offline_access".into()],
            mechanism,
            authorize_params: Default::default(),
        }),
        ..AccountSettings::local(&user.email, "Test User")
    }
}

/// The whole sign-in as a person does it: Pochta waits, the browser opens the provider's page,
/// consents and comes back. Returns the engine's verdict and the page the browser showed.
fn sign_in(
    runtime: &tokio::runtime::Runtime,
    engine: &EngineHandle,
    oauth: &OAuthStack,
    account: &AccountSettings,
    tamper: impl FnOnce(String) -> String,
) -> (Result<(), pochta::engine::api::EngineError>, u16, String) {
    let pending = runtime.block_on(engine.begin_sign_in(account)).unwrap();
    let url = pending.url().to_string();
    assert!(
        url.contains("code_challenge_method=S256") && url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"),
        "{url}"
    );
    let waiting = {
        let engine = engine.clone();
        runtime.spawn(async move { engine.finish_sign_in(pending, Duration::from_secs(30)).await })
    };
    let location = tamper(oauth.authorize(&url));
    let (status, page) = oauth.follow(&location);
    (runtime.block_on(waiting).unwrap(), status, page)
}

fn signed_in_account(
    runtime: &tokio::runtime::Runtime,
    profile: &Profile,
    stack: &MailStack,
    oauth: &OAuthStack,
    user: &TestUser,
    protocol: Protocol,
    mechanism: OAuthMechanism,
) -> (EngineHandle, AccountSettings) {
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let account = settings(stack, oauth, user, protocol, mechanism);
    let (outcome, status, page) = sign_in(runtime, &engine, oauth, &account, |location| location);
    outcome.expect("signed in");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("close this tab"), "the tab says it can be closed: {page}");
    runtime.block_on(engine.add_account(account.clone(), PasswordSource::SignedIn)).unwrap();
    (engine, account)
}

fn letter(subject: &str) -> Vec<u8> {
    format!(
        "From: Anna <anna@example.test>\r\nTo: someone@example.test\r\nSubject: {subject}\r\n\
         Message-ID: <{subject}@example.test>\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\n\r\nHello.\r\n"
    )
    .into_bytes()
}

fn inbox_count(runtime: &tokio::runtime::Runtime, engine: &EngineHandle, email: &str) -> u64 {
    runtime
        .block_on(engine.sync(
            engine.account_by_address(email).unwrap(),
            SyncOptions::default(),
            pochta::engine::api::Quiet,
        ))
        .unwrap();
    let folders = engine.folders(Some(engine.account_by_address(email).unwrap())).unwrap();
    folders.iter().find(|f| f.role == Some(FolderRole::Inbox)).map(|f| f.total).unwrap_or(0)
}

/// Sends a letter to `user` through the OAuth stack's Postfix and waits until INBOX holds `then`.
fn send_to_self(runtime: &tokio::runtime::Runtime, engine: &EngineHandle, user: &TestUser, then: u64) {
    let composition = Composition {
        account: engine.account_by_address(&user.email).unwrap(),
        to: vec![user.email.clone()],
        subject: "sent with a token".into(),
        body: "Hello from Pochta.".into(),
        ..Default::default()
    };
    match runtime.block_on(engine.send(composition)).unwrap() {
        SendOutcome::Sent { .. } => {}
        other => panic!("not sent: {other:?}"),
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while inbox_count(runtime, engine, &user.email) < then {
        assert!(std::time::Instant::now() < deadline, "the letter sent with a token was not delivered");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// No access or refresh token of `user` in any file of the profile.
fn assert_no_token_in_profile(profile: &Profile, user: &TestUser) {
    for prefix in [format!("a.{}.", user.login), format!("r.{}.", user.login)] {
        profile.assert_secret_in_no_file(&prefix);
    }
}

fn sync_and_send(mechanism: OAuthMechanism, protocol: Protocol) {
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let runtime = runtime();
    let (engine, _) = signed_in_account(&runtime, &profile, stack, oauth, &user, protocol, mechanism);
    stack.deliver(&user, &letter("first"));
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 1, "the delivered letter arrived");

    let from = oauth.postfix_log_size();
    send_to_self(&runtime, &engine, &user, 2);
    assert_no_token_in_profile(&profile, &user);
    let mechanism_name = match mechanism {
        OAuthMechanism::Xoauth2 => "XOAUTH2",
        OAuthMechanism::Oauthbearer => "OAUTHBEARER",
    };
    let postfix = oauth.postfix_lines(&user, from);
    let signed_in = format!("sasl_method={mechanism_name}, sasl_username={}", user.login);
    assert!(postfix.iter().any(|l| l.ends_with(&signed_in)), "Postfix took the token: {postfix:?}");
    let report = runtime.block_on(engine.check_account(engine.account_by_address(&user.email).unwrap())).unwrap();
    let steps = format!("{report:?}");
    assert!(steps.contains(mechanism_name), "account test names the mechanism: {steps}");
}

#[test]
fn imap_with_xoauth2_signs_in_syncs_and_sends_and_no_token_reaches_a_file() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    sync_and_send(OAuthMechanism::Xoauth2, Protocol::Imap);
}

#[test]
fn pop3_with_oauthbearer_signs_in_syncs_and_sends() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    sync_and_send(OAuthMechanism::Oauthbearer, Protocol::Pop3);
}

#[test]
fn an_access_token_that_expires_between_syncs_or_early_is_refreshed_and_nothing_is_lost() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    oauth.set_access_life(&user, Duration::from_secs(2));
    let profile = Profile::new();
    let runtime = runtime();
    let (engine, _) =
        signed_in_account(&runtime, &profile, stack, oauth, &user, Protocol::Imap, OAuthMechanism::Oauthbearer);
    stack.deliver(&user, &letter("one"));
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 1);
    // Past its life: the next pass refreshes before logging in.
    std::thread::sleep(Duration::from_secs(3));
    stack.deliver(&user, &letter("two"));
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 2);
    assert_eq!(oauth.token_requests(&user), ["code ok", "refresh ok"]);

    // Refused although Pochta thought it fresh (revoked on the server's side, a clock skew):
    // one refused login, one refresh, then the pass goes on.
    oauth.set_access_life(&user, Duration::from_secs(3600));
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 2);
    oauth.expire_access_tokens(&user);
    // The servers' error reports (RFC 7628 §3.2.2) are explained, for IMAP and SMTP alike.
    let report = format!(
        "{:?}",
        runtime.block_on(engine.check_account(engine.account_by_address(&user.email).unwrap())).unwrap()
    );
    assert_eq!(report.matches("did not accept the sign-in token").count(), 2, "{report}");
    // Postfix answers SMTP's refusal in its own words; Dovecot's oauth2 passdb decided it.
    assert!(report.contains("5.7.8 Error: authentication failed"), "Postfix refused the token: {report}");
    stack.deliver(&user, &letter("three"));
    let from = oauth.dovecot_log_size();
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 3);
    let failed = oauth.dovecot_lines(&user, from).iter().filter(|l| l.contains("auth failed")).count();
    assert_eq!(failed, 1, "one refused login before the refresh");
    assert_eq!(oauth.token_requests(&user), ["code ok", "refresh ok", "refresh ok", "refresh ok"]);

    // Sending with a token that died early: Postfix refuses it once, a refresh, and the letter goes.
    oauth.expire_access_tokens(&user);
    let from = oauth.postfix_log_size();
    send_to_self(&runtime, &engine, &user, 4);
    let refused = oauth.postfix_lines(&user, from).into_iter().filter(|l| l.contains("authentication failed"));
    assert_eq!(refused.count(), 1, "one refused SMTP login before the refresh");
    assert_eq!(oauth.token_requests(&user).iter().filter(|r| *r == "refresh ok").count(), 4);
}

#[test]
fn a_revoked_refresh_token_is_tried_once_then_the_account_asks_to_sign_in_again() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let runtime = runtime();
    let (engine, _) =
        signed_in_account(&runtime, &profile, stack, oauth, &user, Protocol::Imap, OAuthMechanism::Xoauth2);
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 0);
    oauth.revoke(&user);
    let from = oauth.dovecot_log_size();
    for _ in 0..3 {
        let err = runtime
            .block_on(engine.sync(
                engine.account_by_address(&user.email).unwrap(),
                SyncOptions::default(),
                pochta::engine::api::Quiet,
            ))
            .expect_err("a revoked sign-in cannot sync");
        assert!(err.sign_in_again, "{err:?}");
        assert!(!err.is_recoverable());
        assert!(err.message.contains("sign in again"), "{}", err.message);
    }
    let failed = oauth.dovecot_lines(&user, from).iter().filter(|l| l.contains("auth failed")).count();
    assert_eq!(failed, 1, "one login with the dead access token, then none");
    assert_eq!(oauth.token_requests(&user), ["code ok", "refresh refused"], "the dead refresh token is sent once");

    // "Sign in again" (the account screen's button): a new sign-in, and the account syncs again.
    let browse = |url: &str| {
        let url = url.to_string();
        std::thread::spawn(move || {
            let oauth = oauth_stack(support::mailstack());
            oauth.follow(&oauth.authorize(&url));
        });
    };
    runtime.block_on(engine.sign_in_again(engine.account_by_address(&user.email).unwrap(), browse)).unwrap();
    stack.deliver(&user, &letter("after-sign-in"));
    assert_eq!(inbox_count(&runtime, &engine, &user.email), 1);
}

#[test]
fn a_state_mismatch_and_a_wrong_verifier_are_refused_and_nothing_is_saved() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let runtime = runtime();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let account = settings(stack, oauth, &user, Protocol::Imap, OAuthMechanism::Xoauth2);

    let forged = |location: String| {
        let (before, after) = location.split_once("state=").unwrap();
        let rest = after.split_once('&').map(|(_, rest)| format!("&{rest}")).unwrap_or_default();
        format!("{before}state=forged{rest}")
    };
    let (outcome, status, page) = sign_in(&runtime, &engine, oauth, &account, forged);
    assert_eq!(status, 400, "{page}");
    let err = outcome.expect_err("a forged state is refused");
    assert!(err.message.contains("does not belong to this sign-in"), "{}", err.message);
    assert!(oauth.token_requests(&user).is_empty(), "the code was not even exchanged");

    // A code intercepted on its way back is useless without Pochta's PKCE verifier.
    let pending = runtime.block_on(engine.begin_sign_in(&account)).unwrap();
    let location = oauth.authorize(pending.url());
    let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap();
    let code = code.replace("%2E", ".").replace("%2D", "-").replace("%5F", "_");
    let redirect = location.split('?').next().unwrap();
    let wrong = "a".repeat(43);
    let (status, body) = oauth.token_request(&[
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", redirect),
        ("client_id", "pochta-tests"),
        ("code_verifier", &wrong),
    ]);
    assert_eq!((status, body.as_str()), (400, r#"{"error":"invalid_grant"}"#));
    assert_eq!(oauth.token_requests(&user), ["code refused"]);
    drop(pending);

    let denied = oauth.fresh_user(stack);
    oauth.set_consent(&denied, false);
    let account = settings(stack, oauth, &denied, Protocol::Imap, OAuthMechanism::Xoauth2);
    let (outcome, _, _) = sign_in(&runtime, &engine, oauth, &account, |l| l);
    assert!(outcome.expect_err("no consent").message.contains("access_denied"));
    assert!(engine.accounts().unwrap().is_empty(), "no account was saved");
}

#[test]
fn a_browser_that_never_returns_ends_the_wait_with_a_clear_message_and_saves_nothing() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    let runtime = runtime();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let account = settings(stack, oauth, &user, Protocol::Imap, OAuthMechanism::Xoauth2);
    let pending = runtime.block_on(engine.begin_sign_in(&account)).unwrap();
    let err = runtime.block_on(engine.finish_sign_in(pending, Duration::from_secs(1))).expect_err("timed out");
    assert!(err.message.contains("did not come back"), "{}", err.message);
    assert!(engine.accounts().unwrap().is_empty());
    assert!(oauth.token_requests(&user).is_empty());
}

/// INBOX's message count in the cache, without a pass.
fn cached_inbox(engine: &EngineHandle, email: &str) -> u64 {
    let folders = engine.folders(Some(engine.account_by_address(email).unwrap())).unwrap();
    folders.iter().find(|f| f.role == Some(FolderRole::Inbox)).map(|f| f.total).unwrap_or(0)
}

fn wait_for_inbox(engine: &EngineHandle, email: &str, count: u64, what: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while cached_inbox(engine, email) < count {
        assert!(std::time::Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_token_that_expires_mid_session_changes_nothing_and_the_next_login_refreshes_it() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    use pochta::engine::api::{Connectivity, Event};
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    oauth.set_access_life(&user, Duration::from_secs(2));
    let profile = Profile::new();
    let runtime = runtime();
    let (engine, _) =
        signed_in_account(&runtime, &profile, stack, oauth, &user, Protocol::Imap, OAuthMechanism::Xoauth2);
    let mut events = engine.subscribe();
    engine.start_background_sync().unwrap();
    let online = |e: &Event| matches!(e, Event::Connectivity { state: Connectivity::Online, .. });
    common::wait_for(&mut events, "the first pass", online);

    // The token dies while the session sits in IDLE: the session goes on, the letter arrives.
    std::thread::sleep(Duration::from_secs(3));
    stack.deliver(&user, &letter("during-idle"));
    wait_for_inbox(&engine, &user.email, 1, "the letter delivered during IDLE never arrived");

    // The connection drops (the server restarts, the network changes): the actor's next login
    // refreshes the dead token first, and what arrived meanwhile is fetched.
    std::thread::sleep(Duration::from_secs(3));
    let conf = oauth.dovecot_log.parent().unwrap().parent().unwrap().join("dovecot.conf");
    let kicked =
        std::process::Command::new("doveadm").arg("-c").arg(conf).args(["kick", &user.login]).output().unwrap();
    assert!(kicked.status.success(), "{}", String::from_utf8_lossy(&kicked.stderr));
    stack.deliver(&user, &letter("after-the-drop"));
    engine.sync_now();
    wait_for_inbox(&engine, &user.email, 2, "the letter delivered after the drop never arrived");
    let requests = oauth.token_requests(&user);
    assert!(requests.iter().filter(|r| *r == "refresh ok").count() >= 1, "{requests:?}");
    assert!(!requests.iter().any(|r| r == "refresh refused"), "{requests:?}");
}
