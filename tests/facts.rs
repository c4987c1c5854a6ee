//! End-to-end runs of the document-facts stage: the `document` object of
//! `ingest` against the hand-made gold of `tests/fixtures/document-gold/`
//! (our own plans always; the real documents when `../shared/` is beside
//! the checkout), and the `info` and `text --outline` commands.
//!
//! The floors below are what the stage reaches today, a little lowered:
//! they catch a regression. The targets (0.95 per field) are
//! measured by `scripts/facts_quality.py`.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Fields compared, with the accuracy each must keep on our own plans and
/// on the real documents.
const FLOORS: [(&str, f64, f64); 12] = [
    ("number", 0.75, 0.85),
    ("type", 0.75, 0.70),
    ("type_text", 0.75, 0.75),
    ("issuer", 0.70, 0.85),
    ("issuer_parent", 0.95, 0.95),
    ("place", 0.95, 0.95),
    ("date", 0.70, 0.85),
    ("subject", 0.70, 0.60),
    ("signer.name", 0.90, 0.75),
    ("signer.title", 0.85, 0.60),
    ("signer.authority", 0.90, 0.75),
    ("recipients", 0.70, 0.50),
];

struct Gold {
    name: String,
    path: String,
    own: bool,
    document: Value,
}

fn golds() -> Vec<Gold> {
    let dir = root().join("tests/fixtures/document-gold");
    let mut golds: Vec<Gold> = std::fs::read_dir(&dir)
        .expect("the gold folder is there")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let gold: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            Gold {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                path: gold["path"].as_str().unwrap().to_string(),
                own: gold["own"].as_bool().unwrap_or(false),
                document: gold["document"].clone(),
            }
        })
        .collect();
    golds.sort_by(|a, b| a.name.cmp(&b.name));
    golds
}

fn fold(text: &str) -> String {
    let text = plangloss::normalize::normalize_text(text).to_lowercase();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_number(text: &str) -> String {
    plangloss::facts::symbols::key(&plangloss::normalize::normalize_text(text))
}

/// A field of a `document` object, folded for comparison.
fn field(document: &Value, name: &str) -> String {
    let value = match name.split_once('.') {
        Some((outer, inner)) => &document[outer][inner],
        None => &document[name],
    };
    match value {
        Value::Null => String::new(),
        Value::String(text) if name == "number" => fold_number(text),
        Value::String(text) => fold(text),
        Value::Array(items) => items
            .iter()
            .map(|item| fold(item.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// Accuracy per field over `golds`, and the references' precision and
/// recall by number; every disagreement printed.
fn score(golds: &[&Gold]) -> (BTreeMap<&'static str, f64>, f64, f64) {
    let paths: Vec<&str> = golds.iter().map(|g| g.path.as_str()).collect();
    let mut args = vec!["ingest"];
    args.extend(&paths);
    let output = plangloss(&args);
    let records = records(&output);
    assert_valid(&records);
    let mut right: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut found, mut expected, mut matched) = (0, 0, 0);
    for gold in golds {
        let record = find(&records, &gold.path);
        let ours = &record["document"];
        for (name, _, _) in FLOORS {
            if field(ours, name) == field(&gold.document, name) {
                *right.entry(name).or_default() += 1;
            } else {
                eprintln!(
                    "{}: {name}: ours {:?}, gold {:?}",
                    gold.name,
                    field(ours, name),
                    field(&gold.document, name)
                );
            }
        }
        let numbers = |document: &Value| -> Vec<String> {
            document["references"]
                .as_array()
                .map(|refs| {
                    refs.iter()
                        .filter_map(|r| r["number"].as_str())
                        .map(fold_number)
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ours, gold) = (numbers(ours), numbers(&gold.document));
        found += ours.len();
        expected += gold.len();
        matched += ours.iter().filter(|n| gold.contains(n)).count();
    }
    let accuracy = FLOORS
        .iter()
        .map(|(name, _, _)| {
            let count = right.get(name).copied().unwrap_or(0);
            (*name, count as f64 / golds.len() as f64)
        })
        .collect();
    let precision = matched as f64 / found.max(1) as f64;
    let recall = matched as f64 / expected.max(1) as f64;
    (accuracy, precision, recall)
}

fn assert_floors(golds: &[&Gold], real: bool) {
    let (accuracy, precision, recall) = score(golds);
    eprintln!("{accuracy:?}, references P {precision:.3} R {recall:.3}");
    for (name, own_floor, real_floor) in FLOORS {
        let floor = if real { real_floor } else { own_floor };
        assert!(
            accuracy[name] >= floor,
            "{name}: {:.3} under {floor}",
            accuracy[name]
        );
    }
    assert!(
        precision >= 0.9 && recall >= 0.85,
        "references P {precision:.3} R {recall:.3}"
    );
}

#[test]
fn our_own_plans_against_their_gold() {
    let golds = golds();
    let own: Vec<&Gold> = golds.iter().filter(|g| g.own).collect();
    assert!(own.len() >= 30, "{} own documents in the gold", own.len());
    assert_floors(&own, false);
}

#[test]
fn real_documents_against_their_gold() {
    if shared_corpus().is_none() {
        return;
    }
    let golds = golds();
    let real: Vec<&Gold> = golds
        .iter()
        .filter(|g| !g.own && root().join(&g.path).exists())
        .collect();
    assert!(
        real.len() >= 30,
        "{} real documents in the gold",
        real.len()
    );
    assert_floors(&real, true);
}

#[test]
fn info_summarizes_and_text_prints_the_outline() {
    let plan = "corpora/vi/kh-truyen-thong-dan-so-2025.docx";
    let output = plangloss(&["info", plan, "corpora/zh/mianyi-guihua-2025.docx"]);
    assert!(output.status.success());
    let shown = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "corpora/vi/kh-truyen-thong-dan-so-2025.docx\n",
        "  number     144/KH-UBND\n",
        "  type       plan (KẾ HOẠCH)\n",
        "  date       2025-01-20\n",
        "  number     卫疾控发〔2025〕5号\n",
        "  type       notice (通知)\n",
    ] {
        assert!(shown.contains(expected), "{expected:?} not in\n{shown}");
    }
    let output = plangloss(&["text", "--outline", plan]);
    assert!(output.status.success());
    let tree = String::from_utf8(output.stdout).unwrap();
    assert!(
        tree.starts_with("I. MỤC ĐÍCH, YÊU CẦU\n  1. Mục đích\n"),
        "{tree}"
    );
    assert!(tree.contains("\nV. TỔ CHỨC THỰC HIỆN\n"), "{tree}");
    let missing = plangloss(&["info", "no/such/file.docx"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8(missing.stdout)
            .unwrap()
            .contains("  error      ")
    );
}

#[test]
fn user_document_types_extend_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "SỞ Y TẾ\nSố: 12/KHTT-SYT\nKẾ HOẠCH TRUYỀN THÔNG\nVề tiêm chủng năm 2025\n",
    )
    .unwrap();
    let types = dir.path().join("types.tsv");
    std::fs::write(
        &types,
        "lang\tform\ttext\ttype\nvi\tword\tKế hoạch truyền thông\tprogramme\n",
    )
    .unwrap();
    let plan = plan.to_str().unwrap();
    let shipped = &records(&plangloss(&["ingest", plan]))[0]["document"];
    assert_eq!(shipped["type"], "plan");
    let extended = &records(&plangloss(&[
        "ingest",
        plan,
        "--doc-types",
        types.to_str().unwrap(),
    ]))[0]["document"];
    assert_eq!(extended["type"], "programme");
    assert_eq!(extended["type_text"], "KẾ HOẠCH TRUYỀN THÔNG");
    std::fs::write(&types, "not a header\n").unwrap();
    let refused = plangloss(&["ingest", plan, "--doc-types", types.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
}
