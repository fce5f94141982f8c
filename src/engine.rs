//! The engine: everything that is not the UI. Only [`api`] is public; the UI and the command
//! line talk to it through commands, queries and events, and never touch SQL or sockets.

pub mod api;

mod account;
mod account_check;
mod actor;
mod compose;
mod credential;
mod discovery;
mod error;
mod event;
mod import;
mod junk;
mod mime;
mod oauth;
mod outbox;
mod presets;
mod protocol;
mod remote_content;
mod reply_hints;
mod rules;
mod search;
mod secrets;
mod store;
mod sync;
