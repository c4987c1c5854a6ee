//! Stories (the body, a header or footer, a note, a text box) and how their
//! paragraphs and table cells become blocks.
//!
//! A story is open from the group that starts it to that group's end; a note
//! or text box opens inside a body paragraph, which stays open meanwhile.
//! Paragraph text is kept as runs of one font each, and decoded by the
//! document's [`LegacyDecoder`] when the paragraph ends.

use super::fonts::FontTable;
use super::state::ParagraphProps;
use crate::legacy::{FontRun, LegacyDecoder};
use crate::model::{Block, BlockKind, NoteRef, TablePos};
use crate::normalize::NOTE_ANCHOR;
use std::collections::HashMap;

/// Deepest table nesting followed; `\itapN` beyond it counts as this deep.
const MAX_TABLE_NESTING: i32 = 64;

/// What a story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryKind {
    Body,
    Header,
    Footer,
    /// A footnote or endnote; `mark` is the index of its reference in the
    /// enclosing paragraph's notes.
    Note {
        endnote: bool,
        mark: Option<usize>,
    },
    TextBox,
}

/// What the reader knows that paragraphs need to become blocks.
pub struct Context<'a> {
    pub fonts: &'a FontTable,
    pub decoder: &'a mut LegacyDecoder,
    /// Paragraph style number → heading level (1 = top).
    pub headings: &'a HashMap<i32, u32>,
}

/// A piece of paragraph text in one font; `sealed` runs take no more text.
#[derive(Debug, Default)]
struct Run {
    font: Option<i32>,
    text: String,
    sealed: bool,
}

/// Runs of one font each, in order.
#[derive(Debug, Default)]
struct Runs(Vec<Run>);

impl Runs {
    fn push(&mut self, text: &str, font: Option<i32>) {
        match self.0.last_mut() {
            Some(run) if run.font == font && !run.sealed => run.text.push_str(text),
            _ => self.0.push(Run {
                font,
                text: text.to_string(),
                sealed: false,
            }),
        }
    }

    fn decode(&self, cx: &mut Context<'_>) -> String {
        let runs: Vec<FontRun<'_>> = self
            .0
            .iter()
            .map(|run| FontRun {
                text: &run.text,
                font: run.font.and_then(|n| cx.fonts.name(n)),
            })
            .collect();
        cx.decoder.decode_runs(&runs)
    }
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    runs: Runs,
    label: Runs,
    notes: Vec<NoteRef>,
}

/// One open table: where its current cell is and the cell's text so far.
#[derive(Debug)]
struct Table {
    index: u32,
    row: u32,
    col: u32,
    text: String,
    notes: Vec<NoteRef>,
}

/// One open story.
#[derive(Debug)]
struct Story {
    kind: StoryKind,
    paragraph: Paragraph,
    tables: Vec<Table>,
    blocks: Vec<Block>,
}

impl Story {
    fn new(kind: StoryKind) -> Self {
        Story {
            kind,
            paragraph: Paragraph::default(),
            tables: Vec::new(),
            blocks: Vec::new(),
        }
    }

    /// Emits the innermost table's cell text so far as a block.
    fn flush_cell(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let text = std::mem::take(&mut table.text);
        let notes = std::mem::take(&mut table.notes);
        if text.trim_matches(is_blank).is_empty() {
            return;
        }
        let mut block = Block::new(BlockKind::TableCell, text).with_table(TablePos {
            index: table.index,
            row: table.row,
            col: table.col,
        });
        block.notes = notes;
        self.blocks.push(block);
    }
}

/// How the notes of one kind are numbered (`\ftnnar`, `\aftnnrlc`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFormat {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

/// Note numbering of one kind: its format, first number and notes seen.
#[derive(Debug, Clone, Copy)]
pub struct NoteNumbering {
    pub format: NoteFormat,
    pub start: u32,
    seen: u32,
}

impl NoteNumbering {
    fn new(format: NoteFormat) -> Self {
        NoteNumbering {
            format,
            start: 1,
            seen: 0,
        }
    }

    /// The ordinal (1-based) and label of the next note.
    fn next(&mut self) -> (u32, String) {
        self.seen = self.seen.saturating_add(1);
        let n = self.start.saturating_add(self.seen - 1);
        (self.seen, format_number(n, self.format))
    }
}

/// Blocks of a finished document, by where they go.
#[derive(Debug, Default)]
pub struct Output {
    pub body: Vec<Block>,
    pub headers: Vec<Block>,
    pub footers: Vec<Block>,
    pub footnotes: Vec<Block>,
    pub endnotes: Vec<Block>,
}

impl Output {
    /// All blocks in reading order: the body, each distinct header and
    /// footer text once, then footnotes and endnotes in mark order.
    pub fn into_blocks(self) -> Vec<Block> {
        let mut blocks = self.body;
        blocks.extend(crate::extract::distinct_blocks(self.headers));
        blocks.extend(crate::extract::distinct_blocks(self.footers));
        blocks.extend(self.footnotes);
        blocks.extend(self.endnotes);
        blocks
    }
}

/// The open stories, innermost last, and what finished ones gave.
#[derive(Debug)]
pub struct Stories {
    stack: Vec<Story>,
    next_table: u32,
    pub footnotes: NoteNumbering,
    pub endnotes: NoteNumbering,
    out: Output,
}

impl Stories {
    /// The body story, open.
    pub fn new() -> Self {
        Stories {
            stack: vec![Story::new(StoryKind::Body)],
            next_table: 0,
            footnotes: NoteNumbering::new(NoteFormat::Decimal),
            endnotes: NoteNumbering::new(NoteFormat::LowerRoman),
            out: Output::default(),
        }
    }

    fn top(&mut self) -> &mut Story {
        if self.stack.is_empty() {
            self.stack.push(Story::new(StoryKind::Body));
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Appends text in `font` to the current paragraph.
    pub fn push_text(&mut self, text: &str, font: Option<i32>) {
        self.top().paragraph.runs.push(text, font);
    }

    /// Appends text in `font` to the current paragraph's list label.
    pub fn push_label(&mut self, text: &str, font: Option<i32>) {
        self.top().paragraph.label.push(text, font);
    }

    /// Opens a story inside the current one. A note leaves its reference
    /// mark in the current paragraph.
    pub fn open(&mut self, kind: StoryKind) {
        let kind = match kind {
            StoryKind::Note { endnote, .. } => {
                let paragraph = &mut self.top().paragraph;
                paragraph.runs.0.push(Run {
                    font: None,
                    text: NOTE_ANCHOR.to_string(),
                    sealed: true,
                });
                paragraph.notes.push(NoteRef {
                    id: String::new(),
                    label: String::new(),
                    offset: 0,
                });
                StoryKind::Note {
                    endnote,
                    mark: Some(paragraph.notes.len() - 1),
                }
            }
            other => other,
        };
        self.stack.push(Story::new(kind));
    }

    /// `\ftnalt`: the note being read is an endnote.
    pub fn mark_endnote(&mut self) {
        if let StoryKind::Note { endnote, .. } = &mut self.top().kind {
            *endnote = true;
        }
    }

    /// Ends the current paragraph (`\par`) with properties `props`.
    pub fn end_paragraph(&mut self, props: &ParagraphProps, cx: &mut Context<'_>) {
        let depth = table_depth(props);
        let (text, label, notes) = self.take_paragraph(cx);
        let next_table = &mut self.next_table;
        let story = self.stack.last_mut();
        let Some(story) = story else { return };
        set_table_depth(story, depth, next_table);
        if depth > 0 {
            append_to_cell(story, text, label, notes);
            return;
        }
        if text.trim_matches(is_blank).is_empty() {
            return;
        }
        let (kind, level) = classify(props, label.is_some(), cx);
        let mut block = Block::new(kind, text);
        block.level = level;
        block.label = label;
        block.notes = notes;
        story.blocks.push(block);
    }

    /// Ends a table cell (`\cell`, or `\nestcell` when `nested`).
    pub fn end_cell(&mut self, props: &ParagraphProps, nested: bool, cx: &mut Context<'_>) {
        let depth = if nested { table_depth(props).max(2) } else { 1 };
        let (text, label, notes) = self.take_paragraph(cx);
        let next_table = &mut self.next_table;
        let Some(story) = self.stack.last_mut() else {
            return;
        };
        set_table_depth(story, depth, next_table);
        append_to_cell(story, text, label, notes);
        story.flush_cell();
        if let Some(table) = story.tables.last_mut() {
            table.col = table.col.saturating_add(1);
        }
    }

    /// Ends a table row (`\row`, or `\nestrow` when `nested`).
    pub fn end_row(&mut self, props: &ParagraphProps, nested: bool) {
        let depth = if nested { table_depth(props).max(2) } else { 1 };
        let next_table = &mut self.next_table;
        let Some(story) = self.stack.last_mut() else {
            return;
        };
        if story.tables.len() < depth {
            return;
        }
        set_table_depth(story, depth, next_table);
        story.flush_cell();
        if let Some(table) = story.tables.last_mut() {
            table.row = table.row.saturating_add(1);
            table.col = 0;
        }
    }

    /// Ends the innermost story (its group ended with properties `props`);
    /// the body is never closed this way.
    pub fn close(&mut self, props: &ParagraphProps, cx: &mut Context<'_>) {
        if self.stack.len() <= 1 {
            return;
        }
        self.end_paragraph(props, cx);
        let Some(mut story) = self.stack.pop() else {
            return;
        };
        set_table_depth(&mut story, 0, &mut self.next_table);
        match story.kind {
            StoryKind::Body => self.out.body.append(&mut story.blocks),
            StoryKind::Header => self
                .out
                .headers
                .extend(retyped(story.blocks, BlockKind::Header)),
            StoryKind::Footer => self
                .out
                .footers
                .extend(retyped(story.blocks, BlockKind::Footer)),
            StoryKind::TextBox => self.top().blocks.append(&mut story.blocks),
            StoryKind::Note { endnote, mark } => self.close_note(story.blocks, endnote, mark),
        }
    }

    /// Numbers a finished note, labels its mark and keeps its text as one block.
    fn close_note(&mut self, blocks: Vec<Block>, endnote: bool, mark: Option<usize>) {
        let (ordinal, label) = if endnote {
            self.endnotes.next()
        } else {
            self.footnotes.next()
        };
        let id = format!("{}-{ordinal}", if endnote { "endnote" } else { "footnote" });
        if let Some(note) = mark.and_then(|i| self.top().paragraph.notes.get_mut(i)) {
            note.id = id.clone();
            note.label = label.clone();
        }
        let mut text = String::new();
        let mut notes = Vec::new();
        for mut block in blocks {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&block.text);
            notes.append(&mut block.notes);
        }
        if text.trim_matches(is_blank).is_empty() {
            return;
        }
        let mut block = Block::new(BlockKind::Footnote, text);
        block.id = Some(id);
        block.label = Some(label);
        block.notes = notes;
        if endnote {
            self.out.endnotes.push(block);
        } else {
            self.out.footnotes.push(block);
        }
    }

    /// Closes every story, the body last, and gives their blocks.
    pub fn finish(mut self, props: &ParagraphProps, cx: &mut Context<'_>) -> Output {
        while self.stack.len() > 1 {
            self.close(props, cx);
        }
        self.end_paragraph(props, cx);
        if let Some(mut body) = self.stack.pop() {
            set_table_depth(&mut body, 0, &mut self.next_table);
            self.out.body.append(&mut body.blocks);
        }
        self.out
    }

    /// The current paragraph's text and list label, decoded, and its note
    /// references; the paragraph starts afresh.
    fn take_paragraph(&mut self, cx: &mut Context<'_>) -> (String, Option<String>, Vec<NoteRef>) {
        let paragraph = std::mem::take(&mut self.top().paragraph);
        let text = paragraph.runs.decode(cx);
        let label = Some(paragraph.label.decode(cx))
            .map(|l| l.trim_matches(is_blank).to_string())
            .filter(|l| !l.is_empty());
        (text, label, paragraph.notes)
    }
}

/// Whitespace, or a note anchor (which alone does not make text).
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == NOTE_ANCHOR
}

/// How deep in tables a paragraph with `props` is; 0 outside tables.
fn table_depth(props: &ParagraphProps) -> usize {
    if props.in_table {
        props.table_depth.clamp(1, MAX_TABLE_NESTING) as usize
    } else {
        0
    }
}

/// Opens or closes tables until `depth` are open. A table opening inside a
/// cell first emits the cell's text so far, so reading order stays outer
/// text, inner table, rest of the outer cell.
fn set_table_depth(story: &mut Story, depth: usize, next_table: &mut u32) {
    while story.tables.len() > depth {
        story.flush_cell();
        story.tables.pop();
    }
    while story.tables.len() < depth {
        story.flush_cell();
        story.tables.push(Table {
            index: *next_table,
            row: 0,
            col: 0,
            text: String::new(),
            notes: Vec::new(),
        });
        *next_table = next_table.saturating_add(1);
    }
}

/// Adds a paragraph to the innermost cell, as a line of its text.
fn append_to_cell(story: &mut Story, text: String, label: Option<String>, notes: Vec<NoteRef>) {
    let Some(table) = story.tables.last_mut() else {
        return;
    };
    if text.trim_matches(is_blank).is_empty() && label.is_none() {
        return;
    }
    if !table.text.is_empty() {
        table.text.push('\n');
    }
    if let Some(label) = label {
        table.text.push_str(&label);
        table.text.push(' ');
    }
    table.text.push_str(&text);
    table.notes.extend(notes);
}

/// A paragraph's kind and level: a heading by its outline level or style,
/// else a list item when it has a label.
fn classify(props: &ParagraphProps, labelled: bool, cx: &Context<'_>) -> (BlockKind, Option<u32>) {
    let outline = props
        .outline
        .filter(|level| (0..9).contains(level))
        .map(|level| level as u32 + 1);
    let styled = props.style.and_then(|s| cx.headings.get(&s).copied());
    if let Some(level) = outline.or(styled) {
        return (BlockKind::Heading, Some(level));
    }
    if labelled {
        let level = props.list_level.unwrap_or(0).clamp(0, 8) as u32 + 1;
        return (BlockKind::ListItem, Some(level));
    }
    (BlockKind::Paragraph, None)
}

/// Header or footer blocks: kind `kind`, table positions kept.
fn retyped(blocks: Vec<Block>, kind: BlockKind) -> impl Iterator<Item = Block> {
    blocks.into_iter().map(move |mut b| {
        b.kind = kind;
        b
    })
}

/// A note number in `format`, written as Word writes list numbers of the
/// same format; numbers a format cannot write fall back to decimal.
pub fn format_number(n: u32, format: NoteFormat) -> String {
    let name = match format {
        NoteFormat::Decimal => "decimal",
        NoteFormat::LowerAlpha => "lowerLetter",
        NoteFormat::UpperAlpha => "upperLetter",
        NoteFormat::LowerRoman => "lowerRoman",
        NoteFormat::UpperRoman => "upperRoman",
    };
    crate::extract::docx::numbering::format_number(name, i64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_numbers_in_each_format() {
        assert_eq!(format_number(4, NoteFormat::Decimal), "4");
        assert_eq!(format_number(28, NoteFormat::LowerAlpha), "bb");
        assert_eq!(format_number(3, NoteFormat::UpperAlpha), "C");
        assert_eq!(format_number(14, NoteFormat::LowerRoman), "xiv");
        assert_eq!(format_number(1999, NoteFormat::UpperRoman), "MCMXCIX");
        assert_eq!(format_number(5000, NoteFormat::UpperRoman), "5000");
    }
}
