//! The `plangloss` command line: parses arguments and calls the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plangloss::batch::{self, Summary};
use plangloss::encoding::ForcedEncoding;
use plangloss::extract::ReadOptions;
use plangloss::glossary::file::{self, GlossaryFile, is_language_code};
use plangloss::glossary::write::{self, Fields, Selector};
use plangloss::glossary::{Glossary, exchange, lint, stats, suggest};
use plangloss::model::{Block, BlockKind, Lang, Limits};
use plangloss::normalize::ToneStyle;
use plangloss::output::plain_text;
use plangloss::pipeline::Pipeline;
use plangloss::segment::{Segmenter, segment_paragraphs};
use plangloss::zh_variant::ZhVariant;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Turns folders of plan documents (DOCX, DOC, RTF, XLS/XLSX/ODS, PDF, HTML, text) into clean,
/// segmented, glossary-annotated JSON Lines.
#[derive(Parser)]
#[command(name = "plangloss", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract, normalize, segment and annotate documents; write one JSON record per document.
    #[command(
        after_help = "Examples:\n  plangloss ingest corpora/ --glossary glossaries/program-terms.tsv -o out.jsonl\n  plangloss ingest plan.docx annex.xls scans/ --jobs 2 > out.jsonl\n\n\
Exit status: 0 when every document succeeded, 1 when any failed (the others are still written), 2 for usage errors."
    )]
    Ingest {
        /// Files and folders to read; folders are walked recursively, hidden entries skipped (e.g. `corpora/ extra/plan.pdf`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Write JSON Lines to FILE instead of stdout; `-` is stdout (e.g. `-o out.jsonl`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Glossary TSV to apply; repeat for several, earlier files win on shared terms (e.g. `--glossary glossaries/program-terms.tsv`).
        #[arg(long, value_name = "FILE")]
        glossary: Vec<PathBuf>,
        /// Number of documents processed at once; defaults to the number of CPUs (e.g. `--jobs 2`). Output is identical for any value.
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// An SRX 2.0 sentence-rule file tried before the shipped rules (rules/vi.srx, rules/zh.srx), e.g. to add abbreviations; repeat for several (e.g. `--srx my-abbreviations.srx`).
        #[arg(long, value_name = "FILE")]
        srx: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the extracted, normalized text of one document, one block per line (HTML: main content only).
    #[command(
        after_help = "Example:\n  plangloss text corpora/vi/kh-tiem-chung-mo-rong-2025.docx | diff - <(pandoc -t plain corpora/vi/kh-tiem-chung-mo-rong-2025.docx)"
    )]
    Text {
        /// The document to read (e.g. `plan.pdf`).
        file: PathBuf,
        /// Leave out page headers and footers (DOCX header/footer parts, PDF running headers, page furniture).
        #[arg(long)]
        body: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Maintain glossary files: check them (more to come).
    Glossary {
        #[command(subcommand)]
        command: GlossaryCommand,
    },
    /// Split text into sentences: each non-empty input line is a paragraph; prints one sentence per line, a blank line between paragraphs.
    #[command(
        after_help = "Examples:\n  echo 'Kế hoạch số 144/KH-UBND. Các đơn vị thực hiện./.' | plangloss segment --lang vi\n  plangloss segment notes.txt"
    )]
    Segment {
        /// Language rules to use; `auto` detects each paragraph's language (e.g. `--lang zh`).
        #[arg(long, value_enum, default_value_t = LangArg::Auto)]
        lang: LangArg,
        /// An SRX 2.0 sentence-rule file tried before the shipped rules (rules/vi.srx, rules/zh.srx), e.g. to add abbreviations; repeat for several (e.g. `--srx my-abbreviations.srx`).
        #[arg(long, value_name = "FILE")]
        srx: Vec<PathBuf>,
        /// UTF-8 text file to read; stdin when absent (e.g. `paragraphs.txt`).
        file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum GlossaryCommand {
    /// Check glossary TSV files: duplicates, conflicting translations, near-duplicates (case, Unicode form, tone placement), stray spaces, NFD text, bad status or variants, empty language cells, abbreviations whose full form is missing. Prints `FILE:LINE: error|warning[rule]: message`.
    #[command(
        after_help = "Example:\n  plangloss glossary lint glossaries/program-terms.tsv\n\n\
Exit status: 0 when no file has errors (warnings allowed), 1 when any has, 2 when a file cannot be read as a glossary."
    )]
    Lint {
        /// Glossary files to check (e.g. `glossaries/program-terms.tsv`).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Add an entry at the end of a glossary. The write is atomic, takes a lock, changes only the lines it must, and is refused when the result would fail lint.
    #[command(
        after_help = "Example:\n  plangloss glossary add glossaries/program-terms.tsv --vi 'Sàng lọc sơ sinh' --zh 新生儿筛查 --en 'newborn screening' --id newborn-screening"
    )]
    Add {
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        /// Stable identifier of the new entry (e.g. `--id family-planning`).
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// Remove the entries with an id, or with a term in a language. Atomic and locked like `add`.
    #[command(
        after_help = "Examples:\n  plangloss glossary remove glossaries/program-terms.tsv --id newborn-screening\n  plangloss glossary remove glossaries/program-terms.tsv --vi 'Sàng lọc sơ sinh'"
    )]
    Remove {
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Convert a CSV (as spreadsheets write it), TSV or TBX file into glossary TSV, on stdout or into a file (written atomically).
    #[command(
        after_help = "Examples:\n  plangloss glossary import --from csv terms-from-excel.csv -o glossaries/new-terms.tsv\n  plangloss glossary import --from tbx termbase.tbx > terms.tsv"
    )]
    Import {
        /// The format of FILE (e.g. `--from tbx`).
        #[arg(long, value_enum)]
        from: ExchangeFormat,
        /// The file to convert (e.g. `termbase.tbx`).
        file: PathBuf,
        /// Write the TSV here instead of stdout (e.g. `-o glossaries/imported.tsv`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Convert glossary TSV to CSV (UTF-8 BOM, CRLF, quoted as spreadsheets expect), TSV or TBX v3 (TBX-Basic), with status, variants and notes.
    #[command(
        after_help = "Examples:\n  plangloss glossary export --to tbx glossaries/program-terms.tsv -o program-terms.tbx\n  plangloss glossary export --to csv glossaries/program-terms.tsv > for-excel.csv"
    )]
    Export {
        /// The format to write (e.g. `--to csv`).
        #[arg(long, value_enum)]
        to: ExchangeFormat,
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        /// Write here instead of stdout (e.g. `-o program-terms.tbx`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Change cells of the one entry with an id (or a term). Atomic and locked like `add`.
    #[command(
        after_help = "Example:\n  plangloss glossary set glossaries/program-terms.tsv --id newborn-screening --zh 新生儿疾病筛查"
    )]
    Set {
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        /// The entry to change, by its `id` cell (e.g. `--id newborn-screening`).
        #[arg(long = "id", value_name = "ID")]
        select_id: String,
        /// A new id for the entry (e.g. `--new-id newborn-screening-2025`).
        #[arg(long, value_name = "ID")]
        new_id: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// How a glossary is used in a corpus: each entry's occurrences and the documents it occurs in, the entries never seen, and the documents with the most candidate terms the glossary lacks. Three TSV tables, each after a `# ` title line.
    #[command(
        after_help = "Example:\n  plangloss glossary stats glossaries/program-terms.tsv corpora/ ../plans/\n\n\
Exit status: 0, or 1 when some document could not be read (named on stderr; the rest are counted)."
    )]
    Stats {
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        /// Documents or folders to read (e.g. `corpora/`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How often a phrase must recur to count as an unknown candidate term (e.g. `--min-frequency 5`).
        #[arg(long, default_value_t = 3, value_name = "N")]
        min_frequency: usize,
    },
    /// Candidate new terms from a corpus: recurring Vietnamese phrases of 2-6 syllables and Chinese n-grams of 2-6 characters that no entry covers, ranked by C-value, as glossary rows ready to paste (the evidence and an example in the `note` column).
    #[command(
        after_help = "Example:\n  plangloss glossary suggest corpora/ --glossary glossaries/program-terms.tsv --limit 30 > candidates.tsv\n\n\
Exit status: 0, or 1 when some document could not be read (named on stderr; the rest are used)."
    )]
    Suggest {
        /// Documents or folders to read (e.g. `corpora/`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The glossary whose entries are known (e.g. `--glossary glossaries/program-terms.tsv`).
        #[arg(long, value_name = "FILE")]
        glossary: PathBuf,
        /// How often a phrase must recur (e.g. `--min-frequency 5`).
        #[arg(long, default_value_t = 3, value_name = "N")]
        min_frequency: usize,
        /// At most this many rows (e.g. `--limit 100`).
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExchangeFormat {
    Csv,
    Tsv,
    Tbx,
}

/// The cells of an entry; a column the file lacks is added.
#[derive(Args)]
struct FieldArgs {
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
    fn into_fields(self, id: Option<String>) -> Fields {
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
struct SelectArgs {
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
    fn selector(self) -> Selector {
        match (self.id, self.vi, self.zh, self.en) {
            (Some(id), ..) => Selector::Id(id),
            (_, Some(term), ..) => Selector::Term("vi".into(), term),
            (_, _, Some(term), _) => Selector::Term("zh".into(), term),
            (_, _, _, Some(term)) => Selector::Term("en".into(), term),
            _ => unreachable!("clap requires one of them"),
        }
    }
}

/// Keeps the default panic message for every panic but those raised inside
/// calamine, which the spreadsheet reader catches and reports in the
/// document's record as `corrupt`: printing them too would look like a crash.
fn quiet_guarded_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !plangloss::extract::sheet::in_guarded_call() {
            default_hook(info);
        }
    }));
}

/// How documents are read: resource limits that make a hostile file fail
/// alone instead of exhausting the machine, and the PDF password.
#[derive(Args)]
struct ReadArgs {
    /// Largest file to read, in MiB; larger files get a `too_large` error record (e.g. `--max-file-size 512`).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_file_size: u64,
    /// Most XML one DOCX, XLSX or ODS may inflate to, in MiB, all parts together; more gives a `too_large` error record (zip bombs). Also the largest PDF or OLE2 (.doc/.xls) stream, and the most text one RTF or .doc may give (e.g. `--max-inflated-size 1024`).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_inflated_size: u64,
    /// User password for encrypted PDFs; the empty password is always tried first (e.g. `--password foo`).
    #[arg(long, value_name = "PASSWORD")]
    password: Option<String>,
    /// HTML: keep the whole page (menus, sidebars, related links, footers) instead of only the article.
    #[arg(long, visible_alias = "no-boilerplate-removal")]
    whole_page: bool,
    /// Plain-text and HTML files: read every file in this encoding instead of detecting it or trusting the page's declaration. A WHATWG label (utf-8, gbk, big5, windows-1258…) or a Vietnamese legacy one: tcvn3 (abc), vni, viscii, vps (e.g. `--encoding tcvn3`).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<ForcedEncoding>,
    /// Where Vietnamese tone marks go in oa/oe/uy syllables of the output text: `old` (hòa, khỏe, thủy), `new` (hoà, khoẻ, thuỷ) or `keep` as the document has it. Glossary matching ignores the difference either way (e.g. `--vi-tone old`).
    #[arg(long, value_enum, default_value_t = ToneArg::Keep)]
    vi_tone: ToneArg,
    /// Traditional and simplified Chinese, with OpenCC's tables: `match` finds glossary terms written in either script (發展 finds 发展) and leaves the text as it is; `simplified` or `traditional` also rewrites Chinese blocks in that script. Without the option, terms match only as written (e.g. `--zh-variant match`).
    #[arg(long, value_enum)]
    zh_variant: Option<VariantArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum VariantArg {
    Match,
    Simplified,
    Traditional,
}

#[derive(Clone, Copy, ValueEnum)]
enum ToneArg {
    Keep,
    Old,
    New,
}

impl ReadArgs {
    fn pipeline(self, glossary: Glossary, segmenter: Segmenter) -> Result<Pipeline, String> {
        let zh_variant = match self.zh_variant {
            None => ZhVariant::Off,
            Some(VariantArg::Match) => ZhVariant::Match,
            Some(VariantArg::Simplified) => ZhVariant::Simplified,
            Some(VariantArg::Traditional) => ZhVariant::Traditional,
        };
        Ok(Pipeline {
            glossary: if zh_variant.matches_across() {
                glossary.across_zh_variants()
            } else {
                glossary
            },
            limits: Limits {
                max_file_bytes: self.max_file_size.saturating_mul(1 << 20),
                max_inflated_bytes: self.max_inflated_size.saturating_mul(1 << 20),
                ..Limits::default()
            },
            read: ReadOptions {
                password: self.password,
                whole_page: self.whole_page,
                encoding: self.encoding,
            },
            vi_tone: match self.vi_tone {
                ToneArg::Keep => ToneStyle::Keep,
                ToneArg::Old => ToneStyle::Old,
                ToneArg::New => ToneStyle::New,
            },
            zh_variant,
            segmenter,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    Zh,
    Auto,
}

fn main() -> ExitCode {
    quiet_guarded_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest {
            paths,
            output,
            glossary,
            jobs,
            srx,
            read,
        } => ingest(paths, output, glossary, jobs, &srx, read),
        Command::Text { file, body, read } => text(file, body, read),
        Command::Segment { lang, srx, file } => segment(lang, &srx, file),
        Command::Glossary { command } => match command {
            GlossaryCommand::Lint { files } => lint_glossaries(&files),
            GlossaryCommand::Add { file, id, fields } => {
                let fields = fields.into_fields(id);
                edit_glossary(&file, |g| write::add_entry(g, &fields))
            }
            GlossaryCommand::Remove { file, select } => {
                let selector = select.selector();
                edit_glossary(&file, |g| write::remove_entries(g, &selector))
            }
            GlossaryCommand::Import { from, file, output } => import_glossary(from, &file, output),
            GlossaryCommand::Export { to, file, output } => export_glossary(to, &file, output),
            GlossaryCommand::Stats {
                file,
                paths,
                min_frequency,
            } => glossary_stats(&file, &paths, min_frequency),
            GlossaryCommand::Suggest {
                paths,
                glossary,
                min_frequency,
                limit,
            } => suggest_terms(&glossary, &paths, min_frequency, limit),
            GlossaryCommand::Set {
                file,
                select_id,
                new_id,
                fields,
            } => {
                let fields = fields.into_fields(new_id);
                edit_glossary(&file, |g| {
                    write::set_fields(g, &Selector::Id(select_id), &fields)
                })
            }
        },
    };
    result.unwrap_or_else(|message| {
        eprintln!("plangloss: {message}");
        ExitCode::from(2)
    })
}

fn ingest(
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    glossaries: Vec<PathBuf>,
    jobs: Option<u16>,
    srx: &[PathBuf],
    read: ReadArgs,
) -> Result<ExitCode, String> {
    let started = Instant::now();
    let glossary = Glossary::load(&glossaries).map_err(|e| e.to_string())?;
    let segmenter = Segmenter::load(srx).map_err(|e| e.to_string())?;
    let pipeline = read.pipeline(glossary, segmenter)?;
    let inputs = batch::collect_inputs(&paths);
    for input in inputs.iter().filter(|i| i.walk_error.is_some()) {
        eprintln!(
            "plangloss: {}",
            input
                .walk_error
                .as_ref()
                .map(|e| e.message.as_str())
                .unwrap_or_default()
        );
    }
    let jobs = jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut out: Box<dyn Write> = match output.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let progress = progress_bar(inputs.len() as u64);
    let summary = batch::run(&pipeline, &inputs, jobs, &mut out, &mut |record| {
        progress.set_message(record.path.clone());
        progress.inc(1);
    })
    .map_err(|e| format!("cannot write output: {e}"))?;
    progress.finish_and_clear();
    print_summary(&summary, started);
    Ok(if summary.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A bar on a terminal; nothing at all when stderr is a pipe or a file.
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn print_summary(summary: &Summary, started: Instant) {
    let errors = match summary.errors {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    eprintln!(
        "plangloss: {} documents, {errors}, {:.2} s",
        summary.documents,
        started.elapsed().as_secs_f64()
    );
}

fn text(file: PathBuf, body_only: bool, read: ReadArgs) -> Result<ExitCode, String> {
    let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let pipeline = read.pipeline(Glossary::default(), Segmenter::default())?;
    match pipeline.document(&bytes) {
        Ok(document) => {
            for warning in &document.extraction.warnings {
                eprintln!("plangloss: warning: {warning}");
            }
            let blocks: Vec<Block> = document
                .extraction
                .blocks
                .into_iter()
                .filter(|b| !body_only || !matches!(b.kind, BlockKind::Header | BlockKind::Footer))
                .collect();
            write_stdout(&plain_text(&blocks))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("plangloss: {}: {}", file.display(), error.message);
            Ok(ExitCode::from(1))
        }
    }
}

fn segment(lang: LangArg, srx: &[PathBuf], file: Option<PathBuf>) -> Result<ExitCode, String> {
    let segmenter = Segmenter::load(srx).map_err(|e| e.to_string())?;
    let input = match &file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        None => {
            let mut buffer = String::new();
            std::io::stdin()
                .read_to_string(&mut buffer)
                .map_err(|e| format!("cannot read stdin as UTF-8: {e}"))?;
            buffer
        }
    };
    let lang = match lang {
        LangArg::Vi => Some(Lang::Vi),
        LangArg::Zh => Some(Lang::Zh),
        LangArg::Auto => None,
    };
    write_stdout(&segment_paragraphs(&segmenter, &input, lang))?;
    Ok(ExitCode::SUCCESS)
}

fn edit_glossary(
    path: &std::path::Path,
    change: impl FnOnce(&mut GlossaryFile) -> Result<String, write::EditError>,
) -> Result<ExitCode, String> {
    match write::edit(path, change) {
        Ok(summary) => {
            eprintln!("plangloss: {}: {summary}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(write::EditError::Lint(errors)) => {
            for error in &errors {
                println!("{}:{error}", path.display());
            }
            eprintln!(
                "plangloss: {}: not written: the result would fail lint",
                path.display()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(write::EditError::Invalid(message)) => {
            eprintln!("plangloss: {}: not written: {message}", path.display());
            Ok(ExitCode::FAILURE)
        }
        Err(error) => Err(format!("{}: {error}", path.display())),
    }
}

fn import_glossary(
    from: ExchangeFormat,
    path: &std::path::Path,
    output: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let text = read_text(path)?;
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
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    write_output(output, &file.to_text())
}

fn export_glossary(
    to: ExchangeFormat,
    path: &std::path::Path,
    output: Option<PathBuf>,
) -> Result<ExitCode, String> {
    let text = read_text(path)?;
    let file = GlossaryFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let converted = match to {
        ExchangeFormat::Tsv => file.to_text(),
        ExchangeFormat::Csv => exchange::to_csv(&file),
        ExchangeFormat::Tbx => exchange::to_tbx(&file),
    };
    write_output(output, &converted)
}

fn glossary_stats(
    file: &std::path::Path,
    paths: &[PathBuf],
    min_frequency: usize,
) -> Result<ExitCode, String> {
    let glossary = Glossary::load(&[file]).map_err(|e| e.to_string())?;
    let (documents, errors) = suggest::read_corpus(paths);
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

fn suggest_terms(
    file: &std::path::Path,
    paths: &[PathBuf],
    min_frequency: usize,
    limit: usize,
) -> Result<ExitCode, String> {
    let text = read_text(file)?;
    let header = file::Lines::split(&text)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .header
        .to_string();
    let glossary = Glossary::load(&[file]).map_err(|e| e.to_string())?;
    let (documents, errors) = suggest::read_corpus(paths);
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
fn report_unreadable(errors: &[String]) -> ExitCode {
    for error in errors {
        eprintln!("plangloss: {error}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn read_text(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes `text` atomically to `output`, or to stdout without one (or `-`).
fn write_output(output: Option<PathBuf>, text: &str) -> Result<ExitCode, String> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(path) => write::replace_file(&path, text).map_err(|e| e.to_string())?,
        None => write_stdout(text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn lint_glossaries(files: &[PathBuf]) -> Result<ExitCode, String> {
    let mut report = String::new();
    let mut any_error = false;
    for path in files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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
    Ok(if any_error {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth reporting.
fn write_stdout(text: &str) -> Result<(), String> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}
