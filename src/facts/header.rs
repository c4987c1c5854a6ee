//! The header of an official document: number, type, issuer, place and
//! date, subject.
//!
//! Vietnamese documents (Decree 30/2020/NĐ-CP's form) open with the issuer
//! over "Số: …" on the left, the national motto and "Place, ngày … tháng …
//! năm …" on the right (a two-column table, or paragraphs one under the
//! other), then the type ("KẾ HOẠCH") and the subject. Chinese ones open
//! with the 红头 ("…文件"), the 发文字号, and the title "…关于…的通知"; their
//! date (成文日期) stands at the end, under the issuer's name.
//!
//! Blank templates (a form code, blanks for the number, date and
//! addressee) are forms whatever their title says, with no number, issuer
//! or date of their own. A web page without a header publishes the
//! document its headline names, or is a news item (type `other`) when its
//! text reports the issuing.

mod chinese;
mod forms;
mod issuer;

use super::{DocType, DocTypes, DocumentFacts, Line, dates, in_capitals, squeeze, symbols};
use crate::model::BlockKind;
use crate::script::is_han;
use chinese::read_chinese;
use forms::{blank_form, headline, is_blank_form, is_form_code, is_headline_page, page};
use issuer::{OFFICE_WORDS, ORGAN_WORDS, issuer};

/// How many lines from the top the header may take.
const HEADER_LINES: usize = 30;
/// How many lines a subject may take, and how long it may grow.
const SUBJECT_LINES: usize = 4;
const SUBJECT_CHARS: usize = 400;

/// Fills the header fields of `facts` from `lines`.
pub fn read(lines: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    let head = &lines[..lines.len().min(HEADER_LINES)];
    let chinese = more_han_than(head, 20);
    if chinese {
        read_chinese(lines, head, types, facts);
    } else {
        read_vietnamese(lines, head, types, facts);
    }
    // Every document is of some kind: one that names none (a news page
    // whose headline was lost) is `other`.
    facts.doc_type.get_or_insert(DocType::Other);
}

/// Whether `lines` hold more than `count` Han characters. Han characters
/// are three or four bytes in UTF-8 with a lead byte from 0xE3 up, which
/// Vietnamese letters (up to U+1EFF, lead byte 0xE1) never have: most
/// Vietnamese lines are passed over without decoding them.
fn more_han_than(lines: &[Line], count: usize) -> bool {
    let mut seen = 0;
    for line in lines {
        if line.text.bytes().any(|b| b >= 0xE3) {
            seen += line.text.chars().filter(|&c| is_han(c)).count();
            if seen > count {
                return true;
            }
        }
    }
    false
}

/// Dates a news item by its page's posting time (`published`, the record's
/// `meta.published`: "2023-11-17T20:52"), which the readers keep out of the
/// text. Only a news item (type `other` with no type word, no number and no
/// date of its own) takes it: a plan or notice published on a page is not
/// dated by the page.
pub fn page_date(published: Option<&str>, facts: &mut DocumentFacts) {
    let news = facts.doc_type == Some(DocType::Other)
        && facts.type_text.is_none()
        && facts.number.is_none()
        && facts.date.is_none();
    let Some(day) = published.and_then(|p| p.get(..10)).filter(|_| news) else {
        return;
    };
    let mut parts = day.split('-').map(|part| part.parse().ok());
    let (year, month, date) = (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    );
    facts.date = dates::iso(year, month, date);
}

// ------------------------------------------------------------ Vietnamese

fn read_vietnamese(lines: &[Line], head: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    // The header ends where the body starts; a blank form's "…, ngày …
    // tháng … năm …" above its signature is not the header's.
    let body_at = head
        .iter()
        .position(|l| starts_body(l.text))
        .unwrap_or(head.len());
    let header = &head[..body_at];
    let number_at = header.iter().position(|l| number_line(l.text).is_some());
    let date_at = header.iter().position(|l| place_and_date(l.text).is_some());
    if number_at.or(date_at).is_none() && is_headline_page(header, types) {
        page(head, facts, types);
        return;
    }
    facts.number = number_at.and_then(|at| number_line(header[at].text));
    if let Some((place, date)) = date_at.and_then(|at| place_and_date(header[at].text)) {
        facts.place = place;
        facts.date = date;
    }
    // The title comes after the number and the date: lines above them
    // belong to the issuer ("CHI CỤC DÂN SỐ - / KẾ HOẠCH HÓA GIA ĐÌNH").
    let from = number_at.max(date_at).map_or(0, |at| at + 1);
    let title_at = (from..body_at).find(|&at| {
        let text = head[at].text;
        !is_motto(text) && !is_form_code(text) && types.vietnamese_title(text).is_some()
    });
    if let Some(at) = title_at {
        title(head, at, types, facts);
    } else if let Some(code) = facts.number.as_deref().and_then(number_code) {
        facts.doc_type = types.code(&code, false);
    }
    let top = &header[..title_at.unwrap_or(body_at)];
    // A numbered or dated document is filled in; an appendix or a table
    // ("Phụ lục", "BIỂU") stays what it is.
    if facts.number.is_none()
        && facts.date.is_none()
        && facts.doc_type != Some(DocType::Other)
        && is_blank_form(top, lines)
    {
        blank_form(head, lines, from, body_at, facts);
        return;
    }
    if facts.doc_type.is_none() {
        headline(head, types, facts);
    }
    let issuer_end = number_at.map(|at| at + 1).or(title_at).unwrap_or(0);
    let (issuer, parent) = issuer(&head[..issuer_end]);
    if issuer.is_some() {
        facts.issuer = issuer;
        facts.issuer_parent = parent;
    }
}

/// Where the body starts: a heading marker, the preamble ("Căn cứ …",
/// "- Căn cứ …"), the addressee ("Kính gửi: …").
fn starts_body(line: &str) -> bool {
    let text = line.trim_start_matches(|c: char| "-–+•".contains(c) || c.is_whitespace());
    starts_marker(line) || starts_with_ci(text, "căn cứ") || is_addressee(text)
}

fn is_addressee(line: &str) -> bool {
    starts_with_ci(line, "kính gửi") || starts_with_ci(line, "kính gởi")
}

/// The type, the type words as printed and the subject of the title line
/// `head[at]`. A title line holds the type alone ("KẾ HOẠCH"), the type and
/// who issues it ("QUYẾT ĐỊNH CỦA …"), a numbered type ("Phụ lục I",
/// "BIỂU 01: …"), a kind of form over its subject ("ĐƠN ĐĂNG KÝ" / "CHỦ
/// TRÌ …"), type and subject in one ("BÁO CÁO ĐỊNH KỲ VỀ …", "Thông báo về
/// việc …"), or the type and a subject a PDF joined to it ("KẾ HOẠCH Chăm
/// sóc …", "ĐƠN … (V/v: …)").
fn title(head: &[Line], at: usize, types: &DocTypes, facts: &mut DocumentFacts) {
    let line = head[at].text;
    let (doc_type, printed) = types
        .vietnamese_title(line)
        .expect("the title line names a type");
    facts.doc_type = Some(doc_type);
    let rest = line[printed.len()..].trim();
    // A joined line goes on into the preamble: "KẾ HOẠCH Chăm sóc … Căn cứ …".
    let rest = rest.find(" Căn cứ").map_or(rest, |end| rest[..end].trim());
    let of = starts_with_ci(rest, "của ");
    let label = (!of).then(|| after_label(rest)).flatten();
    let capitals = !printed.chars().any(char::is_lowercase);
    let (kind, joined) = if capitals {
        split_case(rest)
    } else {
        ("", rest)
    };
    let started = !(rest.is_empty() || of || label.is_some());
    // Once the line has said more than the type, an authority line under
    // it ends the title ("… CỦA CHÍNH PHỦ …" / "CHÍNH PHỦ").
    let below = subject_lines(head, at, !rest.is_empty());
    let mut type_text = printed.to_string();
    // What the title line gives the subject, and whether the lines under
    // it go on with it.
    let (first, go_on) = if let Some(title) = label {
        (title, title.is_none())
    } else if !started {
        (None, true)
    } else if !capitals {
        // "Thông báo về việc …": type and subject in one line.
        (Some(line.trim()), true)
    } else if !joined.is_empty() {
        type_text = squeeze(&format!("{printed} {kind}"));
        (Some(parenthesized_subject(joined).unwrap_or(joined)), true)
    } else if below.is_empty() {
        // "BÁO CÁO ĐỊNH KỲ VỀ …": type and subject in one line.
        (Some(line.trim()), false)
    } else {
        // The line names a kind of form ("ĐƠN ĐĂNG KÝ"), its subject is below.
        type_text = squeeze(line);
        (None, true)
    };
    let parts: Vec<&str> = first
        .into_iter()
        .chain(below.iter().copied().filter(|_| go_on))
        .collect();
    facts.type_text = Some(type_text);
    if !parts.is_empty() {
        facts.subject = Some(squeeze(&parts.join(" ")));
    }
    // A reprint's title names its issuer, number and date: "NGHỊ ĐỊNH" /
    // "CỦA CHÍNH PHỦ SỐ 29/1998/NĐ-CP NGÀY … VỀ VIỆC …".
    let named = if of {
        format!("{rest} {}", below.join(" "))
    } else {
        below.join(" ")
    };
    reprint_title(&named, facts);
}

/// The title after a numbered type's label: "01: CHỈ TIÊU …" of "BIỂU 01:
/// CHỈ TIÊU …" (`Some(Some(..))`), "I" of "Phụ lục I" (`Some(None)`).
fn after_label(rest: &str) -> Option<Option<&str>> {
    let (label, title) = rest.split_once(' ').unwrap_or((rest, ""));
    let separated = title.is_empty() || label.ends_with([':', '.']);
    let label = label.trim_end_matches([':', '.']);
    let digits = !label.is_empty() && label.chars().all(|c| c.is_ascii_digit());
    // A roman numeral is a label only set off from what follows: "VI
    // PHẠM …" is not "VI".
    let roman = !label.is_empty() && separated && label.chars().all(|c| "IVXLCivxlc".contains(c));
    if !digits && !roman {
        return None;
    }
    let title = title.trim_start_matches([':', '.', ' ']).trim();
    Some((!title.is_empty()).then_some(title))
}

/// A capitals title line's rest split where sentence case starts: "YÊU
/// CẦU … DÂN SỰ" and "(V/v: Công nhận …)"; "" and "Chăm sóc …".
fn split_case(rest: &str) -> (&str, &str) {
    let mut at = 0;
    for word in rest.split(' ') {
        if word.chars().any(char::is_lowercase) {
            return (rest[..at].trim(), rest[at..].trim());
        }
        at += word.len() + 1;
    }
    (rest, "")
}

/// "(V/v: Công nhận …)", "(Về …)": the subject without its parentheses.
fn parenthesized_subject(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('(')?;
    let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
    (starts_with_ci(inner, "v/v") || starts_with_ci(inner, "về ")).then_some(inner)
}

/// The lines under a title that hold its subject or go on with it, up to
/// the preamble ("Căn cứ …"), the addressee, the authority line of a
/// decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"; once the title line said
/// more than the type, `started`, or a subject line was taken), a rule, a
/// heading marker, a note in parentheses. The first may be the subject in
/// parentheses, given without them.
fn subject_lines<'a>(head: &[Line<'a>], title_at: usize, started: bool) -> Vec<&'a str> {
    let mut parts: Vec<&'a str> = Vec::new();
    let mut chars = 0;
    let title_in_table = head.get(title_at).map(|l| l.kind) == Some(BlockKind::TableCell);
    for line in head.iter().skip(title_at + 1).take(SUBJECT_LINES) {
        // A title outside a table does not go on in one (a list's "TT"
        // column head under "DANH SÁCH …").
        if line.kind == BlockKind::TableCell && !title_in_table {
            break;
        }
        let mut text = line.text;
        if let Some(inner) = parenthesized_subject(text).filter(|_| parts.is_empty()) {
            text = inner;
        } else if is_rule(text)
            || text.starts_with('(')
            || starts_body(text)
            || place_and_date(text).is_some()
            || ((started || !parts.is_empty()) && is_authority_line(text))
            || text.ends_with(':')
            || parts
                .first()
                .is_some_and(|first| in_capitals(first) && !in_capitals(text))
        {
            // A subject in capitals goes on in capitals: a sentence-case
            // line under it is the body ("THUẾ TIÊU THỤ ĐẶC BIỆT" / "Để
            // hướng dẫn sản xuất …").
            break;
        }
        parts.push(text);
        chars += text.chars().count();
        if chars > SUBJECT_CHARS {
            break;
        }
    }
    parts
}

/// The number of a "Số: 45/KH-UBND" line (also "Số 45/KH-UBND", "SỐ: …",
/// "Số : 01/2006/TT-NHNN", "Số: 256 /2004/QĐ-UB"), wherever "Số" stands in
/// it: a PDF may join the issuer's lines and the number into one. Spaces
/// inside the number are dropped.
fn number_line(line: &str) -> Option<String> {
    number_at(line).map(|(_, number)| number)
}

/// Where "Số" starts in `line` (bytes), and the number after it: at the
/// start of the line, or anywhere as "Số:".
fn number_at(line: &str) -> Option<(usize, String)> {
    let mut hits: Vec<usize> = line
        .match_indices("Số")
        .chain(line.match_indices("SỐ"))
        .map(|(at, _)| at)
        .collect();
    hits.sort_unstable();
    hits.into_iter().find_map(|at| {
        let line_start = line[..at].trim().is_empty();
        let word_start = line[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let rest = &line[at + "Số".len()..];
        // In a sentence "số" cites ("Kế hoạch số …"); the header's is "Số:".
        if !word_start || !(line_start || rest.trim_start().starts_with(':')) {
            return None;
        }
        let rest = rest.trim_start_matches([':', '.', ' ', '\u{a0}']);
        let end = rest
            .char_indices()
            .scan(0, |spaces, (i, c)| {
                // A space inside the number is kept only next to a slash
                // ("256 /2004/QĐ-UB", "99/ 1998/TT-BTC").
                *spaces = if c == ' ' { *spaces + 1 } else { 0 };
                (*spaces <= 1).then_some((i, c))
            })
            .take_while(|&(i, c)| {
                !c.is_whitespace()
                    || rest[i..].trim_start().starts_with('/')
                    || rest[..i].ends_with('/')
            })
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
    // The line ends with the year: not a reprint's title ("NGÀY 01 THÁNG 11
    // NĂM 1995 VỀ VIỆC …") nor a table's heading ("Ngày, tháng, năm sinh").
    let after_year = lower[at..].rsplit_once("năm").map_or("", |(_, rest)| rest);
    if after_year.chars().any(char::is_alphabetic) {
        return None;
    }
    let before = line.get(..at)?.trim_end().trim_end_matches(',').trim();
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
    let date = dates::first(line.get(at..)?).map(|d| d.iso);
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

/// A reprint's title ("CỦA CHÍNH PHỦ SỐ 29/1998/NĐ-CP NGÀY 11 THÁNG 5 NĂM
/// 1998 VỀ VIỆC …" after "NGHỊ ĐỊNH", on its line or the lines under it):
/// the issuer, number and date it names fill what the header lacks, and
/// the subject starts at "VỀ".
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
/// BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ Y TẾ", "ỦY BAN NHÂN DÂN TỈNH"); in a
/// lower-cased transcript, an office ("bộ trưởng bộ tài chính").
fn is_authority_line(line: &str) -> bool {
    if !line.chars().any(char::is_lowercase) {
        return ORGAN_WORDS
            .iter()
            .chain(OFFICE_WORDS.iter())
            .any(|w| line.starts_with(w));
    }
    let lower_cased = !line.chars().any(char::is_uppercase);
    lower_cased && {
        let upper = line.to_uppercase();
        OFFICE_WORDS.iter().any(|w| upper.starts_with(w))
    }
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

/// The first place of `needle` in `text`, in any case: its start and end
/// bytes.
fn find_ci(text: &str, needle: &str) -> Option<(usize, usize)> {
    let first = needle.chars().next()?;
    text.char_indices()
        .filter(|&(_, c)| c.to_lowercase().eq(first.to_lowercase()))
        .find_map(|(at, _)| {
            let rest = strip_prefix_ci(&text[at..], needle)?;
            Some((at, text.len() - rest.len()))
        })
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
    fn a_spaced_number_and_a_capitals_subject_over_the_body() {
        let facts = facts_of(&paragraphs(&[
            "BỘ TÀI CHÍNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 99/ 1998/TT-BTC ------------",
            "Hà nội, ngày 14 tháng 7 năm 1998",
            "LUẬT",
            "THUẾ TIÊU THỤ ĐẶC BIỆT",
            "Để hướng dẫn sản xuất, tiêu dùng của xã hội, điều tiết thu nhập",
        ]));
        assert_eq!(facts.number.as_deref(), Some("99/1998/TT-BTC"));
        assert_eq!(facts.subject.as_deref(), Some("THUẾ TIÊU THỤ ĐẶC BIỆT"));
    }

    #[test]
    fn a_list_title_does_not_go_on_into_its_table() {
        let mut blocks = paragraphs(&["DANH SÁCH THÀNH VIÊN CÔNG TY HỢP DANH"]);
        blocks.push(cell(0, "TT"));
        blocks.push(cell(1, "Tên thành viên"));
        blocks.extend(paragraphs(&[
            "Sóc Trăng, ngày",
            "Đại diện theo pháp luật của công ty (ký và ghi rõ họ tên)",
        ]));
        let facts = facts_of(&blocks);
        assert_eq!(facts.doc_type, Some(DocType::Form));
        assert_eq!(facts.place.as_deref(), Some("Sóc Trăng"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("DANH SÁCH THÀNH VIÊN CÔNG TY HỢP DANH")
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

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect()
    }

    #[test]
    fn a_reprint_title_over_several_lines() {
        let facts = facts_of(&paragraphs(&[
            "QUYẾT ĐỊNH",
            "CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH SỐ 1141-TC/QĐ/CĐKT\nNGÀY 01 THÁNG 11 NĂM 1995 VỀ VIỆC BAN HÀNH\nCHẾ ĐỘ KẾ TOÁN DOANH NGHIỆP",
            "BỘ TRƯỞNG BỘ TÀI CHÍNH",
            "- Căn cứ Nghị định số 15/CP ngày 2-3-1993 của Chính phủ;",
            "QUYẾT ĐỊNH",
            "Điều 1. Nay ban hành hệ thống Chế độ Kế toán doanh nghiệp.",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Decision));
        assert_eq!(facts.number.as_deref(), Some("1141-TC/QĐ/CĐKT"));
        assert_eq!(facts.issuer.as_deref(), Some("BỘ TRƯỞNG BỘ TÀI CHÍNH"));
        assert_eq!(facts.issuer_parent, None);
        assert_eq!(facts.date.as_deref(), Some("1995-11-01"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("VỀ VIỆC BAN HÀNH CHẾ ĐỘ KẾ TOÁN DOANH NGHIỆP")
        );
    }

    #[test]
    fn a_lower_cased_transcript_and_a_joined_motto() {
        let facts = facts_of(&paragraphs(&[
            "bộ tài chính cộng hoà xã hội chủ nghĩa Việt nam",
            "-0- Độc lập-Tự do-Hạnh phúc",
            "SỐ: 144 /2002/QĐ/BTC --------",
            "Hà nội, ngày 22 tháng 11 năm 2002",
            "quyết định của bộ trưởng bộ tài chính",
            "về việc sửa đổi mức thuế suất",
            "bộ trưởng bộ tài chính",
            "Căn cứ Nghị định số 86/2002/NĐ-CP;",
        ]));
        assert_eq!(facts.number.as_deref(), Some("144/2002/QĐ/BTC"));
        assert_eq!(facts.doc_type, Some(DocType::Decision));
        assert_eq!(facts.type_text.as_deref(), Some("quyết định"));
        assert_eq!(facts.issuer.as_deref(), Some("bộ tài chính"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("về việc sửa đổi mức thuế suất")
        );
        // A PDF read the header's two columns line by line.
        let facts = facts_of(&paragraphs(&[
            "NGÂN HÀNG NHÀ NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM VIỆT NAM Độc lập - Tự do - Hạnh phúc",
            "Số : 01/2006/TT-NHNN Hà Nội, ngày 20 tháng 02 năm 2006",
            "THÔNG TƯ",
        ]));
        assert_eq!(facts.issuer.as_deref(), Some("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"));
        assert_eq!(facts.number.as_deref(), Some("01/2006/TT-NHNN"));
        assert_eq!(facts.place.as_deref(), Some("Hà Nội"));
    }

    #[test]
    fn blank_forms() {
        // The kind of form over its subject in parentheses; the blank
        // place-and-date line at the end is not the header's.
        let facts = facts_of(&paragraphs(&[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập – Tự do – Hạnh phúc",
            "ĐƠN YÊU CẦU GIẢI QUYẾT VIỆC DÂN SỰ",
            "(V/v: Công nhận thuận tình ly hôn)",
            "Kính gửi: ..........",
            "1. Tên chồng: ..........",
            "........, ngày .... tháng .... năm ....",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Form));
        assert_eq!(
            facts.type_text.as_deref(),
            Some("ĐƠN YÊU CẦU GIẢI QUYẾT VIỆC DÂN SỰ")
        );
        assert_eq!(
            facts.subject.as_deref(),
            Some("V/v: Công nhận thuận tình ly hôn")
        );
        // A template titled as a report: type and subject in one line.
        let facts = facts_of(&paragraphs(&[
            "Mẫu số 5",
            "Tên đơn vị: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "....., ngày tháng năm",
            "BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG",
            "Kính gửi: Ban Quản lý các Khu công nghiệp",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Form));
        assert_eq!(facts.type_text.as_deref(), Some("BÁO CÁO"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG")
        );
        assert_eq!((facts.number, facts.issuer, facts.date), (None, None, None));
        // A placeholder header, a blank number and a blank date.
        let facts = facts_of(&paragraphs(&[
            "TÊN DOANH NGHIỆP",
            "Số:",
            "THÔNG BÁO THAY ĐỔI VỐN ĐIỀU LỆ CỦA CÔNG TY",
            "Kính gởi: Phòng đăng ký kinh doanh",
            "....................., ngày.........tháng .......năm ........",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Form));
        assert_eq!(facts.issuer, None);
        // A form code over a title without a type word.
        let facts = facts_of(&paragraphs(&[
            "B1-3-LLTC",
            "TÓM TẮT HOẠT ĐỘNG KHOA HỌC",
            "CỦA TỔ CHỨC ĐĂNG KÝ",
            "(Kèm theo Quyết định số 16/2003/QĐ-BKHCN ngày 18/7/2003)",
            "1. Tên tổ chức",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Form));
        assert_eq!(facts.type_text, None);
        assert_eq!(
            facts.subject.as_deref(),
            Some("TÓM TẮT HOẠT ĐỘNG KHOA HỌC CỦA TỔ CHỨC ĐĂNG KÝ")
        );
    }

    #[test]
    fn type_and_subject_in_one_line() {
        let facts = facts_of(&paragraphs(&[
            "Trung tâm Y tế huyện Thanh Bình",
            "Thông báo về việc tổ chức tiêm chủng mở rộng quý III năm 2025",
            "Thực hiện Kế hoạch số 58/KH-TTYT, Trung tâm thông báo như sau:",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Notice));
        assert_eq!(facts.type_text.as_deref(), Some("Thông báo"));
        assert_eq!(
            facts.issuer.as_deref(),
            Some("Trung tâm Y tế huyện Thanh Bình")
        );
        assert_eq!(
            facts.subject.as_deref(),
            Some("Thông báo về việc tổ chức tiêm chủng mở rộng quý III năm 2025")
        );
        let facts = facts_of(&paragraphs(&[
            "BIỂU 01: CHỈ TIÊU DÂN SỐ NĂM 2006",
            "(Kèm theo Quyết định số 57/QĐ-UBND ngày 15/3/2006)",
        ]));
        assert_eq!(facts.type_text.as_deref(), Some("BIỂU"));
        assert_eq!(facts.subject.as_deref(), Some("CHỈ TIÊU DÂN SỐ NĂM 2006"));
    }

    #[test]
    fn pages_publish_or_report_documents() {
        let page = |headline: &str, first: &str| {
            facts_of(&[
                Block::new(BlockKind::Heading, headline),
                Block::new(BlockKind::Paragraph, first),
            ])
        };
        let facts = page(
            "Kế hoạch chăm sóc sức khỏe người cao tuổi năm 2025",
            "Thực hiện Chương trình, Sở Y tế xây dựng Kế hoạch như sau.",
        );
        assert_eq!(facts.doc_type, Some(DocType::Plan));
        assert_eq!(facts.type_text.as_deref(), Some("Kế hoạch"));
        let facts = page(
            "Kế hoạch truyền thông hưởng ứng Ngày Dân số Thế giới",
            "Sở Y tế tỉnh vừa ban hành Kế hoạch tổ chức các hoạt động truyền thông.",
        );
        assert_eq!(facts.doc_type, Some(DocType::Other));
        assert_eq!(facts.type_text, None);
        let facts = page(
            "TÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ I NĂM 2005",
            "Trích Báo cáo của Bộ Kế hoạch và Đầu tư trình Chính phủ",
        );
        assert_eq!(facts.doc_type, Some(DocType::Report));
        assert_eq!(facts.type_text, None);
        let mut facts = page("Xây dựng mô hình dân số", "Với mục tiêu kiện toàn bộ máy.");
        page_date(Some("2021-11-09T10:40"), &mut facts);
        assert_eq!(facts.date.as_deref(), Some("2021-11-09"));
        let mut facts = page("Kế hoạch chăm sóc sức khỏe", "Sở Y tế xây dựng Kế hoạch.");
        page_date(Some("2021-11-09"), &mut facts);
        assert_eq!(facts.date, None);
    }

    #[test]
    fn chinese_titles_dates_and_covers() {
        // A 署名 joined to its 成文日期; a title joined to the first paragraph.
        let facts = facts_of(&paragraphs(&[
            "××县2025年妇幼健康工作要点 2025年，全县妇幼健康工作以保障母婴安全为底线，以提升服务能力为重点。",
            "一、全力保障母婴安全",
            "各乡镇卫生院要对照本要点细化年度工作计划，明确责任人和完成时限。",
            "××县卫生健康局办公室 2025年1月24日",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Plan));
        assert_eq!(facts.type_text.as_deref(), Some("工作要点"));
        assert_eq!(facts.subject.as_deref(), Some("××县2025年妇幼健康工作要点"));
        assert_eq!(facts.issuer.as_deref(), Some("××县卫生健康局办公室"));
        assert_eq!(facts.date.as_deref(), Some("2025-01-24"));
        // The issuer's name over a title starting with 关于.
        let facts = facts_of(&paragraphs(&[
            "××县卫生健康局",
            "关于做好2025年计划生育服务管理工作的通知",
            "各乡镇人民政府，县直有关单位：为认真落实积极生育支持措施，现将有关事项通知如下。",
        ]));
        assert_eq!(
            facts.subject.as_deref(),
            Some("××县卫生健康局关于做好2025年计划生育服务管理工作的通知")
        );
        assert_eq!(facts.issuer.as_deref(), Some("××县卫生健康局"));
        // A standard's cover and its explanatory memo.
        let facts = facts_of(&paragraphs(&[
            "中华人民共和国能源行业标准",
            "NB/T XXXXX—XXXX",
            "核电厂定期安全评价",
            "第1部分：通用要求",
            "Preparation of periodic safety review",
            "国家能源局 发布",
        ]));
        assert_eq!(facts.doc_type, Some(DocType::Other));
        assert_eq!(
            facts.type_text.as_deref(),
            Some("中华人民共和国能源行业标准")
        );
        assert_eq!(
            facts.subject.as_deref(),
            Some("核电厂定期安全评价 第1部分：通用要求")
        );
        assert_eq!(facts.issuer.as_deref(), Some("国家能源局"));
        let facts = facts_of(&paragraphs(&[
            "NB/T XXXX－20YY\n核电厂定期安全评价 第1部分：通用要求",
            "编制说明",
            "本标准来源于国家能源局2021年下达的能源行业核电标准制修订计划。",
        ]));
        assert_eq!(facts.type_text.as_deref(), Some("编制说明"));
        assert_eq!(
            facts.subject.as_deref(),
            Some("NB/T XXXX－20YY 核电厂定期安全评价 第1部分：通用要求编制说明")
        );
        // A shared file's name gives way to the text's own title.
        let facts = facts_of(&[
            Block::new(BlockKind::Heading, "2023年卫生计生宣传教育工作计划.docx"),
            Block::new(
                BlockKind::Paragraph,
                "卫生计生宣传教育工作方案 根据区委、区政府及市卫生计生宣教工作的总体要求，结合实际，整合各种资源。",
            ),
        ]);
        assert_eq!(facts.doc_type, Some(DocType::Scheme));
        assert_eq!(facts.subject.as_deref(), Some("卫生计生宣传教育工作方案"));
        // A news dateline gives the place.
        let facts = facts_of(&[
            Block::new(BlockKind::Heading, "短缺药品保供稳价 全力保障临床用药需求"),
            Block::new(
                BlockKind::Paragraph,
                "新华社北京11月17日电 记者17日从国家卫生健康委获悉，近阶段，相关部门持续依托短缺药品供应保障工作会商联动机制。",
            ),
        ]);
        assert_eq!(facts.doc_type, Some(DocType::Other));
        assert_eq!(facts.place.as_deref(), Some("北京"));
    }

    #[test]
    fn odd_lines_do_not_panic() {
        for text in [
            "Số",
            "SỐ:",
            "Số : ",
            "İİİ ngày 1 tháng 2 năm 2020",
            "ngày tháng năm về",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập",
            "Độc lập CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "ĐƠN (V/v",
            "ĐƠN (",
            "BIỂU 01:",
            "新华社",
            "新华社北京",
            "文件",
            ".docx",
            "标准",
            "编制说明",
            "国家能源局 发布",
            "2025年1月24日",
            "- - -",
        ] {
            let blocks = vec![
                Block::new(BlockKind::Heading, text),
                Block::new(BlockKind::Paragraph, text),
            ];
            facts_of(&blocks);
            facts_of(&blocks[1..]);
        }
    }
}
