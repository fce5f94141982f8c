//! mbox files: messages one after another, each opened by a "From " line (the "From_" line,
//! RFC 4155). Writers escape body lines that would look like one: mboxo turns "From " into
//! ">From ", mboxrd also adds a ">" to lines already quoted (">From " → ">>From "). Reading
//! removes one ">" from any `>+From ` line, which restores mboxrd exactly and mboxo as well as
//! it can be. Thunderbird (mboxo) records flags in `X-Mozilla-Status` and labels in
//! `X-Mozilla-Keys`; mutt and Pine in `Status` and `X-Status`.

use super::{ImportError, ImportedMessage, MAX_MESSAGE, header_values};
use crate::model::Flags;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Thunderbird's `X-Mozilla-Status` bits (nsMsgMessageFlags): Read, Replied, Marked, Expunged.
const MOZILLA_FLAGS: [(u32, u8); 4] =
    [(0x0001, Flags::SEEN), (0x0002, Flags::ANSWERED), (0x0004, Flags::FLAGGED), (0x0008, Flags::DELETED)];
/// mutt's `X-Status` letters.
const X_STATUS_FLAGS: [(char, u8); 4] =
    [('A', Flags::ANSWERED), ('F', Flags::FLAGGED), ('D', Flags::DELETED), ('T', Flags::DRAFT)];

/// Reads an mbox one message at a time; memory holds one message and one line.
pub struct MboxReader<R> {
    input: R,
    path: PathBuf,
    max_message: usize,
    /// The current line, without anything past `max_message` bytes.
    line: Vec<u8>,
    line_cut: bool,
    /// The "From " line that opens the next message, once it has been read.
    next_separator: Option<Vec<u8>>,
    started: bool,
    finished: bool,
    index: usize,
}

impl MboxReader<BufReader<File>> {
    pub fn open(path: &Path) -> Result<Self, ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })?;
        Ok(MboxReader::new(BufReader::with_capacity(64 * 1024, file), path))
    }
}

impl<R: BufRead> MboxReader<R> {
    /// `path` names the archive in errors.
    pub fn new(input: R, path: &Path) -> Self {
        MboxReader::with_limit(input, path, MAX_MESSAGE)
    }

    pub fn with_limit(input: R, path: &Path, max_message: usize) -> Self {
        MboxReader {
            input,
            path: path.to_path_buf(),
            max_message,
            line: Vec::new(),
            line_cut: false,
            next_separator: None,
            started: false,
            finished: false,
            index: 0,
        }
    }

    /// Reads one line into `self.line`, keeping at most `max_message` bytes of it (the rest is
    /// consumed and dropped, `line_cut` set). False at the end of the input.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        self.line_cut = false;
        let mut read_any = false;
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                return Ok(read_any);
            }
            read_any = true;
            let (take, ends_line) = match buffer.iter().position(|&byte| byte == b'\n') {
                Some(newline) => (newline + 1, true),
                None => (buffer.len(), false),
            };
            let room = self.max_message.saturating_sub(self.line.len());
            self.line.extend_from_slice(buffer.get(..take.min(room)).unwrap_or_default());
            self.line_cut |= take > room;
            self.input.consume(take);
            if ends_line {
                return Ok(true);
            }
        }
    }

    fn io_error(&mut self, source: std::io::Error) -> ImportError {
        self.finished = true;
        ImportError::Io { path: self.path.clone(), source }
    }

    /// Skips blank lines at the start; the first other line must be a "From " line.
    fn find_first_separator(&mut self) -> Result<(), ImportError> {
        while self.read_line().map_err(|err| self.io_error(err))? {
            let content = without_line_end(&self.line);
            if content.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if is_separator(content) {
                self.next_separator = Some(self.line.clone());
                return Ok(());
            }
            self.finished = true;
            return Err(ImportError::NotMbox { path: self.path.clone() });
        }
        Ok(())
    }

    /// The lines up to the next separator (or the end): the message in CRLF, or None when it
    /// outgrew the limit.
    fn read_message(&mut self) -> Result<Option<Vec<u8>>, ImportError> {
        let mut raw = Vec::new();
        let mut too_large = false;
        let mut previous_blank = false;
        while self.read_line().map_err(|err| self.io_error(err))? {
            let content = without_line_end(&self.line);
            // A separator follows an empty line: writers put one between messages, and an
            // unescaped "From " inside a paragraph (a careless writer) stays part of the text.
            if previous_blank && is_separator(content) {
                self.next_separator = Some(self.line.clone());
                break;
            }
            previous_blank = content.is_empty();
            if too_large {
                continue;
            }
            let content = unquote_from(content);
            if self.line_cut || raw.len() + content.len() + 2 > self.max_message {
                too_large = true;
                raw = Vec::new();
                continue;
            }
            raw.extend_from_slice(content);
            raw.extend_from_slice(b"\r\n");
        }
        // The empty line before the next "From " line (or the end) is the mbox's, not the message's.
        if raw.ends_with(b"\r\n\r\n") {
            raw.truncate(raw.len() - 2);
        }
        Ok((!too_large).then_some(raw))
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = Result<ImportedMessage, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        if !self.started {
            self.started = true;
            if let Err(err) = self.find_first_separator() {
                return Some(Err(err));
            }
        }
        loop {
            let separator = self.next_separator.take()?;
            self.index += 1;
            let raw = match self.read_message() {
                Ok(Some(raw)) => raw,
                Ok(None) => {
                    let (path, index, limit) = (self.path.clone(), self.index, self.max_message);
                    return Some(Err(ImportError::TooLarge { path, index, limit }));
                }
                Err(err) => return Some(Err(err)),
            };
            // Two "From " lines in a row (an empty entry) hold no message.
            if raw.iter().all(u8::is_ascii_whitespace) {
                self.index -= 1;
                continue;
            }
            let flags = status_flags(&raw);
            let received_at = separator_date(without_line_end(&separator));
            return Some(Ok(ImportedMessage { raw, flags, received_at }));
        }
    }
}

fn without_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ") && line.len() > 5
}

/// mboxrd: `>From `, `>>From `... lose one `>`.
fn unquote_from(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|&&byte| byte == b'>').count();
    match line.get(quotes..) {
        Some(rest) if quotes > 0 && rest.starts_with(b"From ") => line.get(1..).unwrap_or(line),
        _ => line,
    }
}

/// Flags from Thunderbird's, mutt's and Pine's status headers, all combined.
fn status_flags(raw: &[u8]) -> Flags {
    let mut bits = 0u8;
    for value in header_values(raw, "X-Mozilla-Status") {
        let status = u32::from_str_radix(value, 16).unwrap_or(0);
        bits |= MOZILLA_FLAGS.iter().filter(|(mask, _)| status & mask != 0).fold(0, |all, (_, bit)| all | bit);
    }
    for value in header_values(raw, "Status") {
        // R: read. O ("old": listed before, not opened) is not \Seen.
        if value.contains('R') {
            bits |= Flags::SEEN;
        }
    }
    for value in header_values(raw, "X-Status") {
        bits |= X_STATUS_FLAGS.iter().filter(|(letter, _)| value.contains(*letter)).fold(0, |all, (_, bit)| all | bit);
    }
    let keywords: Vec<&str> = header_values(raw, "X-Mozilla-Keys").flat_map(str::split_whitespace).collect();
    Flags { bits, keywords: Flags::from_names(keywords).keywords }
}

/// The delivery time at the end of a From_ line: `From sender Mon Nov  2 10:15:00 2026`, asctime
/// format (RFC 4155), sometimes with a numeric zone after the year. Without a zone the time is
/// the delivering host's local time, unknown here, so it is read as UTC.
pub(super) fn separator_date(line: &[u8]) -> Option<i64> {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let text = std::str::from_utf8(line).ok()?;
    let words: Vec<&str> = text.split_whitespace().skip(1).take(64).collect();
    let start = words.iter().position(|word| WEEKDAYS.iter().any(|day| word.eq_ignore_ascii_case(day)))?;
    let [month, day, time, year, rest @ ..] = words.get(start + 1..)? else { return None };
    let month = MONTHS.iter().position(|name| month.eq_ignore_ascii_case(name))? as u32 + 1;
    let mut clock = time.split(':').map(str::parse::<u32>);
    let (hour, minute) = (clock.next()?.ok()?, clock.next()?.ok()?);
    let second = clock.next().transpose().ok()?.unwrap_or(0);
    let local = chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)?
        .and_hms_opt(hour, minute, second)?
        .and_utc()
        .timestamp();
    Some(local - rest.first().and_then(|zone| zone_offset(zone)).unwrap_or(0))
}

/// "+0300" → 10800 seconds.
fn zone_offset(zone: &str) -> Option<i64> {
    let (sign, digits) = match zone.as_bytes().first()? {
        b'+' => (1, zone.get(1..)?),
        b'-' => (-1, zone.get(1..)?),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let value: i64 = digits.parse().ok()?;
    Some(sign * ((value / 100) * 3600 + (value % 100) * 60))
}
