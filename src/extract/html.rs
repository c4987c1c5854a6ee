//! HTML extraction: charset, main content, blocks, metadata.
//!
//! Charset evidence in order: BOM, valid UTF-8, the page's own declaration
//! (searched in the first 8 KiB, since real pages declare it after the 1 KiB
//! the HTML standard prescans), then detection. The page is parsed with
//! html5ever (through scraper) and walked without recursion, so hostile
//! nesting depth costs memory, never stack.
//!
//! Main content, in this first version: the largest `<article>`, `<main>` or
//! `[role=main]` element when it holds real text, else the body; page chrome
//! (`nav`, `aside`, page-level `header`/`footer`), scripts, styles, form
//! controls and hidden elements are dropped.

use crate::encoding;
use crate::model::{Block, BlockKind, DocError, Extraction, Limits, TablePos};
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use regex::bytes::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements whose whole subtree is never document text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "iframe", "svg", "math", "button",
    "select", "textarea", "head", "title", "object", "embed", "canvas", "map",
];

/// Elements that start and end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A main-content candidate needs at least this many characters of text.
const MIN_MAIN_CHARS: usize = 200;

/// Extracts the main text of an HTML page as blocks, with its metadata.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extraction, DocError> {
    let mut out = Extraction::default();
    let declared_label = declared_charset(bytes);
    let declared = declared_label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let decoded = encoding::decode(bytes, declared);
    record_encoding(&mut out, declared_label.as_deref(), declared, &decoded);

    let flattened = flatten_deep_nesting(&decoded.text, limits.max_depth);
    if flattened.is_some() {
        out.warnings.push(format!(
            "elements nest deeper than {} levels; deeper structure was read as plain text",
            limits.max_depth
        ));
    }
    let page = Html::parse_document(flattened.as_deref().unwrap_or(&decoded.text));
    read_metadata(&page, &mut out);
    let root = main_content(&page);
    let mut walker = Walker::new();
    walker.walk(
        *root,
        root.value().name() != "body" && root.value().name() != "html",
    );
    out.blocks = walker.blocks;
    Ok(out)
}

static TAG: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>").expect("valid regex")
});

/// Elements that never have content, or whose end tag pages usually omit:
/// they do not deepen the nesting.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option",
];

/// Removes the tags of elements nested deeper than `max_depth`, keeping
/// their text, or `None` when the page is shallower. html5ever checks the
/// stack of open elements for each tag, so parsing time grows with the
/// square of the depth: 50,000 nested `<div>`s would take minutes.
fn flatten_deep_nesting(html: &str, max_depth: usize) -> Option<String> {
    let mut depth = 0usize;
    let mut too_deep = Vec::new();
    for tag in TAG.captures_iter(html) {
        let name = tag[2].to_ascii_lowercase();
        if FLAT_ELEMENTS.contains(&name.as_str()) || !tag[3].is_empty() {
            continue;
        }
        let whole = tag.get(0).expect("group 0 always matches").range();
        if tag[1].is_empty() {
            depth += 1;
            if depth > max_depth {
                too_deep.push(whole);
            }
        } else {
            if depth > max_depth {
                too_deep.push(whole);
            }
            depth = depth.saturating_sub(1);
        }
    }
    if too_deep.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    for range in too_deep {
        out.push_str(&html[copied_to..range.start]);
        out.push(' ');
        copied_to = range.end;
    }
    out.push_str(&html[copied_to..]);
    Some(out)
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\s[^>]*charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)|<\?xml\s[^>]*encoding\s*=\s*["']([a-z0-9_.:\-]+)"#)
        .expect("valid regex")
});

/// The charset the page declares in its first 8 KiB, as written.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    let captures = META_CHARSET.captures(head)?;
    let label = captures.get(1).or_else(|| captures.get(2))?;
    Some(String::from_utf8_lossy(label.as_bytes()).to_ascii_lowercase())
}

fn record_encoding(
    out: &mut Extraction,
    label: Option<&str>,
    declared: Option<&'static Encoding>,
    decoded: &encoding::Decoded,
) {
    out.meta
        .insert("encoding".into(), decoded.encoding.to_string());
    if let Some(label) = label {
        out.meta
            .insert("declared_encoding".into(), label.to_string());
    }
    let same_family = |a: &'static Encoding| {
        a.name() == decoded.encoding || (a == encoding_rs::GBK && decoded.encoding == "gb18030")
    };
    match declared {
        Some(declared) if !same_family(declared) && !decoded.text.is_ascii() => {
            out.warnings.push(format!(
                "page declares charset {} but its bytes are {}; decoded as {}",
                label.unwrap_or_default(),
                decoded.encoding,
                decoded.encoding
            ));
        }
        None if label.is_some() => {
            out.warnings.push(format!(
                "page declares an unknown charset {:?}",
                label.unwrap_or_default()
            ));
        }
        _ => {}
    }
    if decoded.had_errors {
        out.warnings.push(format!(
            "some bytes are not valid {}; they were replaced by U+FFFD",
            decoded.encoding
        ));
    }
}

/// Title, description, author, keywords, publication date and language.
fn read_metadata(page: &Html, out: &mut Extraction) {
    let first = |selector: &str, attribute: Option<&str>| -> Option<String> {
        let selector = Selector::parse(selector).ok()?;
        let element = page.select(&selector).next()?;
        let value = match attribute {
            Some(name) => element.value().attr(name)?.to_string(),
            None => element.text().collect(),
        };
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then_some(value)
    };
    let fields = [
        ("title", first("title", None)),
        (
            "description",
            first("meta[name=description i]", Some("content")),
        ),
        ("author", first("meta[name=author i]", Some("content"))),
        ("keywords", first("meta[name=keywords i]", Some("content"))),
        (
            "published",
            first("meta[property='article:published_time']", Some("content"))
                .or_else(|| first("time[datetime]", Some("datetime"))),
        ),
        ("lang", first("html[lang]", Some("lang"))),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            out.meta.insert(key.to_string(), value);
        }
    }
}

/// The element whose text is the page's main content.
fn main_content(page: &Html) -> ElementRef<'_> {
    let candidates = Selector::parse("article, main, [role=main]").expect("valid selector");
    let best = page
        .select(&candidates)
        .map(|element| (visible_text_len(element), element))
        .filter(|(len, _)| *len >= MIN_MAIN_CHARS)
        .max_by_key(|(len, _)| *len)
        .map(|(_, element)| element);
    let body = Selector::parse("body").expect("valid selector");
    best.or_else(|| page.select(&body).next())
        .unwrap_or_else(|| page.root_element())
}

/// Characters of text outside dropped elements.
fn visible_text_len(element: ElementRef) -> usize {
    let mut skipping = 0usize;
    let mut len = 0;
    for edge in element.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || DROPPED.contains(&e.name()) => skipping += 1,
                Node::Text(t) if skipping == 0 => len += t.trim().chars().count(),
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() && skipping > 0 => skipping -= 1,
            _ => {}
        }
    }
    len
}

/// What the innermost open block element makes of its text.
#[derive(Clone, Copy)]
struct Context {
    kind: BlockKind,
    level: Option<u32>,
    table: Option<TablePos>,
    preformatted: bool,
}

struct TableState {
    index: u32,
    row: Option<u32>,
    col: u32,
}

/// Walks the tree iteratively, turning block elements into blocks.
///
/// Invariant: `contexts` holds one entry per open block element (plus the
/// root's); `buffer` holds the text seen since the last flush.
struct Walker {
    blocks: Vec<Block>,
    contexts: Vec<Context>,
    tables: Vec<TableState>,
    next_table: u32,
    list_depth: u32,
    buffer: String,
    skipping: usize,
    /// Open `article`/`main` elements: their `header`/`footer` are the
    /// article's own title and byline, not page chrome.
    in_article: usize,
}

impl Walker {
    fn new() -> Self {
        Walker {
            blocks: Vec::new(),
            contexts: vec![Context {
                kind: BlockKind::Paragraph,
                level: None,
                table: None,
                preformatted: false,
            }],
            tables: Vec::new(),
            next_table: 0,
            list_depth: 0,
            buffer: String::new(),
            skipping: 0,
            in_article: 0,
        }
    }

    fn walk(&mut self, root: NodeRef<Node>, root_is_article: bool) {
        self.in_article = usize::from(root_is_article);
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => self.open(node),
                Edge::Close(node) => self.close(node),
            }
        }
        self.flush();
    }

    fn open(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) if self.skipping == 0 => self.push_text(text),
            Node::Element(element) => {
                if self.skipping > 0 || self.is_dropped(element) {
                    self.skipping += 1;
                    return;
                }
                let name = element.name();
                if matches!(name, "article" | "main") {
                    self.in_article += 1;
                }
                if name == "br" {
                    self.line_break();
                } else if BLOCK_ELEMENTS.contains(&name) {
                    self.flush();
                    self.enter_block(name, element);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<Node>) {
        let Node::Element(element) = node.value() else {
            return;
        };
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        let name = element.name();
        if matches!(name, "article" | "main") {
            self.in_article = self.in_article.saturating_sub(1);
        }
        if !BLOCK_ELEMENTS.contains(&name) {
            return;
        }
        self.flush();
        self.contexts.pop();
        match name {
            "table" => {
                self.tables.pop();
            }
            "ul" | "ol" => self.list_depth = self.list_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn is_dropped(&self, element: &scraper::node::Element) -> bool {
        let name = element.name();
        let chrome = matches!(name, "header" | "footer") && self.in_article == 0;
        let hidden = element.attr("hidden").is_some()
            || element.attr("aria-hidden") == Some("true")
            || element.attr("style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        DROPPED.contains(&name) || chrome || hidden || (name == "input")
    }

    fn enter_block(&mut self, name: &str, element: &scraper::node::Element) {
        let inherited = *self
            .contexts
            .last()
            .expect("the root context is never popped");
        let context = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                Context {
                    kind: BlockKind::Heading,
                    level: Some(level),
                    table: None,
                    preformatted: false,
                }
            }
            "li" => Context {
                kind: BlockKind::ListItem,
                level: Some(self.list_depth.max(1)),
                table: None,
                preformatted: false,
            },
            "td" | "th" => Context {
                kind: BlockKind::TableCell,
                level: None,
                table: self.start_cell(element),
                preformatted: false,
            },
            "caption" | "figcaption" => Context {
                kind: BlockKind::Caption,
                level: None,
                table: None,
                preformatted: false,
            },
            "pre" => Context {
                kind: BlockKind::Paragraph,
                level: None,
                table: None,
                preformatted: true,
            },
            "table" => {
                self.tables.push(TableState {
                    index: self.next_table,
                    row: None,
                    col: 0,
                });
                self.next_table += 1;
                Context {
                    kind: BlockKind::Paragraph,
                    level: None,
                    table: None,
                    preformatted: false,
                }
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(table.row.map_or(0, |r| r + 1));
                    table.col = 0;
                }
                Context {
                    kind: BlockKind::Paragraph,
                    level: None,
                    table: None,
                    preformatted: false,
                }
            }
            "ul" | "ol" => {
                self.list_depth += 1;
                Context {
                    kind: BlockKind::Paragraph,
                    level: None,
                    table: None,
                    preformatted: false,
                }
            }
            // A div or p inside a cell or item is still part of that cell or item.
            _ if matches!(
                inherited.kind,
                BlockKind::TableCell | BlockKind::ListItem | BlockKind::Caption
            ) =>
            {
                inherited
            }
            _ => Context {
                kind: BlockKind::Paragraph,
                level: None,
                table: None,
                preformatted: inherited.preformatted,
            },
        };
        self.contexts.push(context);
    }

    /// The position of a cell; later cells of the row move right by its colspan.
    fn start_cell(&mut self, element: &scraper::node::Element) -> Option<TablePos> {
        let table = self.tables.last_mut()?;
        let position = TablePos {
            index: table.index,
            row: table.row.unwrap_or(0),
            col: table.col,
        };
        let span = element
            .attr("colspan")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .clamp(1, 1000);
        table.col += span;
        Some(position)
    }

    fn push_text(&mut self, text: &str) {
        let context = self.contexts.last().expect("root context");
        if context.preformatted {
            self.buffer.push_str(text);
            return;
        }
        // HTML collapses source line breaks and indentation to one space.
        for (i, word) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if i > 0 && !self.buffer.ends_with([' ', '\n']) {
                self.buffer.push(' ');
            }
            self.buffer.push_str(word);
        }
    }

    /// `<br>`: a line break inside a cell or item, a block break elsewhere
    /// (old pages separate whole paragraphs with `<br>`).
    fn line_break(&mut self) {
        let kind = self.contexts.last().map(|c| c.kind);
        if matches!(kind, Some(BlockKind::TableCell | BlockKind::ListItem)) {
            self.buffer.push('\n');
        } else {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.buffer.trim().is_empty() {
            self.buffer.clear();
            return;
        }
        let context = *self.contexts.last().expect("root context");
        let mut block = Block::new(context.kind, std::mem::take(&mut self.buffer));
        block.level = context.level;
        block.table = context.table;
        self.blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: impl AsRef<[u8]>) -> Vec<(BlockKind, Option<u32>, String)> {
        extract(html.as_ref(), &Limits::default())
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| {
                (
                    b.kind,
                    b.level,
                    b.text.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .collect()
    }

    fn texts(html: impl AsRef<[u8]>) -> Vec<String> {
        blocks(html).into_iter().map(|b| b.2).collect()
    }

    #[test]
    fn gbk_page_with_gb2312_declaration() {
        let (bytes, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>计划生育工作方案</p></body></html>",
        );
        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(out.blocks[0].text, "计划生育工作方案");
        assert_eq!(out.meta["declared_encoding"], "gb2312");
        assert_eq!(out.meta["encoding"], "gb18030");
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn declaration_after_the_first_kilobyte_is_found() {
        let padding = format!("<!-- {} -->", "x".repeat(2000));
        let page = format!(
            "<html><head>{padding}<meta charset=\"gbk\"></head><body><p>人口监测与家庭发展</p></body></html>"
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&page);
        assert_eq!(texts(&bytes), vec!["人口监测与家庭发展"]);
    }

    #[test]
    fn utf8_page_that_declares_gb2312_is_utf8_with_a_warning() {
        let page = "<html><head><meta charset=gb2312></head><body><p>免疫规划 Tiêm chủng</p></body></html>";
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.blocks[0].text, "免疫规划 Tiêm chủng");
        assert!(out.warnings[0].contains("declares charset gb2312"));
    }

    #[test]
    fn page_chrome_is_dropped_and_article_header_kept() {
        let page = r#"<html><body><header>Cổng thông tin</header><nav><a>Trang chủ</a></nav>
            <div><p>Nội dung chính của trang.</p></div>
            <aside>Tin khác</aside><footer>Địa chỉ</footer><script>var x = "LƯỢT TRUY CẬP";</script>
            <style>p{}</style><div style="display: none">ẩn</div></body></html>"#;
        assert_eq!(texts(page), vec!["Nội dung chính của trang."]);
        let long = "Dân số và phát triển. ".repeat(20);
        let article = format!(
            "<body><nav>Menu</nav><article><header><h1>Kế hoạch</h1></header><p>{long}</p></article><p>Liên kết</p></body>"
        );
        let found = texts(article.as_bytes());
        assert_eq!(found[0], "Kế hoạch");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn headings_lists_and_levels() {
        let page = b"<body><h2>I. Muc dich</h2><ul><li>Mot<ul><li>Hai</li></ul></li><li>Ba</li></ul><ol><li><p>Bon</p></li></ol></body>";
        let found = blocks(page);
        let kinds: Vec<_> = found.iter().map(|b| (b.0, b.1, b.2.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading, Some(2), "I. Muc dich"),
                (BlockKind::ListItem, Some(1), "Mot"),
                (BlockKind::ListItem, Some(2), "Hai"),
                (BlockKind::ListItem, Some(1), "Ba"),
                (BlockKind::ListItem, Some(1), "Bon"),
            ]
        );
    }

    #[test]
    fn table_positions_with_colspan_and_nested_tables() {
        let page = b"<body><table><tr><td colspan=2>A</td><td>B</td></tr><tr><td>C<table><tr><td>N</td></tr></table></td><td>D</td></tr></table></body>";
        let out = extract(page, &Limits::default()).unwrap();
        let cells: Vec<_> = out
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.table.map(|t| (t.index, t.row, t.col))))
            .collect();
        assert_eq!(
            cells,
            vec![
                ("A", Some((0, 0, 0))),
                ("B", Some((0, 0, 2))),
                ("C", Some((0, 1, 0))),
                ("N", Some((1, 0, 0))),
                ("D", Some((0, 1, 1))),
            ]
        );
    }

    #[test]
    fn br_splits_paragraphs_but_not_cells() {
        let page =
            b"<body><div>Mot<br>Hai<br><br>Ba</div><table><tr><td>X<br>Y</td></tr></table></body>";
        let out = extract(page, &Limits::default()).unwrap();
        let found: Vec<_> = out
            .blocks
            .iter()
            .map(|b| b.text.trim().to_string())
            .collect();
        assert_eq!(found, vec!["Mot", "Hai", "Ba", "X\nY"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            texts(b"<p>K&#7871; ho&#x1EA1;ch&nbsp;&eacute; &amp; m</p>"),
            vec!["Kế hoạch é & m"]
        );
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_text() {
        let depth = 50_000;
        let page = format!(
            "<body>{}Sâu<p>cuối</p>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert!(out.warnings[0].contains("deeper than 256"));
        let all: String = out
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains("Sâu") && all.contains("cuối"), "{all}");
    }

    #[test]
    fn shallow_pages_are_not_rewritten() {
        let page = format!("{}<p>x{}", "<div>".repeat(200), "</div>".repeat(200));
        assert!(flatten_deep_nesting(&page, 256).is_none());
        let deep = format!("{}x{}", "<div>".repeat(3), "</div>".repeat(3));
        assert_eq!(
            flatten_deep_nesting(&deep, 2).unwrap(),
            "<div><div> x </div></div>"
        );
    }

    #[test]
    fn metadata_is_read() {
        let page = r#"<html lang="vi"><head><title> Kế hoạch | Sở Y tế </title><meta name="Author" content="Sở Y tế"><meta property="article:published_time" content="2024-07-11"></head><body><p>x</p></body></html>"#;
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.meta["title"], "Kế hoạch | Sở Y tế");
        assert_eq!(out.meta["author"], "Sở Y tế");
        assert_eq!(out.meta["published"], "2024-07-11");
        assert_eq!(out.meta["lang"], "vi");
    }

    #[test]
    fn garbage_and_empty_input_do_not_fail() {
        assert!(extract(b"", &Limits::default()).unwrap().blocks.is_empty());
        let garbage: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(extract(&garbage, &Limits::default()).is_ok());
    }
}
