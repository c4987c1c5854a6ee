//! The glossary checks: a source term whose translation the target lacks
//! (`term_missing`), and a deprecated term in the target
//! (`term_deprecated`).
//!
//! Terms are found as `ingest` finds them (the glossary's matcher: case,
//! NFC, tone placement, variants, Chinese variants when the glossary was
//! built for them). A translation counts as present when the target holds
//! any form of the entry in the target language, a variant of it, or a form
//! of the full term an abbreviation stands for, even inside a longer term.
//! Spans are char offsets into the normalized text (NFC; the same as the
//! file's text for text already composed).

use super::{Category, Problem, Severity};
use crate::glossary::{Entry, Glossary, Match};
use crate::normalize::{is_clean, normalize_text};
use std::borrow::Cow;

/// The glossary problems of one translated pair.
pub fn check(
    glossary: &Glossary,
    source: &str,
    source_lang: &str,
    target: &str,
    target_lang: &str,
) -> Vec<Problem> {
    let source = normalized(source);
    let target = normalized(target);
    let target_matches = glossary.matches(&target);
    let mut problems = missing_terms(
        glossary,
        &source,
        source_lang,
        &target,
        target_lang,
        &target_matches,
    );
    problems.extend(deprecated_terms(glossary, &target, &target_matches));
    problems
}

fn normalized(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalize_text(text))
    }
}

/// The source's terms (in the source language, not deprecated) whose
/// entry has a target-language form and none of whose forms is in the
/// target. One problem per entry, at its first place in the source.
fn missing_terms(
    glossary: &Glossary,
    source: &str,
    source_lang: &str,
    target: &str,
    target_lang: &str,
    target_matches: &[Match],
) -> Vec<Problem> {
    let mut folded_target: Option<String> = None;
    let mut reported: Vec<usize> = Vec::new();
    let mut problems = Vec::new();
    for found in glossary.matches(source) {
        let entry = &glossary.entries()[found.entry];
        if is_deprecated(entry)
            || reported.contains(&found.entry)
            || target_matches.iter().any(|m| m.entry == found.entry)
        {
            continue;
        }
        let matched = char_slice(source, found.chars);
        if !in_language(glossary, entry, matched, source_lang) {
            continue;
        }
        let accepted = accepted_forms(glossary, found.entry, target_lang);
        let Some(preferred) = accepted.first().cloned() else {
            continue;
        };
        let folded = folded_target.get_or_insert_with(|| glossary.fold_text(target));
        if accepted.iter().any(|form| glossary.holds(folded, form)) {
            continue;
        }
        reported.push(found.entry);
        problems.push(Problem {
            category: Category::TermMissing,
            severity: Severity::Error,
            message: format!(
                "\"{matched}\" is in the glossary as {preferred} ({target_lang}); the target has no form of it"
            ),
            source_span: Some(found.chars),
            target_span: None,
            suggestion: Some(preferred),
        });
    }
    problems
}

/// The target's terms whose entry is deprecated.
fn deprecated_terms(glossary: &Glossary, target: &str, target_matches: &[Match]) -> Vec<Problem> {
    target_matches
        .iter()
        .filter(|found| is_deprecated(&glossary.entries()[found.entry]))
        .map(|found| {
            let entry = &glossary.entries()[found.entry];
            let matched = char_slice(target, found.chars);
            let note = entry.note.as_deref().unwrap_or_default();
            let message = if note.is_empty() {
                format!("\"{matched}\" is deprecated in the glossary")
            } else {
                format!("\"{matched}\" is deprecated in the glossary: {note}")
            };
            Problem {
                category: Category::TermDeprecated,
                severity: Severity::Error,
                message,
                source_span: None,
                target_span: Some(found.chars),
                suggestion: replacement(note),
            }
        })
        .collect()
}

/// `text` with the digits of its glossary terms hidden (as `x`) where the
/// entry's forms in `other_lang` have none: the "1" of "trẻ em dưới 1
/// tuổi" (婴儿) is part of a term, not a number the translation must
/// carry. Char offsets are kept.
pub fn hide_term_digits<'a>(glossary: &Glossary, text: &'a str, other_lang: &str) -> Cow<'a, str> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    let hidden: Vec<(usize, usize)> = glossary
        .matches(text)
        .into_iter()
        .filter(|found| {
            text[found.bytes.0..found.bytes.1]
                .bytes()
                .any(|b| b.is_ascii_digit())
        })
        .filter(|found| {
            let mut others = forms(&glossary.entries()[found.entry], other_lang).peekable();
            others.peek().is_some() && others.all(|form| !form.bytes().any(|b| b.is_ascii_digit()))
        })
        .map(|found| found.bytes)
        .collect();
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    let masked = text
        .char_indices()
        .map(|(at, c)| {
            let inside = hidden
                .iter()
                .any(|&(start, end)| (start..end).contains(&at));
            if inside && c.is_ascii_digit() { 'x' } else { c }
        })
        .collect();
    Cow::Owned(masked)
}

fn is_deprecated(entry: &Entry) -> bool {
    entry
        .status
        .as_deref()
        .is_some_and(|status| status.eq_ignore_ascii_case("deprecated"))
}

/// The term a deprecated entry's note says to use: "…; use X", "use X
/// (source)".
fn replacement(note: &str) -> Option<String> {
    let lower = note.to_lowercase();
    let at = lower
        .match_indices("use ")
        .map(|(at, _)| at)
        .find(|&at| at == 0 || !lower[..at].ends_with(char::is_alphanumeric))?;
    let rest = note.get(at + 4..)?;
    let end = rest.find([';', '(', ',', '.']).unwrap_or(rest.len());
    let term = rest[..end].trim();
    (!term.is_empty()).then(|| term.to_string())
}

/// Whether `matched` is the entry's form in `lang` (or one of its variants
/// there): a Chinese term quoted in a Vietnamese source is not the source's
/// term to translate.
fn in_language(glossary: &Glossary, entry: &Entry, matched: &str, lang: &str) -> bool {
    let key = glossary.fold_text(matched);
    forms(entry, lang).any(|form| glossary.fold_text(form) == key)
        // A language the entry has no column for: trust the matcher.
        || forms(entry, lang).next().is_none()
}

/// What the target may hold for the entry: its forms in the target
/// language (the main term first), then those of the full form when the
/// entry is an abbreviation. A cell may list alternatives ("vaccination;
/// immunization") and give an abbreviation in brackets ("Expanded Programme
/// on Immunization (EPI)"): each alternative, and each with or without its
/// bracket, counts.
fn accepted_forms(glossary: &Glossary, entry: usize, lang: &str) -> Vec<String> {
    let mut cells: Vec<&str> = forms(&glossary.entries()[entry], lang).collect();
    if let Some(full) = glossary.full_form(entry) {
        cells.extend(forms(&glossary.entries()[full], lang));
    }
    let mut accepted: Vec<String> = Vec::new();
    let mut add = |form: &str| {
        let form = form.trim();
        if !form.is_empty() && !accepted.iter().any(|known| known == form) {
            accepted.push(form.to_string());
        }
    };
    for cell in cells {
        add(cell);
        for alternative in cell.split([';', '；']) {
            add(alternative);
            if let Some((before, inside)) = bracketed(alternative.trim()) {
                add(before);
                add(inside);
            }
        }
    }
    accepted
}

/// "X (Y)" as X and Y.
fn bracketed(form: &str) -> Option<(&str, &str)> {
    let inner = form.strip_suffix(')').or_else(|| form.strip_suffix('）'))?;
    let open = inner.rfind(['(', '（'])?;
    let bracket_len = inner[open..].chars().next()?.len_utf8();
    Some((&inner[..open], &inner[open + bracket_len..]))
}

/// The entry's term and variants in `lang`, matched on the primary
/// language subtag (`zh-CN` takes the `zh` column, `zh-Hant` ones too).
fn forms<'a>(entry: &'a Entry, lang: &'a str) -> impl Iterator<Item = &'a str> {
    let terms = entry
        .terms
        .iter()
        .filter(move |(code, _)| same_language(code, lang))
        .map(|(_, term)| term);
    let variants = entry
        .variants
        .iter()
        .filter(move |(code, _)| same_language(code, lang))
        .map(|(_, form)| form.as_str());
    terms.chain(variants)
}

fn same_language(a: &str, b: &str) -> bool {
    let primary = |code: &str| {
        code.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    primary(a).eq_ignore_ascii_case(&primary(b))
}

/// The chars `span` of `text`.
fn char_slice(text: &str, (start, end): (usize, usize)) -> &str {
    let mut indices = text.char_indices().map(|(at, _)| at).chain([text.len()]);
    let from = indices.nth(start).unwrap_or(text.len());
    let to = indices
        .nth(end.saturating_sub(start + 1))
        .unwrap_or(text.len());
    &text[from..to.max(from)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_tsv;

    fn glossary() -> Glossary {
        Glossary::new(
            parse_tsv(
                "vi\tzh\ten\tnote\tstatus\tvariants\n\
                 Kế hoạch hóa gia đình\t计划生育\tfamily planning\t\t\tzh:计生\n\
                 KHHGĐ\t\tFP\tabbr of Kế hoạch hóa gia đình\t\t\n\
                 Dân số\t人口\tpopulation\t\t\t\n\
                 Sinh đẻ có kế hoạch\t\tplanned childbearing\tolder term; use Kế hoạch hóa gia đình\tdeprecated\t\n\
                 \t\tAIDS virus\tuse HIV (UNAIDS)\tdeprecated\t\n\
                 Tiêm chủng\t接种\tvaccination; immunization\t\t\t\n\
                 Tiêm chủng mở rộng\t扩大免疫规划\texpanded programme on immunization (EPI)\t\t\t\n",
            )
            .unwrap(),
        )
    }

    fn categories(problems: &[Problem]) -> Vec<(Category, Option<String>)> {
        problems
            .iter()
            .map(|p| (p.category, p.suggestion.clone()))
            .collect()
    }

    #[test]
    fn present_translations_in_any_accepted_form() {
        let g = glossary();
        for (source, target) in [
            ("Công tác kế hoạch hóa gia đình.", "计划生育工作。"),
            // Other tone placement and case in the source.
            ("CÔNG TÁC KẾ HOẠCH HOÁ GIA ĐÌNH", "计划生育工作"),
            // A variant in the target.
            ("Công tác kế hoạch hóa gia đình.", "计生工作。"),
            // An abbreviation translated by its full form.
            ("Công tác KHHGĐ.", "计划生育工作。"),
            // Inside a longer term of the target.
            ("Tiêm chủng cho trẻ.", "儿童扩大免疫规划接种。"),
            ("Dân số và tiêm chủng.", "人口与接种。"),
        ] {
            assert_eq!(check(&g, source, "vi", target, "zh-CN"), [], "{source}");
        }
        // Alternatives in one cell, an abbreviation in brackets.
        for (source, target) in [
            ("Tiêm chủng tại trạm.", "Immunization at stations."),
            ("Tiêm chủng tại trạm.", "Vaccination at stations."),
            ("Tiêm chủng mở rộng.", "The EPI."),
            (
                "Tiêm chủng mở rộng.",
                "The Expanded Programme on Immunization.",
            ),
        ] {
            assert_eq!(check(&g, source, "vi", target, "en"), [], "{source}");
        }
        assert_eq!(
            categories(&check(
                &g,
                "Tiêm chủng mở rộng.",
                "vi",
                "The programme.",
                "en"
            )),
            [(
                Category::TermMissing,
                Some("expanded programme on immunization (EPI)".into())
            )]
        );
        assert_eq!(
            check(
                &g,
                "计划生育工作。",
                "zh-CN",
                "Công tác kế hoạch hoá gia đình.",
                "vi"
            ),
            []
        );
    }

    #[test]
    fn missing_and_deprecated_terms() {
        let g = glossary();
        let problems = check(
            &g,
            "Dân số và kế hoạch hóa gia đình.",
            "vi",
            "人口与家庭规划。",
            "zh-CN",
        );
        assert_eq!(
            categories(&problems),
            [(Category::TermMissing, Some("计划生育".into()))]
        );
        assert_eq!(problems[0].source_span, Some((10, 31)));
        let problems = check(&g, "计划生育", "zh", "Sinh đẻ có kế hoạch", "vi");
        assert_eq!(
            categories(&problems),
            [
                (Category::TermMissing, Some("Kế hoạch hóa gia đình".into())),
                (
                    Category::TermDeprecated,
                    Some("Kế hoạch hóa gia đình".into())
                ),
            ]
        );
        assert_eq!(problems[1].target_span, Some((0, 19)));
        let problems = check(&g, "艾滋病病毒", "zh", "the AIDS virus", "en");
        assert_eq!(
            categories(&problems),
            [(Category::TermDeprecated, Some("HIV".into()))]
        );
    }

    #[test]
    fn foreign_terms_and_missing_columns_are_left_alone() {
        let g = glossary();
        // A Chinese term quoted in a Vietnamese source.
        assert_eq!(check(&g, "Thuật ngữ 计划生育.", "vi", "术语。", "zh"), []);
        // KHHGĐ has no zh column, but its full form has: accepted there.
        let problems = check(&g, "KHHGĐ", "vi", "家庭", "zh");
        assert_eq!(
            categories(&problems),
            [(Category::TermMissing, Some("计划生育".into()))]
        );
        // No column in the target language at all: nothing to check.
        assert_eq!(check(&g, "Dân số", "vi", "Bevölkerung", "de"), []);
    }

    #[test]
    fn replacement_from_notes() {
        assert_eq!(replacement("use HIV (UNAIDS)").as_deref(), Some("HIV"));
        assert_eq!(
            replacement("older term; use Kế hoạch hóa gia đình").as_deref(),
            Some("Kế hoạch hóa gia đình")
        );
        assert_eq!(replacement("misuse this"), None);
        assert_eq!(replacement(""), None);
    }

    #[test]
    fn char_slices() {
        assert_eq!(char_slice("Dân số", (0, 3)), "Dân");
        assert_eq!(char_slice("Dân số", (4, 6)), "số");
        assert_eq!(char_slice("Dân", (2, 9)), "n");
        assert_eq!(char_slice("", (0, 0)), "");
    }

    #[test]
    fn digits_of_terms_are_hidden_when_the_other_language_has_none() {
        let g = Glossary::new(
            parse_tsv(
                "vi\tzh\n\
                 Tỷ suất tử vong trẻ em dưới 1 tuổi\t婴儿死亡率\n\
                 Chương trình 135\t135计划\n",
            )
            .unwrap(),
        );
        let text = "Tỷ suất tử vong trẻ em dưới 1 tuổi dưới 4,5‰ năm 2025";
        let hidden = hide_term_digits(&g, text, "zh-CN");
        assert_eq!(
            hidden,
            "Tỷ suất tử vong trẻ em dưới x tuổi dưới 4,5‰ năm 2025"
        );
        assert_eq!(hidden.chars().count(), text.chars().count());
        assert_eq!(
            hide_term_digits(&g, "Chương trình 135", "zh"),
            "Chương trình 135"
        );
        assert_eq!(
            hide_term_digits(&g, "Chương trình 135", "fr"),
            "Chương trình 135"
        );
    }
}
