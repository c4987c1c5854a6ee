//! Two columns side by side that Tesseract read as one: the letterhead of
//! a Vietnamese administrative document (the issuing body on the left,
//! "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on the right) and its signature
//! block ("Nơi nhận:" and its list on the left, the signer on the right).
//! Tesseract's lines there run across both columns, so each line would
//! mix the two texts.
//!
//! Promises: in a run of consecutive lines grown from a line cut by one
//! wide gap, up and down over the lines cut at the same place (the
//! gutter) or lying close on one side of it, with two lines at least cut
//! there, the words left of the gutter come first, marked
//! [`Column::Left`], then those right of it ([`Column::Right`]); every
//! other word keeps its place and [`Column::Whole`]. Tables are read row
//! by row as before: a gap with a vertical rule in it is a table's border,
//! not a gutter, and a line cut by two or more wide gaps (a borderless
//! table's row) is never split. A single line is not split either (a
//! browser's date stamp and page title, or a date across from a number).

use super::{Word, median_height};

/// Which side of a gutter a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Whole,
    Left,
    Right,
}

/// A gap between two words of a line at least this many times the
/// block's type size (median word height) starts a two-column run; the
/// space between words of a justified line is about one.
const GUTTER_GAP: f32 = 3.0;

/// The gap at least this many times the type size that a line next to a
/// run must have at its gutter to join it (a letterhead's first line,
/// whose columns stand closer).
const JOINING_GAP: f32 = 1.5;

/// A line of one column follows its neighbour within this many times the
/// type size; further away, it is a paragraph of its own.
const COLUMN_LEADING: f32 = 1.5;

/// A rectangle of the page image, in pixels; `right` and `bottom` are
/// past its last column and row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub left: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
}

/// One line of words: where it is in the word list and on the page.
struct Line {
    words: std::ops::Range<usize>,
    top: u32,
    bottom: u32,
    /// Its block's type size, in pixels.
    size: f32,
    /// Its first word's left edge and its last word's right edge.
    span: (u32, u32),
    /// The gaps between its words of at least [`JOINING_GAP`] times the
    /// type size, left to right.
    gaps: Vec<(u32, u32)>,
    /// Whether a vertical rule runs down one of its gaps: a table's row.
    ruled: bool,
}

impl Line {
    /// Its gaps of at least `factor` times the type size.
    fn gaps_of(&self, factor: f32) -> impl Iterator<Item = &(u32, u32)> {
        let least = factor * self.size;
        self.gaps
            .iter()
            .filter(move |(from, to)| (to - from) as f32 >= least)
    }

    /// The gutter the line starts a run with: its one gap of at least
    /// [`GUTTER_GAP`] times the type size.
    fn seed(&self) -> Option<(u32, u32)> {
        match self.gaps_of(GUTTER_GAP).collect::<Vec<_>>().as_slice() {
            [gap] if !self.ruled => Some(**gap),
            _ => None,
        }
    }

    /// The gutter once the line joins a run with `gutter` (narrowed to
    /// its own gap there), or `None` when it cannot: it is a table's row,
    /// a word of it lies across the gutter, or it lies on one side but
    /// not close to `neighbour`.
    fn join(&self, gutter: (u32, u32), neighbour: &Line) -> Option<(u32, u32)> {
        if self.ruled || self.gaps_of(GUTTER_GAP).count() > 1 {
            return None;
        }
        let mut at_gutter = self.gaps.iter().filter_map(|&gap| overlap(gutter, gap));
        if let Some(narrowed) = at_gutter.next() {
            return at_gutter.next().is_none().then_some(narrowed);
        }
        let one_side = self.span.1 <= gutter.1 || self.span.0 >= gutter.1;
        let distance = self
            .top
            .max(neighbour.top)
            .saturating_sub(self.bottom.min(neighbour.bottom));
        let close = distance as f32 <= COLUMN_LEADING * self.size;
        (one_side && close).then_some(gutter)
    }
}

/// `words` (in Tesseract's order) with the columns of each two-column run
/// of lines read one after the other, left column first; `is_ruled`
/// tells whether a vertical rule runs down an area of the page.
pub(super) fn split_columns(words: Vec<Word>, is_ruled: &dyn Fn(Area) -> bool) -> Vec<Word> {
    let lines = lines_of(&words, is_ruled);
    let mut order: Vec<(usize, Column)> = Vec::with_capacity(words.len());
    let mut done = 0; // the lines before this one are in `order`
    for (first, end, gutter) in runs(&lines) {
        let whole = lines[done].words.start..lines[first].words.start;
        order.extend(whole.map(|i| (i, Column::Whole)));
        let run = lines[first].words.start..lines[end - 1].words.end;
        // A word of the left column ends before the right one starts.
        let left = |i: &usize| words[*i].left.saturating_add(words[*i].width) <= gutter.1;
        order.extend(run.clone().filter(left).map(|i| (i, Column::Left)));
        order.extend(run.filter(|i| !left(i)).map(|i| (i, Column::Right)));
        done = end;
    }
    let rest = lines.get(done).map_or(words.len(), |line| line.words.start);
    order.extend((rest..words.len()).map(|i| (i, Column::Whole)));
    let mut slots: Vec<Option<Word>> = words.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, column)| {
            let mut word = slots[i].take()?;
            word.column = column;
            Some(word)
        })
        .collect()
}

/// The two-column runs of `lines`, in order, as (first line, line after
/// the last, gutter): each grown from a line cut by one wide gap, up and
/// down, over the lines that join it ([`Line::join`]); two of its lines
/// at least are cut at the gutter (a line alone with a gap, such as a
/// browser's footer with the page count, is no run with the line above).
fn runs(lines: &[Line]) -> Vec<(usize, usize, (u32, u32))> {
    let mut runs = Vec::new();
    let mut free = 0; // lines from here on are in no run
    for seed in 0..lines.len() {
        let Some(mut gutter) = lines[seed].seed().filter(|_| seed >= free) else {
            continue;
        };
        let (mut first, mut end) = (seed, seed + 1);
        while first > free {
            let Some(narrowed) = lines[first - 1].join(gutter, &lines[first]) else {
                break;
            };
            (gutter, first) = (narrowed, first - 1);
        }
        while let Some(narrowed) = lines.get(end).and_then(|l| l.join(gutter, &lines[end - 1])) {
            (gutter, end) = (narrowed, end + 1);
        }
        let cut = |line: &Line| line.gaps.iter().any(|&gap| overlap(gutter, gap).is_some());
        if lines[first..end].iter().filter(|line| cut(line)).count() >= 2 {
            runs.push((first, end, gutter));
            free = end;
        }
    }
    runs
}

/// The lines of `words`, in order, with their gaps.
fn lines_of(words: &[Word], is_ruled: &dyn Fn(Area) -> bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for block in words.chunk_by(|a, b| a.block == b.block) {
        let size = median_height(block).max(1.0);
        for line in block.chunk_by(|a, b| (a.paragraph, a.line) == (b.paragraph, b.line)) {
            let top = line.iter().map(|w| w.top).min().unwrap_or(0);
            let bottom = line
                .iter()
                .map(|w| w.top.saturating_add(w.height))
                .max()
                .unwrap_or(0);
            let gaps: Vec<(u32, u32)> = line
                .windows(2)
                .map(|pair| (pair[0].left.saturating_add(pair[0].width), pair[1].left))
                .filter(|&(from, to)| to > from && (to - from) as f32 >= JOINING_GAP * size)
                .collect();
            let ruled = gaps.iter().any(|&(left, right)| {
                is_ruled(Area {
                    left,
                    top,
                    right,
                    bottom,
                })
            });
            let span = (
                line.iter().map(|w| w.left).min().unwrap_or(0),
                line.iter()
                    .map(|w| w.left.saturating_add(w.width))
                    .max()
                    .unwrap_or(0),
            );
            lines.push(Line {
                words: start..start + line.len(),
                top,
                bottom,
                size,
                span,
                gaps,
                ruled,
            });
            start += line.len();
        }
    }
    lines
}

/// Where two spans overlap, if they do.
fn overlap(a: (u32, u32), b: (u32, u32)) -> Option<(u32, u32)> {
    let (from, to) = (a.0.max(b.0), a.1.min(b.1));
    (from < to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::super::paragraphs;
    use super::Area;

    /// A TSV page of (block, line, left, text) words, 30 px high, each
    /// 12 px a character wide and 40 px below the line before.
    fn page(words: &[(u32, u32, u32, &str)]) -> String {
        words
            .iter()
            .map(|&(block, line, left, text)| {
                let width = 12 * text.chars().count();
                let top = 40 * line;
                format!("5\t1\t{block}\t1\t{line}\t1\t{left}\t{top}\t{width}\t30\t90\t{text}\n")
            })
            .collect()
    }

    fn texts(tsv: &str, is_ruled: &dyn Fn(Area) -> bool) -> Vec<String> {
        paragraphs(tsv, false, is_ruled)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    const SIGNATURE: &[(u32, u32, u32, &str)] = &[
        (1, 1, 100, "Nơi"),
        (1, 1, 150, "nhận:"),
        (1, 1, 700, "GIÁM"),
        (1, 1, 760, "ĐỐC"),
        (2, 1, 100, "-"),
        (2, 1, 120, "Bộ"),
        (2, 1, 150, "Y"),
        (2, 1, 170, "tế;"),
        (2, 1, 720, "(Đã"),
        (2, 1, 770, "ký)"),
        (2, 2, 100, "-"),
        (2, 2, 120, "Các"),
        (2, 2, 170, "xã,"),
        (2, 2, 220, "phường,"),
        (2, 2, 320, "thị"),
        (2, 2, 370, "trấn;"),
        (2, 3, 100, "-"),
        (2, 3, 120, "Lưu:"),
        (2, 3, 180, "VT."),
    ];

    #[test]
    fn a_signature_block_is_read_column_by_column() {
        assert_eq!(
            texts(&page(SIGNATURE), &|_| false),
            [
                "Nơi nhận:",
                "- Bộ Y tế;",
                "- Các xã, phường, thị trấn;",
                "- Lưu: VT.",
                "GIÁM ĐỐC",
                "(Đã ký)"
            ]
        );
    }

    #[test]
    fn a_letterhead_s_first_line_joins_with_a_narrower_gap() {
        let letterhead = page(&[
            (1, 1, 100, "SỞ"),
            (1, 1, 130, "Y"),
            (1, 1, 150, "TẾ"),
            (1, 1, 240, "CỘNG"),
            (1, 1, 300, "HÒA"),
            (2, 2, 100, "TRUNG"),
            (2, 2, 170, "TÂM"),
            (2, 2, 700, "Độc"),
            (2, 2, 750, "lập"),
            (2, 3, 100, "Số:"),
            (2, 3, 140, "21/KH"),
            (2, 3, 700, "Bình"),
            (2, 3, 760, "An"),
            (
                2,
                4,
                100,
                "Căn cứ Luật Người cao tuổi ngày 23 tháng 11 năm 2009;",
            ),
        ]);
        assert_eq!(
            texts(&letterhead, &|_| false),
            [
                "SỞ Y TẾ",
                "TRUNG TÂM Số: 21/KH",
                "CỘNG HÒA",
                "Độc lập Bình An",
                "Căn cứ Luật Người cao tuổi ngày 23 tháng 11 năm 2009;"
            ]
        );
    }

    #[test]
    fn a_ruled_gap_is_a_table_read_row_by_row() {
        let ruled = |area: Area| area.left < 650 && area.right > 650;
        assert_eq!(
            texts(&page(SIGNATURE), &ruled),
            [
                "Nơi nhận: GIÁM ĐỐC",
                "- Bộ Y tế; (Đã ký)",
                "- Các xã, phường, thị trấn;",
                "- Lưu: VT."
            ]
        );
    }

    #[test]
    fn rows_cut_twice_a_line_across_the_gutter_or_a_single_line_stay_whole() {
        let table = page(&[
            (1, 1, 100, "Chỉ"),
            (1, 1, 400, "2024"),
            (1, 1, 700, "2025"),
            (1, 2, 100, "Khám"),
            (1, 2, 400, "61,5"),
            (1, 2, 700, "70"),
        ]);
        assert_eq!(texts(&table, &|_| false), ["Chỉ 2024 2025 Khám 61,5 70"]);
        let crossing = page(&[
            (1, 1, 100, "Nơi"),
            (1, 1, 700, "GIÁM"),
            (
                1,
                2,
                100,
                "Đề nghị các khoa, phòng, trạm y tế triển khai thực hiện",
            ),
        ]);
        assert_eq!(
            texts(&crossing, &|_| false),
            ["Nơi GIÁM Đề nghị các khoa, phòng, trạm y tế triển khai thực hiện"]
        );
        let stamp = page(&[(1, 1, 100, "11/23/26,"), (1, 1, 700, "Sở Y tế")]);
        assert_eq!(texts(&stamp, &|_| false), ["11/23/26, Sở Y tế"]);
    }
}
