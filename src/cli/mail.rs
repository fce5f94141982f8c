//! `pochta sync | folders | list | show | export | search | import ...`: the mail commands, on the engine API.

use super::args::{Command, FolderCommand};
use crate::engine::api::{
    EngineError, EngineHandle, ErrorKind, FlagChange, MessageSummary, Progress, SearchScope, SyncOptions, SyncSummary,
};
use crate::model::{AccountId, Flag, MessageId};
use chrono::TimeZone;
use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

pub async fn run(engine: &EngineHandle, command: &Command, json: bool) -> Result<(), EngineError> {
    match command {
        Command::Sync { account, headers_only } => sync(engine, account.as_deref(), *headers_only, json).await,
        Command::Folders { account } => folders(engine, account.as_deref(), json),
        Command::List { account, folder, limit } => list(engine, account.as_deref(), folder.as_deref(), *limit, json),
        Command::Show { id, raw } => show(engine, *id, *raw).await,
        Command::Export { id, to } => export(engine, *id, to, json).await,
        Command::Search { query, account, folder, limit } => {
            // Another run may have stopped before its last messages were indexed.
            engine.wait_for_search_index().await?;
            let scope =
                SearchScope { account: super::account_if_named(engine, account.as_deref())?, folder: folder.clone() };
            let found = engine.search_in(query, &scope, *limit)?;
            print_found(engine, &found, query, json)
        }
        Command::Flag { id, changes } => {
            let parsed = changes.iter().map(|c| parse_flag_change(c)).collect::<Result<Vec<_>, _>>()?;
            engine.set_flags(MessageId(*id), &parsed)
        }
        Command::Move { id, folder } => engine.move_message(MessageId(*id), folder),
        Command::Copy { id, folder } => engine.copy_message(MessageId(*id), folder),
        Command::Delete { id } => engine.delete_message(MessageId(*id)),
        Command::Folder(FolderCommand::Create { account, path }) => {
            engine.create_folder(super::account_named(engine, account)?, path).map(|_| ())
        }
        Command::Import { format, path, folder, account } => {
            import(engine, *format, path, folder, account.as_deref(), json)
        }
        Command::Folder(FolderCommand::Rename { account, from, to }) => {
            engine.rename_folder(super::account_named(engine, account)?, from, to)
        }
        Command::Folder(FolderCommand::Delete { account, path }) => {
            engine.delete_folder(super::account_named(engine, account)?, path)
        }
        Command::Account(_)
        | Command::Presets { .. }
        | Command::Discover { .. }
        | Command::Send(_)
        | Command::Outbox { .. }
        | Command::Drafts { .. }
        | Command::Junk { .. }
        | Command::NotJunk { .. }
        | Command::JunkFilter(_) => unreachable!("routed in cli::run"),
    }
}

/// Progress on stderr, at most a few lines a second.
struct StderrProgress {
    last: Mutex<Instant>,
}

impl StderrProgress {
    fn report(&self, line: String) {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.elapsed().as_millis() >= 500 {
            *last = Instant::now();
            eprintln!("{line}");
        }
    }
}

impl Progress for StderrProgress {
    fn headers_stored(&self, path: &str, done: usize, total: usize) {
        self.report(crate::fl!("cli-sync-headers", path = path, done = done, total = total));
    }
    fn bodies_stored(&self, path: &str, done: usize, total: usize) {
        self.report(crate::fl!("cli-sync-bodies", path = path, done = done, total = total));
    }
}

async fn sync(engine: &EngineHandle, account: Option<&str>, headers_only: bool, json: bool) -> Result<(), EngineError> {
    let account = super::account_if_named(engine, account)?;
    let accounts: Vec<(AccountId, String)> = match account {
        Some(id) => vec![(id, engine.account_address(id)?)],
        None => engine.accounts()?.into_iter().map(|(id, settings)| (id, settings.email)).collect(),
    };
    if accounts.is_empty() {
        return Err(EngineError::config(crate::fl!("cli-no-accounts-to-sync")));
    }
    let options = SyncOptions { bodies: !headers_only, ..SyncOptions::default() };
    let mut first_error = None;
    let mut summaries = Vec::new();
    // The outbox first, so the Sent copies it files are uploaded by this same pass.
    let mut outbox_sent = flush_outbox(engine, account).await;
    let several = accounts.len() > 1;
    for (id, email) in accounts {
        let progress = StderrProgress { last: Mutex::new(Instant::now()) };
        match engine.sync(id, options, progress).await {
            Ok(summary) => summaries.push((id, email, summary)),
            // Each error is printed once: the first is what the command returns (and the caller
            // prints), the others here; with several accounts each names its account.
            Err(mut err) => {
                if several {
                    err.message = format!("{email}: {}", err.message);
                }
                if first_error.is_none() {
                    first_error = Some(err);
                } else {
                    eprintln!("pochta: {err}");
                }
            }
        }
    }
    // Again: a letter sent before the account's folders were known is filed in Sent now, and
    // that copy (an APPEND queued by the filing) goes up in a short pass of its own rather than
    // waiting for the next sync.
    let pending_before = engine.pending_operations().unwrap_or(0);
    outbox_sent += flush_outbox(engine, account).await;
    if engine.pending_operations().unwrap_or(0) > pending_before {
        for (id, email, summary) in &mut summaries {
            let progress = StderrProgress { last: Mutex::new(Instant::now()) };
            match engine.sync(*id, options, progress).await {
                Ok(extra) => {
                    summary.operations_replayed += extra.operations_replayed;
                    summary.errors.extend(extra.errors);
                    summary.refused.extend(extra.refused);
                }
                Err(err) => eprintln!("pochta: {email}: {err}"),
            }
        }
    }
    // What the server refused (a folder it would not create, a move it would not make) was
    // undone here: each is said, with the server's words, and the command fails.
    for (_, email, s) in &summaries {
        for error in &s.errors {
            eprintln!("pochta: {email}: {error}");
        }
    }
    let refused: usize = summaries.iter().map(|(_, _, s)| s.refused.len()).sum();
    if refused > 0 && first_error.is_none() {
        first_error =
            Some(EngineError::new(ErrorKind::Protocol, crate::fl!("cli-sync-refused", count = refused), false));
    }
    if json {
        let mut out: Vec<_> = summaries.iter().map(|(_, email, s)| summary_json(email, s)).collect();
        for value in &mut out {
            value["outbox_sent"] = serde_json::json!(outbox_sent);
        }
        println!("{}", if out.len() == 1 { out[0].clone() } else { serde_json::Value::Array(out) });
    } else {
        for (_, email, s) in &summaries {
            let new: usize = s.folders.iter().map(|f| f.new_messages).sum();
            let bodies: usize = s.folders.iter().map(|f| f.bodies).sum();
            let folders = s.folders.len();
            let seconds = format!("{:.2}", s.seconds);
            println!(
                "{email}: {}",
                crate::fl!(
                    "cli-sync-summary",
                    folders = folders,
                    new = new,
                    bodies = bodies,
                    bytes = s.bytes,
                    seconds = seconds
                )
            );
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Sends what is due; failures are reported, not fatal (the letters stay queued).
async fn flush_outbox(engine: &EngineHandle, account: Option<AccountId>) -> usize {
    match engine.flush_outbox(account).await {
        Ok(report) => {
            for (id, problem) in &report.failed {
                eprintln!(
                    "{}",
                    crate::fl!("cli-outbox-not-sent", id = id.to_string(), reason = problem.message.as_str())
                );
            }
            report.sent.len()
        }
        Err(err) => {
            eprintln!("outbox: {err}");
            0
        }
    }
}

fn summary_json(email: &str, s: &SyncSummary) -> serde_json::Value {
    serde_json::json!({
        "account": email,
        "folders": s.folders.iter().map(|f| serde_json::json!({
            "name": f.path, "new": f.new_messages, "bodies": f.bodies, "removed": f.removed,
            "flags_changed": f.flags_changed, "rebuilt": f.rebuilt,
        })).collect::<Vec<_>>(),
        "messages_fetched": s.folders.iter().map(|f| f.new_messages).sum::<usize>(),
        "bytes": s.bytes, "seconds": s.seconds, "errors": s.errors, "deleted_on_server": s.deleted_on_server,
        "refused": s.refused.iter().map(|r| serde_json::json!({
            "operation": r.operation, "what": r.what, "reply": r.reply,
        })).collect::<Vec<_>>(),
    })
}

fn folders(engine: &EngineHandle, account: Option<&str>, json: bool) -> Result<(), EngineError> {
    let folders = engine.folders(super::account_if_named(engine, account)?)?;
    let names = super::AccountNames::load(engine)?;
    if json {
        let rows: Vec<_> = folders
            .iter()
            .map(|f| {
                serde_json::json!({
                    "account": names.of(f.account), "name": f.path, "role": f.role.map(|r| r.as_str()),
                    "total": f.total, "unread": f.unread,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    for f in folders {
        let depth = f.path.matches('/').count();
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        let unread = crate::fl!("cli-folders-unread", count = f.unread);
        println!("{}{}\t{}\t{unread}\t{}", "  ".repeat(depth), name, f.total, names.of(f.account));
    }
    Ok(())
}

fn list(
    engine: &EngineHandle,
    account: Option<&str>,
    folder: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<(), EngineError> {
    let account = match super::account_if_named(engine, account)? {
        Some(id) => id,
        None => engine
            .accounts()?
            .first()
            .map(|(id, _)| *id)
            .ok_or_else(|| EngineError::config(crate::fl!("cli-no-accounts")))?,
    };
    let folder_id = engine.find_folder(account, folder)?;
    print_messages(engine, &engine.messages(folder_id, 0, limit)?, json)
}

fn print_messages(engine: &EngineHandle, messages: &[MessageSummary], json: bool) -> Result<(), EngineError> {
    if json {
        let names = super::AccountNames::load(engine)?;
        let rows: Vec<_> = messages.iter().map(|m| message_json(m, &names)).collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    for m in messages {
        // The real address too when the name pretends to be one (issue 22).
        let from = crate::engine::api::reading::honest_sender(&m.from_name, &m.from_addr);
        let unread = if m.flags.has(crate::model::Flags::SEEN) { ' ' } else { '*' };
        println!("{}\t{unread} {}\t{}\t{}", m.id, date_text(m.date), from, m.subject);
    }
    Ok(())
}

/// Search results: the list's lines, or JSON with each message's matched snippet.
fn print_found(engine: &EngineHandle, found: &[MessageSummary], query: &str, json: bool) -> Result<(), EngineError> {
    if !json {
        return print_messages(engine, found, false);
    }
    let names = super::AccountNames::load(engine)?;
    let mut rows = Vec::with_capacity(found.len());
    for m in found {
        let mut row = message_json(m, &names);
        row["snippet"] = serde_json::json!(engine.search_snippet(m.id, query)?);
        rows.push(row);
    }
    println!("{}", serde_json::Value::Array(rows));
    Ok(())
}

fn message_json(m: &MessageSummary, names: &super::AccountNames) -> serde_json::Value {
    let mut value = serde_json::json!({
        "id": m.id.0, "account": names.of(m.account), "folder": m.folder_path, "message_id": m.message_id,
        "date": m.date.and_then(|d| chrono::Utc.timestamp_opt(d, 0).single()).map(|d| d.to_rfc3339()),
        "from": match crate::engine::api::reading::display_text(&m.from_name) {
            name if name.is_empty() => m.from_addr.clone(),
            name => format!("{name} <{}>", m.from_addr),
        },
        "subject": m.subject, "flags": m.flags.names(), "size": m.size,
    });
    match (&m.uid, &m.uidl) {
        (Some(uid), _) => value["uid"] = serde_json::json!(uid.0),
        (None, Some(uidl)) => value["uidl"] = serde_json::json!(uidl),
        (None, None) => {}
    }
    value
}

fn date_text(date: Option<i64>) -> String {
    date.and_then(|d| chrono::Local.timestamp_opt(d, 0).single())
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Shows a message from the cache; what is not cached (the body, or the exact bytes of a
/// message whose attachments were left on the server) is fetched first.
async fn show(engine: &EngineHandle, id: i64, raw: bool) -> Result<(), EngineError> {
    let id = crate::model::MessageId(id);
    let mut view = engine.message(id)?;
    if (raw && !view.summary.has_body) || view.text.is_none() {
        view = engine.open_message(id).await?;
    }
    if raw {
        let bytes =
            view.raw.ok_or_else(|| EngineError::config(crate::fl!("cli-body-not-cached", id = id.to_string())))?;
        std::io::stdout().write_all(&bytes).map_err(|err| EngineError::internal(err.to_string()))?;
        return Ok(());
    }
    let m = &view.summary;
    let name = crate::engine::api::reading::display_text(&m.from_name);
    let sender = if name.trim().is_empty() { m.from_addr.clone() } else { format!("{name} <{}>", m.from_addr) };
    println!("{}", crate::fl!("reader-from", sender = sender));
    println!("{}", crate::fl!("reader-to", recipients = m.to_addrs.clone()));
    println!("{}: {}", crate::fl!("reader-date"), date_text(m.date));
    println!("{}: {}", crate::fl!("reader-subject"), m.subject);
    for a in &view.attachments {
        let line = crate::fl!(
            "cli-show-attachment",
            name = a.filename.as_str(),
            kind = a.content_type.as_str(),
            size = crate::i18n::size(a.size)
        );
        println!("{line}");
    }
    println!();
    println!("{}", view.text.unwrap_or_else(|| crate::fl!("cli-show-body-not-cached")));
    Ok(())
}

/// `pochta export`: the path written on stdout (the exact bytes went to the file).
async fn export(engine: &EngineHandle, id: i64, to: &std::path::Path, json: bool) -> Result<(), EngineError> {
    let path = engine.export_message(MessageId(id), to).await?;
    if json {
        println!("{}", serde_json::json!({"id": id, "path": path}));
    } else {
        println!("{}", path.display());
    }
    Ok(())
}

fn parse_flag_change(text: &str) -> Result<FlagChange, EngineError> {
    let (on, name) = match text.split_at_checked(1) {
        Some(("+", name)) => (true, name),
        Some(("-", name)) => (false, name),
        _ => return Err(EngineError::config(crate::fl!("cli-flag-sign", text = text.to_string()))),
    };
    let flag = match name.to_ascii_lowercase().as_str() {
        "seen" | "read" => Flag::Seen,
        "flagged" => Flag::Flagged,
        "answered" => Flag::Answered,
        "draft" => Flag::Draft,
        _ => return Err(EngineError::config(crate::fl!("cli-flag-unknown", name = name.to_string()))),
    };
    Ok(FlagChange { flag, on })
}

/// `pochta import`: how many messages went where, and what could not be read.
fn import(
    engine: &EngineHandle,
    format: crate::cli::args::ArchiveFormat,
    path: &std::path::Path,
    folder: &str,
    account: Option<&str>,
    json: bool,
) -> Result<(), EngineError> {
    use crate::engine::api::ArchiveKind;
    let kind = match format {
        crate::cli::args::ArchiveFormat::Mbox => ArchiveKind::Mbox,
        crate::cli::args::ArchiveFormat::Maildir => ArchiveKind::Maildir,
        crate::cli::args::ArchiveFormat::Eml => ArchiveKind::Eml,
    };
    let report = engine.import_archive(kind, path, super::account_if_named(engine, account)?, folder)?;
    for skipped in &report.skipped {
        eprintln!("pochta: {}", crate::fl!("cli-import-skipped", detail = skipped.to_string()));
    }
    if json {
        println!("{}", serde_json::json!({"imported": report.imported, "skipped": report.skipped, "folder": folder}));
    } else {
        println!("{}", crate::fl!("cli-imported", count = report.imported, folder = folder));
    }
    Ok(())
}
