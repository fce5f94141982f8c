//! The iced GUI. It reaches the engine only through `engine::api` (commands, queries, events).

pub mod accounts;
pub mod app;
pub mod composer;
mod engine_link;
pub mod file_dialog;
pub mod folder_actions;
pub mod format;
mod highlight;
pub mod icons;
pub mod import;
mod instance_link;
pub mod message_list;
mod outbox;
mod pointer_watch;
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
/// `notice` is a failure before the window opened (the demo letters not loaded), said in it.
pub fn run(
    engine: EngineHandle,
    demo: bool,
    notice: Option<String>,
    compose: Option<crate::platform::mailto::MailtoDraft>,
    instance: Option<crate::platform::single_instance::Listener>,
) -> iced::Result {
    app::run(engine, demo, notice, compose, instance)
}
