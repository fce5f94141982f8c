//! The rules screen of one account: its rules in the order they run, each with what it looks at
//! (From, To/Cc, Subject or a named header), what that must contain, and what it does (move to
//! a folder, mark read, flag, delete); rules added, removed and moved up or down. Saving hands
//! the list to the window, which has the engine check and write it (`EngineHandle::set_rules`,
//! the one settings writer); a refused list comes back with the engine's sentence.

use crate::model::{AccountSettings, Rule, RuleField};
use crate::ui::theme;
use iced::widget::{Column, button, checkbox, column, container, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

/// The account's rules as they are being edited.
#[derive(Debug, Clone)]
pub struct RulesEditor {
    pub email: String,
    rules: Vec<Rule>,
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(usize, String),
    Field(usize, FieldChoice),
    Header(usize, String),
    Contains(usize, String),
    MoveTo(usize, String),
    MarkRead(usize, bool),
    Flag(usize, bool),
    Delete(usize, bool),
    Up(usize),
    Down(usize),
    Remove(usize),
    Add,
    Save,
    Cancel,
}

/// What the window must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Save { email: String, rules: Vec<Rule> },
    Cancel,
}

/// A field as the pick list shows it, in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldChoice(pub RuleField);

impl std::fmt::Display for FieldChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let label = match self.0 {
            RuleField::From => crate::fl!("rules-field-from"),
            RuleField::To => crate::fl!("rules-field-to"),
            RuleField::Subject => crate::fl!("rules-field-subject"),
            RuleField::Header => crate::fl!("rules-field-header"),
        };
        f.write_str(&label)
    }
}

const FIELDS: [FieldChoice; 4] = [
    FieldChoice(RuleField::From),
    FieldChoice(RuleField::To),
    FieldChoice(RuleField::Subject),
    FieldChoice(RuleField::Header),
];

impl RulesEditor {
    pub fn new(account: &AccountSettings) -> RulesEditor {
        RulesEditor { email: account.email.clone(), rules: account.rules.clone(), problem: None }
    }

    /// The engine refused the list: its sentence stays on the screen until the next edit.
    pub fn failed(&mut self, problem: String) {
        self.problem = Some(problem);
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn update(&mut self, message: Message) -> Option<Outcome> {
        self.problem = None;
        let count = self.rules.len();
        match message {
            Message::Add => self.rules.push(Rule {
                name: String::new(),
                field: RuleField::From,
                header: None,
                contains: String::new(),
                move_to: None,
                mark_read: false,
                flag: false,
                delete: false,
            }),
            Message::Remove(index) if index < count => {
                self.rules.remove(index);
            }
            Message::Up(index) if index > 0 && index < count => self.rules.swap(index, index - 1),
            Message::Down(index) if index + 1 < count => self.rules.swap(index, index + 1),
            Message::Save => {
                let rules = self.rules.iter().cloned().map(tidy).collect();
                return Some(Outcome::Save { email: self.email.clone(), rules });
            }
            Message::Cancel => return Some(Outcome::Cancel),
            edit => {
                if let Some(rule) = index_of(&edit).and_then(|index| self.rules.get_mut(index)) {
                    apply(rule, edit);
                }
            }
        }
        None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let title = text(crate::fl!("rules-title", email = self.email.as_str())).size(theme::TITLE_SIZE);
        let mut page = column![title, text(crate::fl!("rules-explain")).style(theme::muted)].spacing(theme::SPACING);
        if self.rules.is_empty() {
            page = page.push(text(crate::fl!("rules-none")));
        }
        let list = self.rules.iter().enumerate().fold(Column::new().spacing(theme::PADDING), |list, (index, rule)| {
            list.push(container(self.rule_form(index, rule)).padding(theme::PADDING).style(theme::header_block))
        });
        page = page.push(list);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        page.push(
            row![
                button(text(crate::fl!("rules-add"))).on_press(Message::Add),
                button(text(crate::fl!("rules-save"))).on_press(Message::Save),
                button(text(crate::fl!("rules-cancel"))).on_press(Message::Cancel),
            ]
            .spacing(theme::SPACING),
        )
        .into()
    }

    fn rule_form<'a>(&'a self, index: usize, rule: &'a Rule) -> Element<'a, Message> {
        let mut when = row![
            text(crate::fl!("rules-when")),
            pick_list(FIELDS, Some(FieldChoice(rule.field)), move |choice| Message::Field(index, choice)),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        if rule.field == RuleField::Header {
            when = when.push(
                text_input(&crate::fl!("rules-header-name"), rule.header.as_deref().unwrap_or(""))
                    .on_input(move |name| Message::Header(index, name))
                    .width(Length::Fixed(160.0)),
            );
        }
        when = when.push(text(crate::fl!("rules-contains"))).push(
            text_input(&crate::fl!("rules-contains-placeholder"), &rule.contains)
                .on_input(move |value| Message::Contains(index, value))
                .width(Length::Fill),
        );
        let actions = row![
            text(crate::fl!("rules-move-to")),
            text_input(&crate::fl!("rules-folder-placeholder"), rule.move_to.as_deref().unwrap_or(""))
                .on_input(move |path| Message::MoveTo(index, path))
                .width(Length::Fixed(180.0)),
            checkbox(rule.mark_read)
                .label(crate::fl!("rules-mark-read"))
                .on_toggle(move |on| Message::MarkRead(index, on)),
            checkbox(rule.flag).label(crate::fl!("rules-flag")).on_toggle(move |on| Message::Flag(index, on)),
            checkbox(rule.delete).label(crate::fl!("rules-delete")).on_toggle(move |on| Message::Delete(index, on)),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let order = row![
            text_input(&crate::fl!("rules-name-placeholder"), &rule.name)
                .on_input(move |name| Message::Name(index, name))
                .width(Length::Fill),
            button(text(crate::fl!("rules-up"))).on_press_maybe((index > 0).then_some(Message::Up(index))),
            button(text(crate::fl!("rules-down")))
                .on_press_maybe((index + 1 < self.rules.len()).then_some(Message::Down(index))),
            button(text(crate::fl!("rules-remove"))).on_press(Message::Remove(index)),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        column![order, when, actions].spacing(theme::SPACING).into()
    }
}

/// The rule an edit is for.
fn index_of(message: &Message) -> Option<usize> {
    match message {
        Message::Name(i, _)
        | Message::Field(i, _)
        | Message::Header(i, _)
        | Message::Contains(i, _)
        | Message::MoveTo(i, _)
        | Message::MarkRead(i, _)
        | Message::Flag(i, _)
        | Message::Delete(i, _) => Some(*i),
        _ => None,
    }
}

fn apply(rule: &mut Rule, edit: Message) {
    match edit {
        Message::Name(_, name) => rule.name = name,
        Message::Field(_, FieldChoice(field)) => rule.field = field,
        Message::Header(_, name) => rule.header = Some(name),
        Message::Contains(_, value) => rule.contains = value,
        Message::MoveTo(_, path) => rule.move_to = Some(path),
        Message::MarkRead(_, on) => rule.mark_read = on,
        Message::Flag(_, on) => rule.flag = on,
        Message::Delete(_, on) => rule.delete = on,
        _ => {}
    }
}

/// A rule as it is saved: spaces around the typed values trimmed, empty optional values absent,
/// a header name only for a header rule.
fn tidy(mut rule: Rule) -> Rule {
    rule.name = rule.name.trim().to_string();
    rule.contains = rule.contains.trim().to_string();
    rule.move_to = rule.move_to.map(|path| path.trim().to_string()).filter(|path| !path.is_empty());
    rule.header = rule.header.map(|name| name.trim().to_string()).filter(|name| !name.is_empty());
    if rule.field != RuleField::Header {
        rule.header = None;
    }
    rule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> RulesEditor {
        RulesEditor::new(&AccountSettings::local("me@example.org", "Me"))
    }

    #[test]
    fn rules_are_added_edited_reordered_and_saved_tidy() {
        let mut editor = editor();
        editor.update(Message::Add);
        editor.update(Message::Contains(0, " billing@shop ".into()));
        editor.update(Message::MoveTo(0, " Bills ".into()));
        editor.update(Message::Add);
        editor.update(Message::Field(1, FieldChoice(RuleField::Header)));
        editor.update(Message::Header(1, "List-Id".into()));
        editor.update(Message::Contains(1, "dev.lists".into()));
        editor.update(Message::MarkRead(1, true));
        editor.update(Message::Up(1));
        let Some(Outcome::Save { email, rules }) = editor.update(Message::Save) else { panic!("no save") };
        assert_eq!(email, "me@example.org");
        assert_eq!(rules[0].header.as_deref(), Some("List-Id"));
        assert!(rules[0].mark_read);
        assert_eq!(rules[1].contains, "billing@shop");
        assert_eq!(rules[1].move_to.as_deref(), Some("Bills"));
        assert_eq!(rules[1].header, None);
        assert_eq!(crate::engine::api::check_rules(&rules), Ok(()));
    }

    #[test]
    fn edits_of_rules_that_are_gone_change_nothing() {
        let mut editor = editor();
        editor.update(Message::Contains(3, "x".into()));
        editor.update(Message::Remove(3));
        editor.update(Message::Down(0));
        editor.update(Message::Up(0));
        assert!(editor.rules().is_empty());
        assert_eq!(editor.update(Message::Cancel), Some(Outcome::Cancel));
    }

    #[test]
    fn a_refused_list_shows_the_sentence_until_the_next_edit() {
        let mut editor = editor();
        editor.failed("rule 1: say what to look for".into());
        assert!(editor.problem.is_some());
        editor.update(Message::Add);
        assert!(editor.problem.is_none());
    }
}
