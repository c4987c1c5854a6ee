//! Who a document is sent to: the "Kính gửi:" addressees under the title,
//! the items of "Nơi nhận:" at the end, and Chinese 主送 and 抄送 lists.
//!
//! A PDF, a legacy Word file or a flattened two-column table may
//! interleave the signature column with the "Nơi nhận:" list: whole lines
//! ("Thứ trưởng", "(Đã ký)", "Trần Văn Tá") or pieces glued to an item
//! ("thuộc TW Phạm Văn Trọng", "Chính phủ (để b/c); phó Thống đốc"). Those
//! pieces are taken out of the items and handed back as [`Fragment`]s.

use super::parts::{
    is_bare_office, is_name, is_office, is_person, is_signature_part, signature_line, without_notes,
};
use crate::facts::{Line, squeeze};

/// A piece of the signature block found inside the recipients list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    Authority(String),
    Office(String),
    Name(String),
}

/// The "Nơi nhận:" list and what of the signature was mixed into it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct List {
    pub items: Vec<String>,
    pub fragments: Vec<Fragment>,
    /// The index in the lines just past the list's last line.
    pub end: usize,
}

const BULLETS: [char; 5] = ['-', '+', '•', '–', '*'];

/// Where "Nơi nhận:" is in `text` (any case; a colon after it, or a bullet,
/// or nothing when the label is the whole line), as the byte offset where
/// the list's text starts.
pub fn list_label(text: &str) -> Option<usize> {
    let at = text
        .find("Nơi nhận")
        .or_else(|| text.find("NƠI NHẬN"))
        .or_else(|| text.find("Nơi Nhận"))?;
    let after = at + "Nơi nhận".len();
    let rest = text[after..].trim_start();
    if let Some(tail) = rest.strip_prefix([':', '：']) {
        return Some(text.len() - tail.len());
    }
    // Without its colon: "Nơi nhận - VP TƯ Đảng - …", or alone on its line.
    (rest.starts_with(BULLETS) || (rest.is_empty() && at == 0)).then_some(text.len() - rest.len())
}

/// The list that opens on `lines[at]`, whose text goes on at byte `from`.
pub fn vietnamese_list(lines: &[Line], at: usize, from: usize) -> List {
    let mut list = List {
        end: at + 1,
        ..List::default()
    };
    // Pieces and fragments carry the index of their (last) line, which
    // puts the fragments peeled off the pieces back in reading order.
    let mut pieces: Vec<(String, usize)> = Vec::new();
    let mut fragments: Vec<(Fragment, usize)> = Vec::new();
    let first = lines[at].text[from..].trim();
    match fragment(first) {
        Some(found) => fragments.extend(found.into_iter().map(|f| (f, at))),
        None => pieces.extend(line_items(first, at, &mut fragments)),
    }
    let mut skipped = 0;
    for (index, line) in lines.iter().enumerate().skip(at + 1) {
        let text = line.text;
        if text.starts_with(BULLETS) {
            pieces.extend(line_items(text, index, &mut fragments));
        } else if let Some(found) = fragment(text) {
            fragments.extend(found.into_iter().map(|f| (f, index)));
            continue;
        } else if pieces.last().is_some_and(|(last, _)| continues(last, text)) {
            let mut more = line_items(text, index, &mut fragments).into_iter();
            if let (Some((last, at)), Some((head, _))) = (pieces.last_mut(), more.next()) {
                last.push(' ');
                last.push_str(&head);
                *at = index;
            }
            pieces.extend(more);
        } else if pieces.is_empty() && skipped < 3 {
            skipped += 1;
            continue;
        } else {
            break;
        }
        list.end = index + 1;
    }
    for (piece, index) in pieces {
        let mut peeled = Vec::new();
        let item = peel(&piece, &mut peeled);
        fragments.extend(peeled.into_iter().map(|f| (f, index)));
        if item.chars().any(char::is_alphanumeric) {
            list.items.push(item);
        }
    }
    fragments.sort_by_key(|(_, index)| *index);
    list.fragments = fragments.into_iter().map(|(f, _)| f).collect();
    list
}

/// The items of one line of the list, each with the line's `index`; a name
/// or an office the signature column glued to the line's end ("Cục thuế
/// các Phạm Văn Trọng", "Văn phòng TW Đảng Thứ trưởng") goes to
/// `fragments`.
fn line_items(
    text: &str,
    index: usize,
    fragments: &mut Vec<(Fragment, usize)>,
) -> Vec<(String, usize)> {
    let mut items = split_items(&without_signing_notes(text));
    if let Some(last) = items.last_mut() {
        let core = last.trim_end_matches([';', ',', '.']);
        let closing = &last[core.len()..];
        let last_word = core.split_whitespace().next_back().unwrap_or("");
        let peeled = (ends_name(last_word))
            .then(|| trailing(core, 3..=4, is_person, &ADDRESS))
            .flatten()
            .map(|(rest, name)| (rest, Fragment::Name(name)))
            .or_else(|| {
                ends_office(last_word)
                    .then(|| trailing(core, 2..=3, is_bare_office, &OFFICE_OF))
                    .flatten()
                    .map(|(rest, office)| (rest, Fragment::Office(office)))
            });
        if let Some((rest, found)) = peeled {
            fragments.push((found, index));
            *last = format!("{rest}{closing}");
        }
    }
    items.into_iter().map(|item| (item, index)).collect()
}

/// Whether a line without a bullet goes on with the item above: the item
/// is unfinished (no closing `;` or `.`), and after a "Lưu" item only a
/// line of office abbreviations ("TCT (HC, NV3)") does.
fn continues(last: &str, text: &str) -> bool {
    if last.trim_end().ends_with([';', '.', '；', '。']) {
        return false;
    }
    let archive = last
        .trim_start_matches(BULLETS)
        .trim_start()
        .to_lowercase()
        .starts_with("lưu");
    !archive
        || (text.split_whitespace().count() <= 4
            && text
                .split(|c: char| !c.is_alphanumeric())
                .all(|word| !word.chars().any(char::is_lowercase)))
}

/// The signature pieces a whole line is, or `None` when it is not one
/// ("(Đã ký)" is one and gives nothing).
fn fragment(text: &str) -> Option<Vec<Fragment>> {
    if text.starts_with(BULLETS) || text.contains("(để") {
        return None;
    }
    let bare = without_notes(&without_signing_notes(text));
    if bare.is_empty() {
        return Some(Vec::new());
    }
    let parts = signature_line(text);
    if parts.is_block() || parts.name.is_some() {
        let mut found: Vec<Fragment> = parts
            .authority
            .into_iter()
            .map(Fragment::Authority)
            .collect();
        found.extend(parts.office.map(Fragment::Office));
        found.extend(parts.name.map(Fragment::Name));
        return Some(found);
    }
    if is_bare_office(&bare) {
        return Some(vec![Fragment::Office(bare)]);
    }
    if is_name(&bare) && bare.chars().any(char::is_lowercase) {
        return Some(vec![Fragment::Name(bare)]);
    }
    is_signature_part(text).then(Vec::new)
}

/// A signature piece glued to an item after "; " or before " - ": an
/// office in any case, or a full Vietnamese name (a family name first:
/// capitalized words alone are too often a body's name).
fn piece_fragment(text: &str) -> Option<Fragment> {
    let text = text.trim();
    if is_bare_office(text) {
        Some(Fragment::Office(text.to_string()))
    } else if is_person(text) {
        Some(Fragment::Name(text.to_string()))
    } else {
        None
    }
}

/// The items of one line as written: "- Như Điều 3;", several joined by a
/// PDF ("- Như Điều 3; - Lưu: VT."), bullets kept off. A " - " inside an
/// item ("Văn phòng Bộ - Bộ Y tế") does not split it: only one after a
/// closing mark, before "Lưu", or after a signature piece does.
fn split_items(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for chunk in text.split(" - ").flat_map(|part| part.split(" + ")) {
        let chunk = chunk.trim().trim_start_matches(BULLETS).trim();
        let joins = items.last().is_some_and(|last| {
            let tail = last.rsplit(';').next().unwrap_or(last).trim();
            !last.ends_with([';', ',', '.', ':', '；'])
                && !chunk.starts_with("Lưu")
                && piece_fragment(tail).is_none()
        });
        match items.last_mut() {
            Some(last) if joins => {
                last.push_str(" - ");
                last.push_str(chunk);
            }
            _ => items.push(chunk.to_string()),
        }
    }
    items.retain(|item| !item.is_empty());
    items
}

/// An item without the signature pieces left in it, cleaned: signing
/// notes out, a piece after "; " that is an office or a name, an office in
/// capitals.
fn peel(item: &str, fragments: &mut Vec<Fragment>) -> String {
    let item = without_signing_notes(item);
    let mut parts: Vec<&str> = item.split("; ").collect();
    let mut index = 1;
    while index < parts.len() {
        match piece_fragment(parts[index].trim_end_matches([';', '.', ','])) {
            Some(found) => {
                fragments.push(found);
                parts.remove(index);
            }
            None => index += 1,
        }
    }
    let mut text = clean(&parts.join("; "));
    if let Some((rest, office)) = office_inside(&text) {
        fragments.push(Fragment::Office(office));
        text = clean(&rest);
    }
    text
}

/// Words before a name that make it an addressee ("Đồng chí Nguyễn Văn
/// An"), lower-cased.
const ADDRESS: [&str; 6] = ["chí", "đ/c", "ông", "bà", "anh", "chị"];
/// Words before an office that make it part of a recipient ("Văn phòng
/// Tổng Bí thư", "Ban Giám đốc", "các Phó Chủ tịch").
const OFFICE_OF: [&str; 10] = [
    "chí", "đ/c", "ông", "bà", "các", "anh", "chị", "tổng", "phó", "ban",
];

/// Whether a name may end with `word`: a capitalized syllable.
fn ends_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// Whether an office may end with `word` ("Thứ trưởng", "phó Thống đốc").
fn ends_office(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["tịch", "đốc", "trưởng", "tướng", "ban", "phòng", "thư"].contains(&lower.as_str())
}

/// The last `words` words of `text` when `test` holds for them and none of
/// `guards` comes before them: the text before them, and them.
fn trailing(
    text: &str,
    words: std::ops::RangeInclusive<usize>,
    test: fn(&str) -> bool,
    guards: &[&str],
) -> Option<(String, String)> {
    // Word starts as byte offsets: the tail is a slice, built only once it
    // passes.
    let starts: Vec<usize> = text
        .split_whitespace()
        .map(|word| word.as_ptr() as usize - text.as_ptr() as usize)
        .collect();
    words.rev().find_map(|count| {
        let first = starts.len().checked_sub(count).filter(|&first| first > 0)?;
        let (head, tail) = text.split_at(starts[first]);
        let before = head.split_whitespace().next_back()?.to_lowercase();
        let tail = tail.trim_end();
        (!guards.contains(&before.as_str()) && test(tail))
            .then(|| (head.trim_end().to_string(), tail.to_string()))
    })
}

/// An office in capitals inside an item, which a recipient never prints
/// so ("TT HĐND huyện PHÓ CHỦ TỊCH (b/c)"): the item without it, and it.
fn office_inside(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // Only a word in capitals can open the office.
    (1..words.len()).find_map(|start| {
        if words[start].chars().any(char::is_lowercase) {
            return None;
        }
        (start + 1..=words.len().min(start + 4))
            .rev()
            .find_map(|end| {
                let office = words[start..end].join(" ");
                (is_office(&office) && is_bare_office(&office)).then_some((end, office))
            })
            .map(|(end, office)| {
                let rest = [&words[..start], &words[end..]].concat().join(" ");
                (rest, office)
            })
    })
}

/// `text` without "(Đã ký)" and a closing "đã ký" (a line that is only
/// that comes out empty).
fn without_signing_notes(text: &str) -> String {
    if !["ký", "Ký", "KÝ"].iter().any(|word| text.contains(word)) {
        return squeeze(text);
    }
    let mut text = text.to_string();
    for note in ["(Đã ký)", "(đã ký)", "(ĐÃ KÝ)", "(Ký)", "(ký)"] {
        text = text.replace(note, " ");
    }
    let text = format!(" {}", squeeze(&text));
    let text = ["đã ký", "Đã ký", "ĐÃ KÝ"]
        .iter()
        .find_map(|note| text.strip_suffix(note)?.strip_suffix(' '))
        .unwrap_or(&text);
    text.trim().to_string()
}

/// An item without its bullet and closing marks, squeezed.
fn clean(item: &str) -> String {
    let item = item
        .trim()
        .trim_start_matches(BULLETS)
        .trim()
        .trim_end_matches("./.")
        .trim_end_matches([';', ',', '.', ':', '，', '。', '；', '：'])
        .trim();
    squeeze(item)
}

/// The addressees after "Kính gửi:" (or "Kính gởi:") in `head`: the rest
/// of its line and the bulleted lines under it; a blank ("Kính gửi:
/// ......") gives none.
pub fn addressees(head: &[Line]) -> Vec<String> {
    let Some((at, rest)) = head.iter().enumerate().find_map(|(at, line)| {
        ["Kính gửi", "Kính gởi", "KÍNH GỬI", "Kính Gửi"]
            .iter()
            .find_map(|label| line.text.strip_prefix(label))
            .map(|rest| (at, rest.trim_start().trim_start_matches([':', '：'])))
    }) else {
        return Vec::new();
    };
    let mut pieces = split_items(rest);
    for line in &head[at + 1..] {
        if !line.text.starts_with(BULLETS) {
            break;
        }
        pieces.extend(split_items(line.text));
    }
    pieces
        .iter()
        .map(|piece| clean(piece))
        .filter(|item| item.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect()
}

/// 抄送 and 主送 lists: "抄送：A，B，C。", and the main recipients written
/// as a line ending in "：" under the title ("各县（市、区）卫生健康局，市疾病
/// 预防控制中心：").
pub fn chinese(lines: &[Line]) -> Vec<String> {
    let mut items = Vec::new();
    let addressed = lines.iter().take(15).find(|l| is_chinese_address(l.text));
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

/// A line naming bodies and ending in "：": its last body ends in a word
/// for an organisation (局, 委, 中心, 单位, 政府 …), which tells it from a
/// sentence that introduces a list ("修订原则为：").
fn is_chinese_address(text: &str) -> bool {
    let Some(body) = text.strip_suffix(['：', ':']) else {
        return false;
    };
    body.chars().count() <= 120
        && !body.contains(['。', '；', '《'])
        && body.chars().filter(|&c| crate::script::is_han(c)).count() >= 4
        && body
            .chars()
            .last()
            .is_some_and(|c| "局委厅院所站心位门府办处室会部司组校队科馆社团业构".contains(c))
        && !["根据", "为", "按照", "现将", "经", "主送", "抄送"]
            .iter()
            .any(|w| body.starts_with(w))
}

/// Items split at "，" and at "、" outside brackets ("各县（市、区）卫生健康局"
/// is one).
pub fn chinese_items(text: &str) -> Vec<String> {
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
        .map(|item| clean(item))
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::edge_lines;
    use crate::model::{Block, BlockKind};

    fn list_of(texts: &[&str]) -> List {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        let lines = edge_lines(&blocks, usize::MAX, 0);
        let at = lines
            .iter()
            .position(|l| list_label(l.text).is_some())
            .unwrap();
        vietnamese_list(&lines, at, list_label(lines[at].text).unwrap())
    }

    #[test]
    fn the_label_needs_its_colon() {
        assert_eq!(list_label("Nơi nhận:"), Some("Nơi nhận:".len()));
        assert_eq!(list_label("Nơi nhận :"), Some("Nơi nhận :".len()));
        assert_eq!(list_label("9. Nơi nhận"), None);
        assert_eq!(list_label("Nơi nhận"), Some("Nơi nhận".len()));
        assert_eq!(list_label("Nơi nhận - VP TƯ Đảng"), Some("Nơi nhận ".len()));
        assert_eq!(list_label("bao gồm từ “Nơi nhận”, phía dưới"), None);
        assert_eq!(list_label("a) Nơi nhận văn bản gồm: …"), None);
    }

    #[test]
    fn a_signature_column_interleaved_with_the_list() {
        let list = list_of(&[
            "Nơi nhận: KT/ bộ trưởng bộ tài chính",
            "- Văn phòng TW Đảng Thứ trưởng",
            "- Các Bộ, cơ quan ngang Bộ, cơ quan (Đã ký)",
            "thuộc Chính phủ",
            "- UBND, Sở Tài chính, Cục thuế các Trương Chí Trung",
            "tỉnh, thành phố trực thuộc TW",
            "- Lưu: VP (HC, TH)",
            "TCT (HC, NV3)",
            "(Biểu của QĐ 144 đính kèm ở dưới)",
            "EMBED Excel.Sheet.8",
        ]);
        assert_eq!(
            list.items,
            [
                "Văn phòng TW Đảng",
                "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                "UBND, Sở Tài chính, Cục thuế các tỉnh, thành phố trực thuộc TW",
                "Lưu: VP (HC, TH) TCT (HC, NV3)",
            ]
        );
        assert_eq!(
            list.fragments,
            [
                Fragment::Authority("KT/ bộ trưởng bộ tài chính".into()),
                Fragment::Office("Thứ trưởng".into()),
                Fragment::Name("Trương Chí Trung".into()),
            ]
        );
    }

    #[test]
    fn pieces_after_a_semicolon_and_whole_lines() {
        let list = list_of(&[
            "Nơi nhận:",
            "KT. THỐNG ĐỐC",
            "- Thủ tướng và các Phó Thủ tướng",
            "Chính phủ (để b/c); phó Thống đốc - Ban lãnh đạo NHNN;",
            "đã ký",
            "- UBND, HĐND các tỉnh, TP trực",
            "thuộc TW (để phối hợp); Nguyễn Đồng Tiến - NHNN chi nhánh;",
            "- Ban Kinh tế TW;",
            "Thứ trưởng",
            "- Các Vụ, Cục, Văn phòng Bộ - Bộ Y tế;",
            "- Lưu: VT.",
        ]);
        assert_eq!(
            list.items,
            [
                "Thủ tướng và các Phó Thủ tướng Chính phủ (để b/c)",
                "Ban lãnh đạo NHNN",
                "UBND, HĐND các tỉnh, TP trực thuộc TW (để phối hợp)",
                "NHNN chi nhánh",
                "Ban Kinh tế TW",
                "Các Vụ, Cục, Văn phòng Bộ - Bộ Y tế",
                "Lưu: VT",
            ]
        );
        assert_eq!(
            list.fragments,
            [
                Fragment::Authority("KT. THỐNG ĐỐC".into()),
                Fragment::Office("phó Thống đốc".into()),
                Fragment::Name("Nguyễn Đồng Tiến".into()),
                Fragment::Office("Thứ trưởng".into()),
            ]
        );
    }

    #[test]
    fn addressed_people_stay_items() {
        let list = list_of(&[
            "Nơi nhận:",
            "- Đồng chí Nguyễn Văn An;",
            "- Sở Y tế thành phố Hồ Chí Minh;",
            "- Các đ/c Thứ trưởng;",
            "- Văn phòng Tổng Bí thư;",
            "- Ban Giám đốc;",
            "- TT Huyện ủy, TT HĐND huyện PHÓ CHỦ TỊCH (b/c);",
            "- Lưu TTLT",
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ]);
        assert_eq!(
            list.items,
            [
                "Đồng chí Nguyễn Văn An",
                "Sở Y tế thành phố Hồ Chí Minh",
                "Các đ/c Thứ trưởng",
                "Văn phòng Tổng Bí thư",
                "Ban Giám đốc",
                "TT Huyện ủy, TT HĐND huyện (b/c)",
                "Lưu TTLT"
            ]
        );
        assert_eq!(list.fragments, [Fragment::Office("PHÓ CHỦ TỊCH".into())]);
    }

    #[test]
    fn addressees_under_kinh_gui() {
        let blocks: Vec<Block> = [
            "Kính gửi:",
            "- Sở Y tế;",
            "- UBND các huyện.",
            "Thực hiện …",
        ]
        .iter()
        .map(|t| Block::new(BlockKind::Paragraph, *t))
        .collect();
        let lines = edge_lines(&blocks, usize::MAX, 0);
        assert_eq!(addressees(&lines), ["Sở Y tế", "UBND các huyện"]);
        let blank = [Block::new(BlockKind::Paragraph, "Kính gửi: ..........")];
        assert!(addressees(&edge_lines(&blank, 9, 0)).is_empty());
    }

    #[test]
    fn chinese_lists() {
        assert_eq!(
            chinese_items("各县（市、区）卫生健康局，市疾病预防控制中心、各有关单位"),
            [
                "各县（市、区）卫生健康局",
                "市疾病预防控制中心",
                "各有关单位"
            ]
        );
        assert!(is_chinese_address("各区卫生健康局："));
        assert!(!is_chinese_address(
            "《核电厂定期安全审查指南》修订项目组确定的修订原则为："
        ));
    }
}
