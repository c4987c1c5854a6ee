//! Pictures pasted into DOCX documents, read by OCR with `--ocr force`,
//! end to end: the fixtures of tests/fixtures/ocr-docx hold a part of a
//! printed plan as a picture between two paragraphs of text (Vietnamese: a
//! legacy VML picture, PNG, a red seal over the text; Chinese: DrawingML
//! as LibreOffice writes it, JPEG). Tests that need Tesseract are skipped,
//! with the reason, where it is not installed.

use crate::common::*;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A fixture: the text before and after its picture, words that open and
/// close the picture's text, and the least share of the picture's words
/// (a Han character is a word) OCR must find.
struct Pasted {
    name: &'static str,
    before: &'static str,
    after: &'static str,
    opening: &'static str,
    closing: &'static str,
    floor: f64,
}

/// Measured on Tesseract 5.3: 134/135 and 158/166 words; floors a little
/// under.
const FIXTURES: [Pasted; 2] = [
    Pasted {
        name: "vi-pasted-plan",
        before: "Ủy ban nhân dân huyện gửi kèm",
        after: "Các cơ quan, đơn vị căn cứ",
        opening: "KẾ HOẠCH",
        closing: "chẩn đoán giới tính thai",
        floor: 0.95,
    },
    Pasted {
        name: "zh-pasted-plan",
        before: "附件：实施方案扫描件如下。",
        after: "各乡镇卫生院",
        opening: "出生缺陷综合防治工作实施方案",
        closing: "遗传代谢性疾病",
        floor: 0.90,
    },
];

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/ocr-docx").join(name)
}

/// The record of `ingest PATH ARGS…`, checked against the schema.
fn ingest_with(path: &Path, args: &[&str]) -> Value {
    let mut all = vec!["ingest", path.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = plangloss(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output);
    assert_valid(&records);
    records.into_iter().next().expect("one record")
}

/// How many of `gold`'s words `found` has, and how many `gold` has.
fn words_matched(found: &str, gold: &str) -> (usize, usize) {
    let (found, gold) = (tokens(found), tokens(gold));
    let matched = gold
        .iter()
        .map(|(word, n)| (*n).min(found.get(word).copied().unwrap_or(0)))
        .sum();
    (matched, gold.values().sum())
}

#[test]
fn pasted_pictures_are_read_between_their_paragraphs() {
    if !tesseract_installed() {
        return;
    }
    for Pasted {
        name,
        before,
        after,
        opening,
        closing,
        floor,
    } in FIXTURES
    {
        let record = ingest_with(&fixture(&format!("{name}.docx")), &["--ocr", "force"]);
        let blocks = blocks(&record);
        let text = |b: &Value| b["text"].as_str().unwrap().to_string();
        let first = blocks.first().unwrap();
        let last = blocks.last().unwrap();
        assert!(text(first).starts_with(before), "{name}: {}", text(first));
        assert!(text(last).starts_with(after), "{name}: {}", text(last));
        for typed in [first, last] {
            assert!(typed.get("ocr").is_none() && typed.get("confidence").is_none());
        }
        let read = &blocks[1..blocks.len() - 1];
        assert!(read.len() >= 2, "{name}: {} blocks read", read.len());
        for block in read {
            assert_eq!(block["ocr"], true, "{name}: {block}");
            assert_eq!(block["kind"], "paragraph");
            let confidence = block["confidence"].as_f64().unwrap();
            assert!((0.5..=1.0).contains(&confidence), "{name}: {confidence}");
        }
        let ocr_text: Vec<String> = read.iter().map(text).collect();
        let ocr_text = ocr_text.join("\n");
        let gold = std::fs::read_to_string(fixture(&format!("{name}.picture.txt"))).unwrap();
        let (matched, total) = words_matched(&ocr_text, &gold);
        let share = matched as f64 / total as f64;
        eprintln!("{name}: {matched}/{total} words of the picture read");
        assert!(
            share >= floor,
            "{name}: {matched}/{total} words\n{ocr_text}"
        );
        // In order: the picture's first line opens its first block, its
        // last line is in the last.
        assert!(
            text(&read[0]).contains(opening),
            "{name}: {}",
            text(&read[0])
        );
        let end = text(read.last().unwrap());
        assert!(end.contains(closing), "{name}: {end}");
        assert_eq!(record["meta"]["ocr_pictures"], "1");
        assert!(
            record["meta"]["ocr_engine"]
                .as_str()
                .unwrap()
                .starts_with("Tesseract ")
        );
        assert_eq!(record["warnings"], serde_json::json!([]), "{name}");
    }
}

#[test]
fn without_force_docx_pictures_are_left_alone() {
    for Pasted {
        name,
        before,
        after,
        ..
    } in FIXTURES
    {
        let path = fixture(&format!("{name}.docx"));
        let default = ingest_with(&path, &[]);
        let texts: Vec<&str> = blocks(&default)
            .iter()
            .map(|b| b["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), 2, "{name}: {texts:?}");
        assert!(texts[0].starts_with(before) && texts[1].starts_with(after));
        assert!(blocks(&default).iter().all(|b| b.get("ocr").is_none()));
        assert!(default["meta"].get("ocr_pictures").is_none());
        assert_eq!(default["warnings"], serde_json::json!([]));
        for mode in ["auto", "off"] {
            assert_eq!(
                ingest_with(&path, &["--ocr", mode]),
                default,
                "{name} {mode}"
            );
        }
    }
}

/// The Vietnamese fixture with its picture cut to a third, as a damaged
/// download leaves it, in `dir`.
fn with_damaged_picture(dir: &Path) -> PathBuf {
    let source = std::fs::read(fixture("vi-pasted-plan.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(source)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut member = archive.by_index(index).unwrap();
        let name = member.name().unwrap().to_string();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        if name == "word/media/image1.png" {
            bytes.truncate(bytes.len() / 3);
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    let path = dir.join("damaged-picture.docx");
    std::fs::write(&path, writer.finish().unwrap().into_inner()).unwrap();
    path
}

#[test]
fn a_damaged_picture_is_a_warning_and_the_text_still_comes_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_damaged_picture(dir.path());
    let record = ingest_with(&path, &["--ocr", "force"]);
    let texts: Vec<&str> = blocks(&record)
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with(FIXTURES[0].before) && texts[1].starts_with(FIXTURES[0].after));
    let warnings = record["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("picture word/media/image1.png could not be read for OCR")),
        "{warnings:?}"
    );
    assert!(record.get("error").is_none());
}
