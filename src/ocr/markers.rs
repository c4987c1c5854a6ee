//! List markers at the start of a line: bullets, which no model has a
//! letter for, and the numbers of a hanging list, which Tesseract's layout
//! sometimes leaves out.
//!
//! Tesseract reads a square bullet `▪` as `。` and a round one as `e`,
//! `«` or `s_`; and where a list hangs ("2." left of an indented
//! paragraph), its page layout can drop the numbers altogether, so that
//! "2. 开展人口变动情况抽样调查" comes out without its "2.". The line's
//! words are right; its marker is wrong or missing.
//!
//! Promises: [`with_line_markers`] changes or adds only the first word of
//! a line. A first word of one or two characters, none Han and not
//! already a bullet or dash, whose ink is a solid square or disc about the
//! middle of the line, or a short bar, becomes a bullet (`▪` `■` `•` `●`,
//! by shape and size) or `-`. A first word read as a roman numeral of
//! `I`s gets as many `I` as its stems ([`roman_of_stems`]). On a Chinese
//! page, an unsure first word that may be a number is read again with a
//! Latin model and kept when it is one ([`is_unsure_number`]). Ink that
//! no word covers just left of a line's first word, at most 1.3 lines
//! high, becomes a word of its own before it: a bullet by the same test,
//! or the list marker ("2.", "a)", "（一）", "-") the line starts with when
//! it is read again with that ink; nothing when it reads as anything
//! else. At most [`MAX_REREADS`] lines or words of a page are read again.

use std::sync::LazyLock;

use regex::Regex;

use super::image::INK;
use super::tsv::{self, TextLine, WordRow, text_lines, word_rows};
use super::words::Area;
use super::{OcrError, PageImage, image, missed};
use crate::script::is_han;

/// Most lines of a page read again for a marker left of them: each is one
/// more Tesseract call.
pub const MAX_REREADS: usize = 24;

/// Ink left of a line's first word counts as its marker when it is at
/// most this many line heights away.
const MARKER_REACH: usize = 4;

/// A marker read again is kept when Tesseract's confidence in it is at
/// least this (0–100).
const MIN_MARKER_CONFIDENCE: f32 = 50.0;

/// The model a line or a word is read again with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// The page's.
    Page,
    /// One for digits and Latin letters: a Chinese model reads a lone
    /// "1." as `上`.
    Latin,
}

/// `tsv` (Tesseract's TSV of `image`, a `chinese` page or not) with the
/// bullets read as other characters put right and the markers left out
/// put in; `read` reads an image of one line with a model and gives
/// Tesseract's TSV of it.
pub fn with_line_markers(
    image: &PageImage,
    tsv: &str,
    chinese: bool,
    read: &mut dyn FnMut(&PageImage, Model) -> Result<String, OcrError>,
) -> Result<String, OcrError> {
    let rows: Vec<&str> = tsv.lines().collect();
    let covered = missed::coverage(
        tsv,
        image.width as usize,
        image.height as usize,
        (image.dpi / 100).max(1) as usize,
    );
    let mut inserted: Vec<(usize, String)> = Vec::new();
    let mut rewritten: Vec<(usize, String)> = Vec::new();
    let mut rereads = 0;
    let (width, height) = (image.width as usize, image.height as usize);
    for line in text_lines(&rows)
        .into_iter()
        .filter(|l| l.fits(width, height))
    {
        let (first_row, first) = line.first();
        let misread_bullet = (line.words.len() > 1 && is_bullet_candidate(first.text))
            .then(|| bullet_in(image, first.area()?, &line).map(str::to_string))
            .flatten();
        let mut misread = misread_bullet.or_else(|| {
            (line.words.len() > 1)
                .then(|| roman_of_stems(image, &first))
                .flatten()
        });
        if misread.is_none() && chinese && rereads < MAX_REREADS && is_unsure_number(&line) {
            rereads += 1;
            let crop = word_enlarged(image, &first, line.height());
            misread = latin_marker(&read(&crop, Model::Latin)?).filter(|m| m != first.text);
        }
        if let Some(text) = misread {
            let row = WordRow {
                text: &text,
                ..first
            };
            rewritten.push((first_row, row.row()));
            continue;
        }
        let Some(ink) = ink_left_of(image, &covered, &line) else {
            continue;
        };
        let marker = match bullet_in(image, ink, &line) {
            Some(bullet) => Some((bullet.to_string(), first.confidence)),
            None if rereads < MAX_REREADS => {
                rereads += 1;
                let crop = line_with_ink(image, ink, &line);
                let read = read(&image::crop(image, crop), Model::Page)?;
                let digit_high = (ink.bottom - ink.top) as usize * 10 >= line.height() * 6;
                marker_read(&read, crop, first.left, digit_high)
            }
            None => None,
        };
        if let Some((text, confidence)) = marker {
            let row = WordRow {
                left: ink.left as usize,
                top: ink.top as usize,
                width: (ink.right - ink.left) as usize,
                height: (ink.bottom - ink.top) as usize,
                confidence,
                text: &text,
                ..first
            }
            .row();
            inserted.push((first_row, row));
        }
    }
    Ok(tsv::edited(&rows, &inserted, &rewritten))
}

/// Whether a word could be a bullet read as something else: one or two
/// characters (and any `_` after them), none of them Han (`。`, `«`, `e_`,
/// `se`), not already a bullet or dash; its ink decides.
fn is_bullet_candidate(text: &str) -> bool {
    let text = text.trim().trim_end_matches('_');
    let already = matches!(text, "•" | "●" | "▪" | "■" | "-" | "–" | "—" | "+");
    (1..=2).contains(&text.chars().count()) && !text.chars().any(is_han) && !already
}

/// The bullet whose ink fills `area` of `image` on `line`, its centre
/// between a fifth and four fifths of the way down the line (a full stop
/// sits lower): a solid square (`▪`, or `■` when more than half the line
/// high) or disc (`•`, `●`) a fifth to three fifths of the line high (a
/// full stop is smaller, a capital taller), or a dash (`-`) a fifth to four fifths of a line long.
fn bullet_in(image: &PageImage, area: Area, line: &TextLine) -> Option<&'static str> {
    let ink = ink_box(image, area)?;
    let (width, height) = (
        ink.area.right - ink.area.left,
        ink.area.bottom - ink.area.top,
    );
    let line_height = line.height() as u32;
    let centre = (ink.area.top + ink.area.bottom) as usize / 2;
    let (band_top, band) = (line.top, line.height());
    if centre * 5 < band_top * 5 + band || centre * 5 > band_top * 5 + band * 4 {
        return None;
    }
    let fill = ink.pixels as f32 / (width * height) as f32;
    let is_dash = height * 5 <= line_height
        && width * 5 >= line_height
        && width * 5 <= line_height * 4
        && width >= 3 * height
        && fill >= 0.7;
    if is_dash {
        return Some("-");
    }
    let side = width.max(height);
    let squarish = width * 10 >= height * 7 && height * 10 >= width * 7;
    if !squarish || side * 5 < line_height || side * 5 > line_height * 3 {
        return None;
    }
    let large = side * 2 > line_height;
    match fill {
        f if f >= 0.86 => Some(if large { "■" } else { "▪" }),
        f if f >= 0.62 && !ink.corners_inked => Some(if large { "●" } else { "•" }),
        _ => None,
    }
}

/// A heading's roman numeral of `I`s ("III.") read with too few or too
/// many (bold serifs join them: "II.", "HI.", "IH."), as the stems on the
/// image count them: `word` is read as one to three of `I`, `l`, `|`
/// (and `H`, two stems, beside one of them) and a full stop or `)`; its
/// box has one to three runs of columns inked over at least four fifths
/// of its height; `None` when the reading already has that many and no
/// `H` or `|`.
fn roman_of_stems(image: &PageImage, word: &WordRow) -> Option<String> {
    static NUMERAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([Il|H]{1,3})([.)])$").expect("valid regex"));
    let read = NUMERAL.captures(word.text.trim())?;
    let letters = &read[1];
    if !letters.contains(['I', 'l', '|']) {
        return None;
    }
    let read_stems = letters
        .chars()
        .map(|c| if c == 'H' { 2 } else { 1 })
        .sum::<usize>();
    let area = word.area()?;
    let (right, bottom) = (area.right.min(image.width), area.bottom.min(image.height));
    let height = bottom.saturating_sub(area.top) as usize;
    if height == 0 {
        return None;
    }
    let is_stem = |x: u32| {
        let ink = (area.top..bottom)
            .filter(|&y| image.pixels[y as usize * image.width as usize + x as usize] < INK)
            .count();
        ink * 5 >= height * 4
    };
    let mut stems = 0;
    let mut in_stem = false;
    for x in area.left..right {
        let stem = is_stem(x);
        stems += usize::from(stem && !in_stem);
        in_stem = stem;
    }
    // As many stems as read: only an `H` or `|` is wrong (an `l` may be
    // a list's letter l).
    let misread = stems != read_stems || letters.contains(['H', '|']);
    ((1..=3).contains(&stems) && misread).then(|| format!("{}{}", "I".repeat(stems), &read[2]))
}

/// Tesseract's confidence below which a Chinese line's first word may
/// be a number it misread.
const UNSURE: f32 = 70.0;

/// Whether `line` starts with a word that may be a number or list marker
/// a Chinese model misread: one Han character, or up to three characters
/// with a digit and no Han, read with less than [`UNSURE`] confidence and
/// apart from the next word (a table's first cell, "1." read as `上`, "2."
/// as `2`).
fn is_unsure_number(line: &TextLine) -> bool {
    let [(_, first), (_, next), ..] = line.words[..] else {
        return false;
    };
    let text = first.text.trim();
    let count = text.chars().count();
    let one_han = count == 1 && text.chars().all(is_han);
    let digits =
        count <= 3 && text.chars().any(|c| c.is_ascii_digit()) && !text.chars().any(is_han);
    let apart = next.left >= first.left + first.width + line.height() / 2;
    // A word the size of a figure is not a number.
    let small = first.height <= 2 * line.height() && first.width <= 3 * line.height();
    first.confidence < UNSURE && (one_han || digits) && apart && small
}

/// How much a word is enlarged before it is read again alone.
const WORD_ENLARGE: u32 = 3;

/// `word` on its own, with a third of a line of the page around it,
/// enlarged [`WORD_ENLARGE`] times on white.
fn word_enlarged(image: &PageImage, word: &WordRow, line_height: usize) -> PageImage {
    let margin = (line_height / 3) as u32;
    let area = word.area().unwrap_or(Area {
        left: 0,
        top: 0,
        right: 0,
        bottom: 0,
    });
    let around = Area {
        left: area.left.saturating_sub(margin),
        top: area.top.saturating_sub(margin),
        right: area.right.saturating_add(margin).min(image.width),
        bottom: area.bottom.saturating_add(margin).min(image.height),
    };
    image::enlarged(image, around, WORD_ENLARGE, margin)
}

/// The number or list marker a word read again with the Latin model
/// (`tsv`) is, read with confidence: "1.", "12", "3)", "(2)"; as read.
fn latin_marker(tsv: &str) -> Option<String> {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[0-9]{1,3}[.)]?|[(（][0-9]{1,2}[)）]|[0-9]{1,2}(?:\.[0-9]{1,2}){1,2}\.?)$")
            .expect("valid regex")
    });
    let mut words = word_rows(tsv).filter(|w| !w.text.trim().is_empty());
    let (Some(word), None) = (words.next(), words.next()) else {
        return None;
    };
    let text = word.text.trim();
    (word.confidence >= LATIN_CONFIDENCE && MARKER.is_match(text)).then(|| text.to_string())
}

/// A number read again with the Latin model counts when Tesseract's
/// confidence in it is at least this (0–100).
const LATIN_CONFIDENCE: f32 = 80.0;

/// The tight box of the ink in an area, how many of its pixels are ink,
/// and whether any of its four corner pixels is.
struct InkBox {
    area: Area,
    pixels: usize,
    corners_inked: bool,
}

fn ink_box(image: &PageImage, area: Area) -> Option<InkBox> {
    let (right, bottom) = (area.right.min(image.width), area.bottom.min(image.height));
    let is_ink =
        |x: u32, y: u32| image.pixels[y as usize * image.width as usize + x as usize] < INK;
    let mut tight: Option<Area> = None;
    let mut pixels = 0;
    for y in area.top..bottom {
        for x in area.left..right {
            if is_ink(x, y) {
                pixels += 1;
                let t = tight.get_or_insert(Area {
                    left: x,
                    top: y,
                    right: x + 1,
                    bottom: y + 1,
                });
                t.left = t.left.min(x);
                t.right = t.right.max(x + 1);
                t.bottom = y + 1;
            }
        }
    }
    let area = tight?;
    let corners = [
        (area.left, area.top),
        (area.right - 1, area.top),
        (area.left, area.bottom - 1),
        (area.right - 1, area.bottom - 1),
    ];
    Some(InkBox {
        area,
        pixels,
        corners_inked: corners.iter().any(|&(x, y)| is_ink(x, y)),
    })
}

/// The ink no word covers (`covered`) left of `line`'s first word, within
/// [`MARKER_REACH`] line heights, in the line's band and a quarter of a
/// line above and below it: its tight box, when it is all there (it ends
/// before the search does on the left, above and below), is a fifth to
/// 1.3 lines high (or a fifth of a line long: a dash), and is not a rule.
fn ink_left_of(image: &PageImage, covered: &[bool], line: &TextLine) -> Option<Area> {
    let height = line.height();
    let width = image.width as usize;
    let reach_left = line.first().1.left.saturating_sub(MARKER_REACH * height);
    let (top, bottom) = (
        line.top.saturating_sub(height / 4),
        (line.bottom + height / 4).min(image.height as usize),
    );
    let uncovered_ink = |x: usize, y: usize| {
        let at = y * width + x;
        image.pixels[at] < INK && !covered[at]
    };
    let column_inked = |x: usize| (top..bottom).any(|y| uncovered_ink(x, y));
    let right = (reach_left..line.first().1.left)
        .rev()
        .find(|&x| column_inked(x))?
        + 1;
    // Leftwards while the gaps between inked columns are under half a line.
    let mut left = right - 1;
    let mut gap = 0;
    for x in (reach_left..left).rev() {
        if column_inked(x) {
            left = x;
            gap = 0;
        } else {
            gap += 1;
            if gap > height / 2 {
                break;
            }
        }
    }
    if left == reach_left {
        return None;
    }
    let row_inked = |y: usize| (left..right).any(|x| uncovered_ink(x, y));
    let ink_top = (top..bottom).find(|&y| row_inked(y))?;
    let ink_bottom = (top..bottom).rev().find(|&y| row_inked(y))? + 1;
    let (ink_width, ink_height) = (right - left, ink_bottom - ink_top);
    let touches_band = ink_top == top || ink_bottom == bottom;
    let is_rule = ink_width * 6 <= height && ink_height * 10 >= height * 7;
    let too_small = ink_height * 5 < height && ink_width * 5 < height;
    if touches_band || is_rule || too_small || ink_height * 10 > height * 13 {
        return None;
    }
    Some(Area {
        left: left as u32,
        top: ink_top as u32,
        right: right as u32,
        bottom: ink_bottom as u32,
    })
}

/// The area to read `line` again in with the ink left of it: from the ink
/// to the line's end, and a third of a line of the page around.
fn line_with_ink(image: &PageImage, ink: Area, line: &TextLine) -> Area {
    let margin = (line.height() / 3) as u32;
    Area {
        left: ink.left.saturating_sub(margin),
        top: (line.top as u32).min(ink.top).saturating_sub(margin),
        right: (line.right as u32 + margin).min(image.width),
        bottom: (line.bottom as u32)
            .max(ink.bottom)
            .saturating_add(margin)
            .min(image.height),
    }
}

/// The list marker a line read again (`tsv`, of the image of `crop`)
/// starts with, left of `first_left` where the page's first word of the
/// line starts, with Tesseract's confidence in it. It must be read with
/// [`MIN_MARKER_CONFIDENCE`], unless it is a number and its ink is
/// `digit_high` (Tesseract gives a whole hard line, its clear "1." too,
/// no confidence).
fn marker_read(
    tsv: &str,
    crop: Area,
    first_left: usize,
    digit_high: bool,
) -> Option<(String, f32)> {
    let word = word_rows(tsv).find(|w| !w.text.trim().is_empty())?;
    if (crop.left as usize).saturating_add(word.left) >= first_left {
        return None;
    }
    // Chinese runs the marker into the line's first characters ("2，开展").
    let text = word.text.trim();
    let end = text
        .char_indices()
        .find(|&(_, c)| is_han(c) && !is_chinese_numeral(c))
        .map_or(text.len(), |(at, _)| at);
    let (marker, is_number) = list_marker(&text[..end])?;
    let sure = word.confidence >= MIN_MARKER_CONFIDENCE || (is_number && digit_high);
    sure.then_some((marker, word.confidence))
}

fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// `text` as a list marker: "2.", "2)", "(2)", "a)", "IV.", "（一）",
/// "一、", a dash or plus; a number followed by a full stop read as a
/// comma (`，`) or by nothing Tesseract could read is "N."; and whether
/// it is such a number.
fn list_marker(text: &str) -> Option<(String, bool)> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([0-9]{1,2})[.,，。·:：]?$").expect("valid regex"));
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:[0-9]{1,2}[)）]|[(（][0-9]{1,2}[)）]|[a-zđ][).]|[IVX]{1,4}\.",
            r"|[0-9]{1,2}(?:\.[0-9]{1,2}){1,2}\.?",
            r"|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、|[-–+•])$"
        ))
        .expect("valid regex")
    });
    if let Some(number) = NUMBER.captures(text) {
        return Some((format!("{}.", &number[1]), true));
    }
    MARKER.is_match(text).then(|| (text.to_string(), false))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use crate::ocr::test_pages::{HEADER, drawn};

    /// A white page, 1000 × 400, with black rectangles (left, top, width,
    /// height), each minus the white ones of `holes`.
    fn page(inked: &[(u32, u32, u32, u32)], holes: &[(u32, u32, u32, u32)]) -> PageImage {
        drawn(1000, 400, inked, holes)
    }

    fn word(line: u32, left: u32, top: u32, width: u32, height: u32, text: &str) -> String {
        format!("5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{width}\t{height}\t95\t{text}\n")
    }

    /// One line of text from x = 200 to 800, 40 pixels high at y = 100,
    /// read as `first` (200–240) and "开展工作" after it.
    fn line_words(first: &str) -> String {
        format!(
            "{HEADER}{}{}",
            word(1, 200, 100, 40, 40, first),
            word(1, 250, 100, 550, 40, "开展工作")
        )
    }

    fn never_read(_: &PageImage, _: Model) -> Result<String, OcrError> {
        panic!("nothing here needs reading again")
    }

    fn texts(tsv: &str) -> Vec<&str> {
        word_rows(tsv).map(|w| w.text).collect()
    }

    #[test]
    fn a_solid_square_read_as_a_full_stop_is_a_bullet_and_a_ring_is_not() {
        let text = (250, 100, 550, 40);
        let square = page(&[(210, 112, 14, 14), text], &[]);
        let got = with_line_markers(&square, &line_words("。"), true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["▪", "开展工作"]);
        // Its corners cut: about a disc.
        let corners = [
            (210, 112, 4, 4),
            (220, 112, 4, 4),
            (210, 122, 4, 4),
            (220, 122, 4, 4),
        ];
        let disc_like = page(&[(210, 112, 14, 14), text], &corners);
        let got = with_line_markers(&disc_like, &line_words("«"), true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["•", "开展工作"]);
        let ring = page(&[(210, 112, 14, 14), text], &[(213, 115, 8, 8)]);
        let got = with_line_markers(&ring, &line_words("。"), true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["。", "开展工作"]);
        // A full stop: small and at the foot of the line.
        let stop = page(&[(210, 132, 6, 6), text], &[]);
        let got = with_line_markers(&stop, &line_words("."), true, &mut never_read).unwrap();
        assert_eq!(texts(&got), [".", "开展工作"]);
    }

    #[test]
    fn a_number_left_of_a_line_is_read_with_the_line_and_put_before_it() {
        // "2." at x = 150, 30 high: no word covers it.
        let image = page(
            &[(150, 105, 16, 30), (170, 130, 5, 5), (200, 100, 600, 40)],
            &[],
        );
        let tsv = format!("{HEADER}{}", word(1, 200, 100, 600, 40, "开展工作"));
        let mut crops = Vec::new();
        let mut read = |crop: &PageImage, model| {
            assert_eq!(model, Model::Page);
            crops.push(crop.width);
            Ok(format!("{HEADER}{}", word(1, 13, 13, 40, 30, "2，开展")))
        };
        let got = with_line_markers(&image, &tsv, true, &mut read).unwrap();
        assert_eq!(texts(&got), ["2.", "开展工作"]);
        let marker = word_rows(&got).next().unwrap();
        assert_eq!((marker.left, marker.top, marker.width), (150, 105, 25));
        assert_eq!(crops.len(), 1);
        assert!(
            crops[0] > 600,
            "the line is read with its number: {crops:?}"
        );
    }

    #[test]
    fn ink_left_of_a_line_that_reads_as_no_marker_is_left_out() {
        let image = page(&[(150, 105, 16, 30), (200, 100, 600, 40)], &[]);
        let tsv = format!("{HEADER}{}", word(1, 200, 100, 600, 40, "开展工作"));
        let mut read =
            |_: &PageImage, _| Ok(format!("{HEADER}{}", word(1, 13, 13, 40, 30, "琴开展")));
        let got = with_line_markers(&image, &tsv, true, &mut read).unwrap();
        assert_eq!(texts(&got), ["开展工作"]);
    }

    #[test]
    fn a_dash_left_of_a_line_is_a_dash_and_a_rule_is_nothing() {
        let tsv = format!("{HEADER}{}", word(1, 200, 100, 600, 40, "Quản lý"));
        let dash = page(&[(160, 118, 14, 4), (200, 100, 600, 40)], &[]);
        let got = with_line_markers(&dash, &tsv, true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["-", "Quản lý"]);
        // A table's border, taller than the line.
        let rule = page(&[(160, 60, 3, 200), (200, 100, 600, 40)], &[]);
        let got = with_line_markers(&rule, &tsv, true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["Quản lý"]);
    }

    #[test]
    fn a_roman_numeral_has_as_many_i_as_it_has_stems() {
        // Three stems 30 high joined by serifs at top and foot, a full stop.
        let serifs = [(200, 100, 70, 4), (200, 126, 70, 4)];
        let stems = [(205, 100, 8, 30), (230, 100, 8, 30), (255, 100, 8, 30)];
        let mut inked = vec![(280, 124, 6, 6), (300, 100, 500, 40)];
        inked.extend(serifs.iter().chain(&stems));
        let image = page(&inked, &[]);
        let heading = |numeral: &str| {
            format!(
                "{HEADER}{}{}",
                word(1, 200, 100, 90, 30, numeral),
                word(1, 300, 100, 500, 40, "CÁC HOẠT ĐỘNG")
            )
        };
        for read in ["II.", "HI.", "IH.", "Il.", "III."] {
            let got = with_line_markers(&image, &heading(read), true, &mut never_read).unwrap();
            assert_eq!(texts(&got), ["III.", "CÁC HOẠT ĐỘNG"], "{read}");
        }
        for other in ["1.", "H.", "IV."] {
            let got = with_line_markers(&image, &heading(other), true, &mut never_read).unwrap();
            assert_eq!(texts(&got)[0], other);
        }
        // One stem: a list's letter l stays, a bar is an I.
        let one = page(&[(205, 100, 8, 30), (300, 100, 500, 40)], &[]);
        let got = with_line_markers(&one, &heading("l)"), true, &mut never_read).unwrap();
        assert_eq!(texts(&got)[0], "l)");
        let got = with_line_markers(&one, &heading("|."), true, &mut never_read).unwrap();
        assert_eq!(texts(&got)[0], "I.");
    }

    #[test]
    fn an_unsure_han_character_that_starts_a_chinese_row_may_be_a_number() {
        let image = page(&[(200, 100, 20, 30), (400, 100, 300, 40)], &[]);
        let row = |first: &str, confidence: u32| {
            format!(
                "{HEADER}5\t1\t1\t1\t1\t1\t200\t100\t20\t30\t{confidence}\t{first}\n{}",
                word(1, 400, 100, 300, 40, "孕产妇死亡率")
            )
        };
        let mut latin = |crop: &PageImage, model| {
            assert_eq!(model, Model::Latin);
            assert_eq!(crop.dpi, 900, "enlarged");
            Ok(format!("{HEADER}{}", word(1, 30, 30, 60, 90, "1.")))
        };
        let got = with_line_markers(&image, &row("上", 60), true, &mut latin).unwrap();
        assert_eq!(texts(&got), ["1.", "孕产妇死亡率"]);
        let got = with_line_markers(&image, &row("2", 44), true, &mut latin).unwrap();
        assert_eq!(texts(&got), ["1.", "孕产妇死亡率"]);
        // Sure of it, or not a Chinese page: not read again.
        let got = with_line_markers(&image, &row("上", 92), true, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["上", "孕产妇死亡率"]);
        let got = with_line_markers(&image, &row("上", 60), false, &mut never_read).unwrap();
        assert_eq!(texts(&got), ["上", "孕产妇死亡率"]);
        // Read again as no number: left as it was.
        let mut han = |_: &PageImage, _| Ok(format!("{HEADER}{}", word(1, 30, 30, 60, 90, "Ƒ")));
        let got = with_line_markers(&image, &row("上", 60), true, &mut han).unwrap();
        assert_eq!(texts(&got), ["上", "孕产妇死亡率"]);
    }

    /// Rows of odd words (boxes off the page, empty, huge; any text)
    /// from a fixed pseudo-random sequence.
    pub(crate) fn odd_tsv(seed: u64, rows: usize) -> String {
        let mut state = seed;
        let mut next = |limit: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % limit
        };
        let texts = [
            "。",
            "2，开展",
            "III.",
            "1",
            ":稳",
            "上",
            "«",
            "",
            "-",
            "●●",
            "Ƒ",
        ];
        let mut tsv = HEADER.to_string();
        for _ in 0..rows {
            let big = |n: u64| if n.is_multiple_of(7) { u64::MAX / 3 } else { n };
            tsv.push_str(&format!(
                "5\t1\t{}\t1\t{}\t1\t{}\t{}\t{}\t{}\t{}\t{}\n",
                next(3),
                next(4),
                big(next(1100)),
                big(next(420)),
                next(300),
                next(80),
                next(101),
                texts[next(texts.len() as u64) as usize]
            ));
        }
        tsv
    }

    #[test]
    fn odd_rows_and_odd_readings_never_panic() {
        let image = page(
            &[(150, 105, 16, 30), (200, 100, 600, 40), (0, 390, 1000, 10)],
            &[],
        );
        for seed in 0..200 {
            let tsv = odd_tsv(seed, 12);
            let reading = odd_tsv(seed + 1000, 3);
            let mut read = |_: &PageImage, _| Ok(reading.clone());
            assert!(with_line_markers(&image, &tsv, seed.is_multiple_of(2), &mut read).is_ok());
        }
    }

    #[test]
    fn list_markers_are_told_from_other_text() {
        let marker = |text| list_marker(text).map(|(marker, _)| marker);
        for (read, kept) in [
            ("2，", "2."),
            ("12", "12."),
            ("3.", "3."),
            ("1)", "1)"),
            ("(4)", "(4)"),
            ("a)", "a)"),
            ("đ)", "đ)"),
            ("IV.", "IV."),
            ("2.1.", "2.1."),
            ("（三）", "（三）"),
            ("十二、", "十二、"),
            ("-", "-"),
        ] {
            assert_eq!(marker(read).as_deref(), Some(kept), "{read}");
        }
        for junk in ["琴", "ab", "1234", "e_", "«", "(", "2,5"] {
            assert_eq!(marker(junk), None, "{junk}");
        }
    }
}
