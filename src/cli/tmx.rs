//! `plangloss tmx`: the translated units of XLIFF (or TMX) files as one
//! TMX translation memory. Files are read as streams ([`Pairs`]): memory
//! holds the translated pairs, not the files.

use super::{Failure, Outcome, status, write_stdout_with};
use crate::atomic::replace_file_with;
use crate::tmx::TmxWriter;
use crate::xliff::read::Pairs;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// Runs `tmx`: exit 1 when a file could not be read (the memory holds the
/// other files' units, none of the broken file's).
pub fn run(files: Vec<PathBuf>, output: Option<PathBuf>) -> Outcome {
    let mut memory = TmxWriter::default();
    let mut read_count = 0;
    let mut failed = false;
    for file in &files {
        let mark = memory.mark();
        match add_file(&mut memory, file) {
            Ok(count) => read_count += count,
            Err(message) => {
                memory.roll_back(mark);
                eprintln!("plangloss: {}: {message}", file.display());
                failed = true;
            }
        }
    }
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            replace_file_with(&path, |out| memory.write_to(out)).map_err(Failure::Write)?
        }
        None => write_stdout_with(|out| memory.write_to(out))?,
    }
    eprintln!(
        "plangloss: {} translation units from {read_count} pairs in {} files",
        memory.units(),
        files.len()
    );
    Ok(status(failed))
}

/// Adds the translated pairs of `file` to `memory`; gives how many pairs the
/// file holds in all.
fn add_file(memory: &mut TmxWriter, file: &Path) -> Result<usize, String> {
    let input = File::open(file).map_err(|e| format!("cannot read it: {e}"))?;
    let mut count = 0;
    for pair in Pairs::new(BufReader::new(input)) {
        memory.add(&pair.map_err(|e| e.to_string())?);
        count += 1;
    }
    Ok(count)
}
