//! Folder actions from the window (see `ui::folder_actions`): creating, renaming and deleting go
//! to the engine at once (the server follows at the next sync); marking a folder read and
//! emptying Trash or Junk touch every message, so they run as a task off the UI thread.

use super::{App, Message};
use crate::engine::api::FlagChange;
use crate::model::Flags;
use crate::ui::folder_actions::{self, Event};
use iced::Task;

/// Messages are read and changed this many at a time.
const CHUNK: usize = 500;

impl App {
    pub(super) fn on_folder_actions(&mut self, message: folder_actions::Message) -> Task<Message> {
        let open = self.sidebar.selected().cloned();
        let event = self.folder_actions.update(message, open.as_ref(), self.sidebar.folders());
        let engine = self.engine.clone();
        let done = match event {
            None => return Task::none(),
            Some(Event::Create { account, path }) => {
                engine.create_folder(&account, &path).map(|_| crate::fl!("folders-created", path = path.as_str()))
            }
            Some(Event::Rename { account, from, to }) => engine
                .rename_folder(&account, &from, &to)
                .map(|_| crate::fl!("folders-renamed", from = from.as_str(), to = to.as_str())),
            Some(Event::Delete { account, path }) => {
                engine.delete_folder(&account, &path).map(|_| crate::fl!("folders-deleted", path = path.as_str()))
            }
            Some(Event::MarkRead(folder)) => {
                return Task::perform(
                    async move {
                        let changes = [FlagChange { flag: Flags::SEEN, on: true }];
                        let mut offset = 0;
                        loop {
                            let page = engine.messages(folder.id, offset, CHUNK).map_err(|e| e.to_string())?;
                            for message in page.iter().filter(|m| !m.flags.has(Flags::SEEN)) {
                                engine.set_flags(message.id, &changes).map_err(|e| e.to_string())?;
                            }
                            if page.len() < CHUNK {
                                return Ok(crate::fl!("folders-marked-read", path = folder.path.as_str()));
                            }
                            offset += page.len();
                        }
                    },
                    Message::FolderActionDone,
                );
            }
            Some(Event::Empty(folder)) => {
                return Task::perform(
                    async move {
                        // Deleting takes each message out of the folder: always read the first page.
                        loop {
                            let page = engine.messages(folder.id, 0, CHUNK).map_err(|e| e.to_string())?;
                            for message in &page {
                                engine.delete_message(message.id).map_err(|e| e.to_string())?;
                            }
                            if page.len() < CHUNK {
                                return Ok(crate::fl!("folders-emptied", path = folder.path.as_str()));
                            }
                        }
                    },
                    Message::FolderActionDone,
                );
            }
        };
        self.on_folder_action_done(done.map_err(|e| e.to_string()))
    }

    pub(super) fn on_folder_action_done(&mut self, result: Result<String, String>) -> Task<Message> {
        match result {
            Ok(status) => self.status = status,
            Err(err) => self.notice = Some(err),
        }
        self.reload_folders();
        self.show_selected_folder()
    }
}
