//! Text that a page prints more than once, and the tables of contents
//! among it.
//!
//! A portal repeats its furniture (menus, breadcrumbs, "Xem tiếp") on every
//! page; a legal-document portal also repeats the article's own headings in
//! a table-of-contents box; and a document repeats some of its own lines (a
//! form printed twice, "a) Thực hiện các quy định…" under each article).
//! Only the first is chrome. This module finds the copies of each text and
//! the boxes that are tables of contents, in time linear in the page: every
//! walk up the tree is either bounded by [`MAX_BOX_DEPTH`] or stops at an
//! element already visited.

use super::{Class, Features};
use crate::model::Block;
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::Html;
use std::collections::HashMap;
use std::ops::Range;

/// A table-of-contents box holds at least this many blocks that echo text
/// found outside it.
const MIN_ECHOES: usize = 3;
/// How many levels above a block its table of contents is looked for: an
/// entry sits a few levels below its box; the bound keeps the search linear.
const MAX_BOX_DEPTH: usize = 32;

/// The copies of each block's text (trimmed) on the page.
pub(super) struct Copies {
    /// For each block, the index of its text in `members`.
    text_of: Vec<usize>,
    /// For each distinct text, the blocks that print it, in page order.
    members: Vec<Vec<usize>>,
}

impl Copies {
    /// Groups the blocks by their trimmed text.
    pub(super) fn new(blocks: &[Block]) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let text_of = blocks
            .iter()
            .enumerate()
            .map(|(i, block)| {
                let id = *ids.entry(block.text.trim()).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                });
                members[id].push(i);
                id
            })
            .collect();
        Copies { text_of, members }
    }

    /// How many blocks print block `i`'s text (itself included).
    pub(super) fn count(&self, i: usize) -> usize {
        self.copies(i).len()
    }

    /// The blocks that print block `i`'s text, in page order.
    fn copies(&self, i: usize) -> &[usize] {
        &self.members[self.text_of[i]]
    }

    /// Whether every copy of block `i`'s text lies in `range`.
    pub(super) fn all_within(&self, i: usize, range: &Range<usize>) -> bool {
        let copies = self.copies(i);
        copies.first().is_some_and(|f| range.contains(f))
            && copies.last().is_some_and(|l| range.contains(l))
    }

    /// Whether the last copy of block `i`'s text lies in `range`.
    pub(super) fn last_within(&self, i: usize, range: &Range<usize>) -> bool {
        self.copies(i).last().is_some_and(|l| range.contains(l))
    }
}

/// The elements of a page that hold blocks, numbered in document order
/// (a parent before its children), with the blocks each one spans.
struct Elements {
    parent: Vec<Option<usize>>,
    depth: Vec<usize>,
    /// The first and last block inside each element (blocks inside one
    /// element are consecutive); `None` when it holds none.
    span: Vec<Option<(usize, usize)>>,
    /// The element of each block.
    of_block: Vec<usize>,
}

impl Elements {
    fn new(page: &Html, features: &[Features]) -> Self {
        let mut index: HashMap<NodeId, usize> = HashMap::new();
        let (mut parent, mut depth) = (Vec::new(), Vec::new());
        let mut open: Vec<usize> = Vec::new();
        for edge in page.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let up = open.last().copied();
                    index.insert(node.id(), parent.len());
                    open.push(parent.len());
                    depth.push(up.map_or(0, |p| depth[p] + 1));
                    parent.push(up);
                }
                Edge::Close(_) => {
                    open.pop();
                }
            }
        }
        let mut span: Vec<Option<(usize, usize)>> = vec![None; parent.len()];
        let of_block: Vec<usize> = features
            .iter()
            .map(|f| index.get(&f.node).copied().unwrap_or(0))
            .collect();
        for (i, &e) in of_block.iter().enumerate() {
            span[e] = Some(span[e].map_or((i, i), |(s, _)| (s, i)));
        }
        // Children come after their parent: fold spans upward in reverse.
        for e in (1..parent.len()).rev() {
            if let (Some(p), Some((s, l))) = (parent[e], span[e]) {
                span[p] = Some(span[p].map_or((s, l), |(ps, pl)| (ps.min(s), pl.max(l))));
            }
        }
        Elements {
            parent,
            depth,
            span,
            of_block,
        }
    }

    /// The deepest element holding both.
    fn common(&self, mut a: usize, mut b: usize) -> usize {
        while a != b {
            if self.depth[a] >= self.depth[b] {
                match self.parent[a] {
                    Some(p) => a = p,
                    None => return a,
                }
            } else {
                match self.parent[b] {
                    Some(p) => b = p,
                    None => return b,
                }
            }
        }
        a
    }
}

/// The tables of contents of a page.
pub(super) struct Toc {
    /// `true` for each block inside one.
    blocks: Vec<bool>,
    /// For each distinct text, how many of its copies are inside one.
    per_text: Vec<usize>,
}

impl Toc {
    fn new(blocks: Vec<bool>, copies: &Copies) -> Self {
        let per_text = copies
            .members
            .iter()
            .map(|m| m.iter().filter(|&&k| blocks[k]).count())
            .collect();
        Toc { blocks, per_text }
    }

    /// Whether block `i` is inside a table of contents.
    pub(super) fn contains(&self, i: usize) -> bool {
        self.blocks[i]
    }

    /// Whether block `i`, outside any table of contents, is the only copy of
    /// its text there: the article keeps its own copy of the headings its
    /// table of contents repeats.
    pub(super) fn holds_every_other_copy(&self, i: usize, copies: &Copies) -> bool {
        !self.blocks[i] && self.per_text[copies.text_of[i]] + 1 == copies.count(i)
    }

    /// Whether no copy of block `i`'s text is in a table of contents.
    pub(super) fn holds_no_copy(&self, i: usize, copies: &Copies) -> bool {
        self.per_text[copies.text_of[i]] == 0
    }
}

/// Finds the tables of contents: for each block whose text recurs, the
/// highest element above it that holds at least [`MIN_ECHOES`] blocks whose
/// text also occurs outside it, and no prose (a good block) of its own. Two
/// boxes that echo each other (a menu in the header and again in the
/// footer, breadcrumbs for mobile and desktop, an article printed twice)
/// are no tables of contents of one another: a box is dropped when at
/// least half its echoes have every copy inside boxes.
pub(super) fn tables_of_contents(
    page: &Html,
    features: &[Features],
    base: &[Class],
    copies: &Copies,
) -> Toc {
    let elements = Elements::new(page, features);
    // The element that holds every copy of a text: from there up, no copy
    // of the text echoes anything.
    let cover: Vec<usize> = copies
        .members
        .iter()
        .map(|blocks| {
            let first = elements.of_block[blocks[0]];
            let last = elements.of_block[blocks[blocks.len() - 1]];
            elements.common(first, last)
        })
        .collect();
    let own_prose = &elements_with_own_prose(&elements, base, copies, &cover);
    let (elements, cover) = (&elements, &cover);
    let climb = |i: usize| {
        let stop = cover[copies.text_of[i]];
        std::iter::successors(Some(elements.of_block[i]), |&e| elements.parent[e])
            .take(MAX_BOX_DEPTH)
            .take_while(move |&e| e != stop && !own_prose[e])
    };
    let repeated = || (0..base.len()).filter(|&i| copies.count(i) > 1);
    let mut echoes = vec![0usize; elements.parent.len()];
    for i in repeated() {
        for e in climb(i) {
            echoes[e] += 1;
        }
    }
    let mut boxes: Vec<(usize, usize)> = repeated()
        .filter_map(|i| climb(i).filter(|&e| echoes[e] >= MIN_ECHOES).last())
        .filter_map(|e| elements.span[e])
        .collect();
    boxes.sort_unstable_by_key(|&(s, l)| (s, std::cmp::Reverse(l)));
    boxes.dedup_by(|inner, outer| inner.0 >= outer.0 && inner.1 <= outer.1);
    Toc::new(unless_mutual(&boxes, copies, base.len()), copies)
}

/// Marks each element that holds a good block with no copy outside it.
/// Each walk starts at the element covering the block's copies and stops at
/// an element already marked, so every element is marked once.
fn elements_with_own_prose(
    elements: &Elements,
    base: &[Class],
    copies: &Copies,
    cover: &[usize],
) -> Vec<bool> {
    let mut own = vec![false; elements.parent.len()];
    for i in (0..base.len()).filter(|&i| base[i] == Class::Good) {
        let mut at = Some(cover[copies.text_of[i]]);
        while let Some(e) = at.filter(|&e| !own[e]) {
            own[e] = true;
            at = elements.parent[e];
        }
    }
    own
}

/// The blocks of those boxes (disjoint block spans) whose echoes do not
/// mostly point into other boxes.
fn unless_mutual(boxes: &[(usize, usize)], copies: &Copies, blocks: usize) -> Vec<bool> {
    let mut in_box = vec![false; blocks];
    for &(s, l) in boxes {
        in_box[s..=l].fill(true);
    }
    let free: Vec<usize> = copies
        .members
        .iter()
        .map(|m| m.iter().filter(|&&k| !in_box[k]).count())
        .collect();
    let mut toc = vec![false; blocks];
    for &(s, l) in boxes {
        let echoing = (s..=l).filter(|&j| !copies.all_within(j, &(s..l + 1)));
        let (echoes, mutual) = echoing.fold((0, 0), |(n, m), j| {
            (n + 1, m + usize::from(free[copies.text_of[j]] == 0))
        });
        if mutual * 2 < echoes {
            toc[s..=l].fill(true);
        }
    }
    toc
}
