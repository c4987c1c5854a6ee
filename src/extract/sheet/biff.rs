//! A first pass over the BIFF records of an `.xls` Workbook stream, for
//! what calamine does not give or does not guard: the font of each text
//! cell (FONT and XF records, and the XF index of the cell records), and
//! what calamine will allocate for each sheet (it reserves the area the
//! DIMENSIONS record claims and builds a dense range over the cells'
//! bounding box), so that a hostile file is refused before it is read.
//!
//! Layout (MS-XLS 2.1.4): records of a 2-byte type, a 2-byte length and the
//! data; the globals substream first, then one substream per sheet at the
//! offset its BOUNDSHEET record gives.

use super::sst::{self, SharedStrings};
use crate::model::{DocError, ErrorKind};
use std::collections::HashMap;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const FONT: u16 = 0x0031;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const DIMENSIONS: u16 = 0x0200;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const RK: u16 = 0x027E;
const RSTRING: u16 = 0x00D6;
const LABELSST: u16 = 0x00FD;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// What calamine keeps per cell while it builds a sheet (`Cell<Data>`) and
/// per position of the dense range it builds (`Data`, and a `String` for the
/// formula range).
const CELL_BYTES: u64 = std::mem::size_of::<calamine::Cell<calamine::Data>>() as u64;
const DENSE_BYTES: u64 =
    (std::mem::size_of::<calamine::Data>() + std::mem::size_of::<String>()) as u64;

/// What the first pass learnt of a workbook.
#[derive(Debug, Default)]
pub(super) struct BiffScan {
    /// True for BIFF8 (Excel 97 and later), whose strings are Unicode
    /// whatever the CODEPAGE record says.
    pub biff8: bool,
    /// FONT record names, in record order.
    fonts: Vec<String>,
    /// The font index of each XF record, in record order.
    xf_fonts: Vec<u16>,
    /// The lengths and formatting runs of the shared strings.
    shared: SharedStrings,
    /// One per BOUNDSHEET record, in workbook order.
    pub sheets: Vec<SheetScan>,
}

/// What the first pass learnt of one sheet.
#[derive(Debug, Default)]
pub(super) struct SheetScan {
    /// The XF index of each text cell (labels and formulas), by (row, col).
    text_xfs: HashMap<(u32, u32), u16>,
    /// The shared string of each LABELSST cell, by (row, col).
    shared_strings: HashMap<(u32, u32), u32>,
    /// Bytes calamine will hold for this sheet at once, by our estimate.
    pub calamine_bytes: u64,
}

impl BiffScan {
    /// The fonts of the text cell at (`row`, `col`) of sheet `sheet`, each
    /// from the char (in UTF-16 units) where it starts: its XF's font from
    /// the first, then those of its formatting runs.
    pub(super) fn cell_fonts(&self, sheet: usize, row: u32, col: u32) -> Vec<(usize, &str)> {
        let Some(sheet) = self.sheets.get(sheet) else {
            return Vec::new();
        };
        let mut fonts = Vec::new();
        let xf = sheet.text_xfs.get(&(row, col));
        let xf_font = xf.and_then(|&xf| self.xf_fonts.get(usize::from(xf)));
        if let Some(name) = xf_font.and_then(|&font| self.font_name(font)) {
            fonts.push((0, name));
        }
        let runs = sheet
            .shared_strings
            .get(&(row, col))
            .and_then(|index| self.shared.runs.get(index));
        for &(start, font) in runs.into_iter().flatten() {
            let Some(name) = self.font_name(font) else {
                continue;
            };
            let start = usize::from(start);
            match fonts.last_mut() {
                Some(last) if last.0 >= start => *last = (last.0, name),
                _ => fonts.push((start, name)),
            }
        }
        fonts
    }

    /// The name of font `index` (as XF records and formatting runs give it).
    fn font_name(&self, index: u16) -> Option<&str> {
        let index = usize::from(index);
        // Font index 4 is never written: indexes above it are one record early.
        let record = if index > 4 { index - 1 } else { index };
        self.fonts.get(record).map(String::as_str)
    }
}

/// One record: its type and data.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
}

/// The records of `stream` from byte `start` on, up to the first one cut
/// short by the end of the stream.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = Record<'_>> {
    let mut at = start;
    std::iter::from_fn(move || {
        let header = stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { typ, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// Scans the Workbook stream; `encrypted` for a password-protected file,
/// `too_large` when calamine would hold more than `budget` bytes.
pub(super) fn scan(stream: &[u8], budget: u64) -> Result<BiffScan, DocError> {
    let mut scan = BiffScan::default();
    let mut sheet_offsets = Vec::new();
    let mut sst_segments: Vec<&[u8]> = Vec::new();
    let mut previous = 0u16;
    for record in records(stream, 0) {
        let continues_sst = record.typ == CONTINUE && matches!(previous, SST | CONTINUE);
        if record.typ != CONTINUE {
            previous = record.typ;
        }
        match record.typ {
            SST => sst_segments = vec![record.data],
            _ if continues_sst && !sst_segments.is_empty() => sst_segments.push(record.data),
            BOF => scan.biff8 = u16_at(record.data, 0) == Some(0x0600),
            FILEPASS => {
                return Err(DocError::new(
                    ErrorKind::Encrypted,
                    "this workbook is password-protected",
                ));
            }
            FONT => scan.fonts.push(font_name(record.data, scan.biff8)),
            XF => scan.xf_fonts.push(u16_at(record.data, 0).unwrap_or(0)),
            BOUNDSHEET => sheet_offsets.push(u32_at(record.data, 0).unwrap_or(u32::MAX)),
            EOF => break,
            _ => {}
        }
    }
    scan.shared = sst::read(&sst_segments);
    let mut total: u64 = 0;
    for offset in sheet_offsets {
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let sheet = if start < stream.len() {
            scan_sheet(stream, start, &scan.shared.lengths)?
        } else {
            return Err(DocError::corrupt(format!(
                "a sheet of this workbook starts past the end of its stream (at byte {offset})"
            )));
        };
        total = total.saturating_add(sheet.calamine_bytes);
        scan.sheets.push(sheet);
    }
    if total > budget {
        return Err(DocError::too_large(format!(
            "the sheets of this workbook span about {} MiB of cells once laid out \
             (a cell far from the others?), past the limit of {} MiB; \
             raise --max-inflated-size if the file is genuine",
            total >> 20,
            budget.div_ceil(1 << 20)
        )));
    }
    Ok(scan)
}

/// The name in a FONT record: a short string at byte 14 (BIFF8: with a
/// flags byte, compressed or UTF-16; BIFF5: 8-bit).
fn font_name(data: &[u8], biff8: bool) -> String {
    let Some(&count) = data.get(14) else {
        return String::new();
    };
    let count = usize::from(count);
    let utf16 = biff8 && data.get(15).is_some_and(|flags| flags & 1 == 1);
    let start = if biff8 { 16 } else { 15 };
    let chars = data.get(start..).unwrap_or_default();
    if utf16 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(count).map(|&b| char::from(b)).collect()
    }
}

/// Scans one sheet substream: the XF of its text cells, and what calamine
/// will allocate for it (each LABELSST cell gets its own copy of a shared
/// string, of `string_lengths` UTF-16 units).
fn scan_sheet(stream: &[u8], start: usize, string_lengths: &[u16]) -> Result<SheetScan, DocError> {
    let mut sheet = SheetScan::default();
    let mut copied_text: u64 = 0;
    let mut bounds: Option<[u32; 4]> = None;
    let mut formula_bounds: Option<[u32; 4]> = None;
    let mut reserve: u64 = 0;
    let mut cells: u64 = 0;
    let mut depth = 0usize;
    let mut seen_bof = false;
    for record in records(stream, start) {
        let data = record.data;
        match record.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF if depth == 0 => break,
            EOF => depth -= 1,
            _ if depth > 0 => {}
            DIMENSIONS => reserve = reserve.max(dimensions_reserve(data)?),
            LABEL | RSTRING | LABELSST | FORMULA | NUMBER | BOOLERR | RK => {
                let (Some(row), Some(col), Some(xf)) =
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4))
                else {
                    continue;
                };
                let at = (u32::from(row), u32::from(col));
                extend(&mut bounds, at);
                cells += 1;
                if record.typ == FORMULA {
                    extend(&mut formula_bounds, at);
                }
                if matches!(record.typ, LABEL | RSTRING | LABELSST | FORMULA) {
                    sheet.text_xfs.insert(at, xf);
                }
                if let (LABELSST, Some(index)) = (record.typ, u32_at(data, 6)) {
                    sheet.shared_strings.insert(at, index);
                    let units = usize::try_from(index)
                        .ok()
                        .and_then(|i| string_lengths.get(i))
                        .map_or(0, |&n| u64::from(n));
                    // Up to three UTF-8 bytes per UTF-16 unit.
                    copied_text += units * 3;
                }
            }
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let count = data.len().saturating_sub(6) / 6;
                if count > 0 {
                    let last = u32::from(first) + count as u32 - 1;
                    extend(&mut bounds, (u32::from(row), u32::from(first)));
                    extend(&mut bounds, (u32::from(row), last));
                    cells += count as u64;
                }
            }
            _ => {}
        }
    }
    let dense = |b: Option<[u32; 4]>| {
        b.map_or(0, |[r0, c0, r1, c1]| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1) * DENSE_BYTES
        })
    };
    // The cells, the reserve the DIMENSIONS record asks for, the sheet's
    // dense value and formula ranges, and the copy of the value range
    // calamine hands out, with the text of its shared-string cells.
    sheet.calamine_bytes = (reserve.max(cells) * CELL_BYTES)
        .saturating_add(dense(bounds).saturating_mul(2))
        .saturating_add(dense(formula_bounds))
        .saturating_add(copied_text.saturating_mul(2));
    Ok(sheet)
}

/// Widens `bounds` ([first row, first col, last row, last col]) to `at`.
fn extend(bounds: &mut Option<[u32; 4]>, (row, col): (u32, u32)) {
    *bounds = Some(match *bounds {
        None => [row, col, row, col],
        Some([r0, c0, r1, c1]) => [r0.min(row), c0.min(col), r1.max(row), c1.max(col)],
    });
}

/// The number of cells calamine reserves room for on reading a DIMENSIONS
/// record (MS-XLS 2.4.90), as calamine reads it; `corrupt` when its last
/// row comes before its first, which calamine does not check.
fn dimensions_reserve(data: &[u8]) -> Result<u64, DocError> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u16_at(data, 4).unwrap_or(0),
            u16_at(data, 6).unwrap_or(0),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u16_at(data, 8).unwrap_or(0),
            u16_at(data, 10).unwrap_or(0),
        ),
        _ => return Ok(0),
    };
    if last_row == 0 || last_col == 0 {
        return Ok(0);
    }
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row - 1 < first_row {
        return Err(DocError::corrupt(
            "a DIMENSIONS record of this workbook ends before it starts",
        ));
    }
    Ok(u64::from(last_row - first_row) * u64::from(last_col - first_col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn font(name: &str) -> Vec<u8> {
        let mut data = vec![0; 14];
        data.push(name.len() as u8);
        data.push(0);
        data.extend(name.bytes());
        record(FONT, &data)
    }

    fn cell(typ: u16, row: u16, col: u16, xf: u16) -> Vec<u8> {
        let mut data = Vec::new();
        for v in [row, col, xf, 0, 0] {
            data.extend(v.to_le_bytes());
        }
        record(typ, &data)
    }

    /// A workbook of one sheet whose records are `sheet`.
    fn workbook(fonts: &[&str], xf_fonts: &[u16], sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let mut globals = bof.clone();
        for name in fonts {
            globals.extend(font(name));
        }
        for &f in xf_fonts {
            let mut data = f.to_le_bytes().to_vec();
            data.extend([0; 18]);
            globals.extend(record(XF, &data));
        }
        let boundsheet_len = 4 + 10;
        let sheet_at = (globals.len() + boundsheet_len + 4) as u32;
        let mut data = sheet_at.to_le_bytes().to_vec();
        data.extend([0, 0, 2, 0, b'S', b'1']);
        globals.extend(record(BOUNDSHEET, &data));
        globals.extend(record(EOF, &[]));
        assert_eq!(globals.len() as u32, sheet_at);
        globals.extend(bof);
        for r in sheet {
            globals.extend(r);
        }
        globals.extend(record(EOF, &[]));
        globals
    }

    #[test]
    fn a_text_cell_has_the_font_of_its_xf_skipping_font_four() {
        let fonts = ["Arial", "Arial", "Arial", "Arial", ".VnTime", "VNI-Times"];
        let stream = workbook(
            &fonts,
            &[0, 5, 6],
            &[
                cell(LABELSST, 2, 3, 1),
                cell(LABEL, 4, 0, 2),
                cell(NUMBER, 5, 0, 1),
            ],
        );
        let scan = scan(&stream, 1 << 30).unwrap();
        assert!(scan.biff8);
        assert_eq!(scan.cell_fonts(0, 2, 3), [(0, ".VnTime")]);
        assert_eq!(scan.cell_fonts(0, 4, 0), [(0, "VNI-Times")]);
        assert!(scan.cell_fonts(0, 5, 0).is_empty(), "numbers are not text");
        assert!(scan.cell_fonts(1, 2, 3).is_empty());
    }

    #[test]
    fn a_cell_far_from_the_others_is_refused_before_calamine_lays_it_out() {
        let stream = workbook(
            &[],
            &[],
            &[cell(NUMBER, 0, 0, 0), cell(NUMBER, 65535, 255, 0)],
        );
        let error = scan(&stream, 64 << 20).unwrap_err();
        assert_eq!(error.kind, ErrorKind::TooLarge, "{error}");
        assert!(scan(&stream, 4 << 30).is_ok());
    }

    #[test]
    fn a_long_shared_string_in_many_cells_is_counted_once_per_cell() {
        let cells: Vec<u8> = (0..2000u16)
            .flat_map(|row| {
                let mut data = Vec::new();
                for v in [row, 0, 0] {
                    data.extend(v.to_le_bytes());
                }
                data.extend(0u32.to_le_bytes());
                record(LABELSST, &data)
            })
            .collect();
        let copies = scan_sheet(&cells, 0, &[0x7FFF]).unwrap();
        assert!(
            copies.calamine_bytes > 2000 * 0x7FFF * 3,
            "{}",
            copies.calamine_bytes
        );
        let short = scan_sheet(&cells, 0, &[10]).unwrap();
        assert!(short.calamine_bytes < 1 << 20, "{}", short.calamine_bytes);
    }

    #[test]
    fn dimensions_that_end_before_they_start_are_corrupt() {
        let mut data = Vec::new();
        for v in [100u32, 10] {
            data.extend(v.to_le_bytes());
        }
        data.extend([0, 0, 5, 0, 0, 0]);
        let stream = workbook(&[], &[], &[record(DIMENSIONS, &data)]);
        assert_eq!(scan(&stream, 1 << 30).unwrap_err().kind, ErrorKind::Corrupt);
    }

    #[test]
    fn a_huge_dimensions_record_is_refused() {
        let mut data = Vec::new();
        for v in [0u32, 0x0100_0000] {
            data.extend(v.to_le_bytes());
        }
        data.extend([0, 0, 0xFF, 0, 0, 0]);
        let stream = workbook(&[], &[], &[record(DIMENSIONS, &data)]);
        assert_eq!(
            scan(&stream, 256 << 20).unwrap_err().kind,
            ErrorKind::TooLarge
        );
    }

    #[test]
    fn encrypted_and_truncated_streams() {
        let mut stream = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        stream.extend(record(FILEPASS, &[1, 0]));
        assert_eq!(
            scan(&stream, 1 << 30).unwrap_err().kind,
            ErrorKind::Encrypted
        );
        let whole = workbook(&[".VnTime"], &[0], &[cell(LABEL, 0, 0, 0)]);
        for cut in 0..whole.len() {
            let _ = scan(&whole[..cut], 1 << 30);
        }
    }
}
