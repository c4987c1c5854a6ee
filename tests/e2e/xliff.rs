//! End-to-end runs of `plangloss xliff` and `plangloss tmx`: every document
//! of `corpora/` (and the real files of `../shared/corpus`) exported in
//! both XLIFF versions, read back with our reader: one unit per sentence of
//! `ingest`, in order, with the sentence's text; the TMX of a translated
//! file holds its translated units.

use crate::common::*;
use plangloss::xliff::read::{Kind, duplicate_ids, read};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The term texts each sentence of a record holds, in sentence order.
fn sentence_terms(record: &Value) -> Vec<BTreeSet<String>> {
    let mut out = Vec::new();
    for block in blocks(record) {
        let length = block["text"].as_str().unwrap().chars().count() as u64;
        let spans: Vec<(u64, u64)> = match block["sentences"].as_array().unwrap() {
            spans if spans.is_empty() => vec![(0, length)],
            spans => spans
                .iter()
                .map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap()))
                .collect(),
        };
        for (start, end) in spans {
            let terms = block["terms"].as_array().unwrap().iter();
            out.push(
                terms
                    .filter(|t| {
                        t["start"].as_u64().unwrap() >= start && t["end"].as_u64().unwrap() <= end
                    })
                    .map(|t| t["text"].as_str().unwrap().to_string())
                    .collect(),
            );
        }
    }
    out
}

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

/// Checks every document of `folder`; gives how many term notes the 1.2
/// files held.
fn check_folder(folder: &Path) -> usize {
    let folder = folder.to_str().unwrap();
    let records = records(&plangloss(&[
        "ingest",
        folder,
        "--glossary",
        "glossaries/program-terms.tsv",
    ]));
    let out = tempfile::tempdir().unwrap();
    let mut notes = 0;
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
            } else {
                // 1.2: one note per glossary term the sentence holds.
                let noted: Vec<BTreeSet<String>> = bilingual
                    .pairs
                    .iter()
                    .map(|p| {
                        let terms = p.notes.iter().filter_map(|n| n.split(" → ").next());
                        terms.map(str::to_string).collect()
                    })
                    .collect();
                assert_eq!(noted, sentence_terms(record), "{path}");
                notes += noted.iter().map(BTreeSet::len).sum::<usize>();
            }
            checked += 1;
        }
        assert!(checked > 0, "no document of {folder} exported");
    }
    notes
}

#[test]
fn every_corpora_document_round_trips_in_both_versions() {
    let notes = check_folder(&root().join("corpora"));
    assert!(notes > 100, "only {notes} term notes");
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
    // A file broken after a translated unit adds none of its units; the
    // memory keeps the sound file's.
    let broken = dir.path().join("broken.xlf");
    std::fs::write(
        &broken,
        "<xliff version=\"1.2\"><file source-language=\"vi\" target-language=\"zh-CN\"><body>\n\
         <trans-unit id=\"1\"><source>Gia đình</source><target>家庭</target></trans-unit>\n<trans-unit",
    )
    .unwrap();
    let out = plangloss(&[
        "tmx",
        broken.to_str().unwrap(),
        xliff.to_str().unwrap(),
        "-o",
        memory.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.xlf: line 3"));
    let tmx = read(&std::fs::read_to_string(&memory).unwrap()).unwrap();
    let targets: Vec<_> = tmx.pairs.iter().map(|p| p.target.as_deref()).collect();
    assert_eq!(targets, [Some("人口")]);
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

/// Exporting again over an XLIFF a translator has worked on keeps it, and
/// says why; `--overwrite` replaces it. A file plangloss wrote and nobody
/// translated is simply replaced.
#[test]
fn an_export_never_replaces_translations_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, "KẾ HOẠCH\n\nTăng cường công tác dân số.\n").unwrap();
    let xliff = dir.path().join("plan.xlf");
    let export = |extra: &[&str]| {
        let mut args = vec![
            "xliff",
            plan.to_str().unwrap(),
            "--target",
            "zh-CN",
            "-o",
            xliff.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        plangloss(&args)
    };
    assert!(export(&[]).status.success());
    assert!(export(&[]).status.success(), "untranslated: replaced");
    let exported = std::fs::read_to_string(&xliff).unwrap();
    let translated = exported.replacen("</source>", "</source><target>加强人口工作。</target>", 2);
    std::fs::write(&xliff, &translated).unwrap();
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("holds 2 translated units"), "{stderr}");
    assert!(stderr.contains("--overwrite"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&xliff).unwrap(), translated);
    std::fs::write(&xliff, "notes of mine").unwrap();
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an XLIFF file"));
    assert!(export(&["--overwrite"]).status.success());
    assert_eq!(std::fs::read_to_string(&xliff).unwrap(), exported);
}
