//! The normalization stage alone (NFC, whitespace, controls, full-width
//! forms): MB of text per second on one core, on the text of the Vietnamese
//! and Chinese plans in `corpora/`, repeated to about 50 MB per row. The
//! Vietnamese plans include pages in windows-1258 and NFD, whose decomposed
//! text costs the composer most of the time; a second row shows the same
//! text composed beforehand, as most documents arrive, and a third all of
//! it decomposed (NFD), the worst case. Each row is the
//! best of five timed runs of about 10 MB: the machines we measure on are
//! shared, and the best run is the one least disturbed.
//!
//!   cargo bench --bench normalize [-- FILTER]    (rows whose name has FILTER)

mod common;

use common::{best_of_five, sorted_files};
use plangloss::normalize::normalize_text;
use plangloss::pipeline::Pipeline;
use std::path::Path;

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!("| text | MB per run | MB/s, one core (best of 5) |");
    println!("|---|---|---|");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    for (name, form, lang) in [
        (
            "vi plans in corpora/, as extracted",
            Form::AsExtracted,
            "vi",
        ),
        (
            "vi plans in corpora/, composed (NFC) first",
            Form::Nfc,
            "vi",
        ),
        (
            "vi plans in corpora/, decomposed (NFD) first",
            Form::Nfd,
            "vi",
        ),
        (
            "zh plans in corpora/, as extracted",
            Form::AsExtracted,
            "zh",
        ),
    ] {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let mut paragraphs = plan_paragraphs(&corpora.join(lang));
        // Windows-1258 and NFD pages arrive decomposed; most text does not.
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
        match form {
            Form::AsExtracted => {}
            Form::Nfc => paragraphs
                .iter_mut()
                .for_each(|p| *p = nfc.normalize(p).into_owned()),
            Form::Nfd => paragraphs
                .iter_mut()
                .for_each(|p| *p = nfd.normalize(p).into_owned()),
        }
        let one_pass: usize = paragraphs.iter().map(String::len).sum();
        let repeats = (10_000_000 / one_pass.max(1)).max(1);
        let mb = (one_pass * repeats) as f64 / 1e6;
        let best = best_of_five(|| {
            let mut kept = 0;
            for _ in 0..repeats {
                for paragraph in &paragraphs {
                    kept += std::hint::black_box(normalize_text(paragraph)).len();
                }
            }
            assert!(kept > 0);
        });
        println!("| {name} | {mb:.0} | {:.0} |", mb / best);
    }
}

enum Form {
    AsExtracted,
    Nfc,
    Nfd,
}

/// The text of every block of the plans in `dir`, as the extractors give it
/// to normalization (NFD pages and windows-1258 pages arrive decomposed).
fn plan_paragraphs(dir: &Path) -> Vec<String> {
    let pipeline = Pipeline::default();
    let mut paragraphs = Vec::new();
    for file in sorted_files(dir) {
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
