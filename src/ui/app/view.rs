//! What the main window draws: the toolbar, the notices, the current screen (the three panes,
//! or the wizard, accounts, settings or import screen) and the status line.

use super::layout::{self, Pane};
use super::{App, ComposeKind, FolderChoice, Message, search_id};
use crate::fl;
use crate::ui::theme;
use iced::widget::{button, column, container, pane_grid, pick_list, row, rule, text, text_input};
use iced::{Element, Length};

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        // The wizard is a screen of its own: no mail toolbar with actions that mean nothing there.
        if let Some(wizard) = &self.wizard {
            return column![
                self.statusbar.notices_view().map(Message::Status),
                container(wizard.view().map(Message::Wizard)).height(Length::Fill),
                rule::horizontal(1),
                self.statusbar.line_view(&self.status, self.undo.is_some()).map(Message::Status),
            ]
            .into();
        }
        let mut page = column![self.toolbar(), rule::horizontal(1)];
        page = page.push(self.statusbar.notices_view().map(Message::Status));
        let main: Element<'_, Message> = match (&self.wizard, &self.accounts, &self.settings, &self.import) {
            (Some(wizard), _, _, _) => wizard.view().map(Message::Wizard),
            (None, Some(accounts), _, _) => accounts.view().map(Message::Accounts),
            (None, None, Some(settings), _) => settings.view().map(Message::Settings),
            (None, None, None, Some(import)) => import.view().map(Message::Import),
            (None, None, None, None) => self.panes(),
        };
        page.push(main)
            .push(rule::horizontal(1))
            // A hovered link's real target takes the status line while the pointer is on it.
            .push(
                self.statusbar
                    .line_view(self.reader.hovered_link().unwrap_or(&self.status), self.undo.is_some())
                    .map(Message::Status),
            )
            .into()
    }

    fn toolbar(&self) -> Element<'_, Message> {
        let choices = self.folder_choices();
        let count = self.list.selected_count();
        let selection = (count > 1).then(|| text(crate::fl!("list-selected", count = count)));
        let mut search = row![
            text_input(&fl!("app-search"), &self.search)
                .id(search_id())
                .on_input(Message::SearchChanged)
                .width(Length::Fixed(240.0)),
        ]
        .spacing(theme::SPACING);
        if !self.search.trim().is_empty() {
            search = search.push(button(text(crate::fl!("list-search-server"))).on_press(Message::SearchOnServer));
            search = search.push(button(text(crate::fl!("list-save-search"))).on_press(Message::SaveSearch));
        }
        row![
            button(text(fl!("app-get-mail"))).on_press(Message::SyncNow),
            button(text(fl!("app-add-account"))).on_press(Message::AddAccount),
            button(text(fl!("app-accounts"))).on_press(Message::ShowAccounts),
            button(text(fl!("settings-open"))).on_press(Message::ShowSettings),
            button(text(fl!("app-write"))).on_press(Message::Compose(ComposeKind::New)),
            button(text(fl!("app-reply"))).on_press(Message::Compose(ComposeKind::Reply)),
            button(text(fl!("app-reply-all"))).on_press(Message::Compose(ComposeKind::ReplyAll)),
            button(text(fl!("app-forward"))).on_press(Message::Compose(ComposeKind::Forward)),
            button(text(fl!("app-read-unread"))).on_press(Message::ToggleRead),
            button(text(fl!("app-flag"))).on_press(Message::ToggleFlag),
            button(text(fl!("app-delete"))).on_press(Message::Delete),
            button(text(crate::fl!("list-junk"))).on_press(Message::MarkJunk),
            pick_list(choices.clone(), None::<FolderChoice>, Message::MoveTo).placeholder(crate::fl!("list-move-to")),
            pick_list(choices, None::<FolderChoice>, Message::CopyTo).placeholder(crate::fl!("list-copy-to")),
        ]
        .push(selection)
        .push(search)
        .spacing(theme::SPACING)
        .padding(theme::PADDING)
        // Longer labels (Russian) wrap to a second line instead of running off the window.
        .wrap()
        .vertical_spacing(theme::SPACING)
        .into()
    }

    fn panes(&self) -> Element<'_, Message> {
        pane_grid(&self.layout.panes, |_, pane, _| {
            let content: Element<'_, Message> = match pane {
                Pane::Folders => column![
                    container(self.sidebar.view().map(Message::Sidebar)).height(Length::Fill),
                    self.saved_searches.view(self.list.search_query()).map(Message::SavedSearch),
                    self.folder_actions.view(self.sidebar.selected()).map(Message::FolderActions),
                ]
                .into(),
                Pane::List => self.list.view().map(Message::List),
                Pane::Reader => match &self.outbox {
                    Some(outbox) => outbox.view().map(Message::Outbox),
                    None => self.reader.view(&self.theme).map(Message::Reader),
                },
            };
            pane_grid::Content::new(container(content).width(Length::Fill).height(Length::Fill))
        })
        .on_resize(8, |resize| Message::Layout(layout::Message::PaneResized(resize)))
        .spacing(2)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }
}
