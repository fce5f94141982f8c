//! The reader's attachment list and, on desktops without a file dialog, its in-window folder
//! chooser. The list scrolls when long (it never pushes the body out of reach), long names are
//! shortened in the middle so the extension stays visible and nothing is drawn over the buttons,
//! and a name whose extension pretends to be another type says what it really is. The chooser
//! offers the user's own folders (Downloads first) and never a shared one such as /tmp.
//! Image attachments are previewed above the list (decoded by the engine within bounds); a
//! click on a preview opens the picture.

use super::Message;
use super::body::Picture;
use crate::engine::api::reading::misleading_extension;
use crate::engine::api::{AttachmentRecord, MessageView};
use crate::model::MessageId;
use crate::ui::{format, theme};
use iced::widget::{Column, Row, button, column, container, image, pick_list, row, scrollable, text};
use iced::{ContentFit, Element, Length};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Height of an image attachment's preview.
const PREVIEW_HEIGHT: f32 = 120.0;

/// Tallest the attachment list grows before it scrolls: about five rows.
const LIST_HEIGHT: f32 = 150.0;
/// Characters of a name shown; longer ones lose their middle.
const NAME_CHARS: usize = 60;

/// A folder offered by the chooser, shown as "~/Downloads".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderChoice(pub PathBuf);

impl std::fmt::Display for FolderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        match home.as_deref().and_then(|home| self.0.strip_prefix(home).ok()) {
            Some(rest) if rest.as_os_str().is_empty() => f.write_str("~"),
            Some(rest) => write!(f, "~/{}", rest.display()),
            None => write!(f, "{}", self.0.display()),
        }
    }
}

/// Save without a file dialog: which attachment, under what name, and the folders offered.
#[derive(Debug, Clone)]
pub struct SaveChoice {
    pub id: MessageId,
    pub part_index: usize,
    /// The sanitised name it is saved under.
    pub name: String,
    pub folders: Vec<FolderChoice>,
    pub picked: Option<FolderChoice>,
}

impl SaveChoice {
    pub fn new(id: MessageId, part_index: usize, name: String) -> SaveChoice {
        let folders = user_folders();
        let picked = folders.first().cloned();
        SaveChoice { id, part_index, name, folders, picked }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let small = |label: String| text(label).size(theme::SMALL_SIZE);
        let mut save = button(small(crate::fl!("reader-save-here")));
        if self.picked.is_some() {
            save = save.on_press(Message::SaveIntoChosen);
        }
        let bar = row![
            small(crate::fl!("reader-save-into", name = format::ellipsize_middle(&self.name, NAME_CHARS))),
            pick_list(self.folders.clone(), self.picked.clone(), Message::SaveFolderPicked)
                .text_size(theme::SMALL_SIZE)
                .width(Length::Fill),
            save,
            button(small(crate::fl!("reader-cancel"))).on_press(Message::CancelSave),
        ]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center);
        container(bar).padding(6).width(Length::Fill).style(theme::remote_bar).into()
    }
}

/// The user's own folders that exist: Downloads (XDG), Documents, Desktop, home. Nothing in the
/// system's temporary folder, which anyone can write to.
fn user_folders() -> Vec<FolderChoice> {
    let dirs = directories::UserDirs::new();
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    let candidates = [
        dirs.as_ref().and_then(|d| d.download_dir().map(Path::to_path_buf)),
        home.as_ref().map(|home| home.join("Downloads")),
        dirs.as_ref().and_then(|d| d.document_dir().map(Path::to_path_buf)),
        dirs.as_ref().and_then(|d| d.desktop_dir().map(Path::to_path_buf)),
        home,
    ];
    let shared = [std::env::temp_dir(), PathBuf::from("/tmp"), PathBuf::from("/var/tmp"), PathBuf::from("/dev/shm")];
    offered_folders(candidates.into_iter().flatten(), &shared)
}

/// `candidates` that are folders, once each, none inside a `shared` (world-writable) folder.
fn offered_folders(candidates: impl Iterator<Item = PathBuf>, shared: &[PathBuf]) -> Vec<FolderChoice> {
    let shared: Vec<PathBuf> = shared.iter().map(|dir| dir.canonicalize().unwrap_or_else(|_| dir.clone())).collect();
    let mut folders: Vec<FolderChoice> = Vec::new();
    for folder in candidates {
        let real = folder.canonicalize().unwrap_or_else(|_| folder.clone());
        let fresh = !folders.iter().any(|known| known.0 == folder);
        if fresh && real.is_dir() && !shared.iter().any(|dir| real.starts_with(dir)) {
            folders.push(FolderChoice(folder));
        }
    }
    folders
}

/// The message's attachments (not the pictures its body shows), in a list that scrolls.
pub fn list<'a>(view: &'a MessageView, previews: &HashMap<usize, Picture>) -> Option<Element<'a, Message>> {
    let attachments: Vec<&AttachmentRecord> = view.attachments.iter().filter(|a| !a.is_inline).collect();
    if attachments.is_empty() {
        return None;
    }
    let pictures: Vec<(usize, image::Handle)> = attachments
        .iter()
        .filter_map(|a| match previews.get(&a.part_index) {
            Some(Picture::Shown(handle)) => Some((a.part_index, handle.clone())),
            _ => None,
        })
        .collect();
    let has_pictures = !pictures.is_empty();
    let thumbnails = pictures.into_iter().fold(Row::new().spacing(theme::SPACING), |line, (part, handle)| {
        let picture = image(handle).content_fit(ContentFit::ScaleDown).height(PREVIEW_HEIGHT);
        line.push(button(picture).padding(2).style(button::text).on_press(Message::Open(part)))
    });
    let rows = attachments.into_iter().fold(Column::new().spacing(2), |list, a| list.push(row_view(a)));
    let list = container(scrollable(rows).height(Length::Shrink)).max_height(LIST_HEIGHT);
    if !has_pictures {
        return Some(list.into());
    }
    Some(column![thumbnails.wrap(), list].spacing(theme::SPACING).into())
}

fn row_view(a: &AttachmentRecord) -> Element<'_, Message> {
    // Names cached before names were cleaned of invisible characters are cleaned when shown.
    let safe = crate::engine::api::sanitize_filename(&a.filename);
    let name =
        if a.filename.is_empty() { crate::fl!("reader-unnamed") } else { format::ellipsize_middle(&safe, NAME_CHARS) };
    let small = |label: String| text(label).size(theme::SMALL_SIZE);
    let mut line = row![small(name)];
    if let Some(extension) = misleading_extension(&safe, &a.content_type) {
        line = line.push(small(crate::fl!("reader-attachment-misleading", extension = extension)).style(text::danger));
    }
    line.push(small(format::size(a.size)).style(theme::muted))
        .push(small(a.content_type.clone()).style(theme::muted))
        .push(button(small(crate::fl!("reader-attachment-save"))).on_press(Message::Save(a.part_index)))
        .push(button(small(crate::fl!("reader-attachment-open"))).on_press(Message::Open(a.part_index)))
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center)
        // Wrapped, not squeezed: at a narrow pane the buttons go to the next line whole.
        .wrap()
        .vertical_spacing(2)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chooser_never_offers_the_temporary_folder() {
        let home = tempfile::tempdir().unwrap();
        let downloads = home.path().join("Downloads");
        std::fs::create_dir(&downloads).unwrap();
        let temporary = tempfile::tempdir().unwrap();
        let inside_temporary = temporary.path().join("Downloads");
        std::fs::create_dir(&inside_temporary).unwrap();
        let candidates = vec![inside_temporary, downloads.clone(), downloads.clone(), home.path().join("missing")];
        let offered = offered_folders(candidates.into_iter(), &[temporary.path().to_path_buf()]);
        assert_eq!(offered, [FolderChoice(downloads)], "existing, once, and no temporary folder");
    }
}
