//! One actor per account on the engine's runtime: a sync pass, then waiting for news (IMAP: IDLE
//! on INBOX, RFC 2177, re-issued before the server's 30-minute limit; plain polling when IDLE is
//! not offered; POP3 has no push, RFC 1939, so it polls), other folders polled on an interval,
//! reconnection with backoff after failures.
//! It reports progress, connectivity and new mail as events and stops when told or dropped.

use super::api::{Connectivity, Event};
use super::protocol::imap::ImapSession;
use super::protocol::tls::Trust;
use super::secrets;
use super::store::Store;
use super::sync::SyncOptions;
use super::sync::imap::{Progress, SyncJob, sync_account};
use crate::model::{AccountId, AccountSettings, Protocol};
use async_imap::extensions::idle::IdleResponse;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

/// RFC 2177 3: servers may drop an IDLE after 30 minutes; re-issue it well before.
const IDLE_REISSUE: Duration = Duration::from_secs(29 * 60);
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// What the actor can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorCommand {
    SyncNow,
    Stop,
}

/// A running actor: dropping the handle stops it.
pub struct ActorHandle {
    commands: mpsc::Sender<ActorCommand>,
}

impl ActorHandle {
    pub fn sync_now(&self) {
        let _ = self.commands.try_send(ActorCommand::SyncNow);
    }
}

impl Drop for ActorHandle {
    fn drop(&mut self) {
        let _ = self.commands.try_send(ActorCommand::Stop);
    }
}

pub struct ActorSetup {
    pub store: Arc<Store>,
    pub account_id: AccountId,
    pub account: AccountSettings,
    pub trust: Trust,
    pub events: broadcast::Sender<Event>,
    pub poll_interval: Duration,
}

impl ActorSetup {
    /// A sync job for this account with the account's own body policy.
    fn job<'a>(&'a self, password: &'a str, progress: &'a dyn Progress) -> SyncJob<'a> {
        SyncJob {
            store: self.store.clone(),
            account_id: self.account_id,
            account: &self.account,
            password,
            trust: self.trust.clone(),
            options: SyncOptions::default().for_account(&self.account.sync),
            progress,
            early: Default::default(),
        }
    }
}

pub fn spawn(runtime: &tokio::runtime::Handle, setup: ActorSetup) -> ActorHandle {
    let (commands, receiver) = mpsc::channel(8);
    runtime.spawn(run(setup, receiver));
    ActorHandle { commands }
}

/// Progress as events.
struct EventProgress {
    account: AccountId,
    events: broadcast::Sender<Event>,
}

impl Progress for EventProgress {
    fn headers_stored(&self, path: &str, done: usize, total: usize) {
        let _ = self.events.send(Event::SyncProgress { account: self.account, folder: path.into(), done, total });
    }
    fn bodies_stored(&self, path: &str, done: usize, total: usize) {
        let _ = self.events.send(Event::SyncProgress { account: self.account, folder: path.into(), done, total });
    }
}

async fn run(setup: ActorSetup, mut commands: mpsc::Receiver<ActorCommand>) {
    let account = setup.account_id;
    let emit = |event: Event| {
        let _ = setup.events.send(event);
    };
    let mut backoff = Duration::from_secs(1);
    loop {
        // A POP3 server's LOGIN-DELAY (RFC 2449 §6.5): polling sooner would only be refused.
        let login_delay = match pass(&setup).await {
            Ok((new_mail, login_delay)) => {
                backoff = Duration::from_secs(1);
                emit(Event::Connectivity { account, state: Connectivity::Online });
                emit(Event::FoldersChanged { account });
                if new_mail > 0 {
                    emit(Event::NewMail { account, count: new_mail });
                }
                login_delay.unwrap_or_default()
            }
            Err(reason) => {
                tracing::info!(%reason, "sync failed; retrying in {backoff:?}");
                emit(Event::Connectivity { account, state: Connectivity::Offline { reason } });
                tokio::select! {
                    command = commands.recv() => match command {
                        Some(ActorCommand::SyncNow) => continue,
                        Some(ActorCommand::Stop) | None => return,
                    },
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        // Wait for news: IDLE on INBOX when offered, else the poll interval; a command wins.
        let wait = wait_for_news(&setup, login_delay);
        tokio::select! {
            command = commands.recv() => match command {
                Some(ActorCommand::SyncNow) => {}
                Some(ActorCommand::Stop) | None => return,
            },
            () = wait => {}
        }
    }
}

/// One sync pass; the number of new messages and the server's login delay, or why it failed.
async fn pass(setup: &ActorSetup) -> Result<(usize, Option<Duration>), String> {
    let password = secrets::password_for(&setup.account).await.map_err(|e| e.to_string())?;
    let progress = EventProgress { account: setup.account_id, events: setup.events.clone() };
    let job = setup.job(password.expose(), &progress);
    let summary = match setup.account.protocol {
        Protocol::Pop3 => super::sync::pop3::sync_account(&job).await.map_err(|e| e.to_string())?,
        Protocol::Imap => sync_account(&job).await.map_err(|e| e.to_string())?,
        Protocol::Local => return Ok((0, None)),
    };
    Ok((summary.folders.iter().map(|f| f.new_messages).sum(), summary.login_delay))
}

/// Returns when the server says something changed in INBOX, the poll interval passed, or the
/// IDLE had to be re-issued. Any error also returns: the next pass finds out what is wrong.
async fn wait_for_news(setup: &ActorSetup, login_delay: Duration) {
    if setup.account.protocol == Protocol::Pop3 {
        tokio::time::sleep(setup.poll_interval.max(login_delay)).await;
        return;
    }
    let idle = async {
        let password = secrets::password_for(&setup.account).await.ok()?;
        let job = setup.job(password.expose(), &super::sync::imap::Quiet);
        let mut session: ImapSession = super::sync::imap::connect(&job).await.ok()?;
        let caps = session.capabilities().await.ok()?;
        if !caps.has_str("IDLE") {
            return None;
        }
        session.select("INBOX").await.ok()?;
        // A silent server is IDLE's normal case: the stream's silence limit is off and
        // IDLE_REISSUE (with the poll interval below) is the deadline instead.
        session.get_mut().set_silence_limit(None);
        let mut handle = session.idle();
        handle.init().await.ok()?;
        let (wait, _stop) = handle.wait_with_timeout(IDLE_REISSUE);
        let response = wait.await.ok()?;
        tracing::debug!(?response, "IDLE woke up");
        // Ending the IDLE politely is best effort: the session is dropped either way.
        let _ = tokio::time::timeout(Duration::from_secs(5), handle.done()).await;
        Some(matches!(response, IdleResponse::NewData(_)))
    };
    tokio::select! {
        woke = idle => {
            if woke.is_none() {
                // No IDLE (or it failed): fall back to the poll interval.
                tokio::time::sleep(setup.poll_interval).await;
            }
        }
        () = tokio::time::sleep(setup.poll_interval) => {}
    }
}
