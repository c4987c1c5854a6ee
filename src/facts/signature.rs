//! The end of an official document: the signature block and the
//! recipients.
//!
//! A Vietnamese document ends with "Nơi nhận:" and its list on the left,
//! and on the right the authority lines (TM. ỦY BAN NHÂN DÂN, KT. CHỦ
//! TỊCH), the signer's office (PHÓ CHỦ TỊCH) and name; a letter or a form
//! names its addressees under the title ("Kính gửi:"). A Chinese one names
//! its main recipients (主送) under the title, and copies (抄送) at the end.
//!
//! Both are read from the closing zone: the lines around the last "Nơi
//! nhận:" of the document's body (before its appendices), or its last
//! lines when it has none.

mod parts;
mod recipients;

use std::sync::LazyLock;

use super::{DocumentFacts, Line, Signer, lines_around, squeeze};
use crate::model::{Block, BlockKind};
use memchr::memmem;
use parts::{is_authority, signature_line, without_notes};
use recipients::Fragment;

/// Lines read before "Nơi nhận:" and after it (the list and the signature
/// block beside or under it).
const ZONE_BEFORE: usize = 20;
const ZONE_AFTER: usize = 120;
/// How far from the list the signature block may be, in lines.
const SIGNATURE_BEFORE_LIST: usize = 15;
const SIGNATURE_AFTER_LIST: usize = 12;
/// How far from the end a document without "Nơi nhận:" is read.
const TAIL_LINES: usize = 60;
/// How many lines from the start "Kính gửi:" is looked for.
const HEAD_LINES: usize = 40;

/// Fills `signer` and `recipients` of `facts` from `blocks`, whose body
/// (without appendices) ends at `body_end`; `lines` are the document's
/// edge lines (for the addressees and Chinese lists).
pub fn read(blocks: &[Block], body_end: usize, lines: &[Line], facts: &mut DocumentFacts) {
    let body = &blocks[..body_end.min(blocks.len())];
    let head = &lines[..lines.len().min(HEAD_LINES)];
    let mut recipients = recipients::addressees(head);
    let mut fragments = Vec::new();
    let signer = match list_block(body) {
        Some(anchor) => {
            let zone = lines_around(body, anchor, ZONE_BEFORE, ZONE_AFTER);
            let found = zone.iter().enumerate().rev().find_map(|(at, line)| {
                let from = recipients::list_label(line.text)?;
                (line.block == anchor).then_some((at, from))
            });
            match found {
                Some((at, from)) => {
                    let list = recipients::vietnamese_list(&zone, at, from);
                    recipients.extend(list.items);
                    fragments = list.fragments;
                    let start = at.saturating_sub(SIGNATURE_BEFORE_LIST);
                    let end = (list.end + SIGNATURE_AFTER_LIST).min(zone.len());
                    signer(&zone[start..end]).or_else(|| form_signer(&zone[start..end]))
                }
                None => signer(&zone),
            }
        }
        None => {
            let tail = lines_around(body, body.len(), TAIL_LINES, 0);
            signer(&tail).or_else(|| form_signer(&tail))
        }
    };
    if recipients.is_empty() {
        recipients = recipients::chinese(lines);
    }
    facts.recipients = recipients;
    facts.signer = with_fragments(signer, &fragments);
}

/// The last block of `body` with a "Nơi nhận:" line.
fn list_block(body: &[Block]) -> Option<usize> {
    // Every block of a document without the list is searched: a vectorized
    // search for the label's first word keeps that cheap.
    static LABELS: LazyLock<[memmem::Finder<'static>; 2]> =
        LazyLock::new(|| [memmem::Finder::new("Nơi "), memmem::Finder::new("NƠI ")]);
    body.iter().rposition(|block| {
        !matches!(block.kind, BlockKind::Header | BlockKind::Footer)
            && LABELS
                .iter()
                .any(|label| label.find(block.text.as_bytes()).is_some())
            && block
                .text
                .split('\n')
                .any(|line| recipients::list_label(line).is_some())
    })
}

/// The last signature block of `lines`: authority lines, the office (on
/// one or two lines: "THỨ TRƯỞNG" / "THƯỜNG TRỰC"), the name; each part
/// `None` when absent.
fn signer(lines: &[Line]) -> Option<Signer> {
    let last = (0..lines.len()).rev().find(|&at| {
        signature_line(lines[at].text).is_block()
            && !lines
                .get(at + 1)
                .is_some_and(|next| opens_preamble(next.text))
    })?;
    let mut start = last;
    while start > 0 && !signature_line(lines[start - 1].text).authority.is_empty() {
        start -= 1;
    }
    let mut signer = Signer::default();
    let mut authority: Vec<String> = Vec::new();
    let mut after_title = false;
    for line in &lines[start..(last + 5).min(lines.len())] {
        if signer.name.is_some() {
            break;
        }
        let parts = signature_line(line.text);
        authority.extend(parts.authority);
        let office_line = parts.office.is_some();
        match (&mut signer.title, parts.office) {
            (None, Some(office)) => signer.title = Some(office),
            (Some(title), None) if after_title && is_title_continuation(line.text) => {
                title.push(' ');
                title.push_str(line.text);
            }
            _ => {}
        }
        after_title = office_line;
        if parts.name.is_some() && (signer.title.is_some() || !authority.is_empty()) {
            signer.name = parts.name;
        }
    }
    signer.authority = (!authority.is_empty()).then(|| authority.join(" "));
    (signer.name.is_some() || signer.title.is_some() || signer.authority.is_some())
        .then_some(signer)
}

/// The first words of a decision's preamble, which follows the issuing
/// office ("BỘ TRƯỞNG BỘ TÀI CHÍNH" / "Căn cứ …"): that office is not a
/// signature.
fn opens_preamble(text: &str) -> bool {
    let text = text.trim_start_matches(['-', ' ']);
    [
        "Căn cứ",
        "CĂN CỨ",
        "Xét đề nghị",
        "Theo đề nghị",
        "QUYẾT ĐỊNH:",
    ]
    .iter()
    .any(|w| text.starts_with(w))
}

/// A short line in capitals that goes on with the office above it
/// ("THƯỜNG TRỰC" under "THỨ TRƯỞNG").
fn is_title_continuation(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=3).contains(&words)
        && text.chars().any(char::is_uppercase)
        && !text
            .chars()
            .any(|c| c.is_lowercase() || c.is_ascii_digit() || c == '(')
        && !is_authority(text)
}

/// The signer the interleaved pieces of the list give, filling what the
/// signature block left unknown.
fn with_fragments(signer: Option<Signer>, fragments: &[Fragment]) -> Option<Signer> {
    if fragments.is_empty() {
        return signer;
    }
    let mut signer = signer.unwrap_or_default();
    if signer.authority.is_none() {
        let authority: Vec<&str> = fragments
            .iter()
            .filter_map(|f| match f {
                Fragment::Authority(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        signer.authority = (!authority.is_empty()).then(|| authority.join(" "));
    }
    for fragment in fragments {
        match fragment {
            Fragment::Office(office) if signer.title.is_none() => {
                signer.title = Some(office.clone());
            }
            Fragment::Name(name) if signer.name.is_none() => signer.name = Some(name.clone()),
            _ => {}
        }
    }
    Some(signer)
}

/// A place to sign marked by a note ("CHỦ DOANH NGHIỆP (Ký và ghi rõ họ
/// tên)", "NGƯỜI YÊU CẦU" over "(Ký & ghi rõ họ tên)", a "(Đã ký)" under
/// an office the list of offices does not know): the title in capitals
/// before the note or on the lines above it, and the name under a signed
/// note. Of several places side by side, the stamped one ("đóng dấu") or a
/// representative's is taken.
fn form_signer(lines: &[Line]) -> Option<Signer> {
    let mut best: Option<(u8, Signer)> = None;
    let mut at = 0;
    while at < lines.len() {
        if signing_note(lines[at].text).is_none() {
            at += 1;
            continue;
        }
        // A run of capitals lines above (over at most two short labels
        // such as "Chồng", "Vợ"), then a run of note lines.
        let mut run_end = at;
        while run_end > 0 && at - run_end < 2 && is_signer_label(lines[run_end - 1].text) {
            run_end -= 1;
        }
        let mut first = run_end;
        while first > 0 && first + 3 > run_end && is_title_line(lines[first - 1].text) {
            first -= 1;
        }
        let mut end = at;
        while end < lines.len() && signing_note(lines[end].text).is_some() {
            end += 1;
        }
        let titles: Vec<&str> = lines[first..run_end].iter().map(|l| l.text).collect();
        let notes = &lines[at..end];
        let places: Vec<(String, &Line)> = if titles.len() > 1 && titles.len() == notes.len() {
            titles.iter().map(|t| t.to_string()).zip(notes).collect()
        } else {
            notes
                .iter()
                .map(|note| {
                    // Two notes on one line: the words before them are
                    // the places' labels ("Chồng Vợ (Ký …) (Ký …)").
                    let places_on_line = note.text.matches('(').count();
                    let inline = if places_on_line > 1 {
                        String::new()
                    } else {
                        title_before_note(note.text)
                    };
                    let title = if inline.is_empty() {
                        titles.join(" ")
                    } else {
                        inline
                    };
                    (title, note)
                })
                .collect()
        };
        for (title, note) in places {
            if title.is_empty() {
                continue;
            }
            let lower = note.text.to_lowercase();
            let mut score = u8::from(lower.contains("đóng dấu")) * 2;
            if ["ĐẠI DIỆN", "THỦ TRƯỞNG", "GIÁM ĐỐC", "CHỦ"]
                .iter()
                .any(|w| title.starts_with(w))
            {
                score += 1;
            }
            let name = lower
                .contains("đã ký")
                .then(|| lines.get(end))
                .flatten()
                .map(|l| without_notes(l.text))
                .filter(|text| parts::is_name(text));
            let signer = Signer {
                name,
                title: Some(squeeze(&title)),
                authority: None,
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, signer));
            }
        }
        at = end;
    }
    best.map(|(_, signer)| signer)
}

/// The bracketed note of `text` that marks a place to sign ("(Ký và ghi
/// rõ họ tên)", "(Họ, tên và chữ ký)", "(Đã ký)"), lower-cased.
fn signing_note(text: &str) -> Option<String> {
    let open = text.find('(')?;
    let close = text[open..]
        .find(')')
        .map_or(text.len(), |at| open + at + 1);
    let note = text[open..close].to_lowercase();
    note.contains("ký").then_some(note)
}

/// A short label over a place to sign, under its title ("Chồng", "Vợ").
fn is_signer_label(text: &str) -> bool {
    text.split_whitespace().count() <= 3
        && text.chars().any(char::is_lowercase)
        && !text.contains('(')
}

/// A title over a place to sign: a short line in capitals ("NGƯỜI YÊU
/// CẦU") or a short phrase that opens with one ("Người khai"), with no
/// note, blank or number.
fn is_title_line(text: &str) -> bool {
    let caps = !text.chars().any(char::is_lowercase)
        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
        && text.chars().count() <= 80;
    (caps || is_title_phrase(text))
        && !text.contains('(')
        && !text.starts_with(|c: char| c.is_ascii_digit() || "-+•".contains(c))
}

/// A phrase that names a role: up to ten words, a capital first, no
/// digits, blanks ("…", "..") or colons ("Đại diện theo pháp luật của
/// công ty").
fn is_title_phrase(text: &str) -> bool {
    (1..=10).contains(&text.split_whitespace().count())
        && text.starts_with(char::is_uppercase)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || "…:;".contains(c))
        && !text.contains("..")
}

/// The title just before the note of `text`: the words in capitals ("……,
/// ngày … THÀNH VIÊN HỢP DANH ĐƯỢC ỦY QUYỀN (Ký, …)" → "THÀNH VIÊN HỢP
/// DANH ĐƯỢC ỦY QUYỀN"), or the whole phrase before it when that names a
/// role ("Đại diện theo pháp luật của công ty (ký và ghi rõ họ tên)").
fn title_before_note(text: &str) -> String {
    let before = text.split('(').next().unwrap_or("").trim();
    let words: Vec<&str> = before.split_whitespace().collect();
    let start = words
        .iter()
        .rposition(|w| !w.chars().any(char::is_uppercase) || w.chars().any(char::is_lowercase))
        .map_or(0, |at| at + 1);
    if start < words.len() || !is_title_phrase(before) {
        words[start..].join(" ")
    } else {
        before.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::edge_lines;

    fn read_blocks(texts: &[&str]) -> DocumentFacts {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        let mut facts = DocumentFacts::default();
        read(
            &blocks,
            blocks.len(),
            &edge_lines(&blocks, 80, 80),
            &mut facts,
        );
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
    fn an_office_on_two_lines() {
        let facts = read_blocks(&[
            "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- Lưu: VT, PC.",
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTHƯỜNG TRỰC\n(Đã ký)\nVũ Mạnh Hà",
        ]);
        assert_eq!(
            facts.signer,
            Some(Signer {
                name: Some("Vũ Mạnh Hà".into()),
                title: Some("THỨ TRƯỞNG THƯỜNG TRỰC".into()),
                authority: Some("KT. BỘ TRƯỞNG".into()),
            })
        );
    }

    #[test]
    fn a_signature_column_read_through_the_list() {
        let facts = read_blocks(&[
            "Nơi nhận:",
            "KT/BỘ TRƯỞNG BỘ TÀI CHÍNH",
            "- Ban Kinh tế TW;",
            "Thứ trưởng",
            "- Văn phòng Quốc hội;",
            "Trần Văn Tá",
            "- Lưu Văn phòng, Vụ CĐKT.",
        ]);
        assert_eq!(
            facts.recipients,
            [
                "Ban Kinh tế TW",
                "Văn phòng Quốc hội",
                "Lưu Văn phòng, Vụ CĐKT"
            ]
        );
        assert_eq!(
            facts.signer,
            Some(Signer {
                name: Some("Trần Văn Tá".into()),
                title: Some("Thứ trưởng".into()),
                authority: Some("KT/BỘ TRƯỞNG BỘ TÀI CHÍNH".into()),
            })
        );
    }

    #[test]
    fn the_body_ends_before_its_appendices() {
        let blocks: Vec<Block> = [
            "Điều 3. Tổ chức thực hiện …",
            "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.",
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐỗ Xuân Tuyên",
            "PHỤ LỤC I",
            "Nơi nhận:\n- ……;\n- Lưu: VT, …",
            "GIÁM ĐỐC\n(Ký, ghi rõ họ tên)",
        ]
        .iter()
        .map(|t| Block::new(BlockKind::Paragraph, *t))
        .collect();
        let mut facts = DocumentFacts::default();
        read(&blocks, 3, &edge_lines(&blocks, 80, 80), &mut facts);
        assert_eq!(facts.recipients, ["Như Điều 3", "Lưu: VT"]);
        assert_eq!(facts.signer.unwrap().name.as_deref(), Some("Đỗ Xuân Tuyên"));
    }

    #[test]
    fn forms_name_a_place_to_sign() {
        let facts = read_blocks(&[
            "Kính gởi: Phòng đăng ký kinh doanh tỉnh Sóc Trăng",
            "Tôi là: ………",
            "……, ngày … tháng … năm …",
            "CÁ NHÂN ĐĂNG KÝ CHỦ NHIỆM ĐỀ TÀI (Họ, tên và chữ ký)",
            "THỦ TRƯỞNG TỔ CHỨC ĐĂNG KÝ (Họ, tên, chữ ký và đóng dấu)",
        ]);
        assert_eq!(
            facts.recipients,
            ["Phòng đăng ký kinh doanh tỉnh Sóc Trăng"]
        );
        assert_eq!(
            facts.signer,
            Some(Signer {
                name: None,
                title: Some("THỦ TRƯỞNG TỔ CHỨC ĐĂNG KÝ".into()),
                authority: None,
            })
        );
        let couple = read_blocks(&[
            "NGƯỜI YÊU CẦU",
            "Chồng\n(Ký & ghi rõ họ tên)",
            "Vợ\n(Ký & ghi rõ họ tên)",
        ]);
        assert_eq!(
            couple.signer.unwrap().title.as_deref(),
            Some("NGƯỜI YÊU CẦU")
        );
        let joined = read_blocks(&[
            "NGƯỜI YÊU CẦU",
            "Chồng Vợ (Ký & ghi rõ họ tên) (Ký & ghi rõ họ tên)",
        ]);
        assert_eq!(
            joined.signer.unwrap().title.as_deref(),
            Some("NGƯỜI YÊU CẦU")
        );
        let mixed = read_blocks(&[
            "Sóc Trăng, ngày",
            "Đại diện theo pháp luật của công ty (ký và ghi rõ họ tên)",
        ]);
        assert_eq!(
            mixed.signer.unwrap().title.as_deref(),
            Some("Đại diện theo pháp luật của công ty")
        );
        let side_by_side = read_blocks(&[
            "CÁC THÀNH VIÊN HỢP DANH",
            "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CÔNG TY",
            "(Ký và ghi rõ họ tên từng thành viên)",
            "(Ký và ghi rõ họ tên)",
        ]);
        assert_eq!(
            side_by_side.signer.unwrap().title.as_deref(),
            Some("ĐẠI DIỆN THEO PHÁP LUẬT CỦA CÔNG TY")
        );
        let wrapped = read_blocks(&[
            "………, ngày … tháng … năm 200…",
            "THỦ TRƯỞNG",
            "CƠ QUAN ĐĂNG KÝ CHỦ TRÌ",
            "(Họ tên và chữ ký của người lãnh đạo tổ chức, đóng dấu)",
        ]);
        assert_eq!(
            wrapped.signer.unwrap().title.as_deref(),
            Some("THỦ TRƯỞNG CƠ QUAN ĐĂNG KÝ CHỦ TRÌ")
        );
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
        assert_eq!(facts.signer, None);
    }

    #[test]
    fn pdf_joined_signature_lines() {
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
