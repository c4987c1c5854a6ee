//! Which legacy encoding, if any, a piece of text is in, judged by how many
//! of its words each decoding turns into Vietnamese syllables.
//!
//! Only words with a byte above 0x7F are evidence: ASCII reads the same in
//! every encoding. A decoding that is right spells nearly all of them as
//! syllables; a wrong one gives letters in impossible places ("Céng",
//! "coäng"), and real French or German words ("Études", "Müller") are
//! syllables in none. One pass over the text, a few table look-ups per
//! letter.

use super::syllable::{Spelling, spelling};
use super::{LegacyEncoding, legacy_byte, one_byte_char, tcvn3_char, vni_text};

/// The readings of a text that are compared: as it is (Unicode or Western
/// text), then each legacy encoding.
pub(super) const READINGS: [Option<LegacyEncoding>; 5] = [
    None,
    Some(LegacyEncoding::Tcvn3),
    Some(LegacyEncoding::Vni),
    Some(LegacyEncoding::Viscii),
    Some(LegacyEncoding::Vps),
];

/// Bonus a reading gets, in syllables, when the run's font names it; when
/// the document's clear paragraphs were in it; and for reading text as it
/// is, so that ties leave text alone.
const FONT_BONUS: f32 = 0.6;
const DOCUMENT_BONUS: f32 = 0.3;
const AS_IS_BONUS: f32 = 0.1;

/// Words weighed in one text: a long paragraph tells by its first words,
/// and weighing no more keeps the cost of a paragraph bounded.
pub(super) const SAMPLE_WORDS: usize = 32;

/// Index in [`READINGS`] of a reading.
pub(super) fn reading_index(reading: Option<LegacyEncoding>) -> usize {
    READINGS.iter().position(|r| *r == reading).unwrap_or(0)
}

/// How a text reads in each of [`READINGS`]: whether it has a byte above
/// 0x7F at all, how many of its words (of two letters or more) hold one, and
/// how many of those each reading makes a syllable. One letter alone ("×",
/// ì in TCVN3) is too little to tell.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Evidence {
    pub marked: bool,
    pub words: u32,
    pub syllables: [u32; 5],
    /// Words each reading gives a tone mark without making them syllables.
    pub misspelt: [u32; 5],
}

impl Evidence {
    /// The evidence of `text`, given in the legacy convention (one char per
    /// byte, Latin-1 or windows-1252).
    pub fn of(text: &str) -> Evidence {
        Evidence::of_readings(text, [true; 5])
    }

    /// The evidence of `text` for the readings marked in `readings` only;
    /// the others count no syllables.
    pub fn of_readings(text: &str, readings: [bool; 5]) -> Evidence {
        let mut evidence = Evidence::default();
        for word in text.split(|c: char| !is_word_char(c)) {
            if !word.is_ascii() {
                evidence.marked = true;
                if evidence.words as usize == SAMPLE_WORDS {
                    break;
                }
                if word.chars().nth(1).is_some() {
                    evidence.count(word, readings);
                }
            }
        }
        evidence
    }

    fn count(&mut self, word: &str, readings: [bool; 5]) {
        self.words += 1;
        // A word with a sign among its letters ("xim¨ng") is no French or
        // German word: a reading that misspells it may still be right (a
        // loanword, two syllables written together).
        let garbled = word.chars().any(|c| !c.is_alphabetic());
        for (i, reading) in READINGS.iter().enumerate() {
            if !readings[i] {
                continue;
            }
            let spelt = match reading {
                None => spelling(word.chars()),
                Some(LegacyEncoding::Tcvn3) => spelling(word.chars().map(tcvn3_char)),
                Some(LegacyEncoding::Vni) => spelling(vni_text(word.chars()).chars()),
                Some(chart) => spelling(word.chars().map(|c| one_byte_char(c, *chart))),
            };
            self.syllables[i] += u32::from(spelt == Spelling::Syllable);
            self.misspelt[i] += u32::from(spelt == Spelling::Misspelt && !garbled);
        }
    }

    /// Adds the evidence of more text.
    pub fn add(&mut self, other: Evidence) {
        self.marked |= other.marked;
        self.words += other.words;
        for (mine, theirs) in self.syllables.iter_mut().zip(other.syllables) {
            *mine += theirs;
        }
        for (mine, theirs) in self.misspelt.iter_mut().zip(other.misspelt) {
            *mine += theirs;
        }
    }

    /// The reading the text is plainly in: at least two syllables more than
    /// any other reading gives, and syllables for at least 60% of its words.
    pub fn clear_reading(&self) -> Option<usize> {
        let best = self.ranked(&[0.0; 5]);
        let top = self.syllables[best];
        let runner_up = (0..READINGS.len())
            .filter(|&i| i != best)
            .map(|i| self.syllables[i])
            .max()
            .unwrap_or(0);
        (top >= runner_up + 2 && top * 5 >= self.words * 3).then_some(best)
    }

    /// Whether every word with a byte above 0x7F is already a syllable as
    /// the text stands.
    pub fn reads_as_it_is(&self) -> bool {
        self.words > 0 && self.syllables[0] == self.words
    }

    /// The likeliest reading of text that is not plainly in one: the one
    /// with most syllables, ties going to the reading the font names
    /// (`named`), then to the `document`'s, then to the text as it is.
    pub fn likely_reading(&self, named: Option<usize>, document: Option<usize>) -> usize {
        let mut bonus = [0.0; 5];
        bonus[0] = AS_IS_BONUS;
        if let Some(named) = named {
            bonus[named] += FONT_BONUS;
        }
        if let Some(document) = document {
            bonus[document] += DOCUMENT_BONUS;
        }
        let mut evidence = *self;
        for i in 1..READINGS.len() {
            if named == Some(i) {
                continue;
            }
            // VISCII and VPS share most codes with TCVN3 and were seldom
            // used in documents: without their font's name, only clear text
            // is read in them.
            if matches!(
                READINGS[i],
                Some(LegacyEncoding::Viscii | LegacyEncoding::Vps)
            ) {
                evidence.syllables[i] = 0;
            }
            // A reading that puts tones on more words than it makes
            // syllables of is wrong whatever the document is in ("Michốle").
            if evidence.misspelt[i] > evidence.syllables[i] {
                bonus[i] = f32::MIN;
            }
        }
        let best = evidence.ranked(&bonus);
        // With nothing but its own words for it, a legacy reading must make
        // syllables of most of them: "cœur, où, à côté" is French.
        let supported = bonus[best] > 0.0;
        let most = evidence.syllables[best] * 2 > evidence.words;
        if supported || most { best } else { 0 }
    }

    /// The reading with most syllables once each reading's `bonus` is
    /// added; the first of equals.
    pub fn ranked(&self, bonus: &[f32; 5]) -> usize {
        let mut best = 0;
        let mut best_score = f32::MIN;
        for (i, bonus) in bonus.iter().enumerate() {
            let score = self.syllables[i] as f32 + bonus;
            if score > best_score {
                (best, best_score) = (i, score);
            }
        }
        best
    }
}

/// Chars that can be part of a word in legacy text: ASCII letters and every
/// byte above 0xA0 (TCVN3 puts letters at `¸ · ¬ © ®`); the windows-1252
/// chars of 0x80–0x9F, where VISCII and VPS put letters, but for the quotes,
/// dashes, bullet and ellipsis that surround words in every encoding.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{A1}'..='\u{FF}').contains(&c)
        || (!c.is_ascii() && !"‘’“”–—…•".contains(c) && legacy_byte(c).is_some())
}

/// Whether `text` is plainly Unicode: it has Vietnamese letters no legacy
/// byte stands for (ơ ư đ ạ, combining tone marks) or Chinese, Japanese or
/// Korean characters.
pub(super) fn is_plainly_unicode(text: &str) -> bool {
    // Below U+0102 every char is a possible legacy byte.
    text.chars().any(|c| {
        c >= '\u{102}'
            && (super::is_unicode_vietnamese(c)
                || matches!(c, '\u{300}'..='\u{36F}' | '\u{3040}'..='\u{30FF}'
                    | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
                    | '\u{20000}'..='\u{3FFFF}'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clear(text: &str) -> Option<Option<LegacyEncoding>> {
        Evidence::of(text).clear_reading().map(|i| READINGS[i])
    }

    #[test]
    fn each_encoding_is_told_apart() {
        assert_eq!(
            clear("Céng hßa x· héi chñ nghÜa ViÖt Nam"),
            Some(Some(LegacyEncoding::Tcvn3))
        );
        assert_eq!(
            clear("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            Some(Some(LegacyEncoding::Vni))
        );
        assert_eq!(
            clear("Kế hoạch hóa gia đình của các bà mẹ"),
            None,
            "Unicode is found before scoring"
        );
        assert_eq!(clear("Các bà mẹ về quê"), None);
        assert_eq!(clear("Michèle Debonneuil, Études, Müller"), None);
    }

    #[test]
    fn loanwords_in_legacy_text_are_not_misspellings() {
        let evidence = Evidence::of("xim\u{a8}ng po\u{e3}cl\u{a8}ng");
        assert_eq!(evidence.misspelt, [0; 5]);
        let french = Evidence::of("Mich\u{e8}le");
        assert_eq!(french.misspelt[1], 1);
    }

    #[test]
    fn unicode_is_plain() {
        assert!(is_plainly_unicode("Kế hoạch"));
        assert!(is_plainly_unicode("计划生育"));
        assert!(is_plainly_unicode("ke\u{302}\u{301}"));
        assert!(!is_plainly_unicode("Céng hßa"));
        assert!(!is_plainly_unicode("Études"));
    }
}
