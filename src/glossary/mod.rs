//! The bilingual glossary: loading TSV files and finding their terms in text.
//!
//! A glossary file is UTF-8 TSV with a header row. Columns named by a language
//! code (`vi`, `zh`, `en`, `zh-Hant`…) hold terms; `note`, `id`, `status`,
//! `variants`, `domain`, `source` and any unknown column are carried but not
//! matched. Every language cell of every row is a pattern.
//!
//! Matching is insensitive to case, to NFC/NFD and to Vietnamese tone-mark
//! placement ("hoá" matches "hóa"), and non-overlapping: where candidates
//! overlap, the longest (most specific) term wins, then the leftmost. Terms that begin or end with a letter or digit of a spaced
//! script must sit on word boundaries, so that "SKSS" does not match inside
//! "CSSKSS"; Chinese terms match anywhere.

pub mod exchange;
pub mod file;
pub mod lint;
pub mod write;

use crate::model::TermHit;
use crate::normalize::{ToneStyle, is_clean, normalize_text, place_vi_tones_in};
use crate::script::is_cjk;
use crate::zh_variant::simplified_char;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

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
    /// Its language columns (non-empty cells only).
    pub terms: BTreeMap<String, String>,
    pub id: Option<String>,
    /// `preferred`, `admitted`, `deprecated`, or what the file says.
    pub status: Option<String>,
    /// Other forms: (language, form).
    pub variants: Vec<(String, String)>,
    /// The full form an abbreviation's note names ("abbr of X").
    pub abbreviation_of: Option<String>,
    /// The glossary file it comes from, as given.
    pub glossary: String,
}

/// One thing to look for: a term or variant of an entry.
#[derive(Debug, Clone)]
struct Pattern {
    entry: usize,
    variant: bool,
    /// Whether the pattern needs a word boundary on its left and right.
    bounded: (bool, bool),
}

/// A set of glossary entries compiled for matching.
///
/// Invariant: `patterns[i]` describes the i-th pattern of `matcher`.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// For an abbreviation, the entry of its full form.
    full_forms: Vec<Option<usize>>,
    matcher: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Whether patterns and text are folded to simplified Chinese, so that
    /// a term matches in either script.
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
        let key_of = |term: &str| term_key(term, across_zh_variants);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let terms = entry.terms.values().map(|t| (t, false));
            let variants = entry.variants.iter().map(|(_, form)| (form, true));
            for (term, variant) in terms.chain(variants) {
                let key = key_of(term);
                if key.is_empty() || seen.contains_key(&key) {
                    continue;
                }
                patterns.push(Pattern {
                    entry: index,
                    variant,
                    bounded: (
                        needs_boundary(key.chars().next()),
                        needs_boundary(key.chars().last()),
                    ),
                });
                seen.insert(key.clone(), index);
                keys.push(key);
            }
        }
        // An abbreviation's full form: the entry that holds that term.
        let full_forms = entries
            .iter()
            .map(|entry| {
                let full = entry.abbreviation_of.as_deref()?;
                seen.get(&key_of(full)).copied()
            })
            .collect();
        let matcher = (!keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .expect("glossary patterns are plain strings of bounded size")
        });
        Glossary {
            entries,
            full_forms,
            matcher,
            patterns,
            across_zh_variants,
        }
    }

    /// Loads and compiles the TSV files at `paths`, entries in file order.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Self, GlossaryError> {
        let mut entries = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|e| GlossaryError {
                message: format!("cannot read glossary {}: {e}", path.display()),
            })?;
            let name = path.display().to_string();
            entries.extend(parse_named(&text, &name).map_err(|message| GlossaryError {
                message: format!("{name}: {message}"),
            })?);
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

    /// Finds glossary terms in `text` (normalized block text), leftmost-
    /// longest: from left to right, the longest term starting at the
    /// leftmost place where one starts, then on after its end. Char offsets
    /// into `text`.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let folded = fold(text, self.across_zh_variants);
        // fold() maps char to char, so char offsets are shared; map bytes of
        // the folded text to char offsets.
        let mut char_at_byte = vec![0usize; folded.len() + 1];
        let mut chars = 0;
        for (byte, c) in folded.char_indices() {
            char_at_byte[byte..byte + c.len_utf8()].fill(chars);
            chars += 1;
        }
        char_at_byte[folded.len()] = chars;
        let text_chars: Vec<char> = text.chars().collect();
        // Every match on word boundaries, then the leftmost-longest of them:
        // filtering after a leftmost-longest search could lose a shorter
        // match that is on boundaries.
        let mut candidates: Vec<(usize, usize, usize)> = matcher
            .find_overlapping_iter(&folded)
            .map(|m| {
                (
                    char_at_byte[m.start()],
                    char_at_byte[m.end()],
                    m.pattern().as_usize(),
                )
            })
            .filter(|&(start, end, pattern)| self.on_boundaries(&text_chars, start, end, pattern))
            .collect();
        candidates.sort_by_key(|&(start, end, pattern)| (start, std::cmp::Reverse(end), pattern));
        let mut hits = Vec::new();
        let mut covered_to = 0;
        for (start, end, pattern) in candidates {
            if start < covered_to {
                continue;
            }
            covered_to = end;
            hits.push(self.hit(&text_chars, start, end, pattern));
        }
        hits
    }

    fn hit(&self, chars: &[char], start: usize, end: usize, pattern: usize) -> TermHit {
        let pattern = &self.patterns[pattern];
        let entry = &self.entries[pattern.entry];
        TermHit {
            start,
            end,
            text: chars[start..end].iter().collect(),
            entry: entry.terms.clone(),
            id: entry.id.clone(),
            status: entry.status.clone(),
            deprecated: entry.status.as_deref() == Some("deprecated"),
            variant: pattern.variant,
            full_form: self.full_forms[pattern.entry].map(|full| self.entries[full].terms.clone()),
            glossary: entry.glossary.clone(),
        }
    }

    fn on_boundaries(&self, chars: &[char], start: usize, end: usize, pattern: usize) -> bool {
        let (left, right) = self.patterns[pattern].bounded;
        let is_word_char = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(|c| c.is_alphanumeric() && !is_cjk(*c))
        };
        let glued_left = left && is_word_char(start.checked_sub(1));
        let glued_right = right && is_word_char(Some(end));
        !glued_left && !glued_right
    }
}

/// True for a term edge that is a letter or digit of a spaced script.
fn needs_boundary(edge: Option<char>) -> bool {
    edge.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c))
}

/// Case and tone-placement folding (and, `across_zh_variants`, traditional
/// to simplified) that maps each char to exactly one char, so that offsets
/// in the folded text are offsets in the original.
fn fold(text: &str, across_zh_variants: bool) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut chars: Vec<char> = text.chars().collect();
    place_vi_tones_in(&mut chars, ToneStyle::Old);
    for c in &mut chars {
        if c.is_ascii() {
            c.make_ascii_lowercase();
            continue;
        }
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            *c = l;
        }
        if across_zh_variants {
            *c = simplified_char(*c);
        }
    }
    chars.into_iter().collect()
}

/// Parses glossary TSV into entries; the error names the offending line.
pub fn parse_tsv(text: &str) -> Result<Vec<Entry>, String> {
    parse_named(text, "")
}

/// [`parse_tsv`], with `glossary` as every entry's source name.
pub fn parse_named(text: &str, glossary: &str) -> Result<Vec<Entry>, String> {
    use file::Column;
    let file = file::GlossaryFile::parse(text).map_err(|e| e.0)?;
    let columns = file.columns();
    let cell_of = |row: &file::Row, wanted: &Column| {
        columns
            .iter()
            .position(|c| c == wanted)
            .map(|i| row.cell(i).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut entries = Vec::new();
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        if row.cells.len() > columns.len() {
            return Err(format!(
                "line {}: {} cells but the header has {} columns",
                row.line,
                row.cells.len(),
                columns.len()
            ));
        }
        let terms: BTreeMap<String, String> = columns
            .iter()
            .enumerate()
            .filter_map(|(i, column)| match column {
                Column::Language(code) => Some((code.clone(), row.cell(i).trim().to_string())),
                _ => None,
            })
            .filter(|(_, term)| !term.is_empty())
            .collect();
        let variants: Vec<(String, String)> = cell_of(row, &Column::Variants)
            .map(|cell| {
                cell.split('|')
                    .filter_map(|item| item.split_once(':'))
                    .map(|(code, form)| (code.trim().to_string(), form.trim().to_string()))
                    .filter(|(_, form)| !form.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if terms.is_empty() && variants.is_empty() {
            continue;
        }
        entries.push(Entry {
            terms,
            id: cell_of(row, &Column::Id),
            status: cell_of(row, &Column::Status),
            variants,
            abbreviation_of: cell_of(row, &Column::Note)
                .and_then(|note| lint::abbreviation_of(&note)),
            glossary: glossary.to_string(),
        });
    }
    Ok(entries)
}

/// The form glossary matching compares: normalized, lower case, Vietnamese
/// tone marks in one placement. Two terms with the same key are the same
/// term to a translator.
pub fn match_key(term: &str) -> String {
    term_key(term, false)
}

/// The key a glossary term is matched by: trimmed, normalized (skipped
/// for text already clean) and folded.
fn term_key(term: &str, across_zh_variants: bool) -> String {
    let term = term.trim();
    if is_clean(term) {
        fold(term, across_zh_variants)
    } else {
        fold(&normalize_text(term), across_zh_variants)
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
                    h.id.as_deref(),
                    h.deprecated,
                    h.variant,
                    h.full_form.is_some(),
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
        assert_eq!(hits[0].full_form.as_ref().unwrap()["zh"], "计划生育");
        assert!(hits.iter().all(|h| h.glossary == "g.tsv"));
    }

    #[test]
    fn chinese_terms_match_without_spaces() {
        let hits = glossary().find("做好计划生育和生殖健康工作");
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (2, 6));
        assert_eq!(hits[1].entry["en"], "reproductive health");
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
        assert_eq!(hits[0].entry["zh"], "计划生育");
    }
}
