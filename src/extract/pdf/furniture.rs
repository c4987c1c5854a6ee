//! Page furniture: running headers and footers, page numbers, and the
//! date, title, URL and page count a browser prints around each page.
//!
//! A paragraph is furniture when it sits in the top or bottom band of its
//! page and either recurs there on most pages (compared with digits masked,
//! so "Trang 3" and "Trang 4" are one running footer), or is a page number,
//! a browser's date stamp or a URL. A paragraph sharing a baseline with a
//! browser stamp is furniture too: that is the page title next to the date.
//!
//! Text read by OCR differs from page to page by a misread character or a
//! space ("5:44AM" and "5:44 AM", "file:" and "fle:"), and OCR'd pages
//! shift by a few millimetres: there, texts a fifth apart or less (edit
//! distance) are one text, and heights 12 points apart one height.
//!
//! Removed text is not lost: each distinct header or footer text (page
//! numbers aside) becomes one `header`/`footer` block after the body, as the
//! DOCX reader does with Word's headers and footers.

use super::layout::{Paragraph, is_page_number};
use crate::model::{Block, BlockKind};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The share of the page height, from the top and from the bottom, where
/// headers and footers are looked for.
const BAND: f64 = 0.12;
/// Longer paragraphs are body text even in the bands.
const MAX_FURNITURE_CHARS: usize = 250;
/// How far apart (points) a running header may stand on two pages.
const HEIGHT_TOLERANCE: f64 = 3.0;
/// The same on pages read by OCR, which shift on the scanner's glass.
const OCR_HEIGHT_TOLERANCE: f64 = 12.0;
/// Two OCR'd band texts at least this similar (normalized Levenshtein, on
/// their keys) are one text misread differently.
const OCR_SIMILARITY: f64 = 0.8;
/// OCR'd band texts longer than this are compared exactly: running
/// headers are short, and the comparison is quadratic in length.
const MAX_FUZZY_CHARS: usize = 120;
/// Shorter OCR'd band texts are compared exactly too: one character is all
/// that tells "Chương I" from "Chương II".
const MIN_FUZZY_CHARS: usize = 12;

/// One page's paragraphs in reading order, with the page box's bottom and
/// top (user space y).
#[derive(Debug)]
pub struct Page {
    pub number: u32,
    pub bottom: f64,
    pub top: f64,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
}

impl Page {
    fn edge(&self, p: &Paragraph) -> Option<Edge> {
        let height = self.top - self.bottom;
        if !p.upright || height <= 0.0 || p.text.chars().count() > MAX_FURNITURE_CHARS {
            return None;
        }
        if p.top >= self.top - BAND * height {
            Some(Edge::Top)
        } else if p.bottom <= self.bottom + BAND * height {
            Some(Edge::Bottom)
        } else {
            None
        }
    }
}

/// Removes the furniture from `pages` and returns it as `header`/`footer`
/// blocks, each distinct text once, in the order first seen.
pub fn remove(pages: &mut [Page]) -> Vec<Block> {
    let placed = placements(pages);
    let page_count = pages.len();
    // Edge, text, first page, and the OCR confidence when it was read so.
    let mut seen: Vec<(Edge, String, u32, Option<f32>)> = Vec::new();
    for page in pages.iter_mut() {
        let furniture = furniture_on_page(page, &placed, page_count);
        let mut index = 0;
        page.paragraphs.retain(|p| {
            let keep = furniture[index].is_none();
            let ocr = p.ocr_confidence.is_some();
            if let Some(edge) = furniture[index]
                && !is_page_number(&p.text)
                && !seen
                    .iter()
                    .any(|(e, t, ..)| *e == edge && same_text(t, &p.text, ocr))
            {
                seen.push((edge, p.text.clone(), page.number, p.ocr_confidence));
            }
            index += 1;
            keep
        });
    }
    let block = |(edge, text, page, confidence): &(Edge, String, u32, Option<f32>)| {
        let kind = match edge {
            Edge::Top => BlockKind::Header,
            Edge::Bottom => BlockKind::Footer,
        };
        Block::new(kind, text.clone())
            .with_page(*page)
            .with_ocr(*confidence)
    };
    let headers = seen.iter().filter(|s| s.0 == Edge::Top).map(block);
    let footers = seen.iter().filter(|s| s.0 == Edge::Bottom).map(block);
    headers.chain(footers).collect()
}

/// For each paragraph of `page`, the edge it is furniture at, if it is.
fn furniture_on_page(page: &Page, placed: &Placements, page_count: usize) -> Vec<Option<Edge>> {
    let edges: Vec<Option<Edge>> = page.paragraphs.iter().map(|p| page.edge(p)).collect();
    // A page number stands above or below all other text of the page, and
    // a page of nothing but numbers (a table) has none.
    let only_numbers = page.paragraphs.iter().all(|p| is_page_number(&p.text));
    let highest = page
        .paragraphs
        .iter()
        .map(|p| p.top)
        .fold(f64::MIN, f64::max);
    let lowest = page
        .paragraphs
        .iter()
        .map(|p| p.bottom)
        .fold(f64::MAX, f64::min);
    let outermost = |p: &Paragraph| p.top >= highest - 1.0 || p.bottom <= lowest + 1.0;
    let mut furniture: Vec<Option<Edge>> = page
        .paragraphs
        .iter()
        .zip(&edges)
        .map(|(p, edge)| {
            let edge = (*edge)?;
            let known = (is_page_number(&p.text) && outermost(p) && !only_numbers)
                || is_browser_stamp(&p.text)
                || recurs(p, edge, placed, page_count);
            known.then_some(edge)
        })
        .collect();
    // The page title a browser prints beside its date stamp.
    let stamps: Vec<(Edge, f64)> = page
        .paragraphs
        .iter()
        .zip(&edges)
        .filter(|(p, _)| is_browser_stamp(&p.text))
        .filter_map(|(p, edge)| Some(((*edge)?, p.top)))
        .collect();
    for (i, p) in page.paragraphs.iter().enumerate() {
        if let Some(edge) = edges[i]
            && stamps
                .iter()
                .any(|&(e, y)| e == edge && (y - p.top).abs() <= 0.5 * p.size.max(1.0))
        {
            furniture[i] = Some(edge);
        }
    }
    furniture
}

/// Where each band text (digits masked) stands on each page: (page, y).
type Placements = HashMap<(Edge, String), Vec<(u32, f64)>>;

/// Band texts (digits masked) and where they stand on each page.
fn placements(pages: &[Page]) -> Placements {
    let mut placed: Placements = HashMap::new();
    for page in pages {
        for p in &page.paragraphs {
            if let Some(edge) = page.edge(p) {
                placed
                    .entry((edge, key(&p.text)))
                    .or_default()
                    .push((page.number, p.top));
            }
        }
    }
    placed
}

/// Whether `p`, at `edge`, recurs at the same height (within 3 points, 12
/// for OCR) on enough pages to be a running header or footer: at least half
/// the pages, and at least two. The height matters: a document whose title
/// is also the running header still shows the title once in its body.
fn recurs(p: &Paragraph, edge: Edge, placed: &Placements, page_count: usize) -> bool {
    let needed = page_count.div_ceil(2).max(2);
    let ocr = p.ocr_confidence.is_some();
    let tolerance = if ocr {
        OCR_HEIGHT_TOLERANCE
    } else {
        HEIGHT_TOLERANCE
    };
    let own_key = key(&p.text);
    let near = |places: &Vec<(u32, f64)>| {
        places
            .iter()
            .filter(|(_, y)| (y - p.top).abs() <= tolerance)
            .map(|(page, _)| *page)
            .collect::<Vec<u32>>()
    };
    let mut pages: Vec<u32> = if ocr {
        placed
            .iter()
            .filter(|((e, _), _)| *e == edge)
            .map(|((_, k), places)| (k, near(places)))
            .filter(|(k, pages)| !pages.is_empty() && similar_keys(k, &own_key))
            .flat_map(|(_, pages)| pages)
            .collect()
    } else {
        placed.get(&(edge, own_key)).map(near).unwrap_or_default()
    };
    pages.sort_unstable();
    pages.dedup();
    pages.len() >= needed
}

/// Whether two band texts are the same furniture: equal, or for OCR'd
/// text, similar keys.
fn same_text(a: &str, b: &str, ocr: bool) -> bool {
    a == b || (ocr && similar_keys(&key(a), &key(b)))
}

/// Keys equal, or both of a running header's length and at most a fifth
/// apart.
fn similar_keys(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (length_a, length_b) = (a.chars().count(), b.chars().count());
    let longer = length_a.max(length_b);
    let shorter = length_a.min(length_b);
    if longer > MAX_FUZZY_CHARS || shorter < MIN_FUZZY_CHARS || shorter * 5 < longer * 4 {
        return false;
    }
    strsim::normalized_levenshtein(a, b) >= OCR_SIMILARITY
}

/// Text compared across pages: digits masked, spaces folded, lower case.
fn key(text: &str) -> String {
    let masked: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    masked
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What browsers print in page margins: a date and time ("11/23/26, 5:28
/// AM", "2026/11/23 05:28"), or a URL, maybe followed by the page count.
fn is_browser_stamp(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)^(?:
                \d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},?\s+(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm]|SA|CH)?
              | (?:https?|file|about):\S*(?:\s+\d{1,4}\s*/\s*\d{1,4})?
            )$",
        )
        .expect("browser stamp pattern is valid")
    });
    pattern.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, y: f64) -> Paragraph {
        Paragraph::plain(text, y, 10.0)
    }

    fn page(number: u32, texts: &[(&str, f64)]) -> Page {
        Page {
            number,
            bottom: 0.0,
            top: 800.0,
            paragraphs: texts.iter().map(|&(t, y)| paragraph(t, y)).collect(),
        }
    }

    fn bodies(pages: &[Page]) -> Vec<Vec<&str>> {
        pages
            .iter()
            .map(|p| p.paragraphs.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    fn ocr_page(number: u32, texts: &[(&str, f64)]) -> Page {
        let mut page = page(number, texts);
        for p in &mut page.paragraphs {
            p.ocr_confidence = Some(0.9);
        }
        page
    }

    #[test]
    fn ocr_running_heads_misread_differently_are_one_and_removed() {
        let heads = [
            "11/23/26, 5:44AM 市卫生健康委员会文件",
            "11/23/26, 5:44 AM 市卫生健康委员会文件",
            "11/23/26, 5:44 AM 市卫生健康委员会文仵",
        ];
        let feet = [
            "file:///x/mianyi.html 1/3",
            "f 和 le:///x/mianyi.html 2/3",
            "fle:///x/mianyi.html 3/3",
        ];
        let mut pages: Vec<Page> = (0..3)
            .map(|i| {
                let shift = i as f64 * 5.0;
                let body = format!("正文第{i}页");
                ocr_page(
                    i as u32 + 1,
                    &[
                        (heads[i], 790.0 - shift),
                        (&body, 500.0),
                        (feet[i], 20.0 + shift),
                    ],
                )
            })
            .collect();
        let furniture = remove(&mut pages);
        assert_eq!(
            bodies(&pages),
            [["正文第0页"], ["正文第1页"], ["正文第2页"]]
        );
        let kept: Vec<(BlockKind, &str)> = furniture
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            kept,
            [(BlockKind::Header, heads[0]), (BlockKind::Footer, feet[0])]
        );
    }

    #[test]
    fn short_or_text_layer_band_texts_must_match_exactly() {
        let heads = ["Chương I", "Chương II", "Chương III"];
        let mut pages: Vec<Page> = (0..3)
            .map(|i| ocr_page(i as u32 + 1, &[(heads[i], 790.0), ("nội dung", 500.0)]))
            .collect();
        remove(&mut pages);
        assert_eq!(bodies(&pages)[1], ["Chương II", "nội dung"]);
        let heads = [
            "Kế hoạch truyền thông dân số năm 2025 (A)",
            "Kế hoạch truyền thông dân số năm 2025 (B)",
            "Kế hoạch truyền thông dân số năm 2025 (C)",
        ];
        let mut pages: Vec<Page> = (0..3)
            .map(|i| page(i as u32 + 1, &[(heads[i], 790.0), ("nội dung", 500.0)]))
            .collect();
        remove(&mut pages);
        assert_eq!(bodies(&pages)[1], [heads[1], "nội dung"]);
    }

    #[test]
    fn browser_headers_and_footers_are_removed_and_kept_once() {
        let mut pages: Vec<Page> = (1..=3)
            .map(|n| {
                let footer = "file:///tmp/ke-hoach.html";
                let count = format!("{n}/3");
                page(
                    n,
                    &[
                        ("11/23/26, 5:28 AM", 790.0),
                        ("Kế hoạch tiêm chủng - Cổng thông tin", 790.0),
                        ("Nội dung trang", 500.0),
                        (footer, 10.0),
                        (count.as_str(), 10.0),
                    ],
                )
            })
            .collect();
        let removed = remove(&mut pages);
        assert_eq!(bodies(&pages), vec![vec!["Nội dung trang"]; 3]);
        let texts: Vec<(BlockKind, &str)> =
            removed.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (BlockKind::Header, "11/23/26, 5:28 AM"),
                (BlockKind::Header, "Kế hoạch tiêm chủng - Cổng thông tin"),
                (BlockKind::Footer, "file:///tmp/ke-hoach.html"),
            ]
        );
    }

    #[test]
    fn a_one_page_browser_print_loses_its_title_line() {
        let mut pages = vec![page(
            1,
            &[
                ("2026/11/23 05:28", 790.0),
                ("计划生育服务管理办法", 790.0),
                ("第一条 为了规范计划生育服务", 700.0),
                ("https://wsjkw.example.gov.cn/a.html 1/1", 10.0),
            ],
        )];
        remove(&mut pages);
        assert_eq!(bodies(&pages), vec![vec!["第一条 为了规范计划生育服务"]]);
    }

    #[test]
    fn running_headers_need_most_pages_and_the_bands() {
        let mut pages: Vec<Page> = (1..=4)
            .map(|n| {
                let number = format!("Trang {n}");
                let heading = if n == 1 {
                    "UBND TỈNH BÌNH AN"
                } else {
                    "Kế hoạch 52/KH-UBND"
                };
                page(
                    n,
                    &[
                        (heading, 780.0),
                        ("Mục tiêu", 400.0),
                        (number.as_str(), 20.0),
                    ],
                )
            })
            .collect();
        let removed = remove(&mut pages);
        assert_eq!(bodies(&pages)[0], ["UBND TỈNH BÌNH AN", "Mục tiêu"]);
        assert_eq!(bodies(&pages)[3], ["Mục tiêu"]);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].text, "Kế hoạch 52/KH-UBND");
        assert_eq!(removed[0].page, Some(2));
    }

    #[test]
    fn a_title_repeated_as_running_header_stays_in_the_body() {
        let mut pages: Vec<Page> = (1..=3)
            .map(|n| {
                let mut texts = vec![("2025年母婴安全保障工作方案", 790.0)];
                if n == 1 {
                    texts.push(("2025年母婴安全保障工作方案", 740.0));
                }
                texts.push(("正文", 400.0));
                page(n, &texts)
            })
            .collect();
        remove(&mut pages);
        assert_eq!(bodies(&pages)[0], ["2025年母婴安全保障工作方案", "正文"]);
        assert_eq!(bodies(&pages)[1], ["正文"]);
    }

    #[test]
    fn numbers_in_a_table_near_the_edge_are_not_page_numbers() {
        let mut pages = vec![page(1, &[("2", 790.0), ("4", 775.0), ("6", 760.0)])];
        remove(&mut pages);
        assert_eq!(bodies(&pages)[0], ["2", "4", "6"]);
        let mut pages = vec![page(1, &[("Bảng", 500.0), ("4", 775.0), ("5", 15.0)])];
        remove(&mut pages);
        assert_eq!(bodies(&pages)[0], ["Bảng"]);
    }

    #[test]
    fn body_text_in_the_bands_stays() {
        let mut pages = vec![page(
            1,
            &[("Điều 1. Phạm vi", 790.0), ("Ghi chú cuối trang", 15.0)],
        )];
        remove(&mut pages);
        assert_eq!(bodies(&pages)[0].len(), 2);
    }

    #[test]
    fn browser_stamps_are_recognised() {
        for stamp in [
            "11/23/26, 5:28 AM",
            "23/11/2026 05:28",
            "2026/11/23 下午5:28",
            "file:///C:/Users/a/ke-hoach.html",
            "https://soyte.binhan.gov.vn/ke-hoach 2/5",
        ] {
            assert!(is_browser_stamp(stamp), "{stamp}");
        }
        for text in ["Ngày 05/3/2025", "Điều 5", "www"] {
            assert!(!is_browser_stamp(text), "{text}");
        }
    }
}
