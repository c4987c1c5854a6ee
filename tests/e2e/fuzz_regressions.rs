//! Every input a fuzz target once failed on (`tests/fixtures/fuzz/<target>/`)
//! must now give a valid record, or for the glossary and SRX targets a
//! clean result or error, without a panic.

use crate::common::*;
use plangloss::glossary::file::GlossaryFile;
use plangloss::glossary::{Glossary, parse_named};
use plangloss::segment::Segmenter;
use std::path::PathBuf;

fn inputs() -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let root = root().join("tests/fixtures/fuzz");
    for target in std::fs::read_dir(&root).unwrap().flatten() {
        if !target.path().is_dir() {
            continue;
        }
        for input in std::fs::read_dir(target.path()).unwrap().flatten() {
            found.push((
                target.file_name().to_string_lossy().into_owned(),
                input.path(),
            ));
        }
    }
    found.sort();
    found
}

#[test]
fn inputs_the_fuzzers_found_are_handled() {
    for (target, path) in inputs() {
        let bytes = std::fs::read(&path).unwrap();
        match target.as_str() {
            "glossary" => {
                let text = String::from_utf8_lossy(&bytes);
                if let Ok(file) = GlossaryFile::parse(&text) {
                    assert_eq!(file.to_text(), text, "{}", path.display());
                }
                if let Ok(entries) = parse_named(&text, "fuzz.tsv") {
                    Glossary::new(entries).find(&text);
                }
            }
            "srx" => {
                let xml = String::from_utf8_lossy(&bytes).into_owned();
                if let Ok(segmenter) = Segmenter::with_files(&[("fuzz.srx".into(), xml.clone())]) {
                    segmenter.sentences(&xml, plangloss::model::Lang::Und);
                }
            }
            _ => {
                let output = plangloss(&["ingest", path.to_str().unwrap()]);
                assert!(
                    matches!(output.status.code(), Some(0 | 1)),
                    "{}: {output:?}",
                    path.display()
                );
                let records = records(&output);
                assert_eq!(records.len(), 1, "{}", path.display());
                assert_valid(&records);
            }
        }
    }
}
