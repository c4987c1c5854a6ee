//! The problems left after matching, with their messages and suggestions.

use super::matching::{Matching, Pairing};
use super::read::Side;
use super::value::{Date, Decimal, Number, Quantity, Unit, Value};
use crate::qa::{Category, Language, Problem, Severity, Span};

// ---------------------------------------------------------------- report

pub(super) struct Report<'s> {
    pub(super) source: &'s Side,
    pub(super) target: &'s Side,
}

impl Report<'_> {
    pub(super) fn problems(&self, matching: &Matching) -> Vec<Problem> {
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

pub(super) fn unit_sign(unit: Unit) -> &'static str {
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
