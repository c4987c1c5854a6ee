//! JBIG2 images (`JBIG2Decode`, ISO 32000-1 7.4.7), decoded by hayro-jbig2.
//!
//! A PDF holds a JBIG2 image in the embedded organization (ITU-T T.88
//! Annex D.3): segments without a file header. The filter parameter
//! `/JBIG2Globals` names a stream of segments (symbol dictionaries,
//! tables) that the document's images share. JBIG2 codes black as 1; the
//! PDF filter hands out 0 for black, so that the samples read as 1-bit
//! `DeviceGray` and a stencil mask with the default `/Decode` paints its
//! black pixels. Here black is gray 0, as from CCITT, and `decode` turns
//! `/Decode [1 0]` and `/ImageMask` as for the other 1-bit codecs.

use super::super::super::objects::{StreamError, stream_data};
use super::{Gray, ImageError, codec_parameters, guarded};
use lopdf::{Dictionary, Document};

/// Decodes the JBIG2 stream `data` of the image whose dictionary is `dict`
/// to gray (black 0, white 255). The page's declared size is checked
/// against `limit` (bytes of the gray image) before its bitmap is made.
pub(super) fn decode(
    doc: &Document,
    dict: &Dictionary,
    data: &[u8],
    limit: usize,
) -> Result<Gray, ImageError> {
    let globals = globals(doc, dict, limit)?;
    guarded("JBIG2", || decode_page(data, globals.as_deref(), limit))
}

/// The decoded data of the `/JBIG2Globals` stream, if the image has one.
fn globals(doc: &Document, dict: &Dictionary, limit: usize) -> Result<Option<Vec<u8>>, ImageError> {
    let Some(object) = codec_parameters(doc, dict).and_then(|p| p.get(b"JBIG2Globals").ok()) else {
        return Ok(None);
    };
    let stream = doc
        .dereference(object)
        .ok()
        .and_then(|(_, object)| object.as_stream().ok())
        .ok_or_else(|| ImageError::Damaged("/JBIG2Globals is not a stream".into()))?;
    stream_data(doc, stream, limit)
        .map(Some)
        .map_err(|error| match error {
            StreamError::OverLimit => ImageError::OverLimit,
            StreamError::Undecodable => {
                ImageError::Damaged("the /JBIG2Globals stream could not be decoded".into())
            }
        })
}

fn damaged(error: hayro_jbig2::DecodeError) -> ImageError {
    ImageError::Damaged(format!("JBIG2: {error}"))
}

/// Decodes the page tolerantly: a region that cannot be read is left out
/// and the rest kept, as a damaged CCITT image keeps the rows before the
/// damage. A page left all white that way is checked strictly: when that
/// fails, the image is damaged (its text was lost), not a blank page.
fn decode_page(data: &[u8], globals: Option<&[u8]>, limit: usize) -> Result<Gray, ImageError> {
    let gray = decode_with(data, globals, limit, false)?;
    if gray.pixels.iter().all(|&pixel| pixel == 255) {
        decode_with(data, globals, limit, true)?;
    }
    Ok(gray)
}

fn decode_with(
    data: &[u8],
    globals: Option<&[u8]>,
    limit: usize,
    strict: bool,
) -> Result<Gray, ImageError> {
    let settings = hayro_jbig2::DecodeSettings { strict };
    let globals = globals
        .map(|globals| hayro_jbig2::Globals::new(globals, &settings))
        .transpose()
        .map_err(damaged)?;
    let page =
        hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings).map_err(damaged)?;
    let (width, height) = (page.width(), page.height());
    let size = (width as usize).saturating_mul(height as usize);
    if size > limit {
        return Err(ImageError::OverLimit);
    }
    let mut pixels = Pixels(Vec::with_capacity(size));
    page.decode(&mut pixels).map_err(damaged)?;
    if pixels.0.len() != size {
        return Err(ImageError::Damaged(format!(
            "JBIG2: {} pixels for a {width}×{height} page",
            pixels.0.len()
        )));
    }
    Ok(Gray {
        width,
        height,
        pixels: pixels.0,
        stencil: false,
    })
}

/// Collects the decoder's pixels, rows top to bottom, as gray bytes.
struct Pixels(Vec<u8>);

impl hayro_jbig2::Decoder for Pixels {
    fn push_pixel(&mut self, black: bool) {
        self.0.push(if black { 0 } else { 255 });
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        let count = chunk_count as usize * 8;
        self.0
            .resize(self.0.len() + count, if black { 0 } else { 255 });
    }

    fn next_line(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::super::{Gray, ImageError, decode};
    use lopdf::{Document, Object, Stream, dictionary};
    use std::path::Path;

    /// The fixture PDF `name` and its JBIG2 image.
    fn fixture(name: &str) -> (Document, Stream) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ocr-codecs")
            .join(name);
        let doc = Document::load(path).unwrap();
        let image = doc
            .objects
            .values()
            .filter_map(|object| object.as_stream().ok())
            .find(|stream| stream.dict.get(b"Width").is_ok())
            .unwrap()
            .clone();
        (doc, image)
    }

    fn black(gray: &Gray) -> usize {
        gray.pixels.iter().filter(|&&p| p == 0).count()
    }

    /// The black pixels poppler's decoder finds (`pdfimages -png`).
    const MESSAGE_BLACK: usize = 215_441;
    const TYPEWRITER_BLACK: usize = 701_751;

    #[test]
    fn a_page_decodes_as_poppler_decodes_it() {
        let (doc, image) = fixture("jbig2-message.pdf");
        let gray = decode(&doc, &image, 64 << 20).unwrap();
        assert_eq!((gray.width, gray.height), (1000, 1520));
        assert!(gray.pixels.iter().all(|&p| p == 0 || p == 255));
        assert_eq!(black(&gray), MESSAGE_BLACK);
        assert!(!gray.stencil);
    }

    #[test]
    fn a_page_reads_its_symbols_from_the_globals_stream() {
        let (doc, image) = fixture("jbig2-typewriter.pdf");
        let gray = decode(&doc, &image, 64 << 20).unwrap();
        assert_eq!((gray.width, gray.height), (4000, 2864));
        assert_eq!(black(&gray), TYPEWRITER_BLACK);
        // Without them its text region cannot be read: damaged, not blank.
        let mut alone = image.clone();
        alone.dict.remove(b"DecodeParms");
        assert!(matches!(
            decode(&doc, &alone, 64 << 20),
            Err(ImageError::Damaged(_))
        ));
    }

    #[test]
    fn decode_arrays_and_stencil_masks_turn_as_for_ccitt() {
        let (doc, image) = fixture("jbig2-message.pdf");
        let mut inverted = image.clone();
        inverted.dict.set("Decode", vec![1.into(), 0.into()]);
        let gray = decode(&doc, &inverted, 64 << 20).unwrap();
        assert_eq!(black(&gray), 1000 * 1520 - MESSAGE_BLACK);
        // A stencil paints its black pixels (sample 0 after the filter).
        let mut mask = image.clone();
        mask.dict.set("ImageMask", true);
        let gray = decode(&doc, &mask, 64 << 20).unwrap();
        assert!(gray.stencil);
        assert_eq!(black(&gray), MESSAGE_BLACK);
        mask.dict.set("Decode", vec![1.into(), 0.into()]);
        let gray = decode(&doc, &mask, 64 << 20).unwrap();
        assert_eq!(black(&gray), 1000 * 1520 - MESSAGE_BLACK);
    }

    #[test]
    fn the_declared_page_size_is_checked_before_decoding() {
        let (doc, mut image) = fixture("jbig2-message.pdf");
        // The dictionary says 1×1; the page information segment 1000×1520.
        image.dict.set("Width", 1);
        image.dict.set("Height", 1);
        assert_eq!(decode(&doc, &image, 1_000_000), Err(ImageError::OverLimit));
        assert!(decode(&doc, &image, 1_520_000).is_ok());
        // The first segment is the page information: its data (after an
        // 11-byte header) starts with the width and the height.
        assert_eq!(image.content[4] & 0x3F, 48);
        image.content[11..19].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
        assert_eq!(decode(&doc, &image, 256 << 20), Err(ImageError::OverLimit));
    }

    #[test]
    fn truncated_and_damaged_streams_are_errors() {
        // Cut inside the page information segment (the first 30 bytes).
        // Cut later, the page keeps the regions decoded before the cut, as
        // a CCITT image keeps its rows.
        let (doc, image) = fixture("jbig2-message.pdf");
        for cut in [0, 5, 18, 29] {
            let mut cut_short = image.clone();
            cut_short.content.truncate(cut);
            assert!(
                matches!(
                    decode(&doc, &cut_short, 64 << 20),
                    Err(ImageError::Damaged(_))
                ),
                "cut at {cut}"
            );
        }
        let (doc, image) = fixture("jbig2-typewriter.pdf");
        let Ok(Object::Reference(globals)) = image
            .dict
            .get(b"DecodeParms")
            .and_then(Object::as_dict)
            .and_then(|p| p.get(b"JBIG2Globals"))
        else {
            panic!("no /JBIG2Globals");
        };
        let mut doc = doc;
        let globals = doc
            .get_object_mut(*globals)
            .unwrap()
            .as_stream_mut()
            .unwrap();
        globals.content.truncate(globals.content.len() / 2);
        assert!(matches!(
            decode(&doc, &image, 64 << 20),
            Err(ImageError::Damaged(_))
        ));
        doc.objects.insert(
            (900, 0),
            Object::Dictionary(dictionary! { "Not" => "a stream" }),
        );
        let mut image = image;
        image
            .dict
            .set("DecodeParms", dictionary! { "JBIG2Globals" => (900, 0) });
        assert!(matches!(
            decode(&doc, &image, 64 << 20),
            Err(ImageError::Damaged(_))
        ));
    }

    #[test]
    fn every_cut_and_flipped_byte_is_an_image_or_an_error() {
        let (doc, image) = fixture("jbig2-message.pdf");
        // Every cut in the first 48 bytes (the page information segment and
        // the region's header) and every 1999th after; each byte of the
        // first 48 flipped. The decoder does not even panic (which `guarded`
        // would catch).
        let cuts = (0..48).chain((48..image.content.len()).step_by(1999));
        for at in cuts {
            let mut damaged = image.clone();
            damaged.content.truncate(at);
            let mut flipped = image.clone();
            if at < 48 {
                flipped.content[at] ^= 0xA5;
            }
            for stream in [damaged, flipped] {
                // A flipped size byte may make a larger page: 5 MiB bounds it
                // (the dictionary's 1000×1520 needs 3 bytes a pixel).
                if let Err(ImageError::Damaged(why)) = decode(&doc, &stream, 5 << 20) {
                    assert!(!why.contains("decoder failed"), "at {at}: {why}");
                }
            }
        }
    }
}
