//! The iced GUI. It reaches the engine only through `engine::api` (commands, queries, events).

mod accounts;
pub mod app;
pub mod composer;
mod engine_link;
pub mod file_dialog;
pub mod folder_actions;
pub mod format;
mod highlight;
pub mod import;
mod instance_link;
pub mod message_list;
mod outbox;
pub mod reader;
pub mod rules;
pub mod saved_searches;
pub mod settings;
pub mod sidebar;
mod theme;
pub mod wizard;

use crate::engine::api::EngineHandle;

/// Opens the main window (with a composer on `compose`, from a mailto: link) and runs until it
/// is closed; with `instance`, later starts of Pochta on the same profile are forwarded to it.
pub fn run(
    engine: EngineHandle,
    demo: bool,
    compose: Option<crate::platform::mailto::MailtoDraft>,
    instance: Option<crate::platform::single_instance::Listener>,
) -> iced::Result {
    app::run(engine, demo, compose, instance)
}
