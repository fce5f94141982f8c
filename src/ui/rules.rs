//! The rules screen of one account: its rules in the order they run, each with a name, an on/off
//! switch, conditions (From, To/Cc, Subject or a named header; contains, is, starts with or
//! matches a `*`/`?` pattern; all of them or any one) and actions (move to, copy to, mark read,
//! flag, add a tag, delete to Trash, stop here). Order is changed by dragging a rule by its handle
//! onto another rule's place (iced 0.14 has no reorderable list: the handle's press, the rule
//! blocks the pointer moves over and the release on the screen make one, with a line where the
//! rule will land), and with Up/Down on each rule or Alt+Up/Alt+Down for the rule last touched
//! (what a person can also reach without a mouse). Saving hands the list to the window,
//! which has the engine check and write it (`EngineHandle::set_rules`, the one settings writer);
//! a refused list comes back with the engine's sentence. "Run now" runs the rules as shown on a
//! folder of the account, off the window's thread, with progress and Stop (`run`).

mod form;
mod run;

use crate::engine::api::FolderInfo;
use crate::model::{AccountId, AccountSettings, Condition, Rule, RuleField, RuleTest};
pub use form::{FieldChoice, MatchChoice, TestChoice, drop_marker_id, field_id};
pub use run::{FolderChoice, RunControl, start as run_task};

/// The account's rules as they are being edited.
#[derive(Debug, Clone)]
pub struct RulesEditor {
    pub account: AccountId,
    /// The account's address, for the screen's title.
    email: String,
    rules: Vec<Rule>,
    problem: Option<String>,
    /// The rule Alt+Up / Alt+Down moves: the last one edited.
    current: Option<usize>,
    drag: Option<Drag>,
    run: run::RunPanel,
}

/// A rule held by its handle: where it came from and the rule whose place it would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Drag {
    from: usize,
    over: Option<usize>,
}

/// A drag of a rule by its handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DragEvent {
    /// The handle of the rule at this place was pressed.
    Start(usize),
    /// The pointer is over the rule at this place: the dragged rule would take its place.
    Over(usize),
    /// The button was released on the screen: the rule moves to where the line shows.
    Drop,
    /// The pointer left the screen while dragging: nothing moves.
    Cancel,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// An edit of the rule at this place.
    Rule(usize, RuleEdit),
    /// An edit of a condition (rule, condition).
    Condition(usize, usize, ConditionEdit),
    AddCondition(usize),
    /// Alt+Up (-1) or Alt+Down (+1): the current rule moves.
    MoveCurrent(isize),
    Drag(DragEvent),
    Add,
    Save,
    Cancel,
    Run(run::Message),
}

#[derive(Debug, Clone)]
pub enum RuleEdit {
    Name(String),
    Enabled(bool),
    Match(MatchChoice),
    MoveTo(String),
    CopyTo(String),
    MarkRead(bool),
    Flag(bool),
    Tag(String),
    Delete(bool),
    Stop(bool),
    Up,
    Down,
    Remove,
}

#[derive(Debug, Clone)]
pub enum ConditionEdit {
    Field(FieldChoice),
    Header(String),
    Test(TestChoice),
    Value(String),
    Remove,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Save {
        account: AccountId,
        rules: Vec<Rule>,
    },
    Cancel,
    /// Run these rules on the folder now ([`run_task`]); the task's messages come back as
    /// [`Message::Run`].
    Run {
        folder: crate::model::FolderId,
        rules: Vec<Rule>,
        control: RunControl,
    },
}

impl RulesEditor {
    pub fn new(id: AccountId, account: &AccountSettings) -> RulesEditor {
        RulesEditor {
            account: id,
            email: account.email.clone(),
            rules: account.rules.clone(),
            problem: None,
            current: None,
            drag: None,
            run: run::RunPanel::default(),
        }
    }

    /// The screen opened from a letter: the account's rules and a new one made from the letter
    /// at the end, its name field ready for a name.
    pub fn with_new_rule(id: AccountId, account: &AccountSettings, rule: Rule) -> RulesEditor {
        let mut editor = RulesEditor::new(id, account);
        editor.rules.push(rule);
        editor.current = Some(editor.rules.len() - 1);
        editor
    }

    /// The account's folders (read by the window), for "Run now".
    pub fn set_folders(&mut self, folders: &[FolderInfo]) {
        self.run.set_folders(folders);
    }

    /// The engine refused the list: its sentence stays on the screen until the next edit.
    pub fn failed(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The sentence on the screen, if any.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Where a dragged rule would land if the button were released now, as a gap between rules:
    /// 0 before the first, `n` after the n-th; `None` when nothing is dragged or the rule is over
    /// its own place.
    pub fn drop_slot(&self) -> Option<usize> {
        let Drag { from, over } = self.drag?;
        let over = over?;
        match over.cmp(&from) {
            std::cmp::Ordering::Less => Some(over),
            std::cmp::Ordering::Greater => Some(over + 1),
            std::cmp::Ordering::Equal => None,
        }
    }

    fn dragged(&mut self, event: DragEvent) {
        let count = self.rules.len();
        match event {
            DragEvent::Start(from) if from < count => {
                self.drag = Some(Drag { from, over: None });
                self.current = Some(from);
            }
            DragEvent::Over(over) if over < count => {
                if let Some(drag) = &mut self.drag {
                    drag.over = Some(over);
                }
            }
            DragEvent::Drop => {
                // The rules cannot change under a held button, but a stale drag moves nothing.
                if let Some(Drag { from, over: Some(to) }) = self.drag.take()
                    && from < count
                    && to < count
                    && from != to
                {
                    let rule = self.rules.remove(from);
                    self.rules.insert(to, rule);
                    self.current = Some(to);
                }
            }
            DragEvent::Cancel => self.drag = None,
            DragEvent::Start(_) | DragEvent::Over(_) => {}
        }
    }

    /// The window is leaving the screen: a run still going is told to stop.
    pub fn close(&self) {
        self.run.stop();
    }

    pub fn update(&mut self, message: Message) -> Option<Outcome> {
        if !matches!(message, Message::Run(run::Message::Progress(_) | run::Message::Finished(_))) {
            self.problem = None;
        }
        let count = self.rules.len();
        match message {
            Message::Add => {
                self.rules.push(Rule::when(Condition::new(RuleField::From, RuleTest::Contains, "")));
                self.current = Some(count);
            }
            Message::AddCondition(index) => {
                if let Some(rule) = self.rules.get_mut(index) {
                    rule.conditions.push(Condition::new(RuleField::Subject, RuleTest::Contains, ""));
                    self.current = Some(index);
                }
            }
            Message::MoveCurrent(step) => {
                if let Some(index) = self.current {
                    let edit = if step < 0 { RuleEdit::Up } else { RuleEdit::Down };
                    self.edit_rule(index, edit);
                }
            }
            Message::Drag(event) => self.dragged(event),
            Message::Rule(index, edit) if index < count => self.edit_rule(index, edit),
            Message::Condition(index, at, edit) if index < count => {
                self.current = Some(index);
                if let Some(rule) = self.rules.get_mut(index) {
                    edit_condition(rule, at, edit);
                }
            }
            Message::Rule(..) | Message::Condition(..) => {}
            Message::Save => {
                let rules = self.rules.iter().cloned().map(tidy).collect();
                return Some(Outcome::Save { account: self.account, rules });
            }
            Message::Cancel => {
                self.close();
                return Some(Outcome::Cancel);
            }
            Message::Run(message) => {
                let rules: Vec<Rule> = self.rules.iter().cloned().map(tidy).collect();
                if matches!(message, run::Message::Start)
                    && let Err(problem) = crate::engine::api::check_rules(&rules)
                {
                    self.problem = Some(problem);
                    return None;
                }
                return self.run.update(message, rules);
            }
        }
        None
    }

    fn edit_rule(&mut self, index: usize, edit: RuleEdit) {
        let count = self.rules.len();
        self.current = Some(index);
        match edit {
            RuleEdit::Up if index > 0 => {
                self.rules.swap(index, index - 1);
                self.current = Some(index - 1);
            }
            RuleEdit::Down if index + 1 < count => {
                self.rules.swap(index, index + 1);
                self.current = Some(index + 1);
            }
            RuleEdit::Up | RuleEdit::Down => {}
            RuleEdit::Remove => {
                self.rules.remove(index);
                self.current = None;
            }
            edit => {
                if let Some(rule) = self.rules.get_mut(index) {
                    apply(rule, edit);
                }
            }
        }
    }
}

fn apply(rule: &mut Rule, edit: RuleEdit) {
    let text = |value: String| Some(value);
    match edit {
        RuleEdit::Name(name) => rule.name = name,
        RuleEdit::Enabled(on) => rule.enabled = on,
        RuleEdit::Match(MatchChoice(any)) => rule.match_any = any,
        RuleEdit::MoveTo(path) => rule.move_to = text(path),
        RuleEdit::CopyTo(path) => rule.copy_to = text(path),
        RuleEdit::MarkRead(on) => rule.mark_read = on,
        RuleEdit::Flag(on) => rule.flag = on,
        RuleEdit::Tag(tag) => rule.tag = text(tag),
        RuleEdit::Delete(on) => rule.delete = on,
        RuleEdit::Stop(on) => rule.stop = on,
        RuleEdit::Up | RuleEdit::Down | RuleEdit::Remove => {}
    }
}

fn edit_condition(rule: &mut Rule, at: usize, edit: ConditionEdit) {
    if let ConditionEdit::Remove = edit {
        if at < rule.conditions.len() {
            rule.conditions.remove(at);
        }
        return;
    }
    let Some(condition) = rule.conditions.get_mut(at) else { return };
    match edit {
        ConditionEdit::Field(FieldChoice(field)) => condition.field = field,
        ConditionEdit::Header(name) => condition.header = Some(name),
        ConditionEdit::Test(TestChoice(test)) => condition.test = test,
        ConditionEdit::Value(value) => condition.value = value,
        ConditionEdit::Remove => {}
    }
}

/// A rule as it is saved: spaces around the typed values trimmed, empty optional values absent,
/// a header name only for a header condition.
fn tidy(mut rule: Rule) -> Rule {
    let trimmed = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    rule.name = rule.name.trim().to_string();
    rule.move_to = trimmed(rule.move_to);
    rule.copy_to = trimmed(rule.copy_to);
    rule.tag = trimmed(rule.tag);
    for condition in &mut rule.conditions {
        condition.value = condition.value.trim().to_string();
        condition.header = trimmed(condition.header.take()).filter(|_| condition.field == RuleField::Header);
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> RulesEditor {
        RulesEditor::new(AccountId(7), &AccountSettings::local("me@example.org", "Me"))
    }

    #[test]
    fn rules_are_added_edited_reordered_and_saved_tidy() {
        let mut editor = editor();
        editor.update(Message::Add);
        editor.update(Message::Condition(0, 0, ConditionEdit::Value(" billing@shop ".into())));
        editor.update(Message::Rule(0, RuleEdit::MoveTo(" Bills ".into())));
        editor.update(Message::Add);
        editor.update(Message::Condition(1, 0, ConditionEdit::Field(FieldChoice(RuleField::Header))));
        editor.update(Message::Condition(1, 0, ConditionEdit::Header("List-Id".into())));
        editor.update(Message::Condition(1, 0, ConditionEdit::Value("dev.lists".into())));
        editor.update(Message::Rule(1, RuleEdit::MarkRead(true)));
        editor.update(Message::MoveCurrent(-1));
        let Some(Outcome::Save { account, rules }) = editor.update(Message::Save) else { panic!("no save") };
        assert_eq!(account, AccountId(7));
        assert_eq!(rules[0].conditions[0].header.as_deref(), Some("List-Id"));
        assert!(rules[0].mark_read);
        assert_eq!(rules[1].conditions[0].value, "billing@shop");
        assert_eq!(rules[1].move_to.as_deref(), Some("Bills"));
        assert_eq!(rules[1].conditions[0].header, None);
        assert_eq!(crate::engine::api::check_rules(&rules), Ok(()));
    }

    #[test]
    fn edits_of_rules_that_are_gone_change_nothing() {
        let mut editor = editor();
        editor.update(Message::Condition(3, 0, ConditionEdit::Value("x".into())));
        editor.update(Message::Rule(3, RuleEdit::Remove));
        editor.update(Message::Rule(0, RuleEdit::Down));
        editor.update(Message::MoveCurrent(1));
        editor.update(Message::AddCondition(2));
        assert!(editor.rules().is_empty());
        assert_eq!(editor.update(Message::Cancel), Some(Outcome::Cancel));
    }

    fn values(editor: &RulesEditor) -> Vec<&str> {
        editor.rules().iter().map(|rule| rule.conditions[0].value.as_str()).collect()
    }

    fn three_rules() -> RulesEditor {
        let mut editor = editor();
        for value in ["a", "b", "c"] {
            editor.update(Message::Add);
            let last = editor.rules().len() - 1;
            editor.update(Message::Condition(last, 0, ConditionEdit::Value(value.into())));
        }
        editor
    }

    #[test]
    fn a_dragged_rule_takes_the_place_it_is_dropped_on_and_the_line_shows_where() {
        let mut editor = three_rules();
        editor.update(Message::Drag(DragEvent::Start(0)));
        assert_eq!(editor.drop_slot(), None, "not moved yet");
        editor.update(Message::Drag(DragEvent::Over(1)));
        assert_eq!(editor.drop_slot(), Some(2), "over the second rule: after it");
        editor.update(Message::Drag(DragEvent::Over(2)));
        assert_eq!(editor.drop_slot(), Some(3), "over the last rule: at the end");
        editor.update(Message::Drag(DragEvent::Drop));
        assert_eq!(values(&editor), ["b", "c", "a"]);
        assert_eq!(editor.drop_slot(), None);

        editor.update(Message::Drag(DragEvent::Start(2)));
        editor.update(Message::Drag(DragEvent::Over(0)));
        assert_eq!(editor.drop_slot(), Some(0), "over the first rule: before it");
        editor.update(Message::Drag(DragEvent::Drop));
        assert_eq!(values(&editor), ["a", "b", "c"]);
        // The dropped rule is the one Alt+Down moves next.
        editor.update(Message::MoveCurrent(1));
        assert_eq!(values(&editor), ["b", "a", "c"]);
    }

    #[test]
    fn a_drag_that_leaves_the_screen_or_ends_on_its_own_place_moves_nothing() {
        let mut editor = three_rules();
        editor.update(Message::Drag(DragEvent::Start(1)));
        editor.update(Message::Drag(DragEvent::Over(2)));
        editor.update(Message::Drag(DragEvent::Cancel));
        editor.update(Message::Drag(DragEvent::Drop));
        editor.update(Message::Drag(DragEvent::Start(1)));
        editor.update(Message::Drag(DragEvent::Over(1)));
        editor.update(Message::Drag(DragEvent::Drop));
        editor.update(Message::Drag(DragEvent::Start(7)));
        editor.update(Message::Drag(DragEvent::Over(9)));
        editor.update(Message::Drag(DragEvent::Drop));
        assert_eq!(values(&editor), ["a", "b", "c"]);
    }

    #[test]
    fn a_refused_list_shows_the_sentence_until_the_next_edit() {
        let mut editor = editor();
        editor.failed("rule 1: say what to look for".into());
        assert!(editor.problem().is_some());
        editor.update(Message::Add);
        assert!(editor.problem().is_none());
    }
}
