//! The desktop around Pochta: the user's language, and (later) notifications, opening files and
//! links, single instance and `mailto:` forwarding.

pub mod locale;
pub mod mailto;
