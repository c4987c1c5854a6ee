//! Bounding element nesting and attributes before html5ever sees the page.
//!
//! html5ever scans its stack of open elements for each block start tag (to
//! close an open `<p>`) and for each end tag that matches nothing open, so
//! parsing time grows with the square of the depth: 20,000 nested `<div>`s
//! take over a second, 100,000 `<span>`s followed by 100,000 stray `</i>`s
//! a minute and a half. Tags nested deeper than the limit are taken out here:
//! block-level ones become `<br>`, inline ones vanish, their text stays.
//!
//! This is a tag scanner, not a parser. It skips comments and raw text and
//! follows the parser's rules for closing elements, implied closes
//! included (`<p>a<p>b`, `<td>a<td>b`, `<li>a<li>b`), closely enough that
//! sloppy real pages are not rewritten: the deepest of the 43 real Chinese
//! test pages reaches 24 of its levels. Where it cannot follow the parser
//! exactly it errs towards keeping elements open, which costs at worst a
//! needless rewrite, never the parser's quadratic time.
//!
//! html5ever also compares each attribute of a start tag with those before
//! it (duplicates are dropped), so one tag with 40,000 distinct attributes
//! takes most of a second and 200,000 take minutes. Start tags keep their
//! first [`MAX_ATTRIBUTES`]; real elements have a few dozen at most.

use super::walk::is_block;
use memchr::memchr;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A start or end tag at the start of the haystack. Attribute values may
/// hold `>`; an unquoted `<` ends the attempt, which keeps each try short.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^</?[A-Za-z][^\s/<>]*(?:[^<>"']|"[^"]*"|'[^']*')*>"#).expect("valid regex")
});

/// The end tag of a raw-text element: tags before it, e.g. in
/// `document.write("<div>")`, are text.
static RAW_TEXT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)")
        .expect("valid regex")
});

/// Elements whose content the tokenizer reads as text.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
    )
}

/// Elements the scanner does not follow: void elements, the document's
/// own, table rows and sections (a table reset covers them) and elements
/// that only ever hold text.
fn is_untracked(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "html"
            | "head"
            | "body"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "colgroup"
            | "option"
            | "optgroup"
            | "rb"
            | "rp"
            | "rt"
            | "rtc"
            | "button"
    )
}

/// Rows, sections and cells: their tags first close whatever is open inside
/// the innermost table.
fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "col"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The parser's "special" elements: an end tag for an ordinary element
/// does not close past one of them.
fn is_special(name: &str) -> bool {
    (is_block(name) && name != "legend")
        || matches!(
            name,
            "applet" | "marquee" | "object" | "select" | "template"
        )
}

/// Special elements that stop a new `<li>`, `<dt>` or `<dd>` from closing
/// an open one.
fn is_strong(name: &str) -> bool {
    is_special(name) && !matches!(name, "address" | "div" | "p")
}

/// Elements that end tags and implied closes do not reach past.
fn is_scope(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Block start tags that first close an open `<p>`.
fn closes_p(name: &str) -> bool {
    is_block(name)
        && !matches!(
            name,
            "body"
                | "caption"
                | "html"
                | "legend"
                | "tbody"
                | "td"
                | "tfoot"
                | "th"
                | "thead"
                | "tr"
        )
}

/// The most attributes a start tag keeps.
pub(super) const MAX_ATTRIBUTES: usize = 100;

/// What the scan found, and the page rewritten within the bounds.
pub(super) struct Bounded {
    /// The rewritten page; `None` when it is within both bounds.
    pub html: Option<String>,
    /// Tags nested too deep were taken out.
    pub too_deep: bool,
    /// Some start tag lost the attributes past [`MAX_ATTRIBUTES`].
    pub attributes_cut: bool,
    /// Start tags on the page: what the parser's tree will hold.
    pub start_tags: usize,
}

/// One change to the page: the tag at `range` becomes `with`.
struct Edit {
    range: Range<usize>,
    with: Replacement,
}

enum Replacement {
    /// A too-deep tag: `<br>` for a block-level element, else nothing.
    TooDeep { block: bool },
    /// A start tag cut to its first attributes.
    Shortened(String),
}

/// The page with tags nested deeper than `max_depth` taken out and start
/// tags cut to [`MAX_ATTRIBUTES`], with the number of its start tags.
pub(super) fn bound(html: &str, max_depth: usize) -> Bounded {
    let (edits, start_tags) = edits(html, max_depth);
    let mut bounded = Bounded {
        html: None,
        too_deep: false,
        attributes_cut: false,
        start_tags,
    };
    if edits.is_empty() {
        return bounded;
    }
    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    for edit in edits {
        out.push_str(&html[copied_to..edit.range.start]);
        match edit.with {
            Replacement::TooDeep { block } => {
                bounded.too_deep = true;
                if block {
                    out.push_str("<br>");
                }
            }
            Replacement::Shortened(tag) => {
                bounded.attributes_cut = true;
                out.push_str(&tag);
            }
        }
        copied_to = edit.range.end;
    }
    out.push_str(&html[copied_to..]);
    bounded.html = Some(out);
    bounded
}

/// The changes [`bound`] makes, in page order, and the number of start tags.
fn edits(html: &str, max_depth: usize) -> (Vec<Edit>, usize) {
    let mut open = OpenElements::default();
    let mut edits = Vec::new();
    let mut start_tags = 0;
    let mut pos = 0;
    while let Some(offset) = memchr(b'<', &html.as_bytes()[pos..]) {
        let start = pos + offset;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            pos = comment
                .find("-->")
                .map_or(html.len(), |end| start + 4 + end + 3);
            continue;
        }
        // `find`, not `captures`: a match alone runs on the regex's DFA,
        // and the name is easy to read off the match.
        let Some(tag) = TAG.find(rest).map(|m| m.as_str()) else {
            pos = start + 1;
            continue;
        };
        let end = start + tag.len();
        pos = end;
        let (closing, after) = match tag[1..].strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, &tag[1..]),
        };
        let name = after
            .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let deep = if closing {
            open.end_tag(&name) == Some(true)
        } else if is_raw_text(&name) {
            pos = raw_text_end(html, end, &name);
            false
        } else {
            let self_closing = tag.ends_with("/>") && open.in_foreign(&name);
            open.start_tag(name.clone(), self_closing, max_depth)
        };
        start_tags += usize::from(!closing);
        let with = if deep {
            Some(Replacement::TooDeep {
                block: is_block(&name),
            })
        } else if closing {
            None
        } else {
            shortened(tag).map(Replacement::Shortened)
        };
        if let Some(with) = with {
            edits.push(Edit {
                range: start..end,
                with,
            });
        }
    }
    (edits, start_tags)
}

/// Start tag `tag` cut after its first [`MAX_ATTRIBUTES`] attributes, or
/// `None` when it has no more than that.
fn shortened(tag: &str) -> Option<String> {
    // Each attribute takes at least two bytes (a name and a space).
    if tag.len() <= 2 * MAX_ATTRIBUTES {
        return None;
    }
    let bytes = tag.as_bytes();
    let name_end = tag[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(tag.len(), |i| i + 1);
    let mut pos = name_end;
    let mut count = 0;
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            pos += 1;
        }
        if pos >= bytes.len() || bytes[pos] == b'>' {
            return None;
        }
        if count == MAX_ATTRIBUTES {
            let close = if tag.ends_with("/>") { "/>" } else { ">" };
            return Some(format!("{}{close}", tag[..pos].trim_end()));
        }
        pos = attribute_end(bytes, pos);
        count += 1;
    }
}

/// Where the attribute starting at `pos` (its name, then `=` and a value
/// if it has one) ends.
fn attribute_end(bytes: &[u8], mut pos: usize) -> usize {
    let stops_name = |b: u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=');
    // The first character is part of the name even when it is `=`.
    pos += 1;
    while pos < bytes.len() && !stops_name(bytes[pos]) {
        pos += 1;
    }
    let mut after = pos;
    while after < bytes.len() && bytes[after].is_ascii_whitespace() {
        after += 1;
    }
    if bytes.get(after) != Some(&b'=') {
        return pos;
    }
    after += 1;
    while after < bytes.len() && bytes[after].is_ascii_whitespace() {
        after += 1;
    }
    match bytes.get(after) {
        Some(&quote @ (b'"' | b'\'')) => {
            memchr(quote, &bytes[after + 1..]).map_or(bytes.len(), |end| after + 1 + end + 1)
        }
        _ => {
            while after < bytes.len() && !bytes[after].is_ascii_whitespace() && bytes[after] != b'>'
            {
                after += 1;
            }
            after
        }
    }
}

/// Where the raw text of element `name` opened at `from` ends: at its end
/// tag, or at the end of the page when it is never closed.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    RAW_TEXT_END
        .captures_iter(&html[from..])
        .find(|c| c[1].eq_ignore_ascii_case(name))
        .and_then(|c| c.get(0))
        .map_or(html.len(), |m| from + m.start())
}

/// The parser's stack of open elements, as far as the scanner follows it.
///
/// Every lookup is constant time: besides the stack, it keeps the stack
/// indexes of each name's open elements and of the open elements of each
/// category the closing rules ask about, innermost last.
#[derive(Default)]
struct OpenElements {
    /// Open elements, innermost last, each with whether it is too deep.
    stack: Vec<(String, bool)>,
    by_name: HashMap<String, Vec<usize>>,
    special: Vec<usize>,
    strong: Vec<usize>,
    scope: Vec<usize>,
    heading: Vec<usize>,
}

impl OpenElements {
    fn innermost(&self, name: &str) -> Option<usize> {
        self.by_name.get(name)?.last().copied()
    }

    /// Whether a start tag of `name` is SVG or MathML, where `/>` closes
    /// the element (in HTML it does not: `<div/>` is an open div).
    fn in_foreign(&self, name: &str) -> bool {
        matches!(name, "svg" | "math")
            || self.innermost("svg").is_some()
            || self.innermost("math").is_some()
    }

    /// Follows a start tag; true when the element lies deeper than
    /// `max_depth` and must go.
    fn start_tag(&mut self, name: String, self_closing: bool, max_depth: usize) -> bool {
        if closes_p(&name) {
            self.close_within_scope(self.innermost("p"));
        }
        if is_table_part(&name) {
            let Some(table) = self.innermost("table") else {
                return false; // outside a table the parser ignores it
            };
            self.truncate(table + 1);
            if !matches!(name.as_str(), "td" | "th" | "caption") {
                return false;
            }
        } else if name == "li" {
            self.close_unless_strong_above(self.innermost("li"));
        } else if name == "dt" || name == "dd" {
            let item = self.innermost("dt").max(self.innermost("dd"));
            self.close_unless_strong_above(item);
        } else if is_heading(&name) {
            if self
                .heading
                .last()
                .is_some_and(|&h| h + 1 == self.stack.len())
            {
                self.truncate(self.stack.len() - 1);
            }
        } else if name == "a" || name == "nobr" {
            // The parser's adoption agency closes the open one, simply when
            // nothing special lies inside it.
            if let Some(open) = self.innermost(&name)
                && self.special.last().is_none_or(|&s| s < open)
            {
                self.truncate(open);
            }
        }
        if is_untracked(&name) || self_closing {
            return false;
        }
        self.push(name, max_depth)
    }

    /// Follows an end tag; returns whether the element it closes was too
    /// deep, or `None` when it closes nothing the scanner follows.
    fn end_tag(&mut self, name: &str) -> Option<bool> {
        if matches!(name, "tr" | "tbody" | "thead" | "tfoot") {
            let table = self.innermost("table")?;
            self.truncate(table + 1);
            return None;
        }
        let target = if is_heading(name) {
            *self.heading.last()?
        } else {
            self.innermost(name)?
        };
        let reachable = match name {
            // From inside a cell, the cell is closed first.
            "table" => true,
            "li" => {
                let list = self.innermost("ul").max(self.innermost("ol"));
                list.is_none_or(|l| l < target) && self.scope.last().is_none_or(|&s| s < target)
            }
            _ if is_special(name) => self.scope.last().is_none_or(|&s| s <= target),
            _ => self.special.last().is_none_or(|&s| s < target),
        };
        if reachable {
            self.truncate(target)
        } else {
            None
        }
    }

    /// Closes the element at `index` if no scope boundary lies above it.
    fn close_within_scope(&mut self, index: Option<usize>) {
        if let Some(index) = index
            && self.scope.last().is_none_or(|&s| s < index)
        {
            self.truncate(index);
        }
    }

    /// Closes the list item at `index` unless a special element other than
    /// `address`, `div` or `p` lies above it.
    fn close_unless_strong_above(&mut self, index: Option<usize>) {
        if let Some(index) = index
            && self.strong.last().is_none_or(|&s| s <= index)
        {
            self.truncate(index);
        }
    }

    fn push(&mut self, name: String, max_depth: usize) -> bool {
        let index = self.stack.len();
        let too_deep = index >= max_depth;
        for (applies, positions) in [
            (is_special(&name), &mut self.special),
            (is_strong(&name), &mut self.strong),
            (is_scope(&name), &mut self.scope),
            (is_heading(&name), &mut self.heading),
        ] {
            if applies {
                positions.push(index);
            }
        }
        self.by_name.entry(name.clone()).or_default().push(index);
        self.stack.push((name, too_deep));
        too_deep
    }

    /// Pops elements until `len` remain; returns whether the last one
    /// popped was too deep.
    fn truncate(&mut self, len: usize) -> Option<bool> {
        let mut last = None;
        while self.stack.len() > len {
            let (name, too_deep) = self.stack.pop()?;
            let index = self.stack.len();
            for positions in [
                &mut self.special,
                &mut self.strong,
                &mut self.scope,
                &mut self.heading,
            ] {
                if positions.last() == Some(&index) {
                    positions.pop();
                }
            }
            if let Some(positions) = self.by_name.get_mut(&name) {
                positions.pop();
            }
            last = Some(too_deep);
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flatten(html: &str, max_depth: usize) -> Option<String> {
        bound(html, max_depth).html
    }

    #[test]
    fn start_tags_keep_their_first_attributes() {
        let many: String = (0..150).map(|i| format!(" a{i}='x>{i}'")).collect();
        let page = format!("<p class=c{many} hidden/>text</p>");
        let bounded = bound(&page, 256);
        assert!(bounded.attributes_cut && !bounded.too_deep);
        assert_eq!(bounded.start_tags, 1);
        let kept: String = (0..99).map(|i| format!(" a{i}='x>{i}'")).collect();
        assert_eq!(bounded.html.unwrap(), format!("<p class=c{kept}/>text</p>"));
        // Exactly the limit, or long values: nothing changes.
        let hundred: String = (0..100).map(|i| format!(" b{i}")).collect();
        assert!(flatten(&format!("<div{hundred}>x</div>"), 256).is_none());
        let long = format!("<a href=\"{}\" title = x>y</a>", "u".repeat(5000));
        assert!(flatten(&long, 256).is_none());
    }

    #[test]
    fn shallow_pages_are_not_rewritten() {
        let page = format!("{}<p>x{}", "<div>".repeat(200), "</div>".repeat(200));
        assert!(flatten(&page, 256).is_none());
    }

    #[test]
    fn deep_blocks_become_line_breaks_and_deep_inline_tags_vanish() {
        let deep = "<div><section><div>x<b>y</b></div>z</section></div>";
        assert_eq!(
            flatten(deep, 2).unwrap(),
            "<div><section><br>xy<br>z</section></div>"
        );
    }

    #[test]
    fn implied_closes_do_not_add_up() {
        let sloppy = [
            "<div><p>x</p></div>",
            "<p><font color=red>x",
            "<li><a href=#><font>x</a>",
            "<table><tr><td><font><b>x<td><span>y</table>",
            "<dl><dt><i>x<dd><i>y</dl>",
            "<h1><font>x</h1>",
            "<p><a>x<img><br/><svg><path/></svg>",
        ];
        for page in sloppy {
            let page = format!("<div>{}</div>", page.repeat(1000));
            assert!(flatten(&page, 8).is_none(), "{page:.80}");
        }
    }

    #[test]
    fn elements_the_parser_keeps_open_do_add_up() {
        // In HTML `/>` does not close; `</span>` does not close past a div.
        assert!(flatten("<div/><div/><div/>", 2).is_some());
        assert!(flatten(&"<span><div></span>".repeat(3), 4).is_some());
        assert!(flatten(&"<ul><li><blockquote>".repeat(3), 4).is_some());
    }

    #[test]
    fn tags_in_comments_scripts_and_attributes_do_not_count() {
        let page = format!(
            "<div><!-- {} --><script>document.write('{}')</script><i title='<div>'>x</i></div>",
            "<div>".repeat(10),
            "<div>".repeat(10)
        );
        assert!(flatten(&page, 2).is_none());
        assert!(flatten("<div><script>unclosed <div><div>", 1).is_none());
        assert!(flatten("<div><!-- unclosed <div><div>", 1).is_none());
    }

    #[test]
    fn end_tag_inside_a_table_does_not_close_outside_it() {
        // The parser ignores that </div>, so the inner div is really nested.
        let page = "<div><table><tr><td></div><div>x</div></td></tr></table></div>";
        assert_eq!(
            flatten(page, 3).unwrap(),
            "<div><table><tr><td></div><br>x<br></td></tr></table></div>"
        );
    }
}
