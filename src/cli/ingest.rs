//! `plangloss ingest`: documents in, one JSON record each out.

use super::read_args::{BatchArgs, ReadArgs};
use super::{Failure, Outcome, status};
use crate::batch::{self, Input, Shard, Summary};
use crate::glossary::Glossary;
use crate::segment::Segmenter;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Read, Write};
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
    /// The inputs of `paths` and the list, in that order, of this shard.
    fn inputs(&self, paths: &[PathBuf]) -> Result<Vec<Input>, Failure> {
        let mut inputs = batch::collect_inputs(paths);
        if let Some(list_path) = &self.files_from {
            let list = read_list(list_path)?;
            inputs.extend(batch::listed_inputs(&list, self.null, self.base.as_deref()));
        }
        if let Some(shard) = self.shard {
            inputs.retain(|input| shard.holds(&input.display_path));
        }
        Ok(inputs)
    }
}

/// The bytes of the `--files-from` list: the file, or stdin for `-`.
fn read_list(path: &PathBuf) -> Result<Vec<u8>, Failure> {
    let mut list = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut list)
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut list))
    };
    read.map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    Ok(list)
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
    let jobs = batch_args.jobs;
    for input in inputs.iter().filter(|i| i.walk_error.is_some()) {
        eprintln!(
            "plangloss: {}",
            input
                .walk_error
                .as_ref()
                .map(|e| e.message.as_str())
                .unwrap_or_default()
        );
    }
    let jobs = jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut out: Box<dyn Write> = match output.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| Failure::Write(format!("cannot create {}: {e}", path.display())))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let progress = progress_bar(inputs.len() as u64);
    let summary = batch::run(&pipeline, &inputs, jobs, &mut out, &mut |record| {
        progress.set_message(record.path.clone());
        // A crawl holds more documents than its one path counted.
        if progress.position() >= progress.length().unwrap_or(0) {
            progress.inc_length(1);
        }
        progress.inc(1);
    })
    .map_err(|e| Failure::Write(format!("cannot write output: {e}")))?;
    progress.finish_and_clear();
    print_summary(&summary, started);
    Ok(status(summary.errors > 0))
}

/// A bar on a terminal; nothing at all when stderr is a pipe or a file.
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}")
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
