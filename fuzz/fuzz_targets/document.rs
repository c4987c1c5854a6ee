#![no_main]
//! The whole pipeline on arbitrary bytes: detect, extract, every stage.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use plangloss::pipeline::Pipeline;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    // OCR off: Tesseract's own reading is not what is fuzzed here.
    PIPELINE.get_or_init(|| Pipeline {
        limits: common::limits(),
        read: plangloss::extract::ReadOptions {
            ocr: plangloss::ocr::OcrOptions::off(),
            ..Default::default()
        },
        ..Pipeline::default()
    })
}

fuzz_target!(
    init: {
        common::tolerate_caught_panics();
        pipeline();
    },
    |data: &[u8]| {
        let _ = pipeline().document(data);
    }
);
