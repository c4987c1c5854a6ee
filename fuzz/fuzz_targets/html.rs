#![no_main]
//! HTML reader (decoding, the bounding pre-pass, html5ever, main-content
//! selection) on arbitrary bytes, as the article and as the whole page.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use plangloss::extract::{self, ReadOptions};
use plangloss::model::Format;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let _ = extract::extract(Format::Html, data, &limits, &ReadOptions::default());
    let whole_page = ReadOptions {
        whole_page: true,
        ..ReadOptions::default()
    };
    let _ = extract::extract(Format::Html, data, &limits, &whole_page);
});
