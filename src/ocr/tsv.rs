//! Tesseract's TSV: one row per page, block, paragraph, line and word,
//! of which the OCR stages read and rewrite the word rows (level 5).
//!
//! Promises: [`word_rows`] gives every well-formed word row in order,
//! blank ones included (Tesseract saw ink there but read nothing: a
//! picture, a rule); [`WordRow::row`] writes a row back that reads the same;
//! [`text_lines`] groups the words with text into Tesseract's lines;
//! [`edited`] puts rows in and in place of others, the rest kept as they are.

use std::fmt::Write;

use super::words::Area;

/// A word row: where the word is in Tesseract's layout and on the image,
/// how sure it is (0–100) and what it read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordRow<'a> {
    pub block: u32,
    pub paragraph: u32,
    pub line: u32,
    pub word: u32,
    pub left: usize,
    pub top: usize,
    pub width: usize,
    pub height: usize,
    pub confidence: f32,
    pub text: &'a str,
}

impl<'a> WordRow<'a> {
    /// `row` read as a word row; `None` for another level or a row that
    /// does not parse.
    pub fn parse(row: &'a str) -> Option<WordRow<'a>> {
        let cells: Vec<&str> = row.splitn(12, '\t').collect();
        let [
            level,
            _page,
            block,
            paragraph,
            line,
            word,
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
        (*level == "5").then_some(())?;
        Some(WordRow {
            block: block.parse().ok()?,
            paragraph: paragraph.parse().ok()?,
            line: line.parse().ok()?,
            word: word.parse().ok()?,
            left: left.parse().ok()?,
            top: top.parse().ok()?,
            width: width.parse().ok()?,
            height: height.parse().ok()?,
            confidence: confidence.parse().ok()?,
            text,
        })
    }

    /// The word's box; `None` when it does not fit the page's `u32`
    /// pixel coordinates.
    pub fn area(&self) -> Option<Area> {
        let [left, top, width, height] =
            [self.left, self.top, self.width, self.height].map(|n| u32::try_from(n).ok());
        let (left, top) = (left?, top?);
        Some(Area {
            left,
            top,
            right: left.checked_add(width?)?,
            bottom: top.checked_add(height?)?,
        })
    }

    /// The row as Tesseract writes it, with a newline.
    pub fn row(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "5\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.block,
            self.paragraph,
            self.line,
            self.word,
            self.left,
            self.top,
            self.width,
            self.height,
            self.confidence,
            self.text
        );
        out
    }
}

/// The word rows of `tsv`, blank ones included.
pub fn word_rows(tsv: &str) -> impl Iterator<Item = WordRow<'_>> {
    tsv.lines().filter_map(WordRow::parse)
}

/// `tsv` with each word row `rewrite` gives a new text for written with
/// it; every other row as it was.
pub fn rewrite_words(tsv: &str, mut rewrite: impl FnMut(&WordRow) -> Option<String>) -> String {
    let mut out = String::with_capacity(tsv.len());
    for line in tsv.lines() {
        match WordRow::parse(line).and_then(|word| Some((word, rewrite(&word)?))) {
            Some((word, text)) => out.push_str(
                &WordRow {
                    text: &text,
                    ..word
                }
                .row(),
            ),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// `rows` with each row of `rewritten` in place of the row it names and
/// each row of `inserted` before the row it names.
pub fn edited(
    rows: &[&str],
    inserted: &[(usize, String)],
    rewritten: &[(usize, String)],
) -> String {
    let mut before: Vec<Vec<&str>> = vec![Vec::new(); rows.len()];
    for (at, row) in inserted {
        before[*at].push(row);
    }
    let mut instead: Vec<Option<&str>> = vec![None; rows.len()];
    for (at, row) in rewritten {
        instead[*at] = Some(row);
    }
    let mut out = String::new();
    for (at, row) in rows.iter().enumerate() {
        before[at].iter().for_each(|new| out.push_str(new));
        match instead[at] {
            Some(new) => out.push_str(new),
            None => {
                out.push_str(row);
                out.push('\n');
            }
        }
    }
    out
}

/// One line of Tesseract's words with text: each word with its row's
/// number in the TSV, the band its type fills (the median top and bottom
/// of its words) and where it ends on the right.
pub struct TextLine<'a> {
    pub words: Vec<(usize, WordRow<'a>)>,
    pub top: usize,
    pub bottom: usize,
    pub right: usize,
}

impl<'a> TextLine<'a> {
    /// The height of its band, at least 1.
    pub fn height(&self) -> usize {
        self.bottom.saturating_sub(self.top).max(1)
    }

    /// Its first word, with its row's number.
    pub fn first(&self) -> (usize, WordRow<'a>) {
        self.words[0]
    }

    /// Whether all its words lie on a `width` × `height` image (a line
    /// that does not is not Tesseract's reading of it).
    pub fn fits(&self, width: usize, height: usize) -> bool {
        self.words.iter().all(|(_, w)| {
            w.left.saturating_add(w.width) <= width && w.top.saturating_add(w.height) <= height
        })
    }
}

/// The lines of `rows` (a TSV's rows) that have a word with text, in
/// order; blank words are left out of them.
pub fn text_lines<'a>(rows: &[&'a str]) -> Vec<TextLine<'a>> {
    let mut lines = Vec::new();
    let mut current: Vec<(usize, WordRow<'a>)> = Vec::new();
    let key = |w: &WordRow| (w.block, w.paragraph, w.line);
    for (at, row) in rows.iter().enumerate() {
        let Some(word) = WordRow::parse(row).filter(|w| !w.text.trim().is_empty()) else {
            continue;
        };
        if current
            .last()
            .is_some_and(|(_, last)| key(last) != key(&word))
        {
            lines.extend(text_line(std::mem::take(&mut current)));
        }
        current.push((at, word));
    }
    lines.extend(text_line(current));
    lines
}

fn text_line(words: Vec<(usize, WordRow<'_>)>) -> Option<TextLine<'_>> {
    let median = |mut values: Vec<usize>| {
        values.sort_unstable();
        values.get(values.len() / 2).copied()
    };
    let top = median(words.iter().map(|(_, w)| w.top).collect())?;
    let bottom = median(
        words
            .iter()
            .map(|(_, w)| w.top.saturating_add(w.height))
            .collect(),
    )?;
    let right = words
        .iter()
        .map(|(_, w)| w.left.saturating_add(w.width))
        .max()?;
    Some(TextLine {
        words,
        top,
        bottom: bottom.max(top.saturating_add(1)),
        right,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    #[test]
    fn word_rows_parse_and_write_back() {
        let tsv = format!(
            "{HEADER}\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
             5\t1\t2\t1\t3\t4\t10\t20\t30\t40\t96.5\tKế hoạch\n\
             5\t1\t2\t1\t3\t5\t50\t20\t30\t40\t95\t \n"
        );
        let words: Vec<WordRow> = word_rows(&tsv).collect();
        assert_eq!(words.len(), 2, "blank words count, other levels do not");
        let first = words[0];
        assert_eq!(
            (first.block, first.line, first.word, first.left),
            (2, 3, 4, 10)
        );
        assert_eq!(first.text, "Kế hoạch");
        let area = first.area().unwrap();
        assert_eq!(
            (area.left, area.top, area.right, area.bottom),
            (10, 20, 40, 60)
        );
        assert_eq!(
            WordRow::parse(first.row().trim_end_matches('\n')),
            Some(first)
        );
        let rewritten = rewrite_words(&tsv, |w| {
            (w.text == "Kế hoạch").then(|| "Kế hoạch số".into())
        });
        assert!(rewritten.starts_with(HEADER));
        assert!(rewritten.contains("\t96.5\tKế hoạch số\n"));
        assert_eq!(rewritten.lines().count(), tsv.lines().count());
    }
}
