//! The bilingual glossary: loading TSV files and finding their terms in text.
//!
//! A glossary file is UTF-8 TSV with a header row. Columns named by a language
//! code (`vi`, `zh`, `en`, `zh-Hant`…) hold terms; `note`, `id`, `status`,
//! `variants`, `domain`, `source` and any unknown column are carried but not
//! matched. Every language cell of every row is a pattern.
//!
//! Matching is insensitive to case, to NFC/NFD and to Vietnamese tone-mark
//! placement ("hoá" matches "hóa"), and non-overlapping: the leftmost term
//! wins, and of the terms starting there the longest (most specific).
//! Words of spaced scripts match whole (a token trie, see `matcher`), so
//! that "SKSS" does not match inside "CSSKSS"; Chinese terms match anywhere.

pub mod exchange;
pub mod file;
mod fold;
pub mod lint;
mod matcher;
pub mod stats;
pub mod suggest;
pub mod write;

use crate::input::UserFile;
use crate::model::{HitEntry, TermHit, Terms};
use crate::normalize::{is_clean, normalize_text};
use crate::script::is_han;
use fold::fold;
use matcher::{Found, TermTokens, TokenTrie, TokenTrieBuilder};
use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A glossary loading problem, with the file and row it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryError {
    pub message: String,
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GlossaryError {}

/// One glossary entry (a row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// Its language columns (non-empty cells only). Shared with every hit.
    pub terms: Arc<Terms>,
    pub id: Option<String>,
    /// `preferred`, `admitted`, `deprecated`, or what the file says.
    pub status: Option<String>,
    /// Other forms: (language, form).
    pub variants: Vec<(String, String)>,
    /// The full form an abbreviation's note names ("abbr of X").
    pub abbreviation_of: Option<String>,
    /// The entry's note, when it has one.
    pub note: Option<String>,
    /// The glossary file it comes from, as given.
    pub glossary: Arc<str>,
    /// Its line in that file (the header is line 1).
    pub line: usize,
}

impl Entry {
    /// Its terms, then its variants, each with whether it is a variant:
    /// what matching looks for.
    fn patterns(&self) -> impl Iterator<Item = (&str, bool)> {
        let terms = self.terms.values().map(|term| (term, false));
        let variants = self.variants.iter().map(|(_, form)| (form.as_str(), true));
        terms.chain(variants)
    }
}

/// Where an entry's term or variant occurs in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The index of the entry in [`Glossary::entries`].
    pub entry: usize,
    /// Char offsets into the text.
    pub chars: (usize, usize),
    /// Byte offsets into the text.
    pub bytes: (usize, usize),
    /// True when the text is one of the entry's variants.
    pub variant: bool,
}

/// One thing to look for: a term or variant of an entry.
#[derive(Debug, Clone)]
struct Pattern {
    entry: usize,
    variant: bool,
}

/// A set of glossary entries compiled for matching.
///
/// Invariant: the value of each term in `trie` indexes `patterns`.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// For an abbreviation, the entry of its full form.
    full_forms: Vec<Option<usize>>,
    trie: TokenTrie,
    patterns: Vec<Pattern>,
    /// What hits on each entry share, made at its first hit: most entries
    /// of a large glossary are never found, and loading stays quick.
    hit_entries: Box<[OnceLock<Arc<HitEntry>>]>,
    /// Whether Chinese matches across traditional and simplified forms.
    across_zh_variants: bool,
}

impl Default for Glossary {
    fn default() -> Self {
        Glossary::new(Vec::new())
    }
}

impl Glossary {
    /// Compiles `entries` for matching. Where two entries share a term, the
    /// first one listed wins.
    pub fn new(entries: Vec<Entry>) -> Self {
        Glossary::compile(entries, false)
    }

    /// The same glossary, matching Chinese terms in traditional and
    /// simplified characters alike (發展 finds 发展 and the reverse).
    pub fn across_zh_variants(self) -> Self {
        Glossary::compile(self.entries, true)
    }

    fn compile(entries: Vec<Entry>, across_zh_variants: bool) -> Self {
        // Terms are cut into tokens in parallel, numbered in order.
        let mut trie = TokenTrieBuilder::new(across_zh_variants);
        let chunks: Vec<TermTokens> = entries
            .par_chunks(2048)
            .map(|chunk| {
                let mut tokens = TermTokens::new(across_zh_variants);
                for (term, _) in chunk.iter().flat_map(Entry::patterns) {
                    tokens.push(&normalized(term));
                }
                tokens
            })
            .collect();
        chunks.into_iter().for_each(|tokens| trie.add(tokens));
        let patterns: Vec<Pattern> = entries
            .iter()
            .enumerate()
            .flat_map(|(index, entry)| {
                entry.patterns().map(move |(_, variant)| Pattern {
                    entry: index,
                    variant,
                })
            })
            .collect();
        let trie = trie.build();
        // An abbreviation's full form: the entry that holds that term.
        let full_forms = entries
            .iter()
            .map(|entry| {
                let full = entry.abbreviation_of.as_deref()?;
                let pattern = trie.get(&normalized(full))?;
                Some(patterns[pattern as usize].entry)
            })
            .collect();
        Glossary {
            across_zh_variants,
            hit_entries: entries.iter().map(|_| OnceLock::new()).collect(),
            entries,
            full_forms,
            trie,
            patterns,
        }
    }

    /// Loads and compiles the TSV files at `paths`, entries in file order.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Self, GlossaryError> {
        let files = paths
            .iter()
            .map(|path| UserFile::read(path.as_ref()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| GlossaryError {
                message: format!("glossary: {e}"),
            })?;
        Glossary::from_files(&files)
    }

    /// Compiles the glossary TSV `files` already read, entries in file
    /// order, each entry's source the name of its file.
    pub fn from_files(files: &[UserFile]) -> Result<Self, GlossaryError> {
        let mut entries = Vec::new();
        for file in files {
            let name = &file.name;
            entries.extend(
                parse_named(&file.text, name).map_err(|message| GlossaryError {
                    message: format!("{name}: {message}"),
                })?,
            );
        }
        Ok(Glossary::new(entries))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Finds glossary terms in `text` (normalized block text), leftmost-
    /// longest on word boundaries: from left to right, the longest term
    /// starting at the leftmost place where one starts, then on after its
    /// end. Char offsets into `text`.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let mut hits = Vec::new();
        self.trie.find(text, |found| {
            hits.push(self.hit(text, self.to_match(found)))
        });
        hits
    }

    /// [`Glossary::find`], giving where each entry occurs rather than a
    /// hit to write out.
    pub fn matches(&self, text: &str) -> Vec<Match> {
        let mut matches = Vec::new();
        self.trie
            .find(text, |found| matches.push(self.to_match(found)));
        matches
    }

    /// For an abbreviation's entry, the index of its full form's entry.
    pub fn full_form(&self, entry: usize) -> Option<usize> {
        self.full_forms.get(entry).copied().flatten()
    }

    /// `text` in the form matching compares: normalized, then folded as
    /// this glossary folds (case, tone placement, Chinese variants when
    /// asked). Char offsets in it are offsets in the normalized text.
    pub fn fold_text(&self, text: &str) -> String {
        fold(&normalized_text(text), self.across_zh_variants)
    }

    /// Whether `folded` (made by [`Glossary::fold_text`]) holds `form` as
    /// matching would find it, even where a longer term overlaps it; on
    /// word boundaries unless the form starts or ends in a Han character.
    pub fn holds(&self, folded: &str, form: &str) -> bool {
        let form = fold(&normalized(form), self.across_zh_variants);
        if form.is_empty() {
            return false;
        }
        let starts_han = form.chars().next().is_some_and(is_han);
        let ends_han = form.chars().next_back().is_some_and(is_han);
        folded.match_indices(&form).any(|(at, found)| {
            let before = folded[..at].chars().next_back();
            let after = folded[at + found.len()..].chars().next();
            (starts_han || before.is_none_or(|c| !c.is_alphanumeric()))
                && (ends_han || after.is_none_or(|c| !c.is_alphanumeric()))
        })
    }

    fn to_match(&self, found: Found) -> Match {
        let pattern = &self.patterns[found.value as usize];
        Match {
            entry: pattern.entry,
            chars: found.chars,
            bytes: found.bytes,
            variant: pattern.variant,
        }
    }

    fn hit(&self, text: &str, found: Match) -> TermHit {
        let entry = self.hit_entries[found.entry].get_or_init(|| {
            let entry = &self.entries[found.entry];
            Arc::new(HitEntry {
                terms: Arc::clone(&entry.terms),
                id: entry.id.clone(),
                status: entry.status.clone(),
                deprecated: entry.status.as_deref() == Some("deprecated"),
                full_form: self.full_forms[found.entry]
                    .map(|full| Arc::clone(&self.entries[full].terms)),
                glossary: Arc::clone(&entry.glossary),
            })
        });
        TermHit {
            start: found.chars.0,
            end: found.chars.1,
            text: text[found.bytes.0..found.bytes.1].to_string(),
            variant: found.variant,
            entry: Arc::clone(entry),
        }
    }
}

/// Parses glossary TSV into entries; the error names the offending line.
pub fn parse_tsv(text: &str) -> Result<Vec<Entry>, String> {
    parse_named(text, "")
}

/// [`parse_tsv`], with `glossary` as every entry's source name. Rows are
/// read in parallel, in chunks; the error is that of the first bad row.
pub fn parse_named(text: &str, glossary: &str) -> Result<Vec<Entry>, String> {
    let lines = file::Lines::split(text).map_err(|e| e.0)?;
    let reader = RowReader::new(&lines.columns(), glossary);
    let rows: Vec<(usize, &str)> = lines.rows().collect();
    let chunks: Vec<Result<Vec<Entry>, String>> = rows
        .par_chunks(4096)
        .map(|chunk| {
            let mut cells = Vec::new();
            let mut entries = Vec::with_capacity(chunk.len());
            for &(line, row) in chunk {
                entries.extend(reader.entry(line, row, &mut cells)?);
            }
            Ok(entries)
        })
        .collect();
    let mut entries = Vec::with_capacity(rows.len());
    for chunk in chunks {
        entries.append(&mut chunk?);
    }
    Ok(entries)
}

/// What turns a row of one glossary file into an [`Entry`]: where its
/// columns are.
struct RowReader {
    /// The language code of each column, shared by every row's terms, or
    /// `None` for a column that is not a language.
    codes: Vec<Option<Arc<str>>>,
    variants_at: Option<usize>,
    id_at: Option<usize>,
    status_at: Option<usize>,
    note_at: Option<usize>,
    glossary: Arc<str>,
}

impl RowReader {
    fn new(columns: &[file::Column], glossary: &str) -> Self {
        use file::Column;
        let index_of = |wanted: Column| columns.iter().position(|c| *c == wanted);
        RowReader {
            codes: columns
                .iter()
                .map(|column| match column {
                    Column::Language(code) => Some(Arc::from(code.as_str())),
                    _ => None,
                })
                .collect(),
            variants_at: index_of(Column::Variants),
            id_at: index_of(Column::Id),
            status_at: index_of(Column::Status),
            note_at: index_of(Column::Note),
            glossary: Arc::from(glossary),
        }
    }

    /// The entry of `row`, at `line`: none for a row with no term or
    /// variant; an error for one with more cells than the header.
    /// `cells` is scratch space.
    fn entry<'a>(
        &self,
        line: usize,
        row: &'a str,
        cells: &mut Vec<&'a str>,
    ) -> Result<Option<Entry>, String> {
        cells.clear();
        cells.extend(row.split('\t').map(str::trim));
        if cells.iter().all(|cell| cell.is_empty()) {
            return Ok(None);
        }
        if cells.len() > self.codes.len() {
            return Err(format!(
                "line {line}: {} cells but the header has {} columns",
                cells.len(),
                self.codes.len()
            ));
        }
        let cell = |at: Option<usize>| {
            at.and_then(|at| cells.get(at).copied())
                .filter(|cell| !cell.is_empty())
        };
        let terms: Terms = self
            .codes
            .iter()
            .zip(cells.iter())
            .filter(|(_, term)| !term.is_empty())
            .filter_map(|(code, term)| Some((Arc::clone(code.as_ref()?), Box::from(*term))))
            .collect();
        let variants: Vec<(String, String)> = cell(self.variants_at)
            .map(|cell| {
                cell.split('|')
                    .filter_map(|item| item.split_once(':'))
                    .map(|(code, form)| (code.trim().to_string(), form.trim().to_string()))
                    .filter(|(_, form)| !form.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if terms.is_empty() && variants.is_empty() {
            return Ok(None);
        }
        Ok(Some(Entry {
            terms: Arc::new(terms),
            id: cell(self.id_at).map(str::to_string),
            status: cell(self.status_at).map(str::to_string),
            variants,
            abbreviation_of: cell(self.note_at).and_then(lint::abbreviation_of),
            note: cell(self.note_at).map(str::to_string),
            glossary: Arc::clone(&self.glossary),
            line,
        }))
    }
}

/// The form glossary matching compares: normalized, lower case, Vietnamese
/// tone marks in one placement. Two terms with the same key are the same
/// term to a translator.
pub fn match_key(term: &str) -> String {
    fold(&normalized(term), false)
}

/// Text as blocks hold it: normalized (skipped for text already clean).
fn normalized_text(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalize_text(text))
    }
}

/// A glossary term as block text is: trimmed and normalized (skipped for
/// text already clean).
fn normalized(term: &str) -> Cow<'_, str> {
    let term = term.trim();
    if is_clean(term) {
        Cow::Borrowed(term)
    } else {
        Cow::Owned(normalize_text(term))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "vi\tzh\ten\tnote\tcustom\n\
        Kế hoạch hóa gia đình\t计划生育\tfamily planning\t\tx\n\
        KHHGĐ\t计生\tFP\tabbr of Kế hoạch hóa gia đình\t\n\
        Sức khỏe sinh sản\t生殖健康\treproductive health\t\t\n\
        SKSS\t\t\tabbr of Sức khỏe sinh sản\t\n\
        Chăm sóc sức khỏe sinh sản\t\t\t\t\n\
        CSSKSS\t\t\tabbr of Chăm sóc sức khỏe sinh sản\t\n\
        研究生\t\t\t\t\n";

    fn glossary() -> Glossary {
        Glossary::new(parse_tsv(TSV).unwrap())
    }

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        glossary()
            .find(text)
            .into_iter()
            .map(|h| (h.start, h.end, h.text))
            .collect()
    }

    #[test]
    fn header_decides_language_columns() {
        let entries = parse_tsv(TSV).unwrap();
        assert_eq!(entries.len(), 7);
        assert_eq!(
            entries[0].terms.keys().collect::<Vec<_>>(),
            vec!["en", "vi", "zh"]
        );
        assert!(parse_tsv("note\tid\nx\ty\n").is_err());
        assert!(
            parse_tsv("vi\ten\na\tb\tc\n")
                .unwrap_err()
                .starts_with("line 2")
        );
    }

    #[test]
    fn finds_terms_with_char_offsets_case_insensitively() {
        assert_eq!(
            found("Công tác KẾ HOẠCH HOÁ GIA ĐÌNH và sức khoẻ sinh sản"),
            vec![
                (9, 30, "KẾ HOẠCH HOÁ GIA ĐÌNH".to_string()),
                (34, 51, "sức khoẻ sinh sản".to_string())
            ]
        );
    }

    #[test]
    fn longest_match_wins_and_words_are_bounded() {
        let hits = found("Chăm sóc sức khỏe sinh sản; CSSKSS khác SKSS.");
        let texts: Vec<_> = hits.iter().map(|h| h.2.as_str()).collect();
        assert_eq!(texts, vec!["Chăm sóc sức khỏe sinh sản", "CSSKSS", "SKSS"]);
    }

    #[test]
    fn overlapping_terms_are_found_leftmost_longest() {
        let glossary = Glossary::new(
            parse_tsv(
                "vi\nGiáo dục sức khỏe\nSức khỏe sinh sản vị thành niên\nSức khỏe sinh sản\nSinh sản\n",
            )
            .unwrap(),
        );
        let texts = |text: &str| -> Vec<String> {
            glossary.find(text).into_iter().map(|h| h.text).collect()
        };
        // The leftmost term wins, then the search goes on after it.
        assert_eq!(
            texts("Truyền thông, giáo dục sức khỏe sinh sản vị thành niên"),
            vec!["giáo dục sức khỏe", "sinh sản"]
        );
        // At one place, the longest.
        assert_eq!(
            texts("Chăm lo sức khỏe sinh sản vị thành niên"),
            vec!["sức khỏe sinh sản vị thành niên"]
        );
    }

    #[test]
    fn hits_carry_id_status_variants_abbreviations_and_their_glossary() {
        let tsv = "vi\tzh\ten\tnote\tid\tstatus\tvariants\n\
            Kế hoạch hóa gia đình\t计划生育\tfamily planning\t\tfp\tpreferred\tzh:计划生育工作|vi:KHH gia đình\n\
            KHHGĐ\t\tFP\tabbr of Kế hoạch hóa gia đình\tfp-abbr\tadmitted\t\n\
            Sinh đẻ có kế hoạch\t\tbirth control\t\told-fp\tdeprecated\t\n";
        let glossary = Glossary::new(parse_named(tsv, "g.tsv").unwrap());
        let hits = glossary.find("Công tác KHHGĐ, sinh đẻ có kế hoạch và KHH gia đình.");
        let summary: Vec<_> = hits
            .iter()
            .map(|h| {
                (
                    h.text.as_str(),
                    h.entry.id.as_deref(),
                    h.entry.deprecated,
                    h.variant,
                    h.entry.full_form.is_some(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("KHHGĐ", Some("fp-abbr"), false, false, true),
                ("sinh đẻ có kế hoạch", Some("old-fp"), true, false, false),
                ("KHH gia đình", Some("fp"), false, true, false),
            ]
        );
        assert_eq!(&hits[0].entry.full_form.as_ref().unwrap()["zh"], "计划生育");
        assert!(hits.iter().all(|h| &*h.entry.glossary == "g.tsv"));
    }

    #[test]
    fn chinese_terms_match_without_spaces() {
        let hits = glossary().find("做好计划生育和生殖健康工作");
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (2, 6));
        assert_eq!(&hits[1].entry.terms["en"], "reproductive health");
    }

    #[test]
    fn chinese_terms_match_across_scripts_only_when_asked() {
        let text = "做好計劃生育和生殖健康工作";
        let plain: Vec<_> = glossary().find(text).into_iter().map(|h| h.text).collect();
        assert_eq!(plain, vec!["生殖健康"]);
        let hits = glossary().across_zh_variants().find(text);
        let texts: Vec<_> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, vec!["計劃生育", "生殖健康"]);
        assert_eq!((hits[0].start, hits[0].end), (2, 6));
        assert_eq!(&hits[0].entry.terms["zh"], "计划生育");
    }
}
