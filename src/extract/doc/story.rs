//! Reads one story (a CP range: the main text, a note, a header, a text
//! box) into paragraphs of Unicode text.
//!
//! What counts as text: characters not hidden nor deleted by a tracked
//! change, field results but not field codes (page-number fields give
//! nothing), symbols mapped from their font, line breaks as `\n`. Each
//! paragraph's runs go with their font names through the document's
//! [`LegacyDecoder`], so text typed in TCVN3 or VNI fonts comes out as
//! Unicode. Note reference marks become [`NOTE_ANCHOR`]s with a [`NoteRef`].

use super::props::{CharProps, ParaProps, RunTable};
use super::styles::StyleSheet;
use super::text::Text;
use crate::budget::RecordBudget;
use crate::legacy::{FontRun, LegacyDecoder, legacy_font};
use crate::model::{DocError, Limits, NoteRef};
use crate::normalize::NOTE_ANCHOR;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// A note reference mark in the main text: the note's id and label.
#[derive(Debug, Clone)]
pub(super) struct NoteMark {
    pub id: String,
    /// The number shown, or `None` for a custom mark (the mark's own
    /// characters are then the label).
    pub label: Option<String>,
}

/// What ended a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// A paragraph mark (0x0D).
    Paragraph,
    /// A table cell or row-end mark (0x07).
    Cell,
    /// A page or section break (0x0C).
    Break,
    /// The end of the story without a mark.
    Story,
}

/// One paragraph of a story.
#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    /// Unicode text with a [`NOTE_ANCHOR`] where each note mark stands.
    pub text: String,
    pub notes: Vec<NoteRef>,
    pub props: ParaProps,
    pub end: End,
    /// The CPs of the paragraph, its mark included.
    pub cps: Range<u32>,
}

impl Paragraph {
    /// True when the paragraph has no text besides whitespace and note marks.
    pub(super) fn is_empty(&self) -> bool {
        self.text
            .trim_matches(|c: char| c.is_whitespace() || c == NOTE_ANCHOR)
            .is_empty()
    }
}

/// The parts of a document a story reader looks things up in.
#[derive(Clone, Copy)]
pub(super) struct Sources<'a> {
    pub text: &'a Text,
    pub chars: &'a RunTable<CharProps>,
    pub paragraphs: &'a RunTable<ParaProps>,
    pub styles: &'a StyleSheet,
    pub fonts: &'a [String],
    /// Note reference marks of the main text by CP.
    pub note_marks: &'a HashMap<u32, NoteMark>,
    /// Deepest field nesting accepted (`max_depth`), and the record budget
    /// each paragraph read is charged to.
    pub limits: &'a Limits,
}

/// A field being read: its code so far, and whether its result has started.
#[derive(Default)]
struct Field {
    code: String,
    in_result: bool,
    /// Known once the result starts.
    page_number: bool,
}

impl Field {
    /// Page numbers are layout, not text, and differ on every page.
    fn is_page_number(&self) -> bool {
        crate::extract::is_page_number_field(&self.code)
    }
}

/// The font of the last run looked up: runs are long, lookups walk styles.
#[derive(Clone, Copy)]
struct FontChoice<'a> {
    props: CharProps,
    paragraph_style: u16,
    name: Option<&'a str>,
    symbol: bool,
}

/// Text of one paragraph gathered run by run, each run with its font and
/// whether it is raised (`Some(true)`) or lowered.
#[derive(Default)]
struct Runs<'f> {
    runs: Vec<(String, Option<&'f str>, Option<bool>)>,
    notes: Vec<NoteRef>,
    high_surrogate: Option<u16>,
    /// Raised or lowered, for the chars pushed next.
    shift: Option<bool>,
}

impl<'f> Runs<'f> {
    fn push(&mut self, c: char, font: Option<&'f str>) {
        let shift = self.shift;
        match self.runs.last_mut() {
            Some((text, f, s)) if *f == font && *s == shift => text.push(c),
            _ => self.runs.push((c.to_string(), font, shift)),
        }
    }

    /// The runs as the legacy decoder takes them: raised or lowered text
    /// not in a legacy font written with the Unicode raised or lowered
    /// forms where it has them ("m²"), as the DOCX reader does.
    fn font_runs(&self) -> Vec<(Cow<'_, str>, Option<&'f str>)> {
        self.runs
            .iter()
            .map(|(text, font, shift)| {
                let shifted = shift
                    .filter(|_| font.and_then(legacy_font).is_none())
                    .and_then(|up| crate::symbols::shifted(text, up));
                (
                    shifted.map_or(Cow::Borrowed(text.as_str()), Cow::Owned),
                    *font,
                )
            })
            .collect()
    }

    /// Pushes one UTF-16 unit, pairing surrogates; a lone one is U+FFFD.
    fn push_unit(&mut self, unit: u16, font: Option<&'f str>) {
        if (0xD800..0xDC00).contains(&unit) {
            if self.high_surrogate.replace(unit).is_some() {
                self.push(char::REPLACEMENT_CHARACTER, font);
            }
            return;
        }
        let c = match self.high_surrogate.take() {
            Some(high) => char::decode_utf16([high, unit]).next(),
            None => char::decode_utf16([unit]).next(),
        };
        self.push(c.and_then(Result::ok).unwrap_or('\u{FFFD}'), font);
    }
}

/// Reads stories of one document, all through one legacy decoder.
pub(super) struct StoryReader<'a> {
    sources: Sources<'a>,
    /// CPs that may still be read: stories of a sound document do not
    /// overlap, so reading much more than the text means damage.
    budget: u64,
    /// True once text of a tracked insertion or deletion was met.
    pub tracked_changes: bool,
    last_font: Option<FontChoice<'a>>,
    /// The record's memory: each paragraph is charged as a block, so that
    /// millions of empty paragraphs stop early.
    record: RecordBudget,
}

impl<'a> StoryReader<'a> {
    /// A reader over `sources`.
    pub(super) fn new(sources: Sources<'a>) -> Self {
        StoryReader {
            budget: 2 * u64::from(sources.text.len()) + 4096,
            record: RecordBudget::new(sources.limits),
            sources,
            tracked_changes: false,
            last_font: None,
        }
    }

    /// The paragraphs of the CPs `range` (clamped to the text), decoded by
    /// `decoder`. Fields nested deeper than the limit, and stories read over
    /// and over (overlapping ranges of a damaged file), are `corrupt`.
    pub(super) fn read(
        &mut self,
        range: Range<u32>,
        decoder: &mut LegacyDecoder,
    ) -> Result<Vec<Paragraph>, DocError> {
        let text = self.sources.text;
        let end = range.end.min(text.len());
        self.budget = self
            .budget
            .checked_sub(u64::from(end.saturating_sub(range.start)))
            .ok_or_else(|| DocError::corrupt("Word document stories overlap"))?;
        let mut fields: Vec<Field> = Vec::new();
        let mut paragraphs = Vec::new();
        let mut cp = range.start;
        while cp < end {
            let (mark, kind) = (cp..end)
                .find_map(|c| match text.units[c as usize] {
                    0x0D => Some((c, End::Paragraph)),
                    0x07 => Some((c, End::Cell)),
                    0x0C => Some((c, End::Break)),
                    _ => None,
                })
                .unwrap_or((end, End::Story));
            let last = if kind == End::Story { end - 1 } else { mark };
            let mut props = self.sources.paragraphs.at(text.fcs[last as usize]);
            if let Some(sprms) = text.modifier(last) {
                props.apply(sprms);
            }
            let mut runs = Runs::default();
            for c in cp..mark {
                self.read_char(c, props.style, &mut fields, &mut runs)?;
            }
            let texts = runs.font_runs();
            let pieces: Vec<FontRun> = texts
                .iter()
                .map(|(text, font)| FontRun { text, font: *font })
                .collect();
            let stop = if kind == End::Story { end } else { mark + 1 };
            self.record.charge_blocks(1)?;
            paragraphs.push(Paragraph {
                text: decoder.decode_runs(&pieces),
                notes: runs.notes,
                props,
                end: kind,
                cps: cp..stop,
            });
            cp = stop;
        }
        Ok(paragraphs)
    }

    /// Reads the character at `cp` of a paragraph in `paragraph_style` into
    /// `runs`, or into the code of the innermost of `fields`.
    fn read_char(
        &mut self,
        cp: u32,
        paragraph_style: u16,
        fields: &mut Vec<Field>,
        runs: &mut Runs<'a>,
    ) -> Result<(), DocError> {
        let sources = self.sources;
        let index = cp as usize;
        let unit = sources.text.units[index];
        match unit {
            0x13 => {
                if fields.len() >= sources.limits.max_depth {
                    return Err(DocError::corrupt(format!(
                        "Word fields nested deeper than {}",
                        sources.limits.max_depth
                    )));
                }
                fields.push(Field::default());
                return Ok(());
            }
            0x14 => {
                if let Some(field) = fields.last_mut() {
                    field.in_result = true;
                    field.page_number = field.is_page_number();
                }
                return Ok(());
            }
            0x15 => {
                fields.pop();
                return Ok(());
            }
            _ => {}
        }
        if let Some(field) = fields.last_mut().filter(|f| !f.in_result) {
            if let Some(c) = char::from_u32(u32::from(unit)) {
                field.code.push(c);
            }
            return Ok(());
        }
        if fields.iter().any(|f| f.page_number) {
            return Ok(());
        }
        let mut props = sources.chars.at(sources.text.fcs[index]);
        if let Some(sprms) = sources.text.modifier(cp) {
            props.apply(sprms);
        }
        if props.deleted || props.inserted {
            self.tracked_changes = true;
        }
        if props.deleted || props.hidden {
            return Ok(());
        }
        if let Some(mark) = sources.note_marks.get(&cp) {
            let label = match &mark.label {
                Some(label) => label.clone(),
                None => char::from_u32(u32::from(unit))
                    .filter(|c| !c.is_control())
                    .map(String::from)
                    .unwrap_or_default(),
            };
            runs.push(NOTE_ANCHOR, None);
            runs.notes.push(NoteRef {
                id: mark.id.clone(),
                label,
                offset: 0,
            });
            return Ok(());
        }
        let FontChoice {
            name: font, symbol, ..
        } = self.font(props, paragraph_style);
        runs.shift = props.shift;
        match unit {
            0x0B | 0x0E => runs.push('\n', font),
            0x09 => runs.push('\t', font),
            0x1E => runs.push('-', font),
            // Word's optional hyphen is where LibreOffice writes a TCVN3
            // soft-hyphen byte, the letter ư: in a legacy font it is that byte.
            0x1F if font.and_then(legacy_font).is_some() => runs.push('\u{AD}', font),
            0x28 if props.symbol.is_some() => {
                let (ftc, code) = props.symbol.unwrap_or_default();
                let symbol_font = sources.fonts.get(usize::from(ftc));
                if let Some(c) =
                    symbol_font.and_then(|f| crate::symbols::to_unicode(f, u32::from(code)))
                {
                    runs.push(c, None);
                }
            }
            NOTE_ANCHOR_UNIT => {}
            // Pictures, drawn objects, annotation and note marks, optional
            // hyphens and other controls carry no text.
            0x00..=0x1F => {}
            _ if (0xF020..=0xF0FF).contains(&unit) || (symbol && unit <= 0xFF) => {
                let code = u32::from(unit);
                if let Some(c) = crate::symbols::to_unicode(font.unwrap_or_default(), code) {
                    runs.push(c, None);
                }
            }
            _ => runs.push_unit(unit, font),
        }
        Ok(())
    }

    /// The font a run is drawn in: its own, else its character style's,
    /// else its paragraph style's, else the document default; and whether it
    /// is a symbol font (Symbol, Wingdings), whose 8-bit codes are mapped
    /// to the characters they draw.
    fn font(&mut self, props: CharProps, paragraph_style: u16) -> FontChoice<'a> {
        if let Some(last) = self
            .last_font
            .filter(|f| f.props == props && f.paragraph_style == paragraph_style)
        {
            return last;
        }
        let styles = self.sources.styles;
        let name = props
            .font
            .or_else(|| props.style.and_then(|s| styles.font(s)))
            .or_else(|| styles.font(paragraph_style))
            .or(styles.default_font())
            .and_then(|ftc| self.sources.fonts.get(usize::from(ftc)))
            .map(String::as_str);
        let symbol = name.is_some_and(|f| {
            let f = f.trim().to_ascii_lowercase();
            f == "symbol" || f.starts_with("wingdings")
        });
        let choice = FontChoice {
            props,
            paragraph_style,
            name,
            symbol,
        };
        self.last_font = Some(choice);
        choice
    }
}

/// Our note anchor must not come from the document itself.
const NOTE_ANCHOR_UNIT: u16 = NOTE_ANCHOR as u16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::doc::props::{character_runs, paragraph_runs};
    use crate::extract::doc::text::tests::clx_with;
    use crate::model::Limits;

    /// A bin table and FKP page (page 1 of the stream) giving contiguous
    /// runs (start FC, end FC, sprms) their properties.
    fn character_fkp(runs: &[(u32, u32, &[u8])]) -> (Vec<u8>, Vec<u8>) {
        let mut fkp = vec![0u8; 512];
        let count = runs.len();
        for (i, (start, end, _)) in runs.iter().enumerate() {
            fkp[i * 4..i * 4 + 4].copy_from_slice(&start.to_le_bytes());
            fkp[i * 4 + 4..i * 4 + 8].copy_from_slice(&end.to_le_bytes());
        }
        let mut at = 510;
        for (i, (_, _, sprms)) in runs.iter().enumerate() {
            at = (at - sprms.len() - 1) & !1;
            fkp[at] = sprms.len() as u8;
            fkp[at + 1..at + 1 + sprms.len()].copy_from_slice(sprms);
            fkp[(count + 1) * 4 + i] = (at / 2) as u8;
        }
        fkp[511] = count as u8;
        let mut bin = Vec::new();
        for v in [0u32, u32::MAX, 1] {
            bin.extend(v.to_le_bytes());
        }
        (bin, fkp)
    }

    /// What reading all of `word` as 8-bit pieces `pieces` (cp start, cp
    /// end, byte offset, prm) with `prcs` and character `runs` gives: the
    /// paragraphs, and whether tracked changes were met. Fonts are Arial,
    /// .VnTime and Symbol; `marks` are the note marks.
    fn paragraphs(
        word: &[u8],
        prcs: &[&[u8]],
        pieces: &[(u32, u32, u32, u16)],
        runs: &[(u32, u32, &[u8])],
        marks: &HashMap<u32, NoteMark>,
    ) -> Result<(Vec<Paragraph>, bool), DocError> {
        let compressed: Vec<_> = pieces
            .iter()
            .map(|&(a, b, at, prm)| (a, b, (1 << 30) | (at * 2), prm))
            .collect();
        let (bin, fkp) = character_fkp(runs);
        let mut stream = word.to_vec();
        stream.resize(512, 0);
        stream.extend(fkp);
        let text = Text::read(&stream, &clx_with(prcs, &compressed), &Limits::default())?;
        let chars = character_runs(&bin, &stream);
        let (paragraph_props, _) = paragraph_runs(&[], &[]);
        let styles = StyleSheet::parse(&[]);
        let fonts = ["Arial", ".VnTime", "Symbol"].map(String::from);
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        let mut reader = StoryReader::new(Sources {
            text: &text,
            chars: &chars,
            paragraphs: &paragraph_props,
            styles: &styles,
            fonts: &fonts,
            note_marks: marks,
            limits: &limits,
        });
        let read = reader.read(0..text.len(), &mut LegacyDecoder::new())?;
        Ok((read, reader.tracked_changes))
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<(&str, End)> {
        paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.end))
            .collect()
    }

    #[test]
    fn fast_saved_pieces_give_their_font() {
        let word = b"Hi Quy\xD5t \xAE\xDEnh\r";
        let font = [0x4F, 0x4A, 1, 0];
        let read = paragraphs(
            word,
            &[&font],
            &[(0, 3, 0, 0), (3, 14, 3, 1)],
            &[],
            &HashMap::new(),
        )
        .unwrap()
        .0;
        assert_eq!(texts(&read), [("Hi Quyết định", End::Paragraph)]);
    }

    #[test]
    fn fields_breaks_marks_and_controls() {
        let word = b"a\x13 PAGE \x147\x15b\x13 REF x \x14c\x15\x0bd\x1e\x1f\x01e\x02\x07f\x0cg";
        let len = word.len() as u32;
        let marks = HashMap::from([(
            29,
            NoteMark {
                id: "footnote-1".into(),
                label: Some("1".into()),
            },
        )]);
        let (read, _) = paragraphs(word, &[], &[(0, len, 0, 0)], &[], &marks).unwrap();
        assert_eq!(
            texts(&read),
            [
                ("abc\nd-e\u{FDD0}", End::Cell),
                ("f", End::Break),
                ("g", End::Story)
            ]
        );
        assert_eq!(read[0].notes[0].id, "footnote-1");
        assert_eq!(read[1].cps, 31..33);
    }

    #[test]
    fn symbols_hidden_and_deleted_runs() {
        // "a(b" with '(' a Symbol character, "hid" hidden, "del" deleted,
        // then text in the private-use range of no symbol font.
        let word = b"a(bhiddelc\r";
        let symbol: &[u8] = &[0x09, 0x6A, 2, 0, 0x61, 0xF0];
        let runs: &[(u32, u32, &[u8])] = &[
            (1, 2, symbol),
            (2, 3, &[]),
            (3, 6, &[0x3C, 0x08, 1]),
            (6, 9, &[0x00, 0x08, 0x81]),
        ];
        let len = word.len() as u32;
        let (read, tracked) =
            paragraphs(word, &[], &[(0, len, 0, 0)], runs, &HashMap::new()).unwrap();
        assert_eq!(texts(&read), [("aαbc", End::Paragraph)]);
        assert!(tracked);
    }

    #[test]
    fn raised_digits_use_their_unicode_forms() {
        let word = b"40m2 x2y\r";
        let raised: &[u8] = &[0x48, 0x2A, 1];
        let runs: &[(u32, u32, &[u8])] =
            &[(0, 3, &[]), (3, 4, raised), (4, 6, &[]), (6, 8, raised)];
        let (read, _) = paragraphs(word, &[], &[(0, 9, 0, 0)], runs, &HashMap::new()).unwrap();
        // "2y" has no raised form as a whole: it stays as typed.
        assert_eq!(texts(&read), [("40m² x2y", End::Paragraph)]);
    }

    #[test]
    fn fields_nested_past_the_limit_are_corrupt() {
        let word = [0x13u8; 8];
        let err = paragraphs(&word, &[], &[(0, 8, 0, 0)], &[], &HashMap::new()).unwrap_err();
        assert_eq!(err.kind, crate::model::ErrorKind::Corrupt);
    }
}
