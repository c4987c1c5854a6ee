//! End-to-end PDF runs of the binary: browser-printed plans come back as
//! their text without the browser's header and footer, encrypted files open
//! with `--password`, and the real Chinese and Vietnamese PDFs of
//! `../shared/corpus` give Unicode text.

use crate::common::*;
use serde_json::Value;

/// Chromium prints of our plans, with the text they were printed from.
const BROWSER_PRINTS: [(&str, &str); 2] = [
    (
        "corpora/vi/kh-tiem-chung-mo-rong-2025-chromium.pdf",
        "tests/fixtures/pdf-known/kh-tiem-chung-mo-rong-2025-chromium.txt",
    ),
    (
        "corpora/zh/mianyi-guihua-2025-chromium.pdf",
        "tests/fixtures/pdf-known/mianyi-guihua-2025-chromium.txt",
    ),
];

/// Tokens as the fidelity benchmark counts them: a CJK character or
/// punctuation mark is one token; other text splits into runs of letters
/// and digits and single punctuation marks.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let cjk = plangloss::script::is_cjk(c) && c != '\u{3000}';
        if c.is_alphanumeric() && !cjk {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// 2 × (longest common token subsequence) / (total tokens): 1.0 when equal.
fn similarity(a: &[String], b: &[String]) -> f64 {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    2.0 * row[b.len()] as f64 / (a.len() + b.len()).max(1) as f64
}

#[test]
fn browser_prints_give_their_text_without_header_and_footer() {
    for (pdf, known) in BROWSER_PRINTS {
        let output = plangloss(&["text", "--body", pdf]);
        assert!(output.status.success(), "{pdf}");
        let got = String::from_utf8(output.stdout).unwrap();
        let want = std::fs::read_to_string(root().join(known)).unwrap();
        let score = similarity(&tokens(&want), &tokens(&got));
        assert!(score >= 0.995, "{pdf}: similarity {score:.4}\n{got}");
        assert!(!got.contains("file://"), "{pdf}: the URL footer stayed");
        assert!(
            !got.contains(" AM\n") && !got.contains(" PM\n"),
            "{pdf}: the date stayed"
        );
    }
}

#[test]
fn browser_furniture_is_kept_once_as_header_and_footer_blocks() {
    let (pdf, _) = BROWSER_PRINTS[0];
    let records = records(&plangloss(&["ingest", pdf]));
    assert_valid(&records);
    let blocks = records[0]["blocks"].as_array().unwrap();
    let kind_texts = |kind: &str| -> Vec<&str> {
        blocks
            .iter()
            .filter(|b| b["kind"] == kind)
            .map(|b| b["text"].as_str().unwrap())
            .collect()
    };
    let headers = kind_texts("header");
    let footers = kind_texts("footer");
    assert_eq!(headers.len(), 2, "date and page title: {headers:?}");
    // The page title is the plan's first line, which stays in the body too.
    let body = kind_texts("paragraph").join("\n") + &kind_texts("heading").join("\n");
    assert!(body.contains(headers[1]), "{headers:?}");
    assert_eq!(
        footers.len(),
        1,
        "the URL once, page counts dropped: {footers:?}"
    );
    assert!(footers[0].starts_with("file:///"), "{footers:?}");
    let pages = records[0]["meta"]["pages"].as_str().unwrap();
    assert!(pages.parse::<u32>().unwrap() > 1);
}

/// The (level, text) of each heading block of the first record.
fn headings(records: &[Value]) -> Vec<(u64, String)> {
    records[0]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "heading")
        .map(|b| {
            (
                b["level"].as_u64().unwrap(),
                b["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn tagged_pdfs_take_their_headings_from_the_structure_tree() {
    let (pdf, _) = BROWSER_PRINTS[0];
    let headings = headings(&records(&plangloss(&["ingest", pdf])));
    let headings: Vec<(u64, &str)> = headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert!(headings.contains(&(1, "I. MỤC TIÊU")), "{headings:?}");
    assert!(headings.contains(&(2, "1. Mục tiêu chung")), "{headings:?}");
    assert!(
        headings.contains(&(1, "V. TỔ CHỨC THỰC HIỆN")),
        "{headings:?}"
    );
}

#[test]
fn untagged_pdfs_take_short_bold_lines_as_headings() {
    let pdf = "corpora/vi/kh-cham-soc-nguoi-cao-tuoi-2025.pdf";
    let headings = headings(&records(&plangloss(&["ingest", pdf])));
    let texts: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
    for heading in ["I. TÌNH HÌNH CHUNG", "1. Mục tiêu", "V. TỔ CHỨC THỰC HIỆN"] {
        assert!(texts.contains(&heading), "{heading} missing from {texts:?}");
    }
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with("Toàn huyện") || *t == "Chỉ tiêu"),
        "body text or a table cell taken for a heading: {texts:?}"
    );
}

#[test]
fn encrypted_files_need_and_accept_a_password() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let file = corpus.join("pdf/rc4-40.pdf");
    let file = file.to_str().unwrap();
    let locked = plangloss(&["ingest", file]);
    assert_eq!(locked.status.code(), Some(1));
    let error = &records(&locked)[0]["error"];
    assert_eq!(error["kind"], "encrypted");
    assert!(error["message"].as_str().unwrap().contains("--password"));
    let open = plangloss(&["text", "--password", "foo", file]);
    assert!(open.status.success());
    assert_eq!(String::from_utf8_lossy(&open.stdout).trim(), "Secret!");
}

#[test]
fn real_chinese_and_vietnamese_pdfs_give_unicode_text() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let cases = [
        ("vi/pdf/tcvn3-tt01-2006-nhnn.pdf", "Quỹ bảo lãnh tín dụng"),
        (
            "zh/pdf/pdfjs-issue2128r-gbk-euc-h-noembed.pdf",
            "浅谈校长的魅力",
        ),
        (
            "zh/pdf/pdfjs-xiaobiaosong-gbk-as-winansi.pdf",
            "关于红军作战的原则",
        ),
    ];
    for (name, phrase) in cases {
        let path = corpus.join(name);
        let records = records(&plangloss(&["ingest", path.to_str().unwrap()]));
        let record: &Value = &records[0];
        assert_eq!(
            record["warnings"].as_array().unwrap().len(),
            0,
            "{name}: {record}"
        );
        let text: String = record["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["text"].as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains(phrase), "{name}: {text}");
    }
}

#[test]
fn token_similarity_counts_cjk_characters_one_by_one() {
    let a = tokens("计划生育 2025年，KH-UBND");
    assert_eq!(
        a,
        [
            "计", "划", "生", "育", "2025", "年", "，", "KH", "-", "UBND"
        ]
    );
    assert_eq!(similarity(&a, &a), 1.0);
    assert!(similarity(&a, &tokens("计划 2025年")) < 0.7);
}
