//! A content stream interpreter that only follows what places text: the
//! graphics state stack, the current transformation matrix, text objects and
//! text state, the text-showing operators and Form XObjects; and, to find
//! table borders, straight lines drawn by paths. Its output is every shown
//! glyph with its Unicode text and position in user space, and those lines.

use super::fonts::{Decoded, Font, Problem};
use super::images::{ImageUse, MAX_IMAGES_PER_PAGE};
use super::objects::{StreamError, number, stream_data};
use crate::model::Limits;
use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashMap;
use std::rc::Rc;

/// Operations run for one page, forms included, before giving up on it.
const MAX_OPERATIONS: usize = 5_000_000;
/// Glyphs kept for one page.
const MAX_GLYPHS: usize = 1_000_000;
/// Depth of the `q` stack; deeper saves are ignored.
const MAX_SAVES: usize = 4096;
/// Ruling lines kept for one page.
const MAX_RULES: usize = 50_000;
/// Points kept in the path being built.
const MAX_PATH_POINTS: usize = 100_000;
/// A filled shape this thin (in user space units) is a line.
const RULE_THICKNESS: f64 = 3.0;
/// Shorter lines are not rules (dots, tick marks, glyph-like shapes).
const RULE_MIN_LENGTH: f64 = 5.0;

/// A shown glyph, placed in user space.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Its Unicode text: usually one character, sometimes a ligature's
    /// letters, followed by any combining marks shown after it.
    pub text: String,
    /// Origin on the baseline.
    pub x: f64,
    pub y: f64,
    /// Unit vector of the writing direction.
    pub ux: f64,
    pub uy: f64,
    /// How far the glyph advances along the writing direction.
    pub advance: f64,
    /// Font size in user space units.
    pub size: f64,
    /// The glyph is white space.
    pub space: bool,
    /// The marked-content id (MCID) of the innermost marked sequence the
    /// glyph is shown in, linking it to the structure tree of a tagged PDF.
    pub mcid: Option<i64>,
    /// Heading level (1–6) its structure element gives it; 0 for none.
    pub heading: u8,
    /// Shown in a bold face, or emboldened by stroking its outline.
    pub bold: bool,
}

/// A straight horizontal or vertical line drawn on the page (a table
/// border, a separator), in user space, with `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// What a page's content shows.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    /// Ruling lines: stroked straight segments and thin filled rectangles.
    pub rules: Vec<Rule>,
    /// An image was drawn (image XObject or inline image).
    pub has_images: bool,
    /// The image XObjects drawn, where (at most
    /// [`images::MAX_IMAGES_PER_PAGE`](super::images::MAX_IMAGES_PER_PAGE)).
    pub images: Vec<ImageUse>,
    /// Fonts whose text was skipped, each once, with the reason.
    pub problems: Vec<(String, Problem)>,
    /// Fonts with some codes that have no Unicode mapping, each once.
    pub unmapped: Vec<String>,
    /// Glyphs the page's text operators show, but for those of fonts
    /// skipped for other reasons than a missing Unicode mapping.
    pub shown_glyphs: usize,
    /// Of those, the glyphs skipped for lack of a Unicode mapping (codes
    /// with none, fonts with none at all).
    pub unmapped_glyphs: usize,
    /// Forms nested deeper than the depth limit were skipped.
    pub too_deep: bool,
    /// A content stream could not be decoded (unsupported filter, damaged
    /// data) and was skipped.
    pub undecodable: bool,
    /// A content stream or form decodes past the inflate limit and was
    /// skipped.
    pub over_limit: bool,
    /// Why interpretation stopped early, if it did.
    pub stopped: Option<String>,
}

impl PageContent {
    /// Whether the text layer is unusable: at least half of the glyphs the
    /// page shows were skipped for lack of a Unicode mapping.
    pub fn text_unusable(&self) -> bool {
        self.unmapped_glyphs > 0 && self.unmapped_glyphs * 2 >= self.shown_glyphs
    }

    fn problem(&mut self, font: &Font, problem: Problem) {
        if !self
            .problems
            .iter()
            .any(|(n, p)| *n == font.name && *p == problem)
        {
            self.problems.push((font.name.clone(), problem));
        }
    }

    fn unmapped(&mut self, font: &Font) {
        if !self.unmapped.contains(&font.name) {
            self.unmapped.push(font.name.clone());
        }
    }
}

/// Interprets page contents, keeping loaded fonts across pages.
pub struct Interpreter<'a> {
    doc: &'a Document,
    limits: Limits,
    fonts: HashMap<FontKey, Rc<Font>>,
}

/// Fonts are cached by object id, or by address for direct dictionaries
/// (the document is borrowed for the interpreter's whole life).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Id(ObjectId),
    Direct(usize),
}

impl<'a> Interpreter<'a> {
    /// An interpreter over `doc` that decodes no stream beyond
    /// `limits.max_inflated_bytes` and nests forms at most `limits.max_depth`.
    pub fn new(doc: &'a Document, limits: &Limits) -> Self {
        Interpreter {
            doc,
            limits: *limits,
            fonts: HashMap::new(),
        }
    }

    /// The glyphs shown on the page `page_id`, in content stream order.
    pub fn page(&mut self, page_id: ObjectId) -> PageContent {
        let resources = Resources::of_page(self.doc, page_id);
        let mut run = Run {
            doc: self.doc,
            limits: self.limits,
            fonts: &mut self.fonts,
            out: PageContent::default(),
            state: State::default(),
            saved: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            forms: Vec::new(),
            depth: 0,
            operations: 0,
            path: Vec::new(),
            path_points: 0,
            marked: Vec::new(),
        };
        let data = run.page_data(page_id);
        run.execute(&data, &resources);
        run.out
    }
}

/// The resource dictionaries in force, searched in order.
#[derive(Clone)]
struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    fn of_page(doc: &'a Document, page_id: ObjectId) -> Self {
        let mut dicts = Vec::new();
        if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
            dicts.extend(direct);
            dicts.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
        }
        Resources { dicts }
    }

    /// The entry `name` of the resource category `category` (`Font`,
    /// `XObject`), with its object id when it is a reference.
    fn lookup(
        &self,
        doc: &'a Document,
        category: &[u8],
        name: &[u8],
    ) -> Option<(Option<ObjectId>, &'a Object)> {
        self.dicts.iter().find_map(|dict| {
            let entries = dict
                .get_deref(category, doc)
                .and_then(Object::as_dict)
                .ok()?;
            doc.dereference(entries.get(name).ok()?).ok()
        })
    }
}

/// A PDF transformation matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    e: f64,
    f: f64,
}

impl Matrix {
    /// The matrix `[a b c d e f]` as PDF writes it.
    pub fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    /// The matrix that undoes this one, if it is invertible.
    pub fn inverse(&self) -> Option<Matrix> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Matrix {
            a,
            b,
            c,
            d,
            e: -(self.e * a + self.f * c),
            f: -(self.e * b + self.f * d),
        })
    }

    const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let v: Vec<f64> = operands.iter().map(number).collect::<Option<_>>()?;
        let [a, b, c, d, e, f] = v.as_slice() else {
            return None;
        };
        Some(Matrix {
            a: *a,
            b: *b,
            c: *c,
            d: *d,
            e: *e,
            f: *f,
        })
    }

    /// `self` applied first, then `next`.
    pub fn then(&self, next: &Matrix) -> Matrix {
        Matrix {
            a: self.a * next.a + self.b * next.c,
            b: self.a * next.b + self.b * next.d,
            c: self.c * next.a + self.d * next.c,
            d: self.c * next.b + self.d * next.d,
            e: self.e * next.a + self.f * next.c + next.e,
            f: self.e * next.b + self.f * next.d + next.f,
        }
    }

    /// The point (`x`, `y`) transformed.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    fn apply_linear(&self, x: f64, y: f64) -> (f64, f64) {
        (self.a * x + self.c * y, self.b * x + self.d * y)
    }
}

/// The part of the graphics state that text placement depends on.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    rise: f64,
    /// Text rendering mode (`Tr`): 2 and 6 stroke the outline over the
    /// fill, the usual way to embolden a font that has no bold face.
    render_mode: i64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

/// One page's interpretation.
struct Run<'a, 'f> {
    doc: &'a Document,
    limits: Limits,
    fonts: &'f mut HashMap<FontKey, Rc<Font>>,
    out: PageContent,
    state: State,
    saved: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    /// Forms being run, to refuse one that draws itself.
    forms: Vec<ObjectId>,
    /// How deeply forms are nested now.
    depth: usize,
    operations: usize,
    /// The path being built, in user space: its subpaths' points, and
    /// whether each is closed.
    path: Vec<(Vec<(f64, f64)>, bool)>,
    path_points: usize,
    /// Open marked-content sequences, innermost last, with their MCIDs.
    marked: Vec<Option<i64>>,
}

impl<'a> Run<'a, '_> {
    fn stream_limit(&self) -> usize {
        usize::try_from(self.limits.max_inflated_bytes).unwrap_or(usize::MAX)
    }

    /// The page's content streams, decoded and joined. A stream that cannot
    /// be decoded is left out and noted.
    fn page_data(&mut self, page_id: ObjectId) -> Vec<u8> {
        let mut data = Vec::new();
        for id in self.doc.get_page_contents(page_id) {
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            match stream_data(self.doc, stream, self.stream_limit()) {
                Ok(part) => data.extend_from_slice(&part),
                Err(StreamError::OverLimit) => self.out.over_limit = true,
                Err(StreamError::Undecodable) => self.out.undecodable = true,
            }
            data.push(b'\n');
        }
        data
    }

    fn execute(&mut self, data: &[u8], resources: &Resources<'a>) {
        for operation in Content::decode_iter(data) {
            let Ok(operation) = operation else { break };
            if self.out.stopped.is_some() {
                return;
            }
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.out.glyphs.len() > MAX_GLYPHS {
                self.out.stopped =
                    Some("it has more content than the extractor reads from one page".into());
                return;
            }
            // Forms are run from here rather than from `operation`, so that
            // each level of nesting costs only this small frame and
            // `run_form`'s, not `operation`'s large one.
            if operation.operator == "Do" {
                if let Some((id, form)) = self.xobject(&operation.operands, resources) {
                    self.run_form(id, form, resources);
                }
            } else {
                self.operation(&operation, resources);
            }
        }
    }

    fn operation(&mut self, op: &Operation, resources: &Resources<'a>) {
        let args = op.operands.as_slice();
        let num = |i: usize| args.get(i).and_then(number);
        match op.operator.as_str() {
            "q" if self.saved.len() < MAX_SAVES => self.saved.push(self.state.clone()),
            "Q" => {
                if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.state.ctm = m.then(&self.state.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => self.set_font(args, resources),
            "Tc" => self.state.char_spacing = num(0).unwrap_or(0.0),
            "Tw" => self.state.word_spacing = num(0).unwrap_or(0.0),
            "Tz" => self.state.horizontal_scale = num(0).unwrap_or(100.0) / 100.0,
            "TL" => self.state.leading = num(0).unwrap_or(0.0),
            "Tr" => {
                self.state.render_mode = args.first().and_then(|a| a.as_i64().ok()).unwrap_or(0)
            }
            "Ts" => self.state.rise = num(0).unwrap_or(0.0),
            "Td" => {
                if let (Some(x), Some(y)) = (num(0), num(1)) {
                    self.next_line(x, y);
                }
            }
            "TD" => {
                if let (Some(x), Some(y)) = (num(0), num(1)) {
                    self.state.leading = -y;
                    self.next_line(x, y);
                }
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.state.leading),
            "Tj" => self.show_operand(args.first()),
            "'" => {
                self.next_line(0.0, -self.state.leading);
                self.show_operand(args.first());
            }
            "\"" => {
                self.state.word_spacing = num(0).unwrap_or(self.state.word_spacing);
                self.state.char_spacing = num(1).unwrap_or(self.state.char_spacing);
                self.next_line(0.0, -self.state.leading);
                self.show_operand(args.get(2));
            }
            "TJ" => {
                for item in args
                    .first()
                    .and_then(|a| a.as_array().ok())
                    .into_iter()
                    .flatten()
                {
                    match item {
                        Object::String(bytes, _) => self.show(bytes),
                        other => {
                            if let Some(n) = number(other) {
                                self.adjust(-n / 1000.0 * self.state.size);
                            }
                        }
                    }
                }
            }
            "BMC" if self.marked.len() < MAX_SAVES => self.marked.push(None),
            "BDC" if self.marked.len() < MAX_SAVES => {
                let mcid = args
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|d| d.get(b"MCID").ok())
                    .and_then(|n| n.as_i64().ok());
                self.marked.push(mcid);
            }
            "EMC" => {
                self.marked.pop();
            }
            "BI" => self.out.has_images = true,
            "m" => {
                if let (Some(x), Some(y)) = (num(0), num(1)) {
                    self.path_point(x, y, true);
                }
            }
            "l" => {
                if let (Some(x), Some(y)) = (num(0), num(1)) {
                    self.path_point(x, y, false);
                }
            }
            // Only straight lines matter: a curve just moves the current
            // point to its end, starting a new subpath there.
            "c" | "v" | "y" => {
                let end = args.len().saturating_sub(2);
                if let (Some(x), Some(y)) = (num(end), num(end + 1)) {
                    self.path_point(x, y, true);
                }
            }
            "h" => {
                if let Some((_, closed)) = self.path.last_mut() {
                    *closed = true;
                }
            }
            "re" => {
                if let (Some(x), Some(y), Some(w), Some(h)) = (num(0), num(1), num(2), num(3)) {
                    self.path_point(x, y, true);
                    self.path_point(x + w, y, false);
                    self.path_point(x + w, y + h, false);
                    self.path_point(x, y + h, false);
                    if let Some((_, closed)) = self.path.last_mut() {
                        *closed = true;
                    }
                }
            }
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                let close = matches!(op.operator.as_str(), "s" | "b" | "b*");
                self.stroke(close);
            }
            "f" | "F" | "f*" => self.fill(),
            "n" => {
                self.path.clear();
                self.path_points = 0;
            }
            _ => {}
        }
    }

    /// Adds a point, in user space, to the path being built; `start` begins
    /// a new subpath. Points past a bound are dropped.
    fn path_point(&mut self, x: f64, y: f64, start: bool) {
        if self.path_points >= MAX_PATH_POINTS {
            return;
        }
        self.path_points += 1;
        let point = self.state.ctm.apply(x, y);
        match self.path.last_mut() {
            Some((points, _)) if !start => points.push(point),
            _ => self.path.push((vec![point], false)),
        }
    }

    /// Keeps the straight axis-aligned segments of the stroked path.
    fn stroke(&mut self, close: bool) {
        self.path_points = 0;
        for (points, closed) in std::mem::take(&mut self.path) {
            let closing = points.last().copied().zip(points.first().copied());
            let closing = closing.filter(|_| close || closed);
            for (a, b) in points.windows(2).map(|w| (w[0], w[1])).chain(closing) {
                self.add_rule(a, b);
            }
        }
    }

    /// Keeps filled subpaths that are thin enough to be lines.
    fn fill(&mut self) {
        self.path_points = 0;
        for (points, _) in std::mem::take(&mut self.path) {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &points {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            if x1 - x0 <= RULE_THICKNESS && y1 - y0 >= RULE_MIN_LENGTH {
                let x = (x0 + x1) / 2.0;
                self.add_rule((x, y0), (x, y1));
            } else if y1 - y0 <= RULE_THICKNESS && x1 - x0 >= RULE_MIN_LENGTH {
                let y = (y0 + y1) / 2.0;
                self.add_rule((x0, y), (x1, y));
            }
        }
    }

    fn add_rule(&mut self, (ax, ay): (f64, f64), (bx, by): (f64, f64)) {
        let (dx, dy) = ((bx - ax).abs(), (by - ay).abs());
        let straight = (dx <= 0.5 && dy >= RULE_MIN_LENGTH) || (dy <= 0.5 && dx >= RULE_MIN_LENGTH);
        if straight && dx.is_finite() && dy.is_finite() && self.out.rules.len() < MAX_RULES {
            self.out.rules.push(Rule {
                x0: ax.min(bx),
                y0: ay.min(by),
                x1: ax.max(bx),
                y1: ay.max(by),
            });
        }
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn set_font(&mut self, args: &[Object], resources: &Resources<'a>) {
        self.state.size = args.get(1).and_then(number).unwrap_or(0.0);
        let Some(name) = args.first().and_then(|n| n.as_name().ok()) else {
            return;
        };
        let font = match resources.lookup(self.doc, b"Font", name) {
            Some((id, Object::Dictionary(dict))) => {
                let key = id.map_or(
                    FontKey::Direct(dict as *const Dictionary as usize),
                    FontKey::Id,
                );
                let limit = self.stream_limit();
                let doc = self.doc;
                Rc::clone(
                    self.fonts
                        .entry(key)
                        .or_insert_with(|| Rc::new(Font::load(doc, dict, limit))),
                )
            }
            _ => Rc::new(Font::missing(&String::from_utf8_lossy(name))),
        };
        self.state.font = Some(font);
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    /// Moves the text position by `amount` text space units along the
    /// writing direction (a `TJ` adjustment, already negated and scaled).
    fn adjust(&mut self, amount: f64) {
        let vertical = self.state.font.as_ref().is_some_and(|f| f.vertical);
        let (x, y) = if vertical {
            (0.0, amount)
        } else {
            (amount * self.state.horizontal_scale, 0.0)
        };
        self.tm = Matrix::translate(x, y).then(&self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else {
            return;
        };
        let skip_text = if let Some(problem) = &font.problem {
            self.out.problem(&font, problem.clone());
            true
        } else {
            false
        };
        // Fonts whose text cannot be mapped to Unicode at all: their glyphs
        // are skipped for lack of a mapping too.
        let unreadable = matches!(
            font.problem,
            Some(Problem::NoUnicode | Problem::BuiltinEncoding | Problem::PredefinedCMap(_))
        );
        for decoded in font.decode(bytes) {
            if unreadable {
                self.out.shown_glyphs += 1;
                self.out.unmapped_glyphs += 1;
            }
            if !skip_text {
                self.out.shown_glyphs += 1;
                match &decoded.text {
                    Some(text) if !text.is_empty() => self.place(text, &decoded, font.vertical),
                    Some(_) => {}
                    None => {
                        self.out.unmapped_glyphs += 1;
                        self.out.unmapped(&font);
                    }
                }
            }
            self.advance(&decoded, font.vertical);
        }
    }

    fn advance(&mut self, glyph: &Decoded, vertical: bool) {
        let s = &self.state;
        let spacing = s.char_spacing
            + if glyph.word_space {
                s.word_spacing
            } else {
                0.0
            };
        let (x, y) = if vertical {
            (0.0, -glyph.width * s.size + spacing)
        } else {
            ((glyph.width * s.size + spacing) * s.horizontal_scale, 0.0)
        };
        self.tm = Matrix::translate(x, y).then(&self.tm);
    }

    fn place(&mut self, text: &str, glyph: &Decoded, vertical: bool) {
        let s = &self.state;
        let m = self.tm.then(&s.ctm);
        let (x, y) = m.apply(0.0, s.rise);
        let (ex, ey) = m.apply_linear(0.0, s.size);
        let size = ex.hypot(ey);
        let (dx, dy) = if vertical {
            m.apply_linear(0.0, -1.0)
        } else {
            m.apply_linear(1.0, 0.0)
        };
        let norm = dx.hypot(dy);
        let spacing = s.char_spacing
            + if glyph.word_space {
                s.word_spacing
            } else {
                0.0
            };
        let advance = if vertical {
            (glyph.width * s.size - spacing) * norm
        } else {
            (glyph.width * s.size + spacing) * s.horizontal_scale * norm
        };
        let finite = [x, y, size, norm, advance].iter().all(|v| v.is_finite());
        if !finite || size <= 0.0 || norm <= 0.0 {
            return;
        }
        if is_combining(text)
            && let Some(last) = self.out.glyphs.last_mut()
            && !last.space
        {
            last.text.push_str(text);
            return;
        }
        self.out.glyphs.push(Glyph {
            text: text.to_string(),
            x,
            y,
            ux: dx / norm,
            uy: dy / norm,
            advance,
            size,
            space: text.chars().all(char::is_whitespace),
            mcid: self.marked.iter().rev().find_map(|m| *m),
            heading: 0,
            bold: self.state.font.as_ref().is_some_and(|f| f.bold)
                || matches!(self.state.render_mode, 2 | 6),
        });
    }

    /// The form XObject that `Do` draws, with its object id; an image is
    /// only noted.
    fn xobject(
        &mut self,
        args: &[Object],
        resources: &Resources<'a>,
    ) -> Option<(Option<ObjectId>, &'a Stream)> {
        let name = args.first().and_then(|n| n.as_name().ok())?;
        let (id, Object::Stream(stream)) = resources.lookup(self.doc, b"XObject", name)? else {
            return None;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Image") => {
                self.out.has_images = true;
                if let Some(id) = id
                    && self.out.images.len() < MAX_IMAGES_PER_PAGE
                {
                    self.out.images.push(ImageUse {
                        id,
                        matrix: self.state.ctm,
                    });
                }
                None
            }
            Some(b"Form") => Some((id, stream)),
            _ => None,
        }
    }

    fn run_form(&mut self, id: Option<ObjectId>, stream: &'a Stream, outer: &Resources<'a>) {
        if id.is_some_and(|id| self.forms.contains(&id)) {
            return;
        }
        if self.depth >= self.limits.max_depth {
            self.out.too_deep = true;
            return;
        }
        let data = match stream_data(self.doc, stream, self.stream_limit()) {
            Ok(data) => data,
            Err(StreamError::OverLimit) => {
                self.out.over_limit = true;
                return;
            }
            Err(StreamError::Undecodable) => {
                self.out.undecodable = true;
                return;
            }
        };
        let resources = match stream
            .dict
            .get_deref(b"Resources", self.doc)
            .and_then(Object::as_dict)
        {
            Ok(own) => Resources { dicts: vec![own] },
            Err(_) => outer.clone(),
        };
        let saved_depth = self.saved.len();
        let outer_state = self.state.clone();
        let (outer_tm, outer_tlm) = (self.tm, self.tlm);
        let matrix = stream.dict.get(b"Matrix").and_then(Object::as_array).ok();
        if let Some(m) = matrix.and_then(|a| Matrix::from_operands(a)) {
            self.state.ctm = m.then(&self.state.ctm);
        }
        self.forms.extend(id);
        self.depth += 1;
        self.execute(&data, &resources);
        self.depth -= 1;
        if id.is_some() {
            self.forms.pop();
        }
        self.saved.truncate(saved_depth);
        self.state = outer_state;
        self.tm = outer_tm;
        self.tlm = outer_tlm;
    }
}

/// Whether `text` is only combining marks, which belong to the glyph before.
fn is_combining(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        })
}
