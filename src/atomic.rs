//! Writing users' files all or nothing: glossaries, XLIFF, memories,
//! project files.
//!
//! [`replace_file`] takes an advisory lock on the file's folder, removes the
//! temporaries that killed writers left, writes a temporary file beside the
//! target (`.NAME.PID.tmp`), flushes it to disk, renames it over the target
//! and syncs the folder. A writer killed at any moment leaves either the old
//! file or the new one, never a mix. A file that did not exist is not
//! synced: there was nothing to lose.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically, under the folder's lock, after
/// removing what killed writers left. The error says what could not be
/// done, naming the file.
pub fn replace_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    replace_file_with(path, |out| out.write_all(bytes.as_ref()))
}

/// Replaces `path` as [`replace_file`] does with what `write` writes, for
/// contents made while they are written.
pub fn replace_file_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), String> {
    let _lock = lock_folder_of(path)?;
    remove_stale_temporaries(path);
    write_atomically_with(path, write)
}

/// Removes the temporary files of `path` that writers killed before their
/// rename left beside it. Only for a caller holding the folder's lock: then
/// no writer is using them. A file that cannot be removed is left; the
/// write that follows does not depend on it unless it has this process's
/// number, and then it fails with a clear error.
pub fn remove_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|name| name.to_string_lossy()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if is_temporary_of(&file_name.to_string_lossy(), &name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// True when `file_name` is the name of a temporary file
/// [`write_atomically`] makes for the file `name`: `.NAME.PID.tmp`.
fn is_temporary_of(file_name: &str, name: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Holds an exclusive advisory lock on the folder of `path` until dropped.
/// The folder, not the file: the file is replaced by a rename, and a lock on
/// the old one would not stop a writer that opens the new one.
pub fn lock_folder_of(path: &Path) -> Result<File, String> {
    let folder = folder_of(path);
    let handle =
        File::open(&folder).map_err(|e| format!("cannot open {}: {e}", folder.display()))?;
    handle
        .lock()
        .map_err(|e| format!("cannot lock {}: {e}", folder.display()))?;
    Ok(handle)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it (when `path`
/// exists), renames it over `path` and syncs the folder, so that the new
/// name survives a crash.
/// A read-only file is refused: the rename would replace it all the same,
/// against what its owner said. The caller holds the folder's lock.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// [`write_atomically`] with what `write` writes.
fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), String> {
    let existing = fs::metadata(path);
    // Syncing protects what the file held: a new file has nothing to lose,
    // and syncing each of a batch's hundreds of new files costs a third of
    // an export's time.
    let replacing = existing.is_ok();
    if existing
        .as_ref()
        .is_ok_and(|m| m.is_file() && m.permissions().readonly())
    {
        return Err(format!(
            "{} is read-only; make it writable (chmod u+w) to change it",
            path.display()
        ));
    }
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let temporary = folder_of(path).join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(|e| format!("cannot create {}: {e}", temporary.display()))?;
        if let Ok(metadata) = &existing {
            // Keep the file's permissions; a failure here is not worth stopping for.
            let _ = fs::set_permissions(&temporary, metadata.permissions());
        }
        let mut out = BufWriter::new(file);
        write(&mut out)
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            .and_then(|file| if replacing { file.sync_all() } else { Ok(()) })
            .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
        fs::rename(&temporary, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result?;
    // The rename is durable once the folder is synced; not every system can.
    if replacing && let Ok(folder) = File::open(folder_of(path)) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_respects_read_only_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.tmx");
        fs::write(&path, "old").unwrap();
        fs::write(dir.path().join(".memory.tmx.99999.tmp"), "half").unwrap();
        replace_file(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "the killed writer's temporary is gone");
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        // Root may write read-only files, but we refuse all the same.
        let error = replace_file(&path, "newer").unwrap_err();
        assert!(error.contains("read-only"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let missing = dir.path().join("no/such/folder/a.xlf");
        assert!(replace_file(&missing, "x").unwrap_err().contains("cannot"));
    }
}
