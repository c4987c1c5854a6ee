//! JPEG 2000 images (`JPXDecode`, ISO 32000-1 7.4.9), decoded by
//! hayro-jpeg2000.
//!
//! The stream is a JP2 file or a bare codestream. Its colour space is the
//! image dictionary's `/ColorSpace` when it has one the codestream has the
//! components for (Indexed: the samples are palette indices), else the
//! codestream's own: gray, RGB, CMYK, ICC-based by its channel count,
//! CIELab by its lightness (sYCC the decoder turns into RGB). Samples of
//! any bit depth are scaled to 8 bits. An alpha channel (the JP2's own, or
//! `/SMaskInData`, which is otherwise ignored) is composited on white, so
//! that what is transparent reads as paper.
//!
//! Memory: the decoder holds every component as a plane of `f32` samples,
//! and a record of every tile. Both are known from the codestream's header,
//! read first, and checked against the limit before anything is decoded;
//! an image too large for it is decoded at a lower resolution (JPEG 2000
//! stores each halving), when the codestream has one small enough.

use super::{Gray, ImageError, Space, color_space, gray_of, guarded, number};
use hayro_jpeg2000::{ColorSpace, DecodeSettings, DecoderContext, Image};
use lopdf::{Dictionary, Document};

/// Bytes the decoder keeps for each component of each tile (its coding
/// parameters), over-estimated: a file of millions of tiny tiles is refused
/// before the decoder makes a record for each.
const TILE_COMPONENT_BYTES: u64 = 512;

/// Bytes of one decoded sample (an `f32`).
const SAMPLE_BYTES: u64 = 4;

/// Decodes the JPEG 2000 stream `data` of the image whose dictionary is
/// `dict` to gray; `limit` bounds the decoder's sample planes.
pub(super) fn decode(
    doc: &Document,
    dict: &Dictionary,
    data: &[u8],
    limit: usize,
) -> Result<Gray, ImageError> {
    let declared = Declared::read(data)?;
    let limit = limit as u64;
    if declared
        .tiles
        .saturating_mul(declared.components * TILE_COMPONENT_BYTES)
        > limit
    {
        return Err(ImageError::OverLimit);
    }
    let given = Given::read(doc, dict, data);
    guarded("JPEG 2000", || {
        decode_image(data, given, declared.components, limit)
    })
}

/// What the image dictionary and the stream's form say of its colours.
struct Given {
    /// The dictionary's `/ColorSpace`, when plangloss knows it: another
    /// (Lab, a pattern…) leaves the codestream's own.
    space: Option<Space>,
    /// `/SMaskInData` is set: the codestream holds alpha.
    smask_in_data: bool,
    /// The stream is a bare codestream, without a JP2 file's colour space.
    bare: bool,
}

impl Given {
    fn read(doc: &Document, dict: &Dictionary, data: &[u8]) -> Self {
        let space = dict
            .get(b"ColorSpace")
            .ok()
            .and_then(|object| color_space(doc, Some(object), 0).ok());
        let smask_in_data = dict
            .get_deref(b"SMaskInData", doc)
            .ok()
            .and_then(number)
            .is_some_and(|n| n != 0.0);
        Self {
            space,
            smask_in_data,
            bare: data.starts_with(&[0xFF, 0x4F]),
        }
    }
}

fn damaged(error: hayro_jpeg2000::DecodeError) -> ImageError {
    ImageError::Damaged(format!("JPEG 2000: {error}"))
}

/// Bytes of the decoder's sample planes for a `width × height` image of
/// `components` components.
fn planes_bytes(width: u32, height: u32, components: u64) -> u64 {
    u64::from(width)
        .saturating_mul(u64::from(height))
        .saturating_mul(components)
        .saturating_mul(SAMPLE_BYTES)
}

fn decode_image(
    data: &[u8],
    given: Given,
    components: u64,
    limit: u64,
) -> Result<Gray, ImageError> {
    let indexed = matches!(given.space, Some(Space::Indexed { .. }));
    let mut settings = DecodeSettings {
        resolve_palette_indices: !indexed,
        strict: false,
        target_resolution: None,
    };
    let mut image = Image::new(data, &settings).map_err(damaged)?;
    // A palette's colours are planes of their own.
    let channels = u64::from(image.color_space().num_channels()) + u64::from(image.has_alpha());
    let planes = components.max(channels);
    let over = |image: &Image<'_>| planes_bytes(image.width(), image.height(), planes) > limit;
    // Palette indices are not samples that a lower resolution could average.
    if over(&image) && !indexed {
        settings.target_resolution = reduced(image.width(), image.height(), planes, limit);
        image = Image::new(data, &settings).map_err(damaged)?;
    }
    if over(&image) {
        return Err(ImageError::OverLimit);
    }
    let (width, height) = (image.width(), image.height());
    let mut context = DecoderContext::default();
    let decoded = image.decode(&mut context).map_err(damaged)?;
    let planes: Vec<Plane<'_>> = decoded
        .components()
        .iter()
        .map(|c| Plane::new(c.samples(), c.bit_depth()))
        .collect();
    let layout = Layout::new(given, &image, planes.len());
    to_gray(&planes, width, height, &layout)
}

/// The largest size whose planes fit in `limit`, in halvings of
/// `width × height`, as the decoder's target resolution.
fn reduced(width: u32, height: u32, components: u64, limit: u64) -> Option<(u32, u32)> {
    (1..32)
        .map(|halvings| ((width >> halvings).max(1), (height >> halvings).max(1)))
        .find(|&(w, h)| planes_bytes(w, h, components) <= limit)
}

/// What the codestream's SIZ marker declares, read before the decoder
/// sees the data.
#[derive(Debug)]
struct Declared {
    components: u64,
    tiles: u64,
}

impl Declared {
    /// Reads the SIZ marker, which follows the start of the codestream
    /// (ITU-T T.800 A.5.1); in a JP2 file the codestream is the `jp2c` box.
    fn read(data: &[u8]) -> Result<Self, ImageError> {
        let damaged = || ImageError::Damaged("JPEG 2000: no valid SIZ marker".into());
        let siz = codestream(data)
            .filter(|c| c.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]))
            .ok_or_else(damaged)?;
        let at = |offset: usize| {
            siz.get(offset..offset + 4)
                .map(|b| u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
        };
        let [width, height, _, _, tile_width, tile_height, tile_x, tile_y] =
            [8, 12, 16, 20, 24, 28, 32, 36].map(at);
        let components = siz
            .get(40..42)
            .map(|b| u64::from(u16::from_be_bytes([b[0], b[1]])));
        let count = |size: Option<u64>, offset: Option<u64>, tile: Option<u64>| {
            let (size, offset, tile) = (size?, offset?, tile?);
            (tile > 0 && size > offset).then(|| (size - offset).div_ceil(tile))
        };
        let across = count(width, tile_x, tile_width).ok_or_else(damaged)?;
        let down = count(height, tile_y, tile_height).ok_or_else(damaged)?;
        Ok(Self {
            components: components.filter(|&c| c > 0).ok_or_else(damaged)?,
            tiles: across * down,
        })
    }
}

/// The codestream of a JP2 file (its top-level `jp2c` box), or `data`
/// itself when it is a bare codestream.
fn codestream(data: &[u8]) -> Option<&[u8]> {
    if data.starts_with(&[0xFF, 0x4F]) {
        return Some(data);
    }
    let mut rest = data;
    loop {
        let length = u64::from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?));
        let kind = rest.get(4..8)?;
        let (header, size) = match length {
            0 => (8, rest.len() as u64),
            1 => (16, u64::from_be_bytes(rest.get(8..16)?.try_into().ok()?)),
            n => (8, n),
        };
        let size = usize::try_from(size).ok().filter(|&s| s >= header)?;
        if kind == b"jp2c" {
            return rest.get(header..size.min(rest.len()));
        }
        rest = rest.get(size..)?;
    }
}

/// One decoded component: its samples and what scales them to 0–255.
struct Plane<'a> {
    samples: &'a [f32],
    scale: f32,
}

impl<'a> Plane<'a> {
    fn new(samples: &'a [f32], bit_depth: u8) -> Self {
        let max = ((1u64 << bit_depth.clamp(1, 32)) - 1) as f32;
        Self {
            samples,
            scale: 255.0 / max,
        }
    }

    /// Sample `at` scaled to 8 bits.
    fn byte(&self, at: usize) -> u8 {
        (self.samples[at] * self.scale).round().clamp(0.0, 255.0) as u8
    }

    /// Sample `at` as a palette index.
    fn index(&self, at: usize) -> u8 {
        self.samples[at].round().clamp(0.0, 255.0) as u8
    }
}

/// How the decoded planes make a pixel: the colour space of the first
/// planes and the plane holding alpha, if any.
#[derive(Debug)]
struct Layout {
    space: Space,
    alpha: Option<usize>,
}

impl Layout {
    /// The PDF's colour space when the codestream has the planes for it,
    /// else the JP2 file's own, else (a bare codestream) the one its number
    /// of planes says.
    fn new(given: Given, image: &Image<'_>, planes: usize) -> Self {
        let alpha = image.has_alpha() || given.smask_in_data;
        match given.space.filter(|space| space.components() <= planes) {
            Some(space) => Self::with(space, alpha, planes),
            None if given.bare => Self::by_count(planes, given.smask_in_data),
            None => Self::with(space_of(image.color_space()), image.has_alpha(), planes),
        }
    }

    /// `space`, with alpha in the last plane when there is one and it is
    /// not one of the colour's.
    fn with(space: Space, alpha: bool, planes: usize) -> Self {
        let alpha = (alpha && planes > space.components()).then(|| planes - 1);
        Self { space, alpha }
    }

    /// A bare codestream has no colour space: 1 or 2 planes are gray (and
    /// alpha), 3 RGB, 4 CMYK, or RGB and alpha when `/SMaskInData` says
    /// the codestream holds alpha.
    fn by_count(planes: usize, smask_in_data: bool) -> Self {
        match planes {
            2 => Self::with(Space::Gray, true, planes),
            3 => Self::with(Space::Rgb, false, planes),
            4 if smask_in_data => Self::with(Space::Rgb, true, planes),
            4 => Self::with(Space::Cmyk, false, planes),
            _ => Self::with(Space::Gray, false, planes),
        }
    }
}

/// The codestream's colour space as one that [`gray_of`] reads. CIELab is
/// read by its first plane, lightness, as gray.
fn space_of(own: &ColorSpace) -> Space {
    let by_count = |count: u8| match count {
        3 => Space::Rgb,
        4 => Space::Cmyk,
        _ => Space::Gray,
    };
    match own {
        ColorSpace::Gray => Space::Gray,
        ColorSpace::RGB => Space::Rgb,
        ColorSpace::CMYK => Space::Cmyk,
        ColorSpace::Icc { profile, .. } if profile.get(16..20) == Some(b"Lab ") => Space::Gray,
        ColorSpace::Icc { num_channels, .. } | ColorSpace::Unknown { num_channels } => {
            by_count(*num_channels)
        }
    }
}

fn to_gray(
    planes: &[Plane<'_>],
    width: u32,
    height: u32,
    layout: &Layout,
) -> Result<Gray, ImageError> {
    let size = width as usize * height as usize;
    let used = layout
        .space
        .components()
        .max(layout.alpha.map_or(0, |a| a + 1));
    if planes.len() < used || planes[..used].iter().any(|p| p.samples.len() < size) {
        return Err(ImageError::Damaged(
            "JPEG 2000: fewer samples than the image has pixels".into(),
        ));
    }
    let indexed = matches!(layout.space, Space::Indexed { .. });
    let colour = &planes[..layout.space.components()];
    let mut values = [0u8; 4];
    let pixels = (0..size)
        .map(|at| {
            for (value, plane) in values.iter_mut().zip(colour) {
                *value = if indexed {
                    plane.index(at)
                } else {
                    plane.byte(at)
                };
            }
            let gray = gray_of(&layout.space, &values[..colour.len()]);
            match layout.alpha {
                Some(alpha) => on_white(gray, planes[alpha].byte(at)),
                None => gray,
            }
        })
        .collect();
    Ok(Gray {
        width,
        height,
        pixels,
        stencil: false,
    })
}

/// `gray` with opacity `alpha` (0–255) laid on white paper.
fn on_white(gray: u8, alpha: u8) -> u8 {
    let (gray, alpha) = (u32::from(gray), u32::from(alpha));
    ((gray * alpha + 255 * (255 - alpha) + 127) / 255) as u8
}

#[cfg(test)]
mod tests {
    use super::super::{Gray, ImageError, decode};
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};
    use std::path::Path;

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ocr-codecs");
        std::fs::read(path.join(name)).unwrap()
    }

    /// `data` decoded as a JPXDecode image with the entries of `extra`; the
    /// dictionary's size is 1×1: the codestream's wins.
    fn jpx(data: Vec<u8>, extra: Dictionary, limit: usize) -> Result<Gray, ImageError> {
        let doc = Document::with_version("1.5");
        let mut dict = dictionary! { "Width" => 1, "Height" => 1, "Filter" => "JPXDecode" };
        dict.extend(&extra);
        decode(&doc, &Stream::new(dict, data), limit)
    }

    /// The first row's value at the middle of each of `bands` equal bands.
    fn bands(gray: &Gray, bands: u32) -> Vec<u8> {
        let step = gray.width / bands;
        (0..bands)
            .map(|i| gray.pixels[(i * step + step / 2) as usize])
            .collect()
    }

    fn read(name: &str, extra: Dictionary) -> Gray {
        jpx(fixture(name), extra, 1 << 20).unwrap()
    }

    #[test]
    fn gray_of_any_bit_depth_is_scaled_to_eight_bits() {
        let gray = read("gray8.j2k", Dictionary::new());
        assert_eq!((gray.width, gray.height), (32, 8));
        assert_eq!(bands(&gray, 4), [0, 85, 170, 255]);
        assert!(!gray.stencil);
        assert_eq!(
            bands(&read("gray4.j2k", Dictionary::new()), 3),
            [0, 85, 255]
        );
        assert_eq!(
            bands(&read("gray16.jp2", Dictionary::new()), 3),
            [0, 128, 255]
        );
    }

    #[test]
    fn colour_becomes_gray_and_red_paper() {
        // White, black, seal red, dark green.
        let own = read("rgb.jp2", Dictionary::new());
        assert_eq!(bands(&own, 4), [255, 0, 255, 75]);
        let given = read("rgb.jp2", dictionary! { "ColorSpace" => "DeviceRGB" });
        assert_eq!(given.pixels, own.pixels);
        // A bare codestream of 4 planes: CMYK, whether the PDF says so or
        // not. Black, white, cyan, red.
        let cmyk = read("cmyk.j2k", dictionary! { "ColorSpace" => "DeviceCMYK" });
        assert_eq!(bands(&cmyk, 4), [0, 255, 178, 255]);
        assert_eq!(read("cmyk.j2k", Dictionary::new()).pixels, cmyk.pixels);
        // With /SMaskInData the fourth plane is alpha over RGB: only the
        // first band is opaque.
        let rgba = read("cmyk.j2k", dictionary! { "SMaskInData" => 1 });
        assert_eq!(bands(&rgba, 4), [0, 255, 255, 255]);
    }

    #[test]
    fn alpha_is_laid_on_white() {
        // Black: opaque, transparent, half transparent.
        let gray = read("rgba.jp2", Dictionary::new());
        assert_eq!(bands(&gray, 3), [0, 255, 127]);
        let gray = read(
            "rgba.jp2",
            dictionary! { "ColorSpace" => "DeviceRGB", "SMaskInData" => 1 },
        );
        assert_eq!(bands(&gray, 3), [0, 255, 127]);
    }

    #[test]
    fn an_indexed_space_reads_samples_as_indices() {
        // 4-bit samples 0, 5 and 15 index a palette of 16 grays, light to dark.
        let palette: Vec<u8> = (0..16).map(|i| 255 - 17 * i).collect();
        let space = Object::Array(vec![
            "Indexed".into(),
            "DeviceGray".into(),
            15.into(),
            Object::string_literal(palette),
        ]);
        let gray = read("gray4.j2k", dictionary! { "ColorSpace" => space });
        assert_eq!(bands(&gray, 3), [255, 170, 0]);
    }

    #[test]
    fn decode_arrays_are_ignored() {
        let gray = read(
            "gray8.j2k",
            dictionary! { "Decode" => vec![1.into(), 0.into()] },
        );
        assert_eq!(bands(&gray, 4), [0, 85, 170, 255]);
    }

    #[test]
    fn an_image_over_the_limit_is_decoded_at_a_lower_resolution() {
        // 32×8 gray is 1 KiB of f32 samples; 600 bytes hold a half.
        let gray = jpx(fixture("gray8.j2k"), Dictionary::new(), 600).unwrap();
        assert_eq!((gray.width, gray.height), (16, 4));
        for (value, want) in bands(&gray, 4).into_iter().zip([0u8, 85, 170, 255]) {
            assert!(value.abs_diff(want) <= 2, "{value} for {want}");
        }
    }

    /// `data` with its SIZ marker's image and tile sizes replaced.
    fn with_size(mut data: Vec<u8>, size: u32, tile: u32) -> Vec<u8> {
        let siz = super::codestream(&data).unwrap().as_ptr() as usize - data.as_ptr() as usize;
        for (offset, value) in [(8, size), (12, size), (24, tile), (28, tile)] {
            data[siz + offset..siz + offset + 4].copy_from_slice(&value.to_be_bytes());
        }
        data
    }

    #[test]
    fn a_huge_declared_size_is_over_the_limit_before_decoding() {
        for name in ["gray8.j2k", "rgb.jp2"] {
            // One tile of 100000×100000: too many samples even at the
            // lowest resolution the codestream has.
            let huge = with_size(fixture(name), 100_000, 100_000);
            assert_eq!(
                jpx(huge, Dictionary::new(), 1 << 20),
                Err(ImageError::OverLimit)
            );
            // Tiles of 1×1: ten billion of them.
            let tiny_tiles = with_size(fixture(name), 100_000, 1);
            assert_eq!(
                jpx(tiny_tiles, Dictionary::new(), 256 << 20),
                Err(ImageError::OverLimit)
            );
        }
    }

    #[test]
    fn truncated_and_damaged_streams_are_errors() {
        for name in ["gray8.j2k", "rgb.jp2", "cmyk.j2k", "gray16.jp2"] {
            let data = fixture(name);
            for cut in [0, 2, 10, 40, data.len() / 3] {
                let result = jpx(data[..cut].to_vec(), Dictionary::new(), 1 << 20);
                assert!(
                    matches!(result, Err(ImageError::Damaged(_))),
                    "{name} cut at {cut}: {result:?}"
                );
            }
            // Every cut and every flipped byte gives an image or an error;
            // the decoder does not even panic (which `guarded` would catch).
            for at in 0..data.len() {
                let mut flipped = data.clone();
                flipped[at] ^= 0xA5;
                for damaged in [data[..at].to_vec(), flipped] {
                    if let Err(ImageError::Damaged(why)) = jpx(damaged, Dictionary::new(), 1 << 20)
                    {
                        assert!(!why.contains("decoder failed"), "{name} at {at}: {why}");
                    }
                }
            }
        }
    }
}
