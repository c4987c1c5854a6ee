//! Numbers, percentages, dates and document numbers that must come through
//! a translation between Vietnamese, Chinese and English with their values.
//!
//! Each side is read into quantities: a value in normal form (a decimal
//! with its unit, a date with the parts it names, a document symbol) and
//! the char span it came from. The two sides are matched as multisets, the
//! surest matches first; whatever is left is reported, as one "changed" or
//! "day and month swapped" problem when the pairing is obvious.
//!
//! Conventions read:
//! - Vietnamese `1.250,5`; Chinese and English `1,250.5`; full-width digits.
//!   A number written with the decimal mark and exactly three digits after
//!   it (`1.250` in English, `1,250` in Vietnamese) may have been copied from
//!   the other convention, so both readings are accepted.
//! - Scale words (`1,2 triệu`, `120万`, `1.2 million`), percentages (`2,5%`,
//!   `百分之二点五`, `2.5 percent`) and per mille (`‰`, `phần nghìn`).
//! - Dates: `ngày 11/7`, `11/7/2024`, `ngày 11 tháng 7 năm 2024`, `tháng
//!   7/2024`, `năm 2024`; `2024年7月11日`, `二〇二四年七月十一日`, `7月11号`;
//!   `11 July 2024`, `July 11, 2024`, `2024-07-11`. Dates agree when the
//!   parts both name agree; a year alone agrees with the bare number.
//!   Ranges of years (`2021 - 2025`, `2021—2025年`, `2021至2025年`) are
//!   two years.
//! - Document numbers (`30/2020/NĐ-CP`, `国办发〔2019〕2号`) are compared by
//!   symbol, case-folded and with Đ as D; a Chinese one against another
//!   language's rendering by its numbers. Their digits, like a date's, are
//!   not counted again as numbers.
//!
//! Not compared: list labels at the start (`1.`, `2.1.`, `(3)`, `a)`, `一、`,
//! `（二）`, `IV.`), footnote marks (`[1]`), codes with letters (`COVID-19`,
//! `H5N1`, `G6PD`) and URLs.
//!
//! Precision comes before recall. Chinese numerals count only in number
//! contexts: after `第` or `百分之`, in dates, with `万`/`亿`, written with
//! several characters in positional form (`二十`, `一百二十五`), or before a
//! measure word or unit (`三个`, `两名`, `五项`). A lone `一` is never a
//! number (`一个` is "a"), nor are words such as `统一`, `万一`, `百姓`, `千方百计`
//! or `十三四岁`. Small counts (up to ten) in Chinese numerals, Vietnamese
//! and English number words (`hai`, `mười lăm`, `three`) and Roman numerals
//! are *weak*: they match a quantity of the other side but are never
//! reported themselves, because translations often write them as words or
//! drop them (`第一次` is `lần đầu`; `năm` is never read as five). A
//! Five-Year Plan name such as `十四五` is weak too and stands for 14, 5, and
//! the plan's first and last years (2021, 2025), whichever the other side
//! writes (`14-5`, `kế hoạch 5 năm lần thứ 14`, `giai đoạn 2021-2025`).

use rustc_hash::FxHashMap;

use super::{Category, Language, Problem, Severity, Span};

/// Above this many source × target leftovers the pairwise matching passes
/// are skipped, so that a hostile unit with thousands of numbers stays
/// linear; the exact pass has matched what it could by then.
const PAIRWISE_BUDGET: usize = 250_000;

/// Chinese phrases that hold numerals without meaning a number.
const CHINESE_IDIOMS: [&str; 6] = [
    "第一时间",
    "第一线",
    "十万火急",
    "五十步笑百步",
    "三十六计",
    "一五一十",
];

/// Checks that the numbers, percentages, dates and document numbers of
/// `source` all have a counterpart of the same value in `target` and the
/// other way round, each read in its language's conventions. Every problem
/// is a [`Category::NumberMismatch`] error with its span(s) and, for a value
/// missing or changed in the target, the value as the target should write it.
pub fn check(
    source: &str,
    source_lang: Language,
    target: &str,
    target_lang: Language,
) -> Vec<Problem> {
    let source = Side::read(source, source_lang);
    let target = Side::read(target, target_lang);
    let matching = Matching::run(&source.quantities, &target.quantities);
    Report {
        source: &source,
        target: &target,
    }
    .problems(&matching)
}

// ---------------------------------------------------------------- values

/// An exact decimal: `mantissa × 10^exponent`, with no trailing zero in the
/// mantissa so that equal values compare and hash equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Decimal {
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    fn new(mantissa: u128, exponent: i32) -> Decimal {
        if mantissa == 0 {
            return Decimal {
                mantissa: 0,
                exponent: 0,
            };
        }
        let (mut mantissa, mut exponent) = (mantissa, exponent);
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent = exponent.saturating_add(1);
        }
        Decimal { mantissa, exponent }
    }

    fn integer(value: u128) -> Decimal {
        Decimal::new(value, 0)
    }

    /// ASCII digits of which the last `decimals` follow the decimal mark;
    /// `None` beyond 38 digits.
    fn from_digits(digits: impl Iterator<Item = char>, decimals: usize) -> Option<Decimal> {
        let mut mantissa: u128 = 0;
        for c in digits {
            let digit = c.to_digit(10)?;
            mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(digit))?;
        }
        Some(Decimal::new(mantissa, -i32::try_from(decimals).ok()?))
    }

    fn times_ten_to(self, power: i32) -> Decimal {
        Decimal::new(self.mantissa, self.exponent.saturating_add(power))
    }

    fn as_integer(self) -> Option<u128> {
        let power = u32::try_from(self.exponent).ok()?;
        self.mantissa.checked_mul(10u128.checked_pow(power)?)
    }

    /// How many digits the value has before the decimal mark (0 below one).
    fn integer_digits(self) -> i64 {
        let mantissa_digits = self
            .mantissa
            .checked_ilog10()
            .map_or(0, |l| i64::from(l) + 1);
        (mantissa_digits + i64::from(self.exponent)).max(0)
    }

    /// The digits before and after the decimal mark, with at least
    /// `decimals` after it.
    fn digits(self, decimals: usize) -> (String, String) {
        let written = self.mantissa.to_string();
        let (whole, mut fraction) = match usize::try_from(self.exponent) {
            Ok(zeros) => (written + &"0".repeat(zeros), String::new()),
            Err(_) => {
                let shift = usize::try_from(self.exponent.unsigned_abs()).unwrap_or(0);
                match written.len().checked_sub(shift) {
                    Some(0) | None => (
                        "0".to_string(),
                        "0".repeat(shift.saturating_sub(written.len())) + &written,
                    ),
                    Some(split) => {
                        let (whole, fraction) = written.split_at(split);
                        (whole.to_string(), fraction.to_string())
                    }
                }
            }
        };
        while fraction.len() < decimals {
            fraction.push('0');
        }
        (whole, fraction)
    }
}

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Plain,
    Percent,
    Permille,
}

/// A number as written: its value (scale word applied), a second reading
/// when the marks are ambiguous, and how it was written, for suggestions.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Number {
    value: Decimal,
    alt: Option<Decimal>,
    unit: Unit,
    /// Digits written after the decimal mark.
    decimals: u8,
    /// The power of ten of the scale word (`triệu` 6, `万` 4), or 0.
    power: i32,
}

impl Number {
    fn count(value: u128) -> Number {
        Number {
            value: Decimal::integer(value),
            alt: None,
            unit: Unit::Plain,
            decimals: 0,
            power: 0,
        }
    }

    fn readings(&self) -> impl Iterator<Item = Decimal> + '_ {
        std::iter::once(self.value).chain(self.alt)
    }

    fn reads_as_integer(&self, wanted: u128) -> bool {
        self.unit == Unit::Plain && self.readings().any(|r| r.as_integer() == Some(wanted))
    }
}

/// A calendar date naming some of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Date {
    year: Option<u16>,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    /// The date when each given part is in range (years 1000–2999).
    fn checked(year: Option<u128>, month: Option<u128>, day: Option<u128>) -> Option<Date> {
        let year = year
            .map(|y| u16::try_from(y).ok().filter(|y| (1000..=2999).contains(y)))
            .map_or(Some(None), |y| y.map(Some))?;
        let month = month
            .map(|m| u8::try_from(m).ok().filter(|m| (1..=12).contains(m)))
            .map_or(Some(None), |m| m.map(Some))?;
        let day = day
            .map(|d| u8::try_from(d).ok().filter(|d| (1..=31).contains(d)))
            .map_or(Some(None), |d| d.map(Some))?;
        Some(Date { year, month, day })
    }

    /// Whether no part named by both differs and at least one is named by both.
    fn agrees(self, other: Date) -> bool {
        let parts = [
            same(self.year.map(u32::from), other.year.map(u32::from)),
            same(self.month.map(u32::from), other.month.map(u32::from)),
            same(self.day.map(u32::from), other.day.map(u32::from)),
        ];
        parts.contains(&Some(true)) && !parts.contains(&Some(false))
    }

    /// The date with day and month exchanged, when that is a date too.
    fn swapped(self) -> Option<Date> {
        let (day, month) = (self.day?, self.month?);
        (day != month && day <= 12).then_some(Date {
            year: self.year,
            month: Some(day),
            day: Some(month),
        })
    }

    fn year_only(self) -> Option<u16> {
        if self.month.is_none() && self.day.is_none() {
            self.year
        } else {
            None
        }
    }

    fn parts(self) -> Vec<u128> {
        [
            self.day.map(u128::from),
            self.month.map(u128::from),
            self.year.map(u128::from),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// `Some(a == b)` when both are known.
fn same(a: Option<u32>, b: Option<u32>) -> Option<bool> {
    Some(a? == b?)
}

/// The symbol of an official document.
#[derive(Debug, Clone, PartialEq)]
struct Doc {
    /// The symbol folded for comparison (`30/2020/nd-cp`, `〔2019〕2号`).
    key: String,
    /// Its numbers, to compare a Chinese symbol with a translated one.
    numbers: Vec<u128>,
    /// Written the Chinese way (`〔2019〕2号`).
    chinese: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(Number),
    Date { date: Date, alt: Option<Date> },
    Doc(Doc),
}

impl Value {
    fn date(date: Date) -> Value {
        Value::Date { date, alt: None }
    }
}

/// One value found in a text, with its char span.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    value: Value,
    span: Span,
    /// Matches the other side but is never reported by itself.
    weak: bool,
}

// ---------------------------------------------------------------- sides

/// One side of a pair: its text as chars and what was read from it.
struct Side {
    chars: Vec<char>,
    lang: Language,
    quantities: Vec<Quantity>,
}

impl Side {
    fn read(text: &str, lang: Language) -> Side {
        let chars: Vec<char> = text.chars().collect();
        let quantities = Reader::read(&chars, lang);
        Side {
            chars,
            lang,
            quantities,
        }
    }

    fn text(&self, span: Span) -> String {
        self.chars
            .get(span.0..span.1)
            .map(|chars| chars.iter().collect())
            .unwrap_or_default()
    }
}

/// A number just read, before what follows it decides what it is.
#[derive(Debug, Clone, Copy)]
struct RawNumber {
    parsed: Parsed,
    start: usize,
    end: usize,
    /// Where the text after the number starts (after `th` in `11th`).
    tail: usize,
    script: Script,
}

impl RawNumber {
    /// The value when it is a whole number written without ambiguity.
    fn integer(&self) -> Option<u128> {
        if self.parsed.alt.is_some() || self.parsed.decimals > 0 {
            return None;
        }
        self.parsed.value.as_integer()
    }
}

#[derive(Debug, Clone, Copy)]
struct Parsed {
    value: Decimal,
    alt: Option<Decimal>,
    decimals: u8,
    /// The power of ten of a scale word inside the numerals (`一点二亿`).
    power: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Han(HanForm),
}

/// How a run of Chinese numerals was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HanForm {
    chars: usize,
    /// Holds 十, 百 or 千.
    positional: bool,
    /// Holds 万 or 亿.
    big_unit: bool,
    /// Digit by digit, as in years (`二〇二四`).
    digit_sequence: bool,
}

/// What the text just before a number makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Free,
    Ordinal,
    Percent,
    Permille,
}

/// The scale word and unit after a number.
#[derive(Debug, Clone, Copy)]
struct Suffix {
    unit: Unit,
    power: i32,
    end: usize,
}

/// Reads the quantities of one text, left to right.
struct Reader {
    /// The text in half-width form, char for char.
    chars: Vec<char>,
    lang: Language,
    out: Vec<Quantity>,
}

impl Reader {
    fn read(chars: &[char], lang: Language) -> Vec<Quantity> {
        let mut reader = Reader {
            chars: chars.iter().map(|&c| half_width(c)).collect(),
            lang,
            out: Vec::new(),
        };
        let mut i = reader.after_list_label();
        while i < chars.len() {
            i = reader.step(i);
        }
        reader.promote_year_ranges();
        reader.out
    }

    /// The char at `i`; NUL past either end.
    fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    fn prev(&self, i: usize) -> char {
        i.checked_sub(1).map_or('\0', |j| self.at(j))
    }

    fn starts_with(&self, i: usize, text: &str) -> bool {
        text.chars().enumerate().all(|(k, c)| self.at(i + k) == c)
    }

    /// Whether `start..end` is `word`, ignoring case.
    fn word_is(&self, start: usize, end: usize, word: &str) -> bool {
        let mut expected = word.chars();
        (start..end).all(|i| Some(lower_case(self.at(i))) == expected.next())
            && expected.next().is_none()
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i) == ' ' || self.at(i) == '\t' {
            i += 1;
        }
        i
    }

    fn digits_end(&self, mut i: usize) -> usize {
        while self.at(i).is_ascii_digit() {
            i += 1;
        }
        i
    }

    /// The end of the run of letters, digits and inner marks (`1.250,5`,
    /// `30/2020/NĐ-CP`, `COVID-19`) starting at `start`.
    fn chunk_end(&self, start: usize) -> usize {
        let mut i = start;
        loop {
            while is_word_char(self.at(i)) {
                i += 1;
            }
            if is_inner_mark(self.at(i)) && is_word_char(self.at(i + 1)) {
                i += 1;
            } else {
                return i;
            }
        }
    }

    /// The word after `from`, past spaces.
    fn next_word(&self, from: usize) -> Option<(usize, usize)> {
        let start = self.skip_spaces(from);
        is_word_char(self.at(start)).then(|| (start, self.chunk_end(start)))
    }

    /// The word before `before`, past spaces.
    fn prev_word(&self, before: usize) -> Option<(usize, usize)> {
        let mut end = before;
        while end > 0 && matches!(self.at(end - 1), ' ' | '\t') {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && is_word_char(self.at(start - 1)) {
            start -= 1;
        }
        (start < end).then_some((start, end))
    }

    fn prev_word_is(&self, before: usize, word: &str) -> Option<usize> {
        self.prev_word(before)
            .filter(|&(s, e)| self.word_is(s, e, word))
            .map(|(s, _)| s)
    }

    /// The whole number written with ASCII digits only in `start..end`.
    fn integer_in(&self, start: usize, end: usize) -> Option<u128> {
        if start >= end || end - start > 38 {
            return None;
        }
        Decimal::from_digits((start..end).map(|i| self.at(i)), 0)?.as_integer()
    }

    /// The whole-number word after `from` (`2024`), with its end and length.
    fn integer_word(&self, from: usize) -> Option<(u128, usize, usize)> {
        let (start, end) = self.next_word(from)?;
        Some((self.integer_in(start, end)?, end, end - start))
    }

    fn push(&mut self, value: Value, span: Span, weak: bool) {
        self.out.push(Quantity { value, span, weak });
    }

    fn push_weak_count(&mut self, value: u128, span: Span) {
        self.push(Value::Number(Number::count(value)), span, true);
    }

    /// Reads what starts at `i`; returns where to go on, always past `i`.
    fn step(&mut self, i: usize) -> usize {
        let c = self.at(i);
        let next = if is_word_char(c) && !is_word_char(self.prev(i)) {
            Some(self.read_chunk(i))
        } else if is_han_numeral(c) && !is_han_numeral(self.prev(i)) {
            Some(self.read_han_run(i))
        } else if closing_bracket(c).is_some() {
            self.read_bracket(i)
        } else {
            None
        };
        next.map_or(i + 1, |n| n.max(i + 1))
    }

    // ------------------------------------------------------------ labels

    /// Where the text starts after a list label such as `1.`, `2.1.`, `a)`,
    /// `(3)`, `一、` or `（二）`, which numbers the list, not the content.
    fn after_list_label(&self) -> usize {
        let mut start = 0;
        while self.at(start).is_whitespace() || is_bullet(self.at(start)) {
            start += 1;
        }
        self.list_label_end(start).unwrap_or(start)
    }

    fn list_label_end(&self, i: usize) -> Option<usize> {
        let c = self.at(i);
        if c == '(' {
            let mut j = i + 1;
            while j - i <= 5 && (is_word_char(self.at(j)) || is_han_numeral(self.at(j))) {
                j += 1;
            }
            return (j > i + 1 && self.at(j) == ')').then_some(j + 1);
        }
        if c.is_ascii_digit() {
            let mut j = i;
            loop {
                let end = self.digits_end(j);
                if end == j || end - j > 3 {
                    return None;
                }
                j = end;
                if self.at(j) == '.' && self.at(j + 1).is_ascii_digit() {
                    j += 1;
                } else {
                    break;
                }
            }
            let ends_label = matches!(self.at(j), '.' | ')' | '、');
            return (ends_label && !self.at(j + 1).is_ascii_digit()).then_some(j + 1);
        }
        if is_han_numeral(c) {
            let end = self.han_run_end(i);
            return matches!(self.at(end), '、' | '.').then_some(end + 1);
        }
        let mut j = i;
        while self.at(j).is_ascii_alphabetic() {
            j += 1;
        }
        let short = j - i == 1 || (j - i <= 5 && self.roman_value(i, j).is_some());
        (j > i && short && matches!(self.at(j), '.' | ')')).then_some(j + 1)
    }

    // ------------------------------------------------------------ chunks

    /// Reads a run of letters, digits and inner marks.
    fn read_chunk(&mut self, start: usize) -> usize {
        if self.url_at(start) {
            let mut i = start;
            while !self.at(i).is_whitespace() && self.at(i) != '\0' && !is_cjk(self.at(i)) {
                i += 1;
            }
            return i;
        }
        let end = self.chunk_end(start);
        let has_digit = (start..end).any(|i| self.at(i).is_ascii_digit());
        if !self.at(start).is_ascii_digit() {
            // A word, or a code such as COVID-19 or H5N1.
            return if has_digit {
                end
            } else {
                self.read_word(start, end)
            };
        }
        if (start..end).any(|i| matches!(self.at(i), '@' | '_')) {
            return end;
        }
        if (start..end).any(|i| is_letter(self.at(i))) {
            return self.read_coded(start, end);
        }
        self.read_numeric(start, end)
    }

    fn url_at(&self, i: usize) -> bool {
        let lower = |k: usize| self.at(i + k).to_ascii_lowercase();
        let starts = |text: &str| text.chars().enumerate().all(|(k, c)| lower(k) == c);
        starts("http://") || starts("https://") || starts("www.")
    }

    /// A chunk that starts with a digit and holds letters: a document
    /// number (`144/KH-UBND`), a number with a unit or ordinal ending
    /// (`1.000đ`, `24h`, `11th`), or a code to leave alone.
    fn read_coded(&mut self, start: usize, end: usize) -> usize {
        if let Some(first_mark) = (start..end).find(|&i| matches!(self.at(i), '/' | '-'))
            && (first_mark..end).any(|i| self.at(i).is_uppercase())
        {
            let key = (start..end).map(|i| fold_symbol(self.at(i))).collect();
            let numbers = self.numbers_in(start, end);
            let doc = Doc {
                key,
                numbers,
                chinese: false,
            };
            self.push(Value::Doc(doc), (start, end), false);
            return end;
        }
        let digits_end = (start..end)
            .find(|&i| !matches!(self.at(i), '0'..='9' | '.' | ','))
            .unwrap_or(end);
        if (digits_end..end).all(|i| is_letter(self.at(i)))
            && let Some(parsed) = self.parse_decimal(start, digits_end)
        {
            let raw = RawNumber {
                parsed,
                start,
                end: digits_end,
                tail: end,
                script: Script::Arabic,
            };
            return self.read_number(&raw).max(end);
        }
        end
    }

    /// The runs of digits in `start..end`, as numbers.
    fn numbers_in(&self, start: usize, end: usize) -> Vec<u128> {
        let mut numbers = Vec::new();
        let mut i = start;
        while i < end {
            let run_end = self.digits_end(i).min(end);
            if run_end > i {
                numbers.extend(self.integer_in(i, run_end));
                i = run_end;
            } else {
                i += 1;
            }
        }
        numbers
    }

    /// A chunk of digits and marks: a date, one number, or numbers joined
    /// by `/` (ratios) or `-` (ranges, whose unit and scale are shared).
    fn read_numeric(&mut self, start: usize, end: usize) -> usize {
        if let Some(date) = self.numeric_date(start, end) {
            let resume = date.span.1.max(end);
            self.out.push(date);
            return resume;
        }
        let pieces = self.pieces(start, end);
        let Some((&(last_start, last_end), earlier)) = pieces.split_last() else {
            return end;
        };
        let last = self.parse_decimal(last_start, last_end).and_then(|parsed| {
            self.number_quantity(&RawNumber {
                parsed,
                start: last_start,
                end: last_end,
                tail: last_end,
                script: Script::Arabic,
            })
        });
        let shared = match &last {
            Some((
                Quantity {
                    value: Value::Number(number),
                    ..
                },
                _,
            )) if self.prev(last_start) == '-' => (number.unit, number.power),
            _ => (Unit::Plain, 0),
        };
        for &(s, e) in earlier {
            if let Some(parsed) = self.parse_decimal(s, e) {
                let number = Number {
                    value: parsed.value.times_ten_to(shared.1),
                    alt: parsed.alt.map(|a| a.times_ten_to(shared.1)),
                    unit: shared.0,
                    decimals: parsed.decimals,
                    power: shared.1,
                };
                self.push(Value::Number(number), (s, e), false);
            }
        }
        match last {
            Some((quantity, resume)) => {
                self.out.push(quantity);
                resume.max(end)
            }
            None => end,
        }
    }

    /// The parts of a numeric chunk between `/` and `-`.
    fn pieces(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut pieces = Vec::new();
        let mut piece_start = start;
        for i in start..=end {
            if i == end || matches!(self.at(i), '/' | '-') {
                pieces.push((piece_start, i));
                piece_start = i + 1;
            }
        }
        pieces
    }

    /// `11/7/2024`, `11-7-2024`, `11.7.2024`, `2024-07-11`; in Vietnamese
    /// also `ngày 11/7` and `tháng 7/2024`.
    fn numeric_date(&self, start: usize, end: usize) -> Option<Quantity> {
        let mut marks = [0usize; 2];
        let mut count = 0;
        for i in start..end {
            if !self.at(i).is_ascii_digit() {
                *marks.get_mut(count)? = i;
                count += 1;
            }
        }
        match count {
            2 if self.at(marks[0]) == self.at(marks[1]) && self.at(marks[0]) != ',' => {
                self.three_part_date(start, marks[0], marks[1], end)
            }
            1 if self.lang == Language::Vietnamese && matches!(self.at(marks[0]), '/' | '-') => {
                self.two_part_date(start, marks[0], end)
            }
            _ => None,
        }
    }

    fn three_part_date(&self, start: usize, a: usize, b: usize, end: usize) -> Option<Quantity> {
        let lengths = (a - start, b - a - 1, end - b - 1);
        let values = (
            self.integer_in(start, a)?,
            self.integer_in(a + 1, b)?,
            self.integer_in(b + 1, end)?,
        );
        let (date, alt) = match lengths {
            (4, 1..=2, 1..=2) => (
                Date::checked(Some(values.0), Some(values.1), Some(values.2))?,
                None,
            ),
            (1..=2, 1..=2, 4) => {
                let day_first = Date::checked(Some(values.2), Some(values.1), Some(values.0));
                // Outside Vietnamese, 7/11/2024 may be month first.
                let month_first = (self.lang != Language::Vietnamese)
                    .then(|| Date::checked(Some(values.2), Some(values.0), Some(values.1)))
                    .flatten()
                    .filter(|d| Some(*d) != day_first);
                match (day_first, month_first) {
                    (Some(d), alt) => (d, alt),
                    (None, Some(m)) => (m, None),
                    (None, None) => return None,
                }
            }
            _ => return None,
        };
        Some(Quantity {
            value: Value::Date { date, alt },
            span: (start, end),
            weak: false,
        })
    }

    /// `ngày 11/7 [năm 2024]`, `tháng 7/2024`, and `11/7 năm 2024`, where
    /// the year says the pair is a day and a month.
    fn two_part_date(&self, start: usize, mark: usize, end: usize) -> Option<Quantity> {
        let first = (self.integer_in(start, mark)?, mark - start);
        let second = (self.integer_in(mark + 1, end)?, end - mark - 1);
        let day_month = first.1 <= 2 && second.1 <= 2;
        let year = self.vietnamese_year(end);
        let (keyword, date, stop) = if let Some(keyword) = self.prev_word_is(start, "ngày") {
            let date = Date::checked(year.map(|(y, _)| y), Some(second.0), Some(first.0));
            (
                keyword,
                date.filter(|_| day_month)?,
                year.map_or(end, |(_, e)| e),
            )
        } else if let Some(keyword) = self.prev_word_is(start, "tháng") {
            let shaped = first.1 <= 2 && second.1 == 4;
            let date = Date::checked(Some(second.0), Some(first.0), None);
            (keyword, date.filter(|_| shaped)?, end)
        } else {
            let (year, year_end) = year.filter(|_| day_month)?;
            let date = Date::checked(Some(year), Some(second.0), Some(first.0))?;
            (start, date, year_end)
        };
        Some(Quantity {
            value: Value::date(date),
            span: (keyword, stop),
            weak: false,
        })
    }

    /// Reads `start..end` (digits with `.` and `,`) in this language's
    /// convention, or else in the other one.
    fn parse_decimal(&self, start: usize, end: usize) -> Option<Parsed> {
        let (thousands, decimal) = match self.lang {
            Language::Vietnamese => ('.', ','),
            Language::Chinese | Language::Other => (',', '.'),
        };
        match self.read_convention(start, end, thousands, decimal) {
            Some(parsed) => {
                let alt = self
                    .looks_copied(start, end, decimal)
                    .then(|| self.read_convention(start, end, decimal, thousands))
                    .flatten()
                    .map(|p| p.value);
                Some(Parsed { alt, ..parsed })
            }
            None => self.read_convention(start, end, decimal, thousands),
        }
    }

    /// Reads a number with the given marks: groups of three after the
    /// first thousands mark, at most one decimal mark, last.
    fn read_convention(
        &self,
        start: usize,
        end: usize,
        thousands: char,
        decimal: char,
    ) -> Option<Parsed> {
        if start >= end || end - start > 60 {
            return None;
        }
        let decimal_at = (start..end).find(|&i| self.at(i) == decimal);
        let whole_end = decimal_at.unwrap_or(end);
        if let Some(d) = decimal_at
            && (d + 1 == end || (d + 1..end).any(|i| !self.at(i).is_ascii_digit()))
        {
            return None;
        }
        let mut group_start = start;
        let mut groups = 0;
        for i in start..=whole_end {
            if i < whole_end && self.at(i).is_ascii_digit() {
                continue;
            }
            if i < whole_end && self.at(i) != thousands {
                return None;
            }
            let length = i - group_start;
            let fits = if groups == 0 {
                length >= 1 && (i == whole_end || length <= 3)
            } else {
                length == 3
            };
            if !fits {
                return None;
            }
            groups += 1;
            group_start = i + 1;
        }
        let decimals = decimal_at.map_or(0, |d| end - d - 1);
        let digits = (start..end)
            .map(|i| self.at(i))
            .filter(char::is_ascii_digit);
        Some(Parsed {
            value: Decimal::from_digits(digits, decimals)?,
            alt: None,
            decimals: u8::try_from(decimals).ok()?,
            power: 0,
        })
    }

    /// `1.250` in English or `1,250` in Vietnamese: one decimal mark with
    /// three digits after it, as the other convention groups thousands.
    fn looks_copied(&self, start: usize, end: usize, decimal: char) -> bool {
        let mut marks = (start..end).filter(|&i| !self.at(i).is_ascii_digit());
        match (marks.next(), marks.next()) {
            (Some(mark), None) => {
                self.at(mark) == decimal
                    && (1..=3).contains(&(mark - start))
                    && self.at(start) != '0'
                    && end - mark - 1 == 3
            }
            _ => false,
        }
    }

    // ------------------------------------------------------------ numbers

    /// Pushes what the number turns out to be; returns where to go on.
    fn read_number(&mut self, raw: &RawNumber) -> usize {
        match self.number_quantity(raw) {
            Some((quantity, resume)) => {
                self.out.push(quantity);
                resume
            }
            None => raw.tail,
        }
    }

    /// The quantity a number makes with its surroundings (a date, a
    /// percentage, a scaled or plain number), and where it ends; `None`
    /// for Chinese numerals that are part of a word.
    fn number_quantity(&self, raw: &RawNumber) -> Option<(Quantity, usize)> {
        if let Some(found) = self.date_after(raw) {
            return Some(found);
        }
        let (context, start) = self.prefix_context(raw.start);
        let suffix = self.suffix_after(raw.tail, raw.script);
        let weak = match raw.script {
            Script::Arabic => false,
            Script::Han(form) => self.han_weakness(raw, form, context)?,
        };
        let unit = match context {
            Context::Percent => Unit::Percent,
            Context::Permille => Unit::Permille,
            Context::Free | Context::Ordinal => suffix.unit,
        };
        let number = Number {
            value: raw.parsed.value.times_ten_to(suffix.power),
            alt: raw.parsed.alt.map(|a| a.times_ten_to(suffix.power)),
            unit,
            decimals: raw.parsed.decimals,
            power: suffix.power + raw.parsed.power,
        };
        let end = if suffix.end > raw.tail {
            suffix.end
        } else {
            raw.end
        };
        let quantity = Quantity {
            value: Value::Number(number),
            span: (start, end),
            weak,
        };
        Some((quantity, suffix.end.max(raw.tail)))
    }

    /// `第` before a number makes an ordinal, `百分之` a percentage,
    /// `千分之` per mille; the span then starts there.
    fn prefix_context(&self, start: usize) -> (Context, usize) {
        if self.prev(start) == '第' {
            return (Context::Ordinal, start - 1);
        }
        if let Some(prefix_start) = start.checked_sub(3) {
            if self.starts_with(prefix_start, "百分之") {
                return (Context::Percent, prefix_start);
            }
            if self.starts_with(prefix_start, "千分之") {
                return (Context::Permille, prefix_start);
            }
        }
        (Context::Free, start)
    }

    /// For Chinese numerals: `Some(weak)` when they are a number here,
    /// `None` when they are part of a word.
    fn han_weakness(&self, raw: &RawNumber, form: HanForm, context: Context) -> Option<bool> {
        let small =
            raw.parsed.decimals == 0 && raw.parsed.value.as_integer().is_some_and(|v| v <= 10);
        match context {
            Context::Percent | Context::Permille => return Some(false),
            Context::Ordinal => return Some(small),
            Context::Free => {}
        }
        // 一点一点 is "little by little": decimals count only with 万 or 亿.
        if form.digit_sequence || (raw.parsed.decimals > 0 && !form.big_unit) {
            return None;
        }
        if form.big_unit || (form.positional && form.chars >= 2) {
            return Some(small);
        }
        if form.chars == 1 && raw.parsed.value == Decimal::integer(1) {
            return None;
        }
        self.counts_follow(raw.end).then_some(small)
    }

    /// Whether a measure word or unit follows (after 多, 余 or 来), as in
    /// `三个`, `两名`, `五项`, or `中全会` (the fifth plenary session).
    fn counts_follow(&self, at: usize) -> bool {
        let at = if matches!(self.at(at), '多' | '余' | '来' | '几') {
            at + 1
        } else {
            at
        };
        const MEASURES: &str = "个名人次岁项条家所例元件批场期天周倍台张篇份类种位届级轮段支座户套本册\
                                页章节款部组队剂针床间辆枚颗片盒瓶只株亩吨斤米克升度秒年月日号点层栋\
                                幢口村乡镇县省市区方季";
        const WORDS: [&str; 6] = ["小时", "分钟", "公里", "公斤", "周岁", "中全会"];
        MEASURES.contains(self.at(at)) || WORDS.iter().any(|w| self.starts_with(at, w))
    }

    /// Scale words and a unit after a number.
    fn suffix_after(&self, at: usize, script: Script) -> Suffix {
        let (power, after_scale) = match script {
            Script::Arabic => self.scale_after(at),
            Script::Han(_) => (0, at),
        };
        let unit_at = self.skip_spaces(after_scale);
        let (unit, end) = match self.at(unit_at) {
            '%' => (Unit::Percent, unit_at + 1),
            '‰' => (Unit::Permille, unit_at + 1),
            _ => self
                .unit_words_after(after_scale)
                .unwrap_or((Unit::Plain, after_scale)),
        };
        Suffix { unit, power, end }
    }

    /// The power of ten of the scale words after `at` (`万`, `3千万`,
    /// `triệu`, `nghìn tỷ`, `million`) and where they end.
    fn scale_after(&self, at: usize) -> (i32, usize) {
        let mut power = 0;
        let mut i = at;
        while power < 12
            && let Some(p) = self.chinese_scale(i)
        {
            power += p;
            i += 1;
        }
        if power > 0 {
            return (power, i);
        }
        for _ in 0..2 {
            let Some((start, end)) = self.next_word(i) else {
                break;
            };
            let Some(p) = self.scale_word(start, end) else {
                break;
            };
            power += p;
            i = end;
            if self.lang != Language::Vietnamese {
                break;
            }
        }
        (power, i)
    }

    fn chinese_scale(&self, i: usize) -> Option<i32> {
        match (self.at(i), self.at(i + 1)) {
            ('万' | '萬', _) => Some(4),
            ('亿' | '億', _) => Some(8),
            // 千米 is a kilometre, 千克 a kilogram, 百分点 a percentage point.
            ('千', next) if !matches!(next, '米' | '克' | '瓦' | '卡' | '分' | '字') => {
                Some(3)
            }
            ('百', next) if next != '分' => Some(2),
            _ => None,
        }
    }

    fn scale_word(&self, start: usize, end: usize) -> Option<i32> {
        let is = |word: &str| self.word_is(start, end, word);
        let next_is = |words: &[&str]| {
            self.next_word(end)
                .is_some_and(|(s, e)| words.iter().any(|w| self.word_is(s, e, w)))
        };
        match self.lang {
            Language::Vietnamese => {
                if is("nghìn") || is("ngàn") {
                    Some(3)
                } else if is("trăm") {
                    Some(2)
                } else if is("triệu") && !next_is(&["chứng"]) {
                    Some(6)
                } else if (is("tỷ") || is("tỉ")) && !next_is(&["lệ", "số", "suất", "trọng"])
                {
                    Some(9)
                } else {
                    None
                }
            }
            Language::Other => [
                ("thousand", 3),
                ("million", 6),
                ("billion", 9),
                ("trillion", 12),
            ]
            .iter()
            .find(|(w, _)| is(w))
            .map(|&(_, p)| p),
            Language::Chinese => None,
        }
    }

    /// `phần trăm`, `phần nghìn`, `percent`, `per cent` after `at`.
    fn unit_words_after(&self, at: usize) -> Option<(Unit, usize)> {
        let (s1, e1) = self.next_word(at)?;
        let second = self.next_word(e1);
        let second_is = |word: &str| {
            second
                .filter(|&(s, e)| self.word_is(s, e, word))
                .map(|(_, e)| e)
        };
        match self.lang {
            Language::Vietnamese if self.word_is(s1, e1, "phần") => {
                second_is("trăm").map(|e| (Unit::Percent, e)).or_else(|| {
                    second_is("nghìn")
                        .or_else(|| second_is("ngàn"))
                        .map(|e| (Unit::Permille, e))
                })
            }
            Language::Other if self.word_is(s1, e1, "percent") => Some((Unit::Percent, e1)),
            Language::Other if self.word_is(s1, e1, "per") => {
                second_is("cent").map(|e| (Unit::Percent, e))
            }
            _ => None,
        }
    }

    // ------------------------------------------------------------ dates

    /// A date that the number starts, ends or sits in.
    fn date_after(&self, raw: &RawNumber) -> Option<(Quantity, usize)> {
        let value = raw.integer()?;
        let (date, span, resume) = self.chinese_date(raw, value).or_else(|| match self.lang {
            Language::Vietnamese => self.vietnamese_date(raw, value),
            Language::Other => self.english_date_from_day(raw, value),
            Language::Chinese => None,
        })?;
        let quantity = Quantity {
            value: Value::date(date),
            span,
            weak: false,
        };
        Some((quantity, resume))
    }

    fn is_year(&self, raw: &RawNumber, value: u128) -> bool {
        let written = match raw.script {
            Script::Arabic => raw.end - raw.start == 4,
            Script::Han(form) => form.digit_sequence && form.chars == 4,
        };
        written && (1000..=2999).contains(&value)
    }

    /// `2024年`, `2024年7月`, `2024年7月11日`, `7月`, `7月11号`, in Arabic or
    /// Chinese numerals.
    fn chinese_date(&self, raw: &RawNumber, value: u128) -> Option<(Date, Span, usize)> {
        let at = match raw.script {
            Script::Arabic => self.skip_spaces(raw.tail),
            Script::Han(_) => raw.tail,
        };
        match self.at(at) {
            '年' if self.is_year(raw, value) => {
                let after_year = at + 1;
                let (month, day, end) = self
                    .chinese_month_day(after_year)
                    .map_or((None, None, after_year), |(m, d, e)| (Some(m), d, e));
                let date = Date::checked(Some(value), month, day)?;
                Some((date, (raw.start, end), end))
            }
            '月' if self.at(at + 1) != '龄' => {
                if let Script::Han(form) = raw.script
                    && form.digit_sequence
                {
                    return None;
                }
                let after_month = at + 1;
                let (day, end) = self
                    .chinese_day(after_month)
                    .map_or((None, after_month), |(d, e)| (Some(d), e));
                let date = Date::checked(None, Some(value), day)?;
                Some((date, (raw.start, end), end))
            }
            _ => None,
        }
    }

    /// `7月` or `7月11日` at `at`: the month, the day and their end.
    fn chinese_month_day(&self, at: usize) -> Option<(u128, Option<u128>, usize)> {
        let (month, after) = self.small_integer_at(self.skip_spaces(at))?;
        let month_at = self.skip_spaces(after);
        if self.at(month_at) != '月' || self.at(month_at + 1) == '龄' {
            return None;
        }
        let after_month = month_at + 1;
        Some(match self.chinese_day(after_month) {
            Some((day, end)) => (month, Some(day), end),
            None => (month, None, after_month),
        })
    }

    /// `11日` or `十一号` at `at`: the day and its end.
    fn chinese_day(&self, at: usize) -> Option<(u128, usize)> {
        let (day, after) = self.small_integer_at(self.skip_spaces(at))?;
        let day_at = self.skip_spaces(after);
        matches!(self.at(day_at), '日' | '号').then_some((day, day_at + 1))
    }

    /// One or two digits, or Chinese numerals up to 99, at `at`.
    fn small_integer_at(&self, at: usize) -> Option<(u128, usize)> {
        if self.at(at).is_ascii_digit() {
            let end = self.digits_end(at);
            return (end - at <= 2 && !is_inner_mark(self.at(end)))
                .then(|| self.integer_in(at, end).map(|v| (v, end)))
                .flatten();
        }
        if !is_han_numeral(self.at(at)) {
            return None;
        }
        let end = self.han_run_end(at);
        let (parsed, form) = parse_han(self.chars.get(at..end)?)?;
        let value = parsed.value.as_integer().filter(|&v| v < 100)?;
        (!form.digit_sequence && parsed.decimals == 0).then_some((value, end))
    }

    /// `ngày 11 tháng 7 [năm 2024]`, `11 tháng 7 năm 2024`, `tháng 7 [năm
    /// 2024]`, `năm 2024`, read from the number.
    fn vietnamese_date(&self, raw: &RawNumber, value: u128) -> Option<(Date, Span, usize)> {
        if raw.script != Script::Arabic {
            return None;
        }
        let short = raw.end - raw.start <= 2;
        let ngay = self.prev_word_is(raw.start, "ngày");
        if short && let Some(found) = self.vietnamese_day_month(raw, value, ngay) {
            return Some(found);
        }
        if short && let Some(keyword) = self.prev_word_is(raw.start, "tháng") {
            let (year, end) = self
                .vietnamese_year(raw.tail)
                .map_or((None, raw.tail), |(y, e)| (Some(y), e));
            let date = Date::checked(year, Some(value), None)?;
            return Some((date, (keyword, end), end));
        }
        let keyword = self.prev_word_is(raw.start, "năm")?;
        self.is_year(raw, value).then_some(())?;
        let date = Date::checked(Some(value), None, None)?;
        Some((date, (keyword, raw.tail), raw.tail))
    }

    /// `ngày 11 tháng 7 [năm 2024]`, or `11 tháng 7 năm 2024` without `ngày`.
    fn vietnamese_day_month(
        &self,
        raw: &RawNumber,
        day: u128,
        ngay: Option<usize>,
    ) -> Option<(Date, Span, usize)> {
        let (month_word, month_word_end) = self.next_word(raw.tail)?;
        if !self.word_is(month_word, month_word_end, "tháng") {
            return None;
        }
        let (month, after_month, length) = self.integer_word(month_word_end)?;
        if length > 2 {
            return None;
        }
        let year = self.vietnamese_year(after_month);
        if ngay.is_none() && year.is_none() {
            return None;
        }
        let (year, end) = year.map_or((None, after_month), |(y, e)| (Some(y), e));
        let date = Date::checked(year, Some(month), Some(day))?;
        Some((date, (ngay.unwrap_or(raw.start), end), end))
    }

    /// `năm 2024` after `at`: the year and its end.
    fn vietnamese_year(&self, at: usize) -> Option<(u128, usize)> {
        let (start, end) = self.next_word(at)?;
        if !self.word_is(start, end, "năm") {
            return None;
        }
        let (year, year_end, length) = self.integer_word(end)?;
        (length == 4).then_some((year, year_end))
    }

    /// `11 July [2024]`, read from the day.
    fn english_date_from_day(&self, raw: &RawNumber, day: u128) -> Option<(Date, Span, usize)> {
        if raw.script != Script::Arabic || raw.end - raw.start > 2 {
            return None;
        }
        let (start, end) = self.next_word(raw.tail)?;
        let month = self.english_month(start, end)?;
        let (year, stop) = self
            .english_year(end)
            .map_or((None, end), |(y, e)| (Some(y), e));
        let date = Date::checked(year, Some(month), Some(day))?;
        Some((date, (raw.start, stop), stop))
    }

    /// `2024` or `, 2024` after `at`.
    fn english_year(&self, at: usize) -> Option<(u128, usize)> {
        let mut i = self.skip_spaces(at);
        if self.at(i) == ',' {
            i += 1;
        }
        let (year, end, length) = self.integer_word(i)?;
        (length == 4 && (1000..=2999).contains(&year)).then_some((year, end))
    }

    /// The month a capitalised English month name stands for.
    fn english_month(&self, start: usize, end: usize) -> Option<u128> {
        const MONTHS: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        if !self.at(start).is_uppercase() {
            return None;
        }
        let found = MONTHS.iter().position(|name| {
            self.word_is(start, end, name)
                || (end - start == 3 && self.word_is(start, end, name.get(..3).unwrap_or(name)))
                || (*name == "september" && self.word_is(start, end, "sept"))
        })?;
        u128::try_from(found + 1).ok()
    }

    /// `July 11, 2024`, `July 2024`, `July`, read from the month name. A
    /// month alone is weak: `May` and `March` are words too.
    fn read_english_date(&mut self, month: u128, start: usize, end: usize) -> usize {
        if let Some((day_start, day_end)) = self.next_word(end)
            && let Some(day) = self.english_day(day_start, day_end)
        {
            let (year, stop) = self
                .english_year(day_end)
                .map_or((None, day_end), |(y, e)| (Some(y), e));
            if let Some(date) = Date::checked(year, Some(month), Some(day)) {
                self.push(Value::date(date), (start, stop), false);
                return stop;
            }
        }
        if let Some((year, stop)) = self.english_year(end)
            && let Some(date) = Date::checked(Some(year), Some(month), None)
        {
            self.push(Value::date(date), (start, stop), false);
            return stop;
        }
        if let Some(date) = Date::checked(None, Some(month), None) {
            self.push(Value::date(date), (start, end), true);
        }
        end
    }

    /// A day of the month written `11` or `11th`.
    fn english_day(&self, start: usize, end: usize) -> Option<u128> {
        let digits_end = self.digits_end(start);
        if digits_end - start > 2 {
            return None;
        }
        let ending_ok = digits_end == end
            || ["st", "nd", "rd", "th"]
                .iter()
                .any(|e| self.word_is(digits_end, end, e));
        let day = self.integer_in(start, digits_end)?;
        (ending_ok && (1..=31).contains(&day)).then_some(day)
    }

    // ------------------------------------------------------------ words

    /// Number words and Roman numerals, all weak; English month names.
    fn read_word(&mut self, start: usize, end: usize) -> usize {
        if let Some(value) = self.roman_value(start, end) {
            self.push_weak_count(value, (start, end));
            return end;
        }
        match self.lang {
            Language::Vietnamese => match self.vietnamese_count(start, end) {
                Some((value, stop)) => {
                    self.push_weak_count(value, (start, stop));
                    stop
                }
                None => end,
            },
            Language::Other => self.read_english_word(start, end),
            Language::Chinese => end,
        }
    }

    /// An upper-case Roman numeral from I to CCCXCIX (`XII`, `IV`).
    fn roman_value(&self, start: usize, end: usize) -> Option<u128> {
        if end - start > 8 {
            return None;
        }
        let mut total: u128 = 0;
        let mut previous = 0;
        for i in (start..end).rev() {
            let value = match self.at(i) {
                'I' => 1,
                'V' => 5,
                'X' => 10,
                'L' => 50,
                'C' => 100,
                _ => return None,
            };
            if value < previous {
                total = total.checked_sub(value)?;
            } else {
                total += value;
                previous = value;
            }
        }
        let single_letter_word = end - start == 1 && matches!(self.at(start), 'L' | 'C');
        (total > 0 && !single_letter_word).then_some(total)
    }

    /// `hai`, `mười lăm`, `hai mươi mốt`, `thứ tư`, `thứ nhất`: the value
    /// and the end of the words. `năm` is never read: it is also "year".
    fn vietnamese_count(&self, start: usize, end: usize) -> Option<(u128, usize)> {
        if end - start > 4 {
            return None;
        }
        let after_ordinal = self
            .prev_word(start)
            .is_some_and(|(s, e)| self.word_is(s, e, "thứ") || self.word_is(s, e, "tháng"));
        let ones_after = |from: usize, after_tens: bool| {
            let (s, e) = self.next_word(from)?;
            let value = self.vietnamese_digit(s, e, after_tens).or_else(|| {
                let alternative = [("lăm", 5), ("mốt", 1), ("tư", 4)]
                    .iter()
                    .find(|(w, _)| self.word_is(s, e, w))?;
                (after_tens || alternative.0 == "lăm").then_some(alternative.1)
            })?;
            Some((value, e))
        };
        if self.word_is(start, end, "mười") {
            return Some(ones_after(end, false).map_or((10, end), |(ones, e)| (10 + ones, e)));
        }
        let digit = self.vietnamese_digit(start, end, after_ordinal)?;
        let tens = self
            .next_word(end)
            .filter(|&(s, e)| self.word_is(s, e, "mươi"));
        Some(match tens {
            Some((_, tens_end)) => ones_after(tens_end, true)
                .map_or((digit * 10, tens_end), |(ones, e)| (digit * 10 + ones, e)),
            None => (digit, end),
        })
    }

    fn vietnamese_digit(&self, start: usize, end: usize, after_ordinal: bool) -> Option<u128> {
        const DIGITS: [(&str, u128); 9] = [
            ("một", 1),
            ("hai", 2),
            ("ba", 3),
            ("bốn", 4),
            ("sáu", 6),
            ("bảy", 7),
            ("bẩy", 7),
            ("tám", 8),
            ("chín", 9),
        ];
        let found = DIGITS
            .iter()
            .find(|(w, _)| self.word_is(start, end, w))
            .map(|&(_, v)| v);
        // `tư` (4) and `nhất` (1) are numbers only in `thứ tư`, `thứ nhất`.
        let ordinal = || {
            if self.word_is(start, end, "tư") {
                Some(4)
            } else if self.word_is(start, end, "nhất") {
                Some(1)
            } else {
                None
            }
        };
        found.or_else(|| after_ordinal.then(ordinal).flatten())
    }

    fn read_english_word(&mut self, start: usize, end: usize) -> usize {
        if let Some(month) = self.english_month(start, end) {
            return self.read_english_date(month, start, end);
        }
        const WORDS: [&str; 24] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth",
        ];
        // `five` or the `five` of `five-year`.
        let head_end = (start..end).find(|&i| self.at(i) == '-').unwrap_or(end);
        if let Some(index) = WORDS.iter().position(|w| self.word_is(start, head_end, w))
            && let Ok(index) = u128::try_from(index % 12)
        {
            self.push_weak_count(index + 1, (start, head_end));
        }
        end
    }

    // ------------------------------------------------------------ Chinese

    /// The end of a run of Chinese numerals with its `点` decimals and
    /// their scale (`一点二亿`).
    fn han_run_end(&self, start: usize) -> usize {
        let mut i = start;
        while is_han_numeral(self.at(i)) {
            i += 1;
        }
        if self.at(i) == '点' && han_digit(self.at(i + 1)).is_some() {
            i += 1;
            while han_digit(self.at(i)).is_some() {
                i += 1;
            }
            while big_unit(self.at(i)).is_some() {
                i += 1;
            }
        }
        i
    }

    fn read_han_run(&mut self, start: usize) -> usize {
        let end = self.han_run_end(start);
        if let Some(idiom_end) = self.idiom_end(start) {
            return idiom_end;
        }
        if self.starts_with(end, "分之") {
            return self.fraction_end(start, end);
        }
        if let Some(plan) = self.five_year_plan(start, end) {
            self.push_plan(plan, (start, end));
            return end;
        }
        // 每千人口, 每十万人: "per thousand", "per hundred thousand"; weak,
        // as translations may write the rate in words.
        if self.prev(start) == '每'
            && let Some(value) = per_base(&self.chars[start..end])
        {
            self.push_weak_count(value, (start, end));
            return end;
        }
        let Some((parsed, form)) = self.chars.get(start..end).and_then(parse_han) else {
            return end;
        };
        let raw = RawNumber {
            parsed,
            start,
            end,
            tail: end,
            script: Script::Han(form),
        };
        self.read_number(&raw).max(end)
    }

    /// The end of an idiom with numerals that starts at `start` (or at the
    /// `第` before it).
    fn idiom_end(&self, start: usize) -> Option<usize> {
        let candidates = [Some(start), start.checked_sub(1)];
        candidates.into_iter().flatten().find_map(|from| {
            CHINESE_IDIOMS
                .iter()
                .find(|idiom| self.starts_with(from, idiom))
                .map(|idiom| from + idiom.chars().count())
        })
    }

    /// After `X分之Y`: `百分之` and `千分之` end there, so that the number
    /// after them is read as a percentage; other fractions (`三分之一`) are
    /// skipped whole.
    fn fraction_end(&self, start: usize, end: usize) -> usize {
        let after = end + 2;
        if end - start == 1 && matches!(self.at(start), '百' | '千') {
            return after;
        }
        if self.at(after).is_ascii_digit() {
            self.chunk_end(after)
        } else {
            self.han_run_end(after)
        }
    }

    /// `十四五` (the 14th Five-Year Plan): 14.
    fn five_year_plan(&self, start: usize, end: usize) -> Option<u128> {
        if end - start != 3 || self.at(start) != '十' || self.at(start + 2) != '五' {
            return None;
        }
        han_digit(self.at(start + 1))
            .filter(|&d| d > 0)
            .map(|d| 10 + d)
    }

    /// The plan's number, 5, and its first and last years, all weak.
    fn push_plan(&mut self, plan: u128, span: Span) {
        self.push_weak_count(plan, span);
        self.push_weak_count(5, span);
        let first_year = 1951 + 5 * plan;
        for year in [first_year, first_year + 4] {
            if let Some(date) = Date::checked(Some(year), None, None) {
                self.push(Value::date(date), span, true);
            }
        }
    }

    /// `〔2019〕2号` (with the issuer before it) or a footnote mark `[1]`.
    fn read_bracket(&mut self, open: usize) -> Option<usize> {
        let close = closing_bracket(self.at(open))?;
        let digits_end = self.digits_end(open + 1);
        let digits = digits_end - open - 1;
        if digits == 0 || self.at(digits_end) != close {
            return None;
        }
        if self.at(open) == '[' && digits <= 3 {
            return Some(digits_end + 1);
        }
        let year = self
            .integer_in(open + 1, digits_end)
            .filter(|_| digits == 4)?;
        let mut number_start = self.skip_spaces(digits_end + 1);
        if self.at(number_start) == '第' {
            number_start += 1;
        }
        let number_end = self.digits_end(number_start);
        let number = self
            .integer_in(number_start, number_end)
            .filter(|_| number_end - number_start <= 6)?;
        let hao = self.skip_spaces(number_end);
        if self.at(hao) != '号' {
            return None;
        }
        let doc = Doc {
            key: format!("〔{year}〕{number}号"),
            numbers: vec![year, number],
            chinese: true,
        };
        self.push(Value::Doc(doc), (self.issuer_start(open), hao + 1), false);
        Some(hao + 1)
    }

    /// Where the issuer's abbreviation before `〔` starts (`国办发`).
    fn issuer_start(&self, open: usize) -> usize {
        let mut start = open;
        while open - start < 6
            && start > 0
            && is_cjk(self.at(start - 1))
            && !"据照按依见于和及与的了将对在由经为即《》“”、，：".contains(self.at(start - 1))
        {
            start -= 1;
        }
        start
    }

    // ------------------------------------------------------------ ranges

    /// `2021 - 2025`, `2021—2025年`, `2021至2025年`: both ends are years.
    fn promote_year_ranges(&mut self) {
        for k in 1..self.out.len() {
            let (Some(first), Some(second)) = (
                self.range_year(&self.out[k - 1]),
                self.range_year(&self.out[k]),
            ) else {
                continue;
            };
            if first < second && self.is_range_mark(self.out[k - 1].span.1, self.out[k].span.0) {
                for (index, year) in [(k - 1, first), (k, second)] {
                    if let Some(date) = Date::checked(Some(u128::from(year)), None, None) {
                        self.out[index].value = Value::date(date);
                    }
                }
            }
        }
    }

    fn range_year(&self, quantity: &Quantity) -> Option<u16> {
        match &quantity.value {
            Value::Date { date, alt: None } => date.year_only(),
            Value::Number(number)
                if number.unit == Unit::Plain
                    && number.power == 0
                    && number.alt.is_none()
                    && quantity.span.1.saturating_sub(quantity.span.0) == 4 =>
            {
                let year = number.value.as_integer()?;
                u16::try_from(year)
                    .ok()
                    .filter(|y| (1000..=2999).contains(y))
            }
            _ => None,
        }
    }

    fn is_range_mark(&self, from: usize, to: usize) -> bool {
        if to <= from || to - from > 8 {
            return false;
        }
        let between: String = (from..to).map(|i| self.at(i)).collect();
        let between = between.trim();
        ["-", "–", "—", "——", "~", "至", "到", "đến", "to"].contains(&between)
    }
}

// ---------------------------------------------------------------- chars

/// Full-width ASCII, odd spaces and hyphens and the circle used for zero
/// in their usual form; a full-width comma stays a Chinese comma.
fn half_width(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}'
        | '\u{FF05}'
        | '\u{FF08}'
        | '\u{FF09}'
        | '\u{FF0D}'
        | '\u{FF0E}'
        | '\u{FF0F}'
        | '\u{FF3B}'
        | '\u{FF3D}'
        | '\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
        '\u{2010}' | '\u{2011}' => '-',
        '\u{25CB}' | '\u{25EF}' => '〇',
        _ => c,
    }
}

/// Letters (Latin, Vietnamese and other alphabets), digits and combining
/// marks; not CJK.
fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..0x80 => c.is_ascii_alphanumeric(),
        // Latin-1 and Latin Extended A/B letters, Vietnamese ones among
        // them (all but × and ÷), combining marks, Latin Extended
        // Additional (ạ ả ấ …): the common cases, without a table lookup.
        0xC0..0x250 => c != '×' && c != '÷',
        0x300..0x370 | 0x1E00..0x1F00 => true,
        0x2E80.. => false,
        _ => c.is_alphabetic(),
    }
}

/// The lower case of a char that has a single-char one.
fn lower_case(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn is_letter(c: char) -> bool {
    is_word_char(c) && !c.is_ascii_digit()
}

fn is_cjk(c: char) -> bool {
    u32::from(c) >= 0x2E80 && c.is_alphabetic()
}

/// Marks that join the parts of one number, date or code.
fn is_inner_mark(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '-' | '_' | '@')
}

fn is_bullet(c: char) -> bool {
    "-–—•▪◦·*✓✔→►➢●■□◆◇+".contains(c)
}

fn closing_bracket(c: char) -> Option<char> {
    match c {
        '〔' => Some('〕'),
        '[' => Some(']'),
        '【' => Some('】'),
        '(' => Some(')'),
        '〖' => Some('〗'),
        _ => None,
    }
}

fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '萬' | '亿' | '億')
}

fn han_digit(c: char) -> Option<u128> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Case-folded with Đ as D, for comparing document symbols.
fn fold_symbol(c: char) -> char {
    match c {
        'Đ' | 'đ' => 'd',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

// ---------------------------------------------------------------- Chinese numerals

/// A run of Chinese numerals in strict form: positional (`一百二十五`,
/// `三万五千`, `十一`) or digit by digit (`二〇二四`), with `点` decimals
/// and their scale (`一点二亿`). Shorthand and approximations (`一百五`,
/// `三四`, `七八十`) give `None`.
fn parse_han(run: &[char]) -> Option<(Parsed, HanForm)> {
    let (whole, after_point) = match run.iter().position(|&c| c == '点') {
        Some(point) => (run.get(..point)?, run.get(point + 1..)?),
        None => (run, &[][..]),
    };
    let scale_at = after_point
        .iter()
        .position(|&c| big_unit(c).is_some())
        .unwrap_or(after_point.len());
    let (fraction, scale) = after_point.split_at(scale_at);
    let mut power = 0;
    for &c in scale {
        power += match big_unit(c)? {
            10_000 => 4,
            _ => 8,
        };
    }
    let digit_sequence = whole.len() >= 2
        && whole
            .iter()
            .all(|&c| han_digit(c).is_some() && !matches!(c, '两' | '兩'));
    let integer = if digit_sequence {
        whole.iter().try_fold(0u128, |acc, &c| {
            acc.checked_mul(10)?.checked_add(han_digit(c)?)
        })?
    } else if matches!(whole, ['零' | '〇' | '○']) && !fraction.is_empty() {
        0
    } else {
        positional_value(whole)?
    };
    let mut mantissa = integer;
    for &c in fraction {
        let digit = han_digit(c).filter(|_| !matches!(c, '两' | '兩'))?;
        mantissa = mantissa.checked_mul(10)?.checked_add(digit)?;
    }
    if mantissa == 0 {
        return None;
    }
    let decimals = u8::try_from(fraction.len()).ok()?;
    let parsed = Parsed {
        value: Decimal::new(mantissa, -i32::from(decimals)).times_ten_to(power),
        alt: None,
        decimals: if power > 0 { 0 } else { decimals },
        power,
    };
    let form = HanForm {
        chars: run.len(),
        positional: whole.iter().any(|c| matches!(c, '十' | '百' | '千')),
        big_unit: power > 0 || whole.iter().any(|c| big_unit(*c).is_some()),
        digit_sequence,
    };
    Some((parsed, form))
}

/// The base of a rate after 每: 十, 百, 千, 万, 十万, 百万 alone.
fn per_base(run: &[char]) -> Option<u128> {
    let base = match run {
        ['十'] => 10,
        ['百'] => 100,
        ['千'] => 1_000,
        ['万'] => 10_000,
        ['十', '万'] => 100_000,
        ['百', '万'] => 1_000_000,
        _ => return None,
    };
    Some(base)
}

/// The value of positional Chinese numerals; `None` unless well formed.
fn positional_value(whole: &[char]) -> Option<u128> {
    let mut total: u128 = 0;
    let mut section: u128 = 0;
    let mut digit: Option<u128> = None;
    let mut last_unit = u128::MAX;
    let mut last_big = u128::MAX;
    let mut zero = false;
    for (i, &c) in whole.iter().enumerate() {
        if let Some(d) = han_digit(c) {
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
        } else if let Some(unit) = small_unit(c) {
            if unit >= last_unit {
                return None;
            }
            let multiplier = match digit.take() {
                Some(d) => d,
                // 十二 is twelve; 百 and 千 need their digit.
                None if unit == 10 && i == 0 => 1,
                None => return None,
            };
            section = section.checked_add(multiplier.checked_mul(unit)?)?;
            last_unit = unit;
            zero = false;
        } else {
            let big = big_unit(c)?;
            if big >= last_big {
                return None;
            }
            section = section.checked_add(digit.take().unwrap_or(0))?;
            if section == 0 {
                return None;
            }
            total = total.checked_add(section.checked_mul(big)?)?;
            section = 0;
            last_unit = 10_000;
            last_big = big;
            zero = false;
        }
    }
    if let Some(d) = digit {
        // A last digit straight after 百, 千 or 万 is shorthand (一百五).
        if last_unit != u128::MAX && last_unit > 10 && !zero {
            return None;
        }
        section = section.checked_add(d)?;
    }
    let value = total.checked_add(section)?;
    (value > 0).then_some(value)
}

fn small_unit(c: char) -> Option<u128> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

fn big_unit(c: char) -> Option<u128> {
    match c {
        '万' | '萬' => Some(10_000),
        '亿' | '億' => Some(100_000_000),
        _ => None,
    }
}

// ---------------------------------------------------------------- matching

/// How a reported pair differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pairing {
    Changed,
    Swapped,
}

/// What each quantity of either side was matched with.
struct Matching<'q> {
    source: &'q [Quantity],
    target: &'q [Quantity],
    source_done: Vec<bool>,
    target_done: Vec<bool>,
    /// Source and target quantities reported together.
    pairs: Vec<(usize, usize, Pairing)>,
}

/// What must be equal for an exact match.
#[derive(PartialEq, Eq, Hash)]
enum Key<'a> {
    Number(Unit, Decimal),
    Date(Date),
    Doc(&'a str),
}

fn key(quantity: &Quantity) -> Key<'_> {
    match &quantity.value {
        Value::Number(n) => Key::Number(n.unit, n.value),
        Value::Date { date, .. } => Key::Date(*date),
        Value::Doc(doc) => Key::Doc(&doc.key),
    }
}

/// The kinds that a lone leftover on each side is paired within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Number,
    Date,
    Doc,
}

fn class(quantity: &Quantity) -> Class {
    match &quantity.value {
        Value::Number(_) => Class::Number,
        Value::Date { date, .. } if date.year_only().is_some() => Class::Number,
        Value::Date { .. } => Class::Date,
        Value::Doc(_) => Class::Doc,
    }
}

impl<'q> Matching<'q> {
    fn run(source: &'q [Quantity], target: &'q [Quantity]) -> Matching<'q> {
        let mut matching = Matching {
            source,
            target,
            source_done: vec![false; source.len()],
            target_done: vec![false; target.len()],
            pairs: Vec::new(),
        };
        matching.match_exact();
        let left = |done: &[bool]| done.iter().filter(|&&d| !d).count();
        let pairs_to_try = left(&matching.source_done).saturating_mul(left(&matching.target_done));
        if pairs_to_try <= PAIRWISE_BUDGET {
            matching.match_where(|s, t| !s.weak && !t.weak && agree(s, t));
            matching.match_where(|s, t| s.weak != t.weak && agree(s, t));
            matching.match_where(|s, t| !s.weak && !t.weak && same_value_other_unit(s, t));
            matching.pair_swapped_dates();
            matching.match_parts();
            matching.pair_lone_leftovers();
        }
        matching
    }

    /// Strong quantities with equal values, in order of appearance.
    fn match_exact(&mut self) {
        let mut waiting: FxHashMap<Key<'q>, Vec<usize>> = FxHashMap::default();
        let target = self.target;
        for (t, quantity) in target.iter().enumerate().rev() {
            if !quantity.weak {
                waiting.entry(key(quantity)).or_default().push(t);
            }
        }
        for (s, quantity) in self.source.iter().enumerate() {
            if quantity.weak {
                continue;
            }
            if let Some(t) = waiting.get_mut(&key(quantity)).and_then(Vec::pop) {
                self.source_done[s] = true;
                self.target_done[t] = true;
            }
        }
    }

    fn first_open_target(
        &self,
        source: &Quantity,
        accept: &impl Fn(&Quantity, &Quantity) -> bool,
    ) -> Option<usize> {
        (0..self.target.len()).find(|&t| !self.target_done[t] && accept(source, &self.target[t]))
    }

    fn match_where(&mut self, accept: impl Fn(&Quantity, &Quantity) -> bool) {
        for s in 0..self.source.len() {
            if self.source_done[s] {
                continue;
            }
            if let Some(t) = self.first_open_target(&self.source[s], &accept) {
                self.source_done[s] = true;
                self.target_done[t] = true;
            }
        }
    }

    fn pair_swapped_dates(&mut self) {
        let accept = |s: &Quantity, t: &Quantity| !s.weak && !t.weak && swapped(s, t);
        for s in 0..self.source.len() {
            if self.source_done[s] {
                continue;
            }
            if let Some(t) = self.first_open_target(&self.source[s], &accept) {
                self.source_done[s] = true;
                self.target_done[t] = true;
                self.pairs.push((s, t, Pairing::Swapped));
            }
        }
    }

    /// A date or document number left on one side whose parts are all
    /// among the numbers left on the other (`ngày 25/4` against `4·25`).
    fn match_parts(&mut self) {
        for s in 0..self.source.len() {
            if self.source_done[s] || self.source[s].weak {
                continue;
            }
            if let Some(found) = parts_among(&self.source[s], self.target, &self.target_done) {
                self.source_done[s] = true;
                for t in found {
                    self.target_done[t] = true;
                }
            }
        }
        for t in 0..self.target.len() {
            if self.target_done[t] || self.target[t].weak {
                continue;
            }
            if let Some(found) = parts_among(&self.target[t], self.source, &self.source_done) {
                self.target_done[t] = true;
                for s in found {
                    self.source_done[s] = true;
                }
            }
        }
    }

    /// One strong leftover of a kind on each side: the same thing, changed.
    fn pair_lone_leftovers(&mut self) {
        for kind in [Class::Number, Class::Date, Class::Doc] {
            let s = lone_leftover(self.source, &self.source_done, kind);
            let t = lone_leftover(self.target, &self.target_done, kind);
            if let (Some(s), Some(t)) = (s, t) {
                self.source_done[s] = true;
                self.target_done[t] = true;
                self.pairs.push((s, t, Pairing::Changed));
            }
        }
    }
}

/// Whether two quantities may stand for the same thing.
fn agree(a: &Quantity, b: &Quantity) -> bool {
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => {
            x.unit == y.unit && x.readings().any(|r| y.readings().any(|q| q == r))
        }
        (Value::Date { date: x, alt: xa }, Value::Date { date: y, alt: ya }) => {
            let ys = [Some(*y), *ya];
            [Some(*x), *xa]
                .into_iter()
                .flatten()
                .any(|d| ys.into_iter().flatten().any(|e| d.agrees(e)))
        }
        (Value::Date { date, .. }, Value::Number(n))
        | (Value::Number(n), Value::Date { date, .. }) => date
            .year_only()
            .is_some_and(|year| n.reads_as_integer(u128::from(year))),
        (Value::Doc(x), Value::Doc(y)) => {
            x.key == y.key || (x.chinese != y.chinese && numbers_nest(&x.numbers, &y.numbers))
        }
        _ => false,
    }
}

/// Whether the shorter list is a non-empty sub-multiset of the longer.
fn numbers_nest(a: &[u128], b: &[u128]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut left = large.to_vec();
    !small.is_empty()
        && small
            .iter()
            .all(|n| match left.iter().position(|m| m == n) {
                Some(i) => {
                    left.swap_remove(i);
                    true
                }
                None => false,
            })
}

/// `2.5%` against `2.5`: a dropped sign is not worth an alarm.
fn same_value_other_unit(a: &Quantity, b: &Quantity) -> bool {
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => {
            x.unit != y.unit && x.readings().any(|r| y.readings().any(|q| q == r))
        }
        _ => false,
    }
}

fn swapped(a: &Quantity, b: &Quantity) -> bool {
    let (Value::Date { date: x, .. }, Value::Date { date: y, .. }) = (&a.value, &b.value) else {
        return false;
    };
    x.swapped().is_some_and(|s| {
        s.month == y.month
            && s.day == y.day
            && (s.year == y.year || s.year.is_none() || y.year.is_none())
    })
}

/// The open plain numbers of `others` that hold every part of `whole`.
fn parts_among(whole: &Quantity, others: &[Quantity], done: &[bool]) -> Option<Vec<usize>> {
    let parts = match &whole.value {
        Value::Date { date, .. } => date.parts(),
        Value::Doc(doc) => doc.numbers.clone(),
        Value::Number(_) => return None,
    };
    if parts.is_empty() {
        return None;
    }
    let mut picked: Vec<usize> = Vec::with_capacity(parts.len());
    for part in parts {
        let found = (0..others.len()).find(|&i| {
            !done[i]
                && !picked.contains(&i)
                && matches!(&others[i].value, Value::Number(n) if n.reads_as_integer(part))
        })?;
        picked.push(found);
    }
    Some(picked)
}

fn lone_leftover(quantities: &[Quantity], done: &[bool], kind: Class) -> Option<usize> {
    let mut open = (0..quantities.len())
        .filter(|&i| !done[i] && !quantities[i].weak && class(&quantities[i]) == kind);
    let first = open.next()?;
    open.next().is_none().then_some(first)
}

// ---------------------------------------------------------------- report

struct Report<'s> {
    source: &'s Side,
    target: &'s Side,
}

impl Report<'_> {
    fn problems(&self, matching: &Matching) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (s, quantity) in self.source.quantities.iter().enumerate() {
            let pair = matching.pairs.iter().find(|p| p.0 == s);
            if let Some(&(_, t, pairing)) = pair
                && let Some(other) = self.target.quantities.get(t)
            {
                problems.push(self.paired(quantity, other, pairing));
            } else if !matching.source_done[s] && !quantity.weak {
                problems.push(self.missing(quantity));
            }
        }
        for (t, quantity) in self.target.quantities.iter().enumerate() {
            if !matching.target_done[t] && !quantity.weak {
                problems.push(self.extra(quantity));
            }
        }
        problems
    }

    fn missing(&self, quantity: &Quantity) -> Problem {
        problem(
            format!(
                "{} in the source has no counterpart in the target",
                describe(self.source, quantity)
            ),
            Some(quantity.span),
            None,
            Some(render(self.source, quantity, self.target.lang)),
        )
    }

    fn extra(&self, quantity: &Quantity) -> Problem {
        problem(
            format!(
                "{} in the target has no counterpart in the source",
                describe(self.target, quantity)
            ),
            None,
            Some(quantity.span),
            None,
        )
    }

    fn paired(&self, source: &Quantity, target: &Quantity, pairing: Pairing) -> Problem {
        let shown = describe(self.source, source);
        let other = quoted(self.target, target);
        let message = match pairing {
            Pairing::Changed => format!("{shown} in the source is {other} in the target"),
            Pairing::Swapped => format!(
                "{shown} in the source is {other} in the target, with day and month swapped"
            ),
        };
        problem(
            message,
            Some(source.span),
            Some(target.span),
            Some(render(self.source, source, self.target.lang)),
        )
    }
}

fn problem(
    message: String,
    source_span: Option<Span>,
    target_span: Option<Span>,
    suggestion: Option<String>,
) -> Problem {
    Problem {
        category: Category::NumberMismatch,
        severity: Severity::Error,
        message,
        source_span,
        target_span,
        suggestion,
    }
}

/// `the date "11/7/2024" (11 July 2024)`.
fn describe(side: &Side, quantity: &Quantity) -> String {
    let noun = match &quantity.value {
        Value::Number(n) => match n.unit {
            Unit::Plain => "number",
            Unit::Percent => "percentage",
            Unit::Permille => "per-mille value",
        },
        Value::Date { date, .. } if date.year_only().is_some() => "year",
        Value::Date { .. } => "date",
        Value::Doc(_) => "document number",
    };
    format!("the {noun} {}", quoted(side, quantity))
}

/// `"1.250,5" (1250.5)`: the text, and its value when that reads differently.
fn quoted(side: &Side, quantity: &Quantity) -> String {
    let text = side.text(quantity.span);
    let value = match &quantity.value {
        Value::Number(n) => Some(plain_number(n)),
        Value::Date { date, .. } => Some(english_date(*date)),
        Value::Doc(_) => None,
    };
    match value {
        Some(value) if value != text => format!("\"{text}\" ({value})"),
        _ => format!("\"{text}\""),
    }
}

/// The quantity as `lang` writes it.
fn render(side: &Side, quantity: &Quantity, lang: Language) -> String {
    match &quantity.value {
        Value::Number(n) => render_number(n, lang),
        Value::Date { date, .. } => render_date(*date, lang),
        Value::Doc(_) => side.text(quantity.span),
    }
}

/// `1250.5`, `2.5%`: digits without grouping or scale word.
fn plain_number(number: &Number) -> String {
    let decimals = if number.power > 0 {
        0
    } else {
        usize::from(number.decimals)
    };
    let (whole, fraction) = number.value.digits(decimals);
    let mut out = whole;
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(&fraction);
    }
    out.push_str(unit_sign(number.unit));
    out
}

/// `1.250,5` (vi), `1250.5` (zh), `1,250.5` (en); with the language's
/// scale word when the source used one (`1,2 triệu`, `120万`, `1.2 million`).
fn render_number(number: &Number, lang: Language) -> String {
    let (value, word) = if number.power > 0 {
        with_scale_word(number.value, lang)
    } else {
        (number.value, "")
    };
    let decimals = if number.power > 0 {
        0
    } else {
        usize::from(number.decimals)
    };
    let (whole, fraction) = value.digits(decimals);
    let (group, mark) = match lang {
        Language::Vietnamese => (Some('.'), ','),
        Language::Chinese => (None, '.'),
        Language::Other => (Some(','), '.'),
    };
    let mut out = match group {
        Some(separator) if whole.len() > 4 => grouped(&whole, separator),
        _ => whole,
    };
    if !fraction.is_empty() {
        out.push(mark);
        out.push_str(&fraction);
    }
    out.push_str(word);
    out.push_str(unit_sign(number.unit));
    out
}

fn with_scale_word(value: Decimal, lang: Language) -> (Decimal, &'static str) {
    let words: &[(i32, &'static str)] = match lang {
        Language::Vietnamese => &[(9, " tỷ"), (6, " triệu"), (3, " nghìn")],
        Language::Chinese => &[(8, "亿"), (4, "万")],
        Language::Other => &[(9, " billion"), (6, " million"), (3, " thousand")],
    };
    words
        .iter()
        .find(|(power, _)| value.integer_digits() > i64::from(*power))
        .map_or((value, ""), |&(power, word)| {
            (value.times_ten_to(-power), word)
        })
}

fn grouped(whole: &str, separator: char) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn unit_sign(unit: Unit) -> &'static str {
    match unit {
        Unit::Plain => "",
        Unit::Percent => "%",
        Unit::Permille => "‰",
    }
}

/// `11/7/2024`, `ngày 11/7`, `tháng 7/2024` (vi); `2024年7月11日` (zh);
/// `11 July 2024` (en).
fn render_date(date: Date, lang: Language) -> String {
    match lang {
        Language::Chinese => {
            let mut out = String::new();
            if let Some(year) = date.year {
                out += &format!("{year}年");
            }
            if let Some(month) = date.month {
                out += &format!("{month}月");
            }
            if let Some(day) = date.day {
                out += &format!("{day}日");
            }
            out
        }
        Language::Vietnamese => match (date.year, date.month, date.day) {
            (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
            (None, Some(m), Some(d)) => format!("ngày {d}/{m}"),
            (Some(y), Some(m), None) => format!("tháng {m}/{y}"),
            (None, Some(m), None) => format!("tháng {m}"),
            (Some(y), None, _) => format!("năm {y}"),
            (None, None, _) => String::new(),
        },
        Language::Other => english_date(date),
    }
}

fn english_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date
        .month
        .and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
    let parts = [
        date.day.map(|d| d.to_string()),
        month.map(|m| m.to_string()),
        date.year.map(|y| y.to_string()),
    ];
    parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{Chinese as Zh, Other as En, Vietnamese as Vi};

    /// What was read, one string each: `1250.5`, `2.5%`, `1.25|1250`,
    /// `2024-7-11`, `?-7-11`, `doc 144/kh-ubnd`; weak ones in brackets.
    fn read(text: &str, lang: Language) -> Vec<String> {
        Side::read(text, lang)
            .quantities
            .iter()
            .map(|q| {
                let body = match &q.value {
                    Value::Number(n) => {
                        let alt = n.alt.map(|a| format!("|{}", shown(a))).unwrap_or_default();
                        format!("{}{alt}{}", shown(n.value), unit_sign(n.unit))
                    }
                    Value::Date { date, .. } => {
                        let part = |p: Option<String>| p.unwrap_or_else(|| "?".into());
                        format!(
                            "{}-{}-{}",
                            part(date.year.map(|y| y.to_string())),
                            part(date.month.map(|m| m.to_string())),
                            part(date.day.map(|d| d.to_string()))
                        )
                    }
                    Value::Doc(doc) => format!("doc {}", doc.key),
                };
                if q.weak { format!("({body})") } else { body }
            })
            .collect()
    }

    fn shown(value: Decimal) -> String {
        let (whole, fraction) = value.digits(0);
        if fraction.is_empty() {
            whole
        } else {
            format!("{whole}.{fraction}")
        }
    }

    fn assert_reads(lang: Language, cases: &[(&str, &[&str])]) {
        for (text, expected) in cases {
            assert_eq!(read(text, lang), *expected, "reading {text:?}");
        }
    }

    #[test]
    fn vietnamese_numbers() {
        assert_reads(
            Vi,
            &[
                ("1.250,5", &["1250.5"]),
                ("1.250", &["1250"]),
                ("2,5", &["2.5"]),
                ("10.000.000", &["10000000"]),
                ("112,4 bé trai", &["112.4"]),
                ("0,3", &["0.3"]),
                // Written the English way: still read.
                ("1,250,000 và 1,250.5 và 4.0", &["1250000", "1250.5", "4"]),
                // A decimal comma with three digits may be a copied 1,250.
                ("1,250", &["1.25|1250"]),
                ("1.000đ và 24h", &["1000", "24"]),
            ],
        );
    }

    #[test]
    fn chinese_and_english_numbers() {
        assert_reads(
            Zh,
            &[
                ("1,250.5", &["1250.5"]),
                ("1250.5", &["1250.5"]),
                ("１２５０人", &["1250"]),
                ("２．５", &["2.5"]),
                ("24,350名", &["24350"]),
            ],
        );
        assert_reads(
            En,
            &[
                ("1,250.5 people", &["1250.5"]),
                ("1.250 people", &["1.25|1250"]),
                ("0.125 and 1,250", &["0.125", "1250"]),
            ],
        );
    }

    #[test]
    fn percentages_and_per_mille() {
        assert_reads(Vi, &[("2,5%", &["2.5%"]), ("2,5 %", &["2.5%"])]);
        assert_reads(
            Vi,
            &[("5 phần trăm", &["5%"]), ("0,3 phần nghìn", &["0.3‰"])],
        );
        assert_reads(Zh, &[("2.5%", &["2.5%"]), ("2.5％", &["2.5%"])]);
        assert_reads(
            Zh,
            &[("百分之二点五", &["2.5%"]), ("百分之九十五", &["95%"])],
        );
        assert_reads(Zh, &[("百分之5", &["5%"]), ("4.5‰", &["4.5‰"])]);
        assert_reads(Zh, &[("千分之零点三", &["0.3‰"])]);
        assert_reads(En, &[("2.5 percent", &["2.5%"]), ("3 per cent", &["3%"])]);
        // A range shares its sign.
        assert_reads(Vi, &[("10-15%", &["10%", "15%"])]);
    }

    #[test]
    fn scale_words() {
        assert_reads(
            Vi,
            &[
                ("1,2 triệu", &["1200000"]),
                ("120 triệu", &["120000000"]),
                ("1,5 tỷ đồng", &["1500000000"]),
                ("3 nghìn", &["3000"]),
                ("2 nghìn tỷ", &["2000000000000"]),
                // Not scale words here: symptoms, a ratio.
                ("3 triệu chứng", &["3"]),
                ("Kế hoạch 2025 tỷ lệ", &["2025"]),
            ],
        );
        assert_reads(
            Zh,
            &[
                ("120万", &["1200000"]),
                ("1.2亿", &["120000000"]),
                ("3千万", &["30000000"]),
                ("10/10万", &["10", "100000"]),
                ("3千米", &["3"]),
                ("每千人口", &["(1000)"]),
                ("每十万人", &["(100000)"]),
                ("一点二亿", &["120000000"]),
            ],
        );
        assert_reads(
            En,
            &[
                ("1.2 million", &["1200000"]),
                ("3 billion", &["3000000000"]),
            ],
        );
    }

    #[test]
    fn chinese_numerals_as_numbers() {
        assert_reads(
            Zh,
            &[
                ("两个", &["(2)"]),
                ("二十", &["20"]),
                ("三万", &["30000"]),
                ("一百二十五", &["125"]),
                ("一百零五人", &["105"]),
                ("三万五千", &["35000"]),
                ("第三", &["(3)"]),
                ("第十四", &["14"]),
                ("十二个", &["12"]),
                ("五项制度", &["(5)"]),
                ("十九届五中全会", &["19", "(5)"]),
            ],
        );
    }

    #[test]
    fn chinese_numerals_inside_words_are_not_numbers() {
        let words = "一些 一起 统一 进一步 一定 一体化 万一 三农 一是 二是 十分 百姓 千方百计 一般 \
                     一个 一次 第一时间 一点一点 十三四岁 七八十 一百五 千万 百分百 三分之一 成千上万 \
                     四川 星期三 两岸 一五一十 十万火急";
        assert_eq!(read(words, Zh), Vec::<String>::new());
    }

    #[test]
    fn five_year_plans_stand_for_their_numbers_and_years() {
        assert_reads(
            Zh,
            &[
                ("“十四五”规划", &["(14)", "(5)", "(2021-?-?)", "(2025-?-?)"]),
                ("十三五", &["(13)", "(5)", "(2016-?-?)", "(2020-?-?)"]),
            ],
        );
    }

    #[test]
    fn small_counts_in_words_are_weak() {
        assert_reads(
            Vi,
            &[
                ("hai lần", &["(2)"]),
                ("mười lăm ngày", &["(15)"]),
                ("hai mươi mốt", &["(21)"]),
                ("thứ tư", &["(4)"]),
                ("quý III", &["(3)"]),
                // `năm` is a year, and `tư vấn` is advice.
                ("năm chế độ, tư vấn", &[]),
            ],
        );
        assert_reads(
            En,
            &[("three times", &["(3)"]), ("Five-Year Plan", &["(5)"])],
        );
    }

    #[test]
    fn vietnamese_dates() {
        assert_reads(
            Vi,
            &[
                ("ngày 11/7", &["?-7-11"]),
                ("11/7/2024", &["2024-7-11"]),
                ("11-7-2024", &["2024-7-11"]),
                ("Ngày Dân số Thế giới 11/7 năm 2024", &["2024-7-11"]),
                ("ngày 11/7 năm 2024", &["2024-7-11"]),
                ("ngày 11 tháng 7 năm 2024", &["2024-7-11"]),
                ("ngày 02 tháng 3", &["?-3-2"]),
                ("11 tháng 7 năm 2024", &["2024-7-11"]),
                ("tháng 7/2024", &["2024-7-?"]),
                ("tháng 7 năm 2024", &["2024-7-?"]),
                ("Năm 2024", &["2024-?-?"]),
                ("tháng 12", &["?-12-?"]),
                // Durations, not dates.
                ("trong 30 ngày, 3 tháng, 5 năm", &["30", "3", "5"]),
                ("7/2024", &["7", "2024"]),
            ],
        );
    }

    #[test]
    fn chinese_and_english_dates() {
        assert_reads(
            Zh,
            &[
                ("2024年7月11日", &["2024-7-11"]),
                ("7月11日", &["?-7-11"]),
                ("2024年7月", &["2024-7-?"]),
                ("2024年", &["2024-?-?"]),
                ("7月11号", &["?-7-11"]),
                ("二〇二四年七月十一日", &["2024-7-11"]),
                ("二○二四年", &["2024-?-?"]),
                ("2024年度", &["2024-?-?"]),
                ("8月龄", &["8"]),
                ("3个月", &["3"]),
                ("2024-07-11", &["2024-7-11"]),
            ],
        );
        assert_reads(
            En,
            &[
                ("11 July 2024", &["2024-7-11"]),
                ("July 11, 2024", &["2024-7-11"]),
                ("July 11th", &["?-7-11"]),
                ("in July 2024", &["2024-7-?"]),
                ("May", &["(?-5-?)"]),
                ("2024-07-11", &["2024-7-11"]),
            ],
        );
    }

    #[test]
    fn year_ranges_are_two_years() {
        let two_years: &[&str] = &["2021-?-?", "2025-?-?"];
        assert_reads(
            Vi,
            &[
                ("2021-2025", two_years),
                ("giai đoạn 2021 - 2025", two_years),
            ],
        );
        assert_reads(Vi, &[("2021–2025", two_years)]);
        assert_reads(
            Zh,
            &[("2021—2025年", two_years), ("2021至2025年", two_years)],
        );
        assert_reads(
            Zh,
            &[("2021年至2025年", two_years), ("13至14周岁", &["13", "14"])],
        );
    }

    #[test]
    fn document_numbers() {
        assert_reads(
            Vi,
            &[
                ("Số: 144/KH-UBND", &["doc 144/kh-ubnd"]),
                ("30/2020/NĐ-CP", &["doc 30/2020/nd-cp"]),
                ("05/2023/TT-BYT", &["doc 05/2023/tt-byt"]),
                ("21-NQ/TW ngày 25/10/2017", &["doc 21-nq/tw", "2017-10-25"]),
            ],
        );
        assert_reads(
            Zh,
            &[
                ("国办发〔2019〕2号", &["doc 〔2019〕2号"]),
                ("根据国卫妇幼发［2021］15号", &["doc 〔2021〕15号"]),
                ("第30/2020/NĐ-CP号议定", &["doc 30/2020/nd-cp"]),
            ],
        );
        let side = Side::read("根据国办发〔2019〕2号文件", Zh);
        assert_eq!(side.text(side.quantities[0].span), "国办发〔2019〕2号");
    }

    #[test]
    fn labels_codes_footnotes_and_links_are_skipped() {
        for (text, lang) in [
            ("1. Mục đích", Vi),
            ("2.1. Mục tiêu", Vi),
            ("a) Giảm", Vi),
            ("(3) Tăng", Vi),
            ("IV. TỔ CHỨC", Vi),
            ("- 1) Rà soát", Vi),
            ("一、工作目标", Zh),
            ("（二）加强", Zh),
            ("十二、附则", Zh),
            ("1、加强", Zh),
            ("COVID-19, H5N1, SARS-CoV-2, G6PD", Vi),
            ("2024年[1]", Zh),
            ("xem https://moh.gov.vn/2024/10/25 và abc123@gmail.com", Vi),
        ] {
            let found = read(text, lang);
            assert!(
                found.is_empty() || found == ["2024-?-?"],
                "{text:?} gave {found:?}"
            );
        }
        assert_eq!(read("2.5% dân số", Vi), ["2.5%"], "not a label");
    }

    /// Source, its language, target, its language, and the problems
    /// expected (a part of each message, in order).
    type Pair = (
        &'static str,
        Language,
        &'static str,
        Language,
        &'static [&'static str],
    );

    const PAIRS: &[Pair] = &[
        // Other conventions, other scripts: no problem.
        (
            "Tỷ lệ phụ nữ đẻ được nhân viên y tế đỡ đạt 97,5%.",
            Vi,
            "由医务人员接生的产妇比例达到97.5%。",
            Zh,
            &[],
        ),
        (
            "Số đối tượng dự kiến là 24.350 trẻ sơ sinh.",
            Vi,
            "预计对象为24350名新生儿。",
            Zh,
            &[],
        ),
        (
            "Cộng tác viên dân số được tập huấn: 1.250 người.",
            Vi,
            "接受培训的人口协管员：1,250人。",
            Zh,
            &[],
        ),
        (
            "Tổng kinh phí là 1.250,5 triệu đồng.",
            Vi,
            "总经费为12.505亿越南盾。",
            Zh,
            &[],
        ),
        (
            "Dân số toàn tỉnh khoảng 1,2 triệu người.",
            Vi,
            "全省人口约120万人。",
            Zh,
            &[],
        ),
        ("Ngân sách 1,2 tỷ đồng.", Vi, "预算12亿越南盾。", Zh, &[]),
        (
            "Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống;",
            Vi,
            "孕产妇死亡率降至40/10万活产以下；",
            Zh,
            &[],
        ),
        (
            "Sơn Hà, ngày 02 tháng 3 năm 2025",
            Vi,
            "山河市，2025年3月2日",
            Zh,
            &[],
        ),
        (
            "Kế hoạch số 45/KH-UBND ngày 02/3/2025",
            Vi,
            "2025年3月2日第45/KH-UBND号计划",
            Zh,
            &[],
        ),
        (
            "Báo cáo kết quả trước ngày 15/12/2025.",
            Vi,
            "于2025年12月15日前报告结果。",
            Zh,
            &[],
        ),
        (
            "Căn cứ Nghị định số 104/2016/NĐ-CP ngày 01/7/2016 của Chính phủ;",
            Vi,
            "根据政府2016年7月1日第104/2016/NĐ-CP号议定；",
            Zh,
            &[],
        ),
        (
            "Chương trình chăm sóc sức khỏe sinh sản giai đoạn 2021 - 2025",
            Vi,
            "2021—2025年生殖保健计划",
            Zh,
            &[],
        ),
        (
            "Chiến lược Dân số Việt Nam đến năm 2030",
            Vi,
            "到2030年的越南人口战略",
            Zh,
            &[],
        ),
        ("Kế hoạch 2025", Vi, "2025年计划", Zh, &[]),
        (
            "Tiêm trong vòng 24 giờ sau sinh đạt từ 85% trở lên.",
            Vi,
            "出生后24小时内接种率达到85%以上。",
            Zh,
            &[],
        ),
        (
            "国家免疫规划疫苗报告接种率保持在90%以上。",
            Zh,
            "Tỷ lệ tiêm chủng các vắc xin được duy trì trên 90%.",
            Vi,
            &[],
        ),
        (
            "市卫生健康委将于第三季度组织督导检查。",
            Zh,
            "Sở Y tế sẽ tổ chức kiểm tra, giám sát trong quý III.",
            Vi,
            &[],
        ),
        (
            "全面落实母婴安全五项制度。",
            Zh,
            "Thực hiện đầy đủ năm chế độ bảo đảm an toàn bà mẹ và trẻ sơ sinh.",
            Vi,
            &[],
        ),
        (
            "每个社区卫生服务中心每年举办健康教育讲座不少于12次，宣传栏每两个月更换一次内容。",
            Zh,
            "Mỗi trạm y tế tổ chức ít nhất 12 buổi nói chuyện mỗi năm; bảng tin thay nội dung hai tháng một lần.",
            Vi,
            &[],
        ),
        (
            "按照“三查七对一验证”要求实施接种。",
            Zh,
            "Tiêm chủng theo yêu cầu “ba kiểm tra, bảy đối chiếu, một xác nhận”.",
            Vi,
            &[],
        ),
        (
            "“十四五”时期妇幼健康事业发展良好。",
            Zh,
            "Giai đoạn 2021-2025, công tác sức khỏe bà mẹ trẻ em phát triển tốt.",
            Vi,
            &[],
        ),
        ("“十四五”规划", Zh, "Kế hoạch 5 năm lần thứ 14", Vi, &[]),
        ("“十四五”规划", Zh, "Kế hoạch 14-5", Vi, &[]),
        (
            "进一步统一思想，千方百计做好一般性工作，万一出现问题，一是及时报告，二是一起处理，这十分重要，百姓满意。",
            Zh,
            "Tiếp tục thống nhất nhận thức, tìm mọi cách làm tốt công việc chung; nếu có vấn đề thì báo cáo kịp thời và cùng xử lý, điều này rất quan trọng, người dân hài lòng.",
            Vi,
            &[],
        ),
        (
            "全省百分之二点五的人口",
            Zh,
            "2,5% dân số toàn tỉnh",
            Vi,
            &[],
        ),
        (
            "二〇二四年七月十一日",
            Zh,
            "ngày 11 tháng 7 năm 2024",
            Vi,
            &[],
        ),
        (
            "7月11日是世界人口日。",
            Zh,
            "Ngày 11/7 là Ngày Dân số thế giới.",
            Vi,
            &[],
        ),
        (
            "为一百二十五名儿童补种。",
            Zh,
            "Tiêm bù cho 125 trẻ em.",
            Vi,
            &[],
        ),
        (
            "招募三万名志愿者。",
            Zh,
            "Tuyển 30.000 tình nguyện viên.",
            Vi,
            &[],
        ),
        ("第二十次会议", Zh, "cuộc họp lần thứ 20", Vi, &[]),
        (
            "接种率达到９５％，共１２５０人。",
            Zh,
            "Tỷ lệ tiêm đạt 95%, tổng cộng 1.250 người.",
            Vi,
            &[],
        ),
        (
            "利用“4·25全国儿童预防接种日”开展宣传。",
            Zh,
            "Tuyên truyền nhân ngày 25/4, Ngày tiêm chủng toàn quốc.",
            Vi,
            &[],
        ),
        (
            "Năm 2024, toàn tỉnh có 52% phụ nữ mang thai được tầm soát.",
            Vi,
            "2024年，全省52%的孕妇接受了筛查。",
            Zh,
            &[],
        ),
        ("Tháng 7/2024", Vi, "2024年7月", Zh, &[]),
        (
            "Vắc xin sởi mũi 1 cho trẻ 9 tháng tuổi",
            Vi,
            "9月龄儿童接种第1剂麻疹疫苗",
            Zh,
            &[],
        ),
        (
            "0至3岁婴幼儿家庭",
            Zh,
            "gia đình có trẻ từ 0 đến 3 tuổi",
            Vi,
            &[],
        ),
        ("Đường dây nóng: 1900 9095", Vi, "热线：1900 9095", Zh, &[]),
        ("Tỷ suất chết trẻ em 4,5‰", Vi, "婴儿死亡率4.5‰", Zh, &[]),
        ("Giảm 0,3 phần nghìn", Vi, "降低千分之零点三", Zh, &[]),
        (
            "于2025年4月至10月开展活动。",
            Zh,
            "Tổ chức hoạt động từ tháng 4 đến tháng 10 năm 2025.",
            Vi,
            &[],
        ),
        ("Tăng 10-15%", Vi, "提高10%～15%", Zh, &[]),
        ("Mỗi năm khám hai lần.", Vi, "每年检查2次。", Zh, &[]),
        (
            "1. Phòng chống COVID-19 và cúm A/H5N1",
            Vi,
            "（一）防控COVID-19和A/H5N1流感",
            Zh,
            &[],
        ),
        (
            "国办发〔2019〕2号",
            Zh,
            "Văn bản số 2/2019 của Văn phòng Quốc vụ viện",
            Vi,
            &[],
        ),
        (
            "Tỷ lệ sử dụng biện pháp tránh thai đạt 68,5% năm 2024.",
            Vi,
            "The contraceptive prevalence rate was 68.5% in 2024.",
            En,
            &[],
        ),
        (
            "Tổ chức ngày 11/7/2024.",
            Vi,
            "Held on 11 July 2024.",
            En,
            &[],
        ),
        (
            "Tổ chức ngày 11/7/2024.",
            Vi,
            "Held on July 11, 2024.",
            En,
            &[],
        ),
        (
            "Dân số 1,2 triệu người.",
            Vi,
            "A population of 1.2 million.",
            En,
            &[],
        ),
        (
            "Có 1.250 người tham gia.",
            Vi,
            "1.250 people took part.",
            En,
            &[],
        ),
        (
            "Quyết định số 1679/QĐ-TTg",
            Vi,
            "Decision No. 1679/QD-TTg",
            En,
            &[],
        ),
        ("2024年7月11日", Zh, "on 2024-07-11", En, &[]),
        ("on 7/11/2024", En, "2024年7月11日", Zh, &[]),
        (
            "Khám thai ít nhất 4 lần trong 3 thời kỳ.",
            Vi,
            "至少产检四次，覆盖三个时期。",
            Zh,
            &[],
        ),
        // Seeded errors: found.
        (
            "Tỷ lệ đạt 97,5%.",
            Vi,
            "比例达到97.6%。",
            Zh,
            &["the percentage \"97,5%\" (97.5%) in the source is \"97.6%\""],
        ),
        (
            "Trẻ 9 tháng tuổi và 18 tháng tuổi",
            Vi,
            "9月龄儿童",
            Zh,
            &["the number \"18\" in the source has no counterpart in the target"],
        ),
        (
            "Tổ chức vào ngày 7/11/2024.",
            Vi,
            "于2024年7月11日举办。",
            Zh,
            &["with day and month swapped"],
        ),
        (
            "Tỷ lệ tiêm chủng trên 95%.",
            Vi,
            "接种率90%以上。",
            Zh,
            &["\"95%\" in the source is \"90%\" in the target"],
        ),
        (
            "Kế hoạch số 144/KH-UBND",
            Vi,
            "第145/KH-UBND号计划",
            Zh,
            &["the document number \"144/KH-UBND\" in the source is \"145/KH-UBND\""],
        ),
        (
            "Tập huấn cho cán bộ.",
            Vi,
            "培训干部200人。",
            Zh,
            &["the number \"200\" in the target has no counterpart in the source"],
        ),
        (
            "Có 1.250 người.",
            Vi,
            "共1.25人。",
            Zh,
            &["the number \"1.250\" (1250) in the source is \"1.25\" in the target"],
        ),
        (
            "Dân số 1,2 triệu người.",
            Vi,
            "人口12万人。",
            Zh,
            &["\"1,2 triệu\" (1200000) in the source is \"12万\" (120000)"],
        ),
        (
            "Kế hoạch năm 2024",
            Vi,
            "2025年计划",
            Zh,
            &["the year \"năm 2024\" (2024) in the source is \"2025年\" (2025)"],
        ),
        (
            "Báo cáo trước ngày 15/12/2025.",
            Vi,
            "于年底前报告。",
            Zh,
            &["the date \"15/12/2025\" (15 December 2025) in the source has no counterpart"],
        ),
        (
            "为一百二十五名儿童补种。",
            Zh,
            "Tiêm bù cho 152 trẻ em.",
            Vi,
            &["\"一百二十五\" (125) in the source is \"152\""],
        ),
        (
            "招募三万名志愿者。",
            Zh,
            "Tuyển 3.000 tình nguyện viên.",
            Vi,
            &["\"三万\" (30000) in the source is \"3.000\" (3000)"],
        ),
        (
            "Tỷ lệ 68,5%.",
            Vi,
            "A rate of 65.8%.",
            En,
            &["\"68,5%\" (68.5%) in the source is \"65.8%\""],
        ),
        (
            "Căn cứ Nghị định số 30/2020/NĐ-CP;",
            Vi,
            "根据政府议定；",
            Zh,
            &["the document number \"30/2020/NĐ-CP\" in the source has no counterpart"],
        ),
        (
            "Tăng từ 52% lên 60%.",
            Vi,
            "从52%提高到65%。",
            Zh,
            &["\"60%\" in the source is \"65%\""],
        ),
        (
            "ngày 11/7",
            Vi,
            "11月7日",
            Zh,
            &[
                "\"ngày 11/7\" (11 July) in the source is \"11月7日\" (7 November) in the target, with day and month swapped",
            ],
        ),
        (
            "人口1.2亿",
            Zh,
            "dân số 12 triệu",
            Vi,
            &["\"1.2亿\" (120000000) in the source is \"12 triệu\" (12000000)"],
        ),
        ("培训", Zh, "tập huấn hai mươi người", Vi, &[]),
        (
            "Tập huấn",
            Vi,
            "培训二十名干部",
            Zh,
            &["the number \"二十\" (20) in the target has no counterpart"],
        ),
        (
            "Có 3 xã và 5 huyện.",
            Vi,
            "有3个乡。",
            Zh,
            &["the number \"5\" in the source has no counterpart"],
        ),
    ];

    #[test]
    fn translated_pairs() {
        assert!(PAIRS.len() >= 40);
        for (source, source_lang, target, target_lang, expected) in PAIRS {
            let problems = check(source, *source_lang, target, *target_lang);
            let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
            assert_eq!(
                messages.len(),
                expected.len(),
                "{source:?} → {target:?}: {messages:#?}"
            );
            for (message, part) in messages.iter().zip(expected.iter()) {
                assert!(
                    message.contains(part),
                    "{source:?} → {target:?}: {message:?} lacks {part:?}"
                );
            }
            for problem in &problems {
                assert_eq!(problem.category, Category::NumberMismatch);
                assert_eq!(problem.severity, Severity::Error);
                assert!(problem.source_span.is_some() || problem.target_span.is_some());
            }
        }
    }

    #[test]
    fn problems_carry_spans_and_target_forms() {
        let problems = check("Tỷ lệ đạt 2,5% vào ngày 11/7/2024.", Vi, "比例达到。", Zh);
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].message,
            "the percentage \"2,5%\" (2.5%) in the source has no counterpart in the target"
        );
        assert_eq!(problems[0].source_span, Some((10, 14)));
        assert_eq!(problems[0].target_span, None);
        assert_eq!(problems[0].suggestion.as_deref(), Some("2.5%"));
        assert_eq!(problems[1].source_span, Some((24, 33)));
        assert_eq!(problems[1].suggestion.as_deref(), Some("2024年7月11日"));

        let swapped = check("ngày 7/11/2024", Vi, "2024年7月11日", Zh);
        assert_eq!(
            swapped[0].message,
            "the date \"7/11/2024\" (7 November 2024) in the source is \"2024年7月11日\" (11 July 2024) in the target, with day and month swapped"
        );
        assert_eq!(swapped[0].suggestion.as_deref(), Some("2024年11月7日"));
        assert_eq!(swapped[0].target_span, Some((0, 10)));
    }

    #[test]
    fn suggestions_follow_the_target_conventions() {
        let suggest = |source: &str, source_lang, target_lang| {
            check(source, source_lang, "", target_lang)
                .first()
                .and_then(|p| p.suggestion.clone())
                .unwrap_or_default()
        };
        assert_eq!(suggest("1.250,5", Vi, Zh), "1250.5");
        assert_eq!(suggest("1250.5", Zh, Vi), "1250,5");
        assert_eq!(suggest("24350", Zh, Vi), "24.350");
        assert_eq!(suggest("24.350", Vi, En), "24,350");
        assert_eq!(suggest("69,0%", Vi, Zh), "69.0%");
        assert_eq!(suggest("1,2 triệu", Vi, Zh), "120万");
        assert_eq!(suggest("1.2亿", Zh, Vi), "120 triệu");
        assert_eq!(suggest("120万", Zh, En), "1.2 million");
        assert_eq!(suggest("ngày 11 tháng 7 năm 2024", Vi, En), "11 July 2024");
        assert_eq!(suggest("2024年7月", Zh, Vi), "tháng 7/2024");
        assert_eq!(suggest("7月11日", Zh, Vi), "ngày 11/7");
        assert_eq!(suggest("năm 2024", Vi, Zh), "2024年");
        assert_eq!(suggest("Số: 144/KH-UBND", Vi, Zh), "144/KH-UBND");
    }

    #[test]
    fn any_text_is_safe() {
        let long_digits = "9".repeat(10_000);
        let many_numbers = "1 ".repeat(5_000);
        let many_han = "一二三四五六七八九十百千万亿".repeat(2_000);
        let odd = [
            "",
            "\0",
            "\u{301}\u{301}",
            "%%%‰‰",
            "第",
            "百分之",
            "千分之",
            "分之",
            "〔2019",
            "〔2019〕",
            "〔2019〕2",
            "[",
            "(",
            "十四",
            "十四五五",
            "零",
            "零点",
            "点五",
            "1.",
            ".1",
            "1,",
            "1..2,,3",
            "-1-",
            "///",
            "ngày",
            "ngày 32/13",
            "tháng 13/2024",
            "năm 99999",
            "July 99, 99999",
            "99/99/9999",
            "0000-00-00",
            "9999年99月99日",
            "🙂 2024 🙂",
            "עברית 12 العربية ١٢",
            "ⅫⅣ Ⅻ",
            "I V X L C IIIIIIIIII",
            "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０",
            "340282366920938463463374607431768211456",
            "1.000.000.000.000.000.000.000.000.000.000.000.000.000 tỷ tỷ",
            &long_digits,
            &many_numbers,
            &many_han,
        ];
        for text in odd {
            for lang in [Vi, Zh, En] {
                for other in odd.iter().take(8) {
                    let problems = check(text, lang, other, Zh);
                    for problem in problems {
                        let len = text.chars().count();
                        if let Some((start, end)) = problem.source_span {
                            assert!(start <= end && end <= len, "{text:?}");
                        }
                    }
                }
            }
        }
        // Thousands of numbers on each side stay quick.
        let source = (0..3000).map(|i| format!("{i} ")).collect::<String>();
        let target = (3000..6000).map(|i| format!("{i} ")).collect::<String>();
        assert_eq!(check(&source, En, &target, En).len(), 6000);
    }

    #[test]
    #[ignore]
    fn timing() {
        let pairs: Vec<_> = PAIRS.iter().collect();
        let start = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..2000 {
            for (s, sl, t, tl, _) in &pairs {
                n += check(s, *sl, t, *tl).len();
            }
        }
        let per = start.elapsed() / (2000 * pairs.len() as u32);
        println!("{n} problems; {per:?} per pair");
        let long_vi = "Căn cứ Nghị định số 104/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định về hoạt động tiêm chủng; tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95%, tổng cộng 24.350 trẻ, kinh phí 1,2 tỷ đồng.";
        let long_zh = "根据政府2016年7月1日第104/2016/NĐ-CP号关于免疫接种活动的议定；1岁以下儿童全程接种率达到95%，共24350名儿童，经费12亿越南盾。";
        let start = std::time::Instant::now();
        for _ in 0..20000 {
            n += check(long_vi, Vi, long_zh, Zh).len();
        }
        println!("{n}; long pair {:?}", start.elapsed() / 20000);
        let start = std::time::Instant::now();
        for _ in 0..20000 {
            n += Side::read(long_vi, Vi).quantities.len();
        }
        println!("{n}; vi read {:?}", start.elapsed() / 20000);
        let start = std::time::Instant::now();
        for _ in 0..20000 {
            n += Side::read(long_zh, Zh).quantities.len();
        }
        println!("{n}; zh read {:?}", start.elapsed() / 20000);
        let plain = "Tỷ lệ trẻ em dưới tuổi được tiêm chủng đầy đủ các loại vắc xin trong Chương trình Tiêm chủng mở rộng đạt từ trở lên và không có số nào cả trong câu này";
        let start = std::time::Instant::now();
        for _ in 0..20000 {
            n += Side::read(plain, Vi).quantities.len();
        }
        println!("{n}; vi words only {:?}", start.elapsed() / 20000);
    }
}
