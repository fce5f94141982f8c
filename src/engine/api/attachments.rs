//! Saving attachments: the whole message is fetched first if only its text is cached, the file
//! name is sanitised so no name can leave the chosen folder, an existing file is never
//! overwritten, and the file appears whole or not at all (written aside, then renamed).

use super::{EngineError, EngineHandle};
use crate::engine::mime;
use crate::model::MessageId;
use std::path::{Path, PathBuf};

impl EngineHandle {
    /// Saves attachment `part_index` of a message into `folder`; returns the path written.
    pub async fn save_attachment(
        &self,
        id: MessageId,
        part_index: usize,
        folder: &Path,
    ) -> Result<PathBuf, EngineError> {
        let (content, filename) = self.attachment_bytes(id, part_index).await?;
        write_new_file(folder, &filename, &content)
    }

    /// Saves attachment `part_index` where a save dialog pointed: the folder of `target`, under
    /// its name sanitised (so a name cannot leave that folder), never replacing a file.
    pub async fn save_attachment_as(
        &self,
        id: MessageId,
        part_index: usize,
        target: &Path,
    ) -> Result<PathBuf, EngineError> {
        // A dialog answers with a plain path; one that climbs out with ".." is not taken.
        if target.components().any(|part| matches!(part, std::path::Component::ParentDir)) {
            return Err(EngineError::config(format!("{} is not a place to save to", target.display())));
        }
        let folder = target
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
            .ok_or_else(|| EngineError::config(format!("{} is not in a folder", target.display())))?;
        let (content, filename) = self.attachment_bytes(id, part_index).await?;
        let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or(filename);
        write_new_file(folder, &name, &content)
    }

    /// Writes attachment `part_index` into a private folder of the profile's cache, for the
    /// desktop's default application to open; returns its path.
    pub async fn attachment_for_opening(&self, id: MessageId, part_index: usize) -> Result<PathBuf, EngineError> {
        let (content, filename) = self.attachment_bytes(id, part_index).await?;
        let folder = self.inner.paths.cache_dir.join("opened").join(id.0.to_string());
        // Inside the profile's cache, which only its owner can enter (Paths::create_all).
        std::fs::create_dir_all(&folder)
            .map_err(|err| EngineError::storage(format!("cannot prepare {}: {err}", folder.display())))?;
        write_new_file(&folder, &filename, &content)
    }

    async fn attachment_bytes(&self, id: MessageId, part_index: usize) -> Result<(Vec<u8>, String), EngineError> {
        let view = self.open_message(id).await?;
        let attachment = view.attachments.iter().find(|a| a.part_index == part_index).ok_or_else(|| {
            EngineError::config(crate::fl!(
                "error-no-attachment",
                id = id.to_string(),
                part_index = part_index.to_string()
            ))
        })?;
        let raw = view.raw.as_deref().unwrap_or_default();
        let content = mime::attachment_content(raw, part_index).ok_or_else(|| {
            EngineError::config(crate::fl!(
                "error-attachment-unreadable",
                part_index = part_index.to_string(),
                id = id.to_string()
            ))
        })?;
        Ok((content, attachment.filename.clone()))
    }
}

/// Writes `content` under a sanitised, not yet used name inside `folder`.
pub(super) fn write_new_file(folder: &Path, name: &str, content: &[u8]) -> Result<PathBuf, EngineError> {
    let io = |err: std::io::Error| {
        EngineError::storage(crate::fl!(
            "error-cannot-save-into",
            folder = folder.display().to_string(),
            detail = err.to_string()
        ))
    };
    let folder = folder.canonicalize().map_err(io)?;
    let safe = mime::sanitize_filename(name);
    let (stem, extension) = match safe.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), format!(".{ext}")),
        _ => (safe.clone(), String::new()),
    };
    let temporary = folder.join(format!(".pochta-saving-{}", std::process::id()));
    std::fs::write(&temporary, content).map_err(io)?;
    for n in 1..1000 {
        let name = if n == 1 { safe.clone() } else { format!("{stem} ({n}){extension}") };
        let target = folder.join(&name);
        // The sanitised name has no separators; this guards the invariant all the same.
        if target.parent() != Some(folder.as_path()) {
            break;
        }
        // hard_link fails if the target exists: an existing file is never replaced.
        match std::fs::hard_link(&temporary, &target) {
            Ok(()) => {
                let _ = std::fs::remove_file(&temporary);
                return Ok(target);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => {
                let _ = std::fs::remove_file(&temporary);
                return Err(io(err));
            }
        }
    }
    let _ = std::fs::remove_file(&temporary);
    Err(EngineError::storage(crate::fl!(
        "error-no-free-file-name",
        name = safe.as_str(),
        folder = folder.display().to_string()
    )))
}

#[cfg(test)]
mod tests {
    use super::write_new_file;

    #[test]
    fn hostile_names_stay_inside_the_folder_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["../../etc/passwd", "/etc/shadow", "..\\..\\boot.ini", "..", "", "отчёт.pdf", "отчёт.pdf"]
        {
            let path = write_new_file(dir.path(), name, b"x").unwrap();
            assert_eq!(path.parent().unwrap(), dir.path().canonicalize().unwrap(), "{name} escaped to {path:?}");
        }
        let mut names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        names.sort();
        assert_eq!(
            names,
            ["attachment", "attachment (2)", "boot.ini", "passwd", "shadow", "отчёт (2).pdf", "отчёт.pdf"]
        );
    }
}
