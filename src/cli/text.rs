//! `plangloss text`: one document's text, one block per line.

use super::read_args::ReadArgs;
use super::{Outcome, status, write_stdout};
use crate::batch::WORKER_STACK_BYTES;
use crate::facts::{self, show::outline_tree};
use crate::glossary::Glossary;
use crate::model::{Block, BlockKind};
use crate::output::plain_text;
use crate::segment::Segmenter;
use std::path::PathBuf;

/// Runs `text` (or, with `outline`, prints the heading tree): exit 1 when
/// the document cannot be read.
pub fn run(file: PathBuf, body_only: bool, outline: bool, read: ReadArgs) -> Outcome {
    let pipeline = read.pipeline(Glossary::default(), Segmenter::default())?;
    // Read on a thread with a worker's stack, as `ingest` reads.
    let read_document = || pipeline.read_document(&file);
    let document = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK_BYTES)
            .spawn_scoped(scope, read_document)
            .map(|reader| reader.join())
    })
    .map_err(|e| format!("cannot start a reader thread: {e}"))?
    .map_err(|_| format!("{}: internal error while reading this file", file.display()))?;
    match document {
        Ok(document) => {
            for warning in &document.extraction.warnings {
                eprintln!("plangloss: warning: {warning}");
            }
            let blocks: Vec<Block> = document
                .extraction
                .blocks
                .into_iter()
                .filter(|b| !body_only || !matches!(b.kind, BlockKind::Header | BlockKind::Footer))
                .collect();
            if outline {
                write_stdout(&outline_tree(&facts::outline::build(&blocks)))?;
            } else {
                write_stdout(&plain_text(&blocks))?;
            }
            Ok(status(false))
        }
        Err(error) => {
            eprintln!("plangloss: {}: {}", file.display(), error.message);
            Ok(status(true))
        }
    }
}
