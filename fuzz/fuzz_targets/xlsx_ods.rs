#![no_main]
//! Zipped workbook readers on arbitrary bytes: ODS when the package says
//! so, XLSX otherwise.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use plangloss::model::Format;

fuzz_target!(
    init: common::tolerate_caught_panics(),
    |data: &[u8]| {
        let format = match plangloss::detect::detect(data) {
            Ok(Format::Ods) => Format::Ods,
            _ => Format::Xlsx,
        };
        let _ = plangloss::extract::sheet::extract(data, format, &common::limits());
    }
);
