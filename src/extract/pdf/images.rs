//! The images a page draws, decoded ([`decode`]) and placed on a raster of
//! the page, for OCR of scanned pages.
//!
//! Promises: each image lands where its matrix puts it (scaled, rotated,
//! flipped or tiled from strips), a stencil mask paints only its marked
//! pixels, an image with a soft or explicit mask shows only where the
//! mask makes it opaque (a scan split into a colour background and a
//! text layer masked onto it), the page's `/Rotate` turns the raster as a
//! viewer shows it, and no raster holds more than [`MAX_RASTER_PIXELS`].

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
    let dpi = raster_dpi(native_dpi(doc, uses), width_pt * height_pt);
    let full = dpi / 72.0;
    let pixels_at_full = width_pt * full * height_pt * full;
    let scale = full * (MAX_RASTER_PIXELS as f64 / pixels_at_full).sqrt().min(1.0);
    let width = (width_pt * scale).round().max(1.0) as u32;
    let height = (height_pt * scale).round().max(1.0) as u32;
    let mut canvas = vec![255u8; width as usize * height as usize];
    let mut decoded: HashMap<ObjectId, Result<Masked, ImageError>> = HashMap::new();
    let mut problems = Vec::new();
    let mut drawn = 0;
    for image_use in uses.iter().take(MAX_IMAGES_PER_PAGE) {
        let image = decoded
            .entry(image_use.id)
            .or_insert_with(|| decode_object(doc, image_use.id, limit));
        let problem = match image {
            Ok(masked) => {
                // Page space to canvas pixels: y grows downwards.
                let to_canvas = Matrix::new(scale, 0.0, 0.0, -scale, -x0 * scale, y1 * scale);
                draw(
                    &mut canvas,
                    width,
                    height,
                    masked,
                    &image_use.matrix.then(&to_canvas),
                );
                drawn += 1;
                masked.mask_problem.clone()
            }
            Err(error) => Some(describe(error)),
        };
        if let Some(why) = problem
            && !problems.contains(&why)
        {
            problems.push(why);
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

/// The pixels of an A4 page at [`OCR_DPI`].
const A4_PIXELS_AT_OCR_DPI: f64 = 8_700_000.0;

/// The resolution to rasterize a page of `area_pt` square points at,
/// given its images' own (`native`): that, within [`MIN_OCR_DPI`] and
/// [`OCR_DPI`]; but a page smaller than A4 whose images are finer than
/// that gets up to an A4 page's pixels at [`OCR_DPI`], as far as its
/// images' own resolution. A small page drawn at 2400 dpi is most often a
/// scan whose resolution is mislabelled (4000 pixels wide, 1.7 inches by
/// its label), and at 300 dpi its text would be a few pixels high.
fn raster_dpi(native: Option<f64>, area_pt: f64) -> f64 {
    let (low, high) = (f64::from(MIN_OCR_DPI), f64::from(OCR_DPI));
    let Some(native) = native else {
        return high;
    };
    let area_inches = (area_pt / (72.0 * 72.0)).max(1e-6);
    let a4_budget = (A4_PIXELS_AT_OCR_DPI / area_inches).sqrt();
    native.clamp(low, high.max(a4_budget.min(native)))
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

/// An image and how opaque each of its pixels is.
#[derive(Debug)]
struct Masked {
    image: Gray,
    /// 0 (transparent) to 255 (opaque), at its own size, stretched over
    /// the image: its soft mask (`/SMask`) or explicit mask (`/Mask`, a
    /// stencil: its painted pixels show the image). `None`: all opaque.
    opacity: Option<Gray>,
    /// Why a mask the image has could not be read (it is drawn without).
    mask_problem: Option<String>,
}

fn decode_object(doc: &Document, id: ObjectId, limit: usize) -> Result<Masked, ImageError> {
    let stream = doc
        .get_object(id)
        .and_then(Object::as_stream)
        .map_err(|_| ImageError::Damaged("not an image stream".into()))?;
    let image = decode::decode(doc, stream, limit)?;
    let (opacity, mask_problem) = match decode_mask(doc, &stream.dict, limit) {
        Ok(opacity) => (opacity, None),
        Err(error) => (None, Some(format!("a mask left out: {}", describe(&error)))),
    };
    Ok(Masked {
        image,
        opacity,
        mask_problem,
    })
}

/// The opacity an image's `/SMask` or `/Mask` stream gives (a colour-key
/// `/Mask` array is not read: the image is drawn whole).
fn decode_mask(
    doc: &Document,
    dict: &lopdf::Dictionary,
    limit: usize,
) -> Result<Option<Gray>, ImageError> {
    let mask_stream = |key: &[u8]| {
        dict.get_deref(key, doc)
            .ok()
            .and_then(|object| object.as_stream().ok())
    };
    if let Some(soft) = mask_stream(b"SMask") {
        let opacity = decode::decode(doc, soft, limit)?;
        return Ok(Some(opacity));
    }
    let Some(explicit) = mask_stream(b"Mask") else {
        return Ok(None);
    };
    let mut stencil = decode::decode(doc, explicit, limit)?;
    // A stencil's painted pixels are 0: there the image shows.
    for pixel in &mut stencil.pixels {
        *pixel = 255 - *pixel;
    }
    stencil.stencil = false;
    Ok(Some(stencil))
}

fn describe(error: &ImageError) -> String {
    match error {
        ImageError::Unsupported(what) => format!("{what} images are not read yet"),
        ImageError::OverLimit => "an image decodes past the limit (--max-inflated-size)".into(),
        ImageError::Damaged(why) => format!("a damaged image ({why})"),
    }
}

/// Draws `masked`'s image, whose unit square `matrix` maps onto canvas
/// pixels, sampling it (and its opacity) bilinearly at each canvas pixel
/// it covers, over what is there as its opacity says.
fn draw(canvas: &mut [u8], width: u32, height: u32, masked: &Masked, matrix: &Matrix) {
    let image = &masked.image;
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
    let opacity = masked.opacity.as_ref();
    let (mw, mh) = opacity.map_or((1.0, 1.0), |m| (f64::from(m.width), f64::from(m.height)));
    // The unit square's top edge (v = 1) is the image's first row.
    let source = |x: f64, y: f64| {
        let (u, v) = inverse.apply(x + 0.5, y + 0.5);
        let at = |w: f64, h: f64| {
            (
                sampling::fixed(u * w - 0.5),
                sampling::fixed((1.0 - v) * h - 0.5),
            )
        };
        (u, v, at(w, h), at(mw, mh))
    };
    let (image_width, image_height) = (image.width as usize, image.height as usize);
    for y in top..bottom {
        let row = &mut canvas[(y * width) as usize..((y + 1) * width) as usize];
        let (mut u, mut v, mut s, mut m) = source(f64::from(left), f64::from(y));
        let (u1, v1, s1, m1) = source(f64::from(left) + 1.0, f64::from(y));
        let (du, dv) = (u1 - u, v1 - v);
        let (ds, dm) = ((s1.0 - s.0, s1.1 - s.1), (m1.0 - m.0, m1.1 - m.1));
        for x in left..right {
            if (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v) {
                let value = sampling::clamped(&image.pixels, image_width, image_height, s.0, s.1);
                let alpha = opacity.map_or(255, |mask| {
                    let (width, height) = (mask.width as usize, mask.height as usize);
                    sampling::clamped(&mask.pixels, width, height, m.0, m.1)
                });
                let pixel = &mut row[x as usize];
                if image.stencil {
                    if value < 128 && alpha >= 128 {
                        *pixel = 0;
                    }
                } else {
                    *pixel = over(value, *pixel, alpha);
                }
            }
            (u, v) = (u + du, v + dv);
            s = (s.0 + ds.0, s.1 + ds.1);
            m = (m.0 + dm.0, m.1 + dm.1);
        }
    }
}

/// `value` laid over `below` with opacity `alpha` (0–255).
fn over(value: u8, below: u8, alpha: u8) -> u8 {
    let (value, below, alpha) = (u32::from(value), u32::from(below), u32::from(alpha));
    ((value * alpha + below * (255 - alpha) + 127) / 255) as u8
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
        let gray = Masked {
            image: Gray {
                width: 2,
                height: 2,
                pixels: vec![0, 255, 255, 255],
                stencil: false,
            },
            opacity: None,
            mask_problem: None,
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

    #[test]
    fn soft_and_explicit_masks_are_read_as_opacity() {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.5");
        let soft = doc.add_object(Stream::new(
            dictionary! { "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray" },
            vec![255, 0],
        ));
        let explicit = doc.add_object(Stream::new(
            dictionary! { "Width" => 8, "Height" => 1, "ImageMask" => true },
            vec![0b0000_1111],
        ));
        let opacity = |dict: lopdf::Dictionary| decode_mask(&doc, &dict, 1 << 20).unwrap();
        assert_eq!(
            opacity(dictionary! { "SMask" => soft }).unwrap().pixels,
            [255, 0]
        );
        // An explicit mask's sample 0 shows the image.
        let shown = opacity(dictionary! { "Mask" => explicit }).unwrap();
        assert_eq!(shown.pixels, [255, 255, 255, 255, 0, 0, 0, 0]);
        assert!(!shown.stencil);
        let colour_key = dictionary! { "Mask" => vec![0.into(), 10.into()] };
        assert_eq!(opacity(colour_key), None);
        assert_eq!(opacity(dictionary! {}), None);
    }

    #[test]
    fn a_small_page_with_fine_images_keeps_their_pixels() {
        let a4 = 595.0 * 842.0;
        assert_eq!(raster_dpi(None, a4), 300.0);
        assert_eq!(raster_dpi(Some(150.0), a4), 200.0);
        assert_eq!(raster_dpi(Some(240.0), a4), 240.0);
        assert_eq!(raster_dpi(Some(600.0), a4).round(), 300.0);
        // 1.7 × 1.2 inches drawn at 2400 dpi: an A4 page's pixels.
        assert_eq!(raster_dpi(Some(2400.0), 120.0 * 86.0).round(), 2091.0);
        // An A6 page (a quarter of A4) at 1200 dpi: an A4 page's pixels.
        assert_eq!(raster_dpi(Some(1200.0), a4 / 4.0).round(), 600.0);
    }

    #[test]
    fn a_mask_shows_the_image_only_where_it_is_opaque() {
        // A black 2×1 image whose mask is opaque on the left, transparent
        // on the right, drawn over a white 2×1 canvas.
        let masked = Masked {
            image: Gray {
                width: 2,
                height: 1,
                pixels: vec![0, 0],
                stencil: false,
            },
            opacity: Some(Gray {
                width: 2,
                height: 1,
                pixels: vec![255, 0],
                stencil: false,
            }),
            mask_problem: None,
        };
        let mut canvas = vec![255u8; 2];
        draw(
            &mut canvas,
            2,
            1,
            &masked,
            &Matrix::new(2.0, 0.0, 0.0, -1.0, 0.0, 1.0),
        );
        assert_eq!(canvas, vec![0, 255]);
        assert_eq!(over(0, 255, 128), 127);
    }
}
