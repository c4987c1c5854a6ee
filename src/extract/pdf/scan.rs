//! Scanned pages: the images of a page placed on a raster ([`images`]),
//! turned upright, and read by OCR, as paragraphs placed like the text
//! layer's, so that page furniture and notes are found on them as on any
//! page. Pages are read in parallel on the batch's workers.

use super::images::{self, ImageUse};
use super::layout;
use crate::ocr::{self, Language, OcrError, OcrOptions, PageImage};
use lopdf::{Document, ObjectId};
use rayon::prelude::*;

/// A page to read: its number, its object and the images it draws.
pub struct ScanJob {
    pub number: u32,
    pub page_id: ObjectId,
    pub images: Vec<ImageUse>,
}

/// A page read by OCR: its paragraphs in a frame whose bottom is 0 and top
/// the raster's height in points.
#[derive(Debug)]
pub struct ScanPage {
    pub paragraphs: Vec<layout::Paragraph>,
    pub top: f64,
    /// The mean confidence of its words, 0–1.
    pub confidence: f32,
    /// Images that could not be placed on it, with why.
    pub problems: Vec<String>,
}

/// Why a page could not be read.
#[derive(Debug)]
pub enum ScanFailure {
    /// None of its images could be decoded.
    Images(Vec<String>),
    /// OCR failed or is not installed.
    Ocr(OcrError),
}

/// Below this mean confidence a page is reported as poorly read.
pub const LOW_CONFIDENCE: f32 = 0.7;

/// OSD's orientation confidence needed before a page is turned.
const ORIENTATION_CONFIDENCE: f32 = 1.5;

/// Reads `jobs` in parallel; `hint` is the language of the document's
/// text layer, when it has one. Results are in the order of `jobs`.
pub fn read_pages(
    doc: &Document,
    jobs: &[ScanJob],
    image_limit: usize,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Vec<Result<ScanPage, ScanFailure>> {
    jobs.par_iter()
        .map(|job| read_page(doc, job, image_limit, options, hint))
        .collect()
}

fn read_page(
    doc: &Document,
    job: &ScanJob,
    image_limit: usize,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Result<ScanPage, ScanFailure> {
    let raster = images::page_raster(doc, job.page_id, &job.images, image_limit)
        .map_err(ScanFailure::Images)?;
    let (read, image) = read_image(raster.image, options, hint).map_err(ScanFailure::Ocr)?;
    Ok(page_of(read, &image, raster.problems))
}

/// Reads one image by OCR, a scanned page's raster or a picture of another
/// document: turned upright, straightened, and read in the language
/// `options` names, else `hint` (the document's own text), else the one
/// of the script orientation detection sees (Han: Simplified Chinese).
/// Gives the paragraphs and the image they were read on.
pub(crate) fn read_image(
    image: PageImage,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Result<(Vec<ocr::Paragraph>, PageImage), OcrError> {
    let (image, script) = upright(image);
    let image = ocr::deskew::straighten(image);
    let language = options
        .language
        .or(hint)
        .unwrap_or(match script.as_deref() {
            Some("Han") => Language::SimplifiedChinese,
            _ => Language::Vietnamese,
        });
    let read = ocr::read_page(&image, language, options.page_time_limit)?;
    Ok((read, image))
}

/// The page turned upright as Tesseract's orientation detection sees it,
/// and the script it found.
fn upright(image: PageImage) -> (PageImage, Option<String>) {
    match ocr::tesseract::orientation(&image) {
        Some((degrees, confidence, script))
            if degrees != 0 && confidence >= ORIENTATION_CONFIDENCE =>
        {
            (images::rotate(image, 360 - degrees), Some(script))
        }
        Some((_, _, script)) => (image, Some(script)),
        None => (image, None),
    }
}

/// OCR paragraphs as layout paragraphs in the page's frame (points, y up).
fn page_of(read: Vec<ocr::Paragraph>, image: &PageImage, problems: Vec<String>) -> ScanPage {
    let points = 72.0 / f64::from(image.dpi.max(1));
    let top = f64::from(image.height) * points;
    let confidence = ocr::mean_confidence(&read);
    let paragraphs = read
        .into_iter()
        .map(|p| layout::Paragraph {
            text: p.text,
            // No size: OCR boxes do not tell type sizes well enough to
            // call a paragraph a heading.
            size: 0.0,
            top: top - f64::from(p.top) * points,
            bottom: top - f64::from(p.bottom) * points,
            upright: true,
            heading: 0,
            bold: false,
            alone: true,
            ocr_confidence: Some(p.confidence),
        })
        .collect();
    ScanPage {
        paragraphs,
        top,
        confidence,
        problems,
    }
}
