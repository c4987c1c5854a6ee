//! The whole reader on fixtures LibreOffice made from the `.fodt` files
//! beside them in `tests/fixtures/doc/`, on damaged copies of them and of
//! the real files of `../shared/corpus/`, and on crafted compound files.

use super::extract;
use crate::model::{Block, BlockKind, ErrorKind, Extraction, Limits, TablePos};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/doc")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn read(name: &str) -> Extraction {
    extract(&fixture(name), &Limits::default()).unwrap()
}

fn texts(blocks: &[Block], kind: BlockKind) -> Vec<&str> {
    blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn body_headings_lists_legacy_fonts_symbols_fields_and_hidden_text() {
    let out = read("features.doc");
    let body: Vec<(BlockKind, Option<u32>, &str)> = out
        .blocks
        .iter()
        .take(13)
        .map(|b| (b.kind, b.level, b.text.as_str()))
        .collect();
    use BlockKind::*;
    assert_eq!(
        body,
        [
            (Heading, Some(1), "Plan heading"),
            (
                Paragraph,
                None,
                "A paragraph with a note\u{FDD0} and an endnote\u{FDD0}."
            ),
            // .VnTimeH draws capitals; .VnTime from the run and from the
            // paragraph style; VNI-Times.
            (Paragraph, None, "QUYẾT ĐỊNH Quyết định của bộ trưởng"),
            (Paragraph, None, "Cộng hòa xã hội chủ nghĩa Việt Nam"),
            (Paragraph, None, "Việt Nam"),
            (Paragraph, None, "Visible text, first line\nsecond line."),
            (Paragraph, None, "Angle α is ≥ 30 degrees."),
            (Paragraph, None, "Page  of the text."),
            (Heading, Some(2), "Second heading"),
            (ListItem, Some(1), "First item"),
            (ListItem, Some(1), "Second item"),
            // The text box comes before the paragraph anchoring it.
            (Paragraph, None, "Text in a box"),
            (Paragraph, None, "Paragraph anchoring the box."),
        ]
    );
    let legacy = &out.meta["legacy_fonts"];
    assert_eq!(legacy, ".VnTime, .VnTimeH, VNI-Times");
    assert_eq!(out.meta["author"], "Plangloss Tests");
    assert!(out.warnings.is_empty());
}

#[test]
fn tables_nest_cells_join_their_paragraphs_and_columns_follow_the_grid() {
    let out = read("features.doc");
    let cells: Vec<(TablePos, &str)> = out
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .map(|b| (b.table.unwrap(), b.text.as_str()))
        .collect();
    let pos = |index, row, col| TablePos { index, row, col };
    assert_eq!(
        cells,
        [
            (pos(0, 0, 0), "Cell A1"),
            (pos(0, 0, 1), "Cell B1\nsecond line"),
            (pos(0, 1, 0), "Cell A2"),
            (pos(0, 1, 1), "Before inner"),
            (pos(1, 0, 0), "Inner 1"),
            (pos(1, 0, 1), "Inner 2"),
            (pos(0, 1, 1), "After inner"),
            // Columns are counted on the grid: "Wide" spans two.
            (pos(2, 0, 0), "Wide"),
            (pos(2, 0, 2), "Right"),
            (pos(2, 1, 0), "One"),
            (pos(2, 1, 1), "Two"),
            (pos(2, 1, 2), "Three"),
        ]
    );
    let after = out.blocks.iter().position(|b| b.text == "After the table.");
    let last_cell = out.blocks.iter().rposition(|b| b.table.is_some());
    assert!(after > last_cell);
}

#[test]
fn headers_footers_and_notes_follow_the_body() {
    let out = read("features.doc");
    let kinds: Vec<BlockKind> = out.blocks.iter().map(|b| b.kind).collect();
    let first_header = kinds.iter().position(|k| *k == BlockKind::Header).unwrap();
    assert!(kinds[..first_header].iter().all(|k| !matches!(
        k,
        BlockKind::Header | BlockKind::Footer | BlockKind::Footnote
    )));
    assert_eq!(
        texts(&out.blocks, BlockKind::Header),
        ["Header of the fixture"]
    );
    // The page number field gives nothing.
    assert_eq!(texts(&out.blocks, BlockKind::Footer), ["Page  footer"]);
    let notes: Vec<(&str, &str, &str)> = out
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Footnote)
        .map(|b| {
            (
                b.id.as_deref().unwrap(),
                b.label.as_deref().unwrap(),
                b.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("footnote-1", "1", "The footnote text."),
            ("endnote-1", "i", "The endnote text."),
        ]
    );
    let marks: Vec<(&str, &str)> = out.blocks[1]
        .notes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    assert_eq!(marks, [("footnote-1", "1"), ("endnote-1", "i")]);
}

#[test]
fn unicode_pieces_style_named_headings_and_unicode_metadata() {
    let out = read("unicode.doc");
    let first = &out.blocks[0];
    assert_eq!(
        (first.kind, first.level, first.text.as_str()),
        (BlockKind::Heading, Some(2), "Mục tiêu chung")
    );
    assert_eq!(
        out.blocks[2].text,
        "提高人口素质，改善妇幼健康。\u{20000} ends."
    );
    assert_eq!(out.meta["title"], "Kế hoạch năm 2025");
    assert_eq!(out.meta["subject"], "计划生育");
    assert!(!out.meta.contains_key("legacy_fonts"));
}

#[test]
fn text_over_the_limit_is_too_large() {
    let limits = Limits {
        max_inflated_bytes: 300,
        ..Limits::default()
    };
    let err = extract(&fixture("features.doc"), &limits).unwrap_err();
    assert_eq!(err.kind, ErrorKind::TooLarge);
}

/// The streams of a compound file, by path.
fn streams(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let paths: Vec<String> = file
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    paths
        .into_iter()
        .map(|path| {
            let mut data = Vec::new();
            file.open_stream(&path)
                .unwrap()
                .read_to_end(&mut data)
                .unwrap();
            (path, data)
        })
        .collect()
}

/// A compound file holding `streams`, with `edit` applied to WordDocument.
fn rebuilt(bytes: &[u8], edit: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (path, mut data) in streams(bytes) {
        if path == "/WordDocument" {
            edit(&mut data);
        }
        let parent = Path::new(&path).parent().unwrap();
        if parent != Path::new("/") && !file.exists(parent) {
            file.create_storage_all(parent).unwrap();
        }
        file.create_stream(&path).unwrap().write_all(&data).unwrap();
    }
    file.into_inner().into_inner()
}

#[test]
fn a_rebuilt_file_reads_the_same() {
    let bytes = fixture("features.doc");
    let same = rebuilt(&bytes, |_| {});
    assert_eq!(
        extract(&same, &Limits::default()).unwrap().blocks,
        read("features.doc").blocks
    );
}

#[test]
fn encrypted_and_word95_files_are_refused_with_a_reason() {
    let bytes = fixture("features.doc");
    let encrypted = rebuilt(&bytes, |word| word[11] |= 1);
    let err = extract(&encrypted, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Encrypted);
    assert!(err.message.contains("password-protected Word document"));
    let word95 = rebuilt(&bytes, |word| {
        word[2..4].copy_from_slice(&104u16.to_le_bytes())
    });
    let err = extract(&word95, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnsupportedFormat);
    assert!(err.message.starts_with("Word 6.0/95 document"));
    let no_text = rebuilt(&bytes, |word| word.truncate(40));
    let err = extract(&no_text, &Limits::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Corrupt);
}

/// The byte offset of the directory entry named `name` in a version 3
/// compound file (entries are 128-byte aligned after the 512-byte header).
fn directory_entry(bytes: &[u8], name: &str) -> usize {
    let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    (512..bytes.len())
        .step_by(128)
        .find(|&at| bytes[at..].starts_with(&units))
        .unwrap()
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn fat_cycles_are_corrupt() {
    let bytes = fixture("features.doc");
    assert_eq!(u16::from_le_bytes([bytes[26], bytes[27]]), 3, "version 3");
    let entry = directory_entry(&bytes, "WordDocument");
    let start = u32_at(&bytes, entry + 116) as usize;
    let fat = (u32_at(&bytes, 0x4C) as usize + 1) * 512;
    let next = |b: &[u8], s: usize| u32_at(b, fat + s * 4) as usize;
    // The chain's last sector points back to its first, then to its second.
    let mut last = start;
    while next(&bytes, last) < 0xFFFF_FFFA {
        last = next(&bytes, last);
    }
    for target in [start, next(&bytes, start)] {
        let mut cyclic = bytes.clone();
        cyclic[fat + last * 4..fat + last * 4 + 4].copy_from_slice(&(target as u32).to_le_bytes());
        let err = extract(&cyclic, &Limits::default()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt, "{err}");
    }
}

#[test]
fn stream_sizes_beyond_the_file_or_the_chain_are_corrupt() {
    let bytes = fixture("features.doc");
    let entry = directory_entry(&bytes, "WordDocument");
    for size in [
        0x7FFF_FFF0u32,
        bytes.len() as u32 * 2,
        bytes.len() as u32 - 100,
    ] {
        let mut huge = bytes.clone();
        huge[entry + 120..entry + 124].copy_from_slice(&size.to_le_bytes());
        let err = extract(&huge, &Limits::default()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt, "{err}");
    }
}

/// A deterministic pseudo-random sequence (xorshift64).
fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Truncations at every 1/20th of `bytes` and `flips` seeded single-bit
/// flips: the reader returns, whatever it returns.
fn survives_damage(bytes: &[u8], flips: usize) {
    let limits = Limits::default();
    for i in 0..20 {
        let _ = extract(&bytes[..bytes.len() * i / 20], &limits);
    }
    let mut random = xorshift(0x9E37_79B9_7F4A_7C15 ^ bytes.len() as u64);
    let mut damaged = bytes.to_vec();
    for _ in 0..flips {
        let at = (random() % bytes.len() as u64) as usize;
        let bit = 1u8 << (random() % 8);
        damaged[at] ^= bit;
        let _ = extract(&damaged, &limits);
        damaged[at] ^= bit;
    }
}

#[test]
fn damaged_fixtures_never_panic() {
    for name in ["features.doc", "unicode.doc"] {
        survives_damage(&fixture(name), 300);
    }
}

#[test]
fn damaged_real_files_never_panic() {
    let Some(dir) = crate::test_support::shared_path("corpus/vi/legacy/doc") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).unwrap();
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        survives_damage(&bytes, 40);
    }
}
