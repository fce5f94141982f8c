//! The window's layout: three panes with draggable dividers (folders | list | reader), and the
//! window's size and position, restored from settings.toml at start and saved there (by the
//! engine's one settings writer, off the window's thread) a second after the last change: a drag
//! of a divider or the window's edge sends dozens of events. Resizing the window widens or
//! narrows the reader; the folders and the list keep the widths the person gave them.

use crate::config::Settings;
use iced::widget::pane_grid::{self, Axis, Configuration};
use iced::{Point, Size};
use std::time::{Duration, Instant};

/// How long the layout must stay unchanged before it is written.
pub const SAVE_AFTER: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Folders,
    List,
    Reader,
}

#[derive(Debug)]
pub struct Layout {
    pub panes: pane_grid::State<Pane>,
    window: Size,
    position: Option<Point>,
    changed_at: Option<Instant>,
    /// The folder and list panes' widths as the person last set them (or as saved): a window
    /// made wider or narrower gives the difference to the reader or takes it from it, as in
    /// Thunderbird; only past the reader's least width do the other two give way.
    wanted: (f32, f32),
}

/// The reader's least width before the folders and the list give way in a narrow window.
const LEAST_READER: f32 = 260.0;

/// The folder and list widths in a window `width` wide, for the widths wanted.
fn fitted(width: f32, wanted: (f32, f32)) -> (f32, f32) {
    let room = (width - LEAST_READER).max(0.0);
    let (folders, list) = wanted;
    if folders + list <= room || folders + list <= 0.0 {
        return wanted;
    }
    let scale = room / (folders + list);
    (folders * scale, list * scale)
}

/// The dividers' ratios for those widths: the folders' share of the window, the list's of the rest.
fn ratios_for(width: f32, (folders, list): (f32, f32)) -> (f32, f32) {
    let outer = (folders / width).clamp(0.08, 0.5);
    let rest = width * (1.0 - outer);
    (outer, (list / rest).clamp(0.15, 0.85))
}

/// The window's size, place and pane widths, as settings.toml keeps them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    window: Size,
    position: Option<Point>,
    folders: f32,
    list: f32,
}

impl Geometry {
    /// Writes these fields into `settings`, leaving every other setting as it is.
    pub fn apply(self, settings: &mut Settings) {
        settings.window_width = self.window.width;
        settings.window_height = self.window.height;
        settings.folder_pane_width = self.folders.round();
        settings.list_pane_width = self.list.round();
        if let Some(position) = self.position {
            settings.window_x = Some(position.x);
            settings.window_y = Some(position.y);
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    PaneResized(pane_grid::ResizeEvent),
    WindowResized(Size),
    WindowMoved(Point),
    /// A periodic check while a change waits to be saved.
    SaveIfQuiet,
}

/// Where the window opens: the size and position remembered (the defaults when none). Once it
/// is open, [`super::desktop::fitted_size`] fits it to the monitor it landed on.
pub fn window_settings(settings: &Settings) -> iced::window::Settings {
    let position = match (settings.window_x, settings.window_y) {
        (Some(x), Some(y)) => iced::window::Position::Specific(Point::new(x, y)),
        _ => iced::window::Position::default(),
    };
    iced::window::Settings { position, ..super::desktop::window_settings(remembered_size(settings)) }
}

/// The window's size as saved, never below the smallest usable one.
pub fn remembered_size(settings: &Settings) -> Size {
    let smallest = super::desktop::SMALLEST;
    Size::new(settings.window_width.max(smallest.width), settings.window_height.max(smallest.height))
}

/// Whether the user ever sized or placed the window (else it is a first start, on the defaults).
pub fn is_remembered(settings: &Settings) -> bool {
    let default = Settings::default();
    settings.window_x.is_some()
        || settings.window_width != default.window_width
        || settings.window_height != default.window_height
}

impl Layout {
    /// The panes as the settings remember them.
    pub fn new(settings: &Settings) -> Layout {
        let window = remembered_size(settings);
        let wanted = (settings.folder_pane_width, settings.list_pane_width);
        let (folders, list) = ratios_for(window.width, fitted(window.width, wanted));
        let configuration = Configuration::Split {
            axis: Axis::Vertical,
            ratio: folders,
            a: Box::new(Configuration::Pane(Pane::Folders)),
            b: Box::new(Configuration::Split {
                axis: Axis::Vertical,
                ratio: list,
                a: Box::new(Configuration::Pane(Pane::List)),
                b: Box::new(Configuration::Pane(Pane::Reader)),
            }),
        };
        Layout {
            panes: pane_grid::State::with_configuration(configuration),
            window,
            position: None,
            changed_at: None,
            wanted,
        }
    }

    /// Takes a change; returns the geometry to save once changes have stopped for a second.
    pub fn update(&mut self, message: Message) -> Option<Geometry> {
        match message {
            Message::PaneResized(resize) => {
                self.panes.resize(resize.split, resize.ratio);
                self.wanted = self.pane_widths();
                self.changed();
            }
            Message::WindowResized(size) => {
                self.window = size;
                self.fit_panes();
                self.changed();
            }
            Message::WindowMoved(position) => {
                self.position = Some(position);
                self.changed();
            }
            Message::SaveIfQuiet => {
                if self.changed_at.is_some_and(|at| at.elapsed() >= SAVE_AFTER) {
                    return Some(self.take_geometry());
                }
            }
        }
        None
    }

    /// Whether a change waits to be saved (the window then asks for [`Message::SaveIfQuiet`]).
    pub fn is_dirty(&self) -> bool {
        self.changed_at.is_some()
    }

    /// The dividers placed for the widths wanted, in the window as it is now.
    fn fit_panes(&mut self) {
        if self.window.width < 1.0 {
            return;
        }
        let (outer, inner) = ratios_for(self.window.width, fitted(self.window.width, self.wanted));
        let pane_grid::Node::Split { id: outer_split, b, .. } = self.panes.layout() else { return };
        let inner_split = match b.as_ref() {
            pane_grid::Node::Split { id, .. } => Some(*id),
            pane_grid::Node::Pane(_) => None,
        };
        let outer_split = *outer_split;
        self.panes.resize(outer_split, outer);
        if let Some(inner_split) = inner_split {
            self.panes.resize(inner_split, inner);
        }
    }

    fn changed(&mut self) {
        self.changed_at = Some(Instant::now());
    }

    /// The window's size as last reported (the remembered size before the first report).
    pub fn window_size(&self) -> (f32, f32) {
        (self.window.width, self.window.height)
    }

    /// The pane widths in pixels: (folders, list).
    pub fn pane_widths(&self) -> (f32, f32) {
        let (outer, inner) = self.ratios();
        let folders = self.window.width * outer;
        (folders, (self.window.width - folders) * inner)
    }

    fn ratios(&self) -> (f32, f32) {
        match self.panes.layout() {
            pane_grid::Node::Split { ratio, b, .. } => {
                let inner = match b.as_ref() {
                    pane_grid::Node::Split { ratio, .. } => *ratio,
                    pane_grid::Node::Pane(_) => 0.5,
                };
                (*ratio, inner)
            }
            pane_grid::Node::Pane(_) => (0.2, 0.4),
        }
    }

    /// The geometry to save now; the layout counts as saved.
    pub fn take_geometry(&mut self) -> Geometry {
        self.changed_at = None;
        // The widths wanted, not those a narrow window squeezed them to.
        let (folders, list) = self.wanted;
        Geometry { window: self.window, position: self.position, folders, list }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wider_or_narrower_window_changes_the_reader_and_the_other_panes_keep_their_widths() {
        let settings = Settings::default();
        let (folders, list) = (settings.folder_pane_width, settings.list_pane_width);
        let mut layout = Layout::new(&settings);
        let close = |(a, b): (f32, f32), (c, d): (f32, f32)| (a - c).abs() < 1.0 && (b - d).abs() < 1.0;
        layout.update(Message::WindowResized(Size::new(1536.0, 864.0)));
        assert!(close(layout.pane_widths(), (folders, list)), "wider: the reader grows {:?}", layout.pane_widths());
        layout.update(Message::WindowResized(Size::new(640.0, 480.0)));
        let (narrow_folders, narrow_list) = layout.pane_widths();
        assert!(
            (640.0 - narrow_folders - narrow_list - LEAST_READER).abs() < 1.0,
            "narrow: the reader keeps its least width, the others give way"
        );
        assert!(narrow_folders < folders && narrow_list < list);
        layout.update(Message::WindowResized(Size::new(1366.0, 768.0)));
        assert!(close(layout.pane_widths(), (folders, list)), "and get their widths back {:?}", layout.pane_widths());
        let mut saved = settings.clone();
        layout.update(Message::WindowResized(Size::new(640.0, 480.0)));
        layout.take_geometry().apply(&mut saved);
        assert_eq!((saved.folder_pane_width, saved.list_pane_width), (folders, list), "the widths wanted are saved");
    }

    #[test]
    fn the_layout_saved_is_the_layout_restored() {
        let settings = Settings { remote_content_allowed: vec!["kept@example.test".into()], ..Settings::default() };
        let mut layout = Layout::new(&settings);
        layout.update(Message::WindowResized(Size::new(1000.0, 700.0)));
        layout.update(Message::WindowMoved(Point::new(40.0, 30.0)));
        let (split, _) = match layout.panes.layout() {
            pane_grid::Node::Split { id, ratio, .. } => (*id, *ratio),
            pane_grid::Node::Pane(_) => unreachable!("three panes"),
        };
        layout.update(Message::PaneResized(pane_grid::ResizeEvent { split, ratio: 0.3 }));
        assert_eq!(layout.update(Message::SaveIfQuiet), None, "nothing is written while changes keep coming");
        assert!(layout.is_dirty());
        let mut saved = settings.clone();
        layout.take_geometry().apply(&mut saved);
        assert!(!layout.is_dirty());

        assert_eq!((saved.window_width, saved.window_height), (1000.0, 700.0));
        assert_eq!((saved.window_x, saved.window_y), (Some(40.0), Some(30.0)));
        assert_eq!(saved.folder_pane_width, 300.0);
        assert_eq!(saved.remote_content_allowed, ["kept@example.test"], "other settings are kept");
        let restored = Layout::new(&saved);
        assert!((restored.pane_widths().0 - 300.0).abs() < 1.0, "{:?}", restored.pane_widths());
    }
}
