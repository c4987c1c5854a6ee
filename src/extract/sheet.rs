//! Spreadsheets: Excel 97–2003 (`.xls`), Office Open XML (`.xlsx`) and
//! OpenDocument (`.ods`) workbooks.

use crate::model::{DocError, Extraction, Format, Limits};

/// Extracts the cells of a workbook of `format` (`Xls`, `Xlsx` or `Ods`).
pub fn extract(_bytes: &[u8], _format: Format, _limits: &Limits) -> Result<Extraction, DocError> {
    Err(DocError::unsupported(
        "spreadsheets are not supported yet; export the sheet as CSV",
    ))
}
