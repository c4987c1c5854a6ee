#![no_main]
//! PDF reader (objects, filters, fonts and their CMaps, content streams) on
//! arbitrary bytes.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plangloss::extract::pdf::extract(data, &common::limits());
});
