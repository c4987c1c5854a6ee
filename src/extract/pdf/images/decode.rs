//! An image XObject's samples decoded to 8-bit gray, ready to be placed on
//! a page for OCR.
//!
//! Codecs: raw and Flate/LZW samples (predictors undone by lopdf), DCT
//! (JPEG, by zune-jpeg), CCITT Group 3/4 (hayro-ccitt), JBIG2
//! ([`jbig2`], by hayro-jbig2) and JPEG 2000 ([`jpx`], by hayro-jpeg2000).
//! Colour spaces: gray, RGB, CMYK, ICC-based (by component count), Indexed
//! over any of those, 1 to 16 bits a component; `/Decode` inversions and
//! stencil masks (`/ImageMask`). Red is taken out as colour becomes gray, so
//! that a red seal stamped over a signature does not hide the text under it.
//!
//! The third-party decoders run inside [`guarded`]: a panic in one of them
//! is a damaged image, not a failed document.

mod jbig2;
mod jpx;

use super::super::objects::{StreamError, number, stream_data};
use crate::ocr::image::gray_of_rgb;
use lopdf::{Dictionary, Document, Object, Stream};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A decoded image: `width × height` gray bytes, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    /// Only the painted pixels of a stencil mask (`/ImageMask`) count: the
    /// others are transparent. Painted pixels are 0, the rest 255.
    pub stencil: bool,
}

/// Why an image was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// A codec or colour space plangloss does not read.
    Unsupported(String),
    /// Larger than the limit on decoded data.
    OverLimit,
    /// Damaged data or a dictionary that does not add up.
    Damaged(String),
}

/// The filters that are image codecs rather than generic encodings.
const CODECS: [&[u8]; 4] = [
    b"DCTDecode",
    b"CCITTFaxDecode",
    b"JBIG2Decode",
    b"JPXDecode",
];

/// Decodes the image `stream`; `limit` bounds every decoded buffer.
pub fn decode(doc: &Document, stream: &Stream, limit: usize) -> Result<Gray, ImageError> {
    let dict = &stream.dict;
    let width = positive(doc, dict, b"Width")?;
    let height = positive(doc, dict, b"Height")?;
    if (width as usize)
        .saturating_mul(height as usize)
        .saturating_mul(3)
        > limit
    {
        return Err(ImageError::OverLimit);
    }
    let (codec, encoded) = codec_input(doc, stream, limit)?;
    let stencil = dict
        .get_deref(b"ImageMask", doc)
        .and_then(Object::as_bool)
        .unwrap_or(false);
    // JPEG 2000 ignores `/Decode` unless the image is a stencil mask
    // (ISO 32000-1, 8.9.5.1).
    let decode_inverted = inverted_decode(doc, dict)
        && (stencil || codec.as_deref() != Some(b"JPXDecode".as_slice()));
    let mut gray = match codec.as_deref() {
        Some(b"DCTDecode") => jpeg(&encoded, limit)?,
        Some(b"CCITTFaxDecode") => ccitt(doc, dict, &encoded, height)?,
        Some(b"JBIG2Decode") => jbig2::decode(doc, dict, &encoded, limit)?,
        Some(b"JPXDecode") => jpx::decode(doc, dict, &encoded, limit)?,
        Some(other) => {
            return Err(ImageError::Unsupported(
                String::from_utf8_lossy(other).into_owned(),
            ));
        }
        None => {
            let space = if stencil {
                Space::Gray
            } else {
                color_space(doc, dict.get(b"ColorSpace").ok(), 0)?
            };
            let bits = if stencil {
                1
            } else {
                bits_per_component(doc, dict)
            };
            samples(&encoded, width, height, bits, &space)?
        }
    };
    // A codec's own size wins over the dictionary's, which is sometimes
    // rounded. `/Decode [1 0]` swaps dark and light; on a stencil mask it
    // makes sample 1 the painted one, which the same swap gives.
    if decode_inverted {
        for pixel in &mut gray.pixels {
            *pixel = 255 - *pixel;
        }
    }
    if stencil {
        // Sample 0 paints (1 with /Decode [1 0]); painted is black.
        for pixel in &mut gray.pixels {
            *pixel = if *pixel < 128 { 0 } else { 255 };
        }
        gray.stencil = true;
    }
    Ok(gray)
}

fn positive(doc: &Document, dict: &Dictionary, key: &[u8]) -> Result<u32, ImageError> {
    dict.get_deref(key, doc)
        .ok()
        .and_then(number)
        .filter(|n| *n >= 1.0 && *n <= 1_000_000.0)
        .map(|n| n as u32)
        .ok_or_else(|| ImageError::Damaged(format!("no valid /{}", String::from_utf8_lossy(key))))
}

fn bits_per_component(doc: &Document, dict: &Dictionary) -> u32 {
    dict.get_deref(b"BitsPerComponent", doc)
        .ok()
        .and_then(number)
        .map_or(8, |n| n as u32)
}

/// `/Decode [1 0]` on the first component: dark and light swapped.
fn inverted_decode(doc: &Document, dict: &Dictionary) -> bool {
    let Ok(array) = dict.get_deref(b"Decode", doc).and_then(Object::as_array) else {
        return false;
    };
    matches!(
        (array.first().and_then(number), array.get(1).and_then(number)),
        (Some(low), Some(high)) if low > high
    )
}

/// The image codec that ends the filter chain (if any), and the bytes it
/// reads: the stream's data with every filter before it undone.
fn codec_input(
    doc: &Document,
    stream: &Stream,
    limit: usize,
) -> Result<(Option<Vec<u8>>, Vec<u8>), ImageError> {
    let filters = filter_names(doc, &stream.dict);
    let codec = filters
        .last()
        .filter(|name| CODECS.contains(&name.as_slice()))
        .cloned();
    let data = match &codec {
        None => stream_data(doc, stream, limit),
        Some(_) if filters.len() == 1 => Ok(stream.content.clone()),
        Some(_) => {
            let mut before = stream.clone();
            let kept: Vec<Object> = filters[..filters.len() - 1]
                .iter()
                .map(|name| Object::Name(name.clone()))
                .collect();
            before.dict.set("Filter", Object::Array(kept));
            before.dict.remove(b"DecodeParms");
            stream_data(doc, &before, limit)
        }
    };
    let data = data.map_err(|error| match error {
        StreamError::OverLimit => ImageError::OverLimit,
        StreamError::Undecodable => ImageError::Damaged("its data could not be decoded".into()),
    })?;
    Ok((codec, data))
}

/// The names of the stream's filters, in order, abbreviations spelled out.
fn filter_names(doc: &Document, dict: &Dictionary) -> Vec<Vec<u8>> {
    let filter = dict
        .get_deref(b"Filter", doc)
        .or_else(|_| dict.get_deref(b"F", doc));
    let full = |name: &[u8]| super::super::filters::full_filter_name(name).to_vec();
    match filter {
        Ok(Object::Name(name)) => vec![full(name)],
        Ok(Object::Array(items)) => items
            .iter()
            .filter_map(|item| doc.dereference(item).ok()?.1.as_name().ok().map(full))
            .collect(),
        _ => Vec::new(),
    }
}

thread_local! {
    /// Set while this thread runs a third-party decoder inside [`guarded`].
    static IN_DECODER: Cell<bool> = const { Cell::new(false) };
}

/// True while the current thread runs an image decoder whose panics
/// [`guarded`] catches and reports as a damaged image: a program's panic
/// hook may stay silent about those (see `cli::quiet_guarded_panics`).
pub fn in_guarded_decode() -> bool {
    IN_DECODER.with(Cell::get)
}

/// Runs a third-party decoder (hayro-jbig2, hayro-jpeg2000) on file data.
/// They are written not to panic, but a panic on a malformed stream would
/// otherwise end the whole document (or the batch worker): it is caught
/// here ([`guarded_call`]) and becomes `ImageError::Damaged`.
fn guarded<T>(codec: &str, call: impl FnOnce() -> Result<T, ImageError>) -> Result<T, ImageError> {
    guarded_call(call).unwrap_or_else(|reason| {
        Err(ImageError::Damaged(format!(
            "the {codec} decoder failed on it ({reason})"
        )))
    })
}

/// Runs third-party code (a decoder, the page renderer) with its panics
/// caught by `catch_unwind`: a panic gives `Err` with its message, and
/// [`in_guarded_decode`] is true meanwhile so that a panic hook may stay
/// silent. The code guarded keeps no state across calls that a panic could
/// leave half-changed, so `AssertUnwindSafe` is sound.
pub fn guarded_call<T>(call: impl FnOnce() -> T) -> Result<T, String> {
    let outer = IN_DECODER.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(call));
    IN_DECODER.with(|flag| flag.set(outer));
    result.map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// The `/DecodeParms` of the last filter (the codec).
fn codec_parameters<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let parameters = dict
        .get_deref(b"DecodeParms", doc)
        .or_else(|_| dict.get_deref(b"DP", doc))
        .ok()?;
    match parameters {
        Object::Dictionary(parameters) => Some(parameters),
        Object::Array(items) => items
            .last()
            .and_then(|item| doc.dereference(item).ok()?.1.as_dict().ok()),
        _ => None,
    }
}

fn jpeg(data: &[u8], limit: usize) -> Result<Gray, ImageError> {
    use zune_jpeg::JpegDecoder;
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;

    let side = (limit / 3).min(65_535);
    let options = DecoderOptions::default()
        .set_max_width(side)
        .set_max_height(side)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(data), options);
    let damaged = |e: zune_jpeg::errors::DecodeErrors| ImageError::Damaged(format!("JPEG: {e:?}"));
    decoder.decode_headers().map_err(damaged)?;
    let (width, height) = decoder
        .dimensions()
        .ok_or_else(|| ImageError::Damaged("JPEG without a size".into()))?;
    if width.saturating_mul(height).saturating_mul(3) > limit {
        return Err(ImageError::OverLimit);
    }
    let rgb = decoder.decode().map_err(damaged)?;
    Ok(Gray {
        width: width as u32,
        height: height as u32,
        pixels: rgb
            .chunks_exact(3)
            .map(|p| gray_of_rgb(p[0], p[1], p[2]))
            .collect(),
        stencil: false,
    })
}

/// Collects CCITT rows as gray bytes (white 255, black 0).
struct Rows {
    width: u32,
    pixels: Vec<u8>,
}

impl hayro_ccitt::Decoder for Rows {
    fn push_row(&mut self, changes: &[u32]) {
        let start = self.pixels.len();
        self.pixels.resize(start + self.width as usize, 255);
        let row = &mut self.pixels[start..];
        for pair in changes.chunks(2) {
            let from = pair[0].min(self.width) as usize;
            let to = pair.get(1).copied().unwrap_or(self.width).min(self.width) as usize;
            row[from..to.max(from)].fill(0);
        }
    }
}

fn ccitt(doc: &Document, dict: &Dictionary, data: &[u8], height: u32) -> Result<Gray, ImageError> {
    let parameters = codec_parameters(doc, dict);
    let get = |key: &[u8]| parameters.and_then(|p| p.get(key).ok().and_then(number));
    let flag = |key: &[u8]| {
        parameters.is_some_and(|p| p.get(key).and_then(Object::as_bool).unwrap_or(false))
    };
    let k = get(b"K").unwrap_or(0.0);
    let columns = get(b"Columns").map_or(1728, |c| c as u32).max(1);
    let rows = get(b"Rows").map_or(height, |r| r as u32);
    let settings = hayro_ccitt::DecodeSettings {
        columns,
        rows,
        end_of_block: parameters.is_none_or(|p| {
            p.get(b"EndOfBlock")
                .and_then(Object::as_bool)
                .unwrap_or(true)
        }),
        end_of_line: flag(b"EndOfLine"),
        rows_are_byte_aligned: flag(b"EncodedByteAlign"),
        encoding: match k {
            k if k < 0.0 => hayro_ccitt::EncodingMode::Group4,
            0.0 => hayro_ccitt::EncodingMode::Group3_1D,
            _ => hayro_ccitt::EncodingMode::Group3_2D,
        },
        strict: false,
    };
    let mut rows_out = Rows {
        width: columns,
        pixels: Vec::with_capacity(columns as usize * rows as usize),
    };
    let mut context = hayro_ccitt::DecoderContext::new(settings);
    // A damaged tail still leaves the rows decoded before it.
    let _ = hayro_ccitt::decode(data, &mut rows_out, &mut context);
    let decoded_rows = (rows_out.pixels.len() / columns as usize) as u32;
    if decoded_rows == 0 {
        return Err(ImageError::Damaged("CCITT data gave no rows".into()));
    }
    let mut pixels = rows_out.pixels;
    pixels.truncate((columns * decoded_rows) as usize);
    // Without /BlackIs1, 0 bits are black, which is what the rows hold.
    if flag(b"BlackIs1") {
        pixels.iter_mut().for_each(|p| *p = 255 - *p);
    }
    Ok(Gray {
        width: columns,
        height: decoded_rows,
        pixels,
        stencil: false,
    })
}

/// A colour space reduced to what turning samples into gray needs.
#[derive(Debug, Clone, PartialEq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// A palette over a base space: the base's components for each index.
    Indexed {
        base: Box<Space>,
        palette: Vec<u8>,
    },
}

impl Space {
    fn components(&self) -> usize {
        match self {
            Space::Gray | Space::Indexed { .. } => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
        }
    }
}

/// How deep Indexed spaces are followed (an Indexed base is never
/// Indexed in a valid file).
const MAX_SPACE_DEPTH: usize = 4;

fn color_space(doc: &Document, object: Option<&Object>, depth: usize) -> Result<Space, ImageError> {
    let unsupported = |what: &str| Err(ImageError::Unsupported(format!("colour space {what}")));
    if depth > MAX_SPACE_DEPTH {
        return unsupported("nested too deep");
    }
    let Some(object) = object else {
        return Ok(Space::Gray);
    };
    let object = doc.dereference(object).map(|(_, o)| o).unwrap_or(object);
    match object {
        Object::Name(name) => Ok(match name.as_slice() {
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            _ => Space::Gray,
        }),
        Object::Array(items) => {
            let family = items.first().and_then(|n| n.as_name().ok()).unwrap_or(b"");
            match family {
                b"ICCBased" => {
                    let stream = items
                        .get(1)
                        .and_then(|o| doc.dereference(o).ok())
                        .and_then(|(_, o)| o.as_stream().ok());
                    let n = stream
                        .and_then(|s| s.dict.get(b"N").ok().and_then(number))
                        .unwrap_or(1.0);
                    Ok(match n as u32 {
                        3 => Space::Rgb,
                        4 => Space::Cmyk,
                        _ => Space::Gray,
                    })
                }
                b"CalRGB" => Ok(Space::Rgb),
                b"CalGray" => Ok(Space::Gray),
                b"Indexed" | b"I" => {
                    let base = color_space(doc, items.get(1), depth + 1)?;
                    let palette = match items.get(3).map(|o| doc.dereference(o).map(|(_, o)| o)) {
                        Some(Ok(Object::String(bytes, _))) => bytes.clone(),
                        Some(Ok(Object::Stream(stream))) => stream_data(doc, stream, 1 << 20)
                            .map_err(|_| ImageError::Damaged("unreadable palette".into()))?,
                        _ => return Err(ImageError::Damaged("Indexed without a palette".into())),
                    };
                    Ok(Space::Indexed {
                        base: Box::new(base),
                        palette,
                    })
                }
                b"Separation" | b"DeviceN" => Ok(Space::Gray),
                other => unsupported(&String::from_utf8_lossy(other)),
            }
        }
        _ => Ok(Space::Gray),
    }
}

/// Raw samples (already unfiltered) to gray.
fn samples(
    data: &[u8],
    width: u32,
    height: u32,
    bits: u32,
    space: &Space,
) -> Result<Gray, ImageError> {
    if !matches!(bits, 1 | 2 | 4 | 8 | 16) {
        return Err(ImageError::Damaged(format!("{bits} bits a component")));
    }
    let components = space.components();
    let row_bits = width as usize * components * bits as usize;
    let row_bytes = row_bits.div_ceil(8);
    let rows = (data.len() / row_bytes.max(1)).min(height as usize);
    if rows == 0 {
        return Err(ImageError::Damaged("no sample data".into()));
    }
    let max = ((1u32 << bits.min(8)) - 1) as f32;
    let mut pixels = Vec::with_capacity(width as usize * rows);
    let mut values = vec![0u8; components];
    for row in data.chunks_exact(row_bytes).take(rows) {
        for x in 0..width as usize {
            for (c, value) in values.iter_mut().enumerate() {
                let sample = sample_at(row, (x * components + c) * bits as usize, bits);
                *value = match (space, bits) {
                    (Space::Indexed { .. }, _) => sample.min(255) as u8,
                    (_, 16) => (sample >> 8) as u8,
                    _ => (sample as f32 * 255.0 / max).round() as u8,
                };
            }
            pixels.push(gray_of(space, &values));
        }
    }
    Ok(Gray {
        width,
        height: rows as u32,
        pixels,
        stencil: false,
    })
}

/// The sample of `bits` bits starting at bit `at` of `row`.
fn sample_at(row: &[u8], at: usize, bits: u32) -> u32 {
    match bits {
        8 => u32::from(row[at / 8]),
        16 => u32::from(row[at / 8]) << 8 | u32::from(row[at / 8 + 1]),
        _ => {
            let byte = row[at / 8];
            let shift = 8 - bits as usize - at % 8;
            u32::from(byte >> shift) & ((1 << bits) - 1)
        }
    }
}

/// One pixel's components in `space` as gray.
fn gray_of(space: &Space, values: &[u8]) -> u8 {
    match space {
        Space::Gray => values[0],
        Space::Rgb => gray_of_rgb(values[0], values[1], values[2]),
        Space::Cmyk => {
            let [c, m, y, k] = [values[0], values[1], values[2], values[3]].map(|v| 255 - v as u32);
            let channel = |v: u32| (v * k / 255) as u8;
            gray_of_rgb(channel(c), channel(m), channel(y))
        }
        Space::Indexed { base, palette } => {
            let n = base.components();
            let at = values[0] as usize * n;
            match palette.get(at..at + n) {
                Some(entry) => gray_of(base, entry),
                None => 255,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn image(dict: Dictionary, data: Vec<u8>) -> Gray {
        let doc = Document::with_version("1.5");
        decode(&doc, &Stream::new(dict, data), 1 << 20).unwrap()
    }

    #[test]
    fn gray_rgb_and_one_bit_samples() {
        let gray = image(
            dictionary! { "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray" },
            vec![0, 200],
        );
        assert_eq!(gray.pixels, vec![0, 200]);
        let rgb = image(
            dictionary! { "Width" => 3, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB" },
            vec![0, 0, 0, 220, 30, 40, 255, 255, 255],
        );
        assert_eq!(rgb.pixels, vec![0, 255, 255], "red becomes paper");
        let bits = image(
            dictionary! { "Width" => 10, "Height" => 2, "BitsPerComponent" => 1 },
            vec![0b1010_0000, 0b0100_0000, 0xff, 0xff],
        );
        assert_eq!(bits.pixels[..4], [255, 0, 255, 0]);
        assert_eq!(bits.pixels[8..10], [0, 255]);
        assert_eq!(bits.pixels[10..], [255; 10]);
    }

    #[test]
    fn decode_arrays_and_stencils_invert_as_drawn() {
        let inverted = image(
            dictionary! { "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "Decode" => vec![1.into(), 0.into()] },
            vec![0, 255],
        );
        assert_eq!(inverted.pixels, vec![255, 0]);
        let mask = image(
            dictionary! { "Width" => 8, "Height" => 1, "ImageMask" => true },
            vec![0b0000_1111],
        );
        assert!(mask.stencil);
        assert_eq!(mask.pixels, vec![0, 0, 0, 0, 255, 255, 255, 255]);
    }

    #[test]
    fn a_panic_in_a_decoder_is_a_damaged_image() {
        assert!(!in_guarded_decode());
        let result: Result<(), ImageError> = guarded("JBIG2", || {
            assert!(in_guarded_decode());
            panic!("index out of bounds")
        });
        assert_eq!(
            result,
            Err(ImageError::Damaged(
                "the JBIG2 decoder failed on it (index out of bounds)".into()
            ))
        );
        assert!(!in_guarded_decode());
        assert_eq!(guarded("JBIG2", || Ok(7)), Ok(7));
    }

    #[test]
    fn indexed_and_unsupported_spaces() {
        let doc = Document::with_version("1.5");
        let space = Object::Array(vec![
            "Indexed".into(),
            "DeviceRGB".into(),
            1.into(),
            Object::string_literal(vec![0u8, 0, 0, 255, 255, 255]),
        ]);
        let dict = dictionary! { "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => space };
        let gray = decode(&doc, &Stream::new(dict, vec![1, 0]), 1 << 20).unwrap();
        assert_eq!(gray.pixels, vec![255, 0]);
        let lab = dictionary! {
            "Width" => 2, "Height" => 1, "BitsPerComponent" => 8,
            "ColorSpace" => Object::Array(vec!["Lab".into(), Object::Dictionary(Dictionary::new())]),
        };
        assert!(matches!(
            decode(&doc, &Stream::new(lab, vec![0; 6]), 1 << 20),
            Err(ImageError::Unsupported(_))
        ));
        let huge = dictionary! { "Width" => 100_000, "Height" => 100_000 };
        assert_eq!(
            decode(&doc, &Stream::new(huge, vec![0]), 1 << 20),
            Err(ImageError::OverLimit)
        );
    }
}
