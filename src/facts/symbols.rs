//! Document numbers and symbols: Vietnamese `30/2020/NĐ-CP`, `45/KH-UBND`,
//! `15/2012/QH13`, `123/UBND-VX`; Chinese 发文字号 `国办发〔2019〕2号`,
//! `卫办妇幼发[2015]22号`, and orders `国务院令第588号`.

use super::CharOffsets;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A number symbol found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// As written.
    pub text: String,
    /// Char span in the text searched.
    pub start: usize,
    pub end: usize,
    /// The same span in bytes.
    pub bytes: Range<usize>,
    /// The type code: "NĐ" of 30/2020/NĐ-CP; the kind character of a
    /// Chinese symbol (发, 函, 令…); `None` for a Vietnamese symbol whose
    /// first part is the issuer (123/UBND-VX, an official letter).
    pub code: Option<String>,
    pub chinese: bool,
}

/// `30/2020/NĐ-CP`, `45/KH-UBND`, `15/2012/QH13`, and the older forms
/// with slashes between the parts: `40/2000/TT/BTC`, `144/2002/QĐ/BTC`;
/// also the dash forms `21-NQ/TW`, `1141-TC/QĐ/CĐKT` (a slash part after
/// them is required).
static VIETNAMESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)\d{1,5}[a-zA-Z]?(?:(?:/\d{4})?/(\p{Lu}[\p{L}\d]*)((?:-[\p{L}\d]+|/\p{Lu}[\p{L}\d]*)*)|-(\p{Lu}[\p{L}\d]*)((?:-[\p{L}\d]+)*(?:/\p{Lu}[\p{L}\d]*)+))",
    )
    .expect("the Vietnamese symbol pattern is valid")
});

static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{1,10})\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号|(\p{Han}{1,10}令)\s*第\s*\d{1,5}\s*号")
        .expect("the Chinese symbol pattern is valid")
});

/// Marks that stand for a name left out of a sample document.
const PLACEHOLDERS: [char; 4] = ['×', '○', '□', '＊'];

/// Words that end a run of Han characters before a symbol's issuer part
/// ("根据国办发〔2019〕2号" is 国办发…).
const CHINESE_LEAD_WORDS: [&str; 14] = [
    "根据", "按照", "依据", "依照", "印发", "转发", "贯彻", "落实", "执行", "参照", "的", "和",
    "及", "与",
];

/// Every symbol of `text`, in order.
pub fn find(text: &str) -> Vec<Symbol> {
    // Every Vietnamese symbol has a "/", every Chinese one a "号": a text
    // without them (most blocks) is spared the patterns' searches.
    let mut found = match text.contains('/') {
        true => vietnamese(text),
        false => Vec::new(),
    };
    if text.contains('号') {
        found.extend(chinese(text));
        found.sort_by_key(|s| s.start);
    }
    found
}

/// The Vietnamese symbols of `text`, in order.
fn vietnamese(text: &str) -> Vec<Symbol> {
    let mut offsets = CharOffsets::default();
    VIETNAMESE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let (first, tail) = match (caps.get(1), caps.get(3)) {
                (Some(first), _) => (first.as_str(), caps.get(2)?.as_str()),
                (None, Some(first)) => (first.as_str(), caps.get(4)?.as_str()),
                (None, None) => return None,
            };
            let has_tail = !tail.is_empty();
            // "1/NĐ" alone is rare and "3/KH" may be a ratio: a symbol has a
            // dash part, or a year part with an uppercase code (15/2012/QH13).
            let with_year = whole.as_str().matches('/').count() >= 2;
            if !has_tail && !with_year {
                return None;
            }
            let code = (!is_issuer_code(first)).then(|| first.to_string());
            Some(symbol(
                &mut offsets,
                text,
                (whole.start(), whole.end()),
                code,
                false,
            ))
        })
        .collect()
}

/// The Chinese symbols of `text`, in order.
fn chinese(text: &str) -> Vec<Symbol> {
    let mut offsets = CharOffsets::default();
    CHINESE
        .captures_iter(text)
        .map(|caps| {
            let whole = caps.get(0).expect("group 0 always matches");
            let head = caps
                .get(1)
                .or_else(|| caps.get(2))
                .expect("one head matches");
            let trimmed = trim_lead_words(head.as_str());
            // A county's abbreviation left as a placeholder stays part of
            // the symbol: "×卫健办〔2025〕3号".
            let start = text[..head.end() - trimmed.len()]
                .trim_end_matches(PLACEHOLDERS)
                .len();
            let kind = trimmed.chars().last().map(|c| c.to_string());
            symbol(&mut offsets, text, (start, whole.end()), kind, true)
        })
        .collect()
}

/// The part of `head` after the last lead word.
fn trim_lead_words(head: &str) -> &str {
    let mut rest = head;
    loop {
        let cut = CHINESE_LEAD_WORDS
            .iter()
            .filter_map(|word| rest.find(word).map(|at| at + word.len()))
            .max();
        match cut {
            Some(at) if at < rest.len() => rest = &rest[at..],
            _ => return rest,
        }
    }
}

/// Whether the first part of a Vietnamese symbol names an issuer rather
/// than a type (UBND, SYT, BYT…): the official letters.
fn is_issuer_code(code: &str) -> bool {
    matches!(
        code,
        "UBND"
            | "SYT"
            | "BYT"
            | "BTC"
            | "VPCP"
            | "TTg"
            | "BNV"
            | "BGDĐT"
            | "BLĐTBXH"
            | "SGDĐT"
            | "TCDS"
            | "CDS"
            | "TTYT"
            | "BHXH"
            | "SNV"
            | "STC"
            | "SKHĐT"
            | "NHNN"
            | "BCA"
    )
}

fn symbol(
    offsets: &mut CharOffsets,
    text: &str,
    (start, end): (usize, usize),
    code: Option<String>,
    chinese: bool,
) -> Symbol {
    Symbol {
        text: text[start..end].to_string(),
        start: offsets.at(text, start),
        end: offsets.at(text, end),
        bytes: start..end,
        code,
        chinese,
    }
}

/// A symbol's key for comparing numbers: NFC assumed; case, spaces and the
/// Đ/D difference ignored, Chinese brackets made one kind.
pub fn key(symbol: &str) -> String {
    symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Đ' | 'đ' => 'd',
            '〔' | '［' | '【' | '(' | '（' => '[',
            '〕' | '］' | '】' | ')' | '）' => ']',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, Option<String>)> {
        find(text).into_iter().map(|s| (s.text, s.code)).collect()
    }

    #[test]
    fn vietnamese_symbols() {
        assert_eq!(
            texts("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 và Kế hoạch số 45/KH-UBND"),
            [
                ("30/2020/NĐ-CP".into(), Some("NĐ".into())),
                ("45/KH-UBND".into(), Some("KH".into()))
            ]
        );
        assert_eq!(
            texts("Luật số 15/2012/QH13"),
            [("15/2012/QH13".into(), Some("QH13".into()))]
        );
        assert_eq!(
            texts("Công văn số 123/UBND-VX"),
            [("123/UBND-VX".into(), None)]
        );
        assert_eq!(
            texts("Thông tư liên tịch 05/2006/TTLT-BYT-BTC"),
            [("05/2006/TTLT-BYT-BTC".into(), Some("TTLT".into()))]
        );
        assert!(texts("tỷ lệ 3/4, ngày 11/7/2024, 40/100.000 trẻ, 2021-2025").is_empty());
        assert_eq!(
            texts("Thông tư 40/2000/TT/BTC, Quyết định 1141-TC/QĐ/CĐKT, Nghị quyết 21-NQ/TW"),
            [
                ("40/2000/TT/BTC".into(), Some("TT".into())),
                ("1141-TC/QĐ/CĐKT".into(), Some("TC".into())),
                ("21-NQ/TW".into(), Some("NQ".into()))
            ]
        );
    }

    #[test]
    fn chinese_symbols() {
        assert_eq!(
            texts("根据国办发〔2019〕2号文件"),
            [("国办发〔2019〕2号".into(), Some("发".into()))]
        );
        assert_eq!(
            texts("《关于做好妇幼工作的通知》（卫办妇幼发[2015]22号）"),
            [("卫办妇幼发[2015]22号".into(), Some("发".into()))]
        );
        assert_eq!(
            texts("×卫健办〔2025〕3号"),
            [("×卫健办〔2025〕3号".into(), Some("办".into()))]
        );
        assert_eq!(
            texts("国务院令第588号"),
            [("国务院令第588号".into(), Some("令".into()))]
        );
        assert_eq!(key("国办发〔2019〕2号"), key("国办发[2019] 2号"));
        assert_eq!(key("30/2020/NĐ-CP"), key("30/2020/ND-CP"));
    }
}
