//! Scanned pages: the images of a page placed on a raster ([`images`]),
//! or the whole page rendered ([`render`]) when its text layer cannot be
//! read or OCR is forced on a page without images; turned upright, and read by OCR, as paragraphs placed like the text
//! layer's, so that page furniture and notes are found on them as on any
//! page. Pages are read in parallel on the batch's workers.

use super::images::{self, ImageUse};
use super::layout;
use super::render::{RenderError, Renderer};
use crate::ocr::{self, Language, OcrError, OcrOptions, PageImage};
use lopdf::{Document, ObjectId};
use rayon::prelude::*;

/// A page to read: its number, its object and where its image comes from.
pub struct ScanJob {
    pub number: u32,
    pub page_id: ObjectId,
    pub source: ImageSource,
}

/// Where the image of a page to read comes from.
pub enum ImageSource {
    /// The images the page draws, placed on a raster of the page.
    Images(Vec<ImageUse>),
    /// The whole page rendered (its text, graphics and images).
    Rendering,
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
    /// The page could not be rendered.
    Render(RenderError),
    /// OCR failed or is not installed.
    Ocr(OcrError),
}

/// How much better (mean word confidence, 0–1) a second model must read a
/// page before it is preferred to the first.
const BETTER_BY: f32 = 0.02;

/// Reads `jobs` in parallel; `hint` is the language of the document's
/// text layer, when it has one. Results are in the order of `jobs`.
///
/// Without `--ocr-lang` or a hint, each page's language first comes from
/// the script orientation detection sees on it; then [`settle_languages`]
/// corrects pages whose guess disagrees with the rest of the document and
/// chooses between simplified and traditional Chinese.
///
/// Pages to render are rendered from `bytes`, the file as given, opened
/// with the empty password or else `password`.
pub fn read_pages(
    doc: &Document,
    file: (&[u8], Option<&str>),
    jobs: &[ScanJob],
    image_limit: usize,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Vec<Result<ScanPage, ScanFailure>> {
    let given = options.language.or(hint);
    let renders = jobs
        .iter()
        .any(|job| matches!(job.source, ImageSource::Rendering));
    let renderer = renders.then(|| Renderer::open(file.0, file.1));
    let source = Source {
        doc,
        renderer: renderer.as_ref(),
        jobs,
        image_limit,
        options,
    };
    let mut reads: Vec<_> = (0..jobs.len())
        .into_par_iter()
        .map(|index| source.first_read(index, given))
        .collect();
    if given.is_none() {
        settle_languages(&source, &mut reads);
    }
    reads
        .into_iter()
        .map(|read| read.map(|read| read.page))
        .collect()
}

/// A page read, with the model it was read with.
struct Read {
    page: ScanPage,
    language: Language,
}

/// Where pages come from: the document, its scan jobs and the settings.
struct Source<'a> {
    doc: &'a Document,
    /// The file opened for rendering, when some page is rendered.
    renderer: Option<&'a Result<Renderer, RenderError>>,
    jobs: &'a [ScanJob],
    image_limit: usize,
    options: &'a OcrOptions,
}

impl Source<'_> {
    /// The page prepared for OCR (placed, upright, straightened) and the
    /// script orientation detection found on it.
    fn prepared(
        &self,
        index: usize,
    ) -> Result<(PageImage, Option<String>, Vec<String>), ScanFailure> {
        let job = &self.jobs[index];
        let (image, problems) = match &job.source {
            ImageSource::Images(uses) => {
                let raster = images::page_raster(self.doc, job.page_id, uses, self.image_limit)
                    .map_err(ScanFailure::Images)?;
                (raster.image, raster.problems)
            }
            ImageSource::Rendering => {
                let renderer = match self.renderer {
                    Some(Ok(renderer)) => renderer,
                    Some(Err(error)) => return Err(ScanFailure::Render(error.clone())),
                    None => {
                        return Err(ScanFailure::Render(RenderError(
                            "the file was not opened for rendering".into(),
                        )));
                    }
                };
                let image = renderer.page(job.number).map_err(ScanFailure::Render)?;
                (image, Vec::new())
            }
        };
        let (image, script) = ocr::image::prepare(image);
        Ok((image, script, problems))
    }

    /// Page `index` read in the `given` language, else in the one its
    /// script suggests.
    fn first_read(&self, index: usize, given: Option<Language>) -> Result<Read, ScanFailure> {
        let (image, script, problems) = self.prepared(index)?;
        let language = given.unwrap_or(ocr::image::language_of_script(script.as_deref()));
        self.read(&image, language, problems)
    }

    fn read(
        &self,
        image: &PageImage,
        language: Language,
        problems: Vec<String>,
    ) -> Result<Read, ScanFailure> {
        let read = ocr::read_page(image, language, self.options.page_time_limit)
            .map_err(ScanFailure::Ocr)?;
        Ok(Read {
            page: page_of(read, image, problems),
            language,
        })
    }

    /// Pages `pages` read again in `language`, in parallel, in their order.
    fn reread_all(&self, pages: &[usize], language: Language) -> Vec<Option<Read>> {
        pages
            .par_iter()
            .map(|&index| self.reread(index, language))
            .collect()
    }

    /// Page `index` read again in `language`; `None` when that read fails.
    fn reread(&self, index: usize, language: Language) -> Option<Read> {
        let (image, _, problems) = self.prepared(index).ok()?;
        self.read(&image, language, problems).ok()
    }
}

/// Corrects the languages guessed page by page, deterministically (in
/// page order, whatever the threads):
/// - a page guessed in the language of fewer of the document's characters
///   (a short page orientation detection could not tell, read as
///   Vietnamese in a Chinese plan) is read again in the other, and the
///   better read kept;
/// - the first Chinese page is also read with the traditional model; when
///   that reads it better, every Chinese page is read with it.
fn settle_languages(source: &Source, reads: &mut [Result<Read, ScanFailure>]) {
    let chars = |chinese: bool| -> usize {
        reads
            .iter()
            .flatten()
            .filter(|read| read.language.is_chinese() == chinese)
            .flat_map(|read| &read.page.paragraphs)
            .map(|p| p.text.chars().count())
            .sum()
    };
    let (chinese, other) = (chars(true), chars(false));
    let majority = match chinese > other {
        true => Language::SimplifiedChinese,
        false => Language::Vietnamese,
    };
    let minority: Vec<usize> = indices(reads, |language| {
        language.is_chinese() != majority.is_chinese()
    });
    replace_if_better(source, reads, &minority, majority);
    let chinese_pages = indices(reads, Language::is_chinese);
    let Some(&first) = chinese_pages.first() else {
        return;
    };
    replace_if_better(source, reads, &[first], Language::TraditionalChinese);
    if matches!(&reads[first], Ok(read) if read.language == Language::TraditionalChinese) {
        let rest = &chinese_pages[1..];
        let rereads = source.reread_all(rest, Language::TraditionalChinese);
        for (&index, reread) in rest.iter().zip(rereads) {
            if let Some(reread) = reread {
                reads[index] = Ok(reread);
            }
        }
    }
}

/// The pages read in a language `wanted` accepts.
fn indices(reads: &[Result<Read, ScanFailure>], wanted: impl Fn(Language) -> bool) -> Vec<usize> {
    reads
        .iter()
        .enumerate()
        .filter(|(_, read)| matches!(read, Ok(read) if wanted(read.language)))
        .map(|(index, _)| index)
        .collect()
}

/// Pages `pages` read again (in parallel) in `language`, each kept when it
/// reads clearly better than before.
fn replace_if_better(
    source: &Source,
    reads: &mut [Result<Read, ScanFailure>],
    pages: &[usize],
    language: Language,
) {
    let rereads = source.reread_all(pages, language);
    for (&index, reread) in pages.iter().zip(rereads) {
        let Some(reread) = reread else { continue };
        if let Ok(read) = &reads[index]
            && reread.page.confidence > read.page.confidence + BETTER_BY
        {
            reads[index] = Ok(reread);
        }
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
