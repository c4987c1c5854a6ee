//! QA findings written back into the XLIFF they were found in, where CAT
//! tools show them: XLIFF 1.2 `<note from="plangloss-qa">` in the
//! trans-unit; XLIFF 2.x `<note category="plangloss-qa">` in the unit's
//! notes, and an ITS `<its:locQualityIssues>` (Localization Quality Issue)
//! standoff element at the start of the unit.
//!
//! Promises: every byte outside the inserted elements is kept as it was;
//! what an earlier run inserted is removed first, so a second run over a
//! file gives the same file as the first, and a run with no findings gives
//! back the file as it was before QA.

use super::{Category, Finding, Severity};
use crate::extract::xml::attr as attribute;
use crate::xliff::escape;
use crate::xliff::read::ReadError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt::Write;

/// The marker of what QA writes: the note's `from` (1.2) or `category`
/// (2.x), and the prefix of the ITS standoff element's `xml:id`.
pub const MARKER: &str = "plangloss-qa";

/// `xliff` (the text of an XLIFF 1.2 or 2.x file) with `findings` (those
/// found in this file) written into their units.
pub fn write_back(xliff: &str, findings: &[&Finding]) -> Result<String, ReadError> {
    let edits = Scanner::new(xliff, findings).scan()?;
    Ok(apply(xliff, edits))
}

/// A change to the text: replace bytes `start..end` with `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|edit| (edit.start, edit.end));
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for edit in edits {
        if edit.start < at {
            continue;
        }
        out.push_str(&text[at..edit.start]);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    out
}

/// What is known of the 2.x unit being read.
#[derive(Default)]
struct Unit2 {
    id: String,
    /// Where the first child element starts: the ITS standoff goes there.
    first_child: Option<usize>,
    /// Where the first `originalData`, `segment` or `ignorable` starts: a
    /// new `<notes>` goes there.
    first_content: Option<usize>,
    /// The unit's `<notes>`: where it starts, where its end tag starts,
    /// where it ends; and whether any note in it is not ours.
    notes: Option<(usize, usize, usize)>,
    notes_start: Option<usize>,
    others_in_notes: bool,
    /// How many segments the unit has: with several, notes name theirs.
    segments: usize,
    /// Our elements from an earlier run: (start, end) with the line break
    /// after them.
    ours: Vec<(usize, usize)>,
}

/// Findings by the `<file>` (counted from 1) and unit id they belong to.
type ByUnit<'a> = HashMap<(usize, &'a str), Vec<&'a Finding>>;

struct Scanner<'a> {
    text: &'a str,
    findings: &'a [&'a Finding],
    /// Filled once the version is known: 2.x findings are `unit/segment`
    /// and go to the unit.
    by_unit: ByUnit<'a>,
    /// The line break the file uses, for what is inserted.
    newline: &'static str,
    edits: Vec<Edit>,
    version2: Option<bool>,
    /// The `<file>` being read, counted from 1.
    file_index: usize,
    /// 1.2: the trans-unit being read, how deep inside it the reading is,
    /// and where its notes go (before `alt-trans` and extension elements).
    unit12: Option<String>,
    depth12: usize,
    notes_at12: Option<usize>,
    unit2: Option<Unit2>,
    /// Where an element of ours started, while inside it.
    own_start: Option<usize>,
    depth_in_own: usize,
    standoff_ids: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, findings: &'a [&'a Finding]) -> Self {
        Scanner {
            text,
            findings,
            by_unit: HashMap::new(),
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
            edits: Vec::new(),
            version2: None,
            file_index: 0,
            unit12: None,
            depth12: 0,
            notes_at12: None,
            unit2: None,
            own_start: None,
            depth_in_own: 0,
            standoff_ids: 0,
        }
    }

    /// Groups the findings by unit for `version2` files.
    fn group(&mut self, version2: bool) {
        for &finding in self.findings {
            let unit = match finding.unit.rsplit_once('/') {
                Some((unit, _)) if version2 => unit,
                _ => finding.unit.as_str(),
            };
            self.by_unit
                .entry((finding.file_index, unit))
                .or_default()
                .push(finding);
        }
    }

    fn scan(mut self) -> Result<Vec<Edit>, ReadError> {
        let mut reader = Reader::from_str(self.text);
        loop {
            let start = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| ReadError {
                line: line_of(self.text, reader.error_position() as usize),
                message: format!("not well-formed XML: {e}"),
            })?;
            let end = reader.buffer_position() as usize;
            match event {
                Event::Start(element) => self.open(&element, start, end, false),
                Event::Empty(element) => self.open(&element, start, end, true),
                Event::End(element) => {
                    self.close(local(element.name().as_ref()), start, end);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if self.version2.is_none() {
            return Err(ReadError {
                line: 1,
                message: "not XLIFF: findings can be written back into XLIFF 1.2 or 2.x only"
                    .into(),
            });
        }
        if self.newline != "\n" {
            for edit in &mut self.edits {
                edit.text = edit.text.replace('\n', self.newline);
            }
        }
        Ok(self.edits)
    }

    /// The end of our element at `end`, with the line break after it.
    fn with_break(&self, end: usize) -> usize {
        let rest = &self.text.as_bytes()[end.min(self.text.len())..];
        if rest.starts_with(b"\r\n") {
            end + 2
        } else if rest.starts_with(b"\n") {
            end + 1
        } else {
            end
        }
    }

    fn open(&mut self, element: &BytesStart, start: usize, end: usize, empty: bool) {
        if self.own_start.is_some() {
            self.depth_in_own += usize::from(!empty);
            return;
        }
        let name = local(element.name().as_ref());
        if self.version2.is_none() && name == "xliff" {
            let version2 = attribute(element, "version").is_some_and(|v| v.starts_with('2'));
            self.version2 = Some(version2);
            self.group(version2);
            return;
        }
        if name == "file" {
            self.file_index += 1;
        }
        if self.version2 == Some(true) {
            self.open_2(element, &name, start, end, empty);
        } else {
            self.open_12(element, &name, start, end, empty);
        }
    }

    fn open_12(&mut self, element: &BytesStart, name: &str, start: usize, end: usize, empty: bool) {
        if name == "trans-unit" && !empty && self.unit12.is_none() {
            self.unit12 = attribute(element, "id");
            self.depth12 = 0;
            self.notes_at12 = None;
            return;
        }
        if self.unit12.is_none() {
            return;
        }
        let child = self.depth12 == 0;
        self.depth12 += usize::from(!empty);
        let ours = name == "note" && attribute(element, "from").as_deref() == Some(MARKER);
        if ours {
            self.depth12 -= usize::from(!empty);
            self.own(start, end, empty);
        } else if child && self.notes_at12.is_none() {
            // The schema wants notes before alt-trans and extensions.
            let foreign = element.name().prefix().is_some();
            if name == "alt-trans" || foreign {
                self.notes_at12 = Some(start);
            }
        }
    }

    fn open_2(&mut self, element: &BytesStart, name: &str, start: usize, end: usize, empty: bool) {
        if name == "unit" && !empty {
            self.unit2 = Some(Unit2 {
                id: attribute(element, "id").unwrap_or_default(),
                ..Unit2::default()
            });
            return;
        }
        let ours = match name {
            "note" => attribute(element, "category").as_deref() == Some(MARKER),
            // `xml:id`: matched by its local name.
            "locQualityIssues" => attribute(element, "id").is_some_and(|id| id.starts_with(MARKER)),
            _ => false,
        };
        let Some(unit) = &mut self.unit2 else { return };
        let first_level = unit.notes_start.is_none() || name == "notes";
        if first_level && unit.first_child.is_none() && !(ours && name == "locQualityIssues") {
            unit.first_child = Some(start);
        }
        unit.segments += usize::from(name == "segment");
        match name {
            "notes" if !empty => unit.notes_start = Some(start),
            "note" if !ours => unit.others_in_notes = true,
            "originalData" | "segment" | "ignorable" if unit.first_content.is_none() => {
                unit.first_content = Some(start);
            }
            _ => {}
        }
        if ours {
            self.own(start, end, empty);
        }
    }

    /// Starts one of our own elements at `start`, or records it whole when
    /// it is empty.
    fn own(&mut self, start: usize, end: usize, empty: bool) {
        if empty {
            self.record_own(start, end);
        } else {
            self.own_start = Some(start);
            self.depth_in_own = 0;
        }
    }

    fn record_own(&mut self, start: usize, end: usize) {
        let end = self.with_break(end);
        match &mut self.unit2 {
            Some(unit) => unit.ours.push((start, end)),
            None => self.edits.push(Edit {
                start,
                end,
                text: String::new(),
            }),
        }
    }

    fn close(&mut self, name: String, start: usize, end: usize) {
        if let Some(own_start) = self.own_start {
            if self.depth_in_own == 0 {
                self.own_start = None;
                self.record_own(own_start, end);
            } else {
                self.depth_in_own -= 1;
            }
            return;
        }
        match (self.version2, name.as_str()) {
            (Some(false), "trans-unit") if self.depth12 == 0 => {
                if let Some(id) = self.unit12.take() {
                    let notes = self.notes_12(&id);
                    let at = self.notes_at12.take().unwrap_or(start);
                    if !notes.is_empty() {
                        self.edits.push(Edit {
                            start: at,
                            end: at,
                            text: notes,
                        });
                    }
                }
            }
            (Some(false), _) if self.unit12.is_some() => {
                self.depth12 = self.depth12.saturating_sub(1);
            }
            (Some(true), "notes") => {
                if let Some(unit) = &mut self.unit2
                    && let Some(notes_start) = unit.notes_start
                {
                    unit.notes = Some((notes_start, start, end));
                }
            }
            (Some(true), "unit") => {
                if let Some(unit) = self.unit2.take() {
                    self.finish_unit_2(unit);
                }
            }
            _ => {}
        }
    }

    fn findings_of(&self, unit: &str) -> Vec<&'a Finding> {
        self.by_unit
            .get(&(self.file_index, unit))
            .cloned()
            .unwrap_or_default()
    }

    fn notes_12(&self, unit: &str) -> String {
        let mut notes = String::new();
        for finding in self.findings_of(unit) {
            let _ = writeln!(
                notes,
                "<note from=\"{MARKER}\" priority=\"{}\">{}</note>",
                priority(finding.problem.severity),
                escape(&note_text(finding, false))
            );
        }
        notes
    }

    fn finish_unit_2(&mut self, unit: Unit2) {
        let findings = self.findings_of(&unit.id);
        let notes_all_ours = unit.notes.is_some() && !unit.others_in_notes;
        match unit.notes {
            // A notes element only our earlier run made: removed whole.
            Some((start, _, end)) if notes_all_ours => self.edits.push(Edit {
                start,
                end: self.with_break(end),
                text: String::new(),
            }),
            _ => {}
        }
        for &(start, end) in &unit.ours {
            let inside_removed_notes = notes_all_ours
                && unit.notes.is_some_and(|(notes_start, _, notes_end)| {
                    start >= notes_start && end <= notes_end + 1
                });
            if !inside_removed_notes {
                self.edits.push(Edit {
                    start,
                    end,
                    text: String::new(),
                });
            }
        }
        if findings.is_empty() {
            return;
        }
        // Both may go at one place: the standoff first, as the schema wants.
        self.standoff_ids += 1;
        let mut issues = format!(
            "<its:locQualityIssues xmlns:its=\"http://www.w3.org/2005/11/its\" xml:id=\"{MARKER}-{}\">\n",
            self.standoff_ids
        );
        for finding in &findings {
            let _ = writeln!(
                issues,
                "<its:locQualityIssue locQualityIssueType=\"{}\" locQualityIssueSeverity=\"{}\" locQualityIssueComment=\"{}\"/>",
                its_type(finding.problem.category),
                match finding.problem.severity {
                    Severity::Error => 80,
                    Severity::Warning => 40,
                },
                escape(&note_text(finding, unit.segments > 1))
            );
        }
        issues.push_str("</its:locQualityIssues>\n");
        let at = unit.first_child.or(unit.first_content).unwrap_or_default();
        let at = match unit.notes {
            Some((start, _, _)) if notes_all_ours && at > start => start,
            _ => at,
        };
        self.edits.push(Edit {
            start: at,
            end: at,
            text: issues,
        });
        let mut notes = String::new();
        for finding in &findings {
            let _ = writeln!(
                notes,
                "<note category=\"{MARKER}\" priority=\"{}\"{}>{}</note>",
                priority(finding.problem.severity),
                applies_to(finding),
                escape(&note_text(finding, unit.segments > 1))
            );
        }
        match unit.notes {
            Some((_, close, _)) if !notes_all_ours => self.edits.push(Edit {
                start: close,
                end: close,
                text: notes,
            }),
            _ => {
                let at = unit
                    .first_content
                    .unwrap_or(unit.first_child.unwrap_or_default());
                // After a removed notes element of ours, not inside it.
                let at = match unit.notes {
                    Some((start, _, _)) if notes_all_ours && at > start => start,
                    _ => at,
                };
                self.edits.push(Edit {
                    start: at,
                    end: at,
                    text: format!("<notes>\n{notes}</notes>\n"),
                });
            }
        }
    }
}

/// The note's text: "error term_missing: message (suggestion: X)", after
/// "segment ID: " when `name_segment` (2.x units of several segments).
fn note_text(finding: &Finding, name_segment: bool) -> String {
    let problem = &finding.problem;
    let mut text = String::new();
    if name_segment && let Some((_, segment)) = finding.unit.rsplit_once('/') {
        let _ = write!(text, "segment {segment}: ");
    }
    let _ = write!(
        text,
        "{} {}: {}",
        problem.severity.name(),
        problem.category.name(),
        problem.message
    );
    if let Some(suggestion) = &problem.suggestion {
        let _ = write!(text, " (suggestion: {suggestion})");
    }
    text
}

/// XLIFF note priority: 1 for errors, 5 for warnings.
fn priority(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 1,
        Severity::Warning => 5,
    }
}

fn applies_to(finding: &Finding) -> &'static str {
    match (finding.problem.source_span, finding.problem.target_span) {
        (Some(_), None) => " appliesTo=\"source\"",
        (None, Some(_)) => " appliesTo=\"target\"",
        _ => "",
    }
}

/// The ITS 2.0 issue type of a category.
fn its_type(category: Category) -> &'static str {
    match category {
        Category::TermMissing | Category::TermDeprecated => "terminology",
        Category::Inconsistent => "inconsistency",
        Category::NumberMismatch => "numbers",
        Category::Untranslated => "untranslated",
        Category::Punctuation => "typographical",
        Category::SourceArtefact => "characters",
    }
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or_default().to_string()
}

fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::Problem;

    fn finding(unit: &str, category: Category, severity: Severity) -> Finding {
        Finding {
            file: "plan.xlf".into(),
            unit: unit.into(),
            line: 1,
            file_index: 1,
            source: "Dân số".into(),
            target: "人 口".into(),
            problem: Problem {
                category,
                severity,
                message: "a <message> & more".into(),
                source_span: None,
                target_span: Some((1, 2)),
                suggestion: Some("人口".into()),
            },
        }
    }

    const V12: &str = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a\" source-language=\"vi\" target-language=\"zh\" datatype=\"plaintext\"><body>\n<trans-unit id=\"b1-s1\">\n<source>Dân số</source>\n<target>人 口</target>\n<note from=\"translator\">keep</note>\n</trans-unit>\n<trans-unit id=\"b1-s2\"><source>A</source></trans-unit>\n</body></file></xliff>\n";

    #[test]
    fn notes_in_xliff_12_and_again() {
        let error = finding("b1-s1", Category::Punctuation, Severity::Warning);
        let once = write_back(V12, &[&error]).unwrap();
        assert!(once.contains(
            "<note from=\"translator\">keep</note>\n<note from=\"plangloss-qa\" priority=\"5\">warning punctuation: a &lt;message&gt; &amp; more (suggestion: 人口)</note>\n</trans-unit>"
        ));
        assert_eq!(write_back(&once, &[&error]).unwrap(), once);
        assert_eq!(write_back(&once, &[]).unwrap(), V12);
        crate::xliff::read::read(&once).unwrap();
    }

    #[test]
    fn notes_go_before_alt_trans_and_keep_crlf() {
        let text = V12
            .replace(
                "<note from=\"translator\">keep</note>\n",
                "<alt-trans><target>x</target></alt-trans>\n",
            )
            .replace('\n', "\r\n");
        let error = finding("b1-s1", Category::Punctuation, Severity::Warning);
        let once = write_back(&text, &[&error]).unwrap();
        assert!(once.contains("<target>人 口</target>\r\n<note from=\"plangloss-qa\""));
        assert!(once.contains("</note>\r\n<alt-trans>"));
        assert!(!once.replace("\r\n", "").contains('\n'));
        assert_eq!(write_back(&once, &[&error]).unwrap(), once);
        assert_eq!(write_back(&once, &[]).unwrap(), text);
    }

    #[test]
    fn units_of_several_segments_name_them() {
        let text = V2.replace(
            "<segment id=\"s1\"><source>A</source><target>A</target></segment>",
            "<segment id=\"s1\"><source>A</source><target>A</target></segment><segment id=\"s2\"><source>B</source><target>B</target></segment>",
        );
        let first = finding("b2/s1", Category::Untranslated, Severity::Error);
        let second = finding("b2/s2", Category::Untranslated, Severity::Error);
        let once = write_back(&text, &[&first, &second]).unwrap();
        assert!(once.contains(">segment s1: error untranslated:"));
        assert!(once.contains(">segment s2: error untranslated:"));
        // A unit of one segment needs no name.
        let alone = write_back(
            V2,
            &[&finding("b1/s1", Category::TermMissing, Severity::Error)],
        )
        .unwrap();
        assert!(alone.contains("appliesTo=\"target\">error term_missing:"));
    }

    const V2: &str = "<?xml version=\"1.0\"?>\n<xliff version=\"2.1\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"vi\" trgLang=\"zh\">\n<file id=\"f1\">\n<unit id=\"b1\">\n<notes>\n<note category=\"pg:context\">kind=paragraph</note>\n</notes>\n<segment id=\"s1\">\n<source>Dân số</source>\n<target>人 口</target>\n</segment>\n</unit>\n<unit id=\"b2\">\n<segment id=\"s1\"><source>A</source><target>A</target></segment>\n</unit>\n</file>\n</xliff>\n";

    #[test]
    fn notes_and_its_in_xliff_2_and_again() {
        let first = finding("b1/s1", Category::TermMissing, Severity::Error);
        let second = finding("b2/s1", Category::Untranslated, Severity::Error);
        let once = write_back(V2, &[&first, &second]).unwrap();
        assert!(once.contains(
            "<note category=\"pg:context\">kind=paragraph</note>\n<note category=\"plangloss-qa\" priority=\"1\" appliesTo=\"target\">error term_missing:"
        ));
        assert!(once.contains("<unit id=\"b2\">\n<its:locQualityIssues xmlns:its=\"http://www.w3.org/2005/11/its\" xml:id=\"plangloss-qa-2\">\n<its:locQualityIssue locQualityIssueType=\"untranslated\" locQualityIssueSeverity=\"80\""));
        assert!(once.contains("</its:locQualityIssues>\n<notes>\n<note category=\"plangloss-qa\""));
        assert_eq!(write_back(&once, &[&first, &second]).unwrap(), once);
        assert_eq!(write_back(&once, &[]).unwrap(), V2);
        let read = crate::xliff::read::read(&once).unwrap();
        assert_eq!(read.pairs.len(), 2);
        assert!(crate::xliff::read::duplicate_ids(&once).unwrap().is_empty());
    }

    #[test]
    fn not_xliff_is_refused() {
        assert!(write_back("<tmx version=\"1.4\"/>", &[]).is_err());
        assert!(write_back("<xliff version=\"1.2\"><file>", &[]).is_ok());
        assert!(write_back("<xliff><a></b></xliff>", &[]).is_err());
    }
}
