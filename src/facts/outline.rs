//! The outline: the document's heading tree.
//!
//! A node is a block that opens with a structural marker (see [`marker`]):
//! the Word label when the block has one (the text is then the title), else
//! a marker typed at the start of the text (PDF, text, HTML, typed
//! numbering), split from its title. In Chinese text that PDF or plain-text
//! extraction ran together, a marker after a space inside a paragraph
//! ("…减少出生缺陷发生 1.推进婚前孕前保健。") opens a node too. Headings with
//! no marker are nodes as well, past the document's opening lines; in a
//! document that has markers, only those after its first marker (front
//! matter such as 目次, 前言, "LỜI NÓI ĐẦU" is left out).
//!
//! Levels follow how marker kinds nest, as legal-document parsers rank
//! them: a kind first seen under a node of another kind is one level
//! below it, a kind seen before keeps its level, and a kind seen under
//! several kinds is below the deepest of them; so "1." under "I." is level
//! 2, and level 3 throughout a document where some "1." stand under "A."
//! (levels are per kind, whatever the branch). Two kinds never seen one
//! under the other share a level ("1、" under 二、 and "1）" under 四、). When
//! the document has not yet shown how two kinds nest, their usual order
//! decides: Phần > Chương > Mục > Tiểu mục > Điều > "I." > "A."/"一、" >
//! "（一）" > "1." > "1.1." > "a)" > "1)"/"(1)" > "①"; so a decree's
//! articles are below where its Mục go even in a chapter that has none. A
//! heading with no marker takes the kind first seen on headings of its
//! Word level, or is a kind of its own.
//!
//! Left out:
//! - the opening lines: everything before the first marker (national
//!   motto, issuer, number, the title "KẾ HOẠCH", "QUYẾT ĐỊNH", the subject
//!   line, a Chinese title ending in 通知/方案…), "Phụ lục I" or "Mẫu số 5"
//!   heading a file; before the first node, a typed list that starts
//!   past its first item ("(3)" in the rows of a table run into text);
//! - bullets ("-", "+", "•", "✓", a Word label that numbers nothing);
//! - page headers and footers, footnotes, captions;
//! - table cells, except a cell alone in its row (a heading row, or a box
//!   holding one item of a form) and the cells of a layout table (one cell
//!   holding most of the table's text in several blocks, as web pages lay
//!   out a whole article);
//! - the recipients list ("Nơi nhận:", 抄送：) and everything after it up to
//!   the next document of the file;
//! - numbers that merely start a sentence ("2025 là năm…", "1.250 người…",
//!   "30/2020/NĐ-CP quy định…", "2.5 triệu…"), and division words that start
//!   one ("Phần thứ nhất bao gồm…", "Mục 2 của Chương này…");
//! - text quoted by an amending document ("“Điều 2a. …”", "\"1. …\"");
//! - the contents of a model form ("Mẫu 1.1 - Nghị quyết"): its "Điều 1.",
//!   "Nơi nhận" and title lines belong to the model, not to the document;
//! - headings that are whole sentences (a body paragraph in a heading
//!   style).
//!
//! One file may hold several documents: a decision and the plan it issues,
//! a circular and its annex, a Chinese notice and its 附件. A line
//! "(Ban hành kèm theo …)" / "(Kèm theo …)", a line "附件" alone, a title
//! line alone in capitals ("KẾ HOẠCH", "QUY CHẾ"), or a marker after the
//! recipients list start a new document: its nodes are roots again and its
//! kinds are ranked afresh.
//!
//! Titles: a heading's text; for a clause or point written as a sentence,
//! its first sentence (the block's sentence spans) on its first line,
//! whitespace squeezed, without the closing punctuation, cut at a word
//! boundary to at most 120 chars. A division alone on its line
//! ("Chương I", "PHỤ LỤC I") takes the next line as its title
//! ("QUY ĐỊNH CHUNG").

mod marker;

use super::{DocTypes, OutlineNode, in_capitals, squeeze};
use crate::model::{Block, BlockKind};
use marker::{Kind, Label};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The longest title kept, in chars.
const MAX_TITLE_CHARS: usize = 120;

/// The longest line taken as the title of a division alone on its line.
const MAX_NEXT_LINE_TITLE_CHARS: usize = 200;

/// A quotation left open by mistake stops hiding blocks after this many.
const MAX_QUOTED_BLOCKS: usize = 100;

/// The heading tree of `blocks`.
pub fn build(blocks: &[Block]) -> Vec<OutlineNode> {
    let tables = Tables::new(blocks);
    let mut reader = Reader::new(blocks, &tables);
    for index in 0..blocks.len() {
        reader.block(index);
    }
    reader.finish()
}

/// A node found, before levels are known.
#[derive(Debug)]
struct Found {
    block: usize,
    /// The kind's index in its document's [`Kinds`].
    kind: usize,
    label: String,
    title: String,
    /// Which document of the file.
    part: usize,
}

/// The marker kinds of one document and how they nest: `parents[k]` are
/// the kinds nodes of kind `k` have stood under. Never cyclic: a kind is
/// put under another only when it is not already above it.
#[derive(Debug, Default)]
struct Kinds {
    kinds: Vec<Kind>,
    parents: Vec<Vec<usize>>,
}

impl Kinds {
    fn index(&self, kind: &Kind) -> Option<usize> {
        self.kinds.iter().position(|k| k == kind)
    }

    fn add(&mut self, kind: &Kind) -> usize {
        self.index(kind).unwrap_or_else(|| {
            self.kinds.push(kind.clone());
            self.parents.push(Vec::new());
            self.kinds.len() - 1
        })
    }

    /// Whether nodes of `upper` have held, directly or not, nodes of
    /// `lower`.
    fn above(&self, upper: usize, lower: usize) -> bool {
        let mut seen = vec![false; self.kinds.len()];
        let mut todo = vec![lower];
        while let Some(k) = todo.pop() {
            for &parent in self.parents.get(k).map_or(&[][..], Vec::as_slice) {
                if parent == upper {
                    return true;
                }
                if !seen[parent] {
                    seen[parent] = true;
                    todo.push(parent);
                }
            }
        }
        false
    }

    /// Whether a node of kind `new` closes an open node of kind `open`
    /// rather than going under it.
    fn closes(&self, new: usize, open: usize) -> bool {
        if self.above(new, open) {
            return true;
        }
        if self.above(open, new) {
            return false;
        }
        // "A - … I/ …": a document that opens with capital letters has its
        // roman numerals as sections under them (older circulars).
        if open == 0 && self.kinds[open] == Kind::UpperLetter && self.kinds[new] == Kind::Roman {
            return false;
        }
        match (self.kinds[new].usual_rank(), self.kinds[open].usual_rank()) {
            (Some(new), Some(open)) => new < open,
            _ => false,
        }
    }

    fn put_under(&mut self, parent: usize, child: usize) {
        if parent != child && !self.parents[child].contains(&parent) {
            self.parents[child].push(parent);
        }
    }

    /// Each kind's level: one below the deepest kind it stood under.
    fn levels(&self) -> Vec<u32> {
        let mut levels = vec![0; self.kinds.len()];
        for kind in 0..self.kinds.len() {
            self.level(kind, &mut levels, 0);
        }
        levels
    }

    fn level(&self, kind: usize, levels: &mut [u32], depth: usize) -> u32 {
        if levels[kind] > 0 {
            return levels[kind];
        }
        let mut level = 1;
        if depth <= self.kinds.len() {
            for &parent in &self.parents[kind] {
                level = level.max(self.level(parent, levels, depth + 1).saturating_add(1));
            }
        }
        levels[kind] = level;
        level
    }
}

/// Where a block stands, for the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Running text: outside tables, or in a layout table's main cell.
    Body,
    /// A table cell alone in its row.
    HeadingRow,
    /// Any other table cell.
    Cell,
}

#[derive(Debug, Default, Clone, Copy)]
struct CellInfo {
    blocks: usize,
    chars: usize,
}

/// The shape of the document's tables: what each cell holds.
struct Tables {
    cells: FxHashMap<(u32, u32, u32), CellInfo>,
    /// Non-empty cells per row.
    rows: FxHashMap<(u32, u32), usize>,
    /// Per table: chars, rows of one cell, rows of several.
    tables: FxHashMap<u32, TableInfo>,
}

#[derive(Debug, Default, Clone, Copy)]
struct TableInfo {
    chars: usize,
    single_rows: usize,
    multi_rows: usize,
    /// The table lays out a whole form: it holds the title line or the
    /// "Kính gửi" line.
    form: bool,
}

impl Tables {
    fn new(blocks: &[Block]) -> Self {
        let mut cells: FxHashMap<(u32, u32, u32), CellInfo> = FxHashMap::default();
        let mut tables: FxHashMap<u32, TableInfo> = FxHashMap::default();
        for block in blocks {
            if let Some(pos) = block.table {
                let cell = cells.entry((pos.index, pos.row, pos.col)).or_default();
                cell.blocks += 1;
                cell.chars += block.text.chars().count();
                let table = tables.entry(pos.index).or_default();
                // Once a form, the other cells need no look.
                if !table.form {
                    let text = block.text.trim();
                    table.form = is_title_line(text) || starts_with_lowercase(text, "kính gửi");
                }
            }
        }
        // A form laid out as a table may go on in the next table.
        let mut previous: Option<(u32, bool)> = None;
        for block in blocks {
            match block.table {
                Some(pos) => {
                    if let Some((index, true)) = previous
                        && index != pos.index
                    {
                        tables.entry(pos.index).or_default().form = true;
                    }
                    let form = tables.get(&pos.index).is_some_and(|t| t.form);
                    previous = Some((pos.index, form));
                }
                None if matches!(block.kind, BlockKind::Header | BlockKind::Footer) => {}
                None => previous = None,
            }
        }
        let mut rows: FxHashMap<(u32, u32), usize> = FxHashMap::default();
        for (&(index, row, _), cell) in &cells {
            *rows.entry((index, row)).or_default() += 1;
            tables.entry(index).or_default().chars += cell.chars;
        }
        for (&(index, _), &count) in &rows {
            let table = tables.entry(index).or_default();
            if count == 1 {
                table.single_rows += 1;
            } else {
                table.multi_rows += 1;
            }
        }
        Tables {
            cells,
            rows,
            tables,
        }
    }

    fn place(&self, block: &Block) -> Place {
        let Some(pos) = block.table else {
            return Place::Body;
        };
        let cell = self
            .cells
            .get(&(pos.index, pos.row, pos.col))
            .copied()
            .unwrap_or_default();
        let table = self.tables.get(&pos.index).copied().unwrap_or_default();
        if cell.blocks >= 2 && cell.chars >= 200 && cell.chars * 2 >= table.chars {
            return Place::Body;
        }
        // A row of one cell heads a table of several columns, is a box of
        // a one-column table, or a line of a form laid out as a table; in
        // a table most of whose rows have one cell, the other columns are
        // blanks to fill in: those are rows.
        let alone = self.rows.get(&(pos.index, pos.row)).copied() == Some(1);
        let heads = table.form || table.multi_rows == 0 || table.single_rows <= table.multi_rows;
        if alone && heads && cell.blocks == 1 {
            Place::HeadingRow
        } else {
            Place::Cell
        }
    }
}

/// A passage quoted by an amending document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// Open curly quotes minus closed ones.
    Curly(i64),
    /// Straight quotes ('"' or "''"), which do not say which way they
    /// face: the next block with an odd number closes.
    Straight,
}

/// A marker read from a block.
struct Opening {
    kind: Kind,
    letter: Option<char>,
    label: String,
    /// Byte offset of the title in the block's text.
    rest: usize,
    /// Typed in the text, not a Word label.
    typed: bool,
}

/// Reads the blocks in order.
struct Reader<'a> {
    blocks: &'a [Block],
    tables: &'a Tables,
    found: Vec<Found>,
    /// The kinds of each document of the file.
    parts: Vec<Kinds>,
    /// The kinds of the open nodes, outermost first.
    stack: Vec<usize>,
    /// Which kind headings of a Word level were first seen with.
    heading_kinds: Vec<(u32, usize)>,
    /// Unmarked headings of a document with no marker yet: its front
    /// matter, unless it never has one.
    pending: Vec<(Found, Kind)>,
    /// The document has a node with a marker.
    marked: bool,
    /// The last upper-case letter marker ("H." makes "I." a letter).
    last_letter: Option<char>,
    /// Still in the document's opening lines.
    leading: bool,
    /// In the recipients list and signature.
    closing: bool,
    /// Inside a model form.
    form: bool,
    quote: Option<Quote>,
    quoted_blocks: usize,
    /// Blocks before this were taken as a title.
    taken: usize,
}

impl<'a> Reader<'a> {
    fn new(blocks: &'a [Block], tables: &'a Tables) -> Self {
        Reader {
            blocks,
            tables,
            found: Vec::new(),
            parts: vec![Kinds::default()],
            stack: Vec::new(),
            heading_kinds: Vec::new(),
            pending: Vec::new(),
            marked: false,
            last_letter: None,
            leading: true,
            closing: false,
            form: false,
            quote: None,
            quoted_blocks: 0,
            taken: 0,
        }
    }

    fn block(&mut self, index: usize) {
        let block = &self.blocks[index];
        if index < self.taken
            || matches!(
                block.kind,
                BlockKind::Header | BlockKind::Footer | BlockKind::Footnote | BlockKind::Caption
            )
        {
            return;
        }
        let text = block.text.trim();
        if text.is_empty() {
            return;
        }
        if !self.form && is_recipients(text) {
            self.closing = true;
            return;
        }
        let place = self.tables.place(block);
        if place == Place::Cell {
            return;
        }
        if self.quote.is_some() {
            self.in_quote(text);
            return;
        }
        if place == Place::Body && self.opens_quote(text) {
            return;
        }
        if !self.form && place == Place::Body && is_annex_line(text) {
            if self.just_annexed() {
                self.leading = true;
            } else {
                self.new_part();
            }
            return;
        }
        let lead = block.text.len() - block.text.trim_start().len();
        let opening = match block.label.as_deref().map(str::trim) {
            Some(label) if !label.is_empty() => match marker::label(label) {
                Label::Bullet => return,
                Label::Marker(kind, letter) => Some(Opening {
                    kind,
                    letter,
                    label: marker::printed(label),
                    rest: lead,
                    typed: false,
                }),
            },
            _ => marker::at_start(text, block.kind == BlockKind::Heading).map(|found| Opening {
                label: marker::printed(&text[..found.label_end]),
                kind: found.kind,
                letter: found.letter,
                rest: lead + found.end,
                typed: true,
            }),
        };
        if opening.is_none()
            && !self.form
            && place == Place::Body
            && ((self.closing && is_title_line(text)) || (self.marked && is_lone_title(text)))
        {
            self.new_part();
            return;
        }
        let rest = opening.as_ref().map_or(lead, |o| o.rest);
        let taken = match opening {
            Some(opening) => self.marked(index, opening, false),
            None => false,
        };
        if !taken {
            self.unmarked(index, text, place);
        }
        if place == Place::Body && !block.text.is_empty() {
            self.inline(index, rest);
        }
    }

    /// A block opening with a marker. False when the marker is not taken
    /// as one (the file's own title "Phụ lục I", a typed list starting past
    /// its first item before the document's first node), so that the block
    /// is read as text.
    fn marked(&mut self, index: usize, opening: Opening, inline: bool) -> bool {
        let block = &self.blocks[index];
        let kind = self.letter_or_numeral(opening.kind, opening.letter);
        if kind.is_attachment() && self.found.is_empty() {
            return false;
        }
        if self.form {
            let kinds = self.kinds();
            let above_form = match (kinds.index(&kind), kinds.index(&Kind::Form)) {
                (Some(k), Some(form)) => kinds.above(k, form),
                _ => false,
            };
            if kind != Kind::Form && !above_form {
                return true;
            }
            self.form = false;
        }
        if opening.typed
            && !inline
            && !self.marked
            && self.kinds().index(&kind).is_none()
            && !marker::is_first(&kind, &opening.label)
        {
            return false;
        }
        if self.closing {
            if block.text.trim_end().ends_with([';', '；']) {
                return true;
            }
            self.new_part();
        }
        let mut title = title_at(block, opening.rest, &kind);
        if title.is_empty() && kind.is_division() && !inline {
            title = self.next_line_title(index);
        }
        if kind == Kind::UpperLetter {
            self.last_letter = opening.label.chars().next();
        }
        let k = self.enter(&kind);
        if block.kind == BlockKind::Heading && !inline {
            let level = block.level.unwrap_or(1);
            if !self.heading_kinds.iter().any(|(l, _)| *l == level) {
                self.heading_kinds.push((level, k));
            }
        }
        self.leading = false;
        self.marked = true;
        self.pending.clear();
        self.form = kind == Kind::Form;
        self.found.push(Found {
            block: index,
            kind: k,
            label: opening.label,
            title,
            part: self.parts.len() - 1,
        });
        true
    }

    /// A block with no marker: a node if it is a heading past the opening
    /// lines; running text ends the opening lines.
    fn unmarked(&mut self, index: usize, text: &str, place: Place) {
        if self.form || self.closing {
            return;
        }
        let block = &self.blocks[index];
        if block.kind != BlockKind::Heading {
            if self.leading && place == Place::Body && is_running_text(text) {
                self.leading = false;
            }
            return;
        }
        if self.leading || is_title_line(text) || is_sentence(text) {
            return;
        }
        let level = block.level.unwrap_or(1);
        let kind = match self.heading_kinds.iter().find(|(l, _)| *l == level) {
            Some(&(_, k)) => self.kinds().kinds[k].clone(),
            None => Kind::Heading(level),
        };
        let found = Found {
            block: index,
            kind: 0,
            label: String::new(),
            title: clean_title(squeeze(text)),
            part: self.parts.len() - 1,
        };
        if self.marked {
            self.push_unmarked(found, &kind);
        } else {
            self.pending.push((found, kind));
        }
    }

    fn push_unmarked(&mut self, mut found: Found, kind: &Kind) {
        found.kind = self.enter(kind);
        self.found.push(found);
    }

    /// The Chinese markers run into a paragraph after a space, from byte
    /// `from` of the block's text on.
    fn inline(&mut self, index: usize, from: usize) {
        let block = &self.blocks[index];
        // Only Chinese text runs its items together this way.
        if !matches!(block.lang, crate::model::Lang::Zh | crate::model::Lang::Und) {
            return;
        }
        let text = block.text.as_str();
        let Some(tail) = text.get(from..) else {
            return;
        };
        if !tail.chars().any(is_cjk) {
            return;
        }
        let starts: Vec<usize> = INLINE_MARKER
            .captures_iter(tail)
            .filter_map(|caps| {
                let space = caps.get(0)?;
                let marker = caps.get(1)?;
                let before = tail[..space.start()].chars().next_back()?;
                (!before.is_ascii_alphanumeric()).then_some(from + marker.start())
            })
            .collect();
        for start in starts {
            if self.form || self.closing || self.quote.is_some() {
                return;
            }
            let Some(found) = text.get(start..).and_then(|s| marker::at_start(s, false)) else {
                continue;
            };
            let opening = Opening {
                label: marker::printed(&text[start..start + found.label_end]),
                kind: found.kind,
                letter: None,
                rest: start + found.end,
                typed: true,
            };
            self.marked(index, opening, true);
        }
    }

    /// "I." after "H." is a letter; otherwise a Roman numeral.
    fn letter_or_numeral(&self, kind: Kind, letter: Option<char>) -> Kind {
        let (Kind::Roman, Some(c), Some(last)) = (&kind, letter, self.last_letter) else {
            return kind;
        };
        let before = match c {
            'I' => "H",
            'V' => "U",
            'X' => "VW",
            'L' => "K",
            'C' => "B",
            _ => "",
        };
        let letters_open = self
            .kinds()
            .index(&Kind::UpperLetter)
            .is_some_and(|k| self.stack.contains(&k));
        if before.contains(last) && letters_open {
            Kind::UpperLetter
        } else {
            kind
        }
    }

    fn kinds(&self) -> &Kinds {
        self.parts.last().expect("a reader always has a document")
    }

    /// Opens a node of `kind`: closes the open nodes it does not go
    /// under, and notes what it went under. Returns the kind's index.
    fn enter(&mut self, kind: &Kind) -> usize {
        let kinds = self
            .parts
            .last_mut()
            .expect("a reader always has a document");
        let k = kinds.add(kind);
        while let Some(&open) = self.stack.last() {
            if open == k {
                self.stack.pop();
                break;
            }
            if !kinds.closes(k, open) {
                break;
            }
            self.stack.pop();
        }
        if let Some(&parent) = self.stack.last() {
            kinds.put_under(parent, k);
        }
        self.stack.push(k);
        k
    }

    /// Whether the last node is an annex heading its own document, whose
    /// "(Ban hành kèm theo …)" line follows.
    fn just_annexed(&self) -> bool {
        self.found.last().is_some_and(|found| {
            found.part + 1 == self.parts.len() && self.kinds().kinds[found.kind] == Kind::Annex
        })
    }

    /// Starts the next document of the file.
    fn new_part(&mut self) {
        if !self.marked {
            for (found, kind) in std::mem::take(&mut self.pending) {
                self.push_unmarked(found, &kind);
            }
        }
        if self
            .parts
            .last()
            .is_some_and(|kinds| !kinds.kinds.is_empty())
        {
            self.parts.push(Kinds::default());
        }
        self.stack.clear();
        self.heading_kinds.clear();
        self.pending.clear();
        self.marked = false;
        self.last_letter = None;
        self.leading = true;
        self.closing = false;
        self.form = false;
    }

    /// Starts a quoted passage if `text` opens one.
    fn opens_quote(&mut self, text: &str) -> bool {
        let quote = if text.starts_with('“') {
            let open = curly_balance(text);
            (open > 0).then_some(Quote::Curly(open))
        } else if text.starts_with('"') || text.starts_with("''") {
            (straight_quotes(text) % 2 == 1).then_some(Quote::Straight)
        } else {
            None
        };
        self.quote = quote;
        self.quoted_blocks = 0;
        quote.is_some()
    }

    fn in_quote(&mut self, text: &str) {
        self.quoted_blocks += 1;
        let still = match self.quote {
            Some(Quote::Curly(open)) => {
                let open = open + curly_balance(text);
                (open > 0).then_some(Quote::Curly(open))
            }
            Some(Quote::Straight) => {
                let closed = straight_quotes(text) % 2 == 1 || text.contains('”');
                (!closed).then_some(Quote::Straight)
            }
            None => None,
        };
        self.quote = still.filter(|_| self.quoted_blocks < MAX_QUOTED_BLOCKS);
    }

    /// The title of a division alone on its line: the next line, with the
    /// lines in capitals that continue it. Marks them taken.
    fn next_line_title(&mut self, index: usize) -> String {
        let mut title = String::new();
        let mut next = index + 1;
        let mut lines = 0;
        while let Some(block) = self.blocks.get(next) {
            if matches!(
                block.kind,
                BlockKind::Header | BlockKind::Footer | BlockKind::Footnote
            ) {
                next += 1;
                continue;
            }
            let text = block.text.trim();
            let chars = text.chars().count();
            let fits = matches!(block.kind, BlockKind::Heading | BlockKind::Paragraph)
                && block.label.is_none()
                && self.tables.place(block) == Place::Body
                && !text.is_empty()
                && marker::at_start(text, true).is_none()
                && !text.ends_with([';', ',', '；', '，'])
                && !is_recipients(text)
                && !is_annex_line(text);
            if !fits {
                break;
            }
            if lines == 0 {
                if chars > MAX_NEXT_LINE_TITLE_CHARS {
                    break;
                }
            } else if !(in_capitals(&title) && in_capitals(text) && chars <= MAX_TITLE_CHARS) {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(&squeeze(text));
            self.taken = next + 1;
            lines += 1;
            if lines == 3 {
                break;
            }
            next += 1;
        }
        clean_title(title)
    }

    /// The nodes as a tree: each document's nodes in order, each under the
    /// nearest node before it of a higher level.
    fn finish(mut self) -> Vec<OutlineNode> {
        if !self.marked {
            for (found, kind) in std::mem::take(&mut self.pending) {
                self.push_unmarked(found, &kind);
            }
        }
        let levels: Vec<Vec<u32>> = self.parts.iter().map(Kinds::levels).collect();
        let mut roots = Vec::new();
        let mut open: Vec<OutlineNode> = Vec::new();
        let mut part = 0;
        for found in self.found {
            let level = levels
                .get(found.part)
                .and_then(|levels| levels.get(found.kind))
                .copied()
                .unwrap_or(1);
            if found.part != part {
                close(&mut open, &mut roots, 0);
                part = found.part;
            }
            close(&mut open, &mut roots, level);
            open.push(OutlineNode {
                label: found.label,
                title: found.title,
                level,
                block: found.block,
                children: Vec::new(),
            });
        }
        close(&mut open, &mut roots, 0);
        roots
    }
}

/// Closes the open nodes of `level` and below (all of them for 0), each
/// going under the node open above it.
fn close(open: &mut Vec<OutlineNode>, roots: &mut Vec<OutlineNode>, level: u32) {
    while open.last().is_some_and(|node| node.level >= level) {
        let Some(node) = open.pop() else { break };
        match open.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    }
}

static RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:nơi\s+nhận\s*[:：]|抄\s*送\s*[:：])")
        .expect("the recipients pattern is valid")
});

/// "Nơi nhận:" (alone, with the list, or at the end of the last paragraph
/// as PDF text runs them together), "抄送：".
fn is_recipients(text: &str) -> bool {
    // Every block comes here: the pattern is searched only where its
    // first char ((?i) folds "n" only to "N") stands.
    (text.starts_with(['n', 'N', '抄']) && RECIPIENTS.is_match(text))
        || ends_with_recipients_label(text)
}

/// Whether `text` ends with "nơi nhận:" in any case, without lower-casing
/// the whole block.
fn ends_with_recipients_label(text: &str) -> bool {
    const LABEL: &str = "nơi nhận:";
    // Only ':' lower-cases to ':': most blocks end otherwise.
    if !text.ends_with(':') {
        return false;
    }
    let tail_start = text
        .char_indices()
        .rev()
        .nth(LABEL.chars().count() - 1)
        .map_or(0, |(at, _)| at);
    text[tail_start..].to_lowercase() == LABEL
}

static ANNEX_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[(（]\s*(?:(?:được\s+)?ban\s+hành\s+(?:kèm\s+)?theo|kèm\s+theo)\s|附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*$)",
    )
    .expect("the annex pattern is valid")
});

/// The line that introduces an attached document: "(Ban hành kèm theo
/// Quyết định số …)", "(Kèm theo Nghị định …)", "附件", "附件2"; on one of
/// the block's first lines.
fn is_annex_line(text: &str) -> bool {
    text.lines().take(3).any(|line| {
        let line = line.trim();
        // The pattern's first chars, which have no case.
        line.starts_with(['(', '（', '附']) && ANNEX_LINE.is_match(line)
    })
}

/// A document's title line: "KẾ HOẠCH", "QUYẾT ĐỊNH:", "QUY CHẾ …", or a
/// short Chinese line ending in 通知, 方案, 计划….
fn is_title_line(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("").trim();
    let types = DocTypes::shipped();
    if types.vietnamese_title(line).is_some() {
        return true;
    }
    // The shipped Chinese type words are in CJK ideographs (see
    // `tests::chinese_type_words_are_cjk`): a line ending otherwise, as
    // Vietnamese lines do, needs no look through them.
    ends_in_cjk(line)
        && line.chars().count() <= 60
        && !line.ends_with('。')
        && types
            .chinese_title_end(line)
            .is_some_and(|(_, word)| word.chars().count() >= 2)
}

/// Whether `line` ends in a CJK ideograph, leaving out what
/// [`DocTypes::chinese_title_end`] trims: spaces, "。" and ".".
fn ends_in_cjk(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || "。.".contains(c))
        .chars()
        .next_back()
        .is_some_and(is_cjk)
}

/// A type word alone on its line in capitals ("QUY CHẾ", "KẾ HOẠCH"): the
/// title of an attached document, unlike "QUYẾT ĐỊNH:" that enacts.
fn is_lone_title(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("").trim();
    in_capitals(line)
        && DocTypes::shipped()
            .vietnamese_title(line)
            .is_some_and(|(_, word)| word.len() == line.len())
}

/// A paragraph of running text, which ends a document's opening lines
/// (unlike the motto, the issuer, the title and subject lines).
fn is_running_text(text: &str) -> bool {
    // The title lookup last: it costs the most.
    (text.ends_with(['.', ';', ':', '!', '?', '。', '；', '：', '！', '？'])
        || text.chars().count() >= 120)
        && !is_title_line(text)
}

/// A "heading" that is a whole sentence: a paragraph in a heading style.
fn is_sentence(text: &str) -> bool {
    text.chars().count() > 30 && text.ends_with(['.', ';', '。', '；', '!', '?', '！', '？'])
}

/// Whether `text` lower-cased starts with `prefix` (lower case), without
/// lower-casing more of `text` than the prefix can come from: every char
/// lower-cases to one char or more.
fn starts_with_lowercase(text: &str, prefix: &str) -> bool {
    let head: String = text
        .chars()
        .take(prefix.chars().count())
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with(prefix)
}

/// Open minus closed curly double quotes.
fn curly_balance(text: &str) -> i64 {
    text.chars().fold(0, |n, c| match c {
        '“' => n + 1,
        '”' => n - 1,
        _ => n,
    })
}

/// Straight double quotes, '"' or "''".
fn straight_quotes(text: &str) -> usize {
    text.matches('"').count() + text.matches("''").count()
}

/// The title that starts at byte `start` of the block's text: the rest of
/// its first sentence on its first line (lines in capitals continue it).
fn title_at(block: &Block, start: usize, kind: &Kind) -> String {
    let text = block.text.as_str();
    let Some(rest) = text.get(start..) else {
        return String::new();
    };
    let mut skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—:：.,，".contains(c))
            .len();
    if *kind == Kind::Annex {
        skipped += annex_qualifier(&rest[skipped..]);
    }
    let start = start + skipped;
    let rest = &text[start..];
    let start_char = text[..start].chars().count();
    let sentence = block
        .sentences
        .iter()
        .filter(|span| span.end > start_char && span.start <= span.end)
        .find_map(|span| {
            let end = byte_at(text, span.end);
            text.get(start..end)
                .filter(|s| !s.trim().is_empty())
                .map(|_| end)
        })
        .unwrap_or_else(|| start + sentence_end(rest));
    let end = sentence.min(start + lines_end(rest));
    clean_title(squeeze(text.get(start..end).unwrap_or(rest)))
}

/// The length of an annex's qualifier "（资料性附录）" that stands before
/// its title, with the spaces after it.
fn annex_qualifier(text: &str) -> usize {
    let Some(close) = text
        .starts_with(['（', '('])
        .then(|| text.find(['）', ')']))
        .flatten()
    else {
        return 0;
    };
    let after = close + text[close..].chars().next().map_or(0, char::len_utf8);
    let rest = &text[after..];
    if rest.trim().is_empty() {
        return 0;
    }
    after + (rest.len() - rest.trim_start().len())
}

/// Where the first line of `text` ends (bytes), the lines that continue a
/// first line in capitals included.
fn lines_end(text: &str) -> usize {
    let mut end = 0;
    let mut previous: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(previous) = previous
            && !(in_capitals(previous) && in_capitals(trimmed))
        {
            break;
        }
        end += line.len();
        previous = Some(trimmed);
    }
    text[..end].trim_end().len()
}

/// The byte offset of char `index` of `text` (its length past the end).
fn byte_at(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(byte, _)| byte)
}

/// Where the first sentence of `text` ends (bytes), for blocks not yet
/// split into sentences.
fn sentence_end(text: &str) -> usize {
    let mut chars = text.char_indices().peekable();
    let mut before = ' ';
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        if "。！？".contains(c) {
            return end;
        }
        if ".!?".contains(c)
            && !before.is_ascii_digit()
            && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
        {
            return end;
        }
        before = c;
    }
    text.len()
}

static INLINE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s+([一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、])\p{Han}",
    )
    .expect("the inline marker pattern is valid")
});

/// A title without closing punctuation, cut before a Chinese item run
/// into it ("减少先天残疾 1.全面开展…") and to at most 120 chars at a word
/// boundary.
fn clean_title(title: String) -> String {
    let (start, end) = title_span(&title);
    match (start, end) {
        // Most titles are kept whole: no new string then.
        (0, end) if end == title.len() => title,
        (0, end) => {
            let mut title = title;
            title.truncate(end);
            title
        }
        _ => title[start..end].to_string(),
    }
}

/// The byte span of `title` that [`clean_title`] keeps.
fn title_span(title: &str) -> (usize, usize) {
    let start = title.len() - title.trim_start().len();
    let mut title = title[start..].trim_end();
    if title.chars().any(is_cjk)
        && let Some(m) = INLINE_MARKER.find(title)
    {
        title = &title[..m.start()];
    }
    let title = strip_closing(title);
    // No more chars than bytes: short titles need no count.
    if title.len() <= MAX_TITLE_CHARS || title.chars().count() <= MAX_TITLE_CHARS {
        return (start, start + title.len());
    }
    let cut = &title[..byte_at(title, MAX_TITLE_CHARS)];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if cut[..space].chars().count() >= MAX_TITLE_CHARS / 2 => &cut[..space],
        _ => cut,
    };
    (start, start + strip_closing(cut).len())
}

fn strip_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || ".:;,/。：；，、".contains(c))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, TablePos};

    fn para(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, text)
    }

    fn heading(level: u32, text: &str) -> Block {
        Block::new(BlockKind::Heading, text).with_level(level)
    }

    fn labelled(kind: BlockKind, label: &str, text: &str) -> Block {
        let mut block = Block::new(kind, text);
        block.label = Some(label.into());
        block
    }

    fn cell(index: u32, row: u32, col: u32, text: &str) -> Block {
        Block::new(BlockKind::TableCell, text).with_table(TablePos { index, row, col })
    }

    /// (level, label, title, block) in document order.
    fn flat(nodes: &[OutlineNode]) -> Vec<(u32, String, String, usize)> {
        let mut out = Vec::new();
        for node in nodes {
            out.push((
                node.level,
                node.label.clone(),
                node.title.clone(),
                node.block,
            ));
            out.extend(flat(&node.children));
        }
        out
    }

    fn summary(blocks: &[Block]) -> Vec<(u32, String, String)> {
        flat(&build(blocks))
            .into_iter()
            .map(|(level, label, title, _)| (level, label, title))
            .collect()
    }

    fn node(level: u32, label: &str, title: &str) -> (u32, String, String) {
        (level, label.into(), title.into())
    }

    fn plan_opening() -> Vec<Block> {
        vec![
            cell(0, 0, 0, "ỦY BAN NHÂN DÂN\nTỈNH SƠN HÀ"),
            cell(
                0,
                0,
                1,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            ),
            cell(0, 1, 0, "Số: 45/KH-UBND"),
            cell(0, 1, 1, "Sơn Hà, ngày 02 tháng 3 năm 2025"),
            heading(1, "KẾ HOẠCH"),
            heading(2, "Chăm sóc sức khỏe bà mẹ, trẻ em năm 2025"),
            para("Căn cứ Chiến lược Dân số Việt Nam đến năm 2030;"),
        ]
    }

    #[test]
    fn a_vietnamese_plan_with_typed_markers() {
        let mut blocks = plan_opening();
        blocks.extend([
            para("I. MỤC ĐÍCH, YÊU CẦU"),
            para("1. Mục đích"),
            para("a) Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống;"),
            para("b) Tăng tỷ lệ khám thai. Bảo đảm đủ 4 lần trong thai kỳ."),
            para("2. Yêu cầu:"),
            para("- Các hoạt động được triển khai đồng bộ;"),
            para("1.1. Ở tuyến tỉnh"),
            para("II. TỔ CHỨC THỰC HIỆN"),
            para("1. Sở Y tế chủ trì, hướng dẫn."),
            para("Trên đây là Kế hoạch./."),
            cell(1, 0, 0, "Nơi nhận:\n- Bộ Y tế;\n- Lưu: VT."),
            cell(1, 0, 1, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
        ]);
        assert_eq!(
            summary(&blocks),
            [
                node(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                node(2, "1.", "Mục đích"),
                node(
                    3,
                    "a)",
                    "Giảm tỷ số tử vong mẹ xuống dưới 40/100.000 trẻ đẻ sống"
                ),
                node(3, "b)", "Tăng tỷ lệ khám thai"),
                node(2, "2.", "Yêu cầu"),
                // Never seen with "a)" one under the other: the same level.
                node(3, "1.1.", "Ở tuyến tỉnh"),
                node(1, "II.", "TỔ CHỨC THỰC HIỆN"),
                node(2, "1.", "Sở Y tế chủ trì, hướng dẫn"),
            ]
        );
        let tree = build(&blocks);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].block, 7);
        assert_eq!(tree[0].children.len(), 2);
        assert_eq!(tree[0].children[0].children.len(), 2);
        assert_eq!(tree[0].children[1].children[0].label, "1.1.");
    }

    #[test]
    fn an_older_circular_opens_with_capital_letters() {
        let blocks = vec![
            para("A - NHỮNG QUY ĐỊNH CHUNG"),
            para("I/ PHẠM VI ÁP DỤNG"),
            para("1- Tổ chức, cá nhân in hoá đơn."),
            para("a- Hoá đơn bán hàng."),
            para("II/ GIẢI THÍCH TỪ NGỮ"),
            para("B - NHỮNG QUY ĐỊNH CỤ THỂ"),
            para("I/ IN HOÁ ĐƠN"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "A -", "NHỮNG QUY ĐỊNH CHUNG"),
                node(2, "I/", "PHẠM VI ÁP DỤNG"),
                node(3, "1-", "Tổ chức, cá nhân in hoá đơn"),
                node(4, "a-", "Hoá đơn bán hàng"),
                node(2, "II/", "GIẢI THÍCH TỪ NGỮ"),
                node(1, "B -", "NHỮNG QUY ĐỊNH CỤ THỂ"),
                node(2, "I/", "IN HOÁ ĐƠN"),
            ]
        );
    }

    #[test]
    fn a_vietnamese_plan_with_word_labels() {
        let mut blocks = plan_opening();
        blocks.extend([
            labelled(BlockKind::Heading, "I.", "MỤC ĐÍCH, YÊU CẦU").with_level(1),
            labelled(BlockKind::Heading, "1.", "Mục đích").with_level(2),
            labelled(BlockKind::ListItem, "a)", "Giảm tỷ số tử vong mẹ;").with_level(1),
            labelled(BlockKind::ListItem, "•", "Ưu tiên vùng khó khăn:").with_level(2),
            labelled(BlockKind::ListItem, "b)", "Tăng tỷ lệ khám thai.").with_level(1),
            heading(1, "THEO DÕI, ĐÁNH GIÁ"),
            labelled(BlockKind::Heading, "II.", "TỔ CHỨC THỰC HIỆN").with_level(1),
            labelled(BlockKind::ListItem, "-", "Sở Y tế chủ trì;").with_level(1),
            Block::new(BlockKind::Footer, "Trang 1"),
            labelled(BlockKind::Footnote, "1", "Quyết định số 1679/QĐ-TTg."),
        ]);
        assert_eq!(
            summary(&blocks),
            [
                node(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                node(2, "1.", "Mục đích"),
                node(3, "a)", "Giảm tỷ số tử vong mẹ"),
                node(3, "b)", "Tăng tỷ lệ khám thai"),
                // A heading with no marker at the Word level of "I.".
                node(1, "", "THEO DÕI, ĐÁNH GIÁ"),
                node(1, "II.", "TỔ CHỨC THỰC HIỆN"),
            ]
        );
    }

    #[test]
    fn a_decree() {
        let blocks = vec![
            cell(0, 0, 0, "CHÍNH PHỦ\nSố: 30/2020/NĐ-CP"),
            cell(0, 0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            para("NGHỊ ĐỊNH"),
            heading(3, "Về công tác văn thư"),
            para("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"),
            heading(8, "Chương I"),
            para("QUY ĐỊNH CHUNG"),
            para("Điều 1. Phạm vi điều chỉnh"),
            para("Nghị định này quy định về công tác văn thư."),
            para("Điều 2. Đối tượng áp dụng"),
            para("1. Nghị định này áp dụng đối với cơ quan, tổ chức nhà nước."),
            para("a) Cơ quan nhà nước;"),
            para("đ) Doanh nghiệp nhà nước."),
            para("Chương II"),
            para("SOẠN THẢO, KÝ BAN HÀNH\nVĂN BẢN HÀNH CHÍNH"),
            para("Mục 1"),
            para("THỂ THỨC VĂN BẢN"),
            para("Điều 7: Các loại văn bản hành chính"),
            para("Phần thứ nhất bao gồm từ “Kính gửi”, sau đó là tên các cơ quan."),
            para("Điều 8. Thể thức văn bản"),
            cell(1, 0, 0, "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;"),
            cell(1, 0, 1, "TM. CHÍNH PHỦ\nTHỦ TƯỚNG"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "Chương I", "QUY ĐỊNH CHUNG"),
                node(3, "Điều 1.", "Phạm vi điều chỉnh"),
                node(3, "Điều 2.", "Đối tượng áp dụng"),
                node(
                    4,
                    "1.",
                    "Nghị định này áp dụng đối với cơ quan, tổ chức nhà nước"
                ),
                node(5, "a)", "Cơ quan nhà nước"),
                node(5, "đ)", "Doanh nghiệp nhà nước"),
                node(1, "Chương II", "SOẠN THẢO, KÝ BAN HÀNH VĂN BẢN HÀNH CHÍNH"),
                node(2, "Mục 1", "THỂ THỨC VĂN BẢN"),
                node(3, "Điều 7:", "Các loại văn bản hành chính"),
                node(3, "Điều 8.", "Thể thức văn bản"),
            ]
        );
        let tree = build(&blocks);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].block, 5);
        assert_eq!(tree[1].children[0].children.len(), 2);
    }

    #[test]
    fn a_decision_and_the_plan_it_issues_are_two_documents() {
        let blocks = vec![
            para("QUYẾT ĐỊNH"),
            para("Căn cứ Luật Tổ chức chính quyền địa phương;"),
            para("QUYẾT ĐỊNH:"),
            para("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện."),
            para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            cell(0, 0, 0, "Nơi nhận:\n- Như Điều 2;"),
            cell(0, 0, 1, "TM. ỦY BAN NHÂN DÂN"),
            para("KẾ HOẠCH"),
            para("Thực hiện Chương trình mục tiêu"),
            para("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 15/8/2006)"),
            para("I. MỤC TIÊU"),
            para("1. Mục tiêu chung: Duy trì mức sinh thay thế."),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(
                    1,
                    "Điều 1.",
                    "Ban hành kèm theo Quyết định này Kế hoạch thực hiện"
                ),
                node(1, "Điều 2.", "Quyết định này có hiệu lực kể từ ngày ký"),
                node(1, "I.", "MỤC TIÊU"),
                node(2, "1.", "Mục tiêu chung: Duy trì mức sinh thay thế"),
            ]
        );
    }

    #[test]
    fn a_chinese_plan() {
        let mut chinese = para("（一）加强组织领导。成立县出生缺陷综合防治工作领导小组。");
        chinese.sentences = vec![Span { start: 0, end: 10 }, Span { start: 10, end: 28 }];
        let blocks = vec![
            heading(1, "××县2025年出生缺陷综合防治工作实施方案"),
            para("为进一步落实出生缺陷三级预防措施，制定本方案。"),
            heading(1, "一、工作目标"),
            para("到2025年底，全县婚前医学检查率达到75%以上。"),
            heading(1, "二、主要措施"),
            para("（一）加强一级预防，减少出生缺陷发生 1.推进婚前孕前保健。"),
            para("1. 组织开展“健康科普进万家”活动，全年开展讲座。"),
            para("（1）孕产妇死亡率控制在10/10万以下："),
            para("①早孕建册率达到92%；"),
            para("2、加强宣传"),
            heading(1, "三、保障措施"),
            chinese,
            para("2025年3月12日"),
            para("附件：2025年工作任务分解表"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "一、", "工作目标"),
                node(1, "二、", "主要措施"),
                node(2, "（一）", "加强一级预防，减少出生缺陷发生"),
                // Run into the paragraph after a space, as PDF text does.
                node(3, "1.", "推进婚前孕前保健"),
                node(3, "1.", "组织开展“健康科普进万家”活动，全年开展讲座"),
                node(4, "（1）", "孕产妇死亡率控制在10/10万以下"),
                node(5, "①", "早孕建册率达到92%"),
                node(3, "2、", "加强宣传"),
                node(1, "三、", "保障措施"),
                node(2, "（一）", "加强组织领导"),
            ]
        );
    }

    #[test]
    fn a_chinese_regulation() {
        let blocks = vec![
            para("××市计划生育服务管理办法"),
            para("第一章 总则"),
            para("第一条 为了规范计划生育服务管理工作，制定本办法。"),
            para("第二条 本办法适用于本市行政区域。"),
            para("第二章 服务管理"),
            para("第一节 生育登记"),
            para("第三条 生育登记实行网上办理。"),
            para("（一）夫妻双方身份证明；"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "第一章", "总则"),
                node(3, "第一条", "为了规范计划生育服务管理工作，制定本办法"),
                node(3, "第二条", "本办法适用于本市行政区域"),
                node(1, "第二章", "服务管理"),
                node(2, "第一节", "生育登记"),
                node(3, "第三条", "生育登记实行网上办理"),
                node(4, "（一）", "夫妻双方身份证明"),
            ]
        );
    }

    #[test]
    fn chinese_type_words_are_cjk() {
        // `is_title_line` looks for a Chinese type word only at a line
        // ending in a CJK ideograph.
        let rules = include_str!("../../rules/document-types.tsv");
        let words: Vec<&str> = rules
            .lines()
            .filter_map(|line| line.strip_prefix("zh\tword\t"))
            .filter_map(|rest| rest.split('\t').next())
            .collect();
        assert!(words.len() > 10);
        for word in words {
            assert!(word.chars().all(is_cjk), "{word}");
        }
    }

    #[test]
    fn numbers_that_start_sentences_are_not_markers() {
        let mut blocks = plan_opening();
        blocks.extend([
            para("I. TÌNH HÌNH CHUNG"),
            para("2025 là năm cuối thực hiện Kế hoạch 5 năm."),
            para("1.250 người cao tuổi được khám sức khỏe định kỳ."),
            para("30/2020/NĐ-CP quy định về công tác văn thư."),
            para("2.5 triệu lượt người được tư vấn."),
            para("12 trên 15 xã duy trì câu lạc bộ."),
            para("2.318 trẻ được sinh ra."),
            para("Mục tiêu chung là giảm tỷ số giới tính khi sinh."),
            para("Chương trình mục tiêu được triển khai."),
            para("Điều 3 Luật Người cao tuổi quy định."),
            para("II. MỤC TIÊU"),
        ]);
        assert_eq!(
            summary(&blocks),
            [node(1, "I.", "TÌNH HÌNH CHUNG"), node(1, "II.", "MỤC TIÊU")]
        );
    }

    #[test]
    fn bullets_are_left_out() {
        let mut blocks = plan_opening();
        blocks.extend([
            para("I. NỘI DUNG"),
            para("- Tổ chức tiêm chủng thường xuyên;"),
            para("+ Tại trạm y tế xã;"),
            para("• Tại điểm tiêm lưu động;"),
            para("✓ Đã có hướng dẫn chuyên môn."),
            labelled(BlockKind::ListItem, "▪", "Tăng cường kiểm tra."),
            labelled(BlockKind::ListItem, "o", "Báo cáo kết quả."),
            labelled(BlockKind::ListItem, "-", "1. Sở Y tế."),
            para("1. Truyền thông"),
        ]);
        assert_eq!(
            summary(&blocks),
            [node(1, "I.", "NỘI DUNG"), node(2, "1.", "Truyền thông")]
        );
    }

    #[test]
    fn tables_count_only_heading_rows_and_layout_cells() {
        let mut blocks = plan_opening();
        blocks.extend([
            para("I. CHỈ TIÊU"),
            cell(1, 0, 0, "STT"),
            cell(1, 0, 1, "Chỉ tiêu"),
            cell(1, 1, 0, "1."),
            cell(1, 1, 1, "Phụ nữ mang thai được khám thai"),
            cell(1, 2, 0, "1. Nhóm chỉ tiêu về dân số"),
            cell(1, 3, 0, "2."),
            cell(1, 3, 1, "a) Trẻ sơ sinh được sàng lọc"),
        ]);
        assert_eq!(
            summary(&blocks),
            [
                node(1, "I.", "CHỈ TIÊU"),
                node(2, "1.", "Nhóm chỉ tiêu về dân số")
            ]
        );
        let long = "Nội dung hoạt động được triển khai đồng bộ tại tất cả các xã, phường, thị trấn trên địa bàn tỉnh trong năm 2025.";
        let layout = vec![
            cell(0, 0, 0, "Trang chủ"),
            cell(0, 0, 1, "Kế hoạch truyền thông năm 2025"),
            cell(0, 0, 1, long),
            cell(0, 0, 1, "一、工作目标：提升居民健康素养水平。"),
            cell(0, 0, 1, long),
        ];
        assert_eq!(
            summary(&layout),
            [node(1, "一、", "工作目标：提升居民健康素养水平")]
        );
    }

    #[test]
    fn quoted_amendments_are_left_out() {
        let blocks = vec![
            para("THÔNG TƯ"),
            para("Căn cứ Luật Ban hành văn bản quy phạm pháp luật;"),
            para("Điều 1. Sửa đổi, bổ sung một số điều"),
            para("1. Bổ sung Điều 2a vào sau Điều 2 như sau:"),
            para("“Điều 2a. Phân cấp giải quyết thủ tục hành chính"),
            para("1. Cơ sở khám bệnh, chữa bệnh trực thuộc Bộ Y tế;"),
            para("2. Bệnh viện tư nhân.”."),
            para("2. Bãi bỏ Điều 3."),
            para("“12. Thành lập đoàn thẩm định.”"),
            para("Điều 2. Hiệu lực thi hành"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "Điều 1.", "Sửa đổi, bổ sung một số điều"),
                node(2, "1.", "Bổ sung Điều 2a vào sau Điều 2 như sau"),
                node(2, "2.", "Bãi bỏ Điều 3"),
                node(1, "Điều 2.", "Hiệu lực thi hành"),
            ]
        );
    }

    #[test]
    fn the_contents_of_model_forms_are_left_out() {
        let blocks = vec![
            para("Phụ lục III"),
            para("(Kèm theo Nghị định số 30/2020/NĐ-CP)"),
            para("I. BẢNG CHỮ VIẾT TẮT"),
            para("II. MẪU TRÌNH BÀY VĂN BẢN"),
            para("1. Mẫu trình bày văn bản hành chính"),
            para("Mẫu 1.1 - Nghị quyết (cá biệt)"),
            para("NGHỊ QUYẾT"),
            para("Điều 1. Ban hành (Phê duyệt) kèm theo Nghị quyết này."),
            para("(Kèm theo Quyết định số … /QĐ- …)"),
            para("Nơi nhận:"),
            para("Mẫu 1.2 - Quyết định (cá biệt)"),
            para("Điều 1............"),
            para("2. Mẫu trình bày phụ lục"),
            para("Mẫu 2.1 - Phụ lục văn bản hành chính giấy"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "I.", "BẢNG CHỮ VIẾT TẮT"),
                node(1, "II.", "MẪU TRÌNH BÀY VĂN BẢN"),
                node(2, "1.", "Mẫu trình bày văn bản hành chính"),
                node(3, "Mẫu 1.1", "Nghị quyết (cá biệt)"),
                node(3, "Mẫu 1.2", "Quyết định (cá biệt)"),
                node(2, "2.", "Mẫu trình bày phụ lục"),
                node(3, "Mẫu 2.1", "Phụ lục văn bản hành chính giấy"),
            ]
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word_within_120_chars() {
        let long = format!(
            "a) {}",
            "Văn bản của cơ quan, tổ chức phải được soạn thảo ".repeat(6)
        );
        let blocks = vec![para("I. YÊU CẦU"), para(&long)];
        let nodes = summary(&blocks);
        let title = &nodes[1].2;
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert!(title.chars().count() >= 100, "{title}");
        assert!(title.starts_with("Văn bản của cơ quan"));
        assert!(!title.ends_with(' '));
    }

    #[test]
    fn no_panic_on_odd_input() {
        let mut odd = para("1. ");
        odd.sentences = vec![Span { start: 40, end: 2 }, Span { start: 0, end: 999 }];
        let mut wide = para("一、标题。正文");
        wide.sentences = vec![Span { start: 0, end: 1 }, Span { start: 1, end: 3 }];
        let blocks = vec![
            para("Chương I"),
            odd,
            wide,
            para("（"),
            para("第"),
            para("Điều"),
            para("Mẫu 1"),
            para("“"),
            para("I."),
            labelled(BlockKind::Paragraph, "  ", "Chương II"),
            heading(2, "Tiểu mục 1"),
            para("附　录　A （资料性附录）"),
            para("Một là,"),
            para("\"1. \"\"\""),
            para("''"),
            para("II"),
            para("1.1.1.1.1.1.1. Quá sâu"),
            para("PHỤ LỤC"),
            para("（一） 1.推进 2.加强 （二）"),
            para("Nơi nhận:"),
            para("1. Bộ Y tế;"),
            cell(9, 0, 0, "1. Một ô"),
            cell(9, 0, 0, "2. Hai khối"),
        ];
        let nodes = summary(&blocks);
        assert_eq!(nodes[0].1, "Chương I");
        assert!(nodes.iter().any(|n| n.1 == "一、"));
        assert!(build(&[]).is_empty());
        let lone = [heading(1, "Tiêu đề")];
        assert!(build(&lone).is_empty());
    }

    #[test]
    fn kinds_never_seen_nested_share_a_level() {
        let blocks = vec![
            para("××标准编制说明"),
            para("本标准来源于国家能源局下达的计划。"),
            para("一、任务来源"),
            para("二、编制过程"),
            para("1、征求意见稿"),
            para("2、送审稿"),
            para("三、主要技术内容"),
            labelled(BlockKind::ListItem, "1）", "引入差异项定义"),
            labelled(BlockKind::ListItem, "2）", "确定评价范围"),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "一、", "任务来源"),
                node(1, "二、", "编制过程"),
                node(2, "1、", "征求意见稿"),
                node(2, "2、", "送审稿"),
                node(1, "三、", "主要技术内容"),
                node(2, "1）", "引入差异项定义"),
                node(2, "2）", "确定评价范围"),
            ]
        );
    }

    #[test]
    fn a_kind_seen_under_a_deeper_kind_is_deeper_everywhere() {
        let blocks = vec![
            para("Căn cứ Quyết định số 136/2001/QĐ-TTg;"),
            para("I- ĐÁNH GIÁ KẾT QUẢ"),
            para("1. Những kết quả đạt được:"),
            para("II/ NỘI DUNG"),
            para("A. NỘI DUNG TỪ NAY ĐẾN NĂM 2010:"),
            para("1- Cải cách thể chế:"),
            para("1.1. Rà soát văn bản."),
            para("5.1.1. Tiếp tục triển khai."),
            para("III. KIẾN NGHỊ"),
            para("Một là, nhanh chóng triển khai kế hoạch đầu tư."),
            para("(1). Tiếp tục thực hiện chỉ thị 29/2003/CT-TTg."),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "I-", "ĐÁNH GIÁ KẾT QUẢ"),
                // Level 3 although no "A." stands between: "1." is seen
                // under "A." elsewhere.
                node(3, "1.", "Những kết quả đạt được"),
                node(1, "II/", "NỘI DUNG"),
                node(2, "A.", "NỘI DUNG TỪ NAY ĐẾN NĂM 2010"),
                node(3, "1-", "Cải cách thể chế"),
                node(4, "1.1.", "Rà soát văn bản"),
                node(5, "5.1.1.", "Tiếp tục triển khai"),
                node(1, "III.", "KIẾN NGHỊ"),
                node(3, "Một là", "nhanh chóng triển khai kế hoạch đầu tư"),
                node(4, "(1).", "Tiếp tục thực hiện chỉ thị 29/2003/CT-TTg"),
            ]
        );
    }

    #[test]
    fn an_annex_after_the_signature_is_a_document_of_its_own() {
        let blocks = vec![
            para("Phụ lục I"),
            para("THỂ THỨC VĂN BẢN"),
            para("Căn cứ Luật Dược;"),
            para("Điều 1. Phạm vi điều chỉnh"),
            para("1. Thông tư này quy định kê đơn thuốc."),
            cell(0, 0, 0, "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;"),
            cell(0, 0, 1, "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"),
            para("PHỤ LỤC I"),
            para("MẪU ĐƠN THUỐC THANG"),
            para("(Ban hành kèm theo Thông tư số 55/2025/TT-BYT)"),
            para("I. QUY ĐỊNH CHUNG"),
            para("1. Phạm vi"),
            para("PHỤ LỤC II"),
            para("MẪU ĐƠN THUỐC CỔ TRUYỀN"),
        ];
        let tree = build(&blocks);
        assert_eq!(
            summary(&blocks),
            [
                // "Phụ lục I" at the top of the file is its title.
                node(1, "Điều 1.", "Phạm vi điều chỉnh"),
                node(2, "1.", "Thông tư này quy định kê đơn thuốc"),
                node(1, "PHỤ LỤC I", "MẪU ĐƠN THUỐC THANG"),
                node(2, "I.", "QUY ĐỊNH CHUNG"),
                node(3, "1.", "Phạm vi"),
                node(1, "PHỤ LỤC II", "MẪU ĐƠN THUỐC CỔ TRUYỀN"),
            ]
        );
        assert_eq!(tree.len(), 3);
        assert_eq!(tree[1].children[0].children[0].block, 11);
    }

    #[test]
    fn unmarked_headings_before_the_first_marker_are_front_matter() {
        let blocks = vec![
            para("中华人民共和国能源行业标准"),
            heading(1, "目 次"),
            para("1 范围 1"),
            heading(1, "前 言"),
            para("本部分按照给出的规则起草。"),
            heading(1, "核电厂定期安全评价 第1部分：通用要求"),
            labelled(BlockKind::Heading, "1", "范围").with_level(2),
            para("本部分规定了核电厂定期安全评价的工作。"),
            labelled(BlockKind::Heading, "5.1", "确定评价范围和内容").with_level(3),
            heading(
                3,
                "现行安全标准和实践应以当前的国家标准和实践为基础，必要时可采用国际标准。",
            ),
            heading(2, "缩略语"),
            labelled(
                BlockKind::Heading,
                "附　录　A",
                "（资料性附录）\n安全要素关联矩阵",
            )
            .with_level(1),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "1", "范围"),
                node(2, "5.1", "确定评价范围和内容"),
                // Takes the kind of the labelled headings of its level.
                node(1, "", "缩略语"),
                node(1, "附录 A", "安全要素关联矩阵"),
            ]
        );
        // With no marker at all, headings past the opening lines count.
        let article = vec![
            heading(1, "Kế hoạch truyền thông năm 2025"),
            para("Sở Y tế vừa ban hành Kế hoạch tổ chức các hoạt động truyền thông."),
            heading(2, "Nội dung chính"),
            para("Tổ chức mít tinh, hội thảo."),
            heading(2, "Kinh phí"),
        ];
        assert_eq!(
            summary(&article),
            [node(1, "", "Nội dung chính"), node(1, "", "Kinh phí")]
        );
    }

    #[test]
    fn straight_quotes_and_form_tables() {
        let blocks = vec![
            para("Căn cứ Luật Thuế thu nhập doanh nghiệp;"),
            para("Điều 1. Sửa đổi, bổ sung một số điều"),
            para("4. Khoản 3 Điều 9 được sửa đổi như sau :"),
            para("\"3. Các cơ sở kinh doanh có địa điểm thuận lợi."),
            para("a) Cơ sở kinh doanh được áp dụng thuế suất 25%;"),
            para("c) Cơ sở sản xuất xuất khẩu trên 50%\"."),
            para("5. Điều 12 được sửa đổi như sau :"),
            para("''Thu nhập mà nhà đầu tư nước ngoài thu được."),
            para("1. Mức thuế suất 3% áp dụng đối với :"),
            para("3. Mức thuế suất 7% áp dụng\"."),
            para("Điều 2. Nghị định này có hiệu lực thi hành."),
        ];
        assert_eq!(
            summary(&blocks),
            [
                node(1, "Điều 1.", "Sửa đổi, bổ sung một số điều"),
                node(2, "4.", "Khoản 3 Điều 9 được sửa đổi như sau"),
                node(2, "5.", "Điều 12 được sửa đổi như sau"),
                node(1, "Điều 2.", "Nghị định này có hiệu lực thi hành"),
            ]
        );
        // Rows of a table whose second column is left blank are rows; the
        // lines of a form laid out as a table are items.
        let report = vec![
            heading(1, "BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG"),
            cell(0, 0, 0, "CÁC CHỈ TIÊU"),
            cell(0, 0, 1, "SỐ LIỆU"),
            cell(0, 1, 0, "1. Lao động:\n- Tổng số lao động:"),
            cell(0, 2, 0, "2. Tai nạn lao động:"),
            cell(0, 3, 0, "3. Bệnh nghề nghiệp:"),
        ];
        assert!(build(&report).is_empty());
        let form = vec![
            cell(0, 0, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            cell(0, 1, 1, "ĐƠN ĐĂNG KÝ KINH DOANH"),
            cell(0, 2, 1, "Kính gửi: Phòng đăng ký kinh doanh"),
            cell(0, 3, 1, "1. Tên công ty: (ghi bằng chữ in hoa)"),
            cell(0, 4, 1, "Điện thoại:"),
            cell(0, 4, 9, "Fax:"),
            cell(0, 5, 1, "2. Địa chỉ trụ sở chính:"),
            cell(1, 0, 0, "3. Tên, địa chỉ chi nhánh:"),
        ];
        assert_eq!(
            summary(&form),
            [
                node(1, "1.", "Tên công ty: (ghi bằng chữ in hoa)"),
                node(1, "2.", "Địa chỉ trụ sở chính"),
                node(1, "3.", "Tên, địa chỉ chi nhánh"),
            ]
        );
    }
}
