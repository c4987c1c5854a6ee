//! A picture's resolution as the document prints it, and the picture
//! scaled so that its text is about 300 dpi, what Tesseract reads best.
//!
//! Promises: a picture printed below 300 dpi is enlarged (bilinear) to
//! 300 along each side that needs it, one at 300 dpi or more is left as it
//! is, and no result holds more than [`MAX_RASTER_PIXELS`], as a scanned
//! PDF page's raster.

use super::Gray;
use crate::ocr::PageImage;
use crate::ocr::image::{MAX_RASTER_PIXELS, MIN_OCR_DPI, OCR_DPI};

/// English Metric Units an inch: DrawingML's measure of length.
pub const EMU_PER_INCH: f64 = 914_400.0;

/// Resolutions outside this range are not believed: a size written wrong,
/// or a picture shown as a thumbnail of itself.
const PLAUSIBLE_DPI: std::ops::RangeInclusive<f64> = 10.0..=10_000.0;

/// The range of resolutions Tesseract accepts without a warning.
const TESSERACT_DPI: std::ops::RangeInclusive<f64> = 70.0..=2400.0;

/// A picture's size on the printed page, in inches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Printed {
    pub width: f64,
    pub height: f64,
}

impl Printed {
    /// A size given in EMU (`wp:extent cx cy`); `None` unless both are
    /// positive.
    pub fn from_emu(cx: i64, cy: i64) -> Option<Printed> {
        Printed::from_inches(cx as f64 / EMU_PER_INCH, cy as f64 / EMU_PER_INCH)
    }

    /// A size in inches; `None` unless both are positive and finite.
    pub fn from_inches(width: f64, height: f64) -> Option<Printed> {
        let valid = |v: f64| v.is_finite() && v > 0.0;
        (valid(width) && valid(height)).then_some(Printed { width, height })
    }
}

/// The resolution of `pixels` printed over `inches`.
pub fn dpi(pixels: u32, inches: f64) -> f64 {
    f64::from(pixels) / inches
}

/// The resolution of each side of a `width × height` picture printed at
/// `printed`, when both are plausible.
fn printed_dpi(width: u32, height: u32, printed: Option<Printed>) -> Option<(f64, f64)> {
    let printed = printed?;
    let (x, y) = (dpi(width, printed.width), dpi(height, printed.height));
    (PLAUSIBLE_DPI.contains(&x) && PLAUSIBLE_DPI.contains(&y)).then_some((x, y))
}

/// The size a `width × height` picture printed at `printed` is scaled to
/// for OCR, and the resolution it then has: enlarged to 200 dpi when it is
/// printed at less, else as it is, as a scanned PDF page is rasterized. A
/// picture whose printed size is unknown is taken as it is, at 300 dpi.
pub fn ocr_size(width: u32, height: u32, printed: Option<Printed>) -> (u32, u32, u32) {
    let unknown = f64::from(OCR_DPI);
    let (dpi_x, dpi_y) = printed_dpi(width, height, printed).unwrap_or((unknown, unknown));
    let (w, h) = (f64::from(width), f64::from(height));
    let least = f64::from(MIN_OCR_DPI);
    let (grow_x, grow_y) = ((least / dpi_x).max(1.0), (least / dpi_y).max(1.0));
    let cap = (MAX_RASTER_PIXELS as f64 / (w * grow_x * h * grow_y))
        .sqrt()
        .min(1.0);
    let (scale_x, scale_y) = (grow_x * cap, grow_y * cap);
    let new_width = (w * scale_x).round().max(1.0) as u32;
    let new_height = (h * scale_y).round().max(1.0) as u32;
    let resolution = ((dpi_x * scale_x + dpi_y * scale_y) / 2.0)
        .clamp(*TESSERACT_DPI.start(), *TESSERACT_DPI.end())
        .round() as u32;
    (new_width, new_height, resolution)
}

/// The picture as a page image for OCR: scaled to [`ocr_size`].
pub fn for_ocr(picture: Gray, printed: Option<Printed>) -> PageImage {
    let (width, height, dpi) = ocr_size(picture.width, picture.height, printed);
    let pixels = if (width, height) == (picture.width, picture.height) {
        picture.pixels
    } else {
        resize(&picture, width, height)
    };
    PageImage {
        width,
        height,
        dpi,
        pixels,
    }
}

/// Where each pixel of a side of `to` pixels samples a side of `from`:
/// the first source pixel and the weight of the next one.
fn samples(from: u32, to: u32) -> Vec<(usize, f32)> {
    let ratio = f64::from(from) / f64::from(to);
    let last = from.saturating_sub(1) as usize;
    (0..to)
        .map(|i| {
            let at = ((f64::from(i) + 0.5) * ratio - 0.5).max(0.0);
            let first = (at.floor() as usize).min(last);
            let weight = if first >= last {
                0.0
            } else {
                (at - first as f64) as f32
            };
            (first, weight)
        })
        .collect()
}

/// `picture` resampled bilinearly to `width × height`.
pub fn resize(picture: &Gray, width: u32, height: u32) -> Vec<u8> {
    let stride = picture.width as usize;
    let at = |x: usize, y: usize| f32::from(picture.pixels[y * stride + x]);
    let columns = samples(picture.width, width);
    let rows = samples(picture.height, height);
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    for &(y, wy) in &rows {
        let below = if wy > 0.0 { y + 1 } else { y };
        for &(x, wx) in &columns {
            let right = if wx > 0.0 { x + 1 } else { x };
            let top = at(x, y) * (1.0 - wx) + at(right, y) * wx;
            let bottom = at(x, below) * (1.0 - wx) + at(right, below) * wx;
            pixels.push((top * (1.0 - wy) + bottom * wy).round() as u8);
        }
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpi_is_pixels_over_printed_inches() {
        // A 1240 px wide picture printed 6.2 inches wide (5 669 280 EMU).
        let printed = Printed::from_emu(5_669_280, 914_400).unwrap();
        assert!((dpi(1240, printed.width) - 200.0).abs() < 1e-9);
        assert!((printed.height - 1.0).abs() < 1e-9);
        assert_eq!(Printed::from_emu(0, 914_400), None);
        assert_eq!(Printed::from_inches(f64::NAN, 1.0), None);
    }

    #[test]
    fn low_resolution_pictures_grow_to_200_dpi() {
        // 150 dpi both ways: a third larger.
        let printed = Printed::from_inches(4.0, 2.0);
        assert_eq!(ocr_size(600, 300, printed), (800, 400, 200));
        // 96 dpi across, 300 down (stretched): only the width grows.
        let printed = Printed::from_inches(6.25, 1.0);
        assert_eq!(ocr_size(600, 300, printed), (1250, 300, 250));
    }

    #[test]
    fn pictures_at_200_dpi_or_more_are_left_alone() {
        let printed = Printed::from_inches(4.0, 2.0);
        assert_eq!(ocr_size(1000, 500, printed), (1000, 500, 250));
        let printed = Printed::from_inches(2.0, 1.0);
        assert_eq!(ocr_size(1200, 600, printed), (1200, 600, 600));
        assert_eq!(ocr_size(1200, 600, None), (1200, 600, 300));
        // An implausible size (a 1 px wide print) is no size at all.
        assert_eq!(
            ocr_size(1200, 600, Printed::from_inches(1e-6, 1.0)),
            (1200, 600, 300)
        );
    }

    #[test]
    fn growth_stops_at_the_raster_limit() {
        // 8000 × 5000 px at 100 dpi would be 360 MP at 300 dpi.
        let (w, h, dpi) = ocr_size(8000, 5000, Printed::from_inches(80.0, 50.0));
        assert!(u64::from(w) * u64::from(h) <= MAX_RASTER_PIXELS);
        assert!(u64::from(w) * u64::from(h) > MAX_RASTER_PIXELS * 99 / 100);
        assert!((w * 5 / 8).abs_diff(h) <= 1, "{w} × {h}");
        assert!((100..300).contains(&dpi), "{dpi}");
    }

    #[test]
    fn resizing_interpolates_between_pixels() {
        let picture = Gray {
            width: 2,
            height: 1,
            pixels: vec![0, 200],
        };
        assert_eq!(resize(&picture, 4, 1), vec![0, 50, 150, 200]);
        assert_eq!(
            resize(&picture, 4, 2),
            vec![0, 50, 150, 200, 0, 50, 150, 200]
        );
        assert_eq!(resize(&picture, 1, 1), vec![100]);
    }
}
