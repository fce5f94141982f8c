//! One IMAP sync pass for an account: folders, new mail (headers newest first), flags and
//! expunges, then bodies for offline reading. After any error the session is dropped (DESIGN §4:
//! async-imap answers `Ok` with empty data after a parse error): nothing the server seems to say
//! after an error is trusted, and nothing cached is deleted on the strength of a short answer.

mod fetch;
mod flags;
mod folders;
mod partial;
mod qresync;
mod replay;
mod rules;
mod search;
mod status;
#[cfg(test)]
mod transcripts;

use super::plan::{self, CachedFolder, FlagCheck, NewMail, ServerFolder};
use super::{FolderSummary, SyncOptions, SyncSummary};
use crate::engine::protocol::deadline;
use crate::engine::protocol::imap::namespace::{self, Personal};
use crate::engine::protocol::imap::{self as imap_client, ImapClient, ImapFailure, ImapSession};
use crate::engine::protocol::tls::Trust;
use crate::engine::store::{FolderRow, FolderSyncState, Store, StoreError};
use crate::model::{AccountId, AccountSettings, FolderRole, Uid, UidValidity};
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug)]
pub enum SyncError {
    /// Could not connect or log in.
    Connect(ImapFailure),
    /// The session failed mid-sync: dropped; the next pass converges.
    Session(String),
    /// The server went silent (or trickled) past a deadline: dropped; the next pass converges.
    Stalled {
        seconds: u64,
    },
    Store(StoreError),
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Connect(failure) => failure.fmt(f),
            SyncError::Session(text) => f.write_str(&crate::fl!("error-imap-session-broke", detail = text.as_str())),
            SyncError::Stalled { seconds } => {
                f.write_str(&crate::fl!("error-imap-stalled", seconds = seconds.to_string()))
            }
            SyncError::Store(err) => err.fmt(f),
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(err: StoreError) -> Self {
        SyncError::Store(err)
    }
}

impl From<async_imap::error::Error> for SyncError {
    fn from(err: async_imap::error::Error) -> Self {
        match &err {
            async_imap::error::Error::Io(io) => match deadline::passed(io) {
                Some(passed) => SyncError::Stalled { seconds: passed.seconds },
                None => SyncError::Session(imap_client::readable_io_error(io)),
            },
            _ => SyncError::Session(err.to_string()),
        }
    }
}

impl From<std::io::Error> for SyncError {
    fn from(err: std::io::Error) -> Self {
        async_imap::error::Error::Io(err).into()
    }
}

/// One exchange with the server within `limit` ([`deadline`]: a trickling server never trips
/// the stream's silence limit, so each whole FETCH, SEARCH or LIST has its own deadline too).
pub(crate) async fn timed<T>(
    limit: std::time::Duration,
    exchange: impl std::future::Future<Output = Result<T, async_imap::error::Error>>,
) -> Result<T, SyncError> {
    Ok(deadline::within(limit, exchange).await?)
}

/// Progress callbacks for the actor (events) and the command line (stderr).
pub trait Progress: Send + Sync {
    fn folder_started(&self, _path: &str) {}
    fn headers_stored(&self, _path: &str, _done: usize, _total: usize) {}
    fn bodies_stored(&self, _path: &str, _done: usize, _total: usize) {}
}

/// A progress sink that reports nothing.
pub struct Quiet;
impl Progress for Quiet {}

/// Everything a pass needs.
pub struct SyncJob<'a> {
    pub store: Arc<Store>,
    pub account_id: AccountId,
    pub account: &'a AccountSettings,
    pub password: &'a str,
    pub trust: Trust,
    pub options: SyncOptions,
    pub progress: &'a dyn Progress,
    /// A connection opened while the password was being fetched, used by the first `connect`.
    pub early: EarlyConnection,
    /// A session carried over from the account's previous use (the actor's last pass and IDLE).
    pub kept: KeptSession,
}

/// A logged-in session carried from one use to the next: the background actor's pass, its IDLE
/// on INBOX, the next pass (woken by IDLE or by the user's change). One login serves them all
/// while the connection stands; a session that no longer answers is replaced by a new login.
#[derive(Default)]
pub struct KeptSession {
    /// Whether the pass hands its session back instead of logging out.
    keep: bool,
    session: std::sync::Mutex<Option<ImapSession>>,
}

impl KeptSession {
    /// Keep the pass's session afterwards, starting from `session` if there is one.
    pub fn keeping(session: Option<ImapSession>) -> KeptSession {
        KeptSession { keep: true, session: std::sync::Mutex::new(session) }
    }

    pub fn has_session(&self) -> bool {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    pub fn take(&self) -> Option<ImapSession> {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn put(&self, session: ImapSession) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
    }
}

/// The outcome of opening a connection ahead of its use (see [`open_early`]).
pub type EarlyConnection = std::sync::Mutex<Option<Result<ImapClient, ImapFailure>>>;

/// Opens the connection (TCP, TLS, greeting) for a job whose password is still being fetched:
/// a password command (a keyring unlock, `gpg`) and the handshake then take the time of the
/// longer one, not of both. The outcome, failure included, is what the job's `connect` gets:
/// one attempt, so an unreachable server is not waited for twice.
pub async fn open_early(account: &AccountSettings, trust: &Trust) -> EarlyConnection {
    std::sync::Mutex::new(Some(imap_client::connect(&account.incoming, trust).await))
}

pub async fn connect(job: &SyncJob<'_>) -> Result<ImapSession, SyncError> {
    if let Some(mut session) = job.kept.take() {
        // RFC 3501 6.1.2: a NOOP tells whether a kept session still stands (servers end idle
        // connections, networks drop them) before a pass relies on it.
        session.get_mut().set_silence_limit(Some(deadline::silence()));
        match timed(deadline::command(), session.noop()).await {
            Ok(()) => return Ok(session),
            Err(err) => tracing::debug!(%err, "the kept session is gone: logging in again"),
        }
    }
    let early = job.early.lock().unwrap_or_else(|p| p.into_inner()).take();
    let client = match early {
        Some(opened) => opened,
        None => imap_client::connect(&job.account.incoming, &job.trust).await,
    }
    .map_err(SyncError::Connect)?;
    // LOGIN, or AUTHENTICATE with an OAuth 2.0 access token (issue 20).
    imap_client::sign_in(client, job.account, job.password)
        .await
        .map(|(session, _)| session)
        .map_err(SyncError::Connect)
}

/// The folders the person chose for a role (the accounts screen) win over the server's
/// SPECIAL-USE attributes and the names: the chosen folder takes the role, the others lose it.
fn apply_folder_choices(
    folders: &mut [crate::engine::store::FolderRecord],
    choices: &std::collections::BTreeMap<String, String>,
) {
    for (role, path) in choices {
        let Some(role) = crate::model::FolderRole::parse(role) else { continue };
        // A \Noselect name holds no messages: never a target, even when chosen.
        if !folders.iter().any(|f| &f.path == path && f.selectable) {
            continue;
        }
        for folder in folders.iter_mut() {
            if folder.path == *path {
                folder.role = Some(role);
            } else if folder.role == Some(role) {
                folder.role = None;
            }
        }
    }
}

/// One full pass. The session is logged out on success (or handed back, when the job keeps it)
/// and dropped on error.
pub async fn sync_account(job: &SyncJob<'_>) -> Result<SyncSummary, SyncError> {
    let started = Instant::now();
    let mut session = connect(job).await?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "connected and logged in");
    let mut capabilities = Capabilities::of(&mut session).await?;
    let mut summary = SyncSummary::default();
    // What the user did (offline or not) reaches the server first, folder changes included, so
    // the folder list read next already shows them instead of undoing them.
    if job.store.pending_count(Some(job.account_id))? > 0 {
        capabilities.enable_qresync(&mut session).await?;
    }
    let known = job.store.folders(job.account_id)?;
    let replayed = replay::replay(job, &mut session, &capabilities, &known).await?;
    summary.operations_replayed = replayed.done;
    summary.errors.extend(replayed.refused.iter().map(|refusal| {
        crate::fl!("error-imap-change-refused", operation = refusal.what.as_str(), text = refusal.reply.as_str())
    }));
    summary.refused.extend(replayed.refused);
    // Asked before LIST: Dovecot answers STATUS from its index then, but opens the mailbox
    // once LIST has run (0.1 s for a 100,000-message folder).
    let cached = job.store.folders(job.account_id)?;
    let unchanged = status::unchanged_folders(&mut session, &capabilities, &cached).await?;
    let mut server_folders = folders::list(&mut session, capabilities.namespace.as_ref()).await?;
    apply_folder_choices(&mut server_folders, &job.account.special_folders);
    job.store.reconcile_folders(job.account_id, &server_folders)?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "folders listed and reconciled");
    let mut rows = job.store.folders(job.account_id)?;
    rows.retain(|f| f.selectable && !f.local_only);
    // INBOX first, then the special folders, then the rest: what the user looks at first.
    rows.sort_by_key(|f| (f.role != Some(FolderRole::Inbox), f.role.is_none(), f.path.clone()));
    if rows.iter().any(|f| !unchanged.contains(&f.id)) {
        capabilities.enable_qresync(&mut session).await?;
    }
    for folder in &rows {
        job.progress.folder_started(&folder.path);
        let folder_summary = if unchanged.contains(&folder.id) {
            FolderSummary { folder: Some(folder.id), path: folder.path.clone(), ..Default::default() }
        } else {
            sync_folder(job, &mut session, &capabilities, folder, &mut summary.bytes).await?
        };
        summary.errors.extend(folder_summary.rule_problems.iter().cloned());
        tracing::debug!(ms = started.elapsed().as_millis() as u64, folder = %folder.path, "folder synced");
        summary.folders.push(folder_summary);
    }
    // Rules matched new mail: their moves and flags reach the server in this same pass.
    if job.store.pending_count(Some(job.account_id))? > 0 {
        let known = job.store.folders(job.account_id)?;
        let replayed = replay::replay(job, &mut session, &capabilities, &known).await?;
        summary.operations_replayed += replayed.done;
        summary.errors.extend(replayed.refused.iter().map(|refusal| {
            crate::fl!(
                "error-imap-rule-change-refused",
                operation = refusal.what.as_str(),
                text = refusal.reply.as_str()
            )
        }));
        summary.refused.extend(replayed.refused);
    }
    if job.options.bodies {
        for (folder, folder_summary) in rows.iter().zip(summary.folders.iter_mut()) {
            // Only folders with bodies still to fetch are selected again.
            if !fetch::has_bodies_to_fetch(job, folder)? {
                continue;
            }
            if capabilities.gmail
                && fetch::borrow_gmail_bodies(job, folder)? > 0
                && !fetch::has_bodies_to_fetch(job, folder)?
            {
                continue;
            }
            let _ = timed(deadline::command(), session.select(&folder.raw_name)).await?;
            let (count, bytes) = fetch::bodies(job, &mut session, folder).await?;
            folder_summary.bodies = count;
            summary.bytes += bytes;
        }
    }
    if job.kept.keep {
        job.kept.put(session);
    } else {
        let _ = timed(deadline::command(), session.logout()).await;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Fetches one whole message into the cache: opening a message whose body, or whose
/// attachments, are not cached yet. EXAMINE (RFC 3501 6.3.2) so opening changes nothing there.
pub async fn fetch_whole(job: &SyncJob<'_>, folder: FolderRow, uid: crate::model::Uid) -> Result<(), SyncError> {
    let mut session = connect(job).await?;
    let mailbox = timed(deadline::command(), session.examine(&folder.raw_name)).await?;
    let validity = mailbox.uid_validity.map(UidValidity);
    if validity.is_none() || validity != folder.state.uidvalidity {
        return Err(SyncError::Session(format!("{} changed on the server; sync first", folder.path)));
    }
    // The size is not known here: a message as large as servers usually accept is allowed for.
    let fetched = fetch::whole_bodies(&mut session, &[uid.0], 64 * 1024 * 1024).await?;
    if fetched.is_empty() {
        return Err(SyncError::Session(format!(
            "the message is no longer in {} on the server; the next sync removes it",
            folder.path
        )));
    }
    let mut committer = fetch::Committer::new(job.store.clone(), folder.id);
    committer.commit_bodies(fetched).await?;
    committer.finish().await?;
    let _ = timed(deadline::command(), session.logout()).await;
    Ok(())
}

/// The folder's messages on the server that contain every word of `query` (fetched into the
/// cache when missing), newest first.
pub async fn search_folder(job: &SyncJob<'_>, folder: FolderRow, query: String) -> Result<Vec<Uid>, SyncError> {
    search::search_folder(job, folder, &query).await
}

/// Whether a folder's first pass fetches whole messages at once (everything is wanted, and
/// the folder is small enough that its whole list arrives soon anyway). Not on Gmail: there a
/// message is often cached in another folder already, which only its headers (X-GM-MSGID) tell
/// before its body is fetched.
fn whole_first_sync(options: &super::SyncOptions, capabilities: &Capabilities, exists: u32) -> bool {
    !capabilities.gmail
        && options.bodies
        && options.body_days.is_none()
        && !options.attachments_on_demand
        && exists <= fetch::WHOLE_FIRST_SYNC_LIMIT
}

/// What the server can do that changes our strategy.
#[derive(Debug, Clone, Default)]
pub struct Capabilities {
    pub condstore: bool,
    pub r#move: bool,
    pub uidplus: bool,
    /// The server offers QRESYNC (RFC 7162 3.2.3) and it has not been asked for yet.
    pub qresync_to_enable: bool,
    /// QRESYNC is ENABLEd for this session.
    pub qresync: bool,
    /// The personal namespace (RFC 2342) when the server offers NAMESPACE.
    pub namespace: Option<Personal>,
    /// Gmail's extensions (X-GM-EXT-1): one message shows in many folders under one X-GM-MSGID,
    /// so its body is fetched and stored once (`fetch::borrow_gmail_bodies`).
    pub gmail: bool,
}

impl Capabilities {
    async fn of(session: &mut ImapSession) -> Result<Capabilities, SyncError> {
        let caps = timed(deadline::command(), session.capabilities()).await?;
        let namespace = if caps.has_str("NAMESPACE") { namespace::ask(session).await? } else { None };
        Ok(Capabilities::from_names(|name| caps.has_str(name), namespace))
    }

    /// The strategy for a server listing the capabilities `has` says yes to.
    fn from_names(has: impl Fn(&str) -> bool, namespace: Option<Personal>) -> Capabilities {
        Capabilities {
            condstore: has("CONDSTORE") || has("QRESYNC"),
            r#move: has("MOVE"),
            uidplus: has("UIDPLUS"),
            qresync_to_enable: has("QRESYNC"),
            qresync: false,
            namespace,
            gmail: has("X-GM-EXT-1"),
        }
    }

    /// ENABLEs QRESYNC once, when offered, before the first SELECT: only then is it needed,
    /// and ENABLE is valid only before a mailbox is selected (RFC 5161 3.1). A pass that finds
    /// every folder unchanged selects none, and spares the round trip.
    async fn enable_qresync(&mut self, session: &mut ImapSession) -> Result<(), SyncError> {
        // Asked once: a refusal is not asked again.
        if std::mem::take(&mut self.qresync_to_enable) {
            self.qresync = qresync::enable(session).await?;
        }
        Ok(())
    }
}

async fn sync_folder(
    job: &SyncJob<'_>,
    session: &mut ImapSession,
    capabilities: &Capabilities,
    folder: &FolderRow,
    bytes: &mut u64,
) -> Result<FolderSummary, SyncError> {
    // With QRESYNC and a cache to resync from, one SELECT brings flag changes and expunges.
    let resync = match (capabilities.qresync, folder.state.uidvalidity, folder.state.highestmodseq) {
        (true, Some(validity), Some(modseq)) if folder.state.uidnext.is_some() => {
            Some(qresync::select(session, &folder.raw_name, validity, modseq).await?)
        }
        _ => None,
    };
    let server = match &resync {
        Some(resync) => resync.server_folder()?,
        None => {
            let mailbox = if capabilities.condstore {
                timed(deadline::command(), session.select_condstore(&folder.raw_name)).await?
            } else {
                timed(deadline::command(), session.select(&folder.raw_name)).await?
            };
            // A SELECT without UIDVALIDITY is what async-imap returns after a parse error: never "empty".
            let uidvalidity = mailbox
                .uid_validity
                .ok_or_else(|| SyncError::Session(format!("SELECT {} returned no UIDVALIDITY", folder.path)))?;
            ServerFolder {
                uidvalidity: UidValidity(uidvalidity),
                uidnext: mailbox.uid_next,
                exists: mailbox.exists,
                highestmodseq: if capabilities.condstore { mailbox.highest_modseq } else { None },
            }
        }
    };
    let mut server = server;
    if server.uidnext.is_none() {
        server.uidnext = Some(status::uidnext_without_select(session, &folder.raw_name, server.exists).await?);
    }
    // A mailbox that answers NOMODSEQ (RFC 7162 3.1.2.2) takes no MODSEQ in FETCH.
    let condstore = capabilities.condstore && server.highestmodseq.is_some();
    let extras = fetch::Extras { condstore, gmail: capabilities.gmail };
    let cached = CachedFolder {
        uidvalidity: folder.state.uidvalidity,
        uidnext: folder.state.uidnext,
        highestmodseq: folder.state.highestmodseq,
        count: 0,
    };
    let mut plan = plan::plan_folder(&server, &cached);
    tracing::trace!(folder = %folder.path, ?plan, "selected and planned");
    let mut summary = FolderSummary {
        folder: Some(folder.id),
        path: folder.path.clone(),
        rebuilt: plan.rebuild,
        ..Default::default()
    };
    if let Some(resync) = resync.filter(|_| !plan.rebuild) {
        // The SELECT already said what changed: apply it; the count check still guards gaps.
        // Nothing vanished and nothing changed is the common case: no store work at all then.
        if !resync.vanished.is_empty() {
            let cached_uids = job.store.uid_flags(folder.id)?;
            let gone: Vec<_> =
                cached_uids.into_iter().map(|(uid, _)| uid).filter(|uid| resync.is_vanished(*uid)).collect();
            summary.removed = job.store.remove_uids(folder.id, &gone)?;
        }
        if !resync.changed.is_empty() {
            summary.flags_changed = job.store.update_flags(folder.id, &resync.changed)?;
        }
        plan.flags = FlagCheck::None;
    }
    if plan.rebuild {
        tracing::warn!(folder = %folder.path, "UIDVALIDITY changed: rebuilding the folder from the server");
        job.store.reset_folder(folder.id, server.uidvalidity)?;
    }
    let (new, new_bytes) = match plan.new_mail {
        NewMail::None => (0, 0),
        NewMail::All if whole_first_sync(&job.options, capabilities, server.exists) => {
            fetch::all_messages(job, session, folder, server.exists, extras).await?
        }
        NewMail::All => fetch::all_headers(job, session, folder, server.exists, extras).await?,
        NewMail::From(uid) => {
            let (new, bytes, problems) = fetch::headers_from(job, session, folder, uid, extras).await?;
            summary.rule_problems = problems;
            (new, bytes)
        }
    };
    summary.new_messages = new;
    *bytes += new_bytes;
    match plan.flags {
        FlagCheck::None => {}
        FlagCheck::ChangedSince(modseq) => {
            summary.flags_changed = flags::changed_since(job, session, folder, modseq).await?
        }
        FlagCheck::FullCompare => {
            let (changed, removed) =
                flags::full_compare(job, session, folder, server.exists, capabilities.gmail).await?;
            summary.flags_changed = changed;
            summary.removed = removed;
        }
    }
    if plan.check_expunges {
        summary.removed += flags::expunges_by_count(job, session, folder, server.exists, capabilities.gmail).await?;
        tracing::trace!(folder = %folder.path, "expunges checked by count");
    }
    let state = FolderSyncState {
        uidvalidity: Some(server.uidvalidity),
        uidnext: server.uidnext.or(folder.state.uidnext),
        highestmodseq: server.highestmodseq,
        messages: folder.state.messages,
    };
    // An unchanged folder costs no write (and no fsync) at all; the store recounts the cached
    // messages whenever it records a state, and when the recorded count disagrees with SELECT.
    if state != folder.state || folder.state.messages != Some(u64::from(server.exists)) {
        job.store.set_folder_state(folder.id, state)?;
    }
    Ok(summary)
}
