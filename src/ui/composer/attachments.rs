//! Files attached to the letter: read from disk when chosen or dropped (a file far too large
//! for any provider is refused, one that cannot be read is named), and their total size for the
//! warning about large letters.

use super::{Composer, MAX_ATTACHMENT};
use crate::engine::api::Attachment;
use std::path::PathBuf;

impl Composer {
    /// Reads files into attachments; a file that cannot be read or is far too large is named in
    /// the problem line and the others are still attached.
    pub(super) fn attach(&mut self, paths: &[PathBuf]) {
        let mut problems = Vec::new();
        for path in paths {
            match read_attachment(path) {
                Ok(attachment) => self.draft.attachments.push(attachment),
                Err(problem) => problems.push(problem),
            }
        }
        if paths.len() > problems.len() {
            self.edited();
        }
        if !problems.is_empty() {
            self.problem = Some(problems.join("\n"));
        }
    }

    pub(super) fn attachments_size(&self) -> u64 {
        self.draft.attachments.iter().map(|a| a.data.len() as u64).sum()
    }
}

fn read_attachment(path: &std::path::Path) -> Result<Attachment, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|err| crate::fl!("composer-attach-failed", file = shown.clone(), reason = err.to_string()))?
        .len();
    if size > MAX_ATTACHMENT {
        return Err(crate::fl!("composer-attach-too-large", file = shown, size = crate::ui::format::size(size)));
    }
    let data = std::fs::read(path)
        .map_err(|err| crate::fl!("composer-attach-failed", file = shown.clone(), reason = err.to_string()))?;
    Ok(Attachment::from_file_name(&name, data))
}
