//! Keyboard shortcuts close to Thunderbird's: N/P (and the arrows) next/previous, R read,
//! M read/unread, S flag, J junk, Delete; Ctrl+A select all, Ctrl+N write, Ctrl+R reply,
//! Ctrl+Shift+R reply all, Ctrl+L forward, Ctrl+K / Ctrl+F search, Ctrl+Enter send, F5 get mail,
//! Ctrl+Z undo the last move, delete, junk or mark.

use super::{App, ComposeKind, Message, search_id};
use crate::model::Flag;
use crate::ui::message_list;
use iced::Task;
use iced::keyboard::{Key, Modifiers, key::Named};

impl App {
    pub(super) fn on_key(&mut self, key: Key, modifiers: Modifiers) -> Task<Message> {
        if modifiers.control() {
            let kind = match key.as_ref() {
                Key::Character("n") => ComposeKind::New,
                Key::Character("r" | "R") if modifiers.shift() => ComposeKind::ReplyAll,
                Key::Character("r") => ComposeKind::Reply,
                Key::Character("l") => ComposeKind::Forward,
                Key::Character("k" | "f") => return iced::widget::operation::focus(search_id()),
                Key::Character("z") if !modifiers.shift() => return self.undo_last(),
                Key::Character("a") => {
                    if let Err(err) = self.list.select_all(&self.engine) {
                        self.statusbar.report(err);
                    }
                    return Task::none();
                }
                _ => return Task::none(),
            };
            return self.compose(kind);
        }
        if modifiers.alt() {
            return Task::none();
        }
        let step = match key.as_ref() {
            Key::Character("n") | Key::Named(Named::ArrowDown) => 1,
            Key::Character("p") | Key::Named(Named::ArrowUp) => -1,
            Key::Character("r") => return self.mark_read(true),
            Key::Character("m") => return self.toggle_flag(Flag::Seen),
            Key::Character("s") => return self.toggle_flag(Flag::Flagged),
            Key::Character("j") => return self.junk_selected(),
            Key::Named(Named::Delete) => return self.delete_selected(),
            Key::Named(Named::F5) => return self.sync_now(),
            _ => return Task::none(),
        };
        match self.list.neighbour(step) {
            Some(id) => self.on_list(message_list::Message::Select(id)),
            None => Task::none(),
        }
    }
}
