//! QA findings written out: like a compiler's messages for a terminal, as
//! JSON Lines or as CSV. The HTML report is in [`super::html`].

use super::{Finding, Severity, Span};
use std::fmt::Write;

/// Counts for the closing line and the HTML summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub units: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    /// The counts of `findings` over `units` units in `files` files.
    pub fn of(findings: &[Finding], files: usize, units: usize) -> Self {
        let errors = findings
            .iter()
            .filter(|f| f.problem.severity == Severity::Error)
            .count();
        Summary {
            files,
            units,
            errors,
            warnings: findings.len() - errors,
        }
    }

    /// "3 errors, 1 warning in 150 units of 2 files".
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} in {} of {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.units, "unit"),
            plural(self.files, "file")
        )
    }
}

/// The findings as a compiler writes its messages: the category and
/// message, the place, the source and target with the span underlined, the
/// suggestion.
pub fn text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let problem = &finding.problem;
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{}[{}]: {}\n  --> {}:{} ({})",
            problem.severity.name(),
            problem.category.name(),
            problem.message,
            finding.file,
            finding.line,
            finding.unit
        );
        underlined(&mut out, "source", &finding.source, problem.source_span);
        underlined(&mut out, "target", &finding.target, problem.target_span);
        if let Some(suggestion) = &problem.suggestion {
            let _ = writeln!(out, "   = suggestion: {suggestion}");
        }
        out.push('\n');
    }
    out
}

/// `text` on a line after `label`, and carets under `span` below it.
fn underlined(out: &mut String, label: &str, text: &str, span: Option<Span>) {
    let _ = writeln!(out, "   {label} | {text}");
    let Some((start, end)) = span else { return };
    let lead: usize = text.chars().take(start).map(columns).sum();
    let width: usize = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .map(columns)
        .sum();
    let _ = writeln!(
        out,
        "   {} | {}{}",
        " ".repeat(label.len()),
        " ".repeat(lead),
        "^".repeat(width.max(1))
    );
}

/// How many terminal columns a char takes: two for East Asian wide chars,
/// none for combining marks.
fn columns(c: char) -> usize {
    let code = c as u32;
    let wide = matches!(code,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else if ('\u{300}'..='\u{36F}').contains(&c) {
        0
    } else {
        1
    }
}

/// One JSON object per finding, one per line.
pub fn jsonl(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        // A finding holds only strings and numbers: it always serializes.
        out.push_str(&serde_json::to_string(finding).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// A CSV table of the findings, with a header row.
pub fn csv(findings: &[Finding]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let span = |span: Option<Span>| {
        span.map_or((String::new(), String::new()), |(a, b)| {
            (a.to_string(), b.to_string())
        })
    };
    let _ = writer.write_record([
        "file",
        "line",
        "unit",
        "category",
        "severity",
        "message",
        "source_start",
        "source_end",
        "target_start",
        "target_end",
        "suggestion",
        "source",
        "target",
    ]);
    for finding in findings {
        let problem = &finding.problem;
        let (source_start, source_end) = span(problem.source_span);
        let (target_start, target_end) = span(problem.target_span);
        let line = finding.line.to_string();
        let _ = writer.write_record([
            finding.file.as_str(),
            &line,
            &finding.unit,
            problem.category.name(),
            problem.severity.name(),
            &problem.message,
            &source_start,
            &source_end,
            &target_start,
            &target_end,
            problem.suggestion.as_deref().unwrap_or_default(),
            &finding.source,
            &finding.target,
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::{Category, Problem};

    fn finding() -> Finding {
        Finding {
            file: "plan.xlf".into(),
            unit: "b2-s1".into(),
            line: 23,
            file_index: 1,
            source: "Công tác kế hoạch hóa gia đình.".into(),
            target: "家庭规划工作。".into(),
            problem: Problem {
                category: Category::TermMissing,
                severity: Severity::Error,
                message: "no translation of the term".into(),
                source_span: Some((9, 30)),
                target_span: Some((0, 4)),
                suggestion: Some("计划生育".into()),
            },
        }
    }

    #[test]
    fn compiler_like_text() {
        let text = text(&[finding()]);
        assert_eq!(
            text,
            "error[term_missing]: no translation of the term\n  --> plan.xlf:23 (b2-s1)\n   \
             source | Công tác kế hoạch hóa gia đình.\n          |          ^^^^^^^^^^^^^^^^^^^^^\n   \
             target | 家庭规划工作。\n          | ^^^^^^^^\n   = suggestion: 计划生育\n\n"
        );
    }

    #[test]
    fn jsonl_and_csv() {
        let line = jsonl(&[finding()]);
        let value: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(value["category"], "term_missing");
        assert_eq!(value["severity"], "error");
        assert_eq!(value["source_span"], serde_json::json!([9, 30]));
        assert_eq!(value["unit"], "b2-s1");
        let table = csv(&[finding()]);
        let mut lines = table.lines();
        assert!(lines.next().unwrap().starts_with("file,line,unit,category"));
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("plan.xlf,23,b2-s1,term_missing,error,")
        );
    }

    #[test]
    fn summary_line() {
        let summary = Summary::of(&[finding()], 2, 150);
        assert_eq!(
            summary.line(),
            "1 error, 0 warnings in 150 units of 2 files"
        );
    }
}
