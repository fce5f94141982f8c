//! Sending commands and queries on the engine handle: send (outbox first, then the server), the
//! outbox (list, cancel, edit, retry, send now), drafts (save locally and to the IMAP Drafts
//! folder, replacing the previous copy), and new letters made from cached ones (reply, forward).

use super::{EngineError, EngineHandle, ErrorKind, Event};
use crate::config::AccountsFile;
use crate::engine::compose::{self, BuiltMessage, ComposeError, Composition};
use crate::engine::outbox::{self, Attempt, OutboxContext, Retry, worded_refusal};
use crate::engine::store::{Operation, OutboxEntry, OutboxState};
use crate::engine::sync::queue_append;
use crate::model::{AccountId, AccountSettings, DraftId, Flags, FolderId, FolderRole, MessageId, OutboxId, Protocol};

/// What became of a letter handed to [`EngineHandle::send`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// The server took it; the Sent copy is filed.
    Sent { id: OutboxId, message_id: String },
    /// Not sent yet (offline, server busy, provider limit): retried by itself at `retry_at`.
    Queued { id: OutboxId, message_id: String, reason: String, retry_at: i64 },
    /// The server refused it; it waits in the outbox for the person (fix, then retry or edit).
    Held { id: OutboxId, message_id: String, problem: EngineError },
}

/// A letter in the outbox, for the person to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: OutboxId,
    pub account: AccountId,
    pub message_id: String,
    pub subject: String,
    pub recipients: Vec<String>,
    pub created_at: i64,
    pub attempts: u32,
    /// When it is tried next (Unix seconds); meaningless when `state` is `failed`.
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    /// "queued", "sending" or "failed".
    pub state: &'static str,
    pub size: u64,
}

/// A saved draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInfo {
    pub id: DraftId,
    pub message_id: String,
    pub updated_at: i64,
    pub composition: Composition,
}

impl EngineHandle {
    pub(super) fn outbox_context(&self) -> OutboxContext {
        OutboxContext {
            store: self.inner.store.clone(),
            paths: self.inner.paths.clone(),
            events: self.inner.events.clone(),
        }
    }

    /// Sends a letter: it is written to the outbox first (it survives anything from here on),
    /// then handed to the server at once. Offline or refused, it stays in the outbox.
    pub async fn send(&self, composition: Composition) -> Result<SendOutcome, EngineError> {
        let (id, message_id) = self.queue(&composition)?;
        self.send_queued(id, message_id).await
    }

    /// The first half of [`send`](Self::send), without any network: the letter is built and
    /// durably in the outbox when this returns (the window calls it off its thread the moment the
    /// person presses Send, before any network). Returns its outbox id and Message-ID.
    pub fn queue(&self, composition: &Composition) -> Result<(OutboxId, String), EngineError> {
        let account = self.sending_account(composition.account)?;
        let built =
            compose::build(composition, &account, None, crate::engine::store::now_unix()).map_err(compose_error)?;
        let id = self.queue_built(composition.account, &built)?;
        Ok((id, built.message_id))
    }

    /// The account a letter goes from, if it can send at all: folders kept on this computer
    /// (the demo mailbox, imported mail) have no server to send through, and the letter is
    /// refused before it reaches the outbox (else it would wait there for a password that
    /// does not exist).
    fn sending_account(&self, id: AccountId) -> Result<AccountSettings, EngineError> {
        let account = self.account(id)?;
        if account.protocol == Protocol::Local {
            return Err(EngineError::config(crate::fl!("error-send-local", email = account.email.as_str())));
        }
        Ok(account)
    }

    /// The second half: hands a queued letter to the server now.
    pub async fn send_queued_now(&self, id: OutboxId, message_id: String) -> Result<SendOutcome, EngineError> {
        self.send_queued(id, message_id).await
    }

    fn queue_built(&self, account_id: AccountId, built: &BuiltMessage) -> Result<OutboxId, EngineError> {
        let id = self.inner.store.queue_outgoing(
            account_id,
            &built.message_id,
            &built.raw,
            &built.envelope_from,
            &built.recipients,
        )?;
        self.emit(Event::OutboxChanged { account: account_id });
        Ok(id)
    }

    async fn send_queued(&self, id: OutboxId, message_id: String) -> Result<SendOutcome, EngineError> {
        let ctx = self.outbox_context();
        let attempt = self.run(async move { outbox::attempt(&ctx, id).await }).await??;
        Ok(match attempt {
            Attempt::Sent => {
                self.sync_now();
                SendOutcome::Sent { id, message_id }
            }
            // The background sender took it first: it is on its way.
            Attempt::Skipped => SendOutcome::Queued { id, message_id, reason: "being sent".into(), retry_at: 0 },
            Attempt::Failed { problem, retry_at: Some(retry_at) } => {
                SendOutcome::Queued { id, message_id, reason: problem.message, retry_at }
            }
            Attempt::Failed { problem, retry_at: None } => SendOutcome::Held {
                id,
                message_id,
                problem: EngineError::new(problem.kind, problem.message, problem.retry != Retry::Never),
            },
        })
    }

    /// The letters waiting to go (all accounts), oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>, EngineError> {
        let emails: Vec<(AccountId, String)> =
            self.inner.store.accounts()?.into_iter().map(|row| (row.id, row.email)).collect();
        let settings = AccountsFile::load(&self.inner.paths.accounts_file()).unwrap_or_default();
        let entries = self.inner.store.outbox_entries(None)?;
        entries
            .into_iter()
            .map(|mut entry| {
                let raw = self.inner.store.outbox_raw(entry.id)?.unwrap_or_default();
                let email = emails.iter().find(|(id, _)| *id == entry.account).map(|(_, e)| e.as_str());
                // Reasons are kept as the server's words and worded now, in today's language.
                let account_settings = email.and_then(|email| settings.find(email));
                entry.last_error =
                    entry.last_error.map(|kept| worded_refusal(&kept, account_settings, &entry.envelope_from));
                Ok(outbox_item(entry, &raw))
            })
            .collect()
    }

    /// How many letters wait in the outbox (all accounts), without reading them.
    pub fn outbox_len(&self) -> Result<usize, EngineError> {
        Ok(self.inner.store.outbox_entries(None)?.len())
    }

    /// Tries every waiting letter now (one account or all), whatever its backoff said: the person
    /// (or `pochta sync`) asks, e.g. because the network is back.
    pub async fn flush_outbox(&self, account: Option<AccountId>) -> Result<outbox::FlushReport, EngineError> {
        self.inner.store.make_outgoing_due(account)?;
        let ctx = self.outbox_context();
        self.run(async move { outbox::flush(&ctx, account).await }).await?
    }

    /// Tries a waiting or refused letter again now.
    pub async fn retry_outgoing(&self, id: OutboxId) -> Result<SendOutcome, EngineError> {
        let entry = self.outbox_entry(id)?;
        if !self.inner.store.retry_outgoing(id)? {
            return Err(EngineError::config(crate::fl!("error-letter-sending", id = id.to_string())));
        }
        self.send_queued(id, entry.message_id).await
    }

    /// Takes a letter out of the outbox for good.
    pub fn cancel_outgoing(&self, id: OutboxId) -> Result<(), EngineError> {
        let entry = self.outbox_entry(id)?;
        self.inner.store.take_outgoing(id)?.ok_or_else(|| being_sent(id))?;
        self.emit(Event::OutboxChanged { account: entry.account });
        Ok(())
    }

    /// Takes a letter out of the outbox back into a draft, to change it and send again.
    pub fn edit_outgoing(&self, id: OutboxId) -> Result<DraftId, EngineError> {
        let entry = self.outbox_entry(id)?;
        self.account_address(entry.account)?;
        let raw = self.inner.store.take_outgoing(id)?.ok_or_else(|| being_sent(id))?;
        let (composition, message_id) = compose::reopen(&raw, entry.account);
        let draft = self.store_draft(None, &composition, message_id)?;
        self.emit(Event::OutboxChanged { account: entry.account });
        Ok(draft)
    }

    fn outbox_entry(&self, id: OutboxId) -> Result<OutboxEntry, EngineError> {
        self.inner
            .store
            .outbox_entry(id)?
            .filter(|e| e.state != OutboxState::Sent)
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-outbox-letter", id = id.to_string())))
    }
}

fn being_sent(id: OutboxId) -> EngineError {
    EngineError::config(crate::fl!("error-letter-sending-or-sent", id = id.to_string()))
}

fn compose_error(err: ComposeError) -> EngineError {
    EngineError::config(err.to_string())
}

fn outbox_item(entry: OutboxEntry, raw: &[u8]) -> OutboxItem {
    OutboxItem {
        id: entry.id,
        account: entry.account,
        message_id: entry.message_id,
        subject: crate::engine::mime::parse_headers(raw).subject,
        recipients: entry.recipients,
        created_at: entry.created_at,
        attempts: entry.attempts,
        next_attempt_at: entry.next_attempt_at,
        last_error: entry.last_error,
        state: entry.state.as_str(),
        size: entry.size,
    }
}

impl EngineHandle {
    /// Saves a draft (new when `id` is None): locally at once, and for IMAP accounts as a copy in
    /// the Drafts folder that replaces the previous one (uploaded by the next sync).
    pub fn save_draft(&self, id: Option<DraftId>, composition: &Composition) -> Result<DraftId, EngineError> {
        let message_id = match id.map(|id| self.inner.store.draft(id)).transpose()?.flatten() {
            Some(row) => Some(row.message_id),
            None => None,
        };
        self.store_draft(id, composition, message_id)
    }

    fn store_draft(
        &self,
        id: Option<DraftId>,
        composition: &Composition,
        message_id: Option<String>,
    ) -> Result<DraftId, EngineError> {
        let account_id = composition.account;
        let account = self.account(account_id)?;
        let from = composition.from.as_ref().map_or(account.email.as_str(), |f| f.email.as_str());
        let message_id = message_id.unwrap_or_else(|| compose::new_message_id(from));
        let fields = serde_json::to_string(composition).map_err(|err| EngineError::internal(err.to_string()))?;
        let draft = self.inner.store.save_draft(id, account_id, &message_id, &fields)?;
        if let Some(folder) = self.drafts_folder(&account, account_id)? {
            self.remove_draft_copies(account_id, folder, &message_id)?;
            let built = compose::build_draft(composition, &account, &message_id, crate::engine::store::now_unix())
                .map_err(compose_error)?;
            let mut flags = Flags::default();
            flags.set(Flags::DRAFT, true);
            flags.set(Flags::SEEN, true);
            queue_append(&self.inner.store, account_id, folder, built.raw, flags)?;
            self.emit(Event::FoldersChanged { account: account_id });
        }
        self.emit(Event::DraftsChanged);
        Ok(draft)
    }

    /// Every saved draft, the most recently edited first.
    pub fn drafts(&self) -> Result<Vec<DraftInfo>, EngineError> {
        let rows = self.inner.store.drafts()?;
        Ok(rows
            .into_iter()
            .map(|row| DraftInfo {
                id: row.id,
                message_id: row.message_id,
                updated_at: row.updated_at,
                // A draft this version cannot read opens empty rather than failing the list.
                composition: Composition {
                    account: row.account,
                    ..serde_json::from_str(&row.fields).unwrap_or_default()
                },
            })
            .collect())
    }

    pub fn draft(&self, id: DraftId) -> Result<DraftInfo, EngineError> {
        self.drafts()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-draft", id = id.to_string())))
    }

    /// Deletes a draft, here and its copy in the server's Drafts folder.
    pub fn delete_draft(&self, id: DraftId) -> Result<(), EngineError> {
        let row = self
            .inner
            .store
            .draft(id)?
            .ok_or_else(|| EngineError::config(crate::fl!("error-no-draft", id = id.to_string())))?;
        self.inner.store.delete_draft(id)?;
        let account = self.account(row.account)?;
        if let Some(folder) = self.drafts_folder(&account, row.account)? {
            self.remove_draft_copies(row.account, folder, &row.message_id)?;
            self.emit(Event::FoldersChanged { account: row.account });
        }
        self.emit(Event::DraftsChanged);
        Ok(())
    }

    /// Sends a draft (keeping its Message-ID); once it is in the outbox the draft is removed.
    pub async fn send_draft(&self, id: DraftId) -> Result<SendOutcome, EngineError> {
        let draft = self.draft(id)?;
        let (outgoing, message_id) = self.queue_draft(id, &draft.composition)?;
        self.send_queued(outgoing, message_id).await
    }

    /// The first half of [`send_draft`](Self::send_draft) with the fields as they stand now
    /// (the composer's latest edits): built with the draft's Message-ID, durably in the outbox,
    /// then the draft removed; no network. Hand the result to `send_queued_now`.
    pub fn queue_draft(&self, id: DraftId, composition: &Composition) -> Result<(OutboxId, String), EngineError> {
        let saved = self.inner.store.draft(id)?;
        let account = self.sending_account(composition.account)?;
        let message_id = saved.as_ref().map(|row| row.message_id.as_str());
        let built = compose::build(composition, &account, message_id, crate::engine::store::now_unix())
            .map_err(compose_error)?;
        let outgoing = self.queue_built(composition.account, &built)?;
        if saved.is_some() {
            self.delete_draft(id)?;
        }
        Ok((outgoing, built.message_id))
    }

    /// The local draft behind a message in a Drafts folder, to continue writing it: the saved
    /// draft with the same Message-ID, else (a draft written elsewhere) a new local draft made
    /// from the message, keeping its Message-ID so saving replaces the server's copy.
    pub fn draft_for_message(&self, id: MessageId) -> Result<DraftId, EngineError> {
        let view = self.message(id)?;
        if let Some(message_id) = view.summary.message_id.as_deref()
            && let Some(draft) = self.drafts()?.into_iter().find(|d| d.message_id == message_id)
        {
            return Ok(draft.id);
        }
        let raw = view.raw.ok_or_else(|| {
            EngineError::new(ErrorKind::Storage, crate::fl!("error-draft-not-downloaded", id = id.to_string()), true)
        })?;
        let (composition, message_id) = compose::reopen(&raw, view.summary.account);
        self.store_draft(None, &composition, message_id)
    }

    /// Where a draft's copy goes (the Drafts folder by role, else by name; none for an IMAP
    /// account before its first sync): the server's Drafts folder, or for folders kept here (POP3,
    /// the demo, imported mail) the local Drafts folder, made now if the account never synced;
    /// so the Drafts folder shows what the person saved, whatever the account.
    fn drafts_folder(&self, account: &AccountSettings, id: AccountId) -> Result<Option<FolderId>, EngineError> {
        if account.protocol != Protocol::Imap {
            self.inner.store.ensure_local_folders(id)?;
        }
        let folders = self.inner.store.folders(id)?;
        Ok(folders
            .iter()
            .find(|f| f.role == Some(FolderRole::Drafts))
            .or_else(|| folders.iter().find(|f| f.path.eq_ignore_ascii_case("Drafts")))
            .map(|f| f.id))
    }

    /// Earlier copies of a draft: an upload still queued is withdrawn, one on the server is
    /// expunged (a draft is replaced, not moved to Trash); a local copy simply goes.
    fn remove_draft_copies(&self, account: AccountId, folder: FolderId, message_id: &str) -> Result<(), EngineError> {
        let local = self.inner.store.is_local_account(account)?;
        for (message, uid) in self.inner.store.copies_by_message_id(folder, message_id)? {
            if local {
                self.inner.store.delete_local(message)?;
                continue;
            }
            match uid {
                None => {
                    self.inner.store.withdraw_append(account, message)?;
                }
                Some(uid) => {
                    self.inner.store.queue_operation(account, &Operation::Expunge { message, folder, uid })?;
                }
            }
        }
        Ok(())
    }
}

impl EngineHandle {
    /// A reply to a cached letter (`all`: to everyone on it but ourselves), ready to edit, the
    /// answer above or below the quote as the settings say.
    pub fn reply(&self, id: MessageId, all: bool) -> Result<Composition, EngineError> {
        let (account_id, account, raw) = self.original(id)?;
        let style = if self.settings().reply_above_quote {
            compose::ReplyStyle::AboveQuote
        } else {
            compose::ReplyStyle::BelowQuote
        };
        Ok(Composition { account: account_id, ..compose::reply(&raw, &account, all, style) })
    }

    /// A forward of a cached letter: inline, or the whole letter attached.
    pub fn forward(&self, id: MessageId, as_attachment: bool) -> Result<Composition, EngineError> {
        let (account_id, account, raw) = self.original(id)?;
        Ok(Composition { account: account_id, ..compose::forward(&raw, &account, as_attachment) })
    }

    fn original(&self, id: MessageId) -> Result<(AccountId, AccountSettings, Vec<u8>), EngineError> {
        let view = self.message(id)?;
        let raw = view.raw.ok_or_else(|| {
            EngineError::new(ErrorKind::Storage, crate::fl!("error-original-not-downloaded", id = id.to_string()), true)
        })?;
        Ok((view.summary.account, self.account(view.summary.account)?, raw))
    }
}
