//! Saving attachments: the whole message is fetched first if only its text is cached, the file
//! name is sanitised so no name can leave the chosen folder, an existing file is never
//! overwritten, and the file appears whole or not at all (written aside, then renamed). A symlink
//! planted in the folder is never followed (see [`write_new_file`]).

use super::{EngineError, EngineHandle};
use crate::engine::mime;
use crate::model::MessageId;
use std::io::Write;
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
            return Err(EngineError::config(crate::fl!("error-not-a-save-place", path = target.display().to_string())));
        }
        let folder = target.parent().filter(|folder| !folder.as_os_str().is_empty()).ok_or_else(|| {
            EngineError::config(crate::fl!("error-not-in-a-folder", path = target.display().to_string()))
        })?;
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
        std::fs::create_dir_all(&folder).map_err(|err| {
            EngineError::storage(crate::fl!(
                "error-cannot-prepare",
                path = folder.display().to_string(),
                err = err.to_string()
            ))
        })?;
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
///
/// Nothing anyone placed in the folder beforehand is ever followed or replaced: the bytes go to a
/// temporary file created with O_CREAT|O_EXCL under a random name (so a symlink planted at any
/// name is never opened), which is then moved to its final name with `renameat2(RENAME_NOREPLACE)`
/// (or a hard link, which also refuses an existing name, a dangling symlink included). The file is
/// readable by its owner only, like everything else Pochta writes.
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
    let mut temporary = tempfile::Builder::new().prefix(".pochta-saving-").tempfile_in(&folder).map_err(io)?;
    temporary.write_all(content).and_then(|()| temporary.as_file().sync_all()).map_err(io)?;
    for n in 1..1000 {
        let name = if n == 1 { safe.clone() } else { format!("{stem} ({n}){extension}") };
        let target = folder.join(&name);
        // The sanitised name has no separators; this guards the invariant all the same.
        if target.parent() != Some(folder.as_path()) {
            break;
        }
        // Never replaces what is there (a file, a directory, a symlink to anywhere): the next name.
        match temporary.persist_noclobber(&target) {
            Ok(_) => return Ok(target),
            Err(refused) if refused.error.kind() == std::io::ErrorKind::AlreadyExists => temporary = refused.file,
            // Dropping the temporary file removes it.
            Err(refused) => return Err(io(refused.error)),
        }
    }
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

    /// An attacker who can write into the folder (a shared Downloads, a mounted share) plants
    /// symlinks at every name a save could use: the old fixed temporary name and each final name.
    #[test]
    fn a_symlink_planted_at_any_name_is_never_followed_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let folder = dir.path();
        let planted =
            [format!(".pochta-saving-{}", std::process::id()), "report.pdf".to_string(), "report (2).pdf".to_string()];
        for name in &planted {
            std::os::unix::fs::symlink(&victim, folder.join(name)).unwrap();
        }
        // A dangling one: following it would create a file outside.
        std::os::unix::fs::symlink(outside.path().join("created"), folder.join("report (3).pdf")).unwrap();

        let path = write_new_file(folder, "report.pdf", b"attacker-controlled bytes").unwrap();
        assert_eq!(path.file_name().unwrap(), "report (4).pdf", "the first name nobody holds");
        assert!(!std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&path).unwrap(), b"attacker-controlled bytes");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious", "the symlinks' target is untouched");
        assert!(!outside.path().join("created").exists(), "a dangling symlink is not followed");
        for name in &planted {
            assert!(std::fs::symlink_metadata(folder.join(name)).unwrap().file_type().is_symlink(), "{name} kept");
        }
        let leftovers: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".pochta-saving-") && !planted.contains(name))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind: {leftovers:?}");
    }
}
