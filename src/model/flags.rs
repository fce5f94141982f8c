//! Message flags: the five system flags of RFC 3501 2.3.2 as bits, plus keywords.

use serde::{Deserialize, Serialize};

/// System flags as a bitmask (stored as one integer column) and keywords (`$Forwarded`, `$Junk`,
/// user labels) in server spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags {
    pub bits: u8,
    pub keywords: Vec<String>,
}

impl Flags {
    pub const SEEN: u8 = 1;
    pub const ANSWERED: u8 = 2;
    pub const FLAGGED: u8 = 4;
    pub const DELETED: u8 = 8;
    pub const DRAFT: u8 = 16;

    const SYSTEM: [(u8, &'static str); 5] = [
        (Flags::SEEN, "\\Seen"),
        (Flags::ANSWERED, "\\Answered"),
        (Flags::FLAGGED, "\\Flagged"),
        (Flags::DELETED, "\\Deleted"),
        (Flags::DRAFT, "\\Draft"),
    ];

    pub fn has(&self, bit: u8) -> bool {
        self.bits & bit != 0
    }

    pub fn set(&mut self, bit: u8, on: bool) {
        if on { self.bits |= bit } else { self.bits &= !bit }
    }

    /// Parses server spellings (`\Seen`, `\seen`, `$Junk`); `\Recent` is session state, dropped.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Flags {
        let mut flags = Flags::default();
        for name in names {
            if let Some((bit, _)) = Flags::SYSTEM.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)) {
                flags.bits |= bit;
            } else if !name.starts_with('\\') && !name.is_empty() && !flags.keywords.iter().any(|k| k == name) {
                flags.keywords.push(name.to_string());
            }
        }
        flags.keywords.sort();
        flags
    }

    /// Server spellings: system flags first, then keywords.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> =
            Flags::SYSTEM.iter().filter(|(bit, _)| self.has(*bit)).map(|(_, n)| n.to_string()).collect();
        names.extend(self.keywords.iter().cloned());
        names
    }

    /// Keywords as stored: space-separated (IMAP atoms cannot contain spaces).
    pub fn keywords_text(&self) -> String {
        self.keywords.join(" ")
    }

    pub fn from_stored(bits: i64, keywords: &str) -> Flags {
        let mut list: Vec<String> = keywords.split_whitespace().map(str::to_string).collect();
        list.sort();
        Flags { bits: (bits & 0x1f) as u8, keywords: list }
    }
}

/// One system flag the user can set or clear (RFC 3501 2.3.2), typed so a bare number never
/// travels between the window and the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
}

impl Flag {
    /// Its bit in [`Flags::bits`].
    pub fn bit(self) -> u8 {
        match self {
            Flag::Seen => Flags::SEEN,
            Flag::Answered => Flags::ANSWERED,
            Flag::Flagged => Flags::FLAGGED,
            Flag::Deleted => Flags::DELETED,
            Flag::Draft => Flags::DRAFT,
        }
    }
}

impl Flags {
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.has(flag.bit())
    }

    pub fn set_flag(&mut self, flag: Flag, on: bool) {
        self.set(flag.bit(), on);
    }
}

/// What a folder is for (RFC 6154 special use, or INBOX).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FolderRole {
    Inbox,
    Sent,
    Drafts,
    Trash,
    Junk,
    Archive,
}

impl FolderRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FolderRole::Inbox => "inbox",
            FolderRole::Sent => "sent",
            FolderRole::Drafts => "drafts",
            FolderRole::Trash => "trash",
            FolderRole::Junk => "junk",
            FolderRole::Archive => "archive",
        }
    }

    pub fn parse(text: &str) -> Option<FolderRole> {
        Some(match text {
            "inbox" => FolderRole::Inbox,
            "sent" => FolderRole::Sent,
            "drafts" => FolderRole::Drafts,
            "trash" => FolderRole::Trash,
            "junk" => FolderRole::Junk,
            "archive" => FolderRole::Archive,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_parse_case_insensitively_and_drop_recent() {
        let flags = Flags::from_names(["\\seen", "\\Recent", "$Junk", "\\FLAGGED", "$Junk"]);
        assert!(flags.has(Flags::SEEN) && flags.has(Flags::FLAGGED) && !flags.has(Flags::DELETED));
        assert_eq!(flags.keywords, vec!["$Junk".to_string()]);
        assert_eq!(flags.names(), vec!["\\Seen", "\\Flagged", "$Junk"]);
        assert_eq!(Flags::from_stored(flags.bits.into(), &flags.keywords_text()), flags);
    }
}
