//! How the rules screen looks: the list of rules, each a block with the handle it is dragged by,
//! its name, on/off switch and order buttons, its conditions one to a line, and its actions; the sentence of a refused list;
//! the "Run now" panel; Add, Save and Cancel.

use super::{ConditionEdit, DragEvent, Message, RuleEdit, RulesEditor};
use crate::model::{Condition, Rule, RuleField, RuleTest};
use crate::ui::icons::{self, Icon, icon};
use crate::ui::theme;

/// As wide as the other forms can grow, and wider: a condition takes a line of four fields.
const FORM_MAX_WIDTH: f32 = 1100.0;
use iced::widget::{
    Column, button, checkbox, column, container, mouse_area, pick_list, row, scrollable, space, text, text_input,
};
use iced::{Alignment, Element, Length, mouse};

/// The height of the line that shows where a dragged rule will land.
const DROP_LINE: f32 = 3.0;

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

/// A test as the pick list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestChoice(pub RuleTest);

impl std::fmt::Display for TestChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let label = match self.0 {
            RuleTest::Contains => crate::fl!("rules-contains"),
            RuleTest::Is => crate::fl!("rules-test-is"),
            RuleTest::StartsWith => crate::fl!("rules-test-starts-with"),
            RuleTest::Matches => crate::fl!("rules-test-matches"),
        };
        f.write_str(&label)
    }
}

const TESTS: [TestChoice; 4] = [
    TestChoice(RuleTest::Contains),
    TestChoice(RuleTest::Is),
    TestChoice(RuleTest::StartsWith),
    TestChoice(RuleTest::Matches),
];

/// "all" or "any" of the conditions (true: any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchChoice(pub bool);

impl std::fmt::Display for MatchChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&if self.0 { crate::fl!("rules-match-any") } else { crate::fl!("rules-match-all") })
    }
}

const MATCHES: [MatchChoice; 2] = [MatchChoice(false), MatchChoice(true)];

impl RulesEditor {
    /// The whole screen: the rules scroll between the title and the bar of buttons, which, with
    /// a refused list's sentence and "Run now", stays in view however long the list grows.
    pub fn view(&self) -> Element<'_, Message> {
        let title = text(crate::fl!("rules-title", email = self.email.as_str())).size(theme::TITLE_SIZE);
        let mut list = Column::new();
        if self.rules.is_empty() {
            list = list.push(text(crate::fl!("rules-none")));
        }
        let (dragging, slot) = (self.drag.is_some(), self.drop_slot());
        for (index, rule) in self.rules.iter().enumerate() {
            let held = self.drag.is_some_and(|drag| drag.from == index);
            let style = if held { theme::dragged_block } else { theme::header_block };
            let block = container(self.rule_form(index, rule)).padding(theme::PADDING).style(style);
            // Every block is a mouse area at all times (its fields keep their state when a drag
            // starts); only during a drag does the pointer over it say where the rule would go.
            let mut block = mouse_area(block);
            if dragging {
                block = block.on_move(move |_| Message::Drag(DragEvent::Over(index)));
            }
            list = list.push(drop_gap(slot == Some(index))).push(block);
        }
        if !self.rules.is_empty() {
            list = list.push(drop_gap(slot == Some(self.rules.len())));
        }
        let mut page = column![
            title,
            text(crate::fl!("rules-explain")).style(theme::muted),
            scrollable(container(list).padding(iced::Padding::ZERO.right(theme::PADDING)))
                .spacing(2)
                .height(Length::Fill),
        ]
        .spacing(theme::SPACING);
        if let Some(problem) = &self.problem {
            page = page.push(container(text(problem.clone())).padding(theme::PADDING).style(theme::notice));
        }
        let buttons = row![
            button(text(crate::fl!("rules-add"))).on_press(Message::Add),
            button(text(crate::fl!("rules-save"))).on_press(Message::Save),
            button(text(crate::fl!("rules-cancel"))).on_press(Message::Cancel),
        ]
        .spacing(theme::SPACING);
        let page = page.push(buttons).push(self.run.view().map(Message::Run));
        let page =
            container(page).padding(theme::PADDING).width(Length::Fill).max_width(FORM_MAX_WIDTH).height(Length::Fill);
        // The release anywhere on the screen ends a drag; leaving the screen (where the release
        // would go unseen) gives it up.
        let mut screen = mouse_area(page);
        if dragging {
            screen = screen
                .on_release(Message::Drag(DragEvent::Drop))
                .on_exit(Message::Drag(DragEvent::Cancel))
                .interaction(mouse::Interaction::Grabbing);
        }
        screen.into()
    }

    fn rule_form<'a>(&'a self, index: usize, rule: &'a Rule) -> Element<'a, Message> {
        let edit = move |edit: RuleEdit| Message::Rule(index, edit);
        let handle = mouse_area(container(icon(Icon::DragHandle, theme::ICON_SIZE)).padding([0.0, theme::SPACE_XS]))
            .on_press(Message::Drag(DragEvent::Start(index)))
            .interaction(mouse::Interaction::Grab);
        let heading = row![
            icons::with_tooltip(handle, crate::fl!("rules-drag-handle")),
            checkbox(rule.enabled).label(crate::fl!("rules-enabled")).on_toggle(move |on| edit(RuleEdit::Enabled(on))),
            text_input(&crate::fl!("rules-name-placeholder"), &rule.name)
                .id(field_id(index, "name"))
                .on_input(move |name| edit(RuleEdit::Name(name)))
                .width(Length::Fill),
            button(text(crate::fl!("rules-up"))).on_press_maybe((index > 0).then_some(edit(RuleEdit::Up))),
            button(text(crate::fl!("rules-down")))
                .on_press_maybe((index + 1 < self.rules.len()).then_some(edit(RuleEdit::Down))),
            button(text(crate::fl!("rules-remove"))).on_press(edit(RuleEdit::Remove)),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let when = row![
            text(crate::fl!("rules-when")),
            pick_list(MATCHES, Some(MatchChoice(rule.match_any)), move |choice| edit(RuleEdit::Match(choice))),
            text(crate::fl!("rules-of-these")),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let conditions =
            rule.conditions.iter().enumerate().fold(Column::new().spacing(theme::SPACING), |list, (at, c)| {
                list.push(condition_form(index, at, c, rule.conditions.len() > 1))
            });
        let add_condition = button(text(crate::fl!("rules-add-condition"))).on_press(Message::AddCondition(index));
        let folder = |placeholder: String, id: &str, value: &'a Option<String>, make: fn(String) -> RuleEdit| {
            text_input(&placeholder, value.as_deref().unwrap_or(""))
                .id(field_id(index, id))
                .on_input(move |path| edit(make(path)))
                .width(Length::Fixed(170.0))
        };
        let labelled = |label: String, field: iced::widget::TextInput<'a, Message>| {
            row![text(label), field].spacing(theme::SPACING).align_y(Alignment::Center)
        };
        let moves = row![
            labelled(
                crate::fl!("rules-move-to"),
                folder(crate::fl!("rules-folder-placeholder"), "move-to", &rule.move_to, RuleEdit::MoveTo)
            ),
            labelled(
                crate::fl!("rules-copy-to"),
                folder(crate::fl!("rules-folder-placeholder"), "copy-to", &rule.copy_to, RuleEdit::CopyTo)
            ),
            labelled(
                crate::fl!("rules-tag"),
                folder(crate::fl!("rules-tag-placeholder"), "tag", &rule.tag, RuleEdit::Tag)
            ),
        ]
        .spacing(theme::SPACING)
        .wrap()
        .vertical_spacing(theme::SPACING);
        let marks = row![
            checkbox(rule.mark_read)
                .label(crate::fl!("rules-mark-read"))
                .on_toggle(move |on| edit(RuleEdit::MarkRead(on))),
            checkbox(rule.flag).label(crate::fl!("rules-flag")).on_toggle(move |on| edit(RuleEdit::Flag(on))),
            checkbox(rule.delete).label(crate::fl!("rules-delete")).on_toggle(move |on| edit(RuleEdit::Delete(on))),
            checkbox(rule.stop).label(crate::fl!("rules-stop")).on_toggle(move |on| edit(RuleEdit::Stop(on))),
        ]
        .spacing(theme::SPACING)
        .wrap()
        .vertical_spacing(theme::SPACING);
        column![heading, when, conditions, add_condition, text(crate::fl!("rules-then")), moves, marks]
            .spacing(theme::SPACING)
            .into()
    }
}

/// The room between two rules; the line in it when a dragged rule would land there.
fn drop_gap<'a>(marked: bool) -> Element<'a, Message> {
    if !marked {
        return space().height(theme::PADDING).into();
    }
    let line = container(space()).width(Length::Fill).height(DROP_LINE).style(theme::drop_marker);
    container(line).id(drop_marker_id()).width(Length::Fill).center_y(theme::PADDING).into()
}

/// The id of the line that shows where a dragged rule will land (for tests).
pub fn drop_marker_id() -> iced::widget::Id {
    iced::widget::Id::new("rules-drop-marker")
}

/// One condition on a line: field, header name (for a header), test, value, and Remove when
/// the rule has another condition left.
fn condition_form(index: usize, at: usize, condition: &Condition, removable: bool) -> Element<'_, Message> {
    let edit = move |edit: ConditionEdit| Message::Condition(index, at, edit);
    let mut line = row![pick_list(FIELDS, Some(FieldChoice(condition.field)), move |c| edit(ConditionEdit::Field(c)))]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
    if condition.field == RuleField::Header {
        line = line.push(
            text_input(&crate::fl!("rules-header-name"), condition.header.as_deref().unwrap_or(""))
                .id(field_id(index, &format!("header-{at}")))
                .on_input(move |name| edit(ConditionEdit::Header(name)))
                .width(Length::FillPortion(1)),
        );
    }
    let placeholder = match condition.test {
        RuleTest::Matches => crate::fl!("rules-pattern-placeholder"),
        _ => crate::fl!("rules-contains-placeholder"),
    };
    line = line.push(pick_list(TESTS, Some(TestChoice(condition.test)), move |c| edit(ConditionEdit::Test(c)))).push(
        text_input(&placeholder, &condition.value)
            .id(field_id(index, &format!("value-{at}")))
            .on_input(move |v| edit(ConditionEdit::Value(v)))
            .width(Length::FillPortion(2)),
    );
    if removable {
        let remove = button(icon(Icon::Close, theme::ICON_SIZE - 4.0))
            .style(theme::icon_button)
            .on_press(edit(ConditionEdit::Remove));
        line = line.push(icons::with_tooltip(remove, crate::fl!("rules-remove-condition")));
    }
    line.into()
}

/// The id of a rule's text field, for tests and focus: `rule-0-name`, `rule-0-value-1`,
/// `rule-0-header-1`, `rule-0-move-to`, `rule-0-copy-to`, `rule-0-tag`.
pub fn field_id(rule: usize, field: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("rule-{rule}-{field}"))
}
