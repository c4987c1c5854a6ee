#![no_main]
//! WARC and WET reading: the record reader over the bytes as given and
//! gzipped as one member (the reader sees a gzip source then), and each
//! document it gives through the pipeline (HTTP head, de-chunking, content
//! codings, charset, extraction).

#[path = "common.rs"]
mod common;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;
use plangloss::pipeline::Pipeline;
use plangloss::warc::WarcReader;
use std::io::{Cursor, Write};

/// The largest block the reader keeps: small, so that a fuzzer's input
/// exercises the over-the-limit path too.
const MAX_BLOCK_BYTES: u64 = 32 * 1024;

fn read_all(bytes: Vec<u8>, pipeline: &Pipeline) {
    let Ok(reader) = WarcReader::new(Cursor::new(bytes), "fuzz.warc", MAX_BLOCK_BYTES, None) else {
        return;
    };
    for document in reader {
        let _ = pipeline.process_web_document(&document);
    }
}

fuzz_target!(|data: &[u8]| {
    let pipeline = Pipeline {
        limits: common::limits(),
        ..Pipeline::default()
    };
    read_all(data.to_vec(), &pipeline);
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    if encoder.write_all(data).is_ok() {
        if let Ok(gzipped) = encoder.finish() {
            read_all(gzipped, &pipeline);
        }
    }
});
