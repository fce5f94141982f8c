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
use crate::model::AccountId;

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

/// An account named on the command line (`--account ADDRESS`, `account test ADDRESS`) as the
/// engine's id: the one place an address becomes an account; "no account ADDRESS" when unknown.
fn account_named(engine: &EngineHandle, address: &str) -> Result<AccountId, EngineError> {
    engine.account_by_address(address)
}

/// [`account_named`] for an optional argument.
fn account_if_named(engine: &EngineHandle, address: Option<&str>) -> Result<Option<AccountId>, EngineError> {
    address.map(|address| account_named(engine, address)).transpose()
}

/// The accounts' addresses by id, for printing rows that name their account by id.
struct AccountNames(Vec<(AccountId, String)>);

impl AccountNames {
    fn load(engine: &EngineHandle) -> Result<AccountNames, EngineError> {
        Ok(AccountNames(engine.account_ids()?))
    }

    fn of(&self, id: AccountId) -> &str {
        self.0.iter().find(|(known, _)| *known == id).map_or("", |(_, address)| address.as_str())
    }
}
