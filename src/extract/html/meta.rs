//! Page metadata: what `<head>` declares, and what the article's own
//! lines say (title, date line, byline, source).
//!
//! Keys written: `title` (the article heading, else `<title>` without the
//! site name), `page_title` (the `<title>` as written), `description`,
//! `keywords`, `lang`, `published` (ISO 8601: `2025-03-14` or
//! `2025-03-14T15:20`, as precise as the page is; the raw text when it
//! cannot be read), `author`, `source`.

use crate::model::Block;
use regex::Regex;
use scraper::Html;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How many blocks around the article's start are read for a date line
/// or byline.
const LINES_AROUND_START: usize = 6;
/// How many of the article's last blocks are read for a byline or source.
const LINES_AT_END: usize = 4;
/// A metadata line is at most this many words.
const MAX_LINE_WORDS: usize = 30;
/// Words left once dates, labels and bylines are taken out of a line: at
/// most this many, and the line was only metadata.
const MAX_LEFTOVER_WORDS: usize = 2;

/// Reads `<head>`: title, description, author, keywords, publication date
/// (`article:published_time`, then `<time datetime>`, then the `PubDate`
/// of Chinese government CMSs), source (`ContentSource`) and language. One
/// pass over the page's nodes; the first of each wins.
pub(super) fn read_head(page: &Html, meta: &mut BTreeMap<String, String>) {
    let mut found: BTreeMap<&str, String> = BTreeMap::new();
    let clean = |value: &str| value.split_whitespace().collect::<Vec<_>>().join(" ");
    for node in page.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let (key, value) = match element.name() {
            "title" => (
                "page_title",
                node.children()
                    .filter_map(|c| c.value().as_text())
                    .map(|t| &**t)
                    .collect::<String>(),
            ),
            "html" => ("lang", element.attr("lang").unwrap_or_default().to_string()),
            "time" => (
                "time",
                element.attr("datetime").unwrap_or_default().to_string(),
            ),
            "meta" => {
                let content = element.attr("content").unwrap_or_default().to_string();
                let name = element
                    .attr("name")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let key = match name.as_str() {
                    "description" => "description",
                    "author" => "author",
                    "keywords" => "keywords",
                    "pubdate" | "publishdate" => "pubdate",
                    "contentsource" => "source",
                    _ if element.attr("property") == Some("article:published_time") => "published",
                    _ => continue,
                };
                (key, content)
            }
            _ => continue,
        };
        let value = clean(&value);
        if !value.is_empty() {
            found.entry(key).or_insert(value);
        }
    }
    let published = ["published", "time", "pubdate"]
        .iter()
        .find_map(|key| found.remove(key));
    if let Some(published) = published {
        let iso = iso_date(&published).unwrap_or(published);
        meta.insert("published".into(), iso);
    }
    if let Some(page_title) = found.get("page_title") {
        meta.insert("title".into(), title_text(&without_site_name(page_title)));
    }
    for (key, value) in found {
        meta.insert(key.to_string(), value);
    }
}

/// A heading as a title: one line, without the file extension document
/// sites append ("计划.docx").
pub(crate) fn title_text(heading: &str) -> String {
    let title = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = title.to_ascii_lowercase();
    [
        ".docx", ".doc", ".pdf", ".xlsx", ".xls", ".pptx", ".ppt", ".txt",
    ]
    .iter()
    .find(|ext| lower.ends_with(*ext))
    .map_or(title.clone(), |ext| {
        title[..title.len() - ext.len()].to_string()
    })
}

/// Separators between an article title and the site name in `<title>`.
static TITLE_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-–—|:»]+\s+|\s*(?:_|\||——|--|::|»)\s*").expect("valid regex")
});

/// The longest part of a `<title>` split at its separators: "Kế hoạch …
/// - Sở Y tế Bình An" gives "Kế hoạch …".
fn without_site_name(title: &str) -> String {
    let longest = TITLE_SEPARATOR
        .split(title)
        .map(str::trim)
        .max_by_key(|part| part.chars().count())
        .unwrap_or(title);
    // Chinese sites also append their name after a bare hyphen
    // ("…需求-新华网"); a short all-CJK tail is that name.
    match longest.rsplit_once('-') {
        Some((head, tail))
            if (2..=SITE_NAME_MAX_CHARS).contains(&tail.chars().count())
                && tail.chars().all(crate::script::is_cjk)
                && head.chars().count() > tail.chars().count() =>
        {
            head.trim().to_string()
        }
        _ => longest.to_string(),
    }
}

/// A site name after a bare hyphen has at most this many characters.
const SITE_NAME_MAX_CHARS: usize = 6;

/// A date, year first ("2023-04-24", "2023/4/24", "2023年4月24日") or day
/// first as Vietnamese pages write it ("13/02/2018", "09/11/2021"), and an
/// optional time after it.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: (?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?
          | (?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>(?:19|20)\d\d) )
        (?: [\sT|,，]*(?:lúc\s*)?(?P<h>\d{1,2})\s*[:h：]\s*(?P<min>\d{2})(?::\d{2})? )?",
    )
    .expect("valid regex")
});

/// The first date in `text` as ISO 8601, with its time when given.
pub(crate) fn iso_date(text: &str) -> Option<String> {
    DATE.captures_iter(text).find_map(|c| {
        let number = |a: &str, b: &str| -> Option<u32> {
            c.name(a).or_else(|| c.name(b))?.as_str().parse().ok()
        };
        let (year, month, day) = (number("y", "y2")?, number("m", "m2")?, number("d", "d2")?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let date = format!("{year:04}-{month:02}-{day:02}");
        match (number("h", "h"), number("min", "min")) {
            (Some(hour), Some(minute)) if hour < 24 && minute < 60 => {
                Some(format!("{date}T{hour:02}:{minute:02}"))
            }
            _ => Some(date),
        }
    })
}

/// "(nguồn: Haiphong.gov.vn)", "Nguồn: …", "来源：新闻晨报".
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:nguồn(?:\s*tin)?|来源|出处)\s*[:：]\s*(?P<source>[^()（）　\s]+(?: [^()（）　\s:：]+)*)")
        .expect("valid regex")
});

/// "Tác giả: …", "作者：…", "记者 …", "编辑：…".
static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:tác\s*giả|người\s*viết|作者|责任编辑|编辑)\s*[:：]|记者)\s*(?P<author>[^\s　:：|()（）\[\]【】]+(?: [^\s　:：|()（）\[\]【】]+)?)")
        .expect("valid regex")
});

/// Labels and page furniture that share a line with a date: "Ngày đăng",
/// "Cập nhật", weekdays, "Print … Gốc", "发布时间", "浏览次数".
static DATE_LABELS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ngày\s*đăng | đăng\s*(lúc|ngày) | (ngày\s*)?cập\s*nhật(\s*lúc)? | thời\s*gian | ngày | lúc
        | thứ\s*(hai|ba|tư|năm|sáu|bảy) | chủ\s*nhật | print | gốc | in\s*bài | lượt\s*xem | giờ
        | 发布(时间|日期)? | 发表(时间|于)? | 更新(时间)? | 日期 | 时间 | 星期[一二三四五六日天] | 浏览(次数|量)? | 阅读(次数|量)? | 点击(数|量)?
        | 上午 | 下午 | am | pm
        ",
    )
    .expect("valid regex")
});

/// The label of the date a legal document takes effect.
static EFFECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(ngày\s*(có\s*)?hiệu\s*lực|hiệu\s*lực\s*từ|生效(日期|时间))")
        .expect("valid regex")
});

/// A signing line of an official document: "(Đã ký)", "KT. BỘ TRƯỞNG",
/// an office in capitals. The name under it signs the document; it is no
/// portal byline.
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\(\s*(đã\s*)?ký)|^(KT|TM|TL|TUQ|Q)\.\s*\S|^[\p{Lu}\s.]{6,}$")
        .expect("valid regex")
});

/// How many kept blocks above a name are searched for a signing line.
const SIGNING_REACH: usize = 3;

/// A name of two to five capitalized syllables alone on a line, as
/// Vietnamese portals sign their articles ("Hồng Nhung", "Hải Hà").
fn is_signature(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
}

fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|&c| crate::script::is_cjk(c))
                .count()
                .max(1)
        })
        .sum()
}

/// Reads the date line, byline and source of the article from the blocks
/// around its start and at its end, and takes lines that are nothing but
/// such metadata out of the main text. Values found in `<head>` stay.
pub(crate) fn read_article(
    blocks: &[Block],
    keep: &mut [bool],
    meta: &mut BTreeMap<String, String>,
) {
    let Some(start) = keep.iter().position(|&k| k) else {
        return;
    };
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| keep[i]).collect();
    let around =
        start.saturating_sub(LINES_AROUND_START)..(start + LINES_AROUND_START).min(blocks.len());
    // The article's last lines, and the few after it that a download
    // link or share bar cut off from it ("(nguồn: …)").
    let end: Vec<usize> = kept
        .iter()
        .rev()
        .take(LINES_AT_END)
        .rev()
        .copied()
        .collect();
    let after = kept
        .last()
        .map_or(0..0, |&l| l + 1..(l + 1 + LINES_AT_END).min(blocks.len()));
    let last = kept.last().copied();
    for i in around.clone().chain(end).chain(after) {
        let text = blocks[i].text.trim();
        if words(text) > MAX_LINE_WORDS {
            continue;
        }
        let mut rest = text.to_string();
        let mut found = false;
        if let Some(c) = SOURCE.captures(text) {
            meta.entry("source".into())
                .or_insert_with(|| c["source"].trim().to_string());
            rest = rest.replace(c.get(0).map_or("", |m| m.as_str()), " ");
            found = true;
        }
        let byline = AUTHOR
            .captures(&rest)
            .map(|c| (c[0].to_string(), c["author"].trim().to_string()));
        if let Some((whole, author)) = byline {
            meta.entry("author".into()).or_insert(author);
            rest = rest.replace(&whole, " ");
            found = true;
        }
        // A date at the end is the document's own ("2025年3月28日" under
        // a notice's signature), not the page's date line.
        if around.contains(&i)
            && let Some(date) = iso_date(&rest)
        {
            // A legal portal's status box gives the date the document takes
            // effect ("Ngày có hiệu lực: 01/03/2026"), which is no
            // publication date.
            let key = if EFFECTIVE.is_match(&rest) {
                "effective"
            } else {
                "published"
            };
            meta.entry(key.into()).or_insert(date);
            rest = DATE.replace_all(&rest, " ").into_owned();
            found = true;
        }
        let signs_document = || {
            kept.iter()
                .rev()
                .filter(|&&k| k < i)
                .take(SIGNING_REACH)
                .any(|&k| SIGNING.is_match(blocks[k].text.trim()))
        };
        if Some(i) == last && is_signature(text) && !signs_document() {
            meta.entry("author".into())
                .or_insert_with(|| text.to_string());
            keep[i] = false;
            continue;
        }
        let rest = DATE_LABELS.replace_all(&rest, " ");
        if found && words(&rest) <= MAX_LEFTOVER_WORDS {
            keep[i] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    #[test]
    fn dates_in_the_forms_of_the_field() {
        let cases = [
            ("Ngày đăng 13/02/2018 | 10:59", "2018-02-13T10:59"),
            ("(Cập nhật: 09/11/2021)", "2021-11-09"),
            ("Print Thứ Ba, 09/05/2023 10:40 Gốc", "2023-05-09T10:40"),
            ("时间:2023-04-24", "2023-04-24"),
            ("2023年4月24日", "2023-04-24"),
            ("2005-04-05 06:40更新", "2005-04-05T06:40"),
            ("2024-07-11T08:00:00+07:00", "2024-07-11T08:00"),
        ];
        for (text, iso) in cases {
            assert_eq!(iso_date(text).as_deref(), Some(iso), "{text}");
        }
        assert_eq!(iso_date("Số 144/KH-UBND"), None);
        assert_eq!(iso_date("32/13/2020"), None);
    }

    #[test]
    fn site_names_leave_the_title() {
        assert_eq!(
            without_site_name("Kế hoạch tiêm chủng năm 2025 - Sở Y tế Bình An"),
            "Kế hoạch tiêm chủng năm 2025"
        );
        assert_eq!(
            without_site_name("工商部门初定SKII广告属于虚假宣传-搜狐财经"),
            "工商部门初定SKII广告属于虚假宣传"
        );
        assert_eq!(without_site_name("Số 144/KH-UBND"), "Số 144/KH-UBND");
        assert_eq!(
            without_site_name("关于做好免疫规划工作的通知_通知公告_××区卫生健康委员会"),
            "关于做好免疫规划工作的通知"
        );
    }

    fn block(text: &str) -> Block {
        Block::new(BlockKind::Paragraph, text)
    }

    #[test]
    fn date_source_and_signature_lines_become_metadata() {
        let blocks: Vec<Block> = [
            "Kế hoạch truyền thông",
            "Ngày đăng 13/02/2018 | 10:59",
            "Sáng ngày 01/02/2018, tại Trung tâm, Ban chỉ đạo tổ chức hội nghị triển khai kế hoạch năm 2018 với nhiều nội dung.",
            "(nguồn: Haiphong.gov.vn)",
            "Hồng Nhung",
        ]
        .map(block)
        .to_vec();
        let mut keep = vec![true; blocks.len()];
        let mut meta = BTreeMap::new();
        read_article(&blocks, &mut keep, &mut meta);
        assert_eq!(keep, [true, false, true, false, false]);
        assert_eq!(meta["published"], "2018-02-13T10:59");
        assert_eq!(meta["source"], "Haiphong.gov.vn");
        assert_eq!(meta["author"], "Hồng Nhung");
    }

    #[test]
    fn chinese_date_lines_with_source_and_editor() {
        let blocks: Vec<Block> = [
            "2005-04-05 06:40更新 来源：转载文章",
            "正文第一段，内容很长，讲的是工作方案的主要内容和要求。",
            "编辑：山石",
        ]
        .map(block)
        .to_vec();
        let mut keep = vec![true; 3];
        let mut meta = BTreeMap::new();
        read_article(&blocks, &mut keep, &mut meta);
        assert_eq!(keep, [false, true, false]);
        assert_eq!(meta["published"], "2005-04-05T06:40");
        assert_eq!(meta["source"], "转载文章");
        assert_eq!(meta["author"], "山石");
    }
}
