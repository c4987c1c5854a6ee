//! `plangloss info`: the `document` facts of each file, as a short summary.

use super::read_args::ReadArgs;
use super::{Failure, Outcome, status, write_stdout};
use crate::batch;
use crate::facts::show::summary;
use crate::glossary::Glossary;
use crate::segment::Segmenter;
use std::path::PathBuf;

/// Runs `info`: one summary per document, in the order `ingest` writes
/// records; exit 1 when a document cannot be read (its error is shown).
pub fn run(paths: Vec<PathBuf>, jobs: Option<u16>, read: ReadArgs) -> Outcome {
    let pipeline = read.pipeline(Glossary::default(), Segmenter::default())?;
    let inputs = batch::collect_inputs(&paths);
    let jobs = jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut shown = String::new();
    let counts = batch::run(
        &pipeline,
        inputs,
        jobs,
        &mut std::io::sink(),
        &mut |record| {
            shown.push_str(&record.path);
            shown.push('\n');
            match &record.error {
                Some(error) => shown.push_str(&format!("  error      {}\n", error.message)),
                None => shown.push_str(&summary(&record.document)),
            }
        },
    )
    .map_err(|e| Failure::Write(format!("cannot write output: {e}")))?;
    write_stdout(&shown)?;
    Ok(status(counts.errors > 0))
}
