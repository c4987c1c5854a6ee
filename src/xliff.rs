//! Documents out to translators' tools as XLIFF, made from the records
//! (never by re-reading bytes): one group or unit per block, one
//! translation unit or segment per sentence, as our rules segmented it,
//! with the glossary terms each sentence holds.
//!
//! Promises:
//! - The sentences of a unit, in order, are exactly the block's sentence
//!   spans of the record: a CAT tool counts what `ingest` counts.
//! - Ids are unique in a file (`b3` for the third block, `b3-s2` for its
//!   second sentence) and stable for a given record.
//! - Each unit carries the SHA-256 (first 16 hex digits) of its source
//!   text, so that a translation that comes back for a changed source is
//!   noticed.
//! - Output is well-formed XML 1.0: characters XML forbids (C0 controls
//!   other than tab and line breaks) are written as U+FFFD.

pub mod read;
mod v12;
mod v21;

use crate::model::{Block, BlockKind, Span, TermHit};
use crate::output::Record;
use sha2::{Digest, Sha256};

pub use v12::write_v12;
pub use v21::{PLANGLOSS_NS, write_v21};

/// What an export is asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The target language (a BCP 47 code such as `zh-CN`).
    pub target: String,
    /// The source language; the document's detected language when `None`.
    pub source: Option<String>,
    /// Terms as inline `<mrk>` marks in the source, besides the notes.
    pub inline_terms: bool,
    /// XLIFF 1.2: a `<target state="needs-translation">` holding a copy of
    /// the source in each unit, as OmegaT's XLIFF filter needs (it
    /// translates the target's text and ignores units without one).
    pub prefill_targets: bool,
}

/// The source language of `record` under `options`, as a BCP 47 code.
pub fn source_language(record: &Record, options: &Options) -> String {
    options
        .source
        .clone()
        .unwrap_or_else(|| match serde_json::to_value(record.lang) {
            Ok(serde_json::Value::String(code)) if code != "und" => code,
            _ => "und".to_string(),
        })
}

/// The `x-` name of a block's kind, for `restype` and contexts.
fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list-item",
        BlockKind::TableCell => "table-cell",
        BlockKind::Caption => "caption",
        BlockKind::Footnote => "footnote",
        BlockKind::Header => "header",
        BlockKind::Footer => "footer",
    }
}

/// The first 16 hex digits of the SHA-256 of `text`.
pub fn source_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One sentence of a block: its text and the term hits inside it, with
/// their offsets made relative to the sentence.
struct Sentence<'a> {
    text: &'a str,
    terms: Vec<(usize, usize, &'a TermHit)>,
}

/// The sentences of `block` with their terms. A block without sentence
/// spans is one sentence.
fn sentences(block: &Block) -> Vec<Sentence<'_>> {
    let whole = [Span {
        start: 0,
        end: block.text.chars().count(),
    }];
    let spans = if block.sentences.is_empty() {
        &whole[..]
    } else {
        &block.sentences[..]
    };
    let offsets = char_offsets(&block.text);
    spans
        .iter()
        .map(|span| {
            let text = &block.text[offsets[span.start]..offsets[span.end]];
            let terms = block
                .terms
                .iter()
                .filter(|t| t.start >= span.start && t.end <= span.end)
                .map(|t| (t.start - span.start, t.end - span.start, t))
                .collect();
            Sentence { text, terms }
        })
        .collect()
}

/// The byte offset of each char offset of `text`, and of its end.
fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// The target-language form of a hit's entry: its column for the target
/// language (or the language's primary subtag: `zh` for `zh-CN`), or its
/// full form's for an abbreviation.
fn target_term(hit: &TermHit, target: &str) -> Option<String> {
    let primary = target.split(['-', '_']).next().unwrap_or(target);
    let in_target = |terms: &crate::model::Terms| {
        terms
            .get(target)
            .or_else(|| terms.get(primary))
            .map(str::to_string)
    };
    in_target(&hit.entry.terms).or_else(|| hit.entry.full_form.as_deref().and_then(in_target))
}

/// A glossary hit as a translator reads it in a note: "Kế hoạch hóa gia
/// đình → 计划生育 (preferred)".
fn term_note(hit: &TermHit, target: &str) -> String {
    let translation = target_term(hit, target).unwrap_or_else(|| "?".to_string());
    let status = match (&hit.entry.status, hit.entry.deprecated) {
        (_, true) => " (deprecated: replace)".to_string(),
        (Some(status), false) => format!(" ({status})"),
        (None, false) => String::new(),
    };
    format!("{} → {translation}{status}", hit.text)
}

/// Escapes text for XML content and attribute values; characters XML 1.0
/// forbids become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_well_formed() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{fffd}"
        );
        assert_eq!(source_hash("Kế hoạch").len(), 16);
    }
}
