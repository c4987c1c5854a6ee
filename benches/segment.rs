//! Sentence segmentation alone: MB of text per second on one core, on the
//! normalized text of the Vietnamese and Chinese plans in `corpora/`, each
//! row the best of five runs of about 10 MB (the machines we measure on are
//! shared; the best run is the least disturbed).
//!
//!   cargo bench --bench segment

mod common;

use common::{best_of_five, normalized_blocks};
use plangloss::model::Lang;
use plangloss::segment::Segmenter;
use std::path::Path;

fn main() {
    let segmenter = Segmenter::default();
    println!("| text | MB per run | MB/s, one core (best of 5) |");
    println!("|---|---|---|");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    for (name, folder, lang) in [
        ("vi plans in corpora/", "vi", Lang::Vi),
        ("zh plans in corpora/", "zh", Lang::Zh),
    ] {
        let blocks = normalized_blocks(&corpora.join(folder));
        let one_pass: usize = blocks.iter().map(String::len).sum();
        let repeats = (10_000_000 / one_pass.max(1)).max(1);
        let mb = (one_pass * repeats) as f64 / 1e6;
        let best = best_of_five(|| {
            let mut sentences = 0;
            for _ in 0..repeats {
                for block in &blocks {
                    sentences += std::hint::black_box(segmenter.sentences(block, lang)).len();
                }
            }
            assert!(sentences > 0);
        });
        println!("| {name} | {mb:.0} | {:.0} |", mb / best);
    }
}
