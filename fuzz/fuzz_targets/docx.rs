#![no_main]
//! DOCX reader (the package, its relationships and its XML parts) on
//! arbitrary bytes.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plangloss::extract::docx::extract(data, &common::limits());
});
