//! "Run now on this folder" on the rules screen: a folder of the account, Run now, the count of
//! letters checked and matched while it runs, Stop, and what the run did. The run itself is the
//! engine's (`EngineHandle::run_rules_on_folder`), on a blocking thread, stopped between pages
//! through a shared flag ([`RunControl`]).

use super::Outcome;
use crate::engine::api::{EngineHandle, FolderInfo, RulesRun};
use crate::model::{FolderId, FolderRole, Rule};
use crate::ui::theme;
use iced::futures::SinkExt;
use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Task};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Tells a running "Run now" to stop (between pages of letters).
#[derive(Debug, Clone, Default)]
pub struct RunControl(Arc<AtomicBool>);

impl RunControl {
    pub fn stop(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }
}

/// Two controls are equal when they steer the same run.
impl PartialEq for RunControl {
    fn eq(&self, other: &RunControl) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for RunControl {}

/// A folder as the pick list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderChoice {
    pub id: FolderId,
    pub path: String,
}

impl std::fmt::Display for FolderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Folder(FolderChoice),
    Start,
    Stop,
    Progress(RulesRun),
    Finished(Result<RulesRun, String>),
}

#[derive(Debug, Clone, Default)]
pub(super) struct RunPanel {
    folders: Vec<FolderChoice>,
    picked: Option<FolderChoice>,
    running: Option<RunControl>,
    progress: Option<RulesRun>,
    /// How the last run ended, or why it failed.
    ended: Option<Result<RulesRun, String>>,
}

impl RunPanel {
    /// The folders that hold mail; the Inbox is picked until the user picks another.
    pub(super) fn set_folders(&mut self, folders: &[FolderInfo]) {
        self.folders = folders
            .iter()
            .filter(|folder| folder.selectable)
            .map(|folder| FolderChoice { id: folder.id, path: folder.path.clone() })
            .collect();
        if self.picked.as_ref().is_none_or(|picked| !self.folders.contains(picked)) {
            let inbox = folders.iter().find(|folder| folder.role == Some(FolderRole::Inbox)).map(|inbox| inbox.id);
            self.picked = self.folders.iter().find(|choice| Some(choice.id) == inbox).cloned();
        }
    }

    pub(super) fn stop(&self) {
        if let Some(control) = &self.running {
            control.stop();
        }
    }

    pub(super) fn update(&mut self, message: Message, rules: Vec<Rule>) -> Option<Outcome> {
        match message {
            Message::Folder(choice) => self.picked = Some(choice),
            Message::Start => {
                let folder = self.picked.as_ref().filter(|_| self.running.is_none())?.id;
                let control = RunControl::default();
                self.running = Some(control.clone());
                self.progress = None;
                self.ended = None;
                return Some(Outcome::Run { folder, rules, control });
            }
            Message::Stop => self.stop(),
            Message::Progress(progress) => self.progress = Some(progress),
            Message::Finished(result) => {
                self.running = None;
                self.progress = None;
                self.ended = Some(result);
            }
        }
        None
    }

    pub(super) fn view(&self) -> Element<'_, Message> {
        let start = (self.running.is_none() && self.picked.is_some()).then_some(Message::Start);
        let mut controls = row![
            text(crate::fl!("rules-run-on")),
            pick_list(self.folders.clone(), self.picked.clone(), Message::Folder)
                .placeholder(crate::fl!("rules-run-folder")),
            button(text(crate::fl!("rules-run-now"))).on_press_maybe(start),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        if self.running.is_some() {
            controls = controls.push(button(text(crate::fl!("rules-run-stop"))).on_press(Message::Stop));
        }
        let mut panel = column![controls].spacing(theme::SPACING);
        if let Some(progress) = &self.progress {
            panel = panel.push(text(counts(progress)));
        } else if self.running.is_some() {
            panel = panel.push(text(crate::fl!("rules-run-starting")).style(theme::muted));
        }
        match &self.ended {
            Some(Ok(run)) => {
                let words = if run.stopped { crate::fl!("rules-run-stopped") } else { crate::fl!("rules-run-done") };
                panel = panel.push(text(format!("{words} {}", counts(run))));
                for problem in &run.problems {
                    panel = panel.push(text(problem.clone()).style(theme::muted));
                }
            }
            Some(Err(problem)) => panel = panel.push(text(problem.clone())),
            None => {}
        }
        panel.into()
    }
}

/// "Checked 200 of 1,000 letters; 12 matched."
fn counts(run: &RulesRun) -> String {
    crate::fl!("rules-run-progress", checked = run.checked, total = run.total, matched = run.matched)
}

/// Runs the rules on the folder off the window's thread: progress after each page (best effort:
/// dropped when the window is behind), and always the end.
pub fn start(engine: EngineHandle, folder: FolderId, rules: Vec<Rule>, control: RunControl) -> Task<Message> {
    let stream = iced::stream::channel(16, async move |mut output| {
        let mut progress = output.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut report = |run: &RulesRun| {
                let _ = progress.try_send(Message::Progress(run.clone()));
            };
            engine.run_rules_on_folder(folder, &rules, control.flag(), &mut report)
        })
        .await;
        let result = match result {
            Ok(run) => run.map_err(|err| err.to_string()),
            Err(panicked) => Err(panicked.to_string()),
        };
        let _ = output.send(Message::Finished(result)).await;
    });
    Task::run(stream, |message| message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FolderId;

    fn info(id: i64, path: &str, role: Option<FolderRole>, selectable: bool) -> FolderInfo {
        FolderInfo {
            id: FolderId(id),
            account: crate::model::AccountId(1),
            path: path.into(),
            role,
            selectable,
            total: 0,
            unread: 0,
            on_server: true,
        }
    }

    #[test]
    fn the_inbox_is_picked_a_run_starts_once_and_stop_reaches_the_engine() {
        let mut panel = RunPanel::default();
        assert_eq!(panel.update(Message::Start, Vec::new()), None, "no folder, no run");
        panel.set_folders(&[
            info(1, "Archive", None, true),
            info(2, "INBOX", Some(FolderRole::Inbox), true),
            info(3, "Parent", None, false),
        ]);
        assert_eq!(panel.picked.as_ref().map(|f| f.path.as_str()), Some("INBOX"));
        assert_eq!(panel.folders.len(), 2, "a folder that holds no mail is not offered");
        let Some(Outcome::Run { folder, control, .. }) = panel.update(Message::Start, Vec::new()) else {
            panic!("no run")
        };
        assert_eq!(folder, FolderId(2));
        assert_eq!(panel.update(Message::Start, Vec::new()), None, "one run at a time");
        panel.update(Message::Stop, Vec::new());
        assert!(control.flag().load(Ordering::Relaxed), "Stop sets the engine's flag");
        let stopped = RulesRun { checked: 0, total: 5, stopped: true, ..RulesRun::default() };
        panel.update(Message::Finished(Ok(stopped)), Vec::new());
        assert!(panel.running.is_none(), "a new run can start");
    }
}
