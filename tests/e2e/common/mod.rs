//! Helpers shared by the end-to-end tests: running the binary, parsing and
//! validating its JSON Lines, checking the offset invariants of the contract.

#![allow(dead_code)] // not every helper is used by every run

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The environment variable that makes the tests behave as in a user's
/// fresh clone, where no `../shared/` lies beside the checkout (`.ci/run`
/// runs the suite a second time with it set).
pub const HIDE_SHARED: &str = "PLANGLOSS_TEST_HIDE_SHARED";

/// `../shared/` beside the repository, or `None` when this checkout has none
/// or [`HIDE_SHARED`] is set.
pub fn shared_dir() -> Option<PathBuf> {
    let path = root().join("../shared");
    (path.is_dir() && std::env::var_os(HIDE_SHARED).is_none()).then_some(path)
}

/// `../shared/<sub>` (a folder or a file), or `None` (with the reason
/// printed) when it is absent or hidden.
pub fn shared_path(sub: &str) -> Option<PathBuf> {
    let path = shared_dir().map(|dir| dir.join(sub)).filter(|p| p.exists());
    if path.is_none() {
        eprintln!(
            "skipping: ../shared/{sub} not found (the shared real-world files are not beside this checkout, or {HIDE_SHARED} is set)"
        );
    }
    path
}

/// `../shared/corpus` beside the repository, or `None` (with the reason
/// printed) when this checkout has no shared folder.
pub fn shared_corpus() -> Option<PathBuf> {
    shared_path("corpus")
}

/// Runs `plangloss` with `args` from the repository root.
pub fn plangloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plangloss"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the plangloss binary runs")
}

/// Parses JSON Lines output into records.
pub fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("invalid JSON line ({e}): {line}"))
        })
        .collect()
}

/// Asserts that every record matches `schema/record.schema.json` and the
/// offset rules the schema cannot express.
pub fn assert_valid(records: &[Value]) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/record.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for record in records {
        let errors: Vec<String> = validator
            .iter_errors(record)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "record {} does not match the schema: {errors:#?}",
            record["path"]
        );
        let blocks = record["blocks"].as_array().unwrap();
        for block in blocks {
            assert_offsets(block);
        }
        assert_note_links(blocks);
    }
}

/// Every note mark points at a block with that `id`, and ids are unique.
fn assert_note_links(blocks: &[Value]) {
    let ids: Vec<&str> = blocks.iter().filter_map(|b| b["id"].as_str()).collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate block ids: {ids:?}");
    for block in blocks {
        for note in block["notes"].as_array().into_iter().flatten() {
            let id = note["id"].as_str().unwrap();
            assert!(unique.contains(id), "note mark {note} points at no block");
        }
    }
}

/// Sentence spans lie inside the text, in order, without overlap; term
/// offsets are char offsets whose slice equals the term's `text`; note marks
/// stand inside the text (at its end at most), in order.
fn assert_offsets(block: &Value) {
    let chars: Vec<char> = block["text"].as_str().unwrap().chars().collect();
    let mut previous_mark = 0;
    for note in block["notes"].as_array().into_iter().flatten() {
        let offset = note["offset"].as_u64().unwrap() as usize;
        assert!(
            previous_mark <= offset && offset <= chars.len(),
            "bad note mark {note} in {block}"
        );
        previous_mark = offset;
    }
    let mut previous_end = 0;
    for span in block["sentences"].as_array().unwrap() {
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(
            previous_end <= start && start < end && end <= chars.len(),
            "bad sentence span {span} in {block}"
        );
        previous_end = end;
    }
    for term in block["terms"].as_array().unwrap() {
        let (start, end) = (
            term["start"].as_u64().unwrap() as usize,
            term["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= chars.len(), "bad term span {term}");
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(
            slice,
            term["text"].as_str().unwrap(),
            "term text differs from its offsets in {block}"
        );
    }
}

/// The one record of `ingest PATH`, checked against the schema.
pub fn ingest(path: &str) -> Value {
    let output = plangloss(&["ingest", path]);
    let records = records(&output);
    assert_valid(&records);
    records.into_iter().next().expect("one record")
}

/// A record's blocks.
pub fn blocks(record: &Value) -> &Vec<Value> {
    record["blocks"].as_array().unwrap()
}

/// All block texts of a record, one per line.
pub fn full_text(record: &Value) -> String {
    record["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The record whose `path` is `path`.
pub fn find<'a>(records: &'a [Value], path: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("no record for {path}"))
}

/// Every file under `dir`, hidden ones excluded, relative with `/`.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                out.push(
                    relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// Case-folded bag-of-words F1 of `ours` against `gold`.
pub fn token_f1(ours: &str, gold: &str) -> f64 {
    use std::collections::HashMap;
    let bag = |s: &str| {
        let mut bag: HashMap<String, i64> = HashMap::new();
        for token in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            *bag.entry(token.to_lowercase()).or_default() += 1;
        }
        bag
    };
    let (ours, gold) = (bag(ours), bag(gold));
    let common: i64 = ours
        .iter()
        .map(|(t, n)| (*n).min(*gold.get(t).unwrap_or(&0)))
        .sum();
    let total = |b: &HashMap<String, i64>| b.values().sum::<i64>() as f64;
    let (p, r) = (common as f64 / total(&ours), common as f64 / total(&gold));
    2.0 * p * r / (p + r)
}

/// Tokens: each CJK character, and each run of other letters and digits.
pub fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    let mut word = String::new();
    let mut add = |token: String| *bag.entry(token).or_insert(0) += 1;
    let text = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text);
    for c in text.chars() {
        let cjk = plangloss::script::is_cjk(c) && c.is_alphanumeric();
        if c.is_alphanumeric() && !cjk {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            add(std::mem::take(&mut word));
        }
        if cjk {
            add(c.to_string());
        }
    }
    if !word.is_empty() {
        add(word);
    }
    bag
}

/// Token F1 of `found` against `gold`, as `scripts/html_quality.py`
/// measures it (both texts NFC first).
pub fn f1(found: &str, gold: &str) -> f64 {
    let (found, gold) = (tokens(found), tokens(gold));
    let common: usize = found
        .iter()
        .map(|(t, n)| (*n).min(gold.get(t).copied().unwrap_or(0)))
        .sum();
    let precision = common as f64 / found.values().sum::<usize>().max(1) as f64;
    let recall = common as f64 / gold.values().sum::<usize>().max(1) as f64;
    if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Whether Tesseract can be loaded; prints why not when it cannot, for the
/// OCR tests that skip then.
pub fn tesseract_installed() -> bool {
    match plangloss::ocr::tesseract::version() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("skipping: {why}");
            false
        }
    }
}

/// Dice similarity of the character bigrams of two texts, whitespace
/// removed: 1 for the same text, insensitive to line breaks.
pub fn similarity(a: &str, b: &str) -> f64 {
    let bigrams = |text: &str| {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut counts: HashMap<(char, char), usize> = HashMap::new();
        for pair in chars.windows(2) {
            *counts.entry((pair[0], pair[1])).or_default() += 1;
        }
        counts
    };
    let (a, b) = (bigrams(a), bigrams(b));
    let shared: usize = a
        .iter()
        .map(|(k, n)| (*n).min(*b.get(k).unwrap_or(&0)))
        .sum();
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    2.0 * shared as f64 / total.max(1) as f64
}
