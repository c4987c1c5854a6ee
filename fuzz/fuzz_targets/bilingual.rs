#![no_main]
//! Reading translations back: XLIFF 1.2, XLIFF 2.x and TMX through the
//! streaming pair reader, fed in small pieces so that line counting and
//! the size limits meet every buffer boundary; the XLIFF 2 id check; and
//! the memory made of what was read, which must read back with as many
//! units as it says it holds.

use libfuzzer_sys::fuzz_target;
use plangloss::tmx::TmxWriter;
use plangloss::xliff::read::{Pairs, duplicate_ids};
use std::io::BufReader;

fuzz_target!(|data: &[u8]| {
    let capacity = 1 + usize::from(data.first().copied().unwrap_or(0) % 16);
    let mut memory = TmxWriter::default();
    for pair in Pairs::new(BufReader::with_capacity(capacity, data)) {
        match pair {
            Ok(pair) => {
                memory.add(&pair);
            }
            Err(error) => assert!(error.line >= 1),
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = duplicate_ids(text);
    }
    let mut tmx = Vec::new();
    memory.write_to(&mut tmx).unwrap();
    let back = Pairs::new(&tmx[..])
        .collect::<Result<Vec<_>, _>>()
        .expect("our own memory reads back");
    assert_eq!(back.len(), memory.units());
});
