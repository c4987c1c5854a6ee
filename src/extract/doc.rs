//! Word 97–2003 binary documents (`.doc`, [MS-DOC]) read natively.
//!
//! A .doc is an OLE2 compound file ([`crate::extract::ole`]): the
//! `WordDocument` stream starts with the FIB ([`fib`]) and holds the text
//! and the property pages; the `0Table`/`1Table` stream holds the piece
//! table ([`text`]), the bin tables of character and paragraph properties
//! ([`props`]), the style sheet and font table ([`styles`]) and the PLCs
//! ([`plc`]) that place notes, headers and text boxes in CP space. Each story
//! is read into paragraphs ([`story`]) and laid out as blocks ([`layout`]).
//!
//! Reading order, as in DOCX: the body (each text box's paragraphs just
//! before the paragraph that anchors it), then each distinct header and
//! footer text once, then footnotes and endnotes in the order of their marks.
//! List labels are drawn from the list tables ([`lists`]) and counted as
//! Word counts them, with the DOCX reader's counters.

mod fib;
mod layout;
mod lists;
mod plc;
mod props;
mod story;
mod styles;
#[cfg(test)]
mod tests;
mod text;

use crate::extract::distinct_blocks;
use crate::extract::ole::{Ole, u16_at, u32_at};
use crate::legacy::LegacyDecoder;
use crate::model::{Block, BlockKind, DocError, Extraction, Limits};
use fib::{Fib, Place};
use layout::{Layout, note_block, plain_blocks};
use plc::Plc;
use std::collections::HashMap;
use std::ops::Range;
use story::{NoteMark, Paragraph, Sources, StoryReader};
use styles::StyleSheet;
use text::Text;

/// Extracts the text of a Word 97–2003 document: paragraphs with their
/// heading level, list items, table cells, text boxes, headers and footers,
/// footnotes and endnotes linked to their marks, legacy-font text decoded to
/// Unicode, and the summary metadata.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extraction, DocError> {
    let mut ole = Ole::open(bytes, limits)?;
    let word = ole
        .stream("/WordDocument")?
        .ok_or_else(|| DocError::corrupt("Word document has no WordDocument stream"))?;
    let fib = Fib::parse(&word)?;
    let table = ole
        .stream(&format!("/{}", fib.table_stream))?
        .ok_or_else(|| {
            DocError::corrupt(format!("Word document has no {} stream", fib.table_stream))
        })?;
    let clx = fib
        .slice(&table, Place::Clx)
        .ok_or_else(|| DocError::corrupt("Word document has no piece table"))?;
    let text = Text::read(&word, clx, limits)?;
    let place = |p: Place| fib.slice(&table, p).unwrap_or(&[]);
    let chars = props::character_runs(place(Place::PlcfBteChpx), &word);
    let (paragraphs, row_edges) = props::paragraph_runs(place(Place::PlcfBtePapx), &word);
    let style_sheet = StyleSheet::parse(place(Place::Stshf));
    let fonts = styles::font_names(place(Place::SttbfFfn));
    let mut decoder = LegacyDecoder::new();
    let lists = lists::read(&word, &table, &fonts, &mut decoder);
    let parts = Parts::locate(&fib, &table)?;
    let note_marks = parts.note_marks(&text);

    let mut reader = StoryReader::new(Sources {
        text: &text,
        chars: &chars,
        paragraphs: &paragraphs,
        styles: &style_sheet,
        fonts: &fonts,
        note_marks: &note_marks,
        limits,
    });
    let mut layout = Layout::new(&style_sheet, &row_edges, &lists, limits.max_depth);

    let body = reader.read(parts.main.clone(), &mut decoder)?;
    let mut anchored = parts.text_boxes(&parts.boxes, &mut reader, &mut decoder)?;
    layout.flow(body, &mut |paragraph| anchored.take_before(paragraph))?;
    for text_box in anchored.rest() {
        layout.flow(text_box, &mut |_| Vec::new())?;
    }
    let mut blocks = layout.blocks;
    blocks.extend(parts.headers_and_footers(&mut reader, &mut decoder)?);
    for notes in [&parts.footnotes, &parts.endnotes] {
        for (range, mark) in notes {
            let paragraphs = reader.read(range.clone(), &mut decoder)?;
            blocks.extend(note_block(
                paragraphs,
                mark.id.clone(),
                mark.label.clone().unwrap_or_default(),
            ));
        }
    }

    let mut out = Extraction {
        blocks,
        ..Extraction::default()
    };
    if reader.tracked_changes {
        out.warnings.push(
            "document has tracked changes; text is given as if all changes were accepted".into(),
        );
    }
    out.meta = ole.summary_metadata(&mut decoder);
    decoder.report(&mut out.meta);
    Ok(out)
}

/// Where each story lies in CP space.
struct Parts {
    main: Range<u32>,
    /// Each note's text and its mark, in mark order.
    footnotes: Vec<(Range<u32>, NoteMark)>,
    endnotes: Vec<(Range<u32>, NoteMark)>,
    /// Each note mark's CP in the main text, with the note's index in
    /// `footnotes` (false) or `endnotes` (true).
    mark_cps: Vec<(u32, bool, usize)>,
    /// Header and footer stories, each with its kind.
    headers: Vec<(Range<u32>, BlockKind)>,
    /// Text box stories of the main text, with the CP of the shape that
    /// anchors each when known.
    boxes: Vec<(Range<u32>, Option<u32>)>,
    header_boxes: Vec<Range<u32>>,
}

/// FTXBXS records are 22 bytes; FSPA records 26; FRDs 2.
const FTXBXS_SIZE: usize = 22;
const FSPA_SIZE: usize = 26;
const FRD_SIZE: usize = 2;

impl Parts {
    fn locate(fib: &Fib, table: &[u8]) -> Result<Parts, DocError> {
        let lengths = fib.lengths;
        let [
            footnotes,
            headers,
            _annotations,
            endnotes,
            text_boxes,
            header_text_boxes,
        ] = lengths
            .starts()
            .ok_or_else(|| DocError::corrupt("Word document part lengths overflow"))?;
        let place = |p: Place| fib.slice(table, p).unwrap_or(&[]);
        let mut parts = Parts {
            main: 0..lengths.text,
            footnotes: Vec::new(),
            endnotes: Vec::new(),
            mark_cps: Vec::new(),
            headers: Vec::new(),
            boxes: Vec::new(),
            header_boxes: Vec::new(),
        };
        for (endnote, refs, texts, base, part_len) in [
            (
                false,
                Place::PlcffndRef,
                Place::PlcffndTxt,
                footnotes,
                lengths.footnotes,
            ),
            (
                true,
                Place::PlcfendRef,
                Place::PlcfendTxt,
                endnotes,
                lengths.endnotes,
            ),
        ] {
            let (Some(refs), Some(texts)) = (
                Plc::parse(place(refs), FRD_SIZE),
                Plc::parse_cps(place(texts)),
            ) else {
                continue;
            };
            let mut auto_count = 0u32;
            for i in 0..refs.len() {
                let (mark_cp, _) = refs.range(i);
                let automatic = u16_at(refs.data(i), 0).is_some_and(|n| n != 0);
                let label = automatic.then(|| {
                    auto_count += 1;
                    note_label(auto_count, endnote)
                });
                let prefix = if endnote { "endnote" } else { "footnote" };
                let mark = NoteMark {
                    id: format!("{prefix}-{}", i + 1),
                    label,
                };
                let (start, end) = texts.range(i);
                let range = sub_range(base, part_len, start, end);
                let list = if endnote {
                    &mut parts.endnotes
                } else {
                    &mut parts.footnotes
                };
                parts.mark_cps.push((mark_cp, endnote, list.len()));
                list.push((range, mark));
            }
        }
        if let Some(stories) = Plc::parse_cps(place(Place::PlcfHdd)) {
            // Six separator stories, then per section: even header, odd
            // header, even footer, odd footer, first header, first footer.
            const KINDS: [BlockKind; 6] = [
                BlockKind::Header,
                BlockKind::Header,
                BlockKind::Footer,
                BlockKind::Footer,
                BlockKind::Header,
                BlockKind::Footer,
            ];
            for i in 6..stories.len() {
                let (start, end) = stories.range(i);
                let range = sub_range(headers, lengths.headers, start, end);
                parts.headers.push((range, KINDS[(i - 6) % 6]));
            }
        }
        let anchors: HashMap<u32, u32> = Plc::parse(place(Place::PlcSpaMom), FSPA_SIZE)
            .map(|shapes| {
                (0..shapes.len())
                    .filter_map(|i| Some((u32_at(shapes.data(i), 0)?, shapes.range(i).0)))
                    .collect()
            })
            .unwrap_or_default();
        for (story, base, len, main) in [
            (Place::PlcftxbxTxt, text_boxes, lengths.text_boxes, true),
            (
                Place::PlcfHdrtxbxTxt,
                header_text_boxes,
                lengths.header_text_boxes,
                false,
            ),
        ] {
            let Some(plc) = Plc::parse(place(story), FTXBXS_SIZE) else {
                continue;
            };
            // The last record, and any marked reusable, is a spare.
            for i in 0..plc.len().saturating_sub(1) {
                let data = plc.data(i);
                if u16_at(data, 8).is_some_and(|reusable| reusable != 0) {
                    continue;
                }
                let (start, end) = plc.range(i);
                let range = sub_range(base, len, start, end);
                if main {
                    let anchor = u32_at(data, 14).and_then(|lid| anchors.get(&lid).copied());
                    parts.boxes.push((range, anchor));
                } else {
                    parts.header_boxes.push(range);
                }
            }
        }
        Ok(parts)
    }

    /// The note marks of the main text by CP.
    fn note_marks(&self, text: &Text) -> HashMap<u32, NoteMark> {
        self.mark_cps
            .iter()
            .filter(|(cp, _, _)| *cp < text.len())
            .filter_map(|&(cp, endnote, i)| {
                let list = if endnote {
                    &self.endnotes
                } else {
                    &self.footnotes
                };
                Some((cp, list.get(i)?.1.clone()))
            })
            .collect()
    }

    /// Reads the text boxes of the main text, ready to be placed by anchor.
    fn text_boxes(
        &self,
        boxes: &[(Range<u32>, Option<u32>)],
        reader: &mut StoryReader,
        decoder: &mut LegacyDecoder,
    ) -> Result<TextBoxes, DocError> {
        let mut read = Vec::new();
        for (range, anchor) in boxes {
            read.push((*anchor, reader.read(range.clone(), decoder)?));
        }
        Ok(TextBoxes::new(read))
    }

    /// The blocks of the headers, then of the footers, each distinct text
    /// once; text boxes of headers count as headers.
    fn headers_and_footers(
        &self,
        reader: &mut StoryReader,
        decoder: &mut LegacyDecoder,
    ) -> Result<Vec<Block>, DocError> {
        let mut headers = Vec::new();
        let mut footers = Vec::new();
        for (range, kind) in &self.headers {
            let blocks = plain_blocks(reader.read(range.clone(), decoder)?, *kind);
            if *kind == BlockKind::Header {
                headers.extend(blocks);
            } else {
                footers.extend(blocks);
            }
        }
        for range in &self.header_boxes {
            headers.extend(plain_blocks(
                reader.read(range.clone(), decoder)?,
                BlockKind::Header,
            ));
        }
        let mut blocks = distinct_blocks(headers);
        blocks.extend(distinct_blocks(footers));
        Ok(blocks)
    }
}

/// The CPs `start..end` of a part that begins at CP `base` and has `len`
/// CPs, clamped to the part.
fn sub_range(base: u32, len: u32, start: u32, end: u32) -> Range<u32> {
    let clamp = |cp: u32| base.saturating_add(cp.min(len));
    clamp(start)..clamp(end.max(start))
}

/// Word's default note numbers: 1, 2, 3… for footnotes, i, ii, iii… for
/// endnotes.
fn note_label(n: u32, endnote: bool) -> String {
    let format = if endnote { "lowerRoman" } else { "decimal" };
    crate::extract::docx::numbering::format_number(format, i64::from(n))
}

/// Text boxes read ahead, handed out before the paragraph anchoring each.
struct TextBoxes {
    /// Anchored boxes by anchor CP, latest first (taken from the end).
    anchored: Vec<(u32, Vec<Paragraph>)>,
    unanchored: Vec<Vec<Paragraph>>,
}

impl TextBoxes {
    fn new(boxes: Vec<(Option<u32>, Vec<Paragraph>)>) -> Self {
        let mut anchored = Vec::new();
        let mut unanchored = Vec::new();
        for (anchor, paragraphs) in boxes {
            match anchor {
                Some(cp) => anchored.push((cp, paragraphs)),
                None => unanchored.push(paragraphs),
            }
        }
        anchored.sort_by_key(|b| std::cmp::Reverse(b.0));
        TextBoxes {
            anchored,
            unanchored,
        }
    }

    /// The text boxes anchored before the end of `paragraph` and not yet
    /// handed out: paragraphs come in CP order, so these are its own.
    fn take_before(&mut self, paragraph: &Paragraph) -> Vec<Vec<Paragraph>> {
        let mut taken = Vec::new();
        while let Some((cp, _)) = self.anchored.last() {
            if *cp >= paragraph.cps.end {
                break;
            }
            taken.extend(self.anchored.pop().map(|b| b.1));
        }
        taken
    }

    /// The text boxes no paragraph anchored, in story order.
    fn rest(self) -> impl Iterator<Item = Vec<Paragraph>> {
        let left = self.anchored.into_iter().rev().map(|b| b.1);
        self.unanchored.into_iter().chain(left)
    }
}
