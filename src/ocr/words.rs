//! From Tesseract's TSV to paragraphs of text: words joined into lines,
//! lines into paragraphs, as a reader of the page would write them.
//!
//! Promises: a Chinese line break joins with nothing and a Vietnamese one
//! with a space; a word cut by a hyphen at a line's end is joined again;
//! the spaces Tesseract puts between Han characters are removed; every
//! paragraph carries the mean confidence of its words (0–1, weighted by
//! their length).

mod chinese;
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
/// its usual misreadings there are undone ([`chinese`]).
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
                    chinese::corrections(&paragraph.text)
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
/// with a list marker (a bullet, a dash, a circled number `①`–`⑳`): each
/// item of a list is a paragraph of its own, as in a text layer ("- Bộ Y
/// tế;" "- Lưu: VT." under "Nơi nhận:").
fn list_items(words: &[Word]) -> Vec<&[Word]> {
    cut_before_lines(words, |_, line| {
        matches!(
            line[0].text.as_str(),
            "•" | "●" | "▪" | "■" | "-" | "–" | "+"
        ) || line[0].text.chars().next().is_some_and(is_circled_number)
    })
}

/// Whether `c` is a circled number `①`–`⑳` ([`super::circled`]).
fn is_circled_number(c: char) -> bool {
    ('①'..='⑳').contains(&c)
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
    super::tsv::word_rows(tsv)
        .filter_map(|row| {
            let text = row.text.trim().trim_matches(is_rule_mark);
            if text.chars().all(|c| c == '_') {
                return None;
            }
            let [left, top, width, height] =
                [row.left, row.top, row.width, row.height].map(|n| u32::try_from(n).ok());
            Some(Word {
                block: row.block,
                paragraph: row.paragraph,
                line: row.line,
                column: Column::Whole,
                left: left?,
                top: top?,
                width: width?,
                height: height?,
                confidence: row.confidence,
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
/// characters (or a circled number and Han), and around full-width
/// punctuation, which carries its own spacing.
fn joins_without_space(text: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (text.chars().last(), next.chars().next()) else {
        return false;
    };
    (is_cjk(last) || is_circled_number(last)) && is_cjk(first)
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
        let circled = tsv(&[
            (1, 1, 1, 90.0, "①"),
            (1, 1, 1, 90.0, "早孕建册率达到92%；"),
            (1, 1, 2, 90.0, "②"),
            (1, 1, 2, 90.0, "产后访视率达到95%。"),
        ]);
        let texts: Vec<String> = paragraphs(&circled, true, &|_| false)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts, ["①早孕建册率达到92%；", "②产后访视率达到95%。"]);
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
