//! `inconsistent`: across every file checked, one source translated in
//! different ways (an error on each translation other than the most
//! frequent), and different sources given one translation (a warning).
//!
//! Texts are compared after normalization, case folding and Vietnamese
//! tone placement (`glossary::match_key`), with runs of spaces made one.

use super::{Category, Problem, Severity};
use crate::glossary::match_key;
use std::collections::HashMap;

/// One translated unit as consistency sees it.
pub struct Unit<'a> {
    pub source: &'a str,
    pub target: &'a str,
    /// Where the unit is, for messages ("plan.xlf b2-s1").
    pub place: String,
}

/// The problems of `units`, as (index into `units`, problem), in unit
/// order.
pub fn check(units: &[Unit]) -> Vec<(usize, Problem)> {
    let sources: Vec<String> = units.iter().map(|u| key(u.source)).collect();
    let targets: Vec<String> = units.iter().map(|u| key(u.target)).collect();
    let mut problems = Vec::new();
    for group in groups(&sources) {
        let Some(usual) = most_frequent(&group, &targets) else {
            continue;
        };
        for &index in group.iter().filter(|&&i| targets[i] != targets[usual]) {
            let times = group
                .iter()
                .filter(|&&i| targets[i] == targets[usual])
                .count();
            problems.push((
                index,
                Problem {
                    category: Category::Inconsistent,
                    severity: Severity::Error,
                    message: format!(
                        "the same source is translated \"{}\" elsewhere ({} {}, first at {})",
                        units[usual].target.trim(),
                        times,
                        if times == 1 { "time" } else { "times" },
                        units[usual].place
                    ),
                    source_span: None,
                    target_span: Some((0, units[index].target.chars().count())),
                    suggestion: Some(units[usual].target.trim().to_string()),
                },
            ));
        }
    }
    for group in groups(&targets) {
        if !worth_comparing(units[group[0]].target) {
            continue;
        }
        let Some(usual) = most_frequent(&group, &sources) else {
            continue;
        };
        for &index in group.iter().filter(|&&i| sources[i] != sources[usual]) {
            problems.push((
                index,
                Problem {
                    category: Category::Inconsistent,
                    severity: Severity::Warning,
                    message: format!(
                        "the same translation is given to a different source at {}: \"{}\"",
                        units[usual].place,
                        units[usual].source.trim()
                    ),
                    source_span: Some((0, units[index].source.chars().count())),
                    target_span: None,
                    suggestion: None,
                },
            ));
        }
    }
    problems.sort_by_key(|(index, _)| *index);
    problems
}

/// The form texts are compared in.
fn key(text: &str) -> String {
    let folded = match_key(text);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The indices of the units sharing each key, for keys that more than one
/// unit has, in the order first seen.
fn groups(keys: &[String]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (index, key) in keys.iter().enumerate() {
        let group = *by_key.entry(key.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    groups.retain(|group| group.len() > 1);
    groups
}

/// The unit of `group` whose `values` key is the most frequent in it (the
/// first seen on a tie); `None` when all agree.
fn most_frequent(group: &[usize], values: &[String]) -> Option<usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &index in group {
        *counts.entry(values[index].as_str()).or_default() += 1;
    }
    if counts.len() < 2 {
        return None;
    }
    let best = counts.values().copied().max().unwrap_or_default();
    group
        .iter()
        .copied()
        .find(|&index| counts[values[index].as_str()] == best)
}

/// Whether a translation says enough for two sources sharing it to be
/// suspect: not a number, code or single character.
fn worth_comparing(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units<'a>(pairs: &[(&'a str, &'a str)]) -> Vec<Unit<'a>> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (source, target))| Unit {
                source,
                target,
                place: format!("u{i}"),
            })
            .collect()
    }

    #[test]
    fn one_source_two_translations() {
        let found = check(&units(&[
            ("Mục tiêu chung", "总体目标"),
            ("MỤC TIÊU CHUNG", "总体目标"),
            ("Mục tiêu  chung", "总目的"),
            ("Kế hoạch hóa gia đình", "计划生育"),
            ("Kế hoạch hoá gia đình", "计划生育"),
        ]));
        assert_eq!(found.len(), 1);
        let (index, problem) = &found[0];
        assert_eq!(*index, 2);
        assert_eq!(problem.severity, Severity::Error);
        assert_eq!(problem.suggestion.as_deref(), Some("总体目标"));
        assert!(problem.message.contains("2 times, first at u0"));
    }

    #[test]
    fn two_sources_one_translation() {
        let found = check(&units(&[
            ("Mục tiêu chung", "总体目标"),
            ("Mục tiêu tổng quát", "总体目标"),
            ("Năm 2025", "2025年"),
            ("năm 2025.", "2025年"),
        ]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
        assert_eq!(found[0].1.severity, Severity::Warning);
        assert!(found[0].1.message.contains("u0"));
        assert!(check(&[]).is_empty());
    }
}
