//! End-to-end runs of `plangloss qa`: the categories found on the test set
//! (`tests/fixtures/qa/units.tsv`) for XLIFF 1.2 and 2.1 in both
//! directions, the fields and spans of the JSON Lines, the exit statuses,
//! the text, CSV and HTML reports, `--write-back` (byte-exact, idempotent,
//! still valid XLIFF), user artefact lists, TMX input, and the source
//! artefact warning of `ingest`.

use crate::common::*;
use plangloss::normalize::{is_clean, normalize_text};
use plangloss::xliff::read::{Pair, duplicate_ids, read};
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const GLOSSARY: &str = "glossaries/program-terms.tsv";
const VI_ZH: &str = "tests/fixtures/qa/vi-zh.xlf";
const ZH_VI: &str = "tests/fixtures/qa/zh-vi.xlf";
const VI_EN: &str = "tests/fixtures/qa/vi-en.xlf";
const VI_ZH_21: &str = "tests/fixtures/qa/vi-zh-2.1.xlf";
const UNITS: &str = "tests/fixtures/qa/units.tsv";
const TMX: &str = "tests/fixtures/xliff/memory.tmx";
const PLAN_12: &str = "tests/fixtures/xliff/plan-1.2-translated.xlf";
const PLAN_21: &str = "tests/fixtures/xliff/plan-2.1.xlf";
const CLEAN: &str = "tests/fixtures/qa/e2e/clean.xlf";
const WRITE_BACK_12: &str = "tests/fixtures/qa/e2e/write-back-1.2.xlf";
const WRITE_BACK_21: &str = "tests/fixtures/qa/e2e/write-back-2.1.xlf";

/// Units of the test set the checks do not find yet, with the category
/// missed. When one is found, remove it from here.
const KNOWN_MISSES: &[(&str, &str)] = &[
    // 两个月 (two months) rendered as "ba tháng" (three months): a count
    // written as a Chinese word with a measure word, not read yet.
    ("zv-063", "number_mismatch"),
];

const CATEGORIES: [&str; 7] = [
    "term_missing",
    "term_deprecated",
    "inconsistent",
    "number_mismatch",
    "untranslated",
    "punctuation",
    "source_artefact",
];

const FIELDS: [&str; 11] = [
    "file",
    "unit",
    "line",
    "source",
    "target",
    "category",
    "severity",
    "message",
    "source_span",
    "target_span",
    "suggestion",
];

/// One line of units.tsv.
struct Expected {
    /// `vi-zh`, `zh-vi` or `vi-en`: the file is `tests/fixtures/qa/<set>.xlf`.
    set: String,
    id: String,
    categories: BTreeSet<String>,
    note: String,
}

fn expected_units() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join(UNITS)).expect("units.tsv reads");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(|h| h.split('\t').collect::<Vec<_>>()),
        Some(vec![
            "set",
            "id",
            "source_lang",
            "target_lang",
            "source",
            "target",
            "expected",
            "note"
        ]),
        "units.tsv header"
    );
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 8, "units.tsv line with 8 fields: {line}");
            let categories: BTreeSet<String> = fields[6]
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            for category in &categories {
                assert!(
                    CATEGORIES.contains(&category.as_str()),
                    "unknown category {category} in units.tsv"
                );
            }
            Expected {
                set: fields[0].to_string(),
                id: fields[1].to_string(),
                categories,
                note: fields[7].to_string(),
            }
        })
        .collect()
}

/// The status code of a finished run.
fn code(output: &Output) -> i32 {
    output.status.code().expect("plangloss exits with a status")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the report is UTF-8")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// `qa --format jsonl` on the three XLIFF 1.2 files of the test set, run
/// once for all the tests that read it.
fn test_set_run() -> &'static Output {
    static RUN: OnceLock<Output> = OnceLock::new();
    RUN.get_or_init(|| {
        plangloss(&[
            "qa",
            VI_ZH,
            ZH_VI,
            VI_EN,
            "--glossary",
            GLOSSARY,
            "--format",
            "jsonl",
        ])
    })
}

fn test_set_findings() -> Vec<Value> {
    records(test_set_run())
}

fn str_of<'a>(finding: &'a Value, key: &str) -> &'a str {
    finding[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is a string in {finding}"))
}

/// The categories found per unit id, for the findings of files whose path
/// ends with `file_suffix`.
fn categories_by_unit(findings: &[Value], file_suffix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_unit: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for finding in findings
        .iter()
        .filter(|f| str_of(f, "file").ends_with(file_suffix))
    {
        by_unit
            .entry(str_of(finding, "unit").to_string())
            .or_default()
            .insert(str_of(finding, "category").to_string());
    }
    by_unit
}

fn normalized(text: &str) -> String {
    if is_clean(text) {
        text.to_string()
    } else {
        normalize_text(text)
    }
}

/// The pairs of the bilingual file at `path` (relative to the root or
/// absolute), read by the library.
fn pairs_of(path: &Path) -> Vec<Pair> {
    let text = std::fs::read_to_string(root().join(path)).expect("the file reads");
    read(&text)
        .unwrap_or_else(|e| panic!("{} reads: {e}", path.display()))
        .pairs
}

/// (1) Per unit, the categories found are those units.tsv expects (known
/// misses excepted); per category, precision and recall are at least
/// 0.95; units noted "tricky" give no finding at all.
#[test]
fn test_set_categories_per_unit() {
    let run = test_set_run();
    assert_eq!(code(run), 1, "the test set has errors: {}", stderr(run));
    assert!(
        stderr(run).contains("in 234 units of 3 files"),
        "summary line: {}",
        stderr(run)
    );
    let findings = test_set_findings();
    let expected = expected_units();
    assert_eq!(expected.len(), 234, "units.tsv lists every unit");
    let by_id: HashMap<&str, &Expected> = expected.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut found: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for finding in &findings {
        let unit = str_of(finding, "unit");
        let Some(unit_expected) = by_id.get(unit) else {
            panic!("finding on a unit units.tsv does not list: {finding}");
        };
        let file = format!("tests/fixtures/qa/{}.xlf", unit_expected.set);
        assert_eq!(str_of(finding, "file"), file, "file of {unit}");
        found
            .entry(unit_expected.id.as_str())
            .or_default()
            .insert(str_of(finding, "category").to_string());
    }
    for (id, category) in KNOWN_MISSES {
        assert!(
            by_id
                .get(id)
                .is_some_and(|e| e.categories.contains(*category)),
            "known miss {id} {category} is not expected in units.tsv"
        );
    }
    let empty = BTreeSet::new();
    let mut wrong = Vec::new();
    for unit in &expected {
        let got = found.get(unit.id.as_str()).unwrap_or(&empty);
        let mut want = unit.categories.clone();
        for (id, category) in KNOWN_MISSES {
            if *id == unit.id {
                want.remove(*category);
            }
        }
        if *got != want {
            wrong.push(format!(
                "{}: expected {:?}, found {:?} ({})",
                unit.id, want, got, unit.note
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "units whose categories differ (a known miss now found: take it off KNOWN_MISSES):\n{}",
        wrong.join("\n")
    );
    // Precision and recall per category, against units.tsv as written
    // (known misses count as misses).
    for category in CATEGORIES {
        let (mut true_positives, mut false_positives, mut false_negatives) = (0usize, 0, 0);
        for unit in &expected {
            let want = unit.categories.contains(category);
            let got = found
                .get(unit.id.as_str())
                .is_some_and(|c| c.contains(category));
            match (want, got) {
                (true, true) => true_positives += 1,
                (false, true) => false_positives += 1,
                (true, false) => false_negatives += 1,
                (false, false) => {}
            }
        }
        assert!(
            true_positives + false_negatives > 0,
            "units.tsv has no unit expecting {category}"
        );
        let precision = true_positives as f64 / (true_positives + false_positives).max(1) as f64;
        let recall = true_positives as f64 / (true_positives + false_negatives) as f64;
        assert!(
            precision >= 0.95 && recall >= 0.95,
            "{category}: precision {precision:.3}, recall {recall:.3} \
             ({true_positives} found, {false_positives} wrong, {false_negatives} missed)"
        );
    }
    let tricky: Vec<&Expected> = expected
        .iter()
        .filter(|unit| unit.note.starts_with("tricky"))
        .collect();
    assert!(tricky.len() > 20, "units.tsv has its tricky units");
    for unit in tricky {
        let hits: Vec<&Value> = findings
            .iter()
            .filter(|f| str_of(f, "unit") == unit.id)
            .collect();
        assert!(
            hits.is_empty(),
            "tricky unit {} ({}) has findings: {hits:?}",
            unit.id,
            unit.note
        );
    }
}

/// (2) The XLIFF 2.1 version of the vi→zh file gives, unit by unit, the
/// categories (and spans and suggestions) of the 1.2 file; its unit ids
/// are `unit/segment`.
#[test]
fn xliff_21_gives_the_categories_of_12() {
    let output = plangloss(&[
        "qa",
        VI_ZH_21,
        ZH_VI,
        VI_EN,
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let findings = records(&output);
    let v2: Vec<&Value> = findings
        .iter()
        .filter(|f| str_of(f, "file") == VI_ZH_21)
        .collect();
    assert!(!v2.is_empty(), "the 2.1 file has findings");
    let mut by_unit_2: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for finding in &v2 {
        let unit = str_of(finding, "unit");
        let (unit_id, segment) = unit
            .split_once('/')
            .unwrap_or_else(|| panic!("2.x unit id is unit/segment: {unit}"));
        assert_eq!(segment, "s1", "the segment id of {unit}");
        by_unit_2
            .entry(unit_id.to_string())
            .or_default()
            .insert(str_of(finding, "category").to_string());
    }
    let by_unit_12 = categories_by_unit(&test_set_findings(), "/vi-zh.xlf");
    assert!(by_unit_12.len() > 40, "the 1.2 vi-zh file has its findings");
    assert_eq!(by_unit_2, by_unit_12, "categories per unit, 2.1 vs 1.2");
    // Where the findings are and what they suggest do not depend on the
    // format either (messages of inconsistent cite places, so not those).
    let shape = |finding: &Value, unit: &str| {
        (
            unit.to_string(),
            str_of(finding, "category").to_string(),
            str_of(finding, "severity").to_string(),
            finding["source_span"].to_string(),
            finding["target_span"].to_string(),
            finding["suggestion"].to_string(),
        )
    };
    let mut shapes_2: Vec<_> = v2
        .iter()
        .map(|f| shape(f, str_of(f, "unit").split('/').next().unwrap_or_default()))
        .collect();
    let mut shapes_12: Vec<_> = test_set_findings()
        .iter()
        .filter(|f| str_of(f, "file") == VI_ZH)
        .map(|f| shape(f, str_of(f, "unit")))
        .collect();
    shapes_2.sort();
    shapes_12.sort();
    assert_eq!(shapes_2, shapes_12);
}

/// The chars `span` (a JSON `[start, end]` or null) covers in `text`:
/// `None` for null; panics unless the span is a non-empty range inside it.
fn spanned(text: &str, span: &Value, what: &str) -> Option<String> {
    if span.is_null() {
        return None;
    }
    let bounds: Vec<usize> = span
        .as_array()
        .unwrap_or_else(|| panic!("{what} is null or an array: {span}"))
        .iter()
        .map(|n| n.as_u64().expect("span bounds are numbers") as usize)
        .collect();
    let [start, end] = bounds[..] else {
        panic!("{what} has two bounds: {span}")
    };
    let length = text.chars().count();
    assert!(
        start < end && end <= length,
        "{what} {span} is not a non-empty range inside {length} chars of {text:?}"
    );
    Some(text.chars().skip(start).take(end - start).collect())
}

/// (3) Each JSON line has exactly the documented fields; the unit, line,
/// source and target are those of the file; spans are char offsets of a
/// non-empty piece of the text; severities follow the categories.
#[test]
fn jsonl_fields_and_spans() {
    let findings = test_set_findings();
    assert_eq!(findings.len(), stdout(test_set_run()).lines().count());
    let mut pairs: HashMap<(String, String), Pair> = HashMap::new();
    for file in [VI_ZH, ZH_VI, VI_EN] {
        for pair in pairs_of(Path::new(file)) {
            pairs.insert((file.to_string(), pair.id.clone()), pair);
        }
    }
    let mut spans_seen = 0;
    for finding in &findings {
        let object = finding.as_object().expect("each line is an object");
        let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, FIELDS.into_iter().collect(), "fields of {finding}");
        let file = str_of(finding, "file");
        let unit = str_of(finding, "unit");
        let pair = pairs
            .get(&(file.to_string(), unit.to_string()))
            .unwrap_or_else(|| panic!("{file} has a unit {unit}"));
        assert_eq!(
            finding["line"].as_u64(),
            Some(pair.line as u64),
            "{finding}"
        );
        let source = str_of(finding, "source");
        let target = str_of(finding, "target");
        assert_eq!(source, normalized(&pair.source), "source of {unit}");
        assert_eq!(
            target,
            normalized(pair.target.as_deref().unwrap_or_default()),
            "target of {unit}"
        );
        let category = str_of(finding, "category");
        assert!(CATEGORIES.contains(&category), "category of {finding}");
        let severity = str_of(finding, "severity");
        let want = match category {
            "term_missing" | "term_deprecated" | "number_mismatch" | "untranslated" => {
                Some("error")
            }
            "source_artefact" => Some("warning"),
            _ => None,
        };
        assert!(
            matches!(severity, "error" | "warning") && want.is_none_or(|w| w == severity),
            "severity of {finding}"
        );
        assert!(
            !str_of(finding, "message").trim().is_empty(),
            "message of {finding}"
        );
        assert!(
            finding["suggestion"].is_null() || finding["suggestion"].is_string(),
            "suggestion of {finding}"
        );
        let in_source = spanned(source, &finding["source_span"], "source_span");
        let in_target = spanned(target, &finding["target_span"], "target_span");
        spans_seen += usize::from(in_source.is_some()) + usize::from(in_target.is_some());
        // Where the message quotes what a span covers, it is that text:
        // e.g. the year "năm 2025" (2025) in the source is "2024年".
        if category == "number_mismatch"
            && let (Some(s), Some(t)) = (&in_source, &in_target)
        {
            let message = str_of(finding, "message");
            assert!(
                message.contains(&format!("\"{s}\"")) && message.contains(&format!("\"{t}\"")),
                "number_mismatch spans {s:?} / {t:?} vs message {message:?}"
            );
        }
        if category == "source_artefact" {
            let covered = in_source.or(in_target).expect("an artefact has a span");
            assert!(
                str_of(finding, "message").starts_with(&covered),
                "the artefact's span is its found phrase: {covered:?} in {finding}"
            );
        }
    }
    assert!(spans_seen > 100, "most findings have spans: {spans_seen}");
}

/// (4a) Exit 1 with error findings; 0, and no report, on a clean file.
#[test]
fn exit_status_by_findings() {
    let errors = plangloss(&["qa", PLAN_12, "--glossary", GLOSSARY]);
    assert_eq!(code(&errors), 1, "{}", stderr(&errors));
    assert!(stdout(&errors).contains("error[untranslated]"));

    // A clean file, as a user's copy somewhere else.
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.xlf");
    std::fs::copy(root().join(CLEAN), &clean).unwrap();
    for format in ["text", "jsonl", "csv"] {
        let output = plangloss(&[
            "qa",
            path_str(&clean),
            "--glossary",
            GLOSSARY,
            "--format",
            format,
        ]);
        assert_eq!(code(&output), 0, "{format}: {}", stderr(&output));
        let report = stdout(&output);
        match format {
            "csv" => assert_eq!(report.lines().count(), 1, "only the header: {report}"),
            _ => assert!(report.is_empty(), "{format} report: {report}"),
        }
        assert!(
            stderr(&output).contains("0 errors, 0 warnings in 1 unit of 1 file"),
            "{}",
            stderr(&output)
        );
    }

    // Warnings alone do not fail: the artefact in a Chinese source.
    let warned = dir.path().join("warned.xlf");
    std::fs::write(
        &warned,
        std::fs::read_to_string(root().join(CLEAN))
            .unwrap()
            .replace(
                "source-language=\"vi\" target-language=\"zh-CN\"",
                "source-language=\"zh-CN\" target-language=\"vi\"",
            )
            .replace(
                "<source>Dân số và phát triển</source>",
                "<source>方案生育工作</source>",
            )
            .replace(
                "<target state=\"translated\">人口与发展</target>",
                "<target state=\"translated\">Công tác kế hoạch hóa gia đình</target>",
            ),
    )
    .unwrap();
    let output = plangloss(&["qa", path_str(&warned), "--format", "jsonl"]);
    let findings = records(&output);
    assert_eq!(code(&output), 0, "{findings:?}");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["category"], "source_artefact");
    assert_eq!(findings[0]["severity"], "warning");
}

/// (4b) A truncated or missing file makes the run exit 1, with each one
/// named on stderr, and the other files are still checked and reported.
#[test]
fn unreadable_files_exit_one_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.xlf");
    let full = std::fs::read_to_string(root().join(VI_ZH)).unwrap();
    let cut = full
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| at >= full.len() / 2)
        .unwrap();
    std::fs::write(&truncated, &full[..cut]).unwrap();
    let missing = dir.path().join("missing.xlf");
    let not_xml = dir.path().join("not-xml.xlf");
    std::fs::write(&not_xml, "plain text, not XLIFF\n").unwrap();

    let output = plangloss(&[
        "qa",
        path_str(&truncated),
        PLAN_12,
        path_str(&missing),
        CLEAN,
        path_str(&not_xml),
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let messages = stderr(&output);
    for bad in [&truncated, &missing, &not_xml] {
        assert!(
            messages.contains(&format!("plangloss: {}:", bad.display())),
            "{} is reported: {messages}",
            bad.display()
        );
    }
    assert!(
        messages.contains("in 4 units of 2 files"),
        "the readable files are counted: {messages}"
    );
    let findings = records(&output);
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["file"] == PLAN_12 && f["unit"] == "b2-s2"),
        "only the readable file's finding: {findings:?}"
    );

    // Unreadable files fail the run even when what is read is clean.
    let output = plangloss(&[
        "qa",
        CLEAN,
        path_str(&missing),
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    assert!(stderr(&output).contains("in 1 unit of 1 file"));
}

/// (4c) Exit 2, and no report, for a glossary or artefact list that is
/// missing or malformed.
#[test]
fn usage_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad_glossary = dir.path().join("glossary.tsv");
    std::fs::write(&bad_glossary, "garbage without a language column\n").unwrap();
    let bad_header = dir.path().join("bad-header.tsv");
    std::fs::write(&bad_header, "from\tto\n方案生育\t计划生育\n").unwrap();
    let bad_entry = dir.path().join("bad-entry.tsv");
    std::fs::write(&bad_entry, "found\toriginal\tnote\n方案生育\n").unwrap();
    let missing = dir.path().join("missing.tsv");
    let cases: [(&str, Vec<&str>); 5] = [
        ("missing glossary", vec!["--glossary", path_str(&missing)]),
        (
            "malformed glossary",
            vec!["--glossary", path_str(&bad_glossary)],
        ),
        (
            "artefact list without header",
            vec!["--glossary", GLOSSARY, "--artefacts", path_str(&bad_header)],
        ),
        (
            "artefact entry without original",
            vec!["--glossary", GLOSSARY, "--artefacts", path_str(&bad_entry)],
        ),
        (
            "missing artefact list",
            vec!["--glossary", GLOSSARY, "--artefacts", path_str(&missing)],
        ),
    ];
    for (what, options) in cases {
        let mut args = vec!["qa", PLAN_12, "--format", "jsonl"];
        args.extend(options);
        let output = plangloss(&args);
        assert_eq!(code(&output), 2, "{what}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{what}: no report");
        assert!(
            stderr(&output).starts_with("plangloss: "),
            "{what}: {}",
            stderr(&output)
        );
    }
}

/// Whether the tests run as root, for whom file permissions do not apply.
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// (4d) Exit 3 when the report cannot be written: `-o` into a folder that
/// does not exist, onto a folder, or (not as root) into a read-only one.
/// `-o FILE` otherwise holds what stdout would.
#[test]
fn unwritable_output_exits_three() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.jsonl");
    let written = plangloss(&[
        "qa",
        PLAN_12,
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
        "-o",
        path_str(&report),
    ]);
    assert_eq!(code(&written), 1, "{}", stderr(&written));
    assert!(stdout(&written).is_empty());
    let to_stdout = plangloss(&["qa", PLAN_12, "--glossary", GLOSSARY, "--format", "jsonl"]);
    assert_eq!(std::fs::read(&report).unwrap(), to_stdout.stdout);

    let nowhere = dir.path().join("no/such/folder/report.txt");
    let mut targets = vec![
        ("a missing folder", nowhere.clone()),
        ("a folder", dir.path().to_path_buf()),
    ];
    let read_only = dir.path().join("read-only");
    if running_as_root() {
        eprintln!("skipping the read-only folder: running as root, permissions do not apply");
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir(&read_only).unwrap();
        std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o555)).unwrap();
        targets.push(("a read-only folder", read_only.join("report.txt")));
    }
    for (what, target) in &targets {
        let output = plangloss(&[
            "qa",
            PLAN_12,
            "--glossary",
            GLOSSARY,
            "-o",
            path_str(target),
        ]);
        assert_eq!(code(&output), 3, "{what}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{what}");
    }
    assert!(!nowhere.exists());
    if read_only.exists() {
        use std::os::unix::fs::PermissionsExt;
        assert!(!read_only.join("report.txt").exists());
        std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// How many terminal columns `text` takes: two for CJK and full-width
/// chars (the test texts hold no combining marks: they are NFC).
fn columns(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// (5a) `text` reads like a compiler's messages: per finding, in the order
/// of the JSON Lines, `severity[category]: message`, `--> FILE:LINE (ID)`,
/// the source and target, carets under each span, the suggestion.
#[test]
fn text_report_is_compiler_like() {
    let findings = test_set_findings();
    let output = plangloss(&["qa", VI_ZH, ZH_VI, VI_EN, "--glossary", GLOSSARY]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let header = Regex::new(r"^(error|warning)\[([a-z_]+)\]: (.+)$").unwrap();
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if header.is_match(line) {
            blocks.push(vec![line]);
        } else {
            blocks
                .last_mut()
                .expect("the report starts with a message")
                .push(line);
        }
    }
    assert_eq!(blocks.len(), findings.len(), "one message per finding");
    for (block, finding) in blocks.iter().zip(&findings) {
        let caps = header.captures(block[0]).unwrap();
        assert_eq!(&caps[1], str_of(finding, "severity"), "{block:?}");
        assert_eq!(&caps[2], str_of(finding, "category"), "{block:?}");
        assert_eq!(&caps[3], str_of(finding, "message"), "{block:?}");
        assert_eq!(
            block[1],
            format!(
                "  --> {}:{} ({})",
                str_of(finding, "file"),
                finding["line"],
                str_of(finding, "unit")
            )
        );
        let mut rest = block[2..].iter().copied().peekable();
        for (label, field) in [("source", "source_span"), ("target", "target_span")] {
            let text = str_of(finding, label);
            assert_eq!(rest.next(), Some(format!("   {label} | {text}").as_str()));
            let span = &finding[field];
            if span.is_null() {
                assert!(
                    !rest.peek().is_some_and(|line| line.contains('^')),
                    "no carets without a span: {block:?}"
                );
                continue;
            }
            let carets = rest.next().expect("a caret line under a span");
            let prefix = format!("   {} | ", " ".repeat(label.len()));
            let marks = carets
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("caret line {carets:?}"));
            let start = span[0].as_u64().unwrap() as usize;
            let end = span[1].as_u64().unwrap() as usize;
            let before: String = text.chars().take(start).collect();
            let under: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(
                marks,
                format!(
                    "{}{}",
                    " ".repeat(columns(&before)),
                    "^".repeat(columns(&under))
                ),
                "carets under {under:?} in {block:?}"
            );
        }
        match finding["suggestion"].as_str() {
            Some(suggestion) => assert_eq!(
                rest.next(),
                Some(format!("   = suggestion: {suggestion}").as_str())
            ),
            None => assert!(!rest.peek().is_some_and(|l| l.contains("suggestion"))),
        }
        assert_eq!(rest.next(), Some(""), "a blank line ends {block:?}");
        assert_eq!(rest.next(), None, "{block:?}");
    }
}

/// (5b) `csv` is a table with a header and one row per JSON line, holding
/// the same findings in the same order.
#[test]
fn csv_report_has_a_row_per_finding() {
    let findings = test_set_findings();
    let output = plangloss(&[
        "qa",
        VI_ZH,
        ZH_VI,
        VI_EN,
        "--glossary",
        GLOSSARY,
        "--format",
        "csv",
    ]);
    assert_eq!(code(&output), 1);
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    for column in [
        "file",
        "line",
        "unit",
        "category",
        "severity",
        "message",
        "source_start",
        "source_end",
        "target_start",
        "target_end",
        "suggestion",
        "source",
        "target",
    ] {
        assert!(header.iter().any(|h| h == column), "column {column}");
    }
    let rows: Vec<HashMap<String, String>> = reader
        .records()
        .map(|row| {
            let row = row.expect("a well-formed row");
            assert_eq!(row.len(), header.len(), "every row has every column");
            header
                .iter()
                .cloned()
                .zip(row.iter().map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), findings.len(), "one row per finding");
    let bound = |span: &Value, i: usize| {
        span.get(i)
            .and_then(Value::as_u64)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    for (row, finding) in rows.iter().zip(&findings) {
        for key in [
            "file", "unit", "category", "severity", "message", "source", "target",
        ] {
            assert_eq!(row[key], str_of(finding, key), "{key} of {finding}");
        }
        assert_eq!(row["line"], finding["line"].to_string());
        assert_eq!(row["source_start"], bound(&finding["source_span"], 0));
        assert_eq!(row["source_end"], bound(&finding["source_span"], 1));
        assert_eq!(row["target_start"], bound(&finding["target_span"], 0));
        assert_eq!(row["target_end"], bound(&finding["target_span"], 1));
        assert_eq!(
            row["suggestion"],
            finding["suggestion"].as_str().unwrap_or_default()
        );
    }
}

/// (5c) `html` is one self-contained page: no external resource, one inline
/// script, one row per unit, every finding placed in its unit's row.
#[test]
fn html_report_is_one_self_contained_page() {
    let findings = test_set_findings();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("qa.html");
    let output = plangloss(&[
        "qa",
        VI_ZH,
        ZH_VI,
        VI_EN,
        "--glossary",
        GLOSSARY,
        "--format",
        "html",
        "-o",
        path_str(&page),
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<html").count(), 1);
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_lowercase();
    let attribute =
        Regex::new(r#"\s(src|href|srcset|action|data)\s*=\s*["']?([^"'\s>]*)"#).unwrap();
    for caps in attribute.captures_iter(&lower) {
        let (name, value) = (&caps[1], &caps[2]);
        assert!(
            name == "data" || value.starts_with('#'),
            "an external resource: {}",
            &caps[0]
        );
    }
    for external in [
        "<link", "<iframe", "<img", "<object", "<embed", "@import", "url(", "http://", "https://",
    ] {
        assert!(!lower.contains(external), "the page holds {external}");
    }
    assert_eq!(lower.matches("<script").count(), 1, "one script");
    let script = &lower[lower.find("<script").unwrap()..];
    assert!(script.starts_with("<script>"), "the script is inline");
    assert!(
        script.find("</script>").unwrap() > "<script>".len() + 20,
        "the script has a body"
    );
    assert_eq!(
        html.matches("<tr class=\"unit\"").count(),
        234,
        "a row per unit"
    );
    let placed: usize = Regex::new(r#"<tr class="unit" data-findings="(\d+)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|caps| caps[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!(placed, findings.len(), "every finding in its unit's row");
}

/// Removes what `--write-back` inserts into an XLIFF file.
fn strip_qa(text: &str) -> String {
    let patterns = [
        r#"<note from="plangloss-qa" priority="[15]">[^<]*</note>\n"#,
        r#"(?s)<its:locQualityIssues xmlns:its="http://www\.w3\.org/2005/11/its" xml:id="plangloss-qa-\d+">\n.*?</its:locQualityIssues>\n"#,
        r#"<note category="plangloss-qa" priority="[15]"(?: appliesTo="(?:source|target)")?>[^<]*</note>\n"#,
        r"<notes>\n</notes>\n",
    ];
    patterns.iter().fold(text.to_string(), |text, pattern| {
        Regex::new(pattern)
            .unwrap()
            .replace_all(&text, "")
            .into_owned()
    })
}

/// The XSD folder `scripts/install-clients.sh` fills, and xmllint, or
/// `None` with the reason printed.
fn schemas() -> Option<PathBuf> {
    let dir = root().join("target/clients/schemas");
    let have_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    let have_schemas = [
        "xliff-core-1.2-strict.xsd",
        "xliff-core-2.0.xsd",
        "catalog.xml",
    ]
    .iter()
    .all(|f| dir.join(f).is_file());
    if !have_xmllint || !have_schemas {
        eprintln!(
            "skipping the XSD validation: needs xmllint and target/clients/schemas \
             (scripts/install-clients.sh)"
        );
        return None;
    }
    Some(dir)
}

/// Asserts that `files` validate against the XLIFF XSD `schema`, offline.
fn assert_valid_xliff(schemas: &Path, schema: &str, files: &[&Path]) {
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schemas.join(schema))
        .args(files)
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .output()
        .expect("xmllint runs");
    assert!(
        output.status.success(),
        "{schema}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `qa --write-back` on `files`, giving the findings.
fn write_back(files: &[&Path]) -> Vec<Value> {
    let mut args = vec!["qa"];
    args.extend(files.iter().map(|f| path_str(f)));
    args.extend(["--glossary", GLOSSARY, "--format", "jsonl", "--write-back"]);
    let output = plangloss(&args);
    assert!(
        matches!(code(&output), 0 | 1),
        "qa --write-back: {}",
        stderr(&output)
    );
    records(&output)
}

/// Copies the repository's `files` into `dir`, giving the copies.
fn copies(dir: &Path, files: &[&str]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|file| {
            let copy = dir.join(Path::new(file).file_name().unwrap());
            std::fs::copy(root().join(file), &copy).unwrap();
            copy
        })
        .collect()
}

/// Asserts that the written-back `copy` of `original` holds what QA
/// inserted for `findings` and, that stripped, every byte it had; and that
/// it still reads as the same pairs.
fn assert_written_back(original: &str, copy: &Path, findings: &[Value]) {
    let before = std::fs::read_to_string(root().join(original)).unwrap();
    let after = std::fs::read_to_string(copy).unwrap();
    let own: Vec<&Value> = findings
        .iter()
        .filter(|f| f["file"] == path_str(copy))
        .collect();
    assert!(!own.is_empty(), "{original} has findings");
    let version2 = before.contains("urn:oasis:names:tc:xliff:document:2.0");
    if version2 {
        assert_eq!(
            after.matches("<note category=\"plangloss-qa\"").count(),
            own.len(),
            "a note per finding in {original}"
        );
        assert_eq!(
            after.matches("<its:locQualityIssue ").count(),
            own.len(),
            "an ITS issue per finding in {original}"
        );
        let units: BTreeSet<&str> = own
            .iter()
            .map(|f| str_of(f, "unit").split('/').next().unwrap_or_default())
            .collect();
        assert_eq!(
            after.matches("<its:locQualityIssues ").count(),
            units.len(),
            "a standoff element per unit with findings in {original}"
        );
        assert!(!after.contains("from=\"plangloss-qa\""));
    } else {
        assert_eq!(
            after.matches("<note from=\"plangloss-qa\"").count(),
            own.len(),
            "a note per finding in {original}"
        );
        assert!(!after.contains("its:locQualityIssue"));
    }
    for finding in &own {
        let category = str_of(finding, "category");
        assert!(
            after.contains(&format!("{} {category}: ", str_of(finding, "severity"))),
            "{category} of {} noted in {original}",
            str_of(finding, "unit")
        );
    }
    assert_eq!(
        strip_qa(&after),
        before,
        "{original}: bytes outside the inserted elements changed"
    );
    let read_before = read(&before).unwrap();
    let read_after = read(&after).unwrap_or_else(|e| panic!("{original} written back reads: {e}"));
    assert_eq!(read_after.kind, read_before.kind);
    let texts = |pairs: &[Pair]| -> Vec<(String, String, Option<String>)> {
        pairs
            .iter()
            .map(|p| (p.id.clone(), p.source.clone(), p.target.clone()))
            .collect()
    };
    assert_eq!(texts(&read_after.pairs), texts(&read_before.pairs));
    assert!(duplicate_ids(&after).unwrap().is_empty());
}

/// (6a) `--write-back` on copies of XLIFF 1.2 and 2.1 files: notes (1.2),
/// notes and ITS issues (2.x) for every finding and nothing else changed;
/// a second run changes no byte; fixing the findings and running again
/// gives back the files as they were, fixes apart; files without findings
/// and TMX files are left byte for byte; the written files still read and
/// validate against the XLIFF XSDs.
#[test]
fn write_back_notes_findings_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let originals = [WRITE_BACK_12, WRITE_BACK_21, PLAN_12, PLAN_21, CLEAN, TMX];
    let files = copies(dir.path(), &originals);
    // A TMX with a finding, to be sure it is checked and left alone.
    let tmx = &files[5];
    let tmx_text = std::fs::read_to_string(tmx)
        .unwrap()
        .replace("颁布2025年", "颁布2024年");
    std::fs::write(tmx, &tmx_text).unwrap();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();

    let findings = write_back(&paths);
    assert!(
        findings
            .iter()
            .any(|f| f["file"] == path_str(tmx) && f["category"] == "number_mismatch"),
        "the TMX is checked: {findings:?}"
    );
    for (original, copy) in originals.iter().zip(&files).take(4) {
        assert_written_back(original, copy, &findings);
    }
    assert_eq!(
        std::fs::read(&files[4]).unwrap(),
        std::fs::read(root().join(CLEAN)).unwrap(),
        "a file without findings is unchanged"
    );
    assert_eq!(
        std::fs::read_to_string(tmx).unwrap(),
        tmx_text,
        "TMX untouched"
    );
    // What was written: a unit's earlier notes kept, ours after them.
    let written_12 = std::fs::read_to_string(&files[0]).unwrap();
    assert!(written_12.contains(
        "<note from=\"translator\">kept as it is</note>\n      \
         <note from=\"plangloss-qa\" priority=\"1\">error number_mismatch: "
    ));
    let written_21 = std::fs::read_to_string(&files[1]).unwrap();
    assert!(written_21.contains(
        "<note category=\"translator\">kept as it is</note>\n      \
         <note category=\"plangloss-qa\" priority=\"1\">error number_mismatch: "
    ));
    if let Some(schemas) = schemas() {
        assert_valid_xliff(
            &schemas,
            "xliff-core-1.2-strict.xsd",
            &[&files[0], &files[2]],
        );
        assert_valid_xliff(&schemas, "xliff-core-2.0.xsd", &[&files[1], &files[3]]);
    }

    // Again: the same findings, the same bytes.
    let once: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let again = write_back(&paths);
    assert_eq!(again.len(), findings.len());
    for (file, before) in files.iter().zip(&once) {
        assert_eq!(
            &std::fs::read(file).unwrap(),
            before,
            "{} changed on a second run",
            file.display()
        );
    }

    // Fixed: the notes go, and the files are as they were but for the fix.
    let fixes: [(usize, &[(&str, &str)]); 2] = [
        (0, &[("2024年，", "2025年，")]),
        (1, &[("2024年，", "2025年，"), ("2029年目标", "2030年目标")]),
    ];
    let mut fixed_originals = Vec::new();
    for (index, replacements) in fixes {
        let fix = |text: String| {
            replacements
                .iter()
                .fold(text, |text, (from, to)| text.replacen(from, to, 1))
        };
        let written = std::fs::read_to_string(&files[index]).unwrap();
        std::fs::write(&files[index], fix(written)).unwrap();
        fixed_originals.push(fix(
            std::fs::read_to_string(root().join(originals[index])).unwrap()
        ));
    }
    let left = write_back(&paths[..2]);
    assert!(left.is_empty(), "fixed: {left:?}");
    for (file, fixed) in files.iter().zip(&fixed_originals) {
        assert_eq!(
            &std::fs::read_to_string(file).unwrap(),
            fixed,
            "{}: QA's notes removed, nothing else",
            file.display()
        );
    }
}

/// (6b) The bigger test-set files, written back once: every finding noted,
/// nothing else changed, still readable and valid.
#[test]
fn write_back_on_the_test_set() {
    let dir = tempfile::tempdir().unwrap();
    let files = copies(dir.path(), &[VI_ZH, VI_ZH_21]);
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let findings = write_back(&paths);
    assert_written_back(VI_ZH, &files[0], &findings);
    assert_written_back(VI_ZH_21, &files[1], &findings);
    if let Some(schemas) = schemas() {
        assert_valid_xliff(&schemas, "xliff-core-1.2-strict.xsd", &[&files[0]]);
        assert_valid_xliff(&schemas, "xliff-core-2.0.xsd", &[&files[1]]);
    }
}

/// (6c) A second run over a written-back file changes no byte, also when a
/// message cites the line of another unit (inconsistent).
#[test]
fn write_back_twice_is_identical_with_inconsistencies() {
    let dir = tempfile::tempdir().unwrap();
    let files = copies(dir.path(), &[VI_ZH]);
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    write_back(&paths);
    let once = std::fs::read_to_string(&files[0]).unwrap();
    write_back(&paths);
    let twice = std::fs::read_to_string(&files[0]).unwrap();
    let changed: Vec<(&str, &str)> = once
        .lines()
        .zip(twice.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(changed.is_empty(), "lines changed: {changed:#?}");
}

/// A trans-unit: id, source, target.
type Unit<'a> = (&'a str, &'a str, &'a str);

/// An XLIFF 1.2 document of `files`, each (original, units), vi → zh-CN.
fn xliff_12(files: &[(&str, &[Unit])]) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
    );
    for (original, units) in files {
        text.push_str(&format!(
            "<file original=\"{original}\" source-language=\"vi\" target-language=\"zh-CN\" \
             datatype=\"plaintext\"><body>\n"
        ));
        for (id, source, target) in *units {
            text.push_str(&format!(
                "<trans-unit id=\"{id}\"><source>{source}</source><target>{target}</target></trans-unit>\n"
            ));
        }
        text.push_str("</body></file>\n");
    }
    text.push_str("</xliff>\n");
    text
}

/// How many QA notes each trans-unit of `text` holds, in order.
fn notes_per_unit(text: &str) -> Vec<(String, usize)> {
    text.split("<trans-unit id=\"")
        .skip(1)
        .map(|unit| {
            let id = unit.split('"').next().unwrap_or_default().to_string();
            (id, unit.matches("<note from=\"plangloss-qa\"").count())
        })
        .collect()
}

/// (6d) In XLIFF 1.2 a trans-unit id may hold a `/`: its findings are
/// written into it, not into the unit named by what precedes the `/`.
#[test]
fn write_back_keeps_12_ids_with_a_slash() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("ids.xlf");
    std::fs::write(
        &xliff,
        xliff_12(&[(
            "a.txt",
            &[
                ("p/1", "Năm 2025 có 90% trẻ em.", "2024年有90%儿童。"),
                ("p", "Dân số", "人口"),
            ],
        )]),
    )
    .unwrap();
    let findings = write_back(&[&xliff]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["unit"], "p/1");
    let written = std::fs::read_to_string(&xliff).unwrap();
    assert_eq!(
        notes_per_unit(&written),
        [("p/1".to_string(), 1), ("p".to_string(), 0)],
        "{written}"
    );
}

/// (6e) Unit ids are unique within a `<file>` only (XLIFF 1.2 and 2.x):
/// the findings of one file's unit are not written into another file's
/// unit of the same id.
#[test]
fn write_back_tells_units_of_different_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = dir.path().join("files.xlf");
    std::fs::write(
        &xliff,
        xliff_12(&[
            (
                "a.txt",
                &[("1", "Năm 2025 có 90% trẻ em.", "2024年有90%儿童。")],
            ),
            ("b.txt", &[("1", "Dân số", "人口")]),
        ]),
    )
    .unwrap();
    let findings = write_back(&[&xliff]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let written = std::fs::read_to_string(&xliff).unwrap();
    assert_eq!(
        notes_per_unit(&written),
        [("1".to_string(), 1), ("1".to_string(), 0)],
        "{written}"
    );

    let xliff_2 = dir.path().join("files-2.1.xlf");
    std::fs::write(
        &xliff_2,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" srcLang=\"vi\" trgLang=\"zh-CN\">\n\
         <file id=\"f1\">\n<unit id=\"u1\"><segment id=\"s1\"><source>Năm 2025 có 90% trẻ em.</source>\
         <target>2024年有90%儿童。</target></segment></unit>\n</file>\n\
         <file id=\"f2\">\n<unit id=\"u1\"><segment id=\"s1\"><source>Dân số</source>\
         <target>人口</target></segment></unit>\n</file>\n</xliff>\n",
    )
    .unwrap();
    let findings = write_back(&[&xliff_2]);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let written = std::fs::read_to_string(&xliff_2).unwrap();
    let second_file = &written[written.find("<file id=\"f2\">").unwrap()..];
    assert!(
        !second_file.contains("plangloss-qa"),
        "f2's unit u1 has no finding: {written}"
    );
}

/// (7) A user's artefact list adds entries (and corrects shipped ones),
/// found in a Chinese source and in a Chinese target.
#[test]
fn user_artefact_list_extends_the_shipped_one() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mine.tsv");
    std::fs::write(
        &list,
        "# my swaps\nfound\toriginal\tnote\n\
         婚前医学检查率\t婚前医学检查比率\ta test entry\n\
         方案生育\t计划生育工作\tcorrects the shipped entry\n",
    )
    .unwrap();
    let unit = |id: &str, source: &str, target: &str| {
        format!(
            "<trans-unit id=\"{id}\"><source>{source}</source>\
             <target state=\"translated\">{target}</target></trans-unit>\n"
        )
    };
    let file = |source: &str, target: &str, units: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
             <file original=\"a.txt\" source-language=\"{source}\" target-language=\"{target}\" \
             datatype=\"plaintext\"><body>\n{units}</body></file>\n</xliff>\n"
        )
    };
    let zh_vi = dir.path().join("zh-vi.xlf");
    std::fs::write(
        &zh_vi,
        file(
            "zh-CN",
            "vi",
            &(unit(
                "z1",
                "全县婚前医学检查率达到75%以上。",
                "Tỷ lệ khám sức khỏe tiền hôn nhân toàn huyện đạt trên 75%.",
            ) + &unit(
                "z2",
                "坚持方案生育工作。",
                "Kiên trì công tác kế hoạch hóa gia đình.",
            )),
        ),
    )
    .unwrap();
    let vi_zh = dir.path().join("vi-zh.xlf");
    std::fs::write(
        &vi_zh,
        file(
            "vi",
            "zh-CN",
            &unit(
                "v1",
                "Tỷ lệ khám sức khỏe tiền hôn nhân toàn huyện đạt trên 75%.",
                "全县婚前医学检查率达到75%以上。",
            ),
        ),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "qa",
            path_str(&zh_vi),
            path_str(&vi_zh),
            "--format",
            "jsonl",
        ];
        args.extend(extra);
        let output = plangloss(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        records(&output)
            .into_iter()
            .filter(|f| f["category"] == "source_artefact")
            .map(|f| {
                (
                    str_of(&f, "unit").to_string(),
                    spanned(str_of(&f, "source"), &f["source_span"], "source_span"),
                    spanned(str_of(&f, "target"), &f["target_span"], "target_span"),
                    f["suggestion"].as_str().map(String::from),
                )
            })
            .collect::<Vec<_>>()
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        run(&[]),
        vec![("z2".to_string(), some("方案生育"), None, some("计划生育"))],
        "the shipped list alone"
    );
    assert_eq!(
        run(&["--artefacts", path_str(&list)]),
        vec![
            (
                "z1".to_string(),
                some("婚前医学检查率"),
                None,
                some("婚前医学检查比率")
            ),
            (
                "z2".to_string(),
                some("方案生育"),
                None,
                some("计划生育工作")
            ),
            (
                "v1".to_string(),
                None,
                some("婚前医学检查率"),
                some("婚前医学检查比率")
            ),
        ],
        "with the user's list"
    );
}

/// (8) zh → vi XLIFF and TMX are read and checked: findings for the
/// Chinese-source units, the TMX's units counted and its errors found.
#[test]
fn zh_vi_and_tmx_are_checked() {
    let output = plangloss(&[
        "qa",
        ZH_VI,
        TMX,
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&output), 1, "zh-vi has errors: {}", stderr(&output));
    assert!(
        stderr(&output).contains("in 102 units of 2 files"),
        "{}",
        stderr(&output)
    );
    let findings = records(&output);
    assert!(
        findings.iter().all(|f| f["file"] == ZH_VI),
        "the TMX is clean"
    );
    // The same categories per unit as when checked with the other files.
    assert_eq!(
        categories_by_unit(&findings, "/zh-vi.xlf"),
        categories_by_unit(&test_set_findings(), "/zh-vi.xlf")
    );
    let han = Regex::new(r"\p{Han}").unwrap();
    assert!(
        findings.iter().all(|f| han.is_match(str_of(f, "source"))),
        "the sources are the Chinese side"
    );
    for category in CATEGORIES {
        assert!(
            findings.iter().any(|f| f["category"] == category),
            "zh → vi finds {category}"
        );
    }

    // A TMX with an error: found, on the line of its <tu>.
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("memory.tmx");
    std::fs::write(
        &tmx,
        std::fs::read_to_string(root().join(TMX))
            .unwrap()
            .replace("颁布2025年", "颁布2024年"),
    )
    .unwrap();
    let output = plangloss(&[
        "qa",
        path_str(&tmx),
        "--glossary",
        GLOSSARY,
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let findings = records(&output);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["category"], "number_mismatch");
    assert_eq!(findings[0]["line"], 9);
    assert_eq!(findings[0]["suggestion"], "2025年");
}

/// (9) `ingest` warns about a source artefact in a Chinese text.
#[test]
fn ingest_warns_about_source_artefacts() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("plan.txt");
    std::fs::write(
        &text,
        "一、工作目标\n\n坚持基本国策，宣传方案生育工作取得的伟大成就，\
         促进人口长期均衡发展。各地要加强组织领导，落实工作责任。\n",
    )
    .unwrap();
    let output = plangloss(&["ingest", path_str(&text)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let records = records(&output);
    assert_eq!(records.len(), 1);
    let warnings: Vec<&str> = records[0]["warnings"]
        .as_array()
        .expect("the record has warnings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let artefacts: Vec<&&str> = warnings
        .iter()
        .filter(|w| w.starts_with("source artefact"))
        .collect();
    assert_eq!(artefacts.len(), 1, "{warnings:?}");
    assert!(
        artefacts[0].contains("\"方案生育\" used 1 time (block ")
            && artefacts[0].contains("likely \"计划生育\""),
        "{warnings:?}"
    );

    // Without the artefact, no such warning.
    std::fs::write(
        &text,
        "一、工作目标\n\n坚持基本国策，宣传计划生育工作取得的伟大成就。\n",
    )
    .unwrap();
    let output = plangloss(&["ingest", path_str(&text)]);
    let records = crate::common::records(&output);
    assert!(
        !records[0]["warnings"].as_array().is_some_and(|w| w
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.starts_with("source artefact")))),
        "{:?}",
        records[0]["warnings"]
    );
}

#[test]
fn traditional_targets_need_zh_variant_match() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trad.xlf");
    std::fs::write(
        &file,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
         <file original=\"t\" source-language=\"vi\" target-language=\"zh-TW\" datatype=\"plaintext\"><body>\n\
         <trans-unit id=\"1\"><source>Công tác kế hoạch hóa gia đình năm 2025.</source>\
         <target state=\"translated\">2025年計劃生育工作。</target></trans-unit>\n\
         </body></file></xliff>\n",
    )
    .unwrap();
    let as_written = plangloss(&["qa", path_str(&file), "--glossary", GLOSSARY]);
    assert_eq!(code(&as_written), 1);
    assert!(stdout(&as_written).contains("error[term_missing]"));
    let across = plangloss(&[
        "qa",
        path_str(&file),
        "--glossary",
        GLOSSARY,
        "--zh-variant",
        "match",
    ]);
    assert_eq!(code(&across), 0, "{}", stdout(&across));
    assert_eq!(stdout(&across), "");
}
