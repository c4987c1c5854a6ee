//! The images a page draws, decoded ([`decode`]) and placed on a raster of
//! the page, for OCR of scanned pages.
//!
//! Promises: each image lands where its matrix puts it (scaled, rotated,
//! flipped or tiled from strips), a stencil mask paints only its marked
//! pixels, the page's `/Rotate` turns the raster as a viewer shows it, and
//! no raster holds more than [`MAX_RASTER_PIXELS`].

mod decode;

pub use decode::{Gray, ImageError, guarded_call, in_guarded_decode};

use super::content::Matrix;
use super::objects::number;
use crate::ocr::image::{MAX_RASTER_PIXELS, MIN_OCR_DPI, OCR_DPI, rotate};
use crate::ocr::{PageImage, sampling};
use lopdf::{Document, Object, ObjectId};
use std::collections::HashMap;

/// An image XObject drawn on a page, with the matrix that maps the unit
/// square onto the page.
#[derive(Debug, Clone)]
pub struct ImageUse {
    pub id: ObjectId,
    pub matrix: Matrix,
}

/// Most images placed on one page: scans are one image, or a few strips.
pub const MAX_IMAGES_PER_PAGE: usize = 64;

/// A page's raster, and what could not be put on it.
#[derive(Debug)]
pub struct Raster {
    pub image: PageImage,
    /// Images left out, with why (unsupported codec, damaged data).
    pub problems: Vec<String>,
}

/// The page `page_id` with the images in `uses` drawn on white, or `None`
/// when none of them could be decoded. `limit` bounds each image's decoded
/// data.
pub fn page_raster(
    doc: &Document,
    page_id: ObjectId,
    uses: &[ImageUse],
    limit: usize,
) -> Result<Raster, Vec<String>> {
    let [x0, y0, x1, y1] = page_box(doc, page_id);
    let (width_pt, height_pt) = (x1 - x0, y1 - y0);
    let dpi = native_dpi(doc, uses)
        .unwrap_or(f64::from(OCR_DPI))
        .clamp(f64::from(MIN_OCR_DPI), f64::from(OCR_DPI));
    let full = dpi / 72.0;
    let pixels_at_full = width_pt * full * height_pt * full;
    let scale = full * (MAX_RASTER_PIXELS as f64 / pixels_at_full).sqrt().min(1.0);
    let width = (width_pt * scale).round().max(1.0) as u32;
    let height = (height_pt * scale).round().max(1.0) as u32;
    let mut canvas = vec![255u8; width as usize * height as usize];
    let mut decoded: HashMap<ObjectId, Result<Gray, ImageError>> = HashMap::new();
    let mut problems = Vec::new();
    let mut drawn = 0;
    for image_use in uses.iter().take(MAX_IMAGES_PER_PAGE) {
        let image = decoded
            .entry(image_use.id)
            .or_insert_with(|| decode_object(doc, image_use.id, limit));
        match image {
            Ok(image) => {
                // Page space to canvas pixels: y grows downwards.
                let to_canvas = Matrix::new(scale, 0.0, 0.0, -scale, -x0 * scale, y1 * scale);
                draw(
                    &mut canvas,
                    width,
                    height,
                    image,
                    &image_use.matrix.then(&to_canvas),
                );
                drawn += 1;
            }
            Err(error) => {
                let why = describe(error);
                if !problems.contains(&why) {
                    problems.push(why);
                }
            }
        }
    }
    if drawn == 0 {
        return Err(problems);
    }
    let dpi = (scale * 72.0).round() as u32;
    let image = rotate(
        PageImage {
            width,
            height,
            dpi,
            pixels: canvas,
        },
        rotation(doc, page_id),
    );
    Ok(Raster { image, problems })
}

/// The highest resolution the page's images are drawn at, in dpi.
fn native_dpi(doc: &Document, uses: &[ImageUse]) -> Option<f64> {
    uses.iter()
        .filter_map(|image_use| {
            let dict = &doc.get_object(image_use.id).ok()?.as_stream().ok()?.dict;
            let width = number(dict.get(b"Width").ok()?)?;
            let height = number(dict.get(b"Height").ok()?)?;
            let origin = image_use.matrix.apply(0.0, 0.0);
            let along = |(x, y): (f64, f64)| (x - origin.0).hypot(y - origin.1) / 72.0;
            let (across, down) = (
                along(image_use.matrix.apply(1.0, 0.0)),
                along(image_use.matrix.apply(0.0, 1.0)),
            );
            Some((width / across.max(1e-3)).max(height / down.max(1e-3)))
        })
        .fold(None, |best: Option<f64>, dpi| {
            Some(best.map_or(dpi, |b| b.max(dpi)))
        })
}

fn decode_object(doc: &Document, id: ObjectId, limit: usize) -> Result<Gray, ImageError> {
    let stream = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .map_err(|_| ImageError::Damaged("not an image stream".into()))?;
    decode::decode(doc, stream, limit)
}

fn describe(error: &ImageError) -> String {
    match error {
        ImageError::Unsupported(what) => format!("{what} images are not read yet"),
        ImageError::OverLimit => "an image decodes past the limit (--max-inflated-size)".into(),
        ImageError::Damaged(why) => format!("a damaged image ({why})"),
    }
}

/// Draws `image`, whose unit square `matrix` maps onto canvas pixels,
/// sampling it bilinearly at each canvas pixel it covers.
fn draw(canvas: &mut [u8], width: u32, height: u32, image: &Gray, matrix: &Matrix) {
    let Some(inverse) = matrix.inverse() else {
        return;
    };
    let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(u, v)| matrix.apply(u, v));
    let clamp = |value: f64, high: u32| value.clamp(0.0, f64::from(high)) as u32;
    let left = clamp(
        corners.iter().map(|c| c.0).fold(f64::MAX, f64::min).floor(),
        width,
    );
    let right = clamp(
        corners.iter().map(|c| c.0).fold(f64::MIN, f64::max).ceil(),
        width,
    );
    let top = clamp(
        corners.iter().map(|c| c.1).fold(f64::MAX, f64::min).floor(),
        height,
    );
    let bottom = clamp(
        corners.iter().map(|c| c.1).fold(f64::MIN, f64::max).ceil(),
        height,
    );
    let (w, h) = (f64::from(image.width), f64::from(image.height));
    // The image pixel a canvas pixel's centre falls on, in fixed point;
    // it moves by the same step from one canvas pixel to the next.
    let source = |x: f64, y: f64| {
        let (u, v) = inverse.apply(x + 0.5, y + 0.5);
        (
            u,
            v,
            sampling::fixed(u * w - 0.5),
            sampling::fixed((1.0 - v) * h - 0.5),
        )
    };
    let (image_width, image_height) = (image.width as usize, image.height as usize);
    for y in top..bottom {
        let row = &mut canvas[(y * width) as usize..((y + 1) * width) as usize];
        let (mut u, mut v, mut sx, mut sy) = source(f64::from(left), f64::from(y));
        let (u1, v1, sx1, sy1) = source(f64::from(left) + 1.0, f64::from(y));
        let (du, dv, dsx, dsy) = (u1 - u, v1 - v, sx1 - sx, sy1 - sy);
        for x in left..right {
            if (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v) {
                // The unit square's top edge (v = 1) is the image's first row.
                let value = sampling::clamped(&image.pixels, image_width, image_height, sx, sy);
                if !image.stencil {
                    row[x as usize] = value;
                } else if value < 128 {
                    row[x as usize] = 0;
                }
            }
            (u, v, sx, sy) = (u + du, v + dv, sx + dsx, sy + dsy);
        }
    }
}

/// How far up the page tree inherited attributes are looked for.
const MAX_TREE_DEPTH: usize = 64;

/// A page attribute, looked up through the page tree (inherited).
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..MAX_TREE_DEPTH {
        let dict = node?;
        if let Ok(value) = dict.get_deref(key, doc) {
            return Some(value);
        }
        node = dict
            .get_deref(b"Parent", doc)
            .and_then(Object::as_dict)
            .ok();
    }
    None
}

/// The page's crop box, else its media box, looked up through the page
/// tree (each level's own boxes before its parent's), as [x0, y0, x1, y1]
/// with x0 ≤ x1 and y0 ≤ y1; A4 when neither is readable.
pub fn page_box(doc: &Document, page_id: ObjectId) -> [f64; 4] {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..MAX_TREE_DEPTH {
        let Some(dict) = node else { break };
        for key in [b"CropBox".as_slice(), b"MediaBox"] {
            let corners: Option<Vec<f64>> = dict
                .get_deref(key, doc)
                .and_then(Object::as_array)
                .ok()
                .map(|a| a.iter().filter_map(number).collect());
            if let Some([a, b, c, d]) = corners.as_deref() {
                return [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
            }
        }
        node = dict
            .get_deref(b"Parent", doc)
            .and_then(Object::as_dict)
            .ok();
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// The page's `/Rotate`, clockwise, in 0, 90, 180 or 270.
fn rotation(doc: &Document, page_id: ObjectId) -> u32 {
    let degrees = inherited(doc, page_id, b"Rotate")
        .and_then(number)
        .unwrap_or(0.0) as i64;
    (degrees.rem_euclid(360) / 90 * 90) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_lands_where_its_matrix_puts_it() {
        // A 2×2 image: black top-left, white elsewhere, drawn on the left
        // half of a 4×2 canvas, then flipped upside down on the right.
        let gray = Gray {
            width: 2,
            height: 2,
            pixels: vec![0, 255, 255, 255],
            stencil: false,
        };
        let mut canvas = vec![128u8; 8];
        // Unit square → canvas pixels (y down): x 0..2, y 0..2.
        draw(
            &mut canvas,
            4,
            2,
            &gray,
            &Matrix::new(2.0, 0.0, 0.0, -2.0, 0.0, 2.0),
        );
        draw(
            &mut canvas,
            4,
            2,
            &gray,
            &Matrix::new(2.0, 0.0, 0.0, 2.0, 2.0, 0.0),
        );
        assert_eq!(canvas, vec![0, 255, 255, 255, 255, 255, 0, 255]);
    }
}
