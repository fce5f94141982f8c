//! One window per profile, with the real `pochta` binary as the second start: the test holds the
//! profile's socket as the running window does, the binary forwards its `mailto:` link (or asks
//! to raise the window) and exits 0, and what arrives is handed to the window's `update` exactly
//! as its subscription does. A window that does not answer makes the second start fail clearly
//! and quickly; another profile is not affected.

mod common;
mod support;

use common::Profile;
use common::imap::add_imap_account;
use iced_test::simulator;
use pochta::config::Paths;
use pochta::engine::api::EngineHandle;
use pochta::platform::single_instance::{self, Claim, Forwarded, Listener};
use pochta::ui::app::{App, Message};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use support::mailstack;

/// What the running window does at start: claims the profile's socket.
fn claim_window(profile: &Profile) -> Listener {
    let paths = Paths::in_profile(profile.path());
    paths.create_all().unwrap();
    match single_instance::claim(&single_instance::socket_for(&paths)).unwrap() {
        Claim::First(listener) => listener,
        Claim::Running(socket) => panic!("{} is taken already", socket.display()),
    }
}

/// Starts `pochta ARGS` on the profile and takes what it forwards to the window.
fn second_start(profile: &Profile, listener: &Listener, args: &[&str]) -> (Forwarded, Output) {
    let child =
        profile.command(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Read its output meanwhile: a long message must not fill the pipe and stall it.
    let output = std::thread::spawn(move || child.wait_with_output().unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let forwarded = runtime.block_on(async {
        let mut incoming = listener.incoming().unwrap();
        tokio::time::timeout(Duration::from_secs(30), incoming.next()).await
    });
    let output = output.join().unwrap();
    let forwarded = forwarded.unwrap_or_else(|_| panic!("nothing forwarded:\n{}", common::describe(&output)));
    (forwarded, output)
}

/// Whether composer window number `index` (in the order they opened) shows `needle`.
fn composer_shows(app: &App, index: usize, needle: &str) -> bool {
    let windows = app.composer_windows();
    windows.get(index).is_some_and(|window| simulator(app.view_window(*window)).find(needle).is_ok())
}

#[test]
fn a_second_start_with_a_mailto_link_opens_a_composer_in_the_running_window() {
    let stack = mailstack();
    let user = stack.fresh_user();
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let listener = claim_window(&profile);
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    let (mut app, _) = App::new(engine.clone(), false);
    // A letter is being written when the link arrives.
    let _ =
        app.compose_mailto(pochta::platform::mailto::parse("mailto:first@example.test?subject=half-written").unwrap());

    let link = "mailto:anna@example.test?subject=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82";
    let (forwarded, output) = second_start(&profile, &listener, &[link]);
    assert!(output.status.success(), "{}", common::describe(&output));
    assert!(matches!(forwarded, Forwarded::Compose(_)), "{forwarded:?}");
    let _ = app.update(Message::Forwarded(forwarded));
    assert!(
        composer_shows(&app, 1, "Привет") && composer_shows(&app, 1, "anna@example.test"),
        "a composer on the link"
    );
    assert!(composer_shows(&app, 0, "half-written"), "the letter being written keeps its own window");

    // A plain second start only raises the window; the composer stays as it is.
    let (forwarded, output) = second_start(&profile, &listener, &[]);
    assert!(output.status.success(), "{}", common::describe(&output));
    assert_eq!(forwarded, Forwarded::Raise);
    let _ = app.update(Message::Forwarded(forwarded));
    assert_eq!(app.composer_windows().len(), 2, "no new composer");
    assert!(composer_shows(&app, 1, "Привет"));

    // A link that cannot be read is said on stderr; the window is still raised.
    let broken = format!("mailto:x@example.test?body={}", "x".repeat(70 * 1024));
    let (forwarded, output) = second_start(&profile, &listener, &[&broken]);
    assert!(output.status.success(), "{}", common::describe(&output));
    assert_eq!(forwarded, Forwarded::Raise);
    assert!(common::stderr(&output).contains("cannot be opened"), "{}", common::describe(&output));
    assert!(app.notice().is_none(), "{:?}", app.notice());
}

#[test]
fn a_window_that_does_not_answer_makes_a_second_start_fail_clearly() {
    let profile = Profile::new();
    let _silent = claim_window(&profile);
    let started = Instant::now();
    let output = profile.run(&["mailto:anna@example.test"]);
    assert_eq!(output.status.code(), Some(1), "{}", common::describe(&output));
    assert!(common::stderr(&output).contains("already running"), "{}", common::describe(&output));
    assert!(started.elapsed() < Duration::from_secs(15), "bounded: {:?}", started.elapsed());
}

#[test]
fn two_profiles_have_a_window_each() {
    let (a, b) = (Profile::new(), Profile::new());
    let first = claim_window(&a);
    let second = claim_window(&b);
    assert_ne!(first.path(), second.path());
}
