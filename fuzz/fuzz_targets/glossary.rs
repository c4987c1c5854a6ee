#![no_main]
//! Glossary files: the TSV parser (which must give back every line it read
//! byte for byte), lint, loading as a matcher and matching, and the CSV and
//! TBX importers.

use libfuzzer_sys::fuzz_target;
use plangloss::glossary::file::GlossaryFile;
use plangloss::glossary::{Glossary, exchange, lint, parse_named};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(file) = GlossaryFile::parse(text) {
        assert_eq!(file.to_text(), text, "a parsed glossary must write back unchanged");
        let _ = lint::lint(&file);
    }
    if let Ok(entries) = parse_named(text, "fuzz.tsv") {
        let glossary = Glossary::new(entries);
        // The file's own text is the most likely to hold its terms.
        let _ = glossary.find(text);
        let _ = glossary.across_zh_variants().find(text);
    }
    let _ = exchange::from_csv(text).map(|(file, _)| file.to_text());
    let _ = exchange::from_tbx(text).map(|file| exchange::to_tbx(&file));
});
