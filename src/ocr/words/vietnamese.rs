//! Tesseract's commonest Vietnamese misreadings undone: the hook above
//! (dấu hỏi) read as the acute (dấu sắc), "kiểm tra" read "kiếm tra",
//! "bảo hiểm" read "bảo hiếm"; and the dot of an i read as the hook, "chi
//! tiết" read "chỉ tiết", "thông tin" read "thông tỉn". On a blurred page
//! the small hook looks like the acute, and a speck by the dot of an i
//! like the hook, and both readings are Vietnamese syllables, so no
//! dictionary of syllables alone can tell; the words beside it can.
//!
//! Promises: a syllable with the acute becomes its form with the hook, and
//! a syllable whose only vowel is `ỉ` its form with a plain `i`, only on
//! evidence from `rules/vi-tone-evidence.tsv` (counts from Vietnamese
//! official texts, `scripts/make-vi-tone-evidence.py`): the corrected form
//! is seen next to the syllable's neighbours at least [`MIN_PAIRS`] times
//! and [`DOMINANCE`] times as often as the form read, or the form read is
//! never seen at all and the corrected one often ([`MIN_SEEN`]). Case is
//! kept; nothing else changes.

use std::collections::HashMap;
use std::sync::OnceLock;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};

/// How often the corrected form must be seen beside a neighbour.
const MIN_PAIRS: u32 = 2;

/// How many times as often as the form read the corrected form must be
/// seen beside the neighbours ("kế hoạch chỉ đạo" is seen, but "kế hoạch
/// chi tiết" far more often).
const DOMINANCE: u32 = 10;

/// How often the corrected form of a syllable never seen must be seen:
/// often enough that the form read is a misreading, not a rare word ("thờ
/// cúng", worship, is not in the counts; "củng", as in "củng cố", is 6
/// times).
const MIN_SEEN: u32 = 20;

const ACUTE: char = '\u{301}';
const HOOK: char = '\u{309}';

/// Counts of syllables with the acute or the hook, and of pairs of
/// neighbouring syllables one of which has either; lower case, NFC.
struct Evidence {
    syllables: HashMap<String, u32>,
    pairs: HashMap<(String, String), u32>,
}

impl Evidence {
    fn shipped() -> &'static Evidence {
        static EVIDENCE: OnceLock<Evidence> = OnceLock::new();
        EVIDENCE
            .get_or_init(|| Evidence::parse(include_str!("../../../rules/vi-tone-evidence.tsv")))
    }

    /// Reads `1 SYLLABLE COUNT` and `2 FIRST SECOND COUNT` rows; `#`
    /// lines and malformed rows are skipped.
    fn parse(tsv: &str) -> Evidence {
        let mut evidence = Evidence {
            syllables: HashMap::new(),
            pairs: HashMap::new(),
        };
        for row in tsv.lines() {
            let cells: Vec<&str> = row.split('\t').collect();
            match cells.as_slice() {
                ["1", syllable, count] => {
                    if let Ok(count) = count.parse() {
                        evidence.syllables.insert(syllable.to_string(), count);
                    }
                }
                ["2", first, second, count] => {
                    if let Ok(count) = count.parse() {
                        evidence
                            .pairs
                            .insert((first.to_string(), second.to_string()), count);
                    }
                }
                _ => {}
            }
        }
        evidence
    }

    fn seen(&self, syllable: &str) -> u32 {
        self.syllables.get(syllable).copied().unwrap_or(0)
    }

    /// How often `syllable` is seen after `before` and before `after`.
    fn beside(&self, before: Option<&str>, syllable: &str, after: Option<&str>) -> u32 {
        let pair = |a: &str, b: &str| {
            self.pairs
                .get(&(a.to_string(), b.to_string()))
                .copied()
                .unwrap_or(0)
        };
        before.map_or(0, |b| pair(b, syllable)) + after.map_or(0, |a| pair(syllable, a))
    }
}

/// `text` with the syllables read with the acute for the hook, or with
/// the hook for the dot of an i, corrected.
pub(super) fn hook_corrections(text: &str) -> String {
    let evidence = Evidence::shipped();
    let words = syllables(text);
    let lower: Vec<String> = words
        .iter()
        .map(|r| text[r.clone()].to_lowercase())
        .collect();
    // A neighbour is the syllable beside it with only spaces between.
    let joined = |a: usize, b: usize| {
        text[words[a].end..words[b].start]
            .chars()
            .all(char::is_whitespace)
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, range) in words.iter().enumerate() {
        let Some(corrected) = misread_of(&lower[at]) else {
            continue;
        };
        let before = (at > 0 && joined(at - 1, at)).then(|| lower[at - 1].as_str());
        let after = (at + 1 < words.len() && joined(at, at + 1)).then(|| lower[at + 1].as_str());
        let read_beside = evidence.beside(before, &lower[at], after);
        let corrected_beside = evidence.beside(before, &corrected, after);
        let beside = corrected_beside >= MIN_PAIRS
            && corrected_beside >= DOMINANCE.saturating_mul(read_beside);
        let unknown = evidence.seen(&lower[at]) == 0 && evidence.seen(&corrected) >= MIN_SEEN;
        if beside || (read_beside == 0 && unknown) {
            out.push_str(&text[copied..range.start]);
            out.push_str(&in_case_of(&text[range.clone()], &corrected));
            copied = range.end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The byte ranges of `text`'s runs of letters.
fn syllables(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// What `syllable` (lower case, NFC) may be a misreading of: its form
/// with the hook if it has the acute ([`with_hook`]), with a plain `i` if
/// its only vowel is `ỉ`.
fn misread_of(syllable: &str) -> Option<String> {
    with_hook(syllable).or_else(|| {
        let vowels = syllable.chars().filter(|c| is_vowel(*c));
        vowels.eq(['ỉ']).then(|| syllable.replace('ỉ', "i"))
    })
}

/// Whether `c` (lower case, NFC) is a Vietnamese vowel, with or without
/// its marks.
fn is_vowel(c: char) -> bool {
    let mut utf8 = [0; 4];
    DecomposingNormalizerBorrowed::new_nfd()
        .normalize(c.encode_utf8(&mut utf8))
        .chars()
        .next()
        .is_some_and(|base| "aeiouy".contains(base))
}

/// `syllable` (lower case, NFC) with its acute as the hook, if it has
/// the acute.
fn with_hook(syllable: &str) -> Option<String> {
    let decomposed = DecomposingNormalizerBorrowed::new_nfd().normalize(syllable);
    decomposed.contains(ACUTE).then(|| {
        let hooked = decomposed.replace(ACUTE, &HOOK.to_string());
        ComposingNormalizerBorrowed::new_nfc()
            .normalize(&hooked)
            .into_owned()
    })
}

/// `lower` (as long in characters as `original`) in `original`'s case,
/// letter by letter.
fn in_case_of(original: &str, lower: &str) -> String {
    original
        .chars()
        .zip(lower.chars())
        .flat_map(|(o, l)| {
            let upper = o.is_uppercase();
            let mut one = [l].into_iter().collect::<String>();
            if upper {
                one = one.to_uppercase();
            }
            one.chars().collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_read_as_the_acute_is_undone_on_evidence() {
        assert_eq!(
            hook_corrections("Kiếm tra, tống hợp và triến khai; bảo hiếm y tế"),
            "Kiểm tra, tổng hợp và triển khai; bảo hiểm y tế"
        );
        assert_eq!(
            hook_corrections("CHẤN ĐOÁN đế tầm soát"),
            "CHẨN ĐOÁN để tầm soát"
        );
    }

    #[test]
    fn the_dot_of_an_i_read_as_the_hook_is_undone_on_evidence() {
        assert_eq!(
            hook_corrections("kế hoạch chỉ tiết, kinh phí chỉ trả; thông tỉn"),
            "kế hoạch chi tiết, kinh phí chi trả; thông tin"
        );
        let right = "chỉ đạo, chỉ tiêu, tỉnh, chi cục";
        assert_eq!(hook_corrections(right), right);
        assert_eq!(misread_of("chỉ").as_deref(), Some("chi"));
        assert_eq!(misread_of("hải"), None, "the hook on another vowel");
        assert_eq!(misread_of("chi"), None);
    }

    #[test]
    fn acute_syllables_seen_so_stay() {
        let right = "Kế hoạch số 12, cấp xã, kể cả bé gái; kiếm sống, thờ cúng";
        assert_eq!(hook_corrections(right), right);
        assert_eq!(hook_corrections("đích"), "đích");
        assert_eq!(hook_corrections(""), "");
    }

    #[test]
    fn with_hook_moves_only_the_tone_mark() {
        assert_eq!(with_hook("kiếm").as_deref(), Some("kiểm"));
        assert_eq!(with_hook("bấm").as_deref(), Some("bẩm"));
        assert_eq!(with_hook("kiểm"), None);
        assert_eq!(in_case_of("KIẾM", "kiểm"), "KIỂM");
    }
}
