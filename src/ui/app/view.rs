//! What the main window draws: the header bar (its Junk button is "Not junk" in the Junk folder
//! and on a letter judged junk), the notices, the current screen (the three panes,
//! or the wizard, accounts, settings or import screen), the status line (under the panes only),
//! and an open menu over all of it. The header bar never wraps: its icon buttons keep their size,
//! the search field takes what is left, and everything else is in the "More" menu.

use super::layout::{self, Pane};
use super::menus::{Menu, MenuMessage};
use super::screen::Screen;
use super::{App, ComposeKind, Message, search_id};
use crate::fl;
use crate::model::Flag;
use crate::ui::icons::{self, Icon, icon};
use crate::ui::pointer_watch::right_press_at;
use crate::ui::theme;
use iced::widget::{button, column, container, pane_grid, row, rule, text, text_input};
use iced::{Alignment, Element, Length};

/// An icon button's side.
const ICON_BUTTON: f32 = 32.0;
/// The search field's widest.
const SEARCH_MAX_WIDTH: f32 = 440.0;

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        // The wizard is a screen of its own: no mail toolbar with actions that mean nothing there.
        if let Screen::Wizard(wizard) = &self.screen {
            return column![
                self.statusbar.notices_view().map(Message::Status),
                container(wizard.view().map(Message::Wizard)).height(Length::Fill),
            ]
            .into();
        }
        let mut page = column![self.header_bar(), rule::horizontal(1)];
        page = page.push(self.statusbar.notices_view().map(Message::Status));
        let screen: Option<Element<'_, Message>> = match &self.screen {
            Screen::Accounts(accounts) => Some(accounts.view().map(Message::Accounts)),
            Screen::Settings(settings) => Some(settings.view().map(Message::Settings)),
            Screen::Import(import) => Some(import.view().map(Message::Import)),
            Screen::Mail | Screen::Wizard(_) => None,
        };
        page = match screen {
            // The other screens fill the window; the status line is the mail view's.
            Some(screen) => page.push(container(screen).width(Length::Fill).height(Length::Fill)),
            None => page.push(self.panes()).push(rule::horizontal(1)).push(
                // A hovered link's real target takes the status line while the pointer is on it.
                self.statusbar
                    .line_view(self.reader.hovered_link().unwrap_or(&self.status), self.undo_offer())
                    .map(Message::Status),
            ),
        };
        right_press_at(self.with_menu(page.into()), |at| Message::Menu(MenuMessage::RightPressAt(at))).into()
    }

    /// The header bar: the primary actions as icons with tooltips, the search, and "More".
    fn header_bar(&self) -> Element<'_, Message> {
        let count = self.list.selected_count();
        // Outside the mail panes the letter actions are drawn disabled (see `letters_shown`).
        let some = self.letters_picked();
        let focused_read = self.list.focused().and_then(|id| self.list.row(id)).map(|r| r.flags.has_flag(Flag::Seen));
        let read_icon = if focused_read == Some(false) { Icon::MarkRead } else { Icon::MarkUnread };
        let junk_button = if self.shows_junk() {
            let not_junk = Message::Sorting(super::sorting::Message::NotJunk);
            icon_button(Icon::NotJunk, fl!("list-not-junk"), some.then_some(not_junk))
        } else {
            icon_button(Icon::Junk, fl!("list-junk"), some.then_some(Message::MarkJunk))
        };
        let actions = row![
            icon_button(Icon::GetMail, fl!("app-get-mail"), Some(Message::SyncNow)),
            icon_button(Icon::Write, fl!("app-write"), Some(Message::Compose(ComposeKind::New))),
            separator(),
            icon_button(Icon::Reply, fl!("app-reply"), some.then_some(Message::Compose(ComposeKind::Reply))),
            icon_button(Icon::ReplyAll, fl!("app-reply-all"), some.then_some(Message::Compose(ComposeKind::ReplyAll))),
            icon_button(Icon::Forward, fl!("app-forward"), some.then_some(Message::Compose(ComposeKind::Forward))),
            separator(),
            icon_button(Icon::Delete, fl!("app-delete"), some.then_some(Message::Delete)),
            junk_button,
            icon_button(Icon::Flag, fl!("app-flag"), some.then_some(Message::ToggleFlag)),
            icon_button(read_icon, fl!("app-read-unread"), some.then_some(Message::ToggleRead)),
        ]
        .spacing(theme::SPACE_XS)
        .align_y(Alignment::Center);
        // Always there (empty for one letter): were it left out, the search box would move to
        // another place in the bar, and iced would give it new state and take its focus away
        // while the user types (a search that drops a multi-selection).
        let selection =
            if count > 1 && self.letters_shown() { fl!("list-selected", count = count) } else { String::new() };
        let selection = text(selection).size(theme::CAPTION_SIZE).style(theme::muted);
        let search = text_input(&fl!("app-search"), &self.search)
            .id(search_id())
            .on_input(Message::SearchChanged)
            .icon(text_input::Icon {
                font: icons::FONT,
                code_point: Icon::Search.glyph(),
                size: Some(theme::ROW_SIZE.into()),
                spacing: theme::SPACE_M,
                side: text_input::Side::Left,
            })
            .size(theme::ROW_SIZE)
            .padding([theme::SPACE_S + 1.0, theme::SPACE_M]);
        // The placeholder says what the field is; the query words (too long for any field) are
        // in its tooltip.
        let search = icons::with_tooltip(container(search).max_width(SEARCH_MAX_WIDTH), fl!("app-search-help"));
        let search = container(search).width(Length::Fill).align_x(Alignment::End);
        let open_more = Some(Message::Menu(MenuMessage::Open(Menu::More)));
        // No tooltip over the menu it opened.
        let more = if self.menus.is_open() {
            bare_icon_button(Icon::More, open_more).into()
        } else {
            icon_button(Icon::More, fl!("app-more"), open_more)
        };
        let bar = row![actions]
            .push(selection)
            .push(search)
            .push(more)
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center)
            .padding([theme::SPACE_S, theme::SPACE_L]);
        container(bar).width(Length::Fill).style(theme::header_bar).into()
    }

    fn panes(&self) -> Element<'_, Message> {
        if let Some(outbox) = &self.outbox {
            // The outbox is a page beside the folders, over the list and the reader: its letters
            // and drafts are not a folder's messages, and the list would otherwise go on showing
            // the folder left before (with its selection, which the letter keys would act on).
            let (folders, _) = self.layout.pane_widths();
            return row![
                container(self.folders_pane()).width(folders).height(Length::Fill).clip(true),
                rule::vertical(2),
                outbox.view().map(Message::Outbox),
            ]
            .height(Length::Fill)
            .into();
        }
        pane_grid(&self.layout.panes, |_, pane, _| {
            let content: Element<'_, Message> = match pane {
                Pane::Folders => self.folders_pane(),
                Pane::List => self.list.view().map(Message::List),
                Pane::Reader => self.reader.view(&self.theme).map(Message::Reader),
            };
            // Each pane clips what it draws: nothing of a row runs into the next pane.
            pane_grid::Content::new(container(content).width(Length::Fill).height(Length::Fill).clip(true))
        })
        .on_resize(8, |resize| Message::Layout(layout::Message::PaneResized(resize)))
        .spacing(2)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }

    /// The accounts' folders, the saved searches and the folder actions under them.
    fn folders_pane(&self) -> Element<'_, Message> {
        column![
            container(self.sidebar.view().map(Message::Sidebar)).height(Length::Fill),
            self.saved_searches.view(self.list.search_query()).map(Message::SavedSearch),
            self.folder_actions.view(self.sidebar.selected()).map(Message::FolderActions),
        ]
        .into()
    }
}

/// An icon-only button with its name in a tooltip; faded and inert without `on_press`.
fn icon_button<'a>(glyph: Icon, name: String, on_press: Option<Message>) -> Element<'a, Message> {
    icons::with_tooltip(bare_icon_button(glyph, on_press), name)
}

fn bare_icon_button<'a>(glyph: Icon, on_press: Option<Message>) -> iced::widget::Button<'a, Message> {
    button(container(icon(glyph, theme::ICON_SIZE)).center(Length::Fill))
        .width(ICON_BUTTON)
        .height(ICON_BUTTON)
        .padding(0)
        .style(theme::icon_button)
        .on_press_maybe(on_press)
}

/// A thin upright rule between groups of buttons.
fn separator<'a>() -> Element<'a, Message> {
    container(rule::vertical(1)).height(ICON_BUTTON - 10.0).padding([0.0, theme::SPACE_S]).into()
}
