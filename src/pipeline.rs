//! One document through every stage: read → detect → extract → normalize →
//! language → sentences → terms → record.
//!
//! Promise: [`Pipeline::process_file`] always returns a record and never
//! panics; failures become the record's `error`. A panic inside an extractor
//! (a bug, or a hostile file we did not foresee) is caught and reported as
//! `corrupt`.

use crate::budget::RecordBudget;
use crate::detect;
use crate::encoding::ForcedEncoding;
use crate::extract::{self, ReadOptions};
use crate::facts::{self, DocTypes};
use crate::glossary::Glossary;
use crate::input::{self, ReadError};
use crate::lang::{self, Evidence};
use crate::model::{Block, DocError, ErrorKind, Extraction, Format, Lang, Limits};
use crate::normalize::long_blocks::{MAX_BLOCK_CHARS, split_long_block};
use crate::normalize::{ToneStyle, normalize_with_anchors, place_vi_tones};
use crate::output::Record;
use crate::qa::artefacts::ArtefactList;
use crate::segment::Segmenter;
use crate::warc::{self, Payload, WebDocument};
use crate::zh_variant::{self, ZhVariant};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

mod settings;

pub use settings::Settings;

/// The configured stages, shared by all documents of a run.
#[derive(Debug, Default)]
pub struct Pipeline {
    pub glossary: Glossary,
    pub limits: Limits,
    /// How documents are read: PDF password, whole HTML pages.
    pub read: extract::ReadOptions,
    /// Where tone marks go in Vietnamese output text (oa/oe/uy syllables);
    /// glossary matching ignores the difference whatever this is.
    pub vi_tone: ToneStyle,
    /// Whether Chinese output text is rewritten in one script. Matching
    /// across scripts is the glossary's own setting
    /// ([`Glossary::across_zh_variants`]).
    pub zh_variant: ZhVariant,
    /// Sentence rules: the shipped SRX files, and the user's before them.
    pub segmenter: Segmenter,
    /// Document types for the document facts: the shipped rules, and the
    /// user's.
    pub doc_types: DocTypes,
}

/// A successfully processed document, before it is wrapped in a record.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    pub extraction: Extraction,
}

impl Pipeline {
    /// Reads the file at `path` and processes it; `display_path` is the
    /// record's `path`.
    pub fn process_file(&self, path: &Path, display_path: &str) -> Record {
        let mut record = Record::empty(display_path);
        let bytes = match read_bounded(path, &self.limits, &mut record) {
            Ok(bytes) => bytes,
            Err(error) => {
                record.error = Some(error);
                return record;
            }
        };
        self.fill_record(&bytes, &mut record);
        record
    }

    /// Processes a document already in memory.
    pub fn process_bytes(&self, bytes: &[u8], display_path: &str) -> Record {
        let mut record = Record::empty(display_path);
        record.bytes = bytes.len() as u64;
        // Refused by its size before anything is computed, as a file is.
        if let Err(error) = check_size(record.bytes, &self.limits) {
            record.error = Some(error);
            return record;
        }
        self.fill_record(bytes, &mut record);
        record
    }

    /// Processes one document of a web crawl: an HTTP response's body
    /// (its transfer and content codings undone, its charset used when the
    /// bytes are not UTF-8), a WET conversion's text, or a resource. The
    /// record's `path` is `FILE#RECORD-ID`; `meta.url` and `meta.fetched`
    /// say where and when it was fetched.
    pub fn process_web_document(&self, document: &WebDocument) -> Record {
        let mut record = Record::empty(&document.path);
        for (key, value) in [("url", &document.url), ("fetched", &document.fetched)] {
            if let Some(value) = value {
                record.meta.insert(key.into(), value.clone());
            }
        }
        if document.too_large {
            record.error = Some(too_large(None, self.limits.max_file_bytes));
            return record;
        }
        let WebBody {
            body,
            charset,
            html,
        } = match web_body(document, &self.limits) {
            Ok(body) => body,
            Err(error) => {
                record.error = Some(error);
                return record;
            }
        };
        record.bytes = body.len() as u64;
        let meta = std::mem::take(&mut record.meta);
        let read = match charset {
            Some(forced) if self.read.encoding.is_none() => Cow::Owned(ReadOptions {
                encoding: Some(forced),
                ..self.read.clone()
            }),
            _ => Cow::Borrowed(&self.read),
        };
        // A WET conversion is text whatever it looks like; a response the
        // server calls HTML is HTML even when it lacks an <html> tag.
        let format = match document.payload {
            Payload::Text => Some(Format::Txt),
            _ if html && detect::detect(&body).is_ok_and(|f| f == Format::Txt) => {
                Some(Format::Html)
            }
            _ => None,
        };
        self.fill_record_with(&body, &mut record, format, &read);
        let mut meta_after = meta;
        meta_after.append(&mut record.meta);
        record.meta = meta_after;
        if charset.is_some() && self.read.encoding.is_none() {
            record.meta.insert("encoding_source".into(), "http".into());
        }
        record
    }

    fn fill_record(&self, bytes: &[u8], record: &mut Record) {
        self.fill_record_with(bytes, record, None, &self.read);
    }

    /// Fills `record` from `bytes`, of `format` when the caller knows it
    /// (else detected), read with `read`.
    fn fill_record_with(
        &self,
        bytes: &[u8],
        record: &mut Record,
        format: Option<Format>,
        read: &ReadOptions,
    ) {
        record.sha256 = Some(hex_sha256(bytes));
        let extraction = check_size(bytes.len() as u64, &self.limits)
            .and_then(|()| format.map_or_else(|| detect::detect(bytes), Ok))
            .and_then(|format| {
                record.format = Some(format);
                self.extract_annotated(format, bytes, read)
            });
        match extraction {
            Ok(extraction) => {
                record.lang = extraction.lang;
                let published = extraction.meta.get("published").map(String::as_str);
                record.document =
                    facts::document_facts(&extraction.blocks, published, &self.doc_types);
                record.meta = extraction.meta;
                record.blocks = extraction.blocks;
                record.warnings = extraction.warnings;
            }
            Err(error) => record.error = Some(error),
        }
    }

    /// Reads the file at `path` within the size limit, as [`Pipeline::document`]
    /// then processes it. Unlike [`Pipeline::process_file`] it reads devices
    /// and pipes (`/dev/stdin`) too: the caller named the path.
    pub fn read_document(&self, path: &Path) -> Result<Document, DocError> {
        let bytes = input::read_limited(path, self.limits.max_file_bytes)
            .map_err(|e| read_error(path, e))?;
        self.document(&bytes)
    }

    /// Detects, extracts and annotates a document: blocks come out normalized,
    /// non-empty, with language, sentences and glossary terms.
    pub fn document(&self, bytes: &[u8]) -> Result<Document, DocError> {
        check_size(bytes.len() as u64, &self.limits)?;
        let format = detect::detect(bytes)?;
        let extraction = self.extract_annotated(format, bytes, &self.read)?;
        Ok(Document { format, extraction })
    }

    fn extract_annotated(
        &self,
        format: Format,
        bytes: &[u8],
        read: &ReadOptions,
    ) -> Result<Extraction, DocError> {
        let mut extraction = catch_unwind(AssertUnwindSafe(|| {
            extract::extract(format, bytes, &self.limits, read)
        }))
        .unwrap_or_else(|panic| Err(panic_to_error(format, panic)))?;
        let mut budget = RecordBudget::new(&self.limits);
        let blocks = std::mem::take(&mut extraction.blocks);
        let normalized = normalized_pieces(blocks, &mut budget, &mut extraction.warnings)?;
        // Language needs the whole document first: a block whose words prove
        // nothing takes the document's language.
        let context = lang::document_context(normalized.iter().map(|(_, evidence)| evidence));
        extraction.lang = context.lang();
        let mut annotated = Vec::with_capacity(normalized.len());
        for (block, evidence) in normalized {
            let block = self.annotate(block, evidence.lang_in(context));
            budget.charge_annotations(&block)?;
            annotated.push(block);
        }
        extraction.blocks = annotated;
        drop_dangling_note_marks(&mut extraction.blocks);
        warn_about_deprecated_terms(&mut extraction);
        warn_about_source_artefacts(&mut extraction);
        if extraction.blocks.is_empty()
            // An extractor that knows why there is no text (a scan) has said so.
            && !extraction.warnings.iter().any(|w| w.contains("no text"))
        {
            extraction
                .warnings
                .push("no text found in the document".into());
        }
        Ok(extraction)
    }

    /// Fills in a normalized block's language (`lang`), then its sentences
    /// and terms.
    fn annotate(&self, mut block: Block, lang: Lang) -> Block {
        block.lang = lang;
        if block.lang == Lang::Vi && self.vi_tone != ToneStyle::Keep {
            // Char counts do not change, so the note offsets above hold.
            block.text = place_vi_tones(&block.text, self.vi_tone);
        }
        if block.lang == Lang::Zh {
            // Char counts do not change here either.
            block.text = zh_variant::convert(&block.text, self.zh_variant);
        }
        block.sentences = self.segmenter.sentences(&block.text, block.lang);
        block.terms = self.glossary.find(&block.text);
        block
    }
}

/// The blocks normalized (empty ones dropped) and cut to
/// [`MAX_BLOCK_CHARS`], each charged to `budget`, with the evidence of their
/// language; a warning says how many paragraphs were cut.
fn normalized_pieces(
    blocks: Vec<Block>,
    budget: &mut RecordBudget,
    warnings: &mut Vec<String>,
) -> Result<Vec<(Block, Evidence)>, DocError> {
    let mut long_blocks = 0;
    let mut normalized = Vec::with_capacity(blocks.len());
    for block in blocks.into_iter().filter_map(normalize_block) {
        let pieces = split_long_block(block, MAX_BLOCK_CHARS);
        long_blocks += usize::from(pieces.len() > 1);
        for piece in pieces {
            budget.charge_block(&piece)?;
            let evidence = Evidence::of(&piece.text);
            normalized.push((piece, evidence));
        }
    }
    if long_blocks > 0 {
        let (s, were) = if long_blocks == 1 {
            ("", "was")
        } else {
            ("s", "were")
        };
        warnings.push(format!(
            "{long_blocks} paragraph{s} longer than {MAX_BLOCK_CHARS} characters {were} split into blocks of at most that length"
        ));
    }
    Ok(normalized)
}

/// Normalizes one block's text; `None` when nothing but whitespace remains.
fn normalize_block(mut block: Block) -> Option<Block> {
    let (text, anchors) = normalize_with_anchors(&block.text);
    block.text = text;
    // An extractor that records note marks puts one anchor per mark.
    block.notes.truncate(anchors.len());
    for (note, offset) in block.notes.iter_mut().zip(anchors) {
        note.offset = offset;
    }
    (!block.text.is_empty()).then_some(block)
}

/// One warning per deprecated glossary term the document uses, with how
/// often: terminology QA for the translator.
fn warn_about_deprecated_terms(extraction: &mut Extraction) {
    let mut uses: std::collections::BTreeMap<(String, &str, &str), usize> = Default::default();
    for hit in extraction
        .blocks
        .iter()
        .flat_map(|b| &b.terms)
        .filter(|h| h.entry.deprecated)
    {
        let id = hit.entry.id.as_deref().unwrap_or_default();
        *uses
            .entry((hit.text.to_lowercase(), &hit.entry.glossary, id))
            .or_default() += 1;
    }
    for ((term, glossary, id), count) in uses {
        let id = if id.is_empty() {
            String::new()
        } else {
            format!(", id {id}")
        };
        extraction.warnings.push(format!(
            "deprecated term \"{term}\" used {count} time{} (glossary {glossary}{id})",
            if count == 1 { "" } else { "s" }
        ));
    }
}

/// One warning per synonym swap of document-sharing sites (shipped
/// `rules/zh-artefacts.tsv`) in the Chinese blocks, with how often and the
/// original wording: text to check before translating it.
fn warn_about_source_artefacts(extraction: &mut Extraction) {
    let list = ArtefactList::shipped();
    let mut uses: std::collections::BTreeMap<(String, String), Vec<usize>> = Default::default();
    for (index, block) in extraction.blocks.iter().enumerate() {
        if block.lang != Lang::Zh {
            continue;
        }
        for hit in list.find(&block.text) {
            uses.entry((hit.found, hit.original))
                .or_default()
                .push(index);
        }
    }
    for ((found, original), mut blocks) in uses {
        let count = blocks.len();
        blocks.dedup();
        let mut listed: Vec<String> = blocks.iter().take(10).map(usize::to_string).collect();
        if blocks.len() > listed.len() {
            listed.push("…".into());
        }
        extraction.warnings.push(format!(
            "source artefact \"{found}\" used {count} time{} ({} {}): likely \"{original}\", \
             a synonym swap that document-sharing sites make",
            if count == 1 { "" } else { "s" },
            if blocks.len() == 1 { "block" } else { "blocks" },
            listed.join(", ")
        ));
    }
}

/// Removes note marks whose note block is gone (a note left empty after
/// normalization), so that every mark in a record points at a block.
fn drop_dangling_note_marks(blocks: &mut [Block]) {
    if blocks.iter().all(|b| b.notes.is_empty()) {
        return;
    }
    let ids: HashSet<String> = blocks.iter().filter_map(|b| b.id.clone()).collect();
    for block in blocks {
        block.notes.retain(|note| ids.contains(&note.id));
    }
}

/// Reads a regular file unless it is larger than the limit; records its
/// size. Devices and pipes found in a folder are refused: reading one could
/// wait forever.
fn read_bounded(path: &Path, limits: &Limits, record: &mut Record) -> Result<Vec<u8>, DocError> {
    let metadata = std::fs::metadata(path).map_err(|e| read_error(path, ReadError::Io(e)))?;
    if !metadata.is_file() {
        return Err(DocError::new(
            ErrorKind::Io,
            format!("{} is not a regular file", path.display()),
        ));
    }
    // Refused by its size before a byte is read (see `input::read_limited`).
    record.bytes = metadata.len();
    let bytes =
        input::read_limited(path, limits.max_file_bytes).map_err(|e| read_error(path, e))?;
    record.bytes = bytes.len() as u64;
    Ok(bytes)
}

/// A document error for a file that could not be read.
fn read_error(path: &Path, error: ReadError) -> DocError {
    match error {
        ReadError::TooLarge { limit, size } => too_large(size, limit),
        ReadError::Io(e) => DocError::new(
            ErrorKind::Io,
            format!("cannot read {}: {e}", path.display()),
        ),
    }
}

/// The document inside a crawl record, with what its HTTP head says of it.
struct WebBody<'a> {
    body: Cow<'a, [u8]>,
    /// The charset the head names, when the body needs one: a body in
    /// UTF-8 (or with a BOM) needs none, and the Western defaults servers
    /// send unasked (`iso-8859-1`, `windows-1252`, `us-ascii`) are left to
    /// the page's own declaration.
    charset: Option<ForcedEncoding>,
    /// The head calls it HTML.
    html: bool,
}

/// Undoes the HTTP codings of a response record's body (other records are
/// their own document).
fn web_body<'a>(document: &'a WebDocument, limits: &Limits) -> Result<WebBody<'a>, DocError> {
    if document.payload != Payload::Http {
        return Ok(WebBody {
            body: Cow::Borrowed(&document.block),
            charset: None,
            html: false,
        });
    }
    let (head, body_start) = warc::http::parse_head(&document.block)
        .ok_or_else(|| DocError::corrupt("the record's HTTP response head cannot be read"))?;
    let body = warc::http::decode_body(&head, &document.block[body_start..], limits.max_inflated_bytes)
        .map_err(|error| match error {
            warc::http::BodyError::TooLarge => DocError::too_large(format!(
                "the response body decodes to more than {} MiB; raise --max-inflated-size if the document is genuine",
                limits.max_inflated_bytes >> 20
            )),
            warc::http::BodyError::Undecodable(what) => {
                DocError::corrupt(format!("the response body cannot be decoded: {what}"))
            }
        })?;
    let needs_charset =
        !body.starts_with(&[0xef, 0xbb, 0xbf]) && std::str::from_utf8(&body).is_err();
    let charset = head
        .charset()
        .filter(|_| needs_charset)
        .filter(|label| {
            !matches!(
                label.as_str(),
                "iso-8859-1" | "latin1" | "windows-1252" | "us-ascii" | "ascii"
            )
        })
        .and_then(|label| label.parse::<ForcedEncoding>().ok());
    let html = matches!(
        head.media_type().as_deref(),
        Some("text/html" | "application/xhtml+xml")
    );
    Ok(WebBody {
        body: Cow::Owned(body),
        charset,
        html,
    })
}

/// Refuses documents over the size limit, before any work is spent on them.
fn check_size(bytes: u64, limits: &Limits) -> Result<(), DocError> {
    if bytes > limits.max_file_bytes {
        return Err(too_large(Some(bytes), limits.max_file_bytes));
    }
    Ok(())
}

fn too_large(size: Option<u64>, limit: u64) -> DocError {
    let size = match size {
        Some(bytes) => format!("file is {} MiB,", bytes >> 20),
        None => "file holds".to_string(),
    };
    DocError::too_large(format!(
        "{size} more than the {} MiB limit (--max-file-size)",
        limit.div_ceil(1 << 20)
    ))
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn panic_to_error(format: Format, panic: Box<dyn std::any::Any + Send>) -> DocError {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    DocError::corrupt(format!(
        "the {format:?} extractor failed on this file (internal error: {what}); please report it with the file"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, Lang};

    #[test]
    fn text_document_end_to_end() {
        let pipeline = Pipeline {
            glossary: Glossary::new(
                crate::glossary::parse_tsv("vi\tzh\ten\nDân số\t人口\tpopulation\n").unwrap(),
            ),
            ..Pipeline::default()
        };
        let record = pipeline.process_bytes(
            "KẾ HOẠCH DÂN SỐ\n\nCông tác dân số. Nhiệm vụ mới.\n".as_bytes(),
            "a.txt",
        );
        assert_eq!(record.format, Some(Format::Txt));
        assert_eq!(record.lang, Lang::Vi);
        assert_eq!(record.blocks.len(), 2);
        assert_eq!(record.blocks[0].kind, BlockKind::Heading);
        assert_eq!(record.blocks[1].sentences.len(), 2);
        assert_eq!(record.blocks[0].terms[0].text, "DÂN SỐ");
        assert_eq!(record.sha256.as_deref().map(str::len), Some(64));
    }

    #[test]
    fn empty_documents_are_warned_about_and_large_ones_refused() {
        let pipeline = Pipeline::default();
        let record = pipeline.process_bytes(
            b"<html><body><script>x()</script>&nbsp;</body></html>",
            "a.html",
        );
        assert_eq!(record.warnings, ["no text found in the document"]);
        let small = Pipeline {
            limits: Limits {
                max_file_bytes: 10,
                ..Limits::default()
            },
            ..Pipeline::default()
        };
        let record = small.process_bytes(b"<p>more than ten bytes</p>", "b.html");
        assert_eq!(record.error.unwrap().kind, ErrorKind::TooLarge);
    }

    #[test]
    fn the_record_budget_stops_term_hits_and_long_texts_are_split() {
        let pipeline = Pipeline {
            glossary: Glossary::new(
                crate::glossary::parse_tsv("vi\tzh\nKế hoạch\t计划\n").unwrap(),
            ),
            ..Pipeline::default()
        };
        let text = "Kế hoạch ".repeat(30_000);
        let record = pipeline.process_bytes(text.as_bytes(), "a.txt");
        assert!(record.error.is_none());
        assert_eq!(record.blocks.len(), 3);
        assert_eq!(
            record.warnings,
            [
                "1 paragraph longer than 100000 characters was split into blocks of at most that length"
            ]
        );
        let hits: usize = record.blocks.iter().map(|b| b.terms.len()).sum();
        assert_eq!(hits, 30_000);

        let small = Pipeline {
            limits: Limits {
                max_record_bytes: 1 << 20,
                ..Limits::default()
            },
            ..pipeline
        };
        let error = small.process_bytes(text.as_bytes(), "a.txt").error.unwrap();
        assert_eq!(error.kind, ErrorKind::TooLarge);
        assert!(error.message.contains("--max-record-size"), "{error}");
        let lines = "Kế hoạch\n".repeat(20_000);
        let error = small
            .process_bytes(lines.as_bytes(), "b.txt")
            .error
            .unwrap();
        assert_eq!(error.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn bad_input_becomes_error_records() {
        let pipeline = Pipeline::default();
        assert_eq!(
            pipeline.process_bytes(b"", "empty.txt").error.unwrap().kind,
            ErrorKind::Corrupt
        );
        let random: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(&random);
        assert!(pipeline.process_bytes(&pdf, "random.pdf").error.is_some());
        let missing = pipeline.process_file(Path::new("/nonexistent/x.docx"), "x.docx");
        assert_eq!(missing.error.unwrap().kind, ErrorKind::Io);
    }
}
