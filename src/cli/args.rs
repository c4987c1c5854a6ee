//! The command line's grammar: every subcommand and its arguments, as
//! clap parses them. [`super::dispatch`] runs what was parsed.

use super::glossary::{ExchangeFormat, FieldArgs, SelectArgs};
use super::read_args::{BatchArgs, ReadArgs};
use super::segment::LangArg;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Turns folders of plan documents (DOCX, DOC, RTF, XLS/XLSX/ODS, PDF, HTML, text) into clean,
/// segmented, glossary-annotated JSON Lines.
#[derive(Parser)]
#[command(name = "plangloss", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract, normalize, segment and annotate documents; write one JSON record per document.
    #[command(
        after_help = "Examples:\n  plangloss ingest corpora/ --glossary glossaries/program-terms.tsv -o out.jsonl\n  plangloss ingest plan.docx annex.xls scans/ --jobs 2 > out.jsonl\n  find /data/plans -name '*.pdf' -print0 | plangloss ingest --files-from - -0 --base /data/plans --shard 0/4 > part-0.jsonl\n\n\
Exit status: 0 when every document succeeded, 1 when any failed (the others are still written), 2 for usage errors, 3 when the output cannot be written (no space, no permission)."
    )]
    Ingest {
        /// Files and folders to read; folders are walked recursively, hidden entries skipped (e.g. `corpora/ extra/plan.pdf`).
        #[arg(required_unless_present = "files_from", value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        listing: super::ingest::ListingArgs,
        /// Write JSON Lines to FILE instead of stdout; `-` is stdout (e.g. `-o out.jsonl`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        batch: BatchArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Export documents as XLIFF for CAT tools: one group (1.2) or unit (2.1) per block, one translation unit or segment per sentence as plangloss segments it, glossary terms as notes (1.2) or in the Glossary module (2.1), and a hash of each unit's source text.
    #[command(
        after_help = "Examples:\n  plangloss xliff plan.docx --target zh-CN -o plan.xlf --glossary glossaries/program-terms.tsv\n  plangloss xliff corpora/vi --target zh-CN --xliff 2.1 -o xliff/\n\n\
Exit status: 0 when every document was written, 1 when any could not be read or its XLIFF holds translations not to be replaced (the others are still written), 2 for usage errors, 3 when a file cannot be written."
    )]
    Xliff {
        /// Files and folders to export; folders are walked recursively (e.g. `plan.docx corpora/vi`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The target language, a BCP 47 code (e.g. `--target zh-CN`).
        #[arg(long, value_name = "LANG")]
        target: String,
        /// The source language; defaults to each document's detected language (e.g. `--source vi`).
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// The XLIFF version: `1.2` (the one every CAT tool reads best) or `2.1`.
        #[arg(long = "xliff", value_enum, default_value = "1.2")]
        version: super::xliff::Version,
        /// Mark glossary terms inline (`<mrk>`) besides the notes; OmegaT shows inline marks as tags the translator must place.
        #[arg(long)]
        inline_terms: bool,
        /// Where to write: a file for one document named as a file, else a folder (each document's path with `.xlf` added; an existing folder or a path ending in `/` is always one); `-` or nothing for stdout (one document).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace existing XLIFF files even when they hold translated units (by default such a file is kept and the document reported).
        #[arg(long)]
        overwrite: bool,
        #[command(flatten)]
        batch: BatchArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Make a ready OmegaT project: the documents as XLIFF 1.2 in source/ (targets pre-filled with the source, as OmegaT's XLIFF filter needs), the glossaries as OmegaT glossaries for the pair in glossary/, the memories in tm/auto/, and project segmentation rules carrying plangloss's rules (OmegaT's own segmentation is turned off: the units are already sentences).
    #[command(
        after_help = "Example:\n  plangloss omegat corpora/vi --target zh-CN --glossary glossaries/program-terms.tsv --tmx memory.tmx -o project/\n  java -jar OmegaT.jar project/ --mode=console-translate\n\n\
Exit status: 0 when every document went into the project, 1 when any could not be read, 2 for usage errors, 3 when a file cannot be written."
    )]
    Omegat {
        /// Files and folders to translate (e.g. `corpora/vi`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The target language, a BCP 47 code (e.g. `--target zh-CN`).
        #[arg(long, value_name = "LANG")]
        target: String,
        /// The source language; defaults to the language most documents are in (e.g. `--source vi`).
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// A TMX translation memory for tm/auto/ (OmegaT fills exact matches in); repeat for several (e.g. `--tmx memory.tmx`).
        #[arg(long = "tmx", value_name = "FILE")]
        memories: Vec<PathBuf>,
        /// The project folder to create or fill (e.g. `-o project/`).
        #[arg(short, long, value_name = "PROJECT_DIR")]
        output: PathBuf,
        #[command(flatten)]
        batch: BatchArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Build a TMX 1.4 translation memory from the translated units of XLIFF 1.2/2.x (or TMX) files. A unit counts as translated when its target is not empty and differs from the source, or is marked done (1.2 approved="yes"; state translated, reviewed, final or signed-off): a target that only copies the source, as CAT tools pre-fill it, is left out. Identical pairs are merged.
    #[command(
        after_help = "Example:\n  plangloss tmx translated/*.xlf -o memory.tmx\n\n\
Exit status: 0 on success, 1 when a file could not be read (the memory holds the others' units), 3 when the memory cannot be written."
    )]
    Tmx {
        /// XLIFF or TMX files to read (e.g. `translated/plan.docx.xlf`).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write the memory to FILE instead of stdout (e.g. `-o memory.tmx`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check translations in XLIFF 1.2/2.x or TMX files against the glossary and the conventions of Vietnamese and Chinese: term_missing, term_deprecated (errors), inconsistent, number_mismatch, untranslated, punctuation, source_artefact. Terms are found as `ingest` finds them (case, Unicode form, tone placement, variants, abbreviations); numbers and dates are compared after reading each language's conventions (vi 1.250,5 = zh 1250.5; ngày 11 tháng 7 năm 2024 = 2024年7月11日).
    #[command(
        after_help = "Examples:\n  plangloss qa translated/*.xlf --glossary glossaries/program-terms.tsv\n  plangloss qa plan.xlf --glossary glossaries/program-terms.tsv --format html -o qa.html\n  plangloss qa plan.xlf --glossary glossaries/program-terms.tsv --write-back\n\n\
Severities: errors are term_missing, term_deprecated, number_mismatch, untranslated, a translation differing from the same source's usual one (inconsistent) and unbalanced brackets or quotes; warnings are the rest (different sources given one target, spacing and half-width marks, source artefacts).\n\n\
Exit status: 0 when no finding is an error, 1 when any is or a file cannot be read (the others are still checked), 2 for usage errors, 3 when the report or a file cannot be written."
    )]
    Qa(super::qa::QaArgs),
    /// Show one document as a translator reads it: a self-contained HTML page with its blocks in order (kind, label, page), sentence boundaries, glossary terms highlighted with their translations (hover), deprecated terms and source artefacts marked, the extraction's warnings, and page headers and footers greyed at the end.
    #[command(
        after_help = "Example:\n  plangloss review corpora/vi/kh-tiem-chung-mo-rong-2025.docx --glossary glossaries/program-terms.tsv -o page.html\n\n\
Exit status: 0, 1 when the document cannot be read (the page shows the error), 2 for usage errors, 3 when the page cannot be written."
    )]
    Review(super::review::ReviewArgs),
    /// Print the facts of official documents: number, type, issuer, place and date, subject, signer, recipients, the documents they cite and the size of their outline; the `document` object of `ingest` as a short summary.
    #[command(
        after_help = "Examples:\n  plangloss info corpora/vi/kh-truyen-thong-dan-so-2025.docx\n  plangloss info corpora/ --jobs 2\n\n\
Exit status: 0, 1 when a document cannot be read (its error is shown, the others are summarized), 2 for usage errors."
    )]
    Info {
        /// Files and folders to read; folders are walked recursively (e.g. `plan.docx corpora/`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Number of documents read at once; defaults to the number of CPUs (e.g. `--jobs 2`).
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
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
        /// Print the document's outline (its heading tree, indented by level) instead of its text.
        #[arg(long)]
        outline: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Maintain glossary files: lint, add, remove, set, import, export, stats, suggest.
    #[command(
        after_help = "Commands that change a glossary (add, remove, set, import/export -o) write atomically under a lock and refuse a read-only file.\n\n\
Exit status: 0 on success, 1 when lint finds errors, a change is refused or a document cannot be read, 2 for usage errors, 3 when a file cannot be written (no space, no permission, read-only)."
    )]
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
pub enum GlossaryCommand {
    /// Check glossary TSV files: duplicates, conflicting translations, near-duplicates (case, Unicode form, tone placement), stray spaces, NFD text, bad status or variants, empty language cells, abbreviations whose full form is missing. Prints `FILE:LINE: error|warning[rule]: message`.
    #[command(
        after_help = "Example:\n  plangloss glossary lint glossaries/program-terms.tsv\n\n\
Exit status: 0 when no file has errors (warnings allowed), 1 when any has, 2 when a file cannot be read as a glossary, 3 when the report cannot be written."
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
    /// Convert glossary TSV to CSV (UTF-8 BOM, CRLF, quoted as spreadsheets expect), TSV, TBX v3 (TBX-Basic), with status, variants and notes, or OmegaT's glossary for one language pair (`--to omegat --source vi --target zh`).
    #[command(
        after_help = "Examples:\n  plangloss glossary export --to tbx glossaries/program-terms.tsv -o program-terms.tbx\n  plangloss glossary export --to csv glossaries/program-terms.tsv > for-excel.csv"
    )]
    Export {
        /// The format to write (e.g. `--to csv`).
        #[arg(long, value_enum)]
        to: ExchangeFormat,
        /// The glossary TSV file (e.g. `glossaries/program-terms.tsv`).
        file: PathBuf,
        /// `--to omegat`: the source language column (e.g. `--source vi`).
        #[arg(long, value_name = "LANG")]
        source: Option<String>,
        /// `--to omegat`: the target language column (e.g. `--target zh`).
        #[arg(long, value_name = "LANG")]
        target: Option<String>,
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
        #[command(flatten)]
        read: ReadArgs,
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
        #[command(flatten)]
        read: ReadArgs,
    },
}
