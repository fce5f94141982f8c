//! The list's columns: which ones, how wide (dragged at the header's dividers, remembered in
//! settings.toml), one line or two per message, and the pure geometry that turns a pointer's x
//! during a drag into a column's new width.

use crate::config::Settings;
use crate::ui::theme;

/// Each mark's column (unread dot, flag star, paperclip).
pub const MARK_WIDTH: f32 = 16.0;
/// Room kept at the right for the scrollbar.
pub const SCROLLBAR: f32 = 10.0;
/// The narrowest and widest a resizable column may be.
const MIN_WIDTH: f32 = 40.0;
const MAX_WIDTH: f32 = 600.0;

/// The columns a drag can resize (the subject takes what is left).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resizable {
    /// From (or To in Sent and Drafts).
    Correspondent,
    Date,
    Size,
}

/// Widths and density, as settings.toml keeps them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    pub correspondent: f32,
    pub date: f32,
    pub size: f32,
    pub two_lines: bool,
}

impl Columns {
    pub fn from_settings(settings: &Settings) -> Columns {
        Columns {
            correspondent: settings.list_from_width.clamp(MIN_WIDTH, MAX_WIDTH),
            date: settings.list_date_width.clamp(MIN_WIDTH, MAX_WIDTH),
            size: settings.list_size_width.clamp(MIN_WIDTH, MAX_WIDTH),
            two_lines: settings.list_two_lines,
        }
    }

    /// Writes these fields into `settings`, leaving every other setting as it is.
    pub fn apply(self, settings: &mut Settings) {
        settings.list_from_width = self.correspondent.round();
        settings.list_date_width = self.date.round();
        settings.list_size_width = self.size.round();
        settings.list_two_lines = self.two_lines;
    }

    /// Where the correspondent column starts: after the padding and the three marks.
    pub fn correspondent_x() -> f32 {
        theme::PADDING + 3.0 * MARK_WIDTH + theme::SPACING
    }

    /// The new width of `column` with its divider dragged to `x` (pane coordinates) in a list
    /// `width` wide. The correspondent grows rightwards; date and size are anchored at the right.
    pub fn dragged(&mut self, column: Resizable, x: f32, width: f32) {
        let right = width - theme::PADDING - SCROLLBAR;
        let wanted = match column {
            Resizable::Correspondent => x - Self::correspondent_x(),
            Resizable::Date => right - self.size - theme::SPACING - x,
            Resizable::Size => right - x,
        };
        let wanted = wanted.clamp(MIN_WIDTH, MAX_WIDTH);
        match column {
            Resizable::Correspondent => self.correspondent = wanted,
            Resizable::Date => self.date = wanted,
            Resizable::Size => self.size = wanted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dragged_divider_sets_its_column_and_the_settings_keep_it() {
        let mut columns = Columns::from_settings(&Settings::default());
        let start = Columns::correspondent_x();
        columns.dragged(Resizable::Correspondent, start + 250.0, 900.0);
        assert_eq!(columns.correspondent, 250.0);
        // The size column ends at the right edge: its divider 80 px from it makes it 80 wide.
        columns.dragged(Resizable::Size, 900.0 - theme::PADDING - SCROLLBAR - 80.0, 900.0);
        assert_eq!(columns.size, 80.0);
        columns.dragged(Resizable::Date, 0.0, 900.0);
        assert_eq!(columns.date, MAX_WIDTH, "never wider than the limit");
        columns.dragged(Resizable::Correspondent, 0.0, 900.0);
        assert_eq!(columns.correspondent, MIN_WIDTH, "never narrower than the limit");

        let mut settings = Settings { remote_content_allowed: vec!["kept@example.test".into()], ..Settings::default() };
        columns.two_lines = false;
        columns.apply(&mut settings);
        assert_eq!(Columns::from_settings(&settings), columns);
        assert_eq!(settings.remote_content_allowed, ["kept@example.test"], "other settings are kept");
    }
}
