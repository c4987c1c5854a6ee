//! Page layout: placed glyphs become lines (glyphs sharing a baseline, read
//! along the writing direction), lines become segments (runs not broken by a
//! wide gap), and segments become paragraphs in reading order.
//!
//! Each writing direction on a page is laid out on its own, in a frame where
//! that direction points right, so rotated and vertical text read correctly.

use super::content::{Glyph, Rule};
use super::notes::MARK_END;
use crate::normalize::NOTE_ANCHOR;
use crate::script::is_cjk;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// A gap wider than this (in font sizes) between two glyphs is a word space.
const WORD_GAP: f64 = 0.2;
/// Between a CJK character and another script, only a gap this wide is a
/// space: CJK layout adds narrower gaps of its own around Latin text.
const MIXED_GAP: f64 = 1.0;
/// A gap this wide with no space glyph in it separates two segments
/// (table columns, side-by-side blocks).
const SEGMENT_GAP: f64 = 2.0;
/// The narrowest gap between two columns, in points.
const GUTTER_WIDTH: f64 = 8.0;
/// Baselines closer than this (in font sizes) are one line.
const BASELINE_TOLERANCE: f64 = 0.3;
/// A paragraph ends where the line gap exceeds the typical one this much.
const PARAGRAPH_GAP: f64 = 1.3;

/// One paragraph of a page, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// The font size of most of its characters.
    pub size: f64,
    /// Baselines of its first and last lines, in user space, and whether
    /// it reads left to right unrotated (only then are they page heights).
    pub top: f64,
    pub bottom: f64,
    pub upright: bool,
    /// Heading level from a tagged PDF's structure tree; 0 for none.
    pub heading: u8,
    /// Every line is set mostly in bold.
    pub bold: bool,
    /// No other text shares its lines (it is not a table cell or a block
    /// set beside another).
    pub alone: bool,
    /// Read by OCR, with this confidence (0–1); `None` for the text layer.
    pub ocr_confidence: Option<f32>,
}

#[cfg(test)]
impl Paragraph {
    /// A one-line upright paragraph in a regular font, alone on its line.
    pub fn plain(text: &str, y: f64, size: f64) -> Paragraph {
        Paragraph {
            text: text.into(),
            size,
            top: y,
            bottom: y,
            upright: true,
            heading: 0,
            bold: false,
            alone: true,
            ocr_confidence: None,
        }
    }
}

/// The text of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageText {
    pub paragraphs: Vec<Paragraph>,
    /// How many characters are set in each font size, sizes in half points.
    pub size_counts: HashMap<i64, usize>,
}

/// Lays out the glyphs of one page; ruling lines (table borders) separate
/// the text on either side of them.
pub fn page_text(glyphs: &[Glyph], rules: &[Rule]) -> PageText {
    let glyphs = without_overprint(glyphs);
    let mut by_direction: BTreeMap<i32, Vec<&Glyph>> = BTreeMap::new();
    for g in &glyphs {
        let angle = g.uy.atan2(g.ux).to_degrees().round() as i32;
        by_direction
            .entry(angle.rem_euclid(360))
            .or_default()
            .push(g);
    }
    let paragraphs = by_direction
        .into_iter()
        .flat_map(|(angle, glyphs)| direction_paragraphs(angle, &glyphs, rules))
        .collect();
    PageText {
        paragraphs,
        size_counts: size_counts(glyphs.iter().copied(), 0.5),
    }
}

/// Drops glyphs drawn again on top of themselves (a common way to fake
/// bold), which would otherwise double every letter.
fn without_overprint(glyphs: &[Glyph]) -> Vec<&Glyph> {
    let mut kept: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    let mut cells: HashMap<(&str, i64, i64), Vec<usize>> = HashMap::new();
    for g in glyphs {
        let (cx, cy) = ((g.x / 2.0).floor() as i64, (g.y / 2.0).floor() as i64);
        let near = |k: &usize| {
            let o: &Glyph = kept[*k];
            (o.x - g.x).abs() < 0.2 * g.size && (o.y - g.y).abs() < 0.2 * g.size
        };
        let duplicate = !g.space
            && (cx.saturating_sub(1)..=cx.saturating_add(1))
                .flat_map(|x| (cy.saturating_sub(1)..=cy.saturating_add(1)).map(move |y| (x, y)))
                .any(|(x, y)| {
                    cells
                        .get(&(g.text.as_str(), x, y))
                        .is_some_and(|v| v.iter().any(near))
                });
        if !duplicate {
            cells
                .entry((g.text.as_str(), cx, cy))
                .or_default()
                .push(kept.len());
            kept.push(g);
        }
    }
    kept
}

/// A glyph in the frame of its writing direction: `x` grows along the text,
/// `y` grows towards the top of the line stack.
#[derive(Debug, Clone, Copy)]
struct Placed<'g> {
    glyph: &'g Glyph,
    x0: f64,
    x1: f64,
    y: f64,
}

/// A run of glyphs on one line, read as text.
#[derive(Debug, Clone)]
struct Segment {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// Width of its first word (its first character when that is CJK).
    first_word: f64,
    /// Heading level most of its glyphs have (see [`Glyph::heading`]).
    heading: u8,
    /// Most of its characters are bold.
    bold: bool,
    /// The only segment of its line.
    alone: bool,
}

/// Ruling lines in the frame of one writing direction.
#[derive(Debug, Default)]
struct Rules {
    /// `(x, y0, y1)`, sorted by `x`.
    vertical: Vec<(f64, f64, f64)>,
    /// `(y, x0, x1)`, sorted by `y`.
    horizontal: Vec<(f64, f64, f64)>,
}

impl Rules {
    fn new(rules: &[Rule], sin: f64, cos: f64) -> Rules {
        let mut out = Rules::default();
        for r in rules {
            let (ax, ay) = (r.x0 * cos + r.y0 * sin, r.y0 * cos - r.x0 * sin);
            let (bx, by) = (r.x1 * cos + r.y1 * sin, r.y1 * cos - r.x1 * sin);
            if (ax - bx).abs() <= 1.0 {
                out.vertical.push(((ax + bx) / 2.0, ay.min(by), ay.max(by)));
            } else if (ay - by).abs() <= 1.0 {
                out.horizontal
                    .push(((ay + by) / 2.0, ax.min(bx), ax.max(bx)));
            }
        }
        out.vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
        out.horizontal.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// Whether a vertical rule stands between `x0` and `x1` at height `y`.
    fn wall(&self, x0: f64, x1: f64, y: f64) -> bool {
        let start = self.vertical.partition_point(|r| r.0 < x0);
        self.vertical[start..]
            .iter()
            .take_while(|r| r.0 <= x1)
            .any(|&(_, y0, y1)| y0 <= y && y <= y1)
    }

    /// Whether a horizontal rule lies strictly between heights `y0` and `y1`
    /// and overlaps `x0..x1`.
    fn floor(&self, y0: f64, y1: f64, x0: f64, x1: f64) -> bool {
        let start = self.horizontal.partition_point(|r| r.0 <= y0);
        self.horizontal[start..]
            .iter()
            .take_while(|r| r.0 < y1)
            .any(|&(_, a, b)| a < x1 && b > x0)
    }
}

fn direction_paragraphs(angle: i32, glyphs: &[&Glyph], rules: &[Rule]) -> Vec<Paragraph> {
    let (sin, cos) = f64::from(angle).to_radians().sin_cos();
    let rules = Rules::new(rules, sin, cos);
    let placed: Vec<Placed> = glyphs
        .iter()
        .map(|&g| {
            let x0 = g.x * cos + g.y * sin;
            Placed {
                glyph: g,
                x0,
                x1: x0 + g.advance.max(0.0),
                y: g.y * cos - g.x * sin,
            }
        })
        .collect();
    let glyph_lines = lines(placed);
    let gutter = gutter(&glyph_lines);
    let lines: Vec<Vec<Segment>> = glyph_lines
        .iter()
        .map(|line| {
            let mut segments: Vec<Segment> = split_at_gutter(line, gutter)
                .into_iter()
                .flat_map(|part| split_segments(part, &rules))
                .filter_map(segment)
                .collect();
            let alone = segments.len() == 1;
            segments.iter_mut().for_each(|s| s.alone = alone);
            segments
        })
        .collect();
    let spacing = typical_spacing(&lines);
    group(reading_order(lines, gutter).into_iter(), spacing, &rules)
        .into_iter()
        .map(|b| Paragraph {
            text: b.text(),
            size: b.size(),
            top: b.lines.first().map_or(0.0, |l| l.y),
            bottom: b.lines.last().map_or(0.0, |l| l.y),
            upright: angle == 0,
            heading: b.lines.first().map_or(0, |l| l.heading),
            bold: b.lines.iter().all(|l| l.bold),
            alone: b.lines.iter().all(|l| l.alone),
            ocr_confidence: None,
        })
        .collect()
}

/// Puts the segments of a page in reading order: line by line, except on
/// a page set in two columns, where each run of lines between full-width
/// lines (a title across both columns) reads its left column, then its
/// right one.
fn reading_order(lines: Vec<Vec<Segment>>, gutter: Option<f64>) -> Vec<Segment> {
    let Some(gutter) = gutter else {
        return lines.into_iter().flatten().collect();
    };
    let mut ordered = Vec::new();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for seg in lines.into_iter().flatten() {
        if seg.x1 <= gutter {
            left.push(seg);
        } else if seg.x0 >= gutter {
            right.push(seg);
        } else {
            ordered.append(&mut left);
            ordered.append(&mut right);
            ordered.push(seg);
        }
    }
    ordered.append(&mut left);
    ordered.append(&mut right);
    ordered
}

/// A line cut in two at the gutter, unless a glyph crosses it (a line
/// running across both columns).
fn split_at_gutter<'a, 'g>(line: &'a [Placed<'g>], gutter: Option<f64>) -> Vec<&'a [Placed<'g>]> {
    let Some(x) = gutter else {
        return vec![line];
    };
    if line.iter().any(|p| p.x0 < x && p.x1 > x && !p.glyph.space) {
        return vec![line];
    }
    let cut = line.partition_point(|p| p.x0 < x);
    let (left, right) = line.split_at(cut);
    [left, right]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect()
}

/// The x of the gap between two columns of prose, if the page has one: a
/// strip at least [`GUTTER_WIDTH`] wide in the middle half of the text that
/// at most a tenth of the lines cross, with lines of prose (not narrow
/// table cells) on both sides of most lines.
fn gutter(lines: &[Vec<Placed>]) -> Option<f64> {
    if lines.len() < 6 {
        return None;
    }
    let inked = || lines.iter().flatten().filter(|p| !p.glyph.space);
    let x0 = inked().map(|p| p.x0).fold(f64::MAX, f64::min);
    let x1 = inked().map(|p| p.x1).fold(f64::MIN, f64::max);
    let width = x1 - x0;
    if !(width.is_finite() && width > 4.0 * GUTTER_WIDTH) {
        return None;
    }
    const BIN: f64 = 2.0;
    let bins = ((width / BIN).ceil() as usize).clamp(1, 4096);
    let bin = |x: f64| (((x - x0) / BIN).floor().max(0.0) as usize).min(bins - 1);
    let mut crossing = vec![0usize; bins];
    for line in lines {
        let mut covered = vec![false; bins];
        for p in line.iter().filter(|p| !p.glyph.space) {
            covered[bin(p.x0)..=bin(p.x1 - 0.01)]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for (count, c) in crossing.iter_mut().zip(covered) {
            *count += usize::from(c);
        }
    }
    let allowed = (lines.len() / 10).max(1);
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    let clear = |i: usize| crossing.get(i).is_some_and(|&c| c <= allowed);
    // The bin after the middle half ends an open run.
    for i in bins / 4..=bins * 3 / 4 {
        let clear = clear(i) && i < bins * 3 / 4;
        match (clear, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if best.is_none_or(|(a, b)| i - s > b - a) {
                    best = Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (a, b) = best?;
    if ((b - a) as f64) * BIN < GUTTER_WIDTH {
        return None;
    }
    let middle = x0 + (a + b) as f64 / 2.0 * BIN;
    // Most lines have prose on each side: a run of text filling most of
    // the column, not a short table cell.
    let full = |lo: f64, hi: f64| {
        let filled = lines
            .iter()
            .filter(|line| {
                let side = line
                    .iter()
                    .filter(|p| !p.glyph.space && p.x0 >= lo && p.x1 <= hi);
                let (s0, s1) =
                    side.fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x0), b.max(p.x1)));
                s1 - s0 >= 0.6 * (hi - lo)
            })
            .count();
        filled * 2 >= lines.len()
    };
    (full(x0, middle) && full(middle, x1)).then_some(middle)
}

/// Groups glyphs into lines, top to bottom, each sorted along the text.
/// A raised note mark too high to share its line's baseline joins the
/// line below it.
fn lines(mut placed: Vec<Placed>) -> Vec<Vec<Placed>> {
    placed.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    for p in placed {
        match lines.last_mut() {
            Some(line) if line.last().is_some_and(|q| same_baseline(q, &p)) => line.push(p),
            _ => lines.push(vec![p]),
        }
    }
    let mut i = 0;
    while i + 1 < lines.len() {
        if carries_marks(&lines[i], &lines[i + 1]) {
            let marks = lines.remove(i);
            lines[i].extend(marks);
        } else {
            i += 1;
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// Whether `marks` holds only small raised digits (note marks) that belong
/// to `host`, the line just below: set at most 0.8 of its size, and raised
/// less than 0.7 of it.
fn carries_marks(marks: &[Placed], host: &[Placed]) -> bool {
    let host_size = host.iter().map(|p| p.glyph.size).fold(0.0, f64::max);
    let host_y = host.iter().map(|p| p.y).fold(f64::MIN, f64::max);
    marks.iter().all(|p| {
        p.glyph.size <= 0.8 * host_size
            && p.y > host_y
            && p.y - host_y < 0.7 * host_size
            && (p.glyph.space || p.glyph.text.chars().all(|c| c.is_ascii_digit() || c == '*'))
    })
}

fn same_baseline(a: &Placed, b: &Placed) -> bool {
    (a.y - b.y).abs() <= BASELINE_TOLERANCE * a.glyph.size.min(b.glyph.size)
}

/// Splits a line where a wide gap holds no space glyph, and where a
/// vertical rule (a table border) runs between two glyphs.
fn split_segments<'a, 'g>(line: &'a [Placed<'g>], rules: &Rules) -> Vec<&'a [Placed<'g>]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..line.len() {
        let (a, b) = (&line[i - 1], &line[i]);
        let size = a.glyph.size.max(b.glyph.size);
        let wide = !a.glyph.space && !b.glyph.space && b.x0 - a.x1 > SEGMENT_GAP * size;
        let walled =
            b.x0 >= a.x1 - 1.0 && rules.wall(a.x1 - 1.0, b.x0 + 1.0, a.y + 0.3 * a.glyph.size);
        if wide || walled {
            parts.push(&line[start..i]);
            start = i;
        }
    }
    parts.push(&line[start..]);
    parts
}

/// Reads a run of glyphs as text: explicit spaces collapse to one, and a
/// space is added where the gap between glyphs is wide enough.
fn segment(glyphs: &[Placed]) -> Option<Segment> {
    // Each shown glyph, with whether space glyphs came right before it. A
    // space the next glyph is drawn over does not separate anything: some
    // Chinese producers show every character with a trailing space and then
    // move back over it.
    let mut shown: Vec<(&Placed, bool)> = Vec::new();
    let mut pending_space = false;
    for (i, p) in glyphs.iter().enumerate() {
        if p.glyph.space {
            pending_space |= !covered(glyphs, i);
        } else {
            shown.push((p, pending_space && !shown.is_empty()));
            pending_space = false;
        }
    }
    let word_gap = word_gap(&shown);
    let size = dominant_size(shown.iter().map(|(p, _)| p.glyph), 0.1)?;
    let mut ys: Vec<f64> = shown.iter().map(|(p, _)| p.y).collect();
    ys.sort_by(f64::total_cmp);
    let baseline = ys[ys.len() / 2];
    let mut text = String::new();
    let mut first_word_end = None;
    let mut in_mark = false;
    for (i, &(p, space_before)) in shown.iter().enumerate() {
        let mark = is_note_mark(p, baseline, size);
        if in_mark && !mark {
            text.push(MARK_END);
        }
        if i > 0 && !mark && (space_before || needs_space(shown[i - 1].0, p, word_gap)) {
            text.push(' ');
            first_word_end.get_or_insert(shown[i - 1].0.x1);
        }
        if mark && !in_mark {
            text.push(NOTE_ANCHOR);
        }
        in_mark = mark;
        text.push_str(&p.glyph.text);
    }
    if in_mark {
        text.push(MARK_END);
    }
    let (first, _) = shown.first()?;
    if first.glyph.text.chars().next().is_some_and(is_cjk) {
        first_word_end = Some(first.x1);
    }
    Some(Segment {
        text,
        x0: first.x0,
        x1: shown.iter().map(|(p, _)| p.x1).fold(f64::MIN, f64::max),
        y: baseline,
        size,
        heading: majority_heading(shown.iter().map(|(p, _)| p.glyph)),
        bold: 2 * shown.iter().filter(|(p, _)| p.glyph.bold).count() > shown.len(),
        alone: true,
        first_word: first_word_end.unwrap_or(f64::MAX) - first.x0,
    })
}

/// The heading level most of `glyphs` carry.
fn majority_heading<'g>(glyphs: impl Iterator<Item = &'g Glyph>) -> u8 {
    let mut counts = [0usize; 7];
    for g in glyphs {
        counts[usize::from(g.heading.min(6))] += 1;
    }
    (0..7u8)
        .max_by_key(|&level| (counts[usize::from(level)], std::cmp::Reverse(level)))
        .unwrap_or(0)
}

/// Whether a glyph is (part of) a note mark: digits or `*` set small and
/// raised above the line's baseline. Such a mark is written between
/// [`NOTE_ANCHOR`] and [`MARK_END`] for the `notes` module to link.
fn is_note_mark(p: &Placed, baseline: f64, size: f64) -> bool {
    p.glyph.size <= 0.8 * size
        && p.y - baseline >= 0.2 * size
        && p.glyph.text.chars().all(|c| c.is_ascii_digit() || c == '*')
}

/// Whether the middle of the space glyph `glyphs[i]` lies under a glyph
/// drawn next to it (glyphs are in reading order along the line).
fn covered(glyphs: &[Placed], i: usize) -> bool {
    let middle = (glyphs[i].x0 + glyphs[i].x1) / 2.0;
    let near = i.saturating_sub(2)..(i + 3).min(glyphs.len());
    glyphs[near]
        .iter()
        .any(|g| !g.glyph.space && g.x0 - 0.01 <= middle && middle < g.x1)
}

/// The gap (in font sizes) above which two glyphs are separate words.
/// Normally [`WORD_GAP`]; but letter-spaced text whose words are separated
/// by space glyphs has wide gaps between all its letters, and then only a
/// gap clearly wider than the usual one counts.
fn word_gap(shown: &[(&Placed, bool)]) -> f64 {
    if !shown.iter().any(|&(_, space_before)| space_before) {
        return WORD_GAP;
    }
    let mut gaps: Vec<f64> = shown
        .windows(2)
        .filter(|w| !w[1].1)
        .map(|w| (w[1].0.x0 - w[0].0.x1) / w[0].0.glyph.size.max(w[1].0.glyph.size))
        .collect();
    if gaps.len() < 3 {
        return WORD_GAP;
    }
    gaps.sort_by(f64::total_cmp);
    let median = gaps[gaps.len() / 2];
    if median > WORD_GAP {
        1.5 * median
    } else {
        WORD_GAP
    }
}

fn needs_space(a: &Placed, b: &Placed, word_gap: f64) -> bool {
    let gap = b.x0 - a.x1;
    let size = a.glyph.size.max(b.glyph.size);
    let cjk_before = a.glyph.text.chars().last().is_some_and(is_cjk);
    let cjk_after = b.glyph.text.chars().next().is_some_and(is_cjk);
    match (cjk_before, cjk_after) {
        (true, true) => false,
        (true, false) | (false, true) => gap > MIXED_GAP * size,
        (false, false) => gap > word_gap * size,
    }
}

/// Characters per font size (in multiples of `step`) among `glyphs`.
fn size_counts<'g>(glyphs: impl Iterator<Item = &'g Glyph>, step: f64) -> HashMap<i64, usize> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for g in glyphs.filter(|g| !g.space) {
        *counts.entry((g.size / step).round() as i64).or_default() += g.text.chars().count();
    }
    counts
}

/// The most common font size among `glyphs`, weighted by characters and
/// rounded to `step`.
fn dominant_size<'g>(glyphs: impl Iterator<Item = &'g Glyph>, step: f64) -> Option<f64> {
    most_common(&size_counts(glyphs, step)).map(|size| size as f64 * step)
}

/// The key with the largest count (the larger key on a tie).
pub fn most_common(counts: &HashMap<i64, usize>) -> Option<i64> {
    counts
        .iter()
        .max_by_key(|&(&size, &count)| (count, size))
        .map(|(&size, _)| size)
}

/// The usual baseline distance between consecutive lines of one paragraph,
/// in font sizes: a low quantile of the distances between vertically
/// adjacent, overlapping segments of equal size, so that paragraph gaps do
/// not count.
fn typical_spacing(lines: &[Vec<Segment>]) -> f64 {
    let mut ratios: Vec<f64> = lines
        .windows(2)
        .flat_map(|pair| {
            pair[1].iter().filter_map(move |s| {
                let above = pair[0]
                    .iter()
                    .find(|a| overlaps(a.x0, a.x1, s) && similar_size(a.size, s.size))?;
                Some((above.y - s.y) / s.size)
            })
        })
        .filter(|r| (0.8..=3.0).contains(r))
        .collect();
    if ratios.is_empty() {
        return 1.2;
    }
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() * 3 / 10]
}

fn overlaps(x0: f64, x1: f64, s: &Segment) -> bool {
    s.x0 <= x1 && s.x1 >= x0
}

fn similar_size(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.12 * a.max(b)
}

/// Lines of one paragraph.
#[derive(Debug)]
struct Block {
    lines: Vec<Segment>,
    x0: f64,
    x1: f64,
}

impl Block {
    fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            join_line(&mut text, &line.text);
        }
        text
    }

    fn size(&self) -> f64 {
        let mut counts: Vec<(f64, usize)> = Vec::new();
        for line in &self.lines {
            let n = line.text.chars().count();
            match counts
                .iter_mut()
                .find(|(s, _)| (*s - line.size).abs() < 0.05)
            {
                Some((_, c)) => *c += n,
                None => counts.push((line.size, n)),
            }
        }
        counts
            .iter()
            .max_by_key(|(_, c)| *c)
            .map_or(0.0, |(s, _)| *s)
    }

    /// Whether `next` continues this paragraph.
    fn continues_with(&self, next: &Segment, spacing: f64, rules: &Rules) -> bool {
        let Some(last) = self.lines.last() else {
            return false;
        };
        let size = last.size.max(next.size);
        let dy = last.y - next.y;
        if dy < 0.5 * size || dy > PARAGRAPH_GAP * spacing * last.size {
            return false;
        }
        if !similar_size(last.size, next.size) || !overlaps(self.x0, self.x1, next) {
            return false;
        }
        // A tagged PDF says where headings start and end.
        if last.heading != next.heading {
            return false;
        }
        // A rule between the lines (below the last one's descenders, above
        // the next one's capitals) separates them: a table row border.
        let (x0, x1) = (self.x0.max(next.x0), self.x1.min(next.x1));
        if rules.floor(next.y + 0.5 * next.size, last.y - 0.25 * last.size, x0, x1) {
            return false;
        }
        // Lines set centred on each other (a title on two lines) escape the
        // indentation and line-length tests below.
        let centred = ((last.x0 + last.x1) - (next.x0 + next.x1)).abs() < size;
        // A first line indented further than the lines before it.
        if self.lines.len() >= 2 && next.x0 > last.x0 + 0.8 * size && !centred {
            return false;
        }
        // A line that had room for the next line's first word was broken on
        // purpose: its paragraph ends there.
        let right = self.x1.max(next.x1);
        if right - last.x1 - 0.3 * size > next.first_word && !centred {
            return false;
        }
        !starts_item(&last.text, &next.text)
    }
}

/// Whether `next` starts a list item after a line that ends one: a bullet
/// always does; a number, letter or dash does after a line that ends a
/// clause (`.`, `;`, `:`…).
fn starts_item(previous: &str, next: &str) -> bool {
    static ENUMERATOR: OnceLock<Regex> = OnceLock::new();
    let enumerator = ENUMERATOR.get_or_init(|| {
        Regex::new(
            r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|\(\d{1,3}\)|[a-zđ][.)]\s|\([a-zđ]\)|[IVXLC]{1,6}[.)]\s|[-–+*]\s|（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、|\d{1,3}、|第[一二三四五六七八九十百零\d]{1,4}[条章节部分]|(?:Điều|Chương|Mục|Phần)\s+[\dIVXLC]{1,4})",
        )
        .expect("enumerator pattern is valid")
    });
    let bullet = next
        .chars()
        .next()
        .is_some_and(|c| "•◦▪▫●○■□◆◇➢➤✓✔►▸".contains(c));
    let ends_clause = previous
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".;:!?。；：！？".contains(c));
    bullet || (ends_clause && enumerator.is_match(next))
}

/// Groups segments (in line order) into paragraphs, in the order their
/// first lines appear.
fn group(segments: impl Iterator<Item = Segment>, spacing: f64, rules: &Rules) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for seg in segments {
        open.retain(|&i| {
            let last = &blocks[i].lines[blocks[i].lines.len() - 1];
            last.y - seg.y <= PARAGRAPH_GAP * spacing * last.size.max(seg.size) + seg.size
        });
        let target = open
            .iter()
            .copied()
            .filter(|&i| blocks[i].continues_with(&seg, spacing, rules))
            .min_by(|&i, &j| {
                let dy = |k: usize| blocks[k].lines[blocks[k].lines.len() - 1].y - seg.y;
                dy(i).total_cmp(&dy(j))
            });
        match target {
            Some(i) => {
                let block = &mut blocks[i];
                block.x0 = block.x0.min(seg.x0);
                block.x1 = block.x1.max(seg.x1);
                block.lines.push(seg);
            }
            None => {
                open.push(blocks.len());
                blocks.push(Block {
                    x0: seg.x0,
                    x1: seg.x1,
                    lines: vec![seg],
                });
            }
        }
    }
    blocks
}

/// Appends a line to paragraph text: CJK meets CJK directly, a word broken
/// by a hyphen before a lowercase letter is rejoined, anything else gets a
/// space.
pub fn join_line(text: &mut String, line: &str) {
    let line = line.trim_start();
    let Some(first) = line.chars().next() else {
        return;
    };
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    let mut tail = text.chars().rev();
    match (tail.next(), tail.next()) {
        (None, _) => {}
        (Some('\u{AD}'), _) => {
            text.pop();
        }
        (Some('-' | '\u{2010}'), Some(before))
            if before.is_alphabetic() && first.is_lowercase() =>
        {
            text.pop();
        }
        (Some(last), _) if is_cjk(last) && is_cjk(first) => {}
        _ => text.push(' '),
    }
    text.push_str(line);
}

/// Whether a line is only a page number: `3`, `- 3 -`, `Trang 3`,
/// `Page 3 of 4`, `3/4`, `第3页`, `第3页 共4页`, `iii`.
pub fn is_page_number(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                [-–—]?\s*(?:\d{1,3}|x{0,3}(?:ix|iv|vi{0,3}|i{1,3})|x{1,3})\s*[-–—]?
              | (?i:trang|page|tr\.|p\.)\s*\d{1,4}(?:\s*(?:/|(?i:of|trên|của))\s*\d{1,4})?
              | \d{1,4}\s*/\s*\d{1,4}
              | 第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?
              | 共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页
            )$",
        )
        .expect("page number pattern is valid")
    });
    pattern.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(lines: &[&str]) -> String {
        let mut text = String::new();
        for line in lines {
            join_line(&mut text, line);
        }
        text
    }

    #[test]
    fn lines_join_with_space_except_between_cjk() {
        assert_eq!(
            joined(&["Kế hoạch truyền", "thông dân số"]),
            "Kế hoạch truyền thông dân số"
        );
        assert_eq!(
            joined(&["为深入贯彻落实计划", "生育基本国策"]),
            "为深入贯彻落实计划生育基本国策"
        );
        assert_eq!(
            joined(&["进一步提高，", "出生人口"]),
            "进一步提高，出生人口"
        );
        assert_eq!(joined(&["到", "2024年底"]), "到 2024年底");
        assert_eq!(joined(&["", "  a  "]), "a  ");
    }

    #[test]
    fn hyphen_before_lowercase_is_removed() {
        assert_eq!(joined(&["infor-", "mation"]), "information");
        assert_eq!(joined(&["kinh tế -", "xã hội"]), "kinh tế - xã hội");
        assert_eq!(joined(&["COVID-", "19"]), "COVID- 19");
        assert_eq!(joined(&["Nord-", "Rhein"]), "Nord- Rhein");
        assert_eq!(joined(&["soft\u{AD}", "ware"]), "software");
    }

    #[test]
    fn list_items_start_after_clause_ends() {
        assert!(starts_item("bố trí kinh phí;", "• Tăng cường"));
        assert!(starts_item("bố trí kinh phí", "• Tăng cường"));
        assert!(starts_item("như sau:", "a) Tuyên truyền"));
        assert!(starts_item("như sau:", "- Bộ Y tế;"));
        assert!(starts_item("理念。", "（二）主要目标"));
        assert!(starts_item("理念。", "二、重点任务"));
        assert!(starts_item("hiệu lực.", "Điều 2. Trách nhiệm"));
        assert!(!starts_item(
            "phát triển kinh tế",
            "- xã hội của địa phương"
        ));
        assert!(!starts_item("năm 2024.", "Tăng cường"));
        assert!(!starts_item("trong", "2. Công nhận"));
    }

    #[test]
    fn page_numbers_are_recognised() {
        for yes in [
            "3",
            " 12 ",
            "- 3 -",
            "— 7 —",
            "Trang 3",
            "trang 3/10",
            "Page 3 of 4",
            "3/4",
            "第3页",
            "第 3 页 共 9 页",
            "iv",
            "xii",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "2024 năm",
            "Điều 3",
            "I. Mục tiêu",
            "3.",
            "第三章",
            "Page",
            "12345",
            "IV",
            "mix",
            "civil",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    fn glyph(text: &str, x: f64, y: f64, size: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            ux: 1.0,
            uy: 0.0,
            advance: size * 0.5,
            size,
            space: text == " ",
            mcid: None,
            heading: 0,
            bold: false,
        }
    }

    fn word(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), x + i as f64 * size * 0.5, y, size))
            .collect()
    }

    #[test]
    fn gaps_become_spaces_but_not_between_cjk() {
        let mut glyphs = word("Hello", 100.0, 700.0, 10.0);
        glyphs.extend(word("world", 128.0, 700.0, 10.0));
        glyphs.extend(word("中文", 100.0, 680.0, 10.0));
        glyphs.extend(word("字", 115.0, 680.0, 10.0));
        let page = page_text(&glyphs, &[]);
        let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["Hello world 中文字"]);
    }

    #[test]
    fn two_columns_read_left_column_first() {
        // A title across the page, then eight lines in each column, the
        // columns 12 points apart (closer than a segment gap).
        let mut glyphs = word("Tieu de chung cua trang", 100.0, 760.0, 10.0);
        for line in 0..8 {
            let y = 700.0 - 12.0 * f64::from(line);
            let left = if line == 0 {
                "Cot trai bat dau"
            } else {
                "tiep theo cot trai"
            };
            let right = if line == 0 {
                "Cot phai bat dau"
            } else {
                "tiep theo cot phai"
            };
            glyphs.extend(word(left, 100.0, y, 10.0));
            glyphs.extend(word(right, 202.0, y, 10.0));
        }
        let page = page_text(&glyphs, &[]);
        let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], "Tieu de chung cua trang");
        assert!(
            texts[1].starts_with("Cot trai bat dau tiep theo cot trai"),
            "{texts:?}"
        );
        assert!(
            texts[2].starts_with("Cot phai bat dau tiep theo cot phai"),
            "{texts:?}"
        );
    }

    #[test]
    fn reading_order_is_top_to_bottom_then_left_to_right() {
        let mut glyphs = word("second", 100.0, 600.0, 10.0);
        glyphs.extend(word("right", 300.0, 700.0, 10.0));
        glyphs.extend(word("left", 100.0, 700.0, 10.0));
        let page = page_text(&glyphs, &[]);
        let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["left", "right", "second"]);
    }

    #[test]
    fn overprinted_glyphs_are_read_once() {
        let mut glyphs = word("Bold", 100.0, 700.0, 10.0);
        glyphs.extend(word("Bold", 100.3, 700.0, 10.0));
        let page = page_text(&glyphs, &[]);
        assert_eq!(page.paragraphs[0].text, "Bold");
    }

    #[test]
    fn rotated_text_reads_along_its_direction() {
        let glyphs: Vec<Glyph> = "Up"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                ux: 0.0,
                uy: 1.0,
                ..glyph(&c.to_string(), 50.0, 100.0 + i as f64 * 5.0, 10.0)
            })
            .collect();
        let page = page_text(&glyphs, &[]);
        assert_eq!(page.paragraphs[0].text, "Up");
    }
}
