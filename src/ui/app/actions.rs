//! What the toolbar, the keyboard and a drag do to the selected messages: read/unread, flag,
//! delete, move or copy to a folder, mark as junk. Each shows at once (the engine changes the
//! cache) and waits in the engine's queue for the server.

use super::{App, Message};
use crate::engine::api::FlagChange;
use crate::model::{Flags, FolderId, MessageId};
use iced::Task;
use std::fmt;

/// A folder in the "Move to" / "Copy to" menus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderChoice {
    pub id: FolderId,
    pub label: String,
}

impl fmt::Display for FolderChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl App {
    /// The folders a message can go to, labelled with their account when there are several.
    pub(super) fn folder_choices(&self) -> Vec<FolderChoice> {
        let folders = self.sidebar.folders();
        let several = folders.iter().any(|f| f.account != folders[0].account);
        folders
            .iter()
            .filter(|f| f.selectable)
            .map(|f| FolderChoice {
                id: f.id,
                // A server's folder name cannot reorder the text around it (issue 22).
                label: {
                    let path = crate::engine::api::reading::display_text(&f.path);
                    if several { format!("{}: {path}", f.account) } else { path }
                },
            })
            .collect()
    }

    /// Read/unread or flagged/not for the selection: the opposite of what the focused message has.
    pub(super) fn toggle_flag(&mut self, flag: u8) -> Task<Message> {
        let ids = self.list.selection(&self.engine);
        let Some(first) = self.list.focused().or(ids.first().copied()) else { return Task::none() };
        let on = !self.list.row(first).is_some_and(|row| row.flags.has(flag));
        self.set_flags(&ids, flag, on);
        Task::none()
    }

    pub(super) fn mark_read(&mut self, read: bool) -> Task<Message> {
        let ids = self.list.selection(&self.engine);
        self.set_flags(&ids, Flags::SEEN, read);
        Task::none()
    }

    fn set_flags(&mut self, ids: &[MessageId], flag: u8, on: bool) {
        for id in ids {
            self.set_flag(*id, flag, on);
        }
        self.after_change();
    }

    /// Changes a flag in the engine (queued for the server) and in the rows on screen at once.
    pub(super) fn set_flag(&mut self, id: MessageId, flag: u8, on: bool) {
        if let Err(err) = self.engine.set_flags(id, &[FlagChange { flag, on }]) {
            self.statusbar.report(err.to_string());
            return;
        }
        if let Some(row) = self.list.row_mut(id) {
            row.flags.set(flag, on);
        }
    }

    pub(super) fn delete_selected(&mut self) -> Task<Message> {
        let ids = self.list.selection(&self.engine);
        self.apply_and_advance(&ids, |app, id| app.engine.delete_message(id).map_err(|e| e.to_string()))
    }

    pub(super) fn junk_selected(&mut self) -> Task<Message> {
        let ids = self.list.selection(&self.engine);
        self.apply_and_advance(&ids, |app, id| app.engine.mark_junk(id).map_err(|e| e.to_string()))
    }

    /// Moves (or copies) the selection to `target`; messages of another account stay, with a notice.
    pub(super) fn file_selected(&mut self, target: FolderId, copy: bool) -> Task<Message> {
        let Some(folder) = self.sidebar.folder(target).cloned() else { return Task::none() };
        let ids = self.list.selection(&self.engine);
        let file = move |app: &mut App, id: MessageId| {
            let summary = app.engine.message_summary(id).map_err(|e| e.to_string())?;
            if summary.account != folder.account {
                return Err(crate::fl!("error-other-account", folder = folder.path.clone()));
            }
            let done = if copy {
                app.engine.copy_message(id, &folder.path)
            } else {
                app.engine.move_message(id, &folder.path)
            };
            done.map_err(|e| e.to_string())
        };
        if copy {
            for id in &ids {
                if let Err(err) = file(self, *id) {
                    self.statusbar.report(err);
                }
            }
            self.status = crate::fl!("notice-copied", count = ids.len());
            self.after_change();
            return Task::none();
        }
        let task = self.apply_and_advance(&ids, file);
        self.status = crate::fl!("notice-moved", count = ids.len());
        task
    }

    /// Runs `change` on each message (they leave the list), then shows the next message when one
    /// was open, as a mail client does after Delete.
    fn apply_and_advance(
        &mut self,
        ids: &[MessageId],
        change: impl Fn(&mut App, MessageId) -> Result<(), String>,
    ) -> Task<Message> {
        if ids.is_empty() {
            return Task::none();
        }
        let focused = self.list.focused();
        let next = focused
            .filter(|_| ids.len() == 1)
            .and_then(|id| self.list.neighbour(1).filter(|next| *next != id).or(self.list.neighbour(-1)));
        for id in ids {
            if let Err(err) = change(self, *id) {
                self.statusbar.report(err);
            }
        }
        self.list.forget_selection();
        self.reader.clear();
        self.after_change();
        match next {
            Some(next) => self.on_list(crate::ui::message_list::Message::Select(next)),
            None => Task::none(),
        }
    }

    /// A row was pressed: until the button is released, a folder under the pointer is a target.
    pub(super) fn drag_started(&mut self) {
        self.dragging = true;
        self.sidebar.set_dragging(true);
    }

    /// The mouse button went up somewhere: a drop on the folder under the pointer (Ctrl copies),
    /// or the end of a plain click.
    pub(super) fn mouse_released(&mut self) -> Task<Message> {
        if !std::mem::take(&mut self.dragging) {
            return Task::none();
        }
        self.sidebar.set_dragging(false);
        let target =
            self.sidebar.hovered().map(|f| f.id).filter(|id| Some(*id) != self.sidebar.selected().map(|f| f.id));
        match target {
            Some(folder) => {
                self.list.drop_done();
                self.file_selected(folder, self.modifiers.control())
            }
            None => match self.list.press_ended() {
                Some(crate::ui::message_list::Event::Selected(id)) => self.open(id),
                _ => Task::none(),
            },
        }
    }

    /// After any change: the folder counts, the rows in view, what waits for the server.
    pub(super) fn after_change(&mut self) {
        self.refresh();
        self.statusbar.refresh_counts(&self.engine);
    }
}
