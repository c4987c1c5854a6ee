//! Chinese numerals: the idioms that hold them without meaning a number, and
//! parsing a run of them into a value.

use super::chars::han_digit;
use super::read::{HanForm, Parsed};
use super::value::Decimal;

/// Chinese phrases that hold numerals without meaning a number.
pub(super) const CHINESE_IDIOMS: [&str; 6] = [
    "第一时间",
    "第一线",
    "十万火急",
    "五十步笑百步",
    "三十六计",
    "一五一十",
];

// ---------------------------------------------------------------- Chinese numerals

/// A run of Chinese numerals in strict form: positional (`一百二十五`,
/// `三万五千`, `十一`) or digit by digit (`二〇二四`), with `点` decimals
/// and their scale (`一点二亿`). Shorthand and approximations (`一百五`,
/// `三四`, `七八十`) give `None`.
pub(super) fn parse_han(run: &[char]) -> Option<(Parsed, HanForm)> {
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
pub(super) fn per_base(run: &[char]) -> Option<u128> {
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

pub(super) fn big_unit(c: char) -> Option<u128> {
    match c {
        '万' | '萬' => Some(10_000),
        '亿' | '億' => Some(100_000_000),
        _ => None,
    }
}
