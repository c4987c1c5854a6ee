//! Turning bytes of unknown encoding into text.
//!
//! Order of evidence: a byte-order mark, then valid UTF-8, then a declaration
//! supplied by the caller (an HTML `<meta>`), then statistical detection
//! (chardetng). GB2312 and GBK are always decoded as GB18030, their superset,
//! so that a page that declares the narrower set loses no characters.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes, with how its encoding was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used, e.g. `UTF-8`, `gb18030`, `windows-1258`.
    pub encoding: &'static str,
    /// How the encoding was chosen: `bom`, `utf8`, `declared` or `detected`.
    pub source: &'static str,
    /// Set when bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`, trusting `declared` only when the bytes are not valid
/// UTF-8 and decode under it without errors.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..], "bom");
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, bytes, "utf8");
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return finish(encoding, bytes, "detected");
    }
    if let Some(declared) = declared.map(widen).filter(|&e| e != UTF_8) {
        let decoded = finish(declared, bytes, "declared");
        if !decoded.had_errors {
            return decoded;
        }
    }
    finish(detect(bytes), bytes, "detected")
}

/// Guesses the encoding of non-UTF-8 bytes with chardetng.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    widen(detector.guess(None, chardetng::Utf8Detection::Deny))
}

/// Maps an encoding to the superset we decode it with (GBK → GB18030).
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK { GB18030 } else { encoding }
}

/// Recognises BOM-less UTF-16 by its zero bytes: ASCII-heavy UTF-16 text has
/// a zero in nearly every other byte, always on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zeros_odd * 10 >= pairs * 4 && zeros_even * 20 < pairs {
        Some(UTF_16LE)
    } else if zeros_even * 10 >= pairs * 4 && zeros_odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn finish(encoding: &'static Encoding, bytes: &[u8], source: &'static str) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        source,
        had_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_wins_over_a_wrong_declaration() {
        let decoded = decode("Kế hoạch hóa gia đình".as_bytes(), Some(GBK));
        assert_eq!(decoded.text, "Kế hoạch hóa gia đình");
        assert_eq!(decoded.source, "utf8");
    }

    #[test]
    fn gb2312_declaration_decodes_as_gb18030() {
        // 计划生育 in GBK, then U+20000 (four bytes, outside GBK) in GB18030.
        let (bytes, _, _) = GB18030.encode("计划生育𠀀");
        let gb2312 = Encoding::for_label(b"gb2312").unwrap();
        let decoded = decode(&bytes, Some(gb2312));
        assert_eq!(decoded.text, "计划生育𠀀");
        assert_eq!(decoded.encoding, "gb18030");
        assert!(!decoded.had_errors);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Dân số và phát triển".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&le, None).text, "Dân số và phát triển");
        assert_eq!(decode(&le[2..], None).text, "Dân số và phát triển");
    }

    #[test]
    fn detects_gbk_without_declaration() {
        let text = "为贯彻落实计划生育基本国策，做好人口和计划生育工作，制定本方案。";
        let (bytes, _, _) = GBK.encode(text);
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.source, "detected");
    }

    /// Encodes as Vietnamese Windows software does: letters with a vowel
    /// modifier precomposed (ê, ơ…), tone marks as combining characters.
    fn to_windows_1258(text: &str) -> Vec<u8> {
        use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
        let tone = |c: char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
        let mut split = String::new();
        for c in text.chars() {
            let nfd = DecomposingNormalizerBorrowed::new_nfd().normalize(c.encode_utf8(&mut [0; 4])).into_owned();
            let base: String = nfd.chars().filter(|&c| !tone(c)).collect();
            split.push_str(&ComposingNormalizerBorrowed::new_nfc().normalize(&base));
            split.extend(nfd.chars().filter(|&c| tone(c)));
        }
        let cp1258 = Encoding::for_label(b"windows-1258").unwrap();
        let (bytes, _, unmappable) = cp1258.encode(&split);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn detects_windows_1258() {
        let text = "Kế hoạch truyền thông dân số năm 2024 của tỉnh, nhằm nâng cao chất lượng dân số và sức khỏe sinh sản.";
        let decoded = decode(&to_windows_1258(text), None);
        assert_eq!(decoded.encoding, "windows-1258");
        let composed = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&decoded.text);
        assert_eq!(composed, text);
    }
}
