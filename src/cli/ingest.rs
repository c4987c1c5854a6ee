//! `plangloss ingest`: documents in, one JSON record each out.

use super::read_args::ReadArgs;
use super::{Failure, Outcome, status};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plangloss::batch::{self, Summary};
use plangloss::glossary::Glossary;
use plangloss::segment::Segmenter;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

/// Runs `ingest`: exit 0 when every document succeeded, 1 when any failed.
pub fn run(
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    glossaries: Vec<PathBuf>,
    jobs: Option<u16>,
    srx: &[PathBuf],
    read: ReadArgs,
) -> Outcome {
    let started = Instant::now();
    let glossary = Glossary::load(&glossaries).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::load(srx).map_err(|e| e.to_string())?;
    let pipeline = read.pipeline(glossary, segmenter)?;
    let inputs = batch::collect_inputs(&paths);
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
