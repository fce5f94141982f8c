//! The rules screen's editing, driven headless (iced_test simulator) with its save run for real:
//! several conditions joined by "any" and every action (then a POP3 arrival sorted by that rule),
//! a disabled rule, the order changed with the buttons, with Alt+Up and by dragging a rule by its
//! handle with the mouse (press, moves, release, the line showing where it lands), lists the engine refuses
//! (a bad tag, an over-long pattern, a move with a delete, no condition) shown with their sentence
//! while nothing is written, and "Run now" on the Inbox with Stop, progress and its result on
//! Dovecot. Pick lists are chosen by their messages (the simulator does not open their menus);
//! text is typed into the fields.

mod common;
mod support;

use common::Profile;
use common::gui::{click, click_and_run, shows};
use common::pop3::add_pop3_account;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::{Event, Point, Rectangle, Size, mouse};
use iced_test::{Simulator, simulator};
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::model::{Condition, Rule, RuleField, RuleTest};
use pochta::ui::accounts;
use pochta::ui::app::{App, Message};
use pochta::ui::icons::{self, Icon};
use pochta::ui::rules::{
    self, ConditionEdit, FieldChoice, MatchChoice, RuleEdit, TestChoice, drop_marker_id, field_id,
};
use support::{TestUser, mailstack};
use tokio::runtime::Runtime;

/// An account with `rules`, its window, and the rules screen open on it.
fn rules_screen(rules: Vec<Rule>) -> (Profile, EngineHandle, App, Runtime, TestUser) {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_pop3_account(&profile, stack, &user, stack.pop3s_port, "ssl", &[]);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.set_rules(engine.account_by_address(&user.email).unwrap(), rules).unwrap();
    let runtime = Runtime::new().unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Rules", &runtime);
    assert!(shows(&app, &format!("Rules of {}", user.email)), "the rules screen is open");
    (profile, engine, app, runtime, user)
}

fn send(app: &mut App, message: rules::Message) {
    let _ = app.update(Message::Accounts(accounts::Message::Rules(message)));
}

/// Clicks a rule's text field and types into it.
fn type_into(app: &mut App, rule: usize, field: &str, text: &str) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        ui.click(field_id(rule, field)).unwrap_or_else(|err| panic!("no field {field} of rule {rule}: {err:?}"));
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

fn from_is(address: &str) -> Rule {
    Rule { move_to: Some("Bills".into()), ..Rule::when(Condition::new(RuleField::From, RuleTest::Is, address)) }
}

#[test]
fn a_rule_with_any_of_two_conditions_and_every_action_is_saved_and_sorts_the_next_arrival() {
    let (profile, engine, mut app, runtime, user) = rules_screen(Vec::new());
    let email = user.email.clone();
    click(&mut app, "Add a rule");
    type_into(&mut app, 0, "name", "Магазин");
    send(&mut app, rules::Message::Condition(0, 0, ConditionEdit::Test(TestChoice(RuleTest::Is))));
    type_into(&mut app, 0, "value-0", "billing@shop.example");
    click(&mut app, "Add a condition");
    send(&mut app, rules::Message::Condition(0, 1, ConditionEdit::Field(FieldChoice(RuleField::Header))));
    type_into(&mut app, 0, "header-1", "List-Id");
    send(&mut app, rules::Message::Condition(0, 1, ConditionEdit::Test(TestChoice(RuleTest::Matches))));
    type_into(&mut app, 0, "value-1", "*shop.example>");
    send(&mut app, rules::Message::Rule(0, RuleEdit::Match(MatchChoice(true))));
    type_into(&mut app, 0, "copy-to", "Archive");
    type_into(&mut app, 0, "tag", "$shop");
    click(&mut app, "Mark read");
    click(&mut app, "Flag");
    click(&mut app, "Delete (to Trash)");
    click(&mut app, "Stop here (no later rules)");
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "Import mail…"), "saved: back to the accounts list");
    let expected = Rule {
        name: "Магазин".into(),
        match_any: true,
        copy_to: Some("Archive".into()),
        mark_read: true,
        flag: true,
        tag: Some("$shop".into()),
        delete: true,
        stop: true,
        conditions: vec![
            Condition::new(RuleField::From, RuleTest::Is, "billing@shop.example"),
            Condition::header("List-Id", RuleTest::Matches, "*shop.example>"),
        ],
        ..Rule::default()
    };
    assert_eq!(engine.account(engine.account_by_address(&email).unwrap()).unwrap().rules, vec![expected]);

    // The rule made in the window sorts the next letter to arrive.
    drop(app);
    drop(engine);
    mailstack().deliver(&user, b"From: Shop <billing@shop.example>\r\nSubject: invoice omega\r\n\r\npay\r\n");
    common::pop3::sync(&profile, &email);
    let hits: serde_json::Value = serde_json::from_str(&profile.ok(&["search", "omega", "--json"])).unwrap();
    let mut places: Vec<(String, String)> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| (hit["folder"].as_str().unwrap().to_string(), hit["flags"].to_string()))
        .collect();
    places.sort();
    assert_eq!(places.len(), 2, "the letter and its copy: {places:?}");
    assert_eq!((places[0].0.as_str(), places[1].0.as_str()), ("Archive", "Trash"), "copied, then deleted to Trash");
    assert!(places.iter().all(|(_, flags)| flags.contains("Seen") && flags.contains("Flagged")), "{places:?}");
}

#[test]
fn invalid_rules_are_refused_with_a_sentence_and_nothing_is_written() {
    let (_profile, engine, mut app, runtime, user) = rules_screen(vec![from_is("a@shop.example")]);
    let email = user.email;
    type_into(&mut app, 0, "tag", "two words");
    click_and_run(&mut app, "Save", &runtime);
    let tag_sentence = r#"rule 1: "two words" cannot be a tag (no spaces, no ( ) { % * " \ ] and not starting with \)"#;
    assert!(shows(&app, tag_sentence), "a tag with a space");

    send(&mut app, rules::Message::Rule(0, RuleEdit::Tag(String::new())));
    send(&mut app, rules::Message::Condition(0, 0, ConditionEdit::Test(TestChoice(RuleTest::Matches))));
    type_into(&mut app, 0, "value-0", &"x".repeat(300));
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "rule 1: a \"matches\" pattern can be at most 200 characters long"));

    send(&mut app, rules::Message::Condition(0, 0, ConditionEdit::Value("*@shop.example".into())));
    click(&mut app, "Delete (to Trash)");
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "rule 1: a rule either moves a letter or deletes it; choose one"));

    click(&mut app, "Delete (to Trash)");
    send(&mut app, rules::Message::Condition(0, 0, ConditionEdit::Remove));
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "rule 1: add a condition (what the letter must have)"));
    assert_eq!(
        engine.account(engine.account_by_address(&email).unwrap()).unwrap().rules,
        vec![from_is("a@shop.example")],
        "nothing was written"
    );
}

#[test]
fn rules_are_reordered_by_buttons_and_alt_arrows_and_switched_off() {
    let (_profile, engine, mut app, runtime, user) =
        rules_screen(vec![from_is("first@x.example"), from_is("second@x.example"), from_is("third@x.example")]);
    let email = user.email;
    click(&mut app, "Down"); // the first rule's Down: second, first, third
    send(&mut app, rules::Message::Rule(2, RuleEdit::Name("Third".into()))); // now the current rule
    let _ = app.update(Message::Key(Key::Named(Named::ArrowUp), Modifiers::ALT));
    let _ = app.update(Message::Key(Key::Named(Named::ArrowUp), Modifiers::ALT));
    click(&mut app, "On"); // the first "On" on the screen: the rule now at the top
    click_and_run(&mut app, "Save", &runtime);
    let rules = engine.account(engine.account_by_address(&email).unwrap()).unwrap().rules;
    let order: Vec<&str> = rules.iter().map(|rule| rule.conditions[0].value.as_str()).collect();
    assert_eq!(order, ["third@x.example", "second@x.example", "first@x.example"]);
    assert_eq!(rules[0].name, "Third");
    assert_eq!(rules.iter().map(|rule| rule.enabled).collect::<Vec<_>>(), [false, true, true]);
}

/// The window tall enough for three rules, with the icon font (the drag handles are its glyphs).
fn tall_window(app: &App) -> Simulator<'_, Message> {
    let settings = iced::Settings { fonts: vec![icons::FONT_BYTES.into()], ..iced::Settings::default() };
    Simulator::with_size(settings, Size::new(1280.0, 1600.0), app.view())
}

/// Where a rule's name field is on screen.
fn name_field(app: &App, rule: usize) -> Rectangle {
    tall_window(app).find(field_id(rule, "name")).unwrap_or_else(|err| panic!("no rule {rule}: {err:?}")).bounds()
}

/// The pointer at `at` sends these mouse events (a fresh simulator each time, as each frame is
/// drawn anew); what they produce goes to `update`.
fn mouse_at(app: &mut App, at: Point, events: Vec<Event>) {
    let messages: Vec<Message> = {
        let mut ui = tall_window(app);
        ui.point_at(at);
        ui.simulate(events);
        ui.into_messages().collect()
    };
    assert!(!messages.is_empty(), "the mouse at {at:?} did something");
    for message in messages {
        let _ = app.update(message);
    }
}

fn moved_to(at: Point) -> Vec<Event> {
    vec![Event::Mouse(mouse::Event::CursorMoved { position: at })]
}

/// The line that shows where the dragged rule lands: its middle's height, if it is shown.
fn drop_line(app: &App) -> Option<f32> {
    tall_window(app).find(drop_marker_id()).ok().map(|line| line.bounds().center_y())
}

#[test]
fn a_rule_dragged_by_its_handle_with_the_mouse_lands_where_the_line_showed() {
    let (_profile, engine, mut app, runtime, user) =
        rules_screen(vec![from_is("first@x.example"), from_is("second@x.example"), from_is("third@x.example")]);
    let handle = tall_window(&app).find(Icon::DragHandle.label()).expect("the first rule's handle").bounds();
    let (second, third) = (name_field(&app, 1), name_field(&app, 2));
    assert!(handle.center_y() < second.y, "the first handle is the first rule's");

    mouse_at(&mut app, handle.center(), vec![Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left))]);
    assert_eq!(drop_line(&app), None, "held over its own place: no line yet");
    mouse_at(&mut app, second.center(), moved_to(second.center()));
    let line = drop_line(&app).expect("over the second rule: the line shows");
    assert!(second.y < line && line < third.y, "the line is after the second rule: {line} ({second:?} {third:?})");
    mouse_at(&mut app, third.center(), moved_to(third.center()));
    let line = drop_line(&app).expect("over the third rule: the line shows");
    assert!(line > name_field(&app, 2).y, "the line is after the last rule: {line}");
    mouse_at(&mut app, third.center(), vec![Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))]);
    assert_eq!(drop_line(&app), None, "dropped: the line is gone");

    click_and_run(&mut app, "Save", &runtime);
    let order: Vec<String> = engine
        .account(engine.account_by_address(&user.email).unwrap())
        .unwrap()
        .rules
        .into_iter()
        .map(|rule| rule.conditions[0].value.clone())
        .collect();
    assert_eq!(order, ["second@x.example", "third@x.example", "first@x.example"]);
}

#[test]
fn run_now_on_the_inbox_shows_progress_stops_when_told_and_files_on_the_server() {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, b"From: a@x.example\r\nSubject: urgent: call me\r\n\r\nx\r\n");
    stack.deliver(&user, b"From: b@x.example\r\nSubject: lunch\r\n\r\nx\r\n");
    let profile = Profile::new();
    common::imap::add_imap_account(&profile, stack, &user, stack.imaps_port);
    common::imap::sync(&profile, &user.email);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let urgent = Rule { flag: true, ..Rule::when(Condition::new(RuleField::Subject, RuleTest::StartsWith, "urgent")) };
    engine.set_rules(engine.account_by_address(&user.email).unwrap(), vec![urgent]).unwrap();
    let runtime = Runtime::new().unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Rules", &runtime);
    // The Inbox is picked to run on (Run now does nothing with no folder picked).

    // Stop before the first page: nothing is looked at.
    let started: Vec<Task> = common::gui::clicked(&app, "Run now").into_iter().map(|m| app.update(m)).collect();
    assert!(shows(&app, "Starting…") && shows(&app, "Stop"), "a run in progress can be stopped");
    click(&mut app, "Stop");
    for task in started {
        common::gui::run_task(&mut app, task, &runtime);
    }
    assert!(shows(&app, "Stopped. Checked 0 of 2 letters; 0 matched."));

    click_and_run(&mut app, "Run now", &runtime);
    assert!(shows(&app, "Done. Checked 2 of 2 letters; 1 matched."));
    drop(app);
    drop(engine);
    common::imap::sync(&profile, &user.email);
    let inbox =
        stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "flags hdr.subject", "mailbox", "INBOX", "all"]);
    let flagged: Vec<&str> = inbox.lines().filter(|line| line.contains("\\Flagged")).collect();
    assert!(flagged.len() == 1 && flagged[0].contains("urgent"), "{inbox}");
}

type Task = iced::Task<Message>;
