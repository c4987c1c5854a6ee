//! One document as a translator reads it: a self-contained HTML page of a
//! record's blocks in reading order, with sentences, glossary terms and
//! source artefacts marked, what extraction warned about at the top, and
//! the page furniture (headers and footers) apart.
//!
//! Writing to a `String` cannot fail: the results of `write!` are ignored.

use crate::model::{Block, BlockKind, Lang, TablePos, TermHit};
use crate::output::Record;
use crate::qa::artefacts::{ArtefactHit, ArtefactList};
use crate::qa::html::{Escaped, Insert, Mark, translations, write_marked};
use std::fmt::Write;

/// One self-contained HTML page (no network, no scripts, no external
/// files) of `record`: its warnings and error first, then each block in
/// order with its kind, label and place (headings as headings, list items
/// with their labels, the cells of a table row side by side, footnotes
/// linked from their marks), each sentence a `span.sentence`, each term
/// hit a `mark.term` (`deprecated`, `variant`) titled with the entry's
/// translations, and each artefact of `artefacts` in Chinese blocks a
/// `mark.artefact` titled with the likely original. Headers and footers
/// come last, in `section#furniture`.
pub fn page(record: &Record, artefacts: &ArtefactList) -> String {
    let blocks: Vec<Shown> = record
        .blocks
        .iter()
        .map(|block| Shown::new(block, artefacts))
        .collect();
    let (furniture, text): (Vec<&Shown>, Vec<&Shown>) =
        blocks.iter().partition(|shown| is_furniture(shown.block));
    let text_bytes: usize = record.blocks.iter().map(|b| b.text.len()).sum();
    let mut out = String::with_capacity(8192 + text_bytes * 3);
    let title = record
        .meta
        .get("title")
        .filter(|title| !title.trim().is_empty())
        .map_or_else(|| file_name(&record.path), String::as_str);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        Escaped(title)
    );
    header(&mut out, record, title, &blocks);
    problems(&mut out, record);
    legend(&mut out);
    out.push_str("<main id=\"text\">\n");
    if text.is_empty() {
        out.push_str("<p class=\"empty\">No text.</p>\n");
    }
    write_blocks(&mut out, &text);
    out.push_str("</main>\n");
    if !furniture.is_empty() {
        out.push_str(
            "<section id=\"furniture\">\n<h2>Page furniture</h2>\n<p class=\"note\">Headers \
             and footers, removed from the text flow.</p>\n",
        );
        write_blocks(&mut out, &furniture);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A block with the artefacts found in it.
struct Shown<'a> {
    block: &'a Block,
    artefacts: Vec<ArtefactHit>,
}

impl<'a> Shown<'a> {
    /// Artefacts are looked for in Chinese blocks only: the list holds
    /// Chinese phrases that are words of no other language.
    fn new(block: &'a Block, list: &ArtefactList) -> Self {
        let artefacts = if block.lang == Lang::Zh {
            list.find(&block.text)
        } else {
            Vec::new()
        };
        Shown { block, artefacts }
    }
}

fn is_furniture(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Header | BlockKind::Footer)
}

/// The last part of a path, `/` or `\` separated.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The title, the path, and counts of what the page marks.
fn header(out: &mut String, record: &Record, title: &str, blocks: &[Shown]) {
    let count = |of: fn(&Shown) -> usize| blocks.iter().map(of).sum::<usize>();
    let sentences = count(|s| s.block.sentences.len());
    let terms = count(|s| s.block.terms.len());
    let deprecated = count(|s| s.block.terms.iter().filter(|t| t.entry.deprecated).count());
    let artefacts = count(|s| s.artefacts.len());
    let format = record
        .format
        .and_then(|format| serde_json::to_value(format).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"path\">{}</p>\n<dl class=\"facts\">\
         <div><dt>format</dt><dd>{format}</dd></div>\
         <div><dt>language</dt><dd>{}</dd></div>\
         <div><dt>blocks</dt><dd>{}</dd></div>\
         <div><dt>sentences</dt><dd>{sentences}</dd></div>\
         <div><dt>terms</dt><dd>{terms}</dd></div>\
         <div class=\"bad\"><dt>deprecated</dt><dd>{deprecated}</dd></div>\
         <div class=\"odd\"><dt>artefacts</dt><dd>{artefacts}</dd></div></dl>\n",
        Escaped(title),
        Escaped(&record.path),
        record.lang.code(),
        blocks.len()
    );
    let meta: Vec<_> = record
        .meta
        .iter()
        .filter(|(key, _)| *key != "title")
        .collect();
    if !meta.is_empty() {
        out.push_str("<dl class=\"meta\">");
        for (key, value) in meta {
            let _ = write!(
                out,
                "<div><dt>{}</dt><dd>{}</dd></div>",
                Escaped(key),
                Escaped(value)
            );
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</header>\n");
}

/// The record's error and warnings, when it has any.
fn problems(out: &mut String, record: &Record) {
    if let Some(error) = &record.error {
        let kind = serde_json::to_value(error.kind)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<section id=\"error\">\n<h2>The document could not be read</h2>\n\
             <p><code>{}</code> {}</p>\n</section>\n",
            Escaped(&kind),
            Escaped(&error.message)
        );
    }
    if record.warnings.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"warnings\" data-count=\"{}\">\n<h2>Warnings</h2>\n<ul>\n",
        record.warnings.len()
    );
    for warning in &record.warnings {
        let _ = writeln!(out, "<li>{}</li>", Escaped(warning));
    }
    out.push_str("</ul>\n</section>\n");
}

/// What the marks mean. Swatches are spans of their own classes, so that
/// they count as none of the marks.
fn legend(out: &mut String) {
    out.push_str(
        "<p id=\"legend\"><span class=\"swatch s-sentence\">one sentence</span>\
         <span class=\"swatch s-sentence s-next\">the next</span> \
         <span class=\"swatch s-term\">glossary term</span> \
         <span class=\"swatch s-term s-variant\">variant form</span> \
         <span class=\"swatch s-deprecated\">deprecated term</span> \
         <span class=\"swatch s-artefact\">source artefact</span> \
         <span class=\"hint\">Hover a mark for its glossary entry or the likely original.</span></p>\n",
    );
}

/// `blocks` in order, the cells of one table's rows side by side.
fn write_blocks(out: &mut String, blocks: &[&Shown]) {
    let mut rest = blocks;
    while let Some(first) = rest.first() {
        match first.block.table {
            Some(table) if first.block.kind == BlockKind::TableCell => {
                let length = rest
                    .iter()
                    .take_while(|shown| same_table(shown.block, table))
                    .count();
                write_table(out, &rest[..length], table);
                rest = &rest[length..];
            }
            _ => {
                write_block(out, first);
                rest = &rest[1..];
            }
        }
    }
}

fn same_table(block: &Block, table: TablePos) -> bool {
    block.kind == BlockKind::TableCell && block.table.is_some_and(|t| t.index == table.index)
}

/// A run of cells of one table, a row of cells for each row met.
fn write_table(out: &mut String, cells: &[&Shown], table: TablePos) {
    let _ = writeln!(out, "<div class=\"table\" data-table=\"{}\">", table.index);
    let mut rest = cells;
    while let Some(first) = rest.first() {
        let row = first.block.table.map(|t| t.row);
        let length = rest
            .iter()
            .take_while(|shown| shown.block.table.map(|t| t.row) == row)
            .count();
        out.push_str("<div class=\"row\">\n");
        for cell in &rest[..length] {
            write_block(out, cell);
        }
        out.push_str("</div>\n");
        rest = &rest[length..];
    }
    out.push_str("</div>\n");
}

/// One block: an `article` with where it is, its label, and its text.
fn write_block(out: &mut String, shown: &Shown) {
    let block = shown.block;
    let kind = kind_name(block.kind);
    let _ = write!(
        out,
        "<article class=\"block\" data-kind=\"{kind}\" lang=\"{}\"",
        block.lang.code()
    );
    if let Some(level) = block.level {
        let _ = write!(out, " data-level=\"{level}\"");
        if block.kind == BlockKind::ListItem {
            let _ = write!(
                out,
                " style=\"--indent: {}\"",
                level.saturating_sub(1).min(8)
            );
        }
    }
    if let Some(id) = &block.id {
        let _ = write!(out, " id=\"block-{}\"", Escaped(id));
    }
    let _ = write!(
        out,
        ">\n<div class=\"where\">{}</div>",
        Escaped(&place(block))
    );
    match (&block.label, block.kind) {
        (Some(label), BlockKind::Footnote) => {
            let _ = write!(out, "<span class=\"label\">[{}]</span>", Escaped(label));
        }
        (Some(label), _) => {
            let _ = write!(out, "<span class=\"label\">{}</span>", Escaped(label));
        }
        (None, _) => {}
    }
    let element = text_element(block);
    let _ = write!(out, "<{element} class=\"text\">");
    write_marked(out, &block.text, &marks(shown), &note_marks(block));
    let _ = write!(out, "</{element}>\n</article>\n");
}

/// The name the record's JSON gives a kind.
fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list_item",
        BlockKind::TableCell => "table_cell",
        BlockKind::Caption => "caption",
        BlockKind::Footnote => "footnote",
        BlockKind::Header => "header",
        BlockKind::Footer => "footer",
    }
}

/// Where a block is, for a reader: its kind and level, table place
/// (1-based), sheet and page.
fn place(block: &Block) -> String {
    let mut place = kind_name(block.kind).replace('_', " ");
    if let Some(level) = block.level {
        let _ = write!(place, " {level}");
    }
    if let Some(table) = block.table {
        let _ = write!(
            place,
            " · table {} row {} col {}",
            table.index + 1,
            table.row + 1,
            table.col + 1
        );
    }
    if let Some(sheet) = &block.sheet {
        let _ = write!(place, " · sheet {sheet}");
    }
    if let Some(page) = block.page {
        let _ = write!(place, " · p. {page}");
    }
    place
}

/// Headings as `h2`…`h6` by level (the page's title is the `h1`); other
/// text as a paragraph.
fn text_element(block: &Block) -> &'static str {
    if block.kind != BlockKind::Heading {
        return "p";
    }
    match block.level.unwrap_or(1) {
        0 | 1 => "h2",
        2 => "h3",
        3 => "h4",
        4 => "h5",
        _ => "h6",
    }
}

/// Sentences outermost, then terms, then artefacts: where they cross, the
/// inner one is split.
fn marks(shown: &Shown) -> Vec<Mark> {
    let block = shown.block;
    let sentences = block.sentences.iter().map(|span| Mark {
        start: span.start,
        end: span.end,
        layer: 0,
        tag: "span",
        attributes: " class=\"sentence\"".to_owned(),
    });
    let terms = block.terms.iter().map(term_mark);
    let artefacts = shown.artefacts.iter().map(|hit| {
        let mut title = format!("likely {}", hit.original);
        if !hit.note.is_empty() {
            let _ = write!(title, "\n{}", hit.note);
        }
        Mark {
            start: hit.start,
            end: hit.end,
            layer: 2,
            tag: "mark",
            attributes: format!(" class=\"artefact\" title=\"{}\"", Escaped(&title)),
        }
    });
    sentences.chain(terms).chain(artefacts).collect()
}

/// A term hit's mark: titled with the entry's translations, status, full
/// form and glossary file.
fn term_mark(hit: &TermHit) -> Mark {
    let entry = &hit.entry;
    let mut title = translations(&entry.terms);
    if entry.deprecated {
        title.push_str("\nDEPRECATED: replace it");
    }
    if let Some(status) = entry.status.as_deref().filter(|_| !entry.deprecated) {
        let _ = write!(title, "\nstatus: {status}");
    }
    if hit.variant {
        title.push_str("\n(a variant form of the entry)");
    }
    if let Some(full) = &entry.full_form {
        let _ = write!(title, "\nabbreviation of {}", translations(full));
    }
    if !entry.glossary.is_empty() {
        let _ = write!(title, "\nfrom {}", entry.glossary);
    }
    let class = match (entry.deprecated, hit.variant) {
        (true, true) => "term deprecated variant",
        (true, false) => "term deprecated",
        (false, true) => "term variant",
        (false, false) => "term",
    };
    Mark {
        start: hit.start,
        end: hit.end,
        layer: 1,
        tag: "mark",
        attributes: format!(" class=\"{class}\" title=\"{}\"", Escaped(&title)),
    }
}

/// The block's note marks, linked to their notes.
fn note_marks(block: &Block) -> Vec<Insert> {
    block
        .notes
        .iter()
        .map(|note| Insert {
            at: note.offset,
            html: format!(
                "<sup class=\"noteref\"><a href=\"#block-{}\">{}</a></sup>",
                Escaped(&note.id),
                Escaped(&note.label)
            ),
        })
        .collect()
}

/// The page's look: a reading column, places in a grey gutter, sentences
/// in alternating tints, terms yellow, deprecated terms red, artefacts
/// violet.
const STYLE: &str = r#"
:root { --ink: #1f2430; --muted: #6b7280; --rule: #e5e7eb; --ground: #f6f7f9; --paper: #ffffff;
  --tint: #e9f0f8; --term: #fff1b3; --term-edge: #d4a400; --bad: #fbd5d5; --bad-ink: #b42318;
  --odd: #ebe5fd; --odd-edge: #6d4fe0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 0 1.5rem 3rem; background: var(--ground);
  color: var(--ink); font: 16px/1.7 "Noto Sans", "Segoe UI", system-ui, sans-serif; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
header h1 { margin: 1.2rem 0 0; font-size: 1.45rem; line-height: 1.3; }
.path { margin: .1rem 0 .6rem; color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
dl.facts, dl.meta { display: flex; flex-wrap: wrap; gap: .4rem 1.8rem; margin: 0 0 .6rem; }
dl.facts div, dl.meta div { display: flex; flex-direction: column-reverse; }
dl dt { color: var(--muted); font-size: .75rem; }
dl dd { margin: 0; font-weight: 600; }
dl.meta dd { font-weight: normal; font-size: .85rem; }
dl.facts .bad dd { color: var(--bad-ink); }
dl.facts .odd dd { color: var(--odd-edge); }
section, main { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px;
  padding: 1rem 1.4rem; margin-bottom: 1rem; }
section h2 { font-size: 1rem; margin: 0 0 .4rem; }
#error { border-color: var(--bad-ink); background: #fff5f5; }
#warnings { border-color: #e8c56a; background: #fffbeb; font-size: .9rem; }
#warnings ul { margin: 0; padding-left: 1.2rem; }
#legend { font-size: .8rem; color: var(--muted); margin: 0 0 .8rem; display: flex;
  flex-wrap: wrap; gap: .5rem; align-items: center; }
.swatch { padding: 0 .3rem; border-radius: 3px; color: var(--ink); }
.hint { margin-left: auto; }
article.block { display: grid; grid-template-columns: 8.5rem minmax(1.6rem, max-content) 1fr;
  column-gap: .5rem; align-items: baseline; padding: .2rem 0; }
article.block[data-kind="list_item"] > :nth-child(2) { margin-left: calc(var(--indent, 0) * 1.5rem); }
.where { grid-column: 1; color: var(--muted); font-size: .72rem; line-height: 1.3; }
.label { grid-column: 2; font-weight: 600; color: #475467; text-align: right; }
.text { grid-column: 3; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
h2.text { font-size: 1.3rem; } h3.text { font-size: 1.15rem; } h4.text, h5.text, h6.text { font-size: 1.02rem; }
article[data-kind="heading"] { margin-top: .8rem; }
article[data-kind="caption"] .text, article[data-kind="footnote"] .text { font-size: .9rem; color: #344054; }
article[data-kind="footnote"] { border-top: 1px solid var(--rule); }
.table { overflow-x: auto; margin: .4rem 0; border: 1px solid var(--rule); border-radius: 6px; }
.table .row { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(9rem, 1fr);
  border-bottom: 1px solid var(--rule); }
.table .row:last-child { border-bottom: 0; }
.table article.block { display: block; padding: .3rem .6rem; border-left: 1px solid var(--rule); }
.table article.block:first-child { border-left: 0; }
.table .label { margin-right: .3rem; }
span.sentence, .s-sentence { border-radius: 3px; padding: 1px 0; box-decoration-break: clone;
  -webkit-box-decoration-break: clone; }
span.sentence:nth-of-type(even), .s-next { background: var(--tint); }
mark { color: inherit; background: none; }
mark.term, .s-term { background: var(--term); border-bottom: 2px solid var(--term-edge);
  border-radius: 2px; margin: 0 1px; }
mark.term.variant, .s-variant { border-bottom-style: dotted; }
mark.term.deprecated, .s-deprecated { background: var(--bad); border-bottom: 2px solid var(--bad-ink);
  text-decoration: line-through wavy var(--bad-ink); text-decoration-thickness: 1px; }
mark.artefact, .s-artefact { background: var(--odd); outline: 1.5px solid var(--odd-edge);
  outline-offset: -1px; border-radius: 2px; }
mark[title] { cursor: help; }
.noteref { font-size: .7em; line-height: 0; }
.noteref a { color: #1d4ed8; text-decoration: none; }
#furniture { background: #f1f2f4; color: #7b8190; }
#furniture .note { font-size: .85rem; margin: 0 0 .5rem; }
#furniture article { opacity: .7; }
.empty { color: var(--muted); }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, parse_tsv};
    use crate::model::{DocError, ErrorKind, HitEntry, NoteRef, Span, Terms};
    use crate::pipeline::Pipeline;
    use crate::qa::html::tests::{balanced, count};
    use std::sync::Arc;

    fn pipeline() -> Pipeline {
        let entries = parse_tsv(
            "vi\tzh\tstatus\n\
             Kế hoạch hóa gia đình\t计划生育\t\n\
             Dân số\t人口\t\n\
             Sinh đẻ có kế hoạch\t\tdeprecated\n\
             \t基本公共服务\t\n",
        )
        .unwrap();
        Pipeline {
            glossary: Glossary::new(entries),
            ..Default::default()
        }
    }

    #[test]
    fn a_processed_document_shows_its_sentences_and_terms() {
        let text = "Kế hoạch năm 2025\n\n\
                    Công tác Dân số và kế hoạch hóa gia đình. Bỏ cách nói sinh đẻ có kế hoạch. \
                    Giữ <script>alert(1)</script> & \"nguyên\" văn.\n";
        let record = pipeline().process_bytes(text.as_bytes(), "a.txt");
        let html = page(&record, ArtefactList::shipped());
        assert!(balanced(&html), "{html}");
        let sentences: usize = record.blocks.iter().map(|b| b.sentences.len()).sum();
        let terms: usize = record.blocks.iter().map(|b| b.terms.len()).sum();
        assert!(sentences >= 4 && terms >= 3, "{record:?}");
        assert_eq!(count(&html, "span", &["sentence"]), sentences);
        assert_eq!(count(&html, "mark", &["term"]), terms);
        assert_eq!(count(&html, "mark", &["term", "deprecated"]), 1);
        assert_eq!(count(&html, "article", &["block"]), record.blocks.len());
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;nguyên&quot;"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn artefacts_are_marked_in_chinese_blocks_only() {
        let text = "推进根本公共效劳均等化，加强人口监测。\n\n方案生育工作。\n";
        let record = pipeline().process_bytes(text.as_bytes(), "zh.txt");
        assert!(record.blocks.iter().all(|b| b.lang == Lang::Zh));
        let html = page(&record, ArtefactList::shipped());
        assert!(balanced(&html), "{html}");
        assert_eq!(count(&html, "mark", &["artefact"]), 2, "{html}");
        assert!(html.contains("<mark class=\"artefact\" title=\"likely 基本公共服务"));
        let mut vietnamese = record.clone();
        vietnamese.blocks.iter_mut().for_each(|b| b.lang = Lang::Vi);
        let html = page(&vietnamese, ArtefactList::shipped());
        assert_eq!(count(&html, "mark", &["artefact"]), 0);
    }

    fn hit(start: usize, end: usize, text: &str, deprecated: bool) -> TermHit {
        let terms: Terms = [(Arc::from("vi"), Box::from(text))].into_iter().collect();
        TermHit {
            start,
            end,
            text: text.into(),
            variant: !deprecated,
            entry: Arc::new(HitEntry {
                terms: Arc::new(terms),
                id: None,
                status: deprecated.then(|| "deprecated".to_owned()),
                deprecated,
                full_form: None,
                glossary: Arc::from("g.tsv"),
            }),
        }
    }

    fn block(kind: BlockKind, text: &str) -> Block {
        let mut block = Block::new(kind, text);
        block.lang = Lang::Zh;
        block
    }

    /// A record with every kind of block, spans that cross, furniture,
    /// notes, warnings and an error.
    fn odd_record() -> Record {
        let mut record = Record::empty("dir/odd <doc>.docx");
        record.warnings = vec!["a <warning> & more".into()];
        record.error = Some(DocError::new(ErrorKind::Corrupt, "bad \"zip\""));
        let mut heading = block(BlockKind::Heading, "一、方案生育").with_level(2);
        heading.sentences = vec![Span { start: 0, end: 6 }];
        heading.terms = vec![hit(2, 4, "方案", true)];
        let mut paragraph = block(BlockKind::Paragraph, "甲乙。丙丁方案生育。");
        paragraph.sentences = vec![Span { start: 0, end: 3 }, Span { start: 3, end: 10 }];
        // A term across the sentence boundary, and one inside an artefact.
        paragraph.terms = vec![hit(1, 4, "乙。丙", false), hit(7, 9, "生育", false)];
        paragraph.notes = vec![NoteRef {
            id: "footnote-1".into(),
            label: "1".into(),
            offset: 2,
        }];
        let mut item = block(BlockKind::ListItem, "项目").with_level(3);
        item.label = Some("a)".into());
        let cell = |row, col| {
            block(BlockKind::TableCell, "格").with_table(TablePos { index: 0, row, col })
        };
        let mut note = block(BlockKind::Footnote, "注释");
        note.label = Some("1".into());
        note.id = Some("footnote-1".into());
        let mut footer = block(BlockKind::Footer, "第 1 页");
        footer.sentences = vec![Span { start: 0, end: 5 }];
        record.blocks = vec![
            block(BlockKind::Header, "页眉"),
            heading,
            paragraph,
            item,
            cell(0, 0),
            cell(0, 1),
            cell(1, 0),
            note,
            footer,
        ];
        record
    }

    #[test]
    fn crossing_spans_furniture_and_problems_make_well_formed_html() {
        let record = odd_record();
        let html = page(&record, ArtefactList::shipped());
        assert!(balanced(&html), "{html}");
        assert_eq!(count(&html, "article", &["block"]), 9);
        assert_eq!(count(&html, "span", &["sentence"]), 4);
        // Split in two: the term across the sentence boundary, and both
        // artefacts, which overlap a term.
        assert_eq!(count(&html, "mark", &["term"]), 4);
        assert_eq!(html.matches("data-continued").count(), 3);
        assert!(
            html.contains(
                "<p class=\"text\"><span class=\"sentence\">甲<mark class=\"term variant\""
            )
        );
        assert_eq!(count(&html, "mark", &["term", "deprecated"]), 1);
        assert_eq!(count(&html, "mark", &["term", "variant"]), 3);
        assert_eq!(count(&html, "mark", &["artefact"]), 2 + 2);
        assert!(html.contains("<article class=\"block\" data-kind=\"heading\""));
        assert!(html.contains("<h3 class=\"text\">"));
        assert!(html.contains("<span class=\"label\">a)</span>"));
        assert!(html.contains("table 1 row 2 col 1"));
        assert_eq!(html.matches("<div class=\"row\">").count(), 2);
        assert!(html.contains("<a href=\"#block-footnote-1\">1</a>"));
        assert!(html.contains("id=\"block-footnote-1\""));
        assert!(html.contains("<li>a &lt;warning&gt; &amp; more</li>"));
        assert!(html.contains("<code>corrupt</code> bad &quot;zip&quot;"));
        assert!(html.contains("<title>odd &lt;doc&gt;.docx</title>"));
        let furniture = &html[html.find("<section id=\"furniture\">").unwrap()..];
        assert_eq!(count(furniture, "article", &["block"]), 2);
        assert!(furniture.contains("data-kind=\"header\"") && furniture.contains("第 1 页"));
        let main = &html[..html.find("<section id=\"furniture\">").unwrap()];
        assert!(!main.contains("data-kind=\"footer\""));
    }

    #[test]
    fn empty_and_broken_records_make_a_page() {
        let html = page(&Record::empty(""), ArtefactList::shipped());
        assert!(balanced(&html));
        assert!(html.contains("No text."));
        assert!(!html.contains("id=\"warnings\"") && !html.contains("id=\"furniture\""));
        let mut record = odd_record();
        for block in &mut record.blocks {
            block.sentences.push(Span {
                start: 3,
                end: 1000,
            });
            block.terms.push(hit(1000, 2000, "x", false));
            block.level = Some(u32::MAX);
            block.table = None;
        }
        let html = page(&record, ArtefactList::shipped());
        assert!(balanced(&html), "{html}");
    }
}
