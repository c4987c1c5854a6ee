//! Web crawls: the documents inside WARC and WET files (`.warc`,
//! `.warc.gz`, `.warc.wet.gz`), read as a stream of records.
//!
//! Promises:
//! - Memory stays bounded whatever the file's size: records are read one
//!   at a time, a record's header is at most [`MAX_HEADER_BYTES`], and a
//!   block is held only when it is a document within the size limit (any
//!   other is read past, never kept).
//! - Damage stays local: a corrupt gzip member, a record cut short or a
//!   header that is not WARC is counted in [`Counts`] and reading goes on
//!   at the next record that can be found.
//! - Records come in file order; nothing depends on timing.
//!
//! What becomes a document: a `response` record whose HTTP status is 200
//! and whose payload is a document type (HTML, text, PDF, office files; a
//! missing or generic type is left to content detection), a `resource`
//! record, and a WET `conversion` record (the page's text). Requests,
//! metadata, revisits, truncated and segmented records are counted and
//! passed over.

pub(crate) mod http;
mod source;

use regex::Regex;
use source::Source;
use std::io::{self, BufRead, BufReader, Read, Seek};

/// The longest record header read (its named fields).
pub const MAX_HEADER_BYTES: u64 = 64 * 1024;
/// How far past a record the end of its gzip member is looked for, to
/// check the member's checksum before the record is given out.
const MEMBER_END_REACH: usize = 64 * 1024;
/// How much of a response block is read to judge its HTTP head.
const HTTP_HEAD_BYTES: usize = 64 * 1024;

/// Whether `start` (the first bytes of a file) begins a WARC file, plain or
/// gzipped: plain files start with "WARC/1."; a gzipped one's first member
/// must inflate to that.
pub fn is_warc(start: &[u8]) -> bool {
    if start.starts_with(b"WARC/1.") {
        return true;
    }
    if !start.starts_with(&[0x1f, 0x8b, 0x08]) {
        return false;
    }
    let mut head = [0u8; 7];
    let mut decoder = flate2::bufread::GzDecoder::new(start);
    let mut filled = 0;
    while filled < head.len() {
        match decoder.read(&mut head[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    &head[..filled] == b"WARC/1."
}

/// What a WARC record holds, for the pipeline to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// An HTTP response: head and body, the body still as sent.
    Http,
    /// A WET conversion: the page's text in UTF-8.
    Text,
    /// A resource record: the document itself.
    Resource,
}

/// One document found in a crawl.
#[derive(Debug, Clone)]
pub struct WebDocument {
    /// `FILE#RECORD-ID` (the record's id without its angle brackets), or
    /// `FILE#@OFFSET` for a record without an id.
    pub path: String,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`, as written.
    pub fetched: Option<String>,
    /// `WARC-Identified-Content-Language` (WET files).
    pub languages: Option<String>,
    pub payload: Payload,
    /// The record's block; empty when `too_large` is set.
    pub block: Vec<u8>,
    /// The block was over the size limit and was not read.
    pub too_large: bool,
}

/// What a crawl held besides its documents.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Records read, documents or not.
    pub records: u64,
    /// Records that became documents.
    pub documents: u64,
    /// Requests, metadata, warcinfo, revisits and other kinds of record.
    pub other_records: u64,
    /// Responses whose payload is not a document (images, scripts, styles).
    pub not_documents: u64,
    /// Responses whose HTTP status is not 200, or whose block is not HTTP.
    pub not_ok: u64,
    /// Records marked truncated or segmented, or cut short by the file's end.
    pub truncated: u64,
    /// Records left out by the URL filter.
    pub filtered: u64,
    /// Places where the file was damaged (a corrupt gzip member, a header
    /// that is not WARC), and the first one's offset in the file.
    pub damaged: u64,
    pub first_damage_at: Option<u64>,
}

impl Counts {
    /// Adds another file's counts (the first damage stays the first seen).
    pub fn add(&mut self, other: &Counts) {
        self.records += other.records;
        self.documents += other.documents;
        self.other_records += other.other_records;
        self.not_documents += other.not_documents;
        self.not_ok += other.not_ok;
        self.truncated += other.truncated;
        self.filtered += other.filtered;
        self.damaged += other.damaged;
        self.first_damage_at = self.first_damage_at.or(other.first_damage_at);
    }
}

/// Reads the documents of a WARC or WET file one by one.
pub struct WarcReader<R> {
    /// `None` once the file has ended or cannot be read further.
    source: Option<BufReader<Source<R>>>,
    file: String,
    max_block_bytes: u64,
    url_filter: Option<Regex>,
    /// What was read so far.
    pub counts: Counts,
    /// Where the next record starts in the decoded stream.
    offset: u64,
    /// Inside junk already counted as one damage.
    in_junk: bool,
}

/// A record's named fields that matter here.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    id: Option<String>,
    date: Option<String>,
    url: Option<String>,
    length: Option<u64>,
    truncated: bool,
    segmented: bool,
    identified_type: Option<String>,
    languages: Option<String>,
}

/// Why reading a record stopped short.
enum Stop {
    /// The file ended cleanly, between records.
    End,
    /// The bytes cannot be read here (a corrupt gzip member): go on at the
    /// next member.
    Damaged,
    /// The bytes read are not WARC (junk between records, a header that
    /// never ends): go on at the next line that starts a record.
    Junk,
    /// The file ended inside a record.
    CutShort,
}

impl From<io::Error> for Stop {
    fn from(_: io::Error) -> Self {
        Stop::Damaged
    }
}

impl<R: BufRead + Seek> WarcReader<R> {
    /// A reader of `inner` (a WARC file, plain or gzipped), whose documents
    /// are named after `file`. Blocks over `max_block_bytes` are not read;
    /// with `url_filter`, only records whose URL it matches are.
    pub fn new(
        inner: R,
        file: &str,
        max_block_bytes: u64,
        url_filter: Option<Regex>,
    ) -> io::Result<Self> {
        Ok(WarcReader {
            source: Some(BufReader::new(Source::new(inner)?)),
            file: file.to_string(),
            max_block_bytes,
            url_filter,
            counts: Counts::default(),
            offset: 0,
            in_junk: false,
        })
    }

    /// Where the reading is in the file (compressed bytes for gzip).
    pub fn file_position(&self) -> u64 {
        self.source.as_ref().map_or(0, |s| s.get_ref().position())
    }

    /// Counts damage found here (once for a stretch of junk).
    fn note_damage(&mut self) {
        if !self.in_junk {
            self.counts.damaged += 1;
            let at = self.file_position();
            self.counts.first_damage_at.get_or_insert(at);
        }
    }

    /// Notes unreadable bytes at the current place and moves past them.
    fn damaged(&mut self) {
        self.note_damage();
        // A fresh buffer: what the old one held belongs to the damage.
        self.source = self.source.take().and_then(|buffered| {
            let mut source = buffered.into_inner();
            source
                .resync()
                .ok()
                .filter(|&found| found)
                .map(|_| BufReader::new(source))
        });
    }

    /// The next record that is a document, or `None` at the end of the file.
    fn next_document(&mut self) -> Option<WebDocument> {
        loop {
            let source = self.source.as_mut()?;
            match read_record(source, &mut self.offset) {
                Err(Stop::End) => {
                    self.source = None;
                    return None;
                }
                Err(Stop::CutShort) => {
                    self.counts.records += 1;
                    self.counts.truncated += 1;
                    self.source = None;
                    return None;
                }
                Err(Stop::Damaged) => self.damaged(),
                Err(Stop::Junk) => {
                    self.note_damage();
                    self.in_junk = true;
                }
                Ok((header, start)) => {
                    self.in_junk = false;
                    self.counts.records += 1;
                    match self.take_block(header, start) {
                        Ok(Some(document)) => {
                            self.counts.documents += 1;
                            return Some(document);
                        }
                        Ok(None) => {}
                        Err(Stop::CutShort) => {
                            self.counts.truncated += 1;
                            self.source = None;
                            return None;
                        }
                        Err(Stop::Junk | Stop::Damaged | Stop::End) => self.damaged(),
                    }
                }
            }
        }
    }

    /// Reads or passes over the block of a record whose header was read.
    fn take_block(&mut self, header: Header, start: u64) -> Result<Option<WebDocument>, Stop> {
        let source = self.source.as_mut().ok_or(Stop::End)?;
        let length = header.length.unwrap_or(0);
        let payload = match header.kind.as_str() {
            "response" => Some(Payload::Http),
            "resource" => Some(Payload::Resource),
            "conversion" => Some(Payload::Text),
            _ => None,
        };
        let filtered = self.url_filter.as_ref().is_some_and(|filter| {
            !header
                .url
                .as_deref()
                .is_some_and(|url| filter.is_match(url))
        });
        // The block's first bytes (a response's HTTP head) are read first:
        // they decide whether the rest is kept.
        let start_bytes =
            if payload.is_some() && !header.truncated && !header.segmented && !filtered {
                read_exactly(source, length.min(HTTP_HEAD_BYTES as u64))?
            } else {
                Vec::new()
            };
        let rest = length - start_bytes.len() as u64;
        let unwanted = match payload {
            None => Some(&mut self.counts.other_records),
            Some(_) if header.truncated || header.segmented => Some(&mut self.counts.truncated),
            Some(_) if filtered => Some(&mut self.counts.filtered),
            Some(Payload::Http) => {
                match judge_response(&start_bytes, header.identified_type.as_deref()) {
                    Verdict::Document => None,
                    Verdict::NotOk => Some(&mut self.counts.not_ok),
                    Verdict::NotDocument => Some(&mut self.counts.not_documents),
                }
            }
            Some(_) => None,
        };
        if let Some(count) = unwanted {
            *count += 1;
            skip(source, rest)?;
            end_of_record(source, &mut self.offset, start + length)?;
            return Ok(None);
        }
        let too_large = length > self.max_block_bytes;
        let block = if too_large {
            skip(source, rest)?;
            Vec::new()
        } else {
            let mut block = start_bytes;
            block.extend(read_exactly(source, rest)?);
            block
        };
        end_of_record(source, &mut self.offset, start + length)?;
        // A gzip member's checksum is known only at its end: read on to it
        // (when it is near), so that a damaged record is never given out.
        source.get_mut().verify_member(MEMBER_END_REACH)?;
        let path = match &header.id {
            Some(id) => format!("{}#{id}", self.file),
            None => format!("{}#@{start}", self.file),
        };
        Ok(Some(WebDocument {
            path,
            url: header.url,
            fetched: header.date,
            languages: header.languages,
            payload: payload.unwrap_or(Payload::Resource),
            block,
            too_large,
        }))
    }
}

impl<R: BufRead + Seek> Iterator for WarcReader<R> {
    type Item = WebDocument;

    fn next(&mut self) -> Option<WebDocument> {
        self.next_document()
    }
}

/// Reads the version line and named fields of the next record; gives the
/// header and the stream offset where its block starts.
fn read_record(source: &mut impl BufRead, offset: &mut u64) -> Result<(Header, u64), Stop> {
    // Blank lines between records are tolerated.
    let version = loop {
        let line = read_line(source, offset)?;
        match line {
            None => return Err(Stop::End),
            Some(line) if line.iter().all(u8::is_ascii_whitespace) => continue,
            Some(line) => break line,
        }
    };
    if !version.starts_with(b"WARC/1.") {
        return Err(Stop::Junk);
    }
    let mut header = Header::default();
    let mut taken = 0u64;
    let mut last_name = String::new();
    loop {
        let line = read_line(source, offset)?.ok_or(Stop::CutShort)?;
        taken += line.len() as u64;
        if taken > MAX_HEADER_BYTES {
            return Err(Stop::Junk);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            // A folded line continues the field before it.
            let continued = format!(" {}", line.trim());
            field(&mut header, &last_name, &continued, true);
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            last_name = name.trim().to_ascii_lowercase();
            field(&mut header, &last_name, value.trim(), false);
        }
    }
    if header.length.is_none() {
        return Err(Stop::Junk);
    }
    Ok((header, *offset))
}

/// Stores one named field (or a folded continuation of it).
fn field(header: &mut Header, name: &str, value: &str, continued: bool) {
    let bare = |v: &str| {
        v.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string()
    };
    let set = |slot: &mut Option<String>| match slot {
        Some(old) if continued => old.push_str(value),
        _ => *slot = Some(bare(value)),
    };
    match name {
        "warc-type" => header.kind = value.trim().to_ascii_lowercase(),
        "warc-record-id" => set(&mut header.id),
        "warc-date" => set(&mut header.date),
        "warc-target-uri" => set(&mut header.url),
        "content-length" => header.length = value.trim().parse().ok(),
        "warc-truncated" => header.truncated = true,
        "warc-segment-number" => header.segmented = true,
        "warc-identified-payload-type" => set(&mut header.identified_type),
        "warc-identified-content-language" => set(&mut header.languages),
        _ => {}
    }
}

/// One line (with its line break), at most [`MAX_HEADER_BYTES`] long;
/// `None` at the end of the stream.
fn read_line(source: &mut impl BufRead, offset: &mut u64) -> Result<Option<Vec<u8>>, Stop> {
    let mut line = Vec::new();
    let read = source
        .by_ref()
        .take(MAX_HEADER_BYTES + 1)
        .read_until(b'\n', &mut line)?;
    *offset += read as u64;
    if read as u64 > MAX_HEADER_BYTES {
        return Err(Stop::Junk);
    }
    Ok((read > 0).then_some(line))
}

/// What a response's HTTP head says of it.
enum Verdict {
    Document,
    NotOk,
    NotDocument,
}

/// Judges a response from the first bytes of its block (its HTTP head).
fn judge_response(start: &[u8], identified_type: Option<&str>) -> Verdict {
    let Some((http, _)) = http::parse_head(start) else {
        return Verdict::NotOk;
    };
    if http.status != 200 {
        return Verdict::NotOk;
    }
    // Common Crawl's own identification of the payload beats the header.
    let media_type = identified_type
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .or_else(|| http.media_type());
    if is_document_type(media_type.as_deref()) {
        Verdict::Document
    } else {
        Verdict::NotDocument
    }
}

/// Media types that hold documents; a missing or generic type is left to
/// detection by content.
fn is_document_type(media_type: Option<&str>) -> bool {
    let Some(media_type) = media_type else {
        return true;
    };
    let document = [
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/pdf",
        "application/msword",
        "application/rtf",
        "text/rtf",
        "application/vnd.ms-excel",
        "application/octet-stream",
        "application/x-download",
        "application/force-download",
        "",
    ];
    document.contains(&media_type)
        || media_type.starts_with("application/vnd.openxmlformats-officedocument.")
        || media_type.starts_with("application/vnd.oasis.opendocument.")
}

/// Reads `length` bytes of block; the end of the stream before them is a
/// record cut short.
fn read_exactly(source: &mut impl BufRead, length: u64) -> Result<Vec<u8>, Stop> {
    let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
    let read = source.by_ref().take(length).read_to_end(&mut block)?;
    if (read as u64) < length {
        return Err(Stop::CutShort);
    }
    Ok(block)
}

/// Reads past `length` bytes of block, keeping nothing.
fn skip(source: &mut impl BufRead, length: u64) -> Result<(), Stop> {
    let skipped = io::copy(&mut source.by_ref().take(length), &mut io::sink())?;
    if skipped < length {
        return Err(Stop::CutShort);
    }
    Ok(())
}

/// Passes the CR LF CR LF that ends a record (leniently: up to four line
/// break bytes) and sets `offset` past the record.
fn end_of_record(source: &mut impl BufRead, offset: &mut u64, block_end: u64) -> Result<(), Stop> {
    *offset = block_end;
    let mut taken = 0;
    while taken < 4 {
        let buf = source.fill_buf()?;
        match buf.first() {
            Some(b'\r' | b'\n') => {
                source.consume(1);
                *offset += 1;
                taken += 1;
            }
            _ => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::{Cursor, Write};

    /// A WARC record of `kind` with `fields` and `block`.
    fn record(kind: &str, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
        for (name, value) in fields {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        [out.as_bytes(), block, b"\r\n\r\n"].concat()
    }

    fn response(id: &str, status: &str, media_type: &str, body: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\n\r\n{body}");
        record(
            "response",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
                ("WARC-Target-URI", &format!("https://soyte.example.vn/{id}")),
                ("WARC-Date", "2024-05-18T01:58:10Z"),
            ],
            http.as_bytes(),
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// A small crawl: warcinfo, a request, a page, a 404, an image, a
    /// truncated page, a WET conversion.
    fn crawl() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", &[], b"software: test\r\n"),
            record("request", &[], b"GET / HTTP/1.1\r\n\r\n"),
            response("a", "200 OK", "text/html; charset=utf-8", "<p>Kế hoạch</p>"),
            response("b", "404 Not Found", "text/html", "<p>missing</p>"),
            response("c", "200 OK", "image/png", "PNG"),
            record(
                "response",
                &[("WARC-Truncated", "length")],
                b"HTTP/1.1 200 OK\r\n\r\n<p>cut",
            ),
            record(
                "conversion",
                &[
                    ("WARC-Record-ID", "<urn:uuid:d>"),
                    ("WARC-Identified-Content-Language", "vie"),
                ],
                "Kế hoạch truyền thông".as_bytes(),
            ),
        ]
    }

    fn read(bytes: Vec<u8>) -> (Vec<WebDocument>, Counts) {
        let mut reader =
            WarcReader::new(Cursor::new(bytes), "crawl.warc.gz", 1 << 20, None).expect("opens");
        let documents: Vec<WebDocument> = reader.by_ref().collect();
        (documents, reader.counts)
    }

    fn expected_counts() -> Counts {
        Counts {
            records: 7,
            documents: 2,
            other_records: 2,
            not_documents: 1,
            not_ok: 1,
            truncated: 1,
            ..Counts::default()
        }
    }

    #[test]
    fn plain_and_gzipped_crawls_give_the_same_documents() {
        let plain = crawl().concat();
        let per_record: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
        let whole = gzip(&plain);
        for bytes in [plain, per_record, whole] {
            assert!(is_warc(&bytes));
            let (documents, counts) = read(bytes);
            assert_eq!(counts, expected_counts());
            let paths: Vec<&str> = documents.iter().map(|d| d.path.as_str()).collect();
            assert_eq!(
                paths,
                ["crawl.warc.gz#urn:uuid:a", "crawl.warc.gz#urn:uuid:d"]
            );
            assert_eq!(documents[0].payload, Payload::Http);
            assert_eq!(
                documents[0].url.as_deref(),
                Some("https://soyte.example.vn/a")
            );
            assert_eq!(
                documents[0].fetched.as_deref(),
                Some("2024-05-18T01:58:10Z")
            );
            assert!(documents[0].block.ends_with("<p>Kế hoạch</p>".as_bytes()));
            assert_eq!(documents[1].payload, Payload::Text);
            assert_eq!(documents[1].languages.as_deref(), Some("vie"));
        }
    }

    #[test]
    fn a_corrupt_member_is_skipped_and_counted() {
        let mut members: Vec<Vec<u8>> = crawl().iter().map(|r| gzip(r)).collect();
        // Damage the deflate data of the page "a" (the third member).
        let middle = members[2].len() / 2;
        members[2][middle] ^= 0xff;
        members[2][middle + 1] ^= 0xff;
        let (documents, counts) = read(members.concat());
        assert_eq!(counts.damaged, 1);
        assert!(counts.first_damage_at.is_some());
        let paths: Vec<&str> = documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["crawl.warc.gz#urn:uuid:d"]);
    }

    #[test]
    fn junk_between_records_and_a_cut_file() {
        let records = crawl();
        let mut bytes = records[..3].concat();
        bytes.extend(b"garbage that is not a record\r\n");
        bytes.extend(records[6].clone());
        let (documents, counts) = read(bytes);
        assert_eq!(documents.len(), 2);
        assert_eq!(counts.damaged, 1);
        // A file that ends inside a block: the record is counted, not kept.
        let mut cut = records[..3].concat();
        cut.truncate(cut.len() - 10);
        let (documents, counts) = read(cut);
        assert!(documents.is_empty());
        assert_eq!(counts.truncated, 1);
    }

    #[test]
    fn limits_hold_and_filters_apply() {
        let big = response("big", "200 OK", "text/html", &"x".repeat(5000));
        let mut reader =
            WarcReader::new(Cursor::new(big.clone()), "f.warc", 1000, None).expect("opens");
        let document = reader.next().unwrap();
        assert!(document.too_large && document.block.is_empty());
        let filter = Regex::new("example\\.org").unwrap();
        let mut reader =
            WarcReader::new(Cursor::new(big), "f.warc", 1 << 20, Some(filter)).expect("opens");
        assert!(reader.next().is_none());
        assert_eq!(reader.counts.filtered, 1);
        // A header that never ends is damage, not a reason to fill memory.
        let endless = [b"WARC/1.1\r\n".as_slice(), &vec![b'x'; 200_000]].concat();
        let (documents, counts) = read(endless);
        assert!(documents.is_empty());
        assert_eq!(counts.damaged, 1);
        assert!(!is_warc(b"%PDF-1.7") && !is_warc(&gzip(b"<html>")));
    }
}
