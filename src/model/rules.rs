//! Rules (filters) that sort incoming mail, as the user writes them in `accounts.toml`:
//! `[[account.rules]]` with `field`, `contains` and the actions. Plain data; matching is the
//! engine's (`engine::rules`).

use serde::{Deserialize, Serialize};

/// What part of a message a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleField {
    /// The sender's name and address.
    From,
    /// The To and Cc recipients.
    To,
    Subject,
    /// The header named in [`Rule::header`] ("List-Id", "X-Spam-Flag").
    Header,
}

/// "When `field` contains `contains` (ignoring case), do the actions."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub field: RuleField,
    /// The header's name when `field = "header"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    pub contains: String,
    /// Folder path to move the message to (created for local accounts if missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mark_read: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flag: bool,
    /// Delete on arrival: to Trash, like the user's own delete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub delete: bool,
}
