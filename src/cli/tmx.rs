//! `plangloss tmx`: the translated units of XLIFF (or TMX) files as one
//! TMX translation memory.

use super::{Failure, Outcome, status, write_stdout};
use plangloss::input::read_user_text;
use plangloss::tmx::write_tmx;
use plangloss::xliff::read;
use std::path::PathBuf;

/// Runs `tmx`: exit 1 when a file could not be read (the memory holds the
/// others' units).
pub fn run(files: Vec<PathBuf>, output: Option<PathBuf>) -> Outcome {
    let mut pairs = Vec::new();
    let mut failed = false;
    for file in &files {
        let parsed = read_user_text(file)
            .map_err(|e| e.to_string())
            .and_then(|text| read::read(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(bilingual) => pairs.extend(bilingual.pairs),
            Err(message) => {
                eprintln!("plangloss: {}: {message}", file.display());
                failed = true;
            }
        }
    }
    let (memory, units) = write_tmx(&pairs);
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => std::fs::write(&path, memory)
            .map_err(|e| Failure::Write(format!("cannot write {}: {e}", path.display())))?,
        None => write_stdout(&memory)?,
    }
    eprintln!(
        "plangloss: {units} translation units from {} pairs in {} files",
        pairs.len(),
        files.len()
    );
    Ok(status(failed))
}
