//! The HTTP/1.x response inside a WARC `response` record: its status line
//! and headers, and its body with the transfer and content codings undone.
//!
//! Real crawls hold servers' every quirk, and crawlers that rewrote what
//! they stored, so everything here is lenient: bare LF line ends, missing
//! reasons, headers that claim a compression the stored bytes do not have.
//! What stays strict is memory: a body never decodes to more than the
//! caller's limit.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// How far into a block the end of the HTTP head is looked for: 64 KiB,
/// far more than any server sends, so a block that is no response is
/// given up early.
const MAX_HEAD_BYTES: usize = 64 << 10;

/// The most header lines one head keeps: 256; later ones are read past
/// (to find the body) but dropped, so a hostile head stays small.
const MAX_HEADERS: usize = 256;

/// The brotli decoder's input buffer size.
const BROTLI_BUFFER_BYTES: usize = 4096;

/// The status and headers of an HTTP response, in the order sent.
#[derive(Debug)]
pub(crate) struct HttpHead {
    /// The three-digit status code.
    pub(crate) status: u16,
    /// Names as sent (compare them case-insensitively), values trimmed and
    /// unfolded; at most [`MAX_HEADERS`].
    pub(crate) headers: Vec<(String, String)>,
}

/// Why a body could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The body, or one of its decodings, holds more than the limit.
    TooLarge,
    /// A coding that cannot be undone, named in the message.
    Undecodable(String),
}

/// The head at the start of `block` and the offset where the body starts;
/// `None` when `block` does not start with an HTTP status line or its
/// head does not end (an empty line) within [`MAX_HEAD_BYTES`].
pub(crate) fn parse_head(block: &[u8]) -> Option<(HttpHead, usize)> {
    let window = &block[..block.len().min(MAX_HEAD_BYTES)];
    let (status_line, mut pos) = next_line(window, 0)?;
    let status = parse_status_line(status_line)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    // Whether the last line was a kept header, which a folded line continues.
    let mut folding = false;
    loop {
        let (line, next) = next_line(window, pos)?;
        pos = next;
        match line.first() {
            None => return Some((HttpHead { status, headers }, pos)),
            Some(b' ' | b'\t') => {
                if let Some((_, value)) = headers.last_mut().filter(|_| folding) {
                    unfold(value, &lossy_trimmed(line));
                }
            }
            Some(_) => folding = push_header(&mut headers, line),
        }
    }
}

/// The line starting at `pos` without its LF or CRLF, and where the next
/// one starts; `None` when no line end follows `pos`.
fn next_line(bytes: &[u8], pos: usize) -> Option<(&[u8], usize)> {
    let rest = bytes.get(pos..)?;
    let end = memchr::memchr(b'\n', rest)?;
    let line = &rest[..end];
    Some((line.strip_suffix(b"\r").unwrap_or(line), pos + end + 1))
}

/// The status code of `HTTP/<digits>[.<digits>] <3 digits>[ reason]`.
fn parse_status_line(line: &[u8]) -> Option<u16> {
    let (protocol, rest) = line.split_at_checked(5)?;
    if !protocol.eq_ignore_ascii_case(b"HTTP/") {
        return None;
    }
    let rest = skip_digits(rest)?;
    let rest = match rest.strip_prefix(b".") {
        Some(minor) => skip_digits(minor)?,
        None => rest,
    };
    let code = rest.trim_ascii_start();
    let (digits, reason) = code.split_at_checked(3)?;
    let separated = code.len() < rest.len();
    let reason_ok = reason.first().is_none_or(|b| matches!(b, b' ' | b'\t'));
    if !separated || !reason_ok || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// `bytes` after its leading ASCII digits; `None` when there are none.
fn skip_digits(bytes: &[u8]) -> Option<&[u8]> {
    let count = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (count > 0).then(|| &bytes[count..])
}

/// Adds the `name: value` header of `line` unless it has no colon or no
/// name, or the head is full; says whether it was added.
fn push_header(headers: &mut Vec<(String, String)>, line: &[u8]) -> bool {
    let Some(colon) = memchr::memchr(b':', line) else {
        return false;
    };
    let name = lossy_trimmed(&line[..colon]);
    if name.is_empty() || headers.len() >= MAX_HEADERS {
        return false;
    }
    headers.push((name, lossy_trimmed(&line[colon + 1..])));
    true
}

/// `bytes` without surrounding ASCII whitespace, as lossy UTF-8.
fn lossy_trimmed(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.trim_ascii()).into_owned()
}

/// Appends the continuation `more` to `value`, one space between.
fn unfold(value: &mut String, more: &str) {
    if !value.is_empty() && !more.is_empty() {
        value.push(' ');
    }
    value.push_str(more);
}

impl HttpHead {
    /// The value of header `name` (any case); the last one when repeated.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let mut matching = self.headers.iter().rev();
        let (_, value) = matching.find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(value)
    }

    /// The Content-Type without parameters, lower-cased; `None` when absent
    /// or empty.
    pub(crate) fn media_type(&self) -> Option<String> {
        let content_type = self.header("content-type")?;
        let media_type = content_type.split(';').next()?.trim();
        (!media_type.is_empty()).then(|| media_type.to_ascii_lowercase())
    }

    /// The Content-Type's `charset` parameter, unquoted and lower-cased;
    /// `None` when absent or empty.
    pub(crate) fn charset(&self) -> Option<String> {
        let content_type = self.header("content-type")?;
        content_type.split(';').skip(1).find_map(|parameter| {
            let (key, value) = parameter.split_once('=')?;
            let value = value.trim().trim_matches(['"', '\'']).trim();
            let found = key.trim().eq_ignore_ascii_case("charset") && !value.is_empty();
            found.then(|| value.to_ascii_lowercase())
        })
    }

    /// Whether the Transfer-Encoding lists `chunked`.
    fn is_chunked(&self) -> bool {
        let codings = self.header("transfer-encoding").unwrap_or_default();
        codings
            .split(',')
            .any(|c| c.trim().eq_ignore_ascii_case("chunked"))
    }

    /// The Content-Encoding's codings in the order the server applied
    /// them, lower-cased, `identity` and empty entries left out.
    fn content_codings(&self) -> Vec<String> {
        let codings = self.header("content-encoding").unwrap_or_default();
        let codings = codings.split(',').map(|c| c.trim().to_ascii_lowercase());
        codings
            .filter(|c| !c.is_empty() && c != "identity")
            .collect()
    }
}

/// The payload of the response with head `head` and raw body `body`:
/// de-chunked, then its content codings undone, never more than
/// `max_bytes` at any step. Only the real header names count: Common
/// Crawl's `X-Crawler-*` copies describe what it already undid.
pub(crate) fn decode_body(
    head: &HttpHead,
    body: &[u8],
    max_bytes: u64,
) -> Result<Vec<u8>, BodyError> {
    let dechunked = head.is_chunked().then(|| dechunk(body, max_bytes));
    let dechunked = dechunked.transpose()?.flatten();
    let mut bytes = dechunked.map_or(Cow::Borrowed(body), Cow::Owned);
    if bytes.len() as u64 > max_bytes {
        return Err(BodyError::TooLarge);
    }
    for coding in head.content_codings().iter().rev() {
        if let Some(decoded) = decode_coding(coding, &bytes, max_bytes)? {
            bytes = Cow::Owned(decoded);
        }
    }
    Ok(bytes.into_owned())
}

/// The data of the chunked `body`, up to its 0-size chunk or, when
/// truncated, as far as it goes; `None` when its first line is no chunk
/// size, as crawlers that stored the body de-chunked left the header.
fn dechunk(body: &[u8], max_bytes: u64) -> Result<Option<Vec<u8>>, BodyError> {
    let mut data = Vec::new();
    let mut rest = body;
    while let Some((size, after)) = chunk_size(rest) {
        if size == 0 {
            return Ok(Some(data));
        }
        let chunk = &after[..size.min(after.len())];
        if (data.len() + chunk.len()) as u64 > max_bytes {
            return Err(BodyError::TooLarge);
        }
        data.extend_from_slice(chunk);
        let after = &after[chunk.len()..];
        rest = after
            .strip_prefix(b"\r\n")
            .or_else(|| after.strip_prefix(b"\n"))
            .unwrap_or(after);
    }
    Ok((rest.len() < body.len()).then_some(data))
}

/// The size on the chunk-size line that starts `bytes` (hex, then maybe
/// `;extension`) and what follows the line.
fn chunk_size(bytes: &[u8]) -> Option<(usize, &[u8])> {
    let (line, next) = next_line(bytes, 0)?;
    let hex = line.split(|&b| b == b';').next()?.trim_ascii();
    // from_str_radix would also take a sign.
    if hex.is_empty() || !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let size = usize::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
    Some((size, &bytes[next..]))
}

/// `input` with content coding `coding` undone; `None` when it does not
/// decode at all, so `input` is used as it is.
fn decode_coding(coding: &str, input: &[u8], max_bytes: u64) -> Result<Option<Vec<u8>>, BodyError> {
    match coding {
        "gzip" | "x-gzip" => read_bounded(MultiGzDecoder::new(input), max_bytes),
        // "deflate" means zlib, but some servers send raw deflate.
        "deflate" => match read_bounded(ZlibDecoder::new(input), max_bytes)? {
            None => read_bounded(DeflateDecoder::new(input), max_bytes),
            decoded => Ok(decoded),
        },
        "br" => read_bounded(
            brotli_decompressor::Decompressor::new(input, BROTLI_BUFFER_BYTES),
            max_bytes,
        ),
        other => Err(BodyError::Undecodable(format!("content encoding {other}"))),
    }
}

/// What `decoder` yields, reading at most one byte past `max_bytes`.
/// `None` when it fails before yielding anything: the header lied and the
/// bytes were never compressed. A failure midway (a truncated record)
/// keeps what came before it.
fn read_bounded(decoder: impl Read, max_bytes: u64) -> Result<Option<Vec<u8>>, BodyError> {
    let mut decoded = Vec::new();
    let result = decoder
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut decoded);
    if decoded.len() as u64 > max_bytes {
        return Err(BodyError::TooLarge);
    }
    Ok((result.is_ok() || !decoded.is_empty()).then_some(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::read::{DeflateEncoder, GzEncoder, ZlibEncoder};

    const MAX: u64 = 1 << 20;

    /// The head of `text`, which must parse.
    fn head(text: &str) -> HttpHead {
        parse_head(text.as_bytes()).expect("a head").0
    }

    /// Everything `encoder` gives.
    fn encoded(mut encoder: impl Read) -> Vec<u8> {
        let mut bytes = Vec::new();
        encoder.read_to_end(&mut bytes).unwrap();
        bytes
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        encoded(GzEncoder::new(data, Compression::fast()))
    }

    /// `body` decoded under a head with `headers` (CRLF-terminated lines).
    fn decode(headers: &str, body: &[u8]) -> Result<Vec<u8>, BodyError> {
        let head = head(&format!("HTTP/1.1 200 OK\r\n{headers}\r\n"));
        decode_body(&head, body, MAX)
    }

    /// `body` decoded under a head with Content-Encoding `coding`.
    fn decode_coded(coding: &str, body: &[u8]) -> Result<Vec<u8>, BodyError> {
        decode(&format!("Content-Encoding: {coding}\r\n"), body)
    }

    #[test]
    fn reads_crlf_and_lf_heads() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nbody";
        let (head, start) = parse_head(block).unwrap();
        assert_eq!((head.status, &block[start..]), (404, &b"body"[..]));
        assert_eq!(head.header("CONTENT-TYPE"), Some("text/html"));
        let block = b"HTTP/1.0 301 Moved\nLocation:  /x \nbroken line\n\nbody";
        let (head, start) = parse_head(block).unwrap();
        assert_eq!((head.status, &block[start..]), (301, &b"body"[..]));
        assert_eq!(head.headers, [("Location".to_string(), "/x".to_string())]);
    }

    #[test]
    fn unfolds_folded_headers() {
        let parsed = head("HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\n\tthree\r\n\r\n");
        assert_eq!(parsed.header("x-long"), Some("one two three"));
    }

    #[test]
    fn the_last_repeated_header_wins() {
        let parsed = head(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\
             Content-Type: Text/HTML ; Charset=\"UTF-8\"\r\n\r\n",
        );
        assert_eq!(parsed.media_type().as_deref(), Some("text/html"));
        assert_eq!(parsed.charset().as_deref(), Some("utf-8"));
        assert_eq!(head("HTTP/1.1 200 OK\r\n\r\n").charset(), None);
    }

    #[test]
    fn accepts_http2_and_no_reason() {
        assert_eq!(head("HTTP/2 200\r\n\r\n").status, 200);
        assert_eq!(head("HTTP/1.1   204  \r\n\r\n").status, 204);
    }

    #[test]
    fn refuses_what_is_no_response_head() {
        for block in [
            &b"<html>\r\n\r\n"[..],
            b"HTTP/1.1 20\r\n\r\n",
            b"HTTP/1.1 2000\r\n\r\n",
            b"HTTP/x 200\r\n\r\n",
            b"HTTP/1.1200\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nA: b\r\n",
        ] {
            assert!(parse_head(block).is_none(), "{block:?}");
        }
        let mut late = b"HTTP/1.1 200 OK\r\n".to_vec();
        late.resize(MAX_HEAD_BYTES, b'a');
        late.extend_from_slice(b"\r\n\r\n");
        assert!(parse_head(&late).is_none());
    }

    #[test]
    fn dechunks_with_extensions_and_truncation() {
        let te = "Transfer-Encoding: chunked\r\n";
        let body = b"5;name=x\r\nhello\r\n7\n, world\n0\r\nTrailer: x\r\n\r\n";
        assert_eq!(decode(te, body).unwrap(), b"hello, world");
        let truncated = b"5\r\nhello\r\n9\r\n, wo";
        assert_eq!(decode(te, truncated).unwrap(), b"hello, wo");
        assert_eq!(decode(te, b"<html>\r\n").unwrap(), b"<html>\r\n");
        assert_eq!(decode(te, b"+5\r\nhello").unwrap(), b"+5\r\nhello");
    }

    #[test]
    fn decodes_gzip_deflate_and_brotli() {
        let text = b"Ke hoach truyen thong dan so nam 2024";
        assert_eq!(decode_coded("x-gzip", &gzip(text)).unwrap(), text);
        let zlib = encoded(ZlibEncoder::new(&text[..], Compression::fast()));
        assert_eq!(decode_coded("deflate", &zlib).unwrap(), text);
        let raw = encoded(DeflateEncoder::new(&text[..], Compression::fast()));
        assert_eq!(decode_coded("deflate", &raw).unwrap(), text);
        // WBITS 16, a 5-byte uncompressed meta-block, then an empty last one.
        let brotli = b"\x40\x00\x10hello\x03";
        assert_eq!(decode_coded("br", brotli).unwrap(), b"hello");
    }

    #[test]
    fn undoes_chunks_then_codings_in_reverse() {
        let inner = gzip(b"inside");
        let outer = gzip(&inner);
        let mut body = format!("{:x}\r\n", outer.len()).into_bytes();
        body.extend_from_slice(&outer);
        body.extend_from_slice(b"\r\n0\r\n\r\n");
        let headers = "Transfer-Encoding: chunked\r\nContent-Encoding: gzip, identity, gzip\r\n";
        assert_eq!(decode(headers, &body).unwrap(), b"inside");
    }

    #[test]
    fn keeps_bytes_a_header_lies_about() {
        let plain = b"<html><body>already decoded</body></html>";
        for coding in ["gzip", "deflate", "br"] {
            assert_eq!(decode_coded(coding, plain).unwrap(), plain, "{coding}");
        }
    }

    #[test]
    fn keeps_what_a_truncated_stream_gave() {
        let text: Vec<u8> = (0..20_000u32)
            .flat_map(|i| i.to_string().into_bytes())
            .collect();
        let compressed = gzip(&text);
        let decoded = decode_coded("gzip", &compressed[..compressed.len() / 2]).unwrap();
        assert!(!decoded.is_empty() && text.starts_with(&decoded));
    }

    #[test]
    fn refuses_unknown_codings() {
        let error = BodyError::Undecodable("content encoding zstd".into());
        assert_eq!(decode_coded("zstd", b"\x28\xb5\x2f\xfd"), Err(error));
    }

    #[test]
    fn stops_a_decompression_bomb_and_a_large_body() {
        let bomb = gzip(&vec![0; 10 << 20]);
        assert_eq!(decode_coded("gzip", &bomb), Err(BodyError::TooLarge));
        let plain = head("HTTP/1.1 200 OK\r\n\r\n");
        assert_eq!(decode_body(&plain, b"12345", 4), Err(BodyError::TooLarge));
        let chunked = head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        let body = b"3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n";
        assert_eq!(decode_body(&chunked, body, 5), Err(BodyError::TooLarge));
    }

    #[test]
    fn ignores_common_crawls_renamed_headers() {
        let headers = "X-Crawler-Transfer-Encoding: chunked\r\n\
                       X-Crawler-Content-Encoding: gzip\r\n";
        assert_eq!(decode(headers, b"5\r\nplain").unwrap(), b"5\r\nplain");
    }
}
