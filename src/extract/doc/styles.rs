//! The style sheet ([MS-DOC] 2.9.271 STSH) and the font table (2.9.283
//! SttbfFfn): which styles are headings or lists, and the font a run gets
//! when its own properties name none.

use super::props::{CharProps, ParaProps};
use crate::extract::ole::u16_at;

/// One style as stored: inheritance is followed when asked.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    /// Built-in style identifier: 1–9 are "heading 1"–"heading 9".
    sti: u16,
    base: Option<u16>,
    paragraph: Vec<u8>,
    character: Vec<u8>,
}

/// The styles of a document by index (istd).
#[derive(Debug, Default)]
pub(super) struct StyleSheet {
    styles: Vec<Option<Style>>,
    /// `rgftcStandardChpStsh[0]`: the font of text no style gives one.
    default_font: Option<u16>,
}

/// How far `istdBase` chains are followed: real ones are a few styles deep,
/// damaged ones may loop.
const MAX_BASE_CHAIN: usize = 32;

/// `sti` of the built-in "Title" style.
const STI_TITLE: u16 = 62;
const STI_NIL: u16 = 0x0FFF;

impl StyleSheet {
    /// Reads an STSH; damage ends the list of styles where it starts.
    pub(super) fn parse(stsh: &[u8]) -> StyleSheet {
        let mut sheet = StyleSheet::default();
        let Some(header_len) = u16_at(stsh, 0).map(usize::from) else {
            return sheet;
        };
        let header = stsh.get(2..2 + header_len).unwrap_or(&[]);
        let count = usize::from(u16_at(header, 0).unwrap_or(0));
        let base_len = usize::from(u16_at(header, 2).unwrap_or(10));
        sheet.default_font = u16_at(header, 12);
        let mut at = 2 + header_len;
        for _ in 0..count {
            let Some(len) = u16_at(stsh, at).map(usize::from) else {
                break;
            };
            let std = stsh.get(at + 2..at + 2 + len);
            at += 2 + len;
            sheet.styles.push(
                std.filter(|s| !s.is_empty())
                    .and_then(|s| parse_std(s, base_len)),
            );
        }
        sheet
    }

    fn style(&self, istd: u16) -> Option<&Style> {
        self.styles.get(usize::from(istd))?.as_ref()
    }

    /// The first value `get` finds walking from style `istd` up its base chain.
    fn inherited<T>(&self, istd: u16, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cursor = Some(istd);
        for _ in 0..MAX_BASE_CHAIN {
            let style = self.style(cursor?)?;
            if let Some(value) = get(style) {
                return Some(value);
            }
            cursor = style.base;
        }
        None
    }

    /// The ASCII font of paragraph or character style `istd`.
    pub(super) fn font(&self, istd: u16) -> Option<u16> {
        self.inherited(istd, |s| {
            let mut props = CharProps::default();
            props.apply(&s.character);
            props.font
        })
    }

    /// The font of text no run or style gives one.
    pub(super) fn default_font(&self) -> Option<u16> {
        self.default_font
    }

    /// The paragraph properties style `istd` gives, its base chain applied
    /// from the root down.
    pub(super) fn paragraph(&self, istd: u16) -> ParaProps {
        let mut chain = Vec::new();
        let mut cursor = Some(istd);
        while let Some(style) = cursor.and_then(|i| self.style(i)) {
            if chain.len() == MAX_BASE_CHAIN {
                break;
            }
            chain.push(style);
            cursor = style.base;
        }
        let mut props = ParaProps::default();
        for style in chain.iter().rev() {
            props.apply(&style.paragraph);
        }
        props.style = istd;
        props
    }

    /// The heading level (1–9) of paragraph style `istd`, from its built-in
    /// identity or its name, through its base chain.
    pub(super) fn heading_level(&self, istd: u16) -> Option<u32> {
        self.inherited(istd, |s| match s.sti {
            1..=9 => Some(u32::from(s.sti)),
            STI_TITLE => Some(1),
            _ => crate::extract::heading_level_from_style_name(&s.name),
        })
    }
}

/// One STD: the fixed base (`stdfBase`, maybe followed by `StdfPost2000`),
/// the name, then the UPXs its kind has.
fn parse_std(std: &[u8], base_len: usize) -> Option<Style> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_base = u16_at(std, 2)?;
    let kind = kind_base & 0x000F;
    let base = kind_base >> 4;
    let name_len = usize::from(u16_at(std, base_len)?);
    let name_units: Vec<u16> = (0..name_len)
        .map_while(|i| u16_at(std, base_len + 2 + i * 2))
        .collect();
    let mut style = Style {
        name: String::from_utf16_lossy(&name_units),
        sti,
        base: (base != STI_NIL).then_some(base),
        ..Style::default()
    };
    // The name is followed by a NUL; the UPXs each start on an even offset.
    let mut at = base_len + 2 + name_len * 2 + 2;
    let mut upx = || -> Option<&[u8]> {
        let len = usize::from(u16_at(std, at)?);
        let data = std.get(at + 2..at + 2 + len)?;
        at += 2 + len + len % 2;
        Some(data)
    };
    match kind {
        // Paragraph style: paragraph UPX (istd first), then character UPX.
        1 => {
            style.paragraph = upx().and_then(|p| p.get(2..)).unwrap_or(&[]).to_vec();
            style.character = upx().unwrap_or(&[]).to_vec();
        }
        2 => style.character = upx().unwrap_or(&[]).to_vec(),
        _ => {}
    }
    Some(style)
}

/// The font names of an `SttbfFfn`, by index (ftc).
pub(super) fn font_names(sttbf: &[u8]) -> Vec<String> {
    // Count, then a 0 extra-data size, then each FFN after its byte length;
    // the name starts 39 bytes into the FFN and ends at a NUL.
    const NAME_AT: usize = 39;
    let count = usize::from(u16_at(sttbf, 0).unwrap_or(0));
    let mut at = 4;
    let mut names = Vec::new();
    for _ in 0..count {
        let Some(&len) = sttbf.get(at) else { break };
        let ffn = sttbf.get(at + 1..at + 1 + usize::from(len)).unwrap_or(&[]);
        at += 1 + usize::from(len);
        let units: Vec<u16> = (0..)
            .map_while(|i| u16_at(ffn, NAME_AT + i * 2))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&units));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_bytes(sti: u16, kind: u16, base: u16, name: &str, pap: &[u8], chp: &[u8]) -> Vec<u8> {
        let mut s = Vec::new();
        s.extend(sti.to_le_bytes());
        s.extend((kind | (base << 4)).to_le_bytes());
        s.extend([0; 6]);
        let units: Vec<u16> = name.encode_utf16().collect();
        s.extend((units.len() as u16).to_le_bytes());
        s.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        s.extend([0, 0]);
        let mut upx = |data: &[u8]| {
            s.extend((data.len() as u16).to_le_bytes());
            s.extend(data);
            if data.len() % 2 == 1 {
                s.push(0);
            }
        };
        if kind == 1 {
            let mut p = vec![0, 0];
            p.extend(pap);
            upx(&p);
        }
        upx(chp);
        s
    }

    pub(in crate::extract::doc) fn stsh(styles: &[Vec<u8>], default_font: u16) -> Vec<u8> {
        let mut header = vec![0u8; 18];
        header[0..2].copy_from_slice(&(styles.len() as u16).to_le_bytes());
        header[2..4].copy_from_slice(&10u16.to_le_bytes());
        header[12..14].copy_from_slice(&default_font.to_le_bytes());
        let mut out = (header.len() as u16).to_le_bytes().to_vec();
        out.extend(header);
        for s in styles {
            out.extend((s.len() as u16).to_le_bytes());
            out.extend(s);
        }
        out
    }

    #[test]
    fn styles_inherit_fonts_and_headings() {
        let sheet = StyleSheet::parse(&stsh(
            &[
                std_bytes(0, 1, STI_NIL, "Normal", &[], &[0x4F, 0x4A, 2, 0]),
                std_bytes(1, 1, 0, "heading 1", &[0x40, 0x26, 0], &[]),
                std_bytes(100, 1, 1, "Dieu", &[0x0B, 0x46, 3, 0], &[]),
                std_bytes(101, 1, 3, "Loop", &[], &[]),
                std_bytes(102, 1, 0, "Tiêu đề 3,T3", &[], &[]),
                Vec::new(),
            ],
            5,
        ));
        assert_eq!(sheet.font(2), Some(2));
        assert_eq!(sheet.heading_level(2), Some(1));
        assert_eq!(sheet.heading_level(4), Some(3));
        assert_eq!(sheet.heading_level(0), None);
        assert_eq!(sheet.paragraph(2).list, Some(3));
        assert_eq!(sheet.paragraph(2).outline, Some(0));
        assert_eq!(sheet.font(3), None);
        assert_eq!(sheet.font(5), None);
        assert_eq!(sheet.default_font(), Some(5));
    }

    #[test]
    fn font_names_from_ffns() {
        let mut sttbf = vec![2, 0, 0, 0];
        for name in [".VnTime", "Symbol"] {
            let mut ffn = vec![0u8; 39];
            ffn.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            ffn.extend([0, 0]);
            sttbf.push(ffn.len() as u8);
            sttbf.extend(ffn);
        }
        assert_eq!(font_names(&sttbf), [".VnTime", "Symbol"]);
        assert_eq!(font_names(&sttbf[..30]).len(), 1);
    }

    #[test]
    fn damaged_sheets_do_not_panic() {
        let bytes = stsh(&[std_bytes(1, 1, 0, "heading 1", &[1, 2, 3], &[4])], 0);
        for cut in 0..bytes.len() {
            let sheet = StyleSheet::parse(&bytes[..cut]);
            let _ = sheet.heading_level(0);
        }
    }
}
