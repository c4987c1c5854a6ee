//! The QA report as one self-contained HTML page: a summary, then every
//! unit of every file with its source and target side by side, glossary
//! terms and findings marked in them, and filters that hide rows.
//!
//! Also the pieces [`crate::review`] builds its page from: [`Escaped`]
//! text and [`write_marked`], which turns overlapping spans into
//! well-nested elements.
//!
//! Writing to a `String` cannot fail: the results of `write!` are ignored.

use super::report::Summary;
use super::{Category, FilePairs, Finding, Problem, Severity, Span};
use crate::glossary::{Entry, Glossary};
use crate::model::Terms;
use crate::normalize::{is_clean, normalize_text};
use crate::xliff::read::Pair;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write};

/// One self-contained HTML page (no network, no external files) showing
/// `summary`, then each unit of `files` as a row: its id and line, source
/// and target side by side with `glossary` terms and the spans of its
/// `findings` marked, and the findings as badges with their messages and
/// suggestions. Checkboxes hide rows by category, severity and "only units
/// with findings" when scripts run; without scripts everything shows.
/// Findings that match no unit of `files` are listed at the end.
pub fn report(
    files: &[FilePairs],
    findings: &[Finding],
    glossary: &Glossary,
    summary: &Summary,
) -> String {
    let units: usize = files.iter().map(|file| file.pairs.len()).sum();
    let mut out = String::with_capacity(8192 + units * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>QA report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>Translation QA</h1><p>{}</p></header>\n",
        Escaped(&summary.line()),
        Escaped(&summary.line())
    );
    summary_section(&mut out, findings, summary);
    filters(&mut out, findings);
    let mut places = Places::new(findings);
    let mut terms = TermMarks::new(glossary);
    for file in files {
        file_section(&mut out, file, &mut places, &mut terms);
    }
    unplaced(&mut out, &places.left());
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The counts: files, units, errors and warnings, then findings by
/// category and severity.
fn summary_section(out: &mut String, findings: &[Finding], summary: &Summary) {
    let _ = write!(
        out,
        "<section id=\"summary\" data-files=\"{}\" data-units=\"{}\" data-errors=\"{}\" \
         data-warnings=\"{}\">\n<h2>Summary</h2>\n<dl class=\"totals\">\
         <div><dt>files</dt><dd>{}</dd></div><div><dt>units</dt><dd>{}</dd></div>\
         <div class=\"error\"><dt>errors</dt><dd>{}</dd></div>\
         <div class=\"warning\"><dt>warnings</dt><dd>{}</dd></div></dl>\n",
        summary.files,
        summary.units,
        summary.errors,
        summary.warnings,
        summary.files,
        summary.units,
        summary.errors,
        summary.warnings
    );
    if findings.is_empty() {
        out.push_str("<p class=\"clean\">No findings.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"counts\">\n<thead><tr><th>category</th><th>errors</th>\
         <th>warnings</th><th>all</th></tr></thead>\n<tbody>\n",
    );
    for (category, [errors, warnings]) in by_category(findings) {
        let _ = writeln!(
            out,
            "<tr><th><span class=\"category\">{}</span></th><td>{errors}</td>\
             <td>{warnings}</td><td>{}</td></tr>",
            category.name(),
            errors + warnings
        );
    }
    let _ = write!(
        out,
        "</tbody>\n<tfoot><tr><th>all</th><td>{}</td><td>{}</td><td>{}</td></tr></tfoot>\n\
         </table>\n</section>\n",
        summary.errors,
        summary.warnings,
        findings.len()
    );
}

/// For each category found, how many errors and warnings, in category
/// order.
fn by_category(findings: &[Finding]) -> BTreeMap<Category, [usize; 2]> {
    let mut counts: BTreeMap<Category, [usize; 2]> = BTreeMap::new();
    for finding in findings {
        let problem = &finding.problem;
        counts.entry(problem.category).or_default()[severity_index(problem.severity)] += 1;
    }
    counts
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    }
}

/// The filter checkboxes: each severity, each category found, and "only
/// units with findings". Hidden until the script shows them, since they do
/// nothing without it.
fn filters(out: &mut String, findings: &[Finding]) {
    let mut severities = [0; 2];
    for finding in findings {
        severities[severity_index(finding.problem.severity)] += 1;
    }
    out.push_str(
        "<form id=\"filters\" aria-label=\"filters\">\n<fieldset><legend>severity</legend>",
    );
    for (severity, count) in [Severity::Error, Severity::Warning].iter().zip(severities) {
        let name = severity.name();
        let _ = write!(
            out,
            "<label class=\"{name}\"><input type=\"checkbox\" data-severity=\"{name}\" checked> \
             {name} ({count})</label>"
        );
    }
    out.push_str("</fieldset>\n<fieldset><legend>category</legend>");
    for (category, [errors, warnings]) in by_category(findings) {
        let name = category.name();
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" data-category=\"{name}\" checked> {name} ({})</label>",
            errors + warnings
        );
    }
    out.push_str(
        "</fieldset>\n<fieldset><legend>units</legend><label><input type=\"checkbox\" \
         id=\"only-findings\"> only units with findings</label> \
         <output id=\"shown\"></output></fieldset>\n</form>\n",
    );
}

/// One file: a heading, then a table with a row per unit.
fn file_section<'a>(
    out: &mut String,
    file: &'a FilePairs,
    places: &mut Places<'a>,
    terms: &mut TermMarks,
) {
    let (source_lang, target_lang) = file
        .pairs
        .first()
        .map_or(("", ""), |pair| (&pair.source_lang, &pair.target_lang));
    let _ = write!(
        out,
        "<section class=\"file\" data-units=\"{}\">\n<h2>{}</h2>\n",
        file.pairs.len(),
        Escaped(&file.file)
    );
    if file.pairs.is_empty() {
        out.push_str("<p class=\"clean\">No units.</p>\n</section>\n");
        return;
    }
    let _ = write!(
        out,
        "<table class=\"units\">\n<colgroup><col class=\"where\"><col><col>\
         <col class=\"findings\"></colgroup>\n<thead><tr><th>unit</th><th>source ({})</th>\
         <th>target ({})</th><th>findings</th></tr></thead>\n<tbody>\n",
        Escaped(source_lang),
        Escaped(target_lang)
    );
    for pair in &file.pairs {
        let findings = places.take(&file.file, pair);
        unit_row(out, pair, &findings, terms);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A unit's row: where it is, its texts marked, its findings.
fn unit_row(out: &mut String, pair: &Pair, findings: &[&Finding], terms: &mut TermMarks) {
    let _ = write!(
        out,
        "<tr class=\"unit\" data-findings=\"{}\"><td class=\"where\"><span class=\"id\">{}</span> \
         <span class=\"line\">line {}</span></td><td class=\"text\" lang=\"{}\">",
        findings.len(),
        Escaped(&pair.id),
        pair.line,
        Escaped(&pair.source_lang)
    );
    let source = normalized(&pair.source);
    marked_text(out, &source, findings, |p| p.source_span, terms);
    let _ = write!(
        out,
        "</td><td class=\"text\" lang=\"{}\">",
        Escaped(&pair.target_lang)
    );
    match pair.target.as_deref() {
        Some(target) => marked_text(out, &normalized(target), findings, |p| p.target_span, terms),
        None => out.push_str("<span class=\"none\">no target</span>"),
    }
    out.push_str("</td><td class=\"findings\">");
    finding_list(out, findings);
    out.push_str("</td></tr>\n");
}

/// `text` with its glossary terms and the spans of findings marked (where
/// `span` says, in that text); the findings' marks are the outer ones.
fn marked_text(
    out: &mut String,
    text: &str,
    findings: &[&Finding],
    span: fn(&Problem) -> Option<Span>,
    terms: &mut TermMarks,
) {
    let mut marks: Vec<Mark> = findings
        .iter()
        .filter_map(|finding| {
            let problem = &finding.problem;
            let (start, end) = span(problem)?;
            Some(Mark {
                start,
                end,
                layer: 0,
                tag: "mark",
                attributes: format!(
                    " class=\"finding {}\" title=\"{}: {}\"",
                    problem.severity.name(),
                    problem.category.name(),
                    Escaped(&problem.message)
                ),
            })
        })
        .collect();
    marks.extend(terms.marks(text));
    write_marked(out, text, &marks, &[]);
}

/// The findings as badges with their messages and suggestions.
fn finding_list(out: &mut String, findings: &[&Finding]) {
    if findings.is_empty() {
        return;
    }
    out.push_str("<ul>");
    for finding in findings {
        let problem = &finding.problem;
        let (category, severity) = (problem.category.name(), problem.severity.name());
        let _ = write!(
            out,
            "<li class=\"finding\" data-category=\"{category}\" data-severity=\"{severity}\">\
             <span class=\"badge {severity} {category}\">{category}</span> \
             <span class=\"message\">{}</span>",
            Escaped(&problem.message)
        );
        if let Some(suggestion) = &problem.suggestion {
            let _ = write!(
                out,
                " <span class=\"suggestion\">suggestion: <q>{}</q></span>",
                Escaped(suggestion)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// Findings of units that are not among the files, so that none is lost.
fn unplaced(out: &mut String, findings: &[&Finding]) {
    if findings.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"file\" id=\"unplaced\">\n<h2>Findings of other units</h2>\n\
         <ul class=\"unplaced\">\n",
    );
    for finding in findings {
        let _ = write!(
            out,
            "<li>{}:{} ({}) ",
            Escaped(&finding.file),
            finding.line,
            Escaped(&finding.unit)
        );
        finding_list(out, &[finding]);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

/// The text as the checks read it: NFC, so that finding spans fit.
fn normalized(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalize_text(text))
    }
}

/// The findings not yet shown, by the unit they belong to.
struct Places<'a> {
    /// (file, line, unit id) → indices into `findings`, in order.
    by_unit: HashMap<(&'a str, usize, &'a str), Vec<usize>>,
    findings: &'a [Finding],
}

impl<'a> Places<'a> {
    fn new(findings: &'a [Finding]) -> Self {
        let mut by_unit: HashMap<_, Vec<usize>> = HashMap::new();
        for (index, finding) in findings.iter().enumerate() {
            let key = (finding.file.as_str(), finding.line, finding.unit.as_str());
            by_unit.entry(key).or_default().push(index);
        }
        Places { by_unit, findings }
    }

    /// The findings of `pair` in `file`, taken: a unit listed twice shows
    /// them once.
    fn take(&mut self, file: &'a str, pair: &'a Pair) -> Vec<&'a Finding> {
        let findings = self.findings;
        self.by_unit
            .remove(&(file, pair.line, pair.id.as_str()))
            .unwrap_or_default()
            .into_iter()
            .map(|index| &findings[index])
            .collect()
    }

    /// The findings no unit took, in their order.
    fn left(self) -> Vec<&'a Finding> {
        let mut indices: Vec<usize> = self.by_unit.into_values().flatten().collect();
        indices.sort_unstable();
        indices.into_iter().map(|i| &self.findings[i]).collect()
    }
}

/// Glossary terms as marks, each entry's attributes made once.
struct TermMarks<'a> {
    glossary: &'a Glossary,
    /// (entry, matched as a variant) → the mark's attributes.
    attributes: HashMap<(usize, bool), String>,
}

impl<'a> TermMarks<'a> {
    fn new(glossary: &'a Glossary) -> Self {
        TermMarks {
            glossary,
            attributes: HashMap::new(),
        }
    }

    /// A `mark.term` for each glossary term in `text` (normalized).
    fn marks(&mut self, text: &str) -> Vec<Mark> {
        let entries = self.glossary.entries();
        self.glossary
            .matches(text)
            .into_iter()
            .map(|found| {
                let attributes = self
                    .attributes
                    .entry((found.entry, found.variant))
                    .or_insert_with(|| term_attributes(&entries[found.entry], found.variant));
                Mark {
                    start: found.chars.0,
                    end: found.chars.1,
                    layer: 1,
                    tag: "mark",
                    attributes: attributes.clone(),
                }
            })
            .collect()
    }
}

/// `class` and `title` of a term's mark: the entry's translations, status,
/// variants and note; deprecated entries get the `deprecated` class.
fn term_attributes(entry: &Entry, variant: bool) -> String {
    let mut title = translations(&entry.terms);
    if variant {
        title.push_str("\n(matched as a variant)");
    }
    if let Some(status) = &entry.status {
        let _ = write!(title, "\nstatus: {status}");
    }
    if !entry.variants.is_empty() {
        let forms: Vec<&str> = entry.variants.iter().map(|(_, f)| f.as_str()).collect();
        let _ = write!(title, "\nvariants: {}", forms.join(", "));
    }
    if let Some(full) = &entry.abbreviation_of {
        let _ = write!(title, "\nabbreviation of {full}");
    }
    if let Some(note) = &entry.note {
        let _ = write!(title, "\nnote: {note}");
    }
    let deprecated = entry.status.as_deref() == Some("deprecated");
    format!(
        " class=\"term{}\" title=\"{}\"",
        if deprecated { " deprecated" } else { "" },
        Escaped(&title)
    )
}

/// A glossary entry's terms as one line: `vi: Dân số · zh: 人口`.
pub(crate) fn translations(terms: &Terms) -> String {
    let terms: Vec<String> = terms
        .iter()
        .map(|(code, term)| format!("{code}: {term}"))
        .collect();
    terms.join(" · ")
}

/// Text that displays with `& < > " '` escaped: safe in element content
/// and in quoted attribute values alike.
pub(crate) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A stretch of text to wrap in an element: char offsets, end exclusive.
/// Where marks cross, the one of the higher `layer` (or, in one layer, the
/// one starting later) is split so that elements nest; pieces after the
/// first carry a `data-continued` attribute, written first.
pub(crate) struct Mark {
    pub start: usize,
    pub end: usize,
    pub layer: u8,
    /// The element's name.
    pub tag: &'static str,
    /// Its attributes, escaped, each after a space: ` class="term"`.
    pub attributes: String,
}

/// HTML to put between two chars of a text (a note's mark): at char
/// offset `at`, inside the marks open there.
pub(crate) struct Insert {
    pub at: usize,
    pub html: String,
}

/// Appends `text`, escaped, with `marks` as elements around their spans
/// and `inserts` (in offset order) at theirs. Spans beyond the text are
/// cut at its end, empty ones left out; the elements always nest.
pub(crate) fn write_marked(out: &mut String, text: &str, marks: &[Mark], inserts: &[Insert]) {
    let length = text.chars().count();
    let end = |mark: &Mark| mark.end.min(length);
    let mut starting: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start < end(&marks[i]))
        .collect();
    starting.sort_by_key(|&i| marks[i].start);
    let mut bounds: Vec<usize> = starting
        .iter()
        .flat_map(|&i| [marks[i].start, end(&marks[i])])
        .chain(inserts.iter().map(|insert| insert.at.min(length)))
        .chain([length])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut starting = starting.into_iter().peekable();
    let mut inserts = inserts.iter().peekable();
    let (mut open, mut active): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let (mut char_at, mut byte_at) = (0, 0);
    for bound in bounds {
        let rest = &text[byte_at..];
        let piece = rest
            .char_indices()
            .nth(bound - char_at)
            .map_or(rest.len(), |(byte, _)| byte);
        let _ = write!(out, "{}", Escaped(&rest[..piece]));
        (char_at, byte_at) = (bound, byte_at + piece);
        active.retain(|&i| end(&marks[i]) > bound);
        while let Some(i) = starting.next_if(|&i| marks[i].start == bound) {
            active.push(i);
        }
        // Outer first: a mark keeps its place in the order while it lasts,
        // so only marks crossing a boundary are closed and reopened.
        active.sort_by_key(|&i| (marks[i].layer, marks[i].start, Reverse(marks[i].end), i));
        let kept = open.iter().zip(&active).take_while(|(a, b)| a == b).count();
        for &i in open[kept..].iter().rev() {
            let _ = write!(out, "</{}>", marks[i].tag);
        }
        for &i in &active[kept..] {
            let mark = &marks[i];
            let continued = if mark.start < bound {
                " data-continued"
            } else {
                ""
            };
            let _ = write!(out, "<{}{continued}{}>", mark.tag, mark.attributes);
        }
        open.clone_from(&active);
        while let Some(insert) = inserts.next_if(|insert| insert.at.min(length) <= bound) {
            out.push_str(&insert.html);
        }
    }
}

/// The page's look: readable without scripts; filtered rows and findings
/// get `hidden`.
const STYLE: &str = r#"
:root { --ink: #1f2430; --muted: #667085; --rule: #e3e6eb; --paper: #ffffff; --ground: #f5f6f8;
  --error: #b42318; --error-soft: #fde8e6; --warning: #8a4b08; --warning-soft: #fdf1d6;
  --term: #fff2b8; --term-edge: #d9a800; --old: #f9d7d7; }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 1.5rem 3rem; background: var(--ground); color: var(--ink);
  font: 15px/1.55 "Noto Sans", "Segoe UI", system-ui, sans-serif; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
:lang(zh-TW), :lang(zh-HK), :lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif; }
header h1 { margin: 1.2rem 0 0; font-size: 1.5rem; }
header p { margin: .2rem 0 1rem; color: var(--muted); }
h2 { font-size: 1.1rem; margin: 0 0 .6rem; overflow-wrap: anywhere; }
section { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px;
  padding: 1rem 1.2rem; margin-bottom: 1rem; }
.totals { display: flex; gap: 2.5rem; margin: 0 0 .8rem; }
.totals div { display: flex; flex-direction: column-reverse; }
.totals dt { color: var(--muted); font-size: .85rem; }
.totals dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
.totals .error dd { color: var(--error); }
.totals .warning dd { color: var(--warning); }
table.counts { border-collapse: collapse; font-size: .9rem; }
table.counts th, table.counts td { padding: .15rem .9rem .15rem 0; text-align: right; }
table.counts th:first-child { text-align: left; font-weight: normal; }
table.counts thead th, table.counts tfoot th { color: var(--muted); font-weight: normal; }
table.counts tfoot td { font-weight: 600; border-top: 1px solid var(--rule); }
.category { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
.clean { color: var(--muted); margin: 0; }
#filters { display: none; position: sticky; top: 0; z-index: 2; gap: 1.5rem; flex-wrap: wrap;
  background: var(--ground); padding: .6rem 0; margin-bottom: .4rem; font-size: .9rem; }
.scripted #filters { display: flex; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .8rem; align-items: center; }
#filters legend { float: left; color: var(--muted); margin-right: .3rem; }
#shown { color: var(--muted); }
table.units { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.where { width: 7.5rem; }
col.findings { width: 28%; }
table.units th { position: sticky; top: 2.6rem; background: var(--paper); text-align: left;
  font-size: .8rem; font-weight: 600; color: var(--muted); padding: .3rem .5rem;
  border-bottom: 2px solid var(--rule); }
tr.unit td { vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--rule);
  overflow-wrap: anywhere; }
tr.unit:not([data-findings="0"]) td.where { box-shadow: inset 3px 0 0 var(--warning); }
tr.unit:has(.badge.error) td.where { box-shadow: inset 3px 0 0 var(--error); }
td.where { font-size: .8rem; color: var(--muted); }
td.where .id { display: block; color: var(--ink); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
td.text { white-space: pre-wrap; }
.none { color: var(--muted); font-style: italic; }
mark { background: none; color: inherit; }
mark.term { background: var(--term); border-bottom: 1px solid var(--term-edge); border-radius: 2px;
  margin: 0 1px; }
mark.term.deprecated { background: var(--old); border-bottom: 2px dashed var(--error); }
mark.finding { padding-bottom: 1px; }
mark.finding.error { box-shadow: inset 0 -3px 0 var(--error); background: var(--error-soft); }
mark.finding.warning { box-shadow: inset 0 -3px 0 #d4920b; background: var(--warning-soft); }
td.findings ul, ul.unplaced { list-style: none; margin: 0; padding: 0; }
td.findings li { margin-bottom: .35rem; font-size: .85rem; line-height: 1.4; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 999px; font-size: .72rem;
  font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; vertical-align: 1px; }
.badge.error { background: var(--error-soft); color: var(--error); }
.badge.warning { background: var(--warning-soft); color: var(--warning); }
.suggestion { display: block; color: var(--muted); }
.suggestion q { color: var(--ink); quotes: none; font-weight: 600; }
.hidden { display: none; }
"#;

/// The filters: a unit shows when one of its findings passes the severity
/// and category boxes, or, unless "only units with findings" is ticked,
/// when none does; findings that do not pass are hidden.
const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById("filters");
  var rows = document.querySelectorAll("tr.unit");
  var boxes = function (kind) {
    var on = {};
    form.querySelectorAll("input[data-" + kind + "]").forEach(function (box) {
      on[box.getAttribute("data-" + kind)] = box.checked;
    });
    return on;
  };
  var apply = function () {
    var severity = boxes("severity"), category = boxes("category");
    var only = document.getElementById("only-findings").checked;
    var shown = 0;
    rows.forEach(function (row) {
      var passing = 0;
      row.querySelectorAll("li.finding").forEach(function (item) {
        var on = severity[item.dataset.severity] && category[item.dataset.category];
        item.classList.toggle("hidden", !on);
        if (on) { passing += 1; }
      });
      var hide = only && passing === 0;
      row.classList.toggle("hidden", hide);
      if (!hide) { shown += 1; }
    });
    document.getElementById("shown").textContent = shown + " of " + rows.length + " units shown";
  };
  form.addEventListener("change", apply);
  apply();
  document.documentElement.classList.add("scripted");
})();
"#;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::glossary::parse_tsv;
    use crate::qa::Checker;
    use crate::qa::artefacts::ArtefactList;

    /// Whether the elements of `html` nest: every end tag closes the
    /// element opened last (void elements and script and style text aside).
    pub(crate) fn balanced(html: &str) -> bool {
        const VOID: [&str; 5] = ["meta", "input", "col", "br", "!DOCTYPE"];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            let tag = &rest[at + 1..];
            let Some(close) = tag.find('>') else {
                return false;
            };
            let name = tag[..close].split([' ', '\n']).next().unwrap_or_default();
            rest = &tag[close + 1..];
            if let Some(name) = name.strip_prefix('/') {
                if open.pop() != Some(name) {
                    return false;
                }
            } else if !VOID.contains(&name) {
                open.push(name);
                if name == "script" || name == "style" {
                    let end = format!("</{name}>");
                    let Some(skip) = rest.find(&end) else {
                        return false;
                    };
                    rest = &rest[skip..];
                }
            }
        }
        open.is_empty()
    }

    /// How many `tag` elements of `html` have every class of `classes`.
    pub(crate) fn count(html: &str, tag: &str, classes: &[&str]) -> usize {
        let start = format!("<{tag} ");
        html.match_indices(&start)
            .filter(|(at, _)| {
                let element = &html[*at..];
                let element = &element[..element.find('>').unwrap_or(element.len())];
                let class = element
                    .split("class=\"")
                    .nth(1)
                    .and_then(|c| c.split('"').next())
                    .unwrap_or_default();
                classes
                    .iter()
                    .all(|wanted| class.split(' ').any(|c| c == *wanted))
            })
            .count()
    }

    fn glossary() -> Glossary {
        Glossary::new(
            parse_tsv(
                "vi\tzh\tnote\tstatus\n\
                 Kế hoạch hóa gia đình\t计划生育\t\t\n\
                 Dân số\t人口\ta \"quoted\" <note>\t\n\
                 Sinh đẻ có kế hoạch\t\t\tdeprecated\n",
            )
            .unwrap(),
        )
    }

    fn pair(id: &str, line: usize, source: &str, target: Option<&str>) -> Pair {
        Pair {
            id: id.into(),
            line,
            source_lang: "vi".into(),
            target_lang: "zh-CN".into(),
            source: source.into(),
            target: target.map(Into::into),
            ..Pair::default()
        }
    }

    fn files() -> Vec<FilePairs> {
        vec![FilePairs {
            file: "plan.xlf".into(),
            pairs: vec![
                pair("1", 3, "Dân số và kế hoạch hóa gia đình.", Some("人口。")),
                pair("2", 7, "Dân số.", Some("人口。")),
                pair("3", 9, "Sinh đẻ có kế hoạch.", None),
                pair("<4>", 12, "<script>alert('x')</script> & Dân số", Some("x")),
            ],
        }]
    }

    fn checked(files: &[FilePairs]) -> (Vec<Finding>, String) {
        let checker = Checker {
            glossary: glossary(),
            artefacts: ArtefactList::shipped().clone(),
        };
        let findings = checker.check_files(files);
        let units = files.iter().map(|f| f.pairs.len()).sum();
        let summary = Summary::of(&findings, files.len(), units);
        let html = report(files, &findings, &checker.glossary, &summary);
        (findings, html)
    }

    #[test]
    fn every_unit_is_a_row_with_its_findings_as_badges() {
        let files = files();
        let (findings, html) = checked(&files);
        assert!(!findings.is_empty());
        assert!(balanced(&html), "{html}");
        assert_eq!(count(&html, "tr", &["unit"]), 4);
        assert_eq!(count(&html, "span", &["badge"]), findings.len());
        let missing = findings
            .iter()
            .filter(|f| f.problem.category == Category::TermMissing)
            .count();
        assert!(missing >= 1);
        assert_eq!(
            count(&html, "span", &["badge", "error", "term_missing"]),
            missing
        );
        // Dân số in three sources and 人口 in two targets; kế hoạch hóa
        // gia đình once; the deprecated entry once.
        assert_eq!(count(&html, "mark", &["term"]), 7);
        assert_eq!(count(&html, "mark", &["term", "deprecated"]), 1);
        let errors = findings
            .iter()
            .filter(|f| f.problem.severity == Severity::Error)
            .count();
        assert!(html.contains(&format!(
            "<section id=\"summary\" data-files=\"1\" data-units=\"4\" data-errors=\"{errors}\" data-warnings=\"{}\">",
            findings.len() - errors
        )));
        let per_row: usize = html
            .split("data-findings=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(per_row, findings.len());
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let (_, html) = checked(&files());
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "));
        assert!(html.contains("<span class=\"id\">&lt;4&gt;</span>"));
        assert!(html.contains("note: a &quot;quoted&quot; &lt;note&gt;"));
        assert_eq!(html.matches("<script>").count(), 1);
    }

    #[test]
    fn finding_spans_are_marked_around_terms() {
        let (_, html) = checked(&files());
        assert!(
            html.contains("<mark class=\"finding error\" title=\"term_missing: "),
            "{html}"
        );
        assert!(count(&html, "mark", &["finding"]) >= 1);
    }

    #[test]
    fn findings_of_unknown_units_are_not_lost() {
        let files = files();
        let (mut findings, _) = checked(&files);
        findings[0].unit = "elsewhere".into();
        let summary = Summary::of(&findings, 1, 4);
        let html = report(&files, &findings, &glossary(), &summary);
        assert!(html.contains("id=\"unplaced\""));
        assert_eq!(count(&html, "span", &["badge"]), findings.len());
        assert!(balanced(&html));
    }

    #[test]
    fn nothing_to_show_is_a_page_too() {
        let html = report(&[], &[], &Glossary::default(), &Summary::default());
        assert!(balanced(&html));
        assert!(html.contains("No findings."));
        assert_eq!(count(&html, "tr", &["unit"]), 0);
        let empty = [FilePairs {
            file: "empty.xlf".into(),
            pairs: vec![pair("", 1, "", Some(""))],
        }];
        let html = report(&empty, &[], &Glossary::default(), &Summary::default());
        assert!(balanced(&html));
        assert_eq!(count(&html, "tr", &["unit"]), 1);
    }

    fn mark(start: usize, end: usize, layer: u8, name: &str) -> Mark {
        Mark {
            start,
            end,
            layer,
            tag: "b",
            attributes: format!(" class=\"{name}\""),
        }
    }

    fn marked(text: &str, marks: &[Mark], inserts: &[Insert]) -> String {
        let mut out = String::new();
        write_marked(&mut out, text, marks, inserts);
        out
    }

    #[test]
    fn crossing_marks_are_split_into_nested_pieces() {
        let html = marked("abcdef", &[mark(0, 3, 0, "s"), mark(2, 5, 1, "t")], &[]);
        assert_eq!(
            html,
            "<b class=\"s\">ab<b class=\"t\">c</b></b><b data-continued class=\"t\">de</b>f"
        );
        let html = marked("abcdef", &[mark(1, 4, 1, "a"), mark(2, 6, 1, "b")], &[]);
        assert_eq!(
            html,
            "a<b class=\"a\">b<b class=\"b\">cd</b></b><b data-continued class=\"b\">ef</b>"
        );
        let html = marked("abc", &[mark(0, 3, 1, "in"), mark(0, 3, 0, "out")], &[]);
        assert_eq!(html, "<b class=\"out\"><b class=\"in\">abc</b></b>");
    }

    #[test]
    fn odd_spans_neither_panic_nor_break_nesting() {
        let text = "Đ\u{301}ồ 人口 😀 <&>";
        let marks = [
            mark(0, 2, 0, "a"),
            mark(1, 40, 1, "b"),
            mark(3, 3, 0, "empty"),
            mark(50, 60, 0, "beyond"),
            mark(6, 2, 2, "backwards"),
            mark(4, 7, 2, "c"),
        ];
        let inserts = [
            Insert {
                at: 3,
                html: "<sup>1</sup>".into(),
            },
            Insert {
                at: 99,
                html: "<sup>2</sup>".into(),
            },
        ];
        let html = marked(text, &marks, &inserts);
        assert!(balanced(&html), "{html}");
        assert!(!html.contains("empty") && !html.contains("beyond"));
        assert!(html.ends_with("&lt;&amp;&gt;</b><sup>2</sup>"), "{html}");
        assert_eq!(marked("", &marks, &[]), "");
    }

    #[test]
    fn ten_thousand_units_make_a_page() {
        let pairs: Vec<Pair> = (0..10_000)
            .map(|i| {
                pair(
                    &i.to_string(),
                    i + 1,
                    "Công tác Dân số và kế hoạch hóa gia đình năm 2025.",
                    Some("2025年人口工作。"),
                )
            })
            .collect();
        let files = [FilePairs {
            file: "big.xlf".into(),
            pairs,
        }];
        let checker = Checker {
            glossary: glossary(),
            artefacts: ArtefactList::shipped().clone(),
        };
        let findings = checker.check_files(&files);
        let summary = Summary::of(&findings, 1, 10_000);
        let started = std::time::Instant::now();
        let html = report(&files, &findings, &checker.glossary, &summary);
        eprintln!("10,000 units shown in {:?}", started.elapsed());
        assert_eq!(count(&html, "tr", &["unit"]), 10_000);
        assert_eq!(count(&html, "span", &["badge"]), findings.len());
    }
}
