//! One actor per account on the engine's runtime, a small state machine:
//!
//! - **syncing**: a pass (folders, new mail, flags, queued operations); commands are heard during
//!   it: `Stop` ends it at once (the store is transactional, so a cut pass loses nothing), a
//!   `SyncNow` or `Push` that arrives meanwhile runs one more pass right after;
//! - **waiting for news**: IDLE on INBOX (RFC 2177, re-issued before the server's 30-minute
//!   limit), plain polling without IDLE, POP3 polls (RFC 1939 has no push); a `Push` (the user
//!   changed something) or `SyncNow` ends the wait, so a change reaches the server in about a
//!   second instead of at the next poll;
//! - **backing off** after a failure that retrying can fix (network, a passing server error);
//! - **needs attention** after one that it cannot (refused password, untrusted or changed
//!   certificate, access switched off by the provider): no further login until the user says so
//!   (`SyncNow` from "Get mail", or new settings, which restart the actor). Providers lock
//!   accounts after repeated failed logins; a background retry loop would do exactly that.

use super::account::Account;
use super::error::{EngineError, ErrorKind};
use super::event::{Attention, Connectivity, Event, EventBus, FolderRef};
use super::protocol::deadline;
use super::protocol::imap::ImapSession;
use super::sync::SyncOptions;
use super::sync::imap::{Progress, timed};
use crate::model::{FolderId, Protocol};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::mpsc;

/// RFC 2177 3: servers may drop an IDLE after 30 minutes; re-issue it well before.
const IDLE_REISSUE: Duration = Duration::from_secs(29 * 60);
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// What the actor can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorCommand {
    /// The user asked for mail now: the one thing that retries an account that needs attention.
    SyncNow,
    /// Changes wait for the server: a pass soon, unless the account needs the user first.
    Push,
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

    pub fn push(&self) {
        let _ = self.commands.try_send(ActorCommand::Push);
    }
}

impl Drop for ActorHandle {
    fn drop(&mut self) {
        let _ = self.commands.try_send(ActorCommand::Stop);
    }
}

pub struct ActorSetup {
    pub account: Account,
    pub events: EventBus,
    pub poll_interval: Duration,
    /// The first wait after a failure; doubled up to five minutes.
    pub first_backoff: Duration,
}

pub fn spawn(runtime: &tokio::runtime::Handle, setup: ActorSetup) -> ActorHandle {
    let (commands, receiver) = mpsc::channel(8);
    runtime.spawn(run(setup, receiver));
    ActorHandle { commands }
}

/// Progress as events, the folder named by id once it has a row.
struct EventProgress<'a> {
    account: &'a Account,
    events: EventBus,
    ids: Mutex<HashMap<String, Option<FolderId>>>,
}

impl EventProgress<'_> {
    fn report(&self, path: &str, done: usize, total: usize) {
        let mut ids = self.ids.lock().unwrap_or_else(|p| p.into_inner());
        let id = *ids.entry(path.to_string()).or_insert_with(|| {
            let folders = self.account.store.folders(self.account.id).unwrap_or_default();
            folders.into_iter().find(|f| f.path == path).map(|f| f.id)
        });
        let folder = FolderRef { id, path: path.to_string() };
        self.events.emit(Event::SyncProgress { account: self.account.id, folder, done, total });
    }
}

impl Progress for EventProgress<'_> {
    fn headers_stored(&self, path: &str, done: usize, total: usize) {
        self.report(path, done, total);
    }
    fn bodies_stored(&self, path: &str, done: usize, total: usize) {
        self.report(path, done, total);
    }
}

/// What ended a wait.
enum Woken {
    Command(ActorCommand),
    Timer,
}

async fn run(setup: ActorSetup, mut commands: mpsc::Receiver<ActorCommand>) {
    let account = setup.account.id;
    let mut backoff = setup.first_backoff;
    // The last pass's session, carried into IDLE and the next pass (IMAP): one login for all.
    let mut kept: Option<ImapSession> = None;
    loop {
        let mut again = false;
        let outcome = {
            let pass = pass(&setup, kept.take());
            tokio::pin!(pass);
            loop {
                tokio::select! {
                    outcome = &mut pass => break outcome,
                    command = commands.recv() => match command {
                        Some(ActorCommand::SyncNow | ActorCommand::Push) => again = true,
                        Some(ActorCommand::Stop) | None => return,
                    },
                }
            }
        };
        // A POP3 server's LOGIN-DELAY (RFC 2449 §6.5): polling sooner would only be refused.
        let login_delay = match outcome {
            Ok(done) => {
                backoff = setup.first_backoff;
                kept = done.session;
                setup.events.emit(Event::Connectivity { account, state: Connectivity::Online });
                setup.events.emit(Event::FoldersChanged { account });
                if done.new_mail > 0 {
                    setup.events.emit(Event::NewMail { account, count: done.new_mail });
                }
                done.login_delay.unwrap_or_default()
            }
            Err(err) if err.kind.needs_attention() => {
                tracing::info!(reason = %err, "sync stopped until the user acts");
                let state = Connectivity::NeedsAttention { reason: err.message.clone(), action: attention(&err) };
                setup.events.emit(Event::Connectivity { account, state });
                // Only the user's word logs in again: changes made meanwhile wait, queued.
                loop {
                    match commands.recv().await {
                        Some(ActorCommand::SyncNow) => break,
                        Some(ActorCommand::Push) => continue,
                        Some(ActorCommand::Stop) | None => return,
                    }
                }
                continue;
            }
            Err(err) => {
                tracing::info!(reason = %err, "sync failed; retrying in {backoff:?}");
                let state = Connectivity::Offline { reason: err.message };
                setup.events.emit(Event::Connectivity { account, state });
                match wait_or_command(&mut commands, tokio::time::sleep(backoff)).await {
                    Woken::Command(ActorCommand::Stop) => return,
                    Woken::Command(_) => {}
                    Woken::Timer => backoff = (backoff * 2).min(MAX_BACKOFF),
                }
                continue;
            }
        };
        if again {
            continue;
        }
        // Wait for news: IDLE on INBOX when offered, else the poll interval; a command wins.
        let (woken, session) = wait_for_news(&setup, login_delay, kept.take(), &mut commands).await;
        kept = session;
        if let Woken::Command(ActorCommand::Stop) = woken {
            return;
        }
    }
}

async fn wait_or_command(
    commands: &mut mpsc::Receiver<ActorCommand>,
    wait: impl std::future::Future<Output = ()>,
) -> Woken {
    tokio::select! {
        command = commands.recv() => Woken::Command(command.unwrap_or(ActorCommand::Stop)),
        () = wait => Woken::Timer,
    }
}

/// The one action that helps an account that needs attention.
fn attention(err: &EngineError) -> Attention {
    match err.kind {
        ErrorKind::Auth if err.sign_in_again => Attention::SignInAgain,
        ErrorKind::Auth => Attention::ReenterPassword,
        ErrorKind::Tls => Attention::ReviewCertificate,
        ErrorKind::ProviderBlocked => Attention::OpenProviderPage { url: None },
        _ => Attention::EditSettings,
    }
}

/// What a pass brought: new messages, the server's login delay (POP3), the session to keep.
struct PassDone {
    new_mail: usize,
    login_delay: Option<Duration>,
    session: Option<ImapSession>,
}

/// One sync pass, reusing `session` (IMAP) when it still stands.
async fn pass(setup: &ActorSetup, session: Option<ImapSession>) -> Result<PassDone, EngineError> {
    let progress = EventProgress { account: &setup.account, events: setup.events.clone(), ids: Mutex::default() };
    let (summary, session) = if setup.account.settings.protocol == Protocol::Imap {
        setup.account.sync_keeping(SyncOptions::default(), &progress, session).await?
    } else {
        (setup.account.sync(SyncOptions::default(), &progress).await?, None)
    };
    let new_mail = summary.folders.iter().map(|f| f.new_messages).sum();
    Ok(PassDone { new_mail, login_delay: summary.login_delay, session })
}

/// Waits on the kept session: IDLE on INBOX (RFC 2177) until the server says something changed,
/// the poll interval passes (other folders), or a command comes. A command ends the IDLE with
/// DONE, so the session goes on to the next pass; without IDLE (or a session) the poll interval
/// is the wait. Any failure drops the session: the next pass logs in again and finds out.
async fn wait_for_news(
    setup: &ActorSetup,
    login_delay: Duration,
    session: Option<ImapSession>,
    commands: &mut mpsc::Receiver<ActorCommand>,
) -> (Woken, Option<ImapSession>) {
    let poll = setup.poll_interval.max(login_delay);
    let Some(mut session) = session else {
        return (wait_or_command(commands, tokio::time::sleep(poll)).await, None);
    };
    let ready = async {
        let caps = timed(deadline::command(), session.capabilities()).await.ok()?;
        if !caps.has_str("IDLE") {
            return None;
        }
        timed(deadline::command(), session.select("INBOX")).await.ok()
    };
    if ready.await.is_none() {
        let _ = timed(deadline::command(), session.logout()).await;
        return (wait_or_command(commands, tokio::time::sleep(poll)).await, None);
    }
    // A silent server is IDLE's normal case: the stream's silence limit is off and the IDLE's
    // own timeout (at most RFC 2177's 29 minutes, at most the poll interval) is the deadline.
    session.get_mut().set_silence_limit(None);
    let mut handle = session.idle();
    if timed(deadline::command(), handle.init()).await.is_err() {
        return (wait_or_command(commands, tokio::time::sleep(poll)).await, None);
    }
    let woken = {
        let (wait, stop) = handle.wait_with_timeout(IDLE_REISSUE.min(poll));
        let mut stop = Some(stop);
        tokio::pin!(wait);
        tokio::select! {
            response = &mut wait => {
                tracing::debug!(?response, "IDLE woke up");
                match response {
                    Ok(_) => Woken::Timer,
                    Err(_) => return (Woken::Timer, None),
                }
            }
            command = commands.recv() => {
                // Dropping the stop source interrupts the wait; DONE follows below.
                drop(stop.take());
                let _ = wait.await;
                Woken::Command(command.unwrap_or(ActorCommand::Stop))
            }
        }
    };
    if let Woken::Command(ActorCommand::Stop) = woken {
        return (woken, None);
    }
    match timed(deadline::command(), handle.done()).await {
        Ok(session) => (woken, Some(session)),
        Err(err) => {
            tracing::debug!(%err, "ending IDLE failed: the next pass logs in again");
            (woken, None)
        }
    }
}
