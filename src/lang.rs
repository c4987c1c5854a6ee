//! Language detection per block and per document, by script and by the
//! letters only Vietnamese uses. No model, no allocation per character.
//!
//! A block is `zh` when Han characters outweigh Latin words, `vi` when enough
//! of its Latin words carry Vietnamese letters or tone marks, `en` for other
//! Latin text, and `und` when it has no letters at all.

use crate::model::Lang;
use crate::script::is_han;

/// Letter counts of a text, from which its language is decided.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Han ideographs (and kana): each weighs about one word.
    pub han: usize,
    /// Words written in Latin letters.
    pub latin_words: usize,
    /// Latin words containing a letter or mark only Vietnamese uses.
    pub vietnamese_words: usize,
}

impl Evidence {
    /// Counts the evidence in `text`.
    pub fn of(text: &str) -> Self {
        let mut evidence = Evidence::default();
        let mut in_word = false;
        let mut word_is_vietnamese = false;
        for c in text.chars() {
            if is_han(c) {
                evidence.han += 1;
            }
            if c.is_alphabetic() && !is_han(c) && (c.is_ascii() || is_latin_extended(c)) {
                if !in_word {
                    in_word = true;
                    word_is_vietnamese = false;
                    evidence.latin_words += 1;
                }
                if !word_is_vietnamese && is_vietnamese_letter(c) {
                    word_is_vietnamese = true;
                    evidence.vietnamese_words += 1;
                }
            } else {
                in_word = false;
            }
        }
        evidence
    }

    /// Adds another text's evidence (for a whole document).
    pub fn add(&mut self, other: Evidence) {
        self.han += other.han;
        self.latin_words += other.latin_words;
        self.vietnamese_words += other.vietnamese_words;
    }

    /// The dominant language the evidence points to.
    pub fn lang(&self) -> Lang {
        if self.han == 0 && self.latin_words == 0 {
            Lang::Und
        } else if self.han >= self.latin_words {
            Lang::Zh
        } else if self.vietnamese_words * 5 >= self.latin_words {
            // Even in Vietnamese, most words of a sentence carry a mark; one in
            // five is a conservative floor that English text never reaches.
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// The dominant language of `text`.
pub fn detect(text: &str) -> Lang {
    Evidence::of(text).lang()
}

fn is_latin_extended(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// ă â đ ê ô ơ ư and every vowel with a Vietnamese tone mark (NFC text).
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă'
            | 'â'
            | 'Â'
            | 'đ'
            | 'Đ'
            | 'ê'
            | 'Ê'
            | 'ô'
            | 'Ô'
            | 'ơ'
            | 'Ơ'
            | 'ư'
            | 'Ư'
            | 'à'
            | 'á'
            | 'ã'
            | 'è'
            | 'é'
            | 'ì'
            | 'í'
            | 'ĩ'
            | 'ò'
            | 'ó'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ũ'
            | 'ý'
            | 'À'
            | 'Á'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ì'
            | 'Í'
            | 'Ĩ'
            | 'Ò'
            | 'Ó'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ũ'
            | 'Ý'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_letters_decide() {
        assert_eq!(detect("Kế hoạch hóa gia đình"), Lang::Vi);
        assert_eq!(detect("KẾ HOẠCH TRUYỀN THÔNG DÂN SỐ NĂM 2025"), Lang::Vi);
        assert_eq!(detect("为深入贯彻落实计划生育基本国策"), Lang::Zh);
        assert_eq!(detect("Expanded programme on immunization"), Lang::En);
        assert_eq!(detect("144/2024 - 3.5%"), Lang::Und);
    }

    #[test]
    fn mixed_blocks_get_the_dominant_language() {
        assert_eq!(
            detect("计划生育 (Kế hoạch hóa gia đình) 是基本国策，各级政府要认真落实"),
            Lang::Zh
        );
        assert_eq!(
            detect("Tiêm vắc xin HPV cho trẻ em gái theo Chương trình tiêm chủng mở rộng"),
            Lang::Vi
        );
        assert_eq!(
            detect("The Ministry of Health (Bộ Y tế) issued the national plan today"),
            Lang::En
        );
    }
}
