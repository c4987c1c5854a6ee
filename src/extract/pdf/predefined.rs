//! The predefined Chinese CMaps a PDF may name instead of embedding one
//! (`GBK-EUC-H`, `UniGB-UCS2-H`, `ETen-B5-H`, …) and the Adobe-GB1 and
//! Adobe-CNS1 character collections' CID → Unicode tables.
//!
//! Chinese official documents are often made with non-embedded fonts and no
//! ToUnicode map; their text can only be read through this data. It comes
//! from Adobe's CMap resources (BSD-3-Clause, see `data/ADOBE-CMAPS-LICENSE`)
//! compacted by `scripts/gen-cjk-cmaps.py`, and is parsed on first use.
//! `-V` names resolve to their `-H` CMap: they differ only in the CIDs of
//! vertical punctuation forms, which read as the same text.

use super::cmap::Code;
use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("data/cjk-cmaps.bin");

/// A character collection (CIDSystemInfo registry-ordering).
#[derive(Debug)]
pub struct Collection {
    /// `Adobe-GB1` or `Adobe-CNS1`.
    pub name: String,
    /// (first CID, length, first code point), sorted by CID.
    runs: Vec<(u32, u32, u32)>,
}

impl Collection {
    /// The character CID `cid` shows, if the collection defines one.
    pub fn unicode(&self, cid: u32) -> Option<char> {
        let i = self.runs.partition_point(|r| r.0 <= cid).checked_sub(1)?;
        let (first, len, code_point) = self.runs[i];
        (cid < first + len)
            .then(|| char::from_u32(code_point + (cid - first)))
            .flatten()
    }
}

/// A predefined CMap: how a string splits into codes and which CID each
/// code selects.
#[derive(Debug)]
pub struct PredefinedCMap {
    /// Index into the collections.
    collection: usize,
    /// (byte count, low, high) code space ranges.
    codespace: Vec<(u8, u32, u32)>,
    /// (byte count, low, high, first CID), disjoint, sorted by (byte count, low).
    ranges: Vec<(u8, u32, u32, u32)>,
}

impl PredefinedCMap {
    /// The collection whose CIDs this CMap selects.
    pub fn collection(&self) -> &'static Collection {
        &tables().collections[self.collection]
    }

    /// How many bytes the code at the start of `bytes` takes: the shortest
    /// length whose code space range holds it byte by byte, else the
    /// shortest code length (PDF 32000 9.7.6.3).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        let shortest = self.codespace.iter().map(|r| r.0).min().unwrap_or(1);
        (1..=bytes.len().min(4))
            .find(|&n| {
                self.codespace
                    .iter()
                    .any(|&(len, lo, hi)| usize::from(len) == n && in_range(&bytes[..n], lo, hi))
            })
            .unwrap_or(usize::from(shortest))
    }

    /// The CID `code` selects.
    pub fn cid(&self, code: Code) -> Option<u32> {
        let key = (code.len, code.value);
        let i = self
            .ranges
            .partition_point(|r| (r.0, r.1) <= key)
            .checked_sub(1)?;
        let (len, lo, hi, cid) = self.ranges[i];
        (len == code.len && code.value <= hi).then(|| cid + (code.value - lo))
    }
}

/// Whether every byte of `bytes` lies between the matching bytes of the
/// big-endian codes `lo` and `hi`.
fn in_range(bytes: &[u8], lo: u32, hi: u32) -> bool {
    let n = bytes.len();
    bytes.iter().enumerate().all(|(i, &b)| {
        let shift = 8 * (n - 1 - i);
        let (l, h) = ((lo >> shift) as u8, (hi >> shift) as u8);
        l <= b && b <= h
    })
}

/// The predefined CMap called `name` (a `-V` name gives its `-H` CMap).
pub fn cmap(name: &str) -> Option<&'static PredefinedCMap> {
    let horizontal = match name.strip_suffix("-V") {
        Some(stem) => format!("{stem}-H"),
        None => name.to_string(),
    };
    tables().cmaps.get(&horizontal)
}

/// The collection `Adobe-<ordering>`, for `GB1` and `CNS1`.
pub fn collection(ordering: &str) -> Option<&'static Collection> {
    let name = format!("Adobe-{ordering}");
    tables().collections.iter().find(|c| c.name == name)
}

struct Tables {
    collections: Vec<Collection>,
    cmaps: HashMap<String, PredefinedCMap>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    // The data is generated and checked by the tests below; a damaged copy
    // gives empty tables rather than a panic.
    TABLES.get_or_init(|| {
        parse(DATA).unwrap_or(Tables {
            collections: Vec::new(),
            cmaps: HashMap::new(),
        })
    })
}

fn parse(data: &[u8]) -> Option<Tables> {
    let mut r = Reader {
        data: data.strip_prefix(b"PGCMAP1\n")?,
    };
    let mut collections = Vec::new();
    for _ in 0..r.varint()? {
        let name = r.name()?;
        let mut runs = Vec::new();
        let (mut end, mut last) = (0u32, 0i64);
        for _ in 0..r.varint()? {
            let first = end.checked_add(r.varint()?)?;
            let len = r.varint()?.checked_add(1)?;
            let code_point = u32::try_from(last + r.zigzag()?).ok()?;
            runs.push((first, len, code_point));
            end = first.checked_add(len)?;
            last = i64::from(code_point) + i64::from(len) - 1;
        }
        collections.push(Collection { name, runs });
    }
    let mut cmaps = HashMap::new();
    for _ in 0..r.varint()? {
        let name = r.name()?;
        let collection = r.varint()? as usize;
        if collection >= collections.len() {
            return None;
        }
        let mut codespace = Vec::new();
        for _ in 0..r.varint()? {
            codespace.push((u8::try_from(r.varint()?).ok()?, r.varint()?, r.varint()?));
        }
        let mut ranges = Vec::new();
        let mut previous: [u32; 5] = [0; 5];
        for _ in 0..r.varint()? {
            let len = u8::try_from(r.varint()?)
                .ok()
                .filter(|&n| (1..=4).contains(&n))?;
            let lo = previous[usize::from(len)].checked_add(r.varint()?)?;
            let hi = lo.checked_add(r.varint()?)?;
            ranges.push((len, lo, hi, r.varint()?));
            previous[usize::from(len)] = lo;
        }
        cmaps.insert(
            name,
            PredefinedCMap {
                collection,
                codespace,
                ranges,
            },
        );
    }
    Some(Tables { collections, cmaps })
}

struct Reader<'a> {
    data: &'a [u8],
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u32> {
        let mut value: u64 = 0;
        for shift in (0..35).step_by(7) {
            let (&byte, rest) = self.data.split_first()?;
            self.data = rest;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(value).ok();
            }
        }
        None
    }

    fn zigzag(&mut self) -> Option<i64> {
        let n = i64::from(self.varint()?);
        Some(if n & 1 == 0 { n >> 1 } else { -((n + 1) >> 1) })
    }

    fn name(&mut self) -> Option<String> {
        let len = self.varint()? as usize;
        if len > self.data.len() {
            return None;
        }
        let (name, rest) = self.data.split_at(len);
        self.data = rest;
        String::from_utf8(name.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cmap_name: &str, bytes: &[u8]) -> String {
        let cmap = cmap(cmap_name).unwrap();
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let len = cmap.code_len(rest).min(rest.len());
            let code = Code::from_bytes(&rest[..len]).unwrap();
            let cid = cmap.cid(code).unwrap();
            // Adobe maps the one-byte space to U+2002 EN SPACE.
            let c = cmap.collection().unicode(cid).unwrap();
            out.push(if c == '\u{2002}' { ' ' } else { c });
            rest = &rest[len..];
        }
        out
    }

    #[test]
    fn data_holds_both_collections_and_every_cmap() {
        let tables = tables();
        assert_eq!(tables.collections.len(), 2);
        assert_eq!(tables.cmaps.len(), 19);
    }

    #[test]
    fn gbk_codes_read_as_their_characters() {
        let (gbk, _, _) = encoding_rs::GBK.encode("计划生育 KH-2025，人口");
        assert_eq!(text("GBK-EUC-H", &gbk), "计划生育 KH-2025，人口");
        assert_eq!(text("GBKp-EUC-V", &gbk), "计划生育 KH-2025，人口");
        let (gb2312, _, _) = encoding_rs::GBK.encode("卫生健康委员会");
        assert_eq!(text("GB-EUC-H", &gb2312), "卫生健康委员会");
    }

    #[test]
    fn big5_and_unicode_codes_read_as_their_characters() {
        let (big5, _, _) = encoding_rs::BIG5.encode("衛生福利部 2025");
        assert_eq!(text("ETen-B5-H", &big5), "衛生福利部 2025");
        let utf16: Vec<u8> = "预防接种"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(text("UniGB-UCS2-H", &utf16), "预防接种");
        let utf16: Vec<u8> = "預防接種"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(text("UniCNS-UTF16-H", &utf16), "預防接種");
    }

    #[test]
    fn unknown_names_and_codes_are_none() {
        assert!(cmap("Identity-H").is_none());
        assert!(cmap("90ms-RKSJ-H").is_none());
        let gbk = cmap("GBK-EUC-H").unwrap();
        assert_eq!(
            gbk.cid(Code {
                len: 2,
                value: 0x0001
            }),
            None
        );
        assert_eq!(collection("GB1").unwrap().unicode(u32::MAX), None);
    }
}
