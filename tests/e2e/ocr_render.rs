//! Pages OCR'd from their rendering: a page whose text is in a font with no
//! Unicode mapping (tests/fixtures/ocr-render) is read by OCR by default
//! and only warned about with `--ocr off`; a text PDF is left alone by
//! default and read from its rendering under `--ocr force`, where a blank
//! page is neither read nor reported as poorly read. Skipped, with
//! the reason, where Tesseract is not installed.

use crate::common::*;
use serde_json::Value;

const NO_TOUNICODE: &str = "tests/fixtures/ocr-render/no-tounicode.pdf";
const TEXT_PDF: &str = "corpora/vi/kh-cham-soc-nguoi-cao-tuoi-2025.pdf";

/// The record of `path` ingested with `extra` arguments.
fn record(path: &str, extra: &[&str]) -> Value {
    let path = root().join(path);
    let mut args = vec!["ingest", path.to_str().unwrap()];
    args.extend(extra);
    let out = plangloss(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn warnings(record: &Value) -> Vec<String> {
    record["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|w| w.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_unmapped_font_page_is_read_from_its_rendering() {
    if !tesseract_installed() {
        return;
    }
    let read = record(NO_TOUNICODE, &[]);
    let text = full_text(&read);
    for words in [
        "KẾ HOẠCH",
        "Người cao tuổi",
        "khám sức khỏe",
        "trạm y tế",
        "chất lượng",
    ] {
        assert!(text.contains(words), "{words} not in {text}");
    }
    for block in blocks(&read) {
        assert_eq!(block["ocr"], true, "{block}");
        assert_eq!(block["page"], 1);
    }
    assert_eq!(read["meta"]["ocr_pages"], "1");
    assert_eq!(read["lang"], "vi");
    // Read, so no warning that its glyphs were skipped.
    assert!(
        warnings(&read)
            .iter()
            .all(|w| !w.contains("Unicode mapping")),
        "{:?}",
        warnings(&read)
    );
}

#[test]
fn with_ocr_off_the_unmapped_font_page_is_only_warned_about() {
    let off = record(NO_TOUNICODE, &["--ocr", "off"]);
    assert!(blocks(&off).is_empty(), "{off}");
    assert!(
        warnings(&off).iter().any(|w| w
            .starts_with("font ABCDEF+NotoSans has no usable Unicode mapping")
            && w.ends_with("its text was skipped on page 1")),
        "{:?}",
        warnings(&off)
    );
    assert!(off["meta"].get("ocr_pages").is_none());
}

#[test]
fn a_text_pdf_is_unchanged_by_default() {
    let auto = record(TEXT_PDF, &[]);
    let off = record(TEXT_PDF, &["--ocr", "off"]);
    assert_eq!(auto["blocks"], off["blocks"]);
    assert_eq!(auto["warnings"], off["warnings"]);
    assert!(auto["meta"].get("ocr_pages").is_none());
    assert!(
        blocks(&auto)
            .iter()
            .all(|b| b.get("ocr").is_none() || b["ocr"] == false)
    );
}

#[test]
fn forced_ocr_reads_a_text_pdf_from_its_rendering() {
    if !tesseract_installed() {
        return;
    }
    let forced = record(TEXT_PDF, &["--ocr", "force"]);
    assert_eq!(forced["meta"]["ocr_pages"], "1, 2, 3");
    let found = blocks(&forced);
    assert!(!found.is_empty());
    for block in found {
        assert_eq!(block["ocr"], true, "{block}");
    }
    let text = full_text(&forced);
    let gold = full_text(&record(TEXT_PDF, &["--ocr", "off"]));
    for words in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "người cao tuổi",
        "TRUNG TÂM Y TẾ",
    ] {
        assert!(text.contains(words), "{words} not in {text}");
    }
    let score = similarity(&text, &gold);
    assert!(score >= 0.9, "similarity {score:.3} to the text layer");
}

#[test]
fn a_blank_page_is_neither_read_nor_called_poorly_read() {
    if !tesseract_installed() {
        return;
    }
    let forced = record(
        "tests/fixtures/ocr-render/text-then-blank.pdf",
        &["--ocr", "force"],
    );
    assert_eq!(forced["meta"]["ocr_pages"], "1");
    let all = warnings(&forced);
    assert!(all.iter().all(|w| !w.contains("confidence")), "{all:?}");
    assert!(full_text(&forced).contains("tiem chung"));
}
