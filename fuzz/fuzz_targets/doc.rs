#![no_main]
//! Word 97–2003 `.doc` reader on arbitrary bytes.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plangloss::extract::doc::extract(data, &common::limits());
});
