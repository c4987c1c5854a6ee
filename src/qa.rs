//! Translation QA: checks each translated pair of XLIFF or TMX files
//! against the glossary and the conventions of Vietnamese and Chinese.
//!
//! Each check is a module reading one pair (or, for consistency, all of
//! them) and giving [`Problem`]s; [`check`] runs them all and ties each
//! problem to its file and unit as a [`Finding`]. Spans are char offsets
//! into the source and target as the file holds them.

pub mod artefacts;
pub mod consistency;
pub mod html;
pub mod numbers;
pub mod punctuation;
pub mod report;
pub mod terms;
pub mod untranslated;
pub mod write_back;

use crate::glossary::Glossary;
use crate::normalize::{is_clean, normalize_text};
use crate::qa::artefacts::ArtefactList;
use crate::xliff::read::Pair;
use rayon::prelude::*;
use serde::Serialize;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The source holds a glossary term; the target none of its translations.
    TermMissing,
    /// The target uses a term or variant marked deprecated.
    TermDeprecated,
    /// One source translated differently, or different sources alike.
    Inconsistent,
    /// Numbers, percentages, dates or document numbers differ.
    NumberMismatch,
    /// An empty target, or one that copies the source.
    Untranslated,
    /// Punctuation and spacing against the target language's conventions.
    Punctuation,
    /// A synonym swap that document-sharing sites put into Chinese text.
    SourceArtefact,
}

impl Category {
    /// The name used in every output format (`term_missing`…).
    pub fn name(self) -> &'static str {
        match self {
            Category::TermMissing => "term_missing",
            Category::TermDeprecated => "term_deprecated",
            Category::Inconsistent => "inconsistent",
            Category::NumberMismatch => "number_mismatch",
            Category::Untranslated => "untranslated",
            Category::Punctuation => "punctuation",
            Category::SourceArtefact => "source_artefact",
        }
    }
}

/// How much a finding matters: errors make `qa` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A half-open range of char offsets.
pub type Span = (usize, usize);

/// One problem in one pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub category: Category,
    pub severity: Severity,
    /// What is wrong, in a sentence a translator can act on.
    pub message: String,
    /// Where in the source, when the problem is in a place.
    pub source_span: Option<Span>,
    /// Where in the target, when the problem is in a place.
    pub target_span: Option<Span>,
    /// The text to put instead, when there is one.
    pub suggestion: Option<String>,
}

/// A problem tied to the unit it was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file as given on the command line.
    pub file: String,
    /// The unit's id: the trans-unit id (1.2), `unit/segment` (2.x) or
    /// the `tuid` (TMX).
    pub unit: String,
    /// The line where the unit starts.
    pub line: usize,
    /// Which `<file>` of the XLIFF holds the unit (see
    /// [`Pair::file_index`]); write-back tells units apart by it.
    #[serde(skip)]
    pub file_index: usize,
    /// The source and target the spans are offsets into (normalized: NFC).
    pub source: String,
    pub target: String,
    #[serde(flatten)]
    pub problem: Problem,
}

/// What QA checks translations against.
pub struct Checker {
    /// The glossary, compiled as `ingest` compiles it (across Chinese
    /// variants when asked).
    pub glossary: Glossary,
    /// The synonym swaps looked for in the Chinese side.
    pub artefacts: ArtefactList,
}

/// The pairs one file holds, as read.
pub struct FilePairs {
    /// The file as given on the command line.
    pub file: String,
    pub pairs: Vec<Pair>,
}

/// A pair with its texts normalized, as every check reads it.
struct Normalized<'a> {
    pair: &'a Pair,
    source: String,
    target: Option<String>,
}

impl Checker {
    /// The problems of one pair, check by check: untranslated (and then
    /// nothing else but the source's artefacts), glossary terms, numbers,
    /// punctuation, artefacts. Texts are NFC-normalized first; spans are
    /// offsets into the normalized texts.
    pub fn check_pair(&self, pair: &Pair) -> Vec<Problem> {
        self.check_normalized(&Normalized::of(pair))
    }

    fn check_normalized(&self, unit: &Normalized) -> Vec<Problem> {
        let pair = unit.pair;
        let (source_lang, target_lang) = (pair.source_lang.as_str(), pair.target_lang.as_str());
        let source = unit.source.as_str();
        let (source_family, target_family) = (Language::of(source_lang), Language::of(target_lang));
        if let Some(problem) =
            untranslated::check(source, source_lang, unit.target.as_deref(), target_lang)
        {
            let mut problems = vec![problem];
            problems.extend(artefacts::check(
                &self.artefacts,
                source,
                source_family,
                "",
                target_family,
            ));
            return problems;
        }
        let target = unit.target.as_deref().unwrap_or_default();
        let mut problems = terms::check(&self.glossary, source, source_lang, target, target_lang);
        let numbered_source = terms::hide_term_digits(&self.glossary, source, target_lang);
        let numbered_target = terms::hide_term_digits(&self.glossary, target, source_lang);
        problems.extend(numbers::check(
            &numbered_source,
            source_family,
            &numbered_target,
            target_family,
        ));
        problems.extend(punctuation::check(source, target, target_family));
        problems.extend(artefacts::check(
            &self.artefacts,
            source,
            source_family,
            target,
            target_family,
        ));
        problems
    }

    /// Every finding in `files`: each pair's problems (checked in
    /// parallel), then consistency across all files. In file order, then
    /// unit order; a unit's findings in check order.
    pub fn check_files(&self, files: &[FilePairs]) -> Vec<Finding> {
        let units: Vec<(usize, Normalized)> = files
            .iter()
            .enumerate()
            .flat_map(|(index, file)| {
                file.pairs
                    .iter()
                    .map(move |pair| (index, Normalized::of(pair)))
            })
            .collect();
        let mut problems: Vec<Vec<Problem>> = units
            .par_iter()
            .map(|(_, unit)| self.check_normalized(unit))
            .collect();
        let translated: Vec<usize> = (0..units.len())
            .filter(|&i| {
                !problems[i]
                    .iter()
                    .any(|p| p.category == Category::Untranslated)
            })
            .collect();
        let compared: Vec<consistency::Unit> = translated
            .iter()
            .map(|&i| {
                let (file, unit) = &units[i];
                consistency::Unit {
                    source: &unit.source,
                    target: unit.target.as_deref().unwrap_or_default(),
                    // No line: write-back moves lines, and the notes it
                    // writes must say the same on the next run.
                    place: format!("{} unit {}", files[*file].file, unit.pair.id),
                }
            })
            .collect();
        for (index, problem) in consistency::check(&compared) {
            problems[translated[index]].push(problem);
        }
        units
            .iter()
            .zip(problems)
            .flat_map(|((file, unit), problems)| {
                problems.into_iter().map(move |problem| Finding {
                    file: files[*file].file.clone(),
                    unit: unit.pair.id.clone(),
                    line: unit.pair.line,
                    file_index: unit.pair.file_index,
                    source: unit.source.clone(),
                    target: unit.target.clone().unwrap_or_default(),
                    problem,
                })
            })
            .collect()
    }
}

impl<'a> Normalized<'a> {
    fn of(pair: &'a Pair) -> Self {
        Normalized {
            pair,
            source: normalize(&pair.source),
            target: pair.target.as_deref().map(normalize),
        }
    }
}

fn normalize(text: &str) -> String {
    if is_clean(text) {
        text.to_string()
    } else {
        normalize_text(text)
    }
}

/// Which language family a language code belongs to, for the checks that
/// depend on conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Vietnamese,
    Chinese,
    /// English and any other language written with spaces and Western
    /// number conventions.
    Other,
}

impl Language {
    /// The family of a BCP 47 code: `vi`, `vi-VN` → Vietnamese; `zh`,
    /// `zh-CN`, `zh-Hant-TW` → Chinese; anything else → Other.
    pub fn of(code: &str) -> Language {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("vi") {
            Language::Vietnamese
        } else if primary.eq_ignore_ascii_case("zh") {
            Language::Chinese
        } else {
            Language::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_families() {
        assert_eq!(Language::of("vi-VN"), Language::Vietnamese);
        assert_eq!(Language::of("zh-Hant-TW"), Language::Chinese);
        assert_eq!(Language::of("ZH_cn"), Language::Chinese);
        assert_eq!(Language::of("en"), Language::Other);
        assert_eq!(Language::of(""), Language::Other);
    }
}
