//! Rich Text Format documents, read natively (RTF 1.9.1).
//!
//! [`tokenizer`] splits the file into control words, symbols, groups, bytes
//! and text; [`reader`] keeps the group stack and routes text to where it
//! belongs, reading the font table ([`fonts`] decides how each font's bytes
//! read), the style sheet (for heading styles) and `\info` ([`info`]);
//! [`story`] turns paragraphs, table cells, headers, footers and notes into
//! blocks. Legacy Vietnamese text goes through one
//! [`LegacyDecoder`](crate::legacy::LegacyDecoder) per document, run by run
//! with its font name.
//!
//! Reading order is that of DOCX: the body (text boxes before the paragraph
//! they are anchored in), each distinct header and footer text once, then
//! footnotes and endnotes in the order of their marks.
//!
//! Limits: groups nesting deeper than `max_depth` make the file `corrupt`
//! (no real document comes near; flattening would misplace text silently);
//! kept text beyond `max_inflated_bytes` is `too_large`; `\binN` data running
//! past the end of the file is `corrupt`. A file cut short is read as far as
//! it goes. Reading is one pass with an explicit group stack: no recursion,
//! linear time.

mod fonts;
mod info;
mod reader;
mod state;
mod story;
#[cfg(test)]
mod tests;
mod tokenizer;

use crate::model::{DocError, Extraction, Limits};

/// Extracts the text of an RTF document: paragraphs with their heading level
/// or list label, table cells, text boxes, headers and footers, footnotes and
/// endnotes linked to their marks, legacy-font text decoded to Unicode, and
/// the `\info` metadata.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extraction, DocError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = bytes.get(start..).unwrap_or_default();
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if !body.trim_ascii_start().starts_with(b"{\\rtf") {
        return Err(DocError::corrupt("not an RTF document: no {\\rtf header"));
    }
    let document = reader::Reader::new(limits).read(body)?;
    let mut out = Extraction {
        blocks: document.output.into_blocks(),
        meta: document.meta,
        ..Extraction::default()
    };
    if document.tracked_changes {
        out.warnings.push(
            "document has tracked changes; text is given as if all changes were accepted".into(),
        );
    }
    Ok(out)
}
