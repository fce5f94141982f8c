//! Maildir folders (the qmail layout, as Dovecot, mutt and offlineimap keep them): one file per
//! message in `new/` (not yet seen by a client) or `cur/`; `tmp/` holds deliveries in progress
//! and is never read. A file name is `TIME.UNIQUE.HOST[:2,FLAGS]`: the delivery time in Unix
//! seconds, and in the info suffix the flags as letters (P passed, R replied, S seen, T trashed,
//! D draft, F flagged) plus Dovecot's keyword letters a-z, named in the `dovecot-keywords` file.

use super::{ImportError, ImportedMessage, MAX_MESSAGE, to_crlf};
use crate::model::Flags;
use std::io::Read;
use std::path::{Path, PathBuf};

const INFO_FLAGS: [(char, u8); 5] =
    [('R', Flags::ANSWERED), ('S', Flags::SEEN), ('T', Flags::DELETED), ('D', Flags::DRAFT), ('F', Flags::FLAGGED)];
/// `dovecot-keywords` is a short list; anything longer is not one.
const MAX_KEYWORDS_FILE: u64 = 64 * 1024;

/// Reads a Maildir one message at a time, oldest delivery first.
pub struct MaildirReader {
    files: std::vec::IntoIter<MessageFile>,
    /// Dovecot's keyword names by letter (`a` = 0).
    keywords: Vec<Option<String>>,
    max_message: usize,
    index: usize,
}

struct MessageFile {
    path: PathBuf,
    name: String,
    delivered_at: Option<i64>,
}

impl MaildirReader {
    /// Lists `cur/` and `new/` (names only: the messages are read one by one later).
    pub fn open(dir: &Path) -> Result<MaildirReader, ImportError> {
        MaildirReader::with_limit(dir, MAX_MESSAGE)
    }

    pub fn with_limit(dir: &Path, max_message: usize) -> Result<MaildirReader, ImportError> {
        let subdirs: Vec<PathBuf> = ["cur", "new"].iter().map(|sub| dir.join(sub)).filter(|p| p.is_dir()).collect();
        if subdirs.is_empty() {
            return Err(ImportError::NotMaildir { path: dir.to_path_buf() });
        }
        let mut files = Vec::new();
        for subdir in subdirs {
            let io_error = |source| ImportError::Io { path: subdir.clone(), source };
            for entry in std::fs::read_dir(&subdir).map_err(io_error)? {
                let entry = entry.map_err(io_error)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                // Dot files are editors' and file managers' leftovers, never messages.
                if name.starts_with('.') || !entry.file_type().map_err(io_error)?.is_file() {
                    continue;
                }
                let delivered_at = name_timestamp(&name);
                files.push(MessageFile { path: entry.path(), name, delivered_at });
            }
        }
        files.sort_by(|a, b| (a.delivered_at, &a.name).cmp(&(b.delivered_at, &b.name)));
        Ok(MaildirReader {
            files: files.into_iter(),
            keywords: read_keywords(&dir.join("dovecot-keywords")),
            max_message,
            index: 0,
        })
    }

    fn read(&self, file: &MessageFile) -> Result<ImportedMessage, ImportError> {
        let io_error = |source| ImportError::Io { path: file.path.clone(), source };
        let handle = std::fs::File::open(&file.path).map_err(io_error)?;
        let metadata = handle.metadata().map_err(io_error)?;
        let too_large =
            || ImportError::TooLarge { path: file.path.clone(), index: self.index, limit: self.max_message };
        if metadata.len() > self.max_message as u64 {
            return Err(too_large());
        }
        // The file may grow between stat and read: never take more than the limit.
        let mut data = Vec::with_capacity(metadata.len() as usize);
        handle.take(self.max_message as u64 + 1).read_to_end(&mut data).map_err(io_error)?;
        if data.len() > self.max_message {
            return Err(too_large());
        }
        let modified = metadata.modified().ok().and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok());
        Ok(ImportedMessage {
            raw: to_crlf(&data),
            flags: self.info_flags(&file.name),
            // Dovecot keeps the received time in the file's mtime when a name has none.
            received_at: file.delivered_at.or(modified.map(|since| since.as_secs() as i64)),
        })
    }

    /// Flags from the `:2,` info suffix (`!2,` where `:` is not allowed in file names).
    fn info_flags(&self, name: &str) -> Flags {
        let Some((_, info)) = name.rsplit_once(":2,").or_else(|| name.rsplit_once("!2,")) else {
            return Flags::default();
        };
        let mut names: Vec<&str> = Vec::new();
        let mut flags = Flags::default();
        for letter in info.chars() {
            if let Some((_, bit)) = INFO_FLAGS.iter().find(|(l, _)| *l == letter) {
                flags.set(*bit, true);
            } else if letter == 'P' {
                names.push("$Forwarded");
            } else if letter.is_ascii_lowercase() {
                let slot = (letter as u8 - b'a') as usize;
                if let Some(Some(keyword)) = self.keywords.get(slot) {
                    names.push(keyword);
                }
            }
        }
        Flags { keywords: Flags::from_names(names).keywords, ..flags }
    }
}

impl Iterator for MaildirReader {
    type Item = Result<ImportedMessage, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let file = self.files.next()?;
        self.index += 1;
        Some(self.read(&file))
    }
}

/// The delivery time that starts a Maildir file name ("1790000000.M20P7.host:2,S").
fn name_timestamp(name: &str) -> Option<i64> {
    let digits = name.split('.').next()?;
    let seconds: i64 = digits.parse().ok()?;
    // 1990..2200: anything else is not a timestamp but some other naming scheme.
    (631_152_000..7_258_118_400).contains(&seconds).then_some(seconds)
}

/// Dovecot's `dovecot-keywords`: lines "0 $Forwarded", "1 project-x"; index n is letter a+n.
fn read_keywords(path: &Path) -> Vec<Option<String>> {
    let mut text = String::new();
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    if file.take(MAX_KEYWORDS_FILE).read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let mut keywords = vec![None; 26];
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(index), Some(name)) = (parts.next().and_then(|n| n.parse::<usize>().ok()), parts.next()) else {
            continue;
        };
        if let Some(slot) = keywords.get_mut(index) {
            *slot = Some(name.to_string());
        }
    }
    keywords
}
