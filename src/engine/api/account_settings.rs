//! Editing an account's mail handling after it was added: its rules (filters) and its POP3
//! policy, written to accounts.toml; the next sync or arrival uses them.

use super::{EngineError, EngineHandle, Event};
use crate::model::{Pop3Options, Rule};

impl EngineHandle {
    /// Replaces the account's rules (applied in this order to mail arriving from now on).
    pub fn set_rules(&self, email: &str, rules: Vec<Rule>) -> Result<(), EngineError> {
        self.edit_account(email, |account| account.rules = rules)
    }

    /// Replaces the account's POP3 policy (leave on server, delete after N days, delete here
    /// deletes there).
    pub fn set_pop3_options(&self, email: &str, options: Pop3Options) -> Result<(), EngineError> {
        self.edit_account(email, |account| account.pop3 = options)
    }

    fn edit_account(
        &self,
        email: &str,
        edit: impl FnOnce(&mut crate::model::AccountSettings),
    ) -> Result<(), EngineError> {
        let mut found = false;
        self.edit_accounts(|file| {
            if let Some(account) = file.accounts.iter_mut().find(|a| a.email.eq_ignore_ascii_case(email)) {
                edit(account);
                found = true;
            }
        })?;
        if !found {
            return Err(EngineError::config(format!("there is no account {email}; see `pochta account list`")));
        }
        self.emit(Event::AccountsChanged);
        Ok(())
    }
}
