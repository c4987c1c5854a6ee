//! Number words, Roman numerals, runs of Chinese numerals and bracketed
//! Chinese document numbers.

use super::{RawNumber, Reader, Script};
use crate::qa::numbers::chars::{closing_bracket, han_digit, is_cjk, is_han_numeral};
use crate::qa::numbers::han::{CHINESE_IDIOMS, big_unit, parse_han, per_base};
use crate::qa::numbers::value::{Date, Doc, Value};
use crate::qa::{Language, Span};

impl Reader {
    // ------------------------------------------------------------ words

    /// Number words and Roman numerals, all weak; English month names.
    pub(super) fn read_word(&mut self, start: usize, end: usize) -> usize {
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
    pub(super) fn roman_value(&self, start: usize, end: usize) -> Option<u128> {
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
    pub(super) fn han_run_end(&self, start: usize) -> usize {
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

    pub(super) fn read_han_run(&mut self, start: usize) -> usize {
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
    pub(super) fn read_bracket(&mut self, open: usize) -> Option<usize> {
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
}
