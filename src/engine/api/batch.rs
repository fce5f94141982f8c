//! What the user does to the selected messages, as batches: flag, move, copy, delete, junk. A
//! batch is one store transaction (1,000 messages marked read are one commit, not 1,000 behind
//! the sync's writer), runs on the engine's blocking pool (never on the window's thread), wakes
//! the account's actor so the change reaches the server within a second or two, and returns an
//! [`Undo`] that takes it back until the next one.

use super::{EngineError, EngineHandle, Event};
use crate::engine::store::{Change, Operation, Revert};
use crate::model::{AccountId, Flag, Flags, FolderId, FolderRole, MessageId};

use crate::engine::junk::{JUNK_KEYWORD, NOT_JUNK_KEYWORD};
use std::collections::HashMap;

/// A change of one flag the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagChange {
    pub flag: Flag,
    pub on: bool,
}

/// What a batch did, for the notice that offers Undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    Flagged(FlagChange),
    Moved,
    Copied,
    Deleted,
    Junk,
    NotJunk,
    /// The user's rules, run on a folder ("Run now"): read, flagged and tags.
    Ruled,
}

/// A done batch: how many messages it changed, what could not be done, and how to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub kind: BatchKind,
    pub count: usize,
    /// Messages left as they were, with the reason (another account's folder, a message still
    /// waiting for an earlier change to reach the server).
    pub skipped: Vec<String>,
    reverts: Vec<Revert>,
}

/// What an undo did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undone {
    pub reverted: usize,
    /// Changes that cannot come back (a message already expunged on the server).
    pub impossible: usize,
}

impl EngineHandle {
    /// Sets or clears one flag on every message, in one transaction.
    pub async fn flag_messages(&self, ids: Vec<MessageId>, change: FlagChange) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| engine.flag_now(&ids, change)).await
    }

    /// Moves messages to a folder of their account.
    pub async fn move_messages(&self, ids: Vec<MessageId>, to: FolderId) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| engine.file_now(&ids, to, false)).await
    }

    /// Copies messages to a folder of their account.
    pub async fn copy_messages(&self, ids: Vec<MessageId>, to: FolderId) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| engine.file_now(&ids, to, true)).await
    }

    /// Deletes messages: to Trash, or for good when they are in Trash already (or there is none).
    pub async fn delete_messages(&self, ids: Vec<MessageId>) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| engine.delete_now(&ids)).await
    }

    /// Marks messages as junk: the junk filter learns them, then `$Junk` and a move to the
    /// account's Junk folder.
    pub async fn junk_messages(&self, ids: Vec<MessageId>) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| {
            engine.train_junk_filter(&ids, true)?;
            engine.junk_now(&ids)
        })
        .await
    }

    /// Marks messages as not junk: the junk filter learns them as good, `$NotJunk` replaces
    /// `$Junk`, and those in the Junk folder go back to the Inbox.
    pub async fn not_junk_messages(&self, ids: Vec<MessageId>) -> Result<Undo, EngineError> {
        self.off_thread(move |engine| {
            engine.train_junk_filter(&ids, false)?;
            engine.not_junk_now(&ids)
        })
        .await
    }

    /// Takes a batch back: queued operations are cancelled, done ones reversed on the server.
    pub async fn undo(&self, undo: Undo) -> Result<Undone, EngineError> {
        self.off_thread(move |engine| {
            let done = engine.inner.store.revert_changes(&undo.reverts)?;
            engine.changed(&done.accounts);
            engine.emit(Event::AccountsChanged);
            Ok(Undone { reverted: done.reverted, impossible: done.impossible })
        })
        .await
    }

    /// Runs engine work (the store, the keyring) on the engine's blocking pool and waits for it
    /// from any executor: how the window calls anything that may wait on disk.
    pub async fn off_thread<T: Send + 'static>(
        &self,
        work: impl FnOnce(&EngineHandle) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        let engine = self.clone();
        self.run(async move { tokio::task::spawn_blocking(move || work(&engine)).await })
            .await?
            .map_err(|err| EngineError::internal(crate::fl!("error-engine-task", err = err.to_string())))?
    }

    pub(super) fn flag_now(&self, ids: &[MessageId], change: FlagChange) -> Result<Undo, EngineError> {
        self.reflag_now(ids, BatchKind::Flagged(change), |flags| flags.set_flag(change.flag, change.on))
    }

    /// Changes the flags and keywords of every message by `edit`, in one transaction.
    pub(super) fn reflag_now(
        &self,
        ids: &[MessageId],
        kind: BatchKind,
        edit: impl Fn(&mut Flags),
    ) -> Result<Undo, EngineError> {
        let mut plan = Plan::default();
        let mut accounts = Accounts::new(self);
        for (id, (account, folder, uid, before)) in self.inner.store.message_locations(ids)? {
            let mut flags = before.clone();
            edit(&mut flags);
            if flags == before {
                continue;
            }
            if accounts.is_local(account)? {
                plan.push(account, Change::LocalFlags { message: id, flags });
                continue;
            }
            match uid {
                Some(uid) => {
                    let operation = Operation::SetFlags { message: id, folder, uid, before, flags };
                    plan.push(account, Change::Queue(account, operation));
                }
                None => plan.skip(crate::fl!("error-message-waiting-for-server", id = id.to_string())),
            }
        }
        self.commit(kind, plan)
    }

    pub(super) fn file_now(&self, ids: &[MessageId], to: FolderId, copy: bool) -> Result<Undo, EngineError> {
        let target = self.inner.store.folder(to)?;
        // A \Noselect name (a parent the server made implicitly) holds no messages: the server
        // would refuse the COPY or MOVE at the next sync.
        if !target.selectable {
            return Err(EngineError::config(crate::fl!("error-folder-holds-no-mail", path = target.path.clone())));
        }
        let mut plan = Plan::default();
        let mut accounts = Accounts::new(self);
        for (id, (account, from, uid, _)) in self.inner.store.message_locations(ids)? {
            if account != target.account {
                plan.skip(crate::fl!("error-other-account", folder = target.path.clone()));
                continue;
            }
            if from == to && !copy {
                continue;
            }
            let change = match (accounts.is_local(account)?, uid, copy) {
                (true, _, false) => Change::LocalMove { message: id, to },
                (true, _, true) => Change::LocalCopy { message: id, to },
                (false, Some(uid), false) => Change::Queue(account, Operation::Move { message: id, from, uid, to }),
                (false, Some(uid), true) => Change::Copy { account, message: id, from, uid, to },
                (false, None, _) => {
                    plan.skip(crate::fl!("error-message-waiting-for-server", id = id.to_string()));
                    continue;
                }
            };
            plan.push(account, change);
        }
        self.commit(if copy { BatchKind::Copied } else { BatchKind::Moved }, plan)
    }

    pub(super) fn delete_now(&self, ids: &[MessageId]) -> Result<Undo, EngineError> {
        let mut plan = Plan::default();
        let mut accounts = Accounts::new(self);
        for (id, (account, folder, uid, _)) in self.inner.store.message_locations(ids)? {
            let trash = accounts.with_role(account, FolderRole::Trash)?.filter(|trash| *trash != folder);
            let local = accounts.is_local(account)?;
            let change = match (trash, local, uid) {
                (Some(trash), true, _) => Change::LocalMove { message: id, to: trash },
                // Local mail already in Trash goes for good, with the account's server-copy rule.
                (None, true, _) => {
                    self.delete_locally(id, account)?;
                    continue;
                }
                (Some(trash), false, Some(uid)) => {
                    Change::Queue(account, Operation::Move { message: id, from: folder, uid, to: trash })
                }
                (None, false, Some(uid)) => Change::Queue(account, Operation::Expunge { message: id, folder, uid }),
                (_, false, None) => {
                    plan.skip(crate::fl!("error-message-waiting-for-server", id = id.to_string()));
                    continue;
                }
            };
            plan.push(account, change);
        }
        self.commit(BatchKind::Deleted, plan)
    }

    pub(super) fn junk_now(&self, ids: &[MessageId]) -> Result<Undo, EngineError> {
        let mut plan = Plan::default();
        let mut accounts = Accounts::new(self);
        for (id, (account, folder, uid, before)) in self.inner.store.message_locations(ids)? {
            // Mail that lives here (POP3) gets a local Junk folder the first time it is needed.
            let junk = match accounts.with_role(account, FolderRole::Junk)? {
                None if accounts.is_local(account)? => {
                    let made = self.inner.store.ensure_local_junk_folder(account)?;
                    accounts.found(account, FolderRole::Junk, made);
                    Some(made)
                }
                found => found,
            };
            let Some(junk) = junk else {
                let email = self.account_email(account)?;
                plan.skip(crate::fl!("error-no-junk-folder", email = email));
                continue;
            };
            if junk == folder {
                continue;
            }
            if accounts.is_local(account)? {
                plan.push(account, Change::LocalMove { message: id, to: junk });
                continue;
            }
            let Some(uid) = uid else {
                plan.skip(crate::fl!("error-message-waiting-for-server", id = id.to_string()));
                continue;
            };
            // The keyword first, so other clients agree it is junk; a server that refuses
            // keywords keeps only the move.
            if !before.keywords.iter().any(|k| k == JUNK_KEYWORD) {
                let mut flags: Flags = before.clone();
                flags.keywords.push(JUNK_KEYWORD.to_string());
                flags.keywords.sort();
                plan.push_extra(
                    account,
                    Change::Queue(account, Operation::SetFlags { message: id, folder, uid, before, flags }),
                );
            }
            plan.push(account, Change::Queue(account, Operation::Move { message: id, from: folder, uid, to: junk }));
        }
        self.commit(BatchKind::Junk, plan)
    }

    pub(super) fn not_junk_now(&self, ids: &[MessageId]) -> Result<Undo, EngineError> {
        let mut plan = Plan::default();
        let mut accounts = Accounts::new(self);
        for (id, (account, folder, uid, before)) in self.inner.store.message_locations(ids)? {
            let junk = accounts.with_role(account, FolderRole::Junk)?;
            let inbox = accounts.with_role(account, FolderRole::Inbox)?.filter(|_| junk == Some(folder));
            let local = accounts.is_local(account)?;
            let mut flags: Flags = before.clone();
            flags.keywords.retain(|k| !k.eq_ignore_ascii_case(JUNK_KEYWORD));
            if !flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(NOT_JUNK_KEYWORD)) {
                flags.keywords.push(NOT_JUNK_KEYWORD.to_string());
                flags.keywords.sort();
            }
            match (local, uid) {
                (true, _) => {
                    let keywords_changed = flags != before;
                    if keywords_changed {
                        plan.push(account, Change::LocalFlags { message: id, flags });
                    }
                    if let Some(inbox) = inbox {
                        let change = Change::LocalMove { message: id, to: inbox };
                        if keywords_changed { plan.push_extra(account, change) } else { plan.push(account, change) }
                    }
                }
                (false, Some(uid)) => {
                    // The keywords first, so other clients agree; then the move back.
                    let keywords_changed = flags != before;
                    if keywords_changed {
                        let operation = Operation::SetFlags { message: id, folder, uid, before, flags };
                        plan.push(account, Change::Queue(account, operation));
                    }
                    if let Some(inbox) = inbox {
                        let change =
                            Change::Queue(account, Operation::Move { message: id, from: folder, uid, to: inbox });
                        if keywords_changed { plan.push_extra(account, change) } else { plan.push(account, change) }
                    }
                }
                (false, None) => plan.skip(crate::fl!("error-message-waiting-for-server", id = id.to_string())),
            }
        }
        self.commit(BatchKind::NotJunk, plan)
    }

    fn commit(&self, kind: BatchKind, plan: Plan) -> Result<Undo, EngineError> {
        let count = plan.messages;
        let reverts = self.inner.store.apply_changes(&plan.changes)?;
        self.changed(&plan.accounts);
        Ok(Undo { kind, count, skipped: plan.skipped, reverts })
    }

    /// After a change: the window re-reads, and the accounts' actors take it to their servers.
    fn changed(&self, accounts: &[AccountId]) {
        for account in accounts {
            self.emit(Event::FoldersChanged { account: *account });
            self.push_changes(*account);
        }
    }

    /// The account's folder with this role (one place for "the Trash of this account").
    pub(super) fn folder_with_role(
        &self,
        account: AccountId,
        role: FolderRole,
    ) -> Result<Option<FolderId>, EngineError> {
        Ok(self.inner.store.folders(account)?.into_iter().find(|f| f.role == Some(role)).map(|f| f.id))
    }

    fn account_email(&self, account: AccountId) -> Result<String, EngineError> {
        Ok(self.account_ids()?.into_iter().find(|(id, _)| *id == account).map(|(_, email)| email).unwrap_or_default())
    }
}

/// What a batch asks about each message's account, asked once per account: a batch of 1,000
/// messages in one account reads the account's folders once, not 1,000 times.
struct Accounts<'a> {
    engine: &'a EngineHandle,
    local: HashMap<AccountId, bool>,
    roles: HashMap<(AccountId, FolderRole), Option<FolderId>>,
}

impl<'a> Accounts<'a> {
    fn new(engine: &'a EngineHandle) -> Self {
        Accounts { engine, local: HashMap::new(), roles: HashMap::new() }
    }

    /// Whether the account's mail lives here only (POP3, Local Folders).
    fn is_local(&mut self, account: AccountId) -> Result<bool, EngineError> {
        if let Some(local) = self.local.get(&account) {
            return Ok(*local);
        }
        let local = self.engine.inner.store.is_local_account(account)?;
        self.local.insert(account, local);
        Ok(local)
    }

    fn with_role(&mut self, account: AccountId, role: FolderRole) -> Result<Option<FolderId>, EngineError> {
        if let Some(found) = self.roles.get(&(account, role)) {
            return Ok(*found);
        }
        let found = self.engine.folder_with_role(account, role)?;
        self.roles.insert((account, role), found);
        Ok(found)
    }

    /// A folder was made for a role meanwhile (the local Junk folder).
    fn found(&mut self, account: AccountId, role: FolderRole, folder: FolderId) {
        self.roles.insert((account, role), Some(folder));
    }
}

/// The changes a batch will make, and what it leaves.
#[derive(Default)]
struct Plan {
    changes: Vec<Change>,
    accounts: Vec<AccountId>,
    messages: usize,
    skipped: Vec<String>,
}

impl Plan {
    /// One message's change.
    fn push(&mut self, account: AccountId, change: Change) {
        self.messages += 1;
        self.push_extra(account, change);
    }

    /// A further change for a message already counted (junk's keyword before its move).
    fn push_extra(&mut self, account: AccountId, change: Change) {
        self.changes.push(change);
        if !self.accounts.contains(&account) {
            self.accounts.push(account);
        }
    }

    fn skip(&mut self, reason: String) {
        if !self.skipped.contains(&reason) {
            self.skipped.push(reason);
        }
    }
}
