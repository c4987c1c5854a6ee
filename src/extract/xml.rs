//! Helpers shared by the readers of XML-in-ZIP formats: bounded reading of a
//! ZIP member, attribute lookup and entity references with quick-xml.

use crate::model::{DocError, ErrorKind};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::io::{Read, Seek};

/// Reads the ZIP member `name` as UTF-8 text (a leading BOM removed, UTF-16
/// decoded), or `Ok(None)` when there is no such member.
///
/// Fails with `too_large` when the member inflates past `limit` bytes (zip
/// bombs; the declared size is not trusted), `encrypted` when the member is
/// password-protected, and `corrupt` when it cannot be read.
pub fn read_member<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, DocError> {
    Ok(read_member_bytes(archive, name, limit)?.map(bytes_to_text))
}

/// Reads the ZIP member `name` as bytes, or `Ok(None)` when there is no
/// such member; fails as [`read_member`] does.
pub fn read_member_bytes<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, DocError> {
    let mut member = match archive.by_name(name) {
        Ok(member) => member,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(
            zip::result::ZipError::PASSWORD_REQUIRED,
        )) => {
            return Err(DocError::new(
                ErrorKind::Encrypted,
                format!("{name} is password-protected inside the ZIP container"),
            ));
        }
        Err(e) => {
            return Err(DocError::corrupt(format!(
                "cannot read {name} from the ZIP container: {e}"
            )));
        }
    };
    if member.size() > limit {
        return Err(inflate_limit(name, limit));
    }
    let mut bytes = Vec::with_capacity(member.size().min(64 << 20) as usize);
    (&mut member)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            DocError::corrupt(format!("cannot read {name} from the ZIP container: {e}"))
        })?;
    if bytes.len() as u64 > limit {
        return Err(inflate_limit(name, limit));
    }
    Ok(Some(bytes))
}

fn inflate_limit(name: &str, limit: u64) -> DocError {
    DocError::too_large(format!(
        "{name} inflates past the limit of {} MiB of XML per document (zip bomb?); \
         raise --max-inflated-size if the file is genuine",
        limit.div_ceil(1 << 20)
    ))
}

/// XML parts are UTF-8 or UTF-16 by their BOM; anything undecodable becomes
/// U+FFFD. Valid UTF-8 keeps its buffer: a part is never held twice.
fn bytes_to_text(bytes: Vec<u8>) -> String {
    match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned(),
        None => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

/// The unescaped value of the attribute whose local name is `local`
/// (`w:val` and `val` both match `"val"`).
pub fn attr(element: &BytesStart, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The text an entity or character reference stands for; unknown entities
/// give nothing (OOXML does not define any beyond XML's five).
pub fn resolve_reference(reference: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    quick_xml::escape::resolve_predefined_entity(reference).and_then(|s| s.chars().next())
}

/// Resolves a relationship target against the folder of the part that names it
/// (`word/document.xml` + `footnotes.xml` → `word/footnotes.xml`).
pub fn resolve_target(base_part: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = base_part.split('/').collect();
    parts.pop();
    for segment in target.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// One relationship of a `.rels` part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// The id parts refer to it by (`r:id="rId3"`).
    pub id: String,
    /// The type's last path segment: `officeDocument`, `styles`, `header`…
    pub kind: String,
    /// The target as written, relative to the source part's folder.
    pub target: String,
    /// Whether the target is outside the package (`TargetMode="External"`:
    /// a URL or a linked file).
    pub external: bool,
}

/// The relationships of a `.rels` part, in document order.
pub fn relationships(rels_xml: &str) -> Vec<Relationship> {
    let mut reader = quick_xml::Reader::from_str(rels_xml.trim_start_matches('\u{feff}'));
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                    found.push(Relationship {
                        id: attr(&e, "Id").unwrap_or_default(),
                        kind: kind.rsplit('/').next().unwrap_or_default().to_string(),
                        target,
                        external: attr(&e, "TargetMode").as_deref() == Some("External"),
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => return found,
            _ => {}
        }
    }
}

/// The `_rels` part that holds the relationships of `part`.
pub fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(
            resolve_target("word/document.xml", "footnotes.xml"),
            "word/footnotes.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            rels_name("word/document2.xml"),
            "word/_rels/document2.xml.rels"
        );
    }

    #[test]
    fn bom_and_utf16_parts_decode() {
        assert_eq!(bytes_to_text(b"\xEF\xBB\xBF<a/>".to_vec()), "<a/>");
        assert_eq!(bytes_to_text(b"\xFF\xFE<\0a\0/\0>\0".to_vec()), "<a/>");
        assert_eq!(bytes_to_text(b"<a>\xFF</a>".to_vec()), "<a>\u{FFFD}</a>");
    }
}
