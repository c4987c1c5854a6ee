//! Reading input files within a size limit that holds whatever the path
//! is: a regular file over the limit is refused by its size before a byte
//! is read, and everything is read through a reader that stops one byte past
//! the limit, so a file that grows while it is read, a device such as
//! `/dev/zero` or a pipe such as `/dev/stdin` cannot take more memory than
//! the limit either.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The most a user file that is not a document (a glossary, an SRX file,
/// the text `plangloss segment` splits) may hold: 256 MiB.
pub const MAX_USER_FILE_BYTES: u64 = 256 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// It holds more than `limit` bytes; `size` is its size when known.
    TooLarge { limit: u64, size: Option<u64> },
    /// It could not be opened or read.
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { limit, size } => {
                match size {
                    Some(size) => write!(f, "it is {} MiB,", size >> 20)?,
                    None => write!(f, "it holds")?,
                }
                write!(f, " more than the {} MiB limit", limit.div_ceil(1 << 20))
            }
            ReadError::Io(error) => error.fmt(f),
        }
    }
}

/// The bytes of the file at `path`, at most `limit` of them.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(size) = size.filter(|&size| size > limit) {
        return Err(ReadError::TooLarge {
            limit,
            size: Some(size),
        });
    }
    read_all_limited(file, limit, size)
}

/// Everything `reader` gives, at most `limit` bytes; `expected` sizes the
/// buffer when the length is known.
pub fn read_all_limited(
    reader: impl Read,
    limit: u64,
    expected: Option<u64>,
) -> Result<Vec<u8>, ReadError> {
    let capacity = expected.unwrap_or(0).min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, size: None });
    }
    Ok(bytes)
}

/// A user file's text and the name errors and records give it (its path
/// as given): a glossary, an SRX file, document-type rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserFile {
    pub name: String,
    pub text: String,
}

impl UserFile {
    /// Reads the user file at `path` (see [`read_user_text`]).
    pub fn read(path: &Path) -> Result<UserFile, String> {
        Ok(UserFile {
            name: path.display().to_string(),
            text: read_user_text(path)?,
        })
    }
}

/// The UTF-8 text of a user file (glossary, SRX) at `path`, at most
/// [`MAX_USER_FILE_BYTES`]; the error names the file.
pub fn read_user_text(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path, MAX_USER_FILE_BYTES)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "cannot read {}: it is not UTF-8 text (invalid byte at {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_for_files_devices_and_readers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap(), b"0123456789");
        let error = read_limited(&path, 9).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { size: Some(10), .. }));
        if Path::new("/dev/zero").exists() {
            let error = read_limited(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert!(matches!(error, ReadError::TooLarge { size: None, .. }));
            assert!(error.to_string().contains("more than the 1 MiB limit"));
        }
        assert_eq!(read_all_limited(&b"abc"[..], 3, None).unwrap(), b"abc");
        assert!(read_all_limited(&b"abcd"[..], 3, None).is_err());
        assert!(matches!(
            read_limited(&dir.path().join("missing"), 10),
            Err(ReadError::Io(_))
        ));
    }

    #[test]
    fn user_files_must_be_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.tsv");
        std::fs::write(&path, b"vi\tzh\n\xff\n").unwrap();
        let error = read_user_text(&path).unwrap_err();
        assert!(
            error.contains("not UTF-8") && error.contains("g.tsv"),
            "{error}"
        );
    }
}
