//! Turns story paragraphs into blocks: headings and list items from the
//! style sheet, list labels counted as Word counts them, table cells from the
//! table marks, notes and headers as the DOCX reader gives them.

use super::lists;
use super::props::{ParaProps, RowDef, RowEdges};
use super::story::{End, Paragraph};
use super::styles::StyleSheet;
use crate::extract::docx::numbering::{ListCounters, Numbering};
use crate::model::{Block, BlockKind, DocError, NoteRef, TablePos};

/// A table being read: its index in the document and the current cell.
struct Table {
    index: u32,
    row: u32,
    col: u32,
    /// The paragraphs of the current cell so far, joined by `\n`.
    text: String,
    notes: Vec<NoteRef>,
    /// The blocks of its cells: (index in the blocks, row, cell of the row).
    cells: Vec<(usize, u32, u32)>,
    /// The definition of each row that has one, with the number of cells
    /// the row has in the text.
    rows: Vec<(u32, usize, u32)>,
}

impl Table {
    fn new(index: u32) -> Table {
        Table {
            index,
            row: 0,
            col: 0,
            text: String::new(),
            notes: Vec::new(),
            cells: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Emits the cell's text so far as a block, if it has any.
    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let text = std::mem::take(&mut self.text);
        let notes = std::mem::take(&mut self.notes);
        if !text.trim().is_empty() {
            let table = TablePos {
                index: self.index,
                row: self.row,
                col: self.col,
            };
            let mut block = Block::new(BlockKind::TableCell, text).with_table(table);
            block.notes = notes;
            self.cells.push((blocks.len(), self.row, self.col));
            blocks.push(block);
        }
    }

    /// Ends the table: each cell's column becomes its place in the table's
    /// grid (the sorted edges of all rows), as DOCX counts columns, where the
    /// rows say where their cells are.
    fn finish(mut self, blocks: &mut Vec<Block>, row_edges: &RowEdges) {
        self.flush(blocks);
        // Only definitions that match their row's cells are trusted.
        let defined: Vec<(u32, &RowDef)> = self
            .rows
            .iter()
            .filter_map(|&(row, at, cells)| {
                let def = row_edges.get(at)?;
                (def.merged.len() == cells as usize).then_some((row, def))
            })
            .collect();
        let row_of = |row: u32| defined.iter().find(|(r, _)| *r == row).map(|(_, d)| *d);
        let mut grid: Vec<i16> = defined
            .iter()
            .map(|(_, def)| *def)
            .flat_map(|def| def.edges.iter().copied())
            .collect();
        grid.sort_unstable();
        grid.dedup();
        for &(block, row, cell) in &self.cells {
            let Some(def) = row_of(row) else { continue };
            // A cell merged into the ones before it stands where they start.
            let mut first = cell as usize;
            while first > 0 && def.merged.get(first).copied().unwrap_or(false) {
                first -= 1;
            }
            let left = def.edges.get(first);
            let col = left.and_then(|edge| grid.binary_search(edge).ok());
            let pos = blocks.get_mut(block).and_then(|b| b.table.as_mut());
            if let (Some(col), Some(pos)) = (col, pos) {
                pos.col = col as u32;
            }
        }
    }
}

/// Lays out the body of one document.
pub(super) struct Layout<'a> {
    styles: &'a StyleSheet,
    row_edges: &'a RowEdges,
    counters: ListCounters<'a>,
    max_depth: usize,
    next_table: u32,
    pub blocks: Vec<Block>,
}

impl<'a> Layout<'a> {
    /// A layout with no blocks yet, its lists not yet counted.
    pub(super) fn new(
        styles: &'a StyleSheet,
        row_edges: &'a RowEdges,
        lists: &'a Numbering,
        max_depth: usize,
    ) -> Self {
        Layout {
            styles,
            row_edges,
            counters: ListCounters::new(lists),
            max_depth,
            next_table: 0,
            blocks: Vec::new(),
        }
    }

    /// Lays out `paragraphs` of the main text (or of a text box); before
    /// each paragraph, the text boxes `boxes_before` returns for its CPs.
    pub(super) fn flow(
        &mut self,
        paragraphs: Vec<Paragraph>,
        boxes_before: &mut dyn FnMut(&Paragraph) -> Vec<Vec<Paragraph>>,
    ) -> Result<(), DocError> {
        let mut tables: Vec<Table> = Vec::new();
        for paragraph in paragraphs {
            for text_box in boxes_before(&paragraph) {
                self.flow(text_box, &mut |_| Vec::new())?;
            }
            let depth = paragraph.props.depth() as usize;
            if depth > self.max_depth {
                return Err(DocError::corrupt(format!(
                    "Word tables nested deeper than {}",
                    self.max_depth
                )));
            }
            while tables.len() > depth {
                if let Some(table) = tables.pop() {
                    table.finish(&mut self.blocks, self.row_edges);
                }
            }
            while tables.len() < depth {
                // A table inside a cell: the cell's text so far comes first.
                if let Some(outer) = tables.last_mut() {
                    outer.flush(&mut self.blocks);
                }
                tables.push(Table::new(self.next_table));
                self.next_table += 1;
            }
            match tables.last_mut() {
                None => self.paragraph(paragraph),
                Some(table) => {
                    let (_, _, label) = self.classify(&paragraph);
                    cell_paragraph(table, paragraph, label, depth, &mut self.blocks)
                }
            }
        }
        for table in tables.into_iter().rev() {
            table.finish(&mut self.blocks, self.row_edges);
        }
        Ok(())
    }

    /// A paragraph outside tables: a heading, a list item or a paragraph.
    fn paragraph(&mut self, paragraph: Paragraph) {
        // Classified first: Word counts empty list paragraphs too.
        let (kind, level, label) = self.classify(&paragraph);
        if paragraph.is_empty() {
            return;
        }
        let mut block = Block::new(kind, paragraph.text);
        block.level = level;
        block.label = label;
        block.notes = paragraph.notes;
        self.blocks.push(block);
    }

    /// The kind, level and list label of a paragraph: a heading by its
    /// outline level or its style, a list item when its list draws a label.
    /// Counts the paragraph in its list.
    fn classify(&mut self, paragraph: &Paragraph) -> (BlockKind, Option<u32>, Option<String>) {
        let props = &paragraph.props;
        let style = self.styles.paragraph(props.style);
        let heading = props
            .outline
            .filter(|&o| o < 9)
            .map(|o| u32::from(o) + 1)
            .or_else(|| self.styles.heading_level(props.style))
            .or_else(|| style.outline.filter(|&o| o < 9).map(|o| u32::from(o) + 1));
        let position = list_position(props, &style);
        let label = position.and_then(|(ilfo, ilvl)| {
            self.counters
                .next_label(&lists::instance_id(u32::from(ilfo)), ilvl)
        });
        match (heading, position) {
            (Some(level), _) => (BlockKind::Heading, Some(level), label),
            (None, Some((_, ilvl))) if label.is_some() => {
                (BlockKind::ListItem, Some(ilvl + 1), label)
            }
            _ => (BlockKind::Paragraph, None, None),
        }
    }
}

/// The list (`ilfo`, 1-based) and 0-based level of a paragraph, from its
/// own properties or else its style's.
fn list_position(props: &ParaProps, style: &ParaProps) -> Option<(u16, u32)> {
    let (ilfo, ilvl) = match props.list {
        Some(ilfo) => (ilfo, props.list_level),
        None => (style.list?, style.list_level),
    };
    (ilfo != 0).then_some((ilfo, u32::from(ilvl.min(8))))
}

/// A paragraph of the innermost open table: a line of the current cell
/// (after its list label, which in a cell can only be text, as in DOCX), the
/// end of the cell, or the end of a row.
fn cell_paragraph(
    table: &mut Table,
    mut paragraph: Paragraph,
    label: Option<String>,
    depth: usize,
    blocks: &mut Vec<Block>,
) {
    let props = &paragraph.props;
    let row_end = if depth == 1 {
        props.row_end
    } else {
        props.inner_row_end
    };
    if row_end {
        if let Some(edges) = props.row_edges {
            table.rows.push((table.row, edges, table.col));
        }
        table.row = table.row.saturating_add(1);
        table.col = 0;
        return;
    }
    if !paragraph.is_empty() || label.is_some() {
        if !table.text.is_empty() {
            table.text.push('\n');
        }
        if let Some(label) = label {
            table.text.push_str(&label);
            table.text.push(' ');
        }
        table.text.push_str(&paragraph.text);
        table.notes.append(&mut paragraph.notes);
    }
    let cell_end = paragraph.end == End::Cell || (depth > 1 && props.inner_cell_end);
    if cell_end {
        table.flush(blocks);
        table.col = table.col.saturating_add(1);
    }
}

/// One note block: the paragraphs of the note's text joined by `\n`.
pub(super) fn note_block(paragraphs: Vec<Paragraph>, id: String, label: String) -> Option<Block> {
    let lines: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.text)
        .collect();
    if lines.is_empty() {
        return None;
    }
    let mut block = Block::new(BlockKind::Footnote, lines.join("\n"));
    block.id = Some(id);
    block.label = Some(label).filter(|l| !l.is_empty());
    Some(block)
}

/// Blocks of `kind`, one per non-empty paragraph.
pub(super) fn plain_blocks(paragraphs: Vec<Paragraph>, kind: BlockKind) -> Vec<Block> {
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| Block::new(kind, p.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(list: Option<u16>, list_level: u8) -> ParaProps {
        ParaProps {
            list,
            list_level,
            ..ParaProps::default()
        }
    }

    #[test]
    fn list_position_comes_from_the_paragraph_else_its_style() {
        let style = props(Some(4), 2);
        assert_eq!(list_position(&props(Some(1), 1), &style), Some((1, 1)));
        assert_eq!(list_position(&props(None, 0), &style), Some((4, 2)));
        // ilfo 0 takes the paragraph out of its style's list.
        assert_eq!(list_position(&props(Some(0), 0), &style), None);
        assert_eq!(list_position(&props(None, 0), &props(None, 3)), None);
        assert_eq!(list_position(&props(Some(2), 12), &style), Some((2, 8)));
    }
}
