//! The formatting runs of an `.xls` workbook's shared strings (SST,
//! MS-XLS 2.4.265): where, inside a cell's text, the font changes. A
//! legacy workbook may draw one word of a cell in Symbol and the rest in
//! `.VnTime`, and only the runs say so.
//!
//! The SST record continues in CONTINUE records; a string's characters may
//! be cut by a record boundary, after which a byte says again whether they
//! are one or two bytes wide.

use std::collections::HashMap;

/// Formatting runs: (first char, in UTF-16 units; font index).
pub(super) type Runs = Vec<(u16, u16)>;

/// What the SST says of its strings.
#[derive(Debug, Default)]
pub(super) struct SharedStrings {
    /// The length of each string, in UTF-16 units.
    pub lengths: Vec<u16>,
    /// The runs of each rich string, by string index.
    pub runs: HashMap<u32, Runs>,
}

/// Reads the SST whose record data are `segments` (the SST record, then
/// its CONTINUE records). Reading stops at the first string cut short.
pub(super) fn read(segments: &[&[u8]]) -> SharedStrings {
    let mut reader = Segments {
        segments,
        index: 0,
        at: 0,
    };
    let mut strings = SharedStrings::default();
    let (Some(_total), Some(unique)) = (reader.u32(), reader.u32()) else {
        return strings;
    };
    for index in 0..unique {
        let Some((length, runs)) = read_string(&mut reader) else {
            break;
        };
        strings.lengths.push(length);
        if !runs.is_empty() {
            strings.runs.insert(index, runs);
        }
    }
    strings
}

/// Reads one XLUnicodeRichExtendedString: its length and its runs.
fn read_string(reader: &mut Segments) -> Option<(u16, Runs)> {
    let count = reader.u16()?;
    let flags = reader.byte()?;
    let run_count = if flags & 0x08 != 0 { reader.u16()? } else { 0 };
    let extension = if flags & 0x04 != 0 { reader.u32()? } else { 0 };
    reader.skip_chars(usize::from(count), flags & 0x01 != 0)?;
    let mut runs = Vec::new();
    for _ in 0..run_count {
        runs.push((reader.u16()?, reader.u16()?));
    }
    reader.skip(usize::try_from(extension).ok()?)?;
    Some((count, runs))
}

/// A cursor over record data continued across records.
struct Segments<'a> {
    segments: &'a [&'a [u8]],
    index: usize,
    at: usize,
}

impl Segments<'_> {
    /// Bytes left in the current record.
    fn left(&self) -> usize {
        self.segments
            .get(self.index)
            .map_or(0, |s| s.len().saturating_sub(self.at))
    }

    /// Moves to the next record; `None` past the last.
    fn next_segment(&mut self) -> Option<()> {
        self.index += 1;
        self.at = 0;
        (self.index < self.segments.len()).then_some(())
    }

    fn byte(&mut self) -> Option<u8> {
        while self.left() == 0 {
            self.next_segment()?;
        }
        let byte = *self.segments.get(self.index)?.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from(self.u16()?) | u32::from(self.u16()?) << 16)
    }

    /// Skips `count` bytes, across records.
    fn skip(&mut self, mut count: usize) -> Option<()> {
        while count > 0 {
            if self.left() == 0 {
                self.next_segment()?;
            }
            let step = count.min(self.left());
            self.at += step;
            count -= step;
        }
        Some(())
    }

    /// Skips `count` characters one or two bytes wide (`wide`); at each
    /// record boundary a byte gives the width of the rest.
    fn skip_chars(&mut self, mut count: usize, mut wide: bool) -> Option<()> {
        loop {
            let width = if wide { 2 } else { 1 };
            let step = count.min(self.left() / width);
            self.at += step * width;
            count -= step;
            if count == 0 {
                return Some(());
            }
            self.next_segment()?;
            wide = self.byte()? & 0x01 != 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SST header for `unique` strings.
    fn header(unique: u32) -> Vec<u8> {
        [unique.to_le_bytes(), unique.to_le_bytes()].concat()
    }

    #[test]
    fn runs_are_found_across_continue_records() {
        let mut first = header(3);
        // "ab": plain, compressed.
        first.extend([2, 0, 0, b'a', b'b']);
        // "F: dµi", rich: two runs, its chars cut after "F: ".
        first.extend([6, 0, 0x08, 2, 0, b'F', b':', b' ']);
        // The rest of its chars, now two bytes wide, then its runs.
        let mut second = vec![0x01, b'd', 0, 0xB5, 0, b'i', 0];
        second.extend([0, 0, 7, 0, 1, 0, 5, 0]);
        // "x" with an extension block of 3 bytes and one run.
        second.extend([1, 0, 0x0C, 1, 0, 3, 0, 0, 0, b'x', 0, 0, 6, 0, 9, 9, 9]);
        let strings = read(&[&first, &second]);
        assert_eq!(strings.lengths, [2, 6, 1]);
        assert_eq!(strings.runs.len(), 2);
        assert_eq!(strings.runs[&1], [(0, 7), (1, 5)]);
        assert_eq!(strings.runs[&2], [(0, 6)]);
    }

    #[test]
    fn a_table_cut_short_keeps_what_came_before() {
        let mut data = header(1000);
        data.extend([1, 0, 0x08, 1, 0, b'a', 0, 0, 9, 0]);
        data.extend([200, 0, 0, b'b']);
        let strings = read(&[&data]);
        assert_eq!(strings.lengths, [1]);
        assert_eq!(strings.runs[&0], [(0, 9)]);
        for cut in 0..data.len() {
            let _ = read(&[&data[..cut]]);
        }
    }
}
