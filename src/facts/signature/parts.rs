//! What a line of a signature block is: an authority ("TM. ỦY BAN NHÂN
//! DÂN", "KT/BỘ TRƯỞNG"), an office ("PHÓ CHỦ TỊCH"), a person's name, or
//! a signing note ("(Đã ký)"); and how a line a PDF joined ("KT. GIÁM ĐỐC
//! PHÓ GIÁM ĐỐC (Đã ký)") comes apart.

use crate::facts::squeeze;

/// The marks that open an authority line, as printed: "TM. X" (on behalf
/// of the body), "KT. X" (for the head), "TL.", "TUQ.", "Q." (acting),
/// and the older slash and spaced forms ("KT/", "T/M", "TM . UBND").
pub const AUTHORITY_MARKS: [&str; 15] = [
    "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T.M.", "K.T.", "KT/", "TM/", "TL/", "TM .",
    "KT .", "TL .",
];

/// Offices that sign.
const OFFICES: [&str; 21] = [
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "CHI CỤC TRƯỞNG",
    "CỤC TRƯỞNG",
    "VIỆN TRƯỞNG",
    "THỐNG ĐỐC",
    "TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "HIỆU TRƯỞNG",
    "GIÁM ĐỐC SỞ",
    "BÍ THƯ",
    "TỔNG CỤC TRƯỞNG",
    "PHÓ TRƯỞNG BAN",
    "TỔNG GIÁM ĐỐC",
];

/// Vietnamese family names: a signer's name that a PDF or a flattened
/// table glued to the end of a recipient ("thuộc TW Phạm Văn Trọng") is
/// told from the recipient by its first word.
const SURNAMES: [&str; 58] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Đoàn", "Lâm", "Mai", "Trịnh", "Đào", "Cao",
    "Lương", "Hà", "Tạ", "Châu", "Thái", "Tô", "Vương", "La", "Quách", "Kiều", "Tăng", "Chu",
    "Triệu", "Phùng", "Lại", "Doãn", "Mạc", "Khúc", "Giang", "Từ", "Hứa", "Nghiêm", "Thân", "Diệp",
    "Tôn", "Lục", "Quan", "Bạch", "Đàm", "Trình", "Lò", "Lã", "Hầu", "Nông",
];

/// Whether `text` opens with an authority mark.
pub fn is_authority(text: &str) -> bool {
    AUTHORITY_MARKS.iter().any(|mark| text.starts_with(mark))
}

/// An office in capitals, possibly with more words after it ("GIÁM ĐỐC
/// SỞ Y TẾ"); any office with "PHÓ " before it is a deputy's.
pub fn is_office(text: &str) -> bool {
    let office = text.strip_prefix("PHÓ ").unwrap_or(text);
    !text.chars().any(char::is_lowercase)
        && text.chars().count() <= 60
        && OFFICES.iter().any(|o| office.starts_with(o))
}

/// Exactly an office in any case ("Thứ trưởng", "phó Thống đốc"), as a
/// signature column's line reads when a legacy font lost its capitals.
pub fn is_bare_office(text: &str) -> bool {
    // The longest office has four words.
    if text.len() > 40 || text.split_whitespace().count() > 4 {
        return false;
    }
    let upper = squeeze(text).to_uppercase();
    let office = upper.strip_prefix("PHÓ ").unwrap_or(&upper);
    OFFICES.contains(&office)
}

/// A person's name: two to six words, each capitalized, no digits.
pub fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && text.chars().count() <= 40
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || "():;,/".contains(c))
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !is_office(text)
        && !is_authority(text)
}

/// A Vietnamese person's full name: a family name and two or three more
/// capitalized syllables, not in capitals ("Trương Chí Trung"). Two-word
/// names are left out: too many places read like one ("Hà Nội").
pub fn is_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (3..=4).contains(&words.len())
        && text != "Hồ Chí Minh"
        && SURNAMES.contains(&words[0])
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(char::is_lowercase)
                && w.chars().count() <= 7
        })
}

/// `text` without its bracketed notes ("(Đã ký)", "(b/c)"), squeezed.
pub fn without_notes(text: &str) -> String {
    if !text.contains(['(', '（']) {
        return squeeze(text);
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    squeeze(&out)
}

/// A line of a signature block: authority, office, name, signing note.
pub fn is_signature_part(text: &str) -> bool {
    let text = without_notes(text);
    text.is_empty() || is_authority(&text) || is_office(&text) || is_name(&text)
}

/// The parts of one signature line, which a PDF may have joined: "KT.
/// GIÁM ĐỐC PHÓ GIÁM ĐỐC (Đã ký)", "GIÁM ĐỐC (Đã ký) Phạm Quốc Bảo".
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SignatureLine {
    /// Each authority as printed ("KT/BỘ TRƯỞNG BỘ TÀI CHÍNH").
    pub authority: Vec<String>,
    pub office: Option<String>,
    pub name: Option<String>,
}

impl SignatureLine {
    /// Whether the line opens or continues a signature block.
    pub fn is_block(&self) -> bool {
        !self.authority.is_empty() || self.office.is_some()
    }
}

/// The most words a signature line not opening in capitals has: an office
/// of three words, a note, a name of four ("Phó Tổng cục trưởng (Đã ký)
/// Nguyễn Văn An" and the like).
const MIXED_WORDS: usize = 10;

/// Reads one line of a signature block; an empty `SignatureLine` when it
/// is none.
pub fn signature_line(text: &str) -> SignatureLine {
    let mut line = SignatureLine::default();
    // Signature lines are short and start with a capital letter; a line
    // whose first word is not in capitals is a name or an office in mixed
    // case ("Thứ trưởng (Đã ký) Trương Chí Trung"), shorter still.
    let first_word = text.split(' ').next().unwrap_or("");
    let mixed = first_word.chars().any(char::is_lowercase);
    if text.len() > if mixed { 120 } else { 240 }
        || !text.starts_with(|c: char| c.is_uppercase() || c == '(')
        || (mixed && text.split_whitespace().nth(MIXED_WORDS).is_some())
    {
        return line;
    }
    let text = without_notes(text);
    let mut rest = text.as_str();
    // Authority segments: "TM. X", "KT. Y", each up to the next mark.
    while let Some(mark) = AUTHORITY_MARKS.iter().find(|m| rest.starts_with(**m)) {
        let after = &rest[mark.len()..];
        let next = after
            .match_indices(' ')
            .map(|(at, _)| at + 1)
            .find(|&at| is_authority(&after[at..]))
            .unwrap_or(after.len());
        // "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC": a second office inside is the title;
        // "KT/BỘ TRƯỞNG BỘ TÀI CHÍNH Thứ trưởng": capitals end it.
        let inner = office_inside(&after[..next]).or_else(|| capitals_end(&after[..next]));
        let own = inner.unwrap_or(next);
        line.authority.push(squeeze(&rest[..mark.len() + own]));
        rest = after[own..].trim_start();
        if inner.is_some() {
            break;
        }
    }
    let rest = rest.trim();
    let deputy = rest.strip_prefix("PHÓ ").unwrap_or(rest);
    let mixed_office = rest
        .split(' ')
        .next()
        .is_some_and(|word| word.chars().any(char::is_lowercase))
        .then(|| leading_bare_office(rest))
        .flatten();
    if let Some((office, name)) = mixed_office {
        line.office = Some(office);
        line.name = is_name(&name).then_some(name);
    } else if OFFICES.iter().any(|office| deputy.starts_with(office)) {
        // The office runs in capitals; the name after it is not.
        let words: Vec<&str> = rest.split_whitespace().collect();
        let split = words
            .iter()
            .position(|w| w.chars().any(char::is_lowercase))
            .unwrap_or(words.len());
        line.office = Some(words[..split].join(" "));
        let name = words[split..].join(" ");
        if is_name(&name) {
            line.name = Some(name);
        }
    } else if is_name(rest) && rest.chars().any(char::is_lowercase) {
        line.name = Some(rest.to_string());
    }
    line
}

/// Where the capitals of an authority segment end, when they do
/// ("BỘ TRƯỞNG BỘ TÀI CHÍNH Thứ trưởng" → at "Thứ"); `None` for a segment
/// that starts in lower case (a file whose capitals were lost).
fn capitals_end(segment: &str) -> Option<usize> {
    let mut words = segment
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - segment.as_ptr() as usize, w));
    let (_, first) = words.next()?;
    if first.chars().any(char::is_lowercase) {
        return None;
    }
    words
        .find(|(_, w)| w.chars().any(char::is_lowercase))
        .map(|(at, _)| at)
}

/// An office in mixed case that is the whole of `text` or is followed by
/// a name only ("Thứ trưởng Trương Chí Trung"; not "Bộ trưởng Bộ Tài
/// chính có trách nhiệm …"), and that name.
fn leading_bare_office(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3.min(words.len())).rev().find_map(|count| {
        let office = words[..count].join(" ");
        let name = words[count..].join(" ");
        (office.chars().any(char::is_lowercase)
            && is_bare_office(&office)
            && (name.is_empty() || is_name(&name)))
        .then_some((office, name))
    })
}

/// Where a second office starts inside an authority segment ("GIÁM ĐỐC
/// PHÓ GIÁM ĐỐC" → at "PHÓ"), as a byte offset into `segment`.
fn office_inside(segment: &str) -> Option<usize> {
    let trimmed = segment.trim_start();
    let lead = segment.len() - trimmed.len();
    trimmed
        .match_indices(' ')
        .map(|(at, _)| at + 1)
        .find(|&at| OFFICES.iter().any(|o| trimmed[at..].starts_with(o)))
        .map(|at| at + lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_signature_lines_are_taken_apart() {
        assert_eq!(
            signature_line("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (Đã ký)"),
            SignatureLine {
                authority: vec!["KT. GIÁM ĐỐC".into()],
                office: Some("PHÓ GIÁM ĐỐC".into()),
                name: None,
            }
        );
        assert_eq!(
            signature_line("GIÁM ĐỐC (Đã ký) Phạm Quốc Bảo"),
            SignatureLine {
                authority: vec![],
                office: Some("GIÁM ĐỐC".into()),
                name: Some("Phạm Quốc Bảo".into()),
            }
        );
        assert_eq!(
            signature_line("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
            SignatureLine {
                authority: vec!["TM. ỦY BAN NHÂN DÂN".into(), "KT. CHỦ TỊCH".into()],
                office: None,
                name: None,
            }
        );
        assert_eq!(
            signature_line("KT. BỘ TRƯỞNG THỨ TRƯỞNG THƯỜNG TRỰC (Đã ký) Vũ Mạnh Hà"),
            SignatureLine {
                authority: vec!["KT. BỘ TRƯỞNG".into()],
                office: Some("THỨ TRƯỞNG THƯỜNG TRỰC".into()),
                name: Some("Vũ Mạnh Hà".into()),
            }
        );
    }

    #[test]
    fn an_authority_then_an_office_in_lower_case() {
        assert_eq!(
            signature_line("KT/BỘ TRƯỞNG BỘ TÀI CHÍNH Thứ trưởng (ĐÃ KÝ) Trương Chí Trung"),
            SignatureLine {
                authority: vec!["KT/BỘ TRƯỞNG BỘ TÀI CHÍNH".into()],
                office: Some("Thứ trưởng".into()),
                name: Some("Trương Chí Trung".into()),
            }
        );
        assert_eq!(
            signature_line("KT/ bộ trưởng bộ tài chính").authority,
            ["KT/ bộ trưởng bộ tài chính"]
        );
        // A sentence that opens with an office is no signature.
        for sentence in [
            "Bộ trưởng Bộ Tài chính có trách nhiệm tổ chức thực hiện",
            "Thủ tướng CP quyết định thành lập năm 2002",
        ] {
            assert_eq!(signature_line(sentence), SignatureLine::default());
        }
    }

    #[test]
    fn authorities_keep_their_printed_form() {
        for printed in [
            "KT/BỘ TRƯỞNG BỘ TÀI CHÍNH",
            "KT.BỘ TRƯỞNG",
            "TM . UBND THÀNH PHỐ CẦN THƠ",
        ] {
            assert_eq!(signature_line(printed).authority, [printed]);
        }
        // A line in capitals only is an office's continuation, not a name.
        assert_eq!(signature_line("THƯỜNG TRỰC"), SignatureLine::default());
    }

    #[test]
    fn people_and_bare_offices() {
        assert!(is_person("Trương Chí Trung"));
        assert!(is_person("Võ Thanh Tòng"));
        assert!(!is_person("Ban Kinh tế"));
        assert!(!is_person("Lưu VT"));
        assert!(!is_person("NGUYỄN VĂN AN"));
        assert!(is_bare_office("phó Thống đốc"));
        assert!(is_bare_office("Thứ trưởng"));
        assert!(!is_bare_office("Thứ trưởng Bộ Y tế"));
    }
}
