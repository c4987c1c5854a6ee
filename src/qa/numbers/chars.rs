//! Char helpers: half-width forms, word and CJK classes, brackets, Chinese digits.

// ---------------------------------------------------------------- chars

/// Full-width ASCII, odd spaces and hyphens and the circle used for zero
/// in their usual form; a full-width comma stays a Chinese comma.
pub(super) fn half_width(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}'
        | '\u{FF05}'
        | '\u{FF08}'
        | '\u{FF09}'
        | '\u{FF0D}'
        | '\u{FF0E}'
        | '\u{FF0F}'
        | '\u{FF3B}'
        | '\u{FF3D}'
        | '\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
        '\u{2010}' | '\u{2011}' => '-',
        '\u{25CB}' | '\u{25EF}' => '〇',
        _ => c,
    }
}

/// Letters (Latin, Vietnamese and other alphabets), digits and combining
/// marks; not CJK.
pub(super) fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..0x80 => c.is_ascii_alphanumeric(),
        // Latin-1 and Latin Extended A/B letters, Vietnamese ones among
        // them (all but × and ÷), combining marks, Latin Extended
        // Additional (ạ ả ấ …): the common cases, without a table lookup.
        0xC0..0x250 => c != '×' && c != '÷',
        0x300..0x370 | 0x1E00..0x1F00 => true,
        0x2E80.. => false,
        _ => c.is_alphabetic(),
    }
}

/// The lower case of a char that has a single-char one.
pub(super) fn lower_case(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

pub(super) fn is_letter(c: char) -> bool {
    is_word_char(c) && !c.is_ascii_digit()
}

pub(super) fn is_cjk(c: char) -> bool {
    u32::from(c) >= 0x2E80 && c.is_alphabetic()
}

/// Marks that join the parts of one number, date or code.
pub(super) fn is_inner_mark(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '-' | '_' | '@')
}

pub(super) fn is_bullet(c: char) -> bool {
    "-–—•▪◦·*✓✔→►➢●■□◆◇+".contains(c)
}

pub(super) fn closing_bracket(c: char) -> Option<char> {
    match c {
        '〔' => Some('〕'),
        '[' => Some(']'),
        '【' => Some('】'),
        '(' => Some(')'),
        '〖' => Some('〗'),
        _ => None,
    }
}

pub(super) fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '萬' | '亿' | '億')
}

pub(super) fn han_digit(c: char) -> Option<u128> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Case-folded with Đ as D, for comparing document symbols.
pub(super) fn fold_symbol(c: char) -> char {
    match c {
        'Đ' | 'đ' => 'd',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}
