//! From Tesseract's TSV to paragraphs of text: words joined into lines,
//! lines into paragraphs, as a reader of the page would write them.
//!
//! Promises: a Chinese line break joins with nothing and a Vietnamese one
//! with a space; a word cut by a hyphen at a line's end is joined again;
//! the spaces Tesseract puts between Han characters are removed; every
//! paragraph carries the mean confidence of its words (0–1, weighted by
//! their length).

mod columns;
mod vietnamese;

use crate::script::is_cjk;
use columns::{Column, split_columns};

pub use columns::Area;

/// One recognized word and where it is.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    block: u32,
    paragraph: u32,
    line: u32,
    /// Which side of a gutter between two columns it is on.
    column: Column,
    /// Its box, in pixels.
    left: u32,
    top: u32,
    width: u32,
    height: u32,
    /// Tesseract's confidence, 0–100.
    confidence: f32,
    text: String,
}

/// A paragraph read from a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// Mean confidence of its words, 0–1.
    pub confidence: f32,
    /// The top of its first line and the bottom of its last, in pixels
    /// from the top of the image.
    pub top: u32,
    pub bottom: u32,
    /// The median height of its words' boxes, in pixels: about the size
    /// of its type.
    pub word_height: u32,
}

/// The paragraphs of a page from Tesseract's TSV, in reading order; in a
/// `chinese` page, the ASCII punctuation Tesseract reads next to Han
/// characters becomes the full-width punctuation Chinese is set in, and
/// its usual misreadings there are undone ([`chinese_corrections`]).
/// In a Vietnamese page, a hook above read as the acute is undone on the
/// evidence of the words beside it ([`vietnamese`]). Two columns side by
/// side are read one after the other
/// ([`columns`]); `is_ruled` tells whether a vertical rule (a table's
/// border) runs down an area of the page.
pub fn paragraphs(tsv: &str, chinese: bool, is_ruled: &dyn Fn(Area) -> bool) -> Vec<Paragraph> {
    let mut words = split_columns(read_words(tsv), is_ruled);
    mark_bullets(&mut words);
    let mut paragraphs = Vec::new();
    let mut start = 0;
    let key = |w: &Word| (w.block, w.paragraph, w.column);
    while start < words.len() {
        let end = start
            + words[start..]
                .iter()
                .take_while(|w| key(w) == key(&words[start]))
                .count();
        let pieces = list_items(&words[start..end])
            .into_iter()
            .flat_map(type_size_runs);
        for piece in pieces {
            if let Some(mut paragraph) = paragraph_of(piece) {
                paragraph.text = if chinese {
                    chinese_corrections(&full_width_punctuation(&paragraph.text))
                } else {
                    vietnamese::hook_corrections(&paragraph.text)
                };
                paragraphs.push(paragraph);
            }
        }
        start = end;
    }
    paragraphs
}

/// Whether `word` is the first of its line.
fn starts_line(words: &[Word], at: usize) -> bool {
    let key = |w: &Word| (w.block, w.paragraph, w.line, w.column);
    at == 0 || key(&words[at - 1]) != key(&words[at])
}

/// Bullets Tesseract read as letters or signs written as bullets again.
fn mark_bullets(words: &mut [Word]) {
    for at in 0..words.len().saturating_sub(1) {
        if starts_line(words, at)
            && !starts_line(words, at + 1)
            && is_bullet(&words[at], &words[at + 1])
        {
            words[at].text = "•".to_string();
        }
    }
}

/// A paragraph of Tesseract's cut before each of its lines that starts
/// with a list marker: each item of a list is a paragraph of its own, as
/// in a text layer ("- Bộ Y tế;" "- Lưu: VT." under "Nơi nhận:").
fn list_items(words: &[Word]) -> Vec<&[Word]> {
    cut_before_lines(words, |_, line| {
        matches!(line[0].text.as_str(), "•" | "-" | "–" | "+")
    })
}

/// Lines whose type differs in size by this factor or more are not one
/// paragraph: a running head in small type read together with the title
/// under it.
const TYPE_SIZE_CHANGE: f32 = 1.4;

/// A paragraph of Tesseract's cut where the type size changes from one
/// line to the next (by [`TYPE_SIZE_CHANGE`], each line's size the median
/// height of its words).
fn type_size_runs(words: &[Word]) -> Vec<&[Word]> {
    cut_before_lines(words, |previous, line| {
        let (a, b) = (median_height(previous), median_height(line));
        a.max(b) >= TYPE_SIZE_CHANGE * a.min(b).max(1.0)
    })
}

/// `words` cut into runs of whole lines, a new run starting at each line
/// for which `cut(previous line, line)` holds.
fn cut_before_lines(words: &[Word], cut: impl Fn(&[Word], &[Word]) -> bool) -> Vec<&[Word]> {
    let line_starts: Vec<usize> = (0..words.len())
        .filter(|&at| starts_line(words, at))
        .chain([words.len()])
        .collect();
    let mut runs = Vec::new();
    let mut start = 0;
    for bounds in line_starts.windows(3) {
        let (previous, line) = (&words[bounds[0]..bounds[1]], &words[bounds[1]..bounds[2]]);
        if cut(previous, line) {
            runs.push(&words[start..bounds[1]]);
            start = bounds[1];
        }
    }
    runs.push(&words[start..]);
    runs
}

/// The median height of `words`' boxes, in pixels.
fn median_height(words: &[Word]) -> f32 {
    let mut heights: Vec<u32> = words.iter().map(|w| w.height).collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).map_or(0.0, |&h| h as f32)
}

/// The word rows of the TSV (level 5), blank words and table borders
/// ([`is_rule_mark`]) left out.
fn read_words(tsv: &str) -> Vec<Word> {
    tsv.lines()
        .filter_map(|row| {
            let cells: Vec<&str> = row.splitn(12, '\t').collect();
            let [
                level,
                _page,
                block,
                paragraph,
                line,
                _word,
                left,
                top,
                width,
                height,
                confidence,
                text,
            ] = cells.as_slice()
            else {
                return None;
            };
            let text = text.trim().trim_matches(is_rule_mark);
            if *level != "5" || text.chars().all(|c| c == '_') {
                return None;
            }
            Some(Word {
                block: block.parse().ok()?,
                paragraph: paragraph.parse().ok()?,
                line: line.parse().ok()?,
                column: Column::Whole,
                left: left.parse().ok()?,
                top: top.parse().ok()?,
                width: width.parse().ok()?,
                height: height.parse().ok()?,
                confidence: confidence.parse().ok()?,
                text: text.to_string(),
            })
        })
        .collect()
}

/// A table's border or a rule read as a character: `|` (and its kin) at
/// a word's ends. Words of nothing but these or of `_` (a rule under a
/// cell) are dropped; no plan's prose has them.
fn is_rule_mark(c: char) -> bool {
    matches!(c, '|' | '¦' | '‖' | '│')
}

fn paragraph_of(words: &[Word]) -> Option<Paragraph> {
    let mut text = String::new();
    let mut previous_line = None;
    for word in words {
        if previous_line.is_some_and(|line| line != word.line) {
            join_line_break(&mut text, &word.text);
        } else if !text.is_empty() && !joins_without_space(&text, &word.text) {
            text.push(' ');
        }
        text.push_str(&word.text);
        previous_line = Some(word.line);
    }
    if text.is_empty() {
        return None;
    }
    let weight = |w: &Word| w.text.chars().count() as f32;
    let total: f32 = words.iter().map(weight).sum();
    let confidence = words.iter().map(|w| w.confidence * weight(w)).sum::<f32>() / total / 100.0;
    Some(Paragraph {
        text,
        confidence: confidence.clamp(0.0, 1.0),
        top: words.iter().map(|w| w.top).min().unwrap_or(0),
        bottom: words
            .iter()
            .map(|w| w.top.saturating_add(w.height))
            .max()
            .unwrap_or(0),
        word_height: median_height(words) as u32,
    })
}

/// Whether a line's first word is a list bullet Tesseract read as a
/// letter or a sign ("e", "©", "«" for "•"): a lone such character before
/// a word that starts a sentence.
fn is_bullet(word: &Word, next: &Word) -> bool {
    let lookalike = matches!(
        word.text.as_str(),
        "•" | "e" | "o" | "©" | "®" | "«" | "»" | "°" | "¢" | "€" | "*" | "@"
    );
    let starts_sentence = next
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || is_cjk(c));
    lookalike && starts_sentence
}

/// Whether `next` follows `text` without a space on one line: between Han
/// characters, and around full-width punctuation, which carries its own
/// spacing.
fn joins_without_space(text: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (text.chars().last(), next.chars().next()) else {
        return false;
    };
    is_cjk(last) && is_cjk(first)
        || is_fullwidth_punctuation(last)
        || is_fullwidth_punctuation(first)
}

fn is_fullwidth_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF65}' | '\u{2018}'..='\u{201D}' | '…' | '—' | '·')
}

/// Appends the break between two lines of a paragraph: nothing in Chinese;
/// after a hyphen that ends a word part, nothing, the hyphen itself taken
/// out when it cuts an English-style word ("infor-" "mation"); a space
/// otherwise. Vietnamese is not hyphenated across lines, so a hyphen there
/// belongs to the text ("KH-" "UBND").
fn join_line_break(text: &mut String, next: &str) {
    let first = next.chars().next().unwrap_or(' ');
    let last = text.chars().last().unwrap_or(' ');
    let chinese = |c: char| is_cjk(c) || is_fullwidth_punctuation(c);
    if chinese(last) || chinese(first) {
        return;
    }
    let before_hyphen = text.strip_suffix('-').and_then(|t| t.chars().last());
    match before_hyphen {
        Some(last) if last.is_ascii_lowercase() && first.is_ascii_lowercase() => {
            text.pop();
        }
        Some(last) if last.is_alphanumeric() => {}
        _ => text.push(' '),
    }
}

/// The full-width form of ASCII punctuation Tesseract's Chinese models
/// often give instead; `.` is left alone (decimals, abbreviations).
fn full_width_of(c: char) -> Option<char> {
    Some(match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ';' => '；',
        ',' => '，',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// `text` with ASCII punctuation next to Han characters (spaces between
/// them ignored) in full width, and the spaces around full-width
/// punctuation removed: "（一 ) 工作" → "（一）工作". Punctuation between
/// Latin letters or digits ("12:30", "(a)") is left alone.
fn full_width_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let neighbour = |from: usize, step: isize| {
        let mut at = from as isize + step;
        while at >= 0 && (at as usize) < chars.len() && chars[at as usize] == ' ' {
            at += step;
        }
        (at >= 0 && (at as usize) < chars.len()).then(|| chars[at as usize])
    };
    let chinese = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || is_fullwidth_punctuation(c));
    let mut converted: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(at, &c)| match full_width_of(c) {
            Some(wide) if chinese(neighbour(at, -1)) || chinese(neighbour(at, 1)) => wide,
            _ => c,
        })
        .collect();
    // A second pass: brackets closing a converted one ("（一 )").
    let mut open = false;
    for c in &mut converted {
        match *c {
            '（' => open = true,
            ')' if open => {
                *c = '）';
                open = false;
            }
            '）' => open = false,
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len());
    for (at, &c) in converted.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| converted[i]);
        let after = converted.get(at + 1).copied();
        let beside_wide = before.is_some_and(is_fullwidth_punctuation)
            || after.is_some_and(is_fullwidth_punctuation);
        if c == ' ' && beside_wide {
            continue;
        }
        out.push(c);
    }
    out
}

/// What Tesseract's Chinese models systematically misread in Chinese
/// text, undone: the placeholder `××` read as Latin `xx`, the parenthesis
/// `（` read as the angle bracket `〈`, straight quotes for `“”`, `%o` for
/// `‰`, a list number's `1.` read as `1，`, `≥` read as `之`, and the
/// spaces its word boxes put between Han characters and numbers ("2025 年").
fn chinese_corrections(text: &str) -> String {
    let text = list_number_point(&text.replace("%o", "‰"));
    at_least_signs(&document_number_brackets(&curly_quotes(&han_spacing(
        &text,
    ))))
}

/// `≥` before a number, which the Chinese models read as the Han `之`
/// ("接种率之95%"): `之` right before a digit, unless it is the `之` of a
/// fraction (百分之, 千分之, 万分之, 几分之), which comes after `分`.
fn at_least_signs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (at, &c) in chars.iter().enumerate() {
        let before_number = chars.get(at + 1).is_some_and(char::is_ascii_digit);
        let in_fraction = at > 0 && chars[at - 1] == '分';
        out.push(if c == '之' && before_number && !in_fraction {
            '≥'
        } else {
            c
        });
    }
    out
}

/// The year of a document number (文号, "卫健发〔2025〕8号") in the
/// hexagonal brackets it is set in, whichever brackets Tesseract read
/// (`【2025]`, `(2025〕`, `[2025】`): a year in brackets right after the
/// character that ends a document number's issuer code (发, 函, 字, …).
fn document_number_brackets(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let opening = |c: char| matches!(c, '〔' | '【' | '[' | '(' | '（' | '〈');
    let closing = |c: char| matches!(c, '〕' | '】' | ']' | ')' | '）' | '〉');
    let mut out = chars.clone();
    for at in 1..chars.len().saturating_sub(5) {
        let year = &chars[at + 1..at + 5];
        let is_year = year.iter().all(char::is_ascii_digit) && matches!(year[0], '1' | '2');
        let issuer = matches!(
            chars[at - 1],
            '发' | '函' | '字' | '办' | '电' | '规' | '令' | '通' | '發' | '辦' | '電' | '規'
        );
        if issuer && opening(chars[at]) && is_year && closing(chars[at + 5]) {
            (out[at], out[at + 5]) = ('〔', '〕');
        }
    }
    out.into_iter().collect()
}

/// `1，加强` at the start of a paragraph is the list number `1.`.
fn list_number_point(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some(',' | '，') if (1..=2).contains(&digits) => {
            let comma = text[digits..].chars().next().map_or(0, char::len_utf8);
            format!("{}.{}", &text[..digits], &text[digits + comma..])
        }
        _ => text.to_string(),
    }
}

/// Straight double quotes in Chinese text as the curly ones it is set
/// with, opening and closing in turn.
fn curly_quotes(text: &str) -> String {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open { '“' } else { '”' }
            }
            '“' => {
                open = true;
                c
            }
            '”' => {
                open = false;
                c
            }
            _ => c,
        })
        .collect()
}

/// The `××`, `（` and spacing corrections of [`chinese_corrections`].
fn han_spacing(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '〈' => '（',
            '〉' => '）',
            _ => c,
        })
        .collect();
    let han = |c: char| is_cjk(c) || is_fullwidth_punctuation(c);
    let beside = |at: usize, step: isize| -> Option<char> {
        let mut at = at as isize + step;
        while let Some(&c) = usize::try_from(at).ok().and_then(|i| chars.get(i)) {
            if c != ' ' {
                return Some(c);
            }
            at += step;
        }
        None
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if matches!(c, 'x' | 'X') {
            let run = chars[at..]
                .iter()
                .take_while(|&&c| matches!(c, 'x' | 'X'))
                .count();
            let (before, after) = (beside(at, -1), beside(at + run - 1, 1));
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let placeholder = run <= 3
                && !latin(before)
                && !latin(after)
                && (before.is_some_and(han) || after.is_some_and(han));
            if !placeholder {
                out.extend(&chars[at..at + run]);
                at += run;
                continue;
            }
            // The marks stand for Han characters: no spaces around them.
            if before.is_some_and(han) {
                out.truncate(out.trim_end_matches(' ').len());
            }
            out.extend(std::iter::repeat_n('×', run));
            at += run;
            if after.is_some_and(han) {
                at += chars[at..].iter().take_while(|&&c| c == ' ').count();
            }
            continue;
        }
        let number_beside_han = c == ' '
            && at > 0
            && at + 1 < chars.len()
            && (is_cjk(chars[at - 1]) && chars[at + 1].is_ascii_digit()
                || chars[at - 1].is_ascii_digit() && is_cjk(chars[at + 1]));
        if !number_beside_han {
            out.push(c);
        }
        at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(rows: &[(u32, u32, u32, f32, &str)]) -> String {
        let mut out = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        );
        for (i, (block, par, line, conf, text)) in rows.iter().enumerate() {
            let top = line * 20;
            out.push_str(&format!(
                "5\t1\t{block}\t{par}\t{line}\t{i}\t0\t{top}\t10\t12\t{conf}\t{text}\n"
            ));
        }
        out
    }

    #[test]
    fn vietnamese_lines_join_with_a_space_and_hyphens_are_undone() {
        let page = tsv(&[
            (1, 1, 1, 90.0, "Kế"),
            (1, 1, 1, 90.0, "hoạch"),
            (1, 1, 2, 80.0, "tiêm"),
            (1, 1, 2, 80.0, "chủng"),
            (1, 1, 2, 80.0, "số"),
            (1, 1, 2, 80.0, "12/KH-"),
            (1, 1, 3, 80.0, "UBND"),
            (1, 1, 3, 80.0, "infor-"),
            (1, 1, 4, 80.0, "mation."),
            (1, 2, 1, 50.0, "Điều"),
            (1, 2, 1, 50.0, "1."),
        ]);
        let paragraphs = paragraphs(&page, false, &|_| false);
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(
            paragraphs[0].text,
            "Kế hoạch tiêm chủng số 12/KH-UBND information."
        );
        assert_eq!(paragraphs[1].text, "Điều 1.");
        assert_eq!((paragraphs[0].top, paragraphs[0].bottom), (20, 92));
        assert_eq!(paragraphs[0].word_height, 12);
        assert!((paragraphs[1].confidence - 0.5).abs() < 1e-6);
        let chars = [2.0, 5.0, 4.0, 5.0, 2.0, 6.0, 4.0, 6.0, 7.0];
        let confs = [90.0, 90.0, 80.0, 80.0, 80.0, 80.0, 80.0, 80.0, 80.0];
        let weighted: f32 = chars.iter().zip(confs).map(|(c, f)| c * f).sum::<f32>()
            / chars.iter().sum::<f32>()
            / 100.0;
        assert!((paragraphs[0].confidence - weighted).abs() < 1e-4);
    }

    #[test]
    fn chinese_loses_the_spaces_between_han_and_at_line_breaks() {
        let page = tsv(&[
            (1, 1, 1, 90.0, "全县"),
            (1, 1, 1, 90.0, "妇幼"),
            (1, 1, 1, 90.0, "健康"),
            (1, 1, 2, 90.0, "工作，"),
            (1, 1, 2, 90.0, "2025"),
            (1, 1, 2, 90.0, "年"),
            (1, 1, 2, 90.0, "HIV"),
            (1, 1, 2, 90.0, "检测。"),
        ]);
        assert_eq!(
            paragraphs(&page, true, &|_| false)[0].text,
            "全县妇幼健康工作，2025年 HIV 检测。"
        );
    }

    #[test]
    fn chinese_punctuation_read_as_ascii_becomes_full_width() {
        assert_eq!(full_width_punctuation("(一 ) 严格落实"), "（一）严格落实");
        assert_eq!(full_width_punctuation("主要指标如下 :"), "主要指标如下：");
        assert_eq!(
            full_width_punctuation("筛查, 评估; 管理"),
            "筛查，评估；管理"
        );
        assert_eq!(
            full_width_punctuation("12:30 (a) HIV, AIDS"),
            "12:30 (a) HIV, AIDS"
        );
        assert_eq!(full_width_punctuation("(二) 提升"), "（二）提升");
    }

    #[test]
    fn bullets_read_as_letters_become_bullets() {
        let page = tsv(&[
            (1, 1, 1, 90.0, "e"),
            (1, 1, 1, 90.0, "Hội"),
            (1, 1, 1, 90.0, "nghị"),
            (1, 1, 2, 90.0, "©"),
            (1, 1, 2, 90.0, "Tiêm"),
            (1, 1, 2, 90.0, "bù"),
            (1, 2, 1, 90.0, "e"),
            (1, 2, 1, 90.0, "ngại"),
            (1, 3, 1, 90.0, "Vitamin"),
            (1, 3, 1, 90.0, "e"),
            (1, 3, 1, 90.0, "Và"),
        ]);
        let texts: Vec<String> = paragraphs(&page, false, &|_| false)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts, ["• Hội nghị", "• Tiêm bù", "e ngại", "Vitamin e Và"]);
    }

    #[test]
    fn a_change_of_type_size_between_lines_ends_a_paragraph() {
        let row = |line: u32, height: u32, text: &str| {
            format!(
                "5\t1\t1\t1\t{line}\t1\t0\t{}\t10\t{height}\t90\t{text}\n",
                line * 50
            )
        };
        let page = [
            row(1, 14, "11/23/26,"),
            row(1, 15, "5:44"),
            row(1, 14, "市卫生健康委员会文件"),
            row(2, 44, "××市卫生健康委员会文件"),
            row(3, 22, "各县（市、区）卫生健康局，"),
            row(4, 23, "市疾病预防控制中心："),
        ]
        .concat();
        let texts: Vec<String> = paragraphs(&page, true, &|_| false)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            [
                "11/23/26, 5:44市卫生健康委员会文件",
                "××市卫生健康委员会文件",
                "各县（市、区）卫生健康局，市疾病预防控制中心："
            ]
        );
    }

    #[test]
    fn each_line_that_starts_with_a_list_marker_is_a_paragraph() {
        let page = tsv(&[
            (1, 1, 1, 90.0, "Nơi"),
            (1, 1, 1, 90.0, "nhận:"),
            (1, 1, 2, 90.0, "-"),
            (1, 1, 2, 90.0, "Bộ"),
            (1, 1, 2, 90.0, "Y"),
            (1, 1, 2, 90.0, "tế;"),
            (1, 1, 3, 90.0, "-"),
            (1, 1, 3, 90.0, "Lưu:"),
            (1, 1, 4, 90.0, "VT."),
            (1, 1, 5, 90.0, "năm"),
            (1, 1, 5, 90.0, "2025-"),
            (1, 1, 6, 90.0, "2030"),
        ]);
        let texts: Vec<String> = paragraphs(&page, false, &|_| false)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            texts,
            ["Nơi nhận:", "- Bộ Y tế;", "- Lưu: VT. năm 2025-2030"]
        );
    }

    #[test]
    fn chinese_misreadings_are_undone() {
        assert_eq!(chinese_corrections("xx 县卫生健康局"), "××县卫生健康局");
        assert_eq!(
            chinese_corrections("x 卫健发〔2025〕8 号"),
            "×卫健发〔2025〕8号"
        );
        assert_eq!(chinese_corrections("“xx 通”手机"), "“××通”手机");
        assert_eq!(chinese_corrections("〈一〉提升"), "（一）提升");
        assert_eq!(chinese_corrections("在 30 日内"), "在30日内");
        // Latin words and measurements stay as they are.
        assert_eq!(chinese_corrections("使用 Xpert 检测"), "使用 Xpert 检测");
        assert_eq!(chinese_corrections("3x 剂量 HIV 检测"), "3x 剂量 HIV 检测");
        assert_eq!(chinese_corrections("xxxx 年"), "xxxx 年");
        assert_eq!(chinese_corrections("1，加强宣传"), "1.加强宣传");
        assert_eq!(chinese_corrections("12,完善"), "12.完善");
        assert_eq!(chinese_corrections("2025，全年"), "2025，全年");
        assert_eq!(chinese_corrections("低于 5%o)"), "低于5‰)");
        assert_eq!(
            chinese_corrections(r#"实现"一次都不跑"，"××通"平台"#),
            "实现“一次都不跑”，“××通”平台"
        );
        assert_eq!(chinese_corrections(r#"“一对一"联系"#), "“一对一”联系");
        assert_eq!(chinese_corrections("卫健发【2025]8号"), "卫健发〔2025〕8号");
        assert_eq!(
            chinese_corrections("×卫健发（2025〕8号"),
            "×卫健发〔2025〕8号"
        );
        assert_eq!(chinese_corrections("（2025）年度"), "（2025）年度");
        assert_eq!(chinese_corrections("计划于（2025）年"), "计划于（2025）年");
    }

    #[test]
    fn at_least_read_as_zhi_becomes_the_sign_but_fractions_stay() {
        assert_eq!(at_least_signs("接种率之95%，之90%"), "接种率≥95%，≥90%");
        assert_eq!(at_least_signs("百分之95，三分之一"), "百分之95，三分之一");
        assert_eq!(at_least_signs("之"), "之");
    }

    #[test]
    fn table_borders_read_as_characters_are_dropped() {
        let page = tsv(&[
            (1, 1, 1, 90.0, "Năm"),
            (1, 1, 1, 90.0, "2024|"),
            (1, 1, 1, 90.0, "|"),
            (1, 1, 1, 90.0, "___"),
            (1, 1, 1, 90.0, "||Năm"),
            (1, 1, 1, 90.0, "2025"),
            (1, 1, 1, 90.0, "so_yte"),
        ]);
        assert_eq!(
            paragraphs(&page, false, &|_| false)[0].text,
            "Năm 2024 Năm 2025 so_yte"
        );
    }

    #[test]
    fn rows_that_are_not_words_are_ignored() {
        let page = "level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n5\t1\t1\t1\t1\t1\t0\t0\t5\t5\t96.5\t  \n";
        assert!(paragraphs(page, false, &|_| false).is_empty());
    }
}
