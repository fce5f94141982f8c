//! Mail to and from files in the window, driven headless (iced_test simulator) with the tasks run
//! for real: "Import mail…" from the accounts screen files an mbox into an IMAP account's folder
//! (uploaded to Dovecot by the next sync) and a message into Local Folders, and explains the file
//! it could not read; "Save as .eml" in the reader writes the message's exact bytes. The file
//! dialogs cannot run headless: what they would answer is fed in as the message they produce.

mod common;
mod support;

use common::Profile;
use common::gui::{click_and_run, clicked, shows, update_and_run};
use common::imap::{add_imap_account, server_state, sync};
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::ui::app::{App, Message};
use pochta::ui::import::{self, Target};
use support::mailstack;

/// Clicks `label`; the messages it produces go to `update`, their tasks are dropped (a file dialog).
fn click_only(app: &mut App, label: &str) -> Vec<Message> {
    let messages = clicked(app, label);
    for message in messages.clone() {
        let _ = app.update(message);
    }
    messages
}

#[test]
fn mail_imported_in_the_window_reaches_the_server_and_a_message_saves_as_eml() {
    let stack = mailstack();
    let user = stack.fresh_user();
    stack.deliver(&user, b"From: anna@example.test\r\nSubject: to be saved\r\n\r\nthe exact bytes\r\n");
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    sync(&profile, &user.email);
    let files = tempfile::tempdir().unwrap();
    let mbox = files.path().join("Old mail");
    let mut text = String::new();
    for n in 1..=3 {
        text += &format!(
            "From a@example.org Mon Mar  3 10:00:0{n} 2025\nFrom: a@example.org\nSubject: old letter {n}\n\
             X-Mozilla-Status: 0001\n\nbody {n}\n\n"
        );
    }
    std::fs::write(&mbox, text).unwrap();
    let not_mbox = files.path().join("notes.txt");
    std::fs::write(&not_mbox, "shopping list\n").unwrap();
    let eml = files.path().join("single.eml");
    std::fs::write(&eml, "From: b@example.org\r\nSubject: one on its own\r\n\r\nhi\r\n").unwrap();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    common::gui::open_more(&mut app);
    click_and_run(&mut app, "Accounts", &runtime);
    click_and_run(&mut app, "Import mail…", &runtime);
    assert!(shows(&app, "Import mail"), "the import screen is open");
    let asked = click_only(&mut app, "Choose mbox or .eml files…");
    assert!(matches!(asked.as_slice(), [Message::Import(import::Message::ChooseFiles)]), "{asked:?}");

    // What the dialog would answer: an mbox (no extension, like Thunderbird's) and a text file.
    update_and_run(&mut app, Message::Import(import::Message::Chosen(vec![mbox.clone(), not_mbox.clone()])), &runtime);
    assert!(shows(&app, &format!("{}  (mbox)", mbox.display())));
    update_and_run(
        &mut app,
        Message::Import(import::Message::Target(Target::Account(
            engine.account_by_address(&user.email).unwrap(),
            user.email.clone(),
        ))),
        &runtime,
    );
    update_and_run(&mut app, Message::Import(import::Message::Folder("Архив".into())), &runtime);
    click_and_run(&mut app, "Import", &runtime);
    assert!(shows(&app, "Imported 3 messages into Архив."), "the count is shown");
    let why = format!("  {} is not an mbox file: it does not begin with a \"From \" line", not_mbox.display());
    assert!(
        shows(&app, "notes.txt: 1 message could not be read:") && shows(&app, &why),
        "the file that is not an mbox is named, with why"
    );
    sync(&profile, &user.email);
    let server = server_state(stack, &user);
    assert_eq!(server.get("Архив").map(|folder| folder.len()), Some(3), "uploaded by the next sync: {server:?}");
    assert!(server["Архив"].values().all(|flags| flags.contains("\\Seen")), "Thunderbird's read status kept");

    // A single .eml into Local Folders.
    update_and_run(&mut app, Message::Import(import::Message::Chosen(vec![eml])), &runtime);
    update_and_run(&mut app, Message::Import(import::Message::Target(Target::LocalFolders)), &runtime);
    update_and_run(&mut app, Message::Import(import::Message::Folder("Singles".into())), &runtime);
    click_and_run(&mut app, "Import", &runtime);
    assert!(shows(&app, "Imported 1 message into Singles."));
    click_and_run(&mut app, "Close", &runtime);
    assert!(shows(&app, "Singles"), "the new Local Folders folder is in the sidebar");

    // Save as .eml: the reader asks the window; the dialog's answer is a path.
    click_and_run(&mut app, "to be saved", &runtime);
    let id = app.selected_message().unwrap();
    let asked = click_only(&mut app, "Save as .eml");
    assert_eq!(asked.len(), 1, "{asked:?}");
    let target = files.path().join("to be saved.eml");
    update_and_run(&mut app, Message::SaveEmlTo(id, Some(target.clone())), &runtime);
    assert_eq!(std::fs::read(&target).unwrap(), engine.message(id).unwrap().raw.unwrap());
    assert!(shows(&app, &format!("Saved {}", target.display())), "the status says where");
    update_and_run(&mut app, Message::SaveEmlTo(id, None), &runtime);
    assert!(app.notice().is_none(), "{:?}", app.notice());
}
