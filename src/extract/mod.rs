//! Extraction: one module per format, each turning a document's bytes into
//! raw [`Block`](crate::model::Block)s in reading order.
//!
//! Every extractor has the same shape, `fn extract(bytes, limits) ->
//! Result<Extraction, DocError>`, returns errors as values and must not panic;
//! the pipeline still catches panics as a last resort. Extractors do not
//! normalize: the `normalize` stage owns NFC, whitespace and control characters.

pub mod doc;
pub mod docx;
pub mod html;
pub mod ole;
pub mod pdf;
pub mod rtf;
pub mod sheet;
pub mod txt;
pub(crate) mod xml;

use crate::encoding::ForcedEncoding;
use crate::model::{DocError, Extraction, Format, Limits};

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
}

/// Extracts `bytes`, already identified as `format`, into raw blocks.
pub fn extract(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
    options: &ReadOptions,
) -> Result<Extraction, DocError> {
    match format {
        Format::Docx => docx::extract(bytes, limits),
        Format::Pdf => pdf::extract_with_password(bytes, limits, options.password.as_deref()),
        Format::Html => html::extract_with(bytes, limits, options),
        Format::Txt => txt::extract(bytes, limits, options.encoding),
        Format::Doc => doc::extract(bytes, limits),
        Format::Rtf => rtf::extract(bytes, limits),
        Format::Xls | Format::Xlsx | Format::Ods => sheet::extract(bytes, format, limits),
    }
}
