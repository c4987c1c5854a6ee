//! The issuing body and its parent, from the header lines left of the
//! national motto (or above "Số: …"), also when a PDF joined the two
//! columns or wrapped a name over two lines.

use super::{Line, find_ci, is_rule, number_at, place_and_date, squeeze};

/// The words a body's name starts with in a header: a new body starts on a
/// line beginning with one; other lines continue the one above ("ỦY BAN
/// NHÂN DÂN" / "TỈNH SƠN HÀ").
pub(super) const ORGAN_WORDS: [&str; 34] = [
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HỘI ĐỒNG",
    "HĐND",
    "BỘ ",
    "SỞ ",
    "CỤC ",
    "TỔNG CỤC",
    "VỤ ",
    "VIỆN ",
    "BAN ",
    "PHÒNG ",
    "CHI CỤC",
    "TRUNG TÂM",
    "BỆNH VIỆN",
    "TRƯỜNG ",
    "VĂN PHÒNG",
    "THANH TRA",
    "CÔNG TY",
    "NGÂN HÀNG",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "THỦ TƯỚNG",
    "ĐẢNG ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "HUYỆN ỦY",
    "THÀNH ỦY",
    "MẶT TRẬN",
    "ĐOÀN ",
    "HỘI ",
    "TRẠM ",
    "KHO BẠC",
];

/// Offices that sign or decide ("CHỦ TỊCH …", "GIÁM ĐỐC …").
pub(super) const OFFICE_WORDS: [&str; 8] = [
    "CHỦ TỊCH",
    "BỘ TRƯỞNG",
    "GIÁM ĐỐC",
    "THỦ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "THỐNG ĐỐC",
];

/// The issuer and its parent from the header lines above the number:
/// bodies in capitals, each starting on a line with an organ word (or, in
/// a line a PDF joined, at a body word inside it). A line beside the
/// national motto may be lower-cased (a transcript); a sentence-case line
/// naming a body ("Trung tâm Y tế huyện …") is one too.
pub(super) fn issuer(lines: &[Line]) -> (Option<String>, Option<String>) {
    let mut bodies: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let mut text = line.text;
        if let Some((at, _)) = number_at(text) {
            text = &text[..at];
        }
        let (left, beside_motto) = left_of_motto(text);
        let text = left
            .trim_start_matches(|c: char| "-–—_".contains(c) || c.is_whitespace())
            .trim_end_matches(|c: char| "–—_".contains(c) || c.is_whitespace());
        // A trailing " -" joins the next line ("CHI CỤC DÂN SỐ -"); other
        // dashes after the name are decoration.
        let text = if text.ends_with(" -") {
            text
        } else {
            text.trim_end_matches('-').trim_end()
        };
        if text.is_empty() || is_rule(text) || place_and_date(text).is_some() {
            continue;
        }
        if text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let header_line = !text.chars().any(char::is_lowercase)
            || beside_motto
            || (starts_organ(text) && !text.ends_with(['.', ';', ',', ':']));
        if !header_line || text.chars().count() > 120 {
            // Not a header line: a news page, a title in sentence case.
            break;
        }
        for (index, part) in split_bodies(text).into_iter().enumerate() {
            let continues = bodies
                .last()
                .and_then(|body| body.last())
                .is_some_and(|last| last.ends_with('-'));
            let starts_body = index > 0 || starts_organ(part);
            match bodies.last_mut() {
                Some(body) if !starts_body || continues => body.push(part.to_string()),
                _ => bodies.push(vec![part.to_string()]),
            }
        }
    }
    let names: Vec<String> = bodies
        .iter()
        .map(|body| {
            let name = squeeze(&body.join(" "));
            // Decorations typed after the name: "BỘ TÀI CHÍNH ===&===".
            let words: Vec<&str> = name.split(' ').collect();
            let end = words
                .iter()
                .rposition(|w| w.chars().any(char::is_alphabetic))
                .map_or(0, |i| i + 1);
            words[..end].join(" ")
        })
        .filter(|name| !name.is_empty())
        .collect();
    match names.as_slice() {
        [] => (None, None),
        [one] => (Some(one.clone()), None),
        [.., parent, issuer] => (Some(issuer.clone()), Some(parent.clone())),
    }
}

/// Whether `text` starts with an organ word, in any case ("Trung tâm Y tế").
fn starts_organ(text: &str) -> bool {
    let upper: String = text.chars().take(12).flat_map(char::to_uppercase).collect();
    ORGAN_WORDS.iter().any(|w| upper.starts_with(w))
}

/// The part of a header line left of the national motto, when a PDF or a
/// typed header put both on one line, and whether the motto was there. A
/// PDF that reads the two columns line by line puts the issuer's second
/// line between the motto's two ("NGÂN HÀNG NHÀ NƯỚC CỘNG HOÀ XÃ HỘI CHỦ
/// NGHĨA VIỆT NAM VIỆT NAM Độc lập …"): that part is the issuer's too.
fn left_of_motto(line: &str) -> (String, bool) {
    let Some((at, _)) = ["cộng hòa xã hội", "cộng hoà xã hội", "độc lập"]
        .iter()
        .filter_map(|motto| find_ci(line, motto))
        .min()
    else {
        return (line.to_string(), false);
    };
    let mut left = line[..at].trim_end().to_string();
    let after = &line[at..];
    if let (Some((_, name_end)), Some((second, _))) = (
        find_ci(after, "chủ nghĩa việt nam"),
        find_ci(after, "độc lập"),
    ) && name_end <= second
    {
        let between = after[name_end..second].trim();
        if !between.is_empty() && !between.chars().any(char::is_lowercase) {
            left = format!("{left} {between}");
        }
    }
    (left, true)
}

/// Bodies that start inside a joined line ("UBND TỈNH SƠN HÀ SỞ Y TẾ"),
/// not inside a body's own name ("ỦY BAN", "CHI CỤC", "VĂN PHÒNG").
const INNER_BODY_WORDS: [&str; 9] = [
    "SỞ ",
    "TRUNG TÂM",
    "CHI CỤC",
    "BỆNH VIỆN",
    "PHÒNG ",
    "BAN ",
    "CỤC ",
    "TRẠM ",
    "TRƯỜNG ",
];
const COMPOUND_HEADS: [&str; 6] = ["ỦY", "UỶ", "CHI", "TỔNG", "VĂN", "BỆNH"];

fn split_bodies(text: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    for (at, _) in text.match_indices(' ') {
        let rest = &text[at + 1..];
        let before = text[..at]
            .split_whitespace()
            .next_back()
            .unwrap_or_default();
        if INNER_BODY_WORDS.iter().any(|w| rest.starts_with(w)) && !COMPOUND_HEADS.contains(&before)
        {
            cuts.push(at + 1);
        }
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for cut in cuts {
        parts.push(text[start..cut].trim());
        start = cut;
    }
    parts.push(text[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}
