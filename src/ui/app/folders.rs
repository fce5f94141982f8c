//! Folder actions from the window (see `ui::folder_actions`): creating, renaming and deleting go
//! to the engine (the server follows at once); marking a folder read and emptying Trash or Junk
//! are one batch over every message. All of it runs as a task, off the window's thread.
//! Also the folder tree's events: which folder the list shows, a folder's context menu, and the
//! mark on the folders of an account that needs attention.

use super::{App, Message, menus};
use crate::engine::api::{EngineError, EngineHandle, FlagChange, MessageSummary};
use crate::model::{Flag, Flags, FolderId, MessageId};
use crate::ui::folder_actions::{self, Event};
use crate::ui::message_list::Source;
use crate::ui::sidebar;
use iced::Task;

/// Messages are read and changed this many at a time.
const CHUNK: usize = 500;

impl App {
    /// An account that waits for the user (wrong password, unknown certificate) marks its folders
    /// in the tree; back online, the mark goes.
    pub(super) fn note_attention(&mut self, event: &crate::engine::api::Event) {
        use crate::engine::api::{Connectivity, Event as EngineEvent};
        let EngineEvent::Connectivity { account, state } = event else { return };
        self.sidebar.set_attention(*account, matches!(state, Connectivity::NeedsAttention { .. }));
    }

    pub(super) fn on_folder_actions(&mut self, message: folder_actions::Message) -> Task<Message> {
        let open = self.sidebar.selected().cloned();
        let event = self.folder_actions.update(message, open.as_ref(), self.sidebar.folders());
        let engine = self.engine.clone();
        let work = async move {
            match event {
                None => Ok(None),
                Some(Event::Create { account, path }) => engine
                    .off_thread(move |engine| engine.create_folder(account, &path).map(|_| path))
                    .await
                    .map(|path| Some(crate::fl!("folders-created", path = path.as_str()))),
                Some(Event::Rename { account, from, to }) => {
                    let said = crate::fl!("folders-renamed", from = from.as_str(), to = to.as_str());
                    engine.off_thread(move |engine| engine.rename_folder(account, &from, &to)).await.map(|_| Some(said))
                }
                Some(Event::Delete { account, path }) => {
                    let said = crate::fl!("folders-deleted", path = path.as_str());
                    engine.off_thread(move |engine| engine.delete_folder(account, &path)).await.map(|_| Some(said))
                }
                Some(Event::MarkRead(folder)) => {
                    let ids = every_message(&engine, folder.id, |m| !m.flags.has(Flags::SEEN)).await?;
                    engine.flag_messages(ids, FlagChange { flag: Flag::Seen, on: true }).await?;
                    Ok(Some(crate::fl!("folders-marked-read", path = folder.path.as_str())))
                }
                Some(Event::Empty(folder)) => {
                    // Deleting in Trash or Junk removes for good (see `delete_messages`).
                    let ids = every_message(&engine, folder.id, |_| true).await?;
                    engine.delete_messages(ids).await?;
                    Ok(Some(crate::fl!("folders-emptied", path = folder.path.as_str())))
                }
            }
        };
        Task::perform(work, |done: Result<Option<String>, EngineError>| match done {
            Ok(None) => Message::FolderActionDone(Ok(String::new())),
            Ok(Some(said)) => Message::FolderActionDone(Ok(said)),
            Err(err) => Message::FolderActionDone(Err(err.to_string())),
        })
    }

    pub(super) fn on_folder_action_done(&mut self, result: Result<String, String>) -> Task<Message> {
        match result {
            Ok(status) if status.is_empty() => return Task::none(),
            Ok(status) => self.status = status,
            Err(err) => self.notice = Some(err),
        }
        Task::batch([self.read_overview(), self.show_selected_folder()])
    }
}

/// The ids of a folder's messages that pass `keep`, read a page at a time off the window's thread.
async fn every_message(
    engine: &EngineHandle,
    folder: FolderId,
    keep: impl Fn(&MessageSummary) -> bool + Send + 'static,
) -> Result<Vec<MessageId>, EngineError> {
    engine
        .off_thread(move |engine| {
            let mut ids = Vec::new();
            let mut offset = 0;
            loop {
                let page = engine.messages(folder, offset, CHUNK)?;
                ids.extend(page.iter().filter(|m| keep(m)).map(|m| m.id));
                if page.len() < CHUNK {
                    return Ok(ids);
                }
                offset += page.len();
            }
        })
        .await
}

/// The folder tree's events: a folder (or every Inbox, or the outbox) chosen, a folder's menu.
impl App {
    pub(super) fn on_sidebar(&mut self, message: sidebar::Message) -> Task<Message> {
        match self.sidebar.update(message) {
            Some(event) => self.on_sidebar_event(event),
            None => Task::none(),
        }
    }

    pub(super) fn on_sidebar_event(&mut self, event: sidebar::Event) -> Task<Message> {
        match Some(event) {
            Some(sidebar::Event::OutboxSelected) => self.show_outbox(),
            Some(sidebar::Event::FolderMenu(id)) => {
                let shown = self.on_sidebar_event(sidebar::Event::FolderSelected(id));
                let menu = self.on_menu(menus::MenuMessage::Open(menus::Menu::Folder(id)));
                Task::batch([shown, menu])
            }
            Some(sidebar::Event::FolderSelected(_) | sidebar::Event::AllInboxesSelected) => {
                // The person went elsewhere: what was said about the last folder is done with
                // (a folder shown again after an action keeps the action's words).
                self.status_context_changed();
                self.outbox = None;
                self.search.clear();
                self.reader.clear();
                self.show_selected_folder()
            }
            None => Task::none(),
        }
    }

    pub(super) fn show_selected_folder(&mut self) -> Task<Message> {
        let source = match self.sidebar.selected() {
            Some(folder) => Source::Folder(folder.id),
            None if self.sidebar.all_inboxes_selected() => Source::AllInboxes,
            None => return Task::none(),
        };
        self.sidebar.set_searching(false);
        self.found_asked = None;
        self.show_list_for_selected_folder();
        let scrolled = self.list.show(source).map(Message::List);
        Task::batch([scrolled, self.list_read()])
    }
}
