//! DOCX at full fidelity, end to end through the binary: list and heading
//! labels, headers and footers, notes linked to their marks, metadata, on the
//! Word-made samples of `corpora/` and on the real files of `../shared/corpus/`.

use crate::common::*;
use serde_json::Value;

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

/// A DOCX package built in memory: `body` paragraphs, `styles.xml` and
/// `docProps/core.xml`.
fn package(body: &str, styles: &str, core: &str) -> Vec<u8> {
    use std::io::Write;
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let rel = "http://schemas.openxmlformats.org";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut add = |name: &str, text: &str| {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    add(
        "_rels/.rels",
        &format!(
            r#"<Relationships xmlns="{rel}/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="{rel}/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
        ),
    );
    add(
        "word/_rels/document.xml.rels",
        &format!(
            r#"<Relationships xmlns="{rel}/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        ),
    );
    add(
        "word/styles.xml",
        &format!("<w:styles {W}>{styles}</w:styles>"),
    );
    add(
        "word/document.xml",
        &format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    add(
        "docProps/core.xml",
        &format!(
            r#"<cp:coreProperties xmlns:cp="{rel}/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">{core}</cp:coreProperties>"#
        ),
    );
    zip.finish().unwrap().into_inner()
}

/// A paragraph of one run in `font` (`None`: the run names no font).
fn paragraph(text: &str, font: Option<&str>) -> String {
    let props = font
        .map(|f| format!(r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}"/></w:rPr>"#))
        .unwrap_or_default();
    format!(r#"<w:p><w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

#[test]
fn legacy_text_in_unknown_or_unnamed_fonts_is_decoded_by_content() {
    // The default font is a theme font: no run names a legacy font.
    let styles = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults>"#;
    let body = [
        paragraph("Céng hßa x· héi chñ nghÜa ViÖt Nam", None),
        paragraph("§éc lËp - Tù do - H¹nh phóc", Some("VNSTCVN3")),
        paragraph("ñy ban nh©n d©n thµnh phè", Some("VnArialH(Ds)")),
        paragraph("Quyeát ñònh veà vieäc thaønh laäp", Some("Arial")),
        paragraph("Chó ý", None),
        paragraph(
            "Michèle Debonneuil, Études, Müller",
            Some("Times New Roman"),
        ),
        paragraph("Kế hoạch năm 2025", None),
    ]
    .concat();
    let core = "<dc:title>QuyÕt ®Þnh sè 256</dc:title><dc:creator>Michèle</dc:creator>";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy-fonts.docx");
    std::fs::write(&path, package(&body, styles, core)).unwrap();
    let record = ingest(path.to_str().unwrap());
    let texts: Vec<&str> = blocks(&record)
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Độc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ",
            "Quyết định về việc thành lập",
            "Chú ý",
            "Michèle Debonneuil, Études, Müller",
            "Kế hoạch năm 2025",
        ]
    );
    let meta = &record["meta"];
    assert_eq!(meta["title"], "Quyết định số 256");
    assert_eq!(meta["author"], "Michèle");
    assert_eq!(meta["legacy_encodings"], "TCVN3, VNI");
    assert_eq!(meta["legacy_fonts"], "Arial, VNSTCVN3, VnArialH(Ds)");
}
