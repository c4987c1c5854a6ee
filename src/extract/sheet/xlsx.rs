//! `.xlsx` through calamine's streaming cell reader, which hands out cells
//! one by one with their style (so their font) instead of laying the sheet
//! out densely: a cell in the far corner costs no more than any other.

use super::{CellAt, SheetCells, TextBudget, Workbook, calamine_call, zip_sizes};
use crate::model::{DocError, ErrorKind, Limits};
use calamine::{Data, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use std::io::Cursor;

/// Reads the sheets of an Office Open XML workbook.
pub(super) fn read(
    bytes: &[u8],
    limits: &Limits,
    budget: &mut TextBudget,
) -> Result<Workbook, DocError> {
    // Worksheets are read twice: for their cells and for their merged areas.
    zip_sizes::check(bytes, limits, |name| name.contains("worksheets/"))?;
    let mut xlsx: Xlsx<_> = calamine_call(|| Xlsx::new(Cursor::new(bytes)))?.map_err(xlsx_error)?;
    let mut workbook = Workbook::default();
    let sheets = xlsx.sheets_metadata().to_vec();
    for sheet in &sheets {
        let hidden = sheet.visible != SheetVisible::Visible;
        let (cells, merges) = if sheet.typ == SheetType::WorkSheet {
            let merges = calamine_call(|| xlsx.merge_cells_by_sheet_name(&sheet.name))?
                .map_err(xlsx_error)?;
            let cells = calamine_call(|| sheet_cells(&mut xlsx, &sheet.name, budget))??;
            (cells, merges)
        } else {
            (Vec::new(), Vec::new())
        };
        workbook
            .sheets
            .push(SheetCells::new(sheet.name.clone(), hidden, cells, &merges));
    }
    if let Ok(Ok(properties)) = calamine_call(|| xlsx.workbook_properties()) {
        workbook.title = properties.title;
        workbook.author = properties.creator;
    }
    Ok(workbook)
}

/// The non-empty cells of sheet `name`, each with its font.
fn sheet_cells(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut TextBudget,
) -> Result<Vec<CellAt>, DocError> {
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(xlsx_error)?;
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(xlsx_error)? {
        let font = reader
            .styles()
            .get(style)
            .and_then(|style| style.font.as_ref())
            .and_then(|font| font.name.as_deref());
        let data = Data::from(cell.get_value().clone());
        let fonts: Vec<(usize, &str)> = font.map(|name| (0, name)).into_iter().collect();
        if let Some(cell) = CellAt::new(cell.get_position(), data, &fonts, budget)? {
            cells.push(cell);
        }
    }
    Ok(cells)
}

fn xlsx_error(error: XlsxError) -> DocError {
    match error {
        XlsxError::Password => {
            DocError::new(ErrorKind::Encrypted, "this workbook is password-protected")
        }
        other => DocError::corrupt(format!("XLSX workbook unreadable: {other}")),
    }
}
