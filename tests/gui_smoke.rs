//! Smoke tests of the real binary on a real display, and of every screen's layout.
//!
//! - A profile synced from the harness's Dovecot (an English, a Russian and an HTML letter) is
//!   opened by `pochta` under Xvfb, once in English and once with `LANG=ru_RU.UTF-8`, with no
//!   D-Bus session; a key press opens a letter and target/smoke/gui-{en,ru}.png are saved. Checked:
//!   the window maps, its title is in the asked language, the picture is not blank, no panic.
//! - The demo from a copy of the binary outside the build tree, one process per language and
//!   theme (4): WM_CLASS org.pochta.Pochta, the HTML letter with a table opened, the main window
//!   and a composer photographed at 640x480, 1024x768, 1366x768 and 1920x1080 (32 pictures,
//!   target/smoke/window-*.png and composer-*.png); tesseract reads the letter back. A demo
//!   whose letters cannot be read says why in its window.
//! - Every screen at the four sizes in English and Russian through iced_test's widget bounds
//!   (no display): texts over each other, squeezed or cut off, a page ending mid-window; light
//!   and dark pictures under target/smoke/screens.
//! - A letter written with real key events (completion, Tab, Ctrl+Enter) arrives as typed.
//!
//! Needs Xvfb, xdotool, xprop, ImageMagick and tesseract (packaging/system-packages test). Without
//! Xvfb the display tests skip, unless POCHTA_TEST_REQUIRE_GUI is set (tests/run-all sets it, so
//! CI cannot skip them silently). About two minutes on the 2-core machine, most of it the demo's
//! 32 settled screenshots.

mod common;
mod support;

use common::Profile;
use common::gui::run_task;
use common::imap::{add_imap_account, sync};
use common::layout;
use common::xvfb::{MIN_COLOURS, Running, Xvfb, assert_not_blank, gui_available, has_program, identify, smoke_dir};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::{Size, Theme, window};
use pochta::config::Paths;
use pochta::engine::api::discovery::{LookupFuture, Lookups, ProbeOutcome, ServiceKind};
use pochta::engine::api::{DemoLetters, EngineHandle};
use pochta::model::ServerEndpoint;
use pochta::ui::app::{App, ComposeKind, Message, WindowMessage};
use pochta::ui::{accounts, wizard};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::mailstack;

#[test]
fn the_real_window_draws_a_synced_profile_in_english_and_russian() {
    if !has_program("Xvfb") {
        if std::env::var_os("POCHTA_TEST_REQUIRE_GUI").is_some() {
            panic!("Xvfb is not installed and POCHTA_TEST_REQUIRE_GUI is set: packaging/system-packages test");
        }
        eprintln!("gui_smoke: skipped, Xvfb is not installed (packaging/system-packages test installs it)");
        return;
    }
    for tool in ["xdotool", "import", "identify"] {
        assert!(has_program(tool), "{tool} is missing: packaging/system-packages test installs it");
    }

    let stack = mailstack();
    let user = stack.fresh_user();
    for letter in [english_letter(), russian_letter(), html_letter()] {
        stack.deliver(&user, letter.as_bytes());
    }
    let profile = Profile::new();
    add_imap_account(&profile, stack, &user, stack.imaps_port);
    let summary = sync(&profile, &user.email);
    assert_eq!(summary["messages_fetched"], 3, "{summary}");

    let out_dir = smoke_dir();
    std::fs::create_dir_all(&out_dir).unwrap();
    let display = Xvfb::start();

    // English: Down opens the newest letter, the HTML one (remote image blocked, the bar shown).
    let english = screenshot_run(&display, &profile, Language::English, 1, &out_dir.join("gui-en.png"));
    assert_eq!(english.title, "Pochta", "the English window's title");
    // Russian from the system locale: the second letter, the Russian one.
    let russian = screenshot_run(&display, &profile, Language::SystemRussian, 2, &out_dir.join("gui-ru.png"));
    assert_eq!(russian.title, "Почта", "the Russian window's title");

    for shot in [&english, &russian] {
        println!("gui_smoke: screenshot {} ({} colours): look at it", shot.path.display(), shot.colours);
    }
}

/// The everyday window sizes every screen must hold at (issue 15).
const SIZES: [(f32, f32); 4] = [(640.0, 480.0), (1024.0, 768.0), (1366.0, 768.0), (1920.0, 1080.0)];

/// Every screen (the main window with the HTML letter with a table open, Settings, Accounts, the
/// wizard, the composer) at the four sizes, in English and Russian, through iced_test's widget
/// bounds: no texts or fields over each other, none cut off by the window's edge. Pictures of the
/// screens in light and dark, at the smallest and the laptop size, are saved under
/// target/smoke/screens for a person to look at (the real window's are taken by the test below).
/// Needs no display. One test switches the global language: the only one here that reads it.
#[test]
fn every_screen_holds_its_layout_at_four_sizes_in_english_and_russian() {
    let profile = tempfile::tempdir().unwrap();
    let engine = EngineHandle::open(Paths::in_profile(profile.path())).unwrap();
    engine.load_demo_mailbox(&DemoLetters::Embedded).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let table_letter = engine.search("Tbilisi", 5).unwrap().first().expect("the demo's flight booking").id;
    let out = smoke_dir().join("screens");
    std::fs::create_dir_all(&out).unwrap();
    let mut problems = Vec::new();
    for language in ["en", "ru"] {
        pochta::i18n::select_language(Some(language));
        let demo = engine.account_by_address(pochta::engine::api::DEMO_ADDRESS).unwrap();
        let screens: Vec<(&str, Vec<Message>)> = vec![
            ("main", vec![Message::List(pochta::ui::message_list::Message::Select(table_letter))]),
            ("settings", vec![Message::ShowSettings]),
            ("accounts", vec![Message::ShowAccounts, Message::Accounts(accounts::Message::AskRemove(demo))]),
            ("account-edit", vec![Message::ShowAccounts, Message::Accounts(accounts::Message::Edit(demo))]),
            ("account-senders", vec![Message::ShowAccounts, Message::Accounts(accounts::Message::EditSenders(demo))]),
            ("account-roles", vec![Message::ShowAccounts, Message::Accounts(accounts::Message::EditRoles(demo))]),
            ("wizard", vec![Message::AddAccount]),
            ("import", vec![Message::ShowAccounts, Message::ShowImport]),
        ];
        for (screen, opening) in screens {
            let (mut app, start) = App::new(engine.clone(), true);
            run_task(&mut app, start, &runtime);
            for message in opening {
                let task = app.update(message);
                run_task(&mut app, task, &runtime);
            }
            check_screen(&mut problems, &out, &format!("{screen}-{language}"), true, &mut app, App::view);
        }
        // The wizard with everything found for a provider it knows (presets, advice, the server
        // table): its longest page. Offline: nothing leaves this machine.
        let (mut app, start) = App::with_lookups(engine.clone(), true, Arc::new(Offline));
        run_task(&mut app, start, &runtime);
        let _ = app.update(Message::AddAccount);
        for message in [
            wizard::Message::Name("Иван Петров".into()),
            wizard::Message::Email("ivan.petrov@yandex.ru".into()),
            wizard::Message::Password("not-sent".into()),
            wizard::Message::FindSettings,
        ] {
            let task = app.update(Message::Wizard(message));
            run_task(&mut app, task, &runtime);
        }
        check_screen(&mut problems, &out, &format!("wizard-found-{language}"), true, &mut app, App::view);
        // The composer is a window of its own.
        let (mut app, start) = App::new(engine.clone(), true);
        run_task(&mut app, start, &runtime);
        // A letter to many people with long addresses, as a mailto: link starts one: the
        // recipients' tokens must wrap, not push the field off the window.
        let to: Vec<String> = (1..=6).map(|n| format!("colleague.number.{n}@long-company-name.example")).collect();
        let link = format!("mailto:{}?cc=boss@example.test&subject=Quarterly%20report", to.join(","));
        let _ = app.compose_mailto(pochta::platform::mailto::parse(&link).unwrap());
        let task = app.update(Message::Compose(ComposeKind::New));
        run_task(&mut app, task, &runtime);
        let composers = app.composer_windows();
        let (busy, composer) = (composers[0], composers[1]);
        check_screen(&mut problems, &out, &format!("composer-busy-{language}"), false, &mut app, |app| {
            app.view_window(busy)
        });
        check_screen(&mut problems, &out, &format!("composer-{language}"), false, &mut app, |app| {
            app.view_window(composer)
        });
        // So is the keyboard shortcuts list (F1).
        let key = Key::Named(Named::F1);
        let _ = app.update(Message::Windows(WindowMessage::Key(window::Id::unique(), key, Modifiers::empty())));
        let shortcuts = app.shortcuts_window().expect("the shortcuts window");
        check_screen(&mut problems, &out, &format!("shortcuts-{language}"), false, &mut app, |app| {
            app.view_window(shortcuts)
        });
    }
    pochta::i18n::select_language(Some("en"));
    assert!(problems.is_empty(), "{} layout problems:\n{}", problems.len(), problems.join("\n"));
}

/// The demo from a copy of the binary outside the build tree (as a `cargo install`ed one is),
/// one real process per language and theme: the window says who it is (WM_CLASS
/// org.pochta.Pochta, the desktop entry's StartupWMClass), the demo letters are there (the
/// letter searched for opens), and the main window with the HTML letter with a table open and a
/// composer are photographed at the four sizes: target/smoke/window-{en,ru}-{light,dark}-WxH.png
/// and composer-…png, for a person to look at. tesseract reads the letter back from one of them.
#[test]
fn the_demo_runs_from_a_copied_binary_in_both_languages_and_themes_at_four_sizes() {
    if !gui_available() {
        return;
    }
    for tool in ["xdotool", "import", "identify", "xprop", "tesseract"] {
        assert!(has_program(tool), "{tool} is missing: packaging/system-packages test installs it");
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let binary = elsewhere.path().join("pochta");
    std::fs::copy(env!("CARGO_BIN_EXE_pochta"), &binary).expect("copy the binary");
    let out = smoke_dir();
    std::fs::create_dir_all(&out).unwrap();
    let display = Xvfb::start();
    for (language, shade) in [("en", "light"), ("en", "dark"), ("ru", "light"), ("ru", "dark")] {
        let name = format!("{language}-{shade}");
        let log_path = out.join(format!("window-{name}.log"));
        let log = std::fs::File::create(&log_path).unwrap();
        let child = Command::new(&binary)
            .arg("--demo")
            .current_dir(elsewhere.path())
            .env("DISPLAY", &display.name)
            .env("ICED_BACKEND", "tiny-skia")
            .env("POCHTA_LANGUAGE", language)
            .env("POCHTA_THEME", shade)
            .env_remove("POCHTA_DEMO_DIR")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("GTK_THEME")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start the copied pochta");
        let mut app = Running { child, log: log_path };
        let main = app.wait_for_window(&display);
        assert_app_class(&display, &main);
        std::thread::sleep(Duration::from_millis(1500));
        // A first start on a 1920x1080 screen: fitted to it, grown from the default 1200x680.
        let geometry = display.xdotool(&["getwindowgeometry", &main]);
        assert!(geometry.contains("Geometry: 1536x864"), "the first window is 80% of the screen: {geometry}");
        // The flight booking (an HTML letter with a table), found by search and opened.
        display.xdotool(&["windowfocus", "--sync", &main]);
        display.xdotool(&["key", "ctrl+k"]);
        std::thread::sleep(Duration::from_millis(300));
        display.xdotool(&["type", "--delay", "40", "Tbilisi"]);
        std::thread::sleep(Duration::from_millis(800));
        display.xdotool(&["key", "Down"]);
        for (width, height) in SIZES {
            display.xdotool(&["windowsize", &main, &width.to_string(), &height.to_string()]);
            let path = out.join(format!("window-{name}-{width}x{height}.png"));
            display.settled_screenshot(&main, &path);
            assert_not_blank(&path, &app);
        }
        display.xdotool(&["windowfocus", "--sync", &main]);
        display.xdotool(&["key", "ctrl+n"]);
        let composer = app.wait_for_another_window(&display, &main);
        assert_app_class(&display, &composer);
        for (width, height) in SIZES {
            display.xdotool(&["windowsize", &composer, &width.to_string(), &height.to_string()]);
            let path = out.join(format!("composer-{name}-{width}x{height}.png"));
            display.settled_screenshot(&composer, &path);
            assert_not_blank(&path, &app);
        }
        app.assert_alive("after drawing");
        let log = std::fs::read_to_string(&app.log).unwrap();
        assert!(!log.contains("panicked"), "pochta panicked (and survived)\n{}", app.log_tail());
        assert!(!log.contains("demo mailbox could not be loaded"), "{}", app.log_tail());
    }
    // The letters are really there: the opened letter is read back from the picture.
    let picture = out.join("window-en-light-1366x768.png");
    let read = Command::new("tesseract").arg(&picture).arg("-").args(["-l", "eng"]).output().unwrap();
    let words = String::from_utf8_lossy(&read.stdout);
    for expected in ["Booking confirmed", "Tbilisi", "Aurora Air"] {
        assert!(words.contains(expected), "{expected:?} is not in {}:\n{words}", picture.display());
    }
}

/// `--demo` whose letters cannot be read (POCHTA_DEMO_DIR pointing at an empty folder) still
/// opens its window, and says there why it is empty: a person who started it from a launcher
/// never sees stderr. tesseract reads the notice back.
#[test]
fn a_demo_that_cannot_load_its_letters_says_so_in_the_window() {
    if !gui_available() {
        return;
    }
    assert!(has_program("tesseract"), "tesseract is missing: packaging/system-packages test installs it");
    let empty = tempfile::tempdir().unwrap();
    let out = smoke_dir();
    std::fs::create_dir_all(&out).unwrap();
    let display = Xvfb::start();
    let log_path = out.join("demo-broken.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_pochta"))
        .arg("--demo")
        .env("DISPLAY", &display.name)
        .env("ICED_BACKEND", "tiny-skia")
        .env("POCHTA_LANGUAGE", "en")
        .env("POCHTA_THEME", "light")
        .env("POCHTA_DEMO_DIR", empty.path())
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("start pochta");
    let mut app = Running { child, log: log_path };
    let window = app.wait_for_window(&display);
    // The window runs itself with the malloc tunable that gives a big letter's memory back.
    let environ = std::fs::read(format!("/proc/{}/environ", app.child.id())).unwrap_or_default();
    let tuned = environ.split(|b| *b == 0).any(|entry| entry == b"GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072");
    assert!(tuned, "the window runs with glibc.malloc.mmap_threshold set");
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["windowsize", &window, "1366", "768"]);
    let picture = out.join("demo-broken.png");
    display.settled_screenshot(&window, &picture);
    app.assert_alive("after saying what went wrong");
    // The notice's tinted background hides its text from tesseract: grey, and light greys white.
    let plain = out.join("demo-broken-plain.png");
    let levelled =
        Command::new("convert").arg(&picture).args(["-colorspace", "Gray", "-level", "0%,65%"]).arg(&plain).status();
    assert!(levelled.unwrap().success(), "convert (ImageMagick) failed");
    let read = Command::new("tesseract").arg(&plain).arg("-").args(["-l", "eng"]).output().unwrap();
    let words = String::from_utf8_lossy(&read.stdout).replace('\n', " ");
    assert!(words.contains("could not be loaded") && words.contains("folders.toml"), "the notice: {words}");
}

/// Docks group a window with its launcher by this class: the desktop entry's StartupWMClass.
fn assert_app_class(display: &Xvfb, window: &str) {
    let class = display.command("xprop").args(["-id", window, "WM_CLASS"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&class.stdout).trim(),
        r#"WM_CLASS(STRING) = "org.pochta.Pochta", "org.pochta.Pochta""#,
        "window {window}'s class"
    );
}

/// No DNS, no web, no server answers: the wizard falls back on what it knows by itself.
struct Offline;

impl Lookups for Offline {
    fn mx<'a>(&'a self, _domain: &'a str) -> LookupFuture<'a, Result<Vec<String>, String>> {
        Box::pin(async { Err("offline".to_string()) })
    }
    fn https_get<'a>(&'a self, _url: &'a str) -> LookupFuture<'a, Result<String, String>> {
        Box::pin(async { Err("offline".to_string()) })
    }
    fn probe<'a>(&'a self, _kind: ServiceKind, _endpoint: &'a ServerEndpoint) -> LookupFuture<'a, ProbeOutcome> {
        Box::pin(async { ProbeOutcome::Failed("offline".into()) })
    }
    fn probe_candidates(&self, _kind: ServiceKind, _domain: &str) -> Vec<ServerEndpoint> {
        Vec::new()
    }
}

/// Checks one screen at every size and saves its pictures (light and dark) at two of them;
/// `in_main_window`: the page must reach down to the status line.
fn check_screen(
    problems: &mut Vec<String>,
    out: &Path,
    name: &str,
    in_main_window: bool,
    app: &mut App,
    view: impl for<'a> Fn(&'a App) -> iced::Element<'a, Message>,
) {
    for (width, height) in SIZES {
        let size = Size::new(width, height);
        // As the window does when it is resized: panes and the reader's header fit the size.
        let _ = app.fit_to(size);
        problems.extend(layout::problems(&format!("{name} at {width}x{height}"), view(app), size, in_main_window));
        if width == 640.0 || width == 1366.0 {
            for (theme, shade) in [(Theme::Light, "light"), (Theme::Dark, "dark")] {
                let path = out.join(format!("{name}-{shade}-{width}x{height}.png"));
                layout::save_snapshot(view(app), size, &theme, &path);
            }
        }
    }
}

/// The composer with real key events: completion taken with Enter, Tab from field to field, the
/// letter sent with Ctrl+Enter, and the letter as delivered checked on the server. xdotool types
/// only ASCII reliably (DESIGN §6), so the typed text is English.
#[test]
fn a_letter_typed_with_real_keys_arrives_with_its_to_cc_and_text() {
    if !has_program("Xvfb") {
        if std::env::var_os("POCHTA_TEST_REQUIRE_GUI").is_some() {
            panic!("Xvfb is not installed and POCHTA_TEST_REQUIRE_GUI is set: packaging/system-packages test");
        }
        eprintln!("gui_smoke: skipped, Xvfb is not installed (packaging/system-packages test installs it)");
        return;
    }
    assert!(has_program("xdotool"), "xdotool is missing: packaging/system-packages test installs it");
    let stack = mailstack();
    let (sender, to, cc) = (stack.fresh_user(), stack.fresh_user(), stack.fresh_user());
    // The person to write to is known from a letter they sent: completion offers them.
    let known = format!(
        "From: Zinaida Known <{}>\r\nTo: {}\r\nSubject: hello\r\nMessage-ID: <smoke-known@example.test>\r\n\r\nhi\r\n",
        to.email, sender.email
    );
    stack.deliver(&sender, known.as_bytes());
    let profile = Profile::new();
    add_imap_account(&profile, stack, &sender, stack.imaps_port);
    sync(&profile, &sender.email);

    let display = Xvfb::start();
    let log_path = smoke_dir().join("gui-compose.log");
    std::fs::create_dir_all(smoke_dir()).unwrap();
    let log = std::fs::File::create(&log_path).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_pochta"))
        .arg("--profile")
        .arg(profile.path())
        .env("DISPLAY", &display.name)
        .env("ICED_BACKEND", "tiny-skia")
        .env("POCHTA_LANGUAGE", "en")
        .env("POCHTA_LOG", "info")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("start pochta");
    let mut app = Running { child, log: log_path };
    let main = app.wait_for_window(&display);
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["windowfocus", "--sync", &main]);
    display.xdotool(&["key", "ctrl+n"]);
    let composer = app.wait_for_another_window(&display, &main);
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["windowfocus", "--sync", &composer]);
    let pause = || std::thread::sleep(Duration::from_millis(700));
    // The caret starts in To: the first letters of the name, then Enter takes the suggestion.
    display.xdotool(&["type", "--delay", "60", "Zinai"]);
    pause();
    display.xdotool(&["key", "Return"]);
    pause();
    display.xdotool(&["key", "Tab"]);
    pause();
    display.xdotool(&["type", "--delay", "40", &format!("{}, ", cc.email)]);
    pause();
    display.xdotool(&["key", "Tab", "Tab"]);
    pause();
    display.xdotool(&["type", "--delay", "40", "Typed for real"]);
    display.xdotool(&["key", "Tab"]);
    pause();
    display.xdotool(&["type", "--delay", "40", "Hello Zinaida, these keys were pressed one by one."]);
    pause();
    // What was typed, for a person to look at (and for a failure below to be understood).
    display.settled_screenshot(&composer, &smoke_dir().join("gui-compose.png"));
    display.xdotool(&["key", "ctrl+Return"]);

    let deadline = Instant::now() + Duration::from_secs(30);
    let delivered = loop {
        let found = stack.doveadm(&["fetch", "-u", &to.login, "text", "mailbox", "INBOX", "subject", "Typed for real"]);
        if found.contains("Typed for real") {
            break found;
        }
        app.assert_alive("while sending");
        assert!(Instant::now() < deadline, "the letter never arrived\n{}", app.log_tail());
        std::thread::sleep(Duration::from_millis(300));
    };
    let header = |name: &str| {
        delivered
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(header("to").contains(&to.email) && header("to").contains("Zinaida Known"), "To: {delivered}");
    assert!(header("cc").contains(&cc.email), "Cc: {delivered}");
    assert!(delivered.contains("Hello Zinaida, these keys were pressed one by one."), "the text: {delivered}");
    let cc_copy = stack.doveadm(&["fetch", "-u", &cc.login, "hdr", "mailbox", "INBOX", "subject", "Typed for real"]);
    assert!(cc_copy.contains("Typed for real"), "the Cc recipient got it too");
}

enum Language {
    /// POCHTA_LANGUAGE=en, as the other tests.
    English,
    /// No override: LANG=ru_RU.UTF-8, as a Russian desktop session starts it.
    SystemRussian,
}

struct Screenshot {
    path: PathBuf,
    title: String,
    colours: usize,
}

/// Starts `pochta --profile` on `display`, waits for its window, presses Down `downs` times,
/// saves a screenshot of the window at `path` and checks it; the app is killed on every path out.
fn screenshot_run(display: &Xvfb, profile: &Profile, language: Language, downs: usize, path: &Path) -> Screenshot {
    let log_path = path.with_extension("log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_pochta"));
    command
        .arg("--profile")
        .arg(profile.path())
        .env("DISPLAY", &display.name)
        .env("ICED_BACKEND", "tiny-skia")
        .env("POCHTA_LOG", "info")
        .env("NO_COLOR", "1")
        // No D-Bus session (keyring, portal, notifications): the window must cope without one.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        // A fixed look whatever the developer's desktop says.
        .env_remove("GTK_THEME")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    match language {
        Language::English => command.env("POCHTA_LANGUAGE", "en").env("LANG", "C.UTF-8"),
        Language::SystemRussian => command.env_remove("POCHTA_LANGUAGE").env("LANG", "ru_RU.UTF-8"),
    };
    let mut app = Running { child: command.spawn().expect("start pochta"), log: log_path };

    let window = app.wait_for_window(display);
    let title = display.xdotool(&["getwindowname", &window]).trim().to_string();
    // Let the first frame and the folder's rows arrive, then open a letter with the keyboard
    // (there is no window manager: focus is given by hand).
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["windowfocus", "--sync", &window]);
    for _ in 0..downs {
        display.xdotool(&["key", "Down"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    display.settled_screenshot(&window, path);
    app.assert_alive("after drawing");
    let log = std::fs::read_to_string(&app.log).unwrap();
    assert!(!log.contains("panicked"), "pochta panicked (and survived)\n{}", app.log_tail());
    let colours: usize = identify(path, "%k").trim().parse().unwrap();
    assert!(colours > MIN_COLOURS, "{} looks blank: {colours} colours\n{}", path.display(), app.log_tail());
    Screenshot { path: path.to_path_buf(), title, colours }
}

fn english_letter() -> String {
    "From: Priya Raman <priya@nordlight.example>\r\n\
     To: smoke@example.test\r\n\
     Subject: Q1 roadmap review\r\n\
     Date: Mon, 23 Nov 2026 09:15:00 +0000\r\n\
     Message-ID: <smoke-en@nordlight.example>\r\n\
     Content-Type: text/plain; charset=utf-8\r\n\
     \r\n\
     Hi,\r\n\r\nthe roadmap draft is in the shared folder; comments by Thursday, please.\r\n\r\nPriya\r\n"
        .to_string()
}

fn russian_letter() -> String {
    // The subject as an RFC 2047 encoded word, the body in 8-bit UTF-8.
    let subject = base64_utf8("Отчёт за ноябрь и планы на декабрь");
    let from = base64_utf8("Иван Петров");
    format!(
        "From: =?utf-8?b?{from}?= <ivan@example.test>\r\n\
         To: smoke@example.test\r\n\
         Subject: =?utf-8?b?{subject}?=\r\n\
         Date: Tue, 24 Nov 2026 10:30:00 +0300\r\n\
         Message-ID: <smoke-ru@example.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Добрый день!\r\n\r\nОтчёт за ноябрь готов: продажи выросли на 12 %, план выполнен.\r\n\
         В декабре — инвентаризация и новогодний корпоратив (ёлка, подарки, «Тайный Санта»).\r\n\r\n\
         С уважением,\r\nИван\r\n"
    )
}

fn html_letter() -> String {
    "From: Open Source Weekly <news@osweekly.example>\r\n\
     To: smoke@example.test\r\n\
     Subject: Open Source Weekly #143: releases and reading\r\n\
     Date: Wed, 25 Nov 2026 07:00:00 +0000\r\n\
     Message-ID: <smoke-html@osweekly.example>\r\n\
     MIME-Version: 1.0\r\n\
     Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
     \r\n\
     --b1\r\n\
     Content-Type: text/plain; charset=utf-8\r\n\
     \r\n\
     This week: releases and reading.\r\n\
     --b1\r\n\
     Content-Type: text/html; charset=utf-8\r\n\
     \r\n\
     <html><body><h1>Open Source Weekly</h1>\r\n\
     <img src=\"https://tracker.osweekly.example/pixel.png\" width=\"1\" height=\"1\">\r\n\
     <p>This week: <b>three releases</b> and <i>some reading</i>.</p>\r\n\
     <ul><li>Pochta 0.1 is out</li><li>A guide to <a href=\"https://example.org/imap\">IMAP IDLE</a></li></ul>\r\n\
     <blockquote>Never delete before you commit.</blockquote>\r\n\
     <script>alert('never runs')</script>\r\n\
     </body></html>\r\n\
     --b1--\r\n"
        .to_string()
}

fn base64_utf8(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}
