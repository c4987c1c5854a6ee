//! The header of an official document: number, type, issuer, place and
//! date, subject.
//!
//! Vietnamese documents (Decree 30/2020/NĐ-CP's form) open with the issuer
//! over "Số: …" on the left, the national motto and "Place, ngày … tháng …
//! năm …" on the right (a two-column table, or paragraphs one under the
//! other), then the type ("KẾ HOẠCH") and the subject. Chinese ones open
//! with the 红头 ("…文件"), the 发文字号, and the title "…关于…的通知"; their
//! date (成文日期) stands at the end, under the issuer's name.

use super::{DocType, DocTypes, DocumentFacts, Line, dates, squeeze, symbols};
use crate::model::BlockKind;
use crate::script::is_han;

/// How many lines from the top the header may take.
const HEADER_LINES: usize = 30;
/// How many lines a subject may take, and how long it may grow.
const SUBJECT_LINES: usize = 4;
const SUBJECT_CHARS: usize = 400;

/// Fills the header fields of `facts` from `lines`.
pub fn read(lines: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    let head = &lines[..lines.len().min(HEADER_LINES)];
    let chinese = head
        .iter()
        .map(|l| l.text)
        .collect::<String>()
        .chars()
        .filter(|&c| is_han(c))
        .count()
        > 20;
    if chinese {
        read_chinese(lines, head, types, facts);
    } else {
        read_vietnamese(head, types, facts);
    }
}

// ------------------------------------------------------------ Vietnamese

fn read_vietnamese(head: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    let number_at = head.iter().position(|l| number_line(l.text).is_some());
    facts.number = number_at.and_then(|at| number_line(head[at].text));
    if let Some((place, date)) = head.iter().find_map(|l| place_and_date(l.text)) {
        facts.place = place;
        facts.date = date;
    }
    // The title comes after the number and the date: lines above them
    // belong to the issuer ("CHI CỤC DÂN SỐ - / KẾ HOẠCH HÓA GIA ĐÌNH").
    let date_at = head.iter().position(|l| place_and_date(l.text).is_some());
    let from = number_at.max(date_at).map_or(0, |at| at + 1);
    // The body starts at a heading marker or the preamble: no title after.
    let body_at = (from..head.len())
        .find(|&at| starts_marker(head[at].text) || starts_with_ci(head[at].text, "căn cứ"))
        .unwrap_or(head.len());
    let title_at = (from..body_at).find(|&at| {
        let text = head[at].text;
        !is_motto(text) && types.vietnamese_title(text).is_some()
    });
    if let Some(at) = title_at {
        let (doc_type, printed) = types
            .vietnamese_title(head[at].text)
            .expect("the title line names a type");
        facts.doc_type = Some(doc_type);
        facts.type_text = Some(printed.to_string());
        facts.subject = subject(head, at, printed);
        reprint_title(&head[at].text[printed.len()..], facts);
        // The "CỦA … SỐ …" part may stand on the line under the type.
        if let Some(next) = head.get(at + 1) {
            reprint_title(next.text, facts);
        }
    } else if let Some(code) = facts.number.as_deref().and_then(number_code) {
        facts.doc_type = types.code(&code, false);
    }
    if facts.doc_type.is_none() {
        headline(head, facts);
    }
    let issuer_end = number_at.map(|at| at + 1).or(title_at).unwrap_or(0);
    let (issuer, parent) = issuer(&head[..issuer_end]);
    if issuer.is_some() {
        facts.issuer = issuer;
        facts.issuer_parent = parent;
    }
}

/// A page with no administrative header (a news article about a plan): its
/// first heading is the subject, its type `other`.
fn headline(head: &[Line], facts: &mut DocumentFacts) {
    if let Some(heading) = head.iter().find(|l| l.kind == BlockKind::Heading) {
        facts.doc_type = Some(DocType::Other);
        facts.subject = Some(squeeze(heading.text));
    }
}

/// The number of a "Số: 45/KH-UBND" line (also "Số 45/KH-UBND", "Số: 256
/// /2004/QĐ-UB"), wherever "Số" stands in it: a PDF may join the issuer's
/// lines and the number into one. Spaces inside the number are dropped.
fn number_line(line: &str) -> Option<String> {
    number_at(line).map(|(_, number)| number)
}

/// Where "Số" starts in `line` (bytes), and the number after it: at the
/// start of the line, or anywhere as "Số:".
fn number_at(line: &str) -> Option<(usize, String)> {
    line.match_indices("Số").find_map(|(at, _)| {
        let line_start = line[..at].trim().is_empty();
        let word_start = line[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let rest = &line[at + "Số".len()..];
        // In a sentence "số" cites ("Kế hoạch số …"); the header's is "Số:".
        if !word_start || !(line_start || rest.starts_with(':')) {
            return None;
        }
        let rest = rest.trim_start_matches([':', '.', ' ', '\u{a0}']);
        let end = rest
            .char_indices()
            .scan(0, |spaces, (i, c)| {
                // A space inside the number is kept only before a slash.
                *spaces = if c == ' ' { *spaces + 1 } else { 0 };
                (*spaces <= 1).then_some((i, c))
            })
            .take_while(|&(i, c)| !c.is_whitespace() || rest[i..].trim_start().starts_with('/'))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let compact: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        let symbol = symbols::find(&compact).into_iter().next()?;
        (symbol.start == 0).then_some((at, symbol.text))
    })
}

/// The type code of a Vietnamese number ("KH" of 45/KH-UBND).
fn number_code(number: &str) -> Option<String> {
    symbols::find(number).into_iter().next()?.code
}

/// "Hải Phòng, ngày 09 tháng 5 năm 2023": the place and the ISO date (the
/// date may be left blank in a draft: "ngày … tháng … năm 2023").
fn place_and_date(line: &str) -> Option<(Option<String>, Option<String>)> {
    if !line.contains("gày") && !line.contains("GÀY") {
        return None;
    }
    let lower = line.to_lowercase();
    let at = lower.find("ngày")?;
    if !lower[at..].contains("tháng") || !lower[at..].contains("năm") {
        return None;
    }
    // "(Kèm theo Nghị định … ngày 05 tháng 3 năm 2020 của Chính phủ)".
    if lower.contains(" của ") || line.trim_end().ends_with(')') {
        return None;
    }
    let before = line[..at].trim_end().trim_end_matches(',').trim();
    // The motto may share the cell line: keep what follows it.
    let before = before
        .rsplit_once("Hạnh phúc")
        .map_or(before, |(_, rest)| rest)
        .trim_matches(|c: char| c.is_whitespace() || "-–—_".contains(c));
    // "Số: 256/2004/QĐ-UB TP.Cần Thơ, ngày …": the place follows the number.
    let before = match before.rfind('/') {
        Some(slash) if number_at(before).is_some() => {
            let after = &before[slash..];
            after.find(' ').map_or("", |space| after[space..].trim())
        }
        _ => before,
    };
    // "Kèm theo Nghị định số 30/2020/NĐ-CP ngày …" cites a date.
    if before.chars().any(|c| c.is_ascii_digit()) || starts_with_ci(before, "(") {
        return None;
    }
    let is_place = before.chars().any(char::is_alphabetic)
        && before.split_whitespace().count() <= 6
        && !before.contains(':')
        && !starts_with_ci(before, "căn cứ")
        && !starts_with_ci(before, "theo ");
    let place = is_place.then(|| squeeze(before));
    if !is_place && !before.is_empty() && !before.chars().all(|c| !c.is_alphabetic()) {
        // A sentence that cites a date, not the header's line.
        return None;
    }
    let date = dates::first(&line[at..]).map(|d| d.iso);
    Some((place, date))
}

fn is_motto(line: &str) -> bool {
    let upper = line.to_uppercase();
    upper.contains("CỘNG HÒA XÃ HỘI")
        || upper.contains("CỘNG HOÀ XÃ HỘI")
        || upper.contains("ĐỘC LẬP")
}

/// Decoration lines under the header's parts: "-----", "———", "_____".
fn is_rule(line: &str) -> bool {
    line.chars()
        .all(|c| "-–—_=*.·…".contains(c) || c.is_whitespace())
}

/// The subject: the rest of the title line after the type word, and the
/// lines under it up to the preamble ("Căn cứ …"), the authority line of a
/// decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), a rule, a heading marker.
fn subject(head: &[Line], title_at: usize, printed: &str) -> Option<String> {
    let title = head[title_at].text;
    let mut parts: Vec<&str> = Vec::new();
    let rest = title[printed.len()..].trim();
    // A joined line goes on into the preamble: "KẾ HOẠCH Chăm sóc … Căn cứ …".
    let rest = rest.find(" Căn cứ").map_or(rest, |at| rest[..at].trim());
    // "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN …" names who decides, not the
    // subject; "Phụ lục I" numbers the title.
    let numbered = rest.split_whitespace().count() == 1
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "IVXLC.".contains(c));
    if !rest.is_empty() && !starts_with_ci(rest, "của ") && !numbered {
        parts.push(rest);
    }
    for line in head.iter().skip(title_at + 1).take(SUBJECT_LINES) {
        let text = line.text;
        if is_rule(text)
            || text.starts_with('(')
            || starts_with_ci(text, "căn cứ")
            || starts_with_ci(text, "kính gửi")
            || place_and_date(text).is_some()
            || starts_marker(text)
            || (!parts.is_empty() && is_authority_line(text))
            || text.ends_with(':')
        {
            break;
        }
        parts.push(text);
        if parts.iter().map(|p| p.chars().count()).sum::<usize>() > SUBJECT_CHARS {
            break;
        }
    }
    (!parts.is_empty()).then(|| squeeze(&parts.join(" ")))
}

/// A reprint's one-line title: "NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 29/1998/NĐ-CP
/// NGÀY 11 THÁNG 5 NĂM 1998 VỀ VIỆC …": the issuer, number and date it
/// names fill what the header lacks, and the subject starts at "VỀ".
fn reprint_title(rest: &str, facts: &mut DocumentFacts) {
    let rest = rest.trim();
    let Some(after) = strip_prefix_ci(rest, "của ") else {
        return;
    };
    let upper = after.to_uppercase();
    let Some(number_at) = upper.find(" SỐ ") else {
        return;
    };
    let issuer = after[..number_at].trim();
    let tail = &after[number_at + " SỐ ".len()..];
    let Some(symbol) = symbols::find(tail).into_iter().find(|s| s.start == 0) else {
        return;
    };
    if facts.issuer.is_none() && !issuer.is_empty() {
        facts.issuer = Some(squeeze(issuer));
    }
    if facts.number.is_none() {
        facts.number = Some(symbol.text.clone());
    }
    if facts.date.is_none() {
        facts.date = dates::first(tail).map(|d| d.iso);
    }
    let lower = tail.to_lowercase();
    if let Some(about) = lower.find(" về ").or_else(|| lower.find(" v/v ")) {
        // Byte offsets of the lower-cased text match the original's for
        // these letters; fall back to none when they do not.
        if let Some(subject) = tail.get(about + 1..) {
            facts.subject = Some(squeeze(subject));
        }
    }
}

/// A capitals line that names an authority: who decides ("CHỦ TỊCH ỦY
/// BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ Y TẾ", "ỦY BAN NHÂN DÂN TỈNH").
fn is_authority_line(line: &str) -> bool {
    let capitals = !line.chars().any(char::is_lowercase);
    capitals
        && ORGAN_WORDS
            .iter()
            .chain(OFFICE_WORDS.iter())
            .any(|w| line.starts_with(w))
}

/// Whether a line opens with an outline marker ("I.", "1.", "Điều 1",
/// "Chương I", "Phần I").
fn starts_marker(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    let roman = first
        .trim_end_matches(['.', ')'])
        .chars()
        .all(|c| "IVXLC".contains(c))
        && first.ends_with('.');
    let arabic = first
        .trim_end_matches(['.', ')'])
        .chars()
        .all(|c| c.is_ascii_digit())
        && first.len() > 1
        && (first.ends_with('.') || first.ends_with(')'));
    roman
        || arabic
        || ["Điều ", "Chương ", "Phần ", "ĐIỀU ", "CHƯƠNG ", "PHẦN "]
            .iter()
            .any(|w| line.starts_with(w))
}

/// The words a body's name starts with in a header: a new body starts on a
/// line beginning with one; other lines continue the one above ("ỦY BAN
/// NHÂN DÂN" / "TỈNH SƠN HÀ").
const ORGAN_WORDS: [&str; 34] = [
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
const OFFICE_WORDS: [&str; 8] = [
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
/// a line a PDF joined, at a body word inside it).
fn issuer(lines: &[Line]) -> (Option<String>, Option<String>) {
    let mut bodies: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let mut text = line.text;
        if let Some((at, _)) = number_at(text) {
            text = &text[..at];
        }
        let text = left_of_motto(text)
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
        if text.chars().any(char::is_lowercase) || text.chars().count() > 120 {
            // Not a header line: a news page, a title in sentence case.
            break;
        }
        for (index, part) in split_bodies(text).into_iter().enumerate() {
            let continues = bodies
                .last()
                .and_then(|body| body.last())
                .is_some_and(|last| last.ends_with('-'));
            let starts_body = ORGAN_WORDS.iter().any(|w| part.starts_with(w)) || index > 0;
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

/// The part of a header line left of the national motto, when a PDF or a
/// typed header put both on one line.
fn left_of_motto(line: &str) -> &str {
    ["CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "Độc lập", "ĐỘC LẬP"]
        .iter()
        .filter_map(|motto| line.find(motto))
        .min()
        .map_or(line, |at| &line[..at])
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

// ------------------------------------------------------------ Chinese

fn read_chinese(lines: &[Line], head: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    facts.number = head.iter().find_map(|l| {
        let symbol = symbols::find(l.text).into_iter().find(|s| s.chinese)?;
        // The 发文字号 stands alone on its line (or beside the signer).
        (l.text.chars().count() <= symbol.end - symbol.start + 12).then_some(symbol.text)
    });
    let title_at = head.iter().position(|l| {
        l.text.chars().count() <= 100
            && !l.text.ends_with(['。', '；', '：'])
            && types.chinese_title_end(l.text).is_some()
    });
    if let Some(at) = title_at {
        let mut title = head[at].text.to_string();
        // A title broken over two lines: the line above holds 关于.
        if at > 0 && !title.contains("关于") && head[at - 1].text.contains("关于") {
            title = format!("{}{}", head[at - 1].text, title);
        }
        let (doc_type, printed) = types
            .chinese_title_end(&title)
            .map(|(t, p)| (t, p.to_string()))
            .expect("the title names a type");
        facts.doc_type = Some(doc_type);
        facts.type_text = Some(printed);
        if let Some((issuer, _)) = title.split_once("关于")
            && !issuer.is_empty()
            && issuer.chars().count() <= 30
        {
            facts.issuer = Some(issuer.to_string());
        }
        facts.subject = Some(squeeze(&title));
    }
    if facts.issuer.is_none() {
        facts.issuer = head
            .iter()
            .take(5)
            .find_map(|l| l.text.strip_suffix("文件").filter(|s| !s.is_empty()))
            .map(str::to_string);
    }
    // The 成文日期: a line that is only a date, near the end.
    let tail = &lines[lines.len().saturating_sub(15)..];
    if let Some((at, date)) = tail.iter().enumerate().rev().find_map(|(at, l)| {
        let date = dates::first(l.text)?;
        (l.text.chars().count() <= date.end - date.start + 4).then_some((at, date.iso))
    }) {
        facts.date = Some(date);
        if facts.issuer.is_none() && at > 0 {
            let above = tail[at - 1].text;
            if above.chars().count() <= 30 && above.chars().all(is_han) && is_chinese_organ(above) {
                facts.issuer = Some(above.to_string());
            }
        }
    }
    if facts.doc_type.is_none() && facts.subject.is_none() {
        headline(head, facts);
    }
    if facts.doc_type.is_none()
        && let Some(code) = facts
            .number
            .as_deref()
            .and_then(|n| symbols::find(n).into_iter().next())
            .and_then(|s| s.code)
    {
        facts.doc_type = types.code(&code, true);
    }
}

fn is_chinese_organ(name: &str) -> bool {
    [
        "办公厅",
        "办公室",
        "委员会",
        "政府",
        "局",
        "厅",
        "部",
        "中心",
        "院",
        "处",
        "科",
        "所",
        "会",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
}

// ------------------------------------------------------------ text

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for expected in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(at, _)| &text[at..]))
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    strip_prefix_ci(text, prefix).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::edge_lines;
    use crate::model::{Block, BlockKind, TablePos};

    fn cell(col: u32, text: &str) -> Block {
        let mut block = Block::new(BlockKind::TableCell, text);
        block.table = Some(TablePos {
            index: 0,
            row: 0,
            col,
        });
        block
    }

    fn facts_of(blocks: &[Block]) -> DocumentFacts {
        let mut facts = DocumentFacts::default();
        read(
            &edge_lines(blocks, usize::MAX, 0),
            DocTypes::shipped(),
            &mut facts,
        );
        facts
    }

    #[test]
    fn a_vietnamese_plan_with_a_header_table() {
        let blocks = vec![
            cell(0, "UBND TỈNH AN GIANG\nSỞ Y TẾ\n-------\nSố: 144/KH-SYT"),
            cell(
                1,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nAn Giang, ngày 09 tháng 5 năm 2023",
            ),
            Block::new(BlockKind::Paragraph, "KẾ HOẠCH"),
            Block::new(
                BlockKind::Paragraph,
                "Về hoạt động truyền thông dân số năm 2023",
            ),
            Block::new(BlockKind::Paragraph, "Căn cứ Nghị định số 30/2020/NĐ-CP;"),
            Block::new(BlockKind::Paragraph, "I. MỤC ĐÍCH"),
        ];
        let facts = facts_of(&blocks);
        assert_eq!(facts.number.as_deref(), Some("144/KH-SYT"));
        assert_eq!(facts.doc_type, Some(DocType::Plan));
        assert_eq!(facts.type_text.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(facts.issuer.as_deref(), Some("SỞ Y TẾ"));
        assert_eq!(facts.issuer_parent.as_deref(), Some("UBND TỈNH AN GIANG"));
        assert_eq!(facts.place.as_deref(), Some("An Giang"));
        assert_eq!(facts.date.as_deref(), Some("2023-05-09"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("Về hoạt động truyền thông dân số năm 2023")
        );
    }

    #[test]
    fn a_decision_written_as_paragraphs() {
        let blocks: Vec<Block> = [
            "ỦY BAN NHÂN DÂN",
            "TỈNH SƠN HÀ",
            "Số: 45/QĐ-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Sơn Hà, ngày 02 tháng 3 năm 2025",
            "QUYẾT ĐỊNH",
            "Về việc ban hành Kế hoạch",
            "chăm sóc sức khỏe năm 2025",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
        ]
        .into_iter()
        .map(|t| Block::new(BlockKind::Paragraph, t))
        .collect();
        let facts = facts_of(&blocks);
        assert_eq!(facts.number.as_deref(), Some("45/QĐ-UBND"));
        assert_eq!(facts.doc_type, Some(DocType::Decision));
        assert_eq!(facts.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH SƠN HÀ"));
        assert_eq!(facts.issuer_parent, None);
        assert_eq!(facts.place.as_deref(), Some("Sơn Hà"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("Về việc ban hành Kế hoạch chăm sóc sức khỏe năm 2025")
        );
    }

    #[test]
    fn a_chinese_notice() {
        let blocks: Vec<Block> = [
            "国务院办公厅文件",
            "国办发〔2019〕2号",
            "国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "《国家组织药品集中采购和使用试点方案》已经国务院同意，现印发给你们，请认真贯彻执行。",
            "国务院办公厅",
            "2019年1月1日",
        ]
        .into_iter()
        .map(|t| Block::new(BlockKind::Paragraph, t))
        .collect();
        let facts = facts_of(&blocks);
        assert_eq!(facts.number.as_deref(), Some("国办发〔2019〕2号"));
        assert_eq!(facts.doc_type, Some(DocType::Notice));
        assert_eq!(facts.type_text.as_deref(), Some("通知"));
        assert_eq!(facts.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(facts.date.as_deref(), Some("2019-01-01"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知")
        );
    }

    #[test]
    fn a_news_article_has_no_header() {
        let blocks = vec![
            Block::new(
                BlockKind::Heading,
                "Thành phố ban hành kế hoạch truyền thông dân số",
            ),
            Block::new(
                BlockKind::Paragraph,
                "UBND thành phố vừa ban hành Kế hoạch số 144/KH-UBND ngày 09/5/2023 về truyền thông.",
            ),
        ];
        let facts = facts_of(&blocks);
        assert_eq!(facts.number, None);
        assert_eq!(facts.issuer, None);
        assert_eq!(facts.doc_type, Some(DocType::Other));
        assert_eq!(
            facts.subject.as_deref(),
            Some("Thành phố ban hành kế hoạch truyền thông dân số")
        );
    }

    #[test]
    fn a_reprint_names_itself_in_its_title() {
        let blocks: Vec<Block> = [
            "NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 29/1998/NĐ-CP NGÀY 11 THÁNG 5 NĂM 1998 VỀ VIỆC BAN HÀNH QUY CHẾ THỰC HIỆN DÂN CHỦ Ở XÃ",
            "CHÍNH PHỦ",
            "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992;",
        ]
        .into_iter()
        .map(|t| Block::new(BlockKind::Paragraph, t))
        .collect();
        let facts = facts_of(&blocks);
        assert_eq!(facts.doc_type, Some(DocType::Decree));
        assert_eq!(facts.number.as_deref(), Some("29/1998/NĐ-CP"));
        assert_eq!(facts.issuer.as_deref(), Some("CHÍNH PHỦ"));
        assert_eq!(facts.date.as_deref(), Some("1998-05-11"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("VỀ VIỆC BAN HÀNH QUY CHẾ THỰC HIỆN DÂN CHỦ Ở XÃ")
        );
    }
}
