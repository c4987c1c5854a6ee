//! The images OCR reads, without reading them: each page that draws images
//! as the raster Tesseract would be given. For looking at what OCR sees,
//! and for fuzzing the image decoders and the page raster on their own.

use super::{content, images, security};
use crate::model::{DocError, Limits};
use crate::ocr::PageImage;

/// A page's raster, or why none could be made (each image's problem).
pub type PageRaster = Result<PageImage, Vec<String>>;

/// For each page of the PDF `bytes` that draws images, in page order, its
/// number and its raster before OCR (turned by `/Rotate`, not yet
/// upright or straightened). Opens encrypted files as
/// [`super::extract_with`] does; the same limits hold.
pub fn page_images(
    bytes: &[u8],
    limits: &Limits,
    password: Option<&str>,
) -> Result<Vec<(u32, PageRaster)>, DocError> {
    super::check_size(bytes, limits)?;
    let doc = security::open(bytes, limits, password)?;
    let mut interpreter = content::Interpreter::new(&doc, limits);
    let limit = usize::try_from(limits.max_inflated_bytes).unwrap_or(usize::MAX);
    let mut rasters = Vec::new();
    for (number, page_id) in doc.get_pages() {
        let page = interpreter.page(page_id);
        if !page.images.is_empty() {
            let raster = images::page_raster(&doc, page_id, &page.images, limit);
            rasters.push((number, raster.map(|raster| raster.image)));
        }
    }
    Ok(rasters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ocr")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_scanned_page_gives_its_raster() {
        let rasters = page_images(&fixture("vi-ccitt-g4.pdf"), &Limits::default(), None).unwrap();
        assert_eq!(rasters.len(), 1);
        let (number, raster) = &rasters[0];
        assert_eq!(*number, 1);
        let image = raster.as_ref().unwrap();
        assert_eq!(image.pixels.len(), (image.width * image.height) as usize);
        assert!((200..=300).contains(&image.dpi), "{}", image.dpi);
        // Text: some ink, mostly paper.
        let ink = image.pixels.iter().filter(|&&v| v < 128).count();
        assert!(ink > 1000 && ink < image.pixels.len() / 4, "{ink}");
    }

    #[test]
    fn a_text_pdf_has_no_page_images_and_garbage_is_an_error() {
        let text_pdf = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpora/vi/kh-cham-soc-nguoi-cao-tuoi-2025.pdf"),
        )
        .unwrap();
        assert!(
            page_images(&text_pdf, &Limits::default(), None)
                .unwrap()
                .is_empty()
        );
        assert!(page_images(b"%PDF-1.4 garbage", &Limits::default(), None).is_err());
    }
}
