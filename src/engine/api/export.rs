//! Exporting a message as an `.eml` file: the exact bytes the server or the archive gave (what
//! `pochta show ID --raw` prints), never re-encoded, so importing the file again gives the same
//! message. The file name comes from the subject, sanitised like a saved attachment's, and an
//! existing file is never overwritten ("Subject (2).eml" instead).

use super::attachments::write_new_file;
use super::{EngineError, EngineHandle};
use crate::model::MessageId;
use std::path::{Path, PathBuf};

/// Longest subject part of a file name, in characters: file systems allow 255 bytes, and a
/// Cyrillic character takes two.
const MAX_NAME_CHARS: usize = 100;

impl EngineHandle {
    /// Writes message `id`'s exact bytes under `to`: an existing folder gets a file named after
    /// the subject; anything else is taken as the file to write (in its folder, which must exist).
    /// Returns the path written. A message whose whole text is not cached is fetched first.
    pub async fn export_message(&self, id: MessageId, to: &Path) -> Result<PathBuf, EngineError> {
        let mut view = self.message(id)?;
        if !view.summary.has_body || view.raw.is_none() {
            view = self.open_message(id).await?;
        }
        let raw = view.raw.ok_or_else(|| EngineError::config(crate::fl!("error-export-not-cached", id = id.0)))?;
        let (folder, name) = if to.is_dir() {
            (to.to_path_buf(), eml_file_name(&view.summary.subject))
        } else {
            let folder = match to.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let name = to.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            (folder, name)
        };
        write_new_file(&folder, &name, &raw)
    }
}

/// "Re: отчёт 1/2" → "Re: отчёт 1_2.eml" (the writer's sanitiser then makes the colon "_"): one
/// line, no path separators (the sanitiser would keep only what follows the last one), at most
/// [`MAX_NAME_CHARS`] characters, "message.eml" when the subject is empty.
pub fn eml_file_name(subject: &str) -> String {
    let one_line = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let stem: String =
        one_line.chars().map(|c| if matches!(c, '/' | '\\') { '_' } else { c }).take(MAX_NAME_CHARS).collect();
    let stem = stem.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if stem.is_empty() { "message.eml".to_string() } else { format!("{stem}.eml") }
}

#[cfg(test)]
mod tests {
    use super::eml_file_name;

    #[test]
    fn file_names_come_from_the_subject_without_separators() {
        assert_eq!(eml_file_name("Re: отчёт 1/2"), "Re: отчёт 1_2.eml");
        assert_eq!(eml_file_name("  ../../etc/passwd "), "_.._etc_passwd.eml");
        assert_eq!(eml_file_name("two\r\n lines\tand tabs"), "two lines and tabs.eml");
        assert_eq!(eml_file_name(""), "message.eml");
        assert_eq!(eml_file_name("..."), "message.eml");
        assert_eq!(eml_file_name(&"я".repeat(300)).chars().count(), 104);
    }

    #[test]
    fn a_subject_cannot_disguise_the_exported_file() {
        // What the writer makes of the name: no override, no device name.
        let named = |subject: &str| crate::engine::mime::sanitize_filename(&eml_file_name(subject));
        assert_eq!(named("invoice\u{202E}lmth.eml"), "invoicelmth.eml.eml");
        assert_eq!(named("report\u{200B}\u{2066}"), "report.eml");
        assert_eq!(named("LPT9"), "_LPT9.eml");
        assert_eq!(named("com7.txt"), "_com7.txt.eml");
    }
}
