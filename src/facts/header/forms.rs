//! Headers that are not an issuer's: blank templates (a form code, blanks
//! for the number, date and addressee), which are forms whatever their
//! title says, and web pages whose headline names the document they
//! publish or report.

use super::{
    DocType, DocTypes, DocumentFacts, Line, is_motto, is_rule, place_and_date, squeeze,
    starts_with_ci, strip_prefix_ci, subject_lines,
};
use crate::model::BlockKind;

/// Whether the header is a web page's headline ("Kế hoạch chăm sóc …",
/// "Đẩy mạnh truyền thông …"): a heading in sentence case that is not a
/// title line, with no national motto and no title in capitals under it
/// (a sheet's name over "BIỂU 01: …").
pub(super) fn is_headline_page(header: &[Line], types: &DocTypes) -> bool {
    let capitals_title = |text: &str| {
        types
            .vietnamese_title(text)
            .is_some_and(|(_, printed)| !printed.chars().any(char::is_lowercase))
    };
    header.first().is_some_and(|first| {
        first.kind == BlockKind::Heading
            && first.text.chars().any(char::is_lowercase)
            && types.vietnamese_title(first.text).is_none()
    }) && !header
        .iter()
        .any(|l| is_motto(l.text) || capitals_title(l.text))
}

/// A page with no administrative header: its headline is the subject. It
/// publishes the document its headline names ("Kế hoạch chăm sóc …",
/// "Thông báo lịch …"), unless its text reports that one was issued ("Sở Y
/// tế vừa ban hành Kế hoạch …"): a news item, type `other`.
pub(super) fn page(head: &[Line], facts: &mut DocumentFacts, types: &DocTypes) {
    let headline = head[0].text;
    facts.subject = Some(squeeze(headline));
    facts.doc_type = Some(DocType::Other);
    let reported = head
        .get(1)
        .is_some_and(|l| l.text.to_lowercase().contains("ban hành"));
    if !reported && let Some((doc_type, printed)) = types.vietnamese_leading_word(headline) {
        facts.doc_type = Some(doc_type);
        facts.type_text = Some(printed.to_string());
    }
}

/// A document with no title line: its first heading is the subject, its
/// type `other`, or the type of what it is an extract of ("Trích Báo cáo
/// của Bộ …" under the heading).
pub(super) fn headline(head: &[Line], types: &DocTypes, facts: &mut DocumentFacts) {
    let Some(at) = head.iter().position(|l| l.kind == BlockKind::Heading) else {
        return;
    };
    facts.doc_type = Some(DocType::Other);
    facts.subject = Some(squeeze(head[at].text));
    if let Some(extract) = head
        .get(at + 1)
        .and_then(|l| strip_prefix_ci(l.text, "trích "))
        && let Some((doc_type, _)) = types.vietnamese_leading_word(extract)
    {
        facts.doc_type = Some(doc_type);
    }
}

// ------------------------------------------------------------ blank forms

/// Whether the document is a blank template: a form code above its title
/// ("Mẫu số 5", "B1-1-ĐONTC"), or two of: a blank number ("Số:"), a blank
/// place-and-date line ("….., ngày … tháng … năm …"), a blank addressee
/// ("Kính gửi: ……"), fill-in hints ("(ghi rõ họ tên)", "(Ký tên, đóng
/// dấu)"). `top` is the header above the title, `lines` the document's
/// edges.
pub(super) fn is_blank_form(top: &[Line], lines: &[Line]) -> bool {
    if top.iter().any(|l| is_form_code(l.text)) {
        return true;
    }
    let signs = [
        top.iter().any(|l| is_blank_number(l.text)),
        lines.iter().any(|l| is_blank_date(l.text)),
        lines.iter().any(|l| is_blank_addressee(l.text)),
        lines.iter().any(|l| has_fill_in_hint(l.text)),
        // A template's code printed at its foot ("Mẫu MDS-1").
        lines
            .iter()
            .rev()
            .take(FOOT_LINES)
            .any(|l| is_form_code(l.text)),
    ];
    signs.iter().filter(|&&sign| sign).count() >= 2
}

/// A blank form's facts: it has a type and a subject, but no number,
/// issuer, place or date of its own (those are blanks or placeholders:
/// "TÊN DOANH NGHIỆP"). A title without a type word ("TÓM TẮT HOẠT ĐỘNG
/// …") is found as the first capitals line of the header after `from`.
pub(super) fn blank_form(
    head: &[Line],
    lines: &[Line],
    from: usize,
    body_at: usize,
    facts: &mut DocumentFacts,
) {
    facts.doc_type = Some(DocType::Form);
    facts.number = None;
    // A template printed for one place names it on its blank date line
    // ("Sóc Trăng, ngày …"); a blank place is dots.
    facts.place = lines
        .iter()
        .filter(|l| is_blank_date(l.text))
        .find_map(|l| blank_date_place(l.text));
    facts.date = None;
    if facts.type_text.is_some() {
        return;
    }
    let title_at = (from..body_at).find(|&at| {
        let text = head[at].text;
        text.chars().any(char::is_alphabetic)
            && !text.chars().any(char::is_lowercase)
            && !is_motto(text)
            && !is_form_code(text)
            && !is_rule(text)
    });
    if let Some(at) = title_at {
        let mut parts = vec![head[at].text];
        parts.extend(subject_lines(head, at, true));
        facts.subject = Some(squeeze(&parts.join(" ")));
    }
}

/// How many of a document's last lines may hold its template code.
const FOOT_LINES: usize = 5;

/// A form's code: "Mẫu số 5", "MẪU SỐ 01/BC", "Mẫu MĐ-1" (also at the end
/// of a header line that a table's two cells make: "UBND……(1) Mẫu số
/// 3-TT…./2004"), or one word of three dashed parts with letters and
/// digits ("B1-1-ĐONTC").
pub(super) fn is_form_code(line: &str) -> bool {
    let template = line
        .match_indices(['M', 'm'])
        .filter(|&(at, _)| at == 0 || line[..at].ends_with(' '))
        .any(|(at, _)| {
            let code = &line[at..];
            starts_with_ci(code, "mẫu ")
                && code.split_whitespace().count() <= 4
                && code.chars().any(|c| c.is_ascii_digit())
        });
    let words = line.split_whitespace().count();
    let digits = line.chars().any(|c| c.is_ascii_digit());
    let code = words == 1
        && digits
        && line.split('-').filter(|part| !part.is_empty()).count() >= 3
        && line.chars().any(char::is_alphabetic)
        && line.chars().all(|c| c.is_alphanumeric() || c == '-');
    template || code
}

/// Whether nothing but dots follows a label: "Số:", "Kính gửi: ……".
fn blank_after(line: &str, labels: &[&str]) -> bool {
    labels.iter().any(|label| {
        strip_prefix_ci(line, label).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_whitespace() || ":.…_".contains(c))
        })
    })
}

fn is_blank_number(line: &str) -> bool {
    blank_after(line, &["số"])
}

fn is_blank_addressee(line: &str) -> bool {
    blank_after(line, &["kính gửi", "kính gởi"])
}

/// "….., ngày … tháng … năm …": a place-and-date line without a year.
fn is_blank_date(line: &str) -> bool {
    !line.chars().any(|c| c.is_ascii_digit())
        && (place_and_date(line).is_some() || blank_date_place(line).is_some())
}

/// The place of a blank date line whose "tháng … năm …" stand on the
/// lines below ("Sóc Trăng, ngày"), or of one with all its blanks: `None`
/// when the place is itself a blank ("……, ngày … tháng …").
fn blank_date_place(line: &str) -> Option<String> {
    let (place, rest) = line.split_once(", ngày")?;
    let place = place.trim();
    let blank_rest = rest
        .chars()
        .all(|c| c.is_whitespace() || ".…_".contains(c) || c.is_alphabetic());
    (blank_rest && place.chars().filter(|c| c.is_alphabetic()).count() >= 2 && place.len() <= 60)
        .then(|| place.to_string())
}

/// The hints a template prints for who fills it in.
fn has_fill_in_hint(line: &str) -> bool {
    if !line.contains('(') {
        return false;
    }
    let lower = line.to_lowercase();
    ["(ghi rõ", "ghi rõ họ tên)", "(ký tên", "(ghi bằng chữ"]
        .iter()
        .any(|hint| lower.contains(hint))
}

// ------------------------------------------------------------ header lines

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_date_lines_and_their_place() {
        assert!(is_blank_date("Sóc Trăng, ngày"));
        assert_eq!(
            blank_date_place("Sóc Trăng, ngày"),
            Some("Sóc Trăng".into())
        );
        assert_eq!(
            blank_date_place("Sóc Trăng, ngày …… tháng …… năm ……"),
            Some("Sóc Trăng".into())
        );
        assert_eq!(blank_date_place("……………, ngày …. tháng …. năm ….."), None);
        assert!(!is_blank_date("Hà Nội, ngày 05 tháng 3 năm 2020"));
        assert!(is_form_code("UBND…………(1) Mẫu số 3-TT…./2004"));
        assert!(is_form_code("Mẫu MDS-1"));
        assert!(!is_form_code(
            "Mẫu đơn này dùng cho năm 2025 và các năm sau đó"
        ));
    }
}
