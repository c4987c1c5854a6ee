//! Characters of Word's symbol fonts (Symbol, Wingdings) as Unicode.
//!
//! Word stores a symbol as a font name and a code, usually in the private use
//! area U+F020–U+F0FF (the font's byte plus 0xF000). Outside that font the code
//! means nothing, so it is mapped by font to the character it draws.

/// The Unicode character drawn by `code` in `font`, or `None` when it is not
/// a character (a bracket piece, an unknown dingbat).
pub fn to_unicode(font: &str, code: u32) -> Option<char> {
    let byte = symbol_byte(code);
    let font = font.trim().to_ascii_lowercase();
    match byte {
        Some(byte) if font == "symbol" => symbol_font(byte),
        Some(byte) if font == "wingdings" => wingdings(byte),
        Some(_) if font.starts_with("wingdings") => None,
        Some(byte) if (0xF020..=0xF0FF).contains(&code) => char::from_u32(u32::from(byte)),
        _ => char::from_u32(code).filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c)),
    }
}

/// The font byte of a symbol code: `F0B7` and `B7` both mean byte 0xB7.
fn symbol_byte(code: u32) -> Option<u8> {
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    u8::try_from(code).ok().filter(|b| *b >= 0x20)
}

/// The Symbol font's encoding (Adobe Symbol): ASCII punctuation and digits
/// where they are, Greek for letters, mathematical signs above 0xA0.
fn symbol_font(byte: u8) -> Option<char> {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    const HIGH: &str = "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑";
    match byte {
        0x41..=0x5A => GREEK_UPPER.chars().nth(usize::from(byte - 0x41)),
        0x61..=0x7A => GREEK_LOWER.chars().nth(usize::from(byte - 0x61)),
        0x22 => Some('∀'),
        0x24 => Some('∃'),
        0x27 => Some('∋'),
        0x2A => Some('∗'),
        0x2D => Some('−'),
        0x40 => Some('≅'),
        0x5C => Some('∴'),
        0x5E => Some('⊥'),
        0x7E => Some('∼'),
        0xA0..=0xE5 => HIGH.chars().nth(usize::from(byte - 0xA0)),
        0xF1 => Some('〉'),
        0xF2 => Some('∫'),
        0x20..=0x7D => Some(char::from(byte)),
        _ => None,
    }
}

/// The Wingdings glyphs plan documents use: bullets, boxes, check marks,
/// arrows and pointing hands.
fn wingdings(byte: u8) -> Option<char> {
    Some(match byte {
        0x21 => '✏',
        0x22 => '✂',
        0x28 => '☎',
        0x2A => '✉',
        0x3F => '✍',
        0x45 => '☜',
        0x46 => '☞',
        0x4A => '☺',
        0x4B => '😐',
        0x4C => '☹',
        0x6C => '●',
        0x6D => '❍',
        0x6E => '■',
        0x6F => '□',
        0x70 => '◻',
        0x71 => '❑',
        0x72 => '❒',
        0x73 | 0x74 => '⬧',
        0x75 => '◆',
        0x76 => '❖',
        0x77 => '⬥',
        0x9F => '•',
        0xA1 => '○',
        0xA7 => '▪',
        0xA8 => '◻',
        0xD8 => '➢',
        0xE0 => '→',
        0xE8 => '➔',
        0xF0 => '⇨',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    })
}

/// Text set as superscript or subscript, written with the Unicode raised or
/// lowered forms ("m²", "CO₂", "quản¹"), so that it does not run into the word
/// before it; `None` when some char has no such form.
pub fn shifted(text: &str, superscript: bool) -> Option<String> {
    const PLAIN: &str = "0123456789+-=()";
    const RAISED: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾";
    const LOWERED: &str = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎";
    let forms: Vec<char> = if superscript { RAISED } else { LOWERED }.chars().collect();
    text.chars()
        .map(|c| PLAIN.chars().position(|p| p == c).map(|i| forms[i]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_codes() {
        assert_eq!(to_unicode("Symbol", 0xF0B7), Some('•'));
        assert_eq!(to_unicode("Symbol", 0xF0A3), Some('≤'));
        assert_eq!(to_unicode("Symbol", 0xF0B3), Some('≥'));
        assert_eq!(to_unicode("Symbol", 0xF061), Some('α'));
        assert_eq!(to_unicode("Symbol", 0xF044), Some('Δ'));
        assert_eq!(to_unicode("Symbol", 0xF0AE), Some('→'));
        assert_eq!(to_unicode("Symbol", 0xF0E5), Some('∑'));
        assert_eq!(to_unicode("Symbol", 0xF0E6), None);
    }

    #[test]
    fn raised_and_lowered_digits() {
        assert_eq!(shifted("2", true).as_deref(), Some("²"));
        assert_eq!(shifted("10", true).as_deref(), Some("¹⁰"));
        assert_eq!(shifted("2", false).as_deref(), Some("₂"));
        assert_eq!(shifted("st", true), None);
    }

    #[test]
    fn wingdings_and_other_fonts() {
        assert_eq!(to_unicode("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(to_unicode("Wingdings", 0xF0A7), Some('▪'));
        // Wingdings 2 and 3 draw other glyphs at the same codes.
        assert_eq!(to_unicode("Wingdings 2", 0xF0A7), None);
        assert_eq!(to_unicode("Wingdings", 0xF0D8), Some('➢'));
        assert_eq!(to_unicode("Wingdings", 0xF0B0), None);
        assert_eq!(to_unicode("Times New Roman", 0x2013), Some('–'));
        assert_eq!(to_unicode("Times New Roman", 0xF0B0), Some('°'));
        assert_eq!(to_unicode("Unknown", 0xE123), None);
    }
}
