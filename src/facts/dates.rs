//! Dates as official documents write them, read into ISO 8601: "ngày 05
//! tháng 3 năm 2020", "ngày 05/3/2020", "05/03/2020", "2019年1月1日",
//! "二〇一九年一月一日".

use super::CharOffsets;
use regex::Regex;
use std::sync::LazyLock;

/// A date found in a text: ISO 8601 and its char span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

/// "ngày 05 tháng 3 năm 2020", "ngày 05/3/2020", "05-03-2020", and the
/// typo "ngày 29 năm 06 tháng 2025" (month and year words swapped).
static VIETNAMESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4}))|(?:(?:ngày\s*)?(?-u:\b)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?-u:\b))|(?:ngày\s*(\d{1,2})\s*năm\s*(\d{1,2})\s*tháng\s*(\d{4}))",
    )
    .expect("the Vietnamese date pattern is valid")
});

static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([0-9０-９十一二三四五六七八九]{1,3})\s*月\s*([0-9０-９十一二三四五六七八九]{1,3})\s*[日号]")
        .expect("the Chinese date pattern is valid")
});

/// Every date of `text`, in order.
pub fn find(text: &str) -> Vec<FoundDate> {
    let mut found = Vec::new();
    let mut offsets = CharOffsets::default();
    for caps in VIETNAMESE.captures_iter(text) {
        let Some((day, month, year)) = [1, 4, 7]
            .into_iter()
            .find_map(|group| Some((caps.get(group)?, caps.get(group + 1), caps.get(group + 2))))
        else {
            continue;
        };
        let (Some(month), Some(year)) = (month, year) else {
            continue;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        if let Some(iso) = iso(
            year.as_str().parse().ok(),
            month.as_str().parse().ok(),
            day.as_str().parse().ok(),
        ) {
            found.push(span(&mut offsets, text, whole.start(), whole.end(), iso));
        }
    }
    let mut offsets = CharOffsets::default();
    for caps in CHINESE.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let year = digits_year(&caps[1]);
        let month = han_small(&caps[2]);
        let day = han_small(&caps[3]);
        if let Some(iso) = iso(year, month, day) {
            found.push(span(&mut offsets, text, whole.start(), whole.end(), iso));
        }
    }
    found.sort_by_key(|d| d.start);
    found
}

/// The first date of `text`.
pub fn first(text: &str) -> Option<FoundDate> {
    find(text).into_iter().next()
}

fn span(offsets: &mut CharOffsets, text: &str, start: usize, end: usize, iso: String) -> FoundDate {
    FoundDate {
        iso,
        start: offsets.at(text, start),
        end: offsets.at(text, end),
    }
}

/// `YYYY-MM-DD` when the parts make a date.
pub fn iso(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> Option<String> {
    let (year, month, day) = (year?, month?, day?);
    let days = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | '○' | 'Ｏ' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// A year written digit by digit (`2019`, `二〇一九`).
fn digits_year(text: &str) -> Option<u32> {
    text.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))
}

/// A month or day: digits, or Chinese numerals up to 31 (`十二`, `二十一`).
fn han_small(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    if chars
        .iter()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
    {
        return digits_year(text);
    }
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', unit] => Some(10 + digit(*unit)?),
        [tens, '十'] => Some(digit(*tens)? * 10),
        [tens, '十', unit] => Some(digit(*tens)? * 10 + digit(*unit)?),
        [one] => digit(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(text: &str) -> Vec<String> {
        find(text).into_iter().map(|d| d.iso).collect()
    }

    #[test]
    fn vietnamese_and_chinese_dates() {
        assert_eq!(isos("Hải Phòng, ngày 09 tháng 5 năm 2023"), ["2023-05-09"]);
        assert_eq!(
            isos("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020"),
            ["2020-03-05"]
        );
        assert_eq!(
            isos("ngày 5-3-2020 và 31.12.2024"),
            ["2020-03-05", "2024-12-31"]
        );
        assert_eq!(isos("ngày 29 năm 06 tháng 2025"), ["2025-06-29"]);
        assert_eq!(isos("2019年1月1日"), ["2019-01-01"]);
        assert_eq!(isos("二〇一九年十二月三十一日印发"), ["2019-12-31"]);
        assert_eq!(isos("２０２４年７月１１日"), ["2024-07-11"]);
        assert!(isos("30/2020/NĐ-CP, 31/2/2020, ngày 40 tháng 1 năm 2020").is_empty());
        let date = first("Sơn Hà, ngày 02 tháng 3 năm 2025").unwrap();
        assert_eq!((date.start, date.end), (8, 32));
    }
}
