//! `plangloss ingest corpora/`: every sample plan we wrote comes out with its
//! text, diacritics and CJK intact, its glossary terms found, valid against
//! the schema, and byte-identical whatever the number of jobs.

use crate::common::*;
use serde_json::Value;

const GLOSSARY: &str = "glossaries/program-terms.tsv";

fn ingest_corpora(jobs: &str) -> std::process::Output {
    plangloss(&["ingest", "corpora", "--glossary", GLOSSARY, "--jobs", jobs])
}

fn expectations() -> serde_json::Map<String, Value> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/corpora_expected.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn every_sample_plan_yields_the_text_we_wrote() {
    let output = ingest_corpora("2");
    assert!(
        output.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output);
    let expected = expectations();

    let files = files_under(&root().join("corpora"));
    assert!(
        files.len() >= 12,
        "corpora/ should hold at least 12 sample plans, has {}",
        files.len()
    );
    assert_eq!(records.len(), files.len(), "one record per file");
    for file in &files {
        assert!(
            expected.contains_key(file),
            "{file} has no entry in tests/fixtures/corpora_expected.json"
        );
    }

    for (path, want) in &expected {
        let record = find(&records, path);
        assert!(record.get("error").is_none(), "{path}: {}", record["error"]);
        assert_eq!(record["format"], want["format"], "{path}: format");
        assert_eq!(record["lang"], want["lang"], "{path}: language");
        let text = full_text(record);
        for phrase in want["must_contain"].as_array().unwrap() {
            let phrase = phrase.as_str().unwrap();
            assert!(
                text.contains(phrase),
                "{path}: missing {phrase:?}\n--- text ---\n{text}"
            );
        }
        for phrase in want
            .get("must_not_contain")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let phrase = phrase.as_str().unwrap();
            assert!(
                !text.contains(phrase),
                "{path}: boilerplate {phrase:?} was kept"
            );
        }
        let found: Vec<&Value> = record["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b["terms"].as_array().unwrap())
            .collect();
        for term in want["terms"].as_array().unwrap() {
            let hit = found
                .iter()
                .any(|t| t["entry"]["vi"] == *term || t["entry"]["zh"] == *term);
            assert!(hit, "{path}: glossary term {term} not found");
        }
    }
}

#[test]
fn corpora_output_matches_the_schema() {
    let output = ingest_corpora("2");
    assert_valid(&records(&output));
}

#[test]
fn output_is_byte_identical_for_any_job_count() {
    let one = ingest_corpora("1");
    let two = ingest_corpora("2");
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
}

#[test]
fn output_file_option_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let output = plangloss(&["ingest", "corpora", "-o", out.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty(), "-o writes nothing to stdout");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written.lines().count(),
        files_under(&root().join("corpora")).len()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("documents, 0 errors"),
        "summary line missing: {stderr}"
    );
}
