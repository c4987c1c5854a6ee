//! OLE2 compound files ([MS-CFB]) as the binary Office formats need them:
//! opening through `cfb` with damage reported as `corrupt`, reading one
//! stream within the file's size and the inflate budget, and the document
//! properties of the `\x05SummaryInformation` and
//! `\x05DocumentSummaryInformation` property sets ([MS-OLEPS]).
//!
//! `cfb` refuses FAT chains that loop or share sectors when it opens a file
//! and stops a stream at the end of its chain; a stream whose directory entry
//! claims more bytes than the whole file is refused here before anything is
//! allocated for it.

use crate::encoding::code_page_encoding;
use crate::legacy::LegacyDecoder;
use crate::model::{DocError, Limits};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// An open compound file over borrowed bytes.
pub struct Ole<'a> {
    file: cfb::CompoundFile<Cursor<&'a [u8]>>,
    file_len: u64,
    max_stream: u64,
}

impl<'a> Ole<'a> {
    /// Opens `bytes` as a compound file; a damaged header, FAT or directory
    /// gives a `corrupt` error.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Ole<'a>, DocError> {
        let file = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| DocError::corrupt(format!("damaged OLE2 compound file: {e}")))?;
        Ok(Ole {
            file,
            file_len: bytes.len() as u64,
            max_stream: limits.max_inflated_bytes,
        })
    }

    /// The whole stream at `path` (e.g. `WordDocument`, `/1Table`), or `None`
    /// when there is no such stream. A stream larger than the file is
    /// `corrupt`, one larger than `max_inflated_bytes` is `too_large`.
    pub fn stream(&mut self, path: &str) -> Result<Option<Vec<u8>>, DocError> {
        if !self.file.is_stream(path) {
            return Ok(None);
        }
        let name = path.trim_start_matches('/');
        let damaged =
            |e: std::io::Error| DocError::corrupt(format!("damaged OLE2 stream {name:?}: {e}"));
        let len = self.file.entry(path).map_err(damaged)?.len();
        if len > self.file_len {
            return Err(DocError::corrupt(format!(
                "OLE2 stream {name:?} claims {len} bytes in a file of {} bytes",
                self.file_len
            )));
        }
        if len > self.max_stream {
            return Err(DocError::too_large(format!(
                "OLE2 stream {name:?} is {len} bytes, over the limit of {} bytes",
                self.max_stream
            )));
        }
        let mut stream = self.file.open_stream(path).map_err(damaged)?;
        // `len` is at most the file's size, so this allocation is bounded.
        let mut data = Vec::with_capacity(len as usize);
        stream
            .by_ref()
            .take(len)
            .read_to_end(&mut data)
            .map_err(damaged)?;
        Ok(Some(data))
    }

    /// The document properties of the summary property sets: `title`,
    /// `subject`, `author`, `keywords`, `description`, `last_modified_by`,
    /// `created`/`modified` (ISO 8601 UTC), `pages`, `words`, `application`
    /// and `company`. Strings are read in the property set's code page, then
    /// passed through `decoder` so legacy Vietnamese text becomes Unicode.
    /// Missing or damaged property sets give no entries, never an error.
    pub fn summary_metadata(&mut self, decoder: &mut LegacyDecoder) -> BTreeMap<String, String> {
        let mut meta = self.summary_properties();
        for value in meta.values_mut() {
            *value = decoder.decode_text(value).trim().to_string();
        }
        meta.retain(|_, value| !value.is_empty());
        meta
    }

    /// The same properties as [`summary_metadata`](Self::summary_metadata),
    /// trimmed but not yet decoded from legacy encodings.
    pub fn summary_properties(&mut self) -> BTreeMap<String, String> {
        let mut meta = BTreeMap::new();
        for (stream, fields) in [
            ("/\u{5}SummaryInformation", SUMMARY_FIELDS),
            ("/\u{5}DocumentSummaryInformation", DOCUMENT_SUMMARY_FIELDS),
        ] {
            if let Ok(Some(data)) = self.stream(stream) {
                read_property_set(&data, fields, &mut meta);
            }
        }
        for value in meta.values_mut() {
            *value = value.trim().to_string();
        }
        meta.retain(|_, value| !value.is_empty());
        meta
    }
}

/// Property ids of `SummaryInformation` ([MS-OLEPS] 2.25.1) and our keys.
const SUMMARY_FIELDS: &[(u32, &str)] = &[
    (2, "title"),
    (3, "subject"),
    (4, "author"),
    (5, "keywords"),
    (6, "description"),
    (8, "last_modified_by"),
    (12, "created"),
    (13, "modified"),
    (14, "pages"),
    (15, "words"),
    (18, "application"),
];

/// Property ids of `DocumentSummaryInformation` ([MS-OLEPS] 2.25.2).
const DOCUMENT_SUMMARY_FIELDS: &[(u32, &str)] = &[(15, "company")];

const PID_CODEPAGE: u32 = 1;
const VT_I2: u16 = 2;
const VT_I4: u16 = 3;
const VT_LPSTR: u16 = 0x1E;
const VT_LPWSTR: u16 = 0x1F;
const VT_FILETIME: u16 = 0x40;

/// Reads the first property set of a property set stream into `meta`,
/// keeping the properties `fields` names.
fn read_property_set(stream: &[u8], fields: &[(u32, &str)], meta: &mut BTreeMap<String, String>) {
    // Header: byte order, version, system, CLSID, number of sets; then the
    // first set's FMTID and offset.
    let Some(set_offset) = u32_at(stream, 44).map(|o| o as usize) else {
        return;
    };
    let Some(set) = stream.get(set_offset..) else {
        return;
    };
    let count = u32_at(set, 4).unwrap_or(0) as usize;
    // Each property takes 8 bytes of the index: a count beyond the set's
    // bytes is damage, not a reason to loop.
    let count = count.min(set.len() / 8);
    let entries: Vec<(u32, usize)> = (0..count)
        .filter_map(|i| {
            let at = 8 + i * 8;
            Some((u32_at(set, at)?, u32_at(set, at + 4)? as usize))
        })
        .collect();
    let code_page = entries
        .iter()
        .find(|(id, _)| *id == PID_CODEPAGE)
        .and_then(|&(_, offset)| match u16_at(set, offset)? {
            VT_I2 => u16_at(set, offset + 4),
            _ => None,
        })
        .unwrap_or(1252);
    for &(id, offset) in &entries {
        let Some(&(_, key)) = fields.iter().find(|(pid, _)| *pid == id) else {
            continue;
        };
        if let Some(value) = property_value(set, offset, code_page) {
            meta.insert(key.to_string(), value);
        }
    }
}

/// The value of the typed property at `offset` in a property set, as text.
fn property_value(set: &[u8], offset: usize, code_page: u16) -> Option<String> {
    let value = offset.checked_add(4)?;
    match u16_at(set, offset)? {
        VT_I2 => Some(u16_at(set, value)?.cast_signed().to_string()),
        VT_I4 => Some(u32_at(set, value)?.cast_signed().to_string()),
        VT_LPSTR => {
            let len = u32_at(set, value)? as usize;
            let bytes = set.get(value + 4..(value + 4).checked_add(len)?)?;
            Some(decode_code_page(bytes, code_page))
        }
        VT_LPWSTR => {
            let chars = u32_at(set, value)? as usize;
            let bytes = set.get(value + 4..(value + 4).checked_add(chars.checked_mul(2)?)?)?;
            Some(decode_code_page(bytes, 1200))
        }
        VT_FILETIME => {
            let low = u64::from(u32_at(set, value)?);
            let high = u64::from(u32_at(set, value + 4)?);
            filetime_to_iso((high << 32) | low)
        }
        _ => None,
    }
}

/// Text in Windows code page `code_page`, up to its first NUL.
fn decode_code_page(bytes: &[u8], code_page: u16) -> String {
    let text = match code_page {
        1200 => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .take_while(|&u| u != 0)
                .collect();
            return String::from_utf16_lossy(&units);
        }
        _ => {
            let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            // Western (1252) when unknown, which also keeps legacy
            // Vietnamese bytes as the chars the legacy decoder expects.
            code_page_encoding(u32::from(code_page))
                .unwrap_or(encoding_rs::WINDOWS_1252)
                .decode_without_bom_handling(&bytes[..end])
                .0
        }
    };
    text.into_owned()
}

/// A FILETIME (100 ns ticks since 1601-01-01 UTC) as `YYYY-MM-DDTHH:MM:SSZ`;
/// `None` for zero (unset) and for dates before 1970 or after 9999, which
/// Word writes for durations and damaged values.
fn filetime_to_iso(ticks: u64) -> Option<String> {
    const UNIX_EPOCH_SECONDS: u64 = 11_644_473_600;
    let seconds = (ticks / 10_000_000).checked_sub(UNIX_EPOCH_SECONDS)?;
    let days = seconds / 86_400;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 || ticks == 0 {
        return None;
    }
    let rest = seconds % 86_400;
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// The little-endian `u16` at `at`, if the bytes are there.
pub fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// The little-endian `u32` at `at`, if the bytes are there.
pub fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A property set stream holding `props` (id, type, value bytes).
    fn property_set(props: &[(u32, u16, Vec<u8>)]) -> Vec<u8> {
        let mut body = Vec::new();
        let index_len = 8 + props.len() * 8;
        let mut index = Vec::new();
        for (id, kind, value) in props {
            index.extend(id.to_le_bytes());
            index.extend(((index_len + body.len()) as u32).to_le_bytes());
            body.extend(u32::from(*kind).to_le_bytes());
            body.extend(value);
            while body.len() % 4 != 0 {
                body.push(0);
            }
        }
        let mut set = Vec::new();
        set.extend(((index_len + body.len()) as u32).to_le_bytes());
        set.extend((props.len() as u32).to_le_bytes());
        set.extend(index);
        set.extend(body);
        let mut stream = vec![0xFE, 0xFF, 0, 0, 2, 0, 0, 0];
        stream.extend([0; 16]);
        stream.extend(1u32.to_le_bytes());
        stream.extend([0xE0; 16]);
        stream.extend(48u32.to_le_bytes());
        stream.extend(set);
        stream
    }

    fn lpstr(bytes: &[u8]) -> Vec<u8> {
        let mut v = ((bytes.len() + 1) as u32).to_le_bytes().to_vec();
        v.extend(bytes);
        v.push(0);
        v
    }

    #[test]
    fn summary_strings_follow_the_code_page_and_dates_are_iso() {
        // 2003-02-12T08:30:00Z as a FILETIME.
        let seconds: u64 = 1_045_038_600 + 11_644_473_600;
        let stream = property_set(&[
            (1, VT_I2, 1258u16.to_le_bytes().to_vec()),
            (2, VT_LPSTR, lpstr(b"Quy\xD5t \xF0\xEF")),
            (4, VT_LPSTR, lpstr(b"Nguy\xEAn")),
            (
                12,
                VT_FILETIME,
                (seconds * 10_000_000).to_le_bytes().to_vec(),
            ),
            (14, VT_I4, 3u32.to_le_bytes().to_vec()),
        ]);
        let mut meta = BTreeMap::new();
        read_property_set(&stream, SUMMARY_FIELDS, &mut meta);
        assert_eq!(meta["title"], "QuyƠt đï");
        assert_eq!(meta["author"], "Nguyên");
        assert_eq!(meta["created"], "2003-02-12T08:30:00Z");
        assert_eq!(meta["pages"], "3");
    }

    #[test]
    fn western_strings_keep_legacy_bytes_as_latin_1_chars() {
        let stream = property_set(&[(2, VT_LPSTR, lpstr(b"Quy\xD5t \xAE\xDEnh \x85"))]);
        let mut meta = BTreeMap::new();
        read_property_set(&stream, SUMMARY_FIELDS, &mut meta);
        assert_eq!(meta["title"], "QuyÕt ®Þnh …");
    }

    #[test]
    fn damaged_property_sets_give_what_is_readable() {
        let stream = property_set(&[(2, VT_LPSTR, lpstr(b"Title"))]);
        for cut in 0..stream.len() {
            let mut meta = BTreeMap::new();
            read_property_set(&stream[..cut], SUMMARY_FIELDS, &mut meta);
        }
        let mut huge = stream.clone();
        huge[48 + 4..48 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut meta = BTreeMap::new();
        read_property_set(&huge, SUMMARY_FIELDS, &mut meta);
        assert_eq!(meta["title"], "Title");
    }

    /// A compound file with one stream `name` holding `data`.
    pub(crate) fn compound_file(name: &str, data: &[u8]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream(name).unwrap().write_all(data).unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn streams_are_read_within_limits() {
        let bytes = compound_file("Data", &[7; 5000]);
        let limits = Limits::default();
        let mut ole = Ole::open(&bytes, &limits).unwrap();
        assert_eq!(ole.stream("/Data").unwrap().unwrap().len(), 5000);
        assert_eq!(ole.stream("/Missing").unwrap(), None);
        let small = Limits {
            max_inflated_bytes: 100,
            ..Limits::default()
        };
        let mut ole = Ole::open(&bytes, &small).unwrap();
        let err = ole.stream("/Data").unwrap_err();
        assert_eq!(err.kind, crate::model::ErrorKind::TooLarge);
    }

    #[test]
    fn filetimes() {
        assert_eq!(filetime_to_iso(0), None);
        assert_eq!(
            filetime_to_iso(11_644_473_600 * 10_000_000).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            filetime_to_iso((951_782_400 + 11_644_473_600) * 10_000_000).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
    }
}
