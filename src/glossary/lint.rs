//! Checks of a glossary file, reported like a compiler's: line, severity,
//! rule name, message. Errors are what makes a glossary wrong or
//! ambiguous to apply; warnings are what a reviewer should look at.
//!
//! Every check is one pass over the rows with hash maps, so that a file of
//! 100,000 rows is checked in well under a second.

use super::file::{Column, GlossaryFile, Row, is_language_code};
use super::match_key;
use icu_normalizer::ComposingNormalizerBorrowed;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::hash_map::Entry as MapEntry;
use std::fmt;

/// How bad a finding is: errors make `glossary lint` exit 1 and stop
/// writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding, on one line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line number (the header is line 1).
    pub line: usize,
    pub severity: Severity,
    /// A stable name for the rule, e.g. `duplicate-entry`.
    pub rule: &'static str,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {severity}[{}]: {}",
            self.line, self.rule, self.message
        )
    }
}

/// The statuses a `status` cell may hold (TBX's administrative statuses).
pub const STATUSES: [&str; 3] = ["preferred", "admitted", "deprecated"];

/// Checks `file`; findings come sorted by line, errors first on a line.
pub fn lint(file: &GlossaryFile) -> Vec<Diagnostic> {
    let mut checker = Checker::new(file);
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        checker.check_row(row);
    }
    checker.check_full_forms();
    let mut found = checker.found;
    found.sort_by(|a, b| (a.line, a.severity, a.rule).cmp(&(b.line, b.severity, b.rule)));
    found
}

/// Whether any finding is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

struct Checker<'a> {
    columns: Vec<Column>,
    header_len: usize,
    /// (column index, language code) of every language column.
    languages: Vec<(usize, &'a str)>,
    found: Vec<Diagnostic>,
    /// Exact language cells of an entry -> first line.
    exact: HashMap<Vec<String>, usize>,
    /// Match keys of the language cells -> first line.
    folded: HashMap<Vec<String>, usize>,
    /// Every entry checked so far: its line and match keys ("" for none).
    entries: Vec<(usize, Vec<String>)>,
    /// (language column, match key, domain key) -> index in `entries`.
    by_term: HashMap<(usize, String, String), usize>,
    ids: HashMap<String, usize>,
    /// (line, full form named by an "abbr of" note).
    full_forms: Vec<(usize, String)>,
}

impl<'a> Checker<'a> {
    fn new(file: &'a GlossaryFile) -> Self {
        let columns = file.columns();
        let languages = file
            .header()
            .iter()
            .enumerate()
            .filter(|(i, _)| matches!(columns[*i], Column::Language(_)))
            .map(|(i, name)| (i, name.trim()))
            .collect();
        Checker {
            header_len: columns.len(),
            columns,
            languages,
            found: Vec::new(),
            exact: HashMap::default(),
            folded: HashMap::default(),
            entries: Vec::new(),
            by_term: HashMap::default(),
            ids: HashMap::default(),
            full_forms: Vec::new(),
        }
    }

    fn report(&mut self, line: usize, severity: Severity, rule: &'static str, message: String) {
        self.found.push(Diagnostic {
            line,
            severity,
            rule,
            message,
        });
    }

    fn column_cell<'r>(&self, row: &'r Row, column: &Column) -> &'r str {
        self.columns
            .iter()
            .position(|c| c == column)
            .map_or("", |i| row.cell(i))
    }

    fn check_row(&mut self, row: &Row) {
        let line = row.line;
        if row.cells.len() > self.header_len {
            self.report(
                line,
                Severity::Error,
                "extra-cells",
                format!(
                    "{} cells, but the header has {} columns",
                    row.cells.len(),
                    self.header_len
                ),
            );
        }
        self.check_cells_text(row);
        let terms: Vec<(String, String)> = self
            .languages
            .iter()
            .map(|&(i, code)| (code.to_string(), row.cell(i).trim().to_string()))
            .collect();
        if terms.iter().all(|(_, term)| term.is_empty()) {
            self.report(
                line,
                Severity::Error,
                "empty-entry",
                "no term in any language column".into(),
            );
            return;
        }
        self.check_status(row);
        self.check_variants(row, &terms);
        self.check_id(row);
        let keys: Vec<String> = terms.iter().map(|(_, t)| match_key(t)).collect();
        if self.check_duplicates(line, &terms, &keys) {
            let abbreviation = abbreviation_of(self.column_cell(row, &Column::Note));
            // An abbreviation shares its full form's translations by design.
            if abbreviation.is_none() {
                self.check_translations(row, &terms, &keys);
            }
            if let Some(full) = abbreviation {
                self.full_forms.push((line, full));
            }
        }
        self.entries.push((line, keys));
    }

    fn check_cells_text(&mut self, row: &Row) {
        let nfc = ComposingNormalizerBorrowed::new_nfc();
        for (index, cell) in row.cells.iter().enumerate() {
            let name = self.column_name(index);
            if !nfc.is_normalized(cell) {
                self.report(
                    row.line,
                    Severity::Error,
                    "not-nfc",
                    format!("{name} {cell:?} is not NFC (decomposed letters): save it composed"),
                );
            }
            if cell.trim() != cell || cell.contains("  ") {
                self.report(
                    row.line,
                    Severity::Warning,
                    "spaces",
                    format!("{name} {cell:?} has leading, trailing or double spaces"),
                );
            }
        }
    }

    fn column_name(&self, index: usize) -> String {
        match self.columns.get(index) {
            Some(Column::Language(code)) => format!("column {code}"),
            Some(Column::Other(name)) => format!("column {name}"),
            Some(other) => format!("column {}", format!("{other:?}").to_lowercase()),
            None => format!("cell {}", index + 1),
        }
    }

    fn check_status(&mut self, row: &Row) {
        let status = self.column_cell(row, &Column::Status).trim();
        if !status.is_empty() && !STATUSES.contains(&status) {
            self.report(
                row.line,
                Severity::Error,
                "bad-status",
                format!("status {status:?} is not one of preferred, admitted, deprecated"),
            );
        }
    }

    fn check_variants(&mut self, row: &Row, terms: &[(String, String)]) {
        let variants = self.column_cell(row, &Column::Variants).trim().to_string();
        if variants.is_empty() {
            return;
        }
        let mut seen = Vec::new();
        for item in variants.split('|') {
            let Some((code, form)) = item.split_once(':') else {
                self.report(
                    row.line,
                    Severity::Error,
                    "bad-variants",
                    format!("variant {item:?} has no language prefix (write vi:…, zh:…)"),
                );
                continue;
            };
            let (code, form) = (code.trim(), form.trim());
            if !is_language_code(code) || form.is_empty() {
                self.report(
                    row.line,
                    Severity::Error,
                    "bad-variants",
                    format!("variant {item:?} is not language:form"),
                );
                continue;
            }
            if seen.contains(&(code, form)) {
                self.report(
                    row.line,
                    Severity::Warning,
                    "bad-variants",
                    format!("variant {item:?} is listed twice"),
                );
            }
            seen.push((code, form));
            match terms.iter().find(|(c, _)| c == code) {
                None => self.report(
                    row.line,
                    Severity::Error,
                    "bad-variants",
                    format!("variant {item:?} names language {code}, which has no column"),
                ),
                Some((_, term)) if term.is_empty() => self.report(
                    row.line,
                    Severity::Error,
                    "empty-language",
                    format!("the row has a {code} variant ({form:?}) but no {code} term"),
                ),
                Some(_) => {}
            }
        }
    }

    fn check_id(&mut self, row: &Row) {
        let id = self.column_cell(row, &Column::Id).trim().to_string();
        if id.is_empty() {
            return;
        }
        match self.ids.entry(id) {
            MapEntry::Occupied(first) => {
                let message = format!(
                    "id {:?} is already used on line {}",
                    first.key(),
                    first.get()
                );
                self.report(row.line, Severity::Error, "duplicate-id", message);
            }
            MapEntry::Vacant(slot) => {
                slot.insert(row.line);
            }
        }
    }

    /// Reports exact and near duplicates; false for an exact duplicate,
    /// which needs no further checks.
    fn check_duplicates(
        &mut self,
        line: usize,
        terms: &[(String, String)],
        keys: &[String],
    ) -> bool {
        let exact: Vec<String> = terms.iter().map(|(_, t)| t.clone()).collect();
        if let Some(&first) = self.exact.get(&exact) {
            self.report(
                line,
                Severity::Error,
                "duplicate-entry",
                format!("the same terms as line {first}"),
            );
            return false;
        }
        self.exact.insert(exact, line);
        match self.folded.entry(keys.to_vec()) {
            MapEntry::Occupied(first) => {
                let message = format!(
                    "the same terms as line {} but for case, Unicode form or tone-mark placement",
                    first.get()
                );
                self.report(line, Severity::Warning, "near-duplicate", message);
            }
            MapEntry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        true
    }

    fn check_translations(&mut self, row: &Row, terms: &[(String, String)], keys: &[String]) {
        let domain = match_key(self.column_cell(row, &Column::Domain));
        for (column, key) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
            let slot = (column, key.clone(), domain.clone());
            let Some(&earlier) = self.by_term.get(&slot) else {
                self.by_term.insert(slot, self.entries.len());
                continue;
            };
            let (first, first_keys) = &self.entries[earlier];
            let conflicts: Vec<&str> = keys
                .iter()
                .zip(first_keys)
                .enumerate()
                .filter(|(other, (mine, theirs))| {
                    *other != column && !mine.is_empty() && !theirs.is_empty() && mine != theirs
                })
                .map(|(other, _)| terms[other].0.as_str())
                .collect();
            if !conflicts.is_empty() {
                let (code, term) = &terms[column];
                let message = format!(
                    "{code} term {term:?} is translated differently on line {first} ({})",
                    conflicts.join(", ")
                );
                self.report(
                    row.line,
                    Severity::Warning,
                    "conflicting-translation",
                    message,
                );
            }
        }
    }

    fn check_full_forms(&mut self) {
        let all_terms: HashSet<&str> = self
            .entries
            .iter()
            .flat_map(|(_, keys)| keys.iter().map(String::as_str))
            .collect();
        let missing: Vec<(usize, String)> = std::mem::take(&mut self.full_forms)
            .into_iter()
            .filter(|(_, full)| !all_terms.contains(match_key(full).as_str()))
            .collect();
        for (line, full) in missing {
            self.report(
                line,
                Severity::Error,
                "missing-full-form",
                format!("the note says this abbreviates {full:?}, which no entry holds"),
            );
        }
    }
}

/// The full form a note names: "abbr of X", "abbreviation of X", "viết tắt
/// của X", "缩写：X" (case-insensitive); X ends at `;` or `(`, where a
/// remark may follow.
pub fn abbreviation_of(note: &str) -> Option<String> {
    let note = note.trim();
    [
        "abbreviation of ",
        "abbr. of ",
        "abbr of ",
        "viết tắt của ",
        "缩写：",
        "缩写:",
    ]
    .iter()
    .find_map(|prefix| {
        let head = note.get(..prefix.len())?;
        (head.to_lowercase() == *prefix).then(|| &note[prefix.len()..])
    })
    .map(|rest| {
        rest.split([';', '('])
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    })
    .filter(|full| !full.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Finding = (usize, Severity, &'static str);

    fn rules(text: &str) -> Vec<Finding> {
        lint(&GlossaryFile::parse(text).unwrap())
            .into_iter()
            .map(|d| (d.line, d.severity, d.rule))
            .collect()
    }

    const HEADER: &str = "vi\tzh\ten\tnote\tid\tstatus\tvariants\tdomain\treviewer\n";

    #[test]
    fn a_clean_file_has_no_findings() {
        let text = format!(
            "{HEADER}Kế hoạch hóa gia đình\t计划生育\tfamily planning\t\tfp\tpreferred\tvi:Kế hoạch hoá gia đình|zh:计生\t\tAn\n\
             KHHGĐ\t\tFP\tabbr of Kế hoạch hóa gia đình\tfp-abbr\tadmitted\t\t\t\n\n"
        );
        assert_eq!(rules(&text), vec![]);
    }

    #[test]
    fn each_rule_fires() {
        let e = Severity::Error;
        let w = Severity::Warning;
        let cases: Vec<(&str, Vec<Finding>)> = vec![
            (
                "Dân số\t人口\tpopulation\t\t\t\t\t\t\textra\n",
                vec![(2, e, "extra-cells")],
            ),
            ("\t\t\tjust a note\n", vec![(2, e, "empty-entry")]),
            (
                "Da\u{302}n so\u{302}\t\t\t\t\t\t\t\t\n",
                vec![(2, e, "not-nfc")],
            ),
            (
                " Dân số\t\tpopulation  growth\t\t\t\t\t\t\n",
                vec![(2, w, "spaces"), (2, w, "spaces")],
            ),
            (
                "Dân số\t\t\t\t\tobsolete\t\t\t\n",
                vec![(2, e, "bad-status")],
            ),
            (
                "Dân số\t\t\t\t\t\tKHHGĐ\t\t\n",
                vec![(2, e, "bad-variants")],
            ),
            (
                "Dân số\t\t\t\t\t\tfr:population\t\t\n",
                vec![(2, e, "bad-variants")],
            ),
            (
                "Dân số\t\t\t\t\t\tzh:人口\t\t\n",
                vec![(2, e, "empty-language")],
            ),
            (
                "Dân số\t\t\t\tx\t\t\t\t\nGia đình\t\t\t\tx\t\t\t\t\n",
                vec![(3, e, "duplicate-id")],
            ),
            (
                "Dân số\t人口\t\t\t\t\t\t\t\nDân số\t人口\t\t\t\t\t\t\t\n",
                vec![(3, e, "duplicate-entry")],
            ),
            (
                "Hóa chất\t\t\t\t\t\t\t\t\nhoá chất\t\t\t\t\t\t\t\t\n",
                vec![(3, w, "near-duplicate")],
            ),
            (
                "Dân số\t人口\tpopulation\t\t\t\t\t\t\nDân số\t人口\tdemography\t\t\t\t\t\t\n",
                vec![
                    (3, w, "conflicting-translation"),
                    (3, w, "conflicting-translation"),
                ],
            ),
            (
                "SKSS\t\t\tabbr of Sức khỏe sinh sản\t\t\t\t\t\n",
                vec![(2, e, "missing-full-form")],
            ),
        ];
        for (rows, want) in cases {
            assert_eq!(rules(&format!("{HEADER}{rows}")), want, "{rows}");
        }
    }

    #[test]
    fn homonyms_in_different_domains_do_not_conflict() {
        let text = format!(
            "{HEADER}Tiêm\t注射\tinjection\t\t\t\t\tmedicine\t\nTiêm\t注入\tinfusion\t\t\t\t\tfinance\t\n"
        );
        assert_eq!(rules(&text), vec![]);
    }

    #[test]
    fn notes_name_full_forms() {
        assert_eq!(
            abbreviation_of("abbr of Sức khỏe sinh sản"),
            Some("Sức khỏe sinh sản".into())
        );
        assert_eq!(
            abbreviation_of("Viết tắt của Ủy ban nhân dân"),
            Some("Ủy ban nhân dân".into())
        );
        assert_eq!(abbreviation_of("缩写：计划生育"), Some("计划生育".into()));
        assert_eq!(abbreviation_of("used in 2020 plans"), None);
        assert_eq!(
            abbreviation_of("abbr of Bảo hiểm y tế; zh 医保 abbreviates 医疗保险"),
            Some("Bảo hiểm y tế".into())
        );
    }
}
