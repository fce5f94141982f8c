//! New-mail notifications as the desktop receives them: a private D-Bus session with a stand-in
//! notification service (org.freedesktop.Notifications, recording what it is asked to show),
//! and the window told by the engine that letters arrived. The notification names the senders
//! and the subjects, one for the batch; with Settings' "show the sender and the subject" off it
//! says only how many came. The test runs itself again as a child whose environment points at
//! the private bus (this crate forbids the `unsafe` that changing its own environment takes).

mod common;
mod support;

use common::gui::run_task;
use pochta::config::Paths;
use pochta::engine::api::{DEMO_ADDRESS, DemoLetters, EngineHandle, Event};
use pochta::ui::app::{App, Message};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// (summary, body) of every notification asked for.
type Shown = Arc<Mutex<Vec<(String, String)>>>;

/// The desktop's notification service, as far as Pochta uses it.
struct StandIn {
    shown: Shown,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl StandIn {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        shown.push((summary, body));
        shown.len() as u32
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("stand-in".into(), "pochta tests".into(), "1".into(), "1.2".into())
    }
}

/// Set in the child run: the private bus is up and the environment points at it.
const CHILD: &str = "POCHTA_TEST_NOTIFY_CHILD";

#[test]
fn new_mail_is_notified_with_senders_and_subjects_or_only_counted_when_hidden() {
    if std::env::var_os(CHILD).is_some() {
        return notify_on_this_bus(&std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap());
    }
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (packaging/system-packages test installs dbus)");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).unwrap();
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "new_mail_is_notified_with_senders_and_subjects_or_only_counted_when_hidden", "--nocapture"])
        .env(CHILD, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", address.trim())
        .output()
        .expect("run the test again on the private bus");
    let _ = bus.kill();
    let _ = bus.wait();
    assert!(
        child.status.success(),
        "on the private bus:\n{}\n{}",
        String::from_utf8_lossy(&child.stdout),
        String::from_utf8_lossy(&child.stderr)
    );
}

/// The test itself, with the session bus at `address` and the stand-in service on it.
fn notify_on_this_bus(address: &str) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let shown: Shown = Arc::default();
    let service = StandIn { shown: shown.clone() };
    let _connection = runtime.block_on(async {
        zbus::connection::Builder::address(address)
            .unwrap()
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at("/org/freedesktop/Notifications", service)
            .unwrap()
            .build()
            .await
            .expect("serve the stand-in notification service")
    });

    pochta::i18n::select_language(Some("en"));
    let profile = tempfile::tempdir().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.load_demo_mailbox(&DemoLetters::Embedded).unwrap();
    let account = engine.account_ids().unwrap().into_iter().find(|(_, email)| email == DEMO_ADDRESS).unwrap().0;
    // Not the demo window (it notifies nothing): a window on an ordinary profile.
    let (mut app, start) = App::new(engine.clone(), false);
    run_task(&mut app, start, &runtime);

    let task = app.update(Message::Engine(Event::NewMail { account, count: 3 }));
    run_task(&mut app, task, &runtime);
    let (summary, body) = shown.lock().unwrap().last().cloned().expect("a notification was shown");
    assert!(summary.starts_with("3 new messages from "), "{summary}");
    let newest = engine.messages(inbox(&engine), 0, 1).unwrap().remove(0);
    assert!(summary.contains(newest.from_name.as_str()), "the newest sender in {summary:?}");
    assert!(body.contains(&newest.subject), "the newest subject in {body:?}");
    assert_eq!(body.lines().count(), 3, "one line per letter: {body}");

    runtime
        .block_on(engine.update_settings(|settings| settings.notification_content = false))
        .expect("write the setting");
    let task = app.update(Message::Engine(Event::NewMail { account, count: 3 }));
    run_task(&mut app, task, &runtime);
    let hidden = shown.lock().unwrap().last().cloned().unwrap();
    assert_eq!(hidden, ("New mail".to_string(), format!("{DEMO_ADDRESS}: 3 new messages")));
    assert_eq!(shown.lock().unwrap().len(), 2, "one notification per batch");
}

fn inbox(engine: &EngineHandle) -> pochta::model::FolderId {
    engine
        .folders(Some(engine.account_by_address(DEMO_ADDRESS).unwrap()))
        .unwrap()
        .into_iter()
        .find(|f| f.path == "INBOX")
        .unwrap()
        .id
}
