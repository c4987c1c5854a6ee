//! Glossary matching rules on real sentences of `../shared/seeds/` (scraped
//! Vietnamese and Chinese plan pages): leftmost-longest, syllable
//! boundaries, case, NFC and tone placement, variants, abbreviations,
//! Chinese without word boundaries, and across Chinese scripts.

use crate::common::*;
use plangloss::glossary::{Glossary, parse_named};
use plangloss::normalize::normalize_text;

/// Ids, statuses, variants and abbreviation notes as a translator writes
/// them. "Sức khỏe" is stored decomposed (NFD) on purpose, "Văn hóa" with
/// the other tone placement than the seed's "Văn hoá", and 宣傳教育 in
/// traditional characters.
const GLOSSARY: &str = "vi\tzh\ten\tnote\tid\tstatus\tvariants\n\
Dân số\t人口\tpopulation\t\tpop\tpreferred\t\n\
Công tác dân số\t\twork on population\t\tpop-work\t\t\n\
Kế hoạch hóa gia đình\t计划生育\tfamily planning\t\tfp\tpreferred\tzh:计生\n\
KHHGĐ\t\tFP\tabbr of Kế hoạch hóa gia đình\tfp-abbr\tadmitted\t\n\
Su\u{31B}\u{301}c kho\u{309}e sinh sa\u{309}n\t生殖健康\treproductive health\t\trh\t\t\n\
SKSS\t\t\tabbr of Sức khỏe sinh sản\trh-abbr\t\t\n\
Chăm sóc sức khỏe sinh sản\t\treproductive health care\t\tcrh\t\t\n\
CSSKSS\t\t\tabbr of Chăm sóc sức khỏe sinh sản\tcrh-abbr\t\t\n\
Văn hóa\t文化\tculture\t\tculture\t\t\n\
\t宣傳教育\thealth education\t\tedu\t\t\n";

/// The first line of the seed `file` containing `fragment`, normalized as
/// block text is; `None` (with the reason printed) without the seeds.
fn seed_line(file: &str, fragment: &str) -> Option<String> {
    let path = shared_path(&format!("seeds/{file}"))?;
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .find(|line| line.contains(fragment))
        .unwrap_or_else(|| panic!("{file} has no line with {fragment:?}"));
    Some(normalize_text(line))
}

fn glossary() -> Glossary {
    Glossary::new(parse_named(GLOSSARY, "seed-test.tsv").unwrap())
}

/// (surface text, id) of every hit, in order.
fn hits(glossary: &Glossary, text: &str) -> Vec<(String, String)> {
    glossary
        .find(text)
        .into_iter()
        .map(|hit| {
            let chars: String = text
                .chars()
                .skip(hit.start)
                .take(hit.end - hit.start)
                .collect();
            assert_eq!(chars, hit.text, "offsets are char offsets into the text");
            (hit.text, hit.entry.id.clone().unwrap_or_default())
        })
        .collect()
}

fn has(found: &[(String, String)], text: &str, id: &str) -> bool {
    found.iter().any(|(t, i)| t == text && i == id)
}

#[test]
fn leftmost_longest_case_and_abbreviations() {
    let Some(line) = seed_line(
        "000_a695ce2699d813d5.txt",
        "Chi cục Dân số và KHHGĐ thành phố tổ chức",
    ) else {
        return;
    };
    let found = hits(&glossary(), &line);
    // "công tác dân số" is one term, not "dân số" inside it.
    let occurrences = line.to_lowercase().matches("công tác dân số").count();
    let as_one_term = found.iter().filter(|(_, id)| id == "pop-work").count();
    assert!(occurrences >= 2 && as_one_term == occurrences, "{found:?}");
    // Case-insensitive: "Dân số" and "dân số" are the same entry.
    assert!(has(&found, "Dân số", "pop"), "{found:?}");
    assert!(has(&found, "dân số", "pop"), "{found:?}");
    // "SKSS/KHHGĐ": both abbreviations, each linked to its full form.
    assert!(has(&found, "SKSS", "rh-abbr") && has(&found, "KHHGĐ", "fp-abbr"));
    let hit = glossary()
        .find(&line)
        .into_iter()
        .find(|h| h.text == "SKSS")
        .unwrap();
    assert_eq!(
        &hit.entry.full_form.clone().unwrap()["en"],
        "reproductive health"
    );
}

#[test]
fn abbreviations_match_whole_syllables_only() {
    let Some(line) = seed_line("001_f20562aad1614f67.txt", "CSSKSS/KHHGĐ") else {
        return;
    };
    let found = hits(&glossary(), &line);
    assert!(has(&found, "CSSKSS", "crh-abbr"), "{found:?}");
    // SKSS is inside CSSKSS here, never a hit of its own.
    assert!(!found.iter().any(|(t, _)| t == "SKSS"), "{found:?}");
}

#[test]
fn nfc_and_tone_placement_do_not_matter() {
    let Some(line) = seed_line("003_013fe856ed8d35c9.txt", "sức khoẻ sinh sản") else {
        return;
    };
    // The seed writes "khoẻ"; the glossary "khỏe", decomposed.
    assert!(has(&hits(&glossary(), &line), "sức khoẻ sinh sản", "rh"));
    let Some(line) = seed_line("000_a695ce2699d813d5.txt", "Sở Văn hoá và Thể thao") else {
        return;
    };
    assert!(has(&hits(&glossary(), &line), "Văn hoá", "culture"));
}

#[test]
fn chinese_matches_without_boundaries_with_variants_and_across_scripts() {
    let Some(line) = seed_line("004_b1f6b47622f82b90.txt", "卫生计生宣传教育工作方案")
    else {
        return;
    };
    // 计生 is a variant of 计划生育, glued between 卫生 and 宣传.
    let found = glossary().find(&line);
    let variant = found.iter().find(|h| h.text == "计生").expect("计生 found");
    assert!(variant.variant);
    assert_eq!(variant.entry.id.as_deref(), Some("fp"));
    // 宣傳教育 is written in traditional characters: found only when asked.
    assert!(!found.iter().any(|h| h.text == "宣传教育"));
    let across = glossary().across_zh_variants().find(&line);
    let hit = across
        .iter()
        .find(|h| h.text == "宣传教育")
        .expect("found across scripts");
    assert_eq!(&hit.entry.terms["zh"], "宣傳教育");
}

#[test]
fn the_shipped_glossary_flags_outdated_terms() {
    let shipped = Glossary::load(&[root().join("glossaries/program-terms.tsv")]).unwrap();
    let text = normalize_text(
        "Công tác sinh đẻ có kế hoạch nay gọi là kế hoạch hoá gia đình. \
         The AIDS virus is called HIV.",
    );
    let hits = shipped.find(&text);
    let flagged: Vec<&str> = hits
        .iter()
        .filter(|hit| hit.entry.deprecated)
        .map(|hit| hit.text.as_str())
        .collect();
    assert_eq!(flagged, ["sinh đẻ có kế hoạch", "AIDS virus"]);
    assert!(
        hits.iter()
            .any(|hit| hit.text == "kế hoạch hoá gia đình" && !hit.entry.deprecated)
    );
}
