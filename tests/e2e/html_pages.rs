//! End-to-end runs of the two HTML pages, `plangloss qa --format html` and
//! `plangloss review`, loaded in headless Chromium: the DOM the browser
//! builds holds the rows, badges, terms and sentences the inputs call for,
//! exactly as many as the page's source (so no markup was misnested and
//! repaired), and the QA page's script ran. Skipped, with the reason
//! printed, when `chromium` is not installed.

use crate::common::*;
use plangloss::glossary::Glossary;
use plangloss::normalize::{is_clean, normalize_text};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const GLOSSARY: &str = "glossaries/program-terms.tsv";

/// The `chromium` on the PATH, or `None` with the reason printed.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("chromium"))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        eprintln!("skipping: chromium is not installed (apt-get install chromium)");
    }
    found
}

/// The DOM Chromium builds from the page at `page`, serialized, once its
/// scripts have run.
fn rendered(browser: &Path, page: &Path, profile: &Path) -> String {
    let output = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed on {}: {}",
        page.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the DOM is UTF-8")
}

/// How many `tag` elements of `html` have every class of `classes` and no
/// `data-continued` attribute (the later pieces of a split mark).
fn count(html: &str, tag: &str, classes: &[&str]) -> usize {
    html.match_indices(&format!("<{tag} "))
        .map(|(at, _)| {
            let element = &html[at..];
            &element[..element.find('>').unwrap_or(element.len())]
        })
        .filter(|element| !element.contains("data-continued"))
        .filter(|element| {
            let class = element
                .split("class=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default();
            classes
                .iter()
                .all(|c| class.split(' ').any(|have| have == *c))
        })
        .count()
}

/// The value of the attribute `name` of the element that starts at the
/// first match of `start` in `html`.
fn attribute<'a>(html: &'a str, start: &str, name: &str) -> &'a str {
    let element = &html[html.find(start).expect("the element is there")..];
    let element = &element[..element.find('>').unwrap_or(element.len())];
    element
        .split(&format!(" {name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
}

/// Runs plangloss with `args`, which must succeed.
fn run(args: &[&str]) {
    let output = plangloss(args);
    assert!(
        output.status.success(),
        "plangloss {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn qa_report_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("qa.html");
    let input = "tests/fixtures/xliff/plan-1.2-translated.xlf";
    let output = plangloss(&[
        "qa",
        input,
        "--glossary",
        GLOSSARY,
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    // qa exits 1 when it finds errors: only the page matters here.
    assert!(
        page.is_file(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let source = std::fs::read_to_string(&page).unwrap();
    let dom = rendered(&browser, &page, &dir.path().join("profile"));

    let text = std::fs::read_to_string(root().join(input)).unwrap();
    let pairs = plangloss::xliff::read::read(&text).unwrap().pairs;
    let glossary = Glossary::load(&[root().join(GLOSSARY)]).unwrap();
    let terms: usize = pairs
        .iter()
        .flat_map(|pair| [Some(&pair.source), pair.target.as_ref()])
        .flatten()
        .map(|text| match is_clean(text) {
            true => glossary.matches(text).len(),
            false => glossary.matches(&normalize_text(text)).len(),
        })
        .sum();
    let summary = "<section id=\"summary\"";
    let errors: usize = attribute(&dom, summary, "data-errors").parse().unwrap();
    let warnings: usize = attribute(&dom, summary, "data-warnings").parse().unwrap();
    assert_eq!(
        attribute(&dom, summary, "data-units"),
        pairs.len().to_string()
    );
    assert_eq!(count(&dom, "tr", &["unit"]), pairs.len());
    assert_eq!(count(&dom, "span", &["badge"]), errors + warnings);
    assert!(count(&dom, "span", &["badge", "error", "untranslated"]) >= 1);
    assert_eq!(count(&dom, "mark", &["term"]), terms);
    assert!(terms >= 8, "the fixture's terms: {terms}");
    for (tag, class) in [("tr", "unit"), ("span", "badge"), ("mark", "term")] {
        assert_eq!(count(&dom, tag, &[class]), count(&source, tag, &[class]));
    }
    // The script ran to its end, and escaped text stayed text.
    assert!(dom.contains("<html lang=\"en\" class=\"scripted\">"));
    assert!(dom.contains(&format!("{0} of {0} units shown", pairs.len())));
    assert!(dom.contains("&amp; &lt;phát triển&gt;."));
}

#[test]
fn review_page_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let input = "corpora/vi/kh-suc-khoe-ba-me-tre-em-2025.docx";
    run(&[
        "review",
        input,
        "--glossary",
        GLOSSARY,
        "-o",
        page.to_str().unwrap(),
    ]);
    let source = std::fs::read_to_string(&page).unwrap();
    let dom = rendered(&browser, &page, &dir.path().join("profile"));

    let record = ingest_with_glossary(input);
    let blocks = blocks(&record);
    let total = |field: &str| -> usize {
        blocks
            .iter()
            .map(|b| b[field].as_array().map_or(0, Vec::len))
            .sum()
    };
    let furniture = blocks
        .iter()
        .filter(|b| b["kind"] == "header" || b["kind"] == "footer")
        .count();
    assert!(furniture >= 1 && total("terms") >= 10);
    assert_eq!(count(&dom, "article", &["block"]), blocks.len());
    assert_eq!(count(&dom, "span", &["sentence"]), total("sentences"));
    assert_eq!(count(&dom, "mark", &["term"]), total("terms"));
    let headings = blocks.iter().filter(|b| b["kind"] == "heading").count();
    let in_dom = dom.matches("<article class=\"block\" data-kind=\"heading\"");
    assert_eq!(in_dom.count(), headings);
    let shown_apart = &dom[dom.find("<section id=\"furniture\">").unwrap()..];
    assert_eq!(count(shown_apart, "article", &["block"]), furniture);
    assert!(dom.contains("<section id=\"warnings\""));
    for (tag, class) in [("article", "block"), ("span", "sentence"), ("mark", "term")] {
        assert_eq!(count(&dom, tag, &[class]), count(&source, tag, &[class]));
    }
}

/// The record of `ingest PATH --glossary GLOSSARY`.
fn ingest_with_glossary(path: &str) -> Value {
    let output = plangloss(&["ingest", path, "--glossary", GLOSSARY]);
    let records = records(&output);
    assert_valid(&records);
    records.into_iter().next().expect("one record")
}
