//! The account wizard, driven headless over the real harness: a new user types an address at
//! the harness domain; discovery (DNS and HTTP scripted to fail, probing pointed at the loopback
//! servers) finds the settings; the untrusted test certificate is shown and accepted by its
//! fingerprint; the account is saved and its INBOX shows the test messages. A wrong password
//! shows the authentication message and keeps the form filled. Tasks are run for real.

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, shows, update_and_run};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::engine::api::discovery::{LookupFuture, Lookups, NetLookups, ProbeOutcome, ServiceKind};
use pochta::model::{Security, ServerEndpoint};
use pochta::ui::app::{App, Message};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{MailStack, mailstack};

/// No DNS, no HTTP; the usual names are the harness's loopback ports, probed without its CA
/// (like a self-hosted server with a private CA).
struct Loopback {
    imaps: u16,
    submission: u16,
    net: NetLookups,
}

impl Lookups for Loopback {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("no DNS in this test".to_string()) })
    }
    fn https_get<'a>(&'a self, _url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(async { Err("no HTTP in this test".to_string()) })
    }
    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        self.net.probe(kind, endpoint)
    }
    fn probe_candidates(&self, kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
        let at = |port, security| vec![ServerEndpoint { host: "localhost".into(), port, security }];
        match kind {
            ServiceKind::Imap => at(self.imaps, Security::Ssl),
            ServiceKind::Pop3 => Vec::new(),
            ServiceKind::Smtp => at(self.submission, Security::Starttls),
        }
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

fn start(stack: &MailStack, profile: &Profile) -> App {
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let lookups = Loopback { imaps: stack.imaps_port, submission: stack.submission_port, net: NetLookups::new() };
    let (app, _) = App::with_lookups(engine, false, Arc::new(lookups));
    app
}

#[test]
fn a_new_user_gets_a_working_account_from_an_address_and_a_password() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, b"From: welcome@example.test\r\nSubject: first letter\r\n\r\nhello\r\n");
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);
    assert!(shows(&app, "Add an account"), "the first run opens the wizard");

    type_into(&mut app, "wizard-name", "Test User");
    type_into(&mut app, "wizard-email", &user.email);
    type_into(&mut app, "wizard-password", &user.password);
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(
        shows(&app, "Settings: servers that answered on the usual names and ports"),
        "where the settings came from"
    );

    click_and_run(&mut app, "Test and save", &runtime);
    assert!(shows(&app, "Trust this certificate"), "the harness certificate is not trusted by this computer");
    // IMAP and SMTP on one host present one certificate: one decision covers both.
    click_and_run(&mut app, "Trust this certificate", &runtime);
    assert!(!shows(&app, "Trust this certificate"), "the same certificate is asked for again: {:?}", app.notice());

    // Saved: the wizard is gone and the first sync fills the INBOX.
    assert!(!shows(&app, "Add an account"), "the wizard closed: {:?}", app.notice());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !shows(&app, "first letter") {
        assert!(
            Instant::now() < deadline,
            "the INBOX never showed the test message; a sync says: {}",
            common::describe(&profile.run(&["sync"]))
        );
        std::thread::sleep(Duration::from_millis(200));
        // What the engine's event subscription does in the running app: re-query.
        update_and_run(&mut app, Message::Engine(pochta::engine::api::Event::Overflow), &runtime);
    }
}

/// What the text field with `id` holds.
fn field(app: &App, id: &'static str) -> String {
    match simulator(app.view()).find(iced::widget::Id::new(id)) {
        Ok(iced_test::selector::Target::TextInput { content, .. }) => content,
        other => panic!("no text field {id}: {other:?}"),
    }
}

#[test]
fn a_changed_address_finds_its_own_settings_and_the_login_follows_it() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);
    assert!(!shows(&app, "Reply") && !shows(&app, "Delete"), "the wizard is a screen of its own, no mail toolbar");

    type_into(&mut app, "wizard-email", "ivan@mail.ru");
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "imap.mail.ru"), "Mail.ru's table");
    assert_eq!(field(&app, "wizard-login"), "ivan@mail.ru");

    // The person corrects the address: Mail.ru's servers and login must not stay.
    let changed = Message::Wizard(pochta::ui::wizard::Message::Email(user.email.clone()));
    common::gui::update_and_run(&mut app, changed, &runtime);
    assert!(!shows(&app, "imap.mail.ru"), "the old provider's servers are gone");
    assert!(
        shows(&app, "Settings: servers that answered on the usual names and ports"),
        "the new address's settings were looked up again"
    );
    assert_eq!(field(&app, "wizard-login"), user.email, "the login follows the address");
    assert!(shows(&app, "Find settings"), "looking again is always at hand");

    // A login typed by hand stays when the address changes again.
    type_into(&mut app, "wizard-login", "-custom");
    let custom = format!("{}-custom", user.email);
    common::gui::update_and_run(
        &mut app,
        Message::Wizard(pochta::ui::wizard::Message::Email("x@other.example".into())),
        &runtime,
    );
    assert_eq!(field(&app, "wizard-login"), custom, "an edited login is the person's");

    // Typed back to the address, it is the wizard's again and follows the next one.
    let login = |value: &str| Message::Wizard(pochta::ui::wizard::Message::Login(value.into()));
    common::gui::update_and_run(&mut app, login("x@other.example"), &runtime);
    let mailru = Message::Wizard(pochta::ui::wizard::Message::Email("ivan@mail.ru".into()));
    common::gui::update_and_run(&mut app, mailru, &runtime);
    assert_eq!(field(&app, "wizard-login"), "ivan@mail.ru", "a login typed back to the address follows it");
}

#[test]
fn technical_detail_waits_behind_details_and_advice_links_can_be_clicked() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);
    type_into(&mut app, "wizard-email", &user.email);
    type_into(&mut app, "wizard-password", &user.password);
    click_and_run(&mut app, "Find settings", &runtime);
    // Stop before saving: a wrong password leaves the report on screen.
    type_into(&mut app, "wizard-password", "-wrong");
    click_and_run(&mut app, "Test and save", &runtime);
    while shows(&app, "Trust this certificate") {
        click_and_run(&mut app, "Trust this certificate", &runtime);
    }
    assert!(!shows_containing(&app, "IMAP4rev1"), "no raw capability list by default");
    click_and_run(&mut app, "Details", &runtime);
    assert!(shows_containing(&app, "certificate"), "Details shows what the test found on the way");
    // A new attempt starts clean.
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(!shows_containing(&app, "failed:"), "the earlier attempt's errors are gone");

    let yandex = Message::Wizard(pochta::ui::wizard::Message::Email("ivan.petrov@yandex.ru".into()));
    common::gui::update_and_run(&mut app, yandex, &runtime);
    let messages = common::gui::clicked(&app, "https://id.yandex.ru/security/app-passwords");
    assert!(
        messages.iter().any(|m| matches!(m, Message::Wizard(pochta::ui::wizard::Message::OpenLink(url)) if url.contains("app-passwords"))),
        "the advice's link opens the page: {messages:?}"
    );
}

#[test]
fn a_wrong_password_is_named_and_the_form_stays_filled() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);
    type_into(&mut app, "wizard-email", &user.email);
    type_into(&mut app, "wizard-password", "not-the-password");
    click_and_run(&mut app, "Find settings", &runtime);
    click_and_run(&mut app, "Test and save", &runtime);
    while shows(&app, "Trust this certificate") {
        click_and_run(&mut app, "Trust this certificate", &runtime);
    }
    assert!(shows_containing(&app, "password"), "the authentication problem is named");
    assert!(shows(&app, "Add an account") && shows(&app, &user.email), "the wizard stays, still filled in");
    assert!(profile.run(&["account", "list"]).stdout.is_empty(), "nothing was saved");
}

#[test]
fn a_yandex_address_gets_yandex_servers_and_the_app_password_advice() {
    let stack = mailstack();
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);
    type_into(&mut app, "wizard-email", "ivan.petrov@yandex.ru");
    click_and_run(&mut app, "Find settings", &runtime);
    // IMAP is preselected: its row (not POP3's) is in the table.
    assert!(shows(&app, "imap.yandex.ru") && shows(&app, "smtp.yandex.ru"), "Yandex's table");
    assert!(!shows(&app, "pop.yandex.ru"), "POP3's row only when POP3 is chosen");
    assert!(shows_containing(&app, "https://id.yandex.ru/security/app-passwords"), "the app-password advice");
}

/// Whether some text on screen contains `needle`.
fn shows_containing(app: &App, needle: &str) -> bool {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    ui.find(|candidate: Candidate<'_>| match candidate {
        Candidate::Text { content, .. } if content.contains(needle) => Some(()),
        Candidate::TextInput { state, .. } if state.text().contains(needle) => Some(()),
        _ => None,
    })
    .is_ok()
}

#[test]
fn an_account_is_edited_in_the_wizard_and_removed_after_saying_what_that_means() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, b"From: a@example.test\r\nSubject: keep me\r\n\r\nhello\r\n");
    let profile = Profile::new();
    common::imap::add_imap_account(&profile, stack, &user, stack.imaps_port);
    common::imap::sync(&profile, &user.email);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut app = start(stack, &profile);

    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Edit", &runtime);
    assert!(shows(&app, "Edit the account") && shows(&app, &user.email), "the wizard, filled in");
    // The saved password is used when none is typed; the changed name is saved.
    type_into(&mut app, "wizard-name", "Renamed");
    click_and_run(&mut app, "Test and save", &runtime);
    assert!(!shows(&app, "Edit the account"), "saved after the test: {:?}", app.notice());
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    assert_eq!(engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().name, "Renamed");
    assert!(
        engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().ca_file.is_some(),
        "the extra CA is kept"
    );

    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Remove", &runtime);
    assert!(shows_containing(&app, "The 1 message cached on this computer is deleted; the mail on the server stays"));
    click_and_run(&mut app, "Remove for good", &runtime);
    assert!(engine.accounts().unwrap().is_empty(), "removed");
    let on_server = stack.doveadm(&["-f", "flow", "search", "-u", &user.login, "mailbox", "INBOX", "all"]);
    assert_eq!(on_server.lines().count(), 1, "the server keeps the mail");
}
