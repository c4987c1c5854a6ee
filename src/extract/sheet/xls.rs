//! `.xls` (BIFF8, and BIFF5 as calamine reads it) through calamine, after
//! the first pass of [`biff`](super::biff) has found each text cell's font
//! and checked what calamine will allocate.

use super::biff;
use super::{CellAt, SheetCells, TextBudget, Workbook, calamine_call};
use crate::model::{DocError, ErrorKind, Limits};
use calamine::{Reader, SheetVisible, Xls, XlsError, XlsOptions};
use std::io::{Cursor, Read};

/// Reads the sheets of an Excel 97–2003 workbook.
pub(super) fn read(
    bytes: &[u8],
    limits: &Limits,
    budget: &mut TextBudget,
) -> Result<Workbook, DocError> {
    let stream = workbook_stream(bytes, limits)?;
    let scan = biff::scan(&stream, limits.max_inflated_bytes)?;
    drop(stream);
    let mut options = XlsOptions::default();
    // BIFF8 strings are Latin-1 or UTF-16 whatever the CODEPAGE record says;
    // calamine would read 8-bit strings through a wrong code page as if it
    // were UTF-16.
    if scan.biff8 {
        options.force_codepage = Some(1200);
    }
    let mut xls =
        calamine_call(|| Xls::new_with_options(Cursor::new(bytes), options))?.map_err(xls_error)?;
    let mut workbook = Workbook::default();
    let sheets = xls.sheets_metadata().to_vec();
    for (index, sheet) in sheets.iter().enumerate() {
        let range = calamine_call(|| xls.worksheet_range(&sheet.name))?.map_err(xls_error)?;
        let merges = xls
            .merge_cells_by_sheet_name(&sheet.name)
            .unwrap_or_default();
        let (top, left) = range.start().unwrap_or_default();
        let mut cells = Vec::new();
        for (row, col, data) in range.used_cells() {
            let at = (top + row as u32, left + col as u32);
            let fonts = scan.cell_fonts(index, at.0, at.1);
            if let Some(cell) = CellAt::new(at, data.clone(), &fonts, budget)? {
                cells.push(cell);
            }
        }
        workbook.sheets.push(SheetCells::new(
            sheet.name.clone(),
            sheet.visible != SheetVisible::Visible,
            cells,
            &merges,
        ));
    }
    if let Ok(Ok(properties)) = calamine_call(|| xls.workbook_properties()) {
        workbook.title = properties.title;
        workbook.author = properties.creator;
    }
    Ok(workbook)
}

/// The Workbook stream (`Book` in Excel 5 files), read within the inflate
/// budget.
fn workbook_stream(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, DocError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| DocError::corrupt(format!("XLS compound file unreadable: {e}")))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or_else(|| DocError::corrupt("this XLS file has no Workbook stream"))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|s| {
            s.take(limits.max_inflated_bytes + 1)
                .read_to_end(&mut stream)
        })
        .map_err(|e| DocError::corrupt(format!("XLS Workbook stream unreadable: {e}")))?;
    if stream.len() as u64 > limits.max_inflated_bytes {
        return Err(DocError::too_large(format!(
            "the Workbook stream is larger than the limit of {} MiB",
            limits.max_inflated_bytes.div_ceil(1 << 20)
        )));
    }
    Ok(stream)
}

fn xls_error(error: XlsError) -> DocError {
    match error {
        XlsError::Password => {
            DocError::new(ErrorKind::Encrypted, "this workbook is password-protected")
        }
        other => DocError::corrupt(format!("XLS workbook unreadable: {other}")),
    }
}
