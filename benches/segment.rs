//! Sentence segmentation alone: MB of text per second on one core, on the
//! normalized text of the Vietnamese and Chinese plans in `corpora/`, each
//! row the best of five runs of about 10 MB (the machines we measure on are
//! shared; the best run is the least disturbed).
//!
//!   cargo bench --bench segment

use plangloss::model::Lang;
use plangloss::pipeline::Pipeline;
use plangloss::segment::Segmenter;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let segmenter = Segmenter::default();
    println!("| text | MB per run | MB/s, one core (best of 5) |");
    println!("|---|---|---|");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    for (name, folder, lang) in [
        ("vi plans in corpora/", "vi", Lang::Vi),
        ("zh plans in corpora/", "zh", Lang::Zh),
    ] {
        let blocks = plan_blocks(&corpora.join(folder));
        let one_pass: usize = blocks.iter().map(String::len).sum();
        let repeats = (10_000_000 / one_pass.max(1)).max(1);
        let mb = (one_pass * repeats) as f64 / 1e6;
        let best = (0..5)
            .map(|_| {
                let started = Instant::now();
                let mut sentences = 0;
                for _ in 0..repeats {
                    for block in &blocks {
                        sentences += std::hint::black_box(segmenter.sentences(block, lang)).len();
                    }
                }
                assert!(sentences > 0);
                started.elapsed().max(Duration::from_nanos(1)).as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        println!("| {name} | {mb:.0} | {:.0} |", mb / best);
    }
}

/// The normalized text of every block of the plans in `dir`.
fn plan_blocks(dir: &Path) -> Vec<String> {
    let pipeline = Pipeline::default();
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|file| pipeline.document(&std::fs::read(file).ok()?).ok())
        .flat_map(|document| document.extraction.blocks.into_iter().map(|b| b.text))
        .collect()
}
