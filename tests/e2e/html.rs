//! End-to-end HTML runs of the binary: the article of each page, without the
//! portal around it, measured as `scripts/html_quality.py` measures it (bag
//! of tokens, a CJK character one token), on our portal pages in `corpora/`
//! and on the 35 real Chinese pages of `../shared/corpus/zh/html`.

use crate::common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The body text of each record (header/footer blocks left out), by path.
fn texts(records: &[Value]) -> HashMap<String, String> {
    records
        .iter()
        .map(|record| {
            let blocks = record["blocks"].as_array().cloned().unwrap_or_default();
            let body: Vec<&str> = blocks
                .iter()
                .filter(|b| b["kind"] != "header" && b["kind"] != "footer")
                .filter_map(|b| b["text"].as_str())
                .collect();
            (
                record["path"].as_str().unwrap().to_string(),
                body.join("\n"),
            )
        })
        .collect()
}

/// F1 of each page under `dirs` against `gold_dir/<stem>.txt`.
fn scores(dirs: &[&Path], gold_dir: &Path) -> Vec<(String, f64)> {
    let args: Vec<&str> = std::iter::once("ingest")
        .chain(dirs.iter().map(|d| d.to_str().unwrap()))
        .collect();
    let texts = texts(&records(&plangloss(&args)));
    let mut scores: Vec<(String, f64)> = texts
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, text)| {
            let stem = Path::new(path).file_stem().unwrap().to_string_lossy();
            let gold = std::fs::read_to_string(gold_dir.join(format!("{stem}.txt")))
                .unwrap_or_else(|e| panic!("{path}: no gold text ({e})"));
            (path.clone(), f1(text, &gold))
        })
        .collect();
    scores.sort_by(|a, b| a.0.cmp(&b.0));
    scores
}

#[test]
fn our_portal_pages_give_their_article() {
    let root = root();
    let scores = scores(
        &[&root.join("corpora/vi/web"), &root.join("corpora/zh/web")],
        &root.join("tests/fixtures/html-gold"),
    );
    assert!(scores.len() >= 12, "{scores:?}");
    for (path, f1) in &scores {
        assert!(*f1 >= 0.97, "{path}: F1 {f1:.3} below 0.97");
    }
}

#[test]
fn real_chinese_pages_score_above_the_peers() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let scores = scores(&[&corpus.join("zh/html")], &corpus.join("zh/html-gold"));
    assert_eq!(scores.len(), 35);
    let mean = scores.iter().map(|s| s.1).sum::<f64>() / scores.len() as f64;
    eprintln!("mean F1 {mean:.3}");
    // readability-lxml scores 0.888 on these pages, trafilatura 0.654.
    assert!(mean >= 0.93, "mean F1 {mean:.3}: {scores:?}");
    for (path, f1) in &scores {
        assert!(*f1 >= 0.5, "{path}: F1 {f1:.3}");
    }
}

#[test]
fn legal_portal_pages_give_the_document_body() {
    let Some(pages) = shared_path("corpus/vi/html-vbpl") else {
        return;
    };
    let scores = scores(&[&pages], &pages.join("gold"));
    assert_eq!(scores.len(), 8);
    // trafilatura scores 0.951 to 0.994 on these pages.
    for (path, f1) in &scores {
        assert!(*f1 >= 0.99, "{path}: F1 {f1:.3} below 0.99");
    }
}

#[test]
fn whole_page_keeps_the_portal() {
    let page = "corpora/vi/web/binhan-ctv-dan-so-counter.html";
    let article = texts(&records(&plangloss(&["ingest", page])));
    let whole = texts(&records(&plangloss(&["ingest", "--whole-page", page])));
    assert!(!article[page].contains("LƯỢT TRUY CẬP"));
    assert!(whole[page].contains("LƯỢT TRUY CẬP"));
    assert!(whole[page].contains("Các bài liên quan"));
    assert!(whole[page].contains(article[page].lines().nth(1).unwrap()));
}

#[test]
fn token_bags_count_cjk_characters_one_by_one() {
    assert_eq!(f1("计划生育 Kế hoạch", "计划生育，Kế hoạch！"), 1.0);
    assert!((f1("计划", "计划生育") - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(f1("", "x"), 0.0);
}
