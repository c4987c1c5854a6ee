//! Vietnamese legacy 8-bit font encodings → Unicode.
//!
//! Before Unicode, Vietnamese Word files were typed in fonts that draw
//! Vietnamese letters at Latin-1 codes: the text is stored as Latin-1 and reads
//! as "Céng hßa x· héi" anywhere but in that font. Two families cover most
//! files:
//! - TCVN3 (TCVN 5712:1993, "ABC"; fonts `.VnTime`, `.VnArial`…): one byte per
//!   letter, lower case only; the `…H` fonts (`.VnTimeH`) draw the same codes
//!   as capitals.
//! - VNI Windows (fonts `VNI-Times`, `VNI-Helve`…): a base letter followed by a
//!   byte for its marks (`a` + `ù` = á, `o` + `á` = ố), and single bytes for
//!   ơ ư đ and some i/y forms.
//!
//! - VISCII (RFC 1456): one byte per letter, all 134 of them, six among the
//!   C0 controls. No font naming convention marks it; plain-text files in it
//!   are found by detection (`encoding.rs`).
//! - VPS: one byte per letter like VISCII, fourteen among the C0 controls, at
//!   other codes; fonts `VPS Times`, `VPS-Arial`….
//!
//! The TCVN3 and VNI tables below were written from the published charts of both encodings
//! and checked against transcripts of real decisions in each.
//!
//! Font names are only a hint: real files name TCVN3 fonts in many ways or
//! not at all (theme fonts, spreadsheet cells, document properties), and mix
//! encodings. [`LegacyDecoder`] decides each run by its words: `guess`
//! weighs how many of them each reading makes into Vietnamese syllables
//! (`syllable`); the decoder combines that with the run's paragraph, its
//! font name and the rest of the document.

mod decoder;
mod guess;
mod syllable;
mod viscii;
mod vps;

pub use decoder::{LegacyDecoder, Piece};
pub use syllable::is_syllable;

use icu_normalizer::ComposingNormalizerBorrowed;

/// A piece of text as a document stores it, with the name of the font it is
/// drawn in when the format says. Legacy bytes are given as the chars the
/// file's code page reads them as: Latin-1 for 0xA0–0xFF, windows-1252 for
/// 0x80–0x9F (`…` for 0x85), as Word, RTF and spreadsheet readers produce them.
#[derive(Debug, Clone, Copy)]
pub struct FontRun<'a> {
    pub text: &'a str,
    pub font: Option<&'a str>,
}

/// Evidence, gathered piece by piece, of the encoding of text no font name
/// tells: what a PDF font with an unknown name shows, string by string.
#[derive(Debug, Default, Clone)]
pub struct EncodingEvidence {
    evidence: guess::Evidence,
    unicode: bool,
}

impl EncodingEvidence {
    /// Adds text given in the legacy convention (one char per byte).
    pub fn add(&mut self, text: &str) {
        if guess::is_plainly_unicode(text) {
            self.unicode = true;
        } else {
            self.evidence.add(guess::Evidence::of(text));
        }
    }

    /// The reading the text so far plainly is in: `Some(Some(encoding))`
    /// for legacy text, `Some(None)` for Unicode or Western text, `None`
    /// while it cannot be told.
    pub fn clear(&self) -> Option<Option<LegacyEncoding>> {
        if self.unicode {
            return Some(None);
        }
        let reading = self.evidence.clear_reading()?;
        Some(guess::READINGS[reading])
    }

    /// The likeliest legacy encoding of `text` alone, judged as
    /// [`LegacyDecoder`] judges a short paragraph of a document it knows
    /// nothing of; `None` for text best left as it is.
    pub fn likely(text: &str) -> Option<LegacyEncoding> {
        if guess::is_plainly_unicode(text) {
            return None;
        }
        guess::READINGS[guess::Evidence::of(text).likely_reading(None, None)]
    }
}

/// A Vietnamese legacy 8-bit encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Viscii,
    Vps,
}

impl LegacyEncoding {
    /// The name records give it in `meta.encoding`.
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3",
            LegacyEncoding::Vni => "VNI",
            LegacyEncoding::Viscii => "VISCII",
            LegacyEncoding::Vps => "VPS",
        }
    }
}

/// How a legacy font draws its codes: its encoding, and whether it is an
/// all-capitals font (`.VnTimeH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegacyFont {
    pub encoding: LegacyEncoding,
    pub uppercase: bool,
}

/// The legacy encoding a font name implies, or `None` for a Unicode font.
/// TCVN3 fonts are named `.VnTime`, `VnTime`, `VNSTCVN3`, `.Vn3DH` (`.Vn` or
/// `Vn` then a capital or digit), VNI fonts `VNI-…`, VPS fonts `VPS …`. A
/// final `H` on the family marks a TCVN3 capitals font (`.VnTimeH`,
/// `VnArialH(Ds)`: a bracketed suffix names a variant of the family). Case
/// and surrounding spaces do not matter, except for the capital after `Vn`.
pub fn legacy_font(font_name: &str) -> Option<LegacyFont> {
    let name = font_name.trim();
    let family = match name.split_once('(') {
        Some((family, _)) if name.ends_with(')') => family.trim_end(),
        _ => name,
    };
    let lower = family.to_ascii_lowercase();
    let prefixed = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(['-', ' ']))
    };
    let encoding = if prefixed("vni") {
        LegacyEncoding::Vni
    } else if prefixed("vps") {
        LegacyEncoding::Vps
    } else if is_tcvn3_family(family) {
        LegacyEncoding::Tcvn3
    } else {
        return None;
    };
    Some(LegacyFont {
        encoding,
        uppercase: encoding == LegacyEncoding::Tcvn3 && family.ends_with('H'),
    })
}

/// `.Vn…` in any case, or `Vn`/`VN` followed by a capital or a digit (not
/// `VNF-…`, a family of Unicode fonts).
fn is_tcvn3_family(family: &str) -> bool {
    if family
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case(".vn"))
    {
        return true;
    }
    let lower = family.to_ascii_lowercase();
    match family.as_bytes() {
        [b'V', b'n' | b'N', third, ..] => {
            (third.is_ascii_uppercase() || third.is_ascii_digit())
                && !lower.starts_with("vnf-")
                && !lower.starts_with("vnf ")
        }
        _ => false,
    }
}

/// Decodes the text of a run drawn in a legacy font, as Word stores it: each
/// char is the Latin-1 reading of one byte. The result is NFC. A run that is
/// already Unicode Vietnamese (it holds letters no Latin-1 byte gives, such as
/// ơ, đ or ạ) is returned unchanged: documents retyped in Unicode often keep
/// the old font name.
pub fn decode_font_text(text: &str, font: LegacyFont) -> String {
    if text.chars().any(is_unicode_vietnamese) {
        return text.to_string();
    }
    decode_chars(text, font)
}

/// Decodes each char of `text` that stands for a legacy byte, leaving the
/// others (Unicode letters typed among legacy ones) as they are; NFC.
fn decode_chars(text: &str, font: LegacyFont) -> String {
    let decoded = match font.encoding {
        LegacyEncoding::Tcvn3 => tcvn3_text(text),
        LegacyEncoding::Vni => vni_text(text.chars()),
        LegacyEncoding::Viscii => one_byte_chart(text, &viscii::VISCII),
        LegacyEncoding::Vps => one_byte_chart(text, &vps::VPS),
    };
    // Only VNI (and text that came with combining marks) needs composing.
    let combining = |c: char| ('\u{300}'..='\u{36F}').contains(&c);
    let nfc = if decoded.chars().any(combining) {
        ComposingNormalizerBorrowed::new_nfc()
            .normalize(&decoded)
            .into_owned()
    } else {
        decoded
    };
    if font.uppercase {
        nfc.to_uppercase()
    } else {
        nfc
    }
}

/// Reads each char of `text` as its byte's character in `chart`.
fn one_byte_chart(text: &str, chart: &[char; 256]) -> String {
    text.chars()
        .map(|c| legacy_byte(c).map_or(c, |b| chart[usize::from(b)]))
        .collect()
}

/// The character a char of legacy text stands for in VISCII or VPS (other
/// encodings keep it).
fn one_byte_char(c: char, encoding: LegacyEncoding) -> char {
    let chart = match encoding {
        LegacyEncoding::Viscii => &viscii::VISCII,
        LegacyEncoding::Vps => &vps::VPS,
        _ => return c,
    };
    legacy_byte(c).map_or(c, |b| chart[usize::from(b)])
}

/// The windows-1252 characters of bytes 0x80–0x9F (the five undefined
/// codes as their C1 controls).
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The byte a char of legacy text stands for: Latin-1 chars (and C1
/// controls) are their own code, windows-1252 chars give theirs.
fn legacy_byte(c: char) -> Option<u8> {
    u8::try_from(c).ok().or_else(|| {
        WINDOWS_1252_HIGH
            .iter()
            .position(|&w| w == c)
            .and_then(|i| u8::try_from(0x80 + i).ok())
    })
}

/// Decodes raw bytes in a legacy encoding (plain-text files) to NFC.
pub fn decode_bytes(bytes: &[u8], encoding: LegacyEncoding) -> String {
    let latin1 = bytes.iter().map(|&b| char::from(b));
    decode_font_text(
        &latin1.collect::<String>(),
        LegacyFont {
            encoding,
            uppercase: false,
        },
    )
}

/// Letters of Vietnamese that no Latin-1 byte stands for.
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(c, '\u{0102}'..='\u{0111}' | '\u{0128}'..='\u{0129}' | '\u{0168}'..='\u{0169}'
        | '\u{01A0}'..='\u{01B0}' | '\u{1EA0}'..='\u{1EF9}')
}

/// TCVN3 bytes 0xA1–0xFE; `None` where the chart keeps the Latin-1 char.
const TCVN3_HIGH: [Option<char>; 94] = {
    const LETTERS: [(u8, char); 74] = [
        (0xA1, 'Ă'),
        (0xA2, 'Â'),
        (0xA3, 'Ê'),
        (0xA4, 'Ô'),
        (0xA5, 'Ơ'),
        (0xA6, 'Ư'),
        (0xA7, 'Đ'),
        (0xA8, 'ă'),
        (0xA9, 'â'),
        (0xAA, 'ê'),
        (0xAB, 'ô'),
        (0xAC, 'ơ'),
        (0xAD, 'ư'),
        (0xAE, 'đ'),
        (0xB5, 'à'),
        (0xB6, 'ả'),
        (0xB7, 'ã'),
        (0xB8, 'á'),
        (0xB9, 'ạ'),
        (0xBB, 'ằ'),
        (0xBC, 'ẳ'),
        (0xBD, 'ẵ'),
        (0xBE, 'ắ'),
        (0xC6, 'ặ'),
        (0xC7, 'ầ'),
        (0xC8, 'ẩ'),
        (0xC9, 'ẫ'),
        (0xCA, 'ấ'),
        (0xCB, 'ậ'),
        (0xCC, 'è'),
        (0xCE, 'ẻ'),
        (0xCF, 'ẽ'),
        (0xD0, 'é'),
        (0xD1, 'ẹ'),
        (0xD2, 'ề'),
        (0xD3, 'ể'),
        (0xD4, 'ễ'),
        (0xD5, 'ế'),
        (0xD6, 'ệ'),
        (0xD7, 'ì'),
        (0xD8, 'ỉ'),
        (0xDC, 'ĩ'),
        (0xDD, 'í'),
        (0xDE, 'ị'),
        (0xDF, 'ò'),
        (0xE1, 'ỏ'),
        (0xE2, 'õ'),
        (0xE3, 'ó'),
        (0xE4, 'ọ'),
        (0xE5, 'ồ'),
        (0xE6, 'ổ'),
        (0xE7, 'ỗ'),
        (0xE8, 'ố'),
        (0xE9, 'ộ'),
        (0xEA, 'ờ'),
        (0xEB, 'ở'),
        (0xEC, 'ỡ'),
        (0xED, 'ớ'),
        (0xEE, 'ợ'),
        (0xEF, 'ù'),
        (0xF1, 'ủ'),
        (0xF2, 'ũ'),
        (0xF3, 'ú'),
        (0xF4, 'ụ'),
        (0xF5, 'ừ'),
        (0xF6, 'ử'),
        (0xF7, 'ữ'),
        (0xF8, 'ứ'),
        (0xF9, 'ự'),
        (0xFA, 'ỳ'),
        (0xFB, 'ỷ'),
        (0xFC, 'ỹ'),
        (0xFD, 'ý'),
        (0xFE, 'ỵ'),
    ];
    let mut table = [None; 94];
    let mut i = 0;
    while i < LETTERS.len() {
        table[(LETTERS[i].0 - 0xA1) as usize] = Some(LETTERS[i].1);
        i += 1;
    }
    table
};

/// TCVN3 text to Unicode. Two soft-hyphen bytes in a row are one ư: no
/// Vietnamese word has "ưư", and files converted from Word 97 repeat it.
fn tcvn3_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        if !(c == '\u{AD}' && previous == Some(c)) {
            out.push(tcvn3_char(c));
        }
        previous = Some(c);
    }
    out
}

fn tcvn3_char(c: char) -> char {
    match u32::from(c) {
        code @ 0xA1..=0xFE => TCVN3_HIGH[(code - 0xA1) as usize].unwrap_or(c),
        _ => c,
    }
}

/// A VNI byte that stands for a letter on its own.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// The combining marks a VNI mark byte adds to the letter before it (lower-
/// and upper-case bytes mean the same marks).
fn vni_marks(c: char) -> Option<&'static str> {
    const CIRCUMFLEX: &str = "\u{302}";
    // Latin-1 capitals sit 0x20 below their small letters.
    let lower = if ('\u{C0}'..='\u{DE}').contains(&c) {
        char::from_u32(u32::from(c) + 0x20)?
    } else {
        c
    };
    Some(match lower {
        'ù' => "\u{301}",
        'ø' => "\u{300}",
        'û' => "\u{309}",
        'õ' => "\u{303}",
        'ï' => "\u{323}",
        'â' => CIRCUMFLEX,
        'ê' => "\u{306}",
        'á' => "\u{302}\u{301}",
        'à' => "\u{302}\u{300}",
        'å' => "\u{302}\u{309}",
        'ã' => "\u{302}\u{303}",
        'ä' => "\u{302}\u{323}",
        'é' => "\u{306}\u{301}",
        'è' => "\u{306}\u{300}",
        'ú' => "\u{306}\u{309}",
        'ü' => "\u{306}\u{303}",
        'ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// Letters that VNI mark bytes follow.
fn takes_vni_marks(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư'
    ) || matches!(c, 'Ơ' | 'Ư')
}

/// VNI text to Unicode: a mark byte after a vowel becomes combining marks
/// (composed by the caller's NFC); single-byte letters map directly.
///
/// Real files also hold the mark typed after the space or bracket that ends
/// its syllable (`sô ûbaèng` for "sở bằng"): a mark byte can only follow a
/// vowel, so one after such a gap goes onto the vowel before the gap.
fn vni_text(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    // The last char written, and where a gap after a vowel still without
    // marks began in `out`.
    let mut previous: Option<char> = None;
    let mut gap_start: Option<usize> = None;
    for c in chars {
        if let Some(marks) = vni_marks(c) {
            if previous.is_some_and(takes_vni_marks) {
                out.push_str(marks);
                (previous, gap_start) = (None, None);
                continue;
            }
            if let Some(start) = gap_start.take() {
                let gap = out.split_off(start);
                out.push_str(marks);
                out.push_str(&gap);
                previous = gap.chars().last();
                continue;
            }
        }
        let letter = vni_letter(c).unwrap_or(c);
        let gap_char = matches!(c, ' ' | '\u{A0}' | '(' | ')' | '[' | ']');
        gap_start = match gap_start {
            Some(start) if gap_char && out.len() - start < GAP_BYTES => Some(start),
            _ if gap_char && previous.is_some_and(takes_vni_marks) => Some(out.len()),
            _ => None,
        };
        out.push(letter);
        previous = Some(letter);
    }
    out
}

/// Longest gap, in bytes, between a VNI vowel and a mark typed after it.
const GAP_BYTES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    const TCVN3: LegacyFont = LegacyFont {
        encoding: LegacyEncoding::Tcvn3,
        uppercase: false,
    };
    const TCVN3_CAPS: LegacyFont = LegacyFont {
        encoding: LegacyEncoding::Tcvn3,
        uppercase: true,
    };
    const VNI: LegacyFont = LegacyFont {
        encoding: LegacyEncoding::Vni,
        uppercase: false,
    };

    #[test]
    fn known_phrases_in_each_encoding() {
        let cases: &[(LegacyFont, &str, &str)] = &[
            (TCVN3, "KÕ ho¹ch hãa gia ®×nh", "Kế hoạch hóa gia đình"),
            (TCVN3, "Søc kháe sinh s¶n", "Sức khỏe sinh sản"),
            (TCVN3, "ñy ban nh©n d©n", "ủy ban nhân dân"),
            (
                TCVN3,
                "Céng hßa x· héi chñ nghÜa ViÖt Nam",
                "Cộng hòa xã hội chủ nghĩa Việt Nam",
            ),
            (
                TCVN3,
                "§éc lËp - Tù do - H¹nh phóc",
                "Độc lập - Tự do - Hạnh phúc",
            ),
            (TCVN3, "Quy Õt ®Þnh", "Quy ết định"),
            (TCVN3, "tiªm chñng më réng", "tiêm chủng mở rộng"),
            (TCVN3, "d©n sè vµ ph¸t triÓn", "dân số và phát triển"),
            (TCVN3, "ng\u{ad}êi cao tuæi", "người cao tuổi"),
            (TCVN3, "trÎ em d\u{ad}íi 5 tuæi", "trẻ em dưới 5 tuổi"),
            (TCVN3, "Thñ t\u{ad}\u{ad}íng", "Thủ tướng"),
            (TCVN3_CAPS, "ñy ban nh©n d©n", "ỦY BAN NHÂN DÂN"),
            (TCVN3_CAPS, "thµnh phè cÇn th¬", "THÀNH PHỐ CẦN THƠ"),
            (TCVN3_CAPS, "kÕ ho¹ch hãa gia ®×nh", "KẾ HOẠCH HÓA GIA ĐÌNH"),
            (TCVN3_CAPS, "søc kháe sinh s¶n", "SỨC KHỎE SINH SẢN"),
            (VNI, "Keá hoaïch hoùa gia ñình", "Kế hoạch hóa gia đình"),
            (VNI, "Söùc khoûe sinh saûn", "Sức khỏe sinh sản"),
            (VNI, "UÛy ban nhaân daân", "Ủy ban nhân dân"),
            (
                VNI,
                "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
                "Cộng hòa xã hội chủ nghĩa Việt Nam",
            ),
            (
                VNI,
                "Ñoäc laäp - Töï do - Haïnh phuùc",
                "Độc lập - Tự do - Hạnh phúc",
            ),
            (VNI, "QUYEÁT ÑÒNH", "QUYẾT ĐỊNH"),
            (VNI, "ngöôøi cao tuoåi", "người cao tuổi"),
            (VNI, "tieâm chuûng môû roäng", "tiêm chủng mở rộng"),
            (VNI, "daân soá vaø phaùt trieån", "dân số và phát triển"),
            (VNI, "tæ leä", "tỉ lệ"),
            (VNI, "ÑAÊNG KYÙ", "ĐĂNG KÝ"),
            (VNI, "nhieàu naêm", "nhiều năm"),
            (VNI, "thaúng", "thẳng"),
            (VNI, "cô sô ûbaèng", "cơ sở bằng"),
            (VNI, "sô ûbaèng", "sở bằng"),
            (VNI, "(tö) ûnhaân", "(tử) nhân"),
            (VNI, "coù ø", "có ø"),
        ];
        for (font, legacy, want) in cases {
            assert_eq!(decode_font_text(legacy, *font), *want, "{legacy}");
        }
    }

    /// Every code of the TCVN3 chart decodes to a distinct Vietnamese letter.
    #[test]
    fn tcvn3_chart_gives_every_letter_once() {
        let mut letters = std::collections::HashSet::new();
        for byte in 0xA1u8..=0xFE {
            let Some(letter) = TCVN3_HIGH[usize::from(byte - 0xA1)] else {
                continue;
            };
            let decoded = decode_font_text(&char::from(byte).to_string(), TCVN3);
            assert_eq!(decoded, letter.to_string());
            assert!(letters.insert(decoded), "{byte:X} repeats {letter}");
        }
        // The 67 lower-case letters beyond ASCII and the capitals Ă Â Ê Ô Ơ Ư Đ.
        assert_eq!(letters.len(), 74);
        for word in ["ằ", "ẵ", "ặ", "ỗ", "ợ", "ữ", "ỹ", "ỵ"] {
            assert!(letters.contains(word), "{word}");
        }
    }

    /// VISCII and VPS each give all 134 precomposed Vietnamese letters, each
    /// at exactly one code.
    #[test]
    fn one_byte_charts_give_every_letter_once() {
        let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
        let mut letters = vec!['đ', 'Đ'];
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY".chars() {
            for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
                let letter = nfc.normalize(&format!("{base}{tone}")).into_owned();
                let mut chars = letter.chars();
                let c = chars.next().unwrap();
                assert!(chars.next().is_none());
                if !c.is_ascii() {
                    letters.push(c);
                }
            }
        }
        assert_eq!(letters.len(), 134);
        for chart in [&viscii::VISCII, &vps::VPS] {
            for letter in &letters {
                let codes = chart.iter().filter(|&c| c == letter).count();
                assert_eq!(codes, 1, "{letter}");
            }
        }
    }

    #[test]
    fn unicode_runs_and_plain_ascii_are_left_alone() {
        assert_eq!(decode_font_text("Kế hoạch số 45", TCVN3), "Kế hoạch số 45");
        assert_eq!(decode_font_text("Điều 1.", VNI), "Điều 1.");
        assert_eq!(decode_font_text("Dan so 2025", TCVN3), "Dan so 2025");
        assert_eq!(decode_font_text("ù", VNI), "ù");
    }

    #[test]
    fn font_names() {
        let tcvn3 = |uppercase| {
            Some(LegacyFont {
                encoding: LegacyEncoding::Tcvn3,
                uppercase,
            })
        };
        assert_eq!(legacy_font(".VnTime"), tcvn3(false));
        assert_eq!(legacy_font(" .VnTimeH "), tcvn3(true));
        assert_eq!(legacy_font(".VnArial NarrowH"), tcvn3(true));
        assert_eq!(legacy_font(".vnarial"), tcvn3(false));
        assert_eq!(
            legacy_font("VNI-Times").map(|f| f.encoding),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(
            legacy_font("VNI-Helve-Condense").map(|f| f.encoding),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(
            legacy_font("VPS Times").map(|f| f.encoding),
            Some(LegacyEncoding::Vps)
        );
        assert_eq!(legacy_font("VPSTimes"), None);
        assert_eq!(legacy_font("Times New Roman"), None);
        assert_eq!(legacy_font("Arial"), None);
        assert_eq!(legacy_font("VNF-Futura"), None);
        assert_eq!(legacy_font("Vni"), None);
        assert_eq!(legacy_font("VnTime"), tcvn3(false));
        assert_eq!(legacy_font("VNSTCVN3"), tcvn3(false));
        assert_eq!(legacy_font("VnSouthern(Ds)"), tcvn3(false));
        assert_eq!(legacy_font("VnArialH(Ds)"), tcvn3(true));
        assert_eq!(legacy_font(".Vn3DH"), tcvn3(true));
        assert_eq!(legacy_font("VnTimeH"), tcvn3(true));
    }

    #[test]
    fn bytes_decode_like_font_text() {
        assert_eq!(
            decode_bytes(b"K\xd5 ho\xb9ch", LegacyEncoding::Tcvn3),
            "Kế hoạch"
        );
        assert_eq!(
            decode_bytes(b"Vie\xe4t Nam", LegacyEncoding::Vni),
            "Việt Nam"
        );
        // VPS letters among the controls: Ạ 0x02, Ọ 0x11.
        assert_eq!(
            decode_bytes(b"K\x89 HO\x02CH \xc7\x11C", LegacyEncoding::Vps),
            "Kế HOẠCH đỌC"
        );
    }
}
