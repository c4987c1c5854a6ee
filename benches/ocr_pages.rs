//! Scanned pages through the whole pipeline on one core: pages per second,
//! and the share of the time spent outside Tesseract (placing the images
//! on a raster, deskewing, turning words into paragraphs, and everything
//! after extraction: normalization, segmentation, JSON).
//!
//!   scripts/make-scan-testset.sh                  # the scan test set first
//!   cargo bench --bench ocr_pages                 # target/scan-testset/{vi,zh}
//!   cargo bench --bench ocr_pages -- a.pdf b.pdf
//!
//! Each document runs once, in a rayon pool of one thread, so that the
//! wall-clock time is one core's; Tesseract runs with one OpenMP thread,
//! as in `ingest`.

use plangloss::ocr::tesseract;
use plangloss::pipeline::Settings;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    if let Err(why) = tesseract::version() {
        println!("skipped: {why}");
        return;
    }
    let files = files();
    if files.is_empty() {
        println!("no scanned PDFs: run scripts/make-scan-testset.sh, or name PDFs");
        return;
    }
    let pipeline = Settings::default().pipeline().expect("default settings");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    println!("| document | pages | s | pages/s | in Tesseract | outside |");
    println!("|---|---|---|---|---|---|");
    let (mut pages, mut seconds, mut engine) = (0, 0.0, 0.0);
    for path in &files {
        let bytes = std::fs::read(path).expect("a readable PDF");
        let engine_before = tesseract::engine_time();
        let started = Instant::now();
        let record = pool.install(|| pipeline.process_bytes(&bytes, &path.display().to_string()));
        let elapsed = started.elapsed().as_secs_f64();
        let in_engine = (tesseract::engine_time() - engine_before).as_secs_f64();
        let read = ocr_pages(&record.meta);
        report(&name(path), read, elapsed, in_engine);
        pages += read;
        seconds += elapsed;
        engine += in_engine;
    }
    report("all documents", pages, seconds, engine);
}

fn report(name: &str, pages: usize, seconds: f64, engine: f64) {
    println!(
        "| {name} | {pages} | {seconds:.2} | {:.3} | {:.1}% | {:.1}% |",
        pages as f64 / seconds,
        100.0 * engine / seconds,
        100.0 * (seconds - engine) / seconds
    );
}

/// How many pages `meta.ocr_pages` ("1-3,5") names.
fn ocr_pages(meta: &std::collections::BTreeMap<String, String>) -> usize {
    let Some(ranges) = meta.get("ocr_pages") else {
        return 0;
    };
    ranges
        .split(',')
        .map(|range| match range.split_once('-') {
            Some((first, last)) => {
                let (first, last) = (first.parse().unwrap_or(0), last.parse().unwrap_or(0));
                last + 1 - first.min(last + 1)
            }
            None => 1,
        })
        .sum()
}

fn name(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The PDFs named on the command line, else the scan test set's.
fn files() -> Vec<PathBuf> {
    let named: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if !named.is_empty() {
        return named;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/scan-testset");
    let mut found: Vec<PathBuf> = ["vi", "zh"]
        .iter()
        .filter_map(|lang| std::fs::read_dir(root.join(lang)).ok())
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
        .collect();
    found.sort();
    found
}
