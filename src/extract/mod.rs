//! Extraction: one module per format, each turning a document's bytes into
//! raw [`Block`](crate::model::Block)s in reading order.
//!
//! Every extractor has the same shape, `fn extract(bytes, limits) ->
//! Result<Extraction, DocError>`, returns errors as values and must not panic;
//! the pipeline still catches panics as a last resort. Extractors do not
//! normalize: the `normalize` stage owns NFC, whitespace and control characters.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod txt;
pub(crate) mod xml;

use crate::model::{DocError, Extraction, Format, Limits};

/// Extracts `bytes`, already identified as `format`, into raw blocks.
/// `password` opens encrypted PDFs; other formats ignore it.
pub fn extract(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
    password: Option<&str>,
) -> Result<Extraction, DocError> {
    match format {
        Format::Docx => docx::extract(bytes, limits),
        Format::Pdf => pdf::extract_with_password(bytes, limits, password),
        Format::Html => html::extract(bytes, limits),
        Format::Txt => txt::extract(bytes, limits),
    }
}
