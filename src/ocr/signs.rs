//! The signs `≥` and `≤` that Tesseract reads as `>` and `<`.
//!
//! None of the Vietnamese or Chinese models has `≥` or `≤` in its
//! character set, so a plan's target "≥ 95%" comes out as "> 95%", which
//! says something else. The page shows which it was: `≥` has a bar under
//! its chevron, apart from it.
//!
//! Promises: [`with_comparison_signs`] changes only the first character of
//! a word that starts with `>` or `<`, and only when the first glyph of
//! that word's box on the image has a bar under its chevron (a level one
//! below a white row, or a quarter of its columns crossing three strokes).

use super::PageImage;
use super::image::INK;
use super::tsv::{self, WordRow};
use super::words::Area;

/// A stroke is at least this many ink pixels thick, and a column of a
/// glyph has at least this many (a speck of noise has fewer).
const MIN_STROKE: usize = 2;

/// `tsv` (Tesseract's TSV of `image`) with each word read as starting with
/// `>` or `<` whose glyph has a bar under it starting with `≥` or `≤`.
pub fn with_comparison_signs(image: &PageImage, tsv: &str) -> String {
    tsv::rewrite_words(tsv, |word| with_sign(image, word))
}

/// `word`'s text with its first character as `≥` or `≤`, when it starts
/// with `>` or `<` and its glyph has a bar.
fn with_sign(image: &PageImage, word: &WordRow) -> Option<String> {
    let sign = match word.text.chars().next()? {
        '>' => '≥',
        '<' => '≤',
        _ => return None,
    };
    has_bar_under_first_glyph(image, word.area()?).then(|| format!("{sign}{}", &word.text[1..]))
}

/// Whether the first glyph in `area` of `image` has a bar besides its
/// chevron: a level bar at its foot ([`stands_on_a_bar`]), or any bar,
/// level or slanted as some fonts draw it ([`crosses_three_strokes`]). At
/// low resolution one or the other can blur into the chevron; a bare `>`
/// or `<` passes neither.
fn has_bar_under_first_glyph(image: &PageImage, area: Area) -> bool {
    let Area { left, top, .. } = area;
    let (right, bottom) = (area.right.min(image.width), area.bottom.min(image.height));
    let is_ink =
        |x: u32, y: u32| image.pixels[y as usize * image.width as usize + x as usize] < INK;
    let column_inked = |x: u32| (top..bottom).filter(|&y| is_ink(x, y)).count() >= MIN_STROKE;
    let Some(first) = (left..right).find(|&x| column_inked(x)) else {
        return false;
    };
    let end = (first..right).find(|&x| !column_inked(x)).unwrap_or(right);
    if end - first < 3 {
        return false;
    }
    let rows: Vec<Vec<bool>> = (top..bottom)
        .map(|y| (first..end).map(|x| is_ink(x, y)).collect())
        .collect();
    stands_on_a_bar(&rows) || crosses_three_strokes(&rows)
}

/// Whether the glyph (`rows` of its pixels, true for ink) stands on a
/// level bar: its lowest run of inked rows lies below a white row, under
/// more ink, is at most a third of the glyph's height, and has a row
/// inked across three fifths of its width.
fn stands_on_a_bar(rows: &[Vec<bool>]) -> bool {
    let width = rows.first().map_or(0, Vec::len);
    let row_ink: Vec<usize> = rows
        .iter()
        .map(|row| row.iter().filter(|&&ink| ink).count())
        .collect();
    let inked = |count: &usize| *count >= MIN_STROKE;
    let (Some(first), Some(last)) = (
        row_ink.iter().position(inked),
        row_ink.iter().rposition(inked),
    ) else {
        return false;
    };
    let bar_top = row_ink[..=last]
        .iter()
        .rposition(|c| !inked(c))
        .map_or(0, |gap| gap + 1);
    let above = row_ink[..bar_top].iter().any(inked);
    let bar_width = row_ink[bar_top..=last].iter().copied().max().unwrap_or(0);
    above && (last + 1 - bar_top) * 3 <= last + 1 - first && bar_width * 5 >= width * 3
}

/// Whether a quarter of the glyph's columns at least (`rows` of its
/// pixels, true for ink) cross three strokes: the chevron's two arms and
/// the bar, where a bare `>` or `<` has two at most.
fn crosses_three_strokes(rows: &[Vec<bool>]) -> bool {
    let width = rows.first().map_or(0, Vec::len);
    let strokes_crossed = |x: usize| {
        let mut strokes = 0;
        let mut run = 0;
        for ink in rows.iter().map(|row| row[x]).chain([false]) {
            if ink {
                run += 1;
            } else {
                strokes += usize::from(run >= MIN_STROKE);
                run = 0;
            }
        }
        strokes
    };
    let barred = (0..width).filter(|&x| strokes_crossed(x) >= 3).count();
    barred * 4 >= width
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 60 × 40 white image with the given ink pixels (x, y).
    fn image(ink: impl Iterator<Item = (u32, u32)>) -> PageImage {
        let mut pixels = vec![255u8; 60 * 40];
        for (x, y) in ink {
            pixels[(y * 60 + x) as usize] = 0;
        }
        PageImage {
            width: 60,
            height: 40,
            dpi: 300,
            pixels,
        }
    }

    /// `>` from (10, 5) to (24, 19) and back to (10, 33), two pixels
    /// thick, then a digit's stem at x = 30.
    fn chevron() -> impl Iterator<Item = (u32, u32)> {
        let strokes = (0..14u32).flat_map(|i| {
            [
                (10 + i, 5 + i),
                (10 + i, 33 - i),
                (11 + i, 5 + i),
                (11 + i, 33 - i),
            ]
        });
        strokes.chain((5..34).flat_map(|y| [(30, y), (31, y)]))
    }

    fn bar() -> impl Iterator<Item = (u32, u32)> {
        (10..25).flat_map(|x| [(x, 36), (x, 37)])
    }

    const ROW: &str = "5\t1\t1\t1\t1\t1\t8\t3\t30\t36\t90\t";

    #[test]
    fn a_chevron_on_a_bar_is_at_least() {
        let page = image(chevron().chain(bar()));
        let tsv = format!("{ROW}>95%\n{ROW}<5\n");
        assert_eq!(
            with_comparison_signs(&page, &tsv),
            format!("{ROW}≥95%\n{ROW}≤5\n")
        );
    }

    #[test]
    fn a_slanted_bar_counts_too() {
        let slanted = (0..10u32).flat_map(|i| [(10 + i, 37 - i), (11 + i, 37 - i)]);
        let page = image(chevron().chain(slanted));
        let tsv = format!("{ROW}>85\n");
        assert_eq!(with_comparison_signs(&page, &tsv), format!("{ROW}≥85\n"));
    }

    #[test]
    fn a_chevron_alone_stays() {
        let page = image(chevron());
        let tsv = format!("{ROW}>95%\n{ROW}95\nlevel\ttext\n");
        assert_eq!(with_comparison_signs(&page, &tsv), tsv);
    }
}
