//! Turning the parsed tree into blocks in document order.
//!
//! One pass over the tree's open and close edges, without recursion, so
//! nesting depth costs heap, never stack. Elements deeper than the limit add
//! no structure: their text joins the enclosing block, with a `<br>` at the
//! edges of block elements.

use super::content::{ChromeName, Features, chrome_name};
use crate::model::{Block, BlockKind, TablePos};
use crate::script::is_cjk;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use scraper::node::Element;

/// Elements whose whole subtree is never document text.
fn is_dropped_always(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "datalist"
            | "textarea"
            | "head"
            | "title"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "map"
    )
}

/// Elements that end the current block and start a new one.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn is_list(name: &str) -> bool {
    matches!(name, "ul" | "ol" | "menu" | "dir")
}

fn heading_level(name: &str) -> Option<u32> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// An element whose own `header` and `footer` are its title and byline,
/// not page chrome.
fn is_main_section(element: &Element) -> bool {
    matches!(element.name(), "article" | "main") || element.attr("role") == Some("main")
}

/// Hidden with the `hidden` attribute or an inline style.
fn is_hidden(element: &Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|style| {
            let style = style.to_ascii_lowercase().replace(char::is_whitespace, "");
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// Characters of text under `node`, outside always-dropped elements.
pub(super) fn text_len(node: NodeRef<Node>) -> usize {
    let mut skipping = 0usize;
    let mut len = 0;
    for edge in node.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || is_dropped_always(e.name()) => skipping += 1,
                Node::Text(text) if skipping == 0 => len += text.trim().chars().count(),
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() && skipping > 0 => skipping -= 1,
            _ => {}
        }
    }
    len
}

/// Blocks read from a subtree.
pub(super) struct Walked {
    pub blocks: Vec<Block>,
    /// What main-content selection needs to know of each block, in step
    /// with `blocks`.
    pub features: Vec<Features>,
    /// Whether elements nested deeper than the limit were read flat.
    pub too_deep: bool,
}

/// The blocks of the subtree under `root`; elements nested more than
/// `max_depth` levels below it count as `<br>` if block-level, else as inline.
pub(super) fn blocks(root: NodeRef<Node>, max_depth: usize) -> Walked {
    let mut walker = Walker::new(root, max_depth);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => walker.open(node),
            Edge::Close(node) => walker.close(node),
        }
    }
    walker.flush();
    Walked {
        blocks: walker.blocks,
        features: walker.features,
        too_deep: walker.too_deep,
    }
}

/// What the innermost open block element makes of its text.
#[derive(Clone, Copy)]
struct Context {
    kind: BlockKind,
    level: Option<u32>,
    table: Option<TablePos>,
    preformatted: bool,
}

impl Context {
    fn new(kind: BlockKind) -> Self {
        Context {
            kind,
            level: None,
            table: None,
            preformatted: false,
        }
    }
}

/// An italic line after a picture is its caption when at most this long.
const MAX_CAPTION_CHARS: usize = 200;

/// What an open element means for the text inside it.
#[derive(Clone, Copy)]
struct Marks {
    chrome: bool,
    named_chrome: ChromeName,
    link: bool,
    emphasis: bool,
    italic: bool,
    caption: bool,
    main_section: bool,
    /// It opened a block (it is block-level and within the depth limit).
    block: bool,
}

/// What an element's class and id say of it, read once per element.
#[derive(Clone, Copy, Default)]
struct Named {
    chrome: ChromeName,
    /// A title ("title", "tieude", "headline", "biaoti").
    title: bool,
    /// A picture's caption ("caption", "chuthich", "img-desc").
    caption: bool,
}

fn named(element: &Element) -> Named {
    let (class, id) = (element.attr("class"), element.attr("id"));
    if class.is_none() && id.is_none() {
        return Named::default();
    }
    let lower = [class, id]
        .into_iter()
        .flatten()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    Named {
        chrome: chrome_name(&lower),
        title: any(&[
            "title", "tieude", "tieu-de", "tieu_de", "headline", "biaoti",
        ]),
        caption: any(&[
            "caption",
            "chuthich",
            "chu-thich",
            "chu_thich",
            "img-desc",
            "pic-desc",
            "photo-desc",
        ]),
    }
}

/// Bold or large type, or an element named as a title: how old layouts
/// without `<h1>` set an article's title apart.
fn is_emphasis(element: &Element, named: Named) -> bool {
    match element.name() {
        "b" | "strong" => true,
        "font" => element
            .attr("size")
            .and_then(|size| size.trim().trim_start_matches('+').parse::<u32>().ok())
            .is_some_and(|size| size >= 4),
        _ => named.title,
    }
}

/// An `<a>` that links somewhere.
fn is_link(element: &Element) -> bool {
    element.name() == "a" && element.attr("href").is_some()
}

/// An open table: its index in the document and the current row and column.
struct Table {
    index: u32,
    row: Option<u32>,
    col: u32,
}

/// Whitespace seen since the last visible character, still to be written.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    /// A source line break. Between two CJK characters it is no space at
    /// all (CSS segment-break rule): Chinese pages wrap long lines in their
    /// source, and `计划\n生育` is one word.
    LineBreak,
}

/// Invariant: `contexts` holds one entry per open block element within the
/// depth limit, above the root entry; `buffer` holds the text since the last
/// flush, `gap` the whitespace after it.
struct Walker<'a> {
    blocks: Vec<Block>,
    features: Vec<Features>,
    contexts: Vec<Context>,
    /// The open block elements within the depth limit, innermost last,
    /// above the root.
    block_nodes: Vec<NodeId>,
    tables: Vec<Table>,
    next_table: u32,
    list_depth: u32,
    buffer: String,
    /// Characters of `buffer` written inside links, and inside emphasis.
    buffer_linked: usize,
    buffer_emphasized: usize,
    buffer_italic: usize,
    /// An image was drawn since the last block: a short italic line next
    /// is its caption.
    after_image: bool,
    gap: Gap,
    /// Open `<a href>` elements.
    in_link: usize,
    /// Open emphasis elements (see `is_emphasis`).
    in_emphasis: usize,
    in_italic: usize,
    in_caption: usize,
    /// Open elements that are page chrome (nav, aside, a page header or
    /// footer, a small form), and open elements whose class or id name it.
    in_chrome: usize,
    in_weak_name: usize,
    in_strong_name: usize,
    /// Open elements being skipped, counting the dropped one.
    skipping: usize,
    /// The marks of each open element not skipped, innermost last.
    open: Vec<Marks>,
    max_depth: usize,
    too_deep: bool,
    /// Open `article`, `main` and `[role=main]` elements.
    in_main_section: usize,
    /// Text length of the whole walk, to tell a login box from a page that
    /// ASP.NET wrapped in one `<form>`.
    root_text_len: Option<usize>,
    root: NodeRef<'a, Node>,
}

impl<'a> Walker<'a> {
    fn new(root: NodeRef<'a, Node>, max_depth: usize) -> Self {
        Walker {
            blocks: Vec::new(),
            features: Vec::new(),
            contexts: vec![Context::new(BlockKind::Paragraph)],
            block_nodes: vec![root.id()],
            tables: Vec::new(),
            next_table: 0,
            list_depth: 0,
            buffer: String::new(),
            buffer_linked: 0,
            buffer_emphasized: 0,
            buffer_italic: 0,
            after_image: false,
            gap: Gap::None,
            in_link: 0,
            in_emphasis: 0,
            in_italic: 0,
            in_caption: 0,
            in_chrome: 0,
            in_weak_name: 0,
            in_strong_name: 0,
            skipping: 0,
            open: Vec::new(),
            max_depth,
            too_deep: false,
            in_main_section: 0,
            root_text_len: None,
            root,
        }
    }

    fn context(&self) -> Context {
        // The root entry is never popped: pops match pushes of block elements.
        self.contexts
            .last()
            .copied()
            .unwrap_or(Context::new(BlockKind::Paragraph))
    }

    fn open(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) if self.skipping == 0 => self.push_text(text),
            Node::Element(element) => self.open_element(node, element),
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<Node>) {
        if let Node::Element(element) = node.value() {
            self.close_element(element);
        }
    }

    fn open_element(&mut self, node: NodeRef<Node>, element: &Element) {
        if self.skipping > 0 || is_dropped_always(element.name()) || is_hidden(element) {
            self.skipping += 1;
            return;
        }
        let name = element.name();
        let within = self.open.len() < self.max_depth;
        let named = named(element);
        let marks = Marks {
            chrome: self.is_chrome(node, element),
            named_chrome: named.chrome,
            link: is_link(element),
            emphasis: is_emphasis(element, named),
            italic: matches!(name, "em" | "i"),
            caption: named.caption,
            main_section: within && is_main_section(element),
            block: within && is_block(name),
        };
        if name == "img" {
            self.after_image = true;
        }
        if name == "br" {
            self.line_break();
        } else if !within {
            self.too_deep = true;
            if is_block(name) {
                self.line_break();
            }
        } else if marks.block {
            self.flush();
            let context = self.enter_block(name, element);
            self.contexts.push(context);
            self.block_nodes.push(node.id());
        }
        self.count(marks, 1);
        self.open.push(marks);
    }

    fn close_element(&mut self, element: &Element) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        let Some(marks) = self.open.pop() else {
            return;
        };
        let name = element.name();
        if marks.block {
            self.flush();
            if self.contexts.len() > 1 {
                self.contexts.pop();
                self.block_nodes.pop();
            }
            self.leave_block(name);
        } else if self.open.len() >= self.max_depth && is_block(name) {
            self.line_break();
        }
        self.count(marks, -1);
    }

    /// Adds (`by` 1) or removes (`by` -1) an open element's marks.
    fn count(&mut self, marks: Marks, by: isize) {
        let add = |counter: &mut usize, on: bool| {
            if on {
                *counter = counter.saturating_add_signed(by);
            }
        };
        add(&mut self.in_chrome, marks.chrome);
        add(
            &mut self.in_weak_name,
            marks.named_chrome == ChromeName::Weak,
        );
        add(
            &mut self.in_strong_name,
            marks.named_chrome == ChromeName::Strong,
        );
        add(&mut self.in_link, marks.link);
        add(&mut self.in_emphasis, marks.emphasis);
        add(&mut self.in_italic, marks.italic);
        add(&mut self.in_caption, marks.caption);
        add(&mut self.in_main_section, marks.main_section);
    }

    /// Page chrome by its element or role: navigation, sidebars, a page's
    /// own header and footer (not an article's), and search or login forms
    /// (not a page that ASP.NET wrapped whole in one `<form>`).
    fn is_chrome(&mut self, node: NodeRef<Node>, element: &Element) -> bool {
        let name = element.name();
        let role = element.attr("role");
        if matches!(name, "nav" | "aside")
            || matches!(role, Some("navigation" | "complementary" | "search"))
        {
            return true;
        }
        if matches!(name, "header" | "footer") || matches!(role, Some("banner" | "contentinfo")) {
            return self.in_main_section == 0;
        }
        name == "form" && {
            let root = *self
                .root_text_len
                .get_or_insert_with(|| text_len(self.root));
            text_len(node) * 2 < root
        }
    }

    fn enter_block(&mut self, name: &str, element: &Element) -> Context {
        let inherited = self.context();
        if let Some(level) = heading_level(name) {
            return Context {
                level: Some(level),
                ..Context::new(BlockKind::Heading)
            };
        }
        match name {
            "li" => Context {
                level: Some(self.list_depth.max(1)),
                ..Context::new(BlockKind::ListItem)
            },
            "td" | "th" => Context {
                table: self.start_cell(element),
                ..Context::new(BlockKind::TableCell)
            },
            "caption" | "figcaption" => Context::new(BlockKind::Caption),
            "pre" | "listing" => Context {
                preformatted: true,
                ..inherited
            },
            "table" => {
                self.tables.push(Table {
                    index: self.next_table,
                    row: None,
                    col: 0,
                });
                self.next_table += 1;
                Context::new(BlockKind::Paragraph)
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(table.row.map_or(0, |row| row + 1));
                    table.col = 0;
                }
                Context::new(BlockKind::Paragraph)
            }
            _ if is_list(name) => {
                self.list_depth += 1;
                Context::new(BlockKind::Paragraph)
            }
            // A div or p inside a cell, item, caption or heading is still
            // part of it; elsewhere it is a paragraph.
            _ if inherited.kind != BlockKind::Paragraph => inherited,
            _ => Context {
                preformatted: inherited.preformatted,
                ..Context::new(BlockKind::Paragraph)
            },
        }
    }

    fn leave_block(&mut self, name: &str) {
        if name == "table" {
            self.tables.pop();
        } else if is_list(name) {
            self.list_depth = self.list_depth.saturating_sub(1);
        }
    }

    /// The position of a new cell in the current row; the cells after it
    /// move right by its `colspan`. (`rowspan` is not followed: a cell's
    /// column counts only the earlier cells of its own row.)
    fn start_cell(&mut self, element: &Element) -> Option<TablePos> {
        let table = self.tables.last_mut()?;
        let position = TablePos {
            index: table.index,
            row: table.row.unwrap_or(0),
            col: table.col,
        };
        // Browsers clamp colspan to 1..=1000.
        let span = element
            .attr("colspan")
            .and_then(|span| span.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .clamp(1, 1000);
        table.col = table.col.saturating_add(span);
        Some(position)
    }

    fn push_text(&mut self, text: &str) {
        if self.context().preformatted {
            self.buffer.push_str(text);
            return;
        }
        for c in text.chars() {
            match c {
                '\n' | '\r' => self.gap = Gap::LineBreak,
                ' ' | '\t' | '\u{0C}' => self.gap = self.gap.max(Gap::Space),
                _ => {
                    self.write_gap(c);
                    self.buffer.push(c);
                    self.buffer_linked += usize::from(self.in_link > 0);
                    self.buffer_emphasized += usize::from(self.in_emphasis > 0);
                    self.buffer_italic += usize::from(self.in_italic > 0);
                }
            }
        }
    }

    /// Writes the pending whitespace before `next` as one space, or nothing
    /// at the start of a line or inside CJK text wrapped in the source.
    fn write_gap(&mut self, next: char) {
        let gap = std::mem::replace(&mut self.gap, Gap::None);
        let Some(last) = self.buffer.chars().next_back() else {
            return;
        };
        let space = match gap {
            Gap::None => false,
            Gap::Space => true,
            Gap::LineBreak => !(is_cjk(last) && is_cjk(next)),
        };
        if space && last != '\n' {
            self.buffer.push(' ');
        }
    }

    /// `<br>`: a block break between paragraphs (old pages separate whole
    /// paragraphs with it), a line break inside any other block.
    fn line_break(&mut self) {
        let context = self.context();
        if context.kind == BlockKind::Paragraph && !context.preformatted {
            self.flush();
        } else {
            self.gap = Gap::None;
            self.buffer.push('\n');
        }
    }

    fn flush(&mut self) {
        self.gap = Gap::None;
        let context = self.context();
        let text = if context.preformatted {
            self.buffer.trim_matches('\n')
        } else {
            self.buffer.trim_matches([' ', '\n'])
        };
        if !text.trim().is_empty() {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let kind = if context.kind == BlockKind::Paragraph
                && (self.in_caption > 0
                    || (self.after_image
                        && self.buffer_italic >= chars
                        && chars <= MAX_CAPTION_CHARS))
            {
                BlockKind::Caption
            } else {
                context.kind
            };
            self.after_image = false;
            let mut block = Block::new(kind, text);
            block.level = context.level;
            block.table = context.table;
            self.blocks.push(block);
            self.features.push(Features {
                node: *self.block_nodes.last().expect("the root is never popped"),
                linked_chars: self.buffer_linked,
                emphasized_chars: self.buffer_emphasized,
                chrome: self.in_chrome > 0,
                named_chrome: if self.in_strong_name > 0 {
                    ChromeName::Strong
                } else if self.in_weak_name > 0 {
                    ChromeName::Weak
                } else {
                    ChromeName::None
                },
                main_section: self.in_main_section > 0,
            });
        }
        self.buffer.clear();
        self.buffer_linked = 0;
        self.buffer_emphasized = 0;
        self.buffer_italic = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn walk(html: &str, max_depth: usize) -> Walked {
        let page = Html::parse_document(html);
        blocks(*page.root_element(), max_depth)
    }

    fn texts(html: &str) -> Vec<String> {
        walk(html, 256).blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn whitespace_collapses_but_wrapped_chinese_joins() {
        assert_eq!(
            texts("<p>  Kế  hoạch\n  năm <b>2024</b> \n</p><p>计划\n  生育，\n工作 方案 A\nB</p>"),
            ["Kế hoạch năm 2024", "计划生育，工作 方案 A B"]
        );
    }

    #[test]
    fn pre_keeps_its_lines() {
        assert_eq!(
            texts("<pre>\n  a  b\n  c\n</pre><p>d</p>"),
            ["  a  b\n  c", "d"]
        );
    }

    #[test]
    fn br_is_a_line_break_in_headings() {
        let walked = walk("<h1>关于印发<br>工作方案的通知</h1>", 256);
        assert_eq!(walked.blocks[0].text, "关于印发\n工作方案的通知");
        assert_eq!(walked.blocks.len(), 1);
    }

    #[test]
    fn paragraphs_in_a_cell_keep_its_position() {
        let walked = walk("<table><tr><td><p>a</p><p>b</p></td></tr></table>", 256);
        let cells: Vec<_> = walked
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.table.map(|t| t.col)))
            .collect();
        assert_eq!(
            cells,
            [
                (BlockKind::TableCell, "a", Some(0)),
                (BlockKind::TableCell, "b", Some(0))
            ]
        );
    }

    /// Each block's text with whether it sits in page chrome.
    fn chrome(html: &str) -> Vec<(String, bool)> {
        let walked = walk(html, 256);
        walked
            .blocks
            .into_iter()
            .zip(walked.features)
            .map(|(b, f)| (b.text, f.chrome))
            .collect()
    }

    #[test]
    fn hidden_is_dropped_and_role_chrome_marked() {
        assert_eq!(
            chrome(
                "<div role=navigation>menu</div><p hidden>a</p><p style='DISPLAY: NONE'>b</p><p style='visibility:hidden'>c</p><p>d</p>"
            ),
            [("menu".into(), true), ("d".into(), false)]
        );
    }

    #[test]
    fn a_small_form_is_chrome_a_page_wide_form_is_not() {
        let long = "Nội dung kế hoạch. ".repeat(20);
        assert_eq!(
            chrome(&format!("<form>Tìm kiếm</form><p>{}</p>", long.trim())),
            [("Tìm kiếm".into(), true), (long.trim().into(), false)]
        );
        assert_eq!(
            chrome(&format!("<form><p>{}</p></form>", long.trim())),
            [(long.trim().into(), false)]
        );
    }

    #[test]
    fn links_and_chrome_names_are_recorded() {
        let walked = walk(
            "<div class='left_menu'><a href='/'>Trang chủ</a></div><div id=commentlist><p>Bình luận hay</p></div><p>Kế <a href=x>hoạch</a></p>",
            256,
        );
        let found: Vec<_> = walked
            .features
            .iter()
            .map(|f| (f.linked_chars, f.named_chrome))
            .collect();
        assert_eq!(
            found,
            [
                (8, ChromeName::Weak),
                (0, ChromeName::Strong),
                (5, ChromeName::None)
            ]
        );
    }

    #[test]
    fn elements_beyond_the_limit_are_inline() {
        let walked = walk(
            "<div>a<div>b<p>c</p><ul><li>d</li></ul></div></div><p>e</p>",
            3,
        );
        let found: Vec<_> = walked.blocks.iter().map(|b| b.text.as_str()).collect();
        // html, body and the outer div are blocks; deeper block elements
        // only break lines, and the list item is no list item.
        assert_eq!(found, ["a", "b", "c", "d", "e"]);
        assert!(walked.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        assert!(walked.too_deep);
        assert!(!walk("<p>x</p>", 3).too_deep);
    }
}
