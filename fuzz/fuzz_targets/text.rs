#![no_main]
//! Text decoding (BOM, UTF-16, legacy Vietnamese and Chinese detection, or
//! an encoding forced by the first byte) and paragraph rebuilding, then the
//! normalizing stages of the pipeline.

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use plangloss::encoding::ForcedEncoding;
use plangloss::extract::{self, ReadOptions};
use plangloss::model::Format;
use plangloss::pipeline::Pipeline;
use std::str::FromStr;

const LABELS: [&str; 8] = [
    "utf-8", "gbk", "big5", "windows-1258", "tcvn3", "vni", "viscii", "vps",
];

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let _ = extract::extract(Format::Txt, data, &limits, &ReadOptions::default());
    if let Some((&selector, rest)) = data.split_first() {
        let label = LABELS[usize::from(selector) % LABELS.len()];
        let read = ReadOptions {
            encoding: ForcedEncoding::from_str(label).ok(),
            ..ReadOptions::default()
        };
        let pipeline = Pipeline {
            limits,
            read,
            ..Pipeline::default()
        };
        let _ = pipeline.process_bytes(rest, "fuzz.txt");
    }
});
