//! The engine's vocabulary for the UI and the command line: an [`EngineHandle`] (cheap to clone,
//! `Send`) whose methods are the commands and queries, and [`Event`]s that carry ids, never
//! whole messages. Internals run on the engine's own tokio runtime, whatever runtime calls in.

mod account_settings;
mod addresses;
mod attachments;
mod batch;
mod demo;
pub mod discovery;
mod export;
mod import;
mod junk;
mod local_mail;
mod mail;
mod oauth;
mod preferences;
mod preview;
pub mod reading;
mod rules_run;
mod search;
mod send;

pub use super::account_check::{CheckReport, CheckStep, Problem, ProblemKind, ServerRole, Stage};
pub use super::compose::{Attachment, Composition, Mailbox, guess_content_type, parse_mailbox, split_typed};
pub use super::error::{EngineError, ErrorKind};
pub use super::event::{Attention, Connectivity, Event, EventReceiver, FolderRef};
pub use super::junk::{
    Clue, JUNK_KEYWORD, JUNK_THRESHOLD, Letter as JunkLetter, TokenCounts as JunkTokenCounts, Verdict as JunkVerdict,
    judge as judge_junk, provider_verdicts as junk_provider_verdicts, tokens as junk_tokens,
};
pub use super::mime::sanitize_filename;
pub use super::outbox::{FlushReport, Retry, SendProblem};
pub use super::presets::{AuthKind, Guidance, Pop3Dele, Provider, ProviderGuidance};
pub use super::protocol::tls::{CertificateInfo, format_fingerprint, normalize_fingerprint};
pub use super::rules::validate as check_rules;
pub use super::secrets::Password;
pub use super::store::{AttachmentRecord, MessageSummary};
pub use super::sync::imap::{Progress, Quiet};
pub use super::sync::{FolderSummary, SyncOptions, SyncSummary};
pub use addresses::KnownAddress;
pub use batch::{BatchKind, FlagChange, Undo, Undone};
pub use demo::{DEMO_ADDRESS, DemoLetters};
pub use export::eml_file_name;
pub use import::{ArchiveKind, ImportReport, LOCAL_FOLDERS};
pub use junk::{JunkExplanation, JunkTraining};
pub use mail::{FolderInfo, MessageView};
pub use oauth::{SIGN_IN_WAIT, SignIn};
pub use rules_run::RulesRun;
pub use search::{SearchScope, highlight_ranges, is_query};
pub use send::{DraftInfo, OutboxItem, SendOutcome};

use super::account_check::{self, CheckInput};
use super::event::EventBus;
use super::protocol::tls::Trust;
use super::store::{CertificatePin, Store};
use super::{credential, secrets};
use crate::config::{AccountsFile, Paths};
use crate::model::{AccountId, AccountSettings, ServerEndpoint};
use std::future::Future;
use std::sync::{Arc, Mutex};

/// Where a new account's password comes from.
pub enum PasswordSource {
    /// Store it in the OS keyring.
    Keyring(Password),
    /// Run this command whenever the password is needed (stored in the config, the password not).
    Command(String),
    /// The account signs in with its provider and [`EngineHandle::finish_sign_in`] already put
    /// its refresh token in the keyring.
    SignedIn,
}

/// A handle on the running engine.
#[derive(Clone)]
pub struct EngineHandle {
    inner: Arc<Inner>,
}

struct Inner {
    paths: Paths,
    store: Arc<Store>,
    runtime: Option<tokio::runtime::Runtime>,
    events: EventBus,
    /// Serialises edits of accounts.toml.
    config_lock: Mutex<()>,
    /// Background sync actors by account.
    actors: Mutex<Vec<(AccountId, super::actor::ActorHandle)>>,
    /// The background actors' first wait after a failure (doubled after each further one).
    first_retry: Mutex<std::time::Duration>,
    /// The background sender of the outbox (with the actors, apart from them).
    outbox_worker: Mutex<Option<super::outbox::OutboxWorker>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Actors first (they send their own stop), then the runtime.
        self.actors.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.outbox_worker.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        // Tasks the runtime abandoned may still hold the store, so its connections may never
        // close (and SQLite never checkpoint the WAL itself): leave the WAL empty explicitly.
        self.store.checkpoint_wal();
    }
}

impl EngineHandle {
    /// Opens the profile at `paths` (creating folders and the database) and starts the runtime.
    pub fn open(paths: Paths) -> Result<EngineHandle, EngineError> {
        paths
            .create_all()
            .map_err(|err| EngineError::storage(crate::fl!("error-profile-folders", err = err.to_string())))?;
        let store = Store::open(&paths.database_file())?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("pochta-engine")
            .enable_all()
            .build()
            .map_err(|err| EngineError::storage(crate::fl!("error-engine-start", err = err.to_string())))?;
        let events = EventBus::default();
        Ok(EngineHandle {
            inner: Arc::new(Inner {
                paths,
                store: Arc::new(store),
                runtime: Some(runtime),
                events,
                config_lock: Mutex::new(()),
                actors: Mutex::new(Vec::new()),
                first_retry: Mutex::new(std::time::Duration::from_secs(1)),
                outbox_worker: Mutex::new(None),
            }),
        })
    }

    pub fn paths(&self) -> &Paths {
        &self.inner.paths
    }

    /// Events from now on. A receiver that lags gets [`Event::Overflow`] from [`next_event`].
    pub fn subscribe(&self) -> EventReceiver {
        self.inner.events.subscribe()
    }

    fn emit(&self, event: Event) {
        self.inner.events.emit(event);
    }

    /// Runs `future` on the engine's runtime and waits for it from any executor.
    async fn run<T: Send + 'static>(&self, future: impl Future<Output = T> + Send + 'static) -> Result<T, EngineError> {
        let runtime =
            self.inner.runtime.as_ref().ok_or_else(|| EngineError::storage(crate::fl!("error-engine-stopped")))?;
        runtime
            .spawn(future)
            .await
            .map_err(|err| EngineError::internal(crate::fl!("error-engine-task", err = err.to_string())))
    }

    // ----- accounts -------------------------------------------------------------------------

    /// The configured accounts (from accounts.toml), in the order they were added, each with its id.
    pub fn accounts(&self) -> Result<Vec<(AccountId, AccountSettings)>, EngineError> {
        AccountsFile::load(&self.inner.paths.accounts_file())?
            .accounts
            .into_iter()
            .map(|settings| {
                Ok((self.inner.store.ensure_account(&settings.email, settings.protocol.as_str())?, settings))
            })
            .collect()
    }

    /// An account's settings, by id.
    pub fn account(&self, id: AccountId) -> Result<AccountSettings, EngineError> {
        self.settings_for_address(&self.account_address(id)?)
    }

    /// An account's address, by id (what the window and the command line show).
    pub fn account_address(&self, id: AccountId) -> Result<String, EngineError> {
        self.inner.store.account_email(id)?.ok_or_else(|| EngineError::config(crate::fl!("error-account-gone")))
    }

    /// The configured account with this address (any case): where an address typed at the edge
    /// (a command line's `--account`) becomes an id. "No account ADDRESS" when there is none.
    pub fn account_by_address(&self, address: &str) -> Result<AccountId, EngineError> {
        let account = self.settings_for_address(address)?;
        Ok(self.inner.store.ensure_account(&account.email, account.protocol.as_str())?)
    }

    /// The settings in accounts.toml for an address (the file names accounts by address).
    fn settings_for_address(&self, email: &str) -> Result<AccountSettings, EngineError> {
        AccountsFile::load(&self.inner.paths.accounts_file())?
            .find(email)
            .cloned()
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-account", email = email.to_string())))
    }

    /// Adds an account: the password goes to the keyring first (so a keyring failure leaves no
    /// half-made account), then the settings to accounts.toml and a row to the store.
    pub async fn add_account(
        &self,
        mut settings: AccountSettings,
        password: PasswordSource,
    ) -> Result<AccountId, EngineError> {
        validate(&settings)?;
        if self.settings_for_address(&settings.email).is_ok() {
            return Err(EngineError::config(crate::fl!("error-account-exists", email = settings.email.as_str())));
        }
        match password {
            PasswordSource::Keyring(password) => {
                settings.password_command = None;
                let email = settings.email.clone();
                self.run(async move {
                    tokio::task::spawn_blocking(move || secrets::store_in_keyring(&email, &password)).await
                })
                .await?
                .map_err(|err| EngineError::internal(err.to_string()))??;
            }
            PasswordSource::Command(command) => settings.password_command = Some(command),
            PasswordSource::SignedIn => {
                if settings.oauth.is_none() {
                    return Err(EngineError::config(crate::fl!(
                        "error-oauth-not-configured",
                        email = settings.email.as_str()
                    )));
                }
                settings.password_command = None;
            }
        }
        let id = self.inner.store.ensure_account(&settings.email, settings.protocol.as_str())?;
        self.edit_accounts(|file| file.accounts.push(settings))?;
        self.emit(Event::AccountsChanged);
        Ok(id)
    }

    /// Removes the account, its cached mail and its keyring entry.
    pub async fn remove_account(&self, id: AccountId) -> Result<(), EngineError> {
        let settings = self.account(id)?;
        self.edit_accounts(|file| file.accounts.retain(|a| !a.email.eq_ignore_ascii_case(&settings.email)))?;
        match self.inner.store.remove_account(&settings.email) {
            Ok(()) | Err(super::store::StoreError::NotFound(_)) => {}
            Err(err) => return Err(err.into()),
        }
        if settings.oauth.is_some() {
            let email = settings.email.clone();
            super::oauth::forget_account(&email);
            let _ = self
                .run(async move { tokio::task::spawn_blocking(move || secrets::delete_refresh_token(&email)).await })
                .await;
        } else if settings.password_command.is_none() {
            let email = settings.email.clone();
            // The account is gone either way; a keyring that cannot be reached keeps a stale item.
            let _ = self
                .run(async move { tokio::task::spawn_blocking(move || secrets::delete_from_keyring(&email)).await })
                .await;
        }
        self.emit(Event::AccountsChanged);
        Ok(())
    }

    fn edit_accounts(&self, edit: impl FnOnce(&mut AccountsFile)) -> Result<(), EngineError> {
        let _guard = self.inner.config_lock.lock().unwrap_or_else(|p| p.into_inner());
        let path = self.inner.paths.accounts_file();
        let mut file = AccountsFile::load(&path)?;
        edit(&mut file);
        file.save(&path)?;
        Ok(())
    }

    /// `account test`: checks a configured account with its stored password.
    pub async fn check_account(&self, id: AccountId) -> Result<CheckReport, EngineError> {
        let settings = self.account(id)?;
        let for_secret = settings.clone();
        let password = self.run(async move { credential::password_for(&for_secret).await }).await??;
        self.check_settings(settings, password).await
    }

    /// The wizard's test: checks settings that are not saved yet.
    pub async fn check_settings(
        &self,
        settings: AccountSettings,
        password: Password,
    ) -> Result<CheckReport, EngineError> {
        validate(&settings)?;
        let incoming_trust = self.trust_for(&settings, &settings.incoming)?;
        let smtp_trust = self.trust_for(&settings, &settings.smtp)?;
        self.run(async move {
            // Signed in with the provider (`finish_sign_in`): the access token, not a password.
            let password = match settings.oauth {
                Some(_) => credential::password_for(&settings).await?,
                None => password,
            };
            Ok::<_, EngineError>(
                account_check::check_account(CheckInput {
                    account: &settings,
                    password: &password,
                    incoming_trust,
                    smtp_trust,
                })
                .await,
            )
        })
        .await?
    }

    fn trust_for(&self, settings: &AccountSettings, endpoint: &ServerEndpoint) -> Result<Trust, EngineError> {
        super::account::trust_for(&self.inner.store, settings, endpoint)
    }

    /// The user accepted this certificate for this server (after seeing its fingerprint).
    pub fn accept_certificate(
        &self,
        endpoint: &ServerEndpoint,
        certificate: &CertificateInfo,
    ) -> Result<(), EngineError> {
        self.inner.store.save_pin(&CertificatePin {
            host: endpoint.host.clone(),
            port: endpoint.port,
            sha256: certificate.sha256.clone(),
            subject: certificate.subject.clone(),
            issuer: certificate.issuer.clone(),
            not_after: certificate.not_after.clone(),
        })?;
        Ok(())
    }

    // ----- background sync ------------------------------------------------------------------

    /// Starts a background actor for each account that has none (sync, then IDLE or poll),
    /// and the outbox's background sender.
    pub fn start_background_sync(&self) -> Result<(), EngineError> {
        self.start_background_sending()?;
        let runtime =
            self.inner.runtime.as_ref().ok_or_else(|| EngineError::storage(crate::fl!("error-engine-stopped")))?;
        let settings_file = crate::config::Settings::load(&self.inner.paths.settings_file());
        let mut actors = self.inner.actors.lock().unwrap_or_else(|p| p.into_inner());
        for (id, settings) in self.accounts()? {
            // Local folders have nothing to sync.
            if settings.protocol == crate::model::Protocol::Local || actors.iter().any(|(running, _)| *running == id) {
                continue;
            }
            let account = super::account::Account::open(self.inner.store.clone(), settings)?;
            let handle = super::actor::spawn(
                runtime.handle(),
                super::actor::ActorSetup {
                    account,
                    events: self.inner.events.clone(),
                    poll_interval: std::time::Duration::from_secs(u64::from(settings_file.poll_minutes.max(1)) * 60),
                    first_backoff: *self.inner.first_retry.lock().unwrap_or_else(|p| p.into_inner()),
                },
            );
            actors.push((id, handle));
        }
        Ok(())
    }

    /// Sets the background actors' first wait after a failure for actors started from now on:
    /// a test runs many minutes of retries in seconds with it.
    pub fn set_first_retry(&self, after: std::time::Duration) {
        *self.inner.first_retry.lock().unwrap_or_else(|p| p.into_inner()) = after;
    }

    /// Starts the background sender that sends due letters from the outbox (retries with backoff).
    pub fn start_background_sending(&self) -> Result<(), EngineError> {
        let runtime =
            self.inner.runtime.as_ref().ok_or_else(|| EngineError::storage(crate::fl!("error-engine-stopped")))?;
        let mut worker = self.inner.outbox_worker.lock().unwrap_or_else(|p| p.into_inner());
        if worker.is_none() {
            *worker = Some(super::outbox::spawn_worker(runtime.handle(), self.outbox_context()));
        }
        Ok(())
    }

    /// Stops the background actor of one account (it restarts with `start_background_sync`).
    pub(super) fn stop_background_sync(&self, account: AccountId) {
        let mut actors = self.inner.actors.lock().unwrap_or_else(|p| p.into_inner());
        actors.retain(|(id, _)| *id != account);
    }

    /// The user asked for mail now: every background actor makes a pass, an account that needs
    /// attention included (this is the user's word to try its login once more).
    pub fn sync_now(&self) {
        for (_, actor) in self.inner.actors.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            actor.sync_now();
        }
        if let Some(worker) = self.inner.outbox_worker.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            worker.wake();
        }
    }

    /// Changes wait for the account's server: its actor takes them there now (ending its IDLE),
    /// unless the account needs the user first; offline they wait for the reconnection.
    pub(super) fn push_changes(&self, account: AccountId) {
        let actors = self.inner.actors.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, actor)) = actors.iter().find(|(id, _)| *id == account) {
            actor.push();
        }
    }

    // ----- presets --------------------------------------------------------------------------

    pub fn presets(&self) -> &'static [Provider] {
        super::presets::providers()
    }
}

/// The provider table without an engine (the command line's `presets` needs no profile).
pub fn provider_presets() -> &'static [Provider] {
    super::presets::providers()
}

pub fn find_preset(id: &str) -> Option<&'static Provider> {
    super::presets::find_by_id(id)
}

pub fn preset_for_address(address: &str) -> Option<&'static Provider> {
    super::presets::find_for_address(address)
}

/// One provider's settings for a terminal, in the current language.
pub fn describe_preset(provider: &Provider) -> String {
    super::presets::describe(provider)
}

/// The provider table for a terminal, in the current language.
pub fn presets_summary() -> String {
    super::presets::summary_table()
}

/// Waits for the next event, turning a lag into [`Event::Overflow`]; `None` when the engine is gone.
pub async fn next_event(receiver: &mut EventReceiver) -> Option<Event> {
    receiver.next().await
}

pub(super) fn validate(settings: &AccountSettings) -> Result<(), EngineError> {
    let email = settings.email.trim();
    let valid_address = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') || domain == "localhost");
    if !valid_address || email.chars().any(char::is_whitespace) {
        return Err(EngineError::config(crate::fl!("error-not-an-address", address = email)));
    }
    for (incoming, endpoint) in [(true, &settings.incoming), (false, &settings.smtp)] {
        if endpoint.host.trim().is_empty() || endpoint.host.contains(char::is_whitespace) {
            let host = endpoint.host.as_str();
            return Err(EngineError::config(if incoming {
                crate::fl!("error-incoming-host-invalid", host = host)
            } else {
                crate::fl!("error-outgoing-host-invalid", host = host)
            }));
        }
        if endpoint.port == 0 {
            return Err(EngineError::config(if incoming {
                crate::fl!("error-incoming-port-invalid")
            } else {
                crate::fl!("error-outgoing-port-invalid")
            }));
        }
    }
    if settings.login.trim().is_empty() {
        return Err(EngineError::config(crate::fl!("error-login-empty")));
    }
    Ok(())
}
