//! Scanned pages read by OCR, end to end: the image-only PDFs of
//! tests/fixtures/ocr (JPEG, Flate gray, CCITT G4, tiled strips, a red
//! seal, a page upside down, /Rotate 180) give their known text, and their
//! records mark the blocks as read by OCR. Skipped, with the reason, where
//! Tesseract is not installed.

use crate::common::*;

/// Each fixture and the least similarity to its known text it must reach
/// (measured 0.84–1.0 on Tesseract 5.3; floors a little under).
const FLOORS: [(&str, f64); 8] = [
    ("vi-ccitt-g4", 0.93),
    ("vi-dct-rotated", 0.93),
    ("vi-red-seal", 0.83),
    ("vi-rotate-180", 0.95),
    ("zh-flate-gray", 0.95),
    ("zh-tiled-strips", 0.85),
    ("zh-upside-down", 0.80),
    ("zh-traditional", 0.80),
];

#[test]
fn scanned_fixtures_give_their_known_text() {
    if !tesseract_installed() {
        return;
    }
    let folder = root().join("tests/fixtures/ocr");
    for (name, floor) in FLOORS {
        let pdf = folder.join(format!("{name}.pdf"));
        let out = plangloss(&["text", pdf.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let gold = std::fs::read_to_string(folder.join(format!("{name}.gold.txt"))).unwrap();
        let score = similarity(&String::from_utf8_lossy(&out.stdout), &gold);
        assert!(
            score >= floor,
            "{name}: similarity {score:.3} under {floor}"
        );
    }
}

#[test]
fn records_mark_what_ocr_read_and_ocr_off_warns() {
    if !tesseract_installed() {
        return;
    }
    let pdf = root().join("tests/fixtures/ocr/zh-flate-gray.pdf");
    let out = plangloss(&["ingest", pdf.to_str().unwrap()]);
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["lang"], "zh");
    assert_eq!(record["meta"]["ocr_pages"], "1");
    let blocks = record["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());
    for block in blocks {
        assert_eq!(block["ocr"], true);
        let confidence = block["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert_eq!(block["page"], 1);
    }
    let off = plangloss(&["ingest", pdf.to_str().unwrap(), "--ocr", "off"]);
    let record: serde_json::Value = serde_json::from_slice(&off.stdout).unwrap();
    assert!(record["blocks"].as_array().unwrap().is_empty());
    assert_eq!(record["warnings"][0], "no text layer on page 1; needs OCR");
}

#[test]
fn a_traditional_scan_is_read_with_the_traditional_model() {
    if !tesseract_installed() {
        return;
    }
    let pdf = root().join("tests/fixtures/ocr/zh-traditional.pdf");
    let text = |extra: &[&str]| {
        let mut args = vec!["text", pdf.to_str().unwrap()];
        args.extend(extra);
        let out = plangloss(&args);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    // Found by reading the first Chinese page with both models.
    let chosen = text(&[]);
    for words in ["衛生健康局", "計劃生育服務管理工作", "鄉鎮人民政府"] {
        assert!(chosen.contains(words), "{words} missing from {chosen}");
    }
    // The simplified model reads the same page in simplified characters.
    let simplified = text(&["--ocr-lang", "chi_sim"]);
    assert!(!simplified.contains("鄉鎮"), "{simplified}");
    assert!(simplified.contains("乡镇"), "{simplified}");
}
