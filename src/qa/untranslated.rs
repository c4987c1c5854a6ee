//! `untranslated`: an empty target, or a target that copies a source
//! holding words to translate (numbers, codes such as "COVID-19" or
//! "UBND", and, between two languages written in Latin letters, names,
//! are left as they are).

use super::{Category, Language, Problem, Severity};

/// The problem of a pair left untranslated, if it is. `target` is `None`
/// when the unit has no target at all.
pub fn check(
    source: &str,
    source_lang: &str,
    target: Option<&str>,
    target_lang: &str,
) -> Option<Problem> {
    let source = source.trim();
    if source.is_empty() {
        return None;
    }
    let target = target.map(str::trim).unwrap_or_default();
    if target.is_empty() {
        return Some(problem("no translation: the target is empty", None));
    }
    let (from, to) = (Language::of(source_lang), Language::of(target_lang));
    let same_language = primary(source_lang).eq_ignore_ascii_case(primary(target_lang));
    if target != source || same_language || !needs_translation(source, from, to) {
        return None;
    }
    Some(problem(
        "the target copies the source: it is not translated",
        Some((0, target.chars().count())),
    ))
}

fn problem(message: &str, target_span: Option<(usize, usize)>) -> Problem {
    Problem {
        category: Category::Untranslated,
        severity: Severity::Error,
        message: message.to_string(),
        source_span: None,
        target_span,
        suggestion: None,
    }
}

fn primary(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or_default()
}

/// Whether `source` holds a word a translation into `to` would change.
fn needs_translation(source: &str, from: Language, to: Language) -> bool {
    // Names stay as they are only between languages both written in Latin
    // letters: into Chinese, "Hồ Chí Minh" becomes 胡志明.
    let names_stay = from != Language::Chinese && to != Language::Chinese;
    source
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
        .filter(|word| !word.is_empty())
        .any(|word| !stays(word, names_stay))
}

/// Whether `word` is written the same in any language: a number, a code
/// (digits with letters, a capital-letter abbreviation, or Latin letters
/// mostly capitals such as `bOPV`), or a name when
/// `names_stay`.
fn stays(word: &str, names_stay: bool) -> bool {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    if word.chars().any(crate::script::is_han) {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    let abbreviation = letters.len() >= 2 && capitals == letters.len();
    // Codes such as bOPV, mRNA or HbsAg: Latin letters, mostly capitals.
    let code = capitals >= 2 && capitals * 2 >= letters.len() && word.is_ascii();
    let name = letters.first().is_some_and(|c| c.is_uppercase());
    letters.is_empty() || abbreviation || code || (names_stay && name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_copied_targets() {
        let untranslated = |source, sl, target, tl| check(source, sl, target, tl).is_some();
        assert!(untranslated("Dân số", "vi", None, "zh"));
        assert!(untranslated("Dân số", "vi", Some("  "), "zh"));
        assert!(untranslated("Dân số", "vi", Some("Dân số"), "zh-CN"));
        assert!(untranslated("人口", "zh", Some("人口"), "vi"));
        assert!(untranslated("Hồ Chí Minh", "vi", Some("Hồ Chí Minh"), "zh"));
        // Numbers, codes and abbreviations stay.
        assert!(!untranslated("2025", "vi", Some("2025"), "zh"));
        assert!(!untranslated("COVID-19", "vi", Some("COVID-19"), "zh"));
        assert!(!untranslated(
            "144/KH-UBND",
            "vi",
            Some("144/KH-UBND"),
            "zh"
        ));
        assert!(!untranslated("HIV/AIDS", "vi", Some("HIV/AIDS"), "zh"));
        assert!(!untranslated("bOPV", "vi", Some("bOPV"), "zh"));
        assert!(untranslated("Tiêm bOPV", "vi", Some("Tiêm bOPV"), "zh"));
        assert!(!untranslated("(1.250,5)", "vi", Some("(1.250,5)"), "zh"));
        // Names stay between Latin-letter languages.
        assert!(!untranslated(
            "Hồ Chí Minh",
            "vi",
            Some("Hồ Chí Minh"),
            "en"
        ));
        assert!(untranslated("population", "en", Some("population"), "vi"));
        // One language in two scripts: a copy may be right.
        assert!(!untranslated("人口", "zh-CN", Some("人口"), "zh-TW"));
        assert!(!untranslated("", "vi", None, "zh"));
        assert!(!untranslated("Dân số", "vi", Some("人口"), "zh"));
    }
}
