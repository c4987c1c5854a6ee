//! The DOCX extraction stage alone, without normalization, segmentation or
//! glossary: MB of `document.xml` per second on one core.
//!
//!   cargo bench --bench docx_stage                 # corpora/ and ../shared/corpus DOCX
//!   cargo bench --bench docx_stage -- a.docx b.docx
//!
//! Also times a synthetic ~20 MB `document.xml` of plan-like paragraphs, list
//! items and tables in Vietnamese and Chinese: the headline figure.

use plangloss::extract::docx;
use plangloss::model::Limits;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let files = if args.is_empty() {
        default_files()
    } else {
        args
    };
    println!("| file | document.xml MB | ms per extraction | MB/s |");
    println!("|---|---|---|---|");
    let (mut total_mb, mut total_secs) = (0.0, 0.0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (mb, secs) = measure(&bytes);
        total_mb += mb;
        total_secs += secs;
        report(&path.display().to_string(), mb, secs);
    }
    report("all files above", total_mb, total_secs);
    let synthetic = synthetic_docx(20_000_000);
    let (mb, secs) = measure(&synthetic);
    report("synthetic plan document", mb, secs);
}

fn report(name: &str, mb: f64, secs: f64) {
    println!(
        "| {name} | {mb:.2} | {:.2} | {:.0} |",
        secs * 1e3,
        mb / secs
    );
}

/// Size of the main part in MB and the mean seconds per extraction, over at
/// least half a second of repeated runs.
fn measure(bytes: &[u8]) -> (f64, f64) {
    let limits = Limits::default();
    let mut runs = 0u32;
    let started = Instant::now();
    while runs < 3 || started.elapsed() < Duration::from_millis(500) {
        std::hint::black_box(docx::extract(bytes, &limits).ok());
        runs += 1;
    }
    let secs = started.elapsed().as_secs_f64() / f64::from(runs);
    (main_part_mb(bytes), secs)
}

fn main_part_mb(bytes: &[u8]) -> f64 {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return 0.0;
    };
    let mut total = 0;
    for i in 0..archive.len() {
        if let Ok(member) = archive.by_index(i)
            && member.name().is_ok_and(|n| n.starts_with("word/document"))
        {
            total += member.size();
        }
    }
    total as f64 / 1e6
}

fn default_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["corpora", "../shared/corpus"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "docx") {
            out.push(path);
        }
    }
}

/// A DOCX whose `document.xml` is about `size` bytes of Word-style markup:
/// runs with properties, numbered items, tables, a footnote mark per section.
fn synthetic_docx(size: usize) -> Vec<u8> {
    const SENTENCES: [&str; 6] = [
        "Tăng tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt trên 95% ở quy mô xã, phường.",
        "Tổ chức truyền thông, tư vấn về chăm sóc sức khỏe sinh sản, kế hoạch hóa gia đình cho vị thành niên, thanh niên.",
        "Ủy ban nhân dân các huyện, thị xã bố trí kinh phí đối ứng và chỉ đạo Trung tâm Y tế triển khai Kế hoạch.",
        "加强妊娠风险筛查与评估，严格落实首诊负责制，对高危孕产妇实行专案管理，确保母婴安全。",
        "各地要将免疫规划工作纳入当地经济社会发展规划，保障疫苗接种服务经费，提高适龄儿童接种率。",
        "Số liệu được tổng hợp, báo cáo về Sở Y tế trước ngày 15/12/2025 để theo dõi, đánh giá kết quả thực hiện.",
    ];
    let run = |text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        )
    };
    let mut body = String::with_capacity(size + 4096);
    let mut i = 0usize;
    while body.len() < size {
        let sentence = SENTENCES[i % SENTENCES.len()];
        match i % 10 {
            0 => body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{}</w:p>"#, run("Nhiệm vụ và giải pháp"))),
            1..=3 => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr>{}{}</w:p>"#,
                run(sentence), run(" Thời gian thực hiện: năm 2025.")
            )),
            4 => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
                for row in 0..4 {
                    body.push_str(&format!(
                        "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr>",
                        run(&format!("{}.", row + 1)), run(sentence)
                    ));
                }
                body.push_str("</w:tbl>");
            }
            _ => body.push_str(&format!(
                r#"<w:p><w:pPr><w:spacing w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr>{}{}</w:p>"#,
                run(sentence), run(sentence)
            )),
        }
        i += 1;
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options)
        .expect("in-memory zip");
    zip.write_all(document.as_bytes()).expect("in-memory zip");
    zip.finish().expect("in-memory zip").into_inner()
}
