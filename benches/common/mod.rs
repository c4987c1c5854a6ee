//! Helpers shared by the benchmarks.

#![allow(dead_code)] // each bench uses its own subset

use plangloss::pipeline::Pipeline;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The files under `dir`, in a stable order.
pub fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The normalized block text of every document under `dir`.
pub fn normalized_blocks(dir: &Path) -> Vec<String> {
    let pipeline = Pipeline::default();
    sorted_files(dir)
        .iter()
        .filter_map(|file| pipeline.document(&std::fs::read(file).ok()?).ok())
        .flat_map(|document| document.extraction.blocks.into_iter().map(|b| b.text))
        .collect()
}

/// The shortest of five timed runs of `run`, in seconds: the machines we
/// measure on are shared, and the best run is the least disturbed.
pub fn best_of_five(mut run: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed().as_secs_f64().max(1e-9)
        })
        .fold(f64::INFINITY, f64::min)
}
