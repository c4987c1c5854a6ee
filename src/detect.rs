//! Format detection by content, never by file name.
//!
//! A ZIP whose package relationships name a WordprocessingML main part is DOCX,
//! a SpreadsheetML one XLSX, an OpenDocument spreadsheet ODS; an OLE2
//! compound file with a `WordDocument` stream is DOC, with a `Workbook` (or
//! `Book`) stream XLS; `{\rtf` is RTF; `%PDF-` near the start is PDF; markup
//! is HTML; other text is text. Formats we recognise but do not read
//! (PowerPoint, images…) become `unsupported_format` errors that say what the
//! file is and what to do.

use crate::extract::xml;
use crate::model::{DocError, Format};
use std::io::{Cursor, Read};

/// Decides the format of a document from its bytes.
///
/// Errors are `unsupported_format` for known but unreadable kinds and
/// `corrupt` for empty files and ZIP containers that cannot be opened.
pub fn detect(bytes: &[u8]) -> Result<Format, DocError> {
    if bytes.is_empty() {
        return Err(DocError::corrupt("file is empty (0 bytes)"));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes);
    }
    if bytes.starts_with(&OLE2_MAGIC) {
        return detect_ole2(bytes);
    }
    if crate::warc::is_warc(&bytes[..bytes.len().min(4096)]) {
        return Err(DocError::unsupported(
            "a WARC web crawl, which holds many documents: read it with `plangloss ingest`",
        ));
    }
    if starts_with_rtf(bytes) {
        return Ok(Format::Rtf);
    }
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DocError::unsupported(kind));
    }
    if looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    if looks_binary(bytes) {
        return Err(DocError::unsupported(
            "binary data of an unknown kind, not a DOCX, PDF, HTML or text document",
        ));
    }
    Ok(Format::Txt)
}

/// The most of `_rels/.rels` detection inflates. A real one lists a handful
/// of relationships in a few hundred bytes; a larger one is hostile, and
/// detection then goes by member names (the extractor, reading within the
/// document's budget, says what is wrong with it).
const RELS_PROBE_BYTES: u64 = 1 << 20;

/// Finds the main document part of an OOXML package through
/// `_rels/.rels`, so that parts not named `word/document.xml` are found too.
fn main_part_name<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Option<String> {
    let rels = xml::read_member(archive, "_rels/.rels", RELS_PROBE_BYTES).ok()??;
    main_part_of(&rels)
}

/// The main document part an OOXML package's `_rels/.rels` names.
pub fn main_part_of(package_rels: &str) -> Option<String> {
    xml::relationships(package_rels)
        .into_iter()
        .find(|rel| rel.kind == "officeDocument")
        .map(|rel| xml::resolve_target("", &rel.target))
}

fn detect_zip(bytes: &[u8]) -> Result<Format, DocError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocError::corrupt(format!(
            "ZIP container (DOCX?) cannot be opened, the file is probably truncated or damaged: {e}"
        ))
    })?;
    let has = |archive: &zip::ZipArchive<_>, name: &str| archive.index_for_name(name).is_some();
    if let Some(main) = main_part_name(&mut archive) {
        if main.starts_with("word/") {
            return Ok(Format::Docx);
        }
        if main.starts_with("xl/") && main.ends_with(".bin") {
            return Err(DocError::unsupported(
                "Excel binary workbook (.xlsb) is not supported; save it as .xlsx",
            ));
        }
        if main.starts_with("xl/") {
            return Ok(Format::Xlsx);
        }
        if main.starts_with("ppt/") {
            return Err(DocError::unsupported(
                "PowerPoint .pptx presentations are not supported; save the text as .docx or PDF",
            ));
        }
    }
    if has(&archive, "word/document.xml") {
        return Ok(Format::Docx);
    }
    if has(&archive, "xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has(&archive, "mimetype") && has(&archive, "content.xml") {
        return opendocument_kind(&mut archive);
    }
    Err(DocError::unsupported(
        "ZIP archive that is not a Word document; unpack it and ingest the documents inside",
    ))
}

/// The first bytes of an OLE2 compound file.
const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An OpenDocument package is a spreadsheet when its `mimetype` member says so.
fn opendocument_kind<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<Format, DocError> {
    let mut mimetype = String::new();
    if let Ok(member) = archive.by_name("mimetype") {
        // The member is a short ASCII string; anything longer is not a mimetype.
        let _ = member.take(200).read_to_string(&mut mimetype);
    }
    match mimetype.trim() {
        "application/vnd.oasis.opendocument.spreadsheet" => Ok(Format::Ods),
        "application/vnd.oasis.opendocument.presentation" => Err(DocError::unsupported(
            "OpenDocument presentations (.odp) are not supported; save the text as .docx or PDF",
        )),
        _ => Err(DocError::unsupported(
            "OpenDocument text (.odt) files are not supported; save it as .docx",
        )),
    }
}

/// RTF starts with `{\rtf`, possibly after a BOM or whitespace.
fn starts_with_rtf(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    start.starts_with(b"{\\rtf")
}

/// Names the kind of an OLE2 compound file by the streams in its root storage.
fn detect_ole2(bytes: &[u8]) -> Result<Format, DocError> {
    let names = match ole2_root_names(bytes) {
        Ok(names) => names,
        Err(message) => {
            return Err(DocError::corrupt(format!(
                "OLE2 compound file (legacy Office document) cannot be read: {message}"
            )));
        }
    };
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if has("EncryptedPackage") {
        return Err(DocError::new(
            crate::model::ErrorKind::Encrypted,
            "password-protected Office document; remove the password in Office and save it again",
        ));
    }
    if has("WordDocument") {
        return Ok(Format::Doc);
    }
    if has("Workbook") || has("Book") {
        return Ok(Format::Xls);
    }
    if has("PowerPoint Document") {
        return Err(DocError::unsupported(
            "PowerPoint 97-2003 .ppt presentation is not supported; save the text as .docx or PDF",
        ));
    }
    if has("VisioDocument") {
        return Err(DocError::unsupported(
            "Visio drawing is not supported; export its text as .docx or PDF",
        ));
    }
    if has("__properties_version1.0") || has("__nameid_version1.0") {
        return Err(DocError::unsupported(
            "Outlook message (.msg) is not supported; save its text or attachments and ingest those",
        ));
    }
    if has("Contents") && has("Equation Native") {
        return Err(DocError::unsupported(
            "embedded equation object is not a document",
        ));
    }
    let listed: Vec<&str> = names.iter().map(String::as_str).take(8).collect();
    Err(DocError::unsupported(format!(
        "OLE2 compound file of an unknown kind (streams: {}); not a Word .doc or Excel .xls",
        listed.join(", ")
    )))
}

/// The names of the entries in an OLE2 file's root storage.
fn ole2_root_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names = file
        .read_root_storage()
        .map(|entry| entry.name().to_string())
        .collect();
    Ok(names)
}

/// Recognises common binary formats by their magic numbers.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"\x89PNG\r\n\x1a\n",
            "PNG image; run OCR first and ingest the text",
        ),
        (
            b"\xFF\xD8\xFF",
            "JPEG image; run OCR first and ingest the text",
        ),
        (b"GIF8", "GIF image; run OCR first and ingest the text"),
        (b"II*\0", "TIFF image; run OCR first and ingest the text"),
        (b"MM\0*", "TIFF image; run OCR first and ingest the text"),
        (b"BM", "BMP image; run OCR first and ingest the text"),
        (b"\x1f\x8b", "gzip-compressed data; decompress it first"),
        (
            b"Rar!",
            "RAR archive; unpack it and ingest the documents inside",
        ),
        (
            b"7z\xBC\xAF\x27\x1C",
            "7-Zip archive; unpack it and ingest the documents inside",
        ),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("WebP image; run OCR first and ingest the text");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// HTML if the start has a document-level tag, or is markup made of common
/// HTML elements: pages saved as fragments (a `<table>` layout with no
/// `<html>`) are still HTML.
fn looks_like_html(bytes: &[u8]) -> bool {
    const DOCUMENT_TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta ",
        b"<title>",
    ];
    const ELEMENT_TAGS: &[&[u8]] = &[
        b"<div", b"<p>", b"<p ", b"<table", b"<tr", b"<td", b"<br", b"<span", b"<a href", b"<img",
        b"<form", b"<script", b"<style", b"<ul", b"<li", b"<h1", b"<h2", b"<h3", b"<font",
        b"<center",
    ];
    let head = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if DOCUMENT_TAGS.iter().any(|tag| find(&lower, tag).is_some()) {
        return true;
    }
    let distinct = ELEMENT_TAGS
        .iter()
        .filter(|tag| find(&lower, tag).is_some())
        .count();
    let starts_with_markup = lower
        .iter()
        .copied()
        .find(|b| !(b.is_ascii_whitespace() || *b >= 0x80))
        == Some(b'<');
    (starts_with_markup && distinct >= 2) || distinct >= 5
}

/// Binary if the start has NUL bytes that UTF-16 text would not explain, or
/// many C0 control characters that text never has.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let nul_in_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let utf16_shaped = nul * 10 >= head.len() * 4 && (nul_in_even == 0 || nul_in_even == nul);
    if utf16_shaped {
        return false;
    }
    if nul > 0 {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A | 0))
        .count();
    controls * 20 > head.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ErrorKind;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, body) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(body.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        out.into_inner()
    }

    const RELS_DOC2: &str = "\u{feff}<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>";

    #[test]
    fn docx_found_through_relationships() {
        let bytes = zip_with(&[
            ("_rels/.rels", RELS_DOC2),
            ("word/document2.xml", "<w:document/>"),
        ]);
        assert_eq!(detect(&bytes), Ok(Format::Docx));
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(
            main_part_name(&mut archive).as_deref(),
            Some("word/document2.xml")
        );
    }

    #[test]
    fn spreadsheets_and_other_zips() {
        let xlsx = zip_with(&[("xl/workbook.xml", "<workbook/>")]);
        assert_eq!(detect(&xlsx), Ok(Format::Xlsx));
        let ods = zip_with(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", "<office:document-content/>"),
        ]);
        assert_eq!(detect(&ods), Ok(Format::Ods));
        let odt = zip_with(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<office:document-content/>"),
        ]);
        assert!(detect(&odt).unwrap_err().message.contains(".odt"));
        let rels = RELS_DOC2.replace("/word/document2.xml", "xl/workbook.bin");
        let xlsb = zip_with(&[("_rels/.rels", &rels), ("xl/workbook.bin", "")]);
        assert!(detect(&xlsb).unwrap_err().message.contains(".xlsb"));
        let plain = zip_with(&[("a.txt", "hello")]);
        assert!(detect(&plain).unwrap_err().message.contains("ZIP archive"));
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let bytes = zip_with(&[("word/document.xml", "<w:document/>")]);
        let err = detect(&bytes[..bytes.len() / 2]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt);
    }

    /// An OLE2 compound file holding the given streams.
    fn ole2_with(streams: &[&str]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for name in streams {
            file.create_stream(name).unwrap().write_all(b"x").unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn ole2_files_by_their_streams() {
        assert_eq!(
            detect(&ole2_with(&["WordDocument", "1Table"])),
            Ok(Format::Doc)
        );
        assert_eq!(detect(&ole2_with(&["Workbook"])), Ok(Format::Xls));
        let ppt = detect(&ole2_with(&["PowerPoint Document"])).unwrap_err();
        assert_eq!(ppt.kind, ErrorKind::UnsupportedFormat);
        assert!(ppt.message.contains("PowerPoint"), "{}", ppt.message);
        let encrypted = detect(&ole2_with(&["EncryptionInfo", "EncryptedPackage"])).unwrap_err();
        assert_eq!(encrypted.kind, ErrorKind::Encrypted);
        let other = detect(&ole2_with(&["Foo"])).unwrap_err();
        assert!(other.message.contains("Foo"), "{}", other.message);
        // A truncated header is corrupt, not a panic.
        let truncated = detect(&OLE2_MAGIC).unwrap_err();
        assert_eq!(truncated.kind, ErrorKind::Corrupt);
    }

    #[test]
    fn rtf_by_its_signature() {
        assert_eq!(detect(b"{\\rtf1\\ansi hello}"), Ok(Format::Rtf));
        assert_eq!(detect(b"\xEF\xBB\xBF {\\rtf1 x}"), Ok(Format::Rtf));
    }

    #[test]
    fn pdf_html_text_and_binary() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Ok(Format::Pdf));
        assert_eq!(
            detect(b"<text id=1>\n<HTML><body>x</body></HTML>"),
            Ok(Format::Html)
        );
        assert_eq!(
            detect(b"<text id=2>\n<table><tr><td>x</td></tr></table>"),
            Ok(Format::Html)
        );
        assert_eq!(detect(b"Use <br> for breaks in <p> text."), Ok(Format::Txt));
        assert_eq!(
            detect("Kế hoạch số 144/KH-UBND".as_bytes()),
            Ok(Format::Txt)
        );
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().kind,
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(
            detect(&[0u8, 1, 2, 3, 200, 0, 7, 9]).unwrap_err().kind,
            ErrorKind::UnsupportedFormat
        );
        assert_eq!(detect(b"").unwrap_err().kind, ErrorKind::Corrupt);
    }

    #[test]
    fn utf16_text_is_text() {
        let bytes: Vec<u8> = "Dân số"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(detect(&bytes), Ok(Format::Txt));
    }
}
