//! Synonym swaps that document-sharing sites put into the Chinese plans they
//! copy (效劳 for 服务, 方案生育 for 计划生育, 〞 for ”…), found with an
//! editable list: `rules/zh-artefacts.tsv` is shipped, and users may extend
//! it with files of the same form.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::qa::{Category, Language, Problem, Severity, Span};
use crate::script::is_han;

/// The shipped list, compiled into the binary.
const SHIPPED_TSV: &str = include_str!("../../rules/zh-artefacts.tsv");

/// The first line of every list that is neither blank nor a comment.
const HEADER: [&str; 3] = ["found", "original", "note"];

/// One artefact of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artefact {
    /// The phrase as the site rewrote it.
    pub found: String,
    /// What the document said before the rewrite.
    pub original: String,
    /// Why the entry is safe and where it was seen; may be empty.
    pub note: String,
    /// The 1-based line of the entry in its file.
    pub line: usize,
}

/// A compiled list: its entries, and an index that finds them in one pass
/// over a text.
#[derive(Debug, Clone, Default)]
pub struct ArtefactList {
    entries: Vec<Artefact>,
    /// Entry indices by the first char of `found`, longest `found` first;
    /// of entries with the same `found`, only the last one listed.
    by_first_char: FxHashMap<char, Vec<usize>>,
}

/// One artefact found in a text, at char offsets `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtefactHit {
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub original: String,
    pub note: String,
}

/// Parsed on first use; the compiled-in text cannot change at run time, and
/// `tests::shipped_list_parses` keeps it valid.
static SHIPPED: LazyLock<ArtefactList> =
    LazyLock::new(|| ArtefactList::parse(SHIPPED_TSV).expect("rules/zh-artefacts.tsv parses"));

impl ArtefactList {
    /// The shipped list (`rules/zh-artefacts.tsv`, compiled in), parsed
    /// once on first use.
    pub fn shipped() -> &'static ArtefactList {
        &SHIPPED
    }

    /// Parses a list in the TSV form described at the top of the shipped
    /// file; the error names the line at fault.
    pub fn parse(text: &str) -> Result<ArtefactList, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut entries: Vec<Artefact> = Vec::new();
        let mut header_seen = false;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.trim_end_matches('\r');
            if content.trim().is_empty() || content.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = content.split('\t').map(str::trim).collect();
            if !header_seen {
                if fields != HEADER {
                    return Err(format!(
                        "line {line}: expected the header found<TAB>original<TAB>note"
                    ));
                }
                header_seen = true;
                continue;
            }
            entries.push(parse_entry(&fields, line)?);
        }
        if !header_seen {
            return Err("the list has no header line found<TAB>original<TAB>note".to_string());
        }
        reject_duplicates(&entries)?;
        Ok(ArtefactList::from_entries(entries))
    }

    /// Appends another list's entries; where both list the same `found`,
    /// the appended entry wins (a user's file extends and corrects the
    /// shipped list).
    pub fn extend(&mut self, other: ArtefactList) {
        self.entries.extend(other.entries);
        self.by_first_char = index_by_first_char(&self.entries);
    }

    /// Every entry, in the order listed.
    pub fn entries(&self) -> &[Artefact] {
        &self.entries
    }

    /// The artefacts in `text`, leftmost-longest and non-overlapping, at
    /// char offsets; one pass over the text.
    pub fn find(&self, text: &str) -> Vec<ArtefactHit> {
        let mut hits = Vec::new();
        let mut rest = text;
        let mut position = 0;
        while let Some(first) = rest.chars().next() {
            match self.longest_at(rest, first) {
                Some(artefact) => {
                    let length = artefact.found.chars().count();
                    hits.push(ArtefactHit {
                        start: position,
                        end: position + length,
                        found: artefact.found.clone(),
                        original: artefact.original.clone(),
                        note: artefact.note.clone(),
                    });
                    rest = &rest[artefact.found.len()..];
                    position += length;
                }
                None => {
                    rest = &rest[first.len_utf8()..];
                    position += 1;
                }
            }
        }
        hits
    }

    fn from_entries(entries: Vec<Artefact>) -> ArtefactList {
        let by_first_char = index_by_first_char(&entries);
        ArtefactList {
            entries,
            by_first_char,
        }
    }

    /// The longest entry that `rest` starts with, `first` being its first
    /// char.
    fn longest_at(&self, rest: &str, first: char) -> Option<&Artefact> {
        self.by_first_char
            .get(&first)?
            .iter()
            .map(|&index| &self.entries[index])
            .find(|artefact| rest.starts_with(artefact.found.as_str()))
    }
}

/// An entry from the fields of one line.
fn parse_entry(fields: &[&str], line: usize) -> Result<Artefact, String> {
    let (found, original, note) = match fields {
        [found, original] => (*found, *original, ""),
        [found, original, note] => (*found, *original, *note),
        _ => {
            return Err(format!(
                "line {line}: expected found<TAB>original<TAB>note, got {} fields",
                fields.len()
            ));
        }
    };
    if found.is_empty() || original.is_empty() {
        return Err(format!("line {line}: found and original must not be empty"));
    }
    if found == original {
        return Err(format!("line {line}: found and original are both {found}"));
    }
    Ok(Artefact {
        found: found.to_string(),
        original: original.to_string(),
        note: note.to_string(),
        line,
    })
}

/// Refuses a list that gives one `found` twice: one of the two would never
/// be used, which is a mistake within one file.
fn reject_duplicates(entries: &[Artefact]) -> Result<(), String> {
    let mut line_of: FxHashMap<&str, usize> = FxHashMap::default();
    for artefact in entries {
        if let Some(earlier) = line_of.insert(&artefact.found, artefact.line) {
            return Err(format!(
                "line {}: {} is already listed on line {earlier}",
                artefact.line, artefact.found
            ));
        }
    }
    Ok(())
}

/// Groups entry indices by the first char of `found`, longest first, keeping
/// only the last entry of each `found`.
fn index_by_first_char(entries: &[Artefact]) -> FxHashMap<char, Vec<usize>> {
    let mut last_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (index, artefact) in entries.iter().enumerate() {
        last_of.insert(&artefact.found, index);
    }
    let mut by_first_char: FxHashMap<char, Vec<usize>> = FxHashMap::default();
    for index in last_of.into_values() {
        if let Some(first) = entries[index].found.chars().next() {
            by_first_char.entry(first).or_default().push(index);
        }
    }
    for indices in by_first_char.values_mut() {
        indices.sort_unstable_by_key(|&index| std::cmp::Reverse(entries[index].found.len()));
    }
    by_first_char
}

/// QA problems for the artefacts of the Chinese side of a pair: in the
/// source when it is Chinese (source spans), in the target when it is
/// Chinese (target spans). Each is a `SourceArtefact` warning whose
/// suggestion is the original wording.
pub fn check(
    list: &ArtefactList,
    source: &str,
    source_lang: Language,
    target: &str,
    target_lang: Language,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if source_lang == Language::Chinese {
        problems.extend(
            list.find(source)
                .into_iter()
                .map(|hit| problem(hit, |span| (Some(span), None))),
        );
    }
    if target_lang == Language::Chinese {
        problems.extend(
            list.find(target)
                .into_iter()
                .map(|hit| problem(hit, |span| (None, Some(span)))),
        );
    }
    problems
}

/// The problem for one hit; `place` puts its span on the source or the
/// target side.
fn problem(hit: ArtefactHit, place: fn(Span) -> (Option<Span>, Option<Span>)) -> Problem {
    let (source_span, target_span) = place((hit.start, hit.end));
    let what = if hit.found.chars().any(is_han) {
        "a synonym swap"
    } else {
        "an odd character"
    };
    Problem {
        category: Category::SourceArtefact,
        severity: Severity::Warning,
        message: format!(
            "{} is {what} that document-sharing sites put in place of {}",
            hit.found, hit.original
        ),
        source_span,
        target_span,
        suggestion: Some(hit.original),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::shared_path;

    /// `(start, end, original)` of each hit of the shipped list in `text`.
    fn shipped_hits(text: &str) -> Vec<(usize, usize, String)> {
        ArtefactList::shipped()
            .find(text)
            .into_iter()
            .map(|hit| (hit.start, hit.end, hit.original))
            .collect()
    }

    fn list(rows: &str) -> ArtefactList {
        ArtefactList::parse(&format!("found\toriginal\tnote\n{rows}")).expect("a valid list")
    }

    #[test]
    fn shipped_list_parses() {
        let parsed = ArtefactList::parse(SHIPPED_TSV).expect("the shipped list parses");
        assert!(parsed.entries().len() >= 40, "{}", parsed.entries().len());
        assert_eq!(
            ArtefactList::shipped().entries().len(),
            parsed.entries().len()
        );
    }

    #[test]
    fn every_shipped_entry_changes_something() {
        for artefact in ArtefactList::shipped().entries() {
            assert_ne!(artefact.found, artefact.original, "line {}", artefact.line);
            assert!(
                !artefact.note.is_empty(),
                "line {} has no note",
                artefact.line
            );
            assert!(
                !artefact.found.contains(char::is_whitespace),
                "line {}",
                artefact.line
            );
        }
    }

    #[test]
    fn correct_text_gives_nothing() {
        let cases = [
            "各地要积极开展工作，推进卫生健康标准化建设。",
            "促进人口长期均衡发展，坚持计划生育基本国策，实施国家基本公共卫生服务项目。",
            "做好国家免疫规划疫苗接种，接种率达到95%以上，确保疫苗安全。",
            "为流动人口开展免费服务，扩大局部试点，只有这样才能建设好健康城市。",
            "加强项目的管理，推进平安医院建设，无可比拟的优势。",
            "“关爱女孩”行动和「生育关怀」行动。",
            "Kế hoạch dân số năm 2024, COVID-19.",
        ];
        for text in cases {
            assert_eq!(shipped_hits(text), [], "{text}");
        }
    }

    /// A text and the hits expected in it: start, end, original.
    type Case = (&'static str, &'static [(usize, usize, &'static str)]);

    #[test]
    fn seeded_swaps_are_found() {
        let cases: &[Case] = &[
            (
                "宣传坚持方案生育根本国策的长期性",
                &[(4, 8, "计划生育"), (8, 12, "基本国策")],
            ),
            ("促进人口长期均衡开展", &[(2, 10, "人口长期均衡发展")]),
            ("实现可持续开展。", &[(2, 7, "可持续发展")]),
            ("加强“关爱女孩〞等工作宣传", &[(7, 8, "”")]),
            ("〝戒烟〞", &[(0, 1, "“"), (3, 4, "”")]),
            ("为民效劳的感人事迹", &[(2, 4, "服务")]),
            (
                "提供優質效勞，堅持根本國策",
                &[(4, 6, "服務"), (9, 13, "基本國策")],
            ),
            (
                "根本公共卫生计生效劳均等化",
                &[(0, 6, "基本公共卫生"), (8, 10, "服务")],
            ),
            ("高血压患者标准管理率", &[(3, 9, "患者规范管理")]),
            (
                "在此根底上，坚持原那么",
                &[(2, 5, "基础上"), (8, 11, "原则")],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(usize, usize, String)> = expected
                .iter()
                .map(|(start, end, original)| (*start, *end, original.to_string()))
                .collect();
            assert_eq!(shipped_hits(text), expected, "{text}");
        }
    }

    #[test]
    fn hits_are_leftmost_longest_and_do_not_overlap() {
        let list = list("ab\tX\t\nabc\tY\t\nbcd\tZ\t\nd\tW\t");
        let hits: Vec<(usize, usize, String)> = list
            .find("abcd xbcd ab")
            .into_iter()
            .map(|hit| (hit.start, hit.end, hit.found))
            .collect();
        let expected = [(0, 3, "abc"), (3, 4, "d"), (6, 9, "bcd"), (10, 12, "ab")];
        let expected: Vec<(usize, usize, String)> = expected
            .iter()
            .map(|(start, end, found)| (*start, *end, found.to_string()))
            .collect();
        assert_eq!(hits, expected);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let cases = [
            ("", "no header"),
            ("# only a comment\n", "no header"),
            ("found\toriginal\n效劳\t服务\n", "line 1:"),
            ("found\toriginal\tnote\n效劳\n", "line 2:"),
            ("found\toriginal\tnote\n效劳\t服务\tx\ty\n", "line 2:"),
            ("# c\n\nfound\toriginal\tnote\n\t服务\tx\n", "line 4:"),
            ("found\toriginal\tnote\n服务\t服务\tx\n", "line 2:"),
            (
                "found\toriginal\tnote\n效劳\t服务\t\n方案生育\t计划生育\t\n效劳\t服务\t\n",
                "line 4: 效劳 is already listed on line 2",
            ),
        ];
        for (text, expected) in cases {
            let error = ArtefactList::parse(text).expect_err(text);
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }

    #[test]
    fn parse_accepts_bom_crlf_comments_and_a_missing_note() {
        let parsed = ArtefactList::parse(
            "\u{feff}# a user's list\r\n\r\nfound\toriginal\tnote\r\n卫计委\t卫健委\r\n# more\r\n效劳\t服务\tmine\r\n",
        )
        .expect("a valid list");
        let rows: Vec<(&str, &str, &str, usize)> = parsed
            .entries()
            .iter()
            .map(|a| {
                (
                    a.found.as_str(),
                    a.original.as_str(),
                    a.note.as_str(),
                    a.line,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [("卫计委", "卫健委", "", 4), ("效劳", "服务", "mine", 6)]
        );
    }

    #[test]
    fn extend_adds_entries_and_the_later_one_wins() {
        let mut combined = ArtefactList::shipped().clone();
        combined.extend(list("卫计委\t卫健委\tuser\n效劳\t服務\tuser\n"));
        let hits: Vec<(String, String)> = combined
            .find("卫计委提供效劳")
            .into_iter()
            .map(|hit| (hit.found, hit.original))
            .collect();
        let expected = [("卫计委", "卫健委"), ("效劳", "服務")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(found, original)| (found.to_string(), original.to_string()))
            .collect();
        assert_eq!(hits, expected);
        assert_eq!(shipped_hits("卫计委"), []);
    }

    #[test]
    fn check_puts_spans_on_the_chinese_sides() {
        let list = ArtefactList::shipped();
        let source = "坚持方案生育";
        let target = "Kiên trì kế hoạch hóa gia đình";
        let problems = check(
            list,
            source,
            Language::Chinese,
            target,
            Language::Vietnamese,
        );
        assert_eq!(problems.len(), 1);
        let problem = &problems[0];
        assert_eq!(problem.category, Category::SourceArtefact);
        assert_eq!(problem.severity, Severity::Warning);
        assert_eq!(problem.source_span, Some((2, 6)));
        assert_eq!(problem.target_span, None);
        assert_eq!(problem.suggestion.as_deref(), Some("计划生育"));
        assert_eq!(
            problem.message,
            "方案生育 is a synonym swap that document-sharing sites put in place of 计划生育"
        );

        let problems = check(
            list,
            target,
            Language::Vietnamese,
            "“关爱女孩〞",
            Language::Chinese,
        );
        let spans: Vec<_> = problems
            .iter()
            .map(|p| (p.source_span, p.target_span))
            .collect();
        assert_eq!(spans, [(None, Some((5, 6)))]);
        assert!(problems[0].message.contains("odd character"));

        let both = check(list, "效劳", Language::Chinese, "效劳", Language::Chinese);
        assert_eq!(both.len(), 2);
        assert!(check(list, "效劳", Language::Other, "效劳", Language::Vietnamese).is_empty());
    }

    #[test]
    fn odd_input_never_panics() {
        let huge = "效劳根本国策开展工作😀\u{301}".repeat(20_000);
        let odd = [
            "",
            "，。、；：",
            "\u{301}\u{302}效\u{301}劳",
            "效",
            "〞〞〞〞",
            "\u{0}\u{ffff}\u{10ffff}\u{200d}",
            huge.as_str(),
        ];
        for text in odd {
            let chars: Vec<char> = text.chars().collect();
            for hit in ArtefactList::shipped().find(text) {
                assert!(hit.start < hit.end && hit.end <= chars.len());
                let hit_text: String = chars[hit.start..hit.end].iter().collect();
                assert_eq!(hit_text, hit.found);
            }
        }
        assert!(ArtefactList::default().find("效劳").is_empty());
    }

    #[test]
    fn a_large_list_stays_fast() {
        let rows: String = (0..3_000)
            .map(|n| {
                let first = char::from_u32(0x4E00 + n % 50).unwrap_or('一');
                let second = char::from_u32(0x5000 + n).unwrap_or('一');
                format!("{first}{second}\t{first}{first}\tgenerated\n")
            })
            .collect();
        let mut big = ArtefactList::shipped().clone();
        big.extend(list(&rows));
        let unit =
            "坚持方案生育根本国策，一一丐丐，促进人口长期均衡开展，积极开展基本公共卫生服务。";
        let started = std::time::Instant::now();
        let hits: usize = (0..10_000).map(|_| big.find(unit).len()).sum();
        let elapsed = started.elapsed();
        assert!(hits >= 30_000, "{hits}");
        assert!(elapsed.as_secs() < 10, "{elapsed:?} for 10,000 units");
    }

    /// Real correct Chinese (news and government pages) holds no entry.
    #[test]
    fn real_correct_chinese_gives_nothing() {
        let Some(folder) = shared_path("corpus/zh/html-gold") else {
            return;
        };
        let mut files = 0;
        for entry in std::fs::read_dir(folder)
            .expect("a readable folder")
            .flatten()
        {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            files += 1;
            assert_eq!(shipped_hits(&text), [], "{}", entry.path().display());
        }
        assert!(files > 0);
    }

    /// The seed copied from a document-sharing site holds the swaps the list
    /// cites it for.
    #[test]
    fn real_copied_plan_shows_its_swaps() {
        let Some(path) = shared_path("seeds/004_b1f6b47622f82b90.txt") else {
            return;
        };
        let text = std::fs::read_to_string(path).expect("a readable seed");
        let found: std::collections::BTreeSet<String> = ArtefactList::shipped()
            .find(&text)
            .into_iter()
            .map(|hit| hit.found)
            .collect();
        for expected in [
            "效劳",
            "根本公共卫生",
            "方案生育",
            "根本国策",
            "〞",
            "广阔群众",
            "巨大奉献",
            "繁荣开展",
            "生育关心",
        ] {
            assert!(found.contains(expected), "{expected} not found");
        }
    }
}
