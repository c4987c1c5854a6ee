//! Format detection by content, never by file name.
//!
//! A ZIP whose package relationships name a WordprocessingML main part is DOCX;
//! `%PDF-` near the start is PDF; markup is HTML; other text is text. Formats
//! we recognise but do not read (legacy Office, spreadsheets, images…) become
//! `unsupported_format` errors that say what the file is and what to do.

use crate::extract::xml;
use crate::model::{DocError, Format, Limits};
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
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(describe_ole2(bytes));
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

/// Finds the main document part of an OOXML package through
/// `_rels/.rels`, so that parts not named `word/document.xml` are found too.
pub fn main_part_name<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Option<String> {
    let limit = Limits::default().max_inflated_bytes;
    let rels = xml::read_member(archive, "_rels/.rels", limit).ok()??;
    xml::relationships(&rels)
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
        if main.starts_with("xl/") {
            return Err(spreadsheet());
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
        return Err(spreadsheet());
    }
    if has(&archive, "mimetype") && has(&archive, "content.xml") {
        return Err(DocError::unsupported(
            "OpenDocument (.odt/.ods) files are not supported; save it as .docx",
        ));
    }
    Err(DocError::unsupported(
        "ZIP archive that is not a Word document; unpack it and ingest the documents inside",
    ))
}

fn spreadsheet() -> DocError {
    DocError::unsupported(
        "Excel spreadsheets are not supported; export the sheet as CSV or save the text as .docx",
    )
}

/// Names the kind of an OLE2 compound file by the stream names in its directory.
fn describe_ole2(bytes: &[u8]) -> DocError {
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    let contains = |name: &str| find(bytes, &utf16(name)).is_some();
    if contains("EncryptedPackage") {
        return DocError::new(
            crate::model::ErrorKind::Encrypted,
            "password-protected Office document; remove the password in Word and save it as .docx",
        );
    }
    if contains("WordDocument") {
        return DocError::unsupported("Word 97-2003 .doc is not supported; save it as .docx");
    }
    if contains("Workbook") || contains("Book") {
        return DocError::unsupported(
            "Excel 97-2003 .xls is not supported; export the sheet as CSV or save the text as .docx",
        );
    }
    if contains("PowerPoint Document") {
        return DocError::unsupported(
            "PowerPoint 97-2003 .ppt is not supported; save the text as .docx or PDF",
        );
    }
    DocError::unsupported(
        "OLE2 compound file (legacy Office or similar) is not supported; save it as .docx",
    )
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
        (b"{\\rtf", "RTF is not supported; save it as .docx"),
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
    fn other_zips_are_unsupported_with_advice() {
        let xlsx = zip_with(&[("xl/workbook.xml", "<workbook/>")]);
        let err = detect(&xlsx).unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnsupportedFormat);
        assert!(err.message.contains("Excel"));
        let plain = zip_with(&[("a.txt", "hello")]);
        assert!(detect(&plain).unwrap_err().message.contains("ZIP archive"));
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let bytes = zip_with(&[("word/document.xml", "<w:document/>")]);
        let err = detect(&bytes[..bytes.len() / 2]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Corrupt);
    }

    #[test]
    fn legacy_doc_says_save_as_docx() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let err = detect(&bytes).unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnsupportedFormat);
        assert!(err.message.contains("save it as .docx"));
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
