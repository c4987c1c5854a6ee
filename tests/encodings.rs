//! End-to-end decoding of real plain-text files: the same Vietnamese text in
//! UTF-8, windows-1258 and VISCII (`../shared/corpus/vi/txt`) comes out as
//! the same NFC text, each with its encoding named.

mod common;

use common::*;

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
