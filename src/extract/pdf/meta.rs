//! Document metadata from the PDF information dictionary.

use super::glyphs::decode_text_string;
use crate::legacy::LegacyDecoder;
use lopdf::{Document, Object};
use std::collections::BTreeMap;

/// Info dictionary keys and the metadata names they are given.
const FIELDS: [(&[u8], &str); 8] = [
    (b"Title", "title"),
    (b"Author", "author"),
    (b"Subject", "subject"),
    (b"Keywords", "keywords"),
    (b"Creator", "creator"),
    (b"Producer", "producer"),
    (b"CreationDate", "created"),
    (b"ModDate", "modified"),
];

/// Adds the non-empty text fields of the document's Info dictionary to
/// `meta`, with dates in ISO 8601 form where they parse, and text typed in
/// a legacy Vietnamese font ("QuyÕt ®Þnh") decoded.
pub fn read_info(doc: &Document, meta: &mut BTreeMap<String, String>) {
    let Ok(info) = doc
        .trailer
        .get_deref(b"Info", doc)
        .and_then(Object::as_dict)
    else {
        return;
    };
    let mut decoder = LegacyDecoder::new();
    for (key, name) in FIELDS {
        let Ok(Object::String(bytes, _)) = info.get_deref(key, doc) else {
            continue;
        };
        let text = decode_text_string(bytes);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let value = match name {
            "created" | "modified" => iso_date(text).unwrap_or_else(|| text.to_string()),
            _ => decoder.decode_text(text),
        };
        meta.insert(name.to_string(), value);
    }
}

/// Converts a PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year
/// optional) to ISO 8601: `2024-01-05` or `2024-01-05T08:30:00+07:00`.
pub fn iso_date(pdf: &str) -> Option<String> {
    let s = pdf.strip_prefix("D:").unwrap_or(pdf);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    // The first `digits` bytes are ASCII digits, so these slices are sound.
    let part = |i: usize, default: u32| match i + 2 <= digits {
        true => s[i..i + 2].parse().unwrap_or(default),
        false => default,
    };
    let year = &s[..4];
    let (month, day, hour, minute, second) =
        (part(4, 1), part(6, 1), part(8, 0), part(10, 0), part(12, 0));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let date = format!("{year}-{month:02}-{day:02}");
    if digits <= 8 {
        return Some(date);
    }
    Some(format!(
        "{date}T{hour:02}:{minute:02}:{second:02}{}",
        zone(&s[digits..])
    ))
}

/// `Z`, `+07'00'`, `-05'00` or `+07` → `Z`, `+07:00`; anything else → no zone.
fn zone(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some('Z') => "Z".into(),
        Some(sign @ ('+' | '-')) => {
            let rest: String = chars.filter(char::is_ascii_digit).collect();
            match (rest.get(..2), rest.get(2..4)) {
                (Some(h), Some(m)) => format!("{sign}{h}:{m}"),
                (Some(h), None) => format!("{sign}{h}:00"),
                _ => String::new(),
            }
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso() {
        assert_eq!(
            iso_date("D:20240105083000+07'00'").as_deref(),
            Some("2024-01-05T08:30:00+07:00")
        );
        assert_eq!(
            iso_date("D:20240105083000Z").as_deref(),
            Some("2024-01-05T08:30:00Z")
        );
        assert_eq!(
            iso_date("D:20240105083000").as_deref(),
            Some("2024-01-05T08:30:00")
        );
        assert_eq!(iso_date("D:2024").as_deref(), Some("2024-01-01"));
        assert_eq!(iso_date("D:20241305").as_deref(), None);
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(iso_date("D:2016063014530"), None);
    }

    #[test]
    fn legacy_vietnamese_titles_are_decoded() {
        let mut doc = Document::with_version("1.4");
        let latin1 = |text: &str| {
            let bytes = text.chars().map(|c| u8::try_from(c).unwrap()).collect();
            Object::String(bytes, lopdf::StringFormat::Literal)
        };
        let mut info = lopdf::Dictionary::new();
        info.set("Title", latin1("QuyÕt ®Þnh sè 256"));
        info.set("Author", latin1("Michèle Debonneuil"));
        info.set("Subject", latin1("Coäng hoøa xaõ hoäi"));
        let info = doc.add_object(info);
        doc.trailer.set("Info", info);
        let mut meta = BTreeMap::new();
        read_info(&doc, &mut meta);
        assert_eq!(meta["title"], "Quyết định số 256");
        assert_eq!(meta["author"], "Michèle Debonneuil");
        assert_eq!(meta["subject"], "Cộng hòa xã hội");
    }
}
