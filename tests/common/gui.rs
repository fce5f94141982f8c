//! Driving the main window in iced_test's simulator: what it shows, clicks, and the tasks
//! `update` returns (the simulator never runs them; tests that need their effects run them here).

use iced::Task;
use iced_test::runtime::Action;
use iced_test::simulator;
use pochta::ui::app::{App, Message};
use pochta::ui::icons::Icon;
use tokio::runtime::Runtime;

/// A new profile holding `user`'s IMAP account synced once from the harness's Dovecot, and the
/// main window on it (not the demo).
pub fn synced_window(
    stack: &crate::support::MailStack,
    user: &crate::support::TestUser,
) -> (super::Profile, pochta::engine::api::EngineHandle, App) {
    let profile = super::Profile::new();
    super::imap::add_imap_account(&profile, stack, user, stack.imaps_port);
    super::imap::sync(&profile, &user.email);
    let engine = pochta::engine::api::EngineHandle::open(pochta::config::Paths::in_profile(profile.path())).unwrap();
    let (app, _) = App::new(engine.clone(), false);
    (profile, engine, app)
}

/// Clicks an icon button of the header bar (found by its glyph; its name is only a tooltip).
#[allow(dead_code)]
pub fn click_icon(app: &mut App, icon: Icon) {
    click(app, &icon.label());
}

/// Opens the header bar's "More" menu (accounts, settings, import, Move to, Copy to).
#[allow(dead_code)]
pub fn open_more(app: &mut App) {
    click_icon(app, Icon::More);
}

pub fn shows(app: &App, needle: &str) -> bool {
    simulator(app.view()).find(needle).is_ok()
}

/// How many times `needle` is a whole text on screen.
pub fn count_texts(app: &App, needle: &str) -> usize {
    use iced_test::selector::Candidate;
    let mut ui = simulator(app.view());
    let mut count = 0;
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text { content, .. } = candidate
            && content == needle
        {
            count += 1;
        }
        None::<()>
    });
    count
}

/// The messages a click on the widget showing `label` produces, not yet given to `update`.
pub fn clicked(app: &App, label: &str) -> Vec<Message> {
    let mut ui = simulator(app.view());
    ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" on screen: {err:?}"));
    ui.into_messages().collect()
}

/// Clicks `label`, gives the messages to `update` and runs the tasks they return (the window
/// reads its rows off its thread: a click's effect is only complete with them).
pub fn click(app: &mut App, label: &str) {
    RUNTIME.with(|runtime| {
        for message in clicked(app, label) {
            update_and_run(app, message, runtime);
        }
    });
}

/// Gives `message` to `update` and runs what it starts (on this thread's runtime).
#[allow(dead_code)]
pub fn send(app: &mut App, message: Message) {
    RUNTIME.with(|runtime| update_and_run(app, message, runtime));
}

thread_local! {
    static RUNTIME: Runtime = Runtime::new().expect("a runtime for the window's tasks");
}

/// Clicks `label` and runs what it starts; returns what was put on the clipboard.
pub fn click_and_run(app: &mut App, label: &str, runtime: &Runtime) -> Vec<String> {
    clicked(app, label).into_iter().flat_map(|message| update_and_run(app, message, runtime)).collect()
}

/// Gives `message` to `update`, runs the task it returns and gives its answers to `update`, but
/// drops the tasks those start (a letter reaches the outbox; sending it is not started).
#[allow(dead_code)]
pub fn update_one_step(app: &mut App, message: Message, runtime: &Runtime) {
    let task = app.update(message);
    let Some(mut stream) = iced_test::runtime::task::into_stream(task) else { return };
    while let Some(action) = runtime.block_on(futures::StreamExt::next(&mut stream)) {
        if let Action::Output(message) = action {
            let _ = app.update(message);
        }
    }
}

/// Gives `message` to `update` and runs the task it returns; returns what was put on the clipboard.
pub fn update_and_run(app: &mut App, message: Message, runtime: &Runtime) -> Vec<String> {
    let task = app.update(message);
    run_task(app, task, runtime)
}

/// Runs a task to its end, feeding every message it produces back to `update` (and running the
/// tasks those return); returns what it asked the clipboard to hold.
pub fn run_task(app: &mut App, task: Task<Message>, runtime: &Runtime) -> Vec<String> {
    run_task_with(app, task, runtime, |_, _| {})
}

/// [`run_task`], with the window's widget operations (focus, "is it focused?") handed to
/// `operate` instead of dropped: for tests that keep the window's widgets between updates.
pub fn run_task_with(
    app: &mut App,
    task: Task<Message>,
    runtime: &Runtime,
    mut operate: impl FnMut(&App, Box<dyn iced_test::core::widget::Operation>),
) -> Vec<String> {
    let mut clipboard = Vec::new();
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(mut stream) = iced_test::runtime::task::into_stream(task) else { continue };
        // One action at a time: an action nobody here answers (opening a composer window) is
        // dropped at once, which ends the task waiting for its answer instead of hanging it.
        while let Some(action) = runtime.block_on(futures::StreamExt::next(&mut stream)) {
            match action {
                Action::Output(message) => pending.push(app.update(message)),
                Action::Clipboard(iced_test::runtime::clipboard::Action::Write { contents, .. }) => {
                    clipboard.push(contents)
                }
                Action::Widget(operation) => operate(app, operation),
                _ => {}
            }
        }
    }
    clipboard
}

/// The main window's widget tree as iced's runtime keeps it between frames: focus lives there,
/// so typing after a change, or the window's questions to its widgets ("is the search box
/// focused?"), are answered as in the running app (iced_test's simulator builds a fresh tree
/// per view and cannot see that).
pub struct KeptWindow {
    renderer: iced::Renderer,
    cache: Option<iced_test::runtime::user_interface::Cache>,
}

impl KeptWindow {
    /// The size the kept window is laid out at.
    const SIZE: iced::Size = iced::Size::new(1024.0, 768.0);

    pub fn new() -> KeptWindow {
        use iced_test::core::renderer::Headless;
        let renderer =
            futures::executor::block_on(<iced::Renderer as Headless>::new(iced::Font::DEFAULT, 16.into(), None))
                .expect("a headless renderer");
        KeptWindow { renderer, cache: None }
    }

    /// Runs a widget operation (and those it chains to) on the window as it stands.
    pub fn operate(&mut self, app: &App, mut operation: Box<dyn iced_test::core::widget::Operation>) {
        use iced_test::core::widget::operation::Outcome;
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = iced_test::runtime::UserInterface::build(app.view(), Self::SIZE, cache, &mut self.renderer);
        loop {
            ui.operate(&self.renderer, operation.as_mut());
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                Outcome::None | Outcome::Some(()) => break,
            }
        }
        self.cache = Some(ui.into_cache());
    }

    /// One frame: the app's view built on the kept tree, `events` given to it; returns the
    /// messages they produced (not yet given to `update`).
    pub fn frame(&mut self, app: &App, events: &[iced_test::core::Event]) -> Vec<Message> {
        use iced_test::core::{clipboard, mouse};
        let mut messages = Vec::new();
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = iced_test::runtime::UserInterface::build(app.view(), Self::SIZE, cache, &mut self.renderer);
        let _ = ui.update(events, mouse::Cursor::Unavailable, &mut self.renderer, &mut clipboard::Null, &mut messages);
        self.cache = Some(ui.into_cache());
        messages
    }
}
