//! Which encoding a page is in: its own declaration, checked against its bytes.

use crate::encoding::{self, Decoded, ForcedEncoding};
use crate::model::Extraction;
use encoding_rs::{Encoding, GB18030, GBK};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How far into the page a declaration is looked for. The HTML standard's
/// prescan stops at 1024 bytes, but real pages declare their charset later,
/// behind long comments and scripts (Xinhua 2012: after byte 1024).
const PRESCAN_BYTES: usize = 8192;

/// `<meta charset=…>`, `<meta http-equiv=… content="…; charset=…">` and
/// `<?xml … encoding=…?>`. ASCII-only matching (`-u`), so bytes of a legacy
/// encoding inside the tag do not stop the match.
static DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)|<\?xml\s[^>]*?encoding\s*=\s*["']([a-z0-9_.:\-]+)"#,
    )
    .expect("valid regex")
});

/// Decodes the page and records how: `encoding`, `encoding_source` and, when
/// the page declares one, `declared_encoding` (the label as written) go into
/// `out.meta`; a wrong or unknown declaration and undecodable bytes are
/// warnings. An encoding the user `forced` is used as is; the declaration
/// is still recorded.
pub(super) fn decode(bytes: &[u8], forced: Option<ForcedEncoding>, out: &mut Extraction) -> String {
    let label = declared_label(bytes);
    let declared = label.as_deref().and_then(resolve);
    let decoded = match forced {
        Some(forced) => encoding::decode_forced(bytes, forced),
        None => encoding::decode(bytes, declared),
    };
    decoded.record_in(out);
    if let Some(label) = &label {
        out.meta.insert("declared_encoding".into(), label.clone());
        if let Some(warning) = check_declaration(label, declared, &decoded) {
            out.warnings.push(warning);
        }
    }
    decoded.text
}

/// The charset label the page declares near its start, as written.
fn declared_label(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let captures = DECLARATION.captures(head)?;
    let label = captures.get(1).or_else(|| captures.get(2))?;
    Some(String::from_utf8_lossy(label.as_bytes()).into_owned())
}

/// The encoding a label names. A page that declares UTF-16 in ASCII bytes
/// cannot be UTF-16, so, as in browsers, the declaration means UTF-8.
fn resolve(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.as_bytes()).map(Encoding::output_encoding)
}

/// A warning when the declaration names no known encoding or one the bytes
/// are not in. Pure ASCII is valid in every declared charset, so it never
/// contradicts one.
fn check_declaration(
    label: &str,
    declared: Option<&'static Encoding>,
    decoded: &Decoded,
) -> Option<String> {
    let Some(declared) = declared else {
        return Some(format!("page declares an unknown charset {label:?}"));
    };
    // GB2312 and GBK pages are decoded as GB18030, their superset.
    let widened = if declared == GBK { GB18030 } else { declared };
    if widened.name() == decoded.encoding || decoded.text.is_ascii() {
        return None;
    }
    Some(format!(
        "page declares charset {label} but its bytes are {}",
        decoded.encoding
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_form_of_declaration() {
        let cases: [(&[u8], &str); 4] = [
            (b"<META CHARSET=GB2312>", "GB2312"),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">",
                "gbk",
            ),
            (
                b"<meta content='text/html;charset = big5' http-equiv=content-type>",
                "big5",
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"windows-1258\"?>",
                "windows-1258",
            ),
        ];
        for (page, label) in cases {
            assert_eq!(declared_label(page).as_deref(), Some(label));
        }
        assert_eq!(declared_label(b"<p>charset=utf-8</p>"), None);
    }

    #[test]
    fn legacy_bytes_inside_the_tag_do_not_hide_the_charset() {
        let page = b"<meta name=\"keywords\" content=\"\xbc\xc6\xbb\xae\xc9\xfa\xd3\xfd\"><meta charset=gb2312>";
        assert_eq!(declared_label(page).as_deref(), Some("gb2312"));
    }

    #[test]
    fn utf16_declaration_means_utf8() {
        assert_eq!(resolve("utf-16"), Some(encoding_rs::UTF_8));
        assert_eq!(resolve("gb2312"), Some(GBK));
        assert_eq!(resolve("no-such-charset"), None);
    }

    #[test]
    fn wrong_and_unknown_declarations_are_warnings() {
        let mut out = Extraction::default();
        let text = decode("<meta charset=big5><p>免疫</p>".as_bytes(), None, &mut out);
        assert_eq!(text, "<meta charset=big5><p>免疫</p>");
        assert_eq!(out.meta["declared_encoding"], "big5");
        assert_eq!(out.meta["encoding"], "UTF-8");
        assert_eq!(
            out.warnings,
            ["page declares charset big5 but its bytes are UTF-8"]
        );

        let mut out = Extraction::default();
        decode(b"<meta charset=klingon><p>x</p>", None, &mut out);
        assert_eq!(
            out.warnings,
            ["page declares an unknown charset \"klingon\""]
        );

        let mut out = Extraction::default();
        decode(b"<meta charset=gb2312><p>ascii only</p>", None, &mut out);
        assert!(out.warnings.is_empty());
    }
}
