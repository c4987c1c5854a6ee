//! `plangloss ingest`: documents in, one JSON record each out.

use super::read_args::{BatchArgs, ReadArgs};
use super::{Failure, Outcome, status};
use crate::batch::{self, Input, ListedInputs, Shard, Summary};
use crate::glossary::Glossary;
use crate::segment::Segmenter;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Where `ingest` finds documents besides its PATH arguments, and which of
/// them it takes.
#[derive(Args)]
pub struct ListingArgs {
    /// Read the paths of the documents from FILE, one per line (`-` is stdin), after any PATH arguments: no limit on how many (e.g. `--files-from list.txt`).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// The `--files-from` list is separated by NUL bytes, as `find -print0` writes it.
    #[arg(short = '0', long = "null", requires = "files_from")]
    null: bool,
    /// Resolve the listed relative paths against DIR, and show every listed path under DIR relative to it, as a walk of DIR would (e.g. `--base /data/plans`).
    #[arg(long, value_name = "DIR", requires = "files_from")]
    base: Option<PathBuf>,
    /// Process only shard K of N (0 <= K < N): the documents whose record path hashes to K. N machines given the same inputs and shards 0/N … N-1/N share them out exactly once, without coordination (e.g. `--shard 0/4`).
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

impl ListingArgs {
    /// The inputs of `paths`, then those of the list as it is read, of this
    /// shard; each walk error is reported on stderr as it is met.
    fn inputs(&self, paths: &[PathBuf]) -> Result<impl Iterator<Item = Input> + Send, Failure> {
        let walked = batch::collect_inputs(paths);
        let listed = match &self.files_from {
            Some(list_path) => Some(ListedInputs::new(
                open_list(list_path)?,
                &list_path.to_string_lossy(),
                self.null,
                self.base.as_deref(),
            )),
            None => None,
        };
        let shard = self.shard;
        Ok(walked
            .into_iter()
            .chain(listed.into_iter().flatten())
            .filter(move |input| shard.is_none_or(|shard| shard.holds(&input.display_path)))
            .inspect(|input| {
                if let Some(error) = &input.walk_error {
                    eprintln!("plangloss: {}", error.message);
                }
            }))
    }
}

/// The `--files-from` list, read as it is needed: the file, or stdin for `-`.
fn open_list(path: &PathBuf) -> Result<Box<dyn BufRead + Send>, Failure> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    Ok(Box::new(BufReader::new(file)))
}

/// Runs `ingest`: exit 0 when every document succeeded, 1 when any failed.
pub fn run(
    paths: Vec<PathBuf>,
    listing: ListingArgs,
    output: Option<PathBuf>,
    batch_args: BatchArgs,
    read: ReadArgs,
) -> Outcome {
    let started = Instant::now();
    let glossary = Glossary::load(&batch_args.glossary).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::load(&batch_args.srx).map_err(|e| e.to_string())?;
    let pipeline = read.pipeline(glossary, segmenter)?;
    let inputs = listing.inputs(&paths)?;
    let jobs = batch_args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut out: Box<dyn Write> = match output.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| Failure::Write(format!("cannot create {}: {e}", path.display())))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let progress = progress_bar();
    let summary = batch::run(&pipeline, inputs, jobs, &mut out, &mut |record| {
        progress.set_message(record.path.clone());
        progress.inc(1);
    })
    .map_err(|e| Failure::Write(format!("cannot write output: {e}")))?;
    progress.finish_and_clear();
    print_summary(&summary, started);
    Ok(status(summary.errors > 0))
}

/// A count of the records written on a terminal (the inputs are read as
/// they are needed, so their number is not known ahead); nothing at all
/// when stderr is a pipe or a file.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {pos} documents {elapsed} {per_sec} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn print_summary(summary: &Summary, started: Instant) {
    let errors = match summary.errors {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    eprintln!(
        "plangloss: {} documents, {errors}, {:.2} s",
        summary.documents,
        started.elapsed().as_secs_f64()
    );
    let crawl = &summary.crawl;
    if crawl.records > 0 {
        let damage = crawl.first_damage_at.map_or(String::new(), |at| {
            format!(
                ", {} damaged places passed over (the first at byte {at})",
                crawl.damaged
            )
        });
        eprintln!(
            "plangloss: WARC/WET records: {} read, {} documents; passed over {} not documents, {} not status 200, {} truncated, {} left out by --url-filter, {} requests, metadata and other records{damage}",
            crawl.records,
            crawl.documents,
            crawl.not_documents,
            crawl.not_ok,
            crawl.truncated,
            crawl.filtered,
            crawl.other_records
        );
    }
}
