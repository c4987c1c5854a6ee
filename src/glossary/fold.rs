//! The fold glossary matching compares text in: lower case, Vietnamese tone
//! marks in one placement, and (when asked) simplified Chinese. Each char
//! folds to exactly one char, so char offsets in folded text are offsets in
//! the original.

use crate::normalize::{ToneStyle, place_vi_tone_pair};
use crate::script::is_cjk;
use crate::zh_variant::simplified_char;
use std::sync::LazyLock;

/// `text` folded.
pub(super) fn fold(text: &str, across_zh_variants: bool) -> String {
    let mut folded = String::new();
    fold_into(text, across_zh_variants, &mut folded);
    folded
}

/// [`fold`] into `folded`, which is cleared first.
pub(super) fn fold_into(text: &str, across_zh_variants: bool, folded: &mut String) {
    folded.clear();
    if text.is_ascii() {
        folded.push_str(text);
        folded.make_ascii_lowercase();
        return;
    }
    // The previous char written, where it starts, and the char before it.
    let mut previous: Option<(char, usize)> = None;
    let mut before_previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut c = fold_char(c, across_zh_variants);
        let mut at = folded.len();
        // Two vowels ending a syllable, not after q: where a tone mark may
        // stand on either ("hoá", "hóa").
        if let Some((p, p_at)) = previous
            && chars.peek().is_none_or(|&next| !is_letter(next))
            && !(c.is_ascii() && p.is_ascii())
            && before_previous != Some('q')
            && let Some((first, second)) = place_vi_tone_pair(p, c, ToneStyle::Old)
        {
            folded.truncate(p_at);
            folded.push(first);
            at = folded.len();
            c = second;
        }
        folded.push(c);
        before_previous = previous.map(|(p, _)| p);
        previous = Some((c, at));
    }
}

/// One char folded: lower case, and simplified when `across_zh_variants`.
#[inline]
pub(super) fn fold_char(c: char, across_zh_variants: bool) -> char {
    if let Some(entry) = TABLE.get(c as usize) {
        return entry.lower;
    }
    // CJK ideographs, kana and hangul have no case: skip the case tables.
    let c = if ('\u{2E80}'..'\u{A640}').contains(&c) || ('\u{AC00}'..'\u{FF21}').contains(&c) {
        c
    } else {
        lower_case(c)
    };
    if across_zh_variants {
        simplified_char(c)
    } else {
        c
    }
}

/// `c` in lower case when that is one char, else `c`.
fn lower_case(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// What a char of text is to the matcher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// Whitespace: separates tokens and is not part of any.
    Space,
    /// A letter (`letter`) or digit of a spaced script: the chars a
    /// Vietnamese or English word is made of.
    Word { letter: bool },
    /// Anything else: a token by itself (a Han character, a punctuation
    /// mark).
    Single,
}

/// What chars of text are to the matcher, and how they fold: the lookup
/// table fetched once for many chars.
#[derive(Clone, Copy)]
pub(super) struct Classifier {
    table: &'static [CharFold; TABLE_END],
    across_zh_variants: bool,
}

/// Chars below this (every script of Vietnamese and English text, general
/// and CJK punctuation, kana) are folded and classified by [`TABLE`]; none
/// has a simplified form (see [`simplified_char`]). Han ideographs come
/// after it.
const TABLE_END: usize = 0x3400;

/// [`lower_case`] and [`class_by_unicode`] of every char below `TABLE_END`:
/// built once, on first use (about a millisecond), instead of searched in
/// the Unicode tables at every char.
static TABLE: LazyLock<Box<[CharFold; TABLE_END]>> = LazyLock::new(|| {
    let entries: Vec<CharFold> = (0..TABLE_END as u32)
        .map(|code| {
            let c = char::from_u32(code).expect("no surrogates below U+D800");
            CharFold {
                lower: lower_case(c),
                class: class_by_unicode(c),
            }
        })
        .collect();
    entries
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!("one entry per code"))
});

impl Classifier {
    pub fn new(across_zh_variants: bool) -> Self {
        Classifier {
            table: &TABLE,
            across_zh_variants,
        }
    }

    /// A char past the table folded (as [`fold_char`]), and its class.
    #[inline(always)]
    fn classify_wide(self, c: char) -> (char, Class) {
        // Han ideographs of the basic block have no case and stand alone.
        if ('\u{4E00}'..'\u{A000}').contains(&c) {
            let c = if self.across_zh_variants {
                simplified_char(c)
            } else {
                c
            };
            return (c, Class::Single);
        }
        self.classify_other(c)
    }

    /// The char of `text` at byte `at`, folded, with its class and its
    /// length in bytes; `None` at the end of the text (or off a char).
    #[inline(always)]
    pub fn classify_at(self, text: &str, at: usize) -> Option<(char, Class, usize)> {
        let bytes = text.as_bytes();
        let &byte = bytes.get(at)?;
        if byte.is_ascii() {
            let entry = &self.table[usize::from(byte)];
            return Some((entry.lower, entry.class, 1));
        }
        let (code, width) = code_at(bytes, at)?;
        if let Some(entry) = self.table.get(code as usize) {
            return Some((entry.lower, entry.class, width));
        }
        let (folded, class) = self.classify_wide(char::from_u32(code)?);
        Some((folded, class, width))
    }

    /// The length in bytes of the char of `text` at byte `at` when it is
    /// a letter or digit of a spaced script (see [`Class::Word`]), else 0:
    /// how far a word goes on. Vietnamese vowels with a tone mark (Latin
    /// Extended Additional, all letters) are known by their first two
    /// bytes alone.
    #[inline(always)]
    pub fn word_char_len(self, text: &str, at: usize) -> usize {
        let bytes = text.as_bytes();
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(0xE1), Some(0xB8..=0xBB)) => 3,
            _ => match self.classify_at(text, at) {
                Some((_, Class::Word { .. }, width)) => width,
                _ => 0,
            },
        }
    }

    #[inline(never)]
    fn classify_other(self, c: char) -> (char, Class) {
        (fold_char(c, self.across_zh_variants), class_by_unicode(c))
    }
}

/// The code and length of the char of UTF-8 `bytes` that starts at `at`
/// with a byte that is not ASCII, decoded from its lead byte and
/// continuation bytes; `None` when `at` is not the start of such a char.
/// Quicker than slicing the text there, which checks the boundary, then
/// decoding; the code is a char's if `bytes` are UTF-8.
#[inline(always)]
fn code_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let next = |k: usize| bytes.get(at + k).map(|&b| u32::from(b & 0x3F));
    let lead = u32::from(*bytes.get(at)?);
    Some(match lead {
        0xC0..=0xDF => (((lead & 0x1F) << 6) | next(1)?, 2),
        0xE0..=0xEF => (((lead & 0x0F) << 12) | (next(1)? << 6) | next(2)?, 3),
        0xF0..=0xF7 => {
            let code = ((lead & 0x07) << 18) | (next(1)? << 12) | (next(2)? << 6) | next(3)?;
            (code, 4)
        }
        _ => return None,
    })
}

/// The class of `c` by its Unicode properties.
fn class_by_unicode(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if !is_cjk(c) && c.is_alphanumeric() {
        Class::Word {
            letter: c.is_alphabetic(),
        }
    } else {
        Class::Single
    }
}

fn is_letter(c: char) -> bool {
    match TABLE.get(c as usize) {
        Some(entry) => entry.class == Class::Word { letter: true },
        None => c.is_alphabetic(),
    }
}

/// What the fold needs of a char.
struct CharFold {
    lower: char,
    class: Class,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_unicode() {
        for code in (0..TABLE_END as u32)
            .chain(0x4E00..0xA000)
            .chain(0xFF00..0xFFF0)
        {
            let c = char::from_u32(code).unwrap();
            let (plain, across) = (Classifier::new(false), Classifier::new(true));
            let text = c.to_string();
            let (class, width) = (class_by_unicode(c), text.len());
            let plain_fold = Some((fold_char(c, false), class, width));
            assert_eq!(plain.classify_at(&text, 0), plain_fold, "{c}");
            let across_fold = Some((fold_char(c, true), class, width));
            assert_eq!(across.classify_at(&text, 0), across_fold, "{c}");
            let lower: Vec<char> = c.to_lowercase().collect();
            let expected = if lower.len() == 1 { lower[0] } else { c };
            assert_eq!(fold_char(c, false), expected, "{c}");
        }
    }

    #[test]
    fn words_go_on_over_letters_and_digits_only() {
        let classifier = Classifier::new(false);
        for code in (0..0x3000).chain(0x4E00..0x4E10) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("{c}.");
            let expected = match class_by_unicode(c) {
                Class::Word { .. } => c.len_utf8(),
                _ => 0,
            };
            assert_eq!(classifier.word_char_len(&text, 0), expected, "{c:?}");
        }
    }

    #[test]
    fn chars_are_decoded_where_they_start() {
        let text = "aé中😀";
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let code = (u32::from(c), c.len_utf8());
            assert_eq!(code_at(text.as_bytes(), at), Some(code));
            assert_eq!(code_at(text.as_bytes(), at + 1), None, "inside {c}");
        }
        assert_eq!(code_at("中".as_bytes()[..2].as_ref(), 0), None);
    }

    #[test]
    fn folds_case_and_tone_placement_char_for_char() {
        assert_eq!(fold("KẾ HOẠCH HOÁ", false), "kế hoạch hóa");
        assert_eq!(
            fold("Khoẻ, thuỷ, quý, hoàn", false),
            "khỏe, thủy, quý, hoàn"
        );
        assert_eq!(fold("İstanbul", false).chars().count(), 8);
        assert_eq!(fold("計劃生育", true), "计划生育");
        assert_eq!(fold("計劃生育", false), "計劃生育");
    }
}
