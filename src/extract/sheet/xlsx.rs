//! `.xlsx` through calamine's streaming cell reader, which hands out cells
//! one by one with their style (so their font) instead of laying the sheet
//! out densely: a cell in the far corner costs no more than any other.
//!
//! calamine flattens rich shared strings, so their runs' fonts (`rFont`)
//! are read here from `sharedStrings.xml`, and matched to cells by text.

use super::{CellAt, SheetCells, TextBudget, Workbook, calamine_call, zip_sizes};
use crate::extract::xml::{attr, read_member, resolve_reference};
use crate::model::{DocError, ErrorKind, Limits};
use calamine::{Data, DataType, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Cursor;

/// The runs of a rich string: each run's text and the font it names.
type RichRuns = Vec<(String, Option<String>)>;

/// Reads the sheets of an Office Open XML workbook.
pub(super) fn read(
    bytes: &[u8],
    limits: &Limits,
    budget: &mut TextBudget,
) -> Result<Workbook, DocError> {
    // Worksheets are read twice, for their cells and for their merged
    // areas; shared strings by calamine and for their runs.
    zip_sizes::check(bytes, limits, |name| {
        name.contains("worksheets/") || name.ends_with("sharedstrings.xml")
    })?;
    let rich = rich_shared_strings(bytes, limits)?;
    let mut xlsx: Xlsx<_> = calamine_call(|| Xlsx::new(Cursor::new(bytes)))?.map_err(xlsx_error)?;
    let mut workbook = Workbook::default();
    let sheets = xlsx.sheets_metadata().to_vec();
    for sheet in &sheets {
        let hidden = sheet.visible != SheetVisible::Visible;
        let (cells, merges) = if sheet.typ == SheetType::WorkSheet {
            let merges = calamine_call(|| xlsx.merge_cells_by_sheet_name(&sheet.name))?
                .map_err(xlsx_error)?;
            let cells = calamine_call(|| sheet_cells(&mut xlsx, &sheet.name, &rich, budget))??;
            (cells, merges)
        } else {
            (Vec::new(), Vec::new())
        };
        workbook
            .sheets
            .push(SheetCells::new(sheet.name.clone(), hidden, cells, &merges));
    }
    if let Ok(Ok(properties)) = calamine_call(|| xlsx.workbook_properties()) {
        workbook.set_property("title", properties.title);
        workbook.set_property("author", properties.creator);
    }
    Ok(workbook)
}

/// The non-empty cells of sheet `name`, each with its fonts: its style's,
/// and for a rich shared string those of its runs.
fn sheet_cells(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    rich: &HashMap<String, RichRuns>,
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
        let mut fonts: Vec<(usize, &str)> = font.map(|name| (0, name)).into_iter().collect();
        if let Some(runs) = data.get_string().and_then(|text| rich.get(text)) {
            let mut start = 0;
            for (text, run_font) in runs {
                if let Some(name) = run_font.as_deref().or(font) {
                    fonts.push((start, name));
                }
                start += text.encode_utf16().count();
            }
        }
        if let Some(cell) = CellAt::new(cell.get_position(), data, &fonts, budget)? {
            cells.push(cell);
        }
    }
    Ok(cells)
}

/// The rich strings of `xl/sharedStrings.xml` whose runs name a font, by
/// their text as calamine gives it (runs joined, each `t` trimmed unless
/// `xml:space="preserve"`, phonetic runs left out).
fn rich_shared_strings(
    bytes: &[u8],
    limits: &Limits,
) -> Result<HashMap<String, RichRuns>, DocError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocError::corrupt(format!("the ZIP container cannot be opened: {e}")))?;
    let xml = read_member(
        &mut archive,
        "xl/sharedStrings.xml",
        limits.max_inflated_bytes,
    )?;
    Ok(xml.map(|xml| rich_strings_of(&xml)).unwrap_or_default())
}

/// [`rich_shared_strings`] of the shared strings part `xml`.
fn rich_strings_of(xml: &str) -> HashMap<String, RichRuns> {
    let mut strings = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut runs: RichRuns = Vec::new();
    let (mut phonetic, mut text, mut preserve) = (false, None::<String>, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "si" => runs.clear(),
                "r" => runs.push((String::new(), None)),
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    text = Some(String::new());
                    preserve = attr(&e, "space").as_deref() == Some("preserve");
                }
                "rFont" => set_run_font(&mut runs, attr(&e, "val")),
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "rFont" => {
                set_run_font(&mut runs, attr(&e, "val"));
            }
            Ok(Event::Text(t)) => {
                if let Some(text) = &mut text {
                    text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let (Some(text), Some(c)) = (&mut text, resolve_reference(&r)) {
                    text.push(c);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "rPh" => phonetic = false,
                "t" => {
                    let Some(done) = text.take() else { continue };
                    let done = if preserve {
                        done
                    } else {
                        done.trim_matches([' ', '\t', '\r', '\n']).to_string()
                    };
                    match runs.last_mut() {
                        Some(run) => run.0.push_str(&done),
                        None => runs.push((done, None)),
                    }
                }
                "si" if runs.iter().any(|run| run.1.is_some()) => {
                    let whole: String = runs.iter().map(|run| run.0.as_str()).collect();
                    strings.insert(whole, std::mem::take(&mut runs));
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    strings
}

/// Sets the font of the last run (its `rPr` comes before its text).
fn set_run_font(runs: &mut RichRuns, font: Option<String>) {
    if let Some(run) = runs.last_mut() {
        run.1 = font;
    }
}

fn xlsx_error(error: XlsxError) -> DocError {
    match error {
        XlsxError::Password => {
            DocError::new(ErrorKind::Encrypted, "this workbook is password-protected")
        }
        other => DocError::corrupt(format!("XLSX workbook unreadable: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_strings_keep_the_fonts_of_their_runs() {
        let xml = r#"<sst xmlns="m"><si><t>plain</t></si><si><r><t xml:space="preserve">Ghi chú: </t></r><r><rPr><rFont val=".VnTime"/></rPr><t> dµi&amp;</t></r><rPh><t>x</t></rPh></si><si><r><t>no font</t></r></si></sst>"#;
        let strings = rich_strings_of(xml);
        assert_eq!(strings.len(), 1);
        assert_eq!(
            strings["Ghi chú: dµi&"],
            [
                ("Ghi chú: ".to_string(), None),
                ("dµi&".to_string(), Some(".VnTime".to_string()))
            ]
        );
    }
}
