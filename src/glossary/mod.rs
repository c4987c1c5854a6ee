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

/// One glossary row: its language columns (non-empty cells only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub terms: BTreeMap<String, String>,
}

/// A set of glossary entries compiled for matching.
///
/// Invariant: `patterns[i]` is the entry of the i-th pattern of `matcher`.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<Entry>,
    matcher: Option<AhoCorasick>,
    patterns: Vec<usize>,
    /// Whether the i-th pattern needs word boundaries on its left and right.
    bounded: Vec<(bool, bool)>,
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
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut bounded = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for term in entry.terms.values() {
                let key = fold(&normalize_text(term), across_zh_variants);
                if key.is_empty() || seen.contains_key(&key) {
                    continue;
                }
                seen.insert(key.clone(), index);
                bounded.push((
                    needs_boundary(key.chars().next()),
                    needs_boundary(key.chars().last()),
                ));
                keys.push(key);
                patterns.push(index);
            }
        }
        let matcher = (!keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .expect("glossary patterns are plain strings of bounded size")
        });
        Glossary {
            entries,
            matcher,
            patterns,
            bounded,
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
            entries.extend(parse_tsv(&text).map_err(|message| GlossaryError {
                message: format!("{}: {message}", path.display()),
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

    /// Finds glossary terms in `text` (normalized block text): non-overlapping,
    /// the longest term first where candidates overlap, in text order, with
    /// char offsets into `text`.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let folded = fold(text, self.across_zh_variants);
        let chars: Vec<char> = text.chars().collect();
        // fold() maps char to char, so char offsets are shared; map bytes of
        // the folded text to char offsets.
        let mut char_at_byte = vec![0usize; folded.len() + 1];
        for (char_index, (byte, c)) in folded.char_indices().enumerate() {
            char_at_byte[byte..byte + c.len_utf8()].fill(char_index);
        }
        char_at_byte[folded.len()] = chars.len();

        let mut candidates: Vec<(usize, usize, usize)> = matcher
            .find_overlapping_iter(&folded)
            .map(|m| {
                (
                    char_at_byte[m.start()],
                    char_at_byte[m.end()],
                    m.pattern().as_usize(),
                )
            })
            .filter(|&(start, end, pattern)| self.on_boundaries(&chars, start, end, pattern))
            .collect();
        // The most specific term wins: longest first, leftmost among equals.
        candidates.sort_by_key(|&(start, end, _)| (std::cmp::Reverse(end - start), start));

        let mut covered = vec![false; chars.len()];
        let mut hits = Vec::new();
        for (start, end, pattern) in candidates {
            if covered[start..end].iter().any(|&c| c) {
                continue;
            }
            covered[start..end].fill(true);
            hits.push(TermHit {
                start,
                end,
                text: chars[start..end].iter().collect(),
                entry: self.entries[self.patterns[pattern]].terms.clone(),
            });
        }
        hits.sort_by_key(|hit| hit.start);
        hits
    }

    fn on_boundaries(&self, chars: &[char], start: usize, end: usize, pattern: usize) -> bool {
        let (left, right) = self.bounded[pattern];
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
    let file = file::GlossaryFile::parse(text).map_err(|e| e.0)?;
    let languages: Vec<(usize, String)> = file
        .columns()
        .into_iter()
        .enumerate()
        .filter_map(|(i, column)| match column {
            file::Column::Language(code) => Some((i, code)),
            _ => None,
        })
        .collect();
    let mut entries = Vec::new();
    for row in file.rows.iter().filter(|row| !row.is_blank()) {
        if row.cells.len() > file.header().len() {
            return Err(format!(
                "line {}: {} cells but the header has {} columns",
                row.line,
                row.cells.len(),
                file.header().len()
            ));
        }
        let terms: BTreeMap<String, String> = languages
            .iter()
            .map(|(i, code)| (code.clone(), row.cell(*i).trim().to_string()))
            .filter(|(_, term)| !term.is_empty())
            .collect();
        if !terms.is_empty() {
            entries.push(Entry { terms });
        }
    }
    Ok(entries)
}

/// The form glossary matching compares: normalized, lower case, Vietnamese
/// tone marks in one placement. Two terms with the same key are the same
/// term to a translator.
pub fn match_key(term: &str) -> String {
    let term = term.trim();
    if is_clean(term) {
        fold(term, false)
    } else {
        fold(&normalize_text(term), false)
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
    fn the_most_specific_overlapping_term_wins() {
        let glossary = Glossary::new(
            parse_tsv(
                "vi\nGiáo dục sức khỏe\nSức khỏe sinh sản vị thành niên\nSức khỏe sinh sản\n",
            )
            .unwrap(),
        );
        let hits = glossary.find("Truyền thông, giáo dục sức khỏe sinh sản vị thành niên");
        let texts: Vec<_> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, vec!["sức khỏe sinh sản vị thành niên"]);
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
