//! Circled numbers (`①` to `⑳`), which Chinese plans number list items
//! with and which none of the Chinese or Vietnamese models has: Tesseract
//! reads `①` as `@`, `Q@` or `©`.
//!
//! Promises: [`with_circled_numbers`] changes only a word with no Han
//! character whose box is about square and whose ink there is a thin ring
//! (the outermost ink at about the box's half width all round, then white
//! inside it) around something: the digits inside, read on their own, make
//! its text `①`–`⑳`; when they read as anything but a number from 1 to 20
//! the word stays as read.

use super::image::INK;
use super::tsv::{WordRow, word_rows};
use super::{OcrError, PageImage, sampling};
use crate::script::is_cjk;

/// Most words of a page looked at as circled numbers: each is one more
/// (small) Tesseract call.
const MAX_CANDIDATES: usize = 64;

/// Rays cast from the centre of a candidate, and how many must find the
/// ring (a speck or a break in it spoils one or two).
const RAYS: usize = 16;
const RAYS_ON_RING: usize = 14;

/// The part of the radius inside the ring that holds the digits.
const INNER: f32 = 0.62;

/// How much the digits are enlarged before they are read, and the white
/// margin around them: Tesseract reads a lone small digit badly.
const ENLARGE: u32 = 3;
const MARGIN: u32 = 30;

/// `tsv` (Tesseract's TSV of `image`) with each circled number read as
/// something else put right; `read_digits` reads the digits inside a ring
/// (an image of them alone) and gives Tesseract's TSV of it.
pub fn with_circled_numbers(
    image: &PageImage,
    tsv: &str,
    read_digits: &mut dyn FnMut(&PageImage) -> Result<String, OcrError>,
) -> Result<String, OcrError> {
    let mut out = String::with_capacity(tsv.len());
    let mut looked_at = 0;
    for line in tsv.lines() {
        let word = WordRow::parse(line);
        let digits = word
            .filter(|_| looked_at < MAX_CANDIDATES)
            .and_then(|w| digits_in_ring(image, &w));
        let mut number = None;
        if let Some(digits) = digits {
            looked_at += 1;
            number = number_read(&read_digits(&digits)?);
        }
        match (word, number) {
            (Some(word), Some(number)) => {
                out.push_str(
                    &WordRow {
                        text: &number.to_string(),
                        ..word
                    }
                    .row(),
                );
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// The image of what is inside `word`'s box when it holds a ring around
/// something and the word is one to three characters, none of them Han.
fn digits_in_ring(image: &PageImage, word: &WordRow) -> Option<PageImage> {
    let text = word.text.trim();
    if text.is_empty() || text.chars().count() > 3 || text.chars().any(is_cjk) {
        return None;
    }
    let [left, top, width, height] =
        [word.left, word.top, word.width, word.height].map(|n| n as f32);
    if width < 12.0 || height < 12.0 || width > 1.33 * height || height > 1.33 * width {
        return None;
    }
    let centre = (left + width / 2.0, top + height / 2.0);
    let radius = width.min(height) / 2.0;
    if !is_ring(image, centre, radius) {
        return None;
    }
    digits_inside(image, centre, radius * INNER)
}

/// Whether the ink around `centre` is a thin ring of about `radius`:
/// along most rays from outside in, the first ink is between 0.7 and 1.25
/// radii out, and white again before half the radius.
fn is_ring(image: &PageImage, centre: (f32, f32), radius: f32) -> bool {
    let ink = |x: f32, y: f32| {
        let (x, y) = (x.round(), y.round());
        x >= 0.0
            && y >= 0.0
            && (x as u32) < image.width
            && (y as u32) < image.height
            && image.pixels[y as usize * image.width as usize + x as usize] < INK
    };
    let on_ring = (0..RAYS)
        .filter(|&k| {
            let angle = k as f32 * std::f32::consts::TAU / RAYS as f32;
            let (dx, dy) = (angle.cos(), angle.sin());
            let at = |t: f32| ink(centre.0 + t * dx, centre.1 + t * dy);
            let steps = (radius * 2.5).ceil() as usize;
            let distance = |step: usize| radius * 1.25 * (1.0 - step as f32 / steps as f32);
            let Some(outer) = (0..steps).find(|&s| at(distance(s))) else {
                return false;
            };
            let ring_inner = (outer..steps).find(|&s| !at(distance(s)));
            distance(outer) >= 0.7 * radius
                && ring_inner.is_some_and(|s| distance(s) >= 0.5 * radius)
        })
        .count();
    on_ring >= RAYS_ON_RING
}

/// What lies within `radius` of `centre`, enlarged on white, or `None`
/// when there is next to nothing there (a letter `O`) or nearly all ink (a
/// filled dot).
fn digits_inside(image: &PageImage, centre: (f32, f32), radius: f32) -> Option<PageImage> {
    let side = (2.0 * radius).ceil() as u32 * ENLARGE;
    let size = side + 2 * MARGIN;
    let mut pixels = vec![255u8; (size * size) as usize];
    let (mut inked, mut inside) = (0usize, 0usize);
    let origin = (centre.0 - radius, centre.1 - radius);
    for y in 0..side {
        for x in 0..side {
            let (u, v) = (
                origin.0 + (x as f32 + 0.5) / ENLARGE as f32,
                origin.1 + (y as f32 + 0.5) / ENLARGE as f32,
            );
            if (u - centre.0).hypot(v - centre.1) > radius {
                continue;
            }
            let gray = sampling::clamped(
                &image.pixels,
                image.width as usize,
                image.height as usize,
                sampling::fixed(f64::from(u) - 0.5),
                sampling::fixed(f64::from(v) - 0.5),
            );
            inside += 1;
            inked += usize::from(gray < INK);
            pixels[((y + MARGIN) * size + x + MARGIN) as usize] = gray;
        }
    }
    let share = inked as f32 / inside.max(1) as f32;
    (0.05..=0.6).contains(&share).then_some(PageImage {
        width: size,
        height: size,
        dpi: image.dpi * ENLARGE,
        pixels,
    })
}

/// The circled number `①`–`⑳` for the digits `tsv` (Tesseract's TSV of
/// them) reads, if it reads a number from 1 to 20 and nothing else.
fn number_read(tsv: &str) -> Option<char> {
    let text: String = word_rows(tsv)
        .map(|w| w.text)
        .collect::<String>()
        .split_whitespace()
        .collect();
    if text.is_empty() || text.len() > 2 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number: u32 = text.parse().ok()?;
    (1..=20)
        .contains(&number)
        .then(|| char::from_u32(0x2460 + number - 1))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100 × 100 white 200 dpi image with a ring of radius 15 around
    /// (50, 50), two pixels thick, and, if `inside`, a bar down its middle
    /// (a "1").
    fn ring(inside: bool) -> PageImage {
        let mut pixels = vec![255u8; 100 * 100];
        for y in 0..100 {
            for x in 0..100 {
                let r = (x as f32 - 50.0).hypot(y as f32 - 50.0);
                let digit = inside && (49..=51).contains(&x) && (43..=57).contains(&y);
                if (13.5..=15.5).contains(&r) || digit {
                    pixels[y * 100 + x] = 0;
                }
            }
        }
        PageImage {
            width: 100,
            height: 100,
            dpi: 200,
            pixels,
        }
    }

    fn word(text: &str) -> String {
        format!("5\t1\t1\t1\t1\t1\t35\t35\t31\t31\t45\t{text}")
    }

    fn tsv_of(text: &str) -> String {
        format!("level\ttext\n5\t1\t1\t1\t1\t1\t0\t0\t9\t9\t90\t{text}\n")
    }

    #[test]
    fn a_ring_around_a_digit_is_a_circled_number() {
        let page = ring(true);
        let mut seen = Vec::new();
        let mut read = |digits: &PageImage| {
            seen.push((digits.width, digits.dpi));
            Ok(tsv_of("1"))
        };
        let tsv = format!("{}\n", word("Q@"));
        let fixed = with_circled_numbers(&page, &tsv, &mut read).unwrap();
        assert_eq!(fixed, format!("{}\n", word("①")));
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].1, 600, "enlarged three times");
    }

    #[test]
    fn other_words_and_other_readings_stay() {
        let mut read = |_: &PageImage| Ok(tsv_of("a"));
        let tsv = format!("{}\n", word("@"));
        assert_eq!(
            with_circled_numbers(&ring(true), &tsv, &mut read).unwrap(),
            tsv
        );
        let mut never = |_: &PageImage| -> Result<String, OcrError> { panic!("not a ring") };
        let empty_ring = format!("{}\n", word("O"));
        assert_eq!(
            with_circled_numbers(&ring(false), &empty_ring, &mut never).unwrap(),
            empty_ring
        );
        let han = format!("{}\n", word("回"));
        assert_eq!(
            with_circled_numbers(&ring(true), &han, &mut never).unwrap(),
            han
        );
        let blank = PageImage {
            pixels: vec![255; 100 * 100],
            ..ring(false)
        };
        let at_blank = format!("{}\n", word("@"));
        assert_eq!(
            with_circled_numbers(&blank, &at_blank, &mut never).unwrap(),
            at_blank
        );
    }

    #[test]
    fn numbers_read_inside_from_1_to_20_only() {
        assert_eq!(number_read(&tsv_of("2")), Some('②'));
        assert_eq!(number_read(&tsv_of("20")), Some('⑳'));
        for other in ["0", "21", "a", "1a", ""] {
            assert_eq!(number_read(&tsv_of(other)), None, "{other}");
        }
    }
}
