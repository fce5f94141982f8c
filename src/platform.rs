//! The desktop around Pochta: `mailto:` links, one window per profile (a second start forwards
//! to it).

pub mod mailto;
pub mod memory;
pub mod single_instance;

/// Who Pochta is to the desktop: the desktop entry's name (`org.pochta.Pochta.desktop`), its
/// StartupWMClass, each window's X11 WM_CLASS and Wayland app id, and the notifications' icon.
/// Docks group the windows with the launcher only when all of these agree.
pub const APP_ID: &str = "org.pochta.Pochta";
