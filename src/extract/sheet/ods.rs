//! `.ods` through calamine, after a first pass over `content.xml` of our
//! own: calamine lays every sheet out densely when it opens the file (up to
//! 100 million cells a sheet) and does not say which cells are merged, so
//! the first pass estimates what it will allocate and finds the merged
//! areas (`table:number-columns-spanned` / `-rows-spanned`), whose covered
//! cells calamine reads as if they were visible.
//!
//! The first pass also finds each text cell's fonts ([`ods_fonts`]), which
//! calamine does not read: its style's, and those of the spans in its text.

use super::ods_fonts::{self, CellText, StyleFonts};
use super::{CellAt, SheetCells, TextBudget, Workbook, calamine_call, zip_sizes};
use crate::extract::xml::{attr, read_member};
use crate::model::{DocError, ErrorKind, Limits};
use calamine::{Data, Dimensions, Ods, OdsError, Reader, SheetVisible};
use quick_xml::events::{BytesStart, Event};
use std::io::Cursor;

/// Rows and columns calamine keeps at most (it caps repeats there).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;
/// What calamine keeps per laid-out position: a value and a formula.
const POSITION_BYTES: u64 = (std::mem::size_of::<Data>() + std::mem::size_of::<String>()) as u64;

/// Reads the sheets of an OpenDocument spreadsheet.
pub(super) fn read(
    bytes: &[u8],
    limits: &Limits,
    budget: &mut TextBudget,
) -> Result<Workbook, DocError> {
    // content.xml is read twice: by the first pass and by calamine.
    zip_sizes::check(bytes, limits, |name| name == "content.xml")?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocError::corrupt(format!("the ZIP container cannot be opened: {e}")))?;
    let content = read_member(&mut archive, "content.xml", limits.max_inflated_bytes)?
        .ok_or_else(|| DocError::corrupt("this OpenDocument spreadsheet has no content.xml"))?;
    let mut fonts = StyleFonts::default();
    if let Some(styles) = read_member(&mut archive, "styles.xml", limits.max_inflated_bytes)? {
        fonts.read(&styles);
    }
    fonts.read(&content);
    let layout = first_pass(&content, &fonts);
    drop(content);
    if layout.calamine_bytes > limits.max_inflated_bytes {
        return Err(DocError::too_large(format!(
            "the sheets of this workbook span about {} MiB of cells once laid out \
             (a repeated row or column?), past the limit of {} MiB; \
             raise --max-inflated-size if the file is genuine",
            layout.calamine_bytes >> 20,
            limits.max_inflated_bytes.div_ceil(1 << 20)
        )));
    }

    let mut ods: Ods<_> = calamine_call(|| Ods::new(Cursor::new(bytes)))?.map_err(ods_error)?;
    let mut workbook = Workbook::default();
    let sheets = ods.sheets_metadata().to_vec();
    for (index, sheet) in sheets.iter().enumerate() {
        let range = calamine_call(|| ods.worksheet_range(&sheet.name))?.map_err(ods_error)?;
        let mut cells = Vec::new();
        let (top, left) = range.start().unwrap_or_default();
        for (row, col, data) in range.used_cells() {
            let at = (top + row as u32, left + col as u32);
            let fonts = layout.cell_fonts(index, at);
            if let Some(cell) = CellAt::new(at, data.clone(), &fonts, budget)? {
                cells.push(cell);
            }
        }
        let merges = layout.merges.get(index).map_or(&[][..], Vec::as_slice);
        workbook.sheets.push(SheetCells::new(
            sheet.name.clone(),
            sheet.visible != SheetVisible::Visible,
            cells,
            merges,
        ));
    }
    if let Ok(properties) = ods.workbook_properties() {
        workbook.set_property("title", properties.title);
        workbook.set_property("author", properties.creator);
    }
    Ok(workbook)
}

fn ods_error(error: OdsError) -> DocError {
    match error {
        OdsError::Password => DocError::new(
            ErrorKind::Encrypted,
            "this OpenDocument spreadsheet is password-protected",
        ),
        other => DocError::corrupt(format!("OpenDocument spreadsheet unreadable: {other}")),
    }
}

/// What the first pass learns of `content.xml`.
#[derive(Debug, Default)]
struct Layout {
    /// The merged areas of each sheet, in sheet order.
    merges: Vec<Vec<Dimensions>>,
    /// The fonts of the text cells of each sheet, in sheet order.
    fonts: Vec<Vec<StyledCells>>,
    /// Bytes calamine will hold, by our estimate.
    calamine_bytes: u64,
}

impl Layout {
    /// The fonts of the text cell at `at` of sheet `sheet`, each from the
    /// char (in UTF-16 units) where it starts.
    fn cell_fonts(&self, sheet: usize, (row, col): (u32, u32)) -> Vec<(usize, &str)> {
        let Some(styled) = self.fonts.get(sheet) else {
            return Vec::new();
        };
        let (row, col) = (u64::from(row), u64::from(col));
        // Elements come in reading order and rows of different row elements
        // do not overlap: the last element starting at or before the cell
        // is the only one that can hold it.
        let after = styled.partition_point(|s| (s.rows.0, s.cols.0) <= (row, col));
        match after.checked_sub(1).and_then(|i| styled.get(i)) {
            Some(s) if s.rows.1 >= row && s.cols.1 >= col => {
                s.fonts.iter().map(|(at, f)| (*at, f.as_str())).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// A text cell element whose text is being followed, and its place.
#[derive(Debug)]
struct OpenCell {
    text: CellText,
    rows: (u64, u64),
    cols: (u64, u64),
}

/// One text cell element (repeats included) and its fonts.
#[derive(Debug)]
struct StyledCells {
    /// First and last row, first and last column.
    rows: (u64, u64),
    cols: (u64, u64),
    fonts: Vec<(usize, String)>,
}

/// Where the first pass stands in one sheet.
#[derive(Debug, Default)]
struct SheetPass {
    row: u64,
    col: u64,
    row_repeats: u64,
    /// The column after the last cell with a value in the current row.
    row_end: u64,
    /// [first row, first col, last row, last col] of the cells with a value.
    bounds: Option<[u64; 4]>,
    /// Positions calamine pushes while reading rows.
    pushed: u64,
    /// Bytes of text and formulas calamine copies into those positions
    /// (a repeated cell is copied once per position), by our estimate.
    heap: u64,
    merges: Vec<Dimensions>,
    /// The next column a `table:table-column` element describes, and the
    /// default cell style of each column range.
    next_column: u64,
    column_styles: Vec<(u64, u64, String)>,
    styled: Vec<StyledCells>,
    /// The text cell being read.
    open_cell: Option<OpenCell>,
    nested_cells: usize,
}

impl SheetPass {
    fn start_row(&mut self, element: &BytesStart) {
        self.row_repeats = number(element, "number-rows-repeated").clamp(1, MAX_ROWS);
        self.col = 0;
        self.row_end = 0;
    }

    fn end_row(&mut self) {
        if self.row_end > 0 {
            let last_row = self.row + self.row_repeats - 1;
            let [r0, c0, r1, c1] = self.bounds.unwrap_or([self.row, u64::MAX, 0, 0]);
            let first_col = c0.min(self.row_end - 1);
            self.bounds = Some([
                r0.min(self.row),
                first_col,
                r1.max(last_row),
                c1.max(self.row_end - 1),
            ]);
            self.pushed += self.row_end;
        }
        self.row = (self.row + self.row_repeats).min(MAX_ROWS);
        self.row_repeats = 1;
    }

    fn column(&mut self, element: &BytesStart) {
        let repeats = number(element, "number-columns-repeated").clamp(1, MAX_COLUMNS);
        let last = self.next_column + repeats - 1;
        if let Some(style) = attr(element, "default-cell-style-name") {
            self.column_styles.push((self.next_column, last, style));
        }
        self.next_column = (last + 1).min(MAX_COLUMNS);
    }

    /// The font of a cell element at the current place: its style's, its
    /// column's default style's, or the `Default` style's.
    fn cell_font(&self, element: &BytesStart, fonts: &StyleFonts) -> Option<String> {
        let style = attr(element, "style-name").or_else(|| {
            self.column_styles
                .iter()
                .find(|(first, last, _)| (*first..=*last).contains(&self.col))
                .map(|(_, _, style)| style.clone())
        });
        fonts.font(ods_fonts::CELL, style.as_deref().unwrap_or("Default"))
    }

    /// Notes the fonts of a text cell element; `empty` when it has no
    /// content. Its text is followed until the element ends when calamine
    /// takes the text from the content.
    fn text_cell(&mut self, element: &BytesStart, empty: bool, fonts: &StyleFonts) {
        let repeats = number(element, "number-columns-repeated").max(1);
        let rows = (self.row, self.row + self.row_repeats - 1);
        let cols = (self.col, self.col + repeats - 1);
        let text = CellText::new(self.cell_font(element, fonts));
        if empty || attr(element, "string-value").is_some() {
            self.styled.push(StyledCells {
                rows,
                cols,
                fonts: text.runs(),
            });
        } else {
            self.open_cell = Some(OpenCell { text, rows, cols });
            self.nested_cells = 0;
        }
    }

    /// Takes in an event inside the open text cell; closes it at its end.
    fn inside_cell(&mut self, event: &Event, fonts: &StyleFonts) {
        let is_cell = |name: &str| matches!(name, "table-cell" | "covered-table-cell");
        match event {
            Event::Start(e) if is_cell(e.local_name().as_ref()) => self.nested_cells += 1,
            Event::End(e) if is_cell(e.local_name().as_ref()) => {
                if self.nested_cells > 0 {
                    self.nested_cells -= 1;
                } else if let Some(cell) = self.open_cell.take() {
                    // Up to three UTF-8 bytes per UTF-16 unit, once per position.
                    let positions =
                        (cell.rows.1 - cell.rows.0 + 1) * (cell.cols.1 - cell.cols.0 + 1);
                    let bytes = (cell.text.units() as u64).saturating_mul(3);
                    self.heap = self.heap.saturating_add(bytes.saturating_mul(positions));
                    self.styled.push(StyledCells {
                        rows: cell.rows,
                        cols: cell.cols,
                        fonts: cell.text.runs(),
                    });
                }
            }
            _ => {
                if let Some(cell) = &mut self.open_cell {
                    cell.text.event(event, fonts);
                }
            }
        }
    }

    fn cell(&mut self, element: &BytesStart, covered: bool) {
        let repeats = number(element, "number-columns-repeated").max(1);
        let has_value = element
            .attributes()
            .flatten()
            .any(|a| matches!(a.key.local_name().as_ref(), "value-type" | "formula"));
        if !covered {
            let (rows, cols) = (
                number(element, "number-rows-spanned").max(1),
                number(element, "number-columns-spanned").max(1),
            );
            if rows > 1 || cols > 1 {
                let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                self.merges.push(Dimensions::new(
                    (at(self.row), at(self.col)),
                    (at(self.row + rows - 1), at(self.col + cols - 1)),
                ));
            }
        }
        self.col = (self.col + repeats).min(MAX_COLUMNS);
        if has_value {
            self.row_end = self.col;
            // The value and formula attributes, copied once per position.
            let attributes: u64 = element
                .attributes()
                .flatten()
                .map(|a| a.value.len() as u64)
                .sum();
            let positions = repeats.saturating_mul(self.row_repeats);
            self.heap = self
                .heap
                .saturating_add(attributes.saturating_mul(positions));
        }
    }

    fn calamine_bytes(&self) -> u64 {
        let laid_out = self
            .bounds
            .map_or(0, |[r0, c0, r1, c1]| (r1 - r0 + 1) * (c1 - c0 + 1));
        // Rows as read, then the dense range and the copy handed out.
        ((self.pushed + laid_out * 2) * POSITION_BYTES).saturating_add(self.heap.saturating_mul(2))
    }
}

/// The value of the numeric attribute `local` of `element`, 1 when absent;
/// at most `u32::MAX`, so that sums of a few cannot overflow.
pub(super) fn number(element: &BytesStart, local: &str) -> u64 {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .map_or(1, |n| n.min(u64::from(u32::MAX)))
}

/// Walks the tables of `content.xml` as calamine will: top-level
/// `table:table`s, their columns, rows and cells with their repeats; the
/// fonts of text cells are resolved through `fonts`.
fn first_pass(content: &str, fonts: &StyleFonts) -> Layout {
    let mut layout = Layout::default();
    let mut reader = quick_xml::Reader::from_str(content);
    let mut table_depth = 0usize;
    let mut sheet = SheetPass::default();
    let finish = |sheet: &mut SheetPass, layout: &mut Layout| {
        let done = std::mem::take(sheet);
        layout.calamine_bytes = layout.calamine_bytes.saturating_add(done.calamine_bytes());
        layout.merges.push(done.merges);
        layout.fonts.push(done.styled);
    };
    loop {
        let event = reader.read_event();
        if let (Some(_), Ok(event)) = (&sheet.open_cell, &event) {
            sheet.inside_cell(event, fonts);
            continue;
        }
        // calamine writes out the spaces `text:s` stands for wherever it
        // reads a cell's content.
        if let Ok(Event::Start(e) | Event::Empty(e)) = &event
            && e.local_name().as_ref() == "s"
        {
            sheet.heap = sheet.heap.saturating_add(number(e, "c"));
        }
        let (element, empty) = match event {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "table" => {
                        table_depth = table_depth.saturating_sub(1);
                        if table_depth == 0 {
                            finish(&mut sheet, &mut layout);
                        }
                    }
                    "table-row" if table_depth == 1 => sheet.end_row(),
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match element.local_name().as_ref() {
            "table" => {
                table_depth += 1;
                if empty && table_depth == 1 {
                    finish(&mut sheet, &mut layout);
                }
                if empty {
                    table_depth -= 1;
                }
            }
            "table-row" if table_depth == 1 => {
                sheet.start_row(&element);
                if empty {
                    sheet.end_row();
                }
            }
            "table-column" if table_depth == 1 => sheet.column(&element),
            "table-cell" if table_depth == 1 => {
                if attr(&element, "value-type").as_deref() == Some("string") {
                    sheet.text_cell(&element, empty, fonts);
                }
                sheet.cell(&element, false);
            }
            "covered-table-cell" if table_depth == 1 => sheet.cell(&element, true),
            _ => {}
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_pass_of(content: &str) -> Layout {
        first_pass(content, &StyleFonts::default())
    }

    fn content(rows: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t"><office:body><office:spreadsheet><table:table table:name="A">{rows}</table:table><table:table table:name="B"/></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn merged_areas_are_found_after_repeated_rows_and_columns() {
        let layout = first_pass_of(&content(
            r#"<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string"/><table:covered-table-cell/></table:table-row>"#,
        ));
        assert_eq!(layout.merges.len(), 2);
        assert_eq!(layout.merges[0], [Dimensions::new((3, 2), (4, 3))]);
        assert!(layout.merges[1].is_empty());
    }

    #[test]
    fn repeated_text_and_spaces_are_counted_as_calamine_copies_them() {
        let long = "x".repeat(1000);
        let repeated = first_pass_of(&content(&format!(
            r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        )));
        assert!(
            repeated.calamine_bytes > 1_000_000_000,
            "{}",
            repeated.calamine_bytes
        );
        let spaces = first_pass_of(&content(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#,
        ));
        assert!(
            spaces.calamine_bytes > 4_000_000_000,
            "{}",
            spaces.calamine_bytes
        );
    }

    #[test]
    fn a_value_far_out_is_counted_as_calamine_lays_it_out() {
        let far = first_pass_of(&content(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row>"#,
        ));
        assert!(far.calamine_bytes > 1 << 40, "{}", far.calamine_bytes);
        let near = first_pass_of(&content(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        ));
        // Three positions, and the value attributes copied twice.
        let attributes = ("float".len() + "1".len()) as u64;
        assert_eq!(near.calamine_bytes, 3 * POSITION_BYTES + 2 * attributes);
    }
}
