//! `.xls` (BIFF8, and BIFF5 as calamine reads it) through calamine, after
//! the first pass of [`biff`](super::biff) has found each text cell's font
//! and checked what calamine will allocate.

use super::biff;
use super::{CellAt, SheetCells, TextBudget, Workbook, calamine_call};
use crate::extract::ole::Ole;
use crate::model::{DocError, ErrorKind, Limits};
use calamine::{Data, Reader, SheetVisible, Xls, XlsError, XlsOptions};
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
            let data = match data {
                Data::String(text) => Data::String(c1_as_windows_1252(text)),
                other => other.clone(),
            };
            if let Some(cell) = CellAt::new(at, data, &fonts, budget)? {
                cells.push(cell);
            }
        }
        workbook.sheets.push(SheetCells::new(
            c1_as_windows_1252(&sheet.name),
            sheet.visible != SheetVisible::Visible,
            cells,
            &merges,
        ));
    }
    // The summary property sets give more than calamine's title and author
    // (dates, subject, company…), read as for .doc.
    if let Ok(mut ole) = Ole::open(bytes, limits) {
        workbook.properties = ole.summary_properties();
    }
    Ok(workbook)
}

/// `text` with C1 controls (U+0080–U+009F) read as the windows-1252 chars
/// of their bytes (U+0085 → `…`): an 8-bit BIFF8 string holds Latin-1, so
/// a legacy byte in 0x80–0x9F comes out as a control, where the legacy
/// decoder expects what a Western code page reads.
fn c1_as_windows_1252(text: &str) -> String {
    text.chars()
        .map(|c| match u8::try_from(u32::from(c)) {
            Ok(byte @ 0x80..=0x9F) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[byte])
                .0
                .chars()
                .next()
                .unwrap_or(c),
            _ => c,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_read_as_windows_1252() {
        assert_eq!(c1_as_windows_1252("a\u{85}b\u{93}\u{81}"), "a…b“\u{81}");
        assert_eq!(c1_as_windows_1252("Hà Nội"), "Hà Nội");
    }
}
