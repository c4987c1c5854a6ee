//! The article of a scraped page: a text file whose lines are a web page's
//! visible text, with the portal's menus, visitor counters, related-article
//! lists, download notices, weather and poll boxes still in it.
//!
//! Lines are judged as the HTML judge judges blocks (`extract::boilerplate`
//! holds the phrases both use): prose, furniture, or short. The article is
//! the run of lines with the most prose and the least furniture, with its
//! title just above and its byline just below; its date line, byline and
//! source go to `meta`. An ordinary plan saved as text is never cut in
//! [`MainText::Auto`]: a file is taken for a scraped page only when
//! furniture is found around the run.

use crate::extract::MainText;
use crate::extract::boilerplate::{
    LABEL_MAX_WORDS, NOTICE_LABEL, PROSE_WORDS, has_punctuation, heaviest_run, is_boilerplate,
    words,
};
use crate::extract::html::meta;
use crate::model::{Block, BlockKind};
use crate::script::is_cjk;
use icu_normalizer::ComposingNormalizerBorrowed;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

/// `auto` takes a text for a scraped page when at least this many lines
/// around its article say what portal furniture says.
const MIN_FURNITURE_LINES: usize = 2;
/// How far above the article its title is looked for, in lines…
const TITLE_REACH: usize = 3;
/// …or, for a document site's file name, this far.
const FILE_TITLE_REACH: usize = 30;
/// How many short lines after the article's prose stay with it (a byline,
/// a signature) before furniture starts.
const TAIL_REACH: usize = 3;

/// How a line looks on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    Short,
    /// Furniture by what it says: a portal phrase, a keyword line, a
    /// label or the items under it.
    Said,
    /// Furniture because the page repeats it (a plan repeats its issuer
    /// too, so this alone does not make a text a scraped page).
    Repeated,
}

impl Class {
    fn is_furniture(self) -> bool {
        matches!(self, Class::Said | Class::Repeated)
    }
}

/// A line that names a document file, as document-sharing sites title
/// their pages ("2023年卫生计生宣传教育工作计划.docx").
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\S.{0,150}\.(docx?|pdf|pptx?|xlsx?|wps|rtf|txt)$").expect("valid regex")
});
/// The heading of a list or box of furniture: what follows it, up to the
/// next prose, is its items ("Các bài liên quan", "thời tiết các vùng",
/// "温馨提示:"), where a button such as "Tải về" or "anh tin bai" heads
/// nothing.
static LIST_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        [:：]$ | tin\s*khác | tin\s*(liên\s*quan|cùng\s*chuyên\s*mục|mới\s*nhất|đọc\s*nhiều|nổi\s*bật)
        | bài\s*(viết\s*)?liên\s*quan | thông\s*tin\s*mới\s*nhất | thời\s*tiết | bình\s*chọn | thăm\s*dò
        | liên\s*kết\s*website | tiện\s*ích
        | 相关 | 相關 | 你可能 | 推荐阅读 | 推薦閱讀 | 热门 | 熱門 | 延伸阅读 | 温馨提示",
    )
    .expect("valid regex")
});
/// A list item's number or bullet.
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}\s*[.、)．]|[-•*·])").expect("valid regex"));

/// Keeps the article of `blocks` when `mode` asks for it (or, in `Auto`,
/// when the text looks like a scraped page), reading its date line, byline
/// and source into `meta`; `meta.removed_lines` counts the lines left out.
pub(super) fn article(
    mut blocks: Vec<Block>,
    mode: MainText,
    meta: &mut BTreeMap<String, String>,
) -> Vec<Block> {
    if mode == MainText::Off {
        return blocks;
    }
    let classes = classify(&blocks);
    let Some(core) = core_run(&blocks, &classes) else {
        return blocks;
    };
    let tail = tail(&classes, core.end);
    let furniture = (0..core.start)
        .chain(tail..blocks.len())
        .filter(|&i| classes[i] == Class::Said)
        .count();
    if mode == MainText::Auto && furniture < MIN_FURNITURE_LINES {
        return blocks;
    }
    // A line the article itself repeats ("(Ảnh minh họa).") is its own.
    let mut span: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, block) in blocks.iter().enumerate() {
        span.entry(block.text.trim()).or_insert((i, i)).1 = i;
    }
    let own = |i: usize| match classes[i] {
        Class::Repeated => {
            let (first, last) = span[blocks[i].text.trim()];
            core.contains(&first) && core.contains(&last)
        }
        class => !class.is_furniture(),
    };
    let mut keep: Vec<bool> = (0..blocks.len())
        .map(|i| (core.start..tail).contains(&i) && own(i))
        .collect();
    if let Some(title) = title_above(&blocks, &classes, core.start) {
        keep[title] = true;
        blocks[title].kind = BlockKind::Heading;
        blocks[title].level = Some(1);
        let text = blocks[title].text.trim();
        let name = match text.rsplit_once('.') {
            Some((stem, _)) if FILE_NAME.is_match(text) => stem,
            _ => text,
        };
        meta.insert("title".into(), meta::title_text(name));
    }
    meta::read_article(&blocks, &mut keep, meta);
    let before = blocks.len();
    let mut keep = keep.into_iter();
    blocks.retain(|_| keep.next().unwrap_or(false));
    meta.insert("removed_lines".into(), (before - blocks.len()).to_string());
    blocks
}

/// Judges each line on its own: prose, furniture (portal phrases, short
/// lines the page repeats, keyword lines, the items under a "Tin khác" or
/// "温馨提示:" label) or short.
fn classify(blocks: &[Block]) -> Vec<Class> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for block in blocks {
        *seen.entry(block.text.trim()).or_default() += 1;
    }
    let mut under_label = false;
    blocks
        .iter()
        .map(|block| {
            // Portals in windows-1258 or NFD spell tone marks apart; the
            // phrases are matched composed.
            let composed = ComposingNormalizerBorrowed::new_nfc().normalize(block.text.trim());
            let text = composed.as_ref();
            let words = words(text);
            let prose = words >= PROSE_WORDS && has_punctuation(text);
            let boilerplate = is_boilerplate(text, words);
            // A label's items run to the next prose or the next furniture
            // of another kind (a new box).
            if under_label && !boilerplate && (!prose || ITEM.is_match(text)) {
                return Class::Said;
            }
            under_label = false;
            let label = boilerplate && words <= LABEL_MAX_WORDS && LIST_LABEL.is_match(text);
            if label || NOTICE_LABEL.is_match(text) {
                under_label = true;
                return Class::Said;
            }
            if boilerplate || is_keyword_line(text) {
                Class::Said
            } else if words < PROSE_WORDS && seen[block.text.trim()] > 1 {
                Class::Repeated
            } else if prose {
                Class::Good
            } else {
                Class::Short
            }
        })
        .collect()
}

/// Chinese words set apart by spaces ("2023 卫生 计生 宣传教育 工作计划"):
/// a site's keywords, since Chinese prose has no spaces between words.
fn is_keyword_line(text: &str) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    parts.len() >= 3
        && parts.iter().any(|p| p.chars().any(is_cjk))
        && parts
            .iter()
            .all(|p| p.chars().all(|c| is_cjk(c) || c.is_alphanumeric()))
}

/// The run of lines with the greatest weight: prose counts its words,
/// furniture against, short lines a little against (maximum-sum run).
fn core_run(blocks: &[Block], classes: &[Class]) -> Option<Range<usize>> {
    heaviest_run(blocks.iter().zip(classes).map(|(block, &class)| {
        let words = words(&block.text) as f64;
        let weight = match class {
            Class::Good => words,
            Class::Short => -0.2 * words,
            Class::Said | Class::Repeated => -words.max(1.0),
        };
        (weight, class == Class::Good)
    }))
}

/// The end of the article: the core run and the few short lines after it
/// (a byline, a signature), up to the first furniture.
fn tail(classes: &[Class], end: usize) -> usize {
    let mut tail = end;
    while tail < classes.len() && tail - end < TAIL_REACH && classes[tail] == Class::Short {
        tail += 1;
    }
    tail
}

/// The article's title above its first line: a document site's file name
/// within [`FILE_TITLE_REACH`] lines, else the nearest short line within
/// [`TITLE_REACH`] that is not a date line, up to the first furniture.
fn title_above(blocks: &[Block], classes: &[Class], first: usize) -> Option<usize> {
    let file = (first.saturating_sub(FILE_TITLE_REACH)..first)
        .rev()
        .find(|&i| FILE_NAME.is_match(blocks[i].text.trim()));
    if file.is_some() {
        return file;
    }
    (first.saturating_sub(TITLE_REACH)..first)
        .rev()
        .take_while(|&i| !classes[i].is_furniture())
        .find(|&i| classes[i] == Class::Short && meta::iso_date(&blocks[i].text).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|text| Block::new(BlockKind::Paragraph, *text))
            .collect()
    }

    const PROSE: &str = "Sở Y tế giao Chi cục Dân số tổ chức các hoạt động truyền thông hưởng ứng Ngày Dân số Thế giới tại các quận, huyện trên địa bàn thành phố.";

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_scraped_page_keeps_its_article_title_and_byline_in_meta() {
        let page = paragraphs(&[
            "LƯỢT TRUY CẬP",
            "Hôm nay2343",
            "Dân số-KHHGĐ",
            "Kế hoạch truyền thông dân số năm 2024",
            "(Cập nhật: 09/11/2021)",
            PROSE,
            "Truyền thông lưu động trên các đường phố chính",
            PROSE,
            "Hải Hà",
            "Các bài liên quan",
            "Chủ động thích ứng với già hóa dân số (30/09/2021)",
            "Quay lạiXem tiếp",
        ]);
        let mut meta = BTreeMap::new();
        let out = article(page, MainText::Auto, &mut meta);
        assert_eq!(
            texts(&out),
            [
                "Kế hoạch truyền thông dân số năm 2024",
                PROSE,
                "Truyền thông lưu động trên các đường phố chính",
                PROSE
            ]
        );
        assert_eq!(out[0].kind, BlockKind::Heading);
        assert_eq!(meta["published"], "2021-11-09");
        assert_eq!(meta["author"], "Hải Hà");
        assert_eq!(meta["title"], "Kế hoạch truyền thông dân số năm 2024");
        assert_eq!(meta["removed_lines"], "8");
    }

    #[test]
    fn an_ordinary_plan_is_never_cut_in_auto() {
        let plan = paragraphs(&[
            "ỦY BAN NHÂN DÂN",
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH",
            PROSE,
            "Nơi nhận:",
            "- Như trên;",
            "CHỦ TỊCH",
        ]);
        let mut meta = BTreeMap::new();
        let out = article(plan.clone(), MainText::Auto, &mut meta);
        assert_eq!(out.len(), plan.len());
        assert!(meta.is_empty());
        // `on` cuts it all the same; `off` never does.
        assert!(article(plan.clone(), MainText::On, &mut meta).len() < plan.len());
        assert_eq!(
            article(plan.clone(), MainText::Off, &mut meta).len(),
            plan.len()
        );
    }

    #[test]
    fn notice_items_and_keyword_lines_are_furniture() {
        let body = "根据区委、区政府及市卫生计生宣教工作的总体要求，结合实际，整合各种资源，提高对当今媒体和舆论传播新趋势的认识，努力构建大联合、大宣传的工作格局。";
        let page = paragraphs(&[
            "分享",
            "2023年卫生计生宣传教育工作计划.docx",
            "下载文档",
            "温馨提示:",
            "1. 本文档由用户上传,版权归属用户,汇文网负责整理代发布。如果您对本文档版权有争议请及时联系客服。",
            "2. 下载前请仔细阅读文档内容,确认文档内容符合您的需求后进行下载,若出现内容与标题不符可向本站投诉处理。",
            "2023 卫生 计生 宣传教育 工作计划",
            body,
            "此文档下载收益归作者所有",
            "你可能关注的文档",
        ]);
        let mut meta = BTreeMap::new();
        let out = article(page, MainText::Auto, &mut meta);
        assert_eq!(texts(&out), ["2023年卫生计生宣传教育工作计划.docx", body]);
        assert_eq!(meta["title"], "2023年卫生计生宣传教育工作计划");
    }
}
