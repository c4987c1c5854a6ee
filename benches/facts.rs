//! The document-facts stage's share of `ingest corpora/`: every document of
//! `corpora/` processed whole (`Pipeline::process_bytes`, which includes
//! the stage), against the stage alone (`facts::document_facts` on the same
//! documents' annotated blocks), each the best of five runs of 20 passes on
//! one core. The target: the stage adds at most 5%.
//!
//!   cargo bench --bench facts

mod common;

use common::{best_of_five, sorted_files};
use plangloss::facts::{DocTypes, document_facts};
use plangloss::pipeline::Pipeline;
use std::path::Path;

const PASSES: usize = 20;

fn main() {
    let pipeline = Pipeline {
        glossary: plangloss::glossary::Glossary::load(&[
            Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/program-terms.tsv")
        ])
        .expect("the shipped glossary loads"),
        ..Pipeline::default()
    };
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let files: Vec<(String, Vec<u8>)> = sorted_files(&corpora)
        .into_iter()
        .filter_map(|f| Some((f.display().to_string(), std::fs::read(&f).ok()?)))
        .collect();
    let blocks: Vec<_> = files
        .iter()
        .map(|(path, bytes)| pipeline.process_bytes(bytes, path).blocks)
        .collect();
    let whole = best_of_five(|| {
        for _ in 0..PASSES {
            for (path, bytes) in &files {
                std::hint::black_box(pipeline.process_bytes(bytes, path));
            }
        }
    });
    let types = DocTypes::shipped();
    let stage = best_of_five(|| {
        for _ in 0..PASSES {
            for document in &blocks {
                std::hint::black_box(document_facts(document, None, types));
            }
        }
    });
    println!(
        "| {} documents of corpora/, {PASSES} passes, one core | s (best of 5) | share |",
        files.len()
    );
    println!("|---|---|---|");
    println!("| whole pipeline (process_bytes) | {whole:.3} | 100% |");
    println!(
        "| document facts stage alone | {stage:.3} | {:.1}% |",
        100.0 * stage / whole
    );
    let part = |name: &str, run: &dyn Fn(&[plangloss::model::Block])| {
        let seconds = best_of_five(|| {
            for _ in 0..PASSES {
                for document in &blocks {
                    run(document);
                }
            }
        });
        println!(
            "| - {name} | {seconds:.3} | {:.1}% |",
            100.0 * seconds / whole
        );
    };
    part("lines + header", &|b| {
        let mut facts = plangloss::facts::DocumentFacts::default();
        plangloss::facts::header::read(&plangloss::facts::edge_lines(b, 80, 80), types, &mut facts);
        std::hint::black_box(facts);
    });
    part("lines + signature", &|b| {
        let mut facts = plangloss::facts::DocumentFacts::default();
        let lines = plangloss::facts::edge_lines(b, 80, 80);
        plangloss::facts::signature::read(b, b.len(), &lines, &mut facts);
        std::hint::black_box(facts);
    });
    part("references", &|b| {
        std::hint::black_box(plangloss::facts::references::find(b, types, None));
    });
    part("outline", &|b| {
        std::hint::black_box(plangloss::facts::outline::build(b));
    });
}
