//! The data that flows between pipeline stages.
//!
//! Extractors turn bytes into an [`Extraction`] (raw [`Block`]s plus metadata and
//! warnings); later stages fill in each block's language, sentences and term hits.
//! Nothing here knows about JSON: `output` decides how these are written.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A document format plangloss can extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
    Html,
    Txt,
    /// Word 97–2003 binary document (an OLE2 compound file).
    Doc,
    /// Rich Text Format.
    Rtf,
    /// Excel 97–2003 binary workbook (BIFF8, in an OLE2 compound file).
    Xls,
    /// Office Open XML workbook.
    Xlsx,
    /// OpenDocument spreadsheet.
    Ods,
}

/// What a block is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    Caption,
    Footnote,
    Header,
    Footer,
}

/// Where a table cell sits: the document's n-th table (0-based, in reading
/// order, nested tables included) and the cell's 0-based row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TablePos {
    pub index: u32,
    pub row: u32,
    pub col: u32,
}

/// A sentence span: char offsets into the block text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A glossary term found in a block. `start`/`end` are char offsets into the
/// block text and `text` is exactly the characters between them.
///
/// Written out as one JSON object: `start`, `end`, `text`, then the entry's
/// fields (see [`HitEntry`]) with `variant` among them, in the record
/// schema's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// True when `text` is one of the entry's `variants`, not a main term.
    pub variant: bool,
    /// The glossary entry found, shared by all its hits.
    pub entry: Arc<HitEntry>,
}

/// What a [`TermHit`] tells of the glossary entry it found. A glossary
/// makes one per entry, shared by every hit on it, so that a hit costs one
/// reference count rather than copies of the entry's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitEntry {
    /// The glossary row's language columns, e.g. `{"vi": …, "zh": …, "en": …}`
    /// (the hit's `entry` field).
    pub terms: Arc<Terms>,
    /// The entry's `id`, when the glossary has one.
    pub id: Option<String>,
    /// The entry's `status` (`preferred`, `admitted`, `deprecated`).
    pub status: Option<String>,
    /// True when the entry is deprecated: a term to replace.
    pub deprecated: bool,
    /// For an abbreviation, the language columns of its full form.
    pub full_form: Option<Arc<Terms>>,
    /// The glossary file the entry comes from, as given on the command line.
    pub glossary: Arc<str>,
}

impl Serialize for TermHit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = &*self.entry;
        let mut hit = serializer.serialize_struct("TermHit", 10)?;
        hit.serialize_field("start", &self.start)?;
        hit.serialize_field("end", &self.end)?;
        hit.serialize_field("text", &self.text)?;
        hit.serialize_field("entry", &entry.terms)?;
        if let Some(id) = &entry.id {
            hit.serialize_field("id", id)?;
        }
        if let Some(status) = &entry.status {
            hit.serialize_field("status", status)?;
        }
        if entry.deprecated {
            hit.serialize_field("deprecated", &true)?;
        }
        if self.variant {
            hit.serialize_field("variant", &true)?;
        }
        if let Some(full_form) = &entry.full_form {
            hit.serialize_field("full_form", full_form)?;
        }
        hit.serialize_field("glossary", &entry.glossary)?;
        hit.end()
    }
}

/// The language columns of a glossary row: (language code, term) pairs,
/// written as a JSON object in code order, like a `BTreeMap`.
///
/// Invariant: sorted by code, each code once. A boxed slice rather than a
/// map, because a glossary holds one per row: 100,000 rows of three terms
/// take about a fifth of the memory a `BTreeMap` would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms(Box<[(Arc<str>, Box<str>)]>);

impl Terms {
    /// The term in language `code`.
    pub fn get(&self, code: &str) -> Option<&str> {
        let at = self.0.binary_search_by(|(c, _)| (**c).cmp(code)).ok()?;
        Some(&self.0[at].1)
    }

    /// (code, term) pairs in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(code, term)| (&**code, &**term))
    }

    /// The language codes, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(code, _)| code)
    }

    /// The terms, in code order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(_, term)| term)
    }

    /// Number of languages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no terms.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The term in language `code`; panics when there is none, as a map does.
impl std::ops::Index<&str> for Terms {
    type Output = str;

    fn index(&self, code: &str) -> &str {
        self.get(code)
            .unwrap_or_else(|| panic!("no term in language {code}"))
    }
}

/// Where a code comes twice, the last term wins, as in a map.
impl FromIterator<(Arc<str>, Box<str>)> for Terms {
    fn from_iter<I: IntoIterator<Item = (Arc<str>, Box<str>)>>(pairs: I) -> Self {
        let mut pairs: Vec<_> = pairs.into_iter().collect();
        pairs.reverse();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, earlier| later.0 == earlier.0);
        Terms(pairs.into_boxed_slice())
    }
}

impl Serialize for Terms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (code, term) in self.iter() {
            map.serialize_entry(code, term)?;
        }
        map.end()
    }
}

/// A footnote or endnote reference mark inside a block's text. The mark itself
/// is not part of the text: `offset` is the char offset where it stands (the
/// mark follows the char before it), and `id` is the `id` of the note block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRef {
    pub id: String,
    pub label: String,
    pub offset: usize,
}

/// One unit of text in reading order.
///
/// Invariant after normalization: `text` is NFC, non-empty, has no leading or
/// trailing whitespace, and uses `\n` only for line breaks kept inside the block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<TablePos>,
    /// Spreadsheets: the name of the sheet a cell or sheet heading belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The number or bullet shown before the text ("1.", "a)", "（一）", "•"),
    /// or a note's number; never part of `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// An identifier other blocks refer to: notes are `footnote-N` / `endnote-N`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Note reference marks in the text, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteRef>,
    /// Read by OCR from an image of the page (a scan).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
    /// OCR: the mean confidence of the block's words, 0–1, to 3 decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    pub lang: Lang,
    pub text: String,
    pub sentences: Vec<Span>,
    pub terms: Vec<TermHit>,
}

impl Block {
    /// A block of `kind` with `text`, as an extractor produces it: no level,
    /// page or table position, and nothing filled in by later stages yet.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            level: None,
            page: None,
            table: None,
            sheet: None,
            label: None,
            id: None,
            notes: Vec::new(),
            ocr: false,
            confidence: None,
            lang: Lang::Und,
            text: text.into(),
            sentences: Vec::new(),
            terms: Vec::new(),
        }
    }

    /// Sets the heading or list nesting level (1 = top).
    pub fn with_level(mut self, level: u32) -> Self {
        self.level = Some(level);
        self
    }

    /// Sets the 1-based page number.
    pub fn with_page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Sets the table position of a table cell.
    pub fn with_table(mut self, table: TablePos) -> Self {
        self.table = Some(table);
        self
    }

    /// Marks the block as read by OCR with `confidence` (0–1) when there
    /// is one; a block of a text layer (`None`) stays as it is.
    pub fn with_ocr(mut self, confidence: Option<f32>) -> Self {
        if let Some(confidence) = confidence {
            self.ocr = true;
            self.confidence = Some((confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0);
        }
        self
    }

    /// Sets the spreadsheet sheet the block belongs to.
    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }
}

/// A language plangloss recognises; `Und` when a block has no words to
/// judge, or words of a language other than these three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    Zh,
    En,
    #[default]
    Und,
}

impl Lang {
    /// The code written in JSON (`vi`, `zh`, `en`, `und`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
}

/// What an extractor returns for a readable document.
#[derive(Debug, Default, Clone)]
pub struct Extraction {
    pub blocks: Vec<Block>,
    /// Format-specific metadata (title, author, created, declared encoding…).
    pub meta: BTreeMap<String, String>,
    /// Problems that did not stop extraction, in the order they were found.
    pub warnings: Vec<String>,
    /// The document's dominant language, once the pipeline has detected it
    /// (`und` until then).
    pub lang: Lang,
}

/// Why a document produced no blocks. The JSON names are part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    UnsupportedFormat,
    Corrupt,
    Encrypted,
    TooLarge,
    Io,
}

/// A per-document failure: becomes the record's `error` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocError {
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    /// A new error of `kind` with a message meant for the user.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }

    /// Shorthand for a `corrupt` error.
    pub fn corrupt(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Corrupt, message)
    }

    /// Shorthand for an `unsupported_format` error.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::UnsupportedFormat, message)
    }

    /// Shorthand for a `too_large` error.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::TooLarge, message)
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for DocError {}

/// Resource limits applied while extracting one document, so that a hostile
/// file (zip bomb, deep nesting, huge page tree) fails alone and fast.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed size, in bytes, of all XML read from one DOCX
    /// package together, or of one PDF stream.
    pub max_inflated_bytes: u64,
    /// Deepest XML/HTML element nesting or PDF form/object recursion followed.
    pub max_depth: usize,
    /// Most memory one record's structure may take (see [`crate::budget`]).
    pub max_record_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_inflated_bytes: 256 * 1024 * 1024,
            max_depth: 256,
            max_record_bytes: 128 * 1024 * 1024,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_a_sorted_map_where_the_last_code_wins() {
        let pair = |code: &str, term: &str| (Arc::from(code), Box::from(term));
        let terms: Terms = [pair("zh", "计生"), pair("en", "FP"), pair("zh", "计划生育")]
            .into_iter()
            .collect();
        assert_eq!(terms.keys().collect::<Vec<_>>(), ["en", "zh"]);
        assert_eq!(terms.get("zh"), Some("计划生育"));
        assert_eq!(terms.get("vi"), None);
        assert_eq!(
            serde_json::to_string(&terms).unwrap(),
            r#"{"en":"FP","zh":"计划生育"}"#
        );
    }

    #[test]
    fn a_hit_is_written_with_its_entry_fields_in_schema_order() {
        let terms = |pairs: &[(&str, &str)]| -> Arc<Terms> {
            Arc::new(
                pairs
                    .iter()
                    .map(|&(code, term)| (Arc::from(code), Box::from(term)))
                    .collect(),
            )
        };
        let mut hit = TermHit {
            start: 3,
            end: 8,
            text: "KHHGĐ".into(),
            variant: true,
            entry: Arc::new(HitEntry {
                terms: terms(&[("vi", "KHHGĐ")]),
                id: Some("fp".into()),
                status: Some("deprecated".into()),
                deprecated: true,
                full_form: Some(terms(&[("en", "family planning")])),
                glossary: Arc::from("g.tsv"),
            }),
        };
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"start":3,"end":8,"text":"KHHGĐ","entry":{"vi":"KHHGĐ"},"id":"fp","status":"deprecated","deprecated":true,"variant":true,"full_form":{"en":"family planning"},"glossary":"g.tsv"}"#
        );
        hit.variant = false;
        hit.entry = Arc::new(HitEntry {
            id: None,
            status: None,
            deprecated: false,
            full_form: None,
            ..(*hit.entry).clone()
        });
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"start":3,"end":8,"text":"KHHGĐ","entry":{"vi":"KHHGĐ"},"glossary":"g.tsv"}"#
        );
    }
}
