//! Feature tests of the RTF reader on small documents written by hand.

use super::extract;
use crate::model::{Block, BlockKind, ErrorKind, Extraction, Limits, TablePos};
use crate::normalize::NOTE_ANCHOR;

fn read(rtf: &str) -> Extraction {
    extract(rtf.as_bytes(), &Limits::default()).unwrap()
}

/// The document `body` with a font table of Times New Roman (f0), .VnTime
/// (f1), SimSun in GBK (f2), Symbol (f3) and `.VnTimeH` (f4).
fn doc(body: &str) -> String {
    format!(
        r"{{\rtf1\ansi\ansicpg1252\deff0{{\fonttbl{{\f0\froman\fcharset0\fprq2{{\*\panose 02020603050405020304}}Times New Roman;}}{{\f1\fswiss\fcharset0 .VnTime;}}{{\f2\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}{{\f3\froman\fcharset2 Symbol;}}{{\f4\fswiss\fcharset163 .VnTimeH;}}}}{{\colortbl;\red0\green0\blue0;}}{body}}}"
    )
}

fn texts(out: &Extraction) -> Vec<&str> {
    out.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn texts_of(rtf: &str) -> Vec<String> {
    read(&doc(rtf)).blocks.into_iter().map(|b| b.text).collect()
}

#[test]
fn paragraphs_breaks_tabs_and_special_characters() {
    assert_eq!(
        texts_of(
            r"\pard M\u7897?t\line hai\tab ba\par \emdash\endash\bullet\lquote x\rquote\ldblquote y\rdblquote\par a\~b\-c\_d\par\par"
        ),
        ["Một\nhai\tba", "—–•‘x’“y”", "a\u{A0}bc-d"]
    );
}

#[test]
fn raised_and_lowered_digits_take_their_unicode_forms() {
    assert_eq!(
        texts_of(r"50 m{\super 2}, CO{\sub 2}, 20{\super o}{\super 3\nosupersub 4}\par"),
        ["50 m², CO₂, 20o³4"]
    );
}

#[test]
fn escaped_braces_and_backslashes_are_text() {
    assert_eq!(texts_of(r"\{a\}\\b\par"), ["{a}\\b"]);
}

#[test]
fn unicode_escapes_skip_their_fallback() {
    assert_eq!(
        texts_of(r"\uc1\u8220\'93x\u-3913 ?\par{\uc2\u20013\'d6\'d0 y}\par"),
        ["“x•", "中 y"]
    );
}

#[test]
fn the_fallback_skip_stops_at_a_group_end_and_counts_control_words() {
    assert_eq!(
        texts_of(r"{\u8364}x\par\uc2\u8364\'80\tab z\par"),
        ["€x", "€z"]
    );
}

#[test]
fn surrogate_pairs_join() {
    assert_eq!(texts_of(r"\u-10179?\u-8704?\par"), ["😀"]);
}

#[test]
fn bytes_read_in_the_code_page_of_their_font() {
    assert_eq!(
        texts_of(r"\f0 caf\'e9 \'85\par{\f2 \'d6\'d0\'ce\'c4}\par{\f3 \'b7 a}\par"),
        ["café …", "中文", "• α"]
    );
}

#[test]
fn double_byte_chars_pair_across_line_wraps() {
    assert_eq!(texts_of("{\\f2 \\'d6\r\n\\'d0}\\par"), ["中"]);
}

#[test]
fn legacy_fonts_are_decoded_by_font_run() {
    let out = read(&doc(r"{\f1 Vi\'d6t Nam} and {\f4 c\'abng h\'dfa}\par"));
    assert_eq!(texts(&out), ["Việt Nam and CÔNG HÒA"]);
    assert_eq!(out.meta["legacy_fonts"], ".VnTime, .VnTimeH");
    assert_eq!(out.meta["legacy_encodings"], "TCVN3");
}

#[test]
fn the_default_font_applies_to_text_with_no_font() {
    let rtf =
        r"{\rtf1\ansi\deff1{\fonttbl{\f0 Arial;}{\f1 .VnTime;}}\pard Vi\'d6t {\plain Nam}\par}";
    assert_eq!(texts(&read(rtf)), ["Việt Nam"]);
}

#[test]
fn an_optional_hyphen_in_a_tcvn3_font_is_the_letter_it_stands_for() {
    assert_eq!(texts_of(r"{\f1 ng\-\'eai}\par"), ["người"]);
}

#[test]
fn destinations_that_are_not_text_are_skipped() {
    let body = r"{\*\generator Writer;}{\info{\*\unknown x}}{\pict\bin3 }{}}ab{\*\bkmkstart b}{\*\made up}{\object{\objdata 0102}}cd\par";
    assert_eq!(texts_of(body), ["abcd"]);
}

#[test]
fn field_results_are_kept_but_not_codes_or_page_numbers() {
    let body = r#"{\field{\*\fldinst {HYPERLINK "http://x"}}{\fldrslt {link}}} p{\field{\*\fldinst {PAGE }}{\fldrslt 7}}\par"#;
    assert_eq!(texts_of(body), ["link p"]);
}

#[test]
fn hidden_and_deleted_text_is_dropped() {
    let out = read(&doc(r"a{\v hidden}b{\deleted gone}{\v\v0 c}\par"));
    assert_eq!(texts(&out), ["abc"]);
    assert!(out.warnings[0].contains("tracked changes"));
}

#[test]
fn info_gives_metadata_with_iso_dates() {
    let out = read(&doc(
        r"{\info{\title Plan 2024}{\author Nguyen}{\operator Le}{\subject S}{\keywords k1 k2}{\doccomm D}{\*\company Bo Y te}{\creatim\yr2003\mo5\dy12\hr9\min7}{\revtim\yr2004\mo1\dy2}{\nofpages3}}x\par",
    ));
    let meta = &out.meta;
    assert_eq!(meta["title"], "Plan 2024");
    assert_eq!(meta["author"], "Nguyen");
    assert_eq!(meta["last_modified_by"], "Le");
    assert_eq!(meta["subject"], "S");
    assert_eq!(meta["keywords"], "k1 k2");
    assert_eq!(meta["description"], "D");
    assert_eq!(meta["company"], "Bo Y te");
    assert_eq!(meta["created"], "2003-05-12T09:07:00");
    assert_eq!(meta["modified"], "2004-01-02");
    assert_eq!(meta["pages"], "3");
    assert_eq!(texts(&out), ["x"]);
}

fn cells(out: &Extraction) -> Vec<(u32, u32, u32, &str)> {
    out.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .map(|b| {
            let t = b.table.unwrap();
            (t.index, t.row, t.col, b.text.as_str())
        })
        .collect()
}

#[test]
fn table_cells_become_blocks_with_positions() {
    let body = r"before\par\trowd\cellx100\cellx200\pard\intbl A1\par second line\cell\cell\row\trowd\pard\intbl B1\cell B2\cell\row\pard after\par\trowd\pard\intbl C\cell\row";
    let out = read(&doc(body));
    assert_eq!(
        cells(&out),
        [
            (0, 0, 0, "A1\nsecond line"),
            (0, 1, 0, "B1"),
            (0, 1, 1, "B2"),
            (1, 0, 0, "C")
        ]
    );
    assert_eq!(texts(&out)[0], "before");
    assert_eq!(out.blocks[4].text, "after");
}

#[test]
fn nested_tables_come_between_the_parts_of_their_outer_cell() {
    let body = r"\pard\intbl outer\par\pard\intbl\itap2 in1\nestcell in2\nestcell{\*\nesttableprops\trowd\cellx1\nestrow}{\nonesttables\par}\pard\intbl\itap2 in3\nestcell{\*\nesttableprops\trowd\nestrow}\pard\intbl\itap1 rest\cell\row";
    let out = read(&doc(body));
    assert_eq!(
        cells(&out),
        [
            (0, 0, 0, "outer"),
            (1, 0, 0, "in1"),
            (1, 0, 1, "in2"),
            (1, 1, 0, "in3"),
            (0, 0, 0, "rest")
        ]
    );
}

#[test]
fn headings_by_outline_level_or_heading_style() {
    let rtf = r"{\rtf1\ansi{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 Heading 1;}{\s2 heading 2,H2;}{\*\cs10 Default;}{\s3 Quote;}}\pard\s2 Two\par\pard\s1 One\par\pard\outlinelevel2 Three\par\pard\s3 Plain\par\pard\outlinelevel9 Body\par}";
    let out = read(rtf);
    let kinds: Vec<(BlockKind, Option<u32>)> =
        out.blocks.iter().map(|b| (b.kind, b.level)).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, Some(2)),
            (BlockKind::Heading, Some(1)),
            (BlockKind::Heading, Some(3)),
            (BlockKind::Paragraph, None),
            (BlockKind::Paragraph, None)
        ]
    );
}

#[test]
fn list_labels_are_labels_not_text() {
    let body = r"{\listtext\pard\plain\f3 \'b7\tab}\ilvl1 item\par{\pntext\f1 a)\tab}\pard one\par{\*\pn\pnlvlblt{\pntxtb x}}plain\par";
    let out = read(&doc(body));
    let items: Vec<(BlockKind, Option<&str>, Option<u32>, &str)> = out
        .blocks
        .iter()
        .map(|b| (b.kind, b.label.as_deref(), b.level, b.text.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (BlockKind::ListItem, Some("•"), Some(2), "item"),
            (BlockKind::ListItem, Some("a)"), Some(1), "one"),
            (BlockKind::Paragraph, None, None, "plain")
        ]
    );
}

fn notes_of(block: &Block) -> Vec<(&str, &str)> {
    block
        .notes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect()
}

#[test]
fn notes_follow_the_body_and_headers_in_mark_order() {
    let body = r"{\header \pard Head\par}{\footer \pard Foot\par}{\headerf \pard Head\par}D\u226?n{\super\chftn}{\footnote\pard{\super\chftn} Note A.\par Line two.}x{\super\chftn}{\footnote\ftnalt\pard{\super\chftn} End.} y{\footnote B.}\par";
    let out = read(&doc(body));
    let a = NOTE_ANCHOR;
    assert_eq!(out.blocks[0].text, format!("Dân{a}x{a} y{a}"));
    assert_eq!(
        notes_of(&out.blocks[0]),
        [("footnote-1", "1"), ("endnote-1", "i"), ("footnote-2", "2")]
    );
    let rest: Vec<(BlockKind, Option<&str>, &str)> = out.blocks[1..]
        .iter()
        .map(|b| (b.kind, b.id.as_deref(), b.text.as_str()))
        .collect();
    assert_eq!(
        rest,
        [
            (BlockKind::Header, None, "Head"),
            (BlockKind::Footer, None, "Foot"),
            (
                BlockKind::Footnote,
                Some("footnote-1"),
                " Note A.\nLine two."
            ),
            (BlockKind::Footnote, Some("footnote-2"), "B."),
            (BlockKind::Footnote, Some("endnote-1"), " End."),
        ]
    );
    assert_eq!(out.blocks[3].label.as_deref(), Some("1"));
}

#[test]
fn note_numbering_follows_the_document_settings() {
    let rtf = r"{\rtf1\ansi\ftnnauc\ftnstart3 x{\footnote a}\par}";
    let out = read(rtf);
    assert_eq!(notes_of(&out.blocks[0]), [("footnote-1", "C")]);
}

#[test]
fn text_boxes_come_before_their_paragraph_and_fallbacks_are_skipped() {
    let body = r"start {\shp{\*\shpinst\shpleft0{\sp{\sn shapeType}{\sv 202}}{\shptxt \pard box\par}}{\shprslt{\*\do\dptxbx{\dptxbxtext box\par}}}} end\par";
    assert_eq!(texts_of(body), ["box", "start  end"]);
}

#[test]
fn text_outside_the_document_group_is_ignored() {
    assert_eq!(texts(&read(r"{\rtf1 a\par} trailing {b}")), ["a"]);
}

#[test]
fn a_file_cut_short_is_read_as_far_as_it_goes() {
    assert_eq!(texts(&read(r"{\rtf1 a\par b{\i c")), ["a", "bc"]);
}

#[test]
fn binary_data_is_never_text() {
    assert_eq!(texts_of(r"a\bin2 {}b\par"), ["ab"]);
}

#[test]
fn binary_data_past_the_end_is_corrupt() {
    let err = extract(br"{\rtf1 a\bin900 xyz}", &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Corrupt);
}

#[test]
fn deep_nesting_is_corrupt() {
    let deep = format!("{{\\rtf1 {}x{}}}", "{".repeat(300), "}".repeat(300));
    let err = extract(deep.as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Corrupt);
    assert!(err.message.contains("deeper than 256"));
    let shallow = format!("{{\\rtf1 {}x{}}}", "{".repeat(200), "}".repeat(200));
    assert_eq!(texts(&read(&shallow)), ["x"]);
}

#[test]
fn text_beyond_the_limit_is_too_large() {
    let limits = Limits {
        max_inflated_bytes: 100,
        ..Limits::default()
    };
    let rtf = format!("{{\\rtf1 {}}}", "abcdefghij\\par ".repeat(20));
    let err = extract(rtf.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.kind, ErrorKind::TooLarge);
}

#[test]
fn a_file_without_the_rtf_header_is_refused() {
    let err = extract(b"hello", &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Corrupt);
    assert_eq!(texts(&read("\u{FEFF} {\\rtf1 ok}")), ["ok"]);
}

#[test]
fn a_header_table_keeps_its_kind_and_position() {
    let out = read(&doc(r"{\header \pard\intbl h\cell\row}body\par"));
    assert_eq!(out.blocks[1].kind, BlockKind::Header);
    assert_eq!(
        out.blocks[1].table,
        Some(TablePos {
            index: 0,
            row: 0,
            col: 0
        })
    );
}
