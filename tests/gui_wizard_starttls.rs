//! The wizard when the incoming server wants a secure connection before the password: Cyrus
//! (tests/mailstack/start-cyrus.sh) advertises LOGINDISABLED on its plain port. Tested with no
//! security, the wizard says so (the password was not sent), offers STARTTLS on that port, and
//! with it the test passes and the account is saved with STARTTLS. Driven headless in iced_test,
//! tasks run for real.

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, shows};
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::engine::api::discovery::{LookupFuture, Lookups, NetLookups, ProbeOutcome, ServiceKind};
use pochta::model::{Security, ServerEndpoint};
use pochta::ui::app::{App, Message};
use std::sync::Arc;

/// No DNS, no HTTP; IMAP is Cyrus's plain port with no security (a probe there would stop at
/// LOGINDISABLED, so it is taken as answered), SMTP the stack's submission port.
struct PlainCyrus {
    imap: u16,
    submission: u16,
    net: NetLookups,
}

impl Lookups for PlainCyrus {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("no DNS in this test".to_string()) })
    }
    fn https_get<'a>(&'a self, _url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(async { Err("no HTTP in this test".to_string()) })
    }
    fn probe<'a>(&'a self, kind: ServiceKind, endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        match kind {
            ServiceKind::Imap => Box::pin(async { ProbeOutcome::Answered { detail: "Cyrus greeted".into() } }),
            _ => self.net.probe(kind, endpoint),
        }
    }
    fn probe_candidates(&self, kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
        let at = |port, security| vec![ServerEndpoint { host: "localhost".into(), port, security }];
        match kind {
            ServiceKind::Imap => at(self.imap, Security::None),
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

/// Every text on screen, for failure messages.
fn on_screen(app: &App) -> String {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    let mut all = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text { content, .. } = candidate {
            all.push(content.to_string());
        }
        None::<()>
    });
    all.join(" | ")
}

/// Whether some text on screen contains `needle`.
fn shows_containing(app: &App, needle: &str) -> bool {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    ui.find(|candidate: Candidate<'_>| match candidate {
        Candidate::Text { content, .. } if content.contains(needle) => Some(()),
        _ => None,
    })
    .is_ok()
}

fn trust_every_certificate(app: &mut App, runtime: &tokio::runtime::Runtime) {
    while shows(app, "Trust this certificate") {
        click_and_run(app, "Trust this certificate", runtime);
    }
}

#[test]
fn logindisabled_is_explained_and_the_wizard_offers_starttls_which_then_works() {
    let stack = support::mailstack();
    let cyrus = common::servers::cyrus(stack);
    let user = cyrus.fresh_user(stack);
    let profile = Profile::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let lookups = PlainCyrus { imap: cyrus.imap_port, submission: stack.submission_port, net: NetLookups::new() };
    let (mut app, _) = App::with_lookups(engine, false, Arc::new(lookups));

    type_into(&mut app, "wizard-email", &user.email);
    type_into(&mut app, "wizard-password", &user.password);
    click_and_run(&mut app, "Find settings", &runtime);
    // Cyrus knows its users by the bare name (start-cyrus.sh).
    let _ = app.update(Message::Wizard(pochta::ui::wizard::Message::Login(user.login.clone())));
    click_and_run(&mut app, "Test and save", &runtime);
    trust_every_certificate(&mut app, &runtime);
    let offer = "Use STARTTLS on this port and test again";
    assert!(shows(&app, offer), "STARTTLS is offered: {:?}", app.notice());
    assert!(
        shows_containing(&app, "requires an encrypted connection before the password"),
        "the reason is said, not a wrong password"
    );
    assert!(profile.run(&["account", "list"]).stdout.is_empty(), "nothing was saved yet");

    click_and_run(&mut app, offer, &runtime);
    trust_every_certificate(&mut app, &runtime);
    assert!(!shows(&app, offer), "the offer went with the problem: {}", on_screen(&app));
    let listed = String::from_utf8(profile.run(&["account", "list"]).stdout).unwrap();
    assert!(listed.contains(&user.email), "saved: {listed} {:?} {}", app.notice(), on_screen(&app));
    assert!(listed.to_lowercase().contains("starttls"), "with STARTTLS: {listed}");
}
