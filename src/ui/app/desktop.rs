//! Pochta as a desktop citizen: every window carries the app id the desktop entry names (so docks
//! group the windows with their launcher), the main window is fitted to the screen it opens on,
//! and a later `pochta` start forwarded here brings the window to the front or opens a composer
//! on a `mailto:` link.

use super::{App, Message};
use crate::platform::APP_ID;
use crate::platform::single_instance::Forwarded;
use iced::{Size, Task, window};

/// What the window manager's panels, docks and the title bar take at most off a screen's height,
/// and what is left free at the sides: winit tells the monitor's size, not its work area.
const PANELS_HEIGHT: f32 = 100.0;
const SIDE_MARGIN: f32 = 40.0;
/// A first window never grows past this on a large screen (a mail window, not a cinema).
const LARGEST_FIRST_SIZE: Size = Size::new(1600.0, 1000.0);
/// The smallest window the panes still make sense in.
pub(super) const SMALLEST: Size = Size::new(480.0, 360.0);

/// A window's settings with the app id (X11 WM_CLASS, Wayland app id) and the icon.
pub(super) fn window_settings(size: Size) -> window::Settings {
    window::Settings {
        size,
        icon: crate::ui::theme::window_icon(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: APP_ID.to_string(),
            ..Default::default()
        },
        ..window::Settings::default()
    }
}

/// The main window's size on a monitor of `monitor` (logical pixels), starting from `size`:
/// shrunk to fit the screen less its panels; a first start (`remembered` false) also grows to
/// most of a large screen.
pub(super) fn fitted_size(size: Size, monitor: Size, remembered: bool) -> Size {
    let room = Size::new((monitor.width - SIDE_MARGIN).max(SMALLEST.width), (monitor.height - PANELS_HEIGHT).max(SMALLEST.height));
    let wanted = if remembered {
        size
    } else {
        Size::new(
            size.width.max(monitor.width * 0.8).min(LARGEST_FIRST_SIZE.width),
            size.height.max(monitor.height * 0.8).min(LARGEST_FIRST_SIZE.height),
        )
    };
    Size::new(wanted.width.min(room.width).round(), wanted.height.min(room.height).round())
}

impl App {
    pub(super) fn on_forwarded(&mut self, forwarded: Forwarded) -> Task<Message> {
        let front = self.windows.main.map_or_else(Task::none, bring_to_front);
        match forwarded {
            // Each letter has its own window, so one being written is never replaced.
            Forwarded::Compose(draft) => Task::batch([front, self.compose_mailto(draft)]),
            Forwarded::Raise => front,
        }
    }
}

/// Un-minimises and focuses the window (the window manager may only flash it instead).
fn bring_to_front(id: window::Id) -> Task<Message> {
    Task::batch([
        window::minimize(id, false),
        window::gain_focus(id),
        window::request_user_attention(id, Some(window::UserAttention::Informational)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_window_fits_a_laptop_screen_less_its_panels() {
        let laptop = Size::new(1366.0, 768.0);
        let first = fitted_size(Size::new(1200.0, 680.0), laptop, false);
        assert!(first.height <= 668.0 && first.width <= 1326.0, "{first:?}");
        let small = fitted_size(Size::new(1200.0, 680.0), Size::new(1024.0, 600.0), false);
        assert_eq!(small, Size::new(984.0, 500.0));
    }

    #[test]
    fn a_first_window_grows_on_a_large_screen_and_a_remembered_one_keeps_its_size() {
        let full_hd = Size::new(1920.0, 1080.0);
        assert_eq!(fitted_size(Size::new(1200.0, 680.0), full_hd, false), Size::new(1536.0, 864.0));
        assert_eq!(fitted_size(Size::new(900.0, 600.0), full_hd, true), Size::new(900.0, 600.0));
        // A size remembered from a bigger screen is shrunk to this one.
        assert_eq!(fitted_size(Size::new(1800.0, 1000.0), Size::new(1366.0, 768.0), true), Size::new(1326.0, 668.0));
    }
}
