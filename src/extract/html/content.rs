//! Main-content selection: which blocks of a page are the article, and
//! which are the portal around it.
//!
//! Each block is first judged on its own, from its text and where it sits:
//! *good* (sentence-length prose with few links), *bad* (page chrome, link
//! lists, counters, share bars, download notices, text that recurs on the
//! page) or *short* (headings, captions, table cells: undecided). Good text
//! counts for every element that contains it, bad text against; the element
//! with the best balance is the article region, whatever the layout (an
//! `<article>`, a `<div id=content>`, a cell of a 1990s layout table).
//! Inside it, bad blocks are still dropped, and the article heading just
//! above it is kept.

mod repeats;

use crate::extract::boilerplate::{
    LABEL_MAX_WORDS, NOTICE_LABEL, PROSE_WORDS, has_punctuation, heaviest_run, is_boilerplate,
    words,
};

use crate::model::{Block, BlockKind};
use crate::script::is_cjk;
use ego_tree::NodeId;
use icu_normalizer::ComposingNormalizerBorrowed;
use scraper::Html;
use std::collections::HashSet;
use std::ops::Range;

/// What the walk records of each block for the selection.
#[derive(Debug, Clone, Copy)]
pub(super) struct Features {
    /// The innermost block-level element holding the text.
    pub node: NodeId,
    /// Characters of the text that are inside links.
    pub linked_chars: usize,
    /// Characters of the text in bold or large type or in an element named
    /// as a title.
    pub emphasized_chars: usize,
    /// Inside `nav`, `aside`, a page-level `header`/`footer` or a small form.
    pub chrome: bool,
    /// The strongest chrome name among the elements around it.
    pub named_chrome: ChromeName,
    /// Inside `article`, `main` or `[role=main]`.
    pub main_section: bool,
}

/// Link text above this share of a block makes it a link list.
const LINK_LIST_SHARE: f64 = 0.4;
/// Link text above this share keeps a block from counting as prose.
const PROSE_LINK_SHARE: f64 = 0.3;
/// A title set apart only by bold or large type has at most this many words.
const TITLE_MAX_WORDS: usize = 40;
/// How many blocks above the region the article heading is looked for…
const HEADING_REACH: usize = 12;
/// …or, when the page title repeats it, this many (a document site puts
/// its file facts and download notice between the two).
const TITLE_REACH: usize = 30;

/// How a block looks on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    Short,
    Bad,
}

/// Class and id words that name page chrome whatever the text inside:
/// comment threads, footers, related-article and share boxes.
const STRONG_CHROME_NAMES: [&str; 14] = [
    "comment",
    "comments",
    "respond",
    "reply",
    "footer",
    "foot",
    "copyright",
    "related",
    "relate",
    "recommend",
    "share",
    "breadcrumb",
    "sidebar",
    "friendlink",
];

/// Class and id words that name page chrome, unless the text inside reads
/// as prose (a `top` or `header` wrapper sometimes holds the article).
const WEAK_CHROME_NAMES: [&str; 29] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "header",
    "topbar",
    "side",
    "aside",
    "crumb",
    "social",
    "sns",
    "login",
    "search",
    "ad",
    "ads",
    "advert",
    "banner",
    "toolbar",
    "pager",
    "pagination",
    "weather",
    "counter",
    "poll",
    "vote",
    "links",
    "hotnews",
    "bottom",
    "keywords",
    "tags",
];

/// How strongly an element's class or id says it is page chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) enum ChromeName {
    #[default]
    None,
    Weak,
    Strong,
}

/// What an element's class and id (lower-cased, joined by a space) say
/// of it. Each value splits into words
/// at anything but ASCII letters (`nav-top`, `left_menu`, `footer1`); a few
/// words also count at the start or end of a longer one (`postfoot`,
/// `commentlist`, `leftmenu`).
pub(super) fn chrome_name(class_and_id: &str) -> ChromeName {
    let mut found = ChromeName::None;
    let parts = class_and_id
        .split_whitespace()
        .filter(|value| !is_hash_like(value))
        .flat_map(|value| value.split(|c: char| !c.is_ascii_alphabetic()));
    for part in parts {
        let starts = |words: &[&str]| words.iter().any(|w| part.starts_with(w));
        let ends = |words: &[&str]| words.iter().any(|w| part.ends_with(w));
        if STRONG_CHROME_NAMES.contains(&part)
            || starts(&["comment", "footer", "sidebar", "copyright"])
            || ends(&["foot", "footer", "comment", "comments", "sidebar"])
        {
            return ChromeName::Strong;
        }
        if WEAK_CHROME_NAMES.contains(&part) || starts(&["menu", "nav"]) || ends(&["menu", "nav"]) {
            found = ChromeName::Weak;
        }
    }
    found
}

/// A class or id that is a hash or UUID (`id_3f2a-ad81-…`, a CSS-module
/// suffix): it names nothing, though its letters may spell `ad` or `nav`.
/// Eight or more hex digits in a row, one of them a digit.
fn is_hash_like(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_hexdigit())
        .any(|run| run.len() >= 8 && run.bytes().any(|b| b.is_ascii_digit()))
}

/// The main content of a page, as block indices.
#[derive(Debug, Default)]
pub(super) struct Selection {
    /// `true` for each block kept.
    pub keep: Vec<bool>,
    /// The article's heading, when one was found: the first kept heading,
    /// or the title-looking block above the text that was added to it.
    pub heading: Option<usize>,
}

/// Which blocks are main content. The page's `<title>` helps to find the
/// article heading.
pub(super) fn main_content(
    page: &Html,
    blocks: &[Block],
    features: &[Features],
    title: Option<&str>,
) -> Selection {
    let copies = repeats::Copies::new(blocks);
    let judged = classify(blocks, features, &copies);
    let toc = repeats::tables_of_contents(page, features, &judged.base, &copies);
    let mut classes: Vec<Class> = (0..blocks.len())
        .map(|i| {
            let furniture = judged.repeated[i] && !toc.holds_every_other_copy(i, &copies);
            if toc.contains(i) || furniture {
                Class::Bad
            } else {
                judged.base[i]
            }
        })
        .collect();
    let sizes = &judged.sizes;
    let Some(core) = core_run(sizes, features, &classes) else {
        // No prose anywhere: a page of short texts keeps what is not chrome.
        return Selection {
            keep: classes.iter().map(|&c| c != Class::Bad).collect(),
            heading: None,
        };
    };
    // What the document itself prints twice, all inside the article and
    // not only above its prose, is the document's (a form printed twice, a
    // clause under each article, an article printed for mobile and for
    // desktop); a headline printed twice above the text is not, nor a lone
    // bracket or quote left between two links.
    let own_repeat = |i: usize| {
        judged.repeated[i]
            && blocks[i].text.chars().any(char::is_alphanumeric)
            && toc.holds_no_copy(i, &copies)
    };
    let provisional: Vec<Class> = (0..blocks.len())
        .map(|i| {
            if own_repeat(i) {
                judged.base[i]
            } else {
                classes[i]
            }
        })
        .collect();
    let article = widen(page, features, &provisional, core.clone());
    for i in article.clone() {
        if own_repeat(i) && copies.all_within(i, &article) && copies.last_within(i, &core) {
            classes[i] = judged.base[i];
        }
    }
    drop_notices(page, blocks, features, &mut classes, &core);
    let core = first_listed(page, features, &classes, sizes, core);
    let run = widen(page, features, &classes, core);
    let mut keep: Vec<bool> = (0..blocks.len())
        .map(|i| run.contains(&i) && classes[i] != Class::Bad)
        .collect();
    let opening = run
        .clone()
        .find(|&i| keep[i])
        .filter(|&i| blocks[i].kind == BlockKind::Heading);
    let heading = opening
        .or_else(|| heading_above(blocks, features, &classes, run.start, title))
        .or_else(|| page_heading_above(blocks, &judged.base, run.start));
    if let Some(heading) = heading {
        keep[heading] = !said_again_below(blocks, features, &classes, &keep, heading);
    }
    Selection { keep, heading }
}

/// How each block looks on its own.
struct Judged {
    /// The class of each block, whether or not its text recurs.
    base: Vec<Class>,
    /// Short blocks whose text the page prints more than once: portal
    /// furniture, unless a table of contents or the article explains it.
    repeated: Vec<bool>,
    /// Each block's size in words.
    sizes: Vec<usize>,
}

/// Judges each block on its own.
fn classify(blocks: &[Block], features: &[Features], copies: &repeats::Copies) -> Judged {
    let mut sizes = Vec::with_capacity(blocks.len());
    let mut repeated = Vec::with_capacity(blocks.len());
    let mut label: Option<NodeId> = None;
    let base = blocks
        .iter()
        .zip(features)
        .enumerate()
        .map(|(i, (block, features))| {
            // Lines that follow a label in the same element (a `<br>`-split
            // notice or list) share its fate.
            if label.is_some_and(|node| node != features.node) {
                label = None;
            }
            // Pages in windows-1258 or NFD spell tone marks apart; the
            // phrases below are matched composed.
            let composed = ComposingNormalizerBorrowed::new_nfc().normalize(block.text.trim());
            let text = composed.as_ref();
            let words = words(text);
            sizes.push(words);
            repeated.push(
                words < PROSE_WORDS && copies.count(i) > 1 && block.kind != BlockKind::TableCell,
            );
            if label.is_some() {
                return Class::Bad;
            }
            let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
            let link_share = features.linked_chars as f64 / chars as f64;
            let boilerplate = is_boilerplate(text, words);
            let prose =
                words >= PROSE_WORDS && link_share < PROSE_LINK_SHARE && has_punctuation(text);
            let chrome = features.chrome || features.named_chrome == ChromeName::Strong;
            if boilerplate && words <= LABEL_MAX_WORDS {
                label = Some(features.node);
            }
            if chrome || link_share > LINK_LIST_SHARE || boilerplate {
                Class::Bad
            } else if prose {
                Class::Good
            } else if features.named_chrome == ChromeName::Weak {
                Class::Bad
            } else {
                Class::Short
            }
        })
        .collect();
    Judged {
        base,
        repeated,
        sizes,
    }
}

/// A notice label that is the first block of its element makes the
/// element's other blocks a notice: `<div><p>温馨提示：</p><p>1、…</p></div>`.
/// Not when that element holds the article's core (a legal text says
/// "Lưu ý:" in its own voice).
fn drop_notices(
    page: &Html,
    blocks: &[Block],
    features: &[Features],
    classes: &mut [Class],
    core: &Range<usize>,
) {
    let parent_of = |i: usize| {
        let node = page.tree.get(features[i].node)?;
        node.parent()
            .filter(|p| p.value().is_element())
            .map(|p| p.id())
    };
    let inside = |i: usize, element: NodeId| {
        page.tree
            .get(features[i].node)
            .is_some_and(|node| node.ancestors().any(|a| a.id() == element))
    };
    let mut i = 0;
    while i < blocks.len() {
        let label = NOTICE_LABEL.is_match(blocks[i].text.trim());
        let scope = parent_of(i).filter(|&parent| {
            label
                && (i == 0 || !inside(i - 1, parent))
                && !(inside(core.start, parent) && inside(core.end - 1, parent))
        });
        i += 1;
        if let Some(parent) = scope {
            classes[i - 1] = Class::Bad;
            while i < blocks.len() && inside(i, parent) {
                classes[i] = Class::Bad;
                i += 1;
            }
        }
    }
}

/// Whether the article heading only repeats what the blocks right under it
/// say: a portal's title over a document that prints its own number, type
/// and subject. Nine in ten of its words recur in the kept blocks up to the
/// first prose that is not set apart as a title.
fn said_again_below(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    keep: &[bool],
    heading: usize,
) -> bool {
    let own = lowercase_words(&blocks[heading].text);
    let mut below: HashSet<String> = HashSet::new();
    for i in (heading + 1..blocks.len())
        .filter(|&i| keep[i])
        .take(HEADING_REACH)
    {
        if classes[i] == Class::Good && !set_apart(&blocks[i], &features[i]) {
            break;
        }
        below.extend(lowercase_words(&blocks[i].text));
    }
    let missing = own.iter().filter(|w| !below.contains(*w)).count();
    !own.is_empty() && missing * 10 <= own.len()
}

/// Wholly emphasized, at most a title's length, not ending a sentence or
/// introducing a list.
fn set_apart(block: &Block, features: &Features) -> bool {
    let text = block.text.trim();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    features.emphasized_chars >= chars
        && words(text) <= TITLE_MAX_WORDS
        && !text.ends_with(['.', ':', ';', '。', '：', '；'])
}

/// The words of a text in lower case, each CJK character one.
fn lowercase_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() && !is_cjk(c) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if is_cjk(c) {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// What a block adds to a run of main content: its words if prose (more
/// inside `<article>`/`<main>`), minus its words if chrome, a little less
/// than nothing if short, so that runs do not stretch over captions and
/// link-free furniture for nothing.
fn weight(words: usize, features: &Features, class: Class) -> f64 {
    let words = words as f64;
    match class {
        Class::Good if features.main_section => 1.5 * words,
        Class::Good => words,
        Class::Short => -0.2 * words,
        Class::Bad => -words.max(1.0),
    }
}

/// The run of consecutive blocks with the greatest total weight (the
/// maximum-sum subarray), where most of the prose is; `None` when the page
/// has none.
fn core_run(sizes: &[usize], features: &[Features], classes: &[Class]) -> Option<Range<usize>> {
    let items = sizes.iter().zip(features).zip(classes);
    heaviest_run(
        items.map(|((&words, features), &class)| {
            (weight(words, features, class), class == Class::Good)
        }),
    )
}

/// Class words of the units of a listing: blog posts, entries, stories.
const LISTING_NAMES: [&str; 5] = ["post", "entry", "article", "blog", "story"];
/// A listing has at least this many units with prose, all with one class.
const LISTING_UNITS: usize = 3;

/// On a listing page (a blog's front page, a column of whole stories), the
/// part of the core run inside the first unit: the page's own article. A
/// unit is an element whose class names a post or entry; the page is a
/// listing when the core run holds prose in at least three of them with
/// one class, and at least half its prose (in words, `sizes`) lies inside
/// units: a legal text whose article titles have a class `prov-article`
/// is one document, not a listing of them.
fn first_listed(
    page: &Html,
    features: &[Features],
    classes: &[Class],
    sizes: &[usize],
    core: Range<usize>,
) -> Range<usize> {
    let listed = |word: &str| {
        word.split(|c: char| !c.is_ascii_alphabetic())
            .any(|part| LISTING_NAMES.contains(&part.to_ascii_lowercase().as_str()))
    };
    let mut units: Vec<(&str, NodeId)> = Vec::new();
    let mut unit_of = vec![None; features.len()];
    for i in core.clone().filter(|&i| classes[i] == Class::Good) {
        let Some(node) = page.tree.get(features[i].node) else {
            continue;
        };
        let unit = std::iter::once(node).chain(node.ancestors()).find_map(|n| {
            let class = n.value().as_element()?.attr("class")?;
            listed(class).then_some((class, n.id()))
        });
        if let Some(unit) = unit {
            unit_of[i] = Some(unit.1);
            if !units.contains(&unit) {
                units.push(unit);
            }
        }
    }
    let Some(&(class, first)) = units.first() else {
        return core;
    };
    if units.iter().filter(|(c, _)| *c == class).count() < LISTING_UNITS {
        return core;
    }
    let good = || core.clone().filter(|&i| classes[i] == Class::Good);
    let prose: usize = good().map(|i| sizes[i]).sum();
    let in_units: usize = good()
        .filter(|&i| unit_of[i].is_some())
        .map(|i| sizes[i])
        .sum();
    if in_units * 2 < prose {
        return core;
    }
    let inside: Vec<usize> = core.filter(|&i| unit_of[i] == Some(first)).collect();
    match (inside.first(), inside.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
}

/// Widens the core run over the blocks around it that belong with it: those
/// inside the smallest element holding the whole core, up to the first
/// chrome block on each side. A plan's closing table of targets or the
/// signature under its last paragraph is short text, but it is the plan's.
fn widen(
    page: &Html,
    features: &[Features],
    classes: &[Class],
    core: Range<usize>,
) -> Range<usize> {
    let Some(container) = common_ancestor(page, &features[core.clone()]) else {
        return core;
    };
    let inside = |i: usize| {
        page.tree.get(features[i].node).is_some_and(|node| {
            node.id() == container || node.ancestors().any(|a| a.id() == container)
        })
    };
    let belongs = |i: usize| classes[i] != Class::Bad && inside(i);
    let mut start = core.start;
    while start > 0 && belongs(start - 1) {
        start -= 1;
    }
    let mut end = core.end;
    while end < classes.len() && belongs(end) {
        end += 1;
    }
    start..end
}

/// The deepest element that contains the nodes of all these blocks.
fn common_ancestor(page: &Html, features: &[Features]) -> Option<NodeId> {
    let path = |id: NodeId| -> Vec<NodeId> {
        let mut path: Vec<NodeId> = page
            .tree
            .get(id)
            .map(|node| {
                std::iter::once(node)
                    .chain(node.ancestors())
                    .map(|n| n.id())
                    .collect()
            })
            .unwrap_or_default();
        path.reverse();
        path
    };
    let mut common = path(features.first()?.node);
    for features in &features[1..] {
        let other = path(features.node);
        let shared = common
            .iter()
            .zip(&other)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(shared);
    }
    common.last().copied()
}

/// The page's `<h1>` above the region, when the only fault found with it
/// is that the page repeats it: breadcrumbs end with the page's title.
fn page_heading_above(blocks: &[Block], base: &[Class], first: usize) -> Option<usize> {
    (first.saturating_sub(HEADING_REACH)..first)
        .rev()
        .find(|&i| {
            blocks[i].kind == BlockKind::Heading
                && blocks[i].level == Some(1)
                && base[i] != Class::Bad
        })
}

/// The article heading above the region's first block: the nearest block
/// that is not chrome and is a heading, or text the page title contains,
/// or looks like a title (short, wholly emphasized, not ending a sentence).
fn heading_above(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    first: usize,
    title: Option<&str>,
) -> Option<usize> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let title = title.map(squeeze).unwrap_or_default();
    (first.saturating_sub(TITLE_REACH)..first).rev().find(|&i| {
        let text = squeeze(&blocks[i].text);
        let chars = text.chars().count();
        let titled = chars >= 4 && title.contains(&text);
        if first - i > HEADING_REACH && !titled {
            return false;
        }
        let set_apart = set_apart(&blocks[i], &features[i]) && words(&blocks[i].text) >= 4;
        classes[i] != Class::Bad && (blocks[i].kind == BlockKind::Heading || titled || set_apart)
    })
}
