//! PDF extraction: lopdf parses the file and we interpret the content streams
//! ourselves, because lopdf's own text extraction prefers `/Encoding` over
//! `/ToUnicode`, ignores positions and adds a space after every `TJ`.
//!
//! Per page: `content` runs the content stream and places every glyph,
//! decoded to Unicode through `fonts` (ToUnicode `cmap`s first, then
//! simple-font encodings and glyph names from `glyphs`) and notes the
//! straight lines drawn (table borders); `layout` turns the glyphs into
//! paragraphs in reading order, never across a border. Across pages,
//! paragraphs set clearly larger than the body text become headings, ranked
//! by size.
//!
//! Fonts whose text cannot be decoded yet (no Unicode map, predefined CJK
//! CMaps, legacy Vietnamese encodings) are skipped with a warning rather
//! than turned into garbage.

mod cjk;
mod cmap;
mod content;
mod filters;
mod fonts;
mod furniture;
mod glyphs;
mod images;
mod layout;
mod meta;
mod notes;
mod objects;
mod page_images;
mod predefined;
mod render;
mod scan;
mod security;
mod structure;

pub use page_images::{PageRaster, page_images};

// What the OCR of pictures in other documents shares with scanned pages.

use crate::budget::RecordBudget;
use crate::model::{Block, BlockKind, DocError, Extraction, Limits};
use crate::ocr::{self, Language, OcrError, OcrMode, OcrOptions};
use std::collections::HashMap;

/// A paragraph this much larger than the body text is a heading.
const HEADING_RATIO: f64 = 1.15;
/// Headings are short; a longer paragraph in a large font is still text.
const MAX_HEADING_CHARS: usize = 200;
/// A bold paragraph at body size is a heading only when this short.
const MAX_BOLD_HEADING_CHARS: usize = 120;

/// True while the current thread runs an image decoder (JBIG2, JPEG 2000)
/// or the page renderer, whose panics are caught and reported as a damaged
/// image or a page not rendered: a program's
/// panic hook may stay silent about those (see `cli::quiet_guarded_panics`).
pub fn in_guarded_decode() -> bool {
    images::in_guarded_decode()
}

/// Extracts the text of a PDF as paragraphs and headings in reading order,
/// each with its 1-based page number, plus the Info dictionary metadata and
/// the page count. Encrypted files that do not open with the empty password
/// give an `encrypted` error; files lopdf cannot read give `corrupt`.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extraction, DocError> {
    extract_with(bytes, limits, None, &OcrOptions::off())
}

/// [`extract`], opening an encrypted file with the empty user password or,
/// failing that, with `password` (RC4 40/128, AES-128 and AES-256 R5/R6),
/// and reading scanned pages by OCR as `ocr` says: their blocks have `ocr`
/// set and a `confidence`. Pages whose text layer is unusable (mostly
/// glyphs with no Unicode mapping) are rendered and read by OCR.
pub fn extract_with(
    bytes: &[u8],
    limits: &Limits,
    password: Option<&str>,
    ocr: &OcrOptions,
) -> Result<Extraction, DocError> {
    check_size(bytes, limits)?;
    let doc = security::open(bytes, limits, password)?;
    let mut out = Extraction::default();
    meta::read_info(&doc, &mut out.meta);
    let pages = doc.get_pages();
    out.meta.insert("pages".into(), pages.len().to_string());

    let structure = structure::Structure::read(&doc, limits.max_depth);
    let mut interpreter = content::Interpreter::new(&doc, limits);
    let mut layout_pages = Vec::new();
    let mut doc_sizes: HashMap<i64, usize> = HashMap::new();
    let mut notes = Notes {
        max_depth: limits.max_depth,
        stream_limit_mib: limits.max_inflated_bytes.div_ceil(1 << 20),
        over_limit: false,
        by_message: Vec::new(),
        needs_ocr: Vec::new(),
        ocr_unavailable: None,
        deferred: Vec::new(),
        not_read: Vec::new(),
        ocr_read: Vec::new(),
        ocr_low: Vec::new(),
    };
    let mut budget = RecordBudget::new(limits);
    let mut scans = Vec::new();
    for (&number, &page_id) in &pages {
        let mut page = interpreter.page(page_id);
        for glyph in &mut page.glyphs {
            glyph.heading = structure.heading(page_id, glyph.mcid);
        }
        let scanned = wants_ocr(ocr.mode, &page);
        notes.record(number, &page, scanned);
        match scanned {
            Some(Scan::Images) => {
                // Forced OCR replaces the text layer of pages with images.
                page.glyphs.clear();
                scans.push(scan::ScanJob {
                    number,
                    page_id,
                    source: scan::ImageSource::Images(std::mem::take(&mut page.images)),
                });
            }
            // A rendered page keeps its text layer until OCR has read it.
            Some(Scan::Rendering) => scans.push(scan::ScanJob {
                number,
                page_id,
                source: scan::ImageSource::Rendering,
            }),
            None => {}
        }
        let text = layout::page_text(&page.glyphs, &page.rules);
        // Each paragraph will be a block: thousands of pages of them stop
        // at the record's limit.
        budget.charge_blocks(text.paragraphs.len() as u64)?;
        let page_body = layout::most_common(&text.size_counts);
        for (&size, &count) in &text.size_counts {
            *doc_sizes.entry(size).or_default() += count;
        }
        let (bottom, top) = vertical_extent(&doc, page_id);
        layout_pages.push((
            page_body,
            furniture::Page {
                number,
                bottom,
                top,
                paragraphs: text.paragraphs,
            },
        ));
    }
    let (bodies, mut pages): (Vec<_>, Vec<_>) = layout_pages.into_iter().unzip();
    if !scans.is_empty() {
        let hint = language_of(&pages);
        let limit = usize::try_from(limits.max_inflated_bytes).unwrap_or(usize::MAX);
        let results = scan::read_pages(&doc, (bytes, password), &scans, limit, ocr, hint);
        for (job, result) in scans.iter().zip(results) {
            let Some(page) = pages.iter_mut().find(|p| p.number == job.number) else {
                continue;
            };
            if let Ok(read) = &result {
                budget.charge_blocks(read.paragraphs.len() as u64)?;
            }
            let rendered = matches!(job.source, scan::ImageSource::Rendering);
            notes.scanned(page, result, rendered);
        }
        if !notes.ocr_read.is_empty() {
            out.meta
                .insert("ocr_pages".into(), page_numbers(&notes.ocr_read));
            if let Ok(version) = crate::ocr::tesseract::version() {
                out.meta
                    .insert("ocr_engine".into(), format!("Tesseract {version}"));
            }
        }
    }
    let mut furniture = furniture::remove(&mut pages);
    let mut footnotes = Vec::new();
    for (page, body) in pages.iter_mut().zip(&bodies) {
        let body_size = body.map(|half_points| half_points as f64 / 2.0);
        let extent = (page.bottom, page.top);
        footnotes.extend(notes::take_notes(
            page.number,
            &mut page.paragraphs,
            extent,
            body_size,
        ));
    }
    let paragraphs = pages
        .into_iter()
        .zip(bodies)
        .flat_map(|(page, body)| {
            page.paragraphs
                .into_iter()
                .map(move |p| (page.number, body, p))
        })
        .collect();
    out.blocks = match structure.tagged {
        true => tagged_blocks(paragraphs),
        false => blocks(paragraphs, layout::most_common(&doc_sizes)),
    };
    let mut next_id = 0;
    for block in &mut out.blocks {
        let page = block.page.unwrap_or(0);
        (block.text, block.notes) = notes::link(&block.text, page, &mut footnotes, &mut next_id);
    }
    for block in &mut furniture {
        (block.text, _) = notes::link(&block.text, 0, &mut [], &mut next_id);
    }
    out.blocks.extend(furniture);
    out.blocks.extend(notes::blocks(footnotes, next_id));
    if out.blocks.is_empty() && notes.over_limit {
        return Err(DocError::too_large(format!(
            "the text of this PDF is in streams that decode past the limit of {} MiB per stream \
             (a decompression bomb?); raise --max-inflated-size if the file is genuine",
            notes.stream_limit_mib
        )));
    }
    out.warnings = notes.warnings();
    Ok(out)
}

/// The bottom and top of a page's crop box (else media box, inherited
/// from the page tree); A4 when neither can be read.
fn vertical_extent(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> (f64, f64) {
    let [_, bottom, _, top] = images::page_box(doc, page_id);
    (bottom, top)
}

/// Turns page paragraphs into blocks: headings where the text is clearly
/// larger than the body text of its page and of the document, levelled by
/// size across the document (largest = 1, at most 3). Body sizes are in
/// half points.
fn blocks(
    paragraphs: Vec<(u32, Option<i64>, layout::Paragraph)>,
    doc_body: Option<i64>,
) -> Vec<Block> {
    let is_heading = |page_body: Option<i64>, p: &layout::Paragraph| {
        let body = page_body.max(doc_body).map(|b| b as f64 / 2.0);
        body.is_some_and(|body| p.size >= body * HEADING_RATIO && p.size - body >= 1.0)
            && p.text.chars().count() <= MAX_HEADING_CHARS
    };
    let mut heading_sizes: Vec<i64> = paragraphs
        .iter()
        .filter(|(_, body, p)| is_heading(*body, p))
        .map(|(_, _, p)| size_key(p.size))
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    heading_sizes.dedup();
    // Bold marks headings only where bold text is rare; counted in
    // characters, since a short plan has as many bold headings as body
    // paragraphs.
    let chars = |p: &layout::Paragraph| p.text.chars().count();
    let bold_chars: usize = paragraphs
        .iter()
        .filter(|(_, _, p)| p.bold)
        .map(|(_, _, p)| chars(p))
        .sum();
    let all_chars: usize = paragraphs.iter().map(|(_, _, p)| chars(p)).sum();
    let bold_share = bold_chars as f64 / all_chars.max(1) as f64;
    let bold_level = (heading_sizes.len().min(2) + 1) as u32;
    paragraphs
        .into_iter()
        .map(|(page, body, p)| {
            let confidence = p.ocr_confidence;
            let block = if is_heading(body, &p) {
                let rank = heading_sizes
                    .iter()
                    .position(|&s| s == size_key(p.size))
                    .unwrap_or(0);
                Block::new(BlockKind::Heading, p.text).with_level(rank.min(2) as u32 + 1)
            } else if bold_share < 0.3 && is_bold_heading(&p) {
                Block::new(BlockKind::Heading, p.text).with_level(bold_level)
            } else {
                Block::new(BlockKind::Paragraph, p.text)
            };
            block.with_page(page).with_ocr(confidence)
        })
        .collect()
}

/// A short bold paragraph of one or two lines, alone on its lines (not a
/// table cell), that does not end like a clause or sentence: "I. MỤC TIÊU", "（一）工作目标", not "Nơi nhận:".
fn is_bold_heading(p: &layout::Paragraph) -> bool {
    let text = p.text.trim();
    let lines = ((p.top - p.bottom) / p.size.max(1.0)).round() as i64;
    p.bold
        && p.alone
        && lines <= 2
        && (1..=MAX_BOLD_HEADING_CHARS).contains(&text.chars().count())
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with([',', ';', ':', '.', '，', '；', '：', '。', '、'])
}

/// Turns the paragraphs of a tagged PDF into blocks: headings are the
/// paragraphs its structure tree marks as headings, at their level.
fn tagged_blocks(paragraphs: Vec<(u32, Option<i64>, layout::Paragraph)>) -> Vec<Block> {
    paragraphs
        .into_iter()
        .map(|(page, _, p)| {
            let confidence = p.ocr_confidence;
            let block = match p.heading {
                0 => Block::new(BlockKind::Paragraph, p.text),
                level => Block::new(BlockKind::Heading, p.text).with_level(u32::from(level)),
            };
            block.with_page(page).with_ocr(confidence)
        })
        .collect()
}

/// A PDF larger than `--max-file-size` is refused before it is parsed.
fn check_size(bytes: &[u8], limits: &Limits) -> Result<(), DocError> {
    match bytes.len() as u64 > limits.max_file_bytes {
        true => Err(DocError::too_large(format!(
            "PDF is {} bytes, more than the limit of {}",
            bytes.len(),
            limits.max_file_bytes
        ))),
        false => Ok(()),
    }
}

/// How a page read by OCR is pictured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Its images placed on a raster.
    Images,
    /// The whole page rendered.
    Rendering,
}

/// Whether and how a page is read by OCR in `mode`: in `auto`, a page
/// whose text layer is unusable (at least half its glyphs have no Unicode
/// mapping) from its rendering, else a page that draws images and has no
/// text layer from its images; in `force`, every page, from its images
/// when it draws some and its text layer is usable, else rendered.
fn wants_ocr(mode: OcrMode, page: &content::PageContent) -> Option<Scan> {
    let images = !page.images.is_empty();
    match mode {
        OcrMode::Off => None,
        _ if page.text_unusable() => Some(Scan::Rendering),
        OcrMode::Force if images => Some(Scan::Images),
        OcrMode::Force => Some(Scan::Rendering),
        OcrMode::Auto => {
            (images && page.glyphs.is_empty() && page.problems.is_empty()).then_some(Scan::Images)
        }
    }
}

/// The language of the pages' text layer, when it has enough letters to
/// tell ([`crate::ocr::language_of_text`]).
fn language_of(pages: &[furniture::Page]) -> Option<Language> {
    let text = pages
        .iter()
        .flat_map(|p| &p.paragraphs)
        .filter(|p| p.ocr_confidence.is_none());
    crate::ocr::language_of_text(text.map(|p| p.text.as_str()))
}

/// Sizes compared at half-point precision.
fn size_key(size: f64) -> i64 {
    (size * 2.0).round() as i64
}

/// Problems found on the pages, gathered so that each becomes one warning
/// listing its pages.
struct Notes {
    max_depth: usize,
    stream_limit_mib: u64,
    /// Some stream the text needs was over the limit and skipped.
    over_limit: bool,
    /// Warning text (without pages) → pages, in the order first found.
    by_message: Vec<(String, Vec<u32>)>,
    /// Pages with no text layer that were not read by OCR.
    needs_ocr: Vec<u32>,
    /// Why OCR could not run at all (Tesseract or its data missing).
    ocr_unavailable: Option<String>,
    /// Font warnings of rendered pages, kept until OCR has read them (then
    /// dropped) or failed (then given).
    deferred: Vec<(u32, String)>,
    /// Rendered pages that OCR could not read because it could not run.
    not_read: Vec<u32>,
    /// Pages read by OCR, and those read with low confidence.
    ocr_read: Vec<u32>,
    ocr_low: Vec<u32>,
}

impl Notes {
    fn record(&mut self, page: u32, content: &content::PageContent, scanned: Option<Scan>) {
        let mut fonts = Vec::new();
        for (font, problem) in &content.problems {
            self.over_limit |= matches!(problem, fonts::Problem::OverLimit(_));
            fonts.push(format!(
                "font {font} {}; its text was skipped",
                problem.describe()
            ));
        }
        for font in &content.unmapped {
            fonts.push(format!(
                "font {font} shows glyphs with no Unicode mapping; they were skipped"
            ));
        }
        for message in fonts {
            match scanned {
                Some(Scan::Rendering) => self.deferred.push((page, message)),
                _ => self.add(message, page),
            }
        }
        let scanned = scanned.is_some();
        if content.too_deep {
            self.add(
                format!(
                    "forms nested deeper than {} levels were skipped",
                    self.max_depth
                ),
                page,
            );
        }
        if content.over_limit {
            self.over_limit = true;
            self.add(
                format!(
                    "a content stream larger than the limit of {} MiB (--max-inflated-size) was skipped",
                    self.stream_limit_mib
                ),
                page,
            );
        }
        if content.undecodable {
            self.add(
                "a content stream could not be decoded and was skipped".into(),
                page,
            );
        }
        if let Some(reason) = &content.stopped {
            self.add(format!("reading stopped early because {reason}"), page);
        }
        if !scanned
            && content.glyphs.is_empty()
            && content.problems.is_empty()
            && content.has_images
        {
            self.needs_ocr.push(page);
        }
    }

    /// Puts what OCR read on `page`, or notes why it could not.
    fn scanned(
        &mut self,
        page: &mut furniture::Page,
        result: Result<scan::ScanPage, scan::ScanFailure>,
        rendered: bool,
    ) {
        let number = page.number;
        // A rendering read with low confidence shows glyphs OCR cannot
        // read (a font the renderer lacks drawn in a stand-in): the page
        // keeps its text layer.
        let blank = matches!(&result, Ok(read) if read.paragraphs.is_empty());
        let result = match result {
            // A blank rendering: the (empty) text layer stays, unremarked.
            Ok(_) if rendered && blank => return self.restore(number),
            Ok(read) if rendered && read.confidence < ocr::LOW_CONFIDENCE => {
                self.add(
                    format!(
                        "OCR read the rendered page with low confidence ({:.2}), so its text layer was kept",
                        read.confidence
                    ),
                    number,
                );
                return self.restore(number);
            }
            result => result,
        };
        // A rendered page read keeps no font warnings: its text was read.
        match result.is_err() {
            true => self.restore(number),
            false => self.deferred.retain(|(page, _)| *page != number),
        }
        match result {
            Ok(read) => {
                for problem in read.problems {
                    self.add(format!("page images left out: {problem}"), number);
                }
                page.paragraphs = read.paragraphs;
                (page.bottom, page.top) = (0.0, read.top);
                self.ocr_read.push(number);
                // A blank page has no confidence to speak of.
                if !blank && read.confidence < ocr::LOW_CONFIDENCE {
                    self.ocr_low.push(number);
                }
            }
            Err(scan::ScanFailure::Images(problems)) => {
                for problem in problems {
                    self.add(
                        format!("page images could not be read for OCR: {problem}"),
                        number,
                    );
                }
                self.needs_ocr.push(number);
            }
            Err(scan::ScanFailure::Render(error)) => {
                self.add(
                    format!("the page could not be rendered for OCR ({error})"),
                    number,
                );
            }
            Err(scan::ScanFailure::Ocr(
                error @ (OcrError::NotInstalled(_) | OcrError::MissingLanguage(_)),
            )) => {
                self.ocr_unavailable
                    .get_or_insert_with(|| error.to_string());
                match rendered {
                    true => self.not_read.push(number),
                    false => self.needs_ocr.push(number),
                }
            }
            Err(scan::ScanFailure::Ocr(error)) => {
                self.add(format!("OCR failed ({error})"), number);
            }
        }
    }

    /// Gives the font warnings kept back for rendered page `number`.
    fn restore(&mut self, number: u32) {
        let (deferred, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.deferred)
            .into_iter()
            .partition(|(page, _)| *page == number);
        self.deferred = kept;
        for (_, message) in deferred {
            self.add(message, number);
        }
    }

    fn add(&mut self, message: String, page: u32) {
        match self.by_message.iter_mut().find(|(m, _)| *m == message) {
            Some((_, pages)) => pages.push(page),
            None => self.by_message.push((message, vec![page])),
        }
    }

    fn warnings(self) -> Vec<String> {
        let mut warnings: Vec<String> = self
            .by_message
            .into_iter()
            .map(|(message, pages)| format!("{message} on {}", page_list(&pages)))
            .collect();
        if !self.needs_ocr.is_empty() {
            let why = match &self.ocr_unavailable {
                Some(why) => format!("OCR could not run: {why}"),
                None => "needs OCR".to_string(),
            };
            warnings.push(format!(
                "no text layer on {}; {why}",
                page_list(&self.needs_ocr)
            ));
        }
        if !self.not_read.is_empty() {
            let why = self.ocr_unavailable.as_deref().unwrap_or("unknown");
            warnings.push(format!(
                "{} could not be read by OCR, as asked, from the rendered page: OCR could not run: {why}",
                page_list(&self.not_read)
            ));
        }
        if !self.ocr_low.is_empty() {
            warnings.push(format!(
                "OCR read {} with low confidence (below {}): check the text",
                page_list(&self.ocr_low),
                ocr::LOW_CONFIDENCE
            ));
        }
        warnings
    }
}

/// `1, 3`: page numbers for `meta`.
fn page_numbers(pages: &[u32]) -> String {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    list.join(", ")
}

/// `page 3` or `pages 1, 3`.
fn page_list(pages: &[u32]) -> String {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    match list.len() {
        1 => format!("page {}", list[0]),
        _ => format!("pages {}", list.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ErrorKind;
    use lopdf::content::{Content, Operation};
    use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
    use std::path::Path;

    /// Builds small PDFs whose pages show text in Helvetica (`/F1`).
    struct Builder {
        doc: Document,
        pages_id: ObjectId,
        font_id: ObjectId,
        kids: Vec<Object>,
    }

    impl Builder {
        fn new() -> Self {
            let mut doc = Document::with_version("1.5");
            let pages_id = doc.new_object_id();
            let font_id = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
            });
            Builder {
                doc,
                pages_id,
                font_id,
                kids: Vec::new(),
            }
        }

        fn resources(&self, xobjects: Dictionary) -> Dictionary {
            dictionary! { "Font" => dictionary! { "F1" => self.font_id }, "XObject" => xobjects }
        }

        fn page(&mut self, operations: Vec<Operation>, xobjects: Dictionary) {
            let content = Content { operations }.encode().unwrap();
            let content_id = self.doc.add_object(Stream::new(dictionary! {}, content));
            let page = dictionary! {
                "Type" => "Page", "Parent" => self.pages_id, "Contents" => content_id,
                "Resources" => self.resources(xobjects),
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            };
            let page_id = self.doc.add_object(page);
            self.kids.push(page_id.into());
        }

        /// Stores a form XObject under `id`.
        fn form(&mut self, id: ObjectId, operations: Vec<Operation>, xobjects: Dictionary) {
            let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => self.resources(xobjects) };
            let content = Content { operations }.encode().unwrap();
            self.doc
                .objects
                .insert(id, Object::Stream(Stream::new(dict, content)));
        }

        fn image(&mut self) -> ObjectId {
            let dict = dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            };
            self.doc.add_object(Stream::new(dict, vec![0]))
        }

        fn bytes(mut self) -> Vec<u8> {
            let count = self.kids.len() as i64;
            let pages = dictionary! { "Type" => "Pages", "Kids" => self.kids, "Count" => count };
            self.doc
                .objects
                .insert(self.pages_id, Object::Dictionary(pages));
            let catalog_id = self
                .doc
                .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
            self.doc.trailer.set("Root", catalog_id);
            let info_id = self.doc.add_object(dictionary! {
                "Title" => Object::String(b"\xFE\xFF\x00K\x1E\xBF".to_vec(), lopdf::StringFormat::Literal),
                "CreationDate" => Object::string_literal("D:20240101120000+07'00'"),
            });
            self.doc.trailer.set("Info", info_id);
            let mut bytes = Vec::new();
            self.doc.save_to(&mut bytes).unwrap();
            bytes
        }
    }

    fn line(x: i64, y: i64, size: i64, text: &str) -> Vec<Operation> {
        vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ]
    }

    fn draw(name: &str) -> Operation {
        Operation::new("Do", vec![Object::Name(name.as_bytes().to_vec())])
    }

    fn texts(out: &Extraction) -> Vec<&str> {
        out.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn headings_paragraphs_and_metadata() {
        let mut ops = line(72, 760, 20, "Annual plan");
        ops.extend(line(
            72,
            700,
            11,
            "The first line of the body text runs all the way to",
        ));
        ops.extend(line(72, 687, 11, "the second line, which ends here."));
        ops.extend(line(72, 640, 11, "Another paragraph."));
        ops.extend(line(290, 40, 11, "- 1 -"));
        let mut pdf = Builder::new();
        pdf.page(ops, dictionary! {});
        let out = extract(&pdf.bytes(), &Limits::default()).unwrap();
        let got: Vec<(BlockKind, Option<u32>, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind, b.level, b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, Some(1), "Annual plan"),
                (
                    BlockKind::Paragraph,
                    None,
                    "The first line of the body text runs all the way to the second line, which ends here."
                ),
                (BlockKind::Paragraph, None, "Another paragraph."),
            ]
        );
        assert!(out.blocks.iter().all(|b| b.page == Some(1)));
        assert_eq!(out.meta["title"], "Kế");
        assert_eq!(out.meta["created"], "2024-01-01T12:00:00+07:00");
        assert_eq!(out.meta["pages"], "1");
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn tj_adjustments_place_words() {
        let show = Operation::new(
            "TJ",
            vec![Object::Array(vec![
                Object::string_literal("Hel"),
                (-20).into(),
                Object::string_literal("lo"),
                (-400).into(),
                Object::string_literal("world"),
            ])],
        );
        let mut ops = line(72, 700, 12, "");
        ops.insert(4, show);
        let mut pdf = Builder::new();
        pdf.page(ops, dictionary! {});
        let out = extract(&pdf.bytes(), &Limits::default()).unwrap();
        assert_eq!(texts(&out), vec!["Hello world"]);
    }

    #[test]
    fn self_referencing_form_is_not_followed_forever() {
        let mut pdf = Builder::new();
        let form_id = pdf.doc.new_object_id();
        let mut form_ops = line(72, 600, 12, "Again");
        form_ops.push(draw("Me"));
        pdf.form(form_id, form_ops, dictionary! { "Me" => form_id });
        let mut ops = line(72, 700, 12, "Top");
        ops.push(draw("Me"));
        pdf.page(ops, dictionary! { "Me" => form_id });
        let bytes = pdf.bytes();

        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(texts(&out), vec!["Top", "Again"]);

        let shallow = Limits {
            max_depth: 0,
            ..Limits::default()
        };
        let out = extract(&bytes, &shallow).unwrap();
        assert_eq!(texts(&out), vec!["Top"]);
        assert_eq!(
            out.warnings,
            vec!["forms nested deeper than 0 levels were skipped on page 1"]
        );
    }

    #[test]
    fn long_form_chains_stop_at_the_depth_limit_without_overflowing_the_stack() {
        let mut pdf = Builder::new();
        let ids: Vec<ObjectId> = (0..400).map(|_| pdf.doc.new_object_id()).collect();
        for (i, &id) in ids.iter().enumerate() {
            let next = ids.get(i + 1).copied().unwrap_or(id);
            pdf.form(id, vec![draw("Next")], dictionary! { "Next" => next });
        }
        let mut ops = line(72, 700, 12, "Deep");
        ops.push(draw("Next"));
        pdf.page(ops, dictionary! { "Next" => ids[0] });
        let bytes = pdf.bytes();
        // A small stack, as worker threads may have.
        let out = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || extract(&bytes, &Limits::default()).unwrap())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(texts(&out), vec!["Deep"]);
        assert_eq!(
            out.warnings,
            vec!["forms nested deeper than 256 levels were skipped on page 1"]
        );
    }

    #[test]
    fn scanned_pages_are_read_by_ocr_and_turned_upright() {
        if !crate::test_support::tesseract_installed() {
            return;
        }
        let scan = crate::test_support::ocr_fixture("vi-plan-top.pgm.gz", 150);
        let mut pdf = Builder::new();
        let dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => scan.width as i64,
            "Height" => scan.height as i64, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        };
        let mut stream = Stream::new(dict, scan.pixels.clone());
        stream.compress().unwrap();
        let image = pdf.doc.add_object(stream);
        // 150 dpi: the image is width × 72/150 points wide.
        let (w, h) = (scan.width as f32 * 0.48, scan.height as f32 * 0.48);
        let place = |m: [f32; 6]| {
            vec![
                Operation::new("q", vec![]),
                Operation::new("cm", m.iter().map(|&v| Object::Real(v)).collect()),
                draw("Im"),
                Operation::new("Q", vec![]),
            ]
        };
        pdf.page(
            place([w, 0.0, 0.0, h, 30.0, 600.0]),
            dictionary! { "Im" => image },
        );
        // Upside down, as a sheet fed the wrong way round.
        pdf.page(
            place([-w, 0.0, 0.0, -h, 565.0, 242.0]),
            dictionary! { "Im" => image },
        );
        let bytes = pdf.bytes();
        let out = extract_with(&bytes, &Limits::default(), None, &OcrOptions::default()).unwrap();
        for page in [1, 2] {
            let text: Vec<&str> = out
                .blocks
                .iter()
                .filter(|b| b.page == Some(page))
                .map(|b| b.text.as_str())
                .collect();
            let text = text.join("\n");
            assert!(
                text.contains("Chăm sóc sức khỏe người cao tuổi năm 2025"),
                "page {page}: {text}"
            );
        }
        assert!(
            out.blocks
                .iter()
                .all(|b| b.ocr && b.confidence.is_some_and(|c| c > 0.5))
        );
        assert_eq!(out.meta["ocr_pages"], "1, 2");
        assert!(out.meta["ocr_engine"].starts_with("Tesseract "));
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let off = extract(&bytes, &Limits::default()).unwrap();
        assert!(off.blocks.is_empty());
        assert_eq!(off.warnings, vec!["no text layer on pages 1, 2; needs OCR"]);
    }

    #[test]
    fn pages_with_only_images_need_ocr() {
        let mut pdf = Builder::new();
        let image = pdf.image();
        pdf.page(line(72, 700, 12, "Text"), dictionary! {});
        for _ in 0..2 {
            pdf.page(vec![draw("Im")], dictionary! { "Im" => image });
        }
        pdf.page(vec![], dictionary! {});
        let out = extract(&pdf.bytes(), &Limits::default()).unwrap();
        assert_eq!(texts(&out), vec!["Text"]);
        assert_eq!(out.meta["pages"], "4");
        assert_eq!(out.warnings, vec!["no text layer on pages 2, 3; needs OCR"]);
    }

    #[test]
    fn fonts_without_unicode_are_skipped_with_a_warning() {
        let mut pdf = Builder::new();
        let cid_font = pdf
            .doc
            .add_object(dictionary! { "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEE+Arial" });
        let font = pdf.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEE+Arial",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![cid_font.into()],
        });
        let mut ops = line(72, 700, 12, "Readable");
        ops.extend(line(72, 680, 12, "\x00\x24\x00\x25"));
        ops[6] = Operation::new("Tf", vec!["F2".into(), 12.into()]);
        pdf.page(ops, dictionary! {});
        let mut bytes_doc = Document::load_mem(&pdf.bytes()).unwrap();
        let page_id = bytes_doc.page_iter().next().unwrap();
        let page = bytes_doc.get_dictionary_mut(page_id).unwrap();
        let mut resources = page.get(b"Resources").unwrap().as_dict().unwrap().clone();
        let mut fonts = resources.get(b"Font").unwrap().as_dict().unwrap().clone();
        fonts.set("F2", font);
        resources.set("Font", fonts);
        page.set("Resources", resources);
        let mut bytes = Vec::new();
        bytes_doc.save_to(&mut bytes).unwrap();

        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(texts(&out), vec!["Readable"]);
        assert_eq!(
            out.warnings,
            vec![
                "font ABCDEE+Arial has no usable Unicode mapping (no ToUnicode entries, and its CIDs belong to no known character collection); \
                 its text was skipped on page 1"
            ]
        );
    }

    #[test]
    fn streams_over_the_limit_are_named_or_make_the_file_too_large() {
        let small = Limits {
            max_inflated_bytes: 4096,
            ..Limits::default()
        };
        let long_page = |pdf: &mut Builder| {
            let ops = (0..200)
                .flat_map(|i| line(72, 800 - i * 3, 8, "A line of the long page"))
                .collect();
            pdf.page(ops, dictionary! {});
        };
        let mut pdf = Builder::new();
        pdf.page(line(72, 700, 12, "Short page"), dictionary! {});
        long_page(&mut pdf);
        let out = extract(&pdf.bytes(), &small).unwrap();
        assert_eq!(texts(&out), ["Short page"]);
        assert_eq!(
            out.warnings,
            [
                "a content stream larger than the limit of 1 MiB (--max-inflated-size) was skipped on page 2"
            ]
        );

        let mut pdf = Builder::new();
        long_page(&mut pdf);
        let bytes = pdf.bytes();
        let error = extract(&bytes, &small).unwrap_err();
        assert_eq!(error.kind, ErrorKind::TooLarge);
        assert!(error.message.contains("--max-inflated-size"), "{error}");
        assert!(
            !extract(&bytes, &Limits::default())
                .unwrap()
                .blocks
                .is_empty()
        );

        // A font whose ToUnicode map is over the limit: its text is skipped.
        let mut pdf = Builder::new();
        let map = format!(
            "begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n{}endcmap\n",
            "1 beginbfchar <41> <0041> endbfchar\n".repeat(200)
        );
        let map_id = pdf
            .doc
            .add_object(Stream::new(dictionary! {}, map.into_bytes()));
        let font = pdf.doc.get_dictionary_mut(pdf.font_id).unwrap();
        font.set("ToUnicode", map_id);
        pdf.page(line(72, 700, 12, "Mapped"), dictionary! {});
        let error = extract(&pdf.bytes(), &small).unwrap_err();
        assert_eq!(error.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn garbage_is_a_corrupt_error() {
        let err = extract(b"%PDF-1.4\nthis is not a pdf", &Limits::default()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt);
        let err = extract(b"", &Limits::default()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt);
    }

    #[test]
    fn page_lists_read_naturally() {
        assert_eq!(page_list(&[3]), "page 3");
        assert_eq!(page_list(&[1, 3]), "pages 1, 3");
    }

    fn corpus() -> Option<std::path::PathBuf> {
        crate::test_support::shared_path("corpus")
    }

    #[test]
    fn every_corpus_pdf_gives_text_or_a_clean_error() {
        let Some(dir) = corpus() else { return };
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path
                .extension()
                .is_none_or(|e| !e.eq_ignore_ascii_case("pdf"))
            {
                continue;
            }
            let bytes = std::fs::read(path).unwrap();
            let result = extract(&bytes, &Limits::default());
            seen += 1;
            match result {
                Ok(out) => eprintln!(
                    "{}: {} blocks, {:?}",
                    path.display(),
                    out.blocks.len(),
                    out.warnings
                ),
                Err(e) => eprintln!("{}: {e}", path.display()),
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn corpus_simple_and_encrypted_files() {
        let Some(dir) = corpus() else { return };
        let simple = std::fs::read(dir.join("pdf/simple1.pdf")).unwrap();
        let out = extract(&simple, &Limits::default()).unwrap();
        // The same two words four times: after a wide TJ gap, with word
        // spacing, with character spacing, and letter-spaced by TJ.
        assert_eq!(texts(&out), vec!["Hello World"; 4]);
        let cases = [
            // The first two keep their encryption dictionary in the trailer.
            ("aes-128.pdf", "foo", "Secret!"),
            ("rc4-40.pdf", "foo", "Secret!"),
            ("aes-256-r6.pdf", "usersecret", "Hello World"),
        ];
        for (name, password, text) in cases {
            let bytes = std::fs::read(dir.join("pdf").join(name)).unwrap();
            let err = extract(&bytes, &Limits::default()).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Encrypted, "{name}");
            assert!(err.message.contains("--password"), "{name}");
            let wrong = extract_with(&bytes, &Limits::default(), Some("nope"), &OcrOptions::off());
            assert!(
                wrong.unwrap_err().message.contains("does not open"),
                "{name}"
            );
            let out = extract_with(
                &bytes,
                &Limits::default(),
                Some(password),
                &OcrOptions::off(),
            )
            .unwrap();
            assert_eq!(texts(&out).join("\n"), text, "{name}");
        }
    }

    /// The whole text of a corpus file, and its warnings.
    fn corpus_text(dir: &Path, name: &str) -> (String, Vec<String>) {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let out = extract(&bytes, &Limits::default()).unwrap();
        (texts(&out).join("\n"), out.warnings)
    }

    #[test]
    fn corpus_files_give_their_text() {
        let Some(dir) = corpus() else { return };
        let expected = [
            // Encrypted with the empty user password; ToUnicode /Identity-H.
            (
                "pdf/issue-625-identity-cmap.pdf",
                "Wirtualna Polska Media Spółka Akcyjna",
            ),
            // A Type0 font with a one-byte embedded encoding CMap.
            ("pdf/sampleOneByteIdentityEncode.pdf", "abc"),
            // Filters given as indirect objects.
            ("pdf/issue-1062-filters.pdf", "Factuurnr. 98559514"),
            (
                "pdf/zen_of_python_corrupted.pdf",
                "Beautiful is better than ugly.",
            ),
            (
                "vi/pdf/don-yeu-cau-dan-su-word365.pdf",
                "Chúng tôi xin trình bày với Quý Tòa án vụ việc như sau:",
            ),
            (
                "zh/pdf/pdfjs-issue19360-sourcehan-gbk1.pdf",
                "坚持社会主义核心价值体系",
            ),
            (
                "zh/pdf/pdfjs-issue12823-identity-h-emoji.pdf",
                "描述团队的共同目标，有利于团队成员理解目标并朝着目标努力。",
            ),
            // TCVN3 fonts, simple and CID subsets, U+2212 standing for ư.
            (
                "vi/pdf/tcvn3-tt01-2006-nhnn.pdf",
                "Hướng dẫn một số nội dung về góp vốn thành lập",
            ),
            // Non-embedded fonts with predefined CMaps and no ToUnicode.
            (
                "zh/pdf/pdfjs-issue2128r-gbk-euc-h-noembed.pdf",
                "浅谈校长的魅力",
            ),
            ("zh/pdf/pdfjs-issue3521-gbkp-euc-h.pdf", "我们都是黑体字"),
            ("zh/pdf/pdfjs-issue8372-unigb-utf16-noembed.pdf", "目录"),
            // GBK text in fonts declared WinAnsi, each character followed
            // by a space that the next one is drawn over.
            (
                "zh/pdf/pdfjs-xiaobiaosong-gbk-as-winansi.pdf",
                "关于红军作战的原则",
            ),
            // UniCNS-UTF16-H codes are UTF-16 text.
            (
                "zh-hant/pdf/pdfjs-issue19182-mingliu-unicns-extb.pdf",
                "胡駿𥕛",
            ),
        ];
        for (name, needle) in expected {
            let (text, _) = corpus_text(&dir, name);
            assert!(text.contains(needle), "{name}: {text}");
        }
    }

    #[test]
    fn corpus_fonts_without_a_mapping_give_warnings_not_garbage() {
        let Some(dir) = corpus() else { return };
        let cases = [(
            "pdf/issue-791-non-unicode-cmap.pdf",
            "font ABCDEE+Arial has no usable Unicode mapping",
        )];
        for (name, warning) in cases {
            let (text, warnings) = corpus_text(&dir, name);
            assert!(
                warnings.iter().any(|w| w.contains(warning)),
                "{name}: {warnings:?}"
            );
            // Latin-1 garble of TCVN3 or GBK bytes would show letters such as these.
            assert!(!text.contains(['Õ', '¹', 'Ë', 'Î', '¼']), "{name}: {text}");
        }
    }

    /// A PDF file of `objects` (object 1 is the catalog), with its xref.
    fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend(object);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let trailer = format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend(trailer.as_bytes());
        out
    }

    #[test]
    fn hostile_object_graphs_end_quickly_without_panic() {
        let page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Contents 4 0 R>>".to_vec();
        let pages = b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec();
        let contents = b"<</Length 5>>stream\nBT ET\nendstream".to_vec();
        let deep_array = [
            b"<</Type/Catalog/Pages 2 0 R/X ".to_vec(),
            vec![b'['; 200_000],
            vec![b']'; 200_000],
            b">>".to_vec(),
        ]
        .concat();
        let deep_dict = [
            b"<</Type/Catalog/Pages 2 0 R/X ".to_vec(),
            b"<</A ".repeat(100_000),
            b"1".to_vec(),
            b">>".repeat(100_000),
            b">>".to_vec(),
        ]
        .concat();
        let cases = [
            vec![deep_array, pages.clone(), page.clone(), contents.clone()],
            vec![deep_dict, pages.clone(), page.clone(), contents.clone()],
            // Page tree and structure tree pointing back at themselves.
            vec![
                b"<</Type/Catalog/Pages 2 0 R/StructTreeRoot 5 0 R>>".to_vec(),
                b"<</Type/Pages/Kids[2 0 R 3 0 R]/Count 1>>".to_vec(),
                b"<</Type/Page/Parent 2 0 R/Kids[2 0 R]/Contents 4 0 R>>".to_vec(),
                contents.clone(),
                b"<</Type/StructTreeRoot/K 6 0 R>>".to_vec(),
                b"<</S/H1/K[6 0 R 5 0 R 0]>>".to_vec(),
            ],
            // A stream claiming an absurd length.
            vec![
                b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
                pages,
                page,
                b"<</Length 99999999999999>>stream\nBT ET\nendstream".to_vec(),
            ],
        ];
        for (i, objects) in cases.iter().enumerate() {
            let started = std::time::Instant::now();
            let _ = extract(&raw_pdf(objects), &Limits::default());
            assert!(started.elapsed().as_secs() < 10, "case {i} took too long");
        }
    }

    #[test]
    fn damaged_copies_of_sample_pdfs_never_panic() {
        let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n.max(1)
        };
        for lang in ["vi", "zh"] {
            for entry in std::fs::read_dir(corpora.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "pdf") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                for _ in 0..6 {
                    let cut = next(bytes.len());
                    let _ = extract(&bytes[..cut], &Limits::default());
                    let mut flipped = bytes.clone();
                    for _ in 0..20 {
                        let at = next(flipped.len());
                        flipped[at] ^= 1 << next(8);
                    }
                    let _ = extract(&flipped, &Limits::default());
                }
            }
        }
    }

    #[test]
    fn short_bold_lines_alone_are_headings() {
        let paragraph = |text: &str, bold: bool, alone: bool| layout::Paragraph {
            bold,
            alone,
            ..layout::Paragraph::plain(text, 700.0, 13.0)
        };
        assert!(is_bold_heading(&paragraph("I. MỤC TIÊU", true, true)));
        assert!(is_bold_heading(&paragraph("（一）工作目标", true, true)));
        assert!(!is_bold_heading(&paragraph("Nơi nhận:", true, true)));
        assert!(!is_bold_heading(&paragraph("Loại vắc xin", true, false)));
        assert!(!is_bold_heading(&paragraph("I. MỤC TIÊU", false, true)));
        assert!(!is_bold_heading(&paragraph(
            "Các đơn vị thực hiện nghiêm túc.",
            true,
            true
        )));
    }

    #[test]
    fn pages_mostly_unmapped_are_rendered_for_ocr() {
        let page = |shown: usize, unmapped: usize, images: bool, glyphs: bool| {
            let mut content = content::PageContent {
                shown_glyphs: shown,
                unmapped_glyphs: unmapped,
                ..Default::default()
            };
            if images {
                content.images.push(images::ImageUse {
                    id: (1, 0),
                    matrix: content::Matrix::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
                });
            }
            if glyphs {
                content.glyphs.push(content::Glyph {
                    text: "T".into(),
                    x: 0.0,
                    y: 0.0,
                    ux: 1.0,
                    uy: 0.0,
                    advance: 6.0,
                    size: 12.0,
                    space: false,
                    mcid: None,
                    heading: 0,
                    bold: false,
                });
            }
            content
        };
        let (auto, force, off) = (OcrMode::Auto, OcrMode::Force, OcrMode::Off);
        // Half or more of the glyphs unmapped: unusable.
        assert_eq!(
            wants_ocr(auto, &page(10, 5, false, true)),
            Some(Scan::Rendering)
        );
        assert_eq!(
            wants_ocr(auto, &page(10, 10, true, false)),
            Some(Scan::Rendering)
        );
        assert_eq!(
            wants_ocr(force, &page(10, 9, true, true)),
            Some(Scan::Rendering)
        );
        assert_eq!(wants_ocr(off, &page(10, 10, false, false)), None);
        // Fewer: the text layer stands.
        assert_eq!(wants_ocr(auto, &page(10, 4, false, true)), None);
        assert_eq!(wants_ocr(auto, &page(10, 0, false, true)), None);
        assert_eq!(wants_ocr(auto, &page(0, 0, false, false)), None);
        // Scans as before; forced OCR renders pages without images.
        assert_eq!(
            wants_ocr(auto, &page(0, 0, true, false)),
            Some(Scan::Images)
        );
        assert_eq!(wants_ocr(auto, &page(10, 0, true, true)), None);
        assert_eq!(
            wants_ocr(force, &page(10, 0, true, true)),
            Some(Scan::Images)
        );
        assert_eq!(
            wants_ocr(force, &page(10, 0, false, true)),
            Some(Scan::Rendering)
        );
        assert_eq!(wants_ocr(off, &page(0, 0, true, false)), None);
    }

    #[test]
    fn unmapped_codes_are_counted_against_the_glyphs_shown() {
        // A simple font whose codes 1–3 name glyphs with no Unicode value;
        // its other codes are in the standard encoding.
        let content_of = |shown: &[u8]| {
            let mut pdf = Builder::new();
            pdf.font_id = pdf.doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Custom",
                "Encoding" => dictionary! {
                    "Type" => "Encoding",
                    "Differences" => vec![1.into(), "zzq1".into(), "zzq2".into(), "zzq3".into()],
                },
            });
            let mut ops = line(72, 600, 12, "");
            ops[3] = Operation::new("Tj", vec![Object::string_literal(shown.to_vec())]);
            pdf.page(ops, dictionary! {});
            let doc = Document::load_mem(&pdf.bytes()).unwrap();
            let limits = Limits::default();
            let mut interpreter = content::Interpreter::new(&doc, &limits);
            let page_id = *doc.get_pages().values().next().unwrap();
            interpreter.page(page_id)
        };
        let unusable = content_of(&[1, 2, 3, 1, b'A', b'b']);
        assert_eq!(unusable.unmapped, ["Custom"]);
        assert_eq!((unusable.shown_glyphs, unusable.unmapped_glyphs), (6, 4));
        assert!(unusable.text_unusable());
        let usable = content_of(&[1, b'A', b'b', b'c']);
        assert_eq!((usable.shown_glyphs, usable.unmapped_glyphs), (4, 1));
        assert!(!usable.text_unusable());
        assert_eq!(usable.glyphs.len(), 3);
    }
}
