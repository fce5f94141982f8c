//! `pochta send | outbox | drafts`: writing letters from the command line, through the same
//! engine path as the GUI (outbox first, then the server).

use super::args::{Command, DraftCommand, OutboxCommand, SendArgs};
use crate::engine::api::{Attachment, Composition, EngineError, EngineHandle, Mailbox, OutboxItem, SendOutcome};
use crate::model::{DraftId, MessageId, OutboxId};
use chrono::TimeZone;
use std::io::Read;

/// Larger files cannot go by mail anywhere (providers stop at 20-50 MB); refusing early keeps
/// memory bounded.
const MAX_ATTACHMENT: u64 = 50 * 1024 * 1024;

pub async fn run(engine: &EngineHandle, command: &Command, json: bool) -> Result<(), EngineError> {
    match command {
        Command::Send(args) => send(engine, args, json).await,
        Command::Outbox { action } => match action.as_ref().unwrap_or(&OutboxCommand::List) {
            OutboxCommand::List => {
                print_outbox(&engine.outbox()?, json);
                Ok(())
            }
            OutboxCommand::Flush => {
                let report = engine.flush_outbox(None).await?;
                for (id, problem) in &report.failed {
                    eprintln!(
                        "{}",
                        crate::fl!("cli-letter-problem", id = id.to_string(), reason = problem.message.as_str())
                    );
                }
                let (sent, waiting) = (report.sent.len(), engine.outbox()?.len());
                println!("{}", crate::fl!("cli-outbox-flushed", sent = sent, waiting = waiting));
                Ok(())
            }
            OutboxCommand::Retry { id } => {
                let outcome = engine.retry_outgoing(OutboxId(*id)).await?;
                report(&outcome, json)
            }
            OutboxCommand::Cancel { id } => engine.cancel_outgoing(OutboxId(*id)),
            OutboxCommand::Edit { id } => {
                let draft = engine.edit_outgoing(OutboxId(*id))?;
                println!("{}", crate::fl!("cli-draft", id = draft.to_string()));
                Ok(())
            }
        },
        Command::Drafts { action } => match action.as_ref().unwrap_or(&DraftCommand::List) {
            DraftCommand::List => {
                for draft in engine.drafts()? {
                    let c = &draft.composition;
                    println!("{}\t{}\t{}\t{}", draft.id, c.account, c.to.join(", "), c.subject);
                }
                Ok(())
            }
            DraftCommand::Send { id } => {
                let outcome = engine.send_draft(DraftId(*id)).await?;
                report(&outcome, json)
            }
            DraftCommand::Delete { id } => engine.delete_draft(DraftId(*id)),
        },
        _ => unreachable!("routed in cli::run"),
    }
}

async fn send(engine: &EngineHandle, args: &SendArgs, json: bool) -> Result<(), EngineError> {
    // A reply or a forward goes from the account that has the original.
    let (mut composition, from_original) = match (args.reply, args.forward) {
        (Some(id), _) => (engine.reply(MessageId(id), args.all)?, true),
        (_, Some(id)) => (engine.forward(MessageId(id), args.as_attachment)?, true),
        _ => (Composition { signature: true, ..Composition::default() }, false),
    };
    composition.account = match super::account_if_named(engine, args.account.as_deref())? {
        Some(id) => id,
        None if from_original => composition.account,
        None => engine
            .accounts()?
            .first()
            .map(|(id, _)| *id)
            .ok_or_else(|| EngineError::config(crate::fl!("cli-no-accounts-add")))?,
    };
    if let Some(from) = &args.from {
        let account = engine.account(composition.account)?;
        let name = account
            .identities
            .iter()
            .find(|i| i.email.eq_ignore_ascii_case(from))
            .map(|i| i.name.clone())
            .unwrap_or(account.name);
        composition.from = Some(Mailbox { name, email: from.clone() });
    }
    composition.to.extend(args.to.iter().cloned());
    composition.cc.extend(args.cc.iter().cloned());
    composition.bcc.extend(args.bcc.iter().cloned());
    if !args.subject.is_empty() || composition.subject.is_empty() {
        composition.subject = args.subject.clone();
    }
    composition.html_alternative = args.html;
    // A top-posted reply or an inline forward has the signature in its text already.
    composition.signature = composition.signature && !args.no_signature;
    let mut body = String::new();
    std::io::stdin()
        .read_to_string(&mut body)
        .map_err(|err| EngineError::config(crate::fl!("cli-body-stdin-unreadable", err = err.to_string())))?;
    // The text of a reply or forward already holds the quote: the answer goes where the
    // caret would start (below a bottom-posted quote, else above everything).
    composition.body = match composition.body.as_str() {
        "" => body,
        quoted if composition.caret_at_end => format!("{quoted}\n{body}"),
        quoted => format!("{}{quoted}", body.trim_end()),
    };
    for path in &args.attach {
        composition.attachments.push(read_attachment(path)?);
    }
    if args.draft || args.draft_id.is_some() {
        let id = engine.save_draft(args.draft_id.map(DraftId), &composition)?;
        println!("{}", crate::fl!("cli-draft", id = id.to_string()));
        return Ok(());
    }
    let outcome = engine.send(composition).await?;
    report(&outcome, json)
}

fn read_attachment(path: &std::path::Path) -> Result<Attachment, EngineError> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .map_err(|err| {
            EngineError::config(crate::fl!("error-import-read", path = shown.to_string(), detail = err.to_string()))
        })?
        .len();
    if size > MAX_ATTACHMENT {
        return Err(EngineError::config(crate::fl!(
            "cli-attachment-too-large",
            path = shown.to_string(),
            size = crate::i18n::megabytes(size)
        )));
    }
    let data = std::fs::read(path).map_err(|err| {
        EngineError::config(crate::fl!("error-import-read", path = shown.to_string(), detail = err.to_string()))
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
    Ok(Attachment::from_file_name(&name, data))
}

/// Sent or queued: exit 0 (queued letters go by themselves); refused: exit 1 with the reason.
fn report(outcome: &SendOutcome, json: bool) -> Result<(), EngineError> {
    let (state, id, message_id) = match outcome {
        SendOutcome::Sent { id, message_id } => ("sent", id, message_id),
        SendOutcome::Queued { id, message_id, .. } => ("queued", id, message_id),
        SendOutcome::Held { id, message_id, .. } => ("failed", id, message_id),
    };
    if json {
        let mut value = serde_json::json!({ "state": state, "outbox_id": id.0, "message_id": message_id });
        match outcome {
            SendOutcome::Queued { reason, retry_at, .. } => {
                value["reason"] = serde_json::json!(reason);
                value["retry_at"] = serde_json::json!(retry_at);
            }
            SendOutcome::Held { problem, .. } => value["reason"] = serde_json::json!(problem.message),
            SendOutcome::Sent { .. } => {}
        }
        println!("{value}");
    }
    match outcome {
        SendOutcome::Sent { .. } => {
            if !json {
                println!("{}", crate::fl!("cli-sent", message_id = message_id.as_str()));
            }
            Ok(())
        }
        SendOutcome::Queued { reason, retry_at, .. } => {
            if !json {
                println!("{}", crate::fl!("cli-queued", message_id = message_id.as_str(), id = id.to_string()));
            }
            eprintln!("{}", crate::fl!("cli-not-sent-yet", reason = reason.as_str(), at = time_text(*retry_at)));
            Ok(())
        }
        SendOutcome::Held { problem, .. } => {
            let mut problem = problem.clone();
            problem.message = crate::fl!("cli-send-held", reason = problem.message.as_str(), id = id.to_string());
            Err(problem)
        }
    }
}

fn print_outbox(items: &[OutboxItem], json: bool) {
    if json {
        let rows: Vec<_> = items
            .iter()
            .map(|i| {
                serde_json::json!({
                    "id": i.id.0, "account": i.account, "message_id": i.message_id, "subject": i.subject,
                    "recipients": i.recipients, "state": i.state, "attempts": i.attempts,
                    "next_attempt": (i.state != "failed").then(|| time_text(i.next_attempt_at)),
                    "last_error": i.last_error, "size": i.size,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return;
    }
    for i in items {
        let error = i.last_error.as_deref().map(|e| format!("\t{e}")).unwrap_or_default();
        println!("{}\t{}\t{}\t{}\t{}{error}", i.id, i.state, i.recipients.join(", "), i.subject, i.account);
    }
}

fn time_text(unix: i64) -> String {
    chrono::Local
        .timestamp_opt(unix.max(chrono::Utc::now().timestamp()), 0)
        .single()
        .map(|d| d.format("%H:%M").to_string())
        .unwrap_or_default()
}
