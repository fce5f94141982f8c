//! The wizard's notices as a person meets them: a problem appears, the person clicks back into
//! the field it names and types, and every character arrives. The window is driven as iced's
//! runtime drives it: one widget tree kept from frame to frame (focus lives there), rebuilt
//! after each keystroke's message has changed the wizard. (iced_test's simulator builds a fresh
//! tree per view, so it cannot see focus lost between frames.) Then where the test's outcome is
//! shown and what it says, and that Enter in the password field does the form's main action.

mod common;
mod support;

use common::Profile;
use common::gui::{KeptWindow, click_and_run, shows, update_and_run};
use iced::widget::Id;
use iced_test::core::Event;
use iced_test::core::widget::operation::focusable;
use iced_test::selector::Target;
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::engine::api::discovery::{LookupFuture, Lookups, ProbeOutcome, ServiceKind};
use pochta::model::ServerEndpoint;
use pochta::ui::app::{App, Message};
use pochta::ui::wizard::ServerMessage;
use std::sync::Arc;
use tokio::runtime::Runtime;

/// No DNS, no HTTP, nothing answers: discovery finds nothing and the table is filled by hand.
struct Nothing;

impl Lookups for Nothing {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("no DNS in this test".to_string()) })
    }
    fn https_get<'a>(&'a self, _url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(async { Err("no HTTP in this test".to_string()) })
    }
    fn probe<'a>(&'a self, _kind: ServiceKind, _endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        unreachable!("nothing is probed: there are no candidates")
    }
    fn probe_candidates(&self, _kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
        Vec::new()
    }
}

fn start(profile: &Profile) -> App {
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    App::with_lookups(engine, false, Arc::new(Nothing)).0
}

/// The window as the runtime keeps it: the widget tree (with the focus) survives between frames.
struct Window(KeptWindow);

impl Window {
    fn new() -> Window {
        Window(KeptWindow::new())
    }

    /// Focuses the field `id` (the cursor at its end, as after a click and End).
    fn focus(&mut self, app: &App, id: &'static str) {
        self.0.operate(app, Box::new(focusable::focus(Id::new(id))));
    }

    fn frame(&mut self, app: &App, events: &[Event]) -> Vec<Message> {
        self.0.frame(app, events)
    }

    /// Types `text` one key per frame, as a person does: each keystroke's message changes the
    /// wizard before the next key arrives (the tasks they start are not run; none matter here).
    fn type_slowly(&mut self, app: &mut App, text: &str) {
        for c in text.chars() {
            let events: Vec<Event> = iced_test::simulator::typewrite(&c.to_string()).collect();
            for message in self.frame(app, &events) {
                let _ = app.update(message);
            }
        }
    }

    /// Presses Enter in the focused field and runs what it starts.
    fn press_enter(&mut self, app: &mut App, runtime: &Runtime) {
        let enter = iced_test::core::keyboard::key::Named::Enter;
        let events: Vec<Event> = iced_test::simulator::tap_key(enter, None).collect();
        for message in self.frame(app, &events) {
            update_and_run(app, message, runtime);
        }
    }
}

/// What the text field `id` holds.
fn field(app: &App, id: &'static str) -> String {
    match simulator(app.view()).find(Id::new(id)) {
        Ok(Target::TextInput { content, .. }) => content,
        other => panic!("no text field {id}: {other:?}"),
    }
}

fn wizard(message: pochta::ui::wizard::Message) -> Message {
    Message::Wizard(message)
}

#[test]
fn after_a_notice_every_typed_character_reaches_the_address_field() {
    let profile = Profile::new();
    let runtime = Runtime::new().unwrap();
    let mut app = start(&profile);
    let mut window = Window::new();
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Email("ivan".into())), &runtime);
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "Enter your whole email address, like ivan@example.org."), "the notice is shown");

    window.focus(&app, "wizard-email");
    window.type_slowly(&mut app, "@example.org");
    assert_eq!(field(&app, "wizard-email"), "ivan@example.org", "every key after the notice arrived");
    assert!(!shows(&app, "Enter your whole email address"), "the notice went with the first key");
}

#[test]
fn after_enter_the_password_every_typed_character_reaches_the_password() {
    let profile = Profile::new();
    let runtime = Runtime::new().unwrap();
    let mut app = start(&profile);
    let mut window = Window::new();
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Email("ivan@corp.example".into())), &runtime);
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "Test and save"), "the table to fill in by hand");
    click_and_run(&mut app, "Test and save", &runtime);
    assert!(shows(&app, "Enter the password (or the provider's app password)."), "the notice is shown");

    window.focus(&app, "wizard-password");
    window.type_slowly(&mut app, "correct horse");
    // A secret field shows a dot for each character.
    assert_eq!(field(&app, "wizard-password").chars().count(), 13, "all 13 keys arrived, not the first one only");

    // And in a server's port field after "the port should be a number".
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Imap(port("0"))), &runtime);
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Imap(host("mail.corp.example"))), &runtime);
    click_and_run(&mut app, "Test and save", &runtime);
    assert!(shows(&app, "The IMAP port should be a number from 1 to 65535."), "the port notice is shown");
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Imap(port(""))), &runtime);
    window.focus(&app, "wizard-imap-port");
    window.type_slowly(&mut app, "9x93");
    assert_eq!(field(&app, "wizard-imap-port"), "993", "the digits arrived");
}

fn port(value: &str) -> ServerMessage {
    ServerMessage::Port(value.into())
}

fn host(value: &str) -> ServerMessage {
    ServerMessage::Host(value.into())
}

/// Where the text containing `needle` (or only it, when `whole`) is on a 1024x768 window.
fn find_text(app: &App, needle: &str, whole: bool) -> Option<iced::Rectangle> {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    ui.find(|candidate: Candidate<'_>| match candidate {
        Candidate::Text { content, bounds, .. } if content == needle || (!whole && content.contains(needle)) => {
            Some(bounds)
        }
        _ => None,
    })
    .ok()
}

fn field_bounds(app: &App, id: &'static str) -> iced::Rectangle {
    match simulator(app.view()).find(Id::new(id)) {
        Ok(Target::TextInput { bounds, .. }) => bounds,
        other => panic!("no text field {id}: {other:?}"),
    }
}

fn bounds_of(app: &App, text: &str) -> iced::Rectangle {
    find_text(app, text, true).unwrap_or_else(|| panic!("no \"{text}\" on screen"))
}

#[test]
fn a_failed_test_says_where_it_was_started_that_the_account_was_not_saved() {
    let stack = support::mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    let runtime = Runtime::new().unwrap();
    let mut app = start(&profile);
    let mut window = Window::new();
    let send = |app: &mut App, message| update_and_run(app, wizard(message), &runtime);
    use pochta::ui::wizard::Message as W;
    send(&mut app, W::Email(user.email.clone()));
    click_and_run(&mut app, "Find settings", &runtime);
    send(&mut app, W::Imap(host("localhost")));
    send(&mut app, W::Imap(port(&stack.imaps_port.to_string())));
    send(&mut app, W::Smtp(host("localhost")));
    send(&mut app, W::Smtp(ServerMessage::Security(pochta::model::Security::Starttls)));
    send(&mut app, W::Smtp(port(&stack.submission_port.to_string())));
    send(&mut app, W::Password("not-the-password".into()));

    // Enter in the password field is "Test and save", its outcome shown up there.
    window.focus(&app, "wizard-password");
    window.press_enter(&mut app, &runtime);
    while shows(&app, "Trust this certificate") {
        click_and_run(&mut app, "Trust this certificate", &runtime);
    }
    let said = "The account was not saved: the test failed.";
    let outcome = find_text(&app, said, false);
    assert!(outcome.is_some(), "the outcome says nothing was saved and what to do: {:?}", app.notice());
    assert!(profile.run(&["account", "list"]).stdout.is_empty(), "nothing was saved");
    let server = format!("Incoming mail (IMAP), localhost:{} (SSL/TLS)", stack.imaps_port);
    assert!(shows(&app, &server), "the server that failed is named, its problem said under it");
    let password = field_bounds(&app, "wizard-password");
    let table = bounds_of(&app, "Login");
    let outcome = outcome.unwrap();
    assert!(
        outcome.y > password.y && outcome.y < table.y,
        "after Enter in the password the outcome is under it ({outcome:?}, password {password:?})"
    );

    // The button: the outcome next to it, at the foot of the form.
    click_and_run(&mut app, "Test and save", &runtime);
    let outcome = find_text(&app, said, false).expect("the same outcome again");
    let button = bounds_of(&app, "Test and save");
    let login = bounds_of(&app, "Login");
    assert!(
        outcome.y > login.y && outcome.y < button.y,
        "the outcome is next to the button, under the form ({outcome:?}, button {button:?})"
    );

    // Correcting the address after the failure: the report goes, every key stays.
    window.focus(&app, "wizard-email");
    window.type_slowly(&mut app, ".org");
    assert_eq!(field(&app, "wizard-email"), format!("{}.org", user.email));
    assert!(find_text(&app, said, false).is_none(), "the failed attempt's report went with the change");
}

#[test]
fn other_smtp_servers_are_offered_only_once_the_test_found_smtp_not_working() {
    let profile = Profile::new();
    let runtime = Runtime::new().unwrap();
    let mut app = start(&profile);
    update_and_run(&mut app, wizard(pochta::ui::wizard::Message::Email("ivan@mail.ru".into())), &runtime);
    click_and_run(&mut app, "Find settings", &runtime);
    assert!(shows(&app, "smtp.mail.ru"), "Mail.ru's table");
    assert!(
        find_text(&app, "Use SMTP", false).is_none(),
        "no other servers offered before a test showed the first one failing"
    );
}
