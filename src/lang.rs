//! Language detection per block and per document, by script, by the
//! letters only Vietnamese uses, and by the function words of English and
//! of the other languages written in Latin letters. No model.
//!
//! A block decides for itself when its evidence is clear: `zh` when Han
//! characters outweigh Latin words, `vi` when enough of its words carry
//! letters only Vietnamese has (ă ơ ư đ, ạ ả ế…), `en` with English function
//! words or as longer Latin text without them, `und` for no words at all
//! (numbers, codes, units, addresses) or for another language's function
//! words (a Dutch invoice line). A block whose words prove nothing (an
//! abbreviation such as "STT", "UBND" or "ICS", a few unmarked words such as
//! "In hoa", accents French shares with Vietnamese) takes the language of
//! its document: the dominant language of the blocks that do decide.

use crate::model::Lang;
use crate::script::is_han;

/// What a text's words say about its language.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Han ideographs (and kana): each weighs about one word.
    pub han: usize,
    /// Words written in Latin letters (not codes such as "5a" or "SF1", not
    /// units after a number, not addresses).
    pub latin_words: usize,
    /// Latin words with a letter only Vietnamese uses.
    pub vietnamese_words: usize,
    /// Latin words with an accent Vietnamese shares with other languages
    /// (à é ô…) and no letter only Vietnamese uses.
    pub accented_words: usize,
    /// English function words ("the", "of", "and"…).
    pub english_words: usize,
    /// Function words of other Latin-script languages ("het", "les", "und"…).
    pub foreign_words: usize,
    /// Latin words that are abbreviations ("UBND", "STT", "ICS": capitals
    /// only, at most six) or a single letter: they prove no language.
    pub abbreviations: usize,
    /// Of those, single letters ("a", "I"): list labels when alone.
    pub single_letters: usize,
}

/// Function words frequent in English text and absent from the other
/// languages' lists (so not "in", "is", "an", "over").
const ENGLISH: [&str; 76] = [
    "the",
    "of",
    "and",
    "to",
    "for",
    "with",
    "by",
    "from",
    "on",
    "at",
    "this",
    "that",
    "are",
    "be",
    "was",
    "were",
    "will",
    "not",
    "or",
    "as",
    "it",
    "its",
    "which",
    "into",
    "than",
    "then",
    "there",
    "their",
    "these",
    "those",
    "has",
    "have",
    "been",
    "can",
    "may",
    "should",
    "shall",
    "must",
    "our",
    "your",
    "if",
    "when",
    "what",
    "where",
    "who",
    "how",
    "all",
    "each",
    // Month and weekday names, which dates spell out.
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Function words of French, Dutch, German, Spanish and Portuguese that
/// are neither English nor Vietnamese syllables ("do", "con", "da" are).
const FOREIGN: [&str; 52] = [
    "de", "het", "een", "van", "voor", "naar", "niet", "bij", "zijn", "wordt", "wij", "uw", "te",
    "la", "le", "les", "des", "du", "et", "est", "pour", "dans", "une", "sur", "par", "avec",
    "aux", "der", "und", "die", "das", "ist", "mit", "für", "nicht", "el", "los", "las", "del",
    "que", "por", "para", "não", "os", "met", "zonder", "en", "op", "aan", "ook", "om", "dat",
];

/// Units written after a number ("20 mm", "5:44 AM"): not words.
const UNITS: [&str; 16] = [
    "mm", "cm", "km", "m", "kg", "g", "mg", "ml", "l", "kw", "w", "v", "hz", "nm", "am", "pm",
];

impl Evidence {
    /// Counts the evidence in `text`.
    pub fn of(text: &str) -> Self {
        let mut evidence = Evidence::default();
        let mut after_number = false;
        for token in text.split_whitespace() {
            evidence.han += token.chars().filter(|&c| is_han(c)).count();
            if !is_address(token) {
                evidence.count_words(token, after_number);
            }
            after_number = token.ends_with(|c: char| c.is_ascii_digit());
        }
        evidence
    }

    /// Counts the Latin words of one whitespace-separated token: runs of
    /// Latin letters, except those touching a digit (codes) and units after
    /// a number.
    fn count_words(&mut self, token: &str, after_number: bool) {
        let chars: Vec<char> = token.chars().collect();
        let mut start = 0;
        while start < chars.len() {
            if !is_latin_letter(chars[start]) {
                start += 1;
                continue;
            }
            let end = chars[start..]
                .iter()
                .position(|&c| !is_latin_letter(c))
                .map_or(chars.len(), |n| start + n);
            let touches_digit = (start > 0 && chars[start - 1].is_ascii_digit())
                || chars.get(end).is_some_and(|c| c.is_ascii_digit());
            let word: String = chars[start..end]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect();
            let is_unit = (after_number || start > 0) && UNITS.contains(&word.as_str());
            if !touches_digit && !is_unit {
                self.add_word(&word, &chars[start..end]);
            }
            start = end;
        }
    }

    fn add_word(&mut self, word: &str, original: &[char]) {
        self.latin_words += 1;
        if original.len() == 1 {
            self.single_letters += 1;
            self.abbreviations += 1;
        } else if original.len() <= 6 && original.iter().all(|c| c.is_uppercase()) {
            self.abbreviations += 1;
        }
        if word.chars().any(is_vietnamese_only) {
            self.vietnamese_words += 1;
        } else if word.chars().any(is_foreign_letter) {
            // ł, ß, ç, ñ…: a letter neither English nor Vietnamese has.
            self.foreign_words += 1;
            return;
        } else if !word.is_ascii() {
            self.accented_words += 1;
        }
        self.english_words += usize::from(ENGLISH.contains(&word));
        self.foreign_words += usize::from(FOREIGN.contains(&word));
    }

    /// What this evidence alone shows (see the module documentation).
    pub fn verdict(&self) -> Verdict {
        let latin = self.latin_words;
        if self.han == 0 && latin == self.single_letters {
            Verdict::Decided(Lang::Und)
        } else if self.han >= latin {
            Verdict::Decided(Lang::Zh)
        } else if self.vietnamese_words > 0
            && (self.vietnamese_words + self.accented_words) * 5 >= latin
        {
            // Even in Vietnamese, most words of a sentence carry a mark; one
            // in five is a conservative floor other languages never reach.
            Verdict::Decided(Lang::Vi)
        } else if self.foreign_words > self.english_words {
            Verdict::Foreign
        } else if self.english_words > 0 && self.accented_words * 5 < latin {
            Verdict::Decided(Lang::En)
        } else if latin - self.abbreviations >= 4 && self.accented_words == 0 {
            Verdict::LatinProse
        } else {
            Verdict::Weak
        }
    }

    /// The language of a block with this evidence in a document whose
    /// blocks say `context`.
    pub fn lang_in(&self, context: Context) -> Lang {
        match (self.verdict(), context) {
            (Verdict::Decided(lang), _) => lang,
            (Verdict::Foreign, _) | (Verdict::LatinProse | Verdict::Weak, Context::Foreign) => {
                Lang::Und
            }
            (Verdict::LatinProse, _) => Lang::En,
            (Verdict::Weak, Context::Lang(lang)) => lang,
            (Verdict::Weak, Context::Unknown) => self.best_guess(),
        }
    }

    /// The language of this evidence taken alone, as if it were a whole
    /// document.
    pub fn lang(&self) -> Lang {
        self.lang_in(Context::Unknown)
    }

    /// For weak evidence with nothing around it: Vietnamese when accents
    /// are frequent enough, else English.
    fn best_guess(&self) -> Lang {
        if (self.vietnamese_words + self.accented_words) * 5 >= self.latin_words {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// What a block's own evidence shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A language, or `und` for no words at all.
    Decided(Lang),
    /// Function words of a Latin-script language other than English.
    Foreign,
    /// Several Latin words and no function word: English, unless the
    /// document is in another Latin-script language.
    LatinProse,
    /// Nothing conclusive: the document decides.
    Weak,
}

/// What a document's blocks say, for the blocks that cannot decide alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The language with the most words among the blocks that decide.
    Lang(Lang),
    /// Written in a Latin-script language we do not identify.
    Foreign,
    /// No block decides.
    Unknown,
}

impl Context {
    /// The document's language for its record: `und` for a foreign or
    /// undecided document.
    pub fn lang(self) -> Lang {
        match self {
            Context::Lang(lang) => lang,
            Context::Foreign | Context::Unknown => Lang::Und,
        }
    }
}

/// The dominant language of `text` taken alone (a paragraph on the command
/// line, a sentence).
pub fn detect(text: &str) -> Lang {
    Evidence::of(text).lang()
}

/// What a document's blocks say: among the blocks that decide for
/// themselves, the language (or foreign language) with the most words, Han
/// characters and Latin words counted alike.
pub fn document_context<'a>(blocks: impl IntoIterator<Item = &'a Evidence>) -> Context {
    // vi, zh, en, foreign
    let mut weights = [0usize; 4];
    for evidence in blocks {
        let slot = match evidence.verdict() {
            Verdict::Decided(Lang::Vi) => 0,
            Verdict::Decided(Lang::Zh) => 1,
            Verdict::Decided(Lang::En) => 2,
            Verdict::Foreign => 3,
            _ => continue,
        };
        weights[slot] += evidence.han + evidence.latin_words;
    }
    let (slot, &weight) = weights
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|(_, weight)| **weight)
        .expect("four slots");
    match (weight, slot) {
        (0, _) => Context::Unknown,
        (_, 0) => Context::Lang(Lang::Vi),
        (_, 1) => Context::Lang(Lang::Zh),
        (_, 2) => Context::Lang(Lang::En),
        _ => Context::Foreign,
    }
}

/// A URL, e-mail address or file path: letters in it are no words.
fn is_address(token: &str) -> bool {
    token.contains("://") || token.contains('@') || token.starts_with("www.")
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c.is_ascii() || is_latin_extended(c))
}

fn is_latin_extended(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// A Latin letter with a mark Vietnamese never uses (lower case).
fn is_foreign_letter(c: char) -> bool {
    !c.is_ascii()
        && !is_vietnamese_only(c)
        && !matches!(
            c,
            'à' | 'á'
                | 'â'
                | 'ã'
                | 'è'
                | 'é'
                | 'ê'
                | 'ì'
                | 'í'
                | 'ò'
                | 'ó'
                | 'ô'
                | 'õ'
                | 'ù'
                | 'ú'
                | 'ý'
        )
}

/// Letters only Vietnamese uses: ă ơ ư đ, ĩ ũ, and the vowels of U+1EA0–
/// U+1EF9 (ạ ả ấ…). à é ô and the like are shared with French, Portuguese.
fn is_vietnamese_only(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | '\u{1EA0}'
            ..='\u{1EF9}'
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

    #[test]
    fn codes_units_and_addresses_are_no_words() {
        for text in [
            "5a",
            "7a, 7b, 7c",
            "SF12",
            "20 - 25 mm",
            "11/23/26, 5:44 AM",
            "XV80",
            "file:///work/plan.html",
            "a",
            "I.",
        ] {
            assert_eq!(detect(text), Lang::Und, "{text}");
        }
    }

    #[test]
    fn weak_blocks_take_the_document_language() {
        let weak = ["STT", "In hoa", "ICS 27.120.99", "Calibration Error"];
        for text in weak {
            let evidence = Evidence::of(text);
            assert_eq!(evidence.verdict(), Verdict::Weak, "{text}");
            assert_eq!(evidence.lang_in(Context::Lang(Lang::Vi)), Lang::Vi);
            assert_eq!(evidence.lang_in(Context::Lang(Lang::Zh)), Lang::Zh);
        }
        let blocks: Vec<Evidence> = ["Kế hoạch hóa gia đình", "Sức khỏe sinh sản", "STT"]
            .iter()
            .map(|t| Evidence::of(t))
            .collect();
        assert_eq!(document_context(&blocks), Context::Lang(Lang::Vi));
    }

    #[test]
    fn other_latin_languages_are_undetermined() {
        for text in [
            "Onbetaalde goederen blijven eigendom van Lenze",
            "Schéma d'aménagement et de développement",
            "Imię i nazwisko osoby uprawnionej",
        ] {
            assert_eq!(detect(text), Lang::Und, "{text}");
        }
        let invoice: Vec<Evidence> = ["Besteld door Marc van Pul", "Factuur", "Waarde in EUR"]
            .iter()
            .map(|t| Evidence::of(t))
            .collect();
        assert_eq!(document_context(&invoice), Context::Foreign);
        assert_eq!(invoice[1].lang_in(Context::Foreign), Lang::Und);
        // Accents French shares with Vietnamese do not make a block Vietnamese.
        assert_eq!(Evidence::of("Lac Prévost").verdict(), Verdict::Weak);
    }
}
