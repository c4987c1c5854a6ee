//! Sentence segmentation of one block of normalized text.
//!
//! Promise: spans are char offsets into the text, in order, non-overlapping,
//! never empty, never starting or ending with whitespace, and never crossing a
//! `\n` (a line break inside a block is always a boundary). Every character
//! that is not whitespace belongs to exactly one span.
//!
//! Rules, by the script around each candidate boundary:
//! - Chinese: a sentence ends after 。！？ or …… (and after `.!?` written
//!   between Han characters), together with any closing quotes or brackets.
//! - Vietnamese and other Latin text: it ends after `.`, `!`, `?`, `…`, `./.`
//!   (with closing quotes or brackets) when whitespace and a sentence start (a
//!   capital, digit, opening quote or CJK) follow, unless the period closes an
//!   abbreviation, an initial, or a list label such as `1.`, `a)` or `II.`.

use crate::model::{Lang, Span};
use crate::script::is_han;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Abbreviations that end with a period but not a sentence (case-sensitive).
static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        "TP", "Tp", "Q", "P", "TX", "TT", "TS", "ThS", "Th.S", "PGS", "GS", "BS", "CN", "KS",
        "NXB", "Nxb", "v.v", "vv", "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Nos", "vs", "etc",
        "e.g", "i.e", "Fig", "Tr", "tr", "H", "X", "K", "Đ", "ĐT", "Đ/c", "đ/c", "ông", "bà",
        "PGS.TS", "GS.TS",
    ]
    .into_iter()
    .collect()
});

/// Splits `text` into sentence spans. `lang` is a hint; each candidate
/// boundary is judged by the script around it, so mixed blocks work.
pub fn sentences(text: &str, _lang: Lang) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push_trimmed(&chars, start, i, &mut spans);
            start = i + 1;
            i += 1;
            continue;
        }
        if let Some(end) = boundary_after(&chars, start, i) {
            push_trimmed(&chars, start, end, &mut spans);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&chars, start, chars.len(), &mut spans);
    spans
}

/// Segments plain text as `plangloss segment` does: every non-empty line is
/// a paragraph (normalized first); the result has one sentence per line and a
/// blank line after each paragraph. `lang` of `None` detects it per paragraph.
pub fn segment_paragraphs(input: &str, lang: Option<Lang>) -> String {
    let mut out = String::new();
    for line in input.lines() {
        let paragraph = crate::normalize::normalize_text(line);
        if paragraph.is_empty() {
            continue;
        }
        let lang = lang.unwrap_or_else(|| crate::lang::detect(&paragraph));
        let chars: Vec<char> = paragraph.chars().collect();
        for span in sentences(&paragraph, lang) {
            out.extend(&chars[span.start..span.end]);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// If a sentence ends with the terminator at `i`, the offset just after it
/// (and after its closing quotes and brackets).
fn boundary_after(chars: &[char], start: usize, i: usize) -> Option<usize> {
    let c = chars[i];
    if matches!(c, '。' | '！' | '？' | '｡') {
        return Some(skip_closers(chars, skip_terminators(chars, i)));
    }
    if c == '…' && chars.get(i + 1) == Some(&'…') {
        let end = skip_closers(chars, skip_terminators(chars, i));
        return next_starts_cjk_sentence(chars, end).then_some(end);
    }
    if !matches!(c, '.' | '!' | '?' | '…') {
        return None;
    }
    let end = skip_closers(chars, skip_terminators(chars, i));
    let previous = i.checked_sub(1).map(|p| chars[p]);
    if previous.is_some_and(is_han) && next_starts_cjk_sentence(chars, end) {
        return Some(end);
    }
    // Latin rules: whitespace, then something that starts a sentence.
    let next = next_non_space(chars, end)?;
    if next == end || !starts_sentence(chars[next]) {
        return None;
    }
    if c == '.' && end == i + 1 && period_is_not_an_end(chars, start, i) {
        return None;
    }
    Some(end)
}

/// Consumes a run of terminators, including the administrative end mark `./.`.
fn skip_terminators(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && matches!(
            chars[i],
            '.' | '!' | '?' | '…' | '。' | '！' | '？' | '｡' | '/'
        )
    {
        // A '/' belongs to the run only inside "./.".
        if chars[i] == '/' && !(chars.get(i + 1) == Some(&'.') && i > 0 && chars[i - 1] == '.') {
            break;
        }
        i += 1;
    }
    i
}

fn skip_closers(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_closer(chars[i]) {
        i += 1;
    }
    i
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '〞'
            | '」'
            | '』'
            | '）'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '］'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '“'
            | '‘'
            | '«'
            | '〝'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
            | '〈'
            | '〔'
    )
}

fn next_non_space(chars: &[char], mut i: usize) -> Option<usize> {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    (i < chars.len() && chars[i] != '\n').then_some(i)
}

/// Chinese text needs no space after a terminator; anything but a closing
/// punctuation mark or a lowercase continuation starts the next sentence.
fn next_starts_cjk_sentence(chars: &[char], end: usize) -> bool {
    match next_non_space(chars, end) {
        Some(n) => {
            is_han(chars[n])
                || is_opener(chars[n])
                || chars[n].is_ascii_digit()
                || chars[n].is_uppercase()
        }
        None => false,
    }
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || is_opener(c)
        || is_han(c)
        || matches!(c, '-' | '+' | '•' | '–')
}

/// A period that closes an abbreviation, an initial, or a list label at the
/// start of the sentence or after a colon.
fn period_is_not_an_end(chars: &[char], start: usize, i: usize) -> bool {
    let word_start = (start..i)
        .rev()
        .find(|&k| chars[k] == ' ' || is_opener(chars[k]))
        .map_or(start, |k| k + 1);
    let word: String = chars[word_start..i].iter().collect();
    if ABBREVIATIONS.contains(word.as_str()) {
        return true;
    }
    let mut letters = word.chars();
    if let (Some(only), None) = (letters.next(), letters.next())
        && only.is_uppercase()
    {
        return true;
    }
    let label_position = chars[start..word_start].iter().all(|c| *c == ' ')
        || chars[..word_start].iter().rev().find(|c| **c != ' ') == Some(&':');
    label_position && is_list_label(&word)
}

/// `1`, `1.2`, `a`, `đ`, `IV`: what a list label looks like before its period.
fn is_list_label(word: &str) -> bool {
    let numeric = !word.is_empty()
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let roman = !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let letter = word.chars().count() == 1 && word.chars().all(|c| c.is_lowercase());
    numeric || roman || letter
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, spans: &mut Vec<Span>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        spans.push(Span { start, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text, Lang::Und)
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
        let out = segment_paragraphs("Một. Hai.\n\n  \n计划生育。人口监测。\n", None);
        assert_eq!(out, "Một.\nHai.\n\n计划生育。\n人口监测。\n\n");
    }

    #[test]
    fn line_breaks_are_boundaries_and_offsets_are_chars() {
        let text = "Ủy ban nhân dân\n计划生育。Kế hoạch.";
        let spans = sentences(text, Lang::Und);
        assert_eq!(
            spans,
            vec![
                Span { start: 0, end: 15 },
                Span { start: 16, end: 21 },
                Span { start: 21, end: 30 }
            ]
        );
    }
}
