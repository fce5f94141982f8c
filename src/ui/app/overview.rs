//! What the window shows about every account beside the message list: the folder tree and its
//! counts, the outbox (its count; its letters and the drafts when the pane is open), the changes
//! waiting for a server and the accounts' names. Read off the window's thread after each change;
//! reads are numbered, and one that returns after a newer one was shown is dropped (reads run in
//! parallel on the engine's pool and may finish in any order).

use super::{App, Message};
use crate::engine::api::{DraftInfo, EngineError, EngineHandle, FolderInfo, OutboxItem};
use crate::model::AccountId;
use crate::ui::outbox::Outbox;
use crate::ui::sidebar;
use iced::Task;

/// One read of everything the overview shows.
#[derive(Debug, Clone)]
pub struct Overview {
    folders: Vec<FolderInfo>,
    outbox_len: usize,
    /// The outbox pane's content, read only while it is open.
    outbox: Option<(Vec<OutboxItem>, Vec<DraftInfo>)>,
    pending: u64,
    accounts: Vec<(AccountId, String)>,
}

/// The numbers of the last read started and of the last one shown.
#[derive(Debug, Default)]
pub(super) struct Reading {
    started: u64,
    shown: u64,
}

impl Overview {
    /// Reads it all (on the engine's blocking pool: several store queries).
    fn read(engine: &EngineHandle, with_outbox: bool) -> Result<Overview, EngineError> {
        let outbox = if with_outbox { Some((engine.outbox()?, engine.drafts()?)) } else { None };
        // The pane's letters are the whole outbox: their number needs no second read.
        let outbox_len = match &outbox {
            Some((items, _)) => items.len(),
            None => engine.outbox_len()?,
        };
        Ok(Overview {
            folders: engine.folders(None)?,
            outbox_len,
            outbox,
            pending: engine.pending_operations()?,
            accounts: engine.account_ids()?,
        })
    }
}

impl App {
    /// After any change: re-read the overview (off the window's thread) and the rows in view.
    pub(super) fn after_change(&mut self) -> Task<Message> {
        // A search's rows or a folder's page, read again off this thread.
        let rows = match self.list.found_source() {
            Some(source) => self.read_found(source),
            None => {
                self.list.refresh();
                self.list_read()
            }
        };
        Task::batch([rows, self.read_overview()])
    }

    pub(super) fn read_overview(&mut self) -> Task<Message> {
        self.reading.started += 1;
        let number = self.reading.started;
        let engine = self.engine.clone();
        let with_outbox = self.outbox.is_some();
        Task::perform(
            async move {
                let read = engine.off_thread(move |engine| Overview::read(engine, with_outbox)).await;
                Box::new(read.map_err(|err| err.to_string()))
            },
            move |read| Message::OverviewRead(number, read),
        )
    }

    pub(super) fn overview_read(&mut self, number: u64, read: Result<Overview, String>) -> Task<Message> {
        if number < self.reading.shown {
            return Task::none();
        }
        self.reading.shown = number;
        match read {
            Ok(overview) => self.show_overview(overview),
            Err(err) => self.notice = Some(err),
        }
        self.open_first_inbox()
    }

    /// Applies a read at once (the window's start, which reads before its first frame).
    pub(super) fn show_overview(&mut self, overview: Overview) {
        // The list names the folders of search results as the tree does, when it draws them.
        self.list.set_folders(&overview.folders);
        self.sidebar.set_folders(overview.folders, overview.accounts.clone());
        self.sidebar.set_outbox_count(overview.outbox_len);
        if let (Some(_), Some((items, drafts))) = (&self.outbox, overview.outbox) {
            self.outbox = Some(Outbox::new(items, drafts, overview.accounts.clone()));
        }
        self.statusbar.set_counts(overview.outbox_len, overview.pending, overview.accounts);
    }

    /// The window's start: one read before the first frame.
    pub(super) fn read_overview_now(&mut self) {
        match Overview::read(&self.engine, self.outbox.is_some()) {
            Ok(overview) => self.show_overview(overview),
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    /// Nothing open yet and an Inbox exists now (a new account's first sync): open it.
    fn open_first_inbox(&mut self) -> Task<Message> {
        if self.sidebar.selected().is_some() || self.sidebar.all_inboxes_selected() || self.outbox.is_some() {
            return Task::none();
        }
        let Some(inbox) = self.sidebar.first_inbox() else { return Task::none() };
        let _ = self.sidebar.update(sidebar::Message::Select(inbox));
        if self.search.is_empty() { self.show_selected_folder() } else { Task::none() }
    }
}
