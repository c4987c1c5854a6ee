//! Inputs named in a list rather than on the command line (`ingest
//! --files-from`), and shards of a batch (`--shard K/N`), so that a driver
//! can hand a machine any number of paths and several machines can split
//! one list without talking to each other.

use super::{Input, collect_inputs, relative_display};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The documents a list names: one path per line (a `\r` before the `\n`
/// dropped), or per NUL byte when `nul`; empty entries skipped. A relative
/// path is taken relative to `base` when given, and every path under
/// `base` is shown relative to it, with `/` separators: listing
/// `vi/plan.docx` with base `corpora` gives the record path `ingest
/// corpora/` gives. A listed folder is walked as a PATH argument is.
pub fn listed_inputs(list: &[u8], nul: bool, base: Option<&Path>) -> Vec<Input> {
    let separator = if nul { b'\0' } else { b'\n' };
    let mut inputs = Vec::new();
    for entry in list.split(|&byte| byte == separator) {
        let entry = if nul {
            entry
        } else {
            entry.strip_suffix(b"\r").unwrap_or(entry)
        };
        if entry.is_empty() {
            continue;
        }
        let listed = path_of(entry);
        let fs_path = match base {
            Some(base) if listed.is_relative() => base.join(&listed),
            _ => listed.clone(),
        };
        if fs_path.is_dir() {
            inputs.extend(collect_inputs(&[fs_path]));
            continue;
        }
        let mut input = collect_inputs(std::slice::from_ref(&fs_path))
            .pop()
            .expect("a file path gives one input");
        if let Some(base) = base {
            input.display_path = relative_display(base, &fs_path);
        }
        inputs.push(input);
    }
    inputs
}

/// The path a list entry names: its bytes as they are on Unix, where paths
/// are bytes; read as UTF-8 elsewhere.
fn path_of(entry: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(OsStr::from_bytes(entry))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(entry).into_owned())
    }
}

/// Shard `index` of `count` (`K/N`, 0 ≤ K < N): the inputs whose record
/// path hashes to `index`. The hash (64-bit FNV-1a of the path's UTF-8
/// bytes) depends on the path alone, so N machines given the same list
/// and shards 0/N … N-1/N process every document exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Whether the document shown as `display_path` belongs to this shard.
    pub fn holds(&self, display_path: &str) -> bool {
        fnv1a(display_path.as_bytes()) % self.count == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wrong = || format!("a shard is K/N with 0 <= K < N (e.g. 0/4), not {text:?}");
        let (index, count) = text.split_once('/').ok_or_else(wrong)?;
        let index: u64 = index.trim().parse().map_err(|_| wrong())?;
        let count: u64 = count.trim().parse().map_err(|_| wrong())?;
        if count == 0 || index >= count {
            return Err(wrong());
        }
        Ok(Shard { index, count })
    }
}

/// 64-bit FNV-1a: small, fixed by its specification, the same on every
/// platform and in every version (unlike the standard library's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_with_a_base_shows_paths_as_a_walk_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = root.join("corpora");
        let list =
            b"vi/kh-truyen-thong-dan-so-2025.docx\r\n\nzh/mianyi-guihua-2025.docx\nno/such.pdf\n";
        let inputs = listed_inputs(list, false, Some(&base));
        let shown: Vec<&str> = inputs.iter().map(|i| i.display_path.as_str()).collect();
        assert_eq!(
            shown,
            [
                "vi/kh-truyen-thong-dan-so-2025.docx",
                "zh/mianyi-guihua-2025.docx",
                "no/such.pdf"
            ]
        );
        assert!(inputs[0].walk_error.is_none());
        assert!(inputs[2].walk_error.is_some());
        let walked = collect_inputs(std::slice::from_ref(&base));
        let from_list = listed_inputs(b"vi\0zh\0", true, Some(&base));
        assert_eq!(walked.len(), from_list.len());
        let absolute = base.join("vi/kh-truyen-thong-dan-so-2025.docx");
        let mut entry = absolute.to_string_lossy().into_owned().into_bytes();
        entry.push(b'\n');
        assert_eq!(
            listed_inputs(&entry, false, Some(&base))[0].display_path,
            "vi/kh-truyen-thong-dan-so-2025.docx"
        );
    }

    #[test]
    fn shards_split_a_list_exactly_once() {
        let shard: Shard = "1/3".parse().unwrap();
        assert_eq!(shard, Shard { index: 1, count: 3 });
        for wrong in ["3/3", "1", "a/b", "0/0", "-1/2"] {
            assert!(wrong.parse::<Shard>().is_err(), "{wrong}");
        }
        let paths: Vec<String> = (0..300).map(|i| format!("vi/plan-{i}.docx")).collect();
        let mut seen = 0;
        for index in 0..3 {
            let shard = Shard { index, count: 3 };
            let held = paths.iter().filter(|p| shard.holds(p)).count();
            assert!((60..=140).contains(&held), "{held}");
            seen += held;
        }
        assert_eq!(seen, paths.len());
        // Fixed values: the assignment never changes between versions.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
