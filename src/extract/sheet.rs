//! Spreadsheets: Excel 97–2003 (`.xls`), Office Open XML (`.xlsx`) and
//! OpenDocument (`.ods`) workbooks, read through calamine.
//!
//! Each sheet, in workbook order, gives a level-1 heading with its name,
//! then its non-empty cells row by row, left to right, as table cells whose
//! table index is the sheet's position and whose row and column are the
//! cell's own (0-based, absolute). Choices:
//! - merged areas give their text once, from their top-left cell;
//! - formulas give their cached value, never their text;
//! - numbers as a General (Standard) cell shows them: integers without
//!   `.0`, fractions to 10 significant digits (no binary noise); booleans
//!   `TRUE`/`FALSE`; dates and times in ISO 8601 (`2005-08-31`, `14:30:00`,
//!   `2005-08-31T14:30:00`) in the workbook's 1900 or 1904 date system;
//! - error values are kept as Excel shows them (`#DIV/0!`): they are what
//!   the cell says, and an ODS file gives them only as text anyway;
//! - hidden sheets are read like the others, with a warning naming them;
//! - a sheet with no cells gives no blocks, not even its heading (the
//!   `sheets` metadata still counts it).
//!
//! Legacy Vietnamese: text cells are decoded by the document's one
//! [`LegacyDecoder`], run by run by their fonts where one of them is a
//! legacy font, by content otherwise (real workbooks hold TCVN3 text in
//! Arial cells), and so are sheet names and document properties. calamine gives
//! no fonts, so they are read beside it: in `.xls` the FONT and XF records
//! and the formatting runs of shared strings ([`biff`], [`sst`]); in
//! `.xlsx` the cell styles calamine hands out and the runs of rich shared
//! strings ([`xlsx`]); in `.ods` cell, column and default styles and text
//! spans ([`ods_fonts`]).
//!
//! Safety: calamine is only called once the cost of its reading is known to
//! be within `Limits` (see [`biff`], [`zip_sizes`], [`ods`]), the text
//! handed out is bounded by `max_inflated_bytes`, and a panic inside
//! calamine becomes a `corrupt` error. Before calamine opens an `.xls`, the
//! `cfb` crate has checked its sector chains (calamine's own reader would
//! follow a looping chain).

mod biff;
mod ods;
mod ods_fonts;
mod sst;
mod value;
mod xls;
mod xlsx;
mod zip_sizes;

use crate::budget::RecordBudget;
use crate::legacy::{FontRun, LegacyDecoder, legacy_font};
use crate::model::{Block, BlockKind, DocError, Extraction, Format, Limits, TablePos};
use calamine::{Data, Dimensions};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use value::{CellValue, cell_value};

/// Extracts the cells of a workbook of `format` (`Xls`, `Xlsx` or `Ods`):
/// a heading per sheet and a table cell per non-empty cell, legacy text
/// decoded, with `sheets` and the document properties (`title`, `author`;
/// for `.xls` also `subject`, `created`, `modified`, `company`…) as metadata.
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Extraction, DocError> {
    let mut budget = TextBudget::new(limits);
    let workbook = match format {
        Format::Xls => xls::read(bytes, limits, &mut budget)?,
        Format::Xlsx => xlsx::read(bytes, limits, &mut budget)?,
        Format::Ods => ods::read(bytes, limits, &mut budget)?,
        other => {
            return Err(DocError::unsupported(format!(
                "{other:?} is not a spreadsheet format"
            )));
        }
    };
    Ok(workbook.into_extraction())
}

/// A workbook as read, before decoding.
#[derive(Debug, Default)]
struct Workbook {
    sheets: Vec<SheetCells>,
    /// Document properties (`title`, `author`…), not yet decoded.
    properties: BTreeMap<String, String>,
}

/// One sheet as read: its name, whether it is hidden, its non-empty cells
/// in reading order.
#[derive(Debug)]
struct SheetCells {
    name: String,
    hidden: bool,
    cells: Vec<CellAt>,
}

impl SheetCells {
    /// A sheet of `cells` in any order, put in reading order, the copies
    /// inside `merges` other than each area's top-left cell dropped.
    fn new(name: String, hidden: bool, mut cells: Vec<CellAt>, merges: &[Dimensions]) -> Self {
        cells.sort_by_key(|cell| cell.at);
        cells.dedup_by_key(|cell| cell.at);
        drop_merged_copies(&mut cells, merges);
        SheetCells {
            name,
            hidden,
            cells,
        }
    }
}

/// A non-empty cell: its (row, col), value, and the fonts of its text
/// where the file names them, each from the char (counted in UTF-16 units,
/// as spreadsheets count) where it starts.
#[derive(Debug)]
struct CellAt {
    at: (u32, u32),
    value: CellValue,
    fonts: Vec<(usize, String)>,
}

impl CellAt {
    /// The cell at `at` holding `data` drawn in `fonts`, `None` when empty;
    /// the text it adds is paid from `budget`.
    fn new(
        at: (u32, u32),
        data: Data,
        fonts: &[(usize, &str)],
        budget: &mut TextBudget,
    ) -> Result<Option<Self>, DocError> {
        let Some(value) = cell_value(data) else {
            return Ok(None);
        };
        let text = match &value {
            CellValue::Text(text) | CellValue::Shown(text) => text,
        };
        budget.spend(text.len())?;
        let fonts = match value {
            CellValue::Text(_) => fonts
                .iter()
                .map(|&(start, name)| (start, name.to_string()))
                .collect(),
            CellValue::Shown(_) => Vec::new(),
        };
        Ok(Some(CellAt { at, value, fonts }))
    }
}

/// Bytes of cell text a workbook may still hand out: a shared string or a
/// repeated ODS cell can stand for far more text than the file holds. Each
/// cell is also charged as a block to the record's budget.
#[derive(Debug)]
struct TextBudget {
    limit: u64,
    spent: u64,
    record: RecordBudget,
}

impl TextBudget {
    fn new(limits: &Limits) -> Self {
        TextBudget {
            limit: limits.max_inflated_bytes,
            spent: 0,
            record: RecordBudget::new(limits),
        }
    }

    /// Pays for one cell of `bytes`; `too_large` once a limit is passed.
    fn spend(&mut self, bytes: usize) -> Result<(), DocError> {
        self.record.charge_blocks(1)?;
        self.spent = self.spent.saturating_add(bytes as u64);
        if self.spent > self.limit {
            return Err(DocError::too_large(format!(
                "the cells of this workbook hold more than {} MiB of text \
                 (a string repeated in many cells?); raise --max-inflated-size if the file is genuine",
                self.limit.div_ceil(1 << 20)
            )));
        }
        Ok(())
    }
}

thread_local! {
    /// Whether this thread is inside a calamine call (see [`calamine_call`]).
    static IN_CALAMINE: Cell<bool> = const { Cell::new(false) };
}

/// True while the current thread runs a calamine call whose panics this
/// module catches and reports as `corrupt`: a program's panic hook may stay
/// silent about those (see `main.rs`), since the record says what happened.
pub fn in_guarded_call() -> bool {
    IN_CALAMINE.with(Cell::get)
}

/// Runs a calamine call, turning a panic inside it (calamine indexes file
/// data without checking in places) into a `corrupt` error.
fn calamine_call<T>(call: impl FnOnce() -> T) -> Result<T, DocError> {
    let outer = IN_CALAMINE.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(call));
    IN_CALAMINE.with(|flag| flag.set(outer));
    result.map_err(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        DocError::corrupt(format!(
            "the spreadsheet reader failed on this file ({reason}); the file is probably damaged"
        ))
    })
}

/// Drops the cells of `cells` (in reading order) that lie inside a merged
/// area of `merges` without being its top-left cell: the area shows only
/// that cell, and some writers leave stale copies in the others.
fn drop_merged_copies(cells: &mut Vec<CellAt>, merges: &[Dimensions]) {
    let mut by_first_row: Vec<Dimensions> = merges
        .iter()
        .copied()
        .filter(|area| area.start != area.end)
        .collect();
    if by_first_row.is_empty() {
        return;
    }
    by_first_row.sort_by_key(|area| area.start.0);
    let mut next = 0;
    let mut open: Vec<Dimensions> = Vec::new();
    cells.retain(|cell| {
        let (row, col) = cell.at;
        while let Some(area) = by_first_row.get(next).filter(|a| a.start.0 <= row) {
            open.push(*area);
            next += 1;
        }
        open.retain(|area| area.end.0 >= row);
        !open
            .iter()
            .any(|area| area.contains(row, col) && area.start != cell.at)
    });
}

impl Workbook {
    /// Keeps a document property the workbook gives, if any.
    fn set_property(&mut self, key: &str, value: Option<String>) {
        if let Some(value) = value {
            self.properties.insert(key.to_string(), value);
        }
    }

    /// The blocks, metadata and warnings of the workbook, its text decoded
    /// by one legacy decoder in reading order.
    fn into_extraction(self) -> Extraction {
        let mut out = Extraction::default();
        let mut decoder = LegacyDecoder::new();
        out.meta
            .insert("sheets".into(), self.sheets.len().to_string());
        for (index, sheet) in self.sheets.into_iter().enumerate() {
            let name = decoder.decode_text(&sheet.name);
            if sheet.hidden {
                out.warnings.push(format!(
                    "sheet \"{name}\" is hidden; its cells are included"
                ));
            }
            if sheet.cells.is_empty() {
                continue;
            }
            out.blocks.push(
                Block::new(BlockKind::Heading, name.clone())
                    .with_level(1)
                    .with_sheet(name.clone()),
            );
            for cell in sheet.cells {
                let text = match cell.value {
                    CellValue::Shown(text) => text,
                    CellValue::Text(text) => decode_cell(&mut decoder, &text, &cell.fonts),
                };
                if text.trim().is_empty() {
                    continue;
                }
                let (row, col) = cell.at;
                out.blocks.push(
                    Block::new(BlockKind::TableCell, text)
                        .with_table(TablePos {
                            index: index as u32,
                            row,
                            col,
                        })
                        .with_sheet(name.clone()),
                );
            }
        }
        for (key, value) in self.properties {
            let value = decoder.decode_text(value.trim());
            if !value.trim().is_empty() {
                out.meta.insert(key, value.trim().to_string());
            }
        }
        decoder.report(&mut out.meta);
        out
    }
}

/// The Unicode text of a text cell drawn in `fonts`: by its fonts when one
/// of them is a legacy font, by content otherwise (real workbooks hold TCVN3
/// text in Arial cells).
fn decode_cell(decoder: &mut LegacyDecoder, text: &str, fonts: &[(usize, String)]) -> String {
    if fonts.iter().any(|(_, name)| legacy_font(name).is_some()) {
        decoder.decode_runs(&font_runs(text, fonts))
    } else {
        decoder.decode_text(text)
    }
}

/// `text` cut where its font changes: `fonts` gives each font from the
/// char (in UTF-16 units) where it starts; text before the first has none.
fn font_runs<'a>(text: &'a str, fonts: &'a [(usize, String)]) -> Vec<FontRun<'a>> {
    let mut runs = Vec::new();
    let mut starts = fonts.iter().peekable();
    let (mut run_start, mut font) = (0, None);
    let mut units = 0;
    for (at, c) in text.char_indices() {
        while let Some((_, name)) = starts.next_if(|(start, _)| *start <= units) {
            if at > run_start {
                runs.push(FontRun {
                    text: &text[run_start..at],
                    font,
                });
                run_start = at;
            }
            font = Some(name.as_str());
        }
        units += c.len_utf16();
    }
    if run_start < text.len() {
        runs.push(FontRun {
            text: &text[run_start..],
            font,
        });
    }
    runs
}

#[cfg(test)]
mod tests;
