//! The composer as a new user meets it (a user test's findings), driven headless with
//! iced_test's simulator over a profile the real IMAP sync filled from the harness's Dovecot:
//! every recipient of a Reply all drawn whole at small and usual window sizes, tokens that show
//! names and turn back into text, leaving a field making a token, Ctrl+W closing the window, and
//! the questions asked before a letter without a subject or without its attachment goes.

mod common;
mod support;

use common::Profile;
use common::composer::{click_in_composer, compose, composer_shows, letter, run, runtime, type_into, window};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::Id;
use iced::{Size, Theme};
use iced_test::selector::Candidate;
use iced_test::simulator;
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, ComposeKind, Message, WindowMessage};
use pochta::ui::composer::Slot;
use support::mailstack;

/// The people of the Reply all: the sender and three more in To, three in Cc (shown names).
const TO_NAMES: [&str; 4] = ["Jensen, Mark", "Anna Smirnova", "Boris Petrov", "Carol Whitfield-Henderson"];
const CC_NAMES: [&str; 3] = ["Dmitry Ivanov", "Elena Kuznetsova", "Frank O'Connor"];

/// A synced profile whose Inbox has a letter to many people; the app on it.
fn app_with_a_letter_to_many() -> (Profile, EngineHandle, App) {
    let stack = mailstack();
    let user = stack.fresh_user();
    let raw = format!(
        "From: \"Jensen, Mark\" <mark.jensen@nordlight.example>\r\n\
         To: {}, Anna Smirnova <anna.smirnova@example.test>, Boris Petrov <boris.petrov@example.test>,\r\n \
         Carol Whitfield-Henderson <carol.whitfield-henderson@example.test>\r\n\
         Cc: Dmitry Ivanov <dmitry.ivanov@example.test>, Elena Kuznetsova <elena.kuznetsova@example.test>,\r\n \
         Frank O'Connor <frank@example.test>\r\n\
         Subject: Q1 roadmap\r\nDate: Mon, 7 Dec 2026 05:32:00 +0000\r\n\r\nThoughts?\r\n",
        user.email
    );
    stack.deliver(&user, raw.as_bytes());
    common::gui::synced_window(stack, &user)
}

fn key(app: &mut App, key: Key, modifiers: Modifiers) {
    let window = window(app);
    common::gui::update_and_run(app, Message::Windows(WindowMessage::Key(window, key, modifiers)), runtime());
}

/// What the entry of a recipients field holds, as drawn.
fn entry(app: &App, field: &'static str) -> String {
    let mut ui = simulator(app.view_window(window(app)));
    let mut found = None;
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::TextInput { id: Some(id), state, .. } = candidate
            && *id == Id::new(field)
        {
            found = Some(state.text().to_string());
        }
        None
    });
    found.unwrap_or_else(|| panic!("no field {field}"))
}

#[test]
fn every_recipient_of_a_reply_all_is_drawn_whole_and_the_fields_grow() {
    let (_profile, _engine, mut app) = app_with_a_letter_to_many();
    let messages = common::gui::clicked(&app, "Q1 roadmap");
    run(&mut app, messages);
    compose(&mut app, ComposeKind::ReplyAll);
    assert_eq!(letter(&app).to.len(), 4, "the sender and the other three: {:?}", letter(&app).to);
    assert_eq!(letter(&app).cc.len(), 3);
    let snapshots = std::env::var_os("POCHTA_COMPOSER_SNAPSHOTS").map(std::path::PathBuf::from);
    for (width, height) in [(640.0, 480.0), (1366.0, 768.0)] {
        let size = Size::new(width, height);
        if let Some(out) = &snapshots {
            for (theme, shade) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
                let path = out.join(format!("reply-all-{shade}-{width}x{height}.png"));
                common::layout::save_snapshot(app.view_window(window(&app)), size, &theme, &path);
            }
        }
        let mut ui = common::layout::simulator_at(app.view_window(window(&app)), size);
        for name in TO_NAMES.iter().chain(&CC_NAMES) {
            let whole = |candidate: Candidate<'_>| match candidate {
                Candidate::Text { content, bounds, visible_bounds, .. } if content == *name => {
                    Some((bounds, visible_bounds))
                }
                _ => None,
            };
            let (bounds, visible) =
                ui.find(whole).unwrap_or_else(|err| panic!("{name} is not drawn at {width}x{height}: {err:?}"));
            let visible = visible.unwrap_or_else(|| panic!("{name} is out of sight at {width}x{height}"));
            let cut = (bounds.width - visible.width).max(bounds.height - visible.height);
            assert!(cut < 0.5, "{name} is drawn whole at {width}x{height}: {bounds:?} shows {visible:?}");
            assert!(bounds.x + bounds.width <= width, "{name} ends inside the {width} px window");
        }
        let to = ui.find(Id::new("composer-to")).unwrap().bounds();
        let cc = ui.find(Id::new("composer-cc")).unwrap().bounds();
        let subject = ui.find(Id::new("composer-subject")).unwrap().bounds();
        assert!(to.y + to.height <= cc.y && cc.y + cc.height <= subject.y, "the fields in order, apart");
        if width == 640.0 {
            // Four tokens do not fit one 640 px line: the To row has grown by a line.
            let label = |ui: &mut iced_test::Simulator<'_, Message>, text: &str| ui.find(text).unwrap().bounds().y;
            let (to, cc, bcc, subject) =
                (label(&mut ui, "To"), label(&mut ui, "Cc"), label(&mut ui, "Bcc"), label(&mut ui, "Subject"));
            assert!(cc - to > subject - bcc + 20.0, "the To row is taller than the one-line Bcc row at 640 px");
        }
        drop(ui);
        let problems = common::layout::problems(
            &format!("composer at {width}x{height}"),
            app.view_window(window(&app)),
            size,
            false,
        );
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn a_token_shows_the_name_turns_back_into_text_on_a_click_and_leaving_the_field_makes_one() {
    let (_profile, _engine, mut app) = app_with_a_letter_to_many();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", "\"Jensen, Mark\" <mark@x.org>, c@d.org");
    assert!(composer_shows(&app, "Jensen, Mark"), "the token shows the name");
    assert!(!composer_shows(&app, "\"Jensen, Mark\" <mark@x.org>"), "not the raw address");
    assert_eq!(entry(&app, "composer-to"), "c@d.org", "the last address is still being typed");

    key(&mut app, Key::Named(Named::Tab), Modifiers::empty());
    assert_eq!(entry(&app, "composer-to"), "", "Tab out of To made the text a token");
    assert!(composer_shows(&app, "c@d.org"), "shown as a token");
    assert_eq!(letter(&app).to, ["\"Jensen, Mark\" <mark@x.org>", "c@d.org"]);

    // A click on a token: its address is text in the entry again, to be corrected.
    click_in_composer(&mut app, "Jensen, Mark");
    assert_eq!(entry(&app, "composer-to"), "\"Jensen, Mark\" <mark@x.org>");
    assert!(!composer_shows(&app, "Jensen, Mark"), "no longer a token");
    let window_id = window(&app);
    assert_eq!(app.composer(window_id).unwrap().focus(), Slot::To, "the caret is in To");
    let fixed = "\"Jensen, Mark\" <mark.jensen@x.org>";
    let _ = app.update(Message::Windows(WindowMessage::Composer(
        window_id,
        pochta::ui::composer::Message::Address(pochta::ui::composer::Field::To, fixed.into()),
    )));
    // A click in another field leaves To: the corrected address is a token.
    type_into(&mut app, "composer-subject", "roadmap");
    assert_eq!(letter(&app).to, ["c@d.org", fixed], "corrected, nothing lost");
    assert_eq!(entry(&app, "composer-to"), "");
}

#[test]
fn ctrl_w_closes_the_composer_as_its_close_button_does_keeping_the_words_as_a_draft() {
    let (_profile, engine, mut app) = app_with_a_letter_to_many();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-body", "Words worth keeping.");
    let window_id = window(&app);
    let task = app.update(Message::Windows(WindowMessage::Key(window_id, Key::Character("w".into()), Modifiers::CTRL)));
    let mut stream = iced_test::runtime::task::into_stream(task).expect("Ctrl+W does something");
    let mut closes = false;
    while let Some(action) = runtime().block_on(futures::StreamExt::next(&mut stream)) {
        closes |= matches!(
            action,
            iced_test::runtime::Action::Window(iced_test::runtime::window::Action::Close(id)) if id == window_id
        );
    }
    assert!(closes, "Ctrl+W closes this composer's window");
    // The window system then says the window closed, as after its close button.
    common::gui::update_one_step(&mut app, Message::Windows(WindowMessage::Closed(window_id)), runtime());
    assert!(app.composer_windows().is_empty());
    let drafts = engine.drafts().unwrap();
    assert_eq!(drafts.len(), 1, "the words are kept as a draft");
    assert_eq!(drafts[0].composition.body.trim(), "Words worth keeping.");
}

#[test]
fn a_letter_without_a_subject_or_without_its_mentioned_attachment_asks_before_it_goes() {
    let (_profile, engine, mut app) = app_with_a_letter_to_many();
    let own = engine.accounts().unwrap()[0].1.email.clone();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", &format!("{own},"));
    type_into(&mut app, "composer-body", "Hi,\nSee the attached file.");
    click_in_composer(&mut app, "Send");
    assert!(composer_shows(&app, "This letter has no subject. Send it without one?"), "asked about the subject");
    assert!(engine.outbox().unwrap().is_empty(), "nothing sent while it asks");
    click_in_composer(&mut app, "Add a subject");
    assert_eq!(app.composer(window(&app)).unwrap().focus(), Slot::Subject, "back to the subject");
    assert!(composer_shows(&app, "Send"), "the actions are back");

    type_into(&mut app, "composer-subject", "Report");
    click_in_composer(&mut app, "Send");
    assert!(
        composer_shows(&app, "The letter mentions an attachment (“attached”), but nothing is attached."),
        "asked about the attachment"
    );
    assert!(composer_shows(&app, "Attach…") && composer_shows(&app, "Cancel"));
    if let Some(out) = std::env::var_os("POCHTA_COMPOSER_SNAPSHOTS").map(std::path::PathBuf::from) {
        let path = out.join("attachment-question-light-640x480.png");
        common::layout::save_snapshot(app.view_window(window(&app)), Size::new(640.0, 480.0), &Theme::Light, &path);
    }
    click_in_composer(&mut app, "Cancel");
    assert!(engine.outbox().unwrap().is_empty(), "Cancel sends nothing");
    // Ctrl+Enter asks too; "Send anyway" sends.
    key(&mut app, Key::Named(Named::Enter), Modifiers::CTRL);
    assert!(engine.outbox().unwrap().is_empty());
    click_in_composer(&mut app, "Send anyway");
    assert_eq!(engine.outbox().unwrap().len(), 1, "sent as it is");

    // With the file attached (and a subject) nothing is asked; a Russian mention counts too.
    let files = tempfile::tempdir().unwrap();
    let report = files.path().join("отчёт.pdf");
    std::fs::write(&report, b"%PDF-1.4").unwrap();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-to", &format!("{own},"));
    type_into(&mut app, "composer-body", "Отчёт во вложении.");
    click_in_composer(&mut app, "Send");
    click_in_composer(&mut app, "Send without subject");
    assert!(composer_shows(&app, "The letter mentions an attachment (“вложении”), but nothing is attached."));
    assert_eq!(engine.outbox().unwrap().len(), 1, "still asking");
    let composer = window(&app);
    let _ = app.update(Message::Windows(WindowMessage::FileDropped(composer, report)));
    click_in_composer(&mut app, "Send");
    click_in_composer(&mut app, "Send without subject");
    assert_eq!(engine.outbox().unwrap().len(), 2, "the attachment is there: sent without asking again");
}

#[test]
fn the_composers_problems_are_sentences_starting_with_a_capital() {
    let (_profile, engine, mut app) = app_with_a_letter_to_many();
    compose(&mut app, ComposeKind::New);
    type_into(&mut app, "composer-subject", "Nobody to send to");
    click_in_composer(&mut app, "Send");
    let window_id = window(&app);
    let starts = |candidate: Candidate<'_>| match candidate {
        Candidate::Text { content, .. } if content.starts_with("The letter has no recipients") => Some(()),
        _ => None,
    };
    assert!(simulator(app.view_window(window_id)).find(starts).is_ok(), "the engine's reason, capitalised");
    assert!(engine.outbox().unwrap().is_empty());
}

/// Draws the composer at `size` as the window does (a redraw: the rows report their heights),
/// and gives what it said to `update`.
fn redraw_at(app: &mut App, size: Size) {
    let window = window(app);
    let messages: Vec<Message> = {
        let mut ui = common::layout::simulator_at(app.view_window(window), size);
        ui.simulate([iced::Event::Window(iced::window::Event::RedrawRequested(std::time::Instant::now()))]);
        ui.into_messages().collect()
    };
    run(app, messages);
}

#[test]
fn the_suggestions_open_right_under_the_field_being_typed_when_the_fields_above_grew() {
    let (_profile, _engine, mut app) = app_with_a_letter_to_many();
    let messages = common::gui::clicked(&app, "Q1 roadmap");
    run(&mut app, messages);
    compose(&mut app, ComposeKind::ReplyAll);
    let size = Size::new(640.0, 480.0);
    redraw_at(&mut app, size);
    let window_id = window(&app);
    let messages: Vec<Message> = {
        let mut ui = common::layout::simulator_at(app.view_window(window_id), size);
        ui.click(Id::new("composer-bcc")).unwrap();
        ui.typewrite("bor");
        ui.into_messages().collect()
    };
    for message in messages {
        common::gui::update_and_run(&mut app, message, runtime());
    }
    redraw_at(&mut app, size);
    let mut ui = common::layout::simulator_at(app.view_window(window_id), size);
    let field = ui.find(Id::new("composer-bcc")).unwrap().bounds();
    let suggestion = ui.find("Boris Petrov <boris.petrov@example.test>").expect("Boris is suggested").bounds();
    let below = suggestion.y - (field.y + field.height);
    assert!((0.0..24.0).contains(&below), "the list starts right under Bcc: {below} px below {field:?}");
}

/// In the window a new token moves the entry along its row, and iced gives a moved widget a
/// fresh, unfocused state: the composer asks for the focus back, or the next key is lost
/// ("x4@y.example, next" kept only the token; the simulator, building a fresh tree per view,
/// cannot see that, so the request itself is checked).
#[test]
fn a_comma_that_makes_a_token_asks_for_the_focus_back_so_typing_goes_on() {
    use pochta::ui::composer::{self, Composer, Field, Sender};
    let sender = Sender { account: pochta::model::AccountId(1), account_address: "me@example.test".into(), from: None };
    let mut composer = Composer::new(vec![sender], pochta::engine::api::Composition::default());
    for (field, slot) in [(Field::To, Slot::To), (Field::Cc, Slot::Cc), (Field::Bcc, Slot::Bcc)] {
        let event = composer.update(composer::Message::Address(field, "x4@y.example, ".into()));
        assert!(matches!(event, Some(composer::Event::Focus(s)) if s == slot), "{field:?}: {event:?}");
        let event = composer.update(composer::Message::Address(field, "ne".into()));
        assert!(!matches!(event, Some(composer::Event::Focus(_))), "typing on asks nothing more: {event:?}");
    }
    assert_eq!(composer.composition().to, ["x4@y.example", "ne"], "the token, and the words typed on after it");
}
