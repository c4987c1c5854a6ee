//! A page image made ready for Tesseract, whatever it came from (a PDF
//! page's images, a rendered page, a picture in a DOCX): the resolution it
//! is rasterized at, colour to gray with a seal's red removed, turned
//! upright by orientation detection and straightened.

use super::words::Area;
use super::{Language, OcrError, OcrOptions, PageImage, Paragraph, sampling};

/// The highest resolution a page is rasterized at for OCR: what Tesseract
/// reads best. A page scanned at less is rasterized at its images' own
/// resolution, down to [`MIN_OCR_DPI`].
pub const OCR_DPI: u32 = 300;

/// The lowest resolution a page is rasterized at: a 150 dpi scan is
/// enlarged to it. On the degraded scan test set, rasterizing at the
/// images' own resolution within 200–300 dpi read better than enlarging
/// every page to 300 (Vietnamese diacritic accuracy 0.977 → 0.981, Chinese
/// similarity 0.958 → 0.959; interpolated pixels add no detail), and at
/// 150 dpi Vietnamese diacritics suffered.
pub const MIN_OCR_DPI: u32 = 200;

/// Most pixels in one page raster (an A4 page at 300 dpi is 8.7 million);
/// a larger page is rasterized at a lower resolution.
pub const MAX_RASTER_PIXELS: u64 = 40_000_000;

/// OSD's orientation confidence needed before a page is turned.
const ORIENTATION_CONFIDENCE: f32 = 1.5;

/// Luminance, except that red (a seal's ink) becomes paper white: red
/// clearly above both green and blue, or a light pixel tinted red (the
/// pale fringe JPEG leaves around a seal's strokes, which would otherwise
/// stay as a gray ring that Tesseract reads as letters or takes for a
/// picture). A dark pixel with a little red (black text printed over the
/// seal) stays.
pub fn gray_of_rgb(r: u8, g: u8, b: u8) -> u8 {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    let luminance = (299 * r + 587 * g + 114 * b) / 1000;
    let seal_red = r > 110 && r - g > 60 && r - b > 50;
    let seal_fringe = luminance > 110 && r - g > 25 && r - b > 20;
    if seal_red || seal_fringe {
        return 255;
    }
    luminance as u8
}

/// A pixel darker than this is ink, in every OCR stage that looks at
/// the page image.
pub const INK: u8 = 128;

/// Whether a vertical rule runs down `area` of `image`: a column of
/// pixels in it that is ink over at least four fifths of its height (a
/// table's border between two cells, which no gap between words has).
pub fn has_vertical_rule(image: &PageImage, area: Area) -> bool {
    let (width, height) = (image.width, image.height);
    let (top, bottom) = (area.top.min(height), area.bottom.min(height));
    let rows = bottom.saturating_sub(top) as usize;
    if rows == 0 {
        return false;
    }
    (area.left.min(width)..area.right.min(width)).any(|x| {
        let ink = (top..bottom)
            .filter(|&y| image.pixels[y as usize * width as usize + x as usize] < INK)
            .count();
        ink * 5 >= rows * 4
    })
}

/// The part of `image` in `area` (clamped to the image).
pub fn crop(image: &PageImage, area: Area) -> PageImage {
    let (width, height) = (image.width, image.height);
    let (left, right) = (area.left.min(width), area.right.min(width));
    let (top, bottom) = (area.top.min(height), area.bottom.min(height));
    let mut pixels = Vec::new();
    for y in top..bottom {
        let row = y as usize * width as usize;
        pixels
            .extend_from_slice(&image.pixels[row + left.min(right) as usize..row + right as usize]);
    }
    PageImage {
        width: right.saturating_sub(left),
        height: bottom.saturating_sub(top),
        dpi: image.dpi,
        pixels,
    }
}

/// The part of `image` in `area` enlarged `factor` times (bilinear), on
/// white with a `margin` of white all round: a small glyph made the size
/// Tesseract reads best.
pub fn enlarged(image: &PageImage, area: Area, factor: u32, margin: u32) -> PageImage {
    let (width, height) = (
        area.right.saturating_sub(area.left),
        area.bottom.saturating_sub(area.top),
    );
    let (out_width, out_height) = (width * factor + 2 * margin, height * factor + 2 * margin);
    let mut pixels = vec![255u8; out_width as usize * out_height as usize];
    for y in 0..height * factor {
        for x in 0..width * factor {
            let source = |at: u32, origin: u32| {
                sampling::fixed(f64::from(origin) + (f64::from(at) + 0.5) / f64::from(factor) - 0.5)
            };
            pixels[((y + margin) * out_width + x + margin) as usize] = sampling::clamped(
                &image.pixels,
                image.width as usize,
                image.height as usize,
                source(x, area.left),
                source(y, area.top),
            );
        }
    }
    PageImage {
        width: out_width,
        height: out_height,
        dpi: image.dpi * factor,
        pixels,
    }
}

/// Turns `image` clockwise by `degrees` (a multiple of 90).
pub fn rotate(image: PageImage, degrees: u32) -> PageImage {
    let (w, h) = (image.width as usize, image.height as usize);
    let turned = |width: usize, height: usize, source: &dyn Fn(usize, usize) -> usize| {
        let mut pixels = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                pixels.push(image.pixels[source(x, y)]);
            }
        }
        PageImage {
            width: width as u32,
            height: height as u32,
            dpi: image.dpi,
            pixels,
        }
    };
    match degrees % 360 {
        90 => turned(h, w, &|x, y| (h - 1 - x) * w + y),
        180 => turned(w, h, &|x, y| (h - 1 - y) * w + (w - 1 - x)),
        270 => turned(h, w, &|x, y| x * w + (w - 1 - y)),
        _ => image,
    }
}

/// Reads one image by OCR, a picture of another document: prepared as a
/// scanned page is, and read in the language `options` names, else `hint`
/// (the document's own text), else the one its script suggests. Gives the
/// paragraphs and the image they were read on.
pub fn read_image(
    image: PageImage,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Result<(Vec<Paragraph>, PageImage), OcrError> {
    let (image, script) = prepare(image);
    let language = options
        .language
        .or(hint)
        .unwrap_or(language_of_script(script.as_deref()));
    let read = super::read_page(&image, language, options.page_time_limit)?;
    Ok((read, image))
}

/// An image made ready for OCR: turned upright and straightened; with the
/// script orientation detection found on it.
pub fn prepare(image: PageImage) -> (PageImage, Option<String>) {
    let (image, script) = upright(image);
    (super::deskew::straighten(image), script)
}

/// The model a script suggests: Chinese for Han, else Vietnamese.
pub fn language_of_script(script: Option<&str>) -> Language {
    match script {
        Some("Han") => Language::SimplifiedChinese,
        _ => Language::Vietnamese,
    }
}

/// The page turned upright as Tesseract's orientation detection sees it,
/// and the script it found.
fn upright(image: PageImage) -> (PageImage, Option<String>) {
    match super::tesseract::orientation(&image) {
        Some((degrees, confidence, script))
            if degrees != 0 && confidence >= ORIENTATION_CONFIDENCE =>
        {
            (rotate(image, 360 - degrees), Some(script))
        }
        Some((_, _, script)) => (image, Some(script)),
        None => (image, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32, pixels: Vec<u8>) -> PageImage {
        PageImage {
            width,
            height,
            dpi: 300,
            pixels,
        }
    }

    #[test]
    fn rotation_turns_clockwise() {
        // 1 2 3
        // 4 5 6
        let page = image(3, 2, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(rotate(page.clone(), 90).pixels, vec![4, 1, 5, 2, 6, 3]);
        assert_eq!(rotate(page.clone(), 180).pixels, vec![6, 5, 4, 3, 2, 1]);
        assert_eq!(rotate(page.clone(), 270).pixels, vec![3, 6, 2, 5, 1, 4]);
        assert_eq!(rotate(page, 0).pixels, vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn an_enlarged_area_keeps_its_ink_on_a_white_margin() {
        // A black pixel at (1, 0) of a 3 × 2 image, enlarged 3 times with
        // a margin of 2.
        let page = image(3, 2, vec![255, 0, 255, 255, 255, 255]);
        let area = Area {
            left: 1,
            top: 0,
            right: 2,
            bottom: 1,
        };
        let big = enlarged(&page, area, 3, 2);
        assert_eq!((big.width, big.height, big.dpi), (7, 7, 900));
        assert_eq!(big.pixels[0], 255, "margin");
        assert_eq!(big.pixels[3 * 7 + 3], 0, "the middle of the pixel");
    }

    #[test]
    fn red_ink_becomes_paper_and_other_colours_gray() {
        assert_eq!(gray_of_rgb(200, 30, 40), 255);
        assert_eq!(gray_of_rgb(190, 150, 155), 255, "a seal's pale fringe");
        assert_eq!(gray_of_rgb(90, 60, 60), 68, "dark ink over the seal");
        assert_eq!(gray_of_rgb(200, 190, 185), 192, "gray paper");
        assert_eq!(gray_of_rgb(0, 0, 238), 27);
        assert_eq!(gray_of_rgb(255, 255, 255), 255);
        assert_eq!(gray_of_rgb(0, 0, 0), 0);
    }
}
