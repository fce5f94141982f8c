//! What the toolbar, the keyboard and a drag do to the selected messages: read/unread, flag,
//! delete, move or copy to a folder, mark as junk. Each is one batch sent to the engine as a
//! task (the window never waits for the disk), reaches the server within seconds when online, and
//! can be undone (Ctrl+Z, or Undo beside the notice) until the next one.

use super::{App, Message};
use crate::engine::api::{BatchKind, EngineError, EngineHandle, FlagChange, Undo, Undone};
use crate::model::{Flag, FolderId, MessageId};
use crate::ui::message_list::Picked;
use futures::future::BoxFuture;
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
    /// The folders the selection can be moved (or copied) to, named as the folder tree names
    /// them ("Inbox", not the server's "INBOX"), with their account's address when there are
    /// several. A move leaves out the folder every selected letter is in already; a copy keeps it.
    pub(super) fn folder_choices(&self, copy: bool) -> Vec<FolderChoice> {
        let folders = self.sidebar.folders();
        let Some(first) = folders.first() else { return Vec::new() };
        let several = folders.iter().any(|f| f.account != first.account);
        let here = if copy { None } else { self.selection_folder() };
        folders
            .iter()
            .filter(|f| f.selectable && Some(f.id) != here)
            .map(|f| {
                // A special folder by its everyday name; another by its whole path (the tree
                // shows nested folders by their last part, indented). A server's folder name
                // cannot reorder the text around it (issue 22).
                let name = match f.role {
                    Some(_) => crate::ui::sidebar::display_name(f),
                    None => crate::engine::api::reading::display_text(&f.path),
                };
                let label = if several { format!("{}: {name}", self.sidebar.account_address(f.account)) } else { name };
                FolderChoice { id: f.id, label }
            })
            .collect()
    }

    /// The one folder every selected letter is in (None: nothing selected, or several folders,
    /// as in search results).
    fn selection_folder(&self) -> Option<FolderId> {
        let picked = self.list.selection();
        let rows = picked.ids.iter().filter_map(|id| self.list.row(*id).map(|row| row.folder));
        let mut folders = rows.chain(picked.threads.iter().map(|(folder, _)| *folder));
        let first = folders.next()?;
        folders.all(|folder| folder == first).then_some(first)
    }

    /// Something is selected in the list the user sees: the letter actions apply.
    pub(super) fn letters_picked(&self) -> bool {
        self.letters_shown() && self.list.selected_count() > 0
    }

    /// Read/unread or flagged/not for the selection: the opposite of what the focused message has.
    pub(super) fn toggle_flag(&mut self, flag: Flag) -> Task<Message> {
        let picked = self.list.selection();
        let Some(first) = self.list.focused().or(picked.ids.first().copied()) else { return Task::none() };
        let on = !self.list.row(first).is_some_and(|row| row.flags.has_flag(flag));
        self.set_flags(picked, FlagChange { flag, on })
    }

    pub(super) fn mark_read(&mut self, read: bool) -> Task<Message> {
        let picked = self.list.selection();
        self.set_flags(picked, FlagChange { flag: Flag::Seen, on: read })
    }

    /// Shows the change in the rows at once and sends the batch to the engine, off this thread.
    pub(super) fn set_flags(&mut self, picked: Picked, change: FlagChange) -> Task<Message> {
        if picked.is_empty() {
            return Task::none();
        }
        for id in &picked.ids {
            if let Some(row) = self.list.row_mut(*id) {
                row.flags.set_flag(change.flag, change.on);
            }
        }
        let engine = self.engine.clone();
        Task::perform(
            async move {
                let ids = picked.resolve_off_thread(&engine).await?;
                engine.flag_messages(ids, change).await
            },
            |done| Message::Changed(done.map_err(|e| e.to_string()), None),
        )
    }

    pub(super) fn delete_selected(&mut self) -> Task<Message> {
        let picked = self.list.selection();
        self.leave_list(picked, |engine, ids| Box::pin(async move { engine.delete_messages(ids).await }))
    }

    pub(super) fn junk_selected(&mut self) -> Task<Message> {
        let picked = self.list.selection();
        self.leave_list(picked, |engine, ids| Box::pin(async move { engine.junk_messages(ids).await }))
    }

    /// "Not junk": the filter learns the selection as good, and letters in Junk go back to the Inbox.
    pub(super) fn not_junk_selected(&mut self) -> Task<Message> {
        let picked = self.list.selection();
        self.leave_list(picked, |engine, ids| Box::pin(async move { engine.not_junk_messages(ids).await }))
    }

    /// Moves (or copies) the selection to `target`; messages of another account stay, with a notice.
    pub(super) fn file_selected(&mut self, target: FolderId, copy: bool) -> Task<Message> {
        let picked = self.list.selection();
        if copy {
            let engine = self.engine.clone();
            return Task::perform(
                async move {
                    let ids = picked.resolve_off_thread(&engine).await?;
                    engine.copy_messages(ids, target).await
                },
                |done| Message::Changed(done.map_err(|e| e.to_string()), None),
            );
        }
        self.leave_list(picked, move |engine, ids| Box::pin(async move { engine.move_messages(ids, target).await }))
    }

    /// Sends a batch that takes the messages out of this list; when it is done, the next
    /// message is shown if one was open, as a mail client does after Delete.
    fn leave_list(
        &mut self,
        picked: Picked,
        batch: impl FnOnce(EngineHandle, Vec<MessageId>) -> BoxFuture<'static, Result<Undo, EngineError>> + Send + 'static,
    ) -> Task<Message> {
        if picked.is_empty() {
            return Task::none();
        }
        // A whole conversation's letters are not all among the rows: no guess at the next.
        let next = if picked.threads.is_empty() { self.list.after_selection() } else { None };
        self.list.forget_selection();
        self.reader.clear();
        let engine = self.engine.clone();
        Task::perform(
            async move {
                let ids = picked.resolve_off_thread(&engine).await?;
                batch(engine, ids).await
            },
            move |done| Message::Changed(done.map_err(|e| e.to_string()), next),
        )
    }

    /// A batch is done: say what it did (with Undo), re-read, and show the next message.
    pub(super) fn changed(&mut self, done: Result<Undo, String>, next: Option<MessageId>) -> Task<Message> {
        match done {
            Ok(undo) => {
                for reason in &undo.skipped {
                    self.statusbar.report(reason.clone());
                }
                if undo.count > 0 {
                    self.say_with_undo(done_words(&undo), std::time::Instant::now());
                    self.undo = Some(undo);
                }
            }
            Err(err) => self.notice = Some(err),
        }
        let refresh = self.after_change();
        match next {
            Some(next) => Task::batch([refresh, self.on_list(crate::ui::message_list::Message::Select(next))]),
            None => refresh,
        }
    }

    /// Ctrl+Z or the notice's Undo: the last batch is taken back.
    pub(super) fn undo_last(&mut self) -> Task<Message> {
        let Some(undo) = self.undo.take() else { return Task::none() };
        let engine = self.engine.clone();
        Task::perform(async move { engine.undo(undo).await.map_err(|e| e.to_string()) }, Message::Undone)
    }

    pub(super) fn undone(&mut self, done: Result<Undone, String>) -> Task<Message> {
        match done {
            Ok(undone) if undone.impossible > 0 => {
                self.notice = Some(crate::fl!("notice-undo-partly", count = undone.impossible));
            }
            Ok(_) => self.status = crate::fl!("notice-undone"),
            Err(err) => self.notice = Some(err),
        }
        self.after_change()
    }

    /// A row was pressed: until the button is released, a folder under the pointer is a target.
    pub(super) fn drag_started(&mut self) {
        self.dragging = true;
        self.sidebar.set_dragging(true);
    }

    /// The mouse button went up somewhere: a drop on the folder under the pointer (Ctrl copies),
    /// or the end of a plain click.
    pub(super) fn mouse_released(&mut self) -> Task<Message> {
        // A column divider let go anywhere in the window: its width is kept.
        let resized = self.list.resize_ended();
        if resized.is_some() {
            return self.on_list_event(resized);
        }
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
}

/// "3 messages moved": what a batch did, for the status line beside Undo.
fn done_words(undo: &Undo) -> String {
    let count = undo.count;
    match undo.kind {
        BatchKind::Flagged(FlagChange { flag: Flag::Seen, on: true }) => {
            crate::fl!("notice-marked-read", count = count)
        }
        BatchKind::Flagged(FlagChange { flag: Flag::Seen, on: false }) => {
            crate::fl!("notice-marked-unread", count = count)
        }
        BatchKind::Flagged(FlagChange { on: true, .. }) => crate::fl!("notice-flagged", count = count),
        BatchKind::Flagged(FlagChange { on: false, .. }) => crate::fl!("notice-unflagged", count = count),
        BatchKind::Moved => crate::fl!("notice-moved", count = count),
        BatchKind::Copied => crate::fl!("notice-copied", count = count),
        BatchKind::Deleted => crate::fl!("notice-deleted", count = count),
        BatchKind::Junk => crate::fl!("notice-junked", count = count),
        BatchKind::NotJunk => crate::fl!("notice-not-junk", count = count),
        BatchKind::Ruled => crate::fl!("notice-ruled", count = count),
    }
}
