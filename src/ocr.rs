//! OCR of page images with Tesseract: pages with no usable text layer
//! (scans of signed plans) read as paragraphs with their confidence.
//!
//! Stages: a page image (8-bit gray, with its resolution, from a PDF page
//! or a picture) → made ready ([`image`]: upright by orientation detection,
//! straightened by [`deskew`]) → Tesseract ([`tesseract`], loaded at run
//! time) → its TSV → paragraphs ([`words`]).
//!
//! Promises: OCR never stops a batch. Where Tesseract or a language's data
//! is not installed, [`read_page`] says so (with how to install it) and the
//! caller warns; a page that takes longer than its time limit is given up.

pub mod circled;
pub mod deskew;
pub mod image;
pub mod markers;
pub mod missed;
pub mod note_marks;
pub mod sampling;
pub mod seal;
pub mod signs;
pub mod tesseract;
pub mod tsv;
pub mod words;

pub use words::Paragraph;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A page image ready for OCR: 8-bit gray, one byte a pixel, rows top to
/// bottom, at `dpi` dots per inch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
    pub pixels: Vec<u8>,
}

/// The languages plangloss reads scans in, each a Tesseract model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    #[serde(rename = "vie")]
    Vietnamese,
    #[serde(rename = "chi_sim")]
    SimplifiedChinese,
    #[serde(rename = "chi_tra")]
    TraditionalChinese,
}

impl Language {
    /// The Tesseract model's name.
    pub fn model(self) -> &'static str {
        match self {
            Language::Vietnamese => "vie",
            Language::SimplifiedChinese => "chi_sim",
            Language::TraditionalChinese => "chi_tra",
        }
    }

    /// Whether the language is written without spaces between words.
    pub fn is_chinese(self) -> bool {
        !matches!(self, Language::Vietnamese)
    }
}

impl FromStr for Language {
    type Err = String;

    /// Reads a Tesseract model name or a language tag: `vie`/`vi`,
    /// `chi_sim`/`zh`/`zh-Hans`, `chi_tra`/`zh-Hant`.
    fn from_str(name: &str) -> Result<Self, String> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "vie" | "vi" => Ok(Language::Vietnamese),
            "chi-sim" | "zh" | "zh-hans" | "zh-cn" => Ok(Language::SimplifiedChinese),
            "chi-tra" | "zh-hant" | "zh-tw" | "zh-hk" => Ok(Language::TraditionalChinese),
            _ => Err(format!(
                "unknown OCR language {name:?}: give vie, chi_sim or chi_tra"
            )),
        }
    }
}

/// When pages are read by OCR (`--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OcrMode {
    /// Pages with no text layer, or whose text layer is unusable.
    #[default]
    Auto,
    /// Never.
    Off,
    /// Every page, and the images of other documents.
    Force,
}

impl FromStr for OcrMode {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "auto" => Ok(OcrMode::Auto),
            "off" => Ok(OcrMode::Off),
            "force" => Ok(OcrMode::Force),
            _ => Err(format!(
                "unknown OCR mode {name:?}: give auto, off or force"
            )),
        }
    }
}

/// Below this mean confidence a page is reported as poorly read.
pub const LOW_CONFIDENCE: f32 = 0.7;

/// How documents are read by OCR: the user's `--ocr`, `--ocr-lang` and
/// the time one page may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrOptions {
    pub mode: OcrMode,
    /// The language of every scanned page; otherwise each page's is taken
    /// from the document's other text, else from the page's script.
    pub language: Option<Language>,
    /// The most one page may take; a page over it is given up.
    pub page_time_limit: Duration,
}

/// The time one page may take by default: a dense 300 dpi page takes 1–3 s
/// on one core.
pub const DEFAULT_PAGE_TIME_LIMIT: Duration = Duration::from_secs(120);

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            mode: OcrMode::Auto,
            language: None,
            page_time_limit: DEFAULT_PAGE_TIME_LIMIT,
        }
    }
}

impl OcrOptions {
    /// No OCR at all.
    pub fn off() -> Self {
        OcrOptions {
            mode: OcrMode::Off,
            ..OcrOptions::default()
        }
    }
}

/// Why a page was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum OcrError {
    /// Tesseract cannot be loaded; the text says why and how to install it.
    NotInstalled(String),
    /// Tesseract has no data for this model.
    MissingLanguage(String),
    /// The page took longer than its time limit.
    TimedOut(Duration),
    /// The image is too large to hand to Tesseract.
    TooLarge,
    /// Tesseract failed on the page.
    Failed(String),
}

impl fmt::Display for OcrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrError::NotInstalled(why) => write!(f, "{why}"),
            OcrError::MissingLanguage(model) => write!(
                f,
                "Tesseract has no `{model}` data; {}",
                tesseract::INSTALL_HINT
            ),
            OcrError::TimedOut(limit) => {
                write!(f, "OCR gave up after {} s", limit.as_secs_f32())
            }
            OcrError::TooLarge => write!(f, "the page image is too large for OCR"),
            OcrError::Failed(why) => write!(f, "{why}"),
        }
    }
}

/// Reads `image` in `language`: its paragraphs in reading order, each with
/// its confidence, within `time_limit`. A page without ink gives none,
/// without running Tesseract.
pub fn read_page(
    image: &PageImage,
    language: Language,
    time_limit: Duration,
) -> Result<Vec<Paragraph>, OcrError> {
    if !has_ink(image) {
        return Ok(Vec::new());
    }
    let tsv = tesseract::recognize(image, language, tesseract::Layout::Page, time_limit)?;
    let tsv = with_text_under_gray_seals(image, language, time_limit, &tsv)?;
    let mut lines = Vec::new();
    for area in missed::missed_lines(image, &tsv) {
        let crop = image::crop(image, area);
        let read = |crop: &PageImage| {
            tesseract::recognize(crop, language, tesseract::Layout::Line, time_limit)
        };
        let mut line = read(&crop)?;
        if !missed::is_confident(&line) {
            line = read(&missed::without_underlines(&crop))?;
        }
        if missed::is_confident(&line) {
            lines.push((area, line));
        }
    }
    let tsv = missed::merge(&tsv, &lines);
    let tsv = signs::with_comparison_signs(image, &tsv);
    // The passes below read small parts of the page again to correct
    // what was read; one that fails (a crop Tesseract chokes on) corrects
    // nothing rather than losing the page.
    let again = |image: &PageImage, language, layout| {
        Ok(tesseract::recognize(image, language, layout, time_limit).unwrap_or_default())
    };
    // Digits and Latin letters, which the Vietnamese model reads best, on
    // a Chinese page too; with the page's own when it is missing.
    let latin = match tesseract::has_language(Language::Vietnamese) {
        true => Language::Vietnamese,
        false => language,
    };
    let tsv = circled::with_circled_numbers(image, &tsv, &mut |digits| {
        again(digits, latin, tesseract::Layout::Char)
    })?;
    let tsv =
        markers::with_line_markers(image, &tsv, language.is_chinese(), &mut |crop, model| {
            let model = match model {
                markers::Model::Page => language,
                markers::Model::Latin => latin,
            };
            again(crop, model, tesseract::Layout::Line)
        })?;
    let tsv = note_marks::with_note_marks(image, &tsv, &mut |mark| {
        again(mark, latin, tesseract::Layout::Char)
    })?;
    let is_ruled = |area| image::has_vertical_rule(image, area);
    Ok(words::paragraphs(&tsv, language.is_chinese(), &is_ruled))
}

/// `tsv` (the page's) with the text read under a seal scanned in gray,
/// in the areas Tesseract took for pictures ([`missed::picture_areas`],
/// [`seal::without_gray_seal`]), where read with confidence.
fn with_text_under_gray_seals(
    image: &PageImage,
    language: Language,
    time_limit: Duration,
    tsv: &str,
) -> Result<String, OcrError> {
    let mut read = Vec::new();
    for area in missed::picture_areas(tsv, image.dpi) {
        let Some(clean) = seal::without_gray_seal(&image::crop(image, area)) else {
            continue;
        };
        let words = tesseract::recognize(&clean, language, tesseract::Layout::Block, time_limit)?;
        if missed::is_confident(&words) {
            read.push((area, words));
        }
    }
    Ok(missed::merge(tsv, &read))
}

/// Fewer dark pixels than this: a blank page (the back of a sheet, an
/// empty page rendered with `--ocr force`), not worth Tesseract's second.
const MIN_INK_PIXELS: usize = 32;

/// Whether `image` has any ink: at least [`MIN_INK_PIXELS`] pixels darker
/// than mid-gray.
fn has_ink(image: &PageImage) -> bool {
    image
        .pixels
        .iter()
        .filter(|&&p| p < image::INK)
        .nth(MIN_INK_PIXELS - 1)
        .is_some()
}

/// The mean confidence of `paragraphs`, 0–1, each weighted by its length
/// in characters; 0 when there are none.
pub fn mean_confidence(paragraphs: &[Paragraph]) -> f32 {
    let chars: f32 = paragraphs
        .iter()
        .map(|p| p.text.chars().count() as f32)
        .sum();
    paragraphs
        .iter()
        .map(|p| p.confidence * p.text.chars().count() as f32)
        .sum::<f32>()
        / chars.max(1.0)
}

/// The language of a document's own text, to read its images in: Chinese
/// when most of its letters are Han (traditional when a tenth of them
/// have a simplified form), else Vietnamese; `None` when it has fewer than
/// 50 letters to tell by.
pub fn language_of_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Language> {
    let (mut han, mut traditional, mut other) = (0usize, 0usize, 0usize);
    for c in texts.into_iter().flat_map(str::chars) {
        if crate::script::is_cjk(c) {
            han += 1;
            traditional += usize::from(crate::zh_variant::simplified_char(c) != c);
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    match han + other {
        0..50 => None,
        // In traditional text a quarter or more of the characters have a
        // simplified form; in simplified text almost none do.
        _ if han > other && traditional * 10 >= han => Some(Language::TraditionalChinese),
        _ if han > other => Some(Language::SimplifiedChinese),
        _ => Some(Language::Vietnamese),
    }
}

/// Test pages and TSV for the OCR stages.
#[cfg(test)]
pub(crate) mod test_pages {
    use super::PageImage;

    /// The header row of Tesseract's TSV.
    pub const HEADER: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    /// A white 300 dpi page, `width` × `height`, with black rectangles
    /// (left, top, width, height), each minus the white ones of `holes`.
    pub fn drawn(
        width: u32,
        height: u32,
        inked: &[(u32, u32, u32, u32)],
        holes: &[(u32, u32, u32, u32)],
    ) -> PageImage {
        let mut pixels = vec![255u8; (width * height) as usize];
        for (shapes, value) in [(inked, 0), (holes, 255)] {
            for &(left, top, w, h) in shapes {
                for y in top..top + h {
                    for x in left..left + w {
                        pixels[(y * width + x) as usize] = value;
                    }
                }
            }
        }
        PageImage {
            width,
            height,
            dpi: 300,
            pixels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ocr_fixture as fixture, tesseract_installed as installed};

    #[test]
    fn a_vietnamese_and_a_chinese_page_are_read() {
        if !installed() {
            return;
        }
        let limit = Duration::from_secs(60);
        let vi = read_page(
            &fixture("vi-plan-top.pgm.gz", 150),
            Language::Vietnamese,
            limit,
        )
        .unwrap();
        let text: Vec<&str> = vi.iter().map(|p| p.text.as_str()).collect();
        let text = text.join("\n");
        assert!(
            text.contains("Chăm sóc sức khỏe người cao tuổi năm 2025"),
            "{text}"
        );
        assert!(text.contains("112/KH-TTYT"), "{text}");
        assert!(vi.iter().all(|p| (0.0..=1.0).contains(&p.confidence)));
        let zh = read_page(
            &fixture("zh-plan-top.pgm.gz", 150),
            Language::SimplifiedChinese,
            limit,
        )
        .unwrap();
        let text: String = zh.iter().map(|p| p.text.as_str()).collect();
        assert!(text.contains("妇幼健康工作要点"), "{text}");
        assert!(text.contains("以提升妇女儿童健康水平为目标"), "{text}");
    }

    #[test]
    fn a_page_over_its_time_limit_is_given_up() {
        if !installed() {
            return;
        }
        let image = fixture("zh-plan-top.pgm.gz", 150);
        let result = read_page(
            &image,
            Language::SimplifiedChinese,
            Duration::from_millis(1),
        );
        assert_eq!(result, Err(OcrError::TimedOut(Duration::from_millis(1))));
    }

    #[test]
    fn names_are_read() {
        assert_eq!("vi".parse(), Ok(Language::Vietnamese));
        assert_eq!("chi_sim".parse(), Ok(Language::SimplifiedChinese));
        assert_eq!("zh-Hant".parse(), Ok(Language::TraditionalChinese));
        assert!("klingon".parse::<Language>().is_err());
        assert_eq!("force".parse(), Ok(OcrMode::Force));
    }
}
