//! The font table and how the bytes of each font are read.
//!
//! RTF text is bytes in the code page of the font it is drawn in: the font's
//! `\cpgN`, else its `\fcharsetN`, else the document's `\ansicpgN`. Two
//! exceptions matter for Vietnamese documents: fonts whose names mark them as
//! legacy Vietnamese fonts (`.VnTime`, `VNI-Times`, `VNTime`…) keep their
//! bytes as the Western code page reads them, whatever charset the table
//! gives them, so that [`crate::legacy`] sees the bytes; and symbol fonts
//! (`\fcharset2`) draw a dingbat per byte, mapped by [`crate::symbols`].

use crate::encoding::code_page_encoding;
use crate::legacy::legacy_font;
use encoding_rs::Encoding;
use std::collections::HashMap;

/// One entry of the font table.
#[derive(Debug, Clone, Default)]
pub struct Font {
    pub name: String,
    pub charset: Option<i32>,
    pub codepage: Option<i32>,
}

/// How the bytes of a font become characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteReading {
    /// Text in a code page; windows-1252 is also the convention legacy
    /// Vietnamese bytes are handed on in.
    CodePage(&'static Encoding),
    /// A symbol font: each byte is a dingbat of the font.
    Symbol,
}

/// The fonts of a document by number, and the document's default code page.
#[derive(Debug)]
pub struct FontTable {
    fonts: HashMap<i32, Font>,
    /// The code page of `\ansicpgN` (or `\mac`), for fonts that name none.
    pub ansi: &'static Encoding,
}

impl Default for FontTable {
    fn default() -> Self {
        FontTable {
            fonts: HashMap::new(),
            ansi: encoding_rs::WINDOWS_1252,
        }
    }
}

impl FontTable {
    /// Adds font `number`, replacing an earlier entry of the same number.
    pub fn insert(&mut self, number: i32, font: Font) {
        self.fonts.insert(number, font);
    }

    /// The name of font `number`, if the table has it.
    pub fn name(&self, number: i32) -> Option<&str> {
        self.fonts.get(&number).map(|f| f.name.as_str())
    }

    /// How the bytes of font `number` (or of text in no known font) are read.
    pub fn reading(&self, number: Option<i32>) -> ByteReading {
        let Some(font) = number.and_then(|n| self.fonts.get(&n)) else {
            return ByteReading::CodePage(self.ansi);
        };
        if is_legacy_vietnamese_name(&font.name) {
            return ByteReading::CodePage(encoding_rs::WINDOWS_1252);
        }
        if font.charset == Some(2) {
            return ByteReading::Symbol;
        }
        let encoding = font
            .codepage
            .and_then(|cp| code_page_encoding(u32::try_from(cp).ok()?))
            .or_else(|| font.charset.and_then(charset_encoding))
            .unwrap_or(self.ansi);
        ByteReading::CodePage(encoding)
    }

    /// Whether font `number` is a symbol font, whose private-use code points
    /// (U+F020–U+F0FF) stand for its dingbats.
    pub fn is_symbol(&self, number: Option<i32>) -> bool {
        number
            .and_then(|n| self.fonts.get(&n))
            .is_some_and(|f| f.charset == Some(2) && !is_legacy_vietnamese_name(&f.name))
    }
}

/// Whether a font name marks a legacy Vietnamese font: one
/// [`legacy_font`] knows, or one with "vn" in its name (`VNTime`,
/// `VnTimeH(Ds)`, `VNtimes new roman`), which real documents use too.
pub fn is_legacy_vietnamese_name(name: &str) -> bool {
    legacy_font(name).is_some() || name.to_ascii_lowercase().contains("vn")
}

/// The code page a Windows `\fcharsetN` stands for; `None` for the default
/// charsets (0 ANSI is windows-1252, 1 means the document's code page).
pub fn charset_encoding(charset: i32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match charset {
        0 => WINDOWS_1252,
        77 => MACINTOSH,
        128 => SHIFT_JIS,
        129 => EUC_KR,
        134 => GB18030,
        136 => BIG5,
        161 => WINDOWS_1253,
        162 => WINDOWS_1254,
        163 => WINDOWS_1258,
        177 => WINDOWS_1255,
        178 => WINDOWS_1256,
        186 => WINDOWS_1257,
        204 => WINDOWS_1251,
        222 => WINDOWS_874,
        238 => WINDOWS_1250,
        _ => return None,
    })
}

/// Decodes `bytes` drawn in font `font_name` read as `reading`, appending to `out`.
pub fn decode_into(bytes: &[u8], reading: ByteReading, font_name: &str, out: &mut String) {
    match reading {
        ByteReading::CodePage(encoding) => {
            out.push_str(&encoding.decode_without_bom_handling(bytes).0);
        }
        ByteReading::Symbol => out.extend(
            bytes
                .iter()
                .filter_map(|&b| crate::symbols::to_unicode(font_name, 0xF000 + u32::from(b))),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> FontTable {
        let mut table = FontTable::default();
        let font = |name: &str, charset: i32| Font {
            name: name.into(),
            charset: Some(charset),
            codepage: None,
        };
        table.insert(0, font("Times New Roman", 0));
        table.insert(1, font(".VnTimeH Tur", 162));
        table.insert(2, font("SimSun", 134));
        table.insert(3, font("Symbol", 2));
        table.insert(4, font("Arial", 163));
        table.insert(5, font("VNTime", 163));
        table
    }

    fn read(table: &FontTable, font: i32, bytes: &[u8]) -> String {
        let mut out = String::new();
        let name = table.name(font).unwrap_or_default();
        decode_into(bytes, table.reading(Some(font)), name, &mut out);
        out
    }

    #[test]
    fn western_bytes_follow_the_legacy_convention() {
        assert_eq!(read(&table(), 0, b"\x85\xb8\xe9"), "…¸é");
    }

    #[test]
    fn legacy_named_fonts_keep_western_bytes_whatever_their_charset() {
        assert_eq!(read(&table(), 1, b"\xb8\xfd"), "¸ý");
        assert_eq!(read(&table(), 5, b"\xb8"), "¸");
    }

    #[test]
    fn other_charsets_use_their_code_pages() {
        assert_eq!(read(&table(), 2, b"\xd6\xd0\xce\xc4"), "中文");
        assert_eq!(read(&table(), 4, b"\xf0"), "đ");
        assert_eq!(read(&table(), 3, b"\xb7a"), "•α");
    }

    #[test]
    fn unknown_fonts_use_the_document_code_page() {
        let mut table = table();
        table.ansi = encoding_rs::WINDOWS_1251;
        let mut out = String::new();
        decode_into(b"\xc4", table.reading(Some(99)), "", &mut out);
        assert_eq!(out, "Д");
    }
}
