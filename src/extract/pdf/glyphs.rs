//! Byte encodings of simple fonts and PDF text strings: the WinAnsi, MacRoman
//! and Standard encodings, PDFDocEncoding, and Adobe glyph names (as used in
//! `/Differences`) turned into Unicode.

/// The base encodings a simple font can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    WinAnsi,
    MacRoman,
    Standard,
}

impl BaseEncoding {
    /// The encoding called `name` in a font's `/Encoding` or `/BaseEncoding`.
    pub fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            b"StandardEncoding" => Some(Self::Standard),
            _ => None,
        }
    }

    /// The character `code` stands for, if the encoding defines it.
    pub fn decode(self, code: u8) -> Option<char> {
        match self {
            Self::WinAnsi => win_ansi(code),
            Self::MacRoman => mac_roman(code),
            Self::Standard => standard(code),
        }
    }
}

fn win_ansi(code: u8) -> Option<char> {
    // Windows-1252's 0x80..=0x9F block; the rest is Latin-1.
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        0x80..=0x9F => {
            char::from_u32(u32::from(HIGH[usize::from(code - 0x80)])).filter(|&c| c != '\0')
        }
        _ => None,
    }
}

fn mac_roman(code: u8) -> Option<char> {
    // 0xDB is the currency sign in the PDF version of the encoding, and 0xF0
    // (the Apple logo) has no Unicode character.
    const HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
                        ¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{0}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
    match code {
        0x20..=0x7E => Some(char::from(code)),
        0x80..=0xFF => HIGH
            .chars()
            .nth(usize::from(code - 0x80))
            .filter(|&c| c != '\0'),
        _ => None,
    }
}

fn standard(code: u8) -> Option<char> {
    let c = match code {
        0x27 => '’',
        0x60 => '‘',
        0x20..=0x7E => char::from(code),
        0xA1 => '¡',
        0xA2 => '¢',
        0xA3 => '£',
        0xA4 => '⁄',
        0xA5 => '¥',
        0xA6 => 'ƒ',
        0xA7 => '§',
        0xA8 => '¤',
        0xA9 => '\'',
        0xAA => '“',
        0xAB => '«',
        0xAC => '‹',
        0xAD => '›',
        0xAE => 'ﬁ',
        0xAF => 'ﬂ',
        0xB1 => '–',
        0xB2 => '†',
        0xB3 => '‡',
        0xB4 => '·',
        0xB6 => '¶',
        0xB7 => '•',
        0xB8 => '‚',
        0xB9 => '„',
        0xBA => '”',
        0xBB => '»',
        0xBC => '…',
        0xBD => '‰',
        0xBF => '¿',
        0xC1 => '`',
        0xC2 => '´',
        0xC3 => 'ˆ',
        0xC4 => '˜',
        0xC5 => '¯',
        0xC6 => '˘',
        0xC7 => '˙',
        0xC8 => '¨',
        0xCA => '˚',
        0xCB => '¸',
        0xCD => '˝',
        0xCE => '˛',
        0xCF => 'ˇ',
        0xD0 => '—',
        0xE1 => 'Æ',
        0xE3 => 'ª',
        0xE8 => 'Ł',
        0xE9 => 'Ø',
        0xEA => 'Œ',
        0xEB => 'º',
        0xF1 => 'æ',
        0xF5 => 'ı',
        0xF8 => 'ł',
        0xF9 => 'ø',
        0xFA => 'œ',
        0xFB => 'ß',
        _ => return None,
    };
    Some(c)
}

/// Decodes a PDF text string (document information, outlines): UTF-16BE or
/// UTF-8 when it starts with the matching byte order mark, PDFDocEncoding
/// otherwise.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().filter_map(|&b| pdf_doc(b)).collect()
}

fn pdf_doc(code: u8) -> Option<char> {
    const LOW: &str = "˘ˇˆ˙˝˛˚˜";
    const HIGH: &str = "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž";
    match code {
        0x18..=0x1F => LOW.chars().nth(usize::from(code - 0x18)),
        0x80..=0x9E => HIGH.chars().nth(usize::from(code - 0x80)),
        0xA0 => Some('€'),
        0x9F | 0x7F | 0xAD => None,
        _ => Some(char::from(code)),
    }
}

/// The text an Adobe glyph name stands for: names from the Adobe Glyph List
/// used by the common encodings, `uniXXXX…` and `uXXXX[XX]` names, ligatures
/// written `f_i`, letters with accents spelled out (`acircumflexacute`, given
/// decomposed), variants such as `a.sc`, and `gXX`/`GXX` names with two hex
/// digits, which some producers give a glyph after its character code
/// (`g41` is "A"). `None` for names that carry no meaning (`g123`, `cid42`).
pub fn glyph_name_to_unicode(name: &str) -> Option<String> {
    // A suffix after a period names a variant of the same character.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        out.push_str(&component(part)?);
    }
    Some(out)
}

fn component(name: &str) -> Option<String> {
    if let Some(s) = named(name) {
        return Some(s.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        return uni_name(hex);
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Some(c) = hex_char(hex)
    {
        return Some(c.to_string());
    }
    if let Some(hex) = name.strip_prefix(['g', 'G'])
        && hex.len() == 2
        && let Ok(code) = u8::from_str_radix(hex, 16)
        && (0x20..0x7F).contains(&code)
    {
        return Some(char::from(code).to_string());
    }
    accented(name)
}

/// `uni` followed by one or more groups of four hex digits.
fn uni_name(hex: &str) -> Option<String> {
    if hex.is_empty() || !hex.len().is_multiple_of(4) {
        return None;
    }
    (0..hex.len())
        .step_by(4)
        .map(|i| hex.get(i..i + 4).and_then(hex_char))
        .collect()
}

fn hex_char(hex: &str) -> Option<char> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// A letter followed by accent names, as in `Ecircumflexacute` or `uhorn`:
/// given as the letter and combining marks (NFC composes them later).
fn accented(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut rest = chars.as_str();
    let mut out = String::from(letter);
    while !rest.is_empty() {
        let (mark, len) = ACCENTS
            .iter()
            .find(|(accent, _)| rest.starts_with(accent))
            .map(|&(accent, mark)| (mark, accent.len()))?;
        out.push(mark);
        rest = &rest[len..];
    }
    Some(out)
}

const ACCENTS: [(&str, char); 17] = [
    ("grave", '\u{300}'),
    ("acute", '\u{301}'),
    ("circumflex", '\u{302}'),
    ("tilde", '\u{303}'),
    ("macron", '\u{304}'),
    ("breve", '\u{306}'),
    ("dotaccent", '\u{307}'),
    ("dieresis", '\u{308}'),
    ("hookabove", '\u{309}'),
    ("ring", '\u{30A}'),
    ("hungarumlaut", '\u{30B}'),
    ("caron", '\u{30C}'),
    ("horn", '\u{31B}'),
    ("dotbelow", '\u{323}'),
    ("commaaccent", '\u{326}'),
    ("cedilla", '\u{327}'),
    ("ogonek", '\u{328}'),
];

/// Glyph names that are not a letter with accents.
fn named(name: &str) -> Option<&'static str> {
    let s = match name {
        "space" | "nbspace" | "spacehackarabic" => " ",
        "exclam" => "!",
        "quotedbl" => "\"",
        "numbersign" => "#",
        "dollar" => "$",
        "percent" => "%",
        "ampersand" => "&",
        "quotesingle" => "'",
        "parenleft" => "(",
        "parenright" => ")",
        "asterisk" => "*",
        "plus" => "+",
        "comma" => ",",
        "hyphen" | "sfthyphen" => "-",
        "period" => ".",
        "slash" => "/",
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "colon" => ":",
        "semicolon" => ";",
        "less" => "<",
        "equal" => "=",
        "greater" => ">",
        "question" => "?",
        "at" => "@",
        "bracketleft" => "[",
        "backslash" => "\\",
        "bracketright" => "]",
        "asciicircum" => "^",
        "underscore" => "_",
        "grave" => "`",
        "braceleft" => "{",
        "bar" => "|",
        "braceright" => "}",
        "asciitilde" => "~",
        "exclamdown" => "¡",
        "cent" => "¢",
        "sterling" => "£",
        "currency" => "¤",
        "yen" => "¥",
        "brokenbar" => "¦",
        "section" => "§",
        "dieresis" => "¨",
        "copyright" => "©",
        "ordfeminine" => "ª",
        "guillemotleft" => "«",
        "logicalnot" => "¬",
        "registered" => "®",
        "macron" => "¯",
        "degree" => "°",
        "plusminus" => "±",
        "twosuperior" => "²",
        "threesuperior" => "³",
        "acute" => "´",
        "mu" | "micro" => "µ",
        "paragraph" => "¶",
        "periodcentered" | "middot" => "·",
        "cedilla" => "¸",
        "onesuperior" => "¹",
        "ordmasculine" => "º",
        "guillemotright" => "»",
        "onequarter" => "¼",
        "onehalf" => "½",
        "threequarters" => "¾",
        "questiondown" => "¿",
        "AE" => "Æ",
        "Eth" => "Ð",
        "multiply" => "×",
        "Oslash" => "Ø",
        "Thorn" => "Þ",
        "germandbls" => "ß",
        "ae" => "æ",
        "eth" => "ð",
        "divide" => "÷",
        "oslash" => "ø",
        "thorn" => "þ",
        "Dcroat" | "Dslash" => "Đ",
        "dcroat" | "dmacron" => "đ",
        "dotlessi" => "ı",
        "Lslash" => "Ł",
        "lslash" => "ł",
        "OE" => "Œ",
        "oe" => "œ",
        "florin" => "ƒ",
        "circumflex" => "ˆ",
        "caron" => "ˇ",
        "breve" => "˘",
        "dotaccent" => "˙",
        "ring" => "˚",
        "ogonek" => "˛",
        "tilde" => "˜",
        "hungarumlaut" => "˝",
        "gravecomb" => "\u{300}",
        "acutecomb" => "\u{301}",
        "tildecomb" => "\u{303}",
        "hookabovecomb" => "\u{309}",
        "dotbelowcomb" => "\u{323}",
        "endash" => "–",
        "emdash" => "—",
        "quoteleft" => "‘",
        "quoteright" => "’",
        "quotesinglbase" => "‚",
        "quotedblleft" => "“",
        "quotedblright" => "”",
        "quotedblbase" => "„",
        "dagger" => "†",
        "daggerdbl" => "‡",
        "bullet" => "•",
        "ellipsis" => "…",
        "perthousand" => "‰",
        "guilsinglleft" => "‹",
        "guilsinglright" => "›",
        "fraction" => "⁄",
        "Euro" => "€",
        "trademark" => "™",
        "minus" => "−",
        "fi" => "fi",
        "fl" => "fl",
        "ff" => "ff",
        "ffi" => "ffi",
        "ffl" => "ffl",
        "arrowleft" => "←",
        "arrowup" => "↑",
        "arrowright" => "→",
        "arrowdown" => "↓",
        "arrowboth" => "↔",
        "partialdiff" => "∂",
        "Delta" | "increment" => "∆",
        "product" => "∏",
        "summation" => "∑",
        "radical" => "√",
        "infinity" => "∞",
        "integral" => "∫",
        "approxequal" => "≈",
        "notequal" => "≠",
        "lessequal" => "≤",
        "greaterequal" => "≥",
        "lozenge" => "◊",
        "Omega" => "Ω",
        "pi" => "π",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" => "ε",
        "lambda" => "λ",
        "sigma" => "σ",
        "tau" => "τ",
        "phi" => "φ",
        "omega" => "ω",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str) -> Option<String> {
        glyph_name_to_unicode(n)
    }

    #[test]
    fn common_glyph_names() {
        assert_eq!(name("space").as_deref(), Some(" "));
        assert_eq!(name("A").as_deref(), Some("A"));
        assert_eq!(name("quotedblleft").as_deref(), Some("“"));
        assert_eq!(name("dcroat").as_deref(), Some("đ"));
        assert_eq!(name("Euro").as_deref(), Some("€"));
    }

    #[test]
    fn algorithmic_glyph_names() {
        assert_eq!(name("uni1EA1").as_deref(), Some("ạ"));
        assert_eq!(name("uni00410042").as_deref(), Some("AB"));
        assert_eq!(name("u1F600").as_deref(), Some("😀"));
        assert_eq!(name("u4E2D").as_deref(), Some("中"));
        assert_eq!(name("uniD800"), None);
        assert_eq!(name("uni12"), None);
        assert_eq!(name("g41").as_deref(), Some("A"));
        assert_eq!(name("G6b").as_deref(), Some("k"));
        assert_eq!(name("g123"), None);
        assert_eq!(name("g07"), None);
    }

    #[test]
    fn accented_ligature_and_variant_names() {
        assert_eq!(name("ecircumflexacute").as_deref(), Some("e\u{302}\u{301}"));
        assert_eq!(name("uhorn").as_deref(), Some("u\u{31B}"));
        assert_eq!(name("Agrave").as_deref(), Some("A\u{300}"));
        assert_eq!(name("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(name("a.sc").as_deref(), Some("a"));
        assert_eq!(name("g123"), None);
        assert_eq!(name("cid42"), None);
        assert_eq!(name(".notdef"), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0xE9), Some('é'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x81), None);
        assert_eq!(BaseEncoding::MacRoman.decode(0x8E), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.decode(0xD2), Some('“'));
        assert_eq!(BaseEncoding::MacRoman.decode(0xF0), None);
        assert_eq!(BaseEncoding::MacRoman.decode(0xFF), Some('ˇ'));
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('’'));
        assert_eq!(BaseEncoding::Standard.decode(0xE8), Some('Ł'));
    }

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"\xFE\xFF\x00K\x1E\xBF"), "Kế");
        assert_eq!(decode_text_string(b"\xFE\xFF\xD8\x3D\xDE\x00"), "😀");
        assert_eq!(
            decode_text_string(b"caf\xE9 \x8Dok\x8E \x93"),
            "café “ok” ﬁ"
        );
        assert_eq!(decode_text_string(b"\xEF\xBB\xBFK\xE1\xBA\xBF"), "Kế");
    }
}
