//! Tests of the sheet extractor on the LibreOffice-made fixtures of
//! `tests/fixtures/sheet/` (sources: the `.fods` files beside them), on
//! hostile files made here, and on damaged copies of both.

use super::*;
use crate::model::ErrorKind;
use std::io::{Cursor, Write};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheet")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn format_of(name: &str) -> Format {
    match name.rsplit('.').next() {
        Some("xls") => Format::Xls,
        Some("xlsx") => Format::Xlsx,
        _ => Format::Ods,
    }
}

/// What a test compares of a block: kind, (sheet index, row, col), sheet
/// name, text.
type Row = (BlockKind, Option<(u32, u32, u32)>, String, String);

/// The [`Row`] of each block.
fn rows(out: &Extraction) -> Vec<Row> {
    out.blocks
        .iter()
        .map(|b| {
            (
                b.kind,
                b.table.map(|t| (t.index, t.row, t.col)),
                b.sheet.clone().unwrap_or_default(),
                b.text.clone(),
            )
        })
        .collect()
}

#[test]
fn the_same_workbook_reads_alike_in_all_three_formats() {
    let cell = |sheet: u32, row, col, name: &str, text: &str| {
        (
            BlockKind::TableCell,
            Some((sheet, row, col)),
            name.to_string(),
            text.to_string(),
        )
    };
    let heading = |name: &str| (BlockKind::Heading, None, name.to_string(), name.to_string());
    let plan = "Kế hoạch";
    let expected = vec![
        heading(plan),
        cell(0, 0, 0, plan, "Kế hoạch năm 2005"),
        cell(0, 1, 0, plan, "Chỉ tiêu"),
        cell(0, 1, 1, plan, "Số lượng"),
        cell(0, 1, 2, plan, "Tỷ lệ"),
        cell(0, 2, 0, plan, "Trường học"),
        cell(0, 2, 1, plan, "42"),
        cell(0, 2, 2, plan, "0.125"),
        cell(0, 3, 0, plan, "Bệnh viện"),
        cell(0, 3, 1, plan, "7"),
        cell(0, 3, 2, plan, "6"),
        cell(0, 4, 0, plan, "Tổng"),
        cell(0, 4, 1, plan, "49"),
        cell(0, 4, 2, plan, "#DIV/0!"),
        cell(0, 4, 3, plan, "TRUE"),
        cell(0, 5, 0, plan, "2005-08-31"),
        cell(0, 5, 1, plan, "2005-08-31T14:30:00"),
        cell(0, 5, 2, plan, "14:30:00"),
        cell(0, 6, 0, plan, "0.3"),
        cell(0, 6, 1, plan, "1234.5678"),
        cell(0, 6, 2, plan, "-3"),
        heading("Phụ lục"),
        cell(1, 2, 3, "Phụ lục", "Hà Nội"),
        heading("Ẩn"),
        cell(2, 0, 0, "Ẩn", "bí mật"),
    ];
    for name in ["workbook.xls", "workbook.xlsx", "workbook.ods"] {
        let out = extract(&fixture(name), format_of(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows(&out), expected, "{name}");
        // The merged title's covered cell keeps stale text in the .xlsx and
        // .ods files; it must not show.
        assert!(!out.blocks.iter().any(|b| b.text == "bản cũ"), "{name}");
        assert_eq!(out.meta["sheets"], "4", "{name}");
        assert_eq!(out.meta["title"], "Kế hoạch mẫu", "{name}");
        assert_eq!(out.meta["author"], "Nguyễn Văn A", "{name}");
        assert_eq!(
            out.warnings,
            ["sheet \"Ẩn\" is hidden; its cells are included"],
            "{name}"
        );
        assert!(
            out.blocks
                .iter()
                .all(|b| b.level == b.table.map_or(Some(1), |_| None))
        );
    }
}

#[test]
fn tcvn3_cells_are_decoded_by_their_fonts_and_runs() {
    for name in ["tcvn3.xls", "tcvn3.xlsx", "tcvn3.ods"] {
        let out = extract(&fixture(name), format_of(name), &Limits::default()).unwrap();
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Sheet1",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "2005",
                "Kế hoạch phát triển kinh tế xã hội",
                "Unicode giữ nguyên",
                "Ghi chú: dài 80m",
            ],
            "{name}"
        );
        assert_eq!(out.meta["legacy_fonts"], ".VnTime, .VnTimeH", "{name}");
        assert_eq!(out.meta["legacy_encodings"], "TCVN3", "{name}");
    }
}

#[test]
fn a_cell_is_cut_into_runs_where_its_font_changes() {
    let fonts = |list: &[(usize, &str)]| -> Vec<(usize, String)> {
        list.iter()
            .map(|&(at, name)| (at, name.to_string()))
            .collect()
    };
    let runs = |text: &str, list: &[(usize, &str)]| -> Vec<(String, Option<String>)> {
        font_runs(text, &fonts(list))
            .iter()
            .map(|r| (r.text.to_string(), r.font.map(str::to_string)))
            .collect()
    };
    let run = |text: &str, font: Option<&str>| (text.to_string(), font.map(str::to_string));
    assert_eq!(
        runs("F: dµi 80m", &[(0, "Symbol"), (1, ".VnTime")]),
        [run("F", Some("Symbol")), run(": dµi 80m", Some(".VnTime"))]
    );
    // Offsets count UTF-16 units: the emoji takes two.
    assert_eq!(
        runs("a😀bc", &[(3, "Arial")]),
        [run("a😀", None), run("bc", Some("Arial"))]
    );
    assert_eq!(runs("abc", &[]), [run("abc", None)]);
    assert_eq!(runs("abc", &[(0, "A"), (9, "B")]), [run("abc", Some("A"))]);
    let mut decoder = LegacyDecoder::new();
    assert_eq!(
        decode_cell(
            &mut decoder,
            "F: dµi",
            &fonts(&[(0, "Symbol"), (1, ".VnTime")])
        ),
        // F in the Symbol font draws Φ.
        "Φ: dài"
    );
}

#[test]
fn merged_copies_go_and_top_left_cells_stay() {
    let cell = |row, col| CellAt {
        at: (row, col),
        value: CellValue::Shown(format!("{row},{col}")),
        fonts: Vec::new(),
    };
    let mut cells: Vec<CellAt> = (0..4)
        .flat_map(|r| (0..4).map(move |c| cell(r, c)))
        .collect();
    let merges = [
        Dimensions::new((0, 1), (1, 2)),
        Dimensions::new((2, 0), (3, 0)),
        Dimensions::new((3, 3), (3, 3)),
    ];
    drop_merged_copies(&mut cells, &merges);
    let kept: Vec<(u32, u32)> = cells.iter().map(|c| c.at).collect();
    assert_eq!(
        kept,
        [
            (0, 0),
            (0, 1),
            (0, 3),
            (1, 0),
            (1, 3),
            (2, 0),
            (2, 1),
            (2, 2),
            (2, 3),
            (3, 1),
            (3, 2),
            (3, 3)
        ]
    );
}

/// The offset of the first BIFF record of type `typ` and length `len` whose first two data
/// bytes (the row of a cell record) are `row`, inside `bytes`.
fn find_cell_record(bytes: &[u8], typ: u16, len: u16, row: u16) -> usize {
    let mut pattern = typ.to_le_bytes().to_vec();
    pattern.extend(len.to_le_bytes());
    pattern.extend(row.to_le_bytes());
    bytes
        .windows(pattern.len())
        .position(|w| w == pattern)
        .expect("the record is in the file")
}

#[test]
fn an_xls_cell_in_the_far_corner_is_refused_before_calamine_lays_it_out() {
    let mut bytes = fixture("tcvn3.xls");
    // The RK record of B2 (2005) moved to IV65536.
    let at = find_cell_record(&bytes, 0x027E, 10, 1) + 4;
    bytes[at..at + 4].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    let error = extract(&bytes, Format::Xls, &Limits::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooLarge, "{error}");
    let roomy = Limits {
        max_inflated_bytes: 4 << 30,
        ..Limits::default()
    };
    assert!(extract(&bytes, Format::Xls, &roomy).is_ok());
}

fn zip_of(members: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A minimal `.xlsx` whose one sheet holds `cells` (`<c>` elements).
fn xlsx_with(cells: &str) -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
            ),
        ),
    ])
}

#[test]
fn an_xlsx_cell_in_the_far_corner_costs_no_more_than_any_other() {
    let bytes = xlsx_with(
        r#"<c r="A1" t="inlineStr"><is><t>đầu</t></is></c><c r="XFD1048576"><v>2</v></c>"#,
    );
    let out = extract(&bytes, Format::Xlsx, &Limits::default()).unwrap();
    let cells: Vec<_> = rows(&out).into_iter().skip(1).map(|r| (r.1, r.3)).collect();
    assert_eq!(
        cells,
        [
            (Some((0, 0, 0)), "đầu".to_string()),
            (Some((0, 1_048_575, 16_383)), "2".to_string())
        ]
    );
}

#[test]
fn a_shared_string_repeated_past_the_budget_is_too_large() {
    let cells: String = (1..=50)
        .map(|col| {
            format!(
                r#"<c r="{}1" t="inlineStr"><is><t>{}</t></is></c>"#,
                column(col),
                "x".repeat(100)
            )
        })
        .collect();
    let small = Limits {
        max_inflated_bytes: 4000,
        ..Limits::default()
    };
    let error = extract(&xlsx_with(&cells), Format::Xlsx, &small).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooLarge, "{error}");
}

/// The letters of 1-based column `n` (below 27).
fn column(n: u8) -> String {
    if n <= 26 {
        char::from(b'A' + n - 1).to_string()
    } else {
        format!("A{}", char::from(b'A' + n - 27))
    }
}

#[test]
fn an_ods_value_in_the_far_corner_is_refused_before_calamine_lays_it_out() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
        ),
        ("content.xml", content),
    ]);
    let error = extract(&bytes, Format::Ods, &Limits::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooLarge, "{error}");
}

/// Damaged copies of `bytes`: cut at every 20th of its length, and with one
/// bit flipped at `flips` places spread over the file.
fn damaged(bytes: &[u8], flips: usize) -> Vec<Vec<u8>> {
    let mut copies: Vec<Vec<u8>> = (0..20)
        .map(|i| bytes[..bytes.len() * i / 20].to_vec())
        .collect();
    for i in 0..flips {
        let mut copy = bytes.to_vec();
        let at = (i.wrapping_mul(2_654_435_761) ^ (i * 7919)) % bytes.len();
        copy[at] ^= 1 << (i % 8);
        copies.push(copy);
    }
    copies
}

/// Extracts every damaged copy of `bytes`: each gives blocks or an error,
/// and none panics out of the extractor. Returns how many copies made
/// calamine panic (caught and turned into `corrupt`).
fn survive_damage(name: &str, bytes: &[u8], format: Format, flips: usize) -> usize {
    let mut caught = 0;
    for copy in damaged(bytes, flips) {
        if let Err(error) = extract(&copy, format, &Limits::default())
            && error.message.contains("spreadsheet reader failed")
        {
            caught += 1;
        }
    }
    eprintln!("{name}: {caught} damaged copies made calamine panic (caught)");
    caught
}

#[test]
fn damaged_fixtures_give_errors_not_panics() {
    for name in [
        "workbook.xls",
        "workbook.xlsx",
        "workbook.ods",
        "tcvn3.xls",
        "tcvn3.xlsx",
        "tcvn3.ods",
    ] {
        survive_damage(name, &fixture(name), format_of(name), 300);
    }
}

#[test]
fn damaged_real_workbooks_give_errors_not_panics() {
    let Some(folder) = crate::test_support::shared_path("corpus/vi/legacy/xls") else {
        return;
    };
    let entries = std::fs::read_dir(&folder).unwrap();
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        survive_damage(
            &entry.file_name().to_string_lossy(),
            &bytes,
            Format::Xls,
            60,
        );
    }
}
