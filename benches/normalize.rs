//! The normalization stage alone (NFC, whitespace, controls, full-width
//! forms): MB of text per second on one core, on the text of the Vietnamese
//! and Chinese plans in `corpora/`, repeated to about 50 MB per row. The
//! Vietnamese plans include pages in windows-1258 and NFD, whose decomposed
//! text costs the composer most of the time; a second row shows the same
//! text composed beforehand, as most documents arrive.
//!
//!   cargo bench --bench normalize

use plangloss::normalize::normalize_text;
use plangloss::pipeline::Pipeline;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    println!("| text | MB | MB/s, one core |");
    println!("|---|---|---|");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    for (name, composed, lang) in [
        ("vi plans in corpora/, as extracted", false, "vi"),
        ("vi plans in corpora/, composed (NFC) first", true, "vi"),
        ("zh plans in corpora/, as extracted", false, "zh"),
    ] {
        let mut paragraphs = plan_paragraphs(&corpora.join(lang));
        if composed {
            // Windows-1258 and NFD pages arrive decomposed; most text does not.
            let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
            paragraphs = paragraphs
                .iter()
                .map(|p| nfc.normalize(p).into_owned())
                .collect();
        }
        let one_pass: usize = paragraphs.iter().map(String::len).sum();
        let repeats = (50_000_000 / one_pass.max(1)).max(1);
        let mb = (one_pass * repeats) as f64 / 1e6;
        let started = Instant::now();
        let mut kept = 0;
        for _ in 0..repeats {
            for paragraph in &paragraphs {
                kept += std::hint::black_box(normalize_text(paragraph)).len();
            }
        }
        let secs = started.elapsed().max(Duration::from_nanos(1)).as_secs_f64();
        assert!(kept > 0);
        println!("| {name} | {mb:.0} | {:.0} |", mb / secs);
    }
}

/// The text of every block of the plans in `dir`, as the extractors give it
/// to normalization (NFD pages and windows-1258 pages arrive decomposed).
fn plan_paragraphs(dir: &Path) -> Vec<String> {
    let pipeline = Pipeline::default();
    let mut paragraphs = Vec::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let Ok(format) = plangloss::detect::detect(&bytes) else {
            continue;
        };
        let read = plangloss::extract::ReadOptions::default();
        if let Ok(extraction) = plangloss::extract::extract(format, &bytes, &pipeline.limits, &read)
        {
            paragraphs.extend(extraction.blocks.into_iter().map(|b| b.text));
        }
    }
    paragraphs
}
