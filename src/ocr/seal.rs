//! A seal printed over the signer's title and name and scanned in gray.
//!
//! In colour the seal's red is taken out before binarization
//! ([`super::image::gray_of_rgb`]); scanned in gray it cannot be told by
//! its colour, and Tesseract takes the signature block under it for a
//! picture and reads nothing there. It can be told by its shade: the red
//! ink turns a middle gray, lighter than the black type printed over it.
//!
//! Promises: [`without_gray_seal`] gives an image only when its ink falls
//! into two shades, a dark one (type) and a lighter one at least as
//! plentiful (a seal), and then keeps the dark one alone; an image of one
//! shade of ink (a black and white scan, type alone) gives `None`.

use super::PageImage;

/// Ink at least this much darker than the paper is considered at all.
const INK_BELOW_PAPER: u8 = 50;

/// The type's shade must be this dark (mean gray level) ...
const DARKEST_TYPE: f64 = 90.0;

/// ... and the seal's this much lighter.
const SEAL_LIGHTER_BY: f64 = 60.0;

/// `image` with the lighter of two shades of ink turned paper white, when
/// its ink has two (see the module's promises).
pub fn without_gray_seal(image: &PageImage) -> Option<PageImage> {
    let paper = median(&image.pixels)?;
    let ink_limit = paper.checked_sub(INK_BELOW_PAPER)?;
    let mut histogram = [0u64; 256];
    for &p in image.pixels.iter().filter(|&&p| p < ink_limit) {
        histogram[usize::from(p)] += 1;
    }
    let threshold = otsu(&histogram[..usize::from(ink_limit)])?;
    let (dark, light) = (
        shade(&histogram[..threshold]),
        shade(&histogram[threshold..usize::from(ink_limit)]),
    );
    let (dark_mean, light_mean) = (dark.1, light.1 + threshold as f64);
    let is_seal =
        dark_mean <= DARKEST_TYPE && light_mean - dark_mean >= SEAL_LIGHTER_BY && light.0 >= dark.0;
    is_seal.then(|| PageImage {
        pixels: image
            .pixels
            .iter()
            .map(|&p| if usize::from(p) >= threshold { 255 } else { p })
            .collect(),
        ..image.clone()
    })
}

/// The middle gray level of `pixels`; `None` when there are none.
fn median(pixels: &[u8]) -> Option<u8> {
    let mut histogram = [0usize; 256];
    for &p in pixels {
        histogram[usize::from(p)] += 1;
    }
    let half = pixels.len().checked_sub(1)? / 2;
    let mut seen = 0;
    (0..=255u8).find(|&level| {
        seen += histogram[usize::from(level)];
        seen > half
    })
}

/// How many pixels `histogram` counts and their mean level (relative to
/// its first bin).
fn shade(histogram: &[u64]) -> (u64, f64) {
    let count: u64 = histogram.iter().sum();
    let sum: u64 = histogram
        .iter()
        .enumerate()
        .map(|(level, &n)| level as u64 * n)
        .sum();
    (count, sum as f64 / count.max(1) as f64)
}

/// Otsu's threshold of `histogram`: the level that splits it into the
/// two classes with the greatest variance between them (the first level
/// of the upper class); `None` when it holds one level or none.
fn otsu(histogram: &[u64]) -> Option<usize> {
    let total: u64 = histogram.iter().sum();
    let total_sum: f64 = histogram
        .iter()
        .enumerate()
        .map(|(level, &n)| level as f64 * n as f64)
        .sum();
    let (mut below, mut below_sum) = (0u64, 0f64);
    let mut best: Option<(f64, usize)> = None;
    for (level, &n) in histogram.iter().enumerate() {
        below += n;
        below_sum += level as f64 * n as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let (mean_below, mean_above) = (
            below_sum / below as f64,
            (total_sum - below_sum) / above as f64,
        );
        let between = below as f64 * above as f64 * (mean_above - mean_below).powi(2);
        if best.is_none_or(|(most, _)| between > most) {
            best = Some((between, level + 1));
        }
    }
    best.map(|(_, threshold)| threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100 × 100 image of paper at 240 with `inked` pixels of the
    /// given shades, counted from the top left.
    fn image(inked: &[(usize, u8)]) -> PageImage {
        let mut pixels = vec![240u8; 100 * 100];
        let mut at = 0;
        for &(count, shade) in inked {
            pixels[at..at + count].fill(shade);
            at += count;
        }
        PageImage {
            width: 100,
            height: 100,
            dpi: 200,
            pixels,
        }
    }

    #[test]
    fn a_gray_seal_goes_and_the_black_type_over_it_stays() {
        let sealed = image(&[(500, 20), (200, 70), (1500, 140), (300, 165)]);
        let clean = without_gray_seal(&sealed).expect("two shades of ink");
        assert!(clean.pixels[..700].iter().all(|&p| p < 100), "type stays");
        assert!(
            clean.pixels[700..2500].iter().all(|&p| p == 255),
            "seal goes"
        );
        assert!(
            clean.pixels[2500..].iter().all(|&p| p >= 240),
            "paper stays paper"
        );
    }

    #[test]
    fn one_shade_of_ink_is_left_alone() {
        assert_eq!(
            without_gray_seal(&image(&[(900, 0)])),
            None,
            "black and white"
        );
        assert_eq!(
            without_gray_seal(&image(&[(900, 15), (300, 130)])),
            None,
            "type with gray edges: less seal than type"
        );
        assert_eq!(
            without_gray_seal(&image(&[(900, 120), (900, 160)])),
            None,
            "gray alone: no type to keep"
        );
        assert_eq!(without_gray_seal(&image(&[])), None, "blank");
    }
}
