//! End-to-end runs of `plangloss ingest` on WARC files: the pages of
//! `corpora/` wrapped as HTTP responses, one gzip member per record, with
//! the records a crawl also holds (requests, a 404, an image, a truncated
//! record, a corrupt member).

use crate::common::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;

fn record(kind: &str, fields: &[(&str, String)], block: &[u8]) -> Vec<u8> {
    let mut head = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
    for (name, value) in fields {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn response(n: usize, status: &str, media_type: &str, body: &[u8]) -> Vec<u8> {
    let fields = [
        ("WARC-Record-ID", format!("<urn:uuid:page-{n}>")),
        ("WARC-Target-URI", format!("https://soyte.example.vn/{n}")),
        ("WARC-Date", "2025-07-01T08:00:00Z".to_string()),
    ];
    let http = [
        format!("HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\n\r\n").as_bytes(),
        body,
    ]
    .concat();
    record("response", &fields, &http)
}

/// Writes the crawl and gives its path and the number of pages in it.
fn write_crawl(dir: &std::path::Path) -> (String, usize) {
    let pages: Vec<_> = std::fs::read_dir(root().join("corpora/vi/web"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    let mut members = vec![gzip(&record("warcinfo", &[], b"software: test\r\n"))];
    for (n, page) in pages.iter().enumerate() {
        let body = std::fs::read(page).unwrap();
        members.push(gzip(&record("request", &[], b"GET / HTTP/1.1\r\n\r\n")));
        members.push(gzip(&response(n, "200 OK", "text/html", &body)));
    }
    members.push(gzip(&response(
        900,
        "404 Not Found",
        "text/html",
        b"<p>no</p>",
    )));
    members.push(gzip(&response(901, "200 OK", "image/png", b"\x89PNG")));
    let mut broken = gzip(&response(902, "200 OK", "text/html", &[b'x'; 5000]));
    let middle = broken.len() / 2;
    broken[middle] ^= 0xff;
    members.push(broken);
    members.push(gzip(&record(
        "response",
        &[("WARC-Truncated", "length".to_string())],
        b"HTTP/1.1 200 OK\r\n\r\n<p>cut",
    )));
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, members.concat()).unwrap();
    (path.to_str().unwrap().to_string(), pages.len())
}

#[test]
fn a_crawl_gives_one_record_per_page_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, pages) = write_crawl(dir.path());
    let outputs: Vec<_> = ["1", "3"]
        .iter()
        .map(|jobs| plangloss(&["ingest", "--jobs", jobs, &crawl]))
        .collect();
    assert_eq!(outputs[0].stdout, outputs[1].stdout);
    assert!(outputs[0].status.success());
    let records = records(&outputs[0]);
    assert_valid(&records);
    assert_eq!(records.len(), pages);
    for (n, record) in records.iter().enumerate() {
        assert_eq!(record["path"], format!("{crawl}#urn:uuid:page-{n}"));
        assert_eq!(record["format"], "html");
        assert_eq!(
            record["meta"]["url"],
            format!("https://soyte.example.vn/{n}")
        );
        assert_eq!(record["meta"]["fetched"], "2025-07-01T08:00:00Z");
        assert!(!blocks(record).is_empty());
    }
    let stderr = String::from_utf8_lossy(&outputs[0].stderr);
    assert!(stderr.contains("1 not status 200"), "{stderr}");
    assert!(stderr.contains("1 not documents"), "{stderr}");
    assert!(stderr.contains("1 truncated"), "{stderr}");
    assert!(stderr.contains("1 damaged places"), "{stderr}");
}

#[test]
fn the_url_filter_keeps_the_records_it_matches() {
    let dir = tempfile::tempdir().unwrap();
    let (crawl, _) = write_crawl(dir.path());
    let out = plangloss(&["ingest", "--url-filter", "/[12]$", &crawl]);
    let paths: Vec<String> = records(&out)
        .iter()
        .map(|r| r["meta"]["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        ["https://soyte.example.vn/1", "https://soyte.example.vn/2"]
    );
    let bad = plangloss(&["ingest", "--url-filter", "(", &crawl]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The test set that `scripts/make-warc-testset.py` wrote with warcio.
fn fixture(name: &str) -> String {
    format!("tests/fixtures/warc/{name}")
}

fn texts_by_url(records: &[serde_json::Value]) -> Vec<(String, String)> {
    records
        .iter()
        .map(|r| (r["meta"]["url"].as_str().unwrap().to_string(), full_text(r)))
        .collect()
}

#[test]
fn warcio_files_plain_gzipped_and_wet() {
    let gzipped = records(&plangloss(&["ingest", &fixture("crawl.warc.gz")]));
    let plain = records(&plangloss(&["ingest", &fixture("crawl.warc")]));
    assert_valid(&gzipped);
    assert_eq!(gzipped.len(), 12);
    assert_eq!(texts_by_url(&gzipped), texts_by_url(&plain));
    // The page sent gzipped and chunked, and those whose HTTP header names
    // the right charset or a wrong one, read as the files themselves are.
    for (url, file) in [
        (
            "https://binhan-dskhhgd-ngay-dan-so-11-7.example.vn/",
            "corpora/vi/web/binhan-dskhhgd-ngay-dan-so-11-7.html",
        ),
        (
            "https://weijian-mianyi-buzhong-tongzhi-gb18030.example.vn/",
            "corpora/zh/web/weijian-mianyi-buzhong-tongzhi-gb18030.html",
        ),
        (
            "https://soyte-nguoi-cao-tuoi-nfd.example.vn/",
            "corpora/vi/web/soyte-nguoi-cao-tuoi-nfd.html",
        ),
        (
            "https://big5-shequ-jiankang-cujin.example.vn/",
            "corpora/zh/web/big5-shequ-jiankang-cujin.html",
        ),
    ] {
        let from_crawl = gzipped.iter().find(|r| r["meta"]["url"] == url).unwrap();
        assert_eq!(full_text(from_crawl), full_text(&ingest(file)), "{url}");
    }
    let wet = records(&plangloss(&["ingest", &fixture("crawl.warc.wet.gz")]));
    assert_eq!(wet.len(), 12);
    for record in &wet {
        assert_eq!(record["format"], "txt");
        assert!(
            record["path"]
                .as_str()
                .unwrap()
                .contains(".wet.gz#urn:uuid:")
        );
        assert!(!blocks(record).is_empty());
    }
}

#[test]
fn a_damaged_crawl_loses_only_the_damaged_record() {
    let out = plangloss(&["ingest", &fixture("damaged.warc.gz")]);
    assert!(out.status.success());
    let urls: Vec<String> = texts_by_url(&records(&out))
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(urls.len(), 11);
    assert!(!urls.iter().any(|u| u.contains("binhan-dskhhgd")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 damaged places"), "{stderr}");
}

/// The HTTP head decides what the bytes alone cannot: a snippet the server
/// calls HTML is HTML, in the charset the server names.
#[test]
fn the_http_head_names_format_and_charset() {
    let dir = tempfile::tempdir().unwrap();
    let (big5, _, _) = encoding_rs::BIG5.encode("<p>計劃生育</p>");
    let crawl = [
        response(1, "200 OK", "text/html; charset=big5", &big5),
        response(
            2,
            "200 OK",
            "text/html; charset=gbk",
            "<p>计划生育</p>".as_bytes(),
        ),
    ]
    .concat();
    let path = dir.path().join("small.warc");
    std::fs::write(&path, crawl).unwrap();
    let records = records(&plangloss(&["ingest", path.to_str().unwrap()]));
    assert_eq!(records[0]["format"], "html");
    assert_eq!(full_text(&records[0]), "計劃生育");
    assert_eq!(records[0]["meta"]["encoding_source"], "http");
    // UTF-8 bytes under a wrong header stay UTF-8.
    assert_eq!(full_text(&records[1]), "计划生育");
    assert_eq!(records[1]["meta"]["encoding"], "UTF-8");
}

/// The real pages of `../shared/corpus` (the 35 Chinese pages, the eight
/// legal-portal pages, the Chinese news pages) read from a crawl give the
/// same record as read from their files, but for path and crawl metadata.
#[test]
fn shared_pages_read_from_a_crawl_as_from_files() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let mut pages: Vec<_> = [
        "zh/html",
        "vi/html-vbpl",
        "zh/html-real",
        "zh-hant/html-real",
    ]
    .iter()
    .flat_map(|dir| std::fs::read_dir(corpus.join(dir)).unwrap())
    .map(|entry| entry.unwrap().path())
    .filter(|path| path.extension().is_some_and(|e| e == "html"))
    .collect();
    pages.sort();
    let members: Vec<u8> = pages
        .iter()
        .enumerate()
        .flat_map(|(n, page)| {
            gzip(&response(
                n,
                "200 OK",
                "text/html",
                &std::fs::read(page).unwrap(),
            ))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("shared.warc.gz");
    std::fs::write(&crawl, members).unwrap();
    let from_crawl = records(&plangloss(&["ingest", crawl.to_str().unwrap()]));
    assert_eq!(from_crawl.len(), pages.len());
    for (record, page) in from_crawl.iter().zip(&pages) {
        let from_file = ingest(page.to_str().unwrap());
        assert_eq!(record["blocks"], from_file["blocks"], "{}", page.display());
        assert_eq!(record["sha256"], from_file["sha256"], "{}", page.display());
    }
}
