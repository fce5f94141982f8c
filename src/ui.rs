//! The iced GUI. It reaches the engine only through `engine::api` (commands, queries, events).

pub mod app;
mod composer;
mod engine_link;
mod format;
mod message_list;
mod reader;
mod sidebar;
mod theme;
mod wizard;

use crate::engine::api::EngineHandle;

/// Opens the main window and runs until it is closed.
pub fn run(engine: EngineHandle, demo: bool) -> iced::Result {
    app::run(engine, demo)
}
