//! Scanned pages whose only image is JPEG 2000 or JBIG2, read by OCR end to
//! end (tests/fixtures/ocr-codecs): a plan page in gray JPEG 2000 and two
//! real JBIG2 pages, one of them with its symbols in a `/JBIG2Globals`
//! stream, give their words; a damaged image is a warning, not a crash.
//! Skipped, with the reason, where Tesseract is not installed.

use crate::common::*;
use lopdf::{Document, Object};

fn tesseract_installed() -> bool {
    match plangloss::ocr::tesseract::version() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("skipping: {why}");
            false
        }
    }
}

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/ocr-codecs")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// `plangloss text --ocr auto` on `pdf`: its text, after checking that it
/// ran and read every image.
fn ocr_text(pdf: &str) -> String {
    let out = plangloss(&["text", "--ocr", "auto", pdf]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{pdf}: {stderr}");
    assert!(!stderr.contains("image"), "{pdf}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn assert_words(pdf: &str, words: &[&str]) {
    let text = ocr_text(&fixture(pdf));
    for word in words {
        assert!(text.contains(word), "{pdf}: no {word:?} in {text}");
    }
}

#[test]
fn a_jpx_pdf_page_is_read_by_ocr() {
    if !tesseract_installed() {
        return;
    }
    assert_words(
        "jpx-vi-plan.pdf",
        &[
            "Triển khai hoạt động Tiêm chủng mở rộng năm 2025",
            "Luật Phòng, chống bệnh truyền nhiễm",
            "Quyết định số 1015/QĐ-UBND",
            "ngân sách nhà nước",
        ],
    );
}

#[test]
fn jbig2_pdf_pages_are_read_by_ocr() {
    if !tesseract_installed() {
        return;
    }
    // Dutch typed text; its symbols are in the /JBIG2Globals stream.
    assert_words(
        "jbig2-typewriter.pdf",
        &[
            "linzen",
            "laurier",
            "melk een papje",
            "bloem, boter",
            "De helft van de",
        ],
    );
    assert_words(
        "jbig2-message.pdf",
        &["PRESIDENT", "Congress", "Japan", "GRANT"],
    );
}

#[test]
fn a_damaged_jpx_or_jbig2_pdf_image_is_a_warning() {
    if !tesseract_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["jpx-vi-plan.pdf", "jbig2-message.pdf"] {
        let mut doc = Document::load(fixture(name)).unwrap();
        let image = doc
            .objects
            .values_mut()
            .filter_map(|object| object.as_stream_mut().ok())
            .find(|stream| stream.dict.get(b"Width").is_ok())
            .unwrap();
        image.content.truncate(20);
        image.dict.set("Length", Object::Integer(20));
        let path = dir.path().join(name);
        doc.save(&path).unwrap();
        let out = plangloss(&["text", "--ocr", "auto", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stderr.contains("a damaged image"), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
    }
}
