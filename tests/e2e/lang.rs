//! Language detection measured on every block of the documents in
//! `corpora/` and `../shared/corpus/` against `tests/fixtures/lang-gold.tsv`
//! (made by `scripts/lang-gold.py`, labels checked by hand).
//!
//! Labelling policy of the gold:
//! - `vi`, `zh`, `en`: the language of the block's words. Vietnamese typed
//!   without marks ("In hoa", "Trang") is `vi`. A block whose only words are
//!   abbreviations or codes read within the document ("STT", "UBND", "ICS
//!   27.120.99", "NB/T XXXXX—XXXX") has the document's language.
//! - `und`: no words (numbers, codes such as "5a" or "SF1", measurements,
//!   URLs, time stamps, dotted fill-in lines, lone list letters), or words of
//!   a language other than these three (the Dutch and Polish invoices, the
//!   French map and a German date line among the shared PDFs).

use crate::common::*;
use std::collections::BTreeMap;

/// Folders of documents, as `scripts/lang-gold.py` lists them.
const SHARED_FOLDERS: [&str; 11] = [
    "vi/docx",
    "vi/pdf",
    "vi/txt",
    "zh/docx",
    "zh/html",
    "zh/html-real",
    "zh/pdf",
    "zh-hant/html-real",
    "zh-hant/pdf",
    "mixed",
    "pdf",
];

struct GoldBlock {
    lang: String,
    text: String,
}

fn gold() -> BTreeMap<(String, usize), GoldBlock> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/lang-gold.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.splitn(4, '\t').collect();
            let block = GoldBlock {
                lang: cells[2].to_string(),
                text: cells[3].to_string(),
            };
            ((cells[0].to_string(), cells[1].parse().unwrap()), block)
        })
        .collect()
}

#[test]
fn detection_is_right_on_99_percent_of_blocks_in_each_language() {
    let gold = gold();
    let mut folders = vec![
        ("corpora/vi".to_string(), "corpora/vi".to_string()),
        ("corpora/zh".to_string(), "corpora/zh".to_string()),
    ];
    if shared_corpus().is_some() {
        for folder in SHARED_FOLDERS {
            folders.push((
                format!("../shared/corpus/{folder}"),
                format!("shared/corpus/{folder}"),
            ));
        }
    }
    // gold language -> (blocks, right)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (folder, gold_folder) in &folders {
        let output = plangloss(&["ingest", folder, "--password", "foo"]);
        for record in records(&output) {
            let path = format!("{gold_folder}/{}", record["path"].as_str().unwrap());
            for (index, block) in record["blocks"].as_array().unwrap().iter().enumerate() {
                let text = block["text"].as_str().unwrap();
                let Some(want) = gold.get(&(path.clone(), index)) else {
                    panic!(
                        "{path} block {index} is not in lang-gold.tsv: run scripts/lang-gold.py and review"
                    );
                };
                let shown: String = text.replace(['\t', '\n'], " ").chars().take(24).collect();
                assert_eq!(
                    shown, want.text,
                    "{path} block {index} changed: run scripts/lang-gold.py and review"
                );
                let got = block["lang"].as_str().unwrap();
                let entry = tally.entry(want.lang.clone()).or_default();
                entry.0 += 1;
                if got == want.lang {
                    entry.1 += 1;
                } else {
                    wrong.push(format!(
                        "{path} #{index}: {got} for {} {:?}",
                        want.lang, want.text
                    ));
                }
            }
        }
    }
    eprintln!("| gold language | blocks | right | accuracy |");
    for (lang, (blocks, right)) in &tally {
        eprintln!(
            "| {lang} | {blocks} | {right} | {:.4} |",
            *right as f64 / *blocks as f64
        );
    }
    eprintln!("wrong:\n{}", wrong.join("\n"));
    for (lang, (blocks, right)) in &tally {
        assert!(
            *right as f64 >= 0.99 * *blocks as f64,
            "{lang}: {right} of {blocks} right"
        );
    }
    assert!(tally.len() >= 3, "{tally:?}");
}
