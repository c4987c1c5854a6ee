//! Normalization of block text: the one clean form every later stage and the
//! JSON output share. Offsets are taken after this stage, so it may change
//! lengths freely.
//!
//! Promise: the result is NFC; has no zero-width, format or control characters
//! except ZWJ/ZWNJ and `\n`; has single spaces between words, no space around
//! `\n`, no empty lines, no leading or trailing whitespace; full-width ASCII
//! letters and digits are half-width. CJK punctuation is left as it is.

pub mod long_blocks;
mod vi_compose;

use crate::script::is_cjk;
use icu_normalizer::ComposingNormalizerBorrowed;

/// Marks, in an extractor's raw text, where a note reference stands. It is a
/// Unicode noncharacter (reserved for a program's internal use), so it cannot
/// be confused with document text: normalization drops every noncharacter.
pub const NOTE_ANCHOR: char = '\u{FDD0}';

/// Normalizes one block's text as described in the module documentation.
pub fn normalize_text(raw: &str) -> String {
    normalize_with_anchors(raw).0
}

/// Normalizes like [`normalize_text`], also removing every [`NOTE_ANCHOR`] and
/// returning, for each in order, the char offset in the result where it stood.
pub fn normalize_with_anchors(raw: &str) -> (String, Vec<usize>) {
    // Plain characters neither decompose nor combine, so clean text is NFC
    // already: most block text arrives so, and skips the normalizer.
    if is_clean(raw) {
        return (raw.to_string(), Vec::new());
    }
    // Decomposed Vietnamese is composed in the same pass; text with
    // anything else NFC may change goes through the full normalizer first.
    clean_up(raw, true).unwrap_or_else(|| {
        let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(raw);
        clean_up(&nfc, false).expect("only composing gives up")
    })
}

/// One pass of the normalization rules over `text`, which is NFC unless
/// `composing`: then Vietnamese marks are composed onto the vowel just
/// before them, and `None` is returned as soon as a char needs more than
/// that.
fn clean_up(text: &str, composing: bool) -> Option<(String, Vec<usize>)> {
    let mut out = String::with_capacity(text.len());
    let mut out_chars = 0;
    let mut anchors = Vec::new();
    let mut pending_space = false;
    let mut pending_newline = false;
    let mut previous: Option<char> = None;
    // The char the previous one of `text` was written as, and where.
    let mut just_written: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        let before = previous.replace(c);
        let class = if is_plain(c) {
            Class::Keep(c)
        } else if c == ' ' {
            Class::Space
        } else if c == NOTE_ANCHOR {
            Class::Anchor
        } else if composing && !vi_compose::is_inert(c) {
            let (start, base) = just_written?;
            let composed = vi_compose::compose_pair(base, c)?;
            out.truncate(start);
            out.push(composed);
            just_written = Some((start, composed));
            continue;
        } else {
            let after = || text[i + c.len_utf8()..].chars().next();
            classify(c, before, after)
        };
        just_written = None;
        match class {
            Class::Anchor => anchors.push(out_chars),
            Class::Drop => {}
            Class::Space => pending_space = true,
            Class::Newline => pending_newline = true,
            Class::Keep(c) => {
                if !out.is_empty() && (pending_newline || pending_space) {
                    out.push(if pending_newline { '\n' } else { ' ' });
                    out_chars += 1;
                }
                pending_space = false;
                pending_newline = false;
                just_written = Some((out.len(), c));
                out.push(c);
                out_chars += 1;
            }
        }
    }
    Some((out, anchors))
}

/// Printable ASCII, Latin letters with diacritics (all of Vietnamese), CJK
/// ideographs and common punctuation: kept as they are, without a look at
/// any table. None of them has a canonical decomposition or combines with a
/// neighbour, so text of them alone is NFC.
fn is_plain(c: char) -> bool {
    c.is_ascii_graphic()
        || matches!(c,
            '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{24F}' // Latin-1 signs (not the soft hyphen), Latin letters
            | '\u{1E00}'..='\u{1EFF}' // Vietnamese letters with two marks
            | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis
            | '\u{3001}'..='\u{303F}' // CJK punctuation (not the ideographic space)
            | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' // full-width punctuation
        )
}

/// Already in the output form: plain characters with single spaces between
/// them (most block text arrives so), which normalization would copy as is.
/// A quick, sufficient test: `false` does not mean normalization changes
/// anything. Checked in passes the compiler vectorizes (controls, double
/// spaces), then the chars beyond ASCII, which are all that need decoding.
pub fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let has_control = bytes
        .iter()
        .fold(false, |found, &b| found | (b < b' ') | (b == 0x7F));
    if has_control
        || bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ')
        || memchr::memmem::find(bytes, b"  ").is_some()
    {
        return false;
    }
    text.chars().all(|c| c.is_ascii() || is_plain(c))
}

enum Class {
    Anchor,
    Drop,
    Space,
    Newline,
    Keep(char),
}

/// What to do with `c`, given the characters before and after it.
fn classify(c: char, before: Option<char>, after: impl Fn() -> Option<char>) -> Class {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        // An ideographic space between two CJK characters is deliberate spacing.
        '\u{3000}' if is_spaced_cjk(before) && is_spaced_cjk(after()) => Class::Keep(c),
        '\t'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | ' ' => Class::Space,
        '\u{AD}'
        | '\u{200B}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{180E}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}' => Class::Drop,
        '\u{200C}' | '\u{200D}' => Class::Keep(c),
        c if is_noncharacter(c) => Class::Drop,
        c if c.is_control() => Class::Drop,
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            Class::Keep(char::from_u32(c as u32 - 0xFF00 + 0x20).unwrap_or(c))
        }
        c => Class::Keep(c),
    }
}

/// U+FDD0–U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    ('\u{FDD0}'..='\u{FDEF}').contains(&c) || (c as u32) & 0xFFFE == 0xFFFE
}

/// Where a Vietnamese tone mark goes in the syllables the two conventions
/// spell differently (oa, oe, uy at the end of a syllable, not after q).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToneStyle {
    /// As the document has it.
    #[default]
    Keep,
    /// On the first vowel: hòa, khỏe, thủy (the older, still common style).
    Old,
    /// On the second vowel: hoà, khoẻ, thuỷ.
    New,
}

impl std::str::FromStr for ToneStyle {
    type Err = String;

    /// Reads the names the command line takes: `keep`, `old`, `new`.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "keep" => Ok(ToneStyle::Keep),
            "old" => Ok(ToneStyle::Old),
            "new" => Ok(ToneStyle::New),
            _ => Err(format!(
                "unknown tone style {name:?}: give keep, old or new"
            )),
        }
    }
}

/// Moves the tone mark of every ambiguous syllable (oa, oe, uy ending a
/// syllable, not after q) to where `style` puts it. Syllables where the
/// mark is not ambiguous ("hoàn", "quý", "thuở") are never touched; char
/// counts are unchanged.
pub fn place_vi_tones(text: &str, style: ToneStyle) -> String {
    // A toned vowel is never ASCII.
    if style == ToneStyle::Keep || text.is_ascii() {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    place_vi_tones_in(&mut chars, style);
    chars.into_iter().collect()
}

/// [`place_vi_tones`] on a text already split into chars.
pub fn place_vi_tones_in(chars: &mut [char], style: ToneStyle) {
    for i in 1..chars.len() {
        if chars[i].is_ascii() && chars[i - 1].is_ascii() {
            continue;
        }
        let ends_syllable = chars.get(i + 1).is_none_or(|c| !c.is_alphabetic());
        let after_q = i >= 2 && matches!(chars[i - 2], 'q' | 'Q');
        if !ends_syllable || after_q {
            continue;
        }
        if let Some((first, second)) = place_vi_tone_pair(chars[i - 1], chars[i], style) {
            chars[i - 1] = first;
            chars[i] = second;
        }
    }
}

/// The two vowels that end a syllable (not after q), with the tone mark
/// where `style` puts it; `None` when the pair is not one whose placement
/// varies (oa, oe, uy) or already follows `style`.
pub fn place_vi_tone_pair(first: char, second: char, style: ToneStyle) -> Option<(char, char)> {
    use vi_compose::{A, E, O, ROWS_PER_CASE, U, Y, parts, vowel};
    let ((first, first_tone), (second, second_tone)) = (parts(first)?, parts(second)?);
    let ambiguous = matches!(
        (first % ROWS_PER_CASE, second % ROWS_PER_CASE),
        (O, A | E) | (U, Y)
    );
    if !ambiguous {
        return None;
    }
    match style {
        ToneStyle::Old if first_tone == 0 && second_tone > 0 => {
            Some((vowel(first, second_tone), vowel(second, 0)))
        }
        ToneStyle::New if first_tone > 0 && second_tone == 0 => {
            Some((vowel(first, 0), vowel(second, first_tone)))
        }
        _ => None,
    }
}

/// A CJK character other than the ideographic space itself at `i`.
fn is_spaced_cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| is_cjk(c) && c != '\u{3000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comparison form glossary matching uses.
    fn place_vi_tones_old(text: &str) -> String {
        place_vi_tones(text, ToneStyle::Old)
    }

    #[test]
    fn composes_to_nfc() {
        let nfd = "Ke\u{302}\u{301} hoa\u{323}ch hoa\u{301} gia \u{111}i\u{300}nh";
        assert_eq!(normalize_text(nfd), "Kế hoạch hoá gia đình");
    }

    /// Every base, every Vietnamese mark, in every order of up to three
    /// marks, next to other text: the same as NFC, whichever path the
    /// text takes (composed in the pass, or through the full normalizer).
    #[test]
    fn composes_every_short_mark_sequence_like_nfc() {
        let nfc = |text: &str| {
            ComposingNormalizerBorrowed::new_nfc()
                .normalize(text)
                .into_owned()
        };
        let bases = [
            "a", "ă", "â", "e", "o", "ơ", "u", "y", "i", "ạ", "á", "Ô", "d", "đ", " ",
        ];
        let marks = [
            '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31B}',
        ];
        for base in bases {
            for m1 in marks {
                for m2 in marks {
                    for m3 in marks {
                        for text in [
                            format!("x{base}{m1} z"),
                            format!("k{base}{m1}{m2}"),
                            format!("k{base}{m1}{m2}{m3}n"),
                        ] {
                            assert_eq!(normalize_text(&text), nfc(&text), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn folds_whitespace_and_keeps_line_breaks() {
        let raw = "  Dân\u{A0}\u{A0}số\t và \r\n\n  phát\u{200B} triển  ";
        assert_eq!(normalize_text(raw), "Dân số và\nphát triển");
    }

    #[test]
    fn drops_soft_hyphens_and_controls() {
        assert_eq!(
            normalize_text("truyền\u{AD}thông\u{7}\u{FEFF}"),
            "truyềnthông"
        );
    }

    #[test]
    fn full_width_letters_and_digits_but_not_punctuation() {
        assert_eq!(
            normalize_text("２０２５年ＨＰＶ疫苗（第一批）。"),
            "2025年HPV疫苗（第一批）。"
        );
    }

    #[test]
    fn tone_conventions_fold_to_one() {
        assert_eq!(
            place_vi_tones_old("Kế hoạch hoá gia đình"),
            "Kế hoạch hóa gia đình"
        );
        assert_eq!(
            place_vi_tones_old("khoẻ, thuỷ, Hoá, HOÀ, xoè"),
            "khỏe, thủy, Hóa, HÒA, xòe"
        );
        assert_eq!(
            place_vi_tones_old("hoàn thành, quý, thuở, hòa, khuya, hoa"),
            "hoàn thành, quý, thuở, hòa, khuya, hoa"
        );
        assert_eq!(place_vi_tones_old("hoá").chars().count(), 3);
    }

    #[test]
    fn tone_styles_move_only_ambiguous_marks() {
        let text = "Kế hoạch hóa gia đình, sức khỏe, thủy lợi, hoàn thành, quý, thuở, Hòa";
        assert_eq!(
            place_vi_tones(text, ToneStyle::New),
            "Kế hoạch hoá gia đình, sức khoẻ, thuỷ lợi, hoàn thành, quý, thuở, Hoà"
        );
        assert_eq!(
            place_vi_tones(&place_vi_tones(text, ToneStyle::New), ToneStyle::Old),
            text
        );
        assert_eq!(place_vi_tones("hoá", ToneStyle::Keep), "hoá");
    }

    #[test]
    fn note_anchors_become_offsets_into_the_result() {
        let a = NOTE_ANCHOR;
        let (text, anchors) =
            normalize_with_anchors(&format!("  Nghị\u{A0}\u{A0}định{a} số 30 \u{FDD1}{a}"));
        assert_eq!(text, "Nghị định số 30");
        assert_eq!(anchors, vec![9, 15]);
        assert_eq!(normalize_text(&format!("a{a}b\u{FFFF}")), "ab");
    }

    #[test]
    fn ideographic_space_kept_only_between_cjk() {
        assert_eq!(normalize_text("附件：\u{3000}方案"), "附件：\u{3000}方案");
        assert_eq!(normalize_text("Kế\u{3000}hoạch"), "Kế hoạch");
        assert_eq!(normalize_text("\u{3000}\u{3000}为深入贯彻"), "为深入贯彻");
    }

    #[test]
    fn clean_text_is_returned_as_is_and_anything_else_normalized() {
        for clean in [
            "Kế hoạch số 144/KH-UBND.",
            "计划生育，“关爱女孩”。",
            "a",
            "",
        ] {
            assert!(is_clean(clean), "{clean}");
            assert_eq!(normalize_text(clean), clean);
        }
        for (raw, expected) in [
            (" Kế hoạch", "Kế hoạch"),
            ("Kế  hoạch ", "Kế hoạch"),
            ("Ke\u{302}\u{301} hoạch", "Kế hoạch"),
            ("Kế\u{a0}hoạch", "Kế hoạch"),
            ("Ｋ１", "K1"),
            ("so\u{ad}ft", "soft"),
        ] {
            assert!(!is_clean(raw), "{raw}");
            assert_eq!(normalize_text(raw), expected);
        }
    }
}
