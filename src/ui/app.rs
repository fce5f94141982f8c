//! The application shell: boot, the `update` routing table, the top-level view.

use crate::engine::api::EngineHandle;
use crate::model::AccountSettings;
use iced::widget::{column, container, row, rule, scrollable, text};
use iced::{Element, Length, Task};

pub fn run(engine: EngineHandle, demo: bool) -> iced::Result {
    iced::application(move || App::new(engine.clone(), demo), App::update, App::view)
        .title(App::title)
        .window_size((1100.0, 700.0))
        .run()
}

struct App {
    _engine: EngineHandle,
    demo: bool,
    accounts: Vec<AccountSettings>,
    notice: Option<String>,
}

#[derive(Debug, Clone)]
enum Message {}

impl App {
    fn new(engine: EngineHandle, demo: bool) -> (App, Task<Message>) {
        let (accounts, notice) = match engine.accounts() {
            Ok(accounts) => (accounts, None),
            Err(err) => (Vec::new(), Some(err.to_string())),
        };
        (App { _engine: engine, demo, accounts, notice }, Task::none())
    }

    fn title(&self) -> String {
        if self.demo { "Pochta (demo)".into() } else { "Pochta".into() }
    }

    fn update(&mut self, message: Message) -> Task<Message> {
        match message {}
    }

    fn view(&self) -> Element<'_, Message> {
        let accounts = self
            .accounts
            .iter()
            .fold(column![text("Accounts").size(18)].spacing(6), |col, account| col.push(text(account.email.clone())));
        let body = match (&self.notice, self.accounts.is_empty()) {
            (Some(notice), _) => text(notice.clone()),
            (None, true) => {
                text("No accounts yet. Add one with `pochta account add --email ADDR --preset ID --password-stdin`.")
            }
            (None, false) => text("Select an account on the left."),
        };
        let folders = container(scrollable(accounts)).width(Length::Fixed(230.0)).height(Length::Fill).padding(12);
        row![folders, rule::vertical(1), container(body).padding(12).width(Length::Fill)].into()
    }
}
