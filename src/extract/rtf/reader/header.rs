//! The header tables and `\info`: font table entries, style sheet
//! entries (for heading styles) and the metadata words of `\info`.

use super::Reader;
use crate::extract::rtf::fonts::{self, Font};
use crate::extract::rtf::info::DateParts;
use crate::extract::rtf::state::{Close, Dest};

/// A font table entry being read.
pub(super) struct FontEntry {
    number: i32,
    font: Font,
    name: Vec<u8>,
}

/// A style sheet entry being read; `number` is `None` for styles that are
/// not paragraph styles.
pub(super) struct StyleEntry {
    number: Option<i32>,
    outline: Option<i32>,
    name: Vec<u8>,
}

impl Default for StyleEntry {
    /// An entry without `\sN` is style 0, the Normal style.
    fn default() -> Self {
        StyleEntry {
            number: Some(0),
            outline: None,
            name: Vec::new(),
        }
    }
}

impl Reader<'_> {
    /// A control word inside `\fonttbl`.
    pub(super) fn font_table_word(&mut self, name: &str, param: Option<i32>) {
        match (name, param) {
            ("f", Some(number)) => {
                self.end_font_entry();
                self.font_entry = Some(FontEntry {
                    number,
                    font: Font::default(),
                    name: Vec::new(),
                });
            }
            ("fcharset", charset) => {
                if let Some(entry) = &mut self.font_entry {
                    entry.font.charset = charset;
                }
            }
            ("cpg", codepage) => {
                if let Some(entry) = &mut self.font_entry {
                    entry.font.codepage = codepage;
                }
            }
            _ => {}
        }
    }

    /// Text inside `\fonttbl`: font names, each ended by `;`.
    pub(super) fn font_name_bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if byte == b';' {
                self.end_font_entry();
            } else if let Some(entry) = &mut self.font_entry {
                entry.name.push(byte);
            }
        }
    }

    /// Adds the font entry being read to the table; its name is read in the
    /// font's own code page.
    pub(super) fn end_font_entry(&mut self) {
        let Some(mut entry) = self.font_entry.take() else {
            return;
        };
        let encoding = entry
            .font
            .codepage
            .and_then(|cp| crate::encoding::code_page_encoding(u32::try_from(cp).ok()?))
            .or_else(|| entry.font.charset.and_then(fonts::charset_encoding))
            .unwrap_or(encoding_rs::WINDOWS_1252);
        let name = encoding.decode_without_bom_handling(&entry.name).0;
        entry.font.name = name.trim().to_string();
        self.fonts.insert(entry.number, entry.font);
    }

    /// A control word inside `\stylesheet`.
    pub(super) fn style_word(&mut self, name: &str, param: Option<i32>) {
        let Some(entry) = &mut self.style_entry else {
            return;
        };
        match name {
            "s" => entry.number = param,
            "cs" | "ds" | "ts" => entry.number = None,
            "outlinelevel" => entry.outline = param,
            _ => {}
        }
    }

    /// Text inside `\stylesheet`: style names, each ended by `;`.
    pub(super) fn style_name_bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if byte == b';' {
                self.end_style_entry();
            } else if let Some(entry) = &mut self.style_entry {
                entry.name.push(byte);
            }
        }
    }

    /// Records the style entry being read if it makes headings.
    pub(super) fn end_style_entry(&mut self) {
        let Some(entry) = self.style_entry.take() else {
            return;
        };
        let Some(number) = entry.number else { return };
        let by_name =
            crate::extract::heading_level_from_style_name(&String::from_utf8_lossy(&entry.name));
        let by_outline = entry
            .outline
            .filter(|l| (0..9).contains(l))
            .map(|l| l as u32 + 1);
        if let Some(level) = by_outline.or(by_name) {
            self.headings.insert(number, level);
        }
    }

    /// A control word inside `\info`: a field or date starts, or a count.
    pub(super) fn info_word(&mut self, name: &str, param: Option<i32>) {
        const TEXT_FIELDS: &[(&str, &str)] = &[
            ("title", "title"),
            ("subject", "subject"),
            ("author", "author"),
            ("keywords", "keywords"),
            ("doccomm", "description"),
            ("operator", "last_modified_by"),
            ("company", "company"),
        ];
        const COUNTS: &[(&str, &str)] = &[("nofpages", "pages"), ("nofwords", "words")];
        let (dest, close) = if let Some((_, key)) = TEXT_FIELDS.iter().find(|(w, _)| *w == name) {
            self.info.clear();
            (Dest::InfoText(key), Close::InfoText(key))
        } else if let Some(key) = match name {
            "creatim" => Some("created"),
            "revtim" => Some("modified"),
            _ => None,
        } {
            self.date = DateParts::default();
            (Dest::InfoDate(key), Close::InfoDate(key))
        } else {
            if let (Some((_, key)), Some(n)) = (COUNTS.iter().find(|(w, _)| *w == name), param) {
                self.meta.insert(key.to_string(), n.to_string());
            }
            return;
        };
        if let Some(group) = self.top_mut().filter(|g| g.close.is_none()) {
            group.dest = dest;
            group.close = Some(close);
        }
    }
}
