//! Keyboard shortcuts close to Thunderbird's: N next unread, F next message, B/P previous (and
//! the arrows), PgUp/PgDn a page, Home/End the first and last letter (with Shift each of these
//! grows the selection), R read, M read/unread, S flag, J junk, Shift+J not junk, Delete; Ctrl+A
//! select all, Ctrl+N write, Ctrl+R reply, Ctrl+Shift+R reply all, Ctrl+L forward, Ctrl+K /
//! Ctrl+F search, Escape clears the search and returns to the folder, F5 get mail, F1 the list of
//! shortcuts (its own window), Ctrl+Z undo the last move, delete, junk or mark.

use super::{App, ComposeKind, Message, search_id};
use crate::model::{Flag, Flags, MessageId};
use crate::ui::{message_list, theme};
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::{Column, column, container, row, scrollable, text};
use iced::{Element, Length, Task};

/// Every shortcut of the main window and the composer, as (keys, what the key does) key pairs.
const SHORTCUTS: &[(&str, &str)] = &[
    ("N", "keys-next-unread"),
    ("F / ↓", "keys-next"),
    ("B / P / ↑", "keys-previous"),
    ("PgDn / PgUp", "keys-page"),
    ("Home / End", "keys-first-last"),
    ("Shift+↓ / Shift+↑", "keys-extend"),
    ("R", "keys-mark-read"),
    ("M", "keys-toggle-read"),
    ("S", "keys-flag"),
    ("J", "keys-junk"),
    ("Shift+J", "keys-not-junk"),
    ("Delete", "keys-delete"),
    ("Enter", "keys-continue-draft"),
    ("Ctrl+A", "keys-select-all"),
    ("Ctrl+N", "keys-write"),
    ("Ctrl+R", "keys-reply"),
    ("Ctrl+Shift+R", "keys-reply-all"),
    ("Ctrl+L", "keys-forward"),
    ("Ctrl+K / Ctrl+F", "keys-search"),
    ("Escape", "keys-clear-search"),
    ("F5", "keys-get-mail"),
    ("F1", "keys-this-list"),
    ("Ctrl+Enter", "keys-send"),
    ("Ctrl+S", "keys-save-draft"),
    ("Ctrl+W", "keys-close-letter"),
    ("Tab / Shift+Tab", "keys-next-field"),
    ("Ctrl+Z / Ctrl+Shift+Z", "keys-undo-redo"),
];

impl App {
    pub(super) fn on_key(&mut self, key: Key, modifiers: Modifiers) -> Task<Message> {
        // Escape closes an open menu before it does anything else.
        if key == Key::Named(Named::Escape) && self.menus.is_open() {
            return self.on_menu(super::menus::MenuMessage::Close);
        }
        // Outside the mail panes only the keys that do not act on letters work: Write, search,
        // Get mail, this list, Escape (see `letters_shown`).
        let letters = self.letters_shown();
        if modifiers.control() {
            let kind = match key.as_ref() {
                Key::Character("n") => ComposeKind::New,
                Key::Character("k" | "f") => return iced::widget::operation::focus(search_id()),
                _ if !letters => return Task::none(),
                Key::Character("r" | "R") if modifiers.shift() => ComposeKind::ReplyAll,
                Key::Character("r") => ComposeKind::Reply,
                Key::Character("l") => ComposeKind::Forward,
                Key::Character("z") if !modifiers.shift() => return self.undo_last(),
                Key::Character("a") => {
                    self.list.select_all();
                    return self.list_read();
                }
                _ => return Task::none(),
            };
            return self.compose(kind);
        }
        if modifiers.alt() {
            // On the rules screen Alt+Up / Alt+Down move the rule last edited.
            let step = match key {
                Key::Named(Named::ArrowUp) => -1,
                Key::Named(Named::ArrowDown) => 1,
                _ => return Task::none(),
            };
            if self.accounts_mut().is_some_and(|screen| screen.editing_rules()) {
                let message = crate::ui::rules::Message::MoveCurrent(step);
                return self.on_accounts(crate::ui::accounts::Message::Rules(message));
            }
            return Task::none();
        }
        let target = match key.as_ref() {
            Key::Named(Named::F5) => return self.sync_now(),
            Key::Named(Named::F1) => return self.show_shortcuts(),
            Key::Named(Named::Escape) if !self.search.is_empty() => return self.on_search(String::new()),
            _ if !letters => return Task::none(),
            Key::Character("n") => self.next_unread(),
            Key::Character("f") => return self.walk_list(message_list::Walk::Rows(1), false),
            Key::Character("b" | "p") => return self.walk_list(message_list::Walk::Rows(-1), false),
            Key::Character("r") => return self.mark_read(true),
            Key::Character("m") => return self.toggle_flag(Flag::Seen),
            Key::Character("s") => return self.toggle_flag(Flag::Flagged),
            Key::Character("j" | "J") if modifiers.shift() => return self.not_junk_selected(),
            Key::Character("j") => return self.junk_selected(),
            Key::Named(Named::Delete) => return self.delete_selected(),
            Key::Named(named) => match walk(named) {
                // A focused text field keeps Home, End and what it types (iced hands those on
                // to nobody) but not PgUp, PgDn or Shift+arrows: they ask first whether the
                // search box has the keyboard, and then do nothing. The plain arrows walk on.
                Some(walk) if modifiers.shift() || matches!(named, Named::PageUp | Named::PageDown) => {
                    let extend = modifiers.shift();
                    return iced::widget::operation::is_focused(search_id()).then(move |typing| match typing {
                        true => Task::none(),
                        false => Task::done(Message::Walk(walk, extend)),
                    });
                }
                Some(walk) => return self.walk_list(walk, false),
                None => return Task::none(),
            },
            _ => return Task::none(),
        };
        match target {
            Some(id) => self.on_list(message_list::Message::Select(id)),
            None => Task::none(),
        }
    }

    /// Moves the list's keyboard row (and the selection, grown from its anchor with Shift); the
    /// row walked to opens in the reader, read first when it is beyond the rows in view.
    pub(super) fn walk_list(&mut self, walk: message_list::Walk, extend: bool) -> Task<Message> {
        let (event, scroll) = self.list.walk(walk, extend);
        // A Shift+End may need both the page at the end and the ids of the range.
        let reads: Vec<Task<Message>> = std::iter::from_fn(|| self.list.take_read())
            .map(|read| {
                let engine = self.engine.clone();
                Task::perform(read.run(engine), |loaded| Message::List(message_list::Message::Loaded(Box::new(loaded))))
            })
            .collect();
        Task::batch([scroll.map(Message::List), self.on_list_event(event), Task::batch(reads)])
    }

    /// The first unread message after the one open (Thunderbird's N), among the loaded rows.
    fn next_unread(&self) -> Option<MessageId> {
        let rows = self.list.rows();
        let start = self.list.focused().and_then(|id| rows.iter().position(|r| r.id == id)).map_or(0, |at| at + 1);
        rows.iter().skip(start).find(|r| !r.flags.has(Flags::SEEN)).map(|r| r.id)
    }
}

/// Where a key that walks the list goes (the arrows, PgUp/PgDn, Home/End).
fn walk(key: Named) -> Option<message_list::Walk> {
    use message_list::Walk;
    Some(match key {
        Named::ArrowDown => Walk::Rows(1),
        Named::ArrowUp => Walk::Rows(-1),
        Named::PageDown => Walk::Pages(1),
        Named::PageUp => Walk::Pages(-1),
        Named::Home => Walk::First,
        Named::End => Walk::Last,
        _ => return None,
    })
}

/// The shortcuts window's content.
pub fn shortcuts_view<'a, M: 'a>() -> Element<'a, M> {
    let list = SHORTCUTS.iter().fold(Column::new().spacing(4), |list, (keys, what)| {
        list.push(
            row![
                text(*keys).width(Length::Fixed(200.0)).font(iced::Font::MONOSPACE),
                text(crate::i18n::LOADER.get(what)),
            ]
            .spacing(theme::SPACING),
        )
    });
    scrollable(
        container(column![text(crate::fl!("keys-title")).size(theme::TITLE_SIZE), list].spacing(theme::SPACING))
            .padding(theme::PADDING)
            .width(Length::Fill),
    )
    .into()
}

impl App {
    /// The subject of the letter open now (tests check where a key went).
    pub fn selected_subject(&self) -> Option<String> {
        let id = self.list.focused()?;
        self.list.row(id).map(|row| row.subject.clone())
    }
}
