//! Writes each scanned page of a PDF as OCR sees it, before orientation
//! detection: its images placed on the page raster, then straightened.
//! For looking at what Tesseract is given, or running `tesseract` on it.
//!
//!     cargo run --release --example ocr_page_images -- FILE.pdf OUT
//!     tesseract OUT.p1.pgm - -l vie --dpi 200 tsv
//!
//! writes OUT.p1.pgm, OUT.p2.pgm, … (8-bit gray) and prints each page's
//! size and resolution.

use plangloss::extract::pdf::page_images;
use plangloss::model::Limits;
use plangloss::ocr::deskew::straighten;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pdf, out] = args.as_slice() else {
        eprintln!("usage: ocr_page_images FILE.pdf OUT_PREFIX");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(pdf) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{pdf}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let pages = match page_images(&bytes, &Limits::default(), None) {
        Ok(pages) => pages,
        Err(error) => {
            eprintln!("{pdf}: {error}");
            return ExitCode::FAILURE;
        }
    };
    for (number, raster) in pages {
        let image = match raster {
            Ok(image) => straighten(image),
            Err(problems) => {
                eprintln!("page {number}: {}", problems.join("; "));
                continue;
            }
        };
        let path = format!("{out}.p{number}.pgm");
        let mut pgm = format!("P5\n{} {}\n255\n", image.width, image.height).into_bytes();
        pgm.extend_from_slice(&image.pixels);
        if let Err(error) = std::fs::write(&path, pgm) {
            eprintln!("{path}: {error}");
            return ExitCode::FAILURE;
        }
        println!(
            "{path}: {} × {} at {} dpi",
            image.width, image.height, image.dpi
        );
    }
    ExitCode::SUCCESS
}
