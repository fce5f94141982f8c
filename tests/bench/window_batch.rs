//! The window during a first sync (not a timed test): while the background actor mirrors a large
//! IMAP account, the window takes every engine event and draws, and the user selects 1,000
//! messages, marks them read, then moves them to Trash. Reported: the longest `update` and
//! `view` call (goal < 16 ms, one frame) and how long each batch took to be committed (goal
//! < 100 ms for 1,000 messages). With `--folders PROFILE...`: the folder tree's query time on
//! each profile (goal: the same at any size, < 5 ms). Run through `tests/bench/window_batch.py`.

use iced::keyboard::{Key, Modifiers};
use pochta::config::Paths;
use pochta::engine::api::{EngineHandle, Event};
use pochta::model::FolderRole;
use pochta::ui::app::{App, FolderChoice, Message};
use pochta::ui::sidebar;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--folders") {
        return folder_tree(&args[1..]);
    }
    // `cargo test --all-targets` runs this too, without a profile: nothing to measure then.
    let [profile, email] = args.as_slice() else {
        eprintln!("window batch benchmark: nothing measured (usage: tests/bench/window_batch.py)");
        return;
    };
    during_sync(profile, email);
}

/// The slowest call of each kind, with what it was.
#[derive(Default)]
struct Longest {
    update: (Duration, String),
    view: Duration,
    updates: usize,
    views: usize,
}

struct Window {
    app: App,
    /// When the last batch's answer arrived, counted from its `update`.
    committed: Option<Duration>,
    runtime: tokio::runtime::Runtime,
    longest: Longest,
}

impl Window {
    /// One `update`, timed, then the task it returned run to its end (its answers are updates too).
    fn update(&mut self, message: Message) {
        let begun = Instant::now();
        let mut pending = vec![message];
        while let Some(message) = pending.pop() {
            let what = format!("{message:?}").chars().take(60).collect::<String>();
            // A batch's answer reaches the window once its transaction has committed.
            if what.starts_with("Changed") {
                self.committed = Some(begun.elapsed());
            }
            let started = Instant::now();
            let task = self.app.update(message);
            let took = started.elapsed();
            self.longest.updates += 1;
            if took > self.longest.update.0 {
                self.longest.update = (took, what);
            }
            let Some(mut stream) = iced_test::runtime::task::into_stream(task) else { continue };
            while let Some(action) = self.runtime.block_on(futures::StreamExt::next(&mut stream)) {
                if let iced_test::runtime::Action::Output(message) = action {
                    pending.push(message);
                }
            }
        }
    }

    fn view(&mut self) {
        let started = Instant::now();
        drop(std::hint::black_box(self.app.view()));
        self.longest.view = self.longest.view.max(started.elapsed());
        self.longest.views += 1;
    }

    /// Engine events that arrived meanwhile, each an update; then a frame.
    fn frame(&mut self, events: &std::sync::mpsc::Receiver<Event>) {
        while let Ok(event) = events.try_recv() {
            self.update(Message::Engine(event));
        }
        self.view();
    }
}

fn during_sync(profile: &str, email: &str) {
    let engine = EngineHandle::open(Paths::in_profile(std::path::Path::new(profile))).expect("open the profile");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (app, boot) = App::new(engine.clone(), false);
    let mut window = Window { app, runtime, committed: None, longest: Longest::default() };
    let (sender, events) = std::sync::mpsc::channel();
    let mut receiver = engine.subscribe();
    window.runtime.spawn(async move {
        while let Some(event) = receiver.next().await {
            if sender.send(event).is_err() {
                break;
            }
        }
    });
    if let Some(mut stream) = iced_test::runtime::task::into_stream(boot) {
        while window.runtime.block_on(futures::StreamExt::next(&mut stream)).is_some() {}
    }
    let started = Instant::now();
    engine.start_background_sync().expect("start the actor");

    // Frames while the first sync runs, until the Inbox has enough mail to select 1,000 letters.
    let inbox = loop {
        window.frame(&events);
        std::thread::sleep(Duration::from_millis(16));
        let inbox = engine
            .folders(Some(engine.account_by_address(email).unwrap()))
            .ok()
            .and_then(|f| f.into_iter().find(|f| f.role == Some(FolderRole::Inbox)));
        if let Some(inbox) = inbox.filter(|f| f.total >= 1_000) {
            break inbox;
        }
        assert!(started.elapsed() < Duration::from_secs(600), "the Inbox never filled");
    };
    println!("Inbox has {} messages after {:.1} s of the first sync", inbox.total, started.elapsed().as_secs_f64());
    let trash = engine.find_folder(engine.account_by_address(email).unwrap(), Some("Trash")).expect("Trash");
    // The first pass has not ended, so no "folders changed" came yet: the window re-reads them as
    // it does after any change, then the person opens the Inbox.
    window.update(Message::Engine(Event::Overflow));
    window.update(Message::Sidebar(sidebar::Message::Select(inbox.id)));
    window.frame(&events);
    // Ctrl+A: every row the list has now (the sync goes on adding more).
    window.update(Message::Key(Key::Character("a".into()), Modifiers::CTRL));
    let selected = window.app.selection().len();

    let t = Instant::now();
    window.update(Message::ToggleRead);
    let (marked, marked_shown) = (window.committed.take().unwrap_or_default(), t.elapsed());
    window.frame(&events);
    let t = Instant::now();
    window.update(Message::MoveTo(FolderChoice { id: trash, label: "Trash".into() }));
    let (moved, moved_shown) = (window.committed.take().unwrap_or_default(), t.elapsed());
    let in_trash = engine
        .folders(Some(engine.account_by_address(email).unwrap()))
        .ok()
        .and_then(|f| f.into_iter().find(|f| f.id == trash))
        .map(|f| f.total);
    // The rest of the sync, drawn as the window would.
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        window.frame(&events);
        std::thread::sleep(Duration::from_millis(16));
    }
    let longest = &window.longest;
    println!(
        "marking {} selected messages read: committed in {:.1} ms (target < 100), the list re-read by {:.1} ms",
        selected,
        marked.as_secs_f64() * 1000.0,
        marked_shown.as_secs_f64() * 1000.0
    );
    println!(
        "moving them to Trash: committed in {:.1} ms (target < 100), the list re-read by {:.1} ms; Trash holds {} messages now",
        moved.as_secs_f64() * 1000.0,
        moved_shown.as_secs_f64() * 1000.0,
        in_trash.unwrap_or(0)
    );
    println!(
        "longest update: {:.1} ms ({}) over {} updates; longest view (building the widget tree): {:.1} ms over {} frames (target < 16)",
        longest.update.0.as_secs_f64() * 1000.0,
        longest.update.1,
        longest.updates,
        longest.view.as_secs_f64() * 1000.0,
        longest.views
    );
}

/// The folder tree's query (names, roles, totals, unread) on each profile, median of 50.
fn folder_tree(profiles: &[String]) {
    for profile in profiles {
        let engine = EngineHandle::open(Paths::in_profile(std::path::Path::new(profile))).expect("open");
        let folders = engine.folders(None).expect("folders");
        let messages: u64 = folders.iter().map(|f| f.total).sum();
        let mut times: Vec<Duration> = (0..50)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(engine.folders(None).expect("folders"));
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "folder tree of {} folders over {messages} messages: {:.2} ms median, {:.2} ms slowest (target < 5)",
            folders.len(),
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0
        );
    }
}
