//! Editing an account after it was added: its servers and login (the wizard's edit screen), its
//! rules (filters) and its POP3 policy, written to accounts.toml; the next sync uses them. And
//! what removing an account means for the mail on this computer, said before it happens.

use super::{CheckReport, EngineError, EngineHandle, Event, Password};
use crate::engine::{credential, secrets};
use crate::model::{AccountId, AccountSettings, Pop3Options, Protocol, Rule};

impl EngineHandle {
    /// Replaces an account's connection settings (servers, login, protocol options), keeping
    /// what the wizard does not show (rules, signature, identities, sync policy). A new
    /// password goes to the keyring; `None` keeps the stored one. The background sync for the
    /// account restarts with the new settings. The address stays the account's own (it is what
    /// ties the settings to the account's id).
    pub async fn update_account(
        &self,
        id: AccountId,
        settings: AccountSettings,
        password: Option<Password>,
    ) -> Result<(), EngineError> {
        super::validate(&settings)?;
        let current = self.account(id)?;
        let settings = AccountSettings { email: current.email.clone(), ..settings };
        if let Some(password) = password.filter(|_| current.password_command.is_none()) {
            let email = settings.email.clone();
            self.run(
                async move { tokio::task::spawn_blocking(move || secrets::store_in_keyring(&email, &password)).await },
            )
            .await?
            .map_err(|err| EngineError::internal(err.to_string()))??;
        }
        self.edit_account(id, |account| {
            *account = AccountSettings {
                rules: std::mem::take(&mut account.rules),
                signature: account.signature.take(),
                identities: std::mem::take(&mut account.identities),
                special_folders: std::mem::take(&mut account.special_folders),
                junk_filter: account.junk_filter,
                sync: account.sync.clone(),
                password_command: account.password_command.take(),
                ca_file: settings.ca_file.clone().or(account.ca_file.take()),
                ..settings
            };
        })?;
        self.stop_background_sync(id);
        Ok(())
    }

    /// Tests changed settings of an existing account; with no password given, the stored one.
    pub async fn check_changed_settings(
        &self,
        id: AccountId,
        settings: AccountSettings,
        password: Option<Password>,
    ) -> Result<CheckReport, EngineError> {
        let password = match password {
            Some(password) => password,
            None => {
                let stored = self.account(id)?;
                self.run(async move { credential::password_for(&stored).await }).await??
            }
        };
        self.check_settings(settings, password).await
    }

    /// The local-folders account `email` (created with its standard folders on first use).
    pub(super) fn ensure_local_account(&self, email: &str, name: &str) -> Result<AccountId, EngineError> {
        if self.settings_for_address(email).is_err() {
            self.edit_accounts(|file| file.accounts.push(AccountSettings::local(email, name)))?;
            self.emit(Event::AccountsChanged);
        }
        let id = self.inner.store.ensure_account(email, Protocol::Local.as_str())?;
        self.inner.store.ensure_local_folders(id)?;
        Ok(id)
    }

    /// What removing the account does to the mail on this computer, in words, before it is done.
    pub fn removal_consequence(&self, id: AccountId) -> Result<String, EngineError> {
        let account = self.account(id)?;
        let cached: u64 = self.inner.store.folder_counts(id)?.iter().map(|c| c.total).sum();
        let waiting = self.outbox()?.iter().filter(|o| o.account == id).count();
        let mut text = match account.protocol {
            Protocol::Imap => crate::fl!("accounts-removal-imap", count = cached),
            Protocol::Pop3 => crate::fl!("accounts-removal-pop3", count = cached),
            // Local folders: the demo's, or mail imported from another client.
            Protocol::Local => crate::fl!("accounts-removal-local", count = cached),
        };
        if waiting > 0 {
            text.push(' ');
            text.push_str(&crate::fl!("accounts-removal-outbox", count = waiting));
        }
        Ok(text)
    }

    /// Replaces the account's rules (applied in this order to mail arriving from now on) after
    /// checking them: an invalid rule is refused with a sentence and nothing is written.
    pub fn set_rules(&self, id: AccountId, rules: Vec<Rule>) -> Result<(), EngineError> {
        crate::engine::rules::validate(&rules).map_err(EngineError::config)?;
        self.edit_account(id, |account| account.rules = rules)
    }

    /// Replaces the account's POP3 policy (leave on server, delete after N days, delete here
    /// deletes there).
    pub fn set_pop3_options(&self, id: AccountId, options: Pop3Options) -> Result<(), EngineError> {
        self.edit_account(id, |account| account.pop3 = options)
    }

    /// Replaces the account's signature and its other From addresses (each with its name and
    /// signature); letters written from now on use them.
    pub fn set_senders(
        &self,
        id: AccountId,
        signature: Option<String>,
        identities: Vec<crate::model::Identity>,
    ) -> Result<(), EngineError> {
        self.edit_account(id, |account| {
            account.signature = signature;
            account.identities = identities;
        })
    }

    /// Makes `path` the account's folder for `role` (Sent, Drafts, Trash, Junk, Archive): at
    /// once here, and kept over what the server says at every sync.
    pub fn set_special_folder(
        &self,
        account: AccountId,
        role: crate::model::FolderRole,
        path: &str,
    ) -> Result<(), EngineError> {
        self.account(account)?;
        self.inner.store.set_folder_role(account, role, path)?;
        self.edit_account(account, |settings| {
            settings.special_folders.insert(role.as_str().to_string(), path.to_string());
        })?;
        self.emit(super::Event::FoldersChanged { account });
        Ok(())
    }

    /// Edits one account's settings in accounts.toml (found there by its address).
    pub(super) fn edit_account(
        &self,
        id: AccountId,
        edit: impl FnOnce(&mut crate::model::AccountSettings),
    ) -> Result<(), EngineError> {
        let email = self.account_address(id)?;
        let email = email.as_str();
        let mut found = false;
        self.edit_accounts(|file| {
            if let Some(account) = file.accounts.iter_mut().find(|a| a.email.eq_ignore_ascii_case(email)) {
                edit(account);
                found = true;
            }
        })?;
        if !found {
            return Err(EngineError::config(crate::fl!("error-no-account", email = email.to_string())));
        }
        self.emit(Event::AccountsChanged);
        Ok(())
    }
}
