//! The desktop around Pochta: (later) notifications, opening files and
//! links, single instance and `mailto:` forwarding.

pub mod mailto;
