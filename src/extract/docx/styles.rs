//! What `word/styles.xml` tells the text reader: which paragraph styles are
//! headings, which carry list numbering, and which font each style sets (legacy
//! Vietnamese fonts are decoded by font name).

use crate::extract::xml::attr;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// A paragraph's list membership: `w:numPr` (`numId` "0" means "no list").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct NumPr {
    pub num_id: Option<String>,
    pub ilvl: Option<u32>,
}

/// The properties of a paragraph style after following its `basedOn` chain.
#[derive(Debug, Clone, Default)]
pub(super) struct ParagraphStyle {
    pub heading_level: Option<u32>,
    pub numbering: Option<NumPr>,
    pub font: Option<String>,
}

/// The styles of a document, inheritance already resolved.
#[derive(Debug, Default)]
pub(super) struct Styles {
    paragraph: HashMap<String, ParagraphStyle>,
    character_fonts: HashMap<String, String>,
    default_paragraph: Option<String>,
    default_font: Option<String>,
    /// Style id → `numId` of the style's own `w:numPr`, for numbering styles
    /// that abstract numberings link to (`w:numStyleLink`).
    pub num_ids: HashMap<String, String>,
}

impl Styles {
    /// Reads `styles.xml`; damaged XML gives the styles read before the damage.
    pub(super) fn parse(styles_xml: &str) -> Styles {
        let raw = RawStyles::parse(styles_xml);
        let mut styles = Styles {
            default_font: raw.default_font.clone(),
            ..Styles::default()
        };
        for (id, style) in &raw.styles {
            if let Some(num_id) = style.numbering.as_ref().and_then(|n| n.num_id.clone()) {
                styles.num_ids.insert(id.clone(), num_id);
            }
            match style.kind.as_str() {
                "character" => {
                    if let Some(font) = raw.inherited(id, |s| s.font.clone()) {
                        styles.character_fonts.insert(id.clone(), font);
                    }
                }
                "paragraph" | "" => {
                    if style.is_default {
                        styles.default_paragraph = Some(id.clone());
                    }
                    styles
                        .paragraph
                        .insert(id.clone(), raw.resolve_paragraph(id));
                }
                _ => {}
            }
        }
        styles
    }

    /// The paragraph style `id`, or the document's default paragraph style
    /// when the paragraph names none.
    pub(super) fn paragraph(&self, id: Option<&str>) -> Option<&ParagraphStyle> {
        let id = id.or(self.default_paragraph.as_deref())?;
        self.paragraph.get(id)
    }

    /// The font a run gets from its character style, else its paragraph's
    /// style, else the document defaults.
    pub(super) fn inherited_run_font(
        &self,
        run_style: Option<&str>,
        paragraph_style: Option<&str>,
    ) -> Option<&str> {
        run_style
            .and_then(|id| self.character_fonts.get(id))
            .map(String::as_str)
            .or_else(|| self.paragraph(paragraph_style)?.font.as_deref())
            .or(self.default_font.as_deref())
    }
}

/// One `w:style` as written, before inheritance.
#[derive(Debug, Default)]
struct RawStyle {
    kind: String,
    is_default: bool,
    name: String,
    based_on: Option<String>,
    outline: Option<u32>,
    numbering: Option<NumPr>,
    font: Option<String>,
}

#[derive(Debug, Default)]
struct RawStyles {
    styles: HashMap<String, RawStyle>,
    default_font: Option<String>,
}

impl RawStyles {
    fn parse(styles_xml: &str) -> RawStyles {
        let mut raw = RawStyles::default();
        let mut reader = quick_xml::Reader::from_str(styles_xml);
        let mut current: Option<String> = None;
        let mut in_defaults = false;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => current = raw.start_style(&e),
                    "rPrDefault" => in_defaults = true,
                    "rFonts" if in_defaults => raw.default_font = font_of(&e),
                    _ => {
                        if let Some(style) = current.as_ref().and_then(|id| raw.styles.get_mut(id))
                        {
                            style.read_property(&e);
                        }
                    }
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "style" => current = None,
                    "rPrDefault" => in_defaults = false,
                    _ => {}
                },
                _ => {}
            }
        }
        raw
    }

    fn start_style(&mut self, e: &BytesStart) -> Option<String> {
        let id = attr(e, "styleId")?;
        let style = RawStyle {
            kind: attr(e, "type").unwrap_or_default(),
            is_default: attr(e, "default").is_some_and(|v| is_on(&v)),
            ..RawStyle::default()
        };
        self.styles.insert(id.clone(), style);
        Some(id)
    }

    /// The first value `get` finds walking from style `id` up its `basedOn`
    /// chain. The walk is bounded: chains can be cyclic in damaged files.
    fn inherited<T>(&self, id: &str, get: impl Fn(&RawStyle) -> Option<T>) -> Option<T> {
        let mut cursor = self.styles.get(id);
        for _ in 0..32 {
            let style = cursor?;
            if let Some(value) = get(style) {
                return Some(value);
            }
            cursor = style.based_on.as_ref().and_then(|b| self.styles.get(b));
        }
        None
    }

    fn resolve_paragraph(&self, id: &str) -> ParagraphStyle {
        ParagraphStyle {
            heading_level: self.inherited(id, |s| {
                crate::extract::heading_level_from_style_name(&s.name)
                    .or(s.outline.and_then(outline_to_level))
            }),
            numbering: self.inherited(id, |s| s.numbering.clone()),
            font: self.inherited(id, |s| s.font.clone()),
        }
    }
}

impl RawStyle {
    /// Records one property element met inside this style. Only the first
    /// `rFonts` counts: a paragraph style's run properties come before any
    /// table-style conditional formatting that could follow.
    fn read_property(&mut self, e: &BytesStart) {
        let val = || attr(e, "val").unwrap_or_default();
        match e.local_name().as_ref() {
            "name" => self.name = val(),
            "basedOn" => self.based_on = Some(val()),
            "outlineLvl" => self.outline = val().parse().ok(),
            "numId" => self.numbering.get_or_insert_default().num_id = Some(val()),
            "ilvl" => self.numbering.get_or_insert_default().ilvl = val().parse().ok(),
            "rFonts" if self.font.is_none() => self.font = font_of(e),
            _ => {}
        }
    }
}

/// The font an `rFonts` element gives Latin text: `hAnsi` covers the bytes
/// above 0x7F, where legacy Vietnamese fonts put their letters, so it comes
/// first; a theme font counts as a (Unicode) font of its own.
pub(super) fn font_of(e: &BytesStart) -> Option<String> {
    attr(e, "hAnsi")
        .or_else(|| attr(e, "ascii"))
        .or_else(|| attr(e, "hAnsiTheme"))
        .or_else(|| attr(e, "asciiTheme"))
}

/// OOXML's on/off values: absent `val`, "1", "true" and "on" mean on.
pub(super) fn is_on(value: &str) -> bool {
    matches!(value, "1" | "true" | "on")
}

/// `w:outlineLvl` 0–8 are heading levels 1–9; 9 means body text.
pub(super) fn outline_to_level(outline: u32) -> Option<u32> {
    (outline < 9).then_some(outline + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
        <w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="u1"><w:name w:val="Tiêu đề 1"/><w:basedOn w:val="Normal"/>
        <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Dieu"><w:name w:val="Điều"/><w:basedOn w:val="u1"/>
        <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="x"/><w:basedOn w:val="Loop"/></w:style>
      <w:style w:type="character" w:styleId="H"><w:name w:val="caps"/><w:rPr><w:rFonts w:ascii=".VnTimeH"/></w:rPr></w:style>
      <w:style w:type="numbering" w:styleId="Outline"><w:name w:val="o"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    #[test]
    fn inheritance_follows_based_on() {
        let styles = Styles::parse(STYLES);
        let dieu = styles.paragraph(Some("Dieu")).unwrap();
        assert_eq!(dieu.heading_level, Some(1));
        assert_eq!(dieu.font.as_deref(), Some("Arial"));
        assert_eq!(
            dieu.numbering.as_ref().unwrap().num_id.as_deref(),
            Some("3")
        );
        assert_eq!(styles.paragraph(Some("Loop")).unwrap().heading_level, None);
        assert_eq!(styles.num_ids.get("Outline").map(String::as_str), Some("7"));
    }

    #[test]
    fn run_fonts_come_from_character_then_paragraph_style_then_defaults() {
        let styles = Styles::parse(STYLES);
        assert_eq!(styles.inherited_run_font(Some("H"), None), Some(".VnTimeH"));
        assert_eq!(styles.inherited_run_font(None, None), Some(".VnTime"));
        assert_eq!(styles.inherited_run_font(None, Some("Dieu")), Some("Arial"));
        let bare = Styles::parse(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#,
        );
        assert_eq!(bare.inherited_run_font(None, None), Some("minorHAnsi"));
    }
}
