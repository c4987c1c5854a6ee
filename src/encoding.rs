//! Turning bytes of unknown encoding into text.
//!
//! Order of evidence: a byte-order mark, then valid UTF-8, then a declaration
//! supplied by the caller (an HTML `<meta>`), then statistical detection
//! (chardetng). GB2312 and GBK are always decoded as GB18030, their superset,
//! so that a page that declares the narrower set loses no characters. The
//! user can skip all of it by naming the encoding ([`ForcedEncoding`],
//! `--encoding`).

use crate::legacy::{self, LegacyEncoding};
use crate::model::Extraction;
use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use icu_normalizer::ComposingNormalizerBorrowed;
use std::sync::LazyLock;

/// Text decoded from bytes, with how its encoding was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used, e.g. `UTF-8`, `gb18030`,
    /// `windows-1258`, or a Vietnamese legacy one: `VISCII`, `VPS`, `TCVN3`,
    /// `VNI`.
    pub encoding: &'static str,
    /// How the encoding was chosen: `bom`, `utf8`, `declared`, `detected` or
    /// `forced`.
    pub source: &'static str,
    /// Set when bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// An encoding named by the user, which overrides every other evidence:
/// a WHATWG label (`utf-8`, `gbk`, `big5`, `windows-1258`…) or a Vietnamese
/// legacy one (`tcvn3`/`abc`, `vni`, `viscii`, `vps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForcedEncoding {
    Standard(&'static Encoding),
    Legacy(LegacyEncoding),
}

impl std::str::FromStr for ForcedEncoding {
    type Err = String;

    fn from_str(label: &str) -> Result<Self, String> {
        let legacy = match label.trim().to_ascii_lowercase().as_str() {
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "tcvn-5712" | "tcvn5712-1" => {
                Some(LegacyEncoding::Tcvn3)
            }
            "vni" | "vni-windows" => Some(LegacyEncoding::Vni),
            "viscii" | "csviscii" => Some(LegacyEncoding::Viscii),
            "vps" => Some(LegacyEncoding::Vps),
            _ => None,
        };
        if let Some(legacy) = legacy {
            return Ok(ForcedEncoding::Legacy(legacy));
        }
        Encoding::for_label(label.trim().as_bytes())
            .map(|encoding| ForcedEncoding::Standard(widen(encoding)))
            .ok_or_else(|| {
                format!(
                    "unknown encoding `{label}`: give a WHATWG label (utf-8, gbk, big5, \
                     windows-1258…) or tcvn3, vni, viscii, vps"
                )
            })
    }
}

/// The encoding of a Windows code page number (RTF `\ansicpg`/`\cpg`,
/// OLE2 property sets), or `None` for one we do not know. GBK (936) is read
/// as GB18030, its superset, as everywhere in plangloss.
pub fn code_page_encoding(code_page: u32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match code_page {
        866 => IBM866,
        874 => WINDOWS_874,
        932 => SHIFT_JIS,
        936 | 54936 => GB18030,
        949 => EUC_KR,
        950 => BIG5,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        10000 => MACINTOSH,
        20866 => KOI8_R,
        65001 => UTF_8,
        _ => return None,
    })
}

/// Decodes `bytes` in the encoding the user named. A BOM is still skipped
/// (it is not text), but does not change the encoding.
pub fn decode_forced(bytes: &[u8], forced: ForcedEncoding) -> Decoded {
    let without_bom = Encoding::for_bom(bytes).map_or(bytes, |(_, len)| &bytes[len..]);
    match forced {
        ForcedEncoding::Standard(encoding) => finish(encoding, without_bom, "forced"),
        ForcedEncoding::Legacy(legacy) => Decoded {
            text: legacy::decode_bytes(without_bom, legacy),
            encoding: legacy.name(),
            source: "forced",
            had_errors: false,
        },
    }
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
        // A Chinese page with a few damaged characters is still in the
        // encoding it declares; detection would say the same, slower.
        let chinese = declared == GB18030 || declared == BIG5;
        if !decoded.had_errors || (chinese && chinese_share(&decoded.text).is_some()) {
            return decoded;
        }
    }
    let guess = detect(bytes);
    if guess.is_single_byte()
        && let Some(vietnamese) = legacy_vietnamese(bytes, guess)
    {
        return vietnamese;
    }
    finish(guess, bytes, "detected")
}

/// Share of the words of `text` that are Vietnamese syllables with a letter
/// beyond ASCII. Legacy decodings of Vietnamese differ only in which letters
/// they give the high bytes, so the right one is the one whose words are
/// spelt as syllables ("Cộng", not "Céng").
fn vietnamese_share(text: &str) -> f64 {
    let (mut words, mut syllables) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        syllables += usize::from(!word.is_ascii() && legacy::is_syllable(word.chars()));
    }
    syllables as f64 / words.max(1) as f64
}

/// A Vietnamese legacy encoding (windows-1258, VISCII, VPS, TCVN3, VNI) that
/// reads `bytes` as Vietnamese clearly better than chardetng's single-byte
/// `guess` does; chardetng knows none but windows-1258, and takes them
/// for a Western encoding.
fn legacy_vietnamese(bytes: &[u8], guess: &'static Encoding) -> Option<Decoded> {
    let nfc = |text: &str| {
        ComposingNormalizerBorrowed::new_nfc()
            .normalize(text)
            .into_owned()
    };
    let guessed = vietnamese_share(&nfc(&guess.decode_without_bom_handling(bytes).0));
    let windows_1258 = Encoding::for_label(b"windows-1258").filter(|&e| e != guess);
    let mut candidates: Vec<(f64, Decoded)> = windows_1258
        .map(|e| finish(e, bytes, "detected"))
        .into_iter()
        .chain(
            [
                LegacyEncoding::Viscii,
                LegacyEncoding::Vps,
                LegacyEncoding::Tcvn3,
                LegacyEncoding::Vni,
            ]
            .map(|legacy| Decoded {
                text: legacy::decode_bytes(bytes, legacy),
                encoding: legacy.name(),
                source: "detected",
                had_errors: false,
            }),
        )
        .map(|decoded| (vietnamese_share(&nfc(&decoded.text)), decoded))
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (share, best) = candidates.into_iter().next()?;
    (share >= MIN_VIETNAMESE_SHARE && share > guessed + 0.02).then_some(best)
}

/// At least this share of accented syllables makes a decoding Vietnamese
/// (running text has 40–70%).
const MIN_VIETNAMESE_SHARE: f64 = 0.15;

/// chardetng reads this much of a document from its first non-ASCII byte:
/// enough text to tell the encodings apart, without paying for every byte
/// of a large page (chardetng runs a decoder per candidate encoding).
const DETECTION_SAMPLE_BYTES: usize = 32 * 1024;

/// Guesses the encoding of non-UTF-8 bytes: GB18030 or Big5 when either
/// reads as plausible Chinese, else chardetng's guess. Chinese goes first
/// because chardetng rules out an encoding on a single invalid sequence (one
/// corrupt character in a GBK page makes it pick a Latin single-byte
/// encoding, and the page turns to mojibake), and because the check is
/// cheaper than chardetng's decoder per candidate.
fn detect(bytes: &[u8]) -> &'static Encoding {
    if let Some(chinese) = tolerant_chinese(bytes) {
        return chinese;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The ASCII before the first other byte (markup, scripts) tells no
    // encoding from another.
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[start..bytes.len().min(start + DETECTION_SAMPLE_BYTES)];
    detector.feed(sample, true);
    widen(detector.guess(None, chardetng::Utf8Detection::Deny))
}

/// Characters frequent in any Chinese text, simplified or traditional.
/// Decoding with the wrong double-byte encoding gives valid but rare
/// characters, so their share tells a right decoding from a wrong one.
const COMMON_HAN: &str = "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應政向道命此变變条條";

static COMMON_HAN_SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut chars: Vec<char> = COMMON_HAN.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

/// GB18030 or Big5, if one of them decodes `bytes` into plausible Chinese
/// (see [`chinese_share`]); the one with more common characters.
fn tolerant_chinese(bytes: &[u8]) -> Option<&'static Encoding> {
    [GB18030, BIG5]
        .into_iter()
        .filter_map(|encoding| {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            chinese_share(&text).map(|share| (share, encoding))
        })
        .max_by_key(|(share, _)| *share)
        .map(|(_, encoding)| encoding)
}

/// Per mille of common characters among the Han characters of `text`, if
/// it reads as Chinese: at least 20 Han characters, at most one error per
/// 200 non-ASCII characters, and common characters at least a tenth.
fn chinese_share(text: &str) -> Option<usize> {
    let (mut non_ascii, mut errors, mut han, mut common) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        errors += usize::from(c == '\u{FFFD}');
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            han += 1;
            common += usize::from(COMMON_HAN_SORTED.binary_search(&c).is_ok());
        }
    }
    let plausible = han >= 20 && errors * 200 <= non_ascii && common * 10 >= han;
    plausible.then_some(common * 1000 / han.max(1))
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
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zeros_odd * 10 >= pairs * 4 && zeros_even * 20 < pairs {
        Some(UTF_16LE)
    } else if zeros_even * 10 >= pairs * 4 && zeros_odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

impl Decoded {
    /// Records how the bytes were decoded in an extraction: `encoding` and
    /// `encoding_source` in its metadata, and a warning when bytes had to be
    /// replaced by U+FFFD.
    pub fn record_in(&self, out: &mut Extraction) {
        out.meta
            .insert("encoding".into(), self.encoding.to_string());
        out.meta
            .insert("encoding_source".into(), self.source.to_string());
        if self.had_errors {
            out.warnings.push(format!(
                "some bytes are not valid {}; they were replaced by U+FFFD",
                self.encoding
            ));
        }
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
    fn one_corrupt_character_does_not_turn_gbk_into_latin() {
        // Real pages have markup and line breaks, where a decoder that lost
        // its step after the damaged byte falls back in step.
        let text = "<p>为贯彻落实计划生育基本国策，做好人口和计划生育工作，制定本方案。</p>\n<p>各乡镇要高度重视，认真组织实施。</p>\n".repeat(5);
        let (bytes, _, _) = GBK.encode(&text);
        let mut damaged = bytes.into_owned();
        damaged.insert(40, 0xC7); // a lead byte with no trail byte
        let decoded = decode(&damaged, None);
        assert_eq!(decoded.encoding, "gb18030");
        assert!(decoded.text.contains("计划生育基本国策"));
    }

    #[test]
    fn big5_is_not_mistaken_for_gbk() {
        let text = "為貫徹落實人口政策，做好預防接種工作，各鄉鎮要高度重視，認真組織實施，確保兒童接種率達到要求。".repeat(4);
        let (bytes, _, _) = BIG5.encode(&text);
        assert_eq!(tolerant_chinese(&bytes), Some(BIG5));
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
            let nfd = DecomposingNormalizerBorrowed::new_nfd()
                .normalize(c.encode_utf8(&mut [0; 4]))
                .into_owned();
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
        let composed =
            icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&decoded.text);
        assert_eq!(composed, text);
    }

    #[test]
    fn viscii_text_is_found_and_western_text_left_alone() {
        // The bytes iconv gives for this sentence in VISCII (ữ 0xE6, ố 0xAF).
        let bytes = b"Ch\xe6 Qu\xafc ng\xe6 l\xe0 h\xae ch\xe6 vi\xaat c\xfca ti\xaang Vi\xaet, c\xe1c t\xe0i li\xaeu c\xfca nh\xe0 n\xdf\xbec v\xe0 nh\xe6ng ng\xdf\xb6i d\xe2n.";
        let decoded = decode(bytes, None);
        assert_eq!(decoded.encoding, "VISCII");
        assert_eq!(
            decoded.text,
            "Chữ Quốc ngữ là hệ chữ viết của tiếng Việt, các tài liệu của nhà nước và những người dân."
        );
        let (french, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le ministère a publié le rapport annuel à la fin de l'été, après la réunion.");
        assert_eq!(decode(&french, None).encoding, "windows-1252");
    }

    #[test]
    fn forced_encoding_overrides_detection() {
        // UTF-8 bytes read as windows-1252 when the user says so.
        let forced: ForcedEncoding = "windows-1252".parse().unwrap();
        let decoded = decode_forced("hóa".as_bytes(), forced);
        assert_eq!(decoded.text, "hÃ³a");
        assert_eq!(decoded.source, "forced");
        let tcvn3: ForcedEncoding = " ABC ".parse().unwrap();
        assert_eq!(tcvn3, ForcedEncoding::Legacy(LegacyEncoding::Tcvn3));
        assert_eq!(decode_forced(b"\xef\xbb\xbfK\xd5", tcvn3).text, "Kế");
        let gbk: ForcedEncoding = "GBK".parse().unwrap();
        assert_eq!(gbk, ForcedEncoding::Standard(GB18030));
        assert!("klingon".parse::<ForcedEncoding>().is_err());
    }
}
