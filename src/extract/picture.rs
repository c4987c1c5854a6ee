//! Pictures embedded in documents (the media parts of a DOCX), made ready
//! for OCR: the file format told by content ([`format_of`]), the pixels
//! decoded to 8-bit gray ([`decode`]) with red ink turned to paper white as
//! on scanned PDF pages, cropped as the document shows them
//! ([`Gray::cropped`]), and scaled so their text is about 300 dpi
//! ([`scale::for_ocr`]).
//!
//! Formats read: PNG, JPEG, GIF (the first frame), BMP and TIFF (the first
//! image); metafiles (EMF, WMF), WebP, JPEG 2000, JPEG XR and SVG are told
//! apart and reported as not read.
//!
//! Promises: a picture's size is checked against the limit before its
//! pixels are allocated, and damaged or hostile data is an error value,
//! never a panic: the codecs are other crates' code, so a panic inside one
//! is caught and reported as damage.

mod codecs;
pub(crate) mod scale;

use std::panic::{AssertUnwindSafe, catch_unwind};

/// A decoded picture: `width × height` gray bytes, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// A picture's file format, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Gif,
    Bmp,
    Tiff,
    /// A format plangloss does not decode, by name (`EMF`, `WebP`…).
    Other(&'static str),
}

impl Format {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::Gif => "GIF",
            Format::Bmp => "BMP",
            Format::Tiff => "TIFF",
            Format::Other(name) => name,
        }
    }
}

/// Why a picture was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// A format plangloss does not decode (its name).
    Unsupported(&'static str),
    /// Its pixels would take more than the limit.
    OverLimit,
    /// Too few pixels to hold a line of text: an icon, a rule, a bullet.
    TooSmall,
    /// Damaged data, with what the codec said.
    Damaged(String),
}

/// A picture whose longer side has fewer pixels than this holds no line
/// of text worth reading.
pub const MIN_LONG_SIDE: u32 = 200;
/// Nor one whose shorter side has fewer than this: about the height of one
/// line of 10 pt type at 300 dpi.
pub const MIN_SHORT_SIDE: u32 = 40;

/// Whether a `width × height` picture is too small to hold a line of text.
pub fn too_small(width: u32, height: u32) -> bool {
    width.max(height) < MIN_LONG_SIDE || width.min(height) < MIN_SHORT_SIDE
}

/// The format of the picture file `bytes`, by its signature.
pub fn format_of(bytes: &[u8]) -> Format {
    let starts = |signature: &[u8]| bytes.starts_with(signature);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Format::Png
    } else if starts(b"\xFF\xD8\xFF") {
        Format::Jpeg
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Format::Gif
    } else if starts(b"BM") && bytes.len() > 26 {
        Format::Bmp
    } else if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        Format::Tiff
    } else {
        Format::Other(other_format(bytes))
    }
}

/// The name of a picture format that is not decoded, for the warning.
fn other_format(bytes: &[u8]) -> &'static str {
    let starts = |signature: &[u8]| bytes.starts_with(signature);
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    if bytes.get(40..44) == Some(b" EMF") {
        "EMF"
    } else if starts(b"\xD7\xCD\xC6\x9A")
        || starts(b"\x01\x00\x09\x00")
        || starts(b"\x02\x00\x09\x00")
    {
        "WMF"
    } else if starts(b"\x1F\x8B") {
        "compressed metafile (EMZ/WMZ)"
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        "WebP"
    } else if starts(b"\0\0\0\x0CjP  ") || starts(b"\xFF\x4F\xFF\x51") {
        "JPEG 2000"
    } else if starts(b"II\xBC") {
        "JPEG XR"
    } else if text.contains("<svg") {
        "SVG"
    } else {
        "unknown-format"
    }
}

/// Decodes the picture file `bytes` to gray; `limit` bounds its pixels
/// (three bytes each, as for a PDF image) before they are allocated.
pub fn decode(bytes: &[u8], limit: usize) -> Result<Gray, PictureError> {
    let format = format_of(bytes);
    let run = || match format {
        Format::Png => codecs::png(bytes, limit),
        Format::Jpeg => codecs::jpeg(bytes, limit),
        Format::Gif => codecs::gif(bytes, limit),
        Format::Bmp => codecs::bmp(bytes, limit),
        Format::Tiff => codecs::tiff(bytes, limit),
        Format::Other(name) => Err(PictureError::Unsupported(name)),
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(PictureError::Damaged(format!(
            "the {} decoder failed on it",
            format.name()
        )))
    })
}

/// Checks a picture's size, as its header gives it, before its pixels are
/// allocated: a size of zero is damage, more than `limit` bytes (three a
/// pixel) is over the limit, and too few pixels for a line of text is
/// [`PictureError::TooSmall`].
fn checked_size(width: usize, height: usize, limit: usize) -> Result<(u32, u32), PictureError> {
    if width == 0 || height == 0 {
        return Err(PictureError::Damaged("it has no size".into()));
    }
    if width.saturating_mul(height).saturating_mul(3) > limit {
        return Err(PictureError::OverLimit);
    }
    let (width, height) = (
        u32::try_from(width).map_err(|_| PictureError::OverLimit)?,
        u32::try_from(height).map_err(|_| PictureError::OverLimit)?,
    );
    if too_small(width, height) {
        return Err(PictureError::TooSmall);
    }
    Ok((width, height))
}

/// How the samples of a decoded picture are laid out, one pixel after the
/// other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Gray,
    GrayAlpha,
    Rgb,
    Rgba,
    Cmyk,
    CmykAlpha,
    /// YCbCr: the first sample is the luminance.
    YCbCr,
}

impl Channels {
    /// Samples a pixel.
    pub fn count(self) -> usize {
        match self {
            Channels::Gray => 1,
            Channels::GrayAlpha => 2,
            Channels::Rgb | Channels::YCbCr => 3,
            Channels::Rgba | Channels::Cmyk => 4,
            Channels::CmykAlpha => 5,
        }
    }
}

/// The gray of `pixels` 8-bit samples laid out as `channels`: colour as
/// [`crate::ocr::image::gray_of_rgb`] makes it (red ink becomes white),
/// transparent pixels over white paper. Damaged when there are fewer
/// samples than pixels need.
pub fn gray_of(samples: &[u8], channels: Channels, pixels: usize) -> Result<Vec<u8>, PictureError> {
    let n = channels.count();
    if samples.len() / n < pixels {
        return Err(PictureError::Damaged(format!(
            "{} samples for {pixels} pixels",
            samples.len()
        )));
    }
    let over_white = |value: u8, alpha: u8| {
        let (value, alpha) = (u32::from(value), u32::from(alpha));
        ((value * alpha + 255 * (255 - alpha)) / 255) as u8
    };
    let cmyk = |p: &[u8]| {
        let k = 255 - u32::from(p[3]);
        let channel = |v: u8| ((255 - u32::from(v)) * k / 255) as u8;
        crate::ocr::image::gray_of_rgb(channel(p[0]), channel(p[1]), channel(p[2]))
    };
    let rgb = crate::ocr::image::gray_of_rgb;
    let pixel = |p: &[u8]| match channels {
        Channels::Gray | Channels::YCbCr => p[0],
        Channels::GrayAlpha => over_white(p[0], p[1]),
        Channels::Rgb => rgb(p[0], p[1], p[2]),
        Channels::Rgba => over_white(rgb(p[0], p[1], p[2]), p[3]),
        Channels::Cmyk => cmyk(p),
        Channels::CmykAlpha => over_white(cmyk(p), p[4]),
    };
    Ok(samples.chunks_exact(n).take(pixels).map(pixel).collect())
}

/// The part of a picture a document shows: the fraction cut off each side.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Crop {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Crop {
    /// Whether nothing is cut off.
    pub fn is_none(&self) -> bool {
        *self == Crop::default()
    }
}

impl Gray {
    /// The part of the picture `crop` leaves; the whole picture when the
    /// crop is none, or would leave nothing.
    pub fn cropped(self, crop: &Crop) -> Gray {
        let cut = |fraction: f64, size: u32| {
            let fraction = if fraction.is_finite() {
                fraction.clamp(0.0, 1.0)
            } else {
                0.0
            };
            (fraction * f64::from(size)).round() as u32
        };
        let (left, right) = (cut(crop.left, self.width), cut(crop.right, self.width));
        let (top, bottom) = (cut(crop.top, self.height), cut(crop.bottom, self.height));
        let (width, height) = (
            self.width.saturating_sub(left + right),
            self.height.saturating_sub(top + bottom),
        );
        if crop.is_none() || width == 0 || height == 0 {
            return self;
        }
        let stride = self.width as usize;
        let mut pixels = Vec::with_capacity(width as usize * height as usize);
        for row in self
            .pixels
            .chunks_exact(stride)
            .skip(top as usize)
            .take(height as usize)
        {
            pixels.extend_from_slice(&row[left as usize..(left + width) as usize]);
        }
        Gray {
            width,
            height,
            pixels,
        }
    }
}

#[cfg(test)]
mod tests;
