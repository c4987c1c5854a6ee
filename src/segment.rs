//! Sentence segmentation of one block of normalized text, by SRX 2.0 rules.
//!
//! Promise: spans are char offsets into the text, in order, non-overlapping,
//! never empty, never starting or ending with whitespace, and never crossing a
//! `\n` (a line break inside a block is always a boundary). Every character
//! that is not whitespace belongs to exactly one span.
//!
//! The rules are data: `rules/vi.srx` (Vietnamese and other Latin-script
//! text: abbreviations, initials, list labels, `./.`) and `rules/zh.srx`
//! (。！？ and ……, `.!?` after Han characters, titles in 《》), compiled into
//! the binary and applied to every block, since each rule fires only next
//! to its own script's punctuation: a mixed block gets the rules of the
//! script around each candidate boundary. Users' own SRX files
//! ([`Segmenter::with_files`], `--srx`) are tried first, so they can add
//! abbreviations or overrule a break.
//!
//! SRX semantics: a position is a break when the first rule whose
//! `beforebreak` matches text ending there and whose `afterbreak` matches
//! text starting there says so. Consecutive rules with the same verdict and
//! the same `afterbreak` are searched as one alternation, so that a long
//! list of abbreviations costs one pass.

mod srx;

pub use srx::{Rule, SrxError, SrxFile};

use crate::model::{Lang, Span};
use regex::Regex;
use std::sync::LazyLock;

const SHIPPED: [(&str, &str); 2] = [
    ("rules/zh.srx", include_str!("../rules/zh.srx")),
    ("rules/vi.srx", include_str!("../rules/vi.srx")),
];

static DEFAULT: LazyLock<Segmenter> =
    LazyLock::new(|| Segmenter::with_files(&[]).expect("the shipped SRX rules compile (tested)"));

/// Reads the SRX files at `paths` as (name, XML), for [`rule_files`].
pub fn read_rule_files(
    paths: &[impl AsRef<std::path::Path>],
) -> Result<Vec<(String, String)>, SrxError> {
    let mut extra = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let xml = crate::input::read_user_text(path).map_err(SrxError)?;
        extra.push((path.display().to_string(), xml));
    }
    Ok(extra)
}

/// The SRX documents in `extra` (name, XML) parsed, then the shipped ones:
/// the rules a [`Segmenter`] is made of, in the order they are tried.
pub fn rule_files(extra: &[(String, String)]) -> Result<Vec<SrxFile>, SrxError> {
    let mut files = Vec::new();
    for (name, xml) in extra {
        files.push(SrxFile::parse(xml, name)?);
    }
    for (name, xml) in SHIPPED {
        files.push(SrxFile::parse(xml, name)?);
    }
    Ok(files)
}

/// Sentence rules compiled for each language, ready to split blocks.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Rules for `vi`, `zh`, `en`, `und` blocks, in [`lang_index`] order.
    rules: [Vec<Rule>; 4],
}

impl Default for Segmenter {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Segmenter {
    /// The shipped rules, with the SRX documents in `extra` (name, XML)
    /// tried before them, in the order given.
    pub fn with_files(extra: &[(String, String)]) -> Result<Self, SrxError> {
        let files = rule_files(extra)?;
        let rules_for =
            |code: &str| merge(files.iter().flat_map(|file| file.rules_for(code)).cloned());
        Ok(Segmenter {
            rules: [
                rules_for("vi"),
                rules_for("zh"),
                rules_for("en"),
                rules_for("und"),
            ],
        })
    }

    /// Loads the SRX files at `paths` (tried before the shipped rules).
    pub fn load(paths: &[impl AsRef<std::path::Path>]) -> Result<Self, SrxError> {
        Segmenter::with_files(&read_rule_files(paths)?)
    }

    /// Splits `text` (a block's normalized text, in language `lang`) into
    /// sentence spans.
    pub fn sentences(&self, text: &str, lang: Lang) -> Vec<Span> {
        let rules = &self.rules[lang_index(lang)];
        let mut spans = Vec::new();
        let mut chars_before = 0;
        for line in text.split('\n') {
            let mut counter = CharCounter::new(line, chars_before);
            let mut start = 0;
            for end in breaks(line, rules).into_iter().chain([line.len()]) {
                counter.push_trimmed(start, end, &mut spans);
                start = end;
            }
            chars_before += line.chars().count() + 1;
        }
        spans
    }
}

/// Segments plain text as `plangloss segment` does: every non-empty line is
/// a paragraph (normalized first); the result has one sentence per line and a
/// blank line after each paragraph. `lang` of `None` detects it per paragraph.
pub fn segment_paragraphs(segmenter: &Segmenter, input: &str, lang: Option<Lang>) -> String {
    let mut out = String::new();
    for line in input.lines() {
        let paragraph = crate::normalize::normalize_text(line);
        if paragraph.is_empty() {
            continue;
        }
        let lang = lang.unwrap_or_else(|| crate::lang::detect(&paragraph));
        let chars: Vec<char> = paragraph.chars().collect();
        for span in segmenter.sentences(&paragraph, lang) {
            out.extend(&chars[span.start..span.end]);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Vi => 0,
        Lang::Zh => 1,
        Lang::En => 2,
        Lang::Und => 3,
    }
}

/// The byte offsets inside `line` where a sentence ends, in order.
fn breaks(line: &str, rules: &[Rule]) -> Vec<usize> {
    // Positions 1..len can be judged; the ends of the line are boundaries
    // anyway. Each holds the verdict of the first rule that matched there.
    let mut verdicts: Vec<Option<bool>> = vec![None; line.len()];
    for rule in rules {
        for found in rule.before.find_iter(line) {
            let at = found.end();
            if at == 0 || at >= line.len() || verdicts[at].is_some() {
                continue;
            }
            if rule
                .after
                .as_ref()
                .is_none_or(|after| after.is_match(&line[at..]))
            {
                verdicts[at] = Some(rule.breaks);
            }
        }
    }
    verdicts
        .iter()
        .enumerate()
        .filter_map(|(at, verdict)| (*verdict == Some(true)).then_some(at))
        .collect()
}

/// Consecutive rules with the same verdict and `afterbreak` become one rule
/// whose `beforebreak` is their alternation.
fn merge(rules: impl Iterator<Item = Rule>) -> Vec<Rule> {
    let mut merged: Vec<(Rule, Vec<String>)> = Vec::new();
    for rule in rules {
        let after = rule.after.as_ref().map(Regex::as_str);
        match merged.last_mut() {
            Some((last, befores))
                if last.breaks == rule.breaks
                    && last.after.as_ref().map(Regex::as_str) == after =>
            {
                befores.push(rule.before.as_str().to_string());
            }
            _ => {
                let before = rule.before.as_str().to_string();
                merged.push((rule, vec![before]));
            }
        }
    }
    merged
        .into_iter()
        .map(|(mut rule, befores)| {
            if befores.len() > 1 {
                let alternation = befores
                    .iter()
                    .map(|b| format!("(?:{b})"))
                    .collect::<Vec<_>>()
                    .join("|");
                rule.before = Regex::new(&alternation).expect("an alternation of valid regexes");
            }
            rule
        })
        .collect()
}

/// Turns byte ranges of one line into char spans of the block, counting
/// chars only once from left to right.
struct CharCounter<'a> {
    line: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(line: &'a str, chars_before: usize) -> Self {
        CharCounter {
            line,
            byte: 0,
            chars: chars_before,
        }
    }

    /// The block char offset of byte `at` (never left of the last one).
    fn char_at(&mut self, at: usize) -> usize {
        self.chars += self.line[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }

    /// Adds the span of `line[start..end]` without its leading and trailing
    /// whitespace, if anything is left.
    fn push_trimmed(&mut self, start: usize, end: usize, spans: &mut Vec<Span>) {
        let piece = &self.line[start..end];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return;
        }
        let first_byte = start + (piece.len() - piece.trim_start().len());
        let first = self.char_at(first_byte);
        let last = self.char_at(first_byte + trimmed.len());
        spans.push(Span {
            start: first,
            end: last,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        Segmenter::default()
            .sentences(text, Lang::Und)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn vietnamese_sentences_and_end_mark() {
        assert_eq!(
            split("Kế hoạch được ban hành. Các đơn vị triển khai thực hiện./. Nơi nhận: như trên."),
            vec![
                "Kế hoạch được ban hành.",
                "Các đơn vị triển khai thực hiện./.",
                "Nơi nhận: như trên."
            ]
        );
    }

    #[test]
    fn abbreviations_numbers_and_labels_do_not_split() {
        assert_eq!(
            split(
                "Hội nghị tại TP. Hải Phòng do ThS. Nguyễn Văn A chủ trì ngày 01/02/2018 với 4.044.319 người, đạt 2,5%."
            ),
            vec![
                "Hội nghị tại TP. Hải Phòng do ThS. Nguyễn Văn A chủ trì ngày 01/02/2018 với 4.044.319 người, đạt 2,5%."
            ]
        );
        assert_eq!(split("1. Mục đích"), vec!["1. Mục đích"]);
        assert_eq!(split("II. NỘI DUNG"), vec!["II. NỘI DUNG"]);
        assert_eq!(split("Gồm: a. Tuyên truyền"), vec!["Gồm: a. Tuyên truyền"]);
    }

    #[test]
    fn ellipsis_before_lowercase_continues() {
        assert_eq!(
            split("Báo, Đài… tuyên truyền rộng rãi. Xong."),
            vec!["Báo, Đài… tuyên truyền rộng rãi.", "Xong."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            split("Chủ đề là “Đầu tư cho dân số.” Sở Y tế giao nhiệm vụ."),
            vec!["Chủ đề là “Đầu tư cho dân số.”", "Sở Y tế giao nhiệm vụ."]
        );
    }

    #[test]
    fn chinese_sentences() {
        assert_eq!(
            split(
                "坚持计划生育基本国策。“健康中国”建设稳步推进！是否完成？（一）工作目标，逐步提高。"
            ),
            vec![
                "坚持计划生育基本国策。",
                "“健康中国”建设稳步推进！",
                "是否完成？",
                "（一）工作目标，逐步提高。"
            ]
        );
        assert_eq!(
            split("他说：“要落实。”随后离开。"),
            vec!["他说：“要落实。”", "随后离开。"]
        );
        assert_eq!(
            split("服务质量明显提高.各乡镇要落实"),
            vec!["服务质量明显提高.", "各乡镇要落实"]
        );
    }

    /// The seeds type ASCII punctuation between Han characters: `.` `!` `?`
    /// end a sentence there as 。！？ do; `,` `;` `:` do not, and neither do
    /// decimals.
    #[test]
    fn ascii_punctuation_between_han_is_chinese_punctuation() {
        assert_eq!(
            split("做好计生工作,加强宣传.开展入户随访!是否覆盖?覆盖率达到95.5%以上;继续:推进."),
            vec![
                "做好计生工作,加强宣传.",
                "开展入户随访!",
                "是否覆盖?",
                "覆盖率达到95.5%以上;继续:推进."
            ]
        );
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let out = segment_paragraphs(
            &Segmenter::default(),
            "Một. Hai.\n\n  \n计划生育。人口监测。\n",
            None,
        );
        assert_eq!(out, "Một.\nHai.\n\n计划生育。\n人口监测。\n\n");
    }

    #[test]
    fn line_breaks_are_boundaries_and_offsets_are_chars() {
        let text = "Ủy ban nhân dân\n计划生育。Kế hoạch.";
        let spans = Segmenter::default().sentences(text, Lang::Und);
        assert_eq!(
            spans,
            vec![
                Span { start: 0, end: 15 },
                Span { start: 16, end: 21 },
                Span { start: 21, end: 30 }
            ]
        );
    }

    #[test]
    fn titles_legal_labels_and_mixed_blocks() {
        assert_eq!(
            split("我们明天一起去看《摔跤吧！爸爸》好吗？好！"),
            vec!["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]
        );
        assert_eq!(
            split("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch. Điều 2 có hiệu lực."),
            vec![
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
                "Điều 2 có hiệu lực."
            ]
        );
        assert_eq!(
            split("Khẩu hiệu: 计划生育是基本国策。人口监测。 Các xã thực hiện. Xong."),
            vec![
                "Khẩu hiệu: 计划生育是基本国策。",
                "人口监测。",
                "Các xã thực hiện.",
                "Xong."
            ]
        );
    }

    #[test]
    fn user_rules_come_first_and_bad_files_are_reported() {
        let text = "Cấp thẻ BHYT. cho trẻ em. Hoàn thành.";
        let shipped = Segmenter::default().sentences(text, Lang::Vi);
        assert_eq!(shipped.len(), 2, "lower case after the period: no break");
        let user = r#"<srx version="2.0"><header cascade="no"/><body><languagerules>
            <languagerule languagerulename="Mine">
              <rule break="yes"><beforebreak>BHYT\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break="no"><beforebreak>em\.</beforebreak><afterbreak/></rule>
            </languagerule></languagerules>
            <maprules><languagemap languagepattern="vi.*" languagerulename="Mine"/></maprules>
            </body></srx>"#;
        let segmenter = Segmenter::with_files(&[("mine.srx".into(), user.into())]).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let pieces: Vec<String> = segmenter
            .sentences(text, Lang::Vi)
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(pieces, vec!["Cấp thẻ BHYT.", "cho trẻ em. Hoàn thành."]);
        assert_eq!(
            Segmenter::default()
                .sentences("Trẻ em. Hoàn thành.", Lang::Vi)
                .len(),
            2
        );
        // The user's map names vi only: Chinese blocks keep the shipped rules.
        assert_eq!(segmenter.sentences(text, Lang::Zh), shipped);

        let bad_regex = user.replace("BHYT\\.", "BHYT(");
        let error = Segmenter::with_files(&[("mine.srx".into(), bad_regex)]).unwrap_err();
        assert!(
            error.0.contains("mine.srx") && error.0.contains("rule 1"),
            "{error}"
        );
        let unknown = user.replace(
            "languagerulename=\"Mine\"/>",
            "languagerulename=\"Other\"/>",
        );
        let error = Segmenter::with_files(&[("mine.srx".into(), unknown)]).unwrap_err();
        assert!(error.0.contains("Other"), "{error}");
        let broken = "<srx><body><languagerules></body></srx>".to_string();
        let error = Segmenter::with_files(&[("mine.srx".into(), broken)]).unwrap_err();
        assert!(error.0.contains("not well-formed"), "{error}");
    }
}
