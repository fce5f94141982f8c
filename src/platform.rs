//! The desktop around Pochta: the user's language, `mailto:` links, one window per profile (a
//! second start forwards to it), and (later) notifications, opening files and links.

pub mod locale;
pub mod mailto;
pub mod single_instance;
