//! Reading one side of a pair into quantities: the reader with its labels,
//! chunks and numeric forms, and the scale and unit words after a number.

mod dates;
mod words;

use super::chars::{
    closing_bracket, fold_symbol, half_width, is_bullet, is_cjk, is_han_numeral, is_inner_mark,
    is_letter, is_word_char, lower_case,
};
use super::value::{Date, Decimal, Doc, Number, Quantity, Unit, Value};
use crate::qa::{Language, Span};

// ---------------------------------------------------------------- sides

/// One side of a pair: its text as chars and what was read from it.
pub(super) struct Side {
    chars: Vec<char>,
    pub(super) lang: Language,
    pub(super) quantities: Vec<Quantity>,
}

impl Side {
    pub(super) fn read(text: &str, lang: Language) -> Side {
        let chars: Vec<char> = text.chars().collect();
        let quantities = Reader::read(&chars, lang);
        Side {
            chars,
            lang,
            quantities,
        }
    }

    pub(super) fn text(&self, span: Span) -> String {
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
pub(super) struct Parsed {
    pub(super) value: Decimal,
    pub(super) alt: Option<Decimal>,
    pub(super) decimals: u8,
    /// The power of ten of a scale word inside the numerals (`一点二亿`).
    pub(super) power: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Han(HanForm),
}

/// How a run of Chinese numerals was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct HanForm {
    pub(super) chars: usize,
    /// Holds 十, 百 or 千.
    pub(super) positional: bool,
    /// Holds 万 or 亿.
    pub(super) big_unit: bool,
    /// Digit by digit, as in years (`二〇二四`).
    pub(super) digit_sequence: bool,
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
}
