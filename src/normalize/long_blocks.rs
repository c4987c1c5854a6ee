//! Cutting paragraphs too long to go through the stages whole (a text file
//! with no line breaks, a table dumped as one cell) into blocks of a bounded
//! length, so that one block's sentences and term hits are found, and charged
//! to the record's budget, a bounded piece at a time.

use crate::model::{Block, NoteRef};

/// The longest block text, in chars, that goes through the stages whole.
pub const MAX_BLOCK_CHARS: usize = 100_000;

/// `block` cut into pieces of at most `max_chars` chars, each ending after a
/// sentence end or a space where there is one in its last quarter (else at
/// the limit), trimmed; note marks go with their piece. The first piece
/// keeps the label and id.
pub fn split_long_block(block: Block, max_chars: usize) -> Vec<Block> {
    if block.text.len() <= max_chars || block.text.chars().count() <= max_chars {
        return vec![block];
    }
    let text = block.text.as_str();
    let mut pieces = Vec::new();
    let (mut start_byte, mut start_char) = (0, 0);
    while start_byte < text.len() {
        let (end_byte, end_char) = piece_end(text, start_byte, start_char, max_chars);
        let raw = &text[start_byte..end_byte];
        let first_char = start_char + raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        let length = trimmed.chars().count();
        let mut piece = Block::new(block.kind, trimmed);
        piece.level = block.level;
        piece.page = block.page;
        piece.table = block.table;
        piece.sheet = block.sheet.clone();
        let last = end_byte == text.len();
        piece.notes = block
            .notes
            .iter()
            .filter(|n| {
                (start_char..end_char).contains(&n.offset) || (last && n.offset == end_char)
            })
            .map(|note| NoteRef {
                offset: note.offset.saturating_sub(first_char).min(length),
                ..note.clone()
            })
            .collect();
        if pieces.is_empty() {
            piece.label = block.label.clone();
            piece.id = block.id.clone();
        }
        if !piece.text.is_empty() {
            pieces.push(piece);
        }
        (start_byte, start_char) = (end_byte, end_char);
    }
    pieces
}

/// Where the piece starting at `start_byte` (char `start_char`) ends, as a
/// byte and a char offset: after the last sentence end, else the last space,
/// in the last quarter of `max_chars`; else after `max_chars` chars.
fn piece_end(text: &str, start_byte: usize, start_char: usize, max_chars: usize) -> (usize, usize) {
    let window_from = max_chars * 3 / 4;
    let (mut sentence_end, mut space) = (None, None);
    let mut seen = 0;
    for (offset, c) in text[start_byte..].char_indices() {
        if seen == max_chars {
            let limit = (start_byte + offset, start_char + seen);
            return sentence_end.or(space).unwrap_or(limit);
        }
        seen += 1;
        if seen > window_from {
            let after = (start_byte + offset + c.len_utf8(), start_char + seen);
            if matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | ';' | '；') {
                sentence_end = Some(after);
            } else if c.is_whitespace() {
                space = Some(after);
            }
        }
    }
    (text.len(), start_char + seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    #[test]
    fn long_paragraphs_are_split_at_sentence_ends_with_their_note_marks() {
        let sentence = "Kế hoạch hóa gia đình là quốc sách. ";
        let mut block = Block::new(BlockKind::Paragraph, sentence.repeat(100).trim_end());
        block.label = Some("1.".into());
        let length = block.text.chars().count();
        block.notes = [5, 2000, length]
            .iter()
            .map(|&offset| NoteRef {
                id: format!("footnote-{offset}"),
                label: "1".into(),
                offset,
            })
            .collect();
        let pieces = split_long_block(block, 1000);
        assert_eq!(pieces.len(), 4);
        assert!(pieces.iter().all(|p| p.text.chars().count() <= 1000));
        assert!(pieces[..3].iter().all(|p| p.text.ends_with("quốc sách.")));
        assert_eq!(pieces[0].label.as_deref(), Some("1."));
        assert!(pieces[1].label.is_none());
        let joined: Vec<String> = pieces.iter().map(|p| p.text.clone()).collect();
        assert_eq!(joined.join(" "), sentence.repeat(100).trim_end());
        // Each mark stays before the same character, in its piece.
        let marks: Vec<(usize, usize)> = pieces
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.notes.iter().map(move |n| (i, n.offset)))
            .collect();
        let first_len = pieces[0].text.chars().count();
        assert_eq!(marks[0], (0, 5));
        assert_eq!(
            marks[1],
            (
                2,
                2000 - (first_len + 1) - (pieces[1].text.chars().count() + 1)
            )
        );
        assert_eq!(marks[2], (3, pieces[3].text.chars().count()));

        // Chinese without spaces or sentence ends is cut at the limit.
        let han = Block::new(BlockKind::Paragraph, "人口".repeat(1500));
        let lengths: Vec<usize> = split_long_block(han, 1000)
            .iter()
            .map(|p| p.text.chars().count())
            .collect();
        assert_eq!(lengths, [1000, 1000, 1000]);
    }
}
