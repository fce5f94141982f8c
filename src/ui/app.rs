//! The main window: the three panes, the toolbar and the status line. `update` is a routing
//! table; each pane owns its state and hands events up; the engine is reached only through
//! `engine::api` (queries here are cheap SQLite reads; network work runs as tasks).

mod compose;
mod desktop;
mod mail_files;
mod setup;

use super::accounts::{self, Accounts};
use super::composer::{self, Composer};
use super::import::{self, Import};
use super::message_list::{self, MessageList, Source};
use super::reader::{self, Reader};
use super::sidebar::{self, Sidebar};
use super::wizard::{self, Wizard};
use super::{engine_link, instance_link, theme};
use crate::engine::api::discovery::{Lookups, NetLookups};
use crate::engine::api::{Connectivity, EngineHandle, Event, FlagChange, MessageView, SendOutcome};
use crate::model::{Flags, MessageId};
use crate::platform::mailto::MailtoDraft;
use crate::platform::single_instance::{Forwarded, Listener};
use iced::keyboard::{self, Key, Modifiers};
use iced::widget::{button, column, container, row, rule, text, text_input};
use iced::{Element, Length, Subscription, Task, Theme};
use std::sync::Arc;

pub fn run(engine: EngineHandle, demo: bool, compose: Option<MailtoDraft>, instance: Option<Listener>) -> iced::Result {
    let instance = instance.map(Arc::new);
    if !demo && let Err(err) = engine.start_background_sync() {
        tracing::warn!("background sync could not start: {err}");
    }
    let boot = move || {
        let (mut app, task) = App::new(engine.clone(), demo);
        app.instance = instance.clone();
        if let Some(draft) = compose.clone() {
            app.compose_mailto(draft);
        }
        (app, task)
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .window_size((1200.0, 760.0))
        .run()
}

pub struct App {
    engine: EngineHandle,
    /// How the wizard's discovery reaches the network (scripted in tests).
    lookups: Arc<dyn Lookups>,
    demo: bool,
    theme: Theme,
    sidebar: Sidebar,
    list: MessageList,
    reader: Reader,
    /// A letter being written, shown instead of the reader.
    composer: Option<Composer>,
    /// The account wizard, shown instead of the panes (first run, or "Add account").
    wizard: Option<Wizard>,
    /// The accounts screen (edit, remove), shown instead of the panes.
    accounts: Option<Accounts>,
    /// The import screen, shown instead of the panes.
    import: Option<Import>,
    /// This profile's socket, where later starts of Pochta forward their requests.
    instance: Option<Arc<Listener>>,
    search: String,
    status: String,
    notice: Option<String>,
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
    List(message_list::Message),
    Reader(reader::Message),
    Engine(Event),
    Opened(MessageId, Result<Box<MessageView>, String>),
    Saved(Result<std::path::PathBuf, String>),
    /// Where the file dialog said to save the message as .eml (None: cancelled).
    SaveEmlTo(MessageId, Option<std::path::PathBuf>),
    Compose(ComposeKind),
    Composer(composer::Message),
    SendFinished(Result<SendOutcome, String>),
    AddAccount,
    ShowAccounts,
    Accounts(accounts::Message),
    AccountRemoved(Result<String, String>),
    ShowImport,
    Import(import::Message),
    /// A later start of Pochta on this profile asked for the window (or a composer).
    Forwarded(Forwarded),
    Wizard(wizard::Message),
    Discovered(Result<Box<crate::engine::api::discovery::Discovery>, String>),
    Tested(Result<crate::engine::api::CheckReport, String>),
    AccountSaved(Result<String, String>),
    SearchChanged(String),
    SyncNow,
    ToggleRead,
    ToggleFlag,
    Delete,
    Key(Key, Modifiers),
    DismissNotice,
}

impl App {
    pub fn new(engine: EngineHandle, demo: bool) -> (App, Task<Message>) {
        App::with_lookups(engine, demo, Arc::new(NetLookups::new()))
    }

    /// The window with the wizard's network lookups supplied (tests point them at the harness).
    pub fn with_lookups(engine: EngineHandle, demo: bool, lookups: Arc<dyn Lookups>) -> (App, Task<Message>) {
        let mut app = App {
            engine,
            lookups,
            demo,
            theme: theme::from_environment(),
            sidebar: Sidebar::default(),
            list: MessageList::default(),
            reader: Reader::default(),
            composer: None,
            wizard: None,
            accounts: None,
            import: None,
            instance: None,
            search: String::new(),
            status: String::new(),
            notice: None,
        };
        app.reload_folders();
        if !demo && app.engine.accounts().is_ok_and(|accounts| accounts.is_empty()) {
            app.wizard = Some(Wizard::default());
        }
        let task = match app.sidebar.first_inbox() {
            Some(inbox) => app.update(Message::Sidebar(sidebar::Message::Select(inbox))),
            None => Task::none(),
        };
        (app, task)
    }

    fn title(&self) -> String {
        if self.demo { crate::fl!("app-title-demo") } else { crate::fl!("app-title") }
    }

    fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let forwarded =
            self.instance.as_ref().map(|listener| instance_link::forwarded(listener).map(Message::Forwarded));
        Subscription::batch(
            [
                engine_link::events(&self.engine).map(Message::Engine),
                keyboard::listen().filter_map(|event| match event {
                    keyboard::Event::KeyPressed { key, modifiers, .. } => Some(Message::Key(key, modifiers)),
                    _ => None,
                }),
            ]
            .into_iter()
            .chain(forwarded),
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Sidebar(message) => self.on_sidebar(message),
            Message::List(message) => self.on_list(message),
            Message::Reader(message) => match self.reader.update(message) {
                Some(reader::Event::SaveAttachment(id, part_index)) => self.save_attachment(id, part_index),
                Some(reader::Event::SaveEml(id)) => self.save_eml(id),
                None => Task::none(),
            },
            Message::SaveEmlTo(id, path) => self.save_eml_to(id, path),
            Message::Saved(result) => {
                match result {
                    Ok(path) => self.status = format!("Saved {}", path.display()),
                    Err(err) => self.notice = Some(err),
                }
                Task::none()
            }
            Message::Engine(event) => self.on_engine_event(event),
            Message::Opened(id, result) => {
                self.reader.loaded(id, result.map(|view| *view));
                Task::none()
            }
            Message::SearchChanged(query) => self.on_search(query),
            Message::Compose(kind) => self.compose(kind),
            Message::Composer(message) => self.on_composer(message),
            Message::SendFinished(result) => self.on_send_finished(result),
            Message::AddAccount => {
                self.wizard = Some(Wizard::default());
                Task::none()
            }
            Message::ShowAccounts => {
                match self.engine.accounts() {
                    Ok(list) => self.accounts = Some(Accounts::new(list)),
                    Err(err) => self.notice = Some(err.to_string()),
                }
                Task::none()
            }
            Message::Accounts(message) => self.on_accounts(message),
            Message::ShowImport => self.show_import(),
            Message::Import(message) => self.on_import(message),
            Message::Forwarded(forwarded) => self.on_forwarded(forwarded),
            Message::AccountRemoved(result) => {
                match result {
                    Ok(email) => self.status = format!("Removed {email}"),
                    Err(err) => self.notice = Some(err),
                }
                self.refresh();
                self.update(Message::ShowAccounts)
            }
            Message::Wizard(message) => self.on_wizard(message),
            Message::Discovered(result) => {
                if let Some(wizard) = self.wizard.as_mut() {
                    wizard.discovered(result.map(|d| *d), &crate::platform::locale::language());
                }
                Task::none()
            }
            Message::Tested(result) => {
                let event = self.wizard.as_mut().and_then(|wizard| wizard.tested(result));
                self.on_wizard_event(event)
            }
            Message::AccountSaved(result) => self.on_account_saved(result),
            Message::SyncNow => self.sync_now(),
            Message::ToggleRead => self.toggle_flag(Flags::SEEN),
            Message::ToggleFlag => self.toggle_flag(Flags::FLAGGED),
            Message::Delete => self.delete_selected(),
            Message::Key(key, modifiers) => self.on_key(key, modifiers),
            Message::DismissNotice => {
                self.notice = None;
                Task::none()
            }
        }
    }

    /// The pane state, for tests and the window title.
    pub fn selected_message(&self) -> Option<MessageId> {
        self.list.selected()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn on_sidebar(&mut self, message: sidebar::Message) -> Task<Message> {
        match self.sidebar.update(message) {
            Some(sidebar::Event::FolderSelected(_)) => {
                self.search.clear();
                self.reader.clear();
                self.show_selected_folder()
            }
            None => Task::none(),
        }
    }

    fn show_selected_folder(&mut self) -> Task<Message> {
        let Some(folder) = self.sidebar.selected() else { return Task::none() };
        let (id, total) = (folder.id, folder.total as usize);
        match self.list.show(&self.engine, Source::Folder(id), total) {
            Ok(task) => task.map(Message::List),
            Err(err) => self.report(err),
        }
    }

    fn on_list(&mut self, message: message_list::Message) -> Task<Message> {
        let (event, error) = self.list.update(&self.engine, message);
        if let Some(error) = error {
            self.notice = Some(error);
        }
        match event {
            Some(message_list::Event::Selected(id)) => self.open(id),
            None => Task::none(),
        }
    }

    /// Shows a message at once from the cache (and marks it read); fetches its body when the
    /// cache has none.
    fn open(&mut self, id: MessageId) -> Task<Message> {
        let view = match self.engine.message(id) {
            Ok(view) => view,
            Err(err) => return self.report(err.to_string()),
        };
        if !view.summary.flags.has(Flags::SEEN) {
            self.set_flag(id, Flags::SEEN, true);
        }
        let complete = view.text.is_some();
        self.reader.show(view, complete);
        if complete {
            return Task::none();
        }
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.open_message(id).await.map(Box::new).map_err(|e| e.to_string()) },
            move |result| Message::Opened(id, result),
        )
    }

    /// Saves into the user's Downloads folder (the name sanitised by the engine, never
    /// overwriting) and says where.
    fn save_attachment(&mut self, id: MessageId, part_index: usize) -> Task<Message> {
        let folder = directories::UserDirs::new()
            .and_then(|dirs| dirs.download_dir().map(std::path::Path::to_path_buf))
            .unwrap_or_else(std::env::temp_dir);
        let engine = self.engine.clone();
        self.status = "Saving the attachment…".into();
        Task::perform(
            async move { engine.save_attachment(id, part_index, &folder).await.map_err(|e| e.to_string()) },
            Message::Saved,
        )
    }

    fn on_engine_event(&mut self, event: Event) -> Task<Message> {
        match event {
            Event::SyncProgress { folder, done, total, .. } => {
                self.status = format!("Syncing {folder}: {done} of {total}");
            }
            Event::Connectivity { state: Connectivity::Offline { reason }, .. } => {
                self.status = format!("Offline: {reason}");
            }
            Event::Connectivity { state: Connectivity::Online, .. } => self.status = "Online".into(),
            Event::NewMail { count, .. } => self.status = format!("{count} new messages"),
            Event::FoldersChanged { .. }
            | Event::AccountsChanged
            | Event::OutboxChanged { .. }
            | Event::DraftsChanged
            | Event::Overflow => {}
        }
        self.refresh();
        Task::none()
    }

    /// Re-reads the folder counts and the rows in view after a change; opens the first Inbox
    /// when nothing was open yet (a new account's first sync).
    fn refresh(&mut self) {
        self.reload_folders();
        if self.sidebar.selected().is_none()
            && let Some(inbox) = self.sidebar.first_inbox()
        {
            let _ = self.sidebar.update(sidebar::Message::Select(inbox));
            if self.search.is_empty() {
                let _ = self.show_selected_folder();
            }
            return;
        }
        let total = self.sidebar.selected().map(|f| f.total as usize).filter(|_| self.search.is_empty());
        if let Err(err) = self.list.refresh(&self.engine, total) {
            self.notice = Some(err);
        }
    }

    fn reload_folders(&mut self) {
        match self.engine.folders(None) {
            Ok(folders) => self.sidebar.set_folders(folders),
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    fn on_search(&mut self, query: String) -> Task<Message> {
        self.search = query;
        if self.search.trim().is_empty() {
            return self.show_selected_folder();
        }
        match self.list.show(&self.engine, Source::Search(self.search.clone()), 0) {
            Ok(task) => task.map(Message::List),
            Err(err) => self.report(err),
        }
    }

    fn sync_now(&mut self) -> Task<Message> {
        self.engine.sync_now();
        self.status = "Checking for new mail…".into();
        Task::none()
    }

    fn toggle_flag(&mut self, flag: u8) -> Task<Message> {
        let Some(id) = self.list.selected() else { return Task::none() };
        let on = !self.list.row(id).is_some_and(|row| row.flags.has(flag));
        self.set_flag(id, flag, on);
        Task::none()
    }

    /// Changes a flag in the engine (queued for the server) and in the rows on screen at once.
    fn set_flag(&mut self, id: MessageId, flag: u8, on: bool) {
        if let Err(err) = self.engine.set_flags(id, &[FlagChange { flag, on }]) {
            self.notice = Some(err.to_string());
            return;
        }
        if let Some(row) = self.list.row_mut(id) {
            row.flags.set(flag, on);
        }
        self.reload_folders();
    }

    fn delete_selected(&mut self) -> Task<Message> {
        let Some(id) = self.list.selected() else { return Task::none() };
        let next = self.list.neighbour(1).filter(|next| *next != id).or(self.list.neighbour(-1));
        if let Err(err) = self.engine.delete_message(id) {
            return self.report(err.to_string());
        }
        self.reader.clear();
        self.refresh();
        match next {
            Some(next) => self.on_list(message_list::Message::Select(next)),
            None => Task::none(),
        }
    }

    /// Shortcuts close to Thunderbird's: N/P next/previous, M read/unread, S flag, Delete;
    /// Ctrl+N write, Ctrl+R reply, Ctrl+Shift+R reply all, Ctrl+L forward, Ctrl+Enter send.
    fn on_key(&mut self, key: Key, modifiers: Modifiers) -> Task<Message> {
        if modifiers.control() {
            let kind = match key.as_ref() {
                Key::Character("n") => ComposeKind::New,
                Key::Character("r") if modifiers.shift() => ComposeKind::ReplyAll,
                Key::Character("r") | Key::Character("R") => ComposeKind::Reply,
                Key::Character("l") => ComposeKind::Forward,
                Key::Named(keyboard::key::Named::Enter) => return self.on_composer(composer::Message::Send),
                _ => return Task::none(),
            };
            return self.compose(kind);
        }
        if modifiers.alt() || self.composer.is_some() {
            return Task::none();
        }
        let step = match key.as_ref() {
            Key::Character("n") | Key::Named(keyboard::key::Named::ArrowDown) => 1,
            Key::Character("p") | Key::Named(keyboard::key::Named::ArrowUp) => -1,
            Key::Character("m") => return self.toggle_flag(Flags::SEEN),
            Key::Character("s") => return self.toggle_flag(Flags::FLAGGED),
            Key::Named(keyboard::key::Named::Delete) => return self.delete_selected(),
            Key::Named(keyboard::key::Named::F5) => return self.sync_now(),
            _ => return Task::none(),
        };
        match self.list.neighbour(step) {
            Some(id) => self.on_list(message_list::Message::Select(id)),
            None => Task::none(),
        }
    }

    /// "2 in the outbox, 5 changes waiting for the server": what has not reached a server yet.
    fn queue_summary(&self) -> String {
        let outbox = self.engine.outbox().map(|o| o.len()).unwrap_or(0);
        let pending = self.engine.pending_operations().unwrap_or(0);
        let mut parts = Vec::new();
        if outbox > 0 {
            parts.push(format!("{outbox} in the outbox"));
        }
        if pending > 0 {
            parts.push(format!("{pending} changes waiting for the server"));
        }
        parts.join(", ")
    }

    fn report(&mut self, error: String) -> Task<Message> {
        self.notice = Some(error);
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let toolbar = row![
            button(text("Get mail")).on_press(Message::SyncNow),
            button(text("Add account")).on_press(Message::AddAccount),
            button(text("Accounts")).on_press(Message::ShowAccounts),
            button(text("Write")).on_press(Message::Compose(ComposeKind::New)),
            button(text("Reply")).on_press(Message::Compose(ComposeKind::Reply)),
            button(text("Reply all")).on_press(Message::Compose(ComposeKind::ReplyAll)),
            button(text("Forward")).on_press(Message::Compose(ComposeKind::Forward)),
            button(text("Read/Unread")).on_press(Message::ToggleRead),
            button(text("Flag")).on_press(Message::ToggleFlag),
            button(text("Delete")).on_press(Message::Delete),
            text_input("Search mail", &self.search).on_input(Message::SearchChanged).width(Length::Fixed(280.0)),
        ]
        .spacing(theme::SPACING)
        .padding(theme::PADDING);
        let panes = row![
            self.sidebar.view().map(Message::Sidebar),
            rule::vertical(1),
            container(self.list.view().map(Message::List)).width(Length::Fixed(theme::LIST_WIDTH)).height(Length::Fill),
            rule::vertical(1),
            container(match &self.composer {
                Some(composer) => composer.view().map(Message::Composer),
                None => self.reader.view().map(Message::Reader),
            })
            .width(Length::Fill)
            .height(Length::Fill),
        ];
        let mut page = column![toolbar, rule::horizontal(1)];
        if let Some(notice) = &self.notice {
            page = page.push(
                container(row![
                    text(notice.clone()).width(Length::Fill),
                    button(text("Dismiss")).on_press(Message::DismissNotice)
                ])
                .padding(theme::PADDING)
                .style(theme::notice),
            );
        }
        let main: Element<'_, Message> = match (&self.wizard, &self.accounts, &self.import) {
            (Some(wizard), _, _) => wizard.view().map(Message::Wizard),
            (None, Some(accounts), _) => accounts.view().map(Message::Accounts),
            (None, None, Some(import)) => import.view().map(Message::Import),
            (None, None, None) => panes.into(),
        };
        page.push(main)
            .push(rule::horizontal(1))
            .push(
                container(row![
                    text(self.status.clone()).size(theme::SMALL_SIZE).width(Length::Fill),
                    text(self.queue_summary()).size(theme::SMALL_SIZE),
                ])
                .padding(4),
            )
            .into()
    }
}
