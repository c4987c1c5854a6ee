//! Character classes by script, shared by every stage that needs to know
//! whether text is written with or without spaces between words.

/// Whether `c` is written without spaces around it in Chinese or Japanese
/// text: ideographs, radicals, kana, bopomofo, CJK punctuation and
/// full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF       // radicals
        | 0x3000..=0x303F     // CJK symbols and punctuation
        | 0x3040..=0x31FF     // kana, bopomofo, strokes
        | 0xFE30..=0xFE4F     // compatibility forms
        | 0xFF00..=0xFF60     // full-width forms
        | 0xFFE0..=0xFFE6)
        || is_han(c)
}

/// Whether `c` is a Han ideograph (unified, extensions, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(u32::from(c),
        0x3400..=0x4DBF       // extension A
        | 0x4E00..=0x9FFF     // unified ideographs
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0x20000..=0x3FFFF) // extensions B and later
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['中', '，', '（', 'の', '𠀀', '⺁', 'Ａ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'ế', ' ', '1'] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_han('计') && is_han('𠀀') && !is_han('，') && !is_han('の'));
    }
}
