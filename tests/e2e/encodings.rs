//! End-to-end decoding of real plain-text files: the same Vietnamese text in
//! UTF-8, windows-1258 and VISCII (`../shared/corpus/vi/txt`) comes out as
//! the same NFC text, each with its encoding named.

use crate::common::*;

#[test]
fn vietnamese_text_in_three_encodings_reads_the_same() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = corpus.join("vi/txt");
    let records = records(&plangloss(&["ingest", dir.to_str().unwrap()]));
    let mut texts = Vec::new();
    for (file, encoding) in [
        ("uchardet-vi-cp1258.txt", "windows-1258"),
        ("uchardet-vi-utf8.txt", "UTF-8"),
        ("uchardet-vi-viscii.txt", "VISCII"),
    ] {
        let record = find(&records, file);
        assert_eq!(record["meta"]["encoding"], encoding, "{file}");
        texts.push(full_text(record));
    }
    assert!(
        texts[0].contains("Chữ Quốc ngữ là hệ chữ viết"),
        "{}",
        texts[0]
    );
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[1], texts[2]);
}

/// (encoding, bytes, expected text) rows of `tests/fixtures/legacy-strings.tsv`.
fn legacy_strings() -> Vec<(String, Vec<u8>, String)> {
    let table = std::fs::read_to_string(root().join("tests/fixtures/legacy-strings.tsv")).unwrap();
    table
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let bytes = (0..cells[1].len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&cells[1][i..i + 2], 16).unwrap())
                .collect();
            (cells[0].to_string(), bytes, cells[2].to_string())
        })
        .collect()
}

fn nfc(text: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(text)
        .into_owned()
}

#[test]
fn legacy_phrases_decode_to_their_unicode() {
    use plangloss::legacy::{LegacyEncoding, decode_bytes};
    let rows = legacy_strings();
    for encoding in ["TCVN3", "VISCII", "VPS", "VNI", "windows-1258"] {
        assert!(rows.iter().filter(|row| row.0 == encoding).count() >= 40);
    }
    for (encoding, bytes, expected) in rows {
        let decoded = match encoding.as_str() {
            "TCVN3" => decode_bytes(&bytes, LegacyEncoding::Tcvn3),
            "VISCII" => decode_bytes(&bytes, LegacyEncoding::Viscii),
            "VNI" => decode_bytes(&bytes, LegacyEncoding::Vni),
            "VPS" => decode_bytes(&bytes, LegacyEncoding::Vps),
            label => {
                let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
                nfc(&encoding.decode_without_bom_handling(&bytes).0)
            }
        };
        assert_eq!(decoded, expected, "{encoding}");
    }
}

#[test]
fn legacy_encodings_are_detected_in_running_text() {
    let rows = legacy_strings();
    for encoding in ["TCVN3", "VISCII", "VPS", "VNI", "windows-1258"] {
        let rows: Vec<_> = rows.iter().filter(|row| row.0 == encoding).collect();
        let bytes = rows
            .iter()
            .map(|row| row.1.clone())
            .collect::<Vec<_>>()
            .join(&b'\n');
        let expected: Vec<&str> = rows.iter().map(|row| row.2.as_str()).collect();
        let decoded = plangloss::encoding::decode(&bytes, None);
        assert_eq!(decoded.encoding, encoding);
        assert_eq!(nfc(&decoded.text), expected.join("\n"), "{encoding}");
    }
}

/// The real legacy-encoded decisions in `../shared/corpus/vi` against their
/// transcripts in `vi/gold` (case-folded tokens: the transcripts lower-case
/// some headings): TCVN3 and VNI Word runs, and TCVN3 PDF fonts.
#[test]
fn real_legacy_documents_match_their_transcripts() {
    let Some(shared) = shared_corpus() else {
        return;
    };
    for (document, gold, font) in [
        (
            "docx/tcvn3-qd256-cantho-2004.derived.docx",
            "tcvn3-qd256-cantho-2004.txt",
            Some(".VnTime"),
        ),
        (
            "docx/vni-qd991-binhphuoc-2008.derived.docx",
            "vni-qd991-binhphuoc-2008.txt",
            Some("VNI-Times"),
        ),
        (
            "pdf/tcvn3-tt01-2006-nhnn.pdf",
            "tcvn3-tt01-2006-nhnn.txt",
            None,
        ),
    ] {
        let output = plangloss(&["ingest", shared.join("vi").join(document).to_str().unwrap()]);
        let record = &records(&output)[0];
        let gold = std::fs::read_to_string(shared.join("vi/gold").join(gold)).unwrap();
        let f1 = token_f1(&full_text(record), &gold);
        eprintln!("{document}: token F1 {f1:.4}");
        assert!(
            f1 >= 0.97,
            "{document}: token F1 {f1:.3} against the transcript"
        );
        if let Some(font) = font {
            let fonts = record["meta"]["legacy_fonts"].as_str().unwrap_or_default();
            assert!(fonts.contains(font), "{document}: {}", record["meta"]);
        }
        assert_eq!(record["lang"], "vi", "{document}");
        assert!(
            record["warnings"].as_array().unwrap().is_empty(),
            "{document}"
        );
    }
}
