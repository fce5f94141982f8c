//! Driving a composer window in iced_test's simulator: opening one, typing into its fields,
//! clicking its buttons, reading what it shows and the letter it holds.

use iced::widget::Id;
use iced_test::simulator;
use pochta::ui::app::{App, ComposeKind, Message};

/// One runtime for the tasks the tests do run (opening composers, looking up addresses).
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Runtime::new().unwrap())
}

/// Gives each message to `update` and runs what it starts one step deep: the letter goes to
/// the outbox or Drafts (off the window's thread), but the tasks those answers start are dropped
/// (a click on Send must not send).
pub fn run(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        super::gui::update_one_step(app, message, runtime());
    }
}

/// Gives each message to `update` and runs what it starts, as the window does.
pub fn run_all(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        super::gui::update_and_run(app, message, runtime());
    }
}

/// Opens a composer as the toolbar does (the letter is prepared off the window's thread).
pub fn compose(app: &mut App, kind: ComposeKind) {
    super::gui::update_and_run(app, Message::Compose(kind), runtime());
}

/// The newest composer window.
pub fn window(app: &App) -> iced::window::Id {
    *app.composer_windows().last().expect("a composer window is open")
}

/// Clicks a field of the composer and types into it.
pub fn type_into(app: &mut App, field: &'static str, text: &str) {
    let window = window(app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window));
        ui.click(Id::new(field)).unwrap_or_else(|err| panic!("no field {field}: {err:?}"));
        ui.typewrite(text);
        ui.into_messages().collect()
    };
    run_all(app, messages);
}

/// Clicks `label` in the composer, running what it starts one step deep (see [`run`]).
pub fn click_in_composer(app: &mut App, label: &str) {
    let window = window(app);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view_window(window));
        ui.click(label).unwrap_or_else(|err| panic!("no \"{label}\" in the composer: {err:?}"));
        ui.into_messages().collect()
    };
    run(app, messages);
}

pub fn composer_shows(app: &App, needle: &str) -> bool {
    simulator(app.view_window(window(app))).find(needle).is_ok()
}

/// The letter as the newest composer holds it.
pub fn letter(app: &App) -> pochta::engine::api::Composition {
    app.composer(window(app)).expect("a composer").composition()
}
