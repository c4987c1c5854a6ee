#![no_main]
//! Translation QA on any pair of texts: every check (with the shipped
//! glossary and artefact list) must give spans inside the texts, the
//! reports must be made, and writing the findings back into an XLIFF 1.2
//! holding the pair must give a file that reads back with the same pair and
//! that a second write-back leaves as it is.

use libfuzzer_sys::fuzz_target;
use plangloss::glossary::{Glossary, parse_tsv};
use plangloss::qa::artefacts::ArtefactList;
use plangloss::qa::report::{self, Summary};
use plangloss::qa::write_back::write_back;
use plangloss::qa::{Checker, FilePairs, html};
use plangloss::xliff::read::{Pair, read};
use std::sync::LazyLock;

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker {
    glossary: Glossary::new(
        parse_tsv(include_str!("../../glossaries/program-terms.tsv")).expect("shipped glossary"),
    ),
    artefacts: ArtefactList::shipped().clone(),
});

const LANGUAGES: [(&str, &str); 4] = [("vi", "zh-CN"), ("zh-CN", "vi"), ("vi", "en"), ("en", "zh")];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (source, target) = text.split_once('\u{0}').unwrap_or((&text, ""));
    let (source_lang, target_lang) = LANGUAGES[usize::from(choice) % LANGUAGES.len()];
    let pair = Pair {
        id: "u1".into(),
        source_lang: source_lang.into(),
        target_lang: target_lang.into(),
        source: source.into(),
        target: (choice & 0x80 == 0).then(|| target.to_string()),
        line: 1,
        ..Pair::default()
    };
    let files = [FilePairs { file: "fuzz.xlf".into(), pairs: vec![pair.clone(), pair] }];
    let findings = CHECKER.check_files(&files);
    for finding in &findings {
        let inside = |span: Option<(usize, usize)>, text: &str| {
            span.is_none_or(|(start, end)| start <= end && end <= text.chars().count())
        };
        assert!(inside(finding.problem.source_span, &finding.source), "{finding:?}");
        assert!(inside(finding.problem.target_span, &finding.target), "{finding:?}");
    }
    let summary = Summary::of(&findings, 1, 2);
    let _ = (report::text(&findings), report::jsonl(&findings), report::csv(&findings));
    let _ = html::report(&files, &findings, &CHECKER.glossary, &summary);

    let xliff = format!(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
         <file original=\"f\" source-language=\"{source_lang}\" target-language=\"{target_lang}\" \
         datatype=\"plaintext\"><body>\n<trans-unit id=\"u1\"><source>{}</source><target>{}</target>\
         </trans-unit>\n</body></file></xliff>\n",
        escape(source),
        escape(target)
    );
    let own: Vec<_> = findings.iter().filter(|f| f.unit == "u1").collect();
    let written = write_back(&xliff, &own).expect("our own XLIFF takes findings");
    let again = write_back(&written, &own).expect("a written-back XLIFF takes them again");
    assert_eq!(written, again);
    let back = read(&written).expect("a written-back XLIFF reads");
    assert_eq!(back.pairs.len(), 1);
});

/// Text as XML content: markup escaped, characters XML forbids dropped.
fn escape(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}'))
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            c => c.to_string(),
        })
        .collect()
}
