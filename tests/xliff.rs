//! End-to-end runs of `plangloss xliff` and `plangloss tmx`: every document
//! of `corpora/` (and the real files of `../shared/corpus`) exported in
//! both XLIFF versions, read back with our reader: one unit per sentence of
//! `ingest`, in order, with the sentence's text; the TMX of a translated
//! file holds its translated units.

mod common;

use common::*;
use plangloss::xliff::read::{Kind, duplicate_ids, read};
use serde_json::Value;
use std::path::Path;

/// The sentence texts of a record, in order (a block without sentences is
/// one).
fn sentences(record: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks(record) {
        let chars: Vec<char> = block["text"].as_str().unwrap().chars().collect();
        let spans = block["sentences"].as_array().unwrap();
        if spans.is_empty() {
            out.push(chars.iter().collect());
        }
        for span in spans {
            let (start, end) = (
                span["start"].as_u64().unwrap(),
                span["end"].as_u64().unwrap(),
            );
            out.push(chars[start as usize..end as usize].iter().collect());
        }
    }
    out
}

fn check_folder(folder: &Path) {
    let folder = folder.to_str().unwrap();
    let records = records(&plangloss(&[
        "ingest",
        folder,
        "--glossary",
        "glossaries/program-terms.tsv",
    ]));
    let out = tempfile::tempdir().unwrap();
    for (version, kind) in [("1.2", Kind::Xliff12), ("2.1", Kind::Xliff2)] {
        let target = out.path().join(version);
        plangloss(&[
            "xliff",
            folder,
            "--target",
            "zh-CN",
            "--xliff",
            version,
            "--inline-terms",
            "--glossary",
            "glossaries/program-terms.tsv",
            "-o",
            target.to_str().unwrap(),
        ]);
        let mut checked = 0;
        for record in records.iter().filter(|r| r.get("error").is_none()) {
            let path = record["path"].as_str().unwrap();
            let file = target.join(format!("{path}.xlf"));
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let bilingual = read(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            assert_eq!(bilingual.kind, kind);
            let sources: Vec<String> = bilingual.pairs.iter().map(|p| p.source.clone()).collect();
            assert_eq!(sources, sentences(record), "{path} ({version})");
            if kind == Kind::Xliff2 {
                assert_eq!(
                    duplicate_ids(&text).unwrap(),
                    Vec::<String>::new(),
                    "{path}"
                );
            }
            checked += 1;
        }
        assert!(checked > 0, "no document of {folder} exported");
    }
}

#[test]
fn every_corpora_document_round_trips_in_both_versions() {
    check_folder(&root().join("corpora"));
}

#[test]
fn the_real_shared_documents_round_trip() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    for folder in [
        "vi/docx",
        "zh/docx",
        "vi/pdf",
        "zh/pdf",
        "zh/html",
        "vi/html-vbpl",
        "mixed",
    ] {
        check_folder(&corpus.join(folder));
    }
}

#[test]
fn a_translated_file_gives_a_memory_of_its_translated_units() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("plan.xlf");
    std::fs::write(
        &xliff,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="plan.docx" source-language="vi" target-language="zh-CN" datatype="x-docx"><body>
<trans-unit id="b1-s1"><source>Dân số</source><target state="translated">人口</target></trans-unit>
<trans-unit id="b1-s2"><source>Kế hoạch</source><target>Kế hoạch</target></trans-unit>
<trans-unit id="b1-s3"><source>Dân số</source><target>人口</target></trans-unit>
</body></file></xliff>"#,
    )
    .unwrap();
    let memory = dir.path().join("memory.tmx");
    let out = plangloss(&[
        "tmx",
        xliff.to_str().unwrap(),
        "-o",
        memory.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let tmx = read(&std::fs::read_to_string(&memory).unwrap()).unwrap();
    assert_eq!(tmx.kind, Kind::Tmx);
    assert_eq!(tmx.pairs.len(), 1);
    assert_eq!(tmx.pairs[0].target.as_deref(), Some("人口"));
    let broken = dir.path().join("broken.xlf");
    std::fs::write(&broken, "<xliff version=\"1.2\"><file>").unwrap();
    let out = plangloss(&["tmx", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.xlf: line 1"));
}

/// Hostile XLIFF gives a clear error naming its line, never a panic or a
/// blow-up: entity expansion ("billion laughs", external entities), deep
/// nesting, a truncated file.
#[test]
fn hostile_xliff_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">{}<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&e9;&ext;</source></trans-unit></body></file></xliff>",
        (1..10)
            .map(|n| format!("<!ENTITY e{n} \"{}\">", format!("&e{};", n - 1).repeat(10)))
            .collect::<String>()
    );
    let cases = [
        ("laughs.xlf", laughs, "line 3"),
        (
            "deep.xlf",
            format!("<xliff version=\"2.1\">\n{}", "<group>".repeat(100_000)),
            "line 2",
        ),
        (
            "truncated.xlf",
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>Dân".to_string(),
            "line 1",
        ),
    ];
    for (name, text, line) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = plangloss(&["tmx", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{name}: {line}")),
            "{name}: {stderr}"
        );
    }
}
