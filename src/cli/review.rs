//! `plangloss review`: one document as an HTML page a translator reads.

use super::qa::artefact_list;
use super::read_args::ReadArgs;
use super::{Failure, Outcome, status, write_stdout};
use crate::atomic::replace_file;
use crate::batch::WORKER_STACK_BYTES;
use crate::glossary::Glossary;
use crate::segment::Segmenter;
use clap::Args;
use std::path::PathBuf;

/// The options of `plangloss review`.
#[derive(Args)]
pub struct ReviewArgs {
    /// The document to show (e.g. `plan.docx`).
    #[arg(value_name = "DOC")]
    document: PathBuf,
    /// Glossary TSV whose terms are marked; repeat for several (e.g. `--glossary glossaries/program-terms.tsv`).
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
    /// An SRX 2.0 sentence-rule file tried before the shipped rules; repeat for several (e.g. `--srx my-abbreviations.srx`).
    #[arg(long, value_name = "FILE")]
    srx: Vec<PathBuf>,
    /// A list of source artefacts extending the shipped rules/zh-artefacts.tsv; repeat for several (e.g. `--artefacts my-swaps.tsv`).
    #[arg(long, value_name = "FILE")]
    artefacts: Vec<PathBuf>,
    /// Write the page to FILE instead of stdout; `-` is stdout (e.g. `-o page.html`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

/// Runs `review`: the page is written even for a document that cannot be
/// read (it shows the error); exit 1 then.
pub fn run(args: ReviewArgs) -> Outcome {
    let glossary = Glossary::load(&args.glossary).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::load(&args.srx).map_err(|e| e.to_string())?;
    let artefacts = artefact_list(&args.artefacts)?;
    let pipeline = args.read.pipeline(glossary, segmenter)?;
    let file = &args.document;
    let display = file.display().to_string();
    // Read on a thread with a worker's stack, as `ingest` reads.
    let record = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK_BYTES)
            .spawn_scoped(scope, || pipeline.process_file(file, &display))
            .map(|reader| reader.join())
    })
    .map_err(|e| format!("cannot start a reader thread: {e}"))?
    .map_err(|_| format!("{display}: internal error while reading this file"))?;
    if let Some(error) = &record.error {
        eprintln!("plangloss: {display}: {}", error.message);
    }
    let page = crate::review::page(&record, &artefacts);
    match args.output.filter(|path| path.as_os_str() != "-") {
        Some(path) => replace_file(&path, page.as_bytes()).map_err(Failure::Write)?,
        None => write_stdout(&page)?,
    }
    Ok(status(record.error.is_some()))
}
