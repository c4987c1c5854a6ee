//! The document-facts stage: the identity an official document carries in
//! its administrative form (number, type, issuer, place and date, subject,
//! signer, recipients), the other documents it cites, and its outline, read
//! from the annotated blocks (never from the bytes) into the record's
//! `document` object.
//!
//! Each part has its module: [`header`] (number, type, issuer, place, date,
//! subject), [`signature`] (signer and recipients), [`references`] and
//! [`outline`]. What they share is here: the blocks seen as lines, the
//! document types of `rules/document-types.tsv`, and the readers of
//! document numbers and dates.

pub mod dates;
pub mod header;
pub mod outline;
pub mod references;
pub mod show;
pub mod signature;
pub mod symbols;
pub mod types;

use crate::model::{Block, BlockKind};
use serde::Serialize;
pub use types::{DocType, DocTypes};

/// What the stage finds; every field `null` or empty when the document
/// lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentFacts {
    /// The number and symbol as printed, without "Số:" ("144/KH-UBND",
    /// "国办发〔2019〕2号").
    pub number: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<DocType>,
    /// The type as the title prints it ("KẾ HOẠCH", "通知").
    pub type_text: Option<String>,
    /// The issuing body, the lowest line of the header ("SỞ Y TẾ").
    pub issuer: Option<String>,
    /// The body above it in the header ("UBND TỈNH AN GIANG").
    pub issuer_parent: Option<String>,
    pub place: Option<String>,
    /// ISO 8601: `2023-05-09`.
    pub date: Option<String>,
    /// The subject under the title ("Về hoạt động truyền thông…"), or the
    /// Chinese title ("关于印发…的通知").
    pub subject: Option<String>,
    pub signer: Option<Signer>,
    /// Each item of "Nơi nhận:" or 抄送/主送.
    pub recipients: Vec<String>,
    /// Every other document cited by its number, in order of first citation.
    pub references: Vec<Reference>,
    /// The heading tree.
    pub outline: Vec<OutlineNode>,
}

/// Who signed, as the signature block prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Signer {
    pub name: Option<String>,
    /// The line above the name ("PHÓ CHỦ TỊCH").
    pub title: Option<String>,
    /// The TM./KT./TL./TUQ./Q. lines, joined by a space ("TM. ỦY BAN NHÂN
    /// DÂN KT. CHỦ TỊCH").
    pub authority: Option<String>,
}

/// A document cited by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The citation as written: type word, number, date and issuer when
    /// given ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ").
    pub text: String,
    pub number: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<DocType>,
    /// ISO 8601.
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// Where: the block index and char offsets of `text` in its text.
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// One heading of the outline, with the headings under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineNode {
    /// "Chương I", "Điều 5.", "I.", "1.", "a)", "一、", "（一）".
    pub label: String,
    pub title: String,
    /// 1 for the top kind of heading of the document, deeper kinds below.
    pub level: u32,
    pub block: usize,
    pub children: Vec<OutlineNode>,
}

/// The facts of a document's annotated `blocks`, with the document types of
/// `types`; `published` is the page's posting time (the record's
/// `meta.published`), which dates a news item.
pub fn document_facts(
    blocks: &[Block],
    published: Option<&str>,
    types: &DocTypes,
) -> DocumentFacts {
    // The header and the signature are at the ends: the middle of a long
    // document is not split into lines.
    let lines = edge_lines(blocks, EDGE_LINES, EDGE_LINES);
    let mut facts = DocumentFacts::default();
    header::read(&lines, types, &mut facts);
    header::page_date(published, &mut facts);
    facts.outline = outline::build(blocks);
    // A file that opens with its appendix heading is an appendix: the
    // "Nơi nhận:" and signatures in it are model layouts, not its own.
    let appendix = lines
        .iter()
        .take(APPENDIX_AT_START)
        .any(|line| line.text.starts_with("Phụ lục") || line.text.starts_with("PHỤ LỤC"));
    let body_end = first_appendix(&facts.outline).unwrap_or(blocks.len());
    if !appendix && body_end > APPENDIX_AT_START {
        signature::read(blocks, body_end, &lines, &mut facts);
    }
    facts.references = references::find(blocks, types, facts.number.as_deref());
    facts
}

/// A document whose appendix heading is among its first lines or blocks is
/// itself an appendix.
const APPENDIX_AT_START: usize = 3;

/// The block of the first appendix heading ("PHỤ LỤC I", "Phụ lục"), where
/// the body and its signature end.
fn first_appendix(outline: &[OutlineNode]) -> Option<usize> {
    outline.iter().find_map(|node| {
        let label = node.label.to_lowercase();
        if label.starts_with("phụ lục") {
            Some(node.block)
        } else {
            first_appendix(&node.children)
        }
    })
}

/// One line of a block: blocks hold several lines where the document broke
/// them (the cells of a header table, a signature block).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub block: usize,
    /// Char offset of the line in its block's text.
    pub start: usize,
    /// The line, trimmed.
    pub text: &'a str,
    pub kind: BlockKind,
}

/// How many lines from each end of a document the header and signature
/// readers see.
const EDGE_LINES: usize = 80;

/// The first `head` and the last `tail` non-empty lines of `blocks` (whole
/// blocks at the end), in order, each line once; page headers and footers
/// left out. `edge_lines(blocks, usize::MAX, 0)` is every line.
pub fn edge_lines(blocks: &[Block], head: usize, tail: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut next_block = blocks.len();
    for (index, block) in blocks.iter().enumerate() {
        if lines.len() >= head {
            next_block = index;
            break;
        }
        push_lines(&mut lines, index, block);
    }
    let mut end: Vec<Vec<Line>> = Vec::new();
    let mut counted = 0;
    for index in (next_block..blocks.len()).rev() {
        if counted >= tail {
            break;
        }
        let mut block_lines = Vec::new();
        push_lines(&mut block_lines, index, &blocks[index]);
        counted += block_lines.len();
        end.push(block_lines);
    }
    lines.extend(end.into_iter().rev().flatten());
    lines
}

/// The lines of whole blocks around block `anchor` of `blocks`: at least
/// `before` lines of the blocks before it (or all of them), then the lines
/// of `anchor` and the blocks after it until at least `after` (or the
/// end). `anchor` may be `blocks.len()`: the last `before` lines.
pub fn lines_around(blocks: &[Block], anchor: usize, before: usize, after: usize) -> Vec<Line<'_>> {
    let mut first = anchor;
    let mut counted = 0;
    while first > 0 && counted < before {
        first -= 1;
        counted += blocks[first].text.split('\n').count();
    }
    let mut lines = Vec::new();
    for (index, block) in blocks.iter().enumerate().take(anchor).skip(first) {
        push_lines(&mut lines, index, block);
    }
    let ahead = lines.len();
    for (index, block) in blocks.iter().enumerate().skip(anchor) {
        if lines.len() - ahead >= after {
            break;
        }
        push_lines(&mut lines, index, block);
    }
    lines
}

fn push_lines<'b>(lines: &mut Vec<Line<'b>>, index: usize, block: &'b Block) {
    if matches!(block.kind, BlockKind::Header | BlockKind::Footer) {
        return;
    }
    let mut start = 0;
    for piece in block.text.split('\n') {
        let text = piece.trim();
        if !text.is_empty() {
            let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
            lines.push(Line {
                block: index,
                start: start + lead,
                text,
                kind: block.kind,
            });
        }
        start += piece.chars().count() + 1;
    }
}

/// Char offsets of byte positions met in increasing order, counted from
/// the last one: finding many hits in a long text stays linear.
#[derive(Debug, Default)]
pub(crate) struct CharOffsets {
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    /// The char offset of `byte` (a char boundary of `text`).
    pub(crate) fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharOffsets::default();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Whether `text` is set in capitals: some capital, no small letter.
pub(crate) fn in_capitals(text: &str) -> bool {
    text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase)
}

/// `text` with runs of whitespace made one space, trimmed.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TablePos;

    #[test]
    fn lines_carry_their_block_and_offset() {
        let mut cell = Block::new(
            BlockKind::TableCell,
            "ỦY BAN NHÂN DÂN\n  TỈNH SƠN HÀ\n\nSố: 45/KH-UBND",
        );
        cell.table = Some(TablePos {
            index: 0,
            row: 0,
            col: 0,
        });
        let blocks = vec![
            Block::new(BlockKind::Header, "Trang 1"),
            cell,
            Block::new(BlockKind::Paragraph, "KẾ HOẠCH"),
        ];
        let lines = edge_lines(&blocks, usize::MAX, 0);
        let seen: Vec<(usize, usize, &str)> =
            lines.iter().map(|l| (l.block, l.start, l.text)).collect();
        assert_eq!(
            seen,
            [
                (1, 0, "ỦY BAN NHÂN DÂN"),
                (1, 18, "TỈNH SƠN HÀ"),
                (1, 31, "Số: 45/KH-UBND"),
                (2, 0, "KẾ HOẠCH")
            ]
        );
        let many: Vec<Block> = (0..10)
            .map(|i| Block::new(BlockKind::Paragraph, format!("dòng {i}")))
            .collect();
        let edges: Vec<&str> = edge_lines(&many, 2, 3).iter().map(|l| l.text).collect();
        assert_eq!(edges, ["dòng 0", "dòng 1", "dòng 7", "dòng 8", "dòng 9"]);
        let all: Vec<&str> = edge_lines(&many, 8, 8).iter().map(|l| l.text).collect();
        assert_eq!(all.len(), 10);
    }

    #[test]
    fn char_offsets_in_and_out_of_order() {
        let text = "ngày 05 tháng 3, 国办发";
        let mut offsets = CharOffsets::default();
        assert_eq!(offsets.at(text, 6), 5);
        assert_eq!(offsets.at(text, text.len()), text.chars().count());
        assert_eq!(offsets.at(text, 0), 0);
        assert_eq!(offsets.at(text, 6), 5);
    }
}
