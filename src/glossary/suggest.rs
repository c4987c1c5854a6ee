//! Candidate terms from a corpus: recurring multi-syllable Vietnamese
//! phrases and Chinese character n-grams that no glossary entry covers,
//! ranked by C-value (Frantzi, Ananiadou & Mima 2000): frequency weighted
//! by length, less the frequency of the longer candidates a phrase is
//! nested in, so that "kế hoạch hóa gia" ranks below "kế hoạch hóa gia
//! đình" when it only ever occurs inside it. A candidate must also be
//! seen with different neighbours on each side (accessor variety, Feng et
//! al. 2004): a window of a longer fixed string, such as 济学 of 经济学
//! or 学院第二教 of a building's name, always has the same ones.

use super::Glossary;
use super::fold::fold;
use crate::batch::{collect_inputs, worker_pool};
use crate::model::{Block, Lang};
use crate::pipeline::Pipeline;
use crate::script::is_han;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;

/// The shortest and longest candidates, in syllables (Vietnamese) or
/// characters (Chinese).
const MIN_TOKENS: usize = 2;
const MAX_VI_TOKENS: usize = 6;
const MAX_ZH_TOKENS: usize = 6;

/// Vietnamese function words a term does not begin or end with.
const VI_EDGE_WORDS: &[&str] = &[
    "và", "của", "các", "những", "cho", "trong", "với", "là", "được", "có", "này", "đó", "để",
    "theo", "từ", "tại", "về", "trên", "đến", "một", "như", "khi", "thì", "mà", "nhằm", "do", "bị",
    "đã", "sẽ", "đang", "còn", "cũng", "hoặc", "hay", "nếu", "vào", "ra", "lên", "sau", "trước",
    "mỗi", "mọi", "nhiều", "ít", "rất", "không", "chưa", "nào", "gì", "thế", "vì", "nên", "tới",
    "qua", "giữa", "ngoài", "bằng", "thuộc", "năm", "ngày", "tháng",
];

/// Chinese characters a term does not begin or end with: particles,
/// conjunctions, prepositions, pronouns, measure words.
const ZH_EDGE_CHARS: &str =
    "的了和与及是在对等将为把被也都而并或之其这那各个每有以于从向由到就要可能应该所着过地得";

/// A document of the corpus: its path and its annotated blocks.
#[derive(Debug, Clone)]
pub struct CorpusDocument {
    pub path: String,
    pub blocks: Vec<Block>,
}

/// Reads every document under `paths` (folders recursively, as `ingest`
/// does), in parallel and in a stable order. A document that cannot be
/// read is left out, and its path and error come back in the second list.
/// `pipeline` reads them (its limits and reading options; its glossary is
/// not needed).
pub fn read_corpus(paths: &[PathBuf], pipeline: &Pipeline) -> (Vec<CorpusDocument>, Vec<String>) {
    let read_all = || -> Vec<Result<CorpusDocument, String>> {
        collect_inputs(paths)
            .into_par_iter()
            .map(|input| match input.walk_error {
                Some(error) => Err(format!("{}: {}", input.display_path, error.message)),
                None => {
                    let record = pipeline.process_file(&input.fs_path, &input.display_path);
                    match record.error {
                        Some(error) => Err(format!("{}: {}", record.path, error.message)),
                        None => Ok(CorpusDocument {
                            path: record.path,
                            blocks: record.blocks,
                        }),
                    }
                }
            })
            .collect()
    };
    // On readers with a worker's stack, as `ingest` reads (see
    // `batch::WORKER_STACK_BYTES`).
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let records = match worker_pool(jobs) {
        Ok(pool) => pool.install(read_all),
        Err(_) => read_all(),
    };
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        match record {
            Ok(document) => documents.push(document),
            Err(error) => errors.push(error),
        }
    }
    (documents, errors)
}

/// A phrase no entry covers, with what makes it a candidate term.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub lang: Lang,
    /// As first seen in the corpus.
    pub text: String,
    /// Syllables or characters.
    pub tokens: usize,
    /// Occurrences outside glossary matches.
    pub frequency: usize,
    /// Indexes of the documents it occurs in, ascending.
    pub documents: Vec<usize>,
    pub c_value: f64,
    /// The sentence around its first occurrence, and that document.
    pub example: String,
    pub example_document: usize,
}

/// Counts gathered for one phrase.
#[derive(Debug, Default)]
struct Tally {
    lang: Lang,
    text: String,
    tokens: usize,
    frequency: usize,
    documents: Vec<usize>,
    example: String,
    example_document: usize,
    left: Neighbours,
    right: Neighbours,
}

/// The tokens seen next to a phrase on one side, as far as telling one
/// from several. The start or end of a run counts as a new neighbour.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
enum Neighbours {
    #[default]
    None,
    One(String),
    Several,
}

impl Neighbours {
    fn see(&mut self, neighbour: Option<&str>) {
        *self = match (std::mem::take(self), neighbour) {
            (Neighbours::None, Some(token)) => Neighbours::One(token.to_string()),
            (Neighbours::One(seen), Some(token)) if seen == token => Neighbours::One(seen),
            _ => Neighbours::Several,
        };
    }
}

/// The candidates of `documents` occurring at least `min_frequency` times
/// outside `glossary` matches, best first (C-value, then frequency, then
/// text).
pub fn candidates(
    glossary: &Glossary,
    documents: &[CorpusDocument],
    min_frequency: usize,
) -> Vec<Candidate> {
    let mut tallies: FxHashMap<String, Tally> = FxHashMap::default();
    for (index, document) in documents.iter().enumerate() {
        for block in &document.blocks {
            let covered: Vec<(usize, usize)> = glossary
                .matches(&block.text)
                .iter()
                .map(|m| m.chars)
                .collect();
            for_each_phrase(block, &covered, |key, phrase| {
                let tally = tallies.entry(key).or_insert_with(|| Tally {
                    lang: phrase.lang,
                    text: phrase.text(),
                    tokens: phrase.tokens,
                    example: phrase.context(),
                    example_document: index,
                    ..Tally::default()
                });
                tally.frequency += 1;
                tally.left.see(phrase.left);
                tally.right.see(phrase.right);
                if tally.documents.last() != Some(&index) {
                    tally.documents.push(index);
                }
            });
        }
    }
    tallies.retain(|_, tally| {
        tally.frequency >= min_frequency
            && tally.left == Neighbours::Several
            && tally.right == Neighbours::Several
    });
    rank(tallies)
}

/// The first `limit` candidates as glossary rows under `header` (a
/// glossary's header line), ready to paste into it: the phrase in its
/// language's column and, when the glossary has a `note` column, the
/// evidence there. Candidates in a language the glossary has no column
/// for are left out.
pub fn render_suggestions(
    header: &str,
    candidates: &[Candidate],
    documents: &[CorpusDocument],
    limit: usize,
) -> String {
    let columns: Vec<&str> = header.split('\t').collect();
    let note = columns
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case("note"));
    let mut out = format!("{header}\n");
    for candidate in candidates
        .iter()
        .filter(|c| columns.contains(&c.lang.code()))
        .take(limit)
    {
        let mut cells = vec![String::new(); columns.len()];
        if let Some(at) = columns.iter().position(|c| *c == candidate.lang.code()) {
            cells[at] = candidate.text.replace(['\t', '\n'], " ");
        }
        if let Some(at) = note {
            cells[at] = format!(
                "candidate: {}× in {} document{}, C-value {:.1}; e.g. {} ({})",
                candidate.frequency,
                candidate.documents.len(),
                if candidate.documents.len() == 1 {
                    ""
                } else {
                    "s"
                },
                candidate.c_value,
                candidate.example.replace('\t', " "),
                documents[candidate.example_document].path,
            );
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// C-values, then the order.
fn rank(tallies: FxHashMap<String, Tally>) -> Vec<Candidate> {
    // For each candidate, the frequencies of the longer candidates that
    // contain it.
    let mut nested_in: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (key, tally) in &tallies {
        let lang = tally.lang;
        for sub in sub_phrases(key, lang) {
            if let Some((sub_key, _)) = tallies.get_key_value(sub.as_str()) {
                let entry = nested_in.entry(sub_key.as_str()).or_default();
                entry.0 += tally.frequency;
                entry.1 += 1;
            }
        }
    }
    let mut candidates: Vec<Candidate> = tallies
        .iter()
        .map(|(key, tally)| {
            let weight = (tally.tokens as f64).log2();
            let frequency = tally.frequency as f64;
            let c_value = match nested_in.get(key.as_str()) {
                Some(&(sum, count)) => weight * (frequency - sum as f64 / count as f64),
                None => weight * frequency,
            };
            Candidate {
                lang: tally.lang,
                text: tally.text.clone(),
                tokens: tally.tokens,
                frequency: tally.frequency,
                documents: tally.documents.clone(),
                c_value,
                example: tally.example.clone(),
                example_document: tally.example_document,
            }
        })
        .filter(|candidate| candidate.c_value > 0.0)
        .collect();
    candidates.sort_by(|a, b| {
        b.c_value
            .total_cmp(&a.c_value)
            .then(b.frequency.cmp(&a.frequency))
            .then_with(|| a.text.cmp(&b.text))
    });
    candidates
}

/// The shorter phrases inside the phrase `key` (at least two tokens).
fn sub_phrases(key: &str, lang: Lang) -> Vec<String> {
    let tokens: Vec<String> = match lang {
        Lang::Zh => key.chars().map(String::from).collect(),
        _ => key.split(' ').map(str::to_string).collect(),
    };
    let separator = if lang == Lang::Zh { "" } else { " " };
    let mut subs = Vec::new();
    for len in MIN_TOKENS..tokens.len() {
        for start in 0..=tokens.len() - len {
            subs.push(tokens[start..start + len].join(separator));
        }
    }
    subs
}

/// One occurrence of a phrase in a block. Its text and context are only
/// written out for the first occurrence of each phrase.
struct Phrase<'a> {
    lang: Lang,
    tokens: usize,
    /// The folded tokens just before and after it in its run, if any.
    left: Option<&'a str>,
    right: Option<&'a str>,
    block: &'a Block,
    chars: &'a [char],
    /// Its char span in the block.
    span: (usize, usize),
}

impl Phrase<'_> {
    fn text(&self) -> String {
        self.chars[self.span.0..self.span.1].iter().collect()
    }

    fn context(&self) -> String {
        context(self.chars, self.block, self.span.0, self.span.1)
    }
}

/// Calls `each` with (folded key, occurrence) for every phrase of `block`
/// that could be a term and is not inside a `covered` char span.
fn for_each_phrase(
    block: &Block,
    covered: &[(usize, usize)],
    mut each: impl FnMut(String, Phrase),
) {
    let chars: Vec<char> = block.text.chars().collect();
    let folded: Vec<char> = fold(&block.text, false).chars().collect();
    let inside_match =
        |start: usize, end: usize| covered.iter().any(|&(from, to)| from <= start && end <= to);
    let (runs, max_tokens, separator) = match block.lang {
        Lang::Vi => (vietnamese_runs(&chars), MAX_VI_TOKENS, " "),
        Lang::Zh => (chinese_runs(&chars), MAX_ZH_TOKENS, ""),
        Lang::En | Lang::Und => return,
    };
    for run in runs {
        let keys: Vec<String> = run
            .iter()
            .map(|&(a, b)| folded[a..b].iter().collect())
            .collect();
        for start in 0..run.len() {
            for len in MIN_TOKENS..=max_tokens.min(run.len() - start) {
                let end = start + len;
                let span = (run[start].0, run[end - 1].1);
                if is_edge_word(&keys[start], block.lang)
                    || is_edge_word(&keys[end - 1], block.lang)
                    || inside_match(span.0, span.1)
                {
                    continue;
                }
                each(
                    keys[start..end].join(separator),
                    Phrase {
                        lang: block.lang,
                        tokens: len,
                        left: start.checked_sub(1).map(|i| keys[i].as_str()),
                        right: keys.get(end).map(String::as_str),
                        block,
                        chars: &chars,
                        span,
                    },
                );
            }
        }
    }
}

fn is_edge_word(token: &str, lang: Lang) -> bool {
    match lang {
        Lang::Zh => token.chars().all(|c| ZH_EDGE_CHARS.contains(c)),
        _ => VI_EDGE_WORDS.contains(&token),
    }
}

/// Runs of Vietnamese words (letters only) separated by single spaces:
/// the char spans of each word. Digits, punctuation and line breaks end a
/// run, so a candidate never spans them.
fn vietnamese_runs(chars: &[char]) -> Vec<Vec<(usize, usize)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() && !is_han(chars[i]) {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() && !is_han(chars[i]) {
                i += 1;
            }
            let glued_to_digit = chars.get(i).is_some_and(|c| c.is_numeric())
                || start > 0 && chars[start - 1].is_numeric();
            if glued_to_digit {
                runs.push(std::mem::take(&mut run));
            } else {
                run.push((start, i));
            }
            continue;
        }
        let single_space = chars[i] == ' '
            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
            && !run.is_empty();
        if !single_space {
            runs.push(std::mem::take(&mut run));
        }
        i += 1;
    }
    runs.push(run);
    runs.retain(|run| run.len() >= MIN_TOKENS);
    runs
}

/// Runs of Han characters: each character's char span.
fn chinese_runs(chars: &[char]) -> Vec<Vec<(usize, usize)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_han(c) {
            run.push((i, i + 1));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    runs.retain(|run| run.len() >= MIN_TOKENS);
    runs
}

/// The sentence around `from..to`, at most about 40 chars each side, on
/// one line, with the phrase in «».
fn context(chars: &[char], block: &Block, from: usize, to: usize) -> String {
    let (mut start, mut end) = block
        .sentences
        .iter()
        .find(|s| s.start <= from && to <= s.end)
        .map_or((0, chars.len()), |s| (s.start, s.end));
    start = start.max(from.saturating_sub(40));
    end = end.min(to + 40);
    let text = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    format!(
        "{}{}«{}»{}{}",
        if start > 0 { "…" } else { "" },
        text(start, from),
        text(from, to),
        text(to, end),
        if end < chars.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn block(lang: Lang, text: &str) -> Block {
        let mut block = Block::new(BlockKind::Paragraph, text);
        block.lang = lang;
        block
    }

    fn corpus(blocks: Vec<Block>) -> Vec<CorpusDocument> {
        vec![CorpusDocument {
            path: "plan.txt".to_string(),
            blocks,
        }]
    }

    #[test]
    fn recurring_phrases_rank_by_c_value_and_known_terms_are_left_out() {
        let glossary = Glossary::new(super::super::parse_tsv("vi\nDân số\n").unwrap());
        let blocks = [
            "Tăng cường truyền thông chuyển đổi hành vi về dân số.",
            "Đẩy mạnh truyền thông chuyển đổi hành vi cho vị thành niên và dân số.",
            "Truyền thông chuyển đổi hành vi là nhiệm vụ; dân số ổn định.",
        ]
        .iter()
        .map(|text| block(Lang::Vi, text))
        .collect();
        let found = candidates(&glossary, &corpus(blocks), 3);
        let texts: Vec<_> = found.iter().map(|c| c.text.as_str()).collect();
        // Its parts always have the same neighbours ("chuyển đổi hành vi"
        // follows "thông"), and "dân số" is in the glossary.
        assert_eq!(texts, vec!["truyền thông chuyển đổi hành vi"]);
        assert!(found[0].example.contains("«truyền thông"));
        assert_eq!(found[0].frequency, 3);
        assert_eq!(found[0].c_value, 6f64.log2() * 3.0);
    }

    #[test]
    fn chinese_ngrams_stop_at_punctuation_and_particles() {
        let glossary = Glossary::default();
        let blocks = [
            "加强出生缺陷防治，做好出生缺陷防治的宣传。",
            "出生缺陷防治工作",
        ]
        .iter()
        .map(|text| block(Lang::Zh, text))
        .collect();
        let found = candidates(&glossary, &corpus(blocks), 3);
        assert_eq!(found[0].text, "出生缺陷防治");
        assert_eq!(found[0].frequency, 3);
        assert!(found.iter().all(|c| !c.text.ends_with('的')));
    }

    #[test]
    fn nested_phrases_lose_what_their_containers_explain() {
        let glossary = Glossary::default();
        let mut blocks: Vec<Block> = ["tại nhà", "tại xã", "ở phường", "ở huyện"]
            .iter()
            .map(|place| {
                block(
                    Lang::Vi,
                    &format!("Chăm sóc sức khỏe người cao tuổi {place}"),
                )
            })
            .collect();
        blocks.extend(
            ["tại nhà", "tại xã", "ở phường", "ở huyện"]
                .iter()
                .map(|place| block(Lang::Vi, &format!("Chăm sóc sức khỏe ban đầu {place}"))),
        );
        let found = candidates(&glossary, &corpus(blocks), 3);
        let value = |text: &str| found.iter().find(|c| c.text == text).map(|c| c.c_value);
        // 8 occurrences, 4+4 of them inside two longer candidates.
        assert_eq!(value("Chăm sóc sức khỏe"), Some(2.0 * (8.0 - 4.0)));
    }
}
