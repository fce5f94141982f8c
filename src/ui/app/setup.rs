//! Accounts from the window: the wizard (new account or edit) with its network work run as
//! tasks, and the accounts screen (edit, remove after saying what that means).

use super::screen::Screen;
use super::{App, Message};
use crate::engine::api::{EngineError, EngineHandle, FolderInfo};
use crate::model::{AccountId, AccountSettings};
use crate::ui::accounts;
use crate::ui::wizard::{self, Wizard};
use iced::Task;

impl App {
    pub(super) fn on_accounts(&mut self, message: accounts::Message) -> Task<Message> {
        let Some(screen) = self.accounts_mut() else { return Task::none() };
        // Reading and writing accounts.toml and the store happen off the window's thread; the
        // answer comes back as `Message::AccountsRead`.
        match screen.update(message) {
            Some(accounts::Event::Edit(account)) => {
                self.accounts_work(move |engine| Ok(Read::Edit(account, Box::new(engine.account(account)?))))
            }
            Some(accounts::Event::SaveSenders { account, signature, identities }) => {
                self.accounts_work(move |engine| {
                    engine.set_senders(account, signature, identities)?;
                    Ok(Read::SendersSaved(engine.accounts()?))
                })
            }
            Some(accounts::Event::SaveRules { account, rules }) => {
                let engine = self.engine.clone();
                Task::perform(
                    async move {
                        let saved = engine.off_thread(move |engine| {
                            engine.set_rules(account, rules)?;
                            engine.accounts()
                        });
                        saved.await.map_err(|err| err.to_string())
                    },
                    Message::RulesSaved,
                )
            }
            Some(accounts::Event::RulesFolders(account)) => {
                self.accounts_work(move |engine| Ok(Read::RulesFolders(engine.folders(Some(account))?, account)))
            }
            Some(accounts::Event::RunRules { folder, rules, control }) => {
                crate::ui::rules::run_task(self.engine.clone(), folder, rules, control)
                    .map(|run| Message::Accounts(accounts::Message::Rules(crate::ui::rules::Message::Run(run))))
            }
            Some(accounts::Event::Roles(account)) => {
                self.accounts_work(move |engine| Ok(Read::Roles(engine.folders(Some(account))?, account)))
            }
            Some(accounts::Event::SetRole { account, role, path }) => self.accounts_work(move |engine| {
                engine.set_special_folder(account, role, &path)?;
                Ok(Read::RoleSet(engine.folders(Some(account))?, account))
            }),
            Some(accounts::Event::Consequence(account)) => {
                self.accounts_work(move |engine| Ok(Read::Consequence(engine.removal_consequence(account)?, account)))
            }
            Some(accounts::Event::Remove(account)) => {
                let engine = self.engine.clone();
                self.reader.clear();
                Task::perform(
                    async move {
                        // The address for the status line, read before the account is gone.
                        let email = engine.account_address(account).map_err(|e| e.to_string())?;
                        engine.remove_account(account).await.map(|_| email).map_err(|e| e.to_string())
                    },
                    Message::AccountRemoved,
                )
            }
            Some(accounts::Event::SignInAgain(account)) => {
                let (engine, lookups) = (self.engine.clone(), self.lookups.clone());
                self.say_ongoing(crate::fl!("wizard-sign-in-waiting"), std::time::Instant::now());
                Task::perform(
                    async move {
                        let open = |url: &str| {
                            if let Err(err) = lookups.open_in_browser(url) {
                                tracing::info!(%err, "no browser opened for the sign-in");
                            }
                        };
                        engine.sign_in_again(account, open).await.map_err(|e| e.to_string())?;
                        let email = engine.account_address(account).map_err(|e| e.to_string())?;
                        Ok((account, email))
                    },
                    Message::AccountSaved,
                )
            }
            Some(accounts::Event::Import) => self.show_import(),
            Some(accounts::Event::Closed) => {
                self.close_screen();
                Task::none()
            }
            None => Task::none(),
        }
    }

    /// Opens the accounts screen with the accounts as accounts.toml has them (read off this thread).
    pub(super) fn show_accounts(&self) -> Task<Message> {
        self.accounts_work(|engine| Ok(Read::AccountsScreen(engine.accounts()?)))
    }

    /// Opens the import screen (its accounts read off this thread).
    pub(super) fn show_import(&self) -> Task<Message> {
        self.accounts_work(|engine| {
            Ok(Read::ImportScreen(engine.accounts()?.into_iter().map(|(id, account)| (id, account.email)).collect()))
        })
    }

    /// Opens the Settings screen with the saved preferences (settings.toml read off this thread).
    pub(super) fn show_settings(&self) -> Task<Message> {
        self.accounts_work(|engine| Ok(Read::SettingsScreen(Box::new(engine.settings()))))
    }

    pub(super) fn accounts_work(
        &self,
        work: impl FnOnce(&EngineHandle) -> Result<Read, EngineError> + Send + 'static,
    ) -> Task<Message> {
        let engine = self.engine.clone();
        Task::perform(async move { engine.off_thread(work).await.map_err(|e| e.to_string()) }, |read| {
            Message::AccountsRead(Box::new(read))
        })
    }

    /// The accounts screen's work is done: show what it read.
    pub(super) fn accounts_read(&mut self, read: Result<Read, String>) -> Task<Message> {
        let read = match read {
            Ok(read) => read,
            // The senders form shows its own failure beside its fields; the rest is a notice.
            Err(err) => {
                match self.accounts_mut().filter(|screen| screen.saving_senders()) {
                    Some(screen) => screen.senders_failed(err),
                    None => self.notice = Some(err),
                }
                return Task::none();
            }
        };
        match read {
            Read::Edit(id, account) => {
                self.screen = Screen::Wizard(Box::new(Wizard::edit(id, &account)));
                return Task::none();
            }
            Read::AccountsScreen(list) => {
                self.screen = Screen::Accounts(Box::new(accounts::Accounts::new(list)));
                return Task::none();
            }
            Read::ImportScreen(emails) => {
                self.screen = Screen::Import(Box::new(crate::ui::import::Import::new(emails)));
                return Task::none();
            }
            Read::SettingsScreen(settings) => {
                self.screen = Screen::Settings(Box::new(crate::ui::settings::SettingsScreen::new(*settings)));
                return Task::none();
            }
            _ => {}
        }
        let Some(screen) = self.accounts_mut() else { return Task::none() };
        match read {
            Read::Edit(..) | Read::AccountsScreen(_) | Read::ImportScreen(_) | Read::SettingsScreen(_) => Task::none(),
            Read::SendersSaved(accounts) => {
                screen.senders_saved(accounts);
                self.status = crate::fl!("accounts-senders-saved");
                Task::none()
            }
            Read::Roles(folders, account) => {
                screen.show_roles(account, folders);
                Task::none()
            }
            Read::RulesFolders(folders, account) => {
                screen.rules_folders(account, &folders);
                Task::none()
            }
            Read::RoleSet(folders, account) => {
                screen.show_roles(account, folders);
                self.read_overview()
            }
            Read::Consequence(text, account) => {
                screen.confirm(account, text);
                Task::none()
            }
        }
    }

    /// The rules screen's save came back: the list again, or the engine's sentence on the screen.
    pub(super) fn on_rules_saved(&mut self, result: Result<Vec<(AccountId, AccountSettings)>, String>) {
        let Some(screen) = self.accounts_mut() else { return };
        match result {
            Ok(accounts) => {
                screen.rules_saved(accounts);
                self.status = crate::fl!("accounts-rules-saved");
            }
            Err(problem) => screen.rules_failed(problem),
        }
    }

    pub(super) fn on_wizard(&mut self, message: wizard::Message) -> Task<Message> {
        let event = self.wizard_mut().and_then(|wizard| wizard.update(message));
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
            Some(wizard::Event::TestChanged(account, settings, password)) => Task::perform(
                async move { engine.check_changed_settings(account, *settings, password).await.map_err(|e| e.to_string()) },
                Message::Tested,
            ),
            Some(wizard::Event::Update(account, settings, password)) => Task::perform(
                async move {
                    let email = settings.email.clone();
                    let updated = engine.update_account(account, *settings, password).await;
                    updated.map(|_| (account, email)).map_err(|e| e.to_string())
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
            Some(wizard::Event::BeginSignIn(settings)) => Task::perform(
                async move {
                    engine.begin_sign_in(&settings).await.map(wizard::PendingSignIn::new).map_err(|e| e.to_string())
                },
                |started| Message::Wizard(wizard::Message::SignInStarted(started)),
            ),
            Some(wizard::Event::AwaitSignIn(settings, pending)) => {
                let lookups = self.lookups.clone();
                Task::perform(
                    async move {
                        let sign_in = pending.take().ok_or_else(|| crate::fl!("error-oauth-browser-timeout"))?;
                        // No browser: the wizard shows the address to open by hand meanwhile.
                        if let Err(err) = lookups.open_in_browser(sign_in.url()) {
                            tracing::info!(%err, "no browser opened for the sign-in");
                        }
                        engine
                            .finish_sign_in(sign_in, crate::engine::api::SIGN_IN_WAIT)
                            .await
                            .map_err(|e| e.to_string())?;
                        engine
                            .check_settings(*settings, crate::engine::api::Password::new(""))
                            .await
                            .map_err(|e| e.to_string())
                    },
                    Message::Tested,
                )
            }
            Some(wizard::Event::Save(settings, password)) => Task::perform(
                async move {
                    let email = settings.email.clone();
                    // Signed in with the provider: its refresh token is in the keyring already.
                    let source = match settings.oauth {
                        Some(_) => crate::engine::api::PasswordSource::SignedIn,
                        None => crate::engine::api::PasswordSource::Keyring(password),
                    };
                    engine.add_account(*settings, source).await.map(|id| (id, email)).map_err(|e| e.to_string())
                },
                Message::AccountSaved,
            ),
            Some(wizard::Event::Cancelled) => {
                self.close_screen();
                Task::none()
            }
        }
    }

    /// Saved: the wizard closes, the first sync starts, its progress shows in the status line.
    pub(super) fn on_account_saved(&mut self, result: Result<(AccountId, String), String>) -> Task<Message> {
        match result {
            Ok((_, email)) => {
                self.close_screen();
                self.status = crate::fl!("notice-account-saved", email = email.as_str());
                if !self.demo
                    && let Err(err) = self.engine.start_background_sync()
                {
                    self.notice = Some(err.to_string());
                }
                return self.after_change();
            }
            Err(err) => {
                if let Some(wizard) = self.wizard_mut() {
                    wizard.failed(err);
                }
            }
        }
        Task::none()
    }
}

/// What the accounts screen asked the engine for, read or written off the window's thread.
#[derive(Debug, Clone)]
pub enum Read {
    /// An account to edit in the wizard.
    Edit(AccountId, Box<AccountSettings>),
    SendersSaved(Vec<(AccountId, AccountSettings)>),
    /// An account's folders, to choose its special ones.
    Roles(Vec<FolderInfo>, AccountId),
    /// The same after a choice was saved.
    RoleSet(Vec<FolderInfo>, AccountId),
    /// An account's folders, for the rules screen's "Run now".
    RulesFolders(Vec<FolderInfo>, AccountId),
    /// What removing the account means, to say before it happens.
    Consequence(String, AccountId),
    /// What the accounts, import and Settings screens open with (import: ids and addresses).
    AccountsScreen(Vec<(AccountId, AccountSettings)>),
    ImportScreen(Vec<(AccountId, String)>),
    SettingsScreen(Box<crate::config::Settings>),
}
