//! The command line in the same binary (DESIGN §2): scripting and measuring the engine without a
//! GUI. Results go to stdout, progress to stderr; exit 0 on success, 1 with a one-line reason on
//! stderr on an error, 2 on a usage error (clap's own).

mod account;
mod args;
mod discover;
mod help;
mod junk;
mod mail;
mod presets;
mod send;

pub use args::{Cli, Command};

use crate::config::Paths;
use crate::engine::api::{EngineError, EngineHandle};

/// Runs one command; the error is the one line printed on stderr.
pub fn run(cli: &Cli, command: &Command) -> Result<(), EngineError> {
    let paths = Paths::resolve(cli.profile.as_deref());
    // A small runtime for waiting on the engine; the engine's work runs on its own runtime.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| EngineError::internal(err.to_string()))?;
    match command {
        Command::Presets { query } => presets::run(query.as_deref(), cli.json),
        Command::Discover { address, ca_file } => runtime.block_on(discover::run(address, ca_file.clone(), cli.json)),
        Command::Account(account) => {
            let engine = EngineHandle::open(paths)?;
            runtime.block_on(account::run(&engine, account, cli.json))
        }
        Command::Send(_) | Command::Outbox { .. } | Command::Drafts { .. } => {
            let engine = EngineHandle::open(paths)?;
            runtime.block_on(send::run(&engine, command, cli.json))
        }
        Command::Junk { .. } | Command::NotJunk { .. } | Command::JunkFilter(_) => {
            let engine = EngineHandle::open(paths)?;
            runtime.block_on(junk::run(&engine, command, cli.json))
        }
        mail_command => {
            let engine = EngineHandle::open(paths)?;
            runtime.block_on(mail::run(&engine, mail_command, cli.json))
        }
    }
}
