//! Accounts from the window: the wizard (new account or edit) with its network work run as
//! tasks, and the accounts screen (edit, remove after saying what that means).

use super::{App, Message};
use crate::ui::accounts;
use crate::ui::wizard::{self, Wizard};
use iced::Task;

impl App {
    pub(super) fn on_accounts(&mut self, message: accounts::Message) -> Task<Message> {
        let Some(screen) = self.accounts.as_mut() else { return Task::none() };
        match screen.update(message) {
            Some(accounts::Event::Edit(email)) => {
                match self.engine.account(&email) {
                    Ok(account) => {
                        self.accounts = None;
                        self.wizard = Some(Wizard::edit(&account));
                    }
                    Err(err) => self.notice = Some(err.to_string()),
                }
                Task::none()
            }
            Some(accounts::Event::SaveSenders { email, signature, identities }) => {
                match self.engine.set_senders(&email, signature, identities).and_then(|_| self.engine.accounts()) {
                    Ok(accounts) => {
                        screen.senders_saved(accounts);
                        self.status = crate::fl!("accounts-senders-saved");
                    }
                    Err(err) => screen.senders_failed(err.to_string()),
                }
                Task::none()
            }
            Some(accounts::Event::SaveRules { email, rules }) => {
                let engine = self.engine.clone();
                Task::perform(
                    async move {
                        let saved = engine.off_thread(move |engine| {
                            engine.set_rules(&email, rules)?;
                            engine.accounts()
                        });
                        saved.await.map_err(|err| err.to_string())
                    },
                    Message::RulesSaved,
                )
            }
            Some(accounts::Event::Roles(email)) => {
                match self.engine.folders(Some(&email)) {
                    Ok(folders) => screen.show_roles(email, folders),
                    Err(err) => self.notice = Some(err.to_string()),
                }
                Task::none()
            }
            Some(accounts::Event::SetRole { email, role, path }) => {
                let result = self.engine.set_special_folder(&email, role, &path);
                match result.and_then(|_| self.engine.folders(Some(&email))) {
                    Ok(folders) => screen.show_roles(email, folders),
                    Err(err) => self.notice = Some(err.to_string()),
                }
                self.reload_folders();
                Task::none()
            }
            Some(accounts::Event::Consequence(email)) => {
                match self.engine.removal_consequence(&email) {
                    Ok(text) => screen.confirm(email, text),
                    Err(err) => self.notice = Some(err.to_string()),
                }
                Task::none()
            }
            Some(accounts::Event::Remove(email)) => {
                let engine = self.engine.clone();
                self.reader.clear();
                Task::perform(
                    async move { engine.remove_account(&email).await.map(|_| email).map_err(|e| e.to_string()) },
                    Message::AccountRemoved,
                )
            }
            Some(accounts::Event::Import) => self.show_import(),
            Some(accounts::Event::Closed) => {
                self.accounts = None;
                Task::none()
            }
            None => Task::none(),
        }
    }

    /// The rules screen's save came back: the list again, or the engine's sentence on the screen.
    pub(super) fn on_rules_saved(&mut self, result: Result<Vec<crate::model::AccountSettings>, String>) {
        let Some(screen) = self.accounts.as_mut() else { return };
        match result {
            Ok(accounts) => {
                screen.rules_saved(accounts);
                self.status = crate::fl!("accounts-rules-saved");
            }
            Err(problem) => screen.rules_failed(problem),
        }
    }

    pub(super) fn on_wizard(&mut self, message: wizard::Message) -> Task<Message> {
        let event = self.wizard.as_mut().and_then(|wizard| wizard.update(message));
        self.on_wizard_event(event)
    }

    /// The wizard's network work: discovery, the test, saving (the password to the keyring).
    pub(super) fn on_wizard_event(&mut self, event: Option<wizard::Event>) -> Task<Message> {
        let engine = self.engine.clone();
        match event {
            None => Task::none(),
            Some(wizard::Event::Discover(email)) => {
                let lookups = self.lookups.clone();
                Task::perform(
                    async move { engine.discover_with(&email, lookups).await.map(Box::new).map_err(|e| e.to_string()) },
                    Message::Discovered,
                )
            }
            Some(wizard::Event::Test(settings, password)) => Task::perform(
                async move { engine.check_settings(*settings, password).await.map_err(|e| e.to_string()) },
                Message::Tested,
            ),
            Some(wizard::Event::TestChanged(settings, password)) => Task::perform(
                async move { engine.check_changed_settings(*settings, password).await.map_err(|e| e.to_string()) },
                Message::Tested,
            ),
            Some(wizard::Event::Update(settings, password)) => Task::perform(
                async move {
                    let email = settings.email.clone();
                    engine.update_account(*settings, password).await.map(|_| email).map_err(|e| e.to_string())
                },
                Message::AccountSaved,
            ),
            Some(wizard::Event::DiscoverSoon(email)) => Task::perform(
                async move {
                    tokio::time::sleep(wizard::REDISCOVER_AFTER).await;
                    email
                },
                |email| Message::Wizard(wizard::Message::FindSettingsFor(email)),
            ),
            Some(wizard::Event::OpenLink(url)) => {
                if let Err(err) = open::that_detached(&url) {
                    self.notice = Some(crate::fl!("wizard-link-failed", url = url.as_str(), reason = err.to_string()));
                }
                Task::none()
            }
            Some(wizard::Event::Accept(endpoints, certificate)) => {
                for endpoint in &endpoints {
                    if let Err(err) = self.engine.accept_certificate(endpoint, &certificate) {
                        return self.report(err.to_string());
                    }
                }
                // Test again: this time the pinned certificate is accepted.
                self.on_wizard(wizard::Message::Test)
            }
            Some(wizard::Event::Save(settings, password)) => Task::perform(
                async move {
                    let email = settings.email.clone();
                    let source = crate::engine::api::PasswordSource::Keyring(password);
                    engine.add_account(*settings, source).await.map(|_| email).map_err(|e| e.to_string())
                },
                Message::AccountSaved,
            ),
            Some(wizard::Event::Cancelled) => {
                self.wizard = None;
                Task::none()
            }
        }
    }

    /// Saved: the wizard closes, the first sync starts, its progress shows in the status line.
    pub(super) fn on_account_saved(&mut self, result: Result<String, String>) -> Task<Message> {
        match result {
            Ok(email) => {
                self.wizard = None;
                self.status = crate::fl!("notice-account-saved", email = email.as_str());
                if !self.demo
                    && let Err(err) = self.engine.start_background_sync()
                {
                    self.notice = Some(err.to_string());
                }
                self.refresh();
            }
            Err(err) => {
                if let Some(wizard) = self.wizard.as_mut() {
                    wizard.failed(err);
                }
            }
        }
        Task::none()
    }
}
