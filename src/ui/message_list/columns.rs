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
/// The least the subject is given in one-line mode before the other columns give way.
const SUBJECT_MIN: f32 = 120.0;
/// What a date ("30 Nov", "10:15") and a size ("907 B") need to be read in a narrow list.
const DATE_READABLE: f32 = 72.0;
const SIZE_READABLE: f32 = 56.0;

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

    /// The widths as drawn in a list `width` wide. When the subject would get less than a third
    /// of the row (or [`SUBJECT_MIN`]), the date and the size shrink to what still reads ("30
    /// Nov", "907 B") and the correspondent and the subject share the rest, two to three. The
    /// remembered widths stay as they are and come back when the pane is wide again.
    pub fn fitted(self, width: f32) -> Columns {
        if self.subject_room(width) >= (width / 3.0).max(SUBJECT_MIN) {
            return self;
        }
        let narrow = Columns { date: self.date.min(DATE_READABLE), size: self.size.min(SIZE_READABLE), ..self };
        // With no correspondent, what is left is what the two share.
        let shared = Columns { correspondent: 0.0, ..narrow }.subject_room(width).max(0.0);
        Columns { correspondent: self.correspondent.min(shared * 0.4).max(MIN_WIDTH), ..narrow }
    }

    /// What the subject is left of a row `width` wide: the padding, the marks, the scrollbar's
    /// strip, the gaps and the other columns taken away.
    fn subject_room(self, width: f32) -> f32 {
        let fixed = Self::correspondent_x() + theme::PADDING + SCROLLBAR + 3.0 * theme::SPACING;
        width - fixed - self.correspondent - self.date - self.size
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
    fn in_a_narrow_pane_the_other_columns_give_the_subject_room() {
        let columns = Columns { correspondent: 250.0, date: 90.0, size: 70.0, two_lines: false };
        assert_eq!(columns.fitted(1200.0), columns, "a wide pane draws them as remembered");
        let narrow = columns.fitted(460.0);
        assert!(narrow.subject_room(460.0) > narrow.correspondent, "the subject gets the larger share: {narrow:?}");
        assert!(
            narrow.correspondent >= 80.0 && narrow.date >= 70.0 && narrow.size >= 50.0,
            "all still read: {narrow:?}"
        );
        let tiny = columns.fitted(200.0);
        assert!(tiny.correspondent >= MIN_WIDTH && tiny.date >= MIN_WIDTH && tiny.size >= MIN_WIDTH, "{tiny:?}");
    }

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
