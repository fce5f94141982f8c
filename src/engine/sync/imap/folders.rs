//! LIST (RFC 3501 6.3.8) to folder records: decoded names (modified UTF-7, RFC 3501 5.1.3), the
//! hierarchy delimiter as the server reports it, `\Noselect`, and roles from SPECIAL-USE
//! (RFC 6154) or, for servers without it (Yandex, Courier), from well-known names.

use super::SyncError;
use crate::engine::protocol::imap::ImapSession;
use crate::engine::protocol::imap::namespace::Personal;
use crate::engine::store::FolderRecord;
use crate::model::FolderRole;
use async_imap::types::NameAttribute;
use futures::TryStreamExt;

/// Every folder, with paths relative to the personal namespace (`personal`, from NAMESPACE;
/// for a server without it, read from the names listed).
pub async fn list(session: &mut ImapSession, personal: Option<&Personal>) -> Result<Vec<FolderRecord>, SyncError> {
    // A few thousand folders at most: a megabyte of LIST is a fair allowance.
    let names: Vec<_> = super::timed(crate::engine::protocol::deadline::for_bytes(1024 * 1024), async {
        session.list(Some(""), Some("*")).await?.try_collect().await
    })
    .await?;
    let personal = match personal {
        Some(personal) => personal.clone(),
        None => Personal::inferred(names.iter().map(|name| (name.name(), name.delimiter()))),
    };
    let mut records: Vec<FolderRecord> =
        names.iter().map(|name| record(&personal, name.name(), name.delimiter(), name.attributes())).collect();
    // Every server has an INBOX (RFC 3501 5.1): a list without it was not understood.
    if !records.iter().any(|f| f.role == Some(FolderRole::Inbox)) {
        return Err(SyncError::Session("the folder list has no INBOX".into()));
    }
    records.sort_by(|a, b| a.path.cmp(&b.path));
    records.dedup_by(|a, b| a.path == b.path);
    Ok(records)
}

pub(super) fn record(
    personal: &Personal,
    raw: &str,
    delimiter: Option<&str>,
    attributes: &[NameAttribute<'_>],
) -> FolderRecord {
    let path = personal.shown(raw, delimiter);
    let selectable = !attributes.iter().any(|a| matches!(a, NameAttribute::NoSelect));
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
    } else if !selectable {
        // A \Noselect name (Courier's implicitly made parent `INBOX.Archive` of
        // `INBOX.Archive.2024`) holds no messages: it never takes a role, so nothing is moved there.
        None
    } else {
        special.or_else(|| role_by_name(&path))
    };
    FolderRecord { path, raw_name: raw.to_string(), delimiter: delimiter.map(str::to_string), role, selectable }
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
        let ns = Personal::default();
        let sent = record(&ns, "Sent Items", Some("/"), &[]);
        assert_eq!(sent.role, Some(FolderRole::Sent));
        let junk = record(&ns, "Whatever", Some("/"), &[NameAttribute::Junk]);
        assert_eq!(junk.role, Some(FolderRole::Junk));
        let inbox = record(&ns, "inbox", Some("/"), &[]);
        assert_eq!((inbox.role, inbox.path.as_str()), (Some(FolderRole::Inbox), "INBOX"));
        assert_eq!(role_by_name("INBOX/Отправленные"), Some(FolderRole::Sent));
        assert_eq!(role_by_name("Спам"), Some(FolderRole::Junk));
        assert_eq!(role_by_name("Projects/Sent"), None);
    }

    #[test]
    fn names_are_decoded_and_shown_relative_to_the_namespace() {
        let ns = Personal { prefix: "INBOX.".into(), delimiter: ".".into() };
        let folder = record(&ns, "INBOX.&BB4EQgRHBFEEQgRL-.2026", Some("."), &[]);
        assert_eq!(folder.path, "Отчёты/2026");
        assert_eq!(folder.raw_name, "INBOX.&BB4EQgRHBFEEQgRL-.2026");
        assert!(folder.selectable);
        let trash = record(&ns, "INBOX.Trash", Some("."), &[]);
        assert_eq!((trash.path.as_str(), trash.role), ("Trash", Some(FolderRole::Trash)));
        let flat = record(&Personal::default(), "INBOX.&BB4EQgRHBFEEQgRL-", Some("."), &[]);
        assert_eq!(flat.path, "INBOX/Отчёты");
    }

    /// Gmail's layout (Google's "IMAP Extensions" page, X-GM-EXT-1): the `[Gmail]` parent is
    /// \Noselect; special folders carry SPECIAL-USE attributes; All Mail (`\All`) is no role of
    /// ours (it holds every message again: it must not become Archive or Trash).
    #[test]
    fn gmail_folders_take_roles_from_attributes_and_all_mail_takes_none() {
        let ns = Personal::default();
        let parent = record(&ns, "[Gmail]", Some("/"), &[NameAttribute::NoSelect]);
        assert_eq!((parent.role, parent.selectable), (None, false));
        let sent = record(&ns, "[Gmail]/Sent Mail", Some("/"), &[NameAttribute::Sent]);
        assert_eq!((sent.path.as_str(), sent.role), ("[Gmail]/Sent Mail", Some(FolderRole::Sent)));
        let all = record(&ns, "[Gmail]/All Mail", Some("/"), &[NameAttribute::All]);
        assert_eq!(all.role, None);
        let bin = record(&ns, "[Gmail]/Bin", Some("/"), &[NameAttribute::Trash]);
        assert_eq!(bin.role, Some(FolderRole::Trash));
    }

    /// Russian providers without SPECIAL-USE name their folders in Russian (modified UTF-7 on the
    /// wire): the names alone give the roles.
    #[test]
    fn russian_folder_names_give_roles_without_special_use() {
        let ns = Personal::default();
        let names = [
            ("&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-", FolderRole::Sent),
            ("&BCcENQRABD0EPgQyBDgEOgQ4-", FolderRole::Drafts),
            ("&BBoEPgRABDcEOAQ9BDA-", FolderRole::Trash),
            ("&BCEEPwQwBDw-", FolderRole::Junk),
        ];
        for (raw, role) in names {
            let folder = record(&ns, raw, Some("/"), &[]);
            assert_eq!(folder.role, Some(role), "{} ({raw})", folder.path);
        }
        let inside = Personal { prefix: "INBOX.".into(), delimiter: ".".into() };
        let folder = record(&inside, "INBOX.&BBoEPgRABDcEOAQ9BDA-", Some("."), &[]);
        assert_eq!((folder.path.as_str(), folder.role), ("Корзина", Some(FolderRole::Trash)));
    }

    #[test]
    fn a_noselect_folder_never_takes_a_role() {
        let ns = Personal { prefix: "INBOX.".into(), delimiter: ".".into() };
        let parent = record(&ns, "INBOX.Archive", Some("."), &[NameAttribute::NoSelect]);
        assert_eq!((parent.path.as_str(), parent.role, parent.selectable), ("Archive", None, false));
        let marked = record(&ns, "INBOX.Junk", Some("."), &[NameAttribute::NoSelect, NameAttribute::Junk]);
        assert_eq!(marked.role, None);
    }
}
