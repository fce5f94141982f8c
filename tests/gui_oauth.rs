//! The wizard's OAuth2 path in iced_test's simulator against the harness (issue 20): a provider
//! known only from its autoconfig file, which declares OAuth2 and names its endpoints (`<oAuth2>`),
//! with this profile's client registration in settings.toml. "Sign in with ..." comes first and
//! no password is asked for; the "browser" (this test) consents; the test passes with the token,
//! the certificate is trusted once, and the account is saved signed in; "Sign in again" on the
//! accounts screen signs it in anew. Needs a keyring:
//! `dbus-run-session -- tests/with-keyring cargo test --test gui_oauth`.

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, shows, update_and_run};
use common::oauth::{OAuthStack, oauth_stack};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::engine::api::discovery::{LookupFuture, Lookups, NetLookups, ProbeOutcome, ServiceKind};
use pochta::model::ServerEndpoint;
use pochta::ui::app::{App, Message};
use std::sync::Arc;

/// No DNS; the autoconfig file is the harness's; the browser is a thread that consents.
struct Harness {
    autoconfig: String,
    oauth: &'static OAuthStack,
    net: NetLookups,
}

impl Lookups for Harness {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("no DNS in this test".to_string()) })
    }
    fn https_get<'a>(&'a self, url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        let found = url.contains("autoconfig").then(|| self.autoconfig.clone());
        Box::pin(async move { found.ok_or_else(|| "no such file".to_string()) })
    }
    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        self.net.probe(kind, endpoint)
    }
    fn probe_candidates(&self, _kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
        Vec::new()
    }
    fn open_in_browser(&self, url: &str) -> Result<(), String> {
        let (oauth, url) = (self.oauth, url.to_string());
        std::thread::spawn(move || {
            let (status, page) = oauth.follow(&oauth.authorize(&url));
            assert_eq!(status, 200, "{page}");
        });
        Ok(())
    }
}

fn type_into(app: &mut App, id: &'static str, value: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(iced::widget::Id::new(id)).unwrap_or_else(|err| panic!("no field {id}: {err:?}"));
        ui.typewrite(value);
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

#[test]
fn the_wizard_signs_in_with_a_provider_whose_autoconfig_declares_oauth2_and_saves_no_password() {
    if !common::oauth::keyring_or_skip() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let user = oauth.fresh_user(stack);
    let profile = Profile::new();
    std::fs::create_dir_all(profile.path().join("config")).unwrap();
    std::fs::write(
        profile.path().join("config/settings.toml"),
        "[oauth_clients.pochta-harness]\nclient_id = \"pochta-gui-tests\"\n",
    )
    .unwrap();
    let autoconfig = format!(
        r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
<displayName>Harness Mail</displayName>
<incomingServer type="imap"><hostname>localhost</hostname><port>{imaps}</port><socketType>SSL</socketType>
<username>%EMAILLOCALPART%</username><authentication>OAuth2</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>localhost</hostname><port>{submission}</port><socketType>STARTTLS</socketType>
<username>%EMAILLOCALPART%</username><authentication>OAuth2</authentication></outgoingServer>
</emailProvider>
<oAuth2><issuer>pochta-harness</issuer><scope>mail offline_access</scope>
<authURL>{authorize}</authURL><tokenURL>{token}</tokenURL></oAuth2></clientConfig>"#,
        imaps = oauth.imaps_port,
        submission = oauth.submission_port,
        authorize = oauth.authorize_url(),
        token = oauth.token_url(),
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let lookups = Harness { autoconfig, oauth, net: NetLookups::new() };
    let lookups: Arc<dyn Lookups> = Arc::new(lookups);
    let (mut app, _) = App::with_lookups(engine.clone(), false, lookups);

    type_into(&mut app, "wizard-name", "Test User");
    type_into(&mut app, "wizard-email", &user.email);
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "Sign in with pochta-harness"), "signing in with the provider comes first");
    assert!(shows(&app, "Use an app password instead"), "the password path stays offered");
    assert!(simulator(app.view()).find(iced::widget::Id::new("wizard-password")).is_err(), "no password asked for");

    click_and_run(&mut app, "Sign in with pochta-harness", &runtime);
    assert!(shows(&app, "Trust this certificate"), "the harness certificate is not trusted by this computer");
    click_and_run(&mut app, "Trust this certificate", &runtime);
    assert!(!shows(&app, "Add an account"), "the wizard closed: {:?}", app.notice());

    let accounts = engine.accounts().unwrap();
    let (_, saved) = accounts.iter().find(|(_, a)| a.email == user.email).expect("the account is saved");
    let registration = saved.oauth.as_ref().expect("it signs in with the provider");
    assert_eq!(registration.client_id, "pochta-gui-tests");
    assert_eq!(oauth.token_requests(&user).first().map(String::as_str), Some("code ok"));
    for prefix in [format!("a.{}.", user.login), format!("r.{}.", user.login)] {
        profile.assert_secret_in_no_file(&prefix);
    }

    // Re-authorising from the accounts screen: a new sign-in in the browser.
    update_and_run(&mut app, Message::ShowAccounts, &runtime);
    click_and_run(&mut app, "Sign in again", &runtime);
    let codes = oauth.token_requests(&user).iter().filter(|r| *r == "code ok").count();
    assert_eq!(codes, 2, "signed in a second time: {:?}", app.notice());
}

#[test]
fn a_build_without_a_client_id_says_so_and_keeps_the_app_password_path() {
    // A build for the tests has no provider client ids (POCHTA_OAUTH_MAILRU_CLIENT_ID unset).
    if option_env!("POCHTA_OAUTH_MAILRU_CLIENT_ID").is_some() {
        return;
    }
    let stack = support::mailstack();
    let oauth = oauth_stack(stack);
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let lookups: Arc<dyn Lookups> = Arc::new(Harness { autoconfig: String::new(), oauth, net: NetLookups::new() });
    let (mut app, _) = App::with_lookups(engine.clone(), false, lookups);
    type_into(&mut app, "wizard-email", "ivan@mail.ru");
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "imap.mail.ru"), "Mail.ru's table");
    let unavailable = "Signing in on Mail.ru's own page is not available in this build of Pochta: use an app password, as described below.";
    assert!(shows(&app, unavailable), "the wizard says why there is no sign-in button");
    assert!(!shows(&app, "Sign in with Mail.ru"));
    assert!(simulator(app.view()).find(iced::widget::Id::new("wizard-password")).is_ok(), "the password is asked for");
    assert!(shows(&app, "Test and save"));
}
