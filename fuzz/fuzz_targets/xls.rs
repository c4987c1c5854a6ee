#![no_main]
//! BIFF `.xls` workbook reader on arbitrary bytes.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use plangloss::model::Format;

fuzz_target!(
    init: common::tolerate_caught_panics(),
    |data: &[u8]| {
        let _ = plangloss::extract::sheet::extract(data, Format::Xls, &common::limits());
    }
);
