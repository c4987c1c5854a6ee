//! DOCX at full fidelity, end to end through the binary: list and heading
//! labels, headers and footers, notes linked to their marks, metadata, on the
//! Word-made samples of `corpora/` and on the real files of `../shared/corpus/`.

mod common;

use common::*;
use serde_json::Value;

fn ingest(path: &str) -> Value {
    let output = plangloss(&["ingest", path]);
    let records = records(&output);
    assert_valid(&records);
    records.into_iter().next().expect("one record")
}

fn blocks(record: &Value) -> &Vec<Value> {
    record["blocks"].as_array().unwrap()
}

/// `(label, text)` of the blocks of `kind`, in order.
fn labelled<'a>(record: &'a Value, kind: &str) -> Vec<(&'a str, &'a str)> {
    blocks(record)
        .iter()
        .filter(|b| b["kind"] == kind)
        .map(|b| {
            (
                b["label"].as_str().unwrap_or(""),
                b["text"].as_str().unwrap(),
            )
        })
        .collect()
}

fn block_starting<'a>(record: &'a Value, start: &str) -> &'a Value {
    blocks(record)
        .iter()
        .find(|b| b["text"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no block starts with {start:?}"))
}

#[test]
fn word_headings_and_lists_carry_their_rendered_labels() {
    let record = ingest("corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx");
    let headings: Vec<&str> = labelled(&record, "heading").iter().map(|h| h.0).collect();
    assert_eq!(headings, ["I.", "1.", "2.", "II.", "1.", "III."]);
    let items = labelled(&record, "list_item");
    let labels: Vec<&str> = items.iter().map(|i| i.0).collect();
    // a)–c); the second list restarts at a) with • sub-items; dash bullets;
    // steps continue the row numbers of the table (same list), and the empty
    // step is counted as Word counts it.
    assert_eq!(
        labels,
        [
            "a)", "b)", "c)", "a)", "•", "•", "b)", "-", "-", "-", "4.", "6."
        ]
    );
    let sub_item = block_starting(&record, "Ưu tiên vùng khó khăn");
    assert_eq!(sub_item["level"], 2);
    let rows: Vec<&str> = blocks(&record)
        .iter()
        .filter(|b| b["table"]["index"] == 1 && b["table"]["col"] == 0)
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(rows, ["STT", "1.", "2.", "3."]);
}

#[test]
fn chinese_counting_and_enclosed_numbers() {
    let record = ingest("corpora/zh/muying-anquan-baozhang-fangan-2025.docx");
    let headings: Vec<&str> = labelled(&record, "heading").iter().map(|h| h.0).collect();
    assert_eq!(
        headings,
        ["一、", "（一）", "（二）", "二、", "（一）", "三、"]
    );
    let labels: Vec<&str> = labelled(&record, "list_item").iter().map(|i| i.0).collect();
    assert_eq!(
        labels,
        ["1.", "2.", "3.", "①", "②", "1.", "2.", "▪", "▪", "▪"]
    );
}

#[test]
fn text_command_prints_labels_and_note_marks_as_word_shows_them() {
    let output = plangloss(&["text", "corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for line in [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "a) Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống;",
        "Căn cứ Chiến lược Dân số Việt Nam đến năm 2030[1]; căn cứ",
        "[2] Quyết định số 1125/QĐ-TTg",
        "năm 2025[i]./.",
        "[i] Kế hoạch này thay thế",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
}

#[test]
fn notes_headers_footers_and_metadata() {
    let record = ingest("corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx");
    let cite = block_starting(&record, "Căn cứ Chiến lược");
    let marks: Vec<(&str, &str, u64)> = cite["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap(),
                n["label"].as_str().unwrap(),
                n["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    let text = cite["text"].as_str().unwrap();
    let offset_after =
        |s: &str| (text[..text.find(s).unwrap()].chars().count() + s.chars().count()) as u64;
    assert_eq!(
        marks,
        [
            ("footnote-1", "1", offset_after("đến năm 2030")),
            ("footnote-2", "2", offset_after("giai đoạn 2021 - 2025")),
        ]
    );
    let notes: Vec<(&str, &str)> = blocks(&record)
        .iter()
        .filter(|b| b["kind"] == "footnote")
        .map(|b| (b["id"].as_str().unwrap(), b["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        notes,
        [("footnote-1", "1"), ("footnote-2", "2"), ("endnote-1", "i")]
    );
    assert_eq!(
        labelled(&record, "header"),
        [("", "Kế hoạch số 45/KH-UBND ngày 02/3/2025")]
    );
    assert!(
        labelled(&record, "footer")
            .iter()
            .all(|f| !f.1.contains('2')),
        "page numbers are not text"
    );
    let meta = &record["meta"];
    assert_eq!(
        meta["title"],
        "Kế hoạch chăm sóc sức khỏe bà mẹ, trẻ em năm 2025"
    );
    assert_eq!(meta["author"], "Sở Y tế tỉnh Sơn Hà");
    assert_eq!(meta["subject"], "Chăm sóc sức khỏe sinh sản");
    assert_eq!(meta["created"], "2025-02-20T07:30:00Z");
    assert_eq!(meta["modified"], "2025-03-02T08:00:00Z");
    assert_eq!(meta["pages"], "4");
    assert!(
        record["warnings"][0]
            .as_str()
            .unwrap()
            .contains("tracked changes")
    );
    let text = full_text(&record);
    assert_eq!(
        text.matches("Đường dây nóng").count(),
        1,
        "text box read twice"
    );
}

#[test]
fn real_word_files_keep_structure_and_leak_no_codes() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    let paths = ["vi/docx", "zh/docx", "mixed/docx"]
        .into_iter()
        .flat_map(|dir| {
            let dir = shared.join(dir);
            files_under(&dir).into_iter().map(move |f| dir.join(f))
        });
    for path in paths {
        let record = ingest(path.to_str().unwrap());
        assert!(
            record.get("error").is_none(),
            "{path:?}: {}",
            record["error"]
        );
        let text = full_text(&record);
        for code in [
            "MERGEFORMAT",
            "PAGE \\*",
            "HYPERLINK \"",
            "TOC \\o",
            "FORMTEXT",
            "posOffset",
        ] {
            assert!(!text.contains(code), "{path:?} leaks {code:?}");
        }
        assert!(!blocks(&record).is_empty(), "{path:?}: no text");
    }
    let appendix = ingest(
        shared
            .join("vi/docx/nd30-2020-phuluc1.docx")
            .to_str()
            .unwrap(),
    );
    let cell = block_starting(&appendix, "Cỡ chữ");
    assert_eq!(cell["notes"][0]["label"], "1");
    assert_eq!(
        block_starting(&appendix, "Cỡ chữ trong cùng")["kind"],
        "footnote"
    );
    let draft = ingest(
        shared
            .join("zh/docx/nbt-psr-pt1-draft-wps.docx")
            .to_str()
            .unwrap(),
    );
    let numbered = labelled(&draft, "heading")
        .iter()
        .filter(|(label, _)| !label.is_empty())
        .count();
    assert!(numbered >= 20, "WPS automatic heading numbers: {numbered}");
}
