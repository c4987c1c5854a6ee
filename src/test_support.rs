//! What the unit tests share: where the real-world files of `../shared/`
//! are, when this checkout has them.

use std::path::PathBuf;

/// `../shared/<sub>` beside the repository, or `None` (with the reason
/// printed) when it is absent or `PLANGLOSS_TEST_HIDE_SHARED` is set, as
/// `.ci/run` does to test what a user's fresh clone sees.
pub fn shared_path(sub: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if path.exists() && std::env::var_os("PLANGLOSS_TEST_HIDE_SHARED").is_none() {
        Some(path)
    } else {
        eprintln!("skipping: ../shared/{sub} not found or hidden");
        None
    }
}

/// A gzipped binary PGM (P5) of `tests/fixtures/ocr-engine`, as a page
/// image at `dpi`.
pub fn ocr_fixture(name: &str, dpi: u32) -> crate::ocr::PageImage {
    use std::io::Read;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ocr-engine")
        .join(name);
    let mut pgm = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut pgm)
        .unwrap();
    let header: Vec<&[u8]> = pgm.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let number = |field: &[u8]| -> u32 { std::str::from_utf8(field).unwrap().parse().unwrap() };
    let (width, height) = (number(header[1]), number(header[2]));
    let pixels = header[4].to_vec();
    assert_eq!(pixels.len() as u32, width * height);
    crate::ocr::PageImage {
        width,
        height,
        dpi,
        pixels,
    }
}

/// Whether Tesseract can be loaded; says why not when it cannot, for the
/// tests that skip then.
pub fn tesseract_installed() -> bool {
    match crate::ocr::tesseract::version() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("skipping: {why}");
            false
        }
    }
}
