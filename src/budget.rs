//! The memory one record may take, charged as the record is built.
//!
//! A small file can make a huge record: twenty megabytes of one-letter lines
//! are ten million blocks, and a hundred megabytes of one repeated glossary
//! term are eight million term hits, each far larger in memory (and in JSON)
//! than the bytes that made it. The file and inflate limits cannot see this,
//! so every stage that adds to a record charges what it adds here, and the
//! document becomes `too_large` as soon as the total passes
//! [`Limits::max_record_bytes`], long before the memory is spent.
//!
//! What is charged is the record's structure: each block, sentence, term hit
//! and note mark at what it takes in memory. Block text is not charged: the
//! file and inflate limits bound it already.

use crate::model::{Block, DocError, Limits, NoteRef, Span, TermHit};
use std::mem::size_of;

/// What a block costs besides its text: the struct, and the heap blocks of
/// its vectors and strings.
const BLOCK_COST: u64 = size_of::<Block>() as u64 + 64;
const SENTENCE_COST: u64 = size_of::<Span>() as u64;
/// A hit and the heap block of its text.
const HIT_COST: u64 = size_of::<TermHit>() as u64 + 32;
const NOTE_COST: u64 = size_of::<NoteRef>() as u64 + 48;

/// Running total of one record's structure against the limit.
#[derive(Debug, Clone)]
pub struct RecordBudget {
    limit: u64,
    used: u64,
}

impl RecordBudget {
    /// An empty budget of `limits.max_record_bytes`.
    pub fn new(limits: &Limits) -> Self {
        RecordBudget {
            limit: limits.max_record_bytes,
            used: 0,
        }
    }

    /// Charges `count` blocks of an extractor in the making (their text not
    /// yet known); `too_large` past the limit.
    pub fn charge_blocks(&mut self, count: u64) -> Result<(), DocError> {
        self.charge(count.saturating_mul(BLOCK_COST))
    }

    /// Charges an extracted block: itself and its note marks.
    pub fn charge_block(&mut self, block: &Block) -> Result<(), DocError> {
        self.charge(BLOCK_COST + block.notes.len() as u64 * NOTE_COST)
    }

    /// Charges what annotation added to a block: sentences and term hits.
    pub fn charge_annotations(&mut self, block: &Block) -> Result<(), DocError> {
        self.charge(
            block.sentences.len() as u64 * SENTENCE_COST + block.terms.len() as u64 * HIT_COST,
        )
    }

    /// Charges `bytes`; `too_large` once the total passes the limit.
    pub fn charge(&mut self, bytes: u64) -> Result<(), DocError> {
        self.used = self.used.saturating_add(bytes);
        if self.used > self.limit {
            return Err(DocError::too_large(format!(
                "its record would take more than {} MiB of memory (blocks, sentences, term hits); \
                 raise --max-record-size if the document is genuine",
                self.limit.div_ceil(1 << 20)
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, ErrorKind};

    #[test]
    fn charges_add_up_to_the_limit() {
        let limits = Limits {
            max_record_bytes: 10 * BLOCK_COST,
            ..Limits::default()
        };
        let mut budget = RecordBudget::new(&limits);
        let block = Block::new(BlockKind::Paragraph, "x");
        for _ in 0..10 {
            budget.charge_block(&block).unwrap();
        }
        let error = budget.charge_block(&block).unwrap_err();
        assert_eq!(error.kind, ErrorKind::TooLarge);
        assert!(error.message.contains("--max-record-size"));
        let mut budget = RecordBudget::new(&limits);
        assert!(budget.charge_blocks(11).is_err());
    }
}
