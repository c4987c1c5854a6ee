//! Plain-text extraction: decode (BOM, UTF-8, UTF-16, detected legacy
//! encodings), then rebuild paragraphs and recognise section labels.
//!
//! Each line is a block, except that hard-wrapped lines (a line that fills the
//! file's usual width, followed by one that does not start a new item) are
//! joined back into one paragraph.

use crate::budget::RecordBudget;
use crate::encoding::{self, ForcedEncoding};
use crate::extract::{MainText, ReadOptions};
use crate::model::{Block, BlockKind, DocError, Extraction, Limits};
use crate::script::is_cjk;
use regex::Regex;
use std::sync::LazyLock;

mod main_text;

/// As [`extract`], with the reader's options: the forced encoding, and
/// whether a scraped page is cut to its article (`main_text`, off with
/// `whole_page`).
pub fn extract_with(
    bytes: &[u8],
    limits: &Limits,
    options: &ReadOptions,
) -> Result<Extraction, DocError> {
    let mut out = extract(bytes, limits, options.encoding)?;
    let mode = if options.whole_page {
        MainText::Off
    } else {
        options.main_text
    };
    let blocks = std::mem::take(&mut out.blocks);
    out.blocks = main_text::article(blocks, mode, &mut out.meta);
    Ok(out)
}

/// Decodes a text file (in the encoding the user `forced`, if any) and
/// splits it into blocks, every line kept; never fails on readable bytes.
pub fn extract(
    bytes: &[u8],
    limits: &Limits,
    forced: Option<ForcedEncoding>,
) -> Result<Extraction, DocError> {
    let decoded = match forced {
        Some(forced) => encoding::decode_forced(bytes, forced),
        None => encoding::decode(bytes, None),
    };
    let mut out = Extraction::default();
    decoded.record_in(&mut out);
    let mut budget = RecordBudget::new(limits);
    out.blocks = paragraphs(&decoded.text, &mut budget)?
        .into_iter()
        .map(classify)
        .collect();
    Ok(out)
}

/// Joins hard-wrapped lines into paragraphs; blank lines always separate.
/// Each paragraph is charged to `budget` as it starts, so a file of millions
/// of short lines stops at the record limit instead of filling memory.
fn paragraphs(text: &str, budget: &mut RecordBudget) -> Result<Vec<String>, DocError> {
    let wrap_width = wrap_width(text);
    let mut out: Vec<String> = Vec::new();
    let mut previous_fills_line = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            previous_fills_line = false;
            continue;
        }
        let continues = previous_fills_line && !starts_with_label(line);
        match out.last_mut() {
            Some(paragraph) if continues => join_line(paragraph, line),
            _ => {
                budget.charge_blocks(1)?;
                out.push(line.to_string());
            }
        }
        previous_fills_line = wrap_width.is_some_and(|w| display_width(line) * 10 >= w * 8);
    }
    Ok(out)
}

/// Line widths past this all count as this one: only widths up to 200
/// decide a wrap width.
const WIDEST_COUNTED: usize = 256;

/// The width a hard-wrapped file wraps at (90th percentile of line widths),
/// or `None` when lines are too short or too few to tell. Counts widths in
/// a histogram, so that it takes no memory per line.
fn wrap_width(text: &str) -> Option<usize> {
    let mut histogram = [0usize; WIDEST_COUNTED + 1];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        histogram[display_width(line).min(WIDEST_COUNTED)] += 1;
    }
    let lines: usize = histogram.iter().sum();
    if lines < 4 {
        return None;
    }
    // The width of the line at rank lines * 9 / 10 in ascending order.
    let rank = lines * 9 / 10;
    let mut seen = 0;
    let p90 = histogram
        .iter()
        .position(|&count| {
            seen += count;
            seen > rank
        })
        .unwrap_or(WIDEST_COUNTED);
    let near_p90: usize = (0..=p90)
        .filter(|&w| w * 10 >= p90 * 8)
        .map(|w| histogram[w])
        .sum();
    // Wrapped text has many lines of nearly the same width; paragraphs-per-line text does not.
    ((40..=200).contains(&p90) && near_p90 * 3 >= lines).then_some(p90)
}

/// Columns a line takes in a monospace view: CJK characters count two.
fn display_width(line: &str) -> usize {
    line.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// A Chinese line break joins with nothing; any other with a space.
fn join_line(paragraph: &mut String, line: &str) {
    let cjk_join =
        paragraph.chars().last().is_some_and(is_cjk) && line.chars().next().is_some_and(is_cjk);
    if !cjk_join {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

static HEADING_1: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+[0-9IVXLC]+\b|[IVXLC]+[.)]\s|[一二三四五六七八九十百]+、|第[一二三四五六七八九十百0-9]+[章节部分条])").unwrap()
});
static HEADING_2: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))").unwrap()
});
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d+(?:\.\d+)*[.)、．]\s*\S|[a-zđ]\)\s)").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-+•–*·]\s").unwrap());

fn starts_with_label(line: &str) -> bool {
    HEADING_1.is_match(line)
        || HEADING_2.is_match(line)
        || NUMBERED.is_match(line)
        || BULLET.is_match(line)
}

/// Section labels and all-capital title lines make headings; numbered and
/// bulleted lines make list items; everything else is a paragraph.
fn classify(text: String) -> Block {
    let short = text.chars().count() <= 120;
    let kind_level = if short && HEADING_1.is_match(&text) {
        (BlockKind::Heading, Some(1))
    } else if short && HEADING_2.is_match(&text) {
        (BlockKind::Heading, Some(2))
    } else if short && is_capitalised_title(&text) {
        (BlockKind::Heading, Some(1))
    } else if NUMBERED.is_match(&text) || BULLET.is_match(&text) {
        (BlockKind::ListItem, Some(1))
    } else {
        (BlockKind::Paragraph, None)
    };
    let mut block = Block::new(kind_level.0, text);
    block.level = kind_level.1;
    block
}

/// "KẾ HOẠCH TRUYỀN THÔNG DÂN SỐ": at least two words, every letter capital.
fn is_capitalised_title(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 6 && text.contains(' ') && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, Option<u32>, String)> {
        extract(text.as_bytes(), &Limits::default(), None)
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.level, b.text))
            .collect()
    }

    #[test]
    fn labels_make_headings_and_items() {
        let blocks = kinds(
            "KẾ HOẠCH TRUYỀN THÔNG\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức.\n一、指导思想\n（一）工作目标\nNội dung thường.",
        );
        let summary: Vec<_> = blocks.iter().map(|(k, l, _)| (*k, *l)).collect();
        assert_eq!(
            summary,
            vec![
                (BlockKind::Heading, Some(1)),
                (BlockKind::Heading, Some(1)),
                (BlockKind::ListItem, Some(1)),
                (BlockKind::ListItem, Some(1)),
                (BlockKind::Heading, Some(1)),
                (BlockKind::Heading, Some(2)),
                (BlockKind::Paragraph, None),
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_rejoin() {
        let wrapped = "Kế hoạch nhằm mục đích tăng cường sự lãnh đạo, chỉ đạo của cấp ủy\nĐảng, Chính quyền, sự tham gia phối hợp của ban, ngành, đoàn thể và\nhưởng ứng của các tầng lớp Nhân dân thực hiện chính sách Dân số.\n\nĐồng thời, tuyên truyền về những cơ hội, thách thức của dân số toàn\ncầu, Việt Nam và của thành phố trong thời gian tới nhằm phát triển.\n";
        let blocks = kinds(wrapped);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[0].2.contains("cấp ủy Đảng, Chính quyền"));
        assert!(blocks[1].2.ends_with("nhằm phát triển."));
    }

    #[test]
    fn chinese_wrapped_lines_join_without_space() {
        let wrapped = "为深入贯彻落实计划生育基本国策，进一步做好人口监测与家庭发展工作，\n结合本县实际，制定本方案，请各乡镇认真组织实施并及时报送工作进展。\n各乡镇卫生院要加强预防接种门诊规范化建设，提高接种服务质量水平，\n确保适龄儿童免疫规划疫苗接种率保持在百分之九十五以上。\n";
        let blocks = kinds(wrapped);
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        assert!(blocks[0].2.contains("工作，结合本县"));
    }
}
