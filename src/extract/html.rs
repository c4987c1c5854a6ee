//! HTML extraction: charset, main content, blocks, metadata.
//!
//! Charset evidence in order: BOM, valid UTF-8, the page's own declaration
//! (searched in the first 8 KiB), then detection. Tags nested beyond the
//! depth limit are taken out before html5ever (through scraper) parses the
//! page, and the tree is walked without recursion, so hostile nesting costs
//! neither stack nor quadratic time.
//!
//! Main content: see [`content`]; `ReadOptions::whole_page` keeps
//! everything but scripts, styles, form controls and hidden elements.

mod charset;
mod content;
pub(crate) mod meta;
mod nesting;
mod walk;

use super::ReadOptions;
use crate::budget::RecordBudget;
use crate::model::{Block, BlockKind, DocError, Extraction, Limits};
use icu_normalizer::ComposingNormalizerBorrowed;
use scraper::Html;
use std::borrow::Cow;

/// Extracts the main text of an HTML page (the article, without the portal
/// around it) as blocks in document order, with the page's metadata
/// (`title`, `description`, `author`, `keywords`, `published`, `lang`) and
/// how it was decoded (`encoding`, `encoding_source`, `declared_encoding`).
/// Never fails: a page without text gives no blocks.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extraction, DocError> {
    extract_with(bytes, limits, &ReadOptions::default())
}

/// As [`extract`], with the reader's options: `whole_page` keeps menus,
/// sidebars, related links and footers too; `encoding` overrides the
/// page's declaration and detection.
pub fn extract_with(
    bytes: &[u8],
    limits: &Limits,
    options: &ReadOptions,
) -> Result<Extraction, DocError> {
    let mut out = Extraction::default();
    let text = charset::decode(bytes, options.encoding, &mut out);
    let bounded = nesting::bound(&text, limits.max_depth);
    // The parser's tree takes memory per element, as a record's blocks do:
    // a page of millions of `<p>`s is refused before it is built.
    RecordBudget::new(limits).charge_blocks(bounded.start_tags as u64)?;
    let page = Html::parse_document(bounded.html.as_deref().unwrap_or(&text));
    meta::read_head(&page, &mut out.meta);
    let walked = walk::blocks(*page.root_element(), limits.max_depth);
    if bounded.too_deep || walked.too_deep {
        out.warnings.push(format!(
            "elements nest deeper than {} levels; the deeper ones were read as plain text",
            limits.max_depth
        ));
    }
    if bounded.attributes_cut {
        out.warnings.push(format!(
            "an element has more than {} attributes; the rest were ignored",
            nesting::MAX_ATTRIBUTES
        ));
    }
    drop(bounded);
    out.blocks = if options.whole_page {
        walked.blocks
    } else {
        article(walked, &page, &mut out)
    };
    // The normalize stage composes the blocks; metadata is composed here.
    for value in out.meta.values_mut() {
        if let Cow::Owned(composed) = ComposingNormalizerBorrowed::new_nfc().normalize(value) {
            *value = composed;
        }
    }
    Ok(out)
}

/// The main content of the walked page, its heading marked as one, with
/// the article's own metadata (title, date line, byline, source) read into
/// `out.meta` and its metadata-only lines left out.
fn article(walked: walk::Walked, page: &Html, out: &mut Extraction) -> Vec<Block> {
    let page_title = out.meta.get("page_title").map(String::as_str);
    let selection = content::main_content(page, &walked.blocks, &walked.features, page_title);
    let mut blocks = walked.blocks;
    let mut keep = selection.keep;
    if let Some(heading) = selection.heading.and_then(|i| blocks.get_mut(i)) {
        if heading.kind != BlockKind::Heading {
            heading.kind = BlockKind::Heading;
            heading.level = Some(1);
        }
        out.meta
            .insert("title".into(), meta::title_text(&heading.text));
    }
    meta::read_article(&blocks, &mut keep, &mut out.meta);
    let mut keep = keep.into_iter();
    blocks.retain(|_| keep.next().unwrap_or(false));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn blocks(html: impl AsRef<[u8]>) -> Vec<(BlockKind, Option<u32>, String)> {
        extract(html.as_ref(), &Limits::default())
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.level, b.text))
            .collect()
    }

    fn texts(html: impl AsRef<[u8]>) -> Vec<String> {
        blocks(html).into_iter().map(|b| b.2).collect()
    }

    #[test]
    fn gbk_page_with_gb2312_declaration() {
        let (bytes, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>计划生育工作方案</p></body></html>",
        );
        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(out.blocks[0].text, "计划生育工作方案");
        assert_eq!(out.meta["declared_encoding"], "gb2312");
        assert_eq!(out.meta["encoding"], "gb18030");
        assert_eq!(out.meta["encoding_source"], "declared");
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn declaration_after_the_first_kilobyte_is_found() {
        let padding = format!("<!-- {} -->", "x".repeat(2000));
        let page = format!(
            "<html><head>{padding}<meta charset=\"GBK\"></head><body><p>人口监测与家庭发展</p></body></html>"
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&page);
        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(out.blocks[0].text, "人口监测与家庭发展");
        assert_eq!(out.meta["declared_encoding"], "GBK");
        assert_eq!(out.meta["encoding_source"], "declared");
    }

    #[test]
    fn utf8_page_that_declares_gb2312_is_utf8_with_a_warning() {
        let page = "<html><head><meta charset=gb2312></head><body><p>免疫规划 Tiêm chủng</p></body></html>";
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.blocks[0].text, "免疫规划 Tiêm chủng");
        assert_eq!(out.meta["encoding"], "UTF-8");
        assert_eq!(
            out.warnings,
            ["page declares charset gb2312 but its bytes are UTF-8"]
        );
    }

    #[test]
    fn page_chrome_is_dropped() {
        let page = r#"<html><body><header>Cổng thông tin</header><nav><a>Trang chủ</a></nav>
            <div><p>Nội dung chính của trang.</p></div><form><input name=q>Tìm kiếm<button>Tìm</button></form>
            <aside>Tin khác</aside><footer>Địa chỉ</footer><script>var x = "LƯỢT TRUY CẬP";</script>
            <style>p{}</style><noscript>Bật JavaScript</noscript><iframe>khung</iframe>
            <select><option>Liên kết</option></select><textarea>Ý kiến</textarea><template>mẫu</template>
            <svg><text>hình</text></svg><div style="display: none">ẩn</div></body></html>"#;
        assert_eq!(texts(page), ["Nội dung chính của trang."]);
    }

    #[test]
    fn main_content_is_the_article_with_its_own_header() {
        let long = "Dân số và phát triển. ".repeat(20);
        let page = format!(
            "<body><nav>Menu</nav><article><header><h1>Kế hoạch</h1></header><p>{}</p></article><p>Liên kết</p></body>",
            long.trim()
        );
        assert_eq!(texts(page), ["Kế hoạch", long.trim()]);
        // An article with little text is no main content.
        assert_eq!(
            texts("<body><article>Tin ngắn</article><p>Nội dung</p></body>"),
            ["Tin ngắn", "Nội dung"]
        );
    }

    #[test]
    fn a_teaser_article_does_not_stand_in_for_the_page() {
        let teaser = "Tin liên quan. ".repeat(20);
        let content = "Nội dung kế hoạch. ".repeat(100);
        let page = format!("<body><div>{content}</div><article>{teaser}</article></body>");
        assert_eq!(texts(page).len(), 2);
    }

    #[test]
    fn a_listing_holds_most_of_its_prose_in_its_units() {
        let clause = "Cơ sở khám bệnh, chữa bệnh thực hiện việc kê đơn thuốc theo đúng quy định tại Thông tư này và các văn bản có liên quan. ";
        let title = |n: usize| {
            format!(
                "<p class='prov-article'>Điều {n}. Quy định về việc kê đơn thuốc hóa dược, sinh phẩm trong điều trị ngoại trú tại cơ sở khám bệnh, chữa bệnh</p>"
            )
        };
        // A legal text whose article titles carry a class with "article" in
        // it: one document, read whole.
        let legal: String = (1..=4)
            .map(|n| format!("{}<p>{}</p>", title(n), clause.repeat(4)))
            .collect();
        let out = texts(format!("<body><div class='content'>{legal}</div></body>"));
        assert_eq!(out.len(), 8, "{out:?}");
        // A blog front page: most prose is inside the posts; the first post
        // is the page's article.
        let post = |n: usize| {
            format!(
                "<div class='post'><h2>Bài {n}</h2><p>{}</p></div>",
                clause.repeat(3)
            )
        };
        let blog: String = (1..=4).map(post).collect();
        let out = texts(format!("<body><div>{blog}</div></body>"));
        assert_eq!(
            out,
            ["Bài 1".to_string(), clause.repeat(3).trim().to_string()]
        );
    }

    const CLAUSE: &str = "Cơ sở khám bệnh, chữa bệnh thực hiện việc kê đơn thuốc theo đúng quy định tại Thông tư này và các văn bản có liên quan.";
    const ARTICLES: [&str; 4] = [
        "Điều 1. Phạm vi điều chỉnh",
        "Điều 2. Đối tượng áp dụng",
        "Điều 3. Giải thích từ ngữ",
        "Điều 4. Hiệu lực thi hành",
    ];

    /// A legal text of four articles, each a title and a clause, as HTML
    /// and as the text expected of it.
    fn legal_text() -> (String, Vec<String>) {
        let html = ARTICLES
            .iter()
            .map(|title| format!("<p>{title}</p><p>{CLAUSE}</p>"))
            .collect();
        let text = ARTICLES
            .iter()
            .flat_map(|title| [title.to_string(), CLAUSE.to_string()])
            .collect();
        (html, text)
    }

    #[test]
    fn a_table_of_contents_goes_and_the_article_keeps_its_headings() {
        let (article, expected) = legal_text();
        let entries: String = ARTICLES
            .iter()
            .map(|title| {
                format!("<div class='mb-3'><div>{title}</div><div class='mt-3'>Khoản 1</div></div>")
            })
            .collect();
        let toc = format!(
            "<div class='fixed'><div>Mục lục</div><div class='overflow-scroll'>{entries}</div></div>"
        );
        let after = format!(
            "<body><main><div class='content'>{article}</div></main><footer>Cổng thông tin</footer>{toc}</body>"
        );
        assert_eq!(texts(after), expected);
        let before = format!("<body>{toc}<div class='content'>{article}</div></body>");
        assert_eq!(texts(before), expected);
        // An article printed twice (mobile and desktop markup) is no table
        // of contents of itself: both copies stay, headings included.
        let twice =
            format!("<body><div class='m'>{article}</div><div class='d'>{article}</div></body>");
        assert_eq!(texts(twice), [expected.clone(), expected].concat());
    }

    #[test]
    fn what_the_document_repeats_is_kept_and_portal_repeats_go() {
        let form = "a) Thực hiện các quy định tại Thông tư này;";
        let page = format!(
            "<body><div>Sở Y tế Bình An</div><div><p>{CLAUSE}</p><p>{form}</p><p>{CLAUSE} Một.</p><p>{form}</p><p>{CLAUSE} Hai.</p></div><div>Sở Y tế Bình An</div></body>"
        );
        let expected = [
            CLAUSE.to_string(),
            form.to_string(),
            format!("{CLAUSE} Một."),
            form.to_string(),
            format!("{CLAUSE} Hai."),
        ];
        assert_eq!(texts(page), expected);
    }

    #[test]
    fn a_notice_label_takes_its_sibling_paragraphs_along() {
        let page = format!(
            "<body><div class='content'><p>{CLAUSE}</p><p>{CLAUSE} Một.</p></div><div><p>温馨提示：</p><p>1、本文档由用户上传，仅供参考，下载前请仔细阅读文档内容，确认文档内容符合您的需求后进行下载。</p><p>2、下载后请自行核对文档内容。</p></div></body>"
        );
        assert_eq!(texts(page), [CLAUSE.to_string(), format!("{CLAUSE} Một.")]);
        // The article's own "Lưu ý:" stays, with what it introduces.
        let page =
            format!("<body><div><p>Lưu ý:</p><p>{CLAUSE}</p><p>{CLAUSE} Một.</p></div></body>");
        assert_eq!(texts(page).len(), 3);
    }

    #[test]
    fn a_portal_heading_the_document_repeats_is_not_printed_twice() {
        let page = format!(
            "<body><h1>Thông tư số 03/2026/TT-BYT bãi bỏ một số văn bản</h1><div><p><b>Số: 03/2026/TT-BYT</b></p><p><b>THÔNG TƯ</b></p><p><b>Bãi bỏ một số văn bản</b></p><p>{CLAUSE}</p><p>{CLAUSE} Một.</p></div></body>"
        );
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "Số: 03/2026/TT-BYT");
        assert_eq!(
            out.meta["title"],
            "Thông tư số 03/2026/TT-BYT bãi bỏ một số văn bản"
        );
    }

    #[test]
    fn the_name_under_a_signing_line_signs_the_document() {
        let page = format!(
            "<body><div><p>{CLAUSE}</p><p>{CLAUSE} Một.</p><p>KT. BỘ TRƯỞNG</p><p>THỨ TRƯỞNG</p><p>(Đã ký)</p><p>Nguyễn Thị Liên Hương</p></div></body>"
        );
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.blocks.last().unwrap().text, "Nguyễn Thị Liên Hương");
        assert!(!out.meta.contains_key("author"), "{:?}", out.meta);
        // A portal's byline under an article is its author.
        let page =
            format!("<body><div><p>{CLAUSE}</p><p>{CLAUSE} Một.</p><p>Hồng Nhung</p></div></body>");
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.meta["author"], "Hồng Nhung");
    }

    #[test]
    fn hash_ids_name_nothing_and_status_widgets_are_chrome() {
        use super::content::{ChromeName, chrome_name};
        assert_eq!(chrome_name("item id_3f2a9c10-ad81-4b2e"), ChromeName::None);
        assert_eq!(chrome_name("css-1a2b3c4d nav"), ChromeName::Weak);
        assert_eq!(chrome_name("ad-banner"), chrome_name("ad"));
        let body = "Thông tư này quy định về đơn thuốc và việc kê đơn thuốc hóa dược, sinh phẩm trong điều trị ngoại trú. ".repeat(5);
        let page = format!(
            "<body><div><p>Còn hiệu lực</p><p>Ngày có hiệu lực: 01/03/2026</p><p>Từ khóa: kê đơn, thuốc</p><p>{body}</p><p>Thông tư này có hiệu lực kể từ ngày 01 tháng 3 năm 2026.</p><p>{body}</p></div></body>"
        );
        let effective = "Thông tư này có hiệu lực kể từ ngày 01 tháng 3 năm 2026.";
        let body = body.trim().to_string();
        assert_eq!(texts(page), [body.clone(), effective.to_string(), body]);
    }

    #[test]
    fn headings_lists_and_levels() {
        let page = b"<body><h2>I. Muc dich</h2><h6>x</h6><ul><li>Mot<ul><li>Hai<ol><li>Ba</li></ol></li></ul>Bon</li><li>Nam</li></ul><ol><li><p>Sau</p></li></ol></body>";
        assert_eq!(
            blocks(page),
            [
                (BlockKind::Heading, Some(2), "I. Muc dich".into()),
                (BlockKind::Heading, Some(6), "x".into()),
                (BlockKind::ListItem, Some(1), "Mot".into()),
                (BlockKind::ListItem, Some(2), "Hai".into()),
                (BlockKind::ListItem, Some(3), "Ba".into()),
                (BlockKind::ListItem, Some(1), "Bon".into()),
                (BlockKind::ListItem, Some(1), "Nam".into()),
                (BlockKind::ListItem, Some(1), "Sau".into()),
            ]
        );
    }

    #[test]
    fn table_positions_with_colspan_and_nested_tables() {
        let page = b"<body><table><caption>Bang 1</caption><tr><th colspan=2>A</th><th>B</th></tr><tr><td>C<table><tr><td>N</td><td>O</td></tr></table></td><td>D</td><td>E</td></tr></table><table><tr><td>F</td></tr></table></body>";
        let out = extract(page, &Limits::default()).unwrap();
        let cells: Vec<_> = out
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    b.text.as_str(),
                    b.table.map(|t| (t.index, t.row, t.col)),
                )
            })
            .collect();
        use BlockKind::{Caption, TableCell};
        assert_eq!(
            cells,
            [
                (Caption, "Bang 1", None),
                (TableCell, "A", Some((0, 0, 0))),
                (TableCell, "B", Some((0, 0, 2))),
                (TableCell, "C", Some((0, 1, 0))),
                (TableCell, "N", Some((1, 0, 0))),
                (TableCell, "O", Some((1, 0, 1))),
                (TableCell, "D", Some((0, 1, 1))),
                (TableCell, "E", Some((0, 1, 2))),
                (TableCell, "F", Some((2, 0, 0))),
            ]
        );
    }

    #[test]
    fn br_splits_paragraphs_but_not_cells_or_items() {
        let page = b"<body><div>Mot<br>Hai<br><br>Ba</div><table><tr><td>X<br>Y</td></tr></table><ul><li>P<br/>Q</li></ul><p>R</p></body>";
        assert_eq!(texts(page), ["Mot", "Hai", "Ba", "X\nY", "P\nQ", "R"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            texts(b"<p>K&#7871; ho&#x1EA1;ch&nbsp;&eacute; &amp; m&lt;</p>"),
            ["Kế hoạch\u{a0}é & m<"]
        );
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_text() {
        let depth = 50_000;
        for tag in ["div", "span"] {
            let page = format!(
                "<body>{}Sâu<p>cuối</p>{}</body>",
                format!("<{tag}>").repeat(depth),
                format!("</{tag}>").repeat(depth)
            );
            let out = extract(page.as_bytes(), &Limits::default()).unwrap();
            assert_eq!(
                out.warnings,
                ["elements nest deeper than 256 levels; the deeper ones were read as plain text"]
            );
            let all: Vec<_> = out.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(all, ["Sâu", "cuối"]);
        }
    }

    #[test]
    fn metadata_is_read() {
        let page = r#"<html lang="vi"><head><title> Kế hoạch | Sở Y tế
            </title><meta name="Author" content="Sở Y tế"><meta name="description" content="Kế hoạch tiêm chủng">
            <meta name="keywords" content="tiêm chủng, vắc xin"><meta property="article:published_time" content="2024-07-11">
            </head><body><p>x</p></body></html>"#;
        let out = extract(page.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.meta["title"], "Kế hoạch");
        assert_eq!(out.meta["page_title"], "Kế hoạch | Sở Y tế");
        assert_eq!(out.meta["author"], "Sở Y tế");
        assert_eq!(out.meta["description"], "Kế hoạch tiêm chủng");
        assert_eq!(out.meta["keywords"], "tiêm chủng, vắc xin");
        assert_eq!(out.meta["published"], "2024-07-11");
        assert_eq!(out.meta["lang"], "vi");
        let timed = extract(
            b"<p>x <time datetime=\"2023-11-17\">17/11</time></p>",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(timed.meta["published"], "2023-11-17");
        let gov = extract(
            b"<meta name=\"PubDate\" content=\"2022-02-11 09:52\"><p>x</p>",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(gov.meta["published"], "2022-02-11T09:52");
    }

    #[test]
    fn empty_garbage_and_truncated_input_do_not_fail() {
        let empty = extract(b"", &Limits::default()).unwrap();
        assert!(empty.blocks.is_empty());
        let garbage: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(extract(&garbage, &Limits::default()).is_ok());
        let page = "<html><head><title>Kế hoạch</title></head><body><table><tr><td>Nội <b";
        for end in 0..=page.len() {
            if page.is_char_boundary(end) {
                assert!(extract(&page.as_bytes()[..end], &Limits::default()).is_ok());
            }
        }
        let scripts_only = extract(b"<script>x()</script>  &nbsp; ", &Limits::default()).unwrap();
        assert!(scripts_only.blocks.is_empty());
    }

    mod real_pages {
        use super::*;
        use std::path::{Path, PathBuf};

        fn corpus() -> Option<PathBuf> {
            crate::test_support::shared_path("corpus")
        }

        fn pages(dir: &Path) -> Vec<PathBuf> {
            let mut pages: Vec<_> = std::fs::read_dir(dir)
                .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
                .unwrap_or_default();
            pages.retain(|p| p.extension().is_some_and(|e| e == "html"));
            pages.sort();
            pages
        }

        fn extract_file(path: &Path) -> Extraction {
            let bytes = std::fs::read(path).unwrap();
            extract(&bytes, &Limits::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }

        /// The extracted text without whitespace, which the gold files lay
        /// out differently.
        fn squeezed(text: &str) -> String {
            text.chars().filter(|c| !c.is_whitespace()).collect()
        }

        fn all_text(out: &Extraction) -> String {
            squeezed(
                &out.blocks
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect::<String>(),
            )
        }

        fn stem(path: &Path) -> String {
            let name = path.file_name().unwrap().to_string_lossy();
            name.split('.').next().unwrap().to_string()
        }

        #[test]
        fn every_page_extracts_and_charset_pages_decode_cleanly() {
            let Some(root) = corpus() else { return };
            for dir in ["zh/html", "zh/html-real", "zh-hant/html-real"] {
                for path in pages(&root.join(dir)) {
                    let out = extract_file(&path);
                    assert!(!out.blocks.is_empty(), "{}", path.display());
                    let damaged = out.warnings.iter().any(|w| w.contains("U+FFFD"));
                    let clean = dir == "zh/html" && damaged;
                    assert!(
                        clean || !all_text(&out).contains('\u{FFFD}'),
                        "{}: {:?}",
                        path.display(),
                        out.warnings
                    );
                }
            }
        }

        #[test]
        fn wrong_and_missing_declarations() {
            let Some(root) = corpus() else { return };
            let cases = [
                (
                    "zh/html-real/traf-xinhua-hebei-2012-gb2312.html",
                    "gb18030",
                    Some("gb2312"),
                ),
                (
                    "zh/html-real/readability-qq-lying-meta.html",
                    "UTF-8",
                    Some("gb2312"),
                ),
                (
                    "zh/html-real/chardet-sina-gb18030-nometa.html",
                    "gb18030",
                    None,
                ),
                ("zh-hant/html-real/chardet-big5-nometa.html", "Big5", None),
            ];
            for (file, encoding, declared) in cases {
                let out = extract_file(&root.join(file));
                assert_eq!(out.meta["encoding"], encoding, "{file}");
                assert_eq!(
                    out.meta.get("declared_encoding").map(String::as_str),
                    declared
                );
                let warned = out.warnings.iter().any(|w| w.contains("declares charset"));
                assert_eq!(warned, encoding == "UTF-8" && declared.is_some(), "{file}");
            }
        }

        /// Gold comes as plain text, as trafilatura's must-include snippets
        /// or as readability's expected article HTML.
        fn gold_snippets(gold_dir: &Path, stem: &str) -> Vec<String> {
            let probe = |text: &str| {
                let longest = text.lines().max_by_key(|l| squeezed(l).chars().count());
                vec![
                    squeezed(longest.unwrap_or_default())
                        .chars()
                        .take(10)
                        .collect(),
                ]
            };
            if let Ok(text) = std::fs::read_to_string(gold_dir.join(format!("{stem}.txt"))) {
                return probe(&text);
            }
            if let Ok(json) = std::fs::read_to_string(gold_dir.join(format!("{stem}.json"))) {
                let gold: serde_json::Value = serde_json::from_str(&json).unwrap();
                let with = gold["with"].as_array().into_iter().flatten();
                return with.filter_map(|s| Some(squeezed(s.as_str()?))).collect();
            }
            let expected = gold_dir.join(format!("{stem}.expected.html"));
            if expected.exists() {
                let out = extract_file(&expected);
                let blocks: Vec<_> = out.blocks.iter().map(|b| b.text.as_str()).collect();
                return probe(&blocks.join("\n"));
            }
            Vec::new()
        }

        #[test]
        fn real_pages_contain_their_gold_text() {
            let Some(root) = corpus() else { return };
            for dir in ["zh/html-real", "zh-hant/html-real"] {
                let gold_dir = root.join(format!("{dir}-gold"));
                for path in pages(&root.join(dir)) {
                    let text = all_text(&extract_file(&path));
                    for snippet in gold_snippets(&gold_dir, &stem(&path)) {
                        assert!(
                            text.contains(&snippet),
                            "{}: {snippet:?} missing",
                            path.display()
                        );
                    }
                }
            }
        }
    }
}
