//! The desktop around Pochta: `mailto:` links, one window per profile (a second start forwards
//! to it).

pub mod mailto;
pub mod single_instance;
