//! Dates read around a number (Chinese, Vietnamese, English) and ranges of years.

use super::{RawNumber, Reader, Script};
use crate::qa::numbers::chars::{is_han_numeral, is_inner_mark};
use crate::qa::numbers::han::parse_han;
use crate::qa::numbers::value::{Date, Quantity, Unit, Value};
use crate::qa::{Language, Span};

impl Reader {
    // ------------------------------------------------------------ dates

    /// A date that the number starts, ends or sits in.
    pub(super) fn date_after(&self, raw: &RawNumber) -> Option<(Quantity, usize)> {
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
    pub(super) fn vietnamese_year(&self, at: usize) -> Option<(u128, usize)> {
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
    pub(super) fn english_month(&self, start: usize, end: usize) -> Option<u128> {
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
    pub(super) fn read_english_date(&mut self, month: u128, start: usize, end: usize) -> usize {
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

    // ------------------------------------------------------------ ranges

    /// `2021 - 2025`, `2021—2025年`, `2021至2025年`: both ends are years.
    pub(super) fn promote_year_ranges(&mut self) {
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
