//! Fields of the `\info` group: text fields and dates.

/// The text of the `\info` field being read.
#[derive(Debug, Default)]
pub struct InfoField(String);

impl InfoField {
    /// Forgets the text read so far.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Appends decoded text.
    pub fn push(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// The text read, leaving the field empty.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

/// The parts of an `\info` date (`\yrN\moN\dyN\hrN\minN`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    year: Option<i32>,
    month: Option<i32>,
    day: Option<i32>,
    hour: Option<i32>,
    minute: Option<i32>,
}

impl DateParts {
    /// Takes one date control word; others are ignored.
    pub fn set(&mut self, word: &str, param: Option<i32>) {
        let part = match word {
            "yr" => &mut self.year,
            "mo" => &mut self.month,
            "dy" => &mut self.day,
            "hr" => &mut self.hour,
            "min" => &mut self.minute,
            _ => return,
        };
        *part = param;
    }

    /// The date as ISO 8601 local time (`2003-05-12T09:30:00`), or just the
    /// date when it has no time; `None` when the parts are not a date.
    pub fn to_iso(self) -> Option<String> {
        let year = self.year.filter(|y| (1..=9999).contains(y))?;
        let month = self.month.filter(|m| (1..=12).contains(m))?;
        let day = self.day.filter(|d| (1..=31).contains(d))?;
        let date = format!("{year:04}-{month:02}-{day:02}");
        match (self.hour, self.minute) {
            (Some(h), m) if (0..24).contains(&h) => {
                let m = m.filter(|m| (0..60).contains(m)).unwrap_or(0);
                Some(format!("{date}T{h:02}:{m:02}:00"))
            }
            _ => Some(date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(words: &[(&str, i32)]) -> Option<String> {
        let mut parts = DateParts::default();
        for (w, n) in words {
            parts.set(w, Some(*n));
        }
        parts.to_iso()
    }

    #[test]
    fn dates_become_iso_8601() {
        assert_eq!(
            date(&[("yr", 2003), ("mo", 5), ("dy", 12), ("hr", 9), ("min", 7)]).as_deref(),
            Some("2003-05-12T09:07:00")
        );
        assert_eq!(
            date(&[("yr", 2003), ("mo", 5), ("dy", 12)]).as_deref(),
            Some("2003-05-12")
        );
        assert_eq!(date(&[("yr", 2003), ("mo", 13), ("dy", 12)]), None);
        assert_eq!(date(&[("mo", 1), ("dy", 1)]), None);
    }
}
