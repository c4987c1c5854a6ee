#![no_main]
//! The document-facts stage on arbitrary text: the blocks are the input's
//! paragraphs (split at blank lines; the first byte's low bit makes the
//! first two table cells, as a header table is; the first line, when short,
//! is the page's posting time); then the summary and the
//! outline tree `info` and `text --outline` print. Every reference's
//! offsets must lie in its block.

use libfuzzer_sys::fuzz_target;
use plangloss::facts::{DocTypes, document_facts, show};
use plangloss::model::{Block, BlockKind};

fuzz_target!(|data: &[u8]| {
    let header_table = data.first().is_some_and(|byte| byte & 1 == 1);
    let text = String::from_utf8_lossy(data);
    let blocks: Vec<Block> = text
        .split("\n\n")
        .enumerate()
        .map(|(index, paragraph)| {
            let kind = if header_table && index < 2 {
                BlockKind::TableCell
            } else {
                BlockKind::Paragraph
            };
            Block::new(kind, paragraph)
        })
        .collect();
    let published = text.lines().next().filter(|line| line.len() < 40);
    let facts = document_facts(&blocks, published, DocTypes::shipped());
    let _ = show::summary(&facts);
    let _ = show::outline_tree(&facts.outline);
    for reference in &facts.references {
        let length = blocks[reference.block].text.chars().count();
        assert!(reference.start <= reference.end && reference.end <= length);
    }
});
