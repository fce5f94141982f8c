//! Sorting mail from a letter's context menu: "Not junk" (the filter learns it as good and a
//! letter in Junk goes back to the Inbox), "Why junk?" (the filter's score and the tokens that
//! weigh most, as a notice), and "Make a rule from this letter" (the rules screen of its account
//! with a new rule for its mailing list or its sender at the end).

use super::screen::Screen;
use super::{App, Message as AppMessage};
use crate::engine::api::{FolderInfo, JunkExplanation};
use crate::model::{AccountId, AccountSettings, FolderRole, MessageId, Rule};
use crate::ui::accounts::Accounts;
use iced::Task;

/// How many of the strongest tokens "Why junk?" names.
const CLUES_SHOWN: usize = 8;

#[derive(Debug, Clone)]
pub enum Message {
    NotJunk,
    WhyJunk(MessageId),
    Explained(Result<String, String>),
    RuleFrom(MessageId),
    RuleDrafted(Result<Box<Draft>, String>),
}

/// A rule made from a letter, with what the rules screen needs around it.
#[derive(Debug, Clone)]
pub struct Draft {
    accounts: Vec<(AccountId, AccountSettings)>,
    account: AccountId,
    rule: Rule,
    folders: Vec<FolderInfo>,
}

impl App {
    pub(super) fn on_sorting(&mut self, message: Message) -> Task<AppMessage> {
        match message {
            Message::NotJunk => self.not_junk_selected(),
            Message::WhyJunk(id) => self.why_junk(id),
            Message::Explained(Ok(words)) => {
                self.notice = Some(words);
                Task::none()
            }
            Message::Explained(Err(err)) | Message::RuleDrafted(Err(err)) => {
                self.notice = Some(err);
                Task::none()
            }
            Message::RuleFrom(id) => self.draft_rule(id),
            Message::RuleDrafted(Ok(draft)) => {
                let Draft { accounts, account, rule, folders } = *draft;
                let mut screen = Accounts::with_new_rule(accounts, account, rule);
                screen.rules_folders(account, &folders);
                self.screen = Screen::Accounts(Box::new(screen));
                Task::none()
            }
        }
    }

    /// Whether the letter is one the filter (or the user) judged junk: it carries `$Junk` or
    /// lies in its account's Junk folder. Its menu offers "Not junk" in place of "Junk".
    pub(super) fn judged_junk(&self, id: MessageId) -> bool {
        self.list.row(id).is_some_and(|row| {
            row.flags.keywords.iter().any(|k| k.eq_ignore_ascii_case(crate::engine::api::JUNK_KEYWORD))
                || self.sidebar.folder(row.folder).is_some_and(|folder| folder.role == Some(FolderRole::Junk))
        })
    }

    /// Whether the header bar's Junk button is "Not junk" (as in Thunderbird): the Junk folder is
    /// open, or the letter in focus is judged junk (in a view of several folders).
    pub(super) fn shows_junk(&self) -> bool {
        self.sidebar.selected().is_some_and(|folder| folder.role == Some(FolderRole::Junk))
            || self.list.focused().is_some_and(|id| self.judged_junk(id))
    }

    fn why_junk(&mut self, id: MessageId) -> Task<AppMessage> {
        let engine = self.engine.clone();
        Task::perform(
            async move { engine.explain_junk(id).await.map(|why| explain(&why)).map_err(|err| err.to_string()) },
            |words| AppMessage::Sorting(Message::Explained(words)),
        )
    }

    fn draft_rule(&mut self, id: MessageId) -> Task<AppMessage> {
        let engine = self.engine.clone();
        let draft = async move {
            let draft = engine.off_thread(move |engine| {
                let (account, rule) = engine.rule_from_letter(id)?;
                let (accounts, folders) = (engine.accounts()?, engine.folders(Some(account))?);
                Ok(Box::new(Draft { accounts, account, rule, folders }))
            });
            draft.await.map_err(|err| err.to_string())
        };
        Task::perform(draft, |draft| AppMessage::Sorting(Message::RuleDrafted(draft)))
    }
}

/// The filter's judgement in a sentence, with the tokens that weigh most.
fn explain(why: &JunkExplanation) -> String {
    let verdict = match why {
        JunkExplanation::KnownCorrespondent => return crate::fl!("junk-why-known"),
        JunkExplanation::Scored(verdict) => verdict,
    };
    let score = format!("{:.2}", verdict.score);
    let clues: Vec<String> = verdict
        .clues
        .iter()
        .take(CLUES_SHOWN)
        .map(|clue| format!("{} ({:.2})", clue.token, clue.probability))
        .collect();
    let clues = clues.join(", ");
    if verdict.is_junk() {
        crate::fl!("junk-why-junk", score = score, clues = clues)
    } else {
        crate::fl!("junk-why-good", score = score, clues = clues)
    }
}
