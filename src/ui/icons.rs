//! The icons: a subset of Lucide (ISC licence, assets/icons/lucide/LICENSE) drawn as glyphs of a
//! small icon font cut from Lucide's own font, so they need no SVG renderer in iced (no resvg)
//! and take the text colour of wherever they stand. The SVG of every icon used is kept beside the
//! font (assets/icons/lucide/NAME.svg) as the source of the picture. This module owns the list:
//! a new icon is added here, to the font (pyftsubset, see assets/icons/lucide/README.md) and as SVG.

use crate::model::FolderRole;
use iced::widget::{Text, text, tooltip};
use iced::{Element, Font};

/// The icon font's bytes, loaded once at start (`daemon.font`).
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/icons/lucide/pochta-icons.ttf");
/// The family name inside the font.
pub const FONT: Font = Font::with_name("lucide");

/// Every icon Pochta draws, named for what it means here; the Lucide name is in the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icon {
    GetMail,  // refresh-cw
    Write,    // square-pen
    Reply,    // reply
    ReplyAll, // reply-all
    Forward,  // forward
    /// Also the Trash folder.
    Delete, // trash-2
    Junk,     // shield-alert
    /// "Not junk": the letter is good after all.
    NotJunk, // shield-check
    Flag,     // flag
    MarkRead, // mail-open
    MarkUnread, // mail
    More,     // ellipsis-vertical
    Search,   // search
    Inbox,    // inbox
    Sent,     // send
    Drafts,   // file-pen
    Archive,  // archive
    Outbox,   // send-horizontal
    Folder,   // folder
    Star,     // star
    Attachment, // paperclip
    Threads,  // messages-square
    Expanded, // chevron-down
    Collapsed, // chevron-right
    Attention, // circle-alert
    Settings, // settings
    AddAccount, // user-plus
    Accounts, // users
    Import,   // import
    MoveTo,   // folder-input
    CopyTo,   // copy
    Unread,   // circle (the unread dot's ring)
    Close,    // x
    SortUp,   // arrow-up
    SortDown, // arrow-down
    AllInboxes, // mails
    Open,     // file-input
    Dot,      // dot
    Undo,     // undo-2
    /// The list shows two lines per message.
    TwoLines, // rows-2
    /// The list shows one line per message.
    OneLine, // list
    /// Where a row is held to drag it to another place (the rules' order).
    DragHandle, // grip-vertical
}

impl Icon {
    /// Every icon, for the test that checks the font and the SVGs.
    pub const ALL: [Icon; 42] = [
        Icon::GetMail,
        Icon::Write,
        Icon::Reply,
        Icon::ReplyAll,
        Icon::Forward,
        Icon::Delete,
        Icon::Junk,
        Icon::NotJunk,
        Icon::Flag,
        Icon::MarkRead,
        Icon::MarkUnread,
        Icon::More,
        Icon::Search,
        Icon::Inbox,
        Icon::Sent,
        Icon::Drafts,
        Icon::Archive,
        Icon::Outbox,
        Icon::Folder,
        Icon::Star,
        Icon::Attachment,
        Icon::Threads,
        Icon::Expanded,
        Icon::Collapsed,
        Icon::Attention,
        Icon::Settings,
        Icon::AddAccount,
        Icon::Accounts,
        Icon::Import,
        Icon::MoveTo,
        Icon::CopyTo,
        Icon::Unread,
        Icon::Close,
        Icon::SortUp,
        Icon::SortDown,
        Icon::AllInboxes,
        Icon::Open,
        Icon::Dot,
        Icon::Undo,
        Icon::TwoLines,
        Icon::OneLine,
        Icon::DragHandle,
    ];

    /// The icon's code point in the font (Lucide's published code points).
    pub fn glyph(self) -> char {
        let code: u32 = match self {
            Icon::GetMail => 57669,
            Icon::Write => 57714,
            Icon::Reply => 57898,
            Icon::ReplyAll => 57899,
            Icon::Forward => 57897,
            Icon::Delete => 57742,
            Icon::Junk => 57854,
            Icon::NotJunk => 57855,
            Icon::Flag => 57553,
            Icon::MarkRead => 58211,
            Icon::MarkUnread => 57615,
            Icon::More => 57527,
            Icon::Search => 57681,
            Icon::Inbox => 57591,
            Icon::Sent => 57682,
            Icon::Drafts => 58143,
            Icon::Archive => 57409,
            Icon::Outbox => 58610,
            Icon::Folder => 57559,
            Icon::Star => 57718,
            Icon::Attachment => 57645,
            Icon::Threads => 58381,
            Icon::Expanded => 57453,
            Icon::Collapsed => 57455,
            Icon::Attention => 57463,
            Icon::Settings => 57684,
            Icon::AddAccount => 57762,
            Icon::Accounts => 57764,
            Icon::Import => 57903,
            Icon::MoveTo => 58164,
            Icon::CopyTo => 57502,
            Icon::Unread => 57462,
            Icon::Close => 57778,
            Icon::SortUp => 57418,
            Icon::SortDown => 57410,
            Icon::AllInboxes => 58217,
            Icon::Open => 57541,
            Icon::Dot => 58447,
            Icon::Undo => 58017,
            Icon::TwoLines => 58425,
            Icon::OneLine => 57606,
            Icon::DragHandle => 57579,
        };
        char::from_u32(code).unwrap_or('\u{FFFD}')
    }

    /// The icon as a string (what a test finds on screen).
    pub fn label(self) -> String {
        self.glyph().to_string()
    }

    /// The icon of a folder's role; a plain folder without one.
    pub fn for_folder(role: Option<FolderRole>) -> Icon {
        match role {
            Some(FolderRole::Inbox) => Icon::Inbox,
            Some(FolderRole::Sent) => Icon::Sent,
            Some(FolderRole::Drafts) => Icon::Drafts,
            Some(FolderRole::Trash) => Icon::Delete,
            Some(FolderRole::Junk) => Icon::Junk,
            Some(FolderRole::Archive) => Icon::Archive,
            None => Icon::Folder,
        }
    }
}

/// The icon at `size`, in the colour of the text around it.
pub fn icon<'a>(which: Icon, size: f32) -> Text<'a> {
    text(which.glyph()).font(FONT).size(size).line_height(1.0)
}

/// Wraps an icon-only control with its name shown on hover (below it, as header bars do).
pub fn with_tooltip<'a, M: 'a>(control: impl Into<Element<'a, M>>, name: String) -> Element<'a, M> {
    tooltip(
        control,
        iced::widget::container(text(name).size(super::theme::CAPTION_SIZE))
            .padding([super::theme::SPACE_S, super::theme::SPACE_M])
            .style(super::theme::tooltip_box),
        tooltip::Position::Bottom,
    )
    .gap(super::theme::SPACE_S)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_a_glyph_in_the_bundled_font_and_an_svg() {
        let all = Icon::ALL;
        let mut glyphs: Vec<char> = all.iter().map(|i| i.glyph()).collect();
        glyphs.sort();
        glyphs.dedup();
        assert_eq!(glyphs.len(), all.len(), "one glyph per icon");
        let mapped = cmap_ranges(FONT_BYTES);
        for glyph in glyphs {
            let code = glyph as u32;
            assert!(mapped.iter().any(|(a, b)| (*a..=*b).contains(&code)), "U+{code:04X} is not in the icon font");
        }
        let svgs = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icons/lucide")).unwrap();
        let count = svgs.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "svg")).count();
        assert_eq!(count, all.len(), "the source SVG of every glyph is kept");
    }

    /// The code point ranges of the font's format-4 cmap subtable (OpenType `cmap`).
    fn cmap_ranges(font: &[u8]) -> Vec<(u32, u32)> {
        let u16_at = |at: usize| u16::from_be_bytes([font[at], font[at + 1]]) as usize;
        let u32_at = |at: usize| u32::from_be_bytes([font[at], font[at + 1], font[at + 2], font[at + 3]]) as usize;
        let tables = u16_at(4);
        let cmap = (0..tables).map(|i| 12 + 16 * i).find(|at| &font[*at..*at + 4] == b"cmap").unwrap();
        let cmap = u32_at(cmap + 8);
        let subtables = u16_at(cmap + 2);
        let format4 = (0..subtables)
            .map(|i| cmap + u32_at(cmap + 4 + 8 * i + 4))
            .find(|at| u16_at(*at) == 4)
            .expect("a format 4 subtable");
        let segments = u16_at(format4 + 6) / 2;
        let ends = format4 + 14;
        let starts = ends + 2 * segments + 2;
        (0..segments).map(|i| (u16_at(starts + 2 * i) as u32, u16_at(ends + 2 * i) as u32)).collect()
    }
}
