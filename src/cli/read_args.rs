//! The options of every command that reads documents, and the pipeline
//! they configure.

use crate::encoding::ForcedEncoding;
use crate::extract::MainText;
use crate::glossary::Glossary;
use crate::input::UserFile;
use crate::normalize::ToneStyle;
use crate::ocr::{DEFAULT_PAGE_TIME_LIMIT, Language, OcrMode};
use crate::pipeline::{Pipeline, Settings};
use crate::segment::Segmenter;
use crate::zh_variant::ZhVariant;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// What every command that annotates a batch of documents takes: the
/// glossaries, the number of jobs and the user's sentence rules.
#[derive(Args)]
pub struct BatchArgs {
    /// Glossary TSV to apply; repeat for several, earlier files win on shared terms (e.g. `--glossary glossaries/program-terms.tsv`).
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Number of documents processed at once; defaults to the number of CPUs (e.g. `--jobs 2`). Output is identical for any value.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// An SRX 2.0 sentence-rule file tried before the shipped rules (rules/vi.srx, rules/zh.srx), e.g. to add abbreviations; repeat for several (e.g. `--srx my-abbreviations.srx`).
    #[arg(long, value_name = "FILE")]
    pub srx: Vec<PathBuf>,
}

/// How documents are read: resource limits that make a hostile file fail
/// alone instead of exhausting the machine, and the PDF password.
#[derive(Args)]
pub struct ReadArgs {
    /// Largest file to read, in MiB; larger files get a `too_large` error record (e.g. `--max-file-size 512`).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_file_size: u64,
    /// Most XML one DOCX, XLSX or ODS may inflate to, in MiB, all parts together; more gives a `too_large` error record (zip bombs). Also the largest PDF or OLE2 (.doc/.xls) stream, and the most text one RTF or .doc may give (e.g. `--max-inflated-size 1024`).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_inflated_size: u64,
    /// Most memory one document's record may take beyond its text, in MiB: its blocks, sentences, term hits and note marks, charged as they are made. More gives a `too_large` error record (e.g. a text of millions of one-word lines, or of one glossary term repeated). Paragraphs longer than 100,000 characters are split into several blocks first (e.g. `--max-record-size 512`).
    #[arg(long, value_name = "MIB", default_value_t = 128)]
    max_record_size: u64,
    /// User password for encrypted PDFs; the empty password is always tried first (e.g. `--password foo`).
    #[arg(long, value_name = "PASSWORD")]
    password: Option<String>,
    /// HTML and scraped text: keep the whole page (menus, sidebars, related links, footers) instead of only the article.
    #[arg(long, visible_alias = "no-boilerplate-removal")]
    whole_page: bool,
    /// WARC and WET files: read only the records whose URL (WARC-Target-URI) this regular expression matches (e.g. `--url-filter 'soyte|\.gov\.vn/'`).
    #[arg(long, value_name = "REGEX", value_parser = parse_url_filter)]
    url_filter: Option<String>,
    /// Plain-text files: keep only the article of a scraped web page (menus, visitor counters, related links, download notices and footers left out; its date line, byline and source go to `meta`). `auto` does so only when the text looks like a scraped page, so that an ordinary plan is never cut; `--whole-page` keeps every line (e.g. `--main-text on`).
    #[arg(long, value_enum, default_value_t = MainTextArg::Auto)]
    main_text: MainTextArg,
    /// Plain-text and HTML files: read every file in this encoding instead of detecting it or trusting the page's declaration. A WHATWG label (utf-8, gbk, big5, windows-1258…) or a Vietnamese legacy one: tcvn3 (abc), vni, viscii, vps (e.g. `--encoding tcvn3`).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<String>,
    /// Where Vietnamese tone marks go in oa/oe/uy syllables of the output text: `old` (hòa, khỏe, thủy), `new` (hoà, khoẻ, thuỷ) or `keep` as the document has it. Glossary matching ignores the difference either way (e.g. `--vi-tone old`).
    #[arg(long, value_enum, default_value_t = ToneArg::Keep)]
    vi_tone: ToneArg,
    /// Traditional and simplified Chinese, with OpenCC's tables: `match` finds glossary terms written in either script (發展 finds 发展) and leaves the text as it is; `simplified` or `traditional` also rewrites Chinese blocks in that script. Without the option, terms match only as written (e.g. `--zh-variant match`).
    #[arg(long, value_enum)]
    zh_variant: Option<VariantArg>,
    /// Scanned pages: `auto` reads by OCR (Tesseract 5) the PDF pages that draw images and have no text layer, and renders and reads pages whose text is mostly in fonts with no Unicode mapping; `force` every PDF page (from its images, else rendered), replacing its text layer, and the pictures in DOCX bodies; `off` never (such pages get a warning) (e.g. `--ocr force`).
    #[arg(long, value_enum, default_value_t = OcrArg::Auto)]
    ocr: OcrArg,
    /// The language of every scanned page: `vie`, `chi_sim` or `chi_tra`; otherwise each page's is taken from the document's text layer, else from the script Tesseract sees on the page (e.g. `--ocr-lang chi_tra`).
    #[arg(long, value_name = "LANG", value_parser = parse_ocr_lang)]
    ocr_lang: Option<Language>,
    /// The most seconds OCR may spend on one page; a page over it is given up with a warning (e.g. `--ocr-timeout 30`).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_PAGE_TIME_LIMIT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    ocr_timeout: u64,
    /// Document-type rules (as rules/document-types.tsv: lang, form, text, type) that extend the shipped ones for the `document` facts; repeat for several (e.g. `--doc-types my-types.tsv`).
    #[arg(long, value_name = "FILE")]
    doc_types: Vec<PathBuf>,
}

/// The pattern, once it is known to compile.
fn parse_url_filter(pattern: &str) -> Result<String, String> {
    regex::Regex::new(pattern).map_err(|e| format!("not a regular expression: {e}"))?;
    Ok(pattern.to_string())
}

/// The label, once it is known to name an encoding.
fn parse_encoding(label: &str) -> Result<String, String> {
    label.parse::<ForcedEncoding>()?;
    Ok(label.to_string())
}

fn parse_ocr_lang(name: &str) -> Result<Language, String> {
    name.parse()
}

#[derive(Clone, Copy, ValueEnum)]
enum OcrArg {
    Auto,
    Off,
    Force,
}

#[derive(Clone, Copy, ValueEnum)]
enum MainTextArg {
    Auto,
    On,
    Off,
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
    /// The pipeline these options describe, with the glossary and sentence
    /// rules the command loaded.
    pub fn pipeline(self, glossary: Glossary, segmenter: Segmenter) -> Result<Pipeline, String> {
        self.settings()?.pipeline_with(glossary, segmenter)
    }

    /// These options as library settings (the document-type files read).
    fn settings(self) -> Result<Settings, String> {
        let doc_types = self
            .doc_types
            .iter()
            .map(|path| UserFile::read(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Settings {
            glossaries: Vec::new(),
            srx: Vec::new(),
            doc_types,
            vi_tone: match self.vi_tone {
                ToneArg::Keep => ToneStyle::Keep,
                ToneArg::Old => ToneStyle::Old,
                ToneArg::New => ToneStyle::New,
            },
            zh_variant: match self.zh_variant {
                None => ZhVariant::Off,
                Some(VariantArg::Match) => ZhVariant::Match,
                Some(VariantArg::Simplified) => ZhVariant::Simplified,
                Some(VariantArg::Traditional) => ZhVariant::Traditional,
            },
            whole_page: self.whole_page,
            main_text: match self.main_text {
                MainTextArg::Auto => MainText::Auto,
                MainTextArg::On => MainText::On,
                MainTextArg::Off => MainText::Off,
            },
            encoding: self.encoding,
            password: self.password,
            url_filter: self.url_filter,
            max_file_mib: self.max_file_size,
            max_inflated_mib: self.max_inflated_size,
            max_record_mib: self.max_record_size,
            ocr: match self.ocr {
                OcrArg::Auto => OcrMode::Auto,
                OcrArg::Off => OcrMode::Off,
                OcrArg::Force => OcrMode::Force,
            },
            ocr_lang: self.ocr_lang,
            ocr_timeout_s: self.ocr_timeout,
        })
    }
}
