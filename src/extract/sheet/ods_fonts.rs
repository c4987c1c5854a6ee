//! The fonts of `.ods` cells: a cell's style (or its column's default cell
//! style, or `Default`) names a font face through its parents, and spans
//! inside its text may switch to other fonts. calamine reads none of this,
//! so the first pass of [`ods`](super::ods) does, with the help of this
//! module: the styles of `styles.xml` and `content.xml`, and where each
//! span's font starts in the text calamine assembles.

use crate::extract::xml::{attr, resolve_reference};
use quick_xml::events::Event;
use std::collections::HashMap;

/// Style parents followed at most (they may loop in a damaged file).
const MAX_PARENTS: usize = 32;

/// The style family of cells, and of text spans.
pub(super) const CELL: &str = "table-cell";
pub(super) const TEXT: &str = "text";

/// What a style says of fonts.
#[derive(Debug, Default)]
struct StyleFont {
    parent: Option<String>,
    font_face: Option<String>,
}

/// The styles of a document that may name a font, and its font faces.
#[derive(Debug, Default)]
pub(super) struct StyleFonts {
    /// Font face name → font family.
    faces: HashMap<String, String>,
    /// (family, style name) → the style; the default style of a family
    /// under the empty name.
    styles: HashMap<(String, String), StyleFont>,
}

impl StyleFonts {
    /// Adds the font faces and styles of one part (`styles.xml`, then
    /// `content.xml`, whose automatic styles may have the same names).
    pub(super) fn read(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, String)> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "font-face" => {
                        if let (Some(name), Some(family)) =
                            (attr(&e, "name"), attr(&e, "font-family"))
                        {
                            let family = family.trim().trim_matches(['\'', '"']).to_string();
                            self.faces.insert(name, family);
                        }
                    }
                    "style" | "default-style" => {
                        let family = attr(&e, "family").unwrap_or_default();
                        let name = match e.local_name().as_ref() {
                            "style" => attr(&e, "name").unwrap_or_default(),
                            _ => String::new(),
                        };
                        let key = (family, name);
                        let style = self.styles.entry(key.clone()).or_default();
                        style.parent = attr(&e, "parent-style-name");
                        current = Some(key);
                    }
                    "text-properties" => {
                        if let (Some(key), Some(face)) = (&current, attr(&e, "font-name"))
                            && let Some(style) = self.styles.get_mut(key)
                        {
                            style.font_face = Some(face);
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e))
                    if matches!(e.local_name().as_ref(), "style" | "default-style") =>
                {
                    current = None;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }

    /// The font family style `name` of `family` draws in, through its
    /// parents and the family's default style.
    pub(super) fn font(&self, family: &str, name: &str) -> Option<String> {
        let mut name = Some(name.to_string());
        for _ in 0..MAX_PARENTS {
            let Some(style) = name.and_then(|n| self.styles.get(&(family.to_string(), n))) else {
                break;
            };
            if let Some(face) = &style.font_face {
                return Some(
                    self.faces
                        .get(face)
                        .cloned()
                        .unwrap_or_else(|| face.clone()),
                );
            }
            name = style.parent.clone();
        }
        let default = self.styles.get(&(family.to_string(), String::new()))?;
        let face = default.font_face.as_ref()?;
        Some(
            self.faces
                .get(face)
                .cloned()
                .unwrap_or_else(|| face.clone()),
        )
    }
}

/// Follows the text of one string cell as calamine assembles it (text and
/// entities, `\n` between paragraphs and for line breaks, spaces for
/// `text:s`, a tab for `text:tab`, annotations left out), noting where
/// each span's font starts and ends, in UTF-16 units.
#[derive(Debug)]
pub(super) struct CellText {
    units: usize,
    paragraphs: usize,
    annotation_depth: usize,
    /// The font in force, and those the open spans replaced.
    font: Option<String>,
    outer: Vec<Option<String>>,
    /// Where each font starts.
    runs: Vec<(usize, String)>,
}

impl CellText {
    /// A cell whose own font is `font`.
    pub(super) fn new(font: Option<String>) -> Self {
        let runs = font.iter().map(|f| (0, f.clone())).collect();
        CellText {
            units: 0,
            paragraphs: 0,
            annotation_depth: 0,
            font,
            outer: Vec::new(),
            runs,
        }
    }

    /// Takes in one event inside the cell; `fonts` resolves span styles.
    pub(super) fn event(&mut self, event: &Event, fonts: &StyleFonts) {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "annotation" => {
                self.annotation_depth += 1;
            }
            Event::End(e) if e.local_name().as_ref() == "annotation" => {
                self.annotation_depth = self.annotation_depth.saturating_sub(1);
            }
            _ if self.annotation_depth > 0 => {}
            Event::Text(t) => self.add(t.xml10_content().encode_utf16().count()),
            Event::GeneralRef(r) => self.add(resolve_reference(r).map_or(0, char::len_utf16)),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "p" => {
                    if self.paragraphs > 0 {
                        self.add(1);
                    }
                    self.paragraphs += 1;
                }
                "s" => self.add(usize::try_from(super::ods::number(e, "c")).unwrap_or(1)),
                "tab" | "line-break" => self.add(1),
                "span" if matches!(event, Event::Start(_)) => {
                    let span_font = attr(e, "style-name").and_then(|s| fonts.font(TEXT, &s));
                    self.outer.push(self.font.clone());
                    if let Some(font) = span_font {
                        self.switch(Some(font));
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "span" => {
                if let Some(font) = self.outer.pop() {
                    self.switch(font);
                }
            }
            _ => {}
        }
    }

    fn add(&mut self, units: usize) {
        self.units = self.units.saturating_add(units);
    }

    /// The length of the cell's text so far, in UTF-16 units.
    pub(super) fn units(&self) -> usize {
        self.units
    }

    fn switch(&mut self, font: Option<String>) {
        if font == self.font {
            return;
        }
        self.font = font.clone();
        let font = font.unwrap_or_default();
        match self.runs.last_mut() {
            Some(last) if last.0 == self.units => last.1 = font,
            _ => self.runs.push((self.units, font)),
        }
    }

    /// Where each font of the cell starts.
    pub(super) fn runs(self) -> Vec<(usize, String)> {
        self.runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:svg="v"><office:font-face-decls><style:font-face style:name="VnTime" svg:font-family="'.VnTime'"/></office:font-face-decls><office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="Arial"/></style:default-style><style:style style:name="Default" style:family="table-cell"/><style:style style:name="Old" style:family="table-cell" style:parent-style-name="Default"><style:text-properties style:font-name="VnTime"/></style:style></office:styles></office:document-styles>"#;

    #[test]
    fn fonts_are_found_through_parents_faces_and_defaults() {
        let mut fonts = StyleFonts::default();
        fonts.read(STYLES);
        fonts.read(r#"<r xmlns:style="s"><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Old"/><style:style style:name="loop" style:family="table-cell" style:parent-style-name="loop"/></r>"#);
        assert_eq!(fonts.font(CELL, "ce1").as_deref(), Some(".VnTime"));
        assert_eq!(fonts.font(CELL, "Default").as_deref(), Some("Arial"));
        assert_eq!(fonts.font(CELL, "loop").as_deref(), Some("Arial"));
        assert_eq!(fonts.font(TEXT, "T1"), None);
    }

    #[test]
    fn span_fonts_start_where_calamine_text_has_them() {
        let mut fonts = StyleFonts::default();
        fonts.read(STYLES);
        fonts.read(r#"<r xmlns:style="s"><style:style style:name="T2" style:family="text"><style:text-properties style:font-name="VnTime"/></style:style></r>"#);
        let xml = r#"<c xmlns:text="t" xmlns:office="o"><text:p>a<text:s text:c="2"/>&amp;<office:annotation><text:p>note</text:p></office:annotation></text:p><text:p><text:span text:style-name="T2">dµi</text:span> x</text:p></c>"#;
        let mut cell = CellText::new(Some("Arial".into()));
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => cell.event(&event, &fonts),
            }
        }
        // "a  &\n" is five units: the span starts at 5 and ends at 8.
        assert_eq!(
            cell.runs(),
            [
                (0, "Arial".to_string()),
                (5, ".VnTime".to_string()),
                (8, "Arial".to_string())
            ]
        );
    }
}
