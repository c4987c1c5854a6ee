#![no_main]
//! RTF reader on arbitrary bytes.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plangloss::extract::rtf::extract(data, &common::limits());
});
