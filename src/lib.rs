//! Pochta: a desktop email client. The library holds everything; `main.rs` only picks the GUI or
//! the command line. The engine never uses iced: the UI reaches it only through `engine::api`.

pub mod cli;
pub mod config;
pub mod engine;
pub mod i18n;
pub mod model;
pub mod platform;
pub mod ui;
