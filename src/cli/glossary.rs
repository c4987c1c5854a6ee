//! `plangloss glossary …`: checking, editing, converting and measuring
//! glossary files.

use super::read_args::ReadArgs;
use super::{Failure, Outcome, status, write_stdout};
use crate::atomic::replace_file;
use crate::glossary::file::{self, GlossaryFile, is_language_code};
use crate::glossary::write::{self, Fields, Selector};
use crate::glossary::{Glossary, exchange, lint, stats, suggest};
use crate::input::read_user_text;
use crate::segment::Segmenter;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum ExchangeFormat {
    Csv,
    Tsv,
    Tbx,
    /// OmegaT's tab-separated glossary for one language pair (export only).
    Omegat,
}

/// The cells of an entry; a column the file lacks is added.
#[derive(Args)]
pub struct FieldArgs {
    /// Vietnamese term (e.g. `--vi 'Kế hoạch hóa gia đình'`).
    #[arg(long)]
    vi: Option<String>,
    /// Chinese term (e.g. `--zh 计划生育`).
    #[arg(long)]
    zh: Option<String>,
    /// English term (e.g. `--en 'family planning'`).
    #[arg(long)]
    en: Option<String>,
    /// A term in another language column, CODE=TERM; repeatable (e.g. `--lang zh-Hant=計劃生育`).
    #[arg(long = "lang", value_name = "CODE=TERM", value_parser = parse_code_term)]
    other: Vec<(String, String)>,
    /// Free note; "abbr of X" links an abbreviation to its full form (e.g. `--note 'abbr of Kế hoạch hóa gia đình'`).
    #[arg(long)]
    note: Option<String>,
    /// preferred, admitted or deprecated (e.g. `--status deprecated`).
    #[arg(long)]
    status: Option<String>,
    /// Other forms, language-prefixed and |-separated (e.g. `--variants 'vi:Kế hoạch hoá gia đình|zh:计生'`).
    #[arg(long)]
    variants: Option<String>,
    /// Subject field (e.g. `--domain immunization`).
    #[arg(long)]
    domain: Option<String>,
    /// Where the term comes from (e.g. `--source 'Decision 588/QĐ-TTg'`).
    #[arg(long)]
    source: Option<String>,
}

impl FieldArgs {
    /// The fields, with `id` when one is given.
    pub fn into_fields(self, id: Option<String>) -> Fields {
        let named = [
            ("vi", self.vi),
            ("zh", self.zh),
            ("en", self.en),
            ("note", self.note),
            ("id", id),
            ("status", self.status),
            ("variants", self.variants),
            ("domain", self.domain),
            ("source", self.source),
        ];
        let mut fields: Vec<(String, String)> = named
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_string(), value?)))
            .collect();
        fields.extend(self.other);
        Fields(fields)
    }
}

fn parse_code_term(value: &str) -> Result<(String, String), String> {
    let (code, term) = value
        .split_once('=')
        .ok_or_else(|| format!("{value:?} is not CODE=TERM"))?;
    if !is_language_code(code) {
        return Err(format!(
            "{code:?} is not a language code (vi, zh-Hant, en-GB…)"
        ));
    }
    Ok((code.to_string(), term.to_string()))
}

/// Which entries to remove: one of these.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct SelectArgs {
    /// The entry whose `id` cell is this (e.g. `--id family-planning`).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Entries with this Vietnamese term, compared as matching does (e.g. `--vi 'Dân số'`).
    #[arg(long)]
    vi: Option<String>,
    /// Entries with this Chinese term (e.g. `--zh 人口`).
    #[arg(long)]
    zh: Option<String>,
    /// Entries with this English term (e.g. `--en population`).
    #[arg(long)]
    en: Option<String>,
}

impl SelectArgs {
    pub fn selector(self) -> Selector {
        match (self.id, self.vi, self.zh, self.en) {
            (Some(id), ..) => Selector::Id(id),
            (_, Some(term), ..) => Selector::Term("vi".into(), term),
            (_, _, Some(term), _) => Selector::Term("zh".into(), term),
            (_, _, _, Some(term)) => Selector::Term("en".into(), term),
            _ => unreachable!("clap requires one of them"),
        }
    }
}

pub fn edit_glossary(
    path: &std::path::Path,
    change: impl FnOnce(&mut GlossaryFile) -> Result<String, write::EditError>,
) -> Outcome {
    match write::edit(path, change) {
        Ok(summary) => {
            eprintln!("plangloss: {}: {summary}", path.display());
            Ok(super::SUCCESS)
        }
        Err(write::EditError::Lint(errors)) => {
            for error in &errors {
                println!("{}:{error}", path.display());
            }
            eprintln!(
                "plangloss: {}: not written: the result would fail lint",
                path.display()
            );
            Ok(super::FAILED_DOCUMENTS)
        }
        Err(write::EditError::Invalid(message)) => {
            eprintln!("plangloss: {}: not written: {message}", path.display());
            Ok(super::FAILED_DOCUMENTS)
        }
        Err(write::EditError::Write(message)) => Err(Failure::Write(format!(
            "{}: not written: {message}",
            path.display()
        ))),
        Err(error) => Err(Failure::Usage(format!("{}: {error}", path.display()))),
    }
}

pub fn import_glossary(
    from: ExchangeFormat,
    path: &std::path::Path,
    output: Option<PathBuf>,
) -> Outcome {
    let text = read_user_text(path)?;
    let file = match from {
        ExchangeFormat::Tsv => GlossaryFile::parse(&text).map_err(|e| e.to_string()),
        ExchangeFormat::Csv => exchange::from_csv(&text).map(|(file, replaced)| {
            if replaced > 0 {
                eprintln!(
                    "plangloss: {}: {replaced} fields held tabs or line breaks, now spaces (TSV cannot hold them)",
                    path.display()
                );
            }
            file
        }),
        ExchangeFormat::Tbx => exchange::from_tbx(&text),
        ExchangeFormat::Omegat => Err(
            "OmegaT glossaries are an export format: import its terms as CSV or TBX".to_string(),
        ),
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    write_output(output, &file.to_text())
}

pub fn export_glossary(
    to: ExchangeFormat,
    path: &std::path::Path,
    pair: (Option<String>, Option<String>),
    output: Option<PathBuf>,
) -> Outcome {
    let text = read_user_text(path)?;
    let file = GlossaryFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let converted = match (to, pair) {
        (ExchangeFormat::Tsv, _) => file.to_text(),
        (ExchangeFormat::Csv, _) => exchange::to_csv(&file),
        (ExchangeFormat::Tbx, _) => exchange::to_tbx(&file),
        (ExchangeFormat::Omegat, (Some(source), Some(target))) => {
            exchange::to_omegat(&file, &source, &target)
                .map_err(|e| format!("{}: {e}", path.display()))?
        }
        (ExchangeFormat::Omegat, _) => {
            return Err(
                "--to omegat needs --source and --target (e.g. --source vi --target zh)"
                    .to_string()
                    .into(),
            );
        }
    };
    write_output(output, &converted)
}

pub fn glossary_stats(
    file: &std::path::Path,
    paths: &[PathBuf],
    min_frequency: usize,
    read: ReadArgs,
) -> Outcome {
    let glossary = Glossary::load(&[file]).map_err(|e| e.to_string())?;
    let reader = read.pipeline(Glossary::default(), Segmenter::default())?;
    let (documents, errors) = suggest::read_corpus(paths, &reader);
    let uses = stats::entry_uses(&glossary, &documents);
    let candidates = suggest::candidates(&glossary, &documents, min_frequency);
    write_stdout(&stats::render_stats(
        &glossary,
        &documents,
        &uses,
        &candidates,
    ))?;
    Ok(report_unreadable(&errors))
}

pub fn suggest_terms(
    file: &std::path::Path,
    paths: &[PathBuf],
    min_frequency: usize,
    limit: usize,
    read: ReadArgs,
) -> Outcome {
    let text = read_user_text(file)?;
    let header = file::Lines::split(&text)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .header
        .to_string();
    let glossary = Glossary::load(&[file]).map_err(|e| e.to_string())?;
    let reader = read.pipeline(Glossary::default(), Segmenter::default())?;
    let (documents, errors) = suggest::read_corpus(paths, &reader);
    let candidates = suggest::candidates(&glossary, &documents, min_frequency);
    write_stdout(&suggest::render_suggestions(
        &header,
        &candidates,
        &documents,
        limit,
    ))?;
    Ok(report_unreadable(&errors))
}

/// Names each document that could not be read on stderr; failure if any.
fn report_unreadable(errors: &[String]) -> u8 {
    for error in errors {
        eprintln!("plangloss: {error}");
    }
    status(!errors.is_empty())
}

/// Writes `text` atomically to `output`, or to stdout without one (or `-`).
fn write_output(output: Option<PathBuf>, text: &str) -> Outcome {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => replace_file(&path, text).map_err(Failure::Write)?,
        None => write_stdout(text)?,
    }
    Ok(super::SUCCESS)
}

pub fn lint_glossaries(files: &[PathBuf]) -> Outcome {
    let mut report = String::new();
    let mut any_error = false;
    for path in files {
        let text = read_user_text(path)?;
        let file = GlossaryFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let found = lint::lint(&file);
        for diagnostic in &found {
            report.push_str(&format!("{}:{diagnostic}\n", path.display()));
        }
        let errors = found
            .iter()
            .filter(|d| d.severity == lint::Severity::Error)
            .count();
        eprintln!(
            "plangloss: {}: {} rows, {errors} errors, {} warnings",
            path.display(),
            file.rows.iter().filter(|r| !r.is_blank()).count(),
            found.len() - errors
        );
        any_error |= errors > 0;
    }
    write_stdout(&report)?;
    Ok(status(any_error))
}
