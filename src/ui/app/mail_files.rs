//! Mail to and from files in the window: the import screen's file dialogs and the engine's import
//! run off the event loop (it reads files and writes the store), one archive after another, with
//! its progress and outcome sent back to the screen; and "Save as .eml" from the reader.

use super::{App, Message};
use crate::engine::api::{EngineHandle, eml_file_name};
use crate::model::MessageId;
use crate::ui::file_dialog;
use crate::ui::import::{self, Job};
use iced::Task;
use iced::futures::SinkExt;
use std::path::PathBuf;

impl App {
    pub(super) fn on_import(&mut self, message: import::Message) -> Task<Message> {
        let Some(screen) = self.import_mut() else { return Task::none() };
        match screen.update(message) {
            Some(import::Event::PickFiles) => {
                Task::perform(file_dialog::pick_files(crate::fl!("import-choose-files-title"), Vec::new()), |paths| {
                    Message::Import(import::Message::Chosen(paths))
                })
            }
            Some(import::Event::PickMaildir) => Task::perform(
                file_dialog::pick_folder(crate::fl!("import-choose-maildir-title"), home_dir()),
                |folder| Message::Import(import::Message::Chosen(folder.into_iter().collect())),
            ),
            Some(import::Event::Start(job)) => run_import(self.engine.clone(), job),
            Some(import::Event::Closed) => {
                self.close_screen();
                self.after_change()
            }
            None => Task::none(),
        }
    }

    /// Asks where to save the message (its subject as the name, in Downloads), then
    /// [`App::save_eml_to`].
    pub(super) fn save_eml(&mut self, id: MessageId) -> Task<Message> {
        let subject = self.reader.current().map(|view| view.summary.subject.clone()).unwrap_or_default();
        let downloads = directories::UserDirs::new().and_then(|dirs| dirs.download_dir().map(PathBuf::from));
        Task::perform(
            file_dialog::save_file(crate::fl!("reader-save-eml-title"), downloads, eml_file_name(&subject)),
            move |path| Message::SaveEmlTo(id, path),
        )
    }

    /// Writes the message's exact bytes there (never over an existing file: the engine picks
    /// "name (2).eml" instead); nothing when the dialog was cancelled.
    pub(super) fn save_eml_to(&mut self, id: MessageId, path: Option<PathBuf>) -> Task<Message> {
        let Some(path) = path else { return Task::none() };
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.export_message(id, &path).await.map_err(|err| err.to_string()) },
            Message::Saved,
        )
    }
}

fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}

/// Imports each source in turn on a blocking thread; progress is best effort (dropped when the
/// window is behind), each file's outcome and the end always arrive.
fn run_import(engine: EngineHandle, job: Job) -> Task<Message> {
    let stream = iced::stream::channel(16, async move |mut output| {
        for (file, (kind, path)) in job.sources.into_iter().enumerate() {
            let (engine, account, folder, source) = (engine.clone(), job.account, job.folder.clone(), path.clone());
            let mut progress = output.clone();
            let result = tokio::task::spawn_blocking(move || {
                let mut report = |imported| {
                    let _ = progress.try_send(import::Message::Progress { file, imported });
                };
                engine.import_archive_with_progress(kind, &source, account, &folder, &mut report)
            })
            .await;
            let result = match result {
                Ok(outcome) => outcome.map_err(|err| err.to_string()),
                Err(panicked) => Err(panicked.to_string()),
            };
            let _ = output.send(import::Message::FileDone(path, result)).await;
        }
        let _ = output.send(import::Message::Finished).await;
    });
    Task::run(stream, Message::Import)
}
