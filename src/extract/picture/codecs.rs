//! One decoder a format, each reading the picture's header, checking its
//! size ([`checked_size`]) and only then decoding its pixels to gray.
//!
//! PNG, JPEG and BMP by the zune crates, GIF and TIFF by image-rs's `gif`
//! and `tiff`: maintained, pure Rust, each with its own bounds on memory.

use super::{Channels, Gray, PictureError, checked_size, gray_of};
use std::io::Cursor;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

/// The most pixels along a side the zune decoders are allowed.
const MAX_SIDE: usize = 65_535;

/// Decoder options that refuse a picture larger than `limit` allows.
fn zune_options(limit: usize) -> DecoderOptions {
    let side = (limit / 3).clamp(1, MAX_SIDE);
    DecoderOptions::default()
        .set_max_width(side)
        .set_max_height(side)
}

/// Damage in a `format` picture, as its codec reports it.
fn damaged(format: &str, error: impl std::fmt::Debug) -> PictureError {
    PictureError::Damaged(format!("{format}: {error:?}"))
}

/// The gray picture of `samples` laid out as `channels`.
fn picture(
    width: u32,
    height: u32,
    samples: &[u8],
    channels: Channels,
) -> Result<Gray, PictureError> {
    let pixels = gray_of(samples, channels, width as usize * height as usize)?;
    Ok(Gray {
        width,
        height,
        pixels,
    })
}

/// The channels of a zune colour space.
fn zune_channels(space: ColorSpace) -> Result<Channels, PictureError> {
    match space {
        ColorSpace::Luma => Ok(Channels::Gray),
        ColorSpace::LumaA => Ok(Channels::GrayAlpha),
        ColorSpace::RGB => Ok(Channels::Rgb),
        ColorSpace::RGBA => Ok(Channels::Rgba),
        other => Err(PictureError::Damaged(format!("colour space {other:?}"))),
    }
}

/// PNG: 1–16 bits, gray, RGB or palette, with or without transparency.
pub(super) fn png(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    let options = zune_options(limit).png_set_strip_to_8bit(true);
    let mut decoder = zune_png::PngDecoder::new_with_options(ZCursor::new(bytes), options);
    let fail = |e: zune_png::error::PngDecodeErrors| damaged("PNG", e);
    decoder.decode_headers().map_err(fail)?;
    let (width, height) = decoder.dimensions().ok_or_else(|| fail_size("PNG"))?;
    let (width, height) = checked_size(width, height, limit)?;
    let channels = zune_channels(decoder.colorspace().ok_or_else(|| fail_size("PNG"))?)?;
    let samples = decoder.decode_raw().map_err(fail)?;
    picture(width, height, &samples, channels)
}

fn fail_size(format: &str) -> PictureError {
    PictureError::Damaged(format!("{format} without a size"))
}

/// JPEG: baseline and progressive, gray, YCbCr or CMYK, all made RGB.
pub(super) fn jpeg(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    let options = zune_options(limit).jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let fail = |e: zune_jpeg::errors::DecodeErrors| damaged("JPEG", e);
    decoder.decode_headers().map_err(fail)?;
    let (width, height) = decoder.dimensions().ok_or_else(|| fail_size("JPEG"))?;
    let (width, height) = checked_size(width, height, limit)?;
    let samples = decoder.decode().map_err(fail)?;
    picture(width, height, &samples, Channels::Rgb)
}

/// BMP: palette, 16, 24 and 32 bits, RLE.
pub(super) fn bmp(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    let mut decoder =
        zune_bmp::BmpDecoder::new_with_options(ZCursor::new(bytes), zune_options(limit));
    let fail = |e: zune_bmp::BmpDecoderErrors| damaged("BMP", e);
    decoder.decode_headers().map_err(fail)?;
    let (width, height) = decoder.dimensions().ok_or_else(|| fail_size("BMP"))?;
    let (width, height) = checked_size(width, height, limit)?;
    let channels = zune_channels(decoder.colorspace().ok_or_else(|| fail_size("BMP"))?)?;
    let samples = decoder.decode().map_err(fail)?;
    picture(width, height, &samples, channels)
}

/// GIF: the first frame, placed on the picture's screen over white.
pub(super) fn gif(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    let fail = |e: gif::DecodingError| damaged("GIF", e);
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let memory = std::num::NonZeroU64::new(limit as u64).ok_or(PictureError::OverLimit)?;
    options.set_memory_limit(gif::MemoryLimit::Bytes(memory));
    let mut decoder = options.read_info(Cursor::new(bytes)).map_err(fail)?;
    let (width, height) = checked_size(
        usize::from(decoder.width()),
        usize::from(decoder.height()),
        limit,
    )?;
    let frame = decoder
        .read_next_frame()
        .map_err(fail)?
        .ok_or_else(|| PictureError::Damaged("GIF without a frame".into()))?;
    let (frame_width, frame_height) = (usize::from(frame.width), usize::from(frame.height));
    let gray = gray_of(&frame.buffer, Channels::Rgba, frame_width * frame_height)?;
    let mut pixels = vec![255u8; width as usize * height as usize];
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    for (y, row) in gray.chunks_exact(frame_width.max(1)).enumerate() {
        let y = top + y;
        if y >= height as usize {
            break;
        }
        let start = y * width as usize;
        for (x, &value) in row.iter().enumerate() {
            if left + x < width as usize {
                pixels[start + left + x] = value;
            }
        }
    }
    Ok(Gray {
        width,
        height,
        pixels,
    })
}

/// TIFF: the first image; uncompressed, LZW, Deflate, PackBits, CCITT
/// G3/G4 and JPEG; bilevel, gray, RGB, CMYK and YCbCr, 1–16 bits.
pub(super) fn tiff(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    use tiff::ColorType;
    use tiff::decoder::{Decoder, DecodingResult, Limits};

    let fail = |e: tiff::TiffError| damaged("TIFF", e);
    let mut limits = Limits::default();
    limits.decoding_buffer_size = limit;
    limits.intermediate_buffer_size = limit;
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(fail)?
        .with_limits(limits);
    let (width, height) = decoder.dimensions().map_err(fail)?;
    let (width, height) = checked_size(width as usize, height as usize, limit)?;
    let color = decoder.colortype().map_err(fail)?;
    let (channels, bits) = match color {
        ColorType::Gray(bits) => (Channels::Gray, bits),
        ColorType::GrayA(bits) => (Channels::GrayAlpha, bits),
        ColorType::RGB(bits) => (Channels::Rgb, bits),
        ColorType::RGBA(bits) => (Channels::Rgba, bits),
        ColorType::CMYK(bits) => (Channels::Cmyk, bits),
        ColorType::CMYKA(bits) => (Channels::CmykAlpha, bits),
        ColorType::YCbCr(bits) => (Channels::YCbCr, bits),
        other => return Err(PictureError::Unsupported(tiff_kind(other))),
    };
    let samples = match decoder.read_image().map_err(fail)? {
        DecodingResult::U8(samples) if bits == 8 => samples,
        DecodingResult::U8(packed) if channels == Channels::Gray && bits < 8 => {
            unpack_bits(&packed, width, bits)
        }
        DecodingResult::U16(samples) => samples.iter().map(|v| (v >> 8) as u8).collect(),
        _ => return Err(PictureError::Unsupported("TIFF of this sample format")),
    };
    picture(width, height, &samples, channels)
}

fn tiff_kind(color: tiff::ColorType) -> &'static str {
    match color {
        tiff::ColorType::Palette(_) => "palette TIFF",
        tiff::ColorType::Lab(_) => "CIE Lab TIFF",
        _ => "multiband TIFF",
    }
}

/// Gray samples of 1, 2 or 4 bits, packed into bytes with each row
/// starting on a byte, as 8-bit samples.
fn unpack_bits(packed: &[u8], width: u32, bits: u8) -> Vec<u8> {
    let bits = usize::from(bits.clamp(1, 8));
    let width = width as usize;
    let row_bytes = (width * bits).div_ceil(8);
    let top = (1u32 << bits) - 1;
    let mut samples = Vec::with_capacity(packed.len() * 8 / bits);
    for row in packed.chunks(row_bytes.max(1)) {
        for x in 0..width {
            let bit = x * bits;
            let Some(&byte) = row.get(bit / 8) else {
                break;
            };
            let value = u32::from(byte) >> (8 - bits - bit % 8) & top;
            samples.push((value * 255 / top) as u8);
        }
    }
    samples
}

#[cfg(test)]
mod tests {
    use super::unpack_bits;

    #[test]
    fn packed_samples_are_spread_to_bytes() {
        // Two rows of 3 one-bit pixels, each row padded to a byte.
        assert_eq!(
            unpack_bits(&[0b1010_0000, 0b0110_0000], 3, 1),
            vec![255, 0, 255, 0, 255, 255]
        );
        assert_eq!(unpack_bits(&[0b1100_0110], 2, 4), vec![204, 102]);
    }
}
