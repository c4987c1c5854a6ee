//! Cell values as a reader sees them: numbers without binary noise, dates
//! and times in ISO 8601, booleans as `TRUE`/`FALSE`, errors as Excel shows
//! them.

use calamine::{Data, ExcelDateTime};

/// What a non-empty cell holds once read: text (which may be legacy-encoded
/// and is decoded later, by its font) or a value already shown as text.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum CellValue {
    Text(String),
    Shown(String),
}

/// The value of `data`, or `None` for an empty cell.
pub(super) fn cell_value(data: Data) -> Option<CellValue> {
    let shown = match data {
        Data::Empty => return None,
        Data::String(text) => return Some(CellValue::Text(text)),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => number_text(x),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(when) => date_time_text(when),
        Data::DateTimeIso(iso) => iso,
        Data::DurationIso(iso) => duration_iso_text(&iso),
        Data::Error(error) => error.to_string(),
    };
    Some(CellValue::Shown(shown))
}

/// A number as a General (LibreOffice: Standard) cell shows it: integers
/// whole, without a decimal point; fractions to 10 significant digits,
/// trailing zeros dropped, which also drops the binary noise of formula
/// results such as `0.1 + 0.2`. The integer part is never rounded away.
pub(super) fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == x.trunc() && x.abs() < 1e15 {
        // Exact: an integer below 10^15 fits an i64 without loss.
        return format!("{}", x as i64);
    }
    const SIGNIFICANT: i32 = 10;
    // Digits before the point (1 for 0.x) or, below 1, minus the zeros
    // after it, so that 0.0339664804469274 keeps 10 digits after its zeros.
    let magnitude = x.abs().log10().floor() as i32 + 1;
    let decimals = (SIGNIFICANT - magnitude).clamp(0, 300) as usize;
    let fixed = format!("{x:.decimals$}");
    let text = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    match text {
        "-0" => "0".to_string(),
        _ => text.to_string(),
    }
}

/// An Excel serial date-time (either epoch) in ISO 8601: `2005-08-31` for a
/// whole day, `14:30:00` for a time of day (serial below 1),
/// `2005-08-31T14:30:00` for both; durations (`[h]:mm:ss` formats) as hours,
/// minutes and seconds. Milliseconds are shown only when there are some.
fn date_time_text(when: ExcelDateTime) -> String {
    let serial = when.as_f64();
    if !serial.is_finite() || serial < 0.0 {
        return number_text(serial);
    }
    if when.is_duration() {
        return clock_text(serial * 86_400.0);
    }
    let (year, month, day, hour, minute, second, milli) = when.to_ymd_hms_milli();
    let time = match milli {
        0 => format!("{hour:02}:{minute:02}:{second:02}"),
        _ => format!("{hour:02}:{minute:02}:{second:02}.{milli:03}"),
    };
    let date = format!("{year:04}-{month:02}-{day:02}");
    let midnight = (hour, minute, second, milli) == (0, 0, 0, 0);
    if serial < 1.0 {
        time
    } else if midnight {
        date
    } else {
        format!("{date}T{time}")
    }
}

/// `seconds` as `h:mm:ss` with as many hours as it takes (`36:00:00`).
fn clock_text(seconds: f64) -> String {
    let total_millis = (seconds * 1000.0).round() as u64;
    let (millis, total_seconds) = (total_millis % 1000, total_millis / 1000);
    let (hours, minutes, secs) = (
        total_seconds / 3600,
        total_seconds / 60 % 60,
        total_seconds % 60,
    );
    match millis {
        0 => format!("{hours:02}:{minutes:02}:{secs:02}"),
        _ => format!("{hours:02}:{minutes:02}:{secs:02}.{millis:03}"),
    }
}

/// An ODF time value (`PT14H30M00S`, `P1DT2H0M0S`) as `14:30:00`; any
/// other text as it is.
fn duration_iso_text(iso: &str) -> String {
    parse_iso_duration(iso).map_or_else(|| iso.to_string(), clock_text)
}

/// Seconds in an ISO 8601 duration of days, hours, minutes and seconds.
fn parse_iso_duration(iso: &str) -> Option<f64> {
    let rest = iso.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut seconds = 0.0;
    if !days.is_empty() {
        seconds += days.strip_suffix('D')?.parse::<f64>().ok()? * 86_400.0;
    }
    let mut number = String::new();
    for c in time.chars() {
        let unit = match c {
            'H' => 3600.0,
            'M' => 60.0,
            'S' => 1.0,
            _ => {
                number.push(c);
                continue;
            }
        };
        seconds += number.parse::<f64>().ok()? * unit;
        number.clear();
    }
    (number.is_empty() && seconds >= 0.0).then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn shown(data: Data) -> String {
        match cell_value(data) {
            Some(CellValue::Shown(text)) => text,
            other => panic!("not a shown value: {other:?}"),
        }
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(42.0), "42");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1234.5678), "1234.5678");
        assert_eq!(number_text(108.69565217391305), "108.6956522");
        assert_eq!(number_text(0.0339664804469274), "0.03396648045");
        assert_eq!(number_text(6.190476190476191), "6.19047619");
        assert_eq!(number_text(-2.0 / 3.0), "-0.6666666667");
        assert_eq!(number_text(123456789012.7), "123456789013");
        assert_eq!(number_text(1e15), "1000000000000000");
        assert_eq!(number_text(2.5e-7), "0.00000025");
        assert_eq!(number_text(-1e-12), "-0.000000000001");
        assert_eq!(shown(Data::Int(7)), "7");
    }

    #[test]
    fn booleans_and_errors() {
        assert_eq!(shown(Data::Bool(true)), "TRUE");
        assert_eq!(shown(Data::Bool(false)), "FALSE");
        assert_eq!(shown(Data::Error(CellErrorType::Div0)), "#DIV/0!");
        assert_eq!(cell_value(Data::Empty), None);
        assert_eq!(
            cell_value(Data::String("Hà Nội".into())),
            Some(CellValue::Text("Hà Nội".into()))
        );
    }

    #[test]
    fn dates_in_both_epochs() {
        let date = |serial, is_1904| {
            shown(Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            )))
        };
        assert_eq!(date(38595.0, false), "2005-08-31");
        assert_eq!(date(38595.0 - 1462.0, true), "2005-08-31");
        assert_eq!(date(38595.0 + 14.5 / 24.0, false), "2005-08-31T14:30:00");
        assert_eq!(date(14.5 / 24.0, false), "14:30:00");
        assert_eq!(date(-1.0, false), "-1");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(shown(duration), "36:00:00");
    }

    #[test]
    fn odf_times() {
        assert_eq!(shown(Data::DurationIso("PT14H30M00S".into())), "14:30:00");
        assert_eq!(
            shown(Data::DurationIso("P1DT2H0M0.5S".into())),
            "26:00:00.500"
        );
        assert_eq!(shown(Data::DurationIso("garbage".into())), "garbage");
        assert_eq!(
            shown(Data::DateTimeIso("2005-08-31T14:30:00".into())),
            "2005-08-31T14:30:00"
        );
    }
}
