//! Note marks: the small raised number (or `i`, `ii`) after a word that
//! refers to a footnote or an endnote.
//!
//! Tesseract reads a raised `1` as whatever small mark sits that high:
//! "性别比¹稳定" comes out "性别比:稳定", "tuổi¹," as "tuổi\",", "20251;"
//! as "2030);". The mark is alone on the image: a small glyph in the upper
//! half of the line with nothing under it.
//!
//! Promises: [`with_note_marks`] changes only one character of a word,
//! one Tesseract reads raised marks as (`:` `：` `'` `"` `°` `` ` `` `^`
//! `)` `*`; not a curly quote, which a plan has many more of than marks),
//! and only when the word's box holds exactly one
//! raised glyph (one piece of ink, with an `i`'s dot) that, read on its
//! own, is a digit 1–9 or an `i`. It becomes that, as a text layer has
//! it ("性别比1稳定"). At most [`MAX_MARKS`] glyphs of a page are read, in
//! at most [`MAX_WORDS`] words looked into.

use std::sync::LazyLock;

use regex::Regex;

use super::image::INK;
use super::tsv::{self, TextLine, WordRow, text_lines, word_rows};
use super::words::Area;
use super::{OcrError, PageImage, image};

/// Most raised glyphs of a page read on their own: each is one more
/// (small) Tesseract call.
pub const MAX_MARKS: usize = 32;

/// Most words of a page looked into for a raised glyph.
pub const MAX_WORDS: usize = 512;

/// How much a mark is enlarged before it is read, and the white margin
/// around it: Tesseract reads a lone small glyph badly.
const ENLARGE: u32 = 3;
const MARGIN: u32 = 30;

/// A mark read on its own counts when Tesseract's confidence in it is at
/// least this (0–100).
const MIN_CONFIDENCE: f32 = 50.0;

/// The characters Tesseract reads a raised note mark as.
fn is_misread_mark(c: char) -> bool {
    matches!(c, ':' | '：' | '\'' | '"' | '°' | '`' | '^' | ')' | '*')
}

/// `tsv` (Tesseract's TSV of `image`) with each note mark read as another
/// character put right; `read_mark` reads the image of one mark alone and
/// gives Tesseract's TSV of it.
pub fn with_note_marks(
    image: &PageImage,
    tsv: &str,
    read_mark: &mut dyn FnMut(&PageImage) -> Result<String, OcrError>,
) -> Result<String, OcrError> {
    let rows: Vec<&str> = tsv.lines().collect();
    let mut rewritten: Vec<(usize, String)> = Vec::new();
    let (mut read, mut looked) = (0, 0);
    let (width, height) = (image.width as usize, image.height as usize);
    for line in text_lines(&rows)
        .into_iter()
        .filter(|l| l.fits(width, height))
    {
        for &(at, word) in &line.words {
            if read == MAX_MARKS || looked == MAX_WORDS {
                break;
            }
            if !word.text.chars().any(is_misread_mark) {
                continue;
            }
            looked += 1;
            let Some(mark) = word
                .area()
                .and_then(|area| raised_glyph(image, area, &line))
            else {
                continue;
            };
            read += 1;
            let enlarged = image::enlarged(image, mark, ENLARGE, MARGIN);
            let Some(number) = number_read(&read_mark(&enlarged)?) else {
                continue;
            };
            let text = with_mark(word.text, word.area(), mark, &number);
            rewritten.push((
                at,
                WordRow {
                    text: &text,
                    ..word
                }
                .row(),
            ));
        }
    }
    Ok(tsv::edited(&rows, &[], &rewritten))
}

/// The one raised glyph of `area` (a word's box) of `image` on `line`: a
/// connected piece of ink, its middle in the box (it may stick out of
/// it), a sixth to three fifths of the line high, its foot no lower than
/// 11/20 of the way down the line, not far above the line, and nothing
/// under it (a tone mark or the dot of an `i` has its letter under it),
/// with any piece over it (the dot of a raised `i`). `None` when there
/// is none or more than one.
fn raised_glyph(image: &PageImage, area: Area, line: &TextLine) -> Option<Area> {
    let (top, band) = (line.top as u32, line.height() as u32);
    let beside = Area {
        left: area.left.saturating_sub(band / 3),
        right: area.right.saturating_add(band / 3),
        ..area
    };
    let pieces = ink_pieces(image, beside);
    let is_raised = |p: &Area| {
        let height = p.bottom - p.top;
        let middle = (p.left + p.right) / 2;
        (area.left..area.right).contains(&middle)
            && height * 6 >= band
            && height * 5 <= band * 3
            && p.bottom * 20 <= top * 20 + band * 11
            && p.top * 10 + band * 3 >= top * 10
    };
    let overlaps = |p: &Area, q: &Area| {
        let overlap = q.right.min(p.right).saturating_sub(q.left.max(p.left));
        overlap * 2 >= (p.right - p.left).min(q.right - q.left)
    };
    let mut raised = pieces
        .iter()
        .filter(|p| is_raised(p) && !pieces.iter().any(|q| q.top >= p.bottom && overlaps(p, q)));
    let (Some(&glyph), None) = (raised.next(), raised.next()) else {
        return None;
    };
    let over = pieces
        .iter()
        .filter(|q| q.bottom <= glyph.top && overlaps(&glyph, q));
    Some(over.fold(glyph, |a, q| Area {
        left: a.left.min(q.left),
        top: a.top.min(q.top),
        right: a.right.max(q.right),
        bottom: a.bottom,
    }))
}

/// Smallest piece of ink counted: fewer pixels are noise.
const MIN_PIECE_PIXELS: usize = 4;

/// The boxes of the connected pieces of ink (eight neighbours) in `area`
/// of `image`, pieces of noise left out.
fn ink_pieces(image: &PageImage, area: Area) -> Vec<Area> {
    let (right, bottom) = (area.right.min(image.width), area.bottom.min(image.height));
    let (left, top) = (area.left.min(right), area.top.min(bottom));
    let (width, height) = ((right - left) as usize, (bottom - top) as usize);
    let is_ink = |x: usize, y: usize| {
        let at = (top as usize + y) * image.width as usize + left as usize + x;
        image.pixels[at] < INK
    };
    let mut seen = vec![false; width * height];
    let mut pieces = Vec::new();
    let mut stack = Vec::new();
    for start in 0..width * height {
        if seen[start] || !is_ink(start % width, start / width) {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1, mut count) = (width, height, 0, 0, 0);
        while let Some(at) = stack.pop() {
            let (x, y) = (at % width, at / width);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            count += 1;
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                if nx < 0 || ny < 0 || nx as usize >= width || ny as usize >= height {
                    continue;
                }
                let next = ny as usize * width + nx as usize;
                if !seen[next] && is_ink(nx as usize, ny as usize) {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        if count >= MIN_PIECE_PIXELS {
            pieces.push(Area {
                left: left + x0 as u32,
                top: top + y0 as u32,
                right: left + x1 as u32,
                bottom: top + y1 as u32,
            });
        }
    }
    pieces
}

/// The note mark a glyph read alone (`tsv`) is: a digit 1–9 or an `i`
/// (a `0` is a degree sign, an `x` a star), read with [`MIN_CONFIDENCE`]. A lone
/// `l` or `I` is the digit `1` (a raised `1` is too small to tell); a bare
/// stroke (`|`) may be a `1` or an `i` whose dot was lost, and is neither.
fn number_read(tsv: &str) -> Option<String> {
    static NOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[1-9]|i)$").expect("valid regex"));
    let mut words = word_rows(tsv).filter(|w| !w.text.trim().is_empty());
    let (Some(word), None) = (words.next(), words.next()) else {
        return None;
    };
    let text = match word.text.trim() {
        "l" | "I" => "1",
        text => text,
    };
    (word.confidence >= MIN_CONFIDENCE && NOTE.is_match(text)).then(|| text.to_string())
}

/// `text` (a word in `word_area`) with the misread mark nearest where
/// `mark` lies across the word replaced by `number`.
fn with_mark(text: &str, word_area: Option<Area>, mark: Area, number: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let across = word_area.map_or(1.0, |word| {
        let middle = (mark.left + mark.right) as f32 / 2.0 - word.left as f32;
        middle / (word.right - word.left).max(1) as f32
    });
    let nearest = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| is_misread_mark(**c))
        .min_by(|(a, _), (b, _)| {
            let at = |i: usize| ((i as f32 + 0.5) / chars.len() as f32 - across).abs();
            at(*a).total_cmp(&at(*b))
        })
        .map(|(i, _)| i);
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if Some(i) == nearest {
                number.to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ocr::test_pages::{HEADER, drawn};

    /// A white page, 400 × 200, with black rectangles (left, top, width,
    /// height).
    fn page(inked: &[(u32, u32, u32, u32)]) -> PageImage {
        drawn(400, 200, inked, &[])
    }

    /// Two words on a line 40 high at y = 50: "比" (x 100–140) and
    /// `second` (x 145–240).
    fn line(second: &str) -> String {
        format!(
            "{HEADER}5\t1\t1\t1\t1\t1\t100\t50\t40\t40\t95\t比\n\
             5\t1\t1\t1\t1\t2\t145\t50\t95\t40\t60\t{second}\n"
        )
    }

    /// Full-height glyphs at x 100 and 160, and whatever else.
    fn glyphs(more: &[(u32, u32, u32, u32)]) -> PageImage {
        let mut inked = vec![(100, 50, 40, 40), (160, 50, 40, 40)];
        inked.extend_from_slice(more);
        page(&inked)
    }

    fn read_as(text: &str) -> impl FnMut(&PageImage) -> Result<String, OcrError> + '_ {
        move |mark| {
            assert!(mark.width > 30 && mark.dpi == 900, "enlarged on white");
            Ok(format!(
                "{HEADER}5\t1\t1\t1\t1\t1\t30\t30\t9\t30\t91\t{text}\n"
            ))
        }
    }

    fn texts(tsv: &str) -> Vec<&str> {
        word_rows(tsv).map(|w| w.text).collect()
    }

    #[test]
    fn a_raised_digit_read_as_a_colon_is_the_digit() {
        // A "1" 15 high at the top of the line, between the two glyphs.
        let image = glyphs(&[(148, 50, 5, 15)]);
        let got = with_note_marks(&image, &line(":稳"), &mut read_as("1")).unwrap();
        assert_eq!(texts(&got), ["比", "1稳"]);
        let got = with_note_marks(&image, &line(":稳"), &mut read_as("l")).unwrap();
        assert_eq!(texts(&got), ["比", "1稳"], "a raised l is a 1");
    }

    #[test]
    fn a_mark_that_reads_as_no_number_leaves_the_word_as_it_was() {
        let image = glyphs(&[(148, 50, 5, 15)]);
        for read in ["】", "|", "12", "0", "x", "ab"] {
            let got = with_note_marks(&image, &line(":稳"), &mut read_as(read)).unwrap();
            assert_eq!(texts(&got), ["比", ":稳"], "{read}");
        }
    }

    #[test]
    fn a_tone_mark_a_colon_and_two_raised_pieces_are_not_marks() {
        let mut never = |_: &PageImage| -> Result<String, OcrError> { panic!("not a mark") };
        // A tone mark: a letter under it.
        let accent = glyphs(&[(148, 45, 5, 10), (146, 62, 10, 28)]);
        let got = with_note_marks(&accent, &line(":ế"), &mut never).unwrap();
        assert_eq!(texts(&got), ["比", ":ế"]);
        // A colon: its foot at the bottom of the line.
        let colon = glyphs(&[(148, 60, 5, 6), (148, 80, 5, 6)]);
        assert_eq!(
            texts(&with_note_marks(&colon, &line(":稳"), &mut never).unwrap()),
            ["比", ":稳"]
        );
        // An opening quote: two raised pieces.
        let quote = glyphs(&[(146, 50, 4, 12), (152, 50, 4, 12)]);
        assert_eq!(
            texts(&with_note_marks(&quote, &line("\"稳"), &mut never).unwrap()),
            ["比", "\"稳"]
        );
        // A word with no character a mark is read as is not looked at.
        let mark = glyphs(&[(148, 50, 5, 15)]);
        assert_eq!(
            texts(&with_note_marks(&mark, &line("“稳"), &mut never).unwrap()),
            ["比", "“稳"]
        );
    }

    #[test]
    fn odd_rows_and_odd_readings_never_panic() {
        let image = glyphs(&[(148, 50, 5, 15), (0, 190, 400, 10)]);
        for seed in 0..200 {
            let tsv = crate::ocr::markers::tests::odd_tsv(seed, 12);
            let reading = crate::ocr::markers::tests::odd_tsv(seed + 1000, 2);
            let mut read = |_: &PageImage| Ok(reading.clone());
            assert!(with_note_marks(&image, &tsv, &mut read).is_ok());
        }
    }

    #[test]
    fn a_raised_glyph_of_the_word_before_is_not_this_words_mark() {
        // A raised "1" at x 140–143, right of "比"'s glyph, its middle
        // left of the next word's box: that word's colon is not it.
        let image = glyphs(&[(140, 50, 4, 15)]);
        let mut never = |_: &PageImage| -> Result<String, OcrError> { panic!("not its mark") };
        let got = with_note_marks(&image, &line(":稳"), &mut never).unwrap();
        assert_eq!(texts(&got), ["比", ":稳"]);
    }

    #[test]
    fn the_misread_character_nearest_the_mark_is_the_one_replaced() {
        let word = Area {
            left: 0,
            top: 0,
            right: 100,
            bottom: 40,
        };
        let at = |left| Area {
            left,
            top: 0,
            right: left + 5,
            bottom: 15,
        };
        assert_eq!(with_mark("2030);", Some(word), at(78), "1"), "20301;");
        assert_eq!(with_mark("》:，", Some(word), at(40), "1"), "》1，");
        assert_eq!(with_mark("\"a\"", Some(word), at(90), "2"), "\"a2");
    }
}
