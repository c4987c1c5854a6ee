//! The end of an official document: the signature block and the
//! recipients.
//!
//! A Vietnamese document ends with "Nơi nhận:" and its list on the left,
//! and on the right the authority lines (TM. ỦY BAN NHÂN DÂN, KT. CHỦ
//! TỊCH), the signer's office (PHÓ CHỦ TỊCH) and name. A Chinese one names
//! its main recipients (主送) under the title, and copies (抄送) at the end.

use super::{DocumentFacts, Line, Signer, squeeze};

/// How far from the end the signature block is looked for, in lines.
const TAIL_LINES: usize = 60;

/// Fills `signer` and `recipients` of `facts` from `lines`.
pub fn read(lines: &[Line], facts: &mut DocumentFacts) {
    facts.recipients = vietnamese_recipients(lines);
    if facts.recipients.is_empty() {
        facts.recipients = chinese_recipients(lines);
    }
    facts.signer = signer(&lines[lines.len().saturating_sub(TAIL_LINES)..]);
}

/// The items under "Nơi nhận:" (on its line and the bulleted lines after).
/// A PDF may interleave the signature column with the list: its lines
/// (authority, office, name, "(Đã ký)") are skipped; a line that is none
/// of those and has no bullet ends the list, or, in the same block,
/// continues the item above.
fn vietnamese_recipients(lines: &[Line]) -> Vec<String> {
    let Some((at, from)) = lines.iter().enumerate().rev().find_map(|(at, l)| {
        let lower = l.text.to_lowercase();
        lower.find("nơi nhận").map(|from| (at, from))
    }) else {
        return Vec::new();
    };
    let first = &lines[at].text[from..];
    let after_colon = first.split_once(':').map_or("", |(_, rest)| rest);
    // Items as written until the end: a line break inside an item ("các
    // bộ, cơ quan ngang bộ, / cơ quan thuộc Chính phủ;") keeps its comma.
    let mut items: Vec<String> = raw_items(after_colon);
    for line in &lines[at + 1..] {
        let text = line.text;
        let bulleted = text.starts_with(['-', '+', '•', '–', '*']);
        let unfinished = items
            .last()
            .is_some_and(|last| !last.trim_end().ends_with([';', '.', '；', '。']));
        if bulleted {
            items.extend(raw_items(text));
        } else if unfinished && !is_signature_part(text) {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(text);
            }
        } else if is_signature_part(text) {
            continue;
        } else if !items.is_empty() {
            break;
        }
    }
    items
        .iter()
        .map(|item| clean_item(item))
        .filter(|item| !item.is_empty())
        .collect()
}

/// Items of one recipients line as written: "- Như Điều 3;", or several
/// joined by a PDF: "- Như Điều 3; - Lưu: VT."
fn raw_items(text: &str) -> Vec<String> {
    text.split(" - ")
        .flat_map(|part| part.split(" + "))
        .map(|part| {
            part.trim()
                .trim_start_matches(['-', '+', '•', '–', '*'])
                .trim()
        })
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

/// A line of a signature block: authority, office, name, signing note.
fn is_signature_part(text: &str) -> bool {
    let text = without_notes(text);
    text.is_empty() || is_authority(&text) || is_office(&text) || is_name(&text)
}

/// `text` without its bracketed notes ("(Đã ký)", "(b/c)"), squeezed.
fn without_notes(text: &str) -> String {
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

fn clean_item(item: &str) -> String {
    let item = item
        .trim()
        .trim_start_matches(['-', '+', '•', '–', '*'])
        .trim()
        .trim_end_matches("./.")
        .trim_end_matches([';', ',', '.', '，', '。', '；'])
        .trim();
    squeeze(item)
}

/// 抄送 and 主送 lists: "抄送：A，B，C。", and the main recipients written
/// as a line ending in "：" under the title ("各县（市、区）卫生健康局，市疾病
/// 预防控制中心：").
fn chinese_recipients(lines: &[Line]) -> Vec<String> {
    let mut items = Vec::new();
    let addressed = lines.iter().take(15).find(|l| {
        let text = l.text;
        text.ends_with(['：', ':'])
            && !text.contains(['。', '；'])
            && text.chars().count() <= 120
            && text.chars().filter(|&c| crate::script::is_han(c)).count() >= 4
            && !["根据", "为", "按照", "现将", "经", "主送", "抄送"]
                .iter()
                .any(|w| text.starts_with(w))
    });
    if let Some(line) = addressed {
        items.extend(chinese_items(line.text.trim_end_matches(['：', ':'])));
    }
    for line in lines {
        for label in ["主送", "抄送"] {
            if let Some(rest) = line.text.strip_prefix(label) {
                items.extend(chinese_items(rest.trim_start_matches([':', '：', ' '])));
            }
        }
    }
    items
}

/// Items split at "，" and at "、" outside brackets ("各县（市、区）卫生健康局"
/// is one).
fn chinese_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == '，' || c == ',' || c == '；' || (c == '、' && depth == 0) {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .iter()
        .map(|item| clean_item(item))
        .filter(|item| !item.is_empty())
        .collect()
}

/// Authority lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ
/// TRƯỞNG", "TUQ. GIÁM ĐỐC", "Q. CHÁNH VĂN PHÒNG", "T/M", "K/T".
fn is_authority(text: &str) -> bool {
    [
        "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T.M.", "K.T.",
    ]
    .iter()
    .any(|mark| text.starts_with(mark))
}

/// Offices that sign.
const OFFICES: [&str; 20] = [
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
];

fn is_office(text: &str) -> bool {
    // "PHÓ THỐNG ĐỐC", "PHÓ VIỆN TRƯỞNG": a deputy of any office.
    let office = text.strip_prefix("PHÓ ").unwrap_or(text);
    !text.chars().any(char::is_lowercase)
        && text.chars().count() <= 60
        && OFFICES.iter().any(|o| office.starts_with(o))
}

/// A person's name: two to six words, each capitalized, no digits.
fn is_name(text: &str) -> bool {
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

/// The parts of one signature line, which a PDF may have joined: "KT.
/// GIÁM ĐỐC PHÓ GIÁM ĐỐC (Đã ký)", "GIÁM ĐỐC (Đã ký) Phạm Quốc Bảo".
#[derive(Debug, Default, PartialEq, Eq)]
struct SignatureLine {
    authority: Vec<String>,
    office: Option<String>,
    name: Option<String>,
}

fn signature_line(text: &str) -> SignatureLine {
    let mut line = SignatureLine::default();
    // Signature lines are short and start with a capital letter.
    if text.len() > 240 || !text.starts_with(|c: char| c.is_uppercase() || c == '(') {
        return line;
    }
    let text = without_notes(text);
    let mut rest = text.as_str();
    // Authority segments: "TM. X", "KT. Y", each up to the next mark.
    while let Some(mark) = AUTHORITY_MARKS.iter().find(|m| rest.starts_with(**m)) {
        let after = &rest[mark.len()..];
        let next = AUTHORITY_MARKS
            .iter()
            .filter_map(|m| after.find(&format!(" {m}")).map(|at| at + 1))
            .min()
            .unwrap_or(after.len());
        let segment = &after[..next];
        // "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC": a second office inside is the title.
        let inner = office_inside(segment);
        let own = inner.map_or(segment, |at| &segment[..at]);
        line.authority
            .push(squeeze(&format!("{mark} {}", own.trim())));
        rest = match inner {
            Some(at) => &segment[at..],
            None => after[next..].trim_start(),
        };
    }
    let rest = rest.trim();
    let deputy = rest.strip_prefix("PHÓ ").unwrap_or(rest);
    if OFFICES.iter().any(|office| deputy.starts_with(office)) {
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
    } else if is_name(rest) {
        line.name = Some(rest.to_string());
    }
    line
}

const AUTHORITY_MARKS: [&str; 12] = [
    "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T.M.", "K.T.", "KT/", "TM/", "TL/",
];

/// Where a second office starts inside an authority segment ("GIÁM ĐỐC
/// PHÓ GIÁM ĐỐC" → at "PHÓ").
fn office_inside(segment: &str) -> Option<usize> {
    let segment_trimmed = segment.trim_start();
    let lead = segment.len() - segment_trimmed.len();
    segment_trimmed
        .match_indices(' ')
        .map(|(at, _)| at + 1)
        .find(|&at| OFFICES.iter().any(|o| segment_trimmed[at..].starts_with(o)))
        .map(|at| at + lead)
}

/// The last signature block of `tail`: authority lines, the office, the
/// name (each part `None` when absent).
fn signer(tail: &[Line]) -> Option<Signer> {
    let last = tail.iter().rposition(|l| {
        let line = signature_line(l.text);
        !line.authority.is_empty() || line.office.is_some()
    })?;
    let mut start = last;
    while start > 0 && !signature_line(tail[start - 1].text).authority.is_empty() {
        start -= 1;
    }
    let mut signer = Signer::default();
    let mut authority: Vec<String> = Vec::new();
    for line in &tail[start..(last + 5).min(tail.len())] {
        if signer.name.is_some() {
            break;
        }
        let parts = signature_line(line.text);
        authority.extend(parts.authority);
        if parts.office.is_some() && signer.title.is_none() {
            signer.title = parts.office;
        }
        if parts.name.is_some() && (signer.title.is_some() || !authority.is_empty()) {
            signer.name = parts.name;
        }
    }
    signer.authority = (!authority.is_empty()).then(|| authority.join(" "));
    (signer.name.is_some() || signer.title.is_some() || signer.authority.is_some())
        .then_some(signer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::edge_lines;
    use crate::model::{Block, BlockKind};

    fn read_blocks(texts: &[&str]) -> DocumentFacts {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        let mut facts = DocumentFacts::default();
        read(&edge_lines(&blocks, usize::MAX, 0), &mut facts);
        facts
    }

    #[test]
    fn a_vietnamese_signature_block() {
        let facts = read_blocks(&[
            "Trên đây là Kế hoạch …/.",
            "Nơi nhận:\n- Bộ Y tế;\n- TT Tỉnh ủy, TT HĐND tỉnh;\n- Lưu: VT, VX.",
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn An",
        ]);
        assert_eq!(
            facts.recipients,
            ["Bộ Y tế", "TT Tỉnh ủy, TT HĐND tỉnh", "Lưu: VT, VX"]
        );
        assert_eq!(
            facts.signer,
            Some(Signer {
                name: Some("Nguyễn Văn An".into()),
                title: Some("PHÓ CHỦ TỊCH".into()),
                authority: Some("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH".into()),
            })
        );
    }

    #[test]
    fn an_office_alone_and_joined_recipients() {
        let facts = read_blocks(&[
            "Nơi nhận: - Như Điều 3; - Lưu: VT.",
            "GIÁM ĐỐC",
            "Trần Thị Bình",
        ]);
        assert_eq!(facts.recipients, ["Như Điều 3", "Lưu: VT"]);
        let signer = facts.signer.unwrap();
        assert_eq!(signer.title.as_deref(), Some("GIÁM ĐỐC"));
        assert_eq!(signer.name.as_deref(), Some("Trần Thị Bình"));
        assert_eq!(signer.authority, None);
    }

    #[test]
    fn chinese_copies_and_no_signature() {
        let facts = read_blocks(&[
            "各区卫生健康局：",
            "现将有关事项通知如下。",
            "抄送：市政府办公厅，市财政局、市医保局。",
        ]);
        assert_eq!(
            facts.recipients,
            ["各区卫生健康局", "市政府办公厅", "市财政局", "市医保局"]
        );
        assert_eq!(
            chinese_items("各县（市、区）卫生健康局，市疾病预防控制中心、各有关单位"),
            [
                "各县（市、区）卫生健康局",
                "市疾病预防控制中心",
                "各有关单位"
            ]
        );
        assert_eq!(facts.signer, None);
    }

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
        let facts = read_blocks(&[
            "Thực hiện./. Nơi nhận:",
            "GIÁM ĐỐC (Đã ký) Phạm Quốc Bảo",
            "- Sở Y tế (b/c);",
            "- Các bộ, cơ quan ngang bộ, cơ quan",
            "- Lưu: VT.",
        ]);
        assert_eq!(
            facts.recipients,
            [
                "Sở Y tế (b/c)",
                "Các bộ, cơ quan ngang bộ, cơ quan",
                "Lưu: VT"
            ]
        );
        assert_eq!(facts.signer.unwrap().name.as_deref(), Some("Phạm Quốc Bảo"));
    }
}
