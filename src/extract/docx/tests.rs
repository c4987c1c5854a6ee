//! DOCX extraction on small packages built in memory, one feature each.

use super::extract;
use crate::model::{Block, BlockKind, ErrorKind, Extraction, Limits};
use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A DOCX whose body is `body` and whose other parts are `parts`
/// (relationship type, file name under `word/`, XML).
fn docx(body: &str, parts: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    add(
        "_rels/.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (kind, name, xml)) in parts.iter().enumerate() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#,
            i + 1
        ));
        add(&format!("word/{name}"), xml);
    }
    rels.push_str("</Relationships>");
    add("word/_rels/document.xml.rels", &rels);
    add(
        "word/document.xml",
        &format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    zip.finish().unwrap().into_inner()
}

fn run(bytes: &[u8]) -> Extraction {
    extract(bytes, &Limits::default()).expect("the test package extracts")
}

fn texts(extraction: &Extraction) -> Vec<&str> {
    extraction.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn field_results_are_text_and_codes_and_page_numbers_are_not() {
    let body = p(&format!(
        r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE \* MERGEFORMAT</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" NUMPAGES ">{}</w:fldSimple><w:fldSimple w:instr=" DATE ">{}</w:fldSimple>"#,
        r("Xem "),
        r("cổng thông tin"),
        r(" tại trang "),
        r("7"),
        r("12"),
        r(" 2025")
    ));
    let out = run(&docx(&body, &[]));
    assert_eq!(texts(&out), ["Xem cổng thông tin tại trang  2025"]);
}

#[test]
fn one_choice_of_alternate_content_and_text_boxes_are_read() {
    let box_text = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(&r(t)));
    let body = p(&format!(
        "{}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>{}</w:drawing></mc:Choice><mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        r("Sơ đồ"),
        box_text("Hộp chữ"),
        box_text("Hộp chữ")
    ));
    let out = run(&docx(&body, &[]));
    assert_eq!(texts(&out), ["Hộp chữ", "Sơ đồ"]);
}

#[test]
fn tracked_changes_are_accepted_with_a_warning() {
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let body = format!(
        r#"<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="H1"/></w:pPr></w:pPrChange></w:pPr>{}<w:ins w:id="2">{}</w:ins><w:del w:id="3"><w:r><w:delText>cũ </w:delText></w:r></w:del>{}</w:p>"#,
        r("Kế hoạch "),
        r("năm "),
        r("2025")
    );
    let out = run(&docx(&body, &[("styles", "styles.xml", &styles)]));
    assert_eq!(texts(&out), ["Kế hoạch năm 2025"]);
    assert_eq!(out.blocks[0].kind, BlockKind::Paragraph);
    assert!(out.warnings[0].contains("tracked changes"));
}

#[test]
fn symbols_tabs_breaks_and_hyphens() {
    let body = p(
        r#"<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:tab/><w:t>Tiêm</w:t><w:softHyphen/><w:t>chủng</w:t><w:noBreakHyphen/><w:t>mở rộng</w:t><w:br/><w:t>x </w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t> 95%</w:t></w:r>"#,
    );
    let out = run(&docx(&body, &[]));
    assert_eq!(texts(&out), ["✓\tTiêmchủng-mở rộng\nx ≥ 95%"]);
}

#[test]
fn placeholder_text_of_empty_content_controls_is_left_out() {
    let body = format!(
        r#"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        p(&r("Bấm vào đây để nhập văn bản.")),
        p(&r("Tỉnh Lào Cai"))
    );
    assert_eq!(texts(&run(&docx(&body, &[]))), ["Tỉnh Lào Cai"]);
}

fn notes_part(kind: &str, notes: &[(&str, &str)]) -> String {
    let mut xml = format!(
        r#"<w:{kind}s {W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>"#
    );
    for (id, text) in notes {
        xml.push_str(&format!(
            r#"<w:{kind} w:id="{id}"><w:p><w:r><w:{kind}Ref/></w:r>{}</w:p></w:{kind}>"#,
            r(text)
        ));
    }
    xml.push_str(&format!("</w:{kind}s>"));
    xml
}

#[test]
fn notes_are_numbered_in_mark_order_and_linked_to_their_marks() {
    let footnotes = notes_part(
        "footnote",
        &[
            ("1", "Chú thích B."),
            ("2", "Chú thích A."),
            ("3", "Không dùng."),
        ],
    );
    let endnotes = notes_part("endnote", &[("1", "Ghi chú cuối.")]);
    let body = p(&format!(
        r#"{}<w:r><w:footnoteReference w:id="2"/></w:r>{}<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r>"#,
        r("Dân số"),
        r(" và phát triển")
    ));
    let out = run(&docx(
        &body,
        &[
            ("footnotes", "footnotes.xml", &footnotes),
            ("endnotes", "endnotes.xml", &endnotes),
        ],
    ));
    let body = &out.blocks[0];
    let anchor = crate::normalize::NOTE_ANCHOR;
    assert_eq!(
        body.text,
        format!("Dân số{anchor} và phát triển{anchor}{anchor}{anchor}")
    );
    let marks: Vec<(&str, &str)> = body
        .notes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    assert_eq!(
        marks,
        [
            ("footnote-2", "1"),
            ("footnote-1", "2"),
            ("endnote-1", "i"),
            ("footnote-3", "*")
        ]
    );
    let notes: Vec<(Option<&str>, Option<&str>, &str)> = out.blocks[1..]
        .iter()
        .map(|b| (b.id.as_deref(), b.label.as_deref(), b.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (Some("footnote-2"), Some("1"), "Chú thích A."),
            (Some("footnote-1"), Some("2"), "Chú thích B."),
            (Some("footnote-3"), Some("*"), "Không dùng."),
            (Some("endnote-1"), Some("i"), "Ghi chú cuối."),
        ]
    );
    assert!(
        out.blocks[1..]
            .iter()
            .all(|b| b.kind == BlockKind::Footnote)
    );
}

#[test]
fn headers_and_footers_once_each_without_page_numbers() {
    let header = |text: &str| format!("<w:hdr {W}>{}</w:hdr>", p(&r(text)));
    let page_footer = format!(
        r#"<w:ftr {W}><w:p><w:fldSimple w:instr="PAGE">{}</w:fldSimple></w:p></w:ftr>"#,
        r("3")
    );
    let section = |first: &str, default: &str| {
        format!(
            r#"<w:sectPr><w:headerReference w:type="first" r:id="{first}"/><w:headerReference w:type="default" r:id="{default}"/><w:footerReference w:type="default" r:id="rId4"/></w:sectPr>"#
        )
    };
    let body = format!(
        "<w:p><w:pPr>{}</w:pPr>{}</w:p>{}{}",
        section("rId1", "rId2"),
        r("Phần một"),
        p(&r("Phần hai")),
        section("rId3", "rId2")
    );
    let out = run(&docx(
        &body,
        &[
            ("header", "header1.xml", &header("UBND TỈNH")),
            ("header", "header2.xml", &header("Kế hoạch 12/KH-UBND")),
            ("header", "header3.xml", &header("UBND TỈNH")),
            ("footer", "footer1.xml", &page_footer),
        ],
    ));
    let kinds: Vec<(BlockKind, &str)> = out
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "Phần một"),
            (BlockKind::Paragraph, "Phần hai"),
            (BlockKind::Header, "UBND TỈNH"),
            (BlockKind::Header, "Kế hoạch 12/KH-UBND"),
        ]
    );
}

fn cell(text: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(&r(text)))
}

#[test]
fn tables_report_merged_cells_once_and_nest() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("x", ""),
        cell("y", "")
    );
    let body = format!(
        r#"<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}<w:tc>{}{inner}{}</w:tc></w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
        cell("STT", r#"<w:vMerge w:val="restart"/>"#),
        cell("Chỉ tiêu", r#"<w:gridSpan w:val="2"/>"#),
        cell("2024", ""),
        p(&r("trước")),
        p(&r("sau")),
        cell("", "<w:vMerge/>"),
        cell("95%", ""),
    );
    let out = run(&docx(&body, &[]));
    let cells: Vec<(&str, u32, u32, u32)> = out
        .blocks
        .iter()
        .map(|b| {
            let t = b.table.expect("a table cell");
            (b.text.as_str(), t.index, t.row, t.col)
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("STT", 0, 0, 0),
            ("Chỉ tiêu", 0, 0, 1),
            ("2024", 0, 1, 1),
            ("trước", 0, 1, 2),
            ("x", 1, 0, 0),
            ("y", 1, 0, 1),
            ("sau", 0, 1, 2),
            ("95%", 0, 2, 1),
        ]
    );
}

#[test]
fn package_xml_over_the_limit_is_too_large_and_damaged_zips_corrupt() {
    let body = p(&r(&"Dân số và phát triển. ".repeat(2000)));
    let bytes = docx(&body, &[("styles", "styles.xml", &"<a/>".repeat(5000))]);
    let limits = Limits {
        max_inflated_bytes: 50_000,
        ..Limits::default()
    };
    let error = extract(&bytes, &limits).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooLarge);
    assert!(error.message.contains("--max-inflated-size"), "{error}");

    let error = extract(&bytes[..bytes.len() / 2], &Limits::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Corrupt);
}

#[test]
fn package_relationships_count_against_the_inflate_budget() {
    // A `_rels/.rels` padded to 3 MiB (compressing to a few KiB) before the
    // relationship that names the main part.
    let padded = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        " ".repeat(3 << 20)
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("_rels/.rels", padded.as_str()),
        (
            "word/document.xml",
            &format!(
                "<w:document {W}><w:body>{}</w:body></w:document>",
                p(&r("Dân số"))
            ),
        ),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 100_000);
    assert_eq!(
        crate::detect::detect(&bytes),
        Ok(crate::model::Format::Docx)
    );
    let limits = Limits {
        max_inflated_bytes: 1 << 20,
        ..Limits::default()
    };
    let error = extract(&bytes, &limits).unwrap_err();
    assert_eq!(error.kind, ErrorKind::TooLarge);
    assert!(error.message.contains("_rels/.rels"), "{error}");
    assert_eq!(texts(&run(&bytes)), ["Dân số"]);
}

#[test]
fn headings_from_outline_levels_and_styles() {
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="a1"><w:name w:val="Tiêu đề 1"/></w:style><w:style w:type="paragraph" w:styleId="Chuong"><w:name w:val="Chương"/><w:basedOn w:val="a1"/></w:style></w:styles>"#
    );
    let body = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="Chuong"/></w:pPr>{}</w:p><w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>{}</w:p>{}"#,
        r("Chương I"),
        r("Mục tiêu"),
        p(&r("Nội dung."))
    );
    let out = run(&docx(&body, &[("styles", "styles.xml", &styles)]));
    let found: Vec<(BlockKind, Option<u32>)> = out
        .blocks
        .iter()
        .map(|b: &Block| (b.kind, b.level))
        .collect();
    assert_eq!(
        found,
        [
            (BlockKind::Heading, Some(1)),
            (BlockKind::Heading, Some(3)),
            (BlockKind::Paragraph, None)
        ]
    );
}

/// Pictures in the body with `--ocr force`: a DOCX whose body is `body`
/// and whose main part has the relationships `media` (id, target, bytes;
/// `None` bytes for an external target).
mod pictures {
    use super::W;
    use crate::extract::docx::extract_with;
    use crate::model::Limits;
    use crate::ocr::{OcrMode, OcrOptions};
    use std::io::Write;
    use std::time::Duration;

    fn docx_with_media(body: &str, media: &[(&str, &str, Option<&[u8]>)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, options).unwrap();
            zip.write_all(bytes).unwrap();
        };
        add(
            "_rels/.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        let mut rels = String::from(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        for (id, target, bytes) in media {
            let mode = if bytes.is_none() {
                r#" TargetMode="External""#
            } else {
                ""
            };
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"{mode}/>"#
            ));
            if let Some(bytes) = bytes {
                add(&format!("word/{target}"), bytes);
            }
        }
        rels.push_str("</Relationships>");
        add("word/_rels/document.xml.rels", rels.as_bytes());
        add(
            "word/document.xml",
            format!(
                r#"<w:document {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
            )
            .as_bytes(),
        );
        zip.finish().unwrap().into_inner()
    }

    /// A paragraph showing the picture of relationship `id`, 4 × 1 inches.
    fn drawing(id: &str) -> String {
        format!(
            r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="3657600" cy="914400"/><a:graphic><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        )
    }

    fn text(words: &str) -> String {
        format!("<w:p><w:r><w:t>{words}</w:t></w:r></w:p>")
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/picture")
            .join(name);
        std::fs::read(path).unwrap()
    }

    /// Forced OCR that gives up at once: these tests are about pictures,
    /// not about what Tesseract reads.
    fn forced() -> OcrOptions {
        OcrOptions {
            mode: OcrMode::Force,
            page_time_limit: Duration::from_millis(1),
            ..OcrOptions::default()
        }
    }

    fn texts(out: &crate::model::Extraction) -> Vec<&str> {
        out.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn pictures_are_left_alone_unless_ocr_is_forced() {
        let png = fixture("bands.png");
        let body = format!("{}{}{}", text("Trước"), drawing("rId5"), text("Sau"));
        let bytes = docx_with_media(&body, &[("rId5", "media/image1.png", Some(&png))]);
        for mode in [OcrMode::Auto, OcrMode::Off] {
            let options = OcrOptions {
                mode,
                ..OcrOptions::default()
            };
            let out = extract_with(&bytes, &Limits::default(), &options).unwrap();
            assert_eq!(texts(&out), ["Trước", "Sau"]);
            assert!(out.warnings.is_empty(), "{:?}", out.warnings);
            assert!(!out.meta.contains_key("ocr_pictures"));
        }
    }

    #[test]
    fn unreadable_pictures_warn_by_part_and_the_text_stays() {
        let png = fixture("bands.png");
        let mut emf = vec![1, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend_from_slice(b" EMF\0\0\0\0");
        let body = [
            text("Trước"),
            drawing("rId5"),
            drawing("rId6"),
            drawing("rId7"),
            drawing("rId404"),
            text("Sau"),
        ]
        .concat();
        let media: [(&str, &str, Option<&[u8]>); 3] = [
            ("rId5", "media/image1.png", Some(&png[..png.len() / 3])),
            ("rId6", "media/image2.emf", Some(&emf)),
            (
                "rId7",
                "media/image3.png",
                Some(&b"\x89PNG\r\n\x1a\nnot a png"[..]),
            ),
        ];
        let bytes = docx_with_media(&body, &media);
        let out = extract_with(&bytes, &Limits::default(), &forced()).unwrap();
        assert_eq!(texts(&out), ["Trước", "Sau"]);
        let warnings = out.warnings.join("\n");
        for expected in [
            "picture word/media/image1.png could not be read for OCR: a damaged image (PNG",
            "picture word/media/image3.png could not be read for OCR",
            "EMF pictures were not read by OCR (not supported yet): word/media/image2.emf",
            "a picture names relationship rId404 that the document does not have",
        ] {
            assert!(warnings.contains(expected), "{expected:?} in {warnings}");
        }
    }

    #[test]
    fn linked_and_tiny_pictures_are_skipped_silently() {
        let png = fixture("bands.png");
        let body = [
            text("Trước"),
            drawing("rId5"),
            // The same picture printed as an icon, a quarter inch wide.
            r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="228600" cy="57150"/><a:graphic><a:graphicData><pic:pic xmlns:pic="p"><pic:blipFill><a:blip r:embed="rId6"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#.to_string(),
            r#"<w:p><w:r><w:pict><v:shape style="width:4in;height:1in"><v:imagedata r:id="rId7"/></v:shape></w:pict></w:r></w:p>"#.to_string(),
            text("Sau"),
        ]
        .concat();
        let media: [(&str, &str, Option<&[u8]>); 3] = [
            ("rId5", "http://example.org/scan.png", None),
            ("rId6", "media/image1.png", Some(&png)),
            ("rId7", "media/image2.png", Some(&png[..])),
        ];
        let bytes = docx_with_media(&body, &media);
        // The VML picture is 240 × 60 pixels: a line of text could fit,
        // so it is read (and given up at once here); the others are not.
        let out = extract_with(&bytes, &Limits::default(), &forced()).unwrap();
        assert_eq!(texts(&out), ["Trước", "Sau"]);
        assert!(
            out.warnings
                .iter()
                .all(|w| !w.contains("image1") && !w.contains("example.org")),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn pictures_over_the_limit_are_not_decoded() {
        let png = fixture("bands.png");
        let body = [text("Trước"), drawing("rId5")].concat();
        let bytes = docx_with_media(&body, &[("rId5", "media/image1.png", Some(&png))]);
        let limits = Limits {
            max_inflated_bytes: 40_000,
            ..Limits::default()
        };
        let out = extract_with(&bytes, &limits, &forced()).unwrap();
        assert_eq!(texts(&out), ["Trước"]);
        assert_eq!(
            out.warnings,
            [
                "picture word/media/image1.png decodes past the limit (--max-inflated-size); it was not read by OCR"
            ]
        );
    }

    /// Every picture fixture cut short at many lengths, pasted into a
    /// document: the document always comes out, text intact.
    #[test]
    fn truncated_media_never_fails_the_document() {
        let body = [text("Trước"), drawing("rId5"), text("Sau")].concat();
        for name in [
            "bands.png",
            "bands-palette.png",
            "bands.jpg",
            "bands.gif",
            "bands.bmp",
            "bands-g4.tif",
            "bands-lzw.tif",
        ] {
            let picture = fixture(name);
            let step = (picture.len() / 23).max(1);
            for end in (0..picture.len()).step_by(step) {
                let bytes = docx_with_media(
                    &body,
                    &[("rId5", "media/image1.bin", Some(&picture[..end]))],
                );
                let out = extract_with(&bytes, &Limits::default(), &forced())
                    .unwrap_or_else(|e| panic!("{name} cut at {end}: {e:?}"));
                assert_eq!(texts(&out)[0], "Trước", "{name} cut at {end}");
                assert_eq!(texts(&out).last(), Some(&"Sau"), "{name} cut at {end}");
            }
        }
    }
}
