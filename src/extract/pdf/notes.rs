//! Footnotes of PDFs without a structure tree: the notes printed at the
//! foot of a page become `footnote` blocks after the body, and the raised
//! marks in the body that point at them become note references, as the
//! DOCX reader gives them.
//!
//! Layout writes each raised mark as [`NOTE_ANCHOR`], its label, then
//! [`MARK_END`]. A page's notes are its last paragraphs when they sit in
//! the lower part of the page, are set smaller than the body text, and the
//! first of them starts with a label (`1`, `12`, `*`, raised or not);
//! following small paragraphs without a label continue the note before.

use super::layout::Paragraph;
use crate::model::{Block, BlockKind, NoteRef};
use crate::normalize::NOTE_ANCHOR;

/// Ends a note mark that layout wrote after [`NOTE_ANCHOR`].
pub const MARK_END: char = '\u{FDD1}';
/// Notes sit below this share of the page height, from the bottom.
const NOTE_AREA: f64 = 0.45;
/// Notes are set at most this size relative to the body text.
const NOTE_SIZE: f64 = 0.92;

/// A note taken from the foot of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub page: u32,
    pub label: String,
    pub text: String,
    /// Set once a mark in the body points at the note.
    pub id: Option<String>,
    /// The lowest OCR confidence of its paragraphs (0–1); `None` for a
    /// text layer.
    pub ocr_confidence: Option<f32>,
}

/// Removes the notes at the foot of a page from `paragraphs` and returns
/// them. `bottom`/`top` are the page's vertical extent, `body_size` the
/// size of its body text.
pub fn take_notes(
    page: u32,
    paragraphs: &mut Vec<Paragraph>,
    (bottom, top): (f64, f64),
    body_size: Option<f64>,
) -> Vec<Note> {
    let Some(body_size) = body_size else {
        return Vec::new();
    };
    let in_area = |p: &Paragraph| {
        p.upright && p.top <= bottom + NOTE_AREA * (top - bottom) && p.size <= NOTE_SIZE * body_size
    };
    let tail = paragraphs.iter().rev().take_while(|p| in_area(p)).count();
    // The notes begin at the first labelled paragraph of the small tail.
    let start = paragraphs.len() - tail;
    let Some(first) =
        (start..paragraphs.len()).find(|&i| split_label(&paragraphs[i].text).is_some())
    else {
        return Vec::new();
    };
    let mut notes: Vec<Note> = Vec::new();
    for p in paragraphs.drain(first..) {
        match (split_label(&p.text), notes.last_mut()) {
            (Some((label, text)), _) => notes.push(Note {
                page,
                label,
                text,
                id: None,
                ocr_confidence: p.ocr_confidence,
            }),
            (None, Some(note)) => {
                note.text.push('\n');
                note.text.push_str(&plain(&p.text));
                note.ocr_confidence = match (note.ocr_confidence, p.ocr_confidence) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            (None, None) => {}
        }
    }
    notes
}

/// The label a note starts with and the rest of its text.
fn split_label(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix(NOTE_ANCHOR).unwrap_or(text);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '*')
        .take(3)
        .collect();
    if label.is_empty() || label.starts_with('0') {
        return None;
    }
    let after = rest[label.len()..].trim_start_matches(MARK_END);
    let body = after.trim_start();
    // "2025 là năm…" starts with a number, not a label: a label is followed
    // by a space or a raised-mark end, and then by a letter.
    let separated = after.len() != rest[label.len()..].len() || body.len() != after.len();
    (separated && body.chars().next().is_some_and(char::is_alphabetic))
        .then(|| (label, plain(body)))
}

/// `text` with note marks written back as plain digits.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|&c| c != NOTE_ANCHOR && c != MARK_END)
        .collect()
}

/// Turns the note marks in a body paragraph into note references to
/// `notes` (the first unlinked note of that label on the page or a later
/// one, so that numbering restarting on each page still links right);
/// a mark with no such note reads as raised digits (¹²³). Ids are
/// `footnote-N`, numbered in the order notes are first linked.
pub fn link(
    text: &str,
    page: u32,
    notes: &mut [Note],
    next_id: &mut usize,
) -> (String, Vec<NoteRef>) {
    let mut out = String::with_capacity(text.len());
    let mut refs = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(NOTE_ANCHOR) {
        out.push_str(&rest[..start]);
        let after = &rest[start + NOTE_ANCHOR.len_utf8()..];
        let end = after.find(MARK_END).unwrap_or(after.len());
        let label = &after[..end];
        rest = after[end..].strip_prefix(MARK_END).unwrap_or(&after[end..]);
        let target = notes
            .iter_mut()
            .find(|n| n.id.is_none() && n.page >= page && n.label == label);
        match target {
            Some(note) => {
                *next_id += 1;
                let id = format!("footnote-{next_id}");
                note.id = Some(id.clone());
                out.push(NOTE_ANCHOR);
                refs.push(NoteRef {
                    id,
                    label: label.to_string(),
                    offset: 0,
                });
            }
            None => out.extend(label.chars().map(superscript)),
        }
    }
    out.push_str(rest);
    (out, refs)
}

/// The footnote blocks, in the order of their marks; notes no mark points
/// at come after, in page order, with ids of their own.
pub fn blocks(mut notes: Vec<Note>, mut next_id: usize) -> Vec<Block> {
    for note in notes.iter_mut().filter(|n| n.id.is_none()) {
        next_id += 1;
        note.id = Some(format!("footnote-{next_id}"));
    }
    notes.sort_by_key(|n| {
        n.id.as_deref()
            .and_then(|id| id.strip_prefix("footnote-"))
            .and_then(|n| n.parse::<usize>().ok())
    });
    notes
        .into_iter()
        .map(|n| {
            let mut block = Block::new(BlockKind::Footnote, n.text)
                .with_page(n.page)
                .with_ocr(n.ocr_confidence);
            block.label = Some(n.label);
            block.id = n.id;
            block
        })
        .collect()
}

fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(label: &str) -> String {
        format!("{NOTE_ANCHOR}{label}{MARK_END}")
    }

    #[test]
    fn notes_at_the_foot_link_to_their_marks() {
        let mut paragraphs = vec![
            Paragraph::plain(
                &format!("Tỷ lệ tiêm chủng đạt 95%.{}", mark("1")),
                700.0,
                12.0,
            ),
            Paragraph::plain("Năm 2025 là năm cuối.", 600.0, 12.0),
            Paragraph::plain(&format!("{}Số liệu ước thực hiện.", mark("1")), 80.0, 10.0),
            Paragraph::plain("Nguồn: Sở Y tế.", 68.0, 10.0),
        ];
        let mut notes = take_notes(1, &mut paragraphs, (0.0, 842.0), Some(12.0));
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Số liệu ước thực hiện.\nNguồn: Sở Y tế.");
        let mut next = 0;
        let (text, refs) = link(&paragraphs[0].text, 1, &mut notes, &mut next);
        assert_eq!(text, format!("Tỷ lệ tiêm chủng đạt 95%.{NOTE_ANCHOR}"));
        assert_eq!(refs[0].id, "footnote-1");
        assert_eq!(refs[0].label, "1");
        let blocks = blocks(notes, next);
        assert_eq!(blocks[0].kind, BlockKind::Footnote);
        assert_eq!(blocks[0].label.as_deref(), Some("1"));
        assert_eq!(blocks[0].id.as_deref(), Some("footnote-1"));
    }

    #[test]
    fn a_note_read_by_ocr_is_an_ocr_block_as_sure_as_its_least_sure_line() {
        let read = |text: &str, top: f64, confidence: f32| Paragraph {
            ocr_confidence: Some(confidence),
            ..Paragraph::plain(text, top, 10.0)
        };
        let mut paragraphs = vec![
            Paragraph {
                ocr_confidence: Some(0.95),
                ..Paragraph::plain("Nội dung chính.", 700.0, 12.0)
            },
            read("1 Người cao tuổi là công dân Việt Nam", 80.0, 0.9),
            read("từ đủ 60 tuổi trở lên.", 68.0, 0.7),
        ];
        let notes = take_notes(1, &mut paragraphs, (0.0, 842.0), Some(12.0));
        let blocks = blocks(notes, 0);
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].ocr);
        assert_eq!(blocks[0].confidence, Some(0.7));
    }

    #[test]
    fn small_text_at_the_foot_without_a_label_is_body() {
        let mut paragraphs = vec![
            Paragraph::plain("Nội dung chính.", 700.0, 12.0),
            Paragraph::plain("2025 là năm bản lề.", 80.0, 10.0),
        ];
        assert!(take_notes(1, &mut paragraphs, (0.0, 842.0), Some(12.0)).is_empty());
        assert_eq!(paragraphs.len(), 2);
    }

    #[test]
    fn unmatched_marks_read_as_raised_digits() {
        let mut next = 0;
        let (text, refs) = link(&format!("m{}", mark("2")), 1, &mut [], &mut next);
        assert_eq!(text, "m²");
        assert!(refs.is_empty());
    }

    #[test]
    fn labels_need_a_separator_and_a_letter() {
        assert_eq!(
            split_label("1 Chú thích"),
            Some(("1".into(), "Chú thích".into()))
        );
        assert_eq!(
            split_label(&format!("{}注释", mark("12"))),
            Some(("12".into(), "注释".into()))
        );
        assert_eq!(split_label("1979 là năm"), None);
        assert_eq!(split_label("2025 là năm"), None);
        assert_eq!(split_label("3.5 triệu"), None);
    }
}
