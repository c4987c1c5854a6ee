//! The values read from a text: exact decimals, numbers with their unit,
//! dates, document symbols, and the quantities that hold them.

use crate::qa::Span;

// ---------------------------------------------------------------- values

/// An exact decimal: `mantissa × 10^exponent`, with no trailing zero in the
/// mantissa so that equal values compare and hash equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Decimal {
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    pub(super) fn new(mantissa: u128, exponent: i32) -> Decimal {
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

    pub(super) fn integer(value: u128) -> Decimal {
        Decimal::new(value, 0)
    }

    /// ASCII digits of which the last `decimals` follow the decimal mark;
    /// `None` beyond 38 digits.
    pub(super) fn from_digits(
        digits: impl Iterator<Item = char>,
        decimals: usize,
    ) -> Option<Decimal> {
        let mut mantissa: u128 = 0;
        for c in digits {
            let digit = c.to_digit(10)?;
            mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(digit))?;
        }
        Some(Decimal::new(mantissa, -i32::try_from(decimals).ok()?))
    }

    pub(super) fn times_ten_to(self, power: i32) -> Decimal {
        Decimal::new(self.mantissa, self.exponent.saturating_add(power))
    }

    pub(super) fn as_integer(self) -> Option<u128> {
        let power = u32::try_from(self.exponent).ok()?;
        self.mantissa.checked_mul(10u128.checked_pow(power)?)
    }

    /// How many digits the value has before the decimal mark (0 below one).
    pub(super) fn integer_digits(self) -> i64 {
        let mantissa_digits = self
            .mantissa
            .checked_ilog10()
            .map_or(0, |l| i64::from(l) + 1);
        (mantissa_digits + i64::from(self.exponent)).max(0)
    }

    /// The digits before and after the decimal mark, with at least
    /// `decimals` after it.
    pub(super) fn digits(self, decimals: usize) -> (String, String) {
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
pub(super) enum Unit {
    Plain,
    Percent,
    Permille,
}

/// A number as written: its value (scale word applied), a second reading
/// when the marks are ambiguous, and how it was written, for suggestions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Number {
    pub(super) value: Decimal,
    pub(super) alt: Option<Decimal>,
    pub(super) unit: Unit,
    /// Digits written after the decimal mark.
    pub(super) decimals: u8,
    /// The power of ten of the scale word (`triệu` 6, `万` 4), or 0.
    pub(super) power: i32,
}

impl Number {
    pub(super) fn count(value: u128) -> Number {
        Number {
            value: Decimal::integer(value),
            alt: None,
            unit: Unit::Plain,
            decimals: 0,
            power: 0,
        }
    }

    pub(super) fn readings(&self) -> impl Iterator<Item = Decimal> + '_ {
        std::iter::once(self.value).chain(self.alt)
    }

    pub(super) fn reads_as_integer(&self, wanted: u128) -> bool {
        self.unit == Unit::Plain && self.readings().any(|r| r.as_integer() == Some(wanted))
    }
}

/// A calendar date naming some of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(super) struct Date {
    pub(super) year: Option<u16>,
    pub(super) month: Option<u8>,
    pub(super) day: Option<u8>,
}

impl Date {
    /// The date when each given part is in range (years 1000–2999).
    pub(super) fn checked(
        year: Option<u128>,
        month: Option<u128>,
        day: Option<u128>,
    ) -> Option<Date> {
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
    pub(super) fn agrees(self, other: Date) -> bool {
        let parts = [
            same(self.year.map(u32::from), other.year.map(u32::from)),
            same(self.month.map(u32::from), other.month.map(u32::from)),
            same(self.day.map(u32::from), other.day.map(u32::from)),
        ];
        parts.contains(&Some(true)) && !parts.contains(&Some(false))
    }

    /// The date with day and month exchanged, when that is a date too.
    pub(super) fn swapped(self) -> Option<Date> {
        let (day, month) = (self.day?, self.month?);
        (day != month && day <= 12).then_some(Date {
            year: self.year,
            month: Some(day),
            day: Some(month),
        })
    }

    pub(super) fn year_only(self) -> Option<u16> {
        if self.month.is_none() && self.day.is_none() {
            self.year
        } else {
            None
        }
    }

    pub(super) fn parts(self) -> Vec<u128> {
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
pub(super) struct Doc {
    /// The symbol folded for comparison (`30/2020/nd-cp`, `〔2019〕2号`).
    pub(super) key: String,
    /// Its numbers, to compare a Chinese symbol with a translated one.
    pub(super) numbers: Vec<u128>,
    /// Written the Chinese way (`〔2019〕2号`).
    pub(super) chinese: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Number(Number),
    Date { date: Date, alt: Option<Date> },
    Doc(Doc),
}

impl Value {
    pub(super) fn date(date: Date) -> Value {
        Value::Date { date, alt: None }
    }
}

/// One value found in a text, with its char span.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quantity {
    pub(super) value: Value,
    pub(super) span: Span,
    /// Matches the other side but is never reported by itself.
    pub(super) weak: bool,
}
