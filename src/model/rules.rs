//! Rules (filters) that sort mail, as `accounts.toml` keeps them: `[[account.rules]]` with a
//! name, conditions (`[[account.rules.conditions]]`: a field, a test and a value; all of them or
//! any one), and the actions. Plain data; matching is the engine's (`engine::rules`). Files
//! written before conditions existed (`field` and `contains` on the rule itself) still load, as a
//! rule with that one "contains" condition.

use serde::{Deserialize, Serialize};

/// What part of a message a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleField {
    /// The sender's name and address.
    From,
    /// The To and Cc recipients.
    To,
    Subject,
    /// The header named in [`Condition::header`] ("List-Id", "X-Spam-Flag").
    Header,
}

/// How a condition compares, always ignoring case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleTest {
    #[default]
    Contains,
    /// The whole value (for From and To/Cc: a name or an address).
    Is,
    StartsWith,
    /// A wildcard pattern over the whole value: `*` any run of characters, `?` one character
    /// (`*@*.example.org`, `Invoice ??? *`). A glob, not a regular expression: a person can read
    /// it and it cannot blow up.
    Matches,
}

/// "`field` (or the header named `header`) `test` `value`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: RuleField,
    /// The header's name when `field = "header"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    #[serde(default, skip_serializing_if = "is_contains")]
    pub test: RuleTest,
    pub value: String,
}

impl Condition {
    pub fn new(field: RuleField, test: RuleTest, value: impl Into<String>) -> Condition {
        Condition { field, header: None, test, value: value.into() }
    }

    /// A test on the header named `name`.
    pub fn header(name: impl Into<String>, test: RuleTest, value: impl Into<String>) -> Condition {
        Condition { field: RuleField::Header, header: Some(name.into()), test, value: value.into() }
    }
}

/// "When all (or any) of the conditions hold, do the actions"; rules run in their order, and one
/// with `stop` keeps the rules after it from running on that letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredRule")]
pub struct Rule {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// A disabled rule stays in the list and does nothing.
    #[serde(skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Any one condition is enough (otherwise all of them must hold).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub match_any: bool,
    /// Folder path to move the message to (created for local accounts if missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// Folder path to put a copy in (the letter itself stays, or moves by `move_to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_to: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mark_read: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub flag: bool,
    /// A tag: an IMAP keyword (RFC 3501 §2.3.2) set on the letter, which other clients see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Delete: to Trash, like the user's own delete.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub delete: bool,
    /// The rules after this one do not run on a letter it matched.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stop: bool,
    pub conditions: Vec<Condition>,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule {
            name: String::new(),
            enabled: true,
            match_any: false,
            move_to: None,
            copy_to: None,
            mark_read: false,
            flag: false,
            tag: None,
            delete: false,
            stop: false,
            conditions: Vec::new(),
        }
    }
}

impl Rule {
    /// An enabled rule with one condition and no action yet.
    pub fn when(condition: Condition) -> Rule {
        Rule { conditions: vec![condition], ..Rule::default() }
    }
}

/// A rule as it may be written in the file, old form included.
#[derive(Deserialize)]
struct StoredRule {
    #[serde(default)]
    name: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    match_any: bool,
    #[serde(default)]
    conditions: Vec<Condition>,
    // The first form: one "contains" test on the rule itself.
    field: Option<RuleField>,
    header: Option<String>,
    contains: Option<String>,
    #[serde(default)]
    move_to: Option<String>,
    #[serde(default)]
    copy_to: Option<String>,
    #[serde(default)]
    mark_read: bool,
    #[serde(default)]
    flag: bool,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    delete: bool,
    #[serde(default)]
    stop: bool,
}

impl From<StoredRule> for Rule {
    fn from(stored: StoredRule) -> Rule {
        let mut conditions = stored.conditions;
        if let (Some(field), Some(value)) = (stored.field, stored.contains) {
            conditions.insert(0, Condition { field, header: stored.header, test: RuleTest::Contains, value });
        }
        Rule {
            name: stored.name,
            enabled: stored.enabled,
            match_any: stored.match_any,
            move_to: stored.move_to,
            copy_to: stored.copy_to,
            mark_read: stored.mark_read,
            flag: stored.flag,
            tag: stored.tag,
            delete: stored.delete,
            stop: stored.stop,
            conditions,
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_contains(test: &RuleTest) -> bool {
    *test == RuleTest::Contains
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct File {
        rules: Vec<Rule>,
    }

    #[test]
    fn a_rule_in_the_first_form_loads_as_one_contains_condition() {
        let file: File = toml::from_str(
            "[[rules]]\nfield = \"header\"\nheader = \"List-Id\"\ncontains = \"dev\"\nmove_to = \"Lists\"\n",
        )
        .unwrap();
        let expected = Rule {
            move_to: Some("Lists".into()),
            ..Rule::when(Condition::header("List-Id", RuleTest::Contains, "dev"))
        };
        assert_eq!(file.rules, vec![expected]);
    }

    #[test]
    fn rules_with_several_conditions_round_trip() {
        let rule = Rule {
            name: "Счета".into(),
            enabled: false,
            match_any: true,
            copy_to: Some("Архив".into()),
            tag: Some("$bills".into()),
            stop: true,
            conditions: vec![
                Condition::new(RuleField::From, RuleTest::Is, "billing@shop.example"),
                Condition::new(RuleField::Subject, RuleTest::Matches, "Счёт *"),
            ],
            ..Rule::default()
        };
        let text = toml::to_string(&File { rules: vec![rule.clone()] }).unwrap();
        let back: File = toml::from_str(&text).unwrap();
        assert_eq!(back.rules, vec![rule], "{text}");
    }
}
