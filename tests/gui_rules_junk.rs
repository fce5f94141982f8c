//! Sorting from a letter's context menu, driven headless (iced_test simulator) on a real Dovecot
//! account: "Make a rule from this letter" opens its account's rules prefilled with its mailing
//! list or its sender; the header bar's Junk button is "Not junk" in the Junk folder and on a
//! letter marked `$Junk`; a letter in Junk offers "Not junk" (back to the Inbox, `$NotJunk` on the
//! server, the filter learns it as good; also Shift+J) and "Why junk?" (the score and the tokens that weigh
//! most); and the remote content of a letter judged junk never loads, even from a sender whose
//! remote content is allowed, even when "Load once" is asked for.

mod common;
mod support;

use common::Profile;
use common::gui::{clicked, run_task, shows, update_and_run};
use common::imap::{add_imap_account, sync};
use iced::mouse;
use iced::{Event, Size};
use iced_test::Simulator;
use pochta::config::{Paths, Settings};
use pochta::engine::api::{EngineHandle, JunkExplanation};
use pochta::model::{Condition, FolderId, FolderRole, MessageId, Rule, RuleField, RuleTest};
use pochta::ui::app::{App, Message};
use pochta::ui::reader::{self, Remote};
use pochta::ui::rules::field_id;
use pochta::ui::{icons, sidebar};
use support::{TestUser, mailstack};
use tokio::runtime::Runtime;

/// A synced IMAP account that received `letters`, its engine and its window.
fn window_with(letters: &[&[u8]], settings: Option<Settings>) -> (TestUser, Profile, EngineHandle, App, Runtime) {
    pochta::i18n::select_language(Some("en"));
    let stack = mailstack();
    let user = stack.fresh_user();
    for letter in letters {
        stack.deliver(&user, letter);
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let paths = Paths::in_profile(profile.path());
    if let Some(settings) = settings {
        settings.save(&paths.settings_file()).unwrap();
    }
    let engine = EngineHandle::open(paths).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (user, profile, engine, app, Runtime::new().unwrap())
}

fn window(app: &App) -> Simulator<'_, Message> {
    let settings = iced::Settings { fonts: vec![icons::FONT_BYTES.into()], ..iced::Settings::default() };
    Simulator::with_size(settings, Size::new(1024.0, 768.0), app.view())
}

/// Right-clicks the text `label` (its row opens with its menu) and runs what that starts.
fn right_click(app: &mut App, label: &str, runtime: &Runtime) {
    let at = window(app).find(label).unwrap_or_else(|err| panic!("no \"{label}\": {err:?}")).bounds().center();
    let messages: Vec<Message> = {
        let mut ui = window(app);
        ui.point_at(at);
        ui.simulate([
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Right)),
        ]);
        ui.into_messages().collect()
    };
    for message in messages {
        update_and_run(app, message, runtime);
    }
}

fn click_and_run(app: &mut App, label: &str, runtime: &Runtime) {
    for message in clicked(app, label) {
        update_and_run(app, message, runtime);
    }
}

fn type_into(app: &mut App, rule: usize, field: &str, text: &str) {
    let messages: Vec<Message> = {
        let mut ui = window(app);
        ui.click(field_id(rule, field)).unwrap_or_else(|err| panic!("no field {field}: {err:?}"));
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    for message in messages {
        let _ = app.update(message);
    }
}

fn folder(engine: &EngineHandle, role: FolderRole) -> FolderId {
    engine.folders(None).unwrap().into_iter().find(|f| f.role == Some(role)).unwrap().id
}

fn open_folder(app: &mut App, id: FolderId, runtime: &Runtime) {
    update_and_run(app, Message::Sidebar(sidebar::Message::Select(id)), runtime);
}

fn id_of(app: &App, subject: &str) -> MessageId {
    app.list_rows().iter().find(|row| row.subject == subject).unwrap_or_else(|| panic!("no row {subject}")).id
}

#[test]
fn a_rule_made_from_a_letter_names_its_mailing_list_or_its_sender() {
    let (user, _profile, engine, mut app, runtime) = window_with(
        &[
            b"From: Dev <dev@lists.example>\r\nList-Id: =?utf-8?B?0KDQsNC30YDQsNCx0L7RgtC60LA=?=\r\n <dev.lists.example>\r\nSubject: patch 1\r\n\r\nx\r\n",
            b"From: Anna <anna@x.example>\r\nSubject: lunch?\r\n\r\nx\r\n",
        ],
        None,
    );
    right_click(&mut app, "patch 1", &runtime);
    click_and_run(&mut app, "Make a rule from this letter…", &runtime);
    assert!(shows(&app, &format!("Rules of {}", user.email)), "its account's rules screen opened");
    type_into(&mut app, 0, "move-to", "Lists");
    click_and_run(&mut app, "Save", &runtime);
    assert!(shows(&app, "Import mail…"), "saved: the accounts list");

    update_and_run(&mut app, Message::Accounts(pochta::ui::accounts::Message::Close), &runtime);
    right_click(&mut app, "lunch?", &runtime);
    click_and_run(&mut app, "Make a rule from this letter…", &runtime);
    type_into(&mut app, 1, "tag", "$anna");
    click_and_run(&mut app, "Save", &runtime);

    let list = Rule {
        name: "Разработка".into(),
        move_to: Some("Lists".into()),
        ..Rule::when(Condition::header("List-Id", RuleTest::Contains, "dev.lists.example"))
    };
    let sender = Rule {
        name: "Anna".into(),
        tag: Some("$anna".into()),
        ..Rule::when(Condition::new(RuleField::From, RuleTest::Is, "anna@x.example"))
    };
    assert_eq!(engine.account(engine.account_by_address(&user.email).unwrap()).unwrap().rules, vec![list, sender]);
}

#[test]
fn not_junk_brings_a_letter_back_to_the_inbox_and_trains_and_why_junk_names_the_tokens() {
    let stack = mailstack();
    let (user, profile, engine, mut app, runtime) = window_with(
        &[
            b"From: Prize <win@lottery.example>\r\nSubject: you won a prize, claim now\r\n\r\nclaim your prize money now\r\n",
            b"From: Boss <boss@work.example>\r\nSubject: meeting notes\r\n\r\nthe notes of our meeting\r\n",
            b"From: Anna <anna@x.example>\r\nSubject: lunch tomorrow\r\n\r\nshall we have lunch\r\n",
            b"From: Casino <bonus@casino.example>\r\nSubject: casino bonus\r\n\r\nfree spins\r\n",
        ],
        None,
    );
    // The filter has seen good mail too (a verdict needs both kinds).
    let good = vec![id_of(&app, "meeting notes"), id_of(&app, "lunch tomorrow")];
    runtime.block_on(engine.not_junk_messages(good)).unwrap();
    let id = id_of(&app, "you won a prize, claim now");
    runtime.block_on(engine.junk_messages(vec![id, id_of(&app, "casino bonus")])).unwrap();
    // On the server too: the letter in Junk has its UID there (a change waiting for the server
    // is not changed again).
    sync(&profile, &user.email);
    let score = |engine: &EngineHandle, id| match runtime.block_on(engine.explain_junk(id)).unwrap() {
        JunkExplanation::Scored(verdict) => verdict.score,
        other => panic!("{other:?}"),
    };
    open_folder(&mut app, folder(&engine, FolderRole::Junk), &runtime);
    let junk_score = score(&engine, id_of(&app, "you won a prize, claim now"));
    right_click(&mut app, "you won a prize, claim now", &runtime);
    assert!(shows(&app, "Not junk") && shows(&app, "Why junk?"), "a letter in Junk offers Not junk");
    click_and_run(&mut app, "Why junk?", &runtime);
    let why = app.notice().expect("Why junk? answers").to_string();
    assert!(why.contains("(score ") && why.contains("What weighs most: ") && why.contains("prize"), "{why}");

    right_click(&mut app, "you won a prize, claim now", &runtime);
    click_and_run(&mut app, "Not junk", &runtime);
    let inbox = folder(&engine, FolderRole::Inbox);
    let back: Vec<_> =
        engine.messages(inbox, 0, 10).unwrap().into_iter().filter(|m| m.subject.contains("prize")).collect();
    assert_eq!(back.len(), 1, "back in the Inbox");
    assert!(back[0].flags.keywords.iter().any(|k| k == "$NotJunk"), "{:?}", back[0].flags);
    assert!(!back[0].flags.keywords.iter().any(|k| k == "$Junk"), "{:?}", back[0].flags);
    assert!(score(&engine, back[0].id) < junk_score, "the filter learned it as good");

    // Shift+J, as in Thunderbird, on the letter selected in Junk.
    open_folder(&mut app, folder(&engine, FolderRole::Junk), &runtime);
    click_and_run(&mut app, "casino bonus", &runtime);
    let shift_j = Message::Key(iced::keyboard::Key::Character("J".into()), iced::keyboard::Modifiers::SHIFT);
    update_and_run(&mut app, shift_j, &runtime);
    let inbox_subjects: Vec<String> = engine.messages(inbox, 0, 10).unwrap().into_iter().map(|m| m.subject).collect();
    assert!(inbox_subjects.contains(&"casino bonus".to_string()), "Shift+J: {inbox_subjects:?}");

    drop(app);
    drop(engine);
    sync(&profile, &user.email);
    let server =
        stack.doveadm(&["-f", "flow", "fetch", "-u", &user.login, "flags hdr.subject", "mailbox", "INBOX", "all"]);
    assert!(server.contains("$NotJunk") && server.contains("you won a prize"), "{server}");
}

#[test]
fn the_header_bars_junk_button_is_not_junk_in_the_junk_folder_and_on_a_letter_marked_junk() {
    let stack = mailstack();
    let (user, profile, engine, mut app, runtime) = window_with(
        &[
            b"From: Prize <win@lottery.example>\r\nSubject: you won a prize\r\n\r\nclaim your prize now\r\n",
            b"From: Boss <boss@work.example>\r\nSubject: meeting notes\r\n\r\nthe notes of our meeting\r\n",
            b"From: Shop <deals@watches.example>\r\nSubject: cheap watches\r\n\r\nbuy now\r\n",
        ],
        None,
    );
    let not_junk = icons::Icon::NotJunk.label();
    let (inbox, junk) = (folder(&engine, FolderRole::Inbox), folder(&engine, FolderRole::Junk));
    click_and_run(&mut app, "meeting notes", &runtime);
    assert!(!shows(&app, &not_junk), "a good letter in the Inbox: the button is Junk");
    runtime.block_on(engine.junk_messages(vec![id_of(&app, "you won a prize")])).unwrap();
    sync(&profile, &user.email);

    open_folder(&mut app, junk, &runtime);
    assert!(shows(&app, &not_junk), "in the Junk folder the button is Not junk, before a letter is picked");
    click_and_run(&mut app, "you won a prize", &runtime);
    common::gui::click_icon(&mut app, icons::Icon::NotJunk);
    let back: Vec<_> =
        engine.messages(inbox, 0, 10).unwrap().into_iter().filter(|m| m.subject == "you won a prize").collect();
    assert_eq!(back.len(), 1, "Not junk brought it back to the Inbox");
    assert!(back[0].flags.keywords.iter().any(|k| k == "$NotJunk"), "{:?}", back[0].flags);

    // Another client marked a letter in the Inbox junk: on it the button is Not junk too.
    stack.doveadm(&["flags", "add", "-u", &user.login, "$Junk", "mailbox", "INBOX", "subject", "cheap watches"]);
    sync(&profile, &user.email);
    open_folder(&mut app, inbox, &runtime);
    click_and_run(&mut app, "cheap watches", &runtime);
    assert!(shows(&app, &not_junk), "a letter marked $Junk: Not junk");
    click_and_run(&mut app, "meeting notes", &runtime);
    assert!(!shows(&app, &not_junk), "the next good letter: Junk again");
}

#[test]
fn remote_content_of_a_letter_judged_junk_never_loads_even_when_asked() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("https://127.0.0.1:{}/pixel.png", listener.local_addr().unwrap().port());
    let letter = format!(
        "Authentication-Results: mx.home.example; dkim=pass header.d=a.example; dmarc=pass header.from=a.example\r\n\
         Received: from out.a.example by mx.home.example (Postfix) with ESMTPS id 1;\r\n\
         From: News <news@a.example>\r\nSubject: tracked offer\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Hello</p><img src=\"{url}\" alt=\"pixel\"><p>Bye</p>\r\n"
    );
    let settings = Settings { remote_content_allowed: vec!["news@a.example".into()], ..Settings::default() };
    let (_user, _profile, engine, mut app, runtime) = window_with(&[letter.as_bytes()], Some(settings));
    let id = id_of(&app, "tracked offer");
    runtime.block_on(engine.junk_messages(vec![id])).unwrap();

    open_folder(&mut app, folder(&engine, FolderRole::Junk), &runtime);
    click_and_run(&mut app, "tracked offer", &runtime);
    assert_eq!(app.reader().remote(), Remote::Blocked, "an allowed sender's letter judged junk stays blocked");
    assert!(shows(&app, "Remote content is blocked: this letter is judged junk. Mark it \"Not junk\" to load it."));
    assert!(!shows(&app, "Load once"), "nothing offers to load it");
    let task = app.update(Message::Reader(reader::Message::LoadRemoteOnce));
    run_task(&mut app, task, &runtime);
    assert_eq!(app.reader().remote(), Remote::Blocked, "asked anyway: still blocked");
    assert!(listener.accept().is_err(), "no connection ever reached the image's server");
}
