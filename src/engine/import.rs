//! Reading mail archives for `pochta import`: mbox files (mboxo and mboxrd, Thunderbird's included),
//! Maildir folders and single `.eml` files. Each reader yields one message at a time, so memory stays bounded by the
//! largest message whatever the size of the archive. Parsing only: the import command files what
//! the readers yield into the store.

mod maildir;
mod mbox;

pub use maildir::MaildirReader;
pub use mbox::MboxReader;

use crate::model::Flags;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest message an import keeps in memory, as for POP3 downloads; a larger one is reported
/// (the import goes on with the next) rather than read.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// One message out of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMessage {
    /// The message as RFC 5322 wants it: lines end in CRLF; the archive's own framing (mbox
    /// "From " line and quoting) removed.
    pub raw: Vec<u8>,
    /// What the archive recorded: Thunderbird's and mutt's status headers, Maildir's info suffix.
    pub flags: Flags,
    /// When the message arrived (Unix seconds, UTC), from the archive's framing: the mbox
    /// "From " line or the Maildir file name. The Date header stays in `raw`; the store prefers
    /// it and falls back to this (`coalesce(date, received_at)`), and an IMAP upload sends this
    /// as the internal date.
    pub received_at: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    NotMbox {
        path: PathBuf,
    },
    NotMaildir {
        path: PathBuf,
    },
    TooLarge {
        path: PathBuf,
        index: usize,
        limit: usize,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ImportError::Io { path, source } => {
                crate::fl!("error-import-read", path = path.display().to_string(), detail = source.to_string())
            }
            ImportError::NotMbox { path } => crate::fl!("error-import-not-mbox", path = path.display().to_string()),
            ImportError::NotMaildir { path } => {
                crate::fl!("error-import-not-maildir", path = path.display().to_string())
            }
            ImportError::TooLarge { path, index, limit } => crate::fl!(
                "error-import-too-large",
                index = index.to_string(),
                path = path.display().to_string(),
                limit = limit.to_string()
            ),
        };
        f.write_str(&text)
    }
}

/// One message saved in a file of its own (`.eml`). The bytes are kept exactly as they are, so
/// an exported message comes back identical; only a file with no CRLF at all (written by a Unix
/// tool) gets CRLF line ends, as messages from other archives do.
pub fn read_eml(path: &Path) -> Result<ImportedMessage, ImportError> {
    read_eml_with_limit(path, MAX_MESSAGE)
}

pub fn read_eml_with_limit(path: &Path, max_message: usize) -> Result<ImportedMessage, ImportError> {
    let io_error = |source| ImportError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut raw = Vec::new();
    // One byte past the limit tells "too large" from "exactly the limit" without reading it all.
    file.take(max_message as u64 + 1).read_to_end(&mut raw).map_err(io_error)?;
    if raw.len() > max_message {
        return Err(ImportError::TooLarge { path: path.to_path_buf(), index: 1, limit: max_message });
    }
    if !raw.windows(2).any(|pair| pair == b"\r\n") {
        raw = to_crlf(&raw);
    }
    Ok(ImportedMessage { raw, flags: Flags::default(), received_at: None })
}

/// Line endings made CRLF (archives on Unix store bare LF); existing CRLFs are kept.
fn to_crlf(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 32);
    let mut previous = 0u8;
    for &byte in data {
        if byte == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(byte);
        previous = byte;
    }
    out
}

/// Values of the header `name` in the header section of `raw` (up to the first empty line).
/// Folded continuation lines are not joined: the status headers read here are one line each.
fn header_values<'a>(raw: &'a [u8], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    raw.split(|&byte| byte == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .take_while(|line| !line.is_empty())
        .filter_map(move |line| {
            let colon = line.iter().position(|&byte| byte == b':')?;
            let (field, value) = (line.get(..colon)?, line.get(colon + 1..)?);
            let field = std::str::from_utf8(field).ok()?;
            if field.eq_ignore_ascii_case(name) { std::str::from_utf8(value).ok().map(str::trim) } else { None }
        })
}

#[cfg(test)]
mod tests;
