//! PDF streams whose filters go by their abbreviated names (`/Fl` for
//! `/FlateDecode`…), as pdfFactory writes them on page content streams:
//! the real file of `../shared/corpus/vi/pdf/`, end to end.

use crate::common::*;
use std::process::Command;

#[test]
fn pdffactory_pages_with_abbreviated_filters_give_their_text() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let path = shared.join("vi/pdf/pdffactory-fl-baocao-q1-2005.pdf");
    let output = plangloss(&["ingest", path.to_str().unwrap()]);
    let records = records(&output);
    assert_valid(&records);
    let record = &records[0];
    assert!(record["error"].is_null(), "{}", record["error"]);
    let warnings = record["warnings"].to_string();
    assert!(!warnings.contains("could not be decoded"), "{warnings}");
    let text = full_text(record);
    for phrase in [
        "TÌNH HÌNH KINH TẾ - XÃ HỘI VÀ KẾT QUẢ GIAO BAN",
        "Quốc hội khoá XI đã thông qua Nghị quyết",
        "Tốc độ tăng trưởng GDP",
        "dự toán ngân sách nhà nước năm 2005",
    ] {
        assert!(text.contains(phrase), "no {phrase:?} in the text");
    }
    assert_eq!(record["lang"], "vi");
    assert_eq!(record["meta"]["pages"], "20");

    // Against poppler's reading of the same file, where it is installed.
    match Command::new("pdftotext").arg(&path).arg("-").output() {
        Ok(poppler) if poppler.status.success() => {
            let theirs = String::from_utf8_lossy(&poppler.stdout);
            let f1 = token_f1(&text, &theirs);
            eprintln!("token F1 against pdftotext: {f1:.4}");
            assert!(f1 >= 0.99, "token F1 {f1:.4} against pdftotext");
        }
        _ => eprintln!("pdftotext not installed: comparison skipped"),
    }
}
