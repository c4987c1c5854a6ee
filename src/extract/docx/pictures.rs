//! Pictures in the body of a DOCX, read by OCR with `--ocr force`: the
//! signed decision page or whole pages pasted into a Word file as pictures.
//!
//! [`PictureFinder`] notes each picture as the body streams (DrawingML
//! `a:blip r:embed`, with the drawing's `wp:extent` and `a:srcRect`; legacy
//! VML `v:imagedata r:id`, with its shape's `style` size and crop), at the
//! number of body blocks made before it. [`read`] decodes and scales each
//! ([`crate::extract::picture`]), reads them in parallel by OCR, and gives
//! their paragraphs as blocks to put there ([`splice`]), with the warnings.
//!
//! Skipped silently: linked pictures (`r:link`, `TargetMode="External"`)
//! and pictures too small to hold a line of text (icons, bullets, rules).
//! Reported: formats not decoded, damaged pictures, pictures over the
//! limit, OCR that could not run (once per document) or failed.

use crate::extract::picture::scale::{self, Printed};
use crate::extract::picture::{self, Crop, PictureError};
use crate::extract::xml::{Relationship, attr};
use crate::model::{Block, BlockKind};
use crate::ocr::{self, Language, OcrError, OcrOptions};
use quick_xml::events::BytesStart;
use rayon::prelude::*;
use std::collections::HashMap;

use super::package::Media;

/// A picture in the body: where its text goes and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PictureRef {
    /// The number of body blocks made before it: its blocks go there.
    pub at: usize,
    /// The relationship that names its media part.
    pub rel_id: String,
    /// Its size on the page, when the document gives it.
    pub printed: Option<Printed>,
    /// The part of the picture shown.
    pub crop: Crop,
}

/// Notes the pictures of the body as it streams.
#[derive(Debug, Default)]
pub(super) struct PictureFinder {
    /// The pictures found, in document order.
    pub found: Vec<PictureRef>,
    /// The size of the DrawingML drawing being read (`wp:extent`).
    drawing_size: Option<Printed>,
    /// The size of the VML shape being read (its `style`).
    shape_size: Option<Printed>,
    /// The picture of the open `blipFill`, which its `a:srcRect` crops.
    fill_picture: Option<usize>,
}

impl PictureFinder {
    /// An element starts; `at` is the number of body blocks made so far.
    pub fn start(&mut self, name: &str, e: &BytesStart, at: usize) {
        match name {
            "inline" | "anchor" => self.drawing_size = None,
            "extent" => self.drawing_size = emu_size(e),
            "blipFill" => self.fill_picture = None,
            "blip" => {
                // Only `r:link` (no `r:embed`): a linked picture, not in
                // the package.
                if let Some(rel_id) = attr(e, "embed").filter(|id| !id.is_empty()) {
                    self.fill_picture = Some(self.found.len());
                    self.push(at, rel_id, self.drawing_size, Crop::default());
                }
            }
            "srcRect" => {
                if let Some(picture) = self.fill_picture.and_then(|i| self.found.get_mut(i)) {
                    picture.crop = drawing_crop(e);
                }
            }
            "shape" | "rect" | "roundrect" | "oval" => {
                self.shape_size = attr(e, "style").and_then(|s| vml_size(&s));
            }
            "imagedata" => {
                let rel_id = attr(e, "id").or_else(|| attr(e, "relid"));
                if let Some(rel_id) = rel_id.filter(|id| !id.is_empty()) {
                    self.push(at, rel_id, self.shape_size, vml_crop(e));
                }
            }
            _ => {}
        }
    }

    /// An element ends.
    pub fn end(&mut self, name: &str) {
        if name == "blipFill" {
            self.fill_picture = None;
        }
    }

    fn push(&mut self, at: usize, rel_id: String, printed: Option<Printed>, crop: Crop) {
        self.found.push(PictureRef {
            at,
            rel_id,
            printed,
            crop,
        });
    }
}

/// `wp:extent cx="…" cy="…"` (EMU) as a printed size.
fn emu_size(e: &BytesStart) -> Option<Printed> {
    let number = |key| attr(e, key)?.trim().parse::<i64>().ok();
    Printed::from_emu(number("cx")?, number("cy")?)
}

/// `a:srcRect l t r b`: thousandths of a percent cut off each side;
/// negative values (a picture padded, not cropped) count as none.
fn drawing_crop(e: &BytesStart) -> Crop {
    let side = |key| {
        attr(e, key)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map_or(0.0, |v| (v / 100_000.0).max(0.0))
    };
    Crop {
        left: side("l"),
        top: side("t"),
        right: side("r"),
        bottom: side("b"),
    }
}

/// `v:imagedata cropleft="…"`…: a fraction, or 65536ths with an `f`
/// (`"5000f"`).
fn vml_crop(e: &BytesStart) -> Crop {
    let side = |key| {
        let value = attr(e, key)?;
        let value = value.trim();
        let fraction = match value.strip_suffix('f') {
            Some(units) => units.parse::<f64>().ok()? / 65_536.0,
            None => value.parse::<f64>().ok()?,
        };
        Some(fraction.max(0.0))
    };
    Crop {
        left: side("cropleft").unwrap_or(0.0),
        top: side("croptop").unwrap_or(0.0),
        right: side("cropright").unwrap_or(0.0),
        bottom: side("cropbottom").unwrap_or(0.0),
    }
}

/// The `width` and `height` of a VML `style` (`width:432pt;height:218pt`)
/// as a printed size.
fn vml_size(style: &str) -> Option<Printed> {
    let mut width = None;
    let mut height = None;
    for declaration in style.split(';') {
        let Some((key, value)) = declaration.split_once(':') else {
            continue;
        };
        match key.trim() {
            "width" => width = css_inches(value),
            "height" => height = css_inches(value),
            _ => {}
        }
    }
    Printed::from_inches(width?, height?)
}

/// A CSS length in inches: pt, in, cm, mm, pc or px (1/96 in).
fn css_inches(value: &str) -> Option<f64> {
    let value = value.trim();
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let per_inch = match unit {
        "pt" => 72.0,
        "in" => 1.0,
        "cm" => 2.54,
        "mm" => 25.4,
        "pc" => 6.0,
        "px" => 96.0,
        _ => return None,
    };
    Some(number / per_inch)
}

/// Printed sizes smaller than this on their longer side, in inches, are
/// icons and bullets, not text.
const MIN_PRINTED_INCHES: f64 = 0.5;

/// What OCR made of the body's pictures.
#[derive(Debug, Default)]
pub(super) struct PictureText {
    /// The blocks read, each with the number of body blocks before it, in
    /// document order.
    pub blocks: Vec<(usize, Block)>,
    /// Problems, in the order first met.
    pub warnings: Vec<String>,
    /// How many pictures were read.
    pub read: usize,
}

/// One picture to read: its part, printed size and crop. Pictures shown
/// twice the same way are read once.
#[derive(Debug, Clone, PartialEq)]
struct Job {
    part: String,
    printed: Option<Printed>,
    crop: Crop,
}

/// Why a picture gave no text.
#[derive(Debug)]
enum Failure {
    /// Too small to hold text: skipped silently.
    Small,
    /// Its media part is not in the package.
    Missing,
    Picture(PictureError),
    Ocr(OcrError),
}

/// Reads `found`, the body's pictures, whose relationships are `rels`,
/// from `media`: each picture's data and pixels are bounded by `limit`, the
/// language is `options`'s, else `hint`, else the script seen.
pub(super) fn read(
    media: &Media,
    rels: &[Relationship],
    found: &[PictureRef],
    limit: usize,
    options: &OcrOptions,
    hint: Option<Language>,
) -> PictureText {
    let mut text = PictureText::default();
    let mut jobs: Vec<Job> = Vec::new();
    let mut placed: Vec<(usize, usize)> = Vec::new();
    for picture in found {
        let Some(rel) = rels.iter().find(|r| r.id == picture.rel_id) else {
            note(
                &mut text.warnings,
                format!(
                    "a picture names relationship {} that the document does not have; \
                     it was not read by OCR",
                    picture.rel_id
                ),
            );
            continue;
        };
        if rel.external {
            continue;
        }
        let job = Job {
            part: rel.target.clone(),
            printed: picture.printed,
            crop: picture.crop,
        };
        let index = jobs.iter().position(|j| *j == job).unwrap_or_else(|| {
            jobs.push(job);
            jobs.len() - 1
        });
        placed.push((picture.at, index));
    }
    let results: Vec<Result<Vec<ocr::Paragraph>, Failure>> = jobs
        .par_iter()
        .map(|job| read_job(media.clone(), job, limit, options, hint))
        .collect();
    gather(&mut text, &jobs, &results, &placed);
    text
}

/// Reads one picture: its part, its pixels as shown, scaled to 300 dpi,
/// turned upright and straightened, by OCR.
fn read_job(
    mut media: Media,
    job: &Job,
    limit: usize,
    options: &OcrOptions,
    hint: Option<Language>,
) -> Result<Vec<ocr::Paragraph>, Failure> {
    if job
        .printed
        .is_some_and(|p| p.width.max(p.height) < MIN_PRINTED_INCHES)
    {
        return Err(Failure::Small);
    }
    let bytes = media
        .read(&job.part, limit)
        .map_err(Failure::Picture)?
        .ok_or(Failure::Missing)?;
    let gray = picture::decode(&bytes, limit)
        .map_err(|error| match error {
            PictureError::TooSmall => Failure::Small,
            error => Failure::Picture(error),
        })?
        .cropped(&job.crop);
    if picture::too_small(gray.width, gray.height) {
        return Err(Failure::Small);
    }
    let image = scale::for_ocr(gray, job.printed);
    let (read, _) = ocr::image::read_image(image, options, hint).map_err(Failure::Ocr)?;
    Ok(read)
}

/// Puts each picture's results in `text`, in document order.
fn gather(
    text: &mut PictureText,
    jobs: &[Job],
    results: &[Result<Vec<ocr::Paragraph>, Failure>],
    placed: &[(usize, usize)],
) {
    let mut unavailable: Option<(String, usize)> = None;
    let mut unsupported: Vec<(&str, &str)> = Vec::new();
    let mut low: Vec<&str> = Vec::new();
    for &(at, index) in placed {
        let part = jobs[index].part.as_str();
        match &results[index] {
            Ok(read) => {
                text.read += 1;
                if !read.is_empty()
                    && ocr::mean_confidence(read) < ocr::LOW_CONFIDENCE
                    && !low.contains(&part)
                {
                    low.push(part);
                }
                text.blocks
                    .extend(blocks_of(read).into_iter().map(|block| (at, block)));
            }
            Err(Failure::Small) => {}
            Err(Failure::Picture(PictureError::Unsupported(format))) => {
                if !unsupported.contains(&(format, part)) {
                    unsupported.push((format, part));
                }
            }
            Err(Failure::Ocr(
                error @ (OcrError::NotInstalled(_) | OcrError::MissingLanguage(_)),
            )) => {
                let (_, count) = unavailable.get_or_insert_with(|| (error.to_string(), 0));
                *count += 1;
            }
            Err(failure) => {
                if let Some(warning) = describe(part, failure) {
                    note(&mut text.warnings, warning);
                }
            }
        }
    }
    if !unsupported.is_empty() {
        text.warnings.push(unsupported_warning(&unsupported));
    }
    if let Some((why, count)) = unavailable {
        text.warnings.push(format!(
            "{} not read; OCR could not run: {why}",
            count_of(count, "picture")
        ));
    }
    if !low.is_empty() {
        text.warnings.push(format!(
            "OCR read {} with low confidence (below {}): check the text",
            named_pictures(&low),
            ocr::LOW_CONFIDENCE
        ));
    }
}

/// The paragraphs OCR read as blocks; paragraphs with no letter or digit
/// (the specks of a border, a logo's strokes) are left out.
fn blocks_of(read: &[ocr::Paragraph]) -> Vec<Block> {
    read.iter()
        .filter(|p| p.text.chars().any(char::is_alphanumeric))
        .map(|p| Block::new(BlockKind::Paragraph, p.text.clone()).with_ocr(Some(p.confidence)))
        .collect()
}

/// The warning for a picture `part` that gave no text, if it gets one of
/// its own (small pictures get none; unsupported formats and OCR that
/// cannot run are gathered into one warning each).
fn describe(part: &str, failure: &Failure) -> Option<String> {
    Some(match failure {
        Failure::Missing => format!("picture {part} is not in the package; it was not read by OCR"),
        Failure::Picture(PictureError::OverLimit) => format!(
            "picture {part} decodes past the limit (--max-inflated-size); it was not read by OCR"
        ),
        Failure::Picture(PictureError::Damaged(why)) => {
            format!("picture {part} could not be read for OCR: a damaged image ({why})")
        }
        Failure::Ocr(error) => format!("OCR failed on picture {part} ({error})"),
        Failure::Small
        | Failure::Picture(PictureError::TooSmall | PictureError::Unsupported(_)) => return None,
    })
}

/// `EMF pictures were not read by OCR (not supported yet): word/media/a.emf`.
fn unsupported_warning(unsupported: &[(&str, &str)]) -> String {
    let mut formats: Vec<&str> = Vec::new();
    for (format, _) in unsupported {
        if !formats.contains(format) {
            formats.push(format);
        }
    }
    let parts: Vec<&str> = unsupported.iter().map(|(_, part)| *part).collect();
    format!(
        "{} pictures were not read by OCR (not supported yet): {}",
        formats.join(", "),
        parts.join(", ")
    )
}

/// `picture word/media/a.png` or `pictures word/media/a.png, …`.
fn named_pictures(parts: &[&str]) -> String {
    match parts {
        [one] => format!("picture {one}"),
        _ => format!("pictures {}", parts.join(", ")),
    }
}

/// `1 picture`, `3 pictures`.
fn count_of(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// Adds `warning` unless it is already there.
fn note(warnings: &mut Vec<String>, warning: String) {
    if !warnings.contains(&warning) {
        warnings.push(warning);
    }
}

/// `blocks` with each of `inserted` put before the block whose index it
/// names (after the last for an index past the end), in order.
pub(super) fn splice(blocks: Vec<Block>, inserted: Vec<(usize, Block)>) -> Vec<Block> {
    if inserted.is_empty() {
        return blocks;
    }
    let mut by_place: HashMap<usize, Vec<Block>> = HashMap::new();
    for (at, block) in inserted {
        by_place.entry(at).or_default().push(block);
    }
    let total = blocks.len() + by_place.values().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    for (index, block) in blocks.into_iter().enumerate() {
        out.extend(by_place.remove(&index).unwrap_or_default());
        out.push(block);
    }
    let mut rest: Vec<(usize, Vec<Block>)> = by_place.into_iter().collect();
    rest.sort_by_key(|(at, _)| *at);
    out.extend(rest.into_iter().flat_map(|(_, blocks)| blocks));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(xml: &str) -> BytesStart<'static> {
        let mut reader = quick_xml::Reader::from_str(xml);
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) => {
                e.into_owned()
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn drawing_pictures_take_their_extent_and_crop() {
        let mut finder = PictureFinder::default();
        finder.start("inline", &element("<wp:inline>"), 0);
        finder.start(
            "extent",
            &element(r#"<wp:extent cx="5486400" cy="2743200"/>"#),
            0,
        );
        finder.start("blipFill", &element("<pic:blipFill>"), 0);
        finder.start("blip", &element(r#"<a:blip r:embed="rId7"/>"#), 2);
        finder.start(
            "srcRect",
            &element(r#"<a:srcRect l="10000" t="-5000" r="25000"/>"#),
            2,
        );
        finder.end("blipFill");
        // A linked picture is not in the package.
        finder.start("blip", &element(r#"<a:blip r:link="rId8"/>"#), 3);
        finder.start("srcRect", &element(r#"<a:srcRect l="50000"/>"#), 3);
        let [picture] = finder.found.as_slice() else {
            panic!("{:?}", finder.found)
        };
        assert_eq!(picture.at, 2);
        assert_eq!(picture.rel_id, "rId7");
        assert_eq!(picture.printed, Printed::from_inches(6.0, 3.0));
        assert_eq!(
            picture.crop,
            Crop {
                left: 0.1,
                top: 0.0,
                right: 0.25,
                bottom: 0.0
            }
        );
    }

    #[test]
    fn vml_pictures_take_their_shape_size_and_crop() {
        let mut finder = PictureFinder::default();
        finder.start(
            "shape",
            &element(r#"<v:shape style="width:432pt;height:2.54cm;visibility:visible">"#),
            1,
        );
        finder.start(
            "imagedata",
            &element(r#"<v:imagedata r:id="rId9" cropbottom="16384f" cropleft=".5"/>"#),
            1,
        );
        let picture = &finder.found[0];
        assert_eq!(picture.rel_id, "rId9");
        let printed = picture.printed.unwrap();
        assert!((printed.width - 6.0).abs() < 1e-9 && (printed.height - 1.0).abs() < 1e-9);
        assert_eq!((picture.crop.bottom, picture.crop.left), (0.25, 0.5));
        assert_eq!(vml_size("width:100;height:50pt"), None);
        assert_eq!(css_inches("96px"), Some(1.0));
    }

    #[test]
    fn picture_text_goes_where_the_picture_stood() {
        let block = |text: &str| Block::new(BlockKind::Paragraph, text);
        let blocks = vec![block("a"), block("b")];
        let inserted = vec![
            (1, block("p1")),
            (1, block("p2")),
            (5, block("end")),
            (0, block("top")),
        ];
        let texts: Vec<String> = splice(blocks, inserted)
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(texts, ["top", "a", "p1", "p2", "b", "end"]);
    }

    #[test]
    fn noise_is_not_a_paragraph() {
        let paragraph = |text: &str| ocr::Paragraph {
            text: text.into(),
            confidence: 0.9,
            top: 0,
            bottom: 10,
            word_height: 10,
        };
        let blocks = blocks_of(&[paragraph("— |"), paragraph("Kế hoạch 27")]);
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].ocr);
        assert_eq!(blocks[0].confidence, Some(0.9));
    }

    #[test]
    fn warnings_name_the_parts_and_say_once_that_ocr_is_missing() {
        let job = |part: &str| Job {
            part: part.into(),
            printed: None,
            crop: Crop::default(),
        };
        let jobs = [
            job("word/media/a.emf"),
            job("word/media/b.png"),
            job("word/media/c.png"),
            job("word/media/d.png"),
        ];
        let missing = || Err(Failure::Ocr(OcrError::NotInstalled("no Tesseract".into())));
        let results = vec![
            Err(Failure::Picture(PictureError::Unsupported("EMF"))),
            Err(Failure::Picture(PictureError::Damaged(
                "PNG: bad CRC".into(),
            ))),
            missing(),
            missing(),
        ];
        let mut text = PictureText::default();
        gather(
            &mut text,
            &jobs,
            &results,
            &[(0, 0), (0, 1), (1, 2), (2, 3), (3, 1)],
        );
        assert_eq!(
            text.warnings,
            [
                "picture word/media/b.png could not be read for OCR: a damaged image (PNG: bad CRC)",
                "EMF pictures were not read by OCR (not supported yet): word/media/a.emf",
                "2 pictures not read; OCR could not run: no Tesseract",
            ]
        );
        assert_eq!(text.read, 0);
    }
}
