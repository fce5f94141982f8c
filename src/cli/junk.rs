//! `pochta junk ID`, `pochta not-junk ID` and `pochta junk-filter learn | why ID | on A | off A`:
//! the junk filter from the command line, on the same engine calls as the window's Junk and Not
//! junk actions.

use super::args::{Command, JunkFilterCommand};
use crate::engine::api::{EngineError, EngineHandle, JunkExplanation, Undo};
use crate::model::MessageId;

/// How many of the strongest tokens `why` shows.
const SHOWN_CLUES: usize = 10;

pub async fn run(engine: &EngineHandle, command: &Command, json: bool) -> Result<(), EngineError> {
    match command {
        Command::Junk { id } => done(engine.junk_messages(vec![MessageId(*id)]).await?),
        Command::NotJunk { id } => done(engine.not_junk_messages(vec![MessageId(*id)]).await?),
        Command::JunkFilter(JunkFilterCommand::Learn) => {
            let learned = engine.bootstrap_junk_filter().await?;
            if json {
                println!("{}", serde_json::json!({ "junk": learned.junk, "good": learned.good }));
            } else {
                println!("{}", crate::fl!("cli-junk-learned", junk = learned.junk, good = learned.good));
            }
            Ok(())
        }
        Command::JunkFilter(JunkFilterCommand::Why { id }) => why(engine, MessageId(*id), json).await,
        Command::JunkFilter(JunkFilterCommand::On { account }) => {
            engine.set_junk_filter(super::account_named(engine, account)?, true)
        }
        Command::JunkFilter(JunkFilterCommand::Off { account }) => {
            engine.set_junk_filter(super::account_named(engine, account)?, false)
        }
        _ => unreachable!("routed in cli::run"),
    }
}

/// A batch that changed nothing says why (another account, no Junk folder, waiting for the server).
fn done(undo: Undo) -> Result<(), EngineError> {
    match undo.skipped.first() {
        Some(reason) if undo.count == 0 => Err(EngineError::config(reason.clone())),
        _ => Ok(()),
    }
}

async fn why(engine: &EngineHandle, id: MessageId, json: bool) -> Result<(), EngineError> {
    match engine.explain_junk(id).await? {
        JunkExplanation::KnownCorrespondent if json => {
            println!("{}", serde_json::json!({ "junk": false, "known_correspondent": true }));
        }
        JunkExplanation::KnownCorrespondent => println!("{}", crate::fl!("cli-junk-known-correspondent")),
        JunkExplanation::Scored(verdict) => {
            let clues = verdict.clues.iter().take(SHOWN_CLUES);
            if json {
                let clues: Vec<_> = clues
                    .map(|clue| serde_json::json!({ "token": clue.token, "probability": clue.probability }))
                    .collect();
                let out = serde_json::json!({ "junk": verdict.is_junk(), "score": verdict.score, "clues": clues });
                println!("{out}");
            } else {
                let score = format!("{:.2}", verdict.score);
                let line = if verdict.is_junk() {
                    crate::fl!("cli-junk-verdict-junk", score = score)
                } else {
                    crate::fl!("cli-junk-verdict-good", score = score)
                };
                println!("{line}");
                for clue in clues {
                    println!("  {:.2}  {}", clue.probability, clue.token);
                }
            }
        }
    }
    Ok(())
}
