//! The command-line grammar (clap derive), exactly the contract in DESIGN §2.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "pochta", version, about = "A desktop email client that never loses a letter")]
pub struct Cli {
    /// Keep everything (settings, mail cache, logs) under this folder.
    #[arg(long, global = true, env = "POCHTA_PROFILE", value_name = "DIR")]
    pub profile: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Open the GUI on a bundled sample mailbox in a temporary profile (no account needed).
    #[arg(long)]
    pub demo: bool,
    /// A mailto: link (RFC 6068) to open in the composer, as desktops pass it ("pochta %u");
    /// taken from the arguments before they are parsed (see [`Cli::parse_with_mailto`]).
    #[arg(skip)]
    pub mailto: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the process arguments; a `mailto:` link among them (desktops start mail clients
    /// with "pochta %u") is set aside for the composer instead of being read as a command.
    pub fn parse_with_mailto() -> Cli {
        let (links, args): (Vec<String>, Vec<String>) =
            std::env::args().partition(|arg| arg.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")));
        // Help texts in the user's language (`help`); clap still prints usage errors and exits.
        let matches = super::help::localized(<Cli as clap::CommandFactory>::command()).get_matches_from(args);
        let mut cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
        cli.mailto = links.into_iter().next();
        cli
    }
}

/// Archive formats `pochta import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ArchiveFormat {
    Mbox,
    Maildir,
    /// One message in a file of its own (as `pochta export` writes it).
    Eml,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, remove and test accounts.
    #[command(subcommand)]
    Account(AccountCommand),
    /// One full pass: folders, headers, flags, bodies, pending operations; then a summary.
    Sync {
        #[arg(long)]
        account: Option<String>,
        /// Headers and flags only, no bodies.
        #[arg(long)]
        headers_only: bool,
    },
    /// The folder tree with total and unread counts.
    Folders {
        #[arg(long)]
        account: Option<String>,
    },
    /// Messages of a folder, newest first.
    List {
        #[arg(long)]
        account: Option<String>,
        /// Folder path ("INBOX", "Archive/2024"); INBOX by default.
        #[arg(long)]
        folder: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// A message as text, or its exact bytes.
    Show {
        id: i64,
        #[arg(long)]
        raw: bool,
    },
    /// Write a message's exact bytes to an .eml file (named after the subject; never overwrites).
    Export {
        id: i64,
        /// A folder to write into (the current one by default), or the file to write.
        #[arg(long, value_name = "DIR|FILE", default_value = ".")]
        to: PathBuf,
    },
    /// Local full-text search, newest first: words in any form, from: to: cc: subject: body:
    /// folder: account: has:attachment is:unread is:flagged is:answered before: after: "phrases".
    Search {
        /// What to look for, as in the window's search box (operators in English or Russian).
        query: String,
        /// Only this account (its address).
        #[arg(long)]
        account: Option<String>,
        /// Only this folder (its path, name or role: "INBOX", "Archive/2024", "sent").
        #[arg(long)]
        folder: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Set or clear flags: `pochta flag 42 +seen -flagged` (queued, pushed on the next sync).
    Flag {
        id: i64,
        /// +seen, -seen, +flagged, -flagged, +answered, -answered
        #[arg(allow_hyphen_values = true, required = true)]
        changes: Vec<String>,
    },
    /// Move a message to a folder (queued, pushed on the next sync).
    Move { id: i64, folder: String },
    /// Copy a message to a folder (queued, pushed on the next sync).
    Copy { id: i64, folder: String },
    /// Delete a message: to Trash, or for good from Trash (queued, pushed on the next sync).
    Delete { id: i64 },
    /// Mark a message as junk: the junk filter learns it, it gets $Junk and goes to the Junk folder.
    Junk { id: i64 },
    /// Mark a message as not junk: the junk filter learns it as good, it gets $NotJunk and leaves Junk for the Inbox.
    NotJunk { id: i64 },
    /// The junk filter: learn from the Junk folders and Inboxes, say why a letter is junk, switch it per account.
    #[command(subcommand)]
    JunkFilter(JunkFilterCommand),
    /// Create, rename or delete a folder (queued, done on the server at the next sync).
    #[command(subcommand)]
    Folder(FolderCommand),
    /// Import an mbox file (Thunderbird's too), a Maildir folder or an .eml file into a folder: of Local Folders,
    /// or of an account (IMAP: uploaded by the next sync).
    Import {
        #[arg(value_enum)]
        format: ArchiveFormat,
        path: PathBuf,
        /// The folder to file the messages in (created if missing).
        #[arg(long, default_value = "Imported")]
        folder: String,
        #[arg(long)]
        account: Option<String>,
    },
    /// Write a letter (the text on standard input): it goes to the outbox, then to the server.
    Send(Box<SendArgs>),
    /// The letters waiting to go: list them, send now, retry, cancel, or turn back into a draft.
    Outbox {
        #[command(subcommand)]
        action: Option<OutboxCommand>,
    },
    /// Saved drafts: list, send or delete.
    Drafts {
        #[command(subcommand)]
        action: Option<DraftCommand>,
    },
    /// Find the server settings for an address: built-in presets, the domain's MX, the provider's
    /// autoconfig file, then probing the usual names and ports (no password is sent).
    Discover {
        /// The email address (ivan@example.org).
        address: String,
        /// Also trust the CA certificates of this PEM file when probing (self-hosted servers).
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
    },
    /// The provider table, or the settings for one domain or address.
    Presets {
        /// A domain (mail.ru) or an address (ivan@yandex.ru).
        query: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The account to send from (its address); the first account by default.
    #[arg(long)]
    pub account: Option<String>,
    /// Another From address (an alias the provider allows for this login).
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long, value_name = "ADDR", num_args = 1.., required_unless_present_any = ["cc", "bcc", "draft", "draft_id", "reply"])]
    pub to: Vec<String>,
    #[arg(long, value_name = "ADDR", num_args = 1..)]
    pub cc: Vec<String>,
    #[arg(long, value_name = "ADDR", num_args = 1..)]
    pub bcc: Vec<String>,
    #[arg(long, default_value = "")]
    pub subject: String,
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    /// Also send an HTML version of the text.
    #[arg(long)]
    pub html: bool,
    /// Leave out the account's signature.
    #[arg(long)]
    pub no_signature: bool,
    /// Answer this cached message (threading headers and quote); with --all, answer everyone on it.
    #[arg(long, value_name = "ID", conflicts_with = "forward")]
    pub reply: Option<i64>,
    #[arg(long, requires = "reply")]
    pub all: bool,
    /// Forward this cached message (inline; with --as-attachment, the whole letter attached).
    #[arg(long, value_name = "ID")]
    pub forward: Option<i64>,
    #[arg(long, requires = "forward")]
    pub as_attachment: bool,
    /// Save as a draft instead of sending.
    #[arg(long)]
    pub draft: bool,
    /// Save into this existing draft (replacing it, also on the server); implies --draft.
    #[arg(long, value_name = "ID")]
    pub draft_id: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// The letters waiting to go (the default).
    List,
    /// Try every due letter now.
    Flush,
    /// Try this letter again now (after fixing what the server refused).
    Retry { id: i64 },
    /// Take this letter out of the outbox for good.
    Cancel { id: i64 },
    /// Take this letter out of the outbox back into a draft.
    Edit { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// The saved drafts (the default).
    List,
    /// Send this draft.
    Send {
        id: i64,
    },
    Delete {
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum JunkFilterCommand {
    /// Learn the cached letters of every account's Junk folder as junk and of its Inbox as good.
    Learn,
    /// How the filter judges a cached letter, and the tokens that weigh most.
    Why { id: i64 },
    /// Score new mail of this account on arrival (the default).
    On { account: String },
    /// Never move this account's new mail to Junk (Junk / Not junk still teach the filter).
    Off { account: String },
}

#[derive(Debug, Subcommand)]
pub enum FolderCommand {
    Create { account: String, path: String },
    Rename { account: String, from: String, to: String },
    Delete { account: String, path: String },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Add an account (the password goes to the keyring or comes from a command).
    Add(Box<AddAccount>),
    /// List the configured accounts.
    List,
    /// Remove an account and its local copy of the mail.
    Remove { email: String },
    /// Connect to the servers exactly as configured, log in, and report clearly.
    Test {
        email: String,
        /// Accept the server certificate with this SHA-256 fingerprint (as printed by a failed
        /// test) and remember it for this server.
        #[arg(long, value_name = "SHA256")]
        accept_fingerprint: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddAccount {
    #[arg(long)]
    pub email: String,
    /// The name shown to recipients.
    #[arg(long)]
    pub name: Option<String>,
    /// Take the servers from a provider preset (see `pochta presets`); IMAP unless `--protocol pop3`.
    #[arg(long, conflicts_with_all = ["incoming", "incoming_security", "smtp", "smtp_security"])]
    pub preset: Option<String>,
    #[arg(long, value_parser = ["imap", "pop3"])]
    pub protocol: Option<String>,
    /// Incoming server as HOST:PORT.
    #[arg(long, value_name = "HOST:PORT")]
    pub incoming: Option<String>,
    #[arg(long, value_parser = ["ssl", "starttls", "none"])]
    pub incoming_security: Option<String>,
    /// Outgoing (SMTP) server as HOST:PORT.
    #[arg(long, value_name = "HOST:PORT")]
    pub smtp: Option<String>,
    #[arg(long, value_parser = ["ssl", "starttls", "none"])]
    pub smtp_security: Option<String>,
    /// Login name, if not the one the preset or the address implies.
    #[arg(long)]
    pub login: Option<String>,
    /// Read the password from standard input and store it in the OS keyring.
    #[arg(long, conflicts_with = "password_command")]
    pub password_stdin: bool,
    /// A command that prints the password (run each time it is needed).
    #[arg(long, value_name = "CMD")]
    pub password_command: Option<String>,
    /// Sign in through the provider (OAuth 2.0) instead of a password: prints the address to open
    /// in a browser and waits for the sign-in (the preset is found from the address).
    #[arg(long, conflicts_with_all = ["password_stdin", "password_command"])]
    pub oauth: bool,
    /// With --oauth: how long to wait for the browser, in seconds (default 300).
    #[arg(long, value_name = "SECONDS", requires = "oauth")]
    pub oauth_wait: Option<u64>,
    /// With --oauth for a provider without a preset (its autoconfig names OAuth2): the endpoints,
    /// the client id, the scopes (repeatable) and the SASL mechanism for IMAP/POP3.
    #[arg(long, value_name = "URL", requires_all = ["oauth", "oauth_token_url", "oauth_client_id"])]
    pub oauth_authorize_url: Option<String>,
    #[arg(long, value_name = "URL", requires = "oauth_authorize_url")]
    pub oauth_token_url: Option<String>,
    #[arg(long, value_name = "ID", requires = "oauth_authorize_url")]
    pub oauth_client_id: Option<String>,
    #[arg(long, value_name = "SCOPE", requires = "oauth_authorize_url")]
    pub oauth_scope: Vec<String>,
    #[arg(long, value_parser = ["xoauth2", "oauthbearer"], requires = "oauth_authorize_url")]
    pub oauth_mechanism: Option<String>,
    /// Trust one extra CA (PEM) for this account's servers; verification stays on.
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// POP3: keep a copy of each message on the server.
    #[arg(long)]
    pub pop3_leave_on_server: bool,
    /// IMAP: keep bodies for offline reading only for mail of the last N days.
    #[arg(long, value_name = "N")]
    pub body_days: Option<u32>,
    /// IMAP: keep headers and text for offline reading; fetch attachments when opened.
    #[arg(long)]
    pub attachments_on_demand: bool,
    /// POP3: with a copy left on the server, delete it there after N days.
    #[arg(long, value_name = "N")]
    pub pop3_delete_after_days: Option<u32>,
    /// A signature put below the text of every letter sent from this account.
    #[arg(long, value_name = "TEXT")]
    pub signature: Option<String>,
    /// POP3: delete the server copy when the message is deleted here.
    #[arg(long)]
    pub pop3_delete_when_deleted_locally: bool,
}
