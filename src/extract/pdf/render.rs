//! Pages rendered whole (text, vector graphics and images) by the pure-Rust
//! renderer hayro, for OCR of pages whose text layer cannot be read (text
//! in fonts with no Unicode mapping) or of every page under `--ocr force`.
//!
//! hayro parses the file's bytes itself. Its panics are caught
//! ([`images::guarded_call`]) and become a [`RenderError`], like a failure to
//! open the file (an encryption it does not read, damaged data).

use super::images;
use crate::ocr::PageImage;
use crate::ocr::image::{MAX_RASTER_PIXELS, OCR_DPI};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use std::sync::Arc;

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The largest side of a pixmap hayro renders (it counts pixels in `u16`).
const MAX_SIDE: f64 = u16::MAX as f64;

/// A PDF opened by hayro, its pages ready to render.
pub struct Renderer {
    pdf: Pdf,
}

impl Renderer {
    /// Opens `bytes` with the empty password, else with `password`.
    pub fn open(bytes: &[u8], password: Option<&str>) -> Result<Renderer, RenderError> {
        let data: Arc<Vec<u8>> = Arc::new(bytes.to_vec());
        images::guarded_call(|| {
            let opened = match Pdf::new(data.clone()) {
                Err(LoadPdfError::Decryption(_)) if password.is_some() => {
                    Pdf::new_with_password(data, password.unwrap_or_default())
                }
                other => other,
            };
            opened.map_err(|error| {
                RenderError(match error {
                    LoadPdfError::Decryption(why) => {
                        format!("the renderer cannot open this encrypted file ({why:?})")
                    }
                    LoadPdfError::Invalid => "the renderer cannot read this file".into(),
                })
            })
        })
        .unwrap_or_else(|panic| Err(RenderError(format!("the renderer failed ({panic})"))))
        .map(|pdf| Renderer { pdf })
    }

    /// Page `number` (1-based) rendered in 8-bit gray on white at
    /// [`OCR_DPI`], or lower when it would hold more than
    /// [`MAX_RASTER_PIXELS`]; turned by its `/Rotate` as a viewer shows it.
    pub fn page(&self, number: u32) -> Result<PageImage, RenderError> {
        images::guarded_call(|| self.render(number))
            .unwrap_or_else(|panic| Err(RenderError(format!("the renderer failed ({panic})"))))
    }

    fn render(&self, number: u32) -> Result<PageImage, RenderError> {
        let pages = self.pdf.pages();
        let page = (number as usize)
            .checked_sub(1)
            .and_then(|index| pages.get(index))
            .ok_or_else(|| RenderError(format!("the renderer finds no page {number}")))?;
        let (width_pt, height_pt) = page.render_dimensions();
        let scale = scale_for(f64::from(width_pt), f64::from(height_pt));
        // hayro truncates the scaled size: a scale a hair above the rounded
        // size keeps 792 pt at 300 dpi 3300 pixels, not 3299.
        let along = |points: f32| {
            let pixels = (f64::from(points) * scale + 1e-6).floor().max(1.0);
            ((pixels + 0.25) / f64::from(points).max(1.0)) as f32
        };
        let settings = PixmapSettings {
            x_scale: along(width_pt),
            y_scale: along(height_pt),
            bg_color: WHITE,
        };
        let cache = RenderCache::new();
        let pixmap = hayro::render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &settings,
        );
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        if width == 0 || height == 0 {
            return Err(RenderError(format!("page {number} renders empty")));
        }
        // Premultiplied RGBA over an opaque white background: opaque.
        let pixels = pixmap
            .data_as_u8_slice()
            .chunks_exact(4)
            .map(|rgba| gray(rgba[0], rgba[1], rgba[2]))
            .collect();
        Ok(PageImage {
            width,
            height,
            dpi: (scale * 72.0).round().max(1.0) as u32,
            pixels,
        })
    }
}

/// Pixels per point for a page of `width × height` points: [`OCR_DPI`],
/// lowered so that the raster holds at most [`MAX_RASTER_PIXELS`] and no
/// side is longer than hayro draws.
fn scale_for(width: f64, height: f64) -> f64 {
    let (width, height) = (width.max(1.0), height.max(1.0));
    let full = f64::from(OCR_DPI) / 72.0;
    let by_pixels = (MAX_RASTER_PIXELS as f64 / (width * full * height * full)).sqrt();
    let by_side = MAX_SIDE / (width.max(height) * full);
    full * by_pixels.min(by_side).min(1.0)
}

/// Luminance of a rendered pixel (red kept: a rendering has no seal to
/// take out that the text layer would not show).
fn gray(r: u8, g: u8, b: u8) -> u8 {
    let (r, g, b) = (u32::from(r), u32::from(g), u32::from(b));
    ((299 * r + 587 * g + 114 * b) / 1000) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};

    /// A one-page PDF of `width × height` points drawing a black square
    /// 100 points wide at (100, 100), turned by `rotate`.
    fn square_pdf(width: i64, height: i64, rotate: i64) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let operations = vec![
            Operation::new("g", vec![0.into()]),
            Operation::new("re", vec![100.into(), 100.into(), 100.into(), 100.into()]),
            Operation::new("f", vec![]),
        ];
        let content = Content { operations }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
            "Rotate" => rotate,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_page_renders_at_300_dpi_on_white() {
        let pdf = square_pdf(612, 792, 0);
        let renderer = Renderer::open(&pdf, None).unwrap();
        let page = renderer.page(1).unwrap();
        assert_eq!((page.width, page.height, page.dpi), (2550, 3300, 300));
        assert_eq!(page.pixels.len(), 2550 * 3300);
        let at = |x: u32, y: u32| page.pixels[(y * page.width + x) as usize];
        // White background, the square black: 100–200 pt from the bottom
        // left is x 417–833, y 2467–2883 in pixels from the top.
        assert_eq!(at(10, 10), 255);
        assert_eq!(at(2000, 1000), 255);
        assert_eq!(at(600, 2700), 0);
        assert_eq!(at(600, 2400), 255);
    }

    #[test]
    fn rotate_turns_the_rendering() {
        let pdf = square_pdf(612, 792, 90);
        let page = Renderer::open(&pdf, None).unwrap().page(1).unwrap();
        assert_eq!((page.width, page.height), (3300, 2550));
        // Turned clockwise, the bottom-left square is at the top left.
        let at = |x: u32, y: u32| page.pixels[(y * page.width + x) as usize];
        assert_eq!(at(600, 600), 0);
        assert_eq!(at(3000, 2000), 255);
    }

    #[test]
    fn a_large_page_is_rendered_at_a_lower_resolution() {
        // 100 × 100 inches: 30000² pixels at 300 dpi, over the cap.
        let pdf = square_pdf(7200, 7200, 0);
        let page = Renderer::open(&pdf, None).unwrap().page(1).unwrap();
        let pixels = u64::from(page.width) * u64::from(page.height);
        assert!(pixels <= MAX_RASTER_PIXELS, "{pixels} pixels");
        assert!(pixels > MAX_RASTER_PIXELS * 9 / 10, "{pixels} pixels");
        assert_eq!(page.width, page.height);
        assert!(page.dpi < 300 && page.dpi >= 60, "{} dpi", page.dpi);
    }

    #[test]
    fn the_scale_keeps_sides_within_hayro() {
        // A long, thin page: few pixels but a side past u16.
        let scale = scale_for(14400.0, 10.0);
        assert!(14400.0 * scale <= MAX_SIDE);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(Renderer::open(b"not a pdf at all", None).is_err());
        assert!(Renderer::open(&[], None).is_err());
        let pdf = square_pdf(612, 792, 0);
        let renderer = Renderer::open(&pdf, None).unwrap();
        assert!(renderer.page(2).is_err());
        assert!(renderer.page(0).is_err());
    }
}
