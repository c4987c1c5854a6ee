//! Lines of text Tesseract's page layout leaves out, read one by one.
//!
//! Tesseract's layout analysis sometimes drops a whole line: a bold
//! Chinese heading that starts with the long stroke of `一` or `三` ("一、
//! 工作目标") is taken for a rule, and nothing of it reaches the words. Such
//! a line is ink that no word of the page's TSV covers.
//!
//! Promises: [`missed_lines`] finds the bands of uncovered ink the height
//! of a line of text (not a rule, a seal or a picture) and nine tenths
//! uncovered (a whole line, not the end of one that was read), at most
//! [`MAX_MISSED_LINES`] a page; [`merge`] puts the lines read from them,
//! when read with confidence, into the page's TSV as blocks of their own,
//! before the first block that starts below them.

use std::collections::HashMap;

use super::PageImage;
use super::image::INK;
use super::tsv::{WordRow, word_rows};
use super::words::Area;

/// Most lines of a page read again: the rest is not text.
pub const MAX_MISSED_LINES: usize = 12;

/// A line read on its own counts when Tesseract's mean confidence in its
/// words is at least this (0–100).
const MIN_LINE_CONFIDENCE: f32 = 80.0;

/// The bands of `image` with ink that no word of `tsv` covers, each the
/// height of a line of text and at least two characters wide, top to
/// bottom; each area includes a margin of white around the ink.
pub fn missed_lines(image: &PageImage, tsv: &str) -> Vec<Area> {
    let (width, height) = (image.width as usize, image.height as usize);
    let dpi = image.dpi.max(1) as usize;
    let covered = coverage(tsv, width, height, dpi / 25);
    let uncovered_ink = |x: usize, y: usize| {
        let at = y * width + x;
        image.pixels[at] < INK && !covered[at]
    };
    let row_ink: Vec<usize> = (0..height)
        .map(|y| (0..width).filter(|&x| uncovered_ink(x, y)).count())
        .collect();
    let min_row_ink = (dpi / 30).max(3);
    let (min_height, max_height) = (dpi / 12, dpi * 3 / 5);
    let mut areas = Vec::new();
    for (top, bottom) in runs(&row_ink, |&count| count >= min_row_ink, dpi / 50) {
        let band = bottom - top;
        if band < min_height || band > max_height {
            continue;
        }
        let column_ink: Vec<usize> = (0..width)
            .map(|x| (top..bottom).filter(|&y| uncovered_ink(x, y)).count())
            .collect();
        for (left, right) in runs(&column_ink, |&count| count > 0, 2 * band) {
            // A whole line missed, not the end of a line read (a
            // punctuation mark outside the last word's box): nothing read
            // beside it, within a line's height.
            let (near_left, near_right) = (left.saturating_sub(band), (right + band).min(width));
            let covered_part = (top..bottom)
                .map(|y| {
                    let row = &covered[y * width + near_left..y * width + near_right];
                    row.iter().filter(|&&c| c).count()
                })
                .sum::<usize>();
            let whole_line = covered_part * 10 < (near_right - near_left) * band;
            if right - left < 3 * band / 2 || !whole_line {
                continue;
            }
            let margin = band / 2;
            areas.push(Area {
                left: left.saturating_sub(margin) as u32,
                top: top.saturating_sub(margin) as u32,
                right: (right + margin).min(width) as u32,
                bottom: (bottom + margin).min(height) as u32,
            });
        }
    }
    areas.truncate(MAX_MISSED_LINES);
    areas
}

/// Most areas of a page Tesseract took for pictures that are looked into.
pub const MAX_PICTURES: usize = 4;

/// The areas of `tsv` Tesseract took for pictures (a blank word the size
/// of a block: at least half an inch high and an inch wide), the largest
/// first, at most [`MAX_PICTURES`]. A seal scanned in gray over the
/// signer's name is one ([`super::seal`]).
pub fn picture_areas(tsv: &str, dpi: u32) -> Vec<Area> {
    let dpi = dpi.max(1) as usize;
    let mut pictures: Vec<Area> = word_rows(tsv)
        .filter(|w| w.text.trim().is_empty() && w.height >= dpi / 2 && w.width >= dpi)
        .filter_map(|w| w.area())
        .collect();
    let size = |a: &Area| u64::from(a.right - a.left) * u64::from(a.bottom - a.top);
    pictures.sort_by_key(|a| std::cmp::Reverse(size(a)));
    pictures.truncate(MAX_PICTURES);
    pictures
}

/// `line` (the crop of a missed line) with its underlines taken out:
/// every run of ink along a row at least a fifth of an inch long turns
/// white. Tesseract reads nothing of an underlined line (a web page's menu
/// of links) and all of it without the underline; a line is read this way
/// only when it could not be read as it is, since a heading's long stroke
/// (`一`) goes too.
pub fn without_underlines(line: &PageImage) -> PageImage {
    let width = line.width as usize;
    let long = (line.dpi / 5).max(8) as usize;
    let mut pixels = line.pixels.clone();
    for row in pixels.chunks_mut(width.max(1)) {
        let mut at = 0;
        while at < row.len() {
            let run = row[at..].iter().take_while(|&&p| p < INK).count();
            if run >= long {
                row[at..at + run].fill(255);
            }
            at += run.max(1);
        }
    }
    PageImage {
        pixels,
        ..line.clone()
    }
}

/// Which pixels the boxes of `tsv`'s words cover, each box grown by
/// `margin` on every side.
pub(super) fn coverage(tsv: &str, width: usize, height: usize, margin: usize) -> Vec<bool> {
    let mut covered = vec![false; width * height];
    for row in word_rows(tsv) {
        let (left, top) = (
            row.left.saturating_sub(margin),
            row.top.saturating_sub(margin),
        );
        let right = row
            .left
            .saturating_add(row.width)
            .saturating_add(margin)
            .min(width);
        let bottom = row
            .top
            .saturating_add(row.height)
            .saturating_add(margin)
            .min(height);
        for y in top..bottom {
            covered[y * width + left.min(right)..y * width + right].fill(true);
        }
    }
    covered
}

/// The runs of `values` for which `keep` holds, as (start, end), gaps of
/// at most `bridge` values closed.
fn runs<T>(values: &[T], keep: impl Fn(&T) -> bool, bridge: usize) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (at, value) in values.iter().enumerate() {
        if !keep(value) {
            continue;
        }
        match runs.last_mut() {
            Some((_, end)) if at - *end <= bridge => *end = at + 1,
            _ => runs.push((at, at + 1)),
        }
    }
    runs
}

/// Whether a line read on its own (`tsv`, Tesseract's TSV of the crop)
/// says something: two letters at least, read with a mean confidence of
/// [`MIN_LINE_CONFIDENCE`].
pub fn is_confident(tsv: &str) -> bool {
    let words: Vec<WordRow> = word_rows(tsv)
        .filter(|w| !w.text.trim().is_empty())
        .collect();
    let letters = words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| c.is_alphanumeric())
        .count();
    let mean = words.iter().map(|w| w.confidence).sum::<f32>() / words.len().max(1) as f32;
    letters >= 2 && mean >= MIN_LINE_CONFIDENCE
}

/// `page` (Tesseract's TSV of the page) with the words of each area read
/// on its own (`lines`: the area read and its TSV) put in as a block of
/// its own, numbered after the page's blocks, before the first block
/// that starts below the area's top and is not beside it on its left (a
/// signer's name read apart comes after the list of recipients printed
/// left of it). Only word rows are kept; with no areas, `page` as it is.
pub fn merge(page: &str, lines: &[(Area, String)]) -> String {
    if lines.is_empty() {
        return page.to_string();
    }
    let words: Vec<WordRow> = word_rows(page).collect();
    let last_block = words.iter().map(|w| w.block).max().unwrap_or(0);
    let mut out = String::from(page.lines().next().unwrap_or_default());
    out.push('\n');
    let mut pending: Vec<(u32, Area, String)> = lines
        .iter()
        .enumerate()
        .map(|(i, (area, tsv))| {
            let block = last_block + 1 + i as u32;
            (block, *area, moved_rows(tsv, area, block))
        })
        .collect();
    pending.sort_by_key(|&(block, area, _)| (area.top, block));
    let mut pending = pending.into_iter().peekable();
    // Each block's top and right edges.
    let mut blocks: HashMap<u32, (usize, usize)> = HashMap::new();
    for word in &words {
        let right = word.left.saturating_add(word.width);
        let edges = blocks.entry(word.block).or_insert((word.top, right));
        *edges = (edges.0.min(word.top), edges.1.max(right));
    }
    let mut previous_block = None;
    for word in &words {
        if previous_block != Some(word.block) {
            let (top, right) = blocks[&word.block];
            let goes_before = |area: &Area| {
                let beside_on_left = right <= area.left as usize && top < area.bottom as usize;
                (area.top as usize) < top && !beside_on_left
            };
            while let Some((_, _, rows)) = pending.next_if(|(_, area, _)| goes_before(area)) {
                out.push_str(&rows);
            }
            previous_block = Some(word.block);
        }
        out.push_str(&word.row());
    }
    for (_, _, rows) in pending {
        out.push_str(&rows);
    }
    out
}

/// The word rows of an area's `tsv` as rows of the page: in block
/// `block`, moved by the area's origin, their paragraph, line and word
/// numbers kept.
fn moved_rows(tsv: &str, area: &Area, block: u32) -> String {
    word_rows(tsv)
        .map(|w| {
            WordRow {
                block,
                left: w.left + area.left as usize,
                top: w.top + area.top as usize,
                ..w
            }
            .row()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ocr::test_pages::{HEADER, drawn};

    /// A white page, 1000 × 600, with black rectangles (left, top, width,
    /// height).
    fn page(inked: &[(u32, u32, u32, u32)]) -> PageImage {
        drawn(1000, 600, inked, &[])
    }

    fn word(block: u32, left: u32, top: u32, width: u32, height: u32, text: &str) -> String {
        format!("5\t1\t{block}\t1\t1\t1\t{left}\t{top}\t{width}\t{height}\t95\t{text}\n")
    }

    #[test]
    fn a_line_no_word_covers_is_found_and_the_rest_is_not() {
        let image = page(&[
            (100, 50, 600, 40),  // a line Tesseract read
            (100, 200, 300, 40), // a heading it left out
            (100, 350, 700, 3),  // a rule: too thin for a line
            (700, 500, 20, 40),  // a speck: too narrow for two characters
        ]);
        let tsv = format!("{HEADER}{}", word(1, 100, 50, 600, 40, "read"));
        let found = missed_lines(&image, &tsv);
        assert_eq!(found.len(), 1);
        let area = found[0];
        assert!(area.left <= 100 && area.right >= 400 && area.top <= 200 && area.bottom >= 240);
        assert!(area.top > 90, "{area:?} reaches the line that was read");
    }

    #[test]
    fn the_end_of_a_line_that_was_read_is_not_a_missed_line() {
        // The last word's box stops short of the line's ink.
        let image = page(&[(100, 50, 800, 40)]);
        let tsv = format!("{HEADER}{}", word(1, 100, 50, 700, 40, "read"));
        assert!(missed_lines(&image, &tsv).is_empty());
    }

    #[test]
    fn text_read_under_a_seal_goes_after_the_column_left_of_it() {
        let page_tsv = format!(
            "{HEADER}{}{}{}",
            word(1, 50, 120, 400, 30, "recipients"),
            word(2, 600, 30, 700, 300, " "),
            word(3, 50, 400, 900, 30, "notes")
        );
        let pictures = picture_areas(&page_tsv, 200);
        assert_eq!(pictures.len(), 1, "the blank word a block in size");
        assert_eq!((pictures[0].left, pictures[0].bottom), (600, 330));
        let signer = format!(
            "{HEADER}5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t96\ttitle\n\
             5\t1\t1\t1\t2\t1\t10\t80\t100\t30\t96\tname\n"
        );
        let merged = merge(&page_tsv, &[(pictures[0], signer)]);
        let texts: Vec<&str> = merged
            .lines()
            .skip(1)
            .map(|row| row.rsplit('\t').next().unwrap())
            .filter(|text| !text.trim().is_empty())
            .collect();
        assert_eq!(texts, ["recipients", "title", "name", "notes"]);
        assert!(
            merged.contains("5\t1\t4\t1\t2\t1\t610\t110\t100\t30\t96\tname"),
            "lines keep their numbers: {merged}"
        );
    }

    #[test]
    fn underlines_go_and_letters_stay() {
        let line = page(&[(100, 100, 400, 2), (100, 60, 20, 30)]);
        let clean = without_underlines(&line);
        let ink = |image: &PageImage, x: u32, y: u32| image.pixels[(y * 1000 + x) as usize] < INK;
        assert!(!ink(&clean, 300, 100) && !ink(&clean, 300, 101));
        assert!(ink(&clean, 110, 70), "a letter's ink stays");
    }

    #[test]
    fn lines_read_on_their_own_go_before_the_block_below_them() {
        let page_tsv = format!(
            "{HEADER}{}{}",
            word(1, 100, 50, 300, 40, "title"),
            word(2, 100, 300, 300, 40, "body")
        );
        let line = Area {
            left: 90,
            top: 180,
            right: 500,
            bottom: 260,
        };
        let line_tsv = format!("{HEADER}{}", word(1, 10, 20, 200, 40, "heading"));
        let merged = merge(&page_tsv, &[(line, line_tsv)]);
        let texts: Vec<&str> = merged
            .lines()
            .skip(1)
            .map(|row| row.rsplit('\t').next().unwrap())
            .collect();
        assert_eq!(texts, ["title", "heading", "body"]);
        assert!(merged.contains("5\t1\t3\t1\t1\t1\t100\t200\t200\t40\t95\theading"));
        assert!(is_confident(&format!(
            "{HEADER}{}",
            word(1, 0, 0, 9, 9, "一、工作目标")
        )));
        assert!(!is_confident(&format!(
            "{HEADER}5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t40\tSS-[\n"
        )));
    }
}
