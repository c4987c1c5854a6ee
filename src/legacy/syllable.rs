//! Whether a word is a well-formed Vietnamese syllable: an onset, a rime
//! (an optional glide, a vowel nucleus, an optional coda) and one tone, with
//! the spelling rules of the quốc ngữ (`k` before e ê i y, `gh`/`ngh` before
//! e ê i, `iê` written `ia`/`yê`/`ya`, stop codas only with the sắc or nặng
//! tone).
//!
//! Legacy decoders are told apart by how many of the words a decoding gives
//! are syllables: the right one spells nearly all of them, a wrong one
//! almost none ("Céng" is no syllable, "Cộng" is).

use std::sync::LazyLock;

/// The tones, in the order their combining marks are listed in [`TONE_MARKS`];
/// 0 is the level tone (no mark).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Tone index of sắc and nặng, the only tones a syllable ending in a stop
/// (c, ch, p, t) can carry.
const SAC: u8 = 2;
const NANG: u8 = 5;

/// Letters with a vowel modifier, by the modifier's combining mark.
const MODIFIED: [(char, char, char); 6] = [
    ('a', '\u{302}', 'â'),
    ('a', '\u{306}', 'ă'),
    ('e', '\u{302}', 'ê'),
    ('o', '\u{302}', 'ô'),
    ('o', '\u{31B}', 'ơ'),
    ('u', '\u{31B}', 'ư'),
];

/// Every precomposed Vietnamese letter, lower- and upper-case, as its
/// lower-case letter without tone and its tone index; indexed by code point
/// in the two blocks they lie in (Latin-1 to Latin Extended-B, and Latin
/// Extended Additional). `'\0'` where no letter is.
static LETTERS: LazyLock<[Vec<(char, u8)>; 2]> = LazyLock::new(|| {
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut letters = [
        vec![('\0', 0); LETTER_BLOCKS[0].1 as usize - LETTER_BLOCKS[0].0 as usize + 1],
        vec![('\0', 0); LETTER_BLOCKS[1].1 as usize - LETTER_BLOCKS[1].0 as usize + 1],
    ];
    let mut insert = |c: char, entry: (char, u8)| {
        if let Some(slot) = letter_slot(c).and_then(|(block, i)| letters[block].get_mut(i)) {
            *slot = entry;
        }
    };
    for base in "aăâeêioôơuưy".chars() {
        for (tone, mark) in TONE_MARKS.iter().enumerate() {
            let tone = u8::try_from(tone + 1).unwrap_or(0);
            let composed = nfc.normalize(&format!("{base}{mark}")).into_owned();
            for c in [composed.clone(), composed.to_uppercase()] {
                if let (Some(c), 1) = (c.chars().next(), c.chars().count()) {
                    insert(c, (base, tone));
                }
            }
        }
        for c in std::iter::once(base).chain(base.to_uppercase()) {
            insert(c, (base, 0));
        }
    }
    insert('đ', ('đ', 0));
    insert('Đ', ('đ', 0));
    letters
});

/// The blocks of code points [`LETTERS`] covers.
const LETTER_BLOCKS: [(u32, u32); 2] = [(0xC0, 0x1B0), (0x1EA0, 0x1EF9)];

/// Where `c` sits in [`LETTERS`].
fn letter_slot(c: char) -> Option<(usize, usize)> {
    let code = u32::from(c);
    LETTER_BLOCKS
        .iter()
        .position(|(first, last)| (*first..=*last).contains(&code))
        .map(|block| (block, (code - LETTER_BLOCKS[block].0) as usize))
}

/// The lower-case letter without tone, and the tone, of a Vietnamese letter
/// beyond ASCII.
fn vietnamese_letter(c: char) -> Option<(char, u8)> {
    let (block, i) = letter_slot(c)?;
    LETTERS[block]
        .get(i)
        .copied()
        .filter(|(base, _)| *base != '\0')
}

/// Longest syllable, in letters ("nghiêng").
const MAX_LETTERS: usize = 7;

/// How a word is spelt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// One Vietnamese syllable.
    Syllable,
    /// Not a syllable, yet with a tone mark: a decoding that puts tones on
    /// French or German words ("Michốle") is a wrong one.
    Misspelt,
    /// Anything else: an abbreviation (QĐ), a foreign word without tone.
    Other,
}

/// Whether `word` (any case; precomposed or with combining marks) is one
/// Vietnamese syllable. Words with digits or other scripts are not.
pub fn is_syllable(word: impl IntoIterator<Item = char>) -> bool {
    spelling(word) == Spelling::Syllable
}

/// How `word` (any case; precomposed or with combining marks) is spelt.
pub fn spelling(word: impl IntoIterator<Item = char>) -> Spelling {
    let mut letters = ['\0'; MAX_LETTERS];
    let mut len = 0usize;
    let mut tone = 0u8;
    let mut toned = false;
    let mut broken = false;
    for c in word {
        let (letter, letter_tone) = if c.is_ascii_alphabetic() {
            (Some(c.to_ascii_lowercase()), 0)
        } else if let Some((base, t)) = vietnamese_letter(c) {
            (Some(base), t)
        } else if let Some(i) = TONE_MARKS.iter().position(|&m| m == c) {
            (None, u8::try_from(i + 1).unwrap_or(0))
        } else if MODIFIED.iter().any(|m| m.1 == c) {
            // A modifier mark turns the letter before it into another letter.
            match len.checked_sub(1).and_then(|last| {
                let modified = modified_letter(*letters.get(last)?, c)?;
                letters[last] = modified;
                Some(())
            }) {
                Some(()) => {}
                None => broken = true,
            }
            continue;
        } else {
            broken = true;
            continue;
        };
        if letter_tone != 0 {
            broken |= toned;
            toned = true;
            tone = letter_tone;
        }
        if let Some(letter) = letter {
            match letters.get_mut(len) {
                Some(slot) => *slot = letter,
                None => broken = true,
            }
            len += 1;
        }
    }
    if !broken && len > 0 && len <= MAX_LETTERS && well_formed(&letters[..len], tone) {
        Spelling::Syllable
    } else if toned {
        Spelling::Misspelt
    } else {
        Spelling::Other
    }
}

/// The letter `base` becomes with the modifier `mark`.
fn modified_letter(base: char, mark: char) -> Option<char> {
    MODIFIED
        .iter()
        .find(|m| m.0 == base && m.1 == mark)
        .map(|m| m.2)
}

/// Onsets, longest first so that `ngh` is tried before `ng` and `n`.
const ONSETS: [&[char]; 27] = [
    &['n', 'g', 'h'],
    &['c', 'h'],
    &['g', 'h'],
    &['g', 'i'],
    &['k', 'h'],
    &['n', 'g'],
    &['n', 'h'],
    &['p', 'h'],
    &['q', 'u'],
    &['t', 'h'],
    &['t', 'r'],
    &['b'],
    &['c'],
    &['d'],
    &['đ'],
    &['g'],
    &['h'],
    &['k'],
    &['l'],
    &['m'],
    &['n'],
    &['p'],
    &['r'],
    &['s'],
    &['t'],
    &['v'],
    &['x'],
];

/// Rimes (without tone) a syllable may end in after any onset.
const RIMES: &str = "a ac ach ai am an ang anh ao ap at au ay \
    ă ăc ăm ăn ăng ăp ăt â âc âm ân âng âp ât âu ây \
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu \
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu \
    o oc oi om on ong op ot ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt \
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt \
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu y \
    oa oac oach oai oam oan oang oanh oao oap oat oay oă oăc oăm oăn oăng oăt \
    oe oen oeo oet uân uâng uât uây uê uêch uênh uơ uy uych uynh uyt uyu uya \
    uyên uyêt";

/// Rimes only found without an onset: `iê` spelled `yê`.
const ONSETLESS_RIMES: &str = "yêm yên yêng yêt yêu";

/// Rimes only found after `q`, whose `u` is their glide: `oe` spelled `ue`.
const QU_RIMES: &str = "ue uen uet ueo";

/// A rime as a number, six bits a letter, for quick look-ups; `None` for a
/// letter no rime has.
fn rime_key(rime: impl IntoIterator<Item = char>) -> Option<u64> {
    rime.into_iter().try_fold(0u64, |key, c| {
        let code = match c {
            'a'..='z' => u64::from(c) - u64::from('a') + 1,
            'ă' => 27,
            'â' => 28,
            'ê' => 29,
            'ô' => 30,
            'ơ' => 31,
            'ư' => 32,
            _ => return None,
        };
        Some((key << 6) | code)
    })
}

/// The keys of the rimes of a list, sorted.
fn rime_keys(list: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = list
        .split_whitespace()
        .filter_map(|r| rime_key(r.chars()))
        .collect();
    keys.sort_unstable();
    keys
}

static ANY_RIMES: LazyLock<Vec<u64>> = LazyLock::new(|| rime_keys(RIMES));
static ONSETLESS_KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| rime_keys(ONSETLESS_RIMES));
static QU_KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| rime_keys(QU_RIMES));

/// Onset, rime and tone agree with the spelling rules.
fn well_formed(letters: &[char], tone: u8) -> bool {
    let onset_len = onset_length(letters);
    let (onset, rime) = letters.split_at(onset_len);
    let Some(&first) = rime.first() else {
        return false;
    };
    let known =
        |key: Option<u64>, list: &[u64]| key.is_some_and(|k| list.binary_search(&k).is_ok());
    let key = rime_key(rime.iter().copied());
    let fits = if onset == ['q', 'u'] {
        // The `u` of `qu` is the glide of the rime, spelled `o` elsewhere:
        // quyết = q + uyêt, quản = q + oan, quen = q + uen.
        if matches!(first, 'u' | 'o') && rime != ['ơ'] {
            return false;
        }
        let with = |glide: char| rime_key(std::iter::once(glide).chain(rime.iter().copied()));
        known(with('u'), &ANY_RIMES) || known(with('o'), &ANY_RIMES) || known(with('u'), &QU_KEYS)
    } else if onset == ['g', 'i'] && first == 'ê' {
        // The `i` of `gi` is also the first vowel of `iê`: giếng.
        known(
            rime_key(std::iter::once('i').chain(rime.iter().copied())),
            &ANY_RIMES,
        )
    } else if onset.is_empty() {
        known(key, &ANY_RIMES) || known(key, &ONSETLESS_KEYS)
    } else {
        known(key, &ANY_RIMES)
    };
    fits && spelled_right(onset, first) && tone_fits(rime, tone)
}

/// How many leading letters are the onset. `gi` before a vowel is an onset
/// (`gia`, `giữ`), before a consonant or at the end the `i` is the vowel
/// (`gì`, `gìn`); `qu` takes the `u` as its glide.
fn onset_length(letters: &[char]) -> usize {
    for onset in ONSETS {
        if !letters.starts_with(onset) {
            continue;
        }
        if onset == ['g', 'i'] {
            let vowel_follows = letters.get(2).is_some_and(|c| is_vowel(*c));
            return if vowel_follows { 2 } else { 1 };
        }
        return onset.len();
    }
    0
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// The consonant spelling rules: `k`, `gh`, `ngh` before e ê i (and `k`
/// before y), `c`, `g`, `ng` elsewhere; `g` before `i` is `gi` whose `i` is
/// also the vowel (`gì`, `gìn`). `first` is the rime's first letter.
fn spelled_right(onset: &[char], first: char) -> bool {
    let front = matches!(first, 'e' | 'ê' | 'i');
    match onset {
        ['k'] => front || first == 'y',
        ['c'] => !front && first != 'y',
        ['g'] => !matches!(first, 'e' | 'ê'),
        ['n', 'g'] => !front,
        ['g', 'h'] | ['n', 'g', 'h'] => front,
        _ => true,
    }
}

/// Syllables closed by a stop (c, ch, p, t) take only the sắc or nặng tone.
fn tone_fits(rime: &[char], tone: u8) -> bool {
    let stop = matches!(rime.last(), Some('c' | 'p' | 't')) || rime.ends_with(&['c', 'h']);
    !stop || tone == SAC || tone == NANG
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_pass() {
        for word in [
            "nghiêng",
            "người",
            "được",
            "Quyết",
            "định",
            "gì",
            "già",
            "giữ",
            "khuya",
            "yêu",
            "uyên",
            "quả",
            "thuở",
            "của",
            "ĐỊNH",
            "hoạch",
            "Việt",
            "y",
            "ý",
            "kỹ",
            "gh\u{e9}",
            "tru\u{31b}o\u{31b}\u{300}ng",
            "a",
            "ở",
            "nước",
            "xã",
            "hội",
            "khỏe",
            "khoẻ",
            "quyền",
            "giếng",
            "tuần",
            "thuyết",
            "quen",
            "quýt",
            "quản",
            "quạt",
            "quốc",
            "gìn",
            "ên",
        ] {
            assert!(is_syllable(word.chars()), "{word}");
        }
    }

    #[test]
    fn mojibake_and_foreign_words_fail() {
        for word in [
            "céng",
            "quyõt",
            "®þnh",
            "coäng",
            "hoøa",
            "ẫtudes",
            "mỹller",
            "michèle",
            "kam",
            "ca\u{300}\u{301}",
            "cet",
            "cát\u{303}",
            "ghà",
            "ngha",
            "ki\u{323}ng2",
            "tươngg",
            "müller",
            "études",
            "qua\u{31b}",
            "quu",
            "yêu\u{300}\u{301}",
            "nghiêngg",
            "qủ",
            "qu",
            "kyên",
        ] {
            assert!(!is_syllable(word.chars()), "{word}");
        }
    }

    #[test]
    fn toned_non_syllables_are_misspelt() {
        assert_eq!(spelling("Michốle".chars()), Spelling::Misspelt);
        assert_eq!(spelling("ẫtudes".chars()), Spelling::Misspelt);
        assert_eq!(spelling("QĐ".chars()), Spelling::Other);
        assert_eq!(spelling("Q§".chars()), Spelling::Other);
        assert_eq!(spelling("Quyết".chars()), Spelling::Syllable);
    }

    #[test]
    fn stops_take_only_sac_or_nang() {
        assert!(is_syllable("tất".chars()));
        assert!(is_syllable("tật".chars()));
        assert!(!is_syllable("tầt".chars()));
        assert!(!is_syllable("tẫt".chars()));
    }
}
