//! Extraction: one module per format, each turning a document's bytes into
//! raw [`Block`](crate::model::Block)s in reading order.
//!
//! Every extractor has the same shape, `fn extract(bytes, limits) ->
//! Result<Extraction, DocError>`, returns errors as values and must not panic;
//! the pipeline still catches panics as a last resort. Extractors do not
//! normalize: the `normalize` stage owns NFC, whitespace and control characters.

pub(crate) mod boilerplate;
pub mod doc;
pub mod docx;
pub mod html;
pub mod ole;
pub mod pdf;
pub(crate) mod picture;
pub mod rtf;
pub mod sheet;
pub mod txt;
pub(crate) mod xml;

use crate::encoding::ForcedEncoding;
use crate::model::{Block, DocError, Extraction, Format, Limits};

/// Whether a field with instruction `code` shows a page number or count
/// (PAGE, NUMPAGES…): layout, not text, and different on every page, so
/// every reader leaves its result out.
pub(crate) fn is_page_number_field(code: &str) -> bool {
    let name = code.split_whitespace().next().unwrap_or_default();
    ["PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// The heading level a paragraph style's name gives: `heading 2`,
/// `Heading 2,H2`, `Tiêu đề 2`, `标题 2` → 2; `Title` → 1. Word writes a
/// style's aliases after its name, separated by commas.
pub(crate) fn heading_level_from_style_name(name: &str) -> Option<u32> {
    name.split(',').find_map(|alias| {
        let lower = alias.trim().to_lowercase();
        if lower == "title" {
            return Some(1);
        }
        ["heading", "tiêu đề", "标题"].iter().find_map(|prefix| {
            let digits = lower.strip_prefix(prefix)?.trim();
            digits.parse::<u32>().ok().filter(|n| (1..=9).contains(n))
        })
    })
}

/// Blocks with each distinct text (whitespace aside) kept once, in
/// first-seen order: a document with several sections repeats its headers
/// and footers.
pub(crate) fn distinct_blocks(blocks: Vec<Block>) -> Vec<Block> {
    let mut seen = std::collections::HashSet::new();
    blocks
        .into_iter()
        .filter(|b| seen.insert(b.text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Choices about how documents are read, beyond the resource limits.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// User password for encrypted PDFs; the empty password is always tried.
    pub password: Option<String>,
    /// HTML: keep the whole page (menus, sidebars, footers) instead of only
    /// its main content.
    pub whole_page: bool,
    /// Plain text and HTML: the encoding the user named, which overrides
    /// detection and the page's declaration.
    pub encoding: Option<ForcedEncoding>,
    /// Plain text: whether to keep only the article of a scraped page
    /// (`whole_page` turns it off).
    pub main_text: MainText,
    /// Scanned pages: when and how they are read by OCR.
    pub ocr: crate::ocr::OcrOptions,
    /// WARC and WET files: only the records whose URL this matches.
    pub url_filter: Option<regex::Regex>,
}

/// Whether a text file is cut to its article, as a web page is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MainText {
    /// Only when the text looks like a scraped page: furniture (menus,
    /// counters, related links, download notices) around its prose. An
    /// ordinary plan is never cut.
    #[default]
    Auto,
    /// Always keep only the article.
    On,
    /// Keep every line.
    Off,
}

impl std::str::FromStr for MainText {
    type Err = String;

    /// Reads the names `--main-text` takes: `auto`, `on`, `off`.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "auto" => Ok(MainText::Auto),
            "on" => Ok(MainText::On),
            "off" => Ok(MainText::Off),
            _ => Err(format!(
                "unknown main-text setting {name:?}: give auto, on or off"
            )),
        }
    }
}

/// Extracts `bytes`, already identified as `format`, into raw blocks.
pub fn extract(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
    options: &ReadOptions,
) -> Result<Extraction, DocError> {
    match format {
        Format::Docx => docx::extract_with(bytes, limits, &options.ocr),
        Format::Pdf => pdf::extract_with(bytes, limits, options.password.as_deref(), &options.ocr),
        Format::Html => html::extract_with(bytes, limits, options),
        Format::Txt => txt::extract_with(bytes, limits, options),
        Format::Doc => doc::extract(bytes, limits),
        Format::Rtf => rtf::extract(bytes, limits),
        Format::Xls | Format::Xlsx | Format::Ods => sheet::extract(bytes, format, limits),
    }
}

#[cfg(test)]
mod tests {
    use super::heading_level_from_style_name as level;

    #[test]
    fn heading_names_in_three_languages() {
        assert_eq!(level("heading 3"), Some(3));
        assert_eq!(level("Tiêu đề 2"), Some(2));
        assert_eq!(level("标题 1"), Some(1));
        assert_eq!(level("Title"), Some(1));
        assert_eq!(level("Heading 10"), None);
        assert_eq!(level("Normal"), None);
    }
}
