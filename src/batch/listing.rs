//! Inputs named in a list rather than on the command line (`ingest
//! --files-from`), and shards of a batch (`--shard K/N`), so that a driver
//! can hand a machine any number of paths and several machines can split
//! one list without talking to each other.

use super::{Input, collect_inputs, relative_display};
use crate::model::{DocError, ErrorKind};
use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The longest list entry read as a path, in bytes: far beyond any file
/// system's path limit, small enough that a list with no separators (a
/// binary file given by mistake) cannot fill memory.
pub const MAX_LIST_ENTRY_BYTES: usize = 64 << 10;

/// The documents a list names, read from `list` as they are needed, so
/// that a list of millions of paths is never held whole: one path per
/// line (a `\r` before the `\n` dropped), or per NUL byte when `nul`;
/// empty entries skipped. A relative path is taken relative to `base` when
/// given, and every path under `base` is shown relative to it, with `/`
/// separators: listing `vi/plan.docx` with base `corpora` gives the record
/// path `ingest corpora/` gives. A listed folder is walked as a PATH
/// argument is. An entry longer than [`MAX_LIST_ENTRY_BYTES`], or a list
/// that cannot be read on, becomes an input carrying an `io` error, shown
/// as `list_name`.
pub struct ListedInputs<R> {
    list: R,
    list_name: String,
    separator: u8,
    base: Option<PathBuf>,
    /// The inputs of a listed folder not yet handed out.
    walked: VecDeque<Input>,
    entry: Vec<u8>,
    entries_read: u64,
    finished: bool,
}

impl<R: BufRead> ListedInputs<R> {
    /// The inputs `list` names (see [`ListedInputs`]).
    pub fn new(list: R, list_name: &str, nul: bool, base: Option<&Path>) -> Self {
        ListedInputs {
            list,
            list_name: list_name.to_string(),
            separator: if nul { b'\0' } else { b'\n' },
            base: base.map(Path::to_path_buf),
            walked: VecDeque::new(),
            entry: Vec::new(),
            entries_read: 0,
            finished: false,
        }
    }

    /// Reads the next entry into `self.entry`: `Ok(false)` at the end of
    /// the list, `Err` for an entry too long (skipped up to its end) or a
    /// read error (the list ends there).
    fn read_entry(&mut self) -> Result<bool, String> {
        self.entry.clear();
        let limit = MAX_LIST_ENTRY_BYTES as u64 + 1;
        let read = (&mut self.list)
            .take(limit)
            .read_until(self.separator, &mut self.entry);
        let read = read.map_err(|e| {
            self.finished = true;
            format!("cannot read the list of paths {}: {e}", self.list_name)
        })?;
        if read == 0 {
            return Ok(false);
        }
        self.entries_read += 1;
        if self.entry.last() == Some(&self.separator) {
            self.entry.pop();
        } else if self.entry.len() as u64 == limit {
            self.skip_rest_of_entry();
            return Err(format!(
                "entry {} of the list of paths {} is longer than {} bytes; it is not a path",
                self.entries_read, self.list_name, MAX_LIST_ENTRY_BYTES
            ));
        }
        if self.separator == b'\n' && self.entry.last() == Some(&b'\r') {
            self.entry.pop();
        }
        Ok(true)
    }

    /// Passes over the rest of an entry that is too long, without holding it.
    fn skip_rest_of_entry(&mut self) {
        loop {
            let Ok(buffer) = self.list.fill_buf() else {
                return;
            };
            if buffer.is_empty() {
                return;
            }
            match memchr::memchr(self.separator, buffer) {
                Some(at) => return self.list.consume(at + 1),
                None => {
                    let all = buffer.len();
                    self.list.consume(all);
                }
            }
        }
    }

    /// The input (or the first of a folder's) that `entry` names.
    fn inputs_of(&mut self, entry: &[u8]) -> Option<Input> {
        let listed = path_of(entry);
        let fs_path = match &self.base {
            Some(base) if listed.is_relative() => base.join(&listed),
            _ => listed,
        };
        if fs_path.is_dir() {
            let mut walked = collect_inputs(&[fs_path]);
            if let Some(base) = &self.base {
                for input in &mut walked {
                    input.display_path = relative_display(base, &input.fs_path);
                }
            }
            self.walked.extend(walked);
            return self.walked.pop_front();
        }
        let mut input = collect_inputs(std::slice::from_ref(&fs_path)).pop()?;
        if let Some(base) = &self.base {
            input.display_path = relative_display(base, &fs_path);
        }
        Some(input)
    }

    fn list_error(&self, message: String) -> Input {
        Input {
            fs_path: PathBuf::from(&self.list_name),
            display_path: self.list_name.clone(),
            walk_error: Some(DocError::new(ErrorKind::Io, message)),
        }
    }
}

impl<R: BufRead> Iterator for ListedInputs<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if let Some(input) = self.walked.pop_front() {
            return Some(input);
        }
        while !self.finished {
            match self.read_entry() {
                Ok(false) => self.finished = true,
                Ok(true) if self.entry.is_empty() => {}
                Ok(true) => {
                    let entry = std::mem::take(&mut self.entry);
                    let input = self.inputs_of(&entry);
                    self.entry = entry;
                    if input.is_some() {
                        return input;
                    }
                }
                Err(message) => return Some(self.list_error(message)),
            }
        }
        None
    }
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

    fn listed(list: &[u8], nul: bool, base: &Path) -> Vec<Input> {
        ListedInputs::new(list, "list.txt", nul, Some(base)).collect()
    }

    #[test]
    fn an_entry_too_long_is_an_error_and_the_list_goes_on() {
        let mut list = vec![b'x'; MAX_LIST_ENTRY_BYTES * 3];
        list.extend_from_slice(b"\nb.txt\n");
        let inputs: Vec<Input> = ListedInputs::new(&list[..], "-", false, None).collect();
        assert_eq!(inputs.len(), 2);
        let error = inputs[0].walk_error.as_ref().unwrap();
        assert!(
            error
                .message
                .contains("entry 1 of the list of paths - is longer")
        );
        assert_eq!(inputs[0].display_path, "-");
        assert_eq!(inputs[1].display_path, "b.txt");
        // Exactly the limit is still a path (that does not exist).
        let mut list = vec![b'y'; MAX_LIST_ENTRY_BYTES];
        list.push(b'\n');
        let inputs: Vec<Input> = ListedInputs::new(&list[..], "-", false, None).collect();
        assert_eq!(inputs.len(), 1);
        assert!(
            inputs[0]
                .walk_error
                .as_ref()
                .unwrap()
                .message
                .contains("no such file")
        );
    }

    #[test]
    fn a_list_with_a_base_shows_paths_as_a_walk_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = root.join("corpora");
        let list =
            b"vi/kh-truyen-thong-dan-so-2025.docx\r\n\nzh/mianyi-guihua-2025.docx\nno/such.pdf\n";
        let inputs: Vec<Input> = listed(list, false, &base);
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
        let from_list = listed(b"vi\0zh\0", true, &base);
        assert_eq!(
            from_list, walked,
            "listed folders show paths under the base"
        );
        let absolute = base.join("vi/kh-truyen-thong-dan-so-2025.docx");
        let mut entry = absolute.to_string_lossy().into_owned().into_bytes();
        entry.push(b'\n');
        assert_eq!(
            listed(&entry, false, &base)[0].display_path,
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
