//! The Chinese header: the 红头 ("…文件"), the 发文字号, the title
//! "…关于…的通知" (or a standard's cover), the main recipients, and the
//! 成文日期 under the issuer's name at the end.

use super::{DocTypes, DocumentFacts, Line, dates, headline, squeeze, symbols};
use crate::script::is_han;

pub(super) fn read_chinese(
    lines: &[Line],
    head: &[Line],
    types: &DocTypes,
    facts: &mut DocumentFacts,
) {
    facts.number = head.iter().find_map(|l| {
        let symbol = symbols::find(l.text).into_iter().find(|s| s.chinese)?;
        // The 发文字号 stands alone on its line (or beside the signer).
        (l.text.chars().count() <= symbol.end - symbol.start + 12).then_some(symbol.text)
    });
    let title_at = chinese_title_at(head, types);
    if let Some(at) = title_at {
        chinese_title(head, at, types, facts);
    }
    if facts.issuer.is_none() {
        facts.issuer = head
            .iter()
            .take(5)
            .find_map(|l| l.text.strip_suffix("文件").filter(|s| !s.is_empty()))
            .map(str::to_string);
    }
    // The 成文日期 under the 署名 at the end; before an attachment, it
    // stands under the notice in the head.
    let tail = &lines[lines.len().saturating_sub(15)..];
    let after_title = title_at.map_or(head.len(), |at| at + 1);
    let signed = tail
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, l)| signing_date(l.text).map(|found| (tail, at, found)))
        .or_else(|| {
            let rest = &head[after_title..];
            rest.iter()
                .enumerate()
                .find_map(|(at, l)| signing_date(l.text).map(|found| (rest, at, found)))
        });
    if let Some((block, at, (date, body))) = signed {
        facts.date = Some(date);
        // The 署名 is on the date's line (a PDF joined them) or above it.
        let body = body.or_else(|| {
            let above = block[..at].last()?.text;
            is_chinese_organ(above).then(|| above.to_string())
        });
        if facts.issuer.is_none() {
            facts.issuer = body;
        }
    }
    if facts.doc_type.is_none() && facts.subject.is_none() {
        headline(head, types, facts);
        facts.place = dateline_place(head);
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

/// The marks that stand for an anonymised name: "××县", "○○市".
fn is_placeholder(c: char) -> bool {
    matches!(c, '×' | '○' | 'Ｘ')
}

/// Where the title is: the first line that holds one; a shared file's
/// name ("…工作计划.docx") gives way to a title on the line under it.
fn chinese_title_at(head: &[Line], types: &DocTypes) -> Option<usize> {
    let at = head
        .iter()
        .position(|l| title_in(l.text, types).is_some())?;
    let file_name = file_stem(head[at].text).is_some();
    let own = head
        .get(at + 1)
        .is_some_and(|l| file_stem(l.text).is_none() && title_in(l.text, types).is_some());
    Some(if file_name && own { at + 1 } else { at })
}

/// The title a line holds: the whole line ("…关于…的通知"), its part before
/// a space when a PDF joined the first paragraph to it ("××县2025年妇幼健康
/// 工作要点 2025年，全县…"), or a shared file's name without its extension
/// ("2025年…工作计划.docx").
fn title_in<'t>(line: &'t str, types: &DocTypes) -> Option<&'t str> {
    let names = |text: &str| {
        text.chars().count() <= 100
            && !text.ends_with(['。', '；', '：'])
            && types.chinese_title_end(text).is_some()
    };
    if names(line) {
        return Some(line);
    }
    if let Some((first, _)) = line.split_once(char::is_whitespace)
        && names(first)
    {
        return Some(first);
    }
    file_stem(line).filter(|stem| names(stem))
}

/// A file's name without its extension: "…工作计划.docx" → "…工作计划".
fn file_stem(line: &str) -> Option<&str> {
    let (stem, extension) = line.rsplit_once('.')?;
    ["docx", "doc", "pdf", "wps"]
        .contains(&extension.to_ascii_lowercase().as_str())
        .then_some(stem)
}

/// The type, type words and subject of the title at `head[at]`, and the
/// issuer it names ("…局关于…的通知"). A title may be set over two lines
/// ("××县卫生健康局" / "关于…的通知", "…关于" / "…的通知"), or be the genre
/// alone under its name ("核电厂定期安全评价 第1部分：通用要求" / "编制说明").
/// A standard's cover names its kind ("中华人民共和国能源行业标准").
fn chinese_title(head: &[Line], at: usize, types: &DocTypes, facts: &mut DocumentFacts) {
    let line = title_in(head[at].text, types).expect("the line holds a title");
    let (doc_type, printed) = types
        .chinese_title_end(line)
        .expect("the title names a type");
    facts.doc_type = Some(doc_type);
    if printed == "标准" && line.chars().count() <= 20 {
        standard_cover(head, at, line, facts);
        return;
    }
    let above: Vec<&str> = head[..at]
        .iter()
        .rev()
        .take(2)
        .map(|l| l.text)
        .take_while(|text| title_part(text))
        .collect();
    // "…关于" / "…的通知", or "××县卫生健康局" / "关于…的通知".
    let two_lines = above.first().is_some_and(|first| {
        (!line.contains("关于") && first.contains("关于"))
            || (line.starts_with("关于") && is_chinese_organ(first))
    });
    let title = if two_lines {
        format!("{}{line}", above[0])
    } else if line == printed && !above.is_empty() {
        above
            .iter()
            .rev()
            .fold(String::new(), |title, part| join_title(&title, part))
            + line
    } else {
        line.to_string()
    };
    facts.type_text = Some(printed.to_string());
    if let Some((issuer, _)) = title.split_once("关于")
        && !issuer.is_empty()
        && issuer.chars().count() <= 30
    {
        facts.issuer = Some(issuer.to_string());
    }
    facts.subject = Some(squeeze(&title));
}

/// Whether a line above a title can be part of it: not the 红头, the
/// 发文字号 or a sentence.
fn title_part(text: &str) -> bool {
    !text.ends_with("文件")
        && !text.ends_with(['。', '；', '：', '，'])
        && !symbols::find(text).iter().any(|s| s.chinese)
}

/// Title lines joined without a space, but for a designation before the
/// name ("NB/T XXXX－20YY 核电厂…").
fn join_title(title: &str, part: &str) -> String {
    let spaced = title.ends_with(|c: char| c.is_ascii_alphanumeric());
    if title.is_empty() || !spaced {
        format!("{title}{part}")
    } else {
        format!("{title} {part}")
    }
}

/// A standard's cover: the kind line (`kind`, "中华人民共和国…标准") is the
/// type words; the title lines under it (after the designation "NB/T
/// XXXXX—XXXX", before the English title) the subject, joined by a space
/// as a standard's title elements are; "国家能源局 发布" the issuer.
fn standard_cover(head: &[Line], at: usize, kind: &str, facts: &mut DocumentFacts) {
    facts.type_text = Some(kind.to_string());
    let has_han = |text: &str| text.chars().any(is_han);
    let title: Vec<&str> = head[at + 1..]
        .iter()
        .map(|l| l.text)
        .skip_while(|text| !has_han(text))
        .take_while(|text| has_han(text))
        .take(3)
        .collect();
    if !title.is_empty() {
        facts.subject = Some(squeeze(&title.join(" ")));
    }
    facts.issuer = head[at + 1..].iter().find_map(|l| {
        let body = l.text.strip_suffix("发布")?.trim();
        (!body.is_empty() && body.chars().all(is_han)).then(|| body.to_string())
    });
}

/// A 成文日期 line: a date ending the line, alone or after the 署名 a PDF
/// joined to it ("××县卫生健康局 2025年3月12日", "附件：… ××市卫生健康委员会
/// 2025年2月18日"): the ISO date and that body.
fn signing_date(line: &str) -> Option<(String, Option<String>)> {
    let date = dates::find(line).pop()?;
    let length = line.chars().count();
    if length > date.end + 4 {
        return None;
    }
    // A date alone, maybe in brackets or with a word ("（2019年1月1日）").
    if length <= date.end - date.start + 4 {
        return Some((date.iso, None));
    }
    let before: String = line.chars().take(date.start).collect();
    let body = before.split_whitespace().next_back()?;
    is_chinese_organ(body).then(|| (date.iso, Some(body.to_string())))
}

/// A news item's dateline "新华社北京11月17日电": the place.
fn dateline_place(head: &[Line]) -> Option<String> {
    head.iter().take(3).find_map(|l| {
        let rest = l.text.strip_prefix("新华社")?;
        let place: String = rest.chars().take_while(|&c| is_han(c)).collect();
        let dated = rest[place.len()..].starts_with(|c: char| c.is_ascii_digit());
        (dated && (1..=6).contains(&place.chars().count())).then_some(place)
    })
}

/// A body's name as a 署名 prints it: short, Han (or placeholder marks),
/// ending with an organ word ("××县卫生健康局", "国务院办公厅").
fn is_chinese_organ(name: &str) -> bool {
    name.chars().count() <= 30
        && name.chars().all(|c| is_han(c) || is_placeholder(c))
        && [
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
