//! The windows (an iced daemon): the main window and any number of composer windows. This file
//! routes each window's view, title, keys, dropped files and closing. Closing the main window
//! quits, after keeping every letter being written as a draft; closing a composer with unsaved
//! changes saves them as a draft instead of losing them.

use super::{App, Message as AppMessage};
use crate::engine::api::{EngineHandle, SendOutcome};
use crate::platform::mailto::MailtoDraft;
use crate::ui::composer::{self, Composer};
use iced::event::{self, Status};
use iced::keyboard::{self, Key, Modifiers, key::Named};
use iced::{Element, Size, Subscription, Task, Theme, window};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Which window is which.
#[derive(Default)]
pub struct Windows {
    /// None in tests, which drive the main view without opening windows.
    pub(super) main: Option<window::Id>,
    pub(super) composers: BTreeMap<window::Id, Composer>,
    /// The keyboard shortcuts window (F1), while open.
    pub(super) shortcuts: Option<window::Id>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Composer(window::Id, composer::Message),
    /// The server's answer for the letter of this composer window.
    SendFinished(window::Id, Result<SendOutcome, String>),
    /// The letter is in the outbox (durably); sending starts.
    Queued(window::Id, crate::model::OutboxId, String),
    /// The letter was not sent and is a draft again (the outbox refused it, or the server did and
    /// it came back from the outbox): it stays in its window, with the reason.
    Refused(window::Id, Option<crate::model::DraftId>, String),
    /// A composer's draft was saved (`bool`: by autosave).
    DraftSaved(window::Id, bool, Result<crate::model::DraftId, String>),
    /// The draft of a composer window that closed was saved (or why not).
    DraftKept(Result<crate::model::DraftId, String>),
    /// A key no widget used, in this window.
    Key(window::Id, Key, Modifiers),
    FileDropped(window::Id, PathBuf),
    /// A mouse button released in this window (a composer then learns which field has focus).
    Clicked(window::Id),
    Closed(window::Id),
    /// Once a second while some letter has unsaved edits; the time is passed in so tests can
    /// say "five seconds later".
    Autosave(Instant),
    /// The main window opened at `asked` on a monitor of this size (None: unknown); `remembered`
    /// when the size is the user's own, not the default.
    MonitorFound {
        id: window::Id,
        asked: Size,
        monitor: Option<Size>,
        remembered: bool,
    },
}

/// Opens the main window (and a composer on `compose`, from a mailto: link) and runs until the
/// main window is closed; `notice` (what failed before the window opened) is shown in it.
pub fn run(
    engine: EngineHandle,
    demo: bool,
    notice: Option<String>,
    compose: Option<MailtoDraft>,
    instance: Option<crate::platform::single_instance::Listener>,
) -> iced::Result {
    // Later starts of Pochta forward their requests through this profile's socket.
    let instance = instance.map(std::sync::Arc::new);
    if !demo && let Err(err) = engine.start_background_sync() {
        tracing::warn!("background sync could not start: {err}");
    }
    let settings = crate::config::Settings::load(&engine.paths().settings_file());
    let boot = move || {
        let (mut app, task) = App::new(engine.clone(), demo);
        app.instance = instance.clone();
        if let Some(notice) = notice.clone() {
            app.statusbar.report(notice);
        }
        // Where the main window was, as big as it was (saved by `layout`).
        let (main, open_main) = window::open(super::layout::window_settings(&settings));
        app.windows.main = Some(main);
        // Then fitted to the screen it opened on (winit knows the monitor only once it is open).
        let (asked, remembered) = (super::layout::remembered_size(&settings), super::layout::is_remembered(&settings));
        let fit = open_main.then(move |id| {
            window::monitor_size(id)
                .map(move |monitor| AppMessage::Windows(Message::MonitorFound { id, asked, monitor, remembered }))
        });
        let composer = compose.clone().map_or_else(Task::none, |draft| app.compose_mailto(draft));
        (app, Task::batch([fit, task, composer]))
    };
    iced::daemon(boot, App::update, App::view_window)
        .title(App::window_title)
        .subscription(App::subscription)
        .theme(App::window_theme)
        // The icons (a subset of Lucide) are glyphs of their own font.
        .font(crate::ui::icons::FONT_BYTES)
        .run()
}

/// The window events the app acts on: keys no widget used, dropped files, closed windows, and
/// the autosave tick while something is unsaved.
pub(super) fn subscription(app: &App) -> Subscription<AppMessage> {
    let events = event::listen_with(window_event);
    if app.windows.composers.values().any(Composer::has_unsaved_changes) {
        let autosave = iced::time::every(Duration::from_secs(1)).map(|at| AppMessage::Windows(Message::Autosave(at)));
        Subscription::batch([events, autosave])
    } else {
        events
    }
}

/// Escape comes even when a field used it (a text field drops its focus on Escape, and the
/// composer's suggestions must close too). Shortcuts with Ctrl come as the Latin letter of the
/// key pressed, so they work the same in a Russian layout.
fn window_event(event: iced::Event, status: Status, id: window::Id) -> Option<AppMessage> {
    let message = match event {
        iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, physical_key, .. })
            if status == Status::Ignored || key == Key::Named(Named::Escape) =>
        {
            let key = match key.to_latin(physical_key) {
                Some(latin) if modifiers.control() && !matches!(key, Key::Named(_)) => {
                    Key::Character(latin.to_string().into())
                }
                _ => key,
            };
            Message::Key(id, key, modifiers)
        }
        iced::Event::Window(window::Event::FileDropped(path)) => Message::FileDropped(id, path),
        iced::Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => Message::Clicked(id),
        iced::Event::Window(window::Event::Closed) => Message::Closed(id),
        _ => return None,
    };
    Some(AppMessage::Windows(message))
}

/// A composer window's settings (its size fits a 1366x768 screen less its panels).
pub(super) fn composer_window() -> window::Settings {
    super::desktop::window_settings(Size::new(760.0, 640.0))
}

impl App {
    pub(super) fn on_windows(&mut self, message: Message) -> Task<AppMessage> {
        match message {
            Message::Composer(id, message) => self.on_composer(id, message),
            Message::SendFinished(id, result) => self.on_send_finished(id, result),
            Message::Queued(id, outgoing, message_id) => self.on_queued(id, outgoing, message_id),
            Message::Refused(id, draft, problem) => self.on_refused(id, draft, problem),
            Message::DraftSaved(id, by_autosave, saved) => self.on_draft_saved(id, by_autosave, saved),
            Message::DraftKept(Ok(_)) => self.read_overview(),
            Message::DraftKept(Err(problem)) => {
                self.notice = Some(crate::fl!("composer-draft-not-kept", reason = problem));
                Task::none()
            }
            Message::Key(id, key, modifiers) => self.on_window_key(id, key, modifiers),
            Message::FileDropped(id, path) => self.on_composer(id, composer::Message::AddFiles(vec![path])),
            Message::Clicked(id) => self.on_composer(id, composer::Message::Clicked),
            Message::Closed(id) => self.on_window_closed(id),
            Message::Autosave(now) => self.autosave(now),
            Message::MonitorFound { id, asked, monitor: Some(monitor), remembered } => {
                let fitted = super::desktop::fitted_size(asked, monitor, remembered);
                if fitted == asked { Task::none() } else { window::resize(id, fitted) }
            }
            Message::MonitorFound { monitor: None, .. } => Task::none(),
        }
    }

    /// What a window shows: its composer, the shortcuts, else the main window.
    pub fn view_window(&self, id: window::Id) -> Element<'_, AppMessage> {
        match self.windows.composers.get(&id) {
            Some(composer) => composer.view().map(move |message| AppMessage::Windows(Message::Composer(id, message))),
            None if self.windows.shortcuts == Some(id) => super::keys::shortcuts_view(),
            None => self.view(),
        }
    }

    /// Opens the keyboard shortcuts window (or brings it forward).
    pub(super) fn show_shortcuts(&mut self) -> Task<AppMessage> {
        if let Some(open) = self.windows.shortcuts {
            return window::gain_focus(open);
        }
        let (id, open) = window::open(super::desktop::window_settings(Size::new(560.0, 640.0)));
        self.windows.shortcuts = Some(id);
        open.discard()
    }

    /// Whether the keyboard shortcuts window is open (tests).
    pub fn shortcuts_window(&self) -> Option<window::Id> {
        self.windows.shortcuts
    }

    /// The composer windows open now, oldest first.
    pub fn composer_windows(&self) -> Vec<window::Id> {
        self.windows.composers.keys().copied().collect()
    }

    fn window_title(&self, id: window::Id) -> String {
        match self.windows.composers.get(&id) {
            Some(composer) if composer.subject().trim().is_empty() => crate::fl!("composer-window-new"),
            Some(composer) => crate::fl!("composer-window-title", subject = composer.subject().to_string()),
            None if self.windows.shortcuts == Some(id) => crate::fl!("keys-title"),
            None => self.title(),
        }
    }

    fn window_theme(&self, _id: window::Id) -> Theme {
        self.theme()
    }

    /// Keys in a composer go to it; in the main window, Enter on a message in a Drafts folder
    /// continues that draft, and the rest are the main window's shortcuts.
    fn on_window_key(&mut self, id: window::Id, key: Key, modifiers: Modifiers) -> Task<AppMessage> {
        if let Some(composer) = self.windows.composers.get(&id) {
            return match composer.on_key(&key, modifiers) {
                Some(message) => self.on_composer(id, message),
                None => Task::none(),
            };
        }
        if self.windows.shortcuts == Some(id) {
            return match key {
                Key::Named(Named::Escape) => window::close(id),
                _ => Task::none(),
            };
        }
        if modifiers.is_empty()
            && key == Key::Named(Named::Enter)
            && let Some(task) = self.continue_selected_draft()
        {
            return task;
        }
        self.on_key(key, modifiers)
    }

    fn on_window_closed(&mut self, id: window::Id) -> Task<AppMessage> {
        if self.windows.main == Some(id) {
            // Pochta is quitting: the drafts are saved here and now, as no task outlives the exit.
            let open: Vec<window::Id> = self.composer_windows();
            for composer in open {
                self.keep_unsaved_now(composer);
            }
            return iced::exit();
        }
        if self.windows.shortcuts == Some(id) {
            self.windows.shortcuts = None;
        }
        // The window is gone; its unsaved edits become a draft off this thread.
        match self.windows.composers.remove(&id).filter(Composer::has_unsaved_changes) {
            Some(composer) => Task::perform(super::compose::draft_saved(self.engine.clone(), &composer), |kept| {
                AppMessage::Windows(Message::DraftKept(kept))
            }),
            None => Task::none(),
        }
    }

    /// Saves a composer's unsaved edits as a draft at once (Pochta is quitting).
    fn keep_unsaved_now(&mut self, id: window::Id) {
        let Some(composer) = self.windows.composers.get_mut(&id).filter(|c| c.has_unsaved_changes()) else { return };
        composer.save_started();
        match self.engine.save_draft(composer.draft_id, &composer.composition()) {
            Ok(draft) => composer.saved(draft, false),
            Err(err) => eprintln!("{}", crate::fl!("composer-draft-not-kept", reason = err.to_string())),
        }
    }

    /// Saves every letter whose author paused typing long enough.
    fn autosave(&mut self, now: Instant) -> Task<AppMessage> {
        let due: Vec<window::Id> =
            self.windows.composers.iter().filter(|(_, c)| c.autosave_due(now)).map(|(id, _)| *id).collect();
        Task::batch(due.into_iter().map(|id| self.save_draft(id, true)))
    }
}
