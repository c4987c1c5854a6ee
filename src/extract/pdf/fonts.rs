//! Fonts as the text extractor needs them: how a shown string splits into
//! codes, what Unicode text and advance width each code has, and whether the
//! font can be decoded at all.

use super::cjk::fold_radical;
use super::cmap::{CMap, Code};
use super::glyphs::{BaseEncoding, glyph_name_to_unicode};
use super::objects::{StreamError, number, stream_data};
use super::predefined::{self, Collection, PredefinedCMap};
use crate::legacy::{EncodingEvidence, LegacyEncoding, LegacyFont, decode_font_text, legacy_font};
use encoding_rs::Encoding;
use lopdf::{Dictionary, Document, Object};
use std::cell::RefCell;

/// Why a font's text cannot be turned into Unicode (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A composite font with no ToUnicode map.
    NoUnicode,
    /// A composite font whose encoding is a predefined CMap we do not ship.
    PredefinedCMap(String),
    /// A simple font with a symbolic built-in encoding and no ToUnicode map.
    BuiltinEncoding,
    /// A font name in the content stream that the resources do not define.
    Missing,
    /// A stream the font needs (its ToUnicode or encoding CMap) decodes past
    /// the inflate limit.
    OverLimit(&'static str),
}

impl Problem {
    /// What is wrong, as a phrase that follows the font's name.
    pub fn describe(&self) -> String {
        match self {
            Problem::NoUnicode => {
                "has no usable Unicode mapping (no ToUnicode entries, and its CIDs belong to no known character collection)".into()
            }
            Problem::PredefinedCMap(name) => {
                format!(
                    "uses the predefined CMap {name} without a ToUnicode map, which is not supported yet"
                )
            }
            Problem::BuiltinEncoding => {
                "has a symbolic built-in encoding and no ToUnicode map".into()
            }
            Problem::Missing => "is not defined in the page resources".into(),
            Problem::OverLimit(what) => format!(
                "has a {what} larger than the stream limit (--max-inflated-size)"
            ),
        }
    }
}

/// One decoded code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The Unicode text, `Some("")` for codes that show nothing meaningful
    /// (private-use or control characters), `None` when the code has no
    /// mapping at all.
    pub text: Option<String>,
    /// Advance width in text space units for a font size of 1.
    pub width: f64,
    /// The one-byte code 32, which word spacing (`Tw`) applies to.
    pub word_space: bool,
}

/// How a shown string splits into codes.
#[derive(Debug, Clone)]
enum Codes {
    OneByte,
    TwoByte,
    /// UTF-16BE code units, a surrogate pair making one 4-byte code.
    Utf16,
    CMap(Box<CMap>),
    /// A predefined CMap named by `/Encoding`.
    Predefined(&'static PredefinedCMap),
}

#[derive(Debug, Clone)]
enum ToUnicode {
    Map(Box<CMap>),
    /// The code is UTF-16BE text: `/ToUnicode /Identity-H`, or the
    /// predefined `Uni…-UTF16` and `Uni…-UCS2` CMaps.
    Utf16,
    /// The code's CID read through a character collection's CID → Unicode
    /// table: a non-embedded Chinese font with no ToUnicode map.
    Collection(&'static Collection),
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        default: f64,
    },
    Cid {
        ranges: Vec<(u32, u32, f64)>,
        default: f64,
    },
}

/// A font resource, loaded once and shared by every string shown in it.
#[derive(Debug, Clone)]
pub struct Font {
    /// The `/BaseFont` name, for warnings.
    pub name: String,
    /// Set when no text of this font can be decoded.
    pub problem: Option<Problem>,
    /// Glyphs advance downwards (Identity-V or a `/WMode 1` CMap).
    pub vertical: bool,
    /// A bold face, by name or by its descriptor's weight or flags.
    pub bold: bool,
    codes: Codes,
    to_unicode: Option<ToUnicode>,
    encoding: Option<Vec<Option<String>>>,
    widths: Widths,
    /// Glyph space → text space: 1/1000 except for Type 3 fonts.
    scale: f64,
    /// A TCVN3 or VNI font: the text its maps give is the Latin-1 reading
    /// of legacy Vietnamese bytes, decoded once more.
    legacy: Option<LegacyFont>,
    /// For a one-byte font whose name says nothing: what the strings it
    /// showed so far read as (TCVN3 text is often set in fonts renamed
    /// `TimesNewRoman` by the printer driver).
    by_content: RefCell<ContentReading>,
    /// A Chinese font declared with a one-byte encoding and no ToUnicode
    /// map: a byte ≥ 0x81 starts a two-byte GBK or Big5 character, as the
    /// Chinese Windows drivers that wrote such files meant.
    double_byte: Option<&'static Encoding>,
}

/// What the strings of a font with no telling name read as, so far.
#[derive(Debug, Clone, Default)]
struct ContentReading {
    evidence: EncodingEvidence,
    /// Set once the evidence is clear: the legacy encoding, or `None` for
    /// Unicode or Western text.
    decided: Option<Option<LegacyEncoding>>,
    /// Text shown but not yet weighed: the end of a word may come in the
    /// next string.
    unweighed: String,
    /// The last chars shown, which judge a string until the font is decided.
    recent: String,
}

/// Chars of recent text kept to judge a string by, and of text without a
/// space weighed anyway.
const RECENT_CHARS: usize = 48;
const MAX_UNWEIGHED_BYTES: usize = 256;

impl ContentReading {
    /// The encoding `text`, the next string shown, is read in.
    fn read(&mut self, text: &str) -> Option<LegacyEncoding> {
        if let Some(decided) = self.decided {
            return decided;
        }
        self.unweighed.push_str(text);
        let cut = match self.unweighed.rfind(char::is_whitespace) {
            Some(space) => Some(space),
            None => (self.unweighed.len() > MAX_UNWEIGHED_BYTES).then_some(self.unweighed.len()),
        };
        if let Some(cut) = cut {
            self.evidence.add(&self.unweighed[..cut]);
            self.unweighed.drain(..cut);
        }
        self.decided = self.evidence.clear();
        if let Some(decided) = self.decided {
            return decided;
        }
        self.recent.push_str(text);
        let excess = self.recent.chars().count().saturating_sub(RECENT_CHARS);
        if let Some((start, _)) = self.recent.char_indices().nth(excess) {
            self.recent.drain(..start);
        }
        EncodingEvidence::likely(&self.recent)
    }
}

/// Upper bound on explicit widths read from one font.
const MAX_WIDTHS: usize = 1 << 20;

impl Font {
    /// A stand-in for a font name that the resources do not define.
    pub fn missing(name: &str) -> Font {
        Font {
            name: name.to_string(),
            problem: Some(Problem::Missing),
            vertical: false,
            bold: false,
            codes: Codes::OneByte,
            to_unicode: None,
            encoding: None,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                default: 500.0,
            },
            scale: 0.001,
            legacy: None,
            by_content: RefCell::default(),
            double_byte: None,
        }
    }

    /// Reads a font dictionary. `limit` bounds the decoded size of its CMap
    /// streams. Never fails: what cannot be read is recorded in `problem`.
    pub fn load(doc: &Document, dict: &Dictionary, limit: usize) -> Font {
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(font_name)
            .unwrap_or_else(|_| "(unnamed)".to_string());
        let (to_unicode, to_unicode_over_limit) = match read_to_unicode(doc, dict, limit) {
            Ok(to_unicode) => (to_unicode, false),
            Err(_) => (None, true),
        };
        let mut font = if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0") {
            Font::composite(doc, dict, name, to_unicode, limit)
        } else {
            Font::simple(doc, dict, name, to_unicode)
        };
        if to_unicode_over_limit {
            // Guessing the text without its map would give wrong text.
            font.problem = Some(Problem::OverLimit("ToUnicode map"));
        }
        font.legacy = legacy_vietnamese_font(strip_subset(&font.name));
        font.bold = is_bold(doc, dict, &font.name);
        font
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        mut to_unicode: Option<ToUnicode>,
        limit: usize,
    ) -> Font {
        let descendant = descendant_font(doc, dict);
        let mut problem = None;
        let mut vertical = false;
        let codes = match dict.get_deref(b"Encoding", doc) {
            Ok(Object::Name(n)) if n == b"Identity-H" => Codes::TwoByte,
            Ok(Object::Name(n)) if n == b"Identity-V" => {
                vertical = true;
                Codes::TwoByte
            }
            Ok(Object::Stream(s)) => {
                let cmap = match stream_data(doc, s, limit) {
                    Ok(data) => CMap::parse(&data),
                    Err(StreamError::OverLimit) => {
                        problem = Some(Problem::OverLimit("encoding CMap"));
                        CMap::default()
                    }
                    Err(StreamError::Undecodable) => CMap::default(),
                };
                vertical = cmap.is_vertical();
                if cmap.has_codespace() {
                    Codes::CMap(Box::new(cmap))
                } else {
                    Codes::TwoByte
                }
            }
            other => {
                let cmap_name = match other {
                    Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
                    _ => "(none)".to_string(),
                };
                vertical = cmap_name.ends_with("-V");
                match (predefined::cmap(&cmap_name), &to_unicode) {
                    (Some(cmap), _) => {
                        if to_unicode.is_none() {
                            to_unicode = Some(if is_utf16_cmap(&cmap_name) {
                                ToUnicode::Utf16
                            } else {
                                ToUnicode::Collection(cmap.collection())
                            });
                        }
                        Codes::Predefined(cmap)
                    }
                    _ if is_utf16_cmap(&cmap_name) => {
                        to_unicode.get_or_insert(ToUnicode::Utf16);
                        Codes::Utf16
                    }
                    // The ToUnicode map's code space splits the string as well.
                    (None, Some(ToUnicode::Map(m))) if m.has_codespace() => Codes::CMap(m.clone()),
                    _ => {
                        problem = Some(Problem::PredefinedCMap(cmap_name));
                        Codes::TwoByte
                    }
                }
            }
        };
        if to_unicode.is_none() && matches!(codes, Codes::TwoByte) {
            to_unicode = descendant
                .and_then(|d| ordering(doc, d))
                .and_then(|o| predefined::collection(&o))
                .map(ToUnicode::Collection);
        }
        if to_unicode.is_none() && problem.is_none() {
            problem = Some(Problem::NoUnicode);
        }
        let widths = descendant.map_or(
            Widths::Cid {
                ranges: Vec::new(),
                default: 1000.0,
            },
            |d| cid_widths(doc, d, vertical),
        );
        Font {
            name,
            problem,
            vertical,
            bold: false,
            codes,
            to_unicode,
            encoding: None,
            widths,
            scale: 0.001,
            legacy: None,
            by_content: RefCell::default(),
            double_byte: None,
        }
    }

    fn simple(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<ToUnicode>,
    ) -> Font {
        let descriptor = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .ok();
        let flags = descriptor
            .and_then(|d| d.get_deref(b"Flags", doc).ok())
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        let is_type3 = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3");
        let bare = strip_subset(&name);
        // Symbolic fonts (flag 3 set, flag 6 not) use their own built-in
        // encoding, which we cannot read from the font program.
        let symbolic = (flags & 4 != 0 && flags & 32 == 0)
            || is_type3
            || bare.starts_with("Symbol")
            || bare.starts_with("ZapfDingbats");
        let default_base = (!symbolic).then_some(BaseEncoding::Standard);
        let encoding = simple_encoding(doc, dict, default_base);
        let problem =
            (to_unicode.is_none() && encoding.is_none()).then_some(Problem::BuiltinEncoding);
        let scale = if is_type3 {
            type3_scale(doc, dict)
        } else {
            0.001
        };
        let default = descriptor
            .and_then(|d| d.get_deref(b"MissingWidth", doc).ok())
            .and_then(number)
            .filter(|w| *w > 0.0);
        let widths = simple_widths(doc, dict, bare, default);
        Font {
            double_byte: to_unicode
                .is_none()
                .then(|| chinese_font_encoding(&name))
                .flatten(),
            legacy: None,
            by_content: RefCell::default(),
            name,
            problem,
            vertical: false,
            bold: false,
            codes: Codes::OneByte,
            to_unicode,
            encoding,
            widths,
            scale,
        }
    }

    /// Splits `bytes` into codes and decodes each.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Decoded> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while !rest.is_empty() {
            let len = match &self.codes {
                Codes::OneByte if self.double_byte.is_some() && rest[0] >= 0x81 => 2,
                Codes::OneByte => 1,
                Codes::TwoByte => 2,
                Codes::Utf16 if (0xD8..=0xDB).contains(&rest[0]) => 4,
                Codes::Utf16 => 2,
                Codes::CMap(cmap) => cmap.code_len(rest).unwrap_or(1),
                Codes::Predefined(cmap) => cmap.code_len(rest),
            }
            .min(rest.len());
            let (head, tail) = rest.split_at(len);
            rest = tail;
            let Some(code) = Code::from_bytes(head) else {
                continue;
            };
            out.push(Decoded {
                text: self.text(code),
                width: self.width(code) * self.scale,
                word_space: code.len == 1 && code.value == 32,
            });
        }
        self.decode_legacy(&mut out);
        out
    }

    fn text(&self, code: Code) -> Option<String> {
        if let Some(encoding) = self.double_byte.filter(|_| code.len == 2) {
            let bytes = (code.value as u16).to_be_bytes();
            let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes)?;
            return Some(clean(&text));
        }
        self.mapped_text(code)
    }

    /// Decodes the glyphs of one shown string from the legacy encoding the
    /// font's name implies, or failing that, the one its text plainly reads
    /// as. A VNI mark glyph joins the letter glyph before it.
    fn decode_legacy(&self, glyphs: &mut [Decoded]) {
        let Some(font) = self.legacy.or_else(|| self.legacy_by_content(glyphs)) else {
            return;
        };
        let mut previous: Option<(usize, String)> = None;
        for i in 0..glyphs.len() {
            let Some(raw) = glyphs[i].text.clone() else {
                previous = None;
                continue;
            };
            if font.encoding == LegacyEncoding::Vni
                && let Some((at, before)) = previous.take()
            {
                let joined = legacy_text(&format!("{before}{raw}"), font);
                if joined.chars().count() == 1 {
                    glyphs[at].text = Some(joined);
                    glyphs[i].text = Some(String::new());
                    continue;
                }
            }
            glyphs[i].text = Some(legacy_text(&raw, font));
            previous = Some((i, raw));
        }
    }

    /// The legacy encoding of a one-byte font with no telling name, from
    /// the strings it showed, this one included: decided for good once they
    /// are plainly legacy or plainly Unicode, and until then string by
    /// string from the last few words shown.
    fn legacy_by_content(&self, glyphs: &[Decoded]) -> Option<LegacyFont> {
        if !matches!(self.codes, Codes::OneByte) || self.double_byte.is_some() {
            return None;
        }
        let text: String = glyphs.iter().filter_map(|g| g.text.as_deref()).collect();
        let encoding = self.by_content.borrow_mut().read(&text)?;
        Some(LegacyFont {
            encoding,
            uppercase: false,
        })
    }

    fn mapped_text(&self, code: Code) -> Option<String> {
        let mapped = match &self.to_unicode {
            Some(ToUnicode::Map(cmap)) => cmap.unicode(code).map(|s| s.into_owned()),
            // Old HKSCS text put characters now in CJK Extension B in the
            // private use area; the CMap's CID still names the real one.
            Some(ToUnicode::Utf16) => utf16_code(code)
                .filter(|t| !t.chars().all(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)))
                .or_else(|| self.collection_text(code)),
            Some(ToUnicode::Collection(collection)) => self
                .cid(code)
                .and_then(|cid| collection.unicode(cid))
                .map(String::from),
            None => None,
        };
        let text = mapped.or_else(|| {
            let table = self.encoding.as_ref()?;
            let index = usize::try_from(code.value).ok()?;
            table.get(index)?.clone()
        })?;
        Some(clean(&text))
    }

    fn width(&self, code: Code) -> f64 {
        if self.double_byte.is_some() && code.len == 2 {
            // Each byte of the character was given its own width.
            let [lead, trail] = (code.value as u16).to_be_bytes();
            return [lead, trail]
                .into_iter()
                .map(|b| {
                    self.width(Code {
                        len: 1,
                        value: u32::from(b),
                    })
                })
                .sum();
        }
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                default,
            } => code
                .value
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*default),
            Widths::Cid { ranges, default } => {
                let Some(cid) = self.cid(code) else {
                    return *default;
                };
                let i = ranges.partition_point(|r| r.0 <= cid);
                match i.checked_sub(1).map(|i| ranges[i]) {
                    Some((_, hi, w)) if cid <= hi => w,
                    _ => *default,
                }
            }
        }
    }
}

impl Font {
    /// The text of a code read through the collection of the font's
    /// predefined CMap.
    fn collection_text(&self, code: Code) -> Option<String> {
        let Codes::Predefined(cmap) = &self.codes else {
            return None;
        };
        let cid = cmap.cid(code)?;
        cmap.collection().unicode(cid).map(String::from)
    }

    /// The CID a code of a composite font selects; `None` when it is not
    /// known (a Unicode CMap we do not ship).
    fn cid(&self, code: Code) -> Option<u32> {
        match &self.codes {
            Codes::CMap(cmap) => Some(cmap.cid(code).unwrap_or(code.value)),
            Codes::Predefined(cmap) => cmap.cid(code),
            Codes::Utf16 => None,
            Codes::OneByte | Codes::TwoByte => Some(code.value),
        }
    }
}

/// Whether a font is bold: its name says so (`Arial-BoldMT`, `TimesNewRoman,Bold`,
/// `NotoSerif-Black`), or its descriptor (the descendant's, for a composite
/// font) gives a weight of 600 or more or sets the ForceBold flag.
/// The CIDFont of a Type0 font, if it has one.
fn descendant_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    dict.get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok())
}

fn is_bold(doc: &Document, dict: &Dictionary, name: &str) -> bool {
    let lower = strip_subset(name).to_ascii_lowercase();
    if ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return true;
    }
    let descendant = descendant_font(doc, dict);
    let descriptor = descendant
        .unwrap_or(dict)
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
        .ok();
    descriptor.is_some_and(|d| {
        let weight = d.get_deref(b"FontWeight", doc).ok().and_then(number);
        let flags = d
            .get_deref(b"Flags", doc)
            .and_then(Object::as_i64)
            .unwrap_or(0);
        weight.is_some_and(|w| w >= 600.0) || flags & (1 << 18) != 0
    })
}

/// The `/Ordering` of a CIDFont's `/CIDSystemInfo` when its registry is
/// Adobe (`GB1`, `CNS1`, `Japan1`, `Identity`…).
fn ordering(doc: &Document, descendant: &Dictionary) -> Option<String> {
    let info = descendant
        .get_deref(b"CIDSystemInfo", doc)
        .and_then(Object::as_dict)
        .ok()?;
    let text = |key: &[u8]| match info.get_deref(key, doc).ok()? {
        Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
        Object::Name(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    };
    (text(b"Registry")? == "Adobe")
        .then(|| text(b"Ordering"))
        .flatten()
}

/// The text of a code that is UTF-16BE: one unit or a surrogate pair.
fn utf16_code(code: Code) -> Option<String> {
    let units = match code.len {
        4 => vec![(code.value >> 16) as u16, code.value as u16],
        _ => vec![u16::try_from(code.value).ok()?],
    };
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Adobe's predefined CMaps whose codes are UTF-16 (or UCS-2) text.
fn is_utf16_cmap(name: &str) -> bool {
    name.starts_with("Uni") && (name.contains("-UTF16-") || name.contains("-UCS2-"))
}

/// Folds radicals, turns tabs and line breaks into spaces and drops control,
/// private-use and replacement characters, which carry no text.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FFFD}' | '\u{FEFF}' => {}
            // Typographic ligatures are spelling, not characters: "ﬁle" is "file".
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(fold_radical(c)),
        }
    }
    out
}

/// The font's ToUnicode map; `Err` only when its stream decodes past the
/// limit (an undecodable one is as good as none).
fn read_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    limit: usize,
) -> Result<Option<ToUnicode>, StreamError> {
    Ok(match dict.get_deref(b"ToUnicode", doc) {
        Ok(Object::Name(n)) if n.starts_with(b"Identity") => Some(ToUnicode::Utf16),
        Ok(Object::Stream(s)) => match stream_data(doc, s, limit) {
            Ok(data) => {
                let cmap = CMap::parse(&data);
                cmap.has_unicode().then(|| ToUnicode::Map(Box::new(cmap)))
            }
            Err(StreamError::OverLimit) => return Err(StreamError::OverLimit),
            Err(StreamError::Undecodable) => None,
        },
        _ => None,
    })
}

/// The code → text table of a simple font: its base encoding with
/// `/Differences` applied. `None` when the font has neither.
fn simple_encoding(
    doc: &Document,
    dict: &Dictionary,
    default: Option<BaseEncoding>,
) -> Option<Vec<Option<String>>> {
    let (base, differences) = match dict.get_deref(b"Encoding", doc) {
        Ok(Object::Name(n)) => (BaseEncoding::from_name(n).or(default), None),
        Ok(Object::Dictionary(d)) => {
            let base = d
                .get(b"BaseEncoding")
                .and_then(Object::as_name)
                .ok()
                .and_then(BaseEncoding::from_name)
                .or(default);
            let differences = d
                .get_deref(b"Differences", doc)
                .and_then(Object::as_array)
                .ok();
            (base, differences)
        }
        _ => (default, None),
    };
    if base.is_none() && differences.is_none() {
        return None;
    }
    let mut table: Vec<Option<String>> = (0..=255u8)
        .map(|code| base.and_then(|b| b.decode(code)).map(String::from))
        .collect();
    let mut code = 0usize;
    for item in differences.into_iter().flatten() {
        match doc.dereference(item).map(|(_, o)| o) {
            Ok(Object::Integer(n)) => code = usize::try_from(*n).unwrap_or(usize::MAX),
            Ok(Object::Name(name)) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_name_to_unicode(&String::from_utf8_lossy(name));
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
    Some(table)
}

fn type3_scale(doc: &Document, dict: &Dictionary) -> f64 {
    dict.get_deref(b"FontMatrix", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|m| m.first())
        .and_then(number)
        .filter(|s| s.is_finite() && *s != 0.0)
        .map_or(0.001, f64::abs)
}

fn simple_widths(
    doc: &Document,
    dict: &Dictionary,
    bare_name: &str,
    default: Option<f64>,
) -> Widths {
    let first = dict
        .get_deref(b"FirstChar", doc)
        .ok()
        .and_then(|o| o.as_i64().ok())
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    let widths: Vec<f64> = dict
        .get_deref(b"Widths", doc)
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .take(MAX_WIDTHS)
                .map(|w| {
                    doc.dereference(w)
                        .ok()
                        .and_then(|(_, w)| number(w))
                        .unwrap_or(0.0)
                })
                .collect()
        })
        .unwrap_or_default();
    if widths.is_empty()
        && let Some(metrics) = standard_metrics(bare_name)
    {
        return Widths::Simple {
            first: 32,
            widths: metrics,
            default: default.unwrap_or(500.0),
        };
    }
    Widths::Simple {
        first,
        widths,
        default: default.unwrap_or(500.0),
    }
}

/// CID widths from `/W` and `/DW`, or the vertical advance from `/DW2` for
/// vertical fonts (per-glyph `/W2` is not read).
fn cid_widths(doc: &Document, descendant: &Dictionary, vertical: bool) -> Widths {
    if vertical {
        let advance = descendant
            .get_deref(b"DW2", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.get(1))
            .and_then(number)
            .unwrap_or(-1000.0);
        return Widths::Cid {
            ranges: Vec::new(),
            default: advance.abs(),
        };
    }
    let default = descendant
        .get_deref(b"DW", doc)
        .ok()
        .and_then(number)
        .unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Ok(w) = descendant.get_deref(b"W", doc).and_then(Object::as_array) {
        let items: Vec<&Object> = w
            .iter()
            .filter_map(|o| doc.dereference(o).ok().map(|(_, o)| o))
            .collect();
        let mut i = 0;
        while i < items.len() && ranges.len() < MAX_WIDTHS {
            let Some(start) = items[i].as_i64().ok().and_then(|n| u32::try_from(n).ok()) else {
                i += 1;
                continue;
            };
            match (items.get(i + 1), items.get(i + 2)) {
                (Some(Object::Array(list)), _) => {
                    for (k, w) in list.iter().take(MAX_WIDTHS).enumerate() {
                        let cid = start.saturating_add(k as u32);
                        ranges.push((cid, cid, number(w).unwrap_or(default)));
                    }
                    i += 2;
                }
                (Some(end), Some(w)) => {
                    if let (Some(end), Some(w)) = (
                        end.as_i64().ok().and_then(|n| u32::try_from(n).ok()),
                        number(w),
                    ) && end >= start
                    {
                        ranges.push((start, end, w));
                    }
                    i += 3;
                }
                _ => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Cid { ranges, default }
}

/// A font name as text: UTF-8 when it is, else GBK (Chinese producers
/// write names such as 宋体 in GBK).
fn font_name(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The name without a subset tag such as `ABCDEF+`.
fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// TCVN3 fonts are named `.VnTime`, `VnArialH`…; VNI fonts `VNI-Times`….
/// The legacy Vietnamese encoding a PDF font name implies: TCVN3 fonts are
/// embedded as `VnTime`, `VnTimeH`, `VnArialHBold`, `VnTimeH,Bold` (the
/// `.` of the Windows name dropped, style words appended), VNI fonts as
/// `VNI-Times`.
fn legacy_vietnamese_font(name: &str) -> Option<LegacyFont> {
    let bare = name.trim_start_matches('.');
    let vni = bare
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("vni-"));
    let tcvn3 = !vni
        && matches!(bare.as_bytes(), [b'V', b'n' | b'N', third, ..] if third.is_ascii_uppercase());
    if !tcvn3 {
        return legacy_font(bare);
    }
    let family = bare.split([',', '-']).next().unwrap_or(bare);
    let family = ["BoldItalic", "Bold", "Italic", "Oblique", "Regular"]
        .iter()
        .find_map(|style| family.strip_suffix(style))
        .unwrap_or(family);
    legacy_font(&format!(".{family}"))
}

/// Decodes text a legacy font's maps gave: each char stands for the byte
/// that WinAnsi (or Latin-1) gives it. Producers that built a ToUnicode map
/// from the glyph names also write U+2212 for byte 0xAD (ư in TCVN3) and
/// U+2219 for 0xB7 (ã). Text with a char no byte gives is left alone.
fn legacy_text(text: &str, font: LegacyFont) -> String {
    let bytes: Option<String> = text
        .chars()
        .map(|c| match c {
            '\u{2212}' => Some('\u{AD}'),
            '\u{2219}' => Some('\u{B7}'),
            c if u32::from(c) <= 0xFF => Some(c),
            c => (0x80..=0x9F)
                .find(|&b| BaseEncoding::WinAnsi.decode(b) == Some(c))
                .map(char::from),
        })
        .collect();
    match bytes {
        Some(latin1) => decode_font_text(&latin1, font),
        None => text.to_string(),
    }
}

/// The double-byte encoding of a Chinese font known only by name: Big5 for
/// the Taiwanese font families, GBK (read as GB18030) otherwise; `None` for
/// fonts that are not Chinese.
fn chinese_font_encoding(name: &str) -> Option<&'static Encoding> {
    if !is_chinese_font_name(name) {
        return None;
    }
    let lower = name.to_lowercase();
    let big5 = ["mingliu", "dfkai", "細明", "標楷", "新細"]
        .iter()
        .any(|h| lower.contains(h));
    Some(if big5 {
        encoding_rs::BIG5
    } else {
        encoding_rs::GB18030
    })
}

/// Names of Chinese fonts (or names that are not ASCII, which Chinese
/// producers write in GBK).
fn is_chinese_font_name(name: &str) -> bool {
    const HINTS: [&str; 20] = [
        "simsun",
        "simhei",
        "simkai",
        "simfang",
        "fangsong",
        "kaiti",
        "songti",
        "heiti",
        "stsong",
        "stkaiti",
        "stfangsong",
        "stheiti",
        "stxihei",
        "nsimsun",
        "mingliu",
        "dfkai",
        "gb2312",
        "gbk",
        "yahei",
        "xiaobiaosong",
    ];
    if !name.is_ascii() {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    HINTS.iter().any(|h| lower.contains(h))
}

/// Widths of codes 32–126 for the standard fonts that old PDFs use without
/// `/Widths`, so that gaps between strings can be measured.
fn standard_metrics(bare_name: &str) -> Option<Vec<f64>> {
    const HELVETICA: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    const TIMES: [u16; 95] = [
        250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
        722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
        722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
        500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
        444, 480, 200, 480, 541,
    ];
    let lower = bare_name.to_ascii_lowercase();
    let table = if lower.starts_with("courier") {
        return Some(vec![600.0; 95]);
    } else if lower.starts_with("helvetica") || lower.starts_with("arial") {
        &HELVETICA
    } else if lower.starts_with("times") {
        &TIMES
    } else {
        return None;
    };
    Some(table.iter().map(|&w| f64::from(w)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::LegacyEncoding;
    use lopdf::{Stream, dictionary};

    fn texts(font: &Font, bytes: &[u8]) -> Vec<Option<String>> {
        font.decode(bytes).into_iter().map(|d| d.text).collect()
    }

    #[test]
    fn simple_font_uses_differences_over_base_encoding() {
        let doc = Document::new();
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), Object::Name(b"uni1EBF".to_vec()), Object::Name(b"g7".to_vec())],
            },
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, None);
        assert_eq!(
            texts(&font, b"A\xE9BC"),
            vec![Some("ế".into()), Some("é".into()), None, Some("C".into())]
        );
        // Standard metrics stand in for missing /Widths.
        assert_eq!(font.decode(b"C")[0].width, 0.722);
    }

    #[test]
    fn to_unicode_wins_over_encoding() {
        let mut doc = Document::new();
        let cmap = doc.add_object(Stream::new(
            dictionary! {},
            b"1 beginbfchar <41> <4E2D> endbfchar".to_vec(),
        ));
        let font = dictionary! {
            "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Foo",
            "Encoding" => "WinAnsiEncoding", "ToUnicode" => cmap,
            "FirstChar" => 65, "Widths" => vec![600.into(), 700.into()],
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(
            texts(&font, b"AB"),
            vec![Some("中".into()), Some("B".into())]
        );
        assert!((font.decode(b"B")[0].width - 0.7).abs() < 1e-9);
        assert_eq!(font.decode(b"Z")[0].width, 0.5);
    }

    #[test]
    fn identity_h_without_to_unicode_is_a_problem() {
        let mut doc = Document::new();
        let descendant = doc.add_object(dictionary! {
            "Subtype" => "CIDFontType2", "DW" => 1000,
            "W" => vec![3.into(), vec![250.into(), 500.into()].into(), 10.into(), 20.into(), 600.into()],
        });
        let font = dictionary! {
            "Subtype" => "Type0", "BaseFont" => "ABCDEE+Arial", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![descendant.into()],
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, Some(Problem::NoUnicode));
        let widths: Vec<f64> = font
            .decode(&[0, 3, 0, 4, 0, 15, 0, 99])
            .iter()
            .map(|d| d.width)
            .collect();
        assert_eq!(widths, vec![0.25, 0.5, 0.6, 1.0]);
    }

    #[test]
    fn embedded_one_byte_encoding_cmap_splits_codes() {
        let mut doc = Document::new();
        let encoding = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 begincidrange <00> <FF> 0 endcidrange".to_vec(),
        ));
        let to_unicode = doc.add_object(Stream::new(
            dictionary! {},
            b"1 beginbfrange <61> <63> <0061> endbfrange".to_vec(),
        ));
        let font = dictionary! {
            "Subtype" => "Type0", "BaseFont" => "Foo", "Encoding" => encoding, "ToUnicode" => to_unicode,
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, None);
        assert_eq!(
            texts(&font, b"abc"),
            vec![Some("a".into()), Some("b".into()), Some("c".into())]
        );
    }

    #[test]
    fn unicode_predefined_cmaps_decode_as_utf16() {
        let doc = Document::new();
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "PMingLiU", "Encoding" => "UniCNS-UTF16-H" };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, None);
        assert_eq!(
            texts(&font, b"\x80\xE1\xD8\x55\xDD\x5B"),
            vec![Some("胡".into()), Some("\u{2555B}".into())]
        );
        // The HKSCS private-use code for the same character.
        assert_eq!(texts(&font, b"\xE6\x87"), vec![Some("\u{2555B}".into())]);
        let font =
            dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "GBK-EUC-H" };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, None);
        assert_eq!(
            texts(&font, b"\xC8\xCBA"),
            vec![Some("人".into()), Some("A".into())]
        );
        let font =
            dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "90ms-RKSJ-H" };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(
            font.problem,
            Some(Problem::PredefinedCMap("90ms-RKSJ-H".into()))
        );
    }

    #[test]
    fn chinese_fonts_declared_one_byte_read_two_byte_characters() {
        let doc = Document::new();
        let font = dictionary! {
            "Subtype" => "TrueType",
            "BaseFont" => Object::Name(b"\xCB\xCE\xCC\xE5".to_vec()),
            "Encoding" => "WinAnsiEncoding",
            "FirstChar" => 0,
            "Widths" => vec![Object::Integer(500); 256],
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.name, "宋体");
        let decoded = font.decode(b"\xC8\xCB1 ");
        let texts: Vec<_> = decoded.iter().map(|d| d.text.clone().unwrap()).collect();
        assert_eq!(texts, ["人", "1", " "]);
        assert_eq!(decoded[0].width, 1.0);
    }

    #[test]
    fn identity_fonts_of_a_chinese_collection_read_through_its_cids() {
        let mut doc = Document::new();
        let descendant = doc.add_object(dictionary! {
            "Subtype" => "CIDFontType0",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("GB1"),
                "Supplement" => 5,
            },
        });
        let font = dictionary! {
            "Subtype" => "Type0",
            "BaseFont" => "STSong-Light",
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(descendant)],
        };
        let font = Font::load(&doc, &font, 1 << 20);
        assert_eq!(font.problem, None);
        // Identity-H codes are CIDs: take those GBK-EUC-H gives 人 and 口.
        let gbk = predefined::cmap("GBK-EUC-H").unwrap();
        let cids: Vec<u8> = [0xC8CB, 0xBFDA]
            .into_iter()
            .flat_map(|value| {
                let cid = gbk.cid(Code { len: 2, value }).unwrap();
                (cid as u16).to_be_bytes()
            })
            .collect();
        assert_eq!(
            texts(&font, &cids),
            vec![Some("人".into()), Some("口".into())]
        );
    }

    #[test]
    fn legacy_and_chinese_fonts_are_recognised() {
        let tcvn3 = |name| legacy_vietnamese_font(name).map(|f| (f.encoding, f.uppercase));
        assert_eq!(tcvn3(".VnTime"), Some((LegacyEncoding::Tcvn3, false)));
        assert_eq!(tcvn3("VnTimeH"), Some((LegacyEncoding::Tcvn3, true)));
        assert_eq!(tcvn3("VnTimeHBold"), Some((LegacyEncoding::Tcvn3, true)));
        assert_eq!(
            tcvn3("VnArialH,BoldItalic"),
            Some((LegacyEncoding::Tcvn3, true))
        );
        assert_eq!(tcvn3("VnTimeBold"), Some((LegacyEncoding::Tcvn3, false)));
        assert_eq!(tcvn3("VNI-Times"), Some((LegacyEncoding::Vni, false)));
        assert_eq!(tcvn3("Verdana"), None);
        assert_eq!(tcvn3("Vni"), None);
        assert_eq!(chinese_font_encoding("MingLiU"), Some(encoding_rs::BIG5));
        assert_eq!(
            chinese_font_encoding("仿宋_GB2312"),
            Some(encoding_rs::GB18030)
        );
        assert_eq!(chinese_font_encoding("Arial"), None);
        let doc = Document::new();
        for (name, bold) in [
            ("ABCDEF+Arial-BoldMT", true),
            ("TimesNewRoman,Bold", true),
            ("NotoSerif-Regular", false),
        ] {
            let font = Font::load(
                &doc,
                &dictionary! { "Subtype" => "TrueType", "BaseFont" => name },
                1 << 20,
            );
            assert_eq!(font.bold, bold, "{name}");
        }
        let font = legacy_vietnamese_font("VnTime").unwrap();
        assert_eq!(legacy_text("n\u{2212}íc x\u{2219}", font), "nước xã");
        assert_eq!(legacy_text("nước", font), "nước");
        assert!(is_chinese_font_name("FangSong_GB2312"));
        assert!(is_chinese_font_name("宋体"));
        assert!(!is_chinese_font_name("TimesNewRomanPSMT"));
        assert_eq!(strip_subset("FBHPEM+VnTime"), "VnTime");
        assert_eq!(strip_subset("Foo+Bar"), "Foo+Bar");
    }

    /// The text of each shown string, glyphs joined.
    fn shown(font: &Font, strings: &[&[u8]]) -> Vec<String> {
        strings
            .iter()
            .map(|bytes| texts(font, bytes).into_iter().flatten().collect())
            .collect()
    }

    #[test]
    fn legacy_text_in_fonts_with_unknown_names_is_decoded_by_content() {
        let doc = Document::new();
        let load = |name: &str| {
            let dict = dictionary! {
                "Subtype" => "TrueType", "BaseFont" => name, "Encoding" => "WinAnsiEncoding",
            };
            Font::load(&doc, &dict, 1 << 20)
        };
        let tcvn3 = load("ABCDEF+TimesNewRoman");
        assert_eq!(
            shown(
                &tcvn3,
                &[
                    b"C\xe9ng h\xdfa x\xb7 h\xe9i ",
                    b"ch\xf1 ngh\xdca",
                    b" 5 c\xb8i"
                ]
            ),
            ["Cộng hòa xã hội ", "chủ nghĩa", " 5 cái"]
        );
        // VNI: the mark glyph joins its letter; the glyph after it is empty.
        let vni = load("Arial");
        assert_eq!(
            shown(&vni, &[b"Co\xe4ng hoa\xf8 xa\xf5 ho\xe4i chu\xfb ngh\xf3a"]),
            ["Cộng hoà xã hội chủ nghĩa"]
        );
        let western = load("Helvetica");
        assert_eq!(
            shown(
                &western,
                &[b"Mich\xe8le Debonneuil, \xc9tudes", b" M\xfcller"]
            ),
            ["Michèle Debonneuil, Études", " Müller"]
        );
    }

    #[test]
    fn clean_drops_private_use_and_folds_radicals() {
        assert_eq!(clean("\u{F0B7}"), "");
        assert_eq!(clean("⼈\u{0}a\t"), "人a ");
        assert_eq!(clean("\u{FB01}le"), "file");
    }
}
