//! Spreadsheets end to end through the binary: the LibreOffice-made
//! fixtures of `tests/fixtures/sheet/` in all three formats, and the real
//! legacy-encoded `.xls` files of `../shared/corpus/vi/legacy/xls/` against
//! their transcripts.

use crate::common::*;
use serde_json::Value;

#[test]
fn workbooks_give_sheet_headings_then_their_cells_in_every_format() {
    for format in ["xls", "xlsx", "ods"] {
        let path = format!("tests/fixtures/sheet/workbook.{format}");
        let record = ingest(&path);
        assert_eq!(record["format"], format, "{path}");
        assert!(
            record.get("error").is_none_or(Value::is_null),
            "{path}: {record}"
        );
        let headings: Vec<&str> = blocks(&record)
            .iter()
            .filter(|b| b["kind"] == "heading")
            .map(|b| b["text"].as_str().unwrap())
            .collect();
        assert_eq!(headings, ["Kế hoạch", "Phụ lục", "Ẩn"], "{path}");
        let cell = blocks(&record)
            .iter()
            .find(|b| b["text"] == "Hà Nội")
            .unwrap_or_else(|| panic!("{path}: no Hà Nội cell"));
        assert_eq!(cell["kind"], "table_cell");
        assert_eq!(cell["sheet"], "Phụ lục");
        assert_eq!(cell["table"]["index"], 1);
        assert_eq!(
            (cell["table"]["row"].as_u64(), cell["table"]["col"].as_u64()),
            (Some(2), Some(3))
        );
        let text = full_text(&record);
        for shown in ["2005-08-31T14:30:00", "0.3", "#DIV/0!", "TRUE", "49"] {
            assert!(
                text.lines().any(|l| l == shown),
                "{path}: no cell {shown:?}"
            );
        }
        assert!(
            !text.contains("bản cũ"),
            "{path}: a merged area repeated text"
        );
        assert!(!text.contains("SUM"), "{path}: a formula's text came out");
        assert_eq!(record["lang"], "vi", "{path}");
        assert_eq!(record["meta"]["sheets"], "4", "{path}");
    }
}

#[test]
fn tcvn3_workbooks_are_decoded_in_every_format() {
    for format in ["xls", "xlsx", "ods"] {
        let path = format!("tests/fixtures/sheet/tcvn3.{format}");
        let record = ingest(&path);
        let text = full_text(&record);
        assert!(
            text.contains("Độc lập - Tự do - Hạnh phúc"),
            "{path}: {text}"
        );
        assert!(
            text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{path}: {text}"
        );
        // A cell in Arial whose second run is in .VnTime.
        assert!(text.contains("Ghi chú: dài 80m"), "{path}: {text}");
        assert_eq!(record["meta"]["legacy_encodings"], "TCVN3", "{path}");
    }
}

/// Token F1 of each real workbook against its transcript, as measured when
/// this test was written; cells in Unicode fonts holding TCVN3 text (left to
/// decoding by content) and the transcripts' own slips account for the gap.
const REAL_WORKBOOKS: &[(&str, f64)] = &[
    ("2005-2BZ73_FDI_Dong_Nam_Bo", 0.99),
    ("2005-34448_Data_08-2005_Website", 0.99),
    ("2005-391F5_Danh_muc", 0.99),
    ("2005-82F5B_NK_01-05", 0.975),
    ("2005-8A2AC_NKT2.05", 0.98),
    ("2005-FDILangson", 0.99),
    ("2005-KH2003-bieu", 0.95),
    ("2006-15786_FDI_Hoa_Ky", 0.99),
    ("2006-2005_12_20_160215", 0.94),
    ("2006-Mau22_CKTC_NSH-1", 0.99),
    ("2006-Mau22_CKTC_NSH", 0.99),
    ("2007-2007_01_09_103051", 0.99),
    ("2009-xls", 0.975),
];

#[test]
fn real_legacy_workbooks_match_their_transcripts() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let legacy = shared.join("vi/legacy");
    for (name, threshold) in REAL_WORKBOOKS {
        let path = legacy.join(format!("xls/{name}.xls"));
        let record = ingest(path.to_str().unwrap());
        assert!(
            record.get("error").is_none_or(Value::is_null),
            "{name}: {}",
            record["error"]
        );
        let gold = std::fs::read_to_string(legacy.join(format!("gold/{name}.txt"))).unwrap();
        let f1 = token_f1(&full_text(&record), &gold);
        eprintln!("{name}: token F1 {f1:.4}");
        assert!(
            f1 >= *threshold,
            "{name}: token F1 {f1:.4} below {threshold}"
        );
        assert!(
            record["meta"]["legacy_encodings"].as_str().is_some(),
            "{name}: no legacy text found: {}",
            record["meta"]
        );
    }
}

/// A workbook damaged where calamine indexes record data without checking
/// (eight bits of `workbook.xls` flipped): the record says `corrupt`, and no
/// panic message reaches stderr, since the reader caught it.
#[test]
fn a_panic_inside_calamine_is_a_quiet_corrupt_record() {
    let output = plangloss(&["ingest", "tests/fixtures/fuzz/xls/calamine-panic.xls"]);
    assert_eq!(output.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["kind"], "corrupt");
    let message = record["error"]["message"].as_str().unwrap();
    assert!(message.contains("probably damaged"), "{message}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
