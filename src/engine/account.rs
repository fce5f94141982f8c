//! One account as the engine's internals see it: its settings, its id in the store, the trust
//! for its servers. The only place that builds a sync job, looks up a pinned certificate and
//! turns a sync failure into an [`EngineError`] whose kind says whether retrying can help; the
//! background actor and the API's one-off commands both go through it. For an account that signs
//! in with its provider (OAuth 2.0) a pass whose access token is refused is tried once more with
//! a refreshed one.

use super::account_check::{self, Stage};
use super::error::{EngineError, ErrorKind, from_problem};
use super::protocol::imap::ImapSession;
use super::protocol::tls::Trust;
use super::store::Store;
use super::sync::imap::{KeptSession, Progress, SyncError, SyncJob, open_early};
use super::sync::pop3::Pop3SyncError;
use super::sync::{SyncOptions, SyncSummary};
use super::{credential, secrets};
use crate::model::{AccountId, AccountSettings, Protocol, ServerEndpoint};
use futures::future::BoxFuture;
use std::sync::Arc;

/// An account ready for work: cheap to clone, `Send`.
#[derive(Clone)]
pub(super) struct Account {
    pub store: Arc<Store>,
    pub id: AccountId,
    pub settings: AccountSettings,
    pub trust: Trust,
}

impl Account {
    /// The account's row in the store (made on first use) and the trust for its incoming server.
    pub fn open(store: Arc<Store>, settings: AccountSettings) -> Result<Account, EngineError> {
        let id = store.ensure_account(&settings.email, settings.protocol.as_str())?;
        let trust = trust_for(&store, &settings, &settings.incoming)?;
        Ok(Account { store, id, settings, trust })
    }

    /// Runs `work` with a sync job (password, trust, store). IMAP opens its connection while the
    /// password is fetched (a keyring unlock or `gpg` overlaps the handshake); POP3 needs the
    /// greeting's APOP timestamp in its login, so it stays in order. A password that cannot be
    /// had ends the job at once.
    pub async fn with_job<T>(
        &self,
        options: SyncOptions,
        progress: &dyn Progress,
        work: impl for<'a> FnOnce(&'a SyncJob<'a>) -> BoxFuture<'a, Result<T, EngineError>>,
    ) -> Result<T, EngineError> {
        self.with_kept_job(options, progress, KeptSession::default(), work).await
    }

    /// [`with_job`](Self::with_job) carrying a session over (see [`KeptSession`]): no early
    /// connection is opened when there is one to reuse.
    async fn with_kept_job<T>(
        &self,
        options: SyncOptions,
        progress: &dyn Progress,
        kept: KeptSession,
        work: impl for<'a> FnOnce(&'a SyncJob<'a>) -> BoxFuture<'a, Result<T, EngineError>>,
    ) -> Result<T, EngineError> {
        let account = &self.settings;
        let (password, early) = if account.protocol == Protocol::Imap && !kept.has_session() {
            let opened = async { Ok::<_, secrets::SecretError>(open_early(account, &self.trust).await) };
            tokio::try_join!(credential::password_for(account), opened)?
        } else {
            (credential::password_for(account).await?, Default::default())
        };
        let job = SyncJob {
            store: self.store.clone(),
            account_id: self.id,
            account,
            password: password.expose(),
            trust: self.trust.clone(),
            options: options.for_account(&account.sync),
            progress,
            early,
            kept,
        };
        let outcome = work(&job).await;
        if let Err(err) = &outcome
            && account.oauth.is_some()
            && err.kind == ErrorKind::Auth
        {
            // The server refused the access token: the next login refreshes it first.
            super::oauth::forget_access_token(&account.email);
        }
        outcome
    }

    /// Whether a failed pass is worth one more try at once: an access token the server refused
    /// (revoked, expired early) is refreshed for it. A refused refresh token is not (the
    /// account waits for "sign in again"), and password accounts never retry a refused login.
    fn retry_with_new_token(&self, err: &EngineError) -> bool {
        self.settings.oauth.is_some() && err.kind == ErrorKind::Auth && !err.is_sign_in_again()
    }

    /// A fresh token refused too: only a new sign-in can help, so the account says so.
    fn after_retry(&self, mut err: EngineError) -> EngineError {
        if err.kind == ErrorKind::Auth {
            err.sign_in_again = true;
        }
        err
    }

    /// One full pass (folders, new mail, flags, expunges, bodies, queued operations).
    pub async fn sync(&self, options: SyncOptions, progress: &dyn Progress) -> Result<SyncSummary, EngineError> {
        match self.sync_once(options, progress).await {
            Err(err) if self.retry_with_new_token(&err) => {
                self.sync_once(options, progress).await.map_err(|err| self.after_retry(err))
            }
            outcome => outcome,
        }
    }

    async fn sync_once(&self, options: SyncOptions, progress: &dyn Progress) -> Result<SyncSummary, EngineError> {
        match self.settings.protocol {
            // Local folders have no server to sync with.
            Protocol::Local => Ok(SyncSummary::default()),
            Protocol::Pop3 => {
                self.with_job(options, progress, |job| {
                    Box::pin(async move {
                        super::sync::pop3::sync_account(job).await.map_err(|err| pop3_error(err, job.account))
                    })
                })
                .await
            }
            Protocol::Imap => {
                self.with_job(options, progress, |job| {
                    Box::pin(async move {
                        super::sync::imap::sync_account(job).await.map_err(|err| sync_error(err, job.account))
                    })
                })
                .await
            }
        }
    }

    /// An IMAP pass that reuses `session` when it still stands and hands its own session back
    /// instead of logging out: the background actor's pass, IDLE and next pass share one login.
    pub async fn sync_keeping(
        &self,
        options: SyncOptions,
        progress: &dyn Progress,
        session: Option<ImapSession>,
    ) -> Result<(SyncSummary, Option<ImapSession>), EngineError> {
        match self.sync_keeping_once(options, progress, session).await {
            Err(err) if self.retry_with_new_token(&err) => {
                self.sync_keeping_once(options, progress, None).await.map_err(|err| self.after_retry(err))
            }
            outcome => outcome,
        }
    }

    async fn sync_keeping_once(
        &self,
        options: SyncOptions,
        progress: &dyn Progress,
        session: Option<ImapSession>,
    ) -> Result<(SyncSummary, Option<ImapSession>), EngineError> {
        self.with_kept_job(options, progress, KeptSession::keeping(session), |job| {
            Box::pin(async move {
                let summary = super::sync::imap::sync_account(job).await.map_err(|err| sync_error(err, job.account))?;
                Ok((summary, job.kept.take()))
            })
        })
        .await
    }
}

/// The trust for one of an account's servers: its own CA file and the certificate the user
/// pinned for that host and port, if any.
pub(super) fn trust_for(
    store: &Store,
    settings: &AccountSettings,
    endpoint: &ServerEndpoint,
) -> Result<Trust, EngineError> {
    let pin = store.pin_for(&endpoint.host, endpoint.port)?;
    Ok(Trust { ca_file: settings.ca_file.clone(), pinned_sha256: pin.map(|p| p.sha256) })
}

pub(super) fn sync_error(err: SyncError, account: &AccountSettings) -> EngineError {
    match err {
        SyncError::Connect(failure) => from_problem(account_check::explain_imap(&failure, account, Stage::Login)),
        SyncError::Session(_) => EngineError::new(ErrorKind::Protocol, err.to_string(), true),
        SyncError::Stalled { .. } => EngineError::new(ErrorKind::Network, err.to_string(), true),
        SyncError::Store(store) => store.into(),
    }
}

fn pop3_error(err: Pop3SyncError, account: &AccountSettings) -> EngineError {
    match err {
        Pop3SyncError::Open(failure) => from_problem(account_check::explain_pop3_open(&failure, account)),
        Pop3SyncError::Login(failure) => from_problem(account_check::explain_pop3(&failure, account, Stage::Login)),
        Pop3SyncError::Session(_) => EngineError::new(ErrorKind::Protocol, err.to_string(), true),
        Pop3SyncError::Store(store) => store.into(),
    }
}
