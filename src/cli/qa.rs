//! `plangloss qa`: translation QA of XLIFF and TMX files against the
//! glossary, reported for a terminal, as data or as an HTML page, and
//! optionally written back into the XLIFF files.

use super::{Failure, Outcome, status, write_stdout};
use crate::atomic::replace_file;
use crate::glossary::Glossary;
use crate::qa::artefacts::ArtefactList;
use crate::qa::report::{self, Summary};
use crate::qa::write_back::write_back;
use crate::qa::{Checker, FilePairs, Finding, Severity, html};
use crate::xliff::read::Pairs;
use clap::{Args, ValueEnum};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// The options of `plangloss qa`.
#[derive(Args)]
pub struct QaArgs {
    /// Bilingual files to check: XLIFF 1.2, XLIFF 2.x or TMX, in any direction (e.g. `translated/plan.docx.xlf`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Glossary TSV to check terms against; repeat for several, earlier files win on shared terms (e.g. `--glossary glossaries/program-terms.tsv`).
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
    /// A list of source artefacts (found, original, note; as rules/zh-artefacts.tsv) that extends the shipped one; repeat for several (e.g. `--artefacts my-swaps.tsv`).
    #[arg(long, value_name = "FILE")]
    artefacts: Vec<PathBuf>,
    /// How to report: `text` like a compiler's messages, `jsonl` one finding per line, `csv` for spreadsheets, `html` one self-contained page with the segments side by side.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Write the report to FILE instead of stdout; `-` is stdout (e.g. `-o qa.html`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the findings into each XLIFF file checked (1.2 notes from="plangloss-qa"; 2.x notes and ITS locQualityIssues), atomically; earlier QA notes are replaced. TMX files are left as they are.
    #[arg(long)]
    write_back: bool,
    /// `match`: a glossary term written in traditional or simplified Chinese counts in either script (發展 is 发展).
    #[arg(long, value_enum)]
    zh_variant: Option<VariantMatch>,
}

/// The report formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Jsonl,
    Csv,
    Html,
}

/// How Chinese variants are matched.
#[derive(Clone, Copy, ValueEnum)]
pub enum VariantMatch {
    Match,
}

/// Runs `qa`: exit 1 when any finding is an error or a file cannot be
/// read (the others are still checked), 2 for a bad glossary or list.
pub fn run(args: QaArgs) -> Outcome {
    let mut glossary = Glossary::load(&args.glossary).map_err(|e| e.to_string())?;
    if args.zh_variant.is_some() {
        glossary = glossary.across_zh_variants();
    }
    let checker = Checker {
        glossary,
        artefacts: artefact_list(&args.artefacts)?,
    };
    let mut unreadable = false;
    let mut files = Vec::new();
    for path in &args.files {
        match read_pairs(path) {
            Ok(pairs) => files.push(FilePairs {
                file: path.display().to_string(),
                pairs,
            }),
            Err(message) => {
                eprintln!("plangloss: {}: {message}", path.display());
                unreadable = true;
            }
        }
    }
    let findings = checker.check_files(&files);
    let units = files.iter().map(|file| file.pairs.len()).sum();
    let summary = Summary::of(&findings, files.len(), units);
    let report = match args.format {
        ReportFormat::Text => report::text(&findings),
        ReportFormat::Jsonl => report::jsonl(&findings),
        ReportFormat::Csv => report::csv(&findings),
        ReportFormat::Html => html::report(&files, &findings, &checker.glossary, &summary),
    };
    match args.output.filter(|path| path.as_os_str() != "-") {
        Some(path) => replace_file(&path, report.as_bytes()).map_err(Failure::Write)?,
        None => write_stdout(&report)?,
    }
    if args.write_back {
        unreadable |= write_findings_back(&files, &findings)?;
    }
    eprintln!("plangloss: {}", summary.line());
    let errors = findings
        .iter()
        .any(|finding| finding.problem.severity == Severity::Error);
    Ok(status(errors || unreadable))
}

/// The shipped artefact list extended by the user's `files`.
pub fn artefact_list(files: &[PathBuf]) -> Result<ArtefactList, Failure> {
    let mut list = ArtefactList::shipped().clone();
    for file in files {
        let text = crate::input::read_user_text(file)?;
        let extra = ArtefactList::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        list.extend(extra);
    }
    Ok(list)
}

/// Every pair of `path`, read as a stream.
fn read_pairs(path: &Path) -> Result<Vec<crate::xliff::read::Pair>, String> {
    let input = File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    Pairs::new(BufReader::new(input))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())
}

/// Writes each XLIFF file's findings into it (also a file without
/// findings, so that notes of an earlier run go). TMX files are skipped.
/// Gives whether some file could not be rewritten (each one reported);
/// fails when a file cannot be written at all.
fn write_findings_back(files: &[FilePairs], findings: &[Finding]) -> Result<bool, Failure> {
    let mut failed = false;
    for file in files {
        let path = Path::new(&file.file);
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!(
                "plangloss: {}: cannot read it again to write findings back",
                file.file
            );
            failed = true;
            continue;
        };
        if is_tmx(&text) {
            continue;
        }
        let own: Vec<&Finding> = findings.iter().filter(|f| f.file == file.file).collect();
        match write_back(&text, &own) {
            Ok(updated) if updated == text => {}
            Ok(updated) => replace_file(path, updated.as_bytes()).map_err(Failure::Write)?,
            Err(error) => {
                eprintln!(
                    "plangloss: {}: findings not written back: {error}",
                    file.file
                );
                failed = true;
            }
        }
    }
    Ok(failed)
}

/// Whether `text` is a TMX document (its root element is `<tmx`).
fn is_tmx(text: &str) -> bool {
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[at + 1..];
        let skip_to = if rest.starts_with(b"!--") {
            b"-->".as_slice()
        } else if rest.starts_with(b"?") || rest.starts_with(b"!") {
            b">".as_slice()
        } else {
            return rest.starts_with(b"tmx");
        };
        match rest.windows(skip_to.len()).position(|w| w == skip_to) {
            Some(end) => rest = &rest[end + skip_to.len()..],
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_is_told_from_xliff() {
        assert!(is_tmx(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">"
        ));
        assert!(!is_tmx(
            "<?xml version=\"1.0\"?><!-- <tmx --><xliff version=\"1.2\">"
        ));
        assert!(!is_tmx("plain"));
    }
}
