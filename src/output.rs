//! The JSON record written for each document: the contract documented in
//! `schema/record.schema.json`. One record is one line of JSON Lines.
//!
//! Every record has every top-level key, so consumers need no special cases:
//! a failed document has `error`, `"format": null` when its kind was not
//! recognised, `"sha256": null` when it could not be read, and no blocks.

use crate::facts::DocumentFacts;
use crate::model::{Block, BlockKind, DocError, Format, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

/// One document's result.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub path: String,
    pub format: Option<Format>,
    pub sha256: Option<String>,
    pub bytes: u64,
    pub lang: Lang,
    pub meta: BTreeMap<String, String>,
    /// The document's identity, citations and outline (`src/facts.rs`).
    pub document: DocumentFacts,
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<DocError>,
}

impl Record {
    /// A record for `path` with nothing known about it yet.
    pub fn empty(path: impl Into<String>) -> Self {
        Record {
            path: path.into(),
            format: None,
            sha256: None,
            bytes: 0,
            lang: Lang::Und,
            meta: BTreeMap::new(),
            document: DocumentFacts::default(),
            blocks: Vec::new(),
            warnings: Vec::new(),
            error: None,
        }
    }

    /// Writes the record as one line of JSON, newline included, straight
    /// into `out`: a large record is never held twice.
    pub fn write_json_line(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, self).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    }

    /// Roughly how many bytes of JSON the record makes: its text, and a
    /// little for each block, sentence and term hit.
    pub fn estimated_json_bytes(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.len() + 64 + b.sentences.len() * 28 + b.terms.len() * 160)
            .sum()
    }

    /// The record as one line of JSON, newline included.
    pub fn to_json_line(&self) -> String {
        let mut line = serde_json::to_string(self)
            .expect("records contain only strings, numbers and maps with string keys");
        line.push('\n');
        line
    }
}

/// The text of `blocks` one block per line, as `plangloss text` prints it:
/// line breaks inside a block become spaces so that each block stays one line;
/// a list label comes before its item's text ("2. Kiểu trình bày"), note
/// marks show as `[1]` where they stand, and a note starts with its own mark.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match (&block.label, block.kind) {
            (Some(label), BlockKind::Footnote) => out.push_str(&format!("[{label}] ")),
            (Some(label), _) => out.push_str(&format!("{label} ")),
            (None, _) => {}
        }
        let mut notes = block.notes.iter().peekable();
        let mut marks_at = |offset: usize, out: &mut String| {
            while let Some(note) = notes.next_if(|n| n.offset <= offset) {
                out.push_str(&format!("[{}]", note.label));
            }
        };
        let mut length = 0;
        for (offset, c) in block.text.chars().enumerate() {
            marks_at(offset, &mut out);
            out.push(if c == '\n' { ' ' } else { c });
            length = offset + 1;
        }
        marks_at(length, &mut out);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ErrorKind, NoteRef};

    #[test]
    fn error_records_keep_every_key() {
        let mut record = Record::empty("a.doc");
        record.error = Some(DocError::new(
            ErrorKind::UnsupportedFormat,
            "Word 97-2003 .doc is not supported; save it as .docx",
        ));
        let value: serde_json::Value = serde_json::from_str(&record.to_json_line()).unwrap();
        for key in [
            "path", "format", "sha256", "bytes", "lang", "meta", "blocks", "warnings", "error",
        ] {
            assert!(value.get(key).is_some(), "missing {key}");
        }
        assert_eq!(value["error"]["kind"], "unsupported_format");
        assert_eq!(value["lang"], "und");
    }

    #[test]
    fn blocks_omit_absent_options() {
        let mut record = Record::empty("a.txt");
        record
            .blocks
            .push(Block::new(BlockKind::ListItem, "1. Mục đích").with_level(1));
        let line = record.to_json_line();
        assert!(
            line.contains(r#""kind":"list_item","level":1,"lang":"und""#),
            "{line}"
        );
        assert!(!line.contains("\"page\""));
        assert!(line.ends_with("}\n"));
    }

    #[test]
    fn plain_text_shows_labels_and_note_marks() {
        let mut item = Block::new(BlockKind::ListItem, "Kiểu trình bày\nmới");
        item.label = Some("2.".into());
        item.notes = vec![
            NoteRef {
                id: "footnote-1".into(),
                label: "1".into(),
                offset: 4,
            },
            NoteRef {
                id: "footnote-2".into(),
                label: "2".into(),
                offset: 18,
            },
        ];
        let mut note = Block::new(BlockKind::Footnote, "Ghi chú.");
        note.label = Some("1".into());
        assert_eq!(
            plain_text(&[item, note]),
            "2. Kiểu[1] trình bày mới[2]\n[1] Ghi chú.\n"
        );
    }
}
