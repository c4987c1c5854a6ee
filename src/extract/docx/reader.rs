//! Streams one WordprocessingML part (the body, a header or footer, the
//! footnotes or endnotes) into blocks.
//!
//! What counts as text: `w:t` of runs, tabs, breaks, non-breaking hyphens and
//! symbols; the results of fields but not their codes; inserted but not
//! deleted text; one choice of `mc:AlternateContent`; text boxes. What does
//! not: field codes, deleted or moved-away text, the VML fallback copy of a
//! drawing, the old properties kept by tracked formatting changes, page-number
//! fields, and the placeholder text of empty content controls.

use super::numbering::{ListCounters, Numbering};
use super::pictures::PictureFinder;
use super::styles::{NumPr, Styles, font_of, is_on, outline_to_level};
use crate::budget::RecordBudget;
use crate::extract::xml::{attr, resolve_reference};
use crate::legacy::{FontRun, LegacyDecoder, Piece};
use crate::model::{Block, BlockKind, DocError, Limits, NoteRef, TablePos};
use crate::normalize::NOTE_ANCHOR;
use quick_xml::events::{BytesStart, Event};

/// Which part is being read; it decides the kind of the blocks it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
    Body,
    Header,
    Footer,
    Footnotes,
    Endnotes,
}

impl PartKind {
    /// The prefix of note ids and the element names of notes and their references.
    fn note_prefix(self) -> &'static str {
        if self == PartKind::Endnotes {
            "endnote"
        } else {
            "footnote"
        }
    }
}

/// How the notes of one kind are numbered (`w:footnotePr` / `w:endnotePr`).
#[derive(Debug, Clone)]
pub(super) struct NoteNumbering {
    pub format: String,
    pub start: u32,
}

/// State shared by every part of one document, in reading order.
pub(super) struct DocumentState<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub limits: &'a Limits,
    pub counters: ListCounters<'a>,
    pub footnote_numbering: NoteNumbering,
    pub endnote_numbering: NoteNumbering,
    /// Note id (`footnote-2`) → its label, in the order the marks were met.
    pub note_labels: Vec<(String, String)>,
    /// `r:id`s of the headers and footers sections refer to, in order.
    pub header_refs: Vec<String>,
    pub footer_refs: Vec<String>,
    pub tracked_changes: bool,
    /// Decodes legacy Vietnamese text, paragraph by paragraph.
    pub decoder: LegacyDecoder,
    /// The pictures of the body, where they stand among its blocks.
    pub pictures: PictureFinder,
    /// The record's memory, charged as blocks are made, across all parts.
    budget: RecordBudget,
    next_table: u32,
    footnotes_seen: u32,
    endnotes_seen: u32,
}

impl<'a> DocumentState<'a> {
    /// Fresh state for a document with these styles and lists; `notes` says
    /// how footnotes and endnotes are numbered.
    pub(super) fn new(
        styles: &'a Styles,
        numbering: &'a Numbering,
        limits: &'a Limits,
        notes: [NoteNumbering; 2],
    ) -> Self {
        let [footnote_numbering, endnote_numbering] = notes;
        DocumentState {
            styles,
            numbering,
            limits,
            counters: ListCounters::new(numbering),
            footnote_numbering,
            endnote_numbering,
            note_labels: Vec::new(),
            header_refs: Vec::new(),
            footer_refs: Vec::new(),
            tracked_changes: false,
            decoder: LegacyDecoder::new(),
            pictures: PictureFinder::default(),
            budget: RecordBudget::new(limits),
            next_table: 0,
            footnotes_seen: 0,
            endnotes_seen: 0,
        }
    }

    /// Reads one part into blocks of the kind `part` implies.
    pub(super) fn read_part(&mut self, xml: &str, part: PartKind) -> Result<Vec<Block>, DocError> {
        let mut reader = PartReader::new(self, part);
        reader.read(xml)?;
        Ok(reader.blocks)
    }

    /// Charges `count` more blocks (read from pictures) to the record.
    pub(super) fn charge_blocks(&mut self, count: u64) -> Result<(), DocError> {
        self.budget.charge_blocks(count)
    }

    /// The label of the next automatically numbered note of `prefix`'s kind.
    fn next_note_label(&mut self, prefix: &str) -> String {
        let (seen, numbering) = if prefix == "endnote" {
            (&mut self.endnotes_seen, &self.endnote_numbering)
        } else {
            (&mut self.footnotes_seen, &self.footnote_numbering)
        };
        let n = i64::from(numbering.start) + i64::from(*seen);
        *seen += 1;
        super::numbering::format_number(&numbering.format, n)
    }
}

/// Paragraph properties and text gathered between `<w:p>` and `</w:p>`.
#[derive(Default)]
struct Paragraph {
    /// The text, not yet decoded: legacy Vietnamese is decided per paragraph.
    fragments: Vec<Fragment>,
    style: Option<String>,
    outline_level: Option<u32>,
    numbering: Option<NumPr>,
    notes: Vec<NoteRef>,
}

/// A piece of paragraph text before decoding: the text of runs with the
/// name of their font, or text to keep as it is (tabs, note anchors,
/// symbols already mapped, raised digits).
enum Fragment {
    Run { text: String, font: Option<String> },
    Kept(String),
}

impl Paragraph {
    /// Appends the text of a run in `font`, to the previous fragment when it
    /// is in the same font (a VNI letter and its mark may sit in two runs).
    fn push_run(&mut self, s: &str, font: Option<String>) {
        match self.fragments.last_mut() {
            Some(Fragment::Run { text, font: last }) if *last == font => text.push_str(s),
            _ => self.fragments.push(Fragment::Run {
                text: s.to_string(),
                font,
            }),
        }
    }

    fn push_kept(&mut self, s: &str) {
        match self.fragments.last_mut() {
            Some(Fragment::Kept(text)) => text.push_str(s),
            _ => self.fragments.push(Fragment::Kept(s.to_string())),
        }
    }

    /// The paragraph's text, its runs decoded by `decoder`.
    fn decoded_text(&self, decoder: &mut LegacyDecoder) -> String {
        let pieces: Vec<Piece> = self
            .fragments
            .iter()
            .map(|f| match f {
                Fragment::Run { text, font } => Piece::Run(FontRun {
                    text,
                    font: font.as_deref(),
                }),
                Fragment::Kept(text) => Piece::Kept(text),
            })
            .collect();
        decoder.decode_pieces(&pieces)
    }
}

/// A place that collects paragraphs into one block: a table cell or a note.
struct Container {
    kind: BlockKind,
    table: Option<TablePos>,
    id: Option<String>,
    text: String,
    notes: Vec<NoteRef>,
    /// Open paragraphs around the container when it started (a cell of a
    /// table in a text box sits inside a body paragraph).
    paragraph_depth: usize,
}

/// Where a table is: which table it is and its current row and column.
struct TableState {
    index: u32,
    row: Option<u32>,
    col: u32,
    cell_span: u32,
}

/// The run being read: its direct font, character style, and whether it is
/// raised (`Some(true)`) or lowered.
#[derive(Default)]
struct Run {
    font: Option<String>,
    style: Option<String>,
    superscript: Option<bool>,
}

/// A complex or simple field: its code, and whether its result is being read.
struct Field {
    code: String,
    in_result: bool,
}

impl Field {
    /// Page numbers are layout, not text, and differ on every page.
    fn is_page_number(&self) -> bool {
        crate::extract::is_page_number_field(&self.code)
    }
}

/// The element being read, for elements whose meaning depends on where they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    ParagraphProperties,
    RunProperties,
    Text,
    FieldCode,
}

/// Streams one part into blocks.
///
/// Invariant: `paragraphs`, `containers`, `tables`, `fields` and `sdts` are
/// stacks mirroring the open `w:p`, `w:tc`/note, `w:tbl`, field and `w:sdt`
/// elements; nesting (text boxes inside paragraphs, tables inside cells)
/// pushes onto them.
struct PartReader<'s, 'a> {
    doc: &'s mut DocumentState<'a>,
    part: PartKind,
    blocks: Vec<Block>,
    paragraphs: Vec<Paragraph>,
    containers: Vec<Container>,
    tables: Vec<TableState>,
    fields: Vec<Field>,
    /// Whether each open `w:sdt` shows placeholder text.
    sdts: Vec<bool>,
    run: Run,
    place: Option<Place>,
    /// Text of the `w:t` being read, taken as a whole at its end.
    text: String,
    /// Index in the open paragraph's notes of a note whose mark is the next
    /// run's text (`w:customMarkFollows`).
    custom_mark: Option<usize>,
    /// Depth of the subtree being skipped, 0 when none.
    skipping: usize,
}

impl<'s, 'a> PartReader<'s, 'a> {
    fn new(doc: &'s mut DocumentState<'a>, part: PartKind) -> Self {
        PartReader {
            doc,
            part,
            blocks: Vec::new(),
            paragraphs: Vec::new(),
            containers: Vec::new(),
            tables: Vec::new(),
            fields: Vec::new(),
            sdts: Vec::new(),
            run: Run::default(),
            place: None,
            text: String::new(),
            custom_mark: None,
            skipping: 0,
        }
    }

    fn read(&mut self, part_xml: &str) -> Result<(), DocError> {
        let mut reader = quick_xml::Reader::from_str(part_xml);
        let mut depth = 0usize;
        let mut charged = 0;
        loop {
            // Blocks are made at end tags; charging them as they come stops
            // a package of millions of tiny paragraphs early.
            if self.blocks.len() > charged {
                self.doc
                    .budget
                    .charge_blocks((self.blocks.len() - charged) as u64)?;
                charged = self.blocks.len();
            }
            let event = reader
                .read_event()
                .map_err(|e| DocError::corrupt(format!("malformed XML in DOCX: {e}")))?;
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if depth > self.doc.limits.max_depth {
                        return Err(DocError::corrupt(format!(
                            "DOCX XML nests deeper than {} elements",
                            self.doc.limits.max_depth
                        )));
                    }
                    self.start(&e, false);
                }
                Event::Empty(e) => self.start(&e, true),
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    self.end(e.local_name().as_ref());
                }
                Event::Text(t) if self.skipping == 0 => self.characters(&t.xml10_content()),
                Event::GeneralRef(r) if self.skipping == 0 => {
                    if let Some(c) = resolve_reference(&r) {
                        self.characters(c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn characters(&mut self, s: &str) {
        match self.place {
            Some(Place::Text) => self.text.push_str(s),
            Some(Place::FieldCode) => {
                if let Some(field) = self.fields.last_mut() {
                    field.code.push_str(s);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skipping > 0 {
            if !empty {
                self.skipping += 1;
            }
            return;
        }
        if self.starts_skipped_subtree(name, e) {
            if !empty {
                self.skipping = 1;
            }
            return;
        }
        if !empty {
            self.start_open(name, e);
        }
        self.start_marker(name, e);
        self.start_property(name, e);
        if self.part == PartKind::Body && self.text_is_shown() {
            self.doc.pictures.start(name, e, self.blocks.len());
        }
    }

    /// Subtrees whose text is not document text.
    fn starts_skipped_subtree(&mut self, name: &str, e: &BytesStart) -> bool {
        match name {
            // The VML duplicate of a drawing.
            "Fallback" => true,
            "del" | "moveFrom" | "delInstrText" => {
                self.doc.tracked_changes = true;
                true
            }
            // Tracked formatting changes hold the properties before the change.
            "pPrChange" | "rPrChange" | "sectPrChange" | "tblPrChange" | "trPrChange"
            | "tcPrChange" | "tblGridChange" | "numberingChange" => {
                self.doc.tracked_changes = true;
                true
            }
            "sdtContent" => self.sdts.last().copied().unwrap_or(false),
            // Separator "notes" hold the line drawn above the notes, not text.
            "footnote" | "endnote" => attr(e, "type").is_some_and(|t| t != "normal"),
            _ => false,
        }
    }

    /// Elements that only matter with content.
    fn start_open(&mut self, name: &str, e: &BytesStart) {
        match name {
            "p" => self.paragraphs.push(Paragraph::default()),
            "pPr" => self.place = Some(Place::ParagraphProperties),
            "r" => self.run = Run::default(),
            "rPr" if self.place != Some(Place::ParagraphProperties) => {
                self.place = Some(Place::RunProperties)
            }
            "t" => {
                self.place = Some(Place::Text);
                self.text.clear();
            }
            "instrText" => self.place = Some(Place::FieldCode),
            "fldSimple" => self.fields.push(Field {
                code: attr(e, "instr").unwrap_or_default(),
                in_result: true,
            }),
            "sdt" => self.sdts.push(false),
            "tbl" => self.start_table(),
            "tr" => self.start_row(),
            "tc" => self.start_cell(),
            "footnote" | "endnote" => self.start_note(e),
            _ => {}
        }
    }

    /// Elements that stand for text or mark a point in it; usually empty, but
    /// not always (`w:fldChar` may hold form-field data).
    fn start_marker(&mut self, name: &str, e: &BytesStart) {
        match name {
            "tab" | "ptab" if self.place != Some(Place::ParagraphProperties) => {
                self.push_text("\t")
            }
            "br" | "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            // A TCVN3 letter (ư is the soft-hyphen byte), as LibreOffice
            // writes it; in Unicode text the normalizer drops it.
            "softHyphen" => self.push_run_text("\u{AD}"),
            "sym" => self.push_symbol(e),
            "fldChar" => self.field_char(e),
            "footnoteReference" | "endnoteReference" => self.note_reference(name, e),
            _ => {}
        }
    }

    /// Properties, whether written as empty elements or not.
    fn start_property(&mut self, name: &str, e: &BytesStart) {
        match (name, self.place) {
            ("ins" | "moveTo", _) => self.doc.tracked_changes = true,
            ("showingPlcHdr", _) => {
                if let Some(showing) = self.sdts.last_mut() {
                    *showing = attr(e, "val").is_none_or(|v| is_on(&v));
                }
            }
            ("pStyle", Some(Place::ParagraphProperties)) => {
                self.with_paragraph(|p| p.style = attr(e, "val"))
            }
            ("outlineLvl", Some(Place::ParagraphProperties)) => {
                let level = attr(e, "val")
                    .and_then(|v| v.parse().ok())
                    .and_then(outline_to_level);
                self.with_paragraph(|p| p.outline_level = level);
            }
            ("numId", Some(Place::ParagraphProperties)) => self.with_paragraph(|p| {
                p.numbering.get_or_insert_default().num_id = attr(e, "val");
            }),
            ("ilvl", Some(Place::ParagraphProperties)) => self.with_paragraph(|p| {
                p.numbering.get_or_insert_default().ilvl =
                    attr(e, "val").and_then(|v| v.parse().ok());
            }),
            ("headerReference", _) | ("footerReference", _) => self.section_part(name, e),
            ("rFonts", Some(Place::RunProperties)) => self.run.font = font_of(e),
            ("rStyle", Some(Place::RunProperties)) => self.run.style = attr(e, "val"),
            ("vertAlign", Some(Place::RunProperties)) => {
                self.run.superscript = match attr(e, "val").as_deref() {
                    Some("superscript") => Some(true),
                    Some("subscript") => Some(false),
                    _ => None,
                }
            }
            ("gridSpan", _) => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell_span = attr(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .max(1);
                }
            }
            ("gridBefore", _) => {
                let skipped: u32 = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(table) = self.tables.last_mut() {
                    table.col = table.col.saturating_add(skipped);
                }
            }
            ("vMerge", _) if attr(e, "val").as_deref() != Some("restart") => {
                // A continuation of a vertically merged cell: its text was
                // reported with the cell that starts the merge.
                if let Some(cell) = self.containers.last_mut() {
                    cell.table = None;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        if self.part == PartKind::Body {
            self.doc.pictures.end(name);
        }
        match name {
            "t" => self.end_text(),
            "instrText" | "pPr" => self.place = None,
            "rPr" if self.place == Some(Place::RunProperties) => self.place = None,
            "p" => self.end_paragraph(),
            "fldSimple" => {
                self.fields.pop();
            }
            "sdt" => {
                self.sdts.pop();
            }
            "tc" => self.end_cell(),
            "tbl" => {
                self.tables.pop();
            }
            "footnote" | "endnote" => self.end_note(),
            _ => {}
        }
    }

    fn with_paragraph(&mut self, f: impl FnOnce(&mut Paragraph)) {
        if let Some(p) = self.paragraphs.last_mut() {
            f(p);
        }
    }

    /// Whether text met now is shown: not inside a field's code, nor the
    /// result of a page-number field.
    fn text_is_shown(&self) -> bool {
        self.fields
            .iter()
            .all(|f| f.in_result && !f.is_page_number())
    }

    /// Text kept as it is (not run text to decode).
    fn push_text(&mut self, s: &str) {
        if self.text_is_shown() {
            self.with_paragraph(|p| p.push_kept(s));
        }
    }

    /// Text of the current run, with the name of the font it is drawn in.
    fn push_run_text(&mut self, s: &str) {
        if self.text_is_shown() {
            let font = self.run_font();
            self.with_paragraph(|p| p.push_run(s, font));
        }
    }

    /// The end of a `w:t`: run text, or the mark of a custom-marked note.
    fn end_text(&mut self) {
        self.place = None;
        let mut text = std::mem::take(&mut self.text);
        // Our note anchor must not come from the document itself.
        text.retain(|c| c != NOTE_ANCHOR);
        if let Some(index) = self.custom_mark.take() {
            self.with_paragraph(|p| {
                if let Some(note) = p.notes.get_mut(index) {
                    note.label = text.trim().to_string();
                }
            });
            return;
        }
        match self
            .run
            .superscript
            .and_then(|up| crate::symbols::shifted(&text, up))
        {
            Some(shifted) => self.push_text(&shifted),
            None => self.push_run_text(&text),
        }
    }

    /// The name of the font the current run is drawn in: its own, else its
    /// character style's, paragraph style's or the document default; `None`
    /// for a theme font (`minorHAnsi`), which names no family.
    fn run_font(&self) -> Option<String> {
        let paragraph_style = self.paragraphs.last().and_then(|p| p.style.as_deref());
        let font = match &self.run.font {
            Some(font) => Some(font.as_str()),
            None => self
                .doc
                .styles
                .inherited_run_font(self.run.style.as_deref(), paragraph_style),
        }?;
        let theme = ["major", "minor"].iter().any(|p| {
            font.strip_prefix(p)
                .is_some_and(|kind| matches!(kind, "Ascii" | "HAnsi" | "EastAsia" | "Bidi"))
        });
        (!theme).then(|| font.to_string())
    }

    /// `w:sym`: a character of a symbol font, mapped to Unicode.
    fn push_symbol(&mut self, e: &BytesStart) {
        let code = attr(e, "char").and_then(|hex| u32::from_str_radix(&hex, 16).ok());
        let font = attr(e, "font").unwrap_or_default();
        if let Some(c) = code.and_then(|code| crate::symbols::to_unicode(&font, code)) {
            self.push_text(c.encode_utf8(&mut [0; 4]));
        }
    }

    fn field_char(&mut self, e: &BytesStart) {
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => self.fields.push(Field {
                code: String::new(),
                in_result: false,
            }),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.in_result = true;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// A note reference mark: an anchor in the text and a [`NoteRef`] on the
    /// paragraph, numbered in the order marks appear.
    fn note_reference(&mut self, name: &str, e: &BytesStart) {
        let Some(xml_id) = attr(e, "id") else {
            return;
        };
        let prefix = if name == "endnoteReference" {
            "endnote"
        } else {
            "footnote"
        };
        let id = format!("{prefix}-{xml_id}");
        let custom = attr(e, "customMarkFollows").is_some_and(|v| is_on(&v));
        let label = if custom {
            String::new()
        } else {
            self.doc.next_note_label(prefix)
        };
        let Some(paragraph) = self.paragraphs.last_mut() else {
            return;
        };
        paragraph.push_kept(NOTE_ANCHOR.encode_utf8(&mut [0; 4]));
        paragraph.notes.push(NoteRef {
            id,
            label,
            offset: 0,
        });
        if custom {
            self.custom_mark = Some(paragraph.notes.len() - 1);
        }
    }

    fn section_part(&mut self, name: &str, e: &BytesStart) {
        let Some(id) = attr(e, "id") else { return };
        let refs = if name == "headerReference" {
            &mut self.doc.header_refs
        } else {
            &mut self.doc.footer_refs
        };
        if !refs.contains(&id) {
            refs.push(id);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut paragraph) = self.paragraphs.pop() else {
            return;
        };
        let text = paragraph.decoded_text(&mut self.doc.decoder);
        let (kind, level, label) = self.classify(&paragraph);
        for note in &paragraph.notes {
            self.doc
                .note_labels
                .push((note.id.clone(), note.label.clone()));
        }
        let empty = text
            .trim_matches(|c: char| c.is_whitespace() || c == NOTE_ANCHOR)
            .is_empty();
        // Paragraphs of a text box inside a paragraph are blocks of their own;
        // paragraphs of a cell or note are lines of the container's block,
        // where a list label can only be kept as text (a row number alone in
        // its cell is content).
        let depth = self.paragraphs.len();
        if let Some(container) = self
            .containers
            .last_mut()
            .filter(|c| c.paragraph_depth == depth)
        {
            if empty && label.is_none() {
                return;
            }
            if !container.text.is_empty() {
                container.text.push('\n');
            }
            if let Some(label) = label {
                container.text.push_str(&label);
                container.text.push(' ');
            }
            container.text.push_str(&text);
            container.notes.append(&mut paragraph.notes);
            return;
        }
        if empty {
            return;
        }
        let mut block = Block::new(self.part_block_kind(kind), text);
        block.level = level;
        block.label = label;
        block.notes = paragraph.notes;
        self.blocks.push(block);
    }

    /// The kind, level and list label of a paragraph, from its own properties
    /// first and then its style's. Counts the paragraph in its list even when
    /// it is empty, as Word does.
    fn classify(&mut self, paragraph: &Paragraph) -> (BlockKind, Option<u32>, Option<String>) {
        let style = self.doc.styles.paragraph(paragraph.style.as_deref());
        let heading = paragraph
            .outline_level
            .or(style.and_then(|s| s.heading_level));
        let numbered = self.list_position(paragraph);
        let label = numbered
            .as_ref()
            .and_then(|(num_id, ilvl)| self.doc.counters.next_label(num_id, *ilvl));
        match (heading, numbered) {
            (Some(level), _) => (BlockKind::Heading, Some(level), label),
            (None, Some((_, ilvl))) if label.is_some() => {
                (BlockKind::ListItem, Some(ilvl + 1), label)
            }
            _ => (BlockKind::Paragraph, None, None),
        }
    }

    /// The list (`numId`) and 0-based level of a paragraph, if it is in one.
    fn list_position(&self, paragraph: &Paragraph) -> Option<(String, u32)> {
        let style = self.doc.styles.paragraph(paragraph.style.as_deref());
        let style_numbering = style.and_then(|s| s.numbering.as_ref());
        let direct = paragraph.numbering.as_ref();
        let num_id = direct
            .and_then(|n| n.num_id.clone())
            .or_else(|| style_numbering?.num_id.clone())
            .filter(|id| id != "0")?;
        let ilvl = direct
            .and_then(|n| n.ilvl)
            .or_else(|| style_numbering?.ilvl)
            .or_else(|| {
                let style_id = paragraph.style.as_deref()?;
                self.doc.numbering.level_for_style(&num_id, style_id)
            })
            .unwrap_or(0);
        Some((num_id, ilvl.min(8)))
    }

    fn part_block_kind(&self, kind: BlockKind) -> BlockKind {
        match self.part {
            PartKind::Header => BlockKind::Header,
            PartKind::Footer => BlockKind::Footer,
            PartKind::Footnotes | PartKind::Endnotes => BlockKind::Footnote,
            PartKind::Body => kind,
        }
    }

    fn start_table(&mut self) {
        // A table inside a cell: flush the cell's text so far, so reading
        // order stays outer text, inner table, rest of the outer cell.
        self.flush_container();
        self.tables.push(TableState {
            index: self.doc.next_table,
            row: None,
            col: 0,
            cell_span: 1,
        });
        self.doc.next_table += 1;
    }

    fn start_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(table.row.map_or(0, |r| r + 1));
            table.col = 0;
        }
    }

    fn start_cell(&mut self) {
        let table = self.tables.last_mut().map(|t| {
            t.cell_span = 1;
            TablePos {
                index: t.index,
                row: t.row.unwrap_or(0),
                col: t.col,
            }
        });
        let kind = self.part_block_kind(BlockKind::TableCell);
        self.push_container(kind, table, None);
    }

    fn end_cell(&mut self) {
        self.flush_container();
        self.containers.pop();
        if let Some(table) = self.tables.last_mut() {
            table.col = table.col.saturating_add(table.cell_span);
            table.cell_span = 1;
        }
    }

    fn start_note(&mut self, e: &BytesStart) {
        let id = attr(e, "id").map(|id| format!("{}-{id}", self.part.note_prefix()));
        self.push_container(BlockKind::Footnote, None, id);
    }

    fn end_note(&mut self) {
        self.flush_container();
        self.containers.pop();
    }

    fn push_container(&mut self, kind: BlockKind, table: Option<TablePos>, id: Option<String>) {
        let paragraph_depth = self.paragraphs.len();
        self.containers.push(Container {
            kind,
            table,
            id,
            text: String::new(),
            notes: Vec::new(),
            paragraph_depth,
        });
    }

    /// Emits the innermost container's text as a block, if it has any and is
    /// not the continuation of a merged cell.
    fn flush_container(&mut self) {
        let Some(container) = self.containers.last_mut() else {
            return;
        };
        let text = std::mem::take(&mut container.text);
        let notes = std::mem::take(&mut container.notes);
        let merged_continuation =
            container.kind == BlockKind::TableCell && container.table.is_none();
        if text.trim().is_empty() || merged_continuation {
            return;
        }
        let mut block = Block::new(container.kind, text);
        block.table = container.table;
        block.id = container.id.clone();
        block.notes = notes;
        self.blocks.push(block);
    }
}
