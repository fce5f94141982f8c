//! What a machine can see wrong in a screen's layout, through iced_test's widget bounds: texts
//! and fields drawn over each other, texts cut off by the window's edge, and a status line that
//! is not at the window's bottom. Used by the smoke test at every size and language.

use iced::{Element, Rectangle, Size, Theme};
use iced_test::Simulator;
use iced_test::selector::Candidate;
use std::path::Path;

/// A text or a field on screen: what it says and where it is drawn.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub label: String,
    pub bounds: Rectangle,
    /// A text (not a field), laid out in `laid_out` (its whole box, visible or not).
    pub laid_out: Option<Rectangle>,
}

/// Everything with words on screen (texts, text fields), where visible.
pub fn drawn<M>(ui: &mut Simulator<'_, M>) -> Vec<Drawn> {
    let mut found = Vec::new();
    let collect = |candidate: Candidate<'_>| -> Option<()> {
        let (label, visible, laid_out) = match candidate {
            Candidate::Text { content, visible_bounds, bounds, .. } => {
                (content.to_string(), visible_bounds, Some(bounds))
            }
            Candidate::TextInput { visible_bounds, state, .. } => {
                (format!("[field {}]", state.text()), visible_bounds, None)
            }
            _ => return None,
        };
        if let Some(bounds) = visible.filter(|b| b.width >= 1.0 && b.height >= 1.0)
            && !label.trim().is_empty()
        {
            found.push(Drawn { label, bounds, laid_out });
        }
        None
    };
    // The selector never matches: it only sees every candidate once.
    let _ = ui.find(collect);
    found
}

/// Every text with its whole laid-out box, on screen or scrolled out of it (a bar at the end of
/// a long letter): for checking what lies past the window's bottom.
#[allow(dead_code)]
pub fn laid_out<M>(ui: &mut Simulator<'_, M>) -> Vec<Drawn> {
    let mut found = Vec::new();
    let collect = |candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::Text { content, bounds, .. } = candidate
            && bounds.width >= 1.0
            && !content.trim().is_empty()
        {
            found.push(Drawn { label: content.to_string(), bounds, laid_out: Some(bounds) });
        }
        None
    };
    let _ = ui.find(collect);
    found
}

/// Pairs drawn over each other by more than a sliver (a pixel or two of anti-aliasing or a
/// shared border is not an overlap).
pub fn overlaps(drawn: &[Drawn]) -> Vec<String> {
    const SLIVER: f32 = 3.0;
    let mut found = Vec::new();
    for (i, a) in drawn.iter().enumerate() {
        for b in &drawn[i + 1..] {
            if let Some(common) = a.bounds.intersection(&b.bounds)
                && common.width > SLIVER
                && common.height > SLIVER
                // A field's placeholder or a button's label inside its own box is not an overlap.
                && !contains(a.bounds, b.bounds)
                && !contains(b.bounds, a.bounds)
            {
                found.push(format!("{:?} at {:?} overlaps {:?} at {:?}", a.label, a.bounds, b.label, b.bounds));
            }
        }
    }
    found
}

/// Texts given less room than their longest word needs: iced then draws the word past its
/// box, over its neighbour (a checkbox's label over the next pane, a count into a folder's
/// name). The narrowest glyphs of the smallest text are about 4 px wide.
pub fn squeezed(drawn: &[Drawn]) -> Vec<String> {
    const NARROWEST_GLYPH: f32 = 4.0;
    drawn
        .iter()
        .filter_map(|d| {
            let laid_out = d.laid_out?;
            let longest = d.label.split_whitespace().map(|word| word.chars().count()).max().unwrap_or(0);
            (laid_out.width + 0.5 < longest as f32 * NARROWEST_GLYPH)
                .then(|| format!("{:?} is squeezed into {:.0} px", d.label, laid_out.width))
        })
        .collect()
}

/// Texts reaching past the window's right or bottom edge (cut off there).
pub fn cut_off(drawn: &[Drawn], window: Size) -> Vec<String> {
    drawn
        .iter()
        .filter(|d| {
            d.bounds.x + d.bounds.width > window.width + 1.0 || d.bounds.y + d.bounds.height > window.height + 1.0
        })
        .map(|d| format!("{:?} at {:?} is cut off by the {}x{} window", d.label, d.bounds, window.width, window.height))
        .collect()
}

fn contains(outer: Rectangle, inner: Rectangle) -> bool {
    inner.x >= outer.x - 1.0
        && inner.y >= outer.y - 1.0
        && inner.x + inner.width <= outer.x + outer.width + 1.0
        && inner.y + inner.height <= outer.y + outer.height + 1.0
}

/// The lowest edge of any scrolled page on screen (None: the screen has none).
pub fn page_bottom<M>(ui: &mut Simulator<'_, M>) -> Option<f32> {
    let mut bottom: Option<f32> = None;
    let lowest = |candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::Scrollable { visible_bounds: Some(visible), .. } = candidate {
            bottom = Some(bottom.unwrap_or(0.0).max(visible.y + visible.height));
        }
        None
    };
    let _ = ui.find(lowest);
    bottom
}

/// A page that ends well above the window's bottom leaves what is under it (the main window's
/// status line) floating in mid-window.
pub fn floating_end(bottom: Option<f32>, window: Size) -> Option<String> {
    // The status line's height, and a little more.
    const STATUS_LINE: f32 = 40.0;
    let bottom = bottom?;
    (bottom < window.height - STATUS_LINE)
        .then(|| format!("the page ends at y={bottom:.0} of {:.0}: what follows floats in mid-window", window.height))
}

/// The problems of `view` at `size`: overlaps, squeezed and cut-off texts, and (for a screen
/// of the main window, `fills` true) a page ending mid-window, each named with the screen.
pub fn problems<'a, M: 'a>(screen: &str, view: impl Into<Element<'a, M>>, size: Size, fills: bool) -> Vec<String> {
    let mut ui = simulator_at(view, size);
    let drawn = drawn(&mut ui);
    let floating = if fills { floating_end(page_bottom(&mut ui), size) } else { None };
    overlaps(&drawn)
        .into_iter()
        .chain(squeezed(&drawn))
        .chain(cut_off(&drawn, size))
        .chain(floating)
        .map(|p| format!("{screen}: {p}"))
        .collect()
}

/// Renders `view` at `size` in `theme` to a PNG at `path` (iced_test draws at scale 2).
pub fn save_snapshot<'a, M: 'a>(view: impl Into<Element<'a, M>>, size: Size, theme: &Theme, path: &Path) {
    let mut ui = simulator_at(view, size);
    let snapshot = ui.snapshot(theme).expect("snapshot");
    // iced_test writes the picture only where none exists, and names it after the renderer.
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let written = path.with_file_name(format!("{stem}-tiny-skia.png"));
    let _ = std::fs::remove_file(&written);
    snapshot.matches_image(path).expect("write the snapshot");
    std::fs::rename(&written, path).expect("name the snapshot");
}

/// A simulator at `size` with the window's icon font loaded, so that icons measure and draw as
/// they do in the window (without it they are boxes of the fallback font's width).
pub fn simulator_at<'a, M: 'a>(view: impl Into<Element<'a, M>>, size: Size) -> Simulator<'a, M> {
    let settings = iced::Settings { fonts: vec![pochta::ui::icons::FONT_BYTES.into()], ..iced::Settings::default() };
    Simulator::with_size(settings, size, view)
}
