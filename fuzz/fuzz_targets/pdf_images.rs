#![no_main]
//! Scanned-page images on arbitrary bytes: the PDF reader finds the image
//! XObjects a page draws, the decoders (Flate/LZW samples, DCT, CCITT,
//! JBIG2, JPEG 2000; colour spaces, masks) read them, the page raster
//! places them, and deskewing measures and turns the raster: everything
//! OCR does before Tesseract.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: common::tolerate_caught_panics(),
    |data: &[u8]| {
    let Ok(rasters) = plangloss::extract::pdf::page_images(data, &common::limits(), None) else {
        return;
    };
    for (_, raster) in rasters {
        if let Ok(image) = raster {
            let _ = plangloss::ocr::deskew::straighten(image);
        }
    }
    }
);
