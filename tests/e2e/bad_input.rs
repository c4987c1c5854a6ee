//! Bad input never stops a batch: each broken file becomes an error record,
//! the others are still written, and the exit status says so. Also the
//! real-world files of ../shared/corpus, which must all give records.

use crate::common::*;
use serde_json::Value;
use std::io::Write;

/// A minimal valid DOCX with one paragraph.
fn small_docx(text: &str) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut cursor);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    let body = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
    );
    zip.write_all(body.as_bytes()).unwrap();
    zip.finish().unwrap();
    cursor.into_inner()
}

fn error_kind<'a>(records: &'a [Value], path: &str) -> &'a str {
    find(records, path)["error"]["kind"]
        .as_str()
        .unwrap_or_else(|| panic!("{path} has no error"))
}

#[test]
fn broken_files_become_error_records_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = small_docx("Kế hoạch tiêm chủng mở rộng năm 2025");
    std::fs::write(dir.path().join("good.docx"), &good).unwrap();
    std::fs::write(dir.path().join("truncated.docx"), &good[..good.len() / 2]).unwrap();
    let random: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    std::fs::write(dir.path().join("random.pdf"), &random).unwrap();
    let mut fake_pdf = b"%PDF-1.7\n".to_vec();
    fake_pdf.extend(&random);
    std::fs::write(dir.path().join("garbage-after-header.pdf"), &fake_pdf).unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
    // An OLE2 header cut short after its signature: a damaged .doc.
    std::fs::write(dir.path().join("legacy.doc"), &doc).unwrap();
    std::fs::write(dir.path().join("zz-last.txt"), "计划生育工作方案。").unwrap();

    let missing = dir.path().join("not-there.pdf");
    let output = plangloss(&[
        "ingest",
        dir.path().to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit status 1 when any document failed"
    );
    let records = records(&output);
    assert_valid(&records);
    assert_eq!(records.len(), 8);

    assert!(find(&records, "good.docx").get("error").is_none());
    assert!(full_text(find(&records, "good.docx")).contains("tiêm chủng mở rộng"));
    assert!(full_text(find(&records, "zz-last.txt")).contains("计划生育"));
    assert_eq!(error_kind(&records, "truncated.docx"), "corrupt");
    assert_eq!(error_kind(&records, "random.pdf"), "unsupported_format");
    assert_eq!(error_kind(&records, "garbage-after-header.pdf"), "corrupt");
    assert_eq!(error_kind(&records, "empty.txt"), "corrupt");
    assert_eq!(error_kind(&records, "legacy.doc"), "corrupt");
    assert!(
        find(&records, "legacy.doc")["error"]["message"]
            .as_str()
            .unwrap()
            .contains("OLE2 compound file")
    );
    assert_eq!(error_kind(&records, missing.to_str().unwrap()), "io");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no such file or folder"), "{stderr}");
    assert!(stderr.contains("8 documents, 6 errors"), "{stderr}");
}

#[test]
fn files_over_the_size_limit_are_too_large() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "Dân số. ".repeat(200_000)).unwrap();
    let output = plangloss(&[
        "ingest",
        dir.path().to_str().unwrap(),
        "--max-file-size",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output);
    assert_eq!(error_kind(&records, "big.txt"), "too_large");
    assert_eq!(records[0]["bytes"], 2_200_000);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(plangloss(&["ingest"]).status.code(), Some(2));
    assert_eq!(
        plangloss(&["ingest", "corpora", "--jobs", "0"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        plangloss(&["ingest", "corpora", "--glossary", "no/such.tsv"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(plangloss(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn every_shared_real_world_file_gives_a_valid_record() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let output = plangloss(&["ingest", corpus.to_str().unwrap(), "--jobs", "2"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "crashed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output);
    assert_eq!(records.len(), files_under(&corpus).len());
    assert_valid(&records);
    for record in &records {
        let path = record["path"].as_str().unwrap();
        let message = record["error"]["message"].as_str().unwrap_or_default();
        assert!(
            !message.contains("internal error"),
            "{path} panicked inside an extractor: {message}"
        );
        // The foundation promise: DOCX and HTML files of the shared corpus all extract.
        if path.ends_with(".docx") || path.ends_with(".html") {
            assert!(record.get("error").is_none(), "{path}: {message}");
            assert!(
                !record["blocks"].as_array().unwrap().is_empty(),
                "{path}: no blocks"
            );
        }
    }
    let text = |path: &str| full_text(find(&records, path));
    assert!(
        text("vi/docx/nd30-2020-main.docx")
            .contains("Chính phủ ban hành Nghị định về công tác văn thư.")
    );
    assert!(text("mixed/docx/docxrs-bom-document2.docx").contains("Hello"));
    assert!(text("vi/txt/uchardet-vi-utf8.txt").contains("Việt"));
    assert_eq!(
        find(&records, "pdf/aes-128.pdf")["error"]["kind"],
        "encrypted"
    );
}
