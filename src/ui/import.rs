//! The "Import mail" screen: mbox files (Thunderbird's too), `.eml` files or a Maildir folder,
//! into a folder of Local Folders or of an account (IMAP: uploaded by the next sync). It owns
//! the choices and shows the progress and the outcome; picking files and the import itself are
//! the window's tasks (the engine files the messages).

use super::theme;
use crate::engine::api::{ArchiveKind, ImportReport, LOCAL_FOLDERS};
use crate::model::AccountId;
use iced::widget::{Column, button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::path::{Path, PathBuf};

/// Unreadable messages listed one by one before the rest are only counted.
const SKIPPED_SHOWN: usize = 10;

#[derive(Debug)]
pub struct Import {
    sources: Vec<(ArchiveKind, PathBuf)>,
    targets: Vec<Target>,
    target: Target,
    folder: String,
    /// Whether the person typed a folder name (else it follows the chosen archive's name).
    folder_typed: bool,
    stage: Stage,
}

/// Where the messages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    LocalFolders,
    /// An account, with its address (the choice shows it).
    Account(AccountId, String),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::LocalFolders => f.write_str(&crate::fl!("import-local-folders")),
            Target::Account(_, email) => f.write_str(email),
        }
    }
}

#[derive(Debug, Default)]
enum Stage {
    #[default]
    Choosing,
    /// Source number `file` is being read, `imported` of its messages filed so far.
    Running {
        file: usize,
        imported: usize,
        results: Vec<FileResult>,
    },
    Done(Vec<FileResult>),
}

/// What came of one archive: its report, or why it could not be read at all.
type FileResult = (PathBuf, Result<ImportReport, String>);

/// What to import where, for the window to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub sources: Vec<(ArchiveKind, PathBuf)>,
    /// None: Local Folders.
    pub account: Option<AccountId>,
    pub folder: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    ChooseFiles,
    ChooseMaildir,
    /// What the file dialog gave (nothing when cancelled).
    Chosen(Vec<PathBuf>),
    Target(Target),
    Folder(String),
    Start,
    /// `imported` messages of source number `file` are filed so far.
    Progress {
        file: usize,
        imported: usize,
    },
    FileDone(PathBuf, Result<ImportReport, String>),
    Finished,
    Close,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    PickFiles,
    PickMaildir,
    Start(Job),
    Closed,
}

impl Import {
    /// The screen, offering Local Folders and each of `accounts` (ids and addresses) as the target.
    pub fn new(accounts: Vec<(AccountId, String)>) -> Import {
        let targets = std::iter::once(Target::LocalFolders)
            .chain(
                accounts
                    .into_iter()
                    .filter(|(_, email)| email != LOCAL_FOLDERS)
                    .map(|(id, email)| Target::Account(id, email)),
            )
            .collect();
        Import {
            sources: Vec::new(),
            targets,
            target: Target::LocalFolders,
            folder: crate::fl!("import-default-folder"),
            folder_typed: false,
            stage: Stage::Choosing,
        }
    }

    fn running(&self) -> bool {
        matches!(self.stage, Stage::Running { .. })
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::ChooseFiles => (!self.running()).then_some(Event::PickFiles),
            Message::ChooseMaildir => (!self.running()).then_some(Event::PickMaildir),
            Message::Chosen(paths) => {
                if !paths.is_empty() && !self.running() {
                    self.chosen(paths);
                }
                None
            }
            Message::Target(target) => {
                self.target = target;
                None
            }
            Message::Folder(folder) => {
                self.folder = folder;
                self.folder_typed = true;
                None
            }
            Message::Start => self.start(),
            Message::Progress { file, imported } => {
                if let Stage::Running { file: current, imported: count, .. } = &mut self.stage {
                    (*current, *count) = (file, imported);
                }
                None
            }
            Message::FileDone(path, result) => {
                if let Stage::Running { results, .. } = &mut self.stage {
                    results.push((path, result));
                }
                None
            }
            Message::Finished => {
                if let Stage::Running { results, .. } = std::mem::take(&mut self.stage) {
                    self.stage = Stage::Done(results);
                }
                None
            }
            Message::Close => (!self.running()).then_some(Event::Closed),
        }
    }

    fn chosen(&mut self, paths: Vec<PathBuf>) {
        self.sources = paths.into_iter().map(|path| (archive_kind(&path), path)).collect();
        self.stage = Stage::Choosing;
        if !self.folder_typed
            && let Some((kind, path)) = self.sources.first()
            && *kind != ArchiveKind::Eml
            && let Some(name) = path.file_stem().map(|stem| stem.to_string_lossy().trim_start_matches('.').to_string())
            && !name.is_empty()
        {
            self.folder = name;
        }
    }

    fn start(&mut self) -> Option<Event> {
        let folder = self.folder.trim().to_string();
        if self.running() || self.sources.is_empty() || folder.is_empty() {
            return None;
        }
        self.stage = Stage::Running { file: 0, imported: 0, results: Vec::new() };
        let account = match &self.target {
            Target::LocalFolders => None,
            Target::Account(id, _) => Some(*id),
        };
        Some(Event::Start(Job { sources: self.sources.clone(), account, folder }))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let idle = !self.running();
        let choose = row![
            button(text(crate::fl!("import-choose-files"))).on_press_maybe(idle.then_some(Message::ChooseFiles)),
            button(text(crate::fl!("import-choose-maildir"))).on_press_maybe(idle.then_some(Message::ChooseMaildir)),
        ]
        .spacing(theme::SPACING);
        let sources = self.sources.iter().fold(Column::new().spacing(2), |list, (kind, path)| {
            let kind = match kind {
                ArchiveKind::Mbox => "mbox",
                ArchiveKind::Maildir => "Maildir",
                ArchiveKind::Eml => ".eml",
            };
            list.push(text(format!("{}  ({kind})", path.display())).size(theme::SMALL_SIZE))
        });
        let target = row![
            text(crate::fl!("import-into")),
            pick_list(self.targets.clone(), Some(self.target.clone()), Message::Target),
            text(crate::fl!("import-folder")),
            text_input(&crate::fl!("import-default-folder"), &self.folder)
                .on_input(Message::Folder)
                .width(Length::Fixed(240.0)),
        ]
        .spacing(theme::SPACING)
        .align_y(iced::Alignment::Center);
        let ready = idle && !self.sources.is_empty() && !self.folder.trim().is_empty();
        let actions = row![
            button(text(crate::fl!("import-start"))).on_press_maybe(ready.then_some(Message::Start)),
            button(text(crate::fl!("import-close"))).on_press_maybe(idle.then_some(Message::Close)),
        ]
        .spacing(theme::SPACING);
        let page = column![
            text(crate::fl!("import-title")).size(theme::TITLE_SIZE),
            text(crate::fl!("import-explanation")).size(theme::SMALL_SIZE).style(theme::muted),
            choose,
            sources,
            target,
            actions,
            self.stage_view(),
        ]
        .spacing(theme::SPACING);
        // The whole height, so the main window's status line stays at its bottom.
        scrollable(container(page).padding(theme::PADDING).width(Length::Fill)).height(Length::Fill).into()
    }

    fn stage_view(&self) -> Element<'_, Message> {
        match &self.stage {
            Stage::Choosing => column![].into(),
            Stage::Running { file, imported, .. } => {
                let (number, files) = (file + 1, self.sources.len());
                text(crate::fl!("import-running", file = number, files = files, count = imported)).into()
            }
            Stage::Done(results) => outcome_view(results, self.folder.trim()),
        }
    }
}

/// "Imported 1,234 messages into Архив", then each archive that failed and the messages that
/// could not be read, with why.
fn outcome_view<'a>(results: &'a [FileResult], folder: &str) -> Element<'a, Message> {
    let imported: usize = results.iter().filter_map(|(_, r)| r.as_ref().ok()).map(|r| r.imported).sum();
    let mut lines =
        Column::new().spacing(4).push(text(crate::fl!("import-done", count = imported, folder = folder.to_string())));
    for (path, result) in results {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match result {
            Err(err) => lines = lines.push(text(crate::fl!("import-file-failed", file = name, error = err.clone()))),
            Ok(report) if !report.skipped.is_empty() => {
                lines = lines.push(
                    text(crate::fl!("import-skipped", file = name, count = report.skipped.len())).style(theme::muted),
                );
                for reason in report.skipped.iter().take(SKIPPED_SHOWN) {
                    lines = lines.push(text(format!("  {reason}")).size(theme::SMALL_SIZE));
                }
                if report.skipped.len() > SKIPPED_SHOWN {
                    let more = report.skipped.len() - SKIPPED_SHOWN;
                    lines = lines.push(text(crate::fl!("import-skipped-more", count = more)).size(theme::SMALL_SIZE));
                }
            }
            Ok(_) => {}
        }
    }
    container(lines).padding(theme::PADDING).style(theme::header_block).width(Length::Fill).into()
}

/// A folder is a Maildir; a file ending in `.eml` one message; any other file an mbox
/// (Thunderbird's have no extension at all).
pub fn archive_kind(path: &Path) -> ArchiveKind {
    if path.is_dir() {
        ArchiveKind::Maildir
    } else if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("eml")) {
        ArchiveKind::Eml
    } else {
        ArchiveKind::Mbox
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_follows_the_archive_until_the_person_names_one() {
        let dir = tempfile::tempdir().unwrap();
        let me = (AccountId(1), "me@example.org".to_string());
        let mut screen = Import::new(vec![me.clone(), (AccountId(2), LOCAL_FOLDERS.into())]);
        assert_eq!(screen.targets, [Target::LocalFolders, Target::Account(me.0, me.1)]);
        assert_eq!(screen.update(Message::Start), None, "nothing chosen yet");
        screen.update(Message::Chosen(vec![PathBuf::from("/home/me/Thunderbird/Inbox")]));
        assert_eq!((screen.sources[0].0, screen.folder.as_str()), (ArchiveKind::Mbox, "Inbox"));
        std::fs::create_dir(dir.path().join(".Work")).unwrap();
        screen.update(Message::Chosen(vec![dir.path().join(".Work")]));
        assert_eq!((screen.sources[0].0, screen.folder.as_str()), (ArchiveKind::Maildir, "Work"));
        screen.update(Message::Folder("Архив".into()));
        screen.update(Message::Chosen(vec![PathBuf::from("letter.EML")]));
        assert_eq!((screen.sources[0].0, screen.folder.as_str()), (ArchiveKind::Eml, "Архив"));
    }

    #[test]
    fn progress_and_results_of_several_files_add_up_and_closing_waits_for_the_end() {
        let mut screen = Import::new(Vec::new());
        screen.update(Message::Chosen(vec![PathBuf::from("a.mbox"), PathBuf::from("b.mbox")]));
        let Some(Event::Start(job)) = screen.update(Message::Start) else { panic!("no job") };
        assert_eq!((job.account, job.folder.as_str(), job.sources.len()), (None, "a", 2));
        assert_eq!(screen.update(Message::Close), None, "the import runs on");
        let report = |imported| Ok(ImportReport { imported, skipped: Vec::new() });
        screen.update(Message::FileDone("a.mbox".into(), report(3)));
        screen.update(Message::Progress { file: 1, imported: 500 });
        assert!(matches!(screen.stage, Stage::Running { file: 1, imported: 500, .. }));
        screen.update(Message::FileDone("b.mbox".into(), Err("not an mbox".into())));
        screen.update(Message::Finished);
        let Stage::Done(results) = &screen.stage else { panic!("{:?}", screen.stage) };
        assert_eq!(results.len(), 2);
        assert_eq!(screen.update(Message::Close), Some(Event::Closed));
    }
}
