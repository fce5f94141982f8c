//! LIST (RFC 3501 6.3.8) to folder records: decoded names (modified UTF-7, RFC 3501 5.1.3), the
//! hierarchy delimiter as the server reports it, `\Noselect`, and roles from SPECIAL-USE
//! (RFC 6154) or, for servers without it (Yandex, Courier), from well-known names.

use super::SyncError;
use crate::engine::protocol::imap::{ImapSession, utf7};
use crate::engine::store::FolderRecord;
use crate::model::FolderRole;
use async_imap::types::NameAttribute;
use futures::TryStreamExt;

pub async fn list(session: &mut ImapSession) -> Result<Vec<FolderRecord>, SyncError> {
    // A few thousand folders at most: a megabyte of LIST is a fair allowance.
    let names: Vec<_> = super::timed(crate::engine::protocol::deadline::for_bytes(1024 * 1024), async {
        session.list(Some(""), Some("*")).await?.try_collect().await
    })
    .await?;
    let mut records: Vec<FolderRecord> =
        names.iter().map(|name| record(name.name(), name.delimiter(), name.attributes())).collect::<Result<_, _>>()?;
    // Every server has an INBOX (RFC 3501 5.1): a list without it was not understood.
    if !records.iter().any(|f| f.role == Some(FolderRole::Inbox)) {
        return Err(SyncError::Session("the folder list has no INBOX".into()));
    }
    records.sort_by(|a, b| a.path.cmp(&b.path));
    records.dedup_by(|a, b| a.path == b.path);
    Ok(records)
}

fn record(raw: &str, delimiter: Option<&str>, attributes: &[NameAttribute<'_>]) -> Result<FolderRecord, SyncError> {
    let decoded = utf7::decode(raw).unwrap_or_else(|_| raw.to_string());
    let path = match delimiter {
        Some(d) if d != "/" && !d.is_empty() => decoded.replace(d, "/"),
        _ => decoded,
    };
    let special = attributes.iter().find_map(|a| match a {
        NameAttribute::Sent => Some(FolderRole::Sent),
        NameAttribute::Drafts => Some(FolderRole::Drafts),
        NameAttribute::Trash => Some(FolderRole::Trash),
        NameAttribute::Junk => Some(FolderRole::Junk),
        NameAttribute::Archive => Some(FolderRole::Archive),
        _ => None,
    });
    let role = if raw.eq_ignore_ascii_case("INBOX") {
        Some(FolderRole::Inbox)
    } else {
        special.or_else(|| role_by_name(&path))
    };
    Ok(FolderRecord {
        path: if raw.eq_ignore_ascii_case("INBOX") { "INBOX".into() } else { path },
        raw_name: raw.to_string(),
        delimiter: delimiter.map(str::to_string),
        role,
        selectable: !attributes.iter().any(|a| matches!(a, NameAttribute::NoSelect)),
    })
}

/// Well-known folder names (English, Russian, and the usual provider spellings), top level or
/// under an `INBOX` prefix (Cyrus, Courier).
pub fn role_by_name(path: &str) -> Option<FolderRole> {
    let name = path.strip_prefix("INBOX/").unwrap_or(path);
    if name.contains('/') {
        return None;
    }
    let lower = name.to_lowercase();
    const ROLES: &[(FolderRole, &[&str])] = &[
        (FolderRole::Sent, &["sent", "sent items", "sent messages", "sent mail", "отправленные"]),
        (FolderRole::Drafts, &["drafts", "draft", "черновики"]),
        (
            FolderRole::Trash,
            &["trash", "deleted", "deleted items", "deleted messages", "корзина", "удаленные", "удалённые"],
        ),
        (FolderRole::Junk, &["junk", "spam", "junk e-mail", "junk email", "bulk mail", "спам"]),
        (FolderRole::Archive, &["archive", "archives", "архив"]),
    ];
    ROLES.iter().find(|(_, names)| names.contains(&lower.as_str())).map(|(role, _)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_special_use_then_names() {
        let sent = record("Sent Items", Some("/"), &[]).unwrap();
        assert_eq!(sent.role, Some(FolderRole::Sent));
        let junk = record("Whatever", Some("/"), &[NameAttribute::Junk]).unwrap();
        assert_eq!(junk.role, Some(FolderRole::Junk));
        let inbox = record("inbox", Some("/"), &[]).unwrap();
        assert_eq!((inbox.role, inbox.path.as_str()), (Some(FolderRole::Inbox), "INBOX"));
        assert_eq!(role_by_name("INBOX/Отправленные"), Some(FolderRole::Sent));
        assert_eq!(role_by_name("Спам"), Some(FolderRole::Junk));
        assert_eq!(role_by_name("Projects/Sent"), None);
    }

    #[test]
    fn names_are_decoded_and_use_slash_paths() {
        let folder = record("INBOX.&BB4EQgRHBFEEQgRL-", Some("."), &[NameAttribute::NoSelect]).unwrap();
        assert_eq!(folder.path, "INBOX/Отчёты");
        assert_eq!(folder.raw_name, "INBOX.&BB4EQgRHBFEEQgRL-");
        assert!(!folder.selectable);
    }
}
