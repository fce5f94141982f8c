//! The main window: the toolbar, the three panes, the notices and the status line. `update` is a
//! routing table; each pane owns its state and hands events up; the engine is reached only
//! through `engine::api` (queries here are cheap SQLite reads; network work runs as tasks).

mod actions;
mod compose;
mod desktop;
mod folders;
mod keys;
mod layout;
mod list;
mod mail_files;
mod menus;
mod outbox;
mod overview;
mod preferences;
mod screen;
mod search;
mod setup;
mod sorting;
mod status;
mod view;
mod windows;

use super::accounts;
use super::folder_actions::{self, FolderActions};
use super::import;
use super::message_list::{self, MessageList};
use super::outbox::{self as outbox_pane, Outbox};
use super::reader::{self, Reader};
use super::saved_searches::{self, SavedSearches};
use super::settings;
use super::sidebar::{self, Sidebar};
use super::wizard;
use super::{engine_link, instance_link, theme};
use crate::config::Settings;
use crate::engine::api::discovery::{Lookups, NetLookups};
use crate::engine::api::{EngineHandle, Event};
use crate::fl;
use crate::model::{Flag, MessageId};
use crate::platform::single_instance::{Forwarded, Listener};
pub use actions::FolderChoice;
use iced::keyboard::{self, Key, Modifiers};
use iced::{Subscription, Task, Theme};
use layout::Layout;
pub use menus::{Menu, MenuMessage};
use screen::Screen;
use std::sync::Arc;

pub use windows::{Message as WindowMessage, run};

pub fn search_id() -> iced::widget::Id {
    iced::widget::Id::new("search")
}

pub struct App {
    engine: EngineHandle,
    /// How the wizard's discovery reaches the network (scripted in tests).
    lookups: Arc<dyn Lookups>,
    demo: bool,
    theme: Theme,
    /// The settings name a theme: the desktop's preference is not followed.
    theme_chosen: bool,
    sidebar: Sidebar,
    list: MessageList,
    reader: Reader,
    /// The main window and the composer windows.
    windows: windows::Windows,
    /// The outbox pane, shown instead of the reader.
    outbox: Option<Outbox>,
    /// The mail panes, or the one other screen shown instead of them.
    screen: Screen,
    layout: Layout,
    /// This profile's socket, where later starts of Pochta forward their requests.
    instance: Option<Arc<Listener>>,
    search: String,
    /// The search or server find last asked for: only its answer is shown (typing on, or
    /// opening a folder, makes earlier answers stale).
    found_asked: Option<message_list::Source>,
    /// How far a rebuild of the search index is, while one runs (polled into the status line).
    search_rebuild: Option<(u64, u64)>,
    /// Searches kept under the folder tree.
    saved_searches: SavedSearches,
    /// The last thing done, for the status line (it clears itself: `status`).
    status: String,
    said: status::Said,
    /// An error a handler just reported; `update` moves it into the notices.
    notice: Option<String>,
    statusbar: status::Status,
    /// Keys held now (Ctrl+click, Shift+click, Ctrl+drop copies).
    modifiers: Modifiers,
    /// Rows were pressed and the button is still down: a folder under the pointer is a target.
    dragging: bool,
    /// The last batch (move, delete, junk, flags), until the next one: Undo takes it back.
    undo: Option<crate::engine::api::Undo>,
    /// The folder tree, outbox and counts being read off the window's thread.
    reading: overview::Reading,
    /// New, rename, delete, mark read and empty for the open folder (under the folder tree).
    folder_actions: FolderActions,
    /// The open menu (overflow or context), if any.
    menus: menus::Menus,
}

/// How a new letter starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeKind {
    New,
    Reply,
    ReplyAll,
    Forward,
}

#[derive(Debug, Clone)]
pub enum Message {
    Sidebar(sidebar::Message),
    FolderActions(folder_actions::Message),
    /// A folder action's work finished: what to say in the status line, or what went wrong.
    FolderActionDone(Result<String, String>),
    List(message_list::Message),
    Reader(reader::Message),
    Engine(Event),
    Saved(Result<std::path::PathBuf, String>),
    /// Where the file dialog said to save the message as .eml (None: cancelled).
    SaveEmlTo(MessageId, Option<std::path::PathBuf>),
    Compose(ComposeKind),
    Windows(windows::Message),
    Outbox(outbox_pane::Message),
    AddAccount,
    ShowAccounts,
    Accounts(accounts::Message),
    ShowSettings,
    Settings(settings::Message),
    AccountRemoved(Result<String, String>),
    /// The rules screen's list was checked and written (the accounts again), or refused.
    RulesSaved(Result<Vec<(crate::model::AccountId, crate::model::AccountSettings)>, String>),
    ShowImport,
    Import(import::Message),
    /// A later start of Pochta on this profile asked for the window (or a composer).
    Forwarded(Forwarded),
    Wizard(wizard::Message),
    Discovered(Result<Box<crate::engine::api::discovery::Discovery>, String>),
    Tested(Result<crate::engine::api::CheckReport, String>),
    /// The account added, changed or signed in again, with its address (for the status line).
    AccountSaved(Result<(crate::model::AccountId, String), String>),
    SearchChanged(String),
    SearchOnServer,
    FoundOnServer(Result<Vec<MessageId>, String>),
    SearchIndexTick,
    SaveSearch,
    SavedSearch(saved_searches::Message),
    SavedSearchesStored(Result<(), String>),
    SearchIndexProgress(Option<(u64, u64)>),
    SyncNow,
    /// A batch the user asked for is stored (or failed); the message to show next.
    Changed(Result<crate::engine::api::Undo, String>, Option<MessageId>),
    /// What the accounts screen asked for, read or written off the window's thread.
    AccountsRead(Box<Result<setup::Read, String>>),
    /// A composer's letter, prepared off the window's thread.
    ComposerPrepared(Box<Result<compose::Opening, String>>),
    /// A search's rows (or a server's finds), read off the window's thread.
    Found(message_list::Source, Result<Vec<crate::engine::api::MessageSummary>, String>),
    /// The folder tree, the outbox and the counts, read after a change.
    OverviewRead(u64, Box<Result<overview::Overview, String>>),
    /// Opening a message marked it read.
    MarkedRead(Result<(), String>),
    /// Take the last batch back (Ctrl+Z, or Undo beside its notice).
    Undo,
    Undone(Result<crate::engine::api::Undone, String>),
    ToggleRead,
    /// Read (true) or unread, for the selection (the context menu).
    SetRead(bool),
    ToggleFlag,
    Menu(menus::MenuMessage),
    Delete,
    MarkJunk,
    /// Not junk, why junk, a rule from a letter (`sorting`).
    Sorting(sorting::Message),
    MoveTo(FolderChoice),
    CopyTo(FolderChoice),
    Key(Key, Modifiers),
    Walk(message_list::Walk, bool),
    ModifiersChanged(Modifiers),
    MouseReleased,
    Layout(layout::Message),
    /// settings.toml was written (or could not be).
    SettingsWritten(Result<(), String>),
    /// A window was resized or moved: remembered when it is the main window.
    WindowLayout(iced::window::Id, layout::Message),
    Status(status::Message),
    /// A second passed while the status line has words that clear themselves.
    StatusTick(std::time::Instant),
    /// The desktop's colour scheme: dark, light, or no preference.
    SystemScheme(Option<bool>),
    Notified,
}

impl App {
    pub fn new(engine: EngineHandle, demo: bool) -> (App, Task<Message>) {
        App::with_lookups(engine, demo, Arc::new(NetLookups::new()))
    }

    /// The window with the wizard's network lookups supplied (tests point them at the harness).
    pub fn with_lookups(engine: EngineHandle, demo: bool, lookups: Arc<dyn Lookups>) -> (App, Task<Message>) {
        let settings = Settings::load(&engine.paths().settings_file());
        let chosen = theme::named(&settings.theme);
        let mut list = MessageList::default();
        list.set_columns(message_list::Columns::from_settings(&settings));
        let mut app = App {
            engine,
            lookups,
            demo,
            theme: chosen.clone().unwrap_or_else(theme::from_environment),
            theme_chosen: chosen.is_some(),
            sidebar: Sidebar::default(),
            list,
            reader: Reader::default(),
            windows: windows::Windows::default(),
            outbox: None,
            screen: Screen::Mail,
            layout: Layout::new(&settings),
            instance: None,
            search: String::new(),
            found_asked: None,
            search_rebuild: None,
            saved_searches: SavedSearches::new(settings.saved_searches.clone()),
            status: String::new(),
            said: status::Said::default(),
            notice: None,
            statusbar: status::Status::default(),
            modifiers: Modifiers::empty(),
            dragging: false,
            undo: None,
            reading: overview::Reading::default(),
            folder_actions: FolderActions::default(),
            menus: menus::Menus::default(),
        };
        app.reader.fit_height(app.layout.window_size().1);
        app.read_overview_now();
        app.search_rebuild = app.engine.search_index_rebuild();
        if !demo && app.engine.accounts().is_ok_and(|accounts| accounts.is_empty()) {
            app.screen = Screen::Wizard(Box::default());
        }
        let open = match app.sidebar.first_inbox() {
            Some(inbox) => {
                let _ = app.sidebar.update(sidebar::Message::Select(inbox));
                app.show_list_for_selected_folder();
                // Before the first frame, like the overview: the window opens with its rows.
                let scrolled = app.list.show(message_list::Source::Folder(inbox)).map(Message::List);
                if let Some(read) = app.list.take_read() {
                    let loaded = read.run_now(&app.engine);
                    let _ = app.list.update(message_list::Message::Loaded(Box::new(loaded)));
                }
                scrolled
            }
            None => Task::none(),
        };
        let scheme = if app.theme_chosen {
            Task::none()
        } else {
            Task::perform(theme::system_prefers_dark(), Message::SystemScheme)
        };
        (app, Task::batch([open, scheme]))
    }

    fn title(&self) -> String {
        if self.demo { fl!("app-title-demo") } else { fl!("app-title") }
    }

    fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            engine_link::events(&self.engine).map(Message::Engine),
            // Keys, dropped files, closed windows (routed to the window they happened in).
            windows::subscription(self),
            iced::event::listen_with(|event, _status, window| match event {
                iced::Event::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) => {
                    Some(Message::ModifiersChanged(modifiers))
                }
                iced::Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => {
                    Some(Message::MouseReleased)
                }
                iced::Event::Window(iced::window::Event::Resized(size)) => {
                    Some(Message::WindowLayout(window, layout::Message::WindowResized(size)))
                }
                iced::Event::Window(iced::window::Event::Moved(position)) => {
                    Some(Message::WindowLayout(window, layout::Message::WindowMoved(position)))
                }
                _ => None,
            }),
        ];
        if !self.theme_chosen {
            subscriptions.push(theme::system_scheme_changes().map(Message::SystemScheme));
        }
        if self.layout.is_dirty() {
            subscriptions
                .push(iced::time::every(layout::SAVE_AFTER / 2).map(|_| Message::Layout(layout::Message::SaveIfQuiet)));
        }
        subscriptions.extend(self.status_clock());
        if self.search_rebuild.is_some() {
            subscriptions.push(iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::SearchIndexTick));
        }
        // Requests from later starts of Pochta (a mailto: link, "come to the front").
        if let Some(listener) = &self.instance {
            subscriptions.push(instance_link::forwarded(listener).map(Message::Forwarded));
        }
        Subscription::batch(subscriptions)
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.route(message);
        self.note_status(std::time::Instant::now());
        if let Some(notice) = self.notice.take() {
            self.statusbar.report(notice);
        }
        task
    }

    fn route(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Sidebar(message) => self.on_sidebar(message),
            Message::FolderActions(message) => self.on_folder_actions(message),
            Message::FolderActionDone(result) => self.on_folder_action_done(result),
            Message::List(message) => self.on_list(message),
            Message::Reader(message) => self.on_reader(message),
            Message::SaveEmlTo(id, path) => self.save_eml_to(id, path),
            Message::Saved(result) => {
                match result {
                    Ok(path) => self.status = fl!("notice-saved-to", path = path.display().to_string()),
                    Err(err) => self.notice = Some(err),
                }
                Task::none()
            }
            Message::Engine(event) => self.on_engine_event(event),
            Message::SearchChanged(query) => self.on_search(query),
            Message::SearchOnServer => self.search_on_server(),
            Message::SearchIndexTick => self.poll_search_index(),
            Message::SaveSearch => self.save_search(),
            Message::SavedSearch(message) => self.on_saved_search(message),
            Message::SavedSearchesStored(result) => {
                if let Err(err) = result {
                    self.notice = Some(err);
                }
                Task::none()
            }
            Message::SearchIndexProgress(progress) => self.on_search_index(progress),
            Message::FoundOnServer(result) => self.found_on_server(result),
            Message::Compose(kind) => self.compose(kind),
            Message::Windows(message) => self.on_windows(message),
            Message::Outbox(message) => self.on_outbox(message),
            Message::AddAccount => {
                self.screen = Screen::Wizard(Box::default());
                Task::none()
            }
            Message::ShowAccounts => self.show_accounts(),
            Message::Accounts(message) => self.on_accounts(message),
            Message::ShowSettings => self.show_settings(),
            Message::Settings(message) => self.on_settings(message),
            Message::ShowImport => self.show_import(),
            Message::Import(message) => self.on_import(message),
            Message::Forwarded(forwarded) => self.on_forwarded(forwarded),
            Message::RulesSaved(result) => {
                self.on_rules_saved(result);
                Task::none()
            }
            Message::AccountRemoved(result) => {
                match result {
                    Ok(email) => self.status = fl!("notice-account-removed", email = email.as_str()),
                    Err(err) => self.notice = Some(err),
                }
                let refresh = self.after_change();
                Task::batch([refresh, self.update(Message::ShowAccounts)])
            }
            Message::Wizard(message) => self.on_wizard(message),
            Message::Discovered(result) => {
                if let Some(wizard) = self.wizard_mut() {
                    wizard.discovered(result.map(|d| *d));
                }
                Task::none()
            }
            Message::Tested(result) => {
                let event = self.wizard_mut().and_then(|wizard| wizard.tested(result));
                self.on_wizard_event(event)
            }
            Message::AccountSaved(result) => self.on_account_saved(result),
            Message::SyncNow => self.sync_now(),
            Message::ToggleRead => self.toggle_flag(Flag::Seen),
            Message::SetRead(read) => self.mark_read(read),
            Message::Menu(message) => self.on_menu(message),
            Message::ToggleFlag => self.toggle_flag(Flag::Flagged),
            Message::Changed(done, next) => self.changed(done, next),
            Message::Undo => self.undo_last(),
            Message::OverviewRead(number, read) => self.overview_read(number, *read),
            Message::Found(source, rows) => self.on_found(source, rows),
            Message::ComposerPrepared(prepared) => self.composer_prepared(*prepared),
            Message::AccountsRead(read) => self.accounts_read(*read),
            Message::Undone(done) => self.undone(done),
            Message::MarkedRead(done) => {
                if let Err(err) = done {
                    self.notice = Some(err);
                }
                self.after_change()
            }
            Message::Delete => self.delete_selected(),
            Message::MarkJunk => self.junk_selected(),
            Message::Sorting(message) => self.on_sorting(message),
            Message::MoveTo(folder) => self.file_selected(folder.id, false),
            Message::CopyTo(folder) => self.file_selected(folder.id, true),
            Message::Key(key, modifiers) => self.on_key(key, modifiers),
            Message::Walk(walk, extend) => self.walk_list(walk, extend),
            Message::ModifiersChanged(modifiers) => {
                self.modifiers = modifiers;
                self.list.set_modifiers(modifiers);
                Task::none()
            }
            Message::MouseReleased => self.mouse_released(),
            Message::Layout(message) => self.layout_changed(message),
            Message::WindowLayout(window, message) => {
                if self.windows.main == Some(window) {
                    return self.layout_changed(message);
                }
                Task::none()
            }
            Message::SettingsWritten(result) => {
                if let Err(err) = result {
                    self.notice = Some(err);
                }
                Task::none()
            }
            Message::Status(status::Message::Attend(_, action)) => self.attend(action),
            Message::Status(status::Message::Undo) => self.undo_last(),
            Message::StatusTick(now) => self.status_tick(now),
            Message::Status(message) => {
                self.statusbar.update(message);
                Task::none()
            }
            Message::SystemScheme(dark) => {
                if !self.theme_chosen {
                    self.theme = dark.map_or_else(theme::from_environment, theme::for_dark);
                }
                Task::none()
            }
            Message::Notified => Task::none(),
        }
    }

    /// The message in the reader, for tests and the window title.
    pub fn selected_message(&self) -> Option<MessageId> {
        self.list.focused()
    }

    /// The oldest notice not dismissed yet.
    pub fn notice(&self) -> Option<&str> {
        self.statusbar.first_notice()
    }

    pub fn notice_count(&self) -> usize {
        self.statusbar.notice_count()
    }

    /// An account's connectivity and sync progress as the status line words it.
    pub fn account_status(&self, account: crate::model::AccountId) -> Option<String> {
        self.statusbar.account_line(account)
    }

    /// The list's rows built now, top to bottom.
    pub fn list_rows(&self) -> &[crate::engine::api::MessageSummary] {
        self.list.rows()
    }

    /// The first words the list shows for a letter (two-line density only).
    pub fn list_preview(&self, id: MessageId) -> Option<&str> {
        self.list.preview(id)
    }

    /// The messages the next action applies to (a collapsed conversation by its row only: its
    /// other messages are added off the window's thread when the action runs).
    pub fn selection(&self) -> Vec<MessageId> {
        self.list.selection().ids
    }

    pub fn is_dark(&self) -> bool {
        self.theme == Theme::Dark
    }

    /// The main window now has this size (what its resize event does; tests call it directly).
    pub fn fit_to(&mut self, size: iced::Size) -> Task<Message> {
        self.layout_changed(layout::Message::WindowResized(size))
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    fn on_reader(&mut self, message: reader::Message) -> Task<Message> {
        let (task, event) = self.reader.update(&self.engine, message);
        let task = task.map(Message::Reader);
        match event {
            // A mailto: link in the letter opens a composer window.
            Some(reader::Event::Compose(draft)) => return Task::batch([task, self.compose_mailto(draft)]),
            Some(reader::Event::Status(status)) => self.status = status,
            Some(reader::Event::Notice(notice)) => self.notice = Some(notice),
            Some(reader::Event::SaveEml(id)) => return Task::batch([task, self.save_eml(id)]),
            None => {}
        }
        task
    }

    /// Opens a message in the reader (its row at once, the rest by tasks: the window never
    /// waits on the cache or the server, and a later click supersedes this one) and marks it
    /// read.
    pub(super) fn open(&mut self, id: MessageId) -> Task<Message> {
        let row = self.list.row(id).cloned();
        self.status_context_changed();
        // The message takes the reader pane from the outbox.
        self.outbox = None;
        self.sidebar.outbox_closed();
        // Opening marks it read: shown at once, stored off this thread, and not an Undo step
        // (the delete or move before it stays undoable).
        let mut mark_read = Task::none();
        if row.as_ref().is_some_and(|row| !row.flags.has_flag(Flag::Seen)) {
            if let Some(row) = self.list.row_mut(id) {
                row.flags.set_flag(Flag::Seen, true);
            }
            let engine = self.engine.clone();
            let change = crate::engine::api::FlagChange { flag: Flag::Seen, on: true };
            mark_read = Task::perform(
                async move { engine.flag_messages(vec![id], change).await.map(|_| ()).map_err(|e| e.to_string()) },
                Message::MarkedRead,
            );
        }
        let open = self.reader.open(&self.engine, id, row).map(Message::Reader);
        Task::batch([open, mark_read])
    }

    fn on_engine_event(&mut self, event: Event) -> Task<Message> {
        self.statusbar.on_event(&event);
        self.note_attention(&event);
        let task = match &event {
            Event::NewMail { account, count } => {
                let (email, count) = (self.statusbar.account_email(*account), *count);
                self.status = crate::fl!("notice-new-mail", account = email.clone(), count = count);
                if self.demo {
                    Task::none()
                } else {
                    Task::perform(desktop::notify_new_mail(self.engine.clone(), *account, email, count), |()| {
                        Message::Notified
                    })
                }
            }
            _ => Task::none(),
        };
        // Progress events come by the hundred: they change the status line, not the lists.
        if !matches!(event, Event::SyncProgress { .. } | Event::Connectivity { .. }) {
            return Task::batch([task, self.after_change()]);
        }
        task
    }

    /// An account waits for the user: the screen where the fix is made (a password, a
    /// certificate, the settings), or the provider's page.
    fn attend(&mut self, action: crate::engine::api::Attention) -> Task<Message> {
        if let crate::engine::api::Attention::OpenProviderPage { url: Some(url) } = &action {
            // Only the provider table's own https pages come here.
            if url.starts_with("https://")
                && let Err(err) = open::that_detached(url)
            {
                self.notice = Some(err.to_string());
            }
            return Task::none();
        }
        self.update(Message::ShowAccounts)
    }

    /// A pane or the window changed; once changes stop, the engine writes the new geometry.
    fn layout_changed(&mut self, message: layout::Message) -> Task<Message> {
        let geometry = self.layout.update(message);
        self.list.set_width(self.layout.pane_widths().1);
        self.reader.fit_height(self.layout.window_size().1);
        let Some(geometry) = geometry else { return Task::none() };
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.update_settings(move |settings| geometry.apply(settings)).await.map_err(|e| e.to_string()) },
            Message::SettingsWritten,
        )
    }

    fn sync_now(&mut self) -> Task<Message> {
        self.engine.sync_now();
        self.status = fl!("notice-checking");
        Task::none()
    }

    fn report(&mut self, error: String) -> Task<Message> {
        self.statusbar.report(error);
        Task::none()
    }
}
