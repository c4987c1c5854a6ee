//! Glossary matching and loading, with generated glossaries: matching
//! throughput (MB of block text per second on one core) with 10,000
//! entries, and the time to load (parse and compile) 100,000 entries.
//! Best of five runs each.
//!
//!   cargo bench --bench glossary [-- load|match]

mod common;

use common::{best_of_five, normalized_blocks};
use plangloss::glossary::Glossary;
use std::path::Path;

const SYLLABLES: [&str; 24] = [
    "dân", "số", "kế", "hoạch", "hóa", "gia", "đình", "sức", "khỏe", "sinh", "sản", "chăm", "sóc",
    "trẻ", "em", "người", "cao", "tuổi", "tiêm", "chủng", "truyền", "thông", "y", "tế",
];
const HAN: &str = "人口计划生育健康卫生服务管理儿童妇女老年免疫规划宣传教育医疗保险乡镇县省市";

/// A glossary of `entries` distinct rows, plus the shipped one's terms.
fn generated(entries: usize) -> String {
    let han: Vec<char> = HAN.chars().collect();
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/program-terms.tsv"),
    )
    .unwrap();
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % n as u64) as usize
    };
    for i in 0..entries {
        let words = 2 + next(3);
        let vi: Vec<&str> = (0..words)
            .map(|_| SYLLABLES[next(SYLLABLES.len())])
            .collect();
        let zh: String = (0..2 + next(4)).map(|_| han[next(han.len())]).collect();
        text.push_str(&format!("{} {i}\t{zh}{i}\tterm {i}\t\n", vi.join(" ")));
    }
    text
}

fn main() {
    let dir = std::env::temp_dir().join(format!("plangloss-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (small, large) = (dir.join("10k.tsv"), dir.join("100k.tsv"));
    std::fs::write(&small, generated(10_000)).unwrap();
    std::fs::write(&large, generated(100_000)).unwrap();

    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |part: &str| only.as_deref().is_none_or(|only| only == part);
    if wanted("load") {
        // Dropping the glossary is not part of loading it: each one is
        // kept until the end.
        let mut loaded = Vec::new();
        let load = best_of_five(|| {
            loaded.push(std::hint::black_box(Glossary::load(&[&large]).unwrap()));
        });
        drop(loaded);
        println!(
            "| load (parse + compile) 100,000 entries | {:.0} ms |",
            load * 1000.0
        );
    }
    if wanted("match") {
        bench_matching(&small);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Matching throughput with the glossary at `path`: all blocks of
/// `corpora/`, then its Chinese and its other blocks apart; then the same
/// for the real documents of `../shared/corpus/` when it is there. Our own
/// `corpora/` is small (88 KB, read again and again, which a branch
/// predictor may partly learn) and dense in glossary terms; the shared
/// corpus is a megabyte of other people's documents.
fn bench_matching(path: &Path) {
    let glossary = Glossary::load(&[path]).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    bench_matching_in(
        &glossary,
        "corpora/",
        &normalized_blocks(&root.join("corpora")),
    );
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        bench_matching_in(&glossary, "shared corpus", &normalized_blocks(&shared));
    } else {
        println!("(../shared/corpus is absent: no figures for real documents)");
    }
}

/// [`bench_matching`] on `blocks`, the blocks of the corpus `corpus`.
fn bench_matching_in(glossary: &Glossary, corpus: &str, blocks: &[String]) {
    let (chinese, other): (Vec<String>, Vec<String>) = blocks
        .iter()
        .cloned()
        .partition(|block| block.chars().any(plangloss::script::is_han));
    for (name, blocks) in [
        (format!("{corpus} blocks"), blocks),
        (format!("{corpus} Chinese blocks"), &chinese[..]),
        (
            format!("{corpus} Vietnamese and English blocks"),
            &other[..],
        ),
    ] {
        let one_pass: usize = blocks.iter().map(String::len).sum();
        let repeats = (10_000_000 / one_pass).max(1);
        let mut hits = 0;
        let secs = best_of_five(|| {
            hits = 0;
            for _ in 0..repeats {
                for block in blocks {
                    hits += std::hint::black_box(glossary.find(block)).len();
                }
            }
        });
        assert!(hits > 0);
        let mb = (one_pass * repeats) as f64 / 1e6;
        println!(
            "| match, 10,000 entries, {name} ({mb:.0} MB, {:.0} hits/MB) | {:.0} MB/s |",
            hits as f64 / mb,
            mb / secs
        );
    }
}
