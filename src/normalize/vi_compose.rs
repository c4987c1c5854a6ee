//! NFC composition for the decomposed Vietnamese that windows-1258 files,
//! macOS and some input methods produce (a base vowel followed by combining
//! tone and shape marks), without the general normalizer: one mark at a
//! time onto the char before it. Each step gives exactly what NFC gives, or
//! `None` when NFC would do something else, and the caller then falls back
//! to the full normalizer.
//!
//! NFC reorders marks by combining class before composing: the horn (216)
//! and dot below (220) come before the others (230), which keep their
//! order. So horn and dot below combine wherever they stand, but a shape
//! mark (circumflex, breve) after a class-230 tone mark does not: á + ◌̂
//! stays two chars in NFC. Those rare cases fall back.

use super::is_plain;

/// Each Vietnamese vowel with its six tones (none, grave, acute, hook above,
/// tilde, dot below); lower case rows, then the same rows in upper case.
#[rustfmt::skip]
const VOWELS: [[char; 6]; 24] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
    ['A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'],
];
pub(super) const ROWS_PER_CASE: usize = 12;
/// Row of the plain vowels a, e, o, u, y within a case.
pub(super) const A: usize = 0;
pub(super) const E: usize = 3;
pub(super) const O: usize = 6;
pub(super) const U: usize = 9;
pub(super) const Y: usize = 11;

/// `row * 6 + tone` of each vowel of [`VOWELS`] from U+0041 to U+01B0 (the
/// ASCII and Latin-1/Extended-A ones) and from U+1EA0 to U+1EF9 (the rest);
/// [`NOT_A_VOWEL`] elsewhere.
const LATIN_PARTS: [u8; 0x1B1 - 0x41] = parts_table(0x41);
const EXTENDED_PARTS: [u8; 0x1EFA - 0x1EA0] = parts_table(0x1EA0);
const NOT_A_VOWEL: u8 = u8::MAX;

const fn parts_table<const N: usize>(first: u32) -> [u8; N] {
    let mut table = [NOT_A_VOWEL; N];
    let mut row = 0;
    while row < VOWELS.len() {
        let mut tone = 0;
        while tone < 6 {
            let code = VOWELS[row][tone] as u32;
            if code >= first && code < first + N as u32 {
                table[(code - first) as usize] = (row * 6 + tone) as u8;
            }
            tone += 1;
        }
        row += 1;
    }
    table
}

/// The (row, tone) of a Vietnamese vowel.
pub(super) fn parts(c: char) -> Option<(usize, usize)> {
    let code = c as usize;
    let packed = match code {
        0x41..=0x1B0 => LATIN_PARTS[code - 0x41],
        0x1EA0..=0x1EF9 => EXTENDED_PARTS[code - 0x1EA0],
        _ => NOT_A_VOWEL,
    };
    (packed != NOT_A_VOWEL).then_some((usize::from(packed / 6), usize::from(packed % 6)))
}

/// The vowel of `row` with `tone`.
pub(super) fn vowel(row: usize, tone: usize) -> char {
    VOWELS[row][tone]
}

/// The row a shape mark turns `row` into, if that letter exists.
fn reshape(row: usize, mark: char) -> Option<usize> {
    let (case, plain) = (row / ROWS_PER_CASE * ROWS_PER_CASE, row % ROWS_PER_CASE);
    let shaped = match (plain, mark) {
        (A, '\u{302}') => plain + 2,
        (A, '\u{306}') | (E | O, '\u{302}') => plain + 1,
        (O, '\u{31B}') => plain + 2,
        (U, '\u{31B}') => plain + 1,
        _ => return None,
    };
    Some(case + shaped)
}

/// Chars NFC neither changes nor composes with what stands before them,
/// beyond [`is_plain`] ones: everything below the combining marks, and the
/// spaces, format characters and noncharacters that normalization turns
/// into a space or drops anyway.
pub(super) fn is_inert(c: char) -> bool {
    c < '\u{300}'
        || is_plain(c)
        || matches!(c, '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{2060}'
            | '\u{3000}' | '\u{FEFF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFD}')
}

/// The tone a combining tone mark gives (the index in a [`VOWELS`] row),
/// or `None` for the shape marks and anything else.
fn tone_of(mark: char) -> Option<usize> {
    match mark {
        '\u{300}' => Some(1),
        '\u{301}' => Some(2),
        '\u{309}' => Some(3),
        '\u{303}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    }
}

/// The one char NFC makes of `base` (a char, composed or not) followed
/// directly by the combining `mark`, when both are Vietnamese and NFC does
/// make one char of them; `None` otherwise.
pub(super) fn compose_pair(base: char, mark: char) -> Option<char> {
    let (row, old_tone) = parts(base)?;
    let (row, tone) = match (tone_of(mark), mark) {
        (Some(tone), _) if old_tone == 0 => (row, tone),
        (Some(_), _) => return None,
        // A circumflex or breve after a class-230 tone stays apart in NFC.
        (None, '\u{302}' | '\u{306}') if (1..=4).contains(&old_tone) => return None,
        (None, '\u{302}' | '\u{306}' | '\u{31B}') => (reshape(row, mark)?, old_tone),
        (None, _) => return None,
    };
    Some(vowel(row, tone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_compose_like_nfc() {
        assert_eq!(compose_pair('e', '\u{302}'), Some('ê'));
        assert_eq!(compose_pair('ê', '\u{301}'), Some('ế'));
        assert_eq!(compose_pair('ẹ', '\u{302}'), Some('ệ'));
        assert_eq!(compose_pair('ó', '\u{31B}'), Some('ớ'));
        assert_eq!(compose_pair('Ư', '\u{303}'), Some('Ữ'));
        assert_eq!(compose_pair('á', '\u{302}'), None); // stays two chars in NFC
        assert_eq!(compose_pair('ó', '\u{300}'), None); // two tones
        assert_eq!(compose_pair('n', '\u{301}'), None); // ń is not Vietnamese
        assert_eq!(compose_pair('a', '\u{308}'), None); // not a Vietnamese mark
    }
}
